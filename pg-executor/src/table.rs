//! Tables as the executor meets them (PostgreSQL's `executor/execMain.c`
//! `ExecOpenScanRelation`, `execTuples.c`'s heap-tuple slots and
//! `access/table/tableam.c`'s thin layer over heapam): opening a table the
//! analyzer locked, turning its stored tuples into scan rows and rows into
//! tuples, and the row address (`ctid`) as a value.
//!
//! A row address travels in a plan's rows as the junk `ctid` column, a
//! `Datum::Int8` of `block << 16 | offset` (type `tid`).

use crate::nodes::Row;
use pg_catalog::relcache::RelationData;
use pg_error::{PgError, PgResult};
use pg_storage::bufmgr::{Persistence, StorageRel};
use pg_storage::heap::tuple::{heap_deform_some, DeformState, HeapTuple, ItemPointer};
use pg_storage::toast::heaptoast::{heap_toast_insert_or_update, heap_toast_insert_or_update_reusing, ToastTarget};
use pg_types::datum::Datum;
use pg_types::types::Oid;
use std::rc::Rc;

/// An open table: its relation cache entry, its storage, and its TOAST
/// relation if it has one.
pub(crate) struct Table {
    pub(crate) rel: Rc<RelationData>,
    pub(crate) storage: StorageRel,
    toast: Option<ToastTarget>,
}

fn storage_of(rel: &RelationData) -> StorageRel {
    StorageRel {
        relid: rel.relid,
        rnode: rel.rnode,
        persistence: match rel.persistence {
            pg_catalog::Persistence::Permanent => Persistence::Permanent,
            pg_catalog::Persistence::Unlogged => Persistence::Unlogged,
            pg_catalog::Persistence::Temp => Persistence::Temp,
        },
        backend: rel.backend,
        fillfactor: rel.fillfactor,
    }
}

/// Opens a table with the lock its use needs (`ExecOpenScanRelation`,
/// `AcquireExecutorLocks`): PostgreSQL's lock mode number `lock_mode`.
/// The analyzer took it already for a statement run at once (the lock
/// manager then answers from the backend's own table); a prepared
/// statement run in a later transaction takes it here.
pub(crate) fn open_table(relid: Oid, lock_mode: u8) -> PgResult<Table> {
    use pg_catalog::compat::LockMode;
    let mode = match lock_mode {
        1 => LockMode::AccessShare,
        2 => LockMode::RowShare,
        3 => LockMode::RowExclusive,
        _ => LockMode::NoLock,
    };
    let rel = pg_catalog::relcache::relation_open(relid, mode)?;
    let storage = storage_of(&rel);
    let toast = if rel.toast_relid != 0 {
        let t = pg_catalog::relcache::relation_open(rel.toast_relid, pg_catalog::compat::LockMode::NoLock)?;
        Some(ToastTarget { relid: t.relid, storage: storage_of(&t) })
    } else {
        None
    };
    Ok(Table { rel, storage, toast })
}

impl Table {
    /// The stored row of the table's physical columns (dropped ones NULL)
    /// from the values of its live columns `attnums`.
    pub(crate) fn physical_row(&self, attnums: impl Iterator<Item = i16>, values: &[Datum]) -> Vec<Datum> {
        let mut out = vec![Datum::Null; self.rel.tupdesc.attrs.len()];
        for (attnum, v) in attnums.zip(values) {
            if let Some(slot) = usize::try_from(attnum).ok().and_then(|a| a.checked_sub(1)).and_then(|i| out.get_mut(i))
            {
                *slot = v.clone();
            }
        }
        out
    }

    /// Forms the tuple of a physical row, compressing and moving values
    /// out of line as needed (`heap_toast_insert_or_update`).
    pub(crate) fn form(&self, physical: &[Datum]) -> PgResult<HeapTuple> {
        heap_toast_insert_or_update(&self.rel.tupdesc, physical, self.toast.as_ref())
    }

    /// [`Table::form`] in the allocation of `reuse` (the bytes of the
    /// previous row's tuple).
    pub(crate) fn form_reusing(&self, physical: &[Datum], reuse: Vec<u8>) -> PgResult<HeapTuple> {
        heap_toast_insert_or_update_reusing(&self.rel.tupdesc, physical, self.toast.as_ref(), reuse)
    }

    /// Whether rows given for the columns `attnums` are already physical
    /// rows (every column, in order, none dropped): [`Table::physical_row`]
    /// would only copy them.
    pub(crate) fn is_physical_order(&self, attnums: impl ExactSizeIterator<Item = i16>) -> bool {
        let attrs = &self.rel.tupdesc.attrs;
        attnums.len() == attrs.len()
            && attnums.enumerate().all(|(i, a)| usize::try_from(a).is_ok_and(|a| a == i + 1))
            && attrs.iter().all(|a| !a.dropped)
    }

    /// The stored bytes of the row at `tid` when its out-of-line values
    /// will have to go with it (the table has a TOAST relation).
    pub(crate) fn fetch_for_toast(&self, tid: ItemPointer) -> PgResult<Option<Vec<u8>>> {
        if self.toast.is_none() {
            return Ok(None);
        }
        let mut any = pg_proc::snapshot::Snapshot::any();
        Ok(pg_storage::heap::heapam::heap_fetch(&self.storage, &mut any, tid)?.map(|t| t.data))
    }

    /// Deletes the out-of-line values of a row replaced or deleted by this
    /// transaction (`heap_toast_delete`).
    pub(crate) fn toast_delete(&self, old: Option<&[u8]>) -> PgResult<()> {
        match (old, &self.toast) {
            (Some(old), Some(t)) => pg_storage::toast::heaptoast::heap_toast_delete(&self.rel.tupdesc, old, &t.storage),
            _ => Ok(()),
        }
    }

    /// The scan row of a stored tuple: the live columns `attnums` (those
    /// past `needed` physical columns are never decoded and stay NULL),
    /// then the row's address when `ctid` (`slot_getsomeattrs` on a heap
    /// tuple).
    pub(crate) fn scan_row(
        &self,
        data: &[u8],
        tid: ItemPointer,
        attnums: &[i16],
        needed: usize,
        ctid: bool,
    ) -> PgResult<Row> {
        let mut physical = Vec::with_capacity(attnums.len() + usize::from(ctid));
        if needed > 0 {
            heap_deform_some(data, &self.rel.tupdesc, &mut DeformState::new(), needed, &mut physical)?;
        }
        // No dropped column before the last one read: the decoded values
        // are the scan row as they are (NULL for those not decoded).
        if attnums.iter().enumerate().all(|(i, &a)| a as usize == i + 1) {
            physical.resize(attnums.len(), Datum::Null);
            if ctid {
                physical.push(tid_datum(tid));
            }
            return Ok(physical);
        }
        let mut row = Vec::with_capacity(attnums.len() + usize::from(ctid));
        for &a in attnums {
            // Each live column appears once: its value moves into the row.
            let v = usize::try_from(a).ok().and_then(|a| a.checked_sub(1)).and_then(|i| physical.get_mut(i));
            row.push(v.map(|v| std::mem::replace(v, Datum::Null)).unwrap_or(Datum::Null));
        }
        if ctid {
            row.push(tid_datum(tid));
        }
        Ok(row)
    }
}

/// A row address as a value of the junk `ctid` column.
pub(crate) fn tid_datum(tid: ItemPointer) -> Datum {
    Datum::Int8(((tid.block as i64) << 16) | tid.offset as i64)
}

/// The row address a `ctid` value holds.
pub(crate) fn datum_tid(d: &Datum) -> PgResult<ItemPointer> {
    match d {
        Datum::Int8(v) if *v >= 0 => Ok(ItemPointer::new((*v >> 16) as u32, (*v & 0xffff) as u16)),
        other => Err(PgError::internal(format!("row address expected, found {other:?}"))),
    }
}
