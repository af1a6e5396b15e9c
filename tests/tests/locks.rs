//! Heavyweight locks between sessions of the real server: LOCK TABLE with
//! NOWAIT and `lock_timeout` (55P03), a cancelled lock wait (57014), what
//! `pg_locks` and `pg_blocking_pids` show of a waiter, and a two-session
//! deadlock that ends with 40P01 for one of them while the other proceeds.
//!
//! The messages are PostgreSQL 15's (recorded with the same statements).
//! Waits use generous bounds; timing is never asserted.

use std::time::Duration;
use tests::*;

const BOUND: Duration = Duration::from_secs(60);

#[test]
fn lock_table_waits_nowait_timeout_and_cancel() {
    let s = TestServer::start("locks");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    let (a_pid, b_pid) = (backend_pid(&mut a), backend_pid(&mut b));
    query(&mut a, "begin; lock table pg_locks in access exclusive mode").unwrap();

    // NOWAIT refuses at once.
    query(&mut b, "begin").unwrap();
    let e = query(&mut b, "lock table pg_locks in access share mode nowait").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("55P03".into(), "could not obtain lock on relation \"pg_locks\"".into()));
    query(&mut b, "rollback").unwrap();

    // lock_timeout ends the wait.
    query(&mut b, "begin; set local lock_timeout = '200ms'").unwrap();
    let e = query(&mut b, "lock table pg_locks").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("55P03".into(), "canceling statement due to lock timeout".into()));
    query(&mut b, "rollback").unwrap();

    // So does statement_timeout.
    query(&mut b, "begin; set local statement_timeout = '200ms'").unwrap();
    let e = query(&mut b, "lock table pg_locks").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("57014".into(), "canceling statement due to statement timeout".into()));
    query(&mut b, "rollback").unwrap();

    // A waiter shows in pg_locks and pg_blocking_pids, and a cancel ends it.
    let waiter = std::thread::spawn(move || {
        query(&mut b, "begin").unwrap();
        let r = query(&mut b, "lock table pg_locks in share mode");
        query(&mut b, "rollback").unwrap();
        (r.map(|_| ()), b)
    });
    assert!(wait_for(BOUND, || waits_for_lock(&mut c, &b_pid)), "the second session never waited");
    let row = query(
        &mut c,
        &format!("select locktype, relation::regclass::text, mode, fastpath from pg_locks where pid = {b_pid} and not granted"),
    )
    .unwrap();
    assert_eq!(
        row,
        [[Some("relation".to_string()), Some("pg_locks".into()), Some("ShareLock".into()), Some("f".into())]]
    );
    assert_eq!(scalar(&mut c, &format!("select pg_blocking_pids({b_pid})")), Some(format!("{{{a_pid}}}")));
    let event = query(&mut c, &format!("select wait_event_type, wait_event from pg_stat_activity where pid = {b_pid}"));
    assert_eq!(event.unwrap(), [[Some("Lock".to_string()), Some("relation".into())]]);
    assert_eq!(scalar(&mut c, &format!("select pg_blocking_pids({a_pid})")).as_deref(), Some("{}"));
    // The isolation tester's question: blocked by one of its sessions?
    let blocked = |c: &mut postgres::Client, pids: &str| {
        scalar(c, &format!("select pg_isolation_test_session_is_blocked({b_pid}, '{{{pids}}}')"))
    };
    assert_eq!(blocked(&mut c, &a_pid).as_deref(), Some("t"));
    assert_eq!(blocked(&mut c, &b_pid).as_deref(), Some("f"));
    assert_eq!(scalar(&mut c, &format!("select pg_cancel_backend({b_pid})")).as_deref(), Some("t"));
    let (r, mut b) = waiter.join().unwrap();
    let e = r.unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("57014".into(), "canceling statement due to user request".into()));
    assert_eq!(scalar(&mut c, "select count(*) from pg_locks where not granted").as_deref(), Some("0"));

    // The holder's commit wakes a waiter, which then holds the lock; with
    // log_lock_waits the wait is logged as PostgreSQL logs it.
    let waiter = std::thread::spawn(move || {
        query(&mut b, "set log_lock_waits = on; set deadlock_timeout = '100ms'").unwrap();
        query(&mut b, "begin; lock table pg_locks in share mode").unwrap();
        let held = scalar(
            &mut b,
            "select count(*) from pg_locks where pid = pg_backend_pid() and mode = 'ShareLock' and granted",
        );
        query(&mut b, "commit").unwrap();
        held
    });
    assert!(wait_for(BOUND, || waits_for_lock(&mut c, &b_pid)), "the second session never waited");
    let still = format!("LOG:  process {b_pid} still waiting for ShareLock on relation 12073 of database ");
    assert!(wait_for(BOUND, || s.log().contains(&still)), "no 'still waiting' line:\n{}", s.log());
    assert!(s.log().contains(&format!("DETAIL:  Process holding the lock: {a_pid}. Wait queue: {b_pid}.")));
    query(&mut a, "commit").unwrap();
    assert_eq!(waiter.join().unwrap().as_deref(), Some("1"));
    let acquired = format!("LOG:  process {b_pid} acquired ShareLock on relation 12073 of database ");
    assert!(wait_for(BOUND, || s.log().contains(&acquired)), "no 'acquired' line:\n{}", s.log());
}

#[test]
fn two_session_deadlock_aborts_one() {
    let s = TestServer::start("deadlock");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    let (a_pid, b_pid) = (backend_pid(&mut a), backend_pid(&mut b));
    // The first waiter checks late, so the second one is the victim.
    query(&mut a, "set deadlock_timeout = '1h'; begin; select pg_advisory_xact_lock(1)").unwrap();
    query(&mut b, "set deadlock_timeout = '100ms'; begin; select pg_advisory_xact_lock(2)").unwrap();
    let first = std::thread::spawn(move || {
        let r = query(&mut a, "select pg_advisory_xact_lock(2)").map(|_| ());
        query(&mut a, "commit").unwrap();
        r
    });
    assert!(wait_for(BOUND, || waits_for_lock(&mut c, &a_pid)), "the first session never waited");
    let event = query(&mut c, &format!("select wait_event_type, wait_event from pg_stat_activity where pid = {a_pid}"));
    assert_eq!(event.unwrap(), [[Some("Lock".to_string()), Some("advisory".into())]]);
    let e = query(&mut b, "select pg_advisory_xact_lock(1)").unwrap_err();
    let db = e.as_db_error().expect("a server error");
    assert_eq!((db.code().code(), db.message()), ("40P01", "deadlock detected"));
    assert_eq!(db.hint(), Some("See server log for query details."));
    let detail = db.detail().unwrap_or_default().to_string();
    let lines: Vec<&str> = detail.lines().collect();
    assert_eq!(lines.len(), 2, "{detail}");
    assert!(
        lines[0].starts_with(&format!("Process {b_pid} waits for ExclusiveLock on advisory lock ["))
            && lines[0].ends_with(&format!(",0,1,1]; blocked by process {a_pid}.")),
        "{detail}"
    );
    assert!(
        lines[1].starts_with(&format!("Process {a_pid} waits for ExclusiveLock on advisory lock ["))
            && lines[1].ends_with(&format!(",0,2,1]; blocked by process {b_pid}.")),
        "{detail}"
    );
    query(&mut b, "rollback").unwrap();
    // The rest of the cycle proceeds.
    first.join().unwrap().expect("the other session gets its lock");
    assert_eq!(scalar(&mut c, "select count(*) from pg_locks where locktype = 'advisory'").as_deref(), Some("0"));
}

#[test]
fn terminating_a_waiter_frees_its_place() {
    let s = TestServer::start("lock_terminate");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    let b_pid = backend_pid(&mut b);
    query(&mut a, "begin; select pg_advisory_xact_lock(7)").unwrap();
    let waiter = std::thread::spawn(move || query(&mut b, "select pg_advisory_lock(7)").map(|_| ()));
    assert!(wait_for(BOUND, || waits_for_lock(&mut c, &b_pid)), "the second session never waited");
    assert_eq!(scalar(&mut c, &format!("select pg_terminate_backend({b_pid})")).as_deref(), Some("t"));
    let e = waiter.join().unwrap().unwrap_err();
    // The FATAL may or may not be read before the client sees the socket
    // close (as in bad_sql.rs); either way the waiter is gone.
    assert!(e.is_closed() || sqlstate(&e) == "57P01", "{e}");
    let fatal = "FATAL:  terminating connection due to administrator command";
    assert!(wait_for(BOUND, || s.log().contains(fatal)), "{}", s.log());
    // The waiter left the queue, and the holder's lock is untouched.
    assert!(
        wait_for(BOUND, || scalar(&mut c, "select count(*) from pg_locks where not granted").as_deref() == Some("0"))
    );
    assert_eq!(
        scalar(&mut c, "select count(*) from pg_locks where locktype = 'advisory' and granted").as_deref(),
        Some("1")
    );
    query(&mut a, "commit").unwrap();
    assert_eq!(scalar(&mut c, "select pg_try_advisory_lock(7)").as_deref(), Some("t"));
}
