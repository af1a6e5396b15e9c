//! pg-wal: the write-ahead log and transaction status (PostgreSQL's
//! `src/backend/access/transam`: xlog.c, xloginsert.c, xlogreader.c,
//! xlogrecovery.c, clog.c, subtrans.c, varsup.c, xact.c's commit and abort
//! records).
//!
//! Every change to a relation page is described by a WAL record inserted
//! here before the page may be written; a commit is durable once its commit
//! record is flushed. Recovery replays records from the last checkpoint's
//! redo point through the resource managers that higher layers register
//! (heap from pg-storage, ...), since this crate sits below them.
//!
//! Dependencies: pg-error, pg-guc, pg-shmem, pg-mcxt, pg-proc.
//! Invariants: WAL before data (no page reaches disk before the WAL up to
//! its LSN is flushed); a record is either whole and CRC-valid or ends
//! replay; transaction ids are 64-bit and never wrap.
//!
//! The WAL (the wal modules): [`record`] is the format, [`insert`] builds
//! records and [`xlog`] places them in the WAL buffers and writes and
//! flushes them (group commit), [`reader`] reads them back, [`rmgr`] is the
//! registry of redo functions, [`control`] is `global/pg_control`,
//! [`checkpoint`] and [`recovery`] take checkpoints and replay after a
//! crash, [`xlog_rmgr`] is the XLOG resource manager. `xlog`'s module doc
//! draws the shared state and its locks.
//!
//! # For the next session (state of the wal area)
//!
//! Done and tested (unit tests, a proptest of the record format, and
//! `tests/wal_stream.rs`: a two-segment stream, resumed insertion,
//! corruption, group commit from 12 processes with SIGKILL, crash recovery):
//! everything above, wired into the server: `pg_tcop::create_shared_memory`
//! sizes and creates the WAL's shared memory and registers the hooks
//! (transam's checkpoint and start-up, the buffer manager's checkpoint and
//! full-page image redo); initdb (`pg-server/src/initdb.rs`) calls
//! [`recovery::bootstrap_xlog`] and a shutdown checkpoint; pg-postmaster
//! runs the startup process, checkpointer, WAL writer and background writer.
//!
//! The end-to-end checks are `tests/tests/wal.rs` (kill -9 of the postmaster
//! with committed, uncommitted and asynchronous work; clean shutdown; aux
//! processes) and the crash scripts `cargo xtask heavy crashbank|powercut`.
//! Hooks from above are registered in `pg_tcop::create_shared_memory`
//! (`register_wal_hooks`); a new subsystem that must flush at checkpoints
//! registers there, in PostgreSQL's `CheckPointGuts` order.
//!
//! Not done, or simpler than PostgreSQL:
//! - one WALInsertLock held while the record is copied (PostgreSQL has 8
//!   and reserves space first); `commit_delay` is not used;
//! - the write lock is held through the fsync that follows a write (as
//!   PostgreSQL holds WALWriteLock): a backend whose insert needs the
//!   oldest WAL buffer page written (`init_page`) waits, insert lock held,
//!   for the WAL writer's fsync. In the 2M-row load with shared_buffers
//!   16MB that is most of the backend's 0.2-0.5 s of blocked time
//!   (PostgreSQL's: 0.1-0.2 s). A separate flush lock, taken before the
//!   write lock and held for the fsync only, would keep group commit and
//!   let buffer writes proceed;
//! - images are never compressed (`wal_compression`); checkpoints are never
//!   spread (`checkpoint_completion_target` only sizes the max_wal_size
//!   trigger); no XLOG_SWITCH, no archiving, no replication, timeline 1;
//! - a torn tail is zeroed at start instead of PostgreSQL's
//!   XLOG_OVERWRITE_CONTRECORD; pg_control is not in shared memory (its
//!   writers never overlap: bootstrap, the startup process, the
//!   checkpointer);
//! - no pg_stat_wal / pg_stat_bgwriter views yet (`xlog::wal_io_counts`
//!   and `checkpoint::checkpoint_counts` hold the figures), no
//!   `pg_control_checkpoint()` functions, no pg_waldump.
//!
//! Transaction status (the transam modules: `varsup`, `clog`, `subtrans`,
//! `slru`, `xact`, `snapmgr`): ids are handed out under `XidGenLock` and
//! published in the PGPROC before anyone can get a later one; a commit is
//! recorded in WAL, then the clog, then leaves the proc array, so a snapshot
//! that no longer lists a transaction finds its outcome in the clog. `xact`'s
//! module doc gives the commit order and the state of this area for the
//! next session.

pub mod block;
// ---- wal
pub mod checkpoint;
pub mod control;
pub mod insert;
pub mod reader;
pub mod record;
pub mod recovery;
pub mod rmgr;
pub mod xlog;
pub mod xlog_rmgr;
// ---- transam
pub mod clog;
pub mod slru;
pub mod snapmgr;
pub mod subtrans;
pub mod varsup;
pub mod xact;

/// Tests that make a shared segment take this first: the current segment
/// is process-wide and the test harness runs tests on several threads.
#[cfg(test)]
pub(crate) static SHMEM_TEST_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
