//! Built-in set-returning functions that need no backend state
//! (PostgreSQL's `generate_series` from `utils/adt/int.c`, `int8.c`,
//! `numeric.c` and `timestamp.c`), registered into pg-types' function
//! registry by [`register_builtin_functions`].
//!
//! Functions return all their rows at once (pg-types' `SrfFn`), so a huge
//! series is materialised; PostgreSQL's value-per-call protocol is future work.

use pg_error::{PgError, PgResult, SqlState};
use pg_types::datum::Datum;
use pg_types::numeric::Numeric;
use pg_types::types::{oid, Oid};
use pg_types::{register_function, FuncDef, FuncKind, Volatility};
use std::sync::Once;

type Rows = Vec<Vec<Datum>>;

fn step_zero() -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, "step size cannot equal zero")
}

/// Rows a set-returning function may materialise: without a tuplestore
/// that spills to disk (PostgreSQL's), a larger result could exhaust memory
/// and take the backend down, so it is refused instead.
const MAX_SRF_ROWS: usize = 100_000_000;

/// Appends one row, staying cancellable and within [`MAX_SRF_ROWS`].
fn push_row(out: &mut Rows, row: Vec<Datum>) -> PgResult<()> {
    if out.len().is_multiple_of(4096) {
        pg_types::check_interrupts()?;
        if out.len() >= MAX_SRF_ROWS {
            return Err(PgError::not_supported(format!(
                "set-returning functions returning more than {MAX_SRF_ROWS} rows are not supported yet"
            )));
        }
    }
    out.push(row);
    Ok(())
}

fn series_i64(start: i64, stop: i64, step: i64, wrap: fn(i64) -> Datum) -> PgResult<Rows> {
    if step == 0 {
        return Err(step_zero());
    }
    let mut out = Vec::new();
    let mut v = start;
    while (step > 0 && v <= stop) || (step < 0 && v >= stop) {
        push_row(&mut out, vec![wrap(v)])?;
        // Stop rather than overflow, as PostgreSQL's int4/int8 versions do.
        match v.checked_add(step) {
            Some(n) => v = n,
            None => break,
        }
    }
    Ok(out)
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

fn series_int4(args: &[Datum]) -> PgResult<Rows> {
    let (start, stop, step) = int_args(args)?;
    series_i64(start, stop, step, |v| Datum::Int4(v as i32))
}

fn series_int8(args: &[Datum]) -> PgResult<Rows> {
    let (start, stop, step) = int_args(args)?;
    series_i64(start, stop, step, Datum::Int8)
}

fn series_numeric(args: &[Datum]) -> PgResult<Rows> {
    let num = |i: usize| -> PgResult<Numeric> {
        match args.get(i) {
            None => Ok(Numeric::one()),
            Some(Datum::Numeric(n)) => Ok(n.clone()),
            Some(_) => Err(PgError::internal("generate_series: non-numeric argument")),
        }
    };
    let (start, stop, step) = (num(0)?, num(1)?, num(2)?);
    for (n, what) in [(&start, "start"), (&stop, "stop"), (&step, "step size")] {
        if n.is_nan() {
            return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("{what} value cannot be NaN")));
        }
        if !n.is_finite() {
            return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("{what} value cannot be infinity")));
        }
    }
    if step.is_zero() {
        return Err(step_zero());
    }
    let up = step > Numeric::from_i64(0);
    let mut out = Vec::new();
    let mut v = start;
    while (up && v <= stop) || (!up && v >= stop) {
        push_row(&mut out, vec![Datum::Numeric(v.clone())])?;
        v = v.add(&step);
    }
    Ok(out)
}

/// `generate_series(timestamp[tz], timestamp[tz], interval)`: steps with the
/// type's own `+ interval` operator.
fn series_timestamp(args: &[Datum], ts_type: Oid) -> PgResult<Rows> {
    let plus = pg_types::ops::find_operator("+", Some(ts_type), oid::INTERVAL)
        .ok_or_else(|| PgError::internal("timestamp + interval operator is missing"))?
        .func;
    let zero = pg_types::datum::Interval { months: 0, days: 0, micros: 0 };
    let Datum::Interval(step) = &args[2] else {
        return Err(PgError::internal("generate_series: step is not an interval"));
    };
    let dir = step.cmp_value().cmp(&zero.cmp_value());
    if dir == std::cmp::Ordering::Equal {
        return Err(step_zero());
    }
    let mut out = Vec::new();
    let mut v = args[0].clone();
    loop {
        let ord = pg_types::datum::datum_cmp(&v, &args[1]).unwrap_or(std::cmp::Ordering::Greater);
        let inside = match dir {
            std::cmp::Ordering::Greater => ord != std::cmp::Ordering::Greater,
            _ => ord != std::cmp::Ordering::Less,
        };
        if !inside {
            break;
        }
        push_row(&mut out, vec![v.clone()])?;
        v = plus(&[v, args[2].clone()])?;
    }
    Ok(out)
}

fn series_timestamptz(args: &[Datum]) -> PgResult<Rows> {
    series_timestamp(args, oid::TIMESTAMPTZ)
}

fn series_ts(args: &[Datum]) -> PgResult<Rows> {
    series_timestamp(args, oid::TIMESTAMP)
}

fn srf(args: &[Oid], ret: Oid, func: fn(&[Datum]) -> PgResult<Rows>) -> FuncDef {
    FuncDef {
        name: "generate_series",
        oid: 0,
        arg_types: args.to_vec(),
        variadic: None,
        ret_type: ret,
        strict: true,
        volatility: Volatility::Immutable,
        kind: FuncKind::SetReturning { columns: vec![("generate_series".to_string(), ret)], func },
    }
}

/// Registers the functions of this module (idempotent; the analyzer calls
/// it before its first function lookup).
pub fn register_builtin_functions() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        use oid::*;
        register_function(srf(&[INT4, INT4], INT4, series_int4));
        register_function(srf(&[INT4, INT4, INT4], INT4, series_int4));
        register_function(srf(&[INT8, INT8], INT8, series_int8));
        register_function(srf(&[INT8, INT8, INT8], INT8, series_int8));
        register_function(srf(&[NUMERIC, NUMERIC], NUMERIC, series_numeric));
        register_function(srf(&[NUMERIC, NUMERIC, NUMERIC], NUMERIC, series_numeric));
        register_function(srf(&[TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL], TIMESTAMPTZ, series_timestamptz));
        register_function(srf(&[TIMESTAMP, TIMESTAMP, INTERVAL], TIMESTAMP, series_ts));
    });
}
