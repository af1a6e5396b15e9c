//! The extended query protocol (PostgreSQL's `tcop/postgres.c`
//! exec_parse_message, exec_bind_message, exec_describe_*_message,
//! exec_execute_message; `tcop/pquery.c` portals).
//!
//! Parse analyses and plans the statement once (`exec::prepare`),
//! with the client's parameter types or PostgreSQL's inference. PostgreSQL
//! plans only at Bind, so an error raised by folding a constant expression
//! (`1/0`) waits in `PlannedStmt::bind_error` and Bind raises it (an
//! EXPLAIN's is raised when it runs, a DECLARE's at Execute). Bind turns
//! the parameter bytes (text or binary) into datums of those types and
//! makes a portal (`crate::portal`) that owns the executor for the plan.
//! Each Execute runs the plan only as far as `max_rows` asks, ending with
//! PortalSuspended while rows may remain and CommandComplete once the plan
//! is exhausted; the next Execute resumes where the last stopped. Utility
//! statements run at Execute.
//! After an error every message up to Sync is skipped; Sync ends the
//! implicit transaction and sends ReadyForQuery.

use crate::dest::DestRemote;
use crate::portal::{HeldRows, Portal, PortalBody, PortalTable, SelectRun};
use crate::postgres::Backend;
use pg_error::{PgError, PgResult, SqlState};
use pg_executor::ColumnInfo;
use pg_parser::ast::{RawStmt, Stmt, FETCH_ALL};
use pg_planner::PlannedStmt;
use pg_protocol::backend as be;
use pg_protocol::frontend::{check_arg_formats, BindReader, FunctionCallReader, TargetKind};
use pg_types::Datum;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::Arc;

/// What a prepared statement holds.
pub enum Prepared {
    /// An empty query string.
    Empty,
    /// A planned SELECT (or EXPLAIN), shared with the portals running it.
    Plan(Arc<PlannedStmt>),
    /// A utility statement, run at Execute.
    Utility(Box<RawStmt>),
    /// DECLARE CURSOR: its query planned at Parse, with parameters (as
    /// PostgreSQL analyses DECLARE's query with the statement's `$n`); the
    /// cursor opens at Execute.
    Declare {
        /// The statement (name and options).
        stmt: Box<pg_parser::ast::DeclareCursorStmt>,
        /// The planned query.
        plan: Arc<PlannedStmt>,
    },
}

/// A prepared statement (PostgreSQL's CachedPlanSource, without replanning:
/// nothing it depends on can change yet).
pub struct PreparedStatement {
    /// The query text.
    pub sql: String,
    /// The plan or statement.
    pub body: Prepared,
    /// Every parameter's type.
    pub param_types: Vec<u32>,
}

impl PreparedStatement {
    /// The result columns, or None for a statement that returns no rows.
    pub fn columns(&self) -> Option<Vec<ColumnInfo>> {
        match &self.body {
            // INSERT, UPDATE and DELETE without RETURNING return no rows (NoData).
            Prepared::Plan(p) if p.command != pg_analyze::CmdType::Select && p.columns.is_empty() => None,
            Prepared::Plan(p) => Some(pg_executor::describe(p)),
            Prepared::Utility(raw) => match &raw.stmt {
                Stmt::VariableShow { name } => Some(show_columns(name)),
                _ => None,
            },
            Prepared::Empty | Prepared::Declare { .. } => None,
        }
    }
}

fn text_column(name: &str) -> ColumnInfo {
    ColumnInfo { name: name.to_string(), type_oid: 25, typlen: -1, typmod: -1 }
}

fn show_columns(name: &str) -> Vec<ColumnInfo> {
    if name == "all" {
        vec![text_column("name"), text_column("setting"), text_column("description")]
    } else {
        vec![text_column(&pg_guc::describe(name).map(|d| d.name).unwrap_or_else(|_| name.to_string()))]
    }
}

/// The session's prepared statements and portals.
#[derive(Default)]
pub struct ExtendedState {
    statements: HashMap<String, Rc<PreparedStatement>>,
    /// Portals: Bind's and DECLARE CURSOR's (one namespace).
    pub portals: PortalTable,
}

impl ExtendedState {
    /// `DropAllPreparedStatements` (DISCARD ALL): every named prepared
    /// statement; the unnamed one stays, as in PostgreSQL.
    pub fn drop_named_statements(&mut self) {
        self.statements.retain(|name, _| name.is_empty());
        NAMED_STATEMENTS.with(|m| m.borrow_mut().clear());
    }

    /// `drop_unnamed_stmt`: a simple Query, or the next unnamed Parse,
    /// ends the unnamed prepared statement.
    pub fn drop_unnamed_statement(&mut self) {
        self.statements.remove("");
    }
}

// ---- sysviews
/// What `pg_prepared_statements` shows of a named prepared statement.
struct StatementRow {
    statement: String,
    prepare_time: i64,
    param_types: Vec<u32>,
    generic_plans: i64,
}

thread_local! {
    /// The session's named prepared statements, as `pg_prepared_statement()`
    /// lists them (the unnamed one is not listed, as in PostgreSQL). Kept
    /// beside `ExtendedState::statements` by Parse, Bind, Close and
    /// DISCARD ALL, since a function cannot reach the session.
    static NAMED_STATEMENTS: RefCell<BTreeMap<String, StatementRow>> = const { RefCell::new(BTreeMap::new()) };
}

/// `pg_prepared_statement()` (the `pg_prepared_statements` view): the
/// session's named prepared statements. Each was prepared by a Parse
/// message (SQL PREPARE is not supported, so `from_sql` is false) and has
/// one plan made without parameter values, so every Bind counts a generic
/// plan and none a custom one.
pub fn pg_prepared_statement(_: &[pg_types::Datum]) -> PgResult<Vec<Vec<pg_types::Datum>>> {
    use pg_types::Datum;
    Ok(NAMED_STATEMENTS.with(|m| {
        m.borrow()
            .iter()
            .map(|(name, r)| {
                vec![
                    Datum::Text(name.clone()),
                    Datum::Text(r.statement.clone()),
                    Datum::TimestampTz(r.prepare_time),
                    Datum::Array(r.param_types.iter().map(|&t| Datum::Oid(t)).collect()),
                    Datum::Bool(false),
                    Datum::Int8(r.generic_plans),
                    Datum::Int8(0),
                ]
            })
            .collect()
    }))
}

fn statement_label(name: &str) -> String {
    if name.is_empty() {
        "unnamed prepared statement".to_string()
    } else {
        format!("prepared statement \"{name}\"")
    }
}

/// 34000 for Describe and Execute of a portal that does not exist.
fn undefined_portal(name: &str) -> PgError {
    PgError::new(SqlState::UNDEFINED_CURSOR, format!("portal \"{name}\" does not exist"))
}

fn check_formats(formats: &[i16]) -> PgResult<()> {
    for &f in formats {
        if f != 0 && f != 1 {
            return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("unsupported format code: {f}")));
        }
    }
    Ok(())
}

/// `bind_param_error_callback`'s context line: `unnamed portal parameter
/// $1 = '...'` (or `portal "p" parameter $1`), with the value's text when
/// it is known, cut to `log_parameter_max_length_on_error` bytes (0, the
/// default, shows only `'...'`).
fn param_context(portal: &str, index: usize, text: Option<&str>) -> String {
    let which = if portal.is_empty() { "unnamed portal".to_string() } else { format!("portal \"{portal}\"") };
    match text {
        Some(t) => {
            let max = pg_guc::vars::LOG_PARAMETER_MAX_LENGTH_ON_ERROR.get();
            format!("{which} parameter ${} = {}", index + 1, crate::logstmt::quote_cut(t, max))
        }
        None => format!("{which} parameter ${}", index + 1),
    }
}

/// How the statement log names a prepared statement.
fn log_statement_name(name: &str) -> String {
    if name.is_empty() {
        "<unnamed>".to_string()
    } else {
        name.to_string()
    }
}

/// The command tag the process title (and the log's `%i`) shows while a
/// portal runs; `???` for an empty query, as PostgreSQL's unknown tag.
fn portal_command_tag(portal: &Portal) -> &str {
    match portal.stmt.as_deref().map(|s| &s.body) {
        Some(Prepared::Plan(plan)) if plan.explain.is_some() => "EXPLAIN",
        Some(Prepared::Plan(_)) => "SELECT",
        Some(Prepared::Utility(raw)) => crate::postgres::command_tag_for_title(&raw.stmt),
        Some(Prepared::Declare { .. }) => "DECLARE CURSOR",
        Some(Prepared::Empty) | None => "???",
    }
}

/// The `log_statement` level of what a portal runs (none for an empty
/// query, which PostgreSQL never logs at Execute).
fn portal_log_level(portal: &Portal) -> Option<crate::logstmt::LogStmtLevel> {
    match &portal.stmt.as_ref()?.body {
        Prepared::Empty => None,
        Prepared::Utility(raw) => Some(crate::logstmt::command_log_level(&raw.stmt)),
        // A planned SELECT, EXPLAIN or cursor's query.
        Prepared::Plan(_) | Prepared::Declare { .. } => Some(crate::logstmt::LogStmtLevel::All),
    }
}

impl Backend {
    /// Parse (`exec_parse_message`), in PostgreSQL's order: an unnamed
    /// Parse first drops the unnamed statement (so a failed one leaves
    /// none), then the text is parsed, a failed block refuses all but
    /// COMMIT and ROLLBACK, the statement is analysed, and a named
    /// statement is stored last, when its name must still be free.
    pub fn exec_parse(&mut self, name: &str, sql: &str, param_types: &[u32]) -> PgResult<()> {
        let started = std::time::Instant::now();
        let statement_stats = pg_guc::vars::LOG_STATEMENT_STATS.get();
        if statement_stats {
            crate::usage::reset_usage();
        }
        pg_error::elog::set_debug_query_string(Some(sql));
        self.session.set_title("PARSE");
        pg_proc::procarray::report_activity(pg_proc::procarray::BackendState::Active, Some(sql));
        self.xact.start_command();
        if name.is_empty() {
            self.extended.drop_unnamed_statement();
        }
        let mut stmts = crate::usage::measured(pg_guc::vars::LOG_PARSER_STATS.get(), "PARSER STATISTICS", || {
            pg_parser::parse(sql)
        })?;
        if stmts.len() > 1 {
            return Err(PgError::new(
                SqlState::SYNTAX_ERROR,
                "cannot insert multiple commands into a prepared statement",
            ));
        }
        if let Some(raw) = stmts.first() {
            if !crate::postgres::ends_transaction(&raw.stmt) {
                self.xact.check_not_failed()?;
            }
        }
        let prepared = match stmts.pop() {
            None => {
                PreparedStatement { sql: sql.to_string(), body: Prepared::Empty, param_types: param_types.to_vec() }
            }
            Some(raw) => match &raw.stmt {
                Stmt::Select(_) | Stmt::Explain(_) | Stmt::Insert(_) | Stmt::Update(_) | Stmt::Delete(_) => {
                    let (plan, types) = crate::exec::prepare(sql, &raw, param_types)?;
                    PreparedStatement { sql: sql.to_string(), body: Prepared::Plan(Arc::new(plan)), param_types: types }
                }
                Stmt::DeclareCursor(d) => {
                    crate::postgres::check_cursor_options(&d.options)?;
                    let query = RawStmt { stmt: Stmt::Select(d.query.clone()), location: raw.location, len: raw.len };
                    let (plan, types) = crate::exec::prepare(sql, &query, param_types)?;
                    PreparedStatement {
                        sql: sql.to_string(),
                        body: Prepared::Declare { stmt: Box::new(d.clone()), plan: Arc::new(plan) },
                        param_types: types,
                    }
                }
                _ => {
                    if param_types.iter().any(|&t| t != 0) || sql.contains('$') && !param_types.is_empty() {
                        return Err(PgError::not_supported("parameters in utility statements are not supported"));
                    }
                    PreparedStatement {
                        sql: sql.to_string(),
                        body: Prepared::Utility(Box::new(raw)),
                        param_types: param_types.to_vec(),
                    }
                }
            },
        };
        // StorePreparedStatement.
        if !name.is_empty() && self.extended.statements.contains_key(name) {
            return Err(PgError::new(
                SqlState::DUPLICATE_PSTATEMENT,
                format!("prepared statement \"{name}\" already exists"),
            ));
        }
        if !name.is_empty() {
            let row = StatementRow {
                statement: prepared.sql.clone(),
                prepare_time: pg_types::statement_timestamp(),
                param_types: prepared.param_types.clone(),
                generic_plans: 0,
            };
            NAMED_STATEMENTS.with(|m| m.borrow_mut().insert(name.to_string(), row));
        }
        self.extended.statements.insert(name.to_string(), Rc::new(prepared));
        be::encode_parse_complete(&mut self.port.outbuf);
        crate::logstmt::log_duration(started, false, || format!("parse {}: {sql}", log_statement_name(name)), None);
        if statement_stats {
            crate::usage::show_usage("PARSE MESSAGE STATISTICS");
        }
        Ok(())
    }

    /// Bind (`exec_bind_message`). The body is read field by field, each
    /// field acted on before the next is read, so a malformed Bind gets the
    /// error PostgreSQL reports for it: a missing statement is reported
    /// before a truncated parameter, a bad first value before a truncated
    /// second one.
    pub fn exec_bind(&mut self, body: &[u8]) -> PgResult<()> {
        let started = std::time::Instant::now();
        let statement_stats = pg_guc::vars::LOG_STATEMENT_STATS.get();
        if statement_stats {
            crate::usage::reset_usage();
        }
        let mut reader = BindReader::new(body);
        let (portal_name, stmt_name) = reader.names()?;
        let stmt = self.extended.statements.get(&stmt_name).cloned().ok_or_else(|| {
            PgError::new(
                SqlState::INVALID_SQL_STATEMENT_NAME,
                format!("{} does not exist", statement_label(&stmt_name)),
            )
        })?;
        pg_error::elog::set_debug_query_string(Some(&stmt.sql));
        // GetCachedPlan: the statement's one plan, made at Parse without
        // parameter values, is a generic plan.
        if !stmt_name.is_empty() {
            NAMED_STATEMENTS.with(|m| m.borrow_mut().get_mut(&stmt_name).map(|r| r.generic_plans += 1));
        }
        self.session.set_title("BIND");
        self.xact.start_command();
        let (param_formats, nparams) = reader.param_formats()?;
        if nparams != stmt.param_types.len() {
            return Err(PgError::new(
                SqlState::PROTOCOL_VIOLATION,
                format!(
                    "bind message supplies {nparams} parameters, but prepared statement \"{stmt_name}\" requires {}",
                    stmt.param_types.len()
                ),
            ));
        }
        // In a failed block only COMMIT and ROLLBACK (without parameters) may run.
        if self.xact.is_failed() {
            let exits = matches!(&stmt.body, Prepared::Utility(raw) if crate::postgres::ends_transaction(&raw.stmt));
            if !exits || nparams != 0 {
                self.xact.check_not_failed()?;
            }
        }
        // CreatePortal: the unnamed portal is replaced silently, a named
        // one must not exist yet.
        if !portal_name.is_empty()
            && (self.extended.portals.contains(&portal_name) || self.aborted_portal(&portal_name).is_some())
        {
            return Err(PgError::new(SqlState::DUPLICATE_CURSOR, format!("cursor \"{portal_name}\" already exists")));
        }
        self.extended.portals.drop_portal(&portal_name);
        let settings = crate::exec::output_settings();
        let mut params = Vec::with_capacity(nparams);
        for (i, &ty) in stmt.param_types.iter().enumerate() {
            // bind_param_error_callback: an error while reading or
            // converting a parameter says which one (and its text, once
            // that is known to be valid, cut per
            // log_parameter_max_length_on_error).
            let value = reader.param().map_err(|e| e.with_context(param_context(&portal_name, i, None)))?;
            let format = DestRemote::format_of(&param_formats, i);
            let converted = convert_value(ty, format, value, &settings, || format!("bind parameter {}", i + 1));
            params.push(converted.map_err(|e| {
                let text = value
                    .filter(|_| format == 0)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .filter(|t| !t.contains('\0'));
                e.with_context(param_context(&portal_name, i, text))
            })?);
        }
        let result_formats = reader.result_formats()?;
        reader.end()?;
        let param_bytes = params.iter().map(datum_heap_bytes).sum::<usize>();
        // The parameters for the CONTEXT of an error at Execute.
        let max_on_error = pg_guc::vars::LOG_PARAMETER_MAX_LENGTH_ON_ERROR.get();
        let params_on_error = (max_on_error != 0 && !params.is_empty())
            .then(|| crate::logstmt::params_string(&stmt.param_types, &params, max_on_error));
        // The parameters as the statement log shows them, while they are at hand.
        let params_log = if crate::logstmt::statement_logging_enabled() {
            crate::logstmt::params_detail(&stmt.param_types, &params)
        } else {
            None
        };
        // GetCachedPlan: PostgreSQL plans the statement now, so an error
        // that folding a constant expression raised at Parse is Bind's
        // (an EXPLAIN's is Execute's: the executor raises it).
        if let Prepared::Plan(plan) = &stmt.body {
            if let (Some(e), None) = (&plan.bind_error, &plan.explain) {
                return Err(e.clone());
            }
        }
        // PortalStart: the executor is set up now and runs at Execute.
        let mut portal = Portal::new(&portal_name, &stmt.sql, self.xact.nest_level(), self.xact.current_owner());
        portal.param_charge = Some(portal.context().charge(param_bytes));
        portal.body = match &stmt.body {
            Prepared::Empty => PortalBody::Empty,
            Prepared::Utility(_) | Prepared::Declare { .. } => PortalBody::Utility { done: false, params, held: None },
            Prepared::Plan(plan) => {
                crate::xact::check_plan_read_only(plan)?;
                // A protocol portal only moves forward, so it keeps no rows.
                let run = SelectRun::start(plan.clone(), params, portal.context(), false, true);
                PortalBody::Select(Box::new(run))
            }
        };
        portal.log_name = log_statement_name(&stmt_name);
        if !portal_name.is_empty() {
            portal.log_name = format!("{}/{}", portal.log_name, portal_name);
        }
        portal.params_log = params_log;
        portal.params_on_error = params_on_error;
        portal.stmt = Some(stmt);
        // PortalSetResultFormat: one code per column when there are
        // several; a portal that returns no rows takes any codes.
        if result_formats.len() > 1 {
            if let Some(columns) = self.portal_columns(&portal) {
                if columns.len() != result_formats.len() {
                    return Err(PgError::new(
                        SqlState::PROTOCOL_VIOLATION,
                        format!(
                            "bind message has {} result formats but query has {} columns",
                            result_formats.len(),
                            columns.len()
                        ),
                    ));
                }
            }
        }
        portal.result_formats = result_formats;
        let sql = portal.stmt.as_ref().map(|s| s.sql.as_str()).unwrap_or_default();
        let label = || format!("bind {}: {}", portal.log_name, sql);
        crate::logstmt::log_duration(started, false, label, portal.params_log.as_deref());
        if statement_stats {
            crate::usage::show_usage("BIND MESSAGE STATISTICS");
        }
        self.extended.portals.insert(portal, None);
        be::encode_bind_complete(&mut self.port.outbuf);
        Ok(())
    }

    /// FunctionCall (PostgreSQL's fast-path interface, `tcop/fastpath.c`
    /// HandleFunctionRequest): calls a registered function by OID and
    /// answers FunctionCallResponse. The body is read in PostgreSQL's order,
    /// as Bind's is.
    pub fn exec_function_call(&mut self, body: &[u8]) -> PgResult<()> {
        let started = std::time::Instant::now();
        self.xact.start_command();
        self.xact.check_not_failed()?;
        let mut reader = FunctionCallReader::new(body);
        let oid = reader.function_oid()?;
        let func = pg_types::lookup_function_by_oid(oid).ok_or_else(|| {
            PgError::new(SqlState::UNDEFINED_FUNCTION, format!("function with OID {oid} does not exist"))
        })?;
        // log_statement = all logs the call as soon as its function is known.
        let label = format!("fastpath function call: \"{}\" (OID {oid})", func.name);
        let was_logged = crate::logstmt::level_is_logged(crate::logstmt::LogStmtLevel::All);
        if was_logged {
            crate::logstmt::log_line(&label, None);
        }
        let (arg_formats, nargs) = reader.arg_formats()?;
        if nargs != func.arg_types.len() {
            return Err(PgError::new(
                SqlState::PROTOCOL_VIOLATION,
                format!(
                    "function call message contains {nargs} arguments but function requires {}",
                    func.arg_types.len()
                ),
            ));
        }
        check_arg_formats(arg_formats.len(), nargs)?;
        let settings = crate::exec::output_settings();
        let mut args = Vec::with_capacity(nargs);
        for (i, &ty) in func.arg_types.iter().enumerate() {
            let value = reader.arg()?;
            let format = DestRemote::format_of(&arg_formats, i);
            args.push(convert_value(ty, format, value, &settings, || format!("function argument {}", i + 1))?);
        }
        let result_format = reader.result_format()?;
        reader.end()?;
        check_formats(&[result_format])?;
        let pg_types::FuncKind::Scalar(f) = func.kind else {
            return Err(PgError::not_supported(
                "set-returning functions cannot be called through the fast-path interface",
            ));
        };
        let result = if func.strict && args.iter().any(Datum::is_null) { Datum::Null } else { f(&args)? };
        let bytes = match (&result, result_format) {
            (Datum::Null, _) => None,
            (d, 1) => Some(pg_types::send(func.ret_type, d)?),
            (d, _) => Some(pg_types::output(func.ret_type, d, &settings).into_bytes()),
        };
        // FunctionCallResponse: 'V', length, then the value as in a DataRow column.
        let out = &mut self.port.outbuf;
        out.push(b'V');
        let len = 4 + 4 + bytes.as_ref().map(Vec::len).unwrap_or(0);
        out.extend_from_slice(&(len as u32).to_be_bytes());
        match bytes {
            None => out.extend_from_slice(&(-1i32).to_be_bytes()),
            Some(b) => {
                out.extend_from_slice(&(b.len() as u32).to_be_bytes());
                out.extend_from_slice(&b);
            }
        }
        crate::logstmt::log_duration(started, was_logged, || label, None);
        Ok(())
    }
}

/// Turns one Bind parameter (or FunctionCall argument) into a datum of
/// `ty`: text through the type's input function after the encoding check
/// (`pg_client_to_server`, which also refuses a NUL byte), binary through
/// its receive function, which must use every byte. `what` names the value
/// in the binary-format error ("bind parameter 2").
fn convert_value(
    ty: u32,
    format: i16,
    value: Option<&[u8]>,
    settings: &pg_types::OutputSettings,
    what: impl Fn() -> String,
) -> PgResult<Datum> {
    if (format == 0 || format == 1) && pg_types::lookup_type(ty).is_none() {
        // getTypeInputInfo on a type OID the client named at Parse, even
        // for a NULL.
        return Err(PgError::internal(format!("cache lookup failed for type {ty}")));
    }
    match (format, value) {
        (0 | 1, None) => Ok(Datum::Null),
        (0, Some(bytes)) => {
            if let Some(nul) = bytes.iter().position(|&b| b == 0) {
                // pg_verify_mbstr reports the NUL itself, after any bad
                // sequence that comes before it.
                pg_protocol::pqformat::utf8_string(&bytes[..nul])?;
                return Err(PgError::new(
                    SqlState::CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\": 0x00",
                ));
            }
            let text = pg_protocol::pqformat::utf8_string(bytes)?;
            pg_types::input(ty, -1, &text, settings)
        }
        // A value the receive function finds too short keeps its own error
        // (08P01, as in PostgreSQL); one with bytes left over is named.
        (1, Some(bytes)) => pg_types::recv(ty, -1, bytes).map_err(|e| {
            if e.code == SqlState::INVALID_BINARY_REPRESENTATION && e.message == "incorrect binary data format" {
                PgError::new(
                    SqlState::INVALID_BINARY_REPRESENTATION,
                    format!("incorrect binary data format in {}", what()),
                )
            } else {
                e
            }
        }),
        (f, _) => Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("unsupported format code: {f}"))),
    }
}

impl Backend {
    /// Describe (`exec_describe_statement_message`,
    /// `exec_describe_portal_message`). In a failed block only a statement
    /// or portal that returns no rows may be described.
    pub fn exec_describe(&mut self, kind: TargetKind, name: &str) -> PgResult<()> {
        self.xact.start_command();
        match kind {
            TargetKind::Statement => {
                let stmt = self.extended.statements.get(name).cloned().ok_or_else(|| {
                    PgError::new(
                        SqlState::INVALID_SQL_STATEMENT_NAME,
                        format!("{} does not exist", statement_label(name)),
                    )
                })?;
                let columns = match &stmt.body {
                    Prepared::Utility(raw) => self.utility_columns(raw).or_else(|| stmt.columns()),
                    _ => stmt.columns(),
                };
                if columns.is_some() {
                    self.xact.check_not_failed()?;
                }
                be::encode_parameter_description(&mut self.port.outbuf, &stmt.param_types);
                match columns {
                    Some(cols) => DestRemote::row_description(&mut self.port.outbuf, &cols, &[]),
                    None => be::encode_no_data(&mut self.port.outbuf),
                }
            }
            TargetKind::Portal => {
                let Some(portal) = self.extended.portals.get(name) else {
                    match self.aborted_portal(name) {
                        Some(p) if p.has_columns => self.xact.check_not_failed()?,
                        Some(_) => be::encode_no_data(&mut self.port.outbuf),
                        None => return Err(undefined_portal(name)),
                    }
                    return Ok(());
                };
                let columns = self.portal_columns(portal);
                let formats = portal.result_formats.clone();
                if columns.is_some() {
                    self.xact.check_not_failed()?;
                }
                match columns {
                    Some(cols) => DestRemote::row_description(&mut self.port.outbuf, &cols, &formats),
                    None => be::encode_no_data(&mut self.port.outbuf),
                }
            }
        }
        Ok(())
    }

    /// A portal the abort of this still failed block dropped (PostgreSQL
    /// keeps it, failed, until the block is rolled back).
    fn aborted_portal(&self, name: &str) -> Option<crate::portal::AbortedPortal> {
        if !self.xact.is_failed() {
            return None;
        }
        self.extended.portals.aborted(name)
    }

    /// The columns a portal returns (its `tupDesc`), or None for one that
    /// returns no rows.
    fn portal_columns(&self, portal: &Portal) -> Option<Vec<ColumnInfo>> {
        match &portal.body {
            PortalBody::Select(run) if run.columns().is_empty() && !run.is_select() => None,
            PortalBody::Select(run) => Some(run.columns().to_vec()),
            _ => match portal.stmt.as_deref() {
                Some(PreparedStatement { body: Prepared::Utility(raw), .. }) => {
                    self.utility_columns(raw).or_else(|| portal.stmt.as_ref().and_then(|s| s.columns()))
                }
                _ => None,
            },
        }
    }

    /// Execute.
    pub fn exec_execute(&mut self, name: &str, max_rows: i32) -> PgResult<()> {
        let Some(mut portal) = self.extended.portals.take(name) else {
            // A portal the block's abort failed lost its statements (as
            // PostgreSQL's AtAbort_Portals releases its plan), so even a
            // ROLLBACK bound there gets 25P02.
            return Err(match self.aborted_portal(name) {
                Some(_) => self.xact.check_not_failed().expect_err("the block is failed"),
                None => undefined_portal(name),
            });
        };
        let started = std::time::Instant::now();
        let statement_stats = pg_guc::vars::LOG_STATEMENT_STATS.get();
        if statement_stats {
            crate::usage::reset_usage();
        }
        pg_error::elog::set_debug_query_string(Some(&portal.source_text));
        // log_statement: at the start, with the parameters.
        let label = format!(
            "{} {}: {}",
            if portal.executed { "execute fetch from" } else { "execute" },
            portal.log_name,
            portal.source_text
        );
        let was_logged = portal_log_level(&portal).is_some_and(crate::logstmt::level_is_logged);
        if was_logged {
            crate::logstmt::log_line(&label, portal.params_log.as_deref());
        }
        portal.executed = true;
        self.session.set_title(portal_command_tag(&portal));
        pg_proc::procarray::report_activity(pg_proc::procarray::BackendState::Active, Some(&portal.source_text));
        // PortalRun measures the executor of a plain query (not of a
        // utility statement's portal).
        let executor_stats = pg_guc::vars::LOG_EXECUTOR_STATS.get()
            && matches!(portal.stmt.as_deref().map(|s| &s.body), Some(Prepared::Plan(_)));
        let result =
            crate::usage::measured(executor_stats, "EXECUTOR STATISTICS", || self.run_portal(&mut portal, max_rows));
        // ParamsErrorCallback: the parameters, when kept, in the CONTEXT.
        let result = result.map_err(|e| match &portal.params_on_error {
            Some(p) if portal.name.is_empty() => e.with_context(format!("unnamed portal with parameters: {p}")),
            Some(p) => e.with_context(format!("portal \"{}\" with parameters: {p}", portal.name)),
            None => e,
        });
        // The statement timeout runs on across a suspended portal's
        // Executes and stops when the portal completes (or at Sync).
        if result.is_err() || !portal.is_suspended() {
            pg_proc::interrupts::disable_statement_timeout();
        }
        if result.is_ok() {
            crate::logstmt::log_duration(started, was_logged, || label, portal.params_log.as_deref());
            if statement_stats {
                crate::usage::show_usage("EXECUTE MESSAGE STATISTICS");
            }
        }
        // The portal lives on until Close or the end of the transaction (a
        // finished one answers a later Execute with an empty completion).
        // One that failed cannot run again; the abort that follows drops it
        // when its own transaction level is the one aborted.
        if result.is_err() {
            portal.failed = true;
        }
        self.extended.portals.put_back(portal);
        result
    }

    fn run_portal(&mut self, portal: &mut Portal, max_rows: i32) -> PgResult<()> {
        if matches!(portal.body, PortalBody::Empty) {
            be::encode_empty_query_response(&mut self.port.outbuf);
            return Ok(());
        }
        self.xact.start_command();
        // In a failed block only COMMIT and ROLLBACK run.
        let exits = matches!(portal.stmt.as_deref(), Some(PreparedStatement { body: Prepared::Utility(raw), .. })
            if crate::postgres::ends_transaction(&raw.stmt));
        if !exits {
            self.xact.check_not_failed()?;
        }
        portal.check_runnable()?;
        let owner = portal.owner();
        let formats = portal.result_formats.clone();
        match &mut portal.body {
            PortalBody::Empty => {
                be::encode_empty_query_response(&mut self.port.outbuf);
                Ok(())
            }
            PortalBody::Utility { done, params, held } => {
                if let Some(h) = held {
                    return self.send_held_rows(h, formats, max_rows);
                }
                if *done {
                    // PORTAL_MULTI_QUERY: MarkPortalDone keeps a utility
                    // statement from running twice.
                    return Err(PgError::new(
                        SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                        format!("portal \"{}\" cannot be run", portal.name),
                    ));
                }
                *done = true;
                let stmt = portal.stmt.clone().expect("a utility portal has its statement");
                match &stmt.body {
                    Prepared::Utility(raw) => match &raw.stmt {
                        Stmt::Fetch(f) if !f.is_move => {
                            self.xact.check_not_failed()?;
                            let mut rows = crate::portal::CollectRows::default();
                            let types = self.exec_fetch_into(f, &mut rows)?;
                            let h = held.insert(HeldRows { rows: rows.0.into(), types, tag: "FETCH" });
                            self.send_held_rows(h, formats, max_rows)
                        }
                        // PORTAL_UTIL_SELECT, as FETCH: Execute hands the
                        // rows out max_rows at a time (Describe gave the
                        // RowDescription).
                        Stmt::VariableShow { name } => {
                            let rows = self.show_rows(name)?;
                            let h = held.insert(rows);
                            self.send_held_rows(h, formats, max_rows)
                        }
                        _ => self.run_statement(&stmt.sql, raw),
                    },
                    Prepared::Declare { stmt: d, plan } => {
                        self.xact.check_not_failed()?;
                        // DECLARE plans its query when it runs.
                        if let Some(e) = &plan.bind_error {
                            return Err(e.clone());
                        }
                        let tag = self.open_cursor(&stmt.sql, d, plan.clone(), std::mem::take(params))?;
                        self.send_pending_notices();
                        be::encode_command_complete(&mut self.port.outbuf, &tag);
                        Ok(())
                    }
                    _ => Err(PgError::internal("utility portal without a utility statement")),
                }
            }
            PortalBody::Select(run) => {
                // PortalRun: forward only, as far as max_rows asks (0 = all).
                let types: Vec<u32> = run.columns().iter().map(|c| c.type_oid).collect();
                let mut dest = DestRemote::for_portal(&mut self.port, formats, types);
                let count = if max_rows <= 0 { FETCH_ALL } else { i64::from(max_rows) };
                let rows = pg_proc::resowner::with_current(owner, || run.run_select(true, count, &mut dest))?;
                if run.at_end() {
                    let tag = run.completion_tag(rows);
                    be::encode_command_complete(&mut self.port.outbuf, &tag);
                } else {
                    // Exactly max_rows were sent; more may follow.
                    be::encode_portal_suspended(&mut self.port.outbuf);
                }
                Ok(())
            }
        }
    }

    /// Close.
    pub fn exec_close(&mut self, kind: TargetKind, name: &str) -> PgResult<()> {
        match kind {
            TargetKind::Statement => {
                self.extended.statements.remove(name);
                NAMED_STATEMENTS.with(|m| m.borrow_mut().remove(name));
            }
            TargetKind::Portal => {
                self.extended.portals.drop_portal(name);
            }
        }
        be::encode_close_complete(&mut self.port.outbuf);
        Ok(())
    }
}

impl Backend {
    /// The rows a utility statement returns through the extended protocol
    /// (`UtilityTupleDescriptor`): FETCH returns its cursor's columns.
    fn utility_columns(&self, raw: &RawStmt) -> Option<Vec<ColumnInfo>> {
        match &raw.stmt {
            Stmt::Fetch(f) if !f.is_move => match &self.extended.portals.get(&f.portal_name)?.body {
                PortalBody::Select(run) => Some(run.columns().to_vec()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Sends up to `max_rows` (0 = all) of a utility portal's held rows:
    /// PortalSuspended while rows may remain, else CommandComplete with the
    /// rows this Execute sent (PostgreSQL's tag for PORTAL_UTIL_SELECT).
    fn send_held_rows(&mut self, held: &mut HeldRows, formats: Vec<i16>, max_rows: i32) -> PgResult<()> {
        let limit = if max_rows <= 0 { usize::MAX } else { max_rows as usize };
        let mut dest = DestRemote::for_portal(&mut self.port, formats, held.types.clone());
        let mut sent = 0;
        while sent < limit {
            let Some(row) = held.rows.pop_front() else { break };
            pg_proc::interrupts::check_for_interrupts()?;
            dest.send_row(&row)?;
            sent += 1;
        }
        if sent < limit {
            // FETCH's tag counts the rows of this Execute; SHOW's has no count.
            let tag = if held.tag == "SHOW" { held.tag.to_string() } else { format!("{} {sent}", held.tag) };
            be::encode_command_complete(&mut self.port.outbuf, &tag);
        } else {
            be::encode_portal_suspended(&mut self.port.outbuf);
        }
        Ok(())
    }

    /// SHOW's rows as a portal holds them (`FillPortalStore`), with their
    /// column types (text).
    fn show_rows(&mut self, name: &str) -> PgResult<HeldRows> {
        self.xact.check_not_failed()?;
        let rows: Vec<Vec<String>> = if name == "all" {
            pg_guc::show_all().into_iter().map(|(n, s, d)| vec![n, s, d]).collect()
        } else {
            vec![vec![pg_guc::show(name)?]]
        };
        let types = vec![pg_types::types::oid::TEXT; rows.first().map(Vec::len).unwrap_or(1)];
        let rows = rows.into_iter().map(|r| r.into_iter().map(Datum::Text).collect()).collect();
        Ok(HeldRows { rows, types, tag: "SHOW" })
    }
}

/// Bytes a bound parameter value holds: the value itself and whatever it
/// owns in the global allocator (text, bytea, array and record contents).
fn datum_heap_bytes(d: &Datum) -> usize {
    std::mem::size_of::<Datum>()
        + match d {
            Datum::Text(s) => s.capacity(),
            Datum::Bytea(b) => b.capacity(),
            Datum::Array(items) => items.iter().map(datum_heap_bytes).sum(),
            Datum::Record(items) => items.iter().map(datum_heap_bytes).sum(),
            _ => 0,
        }
}
