//! The regexp SQL functions (`utils/adt/regexp.c`): `regexp_match`,
//! `regexp_matches`, `regexp_replace`, `regexp_split_to_table`/`_array`,
//! `regexp_count`, `regexp_instr`, `regexp_like`, `regexp_substr`,
//! `substring(text from pattern)` (`textregexsubstr`), the SIMILAR TO
//! pattern translation `similar_to_escape` (and its older non-strict name
//! `similar_escape`) and `substring(text similar pattern escape e)`.
//!
//! Positions that SQL sees count characters; the engine works on byte
//! offsets, converted at the edges.

use super::exec::{Compiled, Match};
use super::parse::Options;
use crate::datum::Datum;
use crate::fmgr::{FuncDef, SrfImpl, Volatility};
use crate::funcs::{arg, int, text};
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};
use std::rc::Rc;

/// The flags argument (`parse_re_flags`): options and `g`.
fn parse_flags(flags: Option<&str>) -> PgResult<(Options, bool)> {
    let mut opts = Options::default();
    let mut glob = false;
    for c in flags.unwrap_or("").chars() {
        if c == 'g' {
            glob = true;
        } else if c == 'e' {
            // PostgreSQL 15's parse_re_flags clears REG_ADVANCED, which
            // includes REG_EXTENDED, after setting it: the flag gives a BRE
            // (the embedded option `(?e)` does give an ERE).
            opts.syntax = super::parse::Syntax::Basic;
        } else if !opts.apply(c) {
            return Err(PgError::new(
                SqlState::INVALID_PARAMETER_VALUE,
                format!("invalid regular expression option: \"{c}\""),
            ));
        }
    }
    Ok((opts, glob))
}

fn no_global(func: &str) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("{func} does not support the \"global\" option"))
}

/// Options from a flags argument that must not hold `g`.
fn flags_no_glob(flags: Option<&str>, func: &str) -> PgResult<Options> {
    let (opts, glob) = parse_flags(flags)?;
    if glob {
        return Err(no_global(func));
    }
    Ok(opts)
}

fn bad_param(name: &str, v: i64) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid value for parameter \"{name}\": {v}"))
}

fn opt_text(a: &[Datum], i: usize) -> PgResult<Option<&str>> {
    if i < a.len() {
        text(a, i).map(Some)
    } else {
        Ok(None)
    }
}

/// The byte offset of 1-based character position `start`; past the end
/// of the text for a position beyond it.
fn byte_offset(s: &str, start: i64) -> usize {
    let n = (start - 1).max(0) as usize;
    match s.char_indices().nth(n) {
        Some((b, _)) => b,
        None if s.chars().count() == n => s.len(),
        None => s.len() + 1,
    }
}

/// The 1-based character position of byte offset `b`.
fn char_pos(s: &str, b: usize) -> i32 {
    s[..b].chars().count() as i32 + 1
}

/// The byte offset one character past `b`.
fn next_char(s: &str, b: usize) -> usize {
    s[b..].chars().next().map_or(b + 1, |c| b + c.len_utf8())
}

/// The matches from byte `from` (`setup_regexp_matches`): all of them with
/// `glob`, else the first; `ignore_degenerate` drops empty matches at the
/// ends of the text and right after a previous match (for splitting).
fn matches(
    re: &Compiled,
    s: &str,
    from: usize,
    glob: bool,
    ignore_degenerate: bool,
    caps: bool,
) -> PgResult<Vec<Match>> {
    let mut out = Vec::new();
    let mut search = from;
    let mut prev_end = 0;
    while search <= s.len() {
        crate::fmgr::check_interrupts()?;
        let Some(m) = re.find_at(s, search, caps)? else { break };
        if !ignore_degenerate || (m.start < s.len() && m.end > prev_end) {
            out.push(m.clone());
        }
        prev_end = m.end;
        if !glob {
            break;
        }
        search = if m.start == m.end { next_char(s, m.end) } else { m.end };
    }
    Ok(out)
}

fn re_for(pattern: &str, opts: Options) -> PgResult<Rc<Compiled>> {
    super::compile(pattern, opts)
}

/// The text[] of a match: its subexpressions, or the whole match when
/// there are none.
fn match_array(s: &str, m: &Match) -> Datum {
    let elems: Vec<Datum> = if m.caps.is_empty() {
        vec![Datum::Text(s[m.start..m.end].to_string())]
    } else {
        m.caps.iter().map(|c| c.map_or(Datum::Null, |(a, b)| Datum::Text(s[a..b].to_string()))).collect()
    };
    Datum::Array(crate::array::ArrayValue::from(elems))
}

fn f_regexp_match(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let (opts, glob) = parse_flags(opt_text(a, 2)?)?;
    if glob {
        return Err(no_global("regexp_match()").with_hint("Use the regexp_matches function instead."));
    }
    let re = re_for(p, opts)?;
    Ok(match re.find_at(s, 0, true)? {
        Some(m) => match_array(s, &m),
        None => Datum::Null,
    })
}

fn f_regexp_matches(a: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let (opts, glob) = parse_flags(opt_text(a, 2)?)?;
    let re = re_for(p, opts)?;
    Ok(matches(&re, s, 0, glob, false, true)?.iter().map(|m| vec![match_array(s, m)]).collect())
}

/// Appends the replacement for match `m`: `\1`..`\9` its subexpressions,
/// `\&` the whole match, `\\` a backslash; any other backslash stays.
fn append_replacement(out: &mut String, repl: &str, s: &str, m: &Match) {
    let mut chars = repl.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some(d @ '1'..='9') => {
                chars.next();
                let idx = d as usize - '0' as usize;
                if let Some(Some((x, y))) = m.caps.get(idx - 1) {
                    out.push_str(&s[*x..*y]);
                }
            }
            Some('&') => {
                chars.next();
                out.push_str(&s[m.start..m.end]);
            }
            Some('\\') => {
                chars.next();
                out.push('\\');
            }
            _ => out.push('\\'),
        }
    }
}

/// `replace_text_regexp`: replaces the `n`th match from character
/// position `start`, or every one for `n` = 0.
fn replace(s: &str, re: &Compiled, repl: &str, start: i64, n: i64) -> PgResult<String> {
    let caps = repl.contains('\\');
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut search = byte_offset(s, start);
    let mut count = 0;
    while search <= s.len() {
        crate::fmgr::check_interrupts()?;
        let Some(m) = re.find_at(s, search, caps)? else { break };
        count += 1;
        if n == 0 || count == n {
            out.push_str(&s[copied..m.start]);
            append_replacement(&mut out, repl, s, &m);
            copied = m.end;
            if n > 0 {
                break;
            }
        }
        search = if m.start == m.end { next_char(s, m.end) } else { m.end };
    }
    out.push_str(&s[copied..]);
    Ok(out)
}

/// `regexp_replace(source, pattern, replacement [, flags])`.
fn f_regexp_replace(a: &[Datum]) -> PgResult<Datum> {
    let (s, p, r) = (text(a, 0)?, text(a, 1)?, text(a, 2)?);
    let (opts, glob) = parse_flags(opt_text(a, 3)?)?;
    let re = re_for(p, opts)?;
    Ok(Datum::Text(replace(s, &re, r, 1, if glob { 0 } else { 1 })?))
}

/// `regexp_replace(source, pattern, replacement, start [, N [, flags]])`.
fn f_regexp_replace_ext(a: &[Datum]) -> PgResult<Datum> {
    let (s, p, r) = (text(a, 0)?, text(a, 1)?, text(a, 2)?);
    let start = int(a, 3)?;
    if start <= 0 {
        return Err(bad_param("start", start));
    }
    let n = if a.len() > 4 { int(a, 4)? } else { 1 };
    if n < 0 {
        return Err(bad_param("n", n));
    }
    // With N given, `g` changes nothing.
    let (opts, _) = parse_flags(opt_text(a, 5)?)?;
    let re = re_for(p, opts)?;
    Ok(Datum::Text(replace(s, &re, r, start, n)?))
}

/// The pieces between the matches (`regexp_split_to_*`).
fn split(a: &[Datum], func: &str) -> PgResult<Vec<Datum>> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let opts = flags_no_glob(opt_text(a, 2)?, func)?;
    let re = re_for(p, opts)?;
    let mut out = Vec::new();
    let mut prev = 0;
    for m in matches(&re, s, 0, true, true, false)? {
        out.push(Datum::Text(s[prev..m.start].to_string()));
        prev = m.end;
    }
    out.push(Datum::Text(s[prev..].to_string()));
    Ok(out)
}

fn f_split_to_table(a: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    Ok(split(a, "regexp_split_to_table()")?.into_iter().map(|d| vec![d]).collect())
}

fn f_split_to_array(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Array(crate::array::ArrayValue::from(split(a, "regexp_split_to_array()")?)))
}

/// `start` (argument `i`, default 1), checked.
fn start_arg(a: &[Datum], i: usize) -> PgResult<i64> {
    let start = if a.len() > i { int(a, i)? } else { 1 };
    if start <= 0 {
        return Err(bad_param("start", start));
    }
    Ok(start)
}

fn f_regexp_count(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let start = start_arg(a, 2)?;
    let opts = flags_no_glob(opt_text(a, 3)?, "regexp_count()")?;
    let re = re_for(p, opts)?;
    let n = matches(&re, s, byte_offset(s, start), true, false, false)?.len();
    Ok(Datum::Int4(n as i32))
}

fn f_regexp_like(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let opts = flags_no_glob(opt_text(a, 2)?, "regexp_like()")?;
    Ok(Datum::Bool(re_for(p, opts)?.is_match(s)))
}

/// The span of the `n`th match's subexpression `subexpr` (0: the whole
/// match) from `start`, for `regexp_instr` and `regexp_substr`.
fn nth_span(
    s: &str,
    p: &str,
    start: i64,
    n: i64,
    flags: Option<&str>,
    subexpr: i64,
    func: &str,
) -> PgResult<Option<(usize, usize)>> {
    let opts = flags_no_glob(flags, func)?;
    let re = re_for(p, opts)?;
    if subexpr as usize > re.ncap {
        return Ok(None);
    }
    let all = matches(&re, s, byte_offset(s, start), true, false, subexpr > 0)?;
    let Some(m) = all.get(n as usize - 1) else { return Ok(None) };
    Ok(if subexpr == 0 { Some((m.start, m.end)) } else { m.caps[subexpr as usize - 1] })
}

fn f_regexp_instr(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let start = start_arg(a, 2)?;
    let n = if a.len() > 3 { int(a, 3)? } else { 1 };
    if n <= 0 {
        return Err(bad_param("n", n));
    }
    let endoption = if a.len() > 4 { int(a, 4)? } else { 0 };
    if endoption != 0 && endoption != 1 {
        return Err(bad_param("endoption", endoption));
    }
    let subexpr = if a.len() > 6 { int(a, 6)? } else { 0 };
    if subexpr < 0 {
        return Err(bad_param("subexpr", subexpr));
    }
    let span = nth_span(s, p, start, n, opt_text(a, 5)?, subexpr, "regexp_instr()")?;
    Ok(Datum::Int4(match span {
        None => 0,
        Some((x, y)) => char_pos(s, if endoption == 1 { y } else { x }),
    }))
}

fn f_regexp_substr(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = (text(a, 0)?, text(a, 1)?);
    let start = start_arg(a, 2)?;
    let n = if a.len() > 3 { int(a, 3)? } else { 1 };
    if n <= 0 {
        return Err(bad_param("n", n));
    }
    let subexpr = if a.len() > 5 { int(a, 5)? } else { 0 };
    if subexpr < 0 {
        return Err(bad_param("subexpr", subexpr));
    }
    let span = nth_span(s, p, start, n, opt_text(a, 4)?, subexpr, "regexp_substr()")?;
    Ok(span.map_or(Datum::Null, |(x, y)| Datum::Text(s[x..y].to_string())))
}

/// `substring(text from pattern)` (`textregexsubstr`): the part matching
/// the first subexpression, or the whole match when there is none.
fn regex_substring(s: &str, p: &str) -> PgResult<Datum> {
    let re = re_for(p, Options::default())?;
    let Some(m) = re.find_at(s, 0, true)? else { return Ok(Datum::Null) };
    let span = if re.ncap > 0 { m.caps[0] } else { Some((m.start, m.end)) };
    Ok(span.map_or(Datum::Null, |(x, y)| Datum::Text(s[x..y].to_string())))
}

fn f_textregexsubstr(a: &[Datum]) -> PgResult<Datum> {
    regex_substring(text(a, 0)?, text(a, 1)?)
}

/// `substring(text similar pattern escape e)`: `substring(text,
/// similar_to_escape(pattern, e))`.
/// PostgreSQL defines it as a SQL function, whose errors carry that context.
fn f_similar_substring(a: &[Datum]) -> PgResult<Datum> {
    let (s, p, e) = (text(a, 0)?, text(a, 1)?, text(a, 2)?);
    similar_to_escape(p, Some(e))
        .and_then(|pattern| regex_substring(s, &pattern))
        .map_err(|err| err.with_context("SQL function \"substring\" statement 1"))
}

/// Translates a SIMILAR TO pattern into an ARE (`similar_escape_internal`):
/// `%` and `_` become `.*` and `.`, the regex characters SIMILAR TO lacks
/// are quoted, and the escape character quotes the next one; two
/// escape-double-quote separators mark the part `substring` returns. The
/// result is anchored at both ends. `escape` `None` means the default
/// backslash; an empty one means none.
pub fn similar_to_escape(pattern: &str, escape: Option<&str>) -> PgResult<String> {
    let esc: Option<char> = match escape {
        None => Some('\\'),
        Some("") => None,
        Some(e) => {
            let mut it = e.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => {
                    return Err(PgError::new(SqlState::INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                        .with_hint("Escape string must be empty or one character."))
                }
            }
        }
    };
    let mut out = String::with_capacity(pattern.len() + 10);
    out.push_str("^(?:");
    let chars: Vec<char> = pattern.chars().collect();
    let mut after_escape = false;
    let mut in_class = false;
    // Characters since the class's `[` (a `]` right after `[` or `[^`
    // is a member, not the close).
    let mut class_pos = 0;
    let mut nquotes = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if after_escape {
            if c == '"' && !in_class {
                match nquotes {
                    0 => out.push_str("){1,1}?("),
                    1 => out.push_str("){1,1}(?:"),
                    _ => {
                        return Err(PgError::new(
                            SqlState::INVALID_USE_OF_ESCAPE_CHARACTER,
                            "SQL regular expression may not contain more than two escape-double-quote separators",
                        ))
                    }
                }
                nquotes += 1;
            } else {
                out.push('\\');
                out.push(c);
                class_pos += 1;
            }
            after_escape = false;
        } else if Some(c) == esc {
            after_escape = true;
        } else if in_class {
            if c == '\\' {
                out.push('\\');
            }
            out.push(c);
            class_pos += 1;
            if c == '[' && matches!(chars.get(i), Some(':' | '.' | '=')) {
                // A `[:class:]`, `[.coll.]` or `[=equiv=]` inside the class
                // is copied whole: its `]` closes nothing.
                let kind = chars[i];
                out.push(kind);
                i += 1;
                while i < chars.len() {
                    let d = chars[i];
                    out.push(d);
                    i += 1;
                    if d == kind && chars.get(i) == Some(&']') {
                        out.push(']');
                        i += 1;
                        break;
                    }
                }
            } else if c == ']' && !(class_pos == 1 || (class_pos == 2 && chars[i - 2] == '^')) {
                in_class = false;
            }
        } else {
            match c {
                '[' => {
                    out.push('[');
                    in_class = true;
                    class_pos = 0;
                }
                '%' => out.push_str(".*"),
                '_' => out.push('.'),
                '(' => out.push_str("(?:"),
                '\\' | '.' | '^' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out.push_str(")$");
    Ok(out)
}

fn f_similar_to_escape(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(similar_to_escape(text(a, 0)?, opt_text(a, 1)?)?))
}

/// `similar_escape(pattern, escape)`: not strict; a NULL pattern gives
/// NULL, a NULL escape means the default.
fn f_similar_escape(a: &[Datum]) -> PgResult<Datum> {
    let pattern = match arg(a, 0)? {
        Datum::Null => return Ok(Datum::Null),
        _ => text(a, 0)?,
    };
    let escape = match arg(a, 1)? {
        Datum::Null => None,
        _ => Some(text(a, 1)?),
    };
    Ok(Datum::Text(similar_to_escape(pattern, escape)?))
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::Immutable;
    let s = FuncDef::scalar;
    let setof = |args: &[crate::types::Oid], ret, name: &'static str, f| {
        FuncDef::set_returning(name, args, ret, &[(name, ret)], Immutable, SrfImpl::Materialize(f))
    };
    vec![
        s("regexp_match", &[TEXT, TEXT], TEXT_ARRAY, Immutable, f_regexp_match),
        s("regexp_match", &[TEXT, TEXT, TEXT], TEXT_ARRAY, Immutable, f_regexp_match),
        setof(&[TEXT, TEXT], TEXT_ARRAY, "regexp_matches", f_regexp_matches),
        setof(&[TEXT, TEXT, TEXT], TEXT_ARRAY, "regexp_matches", f_regexp_matches),
        s("regexp_replace", &[TEXT, TEXT, TEXT], TEXT, Immutable, f_regexp_replace),
        s("regexp_replace", &[TEXT, TEXT, TEXT, TEXT], TEXT, Immutable, f_regexp_replace),
        s("regexp_replace", &[TEXT, TEXT, TEXT, INT4], TEXT, Immutable, f_regexp_replace_ext),
        s("regexp_replace", &[TEXT, TEXT, TEXT, INT4, INT4], TEXT, Immutable, f_regexp_replace_ext),
        s("regexp_replace", &[TEXT, TEXT, TEXT, INT4, INT4, TEXT], TEXT, Immutable, f_regexp_replace_ext),
        setof(&[TEXT, TEXT], TEXT, "regexp_split_to_table", f_split_to_table),
        setof(&[TEXT, TEXT, TEXT], TEXT, "regexp_split_to_table", f_split_to_table),
        s("regexp_split_to_array", &[TEXT, TEXT], TEXT_ARRAY, Immutable, f_split_to_array),
        s("regexp_split_to_array", &[TEXT, TEXT, TEXT], TEXT_ARRAY, Immutable, f_split_to_array),
        s("regexp_count", &[TEXT, TEXT], INT4, Immutable, f_regexp_count),
        s("regexp_count", &[TEXT, TEXT, INT4], INT4, Immutable, f_regexp_count),
        s("regexp_count", &[TEXT, TEXT, INT4, TEXT], INT4, Immutable, f_regexp_count),
        s("regexp_instr", &[TEXT, TEXT], INT4, Immutable, f_regexp_instr),
        s("regexp_instr", &[TEXT, TEXT, INT4], INT4, Immutable, f_regexp_instr),
        s("regexp_instr", &[TEXT, TEXT, INT4, INT4], INT4, Immutable, f_regexp_instr),
        s("regexp_instr", &[TEXT, TEXT, INT4, INT4, INT4], INT4, Immutable, f_regexp_instr),
        s("regexp_instr", &[TEXT, TEXT, INT4, INT4, INT4, TEXT], INT4, Immutable, f_regexp_instr),
        s("regexp_instr", &[TEXT, TEXT, INT4, INT4, INT4, TEXT, INT4], INT4, Immutable, f_regexp_instr),
        s("regexp_like", &[TEXT, TEXT], BOOL, Immutable, f_regexp_like),
        s("regexp_like", &[TEXT, TEXT, TEXT], BOOL, Immutable, f_regexp_like),
        s("regexp_substr", &[TEXT, TEXT], TEXT, Immutable, f_regexp_substr),
        s("regexp_substr", &[TEXT, TEXT, INT4], TEXT, Immutable, f_regexp_substr),
        s("regexp_substr", &[TEXT, TEXT, INT4, INT4], TEXT, Immutable, f_regexp_substr),
        s("regexp_substr", &[TEXT, TEXT, INT4, INT4, TEXT], TEXT, Immutable, f_regexp_substr),
        s("regexp_substr", &[TEXT, TEXT, INT4, INT4, TEXT, INT4], TEXT, Immutable, f_regexp_substr),
        s("substring", &[TEXT, TEXT], TEXT, Immutable, f_textregexsubstr),
        s("substring", &[TEXT, TEXT, TEXT], TEXT, Immutable, f_similar_substring),
        s("similar_to_escape", &[TEXT, TEXT], TEXT, Immutable, f_similar_to_escape),
        s("similar_to_escape", &[TEXT], TEXT, Immutable, f_similar_to_escape),
        s("similar_escape", &[TEXT, TEXT], TEXT, Immutable, f_similar_escape).non_strict(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_translation_as_postgres() {
        // Each from PostgreSQL 15.
        for (p, e, want) in [
            ("a%b_c", None, "^(?:a.*b.c)$"),
            ("a(b|c)*d", None, "^(?:a(?:b|c)*d)$"),
            ("x.y^$", None, r"^(?:x\.y\^\$)$"),
            ("a#\"b#\"c", Some("#"), "^(?:a){1,1}?(b){1,1}(?:c)$"),
            ("[]a]", None, "^(?:[]a])$"),
            ("[^]%]%", None, "^(?:[^]%].*)$"),
            ("[[:alpha:]%]_", None, "^(?:[[:alpha:]%].)$"),
            ("a\\b", Some("#"), r"^(?:a\\b)$"),
            ("a\\", None, "^(?:a)$"),
            ("a%", Some(""), "^(?:a.*)$"),
        ] {
            assert_eq!(similar_to_escape(p, e).unwrap(), want, "{p}");
        }
        assert_eq!(similar_to_escape("a", Some("xy")).unwrap_err().code, SqlState::INVALID_ESCAPE_SEQUENCE);
    }

    #[test]
    fn replace_and_split() {
        let re = re_for("(b)", Options::default()).unwrap();
        assert_eq!(replace("abcb", &re, r"[\1\2\&\\\x]", 1, 0).unwrap(), r"a[bb\\x]c[bb\\x]");
        let a = [Datum::Text("a1b22c".into()), Datum::Text(r"\d*".into())];
        let parts: Vec<String> = split(&a, "f")
            .unwrap()
            .into_iter()
            .map(|d| if let Datum::Text(t) = d { t } else { String::new() })
            .collect();
        assert_eq!(parts, ["a", "b", "c"]);
    }
}
