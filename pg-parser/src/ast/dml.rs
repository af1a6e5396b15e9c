//! Syntax trees of INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.
//!
//! PostgreSQL source area: gram.y `InsertStmt`, `UpdateStmt`, `DeleteStmt`, `MergeStmt`, `CopyStmt` (`parsenodes.h`).
