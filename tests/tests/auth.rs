//! Roles and authentication: CREATE/ALTER/DROP ROLE as pg_authid rows,
//! pg_hba.conf methods, SCRAM-SHA-256 with the postgres crate and psql.

use std::time::Duration;
use tests::*;

fn use_hba(s: &TestServer, first_lines: &str) {
    let path = s.data_dir.join("pg_hba.conf");
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{first_lines}\n{old}")).unwrap();
    s.signal(libc::SIGHUP);
}

#[test]
fn scram_authentication() {
    let s = TestServer::start("scram");
    let mut admin = s.connect();
    query(&mut admin, "create role rel_pw login password 'secret'").unwrap();
    // (That rolpassword holds a SCRAM verifier, never the password, is
    // pg-catalog's roles unit test.)
    use_hba(&s, "host all rel_pw 127.0.0.1/32 scram-sha-256");
    let good = format!("host=127.0.0.1 port={} user=rel_pw dbname=postgres password=secret", s.port);
    let bad = format!("host=127.0.0.1 port={} user=rel_pw dbname=postgres password=wrong", s.port);
    // The reload is asynchronous: wait until the new rule is in force.
    assert!(wait_for(Duration::from_secs(30), || postgres::Client::connect(&bad, postgres::NoTls).is_err()));
    let mut c = postgres::Client::connect(&good, postgres::NoTls).expect("scram login");
    assert_eq!(scalar(&mut c, "select current_user").as_deref(), Some("rel_pw"));
    let e = postgres::Client::connect(&bad, postgres::NoTls).err().expect("wrong password must fail");
    assert_eq!(sqlstate(&e), "28P01", "{e}");
    assert!(message(&e).contains("password authentication failed for user \"rel_pw\""), "{e}");
    // psql with PGPASSWORD.
    let out = std::process::Command::new("psql")
        .args(["-X", "-A", "-t", "-h", "127.0.0.1", "-p", &s.port.to_string(), "-U", "rel_pw", "-d", "postgres"])
        .args(["-c", "select current_user"])
        .env("PGPASSWORD", "secret")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "rel_pw", "{}", String::from_utf8_lossy(&out.stderr));
    // ALTER ROLE ... PASSWORD changes the secret.
    query(&mut admin, "alter role rel_pw password 'other'").unwrap();
    assert!(postgres::Client::connect(&good, postgres::NoTls).is_err());
    let new = format!("host=127.0.0.1 port={} user=rel_pw dbname=postgres password=other", s.port);
    postgres::Client::connect(&new, postgres::NoTls).expect("login with the new password");
    // A password message cut short fails like a wrong password, as in PostgreSQL.
    let mut raw = RawConn::connect(s.port);
    raw.send(&startup_packet("rel_pw", "postgres"));
    let mut auth = [0u8; 9];
    std::io::Read::read_exact(&mut raw.0, &mut auth).unwrap();
    assert_eq!((auth[0], auth[8]), (b'R', 10), "expected AuthenticationSASL");
    let mut rest = vec![0u8; u32::from_be_bytes([auth[1], auth[2], auth[3], auth[4]]) as usize - 8];
    std::io::Read::read_exact(&mut raw.0, &mut rest).unwrap();
    raw.send(&[b'p', 0, 0, 0, 100, b'a', b'b', b'c']);
    let _ = raw.0.shutdown(std::net::Shutdown::Write);
    let (reply, _) = raw.read_to_end();
    let (sev, code, _) = first_error(&reply).expect("an error after a truncated password message");
    assert_eq!((sev.as_str(), code.as_str()), ("FATAL", "28P01"));
    // A role that does not exist fails the same way (no leak of which roles exist).
    use_hba(&s, "host all ghost 127.0.0.1/32 scram-sha-256");
    let ghost = format!("host=127.0.0.1 port={} user=ghost dbname=postgres password=x", s.port);
    assert!(wait_for(Duration::from_secs(30), || postgres::Client::connect(&ghost, postgres::NoTls)
        .err()
        .map(|e| sqlstate(&e) == "28P01")
        .unwrap_or(false)));
}

#[test]
fn role_ddl_errors_match_postgres() {
    let s = TestServer::start("roles");
    let mut c = s.connect();
    let check = |c: &mut postgres::Client, sql: &str, code: &str, msg: &str| {
        let e = query(c, sql).unwrap_err();
        assert_eq!(sqlstate(&e), code, "{sql}: {e}");
        let db = e.as_db_error().unwrap();
        assert_eq!(db.message(), msg, "{sql}");
    };
    query(&mut c, "create role alice login").unwrap();
    check(&mut c, "create role alice", "42710", "role \"alice\" already exists");
    check(&mut c, "create role pg_x", "42939", "role name \"pg_x\" is reserved");
    check(&mut c, "drop role nobody", "42704", "role \"nobody\" does not exist");
    check(&mut c, "alter role nobody password 'x'", "42704", "role \"nobody\" does not exist");
    check(&mut c, "drop role postgres", "55006", "current user cannot be dropped");
    query(&mut c, "drop role if exists nobody").unwrap();
    query(&mut c, "drop role alice").unwrap();
    check(&mut c, "drop role alice", "42704", "role \"alice\" does not exist");
    // A role without LOGIN cannot connect.
    query(&mut c, "create role bob").unwrap();
    let e = s.try_connect("bob").err().expect("connection should fail");
    assert_eq!(sqlstate(&e), "28000");
    assert!(message(&e).contains("role \"bob\" is not permitted to log in"), "{e}");
    // A non-superuser cannot create roles.
    query(&mut c, "create user carol").unwrap();
    let mut carol = s.try_connect("carol").unwrap();
    check(&mut carol, "create role dave", "42501", "permission denied to create role");
}

#[test]
fn hba_reject_and_no_entry() {
    let s = TestServer::start("hba");
    let mut c = s.connect();
    query(&mut c, "create user eve").unwrap();
    use_hba(&s, "host all eve 127.0.0.1/32 reject");
    assert!(wait_for(Duration::from_secs(30), || s.try_connect("eve").is_err()));
    let e = s.try_connect("eve").err().expect("connection should fail");
    assert_eq!(sqlstate(&e), "28000", "{e}");
    assert!(message(&e).contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"eve\""), "{e}");
}

#[test]
fn hba_file_setting_names_the_file() {
    let dir = temp_dir("hbafile");
    let hba = dir.join("custom_hba.conf");
    std::fs::write(&hba, "host all mallory 127.0.0.1/32 reject\nhost all all 127.0.0.1/32 trust\n").unwrap();
    let s = TestServer::start_with("hbafile", &[("hba_file", hba.to_str().unwrap())]);
    let e = s.try_connect("mallory").err().expect("the reject line must refuse");
    assert_eq!(sqlstate(&e), "28000", "{e}");
    assert!(message(&e).contains("pg_hba.conf rejects connection"), "{}", message(&e));
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "show hba_file"), Some(hba.display().to_string()));
}
