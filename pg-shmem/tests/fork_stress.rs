//! Multi-process stress tests for pg-shmem: real fork()ed children sharing one segment.
//!
//! fork() inside libtest's threaded harness is undefined behaviour, so this target has
//! `harness = false`: `main` runs each case in sequence in a single-threaded process, forks
//! the children itself, and prints `N passed, M failed` (exit status 1 on any failure).

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use pg_shmem::{
    held_lwlock_count, lwlock_register_tranche, lwlock_waiters_init, set_my_lwlock_waiter_slot, set_wait_event_hook,
    shmem_allocations, shmem_init_struct, shmem_init_struct_typed, LWLock, LWLocked, SharedHash, ShmemSafe,
    ShmemSegment, SpinLocked,
};

const NPROCS: usize = 8;
const INCREMENTS: u64 = 20_000;
const MAX_PROCS: usize = 32;

/// Forks a child running `f`; the child exits 0 if `f` returns normally, 1 if it panics.
fn spawn(f: impl FnOnce()) -> libc::pid_t {
    // SAFETY: this process is single-threaded (harness = false, no threads started), so the
    // child is a complete copy and may run arbitrary Rust code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok();
        // SAFETY: _exit ends the child without running the parent's atexit handlers or
        // flushing stdio buffers copied from the parent.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    pid
}

/// Waits for every child; returns an error naming those that failed.
fn wait_all(pids: &[libc::pid_t]) -> Result<(), String> {
    let mut failed = Vec::new();
    for &pid in pids {
        let mut status = 0;
        // SAFETY: waitpid writes only to `status`.
        let rc = unsafe { libc::waitpid(pid, &mut status, 0) };
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

fn check(cond: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(what())
    }
}

#[repr(C)]
struct TwoWords {
    a: u64,
    b: u64,
}
// SAFETY: repr(C) integers.
unsafe impl ShmemSafe for TwoWords {}

#[repr(C)]
struct Stop {
    flag: AtomicBool,
    torn: AtomicU32,
    reads: AtomicU64,
}
// SAFETY: repr(C) atomics.
unsafe impl ShmemSafe for Stop {}

/// 8 writers x 20,000 exclusive increments of a two-word non-atomic pair, while 2 readers
/// check under shared locks that they never see the words differ.
fn lwlock_counter() -> Result<(), String> {
    let tranche = lwlock_register_tranche("StressCounter");
    let (data, _) = shmem_init_struct_typed::<LWLocked<TwoWords>>("lwlock counter", |d| d.lwlock().init(tranche))
        .map_err(|e| e.into_data().message)?;
    let (stop, _) =
        shmem_init_struct_typed::<Stop>("lwlock counter stop", |_| ()).map_err(|e| e.into_data().message)?;
    let mut readers = Vec::new();
    for r in 0..2 {
        readers.push(spawn(move || {
            set_my_lwlock_waiter_slot(NPROCS + r).unwrap();
            while !stop.flag.load(Ordering::Acquire) {
                let g = data.read();
                if g.a != g.b {
                    stop.torn.fetch_add(1, Ordering::Relaxed);
                }
                drop(g);
                stop.reads.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let writers: Vec<_> = (0..NPROCS)
        .map(|i| {
            spawn(move || {
                set_my_lwlock_waiter_slot(i).unwrap();
                for _ in 0..INCREMENTS {
                    let mut g = data.write();
                    g.a += 1;
                    // Widen the window in which a broken lock would let a reader see a != b.
                    black_box(&mut *g);
                    g.b += 1;
                }
                assert_eq!(held_lwlock_count(), 0);
            })
        })
        .collect();
    let w = wait_all(&writers);
    stop.flag.store(true, Ordering::Release);
    let r = wait_all(&readers);
    w?;
    r?;
    let g = data.read();
    let want = NPROCS as u64 * INCREMENTS;
    check(g.a == want && g.b == want, || format!("counter is ({}, {}), expected {want}", g.a, g.b))?;
    check(stop.torn.load(Ordering::Relaxed) == 0, || "a reader saw a torn pair".to_string())?;
    check(stop.reads.load(Ordering::Relaxed) > 0, || "readers never ran".to_string())?;
    check(!data.lwlock().has_waiters(), || "waiters left behind".to_string())
}

/// The same with a spinlock.
fn spinlock_counter() -> Result<(), String> {
    let (data, _) = shmem_init_struct_typed::<SpinLocked<TwoWords>>("spinlock counter", |_| ())
        .map_err(|e| e.into_data().message)?;
    let (stop, _) =
        shmem_init_struct_typed::<Stop>("spinlock counter stop", |_| ()).map_err(|e| e.into_data().message)?;
    let reader = spawn(move || {
        while !stop.flag.load(Ordering::Acquire) {
            let g = data.lock();
            if g.a != g.b {
                stop.torn.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    let writers: Vec<_> = (0..NPROCS)
        .map(|_| {
            spawn(move || {
                for _ in 0..INCREMENTS {
                    let mut g = data.lock();
                    g.a += 1;
                    black_box(&mut *g);
                    g.b += 1;
                }
            })
        })
        .collect();
    let w = wait_all(&writers);
    stop.flag.store(true, Ordering::Release);
    let r = wait_all(&[reader]);
    w?;
    r?;
    let g = data.lock();
    let want = NPROCS as u64 * INCREMENTS;
    check(g.a == want && g.b == want, || format!("counter is ({}, {}), expected {want}", g.a, g.b))?;
    check(stop.torn.load(Ordering::Relaxed) == 0, || "a reader saw a torn pair".to_string())
}

#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct LockTag {
    db: u32,
    rel: u32,
}
// SAFETY: repr(C) integers.
unsafe impl ShmemSafe for LockTag {}

/// 4 processes insert disjoint key ranges into one table, then everything is checked,
/// half removed by other processes, and the table filled up to its capacity.
fn shared_hash() -> Result<(), String> {
    const PER_PROC: u32 = 1500;
    const PROCS: u32 = 4;
    const CAPACITY: usize = 6100;
    let table = SharedHash::<LockTag, u64>::init("stress hash", CAPACITY).map_err(|e| e.into_data().message)?;
    let key = |p: u32, i: u32| LockTag { db: p, rel: i };
    let value = |p: u32, i: u32| (u64::from(p) << 32) | (u64::from(i) * 7);
    let pids: Vec<_> = (0..PROCS)
        .map(|p| {
            spawn(move || {
                set_my_lwlock_waiter_slot(p as usize).unwrap();
                // Attach by name in the child, as a backend would.
                let t = SharedHash::<LockTag, u64>::init("stress hash", CAPACITY).unwrap();
                for i in 0..PER_PROC {
                    assert_eq!(t.insert(key(p, i), value(p, i)).unwrap(), None);
                    if i % 3 == 0 {
                        assert!(t.update(&key(p, i), |v| *v += 1));
                    }
                }
            })
        })
        .collect();
    wait_all(&pids)?;
    check(table.len() == (PROCS * PER_PROC) as usize, || format!("len {}", table.len()))?;
    for p in 0..PROCS {
        for i in 0..PER_PROC {
            let want = value(p, i) + u64::from(i % 3 == 0);
            let got = table.find(&key(p, i));
            check(got == Some(want), || format!("key ({p}, {i}): got {got:?}, want {want}"))?;
        }
    }
    // Each process removes the even keys of its neighbour's range.
    let pids: Vec<_> = (0..PROCS)
        .map(|p| {
            spawn(move || {
                set_my_lwlock_waiter_slot(p as usize).unwrap();
                let q = (p + 1) % PROCS;
                for i in (0..PER_PROC).step_by(2) {
                    assert!(table.remove(&key(q, i)).is_some());
                }
            })
        })
        .collect();
    wait_all(&pids)?;
    let left = (PROCS * PER_PROC / 2) as usize;
    check(table.len() == left, || format!("len after removal {}", table.len()))?;
    check(table.entries().iter().all(|(k, _)| k.rel % 2 == 1), || "an even key survived".to_string())?;
    // Fill to capacity from two processes at once; exactly CAPACITY - left inserts succeed.
    let (ok, _) = shmem_init_struct_typed::<AtomicU64>("stress hash ok", |_| ()).map_err(|e| e.into_data().message)?;
    let pids: Vec<_> = (0..2u32)
        .map(|p| {
            spawn(move || {
                set_my_lwlock_waiter_slot(p as usize).unwrap();
                for i in 0..CAPACITY as u32 {
                    match table.insert(key(100 + p, i), 1) {
                        Ok(None) => {
                            ok.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(Some(_)) => panic!("fresh key already present"),
                        Err(e) => {
                            assert_eq!(e.message, "out of shared memory");
                            assert_eq!(e.code.code(), "53200");
                        }
                    }
                }
            })
        })
        .collect();
    wait_all(&pids)?;
    let inserted = ok.load(Ordering::Relaxed) as usize;
    check(inserted == CAPACITY - left, || format!("{inserted} inserts succeeded, expected {}", CAPACITY - left))?;
    check(table.len() == CAPACITY, || format!("len {} at capacity", table.len()))
}

#[repr(C)]
struct Fairness {
    lock: LWLock,
    stop: AtomicBool,
    readers_started: AtomicU32,
    exclusive_wait_us: AtomicU64,
    shared_acquisitions: AtomicU64,
}
// SAFETY: repr(C) of an LWLock and atomics.
unsafe impl ShmemSafe for Fairness {}

/// Three readers keep the lock continuously share-locked (their holds overlap); an exclusive
/// requester must still get it promptly, because new shared requests queue behind it.
fn fairness() -> Result<(), String> {
    let tranche = lwlock_register_tranche("FairnessTest");
    let (f, _) =
        shmem_init_struct_typed::<Fairness>("fairness", |f| f.lock.init(tranche)).map_err(|e| e.into_data().message)?;
    let readers: Vec<_> = (0..3)
        .map(|r| {
            spawn(move || {
                set_my_lwlock_waiter_slot(10 + r).unwrap();
                f.readers_started.fetch_add(1, Ordering::Relaxed);
                let deadline = Instant::now() + Duration::from_secs(10);
                while !f.stop.load(Ordering::Acquire) && Instant::now() < deadline {
                    let g = f.lock.acquire_shared();
                    let t = Instant::now();
                    while t.elapsed() < Duration::from_micros(300) {
                        std::hint::spin_loop();
                    }
                    drop(g);
                    f.shared_acquisitions.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let writer = spawn(move || {
        set_my_lwlock_waiter_slot(20).unwrap();
        while f.readers_started.load(Ordering::Relaxed) < 3 {
            std::thread::yield_now();
        }
        // Let the readers build up overlapping holds first.
        std::thread::sleep(Duration::from_millis(50));
        for _ in 0..20 {
            let t = Instant::now();
            let g = f.lock.acquire_exclusive();
            let waited = t.elapsed().as_micros() as u64;
            f.exclusive_wait_us.fetch_max(waited, Ordering::Relaxed);
            drop(g);
            std::thread::sleep(Duration::from_millis(2));
        }
        f.stop.store(true, Ordering::Release);
        // The readers held the lock almost all the time, so the writer slept on it, and the
        // wait-event hook saw the lock's tranche name.
        assert!(WAITS.load(Ordering::Relaxed) > 0, "the wait event hook was never called");
        assert_eq!(f.lock.tranche_name(), "FairnessTest");
    });
    let w = wait_all(&[writer]);
    f.stop.store(true, Ordering::Release);
    let r = wait_all(&readers);
    w?;
    r?;
    let worst = f.exclusive_wait_us.load(Ordering::Relaxed);
    // With FIFO hand-off the writer waits for at most the holds in progress (a few hundred
    // microseconds, plus scheduling on a busy 2-core machine); starvation would hit 10 s.
    check(worst < 1_000_000, || format!("exclusive waiter waited {worst} us"))?;
    check(f.shared_acquisitions.load(Ordering::Relaxed) > 20, || "readers made no progress".to_string())
}

/// Named allocations made before fork are found by children at the same address; children
/// see each other's writes; the view accounts for the whole segment.
fn named_allocations_across_fork() -> Result<(), String> {
    let (p, found) = shmem_init_struct("shared across fork", 1000).map_err(|e| e.into_data().message)?;
    check(!found, || "fresh name reported as found".to_string())?;
    let addr = p.as_ptr() as usize;
    let child = spawn(move || {
        let (q, found) = shmem_init_struct("shared across fork", 1000).unwrap();
        assert!(found);
        assert_eq!(q.as_ptr() as usize, addr);
        // SAFETY: 1000 bytes live at q; the parent does not touch them until we exit.
        unsafe { q.as_ptr().write_bytes(0xAB, 1000) };
        // A structure created in a child is visible to the parent.
        let (c, found) = shmem_init_struct_typed::<AtomicU64>("made by child", |v| *v.get_mut() = 42).unwrap();
        assert!(!found);
        c.fetch_add(1, Ordering::Relaxed);
    });
    wait_all(&[child])?;
    // SAFETY: as above; the child has exited.
    let bytes = unsafe { std::slice::from_raw_parts(p.as_ptr(), 1000) };
    check(bytes.iter().all(|&b| b == 0xAB), || "child's writes not visible".to_string())?;
    let (c, found) =
        shmem_init_struct_typed::<AtomicU64>("made by child", |_| ()).map_err(|e| e.into_data().message)?;
    check(found && c.load(Ordering::Relaxed) == 43, || "child's structure not found".to_string())?;
    let rows = shmem_allocations();
    let names: Vec<_> = rows.iter().filter_map(|r| r.name.as_deref()).collect();
    check(names.contains(&"shared across fork") && names.contains(&"made by child"), || format!("{names:?}"))?;
    check(rows.last().is_some_and(|r| r.name.is_none()), || "free row missing".to_string())?;
    Ok(())
}

/// Crash-restart: destroy the segment and create a fresh one; the old names are gone.
fn recreate_segment(seg: &mut Option<ShmemSegment>) -> Result<(), String> {
    let old = seg.take().expect("segment exists");
    // SAFETY: every reference handed out by the earlier cases is dead (their children exited
    // and the parent's borrows ended with those functions), and no LWLock is held.
    unsafe { old.destroy() };
    check(!pg_shmem::shmem_is_attached(), || "still attached after destroy".to_string())?;
    let new = ShmemSegment::create(1 << 20).map_err(|e| e.into_data().message)?;
    lwlock_waiters_init(MAX_PROCS).map_err(|e| e.into_data().message)?;
    let (_, found) = shmem_init_struct("shared across fork", 1000).map_err(|e| e.into_data().message)?;
    *seg = Some(new);
    check(!found, || "a structure survived re-creation".to_string())
}

type Case<'a> = dyn FnOnce() -> Result<(), String> + 'a;

static WAITS: AtomicU32 = AtomicU32::new(0);

fn count_waits(event: Option<&'static str>) {
    if event.is_some() {
        WAITS.fetch_add(1, Ordering::Relaxed);
    }
}

fn main() {
    let started = Instant::now();
    let mut seg = Some(ShmemSegment::create(8 << 20).expect("create the segment"));
    lwlock_waiters_init(MAX_PROCS).expect("waiter slots");
    set_my_lwlock_waiter_slot(MAX_PROCS - 1).expect("parent's waiter slot");
    set_wait_event_hook(Some(count_waits));

    let cases: Vec<(&str, Box<Case>)> = vec![
        ("lwlock_counter", Box::new(lwlock_counter)),
        ("spinlock_counter", Box::new(spinlock_counter)),
        ("shared_hash", Box::new(shared_hash)),
        ("fairness", Box::new(fairness)),
        ("named_allocations_across_fork", Box::new(named_allocations_across_fork)),
        ("recreate_segment", Box::new(|| recreate_segment(&mut seg))),
    ];
    let (mut passed, mut failed) = (0, 0);
    for (name, case) in cases {
        let t = Instant::now();
        match case() {
            Ok(()) => {
                passed += 1;
                println!("test {name} ... ok ({} ms)", t.elapsed().as_millis());
            }
            Err(e) => {
                failed += 1;
                println!("test {name} ... FAILED: {e}");
            }
        }
    }
    println!("fork_stress finished in {} ms", started.elapsed().as_millis());
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
