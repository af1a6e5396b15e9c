//! The seam to pg-types' operator table, cast table and function registry
//! (PostgreSQL's `pg_operator`, `pg_cast`, `pg_proc` syscache lookups).
//!
//! Everything the analyzer needs from those tables passes through here, in
//! the analyzer's own small types, so the resolution code in
//! [`crate::coerce`] does not depend on how pg-types lays its tables out.
//! What it finds goes into the expression tree as function pointers; the
//! executor never comes back here.

use pg_error::PgResult;
use pg_types::datum::Datum;
use pg_types::types::Oid;

/// A scalar function or operator implementation.
pub type ScalarFn = fn(&[Datum]) -> PgResult<Datum>;
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

/// What a function does when called.
#[derive(Clone, Debug)]
pub enum FuncImpl {
    /// Returns one value.
    Scalar(ScalarFn),
    /// Returns rows with these columns.
    SetReturning {
        /// Output columns.
        columns: Vec<(String, Oid)>,
        /// Implementation.
        func: SrfFn,
    },
}

/// One function candidate.
#[derive(Clone, Debug)]
pub struct FuncCandidate {
    /// `pg_proc.oid`.
    pub oid: Oid,
    /// The name as registered.
    pub name: String,
    /// Declared argument types (without the variadic tail).
    pub arg_types: Vec<Oid>,
    /// Element type of a VARIADIC last parameter (`"any"` for concat).
    pub variadic: Option<Oid>,
    /// Result type.
    pub ret_type: Oid,
    /// NULL in, NULL out without a call.
    pub strict: bool,
    /// `prorows`: the planner's row estimate for a set-returning function.
    pub rows: f64,
    /// Implementation.
    pub imp: FuncImpl,
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

/// Functions named `name` in the registry.
pub fn functions(name: &str) -> Vec<FuncCandidate> {
    pg_types::lookup_functions(name)
        .into_iter()
        .map(|f| FuncCandidate {
            oid: f.oid,
            name: f.name.to_string(),
            arg_types: f.arg_types.clone(),
            variadic: f.variadic,
            ret_type: f.ret_type,
            strict: f.strict,
            rows: f.rows,
            imp: match &f.kind {
                pg_types::FuncKind::Scalar(func) => FuncImpl::Scalar(*func),
                pg_types::FuncKind::SetReturning { columns, func } => FuncImpl::SetReturning {
                    columns: columns.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
                    func: *func,
                },
            },
        })
        .collect()
}

/// The cast from `source` to `target` and the weakest context that allows
/// it (`find_coercion_pathway`), or `None` when there is none. pg-types'
/// table includes PostgreSQL's automatic I/O conversion casts.
pub fn find_cast(source: Oid, target: Oid) -> Option<(CoercionContext, CastMethod)> {
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
