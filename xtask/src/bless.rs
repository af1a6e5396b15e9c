//! `cargo xtask bless-sql --host H --port P [--only NAME]`: re-records
//! `tests/expected/NAME.out` by running `tests/sql/NAME.sql` through
//! `psql -X -a -q` against the given server. Point it at PostgreSQL 15 (the
//! oracle) for every file except `unsupported.sql`, which is recorded from
//! our own server. A reviewer reads the diff.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs one file through psql, stdout and stderr merged as psql prints them.
pub fn run_file(host: &str, port: &str, sql: &str) -> Result<String> {
    let script = format!("psql -X -a -q -h '{host}' -p {port} -U postgres -d postgres 2>&1");
    let mut child = Command::new("sh").args(["-c", &script]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn()?;
    child.stdin.take().context("psql stdin")?.write_all(sql.as_bytes())?;
    Ok(String::from_utf8_lossy(&child.wait_with_output()?.stdout).into_owned())
}

/// Entry point.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let get = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let (Some(host), Some(port)) = (get("--host"), get("--port")) else {
        bail!("usage: cargo xtask bless-sql --host HOST --port PORT [--only NAME]");
    };
    let only = get("--only");
    let sql_dir = root.join("tests/sql");
    let mut n = 0;
    for entry in std::fs::read_dir(&sql_dir)? {
        let path = entry?.path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let out = run_file(&host, &port, &std::fs::read_to_string(&path)?)?;
        std::fs::write(root.join("tests/expected").join(format!("{name}.out")), out)?;
        n += 1;
    }
    println!("bless-sql: recorded {n} file(s) from {host}:{port}");
    Ok(())
}
