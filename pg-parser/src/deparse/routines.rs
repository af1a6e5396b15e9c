//! `Display` for the statements of [`crate::ast::routines`]: functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.

#[allow(unused_imports)]
use super::*;
