//! The one place catalog rows meet the table storage: the heap access
//! method, with the catalog snapshot.
//!
//! In a server process (shared memory attached) a scan is a
//! `HeapScanDesc` through the buffer pool with a fresh MVCC snapshot per
//! scan (PostgreSQL takes one catalog snapshot and drops it at each
//! invalidation message; a fresh one per scan sees the same rows, at the
//! price of a ProcArrayLock acquisition), and writes are
//! `simple_heap_insert`/`update`/`delete` as the current transaction and
//! command. Without shared memory (initdb's bootstrap process, unit tests)
//! a scan reads the files through smgr and sees the rows bootstrap wrote,
//! which are all the rows there are then; writing needs a transaction and
//! answers an error.

use crate::catdef::CatalogDef;
use crate::compat::ItemPointer;
use pg_error::{PgError, PgResult, SqlState};
use pg_storage::bufmgr::{Persistence, StorageRel};
use pg_storage::heap::heapam;
use pg_types::Datum;

fn storage_rel(def: &CatalogDef) -> StorageRel {
    StorageRel {
        relid: def.oid,
        rnode: crate::bootstrap::write::catalog_rnode(def, crate::inval::my_database()),
        persistence: Persistence::Permanent,
        backend: None,
        fillfactor: 100,
    }
}

fn standalone(def: &CatalogDef) -> PgError {
    PgError::new(
        SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
        format!("cannot write system catalog \"{}\" without shared memory", def.name),
    )
}

/// Calls `each` for every row of `def` visible to the catalog snapshot.
pub(crate) fn scan(def: &CatalogDef, each: &mut dyn FnMut(ItemPointer, Vec<Datum>) -> PgResult<()>) -> PgResult<()> {
    if !pg_shmem::shmem_is_attached() {
        return scan_bootstrap_files(def, each);
    }
    let desc = crate::relcache::catalog_tupdesc(def);
    let snapshot = pg_wal::snapmgr::get_catalog_snapshot()?;
    let mut scan = heapam::HeapScanDesc::begin(&storage_rel(def), snapshot)?;
    while let Some(tup) = scan.getnext()? {
        let tid = tup.t_self;
        let values = pg_storage::heap::tuple::heap_deform_tuple(tup.data, &desc)?;
        each(tid, values)?;
    }
    Ok(())
}

/// The bootstrap process's scan: the files as bootstrap wrote them.
fn scan_bootstrap_files(
    def: &CatalogDef,
    each: &mut dyn FnMut(ItemPointer, Vec<Datum>) -> PgResult<()>,
) -> PgResult<()> {
    use pg_storage::heap::tuple::{heap_deform_tuple, TupleHeader};
    use pg_storage::page::Page;
    use pg_wal::block::{ForkNumber, BLCKSZ};
    let smgr = storage_rel(def).smgr();
    let desc = crate::relcache::catalog_tupdesc(def);
    let nblocks = smgr.nblocks(ForkNumber::Main)?;
    let mut buf = Box::new([0u8; BLCKSZ]);
    for blk in 0..nblocks {
        smgr.read(ForkNumber::Main, blk, &mut buf, false)?;
        let page = Page::from_bytes(&buf);
        for off in 1..=page.max_offset() {
            if !page.item_id(off).is_normal() {
                continue;
            }
            let tup = page.get_item(off);
            let visible = tup.xmin() == pg_proc::xid::BOOTSTRAP_TRANSACTION_ID
                && tup.xmax() == pg_proc::xid::INVALID_TRANSACTION_ID;
            if visible {
                each(ItemPointer::new(blk, off), heap_deform_tuple(tup, &desc)?)?;
            }
        }
    }
    Ok(())
}

/// The tuple of a catalog row: a row too wide for a page has its long
/// values compressed in line (the catalogs have no TOAST tables yet, so
/// nothing goes out of line; a row that still does not fit is refused
/// with heapam's 54000).
fn form(def: &CatalogDef, values: &[Datum]) -> PgResult<pg_storage::heap::tuple::HeapTuple> {
    pg_storage::toast::heaptoast::heap_toast_insert_or_update(&crate::relcache::catalog_tupdesc(def), values, None)
}

/// Inserts a row as the current transaction and command.
pub(crate) fn insert(def: &CatalogDef, values: &[Datum]) -> PgResult<ItemPointer> {
    if !pg_shmem::shmem_is_attached() {
        return Err(standalone(def));
    }
    let mut tup = form(def, values)?;
    heapam::simple_heap_insert(&storage_rel(def), &mut tup)
}

/// Replaces the row at `tid` with `values` (a new version; the old one's
/// xmax is the current transaction); returns the new version's address.
pub(crate) fn update(def: &CatalogDef, tid: ItemPointer, values: &[Datum]) -> PgResult<ItemPointer> {
    if !pg_shmem::shmem_is_attached() {
        return Err(standalone(def));
    }
    let mut tup = form(def, values)?;
    heapam::simple_heap_update(&storage_rel(def), tid, &mut tup)?;
    Ok(tup.t_self)
}

/// Deletes the row at `tid`.
pub(crate) fn delete(def: &CatalogDef, tid: ItemPointer) -> PgResult<()> {
    if !pg_shmem::shmem_is_attached() {
        return Err(standalone(def));
    }
    heapam::simple_heap_delete(&storage_rel(def), tid)
}
