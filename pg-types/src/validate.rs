//! Input checks for types whose values the server does not store yet
//! (`uuid`, `json`, `jsonb`) and for bit-string literals.
//!
//! Their input functions are not implemented, so a valid value still gets
//! 0A000; but input PostgreSQL's input function rejects gets its error
//! first (22P02 with the same message, 22P05 for `\u0000` in jsonb, 54001
//! for nesting past the stack), as a client would see from PostgreSQL.
//! The checks follow `uuid.c`'s `string_to_uuid`, `jsonapi.c`'s recursive
//! descent parser and `varbit.c`'s `bit_in`.

use pg_error::{PgError, PgResult, SqlState};

fn invalid_syntax(message: String) -> PgError {
    PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, message)
}

/// `string_to_uuid`: 32 hex digits, optionally in braces, with a `-` allowed
/// after any group of four.
pub fn check_uuid(s: &str) -> PgResult<()> {
    parse_uuid(s).map(|_| ())
}

/// `uuid_in`: the 16 bytes of a uuid written as [`check_uuid`] accepts.
pub fn parse_uuid(s: &str) -> PgResult<[u8; 16]> {
    let mut out = [0u8; 16];
    let err = || invalid_syntax(format!("invalid input syntax for type uuid: \"{s}\""));
    let b = s.as_bytes();
    let mut i = 0;
    let braces = b.first() == Some(&b'{');
    if braces {
        i += 1;
    }
    for (byte, slot) in out.iter_mut().enumerate() {
        let hex = |c: Option<&u8>| c.and_then(|c| (*c as char).to_digit(16));
        let (Some(hi), Some(lo)) = (hex(b.get(i)), hex(b.get(i + 1))) else {
            return Err(err());
        };
        *slot = (hi * 16 + lo) as u8;
        i += 2;
        if b.get(i) == Some(&b'-') && byte % 2 == 1 && byte < 15 {
            i += 1;
        }
    }
    if braces {
        if b.get(i) != Some(&b'}') {
            return Err(err());
        }
        i += 1;
    }
    if i != b.len() {
        return Err(err());
    }
    Ok(out)
}

/// `uuid_out`: lower-case hex in the 8-4-4-4-12 groups.
pub fn format_uuid(u: &[u8; 16]) -> String {
    let mut s = String::with_capacity(36);
    for (i, b) in u.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// `bit_in` on a `B'...'` (`binary`) or `X'...'` literal's digits.
pub fn check_bit_digits(digits: &str, binary: bool) -> PgResult<()> {
    for c in digits.chars() {
        let ok = if binary { c == '0' || c == '1' } else { c.is_ascii_hexdigit() };
        if !ok {
            let kind = if binary { "binary" } else { "hexadecimal" };
            return Err(invalid_syntax(format!("\"{c}\" is not a valid {kind} digit")));
        }
    }
    Ok(())
}

/// A JSON syntax check with jsonapi.c's errors; `jsonb` also refuses
/// `\u0000`, which it cannot store as text.
pub fn check_json(s: &str, jsonb: bool) -> PgResult<()> {
    let mut p = JsonCheck { s: s.as_bytes(), pos: 0, jsonb };
    p.skip_ws();
    p.value()?;
    p.skip_ws();
    if p.pos < p.s.len() {
        return Err(p.unexpected("end of input"));
    }
    Ok(())
}

struct JsonCheck<'a> {
    s: &'a [u8],
    pos: usize,
    jsonb: bool,
}

impl JsonCheck<'_> {
    fn error(&self, detail: String) -> PgError {
        invalid_syntax("invalid input syntax for type json".into()).with_detail(detail)
    }

    /// "Expected ..., but found ..." for a token of the wrong kind, or
    /// "Token ... is invalid" when there is no valid token here at all.
    fn unexpected(&self, expected: &str) -> PgError {
        let c = self.s.get(self.pos).copied().unwrap_or(0);
        let word = self.word();
        let valid = matches!(c, b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"' | b'-' | b'0'..=b'9')
            || matches!(word.as_str(), "true" | "false" | "null");
        if valid {
            let token = self.token_text();
            self.error(format!("Expected {expected}, but found \"{token}\"."))
        } else {
            self.error(format!("Token \"{word}\" is invalid."))
        }
    }

    fn ended(&self) -> PgError {
        self.error("The input string ended unexpectedly.".into())
    }

    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && matches!(self.s[self.pos], b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// The text of the token at the current position, as the lexer would
    /// cut it for an error message.
    fn token_text(&self) -> String {
        let rest = &self.s[self.pos..];
        let len = match rest.first() {
            None => 0,
            Some(b'{' | b'}' | b'[' | b']' | b',' | b':') => 1,
            Some(b'"') => {
                let mut i = 1;
                while i < rest.len() && rest[i] != b'"' {
                    i += if rest[i] == b'\\' { 2 } else { 1 };
                }
                (i + 1).min(rest.len())
            }
            Some(_) => rest
                .iter()
                .position(|c| {
                    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'}' | b'[' | b']' | b',' | b':' | b'"')
                })
                .unwrap_or(rest.len())
                .max(1),
        };
        String::from_utf8_lossy(&rest[..len]).into_owned()
    }

    fn value(&mut self) -> PgResult<()> {
        pg_error::check_stack_depth()?;
        match self.s.get(self.pos) {
            None => Err(self.ended()),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'}' | b']' | b',' | b':') => Err(self.unexpected("JSON value")),
            Some(_) => {
                let token = self.word();
                if matches!(token.as_str(), "true" | "false" | "null") {
                    self.pos += token.len();
                    Ok(())
                } else {
                    Err(self.error(format!("Token \"{token}\" is invalid.")))
                }
            }
        }
    }

    /// json_lex's token for anything else: a run of letters, digits, `_`
    /// and non-ASCII bytes, or the one character there.
    fn word(&self) -> String {
        let rest = &self.s[self.pos..];
        let len =
            rest.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)).unwrap_or(rest.len());
        let len = if len == 0 { 1.min(rest.len()) } else { len };
        String::from_utf8_lossy(&rest[..len]).into_owned()
    }

    /// The next byte after white space; the end of input is an error here.
    fn next_byte(&mut self) -> PgResult<u8> {
        self.skip_ws();
        self.s.get(self.pos).copied().ok_or_else(|| self.ended())
    }

    fn array(&mut self) -> PgResult<()> {
        self.pos += 1;
        self.skip_ws();
        if self.s.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.element()?;
            match self.next_byte()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.unexpected("\",\" or \"]\""));
                }
            }
        }
    }

    /// An array element or an object member's value: a separator where a
    /// value should start is PostgreSQL's "Expected JSON value".
    fn element(&mut self) -> PgResult<()> {
        self.skip_ws();
        if matches!(self.s.get(self.pos), Some(b']' | b',' | b'}' | b':')) {
            return Err(self.unexpected("JSON value"));
        }
        self.value()
    }

    fn object(&mut self) -> PgResult<()> {
        self.pos += 1;
        match self.next_byte()? {
            b'}' => {
                self.pos += 1;
                return Ok(());
            }
            b'"' => {}
            _ => {
                return Err(self.unexpected("string or \"}\""));
            }
        }
        loop {
            if self.next_byte()? != b'"' {
                return Err(self.unexpected("string"));
            }
            self.string()?;
            if self.next_byte()? != b':' {
                return Err(self.unexpected("\":\""));
            }
            self.pos += 1;
            self.element()?;
            match self.next_byte()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => {
                    return Err(self.unexpected("\",\" or \"}\""));
                }
            }
        }
    }

    fn string(&mut self) -> PgResult<()> {
        let start = self.pos;
        self.pos += 1;
        let mut high_surrogate = false;
        loop {
            let Some(&c) = self.s.get(self.pos) else {
                let token = String::from_utf8_lossy(&self.s[start..]).into_owned();
                return Err(self.error(format!("Token \"{token}\" is invalid.")));
            };
            match c {
                b'"' => {
                    if high_surrogate && self.jsonb {
                        return Err(self.error("Unicode low surrogate must follow a high surrogate.".into()));
                    }
                    self.pos += 1;
                    return Ok(());
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.pos + 1) else { return Err(self.ended()) };
                    if e == b'u' {
                        let hex = self.s.get(self.pos + 2..self.pos + 6);
                        let Some(code) = hex
                            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                            .and_then(|h| u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
                        else {
                            return Err(self.error("\"\\u\" must be followed by four hexadecimal digits.".into()));
                        };
                        self.pos += 6;
                        // json keeps escapes as written; only jsonb, which
                        // decodes them, checks surrogate pairs and \u0000.
                        if !self.jsonb {
                            continue;
                        }
                        match code {
                            0xD800..=0xDBFF => {
                                if high_surrogate {
                                    return Err(
                                        self.error("Unicode high surrogate must not follow a high surrogate.".into())
                                    );
                                }
                                high_surrogate = true;
                            }
                            0xDC00..=0xDFFF => {
                                if !high_surrogate {
                                    return Err(
                                        self.error("Unicode low surrogate must follow a high surrogate.".into())
                                    );
                                }
                                high_surrogate = false;
                            }
                            _ => {
                                if high_surrogate {
                                    return Err(
                                        self.error("Unicode low surrogate must follow a high surrogate.".into())
                                    );
                                }
                                if code == 0 {
                                    return Err(PgError::new(
                                        SqlState::UNTRANSLATABLE_CHARACTER,
                                        "unsupported Unicode escape sequence",
                                    )
                                    .with_detail("\\u0000 cannot be converted to text."));
                                }
                            }
                        }
                        continue;
                    }
                    if high_surrogate {
                        return Err(self.error("Unicode low surrogate must follow a high surrogate.".into()));
                    }
                    if !matches!(e, b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') {
                        let shown = String::from_utf8_lossy(&self.s[self.pos + 1..(self.pos + 2).min(self.s.len())])
                            .into_owned();
                        return Err(self.error(format!("Escape sequence \"\\{shown}\" is invalid.")));
                    }
                    self.pos += 2;
                }
                c if c < 0x20 => {
                    return Err(self.error(format!("Character with value 0x{c:02x} must be escaped.")));
                }
                _ => {
                    if high_surrogate {
                        return Err(self.error("Unicode low surrogate must follow a high surrogate.".into()));
                    }
                    self.pos += 1;
                }
            }
        }
    }

    /// A JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`,
    /// and nothing alphanumeric right after it.
    fn number(&mut self) -> PgResult<()> {
        let start = self.pos;
        let s = self.s;
        let digits = |mut i: usize| {
            let from = i;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
            (i, i > from)
        };
        let mut i = start;
        if s[i] == b'-' {
            i += 1;
        }
        let mut ok;
        if s.get(i) == Some(&b'0') {
            i += 1;
            ok = true;
        } else {
            (i, ok) = digits(i);
        }
        if ok && s.get(i) == Some(&b'.') {
            (i, ok) = digits(i + 1);
        }
        if ok && matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            (i, ok) = digits(i);
        }
        if !ok || s.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.') {
            let token = self.token_text();
            return Err(self.error(format!("Token \"{token}\" is invalid.")));
        }
        self.pos = i;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: PgResult<()>) -> String {
        r.map_or_else(|e| e.code.code().to_string(), |()| "OK".into())
    }

    /// Outcomes from PostgreSQL 15.18.
    #[test]
    fn uuid_input_as_postgres() {
        assert_eq!(code(check_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")), "OK");
        assert_eq!(code(check_uuid("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}")), "OK");
        assert_eq!(code(check_uuid("a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11")), "OK");
        assert_eq!(code(check_uuid("a0eebc999c0b4ef8bb6d6bb9bd380a11")), "OK");
        assert_eq!(code(check_uuid("x")), "22P02");
        assert_eq!(code(check_uuid(" a0eebc999c0b4ef8bb6d6bb9bd380a11")), "22P02");
        assert_eq!(code(check_uuid("a0eebc999c0b4ef8bb6d6bb9bd380a1")), "22P02");
        let u = parse_uuid("{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}").expect("uuid");
        assert_eq!(format_uuid(&u), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }

    #[test]
    fn json_input_as_postgres() {
        for ok in ["1", "[1e5, -0.5, true, null, \"x\\n\"]", "{\"a\": {\"b\": [ ]}}", " \"\\u00e9\\ud83d\\ude00\" "] {
            assert_eq!(code(check_json(ok, true)), "OK", "{ok}");
        }
        let detail = |s: &str| check_json(s, true).unwrap_err().detail.clone().unwrap_or_default();
        assert_eq!(detail("{"), "The input string ended unexpectedly.");
        assert_eq!(detail("[1,2"), "The input string ended unexpectedly.");
        assert_eq!(detail("{\"a\":}"), "Expected JSON value, but found \"}\".");
        assert_eq!(detail("1 2"), "Expected end of input, but found \"2\".");
        assert_eq!(detail("\"\\ud800\""), "Unicode low surrogate must follow a high surrogate.");
        assert_eq!(code(check_json("\"\\u0000\"", true)), "22P05");
        assert_eq!(code(check_json("\"\\u0000\"", false)), "OK");
    }

    #[test]
    fn bit_digits_as_postgres() {
        assert_eq!(check_bit_digits("102", true).unwrap_err().message, "\"2\" is not a valid binary digit");
        assert_eq!(check_bit_digits("G", false).unwrap_err().message, "\"G\" is not a valid hexadecimal digit");
        assert_eq!(code(check_bit_digits("1F", false)), "OK");
    }
}
