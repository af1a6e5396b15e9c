//! The types of other storage areas that this crate's API carries: the
//! heap's `TupleDesc`/`Attribute`/`ItemPointer` (re-exported), and the
//! table lock modes with `NoLock` (PostgreSQL's `LOCKMODE`, where 0 means
//! "the caller holds a lock already"), which the lock manager's
//! `pg_proc::lock::LockMode` does not have.

pub use pg_storage::heap::tuple::ItemPointer;
pub use pg_storage::tupdesc::{Attribute, TupleDesc};

/// PostgreSQL's table lock modes with their numbers (`lockdefs.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum LockMode {
    /// `NoLock`: the caller already holds a suitable lock.
    NoLock = 0,
    /// `AccessShareLock`: SELECT.
    AccessShare = 1,
    /// `RowShareLock`: SELECT FOR UPDATE/SHARE.
    RowShare = 2,
    /// `RowExclusiveLock`: INSERT, UPDATE, DELETE.
    RowExclusive = 3,
    /// `ShareUpdateExclusiveLock`: VACUUM, ANALYZE.
    ShareUpdateExclusive = 4,
    /// `ShareLock`: CREATE INDEX.
    Share = 5,
    /// `ShareRowExclusiveLock`.
    ShareRowExclusive = 6,
    /// `ExclusiveLock`.
    Exclusive = 7,
    /// `AccessExclusiveLock`: DROP, most ALTER TABLE.
    AccessExclusive = 8,
}

impl LockMode {
    /// The lock manager's mode, `None` for `NoLock`.
    pub fn lmgr_mode(self) -> Option<pg_proc::lock::LockMode> {
        pg_proc::lock::LockMode::from_number(self as u8 as usize)
    }
}
