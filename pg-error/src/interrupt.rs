//! check_for_interrupts(): PostgreSQL's `CHECK_FOR_INTERRUPTS()` as seen
//! from the layers below the one that owns the interrupt flags.
//!
//! The flags (cancel, terminate, statement timeout) and their signal
//! handlers live in `pg-proc` (layer 3), but the parser (layer 1), the type
//! library (layer 2) and the analyzer and planner must stop promptly too:
//! a 10 MB statement spends seconds in the lexer and parser before any row
//! runs. So this crate owns a hook that the backend registers once at
//! start ([`set_interrupt_hook`], with `pg_proc`'s check) and every layer
//! calls ([`check_for_interrupts`]) at the heads of loops that client input
//! can make long. Before registration (tools, unit tests, the postmaster)
//! the check does nothing.
//!
//! The common case is cheap: one atomic load of the hook here and one
//! relaxed load of the "interrupt pending" flag inside the registered
//! check, so callers may run it every few dozen tokens or for every
//! expression node.

use crate::PgResult;
use std::sync::OnceLock;

/// The registered check: `pg_proc::interrupts::check_for_interrupts` in a backend.
static INTERRUPT_HOOK: OnceLock<fn() -> PgResult<()>> = OnceLock::new();

/// Registers the process's interrupt check (once per process; later calls
/// are ignored, as a forked child inherits its parent's registration).
pub fn set_interrupt_hook(check: fn() -> PgResult<()>) {
    let _ = INTERRUPT_HOOK.set(check);
}

/// Runs the registered interrupt check, if any: a pending cancel, statement
/// timeout or terminate request comes back as the error to raise (57014,
/// or FATAL 57P01).
#[inline]
pub fn check_for_interrupts() -> PgResult<()> {
    match INTERRUPT_HOOK.get() {
        Some(check) => check(),
        None => Ok(()),
    }
}
