//! Overflow-checked size arithmetic for shared memory sizing (PostgreSQL's `add_size`/`mul_size`).
//!
//! The postmaster adds up every subsystem's request before it creates the
//! segment; an overflow there must be a clear start-up error, never a wrapped
//! small number that later turns into memory corruption.

use pg_error::{PgError, PgResult, SqlState};

/// PostgreSQL's `PG_CACHE_LINE_SIZE`: every allocation starts and ends on such a boundary.
pub const CACHELINE_SIZE: usize = 128;

/// PostgreSQL's `MAXIMUM_ALIGNOF` on 64-bit platforms.
pub const MAXIMUM_ALIGNOF: usize = 8;

fn overflow() -> PgError {
    PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "requested shared memory size overflows size_t")
}

/// `add_size` -- `s1 + s2`, or an error if the sum overflows.
pub fn add_size(s1: usize, s2: usize) -> PgResult<usize> {
    s1.checked_add(s2).ok_or_else(overflow)
}

/// `mul_size` -- `s1 * s2`, or an error if the product overflows.
pub fn mul_size(s1: usize, s2: usize) -> PgResult<usize> {
    s1.checked_mul(s2).ok_or_else(overflow)
}

/// Rounds `len` up to a multiple of `align` (a power of two), or errors on overflow.
pub fn type_align(align: usize, len: usize) -> PgResult<usize> {
    debug_assert!(align.is_power_of_two());
    Ok(add_size(len, align - 1)? & !(align - 1))
}

/// `CACHELINEALIGN` -- rounds `len` up to a multiple of [`CACHELINE_SIZE`].
pub fn cacheline_align(len: usize) -> PgResult<usize> {
    type_align(CACHELINE_SIZE, len)
}

/// `MAXALIGN` -- rounds `len` up to a multiple of [`MAXIMUM_ALIGNOF`].
pub fn maxalign(len: usize) -> PgResult<usize> {
    type_align(MAXIMUM_ALIGNOF, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(got: PgResult<usize>, expect: Option<usize>) {
        match (got, expect) {
            (Ok(v), Some(e)) => assert_eq!(v, e),
            (Err(err), None) => {
                assert_eq!(err.code, SqlState::PROGRAM_LIMIT_EXCEEDED);
                assert_eq!(err.message, "requested shared memory size overflows size_t");
            }
            (got, expect) => panic!("got {got:?}, expected {expect:?}"),
        }
    }

    #[test]
    fn checked_arithmetic() {
        check(add_size(1, 2), Some(3));
        check(add_size(usize::MAX, 0), Some(usize::MAX));
        check(add_size(usize::MAX, 1), None);
        check(add_size(usize::MAX - 5, 10), None);
        check(mul_size(0, usize::MAX), Some(0));
        check(mul_size(1 << 20, 1 << 20), Some(1 << 40));
        check(mul_size(usize::MAX / 2 + 1, 2), None);
        check(mul_size(3, usize::MAX / 2), None);
    }

    #[test]
    fn alignment() {
        check(cacheline_align(0), Some(0));
        check(cacheline_align(1), Some(128));
        check(cacheline_align(128), Some(128));
        check(cacheline_align(129), Some(256));
        check(cacheline_align(296), Some(384)); // PostgreSQL's "Control File" row: size 296, allocated 384.
        check(cacheline_align(usize::MAX), None);
        check(maxalign(0), Some(0));
        check(maxalign(1), Some(8));
        check(maxalign(8), Some(8));
        check(maxalign(9), Some(16));
        check(maxalign(usize::MAX - 3), None);
        check(type_align(64, 65), Some(128));
    }
}
