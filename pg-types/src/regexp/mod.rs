//! PostgreSQL's regular expressions (`utils/adt/regexp.c` and the
//! `regex/` engine): the match operators `~ !~ ~* !~*` on text, name and
//! bpchar, the regexp functions, `substring(... from pattern)`, and SIMILAR
//! TO's pattern translation (`similar_to_escape`).
//!
//! - `parse` reads PostgreSQL's syntaxes (ARE, ERE, BRE, literal; the
//!   directors, embedded options and flag letters) into a tree with the
//!   options applied, with PostgreSQL's error wording (2201B);
//! - `exec` writes the tree in the `regex` crate's syntax and finds
//!   matches by PostgreSQL's rules (leftmost, then longest or shortest by
//!   the expression's greediness, subexpressions by dissection) on
//!   linear-time automata;
//! - `funcs` holds the SQL functions.
//!
//! Differences from PostgreSQL's engine, written down rather than hidden:
//! back-references and lookahead/lookbehind constraints, which no
//! linear-time engine runs, answer 0A000; so do a few oddities of ERE/BRE
//! lexing (backslash before a letter, non-greedy quantifiers there).
//! PostgreSQL refuses patterns whose automaton grows past its size limit
//! ("regular expression is too complex", e.g. `(a{210}){210}`); this
//! server compiles them (up to the `regex` crate's own limit) and answers.
//! The
//! database's "C" locale is assumed: classes and case folding are ASCII's,
//! matching is by character as PostgreSQL's in UTF8.
//!
//! Compiled expressions are cached per process, most recently used first
//! (PostgreSQL keeps 32 too: `MAX_CACHED_RES`).

pub(crate) mod exec;
pub(crate) mod funcs;
pub(crate) mod parse;

use crate::datum::Datum;
use exec::Compiled;
use parse::Options;
use pg_error::PgResult;
use std::cell::RefCell;
use std::rc::Rc;

/// How many compiled patterns a process keeps (`MAX_CACHED_RES`).
const MAX_CACHED: usize = 32;

type CacheEntry = (String, Options, Rc<Compiled>);

thread_local! {
    static CACHE: RefCell<Vec<CacheEntry>> = const { RefCell::new(Vec::new()) };
}

/// The compiled form of `pattern` under `opts`, from the cache or new.
pub(crate) fn compile(pattern: &str, opts: Options) -> PgResult<Rc<Compiled>> {
    let hit = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let pos = c.iter().position(|(p, o, _)| p == pattern && *o == opts)?;
        let entry = c.remove(pos);
        let re = entry.2.clone();
        c.insert(0, entry);
        Some(re)
    });
    if let Some(re) = hit {
        return Ok(re);
    }
    let (node, ncap) = parse::parse(pattern, opts)?;
    let re = Rc::new(Compiled::new(node, ncap)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.insert(0, (pattern.to_string(), opts, re.clone()));
        c.truncate(MAX_CACHED);
    });
    Ok(re)
}

/// Whether `text` matches the ARE `pattern` (case-insensitively with `icase`).
pub fn regex_matches(text: &str, pattern: &str, icase: bool) -> PgResult<bool> {
    let opts = Options { icase, ..Options::default() };
    Ok(compile(pattern, opts)?.is_match(text))
}

fn texts(a: &[Datum]) -> PgResult<(&str, &str)> {
    match (a.first(), a.get(1)) {
        (Some(Datum::Text(x)), Some(Datum::Text(y))) => Ok((x, y)),
        _ => Err(crate::errors::wrong_datum("regular expression operator")),
    }
}

/// `~`.
pub fn op_regex_eq(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = texts(a)?;
    Ok(Datum::Bool(regex_matches(s, p, false)?))
}

/// `!~`.
pub fn op_regex_ne(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = texts(a)?;
    Ok(Datum::Bool(!regex_matches(s, p, false)?))
}

/// `~*`.
pub fn op_icregex_eq(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = texts(a)?;
    Ok(Datum::Bool(regex_matches(s, p, true)?))
}

/// `!~*`.
pub fn op_icregex_ne(a: &[Datum]) -> PgResult<Datum> {
    let (s, p) = texts(a)?;
    Ok(Datum::Bool(!regex_matches(s, p, true)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_error::SqlState;

    #[test]
    fn matches_as_postgres() {
        assert!(regex_matches("pg_toast", "^pg_toast", false).unwrap());
        assert!(!regex_matches("public", "^pg_toast", false).unwrap());
        assert!(regex_matches("pt", "^(pt)$", false).unwrap());
        assert!(!regex_matches("ptx", "^(pt)$", false).unwrap());
        assert!(regex_matches("ABC", "^abc$", true).unwrap());
        // PostgreSQL's defaults: `.` and `[^x]` match newline, `$` only at the end.
        assert!(regex_matches("a\nb", "a.b", false).unwrap());
        assert!(!regex_matches("a\nb", "a$", false).unwrap());
        assert!(regex_matches("a\nb", "(?n)a$", false).unwrap());
        // C-locale case folding is ASCII only.
        assert!(!regex_matches("É", "é", true).unwrap());
        let e = regex_matches("x", "(", false).unwrap_err();
        assert_eq!(e.code, SqlState::INVALID_REGULAR_EXPRESSION);
        assert_eq!(e.message, "invalid regular expression: parentheses () not balanced");
    }
}
