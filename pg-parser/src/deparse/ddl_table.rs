//! `Display` for the statements of [`crate::ast::ddl_table`]: CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.

#[allow(unused_imports)]
use super::*;
