//! date, time, timestamp and timestamptz: calendar arithmetic, time zones, text I/O
//! (PostgreSQL's `utils/adt/datetime.c`, `date.c`, `timestamp.c`).
//!
//! Timestamps are µs since 2000-01-01 00:00 (UTC for timestamptz, local for timestamp);
//! dates are days since 2000-01-01; the proleptic Gregorian calendar with astronomical years
//! (year 0 = 1 BC) is used internally, `BC` only in text. Time zones come from the system
//! tz database through `jiff` (which reads `/usr/share/zoneinfo`, including the POSIX
//! footer rules for dates past the last transition); fixed offsets are handled here.
//! jiff is kept rather than a TZif reader of our own because it reads the same system
//! files PostgreSQL's Debian build reads, is maintained, and already gives transitions
//! and abbreviations; what PostgreSQL decides differently is decided here: the offset
//! chosen in a DST gap or overlap ([`TimeZone::offset_for_local`]), instants past
//! jiff's year-9999 range (the rule repeats every 400 years), POSIX strings with an
//! empty abbreviation (`+05`), and the abbreviations of `timezone_abbreviations`
//! ([`crate::timezone_abbrevs`]). The session zone is set by the backend's TimeZone
//! assign hook ([`set_session_timezone`]) and read by every conversion and calendar step.

use crate::datum::{DATE_NEG_INFINITY, DATE_POS_INFINITY, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::io::{DateOrder, DateStyle, OutputSettings};
use pg_error::{PgError, PgResult, SqlState};
use std::cell::RefCell;

/// µs per second / minute / hour / day.
pub const USECS_PER_SEC: i64 = 1_000_000;
pub const USECS_PER_MINUTE: i64 = 60 * USECS_PER_SEC;
pub const USECS_PER_HOUR: i64 = 60 * USECS_PER_MINUTE;
pub const USECS_PER_DAY: i64 = 24 * USECS_PER_HOUR;
/// Days from 1970-01-01 to 2000-01-01.
pub const UNIX_EPOCH_DAYS: i64 = 10957;
/// Lowest valid timestamp: 4714-11-24 00:00:00 BC (`MIN_TIMESTAMP`).
pub const MIN_TIMESTAMP: i64 = -211_813_488_000_000_000;
/// One past the highest valid timestamp: 294277-01-01 00:00:00 (`END_TIMESTAMP`).
pub const END_TIMESTAMP: i64 = 9_223_371_331_200_000_000;
/// Highest valid date (5874897-12-31) in days since 2000-01-01.
pub const DATE_END: i32 = 2_145_031_948;
/// Lowest valid date (4714-11-24 BC).
pub const DATE_MIN: i32 = -2_451_545;

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Is `y` (astronomical) a leap year?
pub fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if is_leap(y) {
                29
            } else {
                28
            }
        }
    }
}

/// A date (days since 2000-01-01) from y/m/d.
pub fn date_from_ymd(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) - UNIX_EPOCH_DAYS
}

/// y/m/d of a date.
pub fn ymd_from_date(date: i64) -> (i64, u32, u32) {
    civil_from_days(date + UNIX_EPOCH_DAYS)
}

/// A date as the timestamp of its midnight, saturating to ±infinity.
pub fn date_to_timestamp_sat(d: i32) -> i64 {
    match d {
        DATE_NEG_INFINITY => TS_NEG_INFINITY,
        DATE_POS_INFINITY => TS_POS_INFINITY,
        // Past the timestamp range the product would overflow: such a date is later than
        // every finite timestamp and earlier than infinity (as PG's date_cmp_timestamp).
        _ => (d as i64).saturating_mul(USECS_PER_DAY).clamp(TS_NEG_INFINITY + 1, TS_POS_INFINITY - 1),
    }
}

/// Broken-down local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub micros: u32,
}

/// Splits local µs-since-2000 into fields.
pub fn tm_from_local(ts: i64) -> Tm {
    let days = ts.div_euclid(USECS_PER_DAY);
    let rem = ts.rem_euclid(USECS_PER_DAY);
    let (year, month, day) = ymd_from_date(days);
    Tm {
        year,
        month,
        day,
        hour: (rem / USECS_PER_HOUR) as u32,
        minute: (rem / USECS_PER_MINUTE % 60) as u32,
        second: (rem / USECS_PER_SEC % 60) as u32,
        micros: (rem % USECS_PER_SEC) as u32,
    }
}

/// Joins fields into local µs-since-2000 (i128 so callers can range-check).
pub fn local_from_tm(tm: &Tm) -> i128 {
    let days = date_from_ymd(tm.year, tm.month, tm.day) as i128;
    days * USECS_PER_DAY as i128
        + tm.hour as i128 * USECS_PER_HOUR as i128
        + tm.minute as i128 * USECS_PER_MINUTE as i128
        + tm.second as i128 * USECS_PER_SEC as i128
        + tm.micros as i128
}

// ---------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum TzKind {
    /// Seconds east of UTC.
    Fixed(i32),
    Db(jiff::tz::TimeZone),
    /// A dynamic abbreviation of `timezone_abbreviations` (`MSK`): it means what the
    /// abbreviation meant in its zone nearest the time in question, or the zone's own
    /// offset when the zone never used it (PostgreSQL's `DYNTZ`).
    DynAbbrev(&'static str, jiff::tz::TimeZone),
}

/// A session time zone (the `TimeZone` GUC's value).
#[derive(Debug, Clone)]
pub struct TimeZone {
    name: String,
    kind: TzKind,
}

impl PartialEq for TimeZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// jiff's supported instant range, in µs since 2000 (a little inside ±9999 years).
const JIFF_MIN_US: i64 = -(UNIX_EPOCH_DAYS + 365 * 11_900) * USECS_PER_DAY;
const JIFF_MAX_US: i64 = (365 * 7_900 - UNIX_EPOCH_DAYS) * USECS_PER_DAY;

impl TimeZone {
    /// UTC.
    pub fn utc() -> TimeZone {
        TimeZone { name: "UTC".into(), kind: TzKind::Fixed(0) }
    }

    /// A fixed offset, seconds east of UTC.
    pub fn fixed(name: &str, secs_east: i32) -> TimeZone {
        TimeZone { name: name.into(), kind: TzKind::Fixed(secs_east) }
    }

    /// The zone's name as set.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Parses a `TimeZone` GUC value: a bare number is hours east (ISO sign, as `SET TIME
    /// ZONE 5`); `+05:30`-style strings are POSIX (west-positive, so UTC-05:30); otherwise a
    /// tz database name (`Europe/Paris`, `UTC`, `PST8PDT`) or a POSIX TZ string.
    pub fn parse(value: &str) -> PgResult<TimeZone> {
        let v = value.trim();
        let bad = || {
            PgError::new(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("invalid value for parameter \"TimeZone\": \"{value}\""),
            )
        };
        if let Ok(hours) = v.parse::<f64>() {
            // A number of hours east, named as PostgreSQL's pg_tzset_offset names it.
            if hours.is_finite() && hours.abs() < 168.0 {
                let secs = (hours * 3600.0).round() as i32;
                return Ok(TimeZone::fixed(&offset_zone_name(secs), secs));
            }
            return Err(bad().with_detail("UTC timezone offset is out of range."));
        }
        TimeZone::tzset(v).ok_or_else(bad)
    }

    /// A zone by name as PostgreSQL's `pg_tzset` finds one: a tz database name
    /// (case-insensitive), `UTC`/`GMT`, or a POSIX TZ string, whose offsets are
    /// west-positive and whose standard abbreviation may be empty (`+05` is UTC-5,
    /// `UTC+2` is UTC-2). A bare number is a POSIX offset too, unlike in `SET TIME ZONE`.
    pub fn tzset(value: &str) -> Option<TimeZone> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        if v.bytes().all(|c| c.is_ascii_digit()) {
            let hours: i32 = v.parse().ok().filter(|h| *h <= 167)?;
            return Some(TimeZone::fixed(v, -hours * 3600));
        }
        if let Some(secs) = parse_offset_hms(v) {
            return Some(TimeZone::fixed(v, -secs));
        }
        // The name a number of hours was given (`<+01:30>-01:30`): POSIX, the
        // offset after the bracketed abbreviation is west-positive.
        if let Some(secs) = v.strip_prefix('<').and_then(|r| r.split_once('>')).and_then(|(_, o)| parse_offset_hms(o)) {
            if offset_zone_name(-secs) == v {
                return Some(TimeZone::fixed(v, -secs));
            }
        }
        if v.eq_ignore_ascii_case("utc") || v.eq_ignore_ascii_case("gmt") || v.eq_ignore_ascii_case("z") {
            return Some(TimeZone { name: v.to_ascii_uppercase(), kind: TzKind::Fixed(0) });
        }
        if let Ok(tz) = jiff::tz::TimeZone::get(v) {
            // The database's own spelling (`Europe/Paris` for `europe/paris`), as SHOW prints it.
            let name = tz.iana_name().unwrap_or(v).to_string();
            return Some(TimeZone { name, kind: TzKind::Db(tz) });
        }
        if let Ok(tz) = jiff::tz::TimeZone::posix(v) {
            return Some(TimeZone { name: v.to_string(), kind: TzKind::Db(tz) });
        }
        None
    }

    /// A zone named in a function argument (`AT TIME ZONE`, `timezone()`,
    /// `date_trunc(..., zone)`): first an abbreviation of `timezone_abbreviations`
    /// (`EST`, `msk`), then a zone as [`TimeZone::tzset`] finds it; otherwise 22023
    /// `time zone "..." not recognized`, as PostgreSQL's `timestamptz_zone` reports.
    pub fn lookup(name: &str) -> PgResult<TimeZone> {
        let not_recognized =
            || PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("time zone \"{name}\" not recognized"));
        match crate::timezone_abbrevs::lookup(&name.to_ascii_lowercase()) {
            Some(a) => TimeZone::from_abbrev(a).ok_or_else(not_recognized),
            None => TimeZone::tzset(name).ok_or_else(not_recognized),
        }
    }

    /// The zone an abbreviation of `timezone_abbreviations` stands for: a fixed
    /// offset, or for a dynamic one the zone it refers to, read with the
    /// abbreviation's meaning. `None` when that zone is missing from the system.
    pub fn from_abbrev(a: &crate::timezone_abbrevs::ZoneAbbrev) -> Option<TimeZone> {
        match a.zone {
            None => Some(TimeZone::fixed(a.name, a.offset)),
            Some(zone) => {
                let tz = jiff::tz::TimeZone::get(zone).ok()?;
                Some(TimeZone { name: a.name.to_string(), kind: TzKind::DynAbbrev(a.name, tz) })
            }
        }
    }

    /// The zone itself behind a dynamic abbreviation (`Europe/Moscow` for `MSK`), as
    /// `date_trunc(..., zone)` uses it; other zones are returned unchanged.
    pub fn without_abbrev_rule(self) -> TimeZone {
        match self.kind {
            TzKind::DynAbbrev(_, tz) => {
                let name = tz.iana_name().unwrap_or(&self.name).to_string();
                TimeZone { name, kind: TzKind::Db(tz) }
            }
            _ => self,
        }
    }

    /// A zone read from a TZif file (`pg_timezone_names` walks the database itself).
    pub fn from_tzif(name: &str, tz: jiff::tz::TimeZone) -> TimeZone {
        TimeZone { name: name.to_string(), kind: TzKind::Db(tz) }
    }

    /// The zone's offset (seconds east) when it has only one, as
    /// `pg_get_timezone_offset` finds it: a time with time zone may name
    /// such a zone without a date.
    pub fn fixed_offset(&self) -> Option<i32> {
        match &self.kind {
            TzKind::Fixed(o) => Some(*o),
            TzKind::Db(tz) => tz.to_fixed_offset().ok().map(|o| o.seconds()),
            TzKind::DynAbbrev(..) => None,
        }
    }

    /// Is daylight-saving time in effect at the UTC instant `ts`?
    pub fn is_dst_at_utc(&self, ts: i64) -> bool {
        match &self.kind {
            TzKind::Fixed(_) => false,
            TzKind::Db(tz) => tz.to_offset_info(jiff_ts(ts)).dst().is_dst(),
            TzKind::DynAbbrev(abbrev, tz) => {
                abbrev_meaning(tz, abbrev, ts).map_or_else(|| tz.to_offset_info(jiff_ts(ts)).dst().is_dst(), |m| m.1)
            }
        }
    }

    /// Offset (seconds east of UTC) in effect at the UTC instant `ts` (µs since 2000).
    pub fn offset_at_utc(&self, ts: i64) -> i32 {
        match &self.kind {
            TzKind::Fixed(s) => *s,
            TzKind::Db(tz) => tz.to_offset(jiff_ts(ts)).seconds(),
            TzKind::DynAbbrev(abbrev, tz) => {
                abbrev_meaning(tz, abbrev, ts).map_or_else(|| tz.to_offset(jiff_ts(ts)).seconds(), |m| m.0)
            }
        }
    }

    /// The abbreviation in effect at `ts` (`EST`, `CEST`; fixed offsets print as PostgreSQL
    /// prints them, e.g. `UTC` or `+05`).
    pub fn abbrev_at_utc(&self, ts: i64) -> String {
        match &self.kind {
            TzKind::Fixed(0) if self.name.eq_ignore_ascii_case("utc") || self.name.eq_ignore_ascii_case("gmt") => {
                self.name.to_ascii_uppercase()
            }
            TzKind::Fixed(s) => format_offset(*s),
            TzKind::Db(tz) => tz.to_offset_info(jiff_ts(ts)).abbreviation().to_string(),
            TzKind::DynAbbrev(abbrev, _) => abbrev.to_string(),
        }
    }

    /// The offset for a local time, with PostgreSQL's rule for transitions: in a fall-back
    /// overlap the later (after-transition) offset, in a spring-forward gap the earlier one.
    pub fn offset_for_local(&self, local: i64) -> i32 {
        match &self.kind {
            TzKind::Fixed(s) => *s,
            TzKind::Db(tz) => zone_offset_for_local(tz, local),
            // PostgreSQL's DetermineTimeZoneAbbrevOffset: find the instant with the
            // zone's own rule, then read the abbreviation's meaning at that instant.
            TzKind::DynAbbrev(abbrev, tz) => {
                let zone_offset = zone_offset_for_local(tz, local);
                let at = local.saturating_sub(zone_offset as i64 * USECS_PER_SEC);
                abbrev_meaning(tz, abbrev, at).map_or(zone_offset, |m| m.0)
            }
        }
    }

    /// UTC instant of a local time in this zone.
    pub fn local_to_utc(&self, local: i64) -> i64 {
        local.saturating_sub(self.offset_for_local(local) as i64 * USECS_PER_SEC)
    }

    /// Local time of a UTC instant in this zone.
    pub fn utc_to_local(&self, ts: i64) -> i64 {
        ts.saturating_add(self.offset_at_utc(ts) as i64 * USECS_PER_SEC)
    }
}

/// The offset of a tz database zone for a local time, with PostgreSQL's rule for
/// transitions: in a fall-back overlap the later (after-transition) offset, in a
/// spring-forward gap the earlier one.
fn zone_offset_for_local(tz: &jiff::tz::TimeZone, local: i64) -> i32 {
    let offset_at = |ts: i64| tz.to_offset(jiff_ts(ts)).seconds();
    let before = offset_at(local.saturating_sub(USECS_PER_DAY));
    let after = offset_at(local.saturating_add(USECS_PER_DAY));
    let valid = |o: i32| offset_at(local.saturating_sub(o as i64 * USECS_PER_SEC)) == o;
    if before == after {
        let o = offset_at(local.saturating_sub(before as i64 * USECS_PER_SEC));
        return if valid(before) { before } else { o };
    }
    match (valid(before), valid(after)) {
        (true, true) => after,
        (true, false) => before,
        (false, true) => after,
        (false, false) => before,
    }
}

/// What the abbreviation `abbrev` meant in `tz` nearest the UTC instant `ts`: the
/// latest use at or before `ts`, else the earliest after it (PostgreSQL's
/// `pg_interpret_timezone_abbrev`), as (seconds east, is DST). `None` when the zone
/// never used it. The scan is bounded: a zone whose rules repeat forever (a POSIX
/// footer with DST) would otherwise be walked for every year back to the far future.
fn abbrev_meaning(tz: &jiff::tz::TimeZone, abbrev: &str, ts: i64) -> Option<(i32, bool)> {
    const MAX_TRANSITIONS: usize = 2000;
    let at = jiff_ts(ts);
    let matches = |t: &jiff::tz::TimeZoneTransition<'_>| t.abbreviation().eq_ignore_ascii_case(abbrev);
    // `preceding` yields transitions strictly before `at`; one exactly at `at` is in
    // effect there too.
    let mut near = tz.following(at).take(1).find(|t| t.timestamp() == at && matches(t));
    if near.is_none() {
        near = tz.preceding(at).take(MAX_TRANSITIONS).find(|t| matches(t));
    }
    if near.is_none() {
        near = tz.following(at).take(MAX_TRANSITIONS).find(|t| matches(t));
    }
    near.map(|t| (t.offset().seconds(), t.dst().is_dst()))
}

/// The Gregorian calendar repeats every 400 years (146,097 days).
const CYCLE_400Y_US: i64 = 146_097 * USECS_PER_DAY;

fn jiff_ts(ts: i64) -> jiff::Timestamp {
    // Past jiff's range a zone still follows its POSIX rule, which is stated in
    // calendar terms; the instant 400 years earlier (or a multiple) has the same
    // calendar position and so the same offset, as PostgreSQL's localtime.c finds it.
    // Before the range every zone is long on its first (local mean time) offset.
    let ts = if ts > JIFF_MAX_US { ts - ((ts - JIFF_MAX_US) / CYCLE_400Y_US + 1) * CYCLE_400Y_US } else { ts };
    let clamped = ts.clamp(JIFF_MIN_US, JIFF_MAX_US);
    let unix_us = clamped + UNIX_EPOCH_DAYS * USECS_PER_DAY;
    jiff::Timestamp::from_microsecond(unix_us).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// Parses `[+-]hh[:mm[:ss]]` / `[+-]hhmm` into signed seconds (sign as written).
/// PostgreSQL's name for a fixed zone `secs_east` seconds east of UTC
/// (`pg_tzset_offset`): `<+01:30>-01:30`, `<-01>+01`.
fn offset_zone_name(secs_east: i32) -> String {
    let abs = secs_east.unsigned_abs();
    let mut hms = format!("{:02}", abs / 3600);
    let (minutes, seconds) = ((abs / 60) % 60, abs % 60);
    if minutes != 0 || seconds != 0 {
        hms.push_str(&format!(":{minutes:02}"));
    }
    if seconds != 0 {
        hms.push_str(&format!(":{seconds:02}"));
    }
    if secs_east < 0 {
        format!("<-{hms}>+{hms}")
    } else {
        format!("<+{hms}>-{hms}")
    }
}

fn parse_offset_hms(s: &str) -> Option<i32> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => return None,
    };
    if rest.is_empty() || !rest.bytes().all(|c| c.is_ascii_digit() || c == b':') {
        return None;
    }
    let parts: Vec<&str> = rest.split(':').collect();
    let (h, m, sec) = if parts.len() == 1 {
        let p = parts[0];
        match p.len() {
            1 | 2 => (p.parse::<i32>().ok()?, 0, 0),
            3 | 4 => (p[..p.len() - 2].parse().ok()?, p[p.len() - 2..].parse().ok()?, 0),
            5 | 6 => (
                p[..p.len() - 4].parse().ok()?,
                p[p.len() - 4..p.len() - 2].parse().ok()?,
                p[p.len() - 2..].parse().ok()?,
            ),
            _ => return None,
        }
    } else {
        let h = parts[0].parse().ok()?;
        let m = parts.get(1).map(|x| x.parse().ok()).unwrap_or(Some(0))?;
        let sec = parts.get(2).map(|x| x.parse().ok()).unwrap_or(Some(0))?;
        if parts.len() > 3 {
            return None;
        }
        (h, m, sec)
    };
    if h > 15 || m > 59 || sec > 59 {
        return None;
    }
    let v = h * 3600 + m * 60 + sec;
    Some(if neg { -v } else { v })
}

/// A sign and one to six digits, or `hh:mm[:ss]`: the form of a numeric
/// offset, whatever its range.
fn is_offset_syntax(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['+', '-']) else { return false };
    let parts: Vec<&str> = rest.split(':').collect();
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit());
    (parts.len() == 1 && rest.len() <= 6 || parts.len() <= 3) && parts.iter().all(digits)
}

/// `+05`, `-04:56:02`, `+05:30`: an offset as ISO output prints it.
pub fn format_offset(secs_east: i32) -> String {
    let sign = if secs_east < 0 { '-' } else { '+' };
    let a = secs_east.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s != 0 {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    } else if m != 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}")
    }
}

// ---------------------------------------------------------------------------------------
// The transaction timestamp and the session time zone (process-global: one session per
// backend process, as in PostgreSQL).
// ---------------------------------------------------------------------------------------

thread_local! {
    static CLOCKS: RefCell<(Option<i64>, Option<i64>)> = const { RefCell::new((None, None)) };
    static SESSION_TZ: RefCell<Option<TimeZone>> = const { RefCell::new(None) };
}

/// The current wall-clock time as a timestamptz.
pub fn clock_timestamp() -> i64 {
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0);
    now - UNIX_EPOCH_DAYS * USECS_PER_DAY
}

/// Sets the transaction start time (`now()`, `'now'`, `transaction_timestamp()`); the
/// backend calls it at transaction start. Also resets the statement timestamp.
pub fn set_transaction_timestamp(ts: i64) {
    CLOCKS.with(|c| *c.borrow_mut() = (Some(ts), Some(ts)));
}

/// Sets the statement start time (`statement_timestamp()`).
pub fn set_statement_timestamp(ts: i64) {
    CLOCKS.with(|c| c.borrow_mut().1 = Some(ts));
}

/// The transaction timestamp, or the clock if none was set.
pub fn transaction_timestamp() -> i64 {
    CLOCKS.with(|c| c.borrow().0).unwrap_or_else(clock_timestamp)
}

/// The statement timestamp, or the transaction timestamp if none was set.
pub fn statement_timestamp() -> i64 {
    CLOCKS.with(|c| c.borrow().1).unwrap_or_else(transaction_timestamp)
}

/// Sets the session time zone read by operators that need one (timestamptz ± interval,
/// date_trunc, casts between timestamp and timestamptz). The backend calls it when the
/// `TimeZone` GUC changes.
pub fn set_session_timezone(tz: TimeZone) {
    SESSION_TZ.with(|s| *s.borrow_mut() = Some(tz));
}

/// The session time zone (UTC until set).
pub fn session_timezone() -> TimeZone {
    SESSION_TZ.with(|s| s.borrow().clone()).unwrap_or_else(TimeZone::utc)
}

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Fields {
    year: Option<i64>,
    month: Option<u32>,
    day: Option<u32>,
    /// µs since midnight.
    time: Option<i64>,
    /// Seconds east of UTC, or a zone to resolve against the local time.
    zone_offset: Option<i32>,
    zone_named: Option<TimeZone>,
    bc: bool,
    pm: Option<bool>,
    special: Option<Special>,
    /// Bare numbers not yet placed (textual month dates).
    numbers: Vec<(i64, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Special {
    Epoch,
    Infinity,
    NegInfinity,
    Now,
    Today,
    Tomorrow,
    Yesterday,
}

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

fn month_from_name(w: &str) -> Option<u32> {
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        if w == *m || (w.len() >= 3 && full[i].starts_with(w)) || (w == "sept" && i == 8) {
            return Some(i as u32 + 1);
        }
    }
    None
}

enum FieldError {
    Syntax,
    Range,
    /// A month or day out of range (`DTERR_MD_FIELD_OVERFLOW`): the DateStyle order may be wrong.
    MonthDayRange,
    /// A numeric zone offset of 16 hours or more (`DTERR_TZDISP_OVERFLOW`).
    Displacement,
    BadZone(String),
}

/// Parses `HH:MM[:SS[.frac]]` into µs; returns the rest of the token (a zone suffix).
fn parse_time_token(tok: &str) -> Result<(i64, &str), FieldError> {
    let end = tok.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(tok.len());
    let (t, rest) = tok.split_at(end);
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(FieldError::Syntax);
    }
    let h: i64 = parts[0].parse().map_err(|_| FieldError::Syntax)?;
    let (m, s_str) = if parts.len() == 2 {
        // "mm.ss"-less form: HH:MM, or HH:MM.frac is invalid.
        if parts[1].contains('.') {
            return Err(FieldError::Syntax);
        }
        (parts[1].parse::<i64>().map_err(|_| FieldError::Syntax)?, "0")
    } else {
        (parts[1].parse::<i64>().map_err(|_| FieldError::Syntax)?, parts[2])
    };
    let (sec, frac) = match s_str.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s_str, ""),
    };
    let sec: i64 = if sec.is_empty() { 0 } else { sec.parse().map_err(|_| FieldError::Syntax)? };
    if !frac.bytes().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::Syntax);
    }
    // The fraction is read as a double and rounded to microseconds half to even
    // (`ParseFractionalSecond`: rint(strtod(".f") * 1e6)), so `.1234565`, whose double is
    // just below the tie, rounds down and `.1234575` rounds up.
    let us = if frac.is_empty() {
        0
    } else {
        let f: f64 = format!("0.{frac}").parse().map_err(|_| FieldError::Syntax)?;
        (f * 1e6).round_ties_even() as i64
    };
    if !(0..=24).contains(&h) || !(0..=59).contains(&m) || !(0..=60).contains(&sec) {
        return Err(FieldError::Range);
    }
    let total = h * USECS_PER_HOUR + m * USECS_PER_MINUTE + sec * USECS_PER_SEC + us;
    if total > USECS_PER_DAY {
        return Err(FieldError::Range);
    }
    Ok((total, rest))
}

fn lookup_zone_word(word_lower: &str, original: &str) -> Result<ZoneSpec, FieldError> {
    if let Some(a) = crate::timezone_abbrevs::lookup(word_lower) {
        return match TimeZone::from_abbrev(a) {
            Some(tz) if a.zone.is_some() => Ok(ZoneSpec::Named(tz)),
            _ => Ok(ZoneSpec::Offset(a.offset)),
        };
    }
    match TimeZone::parse(original) {
        Ok(tz) => Ok(ZoneSpec::Named(tz)),
        // Only a name that looks like a tz database path is reported as an unknown zone;
        // PostgreSQL reports other unknown words as bad syntax.
        Err(_) if original.contains('/') => Err(FieldError::BadZone(original.to_string())),
        Err(_) => Err(FieldError::Syntax),
    }
}

enum ZoneSpec {
    Offset(i32),
    Named(TimeZone),
}

fn set_zone(f: &mut Fields, z: ZoneSpec) -> Result<(), FieldError> {
    if f.zone_offset.is_some() || f.zone_named.is_some() {
        return Err(FieldError::Syntax);
    }
    match z {
        ZoneSpec::Offset(o) => f.zone_offset = Some(o),
        ZoneSpec::Named(tz) => f.zone_named = Some(tz),
    }
    Ok(())
}

fn parse_date_token(f: &mut Fields, tok: &str, order: DateOrder) -> Result<(), FieldError> {
    let sep = if tok.contains('-') {
        '-'
    } else if tok.contains('/') {
        '/'
    } else {
        '.'
    };
    let parts: Vec<&str> = tok.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        // "2020-Jan-05" style or garbage.
        if parts.len() == 3 {
            return Err(FieldError::Syntax);
        }
        return Err(FieldError::Syntax);
    }
    let mut nums = [0i64; 3];
    let mut month_name = [None; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.bytes().all(|c| c.is_ascii_digit()) {
            nums[i] = p.parse().map_err(|_| FieldError::Range)?;
        } else if let Some(m) = month_from_name(&p.to_ascii_lowercase()) {
            month_name[i] = Some(m);
        } else {
            return Err(FieldError::Syntax);
        }
    }
    let len0 = parts[0].len();
    let two_digit = |s: &str, v: i64| -> i64 {
        if s.len() <= 2 {
            if v < 70 {
                v + 2000
            } else {
                v + 1900
            }
        } else {
            v
        }
    };
    let (y, m, d);
    if let Some(mn) = month_name.iter().position(|x| x.is_some()) {
        m = month_name[mn].unwrap_or(1) as i64;
        let others: Vec<usize> = (0..3).filter(|&i| i != mn).collect();
        let (a, b) = (others[0], others[1]);
        if parts[a].len() >= 3 || order == DateOrder::Ymd && mn == 1 {
            y = two_digit(parts[a], nums[a]);
            d = nums[b];
        } else {
            d = nums[a];
            y = two_digit(parts[b], nums[b]);
        }
    } else if len0 >= 3 || order == DateOrder::Ymd {
        y = nums[0];
        m = nums[1];
        d = nums[2];
        if len0 < 3 {
            f.year = Some(two_digit(parts[0], y));
            f.month = Some(m as u32);
            f.day = Some(d as u32);
            return check_ymd(f);
        }
    } else if order == DateOrder::Dmy {
        d = nums[0];
        m = nums[1];
        y = two_digit(parts[2], nums[2]);
    } else {
        m = nums[0];
        d = nums[1];
        y = two_digit(parts[2], nums[2]);
    }
    if f.year.is_some() {
        return Err(FieldError::Syntax);
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(FieldError::MonthDayRange);
    }
    f.year = Some(y);
    f.month = Some(m as u32);
    f.day = Some(d as u32);
    check_ymd(f)
}

fn check_ymd(f: &Fields) -> Result<(), FieldError> {
    if let (Some(m), Some(d)) = (f.month, f.day) {
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return Err(FieldError::MonthDayRange);
        }
    }
    Ok(())
}

fn tokenize(s: &str) -> Vec<String> {
    // Split on whitespace and commas; split an ISO "dateTtime" token at the T.
    let mut out = Vec::new();
    for raw in s.split(|c: char| c.is_ascii_whitespace() || c == ',').filter(|t| !t.is_empty()) {
        let b = raw.as_bytes();
        if let Some(pos) = raw.find(['T', 't']) {
            if pos > 0 && b[pos - 1].is_ascii_digit() && pos + 1 < b.len() && b[pos + 1].is_ascii_digit() {
                out.push(raw[..pos].to_string());
                out.push(raw[pos + 1..].to_string());
                continue;
            }
        }
        // A numeric date runs over digits and its separator only, so letters right
        // after it start a new field ("2020-01-01BC" is a date and an era, as in
        // ParseDateTime).
        if let Some(split) = numeric_date_end(raw) {
            out.push(raw[..split].to_string());
            out.push(raw[split..].to_string());
            continue;
        }
        // A keyword run straight into a signed offset or a number ("BC+05",
        // "pm+05") is two fields, as ParseDateTime ends a word at '+' or a
        // digit when the word is a keyword (a zone name like "UTC+5" is not).
        let word_end = raw.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(raw.len());
        if word_end > 0
            && raw[word_end..].starts_with(|c: char| c == '+' || c.is_ascii_digit())
            && is_date_keyword(&raw[..word_end].to_ascii_lowercase())
        {
            out.push(raw[..word_end].to_string());
            out.push(raw[word_end..].to_string());
            continue;
        }
        out.push(raw.to_string());
    }
    out
}

/// Where a token like `2020-01-01BC` (digits, a separator, digits, the same
/// separator, digits) is followed by letters, the end of its date part.
fn numeric_date_end(raw: &str) -> Option<usize> {
    let b = raw.as_bytes();
    let first_sep = b.iter().position(|c| !c.is_ascii_digit())?;
    let sep = b[first_sep];
    if first_sep == 0 || !matches!(sep, b'-' | b'/' | b'.') || !b.get(first_sep + 1)?.is_ascii_digit() {
        return None;
    }
    let end = first_sep + b[first_sep..].iter().position(|c| !(c.is_ascii_digit() || *c == sep))?;
    let date = &b[..end];
    let two_separators = date.iter().filter(|&&c| c == sep).count() == 2;
    (two_separators && date.last()?.is_ascii_digit() && b[end].is_ascii_alphabetic()).then_some(end)
}

/// Words of PostgreSQL's date keyword table (`datetktbl`) that input may run
/// into a following offset or number: eras, meridians, month and day names.
fn is_date_keyword(w: &str) -> bool {
    matches!(w, "bc" | "ad" | "am" | "pm")
        || month_from_name(w).is_some()
        || DAYS.iter().any(|d| w.starts_with(d) && w.len() <= 9)
}

fn parse_fields(s: &str, order: DateOrder) -> Result<Fields, FieldError> {
    let mut f = Fields::default();
    let toks = tokenize(s);
    if toks.is_empty() {
        return Err(FieldError::Syntax);
    }
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i].as_str();
        let lower = tok.to_ascii_lowercase();
        i += 1;
        match lower.as_str() {
            "epoch" => f.special = Some(Special::Epoch),
            "infinity" | "+infinity" => f.special = Some(Special::Infinity),
            "-infinity" => f.special = Some(Special::NegInfinity),
            "now" => f.special = Some(Special::Now),
            "today" => f.special = Some(Special::Today),
            "tomorrow" => f.special = Some(Special::Tomorrow),
            "yesterday" => f.special = Some(Special::Yesterday),
            "allballs" => f.time = Some(0),
            "bc" => f.bc = true,
            "ad" => {}
            "am" | "a.m." => f.pm = Some(false),
            "pm" | "p.m." => f.pm = Some(true),
            "t" => {}
            _ => {
                let first = lower.as_bytes()[0];
                if lower.contains(':') && first.is_ascii_digit() {
                    if f.time.is_some() {
                        return Err(FieldError::Syntax);
                    }
                    let (t, rest) = parse_time_token(tok)?;
                    f.time = Some(t);
                    if !rest.is_empty() {
                        let rl = rest.to_ascii_lowercase();
                        if let Some(o) = parse_offset_hms(rest) {
                            set_zone(&mut f, ZoneSpec::Offset(o))?;
                        } else if is_offset_syntax(rest) {
                            return Err(FieldError::Displacement);
                        } else {
                            set_zone(&mut f, lookup_zone_word(&rl, rest)?)?;
                        }
                    }
                } else if (first == b'+' || first == b'-') && f.time.is_some() {
                    let o = parse_offset_hms(tok).ok_or(if is_offset_syntax(tok) {
                        FieldError::Displacement
                    } else {
                        FieldError::Syntax
                    })?;
                    set_zone(&mut f, ZoneSpec::Offset(o))?;
                } else if first.is_ascii_digit() && lower.contains(['-', '/', '.']) && !lower.starts_with("0.") {
                    // A date, maybe with a trailing zone offset ("2020-01-01+05") — rare; keep simple.
                    parse_date_token(&mut f, tok, order)?;
                } else if lower.bytes().all(|c| c.is_ascii_digit()) {
                    if lower.len() >= 6
                        && f.year.is_none()
                        && f.month.is_none()
                        && f.day.is_none()
                        && f.numbers.is_empty()
                    {
                        // A run-together date (`DecodeNumberField`): the last four digits are
                        // MMDD, the rest the year (two digits are a year of this century).
                        let n = lower.len();
                        let y: i64 = lower[..n - 4].parse().map_err(|_| FieldError::Range)?;
                        f.year = Some(if n == 6 {
                            if y < 70 {
                                y + 2000
                            } else {
                                y + 1900
                            }
                        } else {
                            y
                        });
                        f.month = Some(lower[n - 4..n - 2].parse().map_err(|_| FieldError::Syntax)?);
                        f.day = Some(lower[n - 2..].parse().map_err(|_| FieldError::Syntax)?);
                        check_ymd(&f)?;
                    } else if lower.len() == 6 && f.year.is_some() && f.time.is_none() {
                        let v: i64 = lower.parse().map_err(|_| FieldError::Syntax)?;
                        f.time = Some(
                            (v / 10000) * USECS_PER_HOUR
                                + (v / 100 % 100) * USECS_PER_MINUTE
                                + (v % 100) * USECS_PER_SEC,
                        );
                    } else {
                        f.numbers.push((lower.parse().map_err(|_| FieldError::Range)?, lower.len()));
                    }
                } else if lower.len() > 1
                    && lower.starts_with('j')
                    && lower[1..].bytes().all(|c| c.is_ascii_digit())
                    && f.year.is_none()
                {
                    // A Julian day number: day 2451545 is 2000-01-01.
                    let jd: i64 = lower[1..].parse().map_err(|_| FieldError::Range)?;
                    let (y, m, d) = ymd_from_date(jd - 2_451_545);
                    // Years before 1 AD are written as BC years in these fields.
                    if y <= 0 {
                        f.bc = true;
                    }
                    f.year = Some(if y <= 0 { 1 - y } else { y });
                    f.month = Some(m);
                    f.day = Some(d);
                } else if let Some(m) = month_from_name(&lower) {
                    if f.month.is_some() {
                        return Err(FieldError::Syntax);
                    }
                    f.month = Some(m);
                } else if DAYS.iter().any(|d| lower.starts_with(d)) && lower.len() <= 9 {
                    // Day-of-week names are accepted and ignored.
                } else if first.is_ascii_alphabetic() {
                    set_zone(&mut f, lookup_zone_word(&lower, tok)?)?;
                } else {
                    return Err(FieldError::Syntax);
                }
            }
        }
    }
    // Place bare numbers of a textual date ("Jan 5 2020", "5 January 2020").
    if !f.numbers.is_empty() {
        if f.month.is_none() || f.day.is_some() {
            if f.year.is_none() && f.numbers.len() == 1 && f.month.is_some() {
                // handled below
            } else {
                return Err(FieldError::Syntax);
            }
        }
        let nums = std::mem::take(&mut f.numbers);
        match nums.as_slice() {
            [(a, la), (b, lb)] => {
                if *la >= 3 || *a > 31 {
                    f.year = Some(*a);
                    f.day = Some(*b as u32);
                } else {
                    f.day = Some(*a as u32);
                    f.year = Some(if *lb <= 2 {
                        if *b < 70 {
                            b + 2000
                        } else {
                            b + 1900
                        }
                    } else {
                        *b
                    });
                }
            }
            [(a, _)] if f.day.is_none() => f.day = Some(*a as u32),
            _ => return Err(FieldError::Syntax),
        }
        check_ymd(&f)?;
    }
    if let Some(pm) = f.pm {
        let t = f.time.ok_or(FieldError::Syntax)?;
        let h = t / USECS_PER_HOUR;
        if h > 12 || h == 0 {
            return Err(FieldError::Range);
        }
        let rest = t % USECS_PER_HOUR;
        let h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        f.time = Some(h * USECS_PER_HOUR + rest);
    }
    // A time alone may carry an era (`12:00:00 +05 BC`), which it ignores.
    if let (true, Some(y)) = (f.bc, f.year) {
        if y <= 0 {
            return Err(FieldError::Range);
        }
        f.year = Some(1 - y);
    } else if f.year == Some(0) {
        return Err(FieldError::Range);
    }
    if let (Some(y), Some(m), Some(d)) = (f.year, f.month, f.day) {
        if d > days_in_month(y, m) {
            return Err(FieldError::Range);
        }
    }
    Ok(f)
}

/// The error PostgreSQL's `DecodeDateTime` reports for an input that is one number
/// (`'-2147483648'`, `'3.141592653589793'`, `'1.5e+308'`), or `None` to parse it normally.
///
/// A sign makes the number a zone displacement (`DecodeTimezone`): an hour part that
/// overflows int4, passes 15, or (four or more characters, `hhmm`) minutes of 60 or more
/// are `DTERR_TZDISP_OVERFLOW`; a displacement alone is no date. Without a sign, for a
/// date or timestamp (`date_fields`), `N.F` is a date with two fields (`DecodeDate`), so
/// a field overflowing int4 is `DTERR_FIELD_OVERFLOW` and anything else lacks a year;
/// a number of fewer than six digits is one field placed by the DateStyle order (month,
/// day or year), out of range when zero or above 12 (month) / 31 (day).
fn whole_number_error(s: &str, order: DateOrder, date_fields: bool) -> Option<FieldError> {
    let t = s.trim();
    let (sign, body) = match t.as_bytes().first() {
        Some(b'+') | Some(b'-') => (true, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_part, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !digits(int_part) || !frac.is_none_or(|f| f.bytes().all(|c| c.is_ascii_digit())) || !exp_ok {
        return None;
    }
    let int4 = |x: &str| x.parse::<i32>().ok();
    if sign {
        let Some(v) = int4(int_part) else {
            return Some(FieldError::Displacement);
        };
        let (hours, minutes) = if frac.is_none() && int_part.len() + 1 > 3 { (v / 100, v % 100) } else { (v, 0) };
        return Some(if hours > 15 || minutes >= 60 { FieldError::Displacement } else { FieldError::Syntax });
    }
    if !date_fields {
        // A time reads a run of digits only as HHMM or HHMMSS; `N.F` is a date only
        // when another field (the exponent) follows (`DecodeTimeOnly`), else no time.
        match (frac, exponent) {
            (None, None) => return Some(FieldError::Syntax),
            (Some(_), Some(_)) => {}
            _ => return None,
        }
    }
    if let Some(f) = frac {
        if f.is_empty() {
            return Some(FieldError::Syntax);
        }
        return Some(if int4(int_part).is_none() || int4(f).is_none() {
            FieldError::Range
        } else {
            FieldError::Syntax
        });
    }
    if exponent.is_some() || int_part.len() >= 6 {
        // Six digits or more are a run-together date, which the field parser reads.
        return if exponent.is_some() { Some(FieldError::Syntax) } else { None };
    }
    let v: i64 = int_part.parse().ok()?;
    Some(if int_part.len() >= 3 {
        // A year: only year zero is out of range.
        if v == 0 {
            FieldError::Range
        } else {
            FieldError::Syntax
        }
    } else if order == DateOrder::Ymd {
        // A two-digit year is always in range.
        FieldError::Syntax
    } else if v == 0 || v > if order == DateOrder::Dmy { 31 } else { 12 } {
        FieldError::MonthDayRange
    } else {
        FieldError::Syntax
    })
}

fn field_error(e: FieldError, type_name: &str, input: &str) -> PgError {
    match e {
        FieldError::Syntax => PgError::new(
            SqlState::INVALID_DATETIME_FORMAT,
            format!("invalid input syntax for type {type_name}: \"{input}\""),
        ),
        FieldError::Range => errors::datetime_field_overflow(input),
        FieldError::MonthDayRange => {
            errors::datetime_field_overflow(input).with_hint("Perhaps you need a different \"datestyle\" setting.")
        }
        FieldError::Displacement => PgError::new(
            SqlState::INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
            format!("time zone displacement out of range: \"{input}\""),
        ),
        FieldError::BadZone(z) => {
            PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("time zone \"{z}\" not recognized"))
        }
    }
}

/// Applies a timestamp typmod (fractional-second precision 0..6), rounding half up.
pub fn adjust_timestamp_typmod(ts: i64, typmod: i32) -> i64 {
    if !(0..6).contains(&typmod) || ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return ts;
    }
    let unit = 10i64.pow(6 - typmod as u32);
    if ts >= 0 {
        (ts + unit / 2) / unit * unit
    } else {
        -((-ts + unit / 2) / unit * unit)
    }
}

/// `timestamp_in` / `timestamptz_in`.
pub fn parse_timestamp(s: &str, typmod: i32, with_tz: bool, settings: &OutputSettings) -> PgResult<i64> {
    let type_name = if with_tz { "timestamp with time zone" } else { "timestamp" };
    if let Some(e) = whole_number_error(s, settings.date_order, true) {
        return Err(field_error(e, type_name, s));
    }
    let f = parse_fields(s, settings.date_order).map_err(|e| field_error(e, type_name, s))?;
    let tz = &settings.timezone;
    if let Some(sp) = f.special {
        let now = statement_or_txn_now();
        let local_midnight = |days: i64| -> i64 {
            let today = tz.utc_to_local(now).div_euclid(USECS_PER_DAY) + days;
            let local = today * USECS_PER_DAY;
            if with_tz {
                tz.local_to_utc(local)
            } else {
                local
            }
        };
        return Ok(match sp {
            Special::Epoch => -UNIX_EPOCH_DAYS * USECS_PER_DAY,
            Special::Infinity => TS_POS_INFINITY,
            Special::NegInfinity => TS_NEG_INFINITY,
            Special::Now => {
                if with_tz {
                    now
                } else {
                    tz.utc_to_local(now)
                }
            }
            Special::Today => local_midnight(0),
            Special::Tomorrow => local_midnight(1),
            Special::Yesterday => local_midnight(-1),
        });
    }
    let (Some(y), Some(m), Some(d)) = (f.year, f.month, f.day) else {
        return Err(field_error(FieldError::Syntax, type_name, s));
    };
    let tm = Tm { year: y, month: m, day: d, hour: 0, minute: 0, second: 0, micros: 0 };
    let local = local_from_tm(&tm) + f.time.unwrap_or(0) as i128;
    if local < MIN_TIMESTAMP as i128 - USECS_PER_DAY as i128 || local >= END_TIMESTAMP as i128 + USECS_PER_DAY as i128 {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, format!("timestamp out of range: \"{s}\"")));
    }
    let local = local as i64;
    let ts = if with_tz {
        if let Some(o) = f.zone_offset {
            local - o as i64 * USECS_PER_SEC
        } else if let Some(z) = &f.zone_named {
            z.local_to_utc(local)
        } else {
            tz.local_to_utc(local)
        }
    } else {
        local
    };
    if !(MIN_TIMESTAMP..END_TIMESTAMP).contains(&ts) {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, format!("timestamp out of range: \"{s}\"")));
    }
    Ok(adjust_timestamp_typmod(ts, typmod))
}

fn statement_or_txn_now() -> i64 {
    transaction_timestamp()
}

/// `date_in`.
pub fn parse_date(s: &str, settings: &OutputSettings) -> PgResult<i32> {
    if let Some(e) = whole_number_error(s, settings.date_order, true) {
        return Err(field_error(e, "date", s));
    }
    let f = parse_fields(s, settings.date_order).map_err(|e| field_error(e, "date", s))?;
    if let Some(sp) = f.special {
        let today = settings.timezone.utc_to_local(transaction_timestamp()).div_euclid(USECS_PER_DAY);
        return Ok(match sp {
            Special::Epoch => -(UNIX_EPOCH_DAYS as i32),
            Special::Infinity => DATE_POS_INFINITY,
            Special::NegInfinity => DATE_NEG_INFINITY,
            Special::Now | Special::Today => today as i32,
            Special::Tomorrow => today as i32 + 1,
            Special::Yesterday => today as i32 - 1,
        });
    }
    let (Some(y), Some(m), Some(d)) = (f.year, f.month, f.day) else {
        return Err(field_error(FieldError::Syntax, "date", s));
    };
    let days = date_from_ymd(y, m, d);
    if !(DATE_MIN as i64..=DATE_END as i64).contains(&days) {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, format!("date out of range: \"{s}\"")));
    }
    Ok(days as i32)
}

/// A time written as one run of digits (`DecodeNumberField` for a time only): `HHMMSS`
/// with an optional fraction, or `HHMM`.
fn parse_time_digits(s: &str) -> Option<Result<i64, FieldError>> {
    let t = s.trim();
    let (digits, frac) = t.split_once('.').unwrap_or((t, ""));
    if !digits.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let token = match (digits.len(), frac.is_empty()) {
        (6, _) if frac.is_empty() => format!("{}:{}:{}", &digits[..2], &digits[2..4], &digits[4..]),
        (6, false) => format!("{}:{}:{}.{frac}", &digits[..2], &digits[2..4], &digits[4..]),
        (4, true) => format!("{}:{}", &digits[..2], &digits[2..]),
        (4, false) => format!("{}:{}:00.{frac}", &digits[..2], &digits[2..]),
        _ => return None,
    };
    Some(parse_time_token(&token).map(|(t, _)| t))
}

/// `time_in`.
pub fn parse_time(s: &str, typmod: i32) -> PgResult<i64> {
    if let Some(r) = parse_time_digits(s) {
        return r.map(|t| adjust_timestamp_typmod(t, typmod)).map_err(|e| field_error(e, "time", s));
    }
    if let Some(e) = whole_number_error(s, DateOrder::Mdy, false) {
        return Err(field_error(e, "time", s));
    }
    let f = parse_fields(s, DateOrder::Mdy).map_err(|e| field_error(e, "time", s))?;
    let t = f.time.ok_or_else(|| field_error(FieldError::Syntax, "time", s))?;
    Ok(adjust_timestamp_typmod(t, typmod))
}

/// `timetz_in` (`DecodeTimeOnly`): the time of day and the zone in seconds
/// west of UTC, as PostgreSQL's `TimeTzADT` keeps it. Without a zone the
/// session zone's offset on the given date (today's if none) applies; a zone
/// name whose offset changes over the year needs a date.
pub fn parse_timetz(s: &str, typmod: i32, settings: &OutputSettings) -> PgResult<(i64, i32)> {
    let type_name = "time with time zone";
    let syntax = || field_error(FieldError::Syntax, type_name, s);
    // One signed number or `N.Fe..` errs as for time; other digit runs are read below.
    if s.trim_start().starts_with(['+', '-']) || s.contains(['e', 'E']) {
        if let Some(e) = whole_number_error(s, DateOrder::Mdy, false) {
            return Err(field_error(e, type_name, s));
        }
    }
    // A leading run of digits is a time written without colons (`040506+02`,
    // `0405 -01`), as DecodeTimeOnly reads a lone number.
    let trimmed = s.trim_start();
    let run = trimmed.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(trimmed.len());
    let rest = trimmed[run..].trim();
    let rewritten = match parse_time_digits(&trimmed[..run]) {
        _ if !(rest.is_empty() || is_offset_syntax(rest)) => None,
        Some(Ok(t)) => Some(format!("{} {rest}", format_time(t))),
        Some(Err(e)) => return Err(field_error(e, type_name, s)),
        None => None,
    };
    let f = parse_fields(rewritten.as_deref().unwrap_or(s), settings.date_order)
        .map_err(|e| field_error(e, type_name, s))?;
    let tz = &settings.timezone;
    let today = || tz.utc_to_local(transaction_timestamp()).div_euclid(USECS_PER_DAY);
    match f.special {
        None => {}
        Some(Special::Now) => {
            let now = transaction_timestamp();
            let off = tz.offset_at_utc(now);
            let local = (now + off as i64 * USECS_PER_SEC).rem_euclid(USECS_PER_DAY);
            return Ok((adjust_timestamp_typmod(local, typmod), -off));
        }
        Some(_) => return Err(syntax()),
    }
    let t = f.time.ok_or_else(syntax)?;
    let date = match (f.year, f.month, f.day) {
        (Some(y), Some(m), Some(d)) => Some(date_from_ymd(y, m, d)),
        _ => None,
    };
    let east = if let Some(o) = f.zone_offset {
        o
    } else if let Some(z) = &f.zone_named {
        match (z.fixed_offset(), date) {
            (Some(o), _) => o,
            (None, Some(d)) => z.offset_for_local(d * USECS_PER_DAY + t),
            (None, None) if matches!(z.kind, TzKind::DynAbbrev(..)) => z.offset_for_local(today() * USECS_PER_DAY + t),
            (None, None) => return Err(syntax()),
        }
    } else if s.trim().eq_ignore_ascii_case("allballs") {
        // "allballs" is midnight UTC (PostgreSQL's DTK_ZULU).
        0
    } else {
        tz.offset_for_local(date.unwrap_or_else(today) * USECS_PER_DAY + t)
    };
    Ok((adjust_timestamp_typmod(t, typmod), -east))
}

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

fn year_text(y: i64) -> (String, bool) {
    if y <= 0 {
        (format!("{:04}", 1 - y), true)
    } else {
        (format!("{y:04}"), false)
    }
}

fn frac_text(micros: u32) -> String {
    if micros == 0 {
        String::new()
    } else {
        let s = format!(".{micros:06}");
        s.trim_end_matches('0').to_string()
    }
}

/// `date_out`.
pub fn format_date(d: i32, settings: &OutputSettings) -> String {
    match d {
        DATE_NEG_INFINITY => return "-infinity".into(),
        DATE_POS_INFINITY => return "infinity".into(),
        _ => {}
    }
    let (y, m, day) = ymd_from_date(d as i64);
    let (ys, bc) = year_text(y);
    let bc = if bc { " BC" } else { "" };
    match settings.date_style {
        DateStyle::Iso => format!("{ys}-{m:02}-{day:02}{bc}"),
        DateStyle::Sql if settings.date_order == DateOrder::Dmy => format!("{day:02}/{m:02}/{ys}{bc}"),
        DateStyle::Sql => format!("{m:02}/{day:02}/{ys}{bc}"),
        DateStyle::German => format!("{day:02}.{m:02}.{ys}{bc}"),
        DateStyle::Postgres if settings.date_order == DateOrder::Dmy => format!("{day:02}-{m:02}-{ys}{bc}"),
        DateStyle::Postgres => format!("{m:02}-{day:02}-{ys}{bc}"),
    }
}

/// `time_out`.
pub fn format_time(t: i64) -> String {
    let tm = tm_from_local(t.rem_euclid(USECS_PER_DAY + 1));
    let h = if t == USECS_PER_DAY { 24 } else { tm.hour };
    format!("{:02}:{:02}:{:02}{}", h, tm.minute, tm.second, frac_text(tm.micros))
}

fn format_ts_fields(local: i64, zone: Option<(i32, String)>, settings: &OutputSettings) -> String {
    let tm = tm_from_local(local);
    let (ys, bc) = year_text(tm.year);
    let bc = if bc { " BC" } else { "" };
    let time = format!("{:02}:{:02}:{:02}{}", tm.hour, tm.minute, tm.second, frac_text(tm.micros));
    let (mo, d) = (tm.month, tm.day);
    match settings.date_style {
        DateStyle::Iso => {
            let z = zone.map(|(o, _)| format_offset(o)).unwrap_or_default();
            format!("{ys}-{mo:02}-{d:02} {time}{z}{bc}")
        }
        DateStyle::Sql => {
            let z = zone.map(|(_, a)| format!(" {a}")).unwrap_or_default();
            if settings.date_order == DateOrder::Dmy {
                format!("{d:02}/{mo:02}/{ys} {time}{z}{bc}")
            } else {
                format!("{mo:02}/{d:02}/{ys} {time}{z}{bc}")
            }
        }
        DateStyle::German => {
            let z = zone.map(|(_, a)| format!(" {a}")).unwrap_or_default();
            format!("{d:02}.{mo:02}.{ys} {time}{z}{bc}")
        }
        DateStyle::Postgres => {
            let dow = (local.div_euclid(USECS_PER_DAY) + 6).rem_euclid(7) as usize; // 2000-01-01 was a Saturday
            let dn = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][dow];
            let mn =
                ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][mo as usize - 1];
            let z = zone.map(|(_, a)| format!(" {a}")).unwrap_or_default();
            if settings.date_order == DateOrder::Dmy {
                format!("{dn} {d:02} {mn} {time} {ys}{z}{bc}")
            } else {
                format!("{dn} {mn} {d:02} {time} {ys}{z}{bc}")
            }
        }
    }
}

/// `timestamp_out`.
pub fn format_timestamp(ts: i64, settings: &OutputSettings) -> String {
    match ts {
        TS_NEG_INFINITY => "-infinity".into(),
        TS_POS_INFINITY => "infinity".into(),
        _ => format_ts_fields(ts, None, settings),
    }
}

/// `timestamptz_out` in the settings' time zone.
pub fn format_timestamptz(ts: i64, settings: &OutputSettings) -> String {
    match ts {
        TS_NEG_INFINITY => "-infinity".into(),
        TS_POS_INFINITY => "infinity".into(),
        _ => {
            let tz = &settings.timezone;
            let off = tz.offset_at_utc(ts);
            let abbrev = if settings.date_style == DateStyle::Iso { String::new() } else { tz.abbrev_at_utc(ts) };
            format_ts_fields(ts + off as i64 * USECS_PER_SEC, Some((off, abbrev)), settings)
        }
    }
}

/// Checks a computed timestamp against the valid range (`timestamp out of range`).
pub fn check_timestamp(ts: i128) -> PgResult<i64> {
    if ts < MIN_TIMESTAMP as i128 || ts >= END_TIMESTAMP as i128 {
        return Err(errors::timestamp_out_of_range());
    }
    Ok(ts as i64)
}
