//! The aggregate support functions that SQL can call (`int4larger`,
//! `int8inc`, `int4_sum`, `booland_statefunc`, ...): the transition and
//! combine functions `pg_aggregate` names for the aggregates that exist
//! ([`crate::aggregates`]), as PostgreSQL's `int.c`, `int8.c`, `bool.c`
//! and the `*_larger`/`*_smaller` functions of each type define them.
//!
//! The executor's aggregates do not call these (pg-executor's `agg.rs`
//! keeps its own transition states); they exist so that what `pg_proc`
//! lists is callable, with PostgreSQL's answers. Their rows (name, OID,
//! types, strictness, volatility) are PostgreSQL's recorded ones. Support
//! functions over `internal` or array states (`numeric_avg_accum`,
//! `float8_accum`) stay catalog entries only.

use crate::datum::{datum_cmp, Datum};
use crate::errors;
use crate::fmgr::{FuncDef, ScalarFn, Volatility};
use crate::types::oid;
use pg_error::{PgError, PgResult};
use std::cmp::Ordering;

fn arg(args: &[Datum], i: usize) -> PgResult<&Datum> {
    args.get(i).ok_or_else(|| PgError::internal("aggregate support function called with too few arguments"))
}

/// The order of two values of one type, as that type's comparison
/// operators see it (`bpchar` ignores trailing blanks).
fn compare(args: &[Datum], bpchar: bool) -> PgResult<Ordering> {
    let (x, y) = (arg(args, 0)?, arg(args, 1)?);
    if bpchar {
        let (Datum::Text(a), Datum::Text(b)) = (x, y) else { return Err(errors::wrong_datum("bpchar comparison")) };
        return Ok(a.trim_end_matches(' ').as_bytes().cmp(b.trim_end_matches(' ').as_bytes()));
    }
    datum_cmp(x, y).ok_or_else(|| errors::wrong_datum("comparison"))
}

/// `*_larger`: the first argument if it is greater, else the second (so of
/// two equal values the second, as PostgreSQL's `arg1 > arg2 ? arg1 : arg2`).
fn larger(args: &[Datum]) -> PgResult<Datum> {
    Ok(if compare(args, false)? == Ordering::Greater { arg(args, 0)? } else { arg(args, 1)? }.clone())
}

/// `*_smaller`: the first argument if it is less, else the second.
fn smaller(args: &[Datum]) -> PgResult<Datum> {
    Ok(if compare(args, false)? == Ordering::Less { arg(args, 0)? } else { arg(args, 1)? }.clone())
}

fn bpchar_larger(args: &[Datum]) -> PgResult<Datum> {
    Ok(if compare(args, true)? == Ordering::Greater { arg(args, 0)? } else { arg(args, 1)? }.clone())
}

fn bpchar_smaller(args: &[Datum]) -> PgResult<Datum> {
    Ok(if compare(args, true)? == Ordering::Less { arg(args, 0)? } else { arg(args, 1)? }.clone())
}

fn int8_arg(args: &[Datum], i: usize) -> PgResult<i64> {
    arg(args, i)?.as_i64().ok_or_else(|| errors::wrong_datum("bigint argument"))
}

/// `int8inc(int8)`, `int8inc_any(int8, "any")`,
/// `int8inc_float8_float8(int8, float8, float8)`: the count plus one.
fn int8inc(args: &[Datum]) -> PgResult<Datum> {
    int8_arg(args, 0)?.checked_add(1).map(Datum::Int8).ok_or_else(|| errors::out_of_range("bigint"))
}

/// `int8dec(int8)` and `int8dec_any(int8, "any")`: the count minus one
/// (`count`'s inverse transition function, for moving windows).
fn int8dec(args: &[Datum]) -> PgResult<Datum> {
    int8_arg(args, 0)?.checked_sub(1).map(Datum::Int8).ok_or_else(|| errors::out_of_range("bigint"))
}

/// `int2_sum(int8, int2)` and `int4_sum(int8, int4)`: not strict, so the
/// first non-NULL input starts the sum and a NULL input leaves it. Like
/// PostgreSQL's, the addition is unchecked (it wraps): as transition
/// functions of `sum(int4)` they cannot reach the int8 range in practice.
fn int_sum(args: &[Datum]) -> PgResult<Datum> {
    let (state, value) = (arg(args, 0)?, arg(args, 1)?);
    if value.is_null() {
        return Ok(state.clone());
    }
    let v = int8_arg(args, 1)?;
    if state.is_null() {
        return Ok(Datum::Int8(v));
    }
    Ok(Datum::Int8(int8_arg(args, 0)?.wrapping_add(v)))
}

fn bool_arg(args: &[Datum], i: usize) -> PgResult<bool> {
    match arg(args, i)? {
        Datum::Bool(b) => Ok(*b),
        _ => Err(errors::wrong_datum("boolean argument")),
    }
}

/// `booland_statefunc(bool, bool)`.
fn booland_statefunc(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bool_arg(args, 0)? && bool_arg(args, 1)?))
}

/// `boolor_statefunc(bool, bool)`.
fn boolor_statefunc(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bool_arg(args, 0)? || bool_arg(args, 1)?))
}

/// The implementation of a recorded support function, if it is one SQL
/// can call here.
fn implementation(name: &str, arg_types: &[u32]) -> Option<ScalarFn> {
    if arg_types.contains(&oid::INTERNAL) {
        return None;
    }
    Some(match name {
        "bpchar_larger" => bpchar_larger,
        "bpchar_smaller" => bpchar_smaller,
        n if n.ends_with("larger") => larger,
        n if n.ends_with("smaller") => smaller,
        "int8inc" | "int8inc_any" | "int8inc_float8_float8" => int8inc,
        "int8dec" | "int8dec_any" => int8dec,
        "int2_sum" | "int4_sum" => int_sum,
        "booland_statefunc" => booland_statefunc,
        "boolor_statefunc" => boolor_statefunc,
        _ => return None,
    })
}

/// The callable support functions of the aggregates that exist.
pub(crate) fn builtins() -> Vec<FuncDef> {
    let procs = crate::bootdata::procs();
    let mut out: Vec<FuncDef> = Vec::new();
    for (_, agg) in crate::aggregates::builtin_aggregates() {
        for fn_oid in [agg.transfn, agg.combinefn, agg.mtransfn, agg.minvtransfn] {
            let Some(p) = procs.get(&fn_oid) else { continue };
            if out.iter().any(|f| f.oid == fn_oid) {
                continue;
            }
            let Some(f) = implementation(p.name, &p.arg_types) else { continue };
            let volatility = match p.volatile {
                b'i' => Volatility::Immutable,
                b's' => Volatility::Stable,
                _ => Volatility::Volatile,
            };
            let def = FuncDef::scalar(p.name, &p.arg_types, p.ret_type, volatility, f);
            out.push(if p.strict { def } else { def.non_strict() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_functions_answer_as_postgresql() {
        let names: Vec<&str> = builtins().iter().map(|f| f.name).collect();
        for n in ["int4larger", "numeric_smaller", "text_larger", "int8inc", "int4_sum", "booland_statefunc"] {
            assert!(names.contains(&n), "{n} missing from {names:?}");
        }
        let num = |s: &str| Datum::Numeric(crate::numeric::Numeric::parse(s).expect("numeric"));
        // Of two equal values, the second.
        assert_eq!(larger(&[num("1.0"), num("1.00")]).unwrap(), num("1.00"));
        assert_eq!(smaller(&[Datum::Int4(1), Datum::Int4(2)]).unwrap(), Datum::Int4(1));
        let t = |s: &str| Datum::Text(s.to_string());
        assert_eq!(bpchar_larger(&[t("a "), t("a")]).unwrap(), t("a"));
        assert_eq!(int_sum(&[Datum::Null, Datum::Int4(3)]).unwrap(), Datum::Int8(3));
        assert_eq!(int_sum(&[Datum::Int8(5), Datum::Null]).unwrap(), Datum::Int8(5));
        assert_eq!(int8inc(&[Datum::Int8(i64::MAX)]).unwrap_err().message, "bigint out of range");
    }
}
