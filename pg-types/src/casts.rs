//! Casts (PostgreSQL's `pg_cast.dat` and `parse_coerce.c`'s rules) and typmod application.
//!
//! Contexts follow pg_cast: widening numeric casts are implicit, narrowing ones assignment,
//! int4↔bool explicit. Casts not in the table fall back to PostgreSQL's automatic I/O
//! conversion: to a string type in assignment context, from a string type explicitly.

use crate::datetime::{self, USECS_PER_DAY};
use crate::datum::{Datum, DATE_NEG_INFINITY, DATE_POS_INFINITY, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::io::{self, OutputSettings};
use crate::numeric::Numeric;
use crate::types::{self, oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

/// `pg_cast.castcontext`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CastContext {
    /// 'i': applied silently in expressions.
    Implicit,
    /// 'a': applied on assignment to a column (and explicitly).
    Assignment,
    /// 'e': only with CAST / `::`.
    Explicit,
}

/// A cast function (`pg_cast.castfunc`): one value of the source type in,
/// one of the target type out.
pub type CastFn = fn(&Datum) -> PgResult<Datum>;

/// How the cast is performed (`pg_cast.castmethod`).
#[derive(Clone, Copy)]
pub enum CastFunc {
    /// 'f': a conversion function.
    Function(CastFn),
    /// 'b': binary-coercible; the datum is unchanged.
    Binary,
    /// 'i': output function of the source, input function of the target.
    InOut,
    /// Between two array types: the element types' cast applied to every
    /// element (PostgreSQL's ArrayCoerceExpr); dimensions and lower bounds
    /// are kept. Never a pg_cast row.
    ArrayCoerce,
}

impl std::fmt::Debug for CastFunc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CastFunc::Function(_) => f.write_str("Function"),
            CastFunc::Binary => f.write_str("Binary"),
            CastFunc::InOut => f.write_str("InOut"),
            CastFunc::ArrayCoerce => f.write_str("ArrayCoerce"),
        }
    }
}

/// One cast.
#[derive(Debug, Clone, Copy)]
pub struct CastDef {
    pub source: Oid,
    pub target: Oid,
    pub context: CastContext,
    pub func: CastFunc,
}

fn is_string_type(t: Oid) -> bool {
    matches!(t, oid::TEXT | oid::VARCHAR | oid::BPCHAR | oid::NAME)
}

fn int_value(d: &Datum) -> PgResult<i64> {
    d.as_i64().ok_or_else(|| errors::wrong_datum("integer cast"))
}

fn f64_to_int(v: f64, lo: i64, hi: i64, what: &str) -> PgResult<i64> {
    let r = crate::float::rint(v);
    // The bounds check is done in floating point, as PostgreSQL's FLOAT8_FITS_IN_INT* macros.
    if r.is_nan() || r < lo as f64 || r >= -(lo as f64) || r > hi as f64 {
        return Err(errors::out_of_range(what));
    }
    Ok(r as i64)
}

fn to_int_generic(d: &Datum, lo: i64, hi: i64, what: &str) -> PgResult<i64> {
    match d {
        Datum::Float4(v) => f64_to_int(*v as f64, lo, hi, what),
        Datum::Float8(v) => f64_to_int(*v, lo, hi, what),
        Datum::Numeric(n) => match n.to_i64_rounded(what)? {
            Some(v) if (lo..=hi).contains(&v) => Ok(v),
            _ => Err(errors::out_of_range(what)),
        },
        Datum::Bool(b) => Ok(*b as i64),
        Datum::Char(c) => Ok(*c as i8 as i64),
        _ => {
            let v = int_value(d)?;
            if (lo..=hi).contains(&v) {
                Ok(v)
            } else {
                Err(errors::out_of_range(what))
            }
        }
    }
}

/// Cast to int2 from any numeric type.
pub fn to_int2(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Int2(to_int_generic(d, i16::MIN as i64, i16::MAX as i64, "smallint")? as i16))
}
/// Cast to int4 from any numeric type, bool or "char".
pub fn to_int4(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Int4(to_int_generic(d, i32::MIN as i64, i32::MAX as i64, "integer")? as i32))
}
/// Cast to int8 from any numeric type.
pub fn to_int8(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Int8(to_int_generic(d, i64::MIN, i64::MAX, "bigint")?))
}
/// numeric → float: PostgreSQL converts through the numeric's text, so a
/// value past the float's range fails as that text would in float input.
fn numeric_to_float(n: &Numeric, single: bool) -> PgResult<f64> {
    let v = n.to_f64();
    let r = if single { v as f32 as f64 } else { v };
    let zero_but_not = r == 0.0 && !n.is_zero();
    if (r.is_infinite() && n.is_finite()) || zero_but_not {
        let type_name = if single { "real" } else { "double precision" };
        return Err(PgError::new(
            SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
            format!("\"{n}\" is out of range for type {type_name}"),
        ));
    }
    Ok(v)
}

/// Cast to float4.
pub fn to_float4(d: &Datum) -> PgResult<Datum> {
    let v = match d {
        Datum::Numeric(n) => numeric_to_float(n, true)?,
        Datum::Float8(v) => {
            let r = *v as f32;
            if r.is_infinite() && v.is_finite() {
                return Err(errors::float_overflow());
            }
            if r == 0.0 && *v != 0.0 {
                return Err(errors::float_underflow());
            }
            return Ok(Datum::Float4(r));
        }
        _ => d.as_f64().ok_or_else(|| errors::wrong_datum("float4 cast"))?,
    };
    let r = v as f32;
    if r.is_infinite() && v.is_finite() {
        return Err(errors::float_overflow());
    }
    Ok(Datum::Float4(r))
}
/// Cast to float8.
pub fn to_float8(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Float8(match d {
        Datum::Numeric(n) => numeric_to_float(n, false)?,
        _ => d.as_f64().ok_or_else(|| errors::wrong_datum("float8 cast"))?,
    }))
}
/// Cast to numeric.
pub fn to_numeric(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Numeric(match d {
        Datum::Numeric(n) => n.clone(),
        Datum::Float4(v) => Numeric::from_f32(*v)?,
        Datum::Float8(v) => Numeric::from_f64(*v)?,
        _ => Numeric::from_i64(int_value(d)?),
    }))
}
/// int4 → bool.
pub fn to_bool(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Bool(int_value(d)? != 0))
}
/// int → oid (int4 wraps negatives, as the binary-coercible int4→oid cast does).
pub fn to_oid(d: &Datum) -> PgResult<Datum> {
    let v = int_value(d)?;
    if let Datum::Int8(_) = d {
        if !(0..=u32::MAX as i64).contains(&v) {
            return Err(errors::out_of_range("OID"));
        }
    }
    Ok(Datum::Oid(v as u32))
}
/// bpchar → text/varchar/name: drops trailing blanks (`rtrim1`).
pub fn bpchar_to_text(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Text(s) => Ok(Datum::Text(s.trim_end_matches(' ').to_string())),
        _ => Err(errors::wrong_datum("bpchar cast")),
    }
}
/// string → name: truncates to 63 bytes.
pub fn to_name(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Text(s) => Ok(Datum::Text(io::truncate_bytes(s, io::NAME_MAX_BYTES).to_string())),
        _ => Err(errors::wrong_datum("name cast")),
    }
}
/// bool → text/varchar/bpchar (`text(boolean)`): the words, where `boolout` prints `t`/`f`.
pub fn bool_to_text(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Bool(b) => Ok(Datum::Text(if *b { "true" } else { "false" }.to_string())),
        _ => Err(errors::wrong_datum("bool cast")),
    }
}
/// bpchar → name (`bpchar_name`): pad blanks dropped, then truncated to 63 bytes.
pub fn bpchar_to_name(d: &Datum) -> PgResult<Datum> {
    to_name(&bpchar_to_text(d)?)
}
/// "char" → text.
pub fn char_to_text(d: &Datum) -> PgResult<Datum> {
    Ok(Datum::Text(io::output(oid::CHAR, d, &OutputSettings::default())))
}
/// text → "char": first byte.
pub fn text_to_char(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Text(s) => Ok(Datum::Char(s.as_bytes().first().copied().unwrap_or(0))),
        _ => Err(errors::wrong_datum("char cast")),
    }
}
/// int4 → "char".
pub fn int4_to_char(d: &Datum) -> PgResult<Datum> {
    let v = int_value(d)?;
    if !(-128..=127).contains(&v) {
        return Err(errors::out_of_range("\"char\""));
    }
    Ok(Datum::Char(v as i8 as u8))
}
/// date → timestamp. Dates reach further than timestamps (5874897 AD against 294276 AD),
/// so a later date is "date out of range for timestamp"; infinities stay infinite.
pub fn date_to_timestamp(d: &Datum) -> PgResult<Datum> {
    /// The first day past the timestamp range (294277-01-01), in days since 2000-01-01.
    const TIMESTAMP_END_DATE: i64 = 106_751_983;
    match d {
        Datum::Date(v) if *v == DATE_NEG_INFINITY || *v == DATE_POS_INFINITY => {
            Ok(Datum::Timestamp(datetime::date_to_timestamp_sat(*v)))
        }
        Datum::Date(v) if *v as i64 >= TIMESTAMP_END_DATE => {
            Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp"))
        }
        Datum::Date(v) => Ok(Datum::Timestamp(*v as i64 * USECS_PER_DAY)),
        _ => Err(errors::wrong_datum("date cast")),
    }
}
/// date → timestamptz (midnight in the session time zone).
pub fn date_to_timestamptz(d: &Datum) -> PgResult<Datum> {
    match date_to_timestamp(d)? {
        Datum::Timestamp(t) if t == TS_NEG_INFINITY || t == TS_POS_INFINITY => Ok(Datum::TimestampTz(t)),
        // Midnight moved to UTC may leave the timestamp range (date2timestamptz).
        Datum::Timestamp(t) => match datetime::session_timezone().local_to_utc(t) {
            ts if (datetime::MIN_TIMESTAMP..datetime::END_TIMESTAMP).contains(&ts) => Ok(Datum::TimestampTz(ts)),
            _ => Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp")),
        },
        _ => Err(errors::wrong_datum("date cast")),
    }
}
/// A timestamp moved between UTC and local time must stay in the range
/// (PostgreSQL's `timestamp2timestamptz` / `timestamptz2timestamp` report 22008).
fn in_timestamp_range(ts: i64) -> PgResult<i64> {
    if (datetime::MIN_TIMESTAMP..datetime::END_TIMESTAMP).contains(&ts) {
        Ok(ts)
    } else {
        Err(errors::timestamp_out_of_range())
    }
}
/// timestamp → timestamptz (interpreted in the session time zone).
pub fn timestamp_to_timestamptz(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Timestamp(t) if *t == TS_NEG_INFINITY || *t == TS_POS_INFINITY => Ok(Datum::TimestampTz(*t)),
        Datum::Timestamp(t) => {
            in_timestamp_range(datetime::session_timezone().local_to_utc(*t)).map(Datum::TimestampTz)
        }
        _ => Err(errors::wrong_datum("timestamp cast")),
    }
}
/// timestamptz → timestamp (local time in the session time zone).
pub fn timestamptz_to_timestamp(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::TimestampTz(t) if *t == TS_NEG_INFINITY || *t == TS_POS_INFINITY => Ok(Datum::Timestamp(*t)),
        Datum::TimestampTz(t) => {
            in_timestamp_range(datetime::session_timezone().utc_to_local(*t)).map(Datum::Timestamp)
        }
        _ => Err(errors::wrong_datum("timestamptz cast")),
    }
}
/// timestamp(tz) → date.
pub fn to_date(d: &Datum) -> PgResult<Datum> {
    let local = match d {
        Datum::Timestamp(t) => *t,
        Datum::TimestampTz(t) if *t == TS_NEG_INFINITY || *t == TS_POS_INFINITY => *t,
        Datum::TimestampTz(t) => datetime::session_timezone().utc_to_local(*t),
        _ => return Err(errors::wrong_datum("date cast")),
    };
    Ok(Datum::Date(match local {
        TS_NEG_INFINITY => DATE_NEG_INFINITY,
        TS_POS_INFINITY => DATE_POS_INFINITY,
        t => t.div_euclid(USECS_PER_DAY) as i32,
    }))
}
/// timestamp(tz) → time; an infinite timestamp has no time of day (NULL).
pub fn to_time(d: &Datum) -> PgResult<Datum> {
    let local = match d {
        Datum::Timestamp(t) | Datum::TimestampTz(t) if *t == TS_NEG_INFINITY || *t == TS_POS_INFINITY => {
            return Ok(Datum::Null)
        }
        Datum::Timestamp(t) => *t,
        Datum::TimestampTz(t) => datetime::session_timezone().utc_to_local(*t),
        _ => return Err(errors::wrong_datum("time cast")),
    };
    Ok(Datum::Time(local.rem_euclid(USECS_PER_DAY)))
}
/// time → interval.
pub fn time_to_interval(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Time(t) => Ok(Datum::Interval(crate::datum::Interval { months: 0, days: 0, micros: *t })),
        _ => Err(errors::wrong_datum("time cast")),
    }
}
/// interval → time (`interval_time`): the time field modulo one day; months and days are
/// dropped.
pub fn interval_to_time(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Interval(iv) => Ok(Datum::Time(iv.micros.rem_euclid(USECS_PER_DAY))),
        _ => Err(errors::wrong_datum("interval cast")),
    }
}
/// inet → text (`text(inet)`: always shows the mask).
pub fn inet_to_text(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Inet(i) => Ok(Datum::Text(crate::inet::format_inet(i, true))),
        _ => Err(errors::wrong_datum("inet cast")),
    }
}
/// xid8 → xid.
pub fn xid8_to_xid(d: &Datum) -> PgResult<Datum> {
    match d {
        Datum::Xid8(v) => Ok(Datum::Xid(*v as u32)),
        _ => Err(errors::wrong_datum("xid8 cast")),
    }
}

use CastContext::{Assignment as A, Explicit as E, Implicit as I};
use CastFunc::{Binary as B, Function as F};

const fn c(source: Oid, target: Oid, context: CastContext, func: CastFunc) -> CastDef {
    CastDef { source, target, context, func }
}

/// The cast table (pg_cast rows for the built-in types).
pub static CASTS: &[CastDef] = &[
    c(oid::INT8, oid::INT2, A, F(to_int2)),
    c(oid::INT8, oid::INT4, A, F(to_int4)),
    c(oid::INT8, oid::FLOAT4, I, F(to_float4)),
    c(oid::INT8, oid::FLOAT8, I, F(to_float8)),
    c(oid::INT8, oid::NUMERIC, I, F(to_numeric)),
    c(oid::INT2, oid::INT8, I, F(to_int8)),
    c(oid::INT2, oid::INT4, I, F(to_int4)),
    c(oid::INT2, oid::FLOAT4, I, F(to_float4)),
    c(oid::INT2, oid::FLOAT8, I, F(to_float8)),
    c(oid::INT2, oid::NUMERIC, I, F(to_numeric)),
    c(oid::INT4, oid::INT8, I, F(to_int8)),
    c(oid::INT4, oid::INT2, A, F(to_int2)),
    c(oid::INT4, oid::FLOAT4, I, F(to_float4)),
    c(oid::INT4, oid::FLOAT8, I, F(to_float8)),
    c(oid::INT4, oid::NUMERIC, I, F(to_numeric)),
    c(oid::FLOAT4, oid::INT8, A, F(to_int8)),
    c(oid::FLOAT4, oid::INT2, A, F(to_int2)),
    c(oid::FLOAT4, oid::INT4, A, F(to_int4)),
    c(oid::FLOAT4, oid::FLOAT8, I, F(to_float8)),
    c(oid::FLOAT4, oid::NUMERIC, A, F(to_numeric)),
    c(oid::FLOAT8, oid::INT8, A, F(to_int8)),
    c(oid::FLOAT8, oid::INT2, A, F(to_int2)),
    c(oid::FLOAT8, oid::INT4, A, F(to_int4)),
    c(oid::FLOAT8, oid::FLOAT4, A, F(to_float4)),
    c(oid::FLOAT8, oid::NUMERIC, A, F(to_numeric)),
    c(oid::NUMERIC, oid::INT8, A, F(to_int8)),
    c(oid::NUMERIC, oid::INT2, A, F(to_int2)),
    c(oid::NUMERIC, oid::INT4, A, F(to_int4)),
    c(oid::NUMERIC, oid::FLOAT4, I, F(to_float4)),
    c(oid::NUMERIC, oid::FLOAT8, I, F(to_float8)),
    c(oid::INT4, oid::BOOL, E, F(to_bool)),
    c(oid::BOOL, oid::INT4, E, F(to_int4)),
    c(oid::BOOL, oid::TEXT, A, F(bool_to_text)),
    c(oid::BOOL, oid::VARCHAR, A, F(bool_to_text)),
    c(oid::BOOL, oid::BPCHAR, A, F(bool_to_text)),
    c(oid::INT8, oid::OID, I, F(to_oid)),
    c(oid::INT2, oid::OID, I, F(to_oid)),
    c(oid::INT4, oid::OID, I, F(to_oid)),
    c(oid::OID, oid::INT8, A, F(to_int8)),
    c(oid::OID, oid::INT4, A, F(to_int4)),
    c(oid::OID, oid::REGPROC, I, B),
    c(oid::REGPROC, oid::OID, I, B),
    c(oid::OID, oid::REGCLASS, I, B),
    c(oid::REGCLASS, oid::OID, I, B),
    c(oid::OID, oid::REGTYPE, I, B),
    c(oid::REGTYPE, oid::OID, I, B),
    c(oid::OID, oid::REGNAMESPACE, I, B),
    c(oid::REGNAMESPACE, oid::OID, I, B),
    c(oid::OID, oid::REGROLE, I, B),
    c(oid::REGROLE, oid::OID, I, B),
    c(oid::INT4, oid::REGCLASS, I, F(to_oid)),
    c(oid::INT8, oid::REGCLASS, I, F(to_oid)),
    c(oid::INT4, oid::REGTYPE, I, F(to_oid)),
    c(oid::INT4, oid::REGPROC, I, F(to_oid)),
    c(oid::INT4, oid::REGROLE, I, F(to_oid)),
    c(oid::INT4, oid::REGNAMESPACE, I, F(to_oid)),
    c(oid::TEXT, oid::BPCHAR, I, B),
    c(oid::TEXT, oid::VARCHAR, I, B),
    c(oid::BPCHAR, oid::TEXT, I, F(bpchar_to_text)),
    c(oid::BPCHAR, oid::VARCHAR, I, F(bpchar_to_text)),
    c(oid::VARCHAR, oid::TEXT, I, B),
    c(oid::VARCHAR, oid::BPCHAR, I, B),
    c(oid::CHAR, oid::TEXT, I, F(char_to_text)),
    c(oid::CHAR, oid::BPCHAR, A, F(char_to_text)),
    c(oid::CHAR, oid::VARCHAR, A, F(char_to_text)),
    c(oid::NAME, oid::TEXT, I, B),
    c(oid::TEXT, oid::NAME, I, F(to_name)),
    c(oid::BPCHAR, oid::NAME, A, F(bpchar_to_name)),
    c(oid::VARCHAR, oid::NAME, A, F(to_name)),
    c(oid::NAME, oid::BPCHAR, A, B),
    c(oid::NAME, oid::VARCHAR, A, B),
    c(oid::TEXT, oid::CHAR, A, F(text_to_char)),
    c(oid::BPCHAR, oid::CHAR, A, F(text_to_char)),
    c(oid::VARCHAR, oid::CHAR, A, F(text_to_char)),
    c(oid::CHAR, oid::INT4, E, F(to_int4)),
    c(oid::INT4, oid::CHAR, E, F(int4_to_char)),
    c(oid::DATE, oid::TIMESTAMP, I, F(date_to_timestamp)),
    c(oid::DATE, oid::TIMESTAMPTZ, I, F(date_to_timestamptz)),
    c(oid::TIMESTAMP, oid::DATE, A, F(to_date)),
    c(oid::TIMESTAMPTZ, oid::DATE, A, F(to_date)),
    c(oid::TIMESTAMP, oid::TIMESTAMPTZ, I, F(timestamp_to_timestamptz)),
    c(oid::TIMESTAMPTZ, oid::TIMESTAMP, A, F(timestamptz_to_timestamp)),
    c(oid::TIMESTAMP, oid::TIME, A, F(to_time)),
    c(oid::TIMESTAMPTZ, oid::TIME, A, F(to_time)),
    c(oid::TIME, oid::INTERVAL, I, F(time_to_interval)),
    c(oid::INTERVAL, oid::TIME, A, F(interval_to_time)),
    c(oid::CIDR, oid::INET, I, B),
    c(oid::INET, oid::CIDR, A, F(crate::network::inet_to_cidr)),
    c(oid::INET, oid::TEXT, A, F(inet_to_text)),
    c(oid::INET, oid::VARCHAR, A, F(inet_to_text)),
    c(oid::INET, oid::BPCHAR, A, F(inet_to_text)),
    c(oid::CIDR, oid::TEXT, A, F(inet_to_text)),
    c(oid::XID8, oid::XID, E, F(xid8_to_xid)),
    c(oid::JSON, oid::JSONB, A, CastFunc::InOut),
    // ---- datetime
    c(oid::TIME, oid::TIMETZ, I, F(crate::timetz::time_to_timetz)),
    c(oid::TIMESTAMPTZ, oid::TIMETZ, A, F(crate::timetz::timestamptz_to_timetz)),
    c(oid::TIMETZ, oid::TIME, A, F(crate::timetz::timetz_to_time)),
];

/// Finds the cast from `source` to `target`: a pg_cast row, or the automatic I/O conversion
/// (to a string type: assignment; from a string type: explicit). Same-type casts are not
/// casts (the caller applies the typmod). `unknown` literals are not handled here: the
/// analyzer coerces them by calling the target's input function.
pub fn find_cast(source: Oid, target: Oid) -> Option<CastDef> {
    if let Some(c) = CASTS.iter().find(|c| c.source == source && c.target == target) {
        return Some(*c);
    }
    // find_coercion_pathway: between two arrays whose element types have a
    // cast, an element-wise coercion in that cast's context.
    if let (Some(se), Some(te)) = (array_element(source), array_element(target)) {
        if se == te {
            return Some(CastDef { source, target, context: CastContext::Implicit, func: CastFunc::ArrayCoerce });
        }
        return find_cast(se, te).map(|c| CastDef { source, target, context: c.context, func: CastFunc::ArrayCoerce });
    }
    let known = |t| types::lookup_type(t).is_some_and(|ti| ti.typtype == b'b');
    if source != target && known(source) && known(target) {
        if is_string_type(target) {
            return Some(CastDef { source, target, context: CastContext::Assignment, func: CastFunc::InOut });
        }
        if is_string_type(source) {
            return Some(CastDef { source, target, context: CastContext::Explicit, func: CastFunc::InOut });
        }
    }
    None
}

/// Performs the conversion of `datum` (of `source`) to `target` with typmod `typmod`
/// (-1 none) after [`find_cast`] said it exists. NULL casts to NULL.
pub fn perform_cast(
    source: Oid,
    target: Oid,
    typmod: i32,
    datum: &Datum,
    explicit: bool,
    settings: &OutputSettings,
) -> PgResult<Datum> {
    let func = if source == target {
        CastFunc::Binary
    } else {
        find_cast(source, target)
            .ok_or_else(|| {
                PgError::new(
                    SqlState::CANNOT_COERCE,
                    format!(
                        "cannot cast type {} to {}",
                        types::format_type(source, -1),
                        types::format_type(target, -1)
                    ),
                )
            })?
            .func
    };
    run_cast(func, source, target, typmod, datum, explicit, settings)
}

/// Carries out a cast already resolved (by the analyzer, from
/// [`find_cast`]): the cast function, relabelling or I/O conversion, then
/// the target's typmod. NULL converts to NULL.
pub fn run_cast(
    func: CastFunc,
    source: Oid,
    target: Oid,
    typmod: i32,
    datum: &Datum,
    explicit: bool,
    settings: &OutputSettings,
) -> PgResult<Datum> {
    if datum.is_null() {
        return Ok(Datum::Null);
    }
    let converted = match func {
        CastFunc::Binary => datum.clone(),
        CastFunc::Function(f) => f(datum)?,
        CastFunc::ArrayCoerce => return coerce_array(source, target, typmod, datum, explicit, settings),
        CastFunc::InOut => {
            io::check_output_size(datum)?;
            let text = io::output(source, datum, settings);
            // Input into a typmod'ed target applies the typmod below with cast semantics.
            io::input(target, -1, &text, settings)?
        }
    };
    apply_typmod(target, typmod, converted, explicit)
}

/// Applies a type modifier: `varchar(n)`/`char(n)` length (an explicit cast truncates, an
/// assignment errors unless only blanks would be cut), `char(n)` padding, `numeric(p,s)`
/// rounding and overflow, timestamp/time precision.
pub fn apply_typmod(type_oid: Oid, typmod: i32, datum: Datum, is_explicit: bool) -> PgResult<Datum> {
    if typmod < 0 || datum.is_null() {
        return Ok(datum);
    }
    if let (Some(elem), Datum::Array(a)) = (array_element(type_oid), &datum) {
        // An array's typmod is its elements' (`numeric(5,1)[]`).
        let dims = a.dims();
        let Datum::Array(a) = datum else { unreachable!() };
        let mut out = Vec::with_capacity(a.len());
        for d in a.into_elems() {
            out.push(apply_typmod(elem, typmod, d, is_explicit)?);
        }
        return Ok(Datum::Array(crate::array::ArrayValue::from(out).with_dims(&dims)?));
    }
    match (type_oid, datum) {
        (oid::VARCHAR | oid::BPCHAR, Datum::Text(s)) => {
            let n = (typmod - 4).max(0) as usize;
            let len = s.chars().count();
            let mut s = s;
            if len > n {
                let cut = s.char_indices().nth(n).map(|(i, _)| i).unwrap_or(s.len());
                if !is_explicit && !s[cut..].bytes().all(|b| b == b' ') {
                    let tn = if type_oid == oid::VARCHAR { "character varying" } else { "character" };
                    return Err(PgError::new(
                        SqlState::STRING_DATA_RIGHT_TRUNCATION,
                        format!("value too long for type {tn}({n})"),
                    ));
                }
                s.truncate(cut);
            } else if type_oid == oid::BPCHAR && len < n {
                s.extend(std::iter::repeat_n(' ', n - len));
            }
            Ok(Datum::Text(s))
        }
        (oid::NUMERIC, Datum::Numeric(v)) => Ok(Datum::Numeric(v.apply_typmod(typmod)?)),
        (oid::TIMESTAMP, Datum::Timestamp(t)) => Ok(Datum::Timestamp(datetime::adjust_timestamp_typmod(t, typmod))),
        (oid::TIMESTAMPTZ, Datum::TimestampTz(t)) => {
            Ok(Datum::TimestampTz(datetime::adjust_timestamp_typmod(t, typmod)))
        }
        (oid::TIME, Datum::Time(t)) => Ok(Datum::Time(datetime::adjust_timestamp_typmod(t, typmod))),
        (oid::TIMETZ, Datum::TimeTz(t)) => {
            Ok(Datum::TimeTz(crate::datum::TimeTz { time: datetime::adjust_timestamp_typmod(t.time, typmod), ..t }))
        }
        (oid::INTERVAL, Datum::Interval(v)) => Ok(Datum::Interval(crate::interval::adjust_for_typmod(v, typmod)?)),
        (_, d) => Ok(d),
    }
}

/// The element type of a true array type (`int4[]`, not `name` or `point`,
/// whose typelem only describes subscripting).
fn array_element(t: Oid) -> Option<Oid> {
    types::lookup_type(t).filter(|ti| ti.category == b'A' && ti.elem != 0).map(|ti| ti.elem)
}

/// [`CastFunc::ArrayCoerce`]: casts every element of `datum` (an array of
/// `source`) to `target`'s element type with `typmod`, keeping dimensions
/// and lower bounds; NULL elements stay NULL. An element's error is the
/// array's, as in PostgreSQL.
fn coerce_array(
    source: Oid,
    target: Oid,
    typmod: i32,
    datum: &Datum,
    explicit: bool,
    settings: &OutputSettings,
) -> PgResult<Datum> {
    let Datum::Array(a) = datum else { return apply_typmod(target, typmod, datum.clone(), explicit) };
    let (Some(se), Some(te)) = (array_element(source), array_element(target)) else {
        return Err(PgError::new(SqlState::INTERNAL_ERROR, "array coercion between non-array types"));
    };
    let func = if se == te {
        CastFunc::Binary
    } else {
        find_cast(se, te)
            .ok_or_else(|| {
                PgError::new(
                    SqlState::CANNOT_COERCE,
                    format!("cannot cast type {} to {}", types::format_type(se, -1), types::format_type(te, -1)),
                )
            })?
            .func
    };
    let mut out = pg_mcxt::limits::try_with_capacity(a.len())?;
    for d in a.iter() {
        out.push(run_cast(func, se, te, typmod, d, explicit, settings)?);
    }
    Ok(Datum::Array(crate::array::ArrayValue::from(out).with_dims(&a.dims())?))
}
