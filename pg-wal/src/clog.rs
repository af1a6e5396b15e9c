//! The commit log, `pg_xact/` (PostgreSQL's `access/transam/clog.c` and
//! the status tests of `transam.c`).
//!
//! Two bits per transaction id say whether it is in progress (or crashed:
//! 0), committed (1), aborted (2) or sub-committed (3), 4 ids per byte,
//! [`CLOG_XACTS_PER_PAGE`] per 8 kB page, 32 pages per segment file
//! (see [`crate::slru`]). Ids are 64-bit: page `xid / 32768` of segment
//! `page / 32`, so the id 2^32 is on page 131072, in file `pg_xact/1000`.
//!
//! A whole tree (a transaction and its committed subtransactions) is set
//! under one exclusive hold of the control lock, so no reader sees part of
//! it; PostgreSQL's sub-committed state is therefore never written here,
//! only understood when read.
//!
//! Write-ahead rule: a commit's status carries its commit record's LSN
//! (with `synchronous_commit = off` the record may not be flushed yet); the
//! page is written only after the WAL is flushed that far, and
//! [`transaction_id_get_commit_lsn`] lets hint bits wait likewise.
//!
//! Reserved ids: the bootstrap and frozen ids always read as committed,
//! the invalid id as aborted (`TransactionLogFetch`).

use crate::block::XLogRecPtr;
use crate::slru::{SlruCtl, SlruDir, SlruExclusive};
use pg_error::{PgError, PgResult};
use pg_proc::xid::{
    TransactionId, BOOTSTRAP_TRANSACTION_ID, FIRST_NORMAL_TRANSACTION_ID, FROZEN_TRANSACTION_ID, INVALID_TRANSACTION_ID,
};
use std::path::Path;

/// Status bits per transaction (`CLOG_BITS_PER_XACT`).
pub const CLOG_BITS_PER_XACT: u64 = 2;
/// Transactions per byte (`CLOG_XACTS_PER_BYTE`).
pub const CLOG_XACTS_PER_BYTE: u64 = 4;
/// Transactions per page (`CLOG_XACTS_PER_PAGE`).
pub const CLOG_XACTS_PER_PAGE: u64 = crate::block::BLCKSZ as u64 * CLOG_XACTS_PER_BYTE;

/// The shmem index name and LWLock tranche of the clog SLRU.
const CLOG_SLRU_NAME: &str = "Xact";

/// A transaction's recorded fate (`XidStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum XidStatus {
    /// Running, or crashed without a record (`TRANSACTION_STATUS_IN_PROGRESS`).
    InProgress = 0,
    /// `TRANSACTION_STATUS_COMMITTED`.
    Committed = 1,
    /// `TRANSACTION_STATUS_ABORTED`.
    Aborted = 2,
    /// `TRANSACTION_STATUS_SUB_COMMITTED`: committed if its parent did.
    SubCommitted = 3,
}

impl XidStatus {
    fn from_bits(b: u8) -> XidStatus {
        match b & 3 {
            0 => XidStatus::InProgress,
            1 => XidStatus::Committed,
            2 => XidStatus::Aborted,
            _ => XidStatus::SubCommitted,
        }
    }
}

/// The page holding `xid`'s status (`TransactionIdToPage`).
pub fn transaction_id_to_page(xid: TransactionId) -> u64 {
    xid / CLOG_XACTS_PER_PAGE
}

fn byte_and_shift(xid: TransactionId) -> (usize, u32) {
    let in_page = xid % CLOG_XACTS_PER_PAGE;
    ((in_page / CLOG_XACTS_PER_BYTE) as usize, ((in_page % CLOG_XACTS_PER_BYTE) * CLOG_BITS_PER_XACT) as u32)
}

thread_local! {
    static CLOG: std::cell::Cell<Option<SlruCtl>> = const { std::cell::Cell::new(None) };
}

fn ctl() -> PgResult<SlruCtl> {
    CLOG.with(|c| c.get()).ok_or_else(|| PgError::internal("the commit log is not initialised"))
}

/// `CLOGShmemBuffers`: 1/512 of shared_buffers, at least 4 and at most 128.
pub fn clog_buffers() -> usize {
    let shared = pg_guc::vars::SHARED_BUFFERS.get().max(0) as usize;
    (shared / 512).clamp(4, 128)
}

/// Shared memory the clog needs.
pub fn shmem_size() -> PgResult<usize> {
    crate::slru::shmem_size(clog_buffers())
}

/// Creates or attaches to the clog's buffers; its files are
/// `DATA_DIRECTORY/pg_xact`.
pub fn shmem_init() -> PgResult<()> {
    init(SlruDir::DataDir("pg_xact"), clog_buffers())
}

/// [`shmem_init`] with the directory and buffer count given (tests).
pub fn shmem_init_in(dir: &Path, buffers: usize) -> PgResult<()> {
    init(SlruDir::fixed(dir), buffers)
}

fn init(dir: SlruDir, buffers: usize) -> PgResult<()> {
    let ctl = SlruCtl::init(CLOG_SLRU_NAME, buffers, dir, true)?;
    CLOG.with(|c| c.set(Some(ctl)));
    Ok(())
}

/// `TransactionIdGetStatus`.
pub fn transaction_id_get_status(xid: TransactionId) -> PgResult<XidStatus> {
    if xid < FIRST_NORMAL_TRANSACTION_ID {
        return Ok(match xid {
            BOOTSTRAP_TRANSACTION_ID | FROZEN_TRANSACTION_ID => XidStatus::Committed,
            _ => XidStatus::Aborted,
        });
    }
    let (byte, shift) = byte_and_shift(xid);
    ctl()?.with_page(transaction_id_to_page(xid), |page| XidStatus::from_bits(page[byte] >> shift))
}

/// `TransactionIdGetCommitLSN`: the WAL position that must be flushed
/// before a hint bit may say `xid` committed (0 when nothing need wait).
pub fn transaction_id_get_commit_lsn(xid: TransactionId) -> PgResult<XLogRecPtr> {
    if xid < FIRST_NORMAL_TRANSACTION_ID {
        return Ok(0);
    }
    Ok(ctl()?.page_lsn(transaction_id_to_page(xid)))
}

/// `TransactionIdSetTreeStatus`: records `status` (committed or aborted)
/// for `xid` and its subtransactions `subxids`, all at once. `lsn` is the
/// commit record's position (0 for aborts and redo that need no wait).
pub fn transaction_id_set_tree_status(
    xid: TransactionId,
    subxids: &[TransactionId],
    status: XidStatus,
    lsn: XLogRecPtr,
) -> PgResult<()> {
    debug_assert!(matches!(status, XidStatus::Committed | XidStatus::Aborted));
    let ctl = ctl()?;
    let lock = ctl.lock_exclusive();
    // Subtransactions first, then the top: a reader that could see part
    // of it would see the top last (the lock already prevents that).
    for &sub in subxids {
        set_status(&ctl, &lock, sub, status, lsn)?;
    }
    if xid != INVALID_TRANSACTION_ID {
        set_status(&ctl, &lock, xid, status, lsn)?;
    }
    Ok(())
}

fn set_status(
    ctl: &SlruCtl,
    lock: &SlruExclusive<'_>,
    xid: TransactionId,
    status: XidStatus,
    lsn: XLogRecPtr,
) -> PgResult<()> {
    if xid < FIRST_NORMAL_TRANSACTION_ID {
        return Ok(());
    }
    let slot = ctl.read_page(lock, transaction_id_to_page(xid))?;
    let (byte, shift) = byte_and_shift(xid);
    ctl.modify(lock, slot, lsn, |page| {
        page[byte] = (page[byte] & !(3 << shift)) | ((status as u8) << shift);
    });
    Ok(())
}

/// `TransactionIdDidCommit`: whether `xid` is recorded as committed (a
/// sub-committed id: whether its parent committed).
pub fn transaction_id_did_commit(xid: TransactionId) -> PgResult<bool> {
    match transaction_id_get_status(xid)? {
        XidStatus::Committed => Ok(true),
        XidStatus::SubCommitted => {
            let parent = crate::subtrans::sub_trans_get_parent(xid)?;
            Ok(parent != INVALID_TRANSACTION_ID && parent != xid && transaction_id_did_commit(parent)?)
        }
        _ => Ok(false),
    }
}

/// `TransactionIdDidAbort`: whether `xid` is recorded as aborted. A
/// transaction that crashed reads as in progress here; callers first ask
/// whether it is still running (`transaction_id_is_in_progress`).
pub fn transaction_id_did_abort(xid: TransactionId) -> PgResult<bool> {
    match transaction_id_get_status(xid)? {
        XidStatus::Aborted => Ok(true),
        XidStatus::SubCommitted => {
            let parent = crate::subtrans::sub_trans_get_parent(xid)?;
            if parent == INVALID_TRANSACTION_ID || parent == xid {
                return Ok(true);
            }
            transaction_id_did_abort(parent)
        }
        _ => Ok(false),
    }
}

/// `ExtendCLOG`: called under `XidGenLock` before `xid` is handed out;
/// zeroes a fresh page when `xid` is the first on it.
pub fn extend_clog(xid: TransactionId) -> PgResult<()> {
    if !xid.is_multiple_of(CLOG_XACTS_PER_PAGE) && xid != FIRST_NORMAL_TRANSACTION_ID {
        return Ok(());
    }
    zero_clog_page(transaction_id_to_page(xid), true)
}

/// `ZeroCLOGPage`: a page of zeros, optionally WAL-logged.
pub fn zero_clog_page(pageno: u64, write_wal: bool) -> PgResult<()> {
    let ctl = ctl()?;
    let lock = ctl.lock_exclusive();
    ctl.zero_page(&lock, pageno)?;
    drop(lock);
    if write_wal {
        log_zero_page(pageno)?;
    }
    Ok(())
}

/// `CLOG_ZEROPAGE` (rmgr CLOG): a page was zeroed; data: the page number (u64).
pub const CLOG_ZEROPAGE: u8 = 0x00;
/// `CLOG_TRUNCATE`: segments before a page were removed; data: the page
/// number (u64) and the oldest id kept (u64).
pub const CLOG_TRUNCATE: u8 = 0x10;

/// WAL-logs the zeroing of clog page `pageno` (`WriteZeroPageXlogRec`), so
/// that redo makes the page before any commit on it is replayed. Not
/// flushed: a commit on the page flushes it.
fn log_zero_page(pageno: u64) -> PgResult<()> {
    let data = pageno.to_le_bytes();
    let mut b = crate::insert::XLogRecordBuilder::new();
    b.register_data(&data);
    b.insert(crate::rmgr::RmgrId::CLOG, CLOG_ZEROPAGE).map(|_| ())
}

/// Redo of a CLOG record (`clog_redo`).
pub fn clog_redo(record: &crate::record::DecodedRecord) -> PgResult<()> {
    let data = &record.main_data;
    let word = |i: usize| data.get(i * 8..i * 8 + 8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
    let bad = || {
        PgError::new(
            pg_error::SqlState::DATA_CORRUPTED,
            format!("invalid CLOG record at {}", crate::record::fmt_lsn(record.lsn)),
        )
    };
    match record.header.info & 0xF0 {
        CLOG_ZEROPAGE => {
            let pageno = word(0).ok_or_else(bad)?;
            zero_clog_page(pageno, false)?;
            // As PostgreSQL: write it at once, so the file exists.
            ctl()?.write_all()
        }
        CLOG_TRUNCATE => ctl()?.truncate(word(0).ok_or_else(bad)?),
        _ => Ok(()),
    }
}

/// Describes a CLOG record (`clog_desc`).
pub fn clog_desc(record: &crate::record::DecodedRecord) -> String {
    let page = record.main_data.get(..8).map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")));
    match record.header.info & 0xF0 {
        CLOG_ZEROPAGE => format!("ZEROPAGE page {}", page.unwrap_or(0)),
        CLOG_TRUNCATE => format!("TRUNCATE page {}", page.unwrap_or(0)),
        i => format!("UNKNOWN {i:#x}"),
    }
}

/// `BootStrapCLOG`: initdb makes the page that holds the first id to be
/// handed out (`next_xid`) and writes it.
pub fn bootstrap_clog(next_xid: TransactionId) -> PgResult<()> {
    let ctl = ctl()?;
    let lock = ctl.lock_exclusive();
    ctl.zero_page(&lock, transaction_id_to_page(next_xid))?;
    drop(lock);
    ctl.write_all()
}

/// `StartupCLOG` / `TrimCLOG`: after recovery, ids from `next_xid` on may
/// have statuses a crashed run wrote for ids that no WAL record names
/// (an abort is not flushed before its clog bits). They are handed out
/// again, so their bits are cleared on the current page (later pages are
/// zeroed when their first id is handed out).
pub fn startup_clog(next_xid: TransactionId) -> PgResult<()> {
    let ctl = ctl()?;
    let lock = ctl.lock_exclusive();
    let pageno = transaction_id_to_page(next_xid);
    let slot = ctl.read_page(&lock, pageno)?;
    let (byte, shift) = byte_and_shift(next_xid);
    ctl.modify(&lock, slot, 0, |page| {
        page[byte] &= (1u8 << shift).wrapping_sub(1);
        page[byte + 1..].fill(0);
    });
    // The current page is the newest: keep it out of replacement.
    ctl.set_latest_page(&lock, pageno);
    Ok(())
}

/// `CheckPointCLOG`: writes the dirty clog pages and fsyncs the files.
pub fn checkpoint_clog() -> PgResult<()> {
    ctl()?.write_all()
}

/// `TruncateCLOG`: removes segments holding only ids older than
/// `oldest_xid` (no transaction or snapshot asks about them any more).
pub fn truncate_clog(oldest_xid: TransactionId) -> PgResult<()> {
    let cutoff = transaction_id_to_page(oldest_xid);
    // Logged and flushed first (`WriteTruncateXlogRec`): redo must not
    // find commits on pages the files no longer have.
    let mut data = cutoff.to_le_bytes().to_vec();
    data.extend_from_slice(&oldest_xid.to_le_bytes());
    let mut b = crate::insert::XLogRecordBuilder::new();
    b.register_data(&data);
    let lsn = b.insert(crate::rmgr::RmgrId::CLOG, CLOG_TRUNCATE)?;
    crate::xlog::xlog_flush(lsn)?;
    ctl()?.truncate(cutoff)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn page_math_is_64_bit() {
        assert_eq!(transaction_id_to_page(32767), 0);
        assert_eq!(transaction_id_to_page(32768), 1);
        let big = 1u64 << 32;
        assert_eq!(transaction_id_to_page(big), 131072);
        assert_eq!(131072 / crate::slru::SLRU_PAGES_PER_SEGMENT, 0x1000);
        assert_eq!(byte_and_shift(big + 5), (1, 2));
    }

    /// Runs `f` with a fresh segment and a clog of `buffers` buffers in a
    /// temporary directory.
    pub(crate) fn with_clog(buffers: usize, f: impl FnOnce(&Path)) {
        let _serial = crate::SHMEM_TEST_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let seg = pg_shmem::ShmemSegment::create(8 << 20).unwrap();
        pg_shmem::lwlock_waiters_init(2).unwrap();
        pg_shmem::set_my_lwlock_waiter_slot(0).unwrap();
        let dir = std::env::temp_dir().join(format!(
            "ferrogres-clog-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        shmem_init_in(&dir, buffers).unwrap();
        crate::subtrans::shmem_init_in(&dir.join("sub"), 4).unwrap();
        f(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        // SAFETY: the test is done with the segment.
        unsafe { seg.destroy() };
    }

    #[test]
    fn reserved_ids_and_files() {
        with_clog(4, |dir| {
            assert_eq!(transaction_id_get_status(1).unwrap(), XidStatus::Committed);
            assert_eq!(transaction_id_get_status(2).unwrap(), XidStatus::Committed);
            assert_eq!(transaction_id_get_status(0).unwrap(), XidStatus::Aborted);
            let big = (1u64 << 32) - 2;
            bootstrap_clog(big).unwrap();
            for x in big..big + 4 {
                extend_clog(x).unwrap();
            }
            transaction_id_set_tree_status(big, &[big + 1, big + 3], XidStatus::Committed, 0).unwrap();
            transaction_id_set_tree_status(big + 2, &[], XidStatus::Aborted, 0).unwrap();
            checkpoint_clog().unwrap();
            assert!(dir.join("0FFF").exists() && dir.join("1000").exists());
            // Forget the buffers: the statuses come back from the files.
            ctl().unwrap().discard_all();
            assert!(transaction_id_did_commit(big + 3).unwrap());
            assert!(transaction_id_did_abort(big + 2).unwrap());
            assert!(!transaction_id_did_commit(big + 2).unwrap());
            assert_eq!(transaction_id_get_status(big + 4).unwrap(), XidStatus::InProgress);
            // Start-up clears what lies at and after nextXid.
            startup_clog(big + 2).unwrap();
            assert_eq!(transaction_id_get_status(big + 3).unwrap(), XidStatus::InProgress);
            assert!(transaction_id_did_commit(big + 1).unwrap());
            truncate_clog(1u64 << 32).unwrap();
            assert!(!dir.join("0FFF").exists() && dir.join("1000").exists());
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Random trees set on ids spread over many pages (more than the
        /// buffers, so pages are evicted and read back) agree with a map.
        #[test]
        fn statuses_match_a_model(ops in prop::collection::vec((0u64..400_000, prop::collection::vec(0u64..400_000, 0..4), any::<bool>(), any::<bool>()), 1..60)) {
            with_clog(4, |_| {
                let base = (1u64 << 32) - 200_000;
                let mut model: HashMap<u64, XidStatus> = HashMap::new();
                for (top, subs, commit, flush) in ops {
                    let status = if commit { XidStatus::Committed } else { XidStatus::Aborted };
                    let subs: Vec<u64> = subs.iter().map(|s| base + s).collect();
                    transaction_id_set_tree_status(base + top, &subs, status, 0).unwrap();
                    for x in subs.iter().copied().chain([base + top]) {
                        model.insert(x, status);
                    }
                    if flush {
                        checkpoint_clog().unwrap();
                    }
                    for (&x, &s) in &model {
                        assert_eq!(transaction_id_get_status(x).unwrap(), s, "xid {x}");
                    }
                }
            });
        }
    }
}
