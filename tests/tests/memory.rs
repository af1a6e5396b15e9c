//! Shared memory and memory contexts as the system views show them.

use std::time::Duration;
use tests::*;

#[test]
fn shmem_allocations_list_the_index() {
    let s = TestServer::start("shmem");
    let mut c = s.connect();
    let rows = query(&mut c, "select name, off, size, allocated_size from pg_shmem_allocations order by off").unwrap();
    let names: Vec<Option<String>> = rows.iter().map(|r| r[0].clone()).collect();
    assert!(names.contains(&Some("Proc Array".to_string())), "{rows:?}");
    assert!(names.contains(&Some("Memory Context Report".to_string())), "{rows:?}");
    for r in &rows {
        let size: i64 = r[2].as_deref().unwrap().parse().unwrap();
        let allocated: i64 = r[3].as_deref().unwrap().parse().unwrap();
        assert!(allocated >= size, "{r:?}");
    }
}

#[test]
fn own_and_other_backends_memory_contexts() {
    let s = TestServer::start("mcxt");
    let mut a = s.connect();
    let mut b = s.connect();
    let rows =
        query(&mut a, "select name, parent, level, total_bytes, used_bytes from pg_backend_memory_contexts").unwrap();
    assert_eq!(rows[0][0].as_deref(), Some("TopMemoryContext"));
    assert_eq!(rows[0][1], None);
    assert_eq!(rows[0][2].as_deref(), Some("0"));
    let names: Vec<&str> = rows.iter().filter_map(|r| r[0].as_deref()).collect();
    for n in ["MessageContext", "CacheMemoryContext", "TopPortalContext"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    // The catalog caches (the roles and database read at connection start)
    // are charged to CacheMemoryContext: more than an empty context's header.
    let cache: i64 =
        scalar(&mut a, "select used_bytes from pg_backend_memory_contexts where name = 'CacheMemoryContext'")
            .unwrap()
            .parse()
            .unwrap();
    let empty: i64 = scalar(&mut a, "select used_bytes from pg_backend_memory_contexts where name = 'ErrorContext'")
        .unwrap()
        .parse()
        .unwrap();
    assert!(cache > empty, "CacheMemoryContext holds nothing ({cache} bytes)");
    // A large message shows in MessageContext while it is processed.
    let big = format!(
        "select used_bytes from pg_backend_memory_contexts where name = 'MessageContext' -- {}",
        "x".repeat(200_000)
    );
    let used: i64 = scalar(&mut a, &big).unwrap().parse().unwrap();
    assert!(used >= 200_000, "MessageContext used_bytes {used}");
    // Another backend's tree, while it sits idle on its socket.
    let b_pid = scalar(&mut b, "select pg_backend_pid()").unwrap();
    let rows = query(&mut a, &format!("select name, level from pg_get_backend_memory_contexts({b_pid})")).unwrap();
    assert_eq!(rows[0][0].as_deref(), Some("TopMemoryContext"));
    assert!(rows.iter().any(|r| r[0].as_deref() == Some("MessageContext")), "{rows:?}");
    // Not a backend: an error, not a hang.
    let e = query(&mut a, "select * from pg_get_backend_memory_contexts(1)").unwrap_err();
    assert_eq!(sqlstate(&e), "22023", "{e}");
}

/// VmRSS of a process in kB, from `/proc/<pid>/status` (the test server is local).
fn rss_kb(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn backend_gives_memory_back_after_big_statements() {
    let s = TestServer::start("memback");
    let mut c = s.connect();
    let pid = scalar(&mut c, "select pg_backend_pid()").unwrap();
    // Warm up the paths the statements below use, then take the idle size.
    scalar(&mut c, "select count(*) from (select g, count(*) from generate_series(1, 1000) g group by g) s").unwrap();
    let idle = rss_kb(&pid);
    // A 200 MB query string: the socket buffer and MessageContext held it.
    let big = format!("select length('{}')", "x".repeat(200 << 20));
    assert_eq!(scalar(&mut c, &big).unwrap(), (200 << 20).to_string());
    drop(big);
    scalar(&mut c, "select 1").unwrap();
    let after_message = rss_kb(&pid);
    assert!(after_message < 2 * idle, "idle {idle} kB, after a 200 MB query string {after_message} kB");
    // A hash aggregate of 300,000 groups in memory, then idle again.
    query(&mut c, "set work_mem = '512MB'").unwrap();
    let n = "select count(*) from (select g, count(*) from generate_series(1, 300000) g group by g) s";
    assert_eq!(scalar(&mut c, n).unwrap(), "300000");
    let after_agg = rss_kb(&pid);
    assert!(after_agg < 2 * idle, "idle {idle} kB, after a 300,000-group hash aggregate {after_agg} kB");
}

/// PostgreSQL 15's privileges: the views and their functions are granted to
/// pg_read_all_stats only, pg_log_backend_memory_contexts to no one but
/// superusers.
#[test]
fn memory_views_need_superuser_or_pg_read_all_stats() {
    let s = TestServer::start("mcxt_acl");
    let mut admin = s.connect();
    query(&mut admin, "create role mcxt_user login").unwrap();
    let mut u = s.try_connect("mcxt_user").unwrap();
    for (sql, what) in [
        ("select * from pg_backend_memory_contexts", "view pg_backend_memory_contexts"),
        ("explain select * from pg_backend_memory_contexts", "view pg_backend_memory_contexts"),
        ("select * from pg_shmem_allocations", "view pg_shmem_allocations"),
        ("select * from pg_get_backend_memory_contexts()", "function pg_get_backend_memory_contexts"),
        ("select pg_log_backend_memory_contexts(pg_backend_pid())", "function pg_log_backend_memory_contexts"),
    ] {
        let e = query(&mut u, sql).unwrap_err();
        assert_eq!(sqlstate(&e), "42501", "{sql}: {e}");
        assert_eq!(message(&e), format!("permission denied for {what}"), "{sql}");
    }
    // The session goes on, and public views stay readable.
    assert_eq!(scalar(&mut u, "select count(*) > 0 from pg_stat_activity").as_deref(), Some("t"));
    // A superuser reads them, and logs a backend's contexts.
    assert_eq!(scalar(&mut admin, "select count(*) > 3 from pg_backend_memory_contexts").as_deref(), Some("t"));
    let u_pid = scalar(&mut u, "select pg_backend_pid()").unwrap();
    assert_eq!(scalar(&mut admin, &format!("select pg_log_backend_memory_contexts({u_pid})")).as_deref(), Some("t"));
    assert!(
        wait_for(Duration::from_secs(50), || s.log().contains(&format!("logging memory contexts of PID {u_pid}"))),
        "{}",
        s.log()
    );
    // Not a backend: WARNING and false, as PostgreSQL answers.
    assert_eq!(scalar(&mut admin, "select pg_log_backend_memory_contexts(1)").as_deref(), Some("f"));
}

/// A bound parameter is held by its portal, as PostgreSQL keeps it in the
/// portal's context: the view shows it there while the portal runs.
#[test]
fn bound_parameters_count_in_their_portal_context() {
    let s = TestServer::start("mcxt_bind");
    let mut c = s.connect();
    let big = "p".repeat(4 << 20);
    let rows = c
        .query(
            "select total_bytes from pg_backend_memory_contexts where name = 'PortalContext' and length($1::text) > 0",
            &[&big],
        )
        .unwrap();
    let total: i64 = rows.iter().map(|r| r.get::<_, i64>(0)).max().unwrap();
    assert!(total >= 4 << 20, "PortalContext total_bytes {total} with a 4 MB parameter bound");
}

/// The transaction's contexts, as PostgreSQL 15's view shows them:
/// TopTransactionContext while a transaction runs, a savepoint's
/// CurTransactionContext under it, and TransactionAbortContext (32 kB).
#[test]
fn transaction_contexts_follow_the_transaction() {
    let s = TestServer::start("mcxt_xact");
    let mut c = s.connect();
    let shape = "select name, parent, level, total_bytes from pg_backend_memory_contexts \
                 where name in ('TopTransactionContext', 'CurTransactionContext', 'TransactionAbortContext') \
                 order by level, name";
    let row = |name: &str, parent: &str, level: &str, total: &str| {
        vec![Some(name.to_string()), Some(parent.to_string()), Some(level.to_string()), Some(total.to_string())]
    };
    assert_eq!(
        query(&mut c, shape).unwrap(),
        vec![
            row("TopTransactionContext", "TopMemoryContext", "1", "8192"),
            row("TransactionAbortContext", "TopMemoryContext", "1", "32768"),
        ]
    );
    query(&mut c, "begin; savepoint a; savepoint b").unwrap();
    let rows = query(&mut c, shape).unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[2], row("CurTransactionContext", "TopTransactionContext", "2", "8192"), "{rows:?}");
    assert_eq!(rows[3], row("CurTransactionContext", "CurTransactionContext", "3", "8192"), "{rows:?}");
    query(&mut c, "rollback to a; release a").unwrap();
    assert_eq!(query(&mut c, shape).unwrap().len(), 2);
    query(&mut c, "commit").unwrap();
    assert_eq!(query(&mut c, shape).unwrap().len(), 2);
}
