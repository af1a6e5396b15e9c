//! `pg_backend_memory_contexts` rows, their compact wire form, and the
//! `MemoryContextStats` text report.
//!
//! PostgreSQL source: `src/backend/utils/adt/mcxtfuncs.c`
//! (`PutMemoryContextsStatsTupleStore`), `mcxt.c` (`MemoryContextStatsInternal`).
//!
//! Rows come out depth-first, each parent before its children and children
//! newest first, with `level` 0 for the starting context, as PostgreSQL 16's
//! view does. Another backend's rows travel through a fixed shared-memory
//! buffer in the format of [`encode_rows`]; [`decode_rows`] validates
//! everything and never panics on bad input.

use crate::globals::top_memory_context;
use crate::mcxt::{MemoryContext, Node};
use std::fmt::{self, Write as _};
use std::rc::Rc;

/// `MEMORY_CONTEXT_IDENT_DISPLAY_SIZE`: idents are clipped to this many bytes.
pub const MEMORY_CONTEXT_IDENT_DISPLAY_SIZE: usize = 1024;

/// One row of `pg_backend_memory_contexts` (PostgreSQL 16 columns, SQL types).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContextRow {
    /// `name text`.
    pub name: String,
    /// `ident text` (clipped to 1024 bytes).
    pub ident: Option<String>,
    /// `parent text`: the parent's name.
    pub parent: Option<String>,
    /// `level int4`: 0 for the starting context.
    pub level: i32,
    /// `total_bytes int8`.
    pub total_bytes: i64,
    /// `total_nblocks int8`.
    pub total_nblocks: i64,
    /// `free_bytes int8`.
    pub free_bytes: i64,
    /// `free_chunks int8`.
    pub free_chunks: i64,
    /// `used_bytes int8` = total_bytes - free_bytes.
    pub used_bytes: i64,
}

fn row_for(node: &Rc<Node>, parent: Option<&str>, level: i32) -> ContextRow {
    let c = reported_counters(node);
    ContextRow {
        name: node.name().to_string(),
        ident: node.ident_clipped(MEMORY_CONTEXT_IDENT_DISPLAY_SIZE),
        parent: parent.map(str::to_string),
        level,
        total_bytes: c.total_bytes as i64,
        total_nblocks: c.total_nblocks as i64,
        free_bytes: c.free_bytes as i64,
        free_chunks: c.free_chunks as i64,
        used_bytes: c.used_bytes() as i64,
    }
}

/// What the views and the log report for a context: its blocks' counters,
/// plus the bytes charged to it from outside its blocks (`MemoryCharge`),
/// which count as held and used.
fn reported_counters(node: &Node) -> crate::MemoryContextCounters {
    let mut c = node.set.borrow().stats();
    c.total_bytes += node.external_bytes();
    c
}

/// Depth-first walk: (node, level, parent name).
fn walk(root: &MemoryContext, mut visit: impl FnMut(&Rc<Node>, i32, Option<&str>)) {
    let mut stack: Vec<(Rc<Node>, i32, Option<Rc<Node>>)> = vec![(root.node().clone(), 0, None)];
    while let Some((n, level, parent)) = stack.pop() {
        visit(&n, level, parent.as_ref().map(|p| p.name()));
        // Push in reverse so the newest child (first in the list) comes out first.
        for c in n.children().into_iter().rev() {
            stack.push((c, level + 1, Some(n.clone())));
        }
    }
}

impl MemoryContext {
    /// Rows for this context and its subtree, depth-first, `level` 0 here.
    pub fn rows(&self) -> Vec<ContextRow> {
        let mut out = Vec::new();
        walk(self, |n, level, parent| out.push(row_for(n, parent, level)));
        out
    }

    /// The `MemoryContextStats` log report of the subtree: one line per
    /// context, indented by level, then a grand total.
    pub fn stats_report(&self) -> String {
        let mut out = String::new();
        let mut grand = crate::MemoryContextCounters::default();
        walk(self, |n, level, _| {
            let c = reported_counters(n);
            grand.add(&c);
            let indent = "  ".repeat(level as usize);
            let ident = n.ident_clipped(100).map(|i| format!(": {i}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{indent}{}{ident}: {} total in {} blocks; {} free ({} chunks); {} used",
                n.name(),
                c.total_bytes,
                c.total_nblocks,
                c.free_bytes,
                c.free_chunks,
                c.used_bytes()
            );
        });
        let _ = writeln!(
            out,
            "Grand total: {} bytes in {} blocks; {} free ({} chunks); {} used",
            grand.total_bytes,
            grand.total_nblocks,
            grand.free_bytes,
            grand.free_chunks,
            grand.used_bytes()
        );
        out
    }
}

/// `pg_get_backend_memory_contexts()`: this process's tree from `TopMemoryContext`.
pub fn backend_memory_contexts() -> Vec<ContextRow> {
    top_memory_context().rows()
}

// ---------------------------------------------------------------------------
// Wire form
// ---------------------------------------------------------------------------
//
//   magic "PGMC" | version u8 = 1 | flags u8 (bit 0: truncated) | varint nrows
//   per row: varint len + name | u8 present (bit 0 ident, bit 1 parent)
//            [varint len + ident] [varint len + parent]
//            varint level | varint total_bytes | varint total_nblocks
//            varint free_bytes | varint free_chunks
//
// Varints are unsigned LEB128. used_bytes is total_bytes - free_bytes and is
// not stored.

const MAGIC: &[u8; 4] = b"PGMC";
const VERSION: u8 = 1;
const FLAG_TRUNCATED: u8 = 1;
const HEADER_MAX: usize = 4 + 1 + 1 + 10;
/// The fewest bytes a row can take: empty name, flags, five one-byte varints.
const MIN_ROW: usize = 1 + 1 + 5;

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn encode_row(out: &mut Vec<u8>, r: &ContextRow) {
    put_str(out, &r.name);
    out.push(r.ident.is_some() as u8 | (r.parent.is_some() as u8) << 1);
    if let Some(i) = &r.ident {
        put_str(out, i);
    }
    if let Some(p) = &r.parent {
        put_str(out, p);
    }
    for v in [r.level as i64, r.total_bytes, r.total_nblocks, r.free_bytes, r.free_chunks] {
        put_varint(out, v.max(0) as u64);
    }
}

/// Encodes rows compactly (see the format above).
pub fn encode_rows(rows: &[ContextRow]) -> Vec<u8> {
    encode_rows_within(rows, usize::MAX).0
}

/// Encodes as many leading rows as fit in `max_len` bytes (for a fixed
/// shared-memory buffer) and marks the result truncated if some did not fit.
/// Rows are depth-first, so any prefix is a consistent top part of the tree.
/// Returns the bytes and the number of rows kept. `max_len` below 16 bytes
/// may be exceeded by the header alone; callers size buffers above that.
pub fn encode_rows_within(rows: &[ContextRow], max_len: usize) -> (Vec<u8>, usize) {
    let mut body = Vec::new();
    let mut kept = 0;
    let mut row = Vec::new();
    for r in rows {
        row.clear();
        encode_row(&mut row, r);
        if HEADER_MAX.saturating_add(body.len()).saturating_add(row.len()) > max_len {
            break;
        }
        body.extend_from_slice(&row);
        kept += 1;
    }
    let mut out = Vec::with_capacity(HEADER_MAX + body.len());
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(if kept < rows.len() { FLAG_TRUNCATED } else { 0 });
    put_varint(&mut out, kept as u64);
    out.extend_from_slice(&body);
    (out, kept)
}

/// Why bytes could not be decoded as rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset where decoding stopped.
    pub offset: usize,
    /// What was wrong there.
    pub reason: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid memory context statistics at byte {}: {}", self.offset, self.reason)
    }
}

impl std::error::Error for DecodeError {}

impl From<DecodeError> for pg_error::PgError {
    fn from(e: DecodeError) -> pg_error::PgError {
        pg_error::PgError::internal(e.to_string())
    }
}

/// Decoded rows plus whether the producer ran out of buffer space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedRows {
    /// The rows, in the producer's order.
    pub rows: Vec<ContextRow>,
    /// Some rows did not fit the producer's buffer.
    pub truncated: bool,
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn err(&self, reason: &'static str) -> DecodeError {
        DecodeError { offset: self.pos, reason }
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.err("truncated input"))?;
        self.pos += 1;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.buf.len() - self.pos < n {
            return Err(self.err("truncated input"));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        for i in 0..10 {
            let b = self.byte()?;
            if i == 9 && b > 1 {
                return Err(self.err("varint overflows 64 bits"));
            }
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint longer than 10 bytes"))
    }

    fn int8(&mut self) -> Result<i64, DecodeError> {
        i64::try_from(self.varint()?).map_err(|_| self.err("value out of range for bigint"))
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        let len = self.varint()?;
        let len = usize::try_from(len).map_err(|_| self.err("string length out of range"))?;
        let start = self.pos;
        let b = self.bytes(len)?;
        String::from_utf8(b.to_vec()).map_err(|_| DecodeError { offset: start, reason: "string is not valid UTF-8" })
    }
}

/// Decodes [`encode_rows`] output, rejecting truncated or malformed input
/// (bad magic/version, short data, overlong varints, invalid UTF-8, values
/// out of range, free_bytes > total_bytes, trailing bytes).
pub fn decode_rows_full(buf: &[u8]) -> Result<DecodedRows, DecodeError> {
    let mut r = Reader { buf, pos: 0 };
    if r.bytes(4)? != MAGIC {
        return Err(DecodeError { offset: 0, reason: "bad magic" });
    }
    if r.byte()? != VERSION {
        return Err(DecodeError { offset: 4, reason: "unsupported version" });
    }
    let flags = r.byte()?;
    if flags & !FLAG_TRUNCATED != 0 {
        return Err(DecodeError { offset: 5, reason: "unknown flags" });
    }
    let n = r.varint()?;
    let remaining = buf.len() - r.pos;
    if n > (remaining / MIN_ROW) as u64 {
        return Err(r.err("row count exceeds the data"));
    }
    let mut rows = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let name = r.string()?;
        let present = r.byte()?;
        if present & !3 != 0 {
            return Err(r.err("bad row flags"));
        }
        let ident = if present & 1 != 0 { Some(r.string()?) } else { None };
        let parent = if present & 2 != 0 { Some(r.string()?) } else { None };
        let level = i32::try_from(r.varint()?).map_err(|_| r.err("level out of range"))?;
        let total_bytes = r.int8()?;
        let total_nblocks = r.int8()?;
        let free_bytes = r.int8()?;
        let free_chunks = r.int8()?;
        if free_bytes > total_bytes {
            return Err(r.err("free_bytes exceeds total_bytes"));
        }
        rows.push(ContextRow {
            name,
            ident,
            parent,
            level,
            total_bytes,
            total_nblocks,
            free_bytes,
            free_chunks,
            used_bytes: total_bytes - free_bytes,
        });
    }
    if r.pos != buf.len() {
        return Err(r.err("trailing bytes after the last row"));
    }
    Ok(DecodedRows { rows, truncated: flags & FLAG_TRUNCATED != 0 })
}

/// Decodes [`encode_rows`] output (see [`decode_rows_full`]).
pub fn decode_rows(buf: &[u8]) -> Result<Vec<ContextRow>, DecodeError> {
    decode_rows_full(buf).map(|d| d.rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AllocSetSizes, ALLOC_BLOCKHDRSZ};
    use proptest::prelude::*;

    fn sample_tree() -> MemoryContext {
        let top = MemoryContext::new_root("TopMemoryContext", AllocSetSizes::DEFAULT);
        let a = top.create_child("A");
        let _b = top.create_child("B");
        let a1 = a.create_child_with("A1", AllocSetSizes::SMALL);
        a1.set_ident(Some("pg_class_oid_index"));
        a1.alloc(100);
        a.alloc(20_000);
        top
    }

    #[test]
    fn rows_are_depth_first_newest_first() {
        let top = sample_tree();
        let rows = top.rows();
        let shape: Vec<_> = rows.iter().map(|r| (r.name.as_str(), r.parent.as_deref(), r.level)).collect();
        assert_eq!(
            shape,
            [
                ("TopMemoryContext", None, 0),
                ("B", Some("TopMemoryContext"), 1),
                ("A", Some("TopMemoryContext"), 1),
                ("A1", Some("A"), 2)
            ]
        );
        let a1 = &rows[3];
        assert_eq!(a1.ident.as_deref(), Some("pg_class_oid_index"));
        assert_eq!(a1.total_bytes, 1024);
        assert_eq!(a1.total_nblocks, 1);
        assert_eq!(a1.used_bytes, (ALLOC_BLOCKHDRSZ + 8 + 128) as i64);
        assert_eq!(a1.free_bytes + a1.used_bytes, a1.total_bytes);
        assert_eq!(rows[2].total_nblocks, 2, "20000 bytes > chunk limit: dedicated block");
        let report = top.stats_report();
        assert!(report.contains("    A1: pg_class_oid_index: 1024 total in 1 blocks;"), "{report}");
        assert!(
            report.starts_with("TopMemoryContext: 8192 total in 1 blocks; 8152 free (0 chunks); 40 used\n"),
            "{report}"
        );
    }

    #[test]
    fn ident_is_clipped() {
        let top = MemoryContext::new_root("T", AllocSetSizes::DEFAULT);
        top.set_ident(Some(&"é".repeat(1000)));
        let r = &top.rows()[0];
        assert_eq!(r.ident.as_ref().unwrap().len(), 1024);
    }

    #[test]
    fn roundtrip_and_truncation() {
        let rows = sample_tree().rows();
        let enc = encode_rows(&rows);
        assert_eq!(decode_rows(&enc).unwrap(), rows);
        let full = decode_rows_full(&enc).unwrap();
        assert!(!full.truncated);
        let (small, kept) = encode_rows_within(&rows, enc.len() - 1);
        assert!(small.len() < enc.len());
        assert_eq!(kept, 3);
        let d = decode_rows_full(&small).unwrap();
        assert!(d.truncated);
        assert_eq!(d.rows, rows[..3]);
        assert_eq!(decode_rows(&encode_rows(&[])).unwrap(), []);
    }

    #[test]
    fn rejects_every_strict_prefix_and_garbage() {
        let enc = encode_rows(&sample_tree().rows());
        for n in 0..enc.len() {
            assert!(decode_rows(&enc[..n]).is_err(), "prefix of {n} bytes accepted");
        }
        let mut trailing = enc.clone();
        trailing.push(0);
        assert!(decode_rows(&trailing).is_err());
        assert!(decode_rows(b"PGMC\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01").is_err());
        assert!(decode_rows(b"PGMC\x01\x00\xff\xff\xff\xff\x0f").is_err());
        assert!(decode_rows(b"XXXX\x01\x00\x00").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode_rows(&bytes);
            let mut with_header = b"PGMC\x01\x00".to_vec();
            with_header.extend_from_slice(&bytes);
            let _ = decode_rows(&with_header);
        }

        #[test]
        fn encode_decode_roundtrip(
            rows in proptest::collection::vec(
                ("[a-zA-Z ]{0,20}", proptest::option::of(".{0,10}"), proptest::option::of("[a-z]{0,8}"),
                 0i32..100, 0i64..i64::MAX, 0i64..1000, 0i64..1000),
                0..20)
        ) {
            let rows: Vec<ContextRow> = rows.into_iter().map(|(name, ident, parent, level, total, nblocks, chunks)| {
                let free = total / 3;
                ContextRow { name, ident, parent, level, total_bytes: total, total_nblocks: nblocks,
                             free_bytes: free, free_chunks: chunks, used_bytes: total - free }
            }).collect();
            let enc = encode_rows(&rows);
            prop_assert_eq!(decode_rows(&enc).unwrap(), rows);
        }
    }
}
