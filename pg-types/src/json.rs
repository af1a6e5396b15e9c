//! SQL values as JSON, as PostgreSQL's `to_json` and `to_jsonb` make them
//! (`utils/adt/json.c`'s `datum_to_json`, `jsonb.c`'s `datum_to_jsonb`),
//! and jsonb's normalized text (`JsonbToCString`). The json aggregates
//! build their results with these.
//!
//! A value's JSON form follows its type's category: numbers are bare when
//! their text is a JSON number (NaN and infinities become strings), booleans
//! are `true`/`false`, dates and timestamps are ISO 8601 ("XSD") strings,
//! arrays are JSON arrays (nested by dimension), json values are copied and
//! everything else is its output text as a JSON string. A jsonb value is a
//! tree ([`JsonbValue`]): its numbers are numerics (so `1e+20` prints as
//! `100000000000000000000`), its objects keep one value per key (the last)
//! with the keys ordered by length and then bytes, and it prints with `", "`
//! and `": "` separators.
//!
//! Differences from PostgreSQL: records (composite values) are refused
//! with 0A000, because a record value here does not carry its column
//! names.

use crate::array::ArrayValue;
use crate::datum::Datum;
use crate::io::{DateStyle, OutputSettings};
use crate::numeric::Numeric;
use crate::types::{self, oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

/// A jsonb value (`JsonbValue`), objects already normalized.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonbValue {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, held as numeric.
    Number(Numeric),
    /// A string (unescaped).
    String(String),
    /// An array.
    Array(Vec<JsonbValue>),
    /// An object: unique keys ordered as jsonb orders them.
    Object(Vec<(String, JsonbValue)>),
}

/// How a type turns into JSON (`JsonTypeCategory`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Category {
    Bool,
    Numeric,
    Date,
    Timestamp,
    TimestampTz,
    Json,
    Jsonb,
    Array,
    Composite,
    Other,
}

fn category(type_oid: Oid) -> Category {
    match type_oid {
        oid::BOOL => Category::Bool,
        oid::INT2 | oid::INT4 | oid::INT8 | oid::FLOAT4 | oid::FLOAT8 | oid::NUMERIC => Category::Numeric,
        oid::DATE => Category::Date,
        oid::TIMESTAMP => Category::Timestamp,
        oid::TIMESTAMPTZ => Category::TimestampTz,
        oid::JSON => Category::Json,
        oid::JSONB => Category::Jsonb,
        oid::RECORD => Category::Composite,
        t if types::element_type_of(t).is_some() => Category::Array,
        _ => Category::Other,
    }
}

/// An object key must be a scalar: values of `type_oid` may not be keys
/// when it is an array, a record or json (22023).
pub fn check_key_type(type_oid: Oid) -> PgResult<()> {
    match category(type_oid) {
        Category::Array | Category::Composite | Category::Json | Category::Jsonb => Err(key_not_scalar()),
        _ => Ok(()),
    }
}

fn key_not_scalar() -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, "key value must be scalar, not array, composite, or json")
}

fn composite_unsupported() -> PgError {
    PgError::not_supported("conversion of a record to json is not supported yet")
}

/// `escape_json`: `s` as a JSON string literal, quotes included.
pub fn escape_json(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `IsValidJsonNumber`: whether a number's output text is a JSON number
/// (not NaN or Infinity).
fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    !b.is_empty() && b[0].is_ascii_digit() && b.iter().all(|c| c.is_ascii_digit() || b".eE+-".contains(c))
}

/// A date or timestamp as `JsonEncodeDateTime` writes it: ISO 8601 with
/// `T` between date and time and a `+hh:mm` zone; infinities spelled out.
fn xsd_datetime(type_oid: Oid, d: &Datum, settings: &OutputSettings) -> String {
    let mut iso = settings.clone();
    iso.date_style = DateStyle::Iso;
    let text = crate::io::output(type_oid, d, &iso);
    if type_oid == oid::DATE || text.ends_with("infinity") {
        return text;
    }
    let (body, bc) = match text.strip_suffix(" BC") {
        Some(b) => (b, " BC"),
        None => (text.as_str(), ""),
    };
    let mut out = body.replacen(' ', "T", 1);
    if type_oid == oid::TIMESTAMPTZ {
        // The zone follows the time: "+hh", "+hh:mm" or "+hh:mm:ss".
        let time_start = out.find('T').map_or(0, |i| i + 1);
        if let Some(z) = out[time_start..].rfind(['+', '-']) {
            if out.len() - (time_start + z) == 3 {
                out.push_str(":00");
            }
        }
    }
    out.push_str(bc);
    out
}

/// `datum_to_json`: appends the json text of `d`, a value of `type_oid`.
/// `key_scalar` makes it an object key: always a string, and refused for
/// arrays, records and json.
pub fn datum_to_json(
    out: &mut String,
    type_oid: Oid,
    d: &Datum,
    key_scalar: bool,
    settings: &OutputSettings,
) -> PgResult<()> {
    if d.is_null() {
        out.push_str("null");
        return Ok(());
    }
    let cat = category(type_oid);
    if key_scalar && matches!(cat, Category::Array | Category::Composite | Category::Json | Category::Jsonb) {
        return Err(key_not_scalar());
    }
    match (cat, d) {
        (Category::Array, Datum::Array(a)) => {
            let elem = types::element_type_of(type_oid).unwrap_or(oid::TEXT);
            let dims: Vec<usize> = a.dims().iter().map(|d| d.len.max(0) as usize).collect();
            if dims.is_empty() {
                out.push_str("[]");
            } else {
                json_array_level(out, elem, a, &dims, 0, &mut 0, settings)?;
            }
        }
        (Category::Composite, _) => return Err(composite_unsupported()),
        (Category::Bool, Datum::Bool(b)) if key_scalar => escape_json(out, if *b { "true" } else { "false" }),
        (Category::Bool, Datum::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        (Category::Numeric, _) => {
            let text = crate::io::output(type_oid, d, settings);
            if !key_scalar && is_json_number(&text) {
                out.push_str(&text);
            } else {
                escape_json(out, &text);
            }
        }
        (Category::Date | Category::Timestamp | Category::TimestampTz, _) => {
            escape_json(out, &xsd_datetime(type_oid, d, settings))
        }
        (Category::Json | Category::Jsonb, _) => out.push_str(&crate::io::output(type_oid, d, settings)),
        _ => escape_json(out, &crate::io::output(type_oid, d, settings)),
    }
    Ok(())
}

/// One dimension of an array as json (`array_dim_to_json`): `[a,b]`.
fn json_array_level(
    out: &mut String,
    elem: Oid,
    a: &ArrayValue,
    dims: &[usize],
    level: usize,
    next: &mut usize,
    settings: &OutputSettings,
) -> PgResult<()> {
    out.push('[');
    for i in 0..dims[level] {
        if i > 0 {
            out.push(',');
        }
        if level + 1 == dims.len() {
            datum_to_json(out, elem, &a.elems()[*next], false, settings)?;
            *next += 1;
        } else {
            json_array_level(out, elem, a, dims, level + 1, next, settings)?;
        }
    }
    out.push(']');
    Ok(())
}

/// `datum_to_jsonb`: `d`, a value of `type_oid`, as a jsonb value.
/// `key_scalar` as for [`datum_to_json`].
pub fn datum_to_jsonb(type_oid: Oid, d: &Datum, key_scalar: bool, settings: &OutputSettings) -> PgResult<JsonbValue> {
    if d.is_null() {
        return Ok(JsonbValue::Null);
    }
    let cat = category(type_oid);
    if key_scalar && matches!(cat, Category::Array | Category::Composite | Category::Json | Category::Jsonb) {
        return Err(key_not_scalar());
    }
    Ok(match (cat, d) {
        (Category::Array, Datum::Array(a)) => {
            let elem = types::element_type_of(type_oid).unwrap_or(oid::TEXT);
            let dims: Vec<usize> = a.dims().iter().map(|d| d.len.max(0) as usize).collect();
            if dims.is_empty() {
                JsonbValue::Array(Vec::new())
            } else {
                jsonb_array_level(elem, a, &dims, 0, &mut 0, settings)?
            }
        }
        (Category::Composite, _) => return Err(composite_unsupported()),
        (Category::Bool, Datum::Bool(b)) if key_scalar => JsonbValue::String(b.to_string()),
        (Category::Bool, Datum::Bool(b)) => JsonbValue::Bool(*b),
        (Category::Numeric, _) => {
            let text = crate::io::output(type_oid, d, settings);
            if !key_scalar && is_json_number(&text) {
                JsonbValue::Number(Numeric::parse(&text)?)
            } else {
                JsonbValue::String(text)
            }
        }
        (Category::Date | Category::Timestamp | Category::TimestampTz, _) => {
            JsonbValue::String(xsd_datetime(type_oid, d, settings))
        }
        (Category::Json | Category::Jsonb, _) => parse_json(&crate::io::output(type_oid, d, settings))?,
        _ => JsonbValue::String(crate::io::output(type_oid, d, settings)),
    })
}

fn jsonb_array_level(
    elem: Oid,
    a: &ArrayValue,
    dims: &[usize],
    level: usize,
    next: &mut usize,
    settings: &OutputSettings,
) -> PgResult<JsonbValue> {
    let mut items = Vec::with_capacity(dims[level]);
    for _ in 0..dims[level] {
        if level + 1 == dims.len() {
            items.push(datum_to_jsonb(elem, &a.elems()[*next], false, settings)?);
            *next += 1;
        } else {
            items.push(jsonb_array_level(elem, a, dims, level + 1, next, settings)?);
        }
    }
    Ok(JsonbValue::Array(items))
}

/// A jsonb object from its pairs in input order: keys ordered by length,
/// then bytewise, and of a repeated key the last value kept
/// (`uniqueifyJsonbObject`).
pub fn jsonb_object(mut pairs: Vec<(String, JsonbValue)>) -> JsonbValue {
    // A stable sort keeps equal keys in input order; the last one wins.
    pairs.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes())));
    let mut out: Vec<(String, JsonbValue)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match out.last_mut() {
            Some(last) if last.0 == k => last.1 = v,
            _ => out.push((k, v)),
        }
    }
    JsonbValue::Object(out)
}

/// jsonb's output text (`JsonbToCString`).
pub fn jsonb_to_text(v: &JsonbValue, out: &mut String) {
    match v {
        JsonbValue::Null => out.push_str("null"),
        JsonbValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsonbValue::Number(n) => out.push_str(&n.to_string()),
        JsonbValue::String(s) => escape_json(out, s),
        JsonbValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                jsonb_to_text(item, out);
            }
            out.push(']');
        }
        JsonbValue::Object(pairs) => {
            out.push('{');
            for (i, (k, item)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                escape_json(out, k);
                out.push_str(": ");
                jsonb_to_text(item, out);
            }
            out.push('}');
        }
    }
}

/// Parses json text (already valid: made by this server) into a jsonb
/// value, objects normalized.
pub fn parse_json(s: &str) -> PgResult<JsonbValue> {
    crate::validate::check_json(s, true)?;
    let mut p = Parser { s: s.as_bytes(), pos: 0 };
    let v = p.value()?;
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && matches!(self.s[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn bad(&self) -> PgError {
        PgError::internal("json text changed after it was checked")
    }

    fn value(&mut self) -> PgResult<JsonbValue> {
        pg_error::check_stack_depth()?;
        self.skip_ws();
        let Some(&c) = self.s.get(self.pos) else { return Err(self.bad()) };
        Ok(match c {
            b'{' => {
                self.pos += 1;
                let mut pairs = Vec::new();
                self.skip_ws();
                if self.s.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip_ws();
                        let key = self.string()?;
                        self.skip_ws();
                        self.pos += 1; // ':'
                        let v = self.value()?;
                        pairs.push((key, v));
                        self.skip_ws();
                        let sep = self.s.get(self.pos).copied();
                        self.pos += 1;
                        if sep == Some(b'}') {
                            break;
                        }
                    }
                }
                jsonb_object(pairs)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.s.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.skip_ws();
                        let sep = self.s.get(self.pos).copied();
                        self.pos += 1;
                        if sep == Some(b']') {
                            break;
                        }
                    }
                }
                JsonbValue::Array(items)
            }
            b'"' => JsonbValue::String(self.string()?),
            b't' => {
                self.pos += 4;
                JsonbValue::Bool(true)
            }
            b'f' => {
                self.pos += 5;
                JsonbValue::Bool(false)
            }
            b'n' => {
                self.pos += 4;
                JsonbValue::Null
            }
            _ => {
                let start = self.pos;
                while self.pos < self.s.len()
                    && (self.s[self.pos].is_ascii_digit() || b".eE+-".contains(&self.s[self.pos]))
                {
                    self.pos += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.pos]).map_err(|_| self.bad())?;
                JsonbValue::Number(Numeric::parse(text)?)
            }
        })
    }

    /// A string literal at the cursor, unescaped.
    fn string(&mut self) -> PgResult<String> {
        if self.s.get(self.pos) != Some(&b'"') {
            return Err(self.bad());
        }
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.pos) else { return Err(self.bad()) };
            self.pos += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.s.get(self.pos) else { return Err(self.bad()) };
                    self.pos += 1;
                    let ch = match e {
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.s.get(self.pos..self.pos + 2) == Some(b"\\u") {
                                self.pos += 2;
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code).ok_or_else(|| self.bad())?
                        }
                        other => other as char,
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                c => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.bad())
    }

    fn hex4(&mut self) -> PgResult<u32> {
        let digits = self.s.get(self.pos..self.pos + 4).ok_or_else(|| self.bad())?;
        self.pos += 4;
        let text = std::str::from_utf8(digits).map_err(|_| self.bad())?;
        u32::from_str_radix(text, 16).map_err(|_| self.bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonb(s: &str) -> String {
        let mut out = String::new();
        jsonb_to_text(&parse_json(s).expect("valid json"), &mut out);
        out
    }

    #[test]
    fn jsonb_text_is_normalized() {
        assert_eq!(
            jsonb(r#"{"b":1,"a":[1,2.50,1e2],"aa":null,"b":"x"}"#),
            r#"{"a": [1, 2.50, 100], "b": "x", "aa": null}"#
        );
        assert_eq!(jsonb(r#""\u00e9\n\ud83d\ude00""#), "\"\u{e9}\\n\u{1f600}\"");
        assert_eq!(jsonb("[]"), "[]");
        assert_eq!(jsonb("{}"), "{}");
    }

    #[test]
    fn strings_escape_as_postgres_does() {
        let mut out = String::new();
        escape_json(&mut out, "a\"b\\c\n\u{1}");
        assert_eq!(out, r#""a\"b\\c\n\u0001""#);
        assert!(is_json_number("-1.5e+300") && !is_json_number("NaN") && !is_json_number("-Infinity"));
    }
}
