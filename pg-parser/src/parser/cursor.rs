//! Cursor statements (gram.y `DeclareCursorStmt`, `FetchStmt`,
//! `ClosePortalStmt`): DECLARE, FETCH, MOVE and CLOSE; and `DiscardStmt`,
//! whose DISCARD ALL closes every cursor with the rest of the session state.
//!
//! Kept apart from the expression and SELECT grammar in `parser.rs`: these
//! statements only wrap a `SelectStmt` and name a portal.

use super::Parser;
use crate::ast::*;
use crate::keywords::Kw;
use crate::lexer::TokenKind;
use pg_error::{PgError, PgResult, SqlState};

impl Parser<'_> {
    /// Whether the token `n` ahead ends the statement.
    pub(super) fn ends_statement_at(&self, n: usize) -> bool {
        matches!(self.peek_n(n).kind, TokenKind::Eof | TokenKind::Char(';'))
    }

    /// `DECLARE cursor_name cursor_options CURSOR opt_hold FOR SelectStmt`.
    pub(super) fn declare_cursor_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Declare)?;
        let portal_name = self.col_id()?;
        let mut options = CursorOptions::default();
        loop {
            if self.eat_kw(Kw::Binary) {
                options.binary = true;
            } else if self.eat_kw(Kw::Insensitive) {
                options.insensitive = true;
            } else if self.eat_kw(Kw::Asensitive) {
                options.asensitive = true;
            } else if self.eat_kw(Kw::Scroll) {
                options.scroll = true;
            } else if self.eat_kw(Kw::No) {
                self.expect_kw(Kw::Scroll)?;
                options.no_scroll = true;
            } else {
                break;
            }
        }
        self.expect_kw(Kw::Cursor)?;
        if self.eat_kw(Kw::With) {
            self.expect_kw(Kw::Hold)?;
            options.hold = true;
        } else if self.eat_kw(Kw::Without) {
            self.expect_kw(Kw::Hold)?;
        }
        self.expect_kw(Kw::For)?;
        let query = if self.is_kw(Kw::With) {
            match self.with_stmt()? {
                Stmt::Select(s) => s,
                _ => {
                    return Err(PgError::new(
                        SqlState::FEATURE_NOT_SUPPORTED,
                        "DECLARE CURSOR must not contain data-modifying statements in WITH",
                    ))
                }
            }
        } else {
            self.select_stmt()?
        };
        Ok(Stmt::DeclareCursor(DeclareCursorStmt { portal_name, options, query }))
    }

    /// `FETCH fetch_args` / `MOVE fetch_args`.
    pub(super) fn fetch_stmt(&mut self) -> PgResult<Stmt> {
        let is_move = self.is_kw(Kw::Move);
        self.advance();
        // A direction word followed by the end of the statement is the
        // cursor's name (`FETCH next` reads cursor Kw::Next): bison decides
        // so with its one token of lookahead, and so do we.
        // ALL is reserved, so it is never a name.
        let word = Self::kw_of(self.peek()).map(|k| k.kw).filter(|&w| w == Kw::All || !self.ends_statement_at(1));
        let (direction, how_many) = match word {
            Some(Kw::Next) => {
                self.advance();
                (FetchDirection::Forward, 1)
            }
            Some(Kw::Prior) => {
                self.advance();
                (FetchDirection::Backward, 1)
            }
            Some(Kw::First) => {
                self.advance();
                (FetchDirection::Absolute, 1)
            }
            Some(Kw::Last) => {
                self.advance();
                (FetchDirection::Absolute, -1)
            }
            Some(Kw::Absolute) => {
                self.advance();
                (FetchDirection::Absolute, i64::from(self.signed_iconst()?))
            }
            Some(Kw::Relative) => {
                self.advance();
                (FetchDirection::Relative, i64::from(self.signed_iconst()?))
            }
            Some(Kw::All) => {
                self.advance();
                (FetchDirection::Forward, FETCH_ALL)
            }
            Some(w @ (Kw::Forward | Kw::Backward)) => {
                self.advance();
                let direction = if w == Kw::Forward { FetchDirection::Forward } else { FetchDirection::Backward };
                let count = if self.eat_kw(Kw::All) {
                    FETCH_ALL
                } else if self.at_signed_iconst() {
                    i64::from(self.signed_iconst()?)
                } else {
                    1
                };
                (direction, count)
            }
            _ if self.at_signed_iconst() => (FetchDirection::Forward, i64::from(self.signed_iconst()?)),
            _ => (FetchDirection::Forward, 1),
        };
        if !self.eat_kw(Kw::From) {
            self.eat_kw(Kw::In);
        }
        let portal_name = self.col_id()?;
        Ok(Stmt::Fetch(FetchStmt { direction, how_many, portal_name, is_move }))
    }

    /// Whether a `SignedIconst` starts here.
    fn at_signed_iconst(&self) -> bool {
        matches!(self.peek().kind, TokenKind::Iconst(_) | TokenKind::Char('+' | '-'))
    }

    /// `DISCARD ALL | PLANS | SEQUENCES | TEMP | TEMPORARY`.
    pub(super) fn discard_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Discard)?;
        let mode = match Self::kw_of(self.peek()).map(|k| k.kw) {
            Some(Kw::All) => DiscardMode::All,
            Some(Kw::Plans) => DiscardMode::Plans,
            Some(Kw::Sequences) => DiscardMode::Sequences,
            Some(Kw::Temp | Kw::Temporary) => DiscardMode::Temp,
            _ => return self.err(),
        };
        self.advance();
        Ok(Stmt::Discard(mode))
    }

    /// `CLOSE cursor_name` / `CLOSE ALL`.
    pub(super) fn close_portal_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Close)?;
        if self.eat_kw(Kw::All) {
            return Ok(Stmt::ClosePortal { name: None });
        }
        Ok(Stmt::ClosePortal { name: Some(self.col_id()?) })
    }
}
