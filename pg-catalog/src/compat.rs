//! Stand-ins for types other storage areas own and have not landed yet:
//! the heap's `TupleDesc`/`Attribute`/`ItemPointer` (pg-storage `tupdesc`,
//! `heap`) and the lock manager's `LockMode` (pg-proc `lock`), with the
//! field names and numbering the storage contract gives them, so that code
//! written against [`crate::relcache`] keeps compiling when each is replaced
//! by a re-export of the real one. Nothing here has behaviour of its own.

use pg_types::Oid;

/// One attribute of a tuple descriptor (the contract's
/// `pg_storage::tupdesc::Attribute`; PostgreSQL's `FormData_pg_attribute`
/// as the tuple code needs it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    /// `attname`.
    pub name: String,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod`.
    pub typmod: i32,
    /// `attlen`.
    pub len: i16,
    /// `attbyval`.
    pub byval: bool,
    /// `attalign` (`c`, `s`, `i`, `d`).
    pub align: u8,
    /// `attstorage` (`p`, `x`, `e`, `m`).
    pub storage: u8,
    /// `attnotnull`.
    pub not_null: bool,
    /// `attisdropped`.
    pub dropped: bool,
    /// `atthasdef`.
    pub has_default: bool,
    /// `attcollation`.
    pub collation: Oid,
}

/// A relation's row shape (the contract's `pg_storage::tupdesc::TupleDesc`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TupleDesc {
    /// The attributes in `attnum` order (`attrs[i]` is attnum `i + 1`),
    /// dropped ones included.
    pub attrs: Vec<Attribute>,
}

/// A tuple's address (`ItemPointerData`): block and line pointer number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ItemPointer {
    /// The block.
    pub block: u32,
    /// The line pointer, from 1.
    pub offset: u16,
}

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
