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
mod objects;
mod routines;
mod tag;
mod utility;

#[allow(unused_imports)] // until the family has trees
pub use alter_table::*;
pub use ddl_misc::*;
pub use ddl_table::*;
#[allow(unused_imports)] // until the family has trees
pub use ddl_types::*;
#[allow(unused_imports)] // until the family has trees
pub use dml::*;
#[allow(unused_imports)] // until the family has trees
pub use objects::*;
#[allow(unused_imports)] // until the family has trees
pub use routines::*;
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

/// `SelectStmt`: a query expression with its ORDER BY / LIMIT / locking decorations.
///
/// PostgreSQL uses one node for both a leaf SELECT and a set operation; here the leaf-or-setop
/// choice is [`SelectBody`], and the decorations that apply to the whole are fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectStmt {
    /// WITH clause (CTEs), if any.
    pub with: Option<WithClause>,
    /// The query expression.
    pub body: SelectBody,
    /// ORDER BY items.
    pub order_by: Vec<SortBy>,
    /// LIMIT / FETCH FIRST count. `LIMIT ALL` is a NULL constant, as in PostgreSQL.
    pub limit_count: Option<Expr>,
    /// OFFSET.
    pub limit_offset: Option<Expr>,
    /// True for `FETCH FIRST n ROWS WITH TIES`.
    pub limit_with_ties: bool,
    /// FOR UPDATE / FOR SHARE clauses.
    pub locking: Vec<LockingClause>,
}

impl SelectStmt {
    /// A statement with no decorations around `body`.
    pub fn from_body(body: SelectBody) -> SelectStmt {
        SelectStmt {
            with: None,
            body,
            order_by: Vec::new(),
            limit_count: None,
            limit_offset: None,
            limit_with_ties: false,
            locking: Vec::new(),
        }
    }

    /// True when the statement is a bare body (no WITH/ORDER BY/LIMIT/OFFSET/locking).
    pub fn is_bare(&self) -> bool {
        self.with.is_none()
            && self.order_by.is_empty()
            && self.limit_count.is_none()
            && self.limit_offset.is_none()
            && self.locking.is_empty()
    }
}

/// The query expression of a [`SelectStmt`].
#[derive(Clone, Debug, PartialEq)]
pub enum SelectBody {
    /// `SELECT ... FROM ... WHERE ...` (also `TABLE name`, which becomes `SELECT * FROM name`).
    Simple(Box<SimpleSelect>),
    /// `VALUES (...), (...)`: every row is a list of expressions (`DEFAULT` is not supported).
    Values(Vec<Vec<Expr>>),
    /// `left UNION|INTERSECT|EXCEPT [ALL] right`.
    SetOp {
        /// Which set operation.
        op: SetOperation,
        /// True for `ALL`, false for the default `DISTINCT`.
        all: bool,
        /// Left input.
        left: Box<SelectStmt>,
        /// Right input.
        right: Box<SelectStmt>,
    },
}

/// The set operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOperation {
    /// UNION.
    Union,
    /// INTERSECT (binds tighter than UNION and EXCEPT).
    Intersect,
    /// EXCEPT.
    Except,
}

/// A leaf SELECT.
#[derive(Clone, Debug, PartialEq)]
pub struct SimpleSelect {
    /// DISTINCT / DISTINCT ON.
    pub distinct: Distinct,
    /// The target list; `*` and `t.*` are `ColumnRef`s with a `Star` field.
    pub targets: Vec<ResTarget>,
    /// `INTO [TEMP] table` (SELECT INTO): the caller treats it as CREATE TABLE AS.
    pub into: Option<RangeVar>,
    /// FROM items (comma-separated list; joins are nested inside items).
    pub from: Vec<FromItem>,
    /// WHERE.
    pub where_clause: Option<Expr>,
    /// GROUP BY items: expressions and grouping sets ([`ExprKind::GroupingSet`]).
    pub group_by: Vec<Expr>,
    /// True for `GROUP BY DISTINCT`.
    pub group_distinct: bool,
    /// HAVING.
    pub having: Option<Expr>,
    /// `WINDOW name AS (...)` definitions.
    pub windows: Vec<WindowDef>,
}

/// DISTINCT handling of a SELECT.
#[derive(Clone, Debug, PartialEq)]
pub enum Distinct {
    /// No DISTINCT (or `ALL`).
    All,
    /// `DISTINCT`.
    Distinct,
    /// `DISTINCT ON (exprs)`.
    On(Vec<Expr>),
}

/// One target-list entry: PostgreSQL's `ResTarget`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResTarget {
    /// The expression.
    pub expr: Expr,
    /// The column label, from `AS label` or a bare label.
    pub name: Option<String>,
    /// Location of the entry.
    pub location: Location,
}

/// A table name: PostgreSQL's `RangeVar`.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeVar {
    /// Database name (`db.schema.rel`), rarely used.
    pub catalog: Option<String>,
    /// Schema name, if qualified.
    pub schema: Option<String>,
    /// Relation name.
    pub name: String,
    /// False for `ONLY name` (no inheritance children).
    pub inh: bool,
    /// `'p'` permanent, `'t'` temporary, `'u'` unlogged (only meaningful for SELECT INTO).
    pub persistence: char,
    /// Alias, if any.
    pub alias: Option<Alias>,
    /// Location of the name.
    pub location: Location,
}

/// `AS alias (col, ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The alias name.
    pub name: String,
    /// Column aliases (may be empty).
    pub columns: Vec<String>,
}

/// One FROM-clause item.
#[derive(Clone, Debug, PartialEq)]
pub enum FromItem {
    /// A table or view.
    Relation(RangeVar),
    /// `[LATERAL] (subquery) [AS] alias`.
    Subquery {
        /// LATERAL.
        lateral: bool,
        /// The subquery.
        query: Box<SelectStmt>,
        /// Alias (required by PostgreSQL 15).
        alias: Option<Alias>,
        /// Location of the opening parenthesis.
        location: Location,
    },
    /// `[LATERAL] f(args) [WITH ORDINALITY] [AS] alias`, or `ROWS FROM (f(...), ...)`
    /// (`RangeFunction`).
    Function {
        /// LATERAL.
        lateral: bool,
        /// The function calls (one unless `ROWS FROM`).
        functions: Vec<RangeFunctionCall>,
        /// True for `ROWS FROM (...)`.
        rows_from: bool,
        /// WITH ORDINALITY.
        ordinality: bool,
        /// Alias.
        alias: Option<Alias>,
        /// The column definition list of `f() AS t(a int, ...)` / `f() AS (a int, ...)`,
        /// for a function returning `record` (empty when none was written).
        coldeflist: Vec<TableFuncElement>,
        /// Location of the first call.
        location: Location,
    },
    /// A join.
    Join(Box<JoinExpr>),
    /// `relation [alias] TABLESAMPLE method (args) [REPEATABLE (seed)]`.
    TableSample(Box<RangeTableSample>),
    /// `[LATERAL] XMLTABLE(...) [alias]`.
    TableFunc(Box<RangeTableFunc>),
}

/// `[LATERAL] XMLTABLE([XMLNAMESPACES(...),] row_path PASSING doc COLUMNS ...) [alias]`
/// (`RangeTableFunc`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableFunc {
    /// LATERAL.
    pub lateral: bool,
    /// The document (PASSING's value).
    pub docexpr: Expr,
    /// The row-generating XPath expression.
    pub rowexpr: Expr,
    /// XMLNAMESPACES: a URI with its `AS name`, or the DEFAULT namespace (no name).
    pub namespaces: Vec<ResTarget>,
    /// The columns.
    pub columns: Vec<RangeTableFuncCol>,
    /// The alias.
    pub alias: Option<Alias>,
    /// Location of XMLTABLE.
    pub location: Location,
}

/// One column of XMLTABLE (`RangeTableFuncCol`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableFuncCol {
    /// The column's name.
    pub name: String,
    /// Its type (None for `FOR ORDINALITY`).
    pub type_name: Option<TypeName>,
    /// `FOR ORDINALITY`.
    pub for_ordinality: bool,
    /// `NOT NULL`.
    pub is_not_null: bool,
    /// `PATH expr`.
    pub colexpr: Option<Expr>,
    /// `DEFAULT expr`.
    pub coldefexpr: Option<Expr>,
    /// Location of the name.
    pub location: Location,
}

/// `relation [alias] TABLESAMPLE method (args) [REPEATABLE (seed)]` (`RangeTableSample`).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeTableSample {
    /// The sampled table, with its alias.
    pub relation: RangeVar,
    /// The sampling method's name (`system`, `bernoulli`, possibly qualified).
    pub method: Vec<String>,
    /// The method's arguments.
    pub args: Vec<Expr>,
    /// REPEATABLE's seed.
    pub repeatable: Option<Expr>,
    /// Location of the method's name.
    pub location: Location,
}

/// One function of a [`FromItem::Function`], with the column definition list that
/// `ROWS FROM (f() AS (a int, ...), ...)` may give each function.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeFunctionCall {
    /// The call (a `FuncCall`, or a function-like expression such as `COALESCE(...)`).
    pub call: Expr,
    /// Its column definition list inside ROWS FROM (empty when none was written).
    pub coldeflist: Vec<TableFuncElement>,
}

/// One column of a column definition list, `name type [COLLATE c]` (gram.y's
/// `TableFuncElement`, a `ColumnDef` with only these fields set).
#[derive(Clone, Debug, PartialEq)]
pub struct TableFuncElement {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub type_name: TypeName,
    /// `COLLATE name`.
    pub collation: Option<Vec<String>>,
    /// Location of the name.
    pub location: Location,
}

/// `left [NATURAL] type JOIN right [ON expr | USING (cols)]`: PostgreSQL's `JoinExpr`.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinExpr {
    /// Join type. `CROSS JOIN` is `Inner` with no qualification.
    pub kind: JoinKind,
    /// NATURAL.
    pub natural: bool,
    /// Left input.
    pub left: FromItem,
    /// Right input.
    pub right: FromItem,
    /// `USING (cols)`.
    pub using: Vec<String>,
    /// `USING (cols) AS name` (`join_using_alias`).
    pub using_alias: Option<String>,
    /// `ON expr`.
    pub on: Option<Expr>,
    /// Alias of a parenthesised join, `(a JOIN b ON ...) AS j`.
    pub alias: Option<Alias>,
}

/// Join types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    /// INNER (also plain JOIN and CROSS JOIN).
    Inner,
    /// `LEFT [OUTER]`.
    Left,
    /// `RIGHT [OUTER]`.
    Right,
    /// `FULL [OUTER]`.
    Full,
}

/// An ORDER BY item: PostgreSQL's `SortBy`.
#[derive(Clone, Debug, PartialEq)]
pub struct SortBy {
    /// The sort key.
    pub expr: Expr,
    /// ASC / DESC / USING op.
    pub dir: SortDir,
    /// NULLS FIRST / LAST.
    pub nulls: SortNulls,
    /// Location of the `USING` operator, or of the expression otherwise.
    pub location: Location,
}

/// Sort direction.
#[derive(Clone, Debug, PartialEq)]
pub enum SortDir {
    /// Nothing written.
    Default,
    /// ASC.
    Asc,
    /// DESC.
    Desc,
    /// `USING op` (possibly qualified operator name).
    Using(Vec<String>),
}

/// NULLS ordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortNulls {
    /// Nothing written.
    Default,
    /// NULLS FIRST.
    First,
    /// NULLS LAST.
    Last,
}

/// A FOR UPDATE/SHARE clause.
#[derive(Clone, Debug, PartialEq)]
pub struct LockingClause {
    /// Lock strength.
    pub strength: LockStrength,
    /// `OF rel, ...` (empty = all).
    pub rels: Vec<RangeVar>,
    /// NOWAIT / SKIP LOCKED.
    pub wait: LockWaitPolicy,
}

/// Row lock strengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockStrength {
    /// FOR KEY SHARE.
    KeyShare,
    /// FOR SHARE.
    Share,
    /// FOR NO KEY UPDATE.
    NoKeyUpdate,
    /// FOR UPDATE.
    Update,
}

/// What to do when a row lock is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockWaitPolicy {
    /// Wait.
    Block,
    /// SKIP LOCKED.
    Skip,
    /// NOWAIT.
    Error,
}

/// `WITH [RECURSIVE] cte, ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithClause {
    /// RECURSIVE.
    pub recursive: bool,
    /// The CTEs.
    pub ctes: Vec<CommonTableExpr>,
}

/// One CTE: `name [(cols)] AS [[NOT] MATERIALIZED] (query)`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommonTableExpr {
    /// CTE name.
    pub name: String,
    /// Column aliases.
    pub columns: Vec<String>,
    /// `Some(true)` MATERIALIZED, `Some(false)` NOT MATERIALIZED.
    pub materialized: Option<bool>,
    /// The query: `Stmt::Select`, `Insert`, `Update`, `Delete` or `Merge` (gram.y's
    /// `PreparableStmt`; the analyzer refuses MERGE here).
    pub query: Box<Stmt>,
    /// `SEARCH {BREADTH | DEPTH} FIRST BY cols SET seq_col` after the query.
    pub search: Option<CteSearchClause>,
    /// `CYCLE cols SET mark_col [TO value DEFAULT default] USING path_col` after the query.
    pub cycle: Option<CteCycleClause>,
    /// Location of the name.
    pub location: Location,
}

/// A CTE's `SEARCH {BREADTH | DEPTH} FIRST BY cols SET seq_col` (`CTESearchClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct CteSearchClause {
    /// The columns to order by.
    pub columns: Vec<String>,
    /// BREADTH FIRST (true) or DEPTH FIRST (false).
    pub breadth_first: bool,
    /// The sequence column it adds.
    pub seq_column: String,
    /// Location of SEARCH.
    pub location: Location,
}

/// A CTE's `CYCLE cols SET mark_col [TO value DEFAULT default] USING path_col`
/// (`CTECycleClause`). Without TO/DEFAULT the values are TRUE and FALSE, as gram.y fills
/// them in.
#[derive(Clone, Debug, PartialEq)]
pub struct CteCycleClause {
    /// The columns whose repetition marks a cycle.
    pub columns: Vec<String>,
    /// The cycle mark column it adds.
    pub mark_column: String,
    /// The mark's value on a cycle (a constant).
    pub mark_value: Expr,
    /// The mark's value otherwise (a constant).
    pub mark_default: Expr,
    /// The path column it adds.
    pub path_column: String,
    /// Location of CYCLE.
    pub location: Location,
}

/// A window definition (`OVER (...)` or `WINDOW w AS (...)`): PostgreSQL's `WindowDef`.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowDef {
    /// Name given in a WINDOW clause.
    pub name: Option<String>,
    /// Name of the window this one refines (`OVER w` or `OVER (w ORDER BY ...)`).
    pub refname: Option<String>,
    /// PARTITION BY.
    pub partition_by: Vec<Expr>,
    /// ORDER BY.
    pub order_by: Vec<SortBy>,
    /// Frame clause.
    pub frame: Option<WindowFrame>,
    /// Location.
    pub location: Location,
}

/// `{ROWS|RANGE|GROUPS} [BETWEEN] start [AND end] [EXCLUDE ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowFrame {
    /// ROWS / RANGE / GROUPS.
    pub mode: FrameMode,
    /// Start bound.
    pub start: FrameBound,
    /// End bound (`None` = CURRENT ROW implied, no BETWEEN written).
    pub end: Option<FrameBound>,
    /// EXCLUDE option.
    pub exclude: FrameExclude,
}

/// Frame modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameMode {
    /// ROWS.
    Rows,
    /// RANGE.
    Range,
    /// GROUPS.
    Groups,
}

/// A frame bound.
#[derive(Clone, Debug, PartialEq)]
pub enum FrameBound {
    /// UNBOUNDED PRECEDING.
    UnboundedPreceding,
    /// expr PRECEDING.
    Preceding(Box<Expr>),
    /// CURRENT ROW.
    CurrentRow,
    /// expr FOLLOWING.
    Following(Box<Expr>),
    /// UNBOUNDED FOLLOWING.
    UnboundedFollowing,
}

/// Frame EXCLUDE options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameExclude {
    /// Nothing written / EXCLUDE NO OTHERS.
    NoOthers,
    /// EXCLUDE CURRENT ROW.
    CurrentRow,
    /// EXCLUDE GROUP.
    Group,
    /// EXCLUDE TIES.
    Ties,
}

/// An expression node with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Byte offset of the token PostgreSQL would point at for this node (the operator for
    /// an operator expression, the first name for a column reference, ...).
    pub location: Location,
}

impl Expr {
    /// Builds an expression.
    pub fn new(kind: ExprKind, location: usize) -> Expr {
        Expr { kind, location: Location(location) }
    }
}

/// Raw expression kinds, named after PostgreSQL's raw nodes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a`, `t.a`, `s.t.a`, `*`, `t.*` (`ColumnRef`).
    ColumnRef(Vec<ColumnRefField>),
    /// `$n` (`ParamRef`).
    Param(u32),
    /// A literal (`A_Const`).
    Const(Value),
    /// An operator expression `left op right` or prefix `op right` (`A_Expr` `AEXPR_OP`).
    /// `!=` is already `<>`. `name` is the operator, qualified for `OPERATOR(s.op)`.
    Op {
        /// Operator name (last element is the operator symbol).
        name: Vec<String>,
        /// Left operand; `None` for a prefix operator.
        left: Option<Box<Expr>>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `left op ANY|ALL (array expr)` (`AEXPR_OP_ANY` / `AEXPR_OP_ALL`).
    OpAnyAll {
        /// Operator name.
        name: Vec<String>,
        /// True for ALL, false for ANY/SOME.
        all: bool,
        /// Left operand.
        left: Box<Expr>,
        /// The array expression.
        right: Box<Expr>,
    },
    /// `left IS [NOT] DISTINCT FROM right`.
    Distinct {
        /// True for IS NOT DISTINCT FROM.
        not: bool,
        /// Left.
        left: Box<Expr>,
        /// Right.
        right: Box<Expr>,
    },
    /// `NULLIF(a, b)`.
    NullIf(Box<Expr>, Box<Expr>),
    /// `expr [NOT] IN (list)`. IN with a subquery is a `SubLink` instead.
    In {
        /// NOT IN.
        not: bool,
        /// Left operand.
        expr: Box<Expr>,
        /// The list.
        list: Vec<Expr>,
    },
    /// `expr [NOT] LIKE|ILIKE|SIMILAR TO pattern [ESCAPE e]`.
    /// PostgreSQL's operators: LIKE `~~`/`!~~`, ILIKE `~~*`/`!~~*`, SIMILAR TO `~`/`!~` applied to
    /// `similar_to_escape(pattern[, e])`; LIKE/ILIKE with ESCAPE use `like_escape(pattern, e)`.
    Like {
        /// LIKE, ILIKE or SIMILAR TO.
        kind: LikeKind,
        /// NOT.
        not: bool,
        /// The string.
        expr: Box<Expr>,
        /// The pattern.
        pattern: Box<Expr>,
        /// ESCAPE.
        escape: Option<Box<Expr>>,
    },
    /// `expr [NOT] BETWEEN [SYMMETRIC] low AND high`.
    Between {
        /// NOT BETWEEN.
        not: bool,
        /// SYMMETRIC.
        symmetric: bool,
        /// Tested value.
        expr: Box<Expr>,
        /// Lower bound.
        low: Box<Expr>,
        /// Upper bound.
        high: Box<Expr>,
    },
    /// AND / OR / NOT (`BoolExpr`). AND and OR chains are flattened as in PostgreSQL.
    Bool {
        /// Which operator.
        op: BoolOp,
        /// Operands (one for NOT).
        args: Vec<Expr>,
    },
    /// `expr IS [NOT] NULL`, `ISNULL`, `NOTNULL` (`NullTest`).
    NullTest {
        /// The tested expression.
        expr: Box<Expr>,
        /// True for IS NOT NULL / NOTNULL.
        not: bool,
    },
    /// `expr IS [NOT] TRUE|FALSE|UNKNOWN` (`BooleanTest`).
    BooleanTest {
        /// The tested expression.
        expr: Box<Expr>,
        /// Which test.
        test: BoolTestKind,
    },
    /// `expr::type`, `CAST(expr AS type)`, and `type 'literal'` (`TypeCast`).
    TypeCast {
        /// The argument.
        arg: Box<Expr>,
        /// Target type (boxed, so that every `Expr` stays small: see the README's "Stack
        /// depth").
        type_name: Box<TypeName>,
    },
    /// `expr COLLATE name` (`CollateClause`).
    Collate {
        /// The argument.
        arg: Box<Expr>,
        /// Collation name (possibly qualified).
        collation: Vec<String>,
    },
    /// A function call (`FuncCall`). SQL-syntax functions (EXTRACT, POSITION, SUBSTRING, TRIM,
    /// OVERLAY, AT TIME ZONE) become calls of `pg_catalog.<name>` as in PostgreSQL.
    FuncCall(Box<FuncCall>),
    /// `name => value` inside a function's argument list (`NamedArgExpr`).
    NamedArg {
        /// Parameter name.
        name: String,
        /// Value.
        arg: Box<Expr>,
    },
    /// A subquery expression (`SubLink`).
    SubLink {
        /// EXISTS, ANY, ALL, scalar (`Expr`), `ARRAY(...)`.
        kind: SubLinkKind,
        /// Left operand for ANY/ALL (`x IN (SELECT ...)` is `x = ANY (SELECT ...)`).
        test_expr: Option<Box<Expr>>,
        /// The subquery.
        subselect: Box<SelectStmt>,
    },
    /// `CASE [arg] WHEN ... THEN ... [ELSE ...] END` (`CaseExpr`).
    Case {
        /// The simple-CASE argument.
        arg: Option<Box<Expr>>,
        /// (condition-or-value, result) pairs.
        whens: Vec<(Expr, Expr)>,
        /// ELSE result.
        default: Option<Box<Expr>>,
    },
    /// `ARRAY[...]` (`A_ArrayExpr`); nested `[...]` inside are also `Array`.
    Array(Vec<Expr>),
    /// `ROW(...)` or `(a, b, ...)` (`RowExpr`).
    Row {
        /// Fields.
        args: Vec<Expr>,
        /// True when the keyword ROW was written.
        explicit: bool,
    },
    /// `COALESCE(...)`.
    Coalesce(Vec<Expr>),
    /// `GREATEST(...)` / `LEAST(...)` (`MinMaxExpr`).
    MinMax {
        /// True for GREATEST.
        greatest: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// CURRENT_DATE, CURRENT_USER, ... (`SQLValueFunction`).
    SqlValueFunction {
        /// Which one.
        op: SqlValueFunctionOp,
        /// Precision for CURRENT_TIME(p) etc.
        precision: Option<i32>,
    },
    /// Subscripts and field selection applied to an expression (`A_Indirection`):
    /// `(x).f`, `(x).*`, `a[1]`, `a[1:2]`, `$1[1]`. A plain `t.a` is a `ColumnRef`, but a
    /// subscript after a column reference (`t.a[1]`) is an `Indirection` on the `ColumnRef`.
    Indirection {
        /// The base expression.
        arg: Box<Expr>,
        /// Indirection steps, outermost last.
        steps: Vec<IndirectionStep>,
    },
    /// `GROUPING(a, b)` (`GroupingFunc`).
    Grouping(Vec<Expr>),
    /// `DEFAULT` written as an expression (`SetToDefault`): a column's default value in an
    /// INSERT's VALUES row or an UPDATE's SET. The grammar takes it wherever an `a_expr` may
    /// stand; the analyzer rejects it elsewhere ("DEFAULT is not allowed in this context").
    SetToDefault,
    /// XMLCONCAT, XMLELEMENT, XMLFOREST, XMLPARSE, XMLPI, XMLROOT, `IS DOCUMENT` (`XmlExpr`).
    Xml(Box<XmlExpr>),
    /// `XMLSERIALIZE({DOCUMENT | CONTENT} expr AS type)` (`XmlSerialize`).
    XmlSerialize {
        /// DOCUMENT or CONTENT.
        xmloption: XmlOption,
        /// The value.
        expr: Box<Expr>,
        /// The result type.
        type_name: Box<TypeName>,
    },
    /// A grouping set in GROUP BY (`GroupingSet`): `()`, `ROLLUP (...)`, `CUBE (...)`,
    /// `GROUPING SETS (...)`. Only a member of `SimpleSelect::group_by` (or of another
    /// grouping set) is ever one.
    GroupingSet {
        /// Which kind.
        kind: GroupingSetKind,
        /// The members: expressions (an implicit row `(a, b)` groups its fields together),
        /// and for GROUPING SETS also nested grouping sets. Empty for `()`.
        content: Vec<Expr>,
    },
}

/// An XML construct written in SQL syntax (`XmlExpr`, raw form): XMLCONCAT, XMLELEMENT,
/// XMLFOREST, XMLPARSE, XMLPI, XMLROOT and `IS DOCUMENT`.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlExpr {
    /// Which construct.
    pub op: XmlExprOp,
    /// XMLELEMENT's and XMLPI's `NAME name`.
    pub name: Option<String>,
    /// XMLELEMENT's XMLATTRIBUTES and XMLFOREST's elements: each a value with an optional
    /// `AS label` (`ResTarget`s, as in PostgreSQL).
    pub named_args: Vec<ResTarget>,
    /// The other arguments. XMLPARSE: the text and whether whitespace is preserved (a
    /// boolean constant); XMLROOT: the value, its version (NULL for `NO VALUE`) and the
    /// standalone choice (an integer constant, see [`XmlStandalone`]).
    pub args: Vec<Expr>,
    /// DOCUMENT or CONTENT (XMLPARSE; DOCUMENT elsewhere).
    pub xmloption: XmlOption,
}

/// The XML constructs of [`XmlExpr`] (`XmlExprOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlExprOp {
    /// `XMLCONCAT(args)`.
    Concat,
    /// `XMLELEMENT(NAME n [, XMLATTRIBUTES(...)] [, args])`.
    Element,
    /// `XMLFOREST(elements)`.
    Forest,
    /// `XMLPARSE({DOCUMENT | CONTENT} text [{PRESERVE | STRIP} WHITESPACE])`.
    Parse,
    /// `XMLPI(NAME n [, text])`.
    Pi,
    /// `XMLROOT(x, VERSION v [, STANDALONE ...])`.
    Root,
    /// `x IS DOCUMENT`.
    IsDocument,
}

/// `DOCUMENT` or `CONTENT` (`XmlOptionType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlOption {
    /// DOCUMENT.
    Document,
    /// CONTENT.
    Content,
}

/// XMLROOT's STANDALONE choice, as its integer argument holds it (`XmlStandaloneType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlStandalone {
    /// `STANDALONE YES` (0).
    Yes = 0,
    /// `STANDALONE NO` (1).
    No = 1,
    /// `STANDALONE NO VALUE` (2).
    NoValue = 2,
    /// Not written (3).
    Omitted = 3,
}

/// The kinds of [`ExprKind::GroupingSet`] (`GroupingSetKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupingSetKind {
    /// `()`: the empty grouping set.
    Empty,
    /// `ROLLUP (...)`.
    Rollup,
    /// `CUBE (...)`.
    Cube,
    /// `GROUPING SETS (...)`.
    Sets,
}

/// An element of a `ColumnRef`.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRefField {
    /// A (folded) name.
    Name(String),
    /// `*`.
    Star,
}

/// One indirection step.
#[derive(Clone, Debug, PartialEq)]
pub enum IndirectionStep {
    /// `.name`.
    Field(String),
    /// `.*`.
    Star,
    /// `[i]`, or a slice `[lower:upper]` with optional bounds.
    Subscript {
        /// Lower bound (the only index for a non-slice).
        lower: Option<Box<Expr>>,
        /// Upper bound of a slice.
        upper: Option<Box<Expr>>,
        /// True for `[a:b]`.
        slice: bool,
    },
}

/// A literal value (`A_Const`'s `Value`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An integer literal that fits in int4 (PostgreSQL's `Integer`).
    Integer(i32),
    /// Any other numeric literal, kept as text: decimals, exponents, and integers too large for
    /// int4 (which the analyzer types as int8 or numeric) (PostgreSQL's `Float`).
    Float(String),
    /// TRUE / FALSE.
    Boolean(bool),
    /// A string literal, escapes already processed.
    String(String),
    /// `B'...'` as `"b0101"`, `X'...'` as `"x1F"` (PostgreSQL's `BitString`).
    BitString(String),
    /// NULL.
    Null,
}

/// LIKE flavours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeKind {
    /// LIKE.
    Like,
    /// ILIKE.
    ILike,
    /// SIMILAR TO.
    Similar,
}

/// Boolean operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    /// AND.
    And,
    /// OR.
    Or,
    /// NOT.
    Not,
}

/// `IS [NOT] TRUE/FALSE/UNKNOWN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolTestKind {
    /// IS TRUE.
    IsTrue,
    /// IS NOT TRUE.
    IsNotTrue,
    /// IS FALSE.
    IsFalse,
    /// IS NOT FALSE.
    IsNotFalse,
    /// IS UNKNOWN.
    IsUnknown,
    /// IS NOT UNKNOWN.
    IsNotUnknown,
}

/// A function call (`FuncCall`).
#[derive(Clone, Debug, PartialEq)]
pub struct FuncCall {
    /// Function name, possibly qualified.
    pub name: Vec<String>,
    /// Arguments (may contain `NamedArg`).
    pub args: Vec<Expr>,
    /// `f(x ORDER BY y)` or `WITHIN GROUP (ORDER BY y)`.
    pub agg_order: Vec<SortBy>,
    /// True when the ORDER BY came from `WITHIN GROUP`.
    pub agg_within_group: bool,
    /// `FILTER (WHERE ...)`.
    pub agg_filter: Option<Box<Expr>>,
    /// `f(*)`.
    pub agg_star: bool,
    /// `f(DISTINCT ...)`.
    pub agg_distinct: bool,
    /// `f(VARIADIC x)`: the last argument was marked VARIADIC.
    pub func_variadic: bool,
    /// `OVER (...)`, or `OVER name` (a WindowDef with only `name` set, as
    /// gram.y builds it).
    pub over: Option<WindowDef>,
    /// How the call was written: `f(...)`, or one of the SQL-standard
    /// syntaxes that gram.y turns into a call (PostgreSQL's `funcformat`).
    pub funcformat: FuncFormat,
}

/// How a [`FuncCall`] was written (PostgreSQL's `CoercionForm` on a `FuncCall`).
///
/// PostgreSQL keeps the difference in the tree: `pg_catalog.substring(x, 2)`
/// and `SUBSTRING(x FROM 2)` call the same function, but only the second is
/// `COERCE_SQL_SYNTAX`, and ruleutils prints each back as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncFormat {
    /// `name(args)` (`COERCE_EXPLICIT_CALL`).
    ExplicitCall,
    /// A special syntax (`COERCE_SQL_SYNTAX`): EXTRACT, OVERLAY, POSITION,
    /// SUBSTRING, TRIM, NORMALIZE, COLLATION FOR, AT TIME ZONE, OVERLAPS,
    /// IS NORMALIZED, XMLEXISTS. The name is `pg_catalog.<function>`.
    SqlSyntax,
}

impl FuncCall {
    /// A plain call `name(args)`.
    pub fn plain(name: Vec<String>, args: Vec<Expr>) -> FuncCall {
        FuncCall {
            name,
            args,
            agg_order: Vec::new(),
            agg_within_group: false,
            agg_filter: None,
            agg_star: false,
            agg_distinct: false,
            func_variadic: false,
            over: None,
            funcformat: FuncFormat::ExplicitCall,
        }
    }

    /// A call written in one of the SQL-standard syntaxes: `pg_catalog.name(args)` marked
    /// [`FuncFormat::SqlSyntax`].
    pub fn sql_syntax(name: &str, args: Vec<Expr>) -> FuncCall {
        FuncCall {
            funcformat: FuncFormat::SqlSyntax,
            ..FuncCall::plain(vec!["pg_catalog".to_string(), name.to_string()], args)
        }
    }
}

/// Subquery kinds (`SubLinkType`).
#[derive(Clone, Debug, PartialEq)]
pub enum SubLinkKind {
    /// EXISTS (SELECT ...).
    Exists,
    /// `x op ANY (SELECT ...)`; `x IN (SELECT ...)` is ANY with no operator
    /// name (gram.y's `operName = NIL`), which means `=`.
    Any(Vec<String>),
    /// `x op ALL (SELECT ...)`.
    All(Vec<String>),
    /// `(SELECT ...)` as a scalar.
    Expr,
    /// `ARRAY(SELECT ...)`.
    Array,
}

/// SQL-standard functions written without parentheses (`SQLValueFunctionOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlValueFunctionOp {
    /// CURRENT_DATE.
    CurrentDate,
    /// `CURRENT_TIME [(p)]`.
    CurrentTime,
    /// `CURRENT_TIMESTAMP [(p)]`.
    CurrentTimestamp,
    /// `LOCALTIME [(p)]`.
    LocalTime,
    /// `LOCALTIMESTAMP [(p)]`.
    LocalTimestamp,
    /// CURRENT_ROLE.
    CurrentRole,
    /// CURRENT_USER.
    CurrentUser,
    /// USER.
    User,
    /// SESSION_USER.
    SessionUser,
    /// CURRENT_CATALOG.
    CurrentCatalog,
    /// CURRENT_SCHEMA.
    CurrentSchema,
}

impl SqlValueFunctionOp {
    /// The SQL keyword(s) for the function.
    pub fn sql(&self) -> &'static str {
        match self {
            SqlValueFunctionOp::CurrentDate => "CURRENT_DATE",
            SqlValueFunctionOp::CurrentTime => "CURRENT_TIME",
            SqlValueFunctionOp::CurrentTimestamp => "CURRENT_TIMESTAMP",
            SqlValueFunctionOp::LocalTime => "LOCALTIME",
            SqlValueFunctionOp::LocalTimestamp => "LOCALTIMESTAMP",
            SqlValueFunctionOp::CurrentRole => "CURRENT_ROLE",
            SqlValueFunctionOp::CurrentUser => "CURRENT_USER",
            SqlValueFunctionOp::User => "USER",
            SqlValueFunctionOp::SessionUser => "SESSION_USER",
            SqlValueFunctionOp::CurrentCatalog => "CURRENT_CATALOG",
            SqlValueFunctionOp::CurrentSchema => "CURRENT_SCHEMA",
        }
    }
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

/// `SET` / `RESET` (`VariableSetStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct VariableSetStmt {
    /// What is done.
    pub kind: VariableSetKind,
    /// The setting's name, lower case (`"timezone"` for SET TIME ZONE, `"role"` for SET ROLE,
    /// `"session_authorization"`, `"client_encoding"` for SET NAMES, `"search_path"` for SET
    /// SCHEMA, `"transaction"` / `"session characteristics"` for the multi forms). Empty for
    /// RESET ALL.
    pub name: String,
    /// The values (strings for words and quoted strings, numbers for numbers; SET TIME ZONE
    /// INTERVAL '...' gives a `TypeCast` constant in `interval_value` instead).
    pub args: Vec<Value>,
    /// `SET TIME ZONE INTERVAL '...' [fields]` value.
    pub interval_value: Option<Expr>,
    /// `SET TRANSACTION ...` / `SET SESSION CHARACTERISTICS AS TRANSACTION ...` modes.
    pub transaction_modes: Vec<TransactionMode>,
    /// SET LOCAL.
    pub is_local: bool,
}

/// `VariableSetKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariableSetKind {
    /// `SET name TO value, ...`.
    Value,
    /// `SET name TO DEFAULT` (also `SET TIME ZONE DEFAULT|LOCAL`).
    Default,
    /// `SET name FROM CURRENT`.
    Current,
    /// `SET TRANSACTION ...` and other multi-setting forms.
    Multi,
    /// `RESET name`.
    Reset,
    /// `RESET ALL`.
    ResetAll,
}

/// A transaction statement (`TransactionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct TransactionStmt {
    /// What is done.
    pub kind: TransactionKind,
    /// Modes of BEGIN / START TRANSACTION.
    pub modes: Vec<TransactionMode>,
    /// Savepoint name for SAVEPOINT / RELEASE / ROLLBACK TO.
    pub savepoint_name: Option<String>,
    /// Global transaction id for two-phase commands.
    pub gid: Option<String>,
    /// `AND CHAIN` on COMMIT / ROLLBACK.
    pub chain: bool,
}

/// `TransactionStmtKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionKind {
    /// `BEGIN [WORK | TRANSACTION]`.
    Begin,
    /// START TRANSACTION.
    Start,
    /// COMMIT / END.
    Commit,
    /// ROLLBACK / ABORT.
    Rollback,
    /// SAVEPOINT name.
    Savepoint,
    /// `RELEASE [SAVEPOINT] name`.
    Release,
    /// `ROLLBACK TO [SAVEPOINT] name`.
    RollbackTo,
    /// PREPARE TRANSACTION 'gid'.
    Prepare,
    /// COMMIT PREPARED 'gid'.
    CommitPrepared,
    /// ROLLBACK PREPARED 'gid'.
    RollbackPrepared,
}

/// A transaction mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionMode {
    /// ISOLATION LEVEL ...
    IsolationLevel(IsolationLevel),
    /// READ ONLY (true) / READ WRITE (false).
    ReadOnly(bool),
    /// DEFERRABLE (true) / NOT DEFERRABLE (false).
    Deferrable(bool),
}

/// Isolation levels, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsolationLevel {
    /// READ UNCOMMITTED.
    ReadUncommitted,
    /// READ COMMITTED.
    ReadCommitted,
    /// REPEATABLE READ.
    RepeatableRead,
    /// SERIALIZABLE.
    Serializable,
}

impl IsolationLevel {
    /// The GUC value (`"read committed"`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            IsolationLevel::ReadUncommitted => "read uncommitted",
            IsolationLevel::ReadCommitted => "read committed",
            IsolationLevel::RepeatableRead => "repeatable read",
            IsolationLevel::Serializable => "serializable",
        }
    }
}

/// Which keyword introduced a role statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleStmtKind {
    /// ROLE.
    Role,
    /// USER (CREATE USER implies LOGIN).
    User,
    /// GROUP.
    Group,
}

/// `CREATE ROLE` (`CreateRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRoleStmt {
    /// ROLE / USER / GROUP.
    pub kind: RoleStmtKind,
    /// The new role's name.
    pub name: String,
    /// Options in the order written.
    pub options: Vec<RoleOption>,
}

/// `ALTER ROLE name [WITH] options` (`AlterRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRoleStmt {
    /// The role.
    pub role: RoleSpec,
    /// Options in the order written.
    pub options: Vec<RoleOption>,
}

/// `ALTER ROLE {name | ALL} [IN DATABASE db] SET/RESET ...` (`AlterRoleSetStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRoleSetStmt {
    /// The role; `None` for ALTER ROLE ALL.
    pub role: Option<RoleSpec>,
    /// IN DATABASE.
    pub database: Option<String>,
    /// The SET / RESET.
    pub set: VariableSetStmt,
}

/// `DROP ROLE` (`DropRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct DropRoleStmt {
    /// The roles.
    pub roles: Vec<RoleSpec>,
    /// IF EXISTS.
    pub missing_ok: bool,
}

/// A role option (PostgreSQL's `DefElem`s of CREATE/ALTER ROLE).
#[derive(Clone, Debug, PartialEq)]
pub enum RoleOption {
    /// SUPERUSER / NOSUPERUSER.
    Superuser(bool),
    /// CREATEDB / NOCREATEDB.
    CreateDb(bool),
    /// CREATEROLE / NOCREATEROLE.
    CreateRole(bool),
    /// INHERIT / NOINHERIT.
    Inherit(bool),
    /// LOGIN / NOLOGIN.
    Login(bool),
    /// REPLICATION / NOREPLICATION.
    Replication(bool),
    /// BYPASSRLS / NOBYPASSRLS.
    BypassRls(bool),
    /// CONNECTION LIMIT n.
    ConnectionLimit(i32),
    /// `[ENCRYPTED] PASSWORD` 'x' | PASSWORD NULL.
    Password(Option<String>),
    /// VALID UNTIL 'timestamp'.
    ValidUntil(String),
    /// IN ROLE / IN GROUP roles (CREATE only).
    InRole(Vec<RoleSpec>),
    /// ROLE / USER roles: make these roles members (CREATE only).
    Role(Vec<RoleSpec>),
    /// ADMIN roles (CREATE only).
    Admin(Vec<RoleSpec>),
    /// SYSID n (accepted and ignored by PostgreSQL).
    SysId(i32),
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
