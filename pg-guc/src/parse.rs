//! Value syntax of settings: booleans, integers and reals with units, and
//! `%g`-style real output (guc.c's `parse_bool`, `parse_int`, `parse_real`).

use crate::units::{convert_to_base_unit, GucUnit};

/// The server's one Boolean parser, PostgreSQL's `parse_bool` (utils/adt/bool.c):
/// any unambiguous prefix of true/false/yes/no, `on`/`off` (at least two
/// letters), `1`/`0`, case-insensitively. Surrounding whitespace is not
/// accepted here: Boolean settings and the `replication` startup parameter
/// refuse it, as PostgreSQL's do, and the `bool` type's input trims it first.
pub fn parse_bool(value: &str) -> Option<bool> {
    let lower = value.to_ascii_lowercase();
    let v = lower.as_str();
    if v.is_empty() {
        return None;
    }
    let prefix_of = |word: &str| word.starts_with(v);
    match v.as_bytes()[0] {
        b't' if prefix_of("true") => Some(true),
        b'f' if prefix_of("false") => Some(false),
        b'y' if prefix_of("yes") => Some(true),
        b'n' if prefix_of("no") => Some(false),
        b'o' if v.len() >= 2 && prefix_of("on") => Some(true),
        b'o' if v.len() >= 2 && prefix_of("off") => Some(false),
        b'1' if v.len() == 1 => Some(true),
        b'0' if v.len() == 1 => Some(false),
        _ => None,
    }
}

/// Why an integer or real value was rejected; the caller turns it into
/// `invalid value for parameter ...` with the matching hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all, or a unit where the setting takes none: no hint.
    Invalid,
    /// A unit this setting's family does not know: the units hint.
    BadUnit,
    /// Does not fit in a 32-bit integer: "Value exceeds integer range."
    OutOfIntRange,
}

/// Splits the longest prefix of `s` that C's `strtol(s, &end, 0)` would
/// consume; returns (value, rest), or None when no digits were consumed.
/// `overflow` is set when the value does not fit in an i64 (strtol's ERANGE).
fn strtol(s: &str) -> Option<(i64, &str, bool)> {
    let t = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, digits_start) = if (body.starts_with("0x") || body.starts_with("0X"))
        && body.as_bytes().get(2).is_some_and(|c| c.is_ascii_hexdigit())
    {
        (16, 2)
    } else if body.starts_with('0') {
        (8, 0)
    } else {
        (10, 0)
    };
    let digits = &body[digits_start..];
    let len = digits.bytes().take_while(|c| (*c as char).is_digit(radix)).count();
    if len == 0 {
        return None;
    }
    let mut overflow = false;
    let mut value: i64 = 0;
    for c in digits[..len].chars() {
        let d = i64::from(c.to_digit(radix).expect("digit checked above"));
        match value.checked_mul(i64::from(radix)).and_then(|v| v.checked_add(d)) {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    Some((if negative { -value } else { value }, &digits[len..], overflow))
}

/// Splits the longest prefix of `s` that C's `strtod` would consume for
/// decimal input (sign, digits, optional fraction and exponent).
fn strtod(s: &str) -> Option<(f64, &str)> {
    let t = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let b = t.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        frac_digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if int_digits + frac_digits > 0 {
            i += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp_digits > 0 {
            i = j + exp_digits;
        }
    }
    let value: f64 = t[..i].parse().ok()?;
    Some((value, &t[i..]))
}

/// Applies the optional unit after a number (whitespace allowed between them).
fn apply_unit(value: f64, rest: &str, unit: GucUnit) -> Result<f64, NumberError> {
    let unit_text = rest.trim_matches(|c: char| c.is_ascii_whitespace());
    if unit_text.is_empty() {
        return Ok(value);
    }
    if unit == GucUnit::None {
        return Err(NumberError::Invalid);
    }
    convert_to_base_unit(value, unit_text, unit).ok_or(NumberError::BadUnit)
}

/// Parses an integer setting's value into its base unit, as `parse_int` does:
/// decimal, `0x` hex or leading-zero octal; a fraction or exponent switches to
/// real parsing and the result is rounded; an optional unit follows.
pub fn parse_int(value: &str, unit: GucUnit) -> Result<i32, NumberError> {
    let (mut number, rest) = match strtol(value) {
        Some((v, rest, false)) if !rest.starts_with(['.', 'e', 'E']) => (v as f64, rest),
        Some(_) | None => match strtod(value) {
            Some((v, rest)) if v.is_finite() => (v, rest),
            Some(_) => return Err(NumberError::OutOfIntRange),
            None => return Err(NumberError::Invalid),
        },
    };
    number = apply_unit(number, rest, unit)?.round_ties_even();
    if number > f64::from(i32::MAX) || number < f64::from(i32::MIN) {
        return Err(NumberError::OutOfIntRange);
    }
    Ok(number as i32)
}

/// Parses a real setting's value into its base unit, as `parse_real` does.
pub fn parse_real(value: &str, unit: GucUnit) -> Result<f64, NumberError> {
    let (number, rest) = strtod(value).ok_or(NumberError::Invalid)?;
    if !number.is_finite() {
        return Err(NumberError::Invalid);
    }
    apply_unit(number, rest, unit)
}

/// Formats a real as C's `%g` does: six significant digits, trailing zeros
/// removed, exponent notation for very small or large magnitudes.
pub fn format_real(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let exponent = value.abs().log10().floor() as i32;
    // Round to six significant digits first: rounding can carry into a new power of ten.
    let sci = format!("{value:.5e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} output has an exponent");
    let exp: i32 = exp.parse().unwrap_or(exponent);
    if !(-4..6).contains(&exp) {
        let mantissa = trim_fraction(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let decimals = (5 - exp).max(0) as usize;
    trim_fraction(&format!("{value:.decimals$}")).to_string()
}

fn trim_fraction(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bools() {
        for (input, expect) in [
            ("on", Some(true)),
            ("ON", Some(true)),
            ("of", Some(false)),
            ("o", None),
            ("t", Some(true)),
            ("tr", Some(true)),
            ("truex", None),
            ("yes", Some(true)),
            ("n", Some(false)),
            ("1", Some(true)),
            ("0", Some(false)),
            ("10", None),
            (" on", None),
            ("on ", None),
            ("", None),
            ("maybe", None),
        ] {
            assert_eq!(parse_bool(input), expect, "{input:?}");
        }
    }

    #[test]
    fn ints() {
        use GucUnit::*;
        use NumberError::*;
        for (input, unit, expect) in [
            ("10", None, Ok(10)),
            (" 2 ", None, Ok(2)),
            ("0x10", None, Ok(16)),
            ("0777", None, Ok(511)),
            ("08", None, Err(Invalid)),
            ("-5", None, Ok(-5)),
            ("2.4", None, Ok(2)),
            ("2.5", None, Ok(2)),
            ("3.5", None, Ok(4)),
            ("1e10", None, Err(OutOfIntRange)),
            ("1e2", None, Ok(100)),
            ("x", None, Err(Invalid)),
            ("", None, Err(Invalid)),
            ("10kB", None, Err(Invalid)),
            ("128MB", Blocks, Ok(16384)),
            ("  100  MB ", Kilobytes, Ok(102_400)),
            ("1.5MB", Kilobytes, Ok(1536)),
            ("1.5GB", Kilobytes, Ok(1_572_864)),
            ("100mb", Kilobytes, Err(BadUnit)),
            ("10 furlongs", Kilobytes, Err(BadUnit)),
            ("3000GB", Kilobytes, Err(OutOfIntRange)),
            ("2147483648", Milliseconds, Err(OutOfIntRange)),
            ("1000000h", Milliseconds, Err(OutOfIntRange)),
            ("500us", Milliseconds, Ok(0)),
            ("1500us", Milliseconds, Ok(2)),
            ("1.5s", Milliseconds, Ok(1500)),
            ("1 h", Milliseconds, Ok(3_600_000)),
            ("1d", Milliseconds, Ok(86_400_000)),
            ("1 kB", Milliseconds, Err(BadUnit)),
            ("1min", Seconds, Ok(60)),
        ] {
            assert_eq!(parse_int(input, unit), expect, "{input:?} {unit:?}");
        }
    }

    #[test]
    fn reals() {
        for (input, expect) in [
            (0.1, "0.1"),
            (2.0, "2"),
            (0.0025, "0.0025"),
            (1e-5, "1e-05"),
            (1234567.0, "1.23457e+06"),
            (100000.0, "100000"),
            (-1.5, "-1.5"),
            (0.9, "0.9"),
        ] {
            assert_eq!(format_real(input), expect, "{input}");
        }
        assert_eq!(parse_real("0.5", GucUnit::None), Ok(0.5));
        assert_eq!(parse_real("2ms", GucUnit::Milliseconds), Ok(2.0));
        assert_eq!(parse_real("abc", GucUnit::None), Err(NumberError::Invalid));
    }
}
