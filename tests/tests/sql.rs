//! Golden SQL files, run through psql against our server and compared with
//! PostgreSQL 15's output for the same file.
//!
//! `tests/sql/NAME.sql` runs with `psql -X -a -q` (echo every line, errors
//! with LINE/caret context) and must print exactly `tests/expected/NAME.out`.
//! The expected files were recorded from PostgreSQL 15 with
//! `cargo xtask bless-sql --host /tmp/pgo --port 54399` (see xtask), except
//! `unsupported.sql`, whose statements PostgreSQL runs and we refuse with
//! 0A000: its expected output is recorded from our server
//! (`cargo xtask bless-sql --ours`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use tests::*;

fn run_psql(host: &str, port: u16, sql: &str) -> String {
    // One stream (2>&1), so each error follows its statement as psql prints them.
    let script = format!("psql -X -a -q -h '{host}' -p {port} -U postgres -d postgres 2>&1",);
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .env("PGCONNECT_TIMEOUT", "30")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh psql");
    child.stdin.take().unwrap().write_all(sql.as_bytes()).unwrap();
    String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned()
}

#[test]
fn golden_sql_files_match_postgres() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let s = TestServer::start("golden");
    let mut failures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("sql")).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let sql = std::fs::read_to_string(&path).unwrap();
        let got = run_psql("127.0.0.1", s.port, &sql);
        let expected_path = root.join("expected").join(format!("{name}.out"));
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            let actual_path = std::env::temp_dir().join(format!("ferrogres-golden-{name}.actual"));
            std::fs::write(&actual_path, &got).unwrap();
            failures.push(format!(
                "{name}: output differs (diff -u {} {})",
                expected_path.display(),
                actual_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
