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
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};
use tracing::{error, info, warn};

/// Write end of the postmaster's signal self-pipe.
static SIGNAL_PIPE_WRITE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn postmaster_signal(sig: libc::c_int) {
    let fd = SIGNAL_PIPE_WRITE.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write(2) is async-signal-safe; if the pipe is full the
        // main loop is already going to wake up, so the result is ignored.
        unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
    }
}

/// The kind of process a child is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChildKind {
    Backend,
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
    /// Set while a crash-restart is under way: children are being killed.
    fatal_error: bool,
    /// When the SIGQUIT of the current crash/immediate shutdown was sent.
    quit_sent_at: Option<Instant>,
    max_connections: usize,
}

fn os_err(what: String) -> impl FnOnce(std::io::Error) -> PgError {
    move |e| PgError::fatal(SqlState::IO_ERROR, format!("{what}: {e}"))
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
/// the FATAL error that kept it from starting (the caller logs it).
pub fn postmaster_main(data_dir: &Path) -> PgResult<i32> {
    run(data_dir)
}

fn run(data_dir: &Path) -> PgResult<i32> {
    let port = vars::PORT.get() as u16;
    let listen = vars::LISTEN_ADDRESSES.get();
    let socket_dirs = vars::UNIX_SOCKET_DIRECTORIES.get();
    let max_connections = vars::MAX_CONNECTIONS.get().max(1) as usize;

    let mut pid_file = lockfile::PidFile::create(data_dir, port, socket_dirs.split(',').next().unwrap_or(""), &listen)?;
    let interlock = match lockfile::lock_data_directory(data_dir) {
        Ok(l) => l,
        Err(e) => {
            pid_file.remove();
            return Err(e);
        }
    };

    let result = serve(data_dir, port, &listen, &socket_dirs, max_connections, &mut pid_file);
    pid_file.remove();
    drop(interlock);
    result
}

fn serve(
    data_dir: &Path,
    port: u16,
    listen: &str,
    socket_dirs: &str,
    max_connections: usize,
    pid_file: &mut lockfile::PidFile,
) -> PgResult<i32> {
    pg_tcop::load_hba_file(&pg_tcop::hba_file_path(data_dir))?;
    pg_tcop::create_shared_memory()?;
    // Temporary files live under the data directory; any found now were
    // left by a server that did not shut down cleanly (RemovePgTempFiles).
    pg_storage::set_data_directory(data_dir);
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
    // SAFETY: ignoring SIGPIPE so writes to a vanished client fail with EPIPE.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
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
        fatal_error: false,
        quit_sent_at: None,
        max_connections,
    };
    set_ps_display("postgres: postmaster");
    pid_file.set_status("ready");
    info!("database system is ready to accept connections");
    let code = pm.server_loop();
    pid_file.set_status("stopping");
    for f in &socket_files {
        let _ = std::fs::remove_file(f);
    }
    info!("database system is shut down");
    Ok(code)
}

impl Postmaster {
    fn server_loop(&mut self) -> i32 {
        loop {
            let mut fds: Vec<libc::pollfd> =
                vec![libc::pollfd { fd: self.signal_read, events: libc::POLLIN, revents: 0 }];
            let accepting = self.shutdown == Shutdown::None || self.shutdown == Shutdown::Smart;
            if accepting {
                for l in &self.listeners {
                    fds.push(libc::pollfd { fd: l.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 });
                }
            }
            // SAFETY: fds is a valid pollfd array for the duration of the call.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, 1000) };
            if n > 0 && fds[0].revents != 0 {
                self.handle_signals();
            }
            if n > 0 && accepting {
                let ready: Vec<usize> =
                    fds.iter().skip(1).enumerate().filter(|(_, f)| f.revents != 0).map(|(i, _)| i).collect();
                for i in ready {
                    self.accept_on(i);
                }
            }
            self.reap_children();
            if let Some(code) = self.advance_state() {
                return code;
            }
        }
    }

    fn handle_signals(&mut self) {
        let mut buf = [0u8; 64];
        loop {
            // SAFETY: non-blocking read from our own pipe into a stack buffer.
            let n = unsafe { libc::read(self.signal_read, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            if n <= 0 {
                break;
            }
            for &sig in &buf[..n as usize] {
                match sig as libc::c_int {
                    libc::SIGTERM if self.shutdown < Shutdown::Smart => {
                        info!("received smart shutdown request");
                        self.shutdown = Shutdown::Smart;
                    }
                    libc::SIGINT if self.shutdown < Shutdown::Fast => {
                        info!("received fast shutdown request");
                        self.shutdown = Shutdown::Fast;
                        info!("aborting any active transactions");
                        self.signal_children(libc::SIGTERM);
                    }
                    libc::SIGQUIT if self.shutdown < Shutdown::Immediate => {
                        info!("received immediate shutdown request");
                        self.shutdown = Shutdown::Immediate;
                        self.signal_children(libc::SIGQUIT);
                        self.quit_sent_at = Some(Instant::now());
                    }
                    libc::SIGHUP => self.reload(),
                    _ => {}
                }
            }
        }
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
        self.signal_children(libc::SIGHUP);
    }

    fn signal_children(&self, sig: libc::c_int) {
        for &pid in self.children.keys() {
            // SAFETY: sending a signal to our own child process.
            unsafe { libc::kill(pid, sig) };
        }
    }

    fn accept_on(&mut self, index: usize) {
        let Some(listener) = self.listeners.get(index) else { return };
        let is_unix = listener.is_unix;
        let lfd = listener.fd.as_raw_fd();
        loop {
            // SAFETY: sockaddr_storage is large enough for any address family.
            let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
            let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            // SAFETY: accept4 fills storage up to len; the result is a new descriptor or -1.
            let fd = unsafe {
                libc::accept4(lfd, &mut storage as *mut _ as *mut libc::sockaddr, &mut len, libc::SOCK_CLOEXEC)
            };
            if fd < 0 {
                return; // EAGAIN: nothing more to accept now.
            }
            // SAFETY: fd is a fresh descriptor from accept4 that nobody else owns.
            let sock = unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) };
            let peer = if is_unix { PeerAddr::Unix } else { sockaddr_to_peer(&storage) };
            self.start_backend(sock, peer);
        }
    }

    fn start_backend(&mut self, sock: OwnedFd, peer: PeerAddr) {
        // Refuse in the postmaster itself when even the backends' own check
        // could not run (PostgreSQL's MaxLivePostmasterChildren), and while a
        // crash-restart or shutdown is under way.
        let refuse = if self.fatal_error {
            Some(PgError::fatal(SqlState::CANNOT_CONNECT_NOW, "the database system is in recovery mode"))
        } else if self.shutdown != Shutdown::None {
            Some(PgError::fatal(SqlState::CANNOT_CONNECT_NOW, "the database system is shutting down"))
        } else if self.children.len() >= 2 * self.max_connections + 10 {
            Some(PgError::fatal(SqlState::TOO_MANY_CONNECTIONS, "sorry, too many clients already"))
        } else {
            None
        };
        if let Some(err) = refuse {
            pg_tcop::refuse_connection(sock, &err);
            return;
        }
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
            warn!("could not fork new process for connection: {e}");
            pg_tcop::refuse_connection(
                sock,
                &PgError::fatal(SqlState::OUT_OF_MEMORY, "could not fork new process for connection"),
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
            let code =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pg_tcop::backend_main(conn))).unwrap_or(3);
            // SAFETY: _exit skips atexit handlers and destructors inherited
            // from the postmaster (which must not run twice).
            unsafe { libc::_exit(code) };
        }
        drop(sock);
        self.children.insert(pid, ChildKind::Backend);
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
            let exited = libc::WIFEXITED(status);
            let code = if exited { libc::WEXITSTATUS(status) } else { -1 };
            // Exit 0 and exit 1 (FATAL) are clean for a backend; anything
            // else may have left shared memory inconsistent.
            let clean = exited && (code == 0 || code == 1);
            if !clean && !self.fatal_error && self.shutdown < Shutdown::Immediate {
                let what = match kind {
                    ChildKind::Backend => "server process",
                };
                if libc::WIFSIGNALED(status) {
                    let sig = libc::WTERMSIG(status);
                    error!("{what} (PID {pid}) was terminated by signal {sig}: {}", signal_name(sig));
                } else {
                    error!("{what} (PID {pid}) exited with exit code {code}");
                }
                info!("terminating any other active server processes");
                self.fatal_error = true;
                self.signal_children(libc::SIGQUIT);
                self.quit_sent_at = Some(Instant::now());
            }
        }
    }

    /// Moves crash-restart and shutdown along; returns the exit code when
    /// the postmaster should exit.
    fn advance_state(&mut self) -> Option<i32> {
        // Children that ignore SIGQUIT for 5 s get SIGKILL, as in PostgreSQL.
        if let Some(at) = self.quit_sent_at {
            if !self.children.is_empty() && at.elapsed() > Duration::from_secs(5) {
                self.signal_children(libc::SIGKILL);
                self.quit_sent_at = Some(Instant::now());
            }
        }
        if !self.children.is_empty() {
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
                error!("could not re-create shared memory: {}", e.message);
                return Some(1);
            }
            self.fatal_error = false;
            self.quit_sent_at = None;
            info!("database system is ready to accept connections");
        }
        None
    }
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
