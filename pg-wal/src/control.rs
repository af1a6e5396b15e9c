//! `global/pg_control` (PostgreSQL's `catalog/pg_control.h` and the
//! control-file half of `xlog.c`: `ReadControlFile`, `WriteControlFile`,
//! `UpdateControlFile`).
//!
//! The control file says where recovery starts: the location of the last
//! checkpoint record and a copy of that record (REDO point, next xid, next
//! OID, time), the cluster's state (shut down cleanly, in production, in
//! crash recovery) and the compile-time layout the files were made with.
//! It is one 8 kB file written in place with one write and an fsync; the
//! meaningful bytes are far fewer than a disk sector, so the write is
//! atomic in practice, as PostgreSQL assumes, and a CRC-32C over them
//! catches the rest.
//!
//! The encoding is ours (explicit little-endian fields, see
//! [`ControlFileData::encode`]) and its version numbers differ from
//! PostgreSQL's, so that neither server misreads the other's directory.
//!
//! Writers: initdb's bootstrap, the startup process (state changes, the
//! end-of-recovery checkpoint) and the checkpointer, never two at once
//! (the startup process ends before the checkpointer starts), so the file
//! needs no lock of its own.

use crate::block::XLogRecPtr;
use crate::record::fmt_lsn;
use pg_error::{PgError, PgResult, Severity, SqlState};
use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// Our `PG_CONTROL_VERSION` (PostgreSQL 15's is 1300).
pub const PG_CONTROL_VERSION: u32 = 1300 + 0xF0;
/// The catalog layout version (`CATALOG_VERSION_NO`): a data directory
/// made with another is refused at start. Bump it whenever the on-disk
/// format of catalogs, pages, tuples or WAL changes.
pub const CATALOG_VERSION_NO: u32 = 202_612_052;
/// The size of the control file (`PG_CONTROL_FILE_SIZE`).
pub const PG_CONTROL_FILE_SIZE: usize = 8192;

/// The cluster's state (`DBState`), with PostgreSQL's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum DbState {
    /// `DB_STARTUP`.
    Startup = 0,
    /// `DB_SHUTDOWNED`: cleanly shut down.
    Shutdowned = 1,
    /// `DB_SHUTDOWNED_IN_RECOVERY`.
    ShutdownedInRecovery = 2,
    /// `DB_SHUTDOWNING`: the shutdown checkpoint is being written.
    Shutdowning = 3,
    /// `DB_IN_CRASH_RECOVERY`.
    InCrashRecovery = 4,
    /// `DB_IN_ARCHIVE_RECOVERY`.
    InArchiveRecovery = 5,
    /// `DB_IN_PRODUCTION`.
    InProduction = 6,
}

impl DbState {
    fn from_u32(v: u32) -> Option<DbState> {
        Some(match v {
            0 => DbState::Startup,
            1 => DbState::Shutdowned,
            2 => DbState::ShutdownedInRecovery,
            3 => DbState::Shutdowning,
            4 => DbState::InCrashRecovery,
            5 => DbState::InArchiveRecovery,
            6 => DbState::InProduction,
            _ => return None,
        })
    }

    /// How pg_controldata names the state.
    pub fn describe(self) -> &'static str {
        match self {
            DbState::Startup => "starting up",
            DbState::Shutdowned => "shut down",
            DbState::ShutdownedInRecovery => "shut down in recovery",
            DbState::Shutdowning => "shutting down",
            DbState::InCrashRecovery => "in crash recovery",
            DbState::InArchiveRecovery => "in archive recovery",
            DbState::InProduction => "in production",
        }
    }
}

/// A checkpoint record's contents (`CheckPoint`), also kept in pg_control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CheckPoint {
    /// Where replay starts (`redo`).
    pub redo: XLogRecPtr,
    /// `ThisTimeLineID`.
    pub timeline: u32,
    /// `fullPageWrites` at the time.
    pub full_page_writes: bool,
    /// The next transaction id to assign (`nextXid`, 64-bit).
    pub next_xid: u64,
    /// The next OID to assign (`nextOid`).
    pub next_oid: u32,
    /// The oldest transaction id still running when the checkpoint
    /// started (`oldestActiveXid`), 0 when unknown.
    pub oldest_active_xid: u64,
    /// When the checkpoint was taken (`time`, seconds since 1970).
    pub time: i64,
}

/// The encoded size of a [`CheckPoint`].
pub const SIZE_OF_CHECKPOINT: usize = 48;

impl CheckPoint {
    /// The record's main data (little-endian, fixed layout).
    pub fn encode(&self) -> [u8; SIZE_OF_CHECKPOINT] {
        let mut b = [0u8; SIZE_OF_CHECKPOINT];
        b[0..8].copy_from_slice(&self.redo.to_le_bytes());
        b[8..12].copy_from_slice(&self.timeline.to_le_bytes());
        b[12] = u8::from(self.full_page_writes);
        b[16..24].copy_from_slice(&self.next_xid.to_le_bytes());
        b[24..28].copy_from_slice(&self.next_oid.to_le_bytes());
        b[32..40].copy_from_slice(&self.oldest_active_xid.to_le_bytes());
        b[40..48].copy_from_slice(&self.time.to_le_bytes());
        b
    }

    /// Reads a record's main data.
    pub fn decode(b: &[u8]) -> Option<CheckPoint> {
        if b.len() != SIZE_OF_CHECKPOINT {
            return None;
        }
        let u64_at = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes"));
        Some(CheckPoint {
            redo: u64_at(0),
            timeline: u32::from_le_bytes(b[8..12].try_into().ok()?),
            full_page_writes: b[12] != 0,
            next_xid: u64_at(16),
            next_oid: u32::from_le_bytes(b[24..28].try_into().ok()?),
            oldest_active_xid: u64_at(32),
            time: u64_at(40) as i64,
        })
    }
}

/// The control file's contents (`ControlFileData`, the fields we use).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlFileData {
    /// `system_identifier`: unique per initdb.
    pub system_identifier: u64,
    /// `pg_control_version`.
    pub pg_control_version: u32,
    /// `catalog_version_no`.
    pub catalog_version_no: u32,
    /// `state`.
    pub state: DbState,
    /// `time`: when the file was last written.
    pub time: i64,
    /// `checkPoint`: the last checkpoint record's location.
    pub checkpoint: XLogRecPtr,
    /// `checkPointCopy`.
    pub checkpoint_copy: CheckPoint,
    /// `minRecoveryPoint` (always 0: no archive recovery).
    pub min_recovery_point: XLogRecPtr,
    /// `maxAlign`, `blcksz`, `relseg_size`, `xlog_blcksz`, `xlog_seg_size`,
    /// `nameDataLen`: the layout the files were made with.
    pub max_align: u32,
    /// `blcksz`.
    pub blcksz: u32,
    /// `relseg_size` in blocks.
    pub relseg_size: u32,
    /// `xlog_blcksz`.
    pub xlog_blcksz: u32,
    /// `xlog_seg_size`.
    pub xlog_seg_size: u32,
    /// `nameDataLen`.
    pub name_data_len: u32,
    /// `float8ByVal`.
    pub float8_by_val: bool,
    /// `data_checksum_version` (0: no page checksums).
    pub data_checksum_version: u32,
}

const ENCODED_LEN: usize = 160;

impl ControlFileData {
    /// A new control file for a fresh cluster, in the state `Shutdowned`.
    pub fn new(system_identifier: u64) -> ControlFileData {
        ControlFileData {
            system_identifier,
            pg_control_version: PG_CONTROL_VERSION,
            catalog_version_no: CATALOG_VERSION_NO,
            state: DbState::Shutdowned,
            time: now(),
            checkpoint: 0,
            checkpoint_copy: CheckPoint::default(),
            min_recovery_point: 0,
            max_align: 8,
            blcksz: crate::block::BLCKSZ as u32,
            relseg_size: 131_072,
            xlog_blcksz: crate::xlog::XLOG_BLCKSZ as u32,
            xlog_seg_size: crate::xlog::WAL_SEGMENT_SIZE as u32,
            name_data_len: 64,
            float8_by_val: true,
            data_checksum_version: 0,
        }
    }

    /// The 8 kB file image: the fields, then the CRC-32C of them, then zeros.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(PG_CONTROL_FILE_SIZE);
        b.extend_from_slice(&self.system_identifier.to_le_bytes());
        b.extend_from_slice(&self.pg_control_version.to_le_bytes());
        b.extend_from_slice(&self.catalog_version_no.to_le_bytes());
        b.extend_from_slice(&(self.state as u32).to_le_bytes());
        b.extend_from_slice(&[0; 4]);
        b.extend_from_slice(&self.time.to_le_bytes());
        b.extend_from_slice(&self.checkpoint.to_le_bytes());
        b.extend_from_slice(&self.checkpoint_copy.encode());
        b.extend_from_slice(&self.min_recovery_point.to_le_bytes());
        for v in
            [self.max_align, self.blcksz, self.relseg_size, self.xlog_blcksz, self.xlog_seg_size, self.name_data_len]
        {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&u32::from(self.float8_by_val).to_le_bytes());
        b.extend_from_slice(&self.data_checksum_version.to_le_bytes());
        b.resize(ENCODED_LEN - 4, 0);
        let crc = crc32c::crc32c(&b);
        b.extend_from_slice(&crc.to_le_bytes());
        b.resize(PG_CONTROL_FILE_SIZE, 0);
        b
    }

    /// Reads the file image, checking the versions and the CRC with
    /// PostgreSQL's FATAL reports.
    pub fn decode(b: &[u8]) -> PgResult<ControlFileData> {
        let fatal = |m: &str| PgError::fatal(SqlState::INTERNAL_ERROR, m.to_string());
        if b.len() < ENCODED_LEN {
            return Err(fatal("incorrect checksum in control file"));
        }
        let u32_at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().expect("4 bytes"));
        let u64_at = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes"));
        let version = u32_at(8);
        if version != PG_CONTROL_VERSION {
            return Err(PgError::fatal(SqlState::INTERNAL_ERROR, "database files are incompatible with server")
                .with_detail(format!(
                    "The database cluster was initialized with PG_CONTROL_VERSION {version} (0x{version:08x}), but \
                     the server was compiled with PG_CONTROL_VERSION {PG_CONTROL_VERSION} (0x{PG_CONTROL_VERSION:08x})."
                ))
                .with_hint("It looks like you need to initdb."));
        }
        if crc32c::crc32c(&b[..ENCODED_LEN - 4]) != u32_at(ENCODED_LEN - 4) {
            return Err(fatal("incorrect checksum in control file"));
        }
        let catversion = u32_at(12);
        if catversion != CATALOG_VERSION_NO {
            return Err(PgError::fatal(SqlState::INTERNAL_ERROR, "database files are incompatible with server")
                .with_detail(format!(
                    "The database cluster was initialized with CATALOG_VERSION_NO {catversion}, but the server was \
                     compiled with CATALOG_VERSION_NO {CATALOG_VERSION_NO}."
                ))
                .with_hint("It looks like you need to initdb."));
        }
        let state = DbState::from_u32(u32_at(16))
            .ok_or_else(|| fatal("control file contains invalid database cluster state"))?;
        let cp = CheckPoint::decode(&b[40..40 + SIZE_OF_CHECKPOINT]).expect("fixed size");
        let o = 40 + SIZE_OF_CHECKPOINT + 8;
        let c = ControlFileData {
            system_identifier: u64_at(0),
            pg_control_version: version,
            catalog_version_no: catversion,
            state,
            time: u64_at(24) as i64,
            checkpoint: u64_at(32),
            checkpoint_copy: cp,
            min_recovery_point: u64_at(40 + SIZE_OF_CHECKPOINT),
            max_align: u32_at(o),
            blcksz: u32_at(o + 4),
            relseg_size: u32_at(o + 8),
            xlog_blcksz: u32_at(o + 12),
            xlog_seg_size: u32_at(o + 16),
            name_data_len: u32_at(o + 20),
            float8_by_val: u32_at(o + 24) != 0,
            data_checksum_version: u32_at(o + 28),
        };
        let want = ControlFileData::new(c.system_identifier);
        let layout = |name: &str, had: u32, built: u32| -> PgResult<()> {
            if had == built {
                return Ok(());
            }
            Err(PgError::fatal(SqlState::INTERNAL_ERROR, "database files are incompatible with server")
                .with_detail(format!(
                    "The database cluster was initialized with {name} {had}, but the server was compiled with {name} {built}."
                ))
                .with_hint("It looks like you need to recompile or initdb."))
        };
        layout("MAXALIGN", c.max_align, want.max_align)?;
        layout("BLCKSZ", c.blcksz, want.blcksz)?;
        layout("RELSEG_SIZE", c.relseg_size, want.relseg_size)?;
        layout("XLOG_BLCKSZ", c.xlog_blcksz, want.xlog_blcksz)?;
        layout("NAMEDATALEN", c.name_data_len, want.name_data_len)?;
        if c.xlog_seg_size != want.xlog_seg_size {
            return Err(fatal("WAL segment size in control file is not supported"));
        }
        Ok(c)
    }
}

/// Seconds since 1970 (`time(NULL)`).
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// `global/pg_control` of the data directory.
pub fn control_file_path() -> PgResult<PathBuf> {
    crate::xlog::data_directory()
        .map(|d| d.join("global").join("pg_control"))
        .ok_or_else(|| PgError::internal("the data directory of the WAL is not set"))
}

/// Reads and checks `global/pg_control` (`ReadControlFile`); a missing or
/// unreadable file is FATAL, as in PostgreSQL.
pub fn read_control_file() -> PgResult<ControlFileData> {
    let path = control_file_path()?;
    read_control_file_at(&path)
}

/// [`read_control_file`] for an explicit path.
pub fn read_control_file_at(path: &Path) -> PgResult<ControlFileData> {
    let mut f = std::fs::File::open(path)
        .map_err(|e| PgError::fatal(SqlState::IO_ERROR, format!("could not open file \"{}\": {e}", path.display())))?;
    let mut b = Vec::with_capacity(PG_CONTROL_FILE_SIZE);
    f.read_to_end(&mut b)
        .map_err(|e| PgError::fatal(SqlState::IO_ERROR, format!("could not read file \"{}\": {e}", path.display())))?;
    ControlFileData::decode(&b)
}

/// Writes the control file in place and fsyncs it (`UpdateControlFile`);
/// `create` makes it (bootstrap, `WriteControlFile`). Any failure is a
/// PANIC: the server cannot go on without knowing what is on disk.
pub fn write_control_file(c: &mut ControlFileData, create: bool) -> PgResult<()> {
    let path = control_file_path()?;
    c.time = now();
    let bytes = c.encode();
    let panic = |what: String| {
        move |e: std::io::Error| PgError::new(SqlState::IO_ERROR, format!("{what}: {e}")).with_severity(Severity::Panic)
    };
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .truncate(false)
        .open(&path)
        .map_err(panic(format!("could not open file \"{}\"", path.display())))?;
    f.write_all_at(&bytes, 0).map_err(panic(format!("could not write to file \"{}\"", path.display())))?;
    if pg_guc::vars::FSYNC.get() {
        f.sync_all().map_err(panic(format!("could not fsync file \"{}\"", path.display())))?;
    }
    if create {
        if let Some(dir) = path.parent() {
            crate::xlog::fsync_dir(dir)?;
        }
    }
    tracing::debug!("pg_control updated: state {}, checkpoint {}", c.state.describe(), fmt_lsn(c.checkpoint));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_file_round_trips_and_is_checked() {
        let mut c = ControlFileData::new(0x1234_5678_9ABC);
        c.state = DbState::InProduction;
        c.checkpoint = 0x0100_0028;
        c.checkpoint_copy = CheckPoint {
            redo: 0x0100_0028,
            timeline: 1,
            full_page_writes: true,
            next_xid: 1 << 33,
            next_oid: 16384,
            oldest_active_xid: 0,
            time: 99,
        };
        let b = c.encode();
        assert_eq!(b.len(), PG_CONTROL_FILE_SIZE);
        assert_eq!(ControlFileData::decode(&b).expect("valid"), c);
        let mut bad = b.clone();
        bad[45] ^= 1;
        assert_eq!(ControlFileData::decode(&bad).expect_err("crc").message, "incorrect checksum in control file");
        let mut old = b.clone();
        old[8..12].copy_from_slice(&1300u32.to_le_bytes());
        let e = ControlFileData::decode(&old).expect_err("version");
        assert_eq!(e.message, "database files are incompatible with server");
    }
}
