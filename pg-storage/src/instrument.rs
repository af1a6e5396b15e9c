//! Buffer usage counters (PostgreSQL's `executor/instrument.c`
//! `BufferUsage` / `pgBufferUsage`), the numbers behind `EXPLAIN (ANALYZE,
//! BUFFERS)`: "Buffers: shared hit=N read=N dirtied=N written=N".
//!
//! The buffer manager bumps this process's counters; an EXPLAIN node takes
//! [`buffer_usage`] before and after and prints [`BufferUsage::since`].
//! Counters are per process and never reset (differences are what count).
#![forbid(unsafe_code)]

use std::cell::Cell;

/// Block counts by kind of buffer (`BufferUsage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BufferUsage {
    /// Shared buffers found in the pool.
    pub shared_blks_hit: u64,
    /// Shared buffers read from disk.
    pub shared_blks_read: u64,
    /// Shared buffers this process dirtied (clean to dirty).
    pub shared_blks_dirtied: u64,
    /// Shared buffers this process wrote out.
    pub shared_blks_written: u64,
    /// Local (temporary relation) buffers found in the pool.
    pub local_blks_hit: u64,
    /// Local buffers read from disk.
    pub local_blks_read: u64,
    /// Local buffers dirtied.
    pub local_blks_dirtied: u64,
    /// Local buffers written.
    pub local_blks_written: u64,
    /// Temporary file blocks read (sorts, hashes spilling).
    pub temp_blks_read: u64,
    /// Temporary file blocks written.
    pub temp_blks_written: u64,
}

impl BufferUsage {
    /// `BufferUsageAccumDiff`: what happened between `earlier` and `self`.
    pub fn since(&self, earlier: &BufferUsage) -> BufferUsage {
        BufferUsage {
            shared_blks_hit: self.shared_blks_hit - earlier.shared_blks_hit,
            shared_blks_read: self.shared_blks_read - earlier.shared_blks_read,
            shared_blks_dirtied: self.shared_blks_dirtied - earlier.shared_blks_dirtied,
            shared_blks_written: self.shared_blks_written - earlier.shared_blks_written,
            local_blks_hit: self.local_blks_hit - earlier.local_blks_hit,
            local_blks_read: self.local_blks_read - earlier.local_blks_read,
            local_blks_dirtied: self.local_blks_dirtied - earlier.local_blks_dirtied,
            local_blks_written: self.local_blks_written - earlier.local_blks_written,
            temp_blks_read: self.temp_blks_read - earlier.temp_blks_read,
            temp_blks_written: self.temp_blks_written - earlier.temp_blks_written,
        }
    }

    /// Adds `other` (a parallel worker's or a subplan's counts).
    pub fn add(&mut self, other: &BufferUsage) {
        self.shared_blks_hit += other.shared_blks_hit;
        self.shared_blks_read += other.shared_blks_read;
        self.shared_blks_dirtied += other.shared_blks_dirtied;
        self.shared_blks_written += other.shared_blks_written;
        self.local_blks_hit += other.local_blks_hit;
        self.local_blks_read += other.local_blks_read;
        self.local_blks_dirtied += other.local_blks_dirtied;
        self.local_blks_written += other.local_blks_written;
        self.temp_blks_read += other.temp_blks_read;
        self.temp_blks_written += other.temp_blks_written;
    }

    /// Whether every count is zero (EXPLAIN prints no "Buffers:" line then).
    pub fn is_zero(&self) -> bool {
        *self == BufferUsage::default()
    }
}

thread_local! {
    /// `pgBufferUsage`. Per thread so unit tests stay apart; server
    /// processes have one thread.
    static USAGE: Cell<BufferUsage> = const { Cell::new(BufferUsage {
        shared_blks_hit: 0, shared_blks_read: 0, shared_blks_dirtied: 0, shared_blks_written: 0,
        local_blks_hit: 0, local_blks_read: 0, local_blks_dirtied: 0, local_blks_written: 0,
        temp_blks_read: 0, temp_blks_written: 0,
    }) };
}

/// This process's counters so far.
pub fn buffer_usage() -> BufferUsage {
    USAGE.with(Cell::get)
}

/// Bumps a counter (the buffer manager's and temporary files' calls).
pub(crate) fn count(f: impl FnOnce(&mut BufferUsage)) {
    USAGE.with(|u| {
        let mut v = u.get();
        f(&mut v);
        u.set(v);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_what_explain_prints() {
        let before = buffer_usage();
        count(|u| u.shared_blks_hit += 3);
        count(|u| u.shared_blks_read += 1);
        let d = buffer_usage().since(&before);
        assert_eq!((d.shared_blks_hit, d.shared_blks_read, d.shared_blks_written), (3, 1, 0));
        assert!(!d.is_zero());
        let mut total = BufferUsage::default();
        total.add(&d);
        total.add(&d);
        assert_eq!(total.shared_blks_hit, 6);
    }
}
