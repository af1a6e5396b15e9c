//! The limit on one value, and "out of memory" for buffers that a
//! statement grows (PostgreSQL's `MaxAllocSize` checks, `enlargeStringInfo`
//! and palloc's failure report, for values built outside a context).
//!
//! A value (a text, a bytea, an array) is at most [`MAX_ALLOC_SIZE`]
//! (1 GB - 1) bytes, as in PostgreSQL, where no single palloc may exceed
//! it. Every function that builds a value checks the size it is about to
//! make *before* allocating, and reports PostgreSQL's error for the case:
//!
//! - a string buffer grown piece by piece (`string_agg`, `concat`,
//!   `replace`): [`enlarge_string_buffer`], 54000 "out of memory" with
//!   DETAIL "Cannot enlarge string buffer containing N bytes by M more
//!   bytes.";
//! - a result whose size is computed up front (`||`, a text output
//!   function): [`check_alloc_size`], XX000 "invalid memory alloc request
//!   size N", palloc's own complaint;
//! - functions with their own wording (`repeat`, `lpad`: "requested length
//!   too large") check for themselves with [`MAX_ALLOC_SIZE`].
//!
//! Below the limit, the system may still refuse the memory (an address
//! space limit, an exhausted machine). The Rust collections that hold a
//! statement's values would then abort the process, so the growth of a
//! value goes through `try_reserve` ([`try_reserve`]), and a refusal is
//! ERROR 53200 "out of memory" with DETAIL "Failed on request of size N in
//! memory context "X"." naming `CurrentMemoryContext`, as palloc reports it.

use crate::MAX_ALLOC_SIZE;
use pg_error::{PgError, PgResult, SqlState};
use std::collections::TryReserveError;

/// VARHDRSZ: PostgreSQL counts a varlena's 4-byte length word in the size
/// it allocates, so "invalid memory alloc request size" names
/// `payload + VARHDRSZ`.
pub const VARHDRSZ: usize = 4;

/// 53200 "out of memory", DETAIL "Failed on request of size N in memory
/// context "X"." for a request of `size` bytes, naming
/// `CurrentMemoryContext`.
pub fn out_of_memory(size: usize) -> PgError {
    let context = crate::current_memory_context();
    PgError::new(SqlState::OUT_OF_MEMORY, "out of memory")
        .with_detail(format!("Failed on request of size {size} in memory context \"{}\".", context.name()))
}

/// XX000 "invalid memory alloc request size N" when `size` exceeds
/// [`MAX_ALLOC_SIZE`] (palloc's check).
pub fn check_alloc_size(size: usize) -> PgResult<()> {
    if size > MAX_ALLOC_SIZE {
        return Err(PgError::internal(format!("invalid memory alloc request size {size}")));
    }
    Ok(())
}

/// `enlargeStringInfo`: makes room for `needed` more bytes in a buffer that
/// holds `current` bytes. A buffer may not reach [`MAX_ALLOC_SIZE`] (its
/// terminating NUL counts in PostgreSQL's), so this is 54000 "out of
/// memory" with PostgreSQL's DETAIL when `needed >= MAX_ALLOC_SIZE -
/// current`, and 53200 when the system refuses the memory.
pub fn enlarge_string_buffer(buf: &mut Vec<u8>, needed: usize) -> PgResult<()> {
    check_string_buffer(buf.len(), needed)?;
    try_reserve(buf, needed)
}

/// The size check of [`enlarge_string_buffer`] alone, for buffers that are
/// not a `Vec<u8>` (a `String`: use [`enlarge_string`]).
pub fn check_string_buffer(current: usize, needed: usize) -> PgResult<()> {
    if needed >= MAX_ALLOC_SIZE.saturating_sub(current) {
        return Err(PgError::new(SqlState::PROGRAM_LIMIT_EXCEEDED, "out of memory")
            .with_detail(format!("Cannot enlarge string buffer containing {current} bytes by {needed} more bytes.")));
    }
    Ok(())
}

/// [`enlarge_string_buffer`] for a `String`.
pub fn enlarge_string(buf: &mut String, needed: usize) -> PgResult<()> {
    check_string_buffer(buf.len(), needed)?;
    let len = buf.len();
    buf.try_reserve(needed).map_err(|e| reserve_failed(e, len, needed))
}

/// `Vec::try_reserve`, with a refusal reported as 53200 "out of memory".
pub fn try_reserve<T>(v: &mut Vec<T>, additional: usize) -> PgResult<()> {
    let len = v.len();
    v.try_reserve(additional).map_err(|e| reserve_failed(e, len * size_of::<T>(), additional * size_of::<T>()))
}

/// A vector of `n` elements' capacity, or 53200 "out of memory".
pub fn try_with_capacity<T>(n: usize) -> PgResult<Vec<T>> {
    let mut v = Vec::new();
    try_reserve(&mut v, n)?;
    Ok(v)
}

/// A string of `n` bytes' capacity, or 53200 "out of memory".
pub fn try_string_with_capacity(n: usize) -> PgResult<String> {
    let mut s = String::new();
    s.try_reserve(n).map_err(|e| reserve_failed(e, 0, n))?;
    Ok(s)
}

/// The 53200 report for a refused reservation: the size asked of the
/// allocator is not known exactly (the collection rounds it up), so the
/// report names the smallest size that would have done.
fn reserve_failed(_: TryReserveError, current: usize, additional: usize) -> PgError {
    out_of_memory(current.saturating_add(additional))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_buffers_stop_below_one_gigabyte() {
        // PostgreSQL: containing 1073741669 bytes by 1000 more bytes.
        let e = check_string_buffer(1_073_741_669, 1000).unwrap_err();
        assert_eq!(e.code, SqlState::PROGRAM_LIMIT_EXCEEDED);
        assert_eq!(e.message, "out of memory");
        assert_eq!(
            e.detail.as_deref(),
            Some("Cannot enlarge string buffer containing 1073741669 bytes by 1000 more bytes.")
        );
        assert!(check_string_buffer(1_073_740_669, 1000).is_ok());
        // The NUL PostgreSQL keeps: a buffer can hold MAX_ALLOC_SIZE - 1 bytes.
        assert!(check_string_buffer(0, MAX_ALLOC_SIZE - 1).is_ok());
        assert!(check_string_buffer(0, MAX_ALLOC_SIZE).is_err());
        assert!(check_string_buffer(usize::MAX, 1).is_err());
        let mut v = vec![1u8; 10];
        enlarge_string_buffer(&mut v, 100).unwrap();
        assert!(v.capacity() >= 110);
    }

    #[test]
    fn oversized_requests_and_refusals() {
        let e = check_alloc_size(1_200_000_004).unwrap_err();
        assert_eq!(e.code, SqlState::INTERNAL_ERROR);
        assert_eq!(e.message, "invalid memory alloc request size 1200000004");
        assert!(check_alloc_size(MAX_ALLOC_SIZE).is_ok());
        // More than the address space: the system allocator refuses.
        let mut v: Vec<u64> = Vec::new();
        let e = try_reserve(&mut v, usize::MAX / 16).unwrap_err();
        assert_eq!(e.code, SqlState::OUT_OF_MEMORY);
        let detail = e.detail.clone().unwrap();
        assert!(detail.starts_with("Failed on request of size "), "{detail}");
        assert!(detail.ends_with(&format!("in memory context \"{}\".", crate::current_memory_context().name())));
    }
}
