//! Operators: the `pg_operator` rows for the built-in types and their implementations
//! (PostgreSQL's `int.c`, `int8.c`, `float.c`, `numeric.c`, `varlena.c`, `timestamp.c`).
//!
//! Boolean AND/OR/NOT are not operators here: the executor evaluates them with SQL's
//! three-valued logic (NULL AND false = false, NULL OR true = true) and short-circuiting.
//! Text comparison uses the "C" collation (bytewise) until collations exist.
//! Strictness: every operator here is strict; callers return NULL for a NULL input
//! without calling `func`.

use crate::datetime::{self, TimeZone, Tm, USECS_PER_DAY};
use crate::datum::{
    datum_cmp, Datum, Interval, DATE_NEG_INFINITY, DATE_POS_INFINITY, TS_NEG_INFINITY, TS_POS_INFINITY,
};
use crate::errors;
use crate::float;
use crate::interval;
use crate::io;
use crate::numeric::Numeric;
use crate::types::{oid, Oid};
use pg_error::PgResult;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One operator.
#[derive(Clone, Copy)]
pub struct OperatorDef {
    /// Operator name (`+`, `~~`, `||`).
    pub name: &'static str,
    /// Left operand type; `None` for a prefix operator.
    pub left: Option<Oid>,
    pub right: Oid,
    pub result: Oid,
    /// PostgreSQL's pg_operator OID (0 where this server's operator has none).
    pub oid: u32,
    pub func: fn(&[Datum]) -> PgResult<Datum>,
}

impl std::fmt::Debug for OperatorDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OperatorDef({:?} {} {:?} -> {}, oid {})", self.left, self.name, self.right, self.result, self.oid)
    }
}

fn arg(args: &[Datum], i: usize) -> PgResult<&Datum> {
    args.get(i).ok_or_else(|| pg_error::PgError::internal("operator called with too few arguments"))
}

// ----- integers -----------------------------------------------------------------------

fn int_width(d: &Datum) -> u8 {
    match d {
        Datum::Int2(_) => 2,
        Datum::Int4(_) => 4,
        _ => 8,
    }
}

fn make_int(v: i128, width: u8) -> PgResult<Datum> {
    match width {
        2 => i16::try_from(v).map(Datum::Int2).map_err(|_| errors::out_of_range("smallint")),
        4 => i32::try_from(v).map(Datum::Int4).map_err(|_| errors::out_of_range("integer")),
        _ => i64::try_from(v).map(Datum::Int8).map_err(|_| errors::out_of_range("bigint")),
    }
}

fn int_args(args: &[Datum]) -> PgResult<(i128, i128, u8)> {
    let (a, b) = (arg(args, 0)?, arg(args, 1)?);
    let x = a.as_i64().ok_or_else(|| errors::wrong_datum("integer operator"))?;
    let y = b.as_i64().ok_or_else(|| errors::wrong_datum("integer operator"))?;
    Ok((x as i128, y as i128, int_width(a).max(int_width(b))))
}

fn int_pl(a: &[Datum]) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    make_int(x + y, w)
}
fn int_mi(a: &[Datum]) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    make_int(x - y, w)
}
fn int_mul(a: &[Datum]) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    make_int(x * y, w)
}
fn int_div(a: &[Datum]) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    if y == 0 {
        return Err(errors::division_by_zero());
    }
    make_int(x / y, w)
}
fn int_mod(a: &[Datum]) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    if y == 0 {
        return Err(errors::division_by_zero());
    }
    make_int(x % y, w)
}
/// `int2and` .. `int8xor`: both operands have the operator's type.
fn int_bitwise(a: &[Datum], f: fn(i64, i64) -> i64) -> PgResult<Datum> {
    let (x, y, w) = int_args(a)?;
    make_int(f(x as i64, y as i64) as i128, w)
}
fn int_and(a: &[Datum]) -> PgResult<Datum> {
    int_bitwise(a, |x, y| x & y)
}
fn int_or(a: &[Datum]) -> PgResult<Datum> {
    int_bitwise(a, |x, y| x | y)
}
fn int_xor(a: &[Datum]) -> PgResult<Datum> {
    int_bitwise(a, |x, y| x ^ y)
}
fn int_not(a: &[Datum]) -> PgResult<Datum> {
    Ok(match arg(a, 0)? {
        Datum::Int2(v) => Datum::Int2(!v),
        Datum::Int4(v) => Datum::Int4(!v),
        Datum::Int8(v) => Datum::Int8(!v),
        _ => return Err(errors::wrong_datum("integer ~")),
    })
}
/// `int2shl` .. `int8shr`: the count is an int4. PostgreSQL shifts in C, where a
/// smallint is widened to int first and the machine takes the count modulo the
/// register width (32, or 64 for bigint); the same here, so `1 << 33` is 2.
fn int_shift(a: &[Datum], left: bool) -> PgResult<Datum> {
    let n = arg(a, 1)?.as_i64().ok_or_else(|| errors::wrong_datum("integer shift"))? as u32;
    let shl32 = |x: i32| if left { x.wrapping_shl(n) } else { x.wrapping_shr(n) };
    Ok(match arg(a, 0)? {
        Datum::Int2(v) => Datum::Int2(shl32(*v as i32) as i16),
        Datum::Int4(v) => Datum::Int4(shl32(*v)),
        Datum::Int8(v) => Datum::Int8(if left { v.wrapping_shl(n) } else { v.wrapping_shr(n) }),
        _ => return Err(errors::wrong_datum("integer shift")),
    })
}
fn int_shl(a: &[Datum]) -> PgResult<Datum> {
    int_shift(a, true)
}
fn int_shr(a: &[Datum]) -> PgResult<Datum> {
    int_shift(a, false)
}
fn int_um(a: &[Datum]) -> PgResult<Datum> {
    let d = arg(a, 0)?;
    make_int(-(d.as_i64().ok_or_else(|| errors::wrong_datum("integer operator"))? as i128), int_width(d))
}
fn int_abs(a: &[Datum]) -> PgResult<Datum> {
    let d = arg(a, 0)?;
    make_int((d.as_i64().ok_or_else(|| errors::wrong_datum("integer operator"))? as i128).abs(), int_width(d))
}
fn identity(a: &[Datum]) -> PgResult<Datum> {
    Ok(arg(a, 0)?.clone())
}

// ----- floats -------------------------------------------------------------------------

enum F {
    Four(f32, f32),
    Eight(f64, f64),
}

fn float_args(args: &[Datum]) -> PgResult<F> {
    match (arg(args, 0)?, arg(args, 1)?) {
        (Datum::Float4(x), Datum::Float4(y)) => Ok(F::Four(*x, *y)),
        (a, b) => Ok(F::Eight(
            a.as_f64().ok_or_else(|| errors::wrong_datum("float operator"))?,
            b.as_f64().ok_or_else(|| errors::wrong_datum("float operator"))?,
        )),
    }
}

fn float_pl(a: &[Datum]) -> PgResult<Datum> {
    Ok(match float_args(a)? {
        F::Four(x, y) => Datum::Float4(float::check_float4(x + y, x.is_infinite() || y.is_infinite(), true)?),
        F::Eight(x, y) => Datum::Float8(float::check_float8(x + y, x.is_infinite() || y.is_infinite(), true)?),
    })
}
fn float_mi(a: &[Datum]) -> PgResult<Datum> {
    Ok(match float_args(a)? {
        F::Four(x, y) => Datum::Float4(float::check_float4(x - y, x.is_infinite() || y.is_infinite(), true)?),
        F::Eight(x, y) => Datum::Float8(float::check_float8(x - y, x.is_infinite() || y.is_infinite(), true)?),
    })
}
fn float_mul(a: &[Datum]) -> PgResult<Datum> {
    Ok(match float_args(a)? {
        F::Four(x, y) => {
            Datum::Float4(float::check_float4(x * y, x.is_infinite() || y.is_infinite(), x == 0.0 || y == 0.0)?)
        }
        F::Eight(x, y) => {
            Datum::Float8(float::check_float8(x * y, x.is_infinite() || y.is_infinite(), x == 0.0 || y == 0.0)?)
        }
    })
}
fn float_div(a: &[Datum]) -> PgResult<Datum> {
    Ok(match float_args(a)? {
        F::Four(x, y) => {
            if y == 0.0 && !x.is_nan() {
                return Err(errors::division_by_zero());
            }
            Datum::Float4(float::check_float4(x / y, x.is_infinite(), x == 0.0 || y.is_infinite())?)
        }
        F::Eight(x, y) => {
            if y == 0.0 && !x.is_nan() {
                return Err(errors::division_by_zero());
            }
            Datum::Float8(float::check_float8(x / y, x.is_infinite(), x == 0.0 || y.is_infinite())?)
        }
    })
}
fn float_um(a: &[Datum]) -> PgResult<Datum> {
    Ok(match arg(a, 0)? {
        Datum::Float4(v) => Datum::Float4(-v),
        d => Datum::Float8(-d.as_f64().ok_or_else(|| errors::wrong_datum("float operator"))?),
    })
}
fn float_abs(a: &[Datum]) -> PgResult<Datum> {
    Ok(match arg(a, 0)? {
        Datum::Float4(v) => Datum::Float4(v.abs()),
        d => Datum::Float8(d.as_f64().ok_or_else(|| errors::wrong_datum("float operator"))?.abs()),
    })
}
fn f8(d: &Datum) -> PgResult<f64> {
    match d {
        Datum::Numeric(n) => Ok(n.to_f64()),
        _ => d.as_f64().ok_or_else(|| errors::wrong_datum("float8 operator")),
    }
}
/// `dpow`.
pub fn float8_pow(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(float::float8_pow(f8(arg(a, 0)?)?, f8(arg(a, 1)?)?)?))
}
/// `dsqrt`.
pub fn float8_sqrt(a: &[Datum]) -> PgResult<Datum> {
    let v = f8(arg(a, 0)?)?;
    if v < 0.0 {
        return Err(errors::sqrt_negative());
    }
    Ok(Datum::Float8(v.sqrt()))
}
fn float8_cbrt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(crate::mathfuncs::libm_cbrt(f8(arg(a, 0)?)?)))
}

// ----- numeric ------------------------------------------------------------------------

fn num(d: &Datum) -> PgResult<Numeric> {
    match d {
        Datum::Numeric(n) => Ok(n.clone()),
        Datum::Float4(v) => Numeric::from_f32(*v),
        Datum::Float8(v) => Numeric::from_f64(*v),
        _ => d.as_i64().map(Numeric::from_i64).ok_or_else(|| errors::wrong_datum("numeric operator")),
    }
}
fn num2(a: &[Datum]) -> PgResult<(Numeric, Numeric)> {
    Ok((num(arg(a, 0)?)?, num(arg(a, 1)?)?))
}
fn numeric_pl(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.add(&y).check_overflow()?))
}
fn numeric_mi(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.sub(&y).check_overflow()?))
}
fn numeric_mul(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.mul(&y)?.check_overflow()?))
}
fn numeric_div(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.div(&y)?.check_overflow()?))
}
fn numeric_mod(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.modulo(&y)?))
}
/// `numeric_power`.
pub fn numeric_pow(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = num2(a)?;
    Ok(Datum::Numeric(x.power(&y)?.check_overflow()?))
}
fn numeric_um(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(num(arg(a, 0)?)?.neg()))
}
fn numeric_abs(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(num(arg(a, 0)?)?.abs()))
}

// ----- comparisons --------------------------------------------------------------------

fn cmp_args(a: &[Datum]) -> PgResult<Ordering> {
    datum_cmp(arg(a, 0)?, arg(a, 1)?).ok_or_else(|| errors::wrong_datum("comparison"))
}
fn op_eq(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? == Ordering::Equal))
}
fn op_ne(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? != Ordering::Equal))
}
fn op_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? == Ordering::Less))
}
fn op_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? != Ordering::Greater))
}
fn op_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? == Ordering::Greater))
}
fn op_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp_args(a)? != Ordering::Less))
}

/// bpchar comparison ignores trailing blanks.
fn bpchar_cmp(a: &[Datum]) -> PgResult<Ordering> {
    match (arg(a, 0)?, arg(a, 1)?) {
        (Datum::Text(x), Datum::Text(y)) => {
            Ok(x.trim_end_matches(' ').as_bytes().cmp(y.trim_end_matches(' ').as_bytes()))
        }
        _ => Err(errors::wrong_datum("bpchar comparison")),
    }
}
fn bp_eq(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? == Ordering::Equal))
}
fn bp_ne(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? != Ordering::Equal))
}
fn bp_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? == Ordering::Less))
}
fn bp_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? != Ordering::Greater))
}
fn bp_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? == Ordering::Greater))
}
fn bp_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(bpchar_cmp(a)? != Ordering::Less))
}

// ----- text ---------------------------------------------------------------------------

/// The non-text operand of `anytextcat`/`textanycat` as text. PostgreSQL's functions are
/// `$1::text || $2`, so the value goes through its cast to text where one exists
/// (`boolean` prints `true`, `inet` shows its mask), else through its output function.
fn text_of(d: &Datum) -> std::borrow::Cow<'_, str> {
    match d {
        Datum::Text(s) => std::borrow::Cow::Borrowed(s.as_str()),
        Datum::Bool(b) => std::borrow::Cow::Borrowed(if *b { "true" } else { "false" }),
        Datum::Inet(i) => std::borrow::Cow::Owned(crate::inet::format_inet(i, true)),
        other => std::borrow::Cow::Owned(io::output(io::natural_type(other), other, &io::session_output_settings())),
    }
}
/// `textcat` and `anytextcat`/`textanycat` (the non-text side goes through its output function).
/// The result is allocated at once, so one over 1 GB is palloc's "invalid memory alloc request
/// size" (the size counting the 4-byte varlena header), as in PostgreSQL.
fn textcat(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = (text_of(arg(a, 0)?), text_of(arg(a, 1)?));
    let mut out = concat_buffer(x.len(), y.len())?;
    out.extend_from_slice(x.as_bytes());
    out.extend_from_slice(y.as_bytes());
    Ok(Datum::Text(String::from_utf8(out).expect("two valid UTF-8 strings make one")))
}
fn byteacat(a: &[Datum]) -> PgResult<Datum> {
    match (arg(a, 0)?, arg(a, 1)?) {
        (Datum::Bytea(x), Datum::Bytea(y)) => {
            let mut out = concat_buffer(x.len(), y.len())?;
            out.extend_from_slice(x);
            out.extend_from_slice(y);
            Ok(Datum::Bytea(out))
        }
        _ => Err(errors::wrong_datum("bytea ||")),
    }
}
/// The buffer for the concatenation of `x` and `y` bytes: at most 1 GB with the header.
fn concat_buffer(x: usize, y: usize) -> PgResult<Vec<u8>> {
    let len = x.saturating_add(y);
    pg_mcxt::limits::check_alloc_size(len.saturating_add(pg_mcxt::limits::VARHDRSZ))?;
    pg_mcxt::limits::try_with_capacity(len)
}
fn strs(a: &[Datum]) -> PgResult<(&str, &str)> {
    match (arg(a, 0)?, arg(a, 1)?) {
        (Datum::Text(x), Datum::Text(y)) => Ok((x, y)),
        _ => Err(errors::wrong_datum("text operator")),
    }
}
fn op_like(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = strs(a)?;
    Ok(Datum::Bool(crate::like::like(s, p, None)?))
}
fn op_not_like(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = strs(a)?;
    Ok(Datum::Bool(!crate::like::like(s, p, None)?))
}
fn op_ilike(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = strs(a)?;
    Ok(Datum::Bool(crate::like::ilike(s, p, None)?))
}
fn op_not_ilike(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = strs(a)?;
    Ok(Datum::Bool(!crate::like::ilike(s, p, None)?))
}

// ----- date/time ----------------------------------------------------------------------

fn add_months_local(local: i64, months: i32) -> PgResult<i64> {
    let tm = datetime::tm_from_local(local);
    let total = tm.year as i128 * 12 + (tm.month as i128 - 1) + months as i128;
    let year = total.div_euclid(12) as i64;
    let month = (total.rem_euclid(12) + 1) as u32;
    let day = tm.day.min(datetime::days_in_month(year, month));
    let t = datetime::local_from_tm(&Tm { year, month, day, ..tm });
    datetime::check_timestamp(t)
}

/// timestamp(tz) + interval with PostgreSQL's order: months, then days (both in local time
/// of `tz` when given), then the time part.
pub fn timestamp_pl_interval(ts: i64, iv: &Interval, tz: Option<&TimeZone>) -> PgResult<i64> {
    if ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return Ok(ts);
    }
    let mut ts = ts;
    if iv.months != 0 {
        let local = tz.map_or(ts, |z| z.utc_to_local(ts));
        let l2 = add_months_local(local, iv.months)?;
        ts = tz.map_or(l2, |z| z.local_to_utc(l2));
    }
    if iv.days != 0 {
        let local = tz.map_or(ts, |z| z.utc_to_local(ts));
        let l2 = datetime::check_timestamp(local as i128 + iv.days as i128 * USECS_PER_DAY as i128)?;
        ts = tz.map_or(l2, |z| z.local_to_utc(l2));
    }
    datetime::check_timestamp(ts as i128 + iv.micros as i128)
}

/// `interval_justify_hours` applied to a µs difference (timestamp - timestamp).
pub fn micros_to_interval(diff: i128) -> PgResult<Interval> {
    let days = diff / USECS_PER_DAY as i128;
    let micros = diff % USECS_PER_DAY as i128;
    if days.abs() > i32::MAX as i128 {
        return Err(errors::interval_out_of_range());
    }
    Ok(Interval { months: 0, days: days as i32, micros: micros as i64 })
}

fn ts_val(d: &Datum) -> PgResult<(i64, bool)> {
    match d {
        Datum::Timestamp(t) => Ok((*t, false)),
        Datum::TimestampTz(t) => Ok((*t, true)),
        Datum::Date(v) => Ok((datetime::date_to_timestamp_sat(*v), false)),
        _ => Err(errors::wrong_datum("timestamp operator")),
    }
}
/// [`ts_val`] for arithmetic: a date past the timestamp range is an error
/// ("date out of range for timestamp"), as its implicit cast to timestamp is.
fn ts_val_for_arithmetic(d: &Datum) -> PgResult<(i64, bool)> {
    match d {
        Datum::Date(_) => ts_val(&crate::casts::date_to_timestamp(d)?),
        other => ts_val(other),
    }
}
fn iv_val(d: &Datum) -> PgResult<Interval> {
    match d {
        Datum::Interval(i) => Ok(*i),
        Datum::Time(t) => Ok(Interval { months: 0, days: 0, micros: *t }),
        _ => Err(errors::wrong_datum("interval operator")),
    }
}
fn wrap_ts(v: i64, tz: bool) -> Datum {
    if tz {
        Datum::TimestampTz(v)
    } else {
        Datum::Timestamp(v)
    }
}
fn ts_pl_iv(a: &[Datum]) -> PgResult<Datum> {
    let (l, r) = (arg(a, 0)?, arg(a, 1)?);
    let (ts, iv) = if matches!(l, Datum::Interval(_)) { (r, l) } else { (l, r) };
    let (t, is_tz) = ts_val_for_arithmetic(ts)?;
    let tz = datetime::session_timezone();
    Ok(wrap_ts(timestamp_pl_interval(t, &iv_val(iv)?, if is_tz { Some(&tz) } else { None })?, is_tz))
}
fn ts_mi_iv(a: &[Datum]) -> PgResult<Datum> {
    let (t, is_tz) = ts_val_for_arithmetic(arg(a, 0)?)?;
    let iv = interval::interval_neg(&iv_val(arg(a, 1)?)?)?;
    let tz = datetime::session_timezone();
    Ok(wrap_ts(timestamp_pl_interval(t, &iv, if is_tz { Some(&tz) } else { None })?, is_tz))
}
fn ts_mi_ts(a: &[Datum]) -> PgResult<Datum> {
    let (x, _) = ts_val(arg(a, 0)?)?;
    let (y, _) = ts_val(arg(a, 1)?)?;
    if [x, y].iter().any(|v| *v == TS_NEG_INFINITY || *v == TS_POS_INFINITY) {
        return Err(pg_error::PgError::new(
            pg_error::SqlState::DATETIME_VALUE_OUT_OF_RANGE,
            "cannot subtract infinite timestamps",
        ));
    }
    // PostgreSQL 15 subtracts in int64 without an overflow check (two's complement
    // wrap-around), then justifies hours into days; the same here, so distances past
    // the int64 range give PostgreSQL's (wrapped) answer rather than an error.
    Ok(Datum::Interval(micros_to_interval(x.wrapping_sub(y) as i128)?))
}
fn date_val(d: &Datum) -> PgResult<i32> {
    match d {
        Datum::Date(v) => Ok(*v),
        _ => Err(errors::wrong_datum("date operator")),
    }
}
fn date_pl_int(a: &[Datum]) -> PgResult<Datum> {
    let (l, r) = (arg(a, 0)?, arg(a, 1)?);
    let (d, n) = if let Datum::Date(_) = l { (date_val(l)?, r.as_i64()) } else { (date_val(r)?, l.as_i64()) };
    let n = n.ok_or_else(|| errors::wrong_datum("date + integer"))?;
    if d == DATE_NEG_INFINITY || d == DATE_POS_INFINITY {
        return Ok(Datum::Date(d));
    }
    let v = d as i64 + n;
    if !(datetime::DATE_MIN as i64..=datetime::DATE_END as i64).contains(&v) {
        return Err(errors::date_out_of_range());
    }
    Ok(Datum::Date(v as i32))
}
fn date_mi_int(a: &[Datum]) -> PgResult<Datum> {
    let n = arg(a, 1)?.as_i64().ok_or_else(|| errors::wrong_datum("date - integer"))?;
    date_pl_int(&[arg(a, 0)?.clone(), Datum::Int8(-n)])
}
fn date_mi_date(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = (date_val(arg(a, 0)?)?, date_val(arg(a, 1)?)?);
    if [x, y].iter().any(|v| *v == DATE_NEG_INFINITY || *v == DATE_POS_INFINITY) {
        return Err(pg_error::PgError::new(
            pg_error::SqlState::DATETIME_VALUE_OUT_OF_RANGE,
            "cannot subtract infinite dates",
        ));
    }
    Ok(Datum::Int4((x as i64 - y as i64) as i32))
}
fn iv_pl(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(interval::interval_add(&iv_val(arg(a, 0)?)?, &iv_val(arg(a, 1)?)?)?))
}
fn iv_mi(a: &[Datum]) -> PgResult<Datum> {
    let neg = interval::interval_neg(&iv_val(arg(a, 1)?)?)?;
    Ok(Datum::Interval(interval::interval_add(&iv_val(arg(a, 0)?)?, &neg)?))
}
fn iv_um(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(interval::interval_neg(&iv_val(arg(a, 0)?)?)?))
}
fn iv_mul(a: &[Datum]) -> PgResult<Datum> {
    let (l, r) = (arg(a, 0)?, arg(a, 1)?);
    let (iv, f) = if let Datum::Interval(i) = l { (*i, f8(r)?) } else { (iv_val(r)?, f8(l)?) };
    Ok(Datum::Interval(interval::interval_mul(&iv, f)?))
}
fn iv_div(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(interval::interval_div(&iv_val(arg(a, 0)?)?, f8(arg(a, 1)?)?)?))
}

// ----- the table ----------------------------------------------------------------------

/// Which operators a type family gets.
fn push_cmp(v: &mut Vec<OperatorDef>, l: Oid, r: Oid) {
    type Fns = [(&'static str, fn(&[Datum]) -> PgResult<Datum>); 6];
    let generic: Fns = [("=", op_eq), ("<>", op_ne), ("<", op_lt), ("<=", op_le), (">", op_gt), (">=", op_ge)];
    let bpchar: Fns = [("=", bp_eq), ("<>", bp_ne), ("<", bp_lt), ("<=", bp_le), (">", bp_gt), (">=", bp_ge)];
    let fns = if l == oid::BPCHAR && r == oid::BPCHAR { bpchar } else { generic };
    for (name, func) in fns {
        v.push(OperatorDef { name, left: Some(l), right: r, result: oid::BOOL, oid: 0, func });
    }
}

fn build() -> Vec<OperatorDef> {
    let mut v: Vec<OperatorDef> = Vec::new();
    let mut bin = |name: &'static str, l: Oid, r: Oid, res: Oid, func: fn(&[Datum]) -> PgResult<Datum>| {
        v.push(OperatorDef { name, left: Some(l), right: r, result: res, oid: 0, func });
    };
    let ints = [oid::INT2, oid::INT4, oid::INT8];
    let wider = |a: Oid, b: Oid| {
        if a == oid::INT8 || b == oid::INT8 {
            oid::INT8
        } else if a == oid::INT4 || b == oid::INT4 {
            oid::INT4
        } else {
            oid::INT2
        }
    };
    for &l in &ints {
        for &r in &ints {
            let res = wider(l, r);
            bin("+", l, r, res, int_pl);
            bin("-", l, r, res, int_mi);
            bin("*", l, r, res, int_mul);
            bin("/", l, r, res, int_div);
            if l == r {
                bin("%", l, r, res, int_mod);
            }
        }
    }
    for (l, r, res) in [
        (oid::FLOAT4, oid::FLOAT4, oid::FLOAT4),
        (oid::FLOAT8, oid::FLOAT8, oid::FLOAT8),
        (oid::FLOAT4, oid::FLOAT8, oid::FLOAT8),
        (oid::FLOAT8, oid::FLOAT4, oid::FLOAT8),
    ] {
        bin("+", l, r, res, float_pl);
        bin("-", l, r, res, float_mi);
        bin("*", l, r, res, float_mul);
        bin("/", l, r, res, float_div);
    }
    bin("+", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_pl);
    bin("-", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_mi);
    bin("*", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_mul);
    bin("/", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_div);
    bin("%", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_mod);
    bin("^", oid::NUMERIC, oid::NUMERIC, oid::NUMERIC, numeric_pow);
    bin("^", oid::FLOAT8, oid::FLOAT8, oid::FLOAT8, float8_pow);
    bin("||", oid::TEXT, oid::TEXT, oid::TEXT, textcat);
    bin("||", oid::ANYNONARRAY, oid::TEXT, oid::TEXT, textcat);
    bin("||", oid::TEXT, oid::ANYNONARRAY, oid::TEXT, textcat);
    bin("||", oid::BYTEA, oid::BYTEA, oid::BYTEA, byteacat);
    // ---- ddl: regular expression matches (regexp.rs).
    for l in [oid::TEXT, oid::BPCHAR, oid::NAME] {
        bin("~", l, oid::TEXT, oid::BOOL, crate::regexp::op_regex_eq);
        bin("!~", l, oid::TEXT, oid::BOOL, crate::regexp::op_regex_ne);
        bin("~*", l, oid::TEXT, oid::BOOL, crate::regexp::op_icregex_eq);
        bin("!~*", l, oid::TEXT, oid::BOOL, crate::regexp::op_icregex_ne);
    }
    for l in [oid::TEXT, oid::BPCHAR, oid::NAME] {
        bin("~~", l, oid::TEXT, oid::BOOL, op_like);
        bin("!~~", l, oid::TEXT, oid::BOOL, op_not_like);
        bin("~~*", l, oid::TEXT, oid::BOOL, op_ilike);
        bin("!~~*", l, oid::TEXT, oid::BOOL, op_not_ilike);
    }
    bin("+", oid::TIMESTAMPTZ, oid::INTERVAL, oid::TIMESTAMPTZ, ts_pl_iv);
    bin("+", oid::INTERVAL, oid::TIMESTAMPTZ, oid::TIMESTAMPTZ, ts_pl_iv);
    bin("-", oid::TIMESTAMPTZ, oid::INTERVAL, oid::TIMESTAMPTZ, ts_mi_iv);
    bin("-", oid::TIMESTAMPTZ, oid::TIMESTAMPTZ, oid::INTERVAL, ts_mi_ts);
    bin("+", oid::TIMESTAMP, oid::INTERVAL, oid::TIMESTAMP, ts_pl_iv);
    bin("+", oid::INTERVAL, oid::TIMESTAMP, oid::TIMESTAMP, ts_pl_iv);
    bin("-", oid::TIMESTAMP, oid::INTERVAL, oid::TIMESTAMP, ts_mi_iv);
    bin("-", oid::TIMESTAMP, oid::TIMESTAMP, oid::INTERVAL, ts_mi_ts);
    bin("+", oid::DATE, oid::INTERVAL, oid::TIMESTAMP, ts_pl_iv);
    bin("-", oid::DATE, oid::INTERVAL, oid::TIMESTAMP, ts_mi_iv);
    bin("+", oid::DATE, oid::INT4, oid::DATE, date_pl_int);
    bin("+", oid::INT4, oid::DATE, oid::DATE, date_pl_int);
    bin("-", oid::DATE, oid::INT4, oid::DATE, date_mi_int);
    bin("-", oid::DATE, oid::DATE, oid::INT4, date_mi_date);
    bin("+", oid::INTERVAL, oid::INTERVAL, oid::INTERVAL, iv_pl);
    bin("-", oid::INTERVAL, oid::INTERVAL, oid::INTERVAL, iv_mi);
    bin("*", oid::INTERVAL, oid::FLOAT8, oid::INTERVAL, iv_mul);
    bin("*", oid::FLOAT8, oid::INTERVAL, oid::INTERVAL, iv_mul);
    bin("/", oid::INTERVAL, oid::FLOAT8, oid::INTERVAL, iv_div);
    bin("+", oid::TIME, oid::INTERVAL, oid::TIME, time_pl_iv);
    bin("+", oid::INTERVAL, oid::TIME, oid::TIME, iv_pl_time);
    // ---- fuzz: integer bitwise operators.
    for &t in &ints {
        bin("&", t, t, t, int_and);
        bin("|", t, t, t, int_or);
        bin("#", t, t, t, int_xor);
        bin("<<", t, oid::INT4, t, int_shl);
        bin(">>", t, oid::INT4, t, int_shr);
    }
    bin("-", oid::TIME, oid::INTERVAL, oid::TIME, time_mi_iv);
    bin("-", oid::TIME, oid::TIME, oid::INTERVAL, time_mi_time);
    // ---- datetime: timetz.
    for (name, l, r, res, f) in crate::timetz::operators().into_iter().chain(crate::datefuncs::operators()) {
        bin(name, l, r, res, f);
    }
    let mut pre = |name: &'static str, t: Oid, res: Oid, func: fn(&[Datum]) -> PgResult<Datum>| {
        v.push(OperatorDef { name, left: None, right: t, result: res, oid: 0, func });
    };
    for &t in &ints {
        pre("-", t, t, int_um);
        pre("~", t, t, int_not);
        pre("+", t, t, identity);
        pre("@", t, t, int_abs);
    }
    for t in [oid::FLOAT4, oid::FLOAT8] {
        pre("-", t, t, float_um);
        pre("+", t, t, identity);
        pre("@", t, t, float_abs);
    }
    pre("-", oid::NUMERIC, oid::NUMERIC, numeric_um);
    pre("+", oid::NUMERIC, oid::NUMERIC, identity);
    pre("@", oid::NUMERIC, oid::NUMERIC, numeric_abs);
    pre("|/", oid::FLOAT8, oid::FLOAT8, float8_sqrt);
    pre("||/", oid::FLOAT8, oid::FLOAT8, float8_cbrt);
    pre("-", oid::INTERVAL, oid::INTERVAL, iv_um);
    for &l in &ints {
        for &r in &ints {
            push_cmp(&mut v, l, r);
        }
    }
    for (l, r) in
        [(oid::FLOAT4, oid::FLOAT4), (oid::FLOAT8, oid::FLOAT8), (oid::FLOAT4, oid::FLOAT8), (oid::FLOAT8, oid::FLOAT4)]
    {
        push_cmp(&mut v, l, r);
    }
    for t in [
        oid::BOOL,
        oid::NUMERIC,
        oid::TEXT,
        oid::BPCHAR,
        oid::NAME,
        oid::CHAR,
        oid::BYTEA,
        oid::OID,
        oid::XID,
        oid::XID8,
        oid::CID,
        oid::INET,
        oid::DATE,
        oid::TIME,
        oid::TIMESTAMP,
        oid::TIMESTAMPTZ,
        oid::INTERVAL,
        oid::UUID,
        oid::REGCLASS,
        oid::REGTYPE,
        oid::REGPROC,
    ] {
        push_cmp(&mut v, t, t);
    }
    // array_eq and friends: element by element, then by length.
    push_cmp(&mut v, oid::ANYARRAY, oid::ANYARRAY);
    for (l, r) in [
        (oid::NAME, oid::TEXT),
        (oid::TEXT, oid::NAME),
        (oid::DATE, oid::TIMESTAMP),
        (oid::TIMESTAMP, oid::DATE),
        (oid::DATE, oid::TIMESTAMPTZ),
        (oid::TIMESTAMPTZ, oid::DATE),
        (oid::TIMESTAMP, oid::TIMESTAMPTZ),
        (oid::TIMESTAMPTZ, oid::TIMESTAMP),
    ] {
        push_cmp(&mut v, l, r);
    }
    // Fix the cross-type date/timestamp comparisons up: they need conversion first.
    for o in v.iter_mut() {
        if o.result == oid::BOOL
            && o.left.is_some()
            && o.left != Some(o.right)
            && [oid::DATE, oid::TIMESTAMP, oid::TIMESTAMPTZ].contains(&o.right)
            && o.left.is_some_and(|l| [oid::DATE, oid::TIMESTAMP, oid::TIMESTAMPTZ].contains(&l))
        {
            o.func = match o.name {
                "=" => dt_eq,
                "<>" => dt_ne,
                "<" => dt_lt,
                "<=" => dt_le,
                ">" => dt_gt,
                _ => dt_ge,
            };
        }
        o.oid = crate::pg_oids::operator_oid(o.name, o.left.unwrap_or(0), o.right);
    }
    // ---- psqld: arrays. `anyarray || anyarray` is array_cat, which is not
    // strict: the analyzer calls it as that function (see pg-analyze's
    // make_op), so a NULL side gives the other as in PostgreSQL.
    v.push(OperatorDef {
        name: "||",
        left: Some(oid::ANYARRAY),
        right: oid::ANYARRAY,
        result: oid::ANYARRAY,
        oid: 375,
        func: crate::arrayfuncs::array_cat,
    });
    // ---- inet
    v.extend(crate::network::operators());
    v.extend(crate::textfuncs::operators());
    v
}

fn time_pl_iv(a: &[Datum]) -> PgResult<Datum> {
    let t = match arg(a, 0)? {
        Datum::Time(t) => *t,
        _ => return Err(errors::wrong_datum("time + interval")),
    };
    Ok(Datum::Time((t + iv_val(arg(a, 1)?)?.micros % USECS_PER_DAY).rem_euclid(USECS_PER_DAY)))
}
/// `interval + time` (`interval_pl_time`): commutes to `time + interval`.
fn iv_pl_time(a: &[Datum]) -> PgResult<Datum> {
    time_pl_iv(&[arg(a, 1)?.clone(), arg(a, 0)?.clone()])
}
fn time_mi_iv(a: &[Datum]) -> PgResult<Datum> {
    let neg = interval::interval_neg(&iv_val(arg(a, 1)?)?)?;
    time_pl_iv(&[arg(a, 0)?.clone(), Datum::Interval(neg)])
}
fn time_mi_time(a: &[Datum]) -> PgResult<Datum> {
    match (arg(a, 0)?, arg(a, 1)?) {
        (Datum::Time(x), Datum::Time(y)) => Ok(Datum::Interval(Interval { months: 0, days: 0, micros: x - y })),
        _ => Err(errors::wrong_datum("time - time")),
    }
}

/// Cross-type date/timestamp/timestamptz comparison: both sides as timestamptz instants
/// (dates and timestamps are read in the session time zone, as PostgreSQL does).
fn dt_cmp(a: &[Datum]) -> PgResult<Ordering> {
    let conv = |d: &Datum| -> PgResult<i64> {
        Ok(match d {
            Datum::TimestampTz(t) => *t,
            Datum::Timestamp(_) | Datum::Date(_) => {
                let (local, _) = ts_val(d)?;
                if local == TS_NEG_INFINITY || local == TS_POS_INFINITY {
                    local
                } else {
                    datetime::session_timezone().local_to_utc(local)
                }
            }
            _ => return Err(errors::wrong_datum("date/time comparison")),
        })
    };
    let (l, r) = (arg(a, 0)?, arg(a, 1)?);
    if !matches!(l, Datum::TimestampTz(_)) && !matches!(r, Datum::TimestampTz(_)) {
        return cmp_args(a);
    }
    Ok(conv(l)?.cmp(&conv(r)?))
}
fn dt_eq(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? == Ordering::Equal))
}
fn dt_ne(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? != Ordering::Equal))
}
fn dt_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? == Ordering::Less))
}
fn dt_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? != Ordering::Greater))
}
fn dt_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? == Ordering::Greater))
}
fn dt_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(dt_cmp(a)? != Ordering::Less))
}

/// Every built-in operator.
pub fn all_operators() -> &'static [OperatorDef] {
    static OPS: OnceLock<Vec<OperatorDef>> = OnceLock::new();
    OPS.get_or_init(build)
}

/// The operators of each name, in [`all_operators`] order: operator
/// resolution runs for every operator of every statement (a million times
/// for an IN list of a million items), so it must not scan the whole table.
fn operators_by_name() -> &'static HashMap<&'static str, Vec<&'static OperatorDef>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static OperatorDef>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<&'static OperatorDef>> = HashMap::new();
        for o in all_operators() {
            index.entry(o.name).or_default().push(o);
        }
        index
    })
}

/// The operators with this name (all operand types), for operator resolution.
pub fn lookup_operators(name: &str) -> impl Iterator<Item = &'static OperatorDef> + '_ {
    operators_by_name().get(name).into_iter().flatten().copied()
}

/// The operator with exactly these operand types (`left` None for prefix operators).
pub fn find_operator(name: &str, left: Option<Oid>, right: Oid) -> Option<&'static OperatorDef> {
    lookup_operators(name).find(|o| o.left == left && o.right == right)
}
