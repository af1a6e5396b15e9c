//! POSIX regular expression match operators (PostgreSQL's
//! `utils/adt/regexp.c`: `textregexeq`, `textregexne`, `texticregexeq`,
//! `texticregexne`, and their `name` and `bpchar` forms).
//!
//! Patterns are compiled with the `regex` crate and cached per process
//! (PostgreSQL keeps the 32 most recent too). Differences from
//! PostgreSQL's ARE engine, written down here rather than hidden:
//! back-references (`\1`), lookahead constraints and the `***:` director
//! are refused as invalid expressions (2201B); `\m`/`\M` word boundaries
//! and the `[[:<:]]` brackets are not known; matching is by Unicode scalar
//! value as PostgreSQL's is in UTF8. The patterns psql and drivers send
//! (`^(name)$`, `^pg_toast`) mean the same in both.

use crate::datum::Datum;
use pg_error::{PgError, PgResult, SqlState};
use std::cell::RefCell;

/// How many compiled patterns a process keeps (`MAX_CACHED_RES`).
const MAX_CACHED: usize = 32;

thread_local! {
    static CACHE: RefCell<Vec<(String, bool, regex::Regex)>> = const { RefCell::new(Vec::new()) };
}

fn invalid(e: &regex::Error) -> PgError {
    let detail = match e {
        regex::Error::Syntax(s) => s.lines().last().unwrap_or("syntax error").trim().to_string(),
        regex::Error::CompiledTooBig(_) => "regular expression is too complex".to_string(),
        _ => "invalid pattern".to_string(),
    };
    PgError::new(SqlState::INVALID_REGULAR_EXPRESSION, format!("invalid regular expression: {detail}"))
}

/// Whether `text` matches `pattern` (case-insensitively with `icase`).
pub fn regex_matches(text: &str, pattern: &str, icase: bool) -> PgResult<bool> {
    let hit = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let pos = c.iter().position(|(p, i, _)| p == pattern && *i == icase)?;
        // Most recently used first, as PostgreSQL's cache.
        let entry = c.remove(pos);
        let m = entry.2.is_match(text);
        c.insert(0, entry);
        Some(m)
    });
    if let Some(m) = hit {
        return Ok(m);
    }
    let re = regex::RegexBuilder::new(pattern).case_insensitive(icase).build().map_err(|e| invalid(&e))?;
    let m = re.is_match(text);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        c.insert(0, (pattern.to_string(), icase, re));
        c.truncate(MAX_CACHED);
    });
    Ok(m)
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

    #[test]
    fn matches_as_postgres() {
        assert!(regex_matches("pg_toast", "^pg_toast", false).unwrap());
        assert!(!regex_matches("public", "^pg_toast", false).unwrap());
        assert!(regex_matches("pt", "^(pt)$", false).unwrap());
        assert!(!regex_matches("ptx", "^(pt)$", false).unwrap());
        assert!(regex_matches("ABC", "^abc$", true).unwrap());
        let e = regex_matches("x", "(", false).unwrap_err();
        assert_eq!(e.code, SqlState::INVALID_REGULAR_EXPRESSION);
        assert!(e.message.starts_with("invalid regular expression: "), "{}", e.message);
    }
}
