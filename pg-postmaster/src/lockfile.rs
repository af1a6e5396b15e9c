//! `postmaster.pid`, the Unix-socket lock file and the data-directory
//! interlock (PostgreSQL's `utils/init/miscinit.c` CreateLockFile and the
//! SysV attach-count check of `port/sysv_shmem.c`).
//!
//! Two independent guards keep two postmasters off one data directory:
//! - `postmaster.pid`, created with O_EXCL, names the postmaster's PID. A
//!   file naming a live process refuses the start (PostgreSQL's message);
//!   a stale one is taken over.
//! - an exclusive `flock` on the data directory itself, taken by the
//!   postmaster and inherited by every child it forks. It is held until
//!   the last process of the old server has exited, so a new postmaster
//!   cannot start while an orphaned backend of a killed postmaster can still
//!   touch the files (the role PostgreSQL gives the shared-memory segment's
//!   attach count).

use pg_error::{PgError, PgResult, SqlState};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The open data directory whose flock is the interlock. Never closed while
/// the server runs: children inherit the descriptor and with it the lock.
pub struct DataDirLock {
    _dir: File,
}

/// Takes the interlock, or explains which old processes still hold it.
pub fn lock_data_directory(data_dir: &Path) -> PgResult<DataDirLock> {
    let dir = File::open(data_dir).map_err(|e| {
        PgError::fatal(SqlState::IO_ERROR, format!("could not open directory \"{}\": {e}", data_dir.display()))
    })?;
    // SAFETY: flock on a descriptor we own.
    let rc = unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc != 0 {
        return Err(PgError::fatal(SqlState::OBJECT_IN_USE, "pre-existing shared memory block is still in use")
            .with_detail("Processes of an earlier server on this data directory are still running.")
            .with_hint(format!(
                "Terminate any old server processes associated with data directory \"{}\".",
                data_dir.display()
            )));
    }
    Ok(DataDirLock { _dir: dir })
}

fn pid_is_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 only checks for existence and permission.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Creates a lock file naming this process, taking over a stale one.
/// `what` is "postmaster.pid" style text for messages.
fn create_lock_file(path: &Path, contents: &str, is_socket_lock: bool, data_dir: &Path) -> PgResult<()> {
    let my_pid = std::process::id() as i32;
    // SAFETY: getppid has no preconditions.
    let parent = unsafe { libc::getppid() };
    for _attempt in 0..100 {
        match OpenOptions::new().read(true).write(true).create_new(true).mode(0o600).open(path) {
            Ok(mut f) => {
                f.write_all(contents.as_bytes()).and_then(|_| f.sync_all()).map_err(|e| {
                    PgError::fatal(SqlState::IO_ERROR, format!("could not write lock file \"{}\": {e}", path.display()))
                })?;
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mut text = String::new();
                if let Ok(mut f) = File::open(path) {
                    let _ = f.read_to_string(&mut text);
                }
                let other: i32 = text.lines().next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
                if other != 0 && other != my_pid && other != parent && pid_is_alive(other) {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let hint = if is_socket_lock {
                        format!(
                            "Is another postmaster (PID {other}) using socket file \"{}\"?",
                            path.with_extension("").display()
                        )
                    } else {
                        format!(
                            "Is another postmaster (PID {other}) running in data directory \"{}\"?",
                            data_dir.display()
                        )
                    };
                    return Err(PgError::fatal(
                        SqlState::LOCK_FILE_EXISTS,
                        format!("lock file \"{name}\" already exists"),
                    )
                    .with_hint(hint));
                }
                // Stale: the process that wrote it is gone. Take it over.
                let _ = std::fs::remove_file(path);
            }
            Err(e) => {
                return Err(PgError::fatal(
                    SqlState::IO_ERROR,
                    format!("could not create lock file \"{}\": {e}", path.display()),
                ))
            }
        }
    }
    Err(PgError::fatal(SqlState::LOCK_FILE_EXISTS, format!("could not create lock file \"{}\"", path.display())))
}

/// The pid file's contents, in PostgreSQL's line order (pg_ctl reads it):
/// pid, data directory, start time, port, socket directory, listen address,
/// shared memory key, status.
pub struct PidFile {
    path: PathBuf,
    lines: Vec<String>,
}

impl PidFile {
    /// Creates `postmaster.pid` or refuses because a live postmaster owns it.
    pub fn create(data_dir: &Path, port: u16, socket_dir: &str, listen: &str) -> PgResult<PidFile> {
        let path = data_dir.join("postmaster.pid");
        let start =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let lines = vec![
            std::process::id().to_string(),
            data_dir.display().to_string(),
            start.to_string(),
            port.to_string(),
            socket_dir.to_string(),
            listen.to_string(),
            "       0         0".to_string(),
            "starting".to_string(),
        ];
        let pf = PidFile { path, lines };
        create_lock_file(&pf.path, &pf.render(), false, data_dir)?;
        Ok(pf)
    }

    fn render(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// Rewrites the status line ("starting", "ready", "stopping"), which
    /// `pg_ctl -w` polls.
    pub fn set_status(&mut self, status: &str) {
        if let Some(last) = self.lines.last_mut() {
            *last = format!("{status:<8}");
        }
        let tmp = self.path.with_extension("pid.tmp");
        if std::fs::write(&tmp, self.render()).is_ok() {
            let _ = std::fs::rename(&tmp, &self.path);
        }
    }

    /// RecheckDataDirLockFile: whether `postmaster.pid` still names this
    /// process. A missing file, or one naming another PID, is `Err` with
    /// PostgreSQL's LOG message: someone removed or overwrote it, and a
    /// second postmaster could start on this data directory, so the
    /// caller shuts down at once. Other read failures are only reported
    /// (`Ok(Some(message))`), as in PostgreSQL.
    pub fn recheck(&self) -> Result<Option<String>, String> {
        let name = self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => {
                return Err(format!("could not open file \"{name}\": {}", os_message(&e)));
            }
            Err(e) => {
                return Ok(Some(format!("could not open file \"{name}\": {}; continuing anyway", os_message(&e))))
            }
        };
        let text = String::from_utf8_lossy(&text);
        // atol: leading digits of the first line, 0 when there are none.
        let digits: String = text.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
        let file_pid: i64 = digits.parse().unwrap_or(0);
        let me = std::process::id() as i64;
        if file_pid == me {
            return Ok(None);
        }
        Err(format!("lock file \"{name}\" contains wrong PID: {file_pid} instead of {me}"))
    }

    /// Whether the file still names this process (not removed, not taken
    /// over): only then may shutdown rewrite or remove it.
    pub fn still_ours(&self) -> bool {
        matches!(self.recheck(), Ok(None))
    }

    /// Removes the file at shutdown.
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// An OS error as PostgreSQL's %m prints it: strerror's text, without
/// Rust's "(os error N)".
fn os_message(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        // SAFETY: strerror returns a pointer to a static (or thread-local)
        // NUL-terminated string; it is copied at once.
        Some(code) => unsafe { std::ffi::CStr::from_ptr(libc::strerror(code)) }.to_string_lossy().into_owned(),
        None => e.to_string(),
    }
}

/// Creates `.s.PGSQL.PORT.lock` beside the Unix socket.
pub fn create_socket_lock(socket_path: &Path, data_dir: &Path) -> PgResult<PathBuf> {
    let mut lock = socket_path.as_os_str().to_owned();
    lock.push(".lock");
    let lock = PathBuf::from(lock);
    let contents = format!("{}\n{}\n", std::process::id(), data_dir.display());
    create_lock_file(&lock, &contents, true, data_dir)?;
    Ok(lock)
}
