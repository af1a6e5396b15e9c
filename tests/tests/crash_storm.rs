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
        let start = Instant::now();
        let mut victim = loop {
            if let Ok(mut c) = s.try_connect("postgres") {
                if query(&mut c, "select 1").is_ok() {
                    break c;
                }
            }
            assert!(
                start.elapsed() < Duration::from_secs(50),
                "round {round}: no connection within 50 s; log:\n{}",
                s.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
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
