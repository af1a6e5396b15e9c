//! Interrupt flags, signal handlers, the process latch and the
//! postmaster-alive pipe (PostgreSQL's `tcop/postgres.c` interrupt handling,
//! `storage/ipc/latch.c`, `postmaster/pmsignal.c`).
//!
//! Signal handlers only set flags and wake the latch; the real work happens
//! at [`check_for_interrupts`], which the executor calls for every row and
//! the main loop calls whenever it wakes. A process-local self-pipe makes
//! the latch: `SetLatch` from a signal handler writes a byte, and
//! [`wait_latch`] polls the pipe together with an optional socket and the
//! postmaster-alive pipe, so a backend idle on its socket still answers a
//! cancel, a terminate or a request to publish its memory contexts.

use pg_error::{PgError, PgResult, SqlState};
use pg_guc::vars;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

/// Some interrupt is pending: the cheap test before the full check.
pub static INTERRUPT_PENDING: AtomicBool = AtomicBool::new(false);
/// SIGINT arrived (a cancel): abort the running statement.
pub static QUERY_CANCEL_PENDING: AtomicBool = AtomicBool::new(false);
/// SIGTERM arrived: end the session with FATAL 57P01.
pub static PROC_DIE_PENDING: AtomicBool = AtomicBool::new(false);
/// SIGUSR1 arrived: look at this process's procsignal flags.
pub static PROCSIGNAL_PENDING: AtomicBool = AtomicBool::new(false);
/// `idle_in_transaction_session_timeout` fired: FATAL 25P03.
pub static IDLE_IN_TRANSACTION_SESSION_TIMEOUT_PENDING: AtomicBool = AtomicBool::new(false);
/// `idle_session_timeout` fired: FATAL 57P05.
pub static IDLE_SESSION_TIMEOUT_PENDING: AtomicBool = AtomicBool::new(false);
/// `client_connection_check_interval` elapsed: look at the client socket.
pub static CHECK_CLIENT_CONNECTION_PENDING: AtomicBool = AtomicBool::new(false);
/// The client hung up while a query ran: FATAL 08006, sent to nobody
/// (PostgreSQL sets `whereToSendOutput = DestNone`).
pub static CLIENT_CONNECTION_LOST: AtomicBool = AtomicBool::new(false);
/// The backend is not working on a client message: it waits for the next
/// one, or has not read its first (PostgreSQL's `DoingCommandRead`, with
/// the start-up phase counted in). A cancel then has nothing to stop and
/// is dropped, a statement timeout is held until the message is read, and
/// the client check is not re-armed. Any other time a cancel ends the
/// current work with 57014, whichever message it serves (a long Parse too).
static DOING_COMMAND_READ: AtomicBool = AtomicBool::new(true);
/// The client's socket, for the connection check (-1 until known).
static CLIENT_SOCKET: AtomicI32 = AtomicI32::new(-1);
/// SIGHUP arrived: re-read the configuration file when idle.
pub static CONFIG_RELOAD_PENDING: AtomicBool = AtomicBool::new(false);
/// SIGFPE arrived: the running statement fails with 22P01.
pub static FLOAT_EXCEPTION_PENDING: AtomicBool = AtomicBool::new(false);

/// Read and write ends of this process's latch self-pipe (-1 until made).
static SELF_PIPE_READ: AtomicI32 = AtomicI32::new(-1);
static SELF_PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);
/// Read end of the postmaster-alive pipe (-1 in the postmaster itself).
static POSTMASTER_ALIVE_READ: AtomicI32 = AtomicI32::new(-1);

/// Creates a non-blocking, close-on-exec pipe.
pub fn make_pipe() -> std::io::Result<(RawFd, RawFd)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the array we own.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok((fds[0], fds[1]))
}

/// Gives this process a fresh latch (call in every child after fork, since
/// the parent's pipe is shared with every sibling otherwise).
pub fn init_process_latch() -> std::io::Result<()> {
    let (r, w) = make_pipe()?;
    let old_r = SELF_PIPE_READ.swap(r, Ordering::SeqCst);
    let old_w = SELF_PIPE_WRITE.swap(w, Ordering::SeqCst);
    for fd in [old_r, old_w] {
        if fd >= 0 {
            // SAFETY: closing a descriptor this module created.
            unsafe { libc::close(fd) };
        }
    }
    Ok(())
}

/// Records the read end of the postmaster-alive pipe (children only).
pub fn set_postmaster_alive_fd(fd: RawFd) {
    POSTMASTER_ALIVE_READ.store(fd, Ordering::SeqCst);
}

/// Wakes this process's own latch; async-signal-safe.
pub fn set_my_latch() {
    let w = SELF_PIPE_WRITE.load(Ordering::Relaxed);
    if w >= 0 {
        let b = 0u8;
        // SAFETY: write(2) is async-signal-safe; a full pipe (EAGAIN) already
        // means the latch is set, so the result is ignored on purpose.
        unsafe { libc::write(w, &b as *const u8 as *const libc::c_void, 1) };
    }
}

fn drain_self_pipe() {
    let r = SELF_PIPE_READ.load(Ordering::Relaxed);
    if r < 0 {
        return;
    }
    let mut buf = [0u8; 64];
    // SAFETY: reading into a stack buffer from our own non-blocking pipe.
    while unsafe { libc::read(r, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) } > 0 {}
}

/// Runs a signal handler's body with `errno` saved and restored, as every
/// PostgreSQL handler does (`int save_errno = errno; ... errno =
/// save_errno;`): the interrupted code may be between a failing system call
/// and its read of `errno`, and the handler's own write(2) to the latch pipe
/// (EAGAIN when it is full) must not change what that code sees.
pub fn preserving_errno(body: impl FnOnce()) {
    // SAFETY: __errno_location returns this thread's errno slot, always valid.
    let slot = unsafe { libc::__errno_location() };
    // SAFETY: reading and writing our own thread's errno.
    let saved = unsafe { *slot };
    body();
    // SAFETY: as above.
    unsafe { *slot = saved };
}

/// Sets an interrupt flag and wakes the latch: the whole of a backend handler.
fn raise_interrupt(flag: &AtomicBool) {
    preserving_errno(|| {
        flag.store(true, Ordering::SeqCst);
        INTERRUPT_PENDING.store(true, Ordering::SeqCst);
        set_my_latch();
    });
}

extern "C" fn handle_sigint(_: libc::c_int) {
    raise_interrupt(&QUERY_CANCEL_PENDING);
}

extern "C" fn handle_sigterm(_: libc::c_int) {
    raise_interrupt(&PROC_DIE_PENDING);
}

/// SIGFPE (PostgreSQL's FloatExceptionHandler). Rust's arithmetic never
/// traps, so one only comes from kill(1): it fails the running statement
/// with 22P01 instead of killing the backend (and with it, through
/// crash-restart, every session).
extern "C" fn handle_sigfpe(_: libc::c_int) {
    raise_interrupt(&FLOAT_EXCEPTION_PENDING);
}

extern "C" fn handle_sigusr1(_: libc::c_int) {
    raise_interrupt(&PROCSIGNAL_PENDING);
}

/// SIGALRM: the interval timer of [`crate::timeout`] expired; the interrupt
/// check finds out which timeouts are due.
extern "C" fn handle_sigalrm(_: libc::c_int) {
    raise_interrupt(&crate::timeout::ALARM_PENDING);
}

/// Installs the SIGALRM handler alone (for tests of the timeouts; a
/// backend gets it from [`install_backend_signal_handlers`]).
pub fn install_alarm_handler() {
    install_handler(libc::SIGALRM, handle_sigalrm);
}

/// `start_xact_command`'s timers: arms `statement_timeout` when it is
/// positive and no timer runs yet, so that the timeout spans every message
/// of the statement up to its end (a value of 0 stops a running one), and
/// starts the client-connection check when
/// `client_connection_check_interval` is positive.
pub fn enable_statement_timers() {
    use crate::timeout::{TimeoutId::*, *};
    let statement_ms = vars::STATEMENT_TIMEOUT.get();
    if statement_ms > 0 {
        if !get_timeout_active(StatementTimeout) {
            enable_timeout_after(StatementTimeout, statement_ms as u64);
        }
    } else if get_timeout_active(StatementTimeout) {
        disable_timeout(StatementTimeout, false);
    }
    let check_ms = vars::CLIENT_CONNECTION_CHECK_INTERVAL.get();
    if check_ms > 0 && CLIENT_SOCKET.load(Ordering::Relaxed) >= 0 && !get_timeout_active(ClientConnectionCheckTimeout) {
        enable_timeout_after(ClientConnectionCheckTimeout, check_ms as u64);
    }
}

/// Stops the statement timeout at the statement's end.
pub fn disable_statement_timeout() {
    crate::timeout::disable_timeout(crate::timeout::TimeoutId::StatementTimeout, false);
}

/// Records the client socket the connection check looks at.
pub fn set_client_socket(fd: RawFd) {
    CLIENT_SOCKET.store(fd, Ordering::Relaxed);
}

/// The interrupt state of error recovery (PostgreSQL's `PostgresMain`
/// after an ERROR): every timeout stops and a pending cancel is
/// forgotten, so neither outlives the statement that failed.
pub fn reset_after_error() {
    crate::timeout::disable_all_timeouts(false);
    QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
}

/// The main loop is about to send ReadyForQuery and wait for the client:
/// starts the idle timeout of the state it waits in, as PostgreSQL does
/// before ReadyForQuery: `idle_in_transaction_session_timeout` inside a
/// transaction block (failed or not), `idle_session_timeout` outside.
pub fn enable_idle_timeout(in_transaction_block: bool) {
    use crate::timeout::{TimeoutId::*, *};
    let (id, ms) = if in_transaction_block {
        (IdleInTransactionSessionTimeout, vars::IDLE_IN_TRANSACTION_SESSION_TIMEOUT.get())
    } else {
        (IdleSessionTimeout, vars::IDLE_SESSION_TIMEOUT.get())
    };
    if ms > 0 {
        enable_timeout_after(id, ms as u64);
    }
}

/// Marks the wait for the client's next message (`DoingCommandRead`).
pub fn begin_command_read() {
    DOING_COMMAND_READ.store(true, Ordering::SeqCst);
}

/// A message has been read: the idle timeouts stop (one that fired at the
/// last moment is still reported by the next interrupt check), a cancel
/// that came during the read is dropped, and a statement timeout held
/// during the read is raised by the next check, as the error of the
/// message just read.
pub fn end_command_read() {
    use crate::timeout::{TimeoutId::*, *};
    if ALARM_PENDING.load(Ordering::SeqCst) {
        take_fired_timeouts();
    }
    disable_timeout(IdleInTransactionSessionTimeout, false);
    disable_timeout(IdleSessionTimeout, false);
    if !get_timeout_indicator(StatementTimeout, false) {
        QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
    }
    DOING_COMMAND_READ.store(false, Ordering::SeqCst);
    if QUERY_CANCEL_PENDING.load(Ordering::SeqCst)
        || IDLE_IN_TRANSACTION_SESSION_TIMEOUT_PENDING.load(Ordering::SeqCst)
        || IDLE_SESSION_TIMEOUT_PENDING.load(Ordering::SeqCst)
    {
        INTERRUPT_PENDING.store(true, Ordering::SeqCst);
    }
}

/// Turns the timeouts that are due into their interrupt flags (PostgreSQL's
/// timeout handlers: `StatementTimeoutHandler` requests a cancel,
/// `IdleInTransactionSessionTimeoutHandler` and the others set their own
/// flag).
fn take_fired_timeouts() {
    use crate::timeout::TimeoutId;
    crate::timeout::ALARM_PENDING.store(false, Ordering::SeqCst);
    for id in crate::timeout::handle_alarm() {
        let flag = match id {
            TimeoutId::StatementTimeout => &QUERY_CANCEL_PENDING,
            TimeoutId::IdleInTransactionSessionTimeout => &IDLE_IN_TRANSACTION_SESSION_TIMEOUT_PENDING,
            TimeoutId::IdleSessionTimeout => &IDLE_SESSION_TIMEOUT_PENDING,
            TimeoutId::ClientConnectionCheckTimeout => &CHECK_CLIENT_CONNECTION_PENDING,
        };
        flag.store(true, Ordering::SeqCst);
    }
}

/// `pq_check_connection`: false when the client's socket shows that the
/// peer hung up (POLLRDHUP, as PostgreSQL's WL_SOCKET_CLOSED on Linux) or
/// the socket failed. Input still waiting to be read does not count.
fn client_connection_alive() -> bool {
    let fd = CLIENT_SOCKET.load(Ordering::Relaxed);
    if fd < 0 {
        return true;
    }
    let mut pfd = libc::pollfd { fd, events: libc::POLLRDHUP, revents: 0 };
    loop {
        // SAFETY: polling one valid pollfd without waiting.
        let n = unsafe { libc::poll(&mut pfd, 1, 0) };
        if n >= 0 {
            break;
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return true;
        }
    }
    pfd.revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) == 0
}

extern "C" fn handle_sighup(_: libc::c_int) {
    // A flag, not a reload: a burst of SIGHUPs is one reload when the
    // backend next goes idle (SignalHandlerForConfigReload).
    preserving_errno(|| {
        CONFIG_RELOAD_PENDING.store(true, Ordering::SeqCst);
        set_my_latch();
    });
}

/// The client socket, once the session is set up: quickdie writes its
/// last WARNING there (-1 while there is no client to tell).
static QUICKDIE_CLIENT_FD: AtomicI32 = AtomicI32::new(-1);

/// The three WARNINGs quickdie may send, encoded in advance: a signal
/// handler must not allocate or format (the interrupted code may hold the
/// allocator's lock).
pub struct QuickdieMessages {
    /// Sent when the postmaster ends every session after a crash (57P02).
    pub crash: Vec<u8>,
    /// Sent for an immediate shutdown (57P01).
    pub stop: Vec<u8>,
    /// Sent for a SIGQUIT that the postmaster did not send (57P01).
    pub unexpected: Vec<u8>,
}

static QUICKDIE_MESSAGES: std::sync::OnceLock<QuickdieMessages> = std::sync::OnceLock::new();

/// Arms quickdie's farewell: `fd` is the client socket, `messages` the
/// encoded NoticeResponse messages (PostgreSQL's WARNING_CLIENT_ONLY reports).
pub fn set_quickdie_client(fd: RawFd, messages: QuickdieMessages) {
    let _ = QUICKDIE_MESSAGES.set(messages);
    QUICKDIE_CLIENT_FD.store(fd, Ordering::SeqCst);
}

/// Forgets the client socket (it is about to be closed).
pub fn clear_quickdie_client() {
    QUICKDIE_CLIENT_FD.store(-1, Ordering::SeqCst);
}

extern "C" fn handle_sigquit(_: libc::c_int) {
    // PostgreSQL's quickdie: the postmaster is resetting shared memory or
    // shutting down immediately. Tell the client why, then exit at once
    // without touching shared state; status 2 tells the postmaster this was
    // not a clean exit. The message was encoded in advance and goes out
    // with one non-blocking send(2): a full socket buffer loses the
    // message, never the exit.
    let fd = QUICKDIE_CLIENT_FD.load(Ordering::SeqCst);
    if let (true, Some(msgs)) = (fd >= 0, QUICKDIE_MESSAGES.get()) {
        let msg = match crate::pmsignal::quit_reason() {
            crate::pmsignal::QuitReason::Crash => &msgs.crash,
            crate::pmsignal::QuitReason::Stop => &msgs.stop,
            crate::pmsignal::QuitReason::NotSent => &msgs.unexpected,
        };
        // SAFETY: send(2) is async-signal-safe; the buffer is immutable
        // once set. MSG_DONTWAIT keeps a client that stopped reading from
        // delaying the exit.
        unsafe {
            libc::send(fd, msg.as_ptr() as *const libc::c_void, msg.len(), libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL)
        };
    }
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(2) };
}

/// Ignores a signal (SIG_IGN survives fork, so the postmaster's choices
/// hold in every child that does not override them).
pub fn ignore_signal(signal: libc::c_int) {
    // SAFETY: SIG_IGN is always a valid disposition.
    unsafe { libc::signal(signal, libc::SIG_IGN) };
}

extern "C" fn handle_nothing(_: libc::c_int) {}

/// The dispositions PostgreSQL's postmaster sets before anything else, and
/// its children inherit: SIGPIPE, SIGALRM and SIGURG ignored; SIGTTIN and
/// SIGTTOU ignored so that no process freezes writing to a terminal's
/// stderr in the background; SIGXFSZ ignored so that a file-size limit
/// fails a write like a full disk; SIGUSR2 caught by a handler that does
/// nothing (it is reserved for children, and must not kill the postmaster).
pub fn install_postmaster_ignored_signals() {
    for sig in [libc::SIGPIPE, libc::SIGALRM, libc::SIGURG, libc::SIGTTIN, libc::SIGTTOU, libc::SIGXFSZ] {
        ignore_signal(sig);
    }
    install_handler(libc::SIGUSR2, handle_nothing);
}

/// Installs a handler with `sigaction` (no SA_RESTART, so blocking calls
/// return EINTR and the caller re-checks its flags).
pub fn install_handler(signal: libc::c_int, handler: extern "C" fn(libc::c_int)) {
    // SAFETY: sigaction with a zeroed struct, a valid handler and an empty mask.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as usize;
        libc::sigemptyset(&mut action.sa_mask);
        action.sa_flags = 0;
        libc::sigaction(signal, &action, std::ptr::null_mut());
    }
}

/// Resets a signal to its default disposition.
pub fn default_handler(signal: libc::c_int) {
    // SAFETY: SIG_DFL is always a valid disposition.
    unsafe { libc::signal(signal, libc::SIG_DFL) };
}

/// Blocks every signal that can be blocked (PostgreSQL's `PG_SETMASK(&BlockSig)`)
/// and returns the mask in force before, for [`restore_signal_mask`]. The
/// postmaster forks with signals blocked, so that a signal meant for the new
/// child cannot reach the postmaster's handlers the child inherited.
pub fn block_signals() -> libc::sigset_t {
    // SAFETY: sigfillset/sigprocmask on local, properly sized sigset_t values.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::sigprocmask(libc::SIG_BLOCK, &all, &mut old);
        old
    }
}

/// Restores a signal mask returned by [`block_signals`].
pub fn restore_signal_mask(mask: &libc::sigset_t) {
    // SAFETY: sigprocmask with a mask obtained from sigprocmask.
    unsafe { libc::sigprocmask(libc::SIG_SETMASK, mask, std::ptr::null_mut()) };
}

/// Unblocks every signal (`PG_SETMASK(&UnBlockSig)`).
fn unblock_signals() {
    // SAFETY: sigemptyset/sigprocmask on a local sigset_t.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
}

/// Installs the backend's signal handlers (PostgreSQL's `PostgresMain` set),
/// then unblocks signals: a backend is forked with every signal blocked (see
/// [`block_signals`]), and one that arrived since is delivered now, to the
/// backend's own handler.
///
/// The set is PostgresMain's: SIGHUP reload, SIGINT cancel, SIGTERM die,
/// SIGQUIT quickdie, SIGALRM timeouts, SIGUSR1 procsignal, SIGFPE a
/// floating-point exception; SIGPIPE and
/// SIGUSR2 ignored (a regular backend has no use for SIGUSR2, and a stray
/// one must not end the session and with it restart the server); SIGCHLD
/// back to default. SIGTTIN, SIGTTOU, SIGXFSZ and SIGURG stay ignored as
/// the postmaster left them.
pub fn install_backend_signal_handlers() {
    install_handler(libc::SIGINT, handle_sigint);
    install_handler(libc::SIGTERM, handle_sigterm);
    install_handler(libc::SIGUSR1, handle_sigusr1);
    install_handler(libc::SIGHUP, handle_sighup);
    install_handler(libc::SIGALRM, handle_sigalrm);
    install_handler(libc::SIGQUIT, handle_sigquit);
    install_handler(libc::SIGFPE, handle_sigfpe);
    ignore_signal(libc::SIGPIPE);
    ignore_signal(libc::SIGUSR2);
    default_handler(libc::SIGCHLD);
    unblock_signals();
}

/// A request the system refused while the emergency reserve was spent on it
/// (`pg_mcxt::reserve`): the statement ends with 53200 "out of memory".
fn check_allocation_failure() -> PgResult<()> {
    match pg_mcxt::reserve::take_allocation_failure() {
        Some(size) => Err(pg_mcxt::limits::out_of_memory(size)),
        None => Ok(()),
    }
}

/// Whether [`check_for_interrupts`] has anything to do: a signal set
/// [`INTERRUPT_PENDING`] or an allocation was refused. Two plain loads,
/// inlined into per-row loops (PostgreSQL's `INTERRUPTS_PENDING_CONDITION`
/// in the `CHECK_FOR_INTERRUPTS()` macro), so a row pays no call.
#[inline(always)]
pub fn interrupts_pending() -> bool {
    INTERRUPT_PENDING.load(Ordering::Relaxed) || pg_mcxt::reserve::allocation_failure_pending()
}

/// CHECK_FOR_INTERRUPTS(): turns pending flags into errors.
///
/// In PostgreSQL's `ProcessInterrupts` order: FATAL 57P01 when terminated,
/// FATAL 08006 when the client was found gone, ERROR 57014 for a statement
/// timeout or a cancel (unless the backend waits for a message), FATAL
/// 25P03 / 57P05 for the idle timeouts, FATAL 57P01 when the postmaster
/// died.
pub fn check_for_interrupts() -> PgResult<()> {
    if !INTERRUPT_PENDING.load(Ordering::Relaxed) {
        if pg_mcxt::reserve::allocation_failure_pending() {
            return check_allocation_failure();
        }
        return Ok(());
    }
    check_allocation_failure()?;
    INTERRUPT_PENDING.store(false, Ordering::SeqCst);
    if crate::timeout::ALARM_PENDING.load(Ordering::SeqCst) {
        take_fired_timeouts();
    }
    if PROCSIGNAL_PENDING.swap(false, Ordering::SeqCst) {
        let flags = crate::procarray::my_proc().map(|p| p.take_procsignal_flags()).unwrap_or(0);
        if flags & crate::procarray::procsignal::MEMORY_CONTEXTS != 0 {
            crate::mcxt_report::serve_memory_context_request();
        }
        if flags & crate::procarray::procsignal::LOG_MEMORY_CONTEXT != 0 {
            crate::mcxt_report::log_memory_contexts();
        }
    }
    if PROC_DIE_PENDING.load(Ordering::SeqCst) {
        return Err(PgError::fatal(SqlState::ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
    }
    let doing_command_read = DOING_COMMAND_READ.load(Ordering::SeqCst);
    if FLOAT_EXCEPTION_PENDING.swap(false, Ordering::SeqCst) && !doing_command_read {
        // PostgreSQL raises it from the handler, even in an idle backend;
        // here only a running statement fails, and an idle one ignores it.
        return Err(PgError::new(SqlState::FLOATING_POINT_EXCEPTION, "floating-point exception").with_detail(
            "An invalid floating-point operation was signaled. This probably means an out-of-range result or an \
             invalid operation, such as division by zero.",
        ));
    }
    if CHECK_CLIENT_CONNECTION_PENDING.swap(false, Ordering::SeqCst) {
        // An idle backend learns of a hang-up from its read; the check is
        // for a client that leaves while a query runs.
        let interval = vars::CLIENT_CONNECTION_CHECK_INTERVAL.get();
        if !doing_command_read && interval > 0 {
            if !client_connection_alive() {
                CLIENT_CONNECTION_LOST.store(true, Ordering::SeqCst);
            } else {
                crate::timeout::enable_timeout_after(
                    crate::timeout::TimeoutId::ClientConnectionCheckTimeout,
                    interval as u64,
                );
            }
        }
    }
    if CLIENT_CONNECTION_LOST.load(Ordering::SeqCst) {
        // A lost connection trumps a cancel.
        QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
        return Err(PgError::fatal(SqlState::CONNECTION_FAILURE, "connection to client lost"));
    }
    if QUERY_CANCEL_PENDING.load(Ordering::SeqCst) {
        use crate::timeout::{get_timeout_indicator, TimeoutId::StatementTimeout};
        if doing_command_read {
            // Waiting for the client: a cancel has no statement to stop; a
            // statement timeout (between an extended-protocol message and
            // its Sync) waits for the next message, which it fails.
            if !get_timeout_indicator(StatementTimeout, false) {
                QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
            }
        } else {
            QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
            if get_timeout_indicator(StatementTimeout, true) {
                return Err(PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to statement timeout"));
            }
            return Err(PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to user request"));
        }
    }
    // An idle timeout whose setting was turned off meanwhile (a reload) is
    // ignored, as in PostgreSQL.
    if IDLE_IN_TRANSACTION_SESSION_TIMEOUT_PENDING.swap(false, Ordering::SeqCst)
        && vars::IDLE_IN_TRANSACTION_SESSION_TIMEOUT.get() > 0
    {
        return Err(PgError::fatal(
            SqlState::IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
            "terminating connection due to idle-in-transaction timeout",
        ));
    }
    if IDLE_SESSION_TIMEOUT_PENDING.swap(false, Ordering::SeqCst) && vars::IDLE_SESSION_TIMEOUT.get() > 0 {
        return Err(PgError::fatal(
            SqlState::IDLE_SESSION_TIMEOUT,
            "terminating connection due to idle-session timeout",
        ));
    }
    if !postmaster_is_alive() {
        return Err(PgError::fatal(
            SqlState::ADMIN_SHUTDOWN,
            "terminating connection due to unexpected postmaster exit",
        ));
    }
    Ok(())
}

/// Whether the postmaster still holds the write end of the alive pipe.
pub fn postmaster_is_alive() -> bool {
    let fd = POSTMASTER_ALIVE_READ.load(Ordering::Relaxed);
    if fd < 0 {
        return true;
    }
    let mut b = 0u8;
    // SAFETY: a non-blocking read of one byte into a stack variable. Nobody
    // ever writes to this pipe, so EOF (0) means the postmaster is gone.
    let n = unsafe { libc::read(fd, &mut b as *mut u8 as *mut libc::c_void, 1) };
    n != 0
}

/// What woke [`wait_latch`] or [`wait_latch_or_socket`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WakeEvents {
    /// The latch was set (a signal arrived).
    pub latch: bool,
    /// The socket is readable (or closed/errored).
    pub socket_readable: bool,
    /// The socket is writable (or closed/errored).
    pub socket_writable: bool,
    /// The timeout expired.
    pub timeout: bool,
    /// The postmaster died.
    pub postmaster_death: bool,
}

/// What [`wait_latch_or_socket`] waits for on its socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketWait {
    /// Input to read, or the peer's hang-up (WL_SOCKET_READABLE).
    Readable,
    /// Room to write (WL_SOCKET_WRITEABLE).
    Writable,
}

/// WaitLatchOrSocket() for reading: sleeps until the latch is set,
/// `socket` (if any) is readable, the postmaster dies, or `timeout` passes.
/// Interrupt flags set before the call make it return at once, so a flag
/// whose latch wake-up was consumed elsewhere is never slept on.
pub fn wait_latch(socket: Option<RawFd>, timeout: Option<Duration>) -> WakeEvents {
    if INTERRUPT_PENDING.load(Ordering::SeqCst) || CONFIG_RELOAD_PENDING.load(Ordering::SeqCst) {
        drain_self_pipe();
        return WakeEvents { latch: true, ..WakeEvents::default() };
    }
    wait_latch_or_socket(socket.map(|fd| (fd, SocketWait::Readable)), timeout)
}

/// WaitLatchOrSocket(): sleeps until the latch is set (a signal arrives),
/// the socket (if any) is ready for `what`, the postmaster dies, or
/// `timeout` passes. Unlike [`wait_latch`] it does not return for flags
/// that are already set: a write blocked on a client that does not read
/// waits on, as PostgreSQL's does, for everything but a terminate.
pub fn wait_latch_or_socket(socket: Option<(RawFd, SocketWait)>, timeout: Option<Duration>) -> WakeEvents {
    let deadline = timeout.map(|t| Instant::now() + t);
    let (socket_fd, socket_events) = match socket {
        Some((fd, SocketWait::Readable)) => (fd, libc::POLLIN),
        Some((fd, SocketWait::Writable)) => (fd, libc::POLLOUT),
        None => (-1, 0),
    };
    loop {
        let mut ev = WakeEvents::default();
        let latch_fd = SELF_PIPE_READ.load(Ordering::Relaxed);
        let pm_fd = POSTMASTER_ALIVE_READ.load(Ordering::Relaxed);
        let mut fds = [
            libc::pollfd { fd: latch_fd, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: pm_fd, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: socket_fd, events: socket_events, revents: 0 },
        ];
        let wait_ms = match deadline {
            None => -1,
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    ev.timeout = true;
                    return ev;
                }
                (d - now).as_millis().clamp(1, i32::MAX as u128) as i32
            }
        };
        // SAFETY: fds is a valid array of pollfd; negative fds are ignored by poll.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
        if n < 0 {
            // EINTR: the handler that interrupted poll also wrote to the
            // latch pipe, which the next poll reports.
            continue;
        }
        if fds[0].revents != 0 {
            drain_self_pipe();
            ev.latch = true;
        }
        if fds[1].revents != 0 && !postmaster_is_alive() {
            ev.postmaster_death = true;
        }
        if fds[2].revents != 0 {
            match socket {
                Some((_, SocketWait::Writable)) => ev.socket_writable = true,
                _ => ev.socket_readable = true,
            }
        }
        if let (0, Some(d)) = (n, deadline) {
            ev.timeout = Instant::now() >= d;
        }
        if ev.latch || ev.socket_readable || ev.socket_writable || ev.timeout || ev.postmaster_death {
            return ev;
        }
    }
}

/// pg_sleep(): sleeps `seconds`, waking for interrupts; a cancel or
/// terminate ends the sleep with the corresponding error.
pub fn interruptible_sleep(seconds: f64) -> PgResult<()> {
    // NaN and non-positive durations do not sleep, as in PostgreSQL.
    if seconds.is_nan() || seconds <= 0.0 {
        return check_for_interrupts();
    }
    let end = Instant::now() + Duration::from_secs_f64(seconds.min(1e9));
    loop {
        check_for_interrupts()?;
        let now = Instant::now();
        if now >= end {
            return Ok(());
        }
        let ev = wait_latch(None, Some(end - now));
        if ev.postmaster_death {
            return Err(PgError::fatal(
                SqlState::ADMIN_SHUTDOWN,
                "terminating connection due to unexpected postmaster exit",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The client-connection check sees a peer that hung up, even with its
    /// last bytes still unread, and nothing while the peer is there.
    #[test]
    fn connection_check_sees_a_hang_up() {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: socketpair writes two descriptors into the array we own.
        assert_eq!(unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM, 0, fds.as_mut_ptr()) }, 0);
        set_client_socket(fds[0]);
        assert!(client_connection_alive());
        // SAFETY: writing two bytes from a static buffer to our own socket,
        // then closing the descriptor this test made.
        unsafe {
            assert_eq!(libc::write(fds[1], b"Qx".as_ptr().cast(), 2), 2);
            assert!(client_connection_alive(), "unread input is not a hang-up");
            libc::close(fds[1]);
        }
        assert!(!client_connection_alive());
        set_client_socket(-1);
        // SAFETY: closing the other descriptor this test made.
        unsafe { libc::close(fds[0]) };
    }
}
