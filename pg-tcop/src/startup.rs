//! A new backend's first steps (PostgreSQL's `postmaster.c`
//! BackendInitialize/ProcessStartupPacket, `libpq/auth.c`
//! ClientAuthentication, `utils/init/postinit.c` InitPostgres).
//!
//! Order, as in PostgreSQL: read the startup packet (answering SSL and GSS
//! requests with 'N', serving a CancelRequest and closing), claim a PGPROC
//! slot (FATAL 53300 when none is left), authenticate per pg_hba.conf,
//! check the role and the database, send AuthenticationOk, ParameterStatus,
//! BackendKeyData and the first ReadyForQuery (sent by the main loop).

use crate::pqcomm::{Port, ReadOutcome};
use crate::session::Session;
use crate::{ClientConnection, PeerAddr};
use pg_catalog::roles::{self, Role};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_guc::vars;
use pg_proc::{interrupts, procarray};
use pg_protocol::backend::{self as be, AuthRequest};
use pg_protocol::frontend::{decode_frame, ReadContext, PG_MAX_AUTH_TOKEN_LENGTH};
use pg_protocol::hba::{ConnInfo, ConnKind};
use pg_protocol::startup::{decode_startup, startup_eof_error, StartupMessage, StartupPacket, StartupPhase};
use pg_protocol::{AuthMethod, ScramServer, ScramStep};
use std::time::{Duration, Instant};
use tracing::{debug, info};

/// How the startup phase ended without a session.
pub enum NoSession {
    /// Closed quietly (EOF, cancel request, log-only protocol error).
    Quiet,
    /// A FATAL error was sent.
    Fatal,
}

fn remote_text(peer: &PeerAddr) -> String {
    match peer {
        PeerAddr::Tcp(a) => format!("{}({})", a.ip(), a.port()),
        PeerAddr::Unix => "[local]".to_string(),
    }
}

fn send_fatal(port: &mut Port, e: &PgError) -> NoSession {
    let e = if e.severity < Severity::Fatal { e.clone().with_severity(Severity::Fatal) } else { e.clone() };
    // The server log first, then the client, as EmitErrorReport does.
    pg_error::elog::log_report(&e);
    be::encode_error_response_at(&mut port.outbuf, &e, &crate::report_location(&e));
    let _ = port.flush();
    NoSession::Fatal
}

/// Reads the startup packet. `Err(NoSession)` when the connection ends here.
/// `may_cancel` is false in a dead-end child during a crash-restart: a
/// CancelRequest's target is then not looked up in the proc array (which
/// the crash may have left half-written), and the connection just closes.
fn read_startup_packet(port: &mut Port, deadline: Instant, may_cancel: bool) -> Result<StartupMessage, NoSession> {
    let mut phase = StartupPhase::default();
    let mut received_total = 0usize;
    loop {
        match decode_startup(&port.inbuf, phase) {
            Ok(Some((packet, used))) => {
                port.inbuf.drain(..used);
                match packet {
                    StartupPacket::SslRequest | StartupPacket::GssEncRequest => {
                        if !port.inbuf.is_empty() {
                            // Bytes sent before our answer would be read as
                            // plain text after a TLS handshake: refuse.
                            let e = PgError::fatal(
                                SqlState::PROTOCOL_VIOLATION,
                                if matches!(packet, StartupPacket::SslRequest) {
                                    "received unencrypted data after SSL request"
                                } else {
                                    "received unencrypted data after GSSAPI encryption request"
                                },
                            )
                            .with_detail("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
                            return Err(send_fatal(port, &e));
                        }
                        if matches!(packet, StartupPacket::SslRequest) {
                            phase.ssl_done = true;
                        } else {
                            phase.gss_done = true;
                        }
                        if port.send_now(b"N").is_err() {
                            return Err(NoSession::Quiet);
                        }
                        received_total = 0;
                    }
                    StartupPacket::CancelRequest { process_id, secret_key } => {
                        // PostgreSQL 15 logs a refused cancel request at LOG.
                        // Not during a crash-restart (see above).
                        if !may_cancel {
                            return Err(NoSession::Quiet);
                        }
                        match procarray::process_cancel_request(process_id, secret_key as u32) {
                            procarray::CancelOutcome::Sent => {
                                debug!("processing cancel request: sending SIGINT to process {process_id}")
                            }
                            procarray::CancelOutcome::WrongKey => {
                                info!("wrong key in cancel request for process {process_id}")
                            }
                            procarray::CancelOutcome::NoSuchProcess => {
                                info!("PID {process_id} in cancel request did not match any process")
                            }
                        }
                        return Err(NoSession::Quiet);
                    }
                    StartupPacket::Startup(m) => return Ok(m),
                }
            }
            Ok(None) => {
                let before = port.inbuf.len();
                match port.fill(Some(deadline)) {
                    Ok(ReadOutcome::Data) => received_total += port.inbuf.len() - before,
                    Ok(ReadOutcome::Eof) => {
                        if let Some(e) = startup_eof_error(received_total.max(port.inbuf.len()), phase) {
                            pg_error::elog::log_report(&e);
                        }
                        return Err(NoSession::Quiet);
                    }
                    Ok(ReadOutcome::Timeout) => return Err(NoSession::Quiet),
                    Ok(ReadOutcome::Interrupted) => {
                        if let Err(e) = interrupts::check_for_interrupts() {
                            return Err(send_fatal(port, &e));
                        }
                    }
                    Err(_) => return Err(NoSession::Quiet),
                }
            }
            Err(se) => {
                pg_error::elog::log_report(&se.error);
                se.encode_reply(&mut port.outbuf);
                let _ = port.flush();
                return Err(if se.error.severity >= Severity::Error { NoSession::Fatal } else { NoSession::Quiet });
            }
        }
    }
}

/// Reads one 'p' message body during authentication.
///
/// As in PostgreSQL: EOF before the message starts (psql hangs up to ask
/// for a password) closes quietly (`Ok(None)`); a message cut short or
/// with a bad length word is logged and the attempt fails as a wrong
/// password would (FATAL 28P01); another message type is a protocol
/// violation (FATAL 08P01).
fn read_auth_message(port: &mut Port, deadline: Instant, user: &str) -> PgResult<Option<Vec<u8>>> {
    loop {
        match decode_frame(&port.inbuf, ReadContext::Auth, PG_MAX_AUTH_TOKEN_LENGTH) {
            Ok(Some((raw, used))) => {
                let body = raw.body.to_vec();
                port.inbuf.drain(..used);
                return Ok(Some(body));
            }
            Ok(None) => match port.fill(Some(deadline))? {
                ReadOutcome::Data => {}
                ReadOutcome::Eof | ReadOutcome::Timeout if port.inbuf.is_empty() => return Ok(None),
                ReadOutcome::Eof | ReadOutcome::Timeout => {
                    info!("unexpected EOF within message");
                    return Err(pg_protocol::password_failed_error(user));
                }
                ReadOutcome::Interrupted => interrupts::check_for_interrupts()?,
            },
            Err(e) if e.severity < Severity::Error => {
                pg_error::elog::log_report(&e);
                return Err(pg_protocol::password_failed_error(user));
            }
            Err(e) => return Err(e.with_severity(Severity::Fatal)),
        }
    }
}

fn mock_auth_nonce(data_dir: &std::path::Path) -> Vec<u8> {
    std::fs::read(data_dir.join("global/pg_mock_auth_nonce"))
        .unwrap_or_else(|_| data_dir.display().to_string().into_bytes())
}

/// Runs the method pg_hba.conf chose. Ok(false) = the client went away.
fn authenticate(
    port: &mut Port,
    method: AuthMethod,
    user: &str,
    role: Option<&Role>,
    data_dir: &std::path::Path,
    deadline: Instant,
) -> PgResult<bool> {
    let secret = role.and_then(|r| r.password.as_deref());
    let failed = || pg_protocol::password_failed_error(user);
    // get_role_password's reasons, for the server log only.
    let no_role = || failed().with_detail_log(format!("Role \"{user}\" does not exist."));
    match method.effective(secret) {
        AuthMethod::Trust => Ok(true),
        AuthMethod::Reject => unreachable!("reject is handled by the caller"),
        AuthMethod::Password => {
            be::encode_auth_request(&mut port.outbuf, &AuthRequest::CleartextPassword);
            port.flush()?;
            let Some(body) = read_auth_message(port, deadline, user)? else { return Ok(false) };
            let password = pg_protocol::frontend::decode_password_message(&body)?;
            match secret {
                Some(s) if pg_protocol::verify_cleartext_password(s, &password) => Ok(true),
                Some(_) => Err(failed().with_detail_log(format!("Password does not match for user \"{user}\"."))),
                None if role.is_none() => Err(no_role()),
                None => Err(failed().with_detail_log(format!("User \"{user}\" has no password assigned."))),
            }
        }
        AuthMethod::Md5 | AuthMethod::ScramSha256 => {
            // md5 with no SCRAM secret: we never store MD5 hashes, so an
            // md5 line can only succeed through SCRAM.
            let mut scram = ScramServer::new(secret, user, &mock_auth_nonce(data_dir));
            be::encode_auth_request(&mut port.outbuf, &AuthRequest::Sasl(ScramServer::mechanisms()));
            port.flush()?;
            let Some(body) = read_auth_message(port, deadline, user)? else { return Ok(false) };
            let init = pg_protocol::frontend::decode_sasl_initial_response(&body)?;
            ScramServer::check_mechanism(&init.mechanism)?;
            let mut input = init.data;
            loop {
                match scram.exchange(input.as_deref())? {
                    ScramStep::Continue(msg) => {
                        be::encode_auth_request(&mut port.outbuf, &AuthRequest::SaslContinue(&msg));
                        port.flush()?;
                        let Some(body) = read_auth_message(port, deadline, user)? else { return Ok(false) };
                        input = Some(pg_protocol::frontend::decode_sasl_response(&body));
                    }
                    ScramStep::Success(msg) => {
                        be::encode_auth_request(&mut port.outbuf, &AuthRequest::SaslFinal(&msg));
                        return Ok(true);
                    }
                    ScramStep::Failure { log_detail } => {
                        return Err(match log_detail {
                            Some(d) => failed().with_detail_log(d),
                            None => failed(),
                        });
                    }
                }
            }
        }
        AuthMethod::Peer | AuthMethod::Ident | AuthMethod::Cert => Err(PgError::fatal(
            SqlState::FEATURE_NOT_SUPPORTED,
            format!("authentication method \"{}\" is not supported", method.name()),
        )),
    }
}

/// Everything from the first byte to a ready session.
pub fn establish_session(conn: ClientConnection) -> Result<(Port, Session), NoSession> {
    let mut port = Port::new(conn.fd);
    crate::socket_options::set_client_socket(match conn.peer {
        PeerAddr::Tcp(_) => Some(port.raw_fd()),
        PeerAddr::Unix => None,
    });
    // BackendInitialize: with log_hostname, the client's host name stands
    // for its address in the log (and in the process title).
    let host_name = match &conn.peer {
        PeerAddr::Tcp(a) if vars::LOG_HOSTNAME.get() => crate::hostname::reverse_lookup(a),
        _ => None,
    };
    if let Some(name) = &host_name {
        pg_error::elog::set_client_port(pg_error::elog::with_client_port(|p| {
            p.map(|p| pg_error::elog::ClientPort { remote_host: name.clone(), ..p.clone() })
        }));
    }
    let remote = match (&conn.peer, &host_name) {
        (PeerAddr::Tcp(a), Some(name)) => format!("{name}({})", a.port()),
        _ => remote_text(&conn.peer),
    };
    // Logged before the startup packet is read, as PostgreSQL does: a
    // client that sends nothing still shows.
    if vars::LOG_CONNECTIONS.get() {
        let (host, port) = pg_error::elog::with_client_port(|p| {
            p.map(|p| (p.remote_host.clone(), p.remote_port.clone())).unwrap_or_default()
        });
        if port.is_empty() {
            info!("connection received: host={host}");
        } else {
            info!("connection received: host={host} port={port}");
        }
    }
    pg_proc::ps_status::set_ps_display(&format!("postgres: {remote} startup"));
    let auth_timeout = vars::AUTHENTICATION_TIMEOUT.get().max(1) as u64;
    let deadline = Instant::now() + Duration::from_secs(auth_timeout);
    let startup = read_startup_packet(&mut port, deadline, true)?;
    if startup.needs_negotiate_protocol_version() {
        startup.encode_negotiate_protocol_version(&mut port.outbuf);
    }
    pg_error::elog::set_port_user_database(&startup.user, &startup.database);

    // InitProcess: a PGPROC slot, or "sorry, too many clients already".
    let mut key_bytes = [0u8; 4];
    let _ = getrandom::getrandom(&mut key_bytes);
    let cancel_key = u32::from_ne_bytes(key_bytes);
    match procarray::init_process(procarray::BackendType::ClientBackend, cancel_key) {
        // The PGPROC slot index is also this process's LWLock waiter slot.
        Ok(slot) => {
            pg_error::elog::set_backend_type("client backend");
            // The PGPROC slot's backend ID (procarray numbers them from 1).
            pg_error::elog::set_backend_id(slot as i32 + 1);
            if let Err(e) = pg_shmem::set_my_lwlock_waiter_slot(slot) {
                return Err(send_fatal(&mut port, &e));
            }
        }
        Err(e) => return Err(send_fatal(&mut port, &e)),
    }
    match finish_startup(&mut port, &conn.peer, &remote, &startup, cancel_key, deadline) {
        Ok(Some(session)) => Ok((port, session)),
        Ok(None) => Err(NoSession::Quiet),
        Err(e) => Err(send_fatal(&mut port, &e)),
    }
}

/// A dead-end child's whole life: read the startup packet (answering `N`
/// to SSL and GSS requests), then send the postmaster's refusal as FATAL,
/// as PostgreSQL's ProcessStartupPacket does once it has the packet.
pub fn refuse_after_startup_packet(conn: ClientConnection, err: &PgError, may_cancel: bool) {
    let mut port = Port::new(conn.fd);
    let deadline = Instant::now() + Duration::from_secs(vars::AUTHENTICATION_TIMEOUT.get().max(1) as u64);
    if read_startup_packet(&mut port, deadline, may_cancel).is_ok() {
        send_fatal(&mut port, err);
    }
}

/// Whether the startup packet's `replication` parameter asks for a
/// walsender: `database` or a Boolean true (ProcessStartupPacket's check).
fn replication_requested(value: Option<&str>) -> PgResult<bool> {
    match value {
        None => Ok(false),
        Some("database") => Ok(true),
        Some(v) => pg_guc::parse_bool(v).ok_or_else(|| {
            PgError::fatal(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("invalid value for parameter \"replication\": \"{v}\""),
            )
            .with_hint("Valid values are: \"false\", 0, \"true\", 1, \"database\".")
        }),
    }
}

fn finish_startup(
    port: &mut Port,
    peer: &PeerAddr,
    remote: &str,
    startup: &StartupMessage,
    cancel_key: u32,
    deadline: Instant,
) -> PgResult<Option<Session>> {
    let user = startup.user.clone();
    let database = startup.database.clone();
    let data_dir = std::path::PathBuf::from(vars::DATA_DIRECTORY.get());
    pg_proc::ps_status::set_ps_display(&format!("postgres: {user} {database} {remote} authentication"));
    pg_error::elog::set_activity("authentication");
    if replication_requested(startup.replication.as_deref())? {
        return Err(PgError::fatal(SqlState::FEATURE_NOT_SUPPORTED, "replication connections are not supported"));
    }

    // ClientAuthentication: first matching pg_hba.conf line.
    let conn_info = ConnInfo {
        kind: match peer {
            PeerAddr::Tcp(a) => ConnKind::Host { addr: a.ip() },
            PeerAddr::Unix => ConnKind::Local,
        },
        database: database.clone(),
        user: user.clone(),
        physical_replication: false,
        member_of: Vec::new(),
    };
    let all_roles = crate::rolecache::all_roles(&data_dir)?;
    let role = roles::find_role(&all_roles, &user).cloned();
    let (method, hba_line) =
        crate::with_hba(|hba| hba.hba_match(&conn_info).map(|l| (l.method, (l.line_number, l.raw_line.clone()))))
            .flatten()
            .ok_or_else(|| pg_protocol::no_hba_entry_error(&conn_info))?;
    if method == AuthMethod::Reject {
        return Err(pg_protocol::hba_reject_error(&conn_info));
    }
    let authenticated = authenticate(port, method, &user, role.as_ref(), &data_dir, deadline).map_err(|e| {
        if e.code != SqlState::INVALID_PASSWORD {
            return e;
        }
        // auth_failed: the server log also says which pg_hba.conf line matched.
        let matched = format!("Connection matched pg_hba.conf line {}: \"{}\"", hba_line.0, hba_line.1);
        let detail = match &e.detail_log {
            Some(d) => format!("{d}\n{matched}"),
            None => matched,
        };
        e.with_detail_log(detail)
    })?;
    if !authenticated {
        return Ok(None);
    }
    // PerformAuthentication logs the connection as authorized before
    // InitPostgres looks the role and the database up.
    if vars::LOG_CONNECTIONS.get() {
        let mut line = format!("connection authorized: user={user} database={database}");
        if let Some((_, app)) = startup.guc_options.iter().find(|(n, _)| n == "application_name") {
            // As the startup packet gave it: printable ASCII (pg_clean_ascii),
            // at most NAMEDATALEN - 1 bytes.
            let clean: String =
                app.bytes().take(63).map(|b| if (32..127).contains(&b) { b as char } else { '?' }).collect();
            line.push_str(&format!(" application_name={clean}"));
        }
        info!("{line}");
    }

    // InitPostgres: the role and the database must exist.
    let role = role.ok_or_else(|| {
        PgError::fatal(SqlState::INVALID_AUTHORIZATION_SPECIFICATION, format!("role \"{user}\" does not exist"))
    })?;
    if !role.login {
        return Err(PgError::fatal(
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
            format!("role \"{user}\" is not permitted to log in"),
        ));
    }
    let reserved = vars::SUPERUSER_RESERVED_CONNECTIONS.get().max(0) as usize;
    if !role.superuser && reserved > 0 && procarray::free_slot_count() < reserved {
        return Err(PgError::fatal(
            SqlState::TOO_MANY_CONNECTIONS,
            "remaining connection slots are reserved for non-replication superuser connections",
        ));
    }
    // CONNECTION LIMIT of the role (InitializeSessionUserId): this
    // backend counts, so the limit is exceeded when the others reach it.
    if role.connlimit >= 0 && !role.superuser && count_backends(|p| p.role_oid() == role.oid) >= role.connlimit as usize
    {
        return Err(PgError::fatal(
            SqlState::TOO_MANY_CONNECTIONS,
            format!("too many connections for role \"{user}\""),
        ));
    }
    // The database, from the shared catalog pg_database (GetDatabaseTuple,
    // then CheckMyDatabase).
    let db =
        pg_catalog::lookup_database(&database).map_err(|e| e.with_severity(Severity::Fatal))?.ok_or_else(|| {
            PgError::fatal(SqlState::UNDEFINED_DATABASE, format!("database \"{database}\" does not exist"))
        })?;
    if !db.allow_connections {
        return Err(PgError::fatal(
            SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
            format!("database \"{database}\" is not currently accepting connections"),
        ));
    }
    if db.connection_limit >= 0
        && !role.superuser
        && count_backends(|p| p.database_oid() == db.oid) >= db.connection_limit as usize
    {
        return Err(PgError::fatal(
            SqlState::TOO_MANY_CONNECTIONS,
            format!("too many connections for database \"{database}\""),
        ));
    }
    // From here on the catalogs of this database are this backend's.
    pg_catalog::inval::set_my_database(db.oid);
    pg_catalog::sinval::backend_init();

    // Settings from the startup packet: the options switches first, each
    // applied before the next is read, then the other parameters.
    let apply = |name: &str, value: &str| {
        pg_guc::set_config_option(name, Some(value), pg_guc::GucSource::Client, false, role.superuser)
            .map_err(|e| e.with_severity(Severity::Fatal))
    };
    if let Some(opts) = &startup.options {
        for setting in pg_protocol::startup::parse_options_in_order(opts) {
            let (name, value) = setting?;
            apply(&name, &value)?;
        }
    }
    for (name, value) in &startup.guc_options {
        apply(name, value)?;
    }
    pg_guc::set_internal("is_superuser", if role.superuser { "on" } else { "off" })?;
    pg_guc::set_internal("session_authorization", &role.name)?;

    let session = Session { role: role.clone(), database: db.name.clone(), remote: remote.to_string() };
    crate::session::set_current_session(&session);
    let client = match peer {
        PeerAddr::Tcp(a) => Some((a.ip().to_string(), a.port() as i32)),
        PeerAddr::Unix => None,
    };
    let appname = vars::APPLICATION_NAME.get();
    procarray::report_connection(db.oid, &db.name, role.oid, &role.name, client, &appname);

    be::encode_auth_request(&mut port.outbuf, &AuthRequest::Ok);
    for (name, value) in pg_guc::report_all() {
        be::encode_parameter_status(&mut port.outbuf, &name, &value);
    }
    let _ = pg_guc::take_reported_changes();
    be::encode_backend_key_data(&mut port.outbuf, std::process::id() as i32, cancel_key as i32);
    Ok(Some(session))
}

/// How many other backends are connected with `matches` true for their
/// PGPROC (CountUserBackends / CountDBConnections; this backend has not
/// published its role and database yet).
fn count_backends(matches: impl Fn(&procarray::PgProc) -> bool) -> usize {
    let me = procarray::my_proc_number();
    (0..procarray::proc_slot_count())
        .filter(|&i| Some(i) != me)
        .filter_map(procarray::proc_by_number)
        .filter(|p| p.in_use() && p.pid() != 0 && matches(p))
        .count()
}
