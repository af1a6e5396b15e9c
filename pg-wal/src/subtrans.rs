//! pg_subtrans: the parent of every subtransaction id (PostgreSQL's
//! `access/transam/subtrans.c`).
//!
//! Eight bytes per id (the parent's 64-bit id, 0 for a top-level
//! transaction), [`SUBTRANS_XACTS_PER_PAGE`] per page, in `pg_subtrans/`
//! through the SLRU machinery ([`crate::slru`]). It answers only for
//! transactions that may still be running, so it is not WAL-logged: at
//! start-up it is emptied and begins again at the page of nextXid.
//!
//! Its one customer is the case where a backend had more subtransactions
//! than its PGPROC caches (`suboverflowed`): snapshots and
//! `transaction_id_is_in_progress` then map a subtransaction id to its
//! top-level parent here (registered with pg-proc as
//! `pg_proc::snapshot::set_subtrans_topmost_hook`).

use crate::slru::{SlruCtl, SlruDir};
use pg_error::{PgError, PgResult};
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID, INVALID_TRANSACTION_ID};
use std::path::Path;

/// Parent ids per page.
pub const SUBTRANS_XACTS_PER_PAGE: u64 = (crate::block::BLCKSZ / 8) as u64;

/// Buffers of pg_subtrans (`NUM_SUBTRANS_BUFFERS`).
pub const NUM_SUBTRANS_BUFFERS: usize = 32;

thread_local! {
    static SUBTRANS: std::cell::Cell<Option<SlruCtl>> = const { std::cell::Cell::new(None) };
}

fn ctl() -> PgResult<SlruCtl> {
    SUBTRANS.with(|c| c.get()).ok_or_else(|| PgError::internal("pg_subtrans is not initialised"))
}

fn page_and_offset(xid: TransactionId) -> (u64, usize) {
    (xid / SUBTRANS_XACTS_PER_PAGE, (xid % SUBTRANS_XACTS_PER_PAGE) as usize * 8)
}

/// Shared memory pg_subtrans needs.
pub fn shmem_size() -> PgResult<usize> {
    crate::slru::shmem_size(NUM_SUBTRANS_BUFFERS)
}

/// Creates or attaches to pg_subtrans's buffers (files in
/// `DATA_DIRECTORY/pg_subtrans`) and registers the topmost lookup with
/// the proc array.
pub fn shmem_init() -> PgResult<()> {
    init(SlruDir::DataDir("pg_subtrans"), NUM_SUBTRANS_BUFFERS)
}

/// [`shmem_init`] with the directory and buffer count given (tests).
pub fn shmem_init_in(dir: &Path, buffers: usize) -> PgResult<()> {
    init(SlruDir::fixed(dir), buffers)
}

fn init(dir: SlruDir, buffers: usize) -> PgResult<()> {
    let ctl = SlruCtl::init("Subtrans", buffers, dir, false)?;
    SUBTRANS.with(|c| c.set(Some(ctl)));
    pg_proc::snapshot::set_subtrans_topmost_hook(topmost_or_self);
    Ok(())
}

/// `SubTransSetParent`: records that `xid` is a subtransaction of `parent`.
pub fn sub_trans_set_parent(xid: TransactionId, parent: TransactionId) -> PgResult<()> {
    let ctl = ctl()?;
    let (pageno, off) = page_and_offset(xid);
    let lock = ctl.lock_exclusive();
    let slot = ctl.read_page(&lock, pageno)?;
    ctl.modify(&lock, slot, 0, |page| page[off..off + 8].copy_from_slice(&parent.to_le_bytes()));
    Ok(())
}

/// `SubTransGetParent`: `xid`'s parent, INVALID for a top-level id (or one
/// older than the last start, which nobody asks about).
pub fn sub_trans_get_parent(xid: TransactionId) -> PgResult<TransactionId> {
    if xid < FIRST_NORMAL_TRANSACTION_ID {
        return Ok(INVALID_TRANSACTION_ID);
    }
    let (pageno, off) = page_and_offset(xid);
    ctl()?.with_page(pageno, |page| u64::from_le_bytes(page[off..off + 8].try_into().expect("eight bytes")))
}

/// `SubTransGetTopmostTransaction`: follows the parents up to the
/// top-level transaction.
pub fn sub_trans_get_topmost_transaction(xid: TransactionId) -> PgResult<TransactionId> {
    let mut cur = xid;
    loop {
        let parent = sub_trans_get_parent(cur)?;
        // A parent is always older than its child; anything else is a page
        // from an earlier run, which means cur is top-level for us.
        if parent == INVALID_TRANSACTION_ID || parent >= cur {
            return Ok(cur);
        }
        cur = parent;
    }
}

/// The hook pg-proc calls: errors (an unreadable file) answer `xid`, as a
/// top-level id would.
fn topmost_or_self(xid: TransactionId) -> TransactionId {
    sub_trans_get_topmost_transaction(xid).unwrap_or(xid)
}

/// `ExtendSUBTRANS`: under `XidGenLock`, a fresh page when `xid` is its first.
pub fn extend_subtrans(xid: TransactionId) -> PgResult<()> {
    if !xid.is_multiple_of(SUBTRANS_XACTS_PER_PAGE) && xid != FIRST_NORMAL_TRANSACTION_ID {
        return Ok(());
    }
    let ctl = ctl()?;
    let lock = ctl.lock_exclusive();
    ctl.zero_page(&lock, xid / SUBTRANS_XACTS_PER_PAGE)?;
    Ok(())
}

/// `StartupSUBTRANS` (also initdb's `BootStrapSUBTRANS`): nothing runs,
/// so the old contents go; the page of `next_xid` starts zeroed.
pub fn startup_subtrans(next_xid: TransactionId) -> PgResult<()> {
    let ctl = ctl()?;
    ctl.discard_all();
    ctl.truncate(u64::MAX)?;
    let lock = ctl.lock_exclusive();
    ctl.zero_page(&lock, next_xid / SUBTRANS_XACTS_PER_PAGE)?;
    Ok(())
}

/// `CheckPointSUBTRANS`: writes dirty pages (for the sake of memory, not
/// durability) and removes segments older than `oldest_xmin`'s.
pub fn checkpoint_subtrans(oldest_xmin: TransactionId) -> PgResult<()> {
    let ctl = ctl()?;
    ctl.write_all()?;
    ctl.truncate(oldest_xmin / SUBTRANS_XACTS_PER_PAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_and_topmost() {
        crate::clog::tests::with_clog(2, |_| {
            let base = (1u64 << 32) + 10;
            startup_subtrans(base).unwrap();
            sub_trans_set_parent(base + 1, base).unwrap();
            sub_trans_set_parent(base + 2, base + 1).unwrap();
            // Far away, on another page: forces reads and evictions.
            sub_trans_set_parent(base + 5000, base + 2).unwrap();
            sub_trans_set_parent(base + 9000, base + 5000).unwrap();
            assert_eq!(sub_trans_get_parent(base).unwrap(), 0);
            assert_eq!(sub_trans_get_topmost_transaction(base + 9000).unwrap(), base);
            assert_eq!(pg_proc::snapshot::subtrans_topmost(base + 2), base);
            assert_eq!(sub_trans_get_topmost_transaction(base + 3).unwrap(), base + 3);
        });
    }
}
