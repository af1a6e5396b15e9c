//! Page pruning (PostgreSQL's `access/heap/pruneheap.c`): when a page is
//! nearly full and holds versions that may be dead, a reader that can get
//! the page's cleanup lock removes the versions no snapshot can see,
//! shortens HOT chains (the chain's root line pointer is redirected to
//! the first version still needed) and compacts the page. So an
//! UPDATE-heavy table reuses its pages instead of growing.
//!
//! Removed line pointers of heap-only tuples become unused (nothing else
//! points at them); a removed chain root becomes `LP_DEAD` (an index may
//! point at it; VACUUM frees it once indexes exist and are cleaned).

use super::heapam_xlog::{apply_prune, XlHeapPrune, XLOG_HEAP2_PRUNE};
use super::transam;
use super::tuple::*;
use super::visibility::{heap_tuple_satisfies_vacuum, HtsvResult};
use crate::bufmgr::{PageWriteGuard, Persistence, PinnedBuffer, StorageRel};
use crate::page::Page;
use pg_error::PgResult;
use pg_proc::xid::{TransactionId, INVALID_TRANSACTION_ID};
use pg_wal::block::{ForkNumber, BLCKSZ};
use pg_wal::insert::{XLogRecordBuilder, REGBUF_STANDARD};
use pg_wal::rmgr::RmgrId;

/// `heap_page_prune_opt`: prunes the pinned page if it may have dead
/// versions (`pd_prune_xid` older than every snapshot) and is nearly full
/// (less than 10% free, or an update found it full), and its cleanup lock
/// is free now. Never waits.
pub fn heap_page_prune_opt(rel: &StorageRel, pin: &PinnedBuffer) -> PgResult<()> {
    let (prune_xid, free, full) = {
        let g = pin.lock_shared();
        (g.prune_xid(), g.free_space(), g.is_full())
    };
    if prune_xid == INVALID_TRANSACTION_ID {
        return Ok(());
    }
    let min_free = BLCKSZ / 10;
    if !full && free >= min_free {
        return Ok(());
    }
    let oldest = transam::oldest_xmin()?;
    if prune_xid >= oldest {
        return Ok(());
    }
    let Some(mut g) = pin.conditional_lock_cleanup() else { return Ok(()) };
    if g.is_full() || g.free_space() < min_free {
        heap_page_prune(rel, &mut g, oldest)?;
    }
    Ok(())
}

/// What pruning a page decided (`PruneState`).
#[derive(Default)]
struct PruneState {
    rec: XlHeapPrune,
    marked: Vec<bool>,
    new_prune_xid: TransactionId,
}

impl PruneState {
    fn note_prunable(&mut self, xid: TransactionId) {
        if self.new_prune_xid == INVALID_TRANSACTION_ID || xid < self.new_prune_xid {
            self.new_prune_xid = xid;
        }
    }
    fn removed(&mut self, xmax: TransactionId) {
        self.rec.latest_removed_xid = self.rec.latest_removed_xid.max(xmax);
    }
}

/// `heap_page_prune`: prunes the page locked for cleanup, with
/// `oldest_xmin` as the horizon, WAL-logging what it did. Returns how many
/// tuples it removed.
pub fn heap_page_prune(rel: &StorageRel, g: &mut PageWriteGuard<'_>, oldest_xmin: TransactionId) -> PgResult<usize> {
    let blk = g.block();
    let (st, hints) = plan_prune(g, oldest_xmin)?;
    // Hint bits learned on the way are worth keeping even if nothing goes.
    for (off, bits) in hints {
        let t = g.get_item_mut(off);
        let m = t.infomask();
        t.set_infomask(m | bits);
    }
    let removed = st.rec.nowdead.len() + st.rec.nowunused.len() + st.rec.redirected.len();
    let _crit = pg_error::crit::start_crit_section();
    if removed > 0 {
        apply_prune(g, &st.rec)?;
        g.set_prune_xid(st.new_prune_xid);
        g.clear_full();
        g.mark_dirty();
        if rel.persistence == Persistence::Permanent {
            let (main, data) = st.rec.encode();
            let mut b = XLogRecordBuilder::new();
            b.register_data(&main);
            b.register_buffer(0, rel.rnode, ForkNumber::Main, blk, g.bytes(), REGBUF_STANDARD);
            b.register_buf_data(0, &data);
            let lsn = b.insert(RmgrId::HEAP2, XLOG_HEAP2_PRUNE)?;
            g.set_lsn(lsn);
        }
    } else {
        // Nothing to remove: remember the new horizon as a hint only.
        if g.prune_xid() != st.new_prune_xid || g.is_full() {
            g.set_prune_xid(st.new_prune_xid);
            g.clear_full();
        }
        g.mark_dirty();
    }
    Ok(st.rec.nowdead.len() + st.rec.nowunused.len())
}

/// Decides what to prune (`heap_prune_chain` over every root): returns the
/// plan and the hint bits found.
fn plan_prune(page: &Page, oldest_xmin: TransactionId) -> PgResult<(PruneState, Vec<(u16, u16)>)> {
    let max = page.max_offset();
    let mut st = PruneState { marked: vec![false; max as usize + 1], ..PruneState::default() };
    let lsn = page.lsn();
    // The tuple states, computed once.
    let mut htsv: Vec<Option<HtsvResult>> = vec![None; max as usize + 1];
    let mut hints = Vec::new();
    for off in 1..=max {
        if page.item_id(off).is_normal() {
            let mut h = 0;
            htsv[off as usize] = Some(heap_tuple_satisfies_vacuum(page.get_item(off), oldest_xmin, lsn, &mut h)?);
            if h != 0 {
                hints.push((off, h));
            }
        }
    }
    for root in 1..=max {
        if st.marked[root as usize] {
            continue;
        }
        prune_chain(page, root, &htsv, &mut st);
    }
    Ok((st, hints))
}

fn prune_chain(page: &Page, root: u16, htsv: &[Option<HtsvResult>], st: &mut PruneState) {
    let max = page.max_offset();
    let root_id = page.item_id(root);
    if root_id.is_normal() {
        let t = page.get_item(root);
        if t.is_heap_only() {
            // Reached through its chain's root unless the chain is broken:
            // a dead heap-only tuple that leads nowhere can go now.
            if htsv[root as usize] == Some(HtsvResult::Dead) && !t.is_hot_updated() {
                st.marked[root as usize] = true;
                st.rec.nowunused.push(root);
                st.removed(t.xmax());
            }
            return;
        }
    }
    let mut chain: Vec<u16> = Vec::new();
    let mut latest_dead: Option<usize> = None;
    let mut off = root;
    let mut prior_xmax = INVALID_TRANSACTION_ID;
    loop {
        if off == 0 || off > max || st.marked[off as usize] {
            break;
        }
        let id = page.item_id(off);
        if !id.is_used() {
            break;
        }
        if id.is_redirected() {
            if off != root {
                break; // only a root may redirect
            }
            chain.push(off);
            off = id.redirect_target();
            continue;
        }
        if id.is_dead() {
            break;
        }
        let t = page.get_item(off);
        if prior_xmax != INVALID_TRANSACTION_ID && t.xmin() != prior_xmax {
            break;
        }
        chain.push(off);
        let mut dead = false;
        match htsv[off as usize] {
            Some(HtsvResult::Dead) => dead = true,
            Some(HtsvResult::RecentlyDead) => st.note_prunable(t.xmax()),
            Some(HtsvResult::DeleteInProgress) => {
                st.note_prunable(t.xmax());
            }
            _ => {}
        }
        if dead {
            latest_dead = Some(chain.len() - 1);
            st.removed(t.xmax());
        } else if htsv[off as usize] != Some(HtsvResult::RecentlyDead) {
            break;
        }
        if !t.is_hot_updated() {
            break;
        }
        let next = t.ctid();
        if next.offset == off {
            break;
        }
        prior_xmax = t.xmax();
        off = next.offset;
    }
    if let Some(last) = latest_dead {
        // Everything up to the last dead member goes; the root redirects to
        // the member after it, or is dead if none is left.
        for &o in &chain[1..=last] {
            if !st.marked[o as usize] {
                st.marked[o as usize] = true;
                st.rec.nowunused.push(o);
            }
        }
        st.marked[root as usize] = true;
        if last + 1 < chain.len() {
            st.rec.redirected.push((root, chain[last + 1]));
            st.marked[chain[last + 1] as usize] = true;
        } else {
            st.rec.nowdead.push(root);
        }
    } else if chain.len() < 2 && root_id.is_redirected() {
        // A redirect whose chain is gone.
        st.marked[root as usize] = true;
        st.rec.nowdead.push(root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::transam::testing::{install, Model};
    use crate::page::AddItemOptions;
    use crate::tupdesc::TupleDesc;
    use pg_types::datum::Datum;
    use pg_types::types::oid;

    fn tup(xmin: TransactionId, xmax: TransactionId, ctid: u16, self_off: u16, heap_only: bool, hot: bool) -> Vec<u8> {
        let d = TupleDesc::from_types(&[("a", oid::INT4)]).expect("desc");
        let mut t = heap_form_tuple(&d, &[Datum::Int4(xmin as i32)]).expect("form").data;
        t.set_xmin(xmin);
        t.set_xmax(xmax);
        t.set_ctid(ItemPointer::new(0, if xmax == 0 { self_off } else { ctid }));
        let m = t.infomask() | if xmax == 0 { HEAP_XMAX_INVALID } else { 0 };
        t.set_infomask(m);
        let m2 = t.infomask2() | if heap_only { HEAP_ONLY_TUPLE } else { 0 } | if hot { HEAP_HOT_UPDATED } else { 0 };
        t.set_infomask2(m2);
        t
    }

    #[test]
    fn hot_chain_is_shortened_and_dead_rows_removed() {
        install(Model { committed: [10, 11, 12, 20].into(), running: [30].into(), ..Model::default() });
        let mut page = Page::new_zeroed();
        page.init(0);
        let add = |p: &mut Page, t: Vec<u8>| p.add_item(&t, AddItemOptions { is_heap: true, ..Default::default() });
        // A chain 1 -> 2 -> 3 where 1 and 2 were updated by committed
        // transactions (dead), 3 is live.
        add(&mut page, tup(10, 11, 2, 1, false, true));
        add(&mut page, tup(11, 12, 3, 2, true, true));
        add(&mut page, tup(12, 0, 0, 3, true, false));
        // A deleted plain row (dead), and a row deleted by a running one.
        add(&mut page, tup(10, 20, 4, 4, false, false));
        add(&mut page, tup(10, 30, 5, 5, false, false));
        let (st, _) = plan_prune(&page, 25).expect("plan");
        assert_eq!(st.rec.redirected, vec![(1, 3)]);
        assert_eq!(st.rec.nowunused, vec![2]);
        assert_eq!(st.rec.nowdead, vec![4]);
        assert_eq!(st.new_prune_xid, 30);
        let before = page.free_space();
        apply_prune(&mut page, &st.rec).expect("apply");
        assert!(page.free_space() > before);
        assert!(page.item_id(1).is_redirected());
        assert_eq!(page.item_id(1).redirect_target(), 3);
        assert_eq!(page.get_item(3).xmin(), 12);
        assert_eq!(page.get_item(5).xmax(), 30);
        // Pruning again with a redirect root: nothing more to do.
        let (st, _) = plan_prune(&page, 25).expect("plan");
        assert!(st.rec.redirected.is_empty() && st.rec.nowunused.is_empty() && st.rec.nowdead.is_empty());
    }
}
