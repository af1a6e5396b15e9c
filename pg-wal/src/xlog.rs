//! WAL buffers in shared memory, insertion into them, and writing and
//! flushing them to the segment files (PostgreSQL's `xlog.c`: XLogCtl,
//! `CopyXLogRecordToWAL`, `AdvanceXLInsertBuffer`, `XLogWrite`,
//! `XLogFlush`, `XLogBackgroundFlush`, `XLogFileInit`).
//!
//! ## Positions
//!
//! An LSN is a byte offset in the WAL stream, page headers included. The
//! stream is cut into 8 kB pages (each starting with a page header; the
//! first page of each 16 MB segment has the long header) and the pages
//! into segment files `pg_wal/TTTTTTTTXXXXXXXXYYYYYYYY`. A record starts
//! at a MAXALIGNed position after a page header and may continue over any
//! number of pages; its end (the LSN returned by an insert) is MAXALIGNed.
//!
//! ## Shared state and locks
//!
//! ```text
//! XLogCtl
//!   WALInsertLock  curr_pos, prev_rec_ptr, redo_rec_ptr (written under it)
//!   inserted_upto  everything below it is copied into the buffers
//!   WALWriteLock   write_upto, flush_upto (written under it)
//!   xlblocks[i]    end LSN of the page buffer i holds (written under
//!                  WALInsertLock when a buffer is (re)initialised)
//! ```
//!
//! The lock order is WALInsertLock before WALWriteLock: an inserter that
//! needs a buffer whose old page is not yet written writes it out itself
//! (taking WALWriteLock while holding the insert lock), and a writer never
//! takes the insert lock, so there is no cycle. PostgreSQL has eight insert
//! locks and reserves space before copying; one lock held during the copy
//! is simpler and, with group commit, enough for now (see the crate doc).
//!
//! A page buffer can be reused only once the page it held is written
//! (`xlblocks[i] <= write_upto`), so a writer may read any page between
//! `write_upto` and `inserted_upto` without a lock: no inserter overwrites
//! it meanwhile. Bytes beyond `inserted_upto` on the last page may be
//! changing while the page is written; they are rewritten later.
//!
//! ## Group commit
//!
//! `xlog_flush(upto)` returns at once when `flush_upto >= upto`. Otherwise
//! it waits for WALWriteLock; the holder, when it gets the lock, looks
//! again (someone may have flushed for it while it waited) and else writes
//! and fsyncs everything inserted so far, not only its own record, so the
//! committers queued behind it find their records already flushed and
//! leave without an fsync of their own.

#![deny(clippy::undocumented_unsafe_blocks)]

use crate::block::{XLogRecPtr, BLCKSZ};
use crate::record::fmt_lsn;
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_guc::vars;
use pg_shmem::{LWLock, ShmemSafe};
use std::cell::RefCell;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;

/// The size of a WAL page (`XLOG_BLCKSZ`).
pub const XLOG_BLCKSZ: usize = BLCKSZ;
/// The size of a WAL segment file (`wal_segment_size`, fixed at 16 MB).
pub const WAL_SEGMENT_SIZE: u64 = 16 * 1024 * 1024;
/// The only timeline the server knows.
pub const TIMELINE: u32 = 1;
/// Our WAL page magic (`XLOG_PAGE_MAGIC`). It differs from PostgreSQL's
/// (0xD110 in 15) on purpose: our records have 64-bit xids, and
/// PostgreSQL's tools must not take our WAL for theirs.
pub const XLOG_PAGE_MAGIC: u16 = 0xF110;

/// The short page header's size, MAXALIGNed (`SizeOfXLogShortPHD`).
pub const SIZE_OF_XLOG_SHORT_PHD: usize = 24;
/// The long page header's size, MAXALIGNed (`SizeOfXLogLongPHD`).
pub const SIZE_OF_XLOG_LONG_PHD: usize = 40;

/// `xlp_info`: the page starts with the rest of a record
/// (`XLP_FIRST_IS_CONTRECORD`).
pub const XLP_FIRST_IS_CONTRECORD: u16 = 0x0001;
/// `xlp_info`: the page has the long header (`XLP_LONG_HEADER`).
pub const XLP_LONG_HEADER: u16 = 0x0002;

/// Rounds up to a multiple of 8 (`MAXALIGN`).
pub const fn maxalign64(n: u64) -> u64 {
    (n + 7) & !7
}

/// The page header size of the page starting at `page_start`.
pub fn page_header_size(page_start: XLogRecPtr) -> usize {
    if page_start.is_multiple_of(WAL_SEGMENT_SIZE) {
        SIZE_OF_XLOG_LONG_PHD
    } else {
        SIZE_OF_XLOG_SHORT_PHD
    }
}

/// The segment holding `lsn` (`XLByteToSeg`).
pub fn segment_of(lsn: XLogRecPtr) -> u64 {
    lsn / WAL_SEGMENT_SIZE
}

/// A segment file's name (`XLogFileName`): timeline, then the segment
/// number split in "xlogid" and segment within it, as PostgreSQL names
/// them.
pub fn segment_file_name(segno: u64) -> String {
    let per_id = 0x1_0000_0000u64 / WAL_SEGMENT_SIZE;
    format!("{:08X}{:08X}{:08X}", TIMELINE, segno / per_id, segno % per_id)
}

/// The segment number of a segment file's name, if it is one.
pub fn parse_segment_file_name(name: &str) -> Option<u64> {
    if name.len() != 24 || !name.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()) {
        return None;
    }
    let per_id = 0x1_0000_0000u64 / WAL_SEGMENT_SIZE;
    let hi = u64::from_str_radix(&name[8..16], 16).ok()?;
    let lo = u64::from_str_radix(&name[16..24], 16).ok()?;
    (lo < per_id).then_some(hi * per_id + lo)
}

/// A WAL page header as stored (`XLogPageHeaderData`, `XLogLongPageHeaderData`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct XLogPageHeader {
    /// `xlp_magic`.
    pub magic: u16,
    /// `xlp_info`.
    pub info: u16,
    /// `xlp_tli`.
    pub tli: u32,
    /// `xlp_pageaddr`: the LSN of the page's start.
    pub pageaddr: XLogRecPtr,
    /// `xlp_rem_len`: bytes of a record continued from the previous page.
    pub rem_len: u32,
    /// `xlp_sysid` (long header only).
    pub sysid: u64,
    /// `xlp_seg_size` (long header only).
    pub seg_size: u32,
    /// `xlp_xlog_blcksz` (long header only).
    pub xlog_blcksz: u32,
}

impl XLogPageHeader {
    /// Writes the header at the start of `page`.
    pub fn write_to(&self, page: &mut [u8]) {
        page[0..2].copy_from_slice(&self.magic.to_le_bytes());
        page[2..4].copy_from_slice(&self.info.to_le_bytes());
        page[4..8].copy_from_slice(&self.tli.to_le_bytes());
        page[8..16].copy_from_slice(&self.pageaddr.to_le_bytes());
        page[16..20].copy_from_slice(&self.rem_len.to_le_bytes());
        page[20..24].fill(0);
        if self.info & XLP_LONG_HEADER != 0 {
            page[24..32].copy_from_slice(&self.sysid.to_le_bytes());
            page[32..36].copy_from_slice(&self.seg_size.to_le_bytes());
            page[36..40].copy_from_slice(&self.xlog_blcksz.to_le_bytes());
        }
    }

    /// Reads the header at the start of `page`.
    pub fn read_from(page: &[u8]) -> XLogPageHeader {
        let u16_at = |o: usize| u16::from_le_bytes([page[o], page[o + 1]]);
        let u32_at = |o: usize| u32::from_le_bytes(page[o..o + 4].try_into().expect("4 bytes"));
        let u64_at = |o: usize| u64::from_le_bytes(page[o..o + 8].try_into().expect("8 bytes"));
        let info = u16_at(2);
        let long = info & XLP_LONG_HEADER != 0;
        XLogPageHeader {
            magic: u16_at(0),
            info,
            tli: u32_at(4),
            pageaddr: u64_at(8),
            rem_len: u32_at(16),
            sysid: if long { u64_at(24) } else { 0 },
            seg_size: if long { u32_at(32) } else { 0 },
            xlog_blcksz: if long { u32_at(36) } else { 0 },
        }
    }

    /// The header a fresh page at `pageaddr` gets.
    pub fn new(pageaddr: XLogRecPtr, rem_len: u32, sysid: u64) -> XLogPageHeader {
        let mut info = if rem_len > 0 { XLP_FIRST_IS_CONTRECORD } else { 0 };
        let long = pageaddr.is_multiple_of(WAL_SEGMENT_SIZE);
        if long {
            info |= XLP_LONG_HEADER;
        }
        XLogPageHeader {
            magic: XLOG_PAGE_MAGIC,
            info,
            tli: TIMELINE,
            pageaddr,
            rem_len,
            sysid: if long { sysid } else { 0 },
            seg_size: if long { WAL_SEGMENT_SIZE as u32 } else { 0 },
            xlog_blcksz: if long { XLOG_BLCKSZ as u32 } else { 0 },
        }
    }
}

// ---------------------------------------------------------------------------
// The data directory.

static DATA_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Sets the data directory whose `pg_wal/` and `global/pg_control` this
/// process uses. The postmaster sets it before it forks; initdb before it
/// bootstraps.
pub fn set_data_directory(dir: &Path) {
    *DATA_DIR.lock().unwrap_or_else(|e| e.into_inner()) = Some(dir.to_path_buf());
}

/// The data directory, if set.
pub fn data_directory() -> Option<PathBuf> {
    DATA_DIR.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// `pg_wal/` of the data directory.
pub fn wal_dir() -> PgResult<PathBuf> {
    data_directory()
        .map(|d| d.join("pg_wal"))
        .ok_or_else(|| PgError::internal("the data directory of the WAL is not set"))
}

// ---------------------------------------------------------------------------
// Shared memory.

/// The WAL's shared state (`XLogCtlData` and `XLogCtlInsert`). Lives in
/// shared memory; zero is "no WAL yet".
#[repr(C)]
pub struct XLogCtl {
    /// WALInsertLock: serialises insertions and the REDO point's choice.
    insert_lock: LWLock,
    // Protected by insert_lock (atomics so that they can be read without it).
    /// Where the next record goes (a page boundary means "after the header
    /// of the page that starts here").
    curr_pos: AtomicU64,
    /// Start of the last record inserted (`PrevBytePos`), the next one's xl_prev.
    prev_rec_ptr: AtomicU64,
    /// The current checkpoint's REDO point (`RedoRecPtr`): a page whose
    /// LSN is at or below it gets a full-page image at its next change.
    redo_rec_ptr: AtomicU64,
    /// Everything below this LSN is copied into the buffers.
    inserted_upto: AtomicU64,

    /// WALWriteLock: one process writes and flushes at a time.
    write_lock: LWLock,
    // Protected by write_lock (written only under it, read without it).
    /// WAL is written to the kernel up to here (`LogwrtResult.Write`).
    write_upto: AtomicU64,
    /// WAL is on disk up to here (`LogwrtResult.Flush`).
    flush_upto: AtomicU64,

    // Free-standing atomics.
    /// The latest asynchronous commit's record end, for the WAL writer
    /// (`asyncXactLSN`).
    async_xact_lsn: AtomicU64,
    /// How many page buffers there are.
    n_buffers: AtomicU64,
    /// 1 once startup has positioned insertion: WAL may be written
    /// (`SharedRecoveryState == RECOVERY_STATE_DONE`).
    insert_allowed: AtomicU32,
    _pad: AtomicU32,
    /// The cluster's system identifier, written into long page headers.
    system_identifier: AtomicU64,
    /// The segment of the last completed checkpoint's REDO point, for the
    /// max_wal_size-triggered checkpoint requests.
    redo_segment: AtomicU64,
    /// Segments completed since startup, for pg_stat_wal-like accounting.
    segments_written: AtomicU64,
    /// Write calls and syncs of WAL files since startup (`pg_stat_wal`'s
    /// wal_write and wal_sync): group commit shows as fewer syncs than
    /// commits.
    writes: AtomicU64,
    syncs: AtomicU64,
}

// SAFETY: repr(C) of LWLocks and atomics; all-zero is a valid "no WAL yet"
// state (locks free, positions invalid, insertion not allowed).
unsafe impl ShmemSafe for XLogCtl {}

static CTL: AtomicPtr<XLogCtl> = AtomicPtr::new(std::ptr::null_mut());
static XLBLOCKS: AtomicPtr<AtomicU64> = AtomicPtr::new(std::ptr::null_mut());
static PAGES: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());

/// How many WAL page buffers `wal_buffers` asks for (`XLOGChooseNumBuffers`
/// and `check_wal_buffers`): -1 is 1/32 of `shared_buffers`, at least 8
/// pages (64 kB) and at most one segment (16 MB); an explicit value below
/// 4 pages becomes 4.
pub fn wal_buffer_count() -> usize {
    let setting = vars::WAL_BUFFERS.get();
    if setting == -1 {
        let per = (vars::SHARED_BUFFERS.get().max(0) as usize) / 32;
        per.clamp(8, WAL_SEGMENT_SIZE as usize / XLOG_BLCKSZ)
    } else {
        (setting.max(4)) as usize
    }
}

/// The shared memory the WAL needs (`XLOGShmemSize`).
pub fn shmem_size() -> PgResult<usize> {
    let n = wal_buffer_count();
    let mut size = pg_shmem::add_size(std::mem::size_of::<XLogCtl>(), 256)?;
    size = pg_shmem::add_size(size, pg_shmem::mul_size(n, 8)?)?;
    size = pg_shmem::add_size(size, pg_shmem::mul_size(n, XLOG_BLCKSZ)?)?;
    pg_shmem::add_size(size, XLOG_BLCKSZ)
}

/// Creates or attaches the WAL's shared state (`XLOGShmemInit`) in the
/// current segment, and reports `wal_buffers` when it was -1.
pub fn shmem_init() -> PgResult<()> {
    let n = wal_buffer_count();
    let insert_tranche = pg_shmem::lwlock_register_tranche("WALInsert");
    let write_tranche = pg_shmem::lwlock_register_tranche("WALWrite");
    let (ctl, _) = pg_shmem::shmem_init_struct_typed::<XLogCtl>("XLOG Ctl", |c| {
        c.insert_lock.init(insert_tranche);
        c.write_lock.init(write_tranche);
        c.n_buffers.store(n as u64, Ordering::Relaxed);
    })?;
    let (blocks, _) = pg_shmem::shmem_init_struct("XLOG Buffer Blocks", n * 8)?;
    let (pages, _) = pg_shmem::shmem_init_struct("WAL Buffers", n * XLOG_BLCKSZ)?;
    CTL.store(ctl as *const XLogCtl as *mut XLogCtl, Ordering::Release);
    crate::xlog_rmgr::register_xlog_rmgr();
    XLBLOCKS.store(blocks.as_ptr() as *mut AtomicU64, Ordering::Release);
    PAGES.store(pages.as_ptr(), Ordering::Release);
    if vars::WAL_BUFFERS.get() == -1 {
        // Shown as PostgreSQL shows the computed value (SHOW wal_buffers: 4MB).
        let _ = pg_guc::set_computed("wal_buffers", &n.to_string());
    }
    Ok(())
}

/// Forgets the shared state (a private segment about to be unmapped:
/// initdb's). The WAL is gone for this process until `shmem_init`.
pub fn shmem_detach() {
    close_open_segment();
    CTL.store(std::ptr::null_mut(), Ordering::Release);
    XLBLOCKS.store(std::ptr::null_mut(), Ordering::Release);
    PAGES.store(std::ptr::null_mut(), Ordering::Release);
}

/// The shared state, if this process has a WAL (unit tests of higher
/// layers may run without one).
pub(crate) fn ctl() -> Option<&'static XLogCtl> {
    let p = CTL.load(Ordering::Acquire);
    // SAFETY: set by shmem_init to a structure in the shared segment that
    // lives as long as the process uses it (a crash-restart re-creates it
    // only in the postmaster, which never inserts, and re-runs shmem_init).
    unsafe { p.as_ref() }
}

fn require_ctl() -> PgResult<&'static XLogCtl> {
    ctl().ok_or_else(|| PgError::internal("WAL shared memory is not initialized"))
}

fn xlblock(i: usize) -> &'static AtomicU64 {
    let base = XLBLOCKS.load(Ordering::Acquire);
    // SAFETY: base points at n_buffers AtomicU64 in shared memory (set with
    // CTL in shmem_init), and every caller passes i < n_buffers.
    unsafe { &*base.add(i) }
}

/// The page buffer `i` (n_buffers of them, XLOG_BLCKSZ each).
fn page_ptr(i: usize) -> *mut u8 {
    let base = PAGES.load(Ordering::Acquire);
    // SAFETY: i < n_buffers; the region is n_buffers * XLOG_BLCKSZ bytes.
    unsafe { base.add(i * XLOG_BLCKSZ) }
}

impl XLogCtl {
    fn n(&self) -> usize {
        self.n_buffers.load(Ordering::Relaxed) as usize
    }

    fn slot_of(&self, page_start: XLogRecPtr) -> usize {
        ((page_start / XLOG_BLCKSZ as u64) % self.n() as u64) as usize
    }
}

// ---------------------------------------------------------------------------
// Positions others read.

/// Where the next record will be inserted (`GetXLogInsertRecPtr`); 0 when
/// this process has no WAL.
pub fn get_insert_rec_ptr() -> XLogRecPtr {
    ctl().map_or(0, |c| c.curr_pos.load(Ordering::Acquire))
}

/// How far the WAL is known to be on disk (`GetFlushRecPtr`).
pub fn get_flush_rec_ptr() -> XLogRecPtr {
    ctl().map_or(0, |c| c.flush_upto.load(Ordering::Acquire))
}

/// How far the WAL is written to the kernel (`GetXLogWriteRecPtr`).
pub fn get_write_rec_ptr() -> XLogRecPtr {
    ctl().map_or(0, |c| c.write_upto.load(Ordering::Acquire))
}

/// The current REDO point (`GetRedoRecPtr`).
pub fn get_redo_rec_ptr() -> XLogRecPtr {
    ctl().map_or(0, |c| c.redo_rec_ptr.load(Ordering::Acquire))
}

/// The start of the last inserted record (the next record's xl_prev).
pub fn get_last_rec_ptr() -> XLogRecPtr {
    ctl().map_or(0, |c| c.prev_rec_ptr.load(Ordering::Acquire))
}

/// WAL write calls and file syncs since the WAL started (`pg_stat_wal`'s
/// `wal_write`, `wal_sync`).
pub fn wal_io_counts() -> (u64, u64) {
    ctl().map_or((0, 0), |c| (c.writes.load(Ordering::Relaxed), c.syncs.load(Ordering::Relaxed)))
}

/// Whether WAL may be written (`!RecoveryInProgress()`): startup has
/// finished, or bootstrap has started the WAL.
pub fn wal_insert_allowed() -> bool {
    ctl().is_some_and(|c| c.insert_allowed.load(Ordering::Acquire) == 1)
}

/// The cluster's system identifier as the WAL knows it.
pub fn system_identifier() -> u64 {
    ctl().map_or(0, |c| c.system_identifier.load(Ordering::Acquire))
}

// ---------------------------------------------------------------------------
// Insertion.

/// Where a record was placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InsertedRecord {
    /// Its start (`ReadRecPtr` when read back).
    pub start: XLogRecPtr,
    /// Its end, MAXALIGNed: the LSN to stamp on changed pages.
    pub end: XLogRecPtr,
}

/// The guard of WALInsertLock, for the few callers that must do something
/// atomically with the insert position (a checkpoint choosing its REDO
/// point). Inserting while holding it is [`InsertLockGuard::insert`].
pub struct InsertLockGuard {
    ctl: &'static XLogCtl,
    _guard: pg_shmem::LWLockExclusiveGuard<'static>,
}

/// Takes WALInsertLock (`WALInsertLockAcquireExclusive`).
pub fn insert_lock() -> PgResult<InsertLockGuard> {
    let ctl = require_ctl()?;
    if ctl.insert_allowed.load(Ordering::Acquire) != 1 {
        return Err(PgError::new(
            SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
            "cannot make new WAL entries during recovery",
        ));
    }
    Ok(InsertLockGuard { ctl, _guard: ctl.insert_lock.acquire_exclusive() })
}

impl InsertLockGuard {
    /// The REDO point as of now (it changes only under this lock).
    pub fn redo_rec_ptr(&self) -> XLogRecPtr {
        self.ctl.redo_rec_ptr.load(Ordering::Acquire)
    }

    /// Where a record inserted now would start: the insert position, past
    /// the page header when it is at a page boundary (a checkpoint's REDO
    /// point).
    pub fn next_record_start(&self) -> XLogRecPtr {
        let pos = self.ctl.curr_pos.load(Ordering::Acquire);
        if pos.is_multiple_of(XLOG_BLCKSZ as u64) {
            pos + page_header_size(pos) as u64
        } else {
            pos
        }
    }

    /// Sets the REDO point (`RedoRecPtr`, by a checkpoint).
    pub fn set_redo_rec_ptr(&self, redo: XLogRecPtr) {
        self.ctl.redo_rec_ptr.store(redo, Ordering::Release);
    }

    /// Copies an assembled record (xl_prev and xl_crc still zero) into the
    /// WAL buffers at the insert position, filling in xl_prev and xl_crc
    /// (`XLogInsertRecord` + `CopyXLogRecordToWAL`).
    pub fn insert(&self, rec: &mut [u8]) -> PgResult<InsertedRecord> {
        let body_crc = crate::record::record_body_crc(rec);
        self.insert_with_body_crc(rec, body_crc)
    }

    /// [`InsertLockGuard::insert`] of a record whose body CRC
    /// (`record::record_body_crc`) was computed before the lock was taken.
    pub fn insert_with_body_crc(&self, rec: &mut [u8], body_crc: u32) -> PgResult<InsertedRecord> {
        let ctl = self.ctl;
        let prev = ctl.prev_rec_ptr.load(Ordering::Acquire);
        crate::record::finish_record_with_body_crc(rec, prev, body_crc);
        let mut pos = ctl.curr_pos.load(Ordering::Acquire);
        if pos.is_multiple_of(XLOG_BLCKSZ as u64) {
            init_page(ctl, pos, 0)?;
            pos += page_header_size(pos) as u64;
        }
        let start = pos;
        let mut rest: &[u8] = rec;
        loop {
            let page_start = pos - pos % XLOG_BLCKSZ as u64;
            let page_end = page_start + XLOG_BLCKSZ as u64;
            let n = rest.len().min((page_end - pos) as usize);
            let slot = ctl.slot_of(page_start);
            // SAFETY: the slot holds the page at page_start (initialised by
            // init_page under the insert lock we hold), and nobody else
            // writes into it: writers only read pages.
            unsafe {
                std::ptr::copy_nonoverlapping(rest.as_ptr(), page_ptr(slot).add((pos - page_start) as usize), n);
            }
            rest = &rest[n..];
            pos += n as u64;
            if rest.is_empty() {
                break;
            }
            init_page(ctl, pos, rest.len() as u32)?;
            pos += page_header_size(pos) as u64;
        }
        // The padding up to MAXALIGN is already zero (init_page zeroed the page).
        let end = maxalign64(pos);
        ctl.prev_rec_ptr.store(start, Ordering::Release);
        ctl.curr_pos.store(end, Ordering::Release);
        ctl.inserted_upto.store(end, Ordering::Release);
        Ok(InsertedRecord { start, end })
    }
}

/// Prepares the buffer for the page starting at `page_start`: writes out
/// the page the buffer still holds if it is not written yet, zeroes it,
/// writes the page header (`AdvanceXLInsertBuffer`). Called under
/// WALInsertLock.
fn init_page(ctl: &XLogCtl, page_start: XLogRecPtr, rem_len: u32) -> PgResult<()> {
    debug_assert_eq!(page_start % XLOG_BLCKSZ as u64, 0);
    let slot = ctl.slot_of(page_start);
    let old_end = xlblock(slot).load(Ordering::Acquire);
    if old_end > ctl.write_upto.load(Ordering::Acquire) {
        // The ring is full: write the old page out (not necessarily flush).
        let _w = ctl.write_lock.acquire_exclusive();
        if old_end > ctl.write_upto.load(Ordering::Acquire) {
            xlog_write(ctl, old_end, false)?;
        }
    }
    // SAFETY: the buffer's old page is written (checked above), so no
    // writer reads it any more, and only the insert lock holder (us)
    // writes into buffers.
    let page = unsafe { std::slice::from_raw_parts_mut(page_ptr(slot), XLOG_BLCKSZ) };
    page.fill(0);
    XLogPageHeader::new(page_start, rem_len, ctl.system_identifier.load(Ordering::Relaxed)).write_to(page);
    xlblock(slot).store(page_start + XLOG_BLCKSZ as u64, Ordering::Release);
    Ok(())
}

/// Inserts an assembled record under WALInsertLock (the common case of
/// [`InsertLockGuard::insert`]).
pub fn insert_record(rec: &mut [u8]) -> PgResult<InsertedRecord> {
    insert_lock()?.insert(rec)
}

// ---------------------------------------------------------------------------
// Segment files.

/// The process's open segment (`openLogFile`, `openLogSegNo`).
struct OpenSegment {
    segno: u64,
    file: File,
}

thread_local! {
    static OPEN_SEGMENT: RefCell<Option<OpenSegment>> = const { RefCell::new(None) };
}

fn io_panic(what: String) -> impl FnOnce(std::io::Error) -> PgError {
    // PostgreSQL PANICs on any failure to write or sync WAL: the server
    // cannot know what reached the disk, so it must restart and replay.
    move |e| PgError::new(SqlState::IO_ERROR, format!("{what}: {e}")).with_severity(Severity::Panic)
}

/// Whether `wal_sync_method` makes every write synchronous (open_sync,
/// open_datasync), so that flushing needs no separate call.
fn sync_method_is_open() -> bool {
    matches!(vars::WAL_SYNC_METHOD.label(), "open_sync" | "open_datasync")
}

fn open_flags() -> i32 {
    if !vars::FSYNC.get() {
        return 0;
    }
    match vars::WAL_SYNC_METHOD.label() {
        "open_sync" => libc::O_SYNC,
        "open_datasync" => libc::O_DSYNC,
        _ => 0,
    }
}

/// Makes the data of `file` durable as `wal_sync_method` says
/// (`issue_xlog_fsync`); nothing when `fsync` is off.
fn sync_file(file: &File, what: &Path) -> PgResult<()> {
    if !vars::FSYNC.get() || sync_method_is_open() {
        return Ok(());
    }
    if let Some(c) = ctl() {
        c.syncs.fetch_add(1, Ordering::Relaxed);
    }
    let r = match vars::WAL_SYNC_METHOD.label() {
        "fsync" => file.sync_all(),
        _ => file.sync_data(),
    };
    r.map_err(io_panic(format!("could not fsync file \"{}\"", what.display())))
}

/// fsyncs a directory so that a file created or renamed in it survives a
/// crash (`fsync_fname(dir, true)`).
pub fn fsync_dir(dir: &Path) -> PgResult<()> {
    if !vars::FSYNC.get() {
        return Ok(());
    }
    let d = File::open(dir).map_err(io_panic(format!("could not open directory \"{}\"", dir.display())))?;
    d.sync_all().map_err(io_panic(format!("could not fsync directory \"{}\"", dir.display())))
}

/// Creates segment `segno` if it does not exist (`XLogFileInit`): a
/// zero-filled temporary file, fsynced, renamed into place, the directory
/// fsynced, so that a crash never leaves a half-sized segment under a real
/// name. An existing file (a recycled one) is used as it is.
pub fn create_segment(segno: u64) -> PgResult<PathBuf> {
    let dir = wal_dir()?;
    let path = dir.join(segment_file_name(segno));
    if path.exists() {
        return Ok(path);
    }
    let tmp = dir.join(format!("xlogtemp.{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(io_panic(format!("could not create file \"{}\"", tmp.display())))?;
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..(WAL_SEGMENT_SIZE as usize / zeros.len()) {
        f.write_all(&zeros).map_err(io_panic(format!("could not write to file \"{}\"", tmp.display())))?;
    }
    if vars::FSYNC.get() {
        f.sync_all().map_err(io_panic(format!("could not fsync file \"{}\"", tmp.display())))?;
    }
    drop(f);
    // Another process may have installed the segment meanwhile (or the
    // checkpointer recycled an old one under this name): never replace it.
    install_segment(&tmp, &path)?;
    let _ = std::fs::remove_file(&tmp);
    fsync_dir(&dir)?;
    Ok(path)
}

/// Gives `from` the name `to` unless `to` exists (`InstallXLogFileSegment`,
/// `durable_rename_excl`): a hard link, then the old name removed. Returns
/// whether it was installed.
pub(crate) fn install_segment(from: &Path, to: &Path) -> PgResult<bool> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            let _ = std::fs::remove_file(from);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io_panic(format!("could not link file \"{}\" to \"{}\"", from.display(), to.display()))(e)),
    }
}

/// Runs `f` on the open file of segment `segno`, opening (and creating)
/// it first; a different open segment is closed.
fn with_segment<R>(segno: u64, f: impl FnOnce(&File, &Path) -> PgResult<R>) -> PgResult<R> {
    OPEN_SEGMENT.with(|cell| {
        let mut open = cell.borrow_mut();
        if open.as_ref().is_some_and(|o| o.segno != segno) {
            *open = None;
        }
        if open.is_none() {
            let path = create_segment(segno)?;
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(open_flags())
                .open(&path)
                .map_err(io_panic(format!("could not open file \"{}\"", path.display())))?;
            *open = Some(OpenSegment { segno, file });
        }
        let o = open.as_ref().expect("opened above");
        let path = wal_dir()?.join(segment_file_name(segno));
        f(&o.file, &path)
    })
}

/// Closes the process's open segment (at exit, or when the files are
/// being recycled under it).
pub fn close_open_segment() {
    OPEN_SEGMENT.with(|cell| *cell.borrow_mut() = None);
}

/// Writes the buffers from `write_upto` up to `target` (and, if `flush`,
/// makes them durable) (`XLogWrite`). Called with WALWriteLock held;
/// `target` must not pass `inserted_upto`.
fn xlog_write(ctl: &XLogCtl, target: XLogRecPtr, flush: bool) -> PgResult<()> {
    let mut pos = ctl.write_upto.load(Ordering::Acquire);
    let mut last_segno = None;
    while pos < target {
        let page_start = pos - pos % XLOG_BLCKSZ as u64;
        let segno = segment_of(page_start);
        let seg_end = (segno + 1) * WAL_SEGMENT_SIZE;
        // Pages to write in one call: contiguous in the ring, within the
        // segment, up to the page holding `target - 1`.
        let slot = ctl.slot_of(page_start);
        let last_page_end = {
            let t = target - 1;
            t - t % XLOG_BLCKSZ as u64 + XLOG_BLCKSZ as u64
        };
        let ring_end = page_start + ((ctl.n() - slot) * XLOG_BLCKSZ) as u64;
        let run_end = last_page_end.min(seg_end).min(ring_end);
        let len = (run_end - page_start) as usize;
        // SAFETY: the pages [page_start, run_end) are in consecutive buffers
        // from `slot` (no wrap: run_end <= ring_end), and none of them can
        // be reused until write_upto passes them, which only we advance.
        let bytes = unsafe { std::slice::from_raw_parts(page_ptr(slot), len) };
        ctl.writes.fetch_add(1, Ordering::Relaxed);
        with_segment(segno, |file, path| {
            file.write_all_at(bytes, page_start % WAL_SEGMENT_SIZE)
                .map_err(io_panic(format!("could not write to log file \"{}\"", path.display())))?;
            // A finished segment is synced at once, as PostgreSQL does, so
            // that a flush later needs to sync only the current one.
            if run_end == seg_end {
                sync_file(file, path)?;
            }
            Ok(())
        })?;
        if run_end == seg_end {
            ctl.segments_written.fetch_add(1, Ordering::Relaxed);
            crate::checkpoint::note_segment_finished(segno);
        }
        last_segno = Some(segno);
        pos = run_end.min(target);
    }
    ctl.write_upto.store(target.max(ctl.write_upto.load(Ordering::Acquire)), Ordering::Release);
    if flush && target > ctl.flush_upto.load(Ordering::Acquire) {
        // Everything up to target is written; a segment finished on the way
        // is already synced, so the only unsynced one holds target - 1.
        if !target.is_multiple_of(WAL_SEGMENT_SIZE) || last_segno.is_none() {
            with_segment(segment_of(target - 1), sync_file)?;
        }
        ctl.flush_upto.store(target, Ordering::Release);
    }
    Ok(())
}

/// Makes the WAL durable up to at least `upto` (`XLogFlush`): returns at
/// once when it already is, else writes and fsyncs everything inserted so
/// far (group commit: see the module doc). A process without a WAL, or one
/// in recovery, has nothing to flush.
pub fn xlog_flush(upto: XLogRecPtr) -> PgResult<()> {
    let Some(ctl) = ctl() else { return Ok(()) };
    if upto <= ctl.flush_upto.load(Ordering::Acquire) || ctl.insert_allowed.load(Ordering::Acquire) != 1 {
        return Ok(());
    }
    let _w = ctl.write_lock.acquire_exclusive();
    if upto <= ctl.flush_upto.load(Ordering::Acquire) {
        // Someone flushed our record while we waited for the lock.
        return Ok(());
    }
    let inserted = ctl.inserted_upto.load(Ordering::Acquire);
    if upto > inserted {
        return Err(PgError::new(
            SqlState::INTERNAL_ERROR,
            format!(
                "xlog flush request {} is not satisfied --- flushed only to {}",
                fmt_lsn(upto),
                fmt_lsn(ctl.flush_upto.load(Ordering::Acquire))
            ),
        ));
    }
    xlog_write(ctl, inserted, true)
}

/// Writes and flushes whatever is inserted but not yet flushed
/// (`XLogBackgroundFlush`, the WAL writer's work): asynchronous commits
/// become durable within `wal_writer_delay`. Returns whether there was
/// anything to do.
pub fn xlog_background_flush() -> PgResult<bool> {
    let Some(ctl) = ctl() else { return Ok(false) };
    if ctl.insert_allowed.load(Ordering::Acquire) != 1 {
        return Ok(false);
    }
    let inserted = ctl.inserted_upto.load(Ordering::Acquire);
    if inserted <= ctl.flush_upto.load(Ordering::Acquire) {
        return Ok(false);
    }
    // Never wait for a busy writer: it is flushing for us anyway.
    let Some(_w) = ctl.write_lock.try_acquire_exclusive() else { return Ok(false) };
    let inserted = ctl.inserted_upto.load(Ordering::Acquire);
    if inserted <= ctl.flush_upto.load(Ordering::Acquire) {
        return Ok(false);
    }
    xlog_write(ctl, inserted, true)?;
    Ok(true)
}

/// Records the end of an asynchronous commit's record
/// (`XLogSetAsyncXactLSN`): the WAL writer flushes it within
/// `wal_writer_delay`.
pub fn xlog_set_async_xact_lsn(lsn: XLogRecPtr) {
    if let Some(ctl) = ctl() {
        ctl.async_xact_lsn.fetch_max(lsn, Ordering::AcqRel);
    }
}

/// Whether an asynchronous commit waits for the WAL writer.
pub fn async_xact_pending() -> bool {
    ctl().is_some_and(|c| c.async_xact_lsn.load(Ordering::Acquire) > c.flush_upto.load(Ordering::Acquire))
}

// ---------------------------------------------------------------------------
// Starting the WAL.

/// Positions insertion after recovery or bootstrap (the end of
/// `StartupXLOG`): the next record goes at `end_of_log` with xl_prev
/// `last_rec`; `last_page` holds the WAL page containing `end_of_log`
/// when it is not at a page boundary (its bytes before `end_of_log` are
/// kept, the rest zeroed). Everything before `end_of_log` counts as
/// written and flushed. WAL insertion is allowed from now on.
pub fn start_insertion(
    end_of_log: XLogRecPtr,
    last_rec: XLogRecPtr,
    redo: XLogRecPtr,
    last_page: Option<&[u8]>,
    system_identifier: u64,
) -> PgResult<()> {
    let ctl = require_ctl()?;
    close_open_segment();
    for i in 0..ctl.n() {
        xlblock(i).store(0, Ordering::Relaxed);
    }
    ctl.system_identifier.store(system_identifier, Ordering::Release);
    let off = (end_of_log % XLOG_BLCKSZ as u64) as usize;
    if off != 0 {
        let page_start = end_of_log - off as u64;
        let slot = ctl.slot_of(page_start);
        // SAFETY: nobody inserts or writes yet (insertion is not allowed),
        // so this process is the only one touching the buffers.
        let page = unsafe { std::slice::from_raw_parts_mut(page_ptr(slot), XLOG_BLCKSZ) };
        page.fill(0);
        match last_page {
            Some(p) => page[..off].copy_from_slice(&p[..off]),
            None => return Err(PgError::internal("the last WAL page is needed to continue mid-page")),
        }
        xlblock(slot).store(page_start + XLOG_BLCKSZ as u64, Ordering::Release);
    }
    ctl.curr_pos.store(end_of_log, Ordering::Release);
    ctl.prev_rec_ptr.store(last_rec, Ordering::Release);
    ctl.inserted_upto.store(end_of_log, Ordering::Release);
    ctl.redo_rec_ptr.store(redo, Ordering::Release);
    ctl.redo_segment.store(segment_of(redo), Ordering::Release);
    // The partial page at end_of_log is on disk already; it is rewritten
    // whole with the next write, so write_upto starts at its beginning.
    ctl.write_upto.store(end_of_log - off as u64, Ordering::Release);
    ctl.flush_upto.store(end_of_log, Ordering::Release);
    ctl.async_xact_lsn.store(0, Ordering::Release);
    ctl.insert_allowed.store(1, Ordering::Release);
    Ok(())
}

/// Forbids WAL insertion again (after the shutdown checkpoint).
pub fn stop_insertion() {
    if let Some(ctl) = ctl() {
        ctl.insert_allowed.store(0, Ordering::Release);
    }
    close_open_segment();
}

/// The REDO point's segment as the checkpoint code last recorded it.
pub(crate) fn redo_segment() -> u64 {
    ctl().map_or(0, |c| c.redo_segment.load(Ordering::Acquire))
}

/// Records the segment of a new checkpoint's REDO point.
pub(crate) fn set_redo_segment(segno: u64) {
    if let Some(c) = ctl() {
        c.redo_segment.store(segno, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_names_are_postgresqls() {
        assert_eq!(segment_file_name(1), "000000010000000000000001");
        assert_eq!(segment_file_name(256), "000000010000000100000000");
        assert_eq!(segment_file_name(0x1234), "000000010000001200000034");
        for segno in [0, 1, 255, 256, 0x1234, 1 << 39] {
            assert_eq!(parse_segment_file_name(&segment_file_name(segno)), Some(segno));
        }
        assert_eq!(parse_segment_file_name("000000010000000000000001.partial"), None);
        assert_eq!(parse_segment_file_name("0000000100000000000001FF"), None);
    }

    #[test]
    fn page_headers_round_trip() {
        let h = XLogPageHeader::new(WAL_SEGMENT_SIZE, 0, 77);
        assert_eq!(h.info, XLP_LONG_HEADER);
        let mut page = [0u8; XLOG_BLCKSZ];
        h.write_to(&mut page);
        assert_eq!(XLogPageHeader::read_from(&page), h);
        let h = XLogPageHeader::new(WAL_SEGMENT_SIZE + 8192, 100, 77);
        assert_eq!(h.info, XLP_FIRST_IS_CONTRECORD);
        h.write_to(&mut page);
        assert_eq!(XLogPageHeader::read_from(&page), h);
        assert_eq!(page_header_size(WAL_SEGMENT_SIZE), SIZE_OF_XLOG_LONG_PHD);
        assert_eq!(page_header_size(WAL_SEGMENT_SIZE + 8192), SIZE_OF_XLOG_SHORT_PHD);
    }
}
