//! pg-protocol: the PostgreSQL frontend/backend protocol v3 codec, pg_hba.conf
//! and the SCRAM-SHA-256 exchange, sans-IO.
//!
//! PostgreSQL source area: `src/backend/libpq/pqcomm.c`, `pqformat.c`,
//! `hba.c`, `auth.c`, `auth-scram.c`, `src/common/saslprep.c`,
//! `src/include/libpq/pqcomm.h`, and `ProcessStartupPacket` in postmaster.c.
//!
//! Dependencies: `pg-error` only among `pg-*` crates; RustCrypto `sha2`,
//! `hmac`, `pbkdf2`, `base64`, `getrandom`.
//!
//! Invariants:
//! - Never touches a socket. The backend owns the read buffer and the
//!   socket: it feeds bytes to the decoders (`decode_startup`,
//!   `decode_message`), which return `Ok(None)` when more bytes are needed
//!   and the number of bytes consumed otherwise; it writes the bytes the
//!   `encode_*` functions append to a `Vec<u8>`.
//! - Truncated input is never an error; a length word is checked as soon as
//!   it is complete, so an oversized message is refused without waiting
//!   for (or allocating) its body.
//! - Errors are `PgError` values with PostgreSQL 15's SQLSTATE and wording.
//!   A decoder error with severity LOG is PostgreSQL's COMMERROR: log it,
//!   send nothing, close the connection. FATAL: send it, then close.
//!   ERROR: send it, the session continues.
//! - No threads, no global state, no `unsafe`.
#![forbid(unsafe_code)]

pub mod backend;
pub mod frontend;
pub mod hba;
pub mod pqformat;
pub mod saslprep;
pub mod scram;
pub mod startup;

pub use backend::*;
pub use frontend::*;
pub use hba::{
    hba_reject_error, no_hba_entry_error, parse_hba, password_failed_error, AuthMethod, ConnInfo, ConnKind, ConnType,
    HbaAddress, HbaFile, HbaLine, HbaParseError, HbaToken,
};
pub use scram::{
    parse_scram_secret, scram_build_secret, scram_build_secret_random, verify_cleartext_password, ScramSecret,
    ScramServer, ScramStep,
};
pub use startup::*;
