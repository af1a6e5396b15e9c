//! `Datum`: an owned SQL value. The caller tags it with a type OID; the value does not carry it.

use crate::numeric::Numeric;
use std::cmp::Ordering;
use std::net::IpAddr;

/// An `interval`: months, days and microseconds are kept apart, as PostgreSQL does,
/// because a month has no fixed number of days and a day no fixed number of hours (DST).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Interval {
    pub months: i32,
    pub days: i32,
    pub micros: i64,
}

impl Interval {
    /// The span in microseconds with PostgreSQL's comparison convention (30-day months,
    /// 24-hour days), as `interval_cmp_value` computes it; i128 so it cannot overflow.
    pub fn cmp_value(&self) -> i128 {
        const DAY: i128 = 86_400_000_000;
        self.micros as i128 + self.days as i128 * DAY + self.months as i128 * 30 * DAY
    }
}

impl PartialOrd for Interval {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Interval {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_value().cmp(&other.cmp_value())
    }
}

/// A `time with time zone` (PostgreSQL's `TimeTzADT`): the time of day and
/// the zone, as seconds *west* of UTC (PostgreSQL's sign, so `12:00+05` has
/// zone -18000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TimeTz {
    /// µs since midnight, 0..=24:00:00.
    pub time: i64,
    /// Seconds west of UTC.
    pub zone: i32,
}

impl PartialOrd for TimeTz {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimeTz {
    /// `timetz_cmp_internal`: by the UTC time first, then by zone, so that
    /// only the same time in the same zone is equal (`12:00+05` sorts
    /// before `08:00+01`, the same instant one zone further west).
    fn cmp(&self, other: &Self) -> Ordering {
        let utc = |t: &TimeTz| t.time + t.zone as i64 * 1_000_000;
        utc(self).cmp(&utc(other)).then(self.zone.cmp(&other.zone))
    }
}

/// An `inet` / `cidr` value: address plus netmask length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Inet {
    pub addr: IpAddr,
    /// Netmask bits (0..=32 for IPv4, 0..=128 for IPv6).
    pub bits: u8,
}

impl Inet {
    /// The family's full mask length.
    pub fn max_bits(&self) -> u8 {
        if self.addr.is_ipv4() {
            32
        } else {
            128
        }
    }
    fn octets(&self) -> Vec<u8> {
        match self.addr {
            IpAddr::V4(a) => a.octets().to_vec(),
            IpAddr::V6(a) => a.octets().to_vec(),
        }
    }
}

impl PartialOrd for Inet {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Inet {
    /// PostgreSQL's `network_cmp`: family, then network part, then mask length, then host.
    fn cmp(&self, other: &Self) -> Ordering {
        let fam = |i: &Inet| i.addr.is_ipv6() as u8;
        fam(self)
            .cmp(&fam(other))
            .then_with(|| {
                let bits = self.bits.min(other.bits) as usize;
                let (a, b) = (self.octets(), other.octets());
                for i in 0..a.len() {
                    let take = bits.saturating_sub(i * 8).min(8);
                    let mask: u8 = if take == 0 { 0 } else { (0xFFu16 << (8 - take)) as u8 };
                    let c = (a[i] & mask).cmp(&(b[i] & mask));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                Ordering::Equal
            })
            .then_with(|| self.bits.cmp(&other.bits))
            .then_with(|| self.octets().cmp(&other.octets()))
    }
}

/// An owned SQL value. Which variant goes with which type OID:
///
/// | variant | types |
/// |---|---|
/// | `Bool` | bool |
/// | `Int2` / `Int4` / `Int8` | int2 / int4 / int8 |
/// | `Float4` / `Float8` | float4 / float8 |
/// | `Numeric` | numeric |
/// | `Text` | text, varchar, bpchar, name, unknown, json, cstring |
/// | `Char` | "char" |
/// | `Bytea` | bytea |
/// | `Oid` | oid, regproc, regclass, regtype, regnamespace, regrole, cid |
/// | `Xid` / `Xid8` | xid / xid8 |
/// | `Inet` | inet, cidr |
/// | `Date` | date (days since 2000-01-01) |
/// | `Time` | time (µs since midnight) |
/// | `TimeTz` | timetz (time and zone) |
/// | `Timestamp` / `TimestampTz` | µs since 2000-01-01 00:00 (local / UTC); `i64::MIN`/`MAX` are ∓infinity |
/// | `Interval` | interval |
/// | `Uuid` | uuid (16 bytes, compared bytewise as `uuid_cmp` does) |
/// | `AclItem` | aclitem (grantee, grantor, privilege mask) |
/// | `Array` | arrays of any shape, and `int2vector` / `oidvector` (element type from the array type's `typelem`) |
/// | `Record` | anonymous records |
/// | `Null` | SQL NULL of any type (also `void`'s value) |
#[derive(Debug, Clone, PartialEq)]
pub enum Datum {
    Null,
    Bool(bool),
    Int2(i16),
    Int4(i32),
    Int8(i64),
    Float4(f32),
    Float8(f64),
    Numeric(Numeric),
    Text(String),
    Char(u8),
    Bytea(Vec<u8>),
    Oid(u32),
    Xid(u32),
    Xid8(u64),
    Inet(Inet),
    Date(i32),
    Time(i64),
    TimeTz(TimeTz),
    Timestamp(i64),
    TimestampTz(i64),
    Interval(Interval),
    Uuid([u8; 16]),
    AclItem(crate::acl::AclItem),
    Array(crate::array::ArrayValue),
    Record(Vec<Datum>),
}

/// `date` ±infinity, as PostgreSQL's `DATEVAL_NOBEGIN`/`DATEVAL_NOEND`.
pub const DATE_NEG_INFINITY: i32 = i32::MIN;
/// See [`DATE_NEG_INFINITY`].
pub const DATE_POS_INFINITY: i32 = i32::MAX;
/// `timestamp[tz]` -infinity (`DT_NOBEGIN`).
pub const TS_NEG_INFINITY: i64 = i64::MIN;
/// `timestamp[tz]` +infinity (`DT_NOEND`).
pub const TS_POS_INFINITY: i64 = i64::MAX;

impl Datum {
    /// Whether two values are the same datum, as PostgreSQL's `datumIsEqual`
    /// compares constants in `equal()`: a float is compared by its bits,
    /// so `'NaN'::float8` is the same constant as itself (IEEE `==` says it
    /// is not) and `-0` is not the same constant as `0`. Other values
    /// compare as `==` does.
    pub fn same_as(&self, other: &Datum) -> bool {
        match (self, other) {
            (Datum::Float4(a), Datum::Float4(b)) => a.to_bits() == b.to_bits(),
            (Datum::Float8(a), Datum::Float8(b)) => a.to_bits() == b.to_bits(),
            _ => self == other,
        }
    }

    /// A copy of the value whose large parts (text, bytea, array and
    /// record elements) are allocated fallibly: a refusal is 53200 "out of
    /// memory" instead of an abort. For values that may be big, such as an
    /// InitPlan's ARRAY() result read by every row.
    pub fn try_clone(&self) -> pg_error::PgResult<Datum> {
        use pg_mcxt::limits::{try_string_with_capacity, try_with_capacity};
        Ok(match self {
            Datum::Text(s) => {
                let mut out = try_string_with_capacity(s.len())?;
                out.push_str(s);
                Datum::Text(out)
            }
            Datum::Bytea(b) => {
                let mut out = try_with_capacity(b.len())?;
                out.extend_from_slice(b);
                Datum::Bytea(out)
            }
            Datum::Array(a) => {
                let mut out = try_with_capacity(a.len())?;
                for d in a.iter() {
                    out.push(d.try_clone()?);
                }
                Datum::Array(crate::array::ArrayValue::from(out).with_dims(&a.dims())?)
            }
            Datum::Record(items) => {
                let mut out = try_with_capacity(items.len())?;
                for d in items {
                    out.push(d.try_clone()?);
                }
                Datum::Record(out)
            }
            other => other.clone(),
        })
    }

    /// True for SQL NULL.
    pub fn is_null(&self) -> bool {
        matches!(self, Datum::Null)
    }

    /// True for a value with no heap part (NULL, numbers, dates, times,
    /// uuid): dropping it does nothing.
    #[inline]
    pub fn is_inline(&self) -> bool {
        matches!(
            self,
            Datum::Null
                | Datum::Bool(_)
                | Datum::Int2(_)
                | Datum::Int4(_)
                | Datum::Int8(_)
                | Datum::Float4(_)
                | Datum::Float8(_)
                | Datum::Char(_)
                | Datum::Oid(_)
                | Datum::Xid(_)
                | Datum::Xid8(_)
                | Datum::Date(_)
                | Datum::Time(_)
                | Datum::TimeTz(_)
                | Datum::Timestamp(_)
                | Datum::TimestampTz(_)
                | Datum::Interval(_)
                | Datum::Uuid(_)
        )
    }

    /// Stores `v` in place of this value. An inline old value is
    /// overwritten without a call of the drop glue, which the compiler
    /// keeps out of line for this recursive type: a scan that refills its
    /// row for every tuple saves a call per column.
    #[inline]
    pub fn set(&mut self, v: Datum) {
        if self.is_inline() {
            std::mem::forget(std::mem::replace(self, v));
        } else {
            *self = v;
        }
    }

    /// Empties a row of values, dropping only those with a heap part (see
    /// [`Datum::set`]).
    #[inline]
    pub fn clear_row(row: &mut Vec<Datum>) {
        for d in row.drain(..) {
            if d.is_inline() {
                std::mem::forget(d);
            } else {
                drop(d);
            }
        }
    }

    /// The value as i64 if it is an integer of any width.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Datum::Int2(v) => Some(v as i64),
            Datum::Int4(v) => Some(v as i64),
            Datum::Int8(v) => Some(v),
            Datum::Oid(v) | Datum::Xid(v) => Some(v as i64),
            _ => None,
        }
    }

    /// The value as f64 if it is a float or integer.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Datum::Float4(v) => Some(v as f64),
            Datum::Float8(v) => Some(v),
            _ => self.as_i64().map(|v| v as f64),
        }
    }

    /// The text of a string-like value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Datum::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value as bool.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Datum::Bool(b) => Some(b),
            _ => None,
        }
    }
}

/// PostgreSQL's float comparison: NaN equals NaN and sorts above everything, -0 = 0.
pub fn float_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// [`datum_cmp`] for two values of the type `type_oid`, as that type's `<` and `>` see them:
/// `bpchar` ignores trailing blanks (`'b'::char(1)` equals `'b  '::char(4)`).
pub fn datum_cmp_typed(a: &Datum, b: &Datum, type_oid: crate::types::Oid) -> Option<Ordering> {
    match (a, b) {
        (Datum::Text(x), Datum::Text(y)) if type_oid == crate::types::oid::BPCHAR => {
            Some(x.trim_end_matches(' ').as_bytes().cmp(y.trim_end_matches(' ').as_bytes()))
        }
        _ => datum_cmp(a, b),
    }
}

/// Compares two non-null values of comparable types (same variant, or integers/floats of
/// mixed width as PostgreSQL's cross-type operators do). Text compares bytewise: the "C"
/// collation (the only one for now). Returns `None` for NULLs or incomparable variants.
pub fn datum_cmp(a: &Datum, b: &Datum) -> Option<Ordering> {
    use Datum::*;
    Some(match (a, b) {
        (Null, _) | (_, Null) => return None,
        (Bool(x), Bool(y)) => x.cmp(y),
        (Float4(_) | Float8(_), _) | (_, Float4(_) | Float8(_)) => float_cmp(a.as_f64()?, b.as_f64()?),
        (Int2(_) | Int4(_) | Int8(_), Int2(_) | Int4(_) | Int8(_)) => a.as_i64()?.cmp(&b.as_i64()?),
        (Numeric(x), Numeric(y)) => x.cmp(y),
        (Numeric(x), Int2(_) | Int4(_) | Int8(_)) => x.cmp(&crate::numeric::Numeric::from_i64(b.as_i64()?)),
        (Int2(_) | Int4(_) | Int8(_), Numeric(y)) => crate::numeric::Numeric::from_i64(a.as_i64()?).cmp(y),
        (Text(x), Text(y)) => x.as_bytes().cmp(y.as_bytes()),
        (Char(x), Char(y)) => x.cmp(y),
        (Bytea(x), Bytea(y)) => x.cmp(y),
        (Oid(x), Oid(y)) | (Xid(x), Xid(y)) => x.cmp(y),
        (Xid8(x), Xid8(y)) => x.cmp(y),
        (Inet(x), Inet(y)) => x.cmp(y),
        (Date(x), Date(y)) => x.cmp(y),
        (Time(x), Time(y)) => x.cmp(y),
        (TimeTz(x), TimeTz(y)) => x.cmp(y),
        (Timestamp(x), Timestamp(y)) | (TimestampTz(x), TimestampTz(y)) => x.cmp(y),
        (Date(d), Timestamp(t)) => crate::datetime::date_to_timestamp_sat(*d).cmp(t),
        (Timestamp(t), Date(d)) => t.cmp(&crate::datetime::date_to_timestamp_sat(*d)),
        (Interval(x), Interval(y)) => x.cmp(y),
        (Uuid(x), Uuid(y)) => x.cmp(y),
        (AclItem(x), AclItem(y)) => x.cmp(y),
        (Array(x), Array(y)) => return crate::array::array_cmp(x, y),
        (Record(x), Record(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                // NULL elements sort after non-NULL ones, as in btree array comparison.
                let c = match (p.is_null(), q.is_null()) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    _ => datum_cmp(p, q)?,
                };
                if c != Ordering::Equal {
                    return Some(c);
                }
            }
            x.len().cmp(&y.len())
        }
        _ => return None,
    })
}
