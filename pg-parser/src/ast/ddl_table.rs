//! Syntax trees of CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.
//!
//! PostgreSQL source area: gram.y `CreateStmt`, `ColumnDef`, `Constraint`, `IndexStmt`, `CreateSeqStmt`, `ViewStmt`, `CreateTableAsStmt` (`parsenodes.h`).
//!
//! Shared with other families: [`ColumnDef`] and [`Constraint`] (ALTER TABLE ADD COLUMN /
//! ADD CONSTRAINT, CREATE DOMAIN), [`SeqOption`] (ALTER SEQUENCE, identity columns),
//! [`IndexElem`] (ON CONFLICT) and [`PartitionBoundSpec`] (ALTER TABLE ATTACH PARTITION).
//! Options lists (`WITH (reloptions)`, `OPTIONS (...)`) are ddl_types' [`DefElem`]s.

use super::*;

/// A column definition (`ColumnDef`): `name type [COMPRESSION c] [OPTIONS (...)] [COLLATE c]
/// [constraints]`, or in a typed or partition table `name [WITH OPTIONS] [constraints]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDef {
    /// The column's name.
    pub name: String,
    /// Its type; `None` in `OF type` and `PARTITION OF` tables, where the type comes from elsewhere.
    pub type_name: Option<TypeName>,
    /// `COMPRESSION method` (`"default"` for `COMPRESSION DEFAULT`).
    pub compression: Option<String>,
    /// `COLLATE name`.
    pub collation: Option<Vec<String>>,
    /// `OPTIONS (name 'value', ...)` (foreign tables' column options).
    pub fdw_options: Vec<DefElem>,
    /// The column constraints in the order written; DEFERRABLE / INITIALLY ... are
    /// constraints of their own here, as in PostgreSQL's raw tree (the analyzer attaches them to
    /// the constraint before them).
    pub constraints: Vec<Constraint>,
    /// Location of the name.
    pub location: Location,
}

/// A constraint (`Constraint`), of a column or of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Constraint {
    /// `CONSTRAINT name`.
    pub name: Option<String>,
    /// What the constraint is.
    pub kind: ConstraintKind,
    /// DEFERRABLE (table constraints; column constraints carry attribute entries instead).
    pub deferrable: bool,
    /// INITIALLY DEFERRED (table constraints).
    pub initially_deferred: bool,
    /// NOT VALID (table CHECK and FOREIGN KEY constraints).
    pub not_valid: bool,
    /// NO INHERIT (CHECK constraints).
    pub no_inherit: bool,
    /// Location of `CONSTRAINT`, or of the constraint's first keyword.
    pub location: Location,
}

/// The kinds of [`Constraint`] (`ConstrType`).
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintKind {
    /// NULL.
    Null,
    /// NOT NULL.
    NotNull,
    /// `DEFAULT b_expr`.
    Default(Expr),
    /// `CHECK (expr)`.
    Check(Expr),
    /// `GENERATED ALWAYS AS (expr) STORED`.
    Generated(Expr),
    /// `GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]`.
    Identity {
        /// ALWAYS (true) or BY DEFAULT (false).
        always: bool,
        /// The sequence options.
        options: Vec<SeqOption>,
    },
    /// `UNIQUE [NULLS [NOT] DISTINCT] ...`.
    Unique(IndexConstraint),
    /// `PRIMARY KEY ...`.
    PrimaryKey(IndexConstraint),
    /// `EXCLUDE [USING method] (elem WITH op, ...) ...`.
    Exclusion(ExclusionConstraint),
    /// `[FOREIGN KEY (cols)] REFERENCES table [(cols)] ...`.
    ForeignKey(ForeignKeyConstraint),
    /// DEFERRABLE written after a column constraint.
    AttrDeferrable,
    /// NOT DEFERRABLE written after a column constraint.
    AttrNotDeferrable,
    /// INITIALLY DEFERRED written after a column constraint.
    AttrDeferred,
    /// INITIALLY IMMEDIATE written after a column constraint.
    AttrImmediate,
}

/// The parts of a UNIQUE or PRIMARY KEY constraint.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IndexConstraint {
    /// `NULLS NOT DISTINCT` (UNIQUE only).
    pub nulls_not_distinct: bool,
    /// The key columns (empty for a column constraint).
    pub keys: Vec<String>,
    /// `INCLUDE (cols)`.
    pub including: Vec<String>,
    /// `WITH (options)` of the index.
    pub options: Vec<DefElem>,
    /// `USING INDEX TABLESPACE name`.
    pub index_tablespace: Option<String>,
    /// `USING INDEX name` (ALTER TABLE ... ADD CONSTRAINT ... USING INDEX).
    pub index_name: Option<String>,
}

/// The parts of an EXCLUDE constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct ExclusionConstraint {
    /// `USING method` (`None`: the default, btree).
    pub access_method: Option<String>,
    /// `(elem WITH operator, ...)`.
    pub elements: Vec<(IndexElem, Vec<String>)>,
    /// `INCLUDE (cols)`.
    pub including: Vec<String>,
    /// `WITH (options)`.
    pub options: Vec<DefElem>,
    /// `USING INDEX TABLESPACE name`.
    pub index_tablespace: Option<String>,
    /// `WHERE (predicate)`.
    pub where_clause: Option<Box<Expr>>,
}

/// The parts of a FOREIGN KEY (or column REFERENCES) constraint.
#[derive(Clone, Debug, PartialEq)]
pub struct ForeignKeyConstraint {
    /// The referencing columns (empty for a column constraint).
    pub fk_attrs: Vec<String>,
    /// The referenced table.
    pub pk_table: RangeVar,
    /// The referenced columns (empty: its primary key).
    pub pk_attrs: Vec<String>,
    /// MATCH FULL / SIMPLE (PostgreSQL's grammar refuses MATCH PARTIAL: not implemented).
    pub match_type: FkMatch,
    /// ON UPDATE.
    pub update_action: FkAction,
    /// ON DELETE.
    pub delete_action: FkAction,
    /// `ON DELETE SET NULL (cols)` / `SET DEFAULT (cols)`.
    pub delete_set_cols: Vec<String>,
}

/// `MATCH` of a foreign key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FkMatch {
    /// MATCH SIMPLE, or nothing written.
    Simple,
    /// MATCH FULL.
    Full,
}

/// A referential action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FkAction {
    /// NO ACTION, or nothing written.
    NoAction,
    /// RESTRICT.
    Restrict,
    /// CASCADE.
    Cascade,
    /// SET NULL.
    SetNull,
    /// SET DEFAULT.
    SetDefault,
}

/// A sequence option (`SeqOptElem`), of CREATE / ALTER SEQUENCE and identity columns.
#[derive(Clone, Debug, PartialEq)]
pub enum SeqOption {
    /// `AS type`.
    As(TypeName),
    /// `CACHE n`.
    Cache(Value),
    /// CYCLE (true) / NO CYCLE (false).
    Cycle(bool),
    /// `INCREMENT [BY] n`.
    Increment(Value),
    /// `MAXVALUE n`, or NO MAXVALUE (`None`).
    MaxValue(Option<Value>),
    /// `MINVALUE n`, or NO MINVALUE (`None`).
    MinValue(Option<Value>),
    /// `OWNED BY table.column`, or OWNED BY NONE (`["none"]`).
    OwnedBy(Vec<String>),
    /// `SEQUENCE NAME name` (identity columns).
    SequenceName(Vec<String>),
    /// `START [WITH] n`.
    Start(Value),
    /// `RESTART [[WITH] n]` (ALTER SEQUENCE).
    Restart(Option<Value>),
    /// LOGGED (true) / UNLOGGED (false): an identity sequence's persistence.
    Logged(bool),
}

/// One column or expression of an index or an exclusion constraint (`IndexElem`):
/// `{col | (expr) | func(...)} [COLLATE c] [opclass [(params)]] [ASC|DESC] [NULLS FIRST|LAST]`.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexElem {
    /// The column or expression.
    pub key: IndexKey,
    /// `COLLATE name`.
    pub collation: Vec<String>,
    /// The operator class.
    pub opclass: Vec<String>,
    /// The operator class's parameters.
    pub opclass_options: Vec<DefElem>,
    /// ASC / DESC (`SortDir::Using` does not occur).
    pub ordering: SortDir,
    /// NULLS FIRST / LAST.
    pub nulls: SortNulls,
}

/// What an [`IndexElem`] indexes.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexKey {
    /// A column.
    Column(String),
    /// An expression.
    Expr(Expr),
}

/// `PARTITION BY strategy (elems)` (`PartitionSpec`).
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionSpec {
    /// The strategy as written, folded (`range`, `list`, `hash`; checked by the analyzer).
    pub strategy: String,
    /// The partition key.
    pub params: Vec<PartitionElem>,
    /// Location of PARTITION.
    pub location: Location,
}

/// One key of a [`PartitionSpec`] (`PartitionElem`).
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionElem {
    /// The column or expression.
    pub key: IndexKey,
    /// `COLLATE name`.
    pub collation: Vec<String>,
    /// The operator class.
    pub opclass: Vec<String>,
    /// Location.
    pub location: Location,
}

/// A partition's bound (`PartitionBoundSpec`).
#[derive(Clone, Debug, PartialEq)]
pub enum PartitionBoundSpec {
    /// `FOR VALUES IN (exprs)`.
    List(Vec<Expr>),
    /// `FOR VALUES FROM (exprs) TO (exprs)`; MINVALUE / MAXVALUE are column references here.
    Range {
        /// The lower bound.
        from: Vec<Expr>,
        /// The upper bound.
        to: Vec<Expr>,
    },
    /// `FOR VALUES WITH (MODULUS m, REMAINDER r)`.
    Hash {
        /// The modulus.
        modulus: i32,
        /// The remainder.
        remainder: i32,
    },
    /// DEFAULT.
    Default,
}

/// `LIKE source [options]` in a CREATE TABLE (`TableLikeClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct TableLikeClause {
    /// The source relation.
    pub relation: RangeVar,
    /// The `CREATE_TABLE_LIKE_*` bits, as INCLUDING / EXCLUDING left them (see [`like_option`]).
    pub options: u32,
}

/// The `CREATE_TABLE_LIKE_*` bits of [`TableLikeClause::options`].
pub mod like_option {
    /// COMMENTS.
    pub const COMMENTS: u32 = 1 << 0;
    /// COMPRESSION.
    pub const COMPRESSION: u32 = 1 << 1;
    /// CONSTRAINTS.
    pub const CONSTRAINTS: u32 = 1 << 2;
    /// DEFAULTS.
    pub const DEFAULTS: u32 = 1 << 3;
    /// GENERATED.
    pub const GENERATED: u32 = 1 << 4;
    /// IDENTITY.
    pub const IDENTITY: u32 = 1 << 5;
    /// INDEXES.
    pub const INDEXES: u32 = 1 << 6;
    /// STATISTICS.
    pub const STATISTICS: u32 = 1 << 7;
    /// STORAGE.
    pub const STORAGE: u32 = 1 << 8;
    /// ALL (PG_INT32_MAX).
    pub const ALL: u32 = 0x7FFF_FFFF;
    /// The named options in the order INCLUDING/EXCLUDING lists name them.
    pub const NAMED: [(&str, u32); 9] = [
        ("COMMENTS", COMMENTS),
        ("COMPRESSION", COMPRESSION),
        ("CONSTRAINTS", CONSTRAINTS),
        ("DEFAULTS", DEFAULTS),
        ("GENERATED", GENERATED),
        ("IDENTITY", IDENTITY),
        ("INDEXES", INDEXES),
        ("STATISTICS", STATISTICS),
        ("STORAGE", STORAGE),
    ];
}

/// One element between the parentheses of a CREATE TABLE.
#[derive(Clone, Debug, PartialEq)]
pub enum TableElement {
    /// A column.
    Column(ColumnDef),
    /// A table constraint.
    Constraint(Constraint),
    /// `LIKE source ...`.
    Like(TableLikeClause),
}

/// `ON COMMIT` of a temporary table (`OnCommitAction`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnCommit {
    /// Nothing written.
    #[default]
    Noop,
    /// ON COMMIT PRESERVE ROWS.
    PreserveRows,
    /// ON COMMIT DELETE ROWS.
    DeleteRows,
    /// ON COMMIT DROP.
    Drop,
}

/// `CREATE [TEMP | UNLOGGED] TABLE` (`CreateStmt`), its typed (`OF type`) and partition
/// (`PARTITION OF parent`) forms; also the table part of CREATE FOREIGN TABLE.
/// The persistence (`'p'`, `'t'`, `'u'`) is the relation's [`RangeVar::persistence`].
#[derive(Clone, Debug, PartialEq)]
pub struct CreateStmt {
    /// The new table.
    pub relation: RangeVar,
    /// Columns, table constraints and LIKE clauses.
    pub table_elts: Vec<TableElement>,
    /// `INHERITS (parents)`, or the parent of `PARTITION OF parent`.
    pub inh_relations: Vec<RangeVar>,
    /// The bound of `PARTITION OF parent ... FOR VALUES ...`.
    pub partbound: Option<PartitionBoundSpec>,
    /// `PARTITION BY ...`.
    pub partspec: Option<PartitionSpec>,
    /// `OF type`.
    pub of_type: Option<TypeName>,
    /// `WITH (reloptions)`.
    pub options: Vec<DefElem>,
    /// `ON COMMIT ...`.
    pub on_commit: OnCommit,
    /// `TABLESPACE name`.
    pub tablespace: Option<String>,
    /// `USING method`.
    pub access_method: Option<String>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `CREATE FOREIGN TABLE` (`CreateForeignTableStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateForeignTableStmt {
    /// The table part.
    pub base: CreateStmt,
    /// `SERVER name`.
    pub server: String,
    /// `OPTIONS (...)`.
    pub options: Vec<DefElem>,
}

/// What a [`CreateTableAsStmt`] creates (`ObjectType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CtasKind {
    /// CREATE TABLE ... AS.
    Table,
    /// CREATE MATERIALIZED VIEW.
    MatView,
}

/// The query of a CREATE TABLE AS.
#[derive(Clone, Debug, PartialEq)]
pub enum CtasQuery {
    /// A SELECT (or VALUES, TABLE, set operation).
    Select(Box<SelectStmt>),
    /// `EXECUTE name [(params)]`.
    Execute {
        /// The prepared statement.
        name: String,
        /// Its parameters.
        params: Vec<Expr>,
    },
}

/// Where a CREATE TABLE AS / materialized view puts its rows (`IntoClause`).
#[derive(Clone, Debug, PartialEq)]
pub struct IntoClause {
    /// The new relation (with its persistence).
    pub rel: RangeVar,
    /// `(col, ...)`.
    pub col_names: Vec<String>,
    /// `USING method`.
    pub access_method: Option<String>,
    /// `WITH (reloptions)`.
    pub options: Vec<DefElem>,
    /// ON COMMIT.
    pub on_commit: OnCommit,
    /// TABLESPACE.
    pub tablespace: Option<String>,
    /// `WITH NO DATA`.
    pub skip_data: bool,
}

/// `CREATE TABLE ... AS query` and `CREATE MATERIALIZED VIEW` (`CreateTableAsStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTableAsStmt {
    /// The query.
    pub query: CtasQuery,
    /// The target.
    pub into: IntoClause,
    /// Table or materialized view.
    pub kind: CtasKind,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `CREATE [UNIQUE] INDEX` (`IndexStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct IndexStmt {
    /// The index's name (`None`: chosen by the server).
    pub idxname: Option<String>,
    /// The table (`ONLY` clears `inh`).
    pub relation: RangeVar,
    /// `USING method` (`None`: the default, btree).
    pub access_method: Option<String>,
    /// The keys.
    pub index_params: Vec<IndexElem>,
    /// `INCLUDE (...)`.
    pub including: Vec<IndexElem>,
    /// `WITH (reloptions)`.
    pub options: Vec<DefElem>,
    /// `TABLESPACE name`.
    pub tablespace: Option<String>,
    /// `WHERE predicate`.
    pub where_clause: Option<Expr>,
    /// UNIQUE.
    pub unique: bool,
    /// NULLS NOT DISTINCT.
    pub nulls_not_distinct: bool,
    /// CONCURRENTLY.
    pub concurrent: bool,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `CREATE [TEMP | UNLOGGED] SEQUENCE` (`CreateSeqStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateSeqStmt {
    /// The sequence (with its persistence).
    pub sequence: RangeVar,
    /// The options.
    pub options: Vec<SeqOption>,
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
}

/// `WITH [CASCADED | LOCAL] CHECK OPTION` of a view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewCheckOption {
    /// None written.
    #[default]
    None,
    /// WITH LOCAL CHECK OPTION.
    Local,
    /// `WITH [CASCADED] CHECK OPTION`.
    Cascaded,
}

/// `CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW` (`ViewStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewStmt {
    /// The view (with its persistence).
    pub view: RangeVar,
    /// `(col, ...)`.
    pub aliases: Vec<String>,
    /// The query, as written. For RECURSIVE, PostgreSQL's grammar wraps it at once in
    /// `WITH RECURSIVE view (aliases) AS (query) SELECT aliases FROM view`; this tree keeps
    /// the query and the flag, which print back as written.
    pub query: Box<SelectStmt>,
    /// OR REPLACE.
    pub replace: bool,
    /// RECURSIVE.
    pub recursive: bool,
    /// `WITH (options)`.
    pub options: Vec<DefElem>,
    /// The check option.
    pub check_option: ViewCheckOption,
}

/// `TRUNCATE [TABLE] relations [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]`
/// (`TruncateStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct TruncateStmt {
    /// The tables (`ONLY` clears `inh`).
    pub relations: Vec<RangeVar>,
    /// RESTART IDENTITY.
    pub restart_seqs: bool,
    /// CASCADE / RESTRICT.
    pub behavior: DropBehavior,
}
