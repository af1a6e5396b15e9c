//! Rows stored outside the executor's working values (PostgreSQL's
//! `MinimalTuple`, `heaptuple.c`'s `heap_form_minimal_tuple` /
//! `heap_deform_tuple`): the compact byte form in which sorts, hash
//! aggregation and tuplestores write rows to temporary files, and the
//! footprint by which they charge in-memory rows against `work_mem`.
//!
//! Layout: `u32` total length (of what follows), `u16` number of
//! attributes, then for each attribute a one-byte tag and its value:
//! fixed-width values little-endian, text and bytea as `u32` length plus
//! bytes, numeric as its text form, arrays and records as a nested tuple.
//! NULL is the tag alone. Deforming can stop after the columns it needs
//! ([`deform_prefix`]).

use crate::nodes::Row;
use pg_error::{PgError, PgResult};
use pg_types::array::{ArrayDim, ArrayValue};
use pg_types::datum::{Datum, Inet, Interval};
use pg_types::numeric::Numeric;
use std::net::IpAddr;

const NULL: u8 = 0;
const BOOL: u8 = 1;
const INT2: u8 = 2;
const INT4: u8 = 3;
const INT8: u8 = 4;
const FLOAT4: u8 = 5;
const FLOAT8: u8 = 6;
const NUMERIC: u8 = 7;
const TEXT: u8 = 8;
const CHAR: u8 = 9;
const BYTEA: u8 = 10;
const OID: u8 = 11;
const XID: u8 = 12;
const XID8: u8 = 13;
const INET4: u8 = 14;
const INET6: u8 = 15;
const DATE: u8 = 16;
const TIME: u8 = 17;
const TIMESTAMP: u8 = 18;
const TIMESTAMPTZ: u8 = 19;
const INTERVAL: u8 = 20;
const ARRAY: u8 = 21;
const RECORD: u8 = 22;
const UUID: u8 = 23;
const ACLITEM: u8 = 24;
const TIMETZ: u8 = 25;

/// Appends the MinimalTuple form of `row` to `out`
/// (`heap_form_minimal_tuple`).
pub fn form_tuple(row: &[Datum], out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    put_atts(row, out);
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_le_bytes());
}

fn put_atts(row: &[Datum], out: &mut Vec<u8>) {
    out.extend_from_slice(&(row.len() as u16).to_le_bytes());
    for d in row {
        put_datum(d, out);
    }
}

fn put_bytes(tag: u8, b: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    out.extend_from_slice(b);
}

fn put_datum(d: &Datum, out: &mut Vec<u8>) {
    match d {
        Datum::Null => out.push(NULL),
        Datum::Bool(b) => out.extend_from_slice(&[BOOL, u8::from(*b)]),
        Datum::Int2(v) => {
            out.push(INT2);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Int4(v) => {
            out.push(INT4);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Int8(v) => {
            out.push(INT8);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Float4(v) => {
            out.push(FLOAT4);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Float8(v) => {
            out.push(FLOAT8);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Numeric(n) => put_bytes(NUMERIC, n.to_string().as_bytes(), out),
        Datum::Text(s) => put_bytes(TEXT, s.as_bytes(), out),
        Datum::Char(c) => out.extend_from_slice(&[CHAR, *c]),
        Datum::Bytea(b) => put_bytes(BYTEA, b, out),
        Datum::Oid(v) => {
            out.push(OID);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Xid(v) => {
            out.push(XID);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Xid8(v) => {
            out.push(XID8);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Inet(i) => match i.addr {
            IpAddr::V4(a) => {
                out.push(INET4);
                out.extend_from_slice(&a.octets());
                out.push(i.bits);
            }
            IpAddr::V6(a) => {
                out.push(INET6);
                out.extend_from_slice(&a.octets());
                out.push(i.bits);
            }
        },
        Datum::Date(v) => {
            out.push(DATE);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Time(v) => {
            out.push(TIME);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::TimeTz(t) => {
            out.push(TIMETZ);
            out.extend_from_slice(&t.time.to_le_bytes());
            out.extend_from_slice(&t.zone.to_le_bytes());
        }
        Datum::Timestamp(v) => {
            out.push(TIMESTAMP);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::TimestampTz(v) => {
            out.push(TIMESTAMPTZ);
            out.extend_from_slice(&v.to_le_bytes())
        }
        Datum::Interval(i) => {
            out.push(INTERVAL);
            out.extend_from_slice(&i.months.to_le_bytes());
            out.extend_from_slice(&i.days.to_le_bytes());
            out.extend_from_slice(&i.micros.to_le_bytes());
        }
        Datum::Uuid(u) => {
            out.push(UUID);
            out.extend_from_slice(u)
        }
        Datum::AclItem(a) => {
            out.push(ACLITEM);
            for v in [a.grantee, a.grantor, a.privs] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        Datum::Array(a) => {
            // The element count (an array may pass a row's 16-bit column
            // count), the shape, then the elements.
            out.push(ARRAY);
            out.extend_from_slice(&(a.len() as u32).to_le_bytes());
            let dims = a.dims();
            out.push(dims.len() as u8);
            for d in &dims {
                out.extend_from_slice(&d.len.to_le_bytes());
                out.extend_from_slice(&d.lbound.to_le_bytes());
            }
            for d in a.iter() {
                put_datum(d, out);
            }
        }
        Datum::Record(r) => {
            out.push(RECORD);
            put_atts(r, out);
        }
    }
}

/// A cursor over a tuple's bytes.
struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

fn corrupt() -> PgError {
    PgError::internal("corrupt tuple in temporary file")
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> PgResult<&'a [u8]> {
        let s = self.b.get(self.at..self.at + n).ok_or_else(corrupt)?;
        self.at += n;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> PgResult<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("took N bytes"))
    }
    fn var(&mut self) -> PgResult<&'a [u8]> {
        let n = u32::from_le_bytes(self.arr()?) as usize;
        self.take(n)
    }
    fn atts(&mut self, limit: usize) -> PgResult<Vec<Datum>> {
        let n = u16::from_le_bytes(self.arr()?) as usize;
        let want = n.min(limit);
        let mut row = Vec::with_capacity(want);
        for _ in 0..want {
            row.push(self.datum()?);
        }
        Ok(row)
    }
    /// Decodes the datum whose tag is at byte `at`.
    fn datum_at(mut self, at: usize) -> PgResult<Datum> {
        self.at = at;
        self.datum()
    }

    /// Steps over one encoded datum.
    fn skip_datum(&mut self) -> PgResult<()> {
        let tag = self.take(1)?[0];
        match tag {
            NULL => {}
            BOOL | CHAR => {
                self.take(1)?;
            }
            INT2 => {
                self.take(2)?;
            }
            INT4 | FLOAT4 | OID | XID | DATE => {
                self.take(4)?;
            }
            INT8 | FLOAT8 | XID8 | TIME | TIMESTAMP | TIMESTAMPTZ => {
                self.take(8)?;
            }
            NUMERIC | TEXT | BYTEA => {
                self.var()?;
            }
            INET4 => {
                self.take(5)?;
            }
            INET6 => {
                self.take(17)?;
            }
            INTERVAL | UUID => {
                self.take(16)?;
            }
            ACLITEM | TIMETZ => {
                self.take(12)?;
            }
            ARRAY => {
                let n = u32::from_le_bytes(self.arr()?) as usize;
                let ndim = self.take(1)?[0] as usize;
                self.take(8 * ndim)?;
                for _ in 0..n {
                    self.skip_datum()?;
                }
            }
            RECORD => {
                let n = u16::from_le_bytes(self.arr()?) as usize;
                for _ in 0..n {
                    self.skip_datum()?;
                }
            }
            _ => return Err(corrupt()),
        }
        Ok(())
    }

    fn datum(&mut self) -> PgResult<Datum> {
        let tag = self.take(1)?[0];
        Ok(match tag {
            NULL => Datum::Null,
            BOOL => Datum::Bool(self.take(1)?[0] != 0),
            INT2 => Datum::Int2(i16::from_le_bytes(self.arr()?)),
            INT4 => Datum::Int4(i32::from_le_bytes(self.arr()?)),
            INT8 => Datum::Int8(i64::from_le_bytes(self.arr()?)),
            FLOAT4 => Datum::Float4(f32::from_le_bytes(self.arr()?)),
            FLOAT8 => Datum::Float8(f64::from_le_bytes(self.arr()?)),
            NUMERIC => {
                let s = std::str::from_utf8(self.var()?).map_err(|_| corrupt())?;
                Datum::Numeric(Numeric::parse(s)?)
            }
            TEXT => Datum::Text(String::from_utf8(self.var()?.to_vec()).map_err(|_| corrupt())?),
            CHAR => Datum::Char(self.take(1)?[0]),
            BYTEA => Datum::Bytea(self.var()?.to_vec()),
            OID => Datum::Oid(u32::from_le_bytes(self.arr()?)),
            XID => Datum::Xid(u32::from_le_bytes(self.arr()?)),
            XID8 => Datum::Xid8(u64::from_le_bytes(self.arr()?)),
            INET4 => {
                let a: [u8; 4] = self.arr()?;
                Datum::Inet(Inet { addr: IpAddr::from(a), bits: self.take(1)?[0] })
            }
            INET6 => {
                let a: [u8; 16] = self.arr()?;
                Datum::Inet(Inet { addr: IpAddr::from(a), bits: self.take(1)?[0] })
            }
            DATE => Datum::Date(i32::from_le_bytes(self.arr()?)),
            TIME => Datum::Time(i64::from_le_bytes(self.arr()?)),
            TIMETZ => Datum::TimeTz(pg_types::TimeTz {
                time: i64::from_le_bytes(self.arr()?),
                zone: i32::from_le_bytes(self.arr()?),
            }),
            TIMESTAMP => Datum::Timestamp(i64::from_le_bytes(self.arr()?)),
            TIMESTAMPTZ => Datum::TimestampTz(i64::from_le_bytes(self.arr()?)),
            INTERVAL => Datum::Interval(Interval {
                months: i32::from_le_bytes(self.arr()?),
                days: i32::from_le_bytes(self.arr()?),
                micros: i64::from_le_bytes(self.arr()?),
            }),
            UUID => Datum::Uuid(self.arr()?),
            ACLITEM => Datum::AclItem(pg_types::acl::AclItem {
                grantee: u32::from_le_bytes(self.arr()?),
                grantor: u32::from_le_bytes(self.arr()?),
                privs: u32::from_le_bytes(self.arr()?),
            }),
            ARRAY => {
                let n = u32::from_le_bytes(self.arr()?) as usize;
                let ndim = self.take(1)?[0] as usize;
                let mut dims = Vec::with_capacity(ndim);
                for _ in 0..ndim {
                    let len = i32::from_le_bytes(self.arr()?);
                    dims.push(ArrayDim { len, lbound: i32::from_le_bytes(self.arr()?) });
                }
                let mut elems = Vec::with_capacity(n.min(self.b.len()));
                for _ in 0..n {
                    elems.push(self.datum()?);
                }
                Datum::Array(ArrayValue::new(elems, &dims)?)
            }
            RECORD => Datum::Record(self.atts(usize::MAX)?),
            _ => return Err(corrupt()),
        })
    }
}

/// The row of a tuple's body (the bytes after the length word)
/// (`heap_deform_tuple`).
pub fn deform_tuple(body: &[u8]) -> PgResult<Row> {
    Reader { b: body, at: 0 }.atts(usize::MAX)
}

/// The first `ncols` columns of a tuple's body: deforming stops at the
/// last column needed (`slot_deform_heap_tuple` with `natts`).
pub fn deform_prefix(body: &[u8], ncols: usize) -> PgResult<Row> {
    Reader { b: body, at: 0 }.atts(ncols)
}

/// The number of attributes of a tuple body (`HeapTupleHeaderGetNatts`).
pub fn tuple_natts(body: &[u8]) -> PgResult<usize> {
    Ok(u16::from_le_bytes(Reader { b: body, at: 0 }.arr()?) as usize)
}

/// Byte offset of the first attribute in a tuple body (after the count).
pub(crate) const FIRST_ATTRIBUTE: usize = 2;

/// Decodes `count` attributes of a tuple body starting at byte `at` (the
/// tag of the next undecoded attribute), appending them to `out`; returns
/// the offset after the last one decoded. A slot deforms incrementally
/// with it (`slot_deform_heap_tuple` resuming at `tts_off`).
pub(crate) fn deform_more(body: &[u8], at: usize, count: usize, out: &mut Vec<Datum>) -> PgResult<usize> {
    let mut r = Reader { b: body, at };
    for _ in 0..count {
        out.push(r.datum()?);
    }
    Ok(r.at)
}

/// Writes a row as a tuple to a temporary file.
pub fn write_tuple(file: &mut pg_storage::BufFile, row: &[Datum], scratch: &mut Vec<u8>) -> PgResult<()> {
    scratch.clear();
    form_tuple(row, scratch);
    file.write(scratch)
}

/// Reads the next tuple written by [`write_tuple`], or `None` at the end.
pub fn read_tuple(file: &mut pg_storage::BufFile, scratch: &mut Vec<u8>) -> PgResult<Option<Row>> {
    let mut len = [0u8; 4];
    match file.read(&mut len)? {
        0 => return Ok(None),
        4 => {}
        _ => return Err(corrupt()),
    }
    scratch.resize(u32::from_le_bytes(len) as usize, 0);
    file.read_exact(scratch)?;
    deform_tuple(scratch).map(Some)
}

/// A row stored in a memory context in MinimalTuple form (length word
/// included), as sorts and tuplestores keep their rows: one chunk of the
/// query's context per row, which `pg_backend_memory_contexts` counts.
pub type MinimalTuple = allocator_api2::vec::Vec<u8, crate::QueryAllocator>;

/// Forms `row` as a [`MinimalTuple`] allocated in `alloc`, using
/// `scratch` to encode it (`ExecCopySlotMinimalTuple`).
pub fn form_minimal_tuple(row: &[Datum], alloc: &crate::QueryAllocator, scratch: &mut Vec<u8>) -> MinimalTuple {
    scratch.clear();
    form_tuple(row, scratch);
    let mut t = allocator_api2::vec::Vec::with_capacity_in(scratch.len(), alloc.clone());
    // resize + copy_from_slice compile to memset + memcpy; allocator_api2's
    // extend_from_slice copies byte by byte.
    t.resize(scratch.len(), 0);
    t.copy_from_slice(scratch);
    t
}

/// The body of a formed tuple (after its length word).
pub fn tuple_body(t: &[u8]) -> &[u8] {
    &t[4..]
}

/// The tag and encoded bytes of attribute `k` of a tuple body, walking
/// the attributes before it (`nocachegetattr`); `None` past the last.
fn attribute(body: &[u8], k: usize) -> PgResult<Option<(u8, &[u8])>> {
    let mut r = Reader { b: body, at: 0 };
    let natts = u16::from_le_bytes(r.arr()?) as usize;
    if k >= natts {
        return Ok(None);
    }
    for _ in 0..k {
        r.skip_datum()?;
    }
    let start = r.at;
    r.skip_datum()?;
    Ok(Some((body[start], &body[start + 1..r.at])))
}

/// Whether attribute `k` of a tuple body is NULL.
pub fn attribute_is_null(body: &[u8], k: usize) -> PgResult<bool> {
    Ok(attribute(body, k)?.map(|(tag, _)| tag == NULL).unwrap_or(true))
}

/// Compares attribute `col` of two tuple bodies as the Sort node compares rows
/// compares the decoded values, reading fixed-width integers and text in
/// place and decoding only other types.
pub fn compare_attribute(a: &[u8], b: &[u8], col: usize, blank_padded: bool) -> PgResult<Option<std::cmp::Ordering>> {
    let (Some((ta, va)), Some((tb, vb))) = (attribute(a, col)?, attribute(b, col)?) else {
        return Err(corrupt());
    };
    if ta == NULL || tb == NULL {
        // NULL placement depends on the sort key: the caller decides.
        return Ok(None);
    }
    let le = |v: &[u8]| -> i64 {
        match v.len() {
            2 => i16::from_le_bytes([v[0], v[1]]) as i64,
            4 => i32::from_le_bytes([v[0], v[1], v[2], v[3]]) as i64,
            _ => i64::from_le_bytes(v.try_into().unwrap_or([0; 8])),
        }
    };
    Ok(Some(match (ta, tb) {
        (INT2 | INT4 | INT8 | DATE | TIME | TIMESTAMP | TIMESTAMPTZ, _) if ta == tb => le(va).cmp(&le(vb)),
        // character(n) ignores trailing blanks (bpcharcmp).
        (TEXT, _) if ta == tb && blank_padded => trim_blanks(&va[4..]).cmp(trim_blanks(&vb[4..])),
        // Text and bytea: the length word, then bytes compared as datum_cmp does.
        (TEXT | BYTEA, _) if ta == tb => va[4..].cmp(&vb[4..]),
        _ => {
            let x = Reader { b: a, at: 0 }.datum_at(va.as_ptr() as usize - a.as_ptr() as usize - 1)?;
            let y = Reader { b, at: 0 }.datum_at(vb.as_ptr() as usize - b.as_ptr() as usize - 1)?;
            if blank_padded {
                crate::agg::blank_padded_cmp(&x, &y)?
            } else {
                crate::eval::compare(&x, &y)?
            }
        }
    }))
}

/// The bytes of a `character(n)` value without its trailing blanks.
fn trim_blanks(v: &[u8]) -> &[u8] {
    let end = v.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    &v[..end]
}

/// Bytes a row held in memory as a `Row` occupies, heap payloads included
/// (what a sort or hash table charges against `work_mem` for it).
pub fn row_footprint(row: &[Datum]) -> usize {
    std::mem::size_of::<Row>() + row.iter().map(datum_footprint).sum::<usize>()
}

fn datum_footprint(d: &Datum) -> usize {
    // Heap payloads are rounded up to malloc's 16-byte granularity.
    let heap = |n: usize| if n == 0 { 0 } else { (n + 8).next_multiple_of(16) };
    std::mem::size_of::<Datum>()
        + match d {
            Datum::Text(s) => heap(s.capacity()),
            Datum::Bytea(b) => heap(b.capacity()),
            Datum::Numeric(_) => 32,
            Datum::Array(a) => {
                heap(a.len() * std::mem::size_of::<Datum>())
                    + a.iter().map(|x| datum_footprint(x) - std::mem::size_of::<Datum>()).sum::<usize>()
            }
            Datum::Record(a) => {
                heap(a.capacity() * std::mem::size_of::<Datum>())
                    + a.iter().map(|x| datum_footprint(x) - std::mem::size_of::<Datum>()).sum::<usize>()
            }
            _ => 0,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_datum_round_trips() {
        let row = vec![
            Datum::Null,
            Datum::Bool(true),
            Datum::Int2(-3),
            Datum::Int4(7),
            Datum::Int8(i64::MIN),
            Datum::Float4(1.5),
            Datum::Float8(f64::NAN),
            Datum::Numeric(Numeric::parse("-12.3400").expect("numeric")),
            Datum::Text("héllo".into()),
            Datum::Char(b'x'),
            Datum::Bytea(vec![0, 255]),
            Datum::Oid(26),
            Datum::Xid(5),
            Datum::Xid8(6),
            Datum::Inet(Inet { addr: "10.1.2.3".parse().expect("ip"), bits: 8 }),
            Datum::Inet(Inet { addr: "::1".parse().expect("ip"), bits: 128 }),
            Datum::Date(-1),
            Datum::Time(2),
            Datum::TimeTz(pg_types::TimeTz { time: 5, zone: -18000 }),
            Datum::Timestamp(3),
            Datum::TimestampTz(4),
            Datum::Interval(Interval { months: 1, days: 2, micros: 3 }),
            Datum::Uuid([7; 16]),
            Datum::AclItem(pg_types::acl::AclItem { grantee: 0, grantor: 10, privs: 1 << 11 }),
            Datum::Array(vec![Datum::Int4(1), Datum::Null].into()),
            Datum::Array(
                ArrayValue::new(
                    (1..=4).map(Datum::Int4).collect(),
                    &[ArrayDim { len: 2, lbound: 0 }, ArrayDim { len: 2, lbound: 1 }],
                )
                .unwrap(),
            ),
            Datum::Record(vec![Datum::Text("a".into()), Datum::Array(Default::default())]),
        ];
        let mut buf = Vec::new();
        form_tuple(&row, &mut buf);
        let back = deform_tuple(&buf[4..]).expect("deforms");
        assert_eq!(format!("{back:?}"), format!("{row:?}"));
        assert_eq!(u32::from_le_bytes(buf[..4].try_into().expect("4")) as usize, buf.len() - 4);
        assert_eq!(deform_prefix(&buf[4..], 3).expect("deforms").len(), 3);
        // Stepping over each kind of datum finds the attributes after it.
        for (k, d) in row.iter().enumerate() {
            assert_eq!(attribute_is_null(&buf[4..], k).expect("attribute"), d.is_null(), "attribute {k}");
        }
    }
}
