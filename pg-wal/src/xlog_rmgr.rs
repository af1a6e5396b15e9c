//! The XLOG resource manager's records (PostgreSQL's `xlog_redo`,
//! `xlog_desc`, `XLogPutNextOid`, `log_newpage`): checkpoints, NEXTOID,
//! NOOP, and full-page images.
//!
//! Checkpoint and NEXTOID records need no page changes at redo: the
//! recovery loop reads the counters they carry itself. Replaying a
//! full-page image record needs the buffer manager, which lies above this
//! crate, so it registers the function that does it
//! ([`set_fpi_redo_hook`]).

use crate::block::{BlockNumber, ForkNumber, RelFileNode, XLogRecPtr, BLCKSZ};
use crate::control::CheckPoint;
use crate::insert::{XLogRecordBuilder, REGBUF_FORCE_IMAGE, REGBUF_STANDARD};
use crate::record::{fmt_lsn, DecodedRecord};
use crate::rmgr::{register_rmgr, RmgrDef, RmgrId};
use pg_error::{PgError, PgResult, SqlState};
use std::sync::RwLock;

/// `XLOG_CHECKPOINT_SHUTDOWN`.
pub const XLOG_CHECKPOINT_SHUTDOWN: u8 = 0x00;
/// `XLOG_CHECKPOINT_ONLINE`.
pub const XLOG_CHECKPOINT_ONLINE: u8 = 0x10;
/// `XLOG_NOOP`.
pub const XLOG_NOOP: u8 = 0x20;
/// `XLOG_NEXTOID`.
pub const XLOG_NEXTOID: u8 = 0x30;
/// `XLOG_FPI_FOR_HINT`: an image logged because a hint bit changed.
pub const XLOG_FPI_FOR_HINT: u8 = 0xA0;
/// `XLOG_FPI`: images of pages written outside the normal record flow.
pub const XLOG_FPI: u8 = 0xB0;

/// A redo function.
type RedoFn = fn(&DecodedRecord) -> PgResult<()>;

static FPI_REDO_HOOK: RwLock<Option<RedoFn>> = RwLock::new(None);

/// Registers the replay of full-page image records: the buffer manager
/// restores each block's image and stamps it with the record's end LSN.
pub fn set_fpi_redo_hook(hook: fn(&DecodedRecord) -> PgResult<()>) {
    *FPI_REDO_HOOK.write().unwrap_or_else(|e| e.into_inner()) = Some(hook);
}

/// Registers the XLOG resource manager. Every process does it at start
/// (pg-wal has no start-up hook of its own: the server calls this with the
/// other rmgr registrations).
pub fn register_xlog_rmgr() {
    register_rmgr(RmgrId::XLOG, RmgrDef { name: "XLOG", redo: xlog_redo, desc: xlog_desc });
}

fn xlog_redo(rec: &DecodedRecord) -> PgResult<()> {
    match rec.info() {
        XLOG_CHECKPOINT_SHUTDOWN | XLOG_CHECKPOINT_ONLINE | XLOG_NOOP | XLOG_NEXTOID => Ok(()),
        XLOG_FPI | XLOG_FPI_FOR_HINT => {
            let hook = *FPI_REDO_HOOK.read().unwrap_or_else(|e| e.into_inner());
            match hook {
                Some(f) => f(rec),
                None => Err(PgError::new(
                    SqlState::INTERNAL_ERROR,
                    format!("no buffer manager to replay the full-page image at {}", fmt_lsn(rec.lsn)),
                )),
            }
        }
        other => Err(PgError::new(SqlState::DATA_CORRUPTED, format!("xlog_redo: unknown op code {other}"))),
    }
}

fn xlog_desc(rec: &DecodedRecord) -> String {
    match rec.info() {
        XLOG_CHECKPOINT_SHUTDOWN | XLOG_CHECKPOINT_ONLINE => match CheckPoint::decode(&rec.main_data) {
            Some(cp) => format!(
                "CHECKPOINT_{} redo {}; tli {}; fpw {}; xid {}; oid {}; oldest running xid {}; {}",
                if rec.info() == XLOG_CHECKPOINT_SHUTDOWN { "SHUTDOWN" } else { "ONLINE" },
                fmt_lsn(cp.redo),
                cp.timeline,
                cp.full_page_writes,
                cp.next_xid,
                cp.next_oid,
                cp.oldest_active_xid,
                if rec.info() == XLOG_CHECKPOINT_SHUTDOWN { "shutdown" } else { "online" }
            ),
            None => "CHECKPOINT (invalid)".into(),
        },
        XLOG_NOOP => "NOOP".into(),
        XLOG_NEXTOID => format!("NEXTOID {}", next_oid_of(rec).unwrap_or(0)),
        XLOG_FPI | XLOG_FPI_FOR_HINT => {
            let blocks: Vec<String> = rec
                .blocks
                .iter()
                .map(|b| format!("rel {}/{}/{} blk {}", b.rnode.spc, b.rnode.db, b.rnode.rel, b.blkno))
                .collect();
            format!("{} {}", if rec.info() == XLOG_FPI { "FPI" } else { "FPI_FOR_HINT" }, blocks.join(", "))
        }
        other => format!("UNKNOWN ({other:#x})"),
    }
}

/// The OID a NEXTOID record carries.
pub fn next_oid_of(rec: &DecodedRecord) -> Option<u32> {
    (rec.info() == XLOG_NEXTOID && rec.main_data.len() == 4)
        .then(|| u32::from_le_bytes(rec.main_data[..4].try_into().expect("4 bytes")))
}

/// The checkpoint a checkpoint record carries.
pub fn checkpoint_of(rec: &DecodedRecord) -> Option<CheckPoint> {
    (rec.rmid() == RmgrId::XLOG.0 && matches!(rec.info(), XLOG_CHECKPOINT_SHUTDOWN | XLOG_CHECKPOINT_ONLINE))
        .then(|| CheckPoint::decode(&rec.main_data))
        .flatten()
}

/// Logs that OIDs up to `next_oid` may be in use (`XLogPutNextOid`): the
/// OID counter's caller logs a new value every 8192 OIDs, so that after a
/// crash recovery starts past every OID handed out. Not flushed here: a
/// commit that used such an OID flushes it.
pub fn log_next_oid(next_oid: u32) -> PgResult<XLogRecPtr> {
    let data = next_oid.to_le_bytes();
    let mut b = XLogRecordBuilder::new();
    b.register_data(&data);
    b.insert(RmgrId::XLOG, XLOG_NEXTOID)
}

/// Logs a whole page (`log_newpage`): for pages written without a record
/// of their own (a new relation's first pages when copied, an index built
/// outside the buffers). Returns the LSN to set on the page.
pub fn log_newpage(
    rnode: RelFileNode,
    fork: ForkNumber,
    blkno: BlockNumber,
    page: &[u8; BLCKSZ],
    page_std: bool,
) -> PgResult<XLogRecPtr> {
    let mut flags = REGBUF_FORCE_IMAGE;
    if page_std {
        flags |= REGBUF_STANDARD;
    }
    let mut b = XLogRecordBuilder::new();
    b.register_buffer(0, rnode, fork, blkno, page, flags);
    b.insert(RmgrId::XLOG, XLOG_FPI)
}

/// Inserts a checkpoint record; returns (start, end).
pub(crate) fn insert_checkpoint_record(info: u8, cp: &CheckPoint) -> PgResult<(XLogRecPtr, XLogRecPtr)> {
    let mut rec =
        crate::record::assemble_record(RmgrId::XLOG.0, info, 0, &[], &cp.encode()).map_err(|m| PgError::internal(m))?;
    let placed = crate::xlog::insert_record(&mut rec)?;
    Ok((placed.start, placed.end))
}
