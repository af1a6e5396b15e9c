//! SQL functions about transaction ids (PostgreSQL's `utils/adt/xid8funcs.c`):
//! `txid_current()`, `pg_current_xact_id()`, their `_if_assigned` forms,
//! `pg_xact_status()` / `txid_status()`, and the snapshot functions
//! (`pg_current_snapshot()`, `pg_snapshot_xmin/xmax/xip`,
//! `pg_visible_in_snapshot`, and their `txid_*` twins). Transaction ids are
//! 64-bit throughout, so the `xid8` and `bigint` forms give the same number
//! (no epoch arithmetic). A `pg_snapshot` value is its canonical text
//! (`xmin:xmax:xip,...`, as `pg_snapshot_out` prints it).

use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID, INVALID_TRANSACTION_ID};
use pg_types::oid::{BOOL, INT8, PG_SNAPSHOT, TEXT, TXID_SNAPSHOT, XID8};
use pg_types::{Datum, FuncDef, PgSnapshotValue, SrfImpl, Volatility};

/// The functions, for `register_builtin_functions`.
pub(crate) fn functions() -> Vec<FuncDef> {
    vec![
        FuncDef::scalar("txid_current", &[], INT8, Volatility::Stable, txid_current),
        FuncDef::scalar("txid_current_if_assigned", &[], INT8, Volatility::Stable, txid_current_if_assigned),
        FuncDef::scalar("pg_current_xact_id", &[], XID8, Volatility::Stable, pg_current_xact_id),
        FuncDef::scalar(
            "pg_current_xact_id_if_assigned",
            &[],
            XID8,
            Volatility::Stable,
            pg_current_xact_id_if_assigned,
        ),
        FuncDef::scalar("pg_xact_status", &[XID8], TEXT, Volatility::Volatile, pg_xact_status),
        FuncDef::scalar("txid_status", &[INT8], TEXT, Volatility::Volatile, pg_xact_status),
        FuncDef::scalar("pg_current_snapshot", &[], PG_SNAPSHOT, Volatility::Stable, current_snapshot),
        FuncDef::scalar("txid_current_snapshot", &[], TXID_SNAPSHOT, Volatility::Stable, current_snapshot),
        FuncDef::scalar("pg_snapshot_xmin", &[PG_SNAPSHOT], XID8, Volatility::Immutable, |a| {
            Ok(Datum::Xid8(snapshot_arg(a, 0)?.xmin))
        }),
        FuncDef::scalar("pg_snapshot_xmax", &[PG_SNAPSHOT], XID8, Volatility::Immutable, |a| {
            Ok(Datum::Xid8(snapshot_arg(a, 0)?.xmax))
        }),
        FuncDef::scalar("txid_snapshot_xmin", &[TXID_SNAPSHOT], INT8, Volatility::Immutable, |a| {
            Ok(Datum::Int8(snapshot_arg(a, 0)?.xmin as i64))
        }),
        FuncDef::scalar("txid_snapshot_xmax", &[TXID_SNAPSHOT], INT8, Volatility::Immutable, |a| {
            Ok(Datum::Int8(snapshot_arg(a, 0)?.xmax as i64))
        }),
        xip_function("pg_snapshot_xip", PG_SNAPSHOT, XID8),
        xip_function("txid_snapshot_xip", TXID_SNAPSHOT, INT8),
        FuncDef::scalar("pg_visible_in_snapshot", &[XID8, PG_SNAPSHOT], BOOL, Volatility::Immutable, visible),
        FuncDef::scalar("txid_visible_in_snapshot", &[INT8, TXID_SNAPSHOT], BOOL, Volatility::Immutable, visible),
        FuncDef::scalar("pg_export_snapshot", &[], TEXT, Volatility::Volatile, |_| {
            Err(PgError::not_supported("pg_export_snapshot is not supported yet"))
        }),
    ]
}

/// `pg_current_snapshot()`: the active snapshot's xmin, xmax and running
/// top-level ids (subtransactions are not shown, as in PostgreSQL).
fn current_snapshot(_: &[Datum]) -> PgResult<Datum> {
    let s = pg_wal::snapmgr::get_active_snapshot()?;
    let mut xip = s.xip.clone();
    xip.sort_unstable();
    xip.dedup();
    Ok(Datum::Text(pg_types::format_pg_snapshot(&PgSnapshotValue { xmin: s.xmin, xmax: s.xmax, xip })))
}

fn snapshot_arg(args: &[Datum], i: usize) -> PgResult<PgSnapshotValue> {
    match args.get(i) {
        Some(Datum::Text(t)) => pg_types::parse_pg_snapshot(t).ok_or_else(|| {
            PgError::new(
                SqlState::INVALID_TEXT_REPRESENTATION,
                format!("invalid input syntax for type pg_snapshot: \"{t}\""),
            )
        }),
        _ => Err(PgError::internal("pg_snapshot argument expected")),
    }
}

fn xid_arg(args: &[Datum], i: usize) -> u64 {
    match args.get(i) {
        Some(Datum::Xid8(x)) => *x,
        Some(Datum::Int8(x)) => *x as u64,
        _ => 0,
    }
}

/// `pg_snapshot_xip(snapshot)`: one row per id in progress.
fn xip_function(name: &'static str, arg: u32, ret: u32) -> FuncDef {
    fn xip_xid8(args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
        Ok(snapshot_arg(args, 0)?.xip.into_iter().map(|x| vec![Datum::Xid8(x)]).collect())
    }
    fn xip_int8(args: &[Datum]) -> PgResult<Vec<Vec<Datum>>> {
        Ok(snapshot_arg(args, 0)?.xip.into_iter().map(|x| vec![Datum::Int8(x as i64)]).collect())
    }
    let f = if ret == XID8 { xip_xid8 } else { xip_int8 };
    FuncDef::set_returning(name, &[arg], ret, &[(name, ret)], Volatility::Immutable, SrfImpl::Materialize(f))
}

/// `pg_visible_in_snapshot(xid, snapshot)` (`is_visible_fxid`): ended
/// before the snapshot and not listed as running.
fn visible(args: &[Datum]) -> PgResult<Datum> {
    let xid = xid_arg(args, 0);
    let s = snapshot_arg(args, 1)?;
    let v = if xid < s.xmin {
        true
    } else if xid >= s.xmax {
        false
    } else {
        s.xip.binary_search(&xid).is_err()
    };
    Ok(Datum::Bool(v))
}

/// The top-level transaction's id, assigned now if it has none
/// (`GetTopFullTransactionId`).
fn top_xid() -> PgResult<TransactionId> {
    pg_wal::xact::get_top_transaction_id()
}

fn txid_current(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int8(top_xid()? as i64))
}

fn pg_current_xact_id(_: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Xid8(top_xid()?))
}

fn if_assigned(make: fn(TransactionId) -> Datum) -> PgResult<Datum> {
    match pg_wal::xact::get_top_transaction_id_if_any() {
        INVALID_TRANSACTION_ID => Ok(Datum::Null),
        xid => Ok(make(xid)),
    }
}

fn txid_current_if_assigned(_: &[Datum]) -> PgResult<Datum> {
    if_assigned(|x| Datum::Int8(x as i64))
}

fn pg_current_xact_id_if_assigned(_: &[Datum]) -> PgResult<Datum> {
    if_assigned(Datum::Xid8)
}

/// `pg_xact_status(xid8)` / `txid_status(bigint)`: "committed", "aborted"
/// or "in progress" (NULL for the invalid id); 22023 for an id not handed
/// out yet.
fn pg_xact_status(args: &[Datum]) -> PgResult<Datum> {
    let xid = match args.first() {
        Some(Datum::Xid8(x)) => *x,
        Some(Datum::Int8(x)) => *x as u64,
        _ => return Ok(Datum::Null),
    };
    if xid >= pg_wal::varsup::read_next_full_xid()? {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("transaction ID {xid} is in the future")));
    }
    if xid == INVALID_TRANSACTION_ID {
        return Ok(Datum::Null);
    }
    let status = if xid < FIRST_NORMAL_TRANSACTION_ID {
        "committed"
    } else if pg_wal::xact::transaction_id_is_current_transaction_id(xid)
        || pg_proc::procarray::transaction_id_is_in_progress(xid)?
    {
        "in progress"
    } else if pg_wal::clog::transaction_id_did_commit(xid)? {
        "committed"
    } else {
        "aborted"
    };
    Ok(Datum::Text(status.into()))
}
