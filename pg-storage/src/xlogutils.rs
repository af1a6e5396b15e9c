//! Buffers for WAL redo (PostgreSQL's `access/transam/xlogutils.c`:
//! `XLogReadBufferForRedo`, `XLogInitBufferForRedo`,
//! `XLogReadBufferExtended`).
//!
//! A redo function asks for each block its record references.
//! [`read_buffer_for_redo`] restores a full-page image when the record
//! carries one to apply ([`RedoAction::Restored`]: nothing left to do),
//! skips a page that already has the change (its LSN is at or past the
//! record's: [`RedoAction::Done`], which makes replay idempotent), and
//! otherwise hands back the page locked exclusively
//! ([`RedoAction::NeedsRedo`]): the redo function changes it, stamps it
//! with `record.end_lsn` and marks it dirty. A record that initialises its
//! page (`will_init`) gets a zeroed page without reading the old one.
//!
//! Replay may meet blocks of relations that a later record drops, or
//! blocks past the end of a file that a later record truncated: the file
//! is created if missing, a page that must be initialised is added at
//! the end (zero pages fill any gap), and a block that should exist but
//! does not is [`RedoAction::NotFound`] (the redo function skips it).
//!
//! **Difference from PostgreSQL.** PostgreSQL remembers not-found blocks
//! (`log_invalid_page`) and PANICs at the end of recovery if their
//! relation still exists; here they are skipped without that check.
#![forbid(unsafe_code)]

use pg_error::{PgError, PgResult};
use pg_wal::block::{BlockNumber, ForkNumber, RelFileNode, BLCKSZ};
use pg_wal::record::DecodedRecord;

use crate::bufmgr::{read_buffer_without_relcache, read_buffer_zero_and_lock, PageWriteGuard, ReadBufferMode};
use crate::smgr::smgr_open;

/// What redo should do with a block (`XLogRedoAction`).
pub enum RedoAction {
    /// The record's full-page image was restored (`BLK_RESTORED`).
    Restored,
    /// The page already has this record's change (`BLK_DONE`).
    Done,
    /// Apply the change to this page, then `set_lsn(record.end_lsn)` and
    /// `mark_dirty` (`BLK_NEEDS_REDO`).
    NeedsRedo(PageWriteGuard<'static>),
    /// The block does not exist (`BLK_NOTFOUND`): its relation was dropped
    /// or truncated later in the WAL.
    NotFound,
}

impl std::fmt::Debug for RedoAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RedoAction::Restored => "Restored",
            RedoAction::Done => "Done",
            RedoAction::NeedsRedo(_) => "NeedsRedo",
            RedoAction::NotFound => "NotFound",
        })
    }
}

/// `XLogReadBufferExtended`: the block, pinned, for redo. `init`: the page
/// will be initialised, so it is zeroed and locked instead of read, and the
/// relation is extended to include it if needed. `None` when a block that
/// must be read does not exist.
pub fn read_buffer_extended_for_redo(
    rnode: RelFileNode,
    fork: ForkNumber,
    blkno: BlockNumber,
    init: bool,
) -> PgResult<Option<PageWriteGuard<'static>>> {
    let smgr = smgr_open(rnode, None);
    if !smgr.exists(fork)? {
        smgr.create(fork, true)?;
    }
    let nblocks = smgr.nblocks(fork)?;
    if blkno < nblocks {
        if init {
            return Ok(Some(read_buffer_zero_and_lock(smgr, true, fork, blkno)?));
        }
        let pin = read_buffer_without_relcache(rnode, fork, blkno, ReadBufferMode::Normal)?;
        return Ok(Some(pin.into_write_guard()));
    }
    if !init {
        return Ok(None);
    }
    // Extend with zero pages up to and including the block.
    let zeros = Box::new([0u8; BLCKSZ]);
    for b in nblocks..=blkno {
        smgr.extend(fork, b, &zeros, false)?;
    }
    Ok(Some(read_buffer_zero_and_lock(smgr, true, fork, blkno)?))
}

/// `XLogReadBufferForRedo`: see the module doc.
pub fn read_buffer_for_redo(record: &DecodedRecord, block_id: u8) -> PgResult<RedoAction> {
    let Some(block) = record.block(block_id) else {
        return Err(PgError::internal(format!("failed to locate backup block with ID {block_id} in WAL record")));
    };
    if block.has_image_to_apply() {
        let image = block.restore_image().expect("has an image");
        let Some(mut g) = read_buffer_extended_for_redo(block.rnode, block.fork, block.blkno, true)? else {
            unreachable!("init mode always returns a buffer")
        };
        g.bytes_mut().copy_from_slice(&image[..]);
        // The image's LSN is the one it had when logged; the page now
        // reflects this record (PostgreSQL stamps the record's end too).
        g.set_lsn(record.end_lsn);
        g.mark_dirty();
        return Ok(RedoAction::Restored);
    }
    let Some(g) = read_buffer_extended_for_redo(block.rnode, block.fork, block.blkno, block.will_init)? else {
        return Ok(RedoAction::NotFound);
    };
    // Pages are stamped with the end of the record that last changed them.
    if !block.will_init && record.end_lsn <= g.lsn() {
        return Ok(RedoAction::Done);
    }
    Ok(RedoAction::NeedsRedo(g))
}

/// `XLogInitBufferForRedo`: the zeroed, locked page of a block whose
/// record initialises it (`will_init`).
pub fn init_buffer_for_redo(record: &DecodedRecord, block_id: u8) -> PgResult<PageWriteGuard<'static>> {
    let Some(block) = record.block(block_id) else {
        return Err(PgError::internal(format!("failed to locate backup block with ID {block_id} in WAL record")));
    };
    Ok(read_buffer_extended_for_redo(block.rnode, block.fork, block.blkno, true)?
        .expect("init mode always returns a buffer"))
}
