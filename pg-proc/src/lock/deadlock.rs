//! Deadlock detection (PostgreSQL's `storage/lmgr/deadlock.c`).
//!
//! A process that has waited `deadlock_timeout` takes every partition lock
//! (so the whole table stands still) and walks the waits-for graph from
//! itself. The edges out of a waiting process P, waiting for mode M on
//! lock L, go to
//! - every other process holding on L a mode that conflicts with M (hard
//!   edges: P cannot go before it releases);
//! - every process ahead of P in L's wait queue whose requested mode
//!   conflicts with M (soft edges: P would be granted only after it).
//!
//! A path back to the starting process through hard edges only is a
//! deadlock: the starter leaves its queue and fails with 40P01, and the
//! others of the cycle proceed. A cycle through a soft edge may be broken
//! by reordering a wait queue, as PostgreSQL's DeadLockCheck does: the
//! waiter goes in front of the earlier waiter it was queued behind, and the
//! search runs again; when no cycle remains, the new orders stay and the
//! reordered queues grant what they now can. PostgreSQL searches every
//! combination of such reversals (and sorts the queues topologically);
//! this check reverses greedily, one soft edge of each cycle found (the
//! last one, which PostgreSQL tries first), never undoing a reversal it
//! made, so it may report a deadlock PostgreSQL would have untangled in a
//! rarer, longer cycle.

use super::table::LockTable;
use super::tag::{LockMode, LockTag};
use pg_error::{PgError, SqlState};
use std::sync::atomic::Ordering::Relaxed;

/// One step of a cycle: `waiter` waits for `mode` on `tag`, blocked by `blocker`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub waiter: usize,
    pub tag: LockTag,
    pub mode: LockMode,
    pub blocker: usize,
}

/// The processes `proc` waits for (hard edges first, then soft edges).
/// Caller holds every partition lock.
pub(crate) fn blockers(t: &LockTable, proc: usize) -> Option<(LockTag, LockMode, Vec<usize>)> {
    let p = &t.procs[proc];
    let wait_lock = p.wait_lock.load(Relaxed);
    if wait_lock == 0 {
        return None;
    }
    let lock = wait_lock - 1;
    let mode = LockMode::from_number(p.wait_mode.load(Relaxed) as usize)?;
    let conflict = mode.conflict_mask();
    let mut out = Vec::new();
    let mut cur = t.locks[lock as usize].holders.load(Relaxed);
    while cur != 0 {
        let pl = &t.proclocks[cur as usize - 1];
        let holder = pl.proc.load(Relaxed) as usize;
        if holder != proc && pl.hold_mask.load(Relaxed) & conflict != 0 {
            out.push(holder);
        }
        cur = pl.next.load(Relaxed);
    }
    for other in t.wait_queue(lock) {
        if other == proc {
            break;
        }
        let their = LockMode::from_number(t.procs[other].wait_mode.load(Relaxed) as usize);
        if their.is_some_and(|m| m.conflicts_with(mode)) && !out.contains(&other) {
            out.push(other);
        }
    }
    Some((t.lock_tag(lock), mode, out))
}

/// FindLockCycle: a cycle of waits from `me` back to `me`, as edges in
/// order starting with `me`'s own wait. Caller holds every partition lock.
pub(crate) fn find_cycle(t: &LockTable, me: usize) -> Option<Vec<Edge>> {
    let mut visited = vec![false; t.procs.len()];
    let mut path = Vec::new();
    visited[me] = true;
    dfs(t, me, me, &mut visited, &mut path).then_some(path)
}

fn dfs(t: &LockTable, proc: usize, me: usize, visited: &mut [bool], path: &mut Vec<Edge>) -> bool {
    let Some((tag, mode, blockers)) = blockers(t, proc) else { return false };
    for blocker in blockers {
        path.push(Edge { waiter: proc, tag, mode, blocker });
        if blocker == me {
            return true;
        }
        if !visited[blocker] {
            visited[blocker] = true;
            if dfs(t, blocker, me, visited, path) {
                return true;
            }
        }
        path.pop();
    }
    false
}

/// DeadLockReport: 40P01 with one DETAIL line per edge of the cycle; the
/// server log also gets each process's query.
pub(crate) fn report(t: &LockTable, cycle: &[Edge]) -> PgError {
    let pid = |proc: usize| t.procs[proc].pid.load(Relaxed);
    let detail = cycle
        .iter()
        .map(|e| {
            format!(
                "Process {} waits for {} on {}; blocked by process {}.",
                pid(e.waiter),
                e.mode.name(),
                e.tag,
                pid(e.blocker)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let activity = crate::procarray::read_activity();
    let mut log = detail.clone();
    for e in cycle {
        let p = pid(e.waiter);
        let query = activity.iter().find(|a| a.pid == p).map(|a| a.query.clone()).unwrap_or_default();
        log.push_str(&format!("\nProcess {p}: {query}"));
    }
    PgError::new(SqlState::T_R_DEADLOCK_DETECTED, "deadlock detected")
        .with_detail(detail)
        .with_detail_log(log)
        .with_hint("See server log for query details.")
}

/// Whether `e` is a soft edge: its blocker holds nothing on the lock that
/// conflicts with the request, it is only queued ahead.
fn is_soft(t: &LockTable, e: &Edge) -> bool {
    let lock = t.procs[e.waiter].wait_lock.load(Relaxed);
    if lock == 0 {
        return false;
    }
    let held = t.find_proclock(lock - 1, e.blocker).map_or(0, |pl| t.proclocks[pl as usize].hold_mask.load(Relaxed));
    held & e.mode.conflict_mask() == 0
}

/// What [`deadlock_check`] found (PostgreSQL's `DeadLockState`).
pub(crate) enum DeadlockState {
    /// No cycle through the process.
    None,
    /// Cycles through soft edges, broken by reordering wait queues.
    Soft,
    /// A cycle that cannot be broken: the edges to report.
    Hard(Vec<Edge>),
}

/// DeadLockCheck: whether `me` is in a cycle of waits; soft cycles are
/// broken by reordering wait queues (whose newly grantable waiters are
/// then woken). Caller holds every partition lock.
pub(crate) fn deadlock_check(t: &LockTable, me: usize) -> DeadlockState {
    match deadlock_check_inner(t, me) {
        (Some(cycle), _) => DeadlockState::Hard(cycle),
        (None, true) => DeadlockState::Soft,
        (None, false) => DeadlockState::None,
    }
}

fn deadlock_check_inner(t: &LockTable, me: usize) -> (Option<Vec<Edge>>, bool) {
    let mut saved: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut reversed: Vec<(usize, usize)> = Vec::new();
    let mut last = None;
    for _ in 0..=t.procs.len() {
        let Some(cycle) = find_cycle(t, me) else {
            for (lock, _) in &saved {
                t.wake_waiters(*lock);
            }
            return (None, !saved.is_empty());
        };
        // The last soft edge of the cycle first, as PostgreSQL tries them
        // (FindLockCycle records soft edges while unwinding from the
        // deepest), skipping one whose reverse we made already.
        let soft = cycle.iter().rev().find(|e| is_soft(t, e) && !reversed.contains(&(e.blocker, e.waiter))).copied();
        last = Some(cycle);
        let Some(e) = soft else { break };
        let lock = t.procs[e.waiter].wait_lock.load(Relaxed) - 1;
        let mut queue = t.wait_queue(lock);
        if !saved.iter().any(|(l, _)| *l == lock) {
            saved.push((lock, queue.clone()));
        }
        queue.retain(|p| *p != e.waiter);
        let at = queue.iter().position(|p| *p == e.blocker).unwrap_or(0);
        queue.insert(at, e.waiter);
        t.set_wait_queue(lock, &queue);
        reversed.push((e.waiter, e.blocker));
    }
    // A real deadlock: the queues go back to how they were.
    for (lock, queue) in saved {
        t.set_wait_queue(lock, &queue);
    }
    (last, false)
}
