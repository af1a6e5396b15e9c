//! initdb on first start (PostgreSQL's `bin/initdb`): lays out a fresh data
//! directory when the given one is missing or empty.
//!
//! What exists after it: `PG_VERSION`, `postgresql.conf` (every setting the
//! server reads, documented), `pg_hba.conf` (trust for local and loopback
//! connections, as initdb's default), `global/` (the shared catalogs, with
//! the bootstrap superuser `postgres` in `pg_authid`),
//! `base/<oid>` for the three databases with their catalogs (written in
//! bootstrap mode by `pg_catalog::bootstrap`; every SQL function must be
//! registered before, since `pg_proc` lists them), `pg_wal/` with the first WAL segment and
//! `global/pg_control` (pg-wal's `bootstrap_xlog` and a shutdown
//! checkpoint), and `pg_xact/`.
//! The directory is created with mode 0700, as PostgreSQL requires.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

const HBA: &str = "\
# PostgreSQL Client Authentication Configuration File
# ===================================================
#
# One record per line:
#   local  DATABASE  USER  METHOD  [OPTIONS]
#   host   DATABASE  USER  ADDRESS  METHOD  [OPTIONS]
# DATABASE: all, sameuser, samerole, a name, or a comma-separated list.
# USER:     all, a role name, or a comma-separated list.
# ADDRESS:  an IPv4 or IPv6 address with a CIDR mask (127.0.0.1/32, ::1/128).
# METHOD:   trust, reject, password, md5, scram-sha-256.
# The first record that matches the connection decides; no match means the
# connection is rejected. Changes take effect on reload (SIGHUP) or restart.
#
# initdb's default: trust every local and loopback connection.

# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             all                                     trust
host    all             all             127.0.0.1/32            trust
host    all             all             ::1/128                 trust
";

/// Whether `dir` needs initialising: missing, or an empty directory.
pub fn needs_init(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !dir.exists(),
    }
}

/// Creates the data directory layout. Fails if anything cannot be written.
pub fn initdb(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    for sub in ["global", "base", "base/1", "base/4", "base/5", "pg_wal", "pg_xact"] {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir.join(sub))?;
    }
    write_durably(&dir.join("PG_VERSION"), "15\n")?;
    write_durably(&dir.join("postgresql.conf"), &pg_guc::sample_config_file())?;
    write_durably(&dir.join("pg_hba.conf"), HBA)?;
    write_durably(&dir.join("pg_ident.conf"), "# MAPNAME       SYSTEM-USERNAME         PG-USERNAME\n")?;
    // Bootstrap mode: the system catalogs' initial rows, in template1 and
    // the shared catalogs, then template0 and postgres as copies.
    let started = std::time::Instant::now();
    let err = |e: pg_error::PgError| std::io::Error::other(e.into_data().message);
    let stats =
        pg_catalog::bootstrap::write_template1(dir, pg_catalog::bootstrap::BOOTSTRAP_SUPERUSER_NAME).map_err(err)?;
    // What system_views.sql does in PostgreSQL's initdb: the views are
    // analyzed against the catalogs just written, then template1 is copied.
    pg_catalog::bootstrap::append_rows(&pg_tcop::system_view_rows().map_err(err)?).map_err(err)?;
    pg_catalog::bootstrap::copy_template1(dir).map_err(err)?;
    tracing::debug!(
        "bootstrap wrote {} catalogs, {} rows in {} pages in {} ms",
        stats.relations,
        stats.tuples,
        stats.pages,
        started.elapsed().as_millis()
    );
    start_wal(dir).map_err(|e| std::io::Error::other(e.into_data().message))?;
    // The cluster's secret for mock SCRAM exchanges with unknown roles (the
    // mock_authentication_nonce PostgreSQL keeps in pg_control): random, so
    // nobody can tell a mock salt from a real one.
    let mut nonce = [0u8; 32];
    getrandom::getrandom(&mut nonce).map_err(|e| std::io::Error::other(e.to_string()))?;
    write_bytes_durably(&dir.join("global/pg_mock_auth_nonce"), &nonce)?;
    // Bootstrap wrote the catalogs without fsync; make everything durable
    // at once, as PostgreSQL's initdb does after its bootstrap backend.
    sync_data_directory(dir)?;
    Ok(())
}

/// Makes every file and directory entry under `dir` durable: `syncfs(2)` on
/// its file system (one flush instead of one per file), or, where that
/// fails, an fsync of each file and directory (PostgreSQL's
/// `fsync_pgdata`).
fn sync_data_directory(dir: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let d = std::fs::File::open(dir)?;
    // SAFETY: syncfs on a descriptor we own and keep open for the call.
    if unsafe { libc::syncfs(d.as_raw_fd()) } == 0 {
        return Ok(());
    }
    fn walk(p: &Path) -> std::io::Result<()> {
        for entry in std::fs::read_dir(p)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                walk(&entry.path())?;
            } else {
                std::fs::File::open(entry.path())?.sync_all()?;
            }
        }
        std::fs::File::open(p)?.sync_all()
    }
    walk(dir)
}

/// The WAL and commit log of the new cluster (`BootStrapXLOG`,
/// `BootStrapCLOG`, then initdb's final shutdown checkpoint):
/// `pg_wal/000000010000000000000001` begins with a shutdown checkpoint
/// carrying the first transaction id (3, or `--initial-xid` /
/// `FERROGRES_INITIAL_XID`) and the first OID of user objects,
/// `pg_xact/` has the page of that first id, and `global/pg_control`
/// points at the checkpoint. The catalogs were written directly to their
/// files (bootstrap mode logs nothing, as PostgreSQL's), so the checkpoint
/// has nothing else to flush. Runs in this one process with the server's
/// shared memory, which the postmaster creates afresh afterwards.
fn start_wal(dir: &Path) -> pg_error::PgResult<()> {
    use pg_wal::checkpoint::{self, NextIds};
    pg_wal::xlog::set_data_directory(dir);
    pg_tcop::create_shared_memory()?;
    pg_shmem::set_my_lwlock_waiter_slot(0)?;
    let next_xid = pg_wal::varsup::initial_xid()?;
    pg_wal::xact::bootstrap_transam(next_xid)?;
    let ids = NextIds { next_xid, next_oid: pg_wal::varsup::FIRST_NORMAL_OBJECT_ID, oldest_active_xid: 0 };
    pg_wal::recovery::bootstrap_xlog(ids)?;
    checkpoint::create_checkpoint(checkpoint::CHECKPOINT_IS_SHUTDOWN | checkpoint::CHECKPOINT_IMMEDIATE)?;
    // The postmaster's create_shared_memory unmaps this segment: nothing of
    // this process may point into it then.
    pg_shmem::clear_my_lwlock_waiter_slot();
    Ok(())
}

fn write_durably(path: &Path, text: &str) -> std::io::Result<()> {
    write_bytes_durably(path, text.as_bytes())
}

fn write_bytes_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}
