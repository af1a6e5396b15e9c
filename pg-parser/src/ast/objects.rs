//! Syntax trees of statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).
//!
//! PostgreSQL source area: gram.y `DropStmt`, `RenameStmt`, `AlterOwnerStmt`, `AlterObjectSchemaStmt`, `CommentStmt`, `SecLabelStmt`, `GrantStmt`, `GrantRoleStmt`, `AlterDefaultPrivilegesStmt` (`parsenodes.h`).
