//! Text I/O: each type's input and output function (`int4in`/`int4out`, ...), dispatched by
//! type OID, plus the per-query [`OutputSettings`] built from the session's GUCs.

use crate::datetime::{self, TimeZone};
use crate::datum::Datum;
use crate::errors;
use crate::float;
use crate::numeric::Numeric;
use crate::types::{self, oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

/// DateStyle's output half.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Iso,
    Postgres,
    Sql,
    German,
}

/// DateStyle's field-order half (for reading ambiguous dates like 01/02/2003).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Mdy,
    Dmy,
    Ymd,
}

/// IntervalStyle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalStyle {
    Postgres,
    PostgresVerbose,
    SqlStandard,
    Iso8601,
}

/// Everything output (and some input) functions read from the session's GUCs. The backend
/// builds one per query from `DateStyle`, `TimeZone`, `extra_float_digits`, `IntervalStyle`.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub date_style: DateStyle,
    pub date_order: DateOrder,
    pub timezone: TimeZone,
    pub extra_float_digits: i32,
    pub interval_style: IntervalStyle,
}

thread_local! {
    /// The last settings built, with the setting strings they came from: time
    /// zone files are read once per change, not once per call.
    static SESSION_SETTINGS: std::cell::RefCell<Option<(String, OutputSettings)>> =
        const { std::cell::RefCell::new(None) };
}

/// The session's output settings (`DateStyle`, `TimeZone`,
/// `extra_float_digits`, `IntervalStyle`) as the settings hold them now,
/// rebuilt when any of them changed. Output inside an expression (`concat`,
/// `'x' || ts`, a cast to text) uses them as the result's output does.
pub fn session_output_settings() -> OutputSettings {
    use pg_guc::vars;
    let ds = vars::DATESTYLE.get();
    let tz = vars::TIMEZONE.get();
    let efd = vars::EXTRA_FLOAT_DIGITS.get();
    let is = vars::INTERVALSTYLE.label();
    let key = format!("{ds}\u{1}{tz}\u{1}{efd}\u{1}{is}");
    SESSION_SETTINGS.with(|c| {
        if let Some((k, s)) = c.borrow().as_ref() {
            if *k == key {
                return s.clone();
            }
        }
        let s = OutputSettings::from_gucs(&ds, &tz, efd, is).unwrap_or_default();
        *c.borrow_mut() = Some((key, s.clone()));
        s
    })
}

impl Default for OutputSettings {
    /// PostgreSQL's defaults with `TimeZone = UTC`: `ISO, MDY`, `extra_float_digits = 1`.
    fn default() -> Self {
        OutputSettings {
            date_style: DateStyle::Iso,
            date_order: DateOrder::Mdy,
            timezone: TimeZone::utc(),
            extra_float_digits: 1,
            interval_style: IntervalStyle::Postgres,
        }
    }
}

impl OutputSettings {
    /// Builds settings from the GUC strings, e.g. `("ISO, MDY", "Europe/Paris", 1, "postgres")`.
    pub fn from_gucs(
        date_style: &str,
        timezone: &str,
        extra_float_digits: i32,
        interval_style: &str,
    ) -> PgResult<Self> {
        let (style, order) = parse_datestyle(date_style)?;
        let interval_style = match interval_style.to_ascii_lowercase().as_str() {
            "postgres" => IntervalStyle::Postgres,
            "postgres_verbose" => IntervalStyle::PostgresVerbose,
            "sql_standard" => IntervalStyle::SqlStandard,
            "iso_8601" => IntervalStyle::Iso8601,
            _ => {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!("invalid value for parameter \"IntervalStyle\": \"{interval_style}\""),
                ))
            }
        };
        Ok(OutputSettings {
            date_style: style,
            date_order: order,
            timezone: TimeZone::parse(timezone)?,
            extra_float_digits: extra_float_digits.clamp(-15, 3),
            interval_style,
        })
    }
}

/// Parses a DateStyle value (`"ISO, MDY"`, `"German"`, `"SQL, DMY"`) as `check_datestyle` does.
pub fn parse_datestyle(value: &str) -> PgResult<(DateStyle, DateOrder)> {
    let mut style = DateStyle::Iso;
    let mut order = DateOrder::Mdy;
    let mut order_set = false;
    for part in value.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        match part.to_ascii_lowercase().as_str() {
            "iso" => style = DateStyle::Iso,
            "postgres" => style = DateStyle::Postgres,
            "sql" => style = DateStyle::Sql,
            "german" => {
                style = DateStyle::German;
                if !order_set {
                    order = DateOrder::Dmy;
                }
            }
            "mdy" | "us" | "noneuropean" => {
                order = DateOrder::Mdy;
                order_set = true;
            }
            "dmy" | "euro" | "european" => {
                order = DateOrder::Dmy;
                order_set = true;
            }
            "ymd" => {
                order = DateOrder::Ymd;
                order_set = true;
            }
            "default" => {}
            _ => {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!("invalid value for parameter \"DateStyle\": \"{value}\""),
                )
                .with_detail(format!("Unrecognized key word: \"{part}\".")))
            }
        }
    }
    Ok((style, order))
}

fn trim_ws(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace())
}

/// Parses an integer as PostgreSQL 15's `pg_strtoint{16,32,64}`: optional whitespace, sign,
/// decimal digits. `type_name` is the SQL name used in the messages.
///
/// The order of the checks is PostgreSQL's: the digits are accumulated
/// (as a negative number, so the minimum fits) and an overflow is reported
/// at once, before trailing characters are looked at, so `99999999999x`
/// is out of range while `2147483648x` is invalid syntax for `integer`.
fn parse_int(s: &str, min: i64, max: i64, type_name: &str) -> PgResult<i64> {
    let t = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (neg, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let ndigits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if ndigits == 0 {
        return Err(errors::invalid_syntax(type_name, s));
    }
    // The most negative value the accumulation may reach: the type's
    // minimum, or minus its maximum where that is larger (oid).
    let floor = i128::from(min).min(-i128::from(max));
    let mut v: i128 = 0;
    for c in rest[..ndigits].bytes() {
        v = v * 10 - i128::from(c - b'0');
        if v < floor {
            return Err(errors::value_out_of_range(type_name, s));
        }
    }
    if !trim_ws(&rest[ndigits..]).is_empty() {
        return Err(errors::invalid_syntax(type_name, s));
    }
    if !neg {
        v = -v;
    }
    if v < i128::from(min) || v > i128::from(max) {
        return Err(errors::value_out_of_range(type_name, s));
    }
    Ok(v as i64)
}

/// `boolin`: surrounding whitespace, then the one Boolean parser
/// ([`pg_guc::parse_bool`], PostgreSQL's `parse_bool`).
pub fn parse_bool(s: &str) -> PgResult<bool> {
    pg_guc::parse_bool(trim_ws(s)).ok_or_else(|| errors::invalid_syntax("boolean", s))
}

/// `byteain`: hex (`\x...`) or escape format.
pub fn parse_bytea(s: &str) -> PgResult<Vec<u8>> {
    let b = s.as_bytes();
    if b.len() >= 2 && b[0] == b'\\' && b[1] == b'x' {
        // Fallible: a value near the 1 GB limit may be refused by the
        // system, which is 53200 for this statement, not an abort.
        let mut out = pg_mcxt::limits::try_with_capacity(b.len() / 2)?;
        let mut i = 2;
        let hexval = |c: u8| -> PgResult<u8> {
            (c as char).to_digit(16).map(|d| d as u8).ok_or_else(|| {
                PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid hexadecimal digit: \"{}\"", c as char))
            })
        };
        while i < b.len() {
            if b[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let hi = hexval(b[i])?;
            if i + 1 >= b.len() {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    "invalid hexadecimal data: odd number of digits",
                ));
            }
            let lo = hexval(b[i + 1])?;
            out.push(hi << 4 | lo);
            i += 2;
        }
        return Ok(out);
    }
    let mut out = pg_mcxt::limits::try_with_capacity(b.len())?;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
        } else if i + 1 < b.len() && b[i + 1] == b'\\' {
            out.push(b'\\');
            i += 2;
        } else if i + 3 < b.len()
            && (b'0'..=b'3').contains(&b[i + 1])
            && (b'0'..=b'7').contains(&b[i + 2])
            && (b'0'..=b'7').contains(&b[i + 3])
        {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            return Err(PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea"));
        }
    }
    Ok(out)
}

/// `byteaout` in the default `bytea_output = hex`.
pub fn format_bytea(b: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 + b.len() * 2);
    s.push_str("\\x");
    for &byte in b {
        s.push(HEX[(byte >> 4) as usize] as char);
        s.push(HEX[(byte & 15) as usize] as char);
    }
    s
}

/// An owned copy of `s`, or 53200 "out of memory".
fn copy_text(s: &str) -> PgResult<String> {
    let mut out = pg_mcxt::limits::try_string_with_capacity(s.len())?;
    out.push_str(s);
    Ok(out)
}

/// Checks that the text form of `d` is a valid allocation, as PostgreSQL's
/// output function's palloc does: a bytea's hex form needs `2n + 3` bytes
/// ("\x", the digits and a NUL), so one over 512 MB cannot be shown or cast
/// to text (XX000 "invalid memory alloc request size N"). Callers of
/// [`output`] that may meet such values check first.
pub fn check_output_size(d: &Datum) -> PgResult<()> {
    match d {
        Datum::Bytea(b) => pg_mcxt::limits::check_alloc_size(b.len().saturating_mul(2).saturating_add(3)),
        _ => Ok(()),
    }
}

/// Truncates to at most `max` bytes without splitting a UTF-8 character.
pub fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Resolves the name given to a reg* type's input (`regclassin`,
/// `regtypein`, ...): Some(OID), or None where the hook does not resolve
/// that type by name. Registered at start-up by the layer that knows the
/// catalog (pg-tcop).
pub type RegInputHook = fn(type_oid: Oid, name: &str) -> PgResult<Option<Oid>>;

static REG_INPUT_HOOK: std::sync::OnceLock<RegInputHook> = std::sync::OnceLock::new();

/// Registers the [`RegInputHook`] (once; later calls are ignored).
pub fn set_reg_input_hook(hook: RegInputHook) {
    let _ = REG_INPUT_HOOK.set(hook);
}

/// The name a reg* value prints as (`regclassout`, ...): None for an OID
/// that names nothing, which prints as the number.
pub type RegOutputHook = fn(type_oid: Oid, oid: Oid) -> Option<String>;

static REG_OUTPUT_HOOK: std::sync::OnceLock<RegOutputHook> = std::sync::OnceLock::new();

/// Registers the [`RegOutputHook`] (once; later calls are ignored).
pub fn set_reg_output_hook(hook: RegOutputHook) {
    let _ = REG_OUTPUT_HOOK.set(hook);
}

/// The name a reg* OID prints as, through the [`RegOutputHook`]; None
/// when no hook is registered or the OID names nothing.
pub fn reg_output_name(type_oid: Oid, oid: Oid) -> Option<String> {
    REG_OUTPUT_HOOK.get().and_then(|hook| hook(type_oid, oid))
}

/// NAMEDATALEN - 1.
pub const NAME_MAX_BYTES: usize = 63;

/// The type input function: text → datum of `type_oid`, applying `typmod` (-1 for none) as
/// the input function does (`varchar(3)` input errors on overlong values, `numeric(5,2)` rounds).
pub fn input(type_oid: Oid, typmod: i32, s: &str, settings: &OutputSettings) -> PgResult<Datum> {
    let d = match type_oid {
        oid::BOOL => Datum::Bool(parse_bool(s)?),
        oid::INT2 => Datum::Int2(parse_int(s, i16::MIN as i64, i16::MAX as i64, "smallint")? as i16),
        oid::INT4 => Datum::Int4(parse_int(s, i32::MIN as i64, i32::MAX as i64, "integer")? as i32),
        oid::INT8 => Datum::Int8(parse_int(s, i64::MIN, i64::MAX, "bigint")?),
        oid::REGPROC | oid::REGCLASS | oid::REGTYPE | oid::REGNAMESPACE | oid::REGROLE
            if !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            // A name (regproc.c's *in functions): "-" is InvalidOid, anything
            // else is looked up by the layer that knows the catalog.
            if s == "-" {
                Datum::Oid(0)
            } else {
                match REG_INPUT_HOOK.get().map(|hook| hook(type_oid, s)).transpose()?.flatten() {
                    Some(oid) => Datum::Oid(oid),
                    None => Datum::Oid(parse_int(s, i32::MIN as i64, u32::MAX as i64, "oid")? as u32),
                }
            }
        }
        oid::OID | oid::REGPROC | oid::REGCLASS | oid::REGTYPE | oid::REGNAMESPACE | oid::REGROLE => {
            // oidin accepts the int4 range too and wraps negatives, as strtoul does.
            Datum::Oid(parse_int(s, i32::MIN as i64, u32::MAX as i64, "oid")? as u32)
        }
        oid::XID | oid::CID => {
            let t = trim_ws(s);
            let v = parse_u64_radix(t).ok_or_else(|| errors::invalid_syntax(types_name(type_oid), s))?;
            if type_oid == oid::CID {
                Datum::Oid(v as u32)
            } else {
                Datum::Xid(v as u32)
            }
        }
        oid::XID8 => Datum::Xid8(parse_u64_radix(trim_ws(s)).ok_or_else(|| errors::invalid_syntax("xid8", s))?),
        oid::PG_SNAPSHOT | oid::TXID_SNAPSHOT => {
            // txid_snapshot_in is pg_snapshot_in: its errors name pg_snapshot.
            let snap = parse_pg_snapshot(s).ok_or_else(|| errors::invalid_syntax("pg_snapshot", s))?;
            Datum::Text(format_pg_snapshot(&snap))
        }
        oid::FLOAT4 => Datum::Float4(float::float4_in(s)?),
        oid::FLOAT8 => Datum::Float8(float::float8_in(s)?),
        oid::NUMERIC => Datum::Numeric(Numeric::parse(s)?.apply_typmod(typmod)?),
        // A text value may be most of a gigabyte (a Bind parameter): its
        // copy is fallible, so a refusal is 53200 rather than an abort.
        oid::TEXT | oid::UNKNOWN | oid::CSTRING => Datum::Text(copy_text(s)?),
        oid::VARCHAR | oid::BPCHAR => {
            return crate::casts::apply_typmod(type_oid, typmod, Datum::Text(copy_text(s)?), false);
        }
        oid::NAME => Datum::Text(truncate_bytes(s, NAME_MAX_BYTES).to_string()),
        oid::CHAR => Datum::Char(s.as_bytes().first().copied().unwrap_or(0)),
        oid::BYTEA => Datum::Bytea(parse_bytea(s)?),
        oid::INET | oid::CIDR => Datum::Inet(crate::inet::parse_inet(s, type_oid == oid::CIDR)?),
        oid::DATE => Datum::Date(datetime::parse_date(s, settings)?),
        oid::TIME => Datum::Time(datetime::parse_time(s, typmod)?),
        oid::TIMETZ => {
            let (time, zone) = datetime::parse_timetz(s, typmod, settings)?;
            Datum::TimeTz(crate::datum::TimeTz { time, zone })
        }
        oid::TIMESTAMP => Datum::Timestamp(datetime::parse_timestamp(s, typmod, false, settings)?),
        oid::TIMESTAMPTZ => Datum::TimestampTz(datetime::parse_timestamp(s, typmod, true, settings)?),
        oid::INTERVAL => Datum::Interval(crate::interval::parse_interval_typmod(s, typmod)?),
        oid::UUID => Datum::Uuid(crate::validate::parse_uuid(s)?),
        oid::ACLITEM => Datum::AclItem(crate::acl::parse_aclitem(s)?),
        // pg_node_tree_in: node trees are made by the server only.
        oid::PG_NODE_TREE => {
            return Err(PgError::not_supported("cannot accept a value of type pg_node_tree"));
        }
        oid::VOID => Datum::Null,
        oid::INT2VECTOR => return crate::array::parse_vector(oid::INT2, s, settings),
        oid::OIDVECTOR => return crate::array::parse_vector(oid::OID, s, settings),
        _ => {
            if let Some(elem) = types::element_type_of(type_oid) {
                return crate::array::parse_array_typmod(elem, typmod, s, settings);
            }
            // Input these types' input functions refuse gets their error first.
            match type_oid {
                oid::JSON => crate::validate::check_json(s, false)?,
                oid::JSONB => crate::validate::check_json(s, true)?,
                _ => {}
            }
            return Err(PgError::not_supported(format!(
                "input of type {} is not supported",
                types::format_type(type_oid, -1)
            )));
        }
    };
    Ok(d)
}

fn types_name(oid: Oid) -> &'static str {
    types::lookup_type(oid).map(|t| t.name).unwrap_or("???")
}

/// A `pg_snapshot` value: xmin, xmax and the ids in progress between them
/// (ascending, without duplicates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PgSnapshotValue {
    /// Every id below it had ended.
    pub xmin: u64,
    /// Every id from it on had not started.
    pub xmax: u64,
    /// The ids in progress in [xmin, xmax).
    pub xip: Vec<u64>,
}

/// `parse_snapshot` (pg_snapshot_in): `xmin:xmax:xip1,xip2,...` with
/// 0 < xmin <= xmax and xmin <= xip < xmax ascending (repeats dropped); None
/// when malformed.
pub fn parse_pg_snapshot(s: &str) -> Option<PgSnapshotValue> {
    // strtou64: leading white space, an optional '+', then digits.
    fn number(s: &str) -> Option<(u64, &str)> {
        let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let t = t.strip_prefix('+').unwrap_or(t);
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        if end == 0 {
            return None;
        }
        Some((t[..end].parse().ok()?, &t[end..]))
    }
    let (xmin, rest) = number(s)?;
    let rest = rest.strip_prefix(':')?;
    let (xmax, rest) = number(rest)?;
    let mut rest = rest.strip_prefix(':')?;
    if xmin == 0 || xmax == 0 || xmax < xmin {
        return None;
    }
    let mut xip: Vec<u64> = Vec::new();
    while !rest.is_empty() {
        let (v, r) = number(rest)?;
        if v < xmin || v >= xmax || xip.last().is_some_and(|&l| v < l) {
            return None;
        }
        if xip.last() != Some(&v) {
            xip.push(v);
        }
        rest = match r.strip_prefix(',') {
            Some(r) => r,
            None if r.is_empty() => r,
            None => return None,
        };
    }
    Some(PgSnapshotValue { xmin, xmax, xip })
}

/// `pg_snapshot_out`: `xmin:xmax:xip1,xip2`.
pub fn format_pg_snapshot(s: &PgSnapshotValue) -> String {
    let xip: Vec<String> = s.xip.iter().map(u64::to_string).collect();
    format!("{}:{}:{}", s.xmin, s.xmax, xip.join(","))
}

/// strtoul-style unsigned parse (decimal, 0x hex, 0 octal) for xid/cid.
fn parse_u64_radix(t: &str) -> Option<u64> {
    if t.is_empty() {
        return None;
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        u64::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

/// The type output function: datum → text. NULL has no text form; it prints as "".
pub fn output(type_oid: Oid, d: &Datum, settings: &OutputSettings) -> String {
    match (type_oid, d) {
        (_, Datum::Null) => String::new(),
        (_, Datum::Bool(b)) => if *b { "t" } else { "f" }.to_string(),
        (_, Datum::Int2(v)) => v.to_string(),
        (_, Datum::Int4(v)) => v.to_string(),
        (_, Datum::Int8(v)) => v.to_string(),
        (_, Datum::Float4(v)) => float::float4_out(*v, settings.extra_float_digits),
        (_, Datum::Float8(v)) => float::float8_out(*v, settings.extra_float_digits),
        (_, Datum::Numeric(n)) => n.to_string(),
        (_, Datum::Text(s)) => s.clone(),
        (_, Datum::Char(c)) => {
            if *c == 0 {
                String::new()
            } else if c.is_ascii() {
                (*c as char).to_string()
            } else {
                // charout prints high-bit bytes as octal escapes.
                format!("\\{:03o}", c)
            }
        }
        (_, Datum::Bytea(b)) => format_bytea(b),
        (oid::REGPROC | oid::REGCLASS | oid::REGTYPE | oid::REGNAMESPACE | oid::REGROLE, Datum::Oid(0)) => "-".into(),
        (oid::REGPROC | oid::REGCLASS | oid::REGTYPE | oid::REGNAMESPACE | oid::REGROLE, Datum::Oid(v)) => {
            reg_output_name(type_oid, *v).unwrap_or_else(|| v.to_string())
        }
        (_, Datum::Oid(v)) | (_, Datum::Xid(v)) => v.to_string(),
        (_, Datum::Xid8(v)) => v.to_string(),
        (_, Datum::Inet(i)) => crate::inet::format_inet(i, type_oid == oid::CIDR),
        (_, Datum::Date(v)) => datetime::format_date(*v, settings),
        (_, Datum::Time(v)) => datetime::format_time(*v),
        (_, Datum::TimeTz(v)) => crate::timetz::format_timetz(v),
        (_, Datum::Timestamp(v)) => datetime::format_timestamp(*v, settings),
        (_, Datum::TimestampTz(v)) => datetime::format_timestamptz(*v, settings),
        (_, Datum::Interval(v)) => crate::interval::format_interval(v, settings.interval_style),
        (_, Datum::Uuid(u)) => crate::validate::format_uuid(u),
        (_, Datum::AclItem(a)) => crate::acl::format_aclitem(a),
        (oid::INT2VECTOR, Datum::Array(a)) => crate::array::format_vector(oid::INT2, a, settings),
        (oid::OIDVECTOR, Datum::Array(a)) => crate::array::format_vector(oid::OID, a, settings),
        (t, Datum::Array(a)) => crate::array::format_array(types::element_type_of(t).unwrap_or(oid::TEXT), a, settings),
        (_, Datum::Record(items)) => crate::array::format_record(items, settings),
    }
}

/// The natural type OID of a datum variant (for `Text` it is `text`), used when a caller
/// holds a datum without its type (e.g. `concat` of mixed arguments).
pub fn natural_type(d: &Datum) -> Oid {
    match d {
        Datum::Null => oid::UNKNOWN,
        Datum::Bool(_) => oid::BOOL,
        Datum::Int2(_) => oid::INT2,
        Datum::Int4(_) => oid::INT4,
        Datum::Int8(_) => oid::INT8,
        Datum::Float4(_) => oid::FLOAT4,
        Datum::Float8(_) => oid::FLOAT8,
        Datum::Numeric(_) => oid::NUMERIC,
        Datum::Text(_) => oid::TEXT,
        Datum::Char(_) => oid::CHAR,
        Datum::Bytea(_) => oid::BYTEA,
        Datum::Oid(_) => oid::OID,
        Datum::Xid(_) => oid::XID,
        Datum::Xid8(_) => oid::XID8,
        Datum::Inet(_) => oid::INET,
        Datum::Date(_) => oid::DATE,
        Datum::Time(_) => oid::TIME,
        Datum::TimeTz(_) => oid::TIMETZ,
        Datum::Timestamp(_) => oid::TIMESTAMP,
        Datum::TimestampTz(_) => oid::TIMESTAMPTZ,
        Datum::Interval(_) => oid::INTERVAL,
        Datum::Uuid(_) => oid::UUID,
        Datum::AclItem(_) => oid::ACLITEM,
        Datum::Array(_) => oid::TEXT_ARRAY,
        Datum::Record(_) => oid::RECORD,
    }
}
