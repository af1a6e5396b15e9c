//! Temporary files (PostgreSQL's `storage/file/fd.c`: `OpenTemporaryFile`,
//! `FileClose` of a temporary file, `CleanupTempFiles`, `RemovePgTempFiles`).
//!
//! Every temporary file lives in `<data directory>/base/pgsql_tmp` and is
//! named `pgsql_tmp<PID>.<N>` with a per-process counter `N`. The file is
//! deleted when its [`TempFile`] is dropped; a per-process registry of the
//! paths still open lets [`cleanup_temp_files`] remove them all at
//! process exit even if their owners were leaked, and the postmaster
//! removes whatever a crashed backend left with [`remove_pgsql_tmp_files`].
//! Each file is also remembered by the current resource owner
//! (`pg_proc::resowner`, PostgreSQL's `ResourceOwnerRememberFile`): the
//! transaction, savepoint or portal that created it removes it when it
//! ends, with a leak WARNING at commit if the file was never closed.
#![forbid(unsafe_code)]

use pg_error::{PgError, PgResult, SqlState};
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The directory under `base` that holds temporary files (`PG_TEMP_FILES_DIR`).
pub const PG_TEMP_FILES_DIR: &str = "pgsql_tmp";
/// The prefix of every temporary file's name (`PG_TEMP_FILE_PREFIX`).
pub const PG_TEMP_FILE_PREFIX: &str = "pgsql_tmp";

/// The data directory, set once by the postmaster (inherited by every
/// backend through fork). Unset only in unit tests, which then use the
/// system's temporary directory.
static DATA_DIRECTORY: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The per-process counter in temporary file names (`tempFileCounter`).
static TEMP_FILE_COUNTER: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// Bytes in the temporary files this process has open
    /// (`temporary_files_size`), checked against `temp_file_limit`. Server
    /// processes are single-threaded; per thread keeps tests apart.
    static TEMP_FILES_SIZE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Bytes in the temporary files this process has open.
pub fn temp_files_size() -> u64 {
    TEMP_FILES_SIZE.with(|s| s.get())
}

thread_local! {
    /// Paths of the temporary files this process has open. Per thread, as
    /// `TEMP_FILES_SIZE`: server processes are single-threaded, and unit
    /// tests running side by side each see their own files (a test that
    /// checks it closed everything is not upset by another one's spill).
    static OPEN_TEMP_FILES: std::cell::RefCell<BTreeSet<PathBuf>> = const { std::cell::RefCell::new(BTreeSet::new()) };
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind: keep going.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sets the data directory whose `base/pgsql_tmp` holds temporary files.
pub fn set_data_directory(dir: &Path) {
    *lock(&DATA_DIRECTORY) = Some(dir.to_path_buf());
}

/// The data directory, when set (relation files are found under it).
pub fn data_directory() -> Option<PathBuf> {
    lock(&DATA_DIRECTORY).clone()
}

/// The temporary file directory: `<data directory>/base/pgsql_tmp`.
pub fn temp_file_dir() -> PathBuf {
    match lock(&DATA_DIRECTORY).as_ref() {
        Some(d) => d.join("base").join(PG_TEMP_FILES_DIR),
        None => std::env::temp_dir().join(format!("ferrogres_tests_{}", std::process::id())).join(PG_TEMP_FILES_DIR),
    }
}

/// How many temporary files this process has open.
pub fn temp_files_open() -> usize {
    OPEN_TEMP_FILES.with(|f| f.borrow().len())
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> PgError {
    let code = if e.raw_os_error() == Some(28) { SqlState::DISK_FULL } else { SqlState::IO_ERROR };
    PgError::new(code, format!("could not {what} file \"{}\": {e}", path.display()))
}

/// An open temporary file, deleted when dropped (`OpenTemporaryFile` with
/// `FD_DELETE_AT_CLOSE`).
pub struct TempFile {
    file: File,
    path: PathBuf,
    /// The resource owner's record of this file, forgotten at close.
    registration: Option<pg_proc::resowner::ResourceId>,
    /// Bytes written past the end so far (the file's size).
    size: u64,
}

impl TempFile {
    /// Creates a new temporary file `pgsql_tmp<PID>.<N>`, creating the
    /// directory if needed (`OpenTemporaryFile`).
    pub fn create() -> PgResult<TempFile> {
        let n = TEMP_FILE_COUNTER.fetch_add(1, Ordering::Relaxed);
        TempFile::create_named(&format!("{PG_TEMP_FILE_PREFIX}{}.{n}", std::process::id()))
    }

    /// Creates the temporary file `name` in the temporary file directory.
    pub(crate) fn create_named(name: &str) -> PgResult<TempFile> {
        let dir = temp_file_dir();
        let path = dir.join(name);
        let open = || OpenOptions::new().read(true).write(true).create_new(true).open(&path);
        let file = match open() {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(&dir).map_err(|e| io_error("create directory for temporary", &dir, e))?;
                open().map_err(|e| io_error("create temporary", &path, e))?
            }
            Err(e) => return Err(io_error("create temporary", &path, e)),
        };
        OPEN_TEMP_FILES.with(|f| f.borrow_mut().insert(path.clone()));
        // Outside a transaction (tests, start-up) nothing owns the file but
        // this value.
        let registration = pg_proc::resowner::remember_in_current(Box::new(TempFileResource(path.clone()))).ok();
        Ok(TempFile { file, path, size: 0, registration })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Writes `data` at `offset` (`FileWrite`). Growing the file past
    /// what `temp_file_limit` allows this process in all its temporary
    /// files fails with PostgreSQL's error (53400).
    pub fn write_at(&mut self, offset: u64, data: &[u8]) -> PgResult<()> {
        let new_size = self.size.max(offset + data.len() as u64);
        let growth = new_size - self.size;
        if growth > 0 {
            let limit_kb = pg_guc::vars::TEMP_FILE_LIMIT.get();
            if limit_kb >= 0 && temp_files_size() + growth > limit_kb as u64 * 1024 {
                return Err(PgError::new(
                    SqlState::CONFIGURATION_LIMIT_EXCEEDED,
                    format!("temporary file size exceeds temp_file_limit ({limit_kb}kB)"),
                ));
            }
        }
        // One pwrite: no separate seek (`FileWrite` uses pg_pwrite).
        self.file.write_all_at(data, offset).map_err(|e| io_error("write to", &self.path, e))?;
        TEMP_FILES_SIZE.with(|s| s.set(s.get() + growth));
        self.size = new_size;
        Ok(())
    }

    /// Reads up to `buf.len()` bytes at `offset`; returns how many (0 at the
    /// end of the file) (`FileRead`).
    pub fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> PgResult<usize> {
        let mut done = 0;
        while done < buf.len() {
            match self.file.read_at(&mut buf[done..], offset + done as u64) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error("read from", &self.path, e)),
            }
        }
        Ok(done)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(id) = self.registration.take() {
            // Closed by its holder: the owner has nothing left to release.
            drop(pg_proc::resowner::forget(id));
        }
        TEMP_FILES_SIZE.with(|s| s.set(s.get().saturating_sub(self.size)));
        // log_temp_files: report files at least that many kilobytes large
        // when they go (`ReportTemporaryFileUsage`).
        let log_kb = pg_guc::vars::LOG_TEMP_FILES.get();
        if log_kb >= 0 && self.size >= log_kb as u64 * 1024 {
            let shown = lock(&DATA_DIRECTORY)
                .as_ref()
                .and_then(|d| self.path.strip_prefix(d).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| self.path.clone());
            tracing::info!("temporary file: path \"{}\", size {}", shown.display(), self.size);
        }
        remove_temp_file(&self.path);
    }
}

fn remove_temp_file(path: &Path) {
    let _ = std::fs::remove_file(path);
    OPEN_TEMP_FILES.with(|f| f.borrow_mut().remove(path));
}

/// A temporary file as a resource owner sees it: released (removed) when
/// its owner ends before the file was closed.
struct TempFileResource(PathBuf);

impl pg_proc::resowner::Resource for TempFileResource {
    fn phase(&self) -> pg_proc::resowner::ReleasePhase {
        pg_proc::resowner::ReleasePhase::BeforeLocks
    }
    fn leak_message(&self) -> String {
        format!("temporary file leak: File \"{}\" still referenced", self.0.display())
    }
    fn release(self: Box<Self>) {
        remove_temp_file(&self.0);
    }
}

/// Removes every temporary file this process still has open
/// (`CleanupTempFiles` at transaction abort and process exit). Owners that
/// are dropped later find their file already gone, which is harmless.
/// Returns how many files were removed.
pub fn cleanup_temp_files() -> usize {
    let paths = OPEN_TEMP_FILES.with(|f| std::mem::take(&mut *f.borrow_mut()));
    for p in &paths {
        let _ = std::fs::remove_file(p);
    }
    paths.len()
}

/// Removes every leftover temporary file under `data_dir/base/pgsql_tmp`
/// (`RemovePgTempFiles`, run by the postmaster at start-up and after a
/// crash, when no backend can own one). Returns how many were removed.
pub fn remove_pgsql_tmp_files(data_dir: &Path) -> usize {
    let dir = data_dir.join("base").join(PG_TEMP_FILES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        // Only our own naming pattern: anything else is not ours to delete.
        if name.to_string_lossy().starts_with(PG_TEMP_FILE_PREFIX) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_file_is_named_like_postgres_and_removed_on_drop() {
        let mut f = TempFile::create().expect("creates");
        let name = f.path().file_name().expect("named").to_string_lossy().into_owned();
        assert!(name.starts_with(&format!("pgsql_tmp{}.", std::process::id())), "{name}");
        f.write_at(0, b"hello").expect("writes");
        let mut buf = [0u8; 8];
        assert_eq!(f.read_at(1, &mut buf).expect("reads"), 4);
        assert_eq!(&buf[..4], b"ello");
        let path = f.path().to_path_buf();
        assert!(path.exists());
        drop(f);
        assert!(!path.exists());
    }

    #[test]
    fn the_current_resource_owner_removes_files_left_open() {
        use pg_proc::resowner::{self, ResourceOwner};
        let owner = ResourceOwner::create(None, "Portal");
        let (closed, leaked) = resowner::with_current(owner, || {
            (TempFile::create().expect("creates"), TempFile::create().expect("creates"))
        });
        assert_eq!(owner.resource_count(), 2);
        drop(closed);
        assert_eq!(owner.resource_count(), 1, "a closed file is forgotten");
        let path = leaked.path().to_path_buf();
        // The holder leaks it (never drops it): the owner's commit warns and
        // removes it.
        std::mem::forget(leaked);
        let warnings = resowner::release(owner, true);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.starts_with("temporary file leak: File"), "{}", warnings[0].message);
        assert!(!path.exists());
        resowner::delete(owner);
        // At abort the same happens silently.
        let owner = ResourceOwner::create(None, "TopTransaction");
        let f = resowner::with_current(owner, || TempFile::create().expect("creates"));
        let path = f.path().to_path_buf();
        std::mem::forget(f);
        assert!(resowner::release(owner, false).is_empty());
        assert!(!path.exists());
        resowner::delete(owner);
    }

    #[test]
    fn startup_cleanup_removes_only_temp_files() {
        let dir = std::env::temp_dir().join(format!("ferrogres_fd_test_{}", std::process::id()));
        let tmp = dir.join("base").join(PG_TEMP_FILES_DIR);
        std::fs::create_dir_all(&tmp).expect("mkdir");
        std::fs::write(tmp.join("pgsql_tmp99999.0"), b"x").expect("write");
        std::fs::write(tmp.join("other"), b"x").expect("write");
        assert_eq!(remove_pgsql_tmp_files(&dir), 1);
        assert!(tmp.join("other").exists());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn temp_file_limit_caps_what_a_process_writes() {
        // GUCs are per thread here (each test runs in its own thread).
        pg_guc::set_config_option("temp_file_limit", Some("16kB"), pg_guc::GucSource::Session, false, true)
            .expect("superuser may set it");
        let mut f = TempFile::create().expect("creates");
        f.write_at(0, &[7u8; 8192]).expect("within the limit");
        // Rewriting what exists does not grow the file.
        f.write_at(0, &[8u8; 8192]).expect("no growth");
        let e = f.write_at(8192, &[9u8; 12 * 1024]).expect_err("past the limit");
        assert_eq!(e.code, SqlState::CONFIGURATION_LIMIT_EXCEEDED);
        assert_eq!(e.message, "temporary file size exceeds temp_file_limit (16kB)");
        drop(f);
        pg_guc::set_config_option("temp_file_limit", None, pg_guc::GucSource::Session, false, true).expect("reset");
    }
}
