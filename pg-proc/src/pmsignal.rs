//! Signals from the postmaster that need a word of explanation
//! (PostgreSQL's `storage/ipc/pmsignal.c`, the part the postmaster writes).
//!
//! Before the postmaster sends SIGQUIT to its children it records why:
//! a crash-restart or an immediate shutdown. A backend's quickdie handler
//! reads the reason to choose the WARNING it sends its client (57P02
//! "crash of another server process", or 57P01 "immediate shutdown").
//!
//! The reason lives in one page of shared anonymous memory that the
//! postmaster maps at start, before it forks anything, and keeps across
//! crash-restarts (the main segment is re-created then; this page is not).
//! The postmaster writes one atomic byte there and reads nothing, so the
//! rule that it never depends on shared state a backend may have damaged
//! holds; a child only reads it, from a signal handler (an atomic load is
//! async-signal-safe).

use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering};

/// Why the postmaster sent SIGQUIT (PostgreSQL's QuitSignalReason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum QuitReason {
    /// No SIGQUIT was sent by the postmaster: it came from elsewhere.
    NotSent = 0,
    /// Another process crashed; every session is being ended.
    Crash = 1,
    /// Immediate shutdown (pg_ctl stop -m immediate).
    Stop = 2,
}

/// The page's address, null until [`init_pmsignal`] ran in the postmaster.
static PAGE: AtomicPtr<AtomicU8> = AtomicPtr::new(std::ptr::null_mut());

/// Maps the page. Called once by the postmaster before its first fork; a
/// second call keeps the first page.
pub fn init_pmsignal() -> std::io::Result<()> {
    if !PAGE.load(Ordering::SeqCst).is_null() {
        return Ok(());
    }
    // SAFETY: an anonymous shared mapping of one page; the kernel zeroes
    // it, and zero is QuitReason::NotSent.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            4096,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_SHARED | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(std::io::Error::last_os_error());
    }
    PAGE.store(p as *mut AtomicU8, Ordering::SeqCst);
    Ok(())
}

fn cell() -> Option<&'static AtomicU8> {
    let p = PAGE.load(Ordering::SeqCst);
    // SAFETY: a non-null PAGE points at a mapping that is never unmapped,
    // and a zeroed byte is a valid AtomicU8.
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Records why SIGQUIT is about to be sent (SetQuitSignalReason); the
/// postmaster resets it to `NotSent` once the crash-restart is over.
pub fn set_quit_reason(reason: QuitReason) {
    if let Some(c) = cell() {
        c.store(reason as u8, Ordering::SeqCst);
    }
}

/// The reason recorded by the postmaster (GetQuitSignalReason);
/// async-signal-safe.
pub fn quit_reason() -> QuitReason {
    match cell().map(|c| c.load(Ordering::SeqCst)) {
        Some(1) => QuitReason::Crash,
        Some(2) => QuitReason::Stop,
        _ => QuitReason::NotSent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_round_trip() {
        assert_eq!(quit_reason(), QuitReason::NotSent);
        init_pmsignal().unwrap();
        set_quit_reason(QuitReason::Crash);
        assert_eq!(quit_reason(), QuitReason::Crash);
        set_quit_reason(QuitReason::Stop);
        assert_eq!(quit_reason(), QuitReason::Stop);
        set_quit_reason(QuitReason::NotSent);
        assert_eq!(quit_reason(), QuitReason::NotSent);
    }
}
