//! Writing catalog rows (PostgreSQL's `indexing.c`: `CatalogTupleInsert`,
//! `CatalogTupleUpdate`, `CatalogTupleDelete`).
//!
//! Each call stores the row as the current transaction and command and
//! registers the cache invalidations the change implies
//! ([`crate::inval::cache_invalidate_heap_tuple`]): the syscache entries
//! keyed by the old and new rows, and the relcache entry of the relation a
//! `pg_class`/`pg_attribute`/`pg_attrdef`/`pg_constraint`/`pg_rewrite` row
//! describes. Catalog indexes do not exist yet, so there is nothing else to
//! maintain. The caller takes the locks PostgreSQL takes (for example
//! RowExclusiveLock on the catalog) and calls
//! `command_counter_increment` before it reads its own change.

use crate::compat::ItemPointer;
use crate::inval;
use crate::scan::{catalog_def, CatalogTuple};
use crate::storage;
use pg_error::{PgError, PgResult, SqlState};
use pg_types::{Datum, Oid};

fn check_width(relid: Oid, values: &[Datum]) -> PgResult<&'static crate::catdef::CatalogDef> {
    let def = catalog_def(relid)?;
    if values.len() != def.columns.len() {
        return Err(PgError::new(
            SqlState::INTERNAL_ERROR,
            format!("row for \"{}\" has {} columns, expected {}", def.name, values.len(), def.columns.len()),
        ));
    }
    Ok(def)
}

/// Inserts a new row into catalog `relid` (`CatalogTupleInsert`).
pub fn catalog_tuple_insert(relid: Oid, values: &[Datum]) -> PgResult<ItemPointer> {
    let def = check_width(relid, values)?;
    let tid = storage::insert(def, values)?;
    inval::cache_invalidate_heap_tuple(relid, None, Some(values));
    Ok(tid)
}

/// Replaces `old` (read from catalog `relid` in this transaction) with a
/// new version holding `values` (`CatalogTupleUpdate`); returns the new
/// version's address.
pub fn catalog_tuple_update(relid: Oid, old: &CatalogTuple, values: &[Datum]) -> PgResult<ItemPointer> {
    let def = check_width(relid, values)?;
    let tid = storage::update(def, old.tid, values)?;
    inval::cache_invalidate_heap_tuple(relid, Some(&old.values), Some(values));
    Ok(tid)
}

/// Deletes `old` from catalog `relid` (`CatalogTupleDelete`).
pub fn catalog_tuple_delete(relid: Oid, old: &CatalogTuple) -> PgResult<()> {
    let def = catalog_def(relid)?;
    storage::delete(def, old.tid)?;
    inval::cache_invalidate_heap_tuple(relid, Some(&old.values), None);
    Ok(())
}
