//! float4/float8 text I/O and arithmetic helpers (PostgreSQL's `utils/adt/float.c`).
//!
//! Output follows PostgreSQL 12+: with `extra_float_digits >= 1` the shortest string that
//! reads back exactly (Rust's formatter gives the same digits as Ryu), laid out with
//! PostgreSQL's thresholds (fixed notation for decimal exponents -4..15 for float8, -4..6 for
//! float4, else `1e+20` style); with `extra_float_digits <= 0`, C's `%.{N}g`.

use crate::errors;
use pg_error::PgResult;

fn special(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v == f64::INFINITY {
        Some("Infinity")
    } else if v == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

/// Lays out shortest digits (`d.ddd e X` from Rust's `{:e}`) with PostgreSQL's rules.
fn layout_shortest(sci: &str, fixed_limit: i32) -> String {
    let (mant, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..fixed_limit).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.push_str(&"0".repeat(int_len - digits.len()));
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format_exponent(exp));
    }
    out
}

fn format_exponent(exp: i32) -> String {
    format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// Rust's shortest round-trip digits break exact ties upwards; Ryu (PostgreSQL) picks the
/// candidate closest to the exact binary value, ties to even. The correctly rounded
/// (half-even) string with the same digit count is that candidate whenever it round-trips.
fn shortest_even(shortest: String, exact: impl Fn(usize) -> String, round_trips: impl Fn(&str) -> bool) -> String {
    let mant = shortest.split('e').next().unwrap_or("");
    let ndigits = mant.bytes().filter(|c| c.is_ascii_digit()).count();
    let alt = exact(ndigits.saturating_sub(1));
    if alt != shortest && round_trips(&alt) {
        alt
    } else {
        shortest
    }
}

/// PostgreSQL's Ryu is built without `STRICTLY_SHORTEST`: it never takes a decimal that
/// lies exactly on the boundary between a value and its neighbour, even where reading that
/// decimal back (ties to even) would give the value. Rust's shortest digits do take such a
/// boundary (`1e23` for the float8 nearest 10^23), so a boundary result is replaced by the
/// closest decimal with more digits that lies strictly inside.
fn strictly_inside(shortest: String, bits: Boundaries, exact: impl Fn(usize) -> String) -> String {
    if !bits.is_boundary(&shortest) {
        return shortest;
    }
    let mant = shortest.split('e').next().unwrap_or("");
    let ndigits = mant.bytes().filter(|c| c.is_ascii_digit()).count();
    for n in ndigits + 1..=17 {
        let alt = exact(n - 1);
        if bits.round_trips(&alt) && !bits.is_boundary(&alt) {
            return alt;
        }
    }
    shortest
}

/// A finite float as `m * 2^e` with the half-way points to its neighbours.
struct Boundaries {
    /// The value's own bits, to test a decimal that reads back.
    round_trips: Box<dyn Fn(&str) -> bool>,
    /// Upper and lower half-way points as (odd integer, power of two).
    upper: (u64, i32),
    lower: (u64, i32),
}

impl Boundaries {
    fn of(mantissa: u64, exp: i32, lower_gap_halved: bool, round_trips: Box<dyn Fn(&str) -> bool>) -> Boundaries {
        // Zero prints as "0", never a half-way point; its lower bound is moot.
        let lower = if lower_gap_halved {
            ((4 * mantissa).saturating_sub(1), exp - 2)
        } else {
            ((2 * mantissa).saturating_sub(1), exp - 1)
        };
        Boundaries { round_trips, upper: (2 * mantissa + 1, exp - 1), lower }
    }
    fn f64(v: f64) -> Boundaries {
        let b = v.abs().to_bits();
        let (field, frac) = ((b >> 52) as i32, b & ((1 << 52) - 1));
        let (m, e) = if field == 0 { (frac, -1074) } else { (frac | 1 << 52, field - 1075) };
        Boundaries::of(m, e, frac == 0 && field > 1, Box::new(move |t| t.parse::<f64>().ok() == Some(v)))
    }
    fn f32(v: f32) -> Boundaries {
        let b = v.abs().to_bits() as u64;
        let (field, frac) = ((b >> 23) as i32, b & ((1 << 23) - 1));
        let (m, e) = if field == 0 { (frac, -149) } else { (frac | 1 << 23, field - 150) };
        Boundaries::of(m, e, frac == 0 && field > 1, Box::new(move |t| t.parse::<f32>().ok() == Some(v)))
    }
    fn round_trips(&self, t: &str) -> bool {
        (self.round_trips)(t)
    }
    /// Whether the decimal `t` (Rust's `{:e}` form) equals a half-way point exactly.
    fn is_boundary(&self, t: &str) -> bool {
        use num_bigint::BigInt;
        if self.upper.0 == 1 {
            return false;
        }
        let t = t.trim_start_matches('-');
        let (mant, exp) = t.split_once('e').unwrap_or((t, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let frac_len = mant.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
        let Ok(digits) = mant.replace('.', "").parse::<BigInt>() else { return false };
        let dec_exp = exp - frac_len;
        let pow = |base: u32, n: i32| num_traits::pow(BigInt::from(base), n.max(0) as usize);
        [self.upper, self.lower].iter().any(|&(odd, e2)| {
            let lhs = &digits * pow(10, dec_exp) * pow(2, -e2);
            let rhs = BigInt::from(odd) * pow(2, e2) * pow(10, -dec_exp);
            lhs == rhs
        })
    }
}

/// C's `%.{precision}g`.
pub fn format_g(v: f64, precision: usize) -> String {
    if let Some(s) = special(v) {
        // printf prints inf/nan, but PostgreSQL callers handle those before; keep its words.
        return s.to_string();
    }
    let p = precision.max(1);
    if v == 0.0 {
        return if v.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let sci = format!("{:.*e}", p - 1, v);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
        format!("{mant}{}", format_exponent(exp))
    } else {
        let f = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v);
        if f.contains('.') {
            f.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            f
        }
    }
}

/// `float8out` under the given `extra_float_digits`.
pub fn float8_out(v: f64, extra_float_digits: i32) -> String {
    if let Some(s) = special(v) {
        return s.to_string();
    }
    if extra_float_digits > 0 {
        layout_shortest(
            &strictly_inside(
                shortest_even(format!("{v:e}"), |p| format!("{:.*e}", p, v), |t| t.parse::<f64>().ok() == Some(v)),
                Boundaries::f64(v),
                |p| format!("{:.*e}", p, v),
            ),
            15,
        )
    } else {
        format_g(v, (15 + extra_float_digits).max(1) as usize)
    }
}

/// `float4out` under the given `extra_float_digits`.
pub fn float4_out(v: f32, extra_float_digits: i32) -> String {
    if let Some(s) = special(v as f64) {
        return s.to_string();
    }
    if extra_float_digits > 0 {
        layout_shortest(
            &strictly_inside(
                shortest_even(format!("{v:e}"), |p| format!("{:.*e}", p, v), |t| t.parse::<f32>().ok() == Some(v)),
                Boundaries::f32(v),
                |p| format!("{:.*e}", p, v),
            ),
            6,
        )
    } else {
        format_g(v as f64, (6 + extra_float_digits).max(1) as usize)
    }
}

/// Parses like `strtod` for PostgreSQL's purposes; returns Err(true) on out of range,
/// Err(false) on bad syntax. `hex` reads C99's hexadecimal form (`0x1.8p3`),
/// which strtod accepts too.
fn parse_float<F: std::str::FromStr + Copy>(
    s: &str,
    is_zero: fn(F) -> bool,
    is_inf: fn(F) -> bool,
    hex: fn(bool, HexFloat) -> F,
) -> Result<F, bool> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    if t.is_empty() {
        return Err(false);
    }
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if lower.len() - unsigned.len() > 1 {
        return Err(false);
    }
    if let Some(digits) = unsigned.strip_prefix("0x") {
        let parsed = parse_hex_float(digits).ok_or(false)?;
        let v = hex(lower.starts_with('-'), parsed);
        if is_inf(v) || (is_zero(v) && parsed.mantissa != 0) {
            return Err(true);
        }
        return Ok(v);
    }
    let word = matches!(unsigned, "inf" | "infinity" | "nan");
    let well_formed = word || t.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    let Some(v) = well_formed.then(|| t.parse::<F>().ok()).flatten() else {
        // Trailing garbage: strtod still reads the longest number at the
        // front, and PostgreSQL reports that number being out of range
        // before it looks at what follows ('594e36e3'::float4 is 22003).
        let number = strtod_prefix(t);
        return match number.parse::<F>() {
            Ok(v) if !number.is_empty() && out_of_range(number, v, is_zero, is_inf) => Err(true),
            _ => Err(false),
        };
    };
    if !word && out_of_range(t, v, is_zero, is_inf) {
        return Err(true);
    }
    Ok(v)
}

/// Whether `v`, read from the decimal number `text`, is strtod's ERANGE:
/// infinite, or zero although a mantissa digit is not.
fn out_of_range<F: Copy>(text: &str, v: F, is_zero: fn(F) -> bool, is_inf: fn(F) -> bool) -> bool {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let nonzero = mantissa.bytes().any(|c| (b'1'..=b'9').contains(&c));
    is_inf(v) || (is_zero(v) && nonzero)
}

/// The decimal number strtod reads at the front of `t`: a sign, digits
/// with at most one point, then an exponent only when digits follow its
/// `e` and sign. Empty when no digit comes first.
fn strtod_prefix(t: &str) -> &str {
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits_from = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let int_end = digits_from(i);
    let mut any = int_end > i;
    i = int_end;
    if b.get(i) == Some(&b'.') {
        let frac_end = digits_from(i + 1);
        any |= frac_end > i + 1;
        i = frac_end;
    }
    if !any {
        return "";
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp_end = digits_from(i + 1 + sign);
        if exp_end > i + 1 + sign {
            i = exp_end;
        }
    }
    &t[..i]
}

/// A hexadecimal floating-point literal as read: `(mantissa + sticky) *
/// 2^exponent`, where `sticky` stands for non-zero digits beyond the 28
/// kept (they decide a rounding tie).
#[derive(Clone, Copy)]
struct HexFloat {
    mantissa: u128,
    sticky: bool,
    exponent: i64,
}

/// The digits after `0x` of a hexadecimal float (`1.8p3`, `ff`, `.8`):
/// hex digits with at most one point, at least one digit, then an
/// optional binary exponent `p[+-]digits`. `None` when anything else
/// follows (strtod would stop there and leave trailing garbage).
fn parse_hex_float(s: &str) -> Option<HexFloat> {
    let (digits, exp) = match s.split_once('p') {
        Some((d, e)) => (d, Some(e)),
        None => (s, None),
    };
    let mut value = HexFloat { mantissa: 0, sticky: false, exponent: 0 };
    let (mut kept, mut any, mut point) = (0, false, false);
    for c in digits.chars() {
        if c == '.' && !point {
            point = true;
            continue;
        }
        let d = c.to_digit(16)?;
        any = true;
        if value.mantissa == 0 && d == 0 {
            // A leading zero: only its place after the point counts.
            if point {
                value.exponent -= 4;
            }
        } else if kept < 28 {
            value.mantissa = value.mantissa << 4 | d as u128;
            kept += 1;
            if point {
                value.exponent -= 4;
            }
        } else {
            value.sticky |= d != 0;
            if !point {
                value.exponent += 4;
            }
        }
    }
    if !any {
        return None;
    }
    if let Some(e) = exp {
        let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
        if unsigned.is_empty() || !unsigned.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // Far beyond any float's range: saturate rather than overflow.
        let magnitude = unsigned.parse::<i64>().unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
        value.exponent += if e.starts_with('-') { -magnitude } else { magnitude };
    }
    Some(value)
}

impl HexFloat {
    /// The IEEE bits (without sign) of this value rounded to nearest, ties
    /// to even, in a format of `precision` significand bits (hidden bit
    /// included) whose least subnormal is `2^min_exp` and whose largest
    /// biased exponent is `max_biased`; infinity's bits on overflow.
    fn round_to(self, precision: u32, min_exp: i64, max_biased: u64) -> u64 {
        if self.mantissa == 0 {
            return 0;
        }
        let bits = 128 - self.mantissa.leading_zeros() as i64;
        let top = bits - 1 + self.exponent;
        let ulp = (top - (precision as i64 - 1)).max(min_exp);
        let shift = ulp - self.exponent;
        let mut q: u128 = if shift <= 0 {
            self.mantissa << (-shift)
        } else if shift >= 128 {
            0
        } else {
            let q = self.mantissa >> shift;
            let rem = self.mantissa & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            let up = rem > half || (rem == half && (self.sticky || q & 1 == 1));
            q + up as u128
        };
        let mut ulp = ulp;
        if q == 1u128 << precision {
            q >>= 1;
            ulp += 1;
        }
        let hidden = 1u128 << (precision - 1);
        let mantissa_bits = precision as u64 - 1;
        if q < hidden {
            // Subnormal (ulp is the least one): biased exponent 0.
            return q as u64;
        }
        // The biased exponent of q * 2^ulp, q in [2^(p-1), 2^p).
        let biased = ulp + (precision as i64 - 1) - (min_exp + precision as i64 - 2);
        if biased as u64 >= max_biased {
            return max_biased << mantissa_bits;
        }
        (biased as u64) << mantissa_bits | (q - hidden) as u64
    }

    fn to_f64(self, neg: bool) -> f64 {
        let v = f64::from_bits(self.round_to(53, -1074, 0x7ff));
        if neg {
            -v
        } else {
            v
        }
    }

    fn to_f32(self, neg: bool) -> f32 {
        let v = f32::from_bits(self.round_to(24, -149, 0xff) as u32);
        if neg {
            -v
        } else {
            v
        }
    }
}

/// `float8in`.
pub fn float8_in(s: &str) -> PgResult<f64> {
    parse_float::<f64>(s, |v| v == 0.0, |v| v.is_infinite(), |neg, h| h.to_f64(neg)).map_err(|range| {
        if range {
            pg_error::PgError::new(
                pg_error::SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
                // float8in quotes the number strtod read (from its first
                // digit or sign to where it stopped), float4in the whole input.
                format!("\"{}\" is out of range for type double precision", float8_range_text(s)),
            )
        } else {
            errors::invalid_syntax("double precision", s)
        }
    })
}

/// The text float8in's range error quotes: the number strtod read.
fn float8_range_text(s: &str) -> &str {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    let unsigned = t.trim_start_matches(['+', '-']);
    if unsigned.len() > 1 && unsigned[..2].eq_ignore_ascii_case("0x") {
        return t;
    }
    match strtod_prefix(t) {
        "" => t,
        number => number,
    }
}

/// `float4in`.
pub fn float4_in(s: &str) -> PgResult<f32> {
    parse_float::<f32>(s, |v| v == 0.0, |v| v.is_infinite(), |neg, h| h.to_f32(neg)).map_err(|range| {
        if range {
            pg_error::PgError::new(
                pg_error::SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
                format!("\"{s}\" is out of range for type real"),
            )
        } else {
            errors::invalid_syntax("real", s)
        }
    })
}

/// Checks a float8 result as `float_overflow_error`/`float_underflow_error` do: an infinite
/// result from finite inputs overflows; a zero result from non-zero inputs underflows.
pub fn check_float8(r: f64, inf_is_ok: bool, zero_is_ok: bool) -> PgResult<f64> {
    if r.is_infinite() && !inf_is_ok {
        return Err(errors::float_overflow());
    }
    if r == 0.0 && !zero_is_ok {
        return Err(errors::float_underflow());
    }
    Ok(r)
}

/// The same check for float4 results.
pub fn check_float4(r: f32, inf_is_ok: bool, zero_is_ok: bool) -> PgResult<f32> {
    if r.is_infinite() && !inf_is_ok {
        return Err(errors::float_overflow());
    }
    if r == 0.0 && !zero_is_ok {
        return Err(errors::float_underflow());
    }
    Ok(r)
}

/// `dpow`: float8 `^` with PostgreSQL's errors.
pub fn float8_pow(x: f64, y: f64) -> PgResult<f64> {
    use pg_error::{PgError, SqlState};
    if x.is_nan() {
        return Ok(if y == 0.0 { 1.0 } else { f64::NAN });
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { f64::NAN });
    }
    if x == 0.0 && y < 0.0 {
        return Err(PgError::new(
            SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION,
            "zero raised to a negative power is undefined",
        ));
    }
    if x < 0.0 && y.is_finite() && y.floor() != y {
        return Err(PgError::new(
            SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION,
            "a negative number raised to a non-integer power yields a complex result",
        ));
    }
    let r = x.powf(y);
    // Only a finite, non-zero base with a finite exponent can overflow or underflow:
    // `'Infinity' ^ -2` is an exact zero.
    let exact = x.is_infinite() || y.is_infinite();
    check_float8(r, exact, x == 0.0 || exact)
}

/// `rint`: round half to even (float → int casts use it).
pub fn rint(v: f64) -> f64 {
    v.round_ties_even()
}
