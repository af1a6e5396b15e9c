//! The seam to pg-types' operator table, cast table and function registry
//! (PostgreSQL's `pg_operator`, `pg_cast`, `pg_proc` syscache lookups).
//!
//! Everything the analyzer needs from those tables passes through here.
//! Functions come as pg-types' own `FuncDef` (the `pg_proc` row and its
//! implementation, from the one registry); operators and casts in the
//! analyzer's small types, so the resolution code in [`crate::coerce`] does
//! not depend on how pg-types lays those tables out. What it finds goes
//! into the expression tree as function pointers; the executor never comes
//! back here.

use pg_types::types::Oid;
pub use pg_types::{FuncDef, FuncKind, ScalarFn};

/// A set-returning function implementation (value-per-call or materialize).
pub type SrfFn = pg_types::SrfImpl;

/// One operator candidate.
#[derive(Clone, Debug)]
pub struct OperCandidate {
    /// Left input type; `None` for a prefix operator.
    pub left: Option<Oid>,
    /// Right input type.
    pub right: Oid,
    /// Result type.
    pub result: Oid,
    /// Implementation.
    pub func: ScalarFn,
}

/// The context a coercion happens in (`CoercionContext`); ordered, so a
/// cast allowed in a weaker context is allowed in a stronger one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CoercionContext {
    /// Implicitly, in expressions.
    Implicit,
    /// In assignment to a column.
    Assignment,
    /// Only when written as a cast.
    Explicit,
}

/// How a cast is carried out (`pg_cast.castmethod` with its function),
/// resolved at analysis so the executor only calls it: `Binary` is
/// PostgreSQL's `RelabelType`, `Function` a `FuncExpr` of the cast
/// function, `InOut` a `CoerceViaIO`.
pub type CastMethod = pg_types::casts::CastFunc;

/// Operators named `name` (the operator symbol).
pub fn operators(name: &str) -> Vec<OperCandidate> {
    pg_types::lookup_operators(name)
        .map(|o| OperCandidate { left: o.left, right: o.right, result: o.result, func: o.func })
        .collect()
}

/// Functions named `name` in the registry: each a `pg_proc` row with its
/// implementation (pg-types' `FuncDef`, used as it is).
pub fn functions(name: &str) -> Vec<FuncDef> {
    pg_types::lookup_functions(name)
}

/// The cast from `source` to `target` and the weakest context that allows
/// it (`find_coercion_pathway`), or `None` when there is none. pg-types'
/// table includes PostgreSQL's automatic I/O conversion casts.
pub fn find_cast(source: Oid, target: Oid) -> Option<(CoercionContext, CastMethod)> {
    // find_coercion_pathway treats int2vector and oidvector as int2[] and
    // oid[] when they are the source, so those casts are binary (the
    // value keeps its lower bound 0).
    let source = match source {
        pg_types::oid::INT2VECTOR => pg_types::oid::INT2_ARRAY,
        pg_types::oid::OIDVECTOR => pg_types::oid::OID_ARRAY,
        s => s,
    };
    if source == target {
        return Some((CoercionContext::Implicit, CastMethod::Binary));
    }
    let c = pg_types::casts::find_cast(source, target)?;
    let ctx = match c.context {
        pg_types::casts::CastContext::Implicit => CoercionContext::Implicit,
        pg_types::casts::CastContext::Assignment => CoercionContext::Assignment,
        pg_types::casts::CastContext::Explicit => CoercionContext::Explicit,
    };
    Some((ctx, c.func))
}
