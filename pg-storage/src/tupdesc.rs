//! Tuple descriptors (PostgreSQL's `access/common/tupdesc.c`,
//! `TupleDescData` and `FormData_pg_attribute`): the columns of a relation
//! as the heap needs them to form and deform tuples.
//!
//! A descriptor is built by the catalog from `pg_attribute` rows (or, at
//! bootstrap, from the compiled-in catalog definitions) and shared through
//! the relcache as `Arc<TupleDesc>`; the heap only reads it.

use pg_error::{PgError, PgResult};
use pg_types::datum::Datum;
use pg_types::types::{self, Oid};

/// One column (`FormData_pg_attribute`, the fields the storage layer uses).
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    /// `attname`.
    pub name: String,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod` (-1 for none).
    pub typmod: i32,
    /// `attlen`: bytes, -1 for varlena, -2 for C string.
    pub len: i16,
    /// `attbyval`.
    pub byval: bool,
    /// `attalign`: `c`, `s`, `i` or `d`.
    pub align: u8,
    /// `attstorage`: `p` plain, `e` external, `m` main, `x` extended.
    pub storage: u8,
    /// `attnotnull`.
    pub not_null: bool,
    /// `attisdropped`: the column was dropped; its values read as NULL and
    /// new tuples store NULL in it.
    pub dropped: bool,
    /// `atthasdef`.
    pub has_default: bool,
    /// `attcollation` (0 for types without collation).
    pub collation: Oid,
    /// `attmissingval` (when `atthasmissing`): the value a tuple written
    /// before the column was added with a constant default reads for it.
    /// `None` means NULL.
    pub missing: Option<Datum>,
}

/// `DEFAULT_COLLATION_OID`.
pub const DEFAULT_COLLATION_OID: Oid = 100;
/// `C_COLLATION_OID`, the collation of `name`.
pub const C_COLLATION_OID: Oid = 950;

impl Attribute {
    /// A column of built-in type `type_oid` with the type's `typlen`,
    /// `typbyval`, `typalign`, `typstorage` and collation, as
    /// `TupleDescInitEntry` fills them from `pg_type`.
    pub fn new(name: impl Into<String>, type_oid: Oid, typmod: i32) -> PgResult<Attribute> {
        let t = types::lookup_type(type_oid).ok_or_else(|| {
            PgError::new(pg_error::SqlState::UNDEFINED_OBJECT, format!("type with OID {type_oid} does not exist"))
        })?;
        let collation = match t.category {
            b'S' if type_oid == types::oid::NAME => C_COLLATION_OID,
            b'S' => DEFAULT_COLLATION_OID,
            _ => 0,
        };
        Ok(Attribute {
            name: name.into(),
            type_oid,
            typmod,
            len: t.len,
            byval: t.byval,
            align: t.align,
            storage: pg_types::storage::typstorage(t),
            not_null: false,
            dropped: false,
            has_default: false,
            collation,
            missing: None,
        })
    }

    /// Marks the column NOT NULL (builder style).
    pub fn not_null(mut self) -> Attribute {
        self.not_null = true;
        self
    }
}

/// A relation's columns in `attnum` order (`TupleDescData`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TupleDesc {
    /// The columns; `attrs[i]` is attribute number `i + 1`.
    pub attrs: Vec<Attribute>,
    /// Always false: tables have no OID column since PostgreSQL 12.
    pub has_oids: bool,
}

impl TupleDesc {
    /// A descriptor over `attrs`.
    pub fn new(attrs: Vec<Attribute>) -> TupleDesc {
        TupleDesc { attrs, has_oids: false }
    }

    /// The number of columns, dropped ones included (`natts`).
    pub fn natts(&self) -> usize {
        self.attrs.len()
    }

    /// The column with attribute number `attnum` (1-based).
    pub fn attr(&self, attnum: usize) -> Option<&Attribute> {
        attnum.checked_sub(1).and_then(|i| self.attrs.get(i))
    }

    /// Whether any column is a varlena or C string (tuples may then have
    /// `HEAP_HASVARWIDTH`).
    pub fn has_varwidth(&self) -> bool {
        self.attrs.iter().any(|a| a.len < 0)
    }

    /// A descriptor of built-in typed columns `(name, type)` with typmod -1,
    /// for tests and catalog bootstrap.
    pub fn from_types(cols: &[(&str, Oid)]) -> PgResult<TupleDesc> {
        Ok(TupleDesc::new(cols.iter().map(|(n, t)| Attribute::new(*n, *t, -1)).collect::<PgResult<Vec<_>>>()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_types::types::oid;

    #[test]
    fn attributes_take_the_types_storage_properties() {
        let d = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::TEXT), ("c", oid::NUMERIC), ("n", oid::NAME)])
            .expect("desc");
        let a = d.attr(1).expect("a");
        assert_eq!((a.len, a.byval, a.align, a.storage, a.collation), (4, true, b'i', b'p', 0));
        let b = d.attr(2).expect("b");
        assert_eq!((b.len, b.byval, b.align, b.storage, b.collation), (-1, false, b'i', b'x', 100));
        assert_eq!(d.attr(3).expect("c").storage, b'm');
        assert_eq!(d.attr(4).expect("n").collation, 950);
        assert!(d.has_varwidth());
        assert!(d.attr(0).is_none() && d.attr(5).is_none());
    }
}
