//! `CREATE SCHEMA` and `DROP SCHEMA` (PostgreSQL's `commands/schemacmds.c`
//! and the namespace part of `dependency.c`): `pg_namespace` rows written
//! and removed inside the transaction, so a rollback undoes them.
//!
//! Not done yet: schema elements (`CREATE SCHEMA s CREATE TABLE ...`) and
//! `DROP SCHEMA ... CASCADE` over a schema holding anything other than
//! tables and views (only those can be created in one today).

use crate::session::Session;
use pg_catalog::catdef::{pg_authid, pg_class, pg_database, pg_namespace, pg_shdepend};
use pg_catalog::scan::scan_catalog;
use pg_catalog::{indexing, syscache, PG_CATALOG_NAMESPACE};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{CreateSchemaStmt, DropBehavior, DropStmt, ObjectName, ObjectType, RoleSpec};
use pg_types::{Datum, Oid};

/// `pg_toast`, pinned like `pg_catalog`.
const PG_TOAST_NAMESPACE: Oid = 99;

fn notice(message: String) {
    pg_error::notice::emit_notice(PgError::notice(Severity::Notice, SqlState::SUCCESSFUL_COMPLETION, message));
}

fn role_oid_by_name(name: &str) -> PgResult<Oid> {
    syscache::authid_by_name(name)?
        .map(|r| r.oid(pg_authid::OID))
        .ok_or_else(|| PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")))
}

/// `CreateSchemaCommand`.
pub(crate) fn create_schema(session: &Session, stmt: &CreateSchemaStmt) -> PgResult<String> {
    let me = &session.role;
    let (owner, owner_name) = match &stmt.authrole {
        None => (me.oid, me.name.clone()),
        Some(RoleSpec::Name(n)) => (role_oid_by_name(n)?, n.clone()),
        Some(RoleSpec::CurrentRole | RoleSpec::CurrentUser | RoleSpec::SessionUser) => (me.oid, me.name.clone()),
        Some(_) => {
            return Err(PgError::new(SqlState::RESERVED_NAME, "role name \"public\" is reserved")
                .with_detail("Cannot use PUBLIC as the owner."))
        }
    };
    let name = stmt.name.clone().unwrap_or_else(|| owner_name.clone());
    // CREATE on the database: its owner and superusers (no GRANT yet).
    let database = pg_catalog::inval::my_database();
    if !me.superuser {
        let dba = syscache::database_by_oid(database)?.map(|r| r.oid(pg_database::DATDBA));
        if dba != Some(me.oid) {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("permission denied for database {}", session.database),
            ));
        }
        if owner != me.oid {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be member of role \"{owner_name}\""),
            ));
        }
    }
    if name.starts_with("pg_") {
        return Err(PgError::new(SqlState::RESERVED_NAME, format!("unacceptable schema name \"{name}\""))
            .with_detail("The prefix \"pg_\" is reserved for system schemas."));
    }
    if syscache::namespace_by_name(&name)?.is_some() {
        if stmt.if_not_exists {
            pg_error::notice::emit_notice(PgError::notice(
                Severity::Notice,
                SqlState::DUPLICATE_SCHEMA,
                format!("schema \"{name}\" already exists, skipping"),
            ));
            return Ok("CREATE SCHEMA".to_string());
        }
        return Err(PgError::new(SqlState::DUPLICATE_SCHEMA, format!("schema \"{name}\" already exists")));
    }
    if !stmt.elements.is_empty() {
        return Err(PgError::not_supported("CREATE SCHEMA with schema elements is not supported yet"));
    }
    let ns = pg_wal::varsup::get_new_object_id()?;
    let mut row = pg_catalog::catdef::new_row(&pg_namespace::DEF);
    row[pg_namespace::OID] = Datum::Oid(ns);
    row[pg_namespace::NSPNAME] = Datum::Text(name);
    row[pg_namespace::NSPOWNER] = Datum::Oid(owner);
    row[pg_namespace::NSPACL] = Datum::Null;
    indexing::catalog_tuple_insert(pg_namespace::RELATION_ID, &row)?;
    // recordDependencyOnOwner: the bootstrap superuser is pinned.
    if owner != pg_catalog::BOOTSTRAP_SUPERUSER_ID {
        let mut s = pg_catalog::catdef::new_row(&pg_shdepend::DEF);
        s[pg_shdepend::DBID] = Datum::Oid(database);
        s[pg_shdepend::CLASSID] = Datum::Oid(pg_namespace::RELATION_ID);
        s[pg_shdepend::OBJID] = Datum::Oid(ns);
        s[pg_shdepend::OBJSUBID] = Datum::Int4(0);
        s[pg_shdepend::REFCLASSID] = Datum::Oid(pg_authid::RELATION_ID);
        s[pg_shdepend::REFOBJID] = Datum::Oid(owner);
        s[pg_shdepend::DEPTYPE] = Datum::Char(b'o');
        indexing::catalog_tuple_insert(pg_shdepend::RELATION_ID, &s)?;
    }
    pg_wal::xact::command_counter_increment()?;
    Ok("CREATE SCHEMA".to_string())
}

fn relkind_word(kind: u8) -> &'static str {
    match kind {
        b'v' => "view",
        b'm' => "materialized view",
        b'S' => "sequence",
        b'f' => "foreign table",
        b'c' => "type",
        _ => "table",
    }
}

/// `RemoveObjects` for schemas with `performMultipleDeletions`' checks.
pub(crate) fn drop_schemas(session: &Session, stmt: &DropStmt, nest_level: u32) -> PgResult<String> {
    for object in &stmt.objects {
        let name = match object {
            ObjectName::Name(n) => n.clone(),
            ObjectName::Any(names) => names.join("."),
            _ => return Err(PgError::internal("a schema name expected")),
        };
        let Some(row) = syscache::namespace_by_name(&name)? else {
            if stmt.missing_ok {
                notice(format!("schema \"{name}\" does not exist, skipping"));
                continue;
            }
            return Err(PgError::new(SqlState::INVALID_SCHEMA_NAME, format!("schema \"{name}\" does not exist")));
        };
        let ns = row.oid(pg_namespace::OID);
        if !session.role.superuser && row.oid(pg_namespace::NSPOWNER) != session.role.oid {
            return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, format!("must be owner of schema {name}")));
        }
        if ns == PG_CATALOG_NAMESPACE || ns == PG_TOAST_NAMESPACE {
            return Err(PgError::new(
                SqlState::DEPENDENT_OBJECTS_STILL_EXIST,
                format!("cannot drop schema {name} because it is required by the database system"),
            ));
        }
        // Its members, oldest first (pg_depend's order for one schema).
        let mut members: Vec<(Oid, u8, String)> =
            scan_catalog(pg_class::RELATION_ID, |r| r[pg_class::RELNAMESPACE] == Datum::Oid(ns))?
                .iter()
                .map(|r| (r.oid(pg_class::OID), r.char(pg_class::RELKIND), r.text(pg_class::RELNAME).to_string()))
                .collect();
        members.sort_by_key(|m| m.0);
        let describe = |(_, kind, rel): &(Oid, u8, String)| format!("{} {name}.{rel}", relkind_word(*kind));
        if !members.is_empty() {
            if stmt.behavior == DropBehavior::Restrict {
                let detail: Vec<String> =
                    members.iter().map(|m| format!("{} depends on schema {name}", describe(m))).collect();
                return Err(PgError::new(
                    SqlState::DEPENDENT_OBJECTS_STILL_EXIST,
                    format!("cannot drop schema {name} because other objects depend on it"),
                )
                .with_detail(detail.join("\n"))
                .with_hint("Use DROP ... CASCADE to drop the dependent objects too."));
            }
            if let Some(m) = members.iter().find(|m| !matches!(m.1, b'r' | b'v')) {
                return Err(PgError::not_supported(format!(
                    "DROP SCHEMA CASCADE of a schema holding {} {} is not supported yet",
                    relkind_word(m.1),
                    m.2
                )));
            }
            let lines: Vec<String> = members.iter().map(|m| format!("drop cascades to {}", describe(m))).collect();
            crate::ddl::report_drop_cascades(lines);
            // Views first: they may read the tables.
            members.sort_by_key(|m| m.1 != b'v');
            for (relid, kind, rel) in &members {
                if syscache::class_by_oid(*relid)?.is_none() {
                    continue; // went with a view dropped before
                }
                let drop = DropStmt {
                    kind: if *kind == b'v' { ObjectType::View } else { ObjectType::Table },
                    objects: vec![ObjectName::Any(vec![name.clone(), rel.clone()])],
                    behavior: DropBehavior::Cascade,
                    missing_ok: true,
                    concurrent: false,
                };
                crate::ddl::drop_relations(session, &drop, nest_level)?;
            }
        }
        let shdeps = scan_catalog(pg_shdepend::RELATION_ID, |r| {
            r[pg_shdepend::CLASSID] == Datum::Oid(pg_namespace::RELATION_ID) && r[pg_shdepend::OBJID] == Datum::Oid(ns)
        })?;
        for s in &shdeps {
            indexing::catalog_tuple_delete(pg_shdepend::RELATION_ID, s)?;
        }
        indexing::catalog_tuple_delete(pg_namespace::RELATION_ID, &row)?;
        pg_wal::xact::command_counter_increment()?;
    }
    Ok("DROP SCHEMA".to_string())
}
