//! Matching with PostgreSQL's match rules (the execution half of
//! `regex/regexec.c`) on linear-time automata from the `regex` crates.
//!
//! A parsed expression ([`super::parse::Node`]) is written in the `regex`
//! crate's syntax ([`emit`]). PostgreSQL's rules for *which* match are not
//! Perl's leftmost-first ones, so a search runs in three steps:
//!
//! 1. the leftmost match start, from the `regex` crate (every semantics
//!    agrees on the start);
//! 2. the end: the longest match from that start when the expression as a
//!    whole is greedy (or has no greediness), the shortest when it is
//!    non-greedy, read off a lazy DFA stepped by hand with
//!    `MatchKind::All`, which reports every position where a match ends;
//! 3. the subexpressions, by PostgreSQL's dissection: a sequence is split
//!    item by item where the first item (greedy: longest, non-greedy:
//!    shortest) still lets the rest match exactly; an alternation takes its
//!    first branch that matches the span exactly; a quantified group
//!    reports its last iteration: `(x){m,n}` with m >= 1 is compiled by
//!    PostgreSQL as `x{m-1,n-1}(x)` and split like a sequence, `(x)*`
//!    `(x)?` iterate longest-first (shortest-first for a non-greedy `x`).
//!    Differential runs of random patterns against PostgreSQL 15 (flags
//!    included) agree on every case.
//!
//! Each step is a DFA walk over part of the text, so a search costs at most
//! the text length times the number of dissection steps.

use super::parse::{Assertion, Node};
use pg_error::{PgError, PgResult, SqlState};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{Anchored, Input, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;

/// Writes `node` in the `regex` crate's syntax. Groups become
/// non-capturing: subexpressions are found by dissection.
pub(crate) fn emit(node: &Node, out: &mut String) {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Set { ranges, negated } => {
            if !negated && ranges.len() == 1 && ranges[0].0 == ranges[0].1 {
                push_char(out, ranges[0].0);
            } else if ranges.is_empty() {
                out.push_str(if *negated { "(?s:.)" } else { r"[^\x{0}-\x{10FFFF}]" });
            } else {
                out.push('[');
                if *negated {
                    out.push('^');
                }
                for &(lo, hi) in ranges {
                    push_char(out, lo);
                    if hi != lo {
                        out.push('-');
                        push_char(out, hi);
                    }
                }
                out.push(']');
            }
        }
        Node::Assert(a) => out.push_str(match a {
            Assertion::TextStart => r"\A",
            Assertion::TextEnd => r"\z",
            Assertion::LineStart => "(?m:^)",
            Assertion::LineEnd => "(?m:$)",
            Assertion::WordStart => r"(?-u:\b{start})",
            Assertion::WordEnd => r"(?-u:\b{end})",
            Assertion::Boundary => r"(?-u:\b)",
            Assertion::NotBoundary => r"(?-u:\B)",
        }),
        Node::Group { inner, .. } => {
            out.push_str("(?:");
            emit(inner, out);
            out.push(')');
        }
        Node::Concat(items) => {
            for i in items {
                if matches!(i, Node::Alt(_)) {
                    out.push_str("(?:");
                    emit(i, out);
                    out.push(')');
                } else {
                    emit(i, out);
                }
            }
        }
        Node::Alt(branches) => {
            out.push_str("(?:");
            for (n, b) in branches.iter().enumerate() {
                if n > 0 {
                    out.push('|');
                }
                emit(b, out);
            }
            out.push(')');
        }
        Node::Repeat { inner, min, max, greedy, .. } => {
            out.push_str("(?:");
            emit(inner, out);
            out.push(')');
            let _ = match max {
                Some(m) if m == min => write!(out, "{{{min}}}"),
                Some(m) => write!(out, "{{{min},{m}}}"),
                None => write!(out, "{{{min},}}"),
            };
            if !greedy {
                out.push('?');
            }
        }
    }
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        let _ = write!(out, r"\x{{{:X}}}", c as u32);
    }
}

fn emitted(node: &Node) -> String {
    let mut s = String::new();
    emit(node, &mut s);
    s
}

fn too_complex() -> PgError {
    PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "regular expression is too complex")
}

/// A compiled regular expression.
pub(crate) struct Compiled {
    root: Node,
    /// Number of capturing subexpressions (`re_nsub`).
    pub ncap: usize,
    /// The whole expression, for yes/no matches and match starts.
    finder: regex::Regex,
    /// Lazy DFAs of the subexpressions dissection needed, by their text.
    dfas: RefCell<HashMap<String, (DFA, Cache)>>,
}

/// One match: byte offsets of the whole match and of each subexpression
/// (`None` for one that took no part).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub caps: Vec<Option<(usize, usize)>>,
}

impl Compiled {
    /// Compiles a parsed expression.
    pub(crate) fn new(root: Node, ncap: usize) -> PgResult<Compiled> {
        let finder =
            regex::RegexBuilder::new(&emitted(&root)).size_limit(64 << 20).build().map_err(|_| too_complex())?;
        Ok(Compiled { root, ncap, finder, dfas: RefCell::new(HashMap::new()) })
    }

    /// Whether the text contains a match.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.finder.is_match(text)
    }

    /// The match starting at or after byte `from`, by PostgreSQL's rules
    /// (text before `from` still counts for `^` and word boundaries).
    /// Subexpressions are found only when `want_caps`.
    pub(crate) fn find_at(&self, text: &str, from: usize, want_caps: bool) -> PgResult<Option<Match>> {
        if from > text.len() {
            return Ok(None);
        }
        let Some(m) = self.finder.find_at(text, from) else { return Ok(None) };
        let start = m.start();
        let greedy = self.root.greediness().unwrap_or(true);
        let ends = self.ends(&self.root, text, start, text.len(), !greedy)?;
        let end = if greedy { ends.last() } else { ends.first() };
        let end = end.copied().unwrap_or(m.end());
        let mut caps = vec![None; self.ncap];
        if want_caps && self.ncap > 0 {
            self.dissect(&self.root, text, start, end, &mut caps)?;
        }
        Ok(Some(Match { start, end, caps }))
    }

    /// Every position in `s..=limit` where a match of `node` anchored at
    /// `s` ends, ascending (only the first when `first_only`).
    fn ends(&self, node: &Node, text: &str, s: usize, limit: usize, first_only: bool) -> PgResult<Vec<usize>> {
        let key = emitted(node);
        let mut dfas = self.dfas.borrow_mut();
        if !dfas.contains_key(&key) {
            let dfa = DFA::builder()
                .configure(DFA::config().match_kind(MatchKind::All).cache_capacity(4 << 20))
                .build(&key)
                .map_err(|_| too_complex())?;
            let cache = dfa.create_cache();
            dfas.insert(key.clone(), (dfa, cache));
        }
        let Some((dfa, cache)) = dfas.get_mut(&key) else { return Err(too_complex()) };
        let bytes = text.as_bytes();
        let input = Input::new(bytes).span(s..bytes.len()).anchored(Anchored::Yes);
        let mut sid = dfa.start_state_forward(cache, &input).map_err(|_| too_complex())?;
        let mut out = Vec::new();
        let mut i = s;
        loop {
            if i == bytes.len() {
                sid = dfa.next_eoi_state(cache, sid).map_err(|_| too_complex())?;
                if sid.is_match() {
                    out.push(i);
                }
                break;
            }
            sid = dfa.next_state(cache, sid, bytes[i]).map_err(|_| too_complex())?;
            // Matches show one byte late: this state says a match ends at i.
            if sid.is_match() && text.is_char_boundary(i) {
                out.push(i);
                if first_only {
                    break;
                }
            }
            if sid.is_dead() || sid.is_quit() || i >= limit {
                break;
            }
            i += 1;
            if i.is_multiple_of(65536) {
                crate::fmgr::check_interrupts()?;
            }
        }
        Ok(out)
    }

    fn matches_exactly(&self, node: &Node, text: &str, s: usize, e: usize) -> PgResult<bool> {
        Ok(self.ends(node, text, s, e, false)?.last() == Some(&e))
    }

    /// Assigns the subexpressions inside `node`, which matches `s..e`.
    fn dissect(
        &self,
        node: &Node,
        text: &str,
        s: usize,
        e: usize,
        caps: &mut [Option<(usize, usize)>],
    ) -> PgResult<()> {
        if !node.has_captures() {
            return Ok(());
        }
        match node {
            Node::Group { cap, inner } => {
                if let Some(c) = cap {
                    caps[c - 1] = Some((s, e));
                }
                self.dissect(inner, text, s, e, caps)
            }
            Node::Alt(branches) => {
                for b in branches {
                    if self.matches_exactly(b, text, s, e)? {
                        return self.dissect(b, text, s, e, caps);
                    }
                }
                Ok(())
            }
            Node::Concat(items) => {
                // Item by item: the first item against the rest.
                let (left, right) = items.split_at(1);
                let left = left[0].clone();
                let right = if right.len() == 1 { right[0].clone() } else { Node::Concat(right.to_vec()) };
                let greedy = left.greediness().unwrap_or(true);
                let mut cands = self.ends(&left, text, s, e, false)?;
                if greedy {
                    cands.reverse();
                }
                for k in cands {
                    crate::fmgr::check_interrupts()?;
                    if self.matches_exactly(&right, text, k, e)? {
                        self.dissect(&left, text, s, k, caps)?;
                        return self.dissect(&right, text, k, e, caps);
                    }
                }
                Ok(())
            }
            Node::Repeat { inner, min, max, greedy, fixed } if *min >= 1 => {
                // PostgreSQL compiles `(x){m,n}` as `x{m-1,n-1}(x)`: only the
                // last iteration captures, and the split between the two
                // follows the quantifier's greediness (the atom's for `{m}`).
                let greedy = &if *fixed { inner.greediness().unwrap_or(true) } else { *greedy };
                let prefix = Node::Repeat {
                    inner: inner.clone(),
                    min: min - 1,
                    max: max.map(|m| m - 1),
                    greedy: *greedy,
                    fixed: false,
                };
                let mut cands = self.ends(&prefix, text, s, e, false)?;
                if *greedy {
                    cands.reverse();
                }
                for k in cands {
                    crate::fmgr::check_interrupts()?;
                    if self.matches_exactly(inner, text, k, e)? {
                        return self.dissect(inner, text, k, e, caps);
                    }
                }
                Ok(())
            }
            Node::Repeat { inner, max, .. } => {
                // `(x)*`, `(x)?`, `(x){0,n}`: an iteration, split into
                // non-empty iterations longest-first, or shortest-first when
                // the atom itself is non-greedy; the last one captures. An
                // empty span is one empty iteration for a greedy atom, none
                // for a non-greedy one.
                let atom_greedy = inner.greediness().unwrap_or(true);
                if s == e {
                    if atom_greedy && self.matches_exactly(inner, text, s, s)? {
                        return self.dissect(inner, text, s, s, caps);
                    }
                    return Ok(());
                }
                let (mut s, mut max) = (s, *max);
                let mut last = None;
                while s < e && max != Some(0) {
                    crate::fmgr::check_interrupts()?;
                    let rest = Node::Repeat {
                        inner: inner.clone(),
                        min: 0,
                        max: max.map(|m| m - 1),
                        greedy: true,
                        fixed: false,
                    };
                    let mut cands: Vec<usize> =
                        self.ends(inner, text, s, e, false)?.into_iter().filter(|&k| k > s).collect();
                    if atom_greedy {
                        cands.reverse();
                    }
                    let mut next = None;
                    for k in cands {
                        if self.matches_exactly(&rest, text, k, e)? {
                            next = Some(k);
                            break;
                        }
                    }
                    let Some(k) = next else { break };
                    last = Some((s, k));
                    s = k;
                    max = max.map(|m| m - 1);
                }
                match last {
                    Some((a, b)) => self.dissect(inner, text, a, b, caps),
                    None => Ok(()),
                }
            }
            Node::Empty | Node::Set { .. } | Node::Assert(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::{parse, Options};
    use super::*;

    fn m(text: &str, pat: &str) -> Option<Vec<Option<String>>> {
        let (n, ncap) = parse(pat, Options::default()).unwrap();
        let c = Compiled::new(n, ncap).unwrap();
        let m = c.find_at(text, 0, true).unwrap()?;
        let mut v = vec![Some(text[m.start..m.end].to_string())];
        v.extend(m.caps.iter().map(|c| c.map(|(a, b)| text[a..b].to_string())));
        Some(v)
    }

    fn s(v: &[&str]) -> Option<Vec<Option<String>>> {
        Some(v.iter().map(|x| if *x == "NULL" { None } else { Some(x.to_string()) }).collect())
    }

    #[test]
    fn matches_as_postgres() {
        // Each from PostgreSQL 15.
        assert_eq!(m("abc01234xyz", r"(.*)(\d+)(.*)"), s(&["abc01234xyz", "abc0123", "4", "xyz"]));
        assert_eq!(m("abc01234xyz", r"(.*?)(\d+)(.*)"), s(&["abc0", "abc", "0", ""]));
        assert_eq!(m("XY1234Z", r"Y*?([0-9]{1,3})"), s(&["Y1", "1"]));
        assert_eq!(m("abcd", "a|ab"), s(&["ab"]));
        assert_eq!(m("ab", "(a|ab)(b?)"), s(&["ab", "ab", ""]));
        assert_eq!(m("abc", "(a|ab)(c|bc)?"), s(&["abc", "ab", "c"]));
        assert_eq!(m("aaab", "(a*?)(a*)b"), s(&["aaab", "", "aaa"]));
        assert_eq!(m("xabcabc", "(abc)*?"), s(&["", "NULL"]));
        assert_eq!(m("", "(a*)*"), s(&["", ""]));
        assert_eq!(m("aa", "(a*){3}"), s(&["aa", ""]));
        assert_eq!(m("abab", "(ab|a)*"), s(&["abab", "ab"]));
        assert_eq!(m("abcabc", "(a|ab)(c|bcd)*"), s(&["abc", "ab", "c"]));
        assert_eq!(m("foo bar", r"\mbar"), s(&["bar"]));
        // Iterations: `+` and `{m,n}` capture their last iteration after the
        // longest (or shortest, non-greedy) prefix; `*` and `?` iterate
        // by the atom's own greediness.
        assert_eq!(m("aaaa", "(a+)+"), s(&["aaaa", "a"]));
        assert_eq!(m("aaa", "(a{1,2})+?$"), s(&["aaa", "aa"]));
        assert_eq!(m("aa", "(a*)+"), s(&["aa", ""]));
        assert_eq!(m("aaaa", "(a+)*"), s(&["aaaa", "aaaa"]));
        assert_eq!(m("aaaa", "(a+?)*"), s(&["aaaa", "a"]));
        assert_eq!(m("", "(a*?)?"), s(&["", "NULL"]));
        assert_eq!(m("x", "x(c*)*?"), s(&["x", ""]));
        assert_eq!(m("x", "y"), None);
    }
}
