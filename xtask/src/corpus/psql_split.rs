//! Splits a psql script into the query strings psql sends to the server.
//!
//! A line-at-a-time approximation of psql's `psqlscan.l` and `MainLoop`,
//! following the lexer of `../shared/tools/regress_score.py` (written anew
//! here, not translated line by line). It tracks only what decides where a
//! query string ends: quotes (`'…'`, `E'…'`, `U&'…'`, `"…"`), nested
//! comments, dollar quotes, parentheses, `CREATE FUNCTION … BEGIN ATOMIC`
//! bodies, `;` and `\;`, backslash commands (`\g` and friends send the
//! buffer, `\r` resets it, `\if`/`\elif`/`\else`/`\endif` skip branches),
//! `COPY … FROM stdin` data blocks (skipped up to `\.`), and
//! `standard_conforming_strings` (which decides whether `'…'` takes
//! backslash escapes).
//!
//! The text is handled as bytes: every byte of 0x80 and above is an
//! identifier character, as in psql's scanner, so UTF-8 needs no decoding.
//!
//! psql variables set by `\set` and `\getenv` are substituted as psql does
//! (`:name` is lexed in place, so a value holding `;` sends several strings;
//! `:'name'` and `:"name"` are quoted; `:{?name}` is TRUE or FALSE). Those
//! set by `\gset` hold query results, unknown here: their references stay
//! as written, and PostgreSQL rejects those statements.
//! regress_score.py substitutes nothing, and splits the suite into 42,083
//! strings where this module finds 42,098 (update.sql's
//! `:init_range_parted;` holds two statements each time).

/// One query string as psql sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The text: from the first token (leading blanks and `--` comments are
    /// not part of psql's buffer) up to and including the `;`, or up to a
    /// `\g`-like command.
    pub text: Vec<u8>,
    /// 1-based line on which psql sends it.
    pub line: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    /// Between tokens.
    Init,
    /// Inside a `/* */` comment (nested to `comment_depth`).
    Comment,
    /// A standard string (`'…'` with standard_conforming_strings on, `U&'…'`):
    /// only `''` escapes a quote.
    Quote,
    /// An escape string (`E'…'`, or `'…'` with standard_conforming_strings
    /// off): a backslash escapes the next byte.
    EscapeQuote,
    /// `B'…'` or `X'…'`: no escapes at all.
    BitQuote,
    /// A quoted identifier `"…"` or `U&"…"`.
    Ident,
    /// Inside a dollar quote whose tag is `dollar_tag`.
    Dollar,
}

/// A frame of psql's `\if` stack.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Branch {
    /// The active branch of an `\if`.
    True,
    /// A branch not taken yet (its condition was false).
    False,
    /// A branch after the one taken, or inside an inactive `\if`.
    Ignored,
    /// The `\else` after a false chain: active.
    ElseTrue,
    /// The `\else` after a taken branch: inactive.
    ElseFalse,
}

/// psql's backslash commands whose argument is the rest of the line.
const WHOLE_LINE_CMDS: &[&str] = &["copy", "!", "ef", "ev", "sf", "sf+", "sv", "sv+", "h", "help"];
/// Commands that take a `|command` argument swallowing the rest of the line.
const FILEPIPE_CMDS: &[&str] = &["o", "out", "w", "write", "g", "gx"];
/// Commands that send the query buffer.
const SEND_CMDS: &[&str] = &["g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch"];

struct Lexer<'a> {
    lines: Vec<&'a [u8]>,
    state: State,
    comment_depth: u32,
    dollar_tag: Vec<u8>,
    paren: u32,
    /// `BEGIN … END` depth inside a CREATE FUNCTION/PROCEDURE body.
    begin_depth: u32,
    /// Words of the statement so far, and the first letters of the first
    /// four when they are create/function/procedure/or/replace.
    ident_count: usize,
    idents: [u8; 4],
    std_strings: bool,
    /// COPY … FROM stdin data blocks still to read, and whether one is being read.
    copy_data: u32,
    in_data: bool,
    /// `\if` stack: branch state, and the buffer length and parenthesis
    /// depth saved when the branch began (psql's save_query_text_state).
    cond: Vec<(Branch, (usize, usize), u32)>,
    buf: Vec<u8>,
    /// `buf` with the insides of quotes and comments blanked.
    norm: Vec<u8>,
    has_content: bool,
    /// COPY FROM stdin statements sent on the current line.
    start_copy: u32,
    line_no: usize,
    /// psql variables set by `\set` and `\getenv` (those set by `\gset` come
    /// from query results: their references stay as written).
    vars: std::collections::HashMap<String, Vec<u8>>,
    /// Lexing a variable's value: no variable is expanded in it.
    expanding: bool,
    out: Vec<Query>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_cont(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// psql's ParseVariableBool: unique prefixes of true/false/yes/no, on/off, 1/0.
/// None when the value is a variable we do not track.
fn parse_bool(s: &str) -> Option<bool> {
    let v = s.trim().to_ascii_lowercase();
    if v.is_empty() || v.starts_with(':') {
        return None;
    }
    Some(match v.as_str() {
        "1" | "on" => true,
        "0" | "off" | "of" => false,
        _ => "true".starts_with(&v) || "yes".starts_with(&v),
    })
}

/// The length of a number at the start of `s` (`1`, `1.5`, `.5`, `1e-3`).
fn number_len(s: &[u8]) -> usize {
    let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    if i > 0 {
        if s.get(i) == Some(&b'.') {
            i += 1 + digits(i + 1);
        }
    } else {
        // ".5": the caller checked that a digit follows the dot
        i = 1 + digits(1);
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let d = digits(j.min(s.len()));
        if d > 0 {
            i = j + d;
        }
    }
    i
}

/// The length of a dollar-quote tag (`$$`, `$tag$`) at the start of `s`.
fn dollar_tag_len(s: &[u8]) -> Option<usize> {
    if s.first() != Some(&b'$') {
        return None;
    }
    let mut i = 1;
    if s.get(1).is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_' || c >= 0x80) {
        while s.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80) {
            i += 1;
        }
    }
    (s.get(i) == Some(&b'$')).then_some(i + 1)
}

/// The length of a psql variable reference (`:name`, `:'name'`, `:"name"`, `:{?name}`).
fn variable_len(s: &[u8]) -> Option<usize> {
    let name = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80;
    let n = |from: usize| s[from.min(s.len())..].iter().take_while(|c| name(c)).count();
    match s.get(1) {
        Some(&q @ (b'\'' | b'"')) => {
            let k = n(2);
            (k > 0 && s.get(2 + k) == Some(&q)).then_some(3 + k)
        }
        Some(b'{') if s.get(2) == Some(&b'?') => {
            let k = n(3);
            (k > 0 && s.get(3 + k) == Some(&b'}')).then_some(4 + k)
        }
        _ => {
            let k = n(1);
            (k > 0).then_some(1 + k)
        }
    }
}

/// Drops leading blanks and comments.
fn strip_leading_comments(mut s: &[u8]) -> &[u8] {
    loop {
        let start = s.iter().position(|&c| !is_space(c)).unwrap_or(s.len());
        s = &s[start..];
        if s.starts_with(b"--") {
            s = s.iter().position(|&c| c == b'\n').map_or(&[][..], |nl| &s[nl + 1..]);
        } else if s.starts_with(b"/*") {
            s = find(s, 0, b"*/").map_or(&[][..], |e| &s[e + 2..]);
        } else {
            return s;
        }
    }
}

/// Words of `s` in lower case (identifiers and keywords only).
fn words(s: &[u8]) -> Vec<String> {
    s.split(|c| !is_ident_cont(*c))
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).to_lowercase())
        .collect()
}

/// Whether `s` (after blanks) starts with `COPY` and blanks not followed by
/// `(` (regress_score's `copy\s+(?!\()`, which a second blank satisfies too).
fn starts_copy_table(s: &[u8]) -> Option<&[u8]> {
    let s = &s[s.iter().position(|c| !is_space(*c)).unwrap_or(s.len())..];
    if s.len() < 4 || !s[..4].eq_ignore_ascii_case(b"copy") {
        return None;
    }
    let blanks = s[4..].iter().take_while(|c| is_space(**c)).count();
    let next = s.get(4 + blanks);
    (blanks >= 2 || (blanks == 1 && next.is_some() && next != Some(&b'('))).then(|| &s[4..])
}

/// Whether `s` holds the word `from`, blanks, then one of `targets` as a word.
fn has_from(s: &[u8], targets: &[&[u8]]) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    let mut at = 0;
    while let Some(f) = s[at..].windows(4).position(|w| w.eq_ignore_ascii_case(b"from")).map(|p| p + at) {
        at = f + 4;
        if f > 0 && word(s[f - 1]) {
            continue;
        }
        let blanks = s[at..].iter().take_while(|c| is_space(**c)).count();
        if blanks == 0 {
            continue;
        }
        let rest = &s[at + blanks..];
        if targets.iter().any(|t| {
            rest.len() >= t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t)
                && rest.get(t.len()).is_none_or(|c| !word(*c))
        }) {
            return true;
        }
    }
    false
}

/// Whether statement `piece` (quotes and comments blanked) is `COPY table …
/// FROM stdin` (or stdout, which COPY accepts as a synonym): psql then reads
/// a data block. `COPY (query) …` cannot be FROM, so no data follows it.
fn is_copy_from_stdin(piece: &[u8]) -> bool {
    starts_copy_table(piece).is_some() && has_from(piece, &[b"stdin", b"stdout"])
}

/// Whether a raw script line starts a COPY with inline data (regress_score's
/// look-ahead: a data block follows only if `\.` comes before the next one).
fn is_copy_line(line: &[u8]) -> bool {
    if let Some(rest) = starts_copy_table(line) {
        return has_from(rest, &[b"stdin", b"stdout"]);
    }
    let l = &line[line.iter().position(|c| !is_space(*c)).unwrap_or(line.len())..];
    l.len() > 5 && l[..5].eq_ignore_ascii_case(b"\\copy") && is_space(l[5]) && has_from(&l[5..], &[b"stdin", b"pstdin"])
}

impl<'a> Lexer<'a> {
    fn new(text: &'a [u8]) -> Self {
        let mut lines: Vec<&[u8]> = text.split(|c| *c == b'\n').collect();
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        Lexer {
            lines,
            state: State::Init,
            comment_depth: 0,
            dollar_tag: Vec::new(),
            paren: 0,
            begin_depth: 0,
            ident_count: 0,
            idents: [0; 4],
            std_strings: true,
            copy_data: 0,
            in_data: false,
            cond: Vec::new(),
            buf: Vec::new(),
            norm: Vec::new(),
            has_content: false,
            start_copy: 0,
            line_no: 0,
            vars: std::collections::HashMap::new(),
            expanding: false,
            out: Vec::new(),
        }
    }

    fn active(&self) -> bool {
        self.cond.last().is_none_or(|c| matches!(c.0, Branch::True | Branch::ElseTrue))
    }

    /// Appends `text` to the buffer, and `norm` (the text with quoted and
    /// commented parts blanked) to its masked copy.
    fn emit_as(&mut self, text: &[u8], norm: &[u8]) {
        self.buf.extend_from_slice(text);
        self.norm.extend_from_slice(norm);
        self.has_content = true;
    }

    fn emit(&mut self, text: &[u8]) {
        self.emit_as(text, text);
    }

    fn reset_scan(&mut self) {
        self.paren = 0;
        self.begin_depth = 0;
        self.ident_count = 0;
        self.state = State::Init;
    }

    /// Tracks `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END`:
    /// inside such a body a `;` does not end the statement.
    fn word(&mut self, word: &[u8]) {
        if self.ident_count == 0 {
            self.idents = [0; 4];
        }
        let lw = word.to_ascii_lowercase();
        if matches!(&lw[..], b"create" | b"function" | b"procedure" | b"or" | b"replace") && self.ident_count < 4 {
            self.idents[self.ident_count] = lw[0];
        }
        self.ident_count += 1;
        let ids = self.idents;
        let routine = ids[0] == b'c'
            && (matches!(ids[1], b'f' | b'p') || (ids[1] == b'o' && ids[2] == b'r' && matches!(ids[3], b'f' | b'p')));
        if routine && self.paren == 0 {
            match &lw[..] {
                b"begin" => self.begin_depth += 1,
                b"case" if self.begin_depth >= 1 => self.begin_depth += 1,
                b"end" if self.begin_depth > 0 => self.begin_depth -= 1,
                _ => {}
            }
        }
    }

    /// psql sends the query buffer (`;` or a `\g`-like command).
    fn send(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let norm = std::mem::take(&mut self.norm);
        self.has_content = false;
        if !self.active() {
            return;
        }
        // One query string may hold several statements (`\;`); each
        // COPY … FROM stdin among them reads a data block.
        for piece in norm.split(|c| *c == b';') {
            if is_copy_from_stdin(piece) {
                self.start_copy += 1;
            }
        }
        self.track_standard_conforming_strings(&text);
        self.out.push(Query { text, line: self.line_no });
    }

    /// `SET standard_conforming_strings …` / `RESET` changes how psql lexes
    /// `'…'` from then on (psql learns the new value from the server).
    fn track_standard_conforming_strings(&mut self, text: &[u8]) {
        let w = words(strip_leading_comments(text));
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        match w.as_slice() {
            ["reset", "standard_conforming_strings" | "all", ..] => self.std_strings = true,
            ["set", rest @ ..] => {
                let rest = if matches!(rest.first(), Some(&"session" | &"local")) { &rest[1..] } else { rest };
                if let ["standard_conforming_strings", "to", v, ..] | ["standard_conforming_strings", v, ..] = rest {
                    if *v == "default" {
                        self.std_strings = true;
                    } else if let Some(b) = parse_bool(v) {
                        self.std_strings = b;
                    }
                }
            }
            _ => {}
        }
    }

    fn run(mut self) -> Vec<Query> {
        for idx in 0..self.lines.len() {
            self.line_no = idx + 1;
            let line = self.lines[idx];
            if self.copy_data > 0 && !self.in_data {
                // psql reads data only if the server accepted the COPY; a
                // data block is there when a `\.` line comes before any other
                // COPY with inline data.
                if self.data_block_follows(idx) {
                    self.in_data = true;
                } else {
                    self.copy_data = 0;
                }
            }
            if self.in_data {
                if line == b"\\." || line == b"\\.\r" {
                    self.copy_data -= 1;
                    self.in_data = false;
                }
                continue;
            }
            if line.is_empty() && self.state == State::Init {
                continue;
            }
            if self.has_content {
                self.emit(b"\n");
            }
            self.start_copy = 0;
            self.scan(line);
            if self.start_copy > 0 {
                self.copy_data = self.start_copy;
            }
        }
        // At the end of a script psql sends what is left in the buffer.
        if self.has_content && self.active() && self.buf.iter().any(|c| !is_space(*c)) {
            self.line_no = self.lines.len();
            self.send();
        }
        self.out
    }

    fn data_block_follows(&self, idx: usize) -> bool {
        for line in &self.lines[idx..] {
            if *line == b"\\." || *line == b"\\.\r" {
                return true;
            }
            if is_copy_line(line) {
                return false;
            }
        }
        false
    }

    fn scan(&mut self, line: &[u8]) {
        let n = line.len();
        let mut i = 0;
        while i < n {
            i = match self.state {
                State::Init => self.scan_init(line, i),
                State::Comment => {
                    let open = find(line, i, b"/*");
                    let close = find(line, i, b"*/");
                    match (open, close) {
                        (Some(a), b) if b.is_none_or(|b| a < b) => {
                            self.comment_depth += 1;
                            self.emit_as(&line[i..a + 2], b" ");
                            a + 2
                        }
                        (_, Some(b)) => {
                            self.comment_depth -= 1;
                            if self.comment_depth == 0 {
                                self.state = State::Init;
                            }
                            self.emit_as(&line[i..b + 2], b" ");
                            b + 2
                        }
                        _ => {
                            self.emit_as(&line[i..], b" ");
                            n
                        }
                    }
                }
                State::Quote | State::BitQuote => match find(line, i, b"'") {
                    None => self.inside(line, i, n),
                    Some(j) if self.state == State::Quote && line.get(j + 1) == Some(&b'\'') => {
                        self.inside(line, i, j + 2)
                    }
                    Some(j) => self.close(line, i, j, b"'"),
                },
                State::EscapeQuote => match line[i..].iter().position(|c| *c == b'\\' || *c == b'\'') {
                    None => self.inside(line, i, n),
                    Some(p) if line[i + p] == b'\\' || line.get(i + p + 1) == Some(&b'\'') => {
                        self.inside(line, i, (i + p + 2).min(n))
                    }
                    Some(p) => self.close(line, i, i + p, b"'"),
                },
                State::Ident => match find(line, i, b"\"") {
                    None => self.inside(line, i, n),
                    Some(j) if line.get(j + 1) == Some(&b'"') => self.inside(line, i, j + 2),
                    Some(j) => self.close(line, i, j, b"\""),
                },
                State::Dollar => match find(line, i, &self.dollar_tag) {
                    None => self.inside(line, i, n),
                    Some(j) => self.close(line, i, j + self.dollar_tag.len() - 1, b"$$"),
                },
            };
        }
    }

    /// `line[i..end]` is inside a quote: kept, but blanked in the masked copy.
    fn inside(&mut self, line: &[u8], i: usize, end: usize) -> usize {
        self.emit_as(&line[i..end], b"");
        end
    }

    /// `line[last]` ends the current quote (whose closing text is `norm`).
    fn close(&mut self, line: &[u8], i: usize, last: usize, norm: &[u8]) -> usize {
        self.emit_as(&line[i..last + 1], norm);
        self.state = State::Init;
        last + 1
    }

    fn scan_init(&mut self, line: &[u8], i: usize) -> usize {
        let n = line.len();
        let c = line[i];
        let at = |k: usize| line.get(i + k).copied();
        // Opens a quote of `len` bytes; the masked copy keeps `norm`.
        let open = |me: &mut Self, len: usize, state: State, norm: &[u8]| {
            me.state = state;
            me.emit_as(&line[i..i + len], norm);
            i + len
        };
        if is_space(c) {
            if self.has_content {
                self.emit(&[c]);
            }
            return i + 1;
        }
        if line[i..].starts_with(b"--") {
            if self.has_content {
                self.emit_as(&line[i..], b" ");
            }
            return n;
        }
        if line[i..].starts_with(b"/*") {
            self.comment_depth = 1;
            return open(self, 2, State::Comment, b" ");
        }
        let plain_quote = if self.std_strings { State::Quote } else { State::EscapeQuote };
        match c {
            b'\'' => return open(self, 1, plain_quote, b"'"),
            b'"' => return open(self, 1, State::Ident, b"\""),
            _ => {}
        }
        if c.is_ascii_digit() || (c == b'.' && at(1).is_some_and(|d| d.is_ascii_digit())) {
            let mut j = i + number_len(&line[i..]);
            while j < n && is_ident_cont(line[j]) {
                j += 1;
            }
            self.emit(&line[i..j]);
            return j;
        }
        if is_ident_start(c) {
            match (c.to_ascii_lowercase(), at(1), at(2)) {
                (b'b' | b'x', Some(b'\''), _) => return open(self, 2, State::BitQuote, b"'"),
                (b'n', Some(b'\''), _) => return open(self, 2, plain_quote, b"'"),
                (b'e', Some(b'\''), _) => return open(self, 2, State::EscapeQuote, b"'"),
                (b'u', Some(b'&'), Some(b'\'')) => return open(self, 3, State::Quote, b"'"),
                (b'u', Some(b'&'), Some(b'"')) => return open(self, 3, State::Ident, b"\""),
                _ => {}
            }
            let mut j = i + 1;
            while j < n && is_ident_cont(line[j]) {
                j += 1;
            }
            self.word(&line[i..j]);
            self.emit(&line[i..j]);
            return j;
        }
        match c {
            b'$' => {
                if let Some(len) = dollar_tag_len(&line[i..]) {
                    self.dollar_tag = line[i..i + len].to_vec();
                    return open(self, len, State::Dollar, b"$$");
                }
                let digits = line[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
                let len = if digits > 0 { 1 + digits } else { 1 };
                self.emit(&line[i..i + len]);
                i + len
            }
            b'(' => {
                self.paren += 1;
                self.emit(b"(");
                i + 1
            }
            b')' => {
                self.paren = self.paren.saturating_sub(1);
                self.emit(b")");
                i + 1
            }
            b';' => {
                self.emit(b";");
                if self.paren == 0 && self.begin_depth == 0 {
                    self.ident_count = 0;
                    self.send();
                }
                i + 1
            }
            b'\\' => match at(1) {
                // `\;` and `\:` put the character itself into the buffer
                Some(b';') => {
                    self.emit(b";");
                    self.ident_count = 0;
                    i + 2
                }
                Some(b':') => {
                    self.emit(b":");
                    i + 2
                }
                _ => self.backslash(line, i),
            },
            b':' if at(1) == Some(b':') => {
                self.emit(b"::");
                i + 2
            }
            b':' => match variable_len(&line[i..]) {
                Some(len) => {
                    let reference = &line[i..i + len];
                    match self.expand(reference) {
                        // psql lexes a plain variable's value as if it were
                        // written in place (but expands no variable in it)
                        Some(value) if !matches!(reference[1], b'\'' | b'"' | b'{') && !self.expanding => {
                            self.expanding = true;
                            self.scan(&value);
                            self.expanding = false;
                        }
                        Some(value) => self.emit_as(&value, b"?"),
                        None => self.emit_as(reference, b"?"),
                    }
                    i + len
                }
                None => {
                    self.emit(b":");
                    i + 1
                }
            },
            _ => {
                self.emit(&[c]);
                i + 1
            }
        }
    }

    /// A backslash command at `line[i]`; returns where SQL lexing resumes.
    fn backslash(&mut self, line: &[u8], i: usize) -> usize {
        let n = line.len();
        let mut k = i + 1;
        while k < n && !is_space(line[k]) && line[k] != b'\\' {
            k += 1;
        }
        let name = String::from_utf8_lossy(&line[i + 1..k]).into_owned();
        if name.is_empty() {
            // `\\` (or a lone backslash): a separator
            return if k < n { k + 1 } else { n };
        }
        let rest = &line[k..];
        let mut args: Vec<String> = Vec::new();
        let pipe = rest.iter().find(|c| !is_space(**c)) == Some(&b'|');
        if WHOLE_LINE_CMDS.contains(&name.as_str()) || (FILEPIPE_CMDS.contains(&name.as_str()) && pipe) {
            args.push(String::from_utf8_lossy(rest).trim().to_owned());
            k = n;
        } else {
            loop {
                while k < n && is_space(line[k]) {
                    k += 1;
                }
                if k >= n {
                    break;
                }
                if line[k] == b'\\' {
                    if line[k..].starts_with(b"\\\\") {
                        k += 2; // separator: back to SQL
                    }
                    break; // otherwise another backslash command follows
                }
                let mut val = Vec::new();
                while k < n && !is_space(line[k]) && line[k] != b'\\' {
                    match line[k] {
                        b'\'' => {
                            k += 1;
                            while k < n {
                                match line[k] {
                                    b'\'' if line.get(k + 1) == Some(&b'\'') => {
                                        val.push(b'\'');
                                        k += 2;
                                    }
                                    b'\'' => {
                                        k += 1;
                                        break;
                                    }
                                    b'\\' if k + 1 < n => {
                                        val.push(line[k + 1]);
                                        k += 2;
                                    }
                                    ch => {
                                        val.push(ch);
                                        k += 1;
                                    }
                                }
                            }
                        }
                        q @ (b'"' | b'`') => {
                            let e = find(line, k + 1, &[q]).map_or(n, |e| e + 1);
                            val.extend_from_slice(&line[k..e]);
                            k = e;
                        }
                        b':' if variable_len(&line[k..]).is_some() => {
                            let len = variable_len(&line[k..]).unwrap_or(1);
                            let reference = &line[k..k + len];
                            val.extend(self.expand(reference).unwrap_or_else(|| reference.to_vec()));
                            k += len;
                        }
                        ch => {
                            val.push(ch);
                            k += 1;
                        }
                    }
                }
                args.push(String::from_utf8_lossy(&val).into_owned());
            }
        }
        self.command(&name, &args);
        k
    }

    fn command(&mut self, name: &str, args: &[String]) {
        if matches!(name, "if" | "elif" | "else" | "endif") {
            self.conditional(name, args);
            return;
        }
        if !self.active() {
            return;
        }
        if name == "set" && !args.is_empty() {
            self.vars.insert(args[0].clone(), args[1..].concat().into_bytes());
        } else if name == "unset" && !args.is_empty() {
            self.vars.remove(&args[0]);
        } else if name == "getenv" && args.len() >= 2 {
            // pg_regress passes paths (PG_ABS_SRCDIR, PG_LIBDIR, ...); their
            // values do not matter to the parser.
            let value = std::env::var(&args[1]).unwrap_or_else(|_| format!("/{}", args[1]));
            self.vars.insert(args[0].clone(), value.into_bytes());
        } else if name == "copy" {
            if has_from(args.first().map_or("", String::as_str).as_bytes(), &[b"stdin", b"pstdin"]) {
                self.start_copy += 1;
            }
        } else if SEND_CMDS.contains(&name) {
            self.send();
            self.reset_scan();
        } else if name == "r" || name == "reset" {
            self.buf.clear();
            self.norm.clear();
            self.has_content = false;
            self.reset_scan();
        }
    }

    /// psql's `\if` stack (exec_command_if and friends), with
    /// save_query_text_state / discard_query_text: text and parenthesis depth
    /// gathered in a skipped branch are thrown away when the branch ends.
    fn conditional(&mut self, name: &str, args: &[String]) {
        let cond = parse_bool(&args.join(" "));
        if name == "if" {
            let branch = match (self.active(), cond) {
                (false, _) => Branch::Ignored,
                (true, Some(false)) => Branch::False,
                (true, _) => Branch::True,
            };
            self.cond.push((branch, (self.buf.len(), self.norm.len()), self.paren));
            return;
        }
        let Some(&(branch, _, _)) = self.cond.last() else { return };
        let next = match (name, branch) {
            ("elif", Branch::True) => Some((Branch::Ignored, true)),
            ("elif", Branch::False) => Some((if cond == Some(false) { Branch::False } else { Branch::True }, false)),
            ("elif", Branch::Ignored) => Some((Branch::Ignored, false)),
            ("else", Branch::True) => Some((Branch::ElseFalse, true)),
            ("else", Branch::False) => Some((Branch::ElseTrue, false)),
            ("else", Branch::Ignored) => Some((Branch::ElseFalse, false)),
            ("endif", b) => {
                if matches!(b, Branch::False | Branch::Ignored | Branch::ElseFalse) {
                    self.discard();
                }
                self.cond.pop();
                None
            }
            _ => None,
        };
        if let Some((to, save)) = next {
            if save {
                let paren = self.paren;
                let len = (self.buf.len(), self.norm.len());
                if let Some(top) = self.cond.last_mut() {
                    top.1 = len;
                    top.2 = paren;
                }
            } else {
                self.discard();
            }
            if let Some(top) = self.cond.last_mut() {
                top.0 = to;
            }
        }
    }

    /// What a variable reference (`:name`, `:'name'`, `:"name"`,
    /// `:{?name}`) expands to, when the variable is set.
    fn expand(&self, reference: &[u8]) -> Option<Vec<u8>> {
        let name = |skip: usize| String::from_utf8_lossy(&reference[skip..reference.len() - skip / 2]).into_owned();
        match reference[1] {
            b'{' => {
                let set = self.vars.contains_key(&name(3));
                Some(if set { b"TRUE".to_vec() } else { b"FALSE".to_vec() })
            }
            q @ (b'\'' | b'"') => {
                let value = self.vars.get(&name(2))?;
                let mut out = Vec::new();
                // PQescapeLiteral writes ` E'…'` when the value has a backslash
                if q == b'\'' && value.contains(&b'\\') {
                    out.extend_from_slice(b" E");
                }
                out.push(q);
                for &c in value {
                    if c == q || (q == b'\'' && c == b'\\') {
                        out.push(c);
                    }
                    out.push(c);
                }
                out.push(q);
                Some(out)
            }
            _ => self.vars.get(&name(1)).cloned(),
        }
    }

    fn discard(&mut self) {
        if let Some(&(_, (len, norm_len), paren)) = self.cond.last() {
            self.buf.truncate(len);
            self.norm.truncate(norm_len);
            self.has_content = !self.buf.is_empty();
            self.paren = paren;
        }
    }
}

/// The query strings psql sends for script `text`, in order. Strings of
/// blanks only (a `\g` on an empty buffer, which re-sends the previous
/// query) are left out.
pub fn split(text: &[u8]) -> Vec<Query> {
    let mut queries = Lexer::new(text).run();
    queries.retain(|q| q.text.iter().any(|c| !is_space(*c)));
    queries
}

#[cfg(test)]
mod tests {
    use super::split;

    fn texts(script: &str) -> Vec<String> {
        split(script.as_bytes()).into_iter().map(|q| String::from_utf8(q.text).unwrap()).collect()
    }

    #[test]
    fn quotes_comments_and_dollar_quotes_hide_semicolons() {
        let s = "-- c\nselect ';' /* ; */, $f$ ; $f$, \"a;b\";\nselect 2;";
        assert_eq!(texts(s), ["select ';' /* ; */, $f$ ; $f$, \"a;b\";", "select 2;"]);
        assert_eq!(texts("select E'\\';';\n"), ["select E'\\';';"]);
    }

    #[test]
    fn backslash_semicolon_and_g_send_one_string() {
        assert_eq!(texts("select 1 \\; select 2;\nselect 3 \\g\n"), ["select 1 ; select 2;", "select 3 "]);
        assert_eq!(texts("select 1;\n\\gexec\n"), ["select 1;"]);
    }

    #[test]
    fn begin_atomic_bodies_and_copy_data() {
        let f = "create function f() returns int begin atomic select 1; end;\nselect 2;";
        assert_eq!(texts(f), ["create function f() returns int begin atomic select 1; end;", "select 2;"]);
        let c = "copy t from stdin;\n1;2\n\\.\nselect 1;";
        assert_eq!(texts(c), ["copy t from stdin;", "select 1;"]);
    }

    #[test]
    fn set_variables_are_substituted_and_others_kept() {
        let s = "\\set v 'a b'\n\\set w :v 'c\\\\d'\nselect :v, :'w', :\"v\", :{?v}, :u;";
        assert_eq!(texts(s), [r#"select a b,  E'a bc\\d', "a b", TRUE, :u;"#]);
    }

    #[test]
    fn skipped_if_branches_send_nothing() {
        assert_eq!(texts("\\if false\nselect 1;\n\\else\nselect 2;\n\\endif\n"), ["select 2;"]);
    }
}
