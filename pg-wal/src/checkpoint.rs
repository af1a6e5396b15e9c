//! Checkpoints (PostgreSQL's `CreateCheckPoint` in `xlog.c`, the request
//! protocol of `postmaster/checkpointer.c`, `RemoveOldXlogFiles`).
//!
//! A checkpoint picks a REDO point (the insert position, under
//! WALInsertLock, so every later change to a page is logged after it and
//! takes a full-page image), runs the registered hooks that make every
//! change before the REDO point durable (the commit log's pages, the
//! shared buffers, the fsync of relation files), then writes the
//! checkpoint record, flushes it, points `pg_control` at it, and removes or
//! recycles the segments older than the REDO point's. Recovery starts at
//! that REDO point.
//!
//! Backends do not run checkpoints: they ask the checkpointer through
//! shared memory ([`request_checkpoint`]) and, for `CHECKPOINT`, wait for
//! one that started after their request to finish. Where there is no
//! checkpointer (initdb's single process, the startup process at the end
//! of recovery), the caller runs [`create_checkpoint`] itself.

#![deny(clippy::undocumented_unsafe_blocks)]

use crate::block::XLogRecPtr;
use crate::control::{self, CheckPoint, DbState};
use crate::record::fmt_lsn;
use crate::xlog::{self, segment_file_name, segment_of, WAL_SEGMENT_SIZE};
use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::ShmemSafe;
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// The shutdown checkpoint (`CHECKPOINT_IS_SHUTDOWN`).
pub const CHECKPOINT_IS_SHUTDOWN: u32 = 0x0001;
/// The checkpoint at the end of crash recovery (`CHECKPOINT_END_OF_RECOVERY`).
pub const CHECKPOINT_END_OF_RECOVERY: u32 = 0x0002;
/// Do it as fast as possible, not spread out (`CHECKPOINT_IMMEDIATE`).
pub const CHECKPOINT_IMMEDIATE: u32 = 0x0004;
/// Do it even if nothing happened since the last one (`CHECKPOINT_FORCE`).
pub const CHECKPOINT_FORCE: u32 = 0x0008;
/// Flush unlogged relations' buffers too (`CHECKPOINT_FLUSH_ALL`).
pub const CHECKPOINT_FLUSH_ALL: u32 = 0x0010;
/// The requester waits for completion (`CHECKPOINT_WAIT`).
pub const CHECKPOINT_WAIT: u32 = 0x0020;
/// Asked for, not timed (`CHECKPOINT_REQUESTED`).
pub const CHECKPOINT_REQUESTED: u32 = 0x0040;
/// Asked for because WAL grew past max_wal_size (`CHECKPOINT_CAUSE_XLOG`).
pub const CHECKPOINT_CAUSE_XLOG: u32 = 0x0080;
/// Timed by checkpoint_timeout (`CHECKPOINT_CAUSE_TIME`).
pub const CHECKPOINT_CAUSE_TIME: u32 = 0x0100;

/// What the next transaction id and OID are: written into every
/// checkpoint, handed to `varsup` after recovery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct NextIds {
    /// The next full transaction id to assign.
    pub next_xid: u64,
    /// The next OID to assign.
    pub next_oid: u32,
    /// The oldest running transaction id (0: none or unknown).
    pub oldest_active_xid: u64,
}

/// The counters startup found, for a process without the shared
/// counters (initdb before the server's shared memory exists, tools,
/// tests): its checkpoints carry these.
static STARTUP_IDS: std::sync::Mutex<Option<NextIds>> = std::sync::Mutex::new(None);

/// Installs the counters (after recovery, at bootstrap): into
/// `pg_wal::varsup`'s shared counters when this process has them, and
/// kept here in any case.
pub(crate) fn set_next_ids(ids: NextIds) -> PgResult<()> {
    *STARTUP_IDS.lock().unwrap_or_else(|e| e.into_inner()) = Some(ids);
    if crate::varsup::read_next_full_xid().is_ok() {
        crate::varsup::set_next_full_xid(ids.next_xid)?;
        crate::varsup::set_next_oid(ids.next_oid)?;
    }
    Ok(())
}

/// The counters a checkpoint record carries: `varsup`'s (under
/// XidGenLock/OidGenLock), or the ones startup found.
fn current_next_ids(control: &control::ControlFileData) -> PgResult<NextIds> {
    if let (Ok(next_xid), Ok(next_oid)) = (crate::varsup::read_next_full_xid(), crate::varsup::read_next_oid()) {
        let oldest_active_xid = 0;
        return Ok(NextIds { next_xid, next_oid, oldest_active_xid });
    }
    Ok(STARTUP_IDS.lock().unwrap_or_else(|e| e.into_inner()).unwrap_or(NextIds {
        next_xid: control.checkpoint_copy.next_xid,
        next_oid: control.checkpoint_copy.next_oid,
        oldest_active_xid: 0,
    }))
}

/// One piece of checkpoint work another subsystem registers
/// (`CheckPointGuts`: CLOG, buffers, relation fsyncs).
#[derive(Clone, Copy, Debug)]
pub struct CheckpointHook {
    /// For log lines ("clog", "buffers").
    pub name: &'static str,
    /// Makes everything the subsystem changed before the REDO point
    /// durable. Gets the checkpoint's flags.
    pub run: fn(flags: u32) -> PgResult<()>,
}

static HOOKS: RwLock<Vec<CheckpointHook>> = RwLock::new(Vec::new());

/// Registers checkpoint work; hooks run in registration order (register
/// the commit log before the buffers, as `CheckPointGuts` orders them).
/// Registering a name again replaces the earlier hook.
pub fn register_checkpoint_hook(name: &'static str, run: fn(flags: u32) -> PgResult<()>) {
    let mut hooks = HOOKS.write().unwrap_or_else(|e| e.into_inner());
    match hooks.iter_mut().find(|h| h.name == name) {
        Some(h) => h.run = run,
        None => hooks.push(CheckpointHook { name, run }),
    }
}

static POST_HOOKS: RwLock<Vec<CheckpointHook>> = RwLock::new(Vec::new());

/// Registers work that runs once the checkpoint record is durable and
/// `pg_control` points at it (the buffer manager's
/// `smgr_post_checkpoint`: removing the files of dropped relations, which
/// recovery from the previous checkpoint would still have needed).
pub fn register_post_checkpoint_hook(name: &'static str, run: fn(flags: u32) -> PgResult<()>) {
    let mut hooks = POST_HOOKS.write().unwrap_or_else(|e| e.into_inner());
    match hooks.iter_mut().find(|h| h.name == name) {
        Some(h) => h.run = run,
        None => hooks.push(CheckpointHook { name, run }),
    }
}

// ---------------------------------------------------------------------------
// The request protocol (CheckpointerShmemStruct).

/// What backends and the checkpointer share (`CheckpointerShmemStruct`).
#[repr(C)]
pub struct CheckpointerShmem {
    /// The checkpointer's pid, 0 when there is none.
    checkpointer_pid: AtomicI32,
    /// Flags of pending requests, OR'ed together (`ckpt_flags`).
    ckpt_flags: AtomicU32,
    /// Counts checkpoints started (`ckpt_started`).
    ckpt_started: AtomicU32,
    /// Counts checkpoints finished, successfully or not (`ckpt_done`).
    ckpt_done: AtomicU32,
    /// Counts checkpoints that failed (`ckpt_failed`).
    ckpt_failed: AtomicU32,
    /// Whether a request is pending.
    requested: AtomicU32,
    /// Timed and requested checkpoints since start (`pg_stat_bgwriter`).
    num_timed: AtomicU64,
    num_requested: AtomicU64,
}

// SAFETY: repr(C) of atomics; zero is "no checkpointer, nothing pending".
unsafe impl ShmemSafe for CheckpointerShmem {}

static SHMEM: std::sync::atomic::AtomicPtr<CheckpointerShmem> = std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

/// The checkpointer's shared memory size.
pub fn shmem_size() -> PgResult<usize> {
    Ok(std::mem::size_of::<CheckpointerShmem>() + 64)
}

/// Creates or attaches the checkpointer's shared memory.
pub fn shmem_init() -> PgResult<()> {
    let (s, _) = pg_shmem::shmem_init_struct_typed::<CheckpointerShmem>("Checkpoint Requests", |_| {})?;
    SHMEM.store(s as *const CheckpointerShmem as *mut CheckpointerShmem, Ordering::Release);
    Ok(())
}

/// Forgets the shared memory (see `xlog::shmem_detach`).
pub fn shmem_detach() {
    SHMEM.store(std::ptr::null_mut(), Ordering::Release);
}

fn shmem() -> Option<&'static CheckpointerShmem> {
    let p = SHMEM.load(Ordering::Acquire);
    // SAFETY: set by shmem_init to a structure in the shared segment that
    // outlives every use in this process (see xlog::ctl).
    unsafe { p.as_ref() }
}

/// Announces this process as the checkpointer (pid 0: gone).
pub fn set_checkpointer_pid(pid: i32) {
    if let Some(s) = shmem() {
        s.checkpointer_pid.store(pid, Ordering::Release);
    }
}

/// Asks for a checkpoint (`RequestCheckpoint`). Without a checkpointer
/// (a single-process server) it runs here and now. With
/// `CHECKPOINT_WAIT`, returns once a checkpoint that started after the
/// request has finished, or fails with PostgreSQL's "checkpoint request
/// failed" when it did.
pub fn request_checkpoint(flags: u32) -> PgResult<()> {
    let Some(s) = shmem().filter(|s| s.checkpointer_pid.load(Ordering::Acquire) != 0) else {
        return create_checkpoint(flags | CHECKPOINT_IMMEDIATE).map(|_| ());
    };
    let old_failed = s.ckpt_failed.load(Ordering::Acquire);
    let old_started = s.ckpt_started.load(Ordering::Acquire);
    s.ckpt_flags.fetch_or(flags | CHECKPOINT_REQUESTED, Ordering::AcqRel);
    s.requested.store(1, Ordering::Release);
    wake_checkpointer(s);
    if flags & CHECKPOINT_WAIT == 0 {
        return Ok(());
    }
    // Wait for a checkpoint to start after our request, then to finish.
    use pg_proc::procarray::{report_wait_event, WaitEvent};
    report_wait_event(Some(WaitEvent::CheckpointStart));
    let started = wait_until(|| {
        let now = s.ckpt_started.load(Ordering::Acquire);
        (now != old_started).then_some(now)
    });
    report_wait_event(Some(WaitEvent::CheckpointDone));
    let done = started.and_then(|started| {
        wait_until(|| (s.ckpt_done.load(Ordering::Acquire).wrapping_sub(started) as i32 >= 0).then_some(()))
    });
    report_wait_event(None);
    done?;
    if s.ckpt_failed.load(Ordering::Acquire) != old_failed {
        return Err(PgError::new(SqlState::INTERNAL_ERROR, "checkpoint request failed")
            .with_hint("Consult recent messages in the server log for details."));
    }
    Ok(())
}

fn wake_checkpointer(s: &CheckpointerShmem) {
    let pid = s.checkpointer_pid.load(Ordering::Acquire);
    if pid > 0 {
        // SAFETY: kill(2) with a pid read from shared memory; the worst case
        // (a stale pid) signals nobody or a process that ignores SIGINT.
        unsafe { libc::kill(pid, libc::SIGINT) };
    }
}

/// Polls `f` every few milliseconds until it answers, checking for
/// interrupts (a cancelled CHECKPOINT stops waiting; the checkpoint goes on).
fn wait_until<T>(mut f: impl FnMut() -> Option<T>) -> PgResult<T> {
    loop {
        if let Some(v) = f() {
            return Ok(v);
        }
        pg_error::check_for_interrupts()?;
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Called by the WAL writer code when a segment is finished: once the WAL
/// since the last REDO point passes what max_wal_size allows between
/// checkpoints, ask for one (`XLogCheckpointNeeded`).
pub(crate) fn note_segment_finished(segno: u64) {
    let Some(s) = shmem() else { return };
    if s.checkpointer_pid.load(Ordering::Acquire) == 0 {
        return;
    }
    if segno + 1 >= xlog::redo_segment() + checkpoint_segments() && s.requested.load(Ordering::Acquire) == 0 {
        s.ckpt_flags.fetch_or(CHECKPOINT_CAUSE_XLOG, Ordering::AcqRel);
        s.requested.store(1, Ordering::Release);
        wake_checkpointer(s);
    }
}

/// How many segments may be written between checkpoints
/// (`CheckPointSegments`): max_wal_size spread over 1 +
/// checkpoint_completion_target cycles, at least one.
pub fn checkpoint_segments() -> u64 {
    let max_mb = pg_guc::vars::MAX_WAL_SIZE.get().max(2) as f64;
    let target = pg_guc::vars::CHECKPOINT_COMPLETION_TARGET.get();
    let segs = max_mb / (WAL_SEGMENT_SIZE / (1024 * 1024)) as f64 / (1.0 + target);
    (segs as u64).max(1)
}

/// The checkpointer's side: takes the pending request, if any
/// (flags, or None). Marks the checkpoint started.
pub fn take_request() -> Option<u32> {
    let s = shmem()?;
    if s.requested.swap(0, Ordering::AcqRel) == 0 {
        return None;
    }
    Some(s.ckpt_flags.swap(0, Ordering::AcqRel))
}

/// The checkpointer runs one checkpoint with the request protocol's
/// bookkeeping around it (started / done / failed counters).
pub fn run_requested_checkpoint(flags: u32) -> PgResult<bool> {
    let s = shmem();
    if let Some(s) = s {
        s.ckpt_started.fetch_add(1, Ordering::AcqRel);
        if flags & (CHECKPOINT_REQUESTED | CHECKPOINT_CAUSE_XLOG) != 0 {
            s.num_requested.fetch_add(1, Ordering::Relaxed);
        } else {
            s.num_timed.fetch_add(1, Ordering::Relaxed);
        }
    }
    let r = create_checkpoint(flags);
    if let Some(s) = s {
        if r.is_err() {
            s.ckpt_failed.fetch_add(1, Ordering::AcqRel);
        }
        s.ckpt_done.fetch_add(1, Ordering::AcqRel);
    }
    r
}

/// Timed and requested checkpoints so far (`pg_stat_bgwriter`'s
/// checkpoints_timed, checkpoints_req).
pub fn checkpoint_counts() -> (u64, u64) {
    shmem().map_or((0, 0), |s| (s.num_timed.load(Ordering::Relaxed), s.num_requested.load(Ordering::Relaxed)))
}

// ---------------------------------------------------------------------------
// The checkpoint itself.

/// Takes a checkpoint (`CreateCheckPoint`); returns whether one was
/// written (an unforced one is skipped when no WAL was written since the
/// last).
pub fn create_checkpoint(flags: u32) -> PgResult<bool> {
    let shutdown = flags & (CHECKPOINT_IS_SHUTDOWN | CHECKPOINT_END_OF_RECOVERY) != 0;
    let started = Instant::now();
    let mut control = control::read_control_file()?;
    if flags & CHECKPOINT_IS_SHUTDOWN != 0 {
        control.state = DbState::Shutdowning;
        control::write_control_file(&mut control, false)?;
    }
    // The REDO point.
    let redo = {
        let g = xlog::insert_lock()?;
        let next = g.next_record_start();
        if flags & (CHECKPOINT_FORCE | CHECKPOINT_IS_SHUTDOWN | CHECKPOINT_END_OF_RECOVERY) == 0
            && xlog::get_last_rec_ptr() == control.checkpoint
        {
            // Nothing was logged since the last checkpoint record.
            return Ok(false);
        }
        g.set_redo_rec_ptr(next);
        next
    };
    if pg_guc::vars::LOG_CHECKPOINTS.get() {
        tracing::info!("checkpoint starting:{}", describe_flags(flags));
    }
    // Everything changed before the REDO point goes to disk.
    let hooks: Vec<CheckpointHook> = HOOKS.read().unwrap_or_else(|e| e.into_inner()).clone();
    for h in &hooks {
        (h.run)(flags).map_err(|e| e.with_context(format!("checkpoint step \"{}\"", h.name)))?;
    }
    // How much WAL a checkpoint cycle writes, to size the recycling below.
    let prior_redo = control.checkpoint_copy.redo;
    if prior_redo != 0 && redo > prior_redo {
        update_checkpoint_distance_estimate(redo - prior_redo);
    }
    let ids = current_next_ids(&control)?;
    let cp = CheckPoint {
        redo,
        timeline: xlog::TIMELINE,
        full_page_writes: pg_guc::vars::FULL_PAGE_WRITES.get(),
        next_xid: ids.next_xid,
        next_oid: ids.next_oid,
        oldest_active_xid: ids.oldest_active_xid,
        time: control::now(),
    };
    let info =
        if shutdown { crate::xlog_rmgr::XLOG_CHECKPOINT_SHUTDOWN } else { crate::xlog_rmgr::XLOG_CHECKPOINT_ONLINE };
    let (start, end) = crate::xlog_rmgr::insert_checkpoint_record(info, &cp)?;
    if shutdown && start != redo {
        // Only this process writes WAL during a shutdown or end-of-recovery
        // checkpoint, so its record sits exactly at the REDO point.
        return Err(PgError::new(
            SqlState::INTERNAL_ERROR,
            "concurrent write-ahead log activity while database system is shutting down",
        ));
    }
    xlog::xlog_flush(end)?;
    control.checkpoint = start;
    control.checkpoint_copy = cp;
    control.state = if flags & CHECKPOINT_IS_SHUTDOWN != 0 { DbState::Shutdowned } else { DbState::InProduction };
    control::write_control_file(&mut control, false)?;
    xlog::set_redo_segment(segment_of(redo));
    let post: Vec<CheckpointHook> = POST_HOOKS.read().unwrap_or_else(|e| e.into_inner()).clone();
    for h in &post {
        (h.run)(flags).map_err(|e| e.with_context(format!("checkpoint step \"{}\"", h.name)))?;
    }
    let (removed, recycled) = remove_old_segments(segment_of(redo), recycle_limit(redo))?;
    if flags & CHECKPOINT_IS_SHUTDOWN != 0 {
        xlog::stop_insertion();
    }
    if pg_guc::vars::LOG_CHECKPOINTS.get() {
        tracing::info!(
            "checkpoint complete: {removed} WAL file(s) removed, {recycled} recycled; total={:.3} s; lsn={}, redo lsn={}",
            started.elapsed().as_secs_f64(),
            fmt_lsn(start),
            fmt_lsn(redo)
        );
    }
    Ok(true)
}

fn describe_flags(flags: u32) -> String {
    let mut s = String::new();
    for (bit, name) in [
        (CHECKPOINT_IS_SHUTDOWN, " shutdown"),
        (CHECKPOINT_END_OF_RECOVERY, " end-of-recovery"),
        (CHECKPOINT_IMMEDIATE, " immediate"),
        (CHECKPOINT_FORCE, " force"),
        (CHECKPOINT_WAIT, " wait"),
        (CHECKPOINT_CAUSE_XLOG, " wal"),
        (CHECKPOINT_CAUSE_TIME, " time"),
        (CHECKPOINT_FLUSH_ALL, " flush-all"),
    ] {
        if flags & bit != 0 {
            s.push_str(name);
        }
    }
    s
}

/// `CheckPointDistanceEstimate`: about how many bytes of WAL are written
/// between two checkpoints' REDO points (a moving average that jumps up at
/// once). Kept by the process that takes checkpoints (the checkpointer; a
/// process without one starts from 0, which only means less recycling).
static CHECKPOINT_DISTANCE_ESTIMATE: AtomicU64 = AtomicU64::new(0);

/// `UpdateCheckPointDistanceEstimate`: a cycle that wrote more than the
/// estimate raises it to that at once; a smaller one lowers it by a tenth
/// of the difference.
fn update_checkpoint_distance_estimate(nbytes: u64) {
    let est = CHECKPOINT_DISTANCE_ESTIMATE.load(Ordering::Relaxed);
    let new = if est < nbytes { nbytes } else { (0.90 * est as f64 + 0.10 * nbytes as f64) as u64 };
    CHECKPOINT_DISTANCE_ESTIMATE.store(new, Ordering::Relaxed);
}

/// `XLOGfileslop`: the highest segment number an old segment may be
/// recycled to at a checkpoint with REDO point `redo`, so that the next
/// cycle finds the segments it will write already made: the estimated
/// distance to the next checkpoint (with checkpoint_completion_target and
/// 10% to spare), at least min_wal_size's worth and at most
/// max_wal_size's.
fn recycle_limit(redo: XLogRecPtr) -> u64 {
    let seg_mb = WAL_SEGMENT_SIZE / (1024 * 1024);
    let to_segs = |mb: i32| (mb.max(2) as u64) / seg_mb;
    let redo_seg = segment_of(redo);
    let min_seg = redo_seg + to_segs(pg_guc::vars::MIN_WAL_SIZE.get()).saturating_sub(1);
    let max_seg = redo_seg + to_segs(pg_guc::vars::MAX_WAL_SIZE.get()).saturating_sub(1);
    let target = pg_guc::vars::CHECKPOINT_COMPLETION_TARGET.get();
    let distance = (1.0 + target) * CHECKPOINT_DISTANCE_ESTIMATE.load(Ordering::Relaxed) as f64 * 1.10;
    let recycle_seg = ((redo as f64 + distance) / WAL_SEGMENT_SIZE as f64).ceil() as u64;
    recycle_seg.clamp(min_seg, max_seg.max(min_seg))
}

/// Removes or recycles the segments before `keep_from`
/// (`RemoveOldXlogFiles`): while the next future segment number is at most
/// `recycle_limit` (PostgreSQL's `XLOGfileslop`), an old segment is renamed to it
/// (recycled, so that it need not be created and zero-filled later),
/// otherwise it is removed. Returns (removed, recycled).
pub fn remove_old_segments(keep_from: u64, recycle_limit: u64) -> PgResult<(u64, u64)> {
    let dir = xlog::wal_dir()?;
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok((0, 0)) };
    let mut all: Vec<u64> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| xlog::parse_segment_file_name(&e.file_name().to_string_lossy()))
        .collect();
    all.sort_unstable();
    let insert_seg = segment_of(xlog::get_insert_rec_ptr().max(WAL_SEGMENT_SIZE));
    let mut next_name = all.last().copied().unwrap_or(insert_seg).max(insert_seg) + 1;
    let (mut removed, mut recycled) = (0, 0);
    for segno in all.into_iter().filter(|s| *s < keep_from) {
        let path = dir.join(segment_file_name(segno));
        if next_name <= recycle_limit {
            let to = dir.join(segment_file_name(next_name));
            if xlog::install_segment(&path, &to)? {
                next_name += 1;
                recycled += 1;
                continue;
            }
        }
        std::fs::remove_file(&path).map_err(|e| {
            PgError::new(SqlState::IO_ERROR, format!("could not remove file \"{}\": {e}", path.display()))
        })?;
        removed += 1;
    }
    if removed + recycled > 0 {
        xlog::fsync_dir(&dir)?;
    }
    Ok((removed, recycled))
}

/// Whether a checkpoint is due by time (`checkpoint_timeout` since `last`).
pub fn checkpoint_timeout_elapsed(last: Instant) -> bool {
    last.elapsed() >= Duration::from_secs(pg_guc::vars::CHECKPOINT_TIMEOUT.get().max(1) as u64)
}

/// The pid of the checkpointer, 0 if none.
pub fn checkpointer_pid() -> i32 {
    shmem().map_or(0, |s| s.checkpointer_pid.load(Ordering::Acquire))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycling_follows_the_checkpoint_distance() {
        // Boot values: min_wal_size 80MB (5 segments), max_wal_size 1GB
        // (64), checkpoint_completion_target 0.9.
        let redo = 10 * WAL_SEGMENT_SIZE + 100;
        CHECKPOINT_DISTANCE_ESTIMATE.store(0, Ordering::Relaxed);
        assert_eq!(recycle_limit(redo), 10 + 4, "min_wal_size's worth with no estimate");
        update_checkpoint_distance_estimate(10 * WAL_SEGMENT_SIZE);
        // 1.9 * 1.1 * 10 segments past the REDO point, rounded up.
        assert_eq!(recycle_limit(redo), 31);
        // A shorter cycle lowers the estimate by a tenth: 9 segments.
        update_checkpoint_distance_estimate(0);
        assert_eq!(recycle_limit(redo), 29);
        // Never past max_wal_size's worth.
        update_checkpoint_distance_estimate(1000 * WAL_SEGMENT_SIZE);
        assert_eq!(recycle_limit(redo), 10 + 63);
    }
}
