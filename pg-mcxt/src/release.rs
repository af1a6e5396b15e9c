//! Giving freed memory back to the operating system after a big statement.
//!
//! Resetting or deleting a context frees its blocks, but `free()` does not
//! always hand pages back: glibc's malloc returns a block to the kernel at
//! once only when it was `mmap`ed, and it raises its mmap threshold (up to
//! 32 MB) each time such a block is freed, so later blocks of the same size
//! come from the heap. Heap pages go back only from the top of the heap,
//! and one live chunk above them (a catalog cache entry, a prepared
//! statement) keeps every freed page below it resident. A backend that once
//! sorted or hashed a few hundred megabytes would then stay that large for
//! the rest of its life, where PostgreSQL's returns to its idle size.
//!
//! So the process keeps two counters of the bytes that every memory context
//! holds from the system: now, and the peak since the last look. The main
//! loop calls [`release_freed_memory`] each time the backend goes idle;
//! when the peak since the last call exceeds the current holding by
//! [`RELEASE_THRESHOLD`], a statement has just given back a lot, and
//! `malloc_trim(0)` returns every free heap page to the kernel. Memory
//! held outside contexts for a moment (the bytes of a large client message
//! in the socket buffer) is reported with [`note_transient_bytes`], so it
//! counts towards the peak too. Small statements never pay for a trim.

use std::cell::Cell;

/// Bytes a statement must have held beyond what is still held for the
/// heap to be trimmed when the backend goes idle (8 MB: PostgreSQL's
/// largest AllocSet block; below it the glibc heap recycles well).
pub const RELEASE_THRESHOLD: usize = 8 * 1024 * 1024;

thread_local! {
    /// Bytes of blocks held from the system by every context of this process.
    static SYSTEM_BYTES: Cell<usize> = const { Cell::new(0) };
    /// The highest `SYSTEM_BYTES` (plus transient bytes) since the last
    /// [`release_freed_memory`].
    static PEAK_BYTES: Cell<usize> = const { Cell::new(0) };
}

/// Records `size` more bytes held from the system (a block was allocated).
#[inline]
pub(crate) fn note_block_alloc(size: usize) {
    SYSTEM_BYTES.with(|s| {
        let now = s.get() + size;
        s.set(now);
        PEAK_BYTES.with(|p| {
            if now > p.get() {
                p.set(now);
            }
        });
    });
}

/// Records `size` bytes given back to the system allocator (a block was freed).
#[inline]
pub(crate) fn note_block_free(size: usize) {
    SYSTEM_BYTES.with(|s| s.set(s.get().saturating_sub(size)));
}

/// Bytes that every memory context of this process holds from the system,
/// plus the bytes charged to contexts with `MemoryContext::charge` (the sum
/// of `total_bytes` over the whole tree, and over contexts without a parent).
pub fn system_bytes() -> usize {
    SYSTEM_BYTES.with(Cell::get)
}

/// Counts `bytes` held outside any context for a moment (a large message
/// in the socket's input buffer) towards the peak that decides whether the
/// next [`release_freed_memory`] trims the heap.
pub fn note_transient_bytes(bytes: usize) {
    let now = system_bytes().saturating_add(bytes);
    PEAK_BYTES.with(|p| {
        if now > p.get() {
            p.set(now);
        }
    });
}

/// Called when the backend goes idle: if the work since the last call held
/// at least [`RELEASE_THRESHOLD`] bytes more than the contexts hold now,
/// returns the freed heap pages to the kernel (`malloc_trim(0)`) and says
/// so. The peak starts again from the current holding either way.
pub fn release_freed_memory() -> bool {
    let now = system_bytes();
    let peak = PEAK_BYTES.with(|p| p.replace(now));
    if peak.saturating_sub(now) < RELEASE_THRESHOLD {
        return false;
    }
    trim_heap();
    true
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim_heap() {
    // SAFETY: malloc_trim only walks and madvises malloc's own free lists;
    // it takes malloc's lock and is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim_heap() {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::top_memory_context;

    #[test]
    fn counters_follow_blocks_and_trim_only_after_big_work() {
        let top = top_memory_context();
        release_freed_memory();
        let base = system_bytes();
        let cxt = top.create_child("release test");
        assert!(system_bytes() > base);
        // Small work: no trim.
        cxt.alloc(1000);
        cxt.reset();
        assert!(!release_freed_memory());
        // Big work, then freed: trim.
        for _ in 0..4 {
            cxt.alloc(4 * 1024 * 1024);
        }
        assert!(system_bytes() >= base + 16 * 1024 * 1024);
        cxt.delete();
        assert_eq!(system_bytes(), base);
        assert!(release_freed_memory());
        assert!(!release_freed_memory());
        // A big message outside contexts counts too.
        note_transient_bytes(RELEASE_THRESHOLD);
        assert!(release_freed_memory());
    }

    #[test]
    fn charges_show_in_the_rows_and_the_peak() {
        let top = top_memory_context();
        let cxt = top.create_child("charged");
        release_freed_memory();
        let before = cxt.rows()[0].clone();
        let charge = cxt.charge(RELEASE_THRESHOLD);
        let row = cxt.rows()[0].clone();
        assert_eq!(row.total_bytes, before.total_bytes + RELEASE_THRESHOLD as i64);
        assert_eq!(row.used_bytes, before.used_bytes + RELEASE_THRESHOLD as i64);
        assert_eq!(row.total_nblocks, before.total_nblocks);
        // Block accounting is unchanged.
        assert_eq!(cxt.stats().total_bytes as i64, before.total_bytes);
        assert!(cxt.stats_report().contains(&format!("{} total", row.total_bytes)));
        drop(charge);
        assert_eq!(cxt.rows()[0], before);
        assert!(release_freed_memory(), "the charge counted towards the peak");
        cxt.delete();
    }
}
