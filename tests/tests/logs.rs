//! The server log as PostgreSQL 15 writes it: a client's ERROR with its
//! STATEMENT, `log_min_messages` and `log_min_error_statement`,
//! `log_line_prefix` (also after a reload), FATAL for refused
//! connections, and continuation lines of multi-line messages.
//!
//! A backend writes its log lines before it answers the client, so a line
//! about a statement is in the file once the client has the answer.

use std::time::Duration;
use tests::*;

/// The log's lines after their prefix, for a prefix that ends in "] "
/// (the default `'%m [%p] '`).
fn messages(log: &str) -> Vec<String> {
    log.lines().map(|l| l.split_once("] ").map(|(_, m)| m.to_string()).unwrap_or_else(|| l.to_string())).collect()
}

/// Whether `first` is immediately followed by `second` among `lines`.
fn followed_by(lines: &[String], first: &str, second: &str) -> bool {
    lines.windows(2).any(|w| w[0] == first && w[1] == second)
}

#[test]
fn client_errors_are_logged_with_their_statement() {
    let s = TestServer::start("log-error");
    let mut c = s.connect();
    let e = query(&mut c, "select 1/0").unwrap_err();
    assert_eq!(sqlstate(&e), "22012");
    // The ErrorResponse names where it was raised (F and L), as
    // PostgreSQL's does: here a Rust source file of the server.
    let db = e.as_db_error().expect("a server error");
    assert!(db.file().is_some_and(|f| f.ends_with(".rs")) && db.line().is_some(), "{db:?}");
    // A syntax error's position is reported as PostgreSQL does in the log.
    assert!(query(&mut c, "select * from nosuch_table").is_err());
    // The extended protocol: the statement is the text of the Parse.
    let e = c.query("select 10/$1::int4", &[&0i32]).unwrap_err();
    assert_eq!(sqlstate(&e), "22012");
    // WARNING reaches the log (log_min_messages = warning), without a
    // STATEMENT (log_min_error_statement = error).
    query(&mut c, "commit").unwrap();
    // A multi-line message and statement continue with a tab.
    assert!(query(&mut c, "select 'a\nb'::int4").is_err());
    // log_min_error_statement = panic: the ERROR without its statement.
    query(&mut c, "set log_min_error_statement = panic").unwrap();
    assert!(query(&mut c, "select 2/0").is_err());
    let log = s.log();
    let lines = messages(&log);
    assert!(followed_by(&lines, "ERROR:  division by zero", "STATEMENT:  select 1/0"), "{log}");
    assert!(
        followed_by(
            &lines,
            "ERROR:  relation \"nosuch_table\" does not exist at character 15",
            "STATEMENT:  select * from nosuch_table"
        ),
        "{log}"
    );
    assert!(followed_by(&lines, "ERROR:  division by zero", "STATEMENT:  select 10/$1::int4"), "{log}");
    let warning = lines.iter().position(|l| l == "WARNING:  there is no transaction in progress");
    let warning = warning.unwrap_or_else(|| panic!("no WARNING line:\n{log}"));
    assert!(!lines[warning + 1].starts_with("STATEMENT:"), "{log}");
    assert!(log.contains("ERROR:  invalid input syntax for type integer: \"a\n\tb\" at character 8\n"), "{log}");
    assert!(log.contains("STATEMENT:  select 'a\n\tb'::int4\n"), "{log}");
    assert!(!log.contains("select 2/0"), "{log}");
    assert_eq!(lines.iter().filter(|l| *l == "ERROR:  division by zero").count(), 3, "{log}");
}

#[test]
fn log_line_prefix_shows_the_session() {
    let s = TestServer::start_with(
        "log-prefix",
        &[("log_line_prefix", "%t <%a|%u|%d|%b|%e|%%> "), ("log_timezone", "Asia/Kolkata")],
    );
    let conn = format!("{} application_name=prefixtest", s.conn_str("postgres"));
    let mut c = postgres::Client::connect(&conn, postgres::NoTls).unwrap();
    assert!(query(&mut c, "select 1/0").is_err());
    let log = s.log();
    assert!(log.contains("<prefixtest|postgres|postgres|client backend|22012|%> ERROR:  division by zero\n"), "{log}");
    assert!(log.contains("<prefixtest|postgres|postgres|client backend|22012|%> STATEMENT:  select 1/0\n"), "{log}");
    // The postmaster is not a session: %a %u %d show nothing.
    assert!(log.contains(" IST <|||postmaster|00000|%> LOG:  database system is ready to accept connections"), "{log}");
}

#[test]
fn reload_applies_a_new_log_line_prefix() {
    let s = TestServer::start("log-reload");
    let conf = s.data_dir.join("postgresql.conf");
    let mut text = std::fs::read_to_string(&conf).unwrap();
    text.push_str("\nlog_line_prefix = 'reloaded %q[%p] '\n");
    std::fs::write(&conf, text).unwrap();
    s.signal(libc::SIGHUP);
    assert!(
        wait_for(Duration::from_secs(30), || s.log().contains("reloaded LOG:  parameter \"log_line_prefix\" changed")),
        "{}",
        s.log()
    );
    // Backends reload too; a session process does not stop at %q.
    let mut c = s.connect();
    assert!(wait_for(Duration::from_secs(30), || {
        let _ = query(&mut c, "select 1/0");
        s.log().lines().any(|l| l.starts_with("reloaded [") && l.ends_with("] ERROR:  division by zero"))
    }));
}

#[test]
fn refused_connections_are_logged_at_fatal() {
    let s = TestServer::start_with("log-fatal", &[("log_connections", "on")]);
    let e = s.try_connect("no_such_role").err().expect("an unknown role is refused");
    assert_eq!(sqlstate(&e), "28000");
    let e = postgres::Client::connect(
        &s.conn_str("postgres").replace("dbname=postgres", "dbname=no_such_db"),
        postgres::NoTls,
    )
    .err()
    .expect("an unknown database is refused");
    assert_eq!(sqlstate(&e), "3D000");
    let log = s.log();
    let lines = messages(&log);
    // As PostgreSQL 15: authorized (trust), then the role check fails.
    assert!(
        followed_by(
            &lines,
            "LOG:  connection authorized: user=no_such_role database=postgres",
            "FATAL:  role \"no_such_role\" does not exist"
        ),
        "{log}"
    );
    assert!(lines.iter().any(|l| l == "FATAL:  database \"no_such_db\" does not exist"), "{log}");
    assert!(lines.iter().any(|l| l.starts_with("LOG:  connection received: host=127.0.0.1 port=")), "{log}");
}

#[test]
fn log_min_messages_fatal_hides_log_and_error_lines() {
    let s = TestServer::start_with("log-fatal-only", &[("log_min_messages", "fatal"), ("log_connections", "on")]);
    let mut c = s.connect();
    assert!(query(&mut c, "select 1/0").is_err());
    assert!(s.try_connect("no_such_role").is_err());
    let log = s.log();
    let lines = messages(&log);
    assert!(lines.iter().any(|l| l == "FATAL:  role \"no_such_role\" does not exist"), "{log}");
    for l in &lines {
        assert!(!l.starts_with("LOG:") && !l.starts_with("ERROR:") && !l.starts_with("STATEMENT:"), "{log}");
    }
}

/// A duration line with its figure replaced by `N` (`duration: N ms ...`),
/// so that tests assert the line's form, never its timing.
fn without_figure(line: &str) -> String {
    let Some(rest) = line.strip_prefix("LOG:  duration: ") else { return line.to_string() };
    let Some((figure, tail)) = rest.split_once(" ms") else { return line.to_string() };
    let well_formed = figure
        .split_once('.')
        .is_some_and(|(ms, frac)| !ms.is_empty() && ms.chars().all(|c| c.is_ascii_digit()) && frac.len() == 3);
    if well_formed {
        format!("LOG:  duration: N ms{tail}")
    } else {
        line.to_string()
    }
}

#[test]
fn log_statement_and_durations() {
    let s = TestServer::start_with("log-stmt", &[("log_statement", "ddl"), ("log_min_duration_statement", "0")]);
    let mut c = s.connect();
    query(&mut c, "create role log_r1").unwrap();
    query(&mut c, "select 42").unwrap();
    let rows = c.query("select $1::int4 + 1", &[&41i32]).unwrap();
    assert_eq!(rows[0].get::<_, i32>(0), 42);
    // A failed statement logs no duration.
    assert!(query(&mut c, "select 1/0").is_err());
    let log = s.log();
    let lines: Vec<String> = messages(&log).iter().map(|l| without_figure(l)).collect();
    // Logged by log_statement, so its duration line does not repeat it.
    assert!(followed_by(&lines, "LOG:  statement: create role log_r1", "LOG:  duration: N ms"), "{log}");
    assert!(lines.iter().any(|l| l == "LOG:  duration: N ms  statement: select 42"), "{log}");
    let execute = lines
        .iter()
        .position(|l| l.starts_with("LOG:  duration: N ms  execute ") && l.ends_with(": select $1::int4 + 1"))
        .unwrap_or_else(|| panic!("no execute duration:\n{log}"));
    assert_eq!(lines[execute + 1], "DETAIL:  parameters: $1 = '41'", "{log}");
    assert!(lines.iter().any(|l| l.starts_with("LOG:  duration: N ms  parse ")), "{log}");
    assert!(lines.iter().any(|l| l.starts_with("LOG:  duration: N ms  bind ")), "{log}");
    assert!(!lines.iter().any(|l| l.ends_with("select 1/0") && l.starts_with("LOG:")), "{log}");
    assert!(!lines.iter().any(|l| l == "LOG:  statement: select 42"), "ddl does not log a SELECT:\n{log}");
}

/// Reads from a raw connection until a ReadyForQuery has arrived.
fn read_until_ready(conn: &mut RawConn) {
    use std::io::Read;
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(5).any(|w| w == b"Z\0\0\0\x05") {
        let n = conn.0.read(&mut buf).expect("read from the server");
        assert!(n > 0, "the server closed the connection");
        seen.extend_from_slice(&buf[..n]);
    }
}

#[test]
fn eof_inside_a_transaction_is_logged() {
    let s = TestServer::start("log-eof");
    let mut conn = RawConn::connect(s.port);
    conn.send(&startup_packet("postgres", "postgres"));
    read_until_ready(&mut conn);
    // Query "begin": its length word counts itself and the string.
    conn.send(b"Q\0\0\0\x0abegin\0");
    read_until_ready(&mut conn);
    drop(conn);
    assert!(
        wait_for(Duration::from_secs(30), || {
            s.log().contains("LOG:  unexpected EOF on client connection with an open transaction\n")
        }),
        "{}",
        s.log()
    );
}

#[test]
fn log_administration_functions() {
    let s = TestServer::start("log-funcs");
    let mut c = s.connect();
    // pg_reload_conf() signals the postmaster, which rereads the file.
    let conf = s.data_dir.join("postgresql.conf");
    let mut text = std::fs::read_to_string(&conf).unwrap();
    text.push_str("\nlog_line_prefix = 'viafunction [%p] '\n");
    std::fs::write(&conf, text).unwrap();
    assert_eq!(scalar(&mut c, "select pg_reload_conf()").as_deref(), Some("t"));
    assert!(
        wait_for(Duration::from_secs(30), || s.log().contains("] LOG:  parameter \"log_line_prefix\" changed")),
        "{}",
        s.log()
    );
    // No logging collector: no rotation (a WARNING) and no current file.
    let mut rows = Vec::new();
    for m in c.simple_query("select pg_rotate_logfile()").unwrap() {
        if let postgres::SimpleQueryMessage::Row(r) = m {
            rows.push(r.get(0).map(str::to_string));
        }
    }
    assert_eq!(rows, vec![Some("f".to_string())]);
    assert!(s.log().contains("WARNING:  rotation not possible because log collection not active\n"), "{}", s.log());
    assert_eq!(scalar(&mut c, "select pg_current_logfile() is null").as_deref(), Some("t"));
    let e = query(&mut c, "select pg_current_logfile('xml')").unwrap_err();
    assert_eq!((sqlstate(&e), message(&e)), ("22023".to_string(), "log format \"xml\" is not supported".to_string()));
    // Superusers only, as in PostgreSQL 15.
    query(&mut c, "create role log_plain login").unwrap();
    let mut plain = s.try_connect("log_plain").unwrap();
    let e = query(&mut plain, "select pg_reload_conf()").unwrap_err();
    assert_eq!(sqlstate(&e), "42501", "{e}");
}

#[test]
fn fastpath_calls_are_logged_by_log_statement_all() {
    let s = TestServer::start_with("log-fastpath", &[("log_statement", "all")]);
    let mut conn = RawConn::connect(s.port);
    conn.send(&startup_packet("postgres", "postgres"));
    read_until_ready(&mut conn);
    // FunctionCall of version() (OID 89): no argument formats, no
    // arguments, a text result; the length word counts itself.
    let mut call = vec![b'F', 0, 0, 0, 14];
    call.extend_from_slice(&89u32.to_be_bytes());
    call.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    conn.send(&call);
    read_until_ready(&mut conn);
    assert!(s.log().contains("LOG:  fastpath function call: \"version\" (OID 89)\n"), "{}", s.log());
}

#[test]
fn module_and_statement_statistics() {
    let s = TestServer::start("log-stats");
    let mut c = s.connect();
    query(&mut c, "set log_planner_stats = on").unwrap();
    query(&mut c, "select 1").unwrap();
    let log = s.log();
    let lines = messages(&log);
    assert!(followed_by(&lines, "LOG:  PLANNER STATISTICS", "DETAIL:  ! system usage stats:"), "{log}");
    // log_statement_stats excludes the per-module settings, as in PostgreSQL.
    let e = query(&mut c, "set log_statement_stats = on").unwrap_err();
    assert_eq!(sqlstate(&e), "22023");
    assert_eq!(message(&e), "invalid value for parameter \"log_statement_stats\": 1");
    query(&mut c, "reset log_planner_stats").unwrap();
    query(&mut c, "set log_statement_stats = on").unwrap();
    query(&mut c, "select 2").unwrap();
    assert!(s.log().contains("LOG:  QUERY STATISTICS\n"), "{}", s.log());
}

/// A protocol message: type byte, length word, body.
fn message_bytes(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![kind];
    m.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
    m.extend_from_slice(body);
    m
}

/// The value of field `field` in the first ErrorResponse of `bytes`.
fn error_field(bytes: &[u8], field: u8) -> Option<String> {
    let mut at = 0;
    while at + 5 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[at + 1], bytes[at + 2], bytes[at + 3], bytes[at + 4]]) as usize;
        let end = (at + 1 + len).min(bytes.len());
        if bytes[at] == b'E' {
            return bytes[at + 5..end]
                .split(|&b| b == 0)
                .find(|f| f.first() == Some(&field))
                .map(|f| String::from_utf8_lossy(&f[1..]).into_owned());
        }
        at += 1 + len;
    }
    None
}

#[test]
fn bind_parameter_errors_say_which_parameter() {
    let s = TestServer::start("log-param-context");
    let mut conn = RawConn::connect(s.port);
    conn.send(&startup_packet("postgres", "postgres"));
    read_until_ready(&mut conn);
    // Parse "select $1::int4" with $1 declared int4, then Bind the text 'x'.
    let mut parse = b"\0select $1::int4\0".to_vec();
    parse.extend_from_slice(&1u16.to_be_bytes());
    parse.extend_from_slice(&23u32.to_be_bytes());
    let mut bind = b"p1\0\0".to_vec();
    bind.extend_from_slice(&0u16.to_be_bytes()); // no format codes: text
    bind.extend_from_slice(&1u16.to_be_bytes());
    bind.extend_from_slice(&1u32.to_be_bytes());
    bind.push(b'x');
    bind.extend_from_slice(&0u16.to_be_bytes());
    let mut batch = message_bytes(b'P', &parse);
    batch.extend(message_bytes(b'B', &bind));
    batch.extend(message_bytes(b'S', b""));
    conn.send(&batch);
    let mut reply = Vec::new();
    let mut buf = [0u8; 4096];
    while !reply.windows(5).any(|w| w == b"Z\0\0\0\x05") {
        let n = std::io::Read::read(&mut conn.0, &mut buf).expect("read");
        assert!(n > 0, "closed");
        reply.extend_from_slice(&buf[..n]);
    }
    // log_parameter_max_length_on_error = 0 shows no value, as PostgreSQL.
    assert_eq!(error_field(&reply, b'W').as_deref(), Some("portal \"p1\" parameter $1 = '...'"));
    let log = s.log();
    assert!(
        followed_by(
            &messages(&log),
            "ERROR:  invalid input syntax for type integer: \"x\"",
            "CONTEXT:  portal \"p1\" parameter $1 = '...'"
        ),
        "{log}"
    );
}
