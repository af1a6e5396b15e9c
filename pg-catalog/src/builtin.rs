//! The bootstrap catalog compiled into the binary: schemas and the
//! system views (PostgreSQL's `pg_namespace.dat`, `pg_database.dat` and
//! `system_views.sql`), served through [`BuiltinCatalog`].

use crate::{
    Catalog, ColumnDef, NamespaceInfo, Oid, Persistence, RelKind, RelationInfo, RelationSource, SelectPrivilege,
    INFORMATION_SCHEMA_NAMESPACE, PG_CATALOG_NAMESPACE, PG_PUBLIC_NAMESPACE,
};
use pg_types::types::oid::{BOOL, INET, INT2, INT4, INT8, NAME, OID, TEXT, TEXT_ARRAY, TIMESTAMPTZ, XID};

/// The schemas every database has.
pub static NAMESPACES: &[(Oid, &str)] = &[
    (PG_CATALOG_NAMESPACE, "pg_catalog"),
    (PG_PUBLIC_NAMESPACE, "public"),
    (INFORMATION_SCHEMA_NAMESPACE, "information_schema"),
];

/// A system view: every column of a zero-argument set-returning function.
pub struct SystemView {
    /// `pg_class.oid` as in a PostgreSQL 15 cluster.
    pub oid: Oid,
    /// The view's name (in `pg_catalog`).
    pub name: &'static str,
    /// The set-returning function whose columns it shows.
    pub function: &'static str,
    /// The function's argument types: the view calls it with NULL for each
    /// (`FROM pg_stat_get_activity(NULL) s`: every backend).
    pub function_args: &'static [Oid],
    /// The alias the view's definition gives the function, shown by EXPLAIN.
    pub function_alias: Option<&'static str>,
    /// Columns: PostgreSQL 15's names, order and types.
    pub columns: &'static [(&'static str, Oid)],
    /// Who may read it: PostgreSQL 15's `relacl` for the view.
    pub select_privilege: SelectPrivilege,
}

/// `pg_stat_activity` (PostgreSQL 15: 22 columns).
pub static PG_STAT_ACTIVITY_COLUMNS: &[(&str, Oid)] = &[
    ("datid", OID),
    ("datname", NAME),
    ("pid", INT4),
    ("leader_pid", INT4),
    ("usesysid", OID),
    ("usename", NAME),
    ("application_name", TEXT),
    ("client_addr", INET),
    ("client_hostname", TEXT),
    ("client_port", INT4),
    ("backend_start", TIMESTAMPTZ),
    ("xact_start", TIMESTAMPTZ),
    ("query_start", TIMESTAMPTZ),
    ("state_change", TIMESTAMPTZ),
    ("wait_event_type", TEXT),
    ("wait_event", TEXT),
    ("state", TEXT),
    ("backend_xid", XID),
    ("backend_xmin", XID),
    ("query_id", INT8),
    ("query", TEXT),
    ("backend_type", TEXT),
];

/// `pg_backend_memory_contexts`.
pub static PG_BACKEND_MEMORY_CONTEXTS_COLUMNS: &[(&str, Oid)] = &[
    ("name", TEXT),
    ("ident", TEXT),
    ("parent", TEXT),
    ("level", INT4),
    ("total_bytes", INT8),
    ("total_nblocks", INT8),
    ("free_bytes", INT8),
    ("free_chunks", INT8),
    ("used_bytes", INT8),
];

/// `pg_shmem_allocations`.
pub static PG_SHMEM_ALLOCATIONS_COLUMNS: &[(&str, Oid)] =
    &[("name", TEXT), ("off", INT8), ("size", INT8), ("allocated_size", INT8)];

/// `pg_settings` (backed by `pg_show_all_settings()`, which pg-guc's owner registers).
pub static PG_SETTINGS_COLUMNS: &[(&str, Oid)] = &[
    ("name", TEXT),
    ("setting", TEXT),
    ("unit", TEXT),
    ("category", TEXT),
    ("short_desc", TEXT),
    ("extra_desc", TEXT),
    ("context", TEXT),
    ("vartype", TEXT),
    ("source", TEXT),
    ("min_val", TEXT),
    ("max_val", TEXT),
    ("enumvals", TEXT_ARRAY),
    ("boot_val", TEXT),
    ("reset_val", TEXT),
    ("sourcefile", TEXT),
    ("sourceline", INT4),
    ("pending_restart", BOOL),
];

/// `pg_cursors` (backed by `pg_cursor()`, which pg-tcop registers).
pub static PG_CURSORS_COLUMNS: &[(&str, Oid)] = &[
    ("name", TEXT),
    ("statement", TEXT),
    ("is_holdable", BOOL),
    ("is_binary", BOOL),
    ("is_scrollable", BOOL),
    ("creation_time", TIMESTAMPTZ),
];

/// `pg_locks` (over `pg_lock_status()`, pg-tcop's lockfuncs.rs).
pub static PG_LOCKS_COLUMNS: &[(&str, Oid)] = &[
    ("locktype", TEXT),
    ("database", OID),
    ("relation", OID),
    ("page", INT4),
    ("tuple", INT2),
    ("virtualxid", TEXT),
    ("transactionid", XID),
    ("classid", OID),
    ("objid", OID),
    ("objsubid", INT2),
    ("virtualtransaction", TEXT),
    ("pid", INT4),
    ("mode", TEXT),
    ("granted", BOOL),
    ("fastpath", BOOL),
    ("waitstart", TIMESTAMPTZ),
];

/// The tablespaces every cluster has (`pg_tablespace`'s initial rows).
pub static BUILTIN_TABLESPACES: &[&str] = &["pg_default", "pg_global"];

/// The table access methods (`pg_am` rows of type table).
pub static TABLE_ACCESS_METHODS: &[&str] = &["heap"];

/// PostgreSQL 15's built-in text search configurations (`pg_ts_config`, all
/// in `pg_catalog`), which `default_text_search_config` may name.
pub static TEXT_SEARCH_CONFIGS: &[&str] = &[
    "simple",
    "arabic",
    "armenian",
    "basque",
    "catalan",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "greek",
    "hindi",
    "hungarian",
    "indonesian",
    "irish",
    "italian",
    "lithuanian",
    "nepali",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "serbian",
    "spanish",
    "swedish",
    "tamil",
    "turkish",
    "yiddish",
];

/// Every system view this round.
pub static SYSTEM_VIEWS: &[SystemView] = &[
    SystemView {
        oid: 12222,
        name: "pg_stat_activity",
        function: "pg_stat_get_activity",
        function_args: &[INT4],
        function_alias: Some("s"),
        columns: PG_STAT_ACTIVITY_COLUMNS,
        select_privilege: SelectPrivilege::Public,
    },
    SystemView {
        oid: 12138,
        name: "pg_backend_memory_contexts",
        function: "pg_get_backend_memory_contexts",
        function_args: &[],
        function_alias: None,
        columns: PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
        select_privilege: SelectPrivilege::RoleMembers("pg_read_all_stats"),
    },
    SystemView {
        oid: 12134,
        name: "pg_shmem_allocations",
        function: "pg_get_shmem_allocations",
        function_args: &[],
        function_alias: None,
        columns: PG_SHMEM_ALLOCATIONS_COLUMNS,
        select_privilege: SelectPrivilege::RoleMembers("pg_read_all_stats"),
    },
    SystemView {
        oid: 12077,
        name: "pg_cursors",
        function: "pg_cursor",
        function_args: &[],
        function_alias: Some("c"),
        columns: PG_CURSORS_COLUMNS,
        select_privilege: SelectPrivilege::Public,
    },
    SystemView {
        oid: 12104,
        name: "pg_settings",
        function: "pg_show_all_settings",
        function_args: &[],
        function_alias: Some("a"),
        columns: PG_SETTINGS_COLUMNS,
        select_privilege: SelectPrivilege::Public,
    },
    SystemView {
        oid: 12073,
        name: "pg_locks",
        function: "pg_lock_status",
        function_args: &[],
        function_alias: Some("l"),
        columns: PG_LOCKS_COLUMNS,
        select_privilege: SelectPrivilege::Public,
    },
];

impl SystemView {
    /// The view as a [`RelationInfo`].
    pub fn relation_info(&self) -> RelationInfo {
        RelationInfo {
            oid: self.oid,
            name: self.name.to_string(),
            namespace: PG_CATALOG_NAMESPACE,
            kind: RelKind::View,
            persistence: Persistence::Permanent,
            columns: self
                .columns
                .iter()
                .map(|&(name, type_oid)| ColumnDef { name: name.to_string(), type_oid, typmod: -1 })
                .collect(),
            source: RelationSource::FunctionScan {
                function: self.function.to_string(),
                arg_types: self.function_args.to_vec(),
                alias: self.function_alias.map(str::to_string),
            },
            select_privilege: self.select_privilege,
        }
    }
}

/// `pg_proc.prorows` of the built-in set-returning functions whose row
/// estimate is not PostgreSQL's default of 1000, by name and argument types
/// (the OIDs are pg-types' to write).
static FUNCTION_ROWS: &[(&str, &[Oid], f64)] = &[
    ("pg_stat_get_activity", &[INT4], 100.0),
    ("pg_get_backend_memory_contexts", &[], 100.0),
    // Another backend's contexts: the same estimate as one's own.
    ("pg_get_backend_memory_contexts", &[INT4], 100.0),
    ("pg_get_shmem_allocations", &[], 50.0),
];

/// `prorows` of a built-in set-returning function (1000 unless `FUNCTION_ROWS` lists it).
pub fn function_rows(func: &pg_types::FuncDef) -> f64 {
    FUNCTION_ROWS.iter().find(|(n, a, _)| *n == func.name && *a == func.arg_types.as_slice()).map_or(1000.0, |e| e.2)
}

/// The read-only built-in catalog.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuiltinCatalog;

impl Catalog for BuiltinCatalog {
    fn namespace_by_name(&self, name: &str) -> Option<NamespaceInfo> {
        NAMESPACES.iter().find(|(_, n)| *n == name).map(|&(oid, n)| NamespaceInfo { oid, name: n.to_string() })
    }

    fn relation(&self, namespace: Oid, name: &str) -> Option<RelationInfo> {
        if namespace != PG_CATALOG_NAMESPACE {
            return None;
        }
        SYSTEM_VIEWS.iter().find(|v| v.name == name).map(SystemView::relation_info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{effective_search_path, resolve_relation};

    fn path(sp: &[&str]) -> Vec<Oid> {
        let sp: Vec<String> = sp.iter().map(|s| s.to_string()).collect();
        effective_search_path(&BuiltinCatalog, &sp, "alice")
    }

    #[test]
    fn search_path_semantics() {
        for (sp, expect) in [
            (&["$user", "public"][..], vec![11, 2200]),
            (&["public", "pg_catalog"][..], vec![2200, 11]),
            (&["nosuch"][..], vec![11]),
            (&[][..], vec![11]),
            (&["information_schema", "public", "public"][..], vec![11, 13207, 2200]),
        ] {
            assert_eq!(path(sp), expect, "{sp:?}");
        }
    }

    #[test]
    fn relations_resolve() {
        let sp = path(&["$user", "public"]);
        let check = |schema: Option<&str>, name: &str, expect: Option<Oid>| {
            let got = resolve_relation(&BuiltinCatalog, schema, name, &sp).map(|r| r.map(|r| r.oid));
            assert_eq!(got, Ok(expect), "{schema:?}.{name}");
        };
        check(None, "pg_stat_activity", Some(12222));
        check(Some("pg_catalog"), "pg_stat_activity", Some(12222));
        check(Some("public"), "pg_stat_activity", None);
        check(None, "pg_backend_memory_contexts", Some(12138));
        check(None, "pg_shmem_allocations", Some(12134));
        check(None, "pg_settings", Some(12104));
        check(None, "pg_cursors", Some(12077));
        check(None, "foo", None);
        let err = resolve_relation(&BuiltinCatalog, Some("nosuch"), "x", &sp).unwrap_err().into_error();
        assert_eq!(err.message, "schema \"nosuch\" does not exist");
    }

    #[test]
    fn view_columns_match_postgres() {
        let r = BuiltinCatalog.relation(PG_CATALOG_NAMESPACE, "pg_stat_activity").unwrap();
        assert_eq!(r.columns.len(), 22);
        assert_eq!(r.columns[0].name, "datid");
        assert_eq!(r.columns[21].name, "backend_type");
        assert_eq!(
            r.source,
            RelationSource::FunctionScan {
                function: "pg_stat_get_activity".into(),
                arg_types: vec![pg_types::types::oid::INT4],
                alias: Some("s".into())
            }
        );
        let m = BuiltinCatalog.relation(11, "pg_backend_memory_contexts").unwrap();
        let names: Vec<_> = m.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names.join(","),
            "name,ident,parent,level,total_bytes,total_nblocks,free_bytes,free_chunks,used_bytes"
        );
    }
}
