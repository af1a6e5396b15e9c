//! Redo of the heap's WAL records (PostgreSQL's `heap_redo` and
//! `heap2_redo`), registered as the Heap and Heap2 resource managers by
//! [`register_heap_rmgrs`].
//!
//! Each block goes through the buffer manager's `read_buffer_for_redo`:
//! a full-page image is restored, a page whose LSN is already at or past
//! the record's end is left alone (so replaying a record twice changes
//! nothing the second time), otherwise the `apply_*` function of
//! [`super::heapam_xlog`] changes it and the page gets the record's LSN.

use super::heapam_xlog::*;
use super::tuple::ItemPointer;
use crate::page::Page;
use crate::xlogutils::{read_buffer_for_redo, RedoAction};
use pg_error::{PgError, PgResult, SqlState};
use pg_wal::record::DecodedRecord;
use pg_wal::rmgr::{register_rmgr, RmgrDef, RmgrId};

/// Registers the Heap (10) and Heap2 (9) resource managers.
pub fn register_heap_rmgrs() {
    register_rmgr(RmgrId::HEAP, RmgrDef { name: "Heap", redo: heap_redo, desc: heap_desc });
    register_rmgr(RmgrId::HEAP2, RmgrDef { name: "Heap2", redo: heap2_redo, desc: heap2_desc });
}

fn heap_desc(r: &DecodedRecord) -> String {
    describe(false, r.info(), &r.main_data)
}

fn heap2_desc(r: &DecodedRecord) -> String {
    describe(true, r.info(), &r.main_data)
}

/// Runs `apply` on block `block_id` of `r` if it needs the change.
fn redo_block(r: &DecodedRecord, block_id: u8, apply: impl FnOnce(&mut Page, u32) -> PgResult<()>) -> PgResult<()> {
    let blkno = r.block(block_id).map(|b| b.blkno).ok_or_else(|| missing_block(block_id))?;
    match read_buffer_for_redo(r, block_id)? {
        RedoAction::NeedsRedo(mut g) => {
            apply(&mut g, blkno)?;
            g.set_lsn(r.end_lsn);
            g.mark_dirty();
        }
        RedoAction::Restored | RedoAction::Done | RedoAction::NotFound => {}
    }
    Ok(())
}

fn missing_block(id: u8) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, format!("failed to locate backup block with ID {id} in WAL record"))
}

fn heap_redo(r: &DecodedRecord) -> PgResult<()> {
    let info = r.info();
    let init = info & XLOG_HEAP_INIT_PAGE != 0;
    let xid = r.xid();
    match info & XLOG_HEAP_OPMASK {
        XLOG_HEAP_INSERT => {
            let rec = XlHeapInsert::decode(&r.main_data)?;
            let data = r.block_data(0).to_vec();
            redo_block(r, 0, |p, blk| apply_insert(p, blk, init, &rec, xid, &data))
        }
        XLOG_HEAP_DELETE => {
            let rec = XlHeapDelete::decode(&r.main_data)?;
            redo_block(r, 0, |p, blk| apply_delete(p, blk, &rec))
        }
        op @ (XLOG_HEAP_UPDATE | XLOG_HEAP_HOT_UPDATE) => {
            let hot = op == XLOG_HEAP_HOT_UPDATE;
            let rec = XlHeapUpdate::decode(&r.main_data)?;
            let data = r.block_data(0).to_vec();
            let new_blk = r.block(0).map(|b| b.blkno).ok_or_else(|| missing_block(0))?;
            let new_tid = ItemPointer::new(new_blk, rec.new_offnum);
            if hot {
                // Both versions on one page: the new one first, as the
                // original operation did.
                return redo_block(r, 0, |p, blk| {
                    apply_update_new(p, blk, false, &rec, xid, &data)?;
                    apply_update_old(p, &rec, new_tid, true)
                });
            }
            redo_block(r, 1, |p, _| apply_update_old(p, &rec, new_tid, false))?;
            redo_block(r, 0, |p, blk| apply_update_new(p, blk, init, &rec, xid, &data))
        }
        XLOG_HEAP_LOCK => {
            let rec = XlHeapLock::decode(&r.main_data)?;
            redo_block(r, 0, |p, blk| apply_lock(p, blk, &rec))
        }
        XLOG_HEAP_INPLACE => {
            let off = r.main_data.get(0..2).map(|b| u16::from_le_bytes([b[0], b[1]])).unwrap_or(0);
            let data = r.block_data(0).to_vec();
            redo_block(r, 0, |p, _| apply_inplace(p, off, &data))
        }
        other => Err(PgError::new(SqlState::DATA_CORRUPTED, format!("heap_redo: unknown op code {other}"))),
    }
}

fn heap2_redo(r: &DecodedRecord) -> PgResult<()> {
    let info = r.info();
    let init = info & XLOG_HEAP_INIT_PAGE != 0;
    let xid = r.xid();
    match info & XLOG_HEAP_OPMASK {
        XLOG_HEAP2_PRUNE => {
            // The block data (the offsets) is left out when the record
            // carries the page's image: decode it only when it is applied.
            redo_block(r, 0, |p, _| apply_prune(p, &XlHeapPrune::decode(&r.main_data, r.block_data(0))?))
        }
        XLOG_HEAP2_MULTI_INSERT => {
            let main = r.main_data.clone();
            let data = r.block_data(0).to_vec();
            redo_block(r, 0, |p, blk| apply_multi_insert(p, blk, init, &main, xid, &data))
        }
        other => Err(PgError::new(SqlState::DATA_CORRUPTED, format!("heap2_redo: unknown op code {other}"))),
    }
}
