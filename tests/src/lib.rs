//! End-to-end test harness: builds `pg-server` once, starts it on a
//! temporary data directory with a free port and a private socket
//! directory, and hands out real clients (the `postgres` crate, `psql`).
//!
//! Every test gets its own server, so tests run in parallel. Servers are
//! stopped (SIGTERM, then SIGKILL) and their directories removed on drop.
//! Waits use generous bounds (ISSUE-NOTES: ten times the figure the issue
//! names) and fail only past them; timing is never asserted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Builds the server binary with the same profile as this test binary and
/// returns its path. A stale binary is never used: cargo rebuilds it if
/// any source changed.
pub fn server_binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test binary path");
        // target/<profile>/deps/<test> -> target/<profile>
        let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile> directory").to_path_buf();
        let release = profile_dir.file_name().map(|n| n == "release").unwrap_or(false);
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--quiet", "-p", "pg-server", "--bin", "pg-server"]);
        if release {
            cmd.arg("--release");
        }
        let target_dir = profile_dir.parent().expect("target directory");
        cmd.env("CARGO_TARGET_DIR", target_dir);
        let status = cmd.status().expect("running cargo build for pg-server");
        assert!(status.success(), "cargo build -p pg-server failed");
        let bin = profile_dir.join("pg-server");
        assert!(bin.exists(), "{} was not built", bin.display());
        bin
    })
}

/// A free TCP port on 127.0.0.1 (bound, then released).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    l.local_addr().expect("local addr").port()
}

/// A unique temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("ferrogres-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// A running server.
pub struct TestServer {
    /// The postmaster process.
    pub child: Option<Child>,
    /// Its TCP port.
    pub port: u16,
    /// The data directory.
    pub data_dir: PathBuf,
    /// The Unix socket directory.
    pub socket_dir: PathBuf,
    /// The server log file.
    pub log_path: PathBuf,
    /// RLIMIT_AS for the postmaster (and so every backend), in bytes:
    /// `prlimit --as=…` on the server only, never on the test process.
    pub address_space_limit: Option<u64>,
    root: PathBuf,
    keep: bool,
}

impl TestServer {
    /// Starts a server on a fresh data directory with extra `-c` settings.
    pub fn start_with(tag: &str, settings: &[(&str, &str)]) -> TestServer {
        let mut s = TestServer::prepare(tag);
        s.spawn(settings);
        s
    }

    /// A server's directories and port, not started yet.
    fn prepare(tag: &str) -> TestServer {
        let root = temp_dir(tag);
        let s = TestServer {
            child: None,
            port: free_port(),
            data_dir: root.join("data"),
            socket_dir: root.join("sock"),
            log_path: root.join("server.log"),
            address_space_limit: None,
            root,
            keep: false,
        };
        std::fs::create_dir_all(&s.socket_dir).expect("socket dir");
        s
    }

    /// Starts a server whose address space is limited to `bytes` (as
    /// `prlimit --as=bytes` would), with extra `-c` settings.
    pub fn start_with_address_space_limit(tag: &str, settings: &[(&str, &str)], bytes: u64) -> TestServer {
        let mut s = TestServer::prepare(tag);
        s.address_space_limit = Some(bytes);
        s.spawn(settings);
        s
    }

    /// Starts a server with default settings.
    pub fn start(tag: &str) -> TestServer {
        TestServer::start_with(tag, &[])
    }

    /// The command line that starts this server.
    pub fn command(&self, settings: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(server_binary());
        cmd.arg("-D").arg(&self.data_dir).arg("-p").arg(self.port.to_string()).arg("-k").arg(&self.socket_dir);
        cmd.args(["-c", "listen_addresses=127.0.0.1"]);
        for (k, v) in settings {
            cmd.arg("-c").arg(format!("{k}={v}"));
        }
        cmd
    }

    /// (Re)starts the postmaster process and waits until it accepts connections.
    pub fn spawn(&mut self, settings: &[(&str, &str)]) {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log_path).expect("log file");
        let mut cmd = self.command(settings);
        if let Some(limit) = self.address_space_limit {
            use std::os::unix::process::CommandExt;
            // SAFETY: runs in the forked child before exec; setrlimit is
            // async-signal-safe and touches no state of the parent.
            unsafe {
                cmd.pre_exec(move || {
                    let rlim = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
                    if libc::setrlimit(libc::RLIMIT_AS, &rlim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                })
            };
        }
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log clone"))
            .stderr(log)
            .spawn()
            .expect("spawn pg-server");
        self.child = Some(child);
        self.wait_ready(Duration::from_secs(60));
    }

    /// Waits until `SELECT 1` works over TCP.
    pub fn wait_ready(&mut self, bound: Duration) {
        let start = Instant::now();
        loop {
            if let Ok(mut c) = self.try_connect("postgres") {
                if c.simple_query("select 1").is_ok() {
                    return;
                }
            }
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("server exited during start-up ({status}); log:\n{}", self.log());
                }
            }
            assert!(start.elapsed() < bound, "server not ready within {bound:?}; log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The postmaster's pid.
    pub fn pid(&self) -> i32 {
        self.child.as_ref().map(|c| c.id() as i32).expect("server running")
    }

    /// The server log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// Connection string for user `user` over TCP.
    pub fn conn_str(&self, user: &str) -> String {
        format!("host=127.0.0.1 port={} user={user} dbname=postgres connect_timeout=30", self.port)
    }

    /// Connects with the `postgres` crate.
    pub fn try_connect(&self, user: &str) -> Result<postgres::Client, postgres::Error> {
        postgres::Client::connect(&self.conn_str(user), postgres::NoTls)
    }

    /// Connects as `postgres`, panicking on failure.
    pub fn connect(&self) -> postgres::Client {
        self.try_connect("postgres").unwrap_or_else(|e| panic!("connect: {e}; log:\n{}", self.log()))
    }

    /// Connects, retrying while the server is full (a backend whose client
    /// just left may not have released its slot yet) or not yet accepting
    /// connections (57P03 while recovery runs after a crash), as in
    /// PostgreSQL.
    pub fn connect_when_slot_free(&self) -> postgres::Client {
        let start = Instant::now();
        loop {
            match self.try_connect("postgres") {
                Ok(c) => return c,
                Err(e)
                    if matches!(sqlstate(&e).as_str(), "53300" | "57P03")
                        && start.elapsed() < Duration::from_secs(30) =>
                {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Err(e) => panic!("connect: {e}; log:\n{}", self.log()),
            }
        }
    }

    /// Runs psql with the given arguments against this server over TCP.
    pub fn psql(&self, args: &[&str]) -> std::process::Output {
        self.psql_host("127.0.0.1", args)
    }

    /// Runs psql against `host` (an address or the socket directory).
    pub fn psql_host(&self, host: &str, args: &[&str]) -> std::process::Output {
        Command::new("psql")
            .args(["-X", "-h", host, "-p", &self.port.to_string(), "-U", "postgres", "-d", "postgres"])
            .args(args)
            .env("PGCONNECT_TIMEOUT", "30")
            .env_remove("PGPASSWORD")
            .output()
            .expect("run psql")
    }

    /// Pids of the postmaster's children (from /proc), its auxiliary
    /// processes excepted: the backends and dead-end children.
    pub fn children(&self) -> Vec<i32> {
        children_of(self.pid()).into_iter().filter(|p| !is_auxiliary_process(*p)).collect()
    }

    /// The postmaster's auxiliary processes (checkpointer, background
    /// writer, WAL writer, startup), by their process titles.
    pub fn auxiliary_children(&self) -> Vec<i32> {
        children_of(self.pid()).into_iter().filter(|p| is_auxiliary_process(*p)).collect()
    }

    /// Sends a signal to the postmaster.
    pub fn signal(&self, sig: i32) {
        // SAFETY: signalling a child process this harness started.
        unsafe { libc::kill(self.pid(), sig) };
    }

    /// Stops the server with SIGINT (fast shutdown) and waits for it.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            if start.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                return child.wait().ok();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Keeps the directory after the test (for debugging a failure).
    pub fn keep(&mut self) {
        self.keep = true;
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let children = self.child.as_ref().map(|c| children_of(c.id() as i32)).unwrap_or_default();
        self.stop();
        for pid in children {
            // SAFETY: these are processes our postmaster forked; a stray one
            // after shutdown must not outlive the test.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        if !self.keep && !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

/// Child pids of `pid`, from /proc.
/// Whether `pid`'s process title is an auxiliary process's
/// (`postgres: checkpointer`, ...).
pub fn is_auxiliary_process(pid: i32) -> bool {
    let title = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let title = String::from_utf8_lossy(&title);
    ["postgres: checkpointer", "postgres: background writer", "postgres: walwriter", "postgres: startup"]
        .iter()
        .any(|t| title.starts_with(t))
}

pub fn children_of(pid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return out };
    for e in entries.flatten() {
        let Some(p) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) {
            // Field 4 (after the parenthesised command) is the parent pid.
            if let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) {
                let fields: Vec<&str> = rest.split_whitespace().collect();
                if fields.get(1).and_then(|f| f.parse::<i32>().ok()) == Some(pid) && fields.first() != Some(&"Z") {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// Whether a process exists (and is not a zombie).
pub fn pid_alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat.rfind(')').map(|i| stat[i + 2..].starts_with('Z')).unwrap_or(false),
        Err(_) => false,
    }
}

/// The command line of a process as `ps` shows it.
pub fn cmdline(pid: i32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| String::from_utf8_lossy(&b).replace('\0', " ").trim().to_string())
        .unwrap_or_default()
}

/// Waits until `cond` holds, up to `bound`; returns whether it did.
pub fn wait_for(bound: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < bound {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    cond()
}

/// A raw protocol connection for malformed-input tests.
pub struct RawConn(pub TcpStream);

impl RawConn {
    /// Connects to the server's TCP port.
    pub fn connect(port: u16) -> RawConn {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("tcp connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        RawConn(s)
    }
    /// Sends bytes (ignores a reset: the server may have closed already).
    pub fn send(&mut self, b: &[u8]) {
        let _ = self.0.write_all(b);
    }
    /// Reads until EOF or timeout; returns what arrived and whether EOF was seen.
    pub fn read_to_end(&mut self) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match self.0.read(&mut buf) {
                Ok(0) => return (out, true),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(_) => return (out, false),
            }
        }
    }
}

/// A protocol-3.0 startup packet.
pub fn startup_packet(user: &str, database: &str) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&196608u32.to_be_bytes());
    for (k, v) in [("user", user), ("database", database)] {
        body.extend_from_slice(k.as_bytes());
        body.push(0);
        body.extend_from_slice(v.as_bytes());
        body.push(0);
    }
    body.push(0);
    let mut out = ((body.len() + 4) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(&body);
    out
}

/// The fields of the first ErrorResponse in `bytes`: (severity, code, message).
pub fn first_error(bytes: &[u8]) -> Option<(String, String, String)> {
    let mut i = 0;
    while i + 5 <= bytes.len() {
        let t = bytes[i];
        let len = u32::from_be_bytes([bytes[i + 1], bytes[i + 2], bytes[i + 3], bytes[i + 4]]) as usize;
        let end = (i + 1 + len).min(bytes.len());
        if t == b'E' {
            let (mut sev, mut code, mut msg) = (String::new(), String::new(), String::new());
            for field in bytes[i + 5..end].split(|&b| b == 0) {
                if field.is_empty() {
                    continue;
                }
                let v = String::from_utf8_lossy(&field[1..]).into_owned();
                match field[0] {
                    b'S' => sev = v,
                    b'C' => code = v,
                    b'M' => msg = v,
                    _ => {}
                }
            }
            return Some((sev, code, msg));
        }
        i += 1 + len;
    }
    None
}

/// Runs `sql` with the simple protocol; returns the rows as text.
pub fn query(client: &mut postgres::Client, sql: &str) -> Result<Vec<Vec<Option<String>>>, postgres::Error> {
    let mut rows = Vec::new();
    for m in client.simple_query(sql)? {
        if let postgres::SimpleQueryMessage::Row(r) = m {
            rows.push((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect());
        }
    }
    Ok(rows)
}

/// The single value of a one-row, one-column query.
pub fn scalar(client: &mut postgres::Client, sql: &str) -> Option<String> {
    let rows = query(client, sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    assert_eq!(rows.len(), 1, "{sql}: expected one row, got {rows:?}");
    rows[0][0].clone()
}

/// The SQLSTATE of an error returned by the `postgres` crate.
pub fn sqlstate(e: &postgres::Error) -> String {
    e.code().map(|c| c.code().to_string()).unwrap_or_else(|| format!("(no SQLSTATE: {e})"))
}

/// The primary message of a server error (or the client's own text).
pub fn message(e: &postgres::Error) -> String {
    e.as_db_error().map(|d| d.message().to_string()).unwrap_or_else(|| e.to_string())
}

/// Frontend messages as bytes, for raw protocol tests: well-formed ones
/// from their fields, malformed ones from `msg` with any body.
pub mod fe {
    /// A message with type byte `t` and exactly `body` (the length word is
    /// computed, so only the body can be malformed).
    pub fn msg(t: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![t];
        out.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
        out.extend_from_slice(body);
        out
    }

    fn cstr(s: &str) -> Vec<u8> {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        b
    }

    /// Query.
    pub fn query(sql: &str) -> Vec<u8> {
        msg(b'Q', &cstr(sql))
    }

    /// Parse with no parameter types.
    pub fn parse(name: &str, sql: &str) -> Vec<u8> {
        let mut b = cstr(name);
        b.extend(cstr(sql));
        b.extend_from_slice(&[0, 0]);
        msg(b'P', &b)
    }

    /// Bind with text parameters (`None` = NULL) and no result formats.
    pub fn bind(portal: &str, stmt: &str, params: &[Option<&[u8]>]) -> Vec<u8> {
        let mut b = cstr(portal);
        b.extend(cstr(stmt));
        b.extend_from_slice(&[0, 0]);
        b.extend_from_slice(&(params.len() as u16).to_be_bytes());
        for p in params {
            match p {
                None => b.extend_from_slice(&(-1i32).to_be_bytes()),
                Some(v) => {
                    b.extend_from_slice(&(v.len() as u32).to_be_bytes());
                    b.extend_from_slice(v);
                }
            }
        }
        b.extend_from_slice(&[0, 0]);
        msg(b'B', &b)
    }

    /// Describe ('S' statement or 'P' portal; any byte for malformed ones).
    pub fn describe(kind: u8, name: &str) -> Vec<u8> {
        let mut b = vec![kind];
        b.extend(cstr(name));
        msg(b'D', &b)
    }

    /// Close, as Describe.
    pub fn close(kind: u8, name: &str) -> Vec<u8> {
        let mut b = vec![kind];
        b.extend(cstr(name));
        msg(b'C', &b)
    }

    /// Execute.
    pub fn execute(portal: &str, max_rows: i32) -> Vec<u8> {
        let mut b = cstr(portal);
        b.extend_from_slice(&max_rows.to_be_bytes());
        msg(b'E', &b)
    }

    /// Sync.
    pub fn sync() -> Vec<u8> {
        msg(b'S', b"")
    }

    /// Flush.
    pub fn flush() -> Vec<u8> {
        msg(b'H', b"")
    }

    /// Terminate.
    pub fn terminate() -> Vec<u8> {
        msg(b'X', b"")
    }
}

/// The port to run the raw protocol cases against: our server, or with
/// `PROTOCOL_ORACLE_PORT` set, a PostgreSQL 15 server on 127.0.0.1 with
/// trust authentication for `postgres` (that is how the expected
/// sequences below were recorded and are re-checked:
/// `PROTOCOL_ORACLE_PORT=54399 cargo test -p tests --test extended --test protocol`).
pub fn protocol_target(tag: &str) -> (Option<TestServer>, u16) {
    match std::env::var("PROTOCOL_ORACLE_PORT") {
        Ok(p) => (None, p.parse().expect("PROTOCOL_ORACLE_PORT is a port number")),
        Err(_) => {
            let s = TestServer::start(tag);
            let port = s.port;
            (Some(s), port)
        }
    }
}

/// One backend message in the compact form the protocol tests compare:
/// `E(ERROR 08P01 message)`, `Z(I)`, `C(SELECT 1)`, or the type letter
/// alone (`1` ParseComplete, `2` BindComplete, `T`, `D`, `n`, `3`, ...).
fn describe_message(t: u8, body: &[u8]) -> String {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match t {
        b'E' | b'N' => {
            let (mut sev, mut code, mut msg) = (String::new(), String::new(), String::new());
            for field in body.split(|&b| b == 0).filter(|f| !f.is_empty()) {
                match field[0] {
                    b'V' => sev = text(&field[1..]),
                    b'C' => code = text(&field[1..]),
                    b'M' => msg = text(&field[1..]),
                    _ => {}
                }
            }
            format!("{}({sev} {code} {msg})", t as char)
        }
        b'Z' => format!("Z({})", text(body)),
        b'C' => format!("C({})", text(body.strip_suffix(b"\0").unwrap_or(body))),
        _ => (t as char).to_string(),
    }
}

/// Starts a session on `port` (user and database postgres, trust), sends
/// `payload`, and reads the backend's messages (ParameterStatus left out)
/// until `count` have arrived or the server closes; returns them in the
/// form of `describe_message` and whether the connection was closed.
/// Reading by count keeps the test free of timing: the payload should end
/// with a message whose reply comes last (a Sync, a Query).
pub fn protocol_exchange(port: u16, payload: &[u8], count: usize) -> (Vec<String>, bool) {
    let mut conn = RawConn::connect(port);
    conn.send(&startup_packet("postgres", "postgres"));
    let mut buf = Vec::new();
    let mut at = 0;
    let mut started = false;
    let mut out = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // Take every complete message in the buffer.
        while buf.len() >= at + 5 {
            let t = buf[at];
            let len = u32::from_be_bytes([buf[at + 1], buf[at + 2], buf[at + 3], buf[at + 4]]) as usize;
            if buf.len() < at + 1 + len {
                break;
            }
            let body = &buf[at + 5..at + 1 + len];
            at += 1 + len;
            if !started {
                if t == b'Z' {
                    started = true;
                    conn.send(payload);
                } else if t == b'E' {
                    panic!("startup failed: {}", describe_message(t, body));
                }
                continue;
            }
            if t != b'S' {
                out.push(describe_message(t, body));
            }
        }
        if started && out.len() >= count {
            return (out, false);
        }
        match conn.0.read(&mut chunk) {
            Ok(0) => return (out, true),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return (out, true),
            Err(_) => return (out, false),
        }
    }
}

/// The backend pid of a session (`pg_backend_pid()`).
pub fn backend_pid(c: &mut postgres::Client) -> String {
    scalar(c, "select pg_backend_pid()").expect("pg_backend_pid")
}

/// Whether backend `pid` waits for a lock, as `pg_locks` shows it (one
/// ungranted entry), asked through session `c`.
pub fn waits_for_lock(c: &mut postgres::Client, pid: &str) -> bool {
    scalar(c, &format!("select count(*) from pg_locks where pid = {pid} and not granted")).as_deref() == Some("1")
}
