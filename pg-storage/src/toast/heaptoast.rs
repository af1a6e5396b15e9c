//! Toasting tuples (PostgreSQL's `heaptoast.c`, `toast_internals.c`):
//! making a row that is too large fit a page by compressing its largest
//! values and moving them out of line into the table's toast relation.
//!
//! A toast relation (`pg_toast.pg_toast_<relid>`) has three columns:
//! `chunk_id oid`, `chunk_seq int4`, `chunk_data bytea` (plain storage, so
//! chunks are never toasted themselves). A value moved out of line is
//! cut into chunks of [`TOAST_MAX_CHUNK_SIZE`] bytes, numbered from 0, all
//! with the value's new OID as `chunk_id`; the row keeps an 18-byte TOAST
//! pointer naming the OID and the toast relation.
//!
//! The order of the work is PostgreSQL's: while the row is larger than
//! [`TOAST_TUPLE_TARGET`], compress the largest `extended` value not yet
//! tried, then move the largest `extended`/`external` value out of line,
//! then compress `main` values, and only if the row still exceeds a page,
//! move `main` values out of line too.
//!
//! **Differences from PostgreSQL.** There are no indexes yet, so reading
//! or deleting a value finds its chunks by a binary search over the toast
//! relation's blocks (chunks are appended in value-OID order) and a scan
//! from there, falling back to a whole scan (PostgreSQL uses the toast
//! index on `(chunk_id, chunk_seq)`); and an UPDATE stores every
//! large value anew instead of keeping an unchanged value's pointer,
//! because rows reach the executor detoasted.

use super::{compress_payload, ToastPointer, PGLZ_COMPRESSION_ID};
use crate::bufmgr::StorageRel;
use crate::heap::heapam::{heap_multi_insert, simple_heap_delete, HeapScanDesc, MAX_HEAP_TUPLE_SIZE};
use crate::heap::transam::{self, Snapshot};
use crate::heap::tuple::*;
use crate::page::{maxalign, SIZE_OF_ITEM_ID, SIZE_OF_PAGE_HEADER};
use crate::tupdesc::{Attribute, TupleDesc};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::datum::Datum;
use pg_types::storage::{self as disk, varlena};
use pg_types::types::{oid, Oid};
use pg_wal::block::BLCKSZ;
use std::sync::RwLock;

/// `MaximumBytesPerTuple(4)`: a quarter of a page for the tuple and its
/// line pointer.
const fn maximum_bytes_per_tuple(per_page: usize) -> usize {
    ((BLCKSZ - maxalign(SIZE_OF_PAGE_HEADER + per_page * SIZE_OF_ITEM_ID)) / per_page) & !(disk::MAXALIGN - 1)
}

/// `TOAST_TUPLE_THRESHOLD`: rows larger than this are toasted.
pub const TOAST_TUPLE_THRESHOLD: usize = maximum_bytes_per_tuple(4);
/// `TOAST_TUPLE_TARGET`: toasting goes on until the row is this small.
pub const TOAST_TUPLE_TARGET: usize = TOAST_TUPLE_THRESHOLD;
/// `TOAST_MAX_CHUNK_SIZE`: chunk data per toast row, so four chunk rows
/// fit a page.
pub const TOAST_MAX_CHUNK_SIZE: usize = maximum_bytes_per_tuple(4)
    - maxalign(SIZEOF_HEAP_TUPLE_HEADER)
    - std::mem::size_of::<Oid>()
    - std::mem::size_of::<i32>()
    - varlena::VARHDRSZ;

/// The columns of every toast relation.
pub fn toast_tupdesc() -> TupleDesc {
    let mut data = Attribute::new("chunk_data", oid::BYTEA, -1).expect("bytea");
    data.storage = b'p';
    TupleDesc::new(vec![
        Attribute::new("chunk_id", oid::OID, -1).expect("oid").not_null(),
        Attribute::new("chunk_seq", oid::INT4, -1).expect("int4").not_null(),
        data.not_null(),
    ])
}

/// `type_maximum_size`: the most bytes a varlena of this type and typmod
/// can take, when the typmod bounds it (UTF8: 4 bytes per character).
fn type_maximum_size(type_oid: Oid, typmod: i32) -> Option<usize> {
    const MAX_ENCODING_LEN: usize = 4;
    let hdr = varlena::VARHDRSZ as i32;
    match type_oid {
        oid::VARCHAR | oid::BPCHAR if typmod > hdr => {
            Some((typmod - hdr) as usize * MAX_ENCODING_LEN + varlena::VARHDRSZ)
        }
        oid::NUMERIC if typmod >= hdr => {
            let precision = (((typmod - hdr) >> 16) & 0xffff) as usize;
            Some(8 + (precision + 2 * 3) / 4 * 2)
        }
        _ => None,
    }
}

/// `needs_toast_table`: whether rows of `desc` can exceed
/// [`TOAST_TUPLE_THRESHOLD`] with values that may be moved out of line
/// (a varlena column whose storage is not `plain`). CREATE TABLE makes the
/// toast relation (`pg_toast.pg_toast_<relid>`, columns [`toast_tupdesc`])
/// only then, as PostgreSQL does.
pub fn needs_toast_table(desc: &TupleDesc) -> bool {
    let mut data_length = 0usize;
    let mut unbounded = false;
    let mut toastable = false;
    for att in desc.attrs.iter().filter(|a| !a.dropped) {
        data_length = disk::att_align_nominal(data_length, att.align);
        if att.len > 0 {
            data_length += att.len as usize;
            continue;
        }
        match type_maximum_size(att.type_oid, att.typmod) {
            Some(n) => data_length += n,
            None => unbounded = true,
        }
        if att.storage != b'p' {
            toastable = true;
        }
    }
    if !toastable {
        return false;
    }
    if unbounded {
        return true;
    }
    let bitmap = desc.natts().div_ceil(8);
    maxalign(SIZEOF_HEAP_TUPLE_HEADER + bitmap) + maxalign(data_length) > TOAST_TUPLE_THRESHOLD
}

/// Finds a toast relation's storage by its OID (the relcache does; it
/// registers this at start). Needed to read an external value, whose
/// pointer names only the relation's OID.
pub type ToastRelationLookup = fn(Oid) -> PgResult<StorageRel>;

static LOOKUP: RwLock<Option<ToastRelationLookup>> = RwLock::new(None);

/// Registers the [`ToastRelationLookup`].
pub fn set_toast_relation_lookup(f: ToastRelationLookup) {
    *LOOKUP.write().unwrap_or_else(|e| e.into_inner()) = Some(f);
}

fn lookup_toast_rel(relid: Oid) -> PgResult<StorageRel> {
    match *LOOKUP.read().unwrap_or_else(|e| e.into_inner()) {
        Some(f) => f(relid),
        None => Err(PgError::internal("no toast relation lookup is registered")),
    }
}

/// The toast relation a table's values go to.
#[derive(Clone, Debug)]
pub struct ToastTarget {
    /// The toast relation's OID (stored in every pointer).
    pub relid: Oid,
    /// Its storage.
    pub storage: StorageRel,
}

/// The state of one column during toasting.
struct Col {
    /// The value's on-disk varlena (4-byte header, compressed or not), or
    /// an external pointer.
    bytes: Vec<u8>,
    storage: u8,
    /// Compression was tried (or the value is out of line).
    compress_tried: bool,
    external: bool,
}

/// `heap_toast_insert_or_update`: the tuple of `values`, compressed and
/// moved out of line as needed to fit [`TOAST_TUPLE_TARGET`], for an
/// INSERT or the new version of an UPDATE. Without a toast relation values
/// can only be compressed, and a row that still exceeds a page is refused
/// by `heap_insert`. An UPDATE that succeeds then removes the old
/// version's out-of-line values with [`heap_toast_delete`] (only then: a
/// failed update must leave them to whoever changed the row).
pub fn heap_toast_insert_or_update(
    desc: &TupleDesc,
    values: &[Datum],
    toast: Option<&ToastTarget>,
) -> PgResult<HeapTuple> {
    heap_toast_insert_or_update_reusing(desc, values, toast, Vec::new())
}

/// [`heap_toast_insert_or_update`] forming the tuple in `reuse`'s
/// allocation (the bytes of a tuple the caller is done with).
pub fn heap_toast_insert_or_update_reusing(
    desc: &TupleDesc,
    values: &[Datum],
    toast: Option<&ToastTarget>,
    reuse: Vec<u8>,
) -> PgResult<HeapTuple> {
    let plain = heap_form_tuple_reusing(desc, values, reuse)?;
    if plain.len() <= TOAST_TUPLE_THRESHOLD {
        return Ok(plain);
    }
    // Encode the varlena columns so they can be compressed or moved.
    let mut cols: Vec<Option<Col>> = Vec::with_capacity(desc.natts());
    for (att, v) in desc.attrs.iter().zip(values) {
        if att.len != -1 || v.is_null() || att.dropped {
            cols.push(None);
            continue;
        }
        let mut bytes = Vec::new();
        disk::datum_to_disk(v, att.type_oid, &mut bytes)?;
        cols.push(Some(Col { bytes, storage: att.storage, compress_tried: false, external: false }));
    }
    let form = |cols: &[Option<Col>]| -> PgResult<HeapTuple> {
        let vals: Vec<FormValue<'_>> = cols
            .iter()
            .zip(values)
            .map(|(c, v)| match c {
                Some(c) => FormValue::Varlena(&c.bytes),
                None if v.is_null() => FormValue::Null,
                None => FormValue::Datum(v),
            })
            .collect();
        heap_form_tuple_values(desc, &vals)
    };
    let mut tup = form(&cols)?;
    // The biggest column whose storage is in `kinds` and that `ok` accepts.
    let biggest = |cols: &[Option<Col>], kinds: &[u8], ok: &dyn Fn(&Col) -> bool| -> Option<usize> {
        cols.iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (i, c)))
            .filter(|(_, c)| kinds.contains(&c.storage) && ok(c) && c.bytes.len() > varlena::TOAST_POINTER_SIZE + 2)
            .max_by_key(|(_, c)| c.bytes.len())
            .map(|(i, _)| i)
    };
    // 1. Compress extended values, biggest first.
    while tup.len() > TOAST_TUPLE_TARGET {
        let Some(i) = biggest(&cols, b"x", &|c| !c.compress_tried) else { break };
        compress_col(cols[i].as_mut().expect("candidate"));
        tup = form(&cols)?;
    }
    // 2. Move extended and external values out of line.
    if let Some(t) = toast {
        while tup.len() > TOAST_TUPLE_TARGET {
            let Some(i) = biggest(&cols, b"xe", &|c| !c.external) else { break };
            externalize(cols[i].as_mut().expect("candidate"), t)?;
            tup = form(&cols)?;
        }
    }
    // 3. Compress main values.
    while tup.len() > TOAST_TUPLE_TARGET {
        let Some(i) = biggest(&cols, b"m", &|c| !c.compress_tried) else { break };
        compress_col(cols[i].as_mut().expect("candidate"));
        tup = form(&cols)?;
    }
    // 4. Main values out of line only if the row still exceeds a page.
    if let Some(t) = toast {
        while tup.len() > MAX_HEAP_TUPLE_SIZE {
            let Some(i) = biggest(&cols, b"m", &|c| !c.external) else { break };
            externalize(cols[i].as_mut().expect("candidate"), t)?;
            tup = form(&cols)?;
        }
    }
    Ok(tup)
}

fn compress_col(c: &mut Col) {
    c.compress_tried = true;
    if !varlena::is_4b_u(&c.bytes) {
        return;
    }
    if let Some(v) = compress_payload(&c.bytes[varlena::VARHDRSZ..]) {
        c.bytes = v;
    }
}

/// `toast_save_datum`: writes the value in chunks and replaces it with a
/// pointer.
fn externalize(c: &mut Col, t: &ToastTarget) -> PgResult<()> {
    c.external = true;
    c.compress_tried = true;
    let compressed = varlena::is_4b_c(&c.bytes);
    // What the chunks hold: everything after the 4-byte header (for a
    // compressed value that includes its raw-size word).
    let data = &c.bytes[varlena::VARHDRSZ..];
    let rawsize = if compressed {
        let tcinfo = u32::from_le_bytes([c.bytes[4], c.bytes[5], c.bytes[6], c.bytes[7]]);
        (tcinfo & ((1 << 30) - 1)) as usize + varlena::VARHDRSZ
    } else {
        c.bytes.len()
    };
    let valueid = transam::new_object_id()?;
    let desc = toast_tupdesc();
    let mut chunks = Vec::with_capacity(data.len().div_ceil(TOAST_MAX_CHUNK_SIZE));
    for (seq, chunk) in data.chunks(TOAST_MAX_CHUNK_SIZE).enumerate() {
        pg_error::check_for_interrupts()?;
        chunks.push(heap_form_tuple(
            &desc,
            &[Datum::Oid(valueid), Datum::Int4(seq as i32), Datum::Bytea(chunk.to_vec())],
        )?);
    }
    let cid = transam::current_command_id(true);
    heap_multi_insert(&t.storage, &mut chunks, cid)?;
    let extinfo = data.len() as u32 | if compressed { PGLZ_COMPRESSION_ID << 30 } else { 0 };
    let ptr = ToastPointer { rawsize: rawsize as i32, extinfo, valueid, toastrelid: t.relid };
    c.bytes = ptr.to_varlena();
    Ok(())
}

/// The chunks of value `valueid` in `rel`, in `chunk_seq` order, each with
/// its address.
fn value_chunks(rel: &StorageRel, valueid: Oid, expected: usize) -> PgResult<Vec<(ItemPointer, i32, Vec<u8>)>> {
    // Chunks are appended in the order their values were made, and a
    // value's OID is newer than every earlier value's: a binary search
    // over the blocks' first chunk ids finds where the value starts, and
    // the scan stops once every chunk is found. Anything else (a chunk
    // missing from that stretch) falls back to the whole relation.
    let mut scan = HeapScanDesc::begin(rel, Snapshot::toast())?;
    let start = first_block_of(rel, scan.nblocks(), valueid)?;
    scan.set_start_block(start);
    let found = collect_chunks(&mut scan, valueid, expected)?;
    if found.len() >= expected || start == 0 {
        return Ok(found);
    }
    scan.set_start_block(0);
    collect_chunks(&mut scan, valueid, usize::MAX)
}

/// The chunks of `valueid` the scan meets (it stops after `expected`), in
/// `chunk_seq` order.
fn collect_chunks(
    scan: &mut HeapScanDesc,
    valueid: Oid,
    expected: usize,
) -> PgResult<Vec<(ItemPointer, i32, Vec<u8>)>> {
    let desc = toast_tupdesc();
    let mut out = Vec::new();
    while out.len() < expected {
        let Some(t) = scan.getnext()? else { break };
        let mut st = DeformState::new();
        let mut vals = Vec::with_capacity(3);
        heap_deform_some(t.data, &desc, &mut st, 1, &mut vals)?;
        if vals[0] != Datum::Oid(valueid) {
            continue;
        }
        heap_deform_some(t.data, &desc, &mut st, 3, &mut vals)?;
        match (&vals[1], &vals[2]) {
            (Datum::Int4(seq), Datum::Bytea(b)) => out.push((t.t_self, *seq, b.clone())),
            _ => return Err(missing_chunk(valueid, 0)),
        }
    }
    out.sort_by_key(|c| c.1);
    Ok(out)
}

/// A block at or before the first chunk of `valueid`: the last block whose
/// first chunk id is below it, found by binary search, a little earlier
/// for safety (a value's chunks may begin inside the previous block).
fn first_block_of(rel: &StorageRel, nblocks: u32, valueid: Oid) -> PgResult<u32> {
    let (mut lo, mut hi) = (0u32, nblocks);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match first_chunk_id(rel, mid)? {
            Some(id) if id < valueid => lo = mid + 1,
            _ => hi = mid,
        }
    }
    Ok(lo.saturating_sub(2))
}

/// The chunk id of the first tuple stored in block `blk` (whatever its
/// visibility), if any.
fn first_chunk_id(rel: &StorageRel, blk: u32) -> PgResult<Option<Oid>> {
    let pin = crate::bufmgr::read_buffer(
        rel,
        pg_wal::block::ForkNumber::Main,
        blk,
        crate::bufmgr::ReadBufferMode::Normal,
        None,
    )?;
    let g = pin.lock_shared();
    for off in 1..=g.max_offset() {
        if g.item_id(off).is_normal() {
            let t = g.get_item(off);
            let at = t.hoff();
            return Ok(t.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
        }
    }
    Ok(None)
}

fn missing_chunk(valueid: Oid, seq: usize) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, format!("missing chunk number {seq} for toast value {valueid}"))
}

/// `toast_fetch_datum`: the value an external pointer stands for, as a
/// varlena with a 4-byte header (compressed if it was stored so).
pub fn fetch_external(ptr: &ToastPointer) -> PgResult<Vec<u8>> {
    let rel = lookup_toast_rel(ptr.toastrelid)?;
    let chunks = value_chunks(&rel, ptr.valueid, ptr.extsize().div_ceil(TOAST_MAX_CHUNK_SIZE))?;
    let size = ptr.extsize();
    let mut v = Vec::with_capacity(size + varlena::VARHDRSZ);
    v.extend_from_slice(&[0; 4]);
    for (i, (_, seq, data)) in chunks.iter().enumerate() {
        if *seq != i as i32 {
            return Err(missing_chunk(ptr.valueid, i));
        }
        v.extend_from_slice(data);
    }
    if v.len() - varlena::VARHDRSZ != size {
        return Err(PgError::new(
            SqlState::DATA_CORRUPTED,
            format!("unexpected size {} of toast value {} (expected {size})", v.len() - 4, ptr.valueid),
        ));
    }
    let header = if ptr.is_compressed() { varlena::header_4b_c(v.len()) } else { varlena::header_4b(v.len()) };
    v[..4].copy_from_slice(&header);
    Ok(v)
}

/// `heap_toast_delete`: deletes the out-of-line values of the row `tup`
/// (being deleted or replaced) from the toast relation `toast`.
pub fn heap_toast_delete(desc: &TupleDesc, tup: &[u8], toast: &StorageRel) -> PgResult<()> {
    if tup.infomask() & HEAP_HASEXTERNAL == 0 {
        return Ok(());
    }
    for ptr in external_pointers(desc, tup)? {
        for (tid, _, _) in value_chunks(toast, ptr.valueid, ptr.extsize().div_ceil(TOAST_MAX_CHUNK_SIZE))? {
            simple_heap_delete(toast, tid)?;
        }
    }
    Ok(())
}

/// The TOAST pointers a tuple holds.
fn external_pointers(desc: &TupleDesc, tup: &[u8]) -> PgResult<Vec<ToastPointer>> {
    let hoff = tup.hoff();
    let data = &tup[hoff..];
    let mut off = 0;
    let mut out = Vec::new();
    for (i, att) in desc.attrs.iter().enumerate().take(tup.natts()) {
        if tup.att_isnull(i + 1) {
            continue;
        }
        if att.len == -1 {
            if !data.get(off).is_some_and(|&b| varlena::not_pad_byte(b)) {
                off = disk::att_align_nominal(off, att.align);
            }
        } else {
            off = disk::att_align_nominal(off, att.align);
        }
        let rest = data.get(off..).ok_or_else(|| PgError::new(SqlState::DATA_CORRUPTED, "invalid heap tuple"))?;
        let t = pg_types::types::lookup_type(att.type_oid)
            .ok_or_else(|| PgError::new(SqlState::DATA_CORRUPTED, "invalid heap tuple"))?;
        let len =
            disk::disk_len(t, rest).ok_or_else(|| PgError::new(SqlState::DATA_CORRUPTED, "invalid heap tuple"))?;
        if att.len == -1 && varlena::is_1b_e(rest) {
            out.push(ToastPointer::read(&rest[..len])?);
        }
        off += len;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_postgresqls_formulas() {
        // (8192 - MAXALIGN(32 + 4 * 4)) / 4 = 2036, MAXALIGNed down.
        assert_eq!(TOAST_TUPLE_THRESHOLD, 2032);
        // 2032 - MAXALIGN(31) - 4 - 4 - 4.
        assert_eq!(TOAST_MAX_CHUNK_SIZE, 1988);
        // Four chunk rows fit a page.
        let desc = toast_tupdesc();
        let t = heap_form_tuple(&desc, &[Datum::Oid(1), Datum::Int4(0), Datum::Bytea(vec![7; TOAST_MAX_CHUNK_SIZE])])
            .expect("form");
        assert!(4 * (maxalign(t.len()) + SIZE_OF_ITEM_ID) + SIZE_OF_PAGE_HEADER <= BLCKSZ);
    }

    #[test]
    fn toast_tables_are_made_when_rows_can_grow_past_the_threshold() {
        let desc = |cols: &[(Oid, i32)]| {
            TupleDesc::new(cols.iter().map(|(t, m)| Attribute::new("c", *t, *m).expect("attr")).collect())
        };
        assert!(!needs_toast_table(&desc(&[(oid::INT4, -1), (oid::INT8, -1)])));
        assert!(needs_toast_table(&desc(&[(oid::INT4, -1), (oid::TEXT, -1)])));
        assert!(!needs_toast_table(&desc(&[(oid::INT4, -1), (oid::VARCHAR, 14)])));
        assert!(!needs_toast_table(&desc(&[(oid::NUMERIC, pg_types::numeric::make_typmod(10, 2))])));
        assert!(needs_toast_table(&desc(&[(oid::NUMERIC, -1)])));
        assert!(needs_toast_table(&desc(&[(oid::VARCHAR, 508 + 4)])));
        assert!(needs_toast_table(&desc(&[(oid::INT4_ARRAY, -1)])));
        assert!(!needs_toast_table(&desc(&[(oid::INT2VECTOR, -1)])));
    }

    #[test]
    fn large_compressible_values_are_compressed_in_line() {
        let desc = TupleDesc::from_types(&[("a", oid::INT4), ("b", oid::TEXT)]).expect("desc");
        let big = "compressible ".repeat(1000);
        let vals = [Datum::Int4(1), Datum::Text(big.clone())];
        let t = heap_toast_insert_or_update(&desc, &vals, None).expect("toast");
        assert!(t.len() < TOAST_TUPLE_TARGET, "{}", t.len());
        assert_eq!(heap_deform_tuple(&t.data, &desc).expect("deform"), vals.to_vec());
        // Small rows are formed as they are.
        let small = [Datum::Int4(2), Datum::Text("x".into())];
        assert_eq!(
            heap_toast_insert_or_update(&desc, &small, None).expect("toast"),
            heap_form_tuple(&desc, &small).expect("form")
        );
    }
}
