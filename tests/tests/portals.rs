//! Portals own their executor: Execute with a row limit and FETCH compute
//! only the rows asked for and resume where they stopped; cursors through
//! the extended protocol; portal memory freed at transaction end.

use std::time::{Duration, Instant};
use tests::*;

/// A query whose whole result would take far longer than any bound here.
const HUGE: &str = "select g from generate_series(1, 2000000000) g";

/// Generous: "at once" is milliseconds; the whole result is minutes.
const BOUND: Duration = Duration::from_secs(60);

#[test]
fn execute_with_a_row_limit_suspends_and_resumes() {
    let s = TestServer::start("portal-suspend");
    let mut c = s.connect();
    let mut t = c.transaction().unwrap();
    let stmt = t.prepare(HUGE).unwrap();
    let portal = t.bind(&stmt, &[]).unwrap();
    let started = Instant::now();
    // query_portal sends Execute with max_rows and reads up to PortalSuspended.
    let first: Vec<i32> = t.query_portal(&portal, 3).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(first, [1, 2, 3]);
    let next: Vec<i32> = t.query_portal(&portal, 2).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(next, [4, 5], "a later Execute resumes where the last stopped");
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    // The same with the set-returning function in the select list
    // (ProjectSet), as the issue states the check.
    let srf = t.prepare("select generate_series(1, 2000000000)").unwrap();
    let p = t.bind(&srf, &[]).unwrap();
    let started = Instant::now();
    assert_eq!(t.query_portal(&p, 3).unwrap().len(), 3);
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    // A portal run to its end answers CommandComplete, then nothing more.
    let small = t.prepare("select g from generate_series(1, 4) g").unwrap();
    let p = t.bind(&small, &[]).unwrap();
    assert_eq!(t.query_portal(&p, 3).unwrap().len(), 3);
    assert_eq!(t.query_portal(&p, 3).unwrap().len(), 1);
    assert_eq!(t.query_portal(&p, 3).unwrap().len(), 0);
    t.commit().unwrap();
}

#[test]
fn declared_cursors_fetch_at_once_in_both_protocols() {
    let s = TestServer::start("cursor-fetch");
    let mut c = s.connect();
    let started = Instant::now();
    let msgs = c.simple_query(&format!("begin; declare c cursor for {HUGE}; fetch 3 from c")).unwrap();
    let rows: Vec<&str> = msgs
        .iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => r.get(0),
            _ => None,
        })
        .collect();
    assert_eq!(rows, ["1", "2", "3"]);
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    // The issue's own statement: the SRF in the select list.
    let started = Instant::now();
    let msgs = c.simple_query("declare s cursor for select generate_series(1, 2000000000); fetch 3 from s").unwrap();
    let n = msgs.iter().filter(|m| matches!(m, postgres::SimpleQueryMessage::Row(_))).count();
    assert_eq!(n, 3);
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    // FETCH through Parse/Describe/Bind/Execute: Describe gives the
    // cursor's columns, Execute the rows.
    let rows = c.query("fetch 2 from c", &[]).unwrap();
    assert_eq!(rows[0].columns()[0].name(), "g");
    assert_eq!(rows.iter().map(|r| r.get::<_, i32>(0)).collect::<Vec<_>>(), [4, 5]);
    let rows = c.query("fetch backward 1 from c", &[]).unwrap();
    assert_eq!(rows[0].get::<_, i32>(0), 4, "the default cursor over a function scan scrolls");
    c.execute("move forward 10 in c", &[]).unwrap();
    let e = c.query("fetch 1 from nosuch", &[]).unwrap_err();
    assert_eq!(sqlstate(&e), "34000");
    c.batch_execute("rollback").unwrap();
    // A BINARY cursor sends binary rows; rust-postgres reads them as text
    // results only through simple_query, so check the bytes' length.
    c.batch_execute("begin; declare b binary cursor for select 258::int4").unwrap();
    let msgs = c.simple_query("fetch b").unwrap();
    let row = msgs.iter().find_map(|m| match m {
        postgres::SimpleQueryMessage::Row(r) => Some(r.get(0).map(str::len)),
        _ => None,
    });
    assert_eq!(row, Some(Some(4)), "four bytes of int4 in binary");
    c.batch_execute("commit").unwrap();
    let n: i64 = c.query_one("select count(*) from pg_cursors", &[]).unwrap().get(0);
    assert_eq!(n, 0);
}

#[test]
fn portal_memory_is_freed_when_its_transaction_ends() {
    let s = TestServer::start("portal-memory");
    let mut c = s.connect();
    let count_portals = |c: &mut postgres::Client| -> i64 {
        c.query_one("select count(*) from pg_backend_memory_contexts where name = 'PortalContext'", &[]).unwrap().get(0)
    };
    let baseline = count_portals(&mut c);
    c.batch_execute(&format!(
        "begin; declare a cursor for {HUGE}; declare b scroll cursor for select * from generate_series(1, 100); fetch 5 from a; fetch 50 from b"
    ))
    .unwrap();
    assert!(count_portals(&mut c) >= baseline + 2, "each cursor has its PortalContext");
    c.batch_execute("rollback").unwrap();
    assert_eq!(count_portals(&mut c), baseline);
    c.batch_execute("begin; declare h cursor with hold for select * from generate_series(1, 10); commit").unwrap();
    assert_eq!(count_portals(&mut c), baseline + 1, "a held cursor keeps its portal");
    c.batch_execute("close h").unwrap();
    assert_eq!(count_portals(&mut c), baseline);
}

#[test]
fn a_scrollable_cursor_spills_past_work_mem_and_its_file_goes_with_it() {
    let s = TestServer::start("cursor-spill");
    let mut c = s.connect();
    let tmp = s.data_dir.join("base").join("pgsql_tmp");
    let temp_files = || std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0);
    c.batch_execute("set work_mem = '64kB'").unwrap();
    for end in ["rollback", "close big; commit", "commit"] {
        c.batch_execute(
            "begin; declare big scroll cursor for select g, repeat('x', 100) as t from generate_series(1, 50000) g",
        )
        .unwrap();
        let last: i32 = c.query_one("fetch last from big", &[]).unwrap().get(0);
        assert_eq!(last, 50000);
        assert!(temp_files() >= 1, "50000 rows of 100 bytes exceed 64kB: the store is on disk");
        let back: Vec<i32> = c.query("fetch backward 3 from big", &[]).unwrap().iter().map(|r| r.get(0)).collect();
        assert_eq!(back, [49999, 49998, 49997]);
        let first: i32 = c.query_one("fetch first from big", &[]).unwrap().get(0);
        assert_eq!(first, 1);
        c.batch_execute(end).unwrap();
        assert_eq!(temp_files(), 0, "no temporary file left after {end}");
    }
    // A held cursor keeps its spilled rows after commit, until closed.
    c.batch_execute("begin; declare h cursor with hold for select g from generate_series(1, 50000) g; commit").unwrap();
    assert!(temp_files() >= 1);
    let v: i32 = c.query_one("fetch absolute 40000 from h", &[]).unwrap().get(0);
    assert_eq!(v, 40000);
    c.batch_execute("close h").unwrap();
    assert_eq!(temp_files(), 0);
    // A session that ends with a spilled cursor open leaves no file behind.
    let mut other = s.connect();
    other
        .batch_execute(
            "set work_mem = '64kB'; begin; declare big scroll cursor for select g from generate_series(1, 50000) g",
        )
        .unwrap();
    other.query("fetch last from big", &[]).unwrap();
    assert!(temp_files() >= 1);
    drop(other);
    let started = Instant::now();
    while temp_files() > 0 && started.elapsed() < BOUND {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(temp_files(), 0, "the backend removed its file at exit");
}

#[test]
fn declare_with_parameters_through_the_extended_protocol() {
    let s = TestServer::start("cursor-params");
    let mut c = s.connect();
    let mut t = c.transaction().unwrap();
    // As psycopg's server-side cursors send it: DECLARE with $n bound.
    let n =
        t.execute("declare p cursor for select g, $2::text as t from generate_series(1, $1::int) g", &[&5i32, &"x"]);
    assert_eq!(n.unwrap(), 0);
    let rows = t.query("fetch forward 3 from p", &[]).unwrap();
    let got: Vec<(i32, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(got, [(1, "x".to_string()), (2, "x".into()), (3, "x".into())]);
    let names: Vec<String> = t.query("select name from pg_cursors", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(names, ["p"]);
    let e = t.execute("declare q scroll no scroll cursor for select $1::int", &[&1i32]).unwrap_err();
    assert_eq!(sqlstate(&e), "42P11");
    t.rollback().unwrap();
    // Outside a transaction block DECLARE without HOLD is refused at Execute.
    let e = c.execute("declare r cursor for select $1::int", &[&1i32]).unwrap_err();
    assert_eq!(sqlstate(&e), "25P01");
    c.execute("declare h cursor with hold for select $1::int + 1", &[&41i32]).unwrap();
    let v: i32 = c.query_one("fetch h", &[]).unwrap().get(0);
    assert_eq!(v, 42);
}

#[test]
fn discard_all_drops_named_statements_and_portals() {
    let s = TestServer::start("discard-all");
    let mut c = s.connect();
    let stmt = c.prepare("select 1").unwrap();
    assert_eq!(c.query_one(&stmt, &[]).unwrap().get::<_, i32>(0), 1);
    c.batch_execute("discard all").unwrap();
    // The driver's named statement is gone on the server (26000 at Bind).
    let e = c.query_one(&stmt, &[]).unwrap_err();
    assert_eq!(sqlstate(&e), "26000");
    assert_eq!(c.query_one("select 2", &[]).unwrap().get::<_, i32>(0), 2);
}

#[test]
fn fetch_through_execute_hands_out_max_rows_at_a_time() {
    let s = TestServer::start("fetch-execute");
    let mut c = s.connect();
    let mut t = c.transaction().unwrap();
    t.batch_execute("declare c scroll cursor for select g from generate_series(1, 10) g").unwrap();
    // A FETCH bound as a portal runs whole, then Execute hands out max_rows
    // at a time (PostgreSQL's PORTAL_UTIL_SELECT).
    let stmt = t.prepare("fetch 5 from c").unwrap();
    assert_eq!(stmt.columns()[0].name(), "g");
    let p = t.bind(&stmt, &[]).unwrap();
    let mut chunks = Vec::new();
    for _ in 0..4 {
        let rows: Vec<i32> = t.query_portal(&p, 2).unwrap().iter().map(|r| r.get(0)).collect();
        chunks.push(rows);
    }
    assert_eq!(chunks, [vec![1, 2], vec![3, 4], vec![5], vec![]]);
    // The cursor moved by the whole FETCH at the first Execute.
    let next: i32 = t.query_one("fetch next from c", &[]).unwrap().get(0);
    assert_eq!(next, 6);
    let moved = t.execute("move backward 2 in c", &[]).unwrap();
    assert_eq!(moved, 2);
    t.rollback().unwrap();
}

#[test]
fn a_spilled_cursor_moves_exactly_as_one_in_memory() {
    let s = TestServer::start("cursor-model");
    let mut c = s.connect();
    // Two scrollable cursors over the same rows: one's store spills to
    // disk (64kB), the other's stays in memory. Random FETCH and MOVE
    // commands in every direction must answer alike.
    c.batch_execute(
        "begin; set local work_mem = '64kB'; \
         declare d scroll cursor for select g, repeat('y', 200) as pad from generate_series(1, 3000) g; \
         set local work_mem = '64MB'; \
         declare m scroll cursor for select g, repeat('y', 200) as pad from generate_series(1, 3000) g",
    )
    .unwrap();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let fetch = |c: &mut postgres::Client, cmd: &str, cursor: &str| -> Vec<i32> {
        let sql = format!("{cmd} {cursor}");
        let mut out = Vec::new();
        for m in c.simple_query(&sql).unwrap() {
            match m {
                postgres::SimpleQueryMessage::Row(r) => out.push(r.get(0).unwrap().parse().unwrap()),
                postgres::SimpleQueryMessage::CommandComplete(n) => out.push(-(n as i32) - 1),
                _ => {}
            }
        }
        out
    };
    fetch(&mut c, "move last in", "d");
    fetch(&mut c, "move backward all in", "d");
    let tmp = s.data_dir.join("base").join("pgsql_tmp");
    assert!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0) >= 1, "d's store is on disk");
    for step in 0..400 {
        let n = next(40) as i64 - 10;
        let cmd = match next(12) {
            0 => "fetch next from".to_string(),
            1 => "fetch prior from".to_string(),
            2 => format!("fetch forward {n} from"),
            3 => format!("fetch backward {n} from"),
            4 => format!("fetch absolute {} from", next(3100) as i64 - 50),
            5 => format!("fetch absolute -{} from", next(3100)),
            6 => format!("fetch relative {n} from"),
            7 => format!("move forward {} in", next(500)),
            8 => format!("move backward {} in", next(500)),
            9 => "fetch first from".to_string(),
            10 => "fetch last from".to_string(),
            _ => "move backward all in".to_string(),
        };
        assert_eq!(fetch(&mut c, &cmd, "d"), fetch(&mut c, &cmd, "m"), "step {step}: {cmd}");
    }
    c.batch_execute("commit").unwrap();
}
