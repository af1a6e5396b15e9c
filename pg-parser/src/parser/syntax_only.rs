//! Syntax checks for statements the server does not run yet (gram.y's
//! `CreateStmt`, `GrantStmt`).
//!
//! Such a statement becomes `Stmt::Unsupported` and the server answers it
//! with 0A000; but a statement PostgreSQL's grammar rejects must still get
//! 42601 at the token where bison stops (`INSERT INTO t VALUES`, `CREATE
//! TABLE x (a int, b)`, `GRANT SELECT ON t`). These checks read each statement's
//! leading structure as gram.y does, reusing the SELECT, expression and type
//! grammar, and stop checking (accepting the rest) where a clause begins
//! that they do not follow (table constraints).
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
            Some(Kw::Create) if self.is_kw_n(1, Kw::Index) || self.is_kw_n(1, Kw::Unique) => self.create_index_target(),
            Some(Kw::Create) => {
                let start = self.pos;
                self.create_table_syntax()?;
                self.pos = start;
                self.create_table_schema()
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
            Kw::Truncate => {
                let _ = self.eat_kw(Kw::Table);
                self.sole_name(Relation, true)
            }
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

    /// The schema a `CREATE TABLE schema.name` creates in, which must exist
    /// (RangeVarGetAndCheckCreationNamespace: 3F000).
    fn create_table_schema(&mut self) -> Option<UnsupportedTarget> {
        self.advance();
        if !self.eat_kw(Kw::Table) {
            return None;
        }
        if self.eat_kw(Kw::If) && !(self.eat_kw(Kw::Not) && self.eat_kw(Kw::Exists)) {
            return None;
        }
        let relation = self.qualified_name().ok()?;
        if relation.catalog.is_some() {
            return None;
        }
        let schema = relation.schema.clone()?;
        // PostgreSQL points at the name (the statement's RangeVar location).
        target(TargetKind::Schema, RangeVar { name: schema, schema: None, ..relation }, true)
    }

    /// `CREATE [UNIQUE] INDEX [name] ON [ONLY] relation ...`.
    fn create_index_target(&mut self) -> Option<UnsupportedTarget> {
        self.advance();
        let _ = self.eat_kw(Kw::Unique);
        if !self.eat_kw(Kw::Index) || self.is_kw(Kw::Concurrently) || self.is_kw(Kw::If) {
            return None;
        }
        if !self.is_kw(Kw::On) {
            self.col_id().ok()?;
        }
        if !self.eat_kw(Kw::On) {
            return None;
        }
        let _ = self.eat_kw(Kw::Only);
        let relation = self.qualified_name().ok()?;
        target(TargetKind::Relation, relation, false)
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

    /// `CREATE [TEMP] TABLE [IF NOT EXISTS] name (TableElementList) ...` and
    /// `CREATE TABLE name [(names)] AS ...`; other CREATE statements are not checked.
    fn create_table_syntax(&mut self) -> PgResult<()> {
        self.expect_kw(Kw::Create)?;
        if matches!(self.word_at(0), Some(Kw::Global | Kw::Local))
            && matches!(self.word_at(1), Some(Kw::Temp | Kw::Temporary))
        {
            self.advance();
        }
        if matches!(self.word_at(0), Some(Kw::Temp | Kw::Temporary | Kw::Unlogged)) {
            self.advance();
        }
        if !self.eat_kw(Kw::Table) {
            return Ok(());
        }
        if self.eat_kw(Kw::If) {
            self.expect_kw(Kw::Not)?;
            self.expect_kw(Kw::Exists)?;
        }
        self.qualified_name()?;
        if matches!(
            self.word_at(0),
            Some(Kw::Of | Kw::Partition | Kw::As | Kw::Using | Kw::With | Kw::On | Kw::Tablespace)
        ) {
            return Ok(());
        }
        self.expect_char('(')?;
        if self.eat_char(')') {
            return self.after_table_elements();
        }
        // `(a, b)` without types is the column list of CREATE TABLE AS.
        if self.is_col_id() && (self.is_char_n(1, ',') || self.is_char_n(1, ')')) && self.names_only_list() {
            loop {
                self.col_id()?;
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
            return if matches!(self.word_at(0), Some(Kw::As | Kw::Using | Kw::With | Kw::On | Kw::Tablespace)) {
                Ok(())
            } else {
                self.err()
            };
        }
        loop {
            if matches!(
                self.word_at(0),
                Some(Kw::Like | Kw::Constraint | Kw::Check | Kw::Unique | Kw::Primary | Kw::Exclude | Kw::Foreign)
            ) {
                // A table constraint or LIKE: not followed here.
                return Ok(());
            }
            self.col_id()?;
            self.type_name()?;
            // Column options and constraints, up to the next element.
            let mut depth = 0i32;
            loop {
                match self.peek().kind {
                    TokenKind::Eof | TokenKind::Char(';') | TokenKind::Error(_) => return self.err(),
                    TokenKind::Char('(') => depth += 1,
                    TokenKind::Char(')') if depth == 0 => break,
                    TokenKind::Char(')') => depth -= 1,
                    TokenKind::Char(',') if depth == 0 => break,
                    _ => {}
                }
                self.advance();
            }
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        self.after_table_elements()
    }

    /// Whether the parenthesised list starting at the current token holds
    /// bare names only (`(a, b)`), looking ahead without moving.
    fn names_only_list(&self) -> bool {
        let mut n = 0;
        loop {
            if !Self::token_is_ident_with(self.peek_n(n), Self::col_id_ok) {
                return false;
            }
            if self.is_char_n(n + 1, ')') {
                return true;
            }
            if !self.is_char_n(n + 1, ',') {
                return false;
            }
            n += 2;
        }
    }

    /// What may follow a CREATE TABLE's element list.
    fn after_table_elements(&mut self) -> PgResult<()> {
        if self.at_statement_end()
            || matches!(
                self.word_at(0),
                Some(Kw::Inherits | Kw::Partition | Kw::Using | Kw::With | Kw::Without | Kw::On | Kw::Tablespace)
            )
        {
            Ok(())
        } else {
            self.err()
        }
    }
}
