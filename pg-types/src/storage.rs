//! The on-disk form of every [`Datum`] kind, as PostgreSQL stores it in a
//! heap tuple (PostgreSQL's `postgres.h` varlena macros, `numeric.c`'s
//! `make_result`, `arrayfuncs.c`'s `ArrayType`, `network.c`'s
//! `inet_struct`, and the fixed-size layouts of `date.h`, `timestamp.h`,
//! `uuid.h`).
//!
//! What a value looks like is decided by its type's `typlen`, `typbyval` and
//! `typalign` ([`TypeInfo`]):
//! - fixed length (`typlen > 0`): exactly `typlen` bytes, little-endian,
//!   at an offset aligned to `typalign` (the caller aligns);
//! - varlena (`typlen = -1`): a header, then the payload. [`datum_to_disk`]
//!   writes the 4-byte header (`VARHDRSZ`); the heap turns a short value into
//!   the 1-byte header form when it forms a tuple, compresses or moves large
//!   ones out of line (TOAST), and [`datum_from_disk`] reads any inline,
//!   uncompressed header (1-byte or 4-byte). Compressed and external values
//!   are expanded by the heap's TOAST code before they get here;
//! - C string (`typlen = -2`): the bytes and a terminating NUL.
//!
//! The varlena header (little-endian, as PostgreSQL's on a little-endian
//! machine): the low bits of the first byte say which form it is:
//! `xxxxxx00` 4-byte header, uncompressed (length << 2, length counts the
//! header); `xxxxxx10` 4-byte header, compressed in-line (then a 4-byte
//! raw-size-and-method word); `xxxxxxx1` 1-byte header, length << 1, up to
//! 127 bytes including the header; `00000001` 1-byte header of an external
//! TOAST pointer (then a tag byte and the pointer). A pad byte is always 0,
//! which is how a reader tells an unaligned 1-byte header from alignment
//! padding ([`varlena::not_pad_byte`]).

use crate::array::{ArrayDim, ArrayValue};
use crate::datum::{Datum, Inet, Interval};
use crate::numeric::{Numeric, NumericKind};
use crate::types::{self, oid, Oid, TypeInfo};
use pg_error::{PgError, PgResult, SqlState};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The varlena header helpers (`postgres.h`'s `VARATT_*`, `VARSIZE_ANY`).
pub mod varlena {
    /// `VARHDRSZ`: the 4-byte header.
    pub const VARHDRSZ: usize = 4;
    /// `VARHDRSZ_SHORT`: the 1-byte header.
    pub const VARHDRSZ_SHORT: usize = 1;
    /// `VARATT_SHORT_MAX`: the longest value (header included) a 1-byte
    /// header can describe.
    pub const VARATT_SHORT_MAX: usize = 0x7F;
    /// `VARHDRSZ_EXTERNAL`: the 1-byte header and the tag of an external
    /// TOAST pointer.
    pub const VARHDRSZ_EXTERNAL: usize = 2;
    /// `VARHDRSZ_COMPRESSED`: the 4-byte header of a compressed value plus
    /// its raw-size-and-method word.
    pub const VARHDRSZ_COMPRESSED: usize = 8;
    /// The most bytes a varlena may have (`MaxAllocSize`-bounded 30 bits).
    pub const MAX_VARLENA_SIZE: usize = 0x3FFF_FFFF;

    /// `VARATT_IS_4B_U`: a 4-byte header, not compressed.
    pub fn is_4b_u(b: &[u8]) -> bool {
        b[0] & 0x03 == 0x00
    }
    /// `VARATT_IS_4B_C`: a 4-byte header, compressed in line.
    pub fn is_4b_c(b: &[u8]) -> bool {
        b[0] & 0x03 == 0x02
    }
    /// `VARATT_IS_1B`: a 1-byte header (short or external).
    pub fn is_1b(b: &[u8]) -> bool {
        b[0] & 0x01 == 0x01
    }
    /// `VARATT_IS_1B_E`: an external TOAST pointer.
    pub fn is_1b_e(b: &[u8]) -> bool {
        b[0] == 0x01
    }
    /// `VARATT_NOT_PAD_BYTE`: a varlena starts here, not alignment padding.
    pub fn not_pad_byte(b: u8) -> bool {
        b != 0
    }
    /// `VARATT_IS_EXTENDED`: compressed, external or short (anything but a
    /// plain 4-byte header).
    pub fn is_extended(b: &[u8]) -> bool {
        !is_4b_u(b)
    }

    /// The 4-byte header of a value of `total` bytes (header included),
    /// uncompressed (`SET_VARSIZE`).
    pub fn header_4b(total: usize) -> [u8; 4] {
        ((total as u32) << 2).to_le_bytes()
    }
    /// The 4-byte header of a compressed value (`SET_VARSIZE_COMPRESSED`).
    pub fn header_4b_c(total: usize) -> [u8; 4] {
        (((total as u32) << 2) | 0x02).to_le_bytes()
    }
    /// The 1-byte header of a short value of `total` bytes (header
    /// included, at most [`VARATT_SHORT_MAX`]) (`SET_VARSIZE_SHORT`).
    pub fn header_1b(total: usize) -> u8 {
        ((total as u8) << 1) | 0x01
    }

    /// `VARSIZE_4B`: the length a 4-byte header gives (header included).
    pub fn varsize_4b(b: &[u8]) -> usize {
        (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) >> 2) as usize
    }
    /// `VARSIZE_1B`.
    pub fn varsize_1b(b: &[u8]) -> usize {
        ((b[0] >> 1) & 0x7F) as usize
    }

    /// `VARSIZE_EXTERNAL`'s tag sizes: 18 bytes for an on-disk TOAST
    /// pointer (`VARTAG_ONDISK`), the only kind stored in tables.
    pub const VARTAG_ONDISK: u8 = 18;
    /// The size of `varatt_external`: raw size, external size (with the
    /// compression method in its top 2 bits), value id, toast relation id.
    pub const TOAST_POINTER_SIZE: usize = 16;

    /// `VARSIZE_ANY`: the whole varlena's length in bytes, header included,
    /// whatever its header; `None` when `b` is too short to hold it.
    pub fn varsize_any(b: &[u8]) -> Option<usize> {
        let first = *b.first()?;
        let n = if first == 0x01 {
            let tag = *b.get(1)?;
            if tag != VARTAG_ONDISK {
                return None;
            }
            VARHDRSZ_EXTERNAL + TOAST_POINTER_SIZE
        } else if first & 0x01 == 0x01 {
            varsize_1b(b)
        } else {
            if b.len() < 4 {
                return None;
            }
            varsize_4b(b)
        };
        (n <= b.len() && n >= 1).then_some(n)
    }

    /// `VARDATA_ANY` of an inline, uncompressed varlena: its payload.
    pub fn vardata_any(b: &[u8]) -> Option<&[u8]> {
        let n = varsize_any(b)?;
        if is_1b_e(b) || is_4b_c(b) {
            return None;
        }
        let h = if is_1b(b) { VARHDRSZ_SHORT } else { VARHDRSZ };
        b.get(h..n)
    }

    /// `VARATT_CAN_MAKE_SHORT`: whether a payload of `len` bytes fits a
    /// 1-byte header.
    pub fn can_make_short(payload_len: usize) -> bool {
        payload_len + VARHDRSZ_SHORT <= VARATT_SHORT_MAX
    }
}

/// `MAXIMUM_ALIGNOF`.
pub const MAXALIGN: usize = 8;

/// Rounds `off` up to `align` bytes.
pub fn align_up(off: usize, align: usize) -> usize {
    (off + align - 1) & !(align - 1)
}

/// `att_align_nominal`: rounds `off` up to what `typalign` ('c', 's', 'i',
/// 'd') asks.
pub fn att_align_nominal(off: usize, typalign: u8) -> usize {
    align_up(off, typalign_bytes(typalign))
}

/// The bytes of a `typalign` code.
pub fn typalign_bytes(typalign: u8) -> usize {
    match typalign {
        b'd' => 8,
        b'i' => 4,
        b's' => 2,
        _ => 1,
    }
}

/// `typstorage` of a type as PostgreSQL's `pg_type.dat` gives it: `p`
/// (plain) for fixed-length types and the few varlenas that must stay
/// uncompressed, `m` (main) for numeric and inet/cidr, `x` (extended) for
/// the rest.
pub fn typstorage(t: &TypeInfo) -> u8 {
    if t.len != -1 {
        return b'p';
    }
    match t.oid {
        oid::NUMERIC | oid::INET | oid::CIDR => b'm',
        oid::INT2VECTOR | oid::OIDVECTOR => b'p',
        _ => b'x',
    }
}

fn not_storable(type_oid: Oid) -> PgError {
    PgError::not_supported(format!("storing values of type {} is not supported yet", types::format_type(type_oid, -1)))
}

fn wrong_datum(type_oid: Oid, d: &Datum) -> PgError {
    PgError::internal(format!(
        "datum {d:?} does not belong to type {} (this is a bug)",
        types::format_type(type_oid, -1)
    ))
}

fn corrupt(type_oid: Oid, what: &str) -> PgError {
    PgError::new(
        SqlState::DATA_CORRUPTED,
        format!("invalid on-disk value of type {}: {what}", types::format_type(type_oid, -1)),
    )
}

/// `NAMEDATALEN`.
pub const NAMEDATALEN: usize = 64;

/// Appends the on-disk form of `d`, a non-NULL value of `type_oid`, to
/// `out`: fixed-length types as exactly `typlen` bytes, varlenas with a
/// 4-byte header, C strings with their NUL. The caller has aligned `out`.
pub fn datum_to_disk(d: &Datum, type_oid: Oid, out: &mut Vec<u8>) -> PgResult<()> {
    let t = types::lookup_type(type_oid).ok_or_else(|| not_storable(type_oid))?;
    match t.len {
        -1 => {
            let start = out.len();
            out.extend_from_slice(&[0; 4]);
            varlena_payload(d, t, out)?;
            let total = out.len() - start;
            if total > varlena::MAX_VARLENA_SIZE {
                return Err(PgError::new(
                    SqlState::PROGRAM_LIMIT_EXCEEDED,
                    format!("invalid memory alloc request size {total}"),
                ));
            }
            out[start..start + 4].copy_from_slice(&varlena::header_4b(total));
            Ok(())
        }
        -2 => match d {
            Datum::Text(s) => {
                out.extend_from_slice(s.as_bytes());
                out.push(0);
                Ok(())
            }
            _ => Err(wrong_datum(type_oid, d)),
        },
        _ => fixed_to_disk(d, t, out),
    }
}

/// Appends the payload of a varlena value (what follows its header).
/// Exposed so the heap can choose the header itself without a copy.
pub fn varlena_payload(d: &Datum, t: &TypeInfo, out: &mut Vec<u8>) -> PgResult<()> {
    match (t.oid, d) {
        (_, Datum::Text(s)) if t.category != b'A' => out.extend_from_slice(s.as_bytes()),
        (_, Datum::Bytea(b)) if t.oid == oid::BYTEA => out.extend_from_slice(b),
        (oid::NUMERIC, Datum::Numeric(n)) => numeric_payload(n, out),
        (oid::INET | oid::CIDR, Datum::Inet(i)) => {
            let (family, bytes): (u8, &[u8]) = match &i.addr {
                IpAddr::V4(a) => (PGSQL_AF_INET, &a.octets()[..]),
                IpAddr::V6(a) => (PGSQL_AF_INET6, &a.octets()[..]),
            };
            out.push(family);
            out.push(i.bits);
            out.extend_from_slice(bytes);
        }
        (_, Datum::Array(a)) if array_elem(t) != 0 => array_payload(t, a, out)?,
        (oid::ANYARRAY, Datum::Array(a)) => {
            let arr = types::array_type_of(anyarray_elem_type(a)).and_then(types::lookup_type);
            array_payload(arr.ok_or_else(|| not_storable(t.oid))?, a, out)?
        }
        _ => {
            return Err(if matches!(d, Datum::Record(_)) || t.typtype == b'p' {
                not_storable(t.oid)
            } else {
                wrong_datum(t.oid, d)
            })
        }
    }
    Ok(())
}

/// The element type an `anyarray` column's value is stored with (the
/// value carries no type of its own): the type of its first non-NULL
/// item's kind of datum (`io::natural_type`: `text` for text). Used for
/// `pg_attribute.attmissingval`, whose one item the column's own type
/// reads back; only the element OID written into the array header (what
/// `SELECT attmissingval` shows through) depends on the choice.
pub fn anyarray_elem_type(items: &[Datum]) -> Oid {
    match items.iter().find(|d| !d.is_null()) {
        Some(Datum::Array(_) | Datum::Record(_)) | None => oid::INT4,
        Some(d) => crate::io::natural_type(d),
    }
}

/// PGSQL_AF_INET / PGSQL_AF_INET6 (`AF_INET + 0` and `+ 1` on Linux).
const PGSQL_AF_INET: u8 = 2;
const PGSQL_AF_INET6: u8 = 3;

fn fixed_to_disk(d: &Datum, t: &TypeInfo, out: &mut Vec<u8>) -> PgResult<()> {
    let start = out.len();
    match d {
        Datum::Bool(b) => out.push(*b as u8),
        Datum::Char(c) => out.push(*c),
        Datum::Int2(v) => out.extend_from_slice(&v.to_le_bytes()),
        Datum::Int4(v) | Datum::Date(v) => out.extend_from_slice(&v.to_le_bytes()),
        Datum::Int8(v) | Datum::Time(v) | Datum::Timestamp(v) | Datum::TimestampTz(v) => {
            out.extend_from_slice(&v.to_le_bytes())
        }
        // `TimeTzADT`: time (µs), zone (seconds west).
        Datum::TimeTz(t) => {
            out.extend_from_slice(&t.time.to_le_bytes());
            out.extend_from_slice(&t.zone.to_le_bytes());
        }
        Datum::Float4(v) => out.extend_from_slice(&v.to_bits().to_le_bytes()),
        Datum::Float8(v) => out.extend_from_slice(&v.to_bits().to_le_bytes()),
        Datum::Oid(v) | Datum::Xid(v) => out.extend_from_slice(&v.to_le_bytes()),
        Datum::Xid8(v) => out.extend_from_slice(&v.to_le_bytes()),
        // `Interval`: time (µs), day, month, in that order.
        Datum::Interval(iv) => {
            out.extend_from_slice(&iv.micros.to_le_bytes());
            out.extend_from_slice(&iv.days.to_le_bytes());
            out.extend_from_slice(&iv.months.to_le_bytes());
        }
        Datum::Uuid(u) => out.extend_from_slice(u),
        // `AclItem`: grantee, grantor, privilege mask.
        Datum::AclItem(a) => {
            for v in [a.grantee, a.grantor, a.privs] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        // `NameData`: NAMEDATALEN bytes, NUL-padded (the value is at most 63).
        Datum::Text(s) if t.oid == oid::NAME => {
            let b = crate::io::truncate_bytes(s, crate::io::NAME_MAX_BYTES).as_bytes();
            out.extend_from_slice(b);
            out.resize(start + NAMEDATALEN, 0);
        }
        _ => return Err(wrong_datum(t.oid, d)),
    }
    if out.len() - start != t.len as usize {
        out.truncate(start);
        return Err(wrong_datum(t.oid, d));
    }
    Ok(())
}

// ---- numeric (numeric.c's NumericData)

const NUMERIC_POS: u16 = 0x0000;
const NUMERIC_NEG: u16 = 0x4000;
const NUMERIC_SHORT: u16 = 0x8000;
const NUMERIC_SPECIAL: u16 = 0xC000;
const NUMERIC_SIGN_MASK: u16 = 0xC000;
const NUMERIC_NAN: u16 = 0xC000;
const NUMERIC_PINF: u16 = 0xD000;
const NUMERIC_NINF: u16 = 0xF000;
const NUMERIC_EXT_SIGN_MASK: u16 = 0xF000;
const NUMERIC_SHORT_SIGN_MASK: u16 = 0x2000;
const NUMERIC_SHORT_DSCALE_MASK: u16 = 0x1F80;
const NUMERIC_SHORT_DSCALE_SHIFT: u16 = 7;
const NUMERIC_SHORT_DSCALE_MAX: i32 = (NUMERIC_SHORT_DSCALE_MASK >> NUMERIC_SHORT_DSCALE_SHIFT) as i32;
const NUMERIC_SHORT_WEIGHT_SIGN_MASK: u16 = 0x0040;
const NUMERIC_SHORT_WEIGHT_MASK: u16 = 0x003F;
const NUMERIC_DSCALE_MASK: u16 = 0x3FFF;

/// `make_result`: the short form (one header word) when the display scale
/// and weight fit it, else the long form (sign-and-dscale word, weight
/// word); then the base-10000 digits. NaN and ±Infinity are one word.
fn numeric_payload(n: &Numeric, out: &mut Vec<u8>) {
    let special = match n.kind() {
        NumericKind::NaN => Some(NUMERIC_NAN),
        NumericKind::PosInf => Some(NUMERIC_PINF),
        NumericKind::NegInf => Some(NUMERIC_NINF),
        NumericKind::Finite => None,
    };
    if let Some(word) = special {
        out.extend_from_slice(&word.to_le_bytes());
        return;
    }
    let (weight, digits) = n.to_nbase();
    let negative = !digits.is_empty() && n.unscaled().sign() == num_bigint::Sign::Minus;
    // Zero is stored with weight 0 and a positive sign, as make_result does.
    let weight = if digits.is_empty() { 0 } else { weight as i32 };
    let dscale = n.dscale();
    if dscale <= NUMERIC_SHORT_DSCALE_MAX && (-64..=63).contains(&weight) {
        let mut h = if negative { NUMERIC_SHORT | NUMERIC_SHORT_SIGN_MASK } else { NUMERIC_SHORT };
        h |= (dscale as u16) << NUMERIC_SHORT_DSCALE_SHIFT;
        if weight < 0 {
            h |= NUMERIC_SHORT_WEIGHT_SIGN_MASK;
        }
        h |= (weight as u16) & NUMERIC_SHORT_WEIGHT_MASK;
        out.extend_from_slice(&h.to_le_bytes());
    } else {
        let sign = if negative { NUMERIC_NEG } else { NUMERIC_POS };
        out.extend_from_slice(&(sign | (dscale as u16 & NUMERIC_DSCALE_MASK)).to_le_bytes());
        out.extend_from_slice(&(weight as i16).to_le_bytes());
    }
    for d in digits {
        out.extend_from_slice(&d.to_le_bytes());
    }
}

fn numeric_from_payload(p: &[u8]) -> PgResult<Numeric> {
    let bad = || corrupt(oid::NUMERIC, "truncated");
    let word = |i: usize| p.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]])).ok_or_else(bad);
    let h = word(0)?;
    let (negative, weight, dscale, digits_at) = match h & NUMERIC_SIGN_MASK {
        NUMERIC_SPECIAL => {
            return match h & NUMERIC_EXT_SIGN_MASK {
                NUMERIC_NAN => Ok(Numeric::nan()),
                NUMERIC_PINF => Ok(Numeric::infinity(false)),
                NUMERIC_NINF => Ok(Numeric::infinity(true)),
                _ => Err(corrupt(oid::NUMERIC, "unknown special value")),
            }
        }
        NUMERIC_SHORT => {
            let negative = h & NUMERIC_SHORT_SIGN_MASK != 0;
            let dscale = ((h & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT) as i32;
            let mut weight = (h & NUMERIC_SHORT_WEIGHT_MASK) as i16;
            if h & NUMERIC_SHORT_WEIGHT_SIGN_MASK != 0 {
                weight |= !(NUMERIC_SHORT_WEIGHT_MASK as i16);
            }
            (negative, weight, dscale, 2)
        }
        sign => {
            let weight = word(2)? as i16;
            ((sign == NUMERIC_NEG), weight, (h & NUMERIC_DSCALE_MASK) as i32, 4)
        }
    };
    let rest = &p[digits_at..];
    if !rest.len().is_multiple_of(2) {
        return Err(bad());
    }
    let digits: Vec<i16> = rest.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
    if digits.iter().any(|d| !(0..10000).contains(d)) {
        return Err(corrupt(oid::NUMERIC, "digit out of range"));
    }
    Ok(Numeric::from_nbase(negative, weight, &digits, dscale))
}

// ---- arrays (array.h's ArrayType)

/// The fixed part of an array after its varlena header: ndim, dataoffset,
/// elemtype.
const ARRAY_FIXED: usize = 12;

/// The element type of an array type (`int2vector` and `oidvector` are
/// arrays of int2 and oid).
fn array_elem(t: &TypeInfo) -> Oid {
    match t.oid {
        oid::INT2VECTOR => oid::INT2,
        oid::OIDVECTOR => oid::OID,
        _ => t.elem,
    }
}

/// Writes `ArrayType` after the varlena header: `ndim`, `dataoffset` (0
/// without NULLs), `elemtype`, `dims[]`, `lbound[]`, the NULL bitmap if
/// any element is NULL, padding to MAXALIGN (counted from the start of the
/// varlena), then each element aligned to its `typalign`, varlena elements
/// with 4-byte headers (as `construct_md_array` leaves them). An
/// `int2vector` / `oidvector` is always one-dimensional from subscript 0,
/// whatever value it was given.
fn array_payload(t: &TypeInfo, array: &ArrayValue, out: &mut Vec<u8>) -> PgResult<()> {
    let elem = array_elem(t);
    let et = types::lookup_type(elem).ok_or_else(|| not_storable(t.oid))?;
    // Offsets count from the start of the varlena, whose 4-byte header
    // precedes the payload (the heap may give it a 1-byte header instead;
    // readers then copy it behind a 4-byte one, as detoasting does).
    let start = out.len();
    let rel = |out: &Vec<u8>| out.len() - start + varlena::VARHDRSZ;
    let items = array.elems();
    let mut dims = array.dims();
    if matches!(t.oid, oid::INT2VECTOR | oid::OIDVECTOR) && !items.is_empty() {
        dims = vec![ArrayDim { len: items.len() as i32, lbound: 0 }];
    }
    let ndim = dims.len();
    let has_nulls = items.iter().any(Datum::is_null);
    let bitmap_len = if has_nulls { items.len().div_ceil(8) } else { 0 };
    let header = varlena::VARHDRSZ + ARRAY_FIXED + 8 * ndim + bitmap_len;
    let data_offset = align_up(header, MAXALIGN);
    out.extend_from_slice(&(ndim as i32).to_le_bytes());
    out.extend_from_slice(&(if has_nulls { data_offset as i32 } else { 0 }).to_le_bytes());
    out.extend_from_slice(&elem.to_le_bytes());
    for d in &dims {
        out.extend_from_slice(&d.len.to_le_bytes());
    }
    for d in &dims {
        out.extend_from_slice(&d.lbound.to_le_bytes());
    }
    if has_nulls {
        let mut bitmap = vec![0u8; bitmap_len];
        for (i, d) in items.iter().enumerate() {
            if !d.is_null() {
                bitmap[i / 8] |= 1 << (i % 8);
            }
        }
        out.extend_from_slice(&bitmap);
    }
    out.resize(start + data_offset - varlena::VARHDRSZ, 0);
    for d in items.iter().filter(|d| !d.is_null()) {
        let off = att_align_nominal(rel(out), et.align);
        out.resize(start + off - varlena::VARHDRSZ, 0);
        datum_to_disk(d, elem, out)?;
    }
    Ok(())
}

fn array_from_payload(t: &TypeInfo, whole: &[u8], hdr: usize) -> PgResult<Datum> {
    let bad = |what: &str| corrupt(t.oid, what);
    let word = |i: usize| {
        whole.get(i..i + 4).map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok_or_else(|| bad("truncated"))
    };
    // A short-header array is not aligned: read it from a copy with a
    // 4-byte header, so element offsets count from an aligned start as
    // when it was built.
    if hdr == varlena::VARHDRSZ_SHORT {
        let mut v = Vec::with_capacity(whole.len() + 3);
        v.extend_from_slice(&varlena::header_4b(whole.len() + 3));
        v.extend_from_slice(&whole[1..]);
        return array_from_payload(t, &v, varlena::VARHDRSZ);
    }
    let ndim = word(4)?;
    let data_offset = word(8)?;
    let elem = word(12)? as Oid;
    let et = types::lookup_type(elem).ok_or_else(|| bad("unknown element type"))?;
    if ndim == 0 {
        return Ok(Datum::Array(ArrayValue::default()));
    }
    if !(1..=crate::array::MAX_DIMENSIONS as i32).contains(&ndim) {
        return Err(bad("bad number of dimensions"));
    }
    let ndim = ndim as usize;
    let fixed = varlena::VARHDRSZ + ARRAY_FIXED;
    let mut dims = Vec::with_capacity(ndim);
    let mut n: usize = 1;
    for i in 0..ndim {
        let len = word(fixed + 4 * i)?;
        let lbound = word(fixed + 4 * (ndim + i))?;
        if len < 0 {
            return Err(bad("negative dimension"));
        }
        n = n.checked_mul(len as usize).filter(|&n| n <= whole.len() * 8).ok_or_else(|| bad("too many elements"))?;
        dims.push(ArrayDim { len, lbound });
    }
    let fixed = fixed + 8 * ndim;
    let (bitmap, mut off) = if data_offset != 0 {
        let bm = whole.get(fixed..fixed + n.div_ceil(8)).ok_or_else(|| bad("truncated"))?;
        (Some(bm), data_offset as usize)
    } else {
        (None, align_up(fixed, MAXALIGN))
    };
    let mut items = Vec::with_capacity(n.min(whole.len()));
    for i in 0..n {
        if bitmap.is_some_and(|bm| bm[i / 8] & (1 << (i % 8)) == 0) {
            items.push(Datum::Null);
            continue;
        }
        if et.len == -1 {
            if !whole.get(off).is_some_and(|&b| varlena::not_pad_byte(b)) {
                off = att_align_nominal(off, et.align);
            }
        } else {
            off = att_align_nominal(off, et.align);
        }
        let rest = whole.get(off..).ok_or_else(|| bad("truncated"))?;
        let len = disk_len(et, rest).ok_or_else(|| bad("truncated element"))?;
        items.push(datum_from_disk(&rest[..len], elem, -1)?);
        off += len;
    }
    Ok(Datum::Array(ArrayValue::new(items, &dims)?))
}

/// The length in bytes of the on-disk value of type `t` that starts at
/// `b[0]` (`att_addlength_pointer`): `typlen`, the varlena's size, or the
/// C string and its NUL. `None` when `b` is too short.
pub fn disk_len(t: &TypeInfo, b: &[u8]) -> Option<usize> {
    match t.len {
        -1 => varlena::varsize_any(b),
        -2 => b.iter().position(|&c| c == 0).map(|p| p + 1),
        n => (b.len() >= n as usize).then_some(n as usize),
    }
}

/// Reads the value of `type_oid` whose on-disk form is `b` (exactly its
/// bytes: `typlen` of them, a whole varlena with an inline uncompressed
/// header, or a C string with or without its NUL). `typmod` is the
/// column's; values were checked against it when they were stored.
pub fn datum_from_disk(b: &[u8], type_oid: Oid, typmod: i32) -> PgResult<Datum> {
    let _ = typmod;
    let t = types::lookup_type(type_oid).ok_or_else(|| not_storable(type_oid))?;
    match t.len {
        -1 => {
            if b.is_empty() {
                return Err(corrupt(type_oid, "empty varlena"));
            }
            if varlena::is_1b_e(b) || varlena::is_4b_c(b) {
                return Err(PgError::internal(format!(
                    "toasted value of type {} reached datum_from_disk (this is a bug)",
                    types::format_type(type_oid, -1)
                )));
            }
            let hdr = if varlena::is_1b(b) { varlena::VARHDRSZ_SHORT } else { varlena::VARHDRSZ };
            let n = varlena::varsize_any(b).ok_or_else(|| corrupt(type_oid, "truncated varlena"))?;
            let p = &b[hdr..n];
            varlena_from_payload(t, p, &b[..n], hdr)
        }
        -2 => {
            let s = b.strip_suffix(&[0]).unwrap_or(b);
            Ok(Datum::Text(utf8(type_oid, s)?))
        }
        len => {
            let b = b.get(..len as usize).ok_or_else(|| corrupt(type_oid, "truncated"))?;
            fixed_from_disk(t, b)
        }
    }
}

fn utf8(type_oid: Oid, b: &[u8]) -> PgResult<String> {
    String::from_utf8(b.to_vec()).map_err(|_| corrupt(type_oid, "invalid UTF-8"))
}

fn varlena_from_payload(t: &TypeInfo, p: &[u8], whole: &[u8], hdr: usize) -> PgResult<Datum> {
    Ok(match t.oid {
        oid::BYTEA => Datum::Bytea(p.to_vec()),
        oid::NUMERIC => Datum::Numeric(numeric_from_payload(p)?),
        oid::INET | oid::CIDR => {
            let (family, bits) = match p {
                [f, b, ..] => (*f, *b),
                _ => return Err(corrupt(t.oid, "truncated")),
            };
            let addr = match (family, &p[2..]) {
                (PGSQL_AF_INET, a) if a.len() == 4 => IpAddr::V4(Ipv4Addr::new(a[0], a[1], a[2], a[3])),
                (PGSQL_AF_INET6, a) if a.len() == 16 => {
                    let mut o = [0u8; 16];
                    o.copy_from_slice(a);
                    IpAddr::V6(Ipv6Addr::from(o))
                }
                _ => return Err(corrupt(t.oid, "bad address family or length")),
            };
            Datum::Inet(Inet { addr, bits })
        }
        // An `anyarray` value (`pg_attribute.attmissingval`) names its
        // element type in its header, as every array does.
        _ if t.category == b'A' || matches!(t.oid, oid::INT2VECTOR | oid::OIDVECTOR | oid::ANYARRAY) => {
            array_from_payload(t, whole, hdr)?
        }
        _ if t.typtype == b'p' => return Err(not_storable(t.oid)),
        _ => Datum::Text(utf8(t.oid, p)?),
    })
}

fn fixed_from_disk(t: &TypeInfo, b: &[u8]) -> PgResult<Datum> {
    let a4 = || [b[0], b[1], b[2], b[3]];
    let a8 = || [b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]];
    Ok(match t.oid {
        oid::BOOL => Datum::Bool(b[0] != 0),
        oid::CHAR => Datum::Char(b[0]),
        oid::INT2 => Datum::Int2(i16::from_le_bytes([b[0], b[1]])),
        oid::INT4 => Datum::Int4(i32::from_le_bytes(a4())),
        oid::DATE => Datum::Date(i32::from_le_bytes(a4())),
        oid::INT8 => Datum::Int8(i64::from_le_bytes(a8())),
        oid::TIME => Datum::Time(i64::from_le_bytes(a8())),
        oid::TIMETZ => Datum::TimeTz(crate::datum::TimeTz {
            time: i64::from_le_bytes(a8()),
            zone: i32::from_le_bytes([b[8], b[9], b[10], b[11]]),
        }),
        oid::TIMESTAMP => Datum::Timestamp(i64::from_le_bytes(a8())),
        oid::TIMESTAMPTZ => Datum::TimestampTz(i64::from_le_bytes(a8())),
        oid::FLOAT4 => Datum::Float4(f32::from_bits(u32::from_le_bytes(a4()))),
        oid::FLOAT8 => Datum::Float8(f64::from_bits(u64::from_le_bytes(a8()))),
        oid::XID => Datum::Xid(u32::from_le_bytes(a4())),
        oid::XID8 => Datum::Xid8(u64::from_le_bytes(a8())),
        oid::INTERVAL => Datum::Interval(Interval {
            micros: i64::from_le_bytes(a8()),
            days: i32::from_le_bytes([b[8], b[9], b[10], b[11]]),
            months: i32::from_le_bytes([b[12], b[13], b[14], b[15]]),
        }),
        oid::ACLITEM => Datum::AclItem(crate::acl::AclItem {
            grantee: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            grantor: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            privs: u32::from_le_bytes([b[8], b[9], b[10], b[11]]),
        }),
        oid::UUID => {
            let mut u = [0u8; 16];
            u.copy_from_slice(&b[..16]);
            Datum::Uuid(u)
        }
        oid::NAME => {
            let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            Datum::Text(utf8(t.oid, &b[..end])?)
        }
        // oid, cid and the reg* types.
        _ if t.len == 4 && t.byval && t.typtype == b'b' => Datum::Oid(u32::from_le_bytes(a4())),
        _ => return Err(not_storable(t.oid)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{self, OutputSettings};

    fn roundtrip(type_oid: Oid, text: &str) -> Vec<u8> {
        let s = OutputSettings::default();
        let d = io::input(type_oid, -1, text, &s).expect("input");
        let mut out = Vec::new();
        datum_to_disk(&d, type_oid, &mut out).expect("to disk");
        let back = datum_from_disk(&out, type_oid, -1).expect("from disk");
        assert_eq!(io::output(type_oid, &back, &s), io::output(type_oid, &d, &s), "{text}");
        out
    }

    #[test]
    fn anyarray_values_name_their_element_type() {
        // pg_attribute.attmissingval: a one-item array of the column's value.
        for (item, elem) in [
            (Datum::Int4(5), oid::INT4),
            (Datum::Text("ab".into()), oid::TEXT),
            (Datum::Date(7364), oid::DATE),
            (Datum::Bool(true), oid::BOOL),
        ] {
            let mut out = Vec::new();
            datum_to_disk(&Datum::Array(vec![item.clone()].into()), oid::ANYARRAY, &mut out).expect("to disk");
            assert_eq!(u32::from_le_bytes([out[12], out[13], out[14], out[15]]), elem);
            let back = datum_from_disk(&out, oid::ANYARRAY, -1).expect("from disk");
            assert_eq!(back, Datum::Array(vec![item].into()));
        }
    }

    #[test]
    fn fixed_types_have_their_typlen() {
        for (t, v) in [
            (oid::BOOL, "t"),
            (oid::CHAR, "x"),
            (oid::INT2, "-3"),
            (oid::INT4, "123456"),
            (oid::INT8, "-9000000000"),
            (oid::FLOAT4, "1.5"),
            (oid::FLOAT8, "-2.25e100"),
            (oid::OID, "4000000000"),
            (oid::DATE, "2024-02-29"),
            (oid::TIME, "13:14:15.5"),
            (oid::TIMESTAMP, "2001-02-03 04:05:06"),
            (oid::TIMESTAMPTZ, "infinity"),
            (oid::INTERVAL, "1 year 2 days 00:00:03"),
            (oid::NAME, "pg_class"),
            (oid::XID8, "12345678901"),
            (oid::UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        ] {
            let b = roundtrip(t, v);
            assert_eq!(b.len() as i16, types::lookup_type(t).expect("type").len, "{v}");
        }
    }

    #[test]
    fn name_is_nul_padded_to_namedatalen() {
        let b = roundtrip(oid::NAME, "abc");
        assert_eq!(&b[..4], b"abc\0");
        assert!(b[3..].iter().all(|&c| c == 0));
    }

    #[test]
    fn interval_is_time_day_month() {
        let b = roundtrip(oid::INTERVAL, "1 mon 2 days 00:00:00.000003");
        assert_eq!(i64::from_le_bytes(b[0..8].try_into().expect("8")), 3);
        assert_eq!(i32::from_le_bytes(b[8..12].try_into().expect("4")), 2);
        assert_eq!(i32::from_le_bytes(b[12..16].try_into().expect("4")), 1);
    }

    #[test]
    fn numeric_uses_postgresqls_short_and_long_forms() {
        // 1.5: short header 0x8000 | dscale 1 << 7 | weight 0, digits 1, 5000.
        let b = roundtrip(oid::NUMERIC, "1.5");
        assert_eq!(varlena::varsize_4b(&b), 4 + 2 + 4);
        assert_eq!(u16::from_le_bytes([b[4], b[5]]), 0x8000 | (1 << 7));
        assert_eq!(&b[6..], &[1, 0, 0x88, 0x13]);
        // -0.0001: negative short, weight -1.
        let b = roundtrip(oid::NUMERIC, "-0.0001");
        assert_eq!(u16::from_le_bytes([b[4], b[5]]), 0x8000 | 0x2000 | (4 << 7) | 0x0040 | 0x3F);
        // Zero: no digits, weight 0.
        let b = roundtrip(oid::NUMERIC, "0.00");
        assert_eq!(varlena::varsize_4b(&b), 6);
        // NaN and infinities are one word.
        for (v, w) in [("NaN", 0xC000u16), ("Infinity", 0xD000), ("-Infinity", 0xF000)] {
            let b = roundtrip(oid::NUMERIC, v);
            assert_eq!(b.len(), 6);
            assert_eq!(u16::from_le_bytes([b[4], b[5]]), w);
        }
        // A large weight needs the long form: sign|dscale word, then weight.
        let b = roundtrip(oid::NUMERIC, "1e300");
        assert_eq!(u16::from_le_bytes([b[4], b[5]]), 0);
        assert_eq!(i16::from_le_bytes([b[6], b[7]]), 75);
        roundtrip(oid::NUMERIC, "-123456789012345678901234567890.123456789");
        let b = roundtrip(oid::NUMERIC, &format!("0.{}1", "0".repeat(100)));
        assert_eq!(u16::from_le_bytes([b[4], b[5]]), 101);
    }

    #[test]
    fn varlenas_and_arrays() {
        roundtrip(oid::TEXT, "héllo");
        roundtrip(oid::BYTEA, "\\x00ff10");
        roundtrip(oid::VARCHAR, "");
        let b = roundtrip(oid::INET, "192.168.1.0/24");
        assert_eq!(&b[4..], &[2, 24, 192, 168, 1, 0]);
        roundtrip(oid::CIDR, "2001:db8::/32");
        // pg_node_tree has no input function; it is stored as text.
        let tree = Datum::Text("{CONST :consttype 23}".into());
        let mut out = Vec::new();
        datum_to_disk(&tree, oid::PG_NODE_TREE, &mut out).expect("to disk");
        assert_eq!(datum_from_disk(&out, oid::PG_NODE_TREE, -1).expect("from disk"), tree);
        roundtrip(oid::INT4_ARRAY, "{1,2,3}");
        roundtrip(oid::INT4_ARRAY, "{}");
        roundtrip(oid::TEXT_ARRAY, "{a,NULL,\"b c\",\"\"}");
        roundtrip(oid::INT8_ARRAY, "{NULL,1,NULL,-5}");
        roundtrip(oid::NUMERIC_ARRAY, "{1.5,NaN}");
        // {1,2,3}::int4[]: 16-byte fixed part, dims and lbound, then data at 24.
        let b = roundtrip(oid::INT4_ARRAY, "{1,2,3}");
        assert_eq!(b.len(), 24 + 12);
        assert_eq!(i32::from_le_bytes(b[16..20].try_into().expect("4")), 3);
        assert_eq!(i32::from_le_bytes(b[20..24].try_into().expect("4")), 1);
    }

    #[test]
    fn short_headers_read_back() {
        let mut v = vec![varlena::header_1b(4)];
        v.extend_from_slice(b"abc");
        assert_eq!(datum_from_disk(&v, oid::TEXT, -1).expect("text"), Datum::Text("abc".into()));
        assert_eq!(varlena::varsize_any(&v), Some(4));
        // A short-header int4[] (built as the heap stores it).
        let mut full = Vec::new();
        datum_to_disk(&Datum::Array(vec![Datum::Int4(7), Datum::Null].into()), oid::INT4_ARRAY, &mut full)
            .expect("array");
        let mut short = vec![varlena::header_1b(full.len() - 3)];
        short.extend_from_slice(&full[4..]);
        assert_eq!(
            datum_from_disk(&short, oid::INT4_ARRAY, -1).expect("short array"),
            Datum::Array(vec![Datum::Int4(7), Datum::Null].into())
        );
    }

    #[test]
    fn records_are_refused() {
        let mut out = Vec::new();
        let e = datum_to_disk(&Datum::Record(vec![]), oid::RECORD, &mut out).expect_err("record");
        assert_eq!(e.code, SqlState::FEATURE_NOT_SUPPORTED);
    }
}
