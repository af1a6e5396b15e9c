//! The grammar of schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases, ALTER SYSTEM and large objects.
//!
//! PostgreSQL source area: gram.y `CreateSchemaStmt`, `CreateExtensionStmt`, `AlterExtensionStmt`, `CreateFdwStmt`, `CreateForeignServerStmt`, `CreateUserMappingStmt`, `ImportForeignSchemaStmt`, `CreatePublicationStmt`, `CreateSubscriptionStmt`, `CreateTableSpaceStmt`, `CreateAmStmt`, `CreatedbStmt`, `AlterDatabaseStmt`, `AlterSystemStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it creates a schema, extension, foreign-data
    /// wrapper, server, user mapping, publication, subscription, tablespace, access method or
    /// database; otherwise returns `None` and consumes nothing, so the next family can look.
    pub(super) fn create_misc_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }

    /// At `ALTER`: parses the statement when it is one of this family's own ALTER forms
    /// (ALTER EXTENSION UPDATE, ALTER SERVER OPTIONS, ALTER DATABASE SET, ALTER SYSTEM, ...);
    /// the generic RENAME / OWNER TO / SET SCHEMA forms are left to `objects`.
    pub(super) fn alter_misc_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
