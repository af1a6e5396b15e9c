//! The system views that are real views (PostgreSQL's `system_views.sql`,
//! which initdb runs after bootstrap): each definition is parsed and
//! analyzed against the freshly written catalogs, and its catalog rows
//! (`pg_class`, `pg_attribute`, `pg_type`, the `_RETURN` rule in
//! `pg_rewrite`, `pg_depend`) are built as CREATE VIEW builds them, with
//! PostgreSQL 15's OIDs for the view, its row type and the row type's
//! array. initdb appends them to template1 before it is copied.
//!
//! The views defined over set-returning functions (`pg_stat_activity`,
//! `pg_settings`, ...) are still pg-catalog's `builtin::SYSTEM_VIEWS`.

use pg_catalog::heap::{relation_rows, CatalogRows, NewColumn, NewRelation, RelationOids, ViewRule};
use pg_catalog::{Persistence, RelKind, BOOTSTRAP_SUPERUSER_ID, PG_CATALOG_NAMESPACE};
use pg_error::{PgError, PgResult};
use pg_types::Oid;

/// A system view: name, PostgreSQL 15's OIDs (view, row type, array type)
/// and its query.
struct SystemViewDef {
    name: &'static str,
    oids: (Oid, Oid, Oid),
    sql: &'static str,
}

static VIEWS: &[SystemViewDef] = &[
    SystemViewDef {
        name: "pg_roles",
        oids: (12000, 12002, 12001),
        sql: "SELECT a.rolname, a.rolsuper, a.rolinherit, a.rolcreaterole, a.rolcreatedb, a.rolcanlogin, \
              a.rolreplication, a.rolconnlimit, '********'::text AS rolpassword, a.rolvaliduntil, a.rolbypassrls, \
              s.setconfig AS rolconfig, a.oid \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid",
    },
    SystemViewDef {
        name: "pg_shadow",
        oids: (12005, 12007, 12006),
        sql: "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb, a.rolsuper AS usesuper, \
              a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls, a.rolpassword AS passwd, \
              a.rolvaliduntil AS valuntil, s.setconfig AS useconfig \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid WHERE a.rolcanlogin",
    },
    SystemViewDef {
        name: "pg_user",
        oids: (12014, 12016, 12015),
        sql: "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb, a.rolsuper AS usesuper, \
              a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls, '********'::text AS passwd, \
              a.rolvaliduntil AS valuntil, s.setconfig AS useconfig \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid WHERE a.rolcanlogin",
    },
    SystemViewDef {
        name: "pg_tables",
        oids: (12033, 12035, 12034),
        sql: "SELECT n.nspname AS schemaname, c.relname AS tablename, pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, \
              t.spcname AS tablespace, c.relhasindex AS hasindexes, c.relhasrules AS hasrules, \
              c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity \
              FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
              LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace \
              WHERE c.relkind IN ('r', 'p')",
    },
];

/// The catalog rows of every system view, for template1 (database 1).
/// Runs in initdb after the catalogs are written, before template1 is
/// copied; the builtin functions must be registered.
pub fn system_view_rows() -> PgResult<CatalogRows> {
    let mut out = CatalogRows::new();
    for v in VIEWS {
        let mut stmts =
            pg_parser::parse(v.sql).map_err(|e| PgError::internal(format!("system view {}: {}", v.name, e.message)))?;
        let raw = stmts.pop().ok_or_else(|| PgError::internal(format!("system view {} is empty", v.name)))?;
        let settings = crate::exec::output_settings();
        let (columns, reads) = crate::exec::with_analyze_env(v.sql, &settings, |env| -> PgResult<_> {
            let query = pg_analyze::analyze(&raw, env)?;
            let reads = ::pg_rewrite::views_read(&query);
            let query = ::pg_rewrite::rewrite(query, env)?;
            Ok((::pg_rewrite::view_columns(&query, &[])?, reads))
        })
        .map_err(|e| PgError::internal(format!("system view {}: {}", v.name, e.message)))?;
        let rel = NewRelation {
            name: v.name.to_string(),
            namespace: PG_CATALOG_NAMESPACE,
            kind: RelKind::View,
            persistence: Persistence::Permanent,
            owner: BOOTSTRAP_SUPERUSER_ID,
            columns: columns
                .into_iter()
                .map(|c| NewColumn {
                    name: c.name,
                    type_oid: c.type_oid,
                    typmod: c.typmod,
                    ndims: 0,
                    not_null: false,
                    default: None,
                })
                .collect(),
            checks: Vec::new(),
            view: Some(ViewRule {
                definition: ::pg_rewrite::view_definition_text(&raw.stmt),
                reads: reads.into_iter().map(|relid| (relid, 0)).collect(),
            }),
        };
        let (relid, rowtype, array_type) = v.oids;
        // The rule's OID: PostgreSQL numbers them in the same range.
        let oids = RelationOids {
            relid,
            rowtype,
            array_type,
            defaults: Vec::new(),
            checks: Vec::new(),
            rule: Some(relid + 3),
        };
        out.extend(relation_rows(&rel, &oids, 1)?);
    }
    Ok(out)
}
