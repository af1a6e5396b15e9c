//! More string functions of PostgreSQL's `utils/adt/varlena.c` and
//! `utils/adt/encode.c`: `overlay` (text and bytea; the parser turns
//! `overlay(x placing y from n for m)` into a call), `split_part`,
//! `translate`, `initcap`, `starts_with` (and its operator `^@`),
//! `string_to_array`, `string_to_table`, `encode` and `decode`, `to_hex`,
//! `bit_length`, the `sha2` digests, and the bytea forms of `substr`,
//! `position`, the trims, `get_byte`/`set_byte`, `get_bit`/`set_bit` and
//! `length(bytea, encoding)`, `bit_count`, `parse_ident` and `unistr`;
//! `like`/`notlike` and `name()` as functions, and the pattern comparison
//! operators `~<~ ~<=~ ~>=~ ~>~`; `normalize` and `is_normalized` (Unicode
//! normalization by the `unicode-normalization` crate, whose tables may be
//! of a newer Unicode version than PostgreSQL 15's 14.0).
//!
//! Characters are Unicode scalar values (the database encoding is UTF8);
//! case mapping follows `lc_ctype` C, which maps ASCII letters only and
//! counts no other character as a letter or digit.

use crate::array::ArrayValue;
use crate::datum::Datum;
use crate::errors;
use crate::fmgr::{FuncDef, SetRows, SrfImpl, Volatility};
use crate::funcs::{arg, int, substring_range, text};
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};

fn bytea(a: &[Datum], i: usize) -> PgResult<&[u8]> {
    match arg(a, i)? {
        Datum::Bytea(b) => Ok(b),
        _ => Err(errors::wrong_datum("bytea argument")),
    }
}

fn invalid_parameter(msg: impl Into<String>) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, msg.into())
}

// ----- overlay ------------------------------------------------------------------------------

/// `text_overlay` / `bytea_overlay` on a sequence of characters or bytes:
/// what precedes position `sp`, then `new`, then what follows position
/// `sp + sl` (which, for a negative `sl`, may repeat part of the string).
fn overlay<T: Clone>(s: &[T], new: &[T], sp: i64, sl: i64) -> PgResult<Vec<T>> {
    if sp <= 0 {
        return Err(PgError::new(SqlState::SUBSTRING_ERROR, "negative substring length not allowed"));
    }
    let end = i32::try_from(sp + sl).map_err(|_| errors::out_of_range("integer"))? as i64;
    let head = ((sp - 1) as usize).min(s.len());
    let tail = ((end.max(1) - 1) as usize).min(s.len());
    let mut out = Vec::with_capacity(head + new.len() + s.len() - tail);
    out.extend_from_slice(&s[..head]);
    out.extend_from_slice(new);
    out.extend_from_slice(&s[tail..]);
    Ok(out)
}

fn overlay_text(a: &[Datum]) -> PgResult<Datum> {
    let s: Vec<char> = text(a, 0)?.chars().collect();
    let new: Vec<char> = text(a, 1)?.chars().collect();
    let sl = if a.len() > 3 { int(a, 3)? } else { new.len() as i64 };
    Ok(Datum::Text(overlay(&s, &new, int(a, 2)?, sl)?.into_iter().collect()))
}

fn overlay_bytea(a: &[Datum]) -> PgResult<Datum> {
    let (s, new) = (bytea(a, 0)?, bytea(a, 1)?);
    let sl = if a.len() > 3 { int(a, 3)? } else { new.len() as i64 };
    Ok(Datum::Bytea(overlay(s, new, int(a, 2)?, sl)?))
}

// ----- split_part, translate, initcap, starts_with -----------------------------------------

/// `split_part(string, delimiter, n)`: the n-th field, counting from the
/// end when n is negative; an empty delimiter makes the whole string the
/// one field.
fn split_part(a: &[Datum]) -> PgResult<Datum> {
    let (s, delim, n) = (text(a, 0)?, text(a, 1)?, int(a, 2)?);
    if n == 0 {
        return Err(invalid_parameter("field position must not be zero"));
    }
    if s.is_empty() {
        return Ok(Datum::Text(String::new()));
    }
    let fields: Vec<&str> = if delim.is_empty() { vec![s] } else { s.split(delim).collect() };
    let index = if n > 0 { n - 1 } else { fields.len() as i64 + n };
    let field = usize::try_from(index).ok().and_then(|i| fields.get(i)).copied().unwrap_or("");
    Ok(Datum::Text(field.to_string()))
}

/// `translate(string, from, to)`: each character found in `from` becomes
/// the one at the same place in `to`, or is dropped when `to` is shorter.
fn translate(a: &[Datum]) -> PgResult<Datum> {
    let (s, from, to) = (text(a, 0)?, text(a, 1)?, text(a, 2)?);
    let from: Vec<char> = from.chars().collect();
    let to: Vec<char> = to.chars().collect();
    let out = s
        .chars()
        .filter_map(|c| match from.iter().position(|&f| f == c) {
            Some(i) => to.get(i).copied(),
            None => Some(c),
        })
        .collect();
    Ok(Datum::Text(out))
}

/// `initcap(string)`: the first letter of each word upper case, the rest
/// lower case, a word being a run of ASCII letters and digits (`lc_ctype`
/// C: `éa` gives `éA`).
fn initcap(a: &[Datum]) -> PgResult<Datum> {
    let mut was_alnum = false;
    let out = text(a, 0)?
        .chars()
        .map(|c| {
            let c = if was_alnum { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            was_alnum = c.is_ascii_alphanumeric();
            c
        })
        .collect();
    Ok(Datum::Text(out))
}

/// `starts_with(string, prefix)` and the operator `^@`.
pub(crate) fn starts_with(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(text(a, 0)?.starts_with(text(a, 1)?)))
}

// ----- string_to_array, string_to_table ----------------------------------------------------

/// The fields of `string_to_array` / `string_to_table` (not strict): none
/// for a NULL or empty string; one per character for a NULL delimiter; the
/// whole string for an empty one; fields equal to `null_string` are NULL.
fn split_fields(a: &[Datum]) -> PgResult<Option<Vec<Datum>>> {
    let s = match arg(a, 0)? {
        Datum::Null => return Ok(None),
        _ => text(a, 0)?,
    };
    let null_string = match a.get(2) {
        Some(Datum::Text(n)) => Some(n.as_str()),
        _ => None,
    };
    let field = |f: &str| {
        if null_string == Some(f) {
            Datum::Null
        } else {
            Datum::Text(f.to_string())
        }
    };
    if s.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let fields = match arg(a, 1)? {
        Datum::Null => {
            let mut buf = [0u8; 4];
            s.chars().map(|c| field(c.encode_utf8(&mut buf))).collect()
        }
        _ => {
            let delim = text(a, 1)?;
            if delim.is_empty() {
                vec![field(s)]
            } else {
                let mut out = Vec::new();
                for (n, f) in s.split(delim).enumerate() {
                    if n % 65536 == 65535 {
                        pg_error::check_for_interrupts()?;
                    }
                    out.push(field(f));
                }
                out
            }
        }
    };
    Ok(Some(fields))
}

fn string_to_array(a: &[Datum]) -> PgResult<Datum> {
    Ok(match split_fields(a)? {
        None => Datum::Null,
        Some(fields) => Datum::Array(ArrayValue::from(fields)),
    })
}

fn string_to_table(a: &[Datum]) -> PgResult<SetRows> {
    let fields = split_fields(a)?.unwrap_or_default();
    Ok(Box::new(fields.into_iter().map(|d| Ok(vec![d]))))
}

// ----- encode, decode ----------------------------------------------------------------------

/// The encodings `encode` and `decode` know, named case-insensitively.
#[derive(Clone, Copy)]
enum BinaryEncoding {
    Hex,
    Base64,
    Escape,
}

fn binary_encoding(name: &str) -> PgResult<BinaryEncoding> {
    match name.to_ascii_lowercase().as_str() {
        "hex" => Ok(BinaryEncoding::Hex),
        "base64" => Ok(BinaryEncoding::Base64),
        "escape" => Ok(BinaryEncoding::Escape),
        _ => Err(invalid_parameter(format!("unrecognized encoding: \"{name}\""))),
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `encode(bytes, format)`.
fn encode(a: &[Datum]) -> PgResult<Datum> {
    let b = bytea(a, 0)?;
    let out = match binary_encoding(text(a, 1)?)? {
        BinaryEncoding::Hex => {
            let mut s = String::with_capacity(b.len() * 2);
            for byte in b {
                s.push_str(&format!("{byte:02x}"));
            }
            s
        }
        BinaryEncoding::Base64 => base64_encode(b),
        BinaryEncoding::Escape => {
            let mut s = String::with_capacity(b.len());
            for &byte in b {
                match byte {
                    0 | 0x80.. => s.push_str(&format!("\\{byte:03o}")),
                    b'\\' => s.push_str("\\\\"),
                    _ => s.push(byte as char),
                }
            }
            s
        }
    };
    Ok(Datum::Text(out))
}

/// Base64 in lines of 76 characters; a newline follows each full line,
/// even the last (PostgreSQL checks after each input byte).
fn base64_encode(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() * 4 / 3 + b.len() / 57 + 4);
    let mut line = 0;
    for chunk in b.chunks(3) {
        let buf = chunk.iter().enumerate().fold(0u32, |v, (k, &x)| v | (x as u32) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(BASE64[(buf >> (18 - 6 * k) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
        line += 4;
        if line >= 76 && chunk.len() == 3 {
            out.push('\n');
            line = 0;
        }
    }
    out
}

/// `decode(string, format)`.
fn decode(a: &[Datum]) -> PgResult<Datum> {
    let s = text(a, 0)?;
    let out = match binary_encoding(text(a, 1)?)? {
        BinaryEncoding::Hex => hex_decode(s)?,
        BinaryEncoding::Base64 => base64_decode(s)?,
        BinaryEncoding::Escape => escape_decode(s)?,
    };
    Ok(Datum::Bytea(out))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// The whole character at byte `at` of `s`, for error messages.
fn char_at(s: &str, at: usize) -> &str {
    let end = (at + 1..=s.len()).find(|&e| s.is_char_boundary(e)).unwrap_or(s.len());
    &s[at..end]
}

/// `hex_decode`: pairs of hex digits, white space between pairs skipped.
pub(crate) fn hex_decode(s: &str) -> PgResult<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 2);
    let digit = |at: usize| -> PgResult<u8> {
        (b[at] as char)
            .to_digit(16)
            .map(|d| d as u8)
            .ok_or_else(|| invalid_parameter(format!("invalid hexadecimal digit: \"{}\"", char_at(s, at))))
    };
    let mut at = 0;
    while at < b.len() {
        if is_space(b[at]) {
            at += 1;
            continue;
        }
        let hi = digit(at)?;
        if at + 1 >= b.len() {
            return Err(invalid_parameter("invalid hexadecimal data: odd number of digits"));
        }
        out.push(hi << 4 | digit(at + 1)?);
        at += 2;
    }
    Ok(out)
}

/// `pg_base64_decode`: white space skipped; `=` may end a group of two or
/// three symbols, and, as in PostgreSQL, symbols after it are still read.
fn base64_decode(s: &str) -> PgResult<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut buf, mut pos, mut end) = (0u32, 0, 0);
    for (at, c) in s.bytes().enumerate() {
        if is_space(c) {
            continue;
        }
        let b = if c == b'=' {
            if end == 0 {
                end = match pos {
                    2 => 1,
                    3 => 2,
                    _ => return Err(invalid_parameter("unexpected \"=\" while decoding base64 sequence")),
                };
            }
            0
        } else {
            match BASE64.iter().position(|&x| x == c) {
                Some(v) => v as u32,
                None => {
                    return Err(invalid_parameter(format!(
                        "invalid symbol \"{}\" found while decoding base64 sequence",
                        char_at(s, at)
                    )))
                }
            }
        };
        buf = (buf << 6) + b;
        pos += 1;
        if pos == 4 {
            out.push((buf >> 16) as u8);
            if end != 1 {
                out.push((buf >> 8) as u8);
            }
            if end == 0 {
                out.push(buf as u8);
            }
            (buf, pos) = (0, 0);
        }
    }
    if pos != 0 {
        return Err(invalid_parameter("invalid base64 end sequence")
            .with_hint("Input data is missing padding, is truncated, or is otherwise corrupted."));
    }
    Ok(out)
}

/// `esc_decode`: `\\` is a backslash, `\nnn` an octal byte, any other
/// backslash an error.
fn escape_decode(s: &str) -> PgResult<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut at = 0;
    let octal = |c: u8, max: u8| (b'0'..=max).contains(&c);
    while at < b.len() {
        if b[at] != b'\\' {
            out.push(b[at]);
            at += 1;
        } else if at + 3 < b.len() && octal(b[at + 1], b'3') && octal(b[at + 2], b'7') && octal(b[at + 3], b'7') {
            out.push((b[at + 1] - b'0') << 6 | (b[at + 2] - b'0') << 3 | (b[at + 3] - b'0'));
            at += 4;
        } else if at + 1 < b.len() && b[at + 1] == b'\\' {
            out.push(b'\\');
            at += 2;
        } else {
            return Err(PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea"));
        }
    }
    Ok(out)
}

// ----- bytea and other string functions -------------------------------------------------

/// `to_hex(int4)` / `to_hex(int8)`: the two's complement bits in lower-case
/// hex (`to_hex(-1)` is `ffffffff`).
fn to_hex(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(match arg(a, 0)? {
        Datum::Int4(v) => format!("{:x}", *v as u32),
        _ => format!("{:x}", int(a, 0)? as u64),
    }))
}

/// `bit_length(text)` and `bit_length(bytea)`: eight bits a byte.
fn bit_length(a: &[Datum]) -> PgResult<Datum> {
    let n = match arg(a, 0)? {
        Datum::Bytea(b) => b.len(),
        _ => text(a, 0)?.len(),
    };
    Ok(Datum::Int4((n as i64 * 8) as i32))
}

/// `sha224` .. `sha512` of bytea.
fn sha2_digest<D: sha2::Digest>(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bytea(D::digest(bytea(a, 0)?).to_vec()))
}

/// `substr(bytea, start [, count])` (`bytea_substr`): positions count from
/// 1 and the range is clipped to the value.
fn bytea_substr(a: &[Datum]) -> PgResult<Datum> {
    let b = bytea(a, 0)?;
    let range = substring_range(a, b.len())?;
    Ok(Datum::Bytea(b[range].to_vec()))
}

/// `position(bytea in bytea)` (`byteapos`): the 1-based byte position, 0
/// when absent, 1 for an empty pattern.
fn bytea_position(a: &[Datum]) -> PgResult<Datum> {
    let (s, pat) = (bytea(a, 0)?, bytea(a, 1)?);
    let at = if pat.is_empty() { Some(0) } else { s.windows(pat.len()).position(|w| w == pat) };
    Ok(Datum::Int4(at.map_or(0, |i| i as i32 + 1)))
}

/// `btrim`, `ltrim`, `rtrim` of bytea: the bytes found in the set removed
/// from the chosen ends.
fn bytea_trim(a: &[Datum], left: bool, right: bool) -> PgResult<Datum> {
    let (s, set) = (bytea(a, 0)?, bytea(a, 1)?);
    let mut lo = 0;
    let mut hi = s.len();
    while left && lo < hi && set.contains(&s[lo]) {
        lo += 1;
    }
    while right && hi > lo && set.contains(&s[hi - 1]) {
        hi -= 1;
    }
    Ok(Datum::Bytea(s[lo..hi].to_vec()))
}
fn bytea_btrim(a: &[Datum]) -> PgResult<Datum> {
    bytea_trim(a, true, true)
}
fn bytea_ltrim(a: &[Datum]) -> PgResult<Datum> {
    bytea_trim(a, true, false)
}
fn bytea_rtrim(a: &[Datum]) -> PgResult<Datum> {
    bytea_trim(a, false, true)
}

/// The index check of `get_byte`/`set_byte` (bytes) and
/// `get_bit`/`set_bit` (bits): 2202E outside 0..len-1.
fn checked_index(n: i64, len: i64) -> PgResult<usize> {
    if n < 0 || n >= len {
        return Err(PgError::new(
            SqlState::ARRAY_SUBSCRIPT_ERROR,
            format!("index {n} out of valid range, 0..{}", len - 1),
        ));
    }
    Ok(n as usize)
}

fn get_byte(a: &[Datum]) -> PgResult<Datum> {
    let b = bytea(a, 0)?;
    Ok(Datum::Int4(b[checked_index(int(a, 1)?, b.len() as i64)?] as i32))
}

/// `set_byte(bytes, n, value)`: the value's low byte is stored.
fn set_byte(a: &[Datum]) -> PgResult<Datum> {
    let mut b = bytea(a, 0)?.to_vec();
    let n = checked_index(int(a, 1)?, b.len() as i64)?;
    b[n] = int(a, 2)? as u8;
    Ok(Datum::Bytea(b))
}

/// `get_bit(bytes, n)`: bit n counts from the least significant bit of
/// each byte, bytes in order.
fn get_bit(a: &[Datum]) -> PgResult<Datum> {
    let b = bytea(a, 0)?;
    let n = checked_index(int(a, 1)?, b.len() as i64 * 8)?;
    Ok(Datum::Int4(((b[n / 8] >> (n % 8)) & 1) as i32))
}

fn set_bit(a: &[Datum]) -> PgResult<Datum> {
    let mut b = bytea(a, 0)?.to_vec();
    let n = checked_index(int(a, 1)?, b.len() as i64 * 8)?;
    match int(a, 2)? {
        0 => b[n / 8] &= !(1 << (n % 8)),
        1 => b[n / 8] |= 1 << (n % 8),
        _ => return Err(invalid_parameter("new bit must be 0 or 1")),
    }
    Ok(Datum::Bytea(b))
}

/// `length(bytes, encoding)`: the number of characters the bytes make in
/// that encoding, after checking they are valid in it.
fn length_in_encoding(a: &[Datum]) -> PgResult<Datum> {
    let (b, name) = (bytea(a, 0)?, text(a, 1)?);
    let encoding = crate::encoding::encoding_by_name(name)
        .ok_or_else(|| invalid_parameter(format!("invalid encoding name \"{name}\"")))?;
    crate::encoding::convert(b, encoding, encoding)?;
    let multibyte = ["EUC_", "SJIS", "SHIFT_JIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB", "MULE"];
    let n = if encoding == "UTF8" {
        std::str::from_utf8(b).map_or(0, |s| s.chars().count())
    } else if multibyte.iter().any(|m| encoding.starts_with(m)) {
        return Err(PgError::not_supported(format!("length in encoding {encoding} is not supported yet")));
    } else {
        b.len()
    };
    Ok(Datum::Int4(n as i32))
}

/// `bit_count(bytea)`: the number of bits set.
fn bit_count(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int8(bytea(a, 0)?.iter().map(|b| b.count_ones() as i64).sum()))
}

// ----- parse_ident, unistr -----------------------------------------------------------------

fn invalid_identifier(s: &str, detail: Option<&str>) -> PgError {
    let e = invalid_parameter(format!("string is not a valid identifier: \"{s}\""));
    match detail {
        Some(d) => e.with_detail(d),
        None => e,
    }
}

/// `parse_ident(str, strict DEFAULT true)`: a qualified name split into its
/// parts as the SQL scanner reads them: unquoted parts lower-cased (ASCII
/// only, as `downcase_identifier` for a multibyte encoding), quoted ones
/// kept with `""` as `"`. Without `strict`, text after the name is
/// ignored.
fn parse_ident(a: &[Datum]) -> PgResult<Datum> {
    let (s, strict) = (text(a, 0)?, matches!(arg(a, 1)?, Datum::Bool(true)));
    let b = s.as_bytes();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
    let ident_start = |c: u8| c.is_ascii_alphabetic() || c == b'_' || c >= 0x80;
    let ident_cont = |c: u8| ident_start(c) || c.is_ascii_digit() || c == b'$';
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut parts = Vec::new();
    let mut i = 0;
    while is_space(at(i)) {
        i += 1;
    }
    let mut after_dot = false;
    loop {
        if at(i) == b'"' {
            let mut part = String::new();
            let mut j = i + 1;
            loop {
                let Some(k) = s[j..].find('"').map(|k| j + k) else {
                    return Err(invalid_identifier(s, Some("String has unclosed double quotes.")));
                };
                part.push_str(&s[j..k]);
                if at(k + 1) != b'"' {
                    i = k + 1;
                    break;
                }
                part.push('"');
                j = k + 2;
            }
            if part.is_empty() {
                return Err(invalid_identifier(s, Some("Quoted identifier must not be empty.")));
            }
            parts.push(Datum::Text(part));
        } else if ident_start(at(i)) {
            let start = i;
            i += 1;
            while ident_cont(at(i)) {
                i += 1;
            }
            parts.push(Datum::Text(s[start..i].to_ascii_lowercase()));
        } else if at(i) == b'.' {
            return Err(invalid_identifier(s, Some("No valid identifier before \".\".")));
        } else if after_dot {
            return Err(invalid_identifier(s, Some("No valid identifier after \".\".")));
        } else {
            return Err(invalid_identifier(s, None));
        }
        while is_space(at(i)) {
            i += 1;
        }
        match at(i) {
            b'.' => {
                after_dot = true;
                i += 1;
                while is_space(at(i)) {
                    i += 1;
                }
            }
            0 if i >= b.len() => break,
            _ if strict => return Err(invalid_identifier(s, None)),
            _ => break,
        }
    }
    Ok(Datum::Array(ArrayValue::from(parts)))
}

/// `unistr(text)`: `\XXXX`, `\uXXXX`, `\+XXXXXX` and `\UXXXXXXXX` escapes
/// (UTF-16 surrogate pairs joined) and `\\` for a backslash.
fn unistr(a: &[Datum]) -> PgResult<Datum> {
    let s = text(a, 0)?;
    let b = s.as_bytes();
    let bad_escape = || {
        PgError::new(SqlState::SYNTAX_ERROR, "invalid Unicode escape")
            .with_hint("Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.")
    };
    let bad_pair = || PgError::new(SqlState::SYNTAX_ERROR, "invalid Unicode surrogate pair");
    let hex = |from: usize, n: usize| -> Option<u32> {
        let digits = b.get(from..from + n)?;
        digits
            .iter()
            .all(u8::is_ascii_hexdigit)
            .then(|| u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok())?
    };
    let mut out = String::with_capacity(s.len());
    let mut pair_first: Option<u32> = None;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            if pair_first.is_some() {
                return Err(bad_pair());
            }
            let c = s[i..].chars().next().expect("i is at a character boundary");
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        if b.get(i + 1) == Some(&b'\\') {
            out.push('\\');
            i += 2;
            continue;
        }
        let (code, len) = match b.get(i + 1) {
            _ if hex(i + 1, 4).is_some() => (hex(i + 1, 4), 5),
            Some(b'u') => (hex(i + 2, 4), 6),
            Some(b'+') => (hex(i + 2, 6), 8),
            Some(b'U') => (hex(i + 2, 8), 10),
            _ => (None, 0),
        };
        let code = code.ok_or_else(bad_escape)?;
        if code == 0 || code > 0x10FFFF {
            return Err(invalid_parameter(format!("invalid Unicode code point: {code:04X}")));
        }
        let is_second = (0xDC00..=0xDFFF).contains(&code);
        let code = match pair_first.take() {
            Some(first) if is_second => 0x10000 + ((first - 0xD800) << 10) + (code - 0xDC00),
            Some(_) => return Err(bad_pair()),
            None if is_second => return Err(bad_pair()),
            None => code,
        };
        if (0xD800..=0xDBFF).contains(&code) {
            pair_first = Some(code);
        } else {
            out.push(char::from_u32(code).ok_or_else(bad_pair)?);
        }
        i += len;
    }
    if pair_first.is_some() {
        return Err(bad_pair());
    }
    Ok(Datum::Text(out))
}

// ----- LIKE as functions, pattern comparison, name() ---------------------------------------

/// `like(string, pattern)` and `notlike`: the `~~` and `!~~` operators as
/// functions.
fn like_fn(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(crate::like::like(text(a, 0)?, text(a, 1)?, None)?))
}
fn notlike_fn(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(!crate::like::like(text(a, 0)?, text(a, 1)?, None)?))
}

/// `textlen(text)`: `length`'s implementation under its own name.
fn textlen(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(text(a, 0)?.chars().count() as i32))
}

/// The `text_pattern_ops` comparison (`~<~` and friends): bytes, whatever
/// the collation; `bpchar_pattern_ops` first drops trailing blanks.
fn pattern_cmp(a: &[Datum], bpchar: bool) -> PgResult<std::cmp::Ordering> {
    let (x, y) = (text(a, 0)?, text(a, 1)?);
    let (x, y) = if bpchar { (x.trim_end_matches(' '), y.trim_end_matches(' ')) } else { (x, y) };
    Ok(x.as_bytes().cmp(y.as_bytes()))
}
fn text_pattern_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, false)?.is_lt()))
}
fn text_pattern_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, false)?.is_le()))
}
fn text_pattern_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, false)?.is_ge()))
}
fn text_pattern_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, false)?.is_gt()))
}
fn bpchar_pattern_lt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, true)?.is_lt()))
}
fn bpchar_pattern_le(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, true)?.is_le()))
}
fn bpchar_pattern_ge(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, true)?.is_ge()))
}
fn bpchar_pattern_gt(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(pattern_cmp(a, true)?.is_gt()))
}

/// The text operators of this module: `^@` and the pattern comparisons,
/// with their `pg_operator` OIDs.
pub(crate) fn operators() -> Vec<crate::ops::OperatorDef> {
    use oid::{BOOL, BPCHAR, TEXT};
    type OpFn = fn(&[Datum]) -> PgResult<Datum>;
    let rows: [(&'static str, u32, OpFn); 9] = [
        ("^@", TEXT, starts_with),
        ("~<~", TEXT, text_pattern_lt),
        ("~<=~", TEXT, text_pattern_le),
        ("~>=~", TEXT, text_pattern_ge),
        ("~>~", TEXT, text_pattern_gt),
        ("~<~", BPCHAR, bpchar_pattern_lt),
        ("~<=~", BPCHAR, bpchar_pattern_le),
        ("~>=~", BPCHAR, bpchar_pattern_ge),
        ("~>~", BPCHAR, bpchar_pattern_gt),
    ];
    rows.into_iter()
        .map(|(name, t, func)| crate::ops::OperatorDef {
            name,
            left: Some(t),
            right: t,
            result: BOOL,
            oid: crate::pg_oids::operator_oid(name, t, t),
            func,
        })
        .collect()
}

// ----- normalize, is_normalized ------------------------------------------------------------

/// The Unicode normalization form named (case-insensitively) by `form`.
fn normal_form(form: &str) -> PgResult<fn(&str) -> String> {
    use unicode_normalization::UnicodeNormalization;
    match form.to_ascii_uppercase().as_str() {
        "NFC" => Ok(|s| s.nfc().collect()),
        "NFD" => Ok(|s| s.nfd().collect()),
        "NFKC" => Ok(|s| s.nfkc().collect()),
        "NFKD" => Ok(|s| s.nfkd().collect()),
        _ => Err(invalid_parameter(format!("invalid normalization form: {form}"))),
    }
}

/// `normalize(string, form DEFAULT 'NFC')` (the database encoding is UTF8).
fn normalize(a: &[Datum]) -> PgResult<Datum> {
    let form = normal_form(text(a, 1)?)?;
    Ok(Datum::Text(form(text(a, 0)?)))
}

/// `is_normalized(string, form DEFAULT 'NFC')`: the string equals its
/// normalized form.
fn is_normalized(a: &[Datum]) -> PgResult<Datum> {
    let form = normal_form(text(a, 1)?)?;
    let s = text(a, 0)?;
    Ok(Datum::Bool(form(s) == s))
}

/// This module's functions, each with its pg_proc OID.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::{BOOL, BPCHAR, BYTEA, INT4, INT8, NAME, TEXT, TEXT_ARRAY, VARCHAR};
    use Volatility::{Immutable, Stable};
    let f = FuncDef::scalar;
    vec![
        f("overlay", &[TEXT, TEXT, INT4, INT4], TEXT, Immutable, overlay_text),
        f("overlay", &[TEXT, TEXT, INT4], TEXT, Immutable, overlay_text),
        f("overlay", &[BYTEA, BYTEA, INT4, INT4], BYTEA, Immutable, overlay_bytea),
        f("overlay", &[BYTEA, BYTEA, INT4], BYTEA, Immutable, overlay_bytea),
        f("split_part", &[TEXT, TEXT, INT4], TEXT, Immutable, split_part),
        f("translate", &[TEXT, TEXT, TEXT], TEXT, Immutable, translate),
        f("initcap", &[TEXT], TEXT, Immutable, initcap),
        f("starts_with", &[TEXT, TEXT], BOOL, Immutable, starts_with),
        f("string_to_array", &[TEXT, TEXT], TEXT_ARRAY, Immutable, string_to_array).non_strict(),
        f("string_to_array", &[TEXT, TEXT, TEXT], TEXT_ARRAY, Immutable, string_to_array).non_strict(),
        FuncDef::set_returning(
            "string_to_table",
            &[TEXT, TEXT],
            TEXT,
            &[("string_to_table", TEXT)],
            Immutable,
            SrfImpl::ValuePerCall(string_to_table),
        )
        .non_strict(),
        FuncDef::set_returning(
            "string_to_table",
            &[TEXT, TEXT, TEXT],
            TEXT,
            &[("string_to_table", TEXT)],
            Immutable,
            SrfImpl::ValuePerCall(string_to_table),
        )
        .non_strict(),
        f("encode", &[BYTEA, TEXT], TEXT, Immutable, encode),
        f("decode", &[TEXT, TEXT], BYTEA, Immutable, decode),
        f("to_hex", &[INT4], TEXT, Immutable, to_hex),
        f("to_hex", &[INT8], TEXT, Immutable, to_hex),
        f("bit_length", &[TEXT], INT4, Immutable, bit_length),
        f("bit_length", &[BYTEA], INT4, Immutable, bit_length),
        f("sha224", &[BYTEA], BYTEA, Immutable, sha2_digest::<sha2::Sha224>),
        f("sha256", &[BYTEA], BYTEA, Immutable, sha2_digest::<sha2::Sha256>),
        f("sha384", &[BYTEA], BYTEA, Immutable, sha2_digest::<sha2::Sha384>),
        f("sha512", &[BYTEA], BYTEA, Immutable, sha2_digest::<sha2::Sha512>),
        f("substr", &[BYTEA, INT4, INT4], BYTEA, Immutable, bytea_substr),
        f("substr", &[BYTEA, INT4], BYTEA, Immutable, bytea_substr),
        f("substring", &[BYTEA, INT4, INT4], BYTEA, Immutable, bytea_substr),
        f("substring", &[BYTEA, INT4], BYTEA, Immutable, bytea_substr),
        f("position", &[BYTEA, BYTEA], INT4, Immutable, bytea_position),
        f("btrim", &[BYTEA, BYTEA], BYTEA, Immutable, bytea_btrim),
        f("ltrim", &[BYTEA, BYTEA], BYTEA, Immutable, bytea_ltrim),
        f("rtrim", &[BYTEA, BYTEA], BYTEA, Immutable, bytea_rtrim),
        f("get_byte", &[BYTEA, INT4], INT4, Immutable, get_byte),
        f("set_byte", &[BYTEA, INT4, INT4], BYTEA, Immutable, set_byte),
        f("get_bit", &[BYTEA, INT8], INT4, Immutable, get_bit),
        f("set_bit", &[BYTEA, INT8, INT4], BYTEA, Immutable, set_bit),
        f("length", &[BYTEA, NAME], INT4, Stable, length_in_encoding),
        f("bit_count", &[BYTEA], INT8, Immutable, bit_count),
        f("parse_ident", &[TEXT, BOOL], TEXT_ARRAY, Immutable, parse_ident)
            .with_defaults(vec![Datum::Bool(true)])
            .with_arg_names(&["str", "strict"]),
        f("unistr", &[TEXT], TEXT, Immutable, unistr),
        f("like", &[TEXT, TEXT], BOOL, Immutable, like_fn),
        f("like", &[NAME, TEXT], BOOL, Immutable, like_fn),
        f("notlike", &[TEXT, TEXT], BOOL, Immutable, notlike_fn),
        f("notlike", &[NAME, TEXT], BOOL, Immutable, notlike_fn),
        f("textlen", &[TEXT], INT4, Immutable, textlen),
        f("normalize", &[TEXT, TEXT], TEXT, Immutable, normalize).with_defaults(vec![Datum::Text("NFC".into())]),
        f("is_normalized", &[TEXT, TEXT], BOOL, Immutable, is_normalized)
            .with_defaults(vec![Datum::Text("NFC".into())]),
        f("name", &[TEXT], NAME, Immutable, |a| crate::casts::to_name(arg(a, 0)?)),
        f("name", &[VARCHAR], NAME, Immutable, |a| crate::casts::to_name(arg(a, 0)?)),
        f("name", &[BPCHAR], NAME, Immutable, |a| crate::casts::bpchar_to_name(arg(a, 0)?)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Datum {
        Datum::Text(s.into())
    }
    fn show(d: PgResult<Datum>) -> String {
        match d {
            Ok(Datum::Text(s)) => s,
            Ok(Datum::Bytea(b)) => format!("{b:?}"),
            Ok(other) => format!("{other:?}"),
            Err(e) => format!("ERROR {}", e.message),
        }
    }

    /// Each case recorded from PostgreSQL 15.
    #[test]
    fn string_functions_as_postgres() {
        let cases = [
            (show(overlay_text(&[t("abcdef"), t("X"), Datum::Int4(3), Datum::Int4(-1)])), "abXbcdef"),
            (show(overlay_text(&[t("abcdef"), t("XY"), Datum::Int4(10)])), "abcdefXY"),
            (show(overlay_text(&[t("abc"), t("x"), Datum::Int4(0)])), "ERROR negative substring length not allowed"),
            (
                show(overlay_text(&[t("abc"), t("x"), Datum::Int4(i32::MAX), Datum::Int4(1)])),
                "ERROR integer out of range",
            ),
            (show(split_part(&[t("a,b,c"), t(","), Datum::Int4(-1)])), "c"),
            (show(split_part(&[t("a,b,c"), t(","), Datum::Int4(-4)])), ""),
            (show(split_part(&[t("abc"), t(""), Datum::Int4(-1)])), "abc"),
            (show(split_part(&[t("abc"), t(""), Datum::Int4(2)])), ""),
            (show(split_part(&[t("a"), t("b"), Datum::Int4(0)])), "ERROR field position must not be zero"),
            (show(initcap(&[t("éa hello_world 3com o'neil ÀB")])), "éA Hello_World 3com O'Neil ÀB"),
            (show(translate(&[t("12345"), t("143"), t("ax")])), "a2x5"),
            (show(encode(&[Datum::Bytea(vec![0, 0xff, b'\\', b'A']), t("escape")])), "\\000\\377\\\\A"),
            (show(decode(&[t("ab=c"), t("base64")])), "[105]"),
            (show(decode(&[t("abc"), t("base64")])), "ERROR invalid base64 end sequence"),
            (show(decode(&[t("12 3"), t("hex")])), "ERROR invalid hexadecimal data: odd number of digits"),
            (show(decode(&[t("zz"), t("hex")])), "ERROR invalid hexadecimal digit: \"z\""),
            (show(decode(&[t("a\\x"), t("escape")])), "ERROR invalid input syntax for type bytea"),
            (show(encode(&[Datum::Bytea(vec![]), t("foo")])), "ERROR unrecognized encoding: \"foo\""),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
        let line = show(encode(&[Datum::Bytea(vec![b'a'; 57]), t("base64")]));
        assert_eq!((line.len(), line.ends_with('\n')), (77, true));
        assert_eq!(show(encode(&[Datum::Bytea(vec![b'a'; 58]), t("base64")])).len(), 81);
    }
}
