//! `cargo xtask heavy [--only NAME,...]`: the heavy checks that stay out of
//! CI, run against a freshly built release server on a temporary data
//! directory, each printing its summary line:
//!
//! - `fuzz`: ../shared/tools/rel/protocol_fuzz.py with the `rel_pw` SCRAM role
//! - `storm`: conn_storm.py
//! - `badsql`: bad_sql.py
//! - `regress`: regress_score.py (in database `postgres`; CREATE DATABASE
//!   does not exist yet)
//! - `bench`: bench.py `--only connect,memory` against PostgreSQL 15, when
//!   `--pg HOST:PORT` names a running PostgreSQL 15 (the oracle)
//!
//! - `crash20`, `oomlimit`, `memback`, `idle`, `logs`: the checks of a server
//!   that stays up (see `stayup.rs`); each starts its own server, and with
//!   `--pg` also a private PostgreSQL 15 from `--pg-bin` beside it.
//!
//! The scripts live in `../shared/tools` (read-only; never copied here).

use crate::stayup;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGINT: fast shutdown, then make sure it is gone.
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn psql(port: u16, user: &str, sql: &str) -> Result<bool> {
    Ok(Command::new("psql")
        .args(["-X", "-q", "-h", "127.0.0.1", "-p", &port.to_string(), "-U", user, "-d", "postgres", "-c", sql])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success())
}

fn start_server(root: &Path, port: u16) -> Result<Server> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let bin = target.join("release/pg-server");
    let dir = std::env::temp_dir().join(format!("ferrogres-heavy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let log = std::fs::File::create(dir.join("server.log"))?;
    let child = Command::new(&bin)
        .arg("-D")
        .arg(dir.join("data"))
        .args(["-p", &port.to_string(), "-k"])
        .arg(&dir)
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    let server = Server { child, dir };
    let start = Instant::now();
    while !psql(port, "postgres", "select 1")? {
        if start.elapsed() > Duration::from_secs(30) {
            bail!("the server did not start; see {}", server.dir.join("server.log").display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // The SCRAM role protocol_fuzz.py authenticates as, first in pg_hba.conf.
    psql(port, "postgres", "create role rel_pw login password 'secret'")?;
    let hba = server.dir.join("data/pg_hba.conf");
    let old = std::fs::read_to_string(&hba)?;
    std::fs::write(&hba, format!("host all rel_pw 127.0.0.1/32 scram-sha-256\n{old}"))?;
    Command::new("kill").args(["-HUP", &server.child.id().to_string()]).status()?;
    std::thread::sleep(Duration::from_millis(500));
    Ok(server)
}

/// The checks whose script starts (and kills) our server itself, with the
/// interpreter and arguments each needs: crash_bank (20 rounds of kill -9),
/// power_cut (10 power cuts on the FUSE file system that loses unsynced
/// writes; `--lose-python` names the interpreter with `mfusepy`), the
/// isolation specs and the client suite (these two on a server of their
/// own on port+7).
fn self_starting_check(
    check: &str,
    ours: &Path,
    port: u16,
    get: &dyn Fn(&str) -> Option<String>,
) -> Option<(String, &'static str, Vec<String>)> {
    let start_cmd = format!("{} -D {{datadir}} -p {{port}}", ours.display());
    let p = (port + 6).to_string();
    let python = || "python3".to_string();
    Some(match check {
        "crashbank" => (
            python(),
            "rel/crash_bank.py",
            vec![
                "--port".into(),
                p,
                "--datadir".into(),
                "/tmp/ferrogres-crash-bank".into(),
                "--wipe".into(),
                "--rounds".into(),
                get("--rounds").unwrap_or_else(|| "20".into()),
                "--start-cmd".into(),
                start_cmd,
            ],
        ),
        "powercut" => {
            let lose = get("--lose-python").unwrap_or_else(|| "/work/lose-env/bin/python".into());
            (
                lose.clone(),
                "rel/power_cut.py",
                vec![
                    "--port".into(),
                    p,
                    "--datadir".into(),
                    "/tmp/ferrogres-power-cut".into(),
                    "--wipe".into(),
                    "--fuse-python".into(),
                    lose,
                    "--rounds".into(),
                    get("--rounds").unwrap_or_else(|| "10".into()),
                    "--start-cmd".into(),
                    start_cmd,
                ],
            )
        }
        _ => return None,
    })
}

fn run_script(tools: &Path, script: &str, args: &[String]) -> Result<()> {
    run_script_with("python3", tools, script, args)
}

fn run_script_with(python: &str, tools: &Path, script: &str, args: &[String]) -> Result<()> {
    eprintln!("+ {script} {}", args.join(" "));
    let out = Command::new(python).arg(tools.join(script)).args(args).output()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    for line in text.lines().filter(|l| l.contains("FAILURE") || l.starts_with('|')) {
        println!("{line}");
    }
    println!("{}", text.lines().last().unwrap_or("(no output)"));
    Ok(())
}

/// Entry point.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let get = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let only: Vec<String> = get("--only")
        .unwrap_or_else(|| "fuzz,storm,badsql,regress,bench,crash20,oomlimit,memback,idle,logs".into())
        .split(',')
        .map(str::to_string)
        .collect();
    let tools = root.join("../shared/tools");
    if !tools.exists() {
        bail!("{} is missing: the heavy checks use the shared tools", tools.display());
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo).args(["build", "--release", "-p", "pg-server"]).current_dir(root).status()?;
    if !status.success() {
        bail!("cargo build --release -p pg-server failed");
    }
    let port: u16 = get("--port").and_then(|p| p.parse().ok()).unwrap_or(55435);
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let bins = stayup::Binaries {
        ours: target.join("release/pg-server"),
        pg_bin: get("--pg-bin").map(PathBuf::from).unwrap_or_else(|| "/usr/lib/postgresql/15/bin".into()),
    };
    let flavors: &[stayup::Flavor] =
        if get("--pg").is_some() { &[stayup::Flavor::Ours, stayup::Flavor::Pg15] } else { &[stayup::Flavor::Ours] };
    // The script checks share one server; the checks of stayup.rs start
    // their own (on the next ports), so the shared one starts only if needed.
    let mut server = None;
    let p = port.to_string();
    for check in &only {
        if stayup::CHECKS.contains(&check.as_str()) {
            stayup::run(check, &bins, port, flavors)?;
            continue;
        }
        if let Some(args) = self_starting_check(check, &bins.ours, port, &get) {
            let (python, script, args) = args;
            run_script_with(&python, &tools, script, &args)?;
            continue;
        }
        if server.is_none() {
            server = Some(start_server(root, port)?);
        }
        match check.as_str() {
            "fuzz" => run_script(
                &tools,
                "rel/protocol_fuzz.py",
                &["--port".into(), p.clone(), "--auth-user".into(), "rel_pw".into()],
            )?,
            "storm" => run_script(&tools, "rel/conn_storm.py", &["--port".into(), p.clone()])?,
            "badsql" => run_script(&tools, "rel/bad_sql.py", &["--port".into(), p.clone()])?,
            "regress" => run_script(
                &tools,
                "regress_score.py",
                &["--port".into(), p.clone(), "--dbname".into(), "postgres".into(), "--no-create-db".into()],
            )?,
            "bench" => match get("--pg") {
                Some(pg) => run_script(
                    &tools,
                    "bench.py",
                    &[
                        "--target".into(),
                        format!("pg15={pg}:postgres"),
                        "--target".into(),
                        format!("ours=127.0.0.1:{p}:postgres"),
                        "--only".into(),
                        "connect,memory".into(),
                    ],
                )?,
                None => eprintln!("bench: skipped (pass --pg HOST:PORT of a running PostgreSQL 15)"),
            },
            other => bail!("unknown heavy check {other}"),
        }
    }
    drop(server);
    Ok(())
}
