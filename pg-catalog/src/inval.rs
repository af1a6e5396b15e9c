//! Cache invalidation (PostgreSQL's `inval.c`, with `sinval.c` to come):
//! what a transaction changes in the catalogs is told to every backend's
//! caches.
//!
//! While a transaction runs, each catalog change registers messages here
//! ([`cache_invalidate_heap_tuple`], [`cache_invalidate_relcache`]): a
//! catcache message (cache id + key hash) for every syscache entry the old
//! or new row could be in, and a relcache message for the relation the row
//! describes. At the end of each command ([`command_end`]) the backend
//! applies the command's messages to its own caches, so its next command
//! reads its own changes; at commit ([`at_eoxact`]) the transaction's
//! messages go to the other backends (and into the commit record, for
//! redo); at abort the backend applies them all locally once more, since
//! its caches may hold rows of the aborted changes.
//!
//! Messages carry the database they concern (0 for shared catalogs), as
//! PostgreSQL's do, so a backend ignores other databases' changes.

use crate::catdef::{pg_attrdef, pg_attribute, pg_class, pg_constraint, pg_rewrite};
use crate::syscache::{key_hash, row_key, SysCacheId};
use pg_types::{Datum, Oid};
use std::cell::RefCell;

/// One invalidation message (`SharedInvalidationMessage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvalMessage {
    /// A syscache entry: cache, key hash, database (0 = shared).
    Catcache {
        /// The cache.
        id: SysCacheId,
        /// [`key_hash`] of the entry's key.
        hash: u32,
        /// The database, 0 for shared catalogs.
        db: Oid,
    },
    /// A relation's relcache entry (`relid` 0: every entry).
    Relcache {
        /// The relation.
        relid: Oid,
        /// The database, 0 for shared relations.
        db: Oid,
    },
    /// Everything: the queue overflowed for this backend (`ResetAll`).
    ResetAll,
}

#[derive(Default)]
struct Pending {
    /// Messages of the current command, not yet applied locally.
    command: Vec<InvalMessage>,
    /// Messages of earlier commands of this transaction.
    transaction: Vec<InvalMessage>,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
    static MY_DATABASE: std::cell::Cell<Oid> = const { std::cell::Cell::new(0) };
}

/// Sets the database this backend's non-shared caches belong to
/// (`MyDatabaseId`), for the messages it makes. Moving to another database
/// empties the caches: entries (and the relcache's file locations) of the
/// old one must not be used, and a forked process may have inherited
/// entries of its parent's database (initdb analyzes the system views in
/// template1 before the postmaster forks backends).
pub fn set_my_database(db: Oid) {
    if MY_DATABASE.with(|d| d.replace(db)) != db {
        crate::syscache::reset_all();
        crate::relcache::invalidate_all();
    }
}

/// `MyDatabaseId` as set by [`set_my_database`].
pub fn my_database() -> Oid {
    MY_DATABASE.with(|d| d.get())
}

fn register(msg: InvalMessage) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if !p.command.contains(&msg) {
            p.command.push(msg);
        }
    });
}

fn db_of(relid: Oid) -> Oid {
    if crate::catdef::is_shared_relation(relid) {
        0
    } else {
        my_database()
    }
}

/// Registers a relcache invalidation of `relid` (`CacheInvalidateRelcache`).
pub fn cache_invalidate_relcache(relid: Oid) {
    register(InvalMessage::Relcache { relid, db: db_of(relid) });
}

/// Registers the invalidations for a change of a row of catalog
/// `catalog`: `old` is the row before (None for an insert), `new` the row
/// after (None for a delete) (`CacheInvalidateHeapTuple`).
pub fn cache_invalidate_heap_tuple(catalog: Oid, old: Option<&[Datum]>, new: Option<&[Datum]>) {
    let db = db_of(catalog);
    for row in [old, new].into_iter().flatten() {
        for id in SysCacheId::caches_of(catalog) {
            register(InvalMessage::Catcache { id, hash: key_hash(&row_key(id, row)), db });
        }
        // The relation a row describes needs its relcache entry rebuilt.
        let described = match catalog {
            pg_class::RELATION_ID => row.get(pg_class::OID),
            pg_attribute::RELATION_ID => row.get(pg_attribute::ATTRELID),
            pg_attrdef::RELATION_ID => row.get(pg_attrdef::ADRELID),
            pg_constraint::RELATION_ID => row.get(pg_constraint::CONRELID),
            pg_rewrite::RELATION_ID => row.get(pg_rewrite::EV_CLASS),
            _ => None,
        };
        if let Some(Datum::Oid(relid)) = described {
            if *relid != 0 {
                register(InvalMessage::Relcache { relid: *relid, db: db_of(*relid) });
            }
        }
    }
}

/// Applies one message to this backend's caches
/// (`LocalExecuteInvalidationMessage`).
pub fn apply(msg: &InvalMessage) {
    match *msg {
        InvalMessage::Catcache { id, hash, db } => {
            if db == 0 || db == my_database() {
                crate::syscache::invalidate(id, hash);
            }
        }
        InvalMessage::Relcache { relid, db } => {
            if db == 0 || db == my_database() {
                if relid == 0 {
                    crate::relcache::invalidate_all();
                } else {
                    crate::relcache::invalidate(relid);
                }
            }
        }
        InvalMessage::ResetAll => {
            crate::syscache::reset_all();
            crate::relcache::invalidate_all();
        }
    }
}

/// End of a command (`CommandEndInvalidationMessages`, called from
/// `CommandCounterIncrement`): the command's own messages are applied
/// locally and kept for commit.
pub fn command_end() {
    let msgs = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let msgs = std::mem::take(&mut p.command);
        p.transaction.extend(msgs.iter().copied());
        msgs
    });
    for m in &msgs {
        apply(m);
    }
}

/// End of the transaction (`AtEOXact_Inval`): returns the messages to send
/// to the other backends when it commits (empty at abort), after applying
/// them all locally.
pub fn at_eoxact(commit: bool) -> Vec<InvalMessage> {
    let all = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let mut all = std::mem::take(&mut p.transaction);
        all.append(&mut p.command);
        all
    });
    for m in &all {
        apply(m);
    }
    if commit {
        all
    } else {
        Vec::new()
    }
}

/// Whether this transaction has registered any message (a commit must then
/// carry them).
pub fn has_pending() -> bool {
    PENDING.with(|p| {
        let p = p.borrow();
        !p.command.is_empty() || !p.transaction.is_empty()
    })
}

/// Encodes messages for the commit record (16 bytes each).
pub fn encode_messages(msgs: &[InvalMessage]) -> Vec<u8> {
    let mut out = Vec::with_capacity(msgs.len() * 16);
    for m in msgs {
        for w in m.encode() {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// The messages [`encode_messages`] made (garbage is skipped).
pub fn decode_messages(bytes: &[u8]) -> Vec<InvalMessage> {
    bytes
        .chunks_exact(16)
        .filter_map(|c| {
            let w = |i: usize| u64::from_le_bytes(c[i..i + 8].try_into().unwrap_or([0; 8]));
            InvalMessage::decode([w(0), w(8)])
        })
        .collect()
}

fn xact_collect(is_commit: bool, contents: &mut pg_wal::xact::XactRecordContents) {
    if is_commit {
        let all = PENDING.with(|p| {
            let p = p.borrow();
            p.transaction.iter().chain(p.command.iter()).copied().collect::<Vec<_>>()
        });
        contents.invalidations.extend(encode_messages(&all));
    }
}

fn xact_event(event: pg_wal::xact::XactEvent, _nest_level: usize) {
    use pg_wal::xact::XactEvent;
    match event {
        // Committed and out of the proc array, locks still held: others
        // must hear of the change before they can lock what it touched.
        XactEvent::Commit => {
            let msgs = at_eoxact(true);
            crate::sinval::send_invalidation_messages(&msgs);
        }
        XactEvent::Abort => {
            at_eoxact(false);
        }
        _ => {}
    }
}

fn xact_redo(
    is_commit: bool,
    _xid: pg_proc::xid::TransactionId,
    contents: &pg_wal::xact::XactRecordContents,
) -> pg_error::PgResult<()> {
    if is_commit {
        crate::sinval::send_invalidation_messages(&decode_messages(&contents.invalidations));
    }
    Ok(())
}

fn command_counter_hook() -> pg_error::PgResult<()> {
    command_end();
    Ok(())
}

/// Registers invalidation with the transaction machinery: messages go into
/// the commit record and to the shared queue at commit, are applied locally
/// at abort and at each CommandCounterIncrement, and are re-sent by redo.
pub fn register_xact_callbacks() {
    pg_wal::xact::register_xact_callback(pg_wal::xact::XactCallback {
        name: "inval",
        collect: Some(xact_collect),
        event: Some(xact_event),
        redo: Some(xact_redo),
    });
    pg_wal::xact::set_command_counter_hook(command_counter_hook);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catdef::{new_row, pg_namespace};

    #[test]
    fn heap_tuple_changes_make_catcache_and_relcache_messages() {
        set_my_database(5);
        let mut row = new_row(&pg_class::DEF);
        row[pg_class::OID] = Datum::Oid(16384);
        row[pg_class::RELNAME] = Datum::Text("t".into());
        row[pg_class::RELNAMESPACE] = Datum::Oid(2200);
        cache_invalidate_heap_tuple(pg_class::RELATION_ID, None, Some(&row));
        let mut ns = new_row(&pg_namespace::DEF);
        ns[pg_namespace::NSPNAME] = Datum::Text("s".into());
        cache_invalidate_heap_tuple(pg_namespace::RELATION_ID, Some(&ns), None);
        assert!(has_pending());
        command_end();
        let sent = at_eoxact(true);
        assert!(sent.contains(&InvalMessage::Relcache { relid: 16384, db: 5 }));
        let hash = key_hash(&[Datum::Text("t".into()), Datum::Oid(2200)]);
        assert!(sent.contains(&InvalMessage::Catcache { id: SysCacheId::RelNameNsp, hash, db: 5 }));
        assert_eq!(sent.iter().filter(|m| matches!(m, InvalMessage::Catcache { .. })).count(), 4);
        assert!(!has_pending());
        cache_invalidate_relcache(1);
        assert!(at_eoxact(false).is_empty());
        let msgs = [InvalMessage::ResetAll, InvalMessage::Relcache { relid: 7, db: 5 }];
        assert_eq!(decode_messages(&encode_messages(&msgs)), msgs);
    }
}
