//! The storage manager switch and the fsync request queue (PostgreSQL's
//! `storage/smgr/smgr.c` and `storage/sync/sync.c`).
//!
//! [`SmgrRelation`] names one relation's files (`RelFileNode` plus the
//! owning backend of a temporary relation) and forwards every operation to
//! [`crate::md`], the only storage manager. It is a small `Copy` value: the
//! open file handles it uses are cached per process in `md`.
//!
//! **Durability.** A write (`write`, `extend`) does not fsync. It files a
//! *sync request* for the segment instead, and the next checkpoint fsyncs
//! every requested segment before it completes ([`smgr_sync_all_pending`]),
//! as PostgreSQL's checkpointer does. Requests travel through a queue in
//! shared memory (`CheckpointerShmem->requests`), because the process that
//! writes a page (any backend, the background writer) is not the one that
//! checkpoints. When the queue is full and cannot be compacted, the writer
//! fsyncs the segment itself. A process without the shared queue (unit
//! tests, or before shared memory exists) keeps its requests locally, and
//! its own checkpoint call syncs them.
//!
//! **Unlink.** Dropping a relation removes its files at once, except the
//! first segment of the main fork, which is truncated to nothing and
//! removed after the next checkpoint ([`smgr_post_checkpoint`]): until
//! then the relfilenode cannot be reused while other processes may still
//! hold handles on the old file (PostgreSQL's "tombstone").
//!
//! A failed fsync is a PANIC (PostgreSQL's `data_sync_retry = off`): the
//! kernel may have dropped the dirty pages, so retrying could report
//! success for data that is gone; crash recovery replays them from WAL.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fs::File;
use std::sync::atomic::{AtomicPtr, Ordering};

use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_guc::vars;
use pg_shmem::{LWLocked, ShmemSafe};
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, BLCKSZ};

use crate::md::{self, MdFork};

/// One relation's storage, as the buffer manager and redo address it
/// (`SMgrRelation`). `backend` is the owning backend of a temporary
/// relation (files `t<backend>_<rel>`), `None` for every other one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SmgrRelation {
    /// The files' name.
    pub rnode: RelFileNode,
    /// The owning backend of a temporary relation.
    pub backend: Option<i32>,
}

/// `smgropen`: the storage of `rnode` (cheap; opens nothing yet).
pub fn smgr_open(rnode: RelFileNode, backend: Option<i32>) -> SmgrRelation {
    SmgrRelation { rnode, backend }
}

const ALL_FORKS: [ForkNumber; 4] = [ForkNumber::Main, ForkNumber::Fsm, ForkNumber::VisibilityMap, ForkNumber::Init];

impl SmgrRelation {
    fn md(&self, fork: ForkNumber) -> MdFork {
        MdFork { rnode: self.rnode, backend: self.backend, fork }
    }

    /// Is this a temporary relation (its writes never need fsync)?
    pub fn is_temp(&self) -> bool {
        self.backend.is_some()
    }

    /// `smgrcreate`: creates the fork's first (empty) file. An existing file
    /// is an error (58P02 `could not create file "...": File exists`)
    /// unless `is_redo`. The directory is fsynced so the new name survives
    /// a crash (unless `fsync = off` or the relation is temporary).
    pub fn create(&self, fork: ForkNumber, is_redo: bool) -> PgResult<()> {
        let md = self.md(fork);
        md.create(is_redo)?;
        if !self.is_temp() && vars::FSYNC.get() {
            let dir = md.directory()?;
            let d = File::open(&dir).map_err(|e| {
                PgError::new(
                    md::file_access_code(&e),
                    format!("could not open file \"{}\": {}", dir.display(), md::strerror(&e)),
                )
            })?;
            fsync_or_panic(&d, &dir.display().to_string())?;
        }
        Ok(())
    }

    /// `smgrexists`.
    pub fn exists(&self, fork: ForkNumber) -> PgResult<bool> {
        self.md(fork).exists()
    }

    /// `smgrread`: reads block `blkno`. A block past the end is an error
    /// (XX001 `could not read block N in file "...": read only 0 of 8192
    /// bytes`) unless `zero_if_missing`.
    pub fn read(
        &self,
        fork: ForkNumber,
        blkno: BlockNumber,
        buf: &mut [u8; BLCKSZ],
        zero_if_missing: bool,
    ) -> PgResult<()> {
        self.md(fork).read(blkno, buf, zero_if_missing)
    }

    /// `smgrwrite`: overwrites block `blkno` and files a sync request
    /// unless `skip_fsync` (temporary and unlogged-at-build relations).
    pub fn write(&self, fork: ForkNumber, blkno: BlockNumber, buf: &[u8; BLCKSZ], skip_fsync: bool) -> PgResult<()> {
        let segno = self.md(fork).write(blkno, buf)?;
        if !skip_fsync && !self.is_temp() {
            register_sync_request(self.rnode, fork, segno)?;
        }
        Ok(())
    }

    /// `smgrextend`: adds block `blkno` (normally `nblocks`) with `buf`.
    pub fn extend(&self, fork: ForkNumber, blkno: BlockNumber, buf: &[u8; BLCKSZ], skip_fsync: bool) -> PgResult<()> {
        let segno = self.md(fork).extend(blkno, buf)?;
        if !skip_fsync && !self.is_temp() {
            register_sync_request(self.rnode, fork, segno)?;
        }
        Ok(())
    }

    /// `smgrnblocks`: the fork's length in blocks (0 when it does not exist).
    pub fn nblocks(&self, fork: ForkNumber) -> PgResult<BlockNumber> {
        self.md(fork).nblocks()
    }

    /// `smgrtruncate` of one fork. The caller has dropped the buffers of
    /// the blocks past `nblocks` first (`drop_relation_buffers`).
    pub fn truncate(&self, fork: ForkNumber, nblocks: BlockNumber) -> PgResult<()> {
        self.md(fork).truncate(nblocks)?;
        if !self.is_temp() {
            // The truncation must be durable by the next checkpoint too.
            register_sync_request(self.rnode, fork, nblocks / md::RELSEG_SIZE)?;
        }
        Ok(())
    }

    /// `smgrimmedsync`: fsyncs the fork now (after a build that skipped WAL
    /// and the buffer pool).
    pub fn immedsync(&self, fork: ForkNumber) -> PgResult<()> {
        if vars::FSYNC.get() {
            self.md(fork).immedsync()?;
        }
        Ok(())
    }

    /// `smgrdounlinkall` for this relation: removes the files of every
    /// fork. A permanent relation's main fork leaves an empty first
    /// segment until the next checkpoint (see the module doc); a temporary
    /// one, or an unlink during redo, removes everything now. The caller
    /// has dropped the relation's buffers.
    pub fn unlink(&self, is_redo: bool) -> PgResult<()> {
        for fork in ALL_FORKS {
            let tombstone = fork == ForkNumber::Main && !self.is_temp() && !is_redo;
            self.md(fork).unlink(tombstone)?;
            if tombstone {
                register_unlink_request(self.rnode)?;
            }
        }
        Ok(())
    }

    /// Removes one fork's files at once (FSM/VM truncation to nothing).
    pub fn unlink_fork(&self, fork: ForkNumber) -> PgResult<()> {
        self.md(fork).unlink(false)
    }

    /// `smgrclose`: drops this process's handles on the files.
    pub fn close(&self) {
        md::close_rel(&self.rnode, self.backend);
    }
}

/// fsync of a file; failure is a PANIC (see the module doc).
pub(crate) fn fsync_or_panic(f: &File, path: &str) -> PgResult<()> {
    if !vars::FSYNC.get() {
        return Ok(());
    }
    match f.sync_all() {
        Ok(()) => Ok(()),
        Err(e) => Err(PgError::notice(
            Severity::Panic,
            md::file_access_code(&e),
            format!("could not fsync file \"{path}\": {}", md::strerror(&e)),
        )),
    }
}

// ---- the request queue -------------------------------------------------

/// What a request asks of the checkpoint.
const REQ_SYNC: u32 = 0;
const REQ_UNLINK: u32 = 1;

/// One request (`CheckpointerRequest`): fsync segment `segno` of a fork,
/// or unlink a main fork's tombstone after the checkpoint.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
struct SyncRequest {
    spc: u32,
    db: u32,
    rel: u32,
    fork: u32,
    segno: u32,
    kind: u32,
}

/// The queue's capacity. PostgreSQL sizes it by `shared_buffers`; a fixed
/// size keeps the shared struct a plain array, and a full queue is
/// compacted (duplicates removed) before a writer falls back to fsyncing
/// itself.
pub const SYNC_QUEUE_SIZE: usize = 16_384;

/// The request queue in shared memory. Protected by its LWLock.
#[repr(C)]
struct SyncQueue {
    len: u32,
    requests: [SyncRequest; SYNC_QUEUE_SIZE],
}

// SAFETY: repr(C) of u32 fields and an array of repr(C) u32 records; all
// zeros is an empty queue; no pointers.
unsafe impl ShmemSafe for SyncRequest {}
// SAFETY: as above.
unsafe impl ShmemSafe for SyncQueue {}

/// The shared queue once `sync_shmem_init` ran in this process (or its
/// parent before the fork).
static SYNC_QUEUE: AtomicPtr<LWLocked<SyncQueue>> = AtomicPtr::new(std::ptr::null_mut());

thread_local! {
    /// The requests this process has absorbed or filed locally
    /// (`pendingOps`); only the checkpointing process holds many.
    static PENDING: RefCell<BTreeSet<SyncRequest>> = const { RefCell::new(BTreeSet::new()) };
}

/// Shared memory for the fsync request queue (`CheckpointerShmemSize`'s part).
pub fn shmem_size() -> PgResult<usize> {
    pg_shmem::add_size(std::mem::size_of::<LWLocked<SyncQueue>>(), 64)
}

/// Finds or creates the request queue in the current segment.
pub fn shmem_init() -> PgResult<()> {
    let tranche = pg_shmem::lwlock_register_tranche("CheckpointerComm");
    let (queue, _) =
        pg_shmem::shmem_init_struct_typed::<LWLocked<SyncQueue>>("Checkpointer Data", |q| q.lwlock().init(tranche))?;
    SYNC_QUEUE.store(queue as *const _ as *mut _, Ordering::Release);
    PENDING.with(|p| p.borrow_mut().clear());
    Ok(())
}

fn shared_queue() -> Option<&'static LWLocked<SyncQueue>> {
    let p = SYNC_QUEUE.load(Ordering::Acquire);
    // SAFETY: a non-null pointer was stored by `sync_shmem_init` from a
    // `&'static` reference into the shared segment, which stays mapped for
    // the life of this process (a crash restart re-runs the init in the
    // postmaster before forking new children).
    (!p.is_null()).then(|| unsafe { &*p })
}

fn file_request(req: SyncRequest) -> PgResult<()> {
    let Some(queue) = shared_queue() else {
        PENDING.with(|p| p.borrow_mut().insert(req));
        return Ok(());
    };
    {
        let mut q = queue.write();
        if q.len as usize == SYNC_QUEUE_SIZE {
            // CompactCheckpointerRequestQueue: drop duplicates.
            let n = q.len as usize;
            let mut set: BTreeSet<SyncRequest> = q.requests[..n].iter().copied().collect();
            set.insert(req);
            if set.len() <= SYNC_QUEUE_SIZE {
                q.len = set.len() as u32;
                for (slot, r) in q.requests.iter_mut().zip(set) {
                    *slot = r;
                }
                return Ok(());
            }
        } else {
            let n = q.len as usize;
            q.requests[n] = req;
            q.len += 1;
            return Ok(());
        }
    }
    // Still full: do it ourselves (a sync) or keep it locally (an unlink,
    // which this process then performs at its own next checkpoint call;
    // the tombstone merely lingers otherwise).
    if req.kind == REQ_SYNC {
        perform(&req)
    } else {
        PENDING.with(|p| p.borrow_mut().insert(req));
        Ok(())
    }
}

fn register_sync_request(rnode: RelFileNode, fork: ForkNumber, segno: u32) -> PgResult<()> {
    file_request(SyncRequest { spc: rnode.spc, db: rnode.db, rel: rnode.rel, fork: fork as u32, segno, kind: REQ_SYNC })
}

fn register_unlink_request(rnode: RelFileNode) -> PgResult<()> {
    file_request(SyncRequest { spc: rnode.spc, db: rnode.db, rel: rnode.rel, fork: 0, segno: 0, kind: REQ_UNLINK })
}

fn md_of(req: &SyncRequest) -> MdFork {
    MdFork {
        rnode: RelFileNode { spc: req.spc, db: req.db, rel: req.rel },
        backend: None,
        fork: ForkNumber::from_u8(req.fork as u8).unwrap_or(ForkNumber::Main),
    }
}

fn perform(req: &SyncRequest) -> PgResult<()> {
    match req.kind {
        REQ_SYNC => md_of(req).sync_segment(req.segno),
        _ => md_of(req).unlink_tombstone(),
    }
}

/// `AbsorbSyncRequests`: moves the shared queue's requests into this
/// process's pending set.
pub fn absorb_sync_requests() {
    if let Some(queue) = shared_queue() {
        let mut q = queue.write();
        let n = q.len as usize;
        PENDING.with(|p| p.borrow_mut().extend(q.requests[..n].iter().copied()));
        q.len = 0;
    }
}

/// `ProcessSyncRequests`: fsyncs every segment written since the last
/// call. The checkpoint calls it after writing the dirty buffers and
/// before its record; any fsync failure is a PANIC. Returns how many files
/// were synced.
pub fn smgr_sync_all_pending() -> PgResult<usize> {
    absorb_sync_requests();
    let syncs: Vec<SyncRequest> = PENDING.with(|p| p.borrow().iter().filter(|r| r.kind == REQ_SYNC).copied().collect());
    for req in &syncs {
        pg_error::check_for_interrupts()?;
        perform(req)?;
        PENDING.with(|p| p.borrow_mut().remove(req));
    }
    Ok(syncs.len())
}

/// `SyncPostCheckpoint`: removes the tombstones of relations dropped
/// before the checkpoint that just completed (call after pg_control is
/// updated). Returns how many were removed.
pub fn smgr_post_checkpoint() -> PgResult<usize> {
    absorb_sync_requests();
    let unlinks: Vec<SyncRequest> =
        PENDING.with(|p| p.borrow().iter().filter(|r| r.kind == REQ_UNLINK).copied().collect());
    for req in &unlinks {
        perform(req)?;
        PENDING.with(|p| p.borrow_mut().remove(req));
    }
    Ok(unlinks.len())
}

/// How many requests this process holds locally (tests, diagnostics).
pub fn pending_sync_requests() -> usize {
    PENDING.with(|p| p.borrow().len())
}

/// Whether an error is "file not found" (a read of a relation another
/// process dropped), for callers that treat that case specially.
pub fn is_missing_file_error(e: &PgError) -> bool {
    e.code == SqlState::UNDEFINED_FILE
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_wal::block::DEFAULT_TABLESPACE_OID;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ferrogres_smgr_{}_{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("base/5")).unwrap();
        md::set_storage_root_for_thread(Some(dir.clone()));
        dir
    }

    fn block(fill: u8) -> Box<[u8; BLCKSZ]> {
        Box::new([fill; BLCKSZ])
    }

    #[test]
    fn create_extend_read_write_truncate_unlink() {
        let dir = scratch("basic");
        let rel = smgr_open(RelFileNode { spc: DEFAULT_TABLESPACE_OID, db: 5, rel: 16384 }, None);
        assert!(!rel.exists(ForkNumber::Main).unwrap());
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), 0);
        rel.create(ForkNumber::Main, false).unwrap();
        let dup = rel.create(ForkNumber::Main, false).unwrap_err();
        assert_eq!(dup.code, SqlState::DUPLICATE_FILE);
        assert!(dup.message.starts_with("could not create file"), "{}", dup.message);
        for b in 0..3u32 {
            rel.extend(ForkNumber::Main, b, &block(b as u8 + 1), false).unwrap();
        }
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), 3);
        rel.write(ForkNumber::Main, 1, &block(9), false).unwrap();
        let mut buf = block(0);
        rel.read(ForkNumber::Main, 1, &mut buf, false).unwrap();
        assert!(buf.iter().all(|&b| b == 9));
        let e = rel.read(ForkNumber::Main, 3, &mut buf, false).unwrap_err();
        assert_eq!(e.code, SqlState::DATA_CORRUPTED);
        assert_eq!(e.message, "could not read block 3 in file \"base/5/16384\": read only 0 of 8192 bytes");
        rel.read(ForkNumber::Main, 3, &mut buf, true).unwrap();
        assert!(buf.iter().all(|&b| b == 0));
        rel.truncate(ForkNumber::Main, 1).unwrap();
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), 1);
        let e = rel.truncate(ForkNumber::Main, 5).unwrap_err();
        assert!(e.message.contains("it's only 1 blocks now"), "{}", e.message);
        // Every write filed a sync request (no shared queue in a unit test).
        assert!(pending_sync_requests() >= 1);
        assert!(smgr_sync_all_pending().unwrap() >= 1);
        // Unlink leaves the tombstone until after the checkpoint.
        rel.create(ForkNumber::Fsm, false).unwrap();
        rel.unlink(false).unwrap();
        assert!(dir.join("base/5/16384").exists());
        assert!(!dir.join("base/5/16384_fsm").exists());
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), 0);
        assert_eq!(smgr_post_checkpoint().unwrap(), 1);
        assert!(!dir.join("base/5/16384").exists());
        md::set_storage_root_for_thread(None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn segments_split_at_relseg_size() {
        let dir = scratch("segments");
        let rel = smgr_open(RelFileNode { spc: DEFAULT_TABLESPACE_OID, db: 5, rel: 16400 }, Some(3));
        rel.create(ForkNumber::Main, false).unwrap();
        // Extending at block RELSEG_SIZE + 1 leaves a hole in the first
        // segment's tail (sparse) and starts segment 1.
        let first = md::RELSEG_SIZE;
        rel.extend(ForkNumber::Main, first - 1, &block(1), false).unwrap();
        rel.extend(ForkNumber::Main, first + 1, &block(2), false).unwrap();
        assert!(dir.join("base/5/t3_16400.1").exists());
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), first + 2);
        let mut buf = block(0);
        rel.read(ForkNumber::Main, first + 1, &mut buf, false).unwrap();
        assert!(buf.iter().all(|&b| b == 2));
        rel.read(ForkNumber::Main, first, &mut buf, false).unwrap();
        assert!(buf.iter().all(|&b| b == 0));
        // Temporary relations file no sync requests.
        assert_eq!(pending_sync_requests(), 0);
        rel.truncate(ForkNumber::Main, first).unwrap();
        assert!(!dir.join("base/5/t3_16400.1").exists());
        assert_eq!(rel.nblocks(ForkNumber::Main).unwrap(), first);
        rel.unlink(false).unwrap();
        assert!(!dir.join("base/5/t3_16400").exists());
        md::set_storage_root_for_thread(None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
