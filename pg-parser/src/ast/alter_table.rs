//! Syntax trees of ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.
//!
//! PostgreSQL source area: gram.y `AlterTableStmt`, `alter_table_cmd`, `AlterSeqStmt` (`parsenodes.h`).
//!
//! PostgreSQL's grammar reads one list of subcommands (`alter_table_cmd`) after every one of
//! these ALTERs, whatever the relation's kind: `ALTER SEQUENCE s ADD COLUMN c int` parses, and
//! only execution refuses it. So there is one [`AlterTableStmt`] with a [`RelationKind`]. The
//! forms that stand alone (RENAME, SET SCHEMA, DEPENDS ON EXTENSION, ALL IN TABLESPACE, the
//! sequence options) are statements of their own, as in PostgreSQL.

use super::*;

/// The kind of relation an ALTER names (PostgreSQL's `ObjectType` for relations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationKind {
    /// TABLE.
    Table,
    /// INDEX.
    Index,
    /// SEQUENCE.
    Sequence,
    /// VIEW.
    View,
    /// MATERIALIZED VIEW.
    MaterializedView,
    /// FOREIGN TABLE.
    ForeignTable,
}

impl RelationKind {
    /// The words that name the kind in SQL (`"MATERIALIZED VIEW"`).
    pub fn sql(self) -> &'static str {
        match self {
            RelationKind::Table => "TABLE",
            RelationKind::Index => "INDEX",
            RelationKind::Sequence => "SEQUENCE",
            RelationKind::View => "VIEW",
            RelationKind::MaterializedView => "MATERIALIZED VIEW",
            RelationKind::ForeignTable => "FOREIGN TABLE",
        }
    }

    /// PostgreSQL's command tag for an ALTER of this kind (`"ALTER MATERIALIZED VIEW"`).
    pub fn alter_tag(self) -> &'static str {
        match self {
            RelationKind::Table => "ALTER TABLE",
            RelationKind::Index => "ALTER INDEX",
            RelationKind::Sequence => "ALTER SEQUENCE",
            RelationKind::View => "ALTER VIEW",
            RelationKind::MaterializedView => "ALTER MATERIALIZED VIEW",
            RelationKind::ForeignTable => "ALTER FOREIGN TABLE",
        }
    }

    /// Whether the grammar names this kind's relation with `relation_expr` (`ONLY name`,
    /// `name *`) rather than a plain `qualified_name`.
    pub fn takes_only(self) -> bool {
        matches!(self, RelationKind::Table | RelationKind::ForeignTable)
    }
}

/// `ALTER {TABLE | INDEX | SEQUENCE | VIEW | MATERIALIZED VIEW | FOREIGN TABLE} [IF EXISTS]
/// name subcommand, ...` (`AlterTableStmt`), and the partition forms `ALTER TABLE name
/// {ATTACH | DETACH} PARTITION ...`, `ALTER INDEX name ATTACH PARTITION ...`, which hold one
/// subcommand.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterTableStmt {
    /// What kind of relation the statement names.
    pub kind: RelationKind,
    /// The relation; `inh` is false for `ONLY name` (tables and foreign tables).
    pub relation: RangeVar,
    /// IF EXISTS.
    pub missing_ok: bool,
    /// The subcommands, in the order written.
    pub cmds: Vec<AlterTableCmd>,
}

/// A column named by its name, or (for `SET STATISTICS` of an index's expression column) by
/// its number.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnOrNumber {
    /// `column`.
    Name(String),
    /// `1`: the column's position.
    Number(i32),
}

/// ENABLE / DISABLE of a trigger or rule (PostgreSQL's `AT_EnableTrig`, `AT_EnableAlwaysTrig`,
/// ... subcommand types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FireMode {
    /// ENABLE: fires unless the session is a replica (`session_replication_role`).
    Enable,
    /// ENABLE ALWAYS.
    Always,
    /// ENABLE REPLICA: fires only in a replica session.
    Replica,
    /// DISABLE.
    Disable,
}

/// Which triggers an ENABLE / DISABLE TRIGGER names.
#[derive(Clone, Debug, PartialEq)]
pub enum TriggerTarget {
    /// One trigger by name.
    Name(String),
    /// ALL: every trigger, internal ones included.
    All,
    /// USER: every trigger but the internal ones.
    User,
}

/// What ALTER TABLE does to row-level security.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowSecurityAction {
    /// ENABLE ROW LEVEL SECURITY.
    Enable,
    /// DISABLE ROW LEVEL SECURITY.
    Disable,
    /// FORCE ROW LEVEL SECURITY (applies to the owner too).
    Force,
    /// NO FORCE ROW LEVEL SECURITY.
    NoForce,
}

/// `REPLICA IDENTITY ...` (`ReplicaIdentityStmt`).
#[derive(Clone, Debug, PartialEq)]
pub enum ReplicaIdentity {
    /// DEFAULT: the primary key.
    Default,
    /// FULL: the whole row.
    Full,
    /// NOTHING.
    Nothing,
    /// `USING INDEX name`.
    Index(String),
}

/// One subcommand of an [`AlterTableStmt`] (`AlterTableCmd`, one variant per `AlterTableType`
/// the grammar builds). `column` fields name the column of `ALTER [COLUMN] column ...`.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterTableCmd {
    /// `ADD [COLUMN] [IF NOT EXISTS] column_definition`.
    AddColumn {
        /// The new column.
        def: ColumnDef,
        /// IF NOT EXISTS.
        if_not_exists: bool,
    },
    /// `ADD table_constraint` (with `NOT VALID`, or `UNIQUE / PRIMARY KEY USING INDEX i`).
    AddConstraint(Constraint),
    /// `ALTER CONSTRAINT name [[NOT] DEFERRABLE] [INITIALLY {DEFERRED | IMMEDIATE}]` (a foreign
    /// key's timing).
    AlterConstraint {
        /// The constraint.
        name: String,
        /// DEFERRABLE (also implied by INITIALLY DEFERRED).
        deferrable: bool,
        /// INITIALLY DEFERRED.
        initially_deferred: bool,
    },
    /// `ALTER [COLUMN] c SET DEFAULT expr` (`Some`) / `DROP DEFAULT` (`None`).
    ColumnDefault {
        /// The column.
        column: String,
        /// The new default.
        default: Option<Expr>,
    },
    /// `ALTER [COLUMN] c DROP NOT NULL`.
    DropNotNull {
        /// The column.
        column: String,
    },
    /// `ALTER [COLUMN] c SET NOT NULL`.
    SetNotNull {
        /// The column.
        column: String,
    },
    /// `ALTER [COLUMN] c DROP EXPRESSION [IF EXISTS]`: a generated column becomes a plain one.
    DropExpression {
        /// The column.
        column: String,
        /// IF EXISTS.
        missing_ok: bool,
    },
    /// `ALTER [COLUMN] {c | number} SET STATISTICS n`.
    SetStatistics {
        /// The column, by name or number.
        column: ColumnOrNumber,
        /// The statistics target (-1: the default).
        target: i32,
    },
    /// `ALTER [COLUMN] c SET (attribute_option = value, ...)`.
    SetColumnOptions {
        /// The column.
        column: String,
        /// The options.
        options: Vec<DefElem>,
    },
    /// `ALTER [COLUMN] c RESET (attribute_option, ...)`.
    ResetColumnOptions {
        /// The column.
        column: String,
        /// The options.
        options: Vec<DefElem>,
    },
    /// `ALTER [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(sequence options)]`.
    AddIdentity {
        /// The column.
        column: String,
        /// ALWAYS (true) or BY DEFAULT (false).
        always: bool,
        /// Options of the identity's sequence.
        options: Vec<SeqOption>,
    },
    /// `ALTER [COLUMN] c {SET GENERATED ... | SET sequence_option | RESTART [[WITH] n]} ...`.
    SetIdentity {
        /// The column.
        column: String,
        /// The changes, in the order written.
        options: Vec<IdentityOption>,
    },
    /// `ALTER [COLUMN] c DROP IDENTITY [IF EXISTS]`.
    DropIdentity {
        /// The column.
        column: String,
        /// IF EXISTS.
        missing_ok: bool,
    },
    /// `ALTER [COLUMN] c SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN}` (any word: the
    /// name is checked at execution).
    SetStorage {
        /// The column.
        column: String,
        /// The storage's name, folded.
        storage: String,
    },
    /// `ALTER [COLUMN] c SET COMPRESSION method` (`"default"` for DEFAULT).
    SetCompression {
        /// The column.
        column: String,
        /// The compression method's name.
        method: String,
    },
    /// `ALTER [COLUMN] c [SET DATA] TYPE type [COLLATE collation] [USING expr]`.
    AlterColumnType {
        /// The column.
        column: String,
        /// The new type.
        type_name: TypeName,
        /// `COLLATE name`.
        collation: Option<Vec<String>>,
        /// `USING expr`: how to compute the new value from the old.
        using: Option<Expr>,
    },
    /// `DROP [COLUMN] [IF EXISTS] c [RESTRICT | CASCADE]`.
    DropColumn {
        /// The column.
        column: String,
        /// IF EXISTS.
        missing_ok: bool,
        /// CASCADE: drop what depends on the column too.
        behavior: DropBehavior,
    },
    /// `DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]`.
    DropConstraint {
        /// The constraint.
        name: String,
        /// IF EXISTS.
        missing_ok: bool,
        /// CASCADE.
        behavior: DropBehavior,
    },
    /// `VALIDATE CONSTRAINT name`.
    ValidateConstraint {
        /// The constraint.
        name: String,
    },
    /// `SET WITHOUT OIDS` (accepted and ignored since PostgreSQL 12).
    SetWithoutOids,
    /// `CLUSTER ON index`.
    ClusterOn {
        /// The index.
        index: String,
    },
    /// `SET WITHOUT CLUSTER`.
    SetWithoutCluster,
    /// `SET LOGGED`.
    SetLogged,
    /// `SET UNLOGGED`.
    SetUnlogged,
    /// `{ENABLE [ALWAYS | REPLICA] | DISABLE} TRIGGER {name | ALL | USER}`.
    EnableTrigger {
        /// Enable how, or disable.
        mode: FireMode,
        /// Which triggers.
        trigger: TriggerTarget,
    },
    /// `{ENABLE [ALWAYS | REPLICA] | DISABLE} RULE name`.
    EnableRule {
        /// Enable how, or disable.
        mode: FireMode,
        /// The rule.
        rule: String,
    },
    /// `INHERIT parent`.
    Inherit {
        /// The new parent.
        parent: RangeVar,
    },
    /// `NO INHERIT parent`.
    NoInherit {
        /// The parent to leave.
        parent: RangeVar,
    },
    /// `OF type`: the table becomes a typed table.
    Of {
        /// The composite type's (possibly qualified) name.
        type_name: Vec<String>,
    },
    /// `NOT OF`.
    NotOf,
    /// `OWNER TO role`.
    OwnerTo {
        /// The new owner.
        owner: RoleSpec,
    },
    /// `SET ACCESS METHOD name`.
    SetAccessMethod {
        /// The table access method.
        method: String,
    },
    /// `SET TABLESPACE name`.
    SetTablespace {
        /// The tablespace.
        tablespace: String,
    },
    /// `SET (storage_parameter = value, ...)`.
    SetOptions(Vec<DefElem>),
    /// `RESET (storage_parameter, ...)`.
    ResetOptions(Vec<DefElem>),
    /// `REPLICA IDENTITY ...`.
    ReplicaIdentity(ReplicaIdentity),
    /// `{ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY`.
    RowSecurity(RowSecurityAction),
    /// `OPTIONS (...)`: the foreign table's options.
    GenericOptions(Vec<AlterGenericOption>),
    /// `ALTER [COLUMN] c OPTIONS (...)`: a foreign table column's options.
    ColumnGenericOptions {
        /// The column.
        column: String,
        /// The changes.
        options: Vec<AlterGenericOption>,
    },
    /// `ATTACH PARTITION name {FOR VALUES ... | DEFAULT}` (a table, with the partition's bound)
    /// or `ATTACH PARTITION name` (an index, without).
    AttachPartition {
        /// The partition.
        partition: RangeVar,
        /// Its bound (tables).
        bound: Option<PartitionBoundSpec>,
    },
    /// `DETACH PARTITION name [CONCURRENTLY | FINALIZE]` (tables).
    DetachPartition {
        /// The partition.
        partition: RangeVar,
        /// What is done: plain, CONCURRENTLY, or FINALIZE.
        mode: DetachMode,
    },
}

/// One change of an identity column (`alter_identity_column_option`).
#[derive(Clone, Debug, PartialEq)]
pub enum IdentityOption {
    /// `SET GENERATED ALWAYS` (true) / `SET GENERATED BY DEFAULT` (false).
    Generated(bool),
    /// `SET sequence_option`, or `RESTART [[WITH] n]` (written without SET).
    Sequence(SeqOption),
}

/// What an entry of an ALTER's `OPTIONS (...)` does (`DefElemAction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenericOptionAction {
    /// Nothing written: adds the option (`DEFELEM_UNSPEC`).
    Unspecified,
    /// SET: changes an option's value.
    Set,
    /// ADD.
    Add,
    /// DROP: removes the option (no value).
    Drop,
}

/// One entry of an ALTER's `OPTIONS ([ADD | SET] name 'value' | DROP name, ...)` (gram.y
/// `alter_generic_option_elem`, a `DefElem` with a `defaction`), as foreign tables, servers,
/// foreign-data wrappers and user mappings take them.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterGenericOption {
    /// What is done.
    pub action: GenericOptionAction,
    /// The option's name.
    pub name: String,
    /// Its value; `None` for DROP.
    pub value: Option<String>,
    /// Location of the name.
    pub location: Location,
}

/// How `DETACH PARTITION` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetachMode {
    /// Plain: in one transaction.
    Plain,
    /// CONCURRENTLY: in two transactions, without blocking queries.
    Concurrently,
    /// FINALIZE: completes a CONCURRENTLY detach that was interrupted.
    Finalize,
}

/// What a relation's RENAME renames (`RenameStmt`'s `renameType`).
#[derive(Clone, Debug, PartialEq)]
pub enum RenameTarget {
    /// `RENAME TO new`: the relation itself.
    Relation,
    /// `RENAME [COLUMN] old TO new`.
    Column(String),
    /// `RENAME CONSTRAINT old TO new` (tables).
    Constraint(String),
}

/// `ALTER <kind> [IF EXISTS] name RENAME ...` (`RenameStmt` on a relation, a column of one, or a
/// table constraint).
#[derive(Clone, Debug, PartialEq)]
pub struct RenameRelationStmt {
    /// What kind of relation the statement names.
    pub kind: RelationKind,
    /// The relation (`inh` false for `ONLY name`).
    pub relation: RangeVar,
    /// What is renamed.
    pub target: RenameTarget,
    /// The new name.
    pub new_name: String,
    /// IF EXISTS.
    pub missing_ok: bool,
}

/// `ALTER <kind> [IF EXISTS] name SET SCHEMA schema` (`AlterObjectSchemaStmt` on a relation).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRelationSchemaStmt {
    /// What kind of relation the statement names.
    pub kind: RelationKind,
    /// The relation.
    pub relation: RangeVar,
    /// The schema to move it to.
    pub new_schema: String,
    /// IF EXISTS.
    pub missing_ok: bool,
}

/// `ALTER {INDEX | MATERIALIZED VIEW} name [NO] DEPENDS ON EXTENSION ext`
/// (`AlterObjectDependsStmt` on a relation).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRelationDependsStmt {
    /// INDEX or MATERIALIZED VIEW.
    pub kind: RelationKind,
    /// The relation.
    pub relation: RangeVar,
    /// The extension.
    pub extension: String,
    /// NO DEPENDS: remove the dependency.
    pub remove: bool,
}

/// `ALTER {TABLE | INDEX | MATERIALIZED VIEW} ALL IN TABLESPACE t [OWNED BY roles] SET
/// TABLESPACE t2 [NOWAIT]` (`AlterTableMoveAllStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterTableMoveAllStmt {
    /// Which relations move: TABLE, INDEX or MATERIALIZED VIEW.
    pub kind: RelationKind,
    /// The tablespace they are in.
    pub tablespace: String,
    /// `OWNED BY roles`: only the relations these roles own.
    pub roles: Vec<RoleSpec>,
    /// The tablespace they move to.
    pub new_tablespace: String,
    /// NOWAIT: fail rather than wait for a lock.
    pub nowait: bool,
}

/// `ALTER SEQUENCE [IF EXISTS] name sequence_option ...` (`AlterSeqStmt`). The other ALTER
/// SEQUENCE forms (OWNER TO, SET LOGGED, ...) are [`AlterTableStmt`]s.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterSeqStmt {
    /// The sequence.
    pub sequence: RangeVar,
    /// The options, in the order written.
    pub options: Vec<SeqOption>,
    /// IF EXISTS.
    pub missing_ok: bool,
}

impl Stmt {
    /// The relation of a relation ALTER written with IF EXISTS: when it does not exist,
    /// PostgreSQL only notes so (`relation "x" does not exist, skipping`) and succeeds.
    pub fn if_exists_relation(&self) -> Option<&RangeVar> {
        match self {
            Stmt::AlterTable(AlterTableStmt { relation, missing_ok: true, .. })
            | Stmt::RenameRelation(RenameRelationStmt { relation, missing_ok: true, .. })
            | Stmt::AlterRelationSchema(AlterRelationSchemaStmt { relation, missing_ok: true, .. })
            | Stmt::AlterSequence(AlterSeqStmt { sequence: relation, missing_ok: true, .. }) => Some(relation),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    /// PostgreSQL's `CreateCommandTag` names a relation ALTER after the relation's kind, also
    /// for RENAME (of a column: after the relation), SET SCHEMA, DEPENDS and ALL IN TABLESPACE.
    #[test]
    fn command_tags() {
        for (sql, tag) in [
            ("alter table t add c int", "ALTER TABLE"),
            ("alter table t rename constraint a to b", "ALTER TABLE"),
            ("alter index i attach partition p", "ALTER INDEX"),
            ("alter index i no depends on extension e", "ALTER INDEX"),
            ("alter sequence s restart", "ALTER SEQUENCE"),
            ("alter sequence s owner to r", "ALTER SEQUENCE"),
            ("alter view v rename column a to b", "ALTER VIEW"),
            ("alter materialized view m set schema s", "ALTER MATERIALIZED VIEW"),
            ("alter materialized view all in tablespace a set tablespace b", "ALTER MATERIALIZED VIEW"),
            ("alter foreign table f rename a to b", "ALTER FOREIGN TABLE"),
            ("alter index all in tablespace a set tablespace b", "ALTER INDEX"),
        ] {
            let stmts = crate::parse(sql).unwrap_or_else(|e| panic!("{sql}: {e:?}"));
            assert_eq!(stmts[0].stmt.command_tag(), tag, "{sql}");
        }
    }
}
