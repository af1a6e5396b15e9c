//! pg-catalog: the system catalog (PostgreSQL's `src/backend/catalog`,
//! `utils/cache/relcache.c`, `syscache.c`, `catalog/namespace.c`).
//!
//! Until the storage issue makes the catalogs heap tables, the built-in
//! schemas, databases and system views are read-only data compiled into the
//! binary (as PostgreSQL's bootstrap `.dat` files are, see [`builtin`]), and
//! roles live in a staged file under `global/` (see [`roles`]).
//!
//! Name resolution goes through the [`Catalog`] trait, so the analyzer can be
//! tested against a catalog that is a table in the test file;
//! [`BuiltinCatalog`] is the implementation the server uses. Types,
//! operators, casts and functions are not here: they live in pg-types'
//! tables and its function manager (`pg_types::fmgr`), keyed by PostgreSQL's
//! OIDs. What this crate says about functions is what the system views'
//! definitions say: which function a view reads, with which alias and
//! output columns.
//!
//! Dependencies: pg-error, pg-protocol (SCRAM secrets), pg-types.
//! Invariants: no process or shared-memory state here; the catalog never
//! reads the network; every system view's columns have PostgreSQL 15's exact
//! names, order and types.
#![forbid(unsafe_code)]

pub mod builtin;
pub mod roles;

pub use builtin::{lookup_database, BuiltinCatalog, DatabaseInfo};
pub use pg_types::types::Oid;

/// `pg_catalog`'s OID (PostgreSQL's `PG_CATALOG_NAMESPACE`).
pub const PG_CATALOG_NAMESPACE: Oid = 11;
/// `public`'s OID (`PG_PUBLIC_NAMESPACE`).
pub const PG_PUBLIC_NAMESPACE: Oid = 2200;
/// `information_schema`'s OID in a PostgreSQL 15 cluster made by initdb.
pub const INFORMATION_SCHEMA_NAMESPACE: Oid = 13207;

/// A schema: the columns of `pg_namespace` the engine needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceInfo {
    /// `pg_namespace.oid`.
    pub oid: Oid,
    /// `nspname`.
    pub name: String,
}

/// One column of a relation (`pg_attribute`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDef {
    /// `attname`.
    pub name: String,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod` (-1 for none).
    pub typmod: i32,
}

/// `pg_class.relkind` values that exist this round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelKind {
    /// `'v'`: a view.
    View,
}

/// Where a relation's rows come from. A system view is "every column of the
/// set-returning function `function(NULL, ...)`" (PostgreSQL defines them as SELECTs
/// over such functions; the rewriter would expand them). The analyzer
/// resolves the function in pg-types' registry, where the crates that own
/// the state registered it at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationSource {
    /// All columns of a zero-argument set-returning function.
    FunctionScan {
        /// The function's name in `pg_catalog`.
        function: String,
        /// Its argument types; the view passes NULL for each.
        arg_types: Vec<Oid>,
        /// The alias the view's definition gives the function, if any.
        alias: Option<String>,
    },
}

/// Who may SELECT from a relation: the part of `pg_class.relacl` the
/// built-in views need. Superusers may always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectPrivilege {
    /// Granted to PUBLIC (`=r/postgres`).
    Public,
    /// Granted to one predefined role (`pg_read_all_stats=r/postgres`):
    /// only those with its privileges may read.
    RoleMembers(&'static str),
}

/// A relation: the parts of `pg_class` + `pg_attribute` + the view's rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationInfo {
    /// `pg_class.oid`.
    pub oid: Oid,
    /// `relname`.
    pub name: String,
    /// `relnamespace`.
    pub namespace: Oid,
    /// `relkind`.
    pub kind: RelKind,
    /// The columns in `attnum` order.
    pub columns: Vec<ColumnDef>,
    /// How to produce the rows.
    pub source: RelationSource,
    /// Who may read it (`relacl`).
    pub select_privilege: SelectPrivilege,
}

/// The catalog as the analyzer sees it. Object lookups are by exact
/// (already case-folded) name; search-path logic lives in
/// [`resolve_relation`] on top of these.
pub trait Catalog {
    /// A schema by name.
    fn namespace_by_name(&self, name: &str) -> Option<NamespaceInfo>;
    /// A relation by schema OID and name.
    fn relation(&self, namespace: Oid, name: &str) -> Option<RelationInfo>;
    /// `pg_proc.prorows` of a set-returning function: how many rows the
    /// planner expects it to return. The built-in catalog's figures by
    /// default.
    fn function_rows(&self, func: &pg_types::FuncDef) -> f64 {
        builtin::function_rows(func)
    }
}

/// The effective search path for unqualified names, as PostgreSQL's
/// `recomputeNamespacePath` builds it: `pg_catalog` first unless the
/// setting names it explicitly, then every listed schema that exists
/// (`"$user"` is the session user's name; unknown schemas are skipped
/// silently, as in PostgreSQL).
pub fn effective_search_path(catalog: &dyn Catalog, search_path: &[String], session_user: &str) -> Vec<Oid> {
    let mut path = Vec::new();
    let explicit_catalog = search_path.iter().any(|s| s == "pg_catalog");
    if !explicit_catalog {
        path.push(PG_CATALOG_NAMESPACE);
    }
    for s in search_path {
        let name = if s == "$user" { session_user } else { s.as_str() };
        if let Some(ns) = catalog.namespace_by_name(name) {
            if !path.contains(&ns.oid) {
                path.push(ns.oid);
            }
        }
    }
    path
}

/// Resolves `[schema.]name` to a relation (`RangeVarGetRelid`). `None` when it
/// does not exist; the caller reports `relation "x" does not exist` (42P01)
/// with the name as written, or `schema "s" does not exist` (3F000) when
/// [`Catalog::namespace_by_name`] fails for an explicit schema.
pub fn resolve_relation(
    catalog: &dyn Catalog,
    schema: Option<&str>,
    name: &str,
    search_path: &[Oid],
) -> Result<Option<RelationInfo>, MissingSchema> {
    match schema {
        Some(s) => {
            let ns = catalog.namespace_by_name(s).ok_or_else(|| MissingSchema(s.to_string()))?;
            Ok(catalog.relation(ns.oid, name))
        }
        None => Ok(search_path.iter().find_map(|&ns| catalog.relation(ns, name))),
    }
}

/// An explicitly named schema that does not exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingSchema(pub String);

impl MissingSchema {
    /// PostgreSQL's error: `schema "s" does not exist` (3F000).
    pub fn into_error(self) -> pg_error::PgError {
        pg_error::PgError::new(pg_error::SqlState::INVALID_SCHEMA_NAME, format!("schema \"{}\" does not exist", self.0))
    }
}
