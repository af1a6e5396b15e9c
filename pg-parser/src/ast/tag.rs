//! What a statement is called: PostgreSQL's command tag (`CreateCommandTag`), and the object
//! a statement the server cannot run yet names, so that a missing one is reported first.

use super::*;

impl Stmt {
    /// PostgreSQL's command tag for the statement, as `CreateCommandTag` names it: the word the
    /// process title and `log_line_prefix`'s `%i` show, and the one "... is not supported yet"
    /// names. (CommandComplete adds row counts where PostgreSQL does.)
    pub fn command_tag(&self) -> &str {
        match self {
            Stmt::Select(_) => "SELECT",
            Stmt::VariableSet(v) if matches!(v.kind, VariableSetKind::Reset | VariableSetKind::ResetAll) => "RESET",
            Stmt::VariableSet(_) => "SET",
            Stmt::VariableShow { .. } => "SHOW",
            Stmt::Transaction(t) => match t.kind {
                TransactionKind::Begin => "BEGIN",
                TransactionKind::Start => "START TRANSACTION",
                TransactionKind::Commit => "COMMIT",
                TransactionKind::Rollback | TransactionKind::RollbackTo => "ROLLBACK",
                TransactionKind::Savepoint => "SAVEPOINT",
                TransactionKind::Release => "RELEASE",
                TransactionKind::Prepare => "PREPARE TRANSACTION",
                TransactionKind::CommitPrepared => "COMMIT PREPARED",
                TransactionKind::RollbackPrepared => "ROLLBACK PREPARED",
            },
            Stmt::CreateRole(_) => "CREATE ROLE",
            Stmt::AlterRole(_) | Stmt::AlterRoleSet(_) | Stmt::RenameRole { .. } => "ALTER ROLE",
            Stmt::DropRole(_) => "DROP ROLE",
            Stmt::Explain(_) => "EXPLAIN",
            Stmt::DeclareCursor(_) => "DECLARE CURSOR",
            Stmt::Fetch(f) if f.is_move => "MOVE",
            Stmt::Fetch(_) => "FETCH",
            Stmt::ClosePortal { name: Some(_) } => "CLOSE CURSOR",
            Stmt::ClosePortal { name: None } => "CLOSE CURSOR ALL",
            Stmt::Discard(mode) => mode.command_tag(),

            // ---- dml
            Stmt::Insert(_) => "INSERT",
            Stmt::Update(_) => "UPDATE",
            Stmt::Delete(_) => "DELETE",
            Stmt::Merge(_) => "MERGE",
            Stmt::Copy(_) => "COPY",

            // ---- ddl_table
            Stmt::CreateTable(_) => "CREATE TABLE",
            Stmt::CreateForeignTable(_) => "CREATE FOREIGN TABLE",
            Stmt::CreateTableAs(c) if c.kind == CtasKind::MatView => "CREATE MATERIALIZED VIEW",
            Stmt::CreateTableAs(_) => "CREATE TABLE AS",
            Stmt::Index(_) => "CREATE INDEX",
            Stmt::CreateSeq(_) => "CREATE SEQUENCE",
            Stmt::View(_) => "CREATE VIEW",
            Stmt::Truncate(_) => "TRUNCATE TABLE",

            // ---- alter_table
            Stmt::AlterTable(a) => a.kind.alter_tag(),
            Stmt::RenameRelation(r) => r.kind.alter_tag(),
            Stmt::AlterRelationSchema(a) => a.kind.alter_tag(),
            Stmt::AlterRelationDepends(a) => a.kind.alter_tag(),
            Stmt::AlterTableMoveAll(a) => a.kind.alter_tag(),
            Stmt::AlterSequence(_) => "ALTER SEQUENCE",

            // ---- routines
            Stmt::CreateFunction(c) if c.is_procedure => "CREATE PROCEDURE",
            Stmt::CreateFunction(_) => "CREATE FUNCTION",
            Stmt::AlterFunction(a) => match a.kind {
                RoutineKind::Function => "ALTER FUNCTION",
                RoutineKind::Procedure => "ALTER PROCEDURE",
                RoutineKind::Routine => "ALTER ROUTINE",
            },
            // CreateCommandTag has no tag of its own for a ReturnStmt (CMDTAG_UNKNOWN).
            Stmt::Return(_) => "???",
            Stmt::Do(_) => "DO",
            Stmt::Call(_) => "CALL",
            Stmt::CreateAggregate(_) => "CREATE AGGREGATE",
            Stmt::CreateOperator(_) => "CREATE OPERATOR",
            Stmt::AlterOperator(_) => "ALTER OPERATOR",
            Stmt::CreateOpClass(_) => "CREATE OPERATOR CLASS",
            Stmt::OpFamily(o) if o.action.is_some() => "ALTER OPERATOR FAMILY",
            Stmt::OpFamily(_) => "CREATE OPERATOR FAMILY",
            Stmt::CreateCast(_) => "CREATE CAST",
            Stmt::CreateTransform(_) => "CREATE TRANSFORM",
            Stmt::CreateLanguage(_) => "CREATE LANGUAGE",
            Stmt::CreateTrigger(_) => "CREATE TRIGGER",
            Stmt::CreateEventTrigger(_) => "CREATE EVENT TRIGGER",
            Stmt::AlterEventTrigger(_) => "ALTER EVENT TRIGGER",
            Stmt::CreateRule(_) => "CREATE RULE",

            // ---- ddl_types
            Stmt::CreateType(_) => "CREATE TYPE",
            Stmt::AlterType(_) => "ALTER TYPE",
            Stmt::CreateCollation(_) => "CREATE COLLATION",
            Stmt::AlterCollationRefresh { .. } => "ALTER COLLATION",
            Stmt::CreateConversion(_) => "CREATE CONVERSION",
            Stmt::CreateTextSearch(c) => match c.kind {
                TextSearchKind::Parser => "CREATE TEXT SEARCH PARSER",
                TextSearchKind::Dictionary => "CREATE TEXT SEARCH DICTIONARY",
                TextSearchKind::Template => "CREATE TEXT SEARCH TEMPLATE",
                TextSearchKind::Configuration => "CREATE TEXT SEARCH CONFIGURATION",
            },
            Stmt::AlterTsDictionary { .. } => "ALTER TEXT SEARCH DICTIONARY",
            Stmt::AlterTsConfiguration(_) => "ALTER TEXT SEARCH CONFIGURATION",
            Stmt::CreateStats(_) => "CREATE STATISTICS",
            Stmt::AlterStats { .. } => "ALTER STATISTICS",
            Stmt::CreatePolicy(_) => "CREATE POLICY",
            Stmt::AlterPolicy(_) => "ALTER POLICY",
            Stmt::AlterGroupMembers { .. } => "ALTER ROLE",
            Stmt::CreateDomain(_) => "CREATE DOMAIN",
            Stmt::AlterDomain(_) => "ALTER DOMAIN",

            // ---- ddl_misc
            Stmt::CreateSchema(_) => "CREATE SCHEMA",
            Stmt::CreateExtension(_) => "CREATE EXTENSION",
            Stmt::AlterExtension(_) | Stmt::AlterExtensionContents(_) => "ALTER EXTENSION",
            Stmt::CreateUserMapping(_) => "CREATE USER MAPPING",
            Stmt::AlterUserMapping(_) => "ALTER USER MAPPING",
            Stmt::CreateFdw(_) => "CREATE FOREIGN DATA WRAPPER",
            Stmt::AlterFdw(_) => "ALTER FOREIGN DATA WRAPPER",
            Stmt::CreateServer(_) => "CREATE SERVER",
            Stmt::AlterServer(_) => "ALTER SERVER",
            Stmt::ImportForeignSchema(_) => "IMPORT FOREIGN SCHEMA",
            Stmt::CreatePublication(_) => "CREATE PUBLICATION",
            Stmt::AlterPublication(_) => "ALTER PUBLICATION",
            Stmt::CreateSubscription(_) => "CREATE SUBSCRIPTION",
            Stmt::AlterSubscription(_) => "ALTER SUBSCRIPTION",
            Stmt::CreateTablespace(_) => "CREATE TABLESPACE",
            Stmt::AlterTablespaceOptions(_) => "ALTER TABLESPACE",
            Stmt::CreateAm(_) => "CREATE ACCESS METHOD",
            Stmt::CreateDatabase(_) => "CREATE DATABASE",
            Stmt::AlterDatabase(_) => "ALTER DATABASE",
            Stmt::AlterSystem(_) => "ALTER SYSTEM",

            // ---- objects
            Stmt::Drop(d) => d.kind.command_tag(false),
            Stmt::DropDatabase(_) => "DROP DATABASE",
            Stmt::DropOwned { .. } => "DROP OWNED",
            Stmt::ReassignOwned(_) => "REASSIGN OWNED",
            Stmt::Rename(r) => r.object.kind.command_tag(true),
            Stmt::AlterOwner(a) => a.object.kind.command_tag(true),
            Stmt::AlterObjectSchema(a) => a.object.kind.command_tag(true),
            Stmt::AlterObjectDepends(a) => a.object.kind.command_tag(true),
            Stmt::Comment(_) => "COMMENT",
            Stmt::SecLabel(_) => "SECURITY LABEL",
            Stmt::Grant(g) if g.is_grant => "GRANT",
            Stmt::Grant(_) => "REVOKE",
            Stmt::GrantRole(g) if g.is_grant => "GRANT ROLE",
            Stmt::GrantRole(_) => "REVOKE ROLE",
            Stmt::AlterDefaultPrivileges(_) => "ALTER DEFAULT PRIVILEGES",

            // ---- utility
            Stmt::Prepare(_) => "PREPARE",
            Stmt::Execute(_) => "EXECUTE",
            Stmt::Deallocate { name: Some(_) } => "DEALLOCATE",
            Stmt::Deallocate { name: None } => "DEALLOCATE ALL",
            Stmt::Listen { .. } => "LISTEN",
            Stmt::Unlisten { .. } => "UNLISTEN",
            Stmt::Notify { .. } => "NOTIFY",
            Stmt::Lock(_) => "LOCK TABLE",
            Stmt::Vacuum(v) if v.is_vacuum => "VACUUM",
            Stmt::Vacuum(_) => "ANALYZE",
            Stmt::Cluster(_) => "CLUSTER",
            Stmt::Reindex(_) => "REINDEX",
            Stmt::Checkpoint => "CHECKPOINT",
            Stmt::ConstraintsSet(_) => "SET CONSTRAINTS",
            Stmt::Load { .. } => "LOAD",
            Stmt::RefreshMatView(_) => "REFRESH MATERIALIZED VIEW",
        }
    }

    /// The object the statement acts on, where the server cannot run the statement yet and
    /// PostgreSQL would report that object missing before anything else (`INSERT INTO t`,
    /// `DROP TABLE t`, `TRUNCATE t`). The server checks it, then answers 0A000.
    pub fn unsupported_target(&self) -> Option<UnsupportedTarget> {
        match self {
            // ---- dml
            // The analyzer opens the target first (parserOpenTable), reporting the name's
            // position; COPY opens its table without one.
            Stmt::Insert(s) => Some(relation_target(&s.relation, true)),
            Stmt::Update(s) => Some(relation_target(&s.relation, true)),
            Stmt::Delete(s) => Some(relation_target(&s.relation, true)),
            Stmt::Merge(s) => Some(relation_target(&s.relation, true)),
            Stmt::Copy(s) => match &s.source {
                CopySource::Table { relation, .. } => Some(relation_target(relation, false)),
                CopySource::Query(_) => None,
            },

            // ---- ddl_table
            // TRUNCATE opens its tables in order: the first is reported missing first.
            Stmt::Truncate(t) => t.relations.first().map(|r| relation_target(r, false)),
            // CREATE INDEX opens its table first (IF NOT EXISTS too); CONCURRENTLY first refuses
            // a transaction block, which only the server knows of.
            Stmt::Index(i) if !i.concurrent => Some(relation_target(&i.relation, false)),
            // RangeVarGetAndCheckCreationNamespace: the schema of a new relation must exist
            // (3F000). CREATE TABLE and CREATE FOREIGN TABLE report it at the name; the
            // others (which PostgreSQL checks after analyzing their query) without a position.
            Stmt::CreateTable(c) => creation_schema(&c.relation, true).or_else(|| create_table_source(c)),
            Stmt::CreateForeignTable(c) => creation_schema(&c.base.relation, true),
            Stmt::CreateTableAs(c) => creation_schema(&c.into.rel, false),
            Stmt::CreateSeq(c) => creation_schema(&c.sequence, false),
            Stmt::View(v) => creation_schema(&v.view, false),

            // ---- alter_table
            // A relation ALTER looks its relation up before anything else (`relation "x" does
            // not exist`, whatever the kind; with IF EXISTS a missing one is only a notice).
            Stmt::AlterTable(AlterTableStmt { relation, missing_ok: false, .. })
            | Stmt::RenameRelation(RenameRelationStmt { relation, missing_ok: false, .. })
            | Stmt::AlterRelationSchema(AlterRelationSchemaStmt { relation, missing_ok: false, .. })
            | Stmt::AlterRelationDepends(AlterRelationDependsStmt { relation, .. })
            | Stmt::AlterSequence(AlterSeqStmt { sequence: relation, missing_ok: false, .. }) => {
                Some(UnsupportedTarget { kind: TargetKind::Relation, relation: relation.clone(), with_position: false })
            }

            // ---- routines
            Stmt::CreateFunction(c) => routines::creation_schema_target(&c.name),
            Stmt::CreateAggregate(a) => routines::creation_schema_target(&a.name),
            Stmt::CreateOperator(o) => routines::creation_schema_target(&o.name),
            // ALTER resolves the argument types first, so only without any.
            Stmt::AlterFunction(a) if a.func.args.as_ref().is_none_or(Vec::is_empty) => {
                routines::creation_schema_target(&a.func.name)
            }
            // CREATE TRIGGER and CREATE RULE open their table before anything else.
            Stmt::CreateTrigger(t) => Some(UnsupportedTarget {
                kind: TargetKind::Relation,
                relation: t.relation.clone(),
                with_position: false,
            }),
            Stmt::CreateRule(r) => Some(UnsupportedTarget {
                kind: TargetKind::Relation,
                relation: r.relation.clone(),
                with_position: false,
            }),

            // ---- ddl_types
            // CREATE / ALTER POLICY open their table before anything else, CREATE STATISTICS
            // its (first) relation; a new type, domain, collation, conversion or text search
            // object's schema must exist (QualifiedNameGetCreationNamespace, 3F000, no position).
            Stmt::CreatePolicy(CreatePolicyStmt { table, .. }) | Stmt::AlterPolicy(AlterPolicyStmt { table, .. }) => {
                Some(relation_target(table, false))
            }
            Stmt::CreateStats(s) => match s.relations.first() {
                Some(FromItem::Relation(r)) => Some(relation_target(r, false)),
                _ => None,
            },
            Stmt::CreateType(CreateTypeStmt { name, .. })
            | Stmt::CreateDomain(CreateDomainStmt { name, .. })
            | Stmt::CreateCollation(CreateCollationStmt { name, .. })
            | Stmt::CreateConversion(CreateConversionStmt { name, .. })
            | Stmt::CreateTextSearch(CreateTextSearchStmt { name, .. }) => match name.as_slice() {
                [schema, object] => creation_schema(
                    &RangeVar {
                        catalog: None,
                        schema: Some(schema.clone()),
                        name: object.clone(),
                        inh: true,
                        persistence: 'p',
                        alias: None,
                        location: Location(0),
                    },
                    false,
                ),
                _ => None,
            },

            // ---- ddl_misc

            // ---- objects
            Stmt::Drop(d) => d.unsupported_target(),
            Stmt::Comment(c) => c.unsupported_target(),
            Stmt::Grant(g) => g.unsupported_target(),

            // ---- utility
            // The statements' one table, when PostgreSQL would open it first: a VACUUM or
            // ANALYZE of one table without options, a LOCK of one table, REINDEX TABLE t.
            Stmt::Vacuum(VacuumStmt { options, relations, .. }) if options.is_empty() && relations.len() == 1 => {
                Some(relation_target(&relations[0].relation, false))
            }
            Stmt::Lock(LockStmt { relations, .. }) if relations.len() == 1 => {
                Some(relation_target(&relations[0], false))
            }
            // (REINDEX reads its options first, and an unknown one is the error then.)
            Stmt::Reindex(ReindexStmt { kind: ReindexKind::Table, relation: Some(r), options, .. })
                if options.iter().all(|(n, _)| matches!(n.as_str(), "verbose" | "concurrently")) =>
            {
                Some(relation_target(r, false))
            }
            _ => None,
        }
    }
}

/// A relation named by a statement, as an [`UnsupportedTarget`] (without its alias).
fn relation_target(relation: &RangeVar, with_position: bool) -> UnsupportedTarget {
    UnsupportedTarget {
        kind: TargetKind::Relation,
        relation: RangeVar { alias: None, ..relation.clone() },
        with_position,
    }
}

/// The first relation a CREATE TABLE reads, which PostgreSQL reports missing next: a `LIKE`
/// source (at its name, as transformCreateStmt opens it), else the first parent of
/// `INHERITS` / `PARTITION OF` (without a position).
fn create_table_source(c: &CreateStmt) -> Option<UnsupportedTarget> {
    let like = c.table_elts.iter().find_map(|e| match e {
        // A missing schema of a qualified source is reported as the schema's, which the
        // check with a position does not do: those are left to the 0A000.
        TableElement::Like(l) if l.relation.schema.is_none() => Some(Some(relation_target(&l.relation, true))),
        TableElement::Like(_) => Some(None),
        _ => None,
    });
    match like {
        Some(like) => like,
        None => c.inh_relations.first().map(|r| relation_target(r, false)),
    }
}

/// The schema a new relation is created in, when its name is qualified with one (and no
/// database), as the object to report missing. `pg_temp` names the session's temporary
/// schema, which exists whenever it is needed.
fn creation_schema(relation: &RangeVar, with_position: bool) -> Option<UnsupportedTarget> {
    if relation.catalog.is_some() {
        return None;
    }
    let schema = relation.schema.clone()?;
    if schema.starts_with("pg_temp") {
        return None;
    }
    Some(UnsupportedTarget {
        kind: TargetKind::Schema,
        relation: RangeVar { name: schema, schema: None, ..relation.clone() },
        with_position,
    })
}
