//! The write-ahead log through the real server: a clean shutdown writes a
//! shutdown checkpoint so that the next start needs no recovery, the
//! auxiliary processes show in pg_stat_activity and `ps`, and CHECKPOINT
//! is for superusers.

use tests::*;

fn rows(c: &mut postgres::Client, sql: &str) -> Vec<Vec<Option<String>>> {
    query(c, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
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
    let types =
        rows(&mut c, "select backend_type from pg_stat_activity where backend_type <> 'client backend' order by 1");
    let types: Vec<&str> = types.iter().map(|r| r[0].as_deref().unwrap()).collect();
    assert_eq!(types, ["background writer", "checkpointer", "walwriter"]);
    let mut titles: Vec<String> = s.auxiliary_children().into_iter().map(cmdline).collect();
    titles.sort();
    assert_eq!(titles, ["postgres: background writer", "postgres: checkpointer", "postgres: walwriter"]);
    let waits = rows(&mut c, "select wait_event from pg_stat_activity where backend_type = 'checkpointer'");
    assert_eq!(waits, vec![vec![Some("CheckpointerMain".to_string())]]);
    assert_eq!(c.simple_query("CHECKPOINT").map(|_| ()).map_err(|e| e.to_string()), Ok(()));
    rows(&mut c, "CREATE ROLE plain LOGIN");
    let mut p = s.try_connect("plain").expect("connect as plain");
    let e = p.simple_query("CHECKPOINT").expect_err("not a superuser");
    assert_eq!(sqlstate(&e), "42501");
    assert_eq!(message(&e), "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
    assert!(s.log().contains("checkpoint starting: immediate force wait"), "{}", s.log());
}
