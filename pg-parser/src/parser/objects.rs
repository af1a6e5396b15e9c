//! The grammar of statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).
//!
//! PostgreSQL source area: gram.y `DropStmt`, `RenameStmt`, `AlterOwnerStmt`, `AlterObjectSchemaStmt`, `CommentStmt`, `SecLabelStmt`, `GrantStmt`, `GrantRoleStmt`, `AlterDefaultPrivilegesStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `DROP`: every DROP statement except DROP ROLE (gram.y `DropStmt` and its siblings).
    pub(super) fn drop_stmt(&mut self) -> PgResult<Stmt> {
        self.unsupported()
    }

    /// At `CREATE`: parses the statement when it creates an object that no other family claims; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_object_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
    /// At `ALTER`: parses the generic forms for an object of any kind that is not a relation (RENAME, OWNER TO, SET SCHEMA, [NO] DEPENDS ON EXTENSION) and ALTER DEFAULT PRIVILEGES; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_object_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }
}
