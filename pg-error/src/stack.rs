//! check_stack_depth(): PostgreSQL's guard against deep recursion
//! (`tcop/postgres.c` stack_is_too_deep / check_stack_depth).
//!
//! Every recursive routine that client input can drive arbitrarily deep
//! (the parser, the analyzer, expression evaluation, plan printing) calls
//! [`check_stack_depth`] on entry. It compares the current stack address
//! with a base recorded when the backend started ([`set_stack_base`]) and
//! fails with 54001 `stack depth limit exceeded` past `max_stack_depth`,
//! so nesting a query 100,000 levels deep is an ERROR, never a SIGSEGV
//! that would take the whole server through crash-restart.
//!
//! It lives in pg-error because it is nothing but the raising of one error
//! that every layer, including the layer-1 parser, must be able to raise.

use crate::{PgError, PgResult, SqlState};
use std::cell::Cell;

thread_local! {
    /// Stack address at the base, 0 = not recorded yet.
    static STACK_BASE: Cell<usize> = const { Cell::new(0) };
    /// Allowed depth in bytes.
    static MAX_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// PostgreSQL's default `max_stack_depth` (2MB).
pub const DEFAULT_MAX_STACK_DEPTH: usize = 2 * 1024 * 1024;

/// Depth allowed on a thread whose base was never recorded (test threads
/// run on 2 MB stacks; the first check there happens below their top).
const UNRECORDED_MAX_DEPTH: usize = 512 * 1024;

#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Records the current stack address as the base (the backend calls this
/// at the top of its main function) and the allowed depth in bytes.
pub fn set_stack_base(max_depth: usize) {
    STACK_BASE.with(|b| b.set(stack_address()));
    MAX_DEPTH.with(|m| m.set(max_depth));
}

/// Changes the allowed depth (SET max_stack_depth).
pub fn set_max_stack_depth(max_depth: usize) {
    MAX_DEPTH.with(|m| m.set(max_depth));
}

/// Fails with 54001 when the stack is deeper than allowed.
#[inline(never)]
pub fn check_stack_depth() -> PgResult<()> {
    let here = stack_address();
    let base = STACK_BASE.with(|b| {
        if b.get() == 0 {
            b.set(here);
            MAX_DEPTH.with(|m| m.set(UNRECORDED_MAX_DEPTH));
        }
        b.get()
    });
    let max = MAX_DEPTH.with(|m| m.get());
    if base.abs_diff(here) > max {
        return Err(stack_depth_error());
    }
    Ok(())
}

/// The 54001 error itself, for a routine that bounds nesting another way
/// (the parser caps how deep a loop may chain operators, because every
/// later pass recurses over that chain).
pub fn stack_depth_error() -> PgError {
    let max = MAX_DEPTH.with(|m| m.get());
    let max = if max == 0 { DEFAULT_MAX_STACK_DEPTH } else { max };
    PgError::new(SqlState::STATEMENT_TOO_COMPLEX, "stack depth limit exceeded").with_hint(format!(
        "Increase the configuration parameter \"max_stack_depth\" (currently {}kB), after ensuring the platform's stack depth limit is adequate.",
        max / 1024
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recurse(n: u32) -> PgResult<u32> {
        check_stack_depth()?;
        let pad = std::hint::black_box([0u8; 256]);
        if n == 0 {
            return Ok(pad[0] as u32);
        }
        Ok(recurse(n - 1)? + 1)
    }

    #[test]
    fn deep_recursion_is_an_error_not_a_crash() {
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(|| {
                set_stack_base(1 << 20);
                assert_eq!(recurse(100).unwrap(), 100);
                let e = recurse(1_000_000).unwrap_err();
                assert_eq!(e.code, SqlState::STATEMENT_TOO_COMPLEX);
                assert_eq!(e.message, "stack depth limit exceeded");
                assert!(e.hint.as_deref().unwrap().contains("(currently 1024kB)"));
            })
            .unwrap()
            .join()
            .unwrap();
    }
}
