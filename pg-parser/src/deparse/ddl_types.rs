//! `Display` for the statements of [`crate::ast::ddl_types`]: types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.

#[allow(unused_imports)]
use super::*;
