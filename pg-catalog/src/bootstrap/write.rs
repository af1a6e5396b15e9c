//! initdb's bootstrap mode (PostgreSQL's `bootstrap.c` + `heap_insert` as
//! the bootstrap transaction): lays the initial rows straight into the
//! catalogs' files, before any shared memory, buffer pool or WAL exists,
//! as PostgreSQL's bootstrap backend does.
//!
//! Every tuple is the bootstrap transaction's (xmin 1, which every
//! snapshot sees as committed; `HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID`
//! hint bits set), its `t_ctid` its own address. Pages are filled in order
//! and written once through smgr; nothing is WAL-logged (PostgreSQL's
//! initdb does not log bootstrap either: the shutdown checkpoint after it
//! is the first redo point). `template1`'s directory is then copied to
//! `template0` and `postgres` (PostgreSQL's CREATE DATABASE ... FILE_COPY).

use super::CatalogRows;
use crate::catdef::{self, pg_class, CatalogDef};
use crate::relcache::catalog_tupdesc;
use pg_error::{PgError, PgResult, SqlState};
use pg_storage::heap::tuple::{heap_form_tuple, ItemPointer, TupleHeader, HEAP_XMAX_INVALID, HEAP_XMIN_COMMITTED};
use pg_storage::page::{AddItemOptions, Page};
use pg_types::{Datum, Oid};
use pg_wal::block::{ForkNumber, RelFileNode, DEFAULT_TABLESPACE_OID, GLOBAL_TABLESPACE_OID};
use std::path::Path;

/// `template1`'s OID, the database bootstrap writes.
pub const TEMPLATE1_OID: Oid = 1;

/// What bootstrap wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BootstrapStats {
    /// Catalog files made (shared ones once, the others per database).
    pub relations: usize,
    /// Rows written into template1 and the shared catalogs.
    pub tuples: usize,
    /// Pages written into template1 and the shared catalogs.
    pub pages: usize,
}

/// The file of catalog `def` in database `db`.
pub fn catalog_rnode(def: &CatalogDef, db: Oid) -> RelFileNode {
    if def.shared {
        RelFileNode { spc: GLOBAL_TABLESPACE_OID, db: 0, rel: def.relfilenode() }
    } else {
        RelFileNode { spc: DEFAULT_TABLESPACE_OID, db, rel: def.relfilenode() }
    }
}

/// Lays `rows` out into heap pages.
fn layout(def: &CatalogDef, rows: &[Vec<Datum>]) -> PgResult<Vec<Box<Page>>> {
    let mut pages = Vec::new();
    layout_into(def, rows, &mut pages)?;
    Ok(pages)
}

/// Adds `rows` to the heap pages `pages` (after the last tuple, then on new
/// pages).
fn layout_into(def: &CatalogDef, rows: &[Vec<Datum>], pages: &mut Vec<Box<Page>>) -> PgResult<()> {
    let desc = catalog_tupdesc(def);
    for row in rows {
        let mut tup = heap_form_tuple(&desc, row)?;
        tup.data.set_xmin(pg_proc::xid::BOOTSTRAP_TRANSACTION_ID);
        tup.data.set_xmax(pg_proc::xid::INVALID_TRANSACTION_ID);
        tup.data.set_raw_cid(pg_proc::xid::FIRST_COMMAND_ID);
        let mask = tup.data.infomask();
        tup.data.set_infomask(mask | HEAP_XMIN_COMMITTED | HEAP_XMAX_INVALID);
        let opts = AddItemOptions { offset: None, overwrite: false, is_heap: true };
        let need_new = match pages.last_mut() {
            Some(p) => p.add_item(&tup.data, opts).map(|off| (p, off)).is_none(),
            None => true,
        };
        if need_new {
            let mut p = Page::new_zeroed();
            p.init(0);
            if p.add_item(&tup.data, opts).is_none() {
                return Err(PgError::new(
                    SqlState::PROGRAM_LIMIT_EXCEEDED,
                    format!("row of \"{}\" is too big for a page ({} bytes)", def.name, tup.data.len()),
                ));
            }
            pages.push(p);
        }
        // The tuple's t_ctid is its own address.
        let blk = (pages.len() - 1) as u32;
        let page = pages.last_mut().expect("a page was just used");
        let off = page.max_offset();
        page.get_item_mut(off).set_ctid(ItemPointer::new(blk, off));
    }
    Ok(())
}

/// Writes a catalog's file in one go. Not through smgr and not fsynced:
/// initdb syncs the whole data directory once at the end, as PostgreSQL's
/// initdb runs its bootstrap backend with fsync off and then syncs.
fn write_pages(rnode: RelFileNode, pages: &[Box<Page>]) -> PgResult<()> {
    let dir = pg_storage::fd::data_directory()
        .ok_or_else(|| PgError::new(SqlState::INTERNAL_ERROR, "the data directory is not set"))?;
    let path = dir.join(rnode.path(None, ForkNumber::Main));
    let mut bytes = Vec::with_capacity(pages.len() * pg_wal::block::BLCKSZ);
    for p in pages {
        bytes.extend_from_slice(p.bytes());
    }
    std::fs::write(&path, bytes)
        .map_err(|e| PgError::new(SqlState::IO_ERROR, format!("could not write file \"{}\": {e}", path.display())))
}

/// Writes every catalog of template1 and the shared catalogs from `rows`
/// (from [`super::bootstrap_rows`]), `pg_class.relpages`/`reltuples`
/// filled in with what was written. The data directory must be set
/// (`pg_storage::fd::set_data_directory`) and `global/` and `base/1` exist.
pub fn write_catalogs(mut rows: CatalogRows) -> PgResult<BootstrapStats> {
    let mut stats = BootstrapStats::default();
    let mut laid: Vec<(&CatalogDef, Vec<Box<Page>>)> = Vec::new();
    // Every catalog but pg_class first: their sizes go into pg_class's rows.
    for def in catdef::CATALOGS.iter().copied().filter(|d| d.oid != pg_class::RELATION_ID) {
        let r = rows.get(&def.oid).map(Vec::as_slice).unwrap_or(&[]);
        let (pages, ntuples) = (layout(def, r)?, r.len());
        set_class_stats(&mut rows, def.oid, pages.len(), ntuples);
        stats.tuples += ntuples;
        laid.push((def, pages));
    }
    // pg_class's own size does not depend on the numbers in it (fixed-width
    // columns), so one layout tells them.
    let class_rows = rows.get(&pg_class::RELATION_ID).cloned().unwrap_or_default();
    let npages = layout(&pg_class::DEF, &class_rows)?.len();
    set_class_stats(&mut rows, pg_class::RELATION_ID, npages, class_rows.len());
    let class_rows = &rows[&pg_class::RELATION_ID];
    laid.push((&pg_class::DEF, layout(&pg_class::DEF, class_rows)?));
    stats.tuples += class_rows.len();
    for (def, pages) in &laid {
        write_pages(catalog_rnode(def, TEMPLATE1_OID), pages)?;
        stats.relations += 1;
        stats.pages += pages.len();
    }
    Ok(stats)
}

/// Appends rows to template1's (and the shared) catalogs after
/// [`write_catalogs`]: what initdb adds once the catalogs can be read, such
/// as the system views' rows, which need the analyzer.
pub fn append_rows(rows: &[(Oid, Vec<Datum>)]) -> PgResult<()> {
    let dir = pg_storage::fd::data_directory()
        .ok_or_else(|| PgError::new(SqlState::INTERNAL_ERROR, "the data directory is not set"))?;
    let mut by_catalog: Vec<(&CatalogDef, Vec<Vec<Datum>>)> = Vec::new();
    for (cat, row) in rows {
        let def = crate::scan::catalog_def(*cat)?;
        match by_catalog.iter_mut().find(|(d, _)| d.oid == def.oid) {
            Some((_, rs)) => rs.push(row.clone()),
            None => by_catalog.push((def, vec![row.clone()])),
        }
    }
    for (def, rs) in by_catalog {
        let rnode = catalog_rnode(def, TEMPLATE1_OID);
        let path = dir.join(rnode.path(None, ForkNumber::Main));
        let bytes = std::fs::read(&path).map_err(|e| {
            PgError::new(SqlState::IO_ERROR, format!("could not read file \"{}\": {e}", path.display()))
        })?;
        let mut pages: Vec<Box<Page>> = bytes
            .chunks_exact(pg_wal::block::BLCKSZ)
            .map(|c| {
                let mut p = Page::new_zeroed();
                p.bytes_mut().copy_from_slice(c);
                p
            })
            .collect();
        layout_into(def, &rs, &mut pages)?;
        write_pages(rnode, &pages)?;
    }
    Ok(())
}

/// Copies template1, complete, to template0 (4) and postgres (5).
pub fn copy_template1(data_dir: &Path) -> PgResult<()> {
    for db in [4, 5] {
        copy_database_dir(data_dir, TEMPLATE1_OID, db)?;
    }
    Ok(())
}

/// The first half of bootstrap: template1's and the shared catalogs' rows.
pub fn write_template1(data_dir: &Path, superuser: &str) -> PgResult<BootstrapStats> {
    pg_storage::fd::set_data_directory(data_dir);
    let base1 = data_dir.join("base/1");
    std::fs::create_dir_all(&base1).map_err(|e| {
        PgError::new(SqlState::IO_ERROR, format!("could not create directory \"{}\": {e}", base1.display()))
    })?;
    // The bootstrap process reads template1's catalogs from here on.
    crate::inval::set_my_database(TEMPLATE1_OID);
    write_catalogs(super::bootstrap_rows(superuser))
}

/// Bootstrap mode from start to end, as initdb runs it on a new data
/// directory whose `global/` and `base/` exist: writes template1's and the
/// shared catalogs' rows (every function registered by then is in
/// `pg_proc`), then copies template1 to template0 (4) and postgres (5).
/// Nothing is fsynced: the caller makes the data directory durable
/// afterwards, once for all files (initdb's `sync_data_directory`).
pub fn bootstrap_cluster(data_dir: &Path, superuser: &str) -> PgResult<BootstrapStats> {
    let stats = write_template1(data_dir, superuser)?;
    copy_template1(data_dir)?;
    Ok(stats)
}

fn set_class_stats(rows: &mut CatalogRows, relid: Oid, pages: usize, tuples: usize) {
    if let Some(class) = rows
        .get_mut(&pg_class::RELATION_ID)
        .and_then(|rs| rs.iter_mut().find(|r| r[pg_class::OID] == Datum::Oid(relid)))
    {
        class[pg_class::RELPAGES] = Datum::Int4(pages as i32);
        class[pg_class::RELTUPLES] = Datum::Float4(tuples as f32);
    }
}

/// Copies database `from`'s directory to a new database `to`
/// (`base/<from>` → `base/<to>`), file by file, without fsync (initdb
/// syncs everything at its end): CREATE DATABASE's FILE_COPY strategy as
/// initdb uses it.
pub fn copy_database_dir(data_dir: &Path, from: Oid, to: Oid) -> PgResult<()> {
    let src = data_dir.join(format!("base/{from}"));
    let dst = data_dir.join(format!("base/{to}"));
    let io = |what: &str, p: &Path, e: std::io::Error| {
        PgError::new(SqlState::IO_ERROR, format!("could not {what} \"{}\": {e}", p.display()))
    };
    std::fs::create_dir_all(&dst).map_err(|e| io("create directory", &dst, e))?;
    for entry in std::fs::read_dir(&src).map_err(|e| io("open directory", &src, e))? {
        let entry = entry.map_err(|e| io("read directory", &src, e))?;
        if !entry.file_type().map_err(|e| io("stat", &entry.path(), e))?.is_file() {
            continue;
        }
        let target = dst.join(entry.file_name());
        std::fs::copy(entry.path(), &target).map_err(|e| io("copy file", &entry.path(), e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syscache;

    #[test]
    fn bootstrap_writes_readable_catalogs() {
        let dir = std::env::temp_dir().join(format!("pgcat-boot-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["global", "base/1"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        pg_storage::fd::set_data_directory(&dir);
        let stats = write_catalogs(super::super::bootstrap_rows("postgres")).unwrap();
        assert_eq!(stats.relations, 64);
        copy_database_dir(&dir, 1, 5).unwrap();
        assert!(dir.join("base/5/1259").exists() && dir.join("global/1260").exists());
        crate::inval::set_my_database(5);
        let db = syscache::database_by_name("template0").unwrap().unwrap();
        assert_eq!(db.oid(catdef::pg_database::OID), 4);
        assert!(!db.bool(catdef::pg_database::DATALLOWCONN));
        let su = syscache::authid_by_oid(10).unwrap().unwrap();
        assert_eq!(su.text(catdef::pg_authid::ROLNAME), "postgres");
        assert!(su.bool(catdef::pg_authid::ROLSUPER));
        let ns = syscache::namespace_by_name("public").unwrap().unwrap();
        assert_eq!(ns.oid(catdef::pg_namespace::OID), 2200);
        let class = syscache::class_by_name(11, "pg_attribute").unwrap().unwrap();
        assert_eq!(class.oid(pg_class::OID), 1249);
        assert!(class.int4(pg_class::RELPAGES) > 0);
        let att = syscache::attribute_by_name(1259, "relkind").unwrap().unwrap();
        assert_eq!(att.int2(catdef::pg_attribute::ATTNUM), 17);
        assert_eq!(att.char(catdef::pg_attribute::ATTALIGN), b'c');
        assert!(syscache::namespace_by_name("nosuch").unwrap().is_none());
        // The analyzer's catalog: schemas and relations from the files.
        use crate::Catalog;
        let cat = crate::HeapCatalog;
        assert_eq!(cat.namespace_by_name("information_schema").map(|n| n.oid), Some(13207));
        let rel = cat.relation(11, "pg_namespace").unwrap();
        assert_eq!(rel.source, crate::RelationSource::Heap { relid: 2615 });
        assert_eq!(
            rel.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["oid", "nspname", "nspowner", "nspacl"]
        );
        // The system views are rows initdb appends after bootstrap (pg-tcop's
        // sysviews.rs): nothing answers for them before that.
        assert!(cat.relation(11, "pg_settings").is_none());
        assert!(cat.relation(2200, "pg_class").is_none());
        let int4 = syscache::type_by_oid(23).unwrap().unwrap();
        assert_eq!(int4.text(catdef::pg_type::TYPNAME), "int4");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
