//! Built-in set-returning functions that need no backend state
//! (PostgreSQL's `generate_series` from `utils/adt/int.c`, `int8.c`,
//! `numeric.c` and `timestamp.c`), loaded into the function manager's
//! registry with this crate's other functions ([`crate::fmgr`]).
//!
//! Each function is value-per-call (pg-types' `SrfImpl::ValuePerCall`):
//! it checks its arguments, then returns an iterator that computes one row
//! per call, so `generate_series(1, 2000000000)` returns its first row at
//! once and holds nothing but its counter.

use crate::datum::Datum;
use crate::fmgr::{FuncDef, SetRows, SrfImpl, Volatility};
use crate::numeric::Numeric;
use crate::types::{oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

fn step_zero() -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, "step size cannot equal zero")
}

/// The state of an integer series between calls (`generate_series_fctx`).
struct IntSeries {
    next: Option<i64>,
    stop: i64,
    step: i64,
    wrap: fn(i64) -> Datum,
}

impl Iterator for IntSeries {
    type Item = PgResult<Vec<Datum>>;
    fn next(&mut self) -> Option<Self::Item> {
        let v = self.next?;
        if (self.step > 0 && v > self.stop) || (self.step < 0 && v < self.stop) {
            self.next = None;
            return None;
        }
        // Stop rather than overflow, as PostgreSQL's int4/int8 versions do.
        self.next = v.checked_add(self.step);
        Some(Ok(vec![(self.wrap)(v)]))
    }
}

fn series_i64(start: i64, stop: i64, step: i64, wrap: fn(i64) -> Datum) -> PgResult<SetRows> {
    if step == 0 {
        return Err(step_zero());
    }
    Ok(Box::new(IntSeries { next: Some(start), stop, step, wrap }))
}

fn int_args(args: &[Datum]) -> PgResult<(i64, i64, i64)> {
    let get = |i: usize, default: i64| -> PgResult<i64> {
        match args.get(i) {
            None => Ok(default),
            Some(d) => d.as_i64().ok_or_else(|| PgError::internal("generate_series: non-integer argument")),
        }
    };
    Ok((get(0, 0)?, get(1, 0)?, get(2, 1)?))
}

fn series_int4(args: &[Datum]) -> PgResult<SetRows> {
    let (start, stop, step) = int_args(args)?;
    series_i64(start, stop, step, |v| Datum::Int4(v as i32))
}

fn series_int8(args: &[Datum]) -> PgResult<SetRows> {
    let (start, stop, step) = int_args(args)?;
    series_i64(start, stop, step, Datum::Int8)
}

fn series_numeric(args: &[Datum]) -> PgResult<SetRows> {
    let num = |i: usize| -> PgResult<Numeric> {
        match args.get(i) {
            None => Ok(Numeric::one()),
            Some(Datum::Numeric(n)) => Ok(n.clone()),
            Some(_) => Err(PgError::internal("generate_series: non-numeric argument")),
        }
    };
    let (start, stop, step) = (num(0)?, num(1)?, num(2)?);
    // generate_series_step_numeric's wording: "start value", "stop value", but "step size".
    for (n, what) in [(&start, "start value"), (&stop, "stop value"), (&step, "step size")] {
        if n.is_nan() {
            return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("{what} cannot be NaN")));
        }
        if !n.is_finite() {
            return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("{what} cannot be infinity")));
        }
    }
    if step.is_zero() {
        return Err(step_zero());
    }
    let up = step > Numeric::from_i64(0);
    let mut v = start;
    Ok(Box::new(std::iter::from_fn(move || {
        if (up && v > stop) || (!up && v < stop) {
            return None;
        }
        let next = v.add(&step);
        Some(Ok(vec![Datum::Numeric(std::mem::replace(&mut v, next))]))
    })))
}

/// `generate_series(timestamp[tz], timestamp[tz], interval)`: steps with the
/// type's own `+ interval` operator.
fn series_timestamp(args: &[Datum], ts_type: Oid) -> PgResult<SetRows> {
    let plus = crate::ops::find_operator("+", Some(ts_type), oid::INTERVAL)
        .ok_or_else(|| PgError::internal("timestamp + interval operator is missing"))?
        .func;
    let zero = crate::datum::Interval { months: 0, days: 0, micros: 0 };
    let Datum::Interval(step) = &args[2] else {
        return Err(PgError::internal("generate_series: step is not an interval"));
    };
    let dir = step.cmp_value().cmp(&zero.cmp_value());
    if dir == std::cmp::Ordering::Equal {
        return Err(step_zero());
    }
    let (stop, step) = (args[1].clone(), args[2].clone());
    let mut next = Some(args[0].clone());
    Ok(Box::new(std::iter::from_fn(move || {
        let v = next.take()?;
        let ord = crate::datum::datum_cmp(&v, &stop).unwrap_or(std::cmp::Ordering::Greater);
        let inside = match dir {
            std::cmp::Ordering::Greater => ord != std::cmp::Ordering::Greater,
            _ => ord != std::cmp::Ordering::Less,
        };
        if !inside {
            return None;
        }
        match plus(&[v.clone(), step.clone()]) {
            Ok(n) => next = Some(n),
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(vec![v]))
    })))
}

fn series_timestamptz(args: &[Datum]) -> PgResult<SetRows> {
    series_timestamp(args, oid::TIMESTAMPTZ)
}

fn series_ts(args: &[Datum]) -> PgResult<SetRows> {
    series_timestamp(args, oid::TIMESTAMP)
}

fn srf(args: &[Oid], ret: Oid, volatility: Volatility, func: fn(&[Datum]) -> PgResult<SetRows>) -> FuncDef {
    let columns = [("generate_series", ret)];
    FuncDef::set_returning("generate_series", args, ret, &columns, volatility, SrfImpl::ValuePerCall(func))
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    vec![
        srf(&[INT4, INT4], INT4, Immutable, series_int4),
        srf(&[INT4, INT4, INT4], INT4, Immutable, series_int4),
        srf(&[INT8, INT8], INT8, Immutable, series_int8),
        srf(&[INT8, INT8, INT8], INT8, Immutable, series_int8),
        srf(&[NUMERIC, NUMERIC], NUMERIC, Immutable, series_numeric),
        srf(&[NUMERIC, NUMERIC, NUMERIC], NUMERIC, Immutable, series_numeric),
        // Stable: the step in days depends on the session time zone.
        srf(&[TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL], TIMESTAMPTZ, Stable, series_timestamptz),
        srf(&[TIMESTAMP, TIMESTAMP, INTERVAL], TIMESTAMP, Immutable, series_ts),
    ]
}
