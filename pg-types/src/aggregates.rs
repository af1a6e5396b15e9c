//! The built-in aggregates this server has, as `pg_proc` signatures: the
//! list from which initdb writes their `pg_proc` rows (`prokind` `a`) and
//! their `pg_aggregate` rows, both as PostgreSQL 15 has them for the same
//! aggregate ([`crate::bootdata`]).
//!
//! The analyzer resolves and the executor runs aggregates by their own
//! code (pg-analyze's `agg.rs`); this list only says which of
//! PostgreSQL's aggregates that code accepts, so that the catalogs show
//! exactly those. A test in pg-analyze checks it against the analyzer in
//! both directions: every signature listed here analyzes, and every other
//! PostgreSQL aggregate does not. Aggregates are never in the function
//! manager: they cannot be called as plain functions.

use crate::bootdata::{self, PgAggregateRow, PgProcRow};
use crate::types::{oid, Oid};

/// An aggregate signature: name and `proargtypes`.
type Signature = (&'static str, &'static [Oid]);

/// The aggregates that exist, by name and argument types exactly as
/// PostgreSQL 15's `pg_proc` lists them (`count(*)` has none, `count(x)`
/// takes `"any"`).
static AGGREGATES: &[Signature] = &[
    ("count", &[]),
    ("count", &[oid::ANY]),
    ("sum", &[oid::INT2]),
    ("sum", &[oid::INT4]),
    ("sum", &[oid::INT8]),
    ("sum", &[oid::NUMERIC]),
    ("sum", &[oid::FLOAT4]),
    ("sum", &[oid::FLOAT8]),
    ("sum", &[oid::INTERVAL]),
    ("avg", &[oid::INT2]),
    ("avg", &[oid::INT4]),
    ("avg", &[oid::INT8]),
    ("avg", &[oid::NUMERIC]),
    ("avg", &[oid::FLOAT4]),
    ("avg", &[oid::FLOAT8]),
    ("avg", &[oid::INTERVAL]),
    ("max", &[oid::ANYARRAY]),
    ("max", &[oid::INT2]),
    ("max", &[oid::INT4]),
    ("max", &[oid::INT8]),
    ("max", &[oid::OID]),
    ("max", &[oid::FLOAT4]),
    ("max", &[oid::FLOAT8]),
    ("max", &[oid::NUMERIC]),
    ("max", &[oid::TEXT]),
    ("max", &[oid::BPCHAR]),
    ("max", &[oid::DATE]),
    ("max", &[oid::TIME]),
    ("max", &[oid::TIMETZ]),
    ("max", &[oid::TIMESTAMP]),
    ("max", &[oid::TIMESTAMPTZ]),
    ("max", &[oid::INTERVAL]),
    ("max", &[oid::INET]),
    ("max", &[oid::PG_LSN]),
    ("max", &[oid::XID8]),
    ("min", &[oid::ANYARRAY]),
    ("min", &[oid::INT2]),
    ("min", &[oid::INT4]),
    ("min", &[oid::INT8]),
    ("min", &[oid::OID]),
    ("min", &[oid::FLOAT4]),
    ("min", &[oid::FLOAT8]),
    ("min", &[oid::NUMERIC]),
    ("min", &[oid::TEXT]),
    ("min", &[oid::BPCHAR]),
    ("min", &[oid::DATE]),
    ("min", &[oid::TIME]),
    ("min", &[oid::TIMETZ]),
    ("min", &[oid::TIMESTAMP]),
    ("min", &[oid::TIMESTAMPTZ]),
    ("min", &[oid::INTERVAL]),
    ("min", &[oid::INET]),
    ("min", &[oid::PG_LSN]),
    ("min", &[oid::XID8]),
    ("bool_and", &[oid::BOOL]),
    ("bool_or", &[oid::BOOL]),
    ("every", &[oid::BOOL]),
    ("string_agg", &[oid::TEXT, oid::TEXT]),
    ("string_agg", &[oid::BYTEA, oid::BYTEA]),
    // ---- agg: one line per aggregate signature the analyzer accepts.
    ("variance", &[oid::INT2]),
    ("variance", &[oid::INT4]),
    ("variance", &[oid::INT8]),
    ("variance", &[oid::FLOAT4]),
    ("variance", &[oid::FLOAT8]),
    ("variance", &[oid::NUMERIC]),
    ("stddev", &[oid::INT2]),
    ("stddev", &[oid::INT4]),
    ("stddev", &[oid::INT8]),
    ("stddev", &[oid::FLOAT4]),
    ("stddev", &[oid::FLOAT8]),
    ("stddev", &[oid::NUMERIC]),
    ("var_samp", &[oid::INT2]),
    ("var_samp", &[oid::INT4]),
    ("var_samp", &[oid::INT8]),
    ("var_samp", &[oid::FLOAT4]),
    ("var_samp", &[oid::FLOAT8]),
    ("var_samp", &[oid::NUMERIC]),
    ("stddev_samp", &[oid::INT2]),
    ("stddev_samp", &[oid::INT4]),
    ("stddev_samp", &[oid::INT8]),
    ("stddev_samp", &[oid::FLOAT4]),
    ("stddev_samp", &[oid::FLOAT8]),
    ("stddev_samp", &[oid::NUMERIC]),
    ("var_pop", &[oid::INT2]),
    ("var_pop", &[oid::INT4]),
    ("var_pop", &[oid::INT8]),
    ("var_pop", &[oid::FLOAT4]),
    ("var_pop", &[oid::FLOAT8]),
    ("var_pop", &[oid::NUMERIC]),
    ("stddev_pop", &[oid::INT2]),
    ("stddev_pop", &[oid::INT4]),
    ("stddev_pop", &[oid::INT8]),
    ("stddev_pop", &[oid::FLOAT4]),
    ("stddev_pop", &[oid::FLOAT8]),
    ("stddev_pop", &[oid::NUMERIC]),
    ("bit_and", &[oid::INT2]),
    ("bit_and", &[oid::INT4]),
    ("bit_and", &[oid::INT8]),
    ("bit_or", &[oid::INT2]),
    ("bit_or", &[oid::INT4]),
    ("bit_or", &[oid::INT8]),
    ("bit_xor", &[oid::INT2]),
    ("bit_xor", &[oid::INT4]),
    ("bit_xor", &[oid::INT8]),
    ("regr_count", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_sxx", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_syy", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_sxy", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_avgx", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_avgy", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_r2", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_slope", &[oid::FLOAT8, oid::FLOAT8]),
    ("regr_intercept", &[oid::FLOAT8, oid::FLOAT8]),
    ("covar_pop", &[oid::FLOAT8, oid::FLOAT8]),
    ("covar_samp", &[oid::FLOAT8, oid::FLOAT8]),
    ("corr", &[oid::FLOAT8, oid::FLOAT8]),
    ("array_agg", &[oid::ANYNONARRAY]),
    ("array_agg", &[oid::ANYARRAY]),
    ("json_agg", &[oid::ANYELEMENT]),
    ("jsonb_agg", &[oid::ANYELEMENT]),
    ("json_object_agg", &[oid::ANY, oid::ANY]),
    ("jsonb_object_agg", &[oid::ANY, oid::ANY]),
    // Ordered-set aggregates: direct arguments, then the WITHIN GROUP input.
    ("percentile_cont", &[oid::FLOAT8, oid::FLOAT8]),
    ("percentile_cont", &[oid::FLOAT8_ARRAY, oid::FLOAT8]),
    ("percentile_cont", &[oid::FLOAT8, oid::INTERVAL]),
    ("percentile_cont", &[oid::FLOAT8_ARRAY, oid::INTERVAL]),
    ("percentile_disc", &[oid::FLOAT8, oid::ANYELEMENT]),
    ("percentile_disc", &[oid::FLOAT8_ARRAY, oid::ANYELEMENT]),
    ("mode", &[oid::ANYELEMENT]),
    // Hypothetical-set aggregates: VARIADIC "any" direct arguments and inputs.
    ("rank", &[oid::ANY]),
    ("dense_rank", &[oid::ANY]),
    ("percent_rank", &[oid::ANY]),
    ("cume_dist", &[oid::ANY]),
];

/// The `pg_proc` row (PostgreSQL's) of every aggregate that exists, with
/// its `pg_aggregate` row, in OID order.
///
/// # Panics
///
/// If a listed signature is not one of PostgreSQL's aggregates (a bug in
/// the list, caught by every test that builds the catalogs).
pub fn builtin_aggregates() -> Vec<(&'static PgProcRow, &'static PgAggregateRow)> {
    let mut out: Vec<(&PgProcRow, &PgAggregateRow)> = AGGREGATES
        .iter()
        .map(|&(name, args)| {
            let proc = bootdata::procs()
                .values()
                .find(|p| p.kind == b'a' && p.name == name && p.arg_types == args)
                .unwrap_or_else(|| panic!("{name}{args:?} is not one of PostgreSQL's aggregates"));
            (proc, &bootdata::aggregates()[&proc.oid])
        })
        .collect();
    out.sort_by_key(|(p, _)| p.oid);
    out
}

/// True if PostgreSQL's aggregate `name(args)` exists here.
pub fn aggregate_exists(name: &str, args: &[Oid]) -> bool {
    AGGREGATES.iter().any(|&(n, a)| n == name && a == args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_aggregates_are_postgresqls() {
        let aggs = builtin_aggregates();
        assert_eq!(aggs.len(), AGGREGATES.len());
        for (i, sig) in AGGREGATES.iter().enumerate() {
            assert!(!AGGREGATES[..i].contains(sig), "{sig:?} is listed twice");
        }
        let sum = aggs.iter().find(|(p, _)| p.name == "sum" && p.arg_types == [oid::INT4]).expect("sum(int4)");
        assert_eq!((sum.0.oid, sum.0.ret_type, sum.1.transtype), (2108, oid::INT8, oid::INT8));
        assert!(aggregate_exists("count", &[]) && !aggregate_exists("sum", &[oid::TEXT]));
    }
}
