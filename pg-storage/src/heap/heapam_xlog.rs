//! The heap's WAL records and their redo (PostgreSQL's `heapam_xlog.h`,
//! `heapam.c`'s `heap_xlog_*` and `heapdesc.c`).
//!
//! Records keep PostgreSQL's shapes with 64-bit transaction ids. A record
//! carries the new tuple's header fields that redo cannot rebuild
//! (`xl_heap_header`: infomask2, infomask, hoff) and its data after the
//! fixed header; redo takes xmin from the record's `xl_xid`, cmin as
//! `FirstCommandId`, and the ctid from where the tuple lands.
//!
//! The `apply_*` functions change a page as the original operation did;
//! they are what redo runs on the block (after the page-LSN test that makes
//! redo idempotent), and unit tests run them on plain pages.

use super::tuple::*;
use crate::page::{AddItemOptions, ItemId, LpFlags, Page};
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::{TransactionId, FIRST_COMMAND_ID};
use pg_wal::block::BlockNumber;

// Heap (rmgr 10) info codes.
/// `XLOG_HEAP_INSERT`.
pub const XLOG_HEAP_INSERT: u8 = 0x00;
/// `XLOG_HEAP_DELETE`.
pub const XLOG_HEAP_DELETE: u8 = 0x10;
/// `XLOG_HEAP_UPDATE`.
pub const XLOG_HEAP_UPDATE: u8 = 0x20;
/// `XLOG_HEAP_HOT_UPDATE`.
pub const XLOG_HEAP_HOT_UPDATE: u8 = 0x40;
/// `XLOG_HEAP_LOCK`.
pub const XLOG_HEAP_LOCK: u8 = 0x60;
/// `XLOG_HEAP_INPLACE`.
pub const XLOG_HEAP_INPLACE: u8 = 0x70;
/// `XLOG_HEAP_OPMASK`.
pub const XLOG_HEAP_OPMASK: u8 = 0x70;
/// `XLOG_HEAP_INIT_PAGE`: the record's (new) page starts empty.
pub const XLOG_HEAP_INIT_PAGE: u8 = 0x80;

// Heap2 (rmgr 9) info codes.
/// `XLOG_HEAP2_PRUNE`.
pub const XLOG_HEAP2_PRUNE: u8 = 0x10;
/// `XLOG_HEAP2_MULTI_INSERT`.
pub const XLOG_HEAP2_MULTI_INSERT: u8 = 0x50;

// `infobits_set` of delete, update and lock records (`XLHL_*`).
const XLHL_XMAX_IS_MULTI: u8 = 0x01;
const XLHL_XMAX_LOCK_ONLY: u8 = 0x02;
const XLHL_XMAX_EXCL_LOCK: u8 = 0x04;
const XLHL_XMAX_KEYSHR_LOCK: u8 = 0x08;
const XLHL_KEYS_UPDATED: u8 = 0x10;

/// The xmax-related infomask bits a delete, update or lock replaces
/// (`HEAP_XMAX_BITS`).
pub const HEAP_XMAX_BITS: u16 =
    HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID | HEAP_XMAX_IS_MULTI | HEAP_LOCK_MASK | HEAP_XMAX_LOCK_ONLY;

/// `compute_infobits`: the xmax state of a tuple for a record.
pub fn compute_infobits(infomask: u16, infomask2: u16) -> u8 {
    let mut b = 0;
    if infomask & HEAP_XMAX_IS_MULTI != 0 {
        b |= XLHL_XMAX_IS_MULTI;
    }
    if infomask & HEAP_XMAX_LOCK_ONLY != 0 {
        b |= XLHL_XMAX_LOCK_ONLY;
    }
    if infomask & HEAP_XMAX_EXCL_LOCK != 0 {
        b |= XLHL_XMAX_EXCL_LOCK;
    }
    if infomask & HEAP_XMAX_KEYSHR_LOCK != 0 {
        b |= XLHL_XMAX_KEYSHR_LOCK;
    }
    if infomask2 & HEAP_KEYS_UPDATED != 0 {
        b |= XLHL_KEYS_UPDATED;
    }
    b
}

/// `fix_infomask_from_infobits`: puts a record's xmax state on a tuple.
fn fix_infomask_from_infobits(tup: &mut [u8], infobits: u8) {
    let mut mask = tup.infomask() & !HEAP_XMAX_BITS;
    let mut mask2 = tup.infomask2() & !HEAP_KEYS_UPDATED;
    if infobits & XLHL_XMAX_IS_MULTI != 0 {
        mask |= HEAP_XMAX_IS_MULTI;
    }
    if infobits & XLHL_XMAX_LOCK_ONLY != 0 {
        mask |= HEAP_XMAX_LOCK_ONLY;
    }
    if infobits & XLHL_XMAX_EXCL_LOCK != 0 {
        mask |= HEAP_XMAX_EXCL_LOCK;
    }
    if infobits & XLHL_XMAX_KEYSHR_LOCK != 0 {
        mask |= HEAP_XMAX_KEYSHR_LOCK;
    }
    if infobits & XLHL_KEYS_UPDATED != 0 {
        mask2 |= HEAP_KEYS_UPDATED;
    }
    tup.set_infomask(mask);
    tup.set_infomask2(mask2);
}

fn bad_record(what: &str) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, format!("invalid heap WAL record: {what}"))
}

/// A little reader over record bytes.
struct Rd<'a>(&'a [u8]);

impl<'a> Rd<'a> {
    fn take(&mut self, n: usize) -> PgResult<&'a [u8]> {
        if self.0.len() < n {
            return Err(bad_record("truncated"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u8(&mut self) -> PgResult<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> PgResult<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u64(&mut self) -> PgResult<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
}

// ---- the new-tuple payload (xl_heap_header + data)

/// `xl_heap_header` followed by the tuple's bytes after the fixed header
/// (bitmap, padding, data): what insert, update and multi-insert log for
/// a new tuple.
pub fn encode_tuple(tup: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&encode_tuple_header(tup));
    out.extend_from_slice(&tup[SIZEOF_HEAP_TUPLE_HEADER..]);
}

/// The first part of [`encode_tuple`], `xl_heap_header` (infomask2,
/// infomask, hoff): a record may register it and the tuple's bytes after
/// its fixed header as two pieces instead of copying both.
pub fn encode_tuple_header(tup: &[u8]) -> [u8; 5] {
    let [a, b] = tup.infomask2().to_le_bytes();
    let [c, d] = tup.infomask().to_le_bytes();
    [a, b, c, d, tup.hoff() as u8]
}

/// Rebuilds a tuple logged by [`encode_tuple`]: `xmin` from the record,
/// cmin `FirstCommandId`, xmax 0 unless given, ctid `tid`.
fn decode_tuple(b: &[u8], xmin: TransactionId, xmax: TransactionId, tid: ItemPointer) -> PgResult<Vec<u8>> {
    let mut r = Rd(b);
    let infomask2 = r.u16()?;
    let infomask = r.u16()?;
    let hoff = r.u8()?;
    let mut t = vec![0u8; SIZEOF_HEAP_TUPLE_HEADER];
    t.extend_from_slice(r.0);
    if (hoff as usize) < SIZEOF_HEAP_TUPLE_HEADER || hoff as usize > t.len() {
        return Err(bad_record("bad t_hoff"));
    }
    t.set_xmin(xmin);
    t.set_xmax(xmax);
    t.set_raw_cid(FIRST_COMMAND_ID);
    t.set_ctid(tid);
    t.set_infomask2(infomask2);
    t.set_infomask(infomask);
    t[30] = hoff;
    Ok(t)
}

fn put_tuple_at(page: &mut Page, off: u16, tup: &[u8]) -> PgResult<()> {
    if page.max_offset() + 1 < off {
        return Err(bad_record("offset past the end of the line pointer array"));
    }
    page.add_item(tup, AddItemOptions { offset: Some(off), overwrite: true, is_heap: true })
        .ok_or_else(|| PgError::new(SqlState::DATA_CORRUPTED, "failed to add tuple during heap redo"))?;
    Ok(())
}

fn normal_item(page: &mut Page, off: u16) -> PgResult<&mut [u8]> {
    if off == 0 || off > page.max_offset() || !page.item_id(off).is_normal() {
        return Err(bad_record("invalid line pointer"));
    }
    Ok(page.get_item_mut(off))
}

// ---- INSERT

/// `xl_heap_insert`: where the tuple went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XlHeapInsert {
    /// The line pointer.
    pub offnum: u16,
    /// `XLH_INSERT_*` flags (none used yet).
    pub flags: u8,
}

impl XlHeapInsert {
    /// The main data.
    pub fn encode(&self) -> Vec<u8> {
        self.encode_array().to_vec()
    }
    /// The main data, without allocating.
    pub fn encode_array(&self) -> [u8; 3] {
        let [a, b] = self.offnum.to_le_bytes();
        [a, b, self.flags]
    }
    /// Reads the main data.
    pub fn decode(b: &[u8]) -> PgResult<XlHeapInsert> {
        let mut r = Rd(b);
        Ok(XlHeapInsert { offnum: r.u16()?, flags: r.u8()? })
    }
}

/// Redo of an insert on block `blkno`: the tuple from the block data at
/// its offset (the page first initialised when `init`).
pub fn apply_insert(
    page: &mut Page,
    blkno: BlockNumber,
    init: bool,
    rec: &XlHeapInsert,
    xid: TransactionId,
    data: &[u8],
) -> PgResult<()> {
    if init {
        page.init(0);
    }
    let tup = decode_tuple(data, xid, 0, ItemPointer::new(blkno, rec.offnum))?;
    put_tuple_at(page, rec.offnum, &tup)?;
    page.clear_all_visible();
    Ok(())
}

// ---- MULTI_INSERT

/// Encodes `xl_heap_multi_insert` (flags, count, offsets) as main data.
pub fn encode_multi_insert(flags: u8, offsets: &[u16]) -> Vec<u8> {
    let mut v = vec![flags];
    v.extend_from_slice(&(offsets.len() as u16).to_le_bytes());
    for o in offsets {
        v.extend_from_slice(&o.to_le_bytes());
    }
    v
}

/// Appends one tuple of a multi-insert to the block data: its length,
/// then [`encode_tuple`].
pub fn encode_multi_insert_tuple(tup: &[u8], out: &mut Vec<u8>) {
    let mut one = Vec::with_capacity(tup.len());
    encode_tuple(tup, &mut one);
    out.extend_from_slice(&(one.len() as u16).to_le_bytes());
    out.extend_from_slice(&one);
}

/// Redo of a multi-insert.
pub fn apply_multi_insert(
    page: &mut Page,
    blkno: BlockNumber,
    init: bool,
    main: &[u8],
    xid: TransactionId,
    data: &[u8],
) -> PgResult<()> {
    if init {
        page.init(0);
    }
    let mut r = Rd(main);
    let _flags = r.u8()?;
    let n = r.u16()? as usize;
    let mut d = Rd(data);
    for _ in 0..n {
        let off = r.u16()?;
        let len = d.u16()? as usize;
        let tup = decode_tuple(d.take(len)?, xid, 0, ItemPointer::new(blkno, off))?;
        put_tuple_at(page, off, &tup)?;
    }
    page.clear_all_visible();
    Ok(())
}

// ---- DELETE

/// `xl_heap_delete`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XlHeapDelete {
    /// The deleting transaction.
    pub xmax: TransactionId,
    /// The tuple.
    pub offnum: u16,
    /// Its new xmax state ([`compute_infobits`]).
    pub infobits_set: u8,
    /// `XLH_DELETE_*` flags (none used yet).
    pub flags: u8,
}

impl XlHeapDelete {
    /// The main data.
    pub fn encode(&self) -> Vec<u8> {
        let mut v = self.xmax.to_le_bytes().to_vec();
        v.extend_from_slice(&self.offnum.to_le_bytes());
        v.push(self.infobits_set);
        v.push(self.flags);
        v
    }
    /// Reads the main data.
    pub fn decode(b: &[u8]) -> PgResult<XlHeapDelete> {
        let mut r = Rd(b);
        Ok(XlHeapDelete { xmax: r.u64()?, offnum: r.u16()?, infobits_set: r.u8()?, flags: r.u8()? })
    }
}

/// Sets a deleter or updater as xmax of the tuple at `off` (the part of
/// delete, update and lock that redo repeats).
fn set_xmax(page: &mut Page, off: u16, xmax: TransactionId, infobits: u8, clear_hot: bool) -> PgResult<()> {
    let t = normal_item(page, off)?;
    fix_infomask_from_infobits(t, infobits);
    if clear_hot {
        t.set_infomask2(t.infomask2() & !HEAP_HOT_UPDATED);
    }
    t.set_xmax(xmax);
    t.set_raw_cid(FIRST_COMMAND_ID);
    Ok(())
}

/// Redo of a delete on block `blkno`.
pub fn apply_delete(page: &mut Page, blkno: BlockNumber, rec: &XlHeapDelete) -> PgResult<()> {
    set_xmax(page, rec.offnum, rec.xmax, rec.infobits_set, true)?;
    let t = page.get_item_mut(rec.offnum);
    t.set_ctid(ItemPointer::new(blkno, rec.offnum));
    page.set_prunable(rec.xmax);
    page.clear_all_visible();
    Ok(())
}

// ---- UPDATE / HOT_UPDATE

/// `xl_heap_update`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XlHeapUpdate {
    /// The updating transaction (the old version's new xmax).
    pub old_xmax: TransactionId,
    /// The old version.
    pub old_offnum: u16,
    /// The old version's new xmax state.
    pub old_infobits_set: u8,
    /// `XLH_UPDATE_*` flags (none used yet).
    pub flags: u8,
    /// The new version's xmax (0, or a locker carried over).
    pub new_xmax: TransactionId,
    /// The new version.
    pub new_offnum: u16,
}

impl XlHeapUpdate {
    /// The main data.
    pub fn encode(&self) -> Vec<u8> {
        let mut v = self.old_xmax.to_le_bytes().to_vec();
        v.extend_from_slice(&self.old_offnum.to_le_bytes());
        v.push(self.old_infobits_set);
        v.push(self.flags);
        v.extend_from_slice(&self.new_xmax.to_le_bytes());
        v.extend_from_slice(&self.new_offnum.to_le_bytes());
        v
    }
    /// Reads the main data.
    pub fn decode(b: &[u8]) -> PgResult<XlHeapUpdate> {
        let mut r = Rd(b);
        Ok(XlHeapUpdate {
            old_xmax: r.u64()?,
            old_offnum: r.u16()?,
            old_infobits_set: r.u8()?,
            flags: r.u8()?,
            new_xmax: r.u64()?,
            new_offnum: r.u16()?,
        })
    }
}

/// Redo of an update's old side: xmax, and ctid pointing to `new_tid`.
pub fn apply_update_old(page: &mut Page, rec: &XlHeapUpdate, new_tid: ItemPointer, hot: bool) -> PgResult<()> {
    set_xmax(page, rec.old_offnum, rec.old_xmax, rec.old_infobits_set, true)?;
    let t = page.get_item_mut(rec.old_offnum);
    if hot {
        t.set_infomask2(t.infomask2() | HEAP_HOT_UPDATED);
    }
    t.set_ctid(new_tid);
    page.set_prunable(rec.old_xmax);
    page.clear_all_visible();
    Ok(())
}

/// Redo of an update's new side: the new version from the block data.
pub fn apply_update_new(
    page: &mut Page,
    blkno: BlockNumber,
    init: bool,
    rec: &XlHeapUpdate,
    xid: TransactionId,
    data: &[u8],
) -> PgResult<()> {
    if init {
        page.init(0);
    }
    let tup = decode_tuple(data, xid, rec.new_xmax, ItemPointer::new(blkno, rec.new_offnum))?;
    put_tuple_at(page, rec.new_offnum, &tup)?;
    page.clear_all_visible();
    Ok(())
}

// ---- LOCK

/// `xl_heap_lock`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XlHeapLock {
    /// The locking transaction.
    pub locking_xid: TransactionId,
    /// The tuple.
    pub offnum: u16,
    /// The new xmax state.
    pub infobits_set: u8,
    /// Flags (none used yet).
    pub flags: u8,
}

impl XlHeapLock {
    /// The main data.
    pub fn encode(&self) -> Vec<u8> {
        let mut v = self.locking_xid.to_le_bytes().to_vec();
        v.extend_from_slice(&self.offnum.to_le_bytes());
        v.push(self.infobits_set);
        v.push(self.flags);
        v
    }
    /// Reads the main data.
    pub fn decode(b: &[u8]) -> PgResult<XlHeapLock> {
        let mut r = Rd(b);
        Ok(XlHeapLock { locking_xid: r.u64()?, offnum: r.u16()?, infobits_set: r.u8()?, flags: r.u8()? })
    }
}

/// Redo of a row lock.
pub fn apply_lock(page: &mut Page, blkno: BlockNumber, rec: &XlHeapLock) -> PgResult<()> {
    set_xmax(page, rec.offnum, rec.locking_xid, rec.infobits_set, false)?;
    let t = page.get_item_mut(rec.offnum);
    if rec.infobits_set & XLHL_XMAX_LOCK_ONLY != 0 {
        // A lock-only xmax leaves the chain where it is.
        t.set_ctid(ItemPointer::new(blkno, rec.offnum));
    }
    Ok(())
}

// ---- INPLACE

/// Redo of an in-place update: the tuple's data after its header is
/// replaced by the block data (same length).
pub fn apply_inplace(page: &mut Page, offnum: u16, data: &[u8]) -> PgResult<()> {
    let t = normal_item(page, offnum)?;
    if t.len() != SIZEOF_HEAP_TUPLE_HEADER + data.len() {
        return Err(PgError::new(SqlState::DATA_CORRUPTED, "wrong tuple length during heap inplace redo"));
    }
    t[SIZEOF_HEAP_TUPLE_HEADER..].copy_from_slice(data);
    Ok(())
}

// ---- PRUNE

/// `xl_heap_prune` and its block data: which line pointers became
/// redirects, dead, or unused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XlHeapPrune {
    /// The newest xmax among the removed tuples (`latestRemovedXid`).
    pub latest_removed_xid: TransactionId,
    /// (from, to) HOT chain redirects.
    pub redirected: Vec<(u16, u16)>,
    /// Line pointers marked dead.
    pub nowdead: Vec<u16>,
    /// Line pointers freed.
    pub nowunused: Vec<u16>,
}

impl XlHeapPrune {
    /// Main data (xid and counts) and block data (the arrays).
    pub fn encode(&self) -> (Vec<u8>, Vec<u8>) {
        let mut main = self.latest_removed_xid.to_le_bytes().to_vec();
        main.extend_from_slice(&(self.redirected.len() as u16).to_le_bytes());
        main.extend_from_slice(&(self.nowdead.len() as u16).to_le_bytes());
        let mut data = Vec::new();
        for (a, b) in &self.redirected {
            data.extend_from_slice(&a.to_le_bytes());
            data.extend_from_slice(&b.to_le_bytes());
        }
        for o in self.nowdead.iter().chain(&self.nowunused) {
            data.extend_from_slice(&o.to_le_bytes());
        }
        (main, data)
    }
    /// Reads both parts.
    pub fn decode(main: &[u8], data: &[u8]) -> PgResult<XlHeapPrune> {
        let mut r = Rd(main);
        let latest_removed_xid = r.u64()?;
        let nred = r.u16()? as usize;
        let ndead = r.u16()? as usize;
        let mut d = Rd(data);
        let mut p = XlHeapPrune { latest_removed_xid, ..XlHeapPrune::default() };
        for _ in 0..nred {
            p.redirected.push((d.u16()?, d.u16()?));
        }
        for _ in 0..ndead {
            p.nowdead.push(d.u16()?);
        }
        while !d.0.is_empty() {
            p.nowunused.push(d.u16()?);
        }
        Ok(p)
    }
}

/// `heap_page_prune_execute`: applies a prune's decisions to the page and
/// compacts it. Runs the same in the original operation and in redo.
pub fn apply_prune(page: &mut Page, p: &XlHeapPrune) -> PgResult<()> {
    let max = page.max_offset();
    let check = |o: u16| if o == 0 || o > max { Err(bad_record("prune offset out of range")) } else { Ok(()) };
    for &(from, to) in &p.redirected {
        check(from)?;
        check(to)?;
        page.set_item_redirect(from, to);
    }
    for &o in &p.nowdead {
        check(o)?;
        page.set_item_id(o, ItemId::new(0, LpFlags::Dead, 0));
    }
    for &o in &p.nowunused {
        check(o)?;
        page.set_item_unused(o);
    }
    page.repair_fragmentation();
    Ok(())
}

/// One line describing a heap or heap2 record (`heap_desc`).
pub fn describe(rmid_is_heap2: bool, info: u8, main: &[u8]) -> String {
    let r = if rmid_is_heap2 {
        match info & XLOG_HEAP_OPMASK {
            XLOG_HEAP2_PRUNE => {
                XlHeapPrune::decode(main, &[]).map(|p| format!("PRUNE latestRemovedXid {}", p.latest_removed_xid))
            }
            XLOG_HEAP2_MULTI_INSERT => {
                let n = main.get(1..3).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
                Ok(format!("MULTI_INSERT ntuples {n}"))
            }
            other => Ok(format!("UNKNOWN heap2 {other:#x}")),
        }
    } else {
        let init = if info & XLOG_HEAP_INIT_PAGE != 0 { "+INIT" } else { "" };
        match info & XLOG_HEAP_OPMASK {
            XLOG_HEAP_INSERT => XlHeapInsert::decode(main).map(|r| format!("INSERT{init} off {}", r.offnum)),
            XLOG_HEAP_DELETE => XlHeapDelete::decode(main).map(|r| format!("DELETE off {} xmax {}", r.offnum, r.xmax)),
            op @ (XLOG_HEAP_UPDATE | XLOG_HEAP_HOT_UPDATE) => XlHeapUpdate::decode(main).map(|r| {
                let name = if op == XLOG_HEAP_HOT_UPDATE { "HOT_UPDATE" } else { "UPDATE" };
                format!(
                    "{name}{init} off {} xmax {} ; new off {} xmax {}",
                    r.old_offnum, r.old_xmax, r.new_offnum, r.new_xmax
                )
            }),
            XLOG_HEAP_LOCK => XlHeapLock::decode(main).map(|r| format!("LOCK off {} xid {}", r.offnum, r.locking_xid)),
            XLOG_HEAP_INPLACE => {
                Ok(format!("INPLACE off {}", main.get(0..2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))))
            }
            other => Ok(format!("UNKNOWN heap {other:#x}")),
        }
    };
    r.unwrap_or_else(|e| e.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tupdesc::TupleDesc;
    use pg_types::datum::Datum;
    use pg_types::types::oid;

    fn new_page() -> Box<Page> {
        let mut p = Page::new_zeroed();
        p.init(0);
        p
    }

    fn row(v: i32, s: &str) -> Vec<u8> {
        let d = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::TEXT)]).expect("desc");
        heap_form_tuple(&d, &[Datum::Int4(v), Datum::Text(s.into())]).expect("form").data
    }

    #[test]
    fn records_round_trip() {
        let u = XlHeapUpdate {
            old_xmax: 1 << 40,
            old_offnum: 3,
            old_infobits_set: 2,
            flags: 0,
            new_xmax: 0,
            new_offnum: 9,
        };
        assert_eq!(XlHeapUpdate::decode(&u.encode()).expect("decode"), u);
        let d = XlHeapDelete { xmax: 77, offnum: 1, infobits_set: XLHL_KEYS_UPDATED, flags: 0 };
        assert_eq!(XlHeapDelete::decode(&d.encode()).expect("decode"), d);
        let p =
            XlHeapPrune { latest_removed_xid: 5, redirected: vec![(1, 3)], nowdead: vec![2], nowunused: vec![4, 5] };
        let (m, b) = p.encode();
        assert_eq!(XlHeapPrune::decode(&m, &b).expect("decode"), p);
        assert!(describe(false, XLOG_HEAP_UPDATE, &u.encode()).starts_with("UPDATE off 3"));
    }

    #[test]
    fn insert_update_delete_replay() {
        let mut page = new_page();
        let mut data = Vec::new();
        encode_tuple(&row(1, "one"), &mut data);
        let ins = XlHeapInsert { offnum: 1, flags: 0 };
        apply_insert(&mut page, 7, true, &ins, 42, &data).expect("insert");
        let t = page.get_item(1);
        assert_eq!((t.xmin(), t.xmax(), t.ctid()), (42, 0, ItemPointer::new(7, 1)));
        assert_eq!(&t[SIZEOF_HEAP_TUPLE_HEADER..], &row(1, "one")[SIZEOF_HEAP_TUPLE_HEADER..]);
        // A HOT update on the same page.
        let upd =
            XlHeapUpdate { old_xmax: 43, old_offnum: 1, old_infobits_set: 0, flags: 0, new_xmax: 0, new_offnum: 2 };
        let mut nd = Vec::new();
        let mut newt = row(2, "two");
        let m2 = newt.infomask2();
        newt.set_infomask2(m2 | HEAP_ONLY_TUPLE);
        encode_tuple(&newt, &mut nd);
        apply_update_new(&mut page, 7, false, &upd, 43, &nd).expect("new");
        apply_update_old(&mut page, &upd, ItemPointer::new(7, 2), true).expect("old");
        let old = page.get_item(1);
        assert_eq!((old.xmax(), old.ctid()), (43, ItemPointer::new(7, 2)));
        assert!(old.is_hot_updated());
        assert!(page.get_item(2).is_heap_only());
        apply_delete(&mut page, 7, &XlHeapDelete { xmax: 44, offnum: 2, infobits_set: XLHL_KEYS_UPDATED, flags: 0 })
            .expect("delete");
        assert_eq!(page.get_item(2).xmax(), 44);
        assert_eq!(page.prune_xid(), 43);
        // Pruning: 1 redirects to 2... here both are dead: 1 unused, 2 dead.
        apply_prune(
            &mut page,
            &XlHeapPrune { latest_removed_xid: 44, redirected: vec![], nowdead: vec![1], nowunused: vec![2] },
        )
        .expect("prune");
        assert!(page.item_id(1).is_dead());
        assert!(!page.item_id(2).is_used());
    }

    #[test]
    fn multi_insert_and_inplace_replay() {
        let mut page = new_page();
        let mut data = Vec::new();
        for i in 0..3 {
            encode_multi_insert_tuple(&row(i, "x"), &mut data);
        }
        apply_multi_insert(&mut page, 0, true, &encode_multi_insert(0, &[1, 2, 3]), 50, &data).expect("multi");
        assert_eq!(page.max_offset(), 3);
        let mut newdata = row(9, "x")[SIZEOF_HEAP_TUPLE_HEADER..].to_vec();
        apply_inplace(&mut page, 2, &newdata).expect("inplace");
        assert_eq!(&page.get_item(2)[SIZEOF_HEAP_TUPLE_HEADER..], &newdata[..]);
        newdata.push(0);
        assert!(apply_inplace(&mut page, 2, &newdata).is_err());
    }
}
