//! The write-ahead log through the real server: committed rows survive a
//! `kill -9` of the postmaster (crash recovery replays them at the next
//! start), a clean shutdown writes a shutdown checkpoint so that the next
//! start needs no recovery, the auxiliary processes show in
//! pg_stat_activity and `ps`, and CHECKPOINT is for superusers.

use std::time::Duration;
use tests::*;

/// Kills the postmaster with SIGKILL and waits until every process it had
/// started is gone (they notice its death on their own), as a crash of the
/// machine's postmaster leaves the directory.
fn kill_postmaster(s: &mut TestServer) {
    let mut all = s.children();
    all.extend(s.auxiliary_children());
    s.signal(libc::SIGKILL);
    // Reaps it (the SIGINT that stop() sends first finds it dead).
    s.stop();
    assert!(
        wait_for(Duration::from_secs(50), || all.iter().all(|p| !pid_alive(*p))),
        "children outlived the postmaster: {all:?}"
    );
}

fn rows(c: &mut postgres::Client, sql: &str) -> Vec<Vec<Option<String>>> {
    query(c, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn committed_rows_survive_kill_9_of_the_postmaster() {
    let mut s = TestServer::start("wal_kill9");
    let mut c = s.connect();
    for sql in [
        "CREATE TABLE t (a int, b text)",
        "INSERT INTO t VALUES (1,'x'),(2,'y')",
        "UPDATE t SET b='z' WHERE a=2",
        "DELETE FROM t WHERE a=1",
        "INSERT INTO t SELECT g, 'row ' || g FROM generate_series(10, 300) g",
    ] {
        rows(&mut c, sql);
    }
    let xid: u64 = scalar(&mut c, "select txid_current()").unwrap().parse().unwrap();
    // An uncommitted change must not come back.
    let mut open = s.connect();
    rows(&mut open, "BEGIN");
    rows(&mut open, "INSERT INTO t VALUES (999, 'never committed')");
    drop(c);
    kill_postmaster(&mut s);
    s.spawn(&[]);
    let log = s.log();
    assert!(log.contains("database system was not properly shut down; automatic recovery in progress"), "{log}");
    assert!(log.contains("redo done at"), "{log}");
    let mut c = s.connect();
    let got = rows(&mut c, "select a, b from t where a < 10 or a = 999 order by a");
    assert_eq!(got, vec![vec![Some("2".into()), Some("z".into())]]);
    assert_eq!(scalar(&mut c, "select count(*) from t").as_deref(), Some("292"));
    // Transaction ids go on past those used before the crash.
    let after: u64 = scalar(&mut c, "select txid_current()").unwrap().parse().unwrap();
    assert!(after > xid, "xid {after} after the crash, {xid} before");
    // And the recovered cluster keeps working, across a second crash; an
    // asynchronous commit is on disk once the WAL writer has run
    // (wal_writer_delay is 200 ms; the bound is ten times more).
    rows(&mut c, "INSERT INTO t VALUES (3, 'after recovery')");
    rows(&mut c, "SET synchronous_commit = off");
    rows(&mut c, "INSERT INTO t VALUES (4, 'asynchronous')");
    std::thread::sleep(Duration::from_secs(2));
    drop(c);
    kill_postmaster(&mut s);
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select b from t where a = 3").as_deref(), Some("after recovery"));
    assert_eq!(scalar(&mut c, "select b from t where a = 4").as_deref(), Some("asynchronous"));
}

#[test]
fn clean_shutdown_needs_no_recovery() {
    let mut s = TestServer::start("wal_clean");
    let mut c = s.connect();
    rows(&mut c, "CREATE TABLE k (a int)");
    rows(&mut c, "INSERT INTO k VALUES (7)");
    drop(c);
    s.stop();
    let log = s.log();
    assert!(log.contains("LOG:  shutting down"), "{log}");
    assert!(log.contains("checkpoint starting: shutdown immediate"), "{log}");
    s.spawn(&[]);
    let log = s.log();
    assert!(log.contains("LOG:  database system was shut down at"), "{log}");
    assert!(!log.contains("automatic recovery in progress"), "{log}");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select a from k").as_deref(), Some("7"));
}

#[test]
fn auxiliary_processes_and_checkpoint() {
    let s = TestServer::start("wal_aux");
    let mut c = s.connect();
    // The postmaster starts them as it begins to serve: each takes a
    // moment to set its title and claim its slot.
    let want = ["background writer", "checkpointer", "walwriter"];
    let types = || {
        let r = rows(
            &mut s.connect(),
            "select backend_type from pg_stat_activity where backend_type <> 'client backend' order by 1",
        );
        r.into_iter().map(|r| r[0].clone().unwrap()).collect::<Vec<_>>()
    };
    assert!(wait_for(Duration::from_secs(30), || types() == want), "{:?}", types());
    let titles = || {
        let mut t: Vec<String> = s.auxiliary_children().into_iter().map(cmdline).collect();
        t.sort();
        t
    };
    let want_titles = ["postgres: background writer", "postgres: checkpointer", "postgres: walwriter"];
    assert!(wait_for(Duration::from_secs(30), || titles() == want_titles), "{:?}", titles());
    let wait = "select wait_event from pg_stat_activity where backend_type = 'checkpointer'";
    assert!(
        wait_for(Duration::from_secs(30), || scalar(&mut s.connect(), wait).as_deref() == Some("CheckpointerMain")),
        "{:?}",
        scalar(&mut c, wait)
    );
    assert_eq!(c.simple_query("CHECKPOINT").map(|_| ()).map_err(|e| e.to_string()), Ok(()));
    rows(&mut c, "CREATE ROLE plain LOGIN");
    let mut p = s.try_connect("plain").expect("connect as plain");
    let e = p.simple_query("CHECKPOINT").expect_err("not a superuser");
    assert_eq!(sqlstate(&e), "42501");
    assert_eq!(message(&e), "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
    assert!(s.log().contains("checkpoint starting: immediate force wait"), "{}", s.log());
}
