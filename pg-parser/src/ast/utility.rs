//! Syntax trees of PREPARE / EXECUTE / DEALLOCATE, LISTEN / NOTIFY / UNLISTEN, LOCK, VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, SET CONSTRAINTS, LOAD, REFRESH MATERIALIZED VIEW and the two-phase commit statements.
//!
//! PostgreSQL source area: gram.y `PrepareStmt`, `ExecuteStmt`, `DeallocateStmt`, `ListenStmt`, `NotifyStmt`, `LockStmt`, `VacuumStmt`, `ClusterStmt`, `ReindexStmt`, `CheckPointStmt`, `ConstraintsSetStmt`, `LoadStmt` (`parsenodes.h`).
