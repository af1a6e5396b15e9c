//! Transaction id and OID assignment (PostgreSQL's
//! `access/transam/varsup.c`: the `VariableCache`).
//!
//! `nextXid` is 64-bit and never wraps, so there is no wraparound
//! horizon, no xidStopLimit and no freezing. It is guarded by
//! `XidGenLock`, held while a new id is made usable (its clog and
//! pg_subtrans pages exist) and published in the caller's PGPROC, before
//! `nextXid` moves past it: that ordering is what makes a snapshot
//! consistent (see `pg_proc::procarray`'s transaction side).
//!
//! `nextOid` is 32-bit, as OIDs are, guarded by `OidGenLock`; it skips
//! the reserved range below `FirstNormalObjectId` when it wraps. OIDs are
//! handed out from a prefetched range of [`VAR_OID_PREFETCH`]: before the
//! range is used, an XLOG NEXTOID record saying where it ends is written
//! (`xlog_rmgr::log_next_oid`), so that after a crash nextOid restarts
//! beyond every OID handed out.
//!
//! Start-up sets both from the checkpoint and redo (`set_next_full_xid`,
//! `advance_next_full_xid_past`, `set_next_oid`); initdb starts nextXid at
//! [`FIRST_NORMAL_TRANSACTION_ID`] or at `--initial-xid`.

use pg_error::{PgError, PgResult};
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID};
use pg_shmem::LWLock;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

/// An object id.
pub type Oid = u32;

/// The first OID of objects made after initdb (`FirstNormalObjectId`).
pub const FIRST_NORMAL_OBJECT_ID: Oid = 16384;
/// The first OID initdb assigns outside the bootstrap data
/// (`FirstUnpinnedObjectId`).
pub const FIRST_UNPINNED_OBJECT_ID: Oid = 12000;
/// OIDs handed out per NEXTOID record (`VAR_OID_PREFETCH`).
pub const VAR_OID_PREFETCH: u32 = 8192;

/// The shared counters (`VariableCacheData`).
#[repr(C)]
struct VariableCache {
    /// `XidGenLock`.
    xid_gen_lock: LWLock,
    // Protected by XidGenLock (atomic so that readers may peek without it).
    next_xid: AtomicU64,
    /// `OidGenLock`.
    oid_gen_lock: LWLock,
    // Protected by OidGenLock.
    next_oid: AtomicU32,
    /// OIDs left before another NEXTOID record is needed (`oidCount`).
    oid_count: AtomicU32,
}

// SAFETY: repr(C) of LWLocks and atomics; valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for VariableCache {}

thread_local! {
    static CACHE: std::cell::Cell<Option<&'static VariableCache>> = const { std::cell::Cell::new(None) };
    /// Bootstrap processing (initdb): OIDs below FirstNormalObjectId are
    /// handed out, and the bootstrap transaction needs no id.
    static BOOTSTRAP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn cache() -> PgResult<&'static VariableCache> {
    CACHE.with(|c| c.get()).ok_or_else(|| PgError::internal("the transaction id counter is not initialised"))
}

/// Shared memory the counters need.
pub fn shmem_size() -> PgResult<usize> {
    Ok(std::mem::size_of::<VariableCache>())
}

/// Creates or attaches to the counters. A new segment starts at
/// `nextXid = FirstNormalTransactionId` and `nextOid = FirstNormalObjectId`
/// until start-up sets them from the checkpoint.
pub fn shmem_init() -> PgResult<()> {
    let xid_tranche = pg_shmem::lwlock_register_tranche("XidGen");
    let oid_tranche = pg_shmem::lwlock_register_tranche("OidGen");
    let (c, found) = pg_shmem::shmem_init_struct_typed::<VariableCache>("Variable Cache", |c| {
        c.xid_gen_lock.init(xid_tranche);
        c.oid_gen_lock.init(oid_tranche);
        c.next_xid.store(FIRST_NORMAL_TRANSACTION_ID, Ordering::SeqCst);
        c.next_oid.store(FIRST_NORMAL_OBJECT_ID, Ordering::SeqCst);
    })?;
    CACHE.with(|cell| cell.set(Some(c)));
    if !found {
        pg_proc::procarray::set_latest_completed_xid(FIRST_NORMAL_TRANSACTION_ID - 1)?;
    }
    Ok(())
}

/// Enters or leaves bootstrap processing mode (`IsBootstrapProcessingMode`):
/// initdb's single process, writing the catalogs as the bootstrap
/// transaction.
pub fn set_bootstrap_processing_mode(on: bool) {
    BOOTSTRAP.with(|b| b.set(on));
}

/// Whether this process is in bootstrap processing mode.
pub fn is_bootstrap_processing_mode() -> bool {
    BOOTSTRAP.with(|b| b.get())
}

/// `GetNewTransactionId`: the next transaction id, made usable (its clog
/// and pg_subtrans pages exist) and published in this process's PGPROC
/// (as top-level or as one more subtransaction) before anyone else can be
/// handed a later one.
pub fn get_new_transaction_id(is_subxact: bool) -> PgResult<TransactionId> {
    let c = cache()?;
    let _lock = c.xid_gen_lock.acquire_exclusive();
    let xid = c.next_xid.load(Ordering::Acquire);
    crate::clog::extend_clog(xid)?;
    crate::subtrans::extend_subtrans(xid)?;
    c.next_xid.store(xid + 1, Ordering::Release);
    pg_proc::procarray::publish_xid(xid, is_subxact);
    Ok(xid)
}

/// `ReadNextFullTransactionId`: the id the next transaction will get.
pub fn read_next_full_xid() -> PgResult<TransactionId> {
    Ok(cache()?.next_xid.load(Ordering::Acquire))
}

/// Sets nextXid (start-up from the checkpoint, initdb's `--initial-xid`),
/// and with it `latestCompletedXid = nextXid - 1`.
pub fn set_next_full_xid(xid: TransactionId) -> PgResult<()> {
    let xid = xid.max(FIRST_NORMAL_TRANSACTION_ID);
    let c = cache()?;
    {
        let _lock = c.xid_gen_lock.acquire_exclusive();
        c.next_xid.store(xid, Ordering::Release);
    }
    pg_proc::procarray::set_latest_completed_xid(xid - 1)
}

/// `AdvanceNextFullTransactionIdPastXid`: redo saw `xid` in use, so
/// nextXid must lie beyond it.
pub fn advance_next_full_xid_past(xid: TransactionId) -> PgResult<()> {
    let c = cache()?;
    let _lock = c.xid_gen_lock.acquire_exclusive();
    if xid >= c.next_xid.load(Ordering::Acquire) {
        c.next_xid.store(xid + 1, Ordering::Release);
    }
    Ok(())
}

/// `GetNewObjectId`: the next OID. Outside bootstrap processing the
/// reserved range below `FirstNormalObjectId` is skipped (after
/// wraparound). Callers that need uniqueness in a catalog check it
/// themselves (`GetNewOidWithIndex`).
pub fn get_new_object_id() -> PgResult<Oid> {
    let c = cache()?;
    let _lock = c.oid_gen_lock.acquire_exclusive();
    let mut next = c.next_oid.load(Ordering::Acquire);
    if next < FIRST_NORMAL_OBJECT_ID && !is_bootstrap_processing_mode() {
        // Wrapped around (or never set): leave the reserved range, and
        // start a fresh prefetch range from there.
        next = FIRST_NORMAL_OBJECT_ID;
        c.oid_count.store(0, Ordering::Release);
    }
    if c.oid_count.load(Ordering::Acquire) == 0 {
        log_next_oid(next.wrapping_add(VAR_OID_PREFETCH))?;
        c.oid_count.store(VAR_OID_PREFETCH, Ordering::Release);
    }
    c.next_oid.store(next.wrapping_add(1), Ordering::Release);
    c.oid_count.fetch_sub(1, Ordering::AcqRel);
    Ok(next)
}

/// nextOid as it stands (for the checkpoint record, `ShmemVariableCache->nextOid`).
pub fn read_next_oid() -> PgResult<Oid> {
    Ok(cache()?.next_oid.load(Ordering::Acquire))
}

/// Sets nextOid (start-up from the checkpoint, or redo of a NEXTOID
/// record); the next OID handed out logs a new prefetch range first.
pub fn set_next_oid(oid: Oid) -> PgResult<()> {
    let c = cache()?;
    let _lock = c.oid_gen_lock.acquire_exclusive();
    c.next_oid.store(oid, Ordering::Release);
    c.oid_count.store(0, Ordering::Release);
    Ok(())
}

/// `XLogPutNextOid`: WAL-logs that OIDs below `next` may have been handed
/// out (XLOG NEXTOID; recovery follows it). Not flushed: a commit that
/// stores one of the OIDs flushes it, and an OID nobody committed may be
/// handed out again.
fn log_next_oid(next: Oid) -> PgResult<()> {
    crate::xlog_rmgr::log_next_oid(next).map(|_| ())
}

/// The first nextXid of a new cluster, set by `pg-server --initial-xid N`
/// (0: not set).
static INITIAL_XID: AtomicU64 = AtomicU64::new(0);

/// Records `--initial-xid N` for initdb.
pub fn set_initial_xid(xid: TransactionId) {
    INITIAL_XID.store(xid.max(FIRST_NORMAL_TRANSACTION_ID), Ordering::SeqCst);
}

/// The nextXid initdb starts the cluster at: `--initial-xid`, else the
/// environment variable `FERROGRES_INITIAL_XID` (for tests that cross
/// 2^32), else FirstNormalTransactionId. Only initdb reads it; an
/// existing cluster keeps the nextXid of its checkpoint.
pub fn initial_xid() -> PgResult<TransactionId> {
    match INITIAL_XID.load(Ordering::SeqCst) {
        0 => match std::env::var("FERROGRES_INITIAL_XID") {
            Ok(v) => parse_initial_xid(&v),
            Err(_) => Ok(FIRST_NORMAL_TRANSACTION_ID),
        },
        n => Ok(n),
    }
}

/// [`initial_xid`] when `--initial-xid` or `FERROGRES_INITIAL_XID` asks
/// for one, None otherwise.
pub fn initial_xid_from_env() -> PgResult<Option<TransactionId>> {
    if INITIAL_XID.load(Ordering::SeqCst) == 0 && std::env::var_os("FERROGRES_INITIAL_XID").is_none() {
        return Ok(None);
    }
    initial_xid().map(Some)
}

/// Parses an initial xid (`--initial-xid`): a decimal 64-bit number.
pub fn parse_initial_xid(v: &str) -> PgResult<TransactionId> {
    let n: u64 = v.trim().parse().map_err(|_| {
        PgError::new(pg_error::SqlState::INVALID_PARAMETER_VALUE, format!("invalid initial transaction id: \"{v}\""))
    })?;
    // Leave headroom so that a 64-bit id never overflows.
    if n > (1u64 << 62) {
        return Err(PgError::new(
            pg_error::SqlState::INVALID_PARAMETER_VALUE,
            format!("initial transaction id {n} is out of range"),
        ));
    }
    Ok(n.max(FIRST_NORMAL_TRANSACTION_ID))
}
