//! The WAL stream end to end, in real processes: records inserted into the
//! shared WAL buffers (a small ring, so inserters write pages out
//! themselves), written and flushed into 16 MB segment files, read back
//! with the reader across page and segment boundaries; insertion resumed
//! mid-page as recovery resumes it; the reader stopping at a corrupted
//! record and at the zeroed tail; several forked processes committing at
//! once (group commit) with every flushed record found afterwards, also
//! after the inserters are killed with SIGKILL.
//!
//! fork() inside libtest's threaded harness is undefined behaviour, so this
//! target has `harness = false`: `main` runs the cases in sequence and
//! prints `N passed, M failed`.

use pg_wal::block::{ForkNumber, RelFileNode, BLCKSZ};
use pg_wal::insert::{XLogRecordBuilder, REGBUF_STANDARD};
use pg_wal::reader::XLogReader;
use pg_wal::rmgr::RmgrId;
use pg_wal::xlog;
use std::path::{Path, PathBuf};

const SYSID: u64 = 0x5EED_0000_0001;

fn setup(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pg_wal_stream_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pg_wal")).expect("mkdir");
    xlog::set_data_directory(&dir);
    dir
}

fn attach_shmem(procs: usize) -> pg_shmem::ShmemSegment {
    let size = xlog::shmem_size().expect("size") + pg_shmem::LWLockWaiters::shmem_size(procs).expect("size") + 65536;
    let seg = pg_shmem::ShmemSegment::create(size).expect("segment");
    pg_shmem::lwlock_waiters_init(procs).expect("waiters");
    pg_shmem::set_my_lwlock_waiter_slot(0).expect("slot");
    xlog::shmem_init().expect("init");
    seg
}

/// A record whose main data encodes its sequence number and length, so the
/// reader's side can check it.
fn payload(seq: u32, len: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(len.max(8));
    v.extend_from_slice(&seq.to_le_bytes());
    v.extend_from_slice(&(len as u32).to_le_bytes());
    while v.len() < len {
        v.push((v.len() as u32).wrapping_mul(seq | 1) as u8);
    }
    v
}

fn insert_payload(seq: u32, len: usize) -> u64 {
    let data = payload(seq, len);
    let mut b = XLogRecordBuilder::new();
    b.register_data(&data);
    b.set_xid(u64::from(seq) + 3);
    b.insert(RmgrId::GENERIC, 0x10).expect("insert")
}

fn read_all(dir: &Path, start: u64) -> (Vec<(u64, Vec<u8>)>, XLogReader) {
    let mut r = XLogReader::new(&dir.join("pg_wal"), Some(SYSID));
    r.begin_read(start, None);
    let mut out = Vec::new();
    while let Some(rec) = r.read_record() {
        out.push((rec.end_lsn, rec.main_data));
    }
    (out, r)
}

fn first_record() -> u64 {
    xlog::WAL_SEGMENT_SIZE + xlog::SIZE_OF_XLOG_LONG_PHD as u64
}

fn check(cond: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(what())
    }
}

/// 1100 records of 1 byte to 30 kB (about 17 MB: two segments), a small
/// ring of WAL buffers, flushes now and then; all read back in order, the
/// zeroed tail ends the WAL; then resume mid-page and read everything again.
fn stream_round_trip() -> Result<(), String> {
    let dir = setup("stream");
    pg_guc::set_from_command_line("wal_buffers", "8").map_err(|e| e.message.clone())?;
    pg_guc::set_from_command_line("fsync", "off").map_err(|e| e.message.clone())?;
    let _seg = attach_shmem(4);
    xlog::start_insertion(xlog::WAL_SEGMENT_SIZE, 0, 0, None, SYSID).map_err(|e| e.message.clone())?;
    let mut seq = 0u32;
    let mut lens = Vec::new();
    let mut total = 0usize;
    while total < 17 * 1024 * 1024 {
        let len = match seq % 7 {
            0 => 1,
            1 => 8150,
            2 => 30_000,
            3 => 8192 - 28,
            _ => (seq as usize * 7919) % 20_000,
        };
        let end = insert_payload(seq, len);
        if seq.is_multiple_of(50) {
            xlog::xlog_flush(end).map_err(|e| e.message.clone())?;
            check(xlog::get_flush_rec_ptr() >= end, || "flush did not reach the record".into())?;
        }
        lens.push(len);
        total += len;
        seq += 1;
    }
    let end = xlog::get_insert_rec_ptr();
    xlog::xlog_flush(end).map_err(|e| e.message.clone())?;
    let (recs, r) = read_all(&dir, first_record());
    check(recs.len() == lens.len(), || format!("read {} of {} records: {:?}", recs.len(), lens.len(), r.end_reason()))?;
    for (i, (_, data)) in recs.iter().enumerate() {
        check(*data == payload(i as u32, lens[i]), || format!("record {i} differs"))?;
    }
    check(r.end_rec_ptr() == end, || format!("WAL ends at {:X}, inserted up to {end:X}", r.end_rec_ptr()))?;
    check(r.end_reason().is_some_and(|m| m.starts_with("invalid record length")), || {
        format!("end reason {:?}", r.end_reason())
    })?;
    check(dir.join("pg_wal/000000010000000000000002").exists(), || "the second segment is missing".into())?;

    // Resume mid-page, as recovery does, and continue the chain.
    let mut r2 = XLogReader::new(&dir.join("pg_wal"), Some(SYSID));
    let page = r2.read_page(end - end % 8192)?;
    let last = r.read_rec_ptr();
    xlog::start_insertion(end, last, 0, Some(&page[..]), SYSID).map_err(|e| e.message.clone())?;
    for i in 0..20u32 {
        insert_payload(seq + i, 5000);
    }
    xlog::xlog_flush(xlog::get_insert_rec_ptr()).map_err(|e| e.message.clone())?;
    let (recs, r) = read_all(&dir, first_record());
    check(recs.len() == lens.len() + 20, || format!("after resuming: {} records, {:?}", recs.len(), r.end_reason()))?;

    // A damaged byte in a record in the middle ends the WAL just before it.
    let victim = recs.len() / 2;
    let victim_start = recs[victim - 1].0;
    let segno = xlog::segment_of(victim_start);
    let path = dir.join("pg_wal").join(xlog::segment_file_name(segno));
    let mut bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
    let off = (victim_start % xlog::WAL_SEGMENT_SIZE) as usize + 30;
    bytes[off] ^= 0xFF;
    std::fs::write(&path, &bytes).map_err(|e| e.to_string())?;
    let (recs, r) = read_all(&dir, first_record());
    check(recs.len() == victim, || format!("stopped after {} records, expected {victim}", recs.len()))?;
    check(r.end_reason().is_some_and(|m| m.contains("checksum")), || format!("end reason {:?}", r.end_reason()))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A record with a full-page image: registered while the page's LSN is
/// below the REDO point, it carries the image without the hole.
fn full_page_images() -> Result<(), String> {
    let dir = setup("fpi");
    let _seg = attach_shmem(4);
    let redo = xlog::WAL_SEGMENT_SIZE + 4096;
    xlog::start_insertion(xlog::WAL_SEGMENT_SIZE, 0, redo, None, SYSID).map_err(|e| e.message.clone())?;
    let mut page = Box::new([7u8; BLCKSZ]);
    page[0..8].copy_from_slice(&100u64.to_le_bytes());
    page[12..14].copy_from_slice(&64u16.to_le_bytes());
    page[14..16].copy_from_slice(&8000u16.to_le_bytes());
    let rnode = RelFileNode { spc: 1663, db: 5, rel: 16384 };
    let mut b = XLogRecordBuilder::new();
    b.register_buffer(0, rnode, ForkNumber::Main, 3, &page, REGBUF_STANDARD);
    b.register_buf_data(0, b"tuple");
    let end = b.insert(RmgrId::HEAP, 0).map_err(|e| e.message.clone())?;
    xlog::xlog_flush(end).map_err(|e| e.message.clone())?;
    let mut r = XLogReader::new(&dir.join("pg_wal"), Some(SYSID));
    r.begin_read(first_record(), None);
    let rec = r.read_record().ok_or_else(|| format!("no record: {:?}", r.end_reason()))?;
    let blk = rec.block(0).ok_or("no block")?;
    check(blk.hole_offset == 64 && blk.hole_length == 7936, || {
        format!("hole {} {}", blk.hole_offset, blk.hole_length)
    })?;
    let restored = blk.restore_image().ok_or("no image")?;
    check(restored[..64] == page[..64] && restored[8000..] == page[8000..], || "image differs".into())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn spawn(f: impl FnOnce() -> i32) -> libc::pid_t {
    // SAFETY: this process is single-threaded (harness = false), so the
    // child is a complete copy and may run arbitrary Rust code.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(2);
        // SAFETY: _exit skips the parent's atexit handlers.
        unsafe { libc::_exit(code) };
    }
    pid
}

/// Eight processes commit 300 records each, flushing each one (group
/// commit), while four more commit without end; once the eight are done,
/// the four are killed with SIGKILL at once (as a crash leaves them: locks
/// held, nothing cleaned up). Every record whose flush returned (reported
/// through a pipe) is read back from the files.
fn concurrent_commits_survive_kill() -> Result<(), String> {
    let dir = setup("group");
    pg_guc::set_from_command_line("fsync", "on").map_err(|e| e.message.clone())?;
    let _seg = attach_shmem(32);
    xlog::start_insertion(xlog::WAL_SEGMENT_SIZE, 0, 0, None, SYSID).map_err(|e| e.message.clone())?;
    let mut pids = Vec::new();
    for p in 0..12u32 {
        let report_path = dir.join(format!("durable.{p}"));
        pids.push(spawn(move || {
            use std::io::Write;
            let Ok(mut report) = std::fs::File::create(&report_path) else { return 5 };
            if pg_shmem::set_my_lwlock_waiter_slot(p as usize + 1).is_err() {
                return 3;
            }
            let n = if p < 8 { 300 } else { u32::MAX };
            for i in 0..n {
                let seq = p * 100_000 + i % 100_000;
                let end = insert_payload(seq, 40 + (i as usize % 200));
                if xlog::xlog_flush(end).is_err() {
                    return 4;
                }
                // Durable: tell the parent (one write(2) per record, so a
                // kill leaves whole entries).
                if report.write_all(&seq.to_le_bytes()).is_err() {
                    return 6;
                }
            }
            0
        }));
    }
    let mut failed = Vec::new();
    for (i, &pid) in pids.iter().enumerate() {
        if i == 8 {
            // The eight are done: crash the others.
            for &pid in &pids[8..] {
                // SAFETY: our own child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
        let mut status = 0;
        // SAFETY: waitpid writes only to status.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        let ok = if i < 8 { libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 } else { true };
        if !ok {
            failed.push(format!("child {i} status {status:#x}"));
        }
    }
    check(failed.is_empty(), || failed.join(", "))?;
    let mut durable = std::collections::HashSet::new();
    for p in 0..12 {
        let bytes = std::fs::read(dir.join(format!("durable.{p}"))).map_err(|e| e.to_string())?;
        durable.extend(bytes.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("4"))));
    }
    let (recs, r) = read_all(&dir, first_record());
    let found: std::collections::HashSet<u32> =
        recs.iter().map(|(_, d)| u32::from_le_bytes(d[0..4].try_into().expect("4"))).collect();
    let missing: Vec<_> = durable.iter().filter(|s| !found.contains(s)).take(5).collect();
    check(missing.is_empty(), || format!("flushed records missing: {missing:?}, end {:?}", r.end_reason()))?;
    check(durable.len() > 8 * 300, || format!("only {} durable", durable.len()))?;
    let (writes, syncs) = xlog::wal_io_counts();
    println!("group commit: {} flushed commits, {writes} writes, {syncs} syncs", durable.len());
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

static REPLAYED: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

fn test_redo(rec: &pg_wal::record::DecodedRecord) -> pg_error::PgResult<()> {
    let seq = u32::from_le_bytes(rec.main_data[0..4].try_into().expect("4"));
    REPLAYED.lock().expect("lock").push(seq);
    Ok(())
}

fn test_desc(rec: &pg_wal::record::DecodedRecord) -> String {
    format!("seq {}", u32::from_le_bytes(rec.main_data[0..4].try_into().expect("4")))
}

/// bootstrap_xlog, a child that commits records and is killed with
/// SIGKILL, then startup_xlog in a fresh shared memory segment (a crash
/// restart): every flushed record is replayed once, the xid counter moves
/// past the records' xids, the end-of-recovery checkpoint is written; a
/// clean shutdown checkpoint then needs no recovery at the next start.
fn crash_recovery() -> Result<(), String> {
    use pg_wal::checkpoint::{self, NextIds};
    use pg_wal::recovery;
    let dir = setup("recovery");
    pg_guc::set_from_command_line("fsync", "on").map_err(|e| e.message.clone())?;
    pg_wal::xlog_rmgr::register_xlog_rmgr();
    pg_wal::rmgr::register_rmgr(
        RmgrId::GENERIC,
        pg_wal::rmgr::RmgrDef { name: "Generic", redo: test_redo, desc: test_desc },
    );
    let _seg = attach_shmem(8);
    checkpoint::shmem_init().map_err(|e| e.message.clone())?;
    let sysid_ids = NextIds { next_xid: 3, next_oid: 10_000, oldest_active_xid: 0 };
    let sysid = recovery::bootstrap_xlog(sysid_ids).map_err(|e| e.message.clone())?;
    check(dir.join("global/pg_control").exists(), || "no pg_control".into())?;
    let report = dir.join("durable");
    let child = spawn(move || {
        use std::io::Write;
        let Ok(mut f) = std::fs::File::create(&report) else { return 5 };
        for seq in 0..u32::MAX {
            let end = insert_payload(seq, 100 + (seq as usize % 3000));
            if xlog::xlog_flush(end).is_err() || f.write_all(&seq.to_le_bytes()).is_err() {
                return 4;
            }
        }
        0
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    // SAFETY: our own child.
    unsafe { libc::kill(child, libc::SIGKILL) };
    let mut status = 0;
    // SAFETY: waitpid writes only to status.
    unsafe { libc::waitpid(child, &mut status, 0) };
    let durable: Vec<u32> = std::fs::read(dir.join("durable"))
        .map_err(|e| e.to_string())?
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4")))
        .collect();
    check(!durable.is_empty(), || "the child committed nothing".into())?;

    // Restart: new shared memory, as the postmaster's crash restart does.
    let _seg2 = attach_shmem(8);
    checkpoint::shmem_init().map_err(|e| e.message.clone())?;
    let r = recovery::startup_xlog().map_err(|e| format!("{}: {:?}", e.message, e.context))?;
    let replayed = std::mem::take(&mut *REPLAYED.lock().expect("lock"));
    check(r.crash_recovery, || "no crash recovery".into())?;
    check(replayed.len() >= durable.len(), || format!("replayed {} < durable {}", replayed.len(), durable.len()))?;
    check(replayed.iter().enumerate().all(|(i, s)| *s == i as u32), || "replayed out of order".into())?;
    let max_xid = u64::from(*replayed.last().expect("some")) + 3;
    check(r.next_ids.next_xid == max_xid + 1, || format!("next xid {} after xid {max_xid}", r.next_ids.next_xid))?;
    let c = pg_wal::control::read_control_file().map_err(|e| e.message.clone())?;
    check(c.state == pg_wal::control::DbState::InProduction && c.system_identifier == sysid, || format!("{c:?}"))?;
    check(c.checkpoint_copy.next_xid == max_xid + 1, || format!("checkpoint next xid {}", c.checkpoint_copy.next_xid))?;

    // Work after recovery, a clean shutdown, and a start without recovery.
    for i in 0..10 {
        insert_payload(1_000_000 + i, 50);
    }
    checkpoint::create_checkpoint(checkpoint::CHECKPOINT_IS_SHUTDOWN | checkpoint::CHECKPOINT_IMMEDIATE)
        .map_err(|e| e.message.clone())?;
    check(!xlog::wal_insert_allowed(), || "insertion still allowed after shutdown".into())?;
    let _seg3 = attach_shmem(8);
    checkpoint::shmem_init().map_err(|e| e.message.clone())?;
    let r2 = recovery::startup_xlog().map_err(|e| e.message.clone())?;
    check(!r2.crash_recovery && r2.records_replayed == 0, || format!("{r2:?}"))?;
    check(REPLAYED.lock().expect("lock").is_empty(), || "replayed after a clean shutdown".into())?;
    // Without the transaction code registered, the shutdown checkpoint
    // carries the counters recovery found.
    check(r2.next_ids == r.next_ids, || format!("next ids after clean start {:?}", r2.next_ids))?;
    let end = insert_payload(7, 10);
    xlog::xlog_flush(end).map_err(|e| e.message.clone())?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A case.
type Case = (&'static str, fn() -> Result<(), String>);

fn main() {
    let cases: [Case; 4] = [
        ("crash_recovery", crash_recovery),
        ("stream_round_trip", stream_round_trip),
        ("full_page_images", full_page_images),
        ("concurrent_commits_survive_kill", concurrent_commits_survive_kill),
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
    println!("{passed} passed, {failed} failed");
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
