//! A fork()ed child inherits the postmaster's settings and its changes stay
//! its own, as PostgreSQL backends inherit the postmaster's GUC globals.
//! Runs without libtest's harness: fork() in a multi-threaded process is UB.

use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult};
use pg_guc::{get_int, set_config_option, set_from_command_line, show, GucSource};

/// Runs `child` in a forked process; true if it exited with status 0.
fn in_child(child: impl FnOnce() -> bool) -> bool {
    // SAFETY: this test binary has a single thread (no libtest harness), so the
    // child may run arbitrary code after fork().
    match unsafe { fork() }.expect("fork") {
        ForkResult::Child => std::process::exit(if child() { 0 } else { 1 }),
        ForkResult::Parent { child } => matches!(waitpid(child, None), Ok(WaitStatus::Exited(_, 0))),
    }
}

fn main() {
    let mut passed = 0;
    let mut failed = 0;
    let mut check = |what: &str, ok: bool| {
        if ok {
            passed += 1;
        } else {
            failed += 1;
            eprintln!("FAILED: {what}");
        }
    };

    // The postmaster reads its configuration before forking.
    set_from_command_line("shared_buffers", "256MB").expect("valid");
    set_from_command_line("work_mem", "8MB").expect("valid");
    check(
        "child sees the postmaster's settings",
        in_child(|| show("shared_buffers").as_deref() == Ok("256MB") && get_int("work_mem") == Ok(8192)),
    );
    check(
        "child's SET stays in the child",
        in_child(|| {
            set_config_option("work_mem", Some("64MB"), GucSource::Session, false, false).is_ok()
                && show("work_mem").as_deref() == Ok("64MB")
        }),
    );
    check("parent unchanged by the child's SET", show("work_mem").as_deref() == Ok("8MB"));
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
