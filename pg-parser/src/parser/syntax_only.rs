//! Syntax checks for statements the server does not run yet (gram.y's
//! `GrantStmt`).
//!
//! Such a statement becomes `Stmt::Unsupported` and the server answers it
//! with 0A000; but a statement PostgreSQL's grammar rejects must still get
//! 42601 at the token where bison stops (`GRANT SELECT ON t`). These checks read each statement's
//! leading structure as gram.y does, reusing the SELECT, expression and type
//! grammar, and stop checking (accepting the rest) where a clause begins
//! that they do not follow.
//! They never build a tree: the statement is skipped afterwards as before.
//! A check that is unsure accepts, so a valid statement never gets 42601.

use super::Parser;
use crate::ast::{RangeVar, TargetKind, UnsupportedTarget};
use crate::keywords::Kw;
use crate::lexer::TokenKind;
use pg_error::PgResult;

fn target(kind: TargetKind, relation: RangeVar, with_position: bool) -> Option<UnsupportedTarget> {
    Some(UnsupportedTarget { kind, relation, with_position })
}

impl Parser<'_> {
    /// Whether the current token ends the statement.
    fn at_statement_end(&self) -> bool {
        matches!(self.peek().kind, TokenKind::Eof | TokenKind::Char(';'))
    }

    /// Checks the statement at the current position when it is one this
    /// module knows, and returns the object it names where that is certain;
    /// the position is left where it was.
    pub(super) fn check_unsupported_syntax(&mut self) -> PgResult<Option<UnsupportedTarget>> {
        let save = self.pos;
        let result = self.unsupported_syntax();
        self.pos = save;
        result
    }

    fn unsupported_syntax(&mut self) -> PgResult<Option<UnsupportedTarget>> {
        Ok(match self.word_at(0) {
            Some(Kw::Grant | Kw::Revoke) => {
                self.grant_syntax()?;
                None
            }
            _ => self.utility_target(),
        })
    }

    /// One qualified name ending the statement (or followed by CASCADE /
    /// RESTRICT / a column list), as the only object of a utility statement.
    fn sole_name(&mut self, kind: TargetKind, allow_only: bool) -> Option<UnsupportedTarget> {
        if allow_only {
            let _ = self.eat_kw(Kw::Only);
        }
        let relation = self.qualified_name().ok()?;
        let _ = self.eat_char('*');
        let ends = self.at_statement_end()
            || matches!(self.word_at(0), Some(Kw::Cascade | Kw::Restrict))
            || (self.is_char('(') && kind == TargetKind::Relation);
        ends.then_some(UnsupportedTarget { kind, relation, with_position: false })
    }

    /// The object of TRUNCATE, DROP, ALTER TABLE and COMMENT ON TABLE, in
    /// their simple forms.
    fn utility_target(&mut self) -> Option<UnsupportedTarget> {
        use TargetKind::*;
        let first = self.word_at(0)?;
        self.advance();
        match first {
            Kw::Drop => {
                let kind = match self.word_at(0)? {
                    Kw::Table => Table,
                    Kw::View => View,
                    Kw::Index => Index,
                    Kw::Sequence => Sequence,
                    Kw::Schema => Schema,
                    _ => return None,
                };
                self.advance();
                if self.is_kw(Kw::If) || self.is_kw(Kw::Concurrently) {
                    return None;
                }
                let t = self.sole_name(kind, false)?;
                (kind != Schema || t.relation.schema.is_none()).then_some(t)
            }
            Kw::Alter if self.eat_kw(Kw::Table) => {
                if self.is_kw(Kw::If) || self.is_kw(Kw::All) {
                    return None;
                }
                let _ = self.eat_kw(Kw::Only);
                let relation = self.qualified_name().ok()?;
                let _ = self.eat_char('*');
                target(Relation, relation, false)
            }
            Kw::Comment if self.eat_kw(Kw::On) && self.eat_kw(Kw::Table) => {
                let relation = self.qualified_name().ok()?;
                self.is_kw(Kw::Is).then_some(UnsupportedTarget { kind: Relation, relation, with_position: false })
            }
            _ => None,
        }
    }

    /// GRANT and REVOKE always name their grantees after TO / FROM: a
    /// statement that ends before one, or right after it, is a syntax error
    /// (reported at its end; a token that is wrong earlier is where
    /// PostgreSQL would report it, so the position may differ then).
    fn grant_syntax(&mut self) -> PgResult<()> {
        let grant = self.is_kw(Kw::Grant);
        self.advance();
        if self.at_statement_end() {
            return self.err();
        }
        let target = if grant { Kw::To } else { Kw::From };
        let mut depth = 0i32;
        while !self.at_statement_end() {
            match self.peek().kind {
                TokenKind::Char('(') => depth += 1,
                TokenKind::Char(')') => depth -= 1,
                TokenKind::Error(_) => return self.err(),
                _ => {}
            }
            if depth == 0 && self.is_kw(target) {
                self.advance();
                return if self.at_statement_end() { self.err() } else { Ok(()) };
            }
            self.advance();
        }
        self.err()
    }
}
