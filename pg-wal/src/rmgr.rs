//! The resource manager registry (PostgreSQL's `access/rmgr.h`,
//! `rmgrlist.h`, `transam/rmgr.c`).
//!
//! Each kind of WAL record belongs to a resource manager that knows how to
//! replay it (`redo`) and describe it (`desc`, for logs and debugging).
//! The ids are PostgreSQL's. The table lives in process memory: the layers
//! that own records (pg-storage's heap, the transaction code, ...) register
//! their managers at start-up, before the postmaster forks, so every
//! process of the server, the startup process included, sees the same
//! table. Replaying a record whose manager is not registered is an error
//! (PostgreSQL: "resource manager data checksum" aside, an unknown rmid is
//! "invalid resource manager ID").

use pg_error::{PgError, PgResult, SqlState};
use std::sync::RwLock;

pub use crate::record::{DecodedBlock, DecodedRecord};

/// A resource manager id (`RmgrId`), with PostgreSQL's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RmgrId(pub u8);

impl RmgrId {
    /// `RM_XLOG_ID`: checkpoints, NEXTOID, full-page images.
    pub const XLOG: RmgrId = RmgrId(0);
    /// `RM_XACT_ID`: commit and abort records.
    pub const TRANSACTION: RmgrId = RmgrId(1);
    /// `RM_SMGR_ID`: relation file creation and truncation.
    pub const STORAGE: RmgrId = RmgrId(2);
    /// `RM_CLOG_ID`: commit log page zeroing.
    pub const CLOG: RmgrId = RmgrId(3);
    /// `RM_DBASE_ID`: CREATE/DROP DATABASE.
    pub const DATABASE: RmgrId = RmgrId(4);
    /// `RM_TBLSPC_ID`.
    pub const TABLESPACE: RmgrId = RmgrId(5);
    /// `RM_MULTIXACT_ID`.
    pub const MULTIXACT: RmgrId = RmgrId(6);
    /// `RM_RELMAP_ID`.
    pub const RELMAP: RmgrId = RmgrId(7);
    /// `RM_STANDBY_ID`.
    pub const STANDBY: RmgrId = RmgrId(8);
    /// `RM_HEAP2_ID`: prune, vacuum, multi-insert, ...
    pub const HEAP2: RmgrId = RmgrId(9);
    /// `RM_HEAP_ID`: insert, delete, update, lock, inplace.
    pub const HEAP: RmgrId = RmgrId(10);
    /// `RM_BTREE_ID`.
    pub const BTREE: RmgrId = RmgrId(11);
    /// `RM_HASH_ID`.
    pub const HASH: RmgrId = RmgrId(12);
    /// `RM_GIN_ID`.
    pub const GIN: RmgrId = RmgrId(13);
    /// `RM_GIST_ID`.
    pub const GIST: RmgrId = RmgrId(14);
    /// `RM_SEQ_ID`: sequences.
    pub const SEQUENCE: RmgrId = RmgrId(15);
    /// `RM_SPGIST_ID`.
    pub const SPGIST: RmgrId = RmgrId(16);
    /// `RM_BRIN_ID`.
    pub const BRIN: RmgrId = RmgrId(17);
    /// `RM_COMMIT_TS_ID`.
    pub const COMMIT_TS: RmgrId = RmgrId(18);
    /// `RM_REPLORIGIN_ID`.
    pub const REPLICATION_ORIGIN: RmgrId = RmgrId(19);
    /// `RM_GENERIC_ID`.
    pub const GENERIC: RmgrId = RmgrId(20);
    /// `RM_LOGICALMSG_ID`.
    pub const LOGICAL_MESSAGE: RmgrId = RmgrId(21);
}

/// What a resource manager provides (`RmgrData`, the parts we use).
#[derive(Clone, Copy, Debug)]
pub struct RmgrDef {
    /// The name PostgreSQL gives it (`"Heap"`, `"Transaction"`, ...).
    pub name: &'static str,
    /// Replays one record. Runs in the startup process, which has no
    /// transaction; it must be idempotent where pages are concerned
    /// (compare the page LSN with `record.end_lsn`, or use the buffer
    /// manager's `read_buffer_for_redo`).
    pub redo: fn(&DecodedRecord) -> PgResult<()>,
    /// One line describing the record, for logs (`rm_desc` and
    /// `rm_identify` together).
    pub desc: fn(&DecodedRecord) -> String,
}

static RMGR_TABLE: RwLock<Vec<Option<RmgrDef>>> = RwLock::new(Vec::new());

/// Registers (or replaces) the manager of `id`. Call at process start,
/// before the postmaster forks.
pub fn register_rmgr(id: RmgrId, def: RmgrDef) {
    let mut t = RMGR_TABLE.write().unwrap_or_else(|e| e.into_inner());
    if t.len() <= id.0 as usize {
        t.resize(id.0 as usize + 1, None);
    }
    t[id.0 as usize] = Some(def);
}

/// The manager registered for `id`, if any.
pub fn get_rmgr(id: RmgrId) -> Option<RmgrDef> {
    let t = RMGR_TABLE.read().unwrap_or_else(|e| e.into_inner());
    t.get(id.0 as usize).copied().flatten()
}

/// Replays `record` through its manager.
pub fn redo_record(record: &DecodedRecord) -> PgResult<()> {
    match get_rmgr(RmgrId(record.rmid())) {
        Some(def) => (def.redo)(record),
        None => Err(PgError::new(
            SqlState::DATA_CORRUPTED,
            format!("invalid resource manager ID {} at {}", record.rmid(), crate::record::fmt_lsn(record.lsn)),
        )),
    }
}

/// "rmgr: desc" for a record, as log lines about replay show it.
pub fn describe_record(record: &DecodedRecord) -> String {
    match get_rmgr(RmgrId(record.rmid())) {
        Some(def) => format!("{}: {}", def.name, (def.desc)(record)),
        None => format!("rmgr {}: info {:#x}", record.rmid(), record.info()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redo_ok(_: &DecodedRecord) -> PgResult<()> {
        Ok(())
    }
    fn desc(r: &DecodedRecord) -> String {
        format!("info {:#x}", r.info())
    }

    #[test]
    fn registered_managers_are_found_by_id() {
        register_rmgr(RmgrId::GENERIC, RmgrDef { name: "Generic", redo: redo_ok, desc });
        let mut rec = crate::record::assemble_record(20, 0x10, 0, &[], b"x").expect("fits");
        crate::record::finish_record(&mut rec, 0);
        let d = crate::record::decode_record(&rec, 8, 48).expect("valid");
        assert!(redo_record(&d).is_ok());
        assert_eq!(describe_record(&d), "Generic: info 0x10");
        let mut rec = crate::record::assemble_record(200, 0, 0, &[], &[]).expect("fits");
        crate::record::finish_record(&mut rec, 0);
        let d = crate::record::decode_record(&rec, 8, 48).expect("valid");
        assert_eq!(redo_record(&d).expect_err("none").message, "invalid resource manager ID 200 at 0/8");
    }
}
