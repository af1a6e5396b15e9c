//! LIKE / ILIKE pattern matching (PostgreSQL's `utils/adt/like.c`, `like_match.c`).

use pg_error::{PgError, PgResult, SqlState};

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(char),
    One,
    Any,
    /// An escape character with nothing after it: PostgreSQL reports the error only
    /// when matching reaches it with text left to match.
    TrailingEscape,
}

fn trailing_escape() -> PgError {
    PgError::new(SqlState::INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character")
}

fn compile(pattern: &str, escape: Option<char>) -> PgResult<Vec<Tok>> {
    let mut out = Vec::new();
    let mut it = pattern.chars();
    while let Some(c) = it.next() {
        if Some(c) == escape {
            out.push(it.next().map_or(Tok::TrailingEscape, Tok::Lit));
        } else if c == '%' {
            if out.last() != Some(&Tok::Any) {
                out.push(Tok::Any);
            }
        } else if c == '_' {
            out.push(Tok::One);
        } else {
            out.push(Tok::Lit(c));
        }
    }
    Ok(out)
}

fn matches(s: &[char], p: &[Tok]) -> PgResult<bool> {
    // Iterative matcher with backtracking to the last '%' (linear in practice).
    let (mut si, mut pi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(Tok::Lit(c)) if *c == s[si] => {
                si += 1;
                pi += 1;
            }
            Some(Tok::One) => {
                si += 1;
                pi += 1;
            }
            Some(Tok::Any) => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(Tok::TrailingEscape) => return Err(trailing_escape()),
            _ => match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return Ok(false),
            },
        }
    }
    Ok(p[pi..].iter().all(|t| *t == Tok::Any))
}

/// `s LIKE pattern [ESCAPE escape]`. The default escape is backslash; `Some("")` disables it.
pub fn like(s: &str, pattern: &str, escape: Option<&str>) -> PgResult<bool> {
    let esc = match escape {
        None => Some('\\'),
        Some("") => None,
        Some(e) => {
            let mut cs = e.chars();
            let c = cs.next();
            if cs.next().is_some() {
                return Err(PgError::new(SqlState::INVALID_ESCAPE_SEQUENCE, "invalid escape string")
                    .with_hint("Escape string must be empty or one character."));
            }
            c
        }
    };
    let toks = compile(pattern, esc)?;
    let chars: Vec<char> = s.chars().collect();
    matches(&chars, &toks)
}

/// `s ILIKE pattern`: case-insensitive by lower-casing both sides as `lower()` does under
/// the cluster's `lc_ctype` C (ASCII letters only).
pub fn ilike(s: &str, pattern: &str, escape: Option<&str>) -> PgResult<bool> {
    like(&s.to_ascii_lowercase(), &pattern.to_ascii_lowercase(), escape)
}

/// `like_escape(pattern, escape)`: the pattern rewritten for backslash as
/// the escape character, which is how `x LIKE p ESCAPE e` runs (gram.y
/// turns it into `x ~~ like_escape(p, e)`, like_match.c's `do_like_escape`).
pub fn like_escape(pattern: &str, escape: &str) -> PgResult<String> {
    let mut cs = escape.chars();
    let e = cs.next();
    if cs.next().is_some() {
        return Err(PgError::new(SqlState::INVALID_ESCAPE_SEQUENCE, "invalid escape string")
            .with_hint("Escape string must be empty or one character."));
    }
    let mut out = String::with_capacity(pattern.len() + 8);
    match e {
        // No escape character: every backslash is literal.
        None => {
            for c in pattern.chars() {
                if c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
        }
        Some('\\') => out.push_str(pattern),
        Some(e) => {
            let mut after_escape = false;
            for c in pattern.chars() {
                if c == e && !after_escape {
                    out.push('\\');
                    after_escape = true;
                } else if c == '\\' {
                    out.push('\\');
                    if !after_escape {
                        out.push('\\');
                    }
                    after_escape = false;
                } else {
                    out.push(c);
                    after_escape = false;
                }
            }
        }
    }
    Ok(out)
}
