//! Transaction ids are 64-bit: a cluster made with `FERROGRES_INITIAL_XID`
//! just below 2^32 hands out ids across it (a clog page and segment
//! boundary), and rows written on both sides stay visible, also after a
//! clean restart and after `kill -9` of the postmaster (WAL redo rebuilds
//! the clog and nextXid).

use std::time::Duration;
use tests::*;

const START: u64 = (1 << 32) - 5;

fn one(c: &mut postgres::Client, sql: &str) -> String {
    scalar(c, sql).unwrap_or_else(|| panic!("{sql}: NULL"))
}

#[test]
fn ids_cross_two_to_the_32() {
    // The only test in this binary: the variable reaches initdb of this
    // server alone.
    std::env::set_var("FERROGRES_INITIAL_XID", START.to_string());
    let mut s = TestServer::start("xid-wrap");
    std::env::remove_var("FERROGRES_INITIAL_XID");
    let mut c = s.connect();
    query(&mut c, "create table t (a int, x xid8)").unwrap();
    let mut ids = Vec::new();
    for i in 0..12 {
        let x = one(&mut c, &format!("insert into t values ({i}, pg_current_xact_id()) returning x::text"));
        ids.push(x.parse::<u64>().unwrap());
    }
    assert!(ids[0] >= START, "ids start at FERROGRES_INITIAL_XID: {ids:?}");
    assert!(*ids.last().unwrap() > 1 << 32, "ids cross 2^32: {ids:?}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    // One rolled back on the far side.
    query(&mut c, "begin; insert into t values (100, pg_current_xact_id()); rollback").unwrap();
    let count = "select count(*), min(a), max(a) from t";
    let rows = query(&mut c, count).unwrap();
    assert_eq!(rows[0], vec![Some("12".into()), Some("0".into()), Some("11".into())]);
    for x in &ids {
        assert_eq!(one(&mut c, &format!("select pg_xact_status('{x}'::xid8)")), "committed");
    }
    drop(c);

    // A clean restart keeps the ids going up.
    s.stop();
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(query(&mut c, count).unwrap()[0][0].as_deref(), Some("12"));
    let next: u64 = one(&mut c, "select txid_current()").parse().unwrap();
    assert!(next > *ids.last().unwrap(), "nextXid survives a restart: {next}");
    query(&mut c, "insert into t values (12, pg_current_xact_id())").unwrap();
    drop(c);

    // kill -9 of the postmaster: redo brings back the commits.
    let orphans = children_of(s.pid());
    s.signal(libc::SIGKILL);
    let mut child = s.child.take().expect("running");
    let _ = child.wait();
    // Its backends and auxiliary processes notice the postmaster is gone
    // and exit (they hold the data directory's interlock until then).
    assert!(
        wait_for(Duration::from_secs(60), || orphans.iter().all(|&p| !pid_alive(p))),
        "children of the killed postmaster still run"
    );
    s.spawn(&[]);
    let mut c = s.connect();
    let rows = query(&mut c, count).unwrap();
    assert_eq!(rows[0], vec![Some("13".into()), Some("0".into()), Some("12".into())]);
    let after: u64 = one(&mut c, "select txid_current()").parse().unwrap();
    assert!(after > next, "nextXid survives a crash: {after} after {next}");
}
