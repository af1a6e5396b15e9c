//! The process model: crash-restart after kill -9 of a backend, cancel and
//! terminate, postmaster death, shutdown modes.

use std::time::{Duration, Instant};
use tests::*;

#[test]
fn kill_9_of_a_backend_restarts_everyone() {
    let s = TestServer::start("crash");
    let mut victim = s.connect();
    let mut bystander = s.connect();
    let victim_pid: i32 = scalar(&mut victim, "select pg_backend_pid()").unwrap().parse().unwrap();
    let bystander_pid: i32 = scalar(&mut bystander, "select pg_backend_pid()").unwrap().parse().unwrap();
    // SAFETY: killing a backend of the server this test started.
    unsafe { libc::kill(victim_pid, libc::SIGKILL) };
    // The other session is ended by the crash-restart cycle...
    assert!(wait_for(Duration::from_secs(50), || !pid_alive(bystander_pid)), "bystander survived the crash");
    assert!(query(&mut bystander, "select 1").is_err());
    // ...and the server accepts connections again (issue: within 5 s; bound 50 s).
    let start = Instant::now();
    let mut ok = false;
    while start.elapsed() < Duration::from_secs(50) {
        if let Ok(mut c) = s.try_connect("postgres") {
            if query(&mut c, "select 1").is_ok() {
                ok = true;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ok, "no connection after crash-restart; log:\n{}", s.log());
    let log = s.log();
    assert!(log.contains("was terminated by signal 9"), "{log}");
    assert!(log.contains("all server processes terminated; reinitializing"), "{log}");
    drop(victim);
}

#[test]
fn cancel_request_cancels_pg_sleep() {
    let s = TestServer::start("cancel");
    let mut c = s.connect();
    let token = c.cancel_token();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        token.cancel_query(postgres::NoTls).unwrap();
    });
    let e = query(&mut c, "select pg_sleep(60)").unwrap_err();
    t.join().unwrap();
    assert_eq!(sqlstate(&e), "57014", "{e}");
    assert!(message(&e).contains("canceling statement due to user request"), "{e}");
    // The session is still usable.
    assert_eq!(scalar(&mut c, "select 42").as_deref(), Some("42"));
}

#[test]
fn pg_cancel_and_terminate_backend() {
    let s = TestServer::start("terminate");
    let mut a = s.connect();
    let mut b = s.connect();
    let b_pid = scalar(&mut b, "select pg_backend_pid()").unwrap();
    let h = std::thread::spawn(move || {
        let r = query(&mut b, "select pg_sleep(60)");
        (r.map(|_| ()), b)
    });
    assert!(wait_for(Duration::from_secs(30), || {
        query(&mut a, &format!("select state from pg_stat_activity where pid = {b_pid}"))
            .map(|r| r.first().map(|r| r[0].as_deref() == Some("active")).unwrap_or(false))
            .unwrap_or(false)
    }));
    assert_eq!(scalar(&mut a, &format!("select pg_cancel_backend({b_pid})")).as_deref(), Some("t"));
    let (r, mut b) = h.join().unwrap();
    assert_eq!(sqlstate(&r.unwrap_err()), "57014");
    // Terminate an idle session: it gets FATAL 57P01 and its slot is freed.
    assert_eq!(scalar(&mut a, &format!("select pg_terminate_backend({b_pid})")).as_deref(), Some("t"));
    let pid: i32 = b_pid.parse().unwrap();
    assert!(wait_for(Duration::from_secs(30), || !pid_alive(pid)));
    let e = query(&mut b, "select 1").unwrap_err();
    assert!(e.is_closed() || sqlstate(&e) == "57P01", "{e}");
    assert_eq!(
        scalar(&mut a, "select count(*) from pg_stat_activity where backend_type = 'client backend'").as_deref(),
        Some("1")
    );
    // Unknown pid: a WARNING and false, as in PostgreSQL.
    assert_eq!(scalar(&mut a, "select pg_cancel_backend(1)").as_deref(), Some("f"));
}

#[test]
fn postmaster_death_ends_children_and_interlock_holds() {
    let mut s = TestServer::start("pmdeath");
    let mut c = s.connect();
    let backend: i32 = scalar(&mut c, "select pg_backend_pid()").unwrap().parse().unwrap();
    let pm = s.pid();
    // SAFETY: killing the postmaster this test started.
    unsafe { libc::kill(pm, libc::SIGKILL) };
    let _ = s.child.as_mut().unwrap().wait();
    s.child = None;
    assert!(wait_for(Duration::from_secs(50), || !pid_alive(backend)), "backend outlived its postmaster");
    // With every old process gone, a new postmaster takes over the stale pid file.
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 7").as_deref(), Some("7"));
}

#[test]
fn interlock_refuses_while_an_old_backend_lives() {
    let mut s = TestServer::start("interlock");
    let mut c = s.connect();
    let backend: i32 = scalar(&mut c, "select pg_backend_pid()").unwrap().parse().unwrap();
    // Stop the backend so it cannot notice its postmaster's death, then kill the postmaster.
    // SAFETY: signals to processes of the server this test started.
    unsafe {
        libc::kill(backend, libc::SIGSTOP);
        libc::kill(s.pid(), libc::SIGKILL);
    }
    let _ = s.child.as_mut().unwrap().wait();
    s.child = None;
    let out = s.command(&[]).output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a second postmaster started while an old backend lived: {log}");
    assert!(log.contains("pre-existing shared memory block is still in use"), "{log}");
    // SAFETY: resume the stopped backend; it exits on seeing the postmaster gone.
    unsafe { libc::kill(backend, libc::SIGCONT) };
    assert!(wait_for(Duration::from_secs(50), || !pid_alive(backend)));
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 8").as_deref(), Some("8"));
}

#[test]
fn fast_shutdown_ends_sessions() {
    let mut s = TestServer::start("fastshut");
    let mut c = s.connect();
    let status = s.stop().expect("server was running");
    assert!(status.success(), "postmaster exit status {status}");
    assert!(query(&mut c, "select 1").is_err());
    assert!(!s.data_dir.join("postmaster.pid").exists());
}
