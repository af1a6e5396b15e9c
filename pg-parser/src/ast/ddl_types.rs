//! Syntax trees of types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.
//!
//! PostgreSQL source area: gram.y `DefineStmt` (types, collations, text search), `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`, `AlterEnumStmt`, `CreateDomainStmt`, `AlterDomainStmt`, `CreateStatsStmt`, `CreatePolicyStmt` (`parsenodes.h`).
