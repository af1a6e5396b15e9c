//! An estimate of how deep PostgreSQL's bison parser stack gets on a token
//! stream, to give its 42601 "memory exhausted" where it gives it.
//!
//! gram.y's LALR parser keeps one entry per grammar symbol on a stack of
//! `YYMAXDEPTH` = 10,000 entries. Nested constructs leave their prefix on
//! that stack until they close: `(` costs one entry a level, `abs(` and
//! `ARRAY[` two, `(SELECT ` three (the empty `opt_all_clause` too), `CASE
//! WHEN x THEN ` five. Input nested past the limit fails at the token that
//! would push entry 10,001, before any analysis; PostgreSQL 15.18 was
//! measured on each of those shapes, and this walk reproduces the failing
//! token for them.
//!
//! This parser recurses on most of those constructs and would stop earlier
//! with 54001 (its frames are larger than bison's entries), so the walk runs
//! over the tokens first, without recursion, and `parse_statements` reports
//! the overflow where PostgreSQL would unless an earlier syntax error comes
//! first. The walk models shifts and the reductions that matter for depth:
//! a binary operator, a comma or a clause keyword reduces what precedes it
//! in its group to one entry, a closing bracket reduces its group (and a
//! function name before it) to one operand. It may only underestimate
//! (it never reports an overflow PostgreSQL would not have), since every
//! reduction it does not model would only lower PostgreSQL's depth further
//! if it were modelled... so each cost above is the measured one, no more.

use crate::keywords::{KeywordCategory, Kw};
use crate::lexer::{Token, TokenKind};

/// bison's `YYMAXDEPTH` in gram.c.
const BISON_STACK_LIMIT: usize = 10_000;

/// Entries below a statement's first token (the start state and the
/// statement list); with SELECT's two, `SELECT` leaves four.
const BASE: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Top,
    Bracket,
    Case,
}

struct Frame {
    kind: Kind,
    /// Entries of the opener itself (`(`, `CASE`).
    opener: usize,
    /// Entries pushed inside the group since it opened.
    items: usize,
    /// Items that a reduction inside the current clause leaves alone (SELECT
    /// and the clauses before the current one).
    floor: usize,
    /// The last item is a name that a bracket may follow (`abs`, `ARRAY`).
    name_pending: bool,
    /// WHEN clauses seen (CASE frames).
    whens: usize,
}

impl Frame {
    fn new(kind: Kind, opener: usize) -> Frame {
        Frame { kind, opener, items: 0, floor: 0, name_pending: false, whens: 0 }
    }
}

/// Whether a token starts an operand in prefix position context: after it,
/// a `-`, `+` or NOT is a prefix operator.
fn expects_operand(prev: Option<&TokenKind>) -> bool {
    match prev {
        None => true,
        Some(TokenKind::Char(c)) => !matches!(c, ')' | ']'),
        Some(TokenKind::Op(_) | TokenKind::Typecast) => true,
        Some(TokenKind::Keyword(k)) => !matches!(k.kw, Kw::True | Kw::False | Kw::Null | Kw::End),
        _ => false,
    }
}

/// The index of the token at which PostgreSQL's parser stack would
/// overflow, if it would.
pub(super) fn overflow_token(toks: &[Token]) -> Option<usize> {
    let mut frames = vec![Frame::new(Kind::Top, 0)];
    let mut depth = BASE;
    let mut prev: Option<&TokenKind> = None;
    for (i, tok) in toks.iter().enumerate() {
        let next = toks.get(i + 1).map(|t| &t.kind);
        let top = frames.len() - 1;
        // Entries added by this token (checked before any reduction it causes).
        let push = |frames: &mut Vec<Frame>, depth: &mut usize, n: usize| -> bool {
            let last = frames.len() - 1;
            frames[last].items += n;
            *depth += n;
            *depth > BISON_STACK_LIMIT
        };
        // Reduce the current clause's items to one entry (an operand or a list).
        let collapse = |frames: &mut Vec<Frame>, depth: &mut usize| {
            let last = frames.len() - 1;
            let f = &mut frames[last];
            if f.items > f.floor + 1 {
                *depth -= f.items - f.floor - 1;
                f.items = f.floor + 1;
            }
            f.name_pending = false;
        };
        // Start a clause: what precedes stays below it.
        let set_floor = |frames: &mut Vec<Frame>| {
            let last = frames.len() - 1;
            frames[last].floor = frames[last].items;
        };
        let overflow = match &tok.kind {
            TokenKind::Eof | TokenKind::Error(_) => return None,
            TokenKind::Char(';') => {
                frames.truncate(1);
                frames[0] = Frame::new(Kind::Top, 0);
                depth = BASE;
                prev = None;
                continue;
            }
            TokenKind::Char('(') | TokenKind::Char('[') => {
                depth += 1;
                frames.push(Frame::new(Kind::Bracket, 1));
                depth > BISON_STACK_LIMIT
            }
            TokenKind::Char(')') | TokenKind::Char(']') => {
                if depth + 1 > BISON_STACK_LIMIT {
                    return Some(i);
                }
                if frames[top].kind == Kind::Top {
                    // Unbalanced: bison fails here with a syntax error.
                    return None;
                }
                let f = frames.pop().expect("a bracket frame");
                depth -= f.opener + f.items;
                let parent = frames.len() - 1;
                if frames[parent].name_pending {
                    frames[parent].name_pending = false;
                    false
                } else if tok.kind == TokenKind::Char(']') {
                    // A subscript or an array bound (`a[1]`, `int[]`) reduces into the
                    // operand or type before it: bison's lists of them are left-recursive,
                    // so `int[][][]...` never deepens its stack.
                    false
                } else {
                    push(&mut frames, &mut depth, 1)
                }
            }
            TokenKind::Char(',') => {
                collapse(&mut frames, &mut depth);
                push(&mut frames, &mut depth, 1)
            }
            TokenKind::Keyword(k) if k.kw == Kw::Case => {
                depth += 1;
                frames.push(Frame::new(Kind::Case, 1));
                depth > BISON_STACK_LIMIT
            }
            TokenKind::Keyword(k)
                if frames[top].kind == Kind::Case && matches!(k.kw, Kw::When | Kw::Then | Kw::Else | Kw::End) =>
            {
                let f = &mut frames[top];
                // Below each clause: case_arg (empty or reduced), then the
                // WHEN list once a clause is complete.
                let target = match k.kw {
                    Kw::When => {
                        f.whens += 1;
                        if f.whens == 1 {
                            2
                        } else {
                            3
                        }
                    }
                    // WHEN, the condition reduced to one entry, and THEN.
                    Kw::Then => {
                        if f.whens <= 1 {
                            4
                        } else {
                            5
                        }
                    }
                    Kw::Else => 3,
                    _ => f.items + 1,
                };
                let old = f.items;
                depth = depth - old + target;
                f.items = target;
                if depth > BISON_STACK_LIMIT {
                    return Some(i);
                }
                if k.kw == Kw::End {
                    let f = frames.pop().expect("a CASE frame");
                    depth -= f.opener + f.items;
                    push(&mut frames, &mut depth, 1)
                } else {
                    false
                }
            }
            // (SELECT as a privilege, `GRANT select, select ...`, is a list member.)
            TokenKind::Keyword(k)
                if matches!(k.kw, Kw::Select | Kw::Values)
                    && !matches!(prev, Some(TokenKind::Char(',')))
                    && !matches!(prev, Some(TokenKind::Keyword(p)) if matches!(p.kw, Kw::Grant | Kw::Revoke)) =>
            {
                // The keyword and an empty reduction after it.
                let over = push(&mut frames, &mut depth, 2);
                set_floor(&mut frames);
                over
            }
            TokenKind::Keyword(k)
                if matches!(
                    k.kw,
                    Kw::From | Kw::Where | Kw::Group | Kw::Having | Kw::Window | Kw::Order | Kw::Limit | Kw::Offset
                ) =>
            {
                // The clause before reduces; FROM also follows an empty
                // into_clause.
                collapse(&mut frames, &mut depth);
                let over = push(&mut frames, &mut depth, if k.kw == Kw::From { 2 } else { 1 });
                set_floor(&mut frames);
                over
            }
            TokenKind::Keyword(k) if k.kw == Kw::Not && expects_operand(prev) => push(&mut frames, &mut depth, 1),
            TokenKind::Char('-' | '+') | TokenKind::Op(_) if expects_operand(prev) => push(&mut frames, &mut depth, 1),
            // (IN before its list is an operator: `a IN (1) IN (2)` reduces at each IN.)
            TokenKind::Keyword(k)
                if (matches!(next, Some(TokenKind::Char('('))) && k.kw != Kw::In)
                    || (k.kw == Kw::Array && matches!(next, Some(TokenKind::Char('[')))) =>
            {
                // A function-like name: it stays below its bracket.
                let over = push(&mut frames, &mut depth, 1);
                let last = frames.len() - 1;
                frames[last].name_pending = true;
                over
            }
            TokenKind::Keyword(k)
                if matches!(k.kw, Kw::True | Kw::False | Kw::Null)
                    || (k.category != KeywordCategory::Reserved && !expects_operand_keyword(k.kw)) =>
            {
                push(&mut frames, &mut depth, 1)
            }
            TokenKind::Ident(_) if matches!(next, Some(TokenKind::Char('('))) => {
                let over = push(&mut frames, &mut depth, 1);
                let last = frames.len() - 1;
                frames[last].name_pending = true;
                over
            }
            TokenKind::Ident(_)
            | TokenKind::Sconst(_)
            | TokenKind::Bconst(_)
            | TokenKind::Xconst(_)
            | TokenKind::Iconst(_)
            | TokenKind::Fconst(_)
            | TokenKind::Param(_) => push(&mut frames, &mut depth, 1),
            // Binary operators and clause keywords: what precedes reduces.
            _ => {
                collapse(&mut frames, &mut depth);
                push(&mut frames, &mut depth, 1)
            }
        };
        if overflow {
            return Some(i);
        }
        prev = Some(&tok.kind);
    }
    None
}

/// Non-reserved keywords that act as clause words rather than operands.
fn expects_operand_keyword(word: Kw) -> bool {
    matches!(
        word,
        Kw::Is
            | Kw::Like
            | Kw::Ilike
            | Kw::Similar
            | Kw::Between
            | Kw::In
            | Kw::Over
            | Kw::Filter
            | Kw::Within
            | Kw::At
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overflow_char(sql: &str) -> Option<usize> {
        let toks = crate::lexer::tokenize(sql).expect("lexable");
        overflow_token(&toks).map(|i| toks[i].start)
    }

    /// Byte offsets of the failing token, measured on PostgreSQL 15.18
    /// (its error position minus one).
    #[test]
    fn overflow_points_match_postgres() {
        let n = 10_000;
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "(".repeat(n), ")".repeat(n))), Some(10_003));
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "(".repeat(9996), ")".repeat(9996))), Some(10_003));
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "(".repeat(9995), ")".repeat(9995))), Some(10_003));
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "(SELECT ".repeat(n), ")".repeat(n))), Some(26_663));
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "ARRAY[".repeat(n), "]".repeat(n))), Some(29_995));
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "abs(".repeat(n), ")".repeat(n))), Some(19_999));
        assert_eq!(overflow_char(&format!("SELECT {}true", "NOT ".repeat(n))), Some(39_991));
        assert_eq!(overflow_char(&format!("SELECT {}1", "- ".repeat(100_000))), Some(19_999));
        assert_eq!(
            overflow_char(&format!("SELECT {}1{}", "CASE WHEN true THEN ".repeat(n), " END".repeat(n))),
            Some(39_992)
        );
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "ROW(".repeat(n), ")".repeat(n))), Some(19_999));
        assert_eq!(overflow_char(&format!("SELECT ({}1{})", "abs(".repeat(n), ")".repeat(n))), Some(19_999));
        assert_eq!(overflow_char(&format!("select {}1{}", "1 + (".repeat(n), ")".repeat(n))), Some(16_667));
        assert_eq!(overflow_char(&format!("{}select 1{}", "select * from (".repeat(n), ") s".repeat(n))), Some(24_997));
        assert_eq!(overflow_char(&format!("select {}1{}", "((select ".repeat(n), ") + 1)".repeat(n))), Some(22_498));
        assert_eq!(
            overflow_char(&format!("select {}1{}", "case when false then 0 else ".repeat(n), " end".repeat(n))),
            Some(69_967)
        );
        assert_eq!(overflow_char(&format!("{}1{}", "select 1 in (".repeat(n), ")".repeat(n))), Some(25_996));
    }

    #[test]
    fn flat_and_moderate_input_never_overflows() {
        let list = vec!["1"; 200_000].join(", ");
        assert_eq!(overflow_char(&format!("SELECT {list}")), None);
        let chain = vec!["x"; 100_000].join(" AND ");
        assert_eq!(overflow_char(&format!("SELECT {chain}")), None);
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "abs(".repeat(4_000), ")".repeat(4_000))), None);
        assert_eq!(overflow_char(&format!("SELECT {}1{}", "(".repeat(9_000), ")".repeat(9_000))), None);
        assert_eq!(overflow_char(&format!("SELECT 1::int{}", "[]".repeat(100_000))), None);
        assert_eq!(overflow_char(&format!("SELECT a{}", "[1]".repeat(100_000))), None);
        assert_eq!(overflow_char(&format!("SELECT a{}", " in (1)".repeat(100_000))), None);
        assert_eq!(overflow_char(&format!("SELECT a{}", " at time zone 'x'".repeat(100_000))), None);
        assert_eq!(overflow_char(&format!("GRANT {}insert ON t TO u", "select, ".repeat(100_000))), None);
        let values = vec!["(1, 'a', -2)"; 100_000].join(", ");
        assert_eq!(overflow_char(&format!("VALUES {values}")), None);
    }
}
