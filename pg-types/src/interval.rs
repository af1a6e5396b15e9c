//! `interval` text I/O (PostgreSQL's `DecodeInterval`/`EncodeInterval`), `postgres` style.

use crate::datetime::{USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC};
use crate::datum::Interval;
use crate::errors;
use crate::io::IntervalStyle;
use pg_error::{PgError, PgResult, SqlState};

/// Accumulates fields in wide integers so overflow is detected once at the end.
#[derive(Default)]
struct Acc {
    months: i128,
    days: i128,
    micros: i128,
}

impl Acc {
    /// Adds `whole + frac` of a unit (`frac` has the sign of the number and is below 1 in
    /// magnitude), spilling the fraction to smaller units as PostgreSQL's `DecodeInterval`
    /// does: fractional years become whole months (rounded), fractional months and weeks
    /// become days and then microseconds, fractions of a day or less become microseconds.
    fn add(&mut self, whole: i128, frac: f64, unit: Unit) {
        match unit {
            Unit::Micro => self.add_micros(whole, frac, 1),
            Unit::Milli => self.add_micros(whole, frac, 1000),
            Unit::Second => self.add_micros(whole, frac, USECS_PER_SEC),
            Unit::Minute => self.add_micros(whole, frac, USECS_PER_MINUTE),
            Unit::Hour => self.add_micros(whole, frac, USECS_PER_HOUR),
            Unit::Day => {
                self.days += whole;
                self.micros += fract_micros(frac, USECS_PER_DAY);
            }
            Unit::Week => {
                self.days += whole * 7;
                self.add_fract_days(frac, 7.0);
            }
            Unit::Month => {
                self.months += whole;
                self.add_fract_days(frac, 30.0);
            }
            Unit::Year => self.add_years(whole, frac, 1),
            Unit::Decade => self.add_years(whole, frac, 10),
            Unit::Century => self.add_years(whole, frac, 100),
            Unit::Millennium => self.add_years(whole, frac, 1000),
        }
    }
    fn add_micros(&mut self, whole: i128, frac: f64, scale: i64) {
        self.micros += whole * scale as i128 + fract_micros(frac, scale);
    }
    fn add_fract_days(&mut self, frac: f64, days_per_unit: f64) {
        let days = frac * days_per_unit;
        let whole = days.trunc();
        self.days += whole as i128;
        self.micros += fract_micros(days - whole, USECS_PER_DAY);
    }
    fn add_years(&mut self, years: i128, frac: f64, scale: i128) {
        self.months += years * scale * 12 + (frac * scale as f64 * 12.0).round_ties_even() as i128;
    }
}

/// `frac` of a unit of `scale` microseconds, in whole microseconds: the whole part of the
/// product, then its remainder rounded half to even (`AdjustFractMicroseconds`).
fn fract_micros(frac: f64, scale: i64) -> i128 {
    if frac == 0.0 {
        return 0;
    }
    let v = frac * scale as f64;
    let whole = v.trunc();
    whole as i128 + (v - whole).round_ties_even() as i128
}

/// Splits a number as written into its integer part and its fraction, each read on its
/// own as PostgreSQL reads them (`strtoi64`, then `strtod` of the digits after the
/// point), so that `0.1234575` seconds rounds as PostgreSQL's does. Exponents are not
/// interval syntax.
fn split_number(num: &str) -> Option<(i128, f64)> {
    let neg = num.starts_with('-');
    let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
    let digits = int_part.trim_start_matches(['+', '-']);
    if digits.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !digits.bytes().all(|c| c.is_ascii_digit()) || !frac_part.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    let frac: f64 = if frac_part.is_empty() { 0.0 } else { format!("0.{frac_part}").parse().ok()? };
    Some(if neg { (-whole, -frac) } else { (whole, frac) })
}

#[derive(Clone, Copy)]
enum Unit {
    Micro,
    Milli,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
    Millennium,
}

fn unit_from_word(w: &str) -> Option<Unit> {
    Some(match w {
        "microsecond" | "microseconds" | "us" | "usec" | "usecs" | "useconds" | "microsecon" => Unit::Micro,
        "millisecond" | "milliseconds" | "ms" | "msec" | "msecs" | "mseconds" | "millisecon" => Unit::Milli,
        "second" | "seconds" | "s" | "sec" | "secs" => Unit::Second,
        "minute" | "minutes" | "m" | "min" | "mins" => Unit::Minute,
        "hour" | "hours" | "h" | "hr" | "hrs" => Unit::Hour,
        "day" | "days" | "d" => Unit::Day,
        "week" | "weeks" | "w" => Unit::Week,
        "month" | "months" | "mon" | "mons" => Unit::Month,
        "year" | "years" | "y" | "yr" | "yrs" => Unit::Year,
        "decade" | "decades" | "dec" | "decs" => Unit::Decade,
        "century" | "centuries" | "c" | "cent" => Unit::Century,
        "millennium" | "millennia" | "mil" | "mils" | "millenniums" => Unit::Millennium,
        _ => return None,
    })
}

/// Parses `[-+]h:m[:s[.f]]` into signed µs. Two fields are minutes and
/// seconds when the second has a fraction (`1:2.5`) or when the value is
/// read as `MINUTE TO SECOND` (`DecodeTime` with a range).
fn parse_hms(tok: &str, range: i32) -> Option<i128> {
    let (neg, body) = match tok.as_bytes().first()? {
        b'-' => (true, &tok[1..]),
        b'+' => (false, &tok[1..]),
        _ => (false, tok),
    };
    let parts: Vec<&str> = body.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    if parts.iter().any(|p| p.is_empty()) || parts[1..].iter().any(|p| p.starts_with(['+', '-'])) {
        return None;
    }
    if parts.len() == 2 && (parts[1].contains('.') || range == MASK_MINUTE | MASK_SECOND) {
        let m: i128 = parts[0].parse().ok()?;
        let (s, frac) = split_number(parts[1])?;
        if !(0..=60).contains(&s) {
            return None;
        }
        let us = m * USECS_PER_MINUTE as i128 + s * USECS_PER_SEC as i128 + (frac * 1e6).round_ties_even() as i128;
        return Some(if neg { -us } else { us });
    }
    let h: i128 = parts[0].parse().ok()?;
    let m: i128 = parts[1].parse().ok()?;
    // Seconds: whole seconds, then the fraction rounded to microseconds half to even.
    let (s, frac) = if parts.len() == 3 { split_number(parts[2])? } else { (0, 0.0) };
    if !(0..60).contains(&m) || !(0..=60).contains(&s) {
        return None;
    }
    let frac_us = (frac * 1e6).round_ties_even() as i128;
    let us = h * USECS_PER_HOUR as i128 + m * USECS_PER_MINUTE as i128 + s * USECS_PER_SEC as i128 + frac_us;
    Some(if neg { -us } else { us })
}

/// ISO 8601 durations: `P1Y2M3DT4H5M6S` (designators), or the alternative
/// format `P0001-02-03T04:05:06` / `P00010203T040506`, each of the date and
/// time parts written either way.
fn parse_iso8601(s: &str) -> Option<Acc> {
    let body = &s[1..];
    let (date, time) = match body.find(['T', 't']) {
        Some(k) => (&body[..k], Some(&body[k + 1..])),
        None => (body, None),
    };
    let mut acc = Acc::default();
    for (section, in_time) in [(date, false), (time.unwrap_or(""), true)] {
        if section.is_empty() {
            continue;
        }
        if section.bytes().any(|c| c.is_ascii_alphabetic()) {
            iso8601_designators(section, in_time, &mut acc)?;
        } else {
            iso8601_alternative(section, in_time, &mut acc)?;
        }
    }
    Some(acc)
}

fn iso8601_designators(section: &str, in_time: bool, acc: &mut Acc) -> Option<()> {
    let mut num = String::new();
    for c in section.chars() {
        match c {
            '0'..='9' | '.' | '-' | '+' => num.push(c),
            _ => {
                let (whole, frac) = split_number(&num)?;
                num.clear();
                let unit = match (c.to_ascii_uppercase(), in_time) {
                    ('Y', false) => Unit::Year,
                    ('M', false) => Unit::Month,
                    ('W', false) => Unit::Week,
                    ('D', false) => Unit::Day,
                    ('H', true) => Unit::Hour,
                    ('M', true) => Unit::Minute,
                    ('S', true) => Unit::Second,
                    _ => return None,
                };
                acc.add(whole, frac, unit);
            }
        }
    }
    num.is_empty().then_some(())
}

/// The alternative format of one part: `Y-M-D` (extended) or an eight-digit
/// `YYYYMMDD` (basic) for the date, `h:m:s` or a six-digit `hhmmss` for the
/// time; any other lone number is years or hours. Fractions spill into the
/// smaller units.
fn iso8601_alternative(section: &str, in_time: bool, acc: &mut Acc) -> Option<()> {
    let units: [Unit; 3] =
        if in_time { [Unit::Hour, Unit::Minute, Unit::Second] } else { [Unit::Year, Unit::Month, Unit::Day] };
    let sep = if in_time { ':' } else { '-' };
    let basic_len = if in_time { 6 } else { 8 };
    let (neg, digits) = match section.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, section),
    };
    if digits.len() == basic_len && digits.bytes().all(|c| c.is_ascii_digit()) {
        for (k, unit) in units.iter().enumerate() {
            let (a, b) = if in_time { (2 * k, 2 * k + 2) } else { ([0, 4, 6][k], [4, 6, 8][k]) };
            let v: i128 = digits[a..b].parse().ok()?;
            acc.add(if neg { -v } else { v }, 0.0, *unit);
        }
        return Some(());
    }
    // Numbers, each with its own optional minus, between separators
    // (`P1--2` is 1 year -2 months).
    let mut rest = section;
    for (k, unit) in units.into_iter().enumerate() {
        if k > 0 {
            match rest.strip_prefix(sep) {
                Some(r) => rest = r,
                None if rest.is_empty() => break,
                None => return None,
            }
        }
        let sign = usize::from(rest.starts_with('-'));
        let len = sign + rest[sign..].find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len() - sign);
        let (whole, frac) = split_number(&rest[..len])?;
        acc.add(whole, frac, unit);
        rest = &rest[len..];
    }
    if !rest.is_empty() {
        return None;
    }
    Some(())
}

/// `interval_in` without a type modifier.
pub fn parse_interval(input: &str) -> PgResult<Interval> {
    parse_interval_typmod(input, -1)
}

// The field bits of an interval typmod's range (PostgreSQL's `INTERVAL_MASK`).
const MASK_MONTH: i32 = 1 << 1;
const MASK_YEAR: i32 = 1 << 2;
const MASK_DAY: i32 = 1 << 3;
const MASK_HOUR: i32 = 1 << 10;
const MASK_MINUTE: i32 = 1 << 11;
const MASK_SECOND: i32 = 1 << 12;
/// The range of an unrestricted interval (`INTERVAL_FULL_RANGE`).
pub const INTERVAL_FULL_RANGE: i32 = 0x7FFF;
/// The precision of an interval without one (`INTERVAL_FULL_PRECISION`).
pub const INTERVAL_FULL_PRECISION: i32 = 0xFFFF;

/// The field range of an interval typmod (`INTERVAL_RANGE`).
pub fn typmod_range(typmod: i32) -> i32 {
    if typmod < 0 {
        INTERVAL_FULL_RANGE
    } else {
        (typmod >> 16) & 0x7FFF
    }
}

/// The fractional-second precision of an interval typmod (`INTERVAL_PRECISION`).
pub fn typmod_precision(typmod: i32) -> i32 {
    if typmod < 0 {
        INTERVAL_FULL_PRECISION
    } else {
        typmod & 0xFFFF
    }
}

/// The SQL spelling of a field range (`intervaltypmodout`), with a leading
/// blank, or `None` for a mask that is no valid range.
pub fn range_words(range: i32) -> Option<&'static str> {
    const DAY_TO_MINUTE: i32 = MASK_DAY | MASK_HOUR | MASK_MINUTE;
    Some(match range {
        MASK_YEAR => " year",
        MASK_MONTH => " month",
        MASK_DAY => " day",
        MASK_HOUR => " hour",
        MASK_MINUTE => " minute",
        MASK_SECOND => " second",
        r if r == MASK_YEAR | MASK_MONTH => " year to month",
        r if r == MASK_DAY | MASK_HOUR => " day to hour",
        DAY_TO_MINUTE => " day to minute",
        r if r == DAY_TO_MINUTE | MASK_SECOND => " day to second",
        r if r == MASK_HOUR | MASK_MINUTE => " hour to minute",
        r if r == MASK_HOUR | MASK_MINUTE | MASK_SECOND => " hour to second",
        r if r == MASK_MINUTE | MASK_SECOND => " minute to second",
        INTERVAL_FULL_RANGE => "",
        _ => return None,
    })
}

/// `intervaltypmodout`: ` day to second(3)`, `(2)`, or nothing.
pub fn typmod_out(typmod: i32) -> String {
    if typmod < 0 {
        return String::new();
    }
    let fields = range_words(typmod_range(typmod)).unwrap_or("");
    match typmod_precision(typmod) {
        INTERVAL_FULL_PRECISION => fields.to_string(),
        p => format!("{fields}({p})"),
    }
}

/// The unit a number without one takes under a field range: the range's
/// last field (`interval '2' hour` is two hours), seconds by default.
fn default_unit(range: i32) -> Unit {
    let (y, mo, d, h, mi) = (MASK_YEAR, MASK_MONTH, MASK_DAY, MASK_HOUR, MASK_MINUTE);
    match range {
        r if r == y => Unit::Year,
        r if r == mo || r == y | mo => Unit::Month,
        r if r == d => Unit::Day,
        r if r == h || r == d | h => Unit::Hour,
        r if r == mi || r == h | mi || r == d | h | mi => Unit::Minute,
        _ => Unit::Second,
    }
}

/// `AdjustIntervalForTypmod` (`interval_scale`): drops the fields below the
/// typmod's range and rounds the seconds to its precision.
pub fn adjust_for_typmod(iv: Interval, typmod: i32) -> PgResult<Interval> {
    if typmod < 0 {
        return Ok(iv);
    }
    let range = typmod_range(typmod);
    let precision = typmod_precision(typmod);
    let mut r = iv;
    let keep = |time: i64, unit: i64| (time / unit) * unit;
    let (y, mo, d, h, mi, s) = (MASK_YEAR, MASK_MONTH, MASK_DAY, MASK_HOUR, MASK_MINUTE, MASK_SECOND);
    match range {
        INTERVAL_FULL_RANGE => {}
        _ if range == y => {
            r.months = (r.months / 12) * 12;
            r.days = 0;
            r.micros = 0;
        }
        _ if range == mo || range == y | mo => {
            r.days = 0;
            r.micros = 0;
        }
        _ if range == d => r.micros = 0,
        _ if range == h || range == d | h => r.micros = keep(r.micros, USECS_PER_HOUR),
        _ if range == mi || range == d | h | mi || range == h | mi => r.micros = keep(r.micros, USECS_PER_MINUTE),
        _ if range == s || range == d | h | mi | s || range == h | mi | s || range == mi | s => {}
        _ => return Err(PgError::internal(format!("unrecognized interval typmod: {typmod}"))),
    }
    if precision != INTERVAL_FULL_PRECISION {
        if !(0..=6).contains(&precision) {
            return Err(PgError::new(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("interval({precision}) precision must be between 0 and 6"),
            ));
        }
        // Half away from zero, on the magnitude (`IntervalScales`/`IntervalOffsets`).
        let scale = 10i128.pow(6 - precision as u32);
        let t = r.micros as i128;
        let rounded = (t.abs() + scale / 2) / scale * scale;
        let rounded = if t < 0 { -rounded } else { rounded };
        r.micros = i64::try_from(rounded).map_err(|_| errors::interval_out_of_range())?;
    }
    Ok(r)
}

/// `interval_in` with a type modifier: a number without a unit takes the
/// last field of the typmod's range, and the result is cut to the range and
/// rounded to the precision (`DecodeInterval` with a range, then
/// `AdjustIntervalForTypmod`).
pub fn parse_interval_typmod(input: &str, typmod: i32) -> PgResult<Interval> {
    let r = parse_interval_range(input, typmod_range(typmod))?;
    adjust_for_typmod(r, typmod)
}

fn parse_interval_range(input: &str, range: i32) -> PgResult<Interval> {
    let bad = || {
        PgError::new(SqlState::INVALID_DATETIME_FORMAT, format!("invalid input syntax for type interval: \"{input}\""))
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(bad());
    }
    let acc = if s.starts_with(['P', 'p']) && s.len() > 1 {
        parse_iso8601(s).ok_or_else(bad)?
    } else {
        let lower = s.to_ascii_lowercase();
        let mut toks: Vec<&str> = lower.split_ascii_whitespace().collect();
        if toks.first() == Some(&"@") {
            toks.remove(0);
        }
        let mut ago = false;
        if toks.last() == Some(&"ago") {
            ago = true;
            toks.pop();
        }
        let mut acc = Acc::default();
        let mut i = 0;
        let mut any = false;
        // The fields given so far: each may be given once (`DecodeInterval`'s
        // fmask), so `1 day 2 days` and `1 hour 01:00:00` are refused.
        let mut seen = 0u32;
        let mut claim = |bits: u32| {
            if seen & bits != 0 {
                return Err(bad());
            }
            seen |= bits;
            Ok(())
        };
        let unit_bit = |u: Unit| 1u32 << (u as u32);
        let time_bits = unit_bit(Unit::Hour) | unit_bit(Unit::Minute) | unit_bit(Unit::Second);
        while i < toks.len() {
            let t = toks[i];
            i += 1;
            any = true;
            if t.contains(':') {
                claim(time_bits)?;
                acc.micros += parse_hms(t, range).ok_or_else(bad)?;
                continue;
            }
            // Year-month "1-2" (SQL standard).
            if let Some((y, m)) = t.trim_start_matches(['+', '-']).split_once('-') {
                let neg = t.starts_with('-');
                let (y, m): (i128, i128) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
                let v = y * 12 + m;
                acc.months += if neg { -v } else { v };
                continue;
            }
            // A number, then maybe a unit (possibly glued on: "5min").
            let split = t
                .char_indices()
                .find(|&(k, c)| {
                    c.is_ascii_alphabetic()
                        && !(c == 'e' && k > 0 && t[k + 1..].starts_with(|d: char| d.is_ascii_digit() || d == '-'))
                })
                .map(|(k, _)| k)
                .unwrap_or(t.len());
            let (num, glued) = t.split_at(split);
            let (whole, frac) = split_number(num).ok_or_else(bad)?;
            let unit_word = if !glued.is_empty() {
                glued.to_string()
            } else if i < toks.len() && toks[i].chars().all(|c| c.is_ascii_alphabetic()) {
                i += 1;
                toks[i - 1].to_string()
            } else if i < toks.len() && toks[i].contains(':') {
                // "1 02:03" → days then time.
                "day".to_string()
            } else {
                String::new()
            };
            let unit =
                if unit_word.is_empty() { default_unit(range) } else { unit_from_word(&unit_word).ok_or_else(bad)? };
            claim(unit_bit(unit))?;
            acc.add(whole, frac, unit);
        }
        if !any {
            return Err(bad());
        }
        if ago {
            acc.months = -acc.months;
            acc.days = -acc.days;
            acc.micros = -acc.micros;
        }
        acc
    };
    let range =
        || PgError::new(SqlState::INTERVAL_FIELD_OVERFLOW, format!("interval field value out of range: \"{input}\""));
    let fits_i32 = |v: i128| (i32::MIN as i128..=i32::MAX as i128).contains(&v);
    if !fits_i32(acc.months) || !fits_i32(acc.days) || !(i64::MIN as i128..=i64::MAX as i128).contains(&acc.micros) {
        return Err(range());
    }
    let r = Interval { months: acc.months as i32, days: acc.days as i32, micros: acc.micros as i64 };
    Ok(r)
}

fn fmt_secs(micros_abs: u64) -> String {
    let s = micros_abs / 1_000_000;
    let f = micros_abs % 1_000_000;
    if f == 0 {
        format!("{s:02}")
    } else {
        let frac = format!("{f:06}");
        format!("{s:02}.{}", frac.trim_end_matches('0'))
    }
}

/// `interval_out` in each IntervalStyle.
pub fn format_interval(iv: &Interval, style: IntervalStyle) -> String {
    match style {
        IntervalStyle::Iso8601 => format_iso8601(iv),
        IntervalStyle::SqlStandard => format_sql_standard(iv),
        IntervalStyle::PostgresVerbose => format_postgres_verbose(iv),
        IntervalStyle::Postgres => format_postgres(iv),
    }
}

/// An interval split into the signed fields PostgreSQL's `interval2itm` gives:
/// years and months from the month count, the day count, and hours, minutes,
/// seconds and microseconds from the time part, each truncated toward zero so
/// that every field carries the sign of the part it comes from.
struct IntervalFields {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    usec: i64,
}

impl IntervalFields {
    fn of(iv: &Interval) -> IntervalFields {
        let t = iv.micros;
        let hour = t / USECS_PER_HOUR;
        let rest = t - hour * USECS_PER_HOUR;
        let min = rest / USECS_PER_MINUTE;
        let rest = rest - min * USECS_PER_MINUTE;
        let sec = rest / 1_000_000;
        IntervalFields {
            year: (iv.months / 12) as i64,
            mon: (iv.months % 12) as i64,
            mday: iv.days as i64,
            hour,
            min,
            sec,
            usec: rest - sec * 1_000_000,
        }
    }
}

/// Seconds as the SQL-standard and verbose styles print them: the absolute
/// value, two digits when `pad`, and the fraction without trailing zeros.
fn abs_seconds(sec: i64, usec: i64, pad: bool) -> String {
    let whole = if pad { format!("{:02}", sec.unsigned_abs()) } else { sec.unsigned_abs().to_string() };
    if usec == 0 {
        return whole;
    }
    let frac = format!("{:06}", usec.unsigned_abs());
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// `sql_standard`: `1-2` for year-month values, `3 4:05:06` for day-time
/// values, a leading `-` when every field is negative; a value that mixes
/// signs or both kinds of field prints all fields with explicit signs
/// (`+1-2 -3 +4:05:06`) so that it reads back the same.
fn format_sql_standard(iv: &Interval) -> String {
    let f = IntervalFields::of(iv);
    let all = [f.year, f.mon, f.mday, f.hour, f.min, f.sec, f.usec];
    let has_negative = all.iter().any(|&v| v < 0);
    let has_positive = all.iter().any(|&v| v > 0);
    let has_year_month = f.year != 0 || f.mon != 0;
    let has_day_time = f.mday != 0 || f.hour != 0 || f.min != 0 || f.sec != 0 || f.usec != 0;
    let mixed = (has_negative && has_positive) || (has_year_month && has_day_time);
    if !has_negative && !has_positive {
        return "0".into();
    }
    if mixed {
        let year_sign = if f.year < 0 || f.mon < 0 { '-' } else { '+' };
        let day_sign = if f.mday < 0 { '-' } else { '+' };
        let sec_sign = if f.hour < 0 || f.min < 0 || f.sec < 0 || f.usec < 0 { '-' } else { '+' };
        return format!(
            "{year_sign}{}-{} {day_sign}{} {sec_sign}{}:{:02}:{}",
            f.year.unsigned_abs(),
            f.mon.unsigned_abs(),
            f.mday.unsigned_abs(),
            f.hour.unsigned_abs(),
            f.min.unsigned_abs(),
            abs_seconds(f.sec, f.usec, true)
        );
    }
    // All fields share one sign here: print the magnitudes after it.
    let sign = if has_negative { "-" } else { "" };
    let (year, mon, mday, hour, min) = (
        f.year.unsigned_abs(),
        f.mon.unsigned_abs(),
        f.mday.unsigned_abs(),
        f.hour.unsigned_abs(),
        f.min.unsigned_abs(),
    );
    let secs = abs_seconds(f.sec, f.usec, true);
    if has_year_month {
        format!("{sign}{year}-{mon}")
    } else if mday != 0 {
        format!("{sign}{mday} {hour}:{min:02}:{secs}")
    } else {
        format!("{sign}{hour}:{min:02}:{secs}")
    }
}

/// `postgres_verbose`: `@ 1 year 2 mons 3 days 4 hours 5 mins 6.5 secs`.
/// The first nonzero field decides the direction: when it is negative the
/// value prints with its signs flipped and ` ago` at the end.
fn format_postgres_verbose(iv: &Interval) -> String {
    let f = IntervalFields::of(iv);
    let mut out = String::from("@");
    let mut is_zero = true;
    let mut is_before = false;
    for (v, unit) in [(f.year, "year"), (f.mon, "mon"), (f.mday, "day"), (f.hour, "hour"), (f.min, "min")] {
        if v == 0 {
            continue;
        }
        let shown = if is_zero {
            is_before = v < 0;
            v.abs()
        } else if is_before {
            -v
        } else {
            v
        };
        out.push_str(&format!(" {shown} {unit}{}", if shown == 1 { "" } else { "s" }));
        is_zero = false;
    }
    if f.sec != 0 || f.usec != 0 {
        out.push(' ');
        let negative = f.sec < 0 || (f.sec == 0 && f.usec < 0);
        if negative {
            if is_zero {
                is_before = true;
            } else if !is_before {
                out.push('-');
            }
        } else if is_before {
            out.push('-');
        }
        out.push_str(&abs_seconds(f.sec, f.usec, false));
        let plural = f.sec.abs() != 1 || f.usec != 0;
        out.push_str(if plural { " secs" } else { " sec" });
        is_zero = false;
    }
    if is_zero {
        out.push_str(" 0");
    }
    if is_before {
        out.push_str(" ago");
    }
    out
}

/// `postgres`: `1 year 2 mons 3 days 04:05:06.5`.
fn format_postgres(iv: &Interval) -> String {
    let years = iv.months / 12;
    let mons = iv.months % 12;
    let mut out = String::new();
    let mut is_zero = true;
    let mut is_before = false;
    for (v, unit) in [(years, "year"), (mons, "mon"), (iv.days, "day")] {
        if v == 0 {
            continue;
        }
        if !is_zero {
            out.push(' ');
        }
        if is_before && v > 0 {
            out.push('+');
        }
        out.push_str(&format!("{v} {unit}{}", if v != 1 { "s" } else { "" }));
        is_before = v < 0;
        is_zero = false;
    }
    if iv.micros != 0 || is_zero {
        let minus = iv.micros < 0;
        let a = iv.micros.unsigned_abs();
        let h = a / USECS_PER_HOUR as u64;
        let m = a / USECS_PER_MINUTE as u64 % 60;
        let sec = a % USECS_PER_MINUTE as u64;
        if !is_zero {
            out.push(' ');
        }
        out.push_str(if minus {
            "-"
        } else if is_before {
            "+"
        } else {
            ""
        });
        out.push_str(&format!("{h:02}:{m:02}:{}", fmt_secs(sec)));
    }
    out
}

fn format_iso8601(iv: &Interval) -> String {
    if iv.months == 0 && iv.days == 0 && iv.micros == 0 {
        return "PT0S".into();
    }
    let mut s = String::from("P");
    let (y, m) = (iv.months / 12, iv.months % 12);
    if y != 0 {
        s.push_str(&format!("{y}Y"));
    }
    if m != 0 {
        s.push_str(&format!("{m}M"));
    }
    if iv.days != 0 {
        s.push_str(&format!("{}D", iv.days));
    }
    if iv.micros != 0 {
        s.push('T');
        let neg = iv.micros < 0;
        let a = iv.micros.unsigned_abs();
        let sign = if neg { "-" } else { "" };
        let (h, mi, sec) = (a / USECS_PER_HOUR as u64, a / USECS_PER_MINUTE as u64 % 60, a % USECS_PER_MINUTE as u64);
        if h != 0 {
            s.push_str(&format!("{sign}{h}H"));
        }
        if mi != 0 {
            s.push_str(&format!("{sign}{mi}M"));
        }
        if sec != 0 {
            let secs = fmt_secs(sec);
            let secs = secs.trim_start_matches('0');
            let secs = if secs.starts_with('.') { format!("0{secs}") } else { secs.to_string() };
            s.push_str(&format!("{sign}{secs}S"));
        }
    }
    s
}

/// `interval_um`: negation with overflow check.
pub fn interval_neg(iv: &Interval) -> PgResult<Interval> {
    Ok(Interval {
        months: iv.months.checked_neg().ok_or_else(errors::interval_out_of_range)?,
        days: iv.days.checked_neg().ok_or_else(errors::interval_out_of_range)?,
        micros: iv.micros.checked_neg().ok_or_else(errors::interval_out_of_range)?,
    })
}

/// Interval ± interval, fieldwise.
pub fn interval_add(a: &Interval, b: &Interval) -> PgResult<Interval> {
    Ok(Interval {
        months: a.months.checked_add(b.months).ok_or_else(errors::interval_out_of_range)?,
        days: a.days.checked_add(b.days).ok_or_else(errors::interval_out_of_range)?,
        micros: a.micros.checked_add(b.micros).ok_or_else(errors::interval_out_of_range)?,
    })
}

/// `interval_mul` by a float, spilling fractional months to days and days to time with
/// PostgreSQL's 30-day month and 24-hour day.
pub fn interval_mul(a: &Interval, f: f64) -> PgResult<Interval> {
    interval_scale(a, |x| x * f)
}

/// `interval_div` by a float: as [`interval_mul`], but each field is divided (not
/// multiplied by the reciprocal, which rounds differently).
pub fn interval_div(a: &Interval, f: f64) -> PgResult<Interval> {
    if f == 0.0 {
        return Err(errors::division_by_zero());
    }
    interval_scale(a, |x| x / f)
}

/// Rounds to whole microseconds of a second-valued float (`TSROUND`), so that products
/// meant to be whole numbers come out whole.
fn ts_round(v: f64) -> f64 {
    (v * 1e6).round_ties_even() / 1e6
}

/// Scales each field of an interval by `scale` the way PostgreSQL's `interval_mul` and
/// `interval_div` do: months and days are truncated to whole numbers; the fraction of
/// the months becomes days (30 to a month, rounded to a microsecond), the fractions of
/// the days become seconds (rounded to a microsecond), whole days from those seconds
/// carry into the days, and the rest joins the scaled time.
fn interval_scale(a: &Interval, scale: impl Fn(f64) -> f64) -> PgResult<Interval> {
    let fits_i32 = |v: f64| !v.is_nan() && v >= i32::MIN as f64 && v < -(i32::MIN as f64);
    let months_f = scale(a.months as f64);
    let days_f = scale(a.days as f64);
    if !fits_i32(months_f) || !fits_i32(days_f) {
        return Err(errors::interval_out_of_range());
    }
    let months = months_f.trunc();
    let mut days = days_f.trunc() as i64;
    let month_remainder_days = ts_round((months_f - months) * 30.0);
    let mut sec_remainder =
        ts_round((days_f - days as f64 + month_remainder_days - month_remainder_days.trunc()) * 86400.0);
    if sec_remainder.abs() >= 86400.0 {
        let whole = (sec_remainder / 86400.0).trunc();
        days += whole as i64;
        sec_remainder -= whole * 86400.0;
    }
    days += month_remainder_days.trunc() as i64;
    let micros = (scale(a.micros as f64) + sec_remainder * USECS_PER_SEC as f64).round_ties_even();
    if days < i32::MIN as i64 || days > i32::MAX as i64 || micros.is_nan() || micros.abs() >= i64::MAX as f64 {
        return Err(errors::interval_out_of_range());
    }
    Ok(Interval { months: months as i32, days: days as i32, micros: micros as i64 })
}

/// Used by `justify_hours` and extract: seconds in an interval's time part.
pub fn interval_seconds(a: &Interval) -> f64 {
    a.micros as f64 / USECS_PER_SEC as f64
}
