//! Binary send/recv (the `typsend`/`typreceive` functions): the wire formats drivers use for
//! binary results and parameters.

use crate::datum::{Datum, Inet, Interval};
use crate::errors;
use crate::io;
use crate::numeric::{Numeric, NumericKind};
use crate::types::{oid, Oid};
use pg_error::{PgError, PgResult, SqlState};
use std::net::IpAddr;

const NUMERIC_POS: u16 = 0x0000;
const NUMERIC_NEG: u16 = 0x4000;
const NUMERIC_NAN: u16 = 0xC000;
const NUMERIC_PINF: u16 = 0xD000;
const NUMERIC_NINF: u16 = 0xF000;
/// PGSQL_AF_INET / PGSQL_AF_INET6.
const PGSQL_AF_INET: u8 = 2;
const PGSQL_AF_INET6: u8 = 3;

/// The type's send function: datum → binary wire bytes.
pub fn send(type_oid: Oid, d: &Datum) -> PgResult<Vec<u8>> {
    Ok(match d {
        Datum::Null => return Err(PgError::internal("send of a NULL datum")),
        Datum::Bool(b) => vec![*b as u8],
        Datum::Int2(v) => v.to_be_bytes().to_vec(),
        Datum::Int4(v) => v.to_be_bytes().to_vec(),
        Datum::Int8(v) => v.to_be_bytes().to_vec(),
        Datum::Float4(v) => v.to_be_bytes().to_vec(),
        Datum::Float8(v) => v.to_be_bytes().to_vec(),
        // jsonb_send: the format version (1), then the text.
        Datum::Text(s) if type_oid == oid::JSONB => {
            let mut out = Vec::with_capacity(s.len() + 1);
            out.push(1);
            out.extend_from_slice(s.as_bytes());
            out
        }
        Datum::Text(s) => s.as_bytes().to_vec(),
        Datum::Char(c) => vec![*c],
        Datum::Bytea(b) => b.clone(),
        Datum::Oid(v) | Datum::Xid(v) => v.to_be_bytes().to_vec(),
        Datum::Xid8(v) => v.to_be_bytes().to_vec(),
        Datum::Date(v) => v.to_be_bytes().to_vec(),
        // timetz_send: the time, then the zone (seconds west).
        Datum::TimeTz(t) => {
            let mut b = t.time.to_be_bytes().to_vec();
            b.extend_from_slice(&t.zone.to_be_bytes());
            b
        }
        Datum::Time(v) | Datum::Timestamp(v) | Datum::TimestampTz(v) => v.to_be_bytes().to_vec(),
        Datum::Interval(iv) => {
            let mut b = iv.micros.to_be_bytes().to_vec();
            b.extend_from_slice(&iv.days.to_be_bytes());
            b.extend_from_slice(&iv.months.to_be_bytes());
            b
        }
        Datum::Numeric(n) => send_numeric(n),
        Datum::Uuid(u) => u.to_vec(),
        Datum::Inet(i) => {
            let (family, bytes) = match i.addr {
                IpAddr::V4(a) => (PGSQL_AF_INET, a.octets().to_vec()),
                IpAddr::V6(a) => (PGSQL_AF_INET6, a.octets().to_vec()),
            };
            let mut b = vec![family, i.bits, (type_oid == oid::CIDR) as u8, bytes.len() as u8];
            b.extend_from_slice(&bytes);
            b
        }
        Datum::AclItem(_) => {
            return Err(PgError::new(
                SqlState::UNDEFINED_FUNCTION,
                "no binary output function available for type aclitem",
            ))
        }
        Datum::Array(_) | Datum::Record(_) => {
            return Err(PgError::not_supported(format!(
                "binary output of type {} is not supported",
                crate::types::format_type(type_oid, -1)
            )))
        }
    })
}

fn send_numeric(n: &Numeric) -> Vec<u8> {
    let (weight, digits) = n.to_nbase();
    let sign = match n.kind() {
        NumericKind::NaN => NUMERIC_NAN,
        NumericKind::PosInf => NUMERIC_PINF,
        NumericKind::NegInf => NUMERIC_NINF,
        NumericKind::Finite if n.unscaled().sign() == num_bigint::Sign::Minus => NUMERIC_NEG,
        NumericKind::Finite => NUMERIC_POS,
    };
    let mut b = Vec::with_capacity(8 + digits.len() * 2);
    b.extend_from_slice(&(digits.len() as i16).to_be_bytes());
    b.extend_from_slice(&weight.to_be_bytes());
    b.extend_from_slice(&sign.to_be_bytes());
    // PostgreSQL reads an infinity's dscale through the short-format header mask
    // (NUMERIC_DSCALE on 0xD000/0xF000 gives 32), so that is what goes on the wire.
    let dscale = if n.is_finite() || n.is_nan() { n.dscale() as u16 } else { 32 };
    b.extend_from_slice(&dscale.to_be_bytes());
    for d in digits {
        b.extend_from_slice(&d.to_be_bytes());
    }
    b
}

fn insufficient() -> PgError {
    PgError::new(SqlState::PROTOCOL_VIOLATION, "insufficient data left in message")
}

fn fixed<const N: usize>(b: &[u8]) -> PgResult<[u8; N]> {
    if b.len() < N {
        return Err(insufficient());
    }
    if b.len() > N {
        return Err(errors::invalid_binary("incorrect binary data format"));
    }
    let mut a = [0u8; N];
    a.copy_from_slice(b);
    Ok(a)
}

fn utf8(b: &[u8]) -> PgResult<String> {
    String::from_utf8(b.to_vec()).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        PgError::new(
            SqlState::CHARACTER_NOT_IN_REPERTOIRE,
            format!("invalid byte sequence for encoding \"UTF8\": 0x{:02x}", b.get(bad).copied().unwrap_or(0)),
        )
    })
}

/// The type's receive function: binary wire bytes → datum, applying `typmod`.
pub fn recv(type_oid: Oid, typmod: i32, b: &[u8]) -> PgResult<Datum> {
    let d = match type_oid {
        oid::BOOL => Datum::Bool(fixed::<1>(b)?[0] != 0),
        oid::INT2 => Datum::Int2(i16::from_be_bytes(fixed(b)?)),
        oid::INT4 => Datum::Int4(i32::from_be_bytes(fixed(b)?)),
        oid::INT8 => Datum::Int8(i64::from_be_bytes(fixed(b)?)),
        oid::FLOAT4 => Datum::Float4(f32::from_be_bytes(fixed(b)?)),
        oid::FLOAT8 => Datum::Float8(f64::from_be_bytes(fixed(b)?)),
        oid::TEXT | oid::VARCHAR | oid::BPCHAR | oid::UNKNOWN | oid::JSON => {
            return crate::casts::apply_typmod(type_oid, typmod, Datum::Text(utf8(b)?), false)
        }
        oid::NAME => Datum::Text(io::truncate_bytes(&utf8(b)?, io::NAME_MAX_BYTES).to_string()),
        oid::CHAR => Datum::Char(fixed::<1>(b)?[0]),
        oid::BYTEA => Datum::Bytea(b.to_vec()),
        oid::OID | oid::REGPROC | oid::REGCLASS | oid::REGTYPE | oid::REGNAMESPACE | oid::REGROLE | oid::CID => {
            Datum::Oid(u32::from_be_bytes(fixed(b)?))
        }
        oid::XID => Datum::Xid(u32::from_be_bytes(fixed(b)?)),
        oid::XID8 => Datum::Xid8(u64::from_be_bytes(fixed(b)?)),
        oid::DATE => Datum::Date(i32::from_be_bytes(fixed(b)?)),
        oid::TIME => Datum::Time(i64::from_be_bytes(fixed(b)?)),
        oid::TIMETZ => {
            let a: [u8; 12] = fixed(b)?;
            let time = i64::from_be_bytes(a[0..8].try_into().map_err(|_| insufficient())?);
            let zone = i32::from_be_bytes(a[8..12].try_into().map_err(|_| insufficient())?);
            Datum::TimeTz(crate::timetz::timetz_recv(time, zone, typmod)?)
        }
        oid::TIMESTAMP | oid::TIMESTAMPTZ => {
            let v = i64::from_be_bytes(fixed(b)?);
            let v = crate::datetime::adjust_timestamp_typmod(v, typmod);
            if type_oid == oid::TIMESTAMP {
                Datum::Timestamp(v)
            } else {
                Datum::TimestampTz(v)
            }
        }
        oid::INTERVAL => {
            let a: [u8; 16] = fixed(b)?;
            let micros = i64::from_be_bytes(a[0..8].try_into().map_err(|_| insufficient())?);
            let days = i32::from_be_bytes(a[8..12].try_into().map_err(|_| insufficient())?);
            let months = i32::from_be_bytes(a[12..16].try_into().map_err(|_| insufficient())?);
            Datum::Interval(Interval { months, days, micros })
        }
        oid::NUMERIC => Datum::Numeric(recv_numeric(b)?.apply_typmod(typmod)?),
        oid::INET | oid::CIDR => Datum::Inet(recv_inet(b, type_oid == oid::CIDR)?),
        // uuid_recv takes exactly 16 bytes.
        oid::UUID => Datum::Uuid(fixed(b)?),
        _ => {
            return Err(PgError::not_supported(format!(
                "binary input of type {} is not supported",
                crate::types::format_type(type_oid, -1)
            )))
        }
    };
    Ok(d)
}

fn recv_numeric(b: &[u8]) -> PgResult<Numeric> {
    if b.len() < 8 {
        return Err(insufficient());
    }
    let ndigits = i16::from_be_bytes([b[0], b[1]]);
    let weight = i16::from_be_bytes([b[2], b[3]]);
    let sign = u16::from_be_bytes([b[4], b[5]]);
    let dscale = u16::from_be_bytes([b[6], b[7]]);
    if ndigits < 0 || ndigits as usize > 1000 + 131072 / 4 {
        return Err(errors::invalid_binary("invalid length in external \"numeric\" value"));
    }
    if b.len() < 8 + ndigits as usize * 2 {
        return Err(insufficient());
    }
    if b.len() > 8 + ndigits as usize * 2 {
        return Err(errors::invalid_binary("incorrect binary data format"));
    }
    match sign {
        NUMERIC_NAN => return Ok(Numeric::nan()),
        NUMERIC_PINF => return Ok(Numeric::infinity(false)),
        NUMERIC_NINF => return Ok(Numeric::infinity(true)),
        NUMERIC_POS | NUMERIC_NEG => {}
        _ => return Err(errors::invalid_binary("invalid sign in external \"numeric\" value")),
    }
    if dscale > 0x3FFF {
        return Err(errors::invalid_binary("invalid scale in external \"numeric\" value"));
    }
    let mut digits = Vec::with_capacity(ndigits as usize);
    for i in 0..ndigits as usize {
        let d = i16::from_be_bytes([b[8 + 2 * i], b[9 + 2 * i]]);
        if !(0..10000).contains(&d) {
            return Err(errors::invalid_binary("invalid digit in external \"numeric\" value"));
        }
        digits.push(d);
    }
    Ok(Numeric::from_nbase(sign == NUMERIC_NEG, weight, &digits, dscale as i32))
}

fn recv_inet(b: &[u8], is_cidr: bool) -> PgResult<Inet> {
    let name = if is_cidr { "cidr" } else { "inet" };
    if b.len() < 4 {
        return Err(insufficient());
    }
    let (family, bits, nb) = (b[0], b[1], b[3] as usize);
    let (max, want) = match family {
        PGSQL_AF_INET => (32, 4),
        PGSQL_AF_INET6 => (128, 16),
        _ => return Err(errors::invalid_binary(&format!("invalid address family in external \"{name}\" value"))),
    };
    if bits > max {
        return Err(errors::invalid_binary(&format!("invalid bits in external \"{name}\" value")));
    }
    if nb != want || b.len() != 4 + nb {
        return Err(errors::invalid_binary(&format!("invalid length in external \"{name}\" value")));
    }
    // The is_cidr byte (b[2]) is ignored, as PostgreSQL does; the type
    // being read decides.
    if is_cidr && !crate::inet::host_bits_clear(&b[4..], bits) {
        return Err(errors::invalid_binary("invalid external \"cidr\" value")
            .with_detail("Value has bits set to right of mask."));
    }
    Ok(crate::inet::from_bytes(&b[4..], bits))
}
