//! The extended query protocol through rust-postgres (Parse/Bind/Describe/
//! Execute/Sync with binary parameters and results) and raw messages.

use tests::*;

#[test]
fn rust_postgres_prepared_statements_with_binary_values() {
    let s = TestServer::start("extended");
    let mut c = s.connect();
    let row = c
        .query_one("select $1::int4 + 1, $2::text || '!', $3::float8 * 2, $4::bool", &[&41i32, &"hi", &1.25f64, &true])
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 42);
    assert_eq!(row.get::<_, String>(1), "hi!");
    assert_eq!(row.get::<_, f64>(2), 2.5);
    assert!(row.get::<_, bool>(3));
    // Inferred parameter types, NULLs, int8 and a prepared statement reused.
    let stmt = c.prepare("select $1 + 1 as n, $2::int8 * 2").unwrap();
    assert_eq!(stmt.params(), &[postgres::types::Type::INT4, postgres::types::Type::INT8]);
    assert_eq!(stmt.columns()[0].name(), "n");
    for i in 0..5i32 {
        let r = c.query_one(&stmt, &[&i, &(i as i64)]).unwrap();
        assert_eq!((r.get::<_, i32>(0), r.get::<_, i64>(1)), (i + 1, 2 * i as i64));
    }
    let r = c.query_one("select $1::int4 is null", &[&None::<i32>]).unwrap();
    assert!(r.get::<_, bool>(0));
    // Rows from a system view, filtered by a parameter.
    let pid: i32 = c.query_one("select pg_backend_pid()", &[]).unwrap().get(0);
    let rows = c.query("select state from pg_stat_activity where pid = $1", &[&pid]).unwrap();
    assert_eq!(rows.len(), 1);
    // Errors come back with their SQLSTATE and the session goes on.
    let e = c.query("select 1/$1::int4", &[&0i32]).unwrap_err();
    assert_eq!(sqlstate(&e), "22012");
    let e = c.prepare("select nosuch").expect_err("must fail");
    assert_eq!(sqlstate(&e), "42703");
    assert_eq!(c.query_one("select 5", &[]).unwrap().get::<_, i32>(0), 5);
    // Utility statements through the extended protocol, and a transaction.
    c.execute("set application_name = 'ext'", &[]).unwrap();
    let mut t = c.transaction().unwrap();
    assert_eq!(t.query_one("select 6", &[]).unwrap().get::<_, i32>(0), 6);
    t.commit().unwrap();
    let name: String = c.query_one("show application_name", &[]).unwrap().get(0);
    assert_eq!(name, "ext");
}

#[test]
fn portal_row_limits_suspend_and_resume() {
    let s = TestServer::start("portal");
    let mut c = s.connect();
    let mut t = c.transaction().unwrap();
    // A result that does not depend on the portals open while it runs.
    let stmt = t.prepare("select g::text from generate_series(1, 7) g").unwrap();
    let all: Vec<String> = t.query(&stmt, &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(all.len(), 7);
    let portal = t.bind(&stmt, &[]).unwrap();
    let mut fetched = Vec::new();
    loop {
        let rows = t.query_portal(&portal, 2).unwrap();
        if rows.is_empty() {
            break;
        }
        fetched.extend(rows.iter().map(|r| r.get::<_, String>(0)));
    }
    assert_eq!(fetched, all);
}

#[test]
fn extended_protocol_errors_match_postgres() {
    let s = TestServer::start("exterr");
    let mut conn = RawConn::connect(s.port);
    conn.send(&startup_packet("postgres", "postgres"));
    // Bind to a statement that does not exist, then Sync.
    let mut msgs = Vec::new();
    let body = b"\0nosuch\0\0\0\0\0\0\0".to_vec();
    msgs.push(b'B');
    msgs.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
    msgs.extend_from_slice(&body);
    msgs.extend_from_slice(&[b'S', 0, 0, 0, 4]);
    conn.send(&msgs);
    conn.send(&[b'X', 0, 0, 0, 4]);
    let (reply, _) = conn.read_to_end();
    let (sev, code, msg) = first_error(&reply).expect("an error");
    assert_eq!(
        (sev.as_str(), code.as_str(), msg.as_str()),
        ("ERROR", "26000", "prepared statement \"nosuch\" does not exist")
    );
    // ReadyForQuery 'I' follows the error.
    assert!(reply.windows(6).any(|w| w == [b'Z', 0, 0, 0, 5, b'I']));
}

#[test]
fn fast_path_function_call() {
    let s = TestServer::start("fastpath");
    let call = |oid: u32| {
        let mut conn = RawConn::connect(s.port);
        conn.send(&startup_packet("postgres", "postgres"));
        let mut body = oid.to_be_bytes().to_vec();
        body.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // no arg formats, no args, text result
        let mut msg = vec![b'F'];
        msg.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
        msg.extend_from_slice(&body);
        msg.extend_from_slice(&[b'X', 0, 0, 0, 4]);
        conn.send(&msg);
        conn.read_to_end().0
    };
    // version() by its OID (89): a FunctionCallResponse with the text.
    let reply = call(89);
    // Walk the messages (a 'V' byte can also occur inside BackendKeyData's
    // random key, so the type byte is only looked at message boundaries).
    let mut at = 0;
    while reply[at] != b'V' {
        let len = u32::from_be_bytes([reply[at + 1], reply[at + 2], reply[at + 3], reply[at + 4]]) as usize;
        at += 1 + len;
        assert!(at < reply.len(), "no FunctionCallResponse");
    }
    let len = u32::from_be_bytes([reply[at + 5], reply[at + 6], reply[at + 7], reply[at + 8]]) as usize;
    assert!(String::from_utf8_lossy(&reply[at + 9..at + 9 + len]).starts_with("PostgreSQL 15."));
    let (sev, code, msg) = first_error(&call(0)).expect("an error for OID 0");
    assert_eq!((sev.as_str(), code.as_str(), msg.as_str()), ("ERROR", "42883", "function with OID 0 does not exist"));
}

#[test]
fn savepoints_through_rust_postgres() {
    let s = TestServer::start("savepoints");
    let mut c = s.connect();
    let mut t = c.transaction().unwrap();
    t.execute("set work_mem = '1MB'", &[]).unwrap();
    {
        // Transaction::savepoint sends SAVEPOINT, and ROLLBACK TO when dropped.
        let mut sp = t.savepoint("sp_inner").unwrap();
        sp.execute("set work_mem = '2MB'", &[]).unwrap();
        let e = sp.query("select 1/0", &[]).unwrap_err();
        assert_eq!(sqlstate(&e), "22012");
        let e = sp.query("select 1", &[]).unwrap_err();
        assert_eq!(sqlstate(&e), "25P02");
    }
    let wm: String = t.query_one("show work_mem", &[]).unwrap().get(0);
    assert_eq!(wm, "1MB", "the savepoint's SET was rolled back with it");
    {
        // A nested transaction commits with RELEASE.
        let mut sp = t.transaction().unwrap();
        sp.execute("set work_mem = '3MB'", &[]).unwrap();
        sp.commit().unwrap();
    }
    // Savepoint statements through Parse/Bind/Execute, errors included.
    t.execute("savepoint x", &[]).unwrap();
    let e = t.execute("release y", &[]).unwrap_err();
    assert_eq!(sqlstate(&e), "3B001");
    t.execute("rollback to x", &[]).unwrap();
    t.execute("release x", &[]).unwrap();
    t.commit().unwrap();
    let wm: String = c.query_one("show work_mem", &[]).unwrap().get(0);
    assert_eq!(wm, "3MB");
    let e = c.execute("savepoint z", &[]).unwrap_err();
    assert_eq!(sqlstate(&e), "25P01");
}
