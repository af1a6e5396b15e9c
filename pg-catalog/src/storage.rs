//! The one place catalog rows meet the table storage: a private adapter
//! over the heap access method (scan with the catalog snapshot, insert,
//! update, delete as the current transaction and command).
//!
//! The heap access method is built beside this crate; until its
//! `heap_insert` / `HeapScanDesc` are available every operation here
//! answers 0A000, and nothing else in the crate depends on how rows are
//! stored, so the switch happens only here.

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
    let _ = each;
    Err(unavailable(def))
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
