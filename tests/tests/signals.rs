//! Signals and the postmaster on a bad day: what a backend ignores, what a
//! crash-restart tells the log and the other sessions, refusals before the
//! startup packet, and the start-up and lock-file checks.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;
use tests::*;

/// The fields of the first message of type `kind` in `bytes`, as (code,
/// value) pairs.
fn message_fields(bytes: &[u8], kind: u8) -> Option<Vec<(u8, String)>> {
    let mut i = 0;
    while i + 5 <= bytes.len() {
        let t = bytes[i];
        let len = u32::from_be_bytes([bytes[i + 1], bytes[i + 2], bytes[i + 3], bytes[i + 4]]) as usize;
        let end = (i + 1 + len).min(bytes.len());
        if t == kind {
            let fields = bytes[i + 5..end]
                .split(|&b| b == 0)
                .filter(|f| !f.is_empty())
                .map(|f| (f[0], String::from_utf8_lossy(&f[1..]).into_owned()))
                .collect();
            return Some(fields);
        }
        i += 1 + len;
    }
    None
}

fn field(fields: &[(u8, String)], code: u8) -> &str {
    fields.iter().find(|(c, _)| *c == code).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// A raw session: startup packet sent, read up to the first ReadyForQuery.
fn raw_session(port: u16) -> RawConn {
    let mut c = RawConn::connect(port);
    c.send(&startup_packet("postgres", "postgres"));
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    // ReadyForQuery is the last message of the start-up exchange: 'Z', length 5.
    while !got.windows(5).any(|w| w == [b'Z', 0, 0, 0, 5]) {
        let n = c.0.read(&mut buf).expect("read during start-up");
        assert!(n > 0, "server closed during start-up: {got:?}");
        got.extend_from_slice(&buf[..n]);
    }
    c
}

fn backend_pid(c: &mut postgres::Client) -> i32 {
    scalar(c, "select pg_backend_pid()").unwrap().parse().unwrap()
}

fn kill(pid: i32, sig: i32) {
    // SAFETY: signalling a process of the server this test started.
    unsafe { libc::kill(pid, sig) };
}

#[test]
fn sigusr2_and_other_ignored_signals_change_nothing() {
    let s = TestServer::start("sigusr2");
    let mut c = s.connect();
    let pid = backend_pid(&mut c);
    for sig in [libc::SIGUSR2, libc::SIGPIPE, libc::SIGTTIN, libc::SIGTTOU, libc::SIGXFSZ, libc::SIGURG] {
        kill(pid, sig);
    }
    // A SIGUSR2 to the postmaster does nothing either.
    s.signal(libc::SIGUSR2);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"), "log:\n{}", s.log());
    assert_eq!(backend_pid(&mut c), pid);
    assert!(pid_alive(s.pid()));
    // SIGFPE fails the running statement with 22P01; the session goes on.
    let mut watcher = s.connect();
    let sleeper = std::thread::spawn(move || {
        let e = query(&mut c, "select pg_sleep(30)").unwrap_err();
        (sqlstate(&e), message(&e), scalar(&mut c, "select 2"))
    });
    assert!(wait_for(Duration::from_secs(30), || {
        scalar(&mut watcher, &format!("select count(*) from pg_stat_activity where pid = {pid} and state = 'active'"))
            .as_deref()
            == Some("1")
    }));
    kill(pid, libc::SIGFPE);
    let (code, msg, after) = sleeper.join().unwrap();
    assert_eq!((code.as_str(), msg.as_str()), ("22P01", "floating-point exception"));
    assert_eq!(after.as_deref(), Some("2"));
    let log = s.log();
    assert!(!log.contains("terminated by signal"), "{log}");
    assert!(!log.contains("reinitializing"), "{log}");
}

#[test]
fn crash_is_logged_with_the_query_and_other_sessions_get_57p02() {
    let s = TestServer::start("crash_detail");
    let mut victim = s.connect();
    let victim_pid = backend_pid(&mut victim);
    let mut bystander = raw_session(s.port);
    let sleeper = std::thread::spawn(move || {
        let _ = query(&mut victim, "select pg_sleep(60)");
    });
    // Wait until the victim's query shows in pg_stat_activity.
    let mut watcher = s.connect();
    assert!(wait_for(Duration::from_secs(30), || {
        scalar(
            &mut watcher,
            &format!("select count(*) from pg_stat_activity where pid = {victim_pid} and state = 'active'"),
        )
        .as_deref()
            == Some("1")
    }));
    drop(watcher);
    kill(victim_pid, libc::SIGKILL);
    sleeper.join().unwrap();

    // The bystander is told why before its connection closes.
    let (bytes, eof) = bystander.read_to_end();
    assert!(eof, "the bystander's connection did not close");
    let notice = message_fields(&bytes, b'N').unwrap_or_else(|| panic!("no NoticeResponse: {bytes:?}"));
    assert_eq!(field(&notice, b'S'), "WARNING");
    assert_eq!(field(&notice, b'C'), "57P02");
    assert_eq!(field(&notice, b'M'), "terminating connection because of crash of another server process");
    assert!(field(&notice, b'D').starts_with("The postmaster has commanded this server process to roll back"));
    assert_eq!(
        field(&notice, b'H'),
        "In a moment you should be able to reconnect to the database and repeat your command."
    );

    // The log reads as PostgreSQL's: LOG, not ERROR, with the query.
    assert!(wait_for(Duration::from_secs(50), || s.log().contains("reinitializing")), "{}", s.log());
    let log = s.log();
    assert!(
        log.contains(&format!("LOG:  server process (PID {victim_pid}) was terminated by signal 9: Killed")),
        "{log}"
    );
    assert!(log.contains("DETAIL:  Failed process was running: select pg_sleep(60)"), "{log}");
    assert!(log.contains("LOG:  terminating any other active server processes"), "{log}");
    // The 57P02 WARNING goes to the client only.
    assert!(!log.contains("crash of another server process"), "{log}");
    let mut c = s.connect_when_slot_free();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}

#[test]
fn crash_report_respects_log_min_messages() {
    let s = TestServer::start_with("crash_quiet", &[("log_min_messages", "fatal")]);
    let mut victim = s.connect();
    let pid = backend_pid(&mut victim);
    kill(pid, libc::SIGKILL);
    // The server comes back; nothing at LOG is written.
    let mut served = false;
    assert!(wait_for(Duration::from_secs(50), || {
        served = s.try_connect("postgres").map(|mut c| query(&mut c, "select 1").is_ok()).unwrap_or(false);
        served
    }));
    let log = s.log();
    assert!(!log.contains("terminated by signal"), "{log}");
    assert!(!log.contains("Failed process was running"), "{log}");
}

/// Sends an SSLRequest (or GSSENCRequest), expects `N`, then a startup
/// packet, and returns the ErrorResponse's (severity, code, message).
fn refused_after_encryption_request(port: u16, request_code: u32) -> (String, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = 8u32.to_be_bytes().to_vec();
    req.extend_from_slice(&request_code.to_be_bytes());
    s.write_all(&req).unwrap();
    let mut answer = [0u8; 1];
    s.read_exact(&mut answer).expect("answer to the encryption request");
    assert_eq!(answer[0], b'N', "an encryption request must be answered N first");
    s.write_all(&startup_packet("postgres", "postgres")).unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    first_error(&rest).unwrap_or_else(|| panic!("no ErrorResponse: {rest:?}"))
}

#[test]
fn ssl_request_is_answered_n_before_the_shutdown_refusal() {
    let mut s = TestServer::start("ssl_shutdown");
    // An open session keeps a smart shutdown waiting.
    let mut keeper = s.connect();
    assert_eq!(scalar(&mut keeper, "select 1").as_deref(), Some("1"));
    s.signal(libc::SIGTERM);
    assert!(wait_for(Duration::from_secs(30), || s.log().contains("received smart shutdown request")));
    for code in [80877103u32, 80877104] {
        let (sev, code, msg) = refused_after_encryption_request(s.port, code);
        assert_eq!(
            (sev.as_str(), code.as_str(), msg.as_str()),
            ("FATAL", "57P03", "the database system is shutting down")
        );
    }
    // psql over TCP (sslmode=prefer) shows the server's message.
    let out = s.psql(&["-c", "select 1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("FATAL:  the database system is shutting down"), "{stderr}");
    // A long query of the waiting session can still be cancelled: the
    // CancelRequest reaches a dead-end child, which serves it.
    let token = keeper.cancel_token();
    let sleeper = std::thread::spawn(move || {
        let e = query(&mut keeper, "select pg_sleep(60)").unwrap_err();
        (sqlstate(&e), keeper)
    });
    // A cancel that arrives before the query starts is dropped: repeat it.
    assert!(wait_for(Duration::from_secs(30), || {
        std::thread::sleep(Duration::from_millis(300));
        if !sleeper.is_finished() {
            let _ = token.cancel_query(postgres::NoTls);
        }
        sleeper.is_finished()
    }));
    let (code, mut keeper) = sleeper.join().unwrap();
    assert_eq!(code, "57014");
    // Let a last cancel still in flight arrive while the session is idle.
    std::thread::sleep(Duration::from_millis(500));
    // The waiting session still works; when it leaves, the server stops.
    assert_eq!(scalar(&mut keeper, "select 2").as_deref(), Some("2"));
    drop(keeper);
    let status = s.stop().expect("exit status");
    assert!(status.success(), "{status:?}");
}

#[test]
fn superuser_reserved_connections_must_be_less_than_max_connections() {
    let s = TestServer::start("reserved");
    let port = free_port().to_string();
    let mut cmd = std::process::Command::new(server_binary());
    cmd.arg("-D").arg(&s.data_dir).args(["-p", &port, "-k"]).arg(&s.socket_dir);
    cmd.args(["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=5", "-c", "superuser_reserved_connections=5"]);
    let out = cmd.output().expect("run pg-server");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("superuser_reserved_connections (5) must be less than max_connections (5)"), "{stderr}");
    // The refused start did not disturb the running server's lock file.
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
    assert!(s.data_dir.join("postmaster.pid").exists());
}

#[test]
fn deleting_postmaster_pid_shuts_the_server_down() {
    let mut s = TestServer::start("pidfile");
    let mut c = s.connect();
    std::fs::remove_file(s.data_dir.join("postmaster.pid")).unwrap();
    // PostgreSQL checks once a minute; the bound is generous.
    let pid = s.pid();
    let gone = wait_for(Duration::from_secs(180), || {
        s.child.as_mut().map(|ch| matches!(ch.try_wait(), Ok(Some(_)))).unwrap_or(true)
    });
    assert!(gone, "postmaster {pid} still running; log:\n{}", s.log());
    let log = s.log();
    assert!(log.contains("LOG:  could not open file \"postmaster.pid\": No such file or directory"), "{log}");
    assert!(log.contains("LOG:  performing immediate shutdown because data directory lock file is invalid"), "{log}");
    assert!(query(&mut c, "select 1").is_err());
}

#[test]
fn a_burst_queued_while_the_postmaster_is_stopped_is_served() {
    const CLIENTS: usize = 400;
    let s = TestServer::start("burst");
    s.signal(libc::SIGSTOP);
    let conn = s.conn_str("postgres");
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let conn = conn.clone();
            std::thread::spawn(move || -> Result<(), String> {
                let mut c = postgres::Client::connect(&conn, postgres::NoTls).map_err(|e| message(&e))?;
                c.simple_query("select 1").map(|_| ()).map_err(|e| message(&e))
            })
        })
        .collect();
    // Every attempt is queued in the listen backlog (or in SYN retries).
    std::thread::sleep(Duration::from_secs(5));
    s.signal(libc::SIGCONT);
    let mut failures = std::collections::BTreeMap::new();
    for t in clients {
        if let Err(e) = t.join().unwrap() {
            *failures.entry(e).or_insert(0) += 1;
        }
    }
    assert!(failures.is_empty(), "not served: {failures:?}");
    assert!(pid_alive(s.pid()));
}

#[test]
fn past_the_cap_on_children_an_ssl_request_gets_n_then_53300() {
    // MaxBackends = 1 + 1 autovacuum worker + 1 launcher = 3, so the cap on
    // live children (PostgreSQL's MaxLivePostmasterChildren) is 6.
    let s = TestServer::start_with(
        "child_cap",
        &[
            ("max_connections", "1"),
            ("superuser_reserved_connections", "0"),
            ("autovacuum_max_workers", "1"),
            ("max_worker_processes", "0"),
            ("max_wal_senders", "0"),
        ],
    );
    // Six connections that never send a startup packet: six live children.
    let held: Vec<TcpStream> = (0..6).map(|_| TcpStream::connect(("127.0.0.1", s.port)).unwrap()).collect();
    assert!(wait_for(Duration::from_secs(30), || s.children().len() >= 6), "children: {:?}", s.children());
    let (sev, code, msg) = refused_after_encryption_request(s.port, 80877103);
    assert_eq!((sev.as_str(), code.as_str(), msg.as_str()), ("FATAL", "53300", "sorry, too many clients already"));
    drop(held);
    // Once they are gone, the server serves again.
    assert!(wait_for(Duration::from_secs(30), || s.children().is_empty()));
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}

#[test]
fn immediate_shutdown_tells_each_session_why() {
    let mut s = TestServer::start("immediate");
    let mut session = raw_session(s.port);
    s.signal(libc::SIGQUIT);
    let (bytes, eof) = session.read_to_end();
    assert!(eof, "the session's connection did not close");
    let notice = message_fields(&bytes, b'N').unwrap_or_else(|| panic!("no NoticeResponse: {bytes:?}"));
    assert_eq!(field(&notice, b'S'), "WARNING");
    assert_eq!(field(&notice, b'C'), "57P01");
    assert_eq!(field(&notice, b'M'), "terminating connection due to immediate shutdown command");
    let child = s.child.as_mut().expect("postmaster");
    assert!(wait_for(Duration::from_secs(50), || matches!(child.try_wait(), Ok(Some(_)))));
    let log = s.log();
    assert!(log.contains("LOG:  received immediate shutdown request"), "{log}");
    assert!(!log.contains("terminated by signal"), "{log}");
}

#[test]
fn a_sighup_storm_during_a_connection_storm_reloads_at_most_once_per_sighup() {
    let s = TestServer::start("sighup_storm");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let storms: Vec<_> = (0..3)
        .map(|_| {
            let stop = stop.clone();
            let conn = s.conn_str("postgres");
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Ok(mut c) = postgres::Client::connect(&conn, postgres::NoTls) {
                        let _ = c.simple_query("select 1");
                    }
                }
            })
        })
        .collect();
    for _ in 0..100 {
        s.signal(libc::SIGHUP);
        std::thread::sleep(Duration::from_millis(2));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in storms {
        t.join().unwrap();
    }
    // The last SIGHUP is acted on within a loop pass.
    std::thread::sleep(Duration::from_millis(500));
    let log = s.log();
    let reloads = log.matches("received SIGHUP, reloading configuration files").count();
    assert!((1..=100).contains(&reloads), "{reloads} reloads for 100 SIGHUPs:\n{log}");
    assert!(!log.contains("shutdown request"), "{log}");
    assert!(!log.contains("terminated by signal"), "{log}");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}
