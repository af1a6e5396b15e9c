//! Combo command ids (PostgreSQL's `utils/time/combocid.c`).
//!
//! A tuple has room for one command id, `t_cid`. When a transaction
//! deletes a tuple it inserted itself, both cmin and cmax matter (to its
//! own later commands); the pair is then kept in this backend's combo
//! table and `t_cid` holds the pair's index, with `HEAP_COMBOCID` set.
//! Only the inserting transaction ever looks at cmin/cmax (everyone else
//! decides by xmin/xmax), so the table is private to the backend and
//! emptied at the end of each transaction ([`at_eoxact_combocid`]).

use super::transam;
use super::tuple::{TupleHeader, HEAP_COMBOCID, HEAP_XMIN_COMMITTED};
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::CommandId;
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Default)]
struct ComboTable {
    pairs: Vec<(CommandId, CommandId)>,
    index: HashMap<(CommandId, CommandId), CommandId>,
}

thread_local! {
    static COMBO: RefCell<ComboTable> = RefCell::new(ComboTable::default());
}

/// `HeapTupleHeaderGetCmin`: the inserting command (only meaningful to
/// the inserting transaction).
pub fn heap_tuple_header_get_cmin(tup: &[u8]) -> CommandId {
    let cid = tup.raw_cid();
    if tup.infomask() & HEAP_COMBOCID != 0 {
        COMBO.with(|c| c.borrow().pairs.get(cid as usize).map_or(cid, |p| p.0))
    } else {
        cid
    }
}

/// `HeapTupleHeaderGetCmax`: the deleting or locking command (only
/// meaningful to the deleting transaction).
pub fn heap_tuple_header_get_cmax(tup: &[u8]) -> CommandId {
    let cid = tup.raw_cid();
    if tup.infomask() & HEAP_COMBOCID != 0 {
        COMBO.with(|c| c.borrow().pairs.get(cid as usize).map_or(cid, |p| p.1))
    } else {
        cid
    }
}

/// `HeapTupleHeaderAdjustCmax`: the `t_cid` to store when command `cmax`
/// deletes or locks `tup`, and whether it is a combo id. A tuple this
/// transaction inserted keeps its cmin through a combo id.
pub fn heap_tuple_header_adjust_cmax(tup: &[u8], cmax: CommandId) -> PgResult<(CommandId, bool)> {
    if tup.infomask() & HEAP_XMIN_COMMITTED == 0 && transam::is_current(tup.xmin()) {
        let cmin = heap_tuple_header_get_cmin(tup);
        Ok((get_combo_command_id(cmin, cmax)?, true))
    } else {
        Ok((cmax, false))
    }
}

fn get_combo_command_id(cmin: CommandId, cmax: CommandId) -> PgResult<CommandId> {
    COMBO.with(|c| {
        let mut t = c.borrow_mut();
        if let Some(&id) = t.index.get(&(cmin, cmax)) {
            return Ok(id);
        }
        let id = t.pairs.len();
        if id >= u32::MAX as usize {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                "cannot have more than 2^32-1 combo CIDs in a transaction",
            ));
        }
        t.pairs.push((cmin, cmax));
        t.index.insert((cmin, cmax), id as CommandId);
        Ok(id as CommandId)
    })
}

/// `AtEOXact_ComboCid`: forgets the table at the end of a transaction.
pub fn at_eoxact_combocid() {
    COMBO.with(|c| *c.borrow_mut() = ComboTable::default());
}

/// Runs [`at_eoxact_combocid`] at every top-level commit and abort.
pub fn register_xact_callback() {
    fn event(event: pg_wal::xact::XactEvent, nest_level: usize) {
        use pg_wal::xact::XactEvent;
        if nest_level <= 1 && matches!(event, XactEvent::Commit | XactEvent::Abort) {
            at_eoxact_combocid();
        }
    }
    pg_wal::xact::register_xact_callback(pg_wal::xact::XactCallback {
        name: "combocid",
        collect: None,
        event: Some(event),
        redo: None,
    });
}
