//! pg-rewrite: the query rewriter (PostgreSQL's `src/backend/rewrite`):
//! views, stored as `_RETURN` rules in `pg_rewrite`, are expanded into
//! subqueries of the analyzed `Query` before planning.
//!
//! Dependencies: pg-error, pg-analyze (the Query tree), pg-catalog.
//! Invariants: rewriting never changes a query's result columns.
