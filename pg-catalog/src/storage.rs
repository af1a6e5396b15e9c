//! The one place catalog rows meet the table storage: a private adapter
//! over the heap access method (scan with the catalog snapshot, insert,
//! update, delete as the current transaction and command).
//!
//! The heap access method is built beside this crate. Until its
//! `HeapScanDesc` and `heap_insert` are available, a scan reads the
//! catalog's file through smgr directly and returns the rows bootstrap
//! wrote (xmin = the bootstrap transaction, never deleted), which are all
//! the rows there are while nothing else can write a catalog; writes
//! answer 0A000. Nothing else in the crate depends on how rows are stored,
//! so the switch to heapam happens only here.

use crate::catdef::CatalogDef;
use crate::compat::ItemPointer;
use pg_error::{PgError, PgResult, SqlState};
use pg_types::Datum;

fn unavailable(def: &CatalogDef) -> PgError {
    PgError::new(
        SqlState::FEATURE_NOT_SUPPORTED,
        format!("reading and writing system catalog \"{}\" is not supported yet", def.name),
    )
}

/// Calls `each` for every row of `def` visible to the catalog snapshot.
pub(crate) fn scan(def: &CatalogDef, each: &mut dyn FnMut(ItemPointer, Vec<Datum>) -> PgResult<()>) -> PgResult<()> {
    use pg_storage::heap::tuple::{heap_deform_tuple, TupleHeader};
    use pg_storage::page::Page;
    use pg_wal::block::{ForkNumber, BLCKSZ};
    let rnode = crate::bootstrap::write::catalog_rnode(def, crate::inval::my_database());
    let smgr = pg_storage::smgr::smgr_open(rnode, None);
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

/// Inserts a row as the current transaction and command.
pub(crate) fn insert(def: &CatalogDef, values: &[Datum]) -> PgResult<ItemPointer> {
    let _ = values;
    Err(unavailable(def))
}

/// Replaces the row at `tid` with `values` (a new version; the old one's
/// xmax is the current transaction).
pub(crate) fn update(def: &CatalogDef, tid: ItemPointer, values: &[Datum]) -> PgResult<ItemPointer> {
    let _ = (tid, values);
    Err(unavailable(def))
}

/// Deletes the row at `tid`.
pub(crate) fn delete(def: &CatalogDef, tid: ItemPointer) -> PgResult<()> {
    let _ = tid;
    Err(unavailable(def))
}
