//! The lock manager's front end for the rest of the server (PostgreSQL's
//! `storage/lmgr/lmgr.c`): relation, extension, page, tuple, transaction
//! and object locks by OID, as heapam, the catalog, DDL and the executor
//! take them.
//!
//! Three things these helpers need come from higher layers, registered at
//! start (the lock manager sits below them):
//! - which relations are shared catalogs (locked with database 0),
//!   [`set_is_shared_relation_hook`]; without it the list of PostgreSQL
//!   15's shared catalogs is used;
//! - processing shared invalidation messages after a new relation lock
//!   ([`set_accept_invalidation_messages_hook`], the catalog's
//!   `AcceptInvalidationMessages`);
//! - whether a transaction is still running and its topmost parent
//!   ([`set_xact_wait_hooks`], from transam), so that
//!   [`xact_lock_table_wait`] on a subtransaction's xid waits for its top
//!   transaction as PostgreSQL's does.

use super::{lock_acquire, lock_release, mark_lock_clear, my_database_id, LockAcquireResult, LockMode, LockTag};
use pg_error::PgResult;
use std::sync::OnceLock;

static IS_SHARED_RELATION: OnceLock<fn(u32) -> bool> = OnceLock::new();
static ACCEPT_INVALIDATION_MESSAGES: OnceLock<fn() -> PgResult<()>> = OnceLock::new();
/// `TransactionIdIsInProgress` and `SubTransGetTopmostTransaction`.
type XactWaitHooks = (fn(u64) -> bool, fn(u64) -> u64);
static XACT_WAIT_HOOKS: OnceLock<XactWaitHooks> = OnceLock::new();

/// Registers the catalog's `IsSharedRelation`.
pub fn set_is_shared_relation_hook(hook: fn(u32) -> bool) {
    let _ = IS_SHARED_RELATION.set(hook);
}

/// Registers `AcceptInvalidationMessages`, run after each new relation lock.
pub fn set_accept_invalidation_messages_hook(hook: fn() -> PgResult<()>) {
    let _ = ACCEPT_INVALIDATION_MESSAGES.set(hook);
}

/// Registers `TransactionIdIsInProgress` and `SubTransGetTopmostTransaction`.
pub fn set_xact_wait_hooks(is_in_progress: fn(u64) -> bool, topmost: fn(u64) -> u64) {
    let _ = XACT_WAIT_HOOKS.set((is_in_progress, topmost));
}

/// TransactionIdIsInProgress through transam's hook; None without it.
pub(crate) fn xid_is_in_progress(xid: u64) -> Option<bool> {
    XACT_WAIT_HOOKS.get().map(|(in_progress, _)| in_progress(xid))
}

/// PostgreSQL 15's shared catalogs, their indexes and TOAST tables.
const SHARED_RELATIONS: &[u32] = &[
    1213, 1214, 1260, 1261, 1262, 2396, 2964, 3592, 6000, 6100, 6243, // catalogs
    1232, 1233, 2397, 2671, 2672, 2676, 2677, 2694, 2695, 2697, 2698, 2965, 3593, 6001, 6002, 6114, 6115, 6246,
    6247, // indexes
    2846, 2847, 2966, 2967, 4060, 4061, 4175, 4176, 4177, 4178, 4181, 4182, 4183, 4184, 4185, 4186, 6244,
    6245,
    // TOAST tables and their indexes
];

/// IsSharedRelation.
pub fn is_shared_relation(relid: u32) -> bool {
    match IS_SHARED_RELATION.get() {
        Some(hook) => hook(relid),
        None => SHARED_RELATIONS.contains(&relid),
    }
}

/// SetLocktagRelationOid: the tag of a relation lock (database 0 for a
/// shared catalog).
pub fn relation_lock_tag(relid: u32) -> LockTag {
    let db = if is_shared_relation(relid) { 0 } else { my_database_id() };
    LockTag::relation(db, relid)
}

fn relation_db(relid: u32) -> u32 {
    relation_lock_tag(relid).field1
}

/// After a lock that was not held already, process invalidation messages
/// so the relation cache sees whatever the previous holder committed.
fn accept_invalidations(tag: &LockTag, mode: LockMode, res: LockAcquireResult) -> PgResult<()> {
    if res != LockAcquireResult::AlreadyClear {
        if let Some(hook) = ACCEPT_INVALIDATION_MESSAGES.get() {
            hook()?;
        }
        mark_lock_clear(tag, mode);
    }
    Ok(())
}

/// LockRelationOid.
pub fn lock_relation_oid(relid: u32, mode: LockMode) -> PgResult<()> {
    let tag = relation_lock_tag(relid);
    let res = lock_acquire(&tag, mode, false, false)?;
    accept_invalidations(&tag, mode, res)
}

/// ConditionalLockRelationOid: false when the lock is not free right now.
pub fn conditional_lock_relation_oid(relid: u32, mode: LockMode) -> PgResult<bool> {
    let tag = relation_lock_tag(relid);
    let res = lock_acquire(&tag, mode, false, true)?;
    if res == LockAcquireResult::NotAvail {
        return Ok(false);
    }
    accept_invalidations(&tag, mode, res)?;
    Ok(true)
}

/// UnlockRelationOid.
pub fn unlock_relation_oid(relid: u32, mode: LockMode) {
    lock_release(&relation_lock_tag(relid), mode, false);
}

/// LockRelationIdForSession: a relation lock held across transactions
/// until [`unlock_relation_id_for_session`].
pub fn lock_relation_id_for_session(relid: u32, mode: LockMode) -> PgResult<()> {
    lock_acquire(&relation_lock_tag(relid), mode, true, false).map(|_| ())
}

/// UnlockRelationIdForSession.
pub fn unlock_relation_id_for_session(relid: u32, mode: LockMode) {
    lock_release(&relation_lock_tag(relid), mode, true);
}

/// LockRelationForExtension: the right to add blocks to a relation
/// (ExclusiveLock while extending).
pub fn lock_relation_for_extension(relid: u32, mode: LockMode) -> PgResult<()> {
    lock_acquire(&LockTag::relation_extend(relation_db(relid), relid), mode, false, false).map(|_| ())
}

/// ConditionalLockRelationForExtension.
pub fn conditional_lock_relation_for_extension(relid: u32, mode: LockMode) -> PgResult<bool> {
    let res = lock_acquire(&LockTag::relation_extend(relation_db(relid), relid), mode, false, true)?;
    Ok(res != LockAcquireResult::NotAvail)
}

/// UnlockRelationForExtension.
pub fn unlock_relation_for_extension(relid: u32, mode: LockMode) {
    lock_release(&LockTag::relation_extend(relation_db(relid), relid), mode, false);
}

/// LockPage.
pub fn lock_page(relid: u32, block: u32, mode: LockMode) -> PgResult<()> {
    lock_acquire(&LockTag::page(relation_db(relid), relid, block), mode, false, false).map(|_| ())
}

/// ConditionalLockPage.
pub fn conditional_lock_page(relid: u32, block: u32, mode: LockMode) -> PgResult<bool> {
    let res = lock_acquire(&LockTag::page(relation_db(relid), relid, block), mode, false, true)?;
    Ok(res != LockAcquireResult::NotAvail)
}

/// UnlockPage.
pub fn unlock_page(relid: u32, block: u32, mode: LockMode) {
    lock_release(&LockTag::page(relation_db(relid), relid, block), mode, false);
}

/// LockTuple: the heavyweight tuple lock heapam takes while it waits for
/// a row's updater, so that waiters queue in order.
pub fn lock_tuple(relid: u32, block: u32, offset: u16, mode: LockMode) -> PgResult<()> {
    lock_acquire(&LockTag::tuple(relation_db(relid), relid, block, offset), mode, false, false).map(|_| ())
}

/// ConditionalLockTuple.
pub fn conditional_lock_tuple(relid: u32, block: u32, offset: u16, mode: LockMode) -> PgResult<bool> {
    let res = lock_acquire(&LockTag::tuple(relation_db(relid), relid, block, offset), mode, false, true)?;
    Ok(res != LockAcquireResult::NotAvail)
}

/// UnlockTuple.
pub fn unlock_tuple(relid: u32, block: u32, offset: u16, mode: LockMode) {
    lock_release(&LockTag::tuple(relation_db(relid), relid, block, offset), mode, false);
}

/// XactLockTableInsert: a transaction (or subtransaction) takes
/// ExclusiveLock on its own xid when it gets one; others wait on it.
pub fn xact_lock_table_insert(xid: u64) -> PgResult<()> {
    lock_acquire(&LockTag::transaction(xid), LockMode::Exclusive, false, false).map(|_| ())
}

/// XactLockTableDelete: a subtransaction's abort gives its xid lock back
/// early (the top transaction's locks go with [`super::lock_release_all`]).
pub fn xact_lock_table_delete(xid: u64) {
    lock_release(&LockTag::transaction(xid), LockMode::Exclusive, false);
}

/// XactLockTableWait: waits until transaction `xid` ends, by taking and
/// releasing ShareLock on its xid lock; a subtransaction that ended while
/// its top transaction runs makes the wait go on for the top one.
pub fn xact_lock_table_wait(xid: u64) -> PgResult<()> {
    let mut xid = xid;
    let mut first = true;
    loop {
        let tag = LockTag::transaction(xid);
        lock_acquire(&tag, LockMode::Share, false, false)?;
        lock_release(&tag, LockMode::Share, false);
        let Some((in_progress, topmost)) = XACT_WAIT_HOOKS.get() else { return Ok(()) };
        if !in_progress(xid) {
            return Ok(());
        }
        if !first {
            // The xid may be in the proc array a moment before its lock is
            // in the lock table: wait a little rather than spin.
            crate::interrupts::check_for_interrupts()?;
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        first = false;
        xid = topmost(xid);
    }
}

/// What a row wait was for (PostgreSQL's `XLTW_Oper`): it names the wait
/// in the CONTEXT line of any error raised while waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XltwOper {
    /// An UPDATE waits for the row's updater or locker.
    Update,
    /// A DELETE waits.
    Delete,
    /// A row lock (SELECT ... FOR UPDATE / SHARE) waits.
    Lock,
    /// A row lock waits on an updated version of the row.
    LockUpdated,
    /// An index insertion waits.
    InsertIndex,
    /// A unique check waits.
    InsertIndexUnique,
    /// EvalPlanQual's fetch of the updated row waits.
    FetchUpdated,
    /// An exclusion-constraint check waits.
    RecheckExclusionConstr,
}

/// Where a row wait happens: the row and why (XactLockTableWaitInfo).
#[derive(Clone, Copy, Debug)]
pub struct RowWaitContext<'a> {
    /// The relation's name.
    pub relname: &'a str,
    /// The row's block.
    pub block: u32,
    /// The row's offset.
    pub offset: u16,
    /// What the waiter was doing.
    pub oper: XltwOper,
}

impl RowWaitContext<'_> {
    /// XactLockTableWaitErrorCb's line.
    pub fn line(&self) -> String {
        let (b, o, r) = (self.block, self.offset, self.relname);
        match self.oper {
            XltwOper::Update => format!("while updating tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::Delete => format!("while deleting tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::Lock => format!("while locking tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::LockUpdated => format!("while locking updated version ({b},{o}) of tuple in relation \"{r}\""),
            XltwOper::InsertIndex => format!("while inserting index tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::InsertIndexUnique => format!("while checking uniqueness of tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::FetchUpdated => format!("while rechecking updated tuple ({b},{o}) in relation \"{r}\""),
            XltwOper::RecheckExclusionConstr => {
                format!("while checking exclusion constraint on tuple ({b},{o}) in relation \"{r}\"")
            }
        }
    }
}

/// XactLockTableWait with its `rel, ctid, oper` arguments: as
/// [`xact_lock_table_wait`], and an error while waiting (deadlock, lock
/// timeout, cancel) carries PostgreSQL's CONTEXT line.
pub fn xact_lock_table_wait_for(xid: u64, context: &RowWaitContext<'_>) -> PgResult<()> {
    xact_lock_table_wait(xid).map_err(|e| e.with_context(context.line()))
}

/// ConditionalXactLockTableWait: true when `xid` is not running (no wait).
pub fn conditional_xact_lock_table_wait(xid: u64) -> PgResult<bool> {
    let mut xid = xid;
    loop {
        let tag = LockTag::transaction(xid);
        if lock_acquire(&tag, LockMode::Share, false, true)? == LockAcquireResult::NotAvail {
            return Ok(false);
        }
        lock_release(&tag, LockMode::Share, false);
        let Some((in_progress, topmost)) = XACT_WAIT_HOOKS.get() else { return Ok(true) };
        if !in_progress(xid) {
            return Ok(true);
        }
        let top = topmost(xid);
        if top == xid {
            return Ok(false);
        }
        xid = top;
    }
}

/// LockDatabaseObject: a non-relation object of the current database.
pub fn lock_database_object(class_id: u32, obj_id: u32, obj_sub_id: u16, mode: LockMode) -> PgResult<()> {
    let tag = LockTag::object(my_database_id(), class_id, obj_id, obj_sub_id);
    let res = lock_acquire(&tag, mode, false, false)?;
    accept_invalidations(&tag, mode, res)
}

/// UnlockDatabaseObject.
pub fn unlock_database_object(class_id: u32, obj_id: u32, obj_sub_id: u16, mode: LockMode) {
    lock_release(&LockTag::object(my_database_id(), class_id, obj_id, obj_sub_id), mode, false);
}

/// LockSharedObject: a shared object (a role, a database, a tablespace).
pub fn lock_shared_object(class_id: u32, obj_id: u32, obj_sub_id: u16, mode: LockMode) -> PgResult<()> {
    let tag = LockTag::object(0, class_id, obj_id, obj_sub_id);
    let res = lock_acquire(&tag, mode, false, false)?;
    accept_invalidations(&tag, mode, res)
}

/// UnlockSharedObject.
pub fn unlock_shared_object(class_id: u32, obj_id: u32, obj_sub_id: u16, mode: LockMode) {
    lock_release(&LockTag::object(0, class_id, obj_id, obj_sub_id), mode, false);
}

/// The tag of `pg_advisory_lock(bigint)`: the key's halves, high first.
pub fn advisory_tag_int8(key: i64) -> LockTag {
    LockTag::advisory(my_database_id(), (key as u64 >> 32) as u32, key as u32, 1)
}

/// The tag of `pg_advisory_lock(int, int)`.
pub fn advisory_tag_int4(key1: i32, key2: i32) -> LockTag {
    LockTag::advisory(my_database_id(), key1 as u32, key2 as u32, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_wait_context_lines() {
        let c = |oper| RowWaitContext { relname: "dl", block: 0, offset: 1, oper }.line();
        assert_eq!(c(XltwOper::Update), "while updating tuple (0,1) in relation \"dl\"");
        assert_eq!(c(XltwOper::Lock), "while locking tuple (0,1) in relation \"dl\"");
        assert_eq!(c(XltwOper::LockUpdated), "while locking updated version (0,1) of tuple in relation \"dl\"");
    }
}
