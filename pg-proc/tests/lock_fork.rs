//! The heavyweight lock manager between real processes: fork()ed children
//! share one segment, each claims a PGPROC slot and its shared latch, and
//! they lock, wait, wake, time out, get cancelled and deadlock as backends
//! do.
//!
//! fork() inside libtest's threaded harness is undefined behaviour, so this
//! target has `harness = false`: `main` runs each case in sequence in one
//! single-threaded process and prints `N passed, M failed` (exit status 1
//! on any failure). Children report through atomics in the segment and
//! their exit status; every wait is bounded (generous limits, never a
//! pass/fail timing).

use pg_error::SqlState;
use pg_guc::GucSource;
use pg_proc::lock::status::{blocking_pids, lock_status};
use pg_proc::lock::{self, LockAcquireResult, LockMode, LockTag};
use pg_proc::resowner::{self, ResourceOwner};
use pg_proc::{interrupts, procarray};
use pg_shmem::ShmemSafe;
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering::SeqCst};
use std::time::{Duration, Instant};

const MAX_PROCS: usize = 8;
const DB: u32 = 5;

/// Flags the processes of one case signal each other with.
#[repr(C)]
struct Board {
    flags: [AtomicU32; 16],
    pids: [AtomicI32; 4],
}
// SAFETY: repr(C) atomics, valid when zeroed.
unsafe impl ShmemSafe for Board {}

fn board() -> &'static Board {
    pg_shmem::shmem_init_struct_typed::<Board>("lock test board", |_| {}).unwrap().0
}

fn reset_board() {
    let b = board();
    for f in &b.flags {
        f.store(0, SeqCst);
    }
    for p in &b.pids {
        p.store(0, SeqCst);
    }
}

/// Waits (bounded) until `cond` holds; panics with `what` past the bound.
fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(30);
    while !cond() {
        assert!(Instant::now() < end, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn flag(i: usize) -> &'static AtomicU32 {
    &board().flags[i]
}

fn set(i: usize) {
    flag(i).store(1, SeqCst);
}

fn wait_flag(i: usize) {
    wait_until(&format!("flag {i}"), || flag(i).load(SeqCst) != 0);
}

/// Forks a child that becomes a backend (slot, latch, handlers, database
/// `DB`) and runs `f`; exits 0 when `f` returns, 1 when it panics.
fn spawn(slot_pid: usize, f: impl FnOnce()) -> libc::pid_t {
    // SAFETY: this process is single-threaded (harness = false), so the
    // child is a complete copy and may run arbitrary Rust code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let slot = procarray::init_process(procarray::BackendType::ClientBackend, 0).unwrap();
            pg_shmem::set_my_lwlock_waiter_slot(slot).unwrap();
            interrupts::init_process_latch().unwrap();
            interrupts::install_backend_signal_handlers();
            interrupts::end_command_read();
            procarray::report_connection(DB, "db", 10, "u", None, "lock_fork");
            board().pids[slot_pid].store(std::process::id() as i32, SeqCst);
            f();
        }))
        .is_ok();
        // Whatever happened, the locks go (ProcKill), so that a failing
        // child cannot leave the others waiting forever.
        procarray::proc_exit_release();
        // SAFETY: _exit ends the child without running the parent's atexit
        // handlers or flushing stdio buffers copied from the parent.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    pid
}

/// Waits for every child (killing any still running after a generous
/// bound); returns an error naming those that failed.
fn wait_all(pids: &[libc::pid_t]) -> Result<(), String> {
    let mut failed = Vec::new();
    let end = Instant::now() + Duration::from_secs(60);
    for &pid in pids {
        let mut status = 0;
        let rc = loop {
            // SAFETY: waitpid writes only to `status`.
            let rc = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
            if rc != 0 {
                break rc;
            }
            if Instant::now() > end {
                // SAFETY: killing our own child, which is stuck.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if rc != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
            failed.push(format!("child {pid} status {status:#x}"));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join(", "))
    }
}

fn begin() -> ResourceOwner {
    let owner = ResourceOwner::create(None, "TopTransaction");
    resowner::set_current(Some(owner));
    owner
}

fn end(owner: ResourceOwner, commit: bool) {
    let warnings = resowner::release(owner, commit);
    assert!(warnings.is_empty(), "{warnings:?}");
    resowner::delete(owner);
}

fn set_guc(name: &str, value: &str) {
    pg_guc::set_config_option(name, Some(value), GucSource::Session, false, true).unwrap();
}

fn rel(oid: u32) -> LockTag {
    LockTag::relation(DB, oid)
}

fn acquire(tag: LockTag, mode: LockMode) -> LockAcquireResult {
    lock::lock_acquire(&tag, mode, false, false).unwrap()
}

fn pid_of(i: usize) -> i32 {
    board().pids[i].load(SeqCst)
}

/// Whether the process `i` waits for a lock (seen through pg_locks).
fn is_waiting(i: usize) -> bool {
    let pid = pid_of(i);
    pid != 0 && lock_status().iter().any(|r| r.pid == pid && !r.granted)
}

/// A conflicting request waits until the holder's transaction ends; a
/// conditional one is refused at once; pg_blocking_pids names the holder.
fn conflict_waits_and_is_woken() -> Result<(), String> {
    let a = spawn(0, || {
        let xact = begin();
        assert_eq!(acquire(rel(1000), LockMode::AccessExclusive), LockAcquireResult::Acquired);
        assert_eq!(acquire(rel(1000), LockMode::AccessExclusive), LockAcquireResult::AlreadyHeld);
        set(0);
        wait_flag(1);
        set(2);
        end(xact, true);
    });
    let b = spawn(1, || {
        wait_flag(0);
        let xact = begin();
        let r = lock::lock_acquire(&rel(1000), LockMode::AccessShare, false, true).unwrap();
        assert_eq!(r, LockAcquireResult::NotAvail);
        assert_eq!(acquire(rel(1000), LockMode::AccessShare), LockAcquireResult::Acquired);
        assert_eq!(flag(2).load(SeqCst), 1, "granted only after the holder's release");
        end(xact, true);
        assert!(lock::my_locks().is_empty());
    });
    wait_until("B waiting", || is_waiting(1));
    let blockers = blocking_pids(pid_of(1));
    if blockers != [pid_of(0)] {
        return Err(format!("pg_blocking_pids gave {blockers:?}, expected [{}]", pid_of(0)));
    }
    let waiting: Vec<_> = lock_status().into_iter().filter(|r| !r.granted).collect();
    if waiting.len() != 1 || waiting[0].mode != LockMode::AccessShare || waiting[0].tag != rel(1000) {
        return Err(format!("pg_locks waiters: {waiting:?}"));
    }
    set(1);
    wait_all(&[a, b])?;
    if !lock_status().is_empty() {
        return Err(format!("locks left behind: {:?}", lock_status()));
    }
    Ok(())
}

/// A weak relation lock lives in its holder's fast-path slots until a
/// strong request on the same relation moves it into the main table, where
/// the strong request sees it; a later weak request queues behind the
/// waiting strong one.
fn fast_path_locks_are_transferred() -> Result<(), String> {
    let a = spawn(0, || {
        let xact = begin();
        acquire(rel(2000), LockMode::AccessShare);
        set(0);
        wait_flag(2);
        end(xact, true);
    });
    wait_flag(0);
    let rows = lock_status();
    if !rows.iter().any(|r| r.pid == pid_of(0) && r.tag == rel(2000) && r.fastpath && r.granted) {
        return Err(format!("no fast-path row: {rows:?}"));
    }
    let b = spawn(1, || {
        let xact = begin();
        let r = lock::lock_acquire(&rel(2000), LockMode::AccessExclusive, false, true).unwrap();
        assert_eq!(r, LockAcquireResult::NotAvail);
        set(1);
        assert_eq!(acquire(rel(2000), LockMode::AccessExclusive), LockAcquireResult::Acquired);
        end(xact, true);
    });
    wait_until("B waiting", || is_waiting(1));
    let rows = lock_status();
    if !rows.iter().any(|r| r.pid == pid_of(0) && r.tag == rel(2000) && !r.fastpath && r.granted) {
        return Err(format!("A's lock was not transferred: {rows:?}"));
    }
    let c = spawn(2, || {
        let xact = begin();
        let r = lock::lock_acquire(&rel(2000), LockMode::AccessShare, false, true).unwrap();
        assert_eq!(r, LockAcquireResult::NotAvail, "a weak request must not pass a queued strong one");
        end(xact, true);
    });
    wait_all(&[c])?;
    set(2);
    wait_all(&[a, b])
}

/// Two processes each hold one relation and ask for the other's: exactly
/// one gets 40P01 with PostgreSQL's DETAIL lines, the other proceeds.
fn deadlock_is_detected() -> Result<(), String> {
    let child = |me: usize, mine: u32, theirs: u32| {
        move || {
            set_guc("deadlock_timeout", "100");
            let xact = begin();
            acquire(rel(mine), LockMode::AccessExclusive);
            set(me);
            wait_flag(1 - me);
            match lock::lock_acquire(&rel(theirs), LockMode::AccessExclusive, false, false) {
                Ok(_) => {
                    flag(4 + me).store(1, SeqCst);
                    end(xact, true);
                }
                Err(e) => {
                    assert_eq!(e.code, SqlState::T_R_DEADLOCK_DETECTED);
                    assert_eq!(e.message, "deadlock detected");
                    assert_eq!(e.hint.as_deref(), Some("See server log for query details."));
                    let (p, q) = (pid_of(me), pid_of(1 - me));
                    let expect = format!(
                        "Process {p} waits for AccessExclusiveLock on relation {theirs} of database {DB}; blocked by \
                         process {q}.\nProcess {q} waits for AccessExclusiveLock on relation {mine} of database \
                         {DB}; blocked by process {p}."
                    );
                    assert_eq!(e.detail.as_deref(), Some(expect.as_str()));
                    flag(6 + me).store(1, SeqCst);
                    end(xact, false);
                }
            }
        }
    };
    let a = spawn(0, child(0, 3000, 3001));
    let b = spawn(1, child(1, 3001, 3000));
    wait_all(&[a, b])?;
    let (ok, dead) = (flag(4).load(SeqCst) + flag(5).load(SeqCst), flag(6).load(SeqCst) + flag(7).load(SeqCst));
    if (ok, dead) != (1, 1) {
        return Err(format!("{ok} proceeded and {dead} got 40P01; expected one each"));
    }
    Ok(())
}

/// A cycle through a soft edge is untangled, not reported: A holds Share,
/// B waits for AccessExclusive behind it, C (holding what A will want)
/// queues for Share behind B; when A then waits for C, A's check moves C
/// ahead of B, C gets its Share at once, and all three finish.
fn soft_deadlock_is_rearranged() -> Result<(), String> {
    let a = spawn(0, || {
        set_guc("deadlock_timeout", "100");
        let xact = begin();
        acquire(rel(8000), LockMode::Share);
        set(0);
        wait_flag(3);
        acquire(rel(8001), LockMode::AccessShare);
        set(5);
        end(xact, true);
    });
    let c = spawn(2, || {
        set_guc("deadlock_timeout", "3600000");
        let xact = begin();
        acquire(rel(8001), LockMode::AccessExclusive);
        set(1);
        wait_flag(2);
        acquire(rel(8000), LockMode::Share);
        set(6);
        end(xact, true);
    });
    wait_flag(0);
    wait_flag(1);
    let b = spawn(1, || {
        set_guc("deadlock_timeout", "3600000");
        let xact = begin();
        acquire(rel(8000), LockMode::AccessExclusive);
        set(7);
        end(xact, true);
    });
    wait_until("B waiting", || is_waiting(1));
    set(2);
    wait_until("C waiting", || is_waiting(2));
    set(3);
    wait_all(&[a, b, c])?;
    if (5..=7).any(|i| flag(i).load(SeqCst) != 1) {
        return Err("not every session finished".into());
    }
    Ok(())
}

/// `lock_timeout` ends a wait with 55P03, and a cancel (SIGINT) with
/// 57014; either way the waiter leaves the queue.
fn lock_timeout_and_cancel_end_a_wait() -> Result<(), String> {
    let a = spawn(0, || {
        let xact = begin();
        acquire(rel(4000), LockMode::AccessExclusive);
        set(0);
        wait_flag(3);
        end(xact, true);
    });
    wait_flag(0);
    let b = spawn(1, || {
        set_guc("lock_timeout", "200");
        let xact = begin();
        let e = lock::lock_acquire(&rel(4000), LockMode::RowExclusive, false, false).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (SqlState::LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout")
        );
        assert!(lock::my_locks().is_empty());
        end(xact, false);
    });
    wait_all(&[b])?;
    let c = spawn(2, || {
        let xact = begin();
        let e = lock::lock_acquire(&rel(4000), LockMode::AccessShare, false, false).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (SqlState::QUERY_CANCELED, "canceling statement due to user request"));
        end(xact, false);
    });
    wait_until("C waiting", || is_waiting(2));
    // SAFETY: signalling our own child.
    unsafe { libc::kill(c, libc::SIGINT) };
    wait_all(&[c])?;
    if lock_status().iter().any(|r| !r.granted) {
        return Err(format!("a waiter stayed queued: {:?}", lock_status()));
    }
    set(3);
    wait_all(&[a])
}

/// Resource owners: a subtransaction's abort releases its locks, its commit
/// hands them to the parent; the top transaction's end releases all but
/// session locks; an abort releases default-method session locks but not
/// advisory ones.
fn owners_and_session_locks() -> Result<(), String> {
    let a = spawn(0, || {
        let top = begin();
        let sub = ResourceOwner::create(Some(top), "SubTransaction");
        resowner::set_current(Some(sub));
        acquire(rel(6000), LockMode::RowExclusive);
        lock::xact_lock_table_insert(1 << 33).unwrap();
        assert_eq!(lock::my_locks().len(), 2);
        resowner::release(sub, false);
        resowner::delete(sub);
        assert!(lock::my_locks().is_empty(), "subtransaction abort releases");
        let sub = ResourceOwner::create(Some(top), "SubTransaction");
        resowner::set_current(Some(sub));
        acquire(rel(6000), LockMode::RowExclusive);
        acquire(rel(6001), LockMode::ShareUpdateExclusive);
        assert!(resowner::release(sub, true).is_empty());
        resowner::delete(sub);
        resowner::set_current(Some(top));
        assert_eq!(lock::my_locks().len(), 2, "subtransaction commit hands locks to the parent");
        assert!(lock::lock_release(&rel(6001), LockMode::ShareUpdateExclusive, false), "the parent owns it now");
        lock::lock_relation_id_for_session(6002, LockMode::ShareUpdateExclusive).unwrap();
        let adv = lock::advisory_tag_int8(42);
        lock::lock_acquire(&adv, LockMode::Exclusive, true, false).unwrap();
        end(top, true);
        let mut left: Vec<_> = lock::my_locks().into_iter().map(|(t, m, n)| (t.kind, m, n)).collect();
        left.sort_by_key(|l| l.0);
        assert_eq!(left.len(), 2, "session locks survive commit: {left:?}");
        let top = begin();
        end(top, false);
        let left = lock::my_locks();
        assert_eq!(left.len(), 1, "abort keeps only the advisory session lock: {left:?}");
        assert_eq!(left[0].0, adv);
        assert!(!lock::lock_release(&rel(6000), LockMode::RowExclusive, false), "not held any more");
        assert_eq!(pg_error::notice::take_notices()[0].message, "you don't own a lock of type RowExclusiveLock");
        lock::lock_release_session(lock::LockMethod::User);
        assert!(lock::my_locks().is_empty());
        set(0);
    });
    wait_all(&[a])?;
    if !lock_status().is_empty() {
        return Err(format!("locks left behind: {:?}", lock_status()));
    }
    Ok(())
}

/// Waiting for a transaction: `xact_lock_table_wait` returns when the
/// xid's owner ends.
fn xact_lock_table_wait_waits_for_the_owner() -> Result<(), String> {
    let xid = (1u64 << 32) + 740;
    let a = spawn(0, || {
        let xact = begin();
        lock::xact_lock_table_insert(xid).unwrap();
        set(0);
        wait_flag(1);
        set(2);
        end(xact, true);
    });
    let b = spawn(1, || {
        wait_flag(0);
        let xact = begin();
        assert!(!lock::conditional_xact_lock_table_wait(xid).unwrap());
        lock::xact_lock_table_wait(xid).unwrap();
        assert_eq!(flag(2).load(SeqCst), 1);
        end(xact, true);
    });
    wait_until("B waiting", || is_waiting(1));
    let row = lock_status().into_iter().find(|r| !r.granted).ok_or("no waiting row")?;
    if row.tag != LockTag::transaction(xid) || row.mode != LockMode::Share {
        return Err(format!("unexpected wait {row:?}"));
    }
    set(1);
    wait_all(&[a, b])
}

/// Multixacts: members merge and expand, an unknown id has no members, a
/// full table refuses with 53200, and waiting on a multixact waits for
/// its conflicting lockers only.
fn multixacts_name_several_lockers() -> Result<(), String> {
    use pg_proc::multixact::{self, MultiXactMember as M, MultiXactStatus::*};
    let holder = spawn(0, || {
        let xact = begin();
        lock::xact_lock_table_insert(20).unwrap();
        set(0);
        wait_flag(1);
        set(2);
        end(xact, true);
    });
    let waiter = spawn(1, || {
        let m = multixact::multixact_id_create(&[
            M { xid: 10, status: ForShare },
            M { xid: 11, status: ForKeyShare },
            M { xid: 10, status: ForUpdate },
        ])
        .unwrap();
        let members = multixact::get_multixact_id_members(m);
        assert_eq!(members, [M { xid: 10, status: ForUpdate }, M { xid: 11, status: ForKeyShare }]);
        let m2 = multixact::multixact_id_expand(m, 20, ForShare).unwrap();
        assert_ne!(m, m2);
        assert_eq!(multixact::get_multixact_id_members(m2).len(), 3);
        assert_eq!(multixact::multixact_id_expand(m2, 20, ForKeyShare).unwrap(), m2, "already a stronger member");
        assert!(multixact::get_multixact_id_members(u64::MAX).is_empty());
        // KEY SHARE does not wait for FOR SHARE lockers (20), nor for ourselves (10).
        wait_flag(0);
        assert!(multixact::conditional_multixact_id_wait(m2, Some(ForKeyShare), |x| x == 10).unwrap());
        assert!(!multixact::conditional_multixact_id_wait(m2, Some(ForUpdate), |x| x == 10).unwrap());
        set(1);
        multixact::multixact_id_wait(m2, Some(ForUpdate), |x| x == 10).unwrap();
        assert_eq!(flag(2).load(SeqCst), 1, "waited for the locker's end");
        // Without transam every member counts as running: the table fills.
        let mut made = 0;
        let err = loop {
            match multixact::multixact_id_create(&[M { xid: 30, status: ForShare }]) {
                Ok(_) => made += 1,
                Err(e) => break e,
            }
            assert!(made < 10_000, "the table never filled");
        };
        assert_eq!((err.code, err.message.as_str()), (SqlState::OUT_OF_MEMORY, "out of shared memory"));
    });
    wait_all(&[holder, waiter])
}

/// Per relation and mode, how many processes hold it now (the stress
/// case's own bookkeeping, beside the lock manager's).
#[repr(C)]
struct Holders {
    counts: [[AtomicU32; 9]; 3],
    violations: AtomicU32,
    deadlocks: AtomicU32,
    grants: AtomicU32,
}
// SAFETY: repr(C) atomics, valid when zeroed.
unsafe impl ShmemSafe for Holders {}

/// Six processes take random modes on three relations, up to two at a time
/// in random order (so they deadlock now and then), and check after each
/// grant that nobody holds a conflicting mode of the same relation: fast
/// path, transfers, queues, wake-ups and the deadlock check under load.
/// Bounded by count (6 x 150 rounds), not time.
fn stress_keeps_conflicting_modes_apart() -> Result<(), String> {
    let h = pg_shmem::shmem_init_struct_typed::<Holders>("lock stress holders", |_| {}).unwrap().0;
    let mut pids = Vec::new();
    for i in 0..6usize {
        pids.push(spawn(i % 4, move || {
            set_guc("deadlock_timeout", "20");
            let mut seed = 0x9e37_79b9_7f4a_7c15u64 ^ (i as u64 + 1);
            let mut next = move |n: u64| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed % n
            };
            for _ in 0..150 {
                let xact = begin();
                let mut held: Vec<(usize, LockMode)> = Vec::new();
                let mut ok = true;
                for _ in 0..1 + next(2) {
                    let r = next(3) as usize;
                    if held.iter().any(|(hr, _)| *hr == r) {
                        continue;
                    }
                    let mode = LockMode::from_number(1 + next(8) as usize).unwrap();
                    match lock::lock_acquire(&rel(9000 + r as u32), mode, false, false) {
                        Ok(_) => {
                            h.grants.fetch_add(1, SeqCst);
                            h.counts[r][mode.number()].fetch_add(1, SeqCst);
                            for other in lock::ALL_LOCK_MODES {
                                if mode.conflicts_with(other) {
                                    let n = h.counts[r][other.number()].load(SeqCst);
                                    let mine = u32::from(other == mode);
                                    if n > mine {
                                        h.violations.fetch_add(1, SeqCst);
                                    }
                                }
                            }
                            held.push((r, mode));
                            // Hold it a moment, so others queue behind.
                            std::thread::sleep(Duration::from_micros(next(1500)));
                        }
                        Err(e) => {
                            assert_eq!(e.code, SqlState::T_R_DEADLOCK_DETECTED, "{}", e.message);
                            h.deadlocks.fetch_add(1, SeqCst);
                            ok = false;
                            break;
                        }
                    }
                }
                for (r, mode) in held {
                    h.counts[r][mode.number()].fetch_sub(1, SeqCst);
                }
                end(xact, ok);
            }
            assert!(lock::my_locks().is_empty());
        }));
    }
    wait_all(&pids)?;
    let (v, d, g) = (h.violations.load(SeqCst), h.deadlocks.load(SeqCst), h.grants.load(SeqCst));
    println!("  stress: {g} grants, {d} deadlocks, {v} conflicts seen");
    if v != 0 {
        return Err(format!("{v} grants overlapped a conflicting holder"));
    }
    if !lock_status().is_empty() {
        return Err(format!("locks left behind: {:?}", lock_status()));
    }
    Ok(())
}

/// One test case: Ok, or what went wrong.
type Case = fn() -> Result<(), String>;

fn main() {
    let size = 4 << 20;
    let seg = pg_shmem::ShmemSegment::create(size).expect("segment");
    pg_shmem::lwlock_waiters_init(MAX_PROCS).unwrap();
    procarray::init_proc_array(MAX_PROCS).unwrap();
    pg_proc::latch::latch_shmem_init(MAX_PROCS).unwrap();
    assert!(lock::lock_shmem_size(MAX_PROCS).unwrap() < size / 2);
    lock::lock_shmem_init(MAX_PROCS).unwrap();
    pg_proc::multixact::multixact_shmem_init(MAX_PROCS).unwrap();
    let cases: &[(&str, Case)] = &[
        ("conflict_waits_and_is_woken", conflict_waits_and_is_woken),
        ("fast_path_locks_are_transferred", fast_path_locks_are_transferred),
        ("deadlock_is_detected", deadlock_is_detected),
        ("soft_deadlock_is_rearranged", soft_deadlock_is_rearranged),
        ("lock_timeout_and_cancel_end_a_wait", lock_timeout_and_cancel_end_a_wait),
        ("owners_and_session_locks", owners_and_session_locks),
        ("xact_lock_table_wait_waits_for_the_owner", xact_lock_table_wait_waits_for_the_owner),
        ("multixacts_name_several_lockers", multixacts_name_several_lockers),
        ("stress_keeps_conflicting_modes_apart", stress_keeps_conflicting_modes_apart),
    ];
    let mut failed = 0;
    for (name, case) in cases {
        reset_board();
        match case() {
            Ok(()) => println!("test {name} ... ok"),
            Err(e) => {
                failed += 1;
                println!("test {name} ... FAILED: {e}");
            }
        }
    }
    println!("{} passed, {failed} failed", cases.len() - failed);
    // SAFETY: every child has exited; nothing refers into the segment.
    unsafe { seg.destroy() };
    std::process::exit(i32::from(failed > 0));
}
