//! The shared buffer pool with real processes: a relation far larger than
//! the pool, read, modified and evicted by several fork()ed processes at
//! once, must keep every page's content right.
//!
//! fork() inside libtest's threaded harness is undefined behaviour, so this
//! target has `harness = false`: `main` runs each case in sequence in one
//! single-threaded process, forks children itself, and prints
//! `N passed, M failed` (exit status 1 on any failure).

use std::path::PathBuf;

use pg_storage::bufmgr::{
    self, buffer_infos, checkpoint_buffers, drop_relation_all_buffers, extend_relation, flush_relation_buffers,
    pins_held, read_buffer, BufferAccessStrategy, Persistence, ReadBufferMode, StorageRel, StrategyKind,
};
use pg_storage::instrument::buffer_usage;
use pg_storage::page::{AddItemOptions, Page};
use pg_storage::smgr::smgr_sync_all_pending;
use pg_storage::{ForkNumber, RelFileNode};

/// Pool size (shared_buffers, in 8 kB buffers) and relation size: the
/// relation is ten times the pool.
const NBUFFERS: usize = 32;
const NPAGES: u32 = 320;
const NPROCS: usize = 6;
const ITERATIONS: usize = 3000;

/// Forks a child running `f`; the child exits 0 if `f` returns normally.
fn spawn(f: impl FnOnce()) -> libc::pid_t {
    // SAFETY: this process is single-threaded (harness = false, no threads
    // started), so the child is a complete copy and may run any Rust code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed: {}", std::io::Error::last_os_error());
    if pid == 0 {
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_ok();
        // SAFETY: _exit ends the child without running the parent's atexit
        // handlers or flushing stdio buffers copied from the parent.
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    pid
}

fn wait_all(pids: &[libc::pid_t]) -> Result<(), String> {
    // A generous bound: a hang (a lost wakeup) fails the test instead of
    // blocking it forever; the children are then killed.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut failed = Vec::new();
    for &pid in pids {
        let mut status = 0;
        loop {
            // SAFETY: waitpid writes only to `status`.
            let rc = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
            if rc == pid {
                if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
                    failed.push(format!("child {pid} status {status:#x}"));
                }
                break;
            }
            if rc < 0 || std::time::Instant::now() > deadline {
                // SAFETY: kill sends a signal to our own child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                // SAFETY: as above; reaps the killed child.
                unsafe { libc::waitpid(pid, &mut status, 0) };
                failed.push(format!("child {pid} did not finish in time"));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
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

fn rel(relno: u32, persistence: Persistence) -> StorageRel {
    StorageRel {
        relid: relno,
        rnode: RelFileNode { spc: 1663, db: 5, rel: relno },
        persistence,
        backend: (persistence == Persistence::Temp).then_some(7),
        fillfactor: 100,
    }
}

/// A tiny deterministic generator (xorshift), so the parent can replay
/// what each child did.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Page layout used by the tests: one item holding the block number
/// (4 bytes), then one u32 counter per process.
const ITEM_LEN: usize = 4 + 4 * NPROCS;

fn init_page(page: &mut Page, blkno: u32) {
    page.init(0);
    let mut item = vec![0u8; ITEM_LEN];
    item[..4].copy_from_slice(&blkno.to_le_bytes());
    page.add_item(&item, AddItemOptions::default()).expect("fits");
}

fn counter(page: &Page, proc_no: usize) -> u32 {
    let item = page.get_item(1);
    u32::from_le_bytes(item[4 + 4 * proc_no..8 + 4 * proc_no].try_into().unwrap())
}

fn stamped_block(page: &Page) -> u32 {
    u32::from_le_bytes(page.get_item(1)[..4].try_into().unwrap())
}

/// Builds a relation of `n` pages through the pool.
fn build_relation(r: &StorageRel, n: u32) -> Result<(), String> {
    r.smgr().create(ForkNumber::Main, false).map_err(|e| e.message.clone())?;
    for b in 0..n {
        let mut g = extend_relation(r, ForkNumber::Main, None).map_err(|e| e.message.clone())?;
        check(g.block() == b, || format!("extension gave block {} for {b}", g.block()))?;
        init_page(&mut g, b);
        g.mark_dirty();
    }
    Ok(())
}

fn single_process_basics() -> Result<(), String> {
    let r = rel(16384, Persistence::Permanent);
    let before = buffer_usage();
    build_relation(&r, 100)?;
    check(r.smgr().nblocks(ForkNumber::Main).unwrap() == 100, || "nblocks after 100 extensions".into())?;
    // Every page reads back with its stamp, though the pool holds only 32.
    for b in 0..100 {
        let pin = read_buffer(&r, ForkNumber::Main, b, ReadBufferMode::Normal, None).map_err(|e| e.message.clone())?;
        let g = pin.lock_shared();
        check(stamped_block(&g) == b, || format!("block {b} reads as {}", stamped_block(&g)))?;
    }
    let used = buffer_usage().since(&before);
    check(used.shared_blks_written >= 60, || format!("evictions wrote only {} pages", used.shared_blks_written))?;
    check(used.shared_blks_read >= 60, || format!("re-reads: {}", used.shared_blks_read))?;
    check(used.shared_blks_dirtied >= 100, || format!("dirtied: {}", used.shared_blks_dirtied))?;
    // Two pins on one buffer, a hit, and the pin count returning to zero.
    {
        let p1 = read_buffer(&r, ForkNumber::Main, 99, ReadBufferMode::Normal, None).unwrap();
        let before = buffer_usage();
        let p2 = read_buffer(&r, ForkNumber::Main, 99, ReadBufferMode::Normal, None).unwrap();
        check(p1.buffer() == p2.buffer(), || "same block, same buffer".into())?;
        check(buffer_usage().since(&before).shared_blks_hit == 1, || "second read is a hit".into())?;
        check(pins_held() == 2, || format!("pins held {}", pins_held()))?;
        // Cleanup lock only when we are the sole pinner of it... we hold two.
        check(p1.conditional_lock_cleanup().is_none(), || "cleanup lock with two pins".into())?;
        drop(p2);
        check(p1.conditional_lock_cleanup().is_some(), || "cleanup lock with one pin".into())?;
    }
    check(pins_held() == 0, || format!("leaked pins: {}", pins_held()))?;
    // A checkpoint writes every dirty buffer, then fsyncs the files.
    {
        let pin = read_buffer(&r, ForkNumber::Main, 5, ReadBufferMode::Normal, None).unwrap();
        let mut g = pin.lock_exclusive();
        g.get_item_mut(1)[4] = 42;
        g.mark_dirty();
    }
    let stats = checkpoint_buffers(false).map_err(|e| e.message.clone())?;
    check(stats.written >= 1 && stats.written == stats.to_write, || format!("checkpoint: {stats:?}"))?;
    check(buffer_infos().iter().all(|b| !b.dirty), || "dirty buffers after a checkpoint".into())?;
    smgr_sync_all_pending().map_err(|e| e.message.clone())?;
    // The change is on disk: drop the buffers and read again.
    drop_relation_all_buffers(&r.smgr()).map_err(|e| e.message.clone())?;
    check(buffer_infos().iter().all(|b| b.tag.is_none_or(|t| t.rnode != r.rnode)), || {
        "buffers left after drop".into()
    })?;
    let pin = read_buffer(&r, ForkNumber::Main, 5, ReadBufferMode::Normal, None).unwrap();
    check(pin.lock_shared().get_item(1)[4] == 42, || "checkpointed change lost".into())?;
    drop(pin);
    // A bulk read cycles through its ring instead of the whole pool.
    let other = rel(16385, Persistence::Permanent);
    build_relation(&other, 60)?;
    flush_relation_buffers(&other).map_err(|e| e.message.clone())?;
    drop_relation_all_buffers(&other.smgr()).map_err(|e| e.message.clone())?;
    let mut ring = BufferAccessStrategy::new(StrategyKind::BulkRead);
    for b in 0..60 {
        let pin = read_buffer(&other, ForkNumber::Main, b, ReadBufferMode::Normal, Some(&mut ring)).unwrap();
        check(stamped_block(&pin.lock_shared()) == b, || format!("ring read of {b}"))?;
    }
    let in_pool = buffer_infos().iter().filter(|b| b.tag.is_some_and(|t| t.rnode == other.rnode)).count();
    check(in_pool <= ring.ring_size() + 1, || format!("bulk read kept {in_pool} buffers (ring {})", ring.ring_size()))?;
    // A corrupted page on disk is refused with PostgreSQL's message.
    drop_relation_all_buffers(&other.smgr()).map_err(|e| e.message.clone())?;
    let garbage = Box::new([0x5au8; 8192]);
    other.smgr().write(ForkNumber::Main, 3, &garbage, true).unwrap();
    let err = read_buffer(&other, ForkNumber::Main, 3, ReadBufferMode::Normal, None).unwrap_err();
    check(err.message == "invalid page in block 3 of relation base/5/16385", || err.message.clone())?;
    let zeroed = read_buffer(&other, ForkNumber::Main, 3, ReadBufferMode::ZeroOnError, None).unwrap();
    check(zeroed.lock_shared().is_new(), || "ZeroOnError gives a new page".into())?;
    drop(zeroed);
    check(pins_held() == 0, || format!("leaked pins: {}", pins_held()))?;
    // A pin whose value is never dropped (an exit without unwinding) is
    // given back by the exit hook.
    std::mem::forget(read_buffer(&other, ForkNumber::Main, 4, ReadBufferMode::Normal, None).unwrap());
    check(bufmgr::at_proc_exit_buffers() == 1, || "one leaked pin".into())?;
    check(pins_held() == 0 && buffer_infos().iter().all(|b| b.refcount == 0), || "pin left after exit".into())?;
    Ok(())
}

fn local_buffers() -> Result<(), String> {
    let r = rel(16390, Persistence::Temp);
    let before = buffer_usage();
    // More pages than temp_buffers (100 with the setting at its minimum) force local evictions.
    build_relation(&r, 250)?;
    for b in (0..250).rev() {
        let pin = read_buffer(&r, ForkNumber::Main, b, ReadBufferMode::Normal, None).map_err(|e| e.message.clone())?;
        check(pin.is_local(), || "a temporary relation uses local buffers".into())?;
        check(stamped_block(&pin.lock_shared()) == b, || format!("local block {b}"))?;
    }
    let used = buffer_usage().since(&before);
    check(used.local_blks_written >= 100 && used.local_blks_read >= 100, || format!("local usage {used:?}"))?;
    check(used.shared_blks_hit + used.shared_blks_read == 0, || "temp pages never enter shared buffers".into())?;
    check(bufmgr::localbuf::local_buffer_count() <= 100, || {
        format!("local buffers grew to {}", bufmgr::localbuf::local_buffer_count())
    })?;
    check(pins_held() == 0, || format!("leaked pins: {}", pins_held()))?;
    Ok(())
}

fn redo_record(lsn: u64, blkno: u32, image: Option<&Page>, will_init: bool) -> pg_wal::record::DecodedRecord {
    use pg_wal::record::{DecodedBlock, DecodedRecord, XLogRecordHeader};
    DecodedRecord {
        lsn,
        end_lsn: lsn + 64,
        header: XLogRecordHeader::default(),
        blocks: vec![DecodedBlock {
            block_id: 0,
            rnode: RelFileNode { spc: 1663, db: 5, rel: 16420 },
            fork: ForkNumber::Main,
            blkno,
            will_init,
            image: image.map(|p| p.bytes().to_vec()),
            hole_offset: 0,
            hole_length: 0,
            apply_image: image.is_some(),
            data: Vec::new(),
        }],
        main_data: Vec::new(),
    }
}

/// Redo's buffer access: images restored, the relation file created and
/// extended as needed, changes applied once (a replayed record is Done).
fn redo_buffers() -> Result<(), String> {
    use pg_storage::xlogutils::{read_buffer_for_redo, RedoAction};
    let r = rel(16420, Persistence::Permanent);
    // A record that initialises block 2 of a relation whose file does not exist yet.
    let rec = redo_record(1000, 2, None, true);
    match read_buffer_for_redo(&rec, 0).map_err(|e| e.message.clone())? {
        RedoAction::NeedsRedo(mut g) => {
            check(g.is_new(), || "an initialised block starts zeroed".into())?;
            init_page(&mut g, 2);
            g.set_lsn(rec.end_lsn);
            g.mark_dirty();
        }
        other => return Err(format!("init record gave {other:?}")),
    }
    check(r.smgr().nblocks(ForkNumber::Main).unwrap() == 3, || "redo extended the file to block 2".into())?;
    // The same record again: the page has it already.
    let again = redo_record(1000, 2, None, false);
    check(matches!(read_buffer_for_redo(&again, 0), Ok(RedoAction::Done)), || "replay is idempotent".into())?;
    // A later change applies once.
    let later = redo_record(2000, 2, None, false);
    match read_buffer_for_redo(&later, 0).map_err(|e| e.message.clone())? {
        RedoAction::NeedsRedo(mut g) => {
            g.get_item_mut(1)[4] = 7;
            g.set_lsn(later.end_lsn);
            g.mark_dirty();
        }
        other => return Err(format!("later record gave {other:?}")),
    }
    check(matches!(read_buffer_for_redo(&later, 0), Ok(RedoAction::Done)), || "second replay is Done".into())?;
    // A full-page image replaces whatever is there.
    let mut image = Page::new_zeroed();
    init_page(&mut image, 2);
    image.get_item_mut(1)[4] = 99;
    let fpi = redo_record(3000, 2, Some(&image), false);
    check(matches!(read_buffer_for_redo(&fpi, 0), Ok(RedoAction::Restored)), || "image restored".into())?;
    let pin = read_buffer(&r, ForkNumber::Main, 2, ReadBufferMode::Normal, None).unwrap();
    let g = pin.lock_shared();
    check(g.get_item(1)[4] == 99 && g.lsn() == fpi.end_lsn, || format!("after the image: {:?}", *g))?;
    drop(g);
    drop(pin);
    // A block past the end that must be read is not found.
    let missing = redo_record(4000, 50, None, false);
    check(matches!(read_buffer_for_redo(&missing, 0), Ok(RedoAction::NotFound)), || "block past the end".into())?;
    check(pins_held() == 0, || format!("leaked pins: {}", pins_held()))?;
    Ok(())
}

/// Several processes insert into one relation at once the way heapam
/// does: into the last block if it has room, else into a block they add.
/// The relation extension lock hands every block number out once, and a
/// block just added is locked before anyone else can see it, so no insert
/// is lost (an early version let a second inserter initialise a new page
/// under the extender's feet).
fn concurrent_extension() -> Result<(), String> {
    const PER_PROC: u32 = 300;
    const ITEM: usize = 900; // about 9 items a page: many extensions
    let r = rel(16430, Persistence::Permanent);
    r.smgr().create(ForkNumber::Main, false).map_err(|e| e.message.clone())?;
    let mut pids = Vec::new();
    for proc_no in 0..NPROCS {
        let r = r.clone();
        pids.push(spawn(move || {
            pg_shmem::set_my_lwlock_waiter_slot(proc_no + 1).expect("waiter slot");
            pg_proc::procarray::init_process(pg_proc::procarray::BackendType::ClientBackend, 0).expect("PGPROC");
            pg_proc::interrupts::init_process_latch().expect("self-pipe");
            pg_proc::interrupts::install_backend_signal_handlers();
            let owner = pg_proc::resowner::ResourceOwner::create(None, "TopTransaction");
            pg_proc::resowner::set_current(Some(owner));
            for seq in 0..PER_PROC {
                let mut item = vec![0u8; ITEM];
                item[..4].copy_from_slice(&(proc_no as u32).to_le_bytes());
                item[4..8].copy_from_slice(&seq.to_le_bytes());
                let n = r.smgr().nblocks(ForkNumber::Main).expect("nblocks");
                let mut done = false;
                if n > 0 {
                    let pin = read_buffer(&r, ForkNumber::Main, n - 1, ReadBufferMode::Normal, None).expect("read");
                    let mut g = pin.lock_exclusive();
                    if g.is_new() {
                        g.init(0);
                    }
                    if g.free_space() >= ITEM {
                        g.add_item(&item, AddItemOptions::default()).expect("fits");
                        g.mark_dirty();
                        done = true;
                    }
                }
                if !done {
                    let mut g = extend_relation(&r, ForkNumber::Main, None).expect("extend");
                    assert!(g.is_new(), "an extension gives a new page");
                    g.init(0);
                    g.add_item(&item, AddItemOptions::default()).expect("fits");
                    g.mark_dirty();
                }
            }
            assert_eq!(pins_held(), 0);
            pg_proc::resowner::release(owner, true);
        }));
    }
    wait_all(&pids)?;
    let n = r.smgr().nblocks(ForkNumber::Main).map_err(|e| e.message.clone())?;
    let mut seen = std::collections::BTreeSet::new();
    for b in 0..n {
        let pin = read_buffer(&r, ForkNumber::Main, b, ReadBufferMode::Normal, None).map_err(|e| e.message.clone())?;
        let g = pin.lock_shared();
        check(!g.is_new(), || format!("block {b} was handed out but never initialised"))?;
        for off in 1..=g.max_offset() {
            let item = g.get_item(off);
            let key =
                (u32::from_le_bytes(item[..4].try_into().unwrap()), u32::from_le_bytes(item[4..8].try_into().unwrap()));
            check(seen.insert(key), || format!("block {b} repeats {key:?}"))?;
        }
    }
    let want = PER_PROC as usize * NPROCS;
    check(seen.len() == want, || format!("{} of {want} inserts survived in {n} blocks", seen.len()))?;
    Ok(())
}

/// Several processes increment their own counter on random pages of a
/// relation ten times the pool, verifying each page's stamp whenever they
/// look at it; the parent then checks every counter against a replay.
fn concurrent_eviction() -> Result<(), String> {
    let r = rel(16400, Persistence::Permanent);
    build_relation(&r, NPAGES)?;
    checkpoint_buffers(false).map_err(|e| e.message.clone())?;
    let mut pids = Vec::new();
    for proc_no in 0..NPROCS {
        let r = r.clone();
        pids.push(spawn(move || {
            pg_shmem::set_my_lwlock_waiter_slot(proc_no + 1).expect("waiter slot");
            let mut rng = Rng(proc_no as u64 * 7919 + 17);
            let mut ring = BufferAccessStrategy::new(StrategyKind::BulkRead);
            for i in 0..ITERATIONS {
                let b = (rng.next() % NPAGES as u64) as u32;
                let pin = read_buffer(&r, ForkNumber::Main, b, ReadBufferMode::Normal, None).expect("read");
                {
                    let mut g = pin.lock_exclusive();
                    assert_eq!(stamped_block(&g), b, "page {b} has another page's contents");
                    let at = 4 + 4 * proc_no;
                    let v = counter(&g, proc_no) + 1;
                    g.get_item_mut(1)[at..at + 4].copy_from_slice(&v.to_le_bytes());
                    g.mark_dirty();
                }
                drop(pin);
                // Now and then a read-only look through a ring, and a
                // background-writer round.
                if i % 5 == 0 {
                    let c = (rng.next() % NPAGES as u64) as u32;
                    let pin =
                        read_buffer(&r, ForkNumber::Main, c, ReadBufferMode::Normal, Some(&mut ring)).expect("read");
                    assert_eq!(stamped_block(&pin.lock_shared()), c);
                } else {
                    rng.next();
                }
                if i % 500 == 0 && proc_no == 0 {
                    bufmgr::bgwriter_main_iteration().expect("bgwriter");
                }
            }
            assert_eq!(pins_held(), 0);
        }));
    }
    // Meanwhile the parent checkpoints now and then.
    for _ in 0..5 {
        checkpoint_buffers(false).map_err(|e| e.message.clone())?;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    wait_all(&pids)?;
    // Replay each child's choices.
    let mut expected = vec![[0u32; NPROCS]; NPAGES as usize];
    for (proc_no, _) in pids.iter().enumerate() {
        let mut rng = Rng(proc_no as u64 * 7919 + 17);
        for _ in 0..ITERATIONS {
            let b = (rng.next() % NPAGES as u64) as usize;
            expected[b][proc_no] += 1;
            rng.next();
        }
    }
    // Check through the pool, then again from disk after a checkpoint.
    for pass in ["pool", "disk"] {
        if pass == "disk" {
            checkpoint_buffers(false).map_err(|e| e.message.clone())?;
            drop_relation_all_buffers(&r.smgr()).map_err(|e| e.message.clone())?;
        }
        for b in 0..NPAGES {
            let pin =
                read_buffer(&r, ForkNumber::Main, b, ReadBufferMode::Normal, None).map_err(|e| e.message.clone())?;
            let g = pin.lock_shared();
            check(stamped_block(&g) == b, || format!("{pass}: block {b} stamp {}", stamped_block(&g)))?;
            for (p, &want) in expected[b as usize].iter().enumerate() {
                let got = counter(&g, p);
                check(got == want, || format!("{pass}: block {b} process {p}: {got} increments, want {want}"))?;
            }
        }
    }
    let total: u32 = expected.iter().flatten().sum();
    check(total as usize == NPROCS * ITERATIONS, || "replay count".into())?;
    Ok(())
}

/// One test case: Ok, or what went wrong.
type Case = fn() -> Result<(), String>;

fn main() {
    let dir: PathBuf = std::env::temp_dir().join(format!("ferrogres_bufmgr_fork_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("base/5")).expect("scratch directory");
    pg_storage::set_data_directory(&dir);
    pg_guc::set_from_command_line("shared_buffers", &NBUFFERS.to_string()).expect("shared_buffers");
    pg_guc::set_from_command_line("temp_buffers", "100").expect("temp_buffers");
    pg_guc::set_from_command_line("fsync", "off").expect("fsync");
    let procs = NPROCS + 2;
    let size = bufmgr::shmem_size().expect("size")
        + pg_shmem::LWLockWaiters::shmem_size(procs).unwrap()
        + pg_proc::procarray::proc_array_shmem_size(procs).unwrap()
        + pg_proc::latch::latch_shmem_size(procs).unwrap()
        + pg_proc::lock::lock_shmem_size(procs).unwrap()
        + (1 << 20);
    let _segment = pg_shmem::ShmemSegment::create(size).expect("segment");
    pg_shmem::lwlock_waiters_init(procs).expect("waiters");
    // The heavyweight lock table, for the relation extension lock.
    pg_proc::procarray::init_proc_array(procs).expect("proc array");
    pg_proc::latch::latch_shmem_init(procs).expect("latches");
    pg_proc::lock::lock_shmem_init(procs).expect("lock table");
    pg_shmem::set_my_lwlock_waiter_slot(0).expect("slot");
    bufmgr::shmem_init().expect("buffer pool");
    assert_eq!(bufmgr::shared_buffer_count(), NBUFFERS);

    let cases: [(&str, Case); 5] = [
        ("single_process_basics", single_process_basics),
        ("local_buffers", local_buffers),
        ("redo_buffers", redo_buffers),
        ("concurrent_eviction", concurrent_eviction),
        ("concurrent_extension", concurrent_extension),
    ];
    let (mut passed, mut failed) = (0, 0);
    for (name, case) in cases {
        match case() {
            Ok(()) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Err(e) => {
                println!("test {name} ... FAILED: {e}");
                failed += 1;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("{passed} passed, {failed} failed");
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
