//! pg-storage: what the server keeps in files (PostgreSQL's
//! `src/backend/storage`). So far the file layer: temporary files under
//! `base/pgsql_tmp` ([`fd`], PostgreSQL's `storage/file/fd.c`) and the
//! buffered, segmented files built on them ([`buffile`], `buffile.c`) that
//! sorts, hash aggregation and tuplestores spill to when they exceed
//! `work_mem`. Relation storage: slotted pages ([`page`], `bufpage.c`,
//! with [`checksum`]), relation files in 1 GB segments ([`md`]) behind the
//! storage manager interface and its fsync request queue ([`smgr`],
//! `smgr.c`, `sync.c`), the shared buffer pool and local buffers
//! ([`bufmgr`]), buffers for WAL redo ([`xlogutils`]) and the buffer usage
//! counters of EXPLAIN BUFFERS ([`instrument`]). Heap and btree build on
//! them.
//!
//! Dependencies: pg-error, pg-guc (`temp_file_limit`, `log_temp_files`,
//! `fsync`), pg-proc (resource owners), pg-shmem (the fsync request queue),
//! pg-wal (`RelFileNode`, `BLCKSZ`), libc (errno values), tracing.
//!
//! Invariants:
//! - A temporary file is removed when its [`fd::TempFile`] is dropped (end
//!   of query, or error: the executor state that owns it is dropped), when
//!   the resource owner that was current at its creation is released
//!   (commit or abort of its transaction, savepoint or portal), and at
//!   postmaster start and crash restart ([`fd::remove_pgsql_tmp_files`]).
//! - Temporary files are named as PostgreSQL names them,
//!   `pgsql_tmp<PID>.<N>` (a `BufFile` segment past the first adds `.<segno>`
//!   to the counter part), so a leftover is attributed to its process.
//! - No shared state: the registry of open temporary files is per process.
//! - Unsafe code is denied crate-wide and allowed only in the modules that
//!   view shared memory or cast page bytes (`page`, `smgr`, the buffer
//!   manager); each such block has a `SAFETY:` comment.
#![deny(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod buffile;
pub mod fd;
// ---- bufmgr
pub mod bufmgr;
pub mod checksum;
pub mod instrument;
pub mod md;
pub mod page;
pub mod smgr;
pub mod xlogutils;
// ---- heap
pub mod heap;
pub mod toast;
pub mod tupdesc;

/// Registers the resource managers whose redo lives in this crate (Heap
/// and Heap2, ...) with pg-wal. The server calls it once at start, before
/// the postmaster forks and before recovery.
pub fn register_rmgrs() {
    heap::redo::register_heap_rmgrs();
}

/// Registers the heap's end-of-transaction work (the combo command id
/// table is emptied) with pg-wal's transaction callbacks.
pub fn register_heap_xact_callbacks() {
    heap::combocid::register_xact_callback();
}

pub use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, XLogRecPtr, BLCKSZ, INVALID_BLOCK_NUMBER};

pub use buffile::BufFile;
pub use fd::{
    cleanup_temp_files, remove_pgsql_tmp_files, set_data_directory, temp_file_dir, temp_files_open, temp_files_size,
    TempFile, PG_TEMP_FILES_DIR, PG_TEMP_FILE_PREFIX,
};
