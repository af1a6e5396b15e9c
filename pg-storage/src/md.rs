//! The magnetic-disk storage manager (PostgreSQL's `storage/smgr/md.c`):
//! a relation fork is a chain of segment files of `RELSEG_SIZE` blocks
//! (1 GB): `base/<db>/<rel>`, `base/<db>/<rel>.1`, ... (`_fsm`, `_vm`,
//! `_init` suffixes before the dot; `t<backend>_<rel>` for temporary
//! relations; `global/<rel>` for shared catalogs).
//!
//! Every segment but the last of a fork is exactly `RELSEG_SIZE` blocks;
//! the last may be shorter (or, after a truncation, empty). Files are
//! read and written with `pread`/`pwrite` on handles cached per process
//! (PostgreSQL's virtual file descriptors), never through `mmap`.
//! Writes are made durable by the fsync requests of [`crate::smgr`],
//! carried out at the next checkpoint.
//!
//! No shared state: the handle cache is per process. Another process's
//! unlink leaves our handle pointing at the removed file, which is why the
//! first segment of a dropped main fork stays as an empty tombstone until
//! the next checkpoint (see [`crate::smgr::SmgrRelation::unlink`]): its
//! relfilenode cannot be reused meanwhile. After that, a stale handle is
//! harmless only because a relfilenode is not reused before the OID
//! counter wraps; PostgreSQL also closes every process's handles through a
//! shared invalidation message (`smgrclosenode`), which is still to build
//! here (the catalog's invalidation should call [`close_rel`]).
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use pg_error::{PgError, PgResult, SqlState};
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, BLCKSZ};

/// Blocks per segment file (`RELSEG_SIZE`): 1 GB of 8 kB blocks.
pub const RELSEG_SIZE: u32 = 131_072;

/// The most blocks a fork can have (`MaxBlockNumber` + 1 is `InvalidBlockNumber`).
pub const MAX_BLOCK_NUMBER: BlockNumber = u32::MAX - 1;

/// Open segment handles above which the cache is emptied (a crude stand-in
/// for `max_files_per_process` and fd.c's LRU of virtual descriptors).
const MAX_CACHED_FILES: usize = 500;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct SegKey {
    rnode: RelFileNode,
    backend: Option<i32>,
    fork: ForkNumber,
    segno: u32,
}

thread_local! {
    /// This process's open segment files. Per thread only so that unit
    /// tests running side by side stay apart; server processes have one.
    static FILES: RefCell<HashMap<SegKey, Rc<File>>> = RefCell::new(HashMap::new());
    /// A root directory that overrides the data directory (unit tests).
    static ROOT_OVERRIDE: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Makes this thread's relation files live under `root` instead of the data
/// directory (unit tests, which must not touch the process-wide setting).
pub fn set_storage_root_for_thread(root: Option<PathBuf>) {
    ROOT_OVERRIDE.with(|r| *r.borrow_mut() = root);
    close_all();
}

/// The directory relation paths are relative to: the data directory.
pub fn storage_root() -> PgResult<PathBuf> {
    if let Some(root) = ROOT_OVERRIDE.with(|r| r.borrow().clone()) {
        return Ok(root);
    }
    crate::fd::data_directory().ok_or_else(|| PgError::internal("the data directory is not set"))
}

/// `%m`: the OS's message for an error, without Rust's "(os error N)".
pub(crate) fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `errcode_for_file_access`: the SQLSTATE an OS error maps to.
pub(crate) fn file_access_code(e: &std::io::Error) -> SqlState {
    match e.raw_os_error() {
        Some(libc::ENOENT) => SqlState::UNDEFINED_FILE,
        Some(libc::EEXIST) => SqlState::DUPLICATE_FILE,
        Some(libc::EACCES) | Some(libc::EPERM) => SqlState::INSUFFICIENT_PRIVILEGE,
        Some(libc::ENOSPC) => SqlState::DISK_FULL,
        _ => SqlState::IO_ERROR,
    }
}

fn file_error(what: &str, path: &Path, e: &std::io::Error) -> PgError {
    PgError::new(file_access_code(e), format!("could not {what} file \"{}\": {}", path.display(), strerror(e)))
}

/// The path of one segment, relative to the data directory (`relpath`,
/// plus `.<segno>` past the first segment).
pub fn segment_path(rnode: &RelFileNode, backend: Option<i32>, fork: ForkNumber, segno: u32) -> String {
    let base = rnode.path(backend, fork);
    if segno == 0 {
        base
    } else {
        format!("{base}.{segno}")
    }
}

fn full_path(key: &SegKey) -> PgResult<PathBuf> {
    Ok(storage_root()?.join(segment_path(&key.rnode, key.backend, key.fork, key.segno)))
}

/// How a segment is opened when it is not cached.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenMode {
    /// It must exist.
    Existing,
    /// Create it if missing (extension into a new segment).
    Create,
}

/// Opens (or finds in the cache) one segment. `Ok(None)` when it does not
/// exist and `mode` is `Existing`.
fn open_segment(key: SegKey, mode: OpenMode) -> PgResult<Option<Rc<File>>> {
    if let Some(f) = FILES.with(|files| files.borrow().get(&key).cloned()) {
        return Ok(Some(f));
    }
    let path = full_path(&key)?;
    let mut opts = OpenOptions::new();
    opts.read(true).write(true);
    if mode == OpenMode::Create {
        opts.create(true);
    }
    match opts.open(&path) {
        Ok(f) => {
            let f = Rc::new(f);
            FILES.with(|files| {
                let mut files = files.borrow_mut();
                if files.len() >= MAX_CACHED_FILES {
                    files.clear();
                }
                files.insert(key, f.clone());
            });
            Ok(Some(f))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && mode == OpenMode::Existing => Ok(None),
        Err(e) => Err(file_error("open", &path, &e)),
    }
}

/// Drops every cached handle of this process (`smgrcloseall`).
pub fn close_all() {
    FILES.with(|files| files.borrow_mut().clear());
}

/// Drops this process's cached handles of one relation (`smgrclosenode`):
/// called when another process may have unlinked or truncated its files.
pub fn close_rel(rnode: &RelFileNode, backend: Option<i32>) {
    FILES.with(|files| files.borrow_mut().retain(|k, _| !(k.rnode == *rnode && k.backend == backend)));
}

fn close_fork_from(rnode: &RelFileNode, backend: Option<i32>, fork: ForkNumber, from_segno: u32) {
    FILES.with(|files| {
        files
            .borrow_mut()
            .retain(|k, _| !(k.rnode == *rnode && k.backend == backend && k.fork == fork && k.segno >= from_segno))
    });
}

/// One fork of one relation, as md.c sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MdFork {
    pub rnode: RelFileNode,
    pub backend: Option<i32>,
    pub fork: ForkNumber,
}

impl MdFork {
    fn key(&self, segno: u32) -> SegKey {
        SegKey { rnode: self.rnode, backend: self.backend, fork: self.fork, segno }
    }

    /// The path of segment `segno`, for messages.
    pub fn display_path(&self, segno: u32) -> String {
        segment_path(&self.rnode, self.backend, self.fork, segno)
    }

    /// The directory of the fork's files (for a directory fsync).
    pub fn directory(&self) -> PgResult<PathBuf> {
        let p = full_path(&self.key(0))?;
        Ok(p.parent().map(Path::to_path_buf).unwrap_or_default())
    }

    /// `mdcreate`: creates the first segment. An existing file is an error
    /// (58P02) unless `is_redo` (replay recreates what it finds gone).
    pub fn create(&self, is_redo: bool) -> PgResult<()> {
        let key = self.key(0);
        let path = full_path(&key)?;
        let mut opts = OpenOptions::new();
        opts.read(true).write(true);
        if is_redo {
            opts.create(true);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| file_error("create directory for", &path, &e))?;
            }
        } else {
            opts.create_new(true);
        }
        let f = opts.open(&path).map_err(|e| file_error("create", &path, &e))?;
        FILES.with(|files| files.borrow_mut().insert(key, Rc::new(f)));
        Ok(())
    }

    /// `mdexists`.
    pub fn exists(&self) -> PgResult<bool> {
        Ok(open_segment(self.key(0), OpenMode::Existing)?.is_some())
    }

    fn seg_of(blkno: BlockNumber) -> (u32, u64) {
        (blkno / RELSEG_SIZE, (blkno % RELSEG_SIZE) as u64 * BLCKSZ as u64)
    }

    /// `mdread`: reads block `blkno` into `buf`. A block past the end of
    /// its file is an error unless `zero_if_missing` (recovery,
    /// `zero_damaged_pages`), which fills `buf` with zeros.
    pub fn read(&self, blkno: BlockNumber, buf: &mut [u8; BLCKSZ], zero_if_missing: bool) -> PgResult<()> {
        let (segno, offset) = Self::seg_of(blkno);
        let Some(f) = open_segment(self.key(segno), OpenMode::Existing)? else {
            if zero_if_missing {
                buf.fill(0);
                return Ok(());
            }
            return Err(PgError::new(
                SqlState::UNDEFINED_FILE,
                format!(
                    "could not open file \"{}\" (target block {blkno}): previous segment is only {} blocks",
                    self.display_path(segno),
                    RELSEG_SIZE
                ),
            ));
        };
        let mut done = 0;
        while done < BLCKSZ {
            match f.read_at(&mut buf[done..], offset + done as u64) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(PgError::new(
                        file_access_code(&e),
                        format!(
                            "could not read block {blkno} in file \"{}\": {}",
                            self.display_path(segno),
                            strerror(&e)
                        ),
                    ))
                }
            }
        }
        if done < BLCKSZ {
            if zero_if_missing {
                buf.fill(0);
                return Ok(());
            }
            return Err(PgError::new(
                SqlState::DATA_CORRUPTED,
                format!(
                    "could not read block {blkno} in file \"{}\": read only {done} of {BLCKSZ} bytes",
                    self.display_path(segno)
                ),
            ));
        }
        Ok(())
    }

    fn write_at(&self, blkno: BlockNumber, buf: &[u8; BLCKSZ], mode: OpenMode, what: &str) -> PgResult<u32> {
        let (segno, offset) = Self::seg_of(blkno);
        let path = || self.display_path(segno);
        let Some(f) = open_segment(self.key(segno), mode)? else {
            return Err(PgError::new(
                SqlState::UNDEFINED_FILE,
                format!("could not open file \"{}\" (target block {blkno}): No such file or directory", path()),
            ));
        };
        if let Err(e) = f.write_all_at(buf, offset) {
            let mut err = PgError::new(
                file_access_code(&e),
                if what == "extend" {
                    format!("could not extend file \"{}\": {}", path(), strerror(&e))
                } else {
                    format!("could not write block {blkno} in file \"{}\": {}", path(), strerror(&e))
                },
            );
            if e.raw_os_error() == Some(libc::ENOSPC) || e.kind() == std::io::ErrorKind::WriteZero {
                err = err.with_hint("Check free disk space.");
            }
            return Err(err);
        }
        Ok(segno)
    }

    /// `mdextend`: writes `buf` as block `blkno`, which must be the fork's
    /// current length (or beyond: the gap reads as zeros). Returns the
    /// segment written, for the fsync request.
    pub fn extend(&self, blkno: BlockNumber, buf: &[u8; BLCKSZ]) -> PgResult<u32> {
        if blkno > MAX_BLOCK_NUMBER {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                format!("cannot extend file \"{}\" beyond {} blocks", self.display_path(0), MAX_BLOCK_NUMBER),
            ));
        }
        self.write_at(blkno, buf, OpenMode::Create, "extend")
    }

    /// `mdwrite`: overwrites existing block `blkno`. Returns its segment.
    pub fn write(&self, blkno: BlockNumber, buf: &[u8; BLCKSZ]) -> PgResult<u32> {
        self.write_at(blkno, buf, OpenMode::Existing, "write")
    }

    /// `mdnblocks`: the fork's length in blocks (0 if it does not exist).
    pub fn nblocks(&self) -> PgResult<BlockNumber> {
        let mut segno = 0;
        loop {
            let Some(f) = open_segment(self.key(segno), OpenMode::Existing)? else {
                return Ok(segno * RELSEG_SIZE);
            };
            let len = match f.metadata() {
                Ok(m) => m.len(),
                Err(e) => return Err(file_error("seek to end of", &full_path(&self.key(segno))?, &e)),
            };
            let blocks = (len / BLCKSZ as u64) as u32;
            if blocks < RELSEG_SIZE {
                return Ok(segno * RELSEG_SIZE + blocks);
            }
            segno += 1;
        }
    }

    /// `mdtruncate`: cuts the fork to `nblocks` blocks; later segments are
    /// emptied (the first one past the end) or removed.
    pub fn truncate(&self, nblocks: BlockNumber) -> PgResult<()> {
        let cur = self.nblocks()?;
        if nblocks > cur {
            return Err(PgError::new(
                SqlState::DATA_CORRUPTED,
                format!(
                    "could not truncate file \"{}\" to {nblocks} blocks: it's only {cur} blocks now",
                    self.display_path(0)
                ),
            ));
        }
        let last_seg = if cur == 0 { 0 } else { (cur - 1) / RELSEG_SIZE };
        for segno in (0..=last_seg).rev() {
            let seg_start = segno * RELSEG_SIZE;
            let path = full_path(&self.key(segno))?;
            if seg_start >= nblocks && segno > 0 {
                // Entirely past the new end: remove (PostgreSQL empties
                // the first such segment and unlinks the rest; an empty
                // segment reads the same as a missing one to nblocks).
                close_fork_from(&self.rnode, self.backend, self.fork, segno);
                match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(file_error("remove", &path, &e)),
                }
                continue;
            }
            let keep = (nblocks.saturating_sub(seg_start)).min(RELSEG_SIZE);
            if let Some(f) = open_segment(self.key(segno), OpenMode::Existing)? {
                f.set_len(keep as u64 * BLCKSZ as u64).map_err(|e| {
                    PgError::new(
                        file_access_code(&e),
                        format!(
                            "could not truncate file \"{}\" to {nblocks} blocks: {}",
                            self.display_path(segno),
                            strerror(&e)
                        ),
                    )
                })?;
            }
            if seg_start < nblocks {
                break;
            }
        }
        Ok(())
    }

    /// The open handles of every existing segment, first to last.
    fn segments(&self) -> PgResult<Vec<(u32, Rc<File>)>> {
        let mut out = Vec::new();
        let mut segno = 0;
        while let Some(f) = open_segment(self.key(segno), OpenMode::Existing)? {
            out.push((segno, f));
            segno += 1;
        }
        Ok(out)
    }

    /// `mdimmedsync`: fsyncs every segment now.
    pub fn immedsync(&self) -> PgResult<()> {
        for (segno, f) in self.segments()? {
            crate::smgr::fsync_or_panic(&f, &self.display_path(segno))?;
        }
        Ok(())
    }

    /// fsync of one segment for a pending request; a file that no longer
    /// exists needs none (its relation was dropped).
    pub fn sync_segment(&self, segno: u32) -> PgResult<()> {
        if let Some(f) = open_segment(self.key(segno), OpenMode::Existing)? {
            crate::smgr::fsync_or_panic(&f, &self.display_path(segno))?;
        }
        Ok(())
    }

    /// `mdunlink` of this fork: removes every segment, or (`keep_tombstone`)
    /// empties the first one and removes the rest.
    pub fn unlink(&self, keep_tombstone: bool) -> PgResult<()> {
        close_fork_from(&self.rnode, self.backend, self.fork, 0);
        let root = storage_root()?;
        let mut segno = 0u32;
        loop {
            let path = root.join(self.display_path(segno));
            let r = if segno == 0 && keep_tombstone {
                OpenOptions::new().write(true).open(&path).and_then(|f| f.set_len(0))
            } else {
                std::fs::remove_file(&path)
            };
            match r {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    if segno > 0 {
                        break;
                    }
                }
                Err(e) => {
                    return Err(PgError::new(
                        file_access_code(&e),
                        format!("could not remove file \"{}\": {}", path.display(), strerror(&e)),
                    ))
                }
            }
            segno += 1;
        }
        Ok(())
    }

    /// Removes the tombstone left by `unlink(true)`.
    pub fn unlink_tombstone(&self) -> PgResult<()> {
        close_fork_from(&self.rnode, self.backend, self.fork, 0);
        let path = storage_root()?.join(self.display_path(0));
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(PgError::new(
                file_access_code(&e),
                format!("could not remove file \"{}\": {}", path.display(), strerror(&e)),
            )),
        }
    }
}
