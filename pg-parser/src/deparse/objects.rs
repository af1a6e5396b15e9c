//! `Display` for the statements of [`crate::ast::objects`]: statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).

#[allow(unused_imports)]
use super::*;
