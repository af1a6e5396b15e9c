//! pg-tcop: the backend ("traffic cop", PostgreSQL's `src/backend/tcop`:
//! postgres.c, pquery.c, utility.c, dest.c; plus the backend half of
//! `postmaster.c` and `libpq/auth.c`).
//!
//! # The life of a query
//!
//! 1. The postmaster accepts a connection and forks; the child calls
//!    [`backend_main`]. `startup::establish_session` reads the startup
//!    packet, claims a PGPROC slot (`pg_proc::procarray::init_process`),
//!    authenticates per pg_hba.conf (trust, password, SCRAM-SHA-256), checks
//!    role and database, and sends AuthenticationOk, ParameterStatus and
//!    BackendKeyData.
//! 2. `postgres::Backend::main_loop` resets `MessageContext`, reports
//!    `idle` in pg_stat_activity and the process title, and waits on the
//!    socket *and* the process latch (`pqcomm::Port::fill`), so cancel,
//!    terminate and memory-context requests are served while idle. Before
//!    ReadyForQuery it starts `idle_in_transaction_session_timeout` or
//!    `idle_session_timeout` (FATAL 25P03 / 57P05 when the client stays
//!    silent); they stop when the next message arrives, and the statement
//!    timers (`statement_timeout`, `client_connection_check_interval`)
//!    start with the statement's first message.
//! 3. A simple Query message is framed by `pg_protocol::decode_frame`,
//!    copied into `MessageContext`, and handed to `exec_simple_query`, which
//!    reports `active` with the query text and calls `pg_parser::parse`.
//! 4. Each raw statement runs in turn, inside an implicit transaction when
//!    the string holds several. Utility statements (SET, SHOW, BEGIN,
//!    CREATE ROLE, ...) go to `utility`; a SELECT or EXPLAIN goes to
//!    `exec::run_query`, which switches to a `PortalContext` child of
//!    `TopPortalContext` and runs the pipeline itself, as
//!    `exec_simple_query` does:
//!    - `exec::analyze_and_plan` (PostgreSQL's `pg_analyze_and_rewrite` +
//!      `pg_plan_query`) unwraps EXPLAIN and reads its options
//!      (`pg_planner::explain::parse_options`), calls `pg_analyze::analyze`,
//!      which resolves names against `pg_catalog::BuiltinCatalog` and
//!      operators, casts and functions against pg-types into a typed
//!      `Query`; there is no rewriter yet; then `pg_planner::plan` makes the
//!      `PlannedStmt`.
//!    - `pg_executor::execute` runs the plan, calling
//!      `check_for_interrupts` for every row. The executor sees only the
//!      plan: never SQL text, a raw parse tree, the analyzer or the planner.
//!
//!    For the extended protocol, Parse runs the same `analyze_and_plan`
//!    with the client's parameter types (`exec::prepare`, as
//!    `exec_parse_message`); Bind makes a `portal::Portal` that owns a
//!    `pg_executor::QueryDesc` for the kept plan and the bound values
//!    (`PortalStart`), in its own `PortalContext` and resource owner; each
//!    Execute runs it only as far as `max_rows` asks
//!    (`SelectRun::run_select`, PostgreSQL's `PortalRunSelect`) and answers
//!    PortalSuspended until the plan is exhausted. DECLARE CURSOR makes the
//!    same kind of portal from SQL, and FETCH / MOVE move it in any
//!    direction (`SelectRun::run_fetch`, `DoPortalRunFetch`); a scrollable
//!    or holdable cursor keeps the rows it has read so it can move back.
//! 5. Rows flow through `dest::DestRemote` as RowDescription and DataRow
//!    messages, then CommandComplete; ReadyForQuery carries the transaction
//!    status byte. An ERROR becomes an ErrorResponse and aborts the rest of
//!    the string; a FATAL ends the process with exit code 1.
//! 6. The transaction is a stack (`xact`): BEGIN opens level 1, each
//!    SAVEPOINT a subtransaction with its own GUC nest level and resource
//!    owner. At commit, WITH HOLD cursors read their remaining rows and
//!    outlive the transaction, other portals are dropped, and each resource
//!    owner warns about what is still held; an error aborts the innermost
//!    level: its portals are dropped, its settings undone and its
//!    resources released, until ROLLBACK or ROLLBACK TO.
//!
//! Dependencies: every layer below (pg-executor down to pg-error).
//! Invariants: single-threaded; the only blocking waits are on the latch
//! and socket (`pg_proc::interrupts::wait_latch`); an error never leaves the
//! connection in an unknown protocol state.

mod alter;
mod builtins;
mod catfuncs;
mod clientfuncs;
mod copy;
mod createas;
mod dbcommands;
mod ddl;
mod dest;
mod exec;
mod extended;
mod format;
mod hostname;
mod lockfuncs;
mod logstmt;
// ---- catalog
mod objectaddress;
mod panic;
mod portal;
mod postgres;
mod pqcomm;
mod regtypes;
mod reloptions;
mod rolecache;
mod ruleutils;
mod schemacmds;
mod session;
mod signalfuncs;
mod socket_options;
mod startup;
mod sysviews;
mod truncate;
mod usage;
mod utility;
mod vacuum;
mod xact;
mod xactfuncs;

pub use builtins::{register_builtin_functions, startup_banner, version_string, PRODUCT_NAME, PRODUCT_VERSION};

use pg_error::{PgError, PgResult, SqlState};
use pg_guc::vars;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};

/// Where a client connected from.
#[derive(Clone, Debug)]
pub enum PeerAddr {
    /// TCP, with the client's address and port.
    Tcp(SocketAddr),
    /// A Unix-domain socket.
    Unix,
}

/// An accepted connection handed from the postmaster to a new backend.
pub struct ClientConnection {
    /// The socket.
    pub fd: OwnedFd,
    /// The peer.
    pub peer: PeerAddr,
}

thread_local! {
    /// Notices raised during a statement, sent before its CommandComplete.
    pub(crate) static NOTICES: RefCell<Vec<PgError>> = const { RefCell::new(Vec::new()) };
    /// The main shared memory segment (postmaster; inherited by fork).
    static MAIN_SEGMENT: RefCell<Option<pg_shmem::ShmemSegment>> = const { RefCell::new(None) };
    /// The parsed pg_hba.conf: loaded by the postmaster, inherited by fork.
    static HBA: RefCell<Option<pg_protocol::HbaFile>> = const { RefCell::new(None) };
}

pub(crate) fn with_hba<R>(f: impl FnOnce(&pg_protocol::HbaFile) -> R) -> Option<R> {
    HBA.with(|h| h.borrow().as_ref().map(f))
}

pub(crate) fn data_dir() -> PathBuf {
    PathBuf::from(vars::DATA_DIRECTORY.get())
}

/// An OS error as `%m` prints it (`No such file or directory`), without
/// the Rust `(os error 2)` suffix.
pub fn os_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Loads pg_hba.conf (postmaster start and SIGHUP). A file with errors is
/// refused whole, as PostgreSQL does: at start that is fatal, on reload the
/// old rules stay.
pub fn load_hba_file(path: &Path) -> PgResult<()> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        tracing::info!("could not open configuration file \"{}\": {}", path.display(), os_error_text(&e));
        PgError::fatal(SqlState::CONFIG_FILE_ERROR, "could not load pg_hba.conf")
    })?;
    let name = path.display().to_string();
    match pg_protocol::parse_hba(&text, &name) {
        Ok(file) => {
            HBA.with(|h| *h.borrow_mut() = Some(file));
            Ok(())
        }
        Err(errors) => {
            // Each bad line at LOG with where it is (PostgreSQL's CONTEXT);
            // the caller says what becomes of the file.
            for e in &errors {
                tracing::info!(sqlstate = e.error.code.code(), context = %e.context(&name), "{}", e.error.message);
            }
            Err(PgError::fatal(SqlState::CONFIG_FILE_ERROR, "could not load pg_hba.conf"))
        }
    }
}

/// CreateSharedMemoryAndSemaphores(): sizes every subsystem's structures,
/// creates the one segment, and initialises them. Called by the postmaster
/// at start and after a crash; the previous segment (if any) is unmapped.
pub fn create_shared_memory() -> PgResult<()> {
    let max_connections = vars::MAX_CONNECTIONS.get().max(1) as usize;
    // Client backends, then the auxiliary processes' reserved slots.
    let procs = max_connections + pg_proc::procarray::NUM_AUXILIARY_PROCS;
    let mut size = 64 * 1024; // shmem index and headers
    size = pg_shmem::add_size(size, pg_proc::procarray::proc_array_shmem_size(procs)?)?;
    size = pg_shmem::add_size(size, pg_proc::mcxt_report::report_area_shmem_size())?;
    size = pg_shmem::add_size(size, pg_shmem::LWLockWaiters::shmem_size(procs + 8)?)?;
    // Each storage subsystem adds its size here and its init below, under
    // its own heading (keep the order: lower layers first).
    // ---- locks (size)
    size = pg_shmem::add_size(size, pg_proc::latch::latch_shmem_size(procs)?)?;
    size = pg_shmem::add_size(size, pg_proc::lock::lock_shmem_size(procs)?)?;
    size = pg_shmem::add_size(size, pg_proc::multixact::multixact_shmem_size(procs)?)?;
    // ---- wal (size)
    size = pg_shmem::add_size(size, pg_wal::xlog::shmem_size()?)?;
    size = pg_shmem::add_size(size, pg_wal::checkpoint::shmem_size()?)?;
    // ---- transam (size)
    size = pg_shmem::add_size(size, pg_proc::procarray::proc_array_xids_shmem_size(procs)?)?;
    size = pg_shmem::add_size(size, pg_wal::varsup::shmem_size()?)?;
    size = pg_shmem::add_size(size, pg_wal::clog::shmem_size()?)?;
    size = pg_shmem::add_size(size, pg_wal::subtrans::shmem_size()?)?;
    // ---- bufmgr (size)
    size = pg_shmem::add_size(size, pg_storage::bufmgr::shmem_size()?)?;
    // ---- heap (size)
    // ---- catalog (size)
    size = pg_shmem::add_size(size, pg_catalog::sinval::shmem_size()?)?;
    MAIN_SEGMENT.with(|m| {
        if let Some(old) = m.borrow_mut().take() {
            // SAFETY: only the postmaster calls this, after every child has
            // exited; the postmaster itself keeps no reference into the
            // segment (it never touches shared state), so nothing uses the
            // old mapping afterwards.
            unsafe { old.destroy() };
        }
    });
    report_shared_memory_size(size);
    let segment = pg_shmem::ShmemSegment::create(size)?;
    MAIN_SEGMENT.with(|m| *m.borrow_mut() = Some(segment));
    pg_shmem::lwlock_waiters_init(procs + 8)?;
    pg_proc::procarray::init_proc_array(procs)?;
    pg_proc::mcxt_report::init_report_area()?;
    // ---- locks (init)
    pg_proc::latch::latch_shmem_init(procs)?;
    pg_proc::lock::lock_shmem_init(procs)?;
    pg_proc::multixact::multixact_shmem_init(procs)?;
    // ---- wal (init)
    pg_proc::procarray::reserve_auxiliary_slots(pg_proc::procarray::NUM_AUXILIARY_PROCS);
    pg_wal::xlog::shmem_init()?;
    pg_wal::checkpoint::shmem_init()?;
    register_wal_hooks();
    // ---- transam (init)
    pg_proc::procarray::init_proc_array_xids(procs)?;
    pg_wal::varsup::shmem_init()?;
    pg_wal::clog::shmem_init()?;
    pg_wal::subtrans::shmem_init()?;
    pg_wal::xact::register_transam();
    // ---- bufmgr (init)
    pg_storage::bufmgr::shmem_init()?;
    // ---- heap (init)
    pg_storage::register_rmgrs();
    pg_storage::register_heap_xact_callbacks();
    // Row waits name the relation in their CONTEXT line.
    fn relation_name(relid: pg_types::Oid) -> Option<String> {
        let row = pg_catalog::syscache::class_by_oid(relid).ok()??;
        row.values.get(pg_catalog::catdef::pg_class::RELNAME)?.as_str().map(str::to_string)
    }
    pg_storage::heap::transam::set_relation_name_lookup(relation_name);
    // ---- catalog (init)
    pg_catalog::sinval::shmem_init()?;
    pg_catalog::register_hooks();
    Ok(())
}

// ---- wal

/// The WAL's calls up into the layers above it (registered before the
/// postmaster forks, so every process has them): what a checkpoint flushes,
/// in `CheckPointGuts`' order (the commit log and pg_subtrans, then the
/// shared buffers and the relation files' fsyncs), what it removes once
/// pg_control points at it (dropped relations' files), the transaction
/// code's start after replay, and the replay of full-page image records.
fn register_wal_hooks() {
    use pg_wal::checkpoint::{register_checkpoint_hook, register_post_checkpoint_hook, CHECKPOINT_IS_SHUTDOWN};
    register_checkpoint_hook("transam", |_| pg_wal::xact::checkpoint_transam());
    register_checkpoint_hook("buffers", |flags| {
        pg_storage::bufmgr::checkpoint_buffers(flags & CHECKPOINT_IS_SHUTDOWN != 0)?;
        pg_storage::smgr::smgr_sync_all_pending().map(|_| ())
    });
    register_post_checkpoint_hook("smgr", |_| pg_storage::smgr::smgr_post_checkpoint().map(|_| ()));
    pg_wal::recovery::register_after_redo_hook("transam", |_| pg_wal::xact::startup_transam());
    pg_wal::xlog_rmgr::set_fpi_redo_hook(redo_full_page_images);
}

/// XLOG_FPI and XLOG_FPI_FOR_HINT redo: every block's image is restored
/// (`xlog_redo`'s loop over `XLogReadBufferForRedo`); a block without an
/// image in such a record is corrupt WAL.
fn redo_full_page_images(record: &pg_wal::record::DecodedRecord) -> PgResult<()> {
    for block in &record.blocks {
        if let pg_storage::xlogutils::RedoAction::NeedsRedo(_) =
            pg_storage::xlogutils::read_buffer_for_redo(record, block.block_id)?
        {
            return Err(PgError::new(
                SqlState::DATA_CORRUPTED,
                format!("unexpected XLogReadBufferForRedo result when restoring backup block {}", block.block_id),
            ));
        }
    }
    Ok(())
}

/// Records the segment's size in `shared_memory_size` (MB, rounded up) and
/// `shared_memory_size_in_huge_pages` (pages of the kernel's huge page size,
/// -1 when it is unknown), as PostgreSQL's runtime-computed settings do.
fn report_shared_memory_size(size: usize) {
    const MB: usize = 1024 * 1024;
    let _ = pg_guc::set_computed("shared_memory_size", &size.div_ceil(MB).to_string());
    let huge_page = std::fs::read_to_string("/proc/meminfo").ok().and_then(|info| {
        let line = info.lines().find(|l| l.starts_with("Hugepagesize:"))?;
        let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        (kb > 0).then_some(kb * 1024)
    });
    if let Some(page) = huge_page {
        let _ = pg_guc::set_computed("shared_memory_size_in_huge_pages", &size.div_ceil(page).to_string());
    }
}

/// The configuration file: `config_file` when set, else
/// `DATA_DIRECTORY/postgresql.conf`.
pub fn config_file_path(data_dir: &Path) -> PathBuf {
    match vars::CONFIG_FILE.get() {
        f if !f.is_empty() => PathBuf::from(f),
        _ => data_dir.join("postgresql.conf"),
    }
}

/// The client authentication file: `hba_file` when set, else
/// `DATA_DIRECTORY/pg_hba.conf`.
pub fn hba_file_path(data_dir: &Path) -> PathBuf {
    match vars::HBA_FILE.get() {
        f if !f.is_empty() => PathBuf::from(f),
        _ => data_dir.join("pg_hba.conf"),
    }
}

/// `max_stack_depth` in bytes.
pub(crate) fn max_stack_depth_bytes() -> usize {
    vars::MAX_STACK_DEPTH.get().max(100) as usize * 1024
}

/// Where a report was made, as the F and L fields of Error/NoticeResponse
/// (PostgreSQL sends its C file and line; ours is the Rust source file,
/// relative to the workspace, and line). No routine name (R) is known.
pub(crate) fn report_location(e: &PgError) -> pg_protocol::backend::ErrorLocation<'static> {
    pg_protocol::backend::ErrorLocation {
        file: e.location.map(|l| l.file()),
        line: e.location.map(|l| l.line()),
        routine: None,
    }
}

/// Sends a FATAL to a connection the postmaster will not serve, and closes it.
pub fn refuse_connection(fd: OwnedFd, err: &PgError) {
    pg_error::elog::log_report(err);
    let mut out = Vec::new();
    pg_protocol::backend::encode_error_response_at(&mut out, err, &report_location(err));
    pqcomm::send_and_close(fd, &out);
}

/// A PANIC (an error inside a critical section): log it and abort, so the
/// postmaster sees a child killed by a signal and runs crash-restart.
fn backend_panic(report: &pg_error::ErrorData) -> ! {
    pg_error::elog::log_report(report);
    std::process::abort();
}

/// `log_disconnections`' line: the session's length, who and from where.
fn log_disconnection(session: &session::Session) {
    let elapsed = std::time::SystemTime::now().duration_since(pg_error::elog::start_time()).unwrap_or_default();
    let ms = elapsed.as_millis();
    let (host, port) = pg_error::elog::with_client_port(|p| {
        p.map(|p| (p.remote_host.clone(), p.remote_port.clone())).unwrap_or_default()
    });
    let port = if port.is_empty() { String::new() } else { format!(" port={port}") };
    tracing::info!(
        "disconnection: session time: {}:{:02}:{:02}.{:03} user={} database={} host={host}{port}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000,
        session.role.name,
        session.database
    );
}

/// The backend's entry point after fork. Returns the process exit code:
/// 0 after a clean session end, 1 after a FATAL error.
pub fn backend_main(conn: ClientConnection) -> i32 {
    // What the log's prefix says about this process (MyStartTime,
    // MyBackendType, MyProcPort) from its first line on.
    pg_error::elog::set_start_time(std::time::SystemTime::now());
    pg_error::elog::set_backend_type("not initialized");
    pg_error::elog::set_activity("");
    pg_error::elog::set_client_port(Some(match &conn.peer {
        PeerAddr::Tcp(a) => pg_error::elog::ClientPort {
            remote_host: a.ip().to_string(),
            remote_port: a.port().to_string(),
            ..Default::default()
        },
        PeerAddr::Unix => pg_error::elog::ClientPort { remote_host: "[local]".into(), ..Default::default() },
    }));
    // inet_client_addr() and friends: both ends of a TCP connection (the
    // server's end from getsockname on a duplicate of the socket); NULL on
    // a Unix-domain socket.
    pg_types::network::set_connection_addresses(match &conn.peer {
        PeerAddr::Tcp(client) => conn
            .fd
            .try_clone()
            .ok()
            .and_then(|fd| std::net::TcpStream::from(fd).local_addr().ok())
            .map(|server| (*client, server)),
        PeerAddr::Unix => None,
    });
    // Deep recursion on client input must end in "stack depth limit
    // exceeded", never in a SIGSEGV: measure from here.
    pg_error::stack::set_stack_base(max_stack_depth_bytes());
    if pg_proc::interrupts::init_process_latch().is_err() {
        return 1;
    }
    pg_proc::timeout::initialize_timeouts();
    pg_proc::interrupts::install_backend_signal_handlers();
    pg_error::set_interrupt_hook(pg_proc::interrupts::check_for_interrupts);
    pg_error::crit::set_panic_hook(backend_panic);
    panic::install_panic_hook();
    pg_guc::set_is_under_postmaster(true);
    pg_proc::mcxt_report::set_memory_context_serializer(builtins::serialize_own_memory_contexts);
    pg_proc::mcxt_report::set_memory_context_logger(builtins::log_own_memory_contexts);
    let _cache = pg_mcxt::create_cache_memory_context();
    let _portals = pg_mcxt::create_top_portal_context();
    let (port, session) = match startup::establish_session(conn) {
        Ok(v) => {
            arm_quickdie(v.0.raw_fd());
            v
        }
        Err(startup::NoSession::Quiet) => {
            pg_proc::procarray::proc_exit_release();
            return 0;
        }
        Err(startup::NoSession::Fatal) => {
            pg_proc::procarray::proc_exit_release();
            return 1;
        }
    };
    // MyProcPort: the client-connection check polls this socket.
    pg_proc::interrupts::set_client_socket(port.raw_fd());
    let mut backend = postgres::Backend {
        port,
        session,
        xact: xact::Transaction::default(),
        message_context: pg_mcxt::create_message_context(),
        ignore_till_sync: false,
        doing_extended_query_message: false,
        message_body: None,
        statement_portal: None,
        extended: Default::default(),
    };
    let code = match backend.main_loop() {
        postgres::LoopExit::Clean => 0,
        postgres::LoopExit::Fatal => 1,
    };
    pg_error::elog::set_debug_query_string(None);
    if vars::LOG_DISCONNECTIONS.get() {
        log_disconnection(&backend.session);
    }
    pg_proc::interrupts::clear_quickdie_client();
    backend.at_proc_exit();
    drop(backend);
    // Pins nothing dropped (AtProcExit_Buffers).
    pg_storage::bufmgr::at_proc_exit_buffers();
    pg_proc::procarray::proc_exit_release();
    code
}

/// Encodes the WARNINGs quickdie sends when the postmaster ends this
/// session with SIGQUIT, and hands them with the socket to the handler
/// (PostgreSQL sends them as WARNING_CLIENT_ONLY: to the client, not the log).
fn arm_quickdie(fd: std::os::fd::RawFd) {
    let warning = |e: PgError| {
        let mut out = Vec::new();
        pg_protocol::backend::encode_notice_response(&mut out, &e.with_severity(pg_error::Severity::Warning));
        out
    };
    let messages = pg_proc::interrupts::QuickdieMessages {
        crash: warning(
            PgError::new(SqlState::CRASH_SHUTDOWN, "terminating connection because of crash of another server process")
                .with_detail(
                    "The postmaster has commanded this server process to roll back the current transaction and exit, \
                     because another server process exited abnormally and possibly corrupted shared memory.",
                )
                .with_hint("In a moment you should be able to reconnect to the database and repeat your command."),
        ),
        stop: warning(PgError::new(
            SqlState::ADMIN_SHUTDOWN,
            "terminating connection due to immediate shutdown command",
        )),
        unexpected: warning(PgError::new(
            SqlState::ADMIN_SHUTDOWN,
            "terminating connection because of unexpected SIGQUIT signal",
        )),
    };
    pg_proc::interrupts::set_quickdie_client(fd, messages);
}

/// The entry point of a dead-end child (PostgreSQL's backend forked with
/// `canAcceptConnections` other than CAC_OK): the postmaster will not
/// serve this connection, but a child reads its startup packet, so that an
/// SSLRequest or GSSENCRequest is answered `N` first, and then sends `err`
/// (shutting down, in recovery, too many clients). It claims no PGPROC
/// slot. A CancelRequest is served, as PostgreSQL's dead-end children do
/// (a long query can still be cancelled while a smart shutdown waits for
/// it), unless `shared_memory_valid` is false: during a crash-restart the
/// proc array may be damaged, and is not read. Returns the exit code (1,
/// as for any FATAL).
pub fn dead_end_backend_main(conn: ClientConnection, err: &PgError, shared_memory_valid: bool) -> i32 {
    if pg_proc::interrupts::init_process_latch().is_err() {
        return 1;
    }
    pg_proc::interrupts::install_backend_signal_handlers();
    pg_guc::set_is_under_postmaster(true);
    startup::refuse_after_startup_packet(conn, err, shared_memory_valid);
    1
}

// ---- catalog
pub use sysviews::system_view_rows;
