//! The SQL-callable functions of the built-in types (PostgreSQL's
//! `utils/adt` function bodies: varlena.c, numeric.c, float.c,
//! timestamp.c, ...), listed in `builtins()` for the function manager
//! ([`crate::fmgr`]), which loads them into its registry first.
//!
//! Set-returning functions of this layer (`generate_series`) are in `srf.rs`.

use crate::datetime::{self, TimeZone, Tm, USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC};
use crate::datum::{Datum, Interval, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::fmgr::{FuncDef, ScalarFn, Volatility};
use crate::io;
use crate::numeric::Numeric;
use crate::types::{oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

// ----- argument helpers ---------------------------------------------------------------

/// Argument `i` of a built-in function's call (shared by the function
/// modules of this crate).
pub(crate) fn arg(a: &[Datum], i: usize) -> PgResult<&Datum> {
    a.get(i).ok_or_else(|| PgError::internal("function called with too few arguments"))
}
/// Text argument `i`.
pub(crate) fn text(a: &[Datum], i: usize) -> PgResult<&str> {
    match arg(a, i)? {
        Datum::Text(s) => Ok(s),
        _ => Err(errors::wrong_datum("text argument")),
    }
}
/// Integer argument `i`, widened to i64.
pub(crate) fn int(a: &[Datum], i: usize) -> PgResult<i64> {
    arg(a, i)?.as_i64().ok_or_else(|| errors::wrong_datum("integer argument"))
}
fn f8(a: &[Datum], i: usize) -> PgResult<f64> {
    match arg(a, i)? {
        Datum::Numeric(n) => Ok(n.to_f64()),
        d => d.as_f64().ok_or_else(|| errors::wrong_datum("float argument")),
    }
}
fn numeric(a: &[Datum], i: usize) -> PgResult<Numeric> {
    match arg(a, i)? {
        Datum::Numeric(n) => Ok(n.clone()),
        d => Numeric::from_i64(d.as_i64().ok_or_else(|| errors::wrong_datum("numeric argument"))?).pipe(Ok),
    }
}
trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

fn t(s: String) -> PgResult<Datum> {
    Ok(Datum::Text(s))
}

// ----- string functions ---------------------------------------------------------------

fn f_length(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(match arg(a, 0)? {
        Datum::Bytea(b) => b.len() as i32,
        _ => text(a, 0)?.chars().count() as i32,
    }))
}
fn f_bpchar_length(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(text(a, 0)?.trim_end_matches(' ').chars().count() as i32))
}
fn f_octet_length(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(match arg(a, 0)? {
        Datum::Bytea(b) => b.len() as i32,
        _ => text(a, 0)?.len() as i32,
    }))
}
/// `upper`: case mapping follows the cluster's `lc_ctype`, which is always C here, and
/// C's `toupper` maps ASCII letters only (`upper('é')` stays `é`).
fn f_upper(a: &[Datum]) -> PgResult<Datum> {
    t(text(a, 0)?.to_ascii_uppercase())
}
/// `lower`, ASCII only under `lc_ctype` C (see [`f_upper`]).
fn f_lower(a: &[Datum]) -> PgResult<Datum> {
    t(text(a, 0)?.to_ascii_lowercase())
}
/// The 0-based range `substr(x, start [, count])` selects from a value of
/// `len` characters or bytes (arguments 1 and 2 of `a`): SQL's 1-based
/// start, clipped to the value; a negative count is an error.
pub(crate) fn substring_range(a: &[Datum], len: usize) -> PgResult<std::ops::Range<usize>> {
    let start = int(a, 1)?;
    let end = if a.len() > 2 {
        let n = int(a, 2)?;
        if n < 0 {
            return Err(PgError::new(SqlState::SUBSTRING_ERROR, "negative substring length not allowed"));
        }
        start.saturating_add(n)
    } else {
        i64::MAX
    };
    let lo = ((start.max(1) - 1) as usize).min(len);
    let hi = ((end.max(1) - 1).min(len as i64) as usize).max(lo);
    Ok(lo..hi)
}

/// `substr(s, start [, count])` with SQL's 1-based, clamp-to-string semantics.
fn f_substr(a: &[Datum]) -> PgResult<Datum> {
    let chars: Vec<char> = text(a, 0)?.chars().collect();
    let range = substring_range(a, chars.len())?;
    t(chars[range].iter().collect())
}
/// `replace`: built piece by piece as PostgreSQL's StringInfo is, so a
/// result reaching 1 GB fails with the same "Cannot enlarge string buffer"
/// detail.
fn f_replace(a: &[Datum]) -> PgResult<Datum> {
    let (s, from, to) = (text(a, 0)?, text(a, 1)?, text(a, 2)?);
    if from.is_empty() || !s.contains(from) {
        return t(s.to_string());
    }
    let mut out = String::new();
    let mut last = 0;
    for (n, (at, _)) in s.match_indices(from).enumerate() {
        if n % 65536 == 0 {
            pg_error::check_for_interrupts()?;
        }
        append(&mut out, &s[last..at])?;
        append(&mut out, to)?;
        last = at + from.len();
    }
    append(&mut out, &s[last..])?;
    t(out)
}

/// `appendBinaryStringInfo`: the 1 GB limit, then the bytes.
fn append(buf: &mut String, piece: &str) -> PgResult<()> {
    pg_mcxt::limits::enlarge_string(buf, piece.len())?;
    buf.push_str(piece);
    Ok(())
}
fn f_strpos(a: &[Datum]) -> PgResult<Datum> {
    let (s, sub) = (text(a, 0)?, text(a, 1)?);
    Ok(Datum::Int4(match s.find(sub) {
        Some(b) => s[..b].chars().count() as i32 + 1,
        None => 0,
    }))
}
/// `position(sub IN s)` = `position(s, sub)` in pg_proc argument order.
fn f_position(a: &[Datum]) -> PgResult<Datum> {
    f_strpos(a)
}
/// A value's text form; a text value is borrowed, not copied (it may be
/// close to the 1 GB limit, and `concat` only appends it).
fn out_text(d: &Datum) -> std::borrow::Cow<'_, str> {
    match d {
        Datum::Text(s) => std::borrow::Cow::Borrowed(s.as_str()),
        d => std::borrow::Cow::Owned(io::output(io::natural_type(d), d, &io::session_output_settings())),
    }
}
/// `concat` and `concat_ws` (PostgreSQL's `concat_internal`): the
/// non-NULL arguments' text, separated by `sep`, in one string buffer.
fn concat_internal(sep: &str, args: &[Datum]) -> PgResult<Datum> {
    let mut out = String::new();
    for (i, d) in args.iter().filter(|d| !d.is_null()).enumerate() {
        if i > 0 {
            append(&mut out, sep)?;
        }
        append(&mut out, &out_text(d))?;
    }
    t(out)
}
fn f_concat(a: &[Datum]) -> PgResult<Datum> {
    concat_internal("", a)
}
fn f_concat_ws(a: &[Datum]) -> PgResult<Datum> {
    let sep = match a.first() {
        Some(Datum::Null) | None => return Ok(Datum::Null),
        Some(d) => out_text(d),
    };
    concat_internal(&sep, &a[1..])
}
fn f_left(a: &[Datum]) -> PgResult<Datum> {
    let s: Vec<char> = text(a, 0)?.chars().collect();
    let n = int(a, 1)?;
    let k = if n >= 0 { (n as usize).min(s.len()) } else { s.len().saturating_sub(n.unsigned_abs() as usize) };
    t(s[..k].iter().collect())
}
fn f_right(a: &[Datum]) -> PgResult<Datum> {
    let s: Vec<char> = text(a, 0)?.chars().collect();
    let n = int(a, 1)?;
    // PostgreSQL negates a negative count in int4, so -2147483648 stays negative and
    // clips to the whole string.
    if n as i64 == i32::MIN as i64 {
        return t(s.iter().collect());
    }
    let k = if n >= 0 { (n as usize).min(s.len()) } else { s.len().saturating_sub(n.unsigned_abs() as usize) };
    t(s[s.len() - k..].iter().collect())
}
fn f_repeat(a: &[Datum]) -> PgResult<Datum> {
    let s = text(a, 0)?;
    let n = int(a, 1)?.max(0) as usize;
    // PostgreSQL's test: the result with its 4-byte header must be a valid
    // allocation size.
    let len = s.len().saturating_mul(n);
    if len.saturating_add(pg_mcxt::limits::VARHDRSZ) > pg_mcxt::MAX_ALLOC_SIZE {
        return Err(PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "requested length too large"));
    }
    let mut out: Vec<u8> = pg_mcxt::limits::try_with_capacity(len)?;
    if n > 0 {
        // Doubling copies: log2(n) memcpy calls instead of n appends.
        out.extend_from_slice(s.as_bytes());
        while out.len() < len {
            let more = (len - out.len()).min(out.len());
            out.extend_from_within(..more);
        }
    }
    t(String::from_utf8(out).expect("copies of whole UTF-8 strings are UTF-8"))
}
fn f_reverse(a: &[Datum]) -> PgResult<Datum> {
    t(text(a, 0)?.chars().rev().collect())
}
fn trim_set(a: &[Datum]) -> PgResult<Vec<char>> {
    Ok(if a.len() > 1 { text(a, 1)?.chars().collect() } else { vec![' '] })
}
fn f_btrim(a: &[Datum]) -> PgResult<Datum> {
    let set = trim_set(a)?;
    t(text(a, 0)?.trim_matches(|c| set.contains(&c)).to_string())
}
fn f_ltrim(a: &[Datum]) -> PgResult<Datum> {
    let set = trim_set(a)?;
    t(text(a, 0)?.trim_start_matches(|c| set.contains(&c)).to_string())
}
fn f_rtrim(a: &[Datum]) -> PgResult<Datum> {
    let set = trim_set(a)?;
    t(text(a, 0)?.trim_end_matches(|c| set.contains(&c)).to_string())
}
fn pad(a: &[Datum], left: bool) -> PgResult<Datum> {
    let s: Vec<char> = text(a, 0)?.chars().collect();
    let len = int(a, 1)?.max(0) as usize;
    // The result may need up to 4 bytes per character (UTF8); PostgreSQL
    // refuses a length whose worst case exceeds its 1 GB allocation limit.
    if len.saturating_mul(4).saturating_add(4) > (1 << 30) - 1 {
        return Err(PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "requested length too large"));
    }
    let fill: Vec<char> = if a.len() > 2 { text(a, 2)?.chars().collect() } else { vec![' '] };
    if s.len() >= len || fill.is_empty() {
        return t(s[..len.min(s.len())].iter().collect());
    }
    let padding: String = fill.iter().cycle().take(len - s.len()).collect();
    let body: String = s.iter().collect();
    t(if left { padding + &body } else { body + &padding })
}
fn f_lpad(a: &[Datum]) -> PgResult<Datum> {
    pad(a, true)
}
fn f_rpad(a: &[Datum]) -> PgResult<Datum> {
    pad(a, false)
}
fn f_md5(a: &[Datum]) -> PgResult<Datum> {
    use md5::{Digest, Md5};
    let bytes: &[u8] = match arg(a, 0)? {
        Datum::Bytea(b) => b,
        Datum::Text(s) => s.as_bytes(),
        _ => return Err(errors::wrong_datum("md5")),
    };
    let h = Md5::digest(bytes);
    t(h.iter().map(|b| format!("{b:02x}")).collect())
}

// ----- math ---------------------------------------------------------------------------

fn f_abs(a: &[Datum]) -> PgResult<Datum> {
    crate::ops::find_operator("@", None, io::natural_type(arg(a, 0)?))
        .ok_or_else(|| errors::wrong_datum("abs"))
        .and_then(|o| (o.func)(a))
}
fn f_round_num(a: &[Datum]) -> PgResult<Datum> {
    let s = if a.len() > 1 { int(a, 1)? as i32 } else { 0 };
    Ok(Datum::Numeric(numeric(a, 0)?.round(s).check_overflow()?))
}
fn f_trunc_num(a: &[Datum]) -> PgResult<Datum> {
    let s = if a.len() > 1 { int(a, 1)? as i32 } else { 0 };
    Ok(Datum::Numeric(numeric(a, 0)?.trunc(s)))
}
fn f_round_f8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.round_ties_even()))
}
fn f_trunc_f8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.trunc()))
}
fn f_ceil_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.ceil_floor(true)))
}
fn f_floor_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.ceil_floor(false)))
}
fn f_ceil_f8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.ceil()))
}
fn f_floor_f8(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(f8(a, 0)?.floor()))
}
fn f_sqrt_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.sqrt()?))
}
fn f_sign_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.signum()))
}
fn f_sign_f8(a: &[Datum]) -> PgResult<Datum> {
    let v = f8(a, 0)?;
    Ok(Datum::Float8(if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }))
}
fn f_mod(a: &[Datum]) -> PgResult<Datum> {
    let l = arg(a, 0)?;
    crate::ops::find_operator("%", Some(io::natural_type(l)), io::natural_type(arg(a, 1)?))
        .ok_or_else(|| errors::wrong_datum("mod"))
        .and_then(|o| (o.func)(a))
}
fn f_pi(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(std::f64::consts::PI))
}
thread_local! {
    /// random()'s xorshift state; 0 until seeded (from the OS, or by setseed).
    static RANDOM_STATE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}
fn f_random(_: &[Datum]) -> PgResult<Datum> {
    let x = RANDOM_STATE.with(|s| {
        let mut x = s.get();
        if x == 0 {
            let mut b = [0u8; 8];
            let _ = getrandom::getrandom(&mut b);
            x = u64::from_le_bytes(b) | 1;
        }
        // xorshift64*: fast, and good enough for random(); not for cryptography.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    });
    Ok(Datum::Float8((x >> 11) as f64 / (1u64 << 53) as f64))
}
fn f_power_num(a: &[Datum]) -> PgResult<Datum> {
    crate::ops::numeric_pow(a)
}

/// `dexp`.
fn f_exp_f8(a: &[Datum]) -> PgResult<Datum> {
    let v = f8(a, 0)?;
    if v.is_nan() {
        return Ok(Datum::Float8(v));
    }
    if v.is_infinite() {
        return Ok(Datum::Float8(if v > 0.0 { v } else { 0.0 }));
    }
    Ok(Datum::Float8(crate::float::check_float8(v.exp(), false, false)?))
}
fn float8_log(a: &[Datum], log: fn(f64) -> f64) -> PgResult<Datum> {
    let v = f8(a, 0)?;
    if v == 0.0 {
        return Err(PgError::new(SqlState::INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero"));
    }
    if v < 0.0 {
        return Err(PgError::new(SqlState::INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number"));
    }
    let r = log(v);
    Ok(Datum::Float8(crate::float::check_float8(r, v.is_infinite(), v == 1.0 || v.is_nan())?))
}
/// `dlog1`: ln(float8).
fn f_ln_f8(a: &[Datum]) -> PgResult<Datum> {
    float8_log(a, f64::ln)
}
/// `dlog10`: log(float8) and log10(float8).
fn f_log10_f8(a: &[Datum]) -> PgResult<Datum> {
    float8_log(a, f64::log10)
}
fn f_exp_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.exp()?))
}
fn f_ln_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.ln()?))
}
/// log(numeric) and log10(numeric) are log(10, x), as in pg_proc.
fn f_log10_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.log(&Numeric::from_i64(10))?))
}
fn f_log_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 1)?.log(&numeric(a, 0)?)?))
}
fn f_cbrt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Float8(crate::mathfuncs::libm_cbrt(f8(a, 0)?)))
}
/// RADIANS_PER_DEGREE of float.c.
const RADIANS_PER_DEGREE: f64 = 0.017_453_292_519_943_295;
fn f_degrees(a: &[Datum]) -> PgResult<Datum> {
    let v = f8(a, 0)?;
    Ok(Datum::Float8(crate::float::check_float8(v / RADIANS_PER_DEGREE, v.is_infinite(), true)?))
}
fn f_radians(a: &[Datum]) -> PgResult<Datum> {
    let v = f8(a, 0)?;
    Ok(Datum::Float8(crate::float::check_float8(v * RADIANS_PER_DEGREE, v.is_infinite(), v == 0.0)?))
}
/// `numeric_fac`: factorial(int8) returns numeric.
fn f_factorial(a: &[Datum]) -> PgResult<Datum> {
    let n = int(a, 0)?;
    if n < 0 {
        return Err(PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined"));
    }
    // 32177! is the largest factorial within numeric's 131,072 digits.
    if n > 32177 {
        return Err(PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format"));
    }
    let mut r = num_bigint::BigInt::from(1);
    for k in 2..=n {
        r *= k;
        if k % 1024 == 0 {
            crate::fmgr::check_interrupts()?;
        }
    }
    Ok(Datum::Numeric(Numeric::from_unscaled(r, 0)))
}
fn f_div_num(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(numeric(a, 0)?.div_trunc(&numeric(a, 1)?)?))
}
fn width_bucket_error(message: &str) -> PgError {
    PgError::new(SqlState::INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, message.to_string())
}
fn bucket_count(a: &[Datum]) -> PgResult<i32> {
    let count = int(a, 3)? as i32;
    if count <= 0 {
        return Err(width_bucket_error("count must be greater than zero"));
    }
    Ok(count)
}
fn past_last_bucket(count: i32) -> PgResult<Datum> {
    count.checked_add(1).map(Datum::Int4).ok_or_else(|| errors::out_of_range("integer"))
}
/// `width_bucket_float8`.
fn f_width_bucket_f8(a: &[Datum]) -> PgResult<Datum> {
    let count = bucket_count(a)?;
    let (x, b1, b2) = (f8(a, 0)?, f8(a, 1)?, f8(a, 2)?);
    if x.is_nan() || b1.is_nan() || b2.is_nan() {
        return Err(width_bucket_error("operand, lower bound, and upper bound cannot be NaN"));
    }
    if b1.is_infinite() || b2.is_infinite() {
        return Err(width_bucket_error("lower and upper bounds must be finite"));
    }
    // The fraction of the range below x, with halved operands when the
    // range itself overflows.
    let fraction = |from: f64, to: f64, x: f64| {
        if (to - from).is_finite() {
            (x - from) / (to - from)
        } else {
            (x / 2.0 - from / 2.0) / (to / 2.0 - from / 2.0)
        }
    };
    let inside = |frac: f64| {
        // The product can round up to count, which would be a lie.
        let bucket = (count as f64 * frac) as i32;
        Datum::Int4(bucket.min(count - 1) + 1)
    };
    if b1 < b2 {
        if x < b1 {
            Ok(Datum::Int4(0))
        } else if x >= b2 {
            past_last_bucket(count)
        } else {
            Ok(inside(fraction(b1, b2, x)))
        }
    } else if b1 > b2 {
        if x > b1 {
            Ok(Datum::Int4(0))
        } else if x <= b2 {
            past_last_bucket(count)
        } else {
            Ok(inside(fraction(-b1, -b2, -x)))
        }
    } else {
        Err(width_bucket_error("lower bound cannot equal upper bound"))
    }
}
/// `width_bucket_numeric`: exact arithmetic, truncated to the bucket.
fn f_width_bucket_num(a: &[Datum]) -> PgResult<Datum> {
    let count = bucket_count(a)?;
    let (x, b1, b2) = (numeric(a, 0)?, numeric(a, 1)?, numeric(a, 2)?);
    if x.is_nan() || b1.is_nan() || b2.is_nan() {
        return Err(width_bucket_error("operand, lower bound, and upper bound cannot be NaN"));
    }
    if !b1.is_finite() || !b2.is_finite() {
        return Err(width_bucket_error("lower and upper bounds must be finite"));
    }
    let bucket = |offset: Numeric, width: Numeric| -> PgResult<Datum> {
        let scaled = offset.mul(&Numeric::from_i64(count as i64))?;
        let b = scaled.div_trunc(&width)?.to_i64_rounded("integer")?.unwrap_or(0);
        Ok(Datum::Int4(b as i32 + 1))
    };
    match b1.cmp(&b2) {
        std::cmp::Ordering::Less => {
            if x < b1 {
                Ok(Datum::Int4(0))
            } else if x >= b2 {
                past_last_bucket(count)
            } else {
                bucket(x.sub(&b1), b2.sub(&b1))
            }
        }
        std::cmp::Ordering::Greater => {
            if x > b1 {
                Ok(Datum::Int4(0))
            } else if x <= b2 {
                past_last_bucket(count)
            } else {
                bucket(b1.sub(&x), b1.sub(&b2))
            }
        }
        std::cmp::Ordering::Equal => Err(width_bucket_error("lower bound cannot equal upper bound")),
    }
}
/// `chr(int4)` in a UTF8 database.
fn f_chr(a: &[Datum]) -> PgResult<Datum> {
    let v = int(a, 0)?;
    if v < 0 {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "character number must be positive"));
    }
    if v == 0 {
        return Err(PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "null character not permitted"));
    }
    if v > 0x10FFFF {
        return Err(PgError::new(
            SqlState::PROGRAM_LIMIT_EXCEEDED,
            format!("requested character too large for encoding: {v}"),
        ));
    }
    match char::from_u32(v as u32) {
        Some(c) => t(c.to_string()),
        None => Err(PgError::new(
            SqlState::PROGRAM_LIMIT_EXCEEDED,
            format!("requested character not valid for encoding: {v}"),
        )),
    }
}
/// `ascii(text)`: the code point of the first character, 0 for ''.
fn f_ascii(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(text(a, 0)?.chars().next().map_or(0, |c| c as i32)))
}
/// `setseed(float8)`: makes the session's random() sequence repeatable.
fn f_setseed(a: &[Datum]) -> PgResult<Datum> {
    let seed = f8(a, 0)?;
    if !(-1.0..=1.0).contains(&seed) {
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("setseed parameter {} is out of allowed range [-1,1]", crate::float::format_g(seed, 6)),
        ));
    }
    // Any fixed non-zero state derived from the seed will do.
    let state = ((seed + 1.0) * (u32::MAX as f64)) as u64;
    RANDOM_STATE.with(|s| s.set(state.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1));
    Ok(Datum::Null)
}

fn f_like_escape(a: &[Datum]) -> PgResult<Datum> {
    t(crate::like::like_escape(text(a, 0)?, text(a, 1)?)?)
}

fn encoding_arg(a: &[Datum], i: usize, which: &str) -> PgResult<&'static str> {
    let name = text(a, i)?;
    crate::encoding::encoding_by_name(name).ok_or_else(|| {
        PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid {which} encoding name \"{name}\""))
    })
}
fn bytea_arg(a: &[Datum], i: usize) -> PgResult<&[u8]> {
    match arg(a, i)? {
        Datum::Bytea(b) => Ok(b),
        _ => Err(errors::wrong_datum("bytea argument")),
    }
}
/// `convert(bytea, src, dest)`.
fn f_convert(a: &[Datum]) -> PgResult<Datum> {
    let (src, dest) = (encoding_arg(a, 1, "source")?, encoding_arg(a, 2, "destination")?);
    Ok(Datum::Bytea(crate::encoding::convert(bytea_arg(a, 0)?, src, dest)?))
}
/// `convert_from(bytea, src)`: to the database encoding (UTF8).
fn f_convert_from(a: &[Datum]) -> PgResult<Datum> {
    let src = encoding_arg(a, 1, "source")?;
    let bytes = crate::encoding::convert(bytea_arg(a, 0)?, src, "UTF8")?;
    // SQL_ASCII to UTF8 is not converted, only checked: either way valid UTF8 now.
    t(String::from_utf8(bytes).map_err(|_| PgError::internal("conversion to UTF8 left invalid bytes"))?)
}
/// `convert_to(text, dest)`: from the database encoding (UTF8).
fn f_convert_to(a: &[Datum]) -> PgResult<Datum> {
    let dest = encoding_arg(a, 1, "destination")?;
    Ok(Datum::Bytea(crate::encoding::convert(text(a, 0)?.as_bytes(), "UTF8", dest)?))
}

// ----- conversions --------------------------------------------------------------------

fn f_to_int4(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_int4(arg(a, 0)?)
}
fn f_to_int8(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_int8(arg(a, 0)?)
}
fn f_to_int2(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_int2(arg(a, 0)?)
}
fn f_to_float8(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_float8(arg(a, 0)?)
}
fn f_to_float4(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_float4(arg(a, 0)?)
}
fn f_to_numeric(a: &[Datum]) -> PgResult<Datum> {
    crate::casts::to_numeric(arg(a, 0)?)
}
fn f_to_text(a: &[Datum]) -> PgResult<Datum> {
    t(out_text(arg(a, 0)?).into_owned())
}

// ----- date/time ----------------------------------------------------------------------

fn f_now(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimestampTz(datetime::transaction_timestamp()))
}
fn f_statement_timestamp(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimestampTz(datetime::statement_timestamp()))
}
fn f_clock_timestamp(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimestampTz(datetime::clock_timestamp()))
}
/// `timeofday()`: the clock as text in the `Postgres` style.
fn f_timeofday(_: &[Datum]) -> PgResult<Datum> {
    let tz = datetime::session_timezone();
    let ts = datetime::clock_timestamp();
    let local = tz.utc_to_local(ts);
    let tm = datetime::tm_from_local(local);
    let dow =
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(local.div_euclid(USECS_PER_DAY) + 6).rem_euclid(7) as usize];
    let mon =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][tm.month as usize - 1];
    t(format!(
        "{dow} {mon} {:02} {:02}:{:02}:{:02}.{:06} {} {}",
        tm.day,
        tm.hour,
        tm.minute,
        tm.second,
        tm.micros,
        tm.year,
        tz.abbrev_at_utc(ts)
    ))
}

/// `make_date(year, month, day)`; a negative year is BC.
fn f_make_date(a: &[Datum]) -> PgResult<Datum> {
    let (year, month, day) = (int(a, 0)?, int(a, 1)?, int(a, 2)?);
    let (shown, astronomical) = if year < 0 { (-year, year + 1) } else { (year, year) };
    // The first check reports the year as given (without its sign), the
    // second the astronomical year, as date.c's make_date does.
    let message = |what: &str, y: i64| format!("{what}: {y}-{month:02}-{day:02}");
    let valid = year != 0
        && (1..=12).contains(&month)
        && day >= 1
        && day <= datetime::days_in_month(astronomical, month as u32) as i64;
    if !valid {
        return Err(PgError::new(SqlState::DATETIME_FIELD_OVERFLOW, message("date field value out of range", shown)));
    }
    // Julian day 0 is 4714-11-24 BC; dates end before 5874898-01-01.
    let first = datetime::date_from_ymd(-4713, 11, 24);
    let end = datetime::date_from_ymd(5_874_898, 1, 1);
    let date = datetime::date_from_ymd(astronomical, month as u32, day as u32);
    if date < first || date >= end {
        return Err(PgError::new(SqlState::DATETIME_FIELD_OVERFLOW, message("date out of range", astronomical)));
    }
    Ok(Datum::Date(date as i32))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DtUnit {
    Microseconds,
    Milliseconds,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
    Epoch,
    Dow,
    Isodow,
    Doy,
    Isoyear,
    Timezone,
    TimezoneHour,
    TimezoneMinute,
    Julian,
}

fn parse_unit(s: &str) -> Option<DtUnit> {
    use DtUnit::*;
    Some(match s.to_ascii_lowercase().as_str() {
        "microsecond" | "microseconds" | "us" | "usec" | "usecs" => Microseconds,
        "millisecond" | "milliseconds" | "ms" | "msec" | "msecs" => Milliseconds,
        "second" | "seconds" | "s" | "sec" | "secs" => Second,
        "minute" | "minutes" | "m" | "min" | "mins" => Minute,
        "hour" | "hours" | "h" | "hr" | "hrs" => Hour,
        "day" | "days" | "d" => Day,
        "week" | "weeks" | "w" => Week,
        "month" | "months" | "mon" | "mons" => Month,
        "quarter" | "qtr" => Quarter,
        "year" | "years" | "y" | "yr" | "yrs" => Year,
        "decade" | "decades" | "dec" => Decade,
        "century" | "centuries" | "c" | "cent" => Century,
        "millennium" | "millennia" | "mil" | "mils" => Millennium,
        "epoch" => Epoch,
        "dow" => Dow,
        "isodow" => Isodow,
        "doy" => Doy,
        "isoyear" => Isoyear,
        "timezone" => Timezone,
        "timezone_h" | "timezone_hour" => TimezoneHour,
        "timezone_m" | "timezone_minute" => TimezoneMinute,
        "julian" | "j" => Julian,
        _ => return None,
    })
}

fn unit_err(unit: &str, type_name: &str, recognized: bool) -> PgError {
    if recognized {
        PgError::new(SqlState::FEATURE_NOT_SUPPORTED, format!("unit \"{unit}\" not supported for type {type_name}"))
    } else {
        PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("unit \"{unit}\" not recognized for type {type_name}"))
    }
}

/// Truncates local µs-since-2000 to a unit.
fn trunc_local(local: i64, u: DtUnit) -> Option<i64> {
    use DtUnit::*;
    let tm = datetime::tm_from_local(local);
    let day_start = local.div_euclid(USECS_PER_DAY) * USECS_PER_DAY;
    let ymd = |y: i64, m: u32| {
        datetime::local_from_tm(&Tm { year: y, month: m, day: 1, hour: 0, minute: 0, second: 0, micros: 0 }) as i64
    };
    Some(match u {
        Microseconds => local,
        Milliseconds => local.div_euclid(1000) * 1000,
        Second => local.div_euclid(USECS_PER_SEC) * USECS_PER_SEC,
        Minute => local.div_euclid(USECS_PER_MINUTE) * USECS_PER_MINUTE,
        Hour => local.div_euclid(USECS_PER_HOUR) * USECS_PER_HOUR,
        Day => day_start,
        Week => {
            // ISO weeks start on Monday; 2000-01-01 was a Saturday (dow 6).
            let days = local.div_euclid(USECS_PER_DAY);
            let isodow = (days + 5).rem_euclid(7); // 0 = Monday
            (days - isodow) * USECS_PER_DAY
        }
        Month => ymd(tm.year, tm.month),
        Quarter => ymd(tm.year, (tm.month - 1) / 3 * 3 + 1),
        Year => ymd(tm.year, 1),
        Decade => ymd(if tm.year > 0 { tm.year.div_euclid(10) * 10 } else { -((8 - (tm.year - 1)) / 10) * 10 }, 1),
        Century => {
            ymd(if tm.year > 0 { (tm.year + 99) / 100 * 100 - 99 } else { -((99 - (tm.year - 1)) / 100) * 100 + 1 }, 1)
        }
        Millennium => ymd(
            if tm.year > 0 { (tm.year + 999) / 1000 * 1000 - 999 } else { -((999 - (tm.year - 1)) / 1000) * 1000 + 1 },
            1,
        ),
        _ => return None,
    })
}

fn f_date_trunc(a: &[Datum]) -> PgResult<Datum> {
    let unit_s = text(a, 0)?;
    let (ts, type_name, is_tz) = match arg(a, 1)? {
        Datum::TimestampTz(t) => (*t, "timestamp with time zone", true),
        Datum::Timestamp(t) => (*t, "timestamp without time zone", false),
        Datum::Interval(iv) => return date_trunc_interval(unit_s, iv),
        _ => return Err(errors::wrong_datum("date_trunc")),
    };
    let unit = parse_unit(unit_s).ok_or_else(|| unit_err(unit_s, type_name, false))?;
    if ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return Ok(arg(a, 1)?.clone());
    }
    let tz = if is_tz {
        if a.len() > 2 {
            TimeZone::parse(text(a, 2)?).map_err(|_| {
                PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!("time zone \"{}\" not recognized", text(a, 2).unwrap_or("")),
                )
            })?
        } else {
            datetime::session_timezone()
        }
    } else {
        TimeZone::utc()
    };
    let local = tz.utc_to_local(ts);
    let tr = trunc_local(local, unit).ok_or_else(|| unit_err(unit_s, type_name, true))?;
    Ok(if is_tz {
        // Units up to an hour keep the original offset (PostgreSQL recomputes it from day up).
        let r = if matches!(
            unit,
            DtUnit::Microseconds | DtUnit::Milliseconds | DtUnit::Second | DtUnit::Minute | DtUnit::Hour
        ) {
            ts - (local - tr)
        } else {
            tz.local_to_utc(tr)
        };
        Datum::TimestampTz(trunc_in_range(r)?)
    } else {
        Datum::Timestamp(trunc_in_range(tr)?)
    })
}

/// A truncated timestamp can fall before the first valid one (the millennium
/// of 4714 BC starts in 5000 BC): PostgreSQL's tm2timestamp reports 22008.
fn trunc_in_range(ts: i64) -> PgResult<i64> {
    if (datetime::MIN_TIMESTAMP..datetime::END_TIMESTAMP).contains(&ts) {
        Ok(ts)
    } else {
        Err(errors::timestamp_out_of_range())
    }
}

fn date_trunc_interval(unit_s: &str, iv: &Interval) -> PgResult<Datum> {
    use DtUnit::*;
    let unit = parse_unit(unit_s).ok_or_else(|| unit_err(unit_s, "interval", false))?;
    let mut r = *iv;
    let t = iv.micros;
    match unit {
        Millennium => r = Interval { months: iv.months / 12000 * 12000, days: 0, micros: 0 },
        Century => r = Interval { months: iv.months / 1200 * 1200, days: 0, micros: 0 },
        Decade => r = Interval { months: iv.months / 120 * 120, days: 0, micros: 0 },
        Year => r = Interval { months: iv.months / 12 * 12, days: 0, micros: 0 },
        Quarter => r = Interval { months: iv.months / 3 * 3, days: 0, micros: 0 },
        Month => r = Interval { months: iv.months, days: 0, micros: 0 },
        Day => r.micros = 0,
        Hour => r.micros = t / USECS_PER_HOUR * USECS_PER_HOUR,
        Minute => r.micros = t / USECS_PER_MINUTE * USECS_PER_MINUTE,
        Second => r.micros = t / USECS_PER_SEC * USECS_PER_SEC,
        Milliseconds => r.micros = t / 1000 * 1000,
        Microseconds => {}
        _ => return Err(unit_err(unit_s, "interval", true)),
    }
    Ok(Datum::Interval(r))
}

/// The value of `extract(unit from x)` as a numeric (PostgreSQL 14+ semantics); `date_part`
/// converts it to float8.
fn extract_value(unit_s: &str, d: &Datum) -> PgResult<Option<Numeric>> {
    use DtUnit::*;
    let (local, type_name, offset, is_date) = match d {
        Datum::TimestampTz(t) => {
            let tz = datetime::session_timezone();
            (*t, "timestamp with time zone", Some(tz.offset_at_utc(*t)), false)
        }
        Datum::Timestamp(t) => (*t, "timestamp without time zone", None, false),
        // Only a date's infinities are read from `local`; its finite days are used as such below.
        Datum::Date(v) => {
            let infinite = *v == crate::datum::DATE_NEG_INFINITY || *v == crate::datum::DATE_POS_INFINITY;
            (if infinite { datetime::date_to_timestamp_sat(*v) } else { 0 }, "date", None, true)
        }
        Datum::Interval(iv) => return extract_interval(unit_s, iv).map(Some),
        Datum::Time(t) => return extract_time(unit_s, *t).map(Some),
        _ => return Err(errors::wrong_datum("extract")),
    };
    let unit = parse_unit(unit_s).ok_or_else(|| unit_err(unit_s, type_name, false))?;
    // ---- datetime: a date refuses the time-of-day and zone units before it
    // looks at the value, so `extract(minute from date 'infinity')` is 0A000 too.
    if is_date
        && matches!(
            unit,
            Microseconds | Milliseconds | Second | Minute | Hour | Timezone | TimezoneHour | TimezoneMinute
        )
    {
        return Err(unit_err(unit_s, type_name, true));
    }
    if local == TS_NEG_INFINITY || local == TS_POS_INFINITY {
        let neg = local == TS_NEG_INFINITY;
        return Ok(match unit {
            Epoch | Year | Decade | Century | Millennium | Isoyear | Julian => Numeric::infinity(neg),
            _ => return Ok(None),
        }
        .into());
    }
    let local_t = match (d, offset) {
        (Datum::TimestampTz(_), Some(o)) => local + o as i64 * USECS_PER_SEC,
        _ => local,
    };
    // A date is taken apart in days: dates reach past the timestamp range (5874897 AD),
    // where its midnight in microseconds would overflow.
    let (tm, days) = match d {
        Datum::Date(v) => {
            let days = *v as i64;
            let (year, month, day) = datetime::ymd_from_date(days);
            (datetime::Tm { year, month, day, hour: 0, minute: 0, second: 0, micros: 0 }, days)
        }
        _ => (datetime::tm_from_local(local_t), local_t.div_euclid(USECS_PER_DAY)),
    };
    let n = |v: i64| Numeric::from_i64(v);
    let micros_of_minute = tm.second as i64 * USECS_PER_SEC + tm.micros as i64;
    let scaled = |v: i64, scale: i32| Numeric::from_unscaled(v.into(), scale);
    let time_unit = matches!(unit, Microseconds | Milliseconds | Second | Minute | Hour);
    if is_date && time_unit {
        return Err(unit_err(unit_s, type_name, true));
    }
    Ok(match unit {
        Microseconds => n(micros_of_minute),
        Milliseconds => scaled(micros_of_minute, 3),
        Second => scaled(micros_of_minute, 6),
        Minute => n(tm.minute as i64),
        Hour => n(tm.hour as i64),
        Day => n(tm.day as i64),
        Month => n(tm.month as i64),
        Quarter => n((tm.month as i64 - 1) / 3 + 1),
        Year => n(if tm.year > 0 { tm.year } else { tm.year - 1 }),
        Decade => n(if tm.year >= 0 { tm.year.div_euclid(10) } else { -((8 - (tm.year - 1)) / 10) }),
        Century => n(if tm.year > 0 { (tm.year + 99) / 100 } else { -((99 - (tm.year - 1)) / 100) }),
        Millennium => n(if tm.year > 0 { (tm.year + 999) / 1000 } else { -((999 - (tm.year - 1)) / 1000) }),
        Dow => n((days + 6).rem_euclid(7)),
        Isodow => n((days + 5).rem_euclid(7) + 1),
        Doy => n(days - datetime::date_from_ymd(tm.year, 1, 1) + 1),
        Week | Isoyear => {
            let (iy, w) = iso_week(tm.year, days);
            n(if unit == Week {
                w
            } else if iy > 0 {
                iy
            } else {
                iy - 1
            })
        }
        Epoch => {
            let utc = match d {
                Datum::TimestampTz(t) => *t,
                _ => local,
            };
            let v = utc as i128 + datetime::UNIX_EPOCH_DAYS as i128 * USECS_PER_DAY as i128;
            if is_date {
                let secs = (days as i128 + datetime::UNIX_EPOCH_DAYS as i128) * (USECS_PER_DAY / USECS_PER_SEC) as i128;
                Numeric::from_unscaled(secs.into(), 0)
            } else {
                Numeric::from_unscaled(v.into(), 6)
            }
        }
        Timezone => n(offset.ok_or_else(|| unit_err(unit_s, type_name, true))? as i64),
        TimezoneHour => n((offset.ok_or_else(|| unit_err(unit_s, type_name, true))? / 3600) as i64),
        TimezoneMinute => n((offset.ok_or_else(|| unit_err(unit_s, type_name, true))? / 60 % 60) as i64),
        Julian => {
            let jd = days + 2_451_545;
            if is_date {
                n(jd)
            } else {
                // The day's fraction is microseconds over microseconds per day, both
                // integers, so numeric division picks its scale from them.
                let frac =
                    Numeric::from_i64(local_t.rem_euclid(USECS_PER_DAY)).div(&Numeric::from_i64(USECS_PER_DAY))?;
                Numeric::from_i64(jd).add(&frac)
            }
        }
    }
    .into())
}

/// `extract(unit from time)`: only the units of a time of day; 24:00:00 is hour 24 and
/// the epoch counts seconds since midnight.
fn extract_time(unit_s: &str, t: i64) -> PgResult<Numeric> {
    use DtUnit::*;
    let type_name = "time without time zone";
    let unit = parse_unit(unit_s).ok_or_else(|| unit_err(unit_s, type_name, false))?;
    let micros_of_minute = t % USECS_PER_MINUTE;
    Ok(match unit {
        Microseconds => Numeric::from_i64(micros_of_minute),
        Milliseconds => Numeric::from_unscaled(micros_of_minute.into(), 3),
        Second => Numeric::from_unscaled(micros_of_minute.into(), 6),
        Minute => Numeric::from_i64(t / USECS_PER_MINUTE % 60),
        Hour => Numeric::from_i64(t / USECS_PER_HOUR),
        Epoch => Numeric::from_unscaled(t.into(), 6),
        _ => return Err(unit_err(unit_s, type_name, true)),
    })
}

/// ISO 8601 year and week number of the day `days` (since 2000-01-01) in calendar year `y`.
fn iso_week(y: i64, days: i64) -> (i64, i64) {
    let week1_start = |yr: i64| {
        let jan4 = datetime::date_from_ymd(yr, 1, 4);
        jan4 - (jan4 + 5).rem_euclid(7)
    };
    let mut iy = y;
    if days < week1_start(y) {
        iy = y - 1;
    } else if days >= week1_start(y + 1) {
        iy = y + 1;
    }
    (iy, (days - week1_start(iy)) / 7 + 1)
}

fn extract_interval(unit_s: &str, iv: &Interval) -> PgResult<Numeric> {
    use DtUnit::*;
    let unit = parse_unit(unit_s).ok_or_else(|| unit_err(unit_s, "interval", false))?;
    let n = |v: i64| Numeric::from_i64(v);
    let t = iv.micros;
    Ok(match unit {
        Microseconds => n(t % USECS_PER_MINUTE),
        Milliseconds => Numeric::from_unscaled((t % USECS_PER_MINUTE).into(), 3),
        Second => Numeric::from_unscaled((t % USECS_PER_MINUTE).into(), 6),
        Minute => n(t / USECS_PER_MINUTE % 60),
        Hour => n(t / USECS_PER_HOUR),
        Day => n(iv.days as i64),
        Month => n((iv.months % 12) as i64),
        Quarter => n(((iv.months % 12) / 3 + 1) as i64),
        Year => n((iv.months / 12) as i64),
        Decade => n((iv.months / 120) as i64),
        Century => n((iv.months / 1200) as i64),
        Millennium => n((iv.months / 12000) as i64),
        Epoch => {
            // 365.25-day years and 30-day months, as interval_part does.
            let secs_months = (iv.months as i128 / 12) * 31_557_600 + (iv.months as i128 % 12) * 2_592_000;
            let total = (secs_months + iv.days as i128 * 86_400) * 1_000_000 + t as i128;
            Numeric::from_unscaled(total.into(), 6)
        }
        _ => return Err(unit_err(unit_s, "interval", true)),
    })
}

fn f_date_part(a: &[Datum]) -> PgResult<Datum> {
    // `date_part(text, date)` is `date_part($1, $2::timestamp)` in PostgreSQL, so the
    // time-of-day units (zero) are allowed where `extract(... from date)` refuses them.
    let value = match arg(a, 1)? {
        d @ Datum::Date(_) => crate::casts::date_to_timestamp(d)?,
        other => other.clone(),
    };
    let unit_s = text(a, 0)?;
    Ok(match extract_value(unit_s, &value)? {
        Some(v) => Datum::Float8(date_part_float8(unit_s, &value, &v)),
        None => Datum::Null,
    })
}

/// ---- datetime: `date_part`'s float8, which PostgreSQL computes in
/// floating point (not by converting `extract`'s exact numeric): seconds as
/// `tm_sec + fsec / 1000000.0`, milliseconds as `tm_sec * 1000.0 + fsec /
/// 1000.0`, a timestamp's Julian day as the day number plus the day's
/// fraction, an interval's epoch summed field by field (365.25-day years), so
/// the last digits are PostgreSQL's (`56.789123000000004`).
pub(crate) fn date_part_float8(unit_s: &str, value: &Datum, exact: &Numeric) -> f64 {
    use num_traits::ToPrimitive;
    let unit = parse_unit(unit_s);
    let split = |micros: i64| ((micros / USECS_PER_SEC) as f64, (micros % USECS_PER_SEC) as f64);
    match (unit, value) {
        (Some(DtUnit::Second | DtUnit::Milliseconds), _) if exact.is_finite() => {
            // Both units' exact values have the microseconds of the minute unscaled.
            let Some(micros) = exact.unscaled().to_i64() else { return exact.to_f64() };
            let (sec, fsec) = split(micros);
            if unit == Some(DtUnit::Second) {
                sec + fsec / 1_000_000.0
            } else {
                sec * 1000.0 + fsec / 1000.0
            }
        }
        (Some(DtUnit::Julian), Datum::Timestamp(t) | Datum::TimestampTz(t)) if exact.is_finite() => {
            let local = match value {
                Datum::TimestampTz(_) => t + datetime::session_timezone().offset_at_utc(*t) as i64 * USECS_PER_SEC,
                _ => *t,
            };
            let (sec, fsec) = split(local.rem_euclid(USECS_PER_DAY));
            (local.div_euclid(USECS_PER_DAY) + 2_451_545) as f64 + (sec + fsec / 1_000_000.0) / 86_400.0
        }
        (Some(DtUnit::Epoch), Datum::Timestamp(t) | Datum::TimestampTz(t)) if exact.is_finite() => {
            // The Unix epoch is taken off in integers where that cannot
            // overflow, else in floating point.
            let epoch = -(datetime::UNIX_EPOCH_DAYS * USECS_PER_DAY);
            if *t < i64::MAX + epoch {
                (t - epoch) as f64 / 1_000_000.0
            } else {
                (*t as f64 - epoch as f64) / 1_000_000.0
            }
        }
        (Some(DtUnit::Epoch), Datum::Interval(iv)) => {
            let mut r = iv.micros as f64 / 1_000_000.0;
            r += (365.25 * 86_400.0) * (iv.months / 12) as f64;
            r += (30.0 * 86_400.0) * (iv.months % 12) as f64;
            r += 86_400.0 * iv.days as f64;
            r
        }
        _ => exact.to_f64(),
    }
}
fn f_extract(a: &[Datum]) -> PgResult<Datum> {
    Ok(extract_value(text(a, 0)?, arg(a, 1)?)?.map_or(Datum::Null, Datum::Numeric))
}

// ----- the built-in list --------------------------------------------------------------

fn scalar(name: &'static str, args: &[Oid], ret: Oid, vol: Volatility, f: ScalarFn) -> FuncDef {
    FuncDef::scalar(name, args, ret, vol, f)
}

/// This crate's functions, each with its pg_proc OID from [`crate::pg_oids`].
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    let mut v = vec![
        scalar("length", &[TEXT], INT4, Immutable, f_length),
        scalar("length", &[BPCHAR], INT4, Immutable, f_bpchar_length),
        scalar("length", &[BYTEA], INT4, Immutable, f_length),
        scalar("char_length", &[TEXT], INT4, Immutable, f_length),
        scalar("char_length", &[BPCHAR], INT4, Immutable, f_bpchar_length),
        scalar("character_length", &[TEXT], INT4, Immutable, f_length),
        scalar("octet_length", &[TEXT], INT4, Immutable, f_octet_length),
        scalar("octet_length", &[BYTEA], INT4, Immutable, f_octet_length),
        scalar("upper", &[TEXT], TEXT, Immutable, f_upper),
        scalar("lower", &[TEXT], TEXT, Immutable, f_lower),
        scalar("substr", &[TEXT, INT4, INT4], TEXT, Immutable, f_substr),
        scalar("substr", &[TEXT, INT4], TEXT, Immutable, f_substr),
        scalar("substring", &[TEXT, INT4, INT4], TEXT, Immutable, f_substr),
        scalar("substring", &[TEXT, INT4], TEXT, Immutable, f_substr),
        scalar("replace", &[TEXT, TEXT, TEXT], TEXT, Immutable, f_replace),
        scalar("strpos", &[TEXT, TEXT], INT4, Immutable, f_strpos),
        scalar("position", &[TEXT, TEXT], INT4, Immutable, f_position),
        scalar("left", &[TEXT, INT4], TEXT, Immutable, f_left),
        scalar("right", &[TEXT, INT4], TEXT, Immutable, f_right),
        scalar("repeat", &[TEXT, INT4], TEXT, Immutable, f_repeat),
        scalar("reverse", &[TEXT], TEXT, Immutable, f_reverse),
        scalar("btrim", &[TEXT, TEXT], TEXT, Immutable, f_btrim),
        scalar("btrim", &[TEXT], TEXT, Immutable, f_btrim),
        scalar("ltrim", &[TEXT, TEXT], TEXT, Immutable, f_ltrim),
        scalar("ltrim", &[TEXT], TEXT, Immutable, f_ltrim),
        scalar("rtrim", &[TEXT, TEXT], TEXT, Immutable, f_rtrim),
        scalar("rtrim", &[TEXT], TEXT, Immutable, f_rtrim),
        scalar("lpad", &[TEXT, INT4, TEXT], TEXT, Immutable, f_lpad),
        scalar("lpad", &[TEXT, INT4], TEXT, Immutable, f_lpad),
        scalar("rpad", &[TEXT, INT4, TEXT], TEXT, Immutable, f_rpad),
        scalar("rpad", &[TEXT, INT4], TEXT, Immutable, f_rpad),
        scalar("md5", &[TEXT], TEXT, Immutable, f_md5),
        scalar("md5", &[BYTEA], TEXT, Immutable, f_md5),
        scalar("abs", &[INT2], INT2, Immutable, f_abs),
        scalar("abs", &[INT4], INT4, Immutable, f_abs),
        scalar("abs", &[INT8], INT8, Immutable, f_abs),
        scalar("abs", &[FLOAT4], FLOAT4, Immutable, f_abs),
        scalar("abs", &[FLOAT8], FLOAT8, Immutable, f_abs),
        scalar("abs", &[NUMERIC], NUMERIC, Immutable, f_abs),
        scalar("round", &[NUMERIC, INT4], NUMERIC, Immutable, f_round_num),
        scalar("round", &[NUMERIC], NUMERIC, Immutable, f_round_num),
        scalar("round", &[FLOAT8], FLOAT8, Immutable, f_round_f8),
        scalar("trunc", &[NUMERIC, INT4], NUMERIC, Immutable, f_trunc_num),
        scalar("trunc", &[NUMERIC], NUMERIC, Immutable, f_trunc_num),
        scalar("trunc", &[FLOAT8], FLOAT8, Immutable, f_trunc_f8),
        scalar("ceil", &[NUMERIC], NUMERIC, Immutable, f_ceil_num),
        scalar("ceiling", &[NUMERIC], NUMERIC, Immutable, f_ceil_num),
        scalar("ceil", &[FLOAT8], FLOAT8, Immutable, f_ceil_f8),
        scalar("ceiling", &[FLOAT8], FLOAT8, Immutable, f_ceil_f8),
        scalar("floor", &[NUMERIC], NUMERIC, Immutable, f_floor_num),
        scalar("floor", &[FLOAT8], FLOAT8, Immutable, f_floor_f8),
        scalar("sqrt", &[FLOAT8], FLOAT8, Immutable, crate::ops::float8_sqrt),
        scalar("sqrt", &[NUMERIC], NUMERIC, Immutable, f_sqrt_num),
        scalar("power", &[FLOAT8, FLOAT8], FLOAT8, Immutable, crate::ops::float8_pow),
        scalar("pow", &[FLOAT8, FLOAT8], FLOAT8, Immutable, crate::ops::float8_pow),
        scalar("power", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_power_num),
        scalar("pow", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_power_num),
        scalar("mod", &[INT2, INT2], INT2, Immutable, f_mod),
        scalar("mod", &[INT4, INT4], INT4, Immutable, f_mod),
        scalar("mod", &[INT8, INT8], INT8, Immutable, f_mod),
        scalar("mod", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_mod),
        scalar("sign", &[FLOAT8], FLOAT8, Immutable, f_sign_f8),
        scalar("sign", &[NUMERIC], NUMERIC, Immutable, f_sign_num),
        scalar("pi", &[], FLOAT8, Immutable, f_pi),
        scalar("exp", &[FLOAT8], FLOAT8, Immutable, f_exp_f8),
        scalar("exp", &[NUMERIC], NUMERIC, Immutable, f_exp_num),
        scalar("ln", &[FLOAT8], FLOAT8, Immutable, f_ln_f8),
        scalar("ln", &[NUMERIC], NUMERIC, Immutable, f_ln_num),
        scalar("log", &[FLOAT8], FLOAT8, Immutable, f_log10_f8),
        scalar("log", &[NUMERIC], NUMERIC, Immutable, f_log10_num),
        scalar("log", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_log_num),
        scalar("log10", &[FLOAT8], FLOAT8, Immutable, f_log10_f8),
        scalar("log10", &[NUMERIC], NUMERIC, Immutable, f_log10_num),
        scalar("cbrt", &[FLOAT8], FLOAT8, Immutable, f_cbrt),
        scalar("degrees", &[FLOAT8], FLOAT8, Immutable, f_degrees),
        scalar("radians", &[FLOAT8], FLOAT8, Immutable, f_radians),
        scalar("factorial", &[INT8], NUMERIC, Immutable, f_factorial),
        scalar("div", &[NUMERIC, NUMERIC], NUMERIC, Immutable, f_div_num),
        scalar("width_bucket", &[FLOAT8, FLOAT8, FLOAT8, INT4], INT4, Immutable, f_width_bucket_f8),
        scalar("width_bucket", &[NUMERIC, NUMERIC, NUMERIC, INT4], INT4, Immutable, f_width_bucket_num),
        scalar("chr", &[INT4], TEXT, Immutable, f_chr),
        scalar("ascii", &[TEXT], INT4, Immutable, f_ascii),
        scalar("setseed", &[FLOAT8], VOID, Volatile, f_setseed),
        scalar("like_escape", &[TEXT, TEXT], TEXT, Immutable, f_like_escape),
        scalar("convert", &[BYTEA, NAME, NAME], BYTEA, Stable, f_convert),
        scalar("convert_from", &[BYTEA, NAME], TEXT, Stable, f_convert_from),
        scalar("convert_to", &[TEXT, NAME], BYTEA, Stable, f_convert_to),
        scalar("make_date", &[INT4, INT4, INT4], DATE, Immutable, f_make_date)
            .with_arg_names(&["year", "month", "day"]),
        scalar("random", &[], FLOAT8, Volatile, f_random),
        scalar("now", &[], TIMESTAMPTZ, Stable, f_now),
        scalar("transaction_timestamp", &[], TIMESTAMPTZ, Stable, f_now),
        scalar("statement_timestamp", &[], TIMESTAMPTZ, Stable, f_statement_timestamp),
        scalar("clock_timestamp", &[], TIMESTAMPTZ, Volatile, f_clock_timestamp),
        scalar("timeofday", &[], TEXT, Volatile, f_timeofday),
        scalar("date_trunc", &[TEXT, TIMESTAMPTZ], TIMESTAMPTZ, Stable, f_date_trunc),
        scalar("date_trunc", &[TEXT, TIMESTAMPTZ, TEXT], TIMESTAMPTZ, Stable, f_date_trunc),
        scalar("date_trunc", &[TEXT, TIMESTAMP], TIMESTAMP, Immutable, f_date_trunc),
        scalar("date_trunc", &[TEXT, INTERVAL], INTERVAL, Immutable, f_date_trunc),
        scalar("date_part", &[TEXT, TIMESTAMPTZ], FLOAT8, Stable, f_date_part),
        scalar("date_part", &[TEXT, TIMESTAMP], FLOAT8, Immutable, f_date_part),
        scalar("date_part", &[TEXT, DATE], FLOAT8, Immutable, f_date_part),
        scalar("date_part", &[TEXT, INTERVAL], FLOAT8, Immutable, f_date_part),
        scalar("date_part", &[TEXT, TIME], FLOAT8, Immutable, f_date_part),
        scalar("extract", &[TEXT, TIMESTAMPTZ], NUMERIC, Stable, f_extract),
        scalar("extract", &[TEXT, TIMESTAMP], NUMERIC, Immutable, f_extract),
        scalar("extract", &[TEXT, DATE], NUMERIC, Immutable, f_extract),
        scalar("extract", &[TEXT, INTERVAL], NUMERIC, Immutable, f_extract),
        scalar("extract", &[TEXT, TIME], NUMERIC, Immutable, f_extract),
        scalar("int4", &[NUMERIC], INT4, Immutable, f_to_int4),
        scalar("int4", &[FLOAT8], INT4, Immutable, f_to_int4),
        scalar("int4", &[INT8], INT4, Immutable, f_to_int4),
        scalar("int4", &[BOOL], INT4, Immutable, f_to_int4),
        scalar("int8", &[NUMERIC], INT8, Immutable, f_to_int8),
        scalar("int8", &[INT4], INT8, Immutable, f_to_int8),
        scalar("int8", &[FLOAT8], INT8, Immutable, f_to_int8),
        scalar("int2", &[INT4], INT2, Immutable, f_to_int2),
        scalar("float8", &[NUMERIC], FLOAT8, Immutable, f_to_float8),
        scalar("float8", &[INT4], FLOAT8, Immutable, f_to_float8),
        scalar("float8", &[INT8], FLOAT8, Immutable, f_to_float8),
        scalar("float4", &[FLOAT8], FLOAT4, Immutable, f_to_float4),
        scalar("numeric", &[INT4], NUMERIC, Immutable, f_to_numeric),
        scalar("numeric", &[INT8], NUMERIC, Immutable, f_to_numeric),
        scalar("numeric", &[FLOAT8], NUMERIC, Immutable, f_to_numeric),
        scalar("text", &[BOOL], TEXT, Immutable, |a| crate::casts::bool_to_text(arg(a, 0)?)),
        scalar("text", &[CHAR], TEXT, Immutable, f_to_text),
        scalar("text", &[NAME], TEXT, Immutable, f_to_text),
        scalar("text", &[BPCHAR], TEXT, Immutable, |a| crate::casts::bpchar_to_text(arg(a, 0)?)),
        scalar("text", &[INET], TEXT, Immutable, |a| crate::casts::inet_to_text(arg(a, 0)?)),
        // ---- fuzz
        // octet_length(bpchar) counts the pad blanks that the cast to text would drop.
        scalar("octet_length", &[BPCHAR], INT4, Immutable, f_octet_length),
    ];
    // concat / concat_ws are variadic "any" and not strict (they skip NULLs).
    // Called with VARIADIC, a NULL array gives NULL (text.c's concat_internal).
    let concat_array: ScalarFn = |a| crate::fmgr::spread_variadic_array(a).map_or(Ok(Datum::Null), |v| f_concat(&v));
    let concat_ws_array: ScalarFn =
        |a| crate::fmgr::spread_variadic_array(a).map_or(Ok(Datum::Null), |v| f_concat_ws(&v));
    for (name, f, array_form) in
        [("concat", f_concat as ScalarFn, concat_array), ("concat_ws", f_concat_ws, concat_ws_array)]
    {
        let args: &[Oid] = if name == "concat" { &[ANY] } else { &[TEXT, ANY] };
        v.push(FuncDef::scalar(name, args, TEXT, Stable, f).non_strict().variadic(ANY).with_variadic_array(array_form));
    }
    v.extend(crate::srf::builtins());
    v.extend(crate::arrayfuncs::builtins());
    // ---- tz
    v.extend(crate::tzfuncs::builtins());
    // ---- funcs
    v.extend(crate::mathfuncs::builtins());
    // ---- datetime
    v.extend(crate::datefuncs::builtins());
    v.extend(crate::timetz::builtins());
    // ---- inet
    v.extend(crate::network::builtins());
    v.extend(crate::textfuncs::builtins());
    // ---- fmt
    v.extend(crate::formatting::builtins());
    // ---- regex
    v.extend(crate::regexp::funcs::builtins());
    // ---- catalog
    v.extend(crate::aggsupport::builtins());
    // ---- num
    v.extend(crate::numfuncs::builtins());
    v
}
