//! `Display` for the statements of [`crate::ast::utility`]: PREPARE / EXECUTE / DEALLOCATE, LISTEN / NOTIFY / UNLISTEN, LOCK, VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, SET CONSTRAINTS, LOAD, REFRESH MATERIALIZED VIEW and the two-phase commit statements.

#[allow(unused_imports)]
use super::*;
