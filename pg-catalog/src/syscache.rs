//! The system caches (PostgreSQL's `syscache.c` over `catcache.c`): keyed
//! lookups of single catalog rows, by OID or by name, remembered per
//! backend until an invalidation message says the row may have changed.
//!
//! Each [`SysCacheId`] names one catalog and its key columns. A lookup
//! hashes the key ([`key_hash`]), looks in the process's cache, and on a
//! miss scans the catalog ([`crate::scan::scan_catalog`]); misses are
//! remembered too (PostgreSQL's negative entries), so "does schema x
//! exist" costs one scan per invalidation, not one per query.
//! Invalidation ([`invalidate`], [`reset_all`]) comes from
//! [`crate::inval`] with the cache id and the key hash, as PostgreSQL's
//! catcache messages do.

use crate::catdef::{pg_attribute, pg_authid, pg_class, pg_database, pg_namespace, pg_proc, pg_type};
use crate::scan::{scan_catalog, CatalogTuple};
use pg_error::PgResult;
use pg_types::{Datum, Oid};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The caches (PostgreSQL's names in the comments).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum SysCacheId {
    /// `RELOID`: pg_class by oid.
    RelOid = 0,
    /// `RELNAMENSP`: pg_class by (relname, relnamespace).
    RelNameNsp = 1,
    /// `NAMESPACEOID`.
    NamespaceOid = 2,
    /// `NAMESPACENAME`.
    NamespaceName = 3,
    /// `TYPEOID`.
    TypeOid = 4,
    /// `TYPENAMENSP`: (typname, typnamespace).
    TypeNameNsp = 5,
    /// `AUTHOID`.
    AuthOid = 6,
    /// `AUTHNAME`.
    AuthName = 7,
    /// `DATABASEOID`.
    DatabaseOid = 8,
    /// `DATABASENAME` (PostgreSQL 15 has no such syscache and scans; one is
    /// kept here because startup asks it on every connection).
    DatabaseName = 9,
    /// `ATTNUM`: pg_attribute by (attrelid, attnum).
    AttNum = 10,
    /// `ATTNAME`: pg_attribute by (attrelid, attname).
    AttName = 11,
    /// `PROCOID`.
    ProcOid = 12,
}

impl SysCacheId {
    /// Every cache.
    pub const ALL: [SysCacheId; 13] = [
        SysCacheId::RelOid,
        SysCacheId::RelNameNsp,
        SysCacheId::NamespaceOid,
        SysCacheId::NamespaceName,
        SysCacheId::TypeOid,
        SysCacheId::TypeNameNsp,
        SysCacheId::AuthOid,
        SysCacheId::AuthName,
        SysCacheId::DatabaseOid,
        SysCacheId::DatabaseName,
        SysCacheId::AttNum,
        SysCacheId::AttName,
        SysCacheId::ProcOid,
    ];

    /// The catalog it caches and the positions of its key columns.
    pub fn definition(self) -> (Oid, &'static [usize]) {
        match self {
            SysCacheId::RelOid => (pg_class::RELATION_ID, &[pg_class::OID]),
            SysCacheId::RelNameNsp => (pg_class::RELATION_ID, &[pg_class::RELNAME, pg_class::RELNAMESPACE]),
            SysCacheId::NamespaceOid => (pg_namespace::RELATION_ID, &[pg_namespace::OID]),
            SysCacheId::NamespaceName => (pg_namespace::RELATION_ID, &[pg_namespace::NSPNAME]),
            SysCacheId::TypeOid => (pg_type::RELATION_ID, &[pg_type::OID]),
            SysCacheId::TypeNameNsp => (pg_type::RELATION_ID, &[pg_type::TYPNAME, pg_type::TYPNAMESPACE]),
            SysCacheId::AuthOid => (pg_authid::RELATION_ID, &[pg_authid::OID]),
            SysCacheId::AuthName => (pg_authid::RELATION_ID, &[pg_authid::ROLNAME]),
            SysCacheId::DatabaseOid => (pg_database::RELATION_ID, &[pg_database::OID]),
            SysCacheId::DatabaseName => (pg_database::RELATION_ID, &[pg_database::DATNAME]),
            SysCacheId::AttNum => (pg_attribute::RELATION_ID, &[pg_attribute::ATTRELID, pg_attribute::ATTNUM]),
            SysCacheId::AttName => (pg_attribute::RELATION_ID, &[pg_attribute::ATTRELID, pg_attribute::ATTNAME]),
            SysCacheId::ProcOid => (pg_proc::RELATION_ID, &[pg_proc::OID]),
        }
    }

    /// The caches over catalog `relid`.
    pub fn caches_of(relid: Oid) -> impl Iterator<Item = SysCacheId> {
        SysCacheId::ALL.into_iter().filter(move |c| c.definition().0 == relid)
    }
}

/// The hash of a lookup key, carried in invalidation messages (PostgreSQL's
/// `hashValue`). Stable across processes: FNV-1a over the key's bytes.
pub fn key_hash(key: &[Datum]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u32::from(*b);
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    for d in key {
        match d {
            Datum::Oid(v) => feed(&v.to_le_bytes()),
            Datum::Int2(v) => feed(&i32::from(*v).to_le_bytes()),
            Datum::Int4(v) => feed(&v.to_le_bytes()),
            Datum::Text(s) => feed(s.as_bytes()),
            Datum::Char(c) => feed(&[*c]),
            Datum::Bool(b) => feed(&[u8::from(*b)]),
            other => feed(format!("{other:?}").as_bytes()),
        }
        feed(&[0xff]);
    }
    h
}

/// The key of `row` for cache `id`.
pub fn row_key(id: SysCacheId, row: &[Datum]) -> Vec<Datum> {
    id.definition().1.iter().map(|&i| row.get(i).cloned().unwrap_or(Datum::Null)).collect()
}

/// A cached key with its row (or `None`: no such row), and the memory it
/// takes, charged to `CacheMemoryContext` so the caches show in
/// `pg_backend_memory_contexts` as PostgreSQL's do.
type Entry = (Vec<Datum>, Option<Rc<CatalogTuple>>, pg_mcxt::MemoryCharge);

/// Roughly the bytes a value takes in the process heap.
pub(crate) fn datum_bytes(d: &Datum) -> usize {
    std::mem::size_of::<Datum>()
        + match d {
            Datum::Text(s) => s.capacity(),
            Datum::Bytea(b) => b.capacity(),
            Datum::Array(items) => items.iter().map(datum_bytes).sum(),
            Datum::Record(items) => items.iter().map(datum_bytes).sum(),
            _ => 0,
        }
}

fn entry_bytes(key: &[Datum], row: Option<&CatalogTuple>) -> usize {
    let row_bytes =
        row.map_or(0, |r| std::mem::size_of::<CatalogTuple>() + r.values.iter().map(datum_bytes).sum::<usize>());
    std::mem::size_of::<Entry>() + key.iter().map(datum_bytes).sum::<usize>() + row_bytes
}

thread_local! {
    /// Per cache: hash -> entries with that hash (key, row or negative).
    static CACHES: RefCell<HashMap<(SysCacheId, u32), Vec<Entry>>> = RefCell::new(HashMap::new());
}

/// Looks up the row of cache `id` with key `key` (`SearchSysCache`), `None`
/// when there is none visible to the catalog snapshot.
pub fn search(id: SysCacheId, key: &[Datum]) -> PgResult<Option<Rc<CatalogTuple>>> {
    let hash = key_hash(key);
    let hit = CACHES.with(|c| {
        c.borrow()
            .get(&(id, hash))
            .and_then(|v| v.iter().find(|(k, _, _)| k.as_slice() == key).map(|(_, r, _)| r.clone()))
    });
    if let Some(found) = hit {
        return Ok(found);
    }
    let (relid, cols) = id.definition();
    let rows = scan_catalog(relid, |row| cols.iter().zip(key).all(|(&i, k)| row.get(i) == Some(k)))?;
    let found = rows.into_iter().next().map(Rc::new);
    let charge = pg_mcxt::create_cache_memory_context().charge(entry_bytes(key, found.as_deref()));
    CACHES.with(|c| c.borrow_mut().entry((id, hash)).or_default().push((key.to_vec(), found.clone(), charge)));
    Ok(found)
}

/// Forgets the entries of cache `id` with key hash `hash`
/// (`CatalogCacheIdInvalidate`).
pub fn invalidate(id: SysCacheId, hash: u32) {
    CACHES.with(|c| c.borrow_mut().remove(&(id, hash)));
}

/// Forgets every entry of every cache (`ResetCatalogCaches`).
pub fn reset_all() {
    CACHES.with(|c| c.borrow_mut().clear());
}

/// `pg_class` row by OID.
pub fn class_by_oid(relid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::RelOid, &[Datum::Oid(relid)])
}

/// `pg_class` row by name in schema `namespace`.
pub fn class_by_name(namespace: Oid, name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::RelNameNsp, &[Datum::Text(name.to_string()), Datum::Oid(namespace)])
}

/// `pg_namespace` row by OID.
pub fn namespace_by_oid(oid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::NamespaceOid, &[Datum::Oid(oid)])
}

/// `pg_namespace` row by name.
pub fn namespace_by_name(name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::NamespaceName, &[Datum::Text(name.to_string())])
}

/// `pg_type` row by OID.
pub fn type_by_oid(oid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::TypeOid, &[Datum::Oid(oid)])
}

/// `pg_type` row by name in schema `namespace`.
pub fn type_by_name(namespace: Oid, name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::TypeNameNsp, &[Datum::Text(name.to_string()), Datum::Oid(namespace)])
}

/// `pg_authid` row by OID.
pub fn authid_by_oid(oid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::AuthOid, &[Datum::Oid(oid)])
}

/// `pg_authid` row by role name.
pub fn authid_by_name(name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::AuthName, &[Datum::Text(name.to_string())])
}

/// `pg_database` row by OID.
pub fn database_by_oid(oid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::DatabaseOid, &[Datum::Oid(oid)])
}

/// `pg_database` row by name.
pub fn database_by_name(name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::DatabaseName, &[Datum::Text(name.to_string())])
}

/// `pg_attribute` row of relation `relid`, column `attnum`.
pub fn attribute_by_num(relid: Oid, attnum: i16) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::AttNum, &[Datum::Oid(relid), Datum::Int2(attnum)])
}

/// `pg_attribute` row of relation `relid`, column `name`.
pub fn attribute_by_name(relid: Oid, name: &str) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::AttName, &[Datum::Oid(relid), Datum::Text(name.to_string())])
}

/// `pg_proc` row by OID.
pub fn proc_by_oid(oid: Oid) -> PgResult<Option<Rc<CatalogTuple>>> {
    search(SysCacheId::ProcOid, &[Datum::Oid(oid)])
}

/// The name `format_type` prints for a type pg-types does not know (the
/// catalogs' own types such as `aclitem`, and row types): its `typname`,
/// or its element's name with `[]` for an array type. `None` when there is
/// no such type.
pub fn catalog_type_name(oid: Oid) -> PgResult<Option<String>> {
    let Some(row) = type_by_oid(oid)? else { return Ok(None) };
    let elem = row.oid(pg_type::TYPELEM);
    if elem != 0 && row.char(pg_type::TYPCATEGORY) == b'A' {
        let elem_name = match pg_types::lookup_type(elem) {
            Some(_) => Some(pg_types::format_type(elem, -1)),
            None => catalog_type_name(elem)?,
        };
        return Ok(elem_name.map(|n| format!("{n}[]")));
    }
    Ok(Some(row.text(pg_type::TYPNAME).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hashes_are_stable_and_keyed() {
        let a = key_hash(&[Datum::Text("t".into()), Datum::Oid(2200)]);
        assert_eq!(a, key_hash(&[Datum::Text("t".into()), Datum::Oid(2200)]));
        assert_ne!(a, key_hash(&[Datum::Text("t".into()), Datum::Oid(11)]));
        assert_ne!(
            key_hash(&[Datum::Text("ab".into()), Datum::Text("c".into())]),
            key_hash(&[Datum::Text("a".into()), Datum::Text("bc".into())])
        );
        let row = crate::catdef::new_row(&pg_class::DEF);
        assert_eq!(row_key(SysCacheId::RelNameNsp, &row).len(), 2);
        assert_eq!(SysCacheId::caches_of(pg_class::RELATION_ID).count(), 2);
    }
}
