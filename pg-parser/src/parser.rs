//! The recursive-descent / precedence-climbing parser (gram.y).
use crate::ast::*;
use pg_error::PgResult;

/// Parses all statements.
pub fn parse_statements(_sql: &str) -> PgResult<Vec<RawStmt>> {
    Ok(Vec::new())
}
