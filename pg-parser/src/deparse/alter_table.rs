//! `Display` for the statements of [`crate::ast::alter_table`]: ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.

#[allow(unused_imports)]
use super::*;
