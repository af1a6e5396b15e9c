//! Syntax trees of CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.
//!
//! PostgreSQL source area: gram.y `CreateStmt`, `ColumnDef`, `Constraint`, `IndexStmt`, `CreateSeqStmt`, `ViewStmt`, `CreateTableAsStmt` (`parsenodes.h`).
