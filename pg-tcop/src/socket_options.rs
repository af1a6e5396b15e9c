//! The TCP settings of the client's socket (PostgreSQL's
//! `pq_setkeepalivesidle` and friends in `libpq/pqcomm.c`):
//! `tcp_keepalives_idle`, `tcp_keepalives_interval`, `tcp_keepalives_count`
//! and `tcp_user_timeout`. Their assign hooks set the socket option (0 means
//! the kernel's default), and their show hooks read it back, so SHOW prints
//! what the kernel uses, and 0 on a Unix-domain socket, as PostgreSQL does.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::cell::Cell;
use std::os::fd::RawFd;

thread_local! {
    /// The client's TCP socket: None before the connection and for a
    /// Unix-domain socket.
    static CLIENT_TCP_SOCKET: Cell<Option<RawFd>> = const { Cell::new(None) };
    /// Each option's kernel default, read before the first change.
    static DEFAULTS: [Cell<Option<i32>>; 4] = const { [const { Cell::new(None) }; 4] };
}

/// (setting, TCP socket option), in the order of `DEFAULTS`.
const OPTIONS: [(&str, libc::c_int); 4] = [
    ("tcp_keepalives_idle", libc::TCP_KEEPIDLE),
    ("tcp_keepalives_interval", libc::TCP_KEEPINTVL),
    ("tcp_keepalives_count", libc::TCP_KEEPCNT),
    ("tcp_user_timeout", libc::TCP_USER_TIMEOUT),
];

fn get_option(fd: RawFd, level: libc::c_int, option: libc::c_int) -> Option<i32> {
    let mut value: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` and `len` are valid for writes of the sizes given, and a
    // bad descriptor only makes getsockopt fail.
    let rc = unsafe { libc::getsockopt(fd, level, option, (&mut value as *mut libc::c_int).cast(), &mut len) };
    (rc == 0).then_some(value)
}

fn set_option(fd: RawFd, level: libc::c_int, option: libc::c_int, value: i32) {
    // SAFETY: `value` is valid for reads of the size given; failure leaves the
    // socket as it was (PostgreSQL logs it and goes on, and so do we).
    let rc = unsafe {
        libc::setsockopt(
            fd,
            level,
            option,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        tracing::info!("setsockopt({}) failed: {}", option, std::io::Error::last_os_error());
    }
}

fn assign(which: usize, text: &str) {
    let Some(fd) = CLIENT_TCP_SOCKET.with(Cell::get) else { return };
    let option = OPTIONS[which].1;
    let default = DEFAULTS.with(|d| {
        if d[which].get().is_none() {
            d[which].set(get_option(fd, libc::IPPROTO_TCP, option));
        }
        d[which].get()
    });
    let wanted: i32 = text.parse().unwrap_or(0);
    let value = if wanted == 0 { default.unwrap_or(0) } else { wanted };
    set_option(fd, libc::IPPROTO_TCP, option, value);
}

fn show(which: usize) -> String {
    match CLIENT_TCP_SOCKET.with(Cell::get) {
        Some(fd) => get_option(fd, libc::IPPROTO_TCP, OPTIONS[which].1).unwrap_or(0).to_string(),
        None => "0".to_string(),
    }
}

/// Registers the four settings' assign and show hooks (postmaster start).
pub(crate) fn register_hooks() {
    let hooks: [(pg_guc::AssignHook, pg_guc::ShowHook); 4] = [
        (|t| assign(0, t), |_| show(0)),
        (|t| assign(1, t), |_| show(1)),
        (|t| assign(2, t), |_| show(2)),
        (|t| assign(3, t), |_| show(3)),
    ];
    for ((name, _), (assign_hook, show_hook)) in OPTIONS.iter().zip(hooks) {
        if let Err(e) = pg_guc::register_assign_hook(name, assign_hook).and(pg_guc::register_show_hook(name, show_hook))
        {
            tracing::warn!("{}", e.message);
        }
    }
}

/// The backend's client socket (None for a Unix-domain one): turns on TCP
/// keepalives, as PostgreSQL does for every TCP connection, and applies the
/// four settings' current values.
pub(crate) fn set_client_socket(fd: Option<RawFd>) {
    CLIENT_TCP_SOCKET.with(|s| s.set(fd));
    let Some(fd) = fd else { return };
    set_option(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, 1);
    for (which, (name, _)) in OPTIONS.iter().enumerate() {
        if let Ok(text) = pg_guc::get_string(name) {
            assign(which, &text);
        }
    }
}
