//! The grammar of INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.
//!
//! PostgreSQL source area: gram.y `InsertStmt`, `UpdateStmt`, `DeleteStmt`, `MergeStmt`, `CopyStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {}
