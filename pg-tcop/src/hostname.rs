//! The client's host name for `log_hostname` (PostgreSQL's
//! `pg_getnameinfo_all` with `NI_NAMEREQD` in `BackendInitialize`): the
//! log's `connection received` line and `%h`/`%r` show the name the
//! client's address resolves to, or the address when it has none.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::net::SocketAddr;

/// `NI_MAXHOST`: the longest host name getnameinfo returns, with its NUL.
const NI_MAXHOST: usize = 1025;

/// The host name `addr` resolves to, if the resolver knows one.
pub(crate) fn reverse_lookup(addr: &SocketAddr) -> Option<String> {
    // SAFETY: sockaddr_storage is plain data for which all zeroes is valid.
    let mut storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        SocketAddr::V4(a) => {
            // SAFETY: sockaddr_storage is large and aligned enough for any
            // socket address; we write a sockaddr_in at its start.
            let sin = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = a.port().to_be();
            sin.sin_addr = libc::in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            // SAFETY: as above, for a sockaddr_in6.
            let sin6 = unsafe { &mut *(&mut storage as *mut libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = a.port().to_be();
            sin6.sin6_flowinfo = a.flowinfo();
            sin6.sin6_addr = libc::in6_addr { s6_addr: a.ip().octets() };
            sin6.sin6_scope_id = a.scope_id();
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    let mut host = [0 as libc::c_char; NI_MAXHOST];
    // SAFETY: the address points at `len` initialised bytes of a socket
    // address; the host buffer's length is passed; no service is asked for.
    let rc = unsafe {
        libc::getnameinfo(
            (&storage as *const libc::sockaddr_storage).cast::<libc::sockaddr>(),
            len as libc::socklen_t,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NAMEREQD,
        )
    };
    if rc != 0 {
        return None;
    }
    // SAFETY: getnameinfo succeeded, so `host` holds a NUL-terminated string.
    let name = unsafe { std::ffi::CStr::from_ptr(host.as_ptr()) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_resolves_and_unknown_addresses_do_not_panic() {
        // /etc/hosts names 127.0.0.1 on any ordinary system; a documentation
        // address (TEST-NET-1) has no name, or at least the call returns.
        let local: SocketAddr = "127.0.0.1:5432".parse().unwrap();
        assert!(reverse_lookup(&local).is_some_and(|n| !n.is_empty()));
        let _ = reverse_lookup(&"[::1]:5432".parse().unwrap());
    }
}
