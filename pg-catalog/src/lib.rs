//! pg-catalog: the system catalog (PostgreSQL's `src/backend/catalog`,
//! `utils/cache/relcache.c`, `syscache.c`, `inval.c`, `sinval.c`,
//! `catalog/namespace.c`, `commands/user.c`'s catalog side).
//!
//! The system catalogs are heap tables with PostgreSQL 15's OIDs and
//! columns: [`catdef`] defines them (recorded from PostgreSQL 15),
//! [`bootstrap`] generates their initial rows and writes them in initdb's
//! bootstrap mode, [`scan`] reads rows (heapam with the catalog snapshot,
//! in the private `storage.rs`), [`indexing`] writes them
//! (`CatalogTupleInsert` and friends, registering invalidations),
//! [`syscache`] caches single rows by key, [`relcache`] builds and caches
//! [`relcache::RelationData`] (the catalogs themselves are nailed: built
//! from [`catdef`]), [`inval`] collects the invalidation messages a
//! transaction makes and [`sinval`] carries them to every backend through
//! shared memory. [`HeapCatalog`] is the [`Catalog`] the server's analyzer
//! uses; [`roles`] and [`database`] are `pg_authid` and `pg_database` as
//! authentication and connection start read them. DDL's catalog work
//! (`heap_create_with_catalog`, relation storage) is in [`heap`] and
//! [`relstorage`].
//!
//! Name resolution goes through the [`Catalog`] trait, so the analyzer can be
//! tested against a catalog that is a table in the test file
//! ([`BuiltinCatalog`]: the compiled-in schemas only). Types, operators, casts and functions are resolved through
//! pg-types' tables and its function manager (`pg_types::fmgr`), keyed by
//! PostgreSQL's OIDs; those registries are also the bootstrap data initdb
//! writes into `pg_type`, `pg_proc`, `pg_operator` and `pg_cast`.
//!
//! Dependencies: pg-error, pg-protocol (SCRAM secrets), pg-types, pg-wal
//! (relation file names, transactions), pg-proc (locks, snapshots),
//! pg-storage (heapam, smgr), pg-shmem (the invalidation queue).
//! Invariants: every catalog column has PostgreSQL 15's name, type and
//! position; a cached row or relation is dropped when a message names it,
//! and a caller's `Rc` to an entry never changes under it; a backend
//! applies other backends' committed catalog changes at transaction start
//! and after each new relation lock.
//!
//! # State of the area, for the next session
//!
//! Done: catalog definitions for all 64 PostgreSQL 15 catalogs (their
//! `pg_attribute` rows and the built-in types' `pg_type` rows equal
//! PostgreSQL's: golden `system_catalogs`); bootstrap
//! rows (namespaces, catalogs' pg_class/pg_attribute/pg_type, every built-in
//! type, pg_proc from the function registry, pg_operator, pg_cast, pg_am,
//! pg_language, pg_collation, pg_authid with predefined roles,
//! pg_database, pg_tablespace) written by initdb without WAL (bootstrap
//! xmin 1, hinted committed), template1 copied to template0/postgres;
//! catalog reads and writes through heapam; syscache with negative
//! entries; relcache; invalidation through the commit record and a
//! shared ring (a lapped backend resets all caches); roles and
//! databases from the catalogs, CONNECTION LIMIT / datconnlimit 53300;
//! the catalogs PostgreSQL keeps from PUBLIC (pg_authid, pg_statistic, ...)
//! are superuser-only, and a superuser's view reads them for anyone.
//! Tests: this crate's unit tests (bootstrap into a temporary directory,
//! read back through the syscache without shared memory), `tests/catalog.rs`
//! (several backends: invalidation, lapping, limits, privileges) and the
//! golden `tests/sql/system_catalogs.sql` (recorded from PostgreSQL 15).
//!
//! Things to know:
//! - Rows are `Vec<Datum>` in catalog column order; use the position
//!   constants (`catdef::pg_class::RELNAME`) and `catdef::new_row`.
//! - A process that changes database must call `inval::set_my_database`
//!   (it empties the caches): forked backends inherit the postmaster's
//!   memory, and initdb fills caches for template1 before it forks.
//! - Without shared memory (initdb's bootstrap process, unit tests) scans
//!   read the files directly and see only bootstrap's rows (`storage.rs`).
//!
//! Not done, in the order they matter:
//! - No catalog indexes: every syscache miss and every relcache build is
//!   a sequential scan of the catalog (pg_attribute has ~1000 rows after
//!   initdb), and uniqueness (relname per schema, rolname) rests on the
//!   callers' locks (role DDL takes ShareRowExclusiveLock on pg_authid).
//!   btree indexes on the catalogs with PostgreSQL's OIDs come next.
//! - System views are real views made at initdb with PostgreSQL 15's
//!   OIDs and definitions (pg-tcop's `sysviews.rs` analyzes their SQL
//!   against the just-written catalogs; `bootstrap::append_rows` adds the
//!   rows before template1 is copied). Add more there as the functions
//!   they call exist; `select viewname from pg_views where schemaname =
//!   'pg_catalog'` on PostgreSQL lists the rest.
//! - ACLs are NULL everywhere (`aclitem` has no input/output functions yet), so
//!   `relacl`/`datacl`/`nspacl` mean default privileges; `pg_type`'s I/O
//!   function OIDs are 0; no `pg_depend` pins, opclasses. `pg_description`
//!   holds PostgreSQL's descriptions of the built-in objects that exist
//!   here (`bootstrap/descriptions.tsv`); with no catalog indexes, each
//!   `obj_description` call scans it (~700 rows).
//! - The catalogs have no TOAST tables: a wide catalog row (a long view
//!   definition or default) is compressed in line, and refused (54000) if
//!   it still does not fit a page. `CatalogDef::toast_oid` has PostgreSQL's
//!   TOAST relation OIDs for when they are made at bootstrap.
//! - initdb does not WAL-log bootstrap (as PostgreSQL); it relies on the
//!   shutdown checkpoint wal writes after it.
//! - Catalog caches live in the process heap; their (estimated) size is
//!   charged to `CacheMemoryContext` (`MemoryCharge`), and nothing evicts
//!   entries but invalidation.
//! - `compat::LockMode` keeps `NoLock`, which `pg_proc::lock::LockMode`
//!   lacks; `HeapCatalog` lookups throw storage errors (the `Catalog` trait
//!   answers `Option`).
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod bootstrap;
pub mod builtin;
pub mod catdef;
pub mod compat;
pub mod database;
pub mod heap;
pub mod heap_catalog;
pub mod indexing;
pub mod inval;
pub mod relcache;
pub mod relstorage;
pub mod roles;
pub mod scan;
pub mod sinval;
mod storage;
pub mod syscache;
pub mod toast;

pub use builtin::BuiltinCatalog;
pub use database::{lookup_database, DatabaseInfo};
pub use heap_catalog::HeapCatalog;
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

/// Registers what lower layers call back into the catalog for: the lock
/// manager's `IsSharedRelation` and `AcceptInvalidationMessages` after a
/// new relation lock, the transaction callbacks that carry invalidation
/// messages (see [`inval`]), and heapam's lookup of a TOAST relation's
/// storage by OID (for reading external values). Called once at start, before the postmaster forks.
pub fn register_hooks() {
    pg_proc::lock::set_is_shared_relation_hook(catdef::is_shared_relation);
    pg_proc::lock::set_accept_invalidation_messages_hook(sinval::accept_invalidation_messages);
    inval::register_xact_callbacks();
    pg_storage::toast::heaptoast::set_toast_relation_lookup(relcache::toast_storage_rel);
}

/// The bootstrap superuser's OID (`BOOTSTRAP_SUPERUSERID`).
pub const BOOTSTRAP_SUPERUSER_ID: Oid = 10;
/// `pg_toast`'s OID (`PG_TOAST_NAMESPACE`).
pub const PG_TOAST_NAMESPACE: Oid = 99;

/// `pg_class.relkind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelKind {
    /// `'r'`: an ordinary table.
    Table,
    /// `'i'`: an index.
    Index,
    /// `'S'`: a sequence.
    Sequence,
    /// `'t'`: a TOAST table.
    Toast,
    /// `'v'`: a view.
    View,
    /// `'m'`: a materialized view.
    MatView,
    /// `'c'`: a composite type.
    CompositeType,
    /// `'f'`: a foreign table.
    ForeignTable,
    /// `'p'`: a partitioned table.
    PartitionedTable,
    /// `'I'`: a partitioned index.
    PartitionedIndex,
}

impl RelKind {
    /// The `relkind` character.
    pub fn as_char(self) -> u8 {
        match self {
            RelKind::Table => b'r',
            RelKind::Index => b'i',
            RelKind::Sequence => b'S',
            RelKind::Toast => b't',
            RelKind::View => b'v',
            RelKind::MatView => b'm',
            RelKind::CompositeType => b'c',
            RelKind::ForeignTable => b'f',
            RelKind::PartitionedTable => b'p',
            RelKind::PartitionedIndex => b'I',
        }
    }

    /// The kind with `relkind` character `c`.
    pub fn from_char(c: u8) -> Option<RelKind> {
        Some(match c {
            b'r' => RelKind::Table,
            b'i' => RelKind::Index,
            b'S' => RelKind::Sequence,
            b't' => RelKind::Toast,
            b'v' => RelKind::View,
            b'm' => RelKind::MatView,
            b'c' => RelKind::CompositeType,
            b'f' => RelKind::ForeignTable,
            b'p' => RelKind::PartitionedTable,
            b'I' => RelKind::PartitionedIndex,
            _ => return None,
        })
    }
}

/// `pg_class.relpersistence`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Persistence {
    /// `'p'`: WAL-logged, survives crashes.
    Permanent,
    /// `'u'`: not WAL-logged, emptied by crash recovery.
    Unlogged,
    /// `'t'`: one session's, in local buffers.
    Temp,
}

impl Persistence {
    /// The `relpersistence` character.
    pub fn as_char(self) -> u8 {
        match self {
            Persistence::Permanent => b'p',
            Persistence::Unlogged => b'u',
            Persistence::Temp => b't',
        }
    }

    /// The persistence with character `c`.
    pub fn from_char(c: u8) -> Option<Persistence> {
        Some(match c {
            b'p' => Persistence::Permanent,
            b'u' => Persistence::Unlogged,
            b't' => Persistence::Temp,
            _ => return None,
        })
    }
}

/// The backend that owns temporary schema `namespace` (`pg_temp_<N>`), if it
/// is one: its files are named `t<N>_<relfilenode>`.
pub fn temp_backend_of(namespace: Oid) -> Option<i32> {
    let row = syscache::namespace_by_oid(namespace).ok()??;
    row.text(catdef::pg_namespace::NSPNAME).strip_prefix("pg_temp_")?.parse().ok()
}

/// Where a relation's rows come from: its heap, or (a view, the system
/// views included) its `_RETURN` rule's query, which pg-rewrite expands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationSource {
    /// The rows stored in the relation's heap (a table). Its full
    /// descriptor, dropped columns included, is
    /// [`relcache::relation_open`]'s.
    Heap {
        /// `pg_class.oid`.
        relid: Oid,
    },
    /// A view's `_RETURN` rule: the rows of its query (`pg_rewrite.ev_action`,
    /// kept as SQL text), which pg-rewrite expands.
    View {
        /// The view's query as SQL text.
        definition: String,
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
    /// `relpersistence`.
    pub persistence: Persistence,
    /// The live (not dropped) columns in `attnum` order.
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

thread_local! {
    /// Whether this session has taken its temporary schema into use
    /// (PostgreSQL's `myTempNamespace` is set).
    static TEMP_NAMESPACE_IN_USE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Records that this session's temporary schema is in use: it made a
/// temporary object, after emptying what an earlier backend with the same
/// number left there.
pub fn set_temp_namespace_in_use() {
    TEMP_NAMESPACE_IN_USE.with(|c| c.set(true));
}

/// Whether this session's temporary schema is in use (searched first,
/// shown by `current_schemas(true)`, emptied at session end).
pub fn temp_namespace_in_use() -> bool {
    TEMP_NAMESPACE_IN_USE.with(|c| c.get())
}

/// The effective search path for unqualified names, as PostgreSQL's
/// `recomputeNamespacePath` builds it: `pg_catalog` first unless the
/// setting names it explicitly, then every listed schema that exists
/// (`"$user"` is the session user's name; unknown schemas are skipped
/// silently, as in PostgreSQL).
pub fn effective_search_path(catalog: &dyn Catalog, search_path: &[String], session_user: &str) -> Vec<Oid> {
    let mut path = Vec::new();
    // The session's temporary schema (`pg_temp_<N>`, N = its
    // proc number + 1) comes first once this session has used it, as
    // PostgreSQL's myTempNamespace. A schema of that name left by an
    // earlier backend is not this session's until it makes a temporary
    // object (which empties it first).
    if temp_namespace_in_use() {
        if let Some(n) = pg_proc::procarray::my_proc_number() {
            if let Some(ns) = catalog.namespace_by_name(&format!("pg_temp_{}", n + 1)) {
                path.push(ns.oid);
            }
        }
    }
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
