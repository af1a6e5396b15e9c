//! Syntax trees of ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.
//!
//! PostgreSQL source area: gram.y `AlterTableStmt`, `alter_table_cmd`, `AlterSeqStmt` (`parsenodes.h`).
