//! Numeric-type functions of PostgreSQL 15 that neither `funcs.rs` nor
//! `mathfuncs.rs` carry: the binary send functions of the numeric types,
//! callable from SQL as in PostgreSQL (`float4send(x)` shows the exact bits of
//! a float, which the regression tests use to check input rounding), and
//! `numeric_inc` (`numeric.c`).

use crate::datum::Datum;
use crate::errors;
use crate::fmgr::{FuncDef, Volatility};
use crate::funcs::arg;
use crate::numeric::Numeric;
use crate::types::{oid, Oid};
use pg_error::PgResult;

/// `typsend(x) returns bytea`: the wire bytes of the argument's binary form.
fn send_as(type_oid: Oid, a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bytea(crate::binary::send(type_oid, arg(a, 0)?)?))
}
fn f_int2send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::INT2, a)
}
fn f_int4send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::INT4, a)
}
fn f_int8send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::INT8, a)
}
fn f_float4send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::FLOAT4, a)
}
fn f_float8send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::FLOAT8, a)
}
fn f_numeric_send(a: &[Datum]) -> PgResult<Datum> {
    send_as(oid::NUMERIC, a)
}

/// `numeric_inc(x)`: x + 1 (NaN and the infinities stay as they are).
fn f_numeric_inc(a: &[Datum]) -> PgResult<Datum> {
    match arg(a, 0)? {
        Datum::Numeric(n) => Ok(Datum::Numeric(n.add(&Numeric::one()).check_overflow()?)),
        _ => Err(errors::wrong_datum("numeric")),
    }
}

/// This module's functions, each with its pg_proc OID from [`crate::pg_oids`].
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::Immutable;
    vec![
        FuncDef::scalar("int2send", &[INT2], BYTEA, Immutable, f_int2send),
        FuncDef::scalar("int4send", &[INT4], BYTEA, Immutable, f_int4send),
        FuncDef::scalar("int8send", &[INT8], BYTEA, Immutable, f_int8send),
        FuncDef::scalar("float4send", &[FLOAT4], BYTEA, Immutable, f_float4send),
        FuncDef::scalar("float8send", &[FLOAT8], BYTEA, Immutable, f_float8send),
        FuncDef::scalar("numeric_send", &[NUMERIC], BYTEA, Immutable, f_numeric_send),
        FuncDef::scalar("numeric_inc", &[NUMERIC], NUMERIC, Immutable, f_numeric_inc),
    ]
}
