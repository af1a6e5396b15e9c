//! Idle and dead sessions are reclaimed, as PostgreSQL 15 reclaims them:
//! `idle_in_transaction_session_timeout` (FATAL 25P03),
//! `idle_session_timeout` (FATAL 57P05), `client_connection_check_interval`
//! (a client gone during a query ends its backend), TCP keepalives on
//! accepted sockets, `statement_timeout` in the extended protocol, the
//! Client wait events in `pg_stat_activity`, and a cancel during a Parse.
//!
//! The expected messages were recorded from PostgreSQL 15.18 with the same
//! byte sequences. Waits use generous bounds (ISSUE-NOTES); timing is never
//! asserted: a test only waits longer than a timeout, never checks how
//! soon it fired.

use std::os::fd::AsRawFd;
use std::time::Duration;
use tests::*;

/// One protocol message: type byte, length, body.
fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![kind];
    out.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
    out.extend_from_slice(body);
    out
}

fn query_message(sql: &str) -> Vec<u8> {
    message(b'Q', format!("{sql}\0").as_bytes())
}

/// Parse of the unnamed statement with no parameter types.
fn parse_message(sql: &str) -> Vec<u8> {
    let mut body = b"\0".to_vec();
    body.extend_from_slice(sql.as_bytes());
    body.extend_from_slice(&[0, 0, 0]);
    message(b'P', &body)
}

/// Bind of the unnamed portal to the unnamed statement, Execute of it
/// (`max_rows`, 0 = all), as separate messages.
fn bind_message() -> Vec<u8> {
    message(b'B', &[0, 0, 0, 0, 0, 0, 0, 0])
}

fn execute_message(max_rows: u32) -> Vec<u8> {
    let mut body = vec![0];
    body.extend_from_slice(&max_rows.to_be_bytes());
    message(b'E', &body)
}

fn sync_message() -> Vec<u8> {
    message(b'S', &[])
}

/// A raw session past authentication: the connection and its backend's pid.
fn raw_session(s: &TestServer) -> (RawConn, i32) {
    let mut c = RawConn::connect(s.port);
    c.send(&startup_packet("postgres", "postgres"));
    let reply = read_until_ready(&mut c);
    let pid = messages(&reply)
        .into_iter()
        .find(|(t, _)| *t == b'K')
        .map(|(_, body)| i32::from_be_bytes([body[0], body[1], body[2], body[3]]))
        .expect("BackendKeyData");
    (c, pid)
}

/// The messages in `bytes` as (type, body).
fn messages(bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i + 1], bytes[i + 2], bytes[i + 3], bytes[i + 4]]) as usize;
        if i + 1 + len > bytes.len() {
            break;
        }
        out.push((bytes[i], bytes[i + 5..i + 1 + len].to_vec()));
        i += 1 + len;
    }
    out
}

/// Reads until a ReadyForQuery arrives; panics at EOF or after 30 s.
fn read_until_ready(c: &mut RawConn) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = c.0.read(&mut buf).unwrap_or_else(|e| panic!("no ReadyForQuery ({e}); got {out:?}"));
        assert!(n > 0, "EOF before ReadyForQuery; got {:?}", first_error(&out));
        out.extend_from_slice(&buf[..n]);
        if messages(&out).iter().any(|(t, _)| *t == b'Z') {
            return out;
        }
    }
}

/// The message types of a reply, as a string ("1EZ").
fn kinds(reply: &[u8]) -> String {
    messages(reply).iter().map(|(t, _)| *t as char).collect()
}

/// Runs one simple query on a raw session and checks it succeeded.
fn raw_ok(c: &mut RawConn, sql: &str) {
    c.send(&query_message(sql));
    let reply = read_until_ready(c);
    assert_eq!(first_error(&reply), None, "{sql}");
}

/// Waits (generously: the timeouts here are 1 s) for the server to end the
/// session, and returns the error it sent before closing.
fn fatal_before_close(c: &mut RawConn) -> (String, String, String) {
    let (reply, eof) = c.read_to_end();
    assert!(eof, "the session was not ended; got {reply:?}");
    first_error(&reply).expect("an ErrorResponse before the close")
}

#[test]
fn idle_in_transaction_session_timeout_ends_the_session() {
    let s = TestServer::start("idle-in-xact");
    // An open transaction block, and a failed one.
    for last in ["select 1", "select 1/0"] {
        let (mut c, pid) = raw_session(&s);
        raw_ok(&mut c, "set idle_in_transaction_session_timeout = '1s'");
        raw_ok(&mut c, "begin");
        c.send(&query_message(last));
        read_until_ready(&mut c);
        let (severity, code, msg) = fatal_before_close(&mut c);
        assert_eq!(
            (severity.as_str(), code.as_str(), msg.as_str()),
            ("FATAL", "25P03", "terminating connection due to idle-in-transaction timeout"),
            "after {last}"
        );
        assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)), "backend {pid} still runs");
    }
    // The timer runs only while the session waits for the client: a
    // statement longer than the timeout is not interrupted, and idle
    // outside a transaction block it does not apply.
    let (mut c, _) = raw_session(&s);
    raw_ok(&mut c, "set idle_in_transaction_session_timeout = '1s'");
    raw_ok(&mut c, "begin");
    raw_ok(&mut c, "select pg_sleep(2.5)");
    raw_ok(&mut c, "commit");
    std::thread::sleep(Duration::from_millis(2500));
    raw_ok(&mut c, "select 1");
}

#[test]
fn idle_session_timeout_ends_the_session() {
    let s = TestServer::start("idle-session");
    let (mut c, pid) = raw_session(&s);
    raw_ok(&mut c, "set idle_session_timeout = '1s'");
    // Inside a transaction block the idle-session timeout does not apply.
    raw_ok(&mut c, "begin");
    std::thread::sleep(Duration::from_millis(2500));
    raw_ok(&mut c, "commit");
    let (severity, code, msg) = fatal_before_close(&mut c);
    assert_eq!(
        (severity.as_str(), code.as_str(), msg.as_str()),
        ("FATAL", "57P05", "terminating connection due to idle-session timeout")
    );
    assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)), "backend {pid} still runs");
}

/// With `client_connection_check_interval`, a client that goes away during
/// a long query ends its backend (PostgreSQL logs FATAL 08006 "connection
/// to client lost" and sends nothing); the query stops.
#[test]
fn client_gone_during_a_query_ends_the_backend() {
    let s = TestServer::start("client-gone");
    let mut observer = s.connect();
    for long_query in ["select pg_sleep(60)", "select count(*) from generate_series(1, 100000000000)"] {
        let (mut c, pid) = raw_session(&s);
        raw_ok(&mut c, "set client_connection_check_interval = 200");
        c.send(&query_message(long_query));
        let active = format!("select count(*) from pg_stat_activity where pid = {pid} and state = 'active'");
        assert!(
            wait_for(Duration::from_secs(30), || scalar(&mut observer, &active).as_deref() == Some("1")),
            "{long_query} never ran"
        );
        drop(c);
        let listed = format!("select count(*) from pg_stat_activity where pid = {pid}");
        assert!(
            wait_for(Duration::from_secs(30), || scalar(&mut observer, &listed).as_deref() == Some("0")),
            "backend {pid} still listed after its client left during {long_query}"
        );
        assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)), "backend {pid} still runs");
    }
    // Idle, the check never ends a session whose client is still there.
    let (mut c, _) = raw_session(&s);
    raw_ok(&mut c, "set client_connection_check_interval = 100");
    raw_ok(&mut c, "select pg_sleep(0.5)");
    std::thread::sleep(Duration::from_millis(500));
    raw_ok(&mut c, "select 1");
}

/// The kernel's TCP state of the server's side of a connection from
/// `client_port`: the `tr` field of /proc/net/tcp (2 = keepalive timer).
fn server_socket_timer(server_port: u16, client_port: u16) -> Option<u32> {
    let table = std::fs::read_to_string("/proc/net/tcp").ok()?;
    table.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let port = |addr: &str| addr.split(':').nth(1).and_then(|p| u16::from_str_radix(p, 16).ok());
        if port(fields.get(1)?)? == server_port && port(fields.get(2)?)? == client_port {
            let timer = fields.get(5)?.split(':').next()?;
            return u32::from_str_radix(timer, 16).ok();
        }
        None
    })
}

/// An accepted TCP socket has SO_KEEPALIVE on (its idle connection runs the
/// keepalive timer, as `ss -tnoe` shows), and the tcp_keepalives settings
/// read back the socket's real values.
#[test]
fn accepted_tcp_sockets_have_keepalive() {
    let s = TestServer::start("keepalive");
    let (mut c, _) = raw_session(&s);
    raw_ok(&mut c, "set tcp_keepalives_idle = 33");
    let client_port = c.0.local_addr().expect("local address").port();
    // Right after the exchange the socket may still wait for an ACK; idle,
    // it runs the keepalive timer.
    assert!(
        wait_for(Duration::from_secs(30), || server_socket_timer(s.port, client_port) == Some(2)),
        "no keepalive timer on the server's socket: timer {:?}",
        server_socket_timer(s.port, client_port)
    );
    let mut tcp = s.connect();
    let system_default = std::fs::read_to_string("/proc/sys/net/ipv4/tcp_keepalive_time").expect("sysctl");
    assert_eq!(scalar(&mut tcp, "show tcp_keepalives_idle").as_deref(), Some(system_default.trim()));
    tcp.batch_execute("set tcp_keepalives_interval = 7; set tcp_keepalives_count = 4").unwrap();
    assert_eq!(scalar(&mut tcp, "show tcp_keepalives_interval").as_deref(), Some("7"));
    assert_eq!(scalar(&mut tcp, "show tcp_keepalives_count").as_deref(), Some("4"));
}

/// `statement_timeout` in the extended protocol runs from the statement's
/// first message to its Sync (or the Execute that completes it), and in a
/// multi-statement Query for each statement on its own.
#[test]
fn statement_timeout_spans_extended_protocol_messages() {
    let s = TestServer::start("stmt-timeout");
    let (mut c, _) = raw_session(&s);
    raw_ok(&mut c, "set statement_timeout = 200");
    // The client waits between Parse and Bind: the timeout fails the Bind,
    // the rest up to Sync is skipped, and one ReadyForQuery follows.
    c.send(&parse_message("select 1"));
    std::thread::sleep(Duration::from_millis(2000));
    let mut rest = bind_message();
    rest.extend(execute_message(0));
    rest.extend(sync_message());
    c.send(&rest);
    let reply = read_until_ready(&mut c);
    assert_eq!(kinds(&reply), "1EZ");
    let (_, code, msg) = first_error(&reply).unwrap();
    assert_eq!((code.as_str(), msg.as_str()), ("57014", "canceling statement due to statement timeout"));
    // A portal suspended at its row limit is still the same statement.
    let mut first = parse_message("select g from generate_series(1, 3) g");
    first.extend(bind_message());
    first.extend(execute_message(1));
    c.send(&first);
    std::thread::sleep(Duration::from_millis(2000));
    let mut next = execute_message(1);
    next.extend(sync_message());
    c.send(&next);
    let reply = read_until_ready(&mut c);
    assert_eq!(kinds(&reply), "12DsEZ");
    assert_eq!(first_error(&reply).unwrap().1, "57014");
    // A completed Execute stops the timer: waiting before Sync is fine.
    let mut done = parse_message("select 1");
    done.extend(bind_message());
    done.extend(execute_message(0));
    c.send(&done);
    std::thread::sleep(Duration::from_millis(1000));
    c.send(&sync_message());
    assert_eq!(kinds(&read_until_ready(&mut c)), "12DCZ");
    // Close starts no statement: waiting before its Sync is fine too.
    c.send(&message(b'C', b"Snope\0"));
    std::thread::sleep(Duration::from_millis(1000));
    c.send(&sync_message());
    assert_eq!(kinds(&read_until_ready(&mut c)), "3Z");
    // Each statement of a Query string has its own timeout.
    raw_ok(&mut c, "set statement_timeout = '3s'");
    raw_ok(&mut c, "select pg_sleep(2); select pg_sleep(2)");
    c.send(&query_message("select pg_sleep(60)"));
    let (_, code, _) = first_error(&read_until_ready(&mut c)).expect("statement timeout");
    assert_eq!(code, "57014");
}

/// A backend blocked writing to a client that does not read shows wait
/// event Client/ClientWrite (idle ones show ClientRead), and still ends on
/// pg_terminate_backend; one in pg_sleep shows Timeout/PgSleep.
#[test]
fn wait_events_of_client_io_and_sleep() {
    let s = TestServer::start("client-write");
    let mut observer = s.connect();
    let (mut c, pid) = raw_session(&s);
    let small: libc::c_int = 4096;
    // SAFETY: setsockopt on a socket this test owns, with a valid int.
    unsafe {
        libc::setsockopt(
            c.0.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVBUF,
            (&small as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    let row = |observer: &mut postgres::Client, pid: i32| {
        let sql = format!("select state, wait_event_type, wait_event from pg_stat_activity where pid = {pid}");
        query(observer, &sql).unwrap().first().cloned().unwrap_or_default()
    };
    let idle = [Some("idle".to_string()), Some("Client".to_string()), Some("ClientRead".to_string())];
    assert!(wait_for(Duration::from_secs(30), || row(&mut observer, pid) == idle), "{:?}", row(&mut observer, pid));
    c.send(&query_message("select repeat('x', 1000) from generate_series(1, 1000000)"));
    let writing = [Some("active".to_string()), Some("Client".to_string()), Some("ClientWrite".to_string())];
    assert!(wait_for(Duration::from_secs(30), || row(&mut observer, pid) == writing), "{:?}", row(&mut observer, pid));
    assert_eq!(scalar(&mut observer, &format!("select pg_terminate_backend({pid})")).as_deref(), Some("t"));
    assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)), "a backend blocked in a write ignored SIGTERM");
    drop(c);
    // pg_sleep waits with Timeout/PgSleep.
    let (mut sleeper, pid) = raw_session(&s);
    sleeper.send(&query_message("select pg_sleep(60)"));
    let sleeping = [Some("active".to_string()), Some("Timeout".to_string()), Some("PgSleep".to_string())];
    assert!(wait_for(Duration::from_secs(30), || row(&mut observer, pid) == sleeping), "{:?}", row(&mut observer, pid));
    assert_eq!(scalar(&mut observer, &format!("select pg_cancel_backend({pid})")).as_deref(), Some("t"));
    assert_eq!(first_error(&read_until_ready(&mut sleeper)).map(|e| e.1).as_deref(), Some("57014"));
}

/// A cancel stops whatever message the backend is working on, a long Parse
/// included (PostgreSQL ignores a cancel only while it waits for the
/// client): the Parse fails with 57014 and one ReadyForQuery follows Sync.
#[test]
fn cancel_stops_a_long_parse() {
    let s = TestServer::start("cancel-parse");
    let mut observer = s.connect();
    let (mut c, pid) = raw_session(&s);
    let list: Vec<String> = (0..1_000_000).map(|i| i.to_string()).collect();
    let mut msgs = parse_message(&format!("select 1 in ({})", list.join(",")));
    msgs.extend(sync_message());
    c.send(&msgs);
    let parsing = format!("select count(*) from pg_stat_activity where pid = {pid} and state = 'active'");
    assert!(wait_for(Duration::from_secs(60), || scalar(&mut observer, &parsing).as_deref() == Some("1")));
    assert_eq!(scalar(&mut observer, &format!("select pg_cancel_backend({pid})")).as_deref(), Some("t"));
    let reply = read_until_ready(&mut c);
    assert_eq!(kinds(&reply), "EZ");
    let (_, code, msg) = first_error(&reply).unwrap();
    assert_eq!((code.as_str(), msg.as_str()), ("57014", "canceling statement due to user request"));
    raw_ok(&mut c, "select 1");
}
