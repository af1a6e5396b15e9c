//! Publishing a backend's memory-context tree to another backend: one step
//! past PostgreSQL, whose `pg_log_backend_memory_contexts()` can only write
//! another backend's contexts to the server log.
//!
//! Protocol: one shared report area, used by one requester at a time.
//! 1. The requester claims the area (state Idle → Requested, with its own
//!    pid and the target's pid), sets the target's MEMORY_CONTEXTS procsignal
//!    bit and sends it SIGUSR1.
//! 2. The target, at its next interrupt check (a backend idle on its socket
//!    wakes for it too: its wait includes its latch), serialises its tree,
//!    copies the bytes into the area, sets state Done (or TooLarge) and
//!    signals the requester's latch.
//! 3. The requester copies the bytes out and sets the area Idle.
//!
//! A requester that times out resets the area itself, so a target that died
//! or never answered cannot wedge it; a late answer to a cancelled request
//! is dropped because the target checks the request's sequence number.

use pg_error::{PgError, PgResult, SqlState};
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// Bytes available for one serialised tree.
pub const REPORT_AREA_BYTES: usize = 256 * 1024;

const IDLE: u32 = 0;
const REQUESTED: u32 = 1;
const WRITING: u32 = 2;
const DONE: u32 = 3;
const TOO_LARGE: u32 = 4;

/// The shared report area. Lives in shared memory: atomics only.
#[repr(C)]
pub struct MemoryContextReportArea {
    state: AtomicU32,
    sequence: AtomicU64,
    requester_pid: AtomicI32,
    target_pid: AtomicI32,
    len: AtomicU32,
    bytes: [AtomicU8; REPORT_AREA_BYTES],
}

// SAFETY: repr(C), atomics only, valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for MemoryContextReportArea {}

thread_local! {
    static AREA: std::cell::Cell<*const MemoryContextReportArea> = const { std::cell::Cell::new(std::ptr::null()) };
}

fn area() -> Option<&'static MemoryContextReportArea> {
    let p = AREA.with(|a| a.get());
    // SAFETY: set by init_report_area to a live allocation in the mapped segment.
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Shared memory the area needs.
pub fn report_area_shmem_size() -> usize {
    std::mem::size_of::<MemoryContextReportArea>()
}

/// Creates or attaches to the area in the current segment.
pub fn init_report_area() -> PgResult<()> {
    let (ptr, _found) = pg_shmem::shmem_init_struct("Memory Context Report", report_area_shmem_size())?;
    AREA.with(|a| a.set(ptr.as_ptr() as *const MemoryContextReportArea));
    Ok(())
}

/// Asks backend `pid` for its serialised memory-context tree and waits up
/// to `timeout`. Errors: 42704-style "not a backend" when `pid` is not a
/// live backend; 55000 when the area stays busy or the target does not
/// answer in time.
pub fn request_memory_contexts(pid: i32, timeout: Duration) -> PgResult<Vec<u8>> {
    let area = area().ok_or_else(|| PgError::internal("memory context report area is not initialised"))?;
    if crate::procarray::find_proc_by_pid(pid).is_none() {
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("PID {pid} is not a PostgreSQL server process"),
        ));
    }
    let me = std::process::id() as i32;
    let deadline = Instant::now() + timeout;
    // Claim the area (other requesters may be using it).
    loop {
        if area.state.compare_exchange(IDLE, REQUESTED, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            break;
        }
        if Instant::now() >= deadline {
            return Err(PgError::new(
                SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                "could not get memory contexts: the report area stayed busy",
            ));
        }
        crate::interrupts::check_for_interrupts()?;
        crate::interrupts::wait_latch(None, Some(Duration::from_millis(5)));
    }
    area.sequence.fetch_add(1, Ordering::SeqCst);
    area.requester_pid.store(me, Ordering::SeqCst);
    area.target_pid.store(pid, Ordering::SeqCst);
    area.len.store(0, Ordering::SeqCst);
    let result = wait_for_answer(area, pid, deadline);
    area.target_pid.store(0, Ordering::SeqCst);
    area.state.store(IDLE, Ordering::SeqCst);
    result
}

fn wait_for_answer(area: &MemoryContextReportArea, pid: i32, deadline: Instant) -> PgResult<Vec<u8>> {
    if pid == std::process::id() as i32 {
        // Asking ourselves: serve the request inline.
        serve_memory_context_request();
    } else if !crate::procarray::send_proc_signal(pid, crate::procarray::procsignal::MEMORY_CONTEXTS) {
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("PID {pid} is not a PostgreSQL server process"),
        ));
    }
    crate::procarray::report_wait_event(Some(crate::procarray::WaitEvent::MemoryContextReport));
    let outcome = loop {
        match area.state.load(Ordering::SeqCst) {
            DONE => {
                let n = (area.len.load(Ordering::SeqCst) as usize).min(REPORT_AREA_BYTES);
                break Ok(area.bytes[..n].iter().map(|b| b.load(Ordering::Relaxed)).collect());
            }
            TOO_LARGE => {
                break Err(PgError::new(
                    SqlState::PROGRAM_LIMIT_EXCEEDED,
                    format!("memory context tree of backend with PID {pid} is too large to report"),
                ))
            }
            _ => {}
        }
        if Instant::now() >= deadline {
            break Err(PgError::new(
                SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                format!("backend with PID {pid} did not report its memory contexts in time"),
            ));
        }
        if let Err(e) = crate::interrupts::check_for_interrupts() {
            break Err(e);
        }
        crate::interrupts::wait_latch(None, Some(Duration::from_millis(10)));
    };
    crate::procarray::report_wait_event(None);
    outcome
}

/// The function that serialises this process's tree; registered by the
/// backend (which owns the memory contexts) at start.
type Serializer = fn() -> Vec<u8>;
static SERIALIZER: std::sync::Mutex<Option<Serializer>> = std::sync::Mutex::new(None);

static LOGGER: std::sync::Mutex<Option<fn()>> = std::sync::Mutex::new(None);

/// Registers the function that writes this process's memory contexts to
/// the server log (`ProcessLogMemoryContextInterrupt`).
pub fn set_memory_context_logger(f: fn()) {
    *LOGGER.lock().unwrap_or_else(|e| e.into_inner()) = Some(f);
}

/// Answers a `pg_log_backend_memory_contexts` request: writes the tree to
/// the server log. Runs from the interrupt check (never from a signal
/// handler), so a busy backend logs at its next check and an idle one at once.
pub fn log_memory_contexts() {
    let logger = *LOGGER.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = logger {
        f();
    }
}

/// Registers the tree serialiser used to answer requests.
pub fn set_memory_context_serializer(f: fn() -> Vec<u8>) {
    *SERIALIZER.lock().unwrap_or_else(|e| e.into_inner()) = Some(f);
}

/// Answers a pending request addressed to this process, if any. Runs from
/// the interrupt check (never from a signal handler).
pub fn serve_memory_context_request() {
    let Some(area) = area() else { return };
    let me = std::process::id() as i32;
    if area.target_pid.load(Ordering::SeqCst) != me {
        return;
    }
    let seq = area.sequence.load(Ordering::SeqCst);
    if area.state.compare_exchange(REQUESTED, WRITING, Ordering::SeqCst, Ordering::SeqCst).is_err() {
        return;
    }
    let serializer = *SERIALIZER.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = serializer.map(|f| f()).unwrap_or_default();
    // The requester may have given up and reset the area meanwhile.
    if area.sequence.load(Ordering::SeqCst) != seq || area.target_pid.load(Ordering::SeqCst) != me {
        return;
    }
    let final_state = if bytes.len() > REPORT_AREA_BYTES {
        TOO_LARGE
    } else {
        for (i, b) in bytes.iter().enumerate() {
            area.bytes[i].store(*b, Ordering::Relaxed);
        }
        area.len.store(bytes.len() as u32, Ordering::SeqCst);
        DONE
    };
    let _ = area.state.compare_exchange(WRITING, final_state, Ordering::SeqCst, Ordering::SeqCst);
    let requester = area.requester_pid.load(Ordering::SeqCst);
    if requester > 0 && requester != me {
        // SAFETY: waking the requesting backend's latch.
        unsafe { libc::kill(requester, libc::SIGUSR1) };
    }
}
