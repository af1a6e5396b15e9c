//! The heap access method's operations (PostgreSQL's `heapam.c` and
//! `hio.c`): insert, delete, update, row locks, fetch, sequential scans.
//!
//! Every page change follows the same pattern: the buffer is pinned and
//! locked exclusively, the change is made inside a critical section, the
//! buffer is marked dirty, the WAL record is inserted (for permanent
//! relations) and the page gets the record's LSN; then the critical
//! section ends and the lock is released.
//!
//! Waiting: a row being changed by another transaction is waited for by
//! waiting for that transaction (`xact_lock_table_wait`), with no buffer
//! lock held; then the row is looked at again. What to do with a row that
//! another transaction updated is the executor's decision
//! ([`TmResult::Updated`] with [`TmFailureData`]).
//!
//! Where a new tuple goes (`RelationGetBufferForTuple`): the block this
//! backend last inserted into for the relation if it has room, else the
//! relation's last block, else a new block. There is no free space map
//! yet, so space freed by pruning in earlier blocks is reused by updates
//! on the same page (HOT) but not by inserts.

use super::combocid::{heap_tuple_header_adjust_cmax, heap_tuple_header_get_cmax};
use super::heapam_xlog::*;
use super::transam::{self, Snapshot, SnapshotKind, XltwOper};
use super::tuple::*;
use super::visibility::*;
use crate::bufmgr::{
    extend_relation, read_buffer, shared_buffer_count, BufferAccessStrategy, PageWriteGuard, Persistence, PinnedBuffer,
    ReadBufferMode, StorageRel, StrategyKind,
};
use crate::page::{maxalign, AddItemOptions, Page, SIZE_OF_ITEM_ID, SIZE_OF_PAGE_HEADER};
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::multixact::{MultiXactMember, MultiXactStatus};
use pg_proc::xid::{CommandId, TransactionId, INVALID_COMMAND_ID, INVALID_TRANSACTION_ID};
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, BLCKSZ};
use pg_wal::insert::{XLogRecordBuilder, REGBUF_STANDARD, REGBUF_WILL_INIT};
use pg_wal::rmgr::RmgrId;
use std::cell::RefCell;

/// `MaxHeapTupleSize`: the largest tuple a page can hold.
pub const MAX_HEAP_TUPLE_SIZE: usize = BLCKSZ - maxalign(SIZE_OF_PAGE_HEADER + SIZE_OF_ITEM_ID);

/// Row lock strengths (`LockTupleMode`), weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LockTupleMode {
    /// `FOR KEY SHARE`.
    KeyShare,
    /// `FOR SHARE`.
    Share,
    /// `FOR NO KEY UPDATE` (and an UPDATE that changes no key).
    NoKeyExclusive,
    /// `FOR UPDATE` (and DELETE).
    Exclusive,
}

impl LockTupleMode {
    /// The xmax lock bits of a lock of this strength.
    fn infomask_bits(self) -> u16 {
        match self {
            LockTupleMode::KeyShare => HEAP_XMAX_KEYSHR_LOCK,
            LockTupleMode::Share => HEAP_XMAX_SHR_LOCK,
            LockTupleMode::NoKeyExclusive | LockTupleMode::Exclusive => HEAP_XMAX_EXCL_LOCK,
        }
    }

    /// The multixact member status of a lock of this strength.
    fn status(self) -> MultiXactStatus {
        match self {
            LockTupleMode::KeyShare => MultiXactStatus::ForKeyShare,
            LockTupleMode::Share => MultiXactStatus::ForShare,
            LockTupleMode::NoKeyExclusive => MultiXactStatus::ForNoKeyUpdate,
            LockTupleMode::Exclusive => MultiXactStatus::ForUpdate,
        }
    }

    /// The lock strength of a multixact member status.
    fn from_status(s: MultiXactStatus) -> LockTupleMode {
        match s {
            MultiXactStatus::ForKeyShare => LockTupleMode::KeyShare,
            MultiXactStatus::ForShare => LockTupleMode::Share,
            MultiXactStatus::ForNoKeyUpdate => LockTupleMode::NoKeyExclusive,
            MultiXactStatus::ForUpdate => LockTupleMode::Exclusive,
        }
    }

    /// The strength an existing lock-only xmax holds.
    fn held(infomask: u16, infomask2: u16) -> LockTupleMode {
        if infomask & HEAP_LOCK_MASK == HEAP_XMAX_SHR_LOCK {
            LockTupleMode::Share
        } else if infomask & HEAP_XMAX_KEYSHR_LOCK != 0 {
            LockTupleMode::KeyShare
        } else if infomask2 & HEAP_KEYS_UPDATED != 0 {
            LockTupleMode::Exclusive
        } else {
            LockTupleMode::NoKeyExclusive
        }
    }
}

/// What a row lock does when the row is locked by someone else
/// (`LockWaitPolicy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockWaitPolicy {
    /// Wait for the other transaction.
    Block,
    /// `SKIP LOCKED`: give up at once ([`TmResult::WouldBlock`]).
    Skip,
    /// `NOWAIT`: give up at once; the caller raises 55P03.
    Error,
}

fn relation_needs_wal(rel: &StorageRel) -> bool {
    rel.persistence == Persistence::Permanent
}

thread_local! {
    /// The block each relation last got a tuple in, per backend
    /// (`RelationGetTargetBlock`); a few relations at a time, most recent
    /// first.
    static TARGET_BLOCK: RefCell<Vec<(RelFileNode, BlockNumber)>> = const { RefCell::new(Vec::new()) };
}

/// How many relations' target blocks a backend remembers.
const TARGET_BLOCK_SLOTS: usize = 8;

fn target_block(rel: &StorageRel) -> Option<BlockNumber> {
    TARGET_BLOCK.with(|t| t.borrow().iter().find(|e| e.0 == rel.rnode).map(|e| e.1))
}

fn set_target_block(rel: &StorageRel, blk: BlockNumber) {
    TARGET_BLOCK.with(|t| {
        let mut t = t.borrow_mut();
        match t.iter().position(|e| e.0 == rel.rnode) {
            Some(0) => t[0].1 = blk,
            Some(i) => {
                t.remove(i);
                t.insert(0, (rel.rnode, blk));
            }
            None => {
                t.insert(0, (rel.rnode, blk));
                t.truncate(TARGET_BLOCK_SLOTS);
            }
        }
    })
}

/// Forgets the cached insertion block of a relation whose file changed
/// (truncated, rewritten or dropped).
pub fn forget_target_block(rnode: &RelFileNode) {
    TARGET_BLOCK.with(|t| t.borrow_mut().retain(|e| e.0 != *rnode))
}

/// `RelationGetNumberOfBlocks`.
pub fn relation_get_number_of_blocks(rel: &StorageRel) -> PgResult<BlockNumber> {
    rel.smgr().nblocks(ForkNumber::Main)
}

fn read_main(rel: &StorageRel, blk: BlockNumber) -> PgResult<PinnedBuffer> {
    read_buffer(rel, ForkNumber::Main, blk, ReadBufferMode::Normal, None)
}

/// A page with room for `len` more bytes of tuple, locked exclusively
/// (`RelationGetBufferForTuple`), and whether it was just added (its WAL
/// record then initialises it). `above`: only blocks after this one may
/// be used (an update locks its old page first, and locks always go in
/// block order).
fn get_buffer_for_tuple(
    rel: &StorageRel,
    len: usize,
    above: Option<BlockNumber>,
) -> PgResult<(PageWriteGuard<'static>, bool)> {
    let need = target_free_space(rel, len);
    let allowed = |blk: BlockNumber| above.is_none_or(|a| blk > a);
    // The cached block first: most inserts end here without asking the
    // file's size.
    let target = target_block(rel);
    if let Some(blk) = target.filter(|&b| allowed(b)) {
        match try_block(rel, blk, need) {
            Ok(Some(found)) => return Ok(found),
            Ok(None) => {}
            // The block is gone (the file was truncated): forget it.
            Err(_) => forget_target_block(&rel.rnode),
        }
    }
    let nblocks = relation_get_number_of_blocks(rel)?;
    if nblocks > 0 && target != Some(nblocks - 1) && allowed(nblocks - 1) {
        if let Some(found) = try_block(rel, nblocks - 1, need)? {
            return Ok(found);
        }
    }
    extend_heap(rel)
}

/// A new block at the end of `rel`, initialised and locked exclusively
/// (`RelationAddExtraBlocks` of one block).
fn extend_heap(rel: &StorageRel) -> PgResult<(PageWriteGuard<'static>, bool)> {
    let mut g = extend_relation(rel, ForkNumber::Main, None)?;
    g.init(0);
    set_target_block(rel, g.block());
    Ok((g, true))
}

/// The free space an existing page needs to take a tuple of `len` bytes:
/// the tuple and what the relation's fillfactor keeps free
/// (`saveFreeSpace`), capped so that a nearly empty page still takes a
/// large tuple (a new page always takes it).
fn target_free_space(rel: &StorageRel, len: usize) -> usize {
    let need = maxalign(len);
    let save = BLCKSZ * (100 - usize::from(rel.fillfactor.clamp(10, 100))) / 100;
    if save == 0 {
        return need;
    }
    let nearly_empty = MAX_HEAP_TUPLE_SIZE - (crate::page::MAX_HEAP_TUPLES_PER_PAGE / 8 * SIZE_OF_ITEM_ID);
    if need + save > nearly_empty {
        need.max(nearly_empty)
    } else {
        need + save
    }
}

/// Block `blk` locked exclusively if it has `need` bytes free (or is a new,
/// never initialised page, which it initialises).
fn try_block(rel: &StorageRel, blk: BlockNumber, need: usize) -> PgResult<Option<(PageWriteGuard<'static>, bool)>> {
    let mut g = read_main(rel, blk)?.into_write_guard();
    if g.is_new() {
        // A block added by an extension that failed before its WAL
        // record: initialise it, as PostgreSQL does.
        g.init(0);
        set_target_block(rel, blk);
        return Ok(Some((g, true)));
    }
    if g.heap_free_space() >= need {
        set_target_block(rel, blk);
        return Ok(Some((g, false)));
    }
    Ok(None)
}

fn row_too_big(len: usize) -> PgError {
    PgError::new(
        SqlState::PROGRAM_LIMIT_EXCEEDED,
        format!("row is too big: size {len}, maximum size {MAX_HEAP_TUPLE_SIZE}"),
    )
}

/// `heap_prepare_insert`: the transaction fields of a new tuple.
fn prepare_insert(tup: &mut HeapTuple, xid: TransactionId, cid: CommandId, updated: bool) {
    let h = tup.header_mut();
    let mut mask = h.infomask() & !HEAP_XACT_MASK;
    mask |= HEAP_XMAX_INVALID;
    if updated {
        mask |= HEAP_UPDATED;
    }
    h.set_infomask(mask);
    let mask2 = h.infomask2() & !HEAP2_XACT_MASK;
    h.set_infomask2(mask2);
    h.set_xmin(xid);
    h.set_xmax(INVALID_TRANSACTION_ID);
    h.set_raw_cid(cid);
}

fn log_record(builder: XLogRecordBuilder<'_>, rmid: RmgrId, info: u8) -> PgResult<pg_wal::block::XLogRecPtr> {
    builder.insert(rmid, info)
}

/// `BulkInsertState`: what a statement that inserts many rows keeps from
/// one `heap_insert` to the next. It holds the pin of the block the last
/// row went to, so the next row needs only the page's content lock, not a
/// buffer lookup, a pin and a ResourceOwner entry. The pin is an ordinary
/// [`PinnedBuffer`]: the ResourceOwner releases it at an abort, and
/// dropping the state (at the end of the statement) unpins.
///
/// Unlike PostgreSQL's `GetBulkInsertState`, no BULKWRITE ring is used:
/// PostgreSQL 15 uses the ring for COPY and CREATE TABLE AS, whose pages
/// are then written by the loading backend itself (after a WAL flush for
/// each reused buffer), while INSERT ... SELECT, which this serves, goes
/// through the whole pool.
#[derive(Default)]
pub struct BulkInsertState {
    /// The pinned block rows last went to (`current_buf`).
    current: Option<PinnedBuffer>,
}

impl BulkInsertState {
    /// A state holding no pin yet.
    pub fn new() -> BulkInsertState {
        BulkInsertState::default()
    }

    /// Gives up the held pin (`ReleaseBulkInsertStatePin`).
    pub fn release(&mut self) {
        self.current = None;
    }
}

/// `heap_insert`: stores `tup` (already formed, and toasted if needed) as
/// a new row of `rel` written by command `cid` of the current transaction.
/// Returns where it went (also set in `tup.t_self`). With `bistate`, the
/// block the previous row of the same statement went to is tried first
/// without pinning it again, and stays pinned afterwards.
pub fn heap_insert(
    rel: &StorageRel,
    tup: &mut HeapTuple,
    cid: CommandId,
    bistate: Option<&mut BulkInsertState>,
) -> PgResult<ItemPointer> {
    if tup.len() > MAX_HEAP_TUPLE_SIZE {
        return Err(row_too_big(tup.len()));
    }
    let xid = transam::current_transaction_id()?;
    prepare_insert(tup, xid, cid, false);
    tup.table_oid = rel.relid;
    match bistate {
        None => {
            let (mut g, init) = get_buffer_for_tuple(rel, tup.len(), None)?;
            insert_on_page(rel, &mut g, init, tup, xid)?;
        }
        Some(bi) => {
            let (mut g, init) = match bi.current.take() {
                Some(pin) => bulk_buffer_for_tuple(rel, tup.len(), pin)?,
                None => get_buffer_for_tuple(rel, tup.len(), None)?,
            };
            insert_on_page(rel, &mut g, init, tup, xid)?;
            bi.current = g.unlock();
        }
    }
    Ok(tup.t_self)
}

/// The held block of a [`BulkInsertState`] locked exclusively if it is a
/// block of `rel` with room for `len` bytes; otherwise (unpinning it) the
/// block [`get_buffer_for_tuple`] finds.
fn bulk_buffer_for_tuple(rel: &StorageRel, len: usize, pin: PinnedBuffer) -> PgResult<(PageWriteGuard<'static>, bool)> {
    let tag = pin.tag();
    if tag.rnode == rel.rnode && tag.fork == ForkNumber::Main {
        let g = pin.into_write_guard();
        if !g.is_new() && g.heap_free_space() >= target_free_space(rel, len) {
            return Ok((g, false));
        }
        // Full: as PostgreSQL's bulk insert does when its block is full
        // and the free space map knows no other, take a new block (not
        // asking the file's size twice, nor retrying the full one).
        drop(g);
        return extend_heap(rel);
    }
    get_buffer_for_tuple(rel, len, None)
}

/// Puts a prepared tuple on the exclusively locked page `g` and WAL-logs
/// it (`init`: the page was just initialised, and redo initialises it).
fn insert_on_page(
    rel: &StorageRel,
    g: &mut PageWriteGuard<'static>,
    init: bool,
    tup: &mut HeapTuple,
    xid: TransactionId,
) -> PgResult<()> {
    let blk = g.block();
    let _crit = pg_error::crit::start_crit_section();
    let off = put_tuple(g, blk, tup)?;
    g.mark_dirty();
    if relation_needs_wal(rel) {
        // The tuple goes into the record as its xl_heap_header and the
        // bytes after the fixed header, straight from the tuple (no copy).
        let header = encode_tuple_header(&tup.data);
        let main = XlHeapInsert { offnum: off, flags: 0 }.encode_array();
        let flags = if init { REGBUF_STANDARD | REGBUF_WILL_INIT } else { REGBUF_STANDARD };
        let mut b = XLogRecordBuilder::new();
        b.set_xid(xid);
        b.register_data(&main);
        b.register_buffer(0, rel.rnode, ForkNumber::Main, blk, g.bytes(), flags);
        b.register_buf_data(0, &header);
        b.register_buf_data(0, &tup.data[SIZEOF_HEAP_TUPLE_HEADER..]);
        let info = XLOG_HEAP_INSERT | if init { XLOG_HEAP_INIT_PAGE } else { 0 };
        let lsn = log_record(b, RmgrId::HEAP, info)?;
        g.set_lsn(lsn);
    }
    Ok(())
}

/// `RelationPutHeapTuple`: adds the tuple to the locked page and points
/// its ctid (and `t_self`) at itself.
fn put_tuple(page: &mut Page, blk: BlockNumber, tup: &mut HeapTuple) -> PgResult<u16> {
    let off = page
        .add_item(&tup.data, AddItemOptions { offset: None, overwrite: false, is_heap: true })
        .ok_or_else(|| PgError::internal("failed to add tuple to page"))?;
    let tid = ItemPointer::new(blk, off);
    tup.t_self = tid;
    tup.header_mut().set_ctid(tid);
    page.get_item_mut(off).set_ctid(tid);
    page.clear_all_visible();
    Ok(off)
}

/// `heap_multi_insert`: stores many tuples, filling each page before
/// taking the next and writing one WAL record per page. Returns their
/// addresses in order.
pub fn heap_multi_insert(rel: &StorageRel, tuples: &mut [HeapTuple], cid: CommandId) -> PgResult<Vec<ItemPointer>> {
    let xid = transam::current_transaction_id()?;
    for t in tuples.iter_mut() {
        if t.len() > MAX_HEAP_TUPLE_SIZE {
            return Err(row_too_big(t.len()));
        }
        prepare_insert(t, xid, cid, false);
        t.table_oid = rel.relid;
    }
    let mut tids = Vec::with_capacity(tuples.len());
    let mut i = 0;
    while i < tuples.len() {
        pg_error::check_for_interrupts()?;
        let (mut g, init) = get_buffer_for_tuple(rel, tuples[i].len(), None)?;
        let blk = g.block();
        let _crit = pg_error::crit::start_crit_section();
        let mut offsets = Vec::new();
        let mut data = Vec::new();
        while i < tuples.len() && (offsets.is_empty() || g.heap_free_space() >= maxalign(tuples[i].len())) {
            let off = put_tuple(&mut g, blk, &mut tuples[i])?;
            offsets.push(off);
            encode_multi_insert_tuple(&tuples[i].data, &mut data);
            tids.push(tuples[i].t_self);
            i += 1;
        }
        g.mark_dirty();
        if relation_needs_wal(rel) {
            let main = encode_multi_insert(0, &offsets);
            let flags = if init { REGBUF_STANDARD | REGBUF_WILL_INIT } else { REGBUF_STANDARD };
            let mut b = XLogRecordBuilder::new();
            b.set_xid(xid);
            b.register_data(&main);
            b.register_buffer(0, rel.rnode, ForkNumber::Main, blk, g.bytes(), flags);
            b.register_buf_data(0, &data);
            let info = XLOG_HEAP2_MULTI_INSERT | if init { XLOG_HEAP_INIT_PAGE } else { 0 };
            let lsn = log_record(b, RmgrId::HEAP2, info)?;
            g.set_lsn(lsn);
        }
    }
    Ok(tids)
}

/// The line pointer of `tid` on a locked page, if it holds a tuple.
fn normal_tuple(page: &Page, tid: ItemPointer) -> bool {
    tid.offset >= 1 && tid.offset <= page.max_offset() && page.item_id(tid.offset).is_normal()
}

/// Applies hint bits learned by a visibility test to the tuple at `off`
/// of an exclusively locked page (a hint: no WAL).
fn apply_hints_locked(g: &mut PageWriteGuard<'_>, off: u16, hints: u16) {
    if hints != 0 {
        let t = g.get_item_mut(off);
        let m = t.infomask();
        t.set_infomask(m | hints);
        g.mark_dirty();
    }
}

fn failure_data(tup: &[u8]) -> TmFailureData {
    let xmax = tup.xmax();
    TmFailureData {
        ctid: tup.ctid(),
        xmax,
        cmax: if transam::is_current(xmax) { heap_tuple_header_get_cmax(tup) } else { INVALID_COMMAND_ID },
        traversed: false,
    }
}

/// What the "is it changeable" loop of delete, update and lock found.
struct Checked {
    result: TmResult,
    failure: TmFailureData,
}

/// The common start of delete and update: the tuple at `tid` on the
/// locked page `g`, tested with `HeapTupleSatisfiesUpdate`; a row being
/// changed by another transaction is waited for when `wait` (the lock is
/// released meanwhile, and the test repeated).
#[allow(clippy::too_many_arguments)] // the operation's inputs, as PostgreSQL passes them
fn check_for_change(
    relid: pg_types::types::Oid,
    oper: XltwOper,
    pin: &PinnedBuffer,
    g: &mut Option<PageWriteGuard<'_>>,
    tid: ItemPointer,
    cid: CommandId,
    crosscheck: Option<&Snapshot>,
    wait: bool,
    what: &str,
) -> PgResult<Checked> {
    loop {
        let page = g.as_mut().expect("locked");
        if !normal_tuple(page, tid) {
            return Err(PgError::new(
                SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                format!("attempted to {what} invisible tuple"),
            ));
        }
        let lsn = page.lsn();
        let mut hints = 0;
        let result = heap_tuple_satisfies_update(page.get_item(tid.offset), tid, cid, lsn, &mut hints)?;
        apply_hints_locked(page, tid.offset, hints);
        let tup = page.get_item(tid.offset).to_vec();
        let (mask, xmax) = (tup.infomask(), tup.xmax());
        // A row locked only by this transaction (or by lockers that have
        // all ended, but for us) may be changed: our change replaces the lock.
        let result =
            if result == TmResult::BeingModified && xmax_is_locked_only(mask) && !other_lockers_running(mask, xmax)? {
                TmResult::Ok
            } else {
                result
            };
        match result {
            TmResult::Invisible => {
                return Err(PgError::new(
                    SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                    format!("attempted to {what} invisible tuple"),
                ))
            }
            TmResult::BeingModified if wait => {
                *g = None;
                let multi = (mask & HEAP_XMAX_IS_MULTI != 0).then_some(None);
                transam::row_wait(xmax, multi, relid, tid, oper)?;
                *g = Some(pin.lock_exclusive_static()?);
                // If someone else changed the xmax meanwhile, look again
                // from the start; otherwise the wait settled the matter.
                continue;
            }
            TmResult::Ok => {
                if let Some(snap) = crosscheck {
                    let mut s = snap.clone();
                    let mut h = 0;
                    if !heap_tuple_satisfies_visibility(&tup, &mut s, lsn, &mut h)? {
                        return Ok(Checked { result: TmResult::Updated, failure: failure_data(&tup) });
                    }
                }
                return Ok(Checked { result, failure: TmFailureData::default() });
            }
            _ => return Ok(Checked { result, failure: failure_data(&tup) }),
        }
    }
}

/// Whether a lock-only xmax names a running transaction other than ours.
fn other_lockers_running(mask: u16, xmax: TransactionId) -> PgResult<bool> {
    if mask & HEAP_XMAX_IS_MULTI == 0 {
        return Ok(!transam::is_current(xmax) && transam::is_in_progress(xmax)?);
    }
    for m in transam::multixact_members(xmax) {
        if !transam::is_current(m.xid) && transam::is_in_progress(m.xid)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `heap_delete`: marks the row at `tid` deleted by command `cid` of the
/// current transaction. `crosscheck`: a snapshot that must also see the
/// row (REPEATABLE READ's check), else [`TmResult::Updated`]. Without
/// `wait`, a row being changed gives [`TmResult::BeingModified`].
pub fn heap_delete(
    rel: &StorageRel,
    tid: ItemPointer,
    cid: CommandId,
    crosscheck: Option<&Snapshot>,
    wait: bool,
) -> PgResult<(TmResult, TmFailureData)> {
    let xid = transam::current_transaction_id()?;
    let pin = read_main(rel, tid.block)?;
    let mut g = Some(pin.lock_exclusive_static()?);
    let checked = check_for_change(rel.relid, XltwOper::Delete, &pin, &mut g, tid, cid, crosscheck, wait, "delete")?;
    if checked.result != TmResult::Ok {
        return Ok((checked.result, checked.failure));
    }
    let mut g = g.expect("locked");
    let blk = tid.block;
    let _crit = pg_error::crit::start_crit_section();
    let (new_cid, combo) = heap_tuple_header_adjust_cmax(g.get_item(tid.offset), cid)?;
    let t = g.get_item_mut(tid.offset);
    let mut mask = t.infomask() & !HEAP_XMAX_BITS;
    if combo {
        mask |= HEAP_COMBOCID;
    }
    t.set_infomask(mask);
    t.set_infomask2((t.infomask2() & !HEAP_HOT_UPDATED) | HEAP_KEYS_UPDATED);
    t.set_xmax(xid);
    t.set_raw_cid(new_cid);
    t.set_ctid(tid);
    let infobits = compute_infobits(t.infomask(), t.infomask2());
    g.set_prunable(xid);
    g.clear_all_visible();
    g.mark_dirty();
    if relation_needs_wal(rel) {
        let main = XlHeapDelete { xmax: xid, offnum: tid.offset, infobits_set: infobits, flags: 0 }.encode();
        let mut b = XLogRecordBuilder::new();
        b.set_xid(xid);
        b.register_data(&main);
        b.register_buffer(0, rel.rnode, ForkNumber::Main, blk, g.bytes(), REGBUF_STANDARD);
        let lsn = log_record(b, RmgrId::HEAP, XLOG_HEAP_DELETE)?;
        g.set_lsn(lsn);
    }
    Ok((TmResult::Ok, TmFailureData::default()))
}

/// `heap_update`: replaces the row at `otid` with `newtup` (formed and
/// toasted by the caller) for command `cid`. The new version goes on the
/// same page when it fits, as a heap-only tuple (HOT: there are no
/// indexes whose entries would need it elsewhere), else on a later page.
/// Returns the outcome, what a failure found, and whether it was HOT;
/// `newtup.t_self` is the new version's address.
pub fn heap_update(
    rel: &StorageRel,
    otid: ItemPointer,
    newtup: &mut HeapTuple,
    cid: CommandId,
    crosscheck: Option<&Snapshot>,
    wait: bool,
) -> PgResult<(TmResult, TmFailureData, bool)> {
    if newtup.len() > MAX_HEAP_TUPLE_SIZE {
        return Err(row_too_big(newtup.len()));
    }
    let xid = transam::current_transaction_id()?;
    let pin = read_main(rel, otid.block)?;
    let mut g = Some(pin.lock_exclusive_static()?);
    let checked = check_for_change(rel.relid, XltwOper::Update, &pin, &mut g, otid, cid, crosscheck, wait, "update")?;
    if checked.result != TmResult::Ok {
        return Ok((checked.result, checked.failure, false));
    }
    let mut old = g.expect("locked");
    prepare_insert(newtup, xid, cid, true);
    newtup.table_oid = rel.relid;
    let fits_here = old.heap_free_space() >= maxalign(newtup.len());
    let mut other: Option<(PageWriteGuard<'static>, bool)> = None;
    if !fits_here {
        other = Some(get_buffer_for_tuple(rel, newtup.len(), Some(otid.block))?);
    }
    let hot = other.is_none();
    if !hot {
        // A hint that the page is worth pruning (`PageSetFull`).
        old.set_full();
    }
    if hot {
        let m2 = newtup.header().infomask2();
        newtup.header_mut().set_infomask2(m2 | HEAP_ONLY_TUPLE);
    }
    let _crit = pg_error::crit::start_crit_section();
    // The new version first, so the old one can point at it.
    let (new_blk, new_off, new_init) = match other.as_mut() {
        Some((ng, init)) => {
            let b = ng.block();
            (b, put_tuple(ng, b, newtup)?, *init)
        }
        None => (otid.block, put_tuple(&mut old, otid.block, newtup)?, false),
    };
    let new_tid = ItemPointer::new(new_blk, new_off);
    let (new_cid, combo) = heap_tuple_header_adjust_cmax(old.get_item(otid.offset), cid)?;
    let t = old.get_item_mut(otid.offset);
    let mut mask = t.infomask() & !HEAP_XMAX_BITS;
    if combo {
        mask |= HEAP_COMBOCID;
    }
    t.set_infomask(mask);
    let mut mask2 = t.infomask2() & !(HEAP_HOT_UPDATED | HEAP_KEYS_UPDATED);
    if hot {
        mask2 |= HEAP_HOT_UPDATED;
    }
    t.set_infomask2(mask2);
    t.set_xmax(xid);
    t.set_raw_cid(new_cid);
    t.set_ctid(new_tid);
    let infobits = compute_infobits(t.infomask(), t.infomask2());
    old.set_prunable(xid);
    old.clear_all_visible();
    old.mark_dirty();
    if let Some((ng, _)) = other.as_mut() {
        ng.mark_dirty();
    }
    if relation_needs_wal(rel) {
        let rec = XlHeapUpdate {
            old_xmax: xid,
            old_offnum: otid.offset,
            old_infobits_set: infobits,
            flags: 0,
            new_xmax: 0,
            new_offnum: new_off,
        };
        let mut data = Vec::with_capacity(newtup.len());
        encode_tuple(&newtup.data, &mut data);
        let main = rec.encode();
        let mut b = XLogRecordBuilder::new();
        b.set_xid(xid);
        b.register_data(&main);
        let info = match &other {
            Some((ng, init)) => {
                let flags = if *init { REGBUF_STANDARD | REGBUF_WILL_INIT } else { REGBUF_STANDARD };
                b.register_buffer(0, rel.rnode, ForkNumber::Main, new_blk, ng.bytes(), flags);
                b.register_buffer(1, rel.rnode, ForkNumber::Main, otid.block, old.bytes(), REGBUF_STANDARD);
                XLOG_HEAP_UPDATE | if new_init { XLOG_HEAP_INIT_PAGE } else { 0 }
            }
            None => {
                b.register_buffer(0, rel.rnode, ForkNumber::Main, otid.block, old.bytes(), REGBUF_STANDARD);
                XLOG_HEAP_HOT_UPDATE
            }
        };
        b.register_buf_data(0, &data);
        let lsn = log_record(b, RmgrId::HEAP, info)?;
        old.set_lsn(lsn);
        if let Some((ng, _)) = other.as_mut() {
            ng.set_lsn(lsn);
        }
    }
    Ok((TmResult::Ok, TmFailureData::default(), hot))
}

/// `heap_lock_tuple`: locks the row at `tid` in `mode` for the current
/// transaction (SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY
/// SHARE). A conflicting lock or change by a running transaction is waited
/// for, skipped or reported as the policy says. Compatible locks of several
/// transactions are kept together in a multixact (lock-only members).
pub fn heap_lock_tuple(
    rel: &StorageRel,
    tid: ItemPointer,
    cid: CommandId,
    mode: LockTupleMode,
    policy: LockWaitPolicy,
) -> PgResult<(TmResult, TmFailureData)> {
    let xid = transam::current_transaction_id()?;
    let pin = read_main(rel, tid.block)?;
    let mut g = pin.lock_exclusive_static()?;
    let wanted = mode.status();
    // The new xmax: a plain xid with `mode`, or a multixact.
    let (new_xmax, multi) = loop {
        if !normal_tuple(&g, tid) {
            return Ok((TmResult::Invisible, TmFailureData::default()));
        }
        let lsn = g.lsn();
        let mut hints = 0;
        let result = heap_tuple_satisfies_update(g.get_item(tid.offset), tid, cid, lsn, &mut hints)?;
        apply_hints_locked(&mut g, tid.offset, hints);
        let tup = g.get_item(tid.offset).to_vec();
        let (mask, mask2, xmax) = (tup.infomask(), tup.infomask2(), tup.xmax());
        let is_multi = mask & HEAP_XMAX_IS_MULTI != 0;
        match result {
            TmResult::Invisible | TmResult::SelfModified | TmResult::Updated | TmResult::Deleted => {
                return Ok((result, failure_data(&tup)));
            }
            TmResult::Ok | TmResult::WouldBlock => {
                // Free, or locked by us alone (a tuple we inserted).
                if mask & HEAP_XMAX_INVALID == 0 && !is_multi && transam::is_current(xmax) && xmax_is_locked_only(mask)
                {
                    let held = LockTupleMode::held(mask, mask2);
                    if held >= mode {
                        return Ok((TmResult::Ok, TmFailureData::default()));
                    }
                }
                break (xid, false);
            }
            TmResult::BeingModified if xmax_is_locked_only(mask) => {
                // Lockers: join them if no running one conflicts.
                let members = if is_multi {
                    transam::multixact_members(xmax)
                } else {
                    vec![MultiXactMember { xid: xmax, status: LockTupleMode::held(mask, mask2).status() }]
                };
                let mut others = Vec::new();
                let mut mine: Option<MultiXactStatus> = None;
                for m in &members {
                    if transam::is_current(m.xid) {
                        mine = mine.max(Some(m.status));
                    } else if transam::is_in_progress(m.xid)? {
                        others.push(*m);
                    }
                }
                if !others.iter().any(|m| m.status.conflicts_with(wanted)) {
                    if mine.is_some_and(|h| h >= wanted) {
                        return Ok((TmResult::Ok, TmFailureData::default()));
                    }
                    if others.is_empty() {
                        break (xid, false);
                    }
                    others.push(MultiXactMember { xid, status: wanted });
                    break (transam::multixact_create(&others)?, true);
                }
            }
            TmResult::BeingModified => {}
        }
        // A running transaction holds a conflicting lock or is changing
        // the row.
        match policy {
            LockWaitPolicy::Block => {
                drop(g);
                transam::row_wait(xmax, is_multi.then_some(Some(wanted)), rel.relid, tid, XltwOper::Lock)?;
                g = pin.lock_exclusive_static()?;
            }
            LockWaitPolicy::Skip | LockWaitPolicy::Error => return Ok((TmResult::WouldBlock, failure_data(&tup))),
        }
    };
    // The lock bits: those of the strongest member.
    let strongest = if multi {
        transam::multixact_members(new_xmax).iter().map(|m| LockTupleMode::from_status(m.status)).max().unwrap_or(mode)
    } else {
        mode
    };
    let _crit = pg_error::crit::start_crit_section();
    let (new_cid, combo) = heap_tuple_header_adjust_cmax(g.get_item(tid.offset), cid)?;
    let t = g.get_item_mut(tid.offset);
    let mut mask = (t.infomask() & !HEAP_XMAX_BITS) | HEAP_XMAX_LOCK_ONLY | strongest.infomask_bits();
    if multi {
        mask |= HEAP_XMAX_IS_MULTI;
    }
    if combo {
        mask |= HEAP_COMBOCID;
    }
    t.set_infomask(mask);
    let mut mask2 = t.infomask2() & !HEAP_KEYS_UPDATED;
    if strongest == LockTupleMode::Exclusive {
        mask2 |= HEAP_KEYS_UPDATED;
    }
    t.set_infomask2(mask2);
    t.set_xmax(new_xmax);
    t.set_raw_cid(new_cid);
    let infobits = compute_infobits(t.infomask(), t.infomask2());
    g.mark_dirty();
    if relation_needs_wal(rel) {
        let main = XlHeapLock { locking_xid: new_xmax, offnum: tid.offset, infobits_set: infobits, flags: 0 }.encode();
        let mut b = XLogRecordBuilder::new();
        b.set_xid(xid);
        b.register_data(&main);
        b.register_buffer(0, rel.rnode, ForkNumber::Main, tid.block, g.bytes(), REGBUF_STANDARD);
        let lsn = log_record(b, RmgrId::HEAP, XLOG_HEAP_LOCK)?;
        g.set_lsn(lsn);
    }
    Ok((TmResult::Ok, TmFailureData::default()))
}

/// `heap_inplace_update`: overwrites the row `tup.t_self` with `tup`'s
/// data, same length, without a new version (pg_class statistics, as
/// PostgreSQL does for VACUUM and ANALYZE).
pub fn heap_inplace_update(rel: &StorageRel, tup: &HeapTuple) -> PgResult<()> {
    let tid = tup.t_self;
    let pin = read_main(rel, tid.block)?;
    let mut g = pin.lock_exclusive_static()?;
    if !normal_tuple(&g, tid) || g.get_item(tid.offset).len() != tup.len() {
        return Err(PgError::internal("wrong tuple length"));
    }
    let _crit = pg_error::crit::start_crit_section();
    let data = &tup.data[SIZEOF_HEAP_TUPLE_HEADER..];
    g.get_item_mut(tid.offset)[SIZEOF_HEAP_TUPLE_HEADER..].copy_from_slice(data);
    g.mark_dirty();
    if relation_needs_wal(rel) {
        let main = tid.offset.to_le_bytes();
        let mut b = XLogRecordBuilder::new();
        b.register_data(&main);
        b.register_buffer(0, rel.rnode, ForkNumber::Main, tid.block, g.bytes(), REGBUF_STANDARD);
        b.register_buf_data(0, data);
        let lsn = log_record(b, RmgrId::HEAP, XLOG_HEAP_INPLACE)?;
        g.set_lsn(lsn);
    }
    Ok(())
}

/// `heap_fetch`: a copy of the row at `tid` if `snapshot` sees it.
pub fn heap_fetch(rel: &StorageRel, snapshot: &mut Snapshot, tid: ItemPointer) -> PgResult<Option<HeapTuple>> {
    if tid.block >= relation_get_number_of_blocks(rel)? {
        return Ok(None);
    }
    let pin = read_main(rel, tid.block)?;
    let g = pin.lock_shared();
    if tid.offset < 1 || tid.offset > g.max_offset() || !g.item_id(tid.offset).is_normal() {
        return Ok(None);
    }
    let id = g.item_id(tid.offset);
    let tup = g.get_item(tid.offset);
    let mut hints = 0;
    let visible = heap_tuple_satisfies_visibility(tup, snapshot, g.lsn(), &mut hints)?;
    if hints != 0 {
        g.set_hint_bits(id.off() + INFOMASK_OFFSET, hints);
    }
    if !visible {
        return Ok(None);
    }
    Ok(Some(HeapTuple { t_self: tid, table_oid: rel.relid, data: tup.to_vec() }))
}

/// Where `t_infomask` lies within a tuple.
const INFOMASK_OFFSET: usize = 28;

/// `heap_get_latest_tid`: follows the update chain from `tid` to the
/// newest version `snapshot` sees (`tid` itself if none newer is).
pub fn heap_get_latest_tid(rel: &StorageRel, snapshot: &mut Snapshot, tid: ItemPointer) -> PgResult<ItemPointer> {
    let mut ctid = tid;
    let mut result = tid;
    let mut prior_xmax = INVALID_TRANSACTION_ID;
    let nblocks = relation_get_number_of_blocks(rel)?;
    loop {
        pg_error::check_for_interrupts()?;
        if ctid.block >= nblocks {
            break;
        }
        let pin = read_main(rel, ctid.block)?;
        let g = pin.lock_shared();
        if ctid.offset < 1 || ctid.offset > g.max_offset() || !g.item_id(ctid.offset).is_normal() {
            break;
        }
        let tup = g.get_item(ctid.offset);
        if prior_xmax != INVALID_TRANSACTION_ID && tup.xmin() != prior_xmax {
            break; // the chain was broken by pruning
        }
        let mut hints = 0;
        if heap_tuple_satisfies_visibility(tup, snapshot, g.lsn(), &mut hints)? {
            result = ctid;
        }
        let mask = tup.infomask();
        if mask & HEAP_XMAX_INVALID != 0 || xmax_is_locked_only(mask) || tup.ctid() == ctid {
            break;
        }
        prior_xmax = tup.xmax();
        ctid = tup.ctid();
    }
    Ok(result)
}

// ---- sequential scans

/// A sequential scan (`HeapScanDescData`): page at a time, as
/// `heapgetpage` does. Under the page's share lock the scan decides which
/// tuples are visible (all of them on an all-visible page, without a test
/// each) and keeps their offsets (`rs_vistuples`), then copies the page
/// (one copy of 8 kB rather than one per tuple), so that the rows are
/// returned with no lock or pin held: Rust cannot read a shared page that
/// others may change without a lock, where PostgreSQL reads it under the
/// pin alone.
pub struct HeapScanDesc {
    rel: StorageRel,
    snapshot: Snapshot,
    nblocks: BlockNumber,
    next_block: BlockNumber,
    strategy: Option<BufferAccessStrategy>,
    /// The current page's block number.
    block: BlockNumber,
    /// The current page's visible tuples: (offset number, start, end) into `page`.
    tuples: Vec<(OffsetNumber, u16, u16)>,
    /// A copy of the current page, taken under its share lock.
    page: Box<[u8; BLCKSZ]>,
    index: usize,
}

/// A row returned by a scan: its address and bytes (header included).
#[derive(Clone, Copy, Debug)]
pub struct HeapTupleRef<'a> {
    /// Where it lives.
    pub t_self: ItemPointer,
    /// The tuple's bytes.
    pub data: &'a [u8],
}

impl HeapScanDesc {
    /// `heap_beginscan`: a scan of the blocks `rel` has now, with
    /// `snapshot`. Tables larger than a quarter of shared_buffers are read
    /// through a small ring of buffers (`BAS_BULKREAD`) so they do not
    /// evict everything else.
    pub fn begin(rel: &StorageRel, snapshot: Snapshot) -> PgResult<HeapScanDesc> {
        let nblocks = relation_get_number_of_blocks(rel)?;
        let strategy = (!rel.is_local() && nblocks as usize > shared_buffer_count() / 4)
            .then(|| BufferAccessStrategy::new(StrategyKind::BulkRead));
        Ok(HeapScanDesc {
            rel: rel.clone(),
            snapshot,
            nblocks,
            next_block: 0,
            strategy,
            block: 0,
            tuples: Vec::new(),
            page: Box::new([0; BLCKSZ]),
            index: 0,
        })
    }

    /// `heap_rescan`: back to the first block (seeing blocks added since).
    pub fn rescan(&mut self) -> PgResult<()> {
        self.nblocks = relation_get_number_of_blocks(&self.rel)?;
        self.next_block = 0;
        self.tuples.clear();
        self.index = 0;
        Ok(())
    }

    /// `heap_setscanlimits`-like: the scan goes on from block `start`
    /// (before the first `getnext`, or to restart there).
    pub fn set_start_block(&mut self, start: BlockNumber) {
        self.next_block = start.min(self.nblocks);
        self.tuples.clear();
        self.index = 0;
    }

    /// The number of blocks the scan covers.
    pub fn nblocks(&self) -> BlockNumber {
        self.nblocks
    }

    /// The scan's snapshot.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Reads the next block with visible tuples into the page buffer.
    fn next_page(&mut self) -> PgResult<bool> {
        self.tuples.clear();
        self.index = 0;
        while self.next_block < self.nblocks {
            pg_error::check_for_interrupts()?;
            let blk = self.next_block;
            self.next_block += 1;
            let pin = read_buffer(&self.rel, ForkNumber::Main, blk, ReadBufferMode::Normal, self.strategy.as_mut())?;
            super::pruneheap::heap_page_prune_opt(&self.rel, &pin)?;
            let g = pin.lock_shared();
            let page: &Page = &g;
            let lsn = page.lsn();
            let mvcc = self.snapshot.kind == SnapshotKind::Mvcc;
            let all_visible = page.is_all_visible() && mvcc;
            let snapshot_xmin = self.snapshot.xmin;
            for (off, id) in page.line_pointers() {
                if !id.is_normal() {
                    continue;
                }
                let (start, end) = (id.off(), id.off() + id.len());
                let tup = &page.bytes()[start..end];
                let visible = all_visible || (mvcc && hinted_visible_mvcc(tup, snapshot_xmin)) || {
                    let mut hints = 0;
                    let v = heap_tuple_satisfies_visibility(tup, &mut self.snapshot, lsn, &mut hints)?;
                    if hints != 0 {
                        g.set_hint_bits(start + INFOMASK_OFFSET, hints);
                    }
                    v
                };
                if visible {
                    // Line pointers hold 15-bit offsets and lengths.
                    self.tuples.push((off, start as u16, end as u16));
                }
            }
            if !self.tuples.is_empty() {
                self.page.copy_from_slice(page.bytes());
                self.block = blk;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `heap_getnext`: the next visible row, or `None` at the end.
    pub fn getnext(&mut self) -> PgResult<Option<HeapTupleRef<'_>>> {
        if self.index >= self.tuples.len() && !self.next_page()? {
            return Ok(None);
        }
        let (off, s, e) = self.tuples[self.index];
        self.index += 1;
        Ok(Some(HeapTupleRef { t_self: ItemPointer::new(self.block, off), data: &self.page[s as usize..e as usize] }))
    }
}

/// `simple_heap_delete`: deletes a row the caller knows no one else is
/// changing (catalog rows under a lock); anything but success is an error.
pub fn simple_heap_delete(rel: &StorageRel, tid: ItemPointer) -> PgResult<()> {
    let cid = transam::current_command_id(true);
    match heap_delete(rel, tid, cid, None, true)?.0 {
        TmResult::Ok => Ok(()),
        TmResult::SelfModified => Err(PgError::internal("tuple already updated by self")),
        _ => Err(PgError::internal("tuple concurrently updated")),
    }
}

/// `simple_heap_update`: as [`simple_heap_delete`], for an update.
pub fn simple_heap_update(rel: &StorageRel, otid: ItemPointer, tup: &mut HeapTuple) -> PgResult<()> {
    let cid = transam::current_command_id(true);
    match heap_update(rel, otid, tup, cid, None, true)?.0 {
        TmResult::Ok => Ok(()),
        TmResult::SelfModified => Err(PgError::internal("tuple already updated by self")),
        _ => Err(PgError::internal("tuple concurrently updated")),
    }
}

/// `simple_heap_insert`: inserts with the current command id.
pub fn simple_heap_insert(rel: &StorageRel, tup: &mut HeapTuple) -> PgResult<ItemPointer> {
    let cid = transam::current_command_id(true);
    heap_insert(rel, tup, cid, None)
}

/// Extends `PinnedBuffer` with a lock whose guard does not borrow the pin
/// (so it can be dropped and retaken in a loop while the pin stays).
trait LockStatic {
    fn lock_exclusive_static(&self) -> PgResult<PageWriteGuard<'static>>;
}

impl LockStatic for PinnedBuffer {
    fn lock_exclusive_static(&self) -> PgResult<PageWriteGuard<'static>> {
        Ok(self.clone_pin().into_write_guard())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bufmgr::{self, read_buffer_without_relcache};
    use crate::heap::transam::testing::{install, Model};
    use crate::tupdesc::TupleDesc;
    use pg_proc::snapshot::SnapshotKind;
    use pg_types::datum::Datum;
    use pg_types::types::{oid, Oid};
    use pg_wal::record::{assemble_record, decode_record, finish_record, BlockRef};

    const ME: TransactionId = 100;
    const OTHER: TransactionId = 101;

    fn snapshot(curcid: CommandId) -> Snapshot {
        Snapshot {
            kind: SnapshotKind::Mvcc,
            xmin: ME,
            xmax: ME + 1,
            xip: vec![],
            subxip: vec![],
            suboverflowed: false,
            curcid,
        }
    }

    fn scan_all(rel: &StorageRel, desc: &TupleDesc, snap: Snapshot) -> Vec<(ItemPointer, Vec<Datum>)> {
        let mut scan = HeapScanDesc::begin(rel, snap).expect("begin");
        let mut out = Vec::new();
        while let Some(t) = scan.getnext().expect("next") {
            out.push((t.t_self, heap_deform_tuple(t.data, desc).expect("deform")));
        }
        out
    }

    /// One test over a real buffer pool in a private shared segment. The
    /// pool, the data directory and the fsync queue are per process, so the
    /// test re-executes this test binary to run alone in a child process
    /// (other unit tests use the data directory differently).
    #[test]
    fn fillfactor_keeps_the_rest_of_a_page_free() {
        let mut rel = StorageRel {
            relid: 1,
            rnode: RelFileNode { spc: 1663, db: 5, rel: 1 },
            persistence: Persistence::Permanent,
            backend: None,
            fillfactor: 100,
        };
        assert_eq!(target_free_space(&rel, 129), 136);
        rel.fillfactor = 10;
        assert_eq!(target_free_space(&rel, 129), 136 + BLCKSZ * 90 / 100);
        // A large tuple still goes to a nearly empty page.
        let nearly_empty = MAX_HEAP_TUPLE_SIZE - crate::page::MAX_HEAP_TUPLES_PER_PAGE / 8 * SIZE_OF_ITEM_ID;
        assert_eq!(target_free_space(&rel, 4000), nearly_empty);
        assert_eq!(target_free_space(&rel, MAX_HEAP_TUPLE_SIZE), MAX_HEAP_TUPLE_SIZE);
    }

    #[test]
    fn heapam_over_the_buffer_pool() {
        const CHILD: &str = "FERROGRES_HEAPAM_TEST_CHILD";
        if std::env::var_os(CHILD).is_none() {
            let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
                .args([
                    "--exact",
                    "heap::heapam::tests::heapam_over_the_buffer_pool",
                    "--test-threads=1",
                    "--nocapture",
                ])
                .env(CHILD, "1")
                .output()
                .expect("run the child");
            let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && text.contains("1 passed"), "{text}");
            return;
        }
        let dir = std::env::temp_dir().join(format!("ferrogres_heapam_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("base/5")).expect("scratch directory");
        crate::set_data_directory(&dir);
        pg_guc::set_from_command_line("shared_buffers", "64").expect("shared_buffers");
        pg_guc::set_from_command_line("fsync", "off").expect("fsync");
        let size = bufmgr::shmem_size().expect("size")
            + pg_shmem::LWLockWaiters::shmem_size(4).expect("w")
            + pg_proc::multixact::multixact_shmem_size(4).expect("multixact")
            + (1 << 20);
        let _segment = pg_shmem::ShmemSegment::create(size).expect("segment");
        pg_shmem::lwlock_waiters_init(4).expect("waiters");
        pg_shmem::set_my_lwlock_waiter_slot(0).expect("slot");
        bufmgr::shmem_init().expect("buffer pool");
        pg_proc::multixact::multixact_shmem_init(4).expect("multixact");
        install(Model { current: [ME].into(), running: [OTHER].into(), ..Model::default() });

        insert_update_delete(&dir);
        bulk_insert_keeps_its_block_pinned();
        shared_row_locks();
        redo_is_idempotent();
        toast_round_trip();
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn new_rel(relid: Oid) -> StorageRel {
        let rel = StorageRel {
            relid,
            rnode: RelFileNode { spc: 1663, db: 5, rel: relid },
            persistence: Persistence::Permanent,
            backend: None,
            fillfactor: 100,
        };
        rel.smgr().create(ForkNumber::Main, false).expect("create");
        rel
    }

    /// `heap_insert` with a `BulkInsertState`: rows fill pages in order as
    /// without one, the filled block's pin is kept between rows and given
    /// up when the page is full, and a state moved to another relation
    /// drops the first one's block.
    fn bulk_insert_keeps_its_block_pinned() {
        let rel = new_rel(16380);
        let other = new_rel(16381);
        let desc = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::TEXT)]).expect("desc");
        let row = |i: i32| vec![Datum::Int4(i), Datum::Text(format!("bulk {i} {}", "y".repeat(60)))];
        let before = bufmgr::pins_held();
        let mut bi = BulkInsertState::new();
        let mut tids = Vec::new();
        let mut buf = Vec::new();
        for i in 0..400 {
            let mut t = heap_form_tuple_reusing(&desc, &row(i), std::mem::take(&mut buf)).expect("form");
            tids.push(heap_insert(&rel, &mut t, 0, Some(&mut bi)).expect("insert"));
            buf = t.data;
            let held = bi.current.as_ref().expect("the block stays pinned");
            assert_eq!(held.block(), tids[tids.len() - 1].block);
            assert_eq!(bufmgr::pins_held(), before + 1, "one pin, however many rows");
        }
        assert!(tids.windows(2).all(|w| w[0] < w[1]));
        assert!(tids[399].block >= 3, "{:?}", tids[399]);
        let mut t = heap_form_tuple(&desc, &row(-1)).expect("form");
        let tid = heap_insert(&other, &mut t, 0, Some(&mut bi)).expect("insert into another relation");
        assert_eq!(tid.block, 0);
        assert_eq!(bi.current.as_ref().map(|p| p.tag().rnode), Some(other.rnode));
        assert_eq!(bufmgr::pins_held(), before + 1, "the first relation's block was given up");
        bi.release();
        assert_eq!(bufmgr::pins_held(), before);
        let rows = scan_all(&rel, &desc, snapshot(1));
        assert_eq!(rows.len(), 400);
        assert_eq!(rows[123].1, row(123));
        assert_eq!(scan_all(&other, &desc, snapshot(1)).len(), 1);
    }

    fn insert_update_delete(_dir: &std::path::Path) {
        let rel = new_rel(16384);
        let desc = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::TEXT)]).expect("desc");
        let row = |i: i32| vec![Datum::Int4(i), Datum::Text(format!("row {i} {}", "x".repeat(50)))];
        let mut tids = Vec::new();
        for i in 0..500 {
            let mut t = heap_form_tuple(&desc, &row(i)).expect("form");
            tids.push(heap_insert(&rel, &mut t, 0, None).expect("insert"));
        }
        // Inserts fill pages in order, reusing the target block.
        let nblocks = relation_get_number_of_blocks(&rel).expect("nblocks");
        assert!(nblocks > 1 && nblocks < 10, "{nblocks}");
        assert!(tids.windows(2).all(|w| w[0] < w[1]));
        // A command sees what earlier commands inserted, not its own.
        assert_eq!(scan_all(&rel, &desc, snapshot(0)).len(), 0);
        let rows = scan_all(&rel, &desc, snapshot(1));
        assert_eq!(rows.len(), 500);
        assert_eq!(rows[7].1, row(7));
        // Bulk insert.
        let mut many: Vec<HeapTuple> = (500..1000).map(|i| heap_form_tuple(&desc, &row(i)).expect("form")).collect();
        let more = heap_multi_insert(&rel, &mut many, 1).expect("multi insert");
        assert_eq!(more.len(), 500);
        assert_eq!(scan_all(&rel, &desc, snapshot(2)).len(), 1000);
        // Update: a new version, the old one points at it.
        let mut newt = heap_form_tuple(&desc, &[Datum::Int4(-7), Datum::Text("seven".into())]).expect("form");
        let (r, _, _) = heap_update(&rel, tids[7], &mut newt, 2, None, true).expect("update");
        assert_eq!(r, TmResult::Ok);
        let after = scan_all(&rel, &desc, snapshot(3));
        assert_eq!(after.len(), 1000);
        assert!(after.iter().any(|(tid, v)| *tid == newt.t_self && v[0] == Datum::Int4(-7)));
        assert!(!after.iter().any(|(_, v)| v[0] == Datum::Int4(7)));
        // The old version is still what command 2 sees.
        assert!(scan_all(&rel, &desc, snapshot(2)).iter().any(|(_, v)| v[0] == Datum::Int4(7)));
        assert_eq!(heap_get_latest_tid(&rel, &mut snapshot(3), tids[7]).expect("latest"), newt.t_self);
        // Updating the old version again: it was changed by this command.
        let mut again = heap_form_tuple(&desc, &row(8)).expect("form");
        assert_eq!(heap_update(&rel, tids[7], &mut again, 2, None, true).expect("update").0, TmResult::SelfModified);
        // Delete.
        assert_eq!(heap_delete(&rel, tids[9], 3, None, true).expect("delete").0, TmResult::Ok);
        assert_eq!(scan_all(&rel, &desc, snapshot(4)).len(), 999);
        assert!(heap_fetch(&rel, &mut snapshot(4), tids[9]).expect("fetch").is_none());
        assert!(heap_fetch(&rel, &mut snapshot(3), tids[9]).expect("fetch").is_some());
        // Row locks of our own transaction.
        let (r, _) = heap_lock_tuple(&rel, tids[10], 4, LockTupleMode::Share, LockWaitPolicy::Block).expect("lock");
        assert_eq!(r, TmResult::Ok);
        let (r, _) = heap_lock_tuple(&rel, tids[10], 4, LockTupleMode::Exclusive, LockWaitPolicy::Block).expect("lock");
        assert_eq!(r, TmResult::Ok);
        assert_eq!(scan_all(&rel, &desc, snapshot(5)).len(), 999);
        // An update that does not fit its page goes to a later one.
        let big = vec![Datum::Int4(11), Datum::Text("y".repeat(3000))];
        let mut bigt = heap_form_tuple(&desc, &big).expect("form");
        let (r, _, hot) = heap_update(&rel, tids[11], &mut bigt, 5, None, true).expect("update");
        assert_eq!(r, TmResult::Ok);
        assert!(!hot && bigt.t_self.block > tids[11].block);
        // In-place update keeps the address.
        let mut fetched = heap_fetch(&rel, &mut snapshot(6), tids[12]).expect("fetch").expect("visible");
        let mut vals = heap_deform_tuple(&fetched.data, &desc).expect("deform");
        vals[0] = Datum::Int4(-12);
        let replaced = heap_form_tuple(&desc, &vals).expect("form");
        fetched.data[replaced.data.hoff()..].copy_from_slice(&replaced.data[replaced.data.hoff()..]);
        heap_inplace_update(&rel, &fetched).expect("inplace");
        let again = heap_fetch(&rel, &mut snapshot(6), tids[12]).expect("fetch").expect("visible");
        assert_eq!(heap_getattr(&again.data, &desc, 1).expect("attr"), Datum::Int4(-12));
        // A row too big for a page.
        let huge = vec![Datum::Int4(0), Datum::Bytea(vec![1; 9000])];
        let d2 = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::BYTEA)]).expect("desc");
        let mut h = heap_form_tuple(&d2, &huge).expect("form");
        let e = heap_insert(&rel, &mut h, 6, None).expect_err("too big");
        assert_eq!(e.code, SqlState::PROGRAM_LIMIT_EXCEEDED);
        assert!(e.message.starts_with("row is too big: size 90"), "{}", e.message);
    }

    /// Two transactions' FOR SHARE locks on one row make a multixact; a
    /// FOR UPDATE then conflicts with the other's lock.
    fn shared_row_locks() {
        let rel = new_rel(16395);
        let desc = TupleDesc::from_types(&[("a", oid::INT4)]).expect("desc");
        let mut t = heap_form_tuple(&desc, &[Datum::Int4(1)]).expect("form");
        let tid = heap_insert(&rel, &mut t, 0, None).expect("insert");
        {
            // As if OTHER had run SELECT ... FOR SHARE.
            let pin = read_main(&rel, tid.block).expect("read");
            let mut g = pin.lock_exclusive();
            let item = g.get_item_mut(tid.offset);
            let mask = (item.infomask() & !HEAP_XMAX_BITS) | HEAP_XMAX_LOCK_ONLY | HEAP_XMAX_SHR_LOCK;
            item.set_infomask(mask);
            item.set_xmax(OTHER);
        }
        let (r, _) = heap_lock_tuple(&rel, tid, 1, LockTupleMode::Share, LockWaitPolicy::Block).expect("share");
        assert_eq!(r, TmResult::Ok);
        let after = heap_fetch(&rel, &mut snapshot(2), tid).expect("fetch").expect("visible");
        let mask = after.header().infomask();
        assert_eq!(mask & (HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY), HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY);
        let mut members = pg_proc::multixact::get_multixact_id_members(after.header().xmax());
        members.sort_by_key(|m| m.xid);
        assert_eq!(
            members,
            vec![
                MultiXactMember { xid: ME, status: MultiXactStatus::ForShare },
                MultiXactMember { xid: OTHER, status: MultiXactStatus::ForShare }
            ]
        );
        // FOR UPDATE conflicts with OTHER's share lock.
        let (r, _) = heap_lock_tuple(&rel, tid, 2, LockTupleMode::Exclusive, LockWaitPolicy::Skip).expect("update");
        assert_eq!(r, TmResult::WouldBlock);
        // Asking again for what we hold changes nothing.
        let (r, _) = heap_lock_tuple(&rel, tid, 2, LockTupleMode::KeyShare, LockWaitPolicy::Error).expect("key share");
        assert_eq!(r, TmResult::Ok);
        // Our own lock alone never blocks our own update.
        let mut t2 = heap_form_tuple(&desc, &[Datum::Int4(2)]).expect("form");
        let tid2 = heap_insert(&rel, &mut t2, 2, None).expect("insert");
        heap_lock_tuple(&rel, tid2, 3, LockTupleMode::Exclusive, LockWaitPolicy::Block).expect("lock");
        let mut t3 = heap_form_tuple(&desc, &[Datum::Int4(3)]).expect("form");
        assert_eq!(heap_update(&rel, tid2, &mut t3, 3, None, false).expect("update").0, TmResult::Ok);
    }

    fn redo_is_idempotent() {
        let rel = new_rel(16390);
        let desc = TupleDesc::from_types(&[("a", oid::INT4)]).expect("desc");
        let t = heap_form_tuple(&desc, &[Datum::Int4(5)]).expect("form");
        let mut data = Vec::new();
        encode_tuple(&t.data, &mut data);
        let main = XlHeapInsert { offnum: 1, flags: 0 }.encode();
        let blocks = [BlockRef {
            block_id: 0,
            rnode: rel.rnode,
            fork: ForkNumber::Main,
            blkno: 0,
            will_init: true,
            image: None,
            data: &[&data],
        }];
        let mut rec = assemble_record(RmgrId::HEAP.0, XLOG_HEAP_INSERT | XLOG_HEAP_INIT_PAGE, ME, &blocks, &main)
            .expect("assemble");
        finish_record(&mut rec, 0);
        let decoded = decode_record(&rec, 1000, 1000 + rec.len() as u64).expect("decode");
        crate::heap::redo::register_heap_rmgrs();
        let mut pages = Vec::new();
        for _ in 0..2 {
            pg_wal::rmgr::redo_record(&decoded).expect("redo");
            let g = read_buffer_without_relcache(rel.rnode, ForkNumber::Main, 0, ReadBufferMode::Normal)
                .expect("read")
                .into_read_guard();
            assert_eq!(g.lsn(), decoded.end_lsn);
            assert_eq!(g.max_offset(), 1);
            assert_eq!(g.get_item(1).xmin(), ME);
            pages.push(g.bytes().to_vec());
        }
        assert_eq!(pages[0], pages[1]);
        // A delete replayed twice: the second time the page LSN says done.
        let main = XlHeapDelete { xmax: ME + 1, offnum: 1, infobits_set: 0, flags: 0 }.encode();
        let blocks = [BlockRef { will_init: false, data: &[], ..blocks[0].clone() }];
        let mut rec = assemble_record(RmgrId::HEAP.0, XLOG_HEAP_DELETE, ME + 1, &blocks, &main).expect("assemble");
        finish_record(&mut rec, 1000);
        let decoded = decode_record(&rec, 2000, 2000 + rec.len() as u64).expect("decode");
        for _ in 0..2 {
            pg_wal::rmgr::redo_record(&decoded).expect("redo");
            let g = read_buffer_without_relcache(rel.rnode, ForkNumber::Main, 0, ReadBufferMode::Normal)
                .expect("read")
                .into_read_guard();
            assert_eq!((g.get_item(1).xmax(), g.lsn()), (ME + 1, decoded.end_lsn));
        }
        // A prune record that carries the page's image has no block data:
        // redo restores the image and never decodes the offsets.
        let mut image = Page::new_zeroed();
        image.init(0);
        let (main, _) = XlHeapPrune { latest_removed_xid: ME, nowdead: vec![1], ..XlHeapPrune::default() }.encode();
        let blocks = [BlockRef {
            image: Some(pg_wal::record::BlockImage {
                page: image.bytes(),
                hole_offset: 0,
                hole_length: 0,
                apply: true,
            }),
            ..blocks[0].clone()
        }];
        let mut rec = assemble_record(RmgrId::HEAP2.0, XLOG_HEAP2_PRUNE, 0, &blocks, &main).expect("assemble");
        finish_record(&mut rec, 2000);
        let decoded = decode_record(&rec, 3000, 3000 + rec.len() as u64).expect("decode");
        pg_wal::rmgr::redo_record(&decoded).expect("prune redo with an image");
        let g = read_buffer_without_relcache(rel.rnode, ForkNumber::Main, 0, ReadBufferMode::Normal)
            .expect("read")
            .into_read_guard();
        assert_eq!((g.max_offset(), g.lsn()), (0, decoded.end_lsn));
    }

    fn toast_lookup(relid: Oid) -> PgResult<StorageRel> {
        assert_eq!(relid, 16401);
        Ok(StorageRel {
            relid,
            rnode: RelFileNode { spc: 1663, db: 5, rel: relid },
            persistence: Persistence::Permanent,
            backend: None,
            fillfactor: 100,
        })
    }

    /// A 10 MB value goes out of line and comes back; deleting the row's
    /// values empties the toast relation.
    fn toast_round_trip() {
        use crate::toast::heaptoast::{
            heap_toast_delete, heap_toast_insert_or_update, set_toast_relation_lookup, ToastTarget,
        };
        let rel = new_rel(16400);
        let toast = ToastTarget { relid: 16401, storage: new_rel(16401) };
        set_toast_relation_lookup(toast_lookup);
        let desc = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::BYTEA), ("c", oid::TEXT)]).expect("desc");
        let mut x = 0x1234_5678_9abc_def0u64;
        let noise: Vec<u8> = (0..10 << 20)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let text = "compressible text ".repeat(2000);
        let vals = vec![Datum::Int4(1), Datum::Bytea(noise.clone()), Datum::Text(text.clone())];
        let mut t = heap_toast_insert_or_update(&desc, &vals, Some(&toast)).expect("toast");
        assert!(t.len() < crate::toast::heaptoast::TOAST_TUPLE_TARGET, "{}", t.len());
        assert!(t.header().infomask() & HEAP_HASEXTERNAL != 0);
        heap_insert(&rel, &mut t, 7, None).expect("insert");
        let rows = scan_all(&rel, &desc, snapshot(8));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1, vals);
        let chunks = scan_all(&toast.storage, &crate::toast::heaptoast::toast_tupdesc(), snapshot(8)).len();
        assert_eq!(chunks, (10usize << 20).div_ceil(crate::toast::heaptoast::TOAST_MAX_CHUNK_SIZE));
        // Deleting the row's out-of-line values (a later command).
        crate::heap::transam::testing::with(|m| m.command_id.set(9));
        heap_toast_delete(&desc, &t.data, &toast.storage).expect("toast delete");
        assert_eq!(scan_all(&toast.storage, &crate::toast::heaptoast::toast_tupdesc(), snapshot(10)).len(), 0);
        // Several values after it: each is found by the binary search over
        // the toast relation's blocks.
        let rel2 = new_rel(16402);
        let mut rows = Vec::new();
        for i in 0..5u8 {
            let bytes: Vec<u8> = noise.iter().skip(i as usize * 1000).take(30_000).map(|b| b ^ i).collect();
            let vals = vec![Datum::Int4(i as i32), Datum::Bytea(bytes), Datum::Text(format!("{i}"))];
            let mut t = heap_toast_insert_or_update(&desc, &vals, Some(&toast)).expect("toast");
            heap_insert(&rel2, &mut t, 11, None).expect("insert");
            rows.push(vals);
        }
        let back: Vec<Vec<Datum>> = scan_all(&rel2, &desc, snapshot(12)).into_iter().map(|r| r.1).collect();
        assert_eq!(back, rows);
    }
}
