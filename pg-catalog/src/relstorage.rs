//! Creating and dropping relations' files transactionally (PostgreSQL's
//! `catalog/storage.c`: `RelationCreateStorage`, `RelationDropStorage`,
//! `smgrDoPendingDeletes`, `smgrGetPendingDeletes`, `smgr_redo`).
//!
//! A new permanent relation's file is created at once and the creation is
//! WAL-logged (`XLOG_SMGR_CREATE`, resource manager Storage), so redo
//! recreates it before any record that writes into it. Files are never
//! removed at once: CREATE schedules a delete for abort, DROP a delete
//! for commit, and the transaction's end carries them out
//! ([`do_pending_deletes`]) after the commit or abort record, which lists
//! them ([`pending_deletes`]) so redo removes the same files. A
//! subtransaction's entries move to its parent when it commits and are
//! carried out (for abort) when it rolls back ([`at_subxact_end`]).
//!
//! [`register_storage_rmgr`] hooks them into the transaction manager
//! (`pg_wal::xact::register_xact_callback`): the pending deletes go into
//! the commit or abort record, are carried out after it (PostCommit,
//! PostAbort), follow subtransactions, and are replayed by the record's
//! redo.

use pg_error::{PgError, PgResult};
use pg_proc::xid::TransactionId;
use pg_storage::smgr::smgr_open;
use pg_wal::block::{ForkNumber, RelFileNode};
use pg_wal::record::DecodedRecord;
use pg_wal::rmgr::{register_rmgr, RmgrDef, RmgrId};
use pg_wal::xact::{register_xact_callback, XactCallback, XactEvent, XactRecordContents};
use std::cell::RefCell;

/// `XLOG_SMGR_CREATE` (info bits of a Storage record).
pub const XLOG_SMGR_CREATE: u8 = 0x10;
/// `XLOG_SMGR_TRUNCATE`.
pub const XLOG_SMGR_TRUNCATE: u8 = 0x20;

/// One scheduled file removal (`PendingRelDelete`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PendingDelete {
    rnode: RelFileNode,
    /// The owning backend of a temporary relation.
    backend: Option<i32>,
    /// Remove at commit (a DROP) rather than at abort (a CREATE).
    at_commit: bool,
    /// The transaction nesting level that scheduled it (1 = top level).
    nest_level: u32,
}

thread_local! {
    static PENDING: RefCell<Vec<PendingDelete>> = const { RefCell::new(Vec::new()) };
}

/// `xl_smgr_create`: the RelFileNode (spc, db, rel) then the fork number,
/// little-endian u32s as PostgreSQL lays the struct out.
fn encode_create(rnode: RelFileNode, fork: ForkNumber) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[0..4].copy_from_slice(&rnode.spc.to_le_bytes());
    b[4..8].copy_from_slice(&rnode.db.to_le_bytes());
    b[8..12].copy_from_slice(&rnode.rel.to_le_bytes());
    b[12..16].copy_from_slice(&(fork as u32).to_le_bytes());
    b
}

fn decode_create(data: &[u8]) -> Option<(RelFileNode, ForkNumber)> {
    let word = |i: usize| data.get(i..i + 4).map(|s| u32::from_le_bytes(s.try_into().expect("four bytes")));
    let rnode = RelFileNode { spc: word(0)?, db: word(4)?, rel: word(8)? };
    let fork = ForkNumber::from_u8(u8::try_from(word(12)?).ok()?)?;
    Some((rnode, fork))
}

/// `GetNewRelFileNode`: a new OID (from the cluster's counter) for a
/// relation file in `db` whose main fork does not exist yet. A file can be
/// there already: a transaction that created it may have died in a crash
/// before the XLOG NEXTOID record covering its OID reached the disk, so
/// the counter comes back below it (PostgreSQL leaves such orphans too,
/// and skips them here the same way).
pub fn get_new_relfilenode(db: pg_types::Oid, backend: Option<i32>) -> PgResult<pg_types::Oid> {
    loop {
        let oid = pg_wal::varsup::get_new_object_id()?;
        let rnode = RelFileNode { spc: pg_wal::block::DEFAULT_TABLESPACE_OID, db, rel: oid };
        if !smgr_open(rnode, backend).exists(ForkNumber::Main)? {
            return Ok(oid);
        }
        pg_error::check_for_interrupts()?;
    }
}

/// `RelationCreateStorage`: creates the main fork of a new relation,
/// WAL-logs the creation when the relation is permanent (`wal_log`), and
/// schedules the file's removal should the transaction (at `nest_level`)
/// abort.
pub fn relation_create_storage(
    rnode: RelFileNode,
    backend: Option<i32>,
    wal_log: bool,
    nest_level: u32,
) -> PgResult<()> {
    let smgr = smgr_open(rnode, backend);
    smgr.create(ForkNumber::Main, false)?;
    if wal_log {
        let data = encode_create(rnode, ForkNumber::Main);
        let mut rec = pg_wal::insert::XLogRecordBuilder::new();
        rec.register_data(&data);
        rec.insert(RmgrId::STORAGE, XLOG_SMGR_CREATE)?;
    }
    PENDING.with(|p| p.borrow_mut().push(PendingDelete { rnode, backend, at_commit: false, nest_level }));
    Ok(())
}

/// `RelationDropStorage`: schedules the relation's files for removal when
/// the transaction commits. (The caller drops the relation's buffers at
/// that point too, through the buffer manager's `drop_relation_buffers`.)
pub fn relation_drop_storage(rnode: RelFileNode, backend: Option<i32>, nest_level: u32) {
    PENDING.with(|p| p.borrow_mut().push(PendingDelete { rnode, backend, at_commit: true, nest_level }));
}

/// `smgrGetPendingDeletes`: the permanent relations whose files the
/// ending transaction removes, for its commit (`for_commit`) or abort
/// record. Temporary relations are not listed: redo never sees them.
pub fn pending_deletes(for_commit: bool) -> Vec<RelFileNode> {
    PENDING.with(|p| {
        p.borrow().iter().filter(|d| d.at_commit == for_commit && d.backend.is_none()).map(|d| d.rnode).collect()
    })
}

/// Removes a relation's files, after dropping its pages from the buffer
/// pool (shared or local) so nothing writes them back to a deleted file.
fn unlink_now(rnode: RelFileNode, backend: Option<i32>) {
    let smgr = smgr_open(rnode, backend);
    for fork in [ForkNumber::Main, ForkNumber::Fsm, ForkNumber::VisibilityMap, ForkNumber::Init] {
        if let Err(e) = pg_storage::bufmgr::drop_relation_buffers(&smgr, fork, 0) {
            tracing::warn!("could not drop the buffers of relation {}: {}", rnode.rel, e.message);
        }
    }
    if let Err(e) = smgr.unlink(false) {
        tracing::warn!("could not remove relation files of {}: {}", rnode.rel, e.message);
    }
}

/// `smgrDoPendingDeletes` at top-level commit or abort: removes the files
/// due now and forgets every entry. Runs after the commit/abort record is
/// durable; a failure to unlink is only a warning (the file is garbage,
/// not a hazard), as in PostgreSQL.
pub fn do_pending_deletes(is_commit: bool) {
    let due: Vec<PendingDelete> = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for d in due.into_iter().filter(|d| d.at_commit == is_commit) {
        unlink_now(d.rnode, d.backend);
    }
}

/// At the end of subtransaction `nest_level`: on commit its entries become
/// the parent's (`AtSubCommit_smgr`); on abort the files it created are
/// removed and the drops it scheduled forgotten (`AtSubAbort_smgr`).
pub fn at_subxact_end(is_commit: bool, nest_level: u32) {
    let mine: Vec<PendingDelete> = PENDING.with(|p| {
        let mut all = p.borrow_mut();
        let (mine, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|d| d.nest_level >= nest_level);
        *all = rest;
        mine
    });
    if is_commit {
        let parent = nest_level.saturating_sub(1).max(1);
        PENDING.with(|p| p.borrow_mut().extend(mine.into_iter().map(|d| PendingDelete { nest_level: parent, ..d })));
        return;
    }
    for d in mine.into_iter().filter(|d| !d.at_commit) {
        unlink_now(d.rnode, d.backend);
    }
}

/// Redo of a commit or abort record's dropped relations
/// (`DropRelationFiles` in `xact_redo_commit`): the transaction manager's
/// redo calls this with the record's list.
pub fn drop_relation_files_redo(rnodes: &[RelFileNode]) -> PgResult<()> {
    for &rnode in rnodes {
        let smgr = smgr_open(rnode, None);
        // The pages redo put in the buffer pool for this relation must not
        // be written back to the removed file (DropRelationsAllBuffers).
        for fork in [ForkNumber::Main, ForkNumber::Fsm, ForkNumber::VisibilityMap, ForkNumber::Init] {
            pg_storage::bufmgr::drop_relation_buffers(&smgr, fork, 0)?;
        }
        smgr.unlink(true)?;
    }
    Ok(())
}

/// `smgr_redo`: replays a Storage record.
fn smgr_redo(record: &DecodedRecord) -> PgResult<()> {
    match record.info() & 0xf0 {
        XLOG_SMGR_CREATE => {
            let (rnode, fork) = decode_create(&record.main_data)
                .ok_or_else(|| PgError::internal("XLOG_SMGR_CREATE record too short"))?;
            smgr_open(rnode, None).create(fork, true)
        }
        other => Err(PgError::internal(format!("smgr_redo: unknown op code {other:#x}"))),
    }
}

fn smgr_desc(record: &DecodedRecord) -> String {
    match (record.info() & 0xf0, decode_create(&record.main_data)) {
        (XLOG_SMGR_CREATE, Some((rnode, fork))) => format!("CREATE {}", rnode.path(None, fork)),
        (info, _) => format!("info {info:#x}"),
    }
}

fn collect_pending(is_commit: bool, contents: &mut XactRecordContents) {
    contents.dropped_rels.extend(pending_deletes(is_commit));
}

fn xact_event(event: XactEvent, nest_level: usize) {
    match event {
        XactEvent::PostCommit => do_pending_deletes(true),
        XactEvent::PostAbort => do_pending_deletes(false),
        XactEvent::SubCommit => at_subxact_end(true, nest_level as u32),
        XactEvent::SubAbort => at_subxact_end(false, nest_level as u32),
        XactEvent::PreCommit | XactEvent::Commit | XactEvent::Abort => {}
    }
}

fn xact_redo(_is_commit: bool, _xid: TransactionId, contents: &XactRecordContents) -> PgResult<()> {
    drop_relation_files_redo(&contents.dropped_rels)
}

/// Registers the Storage resource manager's redo and the transaction
/// callbacks that list and carry out the pending deletes (at process
/// start, before the postmaster forks).
pub fn register_storage_rmgr() {
    register_rmgr(RmgrId::STORAGE, RmgrDef { name: "Storage", redo: smgr_redo, desc: smgr_desc });
    register_xact_callback(XactCallback {
        name: "relation storage",
        collect: Some(collect_pending),
        event: Some(xact_event),
        redo: Some(xact_redo),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_record_round_trips() {
        let rnode = RelFileNode { spc: 1663, db: 5, rel: 16384 };
        let bytes = encode_create(rnode, ForkNumber::Main);
        assert_eq!(decode_create(&bytes), Some((rnode, ForkNumber::Main)));
        assert_eq!(decode_create(&bytes[..15]), None);
    }

    /// Creates are undone by abort, drops done by commit, and a
    /// subtransaction's entries follow its end.
    #[test]
    fn pending_deletes_follow_the_transaction() {
        let node = |rel| RelFileNode { spc: 1663, db: 5, rel };
        PENDING.with(|p| {
            let mut p = p.borrow_mut();
            p.clear();
            p.push(PendingDelete { rnode: node(1), backend: None, at_commit: false, nest_level: 1 });
            p.push(PendingDelete { rnode: node(2), backend: None, at_commit: true, nest_level: 1 });
            p.push(PendingDelete { rnode: node(3), backend: Some(4), at_commit: true, nest_level: 2 });
        });
        assert_eq!(pending_deletes(false), vec![node(1)]);
        assert_eq!(pending_deletes(true), vec![node(2)], "temporary relations are not WAL-logged");
        at_subxact_end(true, 2);
        assert!(PENDING.with(|p| p.borrow().iter().all(|d| d.nest_level == 1)));
        PENDING.with(|p| p.borrow_mut().clear());
    }
}
