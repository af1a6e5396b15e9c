//! Utility statements (PostgreSQL's `tcop/utility.c`, `commands/variable.c`,
//! `commands/user.c`): SET/SHOW/RESET through pg-guc, and CREATE/ALTER/DROP
//! ROLE as transactional changes of `pg_authid` (pg-catalog's `roles`).

use crate::format::quote_identifier;
use crate::session::Session;
use pg_catalog::roles::{self, Role};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{
    AlterRoleStmt, CreateRoleStmt, DropRoleStmt, IsolationLevel, RoleOption, RoleSpec, TransactionMode, Value,
    VariableSetKind, VariableSetStmt,
};
use pg_protocol::backend as be;

/// The value text of `SET name = a, b, ...` (`flatten_set_variable_args`):
/// only list settings take several values; their string items are quoted
/// as identifiers where the setting holds names (`search_path`).
fn flatten_set_args(name: &str, args: &[Value]) -> PgResult<String> {
    let flags = pg_guc::describe(name).map(|d| d.flags).unwrap_or_default();
    if args.len() > 1 && !flags.contains(pg_guc::GucFlags::LIST_INPUT) {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("SET {name} takes only one argument")));
    }
    let items: Vec<String> = args
        .iter()
        .map(|v| match v {
            Value::Integer(i) => i.to_string(),
            Value::String(s) if flags.contains(pg_guc::GucFlags::LIST_QUOTE) => quote_identifier(s),
            Value::Float(s) | Value::String(s) | Value::BitString(s) => s.clone(),
            Value::Boolean(b) => if *b { "true" } else { "false" }.to_string(),
            Value::Null => String::new(),
        })
        .collect();
    Ok(items.join(", "))
}

/// `SET TIME ZONE INTERVAL '...' [fields]`: the interval (read with its
/// field restriction, as `interval '...' HOUR TO MINUTE` reads) names a fixed
/// offset east of UTC, which becomes the setting PostgreSQL's
/// `pg_tzset_offset` names (`<+02>-02`). Months and days are refused as
/// PostgreSQL's check_timezone refuses them.
fn time_zone_interval_setting(expr: &pg_parser::ast::Expr) -> PgResult<String> {
    use pg_parser::ast::{ExprKind, Value};
    let ExprKind::TypeCast { arg, type_name } = &expr.kind else {
        return Err(PgError::internal("SET TIME ZONE INTERVAL without an interval literal"));
    };
    let ExprKind::Const(Value::String(text)) = &arg.kind else {
        return Err(PgError::internal("SET TIME ZONE INTERVAL without a string literal"));
    };
    let settings = crate::exec::output_settings();
    let (type_oid, typmod) =
        crate::exec::with_analyze_env("", &settings, |env| pg_analyze::resolve_type_name(type_name, env))?;
    let pg_types::Datum::Interval(iv) = pg_types::io::input(type_oid, typmod, text, &settings)? else {
        return Err(PgError::internal("SET TIME ZONE INTERVAL: the literal is not an interval"));
    };
    let refuse = |what: &str| {
        PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("invalid interval value for time zone: {what} not allowed"),
        )
    };
    if iv.months != 0 {
        return Err(refuse("month"));
    }
    if iv.days != 0 {
        return Err(refuse("day"));
    }
    // A number of hours east is what the setting's own syntax takes; whole
    // seconds survive the round trip (f64's shortest form reads back exactly).
    Ok(format!("{}", (iv.micros / 1_000_000) as f64 / 3600.0))
}

/// Transaction modes (BEGIN's, SET TRANSACTION's and SET SESSION
/// CHARACTERISTICS AS TRANSACTION's) as the settings they are: the current
/// transaction's (`transaction_isolation`, ... as SET LOCAL) or, for the
/// session characteristics, the defaults of the transactions to come.
pub fn apply_transaction_modes(modes: &[TransactionMode], session_defaults: bool, superuser: bool) -> PgResult<()> {
    for mode in modes {
        let (name, value) = match mode {
            TransactionMode::IsolationLevel(level) => (
                "transaction_isolation",
                match level {
                    IsolationLevel::ReadUncommitted => "read uncommitted",
                    IsolationLevel::ReadCommitted => "read committed",
                    IsolationLevel::RepeatableRead => "repeatable read",
                    IsolationLevel::Serializable => "serializable",
                },
            ),
            TransactionMode::ReadOnly(on) => ("transaction_read_only", if *on { "on" } else { "off" }),
            TransactionMode::Deferrable(on) => ("transaction_deferrable", if *on { "on" } else { "off" }),
        };
        let name = if session_defaults { format!("default_{name}") } else { name.to_string() };
        pg_guc::set_config_option(&name, Some(value), pg_guc::GucSource::Session, !session_defaults, superuser)?;
    }
    Ok(())
}

/// SET / RESET.
pub fn exec_set(session: &Session, set: &VariableSetStmt) -> PgResult<()> {
    let superuser = session.role.superuser;
    match set.kind {
        VariableSetKind::ResetAll => {
            pg_guc::reset_all();
            Ok(())
        }
        VariableSetKind::Reset | VariableSetKind::Default => {
            check_settable(&set.name)?;
            pg_guc::set_config_option(&set.name, None, pg_guc::GucSource::Session, set.is_local, superuser)
        }
        VariableSetKind::Value => {
            check_settable(&set.name)?;
            let value = match &set.interval_value {
                Some(iv) => time_zone_interval_setting(iv)?,
                None => flatten_set_args(&set.name, &set.args)?,
            };
            pg_guc::set_config_option(&set.name, Some(&value), pg_guc::GucSource::Session, set.is_local, superuser)
        }
        VariableSetKind::Current => {
            // The current value, as SHOW prints it, becomes a session value.
            check_settable(&set.name)?;
            let value = pg_guc::show(&set.name)?;
            pg_guc::set_config_option(&set.name, Some(&value), pg_guc::GucSource::Session, set.is_local, superuser)
        }
        VariableSetKind::Multi if set.name == "session characteristics" => {
            apply_transaction_modes(&set.transaction_modes, true, superuser)
        }
        VariableSetKind::Multi if set.name == "transaction" => {
            apply_transaction_modes(&set.transaction_modes, false, superuser)
        }
        VariableSetKind::Multi => Err(PgError::not_supported(format!("SET {} is not supported yet", set.name))),
    }
}

/// SET ROLE and SET SESSION AUTHORIZATION (also through set_config) wait for
/// roles in the catalogs.
pub(crate) fn check_settable(name: &str) -> PgResult<()> {
    match name {
        "role" | "session_authorization" => {
            Err(PgError::not_supported(format!("SET {} is not supported yet", name.to_uppercase().replace('_', " "))))
        }
        _ => Ok(()),
    }
}

fn text_column(name: &str) -> be::FieldDescription<'_> {
    be::FieldDescription {
        name,
        table_oid: 0,
        column_attnum: 0,
        type_oid: 25,
        type_len: -1,
        type_modifier: -1,
        format: 0,
    }
}

/// SHOW name | ALL: a one-column (or, for ALL, three-column) text result.
pub fn exec_show(name: &str, out: &mut Vec<u8>) -> PgResult<String> {
    if name == "all" {
        be::encode_row_description(out, &[text_column("name"), text_column("setting"), text_column("description")]);
        for (n, s, d) in pg_guc::show_all() {
            be::encode_data_row(out, &[Some(n.as_bytes()), Some(s.as_bytes()), Some(d.as_bytes())]);
        }
        return Ok("SHOW".to_string());
    }
    let value = pg_guc::show(name)?;
    let column = pg_guc::describe(name).map(|d| d.name).unwrap_or_else(|_| name.to_string());
    be::encode_row_description(out, &[text_column(&column)]);
    be::encode_data_row(out, &[Some(value.as_bytes())]);
    Ok("SHOW".to_string())
}

fn check_role_name(name: &str) -> PgResult<()> {
    if name.starts_with("pg_") {
        return Err(PgError::new(SqlState::RESERVED_NAME, format!("role name \"{name}\" is reserved"))
            .with_detail("Role names starting with \"pg_\" are reserved."));
    }
    if name == "public" || name == "none" {
        return Err(PgError::new(SqlState::RESERVED_NAME, format!("role name \"{name}\" is reserved")));
    }
    Ok(())
}

fn set_password(role: &mut Role, password: &Option<String>, notices: &mut Vec<PgError>) -> PgResult<()> {
    match password {
        Some(p) if p.is_empty() => {
            notices.push(PgError::notice(
                Severity::Notice,
                SqlState::SUCCESSFUL_COMPLETION,
                "empty string is not a valid password, clearing password",
            ));
            role.password = None;
        }
        Some(p) => role.password = Some(roles::encrypt_password(p)?),
        None => role.password = None,
    }
    Ok(())
}

fn apply_options(role: &mut Role, options: &[RoleOption], notices: &mut Vec<PgError>) -> PgResult<()> {
    for opt in options {
        match opt {
            RoleOption::Superuser(v) => role.superuser = *v,
            RoleOption::CreateDb(v) => role.createdb = *v,
            RoleOption::CreateRole(v) => role.createrole = *v,
            RoleOption::Inherit(v) => role.inherit = *v,
            RoleOption::Login(v) => role.login = *v,
            RoleOption::Replication(v) => role.replication = *v,
            RoleOption::BypassRls(v) => role.bypassrls = *v,
            RoleOption::ConnectionLimit(n) => role.connlimit = *n,
            RoleOption::Password(p) => set_password(role, p, notices)?,
            RoleOption::SysId(_) => {}
            RoleOption::ValidUntil(_) => return Err(PgError::not_supported("VALID UNTIL is not supported yet")),
            RoleOption::InRole(_) | RoleOption::Role(_) | RoleOption::Admin(_) => {
                return Err(PgError::not_supported("role membership is not supported yet"))
            }
        }
    }
    Ok(())
}

fn conflicting(options: &[RoleOption]) -> PgResult<()> {
    let mut seen = std::collections::HashSet::new();
    for o in options {
        if !seen.insert(std::mem::discriminant(o)) {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "conflicting or redundant options"));
        }
    }
    Ok(())
}

fn send_notices(notices: Vec<PgError>) {
    crate::NOTICES.with(|n| n.borrow_mut().extend(notices));
}

/// CREATE ROLE.
pub fn create_role(session: &Session, stmt: &CreateRoleStmt) -> PgResult<String> {
    let me = &session.role;
    if !me.superuser && !me.createrole {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "permission denied to create role"));
    }
    check_role_name(&stmt.name)?;
    conflicting(&stmt.options)?;
    let wants_super = stmt.options.iter().any(|o| matches!(o, RoleOption::Superuser(true)));
    if wants_super && !me.superuser {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "must be superuser to create superusers"));
    }
    roles::lock_for_role_ddl()?;
    if roles::role_by_name(&stmt.name)?.is_some() {
        return Err(PgError::new(SqlState::DUPLICATE_OBJECT, format!("role \"{}\" already exists", stmt.name)));
    }
    // CREATE USER means LOGIN by default; CREATE ROLE/GROUP mean NOLOGIN.
    let login_default = matches!(stmt.kind, pg_parser::ast::RoleStmtKind::User);
    let mut notices = Vec::new();
    let mut role = Role::new(0, &stmt.name, login_default);
    apply_options(&mut role, &stmt.options, &mut notices)?;
    role.oid = roles::new_role_oid()?;
    roles::insert_role(&role)?;
    send_notices(notices);
    Ok("CREATE ROLE".into())
}

fn resolve_role_name(session: &Session, spec: &RoleSpec) -> PgResult<String> {
    match spec {
        RoleSpec::Name(n) => Ok(n.clone()),
        RoleSpec::CurrentRole | RoleSpec::CurrentUser | RoleSpec::SessionUser => Ok(session.role.name.clone()),
        RoleSpec::Public => Err(PgError::new(SqlState::RESERVED_NAME, "role name \"public\" is reserved")),
    }
}

/// ALTER ROLE ... [WITH] options.
pub fn alter_role(session: &Session, stmt: &AlterRoleStmt) -> PgResult<String> {
    let name = resolve_role_name(session, &stmt.role)?;
    conflicting(&stmt.options)?;
    roles::lock_for_role_ddl()?;
    let Some(current) = roles::role_by_name(&name)? else {
        return Err(PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")));
    };
    let me = &session.role;
    let only_own_password = current.oid == me.oid && stmt.options.iter().all(|o| matches!(o, RoleOption::Password(_)));
    if !me.superuser && !only_own_password {
        if current.superuser
            || stmt
                .options
                .iter()
                .any(|o| matches!(o, RoleOption::Superuser(_) | RoleOption::Replication(_) | RoleOption::BypassRls(_)))
        {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                "must be superuser to alter superuser roles or change superuser attribute",
            ));
        }
        if !me.createrole {
            return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "permission denied"));
        }
    }
    if current.oid == roles::BOOTSTRAP_SUPERUSER_OID
        && stmt.options.iter().any(|o| matches!(o, RoleOption::Superuser(false)))
    {
        return Err(PgError::new(
            SqlState::FEATURE_NOT_SUPPORTED,
            "permission denied: bootstrap user must be superuser",
        ));
    }
    let mut notices = Vec::new();
    let mut role = current;
    apply_options(&mut role, &stmt.options, &mut notices)?;
    roles::update_role(&role)?;
    crate::session::update_current_role(&role);
    send_notices(notices);
    Ok("ALTER ROLE".into())
}

/// DROP ROLE [IF EXISTS] names.
pub fn drop_role(session: &Session, stmt: &DropRoleStmt) -> PgResult<String> {
    let me = &session.role;
    if !me.superuser && !me.createrole {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "permission denied to drop role"));
    }
    roles::lock_for_role_ddl()?;
    let mut notices = Vec::new();
    let mut dropped = Vec::new();
    for spec in &stmt.roles {
        let name = match spec {
            RoleSpec::Name(n) => n.clone(),
            _ => return Err(PgError::new(SqlState::SYNTAX_ERROR, "cannot use special role specifier in DROP ROLE")),
        };
        let found = roles::role_by_name(&name)?.filter(|r| !dropped.contains(&r.oid));
        let Some(target) = found else {
            if stmt.missing_ok {
                notices.push(PgError::notice(
                    Severity::Notice,
                    SqlState::SUCCESSFUL_COMPLETION,
                    format!("role \"{name}\" does not exist, skipping"),
                ));
                continue;
            }
            return Err(PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")));
        };
        if target.oid == me.oid {
            return Err(PgError::new(SqlState::OBJECT_IN_USE, "current user cannot be dropped"));
        }
        if target.oid == roles::BOOTSTRAP_SUPERUSER_OID {
            return Err(PgError::new(
                SqlState::DEPENDENT_OBJECTS_STILL_EXIST,
                format!("cannot drop role {name} because it is required by the database system"),
            ));
        }
        if target.superuser && !me.superuser {
            return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "must be superuser to drop superusers"));
        }
        roles::delete_role(target.oid)?;
        dropped.push(target.oid);
    }
    send_notices(notices);
    Ok("DROP ROLE".into())
}

// ---- wal

/// CHECKPOINT (`RequestCheckpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_WAIT |
/// CHECKPOINT_FORCE)`): asks the checkpointer for an immediate checkpoint
/// and waits until it is done. PostgreSQL 15 lets superusers and members
/// of pg_checkpoint do it; the server has no predefined roles, so only
/// superusers.
pub fn checkpoint(session: &Session) -> PgResult<String> {
    if !session.role.superuser {
        return Err(PgError::new(
            SqlState::INSUFFICIENT_PRIVILEGE,
            "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT",
        ));
    }
    use pg_wal::checkpoint::{request_checkpoint, CHECKPOINT_FORCE, CHECKPOINT_IMMEDIATE, CHECKPOINT_WAIT};
    request_checkpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_WAIT | CHECKPOINT_FORCE)?;
    Ok("CHECKPOINT".into())
}
