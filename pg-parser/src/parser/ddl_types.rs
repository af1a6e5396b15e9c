//! The grammar of types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.
//!
//! PostgreSQL source area: gram.y `DefineStmt` (types, collations, text search), `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`, `AlterEnumStmt`, `CreateDomainStmt`, `AlterDomainStmt`, `CreateStatsStmt`, `CreatePolicyStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a type, domain, collation, conversion, text search object, statistics object or policy; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_type_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
    /// At `ALTER`: parses the statement when it is about one of those kinds; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_type_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
