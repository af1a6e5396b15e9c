//! The system catalogs across backends: what one session commits to
//! pg_class, pg_authid or pg_database is seen by the others through the
//! shared invalidation queue (their syscache and relcache entries, negative
//! ones included, are dropped), and what it rolls back never is.

use tests::*;

#[test]
fn catalog_changes_reach_other_backends() {
    let s = TestServer::start("catalog");
    let mut a = s.connect();
    let mut b = s.connect();
    // A caches "no such relation", B creates it: A must see it.
    let e = query(&mut a, "select 'cat_t'::regclass").unwrap_err();
    assert_eq!(sqlstate(&e), "42P01", "{e}");
    query(&mut b, "create table cat_t (a int)").unwrap();
    assert_eq!(scalar(&mut a, "select 'cat_t'::regclass::text").as_deref(), Some("cat_t"));
    // A dropped table disappears for A too.
    query(&mut b, "drop table cat_t").unwrap();
    let e = query(&mut a, "select 'cat_t'::regclass").unwrap_err();
    assert_eq!(sqlstate(&e), "42P01", "{e}");
    // Uncommitted and rolled-back changes are invisible elsewhere.
    query(&mut b, "begin; create table cat_u (a int)").unwrap();
    assert!(query(&mut a, "select 'cat_u'::regclass").is_err());
    query(&mut b, "rollback").unwrap();
    assert!(query(&mut a, "select 'cat_u'::regclass").is_err());
    assert!(query(&mut b, "select 'cat_u'::regclass").is_err());
    // Roles: created in one backend, usable to log in at once; dropped, gone.
    query(&mut a, "create role cat_r login").unwrap();
    let mut r = s.try_connect("cat_r").expect("new role logs in");
    assert_eq!(scalar(&mut r, "select current_user").as_deref(), Some("cat_r"));
    drop(r);
    query(&mut b, "alter role cat_r nologin").unwrap();
    let e = s.try_connect("cat_r").err().expect("NOLOGIN refuses");
    assert_eq!(sqlstate(&e), "28000", "{e}");
    query(&mut a, "drop role cat_r").unwrap();
    let e = query(&mut b, "alter role cat_r login").unwrap_err();
    assert_eq!(message(&e), "role \"cat_r\" does not exist");
}

#[test]
fn connection_limits_and_databases() {
    let s = TestServer::start("catalog_limits");
    let mut admin = s.connect();
    query(&mut admin, "create role cat_lim login connection limit 1").unwrap();
    let first = s.try_connect("cat_lim").expect("first connection");
    let e = s.try_connect("cat_lim").err().expect("second connection refused");
    assert_eq!(sqlstate(&e), "53300", "{e}");
    assert_eq!(message(&e), "too many connections for role \"cat_lim\"");
    drop(first);
    // The slot frees once the first backend has exited.
    assert!(wait_for(std::time::Duration::from_secs(30), || s.try_connect("cat_lim").is_ok()));
    // Databases come from pg_database.
    let conn = |db: &str| {
        postgres::Client::connect(&format!("host=127.0.0.1 port={} user=postgres dbname={db}", s.port), postgres::NoTls)
    };
    let mut t1 = conn("template1").expect("template1 accepts connections");
    assert_eq!(scalar(&mut t1, "select current_database()").as_deref(), Some("template1"));
    let e = conn("template0").err().expect("template0 refuses");
    assert_eq!(sqlstate(&e), "55000", "{e}");
    let e = conn("cat_nosuch").err().expect("missing database");
    assert_eq!(sqlstate(&e), "3D000", "{e}");
    assert_eq!(message(&e), "database \"cat_nosuch\" does not exist");
}

#[test]
fn a_lapped_backend_resets_its_caches() {
    let s = TestServer::start("catalog_lapped");
    let mut a = s.connect();
    let mut b = s.connect();
    // A caches negative entries, then idles while B's DDL makes far more
    // invalidation messages than the queue holds (each CREATE TABLE makes
    // dozens): A must notice it was lapped and reset, not miss changes.
    assert!(query(&mut a, "select 'lap_0'::regclass").is_err());
    assert!(query(&mut a, "select 'lap_299'::regclass").is_err());
    let mut batch = String::new();
    for i in 0..300 {
        batch.push_str(&format!("create table lap_{i} (a int, b text);"));
    }
    query(&mut b, &batch).unwrap();
    assert_eq!(scalar(&mut a, "select 'lap_0'::regclass::text").as_deref(), Some("lap_0"));
    assert_eq!(scalar(&mut a, "select 'lap_299'::regclass::text").as_deref(), Some("lap_299"));
    query(&mut b, "drop table lap_0").unwrap();
    assert!(query(&mut a, "select 'lap_0'::regclass").is_err());
}

#[test]
fn superuser_only_catalogs() {
    let s = TestServer::start("catalog_privs");
    let mut admin = s.connect();
    query(&mut admin, "create role cat_plain login password 'x'").unwrap();
    let mut plain = s.try_connect("cat_plain").expect("login");
    // pg_authid holds password verifiers: superusers only, as in PostgreSQL.
    let e = query(&mut plain, "select rolpassword from pg_authid").unwrap_err();
    assert_eq!(sqlstate(&e), "42501", "{e}");
    assert_eq!(message(&e), "permission denied for table pg_authid");
    // pg_roles, a superuser's view over it, is readable and hides the password.
    assert_eq!(
        scalar(&mut plain, "select rolpassword from pg_roles where rolname = 'cat_plain'").as_deref(),
        Some("********")
    );
    let e = query(&mut plain, "select passwd from pg_shadow").unwrap_err();
    assert_eq!(message(&e), "permission denied for view pg_shadow");
    assert!(scalar(&mut admin, "select rolpassword from pg_authid where rolname = 'cat_plain'")
        .is_some_and(|p| p.starts_with("SCRAM-SHA-256$4096:")));
}
