//! Simple LRU buffering of small status files (PostgreSQL's
//! `access/transam/slru.c`), shared by the commit log ([`crate::clog`]) and
//! pg_subtrans ([`crate::subtrans`]).
//!
//! An SLRU is a directory of segment files (`pg_xact/0000`, `0001`, ...,
//! named by the segment number in upper-case hex, four digits at least and
//! more when the number needs them: 64-bit transaction ids reach segment
//! numbers PostgreSQL's 32-bit ids never do) of [`SLRU_PAGES_PER_SEGMENT`]
//! pages of 8 kB, and a fixed number of page buffers in shared memory.
//!
//! Locking: one LWLock per SLRU (PostgreSQL's `XactSLRULock`,
//! `SubtransSLRULock`) protects the buffer table and the page contents. A
//! reader of a resident page holds it shared; everything that changes a
//! buffer (loading a page, zeroing, setting bits, writing out) holds it
//! exclusively, I/O included. PostgreSQL releases the lock around I/O with
//! per-buffer locks; holding it keeps this simple and is correct, at the
//! price of readers waiting behind a page read (rare: the hot pages are
//! the newest ones, which stay resident).
//!
//! Write-ahead rule: each buffer remembers the newest WAL position whose
//! effect is on the page (`group_lsn`, one per page rather than
//! PostgreSQL's one per group of 32 ids); the WAL is flushed up to it
//! before the page is written (`flush_wal_before_write`).
//!
//! Replacement: an empty buffer if there is one, else the least recently
//! used one that is not the newest page (which is about to be used again).

use crate::block::{XLogRecPtr, BLCKSZ};
use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::{LWLock, LWLockExclusiveGuard};
use std::fs::OpenOptions;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8, Ordering};

/// Pages per segment file (`SLRU_PAGES_PER_SEGMENT`).
pub const SLRU_PAGES_PER_SEGMENT: u64 = 32;

/// A buffer holds no page.
const EMPTY: u8 = 0;
/// A buffer holds a page, clean or dirty.
const VALID: u8 = 1;

/// The shared header of one SLRU.
#[repr(C)]
struct SlruHeader {
    /// The SLRU's control lock (`XactSLRULock` ...).
    control_lock: LWLock,
    // Protected by control_lock (the counters are atomics so that readers
    // holding it shared may bump them).
    num_buffers: AtomicU32,
    cur_lru_count: AtomicU32,
    /// The newest page zeroed (`latest_page_number`), never evicted.
    latest_page: AtomicU64,
}

// SAFETY: repr(C) of an LWLock and atomics; valid when zeroed.
unsafe impl pg_shmem::ShmemSafe for SlruHeader {}

/// One buffer's description. Protected by the control lock.
#[repr(C)]
struct SlruBufferDesc {
    page_number: AtomicU64,
    status: AtomicU8,
    dirty: AtomicU8,
    lru_count: AtomicU32,
    group_lsn: AtomicU64,
}

// SAFETY: repr(C) of atomics; valid when zeroed (an empty buffer).
unsafe impl pg_shmem::ShmemSafe for SlruBufferDesc {}

/// A process's handle on one SLRU: where its shared parts are, and its
/// directory. Copied freely; valid while the segment is mapped.
#[derive(Clone, Copy)]
pub struct SlruCtl {
    header: *const SlruHeader,
    descs: *const SlruBufferDesc,
    pages: *mut u8,
    num_buffers: usize,
    /// Where the segment files are (see [`SlruDir`]).
    dir: SlruDir,
    /// Whether writing a page must first flush the WAL to its group LSN
    /// (the clog; pg_subtrans is not WAL-logged).
    wal_before_write: bool,
}

/// Where an SLRU's files live.
#[derive(Clone, Copy)]
pub enum SlruDir {
    /// A subdirectory of the data directory (`pg_xact`), found when a file
    /// is opened: initdb and the postmaster may learn the data directory
    /// after shared memory is made.
    DataDir(&'static str),
    /// A directory given outright (tests), leaked once per init.
    Fixed(&'static Path),
}

impl SlruDir {
    /// The directory's path now.
    pub fn path(&self) -> PathBuf {
        match self {
            SlruDir::Fixed(p) => p.to_path_buf(),
            SlruDir::DataDir(sub) => crate::xlog::data_directory()
                .unwrap_or_else(|| PathBuf::from(pg_guc::vars::DATA_DIRECTORY.get()))
                .join(sub),
        }
    }

    /// A fixed directory (leaks the path: SLRUs are made once per segment).
    pub fn fixed(dir: &Path) -> SlruDir {
        SlruDir::Fixed(Box::leak(dir.to_path_buf().into_boxed_path()))
    }
}

/// Proof that the caller holds the control lock exclusively.
pub struct SlruExclusive<'a> {
    _guard: LWLockExclusiveGuard<'a>,
}

/// Shared memory for an SLRU of `num_buffers` buffers.
pub fn shmem_size(num_buffers: usize) -> PgResult<usize> {
    let descs = pg_shmem::mul_size(num_buffers, std::mem::size_of::<SlruBufferDesc>())?;
    let pages = pg_shmem::mul_size(num_buffers, BLCKSZ)?;
    pg_shmem::add_size(
        pg_shmem::add_size(std::mem::size_of::<SlruHeader>().next_multiple_of(64), descs.next_multiple_of(64))?,
        pages,
    )
}

impl SlruCtl {
    /// `SimpleLruInit`: creates or attaches to the SLRU called `name` (the
    /// shmem index key and the LWLock tranche name) with its files in `dir`.
    pub fn init(name: &'static str, num_buffers: usize, dir: SlruDir, wal_before_write: bool) -> PgResult<SlruCtl> {
        let size = shmem_size(num_buffers)?;
        let tranche = pg_shmem::lwlock_register_tranche(name);
        let (ptr, _found) = pg_shmem::shmem_init_struct_with(name, size, |p| {
            // SAFETY: fresh zeroed memory of at least the header's size that
            // nobody else sees until this closure returns.
            let h = unsafe { &*(p.as_ptr() as *const SlruHeader) };
            h.control_lock.init(tranche);
            h.num_buffers.store(num_buffers as u32, Ordering::SeqCst);
        })?;
        let base = ptr.as_ptr();
        let descs_off = std::mem::size_of::<SlruHeader>().next_multiple_of(64);
        let pages_off = descs_off + (num_buffers * std::mem::size_of::<SlruBufferDesc>()).next_multiple_of(64);
        Ok(SlruCtl {
            header: base as *const SlruHeader,
            // SAFETY: both offsets lie inside the `size` bytes allocated
            // above (see shmem_size), and are 64-byte aligned.
            descs: unsafe { base.add(descs_off) } as *const SlruBufferDesc,
            // SAFETY: as above.
            pages: unsafe { base.add(pages_off) },
            num_buffers,
            dir,
            wal_before_write,
        })
    }

    fn header(&self) -> &SlruHeader {
        // SAFETY: points into the mapped segment for the process's life.
        unsafe { &*self.header }
    }

    fn desc(&self, slot: usize) -> &SlruBufferDesc {
        assert!(slot < self.num_buffers, "SLRU slot out of range");
        // SAFETY: slot < num_buffers descriptors inside the segment.
        unsafe { &*self.descs.add(slot) }
    }

    /// The directory of the segment files.
    pub fn dir(&self) -> PathBuf {
        self.dir.path()
    }

    /// Takes the control lock exclusively.
    pub fn lock_exclusive(&self) -> SlruExclusive<'_> {
        SlruExclusive { _guard: self.header().control_lock.acquire_exclusive() }
    }

    /// The contents of buffer `slot`, read under the control lock (shared
    /// or exclusive, which the caller's guard proves).
    fn page(&self, slot: usize) -> &[u8] {
        assert!(slot < self.num_buffers, "SLRU slot out of range");
        // SAFETY: the page lies inside the segment; writers hold the
        // control lock exclusively, and the caller holds it (shared or
        // exclusive) for as long as it uses the slice.
        unsafe { std::slice::from_raw_parts(self.pages.add(slot * BLCKSZ), BLCKSZ) }
    }

    /// Mutable contents of buffer `slot`; the exclusive lock is proven by
    /// `_lock`, so no one else reads or writes the page meanwhile.
    #[allow(clippy::mut_from_ref)]
    fn page_mut(&self, _lock: &SlruExclusive<'_>, slot: usize) -> &mut [u8] {
        assert!(slot < self.num_buffers, "SLRU slot out of range");
        // SAFETY: exclusive control lock held (the guard is borrowed for the
        // slice's lifetime), the page lies inside the segment.
        unsafe { std::slice::from_raw_parts_mut(self.pages.add(slot * BLCKSZ), BLCKSZ) }
    }

    fn find_resident(&self, pageno: u64) -> Option<usize> {
        (0..self.num_buffers).find(|&s| {
            let d = self.desc(s);
            d.status.load(Ordering::Acquire) == VALID && d.page_number.load(Ordering::Acquire) == pageno
        })
    }

    fn touch(&self, slot: usize) {
        let n = self.header().cur_lru_count.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        self.desc(slot).lru_count.store(n, Ordering::Relaxed);
    }

    /// Runs `f` on page `pageno`'s contents. A resident page is read under
    /// the shared lock; otherwise the page is loaded under the exclusive
    /// one (`SimpleLruReadPage_ReadOnly`).
    pub fn with_page<R>(&self, pageno: u64, f: impl FnOnce(&[u8]) -> R) -> PgResult<R> {
        {
            let _shared = self.header().control_lock.acquire_shared();
            if let Some(slot) = self.find_resident(pageno) {
                self.touch(slot);
                return Ok(f(self.page(slot)));
            }
        }
        let lock = self.lock_exclusive();
        let slot = self.read_page(&lock, pageno)?;
        Ok(f(self.page(slot)))
    }

    /// `SimpleLruReadPage`: the buffer holding `pageno`, loading it if
    /// needed. A page beyond the end of its file (or in a missing file)
    /// reads as zeros: the status of ids nobody recorded is 0.
    pub fn read_page(&self, lock: &SlruExclusive<'_>, pageno: u64) -> PgResult<usize> {
        if let Some(slot) = self.find_resident(pageno) {
            self.touch(slot);
            return Ok(slot);
        }
        let slot = self.select_victim(lock)?;
        let buf = self.page_mut(lock, slot);
        self.physical_read(pageno, buf)?;
        let d = self.desc(slot);
        d.page_number.store(pageno, Ordering::Release);
        d.status.store(VALID, Ordering::Release);
        d.dirty.store(0, Ordering::Release);
        d.group_lsn.store(0, Ordering::Release);
        self.touch(slot);
        Ok(slot)
    }

    /// `SimpleLruZeroPage`: a buffer for `pageno` filled with zeros,
    /// dirty, and the newest page.
    pub fn zero_page(&self, lock: &SlruExclusive<'_>, pageno: u64) -> PgResult<usize> {
        let slot = match self.find_resident(pageno) {
            Some(s) => s,
            None => self.select_victim(lock)?,
        };
        self.page_mut(lock, slot).fill(0);
        let d = self.desc(slot);
        d.page_number.store(pageno, Ordering::Release);
        d.status.store(VALID, Ordering::Release);
        d.dirty.store(1, Ordering::Release);
        d.group_lsn.store(0, Ordering::Release);
        self.header().latest_page.store(pageno, Ordering::Release);
        self.touch(slot);
        Ok(slot)
    }

    /// Records `pageno` as the newest page (kept out of replacement).
    pub fn set_latest_page(&self, _lock: &SlruExclusive<'_>, pageno: u64) {
        self.header().latest_page.store(pageno, Ordering::Release);
    }

    /// Changes the page in `slot` and marks it dirty; `lsn` (when valid)
    /// is a WAL position that must be flushed before the page is written.
    pub fn modify<R>(
        &self,
        lock: &SlruExclusive<'_>,
        slot: usize,
        lsn: XLogRecPtr,
        f: impl FnOnce(&mut [u8]) -> R,
    ) -> R {
        let r = f(self.page_mut(lock, slot));
        let d = self.desc(slot);
        d.dirty.store(1, Ordering::Release);
        if lsn > d.group_lsn.load(Ordering::Relaxed) {
            d.group_lsn.store(lsn, Ordering::Release);
        }
        r
    }

    /// The newest WAL position recorded on the buffered page `pageno`
    /// (0 when it is not buffered: then it was written, so its WAL was
    /// flushed).
    pub fn page_lsn(&self, pageno: u64) -> XLogRecPtr {
        let _shared = self.header().control_lock.acquire_shared();
        self.find_resident(pageno).map(|s| self.desc(s).group_lsn.load(Ordering::Acquire)).unwrap_or(0)
    }

    fn select_victim(&self, lock: &SlruExclusive<'_>) -> PgResult<usize> {
        if let Some(slot) = (0..self.num_buffers).find(|&s| self.desc(s).status.load(Ordering::Acquire) == EMPTY) {
            return Ok(slot);
        }
        let latest = self.header().latest_page.load(Ordering::Acquire);
        let cur = self.header().cur_lru_count.load(Ordering::Relaxed);
        let victim = (0..self.num_buffers)
            .filter(|&s| self.num_buffers == 1 || self.desc(s).page_number.load(Ordering::Acquire) != latest)
            .max_by_key(|&s| cur.wrapping_sub(self.desc(s).lru_count.load(Ordering::Relaxed)))
            .expect("an SLRU has at least two buffers or one that is the victim");
        self.write_slot(lock, victim)?;
        self.desc(victim).status.store(EMPTY, Ordering::Release);
        Ok(victim)
    }

    /// Writes buffer `slot` out if it is dirty (`SlruInternalWritePage`),
    /// after flushing the WAL up to its group LSN.
    fn write_slot(&self, lock: &SlruExclusive<'_>, slot: usize) -> PgResult<()> {
        let d = self.desc(slot);
        if d.status.load(Ordering::Acquire) != VALID || d.dirty.load(Ordering::Acquire) == 0 {
            return Ok(());
        }
        if self.wal_before_write {
            flush_wal_before_write(d.group_lsn.load(Ordering::Acquire))?;
        }
        let pageno = d.page_number.load(Ordering::Acquire);
        let page = self.page_mut(lock, slot);
        self.physical_write(pageno, page)?;
        d.dirty.store(0, Ordering::Release);
        Ok(())
    }

    /// `SimpleLruWriteAll`: writes every dirty buffer and fsyncs the
    /// segment files (the checkpoint's `CheckPointCLOG`).
    pub fn write_all(&self) -> PgResult<()> {
        let lock = self.lock_exclusive();
        for slot in 0..self.num_buffers {
            self.write_slot(&lock, slot)?;
        }
        drop(lock);
        // Pages evicted since the last checkpoint were written by whoever
        // evicted them, without fsync: sync every segment present (there
        // are few: one per 32 pages of ids).
        for seg in self.segments()? {
            let path = self.segment_path(seg);
            let f = OpenOptions::new().read(true).open(&path).map_err(|e| file_error("fsync", &path, &e))?;
            f.sync_all().map_err(|e| file_error("fsync", &path, &e))?;
        }
        if let Ok(dir) = std::fs::File::open(self.dir()) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// The segment numbers of the files present, ascending.
    pub fn segments(&self) -> PgResult<Vec<u64>> {
        let mut out = Vec::new();
        let dir = self.dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(file_error("open directory", &dir, &e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.len() >= 4 && name.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase()) {
                if let Ok(n) = u64::from_str_radix(name, 16) {
                    out.push(n);
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// `SimpleLruTruncate`: removes every segment entirely before the one
    /// holding `cutoff_page`, and forgets their buffered pages.
    pub fn truncate(&self, cutoff_page: u64) -> PgResult<()> {
        let cutoff_seg = cutoff_page / SLRU_PAGES_PER_SEGMENT;
        let lock = self.lock_exclusive();
        for slot in 0..self.num_buffers {
            let d = self.desc(slot);
            if d.status.load(Ordering::Acquire) == VALID
                && d.page_number.load(Ordering::Acquire) / SLRU_PAGES_PER_SEGMENT < cutoff_seg
            {
                d.status.store(EMPTY, Ordering::Release);
                d.dirty.store(0, Ordering::Release);
            }
        }
        drop(lock);
        for seg in self.segments()? {
            if seg < cutoff_seg {
                let path = self.segment_path(seg);
                std::fs::remove_file(&path).map_err(|e| file_error("remove", &path, &e))?;
            }
        }
        Ok(())
    }

    /// Forgets every buffered page without writing (start-up of an SLRU
    /// that is rebuilt, like pg_subtrans).
    pub fn discard_all(&self) {
        let _lock = self.lock_exclusive();
        for slot in 0..self.num_buffers {
            let d = self.desc(slot);
            d.status.store(EMPTY, Ordering::Release);
            d.dirty.store(0, Ordering::Release);
        }
    }

    /// The file of segment `seg` (`SlruFileName`).
    pub fn segment_path(&self, seg: u64) -> PathBuf {
        self.dir().join(format!("{seg:04X}"))
    }

    fn physical_read(&self, pageno: u64, buf: &mut [u8]) -> PgResult<()> {
        let path = self.segment_path(pageno / SLRU_PAGES_PER_SEGMENT);
        let offset = (pageno % SLRU_PAGES_PER_SEGMENT) * BLCKSZ as u64;
        buf.fill(0);
        let f = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(file_error("open", &path, &e)),
        };
        let mut done = 0;
        while done < buf.len() {
            match f.read_at(&mut buf[done..], offset + done as u64) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(file_error("read from", &path, &e)),
            }
        }
        Ok(())
    }

    fn physical_write(&self, pageno: u64, buf: &[u8]) -> PgResult<()> {
        let path = self.segment_path(pageno / SLRU_PAGES_PER_SEGMENT);
        let offset = (pageno % SLRU_PAGES_PER_SEGMENT) * BLCKSZ as u64;
        let dir = self.dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Err(file_error("create directory", &dir, &e));
        }
        let f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| file_error("open", &path, &e))?;
        f.write_all_at(buf, offset).map_err(|e| file_error("write to", &path, &e))
    }
}

/// `SlruReportIOError`'s wording for a failed file operation.
fn file_error(what: &str, path: &Path, e: &std::io::Error) -> PgError {
    let code = match e.kind() {
        std::io::ErrorKind::NotFound => SqlState::UNDEFINED_FILE,
        std::io::ErrorKind::StorageFull => SqlState::DISK_FULL,
        _ => SqlState::IO_ERROR,
    };
    PgError::new(code, format!("could not {what} file \"{}\": {e}", path.display()))
}

/// Flushes the WAL up to `lsn` before an SLRU page holding its effect is
/// written (the clog's half of write-ahead logging).
fn flush_wal_before_write(lsn: XLogRecPtr) -> PgResult<()> {
    if lsn == 0 {
        return Ok(());
    }
    crate::xlog::xlog_flush(lsn)
}
