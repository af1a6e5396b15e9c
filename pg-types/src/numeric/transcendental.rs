//! `numeric`'s logarithms and exponential (`numeric.c`'s `numeric_ln`,
//! `numeric_log`, `numeric_exp` with `ln_var`, `log_var`, `exp_var`).
//!
//! The result scale is chosen as PostgreSQL chooses it (at least
//! `NUMERIC_MIN_SIG_DIGITS` significant digits, never fewer decimals than
//! the input shows); the value is computed in fixed point with guard digits
//! and rounded once to that scale, so it is the correctly rounded result,
//! which is what PostgreSQL's own guard digits give.
//!
//! Fixed point here means a `BigInt` `v` standing for `v / 10^w`.

use super::{div_round, numeric_overflow, pow10, Numeric, NumericKind, MAX_DISPLAY_SCALE, MIN_SIG_DIGITS};
use crate::errors;
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use pg_error::{PgError, PgResult, SqlState};

/// NUMERIC_MAX_RESULT_SCALE (NUMERIC_MAX_PRECISION * 2).
const MAX_RESULT_SCALE: f64 = 2000.0;

fn log_of_zero() -> PgError {
    PgError::new(SqlState::INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero")
}

fn log_of_negative() -> PgError {
    PgError::new(SqlState::INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number")
}

/// Number of decimal digits of a positive integer.
fn decimal_digits(v: &BigInt) -> i64 {
    // bits * log10(2) is at most one too small or too large; correct it.
    let mut d = ((v.bits() as f64) * std::f64::consts::LOG10_2) as i64;
    d = d.max(1);
    while v >= &pow10_i64(d) {
        d += 1;
    }
    while d > 1 && v < &pow10_i64(d - 1) {
        d -= 1;
    }
    d
}

fn pow10_i64(n: i64) -> BigInt {
    pow10(n.clamp(0, i32::MAX as i64) as i32)
}

/// `2 * atanh(z) * 10^w` for `z = num / den`, `|z| <= 1/3`: the series
/// `2 (z + z^3/3 + z^5/5 + ...)`, summed until its terms vanish at scale w.
fn two_atanh(num: &BigInt, den: &BigInt, w: i32) -> PgResult<BigInt> {
    let one = pow10(w);
    let z = num * &one / den;
    let z2 = &z * &z / &one;
    let mut power = z;
    let mut sum = BigInt::zero();
    let mut k: u64 = 1;
    while !power.is_zero() {
        sum += &power / k;
        power = &power * &z2 / &one;
        k += 2;
        if k % 256 == 1 {
            crate::fmgr::check_interrupts()?;
        }
    }
    Ok(sum * 2)
}

/// `ln(2) * 10^w`: 2 = (1 + 1/3) / (1 - 1/3), so ln 2 = 2 atanh(1/3).
fn ln2_fixed(w: i32) -> PgResult<BigInt> {
    two_atanh(&BigInt::one(), &BigInt::from(3), w)
}

/// `ln(u / 10^scale) * 10^w` for a positive integer `u`.
fn ln_fixed(u: &BigInt, scale: i32, w: i32) -> PgResult<BigInt> {
    // u = 2^(b-1) * m with m in [1, 2); ln m = 2 atanh((m - 1) / (m + 1)).
    let b = u.bits() as i64 - 1;
    let one = pow10(w);
    let m = (u * &one) >> (b as usize);
    let ln_m = two_atanh(&(&m - &one), &(&m + &one), w)?;
    let ln2 = ln2_fixed(w)?;
    // ln 10 = 3 ln 2 + ln 1.25, and 1.25 = (1 + 1/9) / (1 - 1/9).
    let ln10 = &ln2 * 3 + two_atanh(&BigInt::one(), &BigInt::from(9), w)?;
    Ok(ln_m + ln2 * b - ln10 * scale)
}

impl Numeric {
    /// `estimate_ln_dweight`: the decimal weight of ln(self), roughly.
    fn estimate_ln_dweight(&self) -> i32 {
        if !self.is_finite() || !self.value.is_positive() {
            return 0;
        }
        let one = pow10(self.dscale);
        let ten_x = &self.value * 10;
        if ten_x >= &one * 9 && ten_x <= &one * 11 {
            // 0.9 <= x <= 1.1: ln(1 + d) ~ d, so the weight of x - 1.
            let d = (&self.value - &one).abs();
            if d.is_zero() {
                return 0;
            }
            return (decimal_digits(&d) - 1 - self.dscale as i64) as i32;
        }
        // PostgreSQL looks at the first one or two base-10000 digits only.
        let (weight, digits) = self.to_nbase();
        let Some(&first) = digits.first() else { return 0 };
        let mut lead = first as f64;
        let mut dweight = weight as i32 * 4;
        if let Some(&second) = digits.get(1) {
            lead = lead * 10000.0 + second as f64;
            dweight -= 4;
        }
        let ln = lead.ln() + dweight as f64 * std::f64::consts::LN_10;
        ln.abs().log10() as i32
    }

    /// The natural logarithm at scale `w` of a finite positive value.
    fn ln_at(&self, w: i32) -> PgResult<BigInt> {
        ln_fixed(&self.value, self.dscale, w)
    }

    fn check_log_argument(&self) -> PgResult<()> {
        if self.is_zero() {
            Err(log_of_zero())
        } else if self.is_negative() {
            Err(log_of_negative())
        } else {
            Ok(())
        }
    }

    /// `ln(numeric)`.
    pub fn ln(&self) -> PgResult<Numeric> {
        match self.kind {
            NumericKind::NaN => return Ok(Numeric::nan()),
            NumericKind::PosInf => return Ok(self.clone()),
            NumericKind::NegInf => return Err(log_of_negative()),
            NumericKind::Finite => self.check_log_argument()?,
        }
        let rscale = (MIN_SIG_DIGITS - self.estimate_ln_dweight()).max(self.dscale).clamp(0, MAX_DISPLAY_SCALE);
        // Guard digits cover the series' rounding and the multiples of
        // ln 2 and ln 10 that a value far from 1 adds.
        let w = rscale + 30;
        let v = self.ln_at(w)?;
        Ok(Numeric::from_unscaled(div_round(&v, &pow10(w - rscale)), rscale))
    }

    /// `log(base, numeric)`: ln(self) / ln(base).
    pub fn log(&self, base: &Numeric) -> PgResult<Numeric> {
        if base.is_nan() || self.is_nan() {
            return Ok(Numeric::nan());
        }
        if !base.is_finite() || !self.is_finite() {
            if base.is_negative() || self.is_negative() {
                return Err(log_of_negative());
            }
            if base.is_zero() || self.is_zero() {
                return Err(log_of_zero());
            }
            if base.kind == NumericKind::PosInf {
                // log(Inf, Inf) is Inf/Inf; log(Inf, finite) is zero.
                return Ok(if self.kind == NumericKind::PosInf { Numeric::nan() } else { Numeric::from_i64(0) });
            }
            return Ok(self.clone());
        }
        base.check_log_argument()?;
        self.check_log_argument()?;
        let ln_base_dweight = base.estimate_ln_dweight();
        let ln_num_dweight = self.estimate_ln_dweight();
        let result_dweight = ln_num_dweight - ln_base_dweight;
        let rscale = (MIN_SIG_DIGITS - result_dweight).max(base.dscale).max(self.dscale).clamp(0, MAX_DISPLAY_SCALE);
        let w = rscale + 30 + ln_base_dweight.abs() + ln_num_dweight.abs();
        let ln_base = base.ln_at(w)?;
        if ln_base.is_zero() {
            return Err(errors::division_by_zero());
        }
        let ln_num = self.ln_at(w)?;
        // (ln_num / ln_base) at scale rscale + 10, then rounded once.
        let q = ln_num * pow10(rscale + 10) / ln_base;
        Ok(Numeric::from_unscaled(div_round(&q, &pow10(10)), rscale))
    }

    /// `exp(numeric)`.
    pub fn exp(&self) -> PgResult<Numeric> {
        match self.kind {
            NumericKind::NaN | NumericKind::PosInf => return Ok(self.clone()),
            NumericKind::NegInf => return Ok(Numeric::from_i64(0)),
            NumericKind::Finite => {}
        }
        let x = self.to_f64();
        let approx_weight = (x * std::f64::consts::LOG10_E).clamp(-MAX_RESULT_SCALE, MAX_RESULT_SCALE);
        let rscale = (MIN_SIG_DIGITS - approx_weight as i32).max(self.dscale).clamp(0, MAX_DISPLAY_SCALE);
        if x.abs() >= MAX_RESULT_SCALE * 3.0 {
            if x > 0.0 {
                return Err(numeric_overflow());
            }
            return Ok(Numeric::from_unscaled(BigInt::zero(), rscale));
        }
        let w = rscale + (approx_weight.max(0.0) as i32) + 31;
        let x_fixed =
            if w >= self.dscale { &self.value * pow10(w - self.dscale) } else { &self.value / pow10(self.dscale - w) };
        exp_fixed(x_fixed, w, x, rscale)
    }

    /// `power(numeric, numeric)` for an exponent that is not a small integer
    /// (`power_var`'s general case): `exp(exp * ln(base))`. The result scale
    /// is PostgreSQL's: at least `NUMERIC_MIN_SIG_DIGITS` significant digits
    /// judged from a low-precision estimate of the result's weight, never fewer
    /// decimals than either input. The caller has handled NaN, infinities,
    /// negative bases and integer exponents.
    pub(super) fn power_general(&self, exp: &Numeric) -> PgResult<Numeric> {
        if self.is_zero() {
            // 0 ^ positive non-integer: zero, shown with 16 decimals.
            return Ok(Numeric::from_unscaled(BigInt::zero(), MIN_SIG_DIGITS));
        }
        // Low-precision estimate of exp * ln(base), made as power_var makes
        // it: ln(base) rounded to about 8 significant digits, times exp
        // rounded to the same scale, as a float. The result's scale is
        // judged from it, so a base just below a power of ten
        // (9999999999.99999 ^ -2.5) gets PostgreSQL's scale, not the one
        // an exact weight would give. The scale is past ln(base)'s weight
        // (a base within 1e-1000 of 1 has a logarithm near 1e-1000, which
        // a fixed scale would round to zero).
        let local_rscale = (8 - self.estimate_ln_dweight()).max(0);
        let ln_base = div_round(&self.ln_at(local_rscale + 10)?, &pow10(10));
        let ln_num = div_round(&(ln_base * &exp.value), &pow10(exp.dscale));
        let val = Numeric::from_unscaled(ln_num, local_rscale).to_f64();
        if val.abs() > MAX_RESULT_SCALE * 3.01 {
            if val > 0.0 {
                return Err(numeric_overflow());
            }
            return Ok(Numeric::from_unscaled(BigInt::zero(), MAX_DISPLAY_SCALE));
        }
        // PostgreSQL's approximation of log10(e), a few ulps from
        // LOG10_E: the truncation below must see PostgreSQL's product.
        #[allow(clippy::approx_constant)]
        let dweight = val * 0.434294481903252;
        let rscale = (MIN_SIG_DIGITS - dweight as i32).max(self.dscale).max(exp.dscale).clamp(0, MAX_DISPLAY_SCALE);
        // Fixed point at scale w carries the result's integer digits, its
        // rscale decimals and guard digits (exp_fixed works at that absolute
        // scale); the error of ln(base) is multiplied by |exp|, whose integer
        // digits are added too.
        // (Counted from the digits: past 1e308 a float would be infinite.)
        let exp_int_digits = (decimal_digits(&exp.value.abs()) - exp.dscale as i64).max(0) as i32;
        let w = rscale + (dweight.max(0.0) as i32) + exp_int_digits + 31;
        let ln_base = self.ln_at(w)?;
        // L = ln(base) * exp, at scale w.
        let l = div_round(&(ln_base * &exp.value), &pow10(exp.dscale));
        exp_fixed(l, w, val, rscale)
    }
}

/// `exp(x / 10^w)` rounded to `rscale` decimals, where `x_approx` is the
/// value as a float (for the range reduction) and `w` leaves enough guard
/// digits beyond `rscale` plus the result's integer digits.
fn exp_fixed(x_fixed: BigInt, w: i32, x_approx: f64, rscale: i32) -> PgResult<Numeric> {
    // exp(x) = 2^j * exp(r), r = x - j ln 2, |r| <= ln(2)/2 (about).
    let j = (x_approx / std::f64::consts::LN_2).round() as i64;
    let one = pow10(w);
    let r = x_fixed - ln2_fixed(w)? * j;
    // Taylor series of exp(r).
    let mut term = one.clone();
    let mut sum = one.clone();
    let mut n: u64 = 1;
    while !term.is_zero() {
        term = &term * &r / &one / n;
        sum += &term;
        n += 1;
        if n.is_multiple_of(256) {
            crate::fmgr::check_interrupts()?;
        }
    }
    let j_abs = j.unsigned_abs().to_usize().unwrap_or(usize::MAX);
    let scaled = if j >= 0 { sum << j_abs } else { sum >> j_abs };
    Ok(Numeric::from_unscaled(div_round(&scaled, &pow10(w - rscale)), rscale))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Numeric {
        Numeric::parse(s).expect("a valid numeric")
    }

    /// Figures from PostgreSQL 15.18.
    #[test]
    fn ln_log_exp_match_postgres() {
        assert_eq!(n("2").ln().unwrap().to_string(), "0.6931471805599453");
        assert_eq!(n("10").ln().unwrap().to_string(), "2.3025850929940457");
        assert_eq!(n("1").ln().unwrap().to_string(), "0.0000000000000000");
        assert_eq!(n("1.05").ln().unwrap().to_string(), "0.048790164169432003");
        assert_eq!(
            n("1.000000000000000000000001").ln().unwrap().to_string(),
            "0.0000000000000000000000010000000000000000"
        );
        assert_eq!(n("123456789012345678901234567890").ln().unwrap().to_string(), "66.985688719142977");
        assert_eq!(n("1").exp().unwrap().to_string(), "2.7182818284590452");
        assert_eq!(n("-1.5").exp().unwrap().to_string(), "0.2231301601484298");
        assert_eq!(n("100").exp().unwrap().to_string(), "26881171418161354484126255515800135873611119");
        assert_eq!(n("2.000000000000000000001").exp().unwrap().to_string(), "7.389056098930650227238");
        assert_eq!(n("8").log(&n("2")).unwrap().to_string(), "3.0000000000000000");
        assert_eq!(n("47.1").log(&n("3.3")).unwrap().to_string(), "3.2265688122539206");
        assert_eq!(n("0.001").log(&n("10")).unwrap().to_string(), "-3.0000000000000000");
    }

    #[test]
    fn errors_have_postgres_sqlstates() {
        let code = |r: PgResult<Numeric>| r.unwrap_err().code.code().to_string();
        assert_eq!(code(n("0").ln()), "2201E");
        assert_eq!(code(n("-1").ln()), "2201E");
        assert_eq!(code(n("10").log(&n("1"))), "22012");
        assert_eq!(code(n("1000000").exp()), "22003");
        assert!(n("-1000000").exp().unwrap().is_zero());
    }
}
