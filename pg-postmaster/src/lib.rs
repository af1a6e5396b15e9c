//! pg-postmaster: the postmaster process (PostgreSQL's `postmaster/postmaster.c`).
//!
//! Role: read the configuration (done by `pg-server` before we start), take
//! the data-directory interlock and `postmaster.pid`, create shared memory,
//! listen on TCP and Unix sockets, and loop on `poll()` over those sockets and
//! a self-pipe that signal handlers write to. Every accepted connection is
//! handed at once to a `fork()`ed backend (`pg_tcop::backend_main`); children
//! are reaped with `waitpid`. A child that dies abnormally starts the
//! crash-restart cycle: every other child gets SIGQUIT, shared memory is
//! re-created, connections are accepted again. SIGTERM/SIGINT/SIGQUIT are
//! pg_ctl's smart/fast/immediate shutdown; SIGHUP reloads the configuration.
//!
//! Dependencies: every lower layer it orchestrates (pg-tcop for the backend
//! entry point and shared-memory set-up, pg-proc for signals and titles,
//! pg-guc for settings, pg-protocol to refuse a connection without forking).
//!
//! Invariants:
//! - single-threaded, no async runtime: `fork()` is only sound that way;
//! - the postmaster never touches shared-memory contents after creating
//!   them (it takes no LWLock), so a crashed backend cannot wedge it;
//! - it holds the only write end of the postmaster-alive pipe: when it dies,
//!   every child sees EOF on its read end and exits;
//! - the data-directory `flock` is inherited by every child and never
//!   released while any process of this server lives.

mod auxprocess;
mod lockfile;

use pg_error::{PgError, PgResult, SqlState};
use pg_guc::vars;
use pg_proc::interrupts;
use pg_proc::ps_status::set_ps_display;
use pg_tcop::{ClientConnection, PeerAddr};
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};
use tracing::{info, warn};

/// Write end of the postmaster's signal self-pipe: a handler writes one
/// byte there only to wake `poll()`.
static SIGNAL_PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

/// One flag per signal the postmaster acts on. A handler sets its flag;
/// the loop clears and acts on each flag once per pass, so a burst of 100
/// SIGHUPs is at most 100 reloads and usually a handful (PostgreSQL's
/// pending_pm_reload_request and friends).
static PENDING_RELOAD: AtomicBool = AtomicBool::new(false);
static PENDING_SMART: AtomicBool = AtomicBool::new(false);
static PENDING_FAST: AtomicBool = AtomicBool::new(false);
static PENDING_IMMEDIATE: AtomicBool = AtomicBool::new(false);
static PENDING_CHILD_EXIT: AtomicBool = AtomicBool::new(false);

extern "C" fn postmaster_signal(sig: libc::c_int) {
    interrupts::preserving_errno(|| {
        let flag = match sig {
            libc::SIGHUP => &PENDING_RELOAD,
            libc::SIGTERM => &PENDING_SMART,
            libc::SIGINT => &PENDING_FAST,
            libc::SIGQUIT => &PENDING_IMMEDIATE,
            libc::SIGCHLD => &PENDING_CHILD_EXIT,
            // SIGUSR1 (a child's request) only wakes the loop.
            _ => &PENDING_CHILD_EXIT,
        };
        flag.store(true, Ordering::SeqCst);
        let fd = SIGNAL_PIPE_WRITE.load(Ordering::Relaxed);
        if fd >= 0 {
            let b = 0u8;
            // SAFETY: write(2) is async-signal-safe; a full pipe already
            // wakes the loop, so the result is ignored.
            unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
        }
    });
}

/// The kind of process a child is, and with it the rules for its exit and
/// its place in the shutdown order (PostgreSQL's BackendList entries and
/// the *PID variables of the auxiliary processes).
///
/// The auxiliary processes (startup, checkpointer, background writer, WAL
/// writer) each have their exit rule in [`ChildKind::exit_is_clean`] and
/// their phase in [`PmState`] (the checkpointer, for one, is told to write
/// the shutdown checkpoint only once every backend is gone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChildKind {
    /// The startup process: crash recovery before connections are served.
    Startup,
    /// The checkpointer.
    Checkpointer,
    /// The background writer.
    BackgroundWriter,
    /// The WAL writer.
    WalWriter,
    /// A client backend.
    Backend,
    /// A child forked only to refuse a connection after reading its
    /// startup packet (PostgreSQL's dead_end backends): the postmaster was
    /// shutting down, restarting after a crash, or at its cap of children.
    /// It claims no PGPROC slot; it serves a CancelRequest except during a
    /// crash-restart, when the proc array is not to be trusted.
    DeadEndBackend,
}

impl ChildKind {
    /// The name in "... (PID n) was terminated by signal": PostgreSQL calls
    /// every backend a "server process".
    fn process_name(self) -> &'static str {
        match self {
            ChildKind::Backend | ChildKind::DeadEndBackend => "server process",
            ChildKind::Startup => "startup process",
            ChildKind::Checkpointer => "checkpointer process",
            ChildKind::BackgroundWriter => "background writer process",
            ChildKind::WalWriter => "WAL writer process",
        }
    }

    /// Whether an exit leaves shared memory trustworthy. A backend that
    /// ends with 0 (clean) or 1 (FATAL: it ran its exit callbacks) did;
    /// any other code, or death by a signal, may have left a lock held or a
    /// structure half-written, and starts a crash-restart. An auxiliary
    /// process is clean only with exit 0 (the startup process's exit 1 is
    /// a failed start, handled apart).
    fn exit_is_clean(self, status: libc::c_int) -> bool {
        match self {
            ChildKind::Backend | ChildKind::DeadEndBackend => {
                libc::WIFEXITED(status) && matches!(libc::WEXITSTATUS(status), 0 | 1)
            }
            _ => libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        }
    }
}

/// Where the postmaster is in PostgreSQL's shutdown (and crash-restart)
/// order: backends, background writer and WAL writer first, then the
/// checkpointer's shutdown checkpoint, then the dead-end children, then
/// exit or re-initialise (and start recovery again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PmState {
    /// The startup process is recovering; connections are refused
    /// (PM_STARTUP).
    Startup,
    /// Normal operation: accepting connections.
    Run,
    /// Shutdown or crash: waiting for the backends (and the background
    /// writer and WAL writer) to exit. Connections are still accepted, and
    /// refused by dead-end children.
    WaitBackends,
    /// The checkpointer is writing the shutdown checkpoint (PM_SHUTDOWN).
    Shutdown,
    /// Only dead-end children are left; no connection is accepted.
    WaitDeadEnd,
}

/// pg_ctl's shutdown modes, in increasing urgency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Shutdown {
    None,
    Smart,
    Fast,
    Immediate,
}

struct Listener {
    fd: OwnedFd,
    is_unix: bool,
}

/// Everything the postmaster keeps between loop iterations.
struct Postmaster {
    data_dir: PathBuf,
    listeners: Vec<Listener>,
    children: HashMap<libc::pid_t, ChildKind>,
    signal_read: RawFd,
    alive_read: RawFd,
    alive_write: RawFd,
    shutdown: Shutdown,
    state: PmState,
    /// Set while a crash-restart is under way: children are being killed.
    fatal_error: bool,
    /// When the SIGQUIT of the current crash/immediate shutdown was sent.
    quit_sent_at: Option<Instant>,
    /// PostgreSQL's MaxLivePostmasterChildren(): past this many live
    /// children (dead-end ones aside) a connection is refused by a dead-end
    /// child with "sorry, too many clients already".
    max_live_children: usize,
    /// When `postmaster.pid` was last checked (RecheckDataDirLockFile).
    lockfile_checked_at: Instant,
    /// The PGPROC slots for client backends (`max_connections`).
    backend_slots: usize,
    /// When a backend was last forked or exited: sessions are churning.
    last_backend_churn: Option<Instant>,
    /// Set when the server became ready (startup finished): the pid file
    /// says so on the next pass.
    became_ready: bool,
    /// The exit code when the postmaster must stop (a failed start-up).
    exit_code: Option<i32>,
    /// Whether the background writer and WAL writer were told to stop.
    aux_stop_sent: bool,
}

fn os_err(what: String) -> impl FnOnce(std::io::Error) -> PgError {
    move |e| PgError::fatal(SqlState::IO_ERROR, format!("{what}: {e}"))
}

/// PostgreSQL's MaxBackends: the client connections plus the slots it
/// keeps for autovacuum workers, its launcher, background workers and WAL
/// senders. The cap on children and the listen backlog derive from it.
fn max_backends() -> usize {
    let n = |v: i32| v.max(0) as usize;
    n(vars::MAX_CONNECTIONS.get().max(1))
        + n(vars::AUTOVACUUM_MAX_WORKERS.get())
        + 1
        + n(vars::MAX_WORKER_PROCESSES.get())
        + n(vars::MAX_WAL_SENDERS.get())
}

/// Re-listens with PostgreSQL's backlog: twice MaxBackends, at most
/// PG_SOMAXCONN (10000); the kernel caps it further at
/// `net.core.somaxconn`. The standard library listens with 128, which a
/// burst of connections queued while the postmaster is busy overflows (a
/// TCP client then waits for a SYN retry, a Unix-socket client fails).
fn set_listen_backlog(fd: RawFd) -> PgResult<()> {
    let backlog = (2 * max_backends()).min(10_000) as libc::c_int;
    // SAFETY: listen(2) on a bound socket we own; calling it again on a
    // listening socket only changes the backlog.
    if unsafe { libc::listen(fd, backlog) } != 0 {
        return Err(os_err("could not listen on socket".into())(std::io::Error::last_os_error()));
    }
    Ok(())
}

fn listen_tcp(addresses: &str, port: u16) -> PgResult<Vec<Listener>> {
    let mut out = Vec::new();
    for raw in addresses.split(',') {
        let host = raw.trim();
        let addrs: Vec<SocketAddr> = match host {
            "" => continue,
            "localhost" => vec![(Ipv4Addr::LOCALHOST, port).into(), (Ipv6Addr::LOCALHOST, port).into()],
            "*" => vec![(Ipv4Addr::UNSPECIFIED, port).into(), (Ipv6Addr::UNSPECIFIED, port).into()],
            h => match h.parse::<std::net::IpAddr>() {
                Ok(ip) => vec![SocketAddr::new(ip, port)],
                // A host name: getaddrinfo, as StreamServerPort does.
                Err(_) => match std::net::ToSocketAddrs::to_socket_addrs(&(h, port)) {
                    Ok(a) => a.collect(),
                    Err(e) => {
                        let reason = e.to_string();
                        let reason = reason.strip_prefix("failed to lookup address information: ").unwrap_or(&reason);
                        info!("could not translate host name \"{h}\", service \"{port}\" to address: {reason}");
                        warn!("could not create listen socket for \"{h}\"");
                        continue;
                    }
                },
            },
        };
        let before = out.len();
        for addr in addrs {
            let family = if addr.is_ipv4() { "IPv4" } else { "IPv6" };
            match TcpListener::bind(addr) {
                Ok(l) => {
                    l.set_nonblocking(true).map_err(os_err("could not set socket non-blocking".into()))?;
                    set_listen_backlog(l.as_raw_fd())?;
                    info!("listening on {family} address \"{}\", port {port}", addr.ip());
                    out.push(Listener { fd: l.into(), is_unix: false });
                }
                // An IPv6 loopback may be missing in a container: PostgreSQL
                // logs it and goes on when at least one address works.
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => info!(
                    hint = %format!(
                        "Is another postmaster already running on port {port}? If not, wait a few seconds and retry."
                    ),
                    "could not bind {family} address \"{}\": {}",
                    addr.ip(),
                    pg_tcop::os_error_text(&e)
                ),
                Err(e) => info!("could not bind {family} address \"{}\": {}", addr.ip(), pg_tcop::os_error_text(&e)),
            }
        }
        if out.len() == before {
            warn!("could not create listen socket for \"{host}\"");
        }
    }
    if out.is_empty() && !addresses.trim().is_empty() {
        return Err(PgError::fatal(SqlState::IO_ERROR, "could not create any TCP/IP sockets"));
    }
    Ok(out)
}

fn listen_unix(dirs: &str, port: u16, data_dir: &Path) -> PgResult<(Vec<Listener>, Vec<PathBuf>)> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    for dir in dirs.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let path = Path::new(dir).join(format!(".s.PGSQL.{port}"));
        let lock = lockfile::create_socket_lock(&path, data_dir)?;
        let _ = std::fs::remove_file(&path);
        let l =
            UnixListener::bind(&path).map_err(os_err(format!("could not bind Unix address \"{}\"", path.display())))?;
        l.set_nonblocking(true).map_err(os_err("could not set socket non-blocking".into()))?;
        set_listen_backlog(l.as_raw_fd())?;
        let mode = vars::UNIX_SOCKET_PERMISSIONS.get() as u32;
        let _ = std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode));
        info!("listening on Unix socket \"{}\"", path.display());
        out.push(Listener { fd: l.into(), is_unix: true });
        files.push(path);
        files.push(lock);
    }
    Ok((out, files))
}

/// Runs the postmaster until shutdown; returns the process exit code, or
/// the FATAL error that kept it from locking the data directory (the
/// caller logs it). A failure after that is logged here, followed, as
/// every end of a postmaster that held the lock file, by "database system
/// is shut down" (PostgreSQL's UnlinkLockFiles).
pub fn postmaster_main(data_dir: &Path) -> PgResult<i32> {
    run(data_dir)
}

fn run(data_dir: &Path) -> PgResult<i32> {
    let port = vars::PORT.get() as u16;
    let listen = vars::LISTEN_ADDRESSES.get();
    let socket_dirs = vars::UNIX_SOCKET_DIRECTORIES.get();

    let mut pid_file = lockfile::PidFile::create(data_dir, port, socket_dirs.split(',').next().unwrap_or(""), &listen)?;
    let interlock = match lockfile::lock_data_directory(data_dir) {
        Ok(l) => l,
        Err(e) => {
            pid_file.remove();
            return Err(e);
        }
    };

    let result = serve(data_dir, port, &listen, &socket_dirs, &mut pid_file);
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            pg_error::elog::log_report(&e.with_severity(pg_error::Severity::Fatal));
            1
        }
    };
    // After an immediate shutdown because the lock file was invalid, the
    // file may belong to another server now: leave it alone.
    if pid_file.still_ours() {
        pid_file.remove();
    }
    drop(interlock);
    info!("database system is shut down");
    Ok(code)
}

/// PostgreSQL refuses to start when the reserved slots leave no room for
/// anyone else: a message on stderr (not a log line) and exit status 1.
/// The caller runs this once the settings are loaded, before anything is
/// logged or locked, as PostmasterMain does.
pub fn check_connection_settings() {
    let reserved = vars::SUPERUSER_RESERVED_CONNECTIONS.get();
    let max = vars::MAX_CONNECTIONS.get();
    if reserved >= max {
        let progname = std::env::args()
            .next()
            .and_then(|a| Path::new(&a).file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "postgres".into());
        eprintln!("{progname}: superuser_reserved_connections ({reserved}) must be less than max_connections ({max})");
        std::process::exit(1);
    }
}

fn serve(
    data_dir: &Path,
    port: u16,
    listen: &str,
    socket_dirs: &str,
    pid_file: &mut lockfile::PidFile,
) -> PgResult<i32> {
    pg_tcop::load_hba_file(&pg_tcop::hba_file_path(data_dir))?;
    pg_tcop::create_shared_memory()?;
    pg_proc::pmsignal::init_pmsignal().map_err(os_err("could not create postmaster signal area".into()))?;
    // Temporary files live under the data directory; any found now were
    // left by a server that did not shut down cleanly (RemovePgTempFiles).
    pg_storage::set_data_directory(data_dir);
    pg_wal::xlog::set_data_directory(data_dir);
    pg_storage::remove_pgsql_tmp_files(data_dir);

    let mut listeners = listen_tcp(listen, port)?;
    let (unix, socket_files) = listen_unix(socket_dirs, port, data_dir)?;
    listeners.extend(unix);
    if listeners.is_empty() {
        return Err(PgError::fatal(SqlState::IO_ERROR, "no socket created for listening"));
    }

    let (signal_read, signal_write) = interrupts::make_pipe().map_err(os_err("could not create pipe".into()))?;
    SIGNAL_PIPE_WRITE.store(signal_write, Ordering::SeqCst);
    for sig in [libc::SIGCHLD, libc::SIGTERM, libc::SIGINT, libc::SIGQUIT, libc::SIGHUP, libc::SIGUSR1] {
        interrupts::install_handler(sig, postmaster_signal);
    }
    interrupts::install_postmaster_ignored_signals();
    // The postmaster-alive pipe: nobody writes; children see EOF when we die.
    let (alive_read, alive_write) = interrupts::make_pipe().map_err(os_err("could not create pipe".into()))?;

    let mut pm = Postmaster {
        data_dir: data_dir.to_path_buf(),
        listeners,
        children: HashMap::new(),
        signal_read,
        alive_read,
        alive_write,
        shutdown: Shutdown::None,
        state: PmState::Startup,
        fatal_error: false,
        quit_sent_at: None,
        max_live_children: 2 * max_backends(),
        lockfile_checked_at: Instant::now(),
        backend_slots: vars::MAX_CONNECTIONS.get().max(1) as usize,
        last_backend_churn: None,
        became_ready: false,
        exit_code: None,
        aux_stop_sent: false,
    };
    set_ps_display("postgres: postmaster");
    pid_file.set_status("starting");
    // Recovery runs in the startup process; connections wait until it is done.
    pm.start_aux(ChildKind::Startup);
    let code = pm.server_loop(pid_file);
    if pid_file.still_ours() {
        pid_file.set_status("stopping");
    }
    for f in &socket_files {
        let _ = std::fs::remove_file(f);
    }
    Ok(code)
}

/// How recent a backend's fork or exit must be for a full server to be
/// serving a burst (see `Postmaster::defer_accept`). During a burst a
/// backend exits every few milliseconds; a refused connection to a full
/// server waits at most this long for its 53300.
const BURST_WINDOW: Duration = Duration::from_millis(200);

/// How often `postmaster.pid` is re-read, as in PostgreSQL's ServerLoop.
const LOCKFILE_RECHECK_INTERVAL: Duration = Duration::from_secs(60);

impl Postmaster {
    fn server_loop(&mut self, pid_file: &mut lockfile::PidFile) -> i32 {
        loop {
            let mut fds: Vec<libc::pollfd> =
                vec![libc::pollfd { fd: self.signal_read, events: libc::POLLIN, revents: 0 }];
            // In the last phase of a shutdown or crash-restart, only
            // dead-end children are left and new connections wait in the
            // listen queue (PM_WAIT_DEAD_END).
            let accepting = self.state != PmState::WaitDeadEnd && !self.defer_accept();
            if accepting {
                for l in &self.listeners {
                    fds.push(libc::pollfd { fd: l.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 });
                }
            }
            let timeout_ms = if accepting { 1000 } else { 20 };
            // SAFETY: fds is a valid pollfd array for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
            if n > 0 && fds[0].revents != 0 {
                drain_pipe(self.signal_read);
            }
            self.handle_signals();
            if n > 0 && accepting {
                // One connection per ready socket per pass, as PostgreSQL's
                // ServerLoop: exits are reaped between forks, so a burst
                // of queued connections does not pile up children faster
                // than they finish.
                let ready: Vec<usize> =
                    fds.iter().skip(1).enumerate().filter(|(_, f)| f.revents != 0).map(|(i, _)| i).collect();
                for i in ready {
                    self.accept_one(i);
                }
            }
            self.reap_children();
            if self.lockfile_checked_at.elapsed() >= LOCKFILE_RECHECK_INTERVAL {
                self.lockfile_checked_at = Instant::now();
                let verdict = pid_file.recheck();
                if let Ok(Some(note)) = &verdict {
                    info!("{note}");
                }
                if let Err(why) = verdict {
                    info!("{why}");
                    info!("performing immediate shutdown because data directory lock file is invalid");
                    PENDING_IMMEDIATE.store(true, Ordering::SeqCst);
                    self.handle_signals();
                }
            }
            if let Some(code) = self.advance_state() {
                return code;
            }
            if std::mem::take(&mut self.became_ready) && pid_file.still_ours() {
                pid_file.set_status("ready");
            }
        }
    }

    /// Acts on the flags the signal handlers set, each once.
    fn handle_signals(&mut self) {
        if PENDING_RELOAD.swap(false, Ordering::SeqCst) && self.shutdown < Shutdown::Immediate {
            self.reload();
        }
        if PENDING_SMART.swap(false, Ordering::SeqCst) && self.shutdown < Shutdown::Smart {
            info!("received smart shutdown request");
            self.shutdown = Shutdown::Smart;
            if self.state == PmState::Startup {
                // Recovery is interrupted; no new connections will come.
                self.signal_kind(ChildKind::Startup, libc::SIGTERM);
                self.state = PmState::WaitBackends;
            }
        }
        if PENDING_FAST.swap(false, Ordering::SeqCst) && self.shutdown < Shutdown::Fast {
            info!("received fast shutdown request");
            self.shutdown = Shutdown::Fast;
            if !self.fatal_error {
                info!("aborting any active transactions");
                self.signal_children(libc::SIGTERM, false);
            }
            self.state = PmState::WaitBackends;
        }
        if PENDING_IMMEDIATE.swap(false, Ordering::SeqCst) && self.shutdown < Shutdown::Immediate {
            info!("received immediate shutdown request");
            self.shutdown = Shutdown::Immediate;
            pg_proc::pmsignal::set_quit_reason(pg_proc::pmsignal::QuitReason::Stop);
            self.signal_children(libc::SIGQUIT, true);
            self.quit_sent_at = Some(Instant::now());
            self.state = PmState::WaitBackends;
        }
        PENDING_CHILD_EXIT.store(false, Ordering::SeqCst);
    }

    fn reload(&mut self) {
        info!("received SIGHUP, reloading configuration files");
        let conf = pg_tcop::config_file_path(&self.data_dir);
        match pg_guc::reload_config_file(&conf) {
            // The reports are PostgreSQL's reload messages (parameter
            // changed, cannot be changed without restart, bad values).
            Ok(reports) => {
                for r in reports {
                    pg_error::elog::log_report(&r);
                }
            }
            Err(e) => warn!("could not reload \"{}\": {}", conf.display(), e.message),
        }
        if pg_tcop::load_hba_file(&pg_tcop::hba_file_path(&self.data_dir)).is_err() {
            // The old rules stay; the bad lines were logged.
            info!("pg_hba.conf was not reloaded");
        }
        self.signal_children(libc::SIGHUP, false);
    }

    /// Signals the children; dead-end ones only when `dead_end_too` (they
    /// have no session to end, but a crash-restart waits for them).
    fn signal_children(&self, sig: libc::c_int, dead_end_too: bool) {
        for (&pid, &kind) in &self.children {
            if kind == ChildKind::DeadEndBackend && !dead_end_too {
                continue;
            }
            // SAFETY: sending a signal to our own child process.
            unsafe { libc::kill(pid, sig) };
        }
    }

    /// Signals every child of `kind`.
    fn signal_kind(&self, kind: ChildKind, sig: libc::c_int) {
        for (&pid, &k) in &self.children {
            if k == kind {
                // SAFETY: sending a signal to our own child process.
                unsafe { libc::kill(pid, sig) };
            }
        }
    }

    fn has_child(&self, kind: ChildKind) -> bool {
        self.children.values().any(|k| *k == kind)
    }

    /// Forks an auxiliary process (`StartChildProcess`).
    fn start_aux(&mut self, kind: ChildKind) {
        let mask = interrupts::block_signals();
        // SAFETY: the postmaster is single-threaded, so fork() is sound; the
        // child only runs the auxiliary process and then exits.
        let pid = unsafe { libc::fork() };
        if pid != 0 {
            interrupts::restore_signal_mask(&mask);
        }
        if pid < 0 {
            let e = std::io::Error::last_os_error();
            let what = match kind {
                ChildKind::Startup => "startup process",
                ChildKind::Checkpointer => "checkpointer",
                ChildKind::BackgroundWriter => "background writer process",
                _ => "WAL writer process",
            };
            info!("could not fork {what}: {e}");
            if kind == ChildKind::Startup {
                self.exit_code = Some(1);
            }
            return;
        }
        if pid == 0 {
            for l in self.listeners.drain(..) {
                drop(l.fd);
            }
            // SAFETY: closing descriptors that belong to the postmaster role.
            unsafe {
                libc::close(self.signal_read);
                libc::close(SIGNAL_PIPE_WRITE.load(Ordering::Relaxed));
                libc::close(self.alive_write);
            }
            SIGNAL_PIPE_WRITE.store(-1, Ordering::SeqCst);
            interrupts::set_postmaster_alive_fd(self.alive_read);
            let data_dir = self.data_dir.clone();
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match kind {
                ChildKind::Startup => auxprocess::startup_process_main(),
                ChildKind::Checkpointer => auxprocess::checkpointer_main(&data_dir),
                ChildKind::BackgroundWriter => auxprocess::bgwriter_main(&data_dir),
                _ => auxprocess::walwriter_main(&data_dir),
            }))
            .unwrap_or(3);
            // SAFETY: _exit skips atexit handlers and destructors inherited
            // from the postmaster (which must not run twice).
            unsafe { libc::_exit(code) };
        }
        self.children.insert(pid, kind);
    }

    /// The auxiliary processes of normal operation, started once recovery
    /// is done and again when one of them exited cleanly while the server
    /// runs.
    fn start_missing_aux(&mut self) {
        for kind in [ChildKind::Checkpointer, ChildKind::BackgroundWriter, ChildKind::WalWriter] {
            if !self.has_child(kind) {
                self.start_aux(kind);
            }
        }
    }

    /// Whether to leave queued connections in the listen backlog for now:
    /// there are as many backends as PGPROC slots, but backends have been
    /// forked or have exited within the last [`BURST_WINDOW`] (a burst is being
    /// served), so a slot will soon be free, and a backend forked now would
    /// only answer 53300. In PostgreSQL the same burst is paced by the cost
    /// of its own backend start-up (measured: about 15 backends alive
    /// while 400 queued connections are served, all of them served); ours
    /// start faster than a slow client finishes, and without this the burst
    /// piled up past `max_connections` and about one connection in ten was
    /// refused. When nothing has changed for that long (the server is simply
    /// full of sessions), connections are accepted and refused by the
    /// backend, as in PostgreSQL. The loop wakes on every SIGCHLD, so the
    /// wait ends with the first exit, and it never lasts longer than the
    /// window without a fork or an exit.
    fn defer_accept(&self) -> bool {
        self.state == PmState::Run
            && self.shutdown == Shutdown::None
            && !self.fatal_error
            && self.live_backends() >= self.backend_slots
            && self.last_backend_churn.is_some_and(|t| t.elapsed() < BURST_WINDOW)
    }

    fn live_backends(&self) -> usize {
        self.children.values().filter(|k| **k == ChildKind::Backend).count()
    }

    /// PostgreSQL's CountChildren for MaxLivePostmasterChildren: the
    /// backends, not the dead-end children nor the auxiliary processes.
    fn live_children(&self) -> usize {
        self.live_backends()
    }

    /// Every child but the dead-end ones: what a crash-restart waits for.
    fn live_non_dead_end(&self) -> usize {
        self.children.values().filter(|k| **k != ChildKind::DeadEndBackend).count()
    }

    fn accept_one(&mut self, index: usize) {
        let Some(listener) = self.listeners.get(index) else { return };
        let is_unix = listener.is_unix;
        let lfd = listener.fd.as_raw_fd();
        // SAFETY: sockaddr_storage is large enough for any address family.
        let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: accept4 fills storage up to len; the result is a new descriptor or -1.
        let fd =
            unsafe { libc::accept4(lfd, &mut storage as *mut _ as *mut libc::sockaddr, &mut len, libc::SOCK_CLOEXEC) };
        if fd < 0 {
            return; // EAGAIN: another pass found it first, or the client left.
        }
        // SAFETY: fd is a fresh descriptor from accept4 that nobody else owns.
        let sock = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
        let peer = if is_unix { PeerAddr::Unix } else { sockaddr_to_peer(&storage) };
        self.start_backend(sock, peer);
    }

    /// PostgreSQL's canAcceptConnections: None to serve the connection,
    /// or the refusal a dead-end child sends once it has read the startup
    /// packet.
    fn refusal(&self) -> Option<PgError> {
        if self.fatal_error {
            Some(PgError::fatal(SqlState::CANNOT_CONNECT_NOW, "the database system is in recovery mode"))
        } else if self.state == PmState::Startup {
            Some(PgError::fatal(SqlState::CANNOT_CONNECT_NOW, "the database system is starting up"))
        } else if self.shutdown != Shutdown::None {
            Some(PgError::fatal(SqlState::CANNOT_CONNECT_NOW, "the database system is shutting down"))
        } else if self.live_children() >= self.max_live_children {
            Some(PgError::fatal(SqlState::TOO_MANY_CONNECTIONS, "sorry, too many clients already"))
        } else {
            None
        }
    }

    fn start_backend(&mut self, sock: OwnedFd, peer: PeerAddr) {
        let refusal = self.refusal();
        // Signals stay blocked across fork(): until the child has closed the
        // postmaster's signal pipe and installed its own handlers, a signal
        // sent to it (the SIGQUIT of a crash-restart that raced with this
        // connection) would run the inherited postmaster handler and write
        // into the pipe the postmaster reads, which took it for a SIGQUIT
        // of its own: an immediate shutdown of the whole server. The child
        // unblocks them in install_backend_signal_handlers.
        let mask = interrupts::block_signals();
        // SAFETY: the postmaster is single-threaded, so fork() is sound; the
        // child only runs the backend and then exits.
        let pid = unsafe { libc::fork() };
        if pid != 0 {
            interrupts::restore_signal_mask(&mask);
        }
        if pid < 0 {
            let e = std::io::Error::last_os_error();
            info!("could not fork new process for connection: {e}");
            // PostgreSQL's report_fork_failure_to_client: there is no child
            // to negotiate SSL, so the error goes out at once.
            pg_tcop::refuse_connection(
                sock,
                &PgError::fatal(SqlState::OUT_OF_MEMORY, format!("could not fork new process for connection: {e}")),
            );
            return;
        }
        if pid == 0 {
            // Child: drop the postmaster's sockets and pipes, keep the
            // alive pipe's read end and the inherited data-directory lock.
            for l in self.listeners.drain(..) {
                drop(l.fd);
            }
            // SAFETY: closing descriptors that belong to the postmaster role.
            unsafe {
                libc::close(self.signal_read);
                libc::close(SIGNAL_PIPE_WRITE.load(Ordering::Relaxed));
                libc::close(self.alive_write);
            }
            SIGNAL_PIPE_WRITE.store(-1, Ordering::SeqCst);
            interrupts::set_postmaster_alive_fd(self.alive_read);
            let conn = ClientConnection { fd: sock, peer };
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &refusal {
                None => pg_tcop::backend_main(conn),
                Some(err) => pg_tcop::dead_end_backend_main(conn, err, !self.fatal_error),
            }))
            .unwrap_or(3);
            // SAFETY: _exit skips atexit handlers and destructors inherited
            // from the postmaster (which must not run twice).
            unsafe { libc::_exit(code) };
        }
        drop(sock);
        let kind = if refusal.is_some() { ChildKind::DeadEndBackend } else { ChildKind::Backend };
        if kind == ChildKind::Backend {
            self.last_backend_churn = Some(Instant::now());
        }
        self.children.insert(pid, kind);
    }

    fn reap_children(&mut self) {
        loop {
            let mut status = 0;
            // SAFETY: waitpid with WNOHANG on any child, status is a local.
            let pid = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
            if pid <= 0 {
                return;
            }
            let Some(kind) = self.children.remove(&pid) else { continue };
            if kind == ChildKind::Backend {
                self.last_backend_churn = Some(Instant::now());
            }
            if kind == ChildKind::Startup {
                self.startup_exited(pid, status);
                continue;
            }
            if kind == ChildKind::Checkpointer && self.state == PmState::Shutdown && kind.exit_is_clean(status) {
                // The shutdown checkpoint is written.
                self.state = PmState::WaitDeadEnd;
                continue;
            }
            if kind == ChildKind::Checkpointer && kind.exit_is_clean(status) && !self.fatal_error {
                // The checkpointer leaves only when told to: anything else is a crash.
                self.handle_child_crash(pid, kind, status);
                continue;
            }
            if !kind.exit_is_clean(status) {
                self.handle_child_crash(pid, kind, status);
            }
        }
    }

    /// The startup process ended: the server is ready, or it cannot start.
    fn startup_exited(&mut self, pid: libc::pid_t, status: libc::c_int) {
        let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
        if self.shutdown != Shutdown::None || (self.fatal_error && self.state != PmState::Startup) {
            // Told to stop, or killed in a crash of another process: the
            // state machine goes on without it.
            return;
        }
        if !ok {
            self.log_child_exit(pid, ChildKind::Startup, status);
            info!("aborting startup due to startup process failure");
            self.signal_children(libc::SIGQUIT, true);
            self.exit_code = Some(1);
            return;
        }
        self.fatal_error = false;
        self.quit_sent_at = None;
        self.state = PmState::Run;
        self.start_missing_aux();
        self.became_ready = true;
        info!("database system is ready to accept connections");
    }

    /// HandleChildCrash: the first abnormal exit is logged and every other
    /// child told to quit; later ones (the children we just SIGQUIT, or any
    /// during an immediate shutdown) are expected and not logged.
    fn handle_child_crash(&mut self, pid: libc::pid_t, kind: ChildKind, status: libc::c_int) {
        if self.fatal_error || self.shutdown == Shutdown::Immediate {
            return;
        }
        self.log_child_exit(pid, kind, status);
        info!("terminating any other active server processes");
        pg_proc::pmsignal::set_quit_reason(pg_proc::pmsignal::QuitReason::Crash);
        self.fatal_error = true;
        self.signal_children(libc::SIGQUIT, true);
        self.quit_sent_at = Some(Instant::now());
        self.state = PmState::WaitBackends;
    }

    /// LogChildExit at LOG, with the query the process was running read
    /// from its status slot (lock-free: see `crashed_backend_activity`).
    fn log_child_exit(&self, pid: libc::pid_t, kind: ChildKind, status: libc::c_int) {
        let what = kind.process_name();
        let message = if libc::WIFSIGNALED(status) {
            let sig = libc::WTERMSIG(status);
            format!("{what} (PID {pid}) was terminated by signal {sig}: {}", signal_name(sig))
        } else if libc::WIFEXITED(status) {
            format!("{what} (PID {pid}) exited with exit code {}", libc::WEXITSTATUS(status))
        } else {
            format!("{what} (PID {pid}) exited with unrecognized status {status}")
        };
        let activity =
            if kind == ChildKind::Backend { pg_proc::procarray::crashed_backend_activity(pid) } else { None };
        match activity {
            Some(q) => info!(detail = format!("Failed process was running: {q}").as_str(), "{message}"),
            None => info!("{message}"),
        }
    }

    /// Moves crash-restart and shutdown along (PostmasterStateMachine);
    /// returns the exit code when the postmaster should exit.
    fn advance_state(&mut self) -> Option<i32> {
        if let Some(code) = self.exit_code {
            // A failed start: wait for whatever was forked, then leave.
            if self.children.is_empty() {
                return Some(code);
            }
            return None;
        }
        // Children that ignore SIGQUIT for 5 s get SIGKILL, as in PostgreSQL.
        if let Some(at) = self.quit_sent_at {
            if !self.children.is_empty() && at.elapsed() > Duration::from_secs(5) {
                self.signal_children(libc::SIGKILL, true);
                self.quit_sent_at = Some(Instant::now());
            }
        }
        // An auxiliary process that exited cleanly while the server runs
        // is started again (the background writer after its SIGTERM, say).
        if self.state == PmState::Run && self.shutdown == Shutdown::None && !self.fatal_error {
            self.start_missing_aux();
        }
        // A smart shutdown waits for the sessions to end by themselves.
        if self.state == PmState::Run && self.shutdown == Shutdown::Smart && self.live_backends() == 0 {
            self.state = PmState::WaitBackends;
        }
        if self.state == PmState::WaitBackends {
            let others_gone = self.live_backends() == 0 && !self.has_child(ChildKind::Startup);
            if others_gone && !self.fatal_error && self.shutdown < Shutdown::Immediate {
                // Backends are gone: the background writer and WAL writer
                // end next, then the checkpointer writes the shutdown
                // checkpoint.
                if !self.aux_stop_sent {
                    self.signal_kind(ChildKind::BackgroundWriter, libc::SIGTERM);
                    self.signal_kind(ChildKind::WalWriter, libc::SIGTERM);
                    self.aux_stop_sent = true;
                }
                if !self.has_child(ChildKind::BackgroundWriter) && !self.has_child(ChildKind::WalWriter) {
                    if self.has_child(ChildKind::Checkpointer) {
                        self.signal_kind(ChildKind::Checkpointer, libc::SIGUSR2);
                        self.state = PmState::Shutdown;
                    } else {
                        self.state = PmState::WaitDeadEnd;
                    }
                }
            } else if self.live_non_dead_end() == 0 {
                // A crash or an immediate shutdown: no checkpoint.
                self.state = PmState::WaitDeadEnd;
            }
        }
        if self.state == PmState::Shutdown && !self.has_child(ChildKind::Checkpointer) {
            self.state = PmState::WaitDeadEnd;
        }
        if self.state != PmState::WaitDeadEnd || !self.children.is_empty() {
            return None;
        }
        if self.shutdown != Shutdown::None {
            return Some(0);
        }
        if self.fatal_error {
            info!("all server processes terminated; reinitializing");
            // A crashed backend cannot have removed its temporary files
            // (remove_temp_files_after_crash).
            pg_storage::remove_pgsql_tmp_files(&self.data_dir);
            if let Err(e) = pg_tcop::create_shared_memory() {
                tracing::error!("could not re-create shared memory: {}", e.message);
                return Some(1);
            }
            pg_proc::pmsignal::set_quit_reason(pg_proc::pmsignal::QuitReason::NotSent);
            self.quit_sent_at = None;
            self.aux_stop_sent = false;
            // Recovery again; fatal_error stays set until it is done, so
            // connections meanwhile hear "the database system is in
            // recovery mode".
            self.state = PmState::Startup;
            self.start_aux(ChildKind::Startup);
        }
        None
    }
}

fn drain_pipe(fd: RawFd) {
    let mut buf = [0u8; 64];
    // SAFETY: non-blocking reads from our own pipe into a stack buffer.
    while unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) } > 0 {}
}

fn sockaddr_to_peer(storage: &libc::sockaddr_storage) -> PeerAddr {
    match storage.ss_family as libc::c_int {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(storage as *const _ as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            PeerAddr::Tcp(SocketAddr::new(ip.into(), u16::from_be(sin.sin_port)))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &*(storage as *const _ as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            PeerAddr::Tcp(SocketAddr::new(ip.into(), u16::from_be(sin6.sin6_port)))
        }
        _ => PeerAddr::Unix,
    }
}

fn signal_name(sig: libc::c_int) -> String {
    // SAFETY: strsignal returns a pointer to a static or thread-local string.
    unsafe {
        let p = libc::strsignal(sig);
        if p.is_null() {
            return format!("signal {sig}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}
