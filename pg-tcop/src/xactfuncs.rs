//! SQL functions about transaction ids (PostgreSQL's `utils/adt/xid8funcs.c`):
//! `txid_current()`, `pg_current_xact_id()`, their `_if_assigned` forms and
//! `pg_xact_status()` / `txid_status()`. Transaction ids are 64-bit
//! throughout, so the `xid8` and `bigint` forms give the same number (no
//! epoch arithmetic).

use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::{TransactionId, FIRST_NORMAL_TRANSACTION_ID, INVALID_TRANSACTION_ID};
use pg_types::oid::{INT8, TEXT, XID8};
use pg_types::{Datum, FuncDef, Volatility};

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
    ]
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
