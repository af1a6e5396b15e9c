//! Lock tags and lock modes (PostgreSQL's `storage/lock.h`, `lockdefs.h`
//! and the conflict table of `storage/lmgr/lock.c`).

use std::fmt;

/// What kind of object a [`LockTag`] names (PostgreSQL's `LockTagType`,
/// with its numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum LockTagType {
    /// A whole relation: (database, relation).
    Relation = 0,
    /// The right to extend a relation: (database, relation).
    RelationExtend = 1,
    /// Updating a database's frozen xid horizon: (database).
    DatabaseFrozenIds = 2,
    /// One page of a relation: (database, relation, block).
    Page = 3,
    /// One tuple: (database, relation, block, offset).
    Tuple = 4,
    /// A transaction, by its (64-bit) xid.
    Transaction = 5,
    /// A virtual transaction: (backend id, local transaction id).
    VirtualTransaction = 6,
    /// A speculative insertion token: (xid, token).
    SpeculativeToken = 7,
    /// A non-relation database object: (database, class, object, subobject).
    Object = 8,
    /// Reserved for old user locks.
    UserLock = 9,
    /// An advisory lock: (database, key1, key2, 1 for a bigint key or 2 for two ints).
    Advisory = 10,
}

impl LockTagType {
    /// The text of `pg_locks.locktype`.
    pub fn name(self) -> &'static str {
        match self {
            LockTagType::Relation => "relation",
            LockTagType::RelationExtend => "extend",
            LockTagType::DatabaseFrozenIds => "frozenid",
            LockTagType::Page => "page",
            LockTagType::Tuple => "tuple",
            LockTagType::Transaction => "transactionid",
            LockTagType::VirtualTransaction => "virtualxid",
            LockTagType::SpeculativeToken => "spectoken",
            LockTagType::Object => "object",
            LockTagType::UserLock => "userlock",
            LockTagType::Advisory => "advisory",
        }
    }

    pub(crate) fn from_u8(v: u8) -> LockTagType {
        match v {
            0 => LockTagType::Relation,
            1 => LockTagType::RelationExtend,
            2 => LockTagType::DatabaseFrozenIds,
            3 => LockTagType::Page,
            4 => LockTagType::Tuple,
            5 => LockTagType::Transaction,
            6 => LockTagType::VirtualTransaction,
            7 => LockTagType::SpeculativeToken,
            8 => LockTagType::Object,
            9 => LockTagType::UserLock,
            _ => LockTagType::Advisory,
        }
    }
}

/// The lock method a tag belongs to: the server's own locks or advisory
/// (user) locks, which survive an abort when held at session level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum LockMethod {
    /// DEFAULT_LOCKMETHOD.
    Default = 1,
    /// USER_LOCKMETHOD (advisory locks).
    User = 2,
}

/// LOCKTAG: the name of a lockable object. Fields mean what the type says
/// (see the constructors); a 64-bit transaction id is split over `field1`
/// (low half) and `field2` (high half).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LockTag {
    /// First field (usually the database OID).
    pub field1: u32,
    /// Second field (usually the relation OID).
    pub field2: u32,
    /// Third field (block number, object OID, ...).
    pub field3: u32,
    /// Fourth field (offset number, object sub-id, ...).
    pub field4: u16,
    /// What the tag names.
    pub kind: LockTagType,
    /// Default or advisory locks.
    pub method: LockMethod,
}

impl LockTag {
    const fn new(kind: LockTagType, field1: u32, field2: u32, field3: u32, field4: u16) -> LockTag {
        LockTag { field1, field2, field3, field4, kind, method: LockMethod::Default }
    }

    /// SET_LOCKTAG_RELATION (database 0 for a shared relation).
    pub const fn relation(db: u32, rel: u32) -> LockTag {
        LockTag::new(LockTagType::Relation, db, rel, 0, 0)
    }

    /// SET_LOCKTAG_RELATION_EXTEND.
    pub const fn relation_extend(db: u32, rel: u32) -> LockTag {
        LockTag::new(LockTagType::RelationExtend, db, rel, 0, 0)
    }

    /// SET_LOCKTAG_DATABASE_FROZEN_IDS.
    pub const fn database_frozen_ids(db: u32) -> LockTag {
        LockTag::new(LockTagType::DatabaseFrozenIds, db, 0, 0, 0)
    }

    /// SET_LOCKTAG_PAGE.
    pub const fn page(db: u32, rel: u32, block: u32) -> LockTag {
        LockTag::new(LockTagType::Page, db, rel, block, 0)
    }

    /// SET_LOCKTAG_TUPLE.
    pub const fn tuple(db: u32, rel: u32, block: u32, offset: u16) -> LockTag {
        LockTag::new(LockTagType::Tuple, db, rel, block, offset)
    }

    /// SET_LOCKTAG_TRANSACTION, for a 64-bit xid.
    pub const fn transaction(xid: u64) -> LockTag {
        LockTag::new(LockTagType::Transaction, xid as u32, (xid >> 32) as u32, 0, 0)
    }

    /// SET_LOCKTAG_VIRTUALTRANSACTION: (backend id, local transaction id).
    pub const fn virtual_transaction(backend_id: u32, local_xid: u32) -> LockTag {
        LockTag::new(LockTagType::VirtualTransaction, backend_id, local_xid, 0, 0)
    }

    /// SET_LOCKTAG_SPECULATIVE_INSERTION.
    pub const fn speculative_insertion(xid: u64, token: u32) -> LockTag {
        LockTag::new(LockTagType::SpeculativeToken, xid as u32, (xid >> 32) as u32, token, 0)
    }

    /// SET_LOCKTAG_OBJECT (database 0 for a shared object).
    pub const fn object(db: u32, class_id: u32, obj_id: u32, obj_sub_id: u16) -> LockTag {
        LockTag::new(LockTagType::Object, db, class_id, obj_id, obj_sub_id)
    }

    /// SET_LOCKTAG_ADVISORY: `kind` is 1 for one bigint key (split in two
    /// halves, high first) and 2 for two int keys.
    pub const fn advisory(db: u32, key1: u32, key2: u32, kind: u16) -> LockTag {
        LockTag {
            field1: db,
            field2: key1,
            field3: key2,
            field4: kind,
            kind: LockTagType::Advisory,
            method: LockMethod::User,
        }
    }

    /// The transaction id of a transaction or speculative-token tag.
    pub fn xid(&self) -> u64 {
        u64::from(self.field1) | (u64::from(self.field2) << 32)
    }

    /// The tag packed in four words, as the shared lock table stores it.
    pub(crate) fn to_words(self) -> [u32; 4] {
        [
            self.field1,
            self.field2,
            self.field3,
            u32::from(self.field4) | (u32::from(self.kind as u8) << 16) | (u32::from(self.method as u8) << 24),
        ]
    }

    /// The inverse of [`LockTag::to_words`].
    pub(crate) fn from_words(w: [u32; 4]) -> LockTag {
        LockTag {
            field1: w[0],
            field2: w[1],
            field3: w[2],
            field4: w[3] as u16,
            kind: LockTagType::from_u8((w[3] >> 16) as u8),
            method: if (w[3] >> 24) as u8 == LockMethod::User as u8 { LockMethod::User } else { LockMethod::Default },
        }
    }

    /// LockTagHashCode: the same in every process of one binary.
    pub(crate) fn hash_code(&self) -> u32 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in self.to_words() {
            for b in w.to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        (h ^ (h >> 32)) as u32
    }
}

/// DescribeLockTag: the object as the deadlock report names it.
impl fmt::Display for LockTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            LockTagType::Relation => write!(f, "relation {} of database {}", self.field2, self.field1),
            LockTagType::RelationExtend => {
                write!(f, "extension of relation {} of database {}", self.field2, self.field1)
            }
            LockTagType::DatabaseFrozenIds => {
                write!(f, "pg_database.datfrozenxid of database {}", self.field1)
            }
            LockTagType::Page => {
                write!(f, "page {} of relation {} of database {}", self.field3, self.field2, self.field1)
            }
            LockTagType::Tuple => write!(
                f,
                "tuple ({},{}) of relation {} of database {}",
                self.field3, self.field4, self.field2, self.field1
            ),
            LockTagType::Transaction => write!(f, "transaction {}", self.xid()),
            LockTagType::VirtualTransaction => write!(f, "virtual transaction {}/{}", self.field1, self.field2),
            LockTagType::SpeculativeToken => {
                write!(f, "speculative token {} of transaction {}", self.field3, self.xid())
            }
            LockTagType::Object => {
                write!(f, "object {} of class {} of database {}", self.field3, self.field2, self.field1)
            }
            LockTagType::UserLock => write!(f, "user lock [{},{},{}]", self.field1, self.field2, self.field3),
            LockTagType::Advisory => {
                write!(f, "advisory lock [{},{},{},{}]", self.field1, self.field2, self.field3, self.field4)
            }
        }
    }
}

/// The eight lock modes, with PostgreSQL's numbers (`lockdefs.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum LockMode {
    /// SELECT.
    AccessShare = 1,
    /// SELECT FOR UPDATE/SHARE.
    RowShare = 2,
    /// INSERT, UPDATE, DELETE.
    RowExclusive = 3,
    /// VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY.
    ShareUpdateExclusive = 4,
    /// CREATE INDEX; waiting for a transaction.
    Share = 5,
    /// Like Exclusive but allows RowShare.
    ShareRowExclusive = 6,
    /// Blocks RowShare and SELECT FOR UPDATE; a transaction's own xid lock.
    Exclusive = 7,
    /// ALTER TABLE, DROP TABLE, VACUUM FULL, and LOCK TABLE by default.
    AccessExclusive = 8,
}

/// The modes, by number (index 0 is NoLock).
pub const ALL_LOCK_MODES: [LockMode; 8] = [
    LockMode::AccessShare,
    LockMode::RowShare,
    LockMode::RowExclusive,
    LockMode::ShareUpdateExclusive,
    LockMode::Share,
    LockMode::ShareRowExclusive,
    LockMode::Exclusive,
    LockMode::AccessExclusive,
];

const fn bits(modes: &[u8]) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < modes.len() {
        m |= 1 << modes[i];
        i += 1;
    }
    m
}

/// LockConflicts: for each mode, the modes it conflicts with (bit n =
/// mode n), as in PostgreSQL's table.
const CONFLICTS: [u32; 9] = [
    0,
    bits(&[8]),
    bits(&[7, 8]),
    bits(&[5, 6, 7, 8]),
    bits(&[4, 5, 6, 7, 8]),
    bits(&[3, 4, 6, 7, 8]),
    bits(&[3, 4, 5, 6, 7, 8]),
    bits(&[2, 3, 4, 5, 6, 7, 8]),
    bits(&[1, 2, 3, 4, 5, 6, 7, 8]),
];

impl LockMode {
    /// The mode's number.
    pub fn number(self) -> usize {
        self as usize
    }

    /// LOCKBIT_ON(mode).
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The modes this one conflicts with, as a bit mask.
    pub fn conflict_mask(self) -> u32 {
        CONFLICTS[self as usize]
    }

    /// Whether this mode conflicts with `other`.
    pub fn conflicts_with(self, other: LockMode) -> bool {
        self.conflict_mask() & other.bit() != 0
    }

    /// The mode with number `n` (1..=8).
    pub fn from_number(n: usize) -> Option<LockMode> {
        ALL_LOCK_MODES.get(n.checked_sub(1)?).copied()
    }

    /// The name `pg_locks.mode` and the error messages use.
    pub fn name(self) -> &'static str {
        match self {
            LockMode::AccessShare => "AccessShareLock",
            LockMode::RowShare => "RowShareLock",
            LockMode::RowExclusive => "RowExclusiveLock",
            LockMode::ShareUpdateExclusive => "ShareUpdateExclusiveLock",
            LockMode::Share => "ShareLock",
            LockMode::ShareRowExclusive => "ShareRowExclusiveLock",
            LockMode::Exclusive => "ExclusiveLock",
            LockMode::AccessExclusive => "AccessExclusiveLock",
        }
    }
}

impl fmt::Display for LockMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_table_is_symmetric_and_matches_postgres() {
        for a in ALL_LOCK_MODES {
            for b in ALL_LOCK_MODES {
                assert_eq!(a.conflicts_with(b), b.conflicts_with(a), "{a} vs {b}");
            }
        }
        // The table's rows as PostgreSQL's documentation lists them.
        let conflicting = |m: LockMode| ALL_LOCK_MODES.iter().filter(|o| m.conflicts_with(**o)).count();
        let counts: Vec<usize> = ALL_LOCK_MODES.iter().map(|m| conflicting(*m)).collect();
        assert_eq!(counts, [1, 2, 4, 5, 5, 6, 7, 8]);
        assert!(!LockMode::RowExclusive.conflicts_with(LockMode::RowExclusive));
        assert!(LockMode::ShareUpdateExclusive.conflicts_with(LockMode::ShareUpdateExclusive));
        assert!(!LockMode::Share.conflicts_with(LockMode::Share));
    }

    #[test]
    fn tags_pack_and_describe() {
        let tags = [
            LockTag::relation(5, 16384),
            LockTag::transaction((7u64 << 32) | 9),
            LockTag::tuple(5, 16384, 3, 12),
            LockTag::advisory(5, 0, 42, 1),
            LockTag::virtual_transaction(3, 17),
        ];
        for t in tags {
            assert_eq!(LockTag::from_words(t.to_words()), t);
        }
        assert_eq!(tags[1].xid(), (7u64 << 32) | 9);
        assert_eq!(tags[0].to_string(), "relation 16384 of database 5");
        assert_eq!(tags[2].to_string(), "tuple (3,12) of relation 16384 of database 5");
        assert_eq!(LockTag::transaction(740).to_string(), "transaction 740");
        assert_eq!(tags[3].to_string(), "advisory lock [5,0,42,1]");
        assert_eq!(tags[4].to_string(), "virtual transaction 3/17");
    }
}
