//! Transaction ids, the clog and snapshots across real fork()ed processes
//! sharing one segment (the way backends do).
//!
//! `harness = false`: fork() inside libtest's threads is undefined
//! behaviour, so `main` runs the case itself in a single-threaded process
//! and exits 1 on failure.
//!
//! Several children run transactions (some with a savepoint that commits
//! or rolls back) across the id 2^32, which is also a clog page and
//! segment boundary. Each takes snapshots as it goes and checks the
//! snapshot rule: every id below the snapshot's xmax that it does not list
//! as running (and is not the taker's own) already has its fate in the
//! clog. At the end the parent compares the clog with what each child
//! recorded it did. A second case has children set statuses on many more
//! clog pages than there are buffers, so pages are evicted and read back
//! while others change them.

use pg_proc::procarray;
use pg_shmem::{lwlock_waiters_init, set_my_lwlock_waiter_slot, shmem_init_struct, ShmemSegment};
use pg_wal::clog::{self, XidStatus};
use pg_wal::{subtrans, varsup, xact};
use std::sync::atomic::{AtomicU8, Ordering};

const CHILDREN: usize = 6;
const XACTS_PER_CHILD: usize = 300;
/// Ids the run can use at most (each transaction takes at most two).
const MAX_IDS: usize = CHILDREN * XACTS_PER_CHILD * 2;
/// Start below 2^32 so that the run crosses it.
const FIRST_XID: u64 = (1 << 32) - 1000;

fn spawn(f: impl FnOnce()) -> libc::pid_t {
    // SAFETY: this process is single-threaded (harness = false), so the
    // child is a complete copy and may run arbitrary Rust code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok();
        // SAFETY: _exit ends the child without the parent's atexit work.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    pid
}

fn status_code(s: XidStatus) -> u8 {
    s as u8
}

/// What children record they did, per id: 0 unknown, else an XidStatus + 1.
fn expected_table() -> &'static [AtomicU8] {
    let (ptr, _) = shmem_init_struct("test expected statuses", MAX_IDS).expect("segment has room");
    // SAFETY: MAX_IDS zeroed bytes in the mapped segment; AtomicU8 has the
    // layout of u8 and every byte value is valid.
    unsafe { std::slice::from_raw_parts(ptr.as_ptr() as *const AtomicU8, MAX_IDS) }
}

fn record(table: &[AtomicU8], xid: u64, status: XidStatus) {
    table[(xid - FIRST_XID) as usize].store(status_code(status) + 1, Ordering::SeqCst);
}

fn child(slot: usize) {
    set_my_lwlock_waiter_slot(slot).expect("waiter slot");
    procarray::init_process(procarray::BackendType::ClientBackend, slot as u32).expect("proc slot");
    let table = expected_table();
    for k in 0..XACTS_PER_CHILD {
        xact::start_transaction();
        let mut sub = None;
        if k % 3 == 0 {
            xact::start_sub_transaction().unwrap();
            let s = xact::get_current_transaction_id().unwrap();
            let top = xact::get_top_transaction_id_if_any();
            assert!(top < s, "a parent's id is older than its child's");
            assert_eq!(subtrans::sub_trans_get_topmost_transaction(s).unwrap(), top);
            if k % 2 == 0 {
                xact::commit_sub_transaction().unwrap();
                sub = Some(s);
            } else {
                xact::abort_sub_transaction().unwrap();
                xact::cleanup_sub_transaction();
                record(table, s, XidStatus::Aborted);
                assert!(!xact::transaction_id_is_current_transaction_id(s));
            }
        }
        let top = xact::get_top_transaction_id().unwrap();
        if k % 10 == 0 {
            check_snapshot_rule(top);
        }
        if k % 4 == 1 {
            xact::abort_transaction().unwrap();
            xact::finish_abort();
            record(table, top, XidStatus::Aborted);
            if let Some(s) = sub {
                record(table, s, XidStatus::Aborted);
            }
        } else {
            xact::commit_transaction().unwrap();
            xact::finish_commit();
            record(table, top, XidStatus::Committed);
            if let Some(s) = sub {
                record(table, s, XidStatus::Committed);
            }
        }
    }
    procarray::proc_exit_release();
}

/// Every id in [FIRST_XID, xmax) that the snapshot does not list, and that
/// is not ours, has a final status in the clog.
fn check_snapshot_rule(own: u64) {
    let s = procarray::get_snapshot_data(0).unwrap();
    assert!(!s.xip.contains(&own), "the own transaction is never listed");
    assert!(!s.suboverflowed);
    for x in FIRST_XID..s.xmax {
        if x == own || xact::transaction_id_is_current_transaction_id(x) || s.xid_in_snapshot(x) {
            continue;
        }
        let status = clog::transaction_id_get_status(x).unwrap();
        assert_ne!(status, XidStatus::InProgress, "id {x} is below xmax {} and not listed, yet has no outcome", s.xmax);
    }
}

fn run() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("ferrogres-transam-procs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _segment = ShmemSegment::create(16 << 20).map_err(|e| e.to_string())?;
    lwlock_waiters_init(CHILDREN + 2).map_err(|e| e.to_string())?;
    set_my_lwlock_waiter_slot(0).map_err(|e| e.to_string())?;
    procarray::init_proc_array(CHILDREN + 1).map_err(|e| e.to_string())?;
    procarray::init_proc_array_xids(CHILDREN + 1).map_err(|e| e.to_string())?;
    varsup::shmem_init().map_err(|e| e.to_string())?;
    clog::shmem_init_in(&dir.join("pg_xact"), 8).map_err(|e| e.to_string())?;
    subtrans::shmem_init_in(&dir.join("pg_subtrans"), 4).map_err(|e| e.to_string())?;
    xact::bootstrap_transam(FIRST_XID).map_err(|e| e.to_string())?;
    xact::startup_transam().map_err(|e| e.to_string())?;
    expected_table();

    let pids: Vec<_> = (1..=CHILDREN).map(|slot| spawn(move || child(slot))).collect();
    let mut failed = Vec::new();
    for pid in pids {
        let mut status = 0;
        // SAFETY: waitpid writes only to `status`.
        let rc = unsafe { libc::waitpid(pid, &mut status, 0) };
        if rc != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
            failed.push(format!("child {pid} status {status:#x}"));
        }
    }
    if !failed.is_empty() {
        return Err(failed.join(", "));
    }
    let next = varsup::read_next_full_xid().map_err(|e| e.to_string())?;
    let expected_ids = CHILDREN * XACTS_PER_CHILD + CHILDREN * XACTS_PER_CHILD.div_ceil(3);
    if next - FIRST_XID != expected_ids as u64 {
        return Err(format!("{} ids handed out, expected {expected_ids}", next - FIRST_XID));
    }
    let table = expected_table();
    for x in FIRST_XID..next {
        let want = table[(x - FIRST_XID) as usize].load(Ordering::SeqCst);
        let got = status_code(clog::transaction_id_get_status(x).map_err(|e| e.to_string())?) + 1;
        if want != got {
            return Err(format!("id {x}: clog says {got}, the child recorded {want}"));
        }
    }
    if procarray::latest_completed_xid().map_err(|e| e.to_string())? != next - 1 {
        return Err("latestCompletedXid is not the newest id".into());
    }
    clog_under_eviction()?;
    // The clog's files survive a checkpoint and cover both sides of 2^32.
    xact::checkpoint_transam().map_err(|e| e.to_string())?;
    for seg in ["0FFF", "1000"] {
        if !dir.join("pg_xact").join(seg).exists() {
            return Err(format!("pg_xact/{seg} is missing"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Children set statuses on 40 clog pages through 8 buffers at once (every
/// set may evict a dirty page another child just wrote to), each its own
/// ids but sharing pages and bytes; afterwards every status is there.
fn clog_under_eviction() -> Result<(), String> {
    const BASE: u64 = 1 << 33;
    const PAGES: u64 = 40;
    const PER_PAGE: u64 = 60;
    // Interleaved: each status byte holds one id of every child.
    let xid = |child: u64, page: u64, j: u64| BASE + page * clog::CLOG_XACTS_PER_PAGE + j * 4 + child;
    let want = |x: u64| if x.is_multiple_of(3) { XidStatus::Aborted } else { XidStatus::Committed };
    let pids: Vec<_> = (0..4u64)
        .map(|child| {
            spawn(move || {
                set_my_lwlock_waiter_slot(child as usize + 1).expect("waiter slot");
                for j in 0..PER_PAGE {
                    for page in 0..PAGES {
                        let x = xid(child, page, j);
                        clog::transaction_id_set_tree_status(x, &[], want(x), 0).unwrap();
                    }
                }
                for page in 0..PAGES {
                    for j in 0..PER_PAGE {
                        let x = xid(child, page, j);
                        assert_eq!(clog::transaction_id_get_status(x).unwrap(), want(x), "id {x}");
                    }
                }
            })
        })
        .collect();
    for pid in pids {
        let mut status = 0;
        // SAFETY: waitpid writes only to `status`.
        let rc = unsafe { libc::waitpid(pid, &mut status, 0) };
        if rc != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
            return Err(format!("clog child {pid} status {status:#x}"));
        }
    }
    for child in 0..4 {
        for page in 0..PAGES {
            for j in 0..PER_PAGE {
                let x = xid(child, page, j);
                let got = clog::transaction_id_get_status(x).map_err(|e| e.to_string())?;
                if got != want(x) {
                    return Err(format!("id {x}: {got:?}, expected {:?}", want(x)));
                }
            }
        }
    }
    Ok(())
}

fn main() {
    match run() {
        Ok(()) => println!("transam_procs: 2 passed, 0 failed"),
        Err(e) => {
            eprintln!("transam_procs: FAILED: {e}");
            std::process::exit(1);
        }
    }
}
