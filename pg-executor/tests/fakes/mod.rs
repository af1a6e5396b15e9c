//! Fake versions of the functions tcop registers at start-up (the system
//! views' set-returning functions, `current_user`, `now()`, ...), with fixed
//! values so golden output is stable, and [`FakeCatalog`]: the built-in
//! schemas plus the system views the golden files read, as views over
//! those functions (the server makes them at initdb, with PostgreSQL's
//! definitions that also join `pg_database` and `pg_authid`, which these
//! tests have no storage for).

use pg_catalog::{Catalog, ColumnDef, NamespaceInfo, RelationInfo, RelationSource};
use pg_error::PgResult;
use pg_types::datum::{Datum, Inet};
use pg_types::io::OutputSettings;
use pg_types::types::{oid, Oid};
use pg_types::{register_function, FuncDef, SrfImpl, Volatility};

/// The settings golden files are produced with (PostgreSQL's defaults, TimeZone UTC).
pub fn settings() -> OutputSettings {
    OutputSettings::default()
}

fn text(s: &str) -> Datum {
    Datum::Text(s.to_string())
}

// 2026-01-02 03:04:05 UTC in microseconds since 2000-01-01.
const T0: i64 = 820_551_845_000_000;

fn activity(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let row = |pid: i32, state: Datum, query: &str, btype: &str, user: Datum| {
        vec![
            Datum::Oid(5),
            text("postgres"),
            Datum::Int4(pid),
            Datum::Null,
            Datum::Oid(10),
            user,
            text("psql"),
            Datum::Inet(Inet { addr: "127.0.0.1".parse().expect("literal address"), bits: 32 }),
            Datum::Null,
            Datum::Int4(50432),
            Datum::TimestampTz(T0),
            Datum::TimestampTz(T0 + 1_000_000),
            Datum::TimestampTz(T0 + 2_000_000),
            Datum::TimestampTz(T0 + 2_000_000),
            Datum::Null,
            Datum::Null,
            state,
            Datum::Null,
            Datum::Xid(734),
            Datum::Null,
            text(query),
            text(btype),
        ]
    };
    Ok(vec![
        row(4242, text("active"), "SELECT * FROM pg_stat_activity", "client backend", text("postgres")),
        row(4243, text("idle"), "COMMIT", "client backend", text("alice")),
        row(4100, Datum::Null, "", "checkpointer", Datum::Null),
        row(4101, Datum::Null, "", "background writer", Datum::Null),
    ])
}

fn memory_contexts_rows(pid_offset: i64) -> Vec<Vec<Datum>> {
    let ctx = |name: &str, ident: Datum, parent: Datum, level: i32, total: i64, free: i64| {
        vec![
            text(name),
            ident,
            parent,
            Datum::Int4(level),
            Datum::Int8(total + pid_offset),
            Datum::Int8(1),
            Datum::Int8(free),
            Datum::Int8(2),
            Datum::Int8(total + pid_offset - free),
        ]
    };
    vec![
        ctx("TopMemoryContext", Datum::Null, Datum::Null, 0, 97664, 10000),
        ctx("MessageContext", Datum::Null, text("TopMemoryContext"), 1, 16384, 6000),
        ctx("CacheMemoryContext", Datum::Null, text("TopMemoryContext"), 1, 524288, 200000),
        ctx("ExecutorState", text("portal"), text("MessageContext"), 2, 8192, 4000),
    ]
}

fn memory_contexts(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    Ok(memory_contexts_rows(0))
}

fn memory_contexts_of(args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    match args[0] {
        Datum::Int4(12345) => Ok(memory_contexts_rows(100)),
        _ => Ok(Vec::new()),
    }
}

fn shmem(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let row =
        |name: Datum, off: Datum, size: i64| vec![name, off, Datum::Int8(size), Datum::Int8((size + 127) / 128 * 128)];
    Ok(vec![
        row(text("Buffer Blocks"), Datum::Int8(1024), 134217728),
        row(text("ProcArray"), Datum::Int8(134218752), 532),
        row(Datum::Null, Datum::Null, 1900000),
        row(text("<anonymous>"), Datum::Null, 4096),
    ])
}

fn current_user(_: &[Datum]) -> PgResult<Datum> {
    Ok(text("postgres"))
}

fn current_database(_: &[Datum]) -> PgResult<Datum> {
    Ok(text("postgres"))
}

fn current_schema(_: &[Datum]) -> PgResult<Datum> {
    Ok(text("public"))
}

fn now(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::TimestampTz(T0))
}

fn backend_pid(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(4242))
}

/// `pg_settings` is only EXPLAINed and name-resolved by the golden files,
/// never read, so its fake function has no rows.
fn settings_rows(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    Ok(Vec::new())
}

fn scalar(name: &'static str, arg_types: Vec<Oid>, ret_type: Oid, func: fn(&[Datum]) -> PgResult<Datum>) -> FuncDef {
    FuncDef::scalar(name, &arg_types, ret_type, Volatility::Stable, func)
}

fn srf(
    name: &'static str,
    arg_types: Vec<Oid>,
    columns: &[(&str, Oid)],
    func: fn(&[Datum]) -> PgResult<Vec<Vec<Datum>>>,
) -> FuncDef {
    FuncDef::set_returning(name, &arg_types, oid::RECORD, columns, Volatility::Volatile, SrfImpl::Materialize(func))
        .non_strict()
}

/// The columns of the fake `pg_stat_get_activity`: those of the view
/// `pg_stat_activity` (the real function has PostgreSQL's 30 and the view
/// joins the catalogs for `datname` and `usename`).
static ACTIVITY_COLUMNS: &[(&str, Oid)] = &[
    ("datid", oid::OID),
    ("datname", oid::NAME),
    ("pid", oid::INT4),
    ("leader_pid", oid::INT4),
    ("usesysid", oid::OID),
    ("usename", oid::NAME),
    ("application_name", oid::TEXT),
    ("client_addr", oid::INET),
    ("client_hostname", oid::TEXT),
    ("client_port", oid::INT4),
    ("backend_start", oid::TIMESTAMPTZ),
    ("xact_start", oid::TIMESTAMPTZ),
    ("query_start", oid::TIMESTAMPTZ),
    ("state_change", oid::TIMESTAMPTZ),
    ("wait_event_type", oid::TEXT),
    ("wait_event", oid::TEXT),
    ("state", oid::TEXT),
    ("backend_xid", oid::XID),
    ("backend_xmin", oid::XID),
    ("query_id", oid::INT8),
    ("query", oid::TEXT),
    ("backend_type", oid::TEXT),
];

/// A system view the golden files read: name, PostgreSQL's OID, the
/// columns, and the definition over the fake functions.
type FakeView = (&'static str, Oid, &'static [(&'static str, Oid)], &'static str);

#[allow(dead_code)] // Only the golden tests read system views.
static VIEWS: &[FakeView] = &[
    ("pg_stat_activity", 12222, ACTIVITY_COLUMNS, "SELECT * FROM pg_catalog.pg_stat_get_activity(NULL::integer) s"),
    (
        "pg_backend_memory_contexts",
        12138,
        pg_catalog::builtin::PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
        "SELECT * FROM pg_catalog.pg_get_backend_memory_contexts()",
    ),
    (
        "pg_shmem_allocations",
        12134,
        pg_catalog::builtin::PG_SHMEM_ALLOCATIONS_COLUMNS,
        "SELECT * FROM pg_catalog.pg_get_shmem_allocations()",
    ),
    (
        "pg_settings",
        12104,
        pg_catalog::builtin::PG_SETTINGS_COLUMNS,
        "SELECT * FROM pg_catalog.pg_show_all_settings() a",
    ),
];

/// The built-in schemas and the fake system views.
#[allow(dead_code)] // Only the golden tests read system views.
#[derive(Clone, Copy, Debug, Default)]
pub struct FakeCatalog;

impl Catalog for FakeCatalog {
    fn namespace_by_name(&self, name: &str) -> Option<NamespaceInfo> {
        pg_catalog::BuiltinCatalog.namespace_by_name(name)
    }

    fn relation(&self, namespace: Oid, name: &str) -> Option<RelationInfo> {
        if namespace != pg_catalog::PG_CATALOG_NAMESPACE {
            return None;
        }
        let &(name, oid, columns, definition) = VIEWS.iter().find(|v| v.0 == name)?;
        Some(RelationInfo {
            oid,
            name: name.to_string(),
            namespace,
            kind: pg_catalog::RelKind::View,
            persistence: pg_catalog::Persistence::Permanent,
            columns: columns.iter().map(|&(n, t)| ColumnDef { name: n.to_string(), type_oid: t, typmod: -1 }).collect(),
            source: RelationSource::View { definition: definition.to_string() },
            select_privilege: pg_catalog::SelectPrivilege::Public,
        })
    }
}

/// Registers the fakes (idempotent per process is not needed: each test binary calls it once).
pub fn register() {
    use pg_catalog::builtin::{PG_BACKEND_MEMORY_CONTEXTS_COLUMNS, PG_SETTINGS_COLUMNS, PG_SHMEM_ALLOCATIONS_COLUMNS};
    register_function(srf("pg_stat_get_activity", vec![oid::INT4], ACTIVITY_COLUMNS, activity));
    register_function(srf(
        "pg_get_backend_memory_contexts",
        vec![],
        PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
        memory_contexts,
    ));
    register_function(srf(
        "pg_get_backend_memory_contexts",
        vec![oid::INT4],
        PG_BACKEND_MEMORY_CONTEXTS_COLUMNS,
        memory_contexts_of,
    ));
    register_function(srf("pg_get_shmem_allocations", vec![], PG_SHMEM_ALLOCATIONS_COLUMNS, shmem));
    register_function(srf("pg_show_all_settings", vec![], PG_SETTINGS_COLUMNS, settings_rows));
    register_function(scalar("current_user", vec![], oid::NAME, current_user));
    register_function(scalar("session_user", vec![], oid::NAME, current_user));
    register_function(scalar("current_database", vec![], oid::NAME, current_database));
    register_function(scalar("current_schema", vec![], oid::NAME, current_schema));
    register_function(scalar("now", vec![], oid::TIMESTAMPTZ, now));
    register_function(scalar("pg_backend_pid", vec![], oid::INT4, backend_pid));
}
