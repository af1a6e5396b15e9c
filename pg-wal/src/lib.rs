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
