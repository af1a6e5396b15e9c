//! Syntax trees of schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases, ALTER SYSTEM and large objects.
//!
//! PostgreSQL source area: gram.y `CreateSchemaStmt`, `CreateExtensionStmt`, `AlterExtensionStmt`, `CreateFdwStmt`, `CreateForeignServerStmt`, `CreateUserMappingStmt`, `ImportForeignSchemaStmt`, `CreatePublicationStmt`, `CreateSubscriptionStmt`, `CreateTableSpaceStmt`, `CreateAmStmt`, `CreatedbStmt`, `AlterDatabaseStmt`, `AlterSystemStmt` (`parsenodes.h`).
