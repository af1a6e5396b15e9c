//! The heavyweight lock manager (PostgreSQL's `storage/lmgr/lock.c`,
//! `proc.c`'s ProcSleep/ProcLockWakeup, `deadlock.c` and `lmgr.c`).
//!
//! # What it does
//!
//! A lock names an object with a [`LockTag`] (a relation, a page, a tuple,
//! a transaction id, an advisory key, ...) and is taken in one of the eight
//! [`LockMode`]s, whose conflicts are PostgreSQL's table. [`lock_acquire`]
//! grants at once when nothing conflicts, returns
//! [`LockAcquireResult::NotAvail`] when asked not to wait, and otherwise
//! queues the process and sleeps on its shared latch ([`crate::latch`])
//! until a releaser grants it the lock, the statement is cancelled or times
//! out (`statement_timeout`, `lock_timeout`: 55P03), or the deadlock check
//! finds it in a cycle (40P01). [`lock_release`] gives one count back;
//! [`lock_release_all`] ends a transaction's locks.
//!
//! # Structure
//!
//! - [`tag`]: tags, modes, the conflict table.
//! - `table`: the shared memory (LOCK and PROCLOCK entries in 16 hash
//!   partitions, each under its own LWLock; per-process fast-path slots
//!   and wait state; the strong-lock counters). Its header says which lock
//!   protects which field.
//! - this module: the per-backend LOCALLOCK table (how many times, and for
//!   which resource owners, this process holds each (tag, mode)), acquire,
//!   wait, release, and resource-owner integration.
//! - `deadlock`: the waits-for graph and the 40P01 report.
//! - [`lmgr`]: the helpers other subsystems call (`lock_relation_oid`,
//!   `xact_lock_table_wait`, tuple and extension locks, advisory keys).
//! - [`status`]: the rows of `pg_locks` and `pg_blocking_pids`.
//!
//! # The rules, as PostgreSQL's
//!
//! - A request is granted when its mode conflicts with no mode held by
//!   another process and with no mode already waited for (so a stream of
//!   weak requests cannot starve a queued strong one). A process's own
//!   holdings never conflict with it.
//! - A waiter joins the queue at the end, except that a process already
//!   holding a mode some waiter is blocked by goes in front of that waiter
//!   (and takes the lock at once if nothing ahead conflicts); if the waiter
//!   holds what it needs too, that is a deadlock, reported at once.
//! - A release wakes, in queue order, every waiter whose request conflicts
//!   neither with what is held nor with the request of a waiter before it.
//! - Fast path: AccessShare, RowShare and RowExclusive on a relation of the
//!   current database go into one of 16 slots in the process's own entry
//!   (under its own LWLock, touching no shared partition) unless a strong
//!   lock (ShareLock and above) on a relation hashing to the same one of
//!   1024 counters exists. A strong locker raises that counter first, then
//!   moves every process's matching fast-path locks into the main table,
//!   so that its conflict check sees them.
//! - Locks belong to the current resource owner (`session_lock` ones to
//!   nobody): a subtransaction's commit hands its locks to the parent, its
//!   abort releases them, and the top transaction's end releases all but
//!   session locks (and, at abort, session locks of the default method:
//!   advisory session locks survive an abort).
//!
//! # Differences from PostgreSQL
//!
//! - The deadlock check breaks a cycle through soft edges (an earlier
//!   waiter in the queue) by reordering wait queues greedily, one reversal
//!   per cycle found, where PostgreSQL searches every combination (see
//!   `deadlock`).
//! - `lock_timeout` and `deadlock_timeout` are deadlines of the wait loop
//!   itself (it sleeps on the latch until the earlier one), not entries in
//!   `crate::timeout`; the result is the same, and no SIGALRM is needed.
//! - No lock groups (parallel query), no prepared transactions.
//! - The 64-bit transaction id of a transaction lock is split over two tag
//!   fields; `pg_locks.transactionid` shows the whole value.
//! - The process's virtual transaction id is published on its first lock
//!   of each transaction (from `pg_error::elog::virtual_xid`), and shown as
//!   a fast-path `virtualxid` lock from then until the transaction ends.
//! - Before the lock table exists in a process (single-process tools,
//!   unit tests of higher layers), acquiring succeeds without recording
//!   anything: there is no one to conflict with.
#![deny(clippy::undocumented_unsafe_blocks)]

mod deadlock;
pub mod lmgr;
pub mod status;
mod table;
pub mod tag;

pub use lmgr::*;
pub use tag::{LockMethod, LockMode, LockTag, LockTagType, ALL_LOCK_MODES};

use crate::resowner::{self, ResourceOwner};
use pg_error::{PgError, PgResult, Severity, SqlState};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::Ordering::{Relaxed, SeqCst};
use std::time::{Duration, Instant};
use table::{LockProc, LockTable, FP_LOCK_SLOTS_PER_BACKEND, FP_STRONG_LOCK_PARTITIONS, WAIT_NONE, WAIT_OK};

/// What [`lock_acquire`] did (PostgreSQL's `LockAcquireResult`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockAcquireResult {
    /// `dont_wait` was set and the lock is held by someone else.
    NotAvail,
    /// The lock was acquired now.
    Acquired,
    /// This process already held it (one more count was added).
    AlreadyHeld,
    /// Already held, and marked clear by [`mark_lock_clear`] (shared
    /// invalidation messages were processed after it was taken).
    AlreadyClear,
}

/// LOCALLOCK: what this process holds of one (tag, mode).
struct LocalLock {
    /// Total count over all owners.
    n_locks: u32,
    /// Count per owner; `None` is the session.
    owners: Vec<(Option<ResourceOwner>, u32)>,
    /// This lock raised a strong-lock counter, lowered at its release.
    holds_strong: bool,
    /// See [`mark_lock_clear`].
    lock_clear: bool,
}

impl LocalLock {
    fn add_owner(&mut self, owner: Option<ResourceOwner>) {
        self.n_locks += 1;
        match self.owners.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, n)) => *n += 1,
            None => self.owners.push((owner, 1)),
        }
    }
}

type LocalKey = (LockTag, LockMode);

thread_local! {
    static LOCAL_LOCKS: RefCell<HashMap<LocalKey, LocalLock>> = RefCell::new(HashMap::new());
}

/// Shared memory of the lock manager for `max_procs` proc slots, sized by
/// `max_locks_per_transaction` (LockManagerShmemSize).
pub fn lock_shmem_size(max_procs: usize) -> PgResult<usize> {
    let per_xact = pg_guc::vars::MAX_LOCKS_PER_TRANSACTION.get().max(10) as usize;
    table::shmem_size(max_procs, per_xact)
}

/// Creates (or attaches to) the lock table in the current segment
/// (InitLocks). Call with the same `max_procs` as [`lock_shmem_size`].
pub fn lock_shmem_init(max_procs: usize) -> PgResult<()> {
    let per_xact = pg_guc::vars::MAX_LOCKS_PER_TRANSACTION.get().max(10) as usize;
    table::shmem_init(max_procs, per_xact)
}

/// InitProcess's part for locks: the slot's fast-path and wait state start
/// empty. Called by `procarray::init_process` once the slot is claimed.
pub(crate) fn init_proc_locks(proc_number: usize) {
    let Some(t) = table::table() else { return };
    let Some(p) = t.procs.get(proc_number) else { return };
    {
        let _g = p.fp_lock.acquire_exclusive();
        p.fp_bits.store(0, Relaxed);
        p.fp_database.store(0, Relaxed);
    }
    p.pid.store(std::process::id() as i32, Relaxed);
    p.vxid_backend.store(proc_number as i32 + 1, Relaxed);
    p.vxid_local.store(0, Relaxed);
    p.wait_lock.store(0, Relaxed);
    p.wait_next.store(0, Relaxed);
    p.wait_status.store(WAIT_NONE, SeqCst);
    LOCAL_LOCKS.with(|l| l.borrow_mut().clear());
}

/// This process's proc number, when both it and the lock table exist.
fn me(t: &LockTable) -> Option<usize> {
    crate::procarray::my_proc_number().filter(|&i| i < t.procs.len())
}

/// MyDatabaseId.
pub fn my_database_id() -> u32 {
    crate::procarray::my_proc().map(|p| p.database_oid()).unwrap_or(0)
}

/// Publishes this process's virtual transaction id for pg_locks.
fn publish_vxid(p: &LockProc) {
    if let Some((backend, lxid)) = pg_error::elog::virtual_xid() {
        p.vxid_backend.store(backend, Relaxed);
        p.vxid_local.store(lxid, Relaxed);
    }
}

fn fp_part(hash: u32) -> usize {
    hash as usize % FP_STRONG_LOCK_PARTITIONS
}

/// EligibleForRelationFastPath.
fn eligible_for_fast_path(tag: &LockTag, mode: LockMode, my_db: u32) -> bool {
    tag.kind == LockTagType::Relation
        && tag.method == LockMethod::Default
        && my_db != 0
        && tag.field1 == my_db
        && mode < LockMode::ShareUpdateExclusive
}

/// ConflictsWithRelationFastPath.
fn conflicts_with_fast_path(tag: &LockTag, mode: LockMode) -> bool {
    tag.kind == LockTagType::Relation
        && tag.method == LockMethod::Default
        && tag.field1 != 0
        && mode > LockMode::ShareUpdateExclusive
}

fn fp_slot_bits(bits: u64, slot: usize) -> u64 {
    (bits >> (3 * slot)) & 7
}

fn fp_mode_bit(mode: LockMode, slot: usize) -> u64 {
    1u64 << (3 * slot + mode.number() - 1)
}

/// FastPathGrantRelationLock; caller holds `p.fp_lock`.
fn fp_grant(p: &LockProc, relid: u32, mode: LockMode, my_db: u32) -> bool {
    let bits = p.fp_bits.load(Relaxed);
    if bits == 0 {
        p.fp_database.store(my_db, Relaxed);
    } else if p.fp_database.load(Relaxed) != my_db {
        return false;
    }
    let mut empty = None;
    for slot in 0..FP_LOCK_SLOTS_PER_BACKEND {
        if fp_slot_bits(bits, slot) == 0 {
            empty.get_or_insert(slot);
        } else if p.fp_relid[slot].load(Relaxed) == relid {
            p.fp_bits.store(bits | fp_mode_bit(mode, slot), Relaxed);
            return true;
        }
    }
    match empty {
        Some(slot) => {
            p.fp_relid[slot].store(relid, Relaxed);
            p.fp_bits.store(bits | fp_mode_bit(mode, slot), Relaxed);
            true
        }
        None => false,
    }
}

/// FastPathUnGrantRelationLock; caller holds `p.fp_lock`.
fn fp_ungrant(p: &LockProc, relid: u32, mode: LockMode) -> bool {
    let bits = p.fp_bits.load(Relaxed);
    for slot in 0..FP_LOCK_SLOTS_PER_BACKEND {
        let bit = fp_mode_bit(mode, slot);
        if bits & bit != 0 && p.fp_relid[slot].load(Relaxed) == relid {
            p.fp_bits.store(bits & !bit, Relaxed);
            return true;
        }
    }
    false
}

/// FastPathTransferRelationLocks: moves every process's fast-path locks on
/// the relation of `tag` into the main table (the strong-lock counter is
/// already raised, so no new ones appear meanwhile).
fn fp_transfer(t: &LockTable, tag: &LockTag, hash: u32) -> PgResult<()> {
    let part = table::partition_of(hash);
    for (proc, p) in t.procs.iter().enumerate() {
        let _fp = p.fp_lock.acquire_exclusive();
        let bits = p.fp_bits.load(Relaxed);
        if bits == 0 || p.fp_database.load(Relaxed) != tag.field1 {
            continue;
        }
        for slot in 0..FP_LOCK_SLOTS_PER_BACKEND {
            let held = fp_slot_bits(bits, slot);
            if held == 0 || p.fp_relid[slot].load(Relaxed) != tag.field2 {
                continue;
            }
            let _g = t.partitions[part].acquire_exclusive();
            let lock = t.find_or_create_lock(tag, hash)?;
            let pl = t.find_or_create_proclock(lock, proc)?;
            for mode in [LockMode::AccessShare, LockMode::RowShare, LockMode::RowExclusive] {
                if held & (1 << (mode.number() - 1)) != 0 {
                    t.add_request(lock, mode);
                    t.grant(lock, pl, mode);
                }
            }
            p.fp_bits.store(p.fp_bits.load(Relaxed) & !(7u64 << (3 * slot)), Relaxed);
        }
    }
    Ok(())
}

fn record_local(tag: &LockTag, mode: LockMode, owner: Option<ResourceOwner>, holds_strong: bool) {
    LOCAL_LOCKS.with(|l| {
        let mut l = l.borrow_mut();
        let ll = l.entry((*tag, mode)).or_insert_with(|| LocalLock {
            n_locks: 0,
            owners: Vec::new(),
            holds_strong,
            lock_clear: false,
        });
        ll.holds_strong |= holds_strong;
        ll.add_owner(owner);
    });
}

/// LockAcquire(): takes `mode` on `tag` for the current resource owner
/// (for the session when `session_lock`). With `dont_wait`, a conflicting
/// lock gives [`LockAcquireResult::NotAvail`] instead of a wait. A wait
/// ends with the lock, or with 57014 (cancel, statement_timeout), 55P03
/// (lock_timeout) or 40P01 (deadlock).
pub fn lock_acquire(tag: &LockTag, mode: LockMode, session_lock: bool, dont_wait: bool) -> PgResult<LockAcquireResult> {
    let Some(t) = table::table() else { return Ok(LockAcquireResult::Acquired) };
    let Some(me) = me(&t) else { return Ok(LockAcquireResult::Acquired) };
    let owner = if session_lock { None } else { resowner::current() };
    let already = LOCAL_LOCKS.with(|l| {
        let mut l = l.borrow_mut();
        let ll = l.get_mut(&(*tag, mode)).filter(|ll| ll.n_locks > 0)?;
        ll.add_owner(owner);
        Some(ll.lock_clear)
    });
    if let Some(clear) = already {
        return Ok(if clear { LockAcquireResult::AlreadyClear } else { LockAcquireResult::AlreadyHeld });
    }
    let p = &t.procs[me];
    publish_vxid(p);
    let hash = tag.hash_code();
    let my_db = my_database_id();
    if eligible_for_fast_path(tag, mode, my_db) {
        let fp = p.fp_lock.acquire_exclusive();
        if t.strong_count(fp_part(hash)) == 0 && fp_grant(p, tag.field2, mode, my_db) {
            drop(fp);
            record_local(tag, mode, owner, false);
            return Ok(LockAcquireResult::Acquired);
        }
    }
    let strong = conflicts_with_fast_path(tag, mode);
    if strong {
        t.strong_count_add(fp_part(hash), 1);
        if let Err(e) = fp_transfer(&t, tag, hash) {
            t.strong_count_add(fp_part(hash), -1);
            return Err(e);
        }
    }
    let request = Request { t, me, tag: *tag, mode, hash, owner, strong };
    match request.acquire_main(dont_wait) {
        Ok(true) => Ok(LockAcquireResult::Acquired),
        Ok(false) => {
            request.abort_strong();
            Ok(LockAcquireResult::NotAvail)
        }
        Err(e) => Err(e),
    }
}

/// One request on the main lock table.
#[derive(Clone, Copy)]
struct Request {
    t: LockTable,
    me: usize,
    tag: LockTag,
    mode: LockMode,
    hash: u32,
    owner: Option<ResourceOwner>,
    strong: bool,
}

/// Where a new waiter goes (ProcSleep's queue placement).
enum Placement {
    /// Nothing ahead conflicts after all: granted now.
    GrantNow,
    /// A waiter holds what we need and needs what we hold.
    Deadlock(usize),
    /// Queue at this position.
    At(usize),
}

impl Request {
    fn abort_strong(&self) {
        if self.strong {
            self.t.strong_count_add(fp_part(self.hash), -1);
        }
    }

    fn granted(&self) -> bool {
        record_local(&self.tag, self.mode, self.owner, self.strong);
        true
    }

    /// The main-table part of LockAcquire: Ok(false) only for `dont_wait`.
    fn acquire_main(&self, dont_wait: bool) -> PgResult<bool> {
        let t = &self.t;
        let guard = t.partitions[table::partition_of(self.hash)].acquire_exclusive();
        let lock = match t.find_or_create_lock(&self.tag, self.hash) {
            Ok(l) => l,
            Err(e) => {
                drop(guard);
                self.abort_strong();
                return Err(e);
            }
        };
        let pl = match t.find_or_create_proclock(lock, self.me) {
            Ok(pl) => pl,
            Err(e) => {
                t.remove_lock_if_unused(lock, self.hash);
                drop(guard);
                self.abort_strong();
                return Err(e);
            }
        };
        t.add_request(lock, self.mode);
        let waiters_conflict = self.mode.conflict_mask() & t.locks[lock as usize].wait_mask.load(Relaxed) != 0;
        if !waiters_conflict && !t.check_conflicts(lock, pl, self.mode) {
            t.grant(lock, pl, self.mode);
            drop(guard);
            return Ok(self.granted());
        }
        if dont_wait {
            t.drop_request(lock, self.mode);
            t.clean_up_lock(lock, pl, self.hash, false);
            return Ok(false);
        }
        match self.placement(lock, pl) {
            Placement::GrantNow => {
                t.grant(lock, pl, self.mode);
                drop(guard);
                return Ok(self.granted());
            }
            Placement::Deadlock(other) => {
                let their_mode = LockMode::from_number(t.procs[other].wait_mode.load(Relaxed) as usize)
                    .unwrap_or(LockMode::AccessExclusive);
                let cycle = vec![
                    deadlock::Edge { waiter: self.me, tag: self.tag, mode: self.mode, blocker: other },
                    deadlock::Edge { waiter: other, tag: self.tag, mode: their_mode, blocker: self.me },
                ];
                let err = deadlock::report(t, &cycle);
                t.drop_request(lock, self.mode);
                t.clean_up_lock(lock, pl, self.hash, false);
                drop(guard);
                self.abort_strong();
                return Err(err);
            }
            Placement::At(pos) => {
                // pg_stat_activity shows the wait from the moment pg_locks does.
                crate::procarray::report_lock_wait(Some(self.tag.kind));
                t.enqueue(lock, self.me, self.mode, pos);
            }
        }
        drop(guard);
        self.sleep()
    }

    fn placement(&self, lock: u32, pl: u32) -> Placement {
        let t = &self.t;
        let mine = t.proclocks[pl as usize].hold_mask.load(Relaxed);
        let queue = t.wait_queue(lock);
        if mine == 0 {
            return Placement::At(queue.len());
        }
        let mut ahead = 0u32;
        for (pos, &proc) in queue.iter().enumerate() {
            let their_mode = t.procs[proc].wait_mode.load(Relaxed);
            let Some(their_mode) = LockMode::from_number(their_mode as usize) else { continue };
            if their_mode.conflict_mask() & mine != 0 {
                let theirs = t.find_proclock(lock, proc).map_or(0, |p| t.proclocks[p as usize].hold_mask.load(Relaxed));
                if self.mode.conflict_mask() & theirs != 0 {
                    return Placement::Deadlock(proc);
                }
                if self.mode.conflict_mask() & ahead == 0 && !t.check_conflicts(lock, pl, self.mode) {
                    return Placement::GrantNow;
                }
                return Placement::At(pos);
            }
            ahead |= their_mode.bit();
        }
        Placement::At(queue.len())
    }

    /// ProcSleep's wait: sleeps on the latch until granted; runs the
    /// deadlock check once after `deadlock_timeout`; gives up on an
    /// interrupt or `lock_timeout`.
    fn sleep(&self) -> PgResult<bool> {
        let mut guard = WaitGuard { request: *self, armed: true };
        let p = &self.t.procs[self.me];
        let start = Instant::now();
        let mut deadlock_at = Some(start + Duration::from_millis(pg_guc::vars::DEADLOCK_TIMEOUT.get().max(1) as u64));
        let lock_timeout = pg_guc::vars::LOCK_TIMEOUT.get();
        let timeout_at = (lock_timeout > 0).then(|| start + Duration::from_millis(lock_timeout as u64));
        let mut logged_wait = false;
        loop {
            if p.wait_status.load(SeqCst) == WAIT_OK {
                guard.armed = false;
                if logged_wait {
                    self.log_wait("acquired", start, false);
                }
                return Ok(self.granted());
            }
            if let Err(e) = crate::interrupts::check_for_interrupts() {
                guard.armed = false;
                return self.give_up(e);
            }
            let now = Instant::now();
            if timeout_at.is_some_and(|d| now >= d) {
                guard.armed = false;
                return self
                    .give_up(PgError::new(SqlState::LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout"));
            }
            if deadlock_at.is_some_and(|d| now >= d) {
                deadlock_at = None;
                let log_waits = pg_guc::vars::LOG_LOCK_WAITS.get();
                match self.check_dead_lock() {
                    deadlock::DeadlockState::Hard(cycle) => {
                        guard.armed = false;
                        if log_waits {
                            self.log_wait("detected deadlock while waiting for", start, true);
                        }
                        return Err(deadlock::report(&self.t, &cycle));
                    }
                    deadlock::DeadlockState::Soft if log_waits => {
                        self.log_wait_how("avoided deadlock for", " by rearranging queue order", start, true);
                    }
                    _ => {}
                }
                if log_waits {
                    if p.wait_status.load(SeqCst) == WAIT_OK {
                        self.log_wait("acquired", start, false);
                    } else {
                        self.log_wait("still waiting for", start, true);
                        logged_wait = true;
                    }
                }
                continue;
            }
            let next = [deadlock_at, timeout_at].into_iter().flatten().min();
            let ev = crate::latch::wait_my_latch(next.map(|d| d.saturating_duration_since(now)));
            if ev.postmaster_death {
                guard.armed = false;
                return self.give_up(PgError::fatal(
                    SqlState::ADMIN_SHUTDOWN,
                    "terminating connection due to unexpected postmaster exit",
                ));
            }
            crate::latch::reset_latch();
        }
    }

    /// LockErrorCleanup for this wait: leaves the queue (waking whoever
    /// that unblocks) and returns `err`; a grant that raced with the error
    /// is kept, so the transaction's abort releases it.
    fn give_up(&self, err: PgError) -> PgResult<bool> {
        let t = &self.t;
        let p = &t.procs[self.me];
        let guard = t.partitions[table::partition_of(self.hash)].acquire_exclusive();
        if p.wait_status.load(SeqCst) == WAIT_OK {
            drop(guard);
            self.granted();
            return Err(err);
        }
        self.leave_queue();
        drop(guard);
        self.abort_strong();
        Err(err)
    }

    /// RemoveFromWaitQueue; caller holds the partition lock.
    fn leave_queue(&self) {
        let t = &self.t;
        let p = &t.procs[self.me];
        let wait_lock = p.wait_lock.load(Relaxed);
        if wait_lock == 0 {
            return;
        }
        let lock = wait_lock - 1;
        t.dequeue(lock, self.me, WAIT_NONE);
        t.drop_request(lock, self.mode);
        if let Some(pl) = t.find_proclock(lock, self.me) {
            t.clean_up_lock(lock, pl, self.hash, true);
        }
    }

    /// CheckDeadLock: under every partition lock, looks for a cycle of
    /// waits through this process; on finding one, leaves the queue and
    /// returns the 40P01 error.
    fn check_dead_lock(&self) -> deadlock::DeadlockState {
        let t = &self.t;
        let guards: Vec<_> = t.partitions.iter().map(|l| l.acquire_exclusive()).collect();
        if t.procs[self.me].wait_status.load(SeqCst) == WAIT_OK {
            return deadlock::DeadlockState::None;
        }
        let state = deadlock::deadlock_check(t, self.me);
        if let deadlock::DeadlockState::Hard(_) = state {
            self.leave_queue();
            drop(guards);
            self.abort_strong();
        }
        state
    }

    /// `log_lock_waits`: one LOG line about this wait, `what` being
    /// "still waiting for", "acquired", ..., with the holders and waiters
    /// of the lock as its log-only DETAIL (as ProcSleep reports them).
    fn log_wait(&self, what: &str, start: Instant, with_detail: bool) {
        self.log_wait_how(what, "", start, with_detail)
    }

    /// [`Request::log_wait`] with words after the lock (`how`).
    fn log_wait_how(&self, what: &str, how: &str, start: Instant, with_detail: bool) {
        let elapsed = start.elapsed();
        let (msecs, usecs) = (elapsed.as_millis(), elapsed.as_micros() % 1000);
        let pid = std::process::id();
        let msg = format!("process {pid} {what} {} on {}{how} after {msecs}.{usecs:03} ms", self.mode.name(), self.tag);
        let mut report = PgError::notice(Severity::Log, SqlState::SUCCESSFUL_COMPLETION, msg);
        if with_detail {
            let t = &self.t;
            let (mut holders, mut waiters) = (Vec::new(), Vec::new());
            {
                let _g = t.partitions[table::partition_of(self.hash)].acquire_shared();
                if let Some(lock) = t.find_lock(&self.tag, self.hash) {
                    let mut cur = t.locks[lock as usize].holders.load(Relaxed);
                    while cur != 0 {
                        let pl = &t.proclocks[cur as usize - 1];
                        let p = &t.procs[pl.proc.load(Relaxed) as usize];
                        let pid = p.pid.load(Relaxed).to_string();
                        if p.wait_lock.load(Relaxed) == lock + 1 {
                            waiters.push(pid);
                        } else {
                            holders.push(pid);
                        }
                        cur = pl.next.load(Relaxed);
                    }
                }
            }
            let noun = if holders.len() == 1 { "Process" } else { "Processes" };
            report = report.with_detail_log(format!(
                "{noun} holding the lock: {}. Wait queue: {}.",
                holders.join(", "),
                waiters.join(", ")
            ));
        }
        pg_error::elog::log_report(&report.into_data());
    }
}

/// Leaves the wait queue if the wait ends by unwinding (a panic).
struct WaitGuard {
    request: Request,
    armed: bool,
}

impl Drop for WaitGuard {
    fn drop(&mut self) {
        crate::procarray::report_lock_wait(None);
        if self.armed {
            let _ = self.request.give_up(PgError::internal("lock wait interrupted"));
        }
    }
}

fn you_dont_own(mode: LockMode) {
    pg_error::notice::emit_notice(PgError::notice(
        Severity::Warning,
        SqlState::WARNING,
        format!("you don't own a lock of type {}", mode.name()),
    ));
}

/// LockRelease(): gives back one count of `mode` on `tag` held by the
/// current resource owner (or the session). False, with PostgreSQL's
/// WARNING, when this process holds no such lock.
pub fn lock_release(tag: &LockTag, mode: LockMode, session_lock: bool) -> bool {
    let Some(t) = table::table() else { return true };
    let Some(me) = me(&t) else { return true };
    let owner = if session_lock { None } else { resowner::current() };
    let outcome = LOCAL_LOCKS.with(|l| {
        let mut l = l.borrow_mut();
        let key = (*tag, mode);
        let ll = l.get_mut(&key)?;
        let pos = ll.owners.iter().position(|(o, _)| *o == owner)?;
        ll.owners[pos].1 -= 1;
        if ll.owners[pos].1 == 0 {
            ll.owners.remove(pos);
        }
        ll.n_locks -= 1;
        if ll.n_locks > 0 {
            return Some(None);
        }
        let ll = l.remove(&key).expect("found above");
        Some(Some(ll.holds_strong))
    });
    match outcome {
        None => {
            you_dont_own(mode);
            false
        }
        Some(None) => true,
        Some(Some(holds_strong)) => {
            release_fully(&t, me, tag, mode, holds_strong);
            true
        }
    }
}

/// Gives the lock back to the shared table (the last local count went).
fn release_fully(t: &LockTable, me: usize, tag: &LockTag, mode: LockMode, holds_strong: bool) {
    let p = &t.procs[me];
    let hash = tag.hash_code();
    if eligible_for_fast_path(tag, mode, p.fp_database.load(Relaxed)) {
        let _fp = p.fp_lock.acquire_exclusive();
        if fp_ungrant(p, tag.field2, mode) {
            return;
        }
    }
    {
        let _g = t.partitions[table::partition_of(hash)].acquire_exclusive();
        let found = t.find_lock(tag, hash).and_then(|lock| Some((lock, t.find_proclock(lock, me)?)));
        match found {
            Some((lock, pl)) if t.proclocks[pl as usize].hold_mask.load(Relaxed) & mode.bit() != 0 => {
                let wake = t.ungrant(lock, pl, mode);
                t.clean_up_lock(lock, pl, hash, wake);
            }
            _ => {
                pg_error::elog::log_report(
                    &PgError::notice(
                        Severity::Warning,
                        SqlState::INTERNAL_ERROR,
                        "failed to re-find shared lock object",
                    )
                    .into_data(),
                );
            }
        }
    }
    if holds_strong {
        t.strong_count_add(fp_part(hash), -1);
    }
}

/// Releases, for every local lock `keep` says how many counts of which
/// owners stay; the rest go, and locks with nothing left are released.
fn release_where(keep: impl Fn(&LockTag, &(Option<ResourceOwner>, u32)) -> bool) {
    let Some(t) = table::table() else { return };
    let Some(me) = me(&t) else { return };
    let gone: Vec<(LockTag, LockMode, bool)> = LOCAL_LOCKS.with(|l| {
        let mut l = l.borrow_mut();
        let mut gone = Vec::new();
        l.retain(|(tag, mode), ll| {
            ll.owners.retain(|o| keep(tag, o));
            ll.n_locks = ll.owners.iter().map(|(_, n)| n).sum();
            if ll.n_locks == 0 {
                gone.push((*tag, *mode, ll.holds_strong));
                false
            } else {
                true
            }
        });
        gone
    });
    // The fast-path ones first, under one acquisition of our fp_lock (as
    // LockReleaseAll does): a transaction's catalog and table locks are
    // mostly there. What was transferred to the main table is left over.
    let p = &t.procs[me];
    let rest: Vec<_> = {
        let fp_db = p.fp_database.load(Relaxed);
        let _fp = (gone.iter().any(|(tag, mode, _)| eligible_for_fast_path(tag, *mode, fp_db)))
            .then(|| p.fp_lock.acquire_exclusive());
        gone.into_iter()
            .filter(|(tag, mode, strong)| {
                !(eligible_for_fast_path(tag, *mode, fp_db) && !strong && fp_ungrant(p, tag.field2, *mode))
            })
            .collect()
    };
    for (tag, mode, strong) in rest {
        release_fully(&t, me, &tag, mode, strong);
    }
}

/// LockReleaseAll at the end of the top-level transaction: every lock
/// held by a resource owner goes; session locks stay, except that an abort
/// releases the default method's session locks too (advisory session locks
/// survive it). Idempotent.
pub fn lock_release_all(is_commit: bool) {
    release_where(|tag, (owner, _)| owner.is_none() && (is_commit || tag.method == LockMethod::User));
    if let Some(t) = table::table() {
        if let Some(me) = me(&t) {
            t.procs[me].vxid_local.store(0, Relaxed);
        }
    }
}

/// Releases every session lock of `method` (`pg_advisory_unlock_all` for
/// [`LockMethod::User`]).
pub fn lock_release_session(method: LockMethod) {
    release_where(|tag, (owner, _)| owner.is_some() || tag.method != method);
}

/// ProcKill's LockReleaseAll: everything goes when the process exits.
pub fn lock_release_at_exit() {
    release_where(|_, _| false);
}

/// The resource owner integration (called by `resowner::release` in the
/// Locks phase): the top transaction's owner releases every transaction
/// lock; another owner's locks move to its parent at commit
/// (LockReassignCurrentOwner) and are released at abort
/// (LockReleaseCurrentOwner).
pub(crate) fn at_owner_release(owner: ResourceOwner, parent: Option<ResourceOwner>, is_commit: bool, is_top: bool) {
    if is_top {
        lock_release_all(is_commit);
        return;
    }
    match parent {
        Some(parent) if is_commit => LOCAL_LOCKS.with(|l| {
            for ll in l.borrow_mut().values_mut() {
                let Some(pos) = ll.owners.iter().position(|(o, _)| *o == Some(owner)) else { continue };
                let (_, n) = ll.owners.remove(pos);
                match ll.owners.iter_mut().find(|(o, _)| *o == Some(parent)) {
                    Some((_, m)) => *m += n,
                    None => ll.owners.push((Some(parent), n)),
                }
            }
        }),
        _ => release_where(|_, (o, _)| *o != Some(owner)),
    }
}

/// VirtualXactLockTableInsert: publishes this process's virtual
/// transaction id (from `pg_error::elog::virtual_xid`), so `pg_locks` shows
/// its virtualxid lock from the start of the transaction rather than from
/// its first lock. Call at StartTransaction, after the local xid is set.
pub fn virtual_xact_lock_table_insert() {
    let Some(t) = table::table() else { return };
    if let Some(me) = me(&t) {
        publish_vxid(&t.procs[me]);
    }
}

/// MarkLockClear: the caller processed shared invalidation messages after
/// taking this lock, so a later acquisition of it reports
/// [`LockAcquireResult::AlreadyClear`].
pub fn mark_lock_clear(tag: &LockTag, mode: LockMode) {
    LOCAL_LOCKS.with(|l| {
        if let Some(ll) = l.borrow_mut().get_mut(&(*tag, mode)) {
            ll.lock_clear = true;
        }
    });
}

/// Whether this process holds `mode` on `tag` (LockHeldByMe).
pub fn lock_held_by_me(tag: &LockTag, mode: LockMode) -> bool {
    LOCAL_LOCKS.with(|l| l.borrow().get(&(*tag, mode)).is_some_and(|ll| ll.n_locks > 0))
}

/// LockHasWaiters: whether someone waits for a mode that conflicts with
/// `mode` on `tag` (which this process holds).
pub fn lock_has_waiters(tag: &LockTag, mode: LockMode, _session_lock: bool) -> bool {
    let Some(t) = table::table() else { return false };
    if !lock_held_by_me(tag, mode) {
        you_dont_own(mode);
        return false;
    }
    let hash = tag.hash_code();
    let _g = t.partitions[table::partition_of(hash)].acquire_shared();
    t.find_lock(tag, hash)
        .is_some_and(|lock| mode.conflict_mask() & t.locks[lock as usize].wait_mask.load(Relaxed) != 0)
}

/// The (tag, mode, count) of every lock this process holds, for tests and
/// for diagnosing leaks.
pub fn my_locks() -> Vec<(LockTag, LockMode, u32)> {
    LOCAL_LOCKS.with(|l| l.borrow().iter().map(|((t, m), ll)| (*t, *m, ll.n_locks)).collect())
}

impl LockTable {
    /// Drops a LOCK nobody requests (after a failed PROCLOCK allocation).
    fn remove_lock_if_unused(&self, lock: u32, hash: u32) {
        if self.locks[lock as usize].n_requested.load(Relaxed) == 0 {
            self.remove_lock(lock, hash);
        }
    }
}
