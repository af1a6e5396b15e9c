//! Date and time functions that build or normalize values: `justify_days`,
//! `justify_hours`, `justify_interval`, `make_interval`, `make_time`,
//! `date_bin` and `isfinite` (PostgreSQL's `timestamp.c` `interval_justify_*`,
//! `make_interval`, `timestamp_bin`, and `date.c` `make_time`).
//!
//! `make_interval` keeps PostgreSQL 15's arithmetic exactly: its fields are
//! multiplied in C's wrapping integer arithmetic (`make_interval(years =>
//! 2147483647)` is `-1 years` there too), and only an infinite or NaN
//! `secs` is refused.

use crate::datetime::{USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC};
use crate::datum::{Datum, Interval, DATE_NEG_INFINITY, DATE_POS_INFINITY, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::fmgr::{FuncDef, Volatility};
use crate::funcs::{arg, int};
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};

/// PostgreSQL's `DAYS_PER_MONTH`: justify_* count 30 days to a month.
const DAYS_PER_MONTH: i32 = 30;

fn interval_arg(a: &[Datum], i: usize) -> PgResult<Interval> {
    match arg(a, i)? {
        Datum::Interval(iv) => Ok(*iv),
        _ => Err(errors::wrong_datum("interval argument")),
    }
}

fn float_arg(a: &[Datum], i: usize) -> PgResult<f64> {
    arg(a, i)?.as_f64().ok_or_else(|| errors::wrong_datum("float argument"))
}

fn add_days(days: i32, more: i64) -> PgResult<i32> {
    i32::try_from(days as i64 + more).map_err(|_| errors::interval_out_of_range())
}

/// Moves whole 24-hour days of the time part into the days, then gives the
/// time the days' sign (`interval_justify_hours`).
fn justify_hours(mut iv: Interval) -> PgResult<Interval> {
    let whole_days = iv.micros / USECS_PER_DAY;
    iv.micros -= whole_days * USECS_PER_DAY;
    iv.days = add_days(iv.days, whole_days)?;
    if iv.days > 0 && iv.micros < 0 {
        iv.micros += USECS_PER_DAY;
        iv.days -= 1;
    } else if iv.days < 0 && iv.micros > 0 {
        iv.micros -= USECS_PER_DAY;
        iv.days += 1;
    }
    Ok(iv)
}

/// Moves whole 30-day months of the days into the months (no sign fix-up).
fn carry_days_to_months(iv: &mut Interval) -> PgResult<()> {
    let whole_months = iv.days / DAYS_PER_MONTH;
    iv.days -= whole_months * DAYS_PER_MONTH;
    iv.months = iv.months.checked_add(whole_months).ok_or_else(errors::interval_out_of_range)?;
    Ok(())
}

/// `interval_justify_days`.
fn justify_days(mut iv: Interval) -> PgResult<Interval> {
    carry_days_to_months(&mut iv)?;
    if iv.months > 0 && iv.days < 0 {
        iv.days += DAYS_PER_MONTH;
        iv.months -= 1;
    } else if iv.months < 0 && iv.days > 0 {
        iv.days -= DAYS_PER_MONTH;
        iv.months += 1;
    }
    Ok(iv)
}

/// `interval_justify_interval`: days into months first where that keeps the
/// sum from overflowing, then hours into days and days into months, then
/// every field takes the sign of the largest.
fn justify_interval(mut iv: Interval) -> PgResult<Interval> {
    if (iv.days > 0 && iv.micros > 0) || (iv.days < 0 && iv.micros < 0) {
        carry_days_to_months(&mut iv)?;
    }
    let whole_days = iv.micros / USECS_PER_DAY;
    iv.micros -= whole_days * USECS_PER_DAY;
    iv.days = add_days(iv.days, whole_days)?;
    carry_days_to_months(&mut iv)?;
    if iv.months > 0 && (iv.days < 0 || (iv.days == 0 && iv.micros < 0)) {
        iv.days += DAYS_PER_MONTH;
        iv.months -= 1;
    } else if iv.months < 0 && (iv.days > 0 || (iv.days == 0 && iv.micros > 0)) {
        iv.days -= DAYS_PER_MONTH;
        iv.months += 1;
    }
    if iv.days > 0 && iv.micros < 0 {
        iv.micros += USECS_PER_DAY;
        iv.days -= 1;
    } else if iv.days < 0 && iv.micros > 0 {
        iv.micros -= USECS_PER_DAY;
        iv.days += 1;
    }
    Ok(iv)
}

fn f_justify_hours(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(justify_hours(interval_arg(a, 0)?)?))
}
fn f_justify_days(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(justify_days(interval_arg(a, 0)?)?))
}
fn f_justify_interval(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Interval(justify_interval(interval_arg(a, 0)?)?))
}

/// C's conversion of a double to int64 on x86-64 (`cvttsd2si`): a value
/// outside the range gives the "integer indefinite" value, `INT64_MIN`.
fn c_double_to_i64(v: f64) -> i64 {
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&v) {
        v as i64
    } else {
        i64::MIN
    }
}

/// `make_interval(years, months, weeks, days, hours, mins, secs)`.
fn f_make_interval(a: &[Datum]) -> PgResult<Datum> {
    let field = |i: usize| int(a, i).map(|v| v as i32);
    let (years, months, weeks, days, hours, mins) = (field(0)?, field(1)?, field(2)?, field(3)?, field(4)?, field(5)?);
    let secs = float_arg(a, 6)?;
    if !secs.is_finite() {
        return Err(errors::interval_out_of_range());
    }
    let micros = c_double_to_i64((secs * USECS_PER_SEC as f64).round_ties_even());
    Ok(Datum::Interval(Interval {
        months: years.wrapping_mul(12).wrapping_add(months),
        days: weeks.wrapping_mul(7).wrapping_add(days),
        micros: (hours as i64)
            .wrapping_mul(USECS_PER_HOUR)
            .wrapping_add((mins as i64).wrapping_mul(USECS_PER_MINUTE))
            .wrapping_add(micros),
    }))
}

/// `make_time(hour, min, sec)`: 24:00:00 is allowed, as in time input.
fn f_make_time(a: &[Datum]) -> PgResult<Datum> {
    let (hour, min, sec) = (int(a, 0)?, int(a, 1)?, float_arg(a, 2)?);
    let sec_us = (sec * USECS_PER_SEC as f64).round_ties_even();
    let total = (hour * 60 + min) * USECS_PER_MINUTE;
    let overflows = !(0..=24).contains(&hour)
        || !(0..60).contains(&min)
        || sec.is_nan()
        || !(0.0..=(60 * USECS_PER_SEC) as f64).contains(&sec_us)
        || total + sec_us as i64 > USECS_PER_DAY;
    if overflows {
        return Err(PgError::new(
            SqlState::DATETIME_FIELD_OVERFLOW,
            format!("time field value out of range: {hour}:{min:02}:{}", crate::tzfuncs::format_g(sec)),
        ));
    }
    Ok(Datum::Time(total + sec_us as i64))
}

/// `date_bin(stride, source, origin)` for timestamp and timestamptz alike
/// (both count µs; the bins do not depend on a time zone): the start of the
/// bin of width `stride`, aligned to `origin`, that holds `source`.
fn f_date_bin(a: &[Datum]) -> PgResult<Datum> {
    let stride = interval_arg(a, 0)?;
    let (source, origin, with_tz) = match (arg(a, 1)?, arg(a, 2)?) {
        (Datum::Timestamp(s), Datum::Timestamp(o)) => (*s, *o, false),
        (Datum::TimestampTz(s), Datum::TimestampTz(o)) => (*s, *o, true),
        _ => return Err(errors::wrong_datum("date_bin")),
    };
    let wrap = |ts: i64| if with_tz { Datum::TimestampTz(ts) } else { Datum::Timestamp(ts) };
    if source == TS_NEG_INFINITY || source == TS_POS_INFINITY {
        return Ok(wrap(source));
    }
    if origin == TS_NEG_INFINITY || origin == TS_POS_INFINITY {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "origin out of range"));
    }
    if stride.months != 0 {
        return Err(PgError::new(
            SqlState::FEATURE_NOT_SUPPORTED,
            "timestamps cannot be binned into intervals containing months or years",
        ));
    }
    let stride_us = (stride.days as i64)
        .checked_mul(USECS_PER_DAY)
        .and_then(|d| d.checked_add(stride.micros))
        .ok_or_else(errors::interval_out_of_range)?;
    if stride_us <= 0 {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "stride must be greater than zero"));
    }
    let diff = source.checked_sub(origin).ok_or_else(errors::interval_out_of_range)?;
    let rem = diff % stride_us;
    // A source before the origin belongs to the bin that starts below it.
    let delta = if rem < 0 { diff - rem - stride_us } else { diff - rem };
    let result = origin.checked_add(delta).ok_or_else(errors::timestamp_out_of_range)?;
    Ok(wrap(result))
}

fn f_isfinite(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(match arg(a, 0)? {
        Datum::Date(d) => *d != DATE_NEG_INFINITY && *d != DATE_POS_INFINITY,
        Datum::Timestamp(t) | Datum::TimestampTz(t) => *t != TS_NEG_INFINITY && *t != TS_POS_INFINITY,
        // Intervals have no infinite values in PostgreSQL 15.
        Datum::Interval(_) => true,
        _ => return Err(errors::wrong_datum("isfinite")),
    }))
}

/// `datetime_timestamp` (`date + time`, and `time + date`): the date's
/// midnight (22008 for a date past the timestamp range, infinities kept)
/// plus the time.
fn date_pl_time(date: &Datum, time: &Datum) -> PgResult<Datum> {
    let Datum::Time(t) = time else { return Err(errors::wrong_datum("date + time")) };
    match crate::casts::date_to_timestamp(date)? {
        Datum::Timestamp(ts) if ts != TS_NEG_INFINITY && ts != TS_POS_INFINITY => {
            Ok(Datum::Timestamp(crate::datetime::check_timestamp(ts as i128 + *t as i128)?))
        }
        other => Ok(other),
    }
}
fn op_date_pl_time(a: &[Datum]) -> PgResult<Datum> {
    date_pl_time(arg(a, 0)?, arg(a, 1)?)
}
fn op_time_pl_date(a: &[Datum]) -> PgResult<Datum> {
    date_pl_time(arg(a, 1)?, arg(a, 0)?)
}

/// An endpoint of an OVERLAPS period: the argument itself, or for an
/// interval argument the period's start plus it (NULL if either is).
fn period_end(start: &Datum, end: &Datum) -> PgResult<Datum> {
    let Datum::Interval(_) = end else { return Ok(end.clone()) };
    if start.is_null() {
        return Ok(Datum::Null);
    }
    let start_type = crate::io::natural_type(start);
    let op = crate::ops::find_operator("+", Some(start_type), oid::INTERVAL)
        .ok_or_else(|| errors::wrong_datum("overlaps"))?;
    (op.func)(&[start.clone(), end.clone()])
}

/// `(s1, e1) OVERLAPS (s2, e2)` (`overlaps_timestamp`, `overlaps_time`,
/// `overlaps_timetz`, and the SQL forms that take an interval for an end):
/// each period runs from its lesser to its greater endpoint; a NULL
/// endpoint makes the answer NULL only where it matters, as PostgreSQL
/// decides case by case.
fn f_overlaps(a: &[Datum]) -> PgResult<Datum> {
    let (s1, s2) = (arg(a, 0)?.clone(), arg(a, 2)?.clone());
    let (e1, e2) = (period_end(&s1, arg(a, 1)?)?, period_end(&s2, arg(a, 3)?)?);
    let lt = |x: &Datum, y: &Datum| crate::datum::datum_cmp(x, y) == Some(std::cmp::Ordering::Less);
    // Each period as (start, end or None), the start the non-null lesser endpoint.
    let normalize = |s: Datum, e: Datum| -> Option<(Datum, Option<Datum>)> {
        match (s.is_null(), e.is_null()) {
            (true, true) => None,
            (true, false) => Some((e, None)),
            (false, true) => Some((s, None)),
            (false, false) if lt(&e, &s) => Some((e, Some(s))),
            (false, false) => Some((s, Some(e))),
        }
    };
    let (Some((s1, e1)), Some((s2, e2))) = (normalize(s1, e1), normalize(s2, e2)) else {
        return Ok(Datum::Null);
    };
    let answer = |later_start: &Datum, earlier_end: Option<&Datum>, later_end: Option<&Datum>| match earlier_end {
        None => Datum::Null,
        Some(e) if lt(later_start, e) => Datum::Bool(true),
        Some(_) if later_end.is_none() => Datum::Null,
        Some(_) => Datum::Bool(false),
    };
    Ok(if lt(&s2, &s1) {
        answer(&s1, e2.as_ref(), e1.as_ref())
    } else if lt(&s1, &s2) {
        answer(&s2, e1.as_ref(), e2.as_ref())
    } else if e1.is_none() || e2.is_none() {
        Datum::Null
    } else {
        Datum::Bool(true)
    })
}

/// An operator row: name, left type, right type, result type, implementation.
type OperatorRow = (&'static str, u32, u32, u32, fn(&[Datum]) -> PgResult<Datum>);

/// The operators of this module, for the operator table: `date + time`
/// exists as such in PostgreSQL (it is not `date + interval`, and with
/// `time` castable to both `interval` and `timetz` it must be found first).
pub(crate) fn operators() -> Vec<OperatorRow> {
    use oid::*;
    vec![("+", DATE, TIME, TIMESTAMP, op_date_pl_time), ("+", TIME, DATE, TIMESTAMP, op_time_pl_date)]
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    vec![
        FuncDef::scalar("justify_days", &[INTERVAL], INTERVAL, Immutable, f_justify_days),
        FuncDef::scalar("justify_hours", &[INTERVAL], INTERVAL, Immutable, f_justify_hours),
        FuncDef::scalar("justify_interval", &[INTERVAL], INTERVAL, Immutable, f_justify_interval),
        FuncDef::scalar(
            "make_interval",
            &[INT4, INT4, INT4, INT4, INT4, INT4, FLOAT8],
            INTERVAL,
            Immutable,
            f_make_interval,
        )
        .with_defaults(vec![
            Datum::Int4(0),
            Datum::Int4(0),
            Datum::Int4(0),
            Datum::Int4(0),
            Datum::Int4(0),
            Datum::Int4(0),
            Datum::Float8(0.0),
        ])
        .with_arg_names(&["years", "months", "weeks", "days", "hours", "mins", "secs"]),
        FuncDef::scalar("make_time", &[INT4, INT4, FLOAT8], TIME, Immutable, f_make_time)
            .with_arg_names(&["hour", "min", "sec"]),
        FuncDef::scalar("date_bin", &[INTERVAL, TIMESTAMP, TIMESTAMP], TIMESTAMP, Immutable, f_date_bin),
        FuncDef::scalar("date_bin", &[INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ], TIMESTAMPTZ, Immutable, f_date_bin),
        FuncDef::scalar("isfinite", &[DATE], BOOL, Immutable, f_isfinite),
        FuncDef::scalar("isfinite", &[TIMESTAMP], BOOL, Immutable, f_isfinite),
        FuncDef::scalar("isfinite", &[TIMESTAMPTZ], BOOL, Immutable, f_isfinite),
        FuncDef::scalar("isfinite", &[INTERVAL], BOOL, Immutable, f_isfinite),
        FuncDef::scalar("datetime_pl", &[DATE, TIME], TIMESTAMP, Immutable, op_date_pl_time),
        FuncDef::scalar("overlaps", &[TIMETZ, TIMETZ, TIMETZ, TIMETZ], BOOL, Immutable, f_overlaps).non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ], BOOL, Immutable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, INTERVAL], BOOL, Stable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL], BOOL, Stable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ], BOOL, Stable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIME, TIME, TIME, TIME], BOOL, Immutable, f_overlaps).non_strict(),
        FuncDef::scalar("overlaps", &[TIME, INTERVAL, TIME, INTERVAL], BOOL, Immutable, f_overlaps).non_strict(),
        FuncDef::scalar("overlaps", &[TIME, TIME, TIME, INTERVAL], BOOL, Immutable, f_overlaps).non_strict(),
        FuncDef::scalar("overlaps", &[TIME, INTERVAL, TIME, TIME], BOOL, Immutable, f_overlaps).non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMP, TIMESTAMP, TIMESTAMP, TIMESTAMP], BOOL, Immutable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMP, INTERVAL, TIMESTAMP, INTERVAL], BOOL, Immutable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMP, TIMESTAMP, TIMESTAMP, INTERVAL], BOOL, Immutable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("overlaps", &[TIMESTAMP, INTERVAL, TIMESTAMP, TIMESTAMP], BOOL, Immutable, f_overlaps)
            .non_strict(),
        FuncDef::scalar("timedate_pl", &[TIME, DATE], TIMESTAMP, Immutable, op_time_pl_date),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(months: i32, days: i32, micros: i64) -> Interval {
        Interval { months, days, micros }
    }

    #[test]
    fn justify_moves_units_and_fixes_signs() {
        let h = USECS_PER_HOUR;
        // Cases recorded from PostgreSQL 15.
        assert_eq!(justify_days(iv(0, -35, h)).ok(), Some(iv(-1, -5, h)));
        assert_eq!(justify_hours(iv(0, 1, -25 * h)).ok(), Some(iv(0, 0, -h)));
        assert_eq!(justify_interval(iv(1, 0, -h)).ok(), Some(iv(0, 29, 23 * h)));
        assert!(justify_hours(iv(0, i32::MAX, 24 * h)).is_err());
        assert!(justify_days(iv(i32::MAX, 30, 0)).is_err());
    }

    #[test]
    fn date_bin_aligns_to_the_origin() {
        let day = USECS_PER_DAY;
        let bin = |stride: Interval, s: i64, o: i64| match f_date_bin(&[
            Datum::Interval(stride),
            Datum::Timestamp(s),
            Datum::Timestamp(o),
        ]) {
            Ok(Datum::Timestamp(t)) => Some(t),
            _ => None,
        };
        assert_eq!(bin(iv(0, 7, 0), 0, 3 * day), Some(-4 * day));
        assert_eq!(bin(iv(0, 7, 0), 0, 7 * day), Some(0));
        assert_eq!(bin(iv(0, 1, 0), 5 * day + 1, 0), Some(5 * day));
        assert_eq!(bin(iv(1, 0, 0), 0, 0), None);
        assert_eq!(bin(iv(0, 0, 0), 0, 0), None);
    }

    #[test]
    fn out_of_range_doubles_convert_as_x86_does() {
        assert_eq!(c_double_to_i64(1e24), i64::MIN);
        assert_eq!(c_double_to_i64(-1.5e6), -1_500_000);
    }
}
