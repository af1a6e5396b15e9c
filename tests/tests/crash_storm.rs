//! Crash-restart while connections keep arriving.
//!
//! The SIGQUIT a crash-restart sends to every child can reach one that was
//! forked a moment before, while it still has the postmaster's signal
//! handlers. The postmaster forks with signals blocked, so that such a
//! SIGQUIT waits for the backend's own handler. Before, it ran the inherited
//! handler, which wrote into the postmaster's own signal pipe: the postmaster
//! took it for a SIGQUIT of its own and shut the whole server down
//! ("received immediate shutdown request").

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::*;

/// A session that answers `select 1`, waiting (up to 50 s) for the server
/// to be back from the previous round's crash-restart.
fn connect_victim(s: &TestServer, round: usize) -> postgres::Client {
    let start = Instant::now();
    loop {
        if let Ok(mut c) = s.try_connect("postgres") {
            if query(&mut c, "select 1").is_ok() {
                return c;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(50),
            "round {round}: no connection within 50 s; log:\n{}",
            s.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn crash_restart_while_connections_arrive_keeps_the_postmaster() {
    let s = TestServer::start("crash_storm");
    let port = s.port;
    let stop = Arc::new(AtomicBool::new(false));
    // Bare TCP connections, opened and dropped as fast as possible: each one
    // makes the postmaster fork a child.
    let storms: Vec<_> = (0..3)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
            })
        })
        .collect();
    for round in 0..30 {
        let mut victim = connect_victim(&s, round);
        let pid: i32 = scalar(&mut victim, "select pg_backend_pid()").unwrap().parse().unwrap();
        // SAFETY: killing a backend of the server this test started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for t in storms {
        t.join().unwrap();
    }
    let log = s.log();
    assert!(!log.contains("immediate shutdown"), "the postmaster shut down:\n{log}");
    assert!(pid_alive(s.pid()), "the postmaster is gone:\n{log}");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}

/// Rounds of the kill -9 check below: 3 in CI; `cargo xtask heavy --only
/// crash` runs 20 (the figure) through FERROGRES_CRASH_ROUNDS.
fn crash_rounds() -> usize {
    std::env::var("FERROGRES_CRASH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(3)
}

/// The check, as pgbench -n -C drives it: clients that connect,
/// run `select 1` and disconnect, over and over, while a client backend is
/// killed with SIGKILL. Every round ends in a crash-restart (logged at LOG
/// with the query the backend was running), the postmaster survives it,
/// and the server serves again before the next round.
#[test]
fn kill_9_of_a_backend_during_a_session_storm() {
    let s = TestServer::start("crash_session_storm");
    let stop = Arc::new(AtomicBool::new(false));
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let storms: Vec<_> = (0..4)
        .map(|_| {
            let (stop, served) = (stop.clone(), served.clone());
            let conn = s.conn_str("postgres");
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    // Errors are expected while a crash-restart runs.
                    if let Ok(mut c) = postgres::Client::connect(&conn, postgres::NoTls) {
                        if c.simple_query("select 1").is_ok() {
                            served.fetch_add(1, Ordering::Relaxed);
                        }
                    } else {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                }
            })
        })
        .collect();
    let rounds = crash_rounds();
    for round in 0..rounds {
        let mut victim = connect_victim(&s, round);
        let pid: i32 = scalar(&mut victim, "select pg_backend_pid()").unwrap().parse().unwrap();
        // SAFETY: killing a backend of the server this test started.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        let line = format!("server process (PID {pid}) was terminated by signal 9: Killed");
        assert!(
            wait_for(Duration::from_secs(50), || s.log().contains(&line)),
            "round {round}: the crash of {pid} was not logged; log:\n{}",
            s.log()
        );
        assert!(pid_alive(s.pid()), "round {round}: the postmaster is gone; log:\n{}", s.log());
    }
    // The storm is served after the last crash-restart too.
    let before = served.load(Ordering::Relaxed);
    assert!(
        wait_for(Duration::from_secs(50), || served.load(Ordering::Relaxed) > before + 10),
        "the storm was not served after the last crash; log:\n{}",
        s.log()
    );
    stop.store(true, Ordering::Relaxed);
    for t in storms {
        t.join().unwrap();
    }
    let log = s.log();
    assert!(!log.contains("immediate shutdown"), "the postmaster shut down:\n{log}");
    assert_eq!(log.matches("was terminated by signal 9: Killed").count(), rounds, "{log}");
    assert_eq!(log.matches("DETAIL:  Failed process was running: select pg_backend_pid()").count(), rounds, "{log}");
    assert!(!log.contains("ERROR:  server process"), "a crash is reported at LOG:\n{log}");
    let mut c = s.connect_when_slot_free();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}
