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
    /// Adds `val` of a unit, spilling fractions to smaller units as PostgreSQL does.
    fn add(&mut self, val: f64, unit: Unit) {
        let whole = val.trunc();
        let frac = val - whole;
        let w = whole as i128;
        match unit {
            Unit::Micro => self.micros += val.round() as i128,
            Unit::Milli => self.micros += (val * 1000.0).round() as i128,
            Unit::Second => self.micros += (val * 1e6).round() as i128,
            Unit::Minute => self.add_secs(w * 60, frac * 60.0),
            Unit::Hour => self.add_secs(w * 3600, frac * 3600.0),
            Unit::Day => {
                self.days += w;
                self.add_secs(0, frac * 86400.0);
            }
            Unit::Week => self.add_days(w * 7, frac * 7.0),
            Unit::Month => self.add_days_from_months(w, frac),
            Unit::Year => self.add_years(w, frac, 12.0),
            Unit::Decade => self.add_years(w * 10, frac, 120.0),
            Unit::Century => self.add_years(w * 100, frac, 1200.0),
            Unit::Millennium => self.add_years(w * 1000, frac, 12000.0),
        }
    }
    fn add_years(&mut self, years: i128, frac: f64, months_per: f64) {
        self.months += years * 12 + (frac * months_per).round_ties_even() as i128;
    }
    fn add_days_from_months(&mut self, m: i128, frac: f64) {
        self.months += m;
        self.add_days(0, frac * 30.0);
    }
    fn add_days(&mut self, d: i128, fdays: f64) {
        self.days += d + fdays.trunc() as i128;
        self.add_secs(0, fdays.fract() * 86400.0);
    }
    fn add_secs(&mut self, s: i128, fsecs: f64) {
        self.micros += s * 1_000_000 + fsecs.trunc() as i128 * 1_000_000 + (fsecs.fract() * 1e6).round() as i128;
    }
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

/// Parses `[-+]h:m[:s[.f]]` into signed µs.
fn parse_hms(tok: &str) -> Option<i128> {
    let (neg, body) = match tok.as_bytes().first()? {
        b'-' => (true, &tok[1..]),
        b'+' => (false, &tok[1..]),
        _ => (false, tok),
    };
    let parts: Vec<&str> = body.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let h: i128 = parts[0].parse().ok()?;
    let m: i128 = parts[1].parse().ok()?;
    let s: f64 = if parts.len() == 3 { parts[2].parse().ok()? } else { 0.0 };
    if !(0..60).contains(&m) || !(0.0..61.0).contains(&s) || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let us = h * USECS_PER_HOUR as i128 + m * USECS_PER_MINUTE as i128 + (s * 1e6).round() as i128;
    Some(if neg { -us } else { us })
}

fn parse_iso8601(s: &str) -> Option<Acc> {
    let mut acc = Acc::default();
    let mut in_time = false;
    let mut num = String::new();
    for c in s[1..].chars() {
        match c {
            'T' | 't' => in_time = true,
            '0'..='9' | '.' | '-' | '+' => num.push(c),
            _ => {
                let v: f64 = num.parse().ok()?;
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
                acc.add(v, unit);
            }
        }
    }
    if !num.is_empty() {
        return None;
    }
    Some(acc)
}

/// `interval_in`.
pub fn parse_interval(input: &str) -> PgResult<Interval> {
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
        while i < toks.len() {
            let t = toks[i];
            i += 1;
            any = true;
            if t.contains(':') {
                acc.micros += parse_hms(t).ok_or_else(bad)?;
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
            let val: f64 = num.parse().map_err(|_| bad())?;
            let unit_word = if !glued.is_empty() {
                glued.to_string()
            } else if i < toks.len() && toks[i].chars().all(|c| c.is_ascii_alphabetic()) {
                i += 1;
                toks[i - 1].to_string()
            } else if i < toks.len() && toks[i].contains(':') {
                // "1 02:03" → days then time.
                "day".to_string()
            } else {
                "second".to_string()
            };
            let unit = unit_from_word(&unit_word).ok_or_else(bad)?;
            acc.add(val, unit);
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
    if acc.months.abs() > i32::MAX as i128 || acc.days.abs() > i32::MAX as i128 || acc.micros.abs() > i64::MAX as i128 {
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

/// `interval_out` (`postgres` IntervalStyle; other styles print the same way for now except
/// `iso_8601`).
pub fn format_interval(iv: &Interval, style: IntervalStyle) -> String {
    if style == IntervalStyle::Iso8601 {
        return format_iso8601(iv);
    }
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
    let months = a.months as f64 * f;
    let days = a.days as f64 * f;
    if !months.is_finite() || months.abs() > i32::MAX as f64 || days.abs() > i32::MAX as f64 {
        return Err(errors::interval_out_of_range());
    }
    let m = months.trunc();
    let mdays = (months - m) * 30.0;
    let total_days = days + mdays;
    let d = total_days.trunc();
    let micros = a.micros as f64 * f + (total_days - d) * USECS_PER_DAY as f64;
    if !micros.is_finite() || micros.abs() >= i64::MAX as f64 {
        return Err(errors::interval_out_of_range());
    }
    Ok(Interval { months: m as i32, days: d as i32, micros: micros.round_ties_even() as i64 })
}

/// Used by `justify_hours` and extract: seconds in an interval's time part.
pub fn interval_seconds(a: &Interval) -> f64 {
    a.micros as f64 / USECS_PER_SEC as f64
}
