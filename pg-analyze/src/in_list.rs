//! Hashed IN lists: PostgreSQL turns `x IN (c1, c2, ...)` into
//! `x = ANY ('{c1,c2,...}')` (a ScalarArrayOpExpr) and, from nine
//! constants on, evaluates it with a hash table built once
//! (`execExprInterp.c`, EEOP_HASHED_SCALARARRAYOP). This module does the same
//! for the types whose equality is equality of their values' bits (booleans,
//! integers, oids, dates, text), so that a million-item IN list costs one
//! hash lookup per row rather than a million comparisons. It hashes from two
//! constants on: the answers are the same either way, and EXPLAIN then shows
//! `= ANY (...)` for short lists too, as PostgreSQL does.

use crate::query::Expr;
use pg_types::datum::Datum;
use pg_types::types::{oid, Oid};
use std::collections::HashSet;

/// The shortest list given the hashed form (one item is a plain `=`).
pub const MIN_ITEMS_FOR_HASHED_IN: usize = 2;

/// The constants of a hashed IN list.
#[derive(Debug)]
pub struct InValues {
    /// The type of the tested value and of every constant.
    pub type_oid: Oid,
    /// The constants as written (NULLs included), for EXPLAIN.
    pub items: Vec<Datum>,
    /// The non-NULL constants.
    set: HashSet<InKey>,
    /// True when the list holds a NULL: a value not found is then NULL, not false.
    pub has_null: bool,
}

/// A constant as a hash key: equal keys exactly when the type's `=` says equal.
#[derive(Debug, Hash, PartialEq, Eq)]
enum InKey {
    Bool(bool),
    Int(i64),
    Oid(u32),
    Text(String),
}

fn key(d: &Datum) -> Option<InKey> {
    Some(match d {
        Datum::Bool(b) => InKey::Bool(*b),
        Datum::Int2(i) => InKey::Int(i64::from(*i)),
        Datum::Int4(i) | Datum::Date(i) => InKey::Int(i64::from(*i)),
        Datum::Int8(i) => InKey::Int(*i),
        Datum::Oid(o) => InKey::Oid(*o),
        Datum::Text(s) => InKey::Text(s.clone()),
        _ => return None,
    })
}

/// Types whose `=` is equality of the values (no collation or scale to consider).
fn hashable(t: Oid) -> bool {
    matches!(t, oid::BOOL | oid::INT2 | oid::INT4 | oid::INT8 | oid::OID | oid::DATE | oid::TEXT)
}

impl InValues {
    /// Whether `v` (not NULL) is one of the constants.
    pub fn contains(&self, v: &Datum) -> bool {
        key(v).is_some_and(|k| self.set.contains(&k))
    }
}

/// The hashed form of `left IN (...)` (or NOT IN), given the comparisons
/// the analyzer built for each item (`left op item`, `op` being `=` or
/// `<>`): `Some` when there are enough of them and each compares `left`,
/// uncoerced, with a constant of its own hashable type.
pub fn hashed_in(left: &Expr, comparisons: &[Expr], op: &str, not: bool) -> Option<Expr> {
    let t = left.type_oid();
    if comparisons.len() < MIN_ITEMS_FOR_HASHED_IN || !hashable(t) {
        return None;
    }
    let mut items = Vec::with_capacity(comparisons.len());
    for c in comparisons {
        match c {
            Expr::Op { name, args, .. }
                if name == op && args.len() == 2 && args[0].type_oid() == t && args[1].type_oid() == t =>
            {
                match &args[1] {
                    Expr::Const { value, .. } => items.push(value.clone()),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    let mut set = HashSet::with_capacity(items.len());
    let mut has_null = false;
    for d in &items {
        match d {
            Datum::Null => has_null = true,
            d => {
                set.insert(key(d)?);
            }
        }
    }
    let values = InValues { type_oid: t, items, set, has_null };
    Some(Expr::HashedIn { arg: Box::new(left.clone()), not, values: std::sync::Arc::new(values) })
}
