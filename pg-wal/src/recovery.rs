//! Starting the WAL: crash recovery at server start (PostgreSQL's
//! `StartupXLOG`, `PerformWalRecovery`, `xlogrecovery.c`) and the very
//! first WAL of a new cluster (`BootStrapXLOG`).
//!
//! Recovery reads `pg_control`, finds the last checkpoint record, and if
//! the server did not shut down cleanly (or WAL follows the checkpoint)
//! replays every record from the checkpoint's REDO point to the end of the
//! valid WAL through the registered resource managers, while following the
//! transaction id and OID counters the records show. It then positions WAL
//! insertion right after the last valid record, hands the counters to the
//! transaction code, and, after a crash, writes the end-of-recovery
//! checkpoint, which flushes what replay changed.

use crate::block::XLogRecPtr;
use crate::checkpoint::{self, NextIds, CHECKPOINT_END_OF_RECOVERY, CHECKPOINT_FORCE, CHECKPOINT_IMMEDIATE};
use crate::control::{self, CheckPoint, ControlFileData, DbState};
use crate::reader::XLogReader;
use crate::record::fmt_lsn;
use crate::rmgr::{describe_record, redo_record, RmgrId};
use crate::xlog::{
    self, segment_file_name, segment_of, XLogPageHeader, WAL_SEGMENT_SIZE, XLOG_BLCKSZ, XLOG_PAGE_MAGIC,
};
use crate::xlog_rmgr::{checkpoint_of, next_oid_of, XLOG_CHECKPOINT_SHUTDOWN};
use pg_error::{PgError, PgResult, Severity, SqlState};
use std::os::unix::fs::FileExt;

/// What startup found and did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartupResult {
    /// The counters to continue from (also handed to the transaction
    /// code's `set` hook, when registered).
    pub next_ids: NextIds,
    /// Where the valid WAL ended: the next record goes there.
    pub end_of_log: XLogRecPtr,
    /// Whether crash recovery ran.
    pub crash_recovery: bool,
    /// How many records were replayed.
    pub records_replayed: u64,
}

fn panic_err(msg: String) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, msg).with_severity(Severity::Panic)
}

fn fmt_time(t: i64) -> String {
    // Seconds since 1970 as "YYYY-MM-DD HH:MM:SS UTC" without a date crate.
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Work for the end of replay.
type AfterRedoHook = fn(&StartupResult) -> PgResult<()>;

static AFTER_REDO_HOOKS: std::sync::RwLock<Vec<(&'static str, AfterRedoHook)>> = std::sync::RwLock::new(Vec::new());

/// Registers work for the end of replay, after the counters are installed
/// and WAL insertion is allowed, before the end-of-recovery checkpoint
/// (the transaction code's `StartupCLOG`/`StartupSUBTRANS`). Registering a
/// name again replaces the earlier hook.
pub fn register_after_redo_hook(name: &'static str, hook: AfterRedoHook) {
    let mut hooks = AFTER_REDO_HOOKS.write().unwrap_or_else(|e| e.into_inner());
    match hooks.iter_mut().find(|(n, _)| *n == name) {
        Some(h) => h.1 = hook,
        None => hooks.push((name, hook)),
    }
}

/// Runs at server start, in the startup process (`StartupXLOG`). Needs
/// the WAL's shared memory and the data directory; the resource managers
/// of every record kind that may be in the WAL must be registered. Any
/// failure is FATAL or PANIC: the server cannot start.
pub fn startup_xlog() -> PgResult<StartupResult> {
    let mut control = control::read_control_file()?;
    match control.state {
        DbState::Shutdowned => tracing::info!("database system was shut down at {}", fmt_time(control.time)),
        DbState::Shutdowning => {
            tracing::info!("database system shutdown was interrupted; last known up at {}", fmt_time(control.time))
        }
        DbState::InCrashRecovery => tracing::info!(
            hint = "This probably means that some data is corrupted and you will have to use the last backup for recovery.",
            "database system was interrupted while in recovery at {}",
            fmt_time(control.time)
        ),
        _ => tracing::info!("database system was interrupted; last known up at {}", fmt_time(control.time)),
    }
    let sysid = control.system_identifier;
    let wal_dir = xlog::wal_dir()?;
    remove_temp_xlog_files(&wal_dir);
    let mut reader = XLogReader::new(&wal_dir, Some(sysid));
    reader.begin_read(control.checkpoint, None);
    let Some(rec) = reader.read_record() else {
        return Err(panic_err(format!(
            "could not locate a valid checkpoint record at {}: {}",
            fmt_lsn(control.checkpoint),
            reader.end_reason().unwrap_or("")
        )));
    };
    let Some(cp) = checkpoint_of(&rec) else {
        return Err(panic_err(format!("invalid checkpoint record at {}", fmt_lsn(control.checkpoint))));
    };
    if cp.redo > control.checkpoint {
        return Err(panic_err(format!("invalid redo in checkpoint record at {}", fmt_lsn(control.checkpoint))));
    }
    let wal_after_checkpoint = reader.read_record().is_some();
    let need_recovery = control.state != DbState::Shutdowned || cp.redo < control.checkpoint || wal_after_checkpoint;
    let mut ids = NextIds { next_xid: cp.next_xid, next_oid: cp.next_oid, oldest_active_xid: 0 };
    // The transaction code's redo (commit records) advances the shared
    // counters itself, so they start from the checkpoint's.
    checkpoint::set_next_ids(ids)?;
    let mut replayed = 0u64;
    if need_recovery {
        tracing::info!("database system was not properly shut down; automatic recovery in progress");
        control.state = DbState::InCrashRecovery;
        control::write_control_file(&mut control, false)?;
        reader.begin_read(cp.redo, None);
        let started = std::time::Instant::now();
        let mut first = true;
        while let Some(rec) = reader.read_record() {
            if first {
                tracing::info!("redo starts at {}", fmt_lsn(rec.lsn));
                first = false;
            }
            follow_counters(&mut ids, &rec);
            redo_record(&rec).map_err(|e| {
                e.with_severity(Severity::Fatal).with_context(format!(
                    "WAL redo at {} for {}",
                    fmt_lsn(rec.lsn),
                    describe_record(&rec)
                ))
            })?;
            replayed += 1;
        }
        let reason = reader.end_reason().unwrap_or("").to_string();
        if !reason.is_empty() {
            tracing::info!("{reason}");
        }
        tracing::info!(
            "redo done at {} system usage: elapsed: {:.2} s; {} records",
            fmt_lsn(reader.read_rec_ptr()),
            started.elapsed().as_secs_f64(),
            replayed
        );
    }
    if let Ok(x) = crate::varsup::read_next_full_xid() {
        ids.next_xid = ids.next_xid.max(x);
    }
    let end_of_log = reader.end_rec_ptr();
    let last_rec = reader.read_rec_ptr();
    zero_stale_tail(end_of_log)?;
    let off = end_of_log % XLOG_BLCKSZ as u64;
    let last_page = if off != 0 {
        Some(
            reader
                .read_page(end_of_log - off)
                .map_err(|m| panic_err(format!("could not read the last WAL page: {m}")))?,
        )
    } else {
        None
    };
    xlog::start_insertion(end_of_log, last_rec, cp.redo, last_page.as_deref().map(|p| &p[..]), sysid)?;
    checkpoint::set_next_ids(ids)?;
    let after: Vec<AfterRedoHook> =
        AFTER_REDO_HOOKS.read().unwrap_or_else(|e| e.into_inner()).iter().map(|h| h.1).collect();
    let result = StartupResult { next_ids: ids, end_of_log, crash_recovery: need_recovery, records_replayed: replayed };
    for hook in after {
        hook(&result)?;
    }
    if need_recovery {
        checkpoint::create_checkpoint(CHECKPOINT_END_OF_RECOVERY | CHECKPOINT_IMMEDIATE | CHECKPOINT_FORCE)?;
    } else {
        let mut control = control::read_control_file()?;
        control.state = DbState::InProduction;
        control::write_control_file(&mut control, false)?;
    }
    Ok(result)
}

/// Removes segment files a crash left half-made (`RemoveTempXlogFiles`):
/// they were never given a segment's name, so nothing refers to them.
fn remove_temp_xlog_files(wal_dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(wal_dir) else { return };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with("xlogtemp.") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Advances the counters past what a replayed record shows
/// (`AdvanceNextFullTransactionIdPastXid`, NEXTOID and checkpoint redo).
fn follow_counters(ids: &mut NextIds, rec: &crate::record::DecodedRecord) {
    if rec.xid() != 0 && rec.xid() >= ids.next_xid {
        ids.next_xid = rec.xid() + 1;
    }
    if rec.rmid() == RmgrId::XLOG.0 {
        if let Some(oid) = next_oid_of(rec) {
            ids.next_oid = oid;
        }
        if let Some(cp) = checkpoint_of(rec) {
            if rec.info() == XLOG_CHECKPOINT_SHUTDOWN {
                ids.next_xid = cp.next_xid;
                ids.next_oid = cp.next_oid;
            } else {
                ids.next_xid = ids.next_xid.max(cp.next_xid);
            }
        }
    }
}

/// Zeroes WAL pages after the end of the valid WAL that still look like
/// ours (the rest of a record that was torn, written before the crash):
/// new records will be written over that stretch, and the reader must
/// never follow our new records into the old ones
/// (PostgreSQL solves the same with XLOG_OVERWRITE_CONTRECORD).
fn zero_stale_tail(end_of_log: XLogRecPtr) -> PgResult<()> {
    let page = XLOG_BLCKSZ as u64;
    let next_page = end_of_log.div_ceil(page) * page;
    let segno = segment_of(next_page);
    let path = xlog::wal_dir()?.join(segment_file_name(segno));
    let Ok(f) = std::fs::OpenOptions::new().read(true).write(true).open(&path) else { return Ok(()) };
    let mut hdr = [0u8; 40];
    if f.read_exact_at(&mut hdr, next_page % WAL_SEGMENT_SIZE).is_err() {
        return Ok(());
    }
    let h = XLogPageHeader::read_from(&hdr);
    if h.magic != XLOG_PAGE_MAGIC || h.pageaddr != next_page {
        return Ok(());
    }
    let io = |what: &str| {
        let what = format!("{what} \"{}\"", path.display());
        move |e: std::io::Error| PgError::new(SqlState::IO_ERROR, format!("{what}: {e}")).with_severity(Severity::Panic)
    };
    let zeros = vec![0u8; XLOG_BLCKSZ * 16];
    let mut off = next_page % WAL_SEGMENT_SIZE;
    while off < WAL_SEGMENT_SIZE {
        let n = (WAL_SEGMENT_SIZE - off).min(zeros.len() as u64) as usize;
        f.write_all_at(&zeros[..n], off).map_err(io("could not write to file"))?;
        off += n as u64;
    }
    if pg_guc::vars::FSYNC.get() {
        f.sync_all().map_err(io("could not fsync file"))?;
    }
    tracing::info!("zeroed the WAL after {} left by an interrupted write", fmt_lsn(end_of_log));
    Ok(())
}

/// A new system identifier (`BootStrapXLOG`): the time in seconds and
/// microseconds and the process id, so that two clusters made on one
/// machine differ.
pub fn new_system_identifier() -> u64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    (d.as_secs() << 32) | (u64::from(d.subsec_micros()) << 12) | (u64::from(std::process::id()) & 0xFFF)
}

/// Starts the WAL of a new cluster (`BootStrapXLOG`): `pg_wal/` and
/// `global/` are created if missing, the first record (a shutdown
/// checkpoint carrying `next_ids`) goes at the start of segment 1, and
/// `global/pg_control` is written pointing at it. WAL insertion is allowed
/// afterwards, in this process and any forked from it. Needs the WAL's
/// shared memory (`xlog::shmem_init` in a standalone segment) and the data
/// directory (`xlog::set_data_directory`). Returns the system identifier.
pub fn bootstrap_xlog(next_ids: NextIds) -> PgResult<u64> {
    let data = xlog::data_directory().ok_or_else(|| PgError::internal("the data directory of the WAL is not set"))?;
    for dir in [data.join("pg_wal"), data.join("global")] {
        std::fs::create_dir_all(&dir).map_err(|e| {
            PgError::fatal(SqlState::IO_ERROR, format!("could not create directory \"{}\": {e}", dir.display()))
        })?;
    }
    let sysid = new_system_identifier();
    xlog::start_insertion(WAL_SEGMENT_SIZE, 0, 0, None, sysid)?;
    let g = xlog::insert_lock()?;
    let redo = g.next_record_start();
    g.set_redo_rec_ptr(redo);
    let cp = CheckPoint {
        redo,
        timeline: xlog::TIMELINE,
        full_page_writes: pg_guc::vars::FULL_PAGE_WRITES.get(),
        next_xid: next_ids.next_xid,
        next_oid: next_ids.next_oid,
        oldest_active_xid: 0,
        time: control::now(),
    };
    let mut rec = crate::record::assemble_record(RmgrId::XLOG.0, XLOG_CHECKPOINT_SHUTDOWN, 0, &[], &cp.encode())
        .map_err(PgError::internal)?;
    let placed = g.insert(&mut rec)?;
    drop(g);
    xlog::xlog_flush(placed.end)?;
    let mut c = ControlFileData::new(sysid);
    c.state = DbState::Shutdowned;
    c.checkpoint = placed.start;
    c.checkpoint_copy = cp;
    control::write_control_file(&mut c, true)?;
    xlog::set_redo_segment(segment_of(redo));
    checkpoint::set_next_ids(next_ids)?;
    Ok(sysid)
}
