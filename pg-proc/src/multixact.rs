//! Multixacts: several transactions locking one row at once (PostgreSQL's
//! `access/transam/multixact.c`, for lock-only multixacts).
//!
//! A row's `t_xmax` names one transaction. When a second one takes a
//! compatible lock on the row (two `FOR SHARE`, or `FOR KEY SHARE` beside
//! `FOR SHARE`), heapam stores a [`MultiXactId`] there instead, with
//! `HEAP_XMAX_IS_MULTI | HEAP_XMAX_LOCK_ONLY`, and this module remembers
//! which transactions (and in which [`MultiXactStatus`]) the id stands for.
//!
//! Design: the members live in shared memory only, in a fixed table of
//! entries (`2 * max_procs`, at least 64), each with room for one member
//! per proc slot, under one LWLock (MultiXactGenLock). Every member is a
//! *locker*; there are no update members here: an updater of a row that
//! others have locked waits for them (a NO KEY UPDATE does not run beside
//! FOR KEY SHARE lockers as it does in PostgreSQL). That makes an entry
//! disposable as soon as none of its members is running: a locker that
//! ended protects nothing. A full table recycles such entries; an id that
//! is not in the table (recycled, or made before a restart) has no members
//! and means "not locked", which is what PostgreSQL concludes for a
//! lock-only multixact whose members have all ended. That is also why
//! nothing here is WAL-logged: after a crash every member has ended.
//!
//! Ids must not repeat while a tuple may still carry an old one: the ids
//! come from [`set_multixact_id_source`] (transam's 64-bit counter, which
//! survives restarts) when registered, else from a counter in shared
//! memory (an id reused after a restart can then make a waiter wait for
//! an unrelated locker, never change what is visible).
//!
//! Whether a member is still running is asked of the hook transam
//! registered for `xact_lock_table_wait` (`lock::set_xact_wait_hooks`);
//! without it every member counts as running.
#![deny(clippy::undocumented_unsafe_blocks)]

use pg_error::{PgError, PgResult, SqlState};
use pg_shmem::LWLock;
use std::cell::Cell;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8, Ordering::Relaxed};
use std::sync::OnceLock;

/// MultiXactId: 64-bit, never wraps (0 is invalid).
pub type MultiXactId = u64;

/// How a member holds the row (PostgreSQL's `MultiXactStatus`, lock-only
/// values, with its numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum MultiXactStatus {
    /// SELECT ... FOR KEY SHARE.
    ForKeyShare = 0,
    /// SELECT ... FOR SHARE.
    ForShare = 1,
    /// SELECT ... FOR NO KEY UPDATE.
    ForNoKeyUpdate = 2,
    /// SELECT ... FOR UPDATE.
    ForUpdate = 3,
}

impl MultiXactStatus {
    fn from_u8(v: u8) -> MultiXactStatus {
        match v {
            0 => MultiXactStatus::ForKeyShare,
            1 => MultiXactStatus::ForShare,
            2 => MultiXactStatus::ForNoKeyUpdate,
            _ => MultiXactStatus::ForUpdate,
        }
    }

    /// Whether two row locks conflict (PostgreSQL's tuple lock table:
    /// KEY SHARE conflicts only with FOR UPDATE, SHARE with the two
    /// update modes, NO KEY UPDATE with all but KEY SHARE).
    pub fn conflicts_with(self, other: MultiXactStatus) -> bool {
        use MultiXactStatus::*;
        !matches!(
            (self.min(other), self.max(other)),
            (ForKeyShare, ForKeyShare | ForShare | ForNoKeyUpdate) | (ForShare, ForShare)
        )
    }
}

/// One member of a multixact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MultiXactMember {
    /// The locking transaction.
    pub xid: u64,
    /// How it holds the row.
    pub status: MultiXactStatus,
}

#[repr(C)]
struct Header {
    /// MultiXactGenLock: protects everything below and the entries.
    lock: LWLock,
    next_id: AtomicU64,
    n_entries: AtomicU32,
    max_members: AtomicU32,
}

/// One multixact (id 0: a free entry).
#[repr(C)]
struct Entry {
    id: AtomicU64,
    n_members: AtomicU32,
}

// SAFETY: repr(C) atomics and an LWLock; zero is a valid initial state.
unsafe impl pg_shmem::ShmemSafe for Header {}
// SAFETY: as above.
unsafe impl pg_shmem::ShmemSafe for Entry {}

#[derive(Clone, Copy)]
struct Table {
    header: &'static Header,
    entries: &'static [Entry],
    xids: &'static [AtomicU64],
    statuses: &'static [AtomicU8],
    max_members: usize,
}

thread_local! {
    static TABLE: Cell<Option<Table>> = const { Cell::new(None) };
}

static ID_SOURCE: OnceLock<fn() -> PgResult<u64>> = OnceLock::new();

/// Registers where new ids come from (a counter that survives restarts).
pub fn set_multixact_id_source(source: fn() -> PgResult<u64>) {
    let _ = ID_SOURCE.set(source);
}

struct Layout {
    entries: usize,
    xids: usize,
    statuses: usize,
    total: usize,
    n_entries: usize,
    max_members: usize,
}

fn layout(max_procs: usize) -> PgResult<Layout> {
    let max_members = max_procs.max(2);
    let n_entries = (2 * max_procs).max(64);
    let slots = pg_shmem::mul_size(n_entries, max_members)?;
    let a = |n: usize| -> PgResult<usize> { Ok(pg_shmem::add_size(n, 63)? & !63) };
    let entries = a(std::mem::size_of::<Header>())?;
    let xids = a(pg_shmem::add_size(entries, pg_shmem::mul_size(n_entries, std::mem::size_of::<Entry>())?)?)?;
    let statuses = a(pg_shmem::add_size(xids, pg_shmem::mul_size(slots, 8)?)?)?;
    let total = a(pg_shmem::add_size(statuses, slots)?)?;
    Ok(Layout { entries, xids, statuses, total, n_entries, max_members })
}

/// Shared memory for the multixact table of `max_procs` proc slots.
pub fn multixact_shmem_size(max_procs: usize) -> PgResult<usize> {
    Ok(layout(max_procs)?.total)
}

/// Creates (or attaches to) the multixact table in the current segment.
pub fn multixact_shmem_init(max_procs: usize) -> PgResult<()> {
    let l = layout(max_procs)?;
    let (base, found) = pg_shmem::shmem_init_struct("MultiXact Members", l.total)?;
    let base = base.as_ptr();
    let slots = l.n_entries * l.max_members;
    // SAFETY: the allocation is `l.total` bytes, 64-byte aligned and zeroed
    // on creation; each section starts at an aligned offset inside it (see
    // `layout`) and holds the given number of atomics, valid when zero.
    // The segment stays mapped for the life of the process.
    let t = unsafe {
        Table {
            header: &*(base as *const Header),
            entries: std::slice::from_raw_parts(base.add(l.entries) as *const Entry, l.n_entries),
            xids: std::slice::from_raw_parts(base.add(l.xids) as *const AtomicU64, slots),
            statuses: std::slice::from_raw_parts(base.add(l.statuses) as *const AtomicU8, slots),
            max_members: l.max_members,
        }
    };
    if !found {
        t.header.lock.init(pg_shmem::lwlock_register_tranche("MultiXactGen"));
        t.header.next_id.store(1, Relaxed);
        t.header.n_entries.store(l.n_entries as u32, Relaxed);
        t.header.max_members.store(l.max_members as u32, Relaxed);
    } else if t.header.max_members.load(Relaxed) as usize != l.max_members {
        return Err(PgError::internal("the multixact table has a different size"));
    }
    TABLE.with(|c| c.set(Some(t)));
    Ok(())
}

fn table() -> PgResult<Table> {
    TABLE.with(Cell::get).ok_or_else(|| PgError::internal("multixact table is not initialised"))
}

fn is_running(xid: u64) -> bool {
    crate::lock::lmgr::xid_is_in_progress(xid).unwrap_or(true)
}

impl Table {
    fn members_of(&self, entry: usize) -> Vec<MultiXactMember> {
        let n = (self.entries[entry].n_members.load(Relaxed) as usize).min(self.max_members);
        (0..n)
            .map(|k| {
                let slot = entry * self.max_members + k;
                MultiXactMember {
                    xid: self.xids[slot].load(Relaxed),
                    status: MultiXactStatus::from_u8(self.statuses[slot].load(Relaxed)),
                }
            })
            .collect()
    }

    fn find(&self, multi: MultiXactId) -> Option<usize> {
        self.entries.iter().position(|e| e.id.load(Relaxed) == multi)
    }
}

/// MultiXactIdCreateFromMembers: a new multixact for `members` (those no
/// longer running are left out; a transaction listed twice keeps its
/// strongest lock).
pub fn multixact_id_create(members: &[MultiXactMember]) -> PgResult<MultiXactId> {
    let t = table()?;
    let mut list: Vec<MultiXactMember> = Vec::new();
    for m in members {
        match list.iter_mut().find(|l| l.xid == m.xid) {
            Some(l) => l.status = l.status.max(m.status),
            None => list.push(*m),
        }
    }
    // Asked before taking the LWLock: the hook may read the proc array.
    list.retain(|m| is_running(m.xid));
    if list.len() > t.max_members {
        return Err(PgError::internal("too many members for one multixact"));
    }
    let id = match ID_SOURCE.get() {
        Some(source) => Some(source()?),
        None => None,
    };
    let free = {
        let _g = t.header.lock.acquire_shared();
        let free: Vec<usize> =
            t.entries.iter().enumerate().filter(|(_, e)| e.id.load(Relaxed) == 0).map(|(i, _)| i).collect();
        if free.is_empty() {
            // Entries whose members have all ended can go.
            let candidates: Vec<(usize, Vec<MultiXactMember>)> =
                (0..t.entries.len()).map(|i| (i, t.members_of(i))).collect();
            Some(candidates)
        } else {
            None
        }
    };
    let recyclable: Vec<usize> = match free {
        Some(candidates) => candidates
            .into_iter()
            .filter(|(_, members)| members.iter().all(|m| !is_running(m.xid)))
            .map(|(i, _)| i)
            .collect(),
        None => Vec::new(),
    };
    let _g = t.header.lock.acquire_exclusive();
    for &i in &recyclable {
        t.entries[i].id.store(0, Relaxed);
    }
    let Some(entry) = t.entries.iter().position(|e| e.id.load(Relaxed) == 0) else {
        return Err(PgError::new(SqlState::OUT_OF_MEMORY, "out of shared memory")
            .with_hint("Too many rows are locked by several transactions at once."));
    };
    let id = id.unwrap_or_else(|| t.header.next_id.fetch_add(1, Relaxed));
    for (k, m) in list.iter().enumerate() {
        let slot = entry * t.max_members + k;
        t.xids[slot].store(m.xid, Relaxed);
        t.statuses[slot].store(m.status as u8, Relaxed);
    }
    t.entries[entry].n_members.store(list.len() as u32, Relaxed);
    t.entries[entry].id.store(id, Relaxed);
    Ok(id)
}

/// GetMultiXactIdMembers: the members of `multi`; empty when the id is no
/// longer known (every member has ended: the row is not locked).
pub fn get_multixact_id_members(multi: MultiXactId) -> Vec<MultiXactMember> {
    let Ok(t) = table() else { return Vec::new() };
    let _g = t.header.lock.acquire_shared();
    t.find(multi).map(|i| t.members_of(i)).unwrap_or_default()
}

/// MultiXactIdExpand: a multixact with `multi`'s running members plus
/// `xid` in `status` (a member already there keeps the stronger lock).
pub fn multixact_id_expand(multi: MultiXactId, xid: u64, status: MultiXactStatus) -> PgResult<MultiXactId> {
    let mut members = get_multixact_id_members(multi);
    if members.iter().any(|m| m.xid == xid && m.status >= status) && members.iter().all(|m| is_running(m.xid)) {
        return Ok(multi);
    }
    members.push(MultiXactMember { xid, status });
    multixact_id_create(&members)
}

/// MultiXactIdIsRunning: whether some member still runs.
pub fn multixact_id_is_running(multi: MultiXactId) -> bool {
    get_multixact_id_members(multi).iter().any(|m| is_running(m.xid))
}

/// Do_MultiXactIdWait: waits for every member whose lock conflicts with
/// `wanted` (all of them with `None`), except the caller's own
/// transactions (`is_mine`).
pub fn multixact_id_wait(
    multi: MultiXactId,
    wanted: Option<MultiXactStatus>,
    is_mine: impl Fn(u64) -> bool,
) -> PgResult<()> {
    for m in get_multixact_id_members(multi) {
        if is_mine(m.xid) || wanted.is_some_and(|w| !w.conflicts_with(m.status)) {
            continue;
        }
        crate::lock::xact_lock_table_wait(m.xid)?;
    }
    Ok(())
}

/// ConditionalMultiXactIdWait: true when no conflicting member runs (no
/// wait).
pub fn conditional_multixact_id_wait(
    multi: MultiXactId,
    wanted: Option<MultiXactStatus>,
    is_mine: impl Fn(u64) -> bool,
) -> PgResult<bool> {
    for m in get_multixact_id_members(multi) {
        if is_mine(m.xid) || wanted.is_some_and(|w| !w.conflicts_with(m.status)) {
            continue;
        }
        if !crate::lock::conditional_xact_lock_table_wait(m.xid)? {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::MultiXactStatus::*;

    #[test]
    fn row_lock_conflicts_are_postgres() {
        let all = [ForKeyShare, ForShare, ForNoKeyUpdate, ForUpdate];
        let table: Vec<Vec<bool>> = all.iter().map(|a| all.iter().map(|b| a.conflicts_with(*b)).collect()).collect();
        assert_eq!(
            table,
            [
                [false, false, false, true],
                [false, false, true, true],
                [false, true, true, true],
                [true, true, true, true],
            ]
        );
    }
}
