//! Bootstrap data compiled into the binary that the catalogs' initial
//! rows are made from: the schemas (PostgreSQL's `pg_namespace.dat`),
//! tablespaces, table access methods, text search configurations, the OUT
//! columns of the set-returning functions the system views select from
//! (their `proargnames`), and `prorows` estimates. [`BuiltinCatalog`]
//! serves the schemas alone, for tests without a data directory.
//!
//! The system views themselves are not here: initdb creates them as real
//! views (`pg_class` relkind `'v'` and a `_RETURN` rule; pg-tcop's
//! `sysviews.rs`), and pg-rewrite expands them.

use crate::{
    Catalog, NamespaceInfo, Oid, RelationInfo, INFORMATION_SCHEMA_NAMESPACE, PG_CATALOG_NAMESPACE, PG_PUBLIC_NAMESPACE,
};
use pg_types::types::oid::{BOOL, INET, INT2, INT4, INT8, NUMERIC, OID, TEXT, TEXT_ARRAY, TIMESTAMPTZ, XID};

/// The schemas every database has.
pub static NAMESPACES: &[(Oid, &str)] = &[
    (PG_CATALOG_NAMESPACE, "pg_catalog"),
    (PG_PUBLIC_NAMESPACE, "public"),
    (INFORMATION_SCHEMA_NAMESPACE, "information_schema"),
];

/// The OUT columns of `pg_stat_get_activity(pid)` (PostgreSQL 15: 30
/// columns, in its order); the view `pg_stat_activity` picks 20 of them and
/// adds `datname` and `usename` from `pg_database` and `pg_authid`.
pub static PG_STAT_GET_ACTIVITY_COLUMNS: &[(&str, Oid)] = &[
    ("datid", OID),
    ("pid", INT4),
    ("usesysid", OID),
    ("application_name", TEXT),
    ("state", TEXT),
    ("query", TEXT),
    ("wait_event_type", TEXT),
    ("wait_event", TEXT),
    ("xact_start", TIMESTAMPTZ),
    ("query_start", TIMESTAMPTZ),
    ("backend_start", TIMESTAMPTZ),
    ("state_change", TIMESTAMPTZ),
    ("client_addr", INET),
    ("client_hostname", TEXT),
    ("client_port", INT4),
    ("backend_xid", XID),
    ("backend_xmin", XID),
    ("backend_type", TEXT),
    ("ssl", BOOL),
    ("sslversion", TEXT),
    ("sslcipher", TEXT),
    ("sslbits", INT4),
    ("ssl_client_dn", TEXT),
    ("ssl_client_serial", NUMERIC),
    ("ssl_issuer_dn", TEXT),
    ("gss_auth", BOOL),
    ("gss_princ", TEXT),
    ("gss_enc", BOOL),
    ("leader_pid", INT4),
    ("query_id", INT8),
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

    /// No relations: every relation, the system views included, is a
    /// row of the heap catalogs (made at initdb).
    fn relation(&self, _namespace: Oid, _name: &str) -> Option<RelationInfo> {
        None
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
    fn missing_schema_is_an_error() {
        let sp = path(&["$user", "public"]);
        assert_eq!(resolve_relation(&BuiltinCatalog, None, "pg_stat_activity", &sp), Ok(None));
        let err = resolve_relation(&BuiltinCatalog, Some("nosuch"), "x", &sp).unwrap_err().into_error();
        assert_eq!(err.message, "schema \"nosuch\" does not exist");
    }
}
