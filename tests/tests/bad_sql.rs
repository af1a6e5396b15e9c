//! Hostile SQL: deep nesting, huge statements, invalid bytes. Each gets an
//! ErrorResponse with PostgreSQL's SQLSTATE; the session and the server
//! survive (a stack overflow would crash-restart every session).

use std::time::Duration;
use tests::*;

#[test]
fn hostile_sql_gets_errors_and_the_server_survives() {
    let s = TestServer::start("badsql");
    let mut bystander = s.connect();
    let mut c = s.connect();
    // Nested parentheses are read in a loop and cost no stack. Input nested past PostgreSQL's
    // bison stack (10,000 entries) gets its 42601 "memory exhausted", whatever the shape;
    // nested subqueries recurse, and within bison's stack they end with 54001.
    let deep_parens = format!("select {}1{}", "(".repeat(9_000), ")".repeat(9_000));
    assert_eq!(scalar(&mut c, &deep_parens).as_deref(), Some("1"));
    let too_deep_parens = format!("select {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let deep_subqueries = format!("select {}1{}", "(select ".repeat(100_000), ")".repeat(100_000));
    let subqueries_within_bison = format!("select {}1{}", "(select ".repeat(2_000), ")".repeat(2_000));
    let deep_not = format!("select {}true", "not ".repeat(100_000));
    let deep_minus = format!("select {}1", "- ".repeat(100_000));
    let unbalanced = format!("select {}1", "(".repeat(100_000));
    let cases: Vec<(&str, String, &str)> = vec![
        ("deep subqueries", deep_subqueries, "42601"),
        ("subqueries within bison's stack", subqueries_within_bison, "54001"),
        ("deep NOT", deep_not, "42601"),
        ("deep unary minus", deep_minus, "42601"),
        ("parentheses past the parser stack", too_deep_parens, "42601"),
        ("unbalanced parentheses", unbalanced, "42601"),
        ("huge literal list", format!("select {}", vec!["1"; 200_000].join(" + ")), "54001"),
        ("10 MB comment", format!("select 1 /* {} */ + 'x'", "y".repeat(10 << 20)), "22P02"),
        // Sizes past PostgreSQL's 1 GB limit are refused before allocating.
        ("lpad to 2e9 characters", "select lpad('x', 2000000000)".into(), "54000"),
        ("repeat to 2e9 characters", "select repeat('x', 2000000000)".into(), "54000"),
        ("float8 overflow from a literal", "select 1e400::float8".into(), "22003"),
        ("200000-digit numeric", "select ('1' || repeat('0', 200000))::numeric".into(), "22003"),
        ("NUL in a string literal", "select E'a\\000b'".into(), "22021"),
        ("json input", "select '{\"a\": [1]}'::json".into(), "0A000"),
        ("malformed json input", "select '{'::json".into(), "22P02"),
        (
            "json nested past the stack",
            format!("select '{}{}'::jsonb", "[".repeat(100_000), "]".repeat(100_000)),
            "54001",
        ),
        ("101 function arguments", format!("select concat({})", vec!["1"; 101].join(",")), "54023"),
        ("1665 result columns", format!("select {}", vec!["1"; 1665].join(",")), "54011"),
        ("unknown time zone", "set time zone 'Mars/Olympus'".into(), "22023"),
    ];
    for (name, sql, code) in cases {
        let e = query(&mut c, &sql).err().unwrap_or_else(|| panic!("{name}: no error"));
        assert_eq!(sqlstate(&e), code, "{name}: {e}");
        assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"), "{name}: session unusable");
    }
    assert_eq!(scalar(&mut bystander, "select 2").as_deref(), Some("2"));
    assert!(!s.log().contains("terminated by signal"), "a backend crashed:\n{}", s.log());
}

#[test]
fn statement_timeout_cancels_the_statement() {
    let s = TestServer::start("stmt_timeout");
    let mut c = s.connect();
    query(&mut c, "set statement_timeout = '200ms'").unwrap();
    let e = query(&mut c, "select pg_sleep(30)").unwrap_err();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    assert_eq!(message(&e), "canceling statement due to statement timeout");
    // A long set-returning function is cancellable too, not only pg_sleep.
    let e = query(&mut c, "select count(*) from generate_series(1, 500000000)").unwrap_err();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    query(&mut c, "reset statement_timeout").unwrap();
    query(&mut c, "select pg_sleep(0.3)").expect("no timeout after RESET");
}

#[test]
fn huge_integer_powers_are_estimated_not_computed_exactly() {
    // Before: 10.0 ^ -2147483648 computed a 2-billion-digit power, ignored
    // cancel and grew to gigabytes. Expected values are PostgreSQL 15's.
    let s = TestServer::start("numpow");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 10.0 ^ -2147483648").as_deref(), Some("0.0000000000000000"));
    assert_eq!(scalar(&mut c, "select (-1.0) ^ 2147483647").as_deref(), Some("-1.0000000000000000"));
    let e = query(&mut c, "select 10.0 ^ 2147483647").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("22003".to_string(), "value overflows numeric format".to_string()));
    let big = scalar(&mut c, "select 1.000001 ^ 2147483647").unwrap();
    assert!(
        big.starts_with("43634655320664772289574849553088125492082865925942734437708978693622866434683462"),
        "{big}"
    );
}

/// A statement that takes seconds to lex and parse in a debug build (23 MB: a 3M-item IN list,
/// ending in a syntax error) is stopped while it is still being parsed, by statement_timeout,
/// by a cancel request and by pg_terminate_backend. Without the interrupt checks in the lexer
/// and parser, each would answer the syntax error at the very end instead.
#[test]
fn statements_are_interruptible_while_being_parsed() {
    let s = TestServer::start("parse_interrupt");
    let mut c = s.connect();
    let mut watcher = s.connect();
    let pid = scalar(&mut c, "select pg_backend_pid()").unwrap();
    let items: Vec<String> = (0..3_000_000).map(|i| i.to_string()).collect();
    let huge = format!("select 1 where 1 in ({})) junk", items.join(","));

    query(&mut c, "set statement_timeout = '50ms'").unwrap();
    let e = query(&mut c, &huge).unwrap_err();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    assert_eq!(message(&e), "canceling statement due to statement timeout");
    query(&mut c, "reset statement_timeout").unwrap();

    // The watcher interrupts once the backend reports the statement active.
    let active = format!("select count(*) from pg_stat_activity where pid = {pid} and state = 'active'");
    let mut interrupt_when_active = |how: &'static str, token: postgres::CancelToken| {
        let active = active.clone();
        let mut watcher = std::mem::replace(&mut watcher, s.connect());
        let pid = pid.clone();
        std::thread::spawn(move || {
            assert!(
                wait_for(Duration::from_secs(60), || scalar(&mut watcher, &active).as_deref() == Some("1")),
                "the statement never showed as active"
            );
            match how {
                "cancel" => token.cancel_query(postgres::NoTls).unwrap(),
                _ => assert_eq!(
                    scalar(&mut watcher, &format!("select pg_terminate_backend({pid})")).as_deref(),
                    Some("t")
                ),
            }
        })
    };
    let t = interrupt_when_active("cancel", c.cancel_token());
    let e = query(&mut c, &huge).unwrap_err();
    t.join().unwrap();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    assert_eq!(message(&e), "canceling statement due to user request");
    assert_eq!(scalar(&mut c, "select 42").as_deref(), Some("42"));

    let t = interrupt_when_active("terminate", c.cancel_token());
    let e = query(&mut c, &huge).unwrap_err();
    t.join().unwrap();
    // The FATAL may or may not be read before the client sees the socket close; either way it
    // is not the syntax error at the end, and the backend is gone.
    assert!(e.is_closed() || sqlstate(&e) == "57P01", "{e}");
    let pid: i32 = pid.parse().unwrap();
    assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)));
}
