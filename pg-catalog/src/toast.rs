//! TOAST relations of tables (PostgreSQL's `catalog/toasting.c`): a table
//! whose rows can grow past the TOAST threshold with values that may move
//! out of line gets `pg_toast.pg_toast_<relid>` (`chunk_id oid`,
//! `chunk_seq int4`, `chunk_data bytea`, all plain storage, no row type),
//! named in the table's `reltoastrelid` and internally dependent on it.
//! The heap's TOAST code (`pg_storage::toast::heaptoast`) writes and reads
//! its chunks.
//!
//! **Differences from PostgreSQL.** There is no toast index yet (PostgreSQL
//! makes `pg_toast_<relid>_index` on `(chunk_id, chunk_seq)`), and a
//! temporary table gets no toast relation (PostgreSQL puts one in
//! `pg_toast_temp_N`): its rows are limited to a page after compression.

use crate::catdef::{self, pg_attribute, pg_class, pg_depend};
use crate::indexing::{catalog_tuple_delete, catalog_tuple_insert, catalog_tuple_update};
use crate::scan::scan_catalog;
use crate::{syscache, Persistence, RelKind};
use pg_error::{PgError, PgResult};
use pg_storage::toast::heaptoast::{needs_toast_table, toast_tupdesc};
use pg_storage::tupdesc::TupleDesc;
use pg_types::datum::Datum;
use pg_types::types::Oid;

/// `PG_TOAST_NAMESPACE`.
pub const PG_TOAST_NAMESPACE: Oid = 99;

/// `DEPENDENCY_INTERNAL`.
const DEPENDENCY_INTERNAL: u8 = b'i';

/// `create_toast_table`: when rows of `desc` need one (see
/// `needs_toast_table`), makes the toast relation of table `relid`,
/// records it in the table's `reltoastrelid` and creates its file; returns
/// its OID. `new_oid` hands out OIDs, `nest_level` is the transaction
/// level whose abort removes the file.
pub fn create_toast_table(
    relid: Oid,
    desc: &TupleDesc,
    persistence: Persistence,
    owner: Oid,
    database: Oid,
    nest_level: u32,
    new_oid: &mut dyn FnMut() -> PgResult<Oid>,
) -> PgResult<Option<Oid>> {
    if persistence == Persistence::Temp || !needs_toast_table(desc) {
        return Ok(None);
    }
    let table = syscache::class_by_oid(relid)?
        .ok_or_else(|| PgError::internal(format!("cache lookup failed for relation {relid}")))?;
    let toast = new_oid()?;
    let cols = toast_tupdesc();

    let mut c = catdef::new_row(&pg_class::DEF);
    c[pg_class::OID] = Datum::Oid(toast);
    c[pg_class::RELNAME] = Datum::Text(format!("pg_toast_{relid}"));
    c[pg_class::RELNAMESPACE] = Datum::Oid(PG_TOAST_NAMESPACE);
    c[pg_class::RELTYPE] = Datum::Oid(0);
    c[pg_class::RELOWNER] = Datum::Oid(owner);
    c[pg_class::RELAM] = Datum::Oid(crate::bootstrap::HEAP_TABLE_AM_OID);
    c[pg_class::RELFILENODE] = Datum::Oid(toast);
    c[pg_class::RELTABLESPACE] = Datum::Oid(0);
    c[pg_class::RELPAGES] = Datum::Int4(0);
    c[pg_class::RELTUPLES] = Datum::Float4(-1.0);
    c[pg_class::RELALLVISIBLE] = Datum::Int4(0);
    c[pg_class::RELPERSISTENCE] = Datum::Char(persistence.as_char());
    c[pg_class::RELKIND] = Datum::Char(RelKind::Toast.as_char());
    c[pg_class::RELNATTS] = Datum::Int2(cols.natts() as i16);
    c[pg_class::RELCHECKS] = Datum::Int2(0);
    c[pg_class::RELISPOPULATED] = Datum::Bool(true);
    c[pg_class::RELREPLIDENT] = Datum::Char(b'n');
    c[pg_class::RELFROZENXID] = table.values[pg_class::RELFROZENXID].clone();
    c[pg_class::RELMINMXID] = table.values[pg_class::RELMINMXID].clone();
    catalog_tuple_insert(pg_class::RELATION_ID, &c)?;

    for (i, att) in cols.attrs.iter().enumerate() {
        let mut a = catdef::new_row(&pg_attribute::DEF);
        a[pg_attribute::ATTRELID] = Datum::Oid(toast);
        a[pg_attribute::ATTNAME] = Datum::Text(att.name.clone());
        a[pg_attribute::ATTTYPID] = Datum::Oid(att.type_oid);
        a[pg_attribute::ATTSTATTARGET] = Datum::Int4(-1);
        a[pg_attribute::ATTLEN] = Datum::Int2(att.len);
        a[pg_attribute::ATTNUM] = Datum::Int2(i as i16 + 1);
        a[pg_attribute::ATTNDIMS] = Datum::Int4(0);
        a[pg_attribute::ATTCACHEOFF] = Datum::Int4(-1);
        a[pg_attribute::ATTTYPMOD] = Datum::Int4(-1);
        a[pg_attribute::ATTBYVAL] = Datum::Bool(att.byval);
        a[pg_attribute::ATTALIGN] = Datum::Char(att.align);
        a[pg_attribute::ATTSTORAGE] = Datum::Char(att.storage);
        a[pg_attribute::ATTCOMPRESSION] = Datum::Char(0);
        a[pg_attribute::ATTNOTNULL] = Datum::Bool(false);
        a[pg_attribute::ATTHASDEF] = Datum::Bool(false);
        a[pg_attribute::ATTIDENTITY] = Datum::Char(0);
        a[pg_attribute::ATTGENERATED] = Datum::Char(0);
        a[pg_attribute::ATTISLOCAL] = Datum::Bool(true);
        a[pg_attribute::ATTCOLLATION] = Datum::Oid(0);
        catalog_tuple_insert(pg_attribute::RELATION_ID, &a)?;
    }
    for a in crate::bootstrap::system_attribute_rows(toast) {
        catalog_tuple_insert(pg_attribute::RELATION_ID, &a)?;
    }

    let mut d = catdef::new_row(&pg_depend::DEF);
    d[pg_depend::CLASSID] = Datum::Oid(pg_class::RELATION_ID);
    d[pg_depend::OBJID] = Datum::Oid(toast);
    d[pg_depend::OBJSUBID] = Datum::Int4(0);
    d[pg_depend::REFCLASSID] = Datum::Oid(pg_class::RELATION_ID);
    d[pg_depend::REFOBJID] = Datum::Oid(relid);
    d[pg_depend::REFOBJSUBID] = Datum::Int4(0);
    d[pg_depend::DEPTYPE] = Datum::Char(DEPENDENCY_INTERNAL);
    catalog_tuple_insert(pg_depend::RELATION_ID, &d)?;

    let mut updated = table.values.clone();
    updated[pg_class::RELTOASTRELID] = Datum::Oid(toast);
    catalog_tuple_update(pg_class::RELATION_ID, &table, &updated)?;

    let rnode = pg_wal::block::RelFileNode { spc: pg_wal::block::DEFAULT_TABLESPACE_OID, db: database, rel: toast };
    crate::relstorage::relation_create_storage(rnode, None, persistence == Persistence::Permanent, nest_level)?;
    Ok(Some(toast))
}

/// Drops the toast relation `toast` of a table being dropped: its
/// `pg_class` and `pg_attribute` rows now, its file at commit. (Its
/// `pg_depend` row goes with the table's dependencies.)
pub fn drop_toast_table(toast: Oid, nest_level: u32) -> PgResult<()> {
    let Some(class) = syscache::class_by_oid(toast)? else { return Ok(()) };
    for r in scan_catalog(pg_attribute::RELATION_ID, |r| r[pg_attribute::ATTRELID] == Datum::Oid(toast))? {
        catalog_tuple_delete(pg_attribute::RELATION_ID, &r)?;
    }
    catalog_tuple_delete(pg_class::RELATION_ID, &class)?;
    let rnode = pg_wal::block::RelFileNode {
        spc: pg_wal::block::DEFAULT_TABLESPACE_OID,
        db: crate::inval::my_database(),
        rel: class.oid(pg_class::RELFILENODE),
    };
    crate::relstorage::relation_drop_storage(rnode, None, nest_level);
    Ok(())
}
