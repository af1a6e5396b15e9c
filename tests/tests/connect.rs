//! Connecting: TCP and Unix sockets, psql, startup failures, process titles,
//! pg_stat_activity with several sessions, connection churn without leaks.

use std::time::Duration;
use tests::*;

#[test]
fn select_over_tcp_and_unix_socket_with_psql() {
    let s = TestServer::start("psql");
    let out = s.psql(&["-A", "-t", "-c", "select 1 + 1, version()"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "psql failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("2|PostgreSQL 15."), "{text}");
    let sock = s.socket_dir.to_str().unwrap();
    let out = s.psql_host(sock, &["-A", "-t", "-c", "select current_user, current_database()"]);
    assert!(out.status.success(), "psql -h socket failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "postgres|postgres");
}

#[test]
fn startup_failures_are_fatal_with_postgres_codes() {
    let s = TestServer::start("startfail");
    let e = postgres::Client::connect(
        &format!("host=127.0.0.1 port={} user=postgres dbname=nosuchdb", s.port),
        postgres::NoTls,
    )
    .err()
    .expect("connection should fail");
    assert_eq!(sqlstate(&e), "3D000", "{e}");
    let e = s.try_connect("nosuchrole").err().expect("connection should fail");
    assert_eq!(sqlstate(&e), "28000", "{e}");
    let e = postgres::Client::connect(
        &format!("host=127.0.0.1 port={} user=postgres dbname=template0", s.port),
        postgres::NoTls,
    )
    .err()
    .expect("connection should fail");
    assert_eq!(sqlstate(&e), "55000", "{e}");
    // The server keeps serving.
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"));
}

#[test]
fn three_sessions_show_in_pg_stat_activity_and_ps() {
    let s = TestServer::start("activity");
    let mut a = s.connect();
    let mut b = s.connect();
    let mut c = s.connect();
    let pids: Vec<String> =
        [&mut a, &mut b, &mut c].into_iter().map(|cl| scalar(cl, "select pg_backend_pid()").unwrap()).collect();
    let rows = query(&mut a, "select pid, state, query from pg_stat_activity order by pid").unwrap();
    let seen: Vec<String> = rows.iter().map(|r| r[0].clone().unwrap()).collect();
    for p in &pids {
        assert!(seen.contains(p), "pid {p} missing from {rows:?}");
    }
    let me = rows.iter().find(|r| r[0].as_deref() == Some(pids[0].as_str())).unwrap();
    assert_eq!(me[1].as_deref(), Some("active"));
    assert!(me[2].as_deref().unwrap().contains("pg_stat_activity"));
    let other = rows.iter().find(|r| r[0].as_deref() == Some(pids[1].as_str())).unwrap();
    assert_eq!(other[1].as_deref(), Some("idle"));
    let wait =
        query(&mut a, &format!("select wait_event_type, wait_event from pg_stat_activity where pid = {}", pids[1]))
            .unwrap();
    assert_eq!(wait[0], vec![Some("Client".to_string()), Some("ClientRead".to_string())]);
    assert_eq!(other[2].as_deref(), Some("select pg_backend_pid()"));
    // ps: the postmaster and one backend per session, with PostgreSQL-style titles.
    assert!(cmdline(s.pid()).starts_with("postgres: postmaster"), "{}", cmdline(s.pid()));
    let kids = s.children();
    for p in &pids {
        let pid: i32 = p.parse().unwrap();
        assert!(kids.contains(&pid), "backend {pid} is not a child of the postmaster");
        let title = cmdline(pid);
        assert!(title.starts_with("postgres: postgres postgres 127.0.0.1("), "{title}");
    }
    assert!(wait_for(Duration::from_secs(10), || cmdline(pids[1].parse().unwrap()).ends_with(" idle")));
}

#[test]
fn connection_churn_leaks_nothing() {
    let s = TestServer::start("churn");
    for i in 0..150 {
        let mut c = s.connect();
        assert_eq!(scalar(&mut c, "select 1").as_deref(), Some("1"), "cycle {i}");
    }
    assert!(wait_for(Duration::from_secs(30), || s.children().is_empty()), "children left: {:?}", s.children());
    let mut c = s.connect();
    let n = scalar(&mut c, "select count(*) from pg_stat_activity where backend_type = 'client backend'");
    assert_eq!(n.as_deref(), Some("1"));
}

#[test]
fn max_connections_is_enforced() {
    let s = TestServer::start_with("maxconn", &[("max_connections", "3"), ("superuser_reserved_connections", "0")]);
    let held: Vec<_> = (0..3).map(|_| s.connect_when_slot_free()).collect();
    let e = s.try_connect("postgres").err().expect("connection should fail");
    assert_eq!(sqlstate(&e), "53300", "{e}");
    assert!(message(&e).contains("sorry, too many clients already"), "{e}");
    drop(held);
    assert!(wait_for(Duration::from_secs(30), || s.try_connect("postgres").is_ok()));
}

#[test]
fn second_server_on_same_directory_refuses() {
    let s = TestServer::start("twice");
    let out = s.command(&[]).arg("-p").arg(free_port().to_string()).output().unwrap();
    assert!(!out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("lock file \"postmaster.pid\" already exists"), "{log}");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 2").as_deref(), Some("2"));
}

#[test]
fn stale_pid_file_is_taken_over() {
    let mut s = TestServer::start("stale");
    s.stop();
    // A pid file naming a process that no longer exists.
    std::fs::write(s.data_dir.join("postmaster.pid"), "999999\n/x\n0\n0\n\n\n\nready\n").unwrap();
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 3").as_deref(), Some("3"));
}

/// `inet_client_addr()` and friends read the backend's own connection:
/// both ends over TCP (the client port as pg_stat_activity shows it), NULL
/// over a Unix socket, as in PostgreSQL.
#[test]
fn connection_addresses_over_tcp_and_unix_socket() {
    let s = TestServer::start("inetaddr");
    let query = "select inet_client_addr(), inet_server_addr(), inet_server_port(), \
                 inet_client_port() = (select client_port from pg_stat_activity where pid = pg_backend_pid())";
    let out = s.psql(&["-A", "-t", "-c", query]);
    assert!(out.status.success(), "psql failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("127.0.0.1|127.0.0.1|{}|t", s.port));
    let out = s.psql_host(s.socket_dir.to_str().unwrap(), &["-A", "-t", "-c", query]);
    assert!(out.status.success(), "psql -h socket failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "|||");
}
