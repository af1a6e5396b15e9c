//! What `pg_locks` and `pg_blocking_pids` show (PostgreSQL's
//! `GetLockStatusData` and `GetBlockerStatusData`).
//!
//! The copy is taken as PostgreSQL takes it: each process's fast-path
//! slots under its own `fp_lock`, then the main table under every
//! partition lock (shared), so the main-table part is one consistent
//! picture.

use super::table::{self, FP_LOCK_SLOTS_PER_BACKEND};
use super::tag::{LockMode, LockTag};
use std::sync::atomic::Ordering::Relaxed;

/// One row of `pg_locks`: a mode held (or awaited) by a process on a tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockStatusRow {
    /// The locked object.
    pub tag: LockTag,
    /// The mode held or awaited.
    pub mode: LockMode,
    /// Held (true) or awaited (false).
    pub granted: bool,
    /// Held through a fast-path slot.
    pub fastpath: bool,
    /// The process.
    pub pid: i32,
    /// Its virtual transaction (backend id, local xid), when it has one.
    pub virtual_transaction: Option<(i32, u32)>,
    /// When the wait began (TimestampTz), for an awaited lock.
    pub wait_start: Option<i64>,
}

/// Every lock held or awaited, server-wide.
pub fn lock_status() -> Vec<LockStatusRow> {
    let Some(t) = table::table() else { return Vec::new() };
    let mut rows = Vec::new();
    let vxid = |proc: usize| {
        let p = &t.procs[proc];
        let backend = p.vxid_backend.load(Relaxed);
        (backend > 0).then(|| (backend, p.vxid_local.load(Relaxed)))
    };
    let live = |proc: usize| crate::procarray::proc_by_number(proc).is_some_and(|p| p.in_use());
    for (proc, p) in t.procs.iter().enumerate() {
        if !live(proc) {
            continue;
        }
        let pid = p.pid.load(Relaxed);
        let _fp = p.fp_lock.acquire_shared();
        let bits = p.fp_bits.load(Relaxed);
        let db = p.fp_database.load(Relaxed);
        for slot in 0..FP_LOCK_SLOTS_PER_BACKEND {
            for mode in [LockMode::AccessShare, LockMode::RowShare, LockMode::RowExclusive] {
                if bits & (1u64 << (3 * slot + mode.number() - 1)) != 0 {
                    rows.push(LockStatusRow {
                        tag: LockTag::relation(db, p.fp_relid[slot].load(Relaxed)),
                        mode,
                        granted: true,
                        fastpath: true,
                        pid,
                        virtual_transaction: vxid(proc),
                        wait_start: None,
                    });
                }
            }
        }
        if let Some((backend, lxid)) = vxid(proc).filter(|v| v.1 != 0) {
            rows.push(LockStatusRow {
                tag: LockTag::virtual_transaction(backend as u32, lxid),
                mode: LockMode::Exclusive,
                granted: true,
                fastpath: true,
                pid,
                virtual_transaction: Some((backend, lxid)),
                wait_start: None,
            });
        }
    }
    let _guards: Vec<_> = t.partitions.iter().map(|l| l.acquire_shared()).collect();
    // Walk every partition's LOCKs through their holders.
    for lock in t.locks_in_use() {
        let tag = t.lock_tag(lock);
        let mut cur = t.locks[lock as usize].holders.load(Relaxed);
        while cur != 0 {
            let pl = &t.proclocks[cur as usize - 1];
            let proc = pl.proc.load(Relaxed) as usize;
            let p = &t.procs[proc];
            let pid = p.pid.load(Relaxed);
            let held = pl.hold_mask.load(Relaxed);
            for mode in super::tag::ALL_LOCK_MODES {
                if held & mode.bit() != 0 {
                    rows.push(LockStatusRow {
                        tag,
                        mode,
                        granted: true,
                        fastpath: false,
                        pid,
                        virtual_transaction: vxid(proc),
                        wait_start: None,
                    });
                }
            }
            if p.wait_lock.load(Relaxed) == lock + 1 {
                if let Some(mode) = LockMode::from_number(p.wait_mode.load(Relaxed) as usize) {
                    rows.push(LockStatusRow {
                        tag,
                        mode,
                        granted: false,
                        fastpath: false,
                        pid,
                        virtual_transaction: vxid(proc),
                        wait_start: Some(p.wait_start.load(Relaxed)),
                    });
                }
            }
            cur = pl.next.load(Relaxed);
        }
    }
    rows
}

/// pg_blocking_pids: the pids of the processes that block `pid`'s lock
/// wait, holders of conflicting modes first, then earlier waiters whose
/// requests conflict. Empty when `pid` does not wait for a lock.
pub fn blocking_pids(pid: i32) -> Vec<i32> {
    let Some(t) = table::table() else { return Vec::new() };
    let Some(proc) = t.procs.iter().position(|p| p.pid.load(Relaxed) == pid && p.wait_lock.load(Relaxed) != 0) else {
        return Vec::new();
    };
    let _guards: Vec<_> = t.partitions.iter().map(|l| l.acquire_shared()).collect();
    match super::deadlock::blockers(&t, proc) {
        Some((_, _, procs)) => procs.into_iter().map(|b| t.procs[b].pid.load(Relaxed)).collect(),
        None => Vec::new(),
    }
}
