//! `Display` for the statements of [`crate::ast::ddl_misc`]: schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases, ALTER SYSTEM and large objects.

#[allow(unused_imports)]
use super::*;
