//! pg-storage: what the server keeps in files (PostgreSQL's
//! `src/backend/storage`). So far the file layer: temporary files under
//! `base/pgsql_tmp` ([`fd`], PostgreSQL's `storage/file/fd.c`) and the
//! buffered, segmented files built on them ([`buffile`], `buffile.c`) that
//! sorts, hash aggregation and tuplestores spill to when they exceed
//! `work_mem`. The buffer manager, pages, heap and btree will live here too.
//!
//! Dependencies: pg-error, pg-guc (`temp_file_limit`, `log_temp_files`),
//! pg-proc (resource owners), tracing.
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
#![forbid(unsafe_code)]

pub mod buffile;
pub mod fd;
// ---- bufmgr
// ---- heap

pub use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, XLogRecPtr, BLCKSZ, INVALID_BLOCK_NUMBER};

pub use buffile::BufFile;
pub use fd::{
    cleanup_temp_files, remove_pgsql_tmp_files, set_data_directory, temp_file_dir, temp_files_open, temp_files_size,
    TempFile, PG_TEMP_FILES_DIR, PG_TEMP_FILE_PREFIX,
};
