//! The heavy checks of "a server that stays up" (signals, out-of-memory,
//! memory given back, idle sessions and keepalives, logs), each run as
//! `cargo xtask heavy --only NAME`:
//!
//! - `crash20`: twenty times, kill -9 a client backend while a `pgbench -n -C`
//!   storm runs; count the crash-restarts the postmaster survives and check
//!   that it serves afterwards; then a SIGUSR2 to a backend must change nothing.
//! - `oomlimit`: the server alone runs under `prlimit --as=3000000000`;
//!   `count(*)` over 100M rows and a 3 GB `string_agg` must each end with a
//!   result or an ERROR while another session, open in a transaction, survives.
//! - `memback`: an idle backend's RSS after a 200 MB query string, against
//!   before (the ratio must be under 2).
//! - `idle`: `idle_in_transaction_session_timeout` and `idle_session_timeout`
//!   of 1 s end the session with FATAL 25P03 / 57P05; `ss -tnoe` shows a
//!   keepalive timer on an accepted TCP connection.
//! - `logs`: `select 1/0` leaves ERROR and STATEMENT lines in the server log;
//!   a kill -9 of a backend is logged at LOG with `Failed process was running`.
//!
//! Every check starts its own server on a fresh temporary data directory
//! (on the first free port after `--port`), because it kills backends,
//! limits the server's memory or reads its log.
//! With `--pg`, the same check also runs against a private PostgreSQL 15
//! cluster made with the binaries in `--pg-bin` (default
//! `/usr/lib/postgresql/15/bin`) and run as the `postgres` OS user, so that the
//! two summary lines stand side by side. The shared oracle is never used for
//! these checks: killing its backends would disturb everyone using it.
//!
//! Each check is bounded in count and in time; a check that does not get an
//! answer in time says so in its summary line instead of waiting.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Which server a check runs against.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Our release `pg-server`.
    Ours,
    /// PostgreSQL 15 from `--pg-bin`, run as the `postgres` OS user.
    Pg15,
}

impl Flavor {
    fn label(self) -> &'static str {
        match self {
            Flavor::Ours => "ours",
            Flavor::Pg15 => "pg15",
        }
    }
}

/// Where the two servers' binaries are.
pub struct Binaries {
    /// Our `pg-server` (release build).
    pub ours: PathBuf,
    /// The directory holding PostgreSQL 15's `initdb` and `postgres`.
    pub pg_bin: PathBuf,
}

/// A server started for one check, on its own temporary directory; dropping
/// it stops the server (fast shutdown) and removes the directory.
struct Instance {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Drop for Instance {
    fn drop(&mut self) {
        signal(self.child.id(), "INT");
        wait_timeout(&mut self.child, Duration::from_secs(20));
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill").args([format!("-{sig}"), pid.to_string()]).stderr(Stdio::null()).status();
}

fn pid_alive(pid: u32) -> bool {
    // A zombie still has a /proc entry; only a running process counts.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit(')').next().map(|rest| !rest.trim_start().starts_with('Z')).unwrap_or(false),
        Err(_) => false,
    }
}

fn wait_timeout(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if start.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A `/proc/PID/status` field in kB (`VmRSS`, `VmHWM`).
fn proc_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kb: Option<u64>) -> String {
    kb.map(|k| format!("{:.1} MiB", k as f64 / 1024.0)).unwrap_or_else(|| "?".into())
}

impl Instance {
    /// Starts a server on `port` with `settings`, optionally under an address
    /// space limit (applied to the server only, by `prlimit`).
    fn start(
        flavor: Flavor,
        bins: &Binaries,
        port: u16,
        tag: &str,
        settings: &[(&str, &str)],
        address_space: Option<u64>,
    ) -> Result<Instance> {
        let dir = std::env::temp_dir().join(format!("ferrogres-heavy-{}-{tag}-{}", std::process::id(), flavor.label()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let data = dir.join("data");
        let mut cmd = Command::new("prlimit");
        if let Some(bytes) = address_space {
            cmd.arg(format!("--as={bytes}"));
        }
        cmd.arg("--");
        match flavor {
            Flavor::Ours => {
                cmd.arg(&bins.ours).arg("-D").arg(&data).args(["-h", "127.0.0.1", "-p", &port.to_string(), "-k"]);
                cmd.arg(&dir);
            }
            Flavor::Pg15 => {
                // PostgreSQL refuses root: the cluster belongs to `postgres`.
                let ok = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status()?.success();
                if !ok {
                    bail!("chown postgres {} failed", dir.display());
                }
                let initdb = Command::new("setpriv")
                    .args(["--reuid", "postgres", "--regid", "postgres", "--clear-groups"])
                    .arg(bins.pg_bin.join("initdb"))
                    .arg("-D")
                    .arg(&data)
                    .args(["-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .context("running initdb")?;
                if !initdb.success() {
                    bail!("initdb of {} failed", data.display());
                }
                cmd.args(["setpriv", "--reuid", "postgres", "--regid", "postgres", "--clear-groups"]);
                cmd.arg(bins.pg_bin.join("postgres")).arg("-D").arg(&data);
                cmd.args(["-c", "listen_addresses=127.0.0.1", "-p", &port.to_string()]);
                cmd.arg("-c").arg(format!("unix_socket_directories={}", dir.display()));
            }
        }
        for (name, value) in settings {
            cmd.arg("-c").arg(format!("{name}={value}"));
        }
        let log = File::create(dir.join("server.log"))?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting the {} server", flavor.label()))?;
        let instance = Instance { child, dir, port };
        if !instance.serves(Duration::from_secs(60)) {
            let log = instance.log();
            let tail: Vec<&str> = log.lines().rev().take(5).collect();
            bail!("the {} server did not start; its log ends: {}", flavor.label(), tail.join(" | "));
        }
        Ok(instance)
    }

    /// prlimit and setpriv exec the server, so the child is the postmaster.
    fn postmaster_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn log(&self) -> String {
        std::fs::read(self.dir.join("server.log")).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    fn psql_cmd(&self) -> Command {
        let mut cmd = Command::new("psql");
        cmd.args(["-X", "-h", "127.0.0.1", "-p", &self.port.to_string(), "-U", "postgres", "-d", "postgres"]);
        cmd.args(["-v", "VERBOSITY=verbose"]).env("PGCONNECT_TIMEOUT", "5");
        cmd
    }

    /// Runs one statement in a new session within `limit`; returns psql's
    /// stdout and stderr, or None when it did not finish in time.
    fn run(&self, sql: &str, limit: Duration) -> Option<String> {
        let out = self.dir.join(format!("run-{}.out", unique()));
        let file = File::create(&out).ok()?;
        let mut child = self
            .psql_cmd()
            .args(["-At", "-c", sql])
            .stdin(Stdio::null())
            .stdout(file.try_clone().ok()?)
            .stderr(file)
            .spawn()
            .ok()?;
        let done = wait_timeout(&mut child, limit).is_some();
        if !done {
            let _ = child.kill();
            let _ = child.wait();
        }
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        let _ = std::fs::remove_file(&out);
        done.then_some(text)
    }

    fn serves(&self, within: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < within {
            if self.run("select 1", Duration::from_secs(10)).is_some_and(|o| o.trim() == "1") {
                return true;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    }

    /// The pid of the backend of the session named `app`, waiting for it
    /// to show in pg_stat_activity.
    fn backend_pid(&self, app: &str) -> Option<u32> {
        let sql = format!("select pid from pg_stat_activity where application_name = '{app}'");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Some(pid) = self.run(&sql, Duration::from_secs(10)).and_then(|o| o.trim().parse().ok()) {
                return Some(pid);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    /// A session that runs `sql` and stays busy: the victim of a kill.
    fn busy_session(&self, app: &str, sql: &str) -> Result<Child> {
        Ok(self
            .psql_cmd()
            .args(["-c", sql])
            .env("PGAPPNAME", app)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?)
    }

    fn session(&self, app: &str) -> Result<Session> {
        let out = self.dir.join(format!("session-{app}.out"));
        let file = File::create(&out)?;
        let mut child = self
            .psql_cmd()
            .env("PGAPPNAME", app)
            .stdin(Stdio::piped())
            .stdout(file.try_clone()?)
            .stderr(file)
            .spawn()?;
        let stdin = child.stdin.take().expect("stdin was piped");
        Ok(Session { child, stdin: Some(stdin), out, dir: self.dir.clone(), marks: 0 })
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A psql session fed through its stdin; `sync` waits until psql has
/// finished everything sent so far (it runs a `\!` that creates a file).
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    out: PathBuf,
    dir: PathBuf,
    marks: u32,
}

impl Session {
    fn send(&mut self, text: &str) {
        if let Some(stdin) = self.stdin.as_mut() {
            if stdin.write_all(text.as_bytes()).and_then(|()| stdin.write_all(b"\n")).is_err() {
                self.stdin = None;
            }
        }
    }

    /// True when psql got through everything sent within `limit`; false
    /// when it exited (a lost connection ends a non-interactive psql) or
    /// did not get there in time.
    fn sync(&mut self, limit: Duration) -> bool {
        self.marks += 1;
        let mark = self.dir.join(format!("mark-{}-{}", self.child.id(), self.marks));
        self.send(&format!("\\! touch {}", mark.display()));
        let start = Instant::now();
        while start.elapsed() < limit {
            if mark.exists() {
                return true;
            }
            if let Ok(Some(_)) = self.child.try_wait() {
                return mark.exists();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// True while psql runs (it exits when it loses its connection).
    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn output(&self) -> String {
        std::fs::read(&self.out).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    /// Ends the session (closing its stdin) and returns everything it wrote.
    fn finish(mut self) -> String {
        self.stdin = None;
        if wait_timeout(&mut self.child, Duration::from_secs(10)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.output()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stdin = None;
        if wait_timeout(&mut self.child, Duration::from_secs(5)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The first `ERROR:`/`FATAL:` of psql's verbose output as "ERROR 22012 division by zero".
fn first_error(output: &str) -> Option<String> {
    output.lines().find_map(|line| {
        let (level, rest) = ["ERROR:  ", "FATAL:  ", "PANIC:  "]
            .iter()
            .find_map(|l| line.find(l).map(|i| (l, &line[i + l.len()..])))?;
        let level = level.trim_end().trim_end_matches(':');
        Some(format!("{level} {}", rest.replacen(": ", " ", 1)))
    })
}

fn lost(output: &str) -> bool {
    output.contains("server closed the connection") || output.contains("connection to server was lost")
}

/// How a statement ended, for a summary line.
fn outcome(output: &str, timed_out: bool, limit: Duration) -> String {
    if timed_out {
        return format!("no answer within {} s", limit.as_secs());
    }
    if let Some(err) = first_error(output) {
        return err;
    }
    if lost(output) {
        return "connection lost without an error".into();
    }
    match output.lines().find(|l| !l.trim().is_empty() && !l.starts_with('\\')) {
        Some(_) => "result".into(),
        None => "no output".into(),
    }
}

/// Runs the check `name` against each flavour in `flavors`, printing one
/// summary line for each.
pub fn run(name: &str, bins: &Binaries, port: u16, flavors: &[Flavor]) -> Result<()> {
    for (i, &flavor) in flavors.iter().enumerate() {
        // Other sessions on the machine may hold a port for a moment: take
        // the first of ten that is free now.
        let first = port + 1 + 10 * i as u16;
        let port =
            (first..first + 10).find(|&p| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok()).unwrap_or(first);
        eprintln!("+ {name} [{}] on port {port}", flavor.label());
        let line = match name {
            "crash20" => crash20(flavor, bins, port),
            "oomlimit" => oomlimit(flavor, bins, port),
            "memback" => memback(flavor, bins, port),
            "idle" => idle(flavor, bins, port),
            "logs" => logs(flavor, bins, port),
            other => bail!("unknown heavy check {other}"),
        };
        match line {
            Ok(line) => println!("{name} [{}]: {line}", flavor.label()),
            Err(e) => println!("{name} [{}]: could not run: {e:#}", flavor.label()),
        }
    }
    Ok(())
}

/// The names of the checks this module runs.
pub const CHECKS: &[&str] = &["crash20", "oomlimit", "memback", "idle", "logs"];

fn pgbench_storm(inst: &Instance, script: &Path, out: &Path) -> Result<Child> {
    let file = File::options().create(true).append(true).open(out)?;
    Ok(Command::new("pgbench")
        .args(["-n", "-C", "-c", "4", "-j", "2", "-T", "60", "-f"])
        .arg(script)
        .args(["-h", "127.0.0.1", "-p", &inst.port.to_string(), "-U", "postgres", "postgres"])
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file)
        .spawn()?)
}

fn crash20(flavor: Flavor, bins: &Binaries, port: u16) -> Result<String> {
    const ROUNDS: u32 = 20;
    let mut inst = Instance::start(flavor, bins, port, "crash20", &[], None)?;
    let script = inst.dir.join("select1.sql");
    std::fs::write(&script, "select 1;\n")?;
    let storm_out = inst.dir.join("pgbench.out");
    let mut storm = pgbench_storm(&inst, &script, &storm_out)?;
    let mut storms = 1;
    let (mut survived, mut no_victim, mut not_serving) = (0, 0, 0);
    let start = Instant::now();
    for round in 1..=ROUNDS {
        if !inst.postmaster_alive() {
            break;
        }
        // pgbench ends when a crash-restart aborts its clients: start another.
        if let Ok(Some(_)) = storm.try_wait() {
            storm = pgbench_storm(&inst, &script, &storm_out)?;
            storms += 1;
        }
        std::thread::sleep(Duration::from_millis(300));
        let app = format!("qa_victim_{round}");
        let mut victim = inst.busy_session(&app, "select pg_sleep(60)")?;
        match inst.backend_pid(&app) {
            Some(pid) => signal(pid, "KILL"),
            None => no_victim += 1,
        }
        let _ = wait_timeout(&mut victim, Duration::from_secs(70));
        let _ = victim.kill();
        let _ = victim.wait();
        let serving = inst.serves(Duration::from_secs(60));
        if !serving {
            not_serving += 1;
        }
        if serving && inst.postmaster_alive() {
            survived += 1;
        }
    }
    signal(storm.id(), "INT");
    if wait_timeout(&mut storm, Duration::from_secs(10)).is_none() {
        let _ = storm.kill();
        let _ = storm.wait();
    }
    let kill_secs = start.elapsed().as_secs();
    let storm_text = std::fs::read_to_string(&storm_out).unwrap_or_default();
    let transactions: u64 = storm_text
        .lines()
        .filter_map(|l| l.strip_prefix("number of transactions actually processed: "))
        .filter_map(|n| n.split(|c: char| !c.is_ascii_digit()).next()?.parse::<u64>().ok())
        .sum();
    let alive = inst.postmaster_alive();
    let serves_after = alive && inst.serves(Duration::from_secs(30));

    // SIGUSR2 to an idle backend: PostgreSQL ignores it.
    let usr2 = if serves_after {
        let log_before = inst.log().len();
        let mut session = inst.session("qa_usr2")?;
        session.send("select 1;");
        session.sync(Duration::from_secs(10));
        match inst.backend_pid("qa_usr2") {
            Some(pid) => {
                signal(pid, "USR2");
                std::thread::sleep(Duration::from_secs(1));
                session.send("select 'usr2-' || 'ok';");
                let answered = session.sync(Duration::from_secs(10));
                let backend_alive = pid_alive(pid);
                let out = session.finish();
                let new_log = inst.log().get(log_before..).unwrap_or_default().to_string();
                let restarted = new_log.contains("terminated by signal") || new_log.contains("terminating any other");
                if answered && out.contains("usr2-ok") && backend_alive && !restarted && inst.postmaster_alive() {
                    "backend unchanged".to_string()
                } else {
                    format!(
                        "CHANGED (session answered: {}, backend alive: {backend_alive}, crash-restart logged: \
                         {restarted})",
                        answered && out.contains("usr2-ok")
                    )
                }
            }
            None => "no backend found".into(),
        }
    } else {
        "not tried".into()
    };
    Ok(format!(
        "{ROUNDS} kill -9 rounds in {kill_secs} s during a pgbench -C storm ({transactions} transactions in {storms} \
         pgbench runs): {survived} survived, {not_serving} not serving within 60 s, {no_victim} without a victim; \
         postmaster {}, serving afterwards: {}; SIGUSR2: {usr2}",
        if alive { "alive" } else { "GONE" },
        if serves_after { "yes" } else { "NO" },
    ))
}

fn oomlimit(flavor: Flavor, bins: &Binaries, port: u16) -> Result<String> {
    const LIMIT: u64 = 3_000_000_000;
    const QUERY_LIMIT: Duration = Duration::from_secs(300);
    let mut inst = Instance::start(flavor, bins, port, "oomlimit", &[], Some(LIMIT))?;
    let mut holder = inst.session("qa_holder")?;
    holder.send("begin; select 'holder-' || 'open';");
    holder.sync(Duration::from_secs(10));
    let mut parts = Vec::new();
    for (label, sql) in [
        ("count(*) over 100M rows", "select count(*) from generate_series(1, 100000000);"),
        ("string_agg of 3 GB", "select length(string_agg(repeat('x', 1000), ',')) from generate_series(1, 3000000);"),
    ] {
        let app = format!("qa_oom_{}", unique());
        let mut session = inst.session(&app)?;
        session.send("select 1;");
        session.sync(Duration::from_secs(10));
        let pid = inst.backend_pid(&app);
        session.send(sql);
        let start = Instant::now();
        let timed_out = !session.sync(QUERY_LIMIT) && session.running();
        let secs = start.elapsed().as_secs_f64();
        let hwm = pid.and_then(|p| proc_kb(p, "VmHWM"));
        let out = session.finish();
        parts.push(format!(
            "{label}: {} after {secs:.1} s (VmHWM {})",
            outcome(&out, timed_out, QUERY_LIMIT),
            mib(hwm)
        ));
    }
    holder.send("select 'holder-' || 'alive'; commit;");
    let answered = holder.sync(Duration::from_secs(10));
    let out = holder.finish();
    let survived = answered && out.contains("holder-alive") && !lost(&out);
    let alive = inst.postmaster_alive();
    Ok(format!(
        "under prlimit --as={LIMIT}: {}; session in a transaction {}; postmaster {}",
        parts.join("; "),
        if survived { "survived" } else { "LOST" },
        if alive { "alive" } else { "GONE" },
    ))
}

fn memback(flavor: Flavor, bins: &Binaries, port: u16) -> Result<String> {
    let inst = Instance::start(flavor, bins, port, "memback", &[], None)?;
    let mut session = inst.session("qa_memback")?;
    session.send("select 1;");
    session.sync(Duration::from_secs(10));
    let Some(pid) = inst.backend_pid("qa_memback") else { bail!("the session's backend did not show") };
    std::thread::sleep(Duration::from_millis(500));
    let before = proc_kb(pid, "VmRSS");
    // A 200 MB query string: a comment, so the statement itself is trivial.
    let mut query = String::with_capacity(200 * 1024 * 1024 + 32);
    query.push_str("select 'big-' || 'done' /* ");
    query.extend(std::iter::repeat_n('x', 200 * 1024 * 1024));
    query.push_str(" */;");
    session.send(&query);
    drop(query);
    let finished = session.sync(Duration::from_secs(300));
    std::thread::sleep(Duration::from_secs(1));
    let after = proc_kb(pid, "VmRSS");
    let hwm = proc_kb(pid, "VmHWM");
    let out = session.finish();
    let answered = finished && out.contains("big-done");
    let verdict = match (before, after) {
        (Some(b), Some(a)) if b > 0 => {
            let ratio = a as f64 / b as f64;
            format!("ratio {ratio:.2}: {}", if ratio < 2.0 { "pass (< 2)" } else { "FAIL (must be < 2)" })
        }
        _ => "ratio unknown (the backend is gone)".into(),
    };
    Ok(format!(
        "idle backend RSS {} before, {} after a 200 MB query string (answered: {}; VmHWM {}); {verdict}",
        mib(before),
        mib(after),
        if answered { "yes" } else { "NO" },
        mib(hwm),
    ))
}

fn idle(flavor: Flavor, bins: &Binaries, port: u16) -> Result<String> {
    let inst = Instance::start(flavor, bins, port, "idle", &[], None)?;
    let mut parts = Vec::new();
    for (setting, open, expected) in [
        ("idle_in_transaction_session_timeout", "begin; select 1;", "25P03"),
        ("idle_session_timeout", "select 1;", "57P05"),
    ] {
        let mut session = inst.session(&format!("qa_{setting}"))?;
        session.send(&format!("set {setting} = '1s'; {open}"));
        session.sync(Duration::from_secs(10));
        std::thread::sleep(Duration::from_secs(3));
        session.send("select 'still-' || 'here';");
        session.sync(Duration::from_secs(10));
        let out = session.finish();
        let result = match first_error(&out) {
            Some(err) if err.contains(expected) => format!("FATAL {expected}"),
            Some(err) => format!("WRONG: {err}"),
            None if out.contains("still-here") => "FAIL: session still open after 3 s".into(),
            None if lost(&out) => "FAIL: connection closed without FATAL".into(),
            None => "FAIL: no answer".into(),
        };
        parts.push(format!("{setting}=1s: {result}"));
    }
    let mut session = inst.session("qa_keepalive")?;
    session.send("select 1;");
    session.sync(Duration::from_secs(10));
    // Let the last exchange's retransmission timer end: an idle socket
    // shows its keepalive timer.
    std::thread::sleep(Duration::from_secs(2));
    let ss = Command::new("ss")
        .args(["-tnoe", "state", "established", &format!("( sport = :{} )", inst.port)])
        .output()
        .context("running ss")?;
    let ss = String::from_utf8_lossy(&ss.stdout).into_owned();
    let timers: Vec<&str> = ss.split_whitespace().filter(|w| w.starts_with("timer:(")).collect();
    let timer = timers.iter().find(|t| t.contains("keepalive")).or(timers.first()).map(|t| t.to_string());
    drop(session);
    parts.push(match timer {
        Some(t) if t.contains("keepalive") => format!("accepted TCP socket: {t}"),
        Some(t) => format!("accepted TCP socket: no keepalive timer ({t})"),
        None => "accepted TCP socket: no keepalive timer".into(),
    });
    Ok(parts.join("; "))
}

/// The severity word of a server log line (`LOG`, `ERROR`, ...).
fn severity(line: &str) -> &'static str {
    ["PANIC:", "FATAL:", "ERROR:", "WARNING:", "NOTICE:", "LOG:", "INFO:", "DEBUG"]
        .iter()
        .filter_map(|s| line.find(s).map(|i| (i, *s)))
        .min()
        .map(|(_, s)| s.trim_end_matches(':'))
        .unwrap_or("?")
}

fn logs(flavor: Flavor, bins: &Binaries, port: u16) -> Result<String> {
    let mut inst = Instance::start(flavor, bins, port, "logs", &[], None)?;
    inst.run("select 1/0", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(500));
    let log = inst.log();
    let lines: Vec<&str> = log.lines().collect();
    let error_at = lines.iter().position(|l| l.contains("ERROR:") && l.contains("division by zero"));
    let statement = error_at
        .and_then(|i| lines[i + 1..].iter().take(3).find(|l| l.contains("STATEMENT:")))
        .is_some_and(|l| l.contains("select 1/0"));
    let log_before = log.len();

    let mut victim = inst.busy_session("qa_log_victim", "select pg_sleep(60)")?;
    let Some(pid) = inst.backend_pid("qa_log_victim") else { bail!("the victim's backend did not show") };
    signal(pid, "KILL");
    let _ = wait_timeout(&mut victim, Duration::from_secs(70));
    let _ = victim.kill();
    let _ = victim.wait();
    let serving = inst.serves(Duration::from_secs(60));
    std::thread::sleep(Duration::from_millis(500));
    let log = inst.log();
    let new_log = log.get(log_before..).unwrap_or_default();
    let crash_line = new_log.lines().find(|l| l.contains(&format!("PID {pid})")) && l.contains("signal 9"));
    let failed_process = new_log.lines().any(|l| l.contains("Failed process was running") && l.contains("pg_sleep"));
    Ok(format!(
        "select 1/0: ERROR line {}, STATEMENT line {}; kill -9 of a backend: {}, 'Failed process was running' {}; \
         postmaster {}, serving afterwards: {}",
        if error_at.is_some() { "yes" } else { "NO" },
        if statement { "yes" } else { "NO" },
        match crash_line {
            Some(l) => format!("logged at {}", severity(l)),
            None => "NOT logged".into(),
        },
        if failed_process { "yes" } else { "NO" },
        if inst.postmaster_alive() { "alive" } else { "GONE" },
        if serving { "yes" } else { "NO" },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_reads_psql_verbose_output() {
        let out = "ERROR:  22012: division by zero\nLOCATION:  int4div, int.c:846\n";
        assert_eq!(first_error(out).as_deref(), Some("ERROR 22012 division by zero"));
        let out = "psql:<stdin>:2: FATAL:  25P03: terminating connection due to idle-in-transaction timeout\n";
        assert_eq!(
            first_error(out).as_deref(),
            Some("FATAL 25P03 terminating connection due to idle-in-transaction timeout")
        );
        assert_eq!(first_error("1\n"), None);
    }

    #[test]
    fn severity_is_the_first_level_on_the_line() {
        assert_eq!(severity("2026-12-05 08:33:10.629 UTC [1] LOG:  server process (PID 2) ... ERROR: x"), "LOG");
        assert_eq!(severity("2026-12-05 08:33:10.629 UTC [1] ERROR:  server process"), "ERROR");
    }
}
