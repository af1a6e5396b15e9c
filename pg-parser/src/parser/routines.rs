//! The grammar of functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.
//!
//! PostgreSQL source area: gram.y `CreateFunctionStmt`, `DefineStmt` (aggregates, operators), `CreateOpClassStmt`, `CreateCastStmt`, `CreateTrigStmt`, `RuleStmt`, `DoStmt`, `CallStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a function, procedure, aggregate, operator, operator class or family, cast, transform, language, trigger, event trigger or rule; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_routine_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
    /// At `ALTER`: parses the statement when it is about one of those kinds; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_routine_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
