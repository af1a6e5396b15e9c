//! The backend main loop (PostgreSQL's `tcop/postgres.c` PostgresMain and
//! exec_simple_query, `tcop/utility.c` ProcessUtility).
//!
//! One iteration: reset MessageContext, report "idle", wait for a message
//! (waking for interrupts), read it into MessageContext, dispatch it, and
//! send ReadyForQuery with the transaction status. Errors are values: an
//! ERROR is sent as ErrorResponse and aborts the statement (and, inside a
//! transaction block, puts the block into the failed state); a FATAL is sent
//! and ends the process with exit code 1.

use crate::dest::DestRemote;
use crate::portal::{CursorRow, Portal, PortalBody, SelectRun};
use crate::pqcomm::{Port, ReadOutcome};
use crate::session::Session;
use crate::xact::Transaction;
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_guc::vars;
use pg_mcxt::MemoryContext;
use pg_parser::ast::{
    CursorOptions, DeclareCursorStmt, DiscardMode, FetchStmt, RawStmt, Stmt, TransactionKind, TransactionStmt,
    VariableSetKind, VariableSetStmt,
};
use pg_proc::interrupts;
use pg_proc::procarray::{self, BackendState};
use pg_protocol::backend as be;
use pg_protocol::frontend::{FrontendMessage, ReadContext, PQ_LARGE_MESSAGE_LIMIT};

/// The state of one backend after authentication.
pub struct Backend {
    /// The client connection.
    pub port: Port,
    /// Who we are connected as, and to which database.
    pub session: Session,
    /// Transaction-block state.
    pub xact: Transaction,
    /// MessageContext: holds the current message; reset before each one.
    pub message_context: MemoryContext,
    /// After an error in extended-query mode, skip messages until Sync.
    pub ignore_till_sync: bool,
    /// The message being processed belongs to the extended protocol (Parse,
    /// Bind, Describe, Execute, Close, Flush), so an error in it starts
    /// skipping to Sync instead of sending ReadyForQuery.
    pub doing_extended_query_message: bool,
    /// The current message's bytes, kept in MessageContext until the next
    /// message so the context's accounting shows the work in progress.
    pub message_body: Option<allocator_api2::vec::Vec<u8, MemoryContext>>,
    /// The PortalContext of the simple-query statement running now, so that
    /// recovery from an unwind can delete it (`run_statement` does otherwise).
    pub statement_portal: Option<MemoryContext>,
    /// Prepared statements and portals of the extended query protocol.
    pub extended: crate::extended::ExtendedState,
}

/// Why the main loop ended.
pub enum LoopExit {
    /// Terminate message or EOF: exit code 0.
    Clean,
    /// A FATAL error was reported: exit code 1.
    Fatal,
}

impl Backend {
    /// Sends an ErrorResponse, or a NoticeResponse when `client_min_messages`
    /// lets that level through (errors always go out).
    ///
    /// The report is written to the server log first (EmitErrorReport's
    /// order), which decides from `log_min_messages` whether it shows and
    /// adds the STATEMENT line `log_min_error_statement` asks for.
    pub fn send_error(&mut self, e: &PgError) {
        pg_error::elog::log_report(e);
        let at = crate::report_location(e);
        if e.severity >= Severity::Error {
            be::encode_error_response_at(&mut self.port.outbuf, e, &at);
        } else if client_wants(e.severity) {
            be::encode_notice_response_at(&mut self.port.outbuf, e, &at);
        }
    }

    fn send_ready_for_query(&mut self) -> PgResult<()> {
        // Report idle before the client can see ReadyForQuery, as
        // PostgreSQL does: a client that reads pg_stat_activity right after
        // its own statement finished must not see it still active.
        self.report_idle();
        if !self.xact.open || (!pg_wal::snapmgr::isolation_uses_xact_snapshot() && self.extended.portals.is_empty()) {
            // SnapshotResetXmin: no snapshot is held between statements
            // outside a transaction (catalog lookups at connection start
            // took some) or under READ COMMITTED when no portal is open, so
            // an idle session does not hold back the oldest-xmin horizon.
            // REPEATABLE READ keeps its transaction snapshot's xmin.
            pg_proc::procarray::reset_my_xmin();
        }
        interrupts::enable_idle_timeout(self.xact.status() != be::TransactionStatus::Idle);
        for (name, value) in pg_guc::take_reported_changes() {
            be::encode_parameter_status(&mut self.port.outbuf, &name, &value);
        }
        if self.xact.status() != be::TransactionStatus::Failed {
            self.extended.portals.forget_aborted();
        }
        be::encode_ready_for_query(&mut self.port.outbuf, self.xact.status());
        self.port.flush()
    }

    fn report_idle(&mut self) {
        let state = match self.xact.status() {
            be::TransactionStatus::Idle => BackendState::Idle,
            be::TransactionStatus::InBlock => BackendState::IdleInTransaction,
            be::TransactionStatus::Failed => BackendState::IdleInTransactionAborted,
        };
        procarray::report_activity(state, None);
        let what = match state {
            BackendState::IdleInTransaction => "idle in transaction",
            BackendState::IdleInTransactionAborted => "idle in transaction (aborted)",
            _ => "idle",
        };
        self.session.set_title(what);
    }

    /// Reads one whole message into `message_body` and returns its type
    /// byte (PostgreSQL's ReadCommand, with `DoingCommandRead` set around
    /// it); None on client EOF. Only the framing is checked here (an
    /// unknown type or a bad length word ends the connection, even while
    /// skipping to Sync); the body is decoded by `decode_message`, once the
    /// main loop knows it is not skipping the message.
    pub(crate) fn read_message(&mut self) -> PgResult<Option<u8>> {
        interrupts::begin_command_read();
        let result = self.read_message_inner();
        interrupts::end_command_read();
        result
    }

    fn read_message_inner(&mut self) -> PgResult<Option<u8>> {
        loop {
            match pg_protocol::frontend::decode_frame(&self.port.inbuf, ReadContext::Normal, PQ_LARGE_MESSAGE_LIMIT)? {
                Some((raw, used)) => {
                    // Copy the message into MessageContext: it lives until
                    // the next message, and its size shows in the context's
                    // accounting while it is processed.
                    let mut body =
                        allocator_api2::vec::Vec::with_capacity_in(raw.body.len(), self.message_context.clone());
                    body.extend_from_slice(raw.body);
                    let msg_type = raw.msg_type;
                    self.port.consume_input(used);
                    self.message_body = Some(body);
                    return Ok(Some(msg_type));
                }
                None => {
                    if let Some((msg_type, body_len)) = self.port.large_message_header() {
                        return self.read_large_message(msg_type, body_len);
                    }
                    if !self.wait_for_input()? {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Reads a large message's body (its header, already checked, starts
    /// the input buffer) straight into MessageContext, as PostgreSQL's
    /// pq_getmessage reads into a StringInfo there: the socket buffer stays
    /// small, and the message is never held twice. None on client EOF.
    fn read_large_message(&mut self, msg_type: u8, body_len: usize) -> PgResult<Option<u8>> {
        // The buffer comes from MessageContext, which raises "out of memory"
        // by unwinding when the system refuses it. The message cannot be
        // skipped then, so, as in PostgreSQL, the client gets the ERROR and
        // then FATAL: the protocol's place is lost.
        let context = self.message_context.clone();
        let body = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            allocator_api2::vec::Vec::with_capacity_in(body_len, context)
        }));
        let mut body = match body {
            Ok(body) => body,
            Err(payload) => {
                self.send_error(&PgError::from_panic(payload));
                return Err(PgError::fatal(
                    SqlState::PROTOCOL_VIOLATION,
                    "terminating connection because protocol synchronization was lost",
                ));
            }
        };
        self.port.consume_input(5);
        loop {
            let take = self.port.inbuf.len().min(body_len - body.len());
            body.extend_from_slice(&self.port.inbuf[..take]);
            self.port.consume_input(take);
            if body.len() == body_len {
                self.message_body = Some(body);
                return Ok(Some(msg_type));
            }
            if !self.wait_for_input()? {
                return Ok(None);
            }
        }
    }

    /// Waits for more client input in the input buffer, serving
    /// interrupts and configuration reloads meanwhile; false on EOF.
    fn wait_for_input(&mut self) -> PgResult<bool> {
        // Replies wait for Sync, Flush or an error, which flush.
        match self.port.fill_unflushed(None)? {
            ReadOutcome::Data | ReadOutcome::Timeout => {}
            ReadOutcome::Eof => return Ok(false),
            ReadOutcome::Interrupted => {
                interrupts::check_for_interrupts()?;
                if interrupts::CONFIG_RELOAD_PENDING.swap(false, std::sync::atomic::Ordering::SeqCst) {
                    self.reload_config();
                }
            }
        }
        Ok(true)
    }

    /// Decodes the message `read_message` read. A malformed body is an
    /// ERROR (08P01, or 22021 for a string that is not valid UTF-8).
    fn decode_message(&self, msg_type: u8) -> PgResult<FrontendMessage> {
        let body = self.message_body.as_deref().unwrap_or_default();
        pg_protocol::frontend::parse_message(pg_protocol::frontend::RawMessage { msg_type, body })
    }

    /// SocketBackend's bookkeeping for each message read: which messages
    /// belong to the extended protocol (an error in one of them starts
    /// skipping to Sync), and which end the skipping (Sync and Terminate).
    fn note_message_type(&mut self, msg_type: u8) {
        match msg_type {
            b'B' | b'C' | b'D' | b'E' | b'H' | b'P' => self.doing_extended_query_message = true,
            b'S' | b'X' => {
                self.ignore_till_sync = false;
                self.doing_extended_query_message = false;
            }
            _ => self.doing_extended_query_message = false,
        }
    }

    fn reload_config(&mut self) {
        {
            let path = crate::config_file_path(std::path::Path::new(&vars::DATA_DIRECTORY.get()));
            // The postmaster logs the file's problems; a backend repeats
            // them only at DEBUG2, as PostgreSQL's do.
            if let Err(e) = pg_guc::reload_config_file(&path) {
                tracing::debug!(severity = "DEBUG2", "{}", e.message);
            }
        }
    }

    /// PostgresMain's loop. Returns how the session ended.
    pub fn main_loop(&mut self) -> LoopExit {
        // NOTICEs raised while applying the startup packet's settings
        // (a truncated application_name) go before the first ReadyForQuery.
        self.send_pending_notices();
        if let Err(e) = self.send_ready_for_query() {
            tracing::debug!("{}", e.message);
            return LoopExit::Clean;
        }
        loop {
            // The previous message's buffer goes first: resetting a context
            // with live collection memory in it is a bug pg-mcxt refuses.
            self.message_body = None;
            self.message_context.reset();
            // debug_query_string belongs to one message.
            pg_error::elog::set_debug_query_string(None);
            // A statement that held a lot of memory gives it back to the
            // system before the backend waits, idle, for the next message.
            pg_mcxt::release_freed_memory();
            // Address space set aside so that a refused allocation can be
            // reported as an ERROR (spent by the last one, if it failed).
            pg_mcxt::reserve::replenish_reserve();
            let result = match self.read_message() {
                Ok(Some(msg_type)) => {
                    self.note_message_type(msg_type);
                    // After an error in the extended protocol every message
                    // up to Sync goes unread: no reply, no error for a
                    // malformed one.
                    if self.ignore_till_sync {
                        continue;
                    }
                    // An interrupt held while the message was awaited (a
                    // statement timeout between an extended-protocol
                    // message and its Sync) is the error of the message
                    // just read, which then is not run.
                    interrupts::check_for_interrupts()
                        .and_then(|()| self.decode_message(msg_type))
                        .and_then(|msg| self.dispatch_catching_unwind(msg))
                }
                Ok(None) => {
                    // SocketBackend's EOF: worth a LOG line only when it
                    // leaves a transaction open.
                    if self.xact.status() != be::TransactionStatus::Idle {
                        pg_error::elog::log_report(&PgError::notice(
                            Severity::Log,
                            SqlState::CONNECTION_FAILURE,
                            "unexpected EOF on client connection with an open transaction",
                        ));
                    } else {
                        tracing::debug!(
                            sqlstate = SqlState::CONNECTION_DOES_NOT_EXIST.code(),
                            "unexpected EOF on client connection"
                        );
                    }
                    return LoopExit::Clean;
                }
                Err(e) if e.severity < Severity::Error => {
                    // PostgreSQL's COMMERROR: the stream is out of sync, so
                    // nothing is sent; log and close.
                    pg_error::elog::log_report(&e);
                    return LoopExit::Fatal;
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(true) => {}
                Ok(false) => return LoopExit::Clean,
                Err(e) if e.severity >= Severity::Fatal => {
                    self.send_error(&e);
                    // A client found gone gets nothing (DestNone): the
                    // error is only logged.
                    if !interrupts::CLIENT_CONNECTION_LOST.load(std::sync::atomic::Ordering::SeqCst) {
                        let _ = self.port.flush();
                    }
                    return LoopExit::Fatal;
                }
                Err(e) => {
                    interrupts::reset_after_error();
                    // PostgresMain's error recovery: report, abort the
                    // transaction (a block goes to the failed state), and
                    // either skip to Sync (extended protocol: the client
                    // gets its one ReadyForQuery there) or send
                    // ReadyForQuery now.
                    self.send_pending_notices();
                    self.send_error(&e);
                    // The error goes out at once, as PostgreSQL flushes
                    // every error: a client that sends Terminate (or goes
                    // away) while we skip to Sync still reads it.
                    let _ = self.port.flush();
                    self.abort_current_transaction();
                    if self.doing_extended_query_message {
                        self.ignore_till_sync = true;
                    } else if self.send_ready_for_query().is_err() {
                        return LoopExit::Clean;
                    }
                }
            }
        }
    }

    /// [`Backend::dispatch`], catching an unwind out of it: a Rust panic
    /// (a bug, reported as XX000) or an error raised by `pg_error::throw`
    /// (out of memory in a memory context). Either is returned as the
    /// message's error, and the main loop's error recovery follows; a
    /// panic that must not be survived never gets here (see `crate::panic`).
    fn dispatch_catching_unwind(&mut self, msg: FrontendMessage) -> PgResult<bool> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(msg))) {
            Ok(result) => result,
            Err(payload) => {
                let e = PgError::from_panic(payload);
                self.recover_from_unwind();
                Err(e)
            }
        }
    }

    /// The state an unwind skipped over: what `exec_simple_query` and
    /// `run_statement` would have undone on their way out with an error.
    /// Guards, collections and memory-context switches were undone by the
    /// unwind itself.
    fn recover_from_unwind(&mut self) {
        interrupts::reset_after_error();
        procarray::report_wait_event(None);
        // A panic with an LWLock held never gets here; this only covers a
        // guard leaked on the way (LWLockReleaseAll in AbortTransaction).
        pg_shmem::lwlock_release_all();
        if let Some(portal) = self.statement_portal.take() {
            if !portal.is_deleted() {
                portal.delete();
            }
        }
    }

    /// Handles one message. Ok(false) ends the session (Terminate); an Err
    /// reaching the caller is sent, then ReadyForQuery follows, or in the
    /// extended protocol the skip to Sync starts; a FATAL ends the session.
    fn dispatch(&mut self, msg: FrontendMessage) -> PgResult<bool> {
        match msg {
            FrontendMessage::Query(sql) => {
                self.exec_simple_query(&sql)?;
                self.send_ready_for_query()?;
            }
            FrontendMessage::Terminate => return Ok(false),
            FrontendMessage::Sync => {
                // A WITH HOLD cursor's query may fail at commit.
                let r = self.finish_xact_command();
                self.send_pending_notices();
                r?;
                self.send_ready_for_query()?;
            }
            FrontendMessage::Flush => self.port.flush()?,
            FrontendMessage::Parse { .. }
            | FrontendMessage::Bind(_)
            | FrontendMessage::Describe { .. }
            | FrontendMessage::Execute { .. }
            | FrontendMessage::Close { .. } => {
                // start_xact_command: the statement's timers run from its
                // first message (Close, which needs no transaction, starts
                // none in PostgreSQL either).
                if !matches!(msg, FrontendMessage::Close { .. }) {
                    interrupts::enable_statement_timers();
                }
                self.exec_extended(msg)?;
                self.send_pending_notices();
            }
            FrontendMessage::FunctionCall(body) => {
                interrupts::enable_statement_timers();
                let r = self.exec_function_call(&body);
                r?;
                self.finish_xact_command()?;
                self.send_ready_for_query()?;
            }
            // PostgreSQL ignores stray COPY messages outside COPY.
            FrontendMessage::CopyData(_) | FrontendMessage::CopyDone | FrontendMessage::CopyFail(_) => {}
            FrontendMessage::PasswordMessage(_) => {
                return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid frontend message type 112"))
            }
        }
        Ok(true)
    }

    fn exec_extended(&mut self, msg: FrontendMessage) -> PgResult<()> {
        match msg {
            FrontendMessage::Parse { statement, query, param_types } => {
                self.exec_parse(&statement, &query, &param_types)
            }
            FrontendMessage::Bind(body) => self.exec_bind(&body),
            FrontendMessage::Describe { kind, name } => self.exec_describe(kind, &name),
            FrontendMessage::Execute { portal, max_rows } => self.exec_execute(&portal, max_rows),
            FrontendMessage::Close { kind, name } => self.exec_close(kind, &name),
            _ => Ok(()),
        }
    }

    /// exec_simple_query(): parse the string, run each statement in turn.
    /// Returns Err only for FATAL errors or a failed write; statement
    /// errors are reported here and end the rest of the string.
    fn exec_simple_query(&mut self, sql: &str) -> PgResult<()> {
        let started = std::time::Instant::now();
        let statement_stats = vars::LOG_STATEMENT_STATS.get();
        if statement_stats {
            crate::usage::reset_usage();
        }
        pg_error::elog::set_debug_query_string(Some(sql));
        pg_error::stack::set_max_stack_depth(crate::max_stack_depth_bytes());
        procarray::report_activity(BackendState::Active, Some(sql));
        // start_xact_command: parsing runs under statement_timeout too.
        interrupts::enable_statement_timers();
        let mut was_logged = false;
        let outcome = self.run_statements(sql, &mut was_logged);
        interrupts::disable_statement_timeout();
        match outcome {
            Ok(()) => {
                crate::logstmt::log_duration(started, was_logged, || format!("statement: {sql}"), None);
                if statement_stats {
                    crate::usage::show_usage("QUERY STATISTICS");
                }
                Ok(())
            }
            Err(e) if e.severity >= Severity::Fatal => Err(e),
            Err(e) => {
                self.send_pending_notices();
                self.send_error(&e);
                self.abort_current_transaction();
                Ok(())
            }
        }
    }

    fn run_statements(&mut self, sql: &str, was_logged: &mut bool) -> PgResult<()> {
        // A simple Query ends the life of the unnamed prepared statement,
        // and each statement it runs takes the unnamed portal's name.
        self.extended.drop_unnamed_statement();
        let stmts =
            crate::usage::measured(vars::LOG_PARSER_STATS.get(), "PARSER STATISTICS", || pg_parser::parse(sql))?;
        // The scanner's notices (identifier truncation) come before any result.
        self.send_pending_notices();
        *was_logged = crate::logstmt::log_simple_query(sql, &stmts);
        if !stmts.is_empty() {
            self.extended.portals.drop_portal("");
        }
        if stmts.is_empty() {
            be::encode_empty_query_response(&mut self.port.outbuf);
            return Ok(());
        }
        // Several statements in one Query message run as one implicit
        // transaction, as in PostgreSQL.
        let implicit_block = stmts.len() > 1;
        let n = stmts.len();
        let result = (|| {
            for (i, raw) in stmts.iter().enumerate() {
                // Each statement of the string gets its own statement_timeout.
                interrupts::enable_statement_timers();
                interrupts::check_for_interrupts()?;
                self.session.set_title(command_tag_for_title(&raw.stmt));
                self.xact.start_command();
                self.xact.implicit_block = implicit_block && i + 1 < n;
                let result = self.run_statement(sql, raw);
                self.send_pending_notices();
                result?;
                if !implicit_block || i + 1 == n {
                    self.finish_xact_command()?;
                    self.send_pending_notices();
                } else {
                    interrupts::disable_statement_timeout();
                    // CommitTransactionCommand in the implicit block: the
                    // next statement sees this one's changes.
                    self.xact.command_counter_increment();
                }
            }
            Ok(())
        })();
        self.xact.implicit_block = false;
        result
    }

    pub(crate) fn run_statement(&mut self, full_sql: &str, raw: &RawStmt) -> PgResult<()> {
        let stmt = &raw.stmt;
        if !ends_transaction(stmt) {
            self.xact.check_not_failed()?;
        }
        crate::xact::check_statement_read_only(stmt)?;
        let tag: String = match stmt {
            // ---- regress
            Stmt::Select(s) if crate::createas::select_into(s).is_some() => self.exec_select_into(full_sql, raw, s)?,
            Stmt::CreateTableAs(c) => self.exec_create_table_as(full_sql, raw, c)?,
            Stmt::Vacuum(v) => self.exec_vacuum(full_sql, v)?,
            Stmt::Select(_) | Stmt::Explain(_) | Stmt::Insert(_) | Stmt::Update(_) | Stmt::Delete(_) => {
                let portal = pg_mcxt::create_portal_context("");
                self.statement_portal = Some(portal.clone());
                let mut dest = DestRemote::new(&mut self.port);
                let r = crate::exec::run_query(full_sql, raw, &portal, &mut dest);
                self.statement_portal = None;
                portal.delete();
                r?
            }
            Stmt::Copy(c) => self.exec_copy(full_sql, raw, c)?,
            Stmt::Truncate(t) => crate::truncate::truncate(&self.session, t, self.xact.nest_level() as u32)?,
            Stmt::VariableSet(set) => self.exec_set(set)?,
            Stmt::VariableShow { name } => crate::utility::exec_show(name, &mut self.port.outbuf)?,
            Stmt::Transaction(t) => self.exec_transaction(t)?,
            Stmt::CreateRole(s) => crate::utility::create_role(&self.session, s)?,
            Stmt::AlterRole(s) => crate::utility::alter_role(&self.session, s)?,
            Stmt::RenameRole { .. } | Stmt::AlterRoleSet(_) => {
                return Err(PgError::not_supported("ALTER ROLE with RENAME TO, SET or RESET is not supported yet"))
            }
            Stmt::DropRole(s) => crate::utility::drop_role(&self.session, s)?,
            Stmt::Lock(l) if self.xact.is_transaction_block() => crate::lockfuncs::lock_table(&self.session, l)?,
            // ---- ddl
            Stmt::CreateTable(s) => {
                crate::ddl::check_named_objects(full_sql, stmt)?;
                crate::ddl::create_table(&self.session, full_sql, s, self.xact.nest_level() as u32)?
            }
            Stmt::View(s) => {
                crate::ddl::check_named_objects(full_sql, stmt)?;
                crate::ddl::create_view(&self.session, full_sql, s)?
            }
            Stmt::CreateDatabase(c) if !self.xact.is_transaction_block() => {
                crate::dbcommands::create_database(&self.session, c)?
            }
            Stmt::DropDatabase(d) if !self.xact.is_transaction_block() => {
                crate::dbcommands::drop_database(&self.session, d)?
            }
            Stmt::AlterTable(a) if crate::alter::handles(a) => crate::alter::alter_table(&self.session, full_sql, a)?,
            Stmt::RenameRelation(r) if crate::alter::handles_rename(r) => crate::alter::rename(&self.session, r)?,
            Stmt::Drop(d) if matches!(d.kind, pg_parser::ObjectType::Table | pg_parser::ObjectType::View) => {
                crate::ddl::drop_relations(&self.session, d, self.xact.nest_level() as u32)?
            }
            // ---- clients
            Stmt::CreateSchema(s) => crate::schemacmds::create_schema(&self.session, s)?,
            Stmt::Drop(d) if d.kind == pg_parser::ObjectType::Schema => {
                crate::schemacmds::drop_schemas(&self.session, d, self.xact.nest_level() as u32)?
            }
            Stmt::DeclareCursor(d) => self.exec_declare(full_sql, raw, d)?,
            Stmt::Fetch(f) => self.exec_fetch(f)?,
            Stmt::Discard(mode) => self.exec_discard(*mode)?,
            Stmt::Checkpoint => crate::utility::checkpoint(&self.session)?,
            Stmt::ClosePortal { name: None } => {
                self.extended.portals.drop_all();
                "CLOSE CURSOR ALL".to_string()
            }
            Stmt::ClosePortal { name: Some(name) } => {
                if !self.extended.portals.drop_portal(name) {
                    return Err(undefined_cursor(name));
                }
                "CLOSE CURSOR".to_string()
            }
            other => {
                let command_tag = other.command_tag();
                // standard_ProcessUtility's transaction-block rules come
                // before anything these statements would look up.
                const NOT_IN_A_BLOCK: [&str; 6] = [
                    "VACUUM",
                    "CREATE DATABASE",
                    "DROP DATABASE",
                    "ALTER SYSTEM",
                    "CREATE TABLESPACE",
                    "DROP TABLESPACE",
                ];
                // ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY runs in two transactions of
                // its own (ProcessUtilitySlow checks it before the relation lookup).
                let detach_concurrently = matches!(other, Stmt::AlterTable(a) if a.cmds.iter().any(|c| matches!(
                    c,
                    pg_parser::AlterTableCmd::DetachPartition { mode: pg_parser::DetachMode::Concurrently, .. }
                )));
                let refusing = refused_in_a_block(other);
                let command = if detach_concurrently {
                    "ALTER TABLE ... DETACH CONCURRENTLY"
                } else {
                    refusing.unwrap_or(command_tag)
                };
                if (detach_concurrently || refusing.is_some() || NOT_IN_A_BLOCK.contains(&command_tag))
                    && self.xact.is_transaction_block()
                {
                    return Err(PgError::new(
                        SqlState::ACTIVE_SQL_TRANSACTION,
                        format!("{command} cannot run inside a transaction block"),
                    ));
                }
                if command_tag == "LOCK TABLE" && !self.xact.is_transaction_block() {
                    return Err(PgError::new(
                        SqlState::NO_ACTIVE_SQL_TRANSACTION,
                        "LOCK TABLE can only be used in transaction blocks",
                    ));
                }
                // ALTER ... IF EXISTS of a missing relation does nothing but say so.
                match other.if_exists_relation() {
                    Some(rel) if !crate::exec::relation_exists(full_sql, rel)? => {
                        pg_error::notice::emit_notice(PgError::notice(
                            Severity::Notice,
                            SqlState::SUCCESSFUL_COMPLETION,
                            format!("relation \"{}\" does not exist, skipping", rel.name),
                        ));
                        command_tag.to_string()
                    }
                    _ => return Err(crate::exec::reject_unsupported(full_sql, other)),
                }
            }
        };
        self.send_pending_notices();
        be::encode_command_complete(&mut self.port.outbuf, &tag);
        Ok(())
    }

    pub(crate) fn send_pending_notices(&mut self) {
        // Those raised below this layer (the scanner's, the settings') first:
        // they were raised before any the statement's execution queued.
        let mut notices = pg_error::notice::take_notices();
        notices.extend(crate::NOTICES.with(|n| std::mem::take(&mut *n.borrow_mut())));
        for n in &notices {
            self.send_error(n);
        }
    }

    fn exec_transaction(&mut self, t: &TransactionStmt) -> PgResult<String> {
        let kind = t.kind;
        let savepoint = || t.savepoint_name.as_deref().unwrap_or_default();
        let (tag, warning) = match kind {
            TransactionKind::Begin | TransactionKind::Start => {
                let w = self.xact.begin();
                // BEGIN's modes apply even after the "already in progress"
                // warning, as in PostgreSQL (and meet the same checks).
                if let Some(w) = &w {
                    self.send_error(w);
                }
                crate::utility::apply_transaction_modes(&t.modes, false, self.session.role.superuser)?;
                return Ok((if kind == TransactionKind::Begin { "BEGIN" } else { "START TRANSACTION" }).to_string());
            }
            TransactionKind::Commit | TransactionKind::Rollback if t.chain => {
                return self.end_and_chain(kind == TransactionKind::Commit);
            }
            TransactionKind::Commit => {
                if self.xact.is_failed() {
                    self.extended.portals.at_abort(1);
                } else if let Err(e) = self.extended.portals.pre_commit() {
                    // A held cursor's query failed: the commit fails and
                    // the transaction is rolled back.
                    self.extended.portals.at_abort(1);
                    self.xact.rollback();
                    return Err(e);
                }
                self.xact.commit()
            }
            TransactionKind::Rollback => {
                self.extended.portals.at_abort(1);
                ("ROLLBACK", self.xact.rollback())
            }
            TransactionKind::Savepoint => {
                self.xact.savepoint(savepoint())?;
                ("SAVEPOINT", None)
            }
            TransactionKind::Release => {
                if self.xact.block != crate::xact::BlockState::Default && !self.xact.is_failed() {
                    if let Ok(level) = self.xact.savepoint_level(savepoint()) {
                        let parent = self.xact.owner_at_level(level - 1);
                        self.extended.portals.at_subcommit(level, parent);
                    }
                }
                self.xact.release_savepoint(savepoint())?;
                ("RELEASE", None)
            }
            TransactionKind::RollbackTo => {
                if self.xact.block != crate::xact::BlockState::Default {
                    if let Ok(level) = self.xact.savepoint_level(savepoint()) {
                        self.extended.portals.at_abort(level);
                    }
                }
                self.xact.rollback_to_savepoint(savepoint())?;
                ("ROLLBACK", None)
            }
            TransactionKind::Prepare => return self.prepare_transaction(),
            TransactionKind::CommitPrepared | TransactionKind::RollbackPrepared => {
                let what =
                    if kind == TransactionKind::CommitPrepared { "COMMIT PREPARED" } else { "ROLLBACK PREPARED" };
                if self.xact.is_transaction_block() {
                    return Err(PgError::new(
                        SqlState::ACTIVE_SQL_TRANSACTION,
                        format!("{what} cannot run inside a transaction block"),
                    ));
                }
                // No transaction is ever prepared here (PREPARE TRANSACTION
                // is refused), so none has this identifier.
                return Err(PgError::new(
                    SqlState::UNDEFINED_OBJECT,
                    format!(
                        "prepared transaction with identifier \"{}\" does not exist",
                        t.gid.as_deref().unwrap_or_default()
                    ),
                ));
            }
        };
        if let Some(w) = warning {
            self.send_error(&w);
        }
        Ok(tag.to_string())
    }

    /// COMMIT AND CHAIN / ROLLBACK AND CHAIN: ends the transaction block
    /// and starts a new one with the same isolation level, read-only and
    /// deferrable modes (`SaveTransactionCharacteristics`).
    fn end_and_chain(&mut self, commit: bool) -> PgResult<String> {
        let what = if commit { "COMMIT AND CHAIN" } else { "ROLLBACK AND CHAIN" };
        if !self.xact.is_transaction_block() {
            return Err(PgError::new(
                SqlState::NO_ACTIVE_SQL_TRANSACTION,
                format!("{what} can only be used in transaction blocks"),
            ));
        }
        let modes: Vec<(&str, String)> = ["transaction_isolation", "transaction_read_only", "transaction_deferrable"]
            .into_iter()
            .map(|name| (name, pg_guc::show(name).unwrap_or_default()))
            .collect();
        let tag = if commit && !self.xact.is_failed() {
            if let Err(e) = self.extended.portals.pre_commit() {
                self.extended.portals.at_abort(1);
                self.xact.rollback();
                return Err(e);
            }
            self.xact.commit().0
        } else {
            self.extended.portals.at_abort(1);
            self.xact.rollback();
            "ROLLBACK"
        };
        self.xact.start_command();
        self.xact.begin();
        for (name, value) in modes {
            // The new transaction has taken no snapshot, so the mode checks pass.
            pg_guc::set_config_option(name, Some(&value), pg_guc::GucSource::Session, true, true)?;
        }
        Ok(tag.to_string())
    }

    /// PREPARE TRANSACTION: two-phase commit needs prepared transactions
    /// that survive the session; with `max_prepared_transactions = 0`
    /// (PostgreSQL's default) PostgreSQL refuses it exactly so, otherwise
    /// it is not supported yet. Either way the transaction is rolled back,
    /// as PostgreSQL's failed prepare does.
    fn prepare_transaction(&mut self) -> PgResult<String> {
        if !self.xact.in_block() {
            self.xact.rollback();
            self.send_error(&PgError::notice(
                Severity::Warning,
                SqlState::NO_ACTIVE_SQL_TRANSACTION,
                "there is no transaction in progress",
            ));
            return Ok("ROLLBACK".to_string());
        }
        self.extended.portals.at_abort(1);
        let failed = self.xact.is_failed();
        self.xact.rollback();
        if failed {
            return Ok("ROLLBACK".to_string());
        }
        if pg_guc::vars::MAX_PREPARED_TRANSACTIONS.get() == 0 {
            return Err(PgError::new(SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE, "prepared transactions are disabled")
                .with_hint("Set max_prepared_transactions to a nonzero value."));
        }
        Err(PgError::not_supported("PREPARE TRANSACTION is not supported yet"))
    }

    /// `AbortOutOfAnyTransaction` and `AtProcExit_Files` when the session
    /// ends: every portal (held cursors too) is dropped, an open
    /// transaction rolls back with its resource owners, and any temporary
    /// file still open is removed.
    pub(crate) fn at_proc_exit(&mut self) {
        self.extended.portals.drop_all();
        if self.xact.open {
            self.xact.rollback();
        }
        // The session's temporary relations go, in a transaction
        // of their own (RemoveTempRelationsCallback).
        self.xact.start_command();
        match crate::ddl::remove_temp_relations_at_exit() {
            Ok(_) => {
                if let Err(e) = self.finish_xact_command() {
                    pg_error::elog::log_report(&e);
                }
            }
            Err(e) => {
                pg_error::elog::log_report(&e);
                self.xact.abort_on_error();
            }
        }
        if self.xact.open {
            self.xact.rollback();
        }
        pg_storage::cleanup_temp_files();
    }

    /// AbortCurrentTransaction() after an error: the portals of the level
    /// that aborts go first (their executors release what they hold), then
    /// the level's settings and resource owner.
    pub(crate) fn abort_current_transaction(&mut self) {
        // PostgresMain's error recovery: the failed statement's timeouts
        // and any cancel request meant for it end with it.
        interrupts::reset_after_error();
        if let Some(level) = self.xact.level_to_abort() {
            self.extended.portals.at_abort(level);
        }
        self.xact.abort_on_error();
        self.send_pending_notices();
    }

    /// CommitTransactionCommand() at the end of a statement (or Sync):
    /// outside a transaction block the statement's transaction commits,
    /// which first persists WITH HOLD cursors and drops the other portals.
    /// A held cursor's failure fails the commit; the caller aborts.
    pub(crate) fn finish_xact_command(&mut self) -> PgResult<()> {
        interrupts::disable_statement_timeout();
        if self.xact.block == crate::xact::BlockState::Default && self.xact.open {
            self.extended.portals.pre_commit()?;
        }
        self.xact.finish_command();
        Ok(())
    }

    /// DISCARD (`DiscardCommand`). ALL resets the session as a connection
    /// pooler expects: every portal and named prepared statement goes and
    /// every setting returns to its session default. The other modes reset
    /// state this server does not keep (plan caches, sequences, temporary
    /// tables), so they have nothing to do.
    fn exec_discard(&mut self, mode: DiscardMode) -> PgResult<String> {
        if mode == DiscardMode::All {
            if self.xact.is_transaction_block() {
                return Err(PgError::new(
                    SqlState::ACTIVE_SQL_TRANSACTION,
                    "DISCARD ALL cannot run inside a transaction block",
                ));
            }
            self.extended.portals.drop_all();
            pg_guc::reset_all();
            procarray::report_appname(&vars::APPLICATION_NAME.get());
            self.extended.drop_named_statements();
        }
        Ok(mode.command_tag().to_string())
    }

    /// DECLARE CURSOR in a simple Query: plans the query and opens a
    /// portal for it; no row is computed yet.
    fn exec_declare(&mut self, full_sql: &str, raw: &RawStmt, d: &DeclareCursorStmt) -> PgResult<String> {
        check_cursor_options(&d.options)?;
        let query = RawStmt { stmt: Stmt::Select(d.query.clone()), location: raw.location, len: raw.len };
        let plan = crate::exec::plan_query(full_sql, &query)?;
        self.open_cursor(full_sql, d, std::sync::Arc::new(plan), Vec::new())
    }

    /// `PerformCursorOpen`: opens the cursor `d` over its planned query
    /// with bound parameter values (the extended protocol's DECLARE has
    /// them).
    pub(crate) fn open_cursor(
        &mut self,
        full_sql: &str,
        d: &DeclareCursorStmt,
        plan: std::sync::Arc<pg_planner::PlannedStmt>,
        params: Vec<pg_types::Datum>,
    ) -> PgResult<String> {
        let mut options = d.options;
        if !options.hold && !self.xact.is_transaction_block() {
            return Err(PgError::new(
                SqlState::NO_ACTIVE_SQL_TRANSACTION,
                "DECLARE CURSOR can only be used in transaction blocks",
            ));
        }
        if self.extended.portals.contains(&d.portal_name) {
            return Err(PgError::new(
                SqlState::DUPLICATE_CURSOR,
                format!("cursor \"{}\" already exists", d.portal_name),
            ));
        }
        if !options.scroll && !options.no_scroll {
            // PostgreSQL makes a cursor scrollable when its plan can run
            // backward at no extra cost.
            options.scroll = crate::portal::supports_backward_scan(&plan.plan);
            options.no_scroll = !options.scroll;
        }
        crate::xact::check_plan_read_only(&plan)?;
        let mut portal = Portal::new(&d.portal_name, full_sql, self.xact.nest_level(), self.xact.current_owner());
        let run = SelectRun::start(plan, params, portal.context(), options.scroll || options.hold, options.no_scroll);
        portal.body = PortalBody::Select(Box::new(run));
        portal.result_formats = if options.binary { vec![1] } else { Vec::new() };
        portal.cursor = Some(options);
        let row = CursorRow {
            statement: full_sql.to_string(),
            is_holdable: options.hold,
            is_binary: options.binary,
            is_scrollable: options.scroll,
            creation_time: pg_types::statement_timestamp(),
        };
        self.extended.portals.insert(portal, Some(row));
        Ok("DECLARE CURSOR".to_string())
    }

    /// FETCH / MOVE (`PerformPortalFetch`) in a simple Query (or MOVE
    /// through Execute): FETCH sends RowDescription and the rows in the
    /// cursor's formats.
    pub(crate) fn exec_fetch(&mut self, f: &FetchStmt) -> PgResult<String> {
        let n = self.with_cursor(f, |backend, run| {
            if f.is_move {
                return run.0.run_fetch(f.direction, f.how_many, true, &mut crate::portal::DestNone);
            }
            let mut dest = DestRemote::for_cursor(&mut backend.port, run.1);
            run.0.run_fetch(f.direction, f.how_many, false, &mut dest)
        })?;
        Ok(format!("{} {n}", if f.is_move { "MOVE" } else { "FETCH" }))
    }

    /// FETCH through Execute: the rows go into `rows` for the portal that
    /// runs the FETCH to hand out; returns their column types.
    pub(crate) fn exec_fetch_into(
        &mut self,
        f: &FetchStmt,
        rows: &mut crate::portal::CollectRows,
    ) -> PgResult<Vec<u32>> {
        let mut types = Vec::new();
        self.with_cursor(f, |_, run| {
            types = run.0.columns().iter().map(|c| c.type_oid).collect();
            run.0.run_fetch(f.direction, f.how_many, false, rows)
        })?;
        Ok(types)
    }

    /// Runs `f` on the named cursor's query state (with its formats) and
    /// its resource owner current; a failure marks the cursor failed.
    fn with_cursor(
        &mut self,
        stmt: &FetchStmt,
        f: impl FnOnce(&mut Backend, (&mut SelectRun, Vec<i16>)) -> PgResult<u64>,
    ) -> PgResult<u64> {
        let name = &stmt.portal_name;
        let mut portal = self.extended.portals.take(name).ok_or_else(|| undefined_cursor(name))?;
        let result = (|| {
            portal.check_runnable()?;
            let owner = portal.owner();
            let formats = portal.result_formats.clone();
            let Some(run) = portal.select_mut() else {
                return Err(PgError::not_supported("FETCH from a portal of a utility statement is not supported yet"));
            };
            pg_proc::resowner::with_current(owner, || f(self, (run, formats)))
        })();
        if result.is_err() {
            portal.failed = true;
        }
        self.extended.portals.put_back(portal);
        result
    }

    fn exec_set(&mut self, set: &VariableSetStmt) -> PgResult<String> {
        let import_snapshot = set.name == "transaction_snapshot" && set.kind != VariableSetKind::Reset;
        let set_transaction = (set.kind == VariableSetKind::Multi && set.name == "transaction") || import_snapshot;
        if (set.is_local || set_transaction) && !self.xact.is_transaction_block() {
            // PostgreSQL warns and does nothing lasting (the implicit
            // transaction ends at once).
            let what = if set_transaction { "SET TRANSACTION" } else { "SET LOCAL" };
            self.send_error(&PgError::notice(
                Severity::Warning,
                SqlState::NO_ACTIVE_SQL_TRANSACTION,
                format!("{what} can only be used in transaction blocks"),
            ));
        }
        if set.kind == VariableSetKind::Reset
            && set.name == "transaction_isolation"
            && self.xact.block == crate::xact::BlockState::Default
        {
            self.send_error(&PgError::notice(
                Severity::Warning,
                SqlState::NO_ACTIVE_SQL_TRANSACTION,
                "RESET TRANSACTION can only be used in transaction blocks",
            ));
        }
        if import_snapshot {
            return crate::xact::import_snapshot(set.args.first());
        }
        let tag = match set.kind {
            VariableSetKind::Reset | VariableSetKind::ResetAll => "RESET",
            _ => "SET",
        };
        crate::utility::exec_set(&self.session, set)?;
        if set.name == "application_name" || set.kind == VariableSetKind::ResetAll {
            procarray::report_appname(&vars::APPLICATION_NAME.get());
        }
        Ok(tag.to_string())
    }
}

/// `transformDeclareCursorStmt`'s checks of the options (before planning).
pub(crate) fn check_cursor_options(options: &CursorOptions) -> PgResult<()> {
    for (a, b, an, bn) in [
        (options.scroll, options.no_scroll, "SCROLL", "NO SCROLL"),
        (options.asensitive, options.insensitive, "ASENSITIVE", "INSENSITIVE"),
    ] {
        if a && b {
            return Err(PgError::new(
                SqlState::INVALID_CURSOR_DEFINITION,
                format!("cannot specify both {an} and {bn}"),
            ));
        }
    }
    Ok(())
}

/// 34000 "cursor does not exist".
fn undefined_cursor(name: &str) -> PgError {
    PgError::new(SqlState::UNDEFINED_CURSOR, format!("cursor \"{name}\" does not exist"))
}

/// Whether `client_min_messages` passes a notice of `severity` (its levels
/// order debug5..debug1 < log < notice < warning < error; INFO always goes).
fn client_wants(severity: Severity) -> bool {
    let min = vars::CLIENT_MIN_MESSAGES.label();
    let rank = |level: &str| match level {
        "debug5" | "debug4" | "debug3" | "debug2" | "debug1" | "debug" => 0,
        "log" => 1,
        "notice" => 2,
        "warning" => 3,
        _ => 4,
    };
    let this = match severity {
        Severity::Info => return true,
        Severity::Debug => 0,
        Severity::Log => 1,
        Severity::Notice => 2,
        Severity::Warning => 3,
        _ => 4,
    };
    this >= rank(min)
}

/// COMMIT / ROLLBACK, ROLLBACK TO and PREPARE TRANSACTION: the statements a
/// failed block accepts (`IsTransactionExitStmt`).
pub(crate) fn ends_transaction(stmt: &Stmt) -> bool {
    matches!(
        stmt,
        Stmt::Transaction(t) if matches!(t.kind, TransactionKind::Commit | TransactionKind::Rollback | TransactionKind::RollbackTo | TransactionKind::Prepare)
    )
}

/// The word the process title shows while a statement runs.
pub(crate) fn command_tag_for_title(stmt: &Stmt) -> &str {
    stmt.command_tag()
}

/// The forms of CLUSTER, REINDEX and ALTER DATABASE that PostgreSQL refuses inside a
/// transaction block (their commands check it after reading their options and before looking
/// anything up), by the name the error gives them: CLUSTER without a table reclusters every
/// table, each in its own transaction, as REINDEX SCHEMA / SYSTEM / DATABASE and REINDEX
/// CONCURRENTLY do; ALTER DATABASE SET TABLESPACE moves files. An unknown option is
/// PostgreSQL's error first, so options other than the known ones leave the statement to the
/// usual answer.
fn refused_in_a_block(stmt: &Stmt) -> Option<&'static str> {
    let known = |options: &[pg_parser::UtilityOption], names: &[&str]| {
        options.iter().all(|(name, _)| names.contains(&name.as_str()))
    };
    match stmt {
        Stmt::Cluster(c) if c.relation.is_none() && known(&c.options, &["verbose"]) => Some("CLUSTER"),
        Stmt::Reindex(r) if known(&r.options, &["verbose", "concurrently", "tablespace"]) => {
            // `(concurrently false)` turns it off, as defGetBoolean reads it.
            let concurrently = r.options.iter().any(|(name, value)| {
                name == "concurrently"
                    && match value {
                        None => true,
                        Some(pg_parser::Value::String(v)) => matches!(v.as_str(), "true" | "on"),
                        Some(pg_parser::Value::Integer(v)) => *v == 1,
                        _ => false,
                    }
            });
            // A TABLESPACE is looked up after the CONCURRENTLY check, before the others.
            let tablespace = r.options.iter().any(|(name, _)| name == "tablespace");
            match r.kind {
                _ if concurrently => Some("REINDEX CONCURRENTLY"),
                _ if tablespace => None,
                pg_parser::ReindexKind::Schema => Some("REINDEX SCHEMA"),
                pg_parser::ReindexKind::System => Some("REINDEX SYSTEM"),
                pg_parser::ReindexKind::Database => Some("REINDEX DATABASE"),
                _ => None,
            }
        }
        Stmt::AlterDatabase(a) => match &a.action {
            pg_parser::AlterDatabaseAction::SetTablespace(_) => Some("ALTER DATABASE SET TABLESPACE"),
            pg_parser::AlterDatabaseAction::Options(o) if o.len() == 1 && o[0].name == "tablespace" => {
                Some("ALTER DATABASE SET TABLESPACE")
            }
            _ => None,
        },
        _ => None,
    }
}
