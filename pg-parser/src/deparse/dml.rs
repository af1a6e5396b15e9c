//! `Display` for the statements of [`crate::ast::dml`]: INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.

#[allow(unused_imports)]
use super::*;
