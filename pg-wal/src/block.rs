//! The names of a relation's storage that WAL records and the buffer
//! manager share (PostgreSQL's `RelFileNode`, `ForkNumber`, `BlockNumber`,
//! `XLogRecPtr`). They live here, the lowest layer that needs them, and
//! pg-storage re-exports them.

/// An object id (`Oid`).
pub type Oid = u32;

/// A block's number within one fork of a relation (`BlockNumber`).
pub type BlockNumber = u32;

/// No block (`InvalidBlockNumber`).
pub const INVALID_BLOCK_NUMBER: BlockNumber = u32::MAX;

/// A position in the WAL stream: a byte offset from its start
/// (`XLogRecPtr`). 0 is invalid.
pub type XLogRecPtr = u64;

/// No WAL position (`InvalidXLogRecPtr`).
pub const INVALID_XLOG_REC_PTR: XLogRecPtr = 0;

/// The size of a relation page and of a WAL page (`BLCKSZ`, `XLOG_BLCKSZ`).
pub const BLCKSZ: usize = 8192;

/// Which physical file of a relation (`RelFileNode`): tablespace,
/// database (0 for shared catalogs under `global/`) and the file's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(C)]
pub struct RelFileNode {
    /// `spcNode`: 1663 (`pg_default`) or 1664 (`pg_global`).
    pub spc: Oid,
    /// `dbNode`: the database's OID, 0 for shared relations.
    pub db: Oid,
    /// `relNode`: the relfilenode.
    pub rel: Oid,
}

/// `pg_default`'s OID (`DEFAULTTABLESPACE_OID`).
pub const DEFAULT_TABLESPACE_OID: Oid = 1663;
/// `pg_global`'s OID (`GLOBALTABLESPACE_OID`).
pub const GLOBAL_TABLESPACE_OID: Oid = 1664;

/// The forks of a relation (`ForkNumber`), with PostgreSQL's numbers and
/// file suffixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum ForkNumber {
    /// The data itself (no suffix).
    Main = 0,
    /// The free space map (`_fsm`).
    Fsm = 1,
    /// The visibility map (`_vm`).
    VisibilityMap = 2,
    /// The initialisation fork of an unlogged relation (`_init`).
    Init = 3,
}

impl ForkNumber {
    /// The suffix of the fork's file name (`forkNames`).
    pub fn suffix(self) -> &'static str {
        match self {
            ForkNumber::Main => "",
            ForkNumber::Fsm => "_fsm",
            ForkNumber::VisibilityMap => "_vm",
            ForkNumber::Init => "_init",
        }
    }

    /// The fork with PostgreSQL's number `n`.
    pub fn from_u8(n: u8) -> Option<ForkNumber> {
        Some(match n {
            0 => ForkNumber::Main,
            1 => ForkNumber::Fsm,
            2 => ForkNumber::VisibilityMap,
            3 => ForkNumber::Init,
            _ => return None,
        })
    }
}

impl RelFileNode {
    /// The path of the fork's first segment relative to the data directory
    /// (`relpath`): `global/<rel>` for shared relations, `base/<db>/<rel>`
    /// otherwise; a temporary relation of backend `b` is `t<b>_<rel>`.
    pub fn path(&self, backend: Option<i32>, fork: ForkNumber) -> String {
        let file = match backend {
            Some(b) => format!("t{b}_{}{}", self.rel, fork.suffix()),
            None => format!("{}{}", self.rel, fork.suffix()),
        };
        if self.spc == GLOBAL_TABLESPACE_OID {
            format!("global/{file}")
        } else {
            format!("base/{}/{file}", self.db)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_postgresql_relpaths() {
        let user = RelFileNode { spc: DEFAULT_TABLESPACE_OID, db: 5, rel: 16384 };
        assert_eq!(user.path(None, ForkNumber::Main), "base/5/16384");
        assert_eq!(user.path(None, ForkNumber::Fsm), "base/5/16384_fsm");
        assert_eq!(user.path(Some(3), ForkNumber::Main), "base/5/t3_16384");
        let shared = RelFileNode { spc: GLOBAL_TABLESPACE_OID, db: 0, rel: 1260 };
        assert_eq!(shared.path(None, ForkNumber::VisibilityMap), "global/1260_vm");
    }
}
