//! `inet` / `cidr` text I/O (PostgreSQL's `utils/adt/network.c`).

use crate::datum::Inet;
use crate::errors;
use pg_error::{PgError, PgResult, SqlState};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `inet_in` / `cidr_in`.
pub fn parse_inet(s: &str, is_cidr: bool) -> PgResult<Inet> {
    let type_name = if is_cidr { "cidr" } else { "inet" };
    let bad = || errors::invalid_syntax(type_name, s);
    let t = s.trim();
    let (addr_s, bits_s) = match t.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (t, None),
    };
    let addr: IpAddr = if let Ok(v4) = addr_s.parse::<Ipv4Addr>() {
        IpAddr::V4(v4)
    } else if let Ok(v6) = addr_s.parse::<Ipv6Addr>() {
        IpAddr::V6(v6)
    } else if is_cidr && bits_s.is_some() {
        // cidr allows abbreviated IPv4 networks: 10/8, 192.168/16.
        let parts: Vec<&str> = addr_s.split('.').collect();
        if parts.is_empty() || parts.len() > 4 {
            return Err(bad());
        }
        let mut o = [0u8; 4];
        for (i, p) in parts.iter().enumerate() {
            o[i] = p.parse().map_err(|_| bad())?;
        }
        IpAddr::V4(Ipv4Addr::from(o))
    } else {
        return Err(bad());
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let bits = match bits_s {
        Some(b) => {
            let v: u32 = b.parse().map_err(|_| bad())?;
            if v > max {
                return Err(bad());
            }
            v as u8
        }
        None => max as u8,
    };
    let inet = Inet { addr, bits };
    if is_cidr && has_host_bits(&inet) {
        return Err(PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, format!("invalid cidr value: \"{s}\""))
            .with_detail("Value has bits set to right of mask."));
    }
    Ok(inet)
}

fn has_host_bits(i: &Inet) -> bool {
    let octets: Vec<u8> = match i.addr {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    };
    octets.iter().enumerate().any(|(k, &b)| {
        let keep = (i.bits as usize).saturating_sub(k * 8).min(8);
        let mask: u8 = if keep == 0 { 0 } else { (0xFFu16 << (8 - keep)) as u8 };
        b & !mask != 0
    })
}

/// `inet_out` / `cidr_out`: the mask is shown for inet only when it is not the full width.
pub fn format_inet(i: &Inet, is_cidr: bool) -> String {
    if !is_cidr && i.bits == i.max_bits() {
        i.addr.to_string()
    } else {
        format!("{}/{}", i.addr, i.bits)
    }
}
