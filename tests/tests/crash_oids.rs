//! OIDs and relation files across restarts of the real server: a new
//! relation never lands on a file that is already there (a crash can
//! leave the files of a transaction that never committed, with the OID
//! counter coming back below them), and a fast shutdown (SIGTERM) keeps
//! the OID counter past every OID handed out before it.

use std::time::Duration;
use tests::*;

fn rows(c: &mut postgres::Client, sql: &str) -> Vec<Vec<Option<String>>> {
    query(c, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn number(c: &mut postgres::Client, sql: &str) -> u32 {
    scalar(c, sql).unwrap_or_else(|| panic!("{sql}: no value")).parse().expect("a number")
}

/// SIGTERM (fast shutdown), then waits until the postmaster is gone.
fn fast_shutdown(s: &mut TestServer) {
    let pid = s.pid();
    s.signal(libc::SIGTERM);
    assert!(wait_for(Duration::from_secs(60), || !pid_alive(pid)), "the postmaster did not stop on SIGTERM");
    s.stop();
}

#[test]
fn new_relations_skip_files_left_behind() {
    let mut s = TestServer::start("oid_orphans");
    let mut c = s.connect();
    rows(&mut c, "CREATE TABLE a (x int)");
    let a = number(&mut c, "select oid from pg_class where relname = 'a'");
    let db = number(&mut c, "select oid from pg_database where datname = current_database()");
    drop(c);
    s.stop();
    // Files a crashed transaction could have left: the OIDs the counter
    // hands out next, made before their NEXTOID record was on disk.
    let dir = s.data_dir.join("base").join(db.to_string());
    let orphans = (a + 1)..=(a + 200);
    for oid in orphans.clone() {
        std::fs::write(dir.join(oid.to_string()), b"").expect("create an orphan file");
    }
    s.spawn(&[]);
    let mut c = s.connect();
    rows(&mut c, "CREATE TABLE b (x int, y text)");
    rows(&mut c, "INSERT INTO b VALUES (1, 'one')");
    let b = number(&mut c, "select relfilenode from pg_class where relname = 'b'");
    assert!(!orphans.contains(&b), "b got relfilenode {b}, an existing file");
    // TRUNCATE gives the table a new file, which must be new as well.
    rows(&mut c, "TRUNCATE b");
    rows(&mut c, "INSERT INTO b VALUES (2, 'two')");
    let b2 = number(&mut c, "select relfilenode from pg_class where relname = 'b'");
    assert!(!orphans.contains(&b2) && b2 != b, "TRUNCATE gave b relfilenode {b2}");
    assert_eq!(rows(&mut c, "select x, y from b"), vec![vec![Some("2".into()), Some("two".into())]]);
}

#[test]
fn fast_shutdown_keeps_the_oid_counter() {
    let mut s = TestServer::start("oid_sigterm");
    let mut before = 0;
    for round in 0..3 {
        let mut c = s.connect();
        for i in 0..3 {
            rows(&mut c, &format!("CREATE TABLE t{round}_{i} (a int, b text)"));
            rows(&mut c, &format!("INSERT INTO t{round}_{i} VALUES ({i}, 'x')"));
        }
        let max = number(&mut c, "select max(oid::int8) from pg_class");
        assert!(max > before, "round {round}: newest pg_class OID {max}, {before} before the restart");
        before = max;
        drop(c);
        fast_shutdown(&mut s);
        s.spawn(&[]);
    }
    let mut c = s.connect();
    assert_eq!(number(&mut c, "select count(*) from pg_class where relname like 't%\\_%'"), 9);
}
