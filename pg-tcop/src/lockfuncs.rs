//! The lock manager's SQL face (PostgreSQL's `utils/adt/lockfuncs.c` and
//! `commands/lockcmds.c`): `pg_lock_status()` under the `pg_locks` view,
//! `pg_blocking_pids(pid)`, `pg_isolation_test_session_is_blocked`, the
//! advisory lock functions, and the `LOCK
//! TABLE` statement. The locks themselves are `pg_proc::lock`'s.

use crate::session::Session;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::LockStmt;
use pg_proc::lock::status::{blocking_pids, lock_status};
use pg_proc::lock::{self, LockAcquireResult, LockMode, LockTag, LockTagType};
use pg_types::oid::{BOOL, INT4, INT4_ARRAY, INT8, RECORD, VOID};
use pg_types::{Datum, FuncDef, SrfImpl, Volatility};

/// `pg_lock_status()`: one row per lock mode held or awaited, server-wide,
/// in the columns of `pg_locks`.
fn pg_lock_status(_: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
    let oid = |v: u32| Datum::Oid(v);
    let rows = lock_status()
        .into_iter()
        .map(|r| {
            let t = r.tag;
            let null = || Datum::Null;
            // (database, relation, page, tuple, virtualxid, transactionid,
            // classid, objid, objsubid), as lockfuncs.c fills them per type.
            let (database, relation, page, tuple, vxid, xid, classid, objid, objsubid) = match t.kind {
                LockTagType::Relation | LockTagType::RelationExtend => {
                    (oid(t.field1), oid(t.field2), null(), null(), null(), null(), null(), null(), null())
                }
                LockTagType::DatabaseFrozenIds => {
                    (oid(t.field1), null(), null(), null(), null(), null(), null(), null(), null())
                }
                LockTagType::Page => (
                    oid(t.field1),
                    oid(t.field2),
                    Datum::Int4(t.field3 as i32),
                    null(),
                    null(),
                    null(),
                    null(),
                    null(),
                    null(),
                ),
                LockTagType::Tuple => (
                    oid(t.field1),
                    oid(t.field2),
                    Datum::Int4(t.field3 as i32),
                    Datum::Int2(t.field4 as i16),
                    null(),
                    null(),
                    null(),
                    null(),
                    null(),
                ),
                LockTagType::Transaction => {
                    (null(), null(), null(), null(), null(), xid_datum(t.xid()), null(), null(), null())
                }
                LockTagType::VirtualTransaction => (
                    null(),
                    null(),
                    null(),
                    null(),
                    Datum::Text(format!("{}/{}", t.field1 as i32, t.field2)),
                    null(),
                    null(),
                    null(),
                    null(),
                ),
                LockTagType::SpeculativeToken => {
                    (null(), null(), null(), null(), null(), xid_datum(t.xid()), null(), oid(t.field3), null())
                }
                LockTagType::Object | LockTagType::UserLock | LockTagType::Advisory => (
                    oid(t.field1),
                    null(),
                    null(),
                    null(),
                    null(),
                    null(),
                    oid(t.field2),
                    oid(t.field3),
                    Datum::Int2(t.field4 as i16),
                ),
            };
            vec![
                Datum::Text(t.kind.name().to_string()),
                database,
                relation,
                page,
                tuple,
                vxid,
                xid,
                classid,
                objid,
                objsubid,
                r.virtual_transaction.map_or(Datum::Null, |(b, l)| Datum::Text(format!("{b}/{l}"))),
                Datum::Int4(r.pid),
                Datum::Text(r.mode.name().to_string()),
                Datum::Bool(r.granted),
                Datum::Bool(r.fastpath),
                r.wait_start.map_or(Datum::Null, Datum::TimestampTz),
            ]
        })
        .collect();
    Ok(rows)
}

/// `pg_locks.transactionid` is PostgreSQL's 32-bit `xid`; ours are 64-bit
/// and show their low half there, as `pg_stat_activity.backend_xid` does.
fn xid_datum(xid: u64) -> Datum {
    Datum::Xid(xid as u32)
}

/// `pg_blocking_pids(pid)`: the processes `pid`'s lock wait waits for.
fn pg_blocking_pids(args: &[Datum]) -> PgResult<Datum> {
    let pid = args[0].as_i64().unwrap_or(0) as i32;
    Ok(Datum::Array(blocking_pids(pid).into_iter().map(Datum::Int4).collect()))
}

/// `pg_safe_snapshot_blocking_pids(pid)`: the sessions a SERIALIZABLE
/// READ ONLY DEFERRABLE transaction waits for. Without serializable
/// snapshot isolation no transaction ever waits so: always empty.
fn pg_safe_snapshot_blocking_pids(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Array(Default::default()))
}

/// `pg_isolation_test_session_is_blocked(pid, interesting_pids)`: whether
/// `pid` waits for a lock held or awaited ahead of it by one of
/// `interesting_pids` (the isolation tester's sessions), so a step that
/// blocks on another session is told from one that is merely slow.
fn pg_isolation_test_session_is_blocked(args: &[Datum]) -> PgResult<Datum> {
    let pid = args[0].as_i64().unwrap_or(0) as i32;
    let interesting: Vec<i64> = match &args[1] {
        Datum::Array(items) => items.iter().filter_map(Datum::as_i64).collect(),
        _ => Vec::new(),
    };
    Ok(Datum::Bool(blocking_pids(pid).into_iter().any(|b| interesting.contains(&i64::from(b)))))
}

fn advisory_tag(args: &[Datum]) -> LockTag {
    match args {
        [key] => lock::advisory_tag_int8(key.as_i64().unwrap_or(0)),
        [k1, k2, ..] => lock::advisory_tag_int4(k1.as_i64().unwrap_or(0) as i32, k2.as_i64().unwrap_or(0) as i32),
        [] => lock::advisory_tag_int8(0),
    }
}

/// The advisory functions differ in three ways: shared or exclusive,
/// session or transaction, wait or try.
fn advisory(args: &[Datum], mode: LockMode, session: bool, dont_wait: bool) -> PgResult<Datum> {
    let res = lock::lock_acquire(&advisory_tag(args), mode, session, dont_wait)?;
    Ok(if dont_wait { Datum::Bool(res != LockAcquireResult::NotAvail) } else { Datum::Null })
}

macro_rules! advisory_fn {
    ($name:ident, $mode:ident, $session:expr, $try:expr) => {
        fn $name(args: &[Datum]) -> PgResult<Datum> {
            advisory(args, LockMode::$mode, $session, $try)
        }
    };
}

advisory_fn!(advisory_lock, Exclusive, true, false);
advisory_fn!(advisory_lock_shared, Share, true, false);
advisory_fn!(try_advisory_lock, Exclusive, true, true);
advisory_fn!(try_advisory_lock_shared, Share, true, true);
advisory_fn!(advisory_xact_lock, Exclusive, false, false);
advisory_fn!(advisory_xact_lock_shared, Share, false, false);
advisory_fn!(try_advisory_xact_lock, Exclusive, false, true);
advisory_fn!(try_advisory_xact_lock_shared, Share, false, true);

fn advisory_unlock(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(lock::lock_release(&advisory_tag(args), LockMode::Exclusive, true)))
}

fn advisory_unlock_shared(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Bool(lock::lock_release(&advisory_tag(args), LockMode::Share, true)))
}

fn advisory_unlock_all(_: &[Datum]) -> PgResult<Datum> {
    lock::lock_release_session(lock::LockMethod::User);
    Ok(Datum::Null)
}

/// The functions above, for `register_builtin_functions`.
pub(crate) fn functions() -> Vec<FuncDef> {
    use Volatility::Volatile;
    let f = |name, args: &[u32], ret, func| FuncDef::scalar(name, args, ret, Volatile, func);
    let mut out = vec![
        FuncDef::set_returning(
            "pg_lock_status",
            &[],
            RECORD,
            pg_catalog::builtin::PG_LOCKS_COLUMNS,
            Volatile,
            SrfImpl::Materialize(pg_lock_status),
        ),
        f("pg_blocking_pids", &[INT4], INT4_ARRAY, pg_blocking_pids),
        f("pg_safe_snapshot_blocking_pids", &[INT4], INT4_ARRAY, pg_safe_snapshot_blocking_pids),
        f("pg_isolation_test_session_is_blocked", &[INT4, INT4_ARRAY], BOOL, pg_isolation_test_session_is_blocked),
        f("pg_advisory_unlock_all", &[], VOID, advisory_unlock_all),
    ];
    for args in [&[INT8][..], &[INT4, INT4][..]] {
        out.extend([
            f("pg_advisory_lock", args, VOID, advisory_lock),
            f("pg_advisory_lock_shared", args, VOID, advisory_lock_shared),
            f("pg_try_advisory_lock", args, BOOL, try_advisory_lock),
            f("pg_try_advisory_lock_shared", args, BOOL, try_advisory_lock_shared),
            f("pg_advisory_unlock", args, BOOL, advisory_unlock),
            f("pg_advisory_unlock_shared", args, BOOL, advisory_unlock_shared),
            f("pg_advisory_xact_lock", args, VOID, advisory_xact_lock),
            f("pg_advisory_xact_lock_shared", args, VOID, advisory_xact_lock_shared),
            f("pg_try_advisory_xact_lock", args, BOOL, try_advisory_xact_lock),
            f("pg_try_advisory_xact_lock_shared", args, BOOL, try_advisory_xact_lock_shared),
        ]);
    }
    out
}

fn lock_mode(mode: pg_parser::ast::LockMode) -> LockMode {
    use pg_parser::ast::LockMode as M;
    match mode {
        M::AccessShare => LockMode::AccessShare,
        M::RowShare => LockMode::RowShare,
        M::RowExclusive => LockMode::RowExclusive,
        M::ShareUpdateExclusive => LockMode::ShareUpdateExclusive,
        M::Share => LockMode::Share,
        M::ShareRowExclusive => LockMode::ShareRowExclusive,
        M::Exclusive => LockMode::Exclusive,
        M::AccessExclusive => LockMode::AccessExclusive,
    }
}

/// LockTableCommand (inside a transaction block; the caller checked):
/// each relation is looked up and locked in turn, with NOWAIT refusing to
/// wait (55P03). Only tables and views can be locked; the user needs a
/// privilege that goes with the mode (LockTableAclCheck), which for the
/// system views means superuser, or SELECT for ACCESS SHARE.
pub(crate) fn lock_table(session: &Session, stmt: &LockStmt) -> PgResult<String> {
    use pg_catalog::{RelKind, SelectPrivilege};
    let mode = lock_mode(stmt.mode);
    let catalog = &pg_catalog::HeapCatalog;
    let path = pg_catalog::effective_search_path(catalog, &crate::exec::search_path(), &session.role.name);
    for rv in &stmt.relations {
        if rv.catalog.is_some() {
            let name = [rv.catalog.as_deref(), rv.schema.as_deref(), Some(rv.name.as_str())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(".");
            return Err(PgError::not_supported(format!("cross-database references are not implemented: \"{name}\"")));
        }
        let rel = pg_catalog::resolve_relation(catalog, rv.schema.as_deref(), &rv.name, &path)
            .map_err(|m| m.into_error())?
            .ok_or_else(|| {
                let name = match &rv.schema {
                    Some(s) => format!("{s}.{}", rv.name),
                    None => rv.name.clone(),
                };
                PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{name}\" does not exist"))
            })?;
        let kind_name = match rel.kind {
            RelKind::Table | RelKind::PartitionedTable | RelKind::View => None,
            RelKind::Index => Some("indexes"),
            RelKind::PartitionedIndex => Some("partitioned indexes"),
            RelKind::Sequence => Some("sequences"),
            RelKind::Toast => Some("TOAST tables"),
            RelKind::MatView => Some("materialized views"),
            RelKind::CompositeType => Some("composite types"),
            RelKind::ForeignTable => Some("foreign tables"),
        };
        if let Some(kind_name) = kind_name {
            return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("cannot lock relation \"{}\"", rv.name))
                .with_detail(format!("This operation is not supported for {kind_name}.")));
        }
        let may_select = match rel.select_privilege {
            SelectPrivilege::Public => true,
            SelectPrivilege::RoleMembers(role) => crate::session::has_privs_of_role(role),
        };
        let allowed = session.role.superuser || (mode == LockMode::AccessShare && may_select);
        if !allowed {
            let what = if rel.kind == RelKind::View { "view" } else { "table" };
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("permission denied for {what} {}", rel.name),
            ));
        }
        if stmt.nowait {
            if !lock::conditional_lock_relation_oid(rel.oid, mode)? {
                return Err(PgError::new(
                    SqlState::LOCK_NOT_AVAILABLE,
                    format!("could not obtain lock on relation \"{}\"", rv.name),
                ));
            }
        } else {
            lock::lock_relation_oid(rel.oid, mode)?;
        }
    }
    Ok("LOCK TABLE".to_string())
}
