//! Catalog scans (PostgreSQL's `genam.c` `systable_beginscan` family):
//! every row of one system catalog visible to the catalog snapshot, as
//! [`CatalogTuple`]s, optionally filtered.
//!
//! There are no catalog indexes yet, so every scan reads the whole catalog
//! (the syscache in front of it keeps repeated lookups cheap). Rows are
//! decoded into `Datum`s in catalog column order (see [`crate::catdef`]).

use crate::catdef::{self, CatalogDef};
use crate::compat::ItemPointer;
use crate::storage;
use pg_error::{PgError, PgResult, SqlState};
use pg_types::{Datum, Oid};

/// One catalog row: where it is and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogTuple {
    /// Its `ctid`, for [`crate::indexing::catalog_tuple_update`] and
    /// [`crate::indexing::catalog_tuple_delete`].
    pub tid: ItemPointer,
    /// The columns in order (`values[pg_class::RELNAME]`).
    pub values: Vec<Datum>,
}

impl CatalogTuple {
    /// The OID in column `i` (0 for NULL or another type).
    pub fn oid(&self, i: usize) -> Oid {
        match self.values.get(i) {
            Some(Datum::Oid(o)) => *o,
            _ => 0,
        }
    }

    /// The text of a `name` or `text` column (empty for NULL).
    pub fn text(&self, i: usize) -> &str {
        match self.values.get(i) {
            Some(Datum::Text(s)) => s,
            _ => "",
        }
    }

    /// A `bool` column (false for NULL).
    pub fn bool(&self, i: usize) -> bool {
        matches!(self.values.get(i), Some(Datum::Bool(true)))
    }

    /// A `"char"` column (`\0` for NULL).
    pub fn char(&self, i: usize) -> u8 {
        match self.values.get(i) {
            Some(Datum::Char(c)) => *c,
            _ => 0,
        }
    }

    /// An `int2` column (0 for NULL).
    pub fn int2(&self, i: usize) -> i16 {
        match self.values.get(i) {
            Some(Datum::Int2(v)) => *v,
            _ => 0,
        }
    }

    /// An `int4` column (0 for NULL).
    pub fn int4(&self, i: usize) -> i32 {
        match self.values.get(i) {
            Some(Datum::Int4(v)) => *v,
            _ => 0,
        }
    }

    /// A `float4` column (0 for NULL).
    pub fn float4(&self, i: usize) -> f32 {
        match self.values.get(i) {
            Some(Datum::Float4(v)) => *v,
            _ => 0.0,
        }
    }

    /// Whether column `i` is NULL.
    pub fn is_null(&self, i: usize) -> bool {
        matches!(self.values.get(i), None | Some(Datum::Null))
    }
}

/// The catalog `relid`'s definition, or PostgreSQL's error for an OID that
/// is not a system catalog.
pub fn catalog_def(relid: Oid) -> PgResult<&'static CatalogDef> {
    catdef::catalog_by_oid(relid)
        .ok_or_else(|| PgError::new(SqlState::INTERNAL_ERROR, format!("relation {relid} is not a system catalog")))
}

/// Every row of catalog `relid` for which `filter` holds, visible to the
/// catalog snapshot (`systable_beginscan` + `systable_getnext` with scan
/// keys, as a closure). Calls the interrupt check per row.
pub fn scan_catalog(relid: Oid, mut filter: impl FnMut(&[Datum]) -> bool) -> PgResult<Vec<CatalogTuple>> {
    let def = catalog_def(relid)?;
    let mut out = Vec::new();
    storage::scan(def, &mut |tid, values| {
        pg_error::check_for_interrupts()?;
        if filter(&values) {
            out.push(CatalogTuple { tid, values });
        }
        Ok(())
    })?;
    Ok(out)
}
