//! SQL functions whose state lives in the backend or shared memory
//! (PostgreSQL's `utils/adt/misc.c`, `pgstatfuncs.c`, `mcxtfuncs.c`,
//! `storage/ipc/signalfuncs.c`, `shmem.c`'s pg_get_shmem_allocations).
//! They are registered in pg-types' function manager (`pg_types::fmgr`, with
//! their `pg_proc` OIDs from its one OID table) at start-up; the
//! catalog's system views (`pg_stat_activity`, `pg_shmem_allocations`,
//! `pg_backend_memory_contexts`) are defined over the set-returning ones.

use crate::session::current_session;
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_proc::procarray;
use pg_types::{Datum, FuncDef, ScalarFn, SrfImpl, Volatility};
use std::time::Duration;

use pg_types::oid::{ANY, ANYELEMENT, BOOL, FLOAT8, INET, INT4, INT8, NAME, RECORD, REGCLASS, TEXT, TEXT_ARRAY, VOID};

/// How long a caller of `pg_get_backend_memory_contexts(pid)` waits.
const MEMORY_CONTEXT_REPORT_TIMEOUT: Duration = Duration::from_secs(5);

/// A strict scalar function; its OID comes from pg-types' OID table.
fn scalar(name: &'static str, args: &[u32], ret: u32, vol: Volatility, f: ScalarFn) -> FuncDef {
    FuncDef::scalar(name, args, ret, vol, f)
}

/// A system view's set-returning function: its rows at once, called with
/// NULL arguments too (NULL pid means every backend).
fn srf(
    name: &'static str,
    args: &[u32],
    columns: &[(&str, u32)],
    f: fn(&[Datum]) -> PgResult<Vec<Vec<Datum>>>,
) -> FuncDef {
    FuncDef::set_returning(name, args, RECORD, columns, Volatility::Volatile, SrfImpl::Materialize(f)).non_strict()
}

/// The product's name: a server with PostgreSQL 15's behaviour, not
/// PostgreSQL itself.
pub const PRODUCT_NAME: &str = "Ferrogres";

/// The product's own version (the crates stay at 0.0.0 until published).
pub const PRODUCT_VERSION: &str = "0.1.0";

/// `on x86_64-pc-linux-gnu, compiled by rustc 1.95.0, 64-bit`: the platform
/// part of PostgreSQL's version string.
fn platform() -> String {
    format!(
        "on {}-pc-linux-gnu, compiled by {}, {}-bit",
        std::env::consts::ARCH,
        env!("FERROGRES_RUSTC_VERSION"),
        usize::BITS
    )
}

/// `version()`: PostgreSQL's shape first (`PostgreSQL 15.18 on ...`), which
/// clients and drivers parse, then our own name and version in parentheses.
pub fn version_string() -> String {
    let v = pg_guc::vars::SERVER_VERSION.get();
    format!("PostgreSQL {v} {} ({PRODUCT_NAME} {PRODUCT_VERSION})", platform())
}

/// The postmaster's first log line, as PostgreSQL logs `starting PostgreSQL
/// 15.18 on ...`: `starting Ferrogres 0.1.0 (PostgreSQL 15.18 compatible)
/// on ...`.
pub fn startup_banner() -> String {
    let v = pg_guc::vars::SERVER_VERSION.get();
    format!("starting {PRODUCT_NAME} {PRODUCT_VERSION} (PostgreSQL {v} compatible) {}", platform())
}

fn session_role_name() -> Datum {
    current_session().map(|s| Datum::Text(s.role.name)).unwrap_or(Datum::Null)
}

fn int_arg(args: &[Datum], i: usize) -> Option<i64> {
    args.get(i).and_then(Datum::as_i64)
}

/// Permission rule of pg_signal_backend: superusers may signal anyone;
/// others only backends of their own role, and never a superuser's.
fn check_signal_permission(pid: i32, what: &str) -> PgResult<bool> {
    let Some(target) = procarray::find_proc_by_pid(pid) else {
        let w = PgError::notice(
            Severity::Warning,
            SqlState::WARNING,
            format!("PID {pid} is not a PostgreSQL backend process"),
        );
        crate::NOTICES.with(|n| n.borrow_mut().push(w));
        return Ok(false);
    };
    let me = current_session().map(|s| s.role);
    let superuser = me.as_ref().map(|r| r.superuser).unwrap_or(false);
    if !superuser {
        let my_oid = me.as_ref().map(|r| r.oid).unwrap_or(0);
        let target_is_super =
            crate::rolecache::role_by_oid(&crate::data_dir(), target.role_oid())?.map(|r| r.superuser).unwrap_or(false);
        let (object, verb) = if what == "cancel" { ("query", "canceled") } else { ("process", "terminated") };
        if target_is_super {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be a superuser to {what} superuser {object}"),
            ));
        }
        if target.role_oid() != my_oid {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be a member of the role whose {object} is being {verb} or member of pg_signal_backend"),
            ));
        }
    }
    Ok(true)
}

fn pg_backend_pid(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(std::process::id() as i32))
}

fn pg_cancel_backend(args: &[Datum]) -> PgResult<Datum> {
    let pid = int_arg(args, 0).unwrap_or(0) as i32;
    if !check_signal_permission(pid, "cancel")? {
        return Ok(Datum::Bool(false));
    }
    Ok(Datum::Bool(procarray::signal_backend(pid, libc::SIGINT)))
}

fn pg_terminate_backend(args: &[Datum]) -> PgResult<Datum> {
    let pid = int_arg(args, 0).unwrap_or(0) as i32;
    let timeout_ms = int_arg(args, 1).unwrap_or(0);
    if timeout_ms < 0 {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative"));
    }
    if !check_signal_permission(pid, "terminate")? {
        return Ok(Datum::Bool(false));
    }
    let sent = procarray::signal_backend(pid, libc::SIGTERM);
    if sent && timeout_ms > 0 {
        if wait_until_termination(pid, timeout_ms as u64)? {
            return Ok(Datum::Bool(true));
        }
        let w = PgError::notice(
            Severity::Warning,
            SqlState::WARNING,
            format!("backend with PID {pid} did not terminate within {timeout_ms} milliseconds"),
        );
        crate::NOTICES.with(|n| n.borrow_mut().push(w));
        return Ok(Datum::Bool(false));
    }
    Ok(Datum::Bool(sent))
}

/// `pg_wait_until_termination`: waits up to `timeout_ms` for backend `pid`
/// to leave the proc array, shown as wait event IPC/BackendTermination;
/// true when it did.
fn wait_until_termination(pid: i32, timeout_ms: u64) -> PgResult<bool> {
    let end = std::time::Instant::now() + Duration::from_millis(timeout_ms);
    procarray::report_wait_event(Some(procarray::WaitEvent::BackendTermination));
    let mut outcome = Ok(false);
    while std::time::Instant::now() < end {
        if procarray::find_proc_by_pid(pid).is_none() {
            outcome = Ok(true);
            break;
        }
        if let Err(e) = pg_proc::interrupts::interruptible_sleep(0.01) {
            outcome = Err(e);
            break;
        }
    }
    procarray::report_wait_event(None);
    outcome
}

fn pg_sleep(args: &[Datum]) -> PgResult<Datum> {
    let secs = args.first().and_then(Datum::as_f64).unwrap_or(0.0);
    procarray::report_wait_event(Some(procarray::WaitEvent::PgSleep));
    let r = pg_proc::interrupts::interruptible_sleep(secs);
    procarray::report_wait_event(None);
    r.map(|_| Datum::Null)
}

fn version(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(version_string()))
}

fn current_user(_: &[Datum]) -> PgResult<Datum> {
    Ok(session_role_name())
}

fn current_database(_: &[Datum]) -> PgResult<Datum> {
    Ok(current_session().map(|s| Datum::Text(s.database)).unwrap_or(Datum::Null))
}

fn opt_ts(v: Option<i64>) -> Datum {
    v.map(Datum::TimestampTz).unwrap_or(Datum::Null)
}

fn text_or_null(s: Option<&str>) -> Datum {
    s.map(|s| Datum::Text(s.to_string())).unwrap_or(Datum::Null)
}

fn pg_stat_get_activity(args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let only = int_arg(args, 0);
    let me = current_session().map(|s| s.role);
    let superuser = me.as_ref().map(|r| r.superuser).unwrap_or(false);
    let my_oid = me.map(|r| r.oid).unwrap_or(0);
    let mut out = Vec::new();
    for a in procarray::read_activity() {
        if let Some(pid) = only {
            if a.pid as i64 != pid {
                continue;
            }
        }
        let connected = a.datid != 0;
        // Like PostgreSQL, other roles' sessions hide their details from
        // non-superusers: "<insufficient privilege>".
        let visible = superuser || a.usesysid == my_oid;
        let client_addr = match &a.client_addr {
            Some(ip) if visible => pg_types::input(INET, -1, ip, &Default::default()).unwrap_or(Datum::Null),
            _ => Datum::Null,
        };
        // PostgreSQL 15's OUT columns, in its order (the view
        // pg_stat_activity names its database and role by joining
        // pg_database and pg_authid).
        out.push(vec![
            if connected { Datum::Oid(a.datid) } else { Datum::Null },
            Datum::Int4(a.pid),
            if connected { Datum::Oid(a.usesysid) } else { Datum::Null },
            Datum::Text(a.application_name.clone()),
            if visible { text_or_null(a.state) } else { Datum::Null },
            if visible { Datum::Text(a.query.clone()) } else { Datum::Text("<insufficient privilege>".into()) },
            if visible { text_or_null(a.wait_event_type) } else { Datum::Null },
            if visible { text_or_null(a.wait_event) } else { Datum::Null },
            if visible { opt_ts(a.xact_start) } else { Datum::Null },
            if visible { opt_ts(a.query_start) } else { Datum::Null },
            Datum::TimestampTz(a.backend_start),
            if visible { opt_ts(a.state_change) } else { Datum::Null },
            client_addr,
            Datum::Null,
            // An auxiliary process has no client (port 0 here): NULL, as
            // PostgreSQL shows it; a Unix-socket client has -1.
            if visible && a.client_port != 0 { Datum::Int4(a.client_port) } else { Datum::Null },
            a.backend_xid.map(|x| Datum::Xid(x as u32)).unwrap_or(Datum::Null),
            a.backend_xmin.map(|x| Datum::Xid(x as u32)).unwrap_or(Datum::Null),
            Datum::Text(a.backend_type.to_string()),
            // ssl, sslversion, sslcipher, sslbits, ssl_client_dn,
            // ssl_client_serial, ssl_issuer_dn: the server has no SSL.
            Datum::Bool(false),
            Datum::Null,
            Datum::Null,
            Datum::Null,
            Datum::Null,
            Datum::Null,
            Datum::Null,
            // gss_auth, gss_princ, gss_enc: nor GSSAPI.
            Datum::Bool(false),
            Datum::Null,
            Datum::Bool(false),
            // leader_pid (no parallel workers), query_id (compute_query_id off).
            Datum::Null,
            Datum::Null,
        ]);
    }
    Ok(out)
}

/// 42501 "permission denied for function NAME" unless the user has the
/// privileges of `role` (PostgreSQL 15 grants EXECUTE on the function to
/// that role only; `None`: to no one but superusers).
pub(crate) fn check_function_privilege(function: &str, role: Option<&str>) -> PgResult<()> {
    let allowed = match role {
        Some(role) => crate::session::has_privs_of_role(role),
        None => current_session().is_none_or(|s| s.role.superuser),
    };
    if allowed {
        return Ok(());
    }
    Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, format!("permission denied for function {function}")))
}

fn pg_get_shmem_allocations(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    check_function_privilege("pg_get_shmem_allocations", Some("pg_read_all_stats"))?;
    Ok(pg_shmem::shmem_allocations()
        .into_iter()
        .map(|a| {
            vec![
                a.name.map(Datum::Text).unwrap_or(Datum::Null),
                a.off.map(Datum::Int8).unwrap_or(Datum::Null),
                Datum::Int8(a.size),
                Datum::Int8(a.allocated_size),
            ]
        })
        .collect())
}

fn mcxt_rows(rows: Vec<pg_mcxt::ContextRow>) -> Vec<Vec<Datum>> {
    rows.into_iter()
        .map(|r| {
            vec![
                Datum::Text(r.name),
                r.ident.map(Datum::Text).unwrap_or(Datum::Null),
                r.parent.map(Datum::Text).unwrap_or(Datum::Null),
                Datum::Int4(r.level),
                Datum::Int8(r.total_bytes),
                Datum::Int8(r.total_nblocks),
                Datum::Int8(r.free_bytes),
                Datum::Int8(r.free_chunks),
                Datum::Int8(r.used_bytes),
            ]
        })
        .collect()
}

fn own_memory_contexts() -> Vec<pg_mcxt::ContextRow> {
    pg_mcxt::backend_memory_contexts()
}

/// Serialises this backend's tree for another backend (registered with pg-proc).
pub fn serialize_own_memory_contexts() -> Vec<u8> {
    pg_mcxt::encode_rows(&own_memory_contexts())
}

/// Writes this backend's memory contexts to the server log, one LOG line
/// per context, as `ProcessLogMemoryContextInterrupt` does for
/// `pg_log_backend_memory_contexts`: `level: N; name: ident: stats`.
pub fn log_own_memory_contexts() {
    // Every line hides the statement (errhidestmt), as MemoryContextStatsPrint's.
    tracing::info!(hide_statement = true, "logging memory contexts of PID {}", std::process::id());
    let mut grand = (0i64, 0i64, 0i64, 0i64, 0i64);
    for r in own_memory_contexts() {
        // The identifier (a query's text, say) follows the statistics, cut
        // to 100 bytes, control characters shown as spaces.
        let ident = match r.ident.as_deref().filter(|i| !i.is_empty()) {
            Some(i) => {
                let mut end = i.len().min(100);
                while !i.is_char_boundary(end) {
                    end -= 1;
                }
                let shown: String = i[..end].chars().map(|c| if c < ' ' { ' ' } else { c }).collect();
                format!(": {shown}{}", if end < i.len() { "..." } else { "" })
            }
            None => String::new(),
        };
        tracing::info!(
            hide_statement = true,
            "level: {}; {}: {} total in {} blocks; {} free ({} chunks); {} used{ident}",
            r.level,
            r.name,
            r.total_bytes,
            r.total_nblocks,
            r.free_bytes,
            r.free_chunks,
            r.used_bytes
        );
        grand.0 += r.total_bytes;
        grand.1 += r.total_nblocks;
        grand.2 += r.free_bytes;
        grand.3 += r.free_chunks;
        grand.4 += r.used_bytes;
    }
    tracing::info!(
        hide_statement = true,
        "Grand total: {} bytes in {} blocks; {} free ({} chunks); {} used",
        grand.0,
        grand.1,
        grand.2,
        grand.3,
        grand.4
    );
}

/// `pg_log_backend_memory_contexts(pid)`: asks a backend to log its memory
/// contexts; superusers only, as PostgreSQL 15 grants it to no one. A pid
/// that is not a backend gets a WARNING and false.
fn pg_log_backend_memory_contexts(args: &[Datum]) -> PgResult<Datum> {
    check_function_privilege("pg_log_backend_memory_contexts", None)?;
    let pid = int_arg(args, 0).unwrap_or(0) as i32;
    if procarray::find_proc_by_pid(pid).is_none() {
        let w = PgError::notice(
            Severity::Warning,
            SqlState::WARNING,
            format!("PID {pid} is not a PostgreSQL server process"),
        );
        crate::NOTICES.with(|n| n.borrow_mut().push(w));
        return Ok(Datum::Bool(false));
    }
    if pid == std::process::id() as i32 {
        // Our own: the signal would be handled at the next interrupt check
        // anyway; logging now keeps the lines before the result.
        log_own_memory_contexts();
        return Ok(Datum::Bool(true));
    }
    if !procarray::send_proc_signal(pid, procarray::procsignal::LOG_MEMORY_CONTEXT) {
        let w = PgError::notice(
            Severity::Warning,
            SqlState::WARNING,
            format!("could not send signal to process {pid}: {}", std::io::Error::last_os_error()),
        );
        crate::NOTICES.with(|n| n.borrow_mut().push(w));
        return Ok(Datum::Bool(false));
    }
    Ok(Datum::Bool(true))
}

fn pg_get_backend_memory_contexts(args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let Some(pid) = int_arg(args, 0) else {
        check_function_privilege("pg_get_backend_memory_contexts", Some("pg_read_all_stats"))?;
        return Ok(mcxt_rows(own_memory_contexts()));
    };
    let me = current_session().map(|s| s.role);
    if !me.map(|r| r.superuser).unwrap_or(false) {
        return Err(PgError::new(
            SqlState::INSUFFICIENT_PRIVILEGE,
            "must be superuser to read another backend's memory contexts",
        ));
    }
    if pid == std::process::id() as i64 {
        return Ok(mcxt_rows(own_memory_contexts()));
    }
    let bytes = pg_proc::mcxt_report::request_memory_contexts(pid as i32, MEMORY_CONTEXT_REPORT_TIMEOUT)?;
    let rows = pg_mcxt::decode_rows(&bytes)
        .map_err(|_| PgError::internal(format!("backend with PID {pid} sent a malformed memory context report")))?;
    Ok(mcxt_rows(rows))
}

fn opt_text(s: Option<String>) -> Datum {
    s.map(Datum::Text).unwrap_or(Datum::Null)
}

// ---- sysviews
/// `pg_show_all_file_settings()` (the `pg_file_settings` view, superuser
/// only): the configuration file's settings read afresh, and whether a
/// reload would apply each (pg-guc's `file_settings`).
fn pg_show_all_file_settings(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    check_function_privilege("pg_show_all_file_settings", None)?;
    let path = crate::config_file_path(&crate::data_dir());
    Ok(pg_guc::file_settings(&path)
        .into_iter()
        .map(|f| {
            let (file, line) = match f.source {
                Some((file, line)) => (Datum::Text(file), Datum::Int4(i32::try_from(line).unwrap_or(i32::MAX))),
                None => (Datum::Null, Datum::Null),
            };
            let (name, setting) = match f.item {
                Some((name, setting)) => (Datum::Text(name), Datum::Text(setting)),
                None => (Datum::Null, Datum::Null),
            };
            vec![
                file,
                line,
                Datum::Int4(f.seqno),
                name,
                setting,
                Datum::Bool(f.applied),
                f.error.map_or(Datum::Null, Datum::Text),
            ]
        })
        .collect())
}

/// `pg_hba_file_rules()` (the `pg_hba_file_rules` view, superuser only):
/// pg_hba.conf read afresh, one row per entry in file order, a bad line
/// with its error and the other columns NULL.
fn pg_hba_file_rules(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    use pg_protocol::hba::HbaAddress;
    check_function_privilege("pg_hba_file_rules", None)?;
    let path = crate::hba_file_path(&crate::data_dir());
    let text = std::fs::read_to_string(&path).map_err(|e| {
        PgError::new(SqlState::UNDEFINED_FILE, format!("could not open configuration file \"{}\": {e}", path.display()))
    })?;
    let texts = |v: Vec<String>| Datum::Array(v.into_iter().map(Datum::Text).collect());
    let line_number = |n: usize| Datum::Int4(i32::try_from(n).unwrap_or(i32::MAX));
    Ok(pg_protocol::hba::parse_hba_lines(&text)
        .into_iter()
        .map(|entry| match entry {
            Ok(l) => {
                let (address, netmask) = match &l.address {
                    None => (Datum::Null, Datum::Null),
                    Some(HbaAddress::All) => (Datum::Text("all".into()), Datum::Null),
                    Some(HbaAddress::SameHost) => (Datum::Text("samehost".into()), Datum::Null),
                    Some(HbaAddress::SameNet) => (Datum::Text("samenet".into()), Datum::Null),
                    Some(HbaAddress::Hostname(h)) => (Datum::Text(h.clone()), Datum::Null),
                    Some(HbaAddress::Mask { addr, mask }) => {
                        (Datum::Text(addr.to_string()), Datum::Text(mask.to_string()))
                    }
                };
                let options = if l.options.is_empty() {
                    Datum::Null
                } else {
                    texts(l.options.iter().map(|(k, v)| format!("{k}={v}")).collect())
                };
                vec![
                    line_number(l.line_number),
                    Datum::Text(l.conn_type.name().into()),
                    texts(l.databases.into_iter().map(|t| t.text).collect()),
                    texts(l.roles.into_iter().map(|t| t.text).collect()),
                    address,
                    netmask,
                    Datum::Text(l.method.name().into()),
                    options,
                    Datum::Null,
                ]
            }
            Err(e) => {
                let mut row = vec![Datum::Null; 9];
                row[0] = line_number(e.line_number);
                row[8] = Datum::Text(e.error.message.clone());
                row
            }
        })
        .collect())
}

/// The OUT columns of `pg_prepared_statement()`.
static PREPARED_STATEMENT_COLUMNS: &[(&str, u32)] = &[
    ("name", TEXT),
    ("statement", TEXT),
    ("prepare_time", pg_types::oid::TIMESTAMPTZ),
    ("parameter_types", 2211),
    ("from_sql", BOOL),
    ("generic_plans", INT8),
    ("custom_plans", INT8),
];

/// The OUT columns of `pg_hba_file_rules()`.
static HBA_FILE_RULES_COLUMNS: &[(&str, u32)] = &[
    ("line_number", INT4),
    ("type", TEXT),
    ("database", TEXT_ARRAY),
    ("user_name", TEXT_ARRAY),
    ("address", TEXT),
    ("netmask", TEXT),
    ("auth_method", TEXT),
    ("options", TEXT_ARRAY),
    ("error", TEXT),
];

/// The OUT columns of `pg_show_all_file_settings()`.
static FILE_SETTINGS_COLUMNS: &[(&str, u32)] = &[
    ("sourcefile", TEXT),
    ("sourceline", INT4),
    ("seqno", INT4),
    ("name", TEXT),
    ("setting", TEXT),
    ("applied", BOOL),
    ("error", TEXT),
];

/// pg_show_all_settings(): the rows of the `pg_settings` view, the 17
/// columns of PostgreSQL 15's. The rows are SHOW ALL's: superuser-only
/// settings are left out for other users, and so are their file locations.
fn pg_show_all_settings(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let mut out = Vec::new();
    for (name, _, _) in pg_guc::show_all() {
        let d = pg_guc::describe(&name)?;
        let enumvals = if d.enumvals.is_empty() {
            Datum::Null
        } else {
            Datum::Array(d.enumvals.iter().map(|v| Datum::Text(v.to_string())).collect())
        };
        let (sourcefile, sourceline) = match d.source_location {
            Some((file, line)) => (Datum::Text(file), Datum::Int4(line as i32)),
            None => (Datum::Null, Datum::Null),
        };
        out.push(vec![
            Datum::Text(d.name),
            Datum::Text(d.setting),
            opt_text(d.unit.map(str::to_string)),
            Datum::Text(d.category.to_string()),
            Datum::Text(d.short_desc.to_string()),
            opt_text(d.extra_desc.map(str::to_string)),
            Datum::Text(d.context.name().to_string()),
            Datum::Text(d.vartype.to_string()),
            Datum::Text(d.source.name().to_string()),
            opt_text(d.min_val),
            opt_text(d.max_val),
            enumvals,
            opt_text(d.boot_val),
            opt_text(d.reset_val),
            sourcefile,
            sourceline,
            Datum::Bool(d.pending_restart),
        ]);
    }
    Ok(out)
}

fn text_arg(d: &Datum) -> Option<String> {
    d.as_str().map(str::to_string)
}

/// current_setting(name): the value as SHOW prints it.
fn current_setting(args: &[Datum]) -> PgResult<Datum> {
    let name = text_arg(&args[0]).unwrap_or_default();
    Ok(Datum::Text(pg_guc::show(&name)?))
}

/// current_setting(name, missing_ok): NULL for an unknown name when missing_ok.
fn current_setting_missing_ok(args: &[Datum]) -> PgResult<Datum> {
    let name = text_arg(&args[0]).unwrap_or_default();
    match pg_guc::show(&name) {
        Err(e) if e.code == SqlState::UNDEFINED_OBJECT && args[1].as_bool() == Some(true) => Ok(Datum::Null),
        other => Ok(Datum::Text(other?)),
    }
}

/// set_config(name, value, is_local): SET or SET LOCAL (a NULL value is
/// RESET), then the new value as SHOW prints it.
fn set_config(args: &[Datum]) -> PgResult<Datum> {
    let name = text_arg(&args[0])
        .ok_or_else(|| PgError::new(SqlState::INVALID_PARAMETER_VALUE, "SET requires parameter name"))?;
    crate::utility::check_settable(&name)?;
    let value = text_arg(&args[1]);
    let is_local = args[2].as_bool() == Some(true);
    let superuser = pg_guc::vars::IS_SUPERUSER.get();
    pg_guc::set_config_option(&name, value.as_deref(), pg_guc::GucSource::Session, is_local, superuser)?;
    Ok(Datum::Text(pg_guc::show(&name)?))
}

/// pg_settings_get_flags(name): the flags PostgreSQL exposes, in its order;
/// NULL for an unknown setting.
fn pg_settings_get_flags(args: &[Datum]) -> PgResult<Datum> {
    use pg_guc::GucFlags;
    let Some(d) = text_arg(&args[0]).and_then(|name| pg_guc::describe(&name).ok()) else {
        return Ok(Datum::Null);
    };
    let flags = [
        (GucFlags::EXPLAIN, "EXPLAIN"),
        (GucFlags::NO_RESET_ALL, "NO_RESET_ALL"),
        (GucFlags::NO_SHOW_ALL, "NO_SHOW_ALL"),
        (GucFlags::NOT_IN_SAMPLE, "NOT_IN_SAMPLE"),
        (GucFlags::RUNTIME_COMPUTED, "RUNTIME_COMPUTED"),
    ];
    Ok(Datum::Array(
        flags.iter().filter(|(f, _)| d.flags.contains(*f)).map(|(_, n)| Datum::Text(n.to_string())).collect(),
    ))
}

/// TimeZone's check hook: the zone must exist in the time zone database
/// (PostgreSQL's check_timezone); an empty message makes pg-guc report
/// `invalid value for parameter "TimeZone": "..."`.
fn check_timezone(value: &str) -> PgResult<String> {
    match pg_types::datetime::TimeZone::parse(value) {
        // The zone's canonical name is what SHOW prints (`Europe/Paris`, `<+01:30>-01:30`).
        Ok(tz) => Ok(tz.name().to_string()),
        Err(e) => {
            let mut hook_error = PgError::new(SqlState::INVALID_PARAMETER_VALUE, "");
            hook_error.detail = e.detail.clone();
            Err(hook_error)
        }
    }
}

/// TimeZone's assign hook (PostgreSQL's assign_timezone): every conversion
/// and calendar step that needs the session zone (timestamp <-> timestamptz,
/// `::date`, `extract`, `date_trunc`, `timestamptz + interval`) reads it from
/// pg-types' `session_timezone`, so it follows SET, RESET, SET LOCAL and
/// rollback, not only output.
fn assign_timezone(value: &str) {
    // The check hook accepted the value, so it parses; a failure would leave
    // the previous zone, as PostgreSQL keeps its previous `session_timezone`.
    if let Ok(tz) = pg_types::datetime::TimeZone::parse(value) {
        pg_types::datetime::set_session_timezone(tz);
    }
}

/// `default_table_access_method`: an existing table access method
/// (`check_default_table_access_method`).
fn check_default_table_access_method(value: &str) -> PgResult<String> {
    let detail = if value.is_empty() {
        "default_table_access_method cannot be empty.".to_string()
    } else if pg_catalog::builtin::TABLE_ACCESS_METHODS.contains(&value) {
        return Ok(value.to_string());
    } else {
        format!("Table access method \"{value}\" does not exist.")
    };
    Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "").with_detail(detail))
}

/// `default_tablespace`: empty or an existing tablespace (`check_default_tablespace`).
fn check_default_tablespace(value: &str) -> PgResult<String> {
    if value.is_empty() || pg_catalog::builtin::BUILTIN_TABLESPACES.contains(&value) {
        return Ok(value.to_string());
    }
    Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "")
        .with_detail(format!("Tablespace \"{value}\" does not exist.")))
}

/// `temp_tablespaces`: a list of existing tablespaces (`check_temp_tablespaces`,
/// which reports a missing one as a plain error when set interactively).
fn check_temp_tablespaces(value: &str) -> PgResult<String> {
    let names = pg_guc::split_identifier_list(value)
        .ok_or_else(|| PgError::new(SqlState::INVALID_PARAMETER_VALUE, "").with_detail("List syntax is invalid."))?;
    for name in names.iter().filter(|n| !n.is_empty()) {
        if !pg_catalog::builtin::BUILTIN_TABLESPACES.contains(&name.as_str()) {
            return Err(PgError::new(SqlState::UNDEFINED_OBJECT, format!("tablespace \"{name}\" does not exist")));
        }
    }
    Ok(value.to_string())
}

/// `default_text_search_config`: a text search configuration, optionally
/// qualified by `pg_catalog`, stored as `pg_catalog.name` (`check_default_text_search_config`).
fn check_default_text_search_config(value: &str) -> PgResult<String> {
    let invalid = || PgError::new(SqlState::INVALID_PARAMETER_VALUE, "");
    // A qualified name: the parts split at dots, each folded as an identifier.
    let parts: Vec<String> = value
        .split('.')
        .map(|p| pg_guc::split_identifier_list(p).filter(|v| v.len() == 1).map(|mut v| v.remove(0)))
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    let name = match parts.as_slice() {
        [name] => name,
        [schema, name] if schema == "pg_catalog" => name,
        _ => return Err(invalid()),
    };
    if pg_catalog::builtin::TEXT_SEARCH_CONFIGS.contains(&name.as_str()) {
        Ok(format!("pg_catalog.{name}"))
    } else {
        Err(invalid())
    }
}

fn active_transaction_error(message: &str) -> PgError {
    PgError::new(SqlState::ACTIVE_SQL_TRANSACTION, message)
}

/// `transaction_isolation` (`check_XactIsoLevel`): fixed once the transaction
/// analysed a query, and not changed inside a savepoint.
fn check_transaction_isolation(value: &str) -> PgResult<String> {
    if value != pg_guc::vars::TRANSACTION_ISOLATION.label() && pg_guc::nest_level() > 0 {
        if crate::xact::first_snapshot_set() {
            return Err(active_transaction_error("SET TRANSACTION ISOLATION LEVEL must be called before any query"));
        }
        if pg_guc::nest_level() > 1 {
            return Err(active_transaction_error(
                "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction",
            ));
        }
    }
    Ok(value.to_string())
}

/// `transaction_read_only` (`check_transaction_read_only`): a read-only
/// transaction becomes read-write only at its top level and before any query.
fn check_transaction_read_only(value: &str) -> PgResult<String> {
    if value == "off" && pg_guc::vars::TRANSACTION_READ_ONLY.get() && pg_guc::nest_level() > 0 {
        if pg_guc::nest_level() > 1 {
            return Err(active_transaction_error(
                "cannot set transaction read-write mode inside a read-only transaction",
            ));
        }
        if crate::xact::first_snapshot_set() {
            return Err(active_transaction_error("transaction read-write mode must be set before any query"));
        }
    }
    Ok(value.to_string())
}

/// `transaction_deferrable` (`check_transaction_deferrable`).
fn check_transaction_deferrable(value: &str) -> PgResult<String> {
    if pg_guc::nest_level() > 1 {
        return Err(active_transaction_error(
            "SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction",
        ));
    }
    if pg_guc::nest_level() > 0 && crate::xact::first_snapshot_set() {
        return Err(active_transaction_error("SET TRANSACTION [NOT] DEFERRABLE must be called before any query"));
    }
    Ok(value.to_string())
}

/// Registers every function above, and the setting hooks that need types.
/// Called once in the postmaster, before any fork, so every backend
/// inherits the registry.
pub fn register_builtin_functions() {
    // Settings whose values name catalog objects are checked against them.
    let hooks: [(&str, pg_guc::CheckHook); 13] = [
        ("transaction_isolation", check_transaction_isolation),
        ("transaction_read_only", check_transaction_read_only),
        ("transaction_deferrable", check_transaction_deferrable),
        ("TimeZone", check_timezone),
        // The log writer prints times in this zone: it must be one.
        ("log_timezone", check_timezone),
        // log_statement_stats excludes the per-module ones.
        ("log_parser_stats", crate::usage::check_log_parser_stats),
        ("log_planner_stats", crate::usage::check_log_planner_stats),
        ("log_executor_stats", crate::usage::check_log_executor_stats),
        ("log_statement_stats", crate::usage::check_log_statement_stats),
        ("default_table_access_method", check_default_table_access_method),
        ("default_tablespace", check_default_tablespace),
        ("temp_tablespaces", check_temp_tablespaces),
        ("default_text_search_config", check_default_text_search_config),
    ];
    for (name, hook) in hooks {
        if let Err(e) = pg_guc::register_check_hook(name, hook) {
            tracing::warn!("{}", e.message);
        }
    }
    if let Err(e) = pg_guc::register_assign_hook("TimeZone", assign_timezone) {
        tracing::warn!("{}", e.message);
    }
    crate::socket_options::register_hooks();
    pg_types::io::set_reg_input_hook(crate::regtypes::reg_input);
    pg_types::io::set_reg_output_hook(crate::regtypes::reg_output);
    pg_types::acl::set_role_name_hook(crate::regtypes::role_name);
    use Volatility::*;
    for f in [
        scalar("pg_backend_pid", &[], INT4, Stable, pg_backend_pid),
        scalar("pg_cancel_backend", &[INT4], BOOL, Volatile, pg_cancel_backend),
        // timeout DEFAULT 0, as PostgreSQL declares it.
        scalar("pg_terminate_backend", &[INT4, INT8], BOOL, Volatile, pg_terminate_backend)
            .with_defaults(vec![Datum::Int8(0)]),
        scalar("pg_sleep", &[FLOAT8], VOID, Volatile, pg_sleep),
        scalar("version", &[], TEXT, Stable, version),
        scalar("current_user", &[], NAME, Stable, current_user),
        scalar("session_user", &[], NAME, Stable, current_user),
        scalar("current_database", &[], NAME, Stable, current_database),
        srf("pg_stat_get_activity", &[INT4], pg_catalog::builtin::PG_STAT_GET_ACTIVITY_COLUMNS, pg_stat_get_activity),
        srf(
            "pg_get_shmem_allocations",
            &[],
            pg_catalog::builtin::PG_SHMEM_ALLOCATIONS_COLUMNS,
            pg_get_shmem_allocations,
        ),
        srf(
            "pg_get_backend_memory_contexts",
            &[],
            pg_catalog::builtin::PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
            pg_get_backend_memory_contexts,
        ),
        srf(
            "pg_get_backend_memory_contexts",
            &[INT4],
            pg_catalog::builtin::PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
            pg_get_backend_memory_contexts,
        ),
        scalar("pg_log_backend_memory_contexts", &[INT4], BOOL, Volatile, pg_log_backend_memory_contexts),
        srf("pg_show_all_settings", &[], pg_catalog::builtin::PG_SETTINGS_COLUMNS, pg_show_all_settings),
        srf("pg_cursor", &[], pg_catalog::builtin::PG_CURSORS_COLUMNS, crate::portal::pg_cursor),
        // ---- sysviews
        srf("pg_show_all_file_settings", &[], FILE_SETTINGS_COLUMNS, pg_show_all_file_settings),
        srf("pg_hba_file_rules", &[], HBA_FILE_RULES_COLUMNS, pg_hba_file_rules),
        srf("pg_prepared_statement", &[], PREPARED_STATEMENT_COLUMNS, crate::extended::pg_prepared_statement),
        scalar("current_setting", &[TEXT], TEXT, Stable, current_setting),
        scalar("current_setting", &[TEXT, BOOL], TEXT, Stable, current_setting_missing_ok),
        scalar("set_config", &[TEXT, TEXT, BOOL], TEXT, Volatile, set_config).non_strict(),
        scalar("pg_settings_get_flags", &[TEXT], TEXT_ARRAY, Stable, pg_settings_get_flags),
        // format(fmt, VARIADIC NULL) formats with no arguments (text_format).
        scalar("format", &[TEXT, ANY], TEXT, Stable, crate::format::format)
            .non_strict()
            .variadic(ANY)
            .with_variadic_array(|a| {
                crate::format::format(&pg_types::fmgr::spread_variadic_array(a).unwrap_or_else(|| a[..1].to_vec()))
            }),
        scalar("format", &[TEXT], TEXT, Stable, crate::format::format).non_strict(),
        scalar("quote_ident", &[TEXT], TEXT, Immutable, crate::format::quote_ident),
        scalar("quote_literal", &[TEXT], TEXT, Immutable, crate::format::quote_literal),
        scalar("quote_nullable", &[TEXT], TEXT, Immutable, crate::format::quote_nullable).non_strict(),
        scalar("nextval", &[REGCLASS], INT8, Volatile, crate::regtypes::sequence_function),
        scalar("currval", &[REGCLASS], INT8, Volatile, crate::regtypes::sequence_function),
        scalar("setval", &[REGCLASS, INT8], INT8, Volatile, crate::regtypes::sequence_function),
        scalar("setval", &[REGCLASS, INT8, BOOL], INT8, Volatile, crate::regtypes::sequence_function),
        scalar("lastval", &[], INT8, Volatile, crate::regtypes::lastval),
        // ---- locks
        // ---- wal
        // ---- transam
        // ---- bufmgr
        // ---- heap
        // ---- catalog
        // ---- ddl
        // ---- executor
        // ---- inet
        scalar("quote_literal", &[ANYELEMENT], TEXT, Stable, crate::format::quote_literal_any),
        scalar("quote_nullable", &[ANYELEMENT], TEXT, Stable, crate::format::quote_nullable_any).non_strict(),
    ] {
        pg_types::register_function(f);
    }
    for f in crate::signalfuncs::functions().into_iter().chain(crate::panic::debug_functions()) {
        pg_types::register_function(f);
    }
    // ---- transam
    for f in crate::xactfuncs::functions() {
        pg_types::register_function(f);
    }
    // ---- ddl
    pg_catalog::relstorage::register_storage_rmgr();
    crate::dbcommands::register_dbase_rmgr();
    for f in crate::catfuncs::functions() {
        pg_types::register_function(f);
    }
    // ---- locks
    for f in crate::lockfuncs::functions() {
        pg_types::register_function(f);
    }
    // ---- clients
    for f in crate::clientfuncs::functions() {
        pg_types::register_function(f);
    }
    // ---- catalog
    for f in crate::objectaddress::functions() {
        pg_types::register_function(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drivers parse `PostgreSQL <version> on ...`; the product name comes
    /// after PostgreSQL's part, as the oracle's `(Debian ...)` does before it.
    #[test]
    fn version_keeps_postgres_shape_then_our_name() {
        let v = version_string();
        let server_version = pg_guc::vars::SERVER_VERSION.get();
        assert!(
            v.starts_with(&format!("PostgreSQL {server_version} on x86_64-pc-linux-gnu, compiled by rustc ")),
            "{v}"
        );
        assert!(v.ends_with(", 64-bit (Ferrogres 0.1.0)"), "{v}");
        let banner = startup_banner();
        assert!(banner.starts_with(&format!("starting Ferrogres 0.1.0 (PostgreSQL {server_version} compatible) on ")));
    }
}
