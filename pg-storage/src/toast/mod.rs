//! TOAST, The Oversized-Attribute Storage Technique (PostgreSQL's
//! `access/common/detoast.c`, `toast_internals.c`, `heaptoast.c`,
//! `varatt.h`): values too large for a heap page are compressed ([`pglz`])
//! and, if still too large, moved out of line into the table's toast
//! relation, leaving an 18-byte TOAST pointer in the tuple.
//!
//! On-disk forms (the varlena header bits are in `pg_types::storage`):
//! - compressed in line: 4-byte header with the compressed bit, then
//!   `va_tcinfo` (raw size in the low 30 bits, method in the top 2: 0 =
//!   pglz), then the pglz stream;
//! - external: `0x01`, tag `VARTAG_ONDISK` (18), then `varatt_external`:
//!   `va_rawsize` (raw size with header), `va_extinfo` (stored size in the
//!   low 30 bits, method in the top 2), `va_valueid` (the chunk id),
//!   `va_toastrelid` (the toast relation's OID).

pub mod heaptoast;
pub mod pglz;

use pg_error::{PgError, PgResult, SqlState};
use pg_types::storage::varlena;
use pg_types::types::Oid;

/// `TOAST_PGLZ_COMPRESSION_ID`.
pub const PGLZ_COMPRESSION_ID: u32 = 0;
/// `VARLENA_EXTSIZE_BITS`: the low bits of `va_tcinfo`/`va_extinfo` that
/// hold a size.
const EXTSIZE_MASK: u32 = (1 << 30) - 1;

/// An external TOAST pointer (`varatt_external`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ToastPointer {
    /// `va_rawsize`: the original value's size, header included.
    pub rawsize: i32,
    /// `va_extinfo`: stored size (low 30 bits) and compression method.
    pub extinfo: u32,
    /// `va_valueid`: the `chunk_id` of its chunks.
    pub valueid: Oid,
    /// `va_toastrelid`: the toast relation holding them.
    pub toastrelid: Oid,
}

impl ToastPointer {
    /// Reads the pointer from an external varlena (`0x01`, tag, 16 bytes).
    pub fn read(b: &[u8]) -> PgResult<ToastPointer> {
        if !varlena::is_1b_e(b) || b.get(1) != Some(&varlena::VARTAG_ONDISK) || b.len() < 18 {
            return Err(corrupt("unrecognized TOAST pointer"));
        }
        let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        Ok(ToastPointer { rawsize: w(2) as i32, extinfo: w(6), valueid: w(10), toastrelid: w(14) })
    }
    /// The 18-byte external varlena.
    pub fn to_varlena(&self) -> Vec<u8> {
        let mut v = vec![0x01, varlena::VARTAG_ONDISK];
        v.extend_from_slice(&self.rawsize.to_le_bytes());
        v.extend_from_slice(&self.extinfo.to_le_bytes());
        v.extend_from_slice(&self.valueid.to_le_bytes());
        v.extend_from_slice(&self.toastrelid.to_le_bytes());
        v
    }
    /// `VARATT_EXTERNAL_GET_EXTSIZE`: the bytes stored in the chunks.
    pub fn extsize(&self) -> usize {
        (self.extinfo & EXTSIZE_MASK) as usize
    }
    /// `VARATT_EXTERNAL_IS_COMPRESSED`: the chunks hold a compressed value.
    pub fn is_compressed(&self) -> bool {
        self.extsize() < self.rawsize as usize - varlena::VARHDRSZ
    }
}

fn corrupt(what: &str) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, what.to_string())
}

/// Compresses a varlena's payload with pglz (`toast_compress_datum`): the
/// whole compressed varlena, or `None` when compression does not pay.
pub fn compress_payload(payload: &[u8]) -> Option<Vec<u8>> {
    let c = pglz::compress(payload)?;
    let total = varlena::VARHDRSZ_COMPRESSED + c.len();
    let mut v = Vec::with_capacity(total);
    v.extend_from_slice(&varlena::header_4b_c(total));
    v.extend_from_slice(&((payload.len() as u32 & EXTSIZE_MASK) | (PGLZ_COMPRESSION_ID << 30)).to_le_bytes());
    v.extend_from_slice(&c);
    Some(v)
}

/// Expands a compressed in-line varlena to a plain one with a 4-byte
/// header (`toast_decompress_datum`).
pub fn decompress_varlena(b: &[u8]) -> PgResult<Vec<u8>> {
    if b.len() < varlena::VARHDRSZ_COMPRESSED || !varlena::is_4b_c(b) {
        return Err(corrupt("compressed data is corrupted"));
    }
    let total = varlena::varsize_4b(b).min(b.len());
    let tcinfo = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
    if tcinfo >> 30 != PGLZ_COMPRESSION_ID {
        return Err(PgError::not_supported("lz4 compression is not supported yet"));
    }
    let raw = (tcinfo & EXTSIZE_MASK) as usize;
    let data = pglz::decompress(&b[varlena::VARHDRSZ_COMPRESSED..total], raw)
        .ok_or_else(|| corrupt("compressed pglz data is corrupt"))?;
    let mut v = Vec::with_capacity(raw + varlena::VARHDRSZ);
    v.extend_from_slice(&varlena::header_4b(raw + varlena::VARHDRSZ));
    v.extend_from_slice(&data);
    Ok(v)
}

/// `detoast_attr`: the plain (4-byte header, uncompressed, in line) form of
/// a compressed or external varlena.
pub fn detoast_attr(b: &[u8]) -> PgResult<Vec<u8>> {
    if varlena::is_1b_e(b) {
        let p = ToastPointer::read(b)?;
        let v = heaptoast::fetch_external(&p)?;
        return if varlena::is_4b_c(&v) { decompress_varlena(&v) } else { Ok(v) };
    }
    if varlena::is_4b_c(b) {
        return decompress_varlena(b);
    }
    Ok(b.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_varlena_round_trips() {
        let payload = "abcdefgh".repeat(500);
        let c = compress_payload(payload.as_bytes()).expect("compresses");
        assert!(varlena::is_4b_c(&c));
        assert_eq!(varlena::varsize_4b(&c), c.len());
        let plain = detoast_attr(&c).expect("detoast");
        assert_eq!(varlena::vardata_any(&plain).expect("payload"), payload.as_bytes());
    }

    #[test]
    fn toast_pointer_layout() {
        let p = ToastPointer { rawsize: 10_000_004, extinfo: 10_000_000, valueid: 16400, toastrelid: 16390 };
        let v = p.to_varlena();
        assert_eq!(v.len(), 18);
        assert_eq!(varlena::varsize_any(&v), Some(18));
        assert_eq!(ToastPointer::read(&v).expect("read"), p);
        assert!(!p.is_compressed());
    }
}
