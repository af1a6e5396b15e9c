//! The object a statement the server does not run yet names, for the
//! statements still skipped as `Stmt::Unsupported` (ALTER TABLE in the forms
//! not parsed yet).
//!
//! Such a statement is skipped and the server answers it with 0A000, after
//! reporting its relation missing when it is (PostgreSQL looks it up before
//! anything else). This never builds a tree.

use super::Parser;
use crate::ast::{RangeVar, TargetKind, UnsupportedTarget};
use crate::keywords::Kw;
use pg_error::PgResult;

fn target(kind: TargetKind, relation: RangeVar, with_position: bool) -> Option<UnsupportedTarget> {
    Some(UnsupportedTarget { kind, relation, with_position })
}

impl Parser<'_> {
    /// Checks the statement at the current position when it is one this
    /// module knows, and returns the object it names where that is certain;
    /// the position is left where it was.
    pub(super) fn check_unsupported_syntax(&mut self) -> PgResult<Option<UnsupportedTarget>> {
        let save = self.pos;
        let result = self.utility_target();
        self.pos = save;
        Ok(result)
    }

    /// The relation of ALTER TABLE, in its simple forms.
    fn utility_target(&mut self) -> Option<UnsupportedTarget> {
        let first = self.word_at(0)?;
        self.advance();
        match first {
            Kw::Alter if self.eat_kw(Kw::Table) => {
                if self.is_kw(Kw::If) || self.is_kw(Kw::All) {
                    return None;
                }
                let _ = self.eat_kw(Kw::Only);
                let relation = self.qualified_name().ok()?;
                let _ = self.eat_char('*');
                target(TargetKind::Relation, relation, false)
            }
            _ => None,
        }
    }
}
