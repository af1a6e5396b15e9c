//! The PGPROC array and backend status (PostgreSQL's `storage/lmgr/proc.c`,
//! `storage/ipc/procarray.c`, `utils/activity/backend_status.c`,
//! `storage/ipc/procsignal.c`).
//!
//! One fixed array of [`PgProc`] slots lives in shared memory, sized from
//! `max_connections` at start. A backend claims a free slot in
//! [`init_process`] (FATAL 53300 when none is left, as PostgreSQL's
//! InitProcess) and gives it back in [`proc_exit_release`]. Each slot holds
//! the PGPROC fields that exist so far (pid, backend id, database, role,
//! xid, xmin, wait event, latch owner, cancel key, procsignal flags) and the
//! backend's status (PgBackendStatus: client address, application_name,
//! state, query text and timestamps).
//!
//! Concurrency: slot claim/release is protected by `freelist_lock` (a
//! spinlock: a few instructions). Status fields are written only by the
//! owning backend and read by anyone with PostgreSQL's `st_changecount`
//! protocol: the writer makes the count odd, writes, makes it even; a reader
//! copies and retries until it saw the same even count before and after.
//! Every field is an atomic so that a torn read is a retry, never UB.

mod xids;
pub use xids::*;

use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::SpinLock;
use std::sync::atomic::{fence, AtomicBool, AtomicI32, AtomicI64, AtomicU32, AtomicU64, AtomicU8, Ordering};

/// Bytes of query text kept per backend (PostgreSQL's track_activity_query_size default).
pub const QUERY_TEXT_LEN: usize = 1024;
/// Bytes of short names (NAMEDATALEN).
pub const NAME_LEN: usize = 64;

/// Procsignal reasons, one bit each in `PgProc::procsignal_flags`.
pub mod procsignal {
    /// Publish your memory-context tree into the report area.
    pub const MEMORY_CONTEXTS: u32 = 1 << 0;
    /// Write your memory-context tree to the server log
    /// (`PROCSIG_LOG_MEMORY_CONTEXT`, from `pg_log_backend_memory_contexts`).
    pub const LOG_MEMORY_CONTEXT: u32 = 1 << 1;
}

/// What a backend is doing, as `pg_stat_activity.state` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BackendState {
    /// Slot unused or still starting (state is NULL).
    Undefined = 0,
    /// Waiting for a client command.
    Idle = 1,
    /// Running a statement.
    Active = 2,
    /// In a transaction block, waiting for a command.
    IdleInTransaction = 3,
    /// In a failed transaction block.
    IdleInTransactionAborted = 4,
}

impl BackendState {
    /// The text in pg_stat_activity.state (None for Undefined).
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            BackendState::Undefined => None,
            BackendState::Idle => Some("idle"),
            BackendState::Active => Some("active"),
            BackendState::IdleInTransaction => Some("idle in transaction"),
            BackendState::IdleInTransactionAborted => Some("idle in transaction (aborted)"),
        }
    }
    fn from_u8(v: u8) -> BackendState {
        match v {
            1 => BackendState::Idle,
            2 => BackendState::Active,
            3 => BackendState::IdleInTransaction,
            4 => BackendState::IdleInTransactionAborted,
            _ => BackendState::Undefined,
        }
    }
}

/// A fixed-size text field made of atomics, safe to read while written.
#[repr(C)]
pub struct ShmemText<const N: usize> {
    len: AtomicU32,
    bytes: [AtomicU8; N],
}

impl<const N: usize> ShmemText<N> {
    fn set(&self, s: &str) {
        // Truncate on a character boundary, as pgstat_clip_activity does.
        let mut n = s.len().min(N);
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        for (i, b) in s.as_bytes()[..n].iter().enumerate() {
            self.bytes[i].store(*b, Ordering::Relaxed);
        }
        self.len.store(n as u32, Ordering::Relaxed);
    }
    fn get(&self) -> String {
        let n = (self.len.load(Ordering::Relaxed) as usize).min(N);
        let v: Vec<u8> = self.bytes[..n].iter().map(|b| b.load(Ordering::Relaxed)).collect();
        String::from_utf8_lossy(&v).into_owned()
    }
}

/// One PGPROC slot plus its backend status. Lives in shared memory:
/// `#[repr(C)]`, atomics and fixed arrays only.
#[repr(C)]
pub struct PgProc {
    // Protected by ProcArray::freelist_lock.
    in_use: AtomicBool,
    // Written by the owner; read by anyone.
    pid: AtomicI32,
    backend_id: AtomicI32,
    database_oid: AtomicU32,
    role_oid: AtomicU32,
    xid: AtomicU64,
    xmin: AtomicU64,
    cancel_key: AtomicU32,
    /// Wait event: 0 none, else an index into WAIT_EVENTS.
    wait_event: AtomicU32,
    /// Procsignal requests (bits of [`procsignal`]); set by others, cleared by the owner.
    procsignal_flags: AtomicU32,
    /// The status below is read under the st_changecount protocol.
    st_changecount: AtomicU32,
    st_state: AtomicU8,
    st_backend_type: AtomicU8,
    st_is_unix: AtomicBool,
    st_client_addr: ShmemText<64>,
    st_client_port: AtomicI32,
    st_backend_start: AtomicI64,
    st_xact_start: AtomicI64,
    st_query_start: AtomicI64,
    st_state_change: AtomicI64,
    st_username: ShmemText<NAME_LEN>,
    st_database: ShmemText<NAME_LEN>,
    st_appname: ShmemText<NAME_LEN>,
    st_activity: ShmemText<QUERY_TEXT_LEN>,
}

// SAFETY: PgProc is repr(C) and made only of atomics and arrays of atomics;
// it holds no pointer and is valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for PgProc {}

/// The array header, followed in memory by the slots.
#[repr(C)]
pub struct ProcArrayHeader {
    freelist_lock: SpinLock,
    num_slots: AtomicU32,
}

// SAFETY: repr(C), a spinlock and an atomic; valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for ProcArrayHeader {}

/// Process-local pointers into shared memory (PostgreSQL's ProcGlobal/MyProc).
struct ProcGlobals {
    header: *const ProcArrayHeader,
    slots: *const PgProc,
    num_slots: usize,
    my_slot: Option<usize>,
}

thread_local! {
    static PROC_GLOBALS: std::cell::RefCell<Option<ProcGlobals>> = const { std::cell::RefCell::new(None) };
}

fn with_globals<R>(f: impl FnOnce(&ProcGlobals) -> R) -> Option<R> {
    PROC_GLOBALS.with(|g| g.borrow().as_ref().map(f))
}

fn slots() -> &'static [PgProc] {
    with_globals(|g| {
        // SAFETY: slots points at num_slots initialised PgProc values inside
        // the shared segment, which stays mapped for the life of the process.
        unsafe { std::slice::from_raw_parts(g.slots, g.num_slots) }
    })
    .unwrap_or(&[])
}

fn header() -> Option<&'static ProcArrayHeader> {
    // SAFETY: header points into the mapped segment (see slots()).
    with_globals(|g| unsafe { &*g.header })
}

/// Shared memory needed for `n` slots.
pub fn proc_array_shmem_size(n: usize) -> PgResult<usize> {
    pg_shmem::add_size(
        std::mem::size_of::<ProcArrayHeader>().next_multiple_of(64),
        pg_shmem::mul_size(n, std::mem::size_of::<PgProc>())?,
    )
}

/// Creates (or attaches to) the proc array in the current segment.
pub fn init_proc_array(n: usize) -> PgResult<()> {
    let size = proc_array_shmem_size(n)?;
    let (ptr, found) = pg_shmem::shmem_init_struct("Proc Array", size)?;
    let header = ptr.as_ptr() as *const ProcArrayHeader;
    // SAFETY: the allocation is `size` bytes, zeroed on creation, cache-line
    // aligned; the slots start at the 64-byte aligned offset after the header.
    let slots =
        unsafe { ptr.as_ptr().add(std::mem::size_of::<ProcArrayHeader>().next_multiple_of(64)) } as *const PgProc;
    if !found {
        // SAFETY: header points at zeroed memory we just allocated.
        unsafe { (*header).num_slots.store(n as u32, Ordering::SeqCst) };
    }
    PROC_GLOBALS.with(|g| *g.borrow_mut() = Some(ProcGlobals { header, slots, num_slots: n, my_slot: None }));
    Ok(())
}

/// Kind of process, as pg_stat_activity.backend_type shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BackendType {
    /// A regular client backend.
    ClientBackend = 1,
    /// The startup process: WAL replay at server start.
    Startup = 2,
    /// The checkpointer.
    Checkpointer = 3,
    /// The background writer.
    BackgroundWriter = 4,
    /// The WAL writer.
    WalWriter = 5,
}

/// Slots the auxiliary processes need (`NUM_AUXILIARY_PROCS`: startup,
/// checkpointer, background writer, WAL writer). The server sizes the
/// array as max_connections plus these and reserves them with
/// [`reserve_auxiliary_slots`], so that clients can never take them.
pub const NUM_AUXILIARY_PROCS: usize = 4;

/// How many slots at the end of the array are reserved for auxiliary
/// processes (0 unless the server reserved them; process-local, set by the
/// postmaster before it forks).
static AUX_SLOTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Keeps the last `n` slots for auxiliary processes.
pub fn reserve_auxiliary_slots(n: usize) {
    AUX_SLOTS.store(n, Ordering::SeqCst);
}

impl BackendType {
    fn as_str(v: u8) -> &'static str {
        match v {
            1 => "client backend",
            2 => "startup",
            3 => "checkpointer",
            4 => "background writer",
            5 => "walwriter",
            _ => "unknown",
        }
    }

    /// The name pg_stat_activity.backend_type shows.
    pub fn name(self) -> &'static str {
        BackendType::as_str(self as u8)
    }

    /// Whether this is an auxiliary process (`AmAuxiliaryProcess`).
    pub fn is_auxiliary(self) -> bool {
        self != BackendType::ClientBackend
    }
}

/// The slots a process of `backend_type` may take: clients the front of
/// the array, auxiliary processes the last NUM_AUXILIARY_PROCS.
fn slot_range(backend_type: BackendType, n: usize) -> std::ops::Range<usize> {
    let aux = AUX_SLOTS.load(Ordering::Relaxed).min(n);
    if backend_type.is_auxiliary() && aux > 0 {
        n - aux..n
    } else if backend_type.is_auxiliary() {
        0..n
    } else {
        0..n - aux
    }
}

/// Microseconds since 2000-01-01 UTC (PostgreSQL's TimestampTz epoch).
pub fn now_timestamptz() -> i64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    d.as_micros() as i64 - 946_684_800_000_000
}

/// InitProcess(): claims a free slot for this process. `reserved` slots are
/// kept for superusers: a non-superuser that would take one of them gets
/// PostgreSQL's reserved-slot error instead.
pub fn init_process(backend_type: BackendType, cancel_key: u32) -> PgResult<usize> {
    let h = header().ok_or_else(|| PgError::internal("proc array is not initialised"))?;
    let slots = slots();
    let _guard = h.freelist_lock.acquire();
    let range = slot_range(backend_type, slots.len());
    let free = slots[range.clone()].iter().position(|p| !p.in_use.load(Ordering::Relaxed)).map(|i| i + range.start);
    let Some(i) = free else {
        return Err(PgError::fatal(SqlState::TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
    };
    let p = &slots[i];
    p.in_use.store(true, Ordering::SeqCst);
    p.pid.store(std::process::id() as i32, Ordering::SeqCst);
    p.backend_id.store(i as i32 + 1, Ordering::SeqCst);
    p.cancel_key.store(cancel_key, Ordering::SeqCst);
    p.procsignal_flags.store(0, Ordering::SeqCst);
    p.wait_event.store(0, Ordering::SeqCst);
    p.database_oid.store(0, Ordering::SeqCst);
    p.role_oid.store(0, Ordering::SeqCst);
    xids::reset_slot(i);
    write_status(p, |p| {
        p.st_state.store(BackendState::Undefined as u8, Ordering::Relaxed);
        p.st_backend_type.store(backend_type as u8, Ordering::Relaxed);
        p.st_backend_start.store(now_timestamptz(), Ordering::Relaxed);
        p.st_xact_start.store(0, Ordering::Relaxed);
        p.st_query_start.store(0, Ordering::Relaxed);
        p.st_state_change.store(0, Ordering::Relaxed);
        for t in [&p.st_username, &p.st_database, &p.st_appname] {
            t.set("");
        }
        p.st_activity.set("");
        p.st_client_addr.set("");
    });
    PROC_GLOBALS.with(|g| {
        if let Some(g) = g.borrow_mut().as_mut() {
            g.my_slot = Some(i);
        }
    });
    // InitProcess also readies the slot's lock state and takes its shared
    // latch (when this segment has them).
    crate::lock::init_proc_locks(i);
    let _ = crate::latch::own_latch(i);
    Ok(i)
}

/// Number of free slots (for the superuser-reserved check).
pub fn free_slot_count() -> usize {
    let slots = slots();
    slots[slot_range(BackendType::ClientBackend, slots.len())]
        .iter()
        .filter(|p| !p.in_use.load(Ordering::Relaxed))
        .count()
}

/// Gives this process's slot back (clean exit, including FATAL).
pub fn proc_exit_release() {
    let Some(i) = with_globals(|g| g.my_slot).flatten() else { return };
    let Some(h) = header() else { return };
    // ProcKill: every heavyweight lock, session locks included, goes
    // before the slot does, and the shared latch stops naming us.
    crate::lock::lock_release_at_exit();
    crate::latch::disown_latch();
    let p = &slots()[i];
    write_status(p, |p| p.st_state.store(BackendState::Undefined as u8, Ordering::Relaxed));
    let _guard = h.freelist_lock.acquire();
    p.pid.store(0, Ordering::SeqCst);
    p.in_use.store(false, Ordering::SeqCst);
    PROC_GLOBALS.with(|g| {
        if let Some(g) = g.borrow_mut().as_mut() {
            g.my_slot = None;
        }
    });
}

/// MyProc.
pub fn my_proc() -> Option<&'static PgProc> {
    let i = with_globals(|g| g.my_slot).flatten()?;
    slots().get(i)
}

fn write_status(p: &PgProc, f: impl FnOnce(&PgProc)) {
    p.st_changecount.fetch_add(1, Ordering::SeqCst);
    fence(Ordering::SeqCst);
    f(p);
    fence(Ordering::SeqCst);
    p.st_changecount.fetch_add(1, Ordering::SeqCst);
}

/// Connection facts recorded once authentication succeeded.
pub fn report_connection(
    database_oid: u32,
    database: &str,
    role_oid: u32,
    user: &str,
    client: Option<(String, i32)>,
    application_name: &str,
) {
    let Some(p) = my_proc() else { return };
    p.database_oid.store(database_oid, Ordering::SeqCst);
    p.role_oid.store(role_oid, Ordering::SeqCst);
    write_status(p, |p| {
        p.st_database.set(database);
        p.st_username.set(user);
        p.st_appname.set(application_name);
        match &client {
            Some((addr, port)) => {
                p.st_is_unix.store(false, Ordering::Relaxed);
                p.st_client_addr.set(addr);
                p.st_client_port.store(*port, Ordering::Relaxed);
            }
            None => {
                p.st_is_unix.store(true, Ordering::Relaxed);
                p.st_client_port.store(-1, Ordering::Relaxed);
            }
        }
    });
}

/// pgstat_report_activity(): new state and, for Active, the query text.
pub fn report_activity(state: BackendState, query: Option<&str>) {
    let Some(p) = my_proc() else { return };
    let now = now_timestamptz();
    write_status(p, |p| {
        let old = BackendState::from_u8(p.st_state.load(Ordering::Relaxed));
        if let Some(q) = query {
            p.st_activity.set(q);
            p.st_query_start.store(now, Ordering::Relaxed);
        }
        if old != state {
            p.st_state_change.store(now, Ordering::Relaxed);
        }
        p.st_state.store(state as u8, Ordering::Relaxed);
    });
}

/// Records the transaction start time (0 = no transaction).
pub fn report_xact_start(ts: i64) {
    if let Some(p) = my_proc() {
        write_status(p, |p| p.st_xact_start.store(ts, Ordering::Relaxed));
    }
}

/// application_name changed (SET application_name).
pub fn report_appname(name: &str) {
    if let Some(p) = my_proc() {
        write_status(p, |p| p.st_appname.set(name));
    }
}

/// Sets or clears the wait event shown in pg_stat_activity.
pub fn report_wait_event(event: Option<WaitEvent>) {
    if let Some(p) = my_proc() {
        p.wait_event.store(event.map(|e| e as u32).unwrap_or(0), Ordering::Relaxed);
    }
}

/// The wait events that exist so far (type, name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum WaitEvent {
    /// Client: waiting to read from the client.
    ClientRead = 1,
    /// Timeout: pg_sleep.
    PgSleep = 2,
    /// IPC: waiting for another backend's memory-context report.
    MemoryContextReport = 3,
    /// Client: waiting to write to the client (it does not read).
    ClientWrite = 4,
    /// IPC: pg_terminate_backend with a timeout, waiting for the backend to exit.
    BackendTermination = 5,
    /// Activity: the checkpointer waiting for its next checkpoint.
    CheckpointerMain = 6,
    /// Activity: the WAL writer between flushes.
    WalWriterMain = 7,
    /// Activity: the background writer between rounds.
    BgWriterMain = 8,
    /// IPC: CHECKPOINT waiting for the checkpoint to start.
    CheckpointStart = 9,
    /// IPC: CHECKPOINT waiting for the checkpoint to finish.
    CheckpointDone = 10,
}

/// Wait-event codes from here on are heavyweight lock waits: the code minus
/// this base is the lock tag's type (wait_event_type "Lock", wait_event
/// the tag type's name, as PostgreSQL's PG_WAIT_LOCK events).
const LOCK_WAIT_BASE: u32 = 64;

/// Sets or clears the heavyweight lock wait shown in pg_stat_activity.
pub fn report_lock_wait(kind: Option<crate::lock::LockTagType>) {
    if let Some(p) = my_proc() {
        p.wait_event.store(kind.map_or(0, |k| LOCK_WAIT_BASE + k as u32), Ordering::Relaxed);
    }
}

fn wait_event_names(code: u32) -> (Option<&'static str>, Option<&'static str>) {
    match code {
        c if (LOCK_WAIT_BASE..=LOCK_WAIT_BASE + crate::lock::LockTagType::Advisory as u32).contains(&c) => {
            (Some("Lock"), Some(crate::lock::LockTagType::from_u8((c - LOCK_WAIT_BASE) as u8).name()))
        }
        1 => (Some("Client"), Some("ClientRead")),
        2 => (Some("Timeout"), Some("PgSleep")),
        3 => (Some("IPC"), Some("MemoryContextReport")),
        4 => (Some("Client"), Some("ClientWrite")),
        5 => (Some("IPC"), Some("BackendTermination")),
        6 => (Some("Activity"), Some("CheckpointerMain")),
        7 => (Some("Activity"), Some("WalWriterMain")),
        8 => (Some("Activity"), Some("BgWriterMain")),
        9 => (Some("IPC"), Some("CheckpointStart")),
        10 => (Some("IPC"), Some("CheckpointDone")),
        _ => (None, None),
    }
}

/// One consistent copy of a slot, as pg_stat_activity shows it.
#[derive(Clone, Debug)]
pub struct ActivityRow {
    /// datid (0 when not connected to a database yet)
    pub datid: u32,
    /// datname
    pub datname: String,
    /// pid
    pub pid: i32,
    /// usesysid
    pub usesysid: u32,
    /// usename
    pub usename: String,
    /// application_name
    pub application_name: String,
    /// client_addr (None for Unix sockets)
    pub client_addr: Option<String>,
    /// client_port (-1 for Unix sockets)
    pub client_port: i32,
    /// backend_start
    pub backend_start: i64,
    /// xact_start (None outside a transaction)
    pub xact_start: Option<i64>,
    /// query_start
    pub query_start: Option<i64>,
    /// state_change
    pub state_change: Option<i64>,
    /// wait_event_type
    pub wait_event_type: Option<&'static str>,
    /// wait_event
    pub wait_event: Option<&'static str>,
    /// state
    pub state: Option<&'static str>,
    /// backend_xid
    pub backend_xid: Option<u64>,
    /// backend_xmin
    pub backend_xmin: Option<u64>,
    /// query
    pub query: String,
    /// backend_type
    pub backend_type: &'static str,
}

/// Copies every live slot (pgstat_read_current_status).
pub fn read_activity() -> Vec<ActivityRow> {
    let mut out = Vec::new();
    for p in slots() {
        if !p.in_use.load(Ordering::Acquire) {
            continue;
        }
        for _attempt in 0..1000 {
            let before = p.st_changecount.load(Ordering::SeqCst);
            fence(Ordering::SeqCst);
            let nz = |v: i64| if v == 0 { None } else { Some(v) };
            let is_unix = p.st_is_unix.load(Ordering::Relaxed);
            let (wt, we) = wait_event_names(p.wait_event.load(Ordering::Relaxed));
            let xid = p.xid.load(Ordering::Relaxed);
            let xmin = p.xmin.load(Ordering::Relaxed);
            let row = ActivityRow {
                datid: p.database_oid.load(Ordering::Relaxed),
                datname: p.st_database.get(),
                pid: p.pid.load(Ordering::Relaxed),
                usesysid: p.role_oid.load(Ordering::Relaxed),
                usename: p.st_username.get(),
                application_name: p.st_appname.get(),
                client_addr: if is_unix { None } else { Some(p.st_client_addr.get()) },
                client_port: p.st_client_port.load(Ordering::Relaxed),
                backend_start: p.st_backend_start.load(Ordering::Relaxed),
                xact_start: nz(p.st_xact_start.load(Ordering::Relaxed)),
                query_start: nz(p.st_query_start.load(Ordering::Relaxed)),
                state_change: nz(p.st_state_change.load(Ordering::Relaxed)),
                wait_event_type: wt,
                wait_event: we,
                state: BackendState::from_u8(p.st_state.load(Ordering::Relaxed)).as_str(),
                backend_xid: if xid == 0 { None } else { Some(xid) },
                backend_xmin: if xmin == 0 { None } else { Some(xmin) },
                query: p.st_activity.get(),
                backend_type: BackendType::as_str(p.st_backend_type.load(Ordering::Relaxed)),
            };
            fence(Ordering::SeqCst);
            let after = p.st_changecount.load(Ordering::SeqCst);
            if before == after && before % 2 == 0 {
                if row.pid != 0 {
                    out.push(row);
                }
                break;
            }
            std::hint::spin_loop();
        }
    }
    out
}

/// The query text of a process that died without releasing its slot, for
/// the postmaster's "Failed process was running" (PostgreSQL's
/// pgstat_get_crashed_backend_activity). None when no slot names `pid` or
/// the process had not run a query yet (no DETAIL then, as in PostgreSQL).
///
/// The postmaster calls this after a crash, when the slot may be
/// half-written: it takes no lock and ignores `st_changecount` (the writer
/// is dead, a retry loop could spin forever), clamps the length, and copies
/// the bytes one atomic at a time. Bytes outside printable ASCII become
/// `?`, as PostgreSQL's ascii_safe_strlcpy makes them: the postmaster does
/// not know the dead backend's encoding, and the text may be cut mid-character.
pub fn crashed_backend_activity(pid: i32) -> Option<String> {
    if pid <= 0 {
        return None;
    }
    let p = slots().iter().find(|p| p.pid.load(Ordering::Relaxed) == pid)?;
    let n = (p.st_activity.len.load(Ordering::Relaxed) as usize).min(QUERY_TEXT_LEN);
    if n == 0 {
        return None;
    }
    let text = p.st_activity.bytes[..n]
        .iter()
        .map(|b| match b.load(Ordering::Relaxed) {
            c @ (b' '..=b'~' | b'\n' | b'\r' | b'\t') => c as char,
            _ => '?',
        })
        .collect();
    Some(text)
}

/// MyProcNumber: this process's slot index, if it has claimed one.
pub fn my_proc_number() -> Option<usize> {
    with_globals(|g| g.my_slot).flatten()
}

/// The number of slots in the proc array (0 before `init_proc_array`).
pub fn proc_slot_count() -> usize {
    with_globals(|g| g.num_slots).unwrap_or(0)
}

/// The slot `i`, in use or not (for the lock manager's per-process tables,
/// which are indexed by proc number).
pub fn proc_by_number(i: usize) -> Option<&'static PgProc> {
    slots().get(i)
}

/// Finds the live slot of `pid`.
pub fn find_proc_by_pid(pid: i32) -> Option<&'static PgProc> {
    if pid <= 0 {
        return None;
    }
    slots().iter().find(|p| p.in_use.load(Ordering::Acquire) && p.pid.load(Ordering::Acquire) == pid)
}

impl PgProc {
    /// The owning process's pid.
    pub fn pid(&self) -> i32 {
        self.pid.load(Ordering::Acquire)
    }
    /// The cancel key handed out in BackendKeyData.
    pub fn cancel_key(&self) -> u32 {
        self.cancel_key.load(Ordering::Acquire)
    }
    /// Whether the slot belongs to a live process.
    pub fn in_use(&self) -> bool {
        self.in_use.load(Ordering::Acquire)
    }
    /// The database the process is connected to (MyDatabaseId; 0 before
    /// it is known).
    pub fn database_oid(&self) -> u32 {
        self.database_oid.load(Ordering::Acquire)
    }
    /// The connected role's OID.
    pub fn role_oid(&self) -> u32 {
        self.role_oid.load(Ordering::Acquire)
    }
    /// Takes (and clears) the pending procsignal flags; owner only.
    pub fn take_procsignal_flags(&self) -> u32 {
        self.procsignal_flags.swap(0, Ordering::SeqCst)
    }
}

/// SendProcSignal(): sets a reason bit in the target's slot and wakes it
/// with SIGUSR1.
pub fn send_proc_signal(pid: i32, reason: u32) -> bool {
    let Some(p) = find_proc_by_pid(pid) else { return false };
    p.procsignal_flags.fetch_or(reason, Ordering::SeqCst);
    // SAFETY: signalling a pid taken from a live PGPROC slot.
    unsafe { libc::kill(pid, libc::SIGUSR1) == 0 }
}

/// Sends `signal` to the backend `pid` if it is one of ours.
pub fn signal_backend(pid: i32, signal: libc::c_int) -> bool {
    if find_proc_by_pid(pid).is_none() {
        return false;
    }
    // SAFETY: sending a signal to a pid taken from a live PGPROC slot.
    unsafe { libc::kill(pid, signal) == 0 }
}

/// What became of a CancelRequest (the caller logs it as PostgreSQL does).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelOutcome {
    /// The pid and key matched: the backend was sent SIGINT.
    Sent,
    /// A backend has that pid, but the key is wrong.
    WrongKey,
    /// No backend has that pid.
    NoSuchProcess,
}

/// Handles a CancelRequest: SIGINT to the backend whose pid and key match.
/// Like PostgreSQL, a mismatch is not answered (only logged).
pub fn process_cancel_request(pid: i32, key: u32) -> CancelOutcome {
    match find_proc_by_pid(pid) {
        Some(p) if p.cancel_key() == key => {
            // SAFETY: signalling a live backend whose key matched.
            unsafe { libc::kill(pid, libc::SIGINT) };
            CancelOutcome::Sent
        }
        Some(_) => CancelOutcome::WrongKey,
        None => CancelOutcome::NoSuchProcess,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shmem_text_truncates_on_char_boundary() {
        let t: ShmemText<4> = ShmemText { len: AtomicU32::new(0), bytes: std::array::from_fn(|_| AtomicU8::new(0)) };
        for (input, expect) in [("abc", "abc"), ("abcdef", "abcd"), ("aé€", "aé"), ("", "")] {
            t.set(input);
            assert_eq!(t.get(), expect, "{input}");
        }
    }

    #[test]
    fn slots_claim_report_and_release() {
        // One test owns the process's current segment.
        let _serial = crate::SHMEM_TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let seg = pg_shmem::ShmemSegment::create(1 << 20).unwrap();
        init_proc_array(2).unwrap();
        assert_eq!(free_slot_count(), 2);
        let slot = init_process(BackendType::ClientBackend, 77).unwrap();
        assert_eq!(free_slot_count(), 1);
        report_connection(5, "postgres", 10, "postgres", Some(("127.0.0.1".into(), 5000)), "app");
        report_activity(BackendState::Active, Some("select 1"));
        assert_eq!(crashed_backend_activity(std::process::id() as i32).as_deref(), Some("select 1"));
        report_activity(BackendState::Active, Some("select 'h\u{e9}'"));
        assert_eq!(crashed_backend_activity(std::process::id() as i32).as_deref(), Some("select 'h??'"));
        report_activity(BackendState::Active, Some("select 1"));
        assert_eq!(crashed_backend_activity(-5), None);
        report_activity(BackendState::Active, Some(""));
        assert_eq!(crashed_backend_activity(std::process::id() as i32), None);
        report_activity(BackendState::Active, Some("select 1"));
        let rows = read_activity();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (r.pid, r.datname.as_str(), r.usename.as_str()),
            (std::process::id() as i32, "postgres", "postgres")
        );
        assert_eq!((r.state, r.query.as_str(), r.client_port), (Some("active"), "select 1", 5000));
        assert_eq!(r.client_addr.as_deref(), Some("127.0.0.1"));
        assert!(find_proc_by_pid(std::process::id() as i32).is_some());
        assert_eq!(my_proc().unwrap().cancel_key(), 77);
        // The second slot can be taken only once more.
        let me = std::process::id() as i32;
        assert_eq!(process_cancel_request(me, 78), CancelOutcome::WrongKey, "a wrong key must not cancel");
        proc_exit_release();
        assert_eq!(free_slot_count(), 2);
        assert!(read_activity().is_empty());
        let _ = slot;
        // SAFETY: nothing refers into the segment any more; the globals are re-initialised by any later use.
        unsafe { seg.destroy() };
    }
}
