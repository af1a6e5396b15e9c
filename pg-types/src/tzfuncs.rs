//! The time zone functions: `timezone()` (which `AT TIME ZONE` calls),
//! `make_timestamp`, `make_timestamptz`, and the rows of the system views
//! `pg_timezone_names` and `pg_timezone_abbrevs` (PostgreSQL's `timestamp.c`
//! `timestamptz_zone` family, `make_timestamp_internal`, and `datetime.c`
//! `pg_timezone_names` / `pg_timezone_abbrevs`).
//!
//! Zone names in arguments are resolved by [`TimeZone::lookup`]: an
//! abbreviation of `timezone_abbreviations` first, then the tz database or a
//! POSIX string, as PostgreSQL looks them up.

use crate::datetime::{self, TimeZone, END_TIMESTAMP, MIN_TIMESTAMP, USECS_PER_DAY, USECS_PER_SEC};
use crate::datum::{Datum, Interval, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::fmgr::{FuncDef, SrfImpl, Volatility};
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};

use crate::funcs::{arg, int, text};

fn valid_timestamp(ts: i64) -> PgResult<i64> {
    if (MIN_TIMESTAMP..END_TIMESTAMP).contains(&ts) {
        Ok(ts)
    } else {
        Err(errors::timestamp_out_of_range())
    }
}

fn is_infinite(ts: i64) -> bool {
    ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY
}

/// The offset (seconds east) an interval zone stands for; PostgreSQL refuses
/// months and days, and drops fractions of a second.
fn interval_zone(iv: &Interval) -> PgResult<i64> {
    if iv.months != 0 || iv.days != 0 {
        let shown = crate::interval::format_interval(iv, crate::io::IntervalStyle::Postgres);
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("interval time zone \"{shown}\" must not include months or days"),
        ));
    }
    Ok(iv.micros / USECS_PER_SEC)
}

/// `timezone(zone, timestamptz) -> timestamp` (`timestamptz AT TIME ZONE zone`):
/// the local time of the instant in that zone.
fn f_timezone_tstz(a: &[Datum]) -> PgResult<Datum> {
    let Datum::TimestampTz(ts) = *arg(a, 1)? else {
        return Err(errors::wrong_datum("timezone"));
    };
    if is_infinite(ts) {
        return Ok(Datum::Timestamp(ts));
    }
    let local = match arg(a, 0)? {
        Datum::Interval(iv) => ts.saturating_add(interval_zone(iv)?.saturating_mul(USECS_PER_SEC)),
        _ => TimeZone::lookup(text(a, 0)?)?.utc_to_local(ts),
    };
    Ok(Datum::Timestamp(valid_timestamp(local)?))
}

/// `timezone(zone, timestamp) -> timestamptz` (`timestamp AT TIME ZONE zone`):
/// the instant whose local time in that zone is the timestamp.
fn f_timezone_ts(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Timestamp(local) = *arg(a, 1)? else {
        return Err(errors::wrong_datum("timezone"));
    };
    if is_infinite(local) {
        return Ok(Datum::TimestampTz(local));
    }
    let ts = match arg(a, 0)? {
        Datum::Interval(iv) => local.saturating_sub(interval_zone(iv)?.saturating_mul(USECS_PER_SEC)),
        _ => TimeZone::lookup(text(a, 0)?)?.local_to_utc(local),
    };
    Ok(Datum::TimestampTz(valid_timestamp(ts)?))
}

/// C's `%g` for the seconds in `make_timestamp`'s messages (six significant
/// digits, no trailing zeros), zero-padded to two characters as `%02g` is.
pub(crate) fn format_g(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0".into() } else { "00".into() };
    }
    let exp = v.abs().log10().floor() as i32;
    let s = if !(-4..6).contains(&exp) {
        let m = format!("{:.5e}", v);
        let (mant, e) = m.split_once('e').unwrap_or((&m, "0"));
        let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
        let e: i32 = e.parse().unwrap_or(0);
        format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let decimals = (5 - exp).max(0) as usize;
        let f = format!("{v:.decimals$}");
        if f.contains('.') {
            f.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            f
        }
    };
    if s.len() < 2 {
        format!("0{s}")
    } else {
        s
    }
}

/// PostgreSQL's `make_timestamp_internal`: the timestamp of the fields, with its
/// checks and messages.
fn make_timestamp_internal(a: &[Datum]) -> PgResult<i64> {
    let (year, month, day, hour, min) = (int(a, 0)?, int(a, 1)?, int(a, 2)?, int(a, 3)?, int(a, 4)?);
    let sec = match arg(a, 5)? {
        Datum::Float8(f) => *f,
        d => d.as_f64().ok_or_else(|| errors::wrong_datum("make_timestamp seconds"))?,
    };
    let field = |what: &str, code: SqlState| PgError::new(code, format!("{what}: {year}-{month:02}-{day:02}"));
    // A negative year is BC (-44 is 44 BC, astronomical year -43); there is no year 0.
    let astronomical = if year < 0 { year + 1 } else { year };
    if year == 0
        || !(1..=12).contains(&month)
        || day < 1
        || day > datetime::days_in_month(astronomical, month as u32) as i64
    {
        return Err(field("date field value out of range", SqlState::DATETIME_FIELD_OVERFLOW));
    }
    // Julian day numbers run from 4714-11-24 BC to before 5874898-06-01 (IS_VALID_JULIAN).
    if (astronomical, month) < (-4713, 11) || (astronomical, month) >= (5_874_898, 6) {
        return Err(field("date out of range", SqlState::DATETIME_FIELD_OVERFLOW));
    }
    let date = datetime::date_from_ymd(astronomical, month as u32, day as u32);
    let time_message = |what: &str| format!("{what}: {hour}:{min:02}:{}", format_g(sec));
    let timestamp_message =
        || format!("timestamp out of range: {year}-{month:02}-{day:02} {hour}:{min:02}:{}", format_g(sec));
    // float_time_overflows: fields one by one, then the total against 24:00:00.
    let usec = (sec * USECS_PER_SEC as f64).round_ties_even();
    let overflows = !(0..=24).contains(&hour)
        || !(0..60).contains(&min)
        || sec.is_nan()
        || !(0.0..=60.0 * USECS_PER_SEC as f64).contains(&usec)
        || (hour * 60 + min) * 60 * USECS_PER_SEC + usec as i64 > USECS_PER_DAY;
    if overflows {
        return Err(PgError::new(SqlState::DATETIME_FIELD_OVERFLOW, time_message("time field value out of range")));
    }
    let time = (hour * 60 + min) * 60 * USECS_PER_SEC + usec as i64;
    let result = (date as i128) * USECS_PER_DAY as i128 + time as i128;
    if result < MIN_TIMESTAMP as i128 || result >= END_TIMESTAMP as i128 {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, timestamp_message()));
    }
    Ok(result as i64)
}

/// `make_timestamp(year, month, mday, hour, min, sec)`.
fn f_make_timestamp(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Timestamp(make_timestamp_internal(a)?))
}

/// `make_timestamptz(year, month, mday, hour, min, sec [, timezone])`: the fields
/// read in the session zone, or in the given one (PostgreSQL's
/// `parse_sane_timezone`: an ISO offset such as `+05` or `-03:30` first, east
/// positive, then an abbreviation, then a zone name).
fn f_make_timestamptz(a: &[Datum]) -> PgResult<Datum> {
    let local = make_timestamp_internal(a)?;
    let tz = if a.len() > 6 { sane_timezone(text(a, 6)?)? } else { datetime::session_timezone() };
    Ok(Datum::TimestampTz(valid_timestamp(tz.local_to_utc(local))?))
}

fn sane_timezone(name: &str) -> PgResult<TimeZone> {
    if name.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("invalid input syntax for type numeric time zone: \"{name}\""),
        )
        .with_hint("Numeric time zones must have \"-\" or \"+\" as first character."));
    }
    match iso_zone_offset(name) {
        Ok(Some(east)) => Ok(TimeZone::fixed(name, east)),
        Err(ZoneOffsetOverflow) => {
            Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("numeric time zone \"{name}\" out of range")))
        }
        Ok(None) => TimeZone::lookup(name),
    }
}

/// A numeric zone whose hours, minutes or seconds are out of range.
struct ZoneOffsetOverflow;

/// PostgreSQL's `DecodeTimezone`: `+hh`, `+hhmm`, `+hh:mm`, `+hh:mm:ss` (or `-`),
/// as seconds east; `Ok(None)` when it is not of that form, an error when a field
/// is out of range (hours up to 15).
fn iso_zone_offset(s: &str) -> Result<Option<i32>, ZoneOffsetOverflow> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => return Ok(None),
    };
    let num = |p: &str| -> Option<i64> {
        if p.is_empty() || p.len() > 9 || !p.bytes().all(|c| c.is_ascii_digit()) {
            None
        } else {
            p.parse().ok()
        }
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let fields = match parts.as_slice() {
        [hm] if s.len() > 3 => num(hm).map(|v| (v / 100, v % 100, 0)),
        [h] => num(h).map(|h| (h, 0, 0)),
        [h, m] => num(h).zip(num(m)).map(|(h, m)| (h, m, 0)),
        [h, m, sec] => num(h).zip(num(m)).zip(num(sec)).map(|((h, m), sec)| (h, m, sec)),
        _ => None,
    };
    let Some((h, m, sec)) = fields else { return Ok(None) };
    if h > 15 || m >= 60 || sec >= 60 {
        return Err(ZoneOffsetOverflow);
    }
    let v = ((h * 60 + m) * 60 + sec) as i32;
    Ok(Some(if neg { -v } else { v }))
}

/// Broken-down fields for `age`: PostgreSQL's `timestamp2tm`, which refuses
/// instants before Julian day 0 (so `-infinity`) but reads `infinity` as the
/// largest instant.
fn age_fields(local: i64) -> PgResult<datetime::Tm> {
    if local == TS_NEG_INFINITY {
        return Err(errors::timestamp_out_of_range());
    }
    Ok(datetime::tm_from_local(local))
}

/// `age(a, b)`: the difference of the two broken-down times, field by field
/// (years, months, days, then the time of day), with negative fields
/// borrowed from the next larger one; a borrowed month is as long as the
/// month of the earlier time (PostgreSQL's `timestamp_age`). For timestamptz
/// the fields are local times in the session zone.
fn age(dt1: i64, dt2: i64, local1: i64, local2: i64) -> PgResult<Datum> {
    let (tm1, tm2) = (age_fields(local1)?, age_fields(local2)?);
    let flip = dt1 < dt2;
    let sign = if flip { -1 } else { 1 };
    let mut usec = sign * (tm1.micros as i64 - tm2.micros as i64);
    let mut sec = sign * (tm1.second as i64 - tm2.second as i64);
    let mut min = sign * (tm1.minute as i64 - tm2.minute as i64);
    let mut hour = sign * (tm1.hour as i64 - tm2.hour as i64);
    let mut mday = sign * (tm1.day as i64 - tm2.day as i64);
    let mut mon = sign * (tm1.month as i64 - tm2.month as i64);
    let mut year = sign * (tm1.year - tm2.year);
    while usec < 0 {
        usec += USECS_PER_SEC;
        sec -= 1;
    }
    while sec < 0 {
        sec += 60;
        min -= 1;
    }
    while min < 0 {
        min += 60;
        hour -= 1;
    }
    while hour < 0 {
        hour += 24;
        mday -= 1;
    }
    let borrow_from = if flip { tm1 } else { tm2 };
    while mday < 0 {
        mday += datetime::days_in_month(borrow_from.year, borrow_from.month) as i64;
        mon -= 1;
    }
    while mon < 0 {
        mon += 12;
        year -= 1;
    }
    let months = sign * (year * 12 + mon);
    let days = sign * mday;
    let micros = sign * (((hour * 60 + min) * 60 + sec) * USECS_PER_SEC + usec);
    match (i32::try_from(months), i32::try_from(days)) {
        (Ok(months), Ok(days)) => Ok(Datum::Interval(Interval { months, days, micros })),
        _ => Err(errors::interval_out_of_range()),
    }
}

fn f_age_ts(a: &[Datum]) -> PgResult<Datum> {
    let (Datum::Timestamp(t1), Datum::Timestamp(t2)) = (arg(a, 0)?, arg(a, 1)?) else {
        return Err(errors::wrong_datum("age"));
    };
    age(*t1, *t2, *t1, *t2)
}

fn f_age_tstz(a: &[Datum]) -> PgResult<Datum> {
    let (Datum::TimestampTz(t1), Datum::TimestampTz(t2)) = (arg(a, 0)?, arg(a, 1)?) else {
        return Err(errors::wrong_datum("age"));
    };
    let tz = datetime::session_timezone();
    let local = |t: i64| if is_infinite(t) { t } else { tz.utc_to_local(t) };
    age(*t1, *t2, local(*t1), local(*t2))
}

/// Midnight of the current date in the session zone, as local time.
fn current_date_local() -> i64 {
    let local = datetime::session_timezone().utc_to_local(datetime::transaction_timestamp());
    local.div_euclid(USECS_PER_DAY) * USECS_PER_DAY
}

/// `age(timestamp)`: `age(current_date::timestamp, ts)`.
fn f_age_ts_now(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Timestamp(t) = arg(a, 0)? else { return Err(errors::wrong_datum("age")) };
    let today = current_date_local();
    age(today, *t, today, *t)
}

/// `age(timestamptz)`: `age(current_date::timestamptz, ts)`.
fn f_age_tstz_now(a: &[Datum]) -> PgResult<Datum> {
    let Datum::TimestampTz(t) = arg(a, 0)? else { return Err(errors::wrong_datum("age")) };
    let tz = datetime::session_timezone();
    let today_local = current_date_local();
    let today = tz.local_to_utc(today_local);
    let local = if is_infinite(*t) { *t } else { tz.utc_to_local(*t) };
    age(today, *t, tz.utc_to_local(today), local)
}

fn interval_secs(secs: i32) -> Datum {
    Datum::Interval(Interval { months: 0, days: 0, micros: secs as i64 * USECS_PER_SEC })
}

/// `pg_timezone_abbrevs()`: every abbreviation of `timezone_abbreviations`
/// with its meaning now (dynamic ones as their zone uses them today).
fn f_pg_timezone_abbrevs(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let now = datetime::transaction_timestamp();
    Ok(crate::timezone_abbrevs::all()
        .iter()
        .map(|a| {
            let (offset, is_dst) = match TimeZone::from_abbrev(a) {
                Some(tz) if a.zone.is_some() => (tz.offset_at_utc(now), tz.is_dst_at_utc(now)),
                _ => (a.offset, a.is_dst),
            };
            vec![Datum::Text(a.name.to_string()), interval_secs(offset), Datum::Bool(is_dst)]
        })
        .collect())
}

/// Where the system keeps the tz database.
const ZONEINFO_DIR: &str = "/usr/share/zoneinfo";

/// `pg_timezone_names()`: every zone file of the tz database with its
/// abbreviation, offset and DST flag now. Like PostgreSQL's `pg_tzenumerate`,
/// it walks the directory, skips what is not a TZif file and the leap-second
/// (`right/`) variants; PostgreSQL 15 lists the `Factory` zone (abbreviation
/// `-00`) too.
fn f_pg_timezone_names(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let now = datetime::transaction_timestamp();
    let mut names = Vec::new();
    collect_zone_files(std::path::Path::new(ZONEINFO_DIR), "", 0, &mut names);
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = Vec::with_capacity(names.len());
    for (name, tz) in names {
        crate::fmgr::check_interrupts()?;
        let tz = TimeZone::from_tzif(&name, tz);
        let abbrev = tz.abbrev_at_utc(now);
        rows.push(vec![
            Datum::Text(name),
            Datum::Text(abbrev),
            interval_secs(tz.offset_at_utc(now)),
            Datum::Bool(tz.is_dst_at_utc(now)),
        ]);
    }
    Ok(rows)
}

/// Adds each TZif file under `dir` (following links, a few levels deep) as
/// (name relative to the tz database, parsed zone).
fn collect_zone_files(dir: &std::path::Path, prefix: &str, depth: u32, out: &mut Vec<(String, jiff::tz::TimeZone)>) {
    // The database nests two levels (America/Argentina/Buenos_Aires) under
    // at most `posix/`; the bound also stops a link cycle.
    if depth > 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let name = format!("{prefix}{file_name}");
        let path = entry.path();
        if path.is_dir() {
            collect_zone_files(&path, &format!("{name}/"), depth + 1, out);
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // TZif header: magic, version, 15 reserved bytes, then six counts of
        // which the third is the number of leap-second records.
        if bytes.len() < 44 || &bytes[..4] != b"TZif" || bytes[28..32] != [0, 0, 0, 0] {
            continue;
        }
        if let Ok(tz) = jiff::tz::TimeZone::tzif(&name, &bytes) {
            out.push((name, tz));
        }
    }
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    let zone_columns = [("name", TEXT), ("abbrev", TEXT), ("utc_offset", INTERVAL), ("is_dst", BOOL)];
    let abbrev_columns = [("abbrev", TEXT), ("utc_offset", INTERVAL), ("is_dst", BOOL)];
    vec![
        FuncDef::scalar("timezone", &[TEXT, TIMESTAMPTZ], TIMESTAMP, Immutable, f_timezone_tstz),
        FuncDef::scalar("timezone", &[INTERVAL, TIMESTAMPTZ], TIMESTAMP, Immutable, f_timezone_tstz),
        FuncDef::scalar("timezone", &[TEXT, TIMESTAMP], TIMESTAMPTZ, Immutable, f_timezone_ts),
        FuncDef::scalar("timezone", &[INTERVAL, TIMESTAMP], TIMESTAMPTZ, Immutable, f_timezone_ts),
        FuncDef::scalar("age", &[TIMESTAMP, TIMESTAMP], INTERVAL, Immutable, f_age_ts),
        FuncDef::scalar("age", &[TIMESTAMPTZ, TIMESTAMPTZ], INTERVAL, Immutable, f_age_tstz),
        FuncDef::scalar("age", &[TIMESTAMP], INTERVAL, Stable, f_age_ts_now),
        FuncDef::scalar("age", &[TIMESTAMPTZ], INTERVAL, Stable, f_age_tstz_now),
        FuncDef::scalar(
            "make_timestamp",
            &[INT4, INT4, INT4, INT4, INT4, FLOAT8],
            TIMESTAMP,
            Immutable,
            f_make_timestamp,
        )
        .with_arg_names(&["year", "month", "mday", "hour", "min", "sec"]),
        FuncDef::scalar(
            "make_timestamptz",
            &[INT4, INT4, INT4, INT4, INT4, FLOAT8],
            TIMESTAMPTZ,
            Stable,
            f_make_timestamptz,
        )
        .with_arg_names(&["year", "month", "mday", "hour", "min", "sec"]),
        FuncDef::scalar(
            "make_timestamptz",
            &[INT4, INT4, INT4, INT4, INT4, FLOAT8, TEXT],
            TIMESTAMPTZ,
            Stable,
            f_make_timestamptz,
        )
        .with_arg_names(&["year", "month", "mday", "hour", "min", "sec", "timezone"]),
        FuncDef::set_returning(
            "pg_timezone_names",
            &[],
            RECORD,
            &zone_columns,
            Stable,
            SrfImpl::Materialize(f_pg_timezone_names),
        ),
        FuncDef::set_returning(
            "pg_timezone_abbrevs",
            &[],
            RECORD,
            &abbrev_columns,
            Stable,
            SrfImpl::Materialize(f_pg_timezone_abbrevs),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_print_as_c_does_with_percent_02g() {
        for (v, want) in
            [(5.0, "05"), (15.5, "15.5"), (60.5, "60.5"), (0.0, "00"), (1e-7, "1e-07"), (123456.7, "123457")]
        {
            assert_eq!(format_g(v), want, "{v}");
        }
    }

    #[test]
    fn iso_offsets_are_east_positive() {
        for (s, want) in
            [("+05", Some(18000)), ("-03:30", Some(-12600)), ("+0530", Some(19800)), ("5", None), ("+ab", None)]
        {
            assert_eq!(iso_zone_offset(s).ok(), Some(want), "{s}");
        }
        assert!(iso_zone_offset("+16").is_err());
    }
}
