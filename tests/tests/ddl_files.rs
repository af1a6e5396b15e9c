//! What DDL does to files, which psql cannot show: a table's file is
//! created with it, removed when the creating transaction rolls back or a
//! DROP commits (the first segment lingers, empty, until the next
//! checkpoint, as PostgreSQL's tombstone), and a temporary table's file
//! (`t<N>_<relfilenode>`) goes with its session.

use std::path::Path;
use tests::*;

fn relfilenode(c: &mut postgres::Client, name: &str) -> u32 {
    let rows = c.query("select relfilenode from pg_class where relname = $1", &[&name]).unwrap();
    rows[0].get::<_, u32>(0)
}

/// Whether `base/5/<file>` exists and holds bytes (an emptied tombstone
/// counts as gone).
fn has_data(data_dir: &Path, file: &str) -> bool {
    std::fs::metadata(data_dir.join("base/5").join(file)).is_ok_and(|m| m.len() > 0)
}

fn exists(data_dir: &Path, file: &str) -> bool {
    data_dir.join("base/5").join(file).exists()
}

#[test]
fn table_files_follow_the_transaction() {
    let s = TestServer::start("ddl_files");
    let mut c = s.connect();

    // A rolled-back CREATE TABLE leaves no file behind (after the
    // checkpoint that removes the tombstone).
    c.batch_execute("begin; create table r (a int); insert into r values (1)").unwrap();
    let node = relfilenode(&mut c, "r").to_string();
    assert!(exists(&s.data_dir, &node), "the new table's file exists inside its transaction");
    c.batch_execute("rollback").unwrap();
    assert!(!has_data(&s.data_dir, &node));
    c.batch_execute("checkpoint").unwrap();
    assert!(!exists(&s.data_dir, &node), "the rolled-back table's file is gone after a checkpoint");

    // A committed DROP removes the file; a rolled-back one keeps it.
    c.batch_execute("create table d (a int); insert into d values (1)").unwrap();
    let node = relfilenode(&mut c, "d").to_string();
    c.batch_execute("begin; drop table d; rollback").unwrap();
    assert!(exists(&s.data_dir, &node), "a rolled-back DROP keeps the file");
    assert_eq!(scalar(&mut c, "select count(*) from d"), Some("1".to_string()));
    c.batch_execute("drop table d").unwrap();
    c.batch_execute("checkpoint").unwrap();
    assert!(!exists(&s.data_dir, &node), "a committed DROP removes the file");

    // ALTER COLUMN TYPE moves the rows to a new file and removes the old.
    c.batch_execute("create table a (x int); insert into a values (1), (2)").unwrap();
    let old = relfilenode(&mut c, "a").to_string();
    c.batch_execute("alter table a alter column x type bigint").unwrap();
    c.batch_execute("checkpoint").unwrap();
    let new = relfilenode(&mut c, "a").to_string();
    assert_ne!(old, new);
    assert!(!exists(&s.data_dir, &old) && exists(&s.data_dir, &new));
    assert_eq!(scalar(&mut c, "select sum(x) from a"), Some("3".to_string()));

    // A temporary table lives in local buffers and a t<N>_ file, and both
    // go with the session.
    let mut t = s.connect();
    t.batch_execute("create temp table tt (a int); insert into tt select generate_series(1, 1000)").unwrap();
    let node = relfilenode(&mut t, "tt");
    let temp_files = || -> Vec<String> {
        std::fs::read_dir(s.data_dir.join("base/5"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('t') && n.ends_with(&format!("_{node}")))
            .collect()
    };
    t.batch_execute("checkpoint").unwrap();
    assert_eq!(temp_files().len(), 1, "one temporary file t<N>_{node}");
    assert_eq!(scalar(&mut c, "select count(*) from pg_class where relname = 'tt'"), Some("1".to_string()));
    drop(t);
    // The session's exit drops it; a checkpoint then removes any emptied
    // first segment.
    assert!(wait_for(std::time::Duration::from_secs(30), || {
        scalar(&mut c, "select count(*) from pg_class where relname = 'tt'") == Some("0".to_string())
    }));
    c.batch_execute("checkpoint").unwrap();
    assert!(temp_files().is_empty(), "the temporary table's file goes with its session");
    // The emptied pg_temp_<N> schema stays, as in PostgreSQL, but a new
    // session (likely given the same number) does not search it until it
    // makes a temporary object itself.
    let mut u = s.connect();
    assert_eq!(scalar(&mut u, "select current_schemas(true)::text"), Some("{pg_catalog,public}".to_string()));
    u.batch_execute("create temp table tu (a int)").unwrap();
    assert_eq!(scalar(&mut u, "select (current_schemas(true))[1] like 'pg_temp_%'"), Some("t".to_string()));
}

/// DDL after the last checkpoint is replayed by crash recovery: a table's
/// creation (XLOG_SMGR_CREATE), the rows an ALTER COLUMN TYPE copied into
/// a new file, and the old files the commit records list for removal
/// (their pages in the buffer pool are dropped first), then a new database.
#[test]
fn ddl_is_replayed_after_kill_9() {
    let mut s = TestServer::start("ddl_crash");
    let mut c = s.connect();
    for sql in [
        "create table k (a int)",
        "insert into k select generate_series(1, 1000)",
        "alter table k alter column a type bigint",
        "create table gone (a int)",
        "insert into gone values (1)",
        "drop table gone",
        "create table v_base (a int default 7, check (a > 0))",
        "insert into v_base default values",
        "create view v as select a + 1 as b from v_base",
        // A constant default read from attmissingval, a volatile one
        // written into every row by a rewrite.
        "alter table k add column m text default 'missing'",
        "alter table k add column r float8 default random()",
        "alter table k add column n int default 5",
    ] {
        c.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    drop(c);
    let mut all = s.children();
    all.extend(s.auxiliary_children());
    s.signal(libc::SIGKILL);
    s.stop();
    assert!(wait_for(std::time::Duration::from_secs(50), || all.iter().all(|p| !pid_alive(*p))));
    s.spawn(&[]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select sum(a) from k"), Some("500500".to_string()));
    assert_eq!(scalar(&mut c, "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'k'::regclass and attname = 'a'"), Some("bigint".to_string()));
    assert_eq!(scalar(&mut c, "select b from v"), Some("8".to_string()));
    assert_eq!(
        scalar(&mut c, "select count(*) from k where m = 'missing' and r >= 0 and n = 5"),
        Some("1000".to_string())
    );
    assert_eq!(
        scalar(
            &mut c,
            "select string_agg(attname, ',') from pg_attribute where attrelid = 'k'::regclass and atthasmissing"
        ),
        Some("n".to_string()),
        "the rewrite wrote m into the rows; n came after it"
    );
    assert_eq!(scalar(&mut c, "select count(*) from pg_class where relname = 'gone'"), Some("0".to_string()));
    c.batch_execute("insert into v_base values (3)").unwrap();
    assert!(c.batch_execute("insert into v_base values (-1)").is_err(), "the CHECK survives");
}
