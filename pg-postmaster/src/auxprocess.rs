//! The auxiliary processes (PostgreSQL's `postmaster/auxprocess.c`,
//! `startup.c`, `checkpointer.c`, `walwriter.c`, `bgwriter.c`): what each
//! does after the postmaster forks it.
//!
//! Each takes one of the PGPROC slots reserved for auxiliary processes
//! (so pg_stat_activity shows it with its backend_type), sets its process
//! title (`postgres: checkpointer`), installs PostgreSQL's signal set for
//! it, and loops on its latch:
//!
//! - startup: runs `pg_wal::recovery::startup_xlog` (crash recovery and
//!   the end-of-recovery checkpoint) and exits 0; any failure exits 1, and
//!   the postmaster gives up ("aborting startup due to startup process
//!   failure").
//! - checkpointer: a checkpoint every `checkpoint_timeout`, or when asked
//!   (SIGINT: backends' CHECKPOINT and the WAL's max_wal_size requests);
//!   SIGTERM is ignored, SIGUSR2 means "write the shutdown checkpoint and
//!   exit", which the postmaster sends once every backend, the background
//!   writer and the WAL writer are gone.
//! - walwriter: flushes the WAL every `wal_writer_delay`, so that
//!   asynchronous commits become durable; exits on SIGTERM.
//! - background writer: the buffer manager's `bgwriter_main_iteration`
//!   every `bgwriter_delay`; exits on SIGTERM.
//!
//! SIGQUIT ends any of them at once with exit code 2 (crash or immediate
//! shutdown), SIGHUP re-reads the configuration file.

use pg_error::{PgError, PgResult, Severity};
use pg_guc::vars;
use pg_proc::interrupts;
use pg_proc::procarray::{BackendType, WaitEvent};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static SHUTDOWN_REQUESTED: AtomicBool = AtomicBool::new(false);
static SHUTDOWN_CHECKPOINT_REQUESTED: AtomicBool = AtomicBool::new(false);
static RELOAD_REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn handle_sigterm(_: libc::c_int) {
    interrupts::preserving_errno(|| {
        SHUTDOWN_REQUESTED.store(true, Ordering::SeqCst);
        interrupts::set_my_latch();
    });
}

extern "C" fn handle_sigusr2(_: libc::c_int) {
    interrupts::preserving_errno(|| {
        SHUTDOWN_CHECKPOINT_REQUESTED.store(true, Ordering::SeqCst);
        interrupts::set_my_latch();
    });
}

extern "C" fn handle_sighup(_: libc::c_int) {
    interrupts::preserving_errno(|| {
        RELOAD_REQUESTED.store(true, Ordering::SeqCst);
        interrupts::set_my_latch();
    });
}

/// SIGINT (a checkpoint request) and SIGUSR1 (someone set our latch): the
/// loop looks at shared memory when it wakes.
extern "C" fn handle_wakeup(_: libc::c_int) {
    interrupts::preserving_errno(interrupts::set_my_latch);
}

/// SIGQUIT: the postmaster is ending every process (a crash elsewhere, or
/// an immediate shutdown): exit at once, without touching shared memory
/// (`SignalHandlerForCrashExit`).
extern "C" fn handle_sigquit(_: libc::c_int) {
    // SAFETY: _exit is async-signal-safe.
    unsafe { libc::_exit(2) };
}

/// The common start of every auxiliary process (`AuxiliaryProcessMain`).
fn aux_process_init(kind: BackendType) -> Result<(), PgError> {
    pg_error::elog::set_start_time(std::time::SystemTime::now());
    pg_error::elog::set_backend_type(kind.name());
    interrupts::init_process_latch()
        .map_err(|e| PgError::fatal(pg_error::SqlState::IO_ERROR, format!("could not create latch: {e}")))?;
    interrupts::install_handler(libc::SIGHUP, handle_sighup);
    interrupts::install_handler(libc::SIGINT, handle_wakeup);
    interrupts::install_handler(libc::SIGUSR1, handle_wakeup);
    interrupts::install_handler(libc::SIGQUIT, handle_sigquit);
    if kind == BackendType::Checkpointer {
        // The checkpointer stays through the backends' SIGTERM of a fast
        // shutdown: it still has the shutdown checkpoint to write.
        interrupts::ignore_signal(libc::SIGTERM);
        interrupts::install_handler(libc::SIGUSR2, handle_sigusr2);
    } else {
        interrupts::install_handler(libc::SIGTERM, handle_sigterm);
        interrupts::ignore_signal(libc::SIGUSR2);
    }
    interrupts::ignore_signal(libc::SIGPIPE);
    interrupts::default_handler(libc::SIGCHLD);
    // The postmaster forks with every signal blocked.
    // SAFETY: sigemptyset/sigprocmask on a local sigset_t.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
    pg_guc::set_is_under_postmaster(true);
    pg_proc::ps_status::set_ps_display(&format!("postgres: {}", kind.name()));
    let slot = pg_proc::procarray::init_process(kind, 0)?;
    pg_error::elog::set_backend_id(slot as i32 + 1);
    pg_shmem::set_my_lwlock_waiter_slot(slot)?;
    pg_proc::latch::own_latch(slot)?;
    Ok(())
}

fn aux_process_exit(code: i32) -> i32 {
    pg_proc::latch::disown_latch();
    pg_proc::procarray::proc_exit_release();
    code
}

fn reload_if_requested(data_dir: &Path) {
    if RELOAD_REQUESTED.swap(false, Ordering::SeqCst) {
        let conf = pg_tcop::config_file_path(data_dir);
        if let Err(e) = pg_guc::reload_config_file(&conf) {
            tracing::warn!("could not reload \"{}\": {}", conf.display(), e.message);
        }
    }
}

/// Logs an error of the loop. A PANIC (a failed WAL write or fsync) ends
/// the process by a signal, so that the postmaster restarts the server
/// and recovery replays what may not have reached the disk.
fn report(e: PgError) {
    let panic = e.severity == Severity::Panic;
    pg_error::elog::log_report(&e);
    if panic {
        std::process::abort();
    }
}

/// Sleeps on the latch for at most `timeout`, showing `event` in
/// pg_stat_activity meanwhile.
fn wait(event: WaitEvent, timeout: Duration) -> interrupts::WakeEvents {
    pg_proc::procarray::report_wait_event(Some(event));
    let ev = interrupts::wait_latch(None, Some(timeout));
    pg_proc::procarray::report_wait_event(None);
    ev
}

/// Whether the postmaster is gone: an auxiliary process then exits, as
/// PostgreSQL's do on WL_POSTMASTER_DEATH.
fn postmaster_died(ev: &interrupts::WakeEvents) -> bool {
    ev.postmaster_death || !interrupts::postmaster_is_alive()
}

/// The startup process (`StartupProcessMain`).
pub fn startup_process_main() -> i32 {
    if let Err(e) = aux_process_init(BackendType::Startup) {
        pg_error::elog::log_report(&e.with_severity(Severity::Fatal));
        return 1;
    }
    let code = match pg_wal::recovery::startup_xlog() {
        Ok(_) => 0,
        Err(e) => {
            let sev = if e.severity == Severity::Panic { Severity::Panic } else { Severity::Fatal };
            pg_error::elog::log_report(&e.with_severity(sev));
            1
        }
    };
    aux_process_exit(code)
}

/// The checkpointer (`CheckpointerMain`).
pub fn checkpointer_main(data_dir: &Path) -> i32 {
    if let Err(e) = aux_process_init(BackendType::Checkpointer) {
        pg_error::elog::log_report(&e.with_severity(Severity::Fatal));
        return 1;
    }
    pg_wal::checkpoint::set_checkpointer_pid(std::process::id() as i32);
    let mut last = Instant::now();
    loop {
        reload_if_requested(data_dir);
        if SHUTDOWN_CHECKPOINT_REQUESTED.load(Ordering::SeqCst) {
            tracing::info!("shutting down");
            let flags = pg_wal::checkpoint::CHECKPOINT_IS_SHUTDOWN | pg_wal::checkpoint::CHECKPOINT_IMMEDIATE;
            let code = match pg_wal::checkpoint::run_requested_checkpoint(flags) {
                Ok(_) => 0,
                Err(e) => {
                    report(e);
                    1
                }
            };
            pg_wal::checkpoint::set_checkpointer_pid(0);
            return aux_process_exit(code);
        }
        if let Some(flags) = pg_wal::checkpoint::take_request() {
            if let Err(e) = pg_wal::checkpoint::run_requested_checkpoint(flags) {
                report(e);
            }
            last = Instant::now();
        } else if pg_wal::checkpoint::checkpoint_timeout_elapsed(last) {
            if let Err(e) = pg_wal::checkpoint::run_requested_checkpoint(pg_wal::checkpoint::CHECKPOINT_CAUSE_TIME) {
                report(e);
            }
            last = Instant::now();
        }
        let timeout = Duration::from_secs(vars::CHECKPOINT_TIMEOUT.get().max(1) as u64).saturating_sub(last.elapsed());
        let ev = wait(WaitEvent::CheckpointerMain, timeout.clamp(Duration::from_millis(10), Duration::from_secs(5)));
        if postmaster_died(&ev) {
            return aux_process_exit(1);
        }
    }
}

/// The WAL writer (`WalWriterMain`): flushes what asynchronous commits
/// left in the WAL buffers every `wal_writer_delay`.
pub fn walwriter_main(data_dir: &Path) -> i32 {
    periodic_aux_main(
        data_dir,
        BackendType::WalWriter,
        WaitEvent::WalWriterMain,
        || Duration::from_millis(vars::WAL_WRITER_DELAY.get().max(1) as u64),
        || pg_wal::xlog::xlog_background_flush().map(|_| ()),
    )
}

/// The background writer (`BackgroundWriterMain`): writes dirty buffers
/// ahead of the clock sweep every `bgwriter_delay`.
pub fn bgwriter_main(data_dir: &Path) -> i32 {
    periodic_aux_main(
        data_dir,
        BackendType::BackgroundWriter,
        WaitEvent::BgWriterMain,
        || Duration::from_millis(vars::BGWRITER_DELAY.get().max(10) as u64),
        || pg_storage::bufmgr::bgwriter_main_iteration().map(|_| ()),
    )
}

/// The loop of an auxiliary process that does one piece of work, then
/// sleeps for a delay read from its setting (re-read after each reload),
/// until shutdown or postmaster death.
fn periodic_aux_main(
    data_dir: &Path,
    kind: BackendType,
    event: WaitEvent,
    delay: fn() -> Duration,
    work: fn() -> PgResult<()>,
) -> i32 {
    if let Err(e) = aux_process_init(kind) {
        pg_error::elog::log_report(&e.with_severity(Severity::Fatal));
        return 1;
    }
    loop {
        reload_if_requested(data_dir);
        if SHUTDOWN_REQUESTED.load(Ordering::SeqCst) {
            return aux_process_exit(0);
        }
        if let Err(e) = work() {
            report(e);
        }
        let ev = wait(event, delay());
        if postmaster_died(&ev) {
            return aux_process_exit(1);
        }
    }
}
