//! The raw parse tree: what `parse()` returns and what the analyzer consumes.
//!
//! The shapes follow PostgreSQL's raw parse nodes (`parsenodes.h`): `SelectStmt`, `ResTarget`,
//! `RangeVar`, `A_Expr`, `ColumnRef`, `FuncCall`, `TypeName`, `VariableSetStmt`, ... with Rust
//! enums in place of node tags. Nothing here is resolved against the catalog: names are plain
//! (already case-folded) strings, types are `TypeName`s, and operators are their names.
//!
//! Locations are byte offsets into the whole query string (not into the statement). Convert them
//! to the 1-based character positions used on the wire with [`crate::byte_to_char_position`].
//! [`Location`] compares equal to every other location, so two trees compare structurally with
//! `==` regardless of where their nodes came from (the deparse round trip relies on this).

use std::fmt;

mod alter_table;
mod ddl_misc;
mod ddl_table;
mod ddl_types;
mod dml;
mod expr;
mod objects;
mod routines;
mod select;
mod session;
mod tag;
mod utility;

pub use alter_table::*;
pub use ddl_misc::*;
pub use ddl_table::*;
pub use ddl_types::*;
pub use dml::*;
pub use expr::*;
pub use objects::*;
pub use routines::*;
pub use select::*;
pub use session::*;
pub use utility::*;

/// A byte offset into the query string.
///
/// `PartialEq` is deliberately always `true`: trees are compared structurally, ignoring where
/// each node was written. Read the offset with `.0`.
#[derive(Clone, Copy, Default)]
pub struct Location(pub usize);

impl PartialEq for Location {
    fn eq(&self, _other: &Location) -> bool {
        true
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}

/// One statement of a (possibly multi-statement) query string: PostgreSQL's `RawStmt`.
#[derive(Clone, Debug, PartialEq)]
pub struct RawStmt {
    /// The statement.
    pub stmt: Stmt,
    /// Byte offset of the statement's start (just after the previous `;`, as in PostgreSQL).
    pub location: usize,
    /// Byte length of the statement text, up to but excluding its terminating `;`.
    pub len: usize,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// SELECT, VALUES, TABLE, set operations (gram.y `SelectStmt`).
    Select(Box<SelectStmt>),
    /// `SET ...`, `RESET ...` (gram.y `VariableSetStmt`).
    VariableSet(VariableSetStmt),
    /// `SHOW name` (gram.y `VariableShowStmt`). `name` is lower case; `SHOW ALL` gives `"all"`,
    /// `SHOW TIME ZONE` gives `"timezone"`, `SHOW TRANSACTION ISOLATION LEVEL` gives
    /// `"transaction_isolation"`, `SHOW SESSION AUTHORIZATION` gives `"session_authorization"`.
    VariableShow {
        /// The setting's name.
        name: String,
    },
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ... (gram.y `TransactionStmt`).
    Transaction(TransactionStmt),
    /// `CREATE ROLE | USER | GROUP` (gram.y `CreateRoleStmt`).
    CreateRole(CreateRoleStmt),
    /// `ALTER ROLE | USER | GROUP name [WITH] options` (gram.y `AlterRoleStmt`).
    AlterRole(AlterRoleStmt),
    /// `ALTER ROLE name [IN DATABASE db] SET/RESET ...` (gram.y `AlterRoleSetStmt`).
    AlterRoleSet(AlterRoleSetStmt),
    /// `ALTER ROLE | USER | GROUP name RENAME TO new` (a `RenameStmt` on a role).
    RenameRole {
        /// The role being renamed.
        role: RoleSpec,
        /// Its new name.
        new_name: String,
    },
    /// `DROP ROLE | USER | GROUP [IF EXISTS] name, ...` (gram.y `DropRoleStmt`).
    DropRole(DropRoleStmt),
    /// `EXPLAIN ...` (gram.y `ExplainStmt`).
    Explain(ExplainStmt),
    /// `DECLARE name ... CURSOR ... FOR query` (gram.y `DeclareCursorStmt`).
    DeclareCursor(DeclareCursorStmt),
    /// `FETCH` / `MOVE` (gram.y `FetchStmt`).
    Fetch(FetchStmt),
    /// `DISCARD ALL | PLANS | SEQUENCES | TEMP` (gram.y `DiscardStmt`).
    Discard(DiscardMode),
    /// `CLOSE name` / `CLOSE ALL` (gram.y `ClosePortalStmt`): `name` is None for ALL.
    ClosePortal {
        /// The cursor, or None for `CLOSE ALL`.
        name: Option<String>,
    },
    // Each statement family adds its variants under its own heading; the trees live in
    // `ast/<family>.rs`.

    // ---- dml
    /// `[WITH ...] INSERT INTO ...` (gram.y `InsertStmt`).
    Insert(Box<InsertStmt>),
    /// `[WITH ...] UPDATE ...` (gram.y `UpdateStmt`).
    Update(Box<UpdateStmt>),
    /// `[WITH ...] DELETE FROM ...` (gram.y `DeleteStmt`).
    Delete(Box<DeleteStmt>),
    /// `[WITH ...] MERGE INTO ...` (gram.y `MergeStmt`).
    Merge(Box<MergeStmt>),
    /// `COPY ...` (gram.y `CopyStmt`).
    Copy(Box<CopyStmt>),

    // ---- ddl_table
    /// `CREATE TABLE` with columns, `OF type` or `PARTITION OF` (gram.y `CreateStmt`).
    CreateTable(Box<CreateStmt>),
    /// `CREATE FOREIGN TABLE` (gram.y `CreateForeignTableStmt`).
    CreateForeignTable(Box<CreateForeignTableStmt>),
    /// `CREATE TABLE ... AS` and `CREATE MATERIALIZED VIEW` (gram.y `CreateAsStmt`,
    /// `CreateMatViewStmt`).
    CreateTableAs(Box<CreateTableAsStmt>),
    /// `CREATE INDEX` (gram.y `IndexStmt`).
    Index(Box<IndexStmt>),
    /// `CREATE SEQUENCE` (gram.y `CreateSeqStmt`).
    CreateSeq(Box<CreateSeqStmt>),
    /// `CREATE VIEW` (gram.y `ViewStmt`).
    View(Box<ViewStmt>),
    /// `TRUNCATE` (gram.y `TruncateStmt`).
    Truncate(TruncateStmt),

    // ---- alter_table
    /// `ALTER {TABLE | INDEX | SEQUENCE | VIEW | MATERIALIZED VIEW | FOREIGN TABLE} name
    /// subcommand, ...` (gram.y `AlterTableStmt`).
    AlterTable(AlterTableStmt),
    /// `ALTER <relation kind> name RENAME ...` (gram.y `RenameStmt` on a relation).
    RenameRelation(RenameRelationStmt),
    /// `ALTER <relation kind> name SET SCHEMA s` (gram.y `AlterObjectSchemaStmt` on a relation).
    AlterRelationSchema(AlterRelationSchemaStmt),
    /// `ALTER {INDEX | MATERIALIZED VIEW} name [NO] DEPENDS ON EXTENSION e` (gram.y
    /// `AlterObjectDependsStmt` on a relation).
    AlterRelationDepends(AlterRelationDependsStmt),
    /// `ALTER {TABLE | INDEX | MATERIALIZED VIEW} ALL IN TABLESPACE ...` (gram.y
    /// `AlterTableMoveAllStmt`).
    AlterTableMoveAll(AlterTableMoveAllStmt),
    /// `ALTER SEQUENCE name sequence_option ...` (gram.y `AlterSeqStmt`).
    AlterSequence(AlterSeqStmt),

    // ---- routines
    /// `CREATE [OR REPLACE] FUNCTION | PROCEDURE` (gram.y `CreateFunctionStmt`).
    CreateFunction(Box<CreateFunctionStmt>),
    /// `ALTER FUNCTION | PROCEDURE | ROUTINE ... options` (gram.y `AlterFunctionStmt`).
    AlterFunction(Box<AlterFunctionStmt>),
    /// `RETURN expr` inside a `BEGIN ATOMIC` body (gram.y `ReturnStmt`); never a statement of
    /// its own.
    Return(Expr),
    /// `DO [LANGUAGE l] 'code'` (gram.y `DoStmt`).
    Do(Vec<DoOption>),
    /// `CALL f(args)` (gram.y `CallStmt`): the call is a `FuncCall`.
    Call(Box<FuncCall>),
    /// `CREATE [OR REPLACE] AGGREGATE` (gram.y `DefineStmt`, kind aggregate).
    CreateAggregate(Box<CreateAggregateStmt>),
    /// `CREATE OPERATOR` (gram.y `DefineStmt`, kind operator).
    CreateOperator(Box<CreateOperatorStmt>),
    /// `ALTER OPERATOR op (types) SET (...)` (gram.y `AlterOperatorStmt`).
    AlterOperator(Box<AlterOperatorStmt>),
    /// `CREATE OPERATOR CLASS` (gram.y `CreateOpClassStmt`).
    CreateOpClass(Box<CreateOpClassStmt>),
    /// `CREATE OPERATOR FAMILY` and `ALTER OPERATOR FAMILY ... ADD | DROP` (gram.y
    /// `CreateOpFamilyStmt`, `AlterOpFamilyStmt`).
    OpFamily(Box<OpFamilyStmt>),
    /// `CREATE CAST` (gram.y `CreateCastStmt`).
    CreateCast(Box<CreateCastStmt>),
    /// `CREATE TRANSFORM` (gram.y `CreateTransformStmt`).
    CreateTransform(Box<CreateTransformStmt>),
    /// `CREATE LANGUAGE` (gram.y `CreatePLangStmt`).
    CreateLanguage(Box<CreateLanguageStmt>),
    /// `CREATE [CONSTRAINT] TRIGGER` (gram.y `CreateTrigStmt`).
    CreateTrigger(Box<CreateTriggerStmt>),
    /// `CREATE EVENT TRIGGER` (gram.y `CreateEventTrigStmt`).
    CreateEventTrigger(Box<CreateEventTriggerStmt>),
    /// `ALTER EVENT TRIGGER name ENABLE | DISABLE` (gram.y `AlterEventTrigStmt`).
    AlterEventTrigger(AlterEventTriggerStmt),
    /// `CREATE RULE` (gram.y `RuleStmt`).
    CreateRule(Box<CreateRuleStmt>),

    // ---- ddl_types
    /// `CREATE TYPE` of every kind: shell, base, composite, enum, range.
    CreateType(CreateTypeStmt),
    /// `ALTER TYPE name` ADD VALUE / RENAME VALUE / attribute commands / RENAME ATTRIBUTE / SET.
    AlterType(AlterTypeStmt),
    /// `CREATE COLLATION`.
    CreateCollation(CreateCollationStmt),
    /// `ALTER COLLATION name REFRESH VERSION` (`AlterCollationStmt`).
    AlterCollationRefresh {
        /// The collation's (possibly qualified) name.
        name: Vec<String>,
    },
    /// `CREATE [DEFAULT] CONVERSION`.
    CreateConversion(CreateConversionStmt),
    /// `CREATE TEXT SEARCH {PARSER | DICTIONARY | TEMPLATE | CONFIGURATION}`.
    CreateTextSearch(CreateTextSearchStmt),
    /// `ALTER TEXT SEARCH DICTIONARY name (options)` (`AlterTSDictionaryStmt`).
    AlterTsDictionary {
        /// The dictionary's (possibly qualified) name.
        name: Vec<String>,
        /// The options set (a value-less option is removed).
        options: Vec<DefElem>,
    },
    /// `ALTER TEXT SEARCH CONFIGURATION name {ADD | ALTER | DROP} MAPPING ...`.
    AlterTsConfiguration(AlterTsConfigurationStmt),
    /// `CREATE STATISTICS`.
    CreateStats(CreateStatsStmt),
    /// `ALTER STATISTICS [IF EXISTS] name SET STATISTICS n` (`AlterStatsStmt`).
    AlterStats {
        /// IF EXISTS.
        if_exists: bool,
        /// The statistics object's (possibly qualified) name.
        name: Vec<String>,
        /// The new statistics target (-1: the system default).
        target: i32,
    },
    /// `CREATE POLICY`.
    CreatePolicy(CreatePolicyStmt),
    /// `ALTER POLICY name ON table` with new roles or expressions.
    AlterPolicy(AlterPolicyStmt),
    /// `CREATE DOMAIN`.
    CreateDomain(CreateDomainStmt),
    /// `ALTER DOMAIN name` with a default, NOT NULL or constraint change.
    AlterDomain(AlterDomainStmt),
    /// `ALTER GROUP g {ADD | DROP} USER role, ...` (an `AlterRoleStmt` whose action adds or
    /// removes members).
    AlterGroupMembers {
        /// The group (a role).
        group: RoleSpec,
        /// ADD rather than DROP.
        add: bool,
        /// The roles added or removed.
        members: Vec<RoleSpec>,
    },

    // ---- ddl_misc
    /// `CREATE SCHEMA ...` (gram.y `CreateSchemaStmt`).
    CreateSchema(CreateSchemaStmt),
    /// `CREATE EXTENSION ...` (gram.y `CreateExtensionStmt`).
    CreateExtension(CreateExtensionStmt),
    /// `ALTER EXTENSION name UPDATE ...` (gram.y `AlterExtensionStmt`).
    AlterExtension(AlterExtensionStmt),
    /// `ALTER EXTENSION name {ADD | DROP} object` (gram.y `AlterExtensionContentsStmt`).
    AlterExtensionContents(AlterExtensionContentsStmt),
    /// `CREATE FOREIGN DATA WRAPPER ...` (gram.y `CreateFdwStmt`).
    CreateFdw(CreateFdwStmt),
    /// `ALTER FOREIGN DATA WRAPPER ...` (gram.y `AlterFdwStmt`).
    AlterFdw(AlterFdwStmt),
    /// `CREATE SERVER ...` (gram.y `CreateForeignServerStmt`).
    CreateServer(CreateServerStmt),
    /// `ALTER SERVER name [VERSION ...] [OPTIONS ...]` (gram.y `AlterForeignServerStmt`).
    AlterServer(AlterServerStmt),
    /// `CREATE USER MAPPING ...` (gram.y `CreateUserMappingStmt`).
    CreateUserMapping(CreateUserMappingStmt),
    /// `ALTER USER MAPPING ...` (gram.y `AlterUserMappingStmt`).
    AlterUserMapping(AlterUserMappingStmt),
    /// `IMPORT FOREIGN SCHEMA ...` (gram.y `ImportForeignSchemaStmt`).
    ImportForeignSchema(ImportForeignSchemaStmt),
    /// `CREATE PUBLICATION ...` (gram.y `CreatePublicationStmt`).
    CreatePublication(CreatePublicationStmt),
    /// `ALTER PUBLICATION name {ADD | SET | DROP} ...` (gram.y `AlterPublicationStmt`).
    AlterPublication(AlterPublicationStmt),
    /// `CREATE SUBSCRIPTION ...` (gram.y `CreateSubscriptionStmt`).
    CreateSubscription(CreateSubscriptionStmt),
    /// `ALTER SUBSCRIPTION ...` (gram.y `AlterSubscriptionStmt`).
    AlterSubscription(AlterSubscriptionStmt),
    /// `CREATE TABLESPACE ...` (gram.y `CreateTableSpaceStmt`).
    CreateTablespace(CreateTablespaceStmt),
    /// `ALTER TABLESPACE name {SET | RESET} (...)` (gram.y `AlterTblSpcStmt`).
    AlterTablespaceOptions(AlterTablespaceOptionsStmt),
    /// `CREATE ACCESS METHOD ...` (gram.y `CreateAmStmt`).
    CreateAm(CreateAmStmt),
    /// `CREATE DATABASE ...` (gram.y `CreatedbStmt`).
    CreateDatabase(CreateDatabaseStmt),
    /// `ALTER DATABASE ...` other than RENAME / OWNER TO (gram.y `AlterDatabaseStmt`,
    /// `AlterDatabaseSetStmt`, `AlterDatabaseRefreshCollStmt`).
    AlterDatabase(AlterDatabaseStmt),
    /// `ALTER SYSTEM {SET ... | RESET ...}` (gram.y `AlterSystemStmt`): the setting, a SET
    /// (value or DEFAULT) or a RESET (one setting or ALL).
    AlterSystem(VariableSetStmt),

    // ---- objects
    /// `DROP kind [IF EXISTS] objects [CASCADE | RESTRICT]` for every kind but roles and
    /// databases (gram.y `DropStmt`, `RemoveFuncStmt`, `DropCastStmt`, `DropOpClassStmt`,
    /// `DropTableSpaceStmt`, `DropUserMappingStmt`, `DropSubscriptionStmt`, ...).
    Drop(DropStmt),
    /// `DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]` (gram.y `DropdbStmt`).
    DropDatabase(DropDatabaseStmt),
    /// `DROP OWNED BY roles [CASCADE | RESTRICT]` (gram.y `DropOwnedStmt`).
    DropOwned {
        /// The roles whose objects are dropped.
        roles: Vec<RoleSpec>,
        /// CASCADE / RESTRICT.
        behavior: DropBehavior,
    },
    /// `REASSIGN OWNED BY roles TO role` (gram.y `ReassignOwnedStmt`).
    ReassignOwned(ReassignOwnedStmt),
    /// `ALTER kind object RENAME TO name` for objects that are not relations or roles
    /// (gram.y `RenameStmt`).
    Rename(RenameStmt),
    /// `ALTER kind object OWNER TO role` (gram.y `AlterOwnerStmt`).
    AlterOwner(AlterOwnerStmt),
    /// `ALTER kind object SET SCHEMA s` for objects that are not relations (gram.y
    /// `AlterObjectSchemaStmt`).
    AlterObjectSchema(AlterObjectSchemaStmt),
    /// `ALTER kind object [NO] DEPENDS ON EXTENSION e` (gram.y `AlterObjectDependsStmt`).
    AlterObjectDepends(AlterObjectDependsStmt),
    /// `COMMENT ON object IS ...` (gram.y `CommentStmt`).
    Comment(CommentStmt),
    /// `SECURITY LABEL [FOR provider] ON object IS ...` (gram.y `SecLabelStmt`).
    SecLabel(SecLabelStmt),
    /// `GRANT | REVOKE privileges ON objects TO | FROM grantees` (gram.y `GrantStmt`).
    Grant(GrantStmt),
    /// `GRANT | REVOKE roles TO | FROM roles` (gram.y `GrantRoleStmt`).
    GrantRole(GrantRoleStmt),
    /// `ALTER DEFAULT PRIVILEGES ... GRANT | REVOKE ...` (gram.y `AlterDefaultPrivilegesStmt`).
    AlterDefaultPrivileges(AlterDefaultPrivilegesStmt),

    // ---- utility
    /// `PREPARE name [(types)] AS statement` (gram.y `PrepareStmt`).
    Prepare(PrepareStmt),
    /// `EXECUTE name [(args)]` (gram.y `ExecuteStmt`).
    Execute(ExecuteStmt),
    /// `DEALLOCATE [PREPARE] {name | ALL}` (gram.y `DeallocateStmt`).
    Deallocate {
        /// The prepared statement, or None for ALL.
        name: Option<String>,
    },
    /// `LISTEN channel` (gram.y `ListenStmt`).
    Listen {
        /// The channel.
        channel: String,
    },
    /// `UNLISTEN {channel | *}` (gram.y `UnlistenStmt`).
    Unlisten {
        /// The channel, or None for `*`.
        channel: Option<String>,
    },
    /// `NOTIFY channel [, 'payload']` (gram.y `NotifyStmt`).
    Notify {
        /// The channel.
        channel: String,
        /// The payload string.
        payload: Option<String>,
    },
    /// `LOCK [TABLE] ...` (gram.y `LockStmt`).
    Lock(LockStmt),
    /// `VACUUM ...` / `ANALYZE ...` (gram.y `VacuumStmt`, `AnalyzeStmt`).
    Vacuum(VacuumStmt),
    /// `CLUSTER ...` (gram.y `ClusterStmt`).
    Cluster(ClusterStmt),
    /// `REINDEX ...` (gram.y `ReindexStmt`).
    Reindex(ReindexStmt),
    /// `CHECKPOINT` (gram.y `CheckPointStmt`).
    Checkpoint,
    /// `SET CONSTRAINTS ...` (gram.y `ConstraintsSetStmt`).
    ConstraintsSet(ConstraintsSetStmt),
    /// `LOAD 'file'` (gram.y `LoadStmt`).
    Load {
        /// The library's file name.
        filename: String,
    },
    /// `REFRESH MATERIALIZED VIEW ...` (gram.y `RefreshMatViewStmt`).
    RefreshMatView(RefreshMatViewStmt),
}

/// The object an unsupported statement acts on (`INSERT INTO t`, `DROP
/// TABLE t`, `TRUNCATE t`), so the server can report that it does not
/// exist, as PostgreSQL does, before answering 0A000.
#[derive(Clone, Debug, PartialEq)]
pub struct UnsupportedTarget {
    /// How PostgreSQL names it in "... does not exist".
    pub kind: TargetKind,
    /// The name as written (for a schema, `name` only).
    pub relation: RangeVar,
    /// Whether the error carries the name's position (the statements the
    /// analyzer reads, INSERT/UPDATE/DELETE; not utility statements).
    pub with_position: bool,
}

/// What an [`UnsupportedTarget`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// Any relation: `relation "x" does not exist`.
    Relation,
    /// DROP TABLE's `table "x" does not exist`.
    Table,
    /// DROP VIEW's `view "x" does not exist`.
    View,
    /// DROP INDEX's `index "x" does not exist`.
    Index,
    /// DROP SEQUENCE's `sequence "x" does not exist`.
    Sequence,
    /// A schema: `schema "x" does not exist` (3F000).
    Schema,
}

/// A type name (`TypeName`).
///
/// SQL-standard spellings are mapped as in gram.y: `integer` → `["pg_catalog", "int4"]`,
/// `varchar(10)` → `["pg_catalog", "varchar"]` with typmods `[10]`, `timestamp with time zone`
/// → `pg_catalog.timestamptz`, `char` without length → `pg_catalog.bpchar` with typmod 1,
/// `interval day to second(3)` → `pg_catalog.interval` with typmods `[<field mask>, 3]` (the
/// mask uses PostgreSQL's INTERVAL_MASK bits; `interval(p)` alone uses the full-range mask
/// 32767). Other names (`text`, `int4`, `my_type`) are left as written, unqualified.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeName {
    /// The (possibly qualified) name.
    pub names: Vec<String>,
    /// Type modifiers (`numeric(10,2)` → `[10, 2]`): constant expressions.
    pub typmods: Vec<Expr>,
    /// Array bounds: one entry per `[]` (-1 when no size was written).
    pub array_bounds: Vec<i32>,
    /// SETOF.
    pub setof: bool,
    /// `name%TYPE`.
    pub pct_type: bool,
    /// Location.
    pub location: Location,
}

/// A role reference (`RoleSpec`).
#[derive(Clone, Debug, PartialEq)]
pub enum RoleSpec {
    /// A role name.
    Name(String),
    /// CURRENT_ROLE.
    CurrentRole,
    /// CURRENT_USER.
    CurrentUser,
    /// SESSION_USER.
    SessionUser,
    /// PUBLIC.
    Public,
}

/// `EXPLAIN` (`ExplainStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainStmt {
    /// The explained statement.
    pub query: Box<Stmt>,
    /// Options as (lower-case name, value) pairs: `EXPLAIN ANALYZE VERBOSE` gives
    /// `[("analyze", None), ("verbose", None)]`; `(FORMAT JSON)` gives `("format", Some("json"))`.
    pub options: Vec<(String, Option<Value>)>,
}

/// `DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR
/// [{WITH | WITHOUT} HOLD] FOR query` (gram.y `DeclareCursorStmt`). The option
/// words may come in any order and repeat, as in PostgreSQL's grammar;
/// contradictions (SCROLL with NO SCROLL) are the analyzer's to reject.
#[derive(Clone, Debug, PartialEq)]
pub struct DeclareCursorStmt {
    /// The cursor's (portal's) name.
    pub portal_name: String,
    /// The options (PostgreSQL's `CURSOR_OPT_*` bits).
    pub options: CursorOptions,
    /// The query.
    pub query: Box<SelectStmt>,
}

/// `CURSOR_OPT_*`: the options of a DECLARE CURSOR.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CursorOptions {
    /// BINARY: rows are sent in binary format.
    pub binary: bool,
    /// SCROLL.
    pub scroll: bool,
    /// NO SCROLL.
    pub no_scroll: bool,
    /// INSENSITIVE.
    pub insensitive: bool,
    /// ASENSITIVE.
    pub asensitive: bool,
    /// WITH HOLD (WITHOUT HOLD is the default).
    pub hold: bool,
}

/// `FetchDirection`: how a FETCH or MOVE counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchDirection {
    /// `how_many` rows forward (backward when negative).
    Forward,
    /// `how_many` rows backward (forward when negative).
    Backward,
    /// To row `how_many` (from the end when negative; 0 = before the first).
    Absolute,
    /// To the row `how_many` rows away from the current one.
    Relative,
}

/// `FETCH_ALL`: the count of `FETCH ALL` / `FORWARD ALL` / `BACKWARD ALL`.
pub const FETCH_ALL: i64 = i64::MAX;

/// `FETCH [direction] [FROM | IN] name` and `MOVE ...` (gram.y `FetchStmt`),
/// normalised as PostgreSQL's grammar does: NEXT is FORWARD 1, PRIOR
/// BACKWARD 1, FIRST ABSOLUTE 1, LAST ABSOLUTE -1, a bare count FORWARD n.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchStmt {
    /// The direction.
    pub direction: FetchDirection,
    /// The count or position ([`FETCH_ALL`] for ALL).
    pub how_many: i64,
    /// The cursor's name.
    pub portal_name: String,
    /// MOVE rather than FETCH: position only, send no rows.
    pub is_move: bool,
}

/// What `DISCARD` resets (`DiscardMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardMode {
    /// DISCARD ALL: the whole session state.
    All,
    /// DISCARD PLANS: cached plans.
    Plans,
    /// DISCARD SEQUENCES: cached sequence state.
    Sequences,
    /// DISCARD TEMP / TEMPORARY: temporary tables.
    Temp,
}

impl DiscardMode {
    /// The command tag (`DISCARD ALL`, ...).
    pub fn command_tag(self) -> &'static str {
        match self {
            DiscardMode::All => "DISCARD ALL",
            DiscardMode::Plans => "DISCARD PLANS",
            DiscardMode::Sequences => "DISCARD SEQUENCES",
            DiscardMode::Temp => "DISCARD TEMP",
        }
    }
}
