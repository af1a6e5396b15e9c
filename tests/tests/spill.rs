//! work_mem seen from outside: a sort and a hash aggregation larger than
//! work_mem spill to `base/pgsql_tmp` and answer right; no temporary file
//! is left after the statement, after a statement_timeout in the middle of
//! a spilling sort, nor after a backend dies with its files open (the
//! postmaster's crash restart removes them).

use std::time::Duration;
use tests::*;

fn temp_files(s: &TestServer) -> Vec<String> {
    std::fs::read_dir(s.data_dir.join("base").join("pgsql_tmp"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

#[test]
fn spilling_sorts_and_hash_aggregates_leave_no_temporary_file() {
    let s = TestServer::start("spill");
    let mut c = s.connect();
    query(&mut c, "set work_mem = '64kB'").unwrap();
    let rows = query(
        &mut c,
        "select count(*), min(x), max(x) from \
         (select g, repeat('x', 100) || g as x from generate_series(1, 50000) g order by 2) s",
    )
    .unwrap();
    assert_eq!(rows[0][0].as_deref(), Some("50000"));
    assert_eq!(rows[0][1].as_deref(), Some(format!("{}1", "x".repeat(100)).as_str()));
    assert_eq!(rows[0][2].as_deref(), Some(format!("{}9999", "x".repeat(100)).as_str()));
    let plan = query(
        &mut c,
        "explain (analyze, costs off, timing off) select count(*) from \
         (select repeat('x', 100) || g as x from generate_series(1, 50000) g order by 1) s",
    )
    .unwrap();
    assert!(
        plan.iter().any(|r| r[0].as_deref().is_some_and(|l| l.contains("Sort Method: external merge"))),
        "{plan:?}"
    );
    let groups = scalar(
        &mut c,
        "select count(*) from (select g % 30000 as k, count(*) from generate_series(1, 60000) g group by 1) s",
    );
    assert_eq!(groups.as_deref(), Some("30000"));
    assert_eq!(temp_files(&s), Vec::<String>::new(), "temporary files left after the statements");

    // temp_file_limit stops a sort that would write more (PostgreSQL's 53400).
    query(&mut c, "set temp_file_limit = '1MB'").unwrap();
    let e = query(
        &mut c,
        "select count(*) from (select repeat('x', 100) || g as x from generate_series(1, 50000) g order by 1) s",
    )
    .unwrap_err();
    assert_eq!(sqlstate(&e), "53400", "{e}");
    assert_eq!(
        e.as_db_error().map(|d| d.message()),
        Some("temporary file size exceeds temp_file_limit (1024kB)"),
        "{e:?}"
    );
    assert_eq!(temp_files(&s), Vec::<String>::new(), "temporary files left after temp_file_limit");
    query(&mut c, "reset temp_file_limit").unwrap();

    // Cancelled in the middle of a spilling sort: files go with the portal.
    query(&mut c, "set statement_timeout = '700ms'").unwrap();
    let e = query(
        &mut c,
        "select count(*) from (select repeat('x', 100) || g as x from generate_series(1, 30000000) g order by 1) s",
    )
    .unwrap_err();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    assert_eq!(temp_files(&s), Vec::<String>::new(), "temporary files left after a cancelled sort");
    query(&mut c, "reset statement_timeout").unwrap();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}

#[test]
fn crash_restart_removes_a_dead_backends_temporary_files() {
    let s = TestServer::start("spillcrash");
    let mut victim = s.connect();
    let pid: i32 = scalar(&mut victim, "select pg_backend_pid()").unwrap().parse().unwrap();
    // Run the spilling sort on the victim from its own thread, then kill it
    // once it has files open.
    let worker = std::thread::spawn(move || {
        let _ = victim.simple_query("set work_mem = '64kB'");
        let _ = victim.simple_query(
            "select count(*) from (select repeat('x', 100) || g as x from generate_series(1, 30000000) g order by 1) s",
        );
    });
    assert!(wait_for(Duration::from_secs(60), || !temp_files(&s).is_empty()), "the sort never spilled");
    // SAFETY: killing a backend of the server this test started.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    worker.join().unwrap();
    assert!(
        wait_for(Duration::from_secs(60), || s.log().contains("all server processes terminated; reinitializing")),
        "no crash restart; log:\n{}",
        s.log()
    );
    assert!(wait_for(Duration::from_secs(30), || temp_files(&s).is_empty()), "left: {:?}", temp_files(&s));
    let mut c = s.connect_when_slot_free();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}
