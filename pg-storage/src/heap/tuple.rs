//! Heap tuples: the header, the NULL bitmap and the column data as they lie
//! on a page (PostgreSQL's `htup_details.h` and `heaptuple.c`:
//! `heap_form_tuple`, `heap_deform_tuple`, `slot_deform_heap_tuple`).
//!
//! The header, with 64-bit transaction ids (storage contract):
//!
//! ```text
//! offset  size  field
//!      0     8  t_xmin       inserting transaction
//!      8     8  t_xmax       deleting or locking transaction (or 0)
//!     16     4  t_cid        cmin, cmax, or a combo command id
//!     20     6  t_ctid       BlockIdData (bi_hi u16, bi_lo u16) + OffsetNumber:
//!                            this tuple's own position, or its newer version's
//!     26     2  t_infomask2  number of attributes (11 bits) + HOT/KEYS flags
//!     28     2  t_infomask   HEAP_HASNULL ... HEAP_XMAX_IS_MULTI ...
//!     30     1  t_hoff       offset of the data, MAXALIGNed
//!     31     -  t_bits       NULL bitmap (bit set = not NULL), if HEAP_HASNULL
//! ```
//!
//! then padding to `t_hoff`, then the non-NULL attributes in order, each at
//! its `attalign` (a short varlena, with its 1-byte header, is not aligned).
//! A tuple always starts at a MAXALIGNed page offset, so alignment computed
//! from the start of the data equals alignment on the page.
//!
//! Attribute values are written by `pg_types::storage`: this module adds
//! the alignment, the varlena header choice (1-byte for short values of
//! columns whose storage is not `plain`), and the bitmap.

use crate::toast;
use crate::tupdesc::TupleDesc;
use pg_error::{PgError, PgResult, SqlState};
use pg_proc::xid::{CommandId, TransactionId};
use pg_types::datum::Datum;
use pg_types::storage::{self, varlena, MAXALIGN};
use pg_types::types::{self, Oid};
use pg_wal::block::{BlockNumber, INVALID_BLOCK_NUMBER};

pub use crate::page::{OffsetNumber, FIRST_OFFSET_NUMBER, INVALID_OFFSET_NUMBER};

/// A tuple's address: block and line pointer (`ItemPointerData`). On disk
/// it is 6 bytes: the block number's high and low halves, then the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPointer {
    /// The block.
    pub block: BlockNumber,
    /// The line pointer within it.
    pub offset: OffsetNumber,
}

impl Default for ItemPointer {
    fn default() -> ItemPointer {
        ItemPointer::INVALID
    }
}

impl ItemPointer {
    /// No tuple (`ItemPointerSetInvalid`).
    pub const INVALID: ItemPointer = ItemPointer { block: INVALID_BLOCK_NUMBER, offset: INVALID_OFFSET_NUMBER };
    /// The size of `ItemPointerData` on disk.
    pub const SIZE: usize = 6;

    /// `ItemPointerSet`.
    pub fn new(block: BlockNumber, offset: OffsetNumber) -> ItemPointer {
        ItemPointer { block, offset }
    }
    /// `ItemPointerIsValid`.
    pub fn is_valid(&self) -> bool {
        self.offset != INVALID_OFFSET_NUMBER
    }
    /// Reads the 6 on-disk bytes.
    pub fn read(b: &[u8]) -> ItemPointer {
        let hi = u16::from_le_bytes([b[0], b[1]]) as u32;
        let lo = u16::from_le_bytes([b[2], b[3]]) as u32;
        ItemPointer { block: (hi << 16) | lo, offset: u16::from_le_bytes([b[4], b[5]]) }
    }
    /// Writes the 6 on-disk bytes.
    pub fn write(&self, b: &mut [u8]) {
        b[0..2].copy_from_slice(&((self.block >> 16) as u16).to_le_bytes());
        b[2..4].copy_from_slice(&(self.block as u16).to_le_bytes());
        b[4..6].copy_from_slice(&self.offset.to_le_bytes());
    }
    /// The 6 bytes as an array.
    pub fn to_bytes(&self) -> [u8; 6] {
        let mut b = [0u8; 6];
        self.write(&mut b);
        b
    }
}

impl std::fmt::Display for ItemPointer {
    /// `tidout`: `(block,offset)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({},{})", self.block, self.offset)
    }
}

// ---- header layout

const T_XMIN: usize = 0;
const T_XMAX: usize = 8;
const T_CID: usize = 16;
const T_CTID: usize = 20;
const T_INFOMASK2: usize = 26;
const T_INFOMASK: usize = 28;
const T_HOFF: usize = 30;
/// `SizeofHeapTupleHeader`: the header up to the NULL bitmap.
pub const SIZEOF_HEAP_TUPLE_HEADER: usize = 31;

/// `MaxTupleAttributeNumber`.
pub const MAX_TUPLE_ATTRIBUTE_NUMBER: usize = 1664;

// t_infomask bits (PostgreSQL's values).
/// The tuple has NULLs (and a bitmap).
pub const HEAP_HASNULL: u16 = 0x0001;
/// The tuple has variable-width attributes.
pub const HEAP_HASVARWIDTH: u16 = 0x0002;
/// The tuple has external TOAST pointers.
pub const HEAP_HASEXTERNAL: u16 = 0x0004;
/// xmax is a key-share locker.
pub const HEAP_XMAX_KEYSHR_LOCK: u16 = 0x0010;
/// t_cid is a combo command id.
pub const HEAP_COMBOCID: u16 = 0x0020;
/// xmax is an exclusive locker.
pub const HEAP_XMAX_EXCL_LOCK: u16 = 0x0040;
/// xmax, if valid, only locks the tuple.
pub const HEAP_XMAX_LOCK_ONLY: u16 = 0x0080;
/// xmax is a shared locker.
pub const HEAP_XMAX_SHR_LOCK: u16 = HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
/// The lock strength bits.
pub const HEAP_LOCK_MASK: u16 = HEAP_XMAX_SHR_LOCK | HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
/// Hint: xmin committed.
pub const HEAP_XMIN_COMMITTED: u16 = 0x0100;
/// Hint: xmin aborted (or invalid).
pub const HEAP_XMIN_INVALID: u16 = 0x0200;
/// Both: frozen (not used with 64-bit xids, kept for its meaning).
pub const HEAP_XMIN_FROZEN: u16 = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID;
/// Hint: xmax committed.
pub const HEAP_XMAX_COMMITTED: u16 = 0x0400;
/// Hint: xmax aborted or invalid.
pub const HEAP_XMAX_INVALID: u16 = 0x0800;
/// xmax is a MultiXactId.
pub const HEAP_XMAX_IS_MULTI: u16 = 0x1000;
/// This is an updated version of a row.
pub const HEAP_UPDATED: u16 = 0x2000;
/// Visibility-related bits (everything but the attribute-shape bits).
pub const HEAP_XACT_MASK: u16 = 0xFFF0;

// t_infomask2 bits.
/// The number of attributes.
pub const HEAP_NATTS_MASK: u16 = 0x07FF;
/// The tuple was updated and key columns changed, or it was deleted.
pub const HEAP_KEYS_UPDATED: u16 = 0x2000;
/// The tuple was HOT-updated.
pub const HEAP_HOT_UPDATED: u16 = 0x4000;
/// The tuple is a heap-only tuple (a HOT update's new version).
pub const HEAP_ONLY_TUPLE: u16 = 0x8000;
/// Visibility-related bits of t_infomask2.
pub const HEAP2_XACT_MASK: u16 = 0xE000;

/// `HEAP_XMAX_IS_LOCKED_ONLY`: xmax (if any) only locks the tuple.
pub fn xmax_is_locked_only(infomask: u16) -> bool {
    infomask & HEAP_XMAX_LOCK_ONLY != 0 || infomask & (HEAP_XMAX_IS_MULTI | HEAP_LOCK_MASK) == HEAP_XMAX_EXCL_LOCK
}

/// Reads and writes the header fields of a tuple's bytes in place (a page
/// item or an owned tuple), as PostgreSQL's `HeapTupleHeaderGet*`/`Set*`
/// macros do. The slice must hold at least the header.
pub trait TupleHeader {
    /// `t_xmin` (raw).
    fn xmin(&self) -> TransactionId;
    /// `t_xmax` (raw: an updater, a locker, or a multixact).
    fn xmax(&self) -> TransactionId;
    /// `t_cid` (raw: cmin, cmax or combo id).
    fn raw_cid(&self) -> CommandId;
    /// `t_ctid`.
    fn ctid(&self) -> ItemPointer;
    /// `t_infomask`.
    fn infomask(&self) -> u16;
    /// `t_infomask2`.
    fn infomask2(&self) -> u16;
    /// `t_hoff`.
    fn hoff(&self) -> usize;
    /// `HeapTupleHeaderGetNatts`.
    fn natts(&self) -> usize {
        (self.infomask2() & HEAP_NATTS_MASK) as usize
    }
    /// `HeapTupleHasNulls`.
    fn has_nulls(&self) -> bool {
        self.infomask() & HEAP_HASNULL != 0
    }
    /// `HeapTupleHeaderIsHotUpdated`.
    fn is_hot_updated(&self) -> bool {
        self.infomask2() & HEAP_HOT_UPDATED != 0
            && self.infomask() & HEAP_XMAX_INVALID == 0
            && self.infomask() & HEAP_XMIN_INVALID == 0
    }
    /// `HeapTupleHeaderIsHeapOnly`.
    fn is_heap_only(&self) -> bool {
        self.infomask2() & HEAP_ONLY_TUPLE != 0
    }
    /// Whether attribute `attnum` (1-based) is NULL by the bitmap
    /// (`att_isnull`); attributes past `natts` count as missing, not here.
    fn att_isnull(&self, attnum: usize) -> bool;

    /// Sets `t_xmin`.
    fn set_xmin(&mut self, xid: TransactionId);
    /// Sets `t_xmax`.
    fn set_xmax(&mut self, xid: TransactionId);
    /// Sets `t_cid`.
    fn set_raw_cid(&mut self, cid: CommandId);
    /// Sets `t_ctid`.
    fn set_ctid(&mut self, tid: ItemPointer);
    /// Sets `t_infomask`.
    fn set_infomask(&mut self, mask: u16);
    /// Sets `t_infomask2`.
    fn set_infomask2(&mut self, mask: u16);
}

impl TupleHeader for [u8] {
    fn xmin(&self) -> TransactionId {
        u64::from_le_bytes(self[T_XMIN..T_XMIN + 8].try_into().expect("8 bytes"))
    }
    fn xmax(&self) -> TransactionId {
        u64::from_le_bytes(self[T_XMAX..T_XMAX + 8].try_into().expect("8 bytes"))
    }
    fn raw_cid(&self) -> CommandId {
        u32::from_le_bytes(self[T_CID..T_CID + 4].try_into().expect("4 bytes"))
    }
    fn ctid(&self) -> ItemPointer {
        ItemPointer::read(&self[T_CTID..T_CTID + 6])
    }
    fn infomask(&self) -> u16 {
        u16::from_le_bytes([self[T_INFOMASK], self[T_INFOMASK + 1]])
    }
    fn infomask2(&self) -> u16 {
        u16::from_le_bytes([self[T_INFOMASK2], self[T_INFOMASK2 + 1]])
    }
    fn hoff(&self) -> usize {
        self[T_HOFF] as usize
    }
    fn att_isnull(&self, attnum: usize) -> bool {
        let i = attnum - 1;
        self.has_nulls() && self[SIZEOF_HEAP_TUPLE_HEADER + i / 8] & (1 << (i % 8)) == 0
    }
    fn set_xmin(&mut self, xid: TransactionId) {
        self[T_XMIN..T_XMIN + 8].copy_from_slice(&xid.to_le_bytes());
    }
    fn set_xmax(&mut self, xid: TransactionId) {
        self[T_XMAX..T_XMAX + 8].copy_from_slice(&xid.to_le_bytes());
    }
    fn set_raw_cid(&mut self, cid: CommandId) {
        self[T_CID..T_CID + 4].copy_from_slice(&cid.to_le_bytes());
    }
    fn set_ctid(&mut self, tid: ItemPointer) {
        tid.write(&mut self[T_CTID..T_CTID + 6]);
    }
    fn set_infomask(&mut self, mask: u16) {
        self[T_INFOMASK..T_INFOMASK + 2].copy_from_slice(&mask.to_le_bytes());
    }
    fn set_infomask2(&mut self, mask: u16) {
        self[T_INFOMASK2..T_INFOMASK2 + 2].copy_from_slice(&mask.to_le_bytes());
    }
}

/// A tuple held in private memory (`HeapTupleData` with its body): a newly
/// formed one, or a copy of one read from a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapTuple {
    /// Where the tuple lives (`t_self`); invalid before it is stored.
    pub t_self: ItemPointer,
    /// The relation it belongs to (`t_tableOid`), 0 if none.
    pub table_oid: Oid,
    /// Header and data (`t_data`, `t_len` bytes).
    pub data: Vec<u8>,
}

impl HeapTuple {
    /// A tuple from its bytes, not yet stored anywhere.
    pub fn from_bytes(data: Vec<u8>) -> HeapTuple {
        HeapTuple { t_self: ItemPointer::INVALID, table_oid: 0, data }
    }
    /// `t_len`.
    pub fn len(&self) -> usize {
        self.data.len()
    }
    /// Whether the tuple has no bytes (never true for a formed tuple).
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    /// The header accessors over the bytes.
    pub fn header(&self) -> &[u8] {
        &self.data
    }
    /// The header accessors over the bytes, for changes.
    pub fn header_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }
}

/// One attribute's value for [`heap_form_tuple_values`]: a value to
/// encode, or an already-encoded varlena (compressed in line, or an
/// external TOAST pointer) that TOAST made and that is copied as is.
#[derive(Clone, Copy, Debug)]
pub enum FormValue<'a> {
    /// SQL NULL.
    Null,
    /// A value to store in its on-disk form.
    Datum(&'a Datum),
    /// A whole varlena in on-disk form (header included).
    Varlena(&'a [u8]),
}

fn too_many_columns(n: usize) -> PgError {
    PgError::new(
        SqlState::TOO_MANY_COLUMNS,
        format!("number of columns ({n}) exceeds limit ({MAX_TUPLE_ATTRIBUTE_NUMBER})"),
    )
}

/// `heap_form_tuple`: a tuple of `values` (one per column of `desc`; a
/// dropped column stores NULL whatever it is given). The header's
/// transaction fields are zero and its ctid invalid: `heap_insert` fills
/// them.
pub fn heap_form_tuple(desc: &TupleDesc, values: &[Datum]) -> PgResult<HeapTuple> {
    heap_form_tuple_reusing(desc, values, Vec::new())
}

/// [`heap_form_tuple`] into the allocation of `reuse` (a tuple's bytes
/// the caller is done with), so that a loop forming one tuple per row
/// does not allocate for each.
pub fn heap_form_tuple_reusing(desc: &TupleDesc, values: &[Datum], reuse: Vec<u8>) -> PgResult<HeapTuple> {
    form_tuple(desc, values.len(), reuse, |i| {
        if values[i].is_null() {
            FormValue::Null
        } else {
            FormValue::Datum(&values[i])
        }
    })
}

/// [`heap_form_tuple`] over [`FormValue`]s, which TOAST uses to store
/// compressed and external values.
pub fn heap_form_tuple_values(desc: &TupleDesc, values: &[FormValue<'_>]) -> PgResult<HeapTuple> {
    form_tuple(desc, values.len(), Vec::new(), |i| values[i])
}

/// Forms a tuple of `nvalues` values given by `value(i)` (no vector of them
/// is built: this runs for every inserted row), in `out`'s allocation.
fn form_tuple<'v>(
    desc: &TupleDesc,
    nvalues: usize,
    mut out: Vec<u8>,
    value: impl Fn(usize) -> FormValue<'v>,
) -> PgResult<HeapTuple> {
    let natts = desc.natts();
    if natts > MAX_TUPLE_ATTRIBUTE_NUMBER {
        return Err(too_many_columns(natts));
    }
    if nvalues != natts {
        return Err(PgError::internal(format!(
            "heap_form_tuple got {nvalues} values for {natts} columns (this is a bug)"
        )));
    }
    let is_null = |i: usize| matches!(value(i), FormValue::Null) || desc.attrs[i].dropped;
    let has_null = (0..natts).any(is_null);
    let bitmap_len = if has_null { natts.div_ceil(8) } else { 0 };
    let hoff = storage::align_up(SIZEOF_HEAP_TUPLE_HEADER + bitmap_len, MAXALIGN);
    out.clear();
    out.reserve(hoff + 16 * natts);
    out.resize(hoff, 0);
    let mut infomask = 0u16;
    if has_null {
        infomask |= HEAP_HASNULL;
    }
    let mut scratch = Vec::new();
    for (i, att) in desc.attrs.iter().enumerate() {
        if is_null(i) {
            continue;
        }
        out[SIZEOF_HEAP_TUPLE_HEADER + i / 8] |= if has_null { 1 << (i % 8) } else { 0 };
        let packable = att.storage != b'p';
        match (att.len, value(i)) {
            (_, FormValue::Null) => unreachable!("NULLs were skipped"),
            (-1, FormValue::Varlena(v)) => {
                infomask |= HEAP_HASVARWIDTH;
                if varlena::is_1b_e(v) {
                    infomask |= HEAP_HASEXTERNAL;
                    put_unaligned(&mut out, hoff, v);
                } else if varlena::is_1b(v) {
                    put_unaligned(&mut out, hoff, v);
                } else if varlena::is_4b_u(v) {
                    put_varlena(&mut out, hoff, &v[varlena::VARHDRSZ..], packable, att.align);
                } else {
                    align_to(&mut out, hoff, att.align);
                    out.extend_from_slice(v);
                }
            }
            (-1, FormValue::Datum(d)) => {
                infomask |= HEAP_HASVARWIDTH;
                let t = types::lookup_type(att.type_oid).ok_or_else(|| unknown_type(att.type_oid))?;
                // Text and bytea are already their payload; others are encoded.
                let payload: &[u8] = match d {
                    Datum::Text(s) if t.category != b'A' => s.as_bytes(),
                    Datum::Bytea(b) => b,
                    _ => {
                        scratch.clear();
                        storage::varlena_payload(d, t, &mut scratch)?;
                        &scratch
                    }
                };
                if payload.len() + varlena::VARHDRSZ > varlena::MAX_VARLENA_SIZE {
                    return Err(PgError::new(
                        SqlState::PROGRAM_LIMIT_EXCEEDED,
                        format!("invalid memory alloc request size {}", payload.len() + varlena::VARHDRSZ),
                    ));
                }
                put_varlena(&mut out, hoff, payload, packable, att.align);
            }
            (_, FormValue::Varlena(_)) => {
                return Err(PgError::internal("a varlena given for a fixed-length column (this is a bug)"))
            }
            (len, FormValue::Datum(d)) => {
                if len == -2 {
                    infomask |= HEAP_HASVARWIDTH;
                }
                align_to(&mut out, hoff, att.align);
                storage::datum_to_disk(d, att.type_oid, &mut out)?;
            }
        }
    }
    out.set_infomask(infomask);
    out.set_infomask2(natts as u16 & HEAP_NATTS_MASK);
    out[T_HOFF] = hoff as u8;
    out.set_ctid(ItemPointer::INVALID);
    Ok(HeapTuple::from_bytes(out))
}

fn unknown_type(type_oid: Oid) -> PgError {
    PgError::new(SqlState::UNDEFINED_OBJECT, format!("type with OID {type_oid} does not exist"))
}

/// Pads `out` so the data offset (from `hoff`) is aligned to `align`.
fn align_to(out: &mut Vec<u8>, hoff: usize, align: u8) {
    let off = storage::att_align_nominal(out.len() - hoff, align);
    out.resize(hoff + off, 0);
}

fn put_unaligned(out: &mut Vec<u8>, _hoff: usize, v: &[u8]) {
    out.extend_from_slice(v);
}

/// Writes a varlena whose payload is `payload`: with a 1-byte header and no
/// alignment when the column is packable and it fits, else aligned with a
/// 4-byte header (`fill_val`).
fn put_varlena(out: &mut Vec<u8>, hoff: usize, payload: &[u8], packable: bool, align: u8) {
    if packable && varlena::can_make_short(payload.len()) {
        out.push(varlena::header_1b(payload.len() + varlena::VARHDRSZ_SHORT));
    } else {
        align_to(out, hoff, align);
        out.extend_from_slice(&varlena::header_4b(payload.len() + varlena::VARHDRSZ));
    }
    out.extend_from_slice(payload);
}

/// Where a partial deform stopped (`tts_nvalid` and `tts_off` of
/// `slot_deform_heap_tuple`), so that asking for more columns later goes
/// on from there instead of walking the tuple again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeformState {
    /// Columns already deformed.
    pub natts_done: usize,
    /// Offset of the next column's data, from `t_hoff`.
    off: usize,
}

impl DeformState {
    /// A state at the first column.
    pub fn new() -> DeformState {
        DeformState::default()
    }
}

fn corrupt_tuple(what: &str) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, format!("invalid heap tuple: {what}"))
}

/// `heap_deform_tuple`: every column of `tup` (header and data bytes) as
/// described by `desc`. Columns past the tuple's own attribute count (added
/// later by ALTER TABLE) read as their missing value or NULL; compressed
/// and external values are expanded.
pub fn heap_deform_tuple(tup: &[u8], desc: &TupleDesc) -> PgResult<Vec<Datum>> {
    let mut values = Vec::with_capacity(desc.natts());
    heap_deform_some(tup, desc, &mut DeformState::new(), desc.natts(), &mut values)?;
    Ok(values)
}

/// `slot_getsomeattrs`: deforms columns `state.natts_done + 1 ..= upto` of
/// `tup`, appending them to `values` (which holds the earlier ones), and
/// remembers where it stopped.
pub fn heap_deform_some(
    tup: &[u8],
    desc: &TupleDesc,
    state: &mut DeformState,
    upto: usize,
    values: &mut Vec<Datum>,
) -> PgResult<()> {
    if tup.len() < SIZEOF_HEAP_TUPLE_HEADER {
        return Err(corrupt_tuple("shorter than its header"));
    }
    let upto = upto.min(desc.natts());
    let hoff = tup.hoff();
    let data = tup.get(hoff..).ok_or_else(|| corrupt_tuple("t_hoff past the end"))?;
    let tup_natts = tup.natts();
    let mut off = state.off;
    while state.natts_done < upto {
        let attnum = state.natts_done + 1;
        let att = &desc.attrs[state.natts_done];
        state.natts_done += 1;
        if attnum > tup_natts {
            values.push(att.missing.clone().unwrap_or(Datum::Null));
            continue;
        }
        if tup.att_isnull(attnum) {
            values.push(Datum::Null);
            continue;
        }
        if att.len == -1 {
            // A short varlena is not aligned: a non-zero byte here is its header.
            if !data.get(off).is_some_and(|&b| varlena::not_pad_byte(b)) {
                off = storage::att_align_nominal(off, att.align);
            }
        } else {
            off = storage::att_align_nominal(off, att.align);
        }
        let rest = data.get(off..).ok_or_else(|| corrupt_tuple("attribute past the end"))?;
        // `att_addlength_pointer`, from the attribute's own length.
        let len = match att.len {
            n if n > 0 => (rest.len() >= n as usize).then_some(n as usize),
            -1 => varlena::varsize_any(rest),
            _ => rest.iter().position(|&c| c == 0).map(|p| p + 1),
        }
        .ok_or_else(|| corrupt_tuple("attribute past the end"))?;
        let bytes = &rest[..len];
        // A dropped column's bytes stay in the rows written before the
        // DROP; its type is gone (atttypid 0) and it reads as NULL. The
        // checks sit off the common types' path.
        let v = if att.len == -1 && (varlena::is_1b_e(bytes) || varlena::is_4b_c(bytes)) {
            if att.dropped {
                Datum::Null
            } else {
                let plain = toast::detoast_attr(bytes)?;
                storage::datum_from_disk(&plain, att.type_oid, att.typmod)?
            }
        } else if let Some(v) = common_datum(att.type_oid, bytes) {
            v
        } else if att.dropped {
            Datum::Null
        } else {
            storage::datum_from_disk(bytes, att.type_oid, att.typmod)?
        };
        values.push(v);
        off += len;
    }
    state.off = off;
    Ok(())
}

/// How a scan reads the columns it needs from each tuple, worked out once
/// per scan rather than per tuple (PostgreSQL caches `attcacheoff` in the
/// tuple descriptor for the same reason).
///
/// When every column up to the last one read is fixed-width, each has a
/// fixed offset from `t_hoff` in any tuple without NULLs that stores them
/// all. [`ColumnReader::read`] then decodes only the columns asked for,
/// straight from those offsets, and leaves the others NULL; any other tuple
/// (with NULLs, fewer attributes, or a table with a varlena among those
/// columns) is deformed column by column as [`heap_deform_some`] does.
#[derive(Clone, Debug)]
pub struct ColumnReader {
    /// Physical columns to deform (the highest attnum read).
    upto: usize,
    /// The length of the rows read: `upto` columns, then NULLs.
    width: usize,
    /// The fixed layout, when every column up to `upto` is fixed-width:
    /// per column of the row its offset and decoder (`None` for a column
    /// not read), and the data bytes a tuple must have.
    fixed: Option<(Vec<Option<FixedColumn>>, usize)>,
}

/// A fixed-width column at a known offset (`attcacheoff`).
#[derive(Clone, Copy, Debug)]
struct FixedColumn {
    off: usize,
    len: usize,
    kind: FixedKind,
    type_oid: Oid,
    typmod: i32,
}

/// How a fixed-width column's bytes become a value: the commonest types
/// directly (as [`common_datum`] does, chosen once per scan), the others
/// through the type's on-disk reader.
#[derive(Clone, Copy, Debug)]
enum FixedKind {
    Int2,
    Int4,
    Int8,
    Bool,
    Float8,
    Date,
    Timestamp,
    TimestampTz,
    Oid,
    Other,
}

impl FixedKind {
    fn of(type_oid: Oid, len: usize) -> FixedKind {
        use pg_types::types::oid;
        match (type_oid, len) {
            (oid::INT2, 2) => FixedKind::Int2,
            (oid::INT4, 4) => FixedKind::Int4,
            (oid::INT8, 8) => FixedKind::Int8,
            (oid::BOOL, 1) => FixedKind::Bool,
            (oid::FLOAT8, 8) => FixedKind::Float8,
            (oid::DATE, 4) => FixedKind::Date,
            (oid::TIMESTAMP, 8) => FixedKind::Timestamp,
            (oid::TIMESTAMPTZ, 8) => FixedKind::TimestampTz,
            (oid::OID, 4) => FixedKind::Oid,
            _ => FixedKind::Other,
        }
    }
}

impl FixedColumn {
    /// Stores the column's value from a tuple's data (`data` holds at
    /// least the reader's fixed end) in `slot`. When the slot already holds
    /// a value of the same kind (the previous tuple's), only its payload is
    /// written: building a whole value and copying it costs a store-to-load
    /// stall per column in a tight scan.
    #[inline]
    fn decode_into(&self, data: &[u8], slot: &mut Datum) -> PgResult<()> {
        let b = &data[self.off..self.off + self.len];
        let w4 = || i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let w8 = || i64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        macro_rules! store {
            ($variant:ident, $v:expr) => {{
                let v = $v;
                match slot {
                    Datum::$variant(x) => *x = v,
                    other => other.set(Datum::$variant(v)),
                }
            }};
        }
        match self.kind {
            FixedKind::Int2 => store!(Int2, i16::from_le_bytes([b[0], b[1]])),
            FixedKind::Int4 => store!(Int4, w4()),
            FixedKind::Int8 => store!(Int8, w8()),
            FixedKind::Bool => store!(Bool, b[0] != 0),
            FixedKind::Float8 => store!(Float8, f64::from_bits(w8() as u64)),
            FixedKind::Date => store!(Date, w4()),
            FixedKind::Timestamp => store!(Timestamp, w8()),
            FixedKind::TimestampTz => store!(TimestampTz, w8()),
            FixedKind::Oid => store!(Oid, w4() as u32),
            FixedKind::Other => slot.set(storage::datum_from_disk(b, self.type_oid, self.typmod)?),
        }
        Ok(())
    }
}

impl ColumnReader {
    /// A reader of the columns `read` says (by 0-based physical index) out
    /// of the first `upto` of `desc`, into rows of `width` columns (at
    /// least `upto`; the rest NULL, for the caller to fill).
    pub fn new(desc: &TupleDesc, upto: usize, width: usize, read: impl Fn(usize) -> bool) -> ColumnReader {
        let upto = upto.min(desc.natts());
        let width = width.max(upto);
        let mut cols = Vec::with_capacity(width);
        let mut off = 0usize;
        for (i, att) in desc.attrs[..upto].iter().enumerate() {
            if att.len <= 0 {
                return ColumnReader { upto, width, fixed: None };
            }
            off = storage::att_align_nominal(off, att.align);
            let len = att.len as usize;
            let kind = FixedKind::of(att.type_oid, len);
            cols.push(read(i).then_some(FixedColumn { off, len, kind, type_oid: att.type_oid, typmod: att.typmod }));
            off += len;
        }
        cols.resize(width, None);
        ColumnReader { upto, width, fixed: Some((cols, off)) }
    }

    /// Replaces `values` with the first `upto` physical columns of `tup`
    /// (header and data bytes), then NULLs up to the reader's width;
    /// columns not read may be left NULL. A row of that width is
    /// overwritten in place (see [`Datum::set`]).
    pub fn read(&self, tup: &[u8], desc: &TupleDesc, values: &mut Vec<Datum>) -> PgResult<()> {
        if let Some((cols, end)) = &self.fixed {
            if tup.len() >= SIZEOF_HEAP_TUPLE_HEADER && !tup.has_nulls() && tup.natts() >= self.upto {
                if let Some(data) = tup.get(tup.hoff()..).filter(|d| d.len() >= *end) {
                    if values.len() != cols.len() {
                        Datum::clear_row(values);
                        values.resize(cols.len(), Datum::Null);
                    }
                    for (slot, c) in values.iter_mut().zip(cols) {
                        match c {
                            None => slot.set(Datum::Null),
                            Some(c) => c.decode_into(data, slot)?,
                        }
                    }
                    return Ok(());
                }
            }
        }
        Datum::clear_row(values);
        heap_deform_some(tup, desc, &mut DeformState::new(), self.upto, values)?;
        values.resize(self.width, Datum::Null);
        Ok(())
    }
}

/// The most common column types read straight from their bytes (the
/// general path looks the type up first); `None` for the others.
#[inline]
fn common_datum(type_oid: Oid, b: &[u8]) -> Option<Datum> {
    use pg_types::types::oid;
    Some(match type_oid {
        oid::INT4 => Datum::Int4(i32::from_le_bytes(b.try_into().ok()?)),
        oid::INT8 => Datum::Int8(i64::from_le_bytes(b.try_into().ok()?)),
        oid::INT2 => Datum::Int2(i16::from_le_bytes(b.try_into().ok()?)),
        oid::BOOL => Datum::Bool(*b.first()? != 0),
        oid::FLOAT8 => Datum::Float8(f64::from_bits(u64::from_le_bytes(b.try_into().ok()?))),
        oid::DATE => Datum::Date(i32::from_le_bytes(b.try_into().ok()?)),
        oid::TIMESTAMP => Datum::Timestamp(i64::from_le_bytes(b.try_into().ok()?)),
        oid::TIMESTAMPTZ => Datum::TimestampTz(i64::from_le_bytes(b.try_into().ok()?)),
        oid::OID => Datum::Oid(u32::from_le_bytes(b.try_into().ok()?)),
        oid::TEXT | oid::VARCHAR | oid::BPCHAR => {
            Datum::Text(String::from_utf8(varlena::vardata_any(b)?.to_vec()).ok()?)
        }
        _ => return None,
    })
}

/// `heap_getattr`: one column (1-based) of `tup`.
pub fn heap_getattr(tup: &[u8], desc: &TupleDesc, attnum: usize) -> PgResult<Datum> {
    let mut values = Vec::with_capacity(attnum);
    heap_deform_some(tup, desc, &mut DeformState::new(), attnum, &mut values)?;
    values.pop().ok_or_else(|| PgError::internal(format!("invalid attribute number {attnum} (this is a bug)")))
}

/// `heap_attisnull`: whether column `attnum` (1-based) of `tup` is NULL
/// (a column the tuple predates is NULL unless it has a missing value).
pub fn heap_attisnull(tup: &[u8], desc: &TupleDesc, attnum: usize) -> bool {
    if attnum > tup.natts() {
        return desc.attr(attnum).is_none_or(|a| a.missing.is_none());
    }
    tup.att_isnull(attnum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tupdesc::Attribute;
    use pg_types::io::{self, OutputSettings};
    use pg_types::types::oid;

    fn desc(cols: &[Oid]) -> TupleDesc {
        TupleDesc::new(
            cols.iter().enumerate().map(|(i, t)| Attribute::new(format!("c{i}"), *t, -1).expect("attr")).collect(),
        )
    }

    #[test]
    fn header_layout_is_the_contracts() {
        let d = desc(&[oid::INT4, oid::TEXT]);
        let mut t = heap_form_tuple(&d, &[Datum::Int4(7), Datum::Text("ab".into())]).expect("form");
        // No NULLs: t_hoff = MAXALIGN(31) = 32; int4 at 32, short text at 36.
        assert_eq!(t.data.hoff(), 32);
        assert_eq!(&t.data[32..36], &7i32.to_le_bytes());
        assert_eq!(&t.data[36..], &[varlena::header_1b(3), b'a', b'b']);
        assert_eq!(t.data.natts(), 2);
        assert_eq!(t.data.infomask(), HEAP_HASVARWIDTH);
        let h = t.header_mut();
        h.set_xmin(0x1_0000_0005);
        h.set_xmax(9);
        h.set_raw_cid(3);
        h.set_ctid(ItemPointer::new(0x0001_0002, 5));
        assert_eq!(&t.data[0..8], &0x1_0000_0005u64.to_le_bytes());
        assert_eq!(&t.data[20..26], &[1, 0, 2, 0, 5, 0]);
        assert_eq!(t.data.ctid(), ItemPointer::new(0x0001_0002, 5));
        assert_eq!((t.data.xmin(), t.data.xmax(), t.data.raw_cid()), (0x1_0000_0005, 9, 3));
    }

    #[test]
    fn nulls_set_the_bitmap_and_hoff() {
        let cols: Vec<Oid> = (0..10).map(|_| oid::INT8).collect();
        let d = desc(&cols);
        let mut vals: Vec<Datum> = (0..10).map(Datum::Int8).collect();
        vals[3] = Datum::Null;
        vals[9] = Datum::Null;
        let t = heap_form_tuple(&d, &vals).expect("form");
        // 31 + 2 bitmap bytes -> t_hoff 40.
        assert_eq!(t.data.hoff(), 40);
        assert_eq!(t.data.infomask() & HEAP_HASNULL, HEAP_HASNULL);
        assert_eq!(&t.data[31..33], &[0b1111_0111, 0b0000_0001]);
        assert_eq!(heap_deform_tuple(&t.data, &d).expect("deform"), vals);
        assert!(heap_attisnull(&t.data, &d, 4) && !heap_attisnull(&t.data, &d, 5));
    }

    #[test]
    fn long_varlenas_get_aligned_4_byte_headers() {
        let d = desc(&[oid::BOOL, oid::TEXT, oid::INT2VECTOR]);
        let long = "x".repeat(200);
        let vec = Datum::Array(pg_types::array::ArrayValue::vector(vec![Datum::Int2(1), Datum::Int2(2)]));
        let t = heap_form_tuple(&d, &[Datum::Bool(true), Datum::Text(long.clone()), vec.clone()]).expect("form");
        // bool at 32, text aligned to 36 with a 4-byte header.
        assert_eq!(t.data[32], 1);
        assert_eq!(&t.data[33..36], &[0, 0, 0]);
        assert_eq!(varlena::varsize_4b(&t.data[36..]), 204);
        // int2vector is plain storage: never a short header.
        let at = storage::align_up(36 + 204 - 32, 4) + 32;
        assert!(varlena::is_4b_u(&t.data[at..]));
        assert_eq!(heap_deform_tuple(&t.data, &d).expect("deform"), vec![Datum::Bool(true), Datum::Text(long), vec]);
    }

    #[test]
    fn partial_deform_resumes_and_missing_columns_read_their_default() {
        let d = desc(&[oid::INT4, oid::TEXT, oid::INT8]);
        let t = heap_form_tuple(&d, &[Datum::Int4(1), Datum::Text("a".into()), Datum::Int8(3)]).expect("form");
        let mut st = DeformState::new();
        let mut vals = Vec::new();
        heap_deform_some(&t.data, &d, &mut st, 1, &mut vals).expect("1");
        assert_eq!(vals, vec![Datum::Int4(1)]);
        heap_deform_some(&t.data, &d, &mut st, 3, &mut vals).expect("3");
        assert_eq!(vals, vec![Datum::Int4(1), Datum::Text("a".into()), Datum::Int8(3)]);
        assert_eq!(heap_getattr(&t.data, &d, 2).expect("getattr"), Datum::Text("a".into()));
        // A column added after the tuple was written.
        let mut wider = d.clone();
        let mut extra = Attribute::new("d", oid::INT4, -1).expect("attr");
        extra.missing = Some(Datum::Int4(42));
        wider.attrs.push(extra);
        wider.attrs.push(Attribute::new("e", oid::TEXT, -1).expect("attr"));
        let all = heap_deform_tuple(&t.data, &wider).expect("deform");
        assert_eq!(&all[3..], &[Datum::Int4(42), Datum::Null]);
    }

    #[test]
    fn dropped_columns_read_as_null() {
        // A row written before the DROP keeps the column's bytes.
        let d = desc(&[oid::INT4, oid::NUMERIC, oid::INT4]);
        let t = heap_form_tuple(
            &d,
            &[
                Datum::Int4(1),
                io::input(oid::NUMERIC, -1, "2.5", &OutputSettings::default()).expect("numeric"),
                Datum::Int4(3),
            ],
        )
        .expect("form");
        let mut dropped = d.clone();
        dropped.attrs[1].dropped = true;
        dropped.attrs[1].type_oid = 0;
        assert_eq!(
            heap_deform_tuple(&t.data, &dropped).expect("deform"),
            [Datum::Int4(1), Datum::Null, Datum::Int4(3)]
        );
    }

    #[test]
    fn column_reader_agrees_with_deform() {
        // (columns, values, the 0-based columns read, upto, width)
        type Case = (Vec<Oid>, Vec<Datum>, Vec<usize>, usize, usize);
        let i4 = |v| Datum::Int4(v);
        let cases: Vec<Case> = vec![
            // All fixed-width, no NULLs: offsets cached, unread columns NULL.
            (vec![oid::INT4, oid::INT4, oid::TEXT], vec![i4(1), i4(2), Datum::Text("x".into())], vec![1], 2, 3),
            (
                vec![oid::INT2, oid::INT8, oid::BOOL, oid::FLOAT8],
                vec![Datum::Int2(3), Datum::Int8(-4), Datum::Bool(true), Datum::Float8(0.5)],
                vec![0, 1, 2, 3],
                4,
                5,
            ),
            (
                vec![oid::DATE, oid::TIMESTAMPTZ, oid::OID],
                vec![Datum::Date(10), Datum::TimestampTz(7), Datum::Oid(9)],
                vec![0, 1, 2],
                3,
                3,
            ),
            // A type read through its on-disk reader.
            (vec![oid::INT4, oid::UUID], vec![i4(5), Datum::Uuid([7; 16])], vec![1], 2, 2),
            // NULLs: deformed column by column.
            (vec![oid::INT4, oid::INT4], vec![Datum::Null, i4(2)], vec![1], 2, 2),
            // A varlena before the last column read.
            (vec![oid::TEXT, oid::INT4], vec![Datum::Text("ab".into()), i4(6)], vec![0, 1], 2, 2),
        ];
        for (types, values, read, upto, width) in cases {
            let d = desc(&types);
            let t = heap_form_tuple(&d, &values).expect("form");
            let mut expect = heap_deform_tuple(&t.data, &d).expect("deform");
            expect.truncate(upto);
            expect.resize(width, Datum::Null);
            let reader = ColumnReader::new(&d, upto, width, |i| read.contains(&i));
            // Into an empty row, then over the same row again (in place).
            let mut row = Vec::new();
            for _ in 0..2 {
                reader.read(&t.data, &d, &mut row).expect("read");
                for &i in &read {
                    assert_eq!(row[i], expect[i], "{types:?} column {i}");
                }
                assert_eq!(row.len(), width, "{types:?}");
                assert!(row[upto..].iter().all(Datum::is_null), "{types:?}");
            }
        }
        // A tuple written before a column was added reads its missing value.
        let d = desc(&[oid::INT4]);
        let t = heap_form_tuple(&d, &[i4(1)]).expect("form");
        let mut wider = d.clone();
        let mut extra = Attribute::new("d", oid::INT4, -1).expect("attr");
        extra.missing = Some(i4(42));
        wider.attrs.push(extra);
        let mut row = vec![Datum::Text("old".into()); 2];
        ColumnReader::new(&wider, 2, 2, |_| true).read(&t.data, &wider, &mut row).expect("read");
        assert_eq!(row, vec![i4(1), i4(42)]);
    }

    #[test]
    fn dropped_columns_store_null() {
        let mut d = desc(&[oid::INT4, oid::INT4]);
        d.attrs[0].dropped = true;
        let t = heap_form_tuple(&d, &[Datum::Int4(1), Datum::Int4(2)]).expect("form");
        assert_eq!(heap_deform_tuple(&t.data, &d).expect("deform"), vec![Datum::Null, Datum::Int4(2)]);
    }

    #[test]
    fn every_storable_type_round_trips() {
        let s = OutputSettings::default();
        let cases: &[(Oid, &str)] = &[
            (oid::BOOL, "f"),
            (oid::CHAR, "q"),
            (oid::NAME, "relname"),
            (oid::INT2, "-32768"),
            (oid::INT4, "2147483647"),
            (oid::INT8, "-1"),
            (oid::FLOAT4, "NaN"),
            (oid::FLOAT8, "-Infinity"),
            (oid::NUMERIC, "-0.000001"),
            (oid::TEXT, "t"),
            (oid::VARCHAR, "v"),
            (oid::BPCHAR, "b  "),
            (oid::BYTEA, "\\xdeadbeef"),
            (oid::OID, "1259"),
            (oid::XID, "7"),
            (oid::XID8, "99999999999"),
            (oid::CID, "3"),
            (oid::REGCLASS, "1259"),
            (oid::INET, "::ffff:1.2.3.4/120"),
            (oid::CIDR, "10.0.0.0/8"),
            (oid::DATE, "-infinity"),
            (oid::TIME, "23:59:59.999999"),
            (oid::TIMESTAMP, "1999-12-31 23:59:59"),
            (oid::TIMESTAMPTZ, "2000-01-01 00:00:00+00"),
            (oid::INTERVAL, "-1 years 3 mons 00:00:01"),
            (oid::UUID, "00000000-0000-0000-0000-000000000001"),
            (oid::TEXT_ARRAY, "{x,NULL,\"y z\"}"),
            (oid::FLOAT8_ARRAY, "{1.5,NULL}"),
            (oid::INTERVAL_ARRAY, "{\"1 day\"}"),
        ];
        let d = desc(&cases.iter().map(|c| c.0).collect::<Vec<_>>());
        let vals: Vec<Datum> = cases.iter().map(|(t, v)| io::input(*t, -1, v, &s).expect(v)).collect();
        let tup = heap_form_tuple(&d, &vals).expect("form");
        let back = heap_deform_tuple(&tup.data, &d).expect("deform");
        for (i, (t, v)) in cases.iter().enumerate() {
            assert_eq!(io::output(*t, &back[i], &s), io::output(*t, &vals[i], &s), "{v}");
        }
    }

    mod props {
        use super::*;
        use pg_types::datum::Interval;
        use pg_types::numeric::Numeric;
        use proptest::prelude::*;

        /// A value of one of the storable types (or NULL), with its type.
        fn typed_value() -> impl Strategy<Value = (Oid, Datum)> {
            let text = "[a-zA-Zé0-9 ]{0,300}";
            let v = prop_oneof![
                any::<bool>().prop_map(|b| (oid::BOOL, Datum::Bool(b))),
                any::<u8>().prop_map(|c| (oid::CHAR, Datum::Char(c))),
                any::<i16>().prop_map(|v| (oid::INT2, Datum::Int2(v))),
                any::<i32>().prop_map(|v| (oid::INT4, Datum::Int4(v))),
                any::<i64>().prop_map(|v| (oid::INT8, Datum::Int8(v))),
                any::<u32>().prop_map(|v| (oid::FLOAT4, Datum::Float4(f32::from_bits(v)))),
                any::<i64>().prop_map(|v| (oid::FLOAT8, Datum::Float8(v as f64 / 7.0))),
                (any::<i64>(), 0i32..40).prop_map(|(v, s)| (
                    oid::NUMERIC,
                    Datum::Numeric(Numeric::from_unscaled(
                        num_bigint::BigInt::from(v) * num_bigint::BigInt::from(v),
                        s
                    ))
                )),
                text.prop_map(|s| (oid::TEXT, Datum::Text(s))),
                "[a-z]{0,63}".prop_map(|s| (oid::NAME, Datum::Text(s))),
                proptest::collection::vec(any::<u8>(), 0..400).prop_map(|b| (oid::BYTEA, Datum::Bytea(b))),
                any::<u32>().prop_map(|v| (oid::OID, Datum::Oid(v))),
                any::<u64>().prop_map(|v| (oid::XID8, Datum::Xid8(v))),
                any::<i32>().prop_map(|v| (oid::DATE, Datum::Date(v))),
                any::<i64>().prop_map(|v| (oid::TIMESTAMPTZ, Datum::TimestampTz(v))),
                (any::<i32>(), any::<i32>(), any::<i64>())
                    .prop_map(|(m, d, u)| (oid::INTERVAL, Datum::Interval(Interval { months: m, days: d, micros: u }))),
                any::<[u8; 16]>().prop_map(|u| (oid::UUID, Datum::Uuid(u))),
                (any::<[u8; 4]>(), 0u8..=32).prop_map(|(a, b)| (
                    oid::INET,
                    Datum::Inet(pg_types::datum::Inet { addr: std::net::IpAddr::from(a), bits: b })
                )),
                proptest::collection::vec(proptest::option::of(any::<i64>()), 0..20).prop_map(|v| (
                    oid::INT8_ARRAY,
                    Datum::Array(v.into_iter().map(|x| x.map_or(Datum::Null, Datum::Int8)).collect())
                )),
                proptest::collection::vec(proptest::option::of("[a-z]{0,200}"), 0..5).prop_map(|v| (
                    oid::TEXT_ARRAY,
                    Datum::Array(v.into_iter().map(|x| x.map_or(Datum::Null, Datum::Text)).collect())
                )),
            ];
            (v, any::<u8>()).prop_map(|((t, d), n)| if n < 40 { (t, Datum::Null) } else { (t, d) })
        }

        proptest! {
            #[test]
            fn form_deform_round_trip(row in proptest::collection::vec(typed_value(), 0..40), cut in 0usize..40) {
                let d = desc(&row.iter().map(|c| c.0).collect::<Vec<_>>());
                let vals: Vec<Datum> = row.iter().map(|c| c.1.clone()).collect();
                let t = heap_form_tuple(&d, &vals).expect("form");
                prop_assert_eq!(t.data.hoff() % MAXALIGN, 0);
                let back = heap_deform_tuple(&t.data, &d).expect("deform");
                for (i, (a, b)) in vals.iter().zip(&back).enumerate() {
                    let same = match (a, b) {
                        (Datum::Float8(x), Datum::Float8(y)) => x.to_bits() == y.to_bits(),
                        (Datum::Float4(x), Datum::Float4(y)) => x.to_bits() == y.to_bits(),
                        _ => pg_types::datum_cmp(a, b).is_none_or(|o| o.is_eq()) && a.is_null() == b.is_null(),
                    };
                    prop_assert!(same, "column {}: {:?} != {:?}", i, a, b);
                }
                // Deforming in two steps gives the same values.
                let mut st = DeformState::new();
                let mut two = Vec::new();
                heap_deform_some(&t.data, &d, &mut st, cut, &mut two).expect("first part");
                heap_deform_some(&t.data, &d, &mut st, d.natts(), &mut two).expect("second part");
                prop_assert_eq!(two.len(), back.len());
                for (x, y) in two.iter().zip(&back) {
                    prop_assert_eq!(format!("{:?}", x), format!("{:?}", y));
                }
            }
        }
    }
}
