//! The relation cache (PostgreSQL's `relcache.c`, with `relation_open` from
//! `relation.c` and `RangeVarGetRelid` from `namespace.c`): one
//! [`RelationData`] per open relation, built from its `pg_class`,
//! `pg_attribute`, `pg_attrdef`, `pg_constraint` and `pg_rewrite` rows and
//! kept until an invalidation message names it.
//!
//! The system catalogs themselves are "nailed": their entries are built
//! from the compiled-in definitions ([`crate::catdef`], PostgreSQL's
//! `formrdesc`), because reading `pg_class` needs `pg_class`'s descriptor
//! first. Every other relation is read from the catalogs.
//!
//! Entries live in the backend's process heap behind `Rc`: a caller keeps
//! the `Rc` it got for as long as it uses the relation (as a relcache
//! reference count pins an entry in PostgreSQL), and an invalidation only
//! drops the cache's own reference, so a rebuilt entry never changes under
//! a caller.

use crate::catdef::{self, pg_attrdef, pg_attribute, pg_class, pg_constraint, pg_rewrite, CatalogDef};
use crate::compat::{Attribute, LockMode, TupleDesc};
use crate::scan::scan_catalog;
use crate::syscache;
use crate::{Persistence, RelKind, PG_CATALOG_NAMESPACE};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::{Datum, Oid};
use pg_wal::block::{RelFileNode, DEFAULT_TABLESPACE_OID, GLOBAL_TABLESPACE_OID};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// A CHECK constraint of a relation (`ConstrCheck`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstrCheck {
    /// `conname`.
    pub name: String,
    /// `conbin`: the expression as stored.
    pub expr: String,
    /// `connoinherit`.
    pub no_inherit: bool,
    /// `convalidated`.
    pub validated: bool,
}

/// A column default (`AttrDefault`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrDefault {
    /// `adnum`.
    pub attnum: i16,
    /// `adbin`: the expression as stored.
    pub expr: String,
}

/// What the server knows of an open relation (`RelationData`).
#[derive(Clone, Debug, PartialEq)]
pub struct RelationData {
    /// `pg_class.oid`.
    pub relid: Oid,
    /// `relname`.
    pub name: String,
    /// `relnamespace`.
    pub namespace: Oid,
    /// `relkind`.
    pub kind: RelKind,
    /// `relpersistence`.
    pub persistence: Persistence,
    /// `relowner`.
    pub owner: Oid,
    /// `reltype` (0 when it has no row type).
    pub reltype: Oid,
    /// `relisshared`.
    pub shared: bool,
    /// Where its files are: tablespace (`reltablespace`, or the database's
    /// default), database (0 when shared), `relfilenode`.
    pub rnode: RelFileNode,
    /// For a temporary relation, the backend that owns it (its files are
    /// `t<backend>_<relfilenode>`).
    pub backend: Option<i32>,
    /// Its columns, dropped ones included, in `attnum` order.
    pub tupdesc: Arc<TupleDesc>,
    /// `reltoastrelid`.
    pub toast_relid: Oid,
    /// Its CHECK constraints (`relchecks` of them).
    pub checks: Vec<ConstrCheck>,
    /// Its column defaults.
    pub defaults: Vec<AttrDefault>,
    /// For a view, the query of its `_RETURN` rule (`ev_action`).
    pub view_query_text: Option<String>,
    /// `relpages`.
    pub relpages: i32,
    /// `reltuples` (-1: never vacuumed or analyzed).
    pub reltuples: f32,
    /// `relhasindex`.
    pub has_index: bool,
    /// The `fillfactor` storage parameter from `reloptions` (100 when not
    /// set), for inserts (`RelationGetFillFactor`).
    pub fillfactor: u8,
}

impl RelationData {
    /// The attribute with `attnum` (from 1), dropped or not.
    pub fn attribute(&self, attnum: i16) -> Option<&Attribute> {
        usize::try_from(attnum).ok().and_then(|n| n.checked_sub(1)).and_then(|i| self.tupdesc.attrs.get(i))
    }

    /// The live (not dropped) column called `name` and its attnum.
    pub fn attribute_by_name(&self, name: &str) -> Option<(i16, &Attribute)> {
        self.tupdesc
            .attrs
            .iter()
            .enumerate()
            .find(|(_, a)| !a.dropped && a.name == name)
            .map(|(i, a)| (i as i16 + 1, a))
    }

    /// Its storage as the buffer manager and heapam address it.
    pub fn storage_rel(&self) -> pg_storage::bufmgr::StorageRel {
        pg_storage::bufmgr::StorageRel {
            relid: self.relid,
            rnode: self.rnode,
            persistence: match self.persistence {
                Persistence::Permanent => pg_storage::bufmgr::Persistence::Permanent,
                Persistence::Unlogged => pg_storage::bufmgr::Persistence::Unlogged,
                Persistence::Temp => pg_storage::bufmgr::Persistence::Temp,
            },
            backend: self.backend,
            fillfactor: self.fillfactor,
        }
    }

    /// The default expression of column `attnum`, if it has one.
    pub fn default_of(&self, attnum: i16) -> Option<&str> {
        self.defaults.iter().find(|d| d.attnum == attnum).map(|d| d.expr.as_str())
    }
}

thread_local! {
    /// The entries, each with the memory it takes charged to
    /// `CacheMemoryContext` (as PostgreSQL's relcache lives there).
    static CACHE: RefCell<HashMap<Oid, (Rc<RelationData>, pg_mcxt::MemoryCharge)>> = RefCell::new(HashMap::new());
}

/// Roughly the bytes an entry takes in the process heap.
fn relation_bytes(r: &RelationData) -> usize {
    std::mem::size_of::<RelationData>()
        + r.name.capacity()
        + r.tupdesc.attrs.iter().map(|a| std::mem::size_of_val(a) + a.name.capacity()).sum::<usize>()
        + r.checks.iter().map(|c| std::mem::size_of_val(c) + c.name.capacity() + c.expr.capacity()).sum::<usize>()
        + r.defaults.iter().map(|d| std::mem::size_of_val(d) + d.expr.capacity()).sum::<usize>()
        + r.view_query_text.as_ref().map_or(0, String::capacity)
}

/// The tuple descriptor of a system catalog, from its definition.
pub fn catalog_tupdesc(def: &CatalogDef) -> TupleDesc {
    TupleDesc::new(
        def.columns
            .iter()
            .map(|c| Attribute {
                name: c.name.to_string(),
                type_oid: c.type_oid,
                typmod: c.typmod,
                len: c.len,
                byval: c.byval,
                align: c.align,
                storage: c.storage,
                not_null: c.not_null,
                dropped: false,
                has_default: false,
                collation: c.collation,
                missing: None,
            })
            .collect(),
    )
}

/// The nailed entry of a system catalog (`formrdesc`): everything from the
/// compiled-in definition; the database is `my_db` unless it is shared.
pub fn catalog_relation(def: &CatalogDef, my_db: Oid) -> RelationData {
    RelationData {
        relid: def.oid,
        name: def.name.to_string(),
        namespace: PG_CATALOG_NAMESPACE,
        kind: RelKind::Table,
        persistence: Persistence::Permanent,
        owner: crate::BOOTSTRAP_SUPERUSER_ID,
        reltype: def.rowtype,
        shared: def.shared,
        rnode: RelFileNode {
            spc: if def.shared { GLOBAL_TABLESPACE_OID } else { DEFAULT_TABLESPACE_OID },
            db: if def.shared { 0 } else { my_db },
            rel: def.relfilenode(),
        },
        backend: None,
        tupdesc: Arc::new(catalog_tupdesc(def)),
        toast_relid: 0,
        checks: Vec::new(),
        defaults: Vec::new(),
        view_query_text: None,
        relpages: 0,
        reltuples: -1.0,
        has_index: false,
        fillfactor: 100,
    }
}

/// PostgreSQL's `elog(ERROR)` for an OID with no relation (XX000: a
/// caller held an OID whose relation was dropped meanwhile).
fn could_not_open(relid: Oid) -> PgError {
    PgError::new(SqlState::INTERNAL_ERROR, format!("could not open relation with OID {relid}"))
}

/// Builds the entry of a relation that is not a system catalog from its
/// catalog rows (`RelationBuildDesc`); `None` when `pg_class` has no row.
fn build_relation(relid: Oid) -> PgResult<Option<RelationData>> {
    let Some(class) = syscache::class_by_oid(relid)? else {
        return Ok(None);
    };
    let kind = RelKind::from_char(class.char(pg_class::RELKIND)).ok_or_else(|| {
        PgError::new(SqlState::DATA_CORRUPTED, format!("invalid relkind for relation with OID {relid}"))
    })?;
    let persistence = Persistence::from_char(class.char(pg_class::RELPERSISTENCE)).unwrap_or(Persistence::Permanent);
    let natts = usize::try_from(class.int2(pg_class::RELNATTS)).unwrap_or(0);
    let mut attrs: Vec<Option<Attribute>> = vec![None; natts];
    for row in scan_catalog(pg_attribute::RELATION_ID, |r| {
        r.get(pg_attribute::ATTRELID) == Some(&Datum::Oid(relid))
            && matches!(r.get(pg_attribute::ATTNUM), Some(Datum::Int2(n)) if *n > 0)
    })? {
        let attnum = row.int2(pg_attribute::ATTNUM);
        let Some(slot) = usize::try_from(attnum).ok().and_then(|n| attrs.get_mut(n - 1)) else {
            return Err(PgError::new(
                SqlState::DATA_CORRUPTED,
                format!("invalid attribute number {attnum} for relation with OID {relid}"),
            ));
        };
        *slot = Some(Attribute {
            name: row.text(pg_attribute::ATTNAME).to_string(),
            type_oid: row.oid(pg_attribute::ATTTYPID),
            typmod: row.int4(pg_attribute::ATTTYPMOD),
            len: row.int2(pg_attribute::ATTLEN),
            byval: row.bool(pg_attribute::ATTBYVAL),
            align: row.char(pg_attribute::ATTALIGN),
            storage: row.char(pg_attribute::ATTSTORAGE),
            not_null: row.bool(pg_attribute::ATTNOTNULL),
            dropped: row.bool(pg_attribute::ATTISDROPPED),
            has_default: row.bool(pg_attribute::ATTHASDEF),
            collation: row.oid(pg_attribute::ATTCOLLATION),
            // ALTER TABLE ADD COLUMN ... DEFAULT <constant> stores the value
            // older tuples read for the column as a one-item array.
            missing: if row.bool(pg_attribute::ATTHASMISSING) {
                match row.values.get(pg_attribute::ATTMISSINGVAL) {
                    Some(Datum::Array(items)) => items.first().filter(|d| !d.is_null()).cloned(),
                    _ => None,
                }
            } else {
                None
            },
        });
    }
    let attrs = attrs
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            a.ok_or_else(|| {
                PgError::new(
                    SqlState::DATA_CORRUPTED,
                    format!("catalog is missing {} attribute(s) for relation OID {relid}", natts - i),
                )
            })
        })
        .collect::<PgResult<Vec<_>>>()?;
    let defaults = if attrs.iter().any(|a| a.has_default) {
        scan_catalog(pg_attrdef::RELATION_ID, |r| r.get(pg_attrdef::ADRELID) == Some(&Datum::Oid(relid)))?
            .into_iter()
            .map(|r| AttrDefault { attnum: r.int2(pg_attrdef::ADNUM), expr: r.text(pg_attrdef::ADBIN).to_string() })
            .collect()
    } else {
        Vec::new()
    };
    let checks = if class.int2(pg_class::RELCHECKS) > 0 {
        scan_catalog(pg_constraint::RELATION_ID, |r| {
            r.get(pg_constraint::CONRELID) == Some(&Datum::Oid(relid))
                && r.get(pg_constraint::CONTYPE) == Some(&Datum::Char(b'c'))
        })?
        .into_iter()
        .map(|r| ConstrCheck {
            name: r.text(pg_constraint::CONNAME).to_string(),
            expr: r.text(pg_constraint::CONBIN).to_string(),
            no_inherit: r.bool(pg_constraint::CONNOINHERIT),
            validated: r.bool(pg_constraint::CONVALIDATED),
        })
        .collect()
    } else {
        Vec::new()
    };
    let view_query_text = if kind == RelKind::View {
        scan_catalog(pg_rewrite::RELATION_ID, |r| {
            r.get(pg_rewrite::EV_CLASS) == Some(&Datum::Oid(relid))
                && r.get(pg_rewrite::RULENAME) == Some(&Datum::Text("_RETURN".into()))
        })?
        .first()
        .map(|r| r.text(pg_rewrite::EV_ACTION).to_string())
    } else {
        None
    };
    let shared = class.bool(pg_class::RELISSHARED);
    let spc = match class.oid(pg_class::RELTABLESPACE) {
        0 => DEFAULT_TABLESPACE_OID,
        s => s,
    };
    Ok(Some(RelationData {
        relid,
        name: class.text(pg_class::RELNAME).to_string(),
        namespace: class.oid(pg_class::RELNAMESPACE),
        kind,
        persistence,
        owner: class.oid(pg_class::RELOWNER),
        reltype: class.oid(pg_class::RELTYPE),
        shared,
        rnode: RelFileNode {
            spc,
            db: if shared { 0 } else { crate::inval::my_database() },
            rel: class.oid(pg_class::RELFILENODE),
        },
        backend: if persistence == Persistence::Temp {
            crate::temp_backend_of(class.oid(pg_class::RELNAMESPACE))
        } else {
            None
        },
        tupdesc: Arc::new(TupleDesc::new(attrs)),
        toast_relid: class.oid(pg_class::RELTOASTRELID),
        checks,
        defaults,
        view_query_text,
        relpages: class.int4(pg_class::RELPAGES),
        reltuples: class.float4(pg_class::RELTUPLES),
        has_index: class.bool(pg_class::RELHASINDEX),
        fillfactor: fillfactor_of(&class.values[pg_class::RELOPTIONS]),
    }))
}

/// `fillfactor=N` among a relation's `reloptions` (validated when they
/// were stored), else 100.
fn fillfactor_of(reloptions: &Datum) -> u8 {
    let Datum::Array(items) = reloptions else { return 100 };
    items
        .iter()
        .find_map(|d| match d {
            Datum::Text(s) => s.strip_prefix("fillfactor=").and_then(|v| v.trim().parse::<f64>().ok()),
            _ => None,
        })
        .map_or(100, |v| v.round().clamp(10.0, 100.0) as u8)
}

/// The cached entry of `relid`, building it if needed
/// (`RelationIdGetRelation`); `None` when no such relation exists.
pub fn relation_id_get_relation(relid: Oid) -> PgResult<Option<Rc<RelationData>>> {
    if let Some(r) = CACHE.with(|c| c.borrow().get(&relid).map(|(r, _)| r.clone())) {
        return Ok(Some(r));
    }
    let built = match catdef::catalog_by_oid(relid) {
        Some(def) => Some(catalog_relation(def, crate::inval::my_database())),
        None => build_relation(relid)?,
    };
    Ok(built.map(|r| {
        let charge = pg_mcxt::create_cache_memory_context().charge(relation_bytes(&r));
        let r = Rc::new(r);
        CACHE.with(|c| c.borrow_mut().insert(relid, (r.clone(), charge)));
        r
    }))
}

/// Opens relation `relid` under `lockmode` (`relation_open`): takes the
/// lock, then applies pending invalidations (so the entry reflects every
/// change committed before the lock was granted), then returns the entry.
/// A missing relation is PostgreSQL's "could not open relation with OID".
pub fn relation_open(relid: Oid, lockmode: LockMode) -> PgResult<Rc<RelationData>> {
    lock_relation(relid, lockmode)?;
    relation_id_get_relation(relid)?.ok_or_else(|| could_not_open(relid))
}

/// Releases what [`relation_open`] took: the lock, unless `lockmode` is
/// `NoLock` (locks are normally kept to the end of the transaction, as
/// PostgreSQL does; this is for the cases that release early).
pub fn relation_close(rel: Rc<RelationData>, lockmode: LockMode) {
    if lockmode != LockMode::NoLock {
        unlock_relation(rel.relid, lockmode);
    }
}

/// Resolves `[schema.]name` (`RangeVarGetRelid`) through `search_path`
/// (the OIDs from [`crate::effective_search_path`]) and opens it. Errors
/// are PostgreSQL's: 3F000 `schema "s" does not exist`, 42P01 `relation
/// "x" does not exist` (the name as written).
pub fn relation_openrv(
    schema: Option<&str>,
    name: &str,
    search_path: &[Oid],
    lockmode: LockMode,
) -> PgResult<Rc<RelationData>> {
    let relid = match schema {
        Some(s) => {
            let ns = syscache::namespace_by_name(s)?
                .ok_or_else(|| PgError::new(SqlState::INVALID_SCHEMA_NAME, format!("schema \"{s}\" does not exist")))?;
            relname_get_relid(ns.oid(crate::catdef::pg_namespace::OID), name)?
        }
        None => {
            let mut found = None;
            for &ns in search_path {
                if let Some(r) = relname_get_relid(ns, name)? {
                    found = Some(r);
                    break;
                }
            }
            found
        }
    };
    let shown = match schema {
        Some(s) => format!("{s}.{name}"),
        None => name.to_string(),
    };
    let relid =
        relid.ok_or_else(|| PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist")))?;
    relation_open(relid, lockmode)
}

/// The OID of relation `name` in schema `namespace` (`get_relname_relid`).
pub fn relname_get_relid(namespace: Oid, name: &str) -> PgResult<Option<Oid>> {
    Ok(syscache::class_by_name(namespace, name)?.map(|c| c.oid(pg_class::OID)))
}

/// The storage of TOAST relation `relid`, for reading an external value
/// whose pointer names only the relation (registered with heapam's TOAST
/// code by [`crate::register_hooks`]).
pub fn toast_storage_rel(relid: Oid) -> PgResult<pg_storage::bufmgr::StorageRel> {
    Ok(relation_id_get_relation(relid)?.ok_or_else(|| could_not_open(relid))?.storage_rel())
}

/// Drops the cached entry of `relid` (`RelationCacheInvalidateEntry`).
pub fn invalidate(relid: Oid) {
    CACHE.with(|c| c.borrow_mut().remove(&relid));
}

/// Drops every cached entry (`RelationCacheInvalidate`).
pub fn invalidate_all() {
    CACHE.with(|c| c.borrow_mut().clear());
}

/// How many entries are cached (for tests and memory reports).
pub fn cached_count() -> usize {
    CACHE.with(|c| c.borrow().len())
}

// A new relation lock also applies pending invalidation messages (the
// lock manager calls `sinval::accept_invalidation_messages`, registered by
// `register_hooks`), so the entry built after it reflects every change
// committed before the lock was granted.
fn lock_relation(relid: Oid, mode: LockMode) -> PgResult<()> {
    match mode.lmgr_mode() {
        Some(m) => pg_proc::lock::lock_relation_oid(relid, m),
        None => Ok(()),
    }
}

fn unlock_relation(relid: Oid, mode: LockMode) {
    if let Some(m) = mode.lmgr_mode() {
        pg_proc::lock::unlock_relation_oid(relid, m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogs_are_nailed() {
        crate::inval::set_my_database(5);
        let rel = relation_open(pg_class::RELATION_ID, LockMode::AccessShare).unwrap();
        assert_eq!(rel.name, "pg_class");
        assert_eq!(rel.rnode, RelFileNode { spc: 1663, db: 5, rel: 1259 });
        assert_eq!(rel.tupdesc.attrs.len(), 33);
        assert_eq!(rel.attribute_by_name("relkind").map(|(n, _)| n), Some(17));
        assert_eq!(rel.attribute(2).unwrap().name, "relname");
        let authid = relation_open(catdef::pg_authid::RELATION_ID, LockMode::AccessShare).unwrap();
        assert_eq!(authid.rnode, RelFileNode { spc: 1664, db: 0, rel: 1260 });
        assert!(cached_count() >= 2);
        invalidate(pg_class::RELATION_ID);
        let again = relation_open(pg_class::RELATION_ID, LockMode::NoLock).unwrap();
        assert_eq!(*again, *rel);
    }
}
