//! Mathematical functions of PostgreSQL 15 that `funcs.rs` does not carry:
//! `gcd`/`lcm` (int4, int8, numeric), `scale`/`min_scale`/`trim_scale`,
//! `width_bucket` over an array of thresholds,
//! the trigonometric functions in radians and degrees, the hyperbolic
//! functions, `num_nulls`/`num_nonnulls` and `pg_typeof` (PostgreSQL's `int.c`,
//! `int8.c`, `numeric.c`, `float.c` and `misc.c`).
//!
//! The degree forms follow `float.c`'s approach: the argument is folded into
//! the first quadrant and the radian result is scaled by the value the same
//! libm function gives at a landmark angle (30, 45, 60 degrees), so that
//! `sind(30)` is exactly 0.5 and `tand(45)` exactly 1, as PostgreSQL answers.

use crate::datum::Datum;
use crate::errors;
use crate::fmgr::{FuncDef, ScalarFn, Volatility};
use crate::numeric::{Numeric, NumericKind};
use crate::types::oid;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use pg_error::{PgError, PgResult, SqlState};

use crate::funcs::{arg, int};

fn f8(a: &[Datum], i: usize) -> PgResult<f64> {
    arg(a, i)?.as_f64().ok_or_else(|| errors::wrong_datum("float argument"))
}
fn numeric(a: &[Datum], i: usize) -> PgResult<&Numeric> {
    match arg(a, i)? {
        Datum::Numeric(n) => Ok(n),
        _ => Err(errors::wrong_datum("numeric argument")),
    }
}

// ---- gcd / lcm ----------------------------------------------------------------------

/// Greatest common divisor of two magnitudes (Euclid); gcd(0, 0) is 0.
fn gcd_u128(mut x: u128, mut y: u128) -> u128 {
    while y != 0 {
        (x, y) = (y, x % y);
    }
    x
}

/// `int4gcd`/`int8gcd`: the result is never negative, so gcd(minimum, 0) does
/// not fit the type ("integer out of range").
fn int_gcd(a: &[Datum], max: i64, what: &str) -> PgResult<u128> {
    let g = gcd_u128(int(a, 0)?.unsigned_abs() as u128, int(a, 1)?.unsigned_abs() as u128);
    if g > max as u128 {
        return Err(errors::out_of_range(what));
    }
    Ok(g)
}

/// `int4lcm`/`int8lcm`: 0 when either argument is 0, else |a / gcd * b|.
fn int_lcm(a: &[Datum], max: i64, what: &str) -> PgResult<u128> {
    let (x, y) = (int(a, 0)?, int(a, 1)?);
    if x == 0 || y == 0 {
        return Ok(0);
    }
    let g = gcd_u128(x.unsigned_abs() as u128, y.unsigned_abs() as u128);
    let l = (x.unsigned_abs() as u128 / g) * y.unsigned_abs() as u128;
    if l > max as u128 {
        return Err(errors::out_of_range(what));
    }
    Ok(l)
}

fn f_gcd_int4(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(int_gcd(a, i32::MAX as i64, "integer")? as i32))
}
fn f_gcd_int8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int8(int_gcd(a, i64::MAX, "bigint")? as i64))
}
fn f_lcm_int4(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(int_lcm(a, i32::MAX as i64, "integer")? as i32))
}
fn f_lcm_int8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int8(int_lcm(a, i64::MAX, "bigint")? as i64))
}

/// Both numeric arguments as unscaled integers at their common (larger) display
/// scale, or `None` when either is NaN or infinite (the result is then NaN).
fn numeric_pair(a: &[Datum]) -> PgResult<Option<(BigInt, BigInt, i32)>> {
    let (x, y) = (numeric(a, 0)?, numeric(a, 1)?);
    if !x.is_finite() || !y.is_finite() {
        return Ok(None);
    }
    let s = x.dscale().max(y.dscale());
    let at = |n: &Numeric| n.unscaled() * Numeric::pow10(s - n.dscale());
    Ok(Some((at(x), at(y), s)))
}

/// `numeric_gcd`: works on the values scaled to the larger display scale.
fn f_gcd_num(a: &[Datum]) -> PgResult<Datum> {
    let Some((x, y, s)) = numeric_pair(a)? else { return Ok(Datum::Numeric(Numeric::nan())) };
    Ok(Datum::Numeric(Numeric::from_unscaled(x.gcd(&y), s)))
}

/// `numeric_lcm`: |x / gcd * y| at the larger display scale; 0 when either is 0.
fn f_lcm_num(a: &[Datum]) -> PgResult<Datum> {
    let Some((x, y, s)) = numeric_pair(a)? else { return Ok(Datum::Numeric(Numeric::nan())) };
    if x.is_zero() || y.is_zero() {
        return Ok(Datum::Numeric(Numeric::from_unscaled(BigInt::zero(), s)));
    }
    let l = (x.abs() / x.gcd(&y)) * y.abs();
    Ok(Datum::Numeric(Numeric::from_unscaled(l, s).check_overflow()?))
}

// ---- scale ---------------------------------------------------------------------------

/// The smallest scale that represents a finite value exactly.
fn min_scale_of(n: &Numeric) -> i32 {
    let mut v = n.unscaled().clone();
    let mut s = n.dscale();
    let ten = BigInt::from(10);
    while s > 0 && !v.is_zero() && (&v % &ten).is_zero() {
        v /= &ten;
        s -= 1;
    }
    if v.is_zero() {
        0
    } else {
        s
    }
}

/// `numeric_scale`: the display scale; NULL for NaN and infinities.
fn f_scale(a: &[Datum]) -> PgResult<Datum> {
    let n = numeric(a, 0)?;
    Ok(if n.is_finite() { Datum::Int4(n.dscale()) } else { Datum::Null })
}
/// `numeric_min_scale`: NULL for NaN and infinities.
fn f_min_scale(a: &[Datum]) -> PgResult<Datum> {
    let n = numeric(a, 0)?;
    Ok(if n.is_finite() { Datum::Int4(min_scale_of(n)) } else { Datum::Null })
}
/// `numeric_trim_scale`: the same value without trailing fractional zeros.
fn f_trim_scale(a: &[Datum]) -> PgResult<Datum> {
    let n = numeric(a, 0)?;
    if n.kind() != NumericKind::Finite {
        return Ok(Datum::Numeric(n.clone()));
    }
    let s = min_scale_of(n);
    let v = n.unscaled() / Numeric::pow10(n.dscale() - s);
    Ok(Datum::Numeric(Numeric::from_unscaled(v, s)))
}

// ---- trigonometric functions ---------------------------------------------------------

/// 22003 "input is out of range", the error of the trigonometric functions.
fn input_out_of_range() -> PgError {
    PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range")
}

/// A radian function of one argument: NaN passes through, an infinite
/// argument is out of range when `inf_arg_err`, and the result is checked as
/// `check_float8_val(result, inf_ok, true)`.
fn trig1(a: &[Datum], f: fn(f64) -> f64, inf_arg_err: bool, inf_ok: bool) -> PgResult<Datum> {
    let x = f8(a, 0)?;
    if x.is_nan() {
        return Ok(Datum::Float8(x));
    }
    if inf_arg_err && x.is_infinite() {
        return Err(input_out_of_range());
    }
    Ok(Datum::Float8(crate::float::check_float8(f(x), inf_ok, true)?))
}

/// asin/acos and their degree forms accept only [-1, 1].
fn unit_arg(a: &[Datum]) -> PgResult<Option<f64>> {
    let x = f8(a, 0)?;
    if x.is_nan() {
        return Ok(None);
    }
    if !(-1.0..=1.0).contains(&x) {
        return Err(input_out_of_range());
    }
    Ok(Some(x))
}

fn f_sin(a: &[Datum]) -> PgResult<Datum> {
    trig1(a, f64::sin, true, false)
}
fn f_cos(a: &[Datum]) -> PgResult<Datum> {
    trig1(a, f64::cos, true, false)
}
fn f_tan(a: &[Datum]) -> PgResult<Datum> {
    trig1(a, f64::tan, true, true)
}
fn f_cot(a: &[Datum]) -> PgResult<Datum> {
    // 1/tan; -0 is shown as 0.
    trig1(a, |x| 1.0 / x.tan() + 0.0, true, true)
}
fn f_asin(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(unit_arg(a)?.map_or(f64::NAN, f64::asin)))
}
fn f_acos(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(unit_arg(a)?.map_or(f64::NAN, f64::acos)))
}
fn f_atan(a: &[Datum]) -> PgResult<Datum> {
    trig1(a, f64::atan, false, false)
}
fn f_atan2(a: &[Datum]) -> PgResult<Datum> {
    let (y, x) = (f8(a, 0)?, f8(a, 1)?);
    if y.is_nan() || x.is_nan() {
        return Ok(Datum::Float8(f64::NAN));
    }
    Ok(Datum::Float8(y.atan2(x)))
}

// Degree forms. The landmark values are computed with the same libm calls
// the folded arguments go through, so the scaled results are exact there.

const RADIANS_PER_DEGREE: f64 = 0.017_453_292_519_943_295;

fn sin_30() -> f64 {
    (30.0 * RADIANS_PER_DEGREE).sin()
}
fn one_minus_cos_60() -> f64 {
    1.0 - (60.0 * RADIANS_PER_DEGREE).cos()
}
/// sin of an angle in [0, 30] degrees, exact at 30.
fn sind_0_to_30(x: f64) -> f64 {
    ((x * RADIANS_PER_DEGREE).sin() / sin_30()) / 2.0
}
/// cos of an angle in [0, 60] degrees, exact at 60.
fn cosd_0_to_60(x: f64) -> f64 {
    1.0 - ((1.0 - (x * RADIANS_PER_DEGREE).cos()) / one_minus_cos_60()) / 2.0
}
/// sin of an angle in the first quadrant [0, 90].
fn sind_q1(x: f64) -> f64 {
    if x <= 30.0 {
        sind_0_to_30(x)
    } else {
        cosd_0_to_60(90.0 - x)
    }
}
/// cos of an angle in the first quadrant [0, 90].
fn cosd_q1(x: f64) -> f64 {
    if x <= 60.0 {
        cosd_0_to_60(x)
    } else {
        sind_0_to_30(90.0 - x)
    }
}
/// asin in degrees for x in [0, 1], exact at 0.5 and 1.
fn asind_q1(x: f64) -> f64 {
    if x <= 0.5 {
        (x.asin() / 0.5f64.asin()) * 30.0
    } else {
        90.0 - (x.acos() / 0.5f64.acos()) * 60.0
    }
}
/// acos in degrees for x in [0, 1], exact at 0.5 and 1.
fn acosd_q1(x: f64) -> f64 {
    if x <= 0.5 {
        90.0 - (x.asin() / 0.5f64.asin()) * 30.0
    } else {
        (x.acos() / 0.5f64.acos()) * 60.0
    }
}

/// The argument of a degree function reduced to [0, 180] with the sign the
/// odd functions (sin, tan, cot) take there; `None` for NaN.
fn fold_odd(a: &[Datum], reflect: bool) -> PgResult<Option<(f64, f64)>> {
    let x = f8(a, 0)?;
    if x.is_nan() {
        return Ok(None);
    }
    if x.is_infinite() {
        return Err(input_out_of_range());
    }
    let (mut x, mut sign) = (x % 360.0, 1.0);
    if x < 0.0 {
        x = -x;
        sign = -sign;
    }
    if x > 180.0 {
        // sin(x) = -sin(x - 180); tan and cot reflect instead:
        // tan(x) = -tan(360 - x).
        x = if reflect { 360.0 - x } else { x - 180.0 };
        sign = -sign;
    }
    Ok(Some((x, sign)))
}

fn f_sind(a: &[Datum]) -> PgResult<Datum> {
    let Some((mut x, sign)) = fold_odd(a, false)? else { return Ok(Datum::Float8(f64::NAN)) };
    if x > 90.0 {
        x = 180.0 - x;
    }
    Ok(Datum::Float8(sign * sind_q1(x)))
}
fn f_cosd(a: &[Datum]) -> PgResult<Datum> {
    let x = f8(a, 0)?;
    if x.is_nan() {
        return Ok(Datum::Float8(x));
    }
    if x.is_infinite() {
        return Err(input_out_of_range());
    }
    let mut x = (x % 360.0).abs();
    if x > 180.0 {
        x = 360.0 - x;
    }
    let mut sign = 1.0;
    if x > 90.0 {
        x = 180.0 - x;
        sign = -sign;
    }
    Ok(Datum::Float8(sign * cosd_q1(x)))
}
/// tand and cotd share the folding; `cot` picks which ratio.
fn tan_cot_d(a: &[Datum], cot: bool) -> PgResult<Datum> {
    let Some((mut x, mut sign)) = fold_odd(a, true)? else { return Ok(Datum::Float8(f64::NAN)) };
    if x > 90.0 {
        x = 180.0 - x;
        sign = -sign;
    }
    let (s, c) = (sind_q1(x), cosd_q1(x));
    let (s45, c45) = (sind_q1(45.0), cosd_q1(45.0));
    let r = if cot { sign * ((c / s) / (c45 / s45)) } else { sign * ((s / c) / (s45 / c45)) };
    // -0 is shown as 0; tand(90) and cotd(0) are Infinity.
    Ok(Datum::Float8(crate::float::check_float8(r + 0.0, true, true)?))
}
fn f_tand(a: &[Datum]) -> PgResult<Datum> {
    tan_cot_d(a, false)
}
fn f_cotd(a: &[Datum]) -> PgResult<Datum> {
    tan_cot_d(a, true)
}
fn f_asind(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(unit_arg(a)?.map_or(f64::NAN, |x| if x >= 0.0 { asind_q1(x) } else { -asind_q1(-x) })))
}
fn f_acosd(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(unit_arg(a)?.map_or(f64::NAN, |x| if x >= 0.0 { acosd_q1(x) } else { 90.0 + asind_q1(-x) })))
}
fn f_atand(a: &[Datum]) -> PgResult<Datum> {
    let x = f8(a, 0)?;
    Ok(Datum::Float8(if x.is_nan() { x } else { (x.atan() / 1.0f64.atan()) * 45.0 }))
}
fn f_atan2d(a: &[Datum]) -> PgResult<Datum> {
    let (y, x) = (f8(a, 0)?, f8(a, 1)?);
    if y.is_nan() || x.is_nan() {
        return Ok(Datum::Float8(f64::NAN));
    }
    Ok(Datum::Float8((y.atan2(x) / 1.0f64.atan()) * 45.0))
}

// ---- hyperbolic functions ------------------------------------------------------------

/// sinh and cosh overflow to an infinity rather than raising an error.
fn f_sinh(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.sinh()))
}
fn f_cosh(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.cosh()))
}
fn f_tanh(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.tanh()))
}
fn f_asinh(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(libm_asinh(f8(a, 0)?)))
}
/// acosh is defined from 1 up.
fn f_acosh(a: &[Datum]) -> PgResult<Datum> {
    let x = f8(a, 0)?;
    if x < 1.0 {
        return Err(input_out_of_range());
    }
    Ok(Datum::Float8(libm_acosh(x)))
}
/// atanh is defined on [-1, 1], infinite at the ends.
fn f_atanh(a: &[Datum]) -> PgResult<Datum> {
    let x = f8(a, 0)?;
    if !x.is_nan() && !(-1.0..=1.0).contains(&x) {
        return Err(input_out_of_range());
    }
    Ok(Datum::Float8(if x == 1.0 || x == -1.0 { f64::INFINITY.copysign(x) } else { libm_atanh(x) }))
}

// PostgreSQL calls the C library's asinh/acosh/atanh. Rust's f64 methods of
// those names are computed differently (they round differently in the last
// place), so these follow the C library's (glibc's dbl-64) formulas, built
// on `ln` and `ln_1p`, which do call the C library's log and log1p.

/// ln 2 (the C library's constant is the same double).
const LN2: f64 = std::f64::consts::LN_2;

/// The high 32 bits of a double's representation, without the sign.
fn high_word(x: f64) -> u32 {
    ((x.to_bits() >> 32) as u32) & 0x7fff_ffff
}

fn libm_asinh(x: f64) -> f64 {
    let ix = high_word(x);
    if ix < 0x3e30_0000 || x.is_nan() {
        // |x| < 2^-28: asinh(x) rounds to x.
        return x;
    }
    let xa = x.abs();
    let w = if ix > 0x41b0_0000 {
        if x.is_infinite() {
            return x;
        }
        xa.ln() + LN2
    } else if ix > 0x4000_0000 {
        (2.0 * xa + 1.0 / ((xa * xa + 1.0).sqrt() + xa)).ln()
    } else {
        let t = xa * xa;
        (xa + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// For x >= 1 (the caller rejects smaller arguments).
fn libm_acosh(x: f64) -> f64 {
    let bits = x.to_bits();
    let hx = (bits >> 32) as u32;
    if x.is_nan() || x.is_infinite() {
        return x;
    }
    if hx >= 0x41b0_0000 {
        x.ln() + LN2
    } else if x == 1.0 {
        0.0
    } else if hx > 0x4000_0000 {
        (2.0 * x - 1.0 / (x + (x * x - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

/// For |x| < 1 (the caller handles the ends and rejects the rest).
fn libm_atanh(x: f64) -> f64 {
    let xa = x.abs();
    if xa.is_nan() {
        return x;
    }
    let t = if xa < 0.5 {
        if xa < f64::from_bits(0x3e30_0000_0000_0000) {
            return x;
        }
        let t = xa + xa;
        0.5 * (t + t * xa / (1.0 - xa)).ln_1p()
    } else {
        0.5 * ((xa + xa) / (1.0 - xa)).ln_1p()
    };
    t.copysign(x)
}

/// `cbrt` as the C library computes it (glibc's dbl-64 polynomial
/// estimate and one rational refinement step), which PostgreSQL's `dcbrt`
/// and `||/` call; Rust's `f64::cbrt` rounds some results differently
/// (cbrt(27) is 3.0000000000000004 in PostgreSQL).
// The coefficients are written as the C library prints them.
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
pub(crate) fn libm_cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = frexp(x.abs());
    let u = 0.354895765043919860
        + ((1.50819193781584896
            + ((-2.11499494167371287
                + ((2.44693122563534430
                    + ((-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * xm) * xm) * xm))
                    * xm))
                * xm))
            * xm);
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    ldexp(if x > 0.0 { ym } else { -ym }, xe / 3)
}

/// C's `frexp` for a finite non-zero value: mantissa in [0.5, 1) and exponent.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first (2^54).
        let (m, e) = frexp(x * f64::from_bits(0x4350_0000_0000_0000));
        return (m, e - 54);
    }
    (f64::from_bits((bits & !(0x7ff_u64 << 52)) | (1022_u64 << 52)), exp - 1022)
}

/// C's `ldexp` for the exponents `libm_cbrt` produces (|e| < 400): exact
/// multiplication by a power of two.
fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

// ---- width_bucket(anyelement, anyarray) ------------------------------------------------

/// `width_bucket_array`: how many of the sorted thresholds are less than or
/// equal to the operand, found by binary search (so unsorted thresholds give
/// whatever the search lands on, as in PostgreSQL).
fn f_width_bucket_array(a: &[Datum]) -> PgResult<Datum> {
    let operand = arg(a, 0)?;
    let Datum::Array(thresholds) = arg(a, 1)? else { return Err(errors::wrong_datum("anyarray argument")) };
    if thresholds.ndim() > 1 {
        return Err(PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "thresholds must be one-dimensional array"));
    }
    let elems = thresholds.elems();
    if elems.iter().any(Datum::is_null) {
        return Err(PgError::new(SqlState::NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs"));
    }
    let (mut left, mut right) = (0usize, elems.len());
    while left < right {
        let mid = left + (right - left) / 2;
        let order = crate::datum::datum_cmp(operand, &elems[mid])
            .ok_or_else(|| PgError::internal("width_bucket: operand and thresholds are not comparable"))?;
        if order == std::cmp::Ordering::Less {
            right = mid;
        } else {
            left = mid + 1;
        }
    }
    Ok(Datum::Int4(left as i32))
}

// ---- num_nulls / num_nonnulls --------------------------------------------------------

fn count_nulls(a: &[Datum]) -> i32 {
    a.iter().filter(|d| matches!(d, Datum::Null)).count() as i32
}
fn f_num_nulls(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(count_nulls(a)))
}
fn f_num_nonnulls(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(a.len() as i32 - count_nulls(a)))
}

/// `pg_typeof(any)`: the parser replaces the argument with the constant
/// `regtype` of the argument's type (PostgreSQL reads it from the call's
/// expression tree at run time, `get_fn_expr_argtype`), so the value that
/// arrives here is already the answer.
fn f_pg_typeof(a: &[Datum]) -> PgResult<Datum> {
    match arg(a, 0)? {
        Datum::Oid(t) => Ok(Datum::Oid(*t)),
        _ => Err(PgError::internal("pg_typeof called without its argument's type")),
    }
}

/// The pg_proc OID of `pg_typeof(any)`, which the parser recognises.
pub const PG_TYPEOF_OID: u32 = 1619;

/// The functions of this module, for [`crate::funcs::builtins`].
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    let float8_functions: &[(&'static str, crate::fmgr::ScalarFn)] = &[
        ("sin", f_sin),
        ("cos", f_cos),
        ("tan", f_tan),
        ("cot", f_cot),
        ("asin", f_asin),
        ("acos", f_acos),
        ("atan", f_atan),
        ("sind", f_sind),
        ("cosd", f_cosd),
        ("tand", f_tand),
        ("cotd", f_cotd),
        ("asind", f_asind),
        ("acosd", f_acosd),
        ("atand", f_atand),
        ("sinh", f_sinh),
        ("cosh", f_cosh),
        ("tanh", f_tanh),
        ("asinh", f_asinh),
        ("acosh", f_acosh),
        ("atanh", f_atanh),
        ("atan2", f_atan2),
        ("atan2d", f_atan2d),
    ];
    let mut v: Vec<FuncDef> = float8_functions
        .iter()
        .map(|&(name, f)| {
            let args: &[crate::types::Oid] = if name.starts_with("atan2") { &[FLOAT8, FLOAT8] } else { &[FLOAT8] };
            FuncDef::scalar(name, args, FLOAT8, Immutable, f)
        })
        .collect();
    v.extend([
        FuncDef::scalar("gcd", &[INT4, INT4], INT4, Immutable, f_gcd_int4),
        FuncDef::scalar("gcd", &[INT8, INT8], INT8, Immutable, f_gcd_int8),
        FuncDef::scalar("gcd", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_gcd_num),
        FuncDef::scalar("lcm", &[INT4, INT4], INT4, Immutable, f_lcm_int4),
        FuncDef::scalar("lcm", &[INT8, INT8], INT8, Immutable, f_lcm_int8),
        FuncDef::scalar("lcm", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_lcm_num),
        FuncDef::scalar("scale", &[NUMERIC], INT4, Immutable, f_scale),
        FuncDef::scalar("min_scale", &[NUMERIC], INT4, Immutable, f_min_scale),
        FuncDef::scalar("trim_scale", &[NUMERIC], NUMERIC, Immutable, f_trim_scale),
        FuncDef::scalar("width_bucket", &[ANYELEMENT, ANYARRAY], INT4, Immutable, f_width_bucket_array),
    ]);
    // Variadic "any", not strict: NULL arguments are what they count.
    // Called with VARIADIC, a NULL array gives NULL (pg_num_nulls's
    // extract_variadic_args answers -1).
    let num_nulls_array: ScalarFn =
        |a| crate::fmgr::spread_variadic_array(a).map_or(Ok(Datum::Null), |v| f_num_nulls(&v));
    let num_nonnulls_array: ScalarFn =
        |a| crate::fmgr::spread_variadic_array(a).map_or(Ok(Datum::Null), |v| f_num_nonnulls(&v));
    v.push(
        FuncDef::scalar("num_nulls", &[ANY], INT4, Immutable, f_num_nulls)
            .non_strict()
            .variadic(ANY)
            .with_variadic_array(num_nulls_array),
    );
    v.push(FuncDef::scalar("pg_typeof", &[ANY], REGTYPE, Stable, f_pg_typeof).non_strict());
    v.push(
        FuncDef::scalar("num_nonnulls", &[ANY], INT4, Immutable, f_num_nonnulls)
            .non_strict()
            .variadic(ANY)
            .with_variadic_array(num_nonnulls_array),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f8v(d: Datum) -> f64 {
        d.as_f64().unwrap()
    }

    #[test]
    fn degree_functions_are_exact_at_landmarks() {
        for (x, s) in [(30.0, 0.5), (90.0, 1.0), (150.0, 0.5), (210.0, -0.5), (-30.0, -0.5), (360.0, 0.0)] {
            assert_eq!(f8v(f_sind(&[Datum::Float8(x)]).unwrap()), s, "sind({x})");
        }
        assert_eq!(f8v(f_cosd(&[Datum::Float8(60.0)]).unwrap()), 0.5);
        assert_eq!(f8v(f_tand(&[Datum::Float8(45.0)]).unwrap()), 1.0);
        assert_eq!(f8v(f_tand(&[Datum::Float8(-135.0)]).unwrap()), 1.0);
        assert_eq!(f8v(f_cotd(&[Datum::Float8(0.0)]).unwrap()), f64::INFINITY);
        assert_eq!(f8v(f_asind(&[Datum::Float8(0.5)]).unwrap()), 30.0);
        assert_eq!(f8v(f_acosd(&[Datum::Float8(-0.5)]).unwrap()), 120.0);
        assert_eq!(f8v(f_atan2d(&[Datum::Float8(1.0), Datum::Float8(1.0)]).unwrap()), 45.0);
        assert!(f_sind(&[Datum::Float8(f64::INFINITY)]).is_err());
        assert!(f_acos(&[Datum::Float8(1.5)]).is_err());
        assert!(f8v(f_atanh(&[Datum::Float8(f64::NAN)]).unwrap()).is_nan());
        assert_eq!(libm_cbrt(27.0), 3.000_000_000_000_000_4);
        assert_eq!(libm_cbrt(-8.0), -2.0);
        assert_eq!(libm_cbrt(1e-310), 4.641_588_833_612_775e-104);
    }

    #[test]
    fn gcd_and_lcm_overflow_as_postgres() {
        assert_eq!(f_gcd_int4(&[Datum::Int4(i32::MIN), Datum::Int4(2)]).unwrap(), Datum::Int4(2));
        let e = f_gcd_int4(&[Datum::Int4(i32::MIN), Datum::Int4(0)]).unwrap_err();
        assert_eq!(e.message, "integer out of range");
        assert!(f_lcm_int8(&[Datum::Int8(i64::MAX), Datum::Int8(2)]).is_err());
        let n = |s: &str| Datum::Numeric(Numeric::parse(s).unwrap());
        assert_eq!(io_text(f_gcd_num(&[n("12.5"), n("7.50")]).unwrap()), "2.50");
        assert_eq!(io_text(f_lcm_num(&[n("1.2"), n("0.018")]).unwrap()), "3.600");
        assert_eq!(io_text(f_trim_scale(&[n("-0.100")]).unwrap()), "-0.1");
        assert_eq!(f_min_scale(&[n("100.00")]).unwrap(), Datum::Int4(0));
    }

    fn io_text(d: Datum) -> String {
        match d {
            Datum::Numeric(n) => n.to_string(),
            other => panic!("not numeric: {other:?}"),
        }
    }
}
