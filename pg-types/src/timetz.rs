//! `time with time zone` (`timetz`): output, binary input checks, its
//! operators, casts and functions (PostgreSQL's `date.c` `timetz_*`,
//! `time_timetz`, `timestamptz_timetz`, `timetz_zone`, `timetz_part`).
//!
//! A value is a time of day plus a fixed zone offset ([`TimeTz`], zone in
//! seconds west, PostgreSQL's sign). The zone never follows daylight-saving
//! rules: a conversion that needs one offset of a named zone takes the
//! offset in force at the date in question (today's for `time::timetz`, the
//! transaction start's for `AT TIME ZONE`), as PostgreSQL does. Text input is
//! [`crate::datetime::parse_timetz`], beside the other date/time parsers.

use crate::datetime::{self, format_offset, format_time, TimeZone, USECS_PER_DAY, USECS_PER_SEC};
use crate::datum::{Datum, Interval, TimeTz, DATE_NEG_INFINITY, DATE_POS_INFINITY, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::fmgr::{FuncDef, Volatility};
use crate::funcs::{arg, int, text};
use crate::numeric::Numeric;
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};
use std::cmp::Ordering;

/// PostgreSQL's `TZDISP_LIMIT`: zones are less than 16 hours from UTC.
const TZDISP_LIMIT: i32 = 16 * 3600;

/// `timetz_out`: `12:00:00+05`, `12:00:00.5-03:30` (the same in every DateStyle).
pub fn format_timetz(t: &TimeTz) -> String {
    format!("{}{}", format_time(t.time), format_offset(-t.zone))
}

/// `timetz_recv`'s checks on the wire value, then the typmod.
pub fn timetz_recv(time: i64, zone: i32, typmod: i32) -> PgResult<TimeTz> {
    if !(0..=USECS_PER_DAY).contains(&time) {
        return Err(PgError::new(SqlState::INVALID_BINARY_REPRESENTATION, "time out of range"));
    }
    if zone <= -TZDISP_LIMIT || zone >= TZDISP_LIMIT {
        return Err(PgError::new(SqlState::INVALID_BINARY_REPRESENTATION, "time zone displacement out of range"));
    }
    Ok(TimeTz { time: datetime::adjust_timestamp_typmod(time, typmod), zone })
}

fn timetz_arg(a: &[Datum], i: usize) -> PgResult<TimeTz> {
    match arg(a, i)? {
        Datum::TimeTz(t) => Ok(*t),
        _ => Err(errors::wrong_datum("time with time zone argument")),
    }
}

fn interval_arg(a: &[Datum], i: usize) -> PgResult<Interval> {
    match arg(a, i)? {
        Datum::Interval(iv) => Ok(*iv),
        _ => Err(errors::wrong_datum("interval argument")),
    }
}

// ----- casts ----------------------------------------------------------------------------

/// `time_timetz`: the time in the session zone, at the offset that zone has
/// today (the transaction's date).
pub fn time_to_timetz(d: &Datum) -> PgResult<Datum> {
    let Datum::Time(t) = d else { return Err(errors::wrong_datum("time to timetz")) };
    let tz = datetime::session_timezone();
    let today = tz.utc_to_local(datetime::transaction_timestamp()).div_euclid(USECS_PER_DAY);
    let east = tz.offset_for_local(today * USECS_PER_DAY + t);
    Ok(Datum::TimeTz(TimeTz { time: *t, zone: -east }))
}

/// `timestamptz_timetz`: the local time of the instant in the session zone,
/// with that zone's offset at the instant; NULL for an infinite timestamp.
pub fn timestamptz_to_timetz(d: &Datum) -> PgResult<Datum> {
    let Datum::TimestampTz(ts) = *d else { return Err(errors::wrong_datum("timestamptz to timetz")) };
    if ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return Ok(Datum::Null);
    }
    let east = datetime::session_timezone().offset_at_utc(ts);
    let local = ts + east as i64 * USECS_PER_SEC;
    Ok(Datum::TimeTz(TimeTz { time: local.rem_euclid(USECS_PER_DAY), zone: -east }))
}

/// `timetz_time`: the time of day, the zone dropped.
pub fn timetz_to_time(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::TimeTz(t) => Ok(Datum::Time(t.time)),
        _ => Err(errors::wrong_datum("timetz to time")),
    }
}

// ----- operators ------------------------------------------------------------------------

fn cmp(a: &[Datum]) -> PgResult<Ordering> {
    Ok(timetz_arg(a, 0)?.cmp(&timetz_arg(a, 1)?))
}
fn timetz_eq(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? == Ordering::Equal))
}
fn timetz_ne(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? != Ordering::Equal))
}
fn timetz_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? == Ordering::Less))
}
fn timetz_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? != Ordering::Greater))
}
fn timetz_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? == Ordering::Greater))
}
fn timetz_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(cmp(a)? != Ordering::Less))
}
fn timetz_cmp(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(cmp(a)? as i32))
}
fn timetz_larger(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = (timetz_arg(a, 0)?, timetz_arg(a, 1)?);
    Ok(Datum::TimeTz(if x > y { x } else { y }))
}
fn timetz_smaller(a: &[Datum]) -> PgResult<Datum> {
    let (x, y) = (timetz_arg(a, 0)?, timetz_arg(a, 1)?);
    Ok(Datum::TimeTz(if x < y { x } else { y }))
}

/// `timetz_pl_interval`: the interval's time part added around the clock;
/// its months and days do not move a time of day.
fn add(t: TimeTz, micros: i64) -> TimeTz {
    TimeTz { time: (t.time + micros % USECS_PER_DAY).rem_euclid(USECS_PER_DAY), zone: t.zone }
}
fn timetz_pl_interval(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimeTz(add(timetz_arg(a, 0)?, interval_arg(a, 1)?.micros)))
}
fn timetz_mi_interval(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimeTz(add(timetz_arg(a, 0)?, -(interval_arg(a, 1)?.micros % USECS_PER_DAY))))
}
fn interval_pl_timetz(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimeTz(add(timetz_arg(a, 1)?, interval_arg(a, 0)?.micros)))
}

/// `datetimetz_timestamptz`: the instant of the date at that time and zone;
/// both range checks report the date, as PostgreSQL's do.
fn date_timetz(date: i32, t: TimeTz) -> PgResult<Datum> {
    Ok(Datum::TimestampTz(match date {
        DATE_NEG_INFINITY => TS_NEG_INFINITY,
        DATE_POS_INFINITY => TS_POS_INFINITY,
        d => {
            let ts = d as i128 * USECS_PER_DAY as i128 + t.time as i128 + t.zone as i128 * USECS_PER_SEC as i128;
            datetime::check_timestamp(ts)
                .map_err(|_| PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp"))?
        }
    }))
}
fn date_pl_timetz(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Date(d) = *arg(a, 0)? else { return Err(errors::wrong_datum("date + timetz")) };
    date_timetz(d, timetz_arg(a, 1)?)
}
fn timetz_pl_date(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Date(d) = *arg(a, 1)? else { return Err(errors::wrong_datum("timetz + date")) };
    date_timetz(d, timetz_arg(a, 0)?)
}

/// An operator row: name, left type, right type, result type, implementation.
type OperatorRow = (&'static str, u32, u32, u32, fn(&[Datum]) -> PgResult<Datum>);

/// The operators on timetz, for the operator table (`pg_operator` rows).
pub(crate) fn operators() -> Vec<OperatorRow> {
    use oid::*;
    vec![
        ("=", TIMETZ, TIMETZ, BOOL, timetz_eq),
        ("<>", TIMETZ, TIMETZ, BOOL, timetz_ne),
        ("<", TIMETZ, TIMETZ, BOOL, timetz_lt),
        ("<=", TIMETZ, TIMETZ, BOOL, timetz_le),
        (">", TIMETZ, TIMETZ, BOOL, timetz_gt),
        (">=", TIMETZ, TIMETZ, BOOL, timetz_ge),
        ("+", TIMETZ, INTERVAL, TIMETZ, timetz_pl_interval),
        ("-", TIMETZ, INTERVAL, TIMETZ, timetz_mi_interval),
        ("+", INTERVAL, TIMETZ, TIMETZ, interval_pl_timetz),
        ("+", DATE, TIMETZ, TIMESTAMPTZ, date_pl_timetz),
        ("+", TIMETZ, DATE, TIMESTAMPTZ, timetz_pl_date),
    ]
}

// ----- functions ------------------------------------------------------------------------

/// `timetz_zone` / `timetz_izone` (`AT TIME ZONE` on a timetz): the same
/// instant in another zone; a named zone contributes the offset it has at
/// the transaction's start.
fn f_timezone(a: &[Datum]) -> PgResult<Datum> {
    let t = timetz_arg(a, 1)?;
    let west = match arg(a, 0)? {
        Datum::Interval(iv) => {
            if iv.months != 0 || iv.days != 0 {
                let shown = crate::interval::format_interval(iv, crate::io::IntervalStyle::Postgres);
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!("interval time zone \"{shown}\" must not include months or days"),
                ));
            }
            -(iv.micros / USECS_PER_SEC) as i32
        }
        _ => {
            let zone = TimeZone::lookup(text(a, 0)?)?;
            -zone.offset_at_utc(datetime::transaction_timestamp())
        }
    };
    let time = (t.time + (t.zone as i64 - west as i64) * USECS_PER_SEC).rem_euclid(USECS_PER_DAY);
    Ok(Datum::TimeTz(TimeTz { time, zone: west }))
}

/// `timetz(timetz, int4)`: the length coercion function for a precision.
fn f_timetz_typmod(a: &[Datum]) -> PgResult<Datum> {
    let t = timetz_arg(a, 0)?;
    Ok(Datum::TimeTz(TimeTz { time: datetime::adjust_timestamp_typmod(t.time, int(a, 1)? as i32), ..t }))
}

fn f_cast_time(a: &[Datum]) -> PgResult<Datum> {
    time_to_timetz(arg(a, 0)?)
}
fn f_cast_timestamptz(a: &[Datum]) -> PgResult<Datum> {
    timestamptz_to_timetz(arg(a, 0)?)
}
fn f_to_time(a: &[Datum]) -> PgResult<Datum> {
    timetz_to_time(arg(a, 0)?)
}
fn f_timestamptz(a: &[Datum]) -> PgResult<Datum> {
    date_pl_timetz(a)
}

/// `extract(unit from timetz)` (`timetz_part`): the time units, the epoch
/// (seconds since midnight UTC) and the zone units.
fn extract(unit_s: &str, t: &TimeTz) -> PgResult<Numeric> {
    let type_name = "time with time zone";
    let lower = unit_s.to_ascii_lowercase();
    let micros_of_minute = t.time % datetime::USECS_PER_MINUTE;
    let east = -t.zone as i64;
    Ok(match lower.as_str() {
        "microsecond" | "microseconds" | "us" | "usec" | "usecs" => Numeric::from_i64(micros_of_minute),
        "millisecond" | "milliseconds" | "ms" | "msec" | "msecs" => Numeric::from_unscaled(micros_of_minute.into(), 3),
        "second" | "seconds" | "s" | "sec" | "secs" => Numeric::from_unscaled(micros_of_minute.into(), 6),
        "minute" | "minutes" | "m" | "min" | "mins" => Numeric::from_i64(t.time / datetime::USECS_PER_MINUTE % 60),
        "hour" | "hours" | "h" | "hr" | "hrs" => Numeric::from_i64(t.time / datetime::USECS_PER_HOUR),
        "epoch" => Numeric::from_unscaled((t.time + t.zone as i64 * USECS_PER_SEC).into(), 6),
        "timezone" => Numeric::from_i64(east),
        "timezone_h" | "timezone_hour" => Numeric::from_i64(east / 3600),
        "timezone_m" | "timezone_minute" => Numeric::from_i64(east / 60 % 60),
        "day" | "days" | "d" | "week" | "weeks" | "w" | "month" | "months" | "mon" | "mons" | "quarter" | "qtr"
        | "year" | "years" | "y" | "yr" | "yrs" | "decade" | "decades" | "dec" | "century" | "centuries" | "c"
        | "cent" | "millennium" | "millennia" | "mil" | "mils" | "dow" | "isodow" | "doy" | "isoyear" | "julian"
        | "j" => {
            return Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                format!("unit \"{unit_s}\" not supported for type {type_name}"),
            ))
        }
        _ => {
            return Err(PgError::new(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("unit \"{unit_s}\" not recognized for type {type_name}"),
            ))
        }
    })
}
fn f_extract(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Numeric(extract(text(a, 0)?, &timetz_arg(a, 1)?)?))
}
fn f_date_part(a: &[Datum]) -> PgResult<Datum> {
    let (unit_s, t) = (text(a, 0)?, timetz_arg(a, 1)?);
    let exact = extract(unit_s, &t)?;
    // The epoch in floating point, as `timetz_part` adds the zone.
    if unit_s.eq_ignore_ascii_case("epoch") {
        return Ok(Datum::Float8(t.time as f64 / 1_000_000.0 + t.zone as f64));
    }
    Ok(Datum::Float8(crate::funcs::date_part_float8(unit_s, &Datum::TimeTz(t), &exact)))
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    let mut v = vec![
        FuncDef::scalar("timetz", &[TIME], TIMETZ, Stable, f_cast_time),
        FuncDef::scalar("timetz", &[TIMESTAMPTZ], TIMETZ, Stable, f_cast_timestamptz),
        FuncDef::scalar("timetz", &[TIMETZ, INT4], TIMETZ, Immutable, f_timetz_typmod),
        FuncDef::scalar("time", &[TIMETZ], TIME, Immutable, f_to_time),
        FuncDef::scalar("timestamptz", &[DATE, TIMETZ], TIMESTAMPTZ, Immutable, f_timestamptz),
        FuncDef::scalar("timezone", &[TEXT, TIMETZ], TIMETZ, Stable, f_timezone),
        FuncDef::scalar("timezone", &[INTERVAL, TIMETZ], TIMETZ, Immutable, f_timezone),
        FuncDef::scalar("date_part", &[TEXT, TIMETZ], FLOAT8, Immutable, f_date_part),
        FuncDef::scalar("extract", &[TEXT, TIMETZ], NUMERIC, Immutable, f_extract),
        FuncDef::scalar("timetz_cmp", &[TIMETZ, TIMETZ], INT4, Immutable, timetz_cmp),
        FuncDef::scalar("timetz_larger", &[TIMETZ, TIMETZ], TIMETZ, Immutable, timetz_larger),
        FuncDef::scalar("timetz_smaller", &[TIMETZ, TIMETZ], TIMETZ, Immutable, timetz_smaller),
        FuncDef::scalar("datetimetz_pl", &[DATE, TIMETZ], TIMESTAMPTZ, Immutable, date_pl_timetz),
        FuncDef::scalar("timetzdate_pl", &[TIMETZ, DATE], TIMESTAMPTZ, Immutable, timetz_pl_date),
        FuncDef::scalar("interval_pl_timetz", &[INTERVAL, TIMETZ], TIMETZ, Immutable, interval_pl_timetz),
        FuncDef::scalar("timetz_pl_interval", &[TIMETZ, INTERVAL], TIMETZ, Immutable, timetz_pl_interval),
        FuncDef::scalar("timetz_mi_interval", &[TIMETZ, INTERVAL], TIMETZ, Immutable, timetz_mi_interval),
    ];
    for (name, f) in [
        ("timetz_eq", timetz_eq as fn(&[Datum]) -> PgResult<Datum>),
        ("timetz_ne", timetz_ne),
        ("timetz_lt", timetz_lt),
        ("timetz_le", timetz_le),
        ("timetz_gt", timetz_gt),
        ("timetz_ge", timetz_ge),
    ] {
        v.push(FuncDef::scalar(name, &[TIMETZ, TIMETZ], BOOL, Immutable, f));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tt(h: i64, zone_east_h: i32) -> TimeTz {
        TimeTz { time: h * datetime::USECS_PER_HOUR, zone: -zone_east_h * 3600 }
    }

    #[test]
    fn ordering_is_by_utc_time_then_zone() {
        // Recorded from PostgreSQL 15: 12:00+05 < 08:00+01 < 07:00+00 (all 07:00 UTC).
        assert!(tt(12, 5) < tt(8, 1));
        assert!(tt(8, 1) < tt(7, 0));
        assert!(tt(11, 5) < tt(12, 5));
        assert_eq!(tt(12, 5).cmp(&tt(12, 5)), Ordering::Equal);
    }

    #[test]
    fn output_prints_the_offset_east_positive() {
        assert_eq!(format_timetz(&tt(12, 5)), "12:00:00+05");
        assert_eq!(format_timetz(&TimeTz { time: 0, zone: 12600 }), "00:00:00-03:30");
    }

    #[test]
    fn binary_form_is_time_then_zone_west() {
        let v = Datum::TimeTz(TimeTz { time: 5, zone: -18000 });
        let wire = crate::binary::send(oid::TIMETZ, &v).expect("send");
        assert_eq!(wire, [0, 0, 0, 0, 0, 0, 0, 5, 0xff, 0xff, 0xb9, 0xb0]);
        assert_eq!(crate::binary::recv(oid::TIMETZ, -1, &wire).ok(), Some(v));
        assert!(timetz_recv(USECS_PER_DAY + 1, 0, -1).is_err());
        assert!(timetz_recv(0, TZDISP_LIMIT, -1).is_err());
    }

    #[test]
    fn intervals_move_around_the_clock() {
        let h = datetime::USECS_PER_HOUR;
        assert_eq!(add(tt(23, 5), 2 * h), tt(1, 5));
        assert_eq!(add(tt(1, 5), -2 * h - USECS_PER_DAY), tt(23, 5));
    }
}
