//! The system views (PostgreSQL's `system_views.sql`, which initdb runs
//! after bootstrap): each definition is parsed and analyzed against the
//! freshly written catalogs, and its catalog rows (`pg_class` relkind
//! `'v'`, `pg_attribute`, `pg_type`, the `_RETURN` rule in `pg_rewrite`,
//! `pg_depend`) are built as CREATE VIEW builds them, with PostgreSQL 15's
//! OIDs for the view, its row type, the row type's array and the rule.
//! initdb appends them to template1 before it is copied, so they are
//! rows like any user's view: pg-rewrite expands them, `pg_class` and
//! `pg_views` list them, and nothing answers for them from compiled-in
//! data.
//!
//! The definitions have PostgreSQL 15's shape: the views over server
//! state select from its set-returning functions by its names and OIDs
//! (`pg_show_all_settings()`, `pg_stat_get_activity(NULL)`,
//! `pg_lock_status()`, ...), whose rows the crates that own that state
//! produce, and join the catalogs where PostgreSQL's do
//! (`pg_stat_activity` names databases and roles from `pg_database` and
//! `pg_authid`). Relations and functions are schema-qualified because the
//! stored text is resolved again at each use (pg-rewrite's README).
//!
//! Not made (PostgreSQL 15 has 71 in `pg_catalog`; the functions or
//! catalogs these read do not exist here yet): the cumulative statistics
//! views (`pg_stat_*` other than `pg_stat_activity`, `pg_stat_ssl` and
//! `pg_stat_gssapi`, and `pg_statio_*`: no statistics collector),
//! `pg_indexes` (`pg_get_indexdef`), `pg_rules` (`pg_get_ruledef`),
//! `pg_sequences`, `pg_stats`, `pg_stats_ext`, `pg_stats_ext_exprs`,
//! `pg_policies`, `pg_seclabels`, `pg_user_mappings`, `pg_prepared_xacts`
//! (no two-phase commit), `pg_config`, `pg_available_extensions`,
//! `pg_available_extension_versions`, `pg_ident_file_mappings`,
//! `pg_publication_tables`, the replication and subscription views;
//! `pg_timezone_names` and `pg_timezone_abbrevs` come with their
//! functions. `pg_settings`' UPDATE rules (`pg_settings_u`,
//! `pg_settings_n`) need rules other than `_RETURN`, so UPDATE of
//! `pg_settings` answers 55000 where PostgreSQL calls `set_config`.

use pg_catalog::heap::{relation_rows, CatalogRows, NewColumn, NewRelation, RelationOids, ViewRule};
use pg_catalog::{Persistence, RelKind, BOOTSTRAP_SUPERUSER_ID, PG_CATALOG_NAMESPACE};
use pg_error::{PgError, PgResult};
use pg_types::Oid;

/// A system view: name, PostgreSQL 15's OID for it (its row type is
/// `oid + 2`, the row type's array `oid + 1` and its `_RETURN` rule
/// `oid + 3`, as initdb numbers them) and its query.
struct SystemViewDef {
    name: &'static str,
    oid: Oid,
    sql: &'static str,
}

/// `pg_stat_get_activity`'s OUT columns, as PostgreSQL's views alias them.
macro_rules! activity_columns {
    () => {
        "s(datid, pid, usesysid, application_name, state, query, wait_event_type, wait_event, xact_start, \
         query_start, backend_start, state_change, client_addr, client_hostname, client_port, backend_xid, \
         backend_xmin, backend_type, ssl, sslversion, sslcipher, sslbits, ssl_client_dn, ssl_client_serial, \
         ssl_issuer_dn, gss_auth, gss_princ, gss_enc, leader_pid, query_id)"
    };
}

static VIEWS: &[SystemViewDef] = &[
    SystemViewDef {
        name: "pg_roles",
        oid: 12000,
        sql: "SELECT a.rolname, a.rolsuper, a.rolinherit, a.rolcreaterole, a.rolcreatedb, a.rolcanlogin, \
              a.rolreplication, a.rolconnlimit, '********'::text AS rolpassword, a.rolvaliduntil, a.rolbypassrls, \
              s.setconfig AS rolconfig, a.oid \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid",
    },
    SystemViewDef {
        name: "pg_shadow",
        oid: 12005,
        sql: "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb, a.rolsuper AS usesuper, \
              a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls, a.rolpassword AS passwd, \
              a.rolvaliduntil AS valuntil, s.setconfig AS useconfig \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid WHERE a.rolcanlogin",
    },
    SystemViewDef {
        name: "pg_user",
        oid: 12014,
        sql: "SELECT a.rolname AS usename, a.oid AS usesysid, a.rolcreatedb AS usecreatedb, a.rolsuper AS usesuper, \
              a.rolreplication AS userepl, a.rolbypassrls AS usebypassrls, '********'::text AS passwd, \
              a.rolvaliduntil AS valuntil, s.setconfig AS useconfig \
              FROM pg_catalog.pg_authid a LEFT JOIN pg_catalog.pg_db_role_setting s \
              ON a.oid = s.setrole AND s.setdatabase = 0::oid WHERE a.rolcanlogin",
    },
    SystemViewDef {
        name: "pg_group",
        oid: 12010,
        sql: "SELECT pg_authid.rolname AS groname, pg_authid.oid AS grosysid, \
              ARRAY(SELECT pg_auth_members.member FROM pg_catalog.pg_auth_members \
              WHERE pg_auth_members.roleid = pg_authid.oid) AS grolist \
              FROM pg_catalog.pg_authid WHERE NOT pg_authid.rolcanlogin",
    },
    SystemViewDef {
        name: "pg_views",
        oid: 12028,
        sql: "SELECT n.nspname AS schemaname, c.relname AS viewname, pg_catalog.pg_get_userbyid(c.relowner) AS viewowner, \
              pg_catalog.pg_get_viewdef(c.oid) AS definition \
              FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
              WHERE c.relkind = 'v'::\"char\"",
    },
    SystemViewDef {
        name: "pg_tables",
        oid: 12033,
        sql: "SELECT n.nspname AS schemaname, c.relname AS tablename, pg_catalog.pg_get_userbyid(c.relowner) AS tableowner, \
              t.spcname AS tablespace, c.relhasindex AS hasindexes, c.relhasrules AS hasrules, \
              c.relhastriggers AS hastriggers, c.relrowsecurity AS rowsecurity \
              FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
              LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace \
              WHERE c.relkind IN ('r', 'p')",
    },
    SystemViewDef {
        name: "pg_matviews",
        oid: 12038,
        sql: "SELECT n.nspname AS schemaname, c.relname AS matviewname, \
              pg_catalog.pg_get_userbyid(c.relowner) AS matviewowner, t.spcname AS tablespace, \
              c.relhasindex AS hasindexes, c.relispopulated AS ispopulated, pg_catalog.pg_get_viewdef(c.oid) AS definition \
              FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
              LEFT JOIN pg_catalog.pg_tablespace t ON t.oid = c.reltablespace \
              WHERE c.relkind = 'm'::\"char\"",
    },
    SystemViewDef {
        name: "pg_locks",
        oid: 12073,
        sql: "SELECT l.locktype, l.database, l.relation, l.page, l.tuple, l.virtualxid, l.transactionid, l.classid, \
              l.objid, l.objsubid, l.virtualtransaction, l.pid, l.mode, l.granted, l.fastpath, l.waitstart \
              FROM pg_catalog.pg_lock_status() l(locktype, database, relation, page, tuple, virtualxid, \
              transactionid, classid, objid, objsubid, virtualtransaction, pid, mode, granted, fastpath, waitstart)",
    },
    SystemViewDef {
        name: "pg_cursors",
        oid: 12077,
        sql: "SELECT c.name, c.statement, c.is_holdable, c.is_binary, c.is_scrollable, c.creation_time \
              FROM pg_catalog.pg_cursor() c(name, statement, is_holdable, is_binary, is_scrollable, creation_time)",
    },
    SystemViewDef {
        name: "pg_prepared_statements",
        oid: 12095,
        sql: "SELECT p.name, p.statement, p.prepare_time, p.parameter_types, p.from_sql, p.generic_plans, \
              p.custom_plans \
              FROM pg_catalog.pg_prepared_statement() p(name, statement, prepare_time, parameter_types, from_sql, \
              generic_plans, custom_plans)",
    },
    SystemViewDef {
        name: "pg_settings",
        oid: 12104,
        sql: "SELECT a.name, a.setting, a.unit, a.category, a.short_desc, a.extra_desc, a.context, a.vartype, \
              a.source, a.min_val, a.max_val, a.enumvals, a.boot_val, a.reset_val, a.sourcefile, a.sourceline, \
              a.pending_restart \
              FROM pg_catalog.pg_show_all_settings() a(name, setting, unit, category, short_desc, extra_desc, \
              context, vartype, source, min_val, max_val, enumvals, boot_val, reset_val, sourcefile, sourceline, \
              pending_restart)",
    },
    SystemViewDef {
        name: "pg_file_settings",
        oid: 12110,
        sql: "SELECT a.sourcefile, a.sourceline, a.seqno, a.name, a.setting, a.applied, a.error \
              FROM pg_catalog.pg_show_all_file_settings() a(sourcefile, sourceline, seqno, name, setting, \
              applied, error)",
    },
    SystemViewDef {
        name: "pg_hba_file_rules",
        oid: 12114,
        sql: "SELECT a.line_number, a.type, a.database, a.user_name, a.address, a.netmask, a.auth_method, \
              a.options, a.error \
              FROM pg_catalog.pg_hba_file_rules() a(line_number, type, database, user_name, address, netmask, \
              auth_method, options, error)",
    },
    SystemViewDef {
        name: "pg_shmem_allocations",
        oid: 12134,
        sql: "SELECT pg_get_shmem_allocations.name, pg_get_shmem_allocations.off, pg_get_shmem_allocations.size, \
              pg_get_shmem_allocations.allocated_size \
              FROM pg_catalog.pg_get_shmem_allocations() pg_get_shmem_allocations(name, off, size, allocated_size)",
    },
    SystemViewDef {
        name: "pg_backend_memory_contexts",
        oid: 12138,
        sql: "SELECT pg_get_backend_memory_contexts.name, pg_get_backend_memory_contexts.ident, \
              pg_get_backend_memory_contexts.parent, pg_get_backend_memory_contexts.level, \
              pg_get_backend_memory_contexts.total_bytes, pg_get_backend_memory_contexts.total_nblocks, \
              pg_get_backend_memory_contexts.free_bytes, pg_get_backend_memory_contexts.free_chunks, \
              pg_get_backend_memory_contexts.used_bytes \
              FROM pg_catalog.pg_get_backend_memory_contexts() pg_get_backend_memory_contexts(name, ident, parent, \
              level, total_bytes, total_nblocks, free_bytes, free_chunks, used_bytes)",
    },
    SystemViewDef {
        name: "pg_stat_activity",
        oid: 12222,
        sql: concat!(
            "SELECT s.datid, d.datname, s.pid, s.leader_pid, s.usesysid, u.rolname AS usename, s.application_name, \
             s.client_addr, s.client_hostname, s.client_port, s.backend_start, s.xact_start, s.query_start, \
             s.state_change, s.wait_event_type, s.wait_event, s.state, s.backend_xid, s.backend_xmin, s.query_id, \
             s.query, s.backend_type \
             FROM pg_catalog.pg_stat_get_activity(NULL::integer) ",
            activity_columns!(),
            " LEFT JOIN pg_catalog.pg_database d ON s.datid = d.oid \
             LEFT JOIN pg_catalog.pg_authid u ON s.usesysid = u.oid"
        ),
    },
    SystemViewDef {
        name: "pg_stat_ssl",
        oid: 12249,
        sql: concat!(
            "SELECT s.pid, s.ssl, s.sslversion AS version, s.sslcipher AS cipher, s.sslbits AS bits, \
             s.ssl_client_dn AS client_dn, s.ssl_client_serial AS client_serial, s.ssl_issuer_dn AS issuer_dn \
             FROM pg_catalog.pg_stat_get_activity(NULL::integer) ",
            activity_columns!(),
            " WHERE s.client_port IS NOT NULL"
        ),
    },
    SystemViewDef {
        name: "pg_stat_gssapi",
        oid: 12253,
        sql: concat!(
            "SELECT s.pid, s.gss_auth AS gss_authenticated, s.gss_princ AS principal, s.gss_enc AS encrypted \
             FROM pg_catalog.pg_stat_get_activity(NULL::integer) ",
            activity_columns!(),
            " WHERE s.client_port IS NOT NULL"
        ),
    },
    // ---- sysviews (more views below this line)
    // ---- tz: the time zone views over pg-types' set-returning functions.
    SystemViewDef {
        name: "pg_timezone_abbrevs",
        oid: 12122,
        sql: "SELECT abbrev, utc_offset, is_dst FROM pg_catalog.pg_timezone_abbrevs() \
              pg_timezone_abbrevs(abbrev, utc_offset, is_dst)",
    },
    SystemViewDef {
        name: "pg_timezone_names",
        oid: 12126,
        sql: "SELECT name, abbrev, utc_offset, is_dst FROM pg_catalog.pg_timezone_names() \
              pg_timezone_names(name, abbrev, utc_offset, is_dst)",
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
        let oids = RelationOids {
            relid: v.oid,
            rowtype: v.oid + 2,
            array_type: v.oid + 1,
            defaults: Vec::new(),
            checks: Vec::new(),
            rule: Some(v.oid + 3),
        };
        out.extend(relation_rows(&rel, &oids, 1)?);
    }
    Ok(out)
}
