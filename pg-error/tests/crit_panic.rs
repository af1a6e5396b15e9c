//! A PANIC ends the process: an ERROR raised inside a critical section,
//! and a Rust panic inside one, abort the process (SIGABRT) with the PANIC
//! report on stderr, while the same ERROR outside a section is a value.
//!
//! `harness = false`: the test re-executes its own binary with
//! `CRIT_PANIC_CHILD` set, and the child does the deed.

use pg_error::{crit, PgError, Severity, SqlState};
use std::os::unix::process::ExitStatusExt;
use std::process::Command;

/// SIGABRT's number on the platforms this server builds for.
const SIGABRT: i32 = 6;

fn child(what: &str) {
    // Outside a section an ERROR is an ordinary value.
    let e = PgError::new(SqlState::DIVISION_BY_ZERO, "division by zero");
    assert_eq!(e.severity, Severity::Error);
    let _crit = crit::start_crit_section();
    match what {
        "error" => {
            let _ = PgError::new(SqlState::DISK_FULL, "could not extend file: No space left on device");
        }
        "panic" => panic!("bug inside a critical section"),
        _ => unreachable!("unknown child mode"),
    }
    // Not reached: the process has ended.
    std::process::exit(0);
}

fn main() {
    if let Ok(what) = std::env::var("CRIT_PANIC_CHILD") {
        child(&what);
        return;
    }
    let me = std::env::current_exe().expect("test binary path");
    for (what, expect) in [
        ("error", "PANIC:  could not extend file: No space left on device"),
        ("panic", "PANIC:  Rust panic inside a critical section"),
    ] {
        // Through a shell that turns core dumps off, then becomes the child
        // (exec), so the abort leaves no core file behind.
        let out = Command::new("sh")
            .args(["-c", "ulimit -c 0; exec \"$0\""])
            .arg(&me)
            .env("CRIT_PANIC_CHILD", what)
            .output()
            .expect("run child");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), Some(SIGABRT), "{what}: {:?}, stderr: {stderr}", out.status);
        assert!(stderr.contains(expect), "{what}: stderr was {stderr}");
    }
    println!("crit_panic: 2 children ended with SIGABRT and a PANIC report");
}
