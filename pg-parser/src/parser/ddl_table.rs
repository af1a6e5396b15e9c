//! The grammar of CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.
//!
//! PostgreSQL source area: gram.y `CreateStmt`, `ColumnDef`, `Constraint`, `IndexStmt`, `CreateSeqStmt`, `ViewStmt`, `CreateTableAsStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a table, foreign table, index, sequence, view or materialized view (with CREATE TABLE AS and SELECT ... INTO's sibling forms); otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_table_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
