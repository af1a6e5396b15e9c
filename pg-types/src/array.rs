//! One-dimensional array and anonymous record text I/O (`array_in`/`array_out`,
//! `record_out`). Multi-dimensional arrays and explicit bounds are not supported yet.

use crate::datum::Datum;
use crate::io::{self, OutputSettings};
use crate::types::Oid;
use pg_error::{PgError, PgResult, SqlState};

fn needs_quotes(s: &str, _elem: Oid) -> bool {
    s.is_empty()
        || s.eq_ignore_ascii_case("null")
        || s.bytes().any(|c| matches!(c, b'{' | b'}' | b',' | b'"' | b'\\') || c.is_ascii_whitespace())
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `array_out` for a one-dimensional array.
pub fn format_array(elem: Oid, items: &[Datum], settings: &OutputSettings) -> String {
    let mut out = String::from("{");
    for (i, d) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if d.is_null() {
            out.push_str("NULL");
        } else {
            let s = io::output(elem, d, settings);
            if needs_quotes(&s, elem) {
                out.push_str(&quote(&s));
            } else {
                out.push_str(&s);
            }
        }
    }
    out.push('}');
    out
}

/// `record_out`.
pub fn format_record(items: &[Datum], settings: &OutputSettings) -> String {
    let mut out = String::from("(");
    for (i, d) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if !d.is_null() {
            let s = io::output(io::natural_type(d), d, settings);
            if s.is_empty()
                || s.bytes().any(|c| matches!(c, b'(' | b')' | b',' | b'"' | b'\\') || c.is_ascii_whitespace())
            {
                out.push_str(&quote(&s));
            } else {
                out.push_str(&s);
            }
        }
    }
    out.push(')');
    out
}

/// MAXDIM: the most dimensions an array may have.
const MAX_DIMENSIONS: usize = 6;

/// `array_in` for a one-dimensional array literal like `{1,2,NULL,"a b"}`.
/// A literal of more dimensions gets 0A000, or PostgreSQL's 54000 past MAXDIM.
pub fn parse_array(elem: Oid, s: &str, settings: &OutputSettings) -> PgResult<Datum> {
    let malformed = |detail: &str| {
        PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, format!("malformed array literal: \"{s}\""))
            .with_detail(detail.to_string())
    };
    let t = s.trim();
    let inner =
        t.strip_prefix('{').ok_or_else(|| malformed("Array value must start with \"{\" or dimension information."))?;
    let inner = inner.strip_suffix('}').ok_or_else(|| malformed("Unexpected end of input."))?;
    if inner.trim_start().starts_with('{') {
        // Count the dimensions as ArrayCount does, from the leading braces.
        let depth = 1 + t[1..].chars().filter(|c| !c.is_ascii_whitespace()).take_while(|&c| c == '{').count();
        if depth > MAX_DIMENSIONS {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                format!(
                    "number of array dimensions ({}) exceeds the maximum allowed ({MAX_DIMENSIONS})",
                    MAX_DIMENSIONS + 1
                ),
            ));
        }
        return Err(PgError::not_supported("multidimensional arrays are not supported yet"));
    }
    let mut items = Vec::new();
    if inner.trim().is_empty() {
        return Ok(Datum::Array(items));
    }
    let chars: Vec<char> = inner.chars().collect();
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut buf = String::new();
        let mut quoted = false;
        if i < chars.len() && chars[i] == '"' {
            quoted = true;
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                buf.push(chars[i]);
                i += 1;
            }
            if i >= chars.len() {
                return Err(malformed("Unexpected end of input."));
            }
            i += 1;
            while i < chars.len() && chars[i].is_ascii_whitespace() {
                i += 1;
            }
        } else {
            while i < chars.len() && chars[i] != ',' {
                if chars[i] == '{' || chars[i] == '}' || chars[i] == '"' {
                    return Err(malformed("Unexpected array element."));
                }
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                buf.push(chars[i]);
                i += 1;
            }
            buf = buf.trim_end().to_string();
        }
        if !quoted && buf.eq_ignore_ascii_case("null") {
            items.push(Datum::Null);
        } else {
            items.push(io::input(elem, -1, &buf, settings)?);
        }
        if i >= chars.len() {
            break;
        }
        if chars[i] != ',' {
            return Err(malformed("Unexpected array element."));
        }
        i += 1;
    }
    Ok(Datum::Array(items))
}
