//! The SQL lexer: PostgreSQL's `scan.l` rules, written by hand.
//!
//! The whole query string is lexed up front into a token vector. A lexical error does not stop
//! lexing at once: it becomes a final [`TokenKind::Error`] token, so that the parser reports
//! whichever error comes first in the text, as PostgreSQL's on-demand scanner does.

use crate::keywords::{self, Keyword};
use pg_error::{PgError, PgResult, SqlState};

/// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes.
pub const NAMEDATALEN: usize = pg_error::notice::NAMEDATALEN;

/// A token kind.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An identifier, already case-folded (or a quoted identifier, as written).
    Ident(String),
    /// A keyword (unquoted, matched case-insensitively).
    Keyword(&'static Keyword),
    /// A string constant, escapes processed and adjacent literals concatenated.
    Sconst(String),
    /// `B'...'`: text is `b` followed by the digits.
    Bconst(String),
    /// `X'...'`: text is `x` followed by the digits.
    Xconst(String),
    /// An integer constant that fits in int4.
    Iconst(i32),
    /// Any other numeric constant, as written.
    Fconst(String),
    /// `$n`.
    Param(u32),
    /// A multi-character (or non-"self") operator such as `||`, `@>`, `~`.
    Op(String),
    /// One of PostgreSQL's "self" characters: `, ( ) [ ] . ; : + - * / % ^ < > =`, or any
    /// other single character that fits no rule (the parser rejects those).
    Char(char),
    /// `::`.
    Typecast,
    /// `..`.
    DotDot,
    /// `:=`.
    ColonEquals,
    /// `=>`.
    EqualsGreater,
    /// `<=`.
    LessEquals,
    /// `>=`.
    GreaterEquals,
    /// `<>` or `!=`.
    NotEquals,
    /// End of input.
    Eof,
    /// A lexical error; always the last token.
    Error(Box<PgError>),
}

/// A token and its byte range in the query string.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The kind.
    pub kind: TokenKind,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_ident_cont(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || c == '$'
}

fn is_dolq_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_dolq_cont(c: char) -> bool {
    is_dolq_start(c) || c.is_ascii_digit()
}

fn is_op_char(c: char) -> bool {
    "~!@#^&|`?+-*/%<>=".contains(c)
}

fn is_self_char(c: char) -> bool {
    ",()[].;:+-*/%^<>=".contains(c)
}

/// Downcases ASCII letters only, as PostgreSQL does for a UTF-8 database.
pub fn downcase_identifier(s: &str) -> String {
    s.chars().map(|c| c.to_ascii_lowercase()).collect()
}

/// Truncates an identifier to NAMEDATALEN - 1 bytes at a character
/// boundary, silently (`truncate_identifier(..., false)`).
pub fn truncate_identifier(mut s: String) -> String {
    pg_error::notice::truncate_identifier(&mut s, false);
    s
}

/// A NOTICE the scanner raised, with the byte offset of its token: the
/// parser sends only those of tokens it reached, as PostgreSQL's scanner,
/// run token by token, raises none past a syntax error.
pub type ScannerNotice = (usize, PgError);

/// 1-based character position of byte offset `byte` in `sql`.
pub fn char_position(sql: &str, byte: usize) -> u32 {
    let byte = byte.min(sql.len());
    let mut b = byte;
    while !sql.is_char_boundary(b) {
        b -= 1;
    }
    sql[..b].chars().count() as u32 + 1
}

/// parser.c's error for a malformed U&'' escape (its hint names the backslash whatever the
/// escape character).
fn bad_unicode_escape(position: u32) -> PgError {
    PgError::syntax("invalid Unicode escape", position).with_hint("Unicode escapes must be \\XXXX or \\+XXXXXX.")
}

/// The first half of a UTF-16 surrogate pair (U+D800..U+DBFF).
fn is_surrogate_first(c: u32) -> bool {
    (0xD800..=0xDBFF).contains(&c)
}

/// The second half of a UTF-16 surrogate pair (U+DC00..U+DFFF).
fn is_surrogate_second(c: u32) -> bool {
    (0xDC00..=0xDFFF).contains(&c)
}

/// The code point a surrogate pair stands for.
fn surrogate_pair(first: u32, second: u32) -> u32 {
    ((first & 0x3FF) << 10) + 0x10000 + (second & 0x3FF)
}

/// The 42601 error `msg at or near "text"` for the text starting at `start`.
pub fn error_at(sql: &str, msg: &str, start: usize, end: usize) -> PgError {
    if start >= sql.len() {
        return PgError::syntax(format!("{msg} at end of input"), char_position(sql, sql.len()));
    }
    PgError::syntax(format!("{msg} at or near \"{}\"", &sql[start..end]), char_position(sql, start))
}

struct Lexer<'a> {
    sql: &'a str,
    pos: usize,
    /// NOTICEs raised so far (identifier truncation).
    notices: Vec<ScannerNotice>,
}

impl<'a> Lexer<'a> {
    /// An identifier token starting at `start`, cut to NAMEDATALEN - 1
    /// bytes with PostgreSQL's NOTICE 42622 when it is longer.
    fn ident_token(&mut self, mut s: String, start: usize) -> TokenKind {
        pg_error::notice::truncate_identifier(&mut s, true);
        self.notices.extend(pg_error::notice::take_notices().into_iter().map(|n| (start, n)));
        TokenKind::Ident(s)
    }

    fn peek(&self) -> Option<char> {
        self.sql[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.sql[self.pos..].chars().nth(n)
    }

    fn rest(&self) -> &'a str {
        &self.sql[self.pos..]
    }

    /// Skips whitespace and comments; returns whether a newline was crossed (for string
    /// continuation). `/* */` comments are not allowed inside a continuation, matching scan.l,
    /// so `allow_block` is false when probing for one.
    fn skip_whitespace(&mut self, allow_block: bool) -> Result<bool, PgError> {
        let mut newline = false;
        loop {
            let rest = self.rest();
            let Some(c) = rest.chars().next() else { return Ok(newline) };
            if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0c' {
                if c == '\n' || c == '\r' {
                    newline = true;
                }
                self.pos += 1;
            } else if rest.starts_with("--") {
                match rest.find(['\n', '\r']) {
                    Some(i) => self.pos += i,
                    None => self.pos = self.sql.len(),
                }
            } else if allow_block && rest.starts_with("/*") {
                let start = self.pos;
                let mut depth = 0usize;
                let bytes = self.sql.as_bytes();
                let mut i = self.pos;
                loop {
                    if i + 1 >= bytes.len() {
                        return Err(error_at(self.sql, "unterminated /* comment", start, self.sql.len()));
                    }
                    if bytes[i] == b'/' && bytes[i + 1] == b'*' {
                        depth += 1;
                        i += 2;
                    } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                self.pos = i;
            } else {
                return Ok(newline);
            }
        }
    }

    /// After a closing quote: if whitespace containing a newline and then `'` follows, returns
    /// true and leaves `pos` just after that quote (the literal continues).
    fn string_continues(&mut self) -> bool {
        let save = self.pos;
        if let Ok(true) = self.skip_whitespace(false) {
            if self.peek() == Some('\'') {
                self.pos += 1;
                return true;
            }
        }
        self.pos = save;
        false
    }

    /// Reads the body of a quoted literal after its opening quote; `backslash` enables E'' escapes.
    fn quoted_body(&mut self, start: usize, backslash: bool) -> Result<String, PgError> {
        let mut out: Vec<u8> = Vec::new();
        let bytes = self.sql.as_bytes();
        let unterminated = |s: &Self| error_at(s.sql, "unterminated quoted string", start, s.sql.len());
        // The first half of a UTF-16 surrogate pair written as \u escapes, waiting for its
        // second half (scan.l's xeu state).
        let mut pair_first: Option<u32> = None;
        loop {
            if pair_first.is_some()
                && !(bytes.get(self.pos) == Some(&b'\\') && matches!(bytes.get(self.pos + 1), Some(b'u' | b'U')))
            {
                let end = self.pos + self.sql[self.pos..].chars().next().map_or(0, char::len_utf8);
                return Err(error_at(self.sql, "invalid Unicode surrogate pair", self.pos, end));
            }
            if self.pos >= bytes.len() {
                return Err(unterminated(self));
            }
            let b = bytes[self.pos];
            if b == b'\'' {
                if bytes.get(self.pos + 1) == Some(&b'\'') {
                    out.push(b'\'');
                    self.pos += 2;
                    continue;
                }
                self.pos += 1;
                if self.string_continues() {
                    continue;
                }
                break;
            }
            if backslash && b == b'\\' {
                let Some(&e) = bytes.get(self.pos + 1) else { return Err(unterminated(self)) };
                self.pos += 2;
                match e {
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'v' => out.push(11),
                    b'0'..=b'7' => {
                        let mut v: u32 = (e - b'0') as u32;
                        for _ in 0..2 {
                            match bytes.get(self.pos) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + (d - b'0') as u32;
                                    self.pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    b'x' if bytes.get(self.pos).is_some_and(|d| d.is_ascii_hexdigit()) => {
                        let mut v: u32 = 0;
                        for _ in 0..2 {
                            match bytes.get(self.pos) {
                                Some(d) if d.is_ascii_hexdigit() => {
                                    v = v * 16 + (*d as char).to_digit(16).unwrap_or(0);
                                    self.pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    b'u' | b'U' => {
                        let n = if e == b'u' { 4 } else { 8 };
                        let esc_start = self.pos - 2;
                        let hex =
                            self.sql.get(self.pos..self.pos + n).filter(|h| h.bytes().all(|d| d.is_ascii_hexdigit()));
                        let Some(hex) = hex else {
                            // scan.l's xeunicodefail: 22025, not a syntax error.
                            return Err(PgError::new(SqlState::INVALID_ESCAPE_SEQUENCE, "invalid Unicode escape")
                                .with_position(char_position(self.sql, esc_start))
                                .with_hint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX."));
                        };
                        let mut cp = u32::from_str_radix(hex, 16).unwrap_or(0xFFFF_FFFF);
                        self.pos += n;
                        let err = |s: &Self, msg: &str| Err(error_at(s.sql, msg, esc_start, s.pos));
                        if let Some(first) = pair_first.take() {
                            if !is_surrogate_second(cp) {
                                return err(self, "invalid Unicode surrogate pair");
                            }
                            cp = surrogate_pair(first, cp);
                        } else if is_surrogate_first(cp) {
                            pair_first = Some(cp);
                            continue;
                        } else if is_surrogate_second(cp) {
                            return err(self, "invalid Unicode surrogate pair");
                        }
                        let Some(ch) = char::from_u32(cp).filter(|_| cp != 0) else {
                            return err(self, "invalid Unicode escape value");
                        };
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => {
                        // Any other escaped character stands for itself (possibly multi-byte).
                        self.pos -= 1;
                        let c = self.peek().unwrap_or('\\');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        self.pos += c.len_utf8();
                    }
                }
                continue;
            }
            out.push(b);
            self.pos += 1;
        }
        // A NUL byte (E'\0') is valid UTF-8 but no PostgreSQL text value
        // may hold one: the server's encoding check refuses it.
        if out.contains(&0) {
            return Err(PgError::new(
                pg_error::SqlState::CHARACTER_NOT_IN_REPERTOIRE,
                "invalid byte sequence for encoding \"UTF8\": 0x00",
            ));
        }
        String::from_utf8(out).map_err(|e| {
            let bad = e.as_bytes()[e.utf8_error().valid_up_to()];
            PgError::new(
                SqlState::CHARACTER_NOT_IN_REPERTOIRE,
                format!("invalid byte sequence for encoding \"UTF8\": 0x{bad:02x}"),
            )
        })
    }

    /// Decodes U&'' / U&"" escapes with the given escape character (parser.c's
    /// `str_udeescape`). `s` is the literal's body with its quotes undoubled; as in PostgreSQL,
    /// an error points at the literal's start plus 3 (for `U&'`) plus the byte offset of the
    /// offending escape in `s`.
    fn unicode_unescape(&self, s: &str, esc: char, start: usize) -> Result<String, PgError> {
        let at = |off: usize| char_position(self.sql, start + 3 + off);
        let bytes = s.as_bytes();
        let hex_at = |from: usize, n: usize| -> Option<u32> {
            let h = s.get(from..from + n)?;
            if h.bytes().all(|d| d.is_ascii_hexdigit()) {
                u32::from_str_radix(h, 16).ok()
            } else {
                None
            }
        };
        let mut out = String::new();
        // The first half of a UTF-16 surrogate pair, waiting for its second half.
        let mut pair_first: Option<u32> = None;
        let mut i = 0;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(esc);
            if c != esc {
                if pair_first.is_some() {
                    return Err(PgError::syntax("invalid Unicode surrogate pair", at(i)));
                }
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            let e = esc.len_utf8();
            if s[i + e..].starts_with(esc) {
                if pair_first.is_some() {
                    return Err(PgError::syntax("invalid Unicode surrogate pair", at(i)));
                }
                out.push(esc);
                i += 2 * e;
                continue;
            }
            let (cp, len) = match (hex_at(i + e, 4), bytes.get(i + e) == Some(&b'+')) {
                (Some(cp), _) => (cp, e + 4),
                (None, true) => match hex_at(i + e + 1, 6) {
                    Some(cp) => (cp, e + 7),
                    None => return Err(bad_unicode_escape(at(i))),
                },
                (None, false) => return Err(bad_unicode_escape(at(i))),
            };
            if cp == 0 || cp > 0x10FFFF {
                return Err(PgError::syntax("invalid Unicode escape value", at(i)));
            }
            let cp = match pair_first.take() {
                Some(first) if is_surrogate_second(cp) => surrogate_pair(first, cp),
                Some(_) => return Err(PgError::syntax("invalid Unicode surrogate pair", at(i))),
                None if is_surrogate_second(cp) => {
                    return Err(PgError::syntax("invalid Unicode surrogate pair", at(i)));
                }
                None if is_surrogate_first(cp) => {
                    pair_first = Some(cp);
                    i += len;
                    continue;
                }
                None => cp,
            };
            out.push(char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER));
            i += len;
        }
        if pair_first.is_some() {
            return Err(PgError::syntax("invalid Unicode surrogate pair", at(i)));
        }
        Ok(out)
    }

    /// Parses an optional `UESCAPE 'c'` after a U& literal.
    fn uescape(&mut self) -> Result<char, PgError> {
        let save = self.pos;
        self.skip_whitespace(true)?;
        let rest = self.rest();
        let is_uescape = rest.get(..7).is_some_and(|w| w.eq_ignore_ascii_case("uescape"))
            && !rest[7..].chars().next().is_some_and(is_ident_cont);
        if !is_uescape {
            self.pos = save;
            return Ok('\\');
        }
        self.pos += 7;
        // parser.c reads the next token: it must be a plain string constant (not U&'...')
        // holding one character that can be an escape character.
        let must_be_string = "UESCAPE must be followed by a simple string literal";
        let Some(tok) = self.next_token()? else {
            return Err(error_at(self.sql, must_be_string, self.sql.len(), self.sql.len()));
        };
        let text = &self.sql[tok.start..tok.end];
        let unicode = text.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("u&"));
        let TokenKind::Sconst(value) = &tok.kind else {
            return Err(error_at(self.sql, must_be_string, tok.start, tok.end));
        };
        if unicode {
            return Err(error_at(self.sql, must_be_string, tok.start, tok.end));
        }
        let mut chars = value.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None)
                if !(c.is_ascii_hexdigit() || c == '+' || c == '\'' || c == '"' || c.is_ascii_whitespace()) =>
            {
                Ok(c)
            }
            _ => Err(error_at(self.sql, "invalid Unicode escape character", tok.start, tok.end)),
        }
    }

    fn number(&mut self, start: usize) -> Result<TokenKind, PgError> {
        let b = self.sql.as_bytes();
        let mut i = self.pos;
        let mut is_float = false;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i < b.len() && b[i] == b'.' && b.get(i + 1) != Some(&b'.') {
            is_float = true;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            let mut j = i + 1;
            let signed = j < b.len() && (b[j] == b'+' || b[j] == b'-');
            if signed {
                j += 1;
            }
            if signed && !b.get(j).is_some_and(u8::is_ascii_digit) {
                // scan.l's realfail: an exponent with a sign but no digits.
                return Err(error_at(self.sql, "trailing junk after numeric literal", start, j));
            }
            if j < b.len() && b[j].is_ascii_digit() {
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                is_float = true;
                i = j;
            }
        }
        // A number run straight into an identifier is "trailing junk" since PostgreSQL 15.
        if self.sql[i..].chars().next().is_some_and(is_ident_start) {
            let mut j = i;
            while let Some(c) = self.sql[j..].chars().next().filter(|c| is_ident_cont(*c)) {
                j += c.len_utf8();
            }
            return Err(error_at(self.sql, "trailing junk after numeric literal", start, j));
        }
        self.pos = i;
        let text = &self.sql[start..i];
        if !is_float {
            if let Ok(v) = text.parse::<i32>() {
                return Ok(TokenKind::Iconst(v));
            }
        }
        Ok(TokenKind::Fconst(text.to_string()))
    }

    fn operator(&mut self, start: usize) -> TokenKind {
        let rest = self.rest();
        let mut len = rest.chars().take_while(|c| is_op_char(*c)).count();
        // A comment start ends the operator.
        for pat in ["/*", "--"] {
            if let Some(i) = rest[..len].find(pat) {
                len = len.min(i);
            }
        }
        let mut text = &rest[..len];
        if text.len() > 1
            && (text.ends_with('+') || text.ends_with('-'))
            && !text.contains(|c| "~!@#^&|`?%".contains(c))
        {
            while text.len() > 1 && (text.ends_with('+') || text.ends_with('-')) {
                text = &text[..text.len() - 1];
            }
        }
        self.pos = start + text.len();
        match text {
            "=>" => TokenKind::EqualsGreater,
            "<=" => TokenKind::LessEquals,
            ">=" => TokenKind::GreaterEquals,
            "<>" | "!=" => TokenKind::NotEquals,
            _ if text.len() == 1 && is_self_char(text.chars().next().unwrap_or(' ')) => {
                TokenKind::Char(text.chars().next().unwrap_or(' '))
            }
            _ => TokenKind::Op(text.to_string()),
        }
    }

    fn identifier(&mut self, start: usize) -> TokenKind {
        let mut i = self.pos;
        while let Some(c) = self.sql[i..].chars().next().filter(|c| is_ident_cont(*c)) {
            i += c.len_utf8();
        }
        self.pos = i;
        let word = downcase_identifier(&self.sql[start..i]);
        if let Some(kw) = keywords::lookup(&word) {
            return TokenKind::Keyword(kw);
        }
        self.ident_token(word, start)
    }

    fn quoted_identifier(&mut self, start: usize) -> Result<String, PgError> {
        let b = self.sql.as_bytes();
        let mut out = String::new();
        let mut i = self.pos;
        loop {
            if i >= b.len() {
                return Err(error_at(self.sql, "unterminated quoted identifier", start, self.sql.len()));
            }
            if b[i] == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    out.push('"');
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            let c = self.sql[i..].chars().next().unwrap_or('"');
            out.push(c);
            i += c.len_utf8();
        }
        self.pos = i;
        if out.is_empty() {
            return Err(error_at(self.sql, "zero-length delimited identifier", start, i));
        }
        Ok(out)
    }

    fn next_token(&mut self) -> Result<Option<Token>, PgError> {
        self.skip_whitespace(true)?;
        let start = self.pos;
        let Some(c) = self.peek() else { return Ok(None) };
        let c1 = self.peek_at(1);
        let kind = match c {
            '\'' => {
                self.pos += 1;
                TokenKind::Sconst(self.quoted_body(start, false)?)
            }
            'e' | 'E' if c1 == Some('\'') => {
                self.pos += 2;
                TokenKind::Sconst(self.quoted_body(start, true)?)
            }
            'n' | 'N' if c1 == Some('\'') => {
                // National character: scan.l returns the keyword NCHAR for the `N` alone and
                // then reads the string, so the grammar sees the typed literal `NCHAR '...'`.
                self.pos += 1;
                match crate::keywords::lookup("nchar") {
                    Some(k) => TokenKind::Keyword(k),
                    None => TokenKind::Ident("nchar".to_string()),
                }
            }
            'b' | 'B' | 'x' | 'X' if c1 == Some('\'') => {
                self.pos += 2;
                let body = self.quoted_body(start, false).map_err(|e| {
                    if e.message.starts_with("unterminated") {
                        let what = if c.eq_ignore_ascii_case(&'b') { "bit string" } else { "hexadecimal string" };
                        error_at(self.sql, &format!("unterminated {what} literal"), start, self.sql.len())
                    } else {
                        e
                    }
                })?;
                let tag = c.to_ascii_lowercase();
                if tag == 'b' {
                    TokenKind::Bconst(format!("b{body}"))
                } else {
                    TokenKind::Xconst(format!("x{body}"))
                }
            }
            'u' | 'U' if c1 == Some('&') && matches!(self.peek_at(2), Some('\'') | Some('"')) => {
                let quote = self.peek_at(2);
                self.pos += 3;
                if quote == Some('\'') {
                    let raw = self.quoted_body(start, false)?;
                    let esc = self.uescape()?;
                    TokenKind::Sconst(self.unicode_unescape(&raw, esc, start)?)
                } else {
                    let raw = self.quoted_identifier(start)?;
                    let esc = self.uescape()?;
                    let ident = self.unicode_unescape(&raw, esc, start)?;
                    self.ident_token(ident, start)
                }
            }
            '"' => {
                self.pos += 1;
                let ident = self.quoted_identifier(start)?;
                self.ident_token(ident, start)
            }
            '$' => {
                if c1.is_some_and(|d| d.is_ascii_digit()) {
                    let b = self.sql.as_bytes();
                    let mut i = self.pos + 1;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    if self.sql[i..].chars().next().is_some_and(is_ident_start) {
                        let mut j = i;
                        while let Some(c) = self.sql[j..].chars().next().filter(|c| is_ident_cont(*c)) {
                            j += c.len_utf8();
                        }
                        return Err(error_at(self.sql, "trailing junk after parameter", start, j));
                    }
                    self.pos = i;
                    let n: u32 = self.sql[start + 1..i].parse().unwrap_or(u32::MAX);
                    if n > i32::MAX as u32 {
                        return Err(error_at(self.sql, "parameter number too large", start, i));
                    }
                    TokenKind::Param(n)
                } else {
                    // Dollar quote `$tag$ ... $tag$`, or a lone `$`.
                    let mut i = self.pos + 1;
                    let mut ok = true;
                    let mut first = true;
                    loop {
                        match self.sql[i..].chars().next() {
                            Some('$') => break,
                            Some(ch) if (first && is_dolq_start(ch)) || (!first && is_dolq_cont(ch)) => {
                                i += ch.len_utf8();
                                first = false;
                            }
                            _ => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok {
                        let delim = &self.sql[start..=i];
                        let body_start = i + 1;
                        match self.sql[body_start..].find(delim) {
                            Some(off) => {
                                self.pos = body_start + off + delim.len();
                                TokenKind::Sconst(self.sql[body_start..body_start + off].to_string())
                            }
                            None => {
                                return Err(error_at(
                                    self.sql,
                                    "unterminated dollar-quoted string",
                                    start,
                                    self.sql.len(),
                                ));
                            }
                        }
                    } else {
                        self.pos += 1;
                        TokenKind::Char('$')
                    }
                }
            }
            '0'..='9' => self.number(start)?,
            '.' if c1.is_some_and(|d| d.is_ascii_digit()) => self.number(start)?,
            '.' if c1 == Some('.') => {
                self.pos += 2;
                TokenKind::DotDot
            }
            ':' if c1 == Some(':') => {
                self.pos += 2;
                TokenKind::Typecast
            }
            ':' if c1 == Some('=') => {
                self.pos += 2;
                TokenKind::ColonEquals
            }
            c if is_op_char(c) => self.operator(start),
            c if is_ident_start(c) => self.identifier(start),
            c => {
                self.pos += c.len_utf8();
                TokenKind::Char(c)
            }
        };
        Ok(Some(Token { kind, start, end: self.pos }))
    }
}

/// How many tokens the lexer produces between two interrupt checks.
const TOKENS_PER_INTERRUPT_CHECK: usize = 1024;

/// Lexes the whole string. The result always ends with an `Eof` or `Error` token: a lexical
/// error is a token, reported when the parser reaches it. The only `Err` is an interrupt
/// (cancel, statement timeout, terminate), checked every 1024 tokens
/// so that lexing a huge statement can be stopped.
pub fn tokenize(sql: &str) -> PgResult<Vec<Token>> {
    tokenize_with_notices(sql).map(|(tokens, _)| tokens)
}

/// [`tokenize`], also returning the NOTICEs the scanner raised.
pub fn tokenize_with_notices(sql: &str) -> PgResult<(Vec<Token>, Vec<ScannerNotice>)> {
    let mut lx = Lexer { sql, pos: 0, notices: Vec::new() };
    let mut out = Vec::new();
    loop {
        if out.len() % TOKENS_PER_INTERRUPT_CHECK == TOKENS_PER_INTERRUPT_CHECK - 1 {
            pg_error::check_for_interrupts()?;
        }
        match lx.next_token() {
            Ok(Some(t)) => out.push(t),
            Ok(None) => {
                out.push(Token { kind: TokenKind::Eof, start: sql.len(), end: sql.len() });
                return Ok((out, lx.notices));
            }
            Err(e) => {
                let at = lx.pos;
                out.push(Token { kind: TokenKind::Error(Box::new(e)), start: at, end: at });
                return Ok((out, lx.notices));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<String> {
        tokenize(sql)
            .expect("no interrupt hook in tests")
            .into_iter()
            .map(|t| match t.kind {
                TokenKind::Keyword(k) => format!("K:{}", k.word),
                TokenKind::Error(e) => format!("E:{}@{:?}", e.message, e.position),
                k => format!("{k:?}"),
            })
            .collect()
    }

    #[test]
    fn lexes() {
        let cases: &[(&str, &str)] = &[
            ("a<-1", r#"Ident("a") Char('<') Char('-') Iconst(1) Eof"#),
            ("a+-1", r#"Ident("a") Char('+') Char('-') Iconst(1) Eof"#),
            ("a @- 1", r#"Ident("a") Op("@-") Iconst(1) Eof"#),
            ("a!=b", r#"Ident("a") NotEquals Ident("b") Eof"#),
            ("1.5 .5 1. 1e10 1e-3", r#"Fconst("1.5") Fconst(".5") Fconst("1.") Fconst("1e10") Fconst("1e-3") Eof"#),
            ("2147483648 2147483647", r#"Fconst("2147483648") Iconst(2147483647) Eof"#),
            ("1..2", r#"Iconst(1) DotDot Iconst(2) Eof"#),
            ("'a''b' 'c'\n 'd'", r#"Sconst("a'b") Sconst("cd") Eof"#),
            ("E'a\\nb\\x41\\101\\u00e9'", "Sconst(\"a\\nbAAé\") Eof"),
            ("$$a'b$$ $x$q$$x$", r#"Sconst("a'b") Sconst("q$") Eof"#),
            ("$1 $22", "Param(1) Param(22) Eof"),
            ("\"Ab\"\"c\" AbC", r#"Ident("Ab\"c") Ident("abc") Eof"#),
            ("SELECT select", "K:select K:select Eof"),
            ("a::int", r#"Ident("a") Typecast K:int Eof"#),
            ("x => 1 := y", r#"Ident("x") EqualsGreater Iconst(1) ColonEquals Ident("y") Eof"#),
            ("/* a /* b */ c */ 1 -- x\n2", "Iconst(1) Iconst(2) Eof"),
            ("B'101' X'1F'", r#"Bconst("b101") Xconst("x1F") Eof"#),
            ("U&'d\\0061t'", r#"Sconst("dat") Eof"#),
            ("U&'d!0061t' UESCAPE '!'", r#"Sconst("dat") Eof"#),
            ("'abc", r#"E:unterminated quoted string at or near "'abc"@Some(1)"#),
            (
                "select 'é' + $$",
                r#"K:select Sconst("é") Char('+') E:unterminated dollar-quoted string at or near "$$"@Some(14)"#,
            ),
            ("a */* x", r#"Ident("a") Char('*') E:unterminated /* comment at or near "/* x"@Some(4)"#),
            ("1e", r#"E:trailing junk after numeric literal at or near "1e"@Some(1)"#),
            ("||/ @@", r#"Op("||/") Op("@@") Eof"#),
        ];
        for (sql, want) in cases {
            assert_eq!(kinds(sql).join(" "), *want, "{sql}");
        }
    }
}
