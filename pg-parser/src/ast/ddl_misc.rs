//! Syntax trees of schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases, ALTER SYSTEM and large objects.
//!
//! PostgreSQL source area: gram.y `CreateSchemaStmt`, `CreateExtensionStmt`, `AlterExtensionStmt`, `CreateFdwStmt`, `CreateForeignServerStmt`, `CreateUserMappingStmt`, `ImportForeignSchemaStmt`, `CreatePublicationStmt`, `CreateSubscriptionStmt`, `CreateTableSpaceStmt`, `CreateAmStmt`, `CreatedbStmt`, `AlterDatabaseStmt`, `AlterSystemStmt` (`parsenodes.h`).
//!
//! The `OPTIONS (name 'value', ...)` of CREATE FOREIGN DATA WRAPPER, CREATE SERVER, CREATE
//! USER MAPPING and IMPORT FOREIGN SCHEMA, and the `WITH (...)` of publications and
//! subscriptions, are [`DefElem`]s; the OPTIONS of the ALTER forms, which may ADD, SET or
//! DROP, are [`AlterGenericOption`]s.

use super::*;

/// `CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role] [elements]` (`CreateSchemaStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateSchemaStmt {
    /// The schema's name; None when only AUTHORIZATION names it.
    pub name: Option<String>,
    /// AUTHORIZATION role: the owner.
    pub authrole: Option<RoleSpec>,
    /// The statements creating objects in it (CREATE TABLE / VIEW / INDEX / SEQUENCE /
    /// TRIGGER, GRANT), as the general statement parser reads them.
    pub elements: Vec<Stmt>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// An option of CREATE EXTENSION (gram.y `create_extension_opt_item`).
#[derive(Clone, Debug, PartialEq)]
pub enum ExtensionOption {
    /// `SCHEMA name`.
    Schema(String),
    /// `VERSION v`.
    Version(String),
    /// CASCADE: create the extensions it requires too.
    Cascade,
}

/// `CREATE EXTENSION [IF NOT EXISTS] name [WITH] options` (`CreateExtensionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateExtensionStmt {
    /// The extension.
    pub name: String,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
    /// The options in the order written.
    pub options: Vec<ExtensionOption>,
}

/// `ALTER EXTENSION name UPDATE [TO version ...]` (`AlterExtensionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterExtensionStmt {
    /// The extension.
    pub name: String,
    /// The versions of `TO v` (PostgreSQL's grammar takes several; the command refuses more
    /// than one).
    pub versions: Vec<String>,
}

/// `ALTER EXTENSION name {ADD | DROP} object` (`AlterExtensionContentsStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterExtensionContentsStmt {
    /// The extension.
    pub name: String,
    /// ADD (true) or DROP (false).
    pub add: bool,
    /// The member object.
    pub object: ObjectRef,
}

/// HANDLER / VALIDATOR of a foreign-data wrapper (gram.y `fdw_option`).
#[derive(Clone, Debug, PartialEq)]
pub enum FdwFuncOption {
    /// `HANDLER f`, or `NO HANDLER` (None).
    Handler(Option<Vec<String>>),
    /// `VALIDATOR f`, or `NO VALIDATOR` (None).
    Validator(Option<Vec<String>>),
}

/// `CREATE FOREIGN DATA WRAPPER name [HANDLER ...] [VALIDATOR ...] [OPTIONS (...)]`
/// (`CreateFdwStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateFdwStmt {
    /// The wrapper.
    pub name: String,
    /// HANDLER / VALIDATOR in the order written.
    pub func_options: Vec<FdwFuncOption>,
    /// `OPTIONS (name 'value', ...)`.
    pub options: Vec<DefElem>,
}

/// `ALTER FOREIGN DATA WRAPPER name [HANDLER ...] [VALIDATOR ...] [OPTIONS (...)]`
/// (`AlterFdwStmt`): at least one of them.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterFdwStmt {
    /// The wrapper.
    pub name: String,
    /// HANDLER / VALIDATOR in the order written.
    pub func_options: Vec<FdwFuncOption>,
    /// `OPTIONS ([ADD | SET | DROP] ...)`.
    pub options: Vec<AlterGenericOption>,
}

/// `CREATE SERVER [IF NOT EXISTS] name [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER fdw
/// [OPTIONS (...)]` (`CreateForeignServerStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateServerStmt {
    /// The server.
    pub name: String,
    /// TYPE.
    pub server_type: Option<String>,
    /// VERSION; `Some(None)` for `VERSION NULL`.
    pub version: Option<Option<String>>,
    /// The foreign-data wrapper.
    pub fdw: String,
    /// `OPTIONS (name 'value', ...)`.
    pub options: Vec<DefElem>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `ALTER SERVER name [VERSION 'v' | VERSION NULL] [OPTIONS (...)]` (`AlterForeignServerStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterServerStmt {
    /// The server.
    pub name: String,
    /// VERSION, when written; `Some(None)` for `VERSION NULL`.
    pub version: Option<Option<String>>,
    /// `OPTIONS (...)`.
    pub options: Vec<AlterGenericOption>,
}

/// `CREATE USER MAPPING [IF NOT EXISTS] FOR user SERVER s [OPTIONS (...)]`
/// (`CreateUserMappingStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateUserMappingStmt {
    /// The user.
    pub user: MappingUser,
    /// The server.
    pub server: String,
    /// `OPTIONS (name 'value', ...)`.
    pub options: Vec<DefElem>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `ALTER USER MAPPING FOR user SERVER s OPTIONS (...)` (`AlterUserMappingStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterUserMappingStmt {
    /// The user.
    pub user: MappingUser,
    /// The server.
    pub server: String,
    /// `OPTIONS ([ADD | SET | DROP] ...)`.
    pub options: Vec<AlterGenericOption>,
}

/// Whether IMPORT FOREIGN SCHEMA lists tables to take or to leave
/// (`ImportForeignSchemaType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportListType {
    /// Every table.
    All,
    /// `LIMIT TO (tables)`.
    LimitTo,
    /// `EXCEPT (tables)`.
    Except,
}

/// `IMPORT FOREIGN SCHEMA remote [{LIMIT TO | EXCEPT} (tables)] FROM SERVER s INTO local
/// [OPTIONS (...)]` (`ImportForeignSchemaStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportForeignSchemaStmt {
    /// The remote schema.
    pub remote_schema: String,
    /// Which tables.
    pub list_type: ImportListType,
    /// The tables listed.
    pub tables: Vec<RangeVar>,
    /// The server.
    pub server: String,
    /// The local schema.
    pub local_schema: String,
    /// `OPTIONS (name 'value', ...)`.
    pub options: Vec<DefElem>,
}

/// One object of a publication (`PublicationObjSpec`, after gram.y's
/// `preprocess_pubobj_list` has given every entry of a list its kind).
#[derive(Clone, Debug, PartialEq)]
pub enum PublicationObject {
    /// `TABLE [ONLY] name [*] [(columns)] [WHERE (condition)]`.
    Table {
        /// The table.
        relation: RangeVar,
        /// The published columns; none for all.
        columns: Vec<String>,
        /// The row filter.
        where_clause: Option<Expr>,
    },
    /// `TABLES IN SCHEMA name`.
    TablesInSchema(String),
    /// `TABLES IN SCHEMA CURRENT_SCHEMA`.
    TablesInCurrentSchema,
}

/// `CREATE PUBLICATION name [FOR ALL TABLES | FOR objects] [WITH (...)]`
/// (`CreatePublicationStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreatePublicationStmt {
    /// The publication.
    pub name: String,
    /// FOR ALL TABLES.
    pub for_all_tables: bool,
    /// The tables and schemas.
    pub objects: Vec<PublicationObject>,
    /// `WITH (...)`.
    pub options: Vec<DefElem>,
}

/// What ALTER PUBLICATION does with its objects (`AlterPublicationAction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicationAction {
    /// ADD.
    Add,
    /// SET: replaces them.
    Set,
    /// DROP.
    Drop,
}

/// `ALTER PUBLICATION name {ADD | SET | DROP} objects` or `ALTER PUBLICATION name SET (...)`
/// (`AlterPublicationStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterPublicationStmt {
    /// The publication.
    pub name: String,
    /// What is done.
    pub action: AlterPublicationAction,
}

/// The change an [`AlterPublicationStmt`] makes.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterPublicationAction {
    /// `{ADD | SET | DROP} objects`.
    Objects(PublicationAction, Vec<PublicationObject>),
    /// `SET (...)`.
    Options(Vec<DefElem>),
}

/// `CREATE SUBSCRIPTION name CONNECTION 'conninfo' PUBLICATION p, ... [WITH (...)]`
/// (`CreateSubscriptionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateSubscriptionStmt {
    /// The subscription.
    pub name: String,
    /// The connection string.
    pub conninfo: String,
    /// The publications.
    pub publications: Vec<String>,
    /// `WITH (...)`.
    pub options: Vec<DefElem>,
}

/// `ALTER SUBSCRIPTION name ...` (`AlterSubscriptionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterSubscriptionStmt {
    /// The subscription.
    pub name: String,
    /// What is done.
    pub action: AlterSubscriptionAction,
}

/// The change an [`AlterSubscriptionStmt`] makes (`AlterSubscriptionType`).
#[derive(Clone, Debug, PartialEq)]
pub enum AlterSubscriptionAction {
    /// `CONNECTION 'conninfo'`.
    Connection(String),
    /// `{SET | ADD | DROP} PUBLICATION names [WITH (...)]`.
    Publication(PublicationAction, Vec<String>, Vec<DefElem>),
    /// `REFRESH PUBLICATION [WITH (...)]`.
    Refresh(Vec<DefElem>),
    /// ENABLE (true) / DISABLE (false).
    Enable(bool),
    /// `SET (...)`.
    Options(Vec<DefElem>),
    /// `SKIP (...)`.
    Skip(Vec<DefElem>),
}

/// `CREATE TABLESPACE name [OWNER role] LOCATION 'dir' [WITH (options)]`
/// (`CreateTableSpaceStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTablespaceStmt {
    /// The tablespace.
    pub name: String,
    /// OWNER.
    pub owner: Option<RoleSpec>,
    /// The directory.
    pub location: String,
    /// `WITH (...)`: its storage options.
    pub options: Vec<DefElem>,
}

/// `ALTER TABLESPACE name {SET | RESET} (options)` (`AlterTableSpaceOptionsStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterTablespaceOptionsStmt {
    /// The tablespace.
    pub name: String,
    /// The options (names only for RESET).
    pub options: Vec<DefElem>,
    /// RESET rather than SET.
    pub is_reset: bool,
}

/// The kind of an access method (`amtype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessMethodKind {
    /// TYPE INDEX.
    Index,
    /// TYPE TABLE.
    Table,
}

/// `CREATE ACCESS METHOD name TYPE {INDEX | TABLE} HANDLER f` (`CreateAmStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateAmStmt {
    /// The access method.
    pub name: String,
    /// Its kind.
    pub kind: AccessMethodKind,
    /// The handler function's (possibly qualified) name.
    pub handler: Vec<String>,
}

/// One option of CREATE DATABASE / ALTER DATABASE (gram.y `createdb_opt_item`): the lower-case
/// name (`connection_limit` for CONNECTION LIMIT) and its value, None for DEFAULT.
#[derive(Clone, Debug, PartialEq)]
pub struct DatabaseOption {
    /// The option's name.
    pub name: String,
    /// The value (a number, or a word or string as a string); None for DEFAULT.
    pub value: Option<Value>,
}

/// `CREATE DATABASE name [[WITH] option [=] value ...]` (`CreatedbStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateDatabaseStmt {
    /// The database.
    pub name: String,
    /// The options.
    pub options: Vec<DatabaseOption>,
}

/// `ALTER DATABASE name ...` forms of this family (`AlterDatabaseStmt`,
/// `AlterDatabaseSetStmt`, `AlterDatabaseRefreshCollStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterDatabaseStmt {
    /// The database.
    pub name: String,
    /// What is done.
    pub action: AlterDatabaseAction,
}

/// The change an [`AlterDatabaseStmt`] makes.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterDatabaseAction {
    /// `[WITH] options`.
    Options(Vec<DatabaseOption>),
    /// `SET TABLESPACE name`.
    SetTablespace(String),
    /// `SET ...` / `RESET ...` of a setting for the database.
    Set(VariableSetStmt),
    /// `REFRESH COLLATION VERSION`.
    RefreshCollationVersion,
}
