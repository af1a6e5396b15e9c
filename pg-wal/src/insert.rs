//! Building and inserting WAL records (PostgreSQL's `xloginsert.c`:
//! `XLogBeginInsert`, `XLogRegisterData`, `XLogRegisterBuffer`,
//! `XLogRegisterBufData`, `XLogInsert`, `XLogRecordAssemble`).
//!
//! The usual sequence, as in PostgreSQL, with the page locked exclusively:
//!
//! ```text
//! let _crit = pg_error::crit::start_crit_section();
//! ... change the page, mark the buffer dirty ...
//! let mut b = XLogRecordBuilder::new();
//! b.register_buffer(0, rnode, ForkNumber::Main, blkno, &page, REGBUF_STANDARD);
//! b.register_buf_data(0, &tuple_bytes);
//! b.register_data(&xl_heap_insert);
//! let lsn = b.insert(RmgrId::HEAP, XLOG_HEAP_INSERT)?;
//! ... page.set_lsn(lsn) ...
//! ```
//!
//! A registered page whose LSN is at or below the REDO point of the last
//! checkpoint gets a full-page image (when `full_page_writes` is on), so
//! that redo never depends on a page torn by a crash in the middle of its
//! write; with `REGBUF_STANDARD` the unused middle of the page (between
//! `pd_lower` and `pd_upper`) is left out of the image. The decision is
//! made with the REDO point read before the insert lock, then checked
//! again under it: if a checkpoint moved the REDO point meanwhile and a
//! page now needs an image, the record is assembled again
//! (`XLogInsertRecord`'s `doPageWrites` recheck).

use crate::block::{BlockNumber, ForkNumber, RelFileNode, XLogRecPtr, BLCKSZ};
use crate::record::{assemble_into, record_body_crc, BlockImage, BlockRef, XLR_INFO_MASK, XLR_MAX_BLOCK_ID};
use crate::rmgr::RmgrId;
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::TransactionId;
use smallvec::SmallVec;
use std::cell::Cell;
use std::sync::RwLock;

/// Always take a full-page image (`REGBUF_FORCE_IMAGE`).
pub const REGBUF_FORCE_IMAGE: u8 = 0x01;
/// Never take a full-page image (`REGBUF_NO_IMAGE`).
pub const REGBUF_NO_IMAGE: u8 = 0x02;
/// Redo initialises the page from scratch; implies no image
/// (`REGBUF_WILL_INIT`).
pub const REGBUF_WILL_INIT: u8 = 0x04 | REGBUF_NO_IMAGE;
/// The page has the standard layout: its hole may be left out of an image
/// (`REGBUF_STANDARD`).
pub const REGBUF_STANDARD: u8 = 0x08;
/// Keep the block's data even when an image is taken (`REGBUF_KEEP_DATA`).
pub const REGBUF_KEEP_DATA: u8 = 0x10;

/// Offsets of `pd_lower` and `pd_upper` in the page header (see
/// pg-storage's `page`: pd_lsn 8, pd_checksum 2, pd_flags 2, then these).
const PD_LOWER_OFFSET: usize = 12;
const PD_UPPER_OFFSET: usize = 14;
/// `SizeOfPageHeaderData` in our layout.
const SIZE_OF_PAGE_HEADER: usize = 32;

/// The page's LSN (`PageGetLSN`): the first 8 bytes, little-endian.
pub fn page_get_lsn(page: &[u8; BLCKSZ]) -> XLogRecPtr {
    u64::from_le_bytes(page[0..8].try_into().expect("8 bytes"))
}

/// The hole of a standard page, as (offset, length): the free space
/// between `pd_lower` and `pd_upper`, or (0, 0) when the header does not
/// describe a sane one (as PostgreSQL's `XLogRecordAssemble` checks).
pub fn standard_page_hole(page: &[u8; BLCKSZ]) -> (u16, u16) {
    let lower = u16::from_le_bytes([page[PD_LOWER_OFFSET], page[PD_LOWER_OFFSET + 1]]) as usize;
    let upper = u16::from_le_bytes([page[PD_UPPER_OFFSET], page[PD_UPPER_OFFSET + 1]]) as usize;
    if lower >= SIZE_OF_PAGE_HEADER && upper > lower && upper <= BLCKSZ {
        (lower as u16, (upper - lower) as u16)
    } else {
        (0, 0)
    }
}

/// How the `xl_xid` of a record is found: the transaction code registers
/// its `get_current_transaction_id_if_any` here (the WAL layer must not
/// know the transaction state). 0 (invalid) until then.
static XID_HOOK: RwLock<Option<fn() -> TransactionId>> = RwLock::new(None);

/// Registers the function that gives the current top-level transaction
/// id for `xl_xid` (0 when the process has none).
pub fn set_record_xid_hook(hook: fn() -> TransactionId) {
    *XID_HOOK.write().unwrap_or_else(|e| e.into_inner()) = Some(hook);
}

fn current_xid() -> TransactionId {
    let hook = *XID_HOOK.read().unwrap_or_else(|e| e.into_inner());
    hook.map_or(0, |f| f())
}

struct RegisteredBuffer<'a> {
    block_id: u8,
    rnode: RelFileNode,
    fork: ForkNumber,
    blkno: BlockNumber,
    page: &'a [u8; BLCKSZ],
    flags: u8,
    /// The block's data in the pieces registered (not copied).
    data: SmallVec<[&'a [u8]; 2]>,
}

/// One WAL record being built (PostgreSQL keeps this state in globals
/// between `XLogBeginInsert` and `XLogInsert`; here it is a value, so two
/// records can never be mixed up). The pages and the registered data are
/// borrowed, not copied, until [`XLogRecordBuilder::insert`] (which
/// consumes the builder) assembles them into this process's record buffer:
/// a record of up to two blocks is built without allocating.
#[derive(Default)]
pub struct XLogRecordBuilder<'a> {
    blocks: SmallVec<[RegisteredBuffer<'a>; 2]>,
    main_data: SmallVec<[&'a [u8]; 2]>,
    xid: Option<TransactionId>,
}

thread_local! {
    /// The buffer records are assembled in, reused from record to record
    /// (taken out while in use, so a nested insert would get a new one).
    static RECORD_BUF: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Record buffers bigger than this (full-page images, big commit records)
/// are not kept for the next record.
const KEEP_RECORD_BUF: usize = 64 * 1024;

impl<'a> XLogRecordBuilder<'a> {
    /// Starts a record (`XLogBeginInsert`).
    pub fn new() -> XLogRecordBuilder<'a> {
        XLogRecordBuilder::default()
    }

    /// Appends to the record's main data (`XLogRegisterData`).
    pub fn register_data(&mut self, data: &'a [u8]) -> &mut Self {
        self.main_data.push(data);
        self
    }

    /// Registers a changed page under `block_id` (`XLogRegisterBuffer`),
    /// with `REGBUF_*` flags. The page is the one as changed, before its
    /// LSN is set to the record's. Registering the same block id twice is
    /// a bug.
    pub fn register_buffer(
        &mut self,
        block_id: u8,
        rnode: RelFileNode,
        fork: ForkNumber,
        blkno: BlockNumber,
        page: &'a [u8; BLCKSZ],
        flags: u8,
    ) -> &mut Self {
        assert!(block_id <= XLR_MAX_BLOCK_ID, "block id {block_id} out of range");
        assert!(self.blocks.iter().all(|b| b.block_id != block_id), "block {block_id} registered twice");
        self.blocks.push(RegisteredBuffer { block_id, rnode, fork, blkno, page, flags, data: SmallVec::new() });
        self
    }

    /// Appends data about a registered block (`XLogRegisterBufData`); it is
    /// left out when the block gets a full-page image, unless
    /// `REGBUF_KEEP_DATA`.
    pub fn register_buf_data(&mut self, block_id: u8, data: &'a [u8]) -> &mut Self {
        let b = self
            .blocks
            .iter_mut()
            .find(|b| b.block_id == block_id)
            .unwrap_or_else(|| panic!("no block with block_id {block_id} registered with WAL insertion"));
        b.data.push(data);
        self
    }

    /// Sets the record's `xl_xid` (otherwise the current transaction's,
    /// through the hook the transaction code registers).
    pub fn set_xid(&mut self, xid: TransactionId) -> &mut Self {
        self.xid = Some(xid);
        self
    }

    /// Assembles the record into `rec` with images for the pages that need
    /// one as of `redo`.
    fn assemble(
        &self,
        rec: &mut Vec<u8>,
        rmid: RmgrId,
        info: u8,
        xid: TransactionId,
        redo: XLogRecPtr,
    ) -> PgResult<()> {
        let full_page_writes = pg_guc::vars::FULL_PAGE_WRITES.get();
        let mut refs: SmallVec<[BlockRef<'_>; 2]> = SmallVec::with_capacity(self.blocks.len());
        for b in &self.blocks {
            let image = needs_image(b, redo, full_page_writes).then(|| {
                let (hole_offset, hole_length) =
                    if b.flags & REGBUF_STANDARD != 0 { standard_page_hole(b.page) } else { (0, 0) };
                BlockImage { page: b.page, hole_offset, hole_length, apply: true }
            });
            let data: &[&[u8]] = if image.is_some() && b.flags & REGBUF_KEEP_DATA == 0 { &[] } else { &b.data };
            refs.push(BlockRef {
                block_id: b.block_id,
                rnode: b.rnode,
                fork: b.fork,
                blkno: b.blkno,
                will_init: b.flags & REGBUF_WILL_INIT == REGBUF_WILL_INIT,
                image,
                data,
            });
        }
        if !refs.is_sorted_by_key(|b| b.block_id) {
            refs.sort_by_key(|b| b.block_id);
        }
        assemble_into(rec, rmid.0, info, xid, &refs, &self.main_data)
            .map_err(|m| PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, m))
    }

    /// Inserts the record (`XLogInsert`) and returns its end: the LSN to
    /// set on every registered page. `info`'s low 4 bits are reserved
    /// (only `XLR_SPECIAL_REL_UPDATE` may be passed). The record is in the
    /// WAL buffers, not yet on disk: call [`crate::xlog::xlog_flush`] with
    /// the result to make it durable. In a process without a WAL (unit
    /// tests of higher layers) nothing is logged and the result is 0.
    pub fn insert(self, rmid: RmgrId, info: u8) -> PgResult<XLogRecPtr> {
        if info & XLR_INFO_MASK & !crate::record::XLR_SPECIAL_REL_UPDATE != 0 {
            return Err(PgError::internal(format!("invalid xlog info mask {:02X}", info & XLR_INFO_MASK)));
        }
        if crate::xlog::ctl().is_none() {
            return Ok(0);
        }
        let xid = self.xid.unwrap_or_else(current_xid);
        let mut rec = RECORD_BUF.with(Cell::take);
        let r = self.insert_in(&mut rec, rmid, info, xid);
        if rec.capacity() <= KEEP_RECORD_BUF {
            RECORD_BUF.with(|b| b.set(rec));
        }
        r
    }

    fn insert_in(&self, rec: &mut Vec<u8>, rmid: RmgrId, info: u8, xid: TransactionId) -> PgResult<XLogRecPtr> {
        let mut redo = crate::xlog::get_redo_rec_ptr();
        loop {
            self.assemble(rec, rmid, info, xid, redo)?;
            // The body's CRC before the lock; only the header's is added
            // under it (xl_prev is known only there).
            let body_crc = record_body_crc(rec);
            let guard = crate::xlog::insert_lock()?;
            let now = guard.redo_rec_ptr();
            if now != redo && self.images_differ(redo, now) {
                // A checkpoint started since we assembled: some page now
                // needs an image it was assembled without.
                drop(guard);
                redo = now;
                continue;
            }
            let placed = guard.insert_with_body_crc(rec, body_crc)?;
            return Ok(placed.end);
        }
    }

    fn images_differ(&self, old: XLogRecPtr, new: XLogRecPtr) -> bool {
        let fpw = pg_guc::vars::FULL_PAGE_WRITES.get();
        self.blocks.iter().any(|b| needs_image(b, old, fpw) != needs_image(b, new, fpw))
    }
}

/// Whether a registered page gets a full-page image.
fn needs_image(b: &RegisteredBuffer<'_>, redo: XLogRecPtr, full_page_writes: bool) -> bool {
    if b.flags & REGBUF_FORCE_IMAGE != 0 {
        return true;
    }
    if b.flags & REGBUF_NO_IMAGE != 0 || !full_page_writes {
        return false;
    }
    page_get_lsn(b.page) <= redo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::decode_record;

    fn std_page(lsn: u64, lower: u16, upper: u16) -> Box<[u8; BLCKSZ]> {
        let mut p = Box::new([0xABu8; BLCKSZ]);
        p[0..8].copy_from_slice(&lsn.to_le_bytes());
        p[12..14].copy_from_slice(&lower.to_le_bytes());
        p[14..16].copy_from_slice(&upper.to_le_bytes());
        p
    }

    fn assemble_and_decode(b: &XLogRecordBuilder<'_>, redo: u64) -> crate::record::DecodedRecord {
        let mut rec = Vec::new();
        b.assemble(&mut rec, RmgrId::HEAP, 0x10, 7, redo).expect("fits");
        crate::record::finish_record(&mut rec, 0);
        decode_record(&rec, 8, 8 + rec.len() as u64).expect("valid")
    }

    #[test]
    fn image_only_when_page_lsn_at_or_below_redo() {
        let rnode = RelFileNode { spc: 1663, db: 5, rel: 16384 };
        let old = std_page(100, 40, 8000);
        let new = std_page(500, 40, 8000);
        let mut b = XLogRecordBuilder::new();
        b.register_buffer(0, rnode, ForkNumber::Main, 1, &old, REGBUF_STANDARD);
        b.register_buf_data(0, b"tuple");
        b.register_buffer(1, rnode, ForkNumber::Main, 2, &new, REGBUF_STANDARD);
        b.register_buf_data(1, b"other");
        b.register_data(b"main");
        let d = assemble_and_decode(&b, 200);
        // Block 0 is older than the REDO point: image with hole, data dropped.
        let b0 = d.block(0).expect("block 0");
        assert_eq!((b0.hole_offset, b0.hole_length), (40, 7960));
        assert_eq!(b0.image.as_ref().map(Vec::len), Some(BLCKSZ - 7960));
        assert!(b0.data.is_empty());
        assert_eq!(&b0.restore_image().expect("image")[..40], &old[..40]);
        // Block 1 was changed after it: no image, data kept, same rel.
        let b1 = d.block(1).expect("block 1");
        assert!(b1.image.is_none());
        assert_eq!(b1.data, b"other");
        assert_eq!(b1.rnode, rnode);
        assert_eq!(d.main_data, b"main");
        assert!(b.images_differ(50, 200));
        assert!(!b.images_differ(200, 300));
    }

    #[test]
    fn flags_decide_images() {
        let rnode = RelFileNode { spc: 1663, db: 5, rel: 1 };
        let page = std_page(0, 0, 0); // not a sane standard page: no hole
        for (flags, image, will_init) in [
            (REGBUF_NO_IMAGE, false, false),
            (REGBUF_WILL_INIT, false, true),
            (REGBUF_FORCE_IMAGE, true, false),
            (REGBUF_STANDARD, true, false),
            (REGBUF_STANDARD | REGBUF_KEEP_DATA, true, false),
        ] {
            let mut b = XLogRecordBuilder::new();
            b.register_buffer(3, rnode, ForkNumber::Main, 9, &page, flags);
            b.register_buf_data(3, b"d");
            let d = assemble_and_decode(&b, 10);
            let blk = d.block(3).expect("block");
            assert_eq!(blk.image.is_some(), image, "flags {flags:#x}");
            assert_eq!(blk.will_init, will_init, "flags {flags:#x}");
            assert_eq!(blk.hole_length, 0);
            let keeps = !image || flags & REGBUF_KEEP_DATA != 0;
            assert_eq!(blk.data == b"d", keeps, "flags {flags:#x}");
        }
    }
}
