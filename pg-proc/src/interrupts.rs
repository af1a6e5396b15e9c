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
/// SIGALRM arrived while a statement timeout was armed.
pub static STATEMENT_TIMEOUT_PENDING: AtomicBool = AtomicBool::new(false);
/// SIGHUP arrived: re-read the configuration file when idle.
pub static CONFIG_RELOAD_PENDING: AtomicBool = AtomicBool::new(false);

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

extern "C" fn handle_sigint(_: libc::c_int) {
    QUERY_CANCEL_PENDING.store(true, Ordering::SeqCst);
    INTERRUPT_PENDING.store(true, Ordering::SeqCst);
    set_my_latch();
}

extern "C" fn handle_sigterm(_: libc::c_int) {
    PROC_DIE_PENDING.store(true, Ordering::SeqCst);
    INTERRUPT_PENDING.store(true, Ordering::SeqCst);
    set_my_latch();
}

extern "C" fn handle_sigusr1(_: libc::c_int) {
    PROCSIGNAL_PENDING.store(true, Ordering::SeqCst);
    INTERRUPT_PENDING.store(true, Ordering::SeqCst);
    set_my_latch();
}

extern "C" fn handle_sigalrm(_: libc::c_int) {
    STATEMENT_TIMEOUT_PENDING.store(true, Ordering::SeqCst);
    INTERRUPT_PENDING.store(true, Ordering::SeqCst);
    set_my_latch();
}

fn set_timer(ms: u64) {
    let tv = libc::timeval { tv_sec: (ms / 1000) as libc::time_t, tv_usec: ((ms % 1000) * 1000) as libc::suseconds_t };
    let it = libc::itimerval { it_interval: libc::timeval { tv_sec: 0, tv_usec: 0 }, it_value: tv };
    // SAFETY: setitimer with a valid itimerval; the old value is not needed.
    unsafe { libc::setitimer(libc::ITIMER_REAL, &it, std::ptr::null_mut()) };
}

/// Arms `statement_timeout` (PostgreSQL's enable_timeout_after for
/// STATEMENT_TIMEOUT): when it fires, the running statement is cancelled
/// with 57014 "canceling statement due to statement timeout". 0 disarms.
pub fn enable_statement_timeout(ms: u64) {
    STATEMENT_TIMEOUT_PENDING.store(false, Ordering::SeqCst);
    set_timer(ms);
}

/// Disarms the statement timeout.
pub fn disable_statement_timeout() {
    set_timer(0);
    STATEMENT_TIMEOUT_PENDING.store(false, Ordering::SeqCst);
}

extern "C" fn handle_sighup(_: libc::c_int) {
    CONFIG_RELOAD_PENDING.store(true, Ordering::SeqCst);
    set_my_latch();
}

extern "C" fn handle_sigquit(_: libc::c_int) {
    // PostgreSQL's quickdie: the postmaster is resetting shared memory or
    // shutting down immediately. Exit at once without touching shared
    // state; status 2 tells the postmaster this was not a clean exit.
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(2) };
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
pub fn install_backend_signal_handlers() {
    install_handler(libc::SIGINT, handle_sigint);
    install_handler(libc::SIGTERM, handle_sigterm);
    install_handler(libc::SIGUSR1, handle_sigusr1);
    install_handler(libc::SIGHUP, handle_sighup);
    install_handler(libc::SIGALRM, handle_sigalrm);
    install_handler(libc::SIGQUIT, handle_sigquit);
    // SAFETY: ignoring SIGPIPE so that a write to a closed socket returns EPIPE.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    default_handler(libc::SIGCHLD);
    unblock_signals();
}

/// Whether a statement is running (cancel only applies then).
static QUERY_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Marks the start/end of statement execution, for cancel handling.
pub fn set_query_active(active: bool) {
    QUERY_ACTIVE.store(active, Ordering::SeqCst);
    if !active {
        // A cancel that arrives between statements is dropped, as in PostgreSQL.
        QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
    }
}

/// CHECK_FOR_INTERRUPTS(): turns pending flags into errors.
///
/// Returns FATAL 57P01 when terminated, FATAL 57P01-class when the
/// postmaster died, ERROR 57014 when a running statement was cancelled.
pub fn check_for_interrupts() -> PgResult<()> {
    if !INTERRUPT_PENDING.load(Ordering::Relaxed) {
        return Ok(());
    }
    INTERRUPT_PENDING.store(false, Ordering::SeqCst);
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
    if STATEMENT_TIMEOUT_PENDING.load(Ordering::SeqCst) && QUERY_ACTIVE.load(Ordering::SeqCst) {
        STATEMENT_TIMEOUT_PENDING.store(false, Ordering::SeqCst);
        QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
        return Err(PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to statement timeout"));
    }
    if QUERY_CANCEL_PENDING.load(Ordering::SeqCst) {
        QUERY_CANCEL_PENDING.store(false, Ordering::SeqCst);
        if QUERY_ACTIVE.load(Ordering::SeqCst) {
            return Err(PgError::new(SqlState::QUERY_CANCELED, "canceling statement due to user request"));
        }
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

/// What woke [`wait_latch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WakeEvents {
    /// The latch was set (a signal arrived).
    pub latch: bool,
    /// The socket is readable (or closed/errored).
    pub socket_readable: bool,
    /// The timeout expired.
    pub timeout: bool,
    /// The postmaster died.
    pub postmaster_death: bool,
}

/// WaitLatchOrSocket(): sleeps until the latch is set, `socket` (if any) is
/// readable, the postmaster dies, or `timeout` passes. Interrupt flags set
/// before the call make it return at once.
pub fn wait_latch(socket: Option<RawFd>, timeout: Option<Duration>) -> WakeEvents {
    let deadline = timeout.map(|t| Instant::now() + t);
    loop {
        let mut ev = WakeEvents { latch: false, socket_readable: false, timeout: false, postmaster_death: false };
        if INTERRUPT_PENDING.load(Ordering::SeqCst) || CONFIG_RELOAD_PENDING.load(Ordering::SeqCst) {
            drain_self_pipe();
            ev.latch = true;
            return ev;
        }
        let mut fds = Vec::with_capacity(3);
        let latch_fd = SELF_PIPE_READ.load(Ordering::Relaxed);
        let pm_fd = POSTMASTER_ALIVE_READ.load(Ordering::Relaxed);
        for fd in [latch_fd, pm_fd, socket.unwrap_or(-1)] {
            fds.push(libc::pollfd { fd, events: libc::POLLIN, revents: 0 });
        }
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
            continue; // EINTR: a signal handler ran; loop re-checks the flags.
        }
        if fds[0].revents != 0 {
            drain_self_pipe();
            ev.latch = true;
        }
        if fds[1].revents != 0 && !postmaster_is_alive() {
            ev.postmaster_death = true;
        }
        if fds[2].revents != 0 {
            ev.socket_readable = true;
        }
        if let (0, Some(d)) = (n, deadline) {
            ev.timeout = Instant::now() >= d;
        }
        if ev.latch || ev.socket_readable || ev.timeout || ev.postmaster_death {
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
