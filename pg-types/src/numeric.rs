//! `numeric`: arbitrary-precision decimal (PostgreSQL's `utils/adt/numeric.c`).
//!
//! Representation: an unscaled `BigInt` plus a display scale, `value = unscaled / 10^dscale`,
//! or one of NaN / ±Infinity (PostgreSQL 14+). The result-scale rules of PostgreSQL
//! (`select_div_scale`, `sqrt`, `power_var_int`) are reproduced by computing the base-10000
//! weight PostgreSQL would see, so `1/3::numeric` prints `0.33333333333333333333` as it does.
//! Rounding is half away from zero everywhere, as `round_var` does.

use crate::errors;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use pg_error::{PgError, PgResult, SqlState};
use std::cmp::Ordering;
use std::fmt;

mod transcendental;

/// NUMERIC_MAX_DISPLAY_SCALE.
pub const MAX_DISPLAY_SCALE: i32 = 1000;
/// NUMERIC_DSCALE_MAX: the largest display scale the storage format can hold.
pub const DSCALE_MAX: i32 = 16383;
/// Decimal digits before the point at NUMERIC_WEIGHT_MAX (32767 base-10000 digits + 1).
const MAX_INT_DIGITS: i64 = 131072;
/// NUMERIC_MIN_SIG_DIGITS.
pub const MIN_SIG_DIGITS: i32 = 16;
/// NUMERIC_MAX_PRECISION.
pub const MAX_PRECISION: i32 = 1000;

/// Which kind of numeric value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericKind {
    Finite,
    NaN,
    PosInf,
    NegInf,
}

/// A `numeric` value.
#[derive(Debug, Clone)]
pub struct Numeric {
    kind: NumericKind,
    /// Unscaled value (zero for the special kinds).
    value: BigInt,
    /// Display scale: digits after the decimal point (never negative).
    dscale: i32,
}

fn pow10(n: i32) -> BigInt {
    num_traits::pow(BigInt::from(10), n.max(0) as usize)
}

/// Integer division rounding half away from zero.
fn div_round(n: &BigInt, d: &BigInt) -> BigInt {
    let (q, r) = n.div_rem(d);
    if (r.abs() * 2u32) >= d.abs() {
        if (n.sign() == Sign::Minus) != (d.sign() == Sign::Minus) {
            q - 1
        } else {
            q + 1
        }
    } else {
        q
    }
}

/// Changes the scale of an unscaled value, rounding half away from zero when reducing it.
fn rescale(v: &BigInt, from: i32, to: i32) -> BigInt {
    match to.cmp(&from) {
        Ordering::Equal => v.clone(),
        Ordering::Greater => v * pow10(to - from),
        Ordering::Less => div_round(v, &pow10(from - to)),
    }
}

fn numeric_overflow() -> PgError {
    PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format")
}

/// Splits a numeric typmod into (precision, scale). PostgreSQL 15 stores the scale in the
/// low 11 bits as a signed value (scales may be negative).
pub fn typmod_precision_scale(typmod: i32) -> (i32, i32) {
    let t = typmod - 4;
    let p = (t >> 16) & 0xFFFF;
    let s = ((t & 0x7FF) ^ 1024) - 1024;
    (p, s)
}

/// Builds a numeric typmod from precision and scale.
pub fn make_typmod(precision: i32, scale: i32) -> i32 {
    ((precision << 16) | (scale & 0x7FF)) + 4
}

impl Numeric {
    /// NaN.
    pub fn nan() -> Numeric {
        Numeric { kind: NumericKind::NaN, value: BigInt::zero(), dscale: 0 }
    }
    /// +Infinity or -Infinity.
    pub fn infinity(negative: bool) -> Numeric {
        let kind = if negative { NumericKind::NegInf } else { NumericKind::PosInf };
        Numeric { kind, value: BigInt::zero(), dscale: 0 }
    }
    /// A finite value `unscaled / 10^dscale`.
    pub fn from_unscaled(value: BigInt, dscale: i32) -> Numeric {
        Numeric { kind: NumericKind::Finite, value, dscale: dscale.max(0) }
    }
    /// Exact conversion from an integer (dscale 0).
    pub fn from_i64(v: i64) -> Numeric {
        Numeric::from_unscaled(BigInt::from(v), 0)
    }
    /// Exact conversion from i128 (used by tests and aggregates).
    pub fn from_i128(v: i128) -> Numeric {
        Numeric::from_unscaled(BigInt::from(v), 0)
    }
    /// The kind.
    pub fn kind(&self) -> NumericKind {
        self.kind
    }
    /// Display scale.
    pub fn dscale(&self) -> i32 {
        self.dscale
    }
    /// The unscaled value.
    pub fn unscaled(&self) -> &BigInt {
        &self.value
    }
    pub fn is_nan(&self) -> bool {
        self.kind == NumericKind::NaN
    }
    pub fn is_finite(&self) -> bool {
        self.kind == NumericKind::Finite
    }
    pub fn is_zero(&self) -> bool {
        self.is_finite() && self.value.is_zero()
    }
    /// Below zero (-Infinity included).
    pub fn is_negative(&self) -> bool {
        match self.kind {
            NumericKind::Finite => self.value.is_negative(),
            NumericKind::NegInf => true,
            _ => false,
        }
    }

    /// `numeric_in`: parses text (whitespace-trimmed).
    pub fn parse(input: &str) -> PgResult<Numeric> {
        let bad = || errors::invalid_syntax("numeric", input);
        let s = input.trim_matches(|c: char| c.is_ascii_whitespace());
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "nan" => return Ok(Numeric::nan()),
            "infinity" | "+infinity" | "inf" | "+inf" => return Ok(Numeric::infinity(false)),
            "-infinity" | "-inf" => return Ok(Numeric::infinity(true)),
            _ => {}
        }
        let b = s.as_bytes();
        let mut i = 0;
        let mut neg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            neg = b[i] == b'-';
            i += 1;
        }
        let mut digits = String::new();
        let mut frac = 0i64;
        let mut seen_digit = false;
        let mut seen_point = false;
        while i < b.len() {
            match b[i] {
                c @ b'0'..=b'9' => {
                    digits.push(c as char);
                    seen_digit = true;
                    if seen_point {
                        frac += 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return Err(bad());
        }
        let mut exp: i64 = 0;
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            i += 1;
            let mut eneg = false;
            if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
                eneg = b[i] == b'-';
                i += 1;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                exp = (exp * 10 + (b[i] - b'0') as i64).min(i32::MAX as i64);
                i += 1;
            }
            if start == i {
                return Err(bad());
            }
            // set_var_from_str refuses exponents beyond INT_MAX / 2 outright; smaller
            // ones are judged by the digits they leave (make_result's checks below).
            if exp >= (i32::MAX / 2) as i64 {
                return Err(numeric_overflow());
            }
            if eneg {
                exp = -exp;
            }
        }
        if i != b.len() {
            return Err(bad());
        }
        let mut value: BigInt = digits.parse().map_err(|_| bad())?;
        if neg {
            value = -value;
        }
        let scale = frac - exp;
        // The display scale is stored in 14 bits (NUMERIC_DSCALE_MAX), even for zero.
        if scale > DSCALE_MAX as i64 {
            return Err(numeric_overflow());
        }
        // PostgreSQL's format holds at most 131072 digits before the point.
        let significant = digits.trim_start_matches('0').len() as i64;
        if significant == 0 {
            return Ok(Numeric::from_unscaled(BigInt::zero(), scale.max(0) as i32));
        }
        if significant - scale > MAX_INT_DIGITS {
            return Err(numeric_overflow());
        }
        let (value, dscale) = if scale >= 0 { (value, scale as i32) } else { (value * pow10((-scale) as i32), 0) };
        Ok(Numeric::from_unscaled(value, dscale))
    }

    /// PostgreSQL's `float8_numeric`: goes through `%.15g` text, so 0.1::float8 → 0.1.
    pub fn from_f64(v: f64) -> PgResult<Numeric> {
        Self::from_float_digits(v, 15)
    }
    /// PostgreSQL's `float4_numeric`: through `%.6g`.
    pub fn from_f32(v: f32) -> PgResult<Numeric> {
        Self::from_float_digits(v as f64, 6)
    }
    fn from_float_digits(v: f64, digits: usize) -> PgResult<Numeric> {
        if v.is_nan() {
            return Ok(Numeric::nan());
        }
        if v.is_infinite() {
            return Ok(Numeric::infinity(v < 0.0));
        }
        Numeric::parse(&crate::float::format_g(v, digits))
    }

    /// `numeric_float8`: via the text form, as PostgreSQL does.
    pub fn to_f64(&self) -> f64 {
        match self.kind {
            NumericKind::NaN => f64::NAN,
            NumericKind::PosInf => f64::INFINITY,
            NumericKind::NegInf => f64::NEG_INFINITY,
            NumericKind::Finite => self.to_string().parse().unwrap_or(f64::NAN),
        }
    }

    /// Rounds to an integer (half away from zero) and converts; `None` when out of i64 range.
    /// Errors for NaN/Infinity with PostgreSQL's wording for `type_name` ("integer", "bigint").
    pub fn to_i64_rounded(&self, type_name: &str) -> PgResult<Option<i64>> {
        match self.kind {
            NumericKind::NaN => Err(PgError::not_supported(format!("cannot convert NaN to {type_name}"))),
            NumericKind::PosInf | NumericKind::NegInf => {
                Err(PgError::not_supported(format!("cannot convert infinity to {type_name}")))
            }
            NumericKind::Finite => Ok(rescale(&self.value, self.dscale, 0).to_i64()),
        }
    }

    fn special_cmp_key(&self) -> i8 {
        match self.kind {
            NumericKind::NegInf => -1,
            NumericKind::Finite => 0,
            NumericKind::PosInf => 1,
            NumericKind::NaN => 2,
        }
    }

    /// Aligns two finite values to a common scale.
    fn aligned(&self, other: &Numeric) -> (BigInt, BigInt, i32) {
        let s = self.dscale.max(other.dscale);
        (rescale(&self.value, self.dscale, s), rescale(&other.value, other.dscale, s), s)
    }

    /// `numeric_add`.
    pub fn add(&self, other: &Numeric) -> Numeric {
        use NumericKind::*;
        match (self.kind, other.kind) {
            (NaN, _) | (_, NaN) | (PosInf, NegInf) | (NegInf, PosInf) => Numeric::nan(),
            (PosInf, _) | (_, PosInf) => Numeric::infinity(false),
            (NegInf, _) | (_, NegInf) => Numeric::infinity(true),
            (Finite, Finite) => {
                let (a, b, s) = self.aligned(other);
                Numeric::from_unscaled(a + b, s)
            }
        }
    }

    /// `numeric_sub`.
    pub fn sub(&self, other: &Numeric) -> Numeric {
        self.add(&other.neg())
    }

    /// `numeric_uminus`.
    pub fn neg(&self) -> Numeric {
        match self.kind {
            NumericKind::Finite => Numeric::from_unscaled(-self.value.clone(), self.dscale),
            NumericKind::PosInf => Numeric::infinity(true),
            NumericKind::NegInf => Numeric::infinity(false),
            NumericKind::NaN => Numeric::nan(),
        }
    }

    /// `numeric_abs`.
    pub fn abs(&self) -> Numeric {
        if self.is_negative() {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// `numeric_mul`: result scale is the sum of the input scales.
    pub fn mul(&self, other: &Numeric) -> PgResult<Numeric> {
        use NumericKind::*;
        match (self.kind, other.kind) {
            (NaN, _) | (_, NaN) => Ok(Numeric::nan()),
            (Finite, Finite) => {
                let s = self.dscale + other.dscale;
                if s > DSCALE_MAX {
                    // NUMERIC_DSCALE_MAX: PostgreSQL rounds the product to that scale.
                    let product = &self.value * &other.value;
                    return Ok(Numeric::from_unscaled(rescale(&product, s, DSCALE_MAX), DSCALE_MAX));
                }
                Ok(Numeric::from_unscaled(&self.value * &other.value, s))
            }
            _ => {
                if self.is_zero() || other.is_zero() {
                    return Ok(Numeric::nan());
                }
                Ok(Numeric::infinity(self.is_negative() != other.is_negative()))
            }
        }
    }

    /// The exact product of two finite values, its scale the sum of theirs even
    /// past NUMERIC_DSCALE_MAX: `mul_var` on in-memory `NumericVar`s, as the
    /// aggregates' transition states use it (only `make_result` limits the scale).
    /// Non-finite inputs give what [`Numeric::mul`] gives.
    pub fn mul_unbounded(&self, other: &Numeric) -> PgResult<Numeric> {
        if self.is_finite() && other.is_finite() {
            return Ok(Numeric::from_unscaled(&self.value * &other.value, self.dscale + other.dscale));
        }
        self.mul(other)
    }

    /// The base-10000 weight and first digit PostgreSQL's `NumericVar` would have
    /// (weight 0, digit 0 for zero).
    fn nbase_weight_first_digit(&self) -> (i32, i32) {
        if self.value.is_zero() {
            return (0, 0);
        }
        let s = self.value.abs().to_string();
        let e10 = s.len() as i32 - 1 - self.dscale;
        let w = e10.div_euclid(4);
        let take = (e10 - 4 * w + 1) as usize;
        let mut first = String::new();
        for i in 0..take {
            first.push(s.as_bytes().get(i).copied().unwrap_or(b'0') as char);
        }
        (w, first.parse().unwrap_or(0))
    }

    /// `select_div_scale`.
    fn select_div_scale(&self, other: &Numeric) -> i32 {
        let (w1, f1) = self.nbase_weight_first_digit();
        let (w2, f2) = other.nbase_weight_first_digit();
        let mut qweight = w1 - w2;
        if f1 <= f2 {
            qweight -= 1;
        }
        let rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale.max(self.dscale).max(other.dscale).clamp(0, MAX_DISPLAY_SCALE)
    }

    /// `numeric_div`.
    pub fn div(&self, other: &Numeric) -> PgResult<Numeric> {
        use NumericKind::*;
        match (self.kind, other.kind) {
            (NaN, _) | (_, NaN) => return Ok(Numeric::nan()),
            (PosInf | NegInf, PosInf | NegInf) => return Ok(Numeric::nan()),
            (PosInf | NegInf, Finite) => {
                if other.is_zero() {
                    return Err(errors::division_by_zero());
                }
                return Ok(Numeric::infinity(self.is_negative() != other.value.is_negative()));
            }
            (Finite, PosInf | NegInf) => return Ok(Numeric::from_i64(0)),
            (Finite, Finite) => {}
        }
        if other.value.is_zero() {
            return Err(errors::division_by_zero());
        }
        let rscale = self.select_div_scale(other);
        Ok(self.div_to_scale(other, rscale))
    }

    /// Finite division rounded to `rscale` digits.
    fn div_to_scale(&self, other: &Numeric, rscale: i32) -> Numeric {
        let shift = rscale - self.dscale + other.dscale;
        let (n, d) = if shift >= 0 {
            (&self.value * pow10(shift), other.value.clone())
        } else {
            (self.value.clone(), &other.value * pow10(-shift))
        };
        Numeric::from_unscaled(div_round(&n, &d), rscale)
    }

    /// `numeric_div_trunc` (integer quotient, used by `div()`).
    pub fn div_trunc(&self, other: &Numeric) -> PgResult<Numeric> {
        if !self.is_finite() || !other.is_finite() {
            return self.div(other).map(|q| q.trunc(0));
        }
        if other.value.is_zero() {
            return Err(errors::division_by_zero());
        }
        let (a, b, _) = self.aligned(other);
        Ok(Numeric::from_unscaled(a / b, 0))
    }

    /// `numeric_mod`: truncated remainder; scale is the larger input scale.
    pub fn modulo(&self, other: &Numeric) -> PgResult<Numeric> {
        use NumericKind::*;
        match (self.kind, other.kind) {
            (NaN, _) | (_, NaN) => Ok(Numeric::nan()),
            (PosInf | NegInf, _) => {
                if other.is_zero() {
                    return Err(errors::division_by_zero());
                }
                Ok(Numeric::nan())
            }
            (Finite, PosInf | NegInf) => Ok(self.clone()),
            (Finite, Finite) => {
                if other.value.is_zero() {
                    return Err(errors::division_by_zero());
                }
                let (a, b, s) = self.aligned(other);
                Ok(Numeric::from_unscaled(a % b, s))
            }
        }
    }

    /// The scale limits of `numeric_round` / `numeric_trunc`: at most NUMERIC_DSCALE_MAX
    /// places after the point, and no further left than one digit beyond the largest
    /// weight (so that a rounding carry out of the top digit is still seen and overflows).
    fn clamp_round_scale(scale: i32) -> i32 {
        scale.clamp(-(MAX_INT_DIGITS as i32) - 1, DSCALE_MAX)
    }

    /// `round(numeric, int)`: half away from zero; negative scales round left of the point.
    /// The result may exceed numeric's range (a carry out of the top digit): callers that
    /// return it to SQL pass it through [`Numeric::check_overflow`].
    pub fn round(&self, scale: i32) -> Numeric {
        if !self.is_finite() {
            return self.clone();
        }
        let scale = Self::clamp_round_scale(scale);
        if scale >= 0 {
            Numeric::from_unscaled(rescale(&self.value, self.dscale, scale), scale)
        } else {
            let v = rescale(&self.value, self.dscale, scale) * pow10(-scale);
            Numeric::from_unscaled(v, 0)
        }
    }

    /// `trunc(numeric, int)`: toward zero.
    pub fn trunc(&self, scale: i32) -> Numeric {
        if !self.is_finite() {
            return self.clone();
        }
        let scale = Self::clamp_round_scale(scale);
        if scale >= self.dscale {
            return Numeric::from_unscaled(rescale(&self.value, self.dscale, scale), scale);
        }
        let q = &self.value / pow10(self.dscale - scale);
        if scale >= 0 {
            Numeric::from_unscaled(q, scale)
        } else {
            Numeric::from_unscaled(q * pow10(-scale), 0)
        }
    }

    /// `ceil` / `floor`.
    pub fn ceil_floor(&self, ceil: bool) -> Numeric {
        if !self.is_finite() {
            return self.clone();
        }
        let d = pow10(self.dscale);
        let q = if ceil { self.value.div_ceil(&d) } else { self.value.div_floor(&d) };
        Numeric::from_unscaled(q, 0)
    }

    /// `sign(numeric)`.
    pub fn signum(&self) -> Numeric {
        match self.kind {
            NumericKind::NaN => Numeric::nan(),
            NumericKind::PosInf => Numeric::from_i64(1),
            NumericKind::NegInf => Numeric::from_i64(-1),
            NumericKind::Finite => Numeric::from_i64(match self.value.sign() {
                Sign::Minus => -1,
                Sign::NoSign => 0,
                Sign::Plus => 1,
            }),
        }
    }

    /// `numeric_sqrt`, with PostgreSQL's result scale.
    pub fn sqrt(&self) -> PgResult<Numeric> {
        match self.kind {
            NumericKind::NaN | NumericKind::PosInf => return Ok(self.clone()),
            NumericKind::NegInf => return Err(errors::sqrt_negative()),
            NumericKind::Finite => {}
        }
        if self.value.is_negative() {
            return Err(errors::sqrt_negative());
        }
        let (weight, _) = self.nbase_weight_first_digit();
        let sweight = (weight + 1) * 4 / 2 - 1;
        let rscale = (MIN_SIG_DIGITS - sweight).max(self.dscale).clamp(0, MAX_DISPLAY_SCALE);
        self.sqrt_rscale(rscale)
    }

    /// `sqrt_var` of a finite value to `rscale` decimal digits (the scale
    /// the caller chose, as `numeric_stddev_internal` passes the variance's).
    pub fn sqrt_rscale(&self, rscale: i32) -> PgResult<Numeric> {
        if !self.is_finite() {
            return self.sqrt();
        }
        if self.value.is_negative() {
            return Err(errors::sqrt_negative());
        }
        // floor(sqrt(v * 10^(2*(rscale+1)))) has rscale+1 decimals; then round one digit off.
        let shift = 2 * (rscale + 1) - self.dscale;
        let scaled = if shift >= 0 { &self.value * pow10(shift) } else { &self.value / pow10(-shift) };
        let r = scaled.sqrt();
        Ok(Numeric::from_unscaled(div_round(&r, &BigInt::from(10)), rscale))
    }

    /// Base-10000 digits (most significant first) and weight, as the wire format and
    /// `NumericVar` hold them. Zero has no digits and weight 0.
    pub fn to_nbase(&self) -> (i16, Vec<i16>) {
        if !self.is_finite() || self.value.is_zero() {
            return (0, Vec::new());
        }
        let s = self.value.abs().to_string();
        let d = self.dscale as usize;
        let (int_part, frac_part) = if s.len() > d {
            (s[..s.len() - d].to_string(), s[s.len() - d..].to_string())
        } else {
            (String::new(), format!("{}{}", "0".repeat(d - s.len()), s))
        };
        let int_pad = (4 - int_part.len() % 4) % 4;
        let int_part = format!("{}{}", "0".repeat(int_pad), int_part);
        let frac_pad = (4 - frac_part.len() % 4) % 4;
        let frac_part = format!("{}{}", frac_part, "0".repeat(frac_pad));
        let mut weight = (int_part.len() / 4) as i32 - 1;
        let all = format!("{int_part}{frac_part}");
        let mut digits: Vec<i16> =
            all.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("0").parse().unwrap_or(0)).collect();
        while digits.first() == Some(&0) {
            digits.remove(0);
            weight -= 1;
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        (weight as i16, digits)
    }

    /// Builds a value from base-10000 digits, truncating digits beyond `dscale` (as
    /// `numeric_recv` does).
    pub fn from_nbase(negative: bool, weight: i16, digits: &[i16], dscale: i32) -> Numeric {
        let mut n = BigInt::zero();
        for &d in digits {
            n = n * 10000u32 + BigInt::from(d);
        }
        let e = 4 * (weight as i32 - digits.len() as i32 + 1) + dscale;
        let v = if e >= 0 { n * pow10(e) } else { n / pow10(-e) };
        Numeric::from_unscaled(if negative { -v } else { v }, dscale)
    }

    /// `power(numeric, numeric)` / `^`. Integer exponents are exact (then rounded to
    /// PostgreSQL's `power_var_int` scale); other exponents are `exp(exp * ln(base))`
    /// computed with guard digits and rounded once (`transcendental.rs`).
    pub fn power(&self, exp: &Numeric) -> PgResult<Numeric> {
        if self.is_nan() || exp.is_nan() {
            let one = Numeric::from_i64(1);
            if (self.is_finite() && self.cmp(&one) == Ordering::Equal) || exp.is_zero() {
                return Ok(one);
            }
            return Ok(Numeric::nan());
        }
        if self.kind == NumericKind::NegInf && exp.is_finite() && !exp.is_integral() {
            return Err(PgError::new(
                SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "a negative number raised to a non-integer power yields a complex result",
            ));
        }
        if !self.is_finite() || !exp.is_finite() {
            // The float8 rules for infinities match numeric's (PostgreSQL 14+).
            let r = crate::float::float8_pow(self.to_f64(), exp.to_f64())?;
            return Numeric::from_f64(r);
        }
        if self.is_zero() && exp.value.is_negative() {
            return Err(PgError::new(
                SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "zero raised to a negative power is undefined",
            ));
        }
        let exp_is_int = (&exp.value % pow10(exp.dscale)).is_zero();
        if self.value.is_negative() && !exp_is_int {
            return Err(PgError::new(
                SqlState::INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                "a negative number raised to a non-integer power yields a complex result",
            ));
        }
        if exp_is_int {
            if let Some(e) = (&exp.value / pow10(exp.dscale)).to_i32() {
                return self.power_int(e, exp.dscale);
            }
        }
        // A negative base has an integer exponent here (past int4): the power of its
        // absolute value, negative when the exponent is odd.
        if self.value.is_negative() {
            let odd = (&exp.value / pow10(exp.dscale)).is_odd();
            let r = self.abs().power_general(exp)?;
            return Ok(if odd { r.neg() } else { r });
        }
        self.power_general(exp)
    }

    /// `power_var_int` as PostgreSQL 15 calls it: result scale max(16, base dscale), the
    /// exact power (or its reciprocal) rounded to that scale.
    fn power_int(&self, exp: i32, _exp_dscale: i32) -> PgResult<Numeric> {
        let rscale = MIN_SIG_DIGITS.max(self.dscale).clamp(0, MAX_DISPLAY_SCALE);
        if exp == 0 {
            return Ok(Numeric::from_unscaled(pow10(rscale), rscale));
        }
        // Estimate log10 of the result first, as PostgreSQL's power_var_int
        // does: past numeric's range it overflows, far below the result
        // scale it is zero, and neither needs (nor may spend) an exact
        // power of a 2-billion exponent.
        let text = self.value.abs().to_string();
        let lead: f64 = text[..text.len().min(17)].parse().unwrap_or(1.0);
        let log10_abs = lead.log10() + (text.len() as f64 - text.len().min(17) as f64) - self.dscale as f64;
        let estimate = exp as f64 * log10_abs;
        if estimate > 131072.0 + 1.0 {
            return Err(numeric_overflow());
        }
        if estimate < -(rscale as f64) - 2.0 {
            return Ok(Numeric::from_unscaled(BigInt::zero(), rscale));
        }
        let mag = exp.unsigned_abs();
        if text.len() as u64 * mag as u64 > 200_000 {
            return self.power_int_rounded(exp, rscale, estimate);
        }
        let p = num_traits::pow(self.value.clone(), mag as usize);
        let pscale = self.dscale as i64 * mag as i64;
        if exp > 0 {
            let p = if pscale > rscale as i64 {
                rescale(&p, pscale as i32, rscale)
            } else {
                p * pow10(rscale - pscale as i32)
            };
            Ok(Numeric::from_unscaled(p, rscale))
        } else {
            // 1 / (v^|exp|) = 10^pscale / p, to rscale digits.
            let n = pow10(pscale as i32 + rscale);
            Ok(Numeric::from_unscaled(div_round(&n, &p), rscale))
        }
    }

    /// x^exp by repeated squaring at limited precision (enough significant
    /// digits for the integer part, `rscale` and guard digits), for powers
    /// whose exact value would have too many digits to compute.
    fn power_int_rounded(&self, exp: i32, rscale: i32, estimate: f64) -> PgResult<Numeric> {
        let prec = estimate.max(0.0) as i64 + rscale as i64 + 40;
        // A decimal float: mantissa * 10^exponent, kept to about `prec` digits.
        let trunc = |m: BigInt, e: i64| -> (BigInt, i64) {
            let digits = (m.bits() as f64 * std::f64::consts::LOG10_2) as i64;
            let cut = digits - prec - 1;
            if cut > 0 {
                (m / pow10(cut as i32), e + cut)
            } else {
                (m, e)
            }
        };
        let (mut rm, mut re) = (BigInt::one(), 0i64);
        let (mut bm, mut be) = (self.value.clone(), -(self.dscale as i64));
        let mut n = exp.unsigned_abs();
        while n > 0 {
            crate::fmgr::check_interrupts()?;
            if n & 1 == 1 {
                (rm, re) = trunc(&rm * &bm, re + be);
            }
            n >>= 1;
            if n > 0 {
                (bm, be) = trunc(&bm * &bm, be * 2);
            }
        }
        let scaled = if exp > 0 {
            // rm * 10^re at scale rscale.
            let shift = re + rscale as i64;
            if shift >= 0 {
                rm * pow10(shift as i32)
            } else {
                div_round(&rm, &pow10((-shift) as i32))
            }
        } else {
            // 1 / (rm * 10^re) at scale rscale = 10^(rscale - re) / rm.
            let shift = rscale as i64 - re;
            if shift < 0 {
                BigInt::zero()
            } else {
                div_round(&pow10(shift as i32), &rm)
            }
        };
        Ok(Numeric::from_unscaled(scaled, rscale))
    }

    /// `apply_typmod` for numeric(p,s): rounds to s and checks the precision.
    pub fn apply_typmod(&self, typmod: i32) -> PgResult<Numeric> {
        if typmod < 4 {
            return Ok(self.clone());
        }
        let (precision, scale) = typmod_precision_scale(typmod);
        if !self.is_finite() {
            if self.is_nan() {
                return Ok(self.clone());
            }
            return Err(PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").with_detail(
                format!("A field with precision {precision}, scale {scale} cannot hold an infinite value."),
            ));
        }
        let r = self.round(scale);
        let maxdigits = precision - scale;
        if !r.value.is_zero() {
            // Digits left of the decimal point.
            let s = r.value.abs().to_string();
            let int_digits = s.len() as i32 - r.dscale;
            if int_digits > maxdigits {
                let lim = if maxdigits != 0 { format!("10^{maxdigits}") } else { "1".to_string() };
                return Err(PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").with_detail(
                    format!(
                        "A field with precision {precision}, scale {scale} must round to an absolute value less than {lim}."
                    ),
                ));
            }
        }
        Ok(r)
    }

    /// One `BigInt` power of ten (exposed for the binary and cast code).
    pub fn pow10(n: i32) -> BigInt {
        pow10(n)
    }

    /// True if the value is an integer (for `int` casts and the like).
    pub fn is_integral(&self) -> bool {
        self.is_finite() && (&self.value % pow10(self.dscale)).is_zero()
    }

    /// The result check of numeric arithmetic (`make_result`): at most 131072 digits
    /// before the decimal point, else "value overflows numeric format".
    pub fn check_overflow(self) -> PgResult<Numeric> {
        const MAX_INT_DIGITS: u64 = self::MAX_INT_DIGITS as u64;
        if !self.is_finite() {
            return Ok(self);
        }
        // bits * log10(2) bounds the digit count; count exactly only near the limit.
        let approx = (self.value.bits() as f64 * std::f64::consts::LOG10_2) as u64;
        if approx < MAX_INT_DIGITS + self.dscale as u64 {
            return Ok(self);
        }
        let digits = self.value.abs().to_string().len() as u64;
        if digits > MAX_INT_DIGITS + self.dscale as u64 {
            return Err(numeric_overflow());
        }
        Ok(self)
    }

    /// 1 as a numeric.
    pub fn one() -> Numeric {
        Numeric::from_unscaled(BigInt::one(), 0)
    }
}

impl fmt::Display for Numeric {
    /// `numeric_out`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            NumericKind::NaN => return f.write_str("NaN"),
            NumericKind::PosInf => return f.write_str("Infinity"),
            NumericKind::NegInf => return f.write_str("-Infinity"),
            NumericKind::Finite => {}
        }
        let neg = self.value.is_negative();
        let s = self.value.abs().to_string();
        let d = self.dscale as usize;
        let body = if d == 0 {
            s
        } else if s.len() > d {
            format!("{}.{}", &s[..s.len() - d], &s[s.len() - d..])
        } else {
            format!("0.{}{}", "0".repeat(d - s.len()), s)
        };
        if neg {
            write!(f, "-{body}")
        } else {
            f.write_str(&body)
        }
    }
}

impl PartialEq for Numeric {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Numeric {}
impl PartialOrd for Numeric {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Numeric {
    /// `cmp_numerics`: -Infinity < finite < +Infinity < NaN; NaN = NaN.
    fn cmp(&self, other: &Self) -> Ordering {
        let (ka, kb) = (self.special_cmp_key(), other.special_cmp_key());
        if ka != 0 || kb != 0 {
            return ka.cmp(&kb);
        }
        let (a, b, _) = self.aligned(other);
        a.cmp(&b)
    }
}

impl std::hash::Hash for Numeric {
    /// Hashes the normalised value so equal numerics (1.0 and 1.00) hash alike.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.special_cmp_key().hash(state);
        if self.is_finite() {
            let (w, d) = self.to_nbase();
            w.hash(state);
            d.hash(state);
        }
    }
}
