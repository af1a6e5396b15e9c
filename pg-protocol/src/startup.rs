//! The first packet of a connection: StartupMessage, SSLRequest, GSSENCRequest,
//! CancelRequest. PostgreSQL's `ProcessStartupPacket` (postmaster.c) and
//! `pg_split_opts` / `process_postgres_switches` for the `options` parameter.
//!
//! The startup packet has no type byte: an int32 length (counting itself) and
//! an int32 "protocol version" that doubles as a request code. What
//! PostgreSQL 15 does with a bad packet was checked against a live server:
//! - no bytes at all: close silently (`startup_eof_error` returns `None`);
//! - a bad length (total < 8 or > 10004): `invalid length of startup packet`
//!   is only logged (COMMERROR), nothing is sent;
//! - a CancelRequest whose length is not 16: same, logged only;
//! - protocol 2.0: FATAL 0A000 sent in the *old* protocol's format
//!   (`'E'`, text, NUL), see `StartupError::encode_reply`;
//! - a second SSLRequest after one was refused is read as protocol 1234.5679
//!   and draws FATAL 0A000 `unsupported frontend protocol 1234.5679: ...`;
//! - data pipelined behind an SSLRequest/GSSENCRequest draws `N` then FATAL
//!   08P01 `received unencrypted data after SSL request`;
//! - the terminator check is PostgreSQL's `offset == len - 1`, not "the last
//!   byte is NUL": a trailing unterminated name is accepted as the terminator.

use crate::backend::encode_error_response;
use pg_error::{PgError, Severity, SqlState};

/// Protocol version 3.0 as sent on the wire (major << 16 | minor).
pub const PG_PROTOCOL_LATEST: u32 = 3 << 16;
/// The oldest protocol the server accepts (PostgreSQL 14+ dropped 2.0).
pub const PG_PROTOCOL_EARLIEST: u32 = 3 << 16;
/// CancelRequest's magic "version" 1234.5678.
pub const CANCEL_REQUEST_CODE: u32 = (1234 << 16) | 5678;
/// SSLRequest's magic "version" 1234.5679.
pub const NEGOTIATE_SSL_CODE: u32 = (1234 << 16) | 5679;
/// GSSENCRequest's magic "version" 1234.5680.
pub const NEGOTIATE_GSS_CODE: u32 = (1234 << 16) | 5680;
/// Largest startup packet body (after the length word) PostgreSQL accepts.
pub const MAX_STARTUP_PACKET_LENGTH: usize = 10000;
/// `NAMEDATALEN`: user and database names are cut to `NAMEDATALEN - 1` bytes.
pub const NAMEDATALEN: usize = 64;

/// Which encryption requests were already answered on this connection
/// (`ProcessStartupPacket`'s `ssl_done` / `gss_done`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartupPhase {
    /// An SSLRequest was answered (or SSL is in use).
    pub ssl_done: bool,
    /// A GSSENCRequest was answered (or GSS encryption is in use).
    pub gss_done: bool,
}

/// A decoded StartupMessage (protocol 3.x).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupMessage {
    /// As sent, e.g. 196608 for 3.0; a 3.x with x > 0 is accepted as 3.0
    /// after a NegotiateProtocolVersion message.
    pub protocol_version: u32,
    /// `user`, cut to NAMEDATALEN-1 bytes. Never empty.
    pub user: String,
    /// `database`, defaulting to `user`.
    pub database: String,
    /// The raw `options` parameter; see `parse_options` for its settings.
    pub options: Option<String>,
    /// `application_name`, if sent (it is also in `guc_options`, as in PostgreSQL).
    pub application_name: Option<String>,
    /// The `replication` parameter as sent; the backend interprets it
    /// (`true`/`database`/..., with the one Boolean parser in pg-guc).
    pub replication: Option<String>,
    /// Every other parameter, in order: GUC settings to apply at backend start.
    pub guc_options: Vec<(String, String)>,
    /// `_pq_.*` parameters: protocol options, none of which exist yet.
    pub unrecognized_protocol_options: Vec<String>,
}

impl StartupMessage {
    /// Whether PostgreSQL would answer with NegotiateProtocolVersion (newer
    /// minor version requested, or `_pq_.` options sent). The connection then
    /// continues with protocol 3.0.
    pub fn needs_negotiate_protocol_version(&self) -> bool {
        (self.protocol_version & 0xffff) > (PG_PROTOCOL_LATEST & 0xffff)
            || !self.unrecognized_protocol_options.is_empty()
    }

    /// Appends the NegotiateProtocolVersion message PostgreSQL sends for this packet.
    pub fn encode_negotiate_protocol_version(&self, out: &mut Vec<u8>) {
        crate::backend::encode_negotiate_protocol_version(out, PG_PROTOCOL_LATEST, &self.unrecognized_protocol_options);
    }
}

/// The first packet of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartupPacket {
    /// A protocol 3 StartupMessage.
    Startup(StartupMessage),
    /// SSLRequest: answer `'N'` (`encode_ssl_refusal`), then read another packet.
    SslRequest,
    /// GSSENCRequest: answer `'N'`, then read another packet.
    GssEncRequest,
    /// CancelRequest: signal the matching backend; send nothing back, close.
    CancelRequest {
        /// The target backend's pid.
        process_id: i32,
        /// The secret key from its BackendKeyData.
        secret_key: i32,
    },
}

/// How the client learns about a startup failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartupReply {
    /// PostgreSQL's COMMERROR: log the error, send nothing, close the connection.
    LogOnly,
    /// Send a protocol 3 ErrorResponse, then close.
    ErrorResponse,
    /// Send a protocol 2 error (`'E'`, text, NUL), then close: the client asked
    /// for protocol 2 and would not understand the v3 format.
    OldProtocolError,
}

/// A startup failure: the error and how to deliver it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartupError {
    /// What PostgreSQL reports (FATAL, or LOG for COMMERROR cases).
    pub error: PgError,
    /// How to deliver it.
    pub reply: StartupReply,
}

impl StartupError {
    fn log_only(message: &str) -> StartupError {
        StartupError {
            error: PgError::notice(Severity::Log, SqlState::PROTOCOL_VIOLATION, message),
            reply: StartupReply::LogOnly,
        }
    }

    fn fatal(error: PgError) -> StartupError {
        StartupError { error: error.with_severity(Severity::Fatal), reply: StartupReply::ErrorResponse }
    }

    /// Appends the bytes to send to the client (none for `LogOnly`).
    pub fn encode_reply(&self, out: &mut Vec<u8>) {
        match self.reply {
            StartupReply::LogOnly => {}
            StartupReply::ErrorResponse => encode_error_response(out, &self.error),
            StartupReply::OldProtocolError => {
                // Protocol 2: 'E' then "SEVERITY:  message\n" as a C string, no length word.
                out.push(b'E');
                out.extend_from_slice(
                    format!("{}:  {}\n", self.error.severity.as_str(), self.error.message).as_bytes(),
                );
                out.push(0);
            }
        }
    }
}

impl From<StartupError> for PgError {
    fn from(e: StartupError) -> PgError {
        e.error
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// What to log when the client closes the connection after sending
/// `received` bytes of an incomplete startup packet. `None` = close silently
/// (no bytes at all, or a partial length word right after an SSL/GSS answer).
pub fn startup_eof_error(received: usize, phase: StartupPhase) -> Option<PgError> {
    let incomplete = || PgError::notice(Severity::Log, SqlState::PROTOCOL_VIOLATION, "incomplete startup packet");
    match received {
        0 => None,
        1..=3 if phase.ssl_done || phase.gss_done => None,
        _ => Some(incomplete()),
    }
}

/// Decodes the first packet from `buf`. `Ok(None)` means more bytes are
/// needed. A length outside PostgreSQL's limits is rejected as soon as the
/// length word is complete, without waiting for the body.
pub fn decode_startup(buf: &[u8], phase: StartupPhase) -> Result<Option<(StartupPacket, usize)>, StartupError> {
    if buf.len() < 4 {
        return Ok(None);
    }
    let total = be32(buf) as usize;
    // PostgreSQL subtracts the length word, then bounds the rest.
    let len = total.wrapping_sub(4);
    if total < 4 || !(4..=MAX_STARTUP_PACKET_LENGTH).contains(&len) {
        return Err(StartupError::log_only("invalid length of startup packet"));
    }
    if buf.len() < total {
        return Ok(None);
    }
    let body = &buf[4..total];
    let proto = be32(body);

    if proto == CANCEL_REQUEST_CODE {
        if len != 12 {
            return Err(StartupError::log_only("invalid length of startup packet"));
        }
        let process_id = be32(&body[4..]) as i32;
        let secret_key = be32(&body[8..]) as i32;
        return Ok(Some((StartupPacket::CancelRequest { process_id, secret_key }, total)));
    }
    if proto == NEGOTIATE_SSL_CODE && !phase.ssl_done {
        return Ok(Some((StartupPacket::SslRequest, total)));
    }
    if proto == NEGOTIATE_GSS_CODE && !phase.gss_done {
        return Ok(Some((StartupPacket::GssEncRequest, total)));
    }

    let major = proto >> 16;
    let minor = proto & 0xffff;
    if major < PG_PROTOCOL_EARLIEST >> 16 || major > PG_PROTOCOL_LATEST >> 16 {
        let error = PgError::fatal(
            SqlState::FEATURE_NOT_SUPPORTED,
            format!(
                "unsupported frontend protocol {major}.{minor}: server supports {}.0 to {}.{}",
                PG_PROTOCOL_EARLIEST >> 16,
                PG_PROTOCOL_LATEST >> 16,
                PG_PROTOCOL_LATEST & 0xffff
            ),
        );
        // PostgreSQL answers in the old format for any version below 3.0
        // except exactly 0.0, which its elog code reads as "not known yet"
        // and answers in the current format (checked against PostgreSQL 15).
        let reply = if major >= 3 || proto == 0 { StartupReply::ErrorResponse } else { StartupReply::OldProtocolError };
        return Err(StartupError { error, reply });
    }

    let message = parse_startup_parameters(proto, body)?;
    Ok(Some((StartupPacket::Startup(message), total)))
}

/// Scans name/value pairs exactly as `ProcessStartupPacket` does: the body is
/// treated as if followed by one extra NUL, so every string is terminated.
fn parse_startup_parameters(proto: u32, body: &[u8]) -> Result<StartupMessage, StartupError> {
    let len = body.len();
    // C string starting at `at`, bounded by the (virtual) NUL after the body.
    let cstr = |at: usize| -> &[u8] {
        let rest = &body[at.min(len)..];
        &rest[..rest.iter().position(|&b| b == 0).unwrap_or(rest.len())]
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();

    let mut user: Option<String> = None;
    let mut database: Option<String> = None;
    let mut options = None;
    let mut application_name = None;
    let mut replication = None;
    let mut guc_options = Vec::new();
    let mut unrecognized_protocol_options = Vec::new();

    let mut offset = 4;
    while offset < len {
        let name = cstr(offset);
        if name.is_empty() {
            break; // the packet terminator
        }
        let valoffset = offset + name.len() + 1;
        if valoffset >= len {
            break; // missing value: the layout check below complains
        }
        let value = cstr(valoffset);
        match name {
            b"database" => database = Some(text(value)),
            b"user" => user = Some(text(value)),
            b"options" => options = Some(text(value)),
            b"replication" => replication = Some(text(value)),
            _ if name.starts_with(b"_pq_.") => unrecognized_protocol_options.push(text(name)),
            _ => {
                if name == b"application_name" {
                    application_name = Some(text(value));
                }
                guc_options.push((text(name), text(value)));
            }
        }
        offset = valoffset + value.len() + 1;
    }
    if offset != len.wrapping_sub(1) {
        return Err(StartupError::fatal(PgError::new(
            SqlState::PROTOCOL_VIOLATION,
            "invalid startup packet layout: expected terminator as last byte",
        )));
    }

    let user = match user {
        Some(u) if !u.is_empty() => u,
        _ => {
            return Err(StartupError::fatal(PgError::new(
                SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
                "no PostgreSQL user name specified in startup packet",
            )))
        }
    };
    let mut database = match database {
        Some(d) if !d.is_empty() => d,
        _ => user.clone(),
    };
    let user = truncate_name(user);
    database = truncate_name(database);
    Ok(StartupMessage {
        protocol_version: proto,
        user,
        database,
        options,
        application_name,
        replication,
        guc_options,
        unrecognized_protocol_options,
    })
}

/// Cuts a name to NAMEDATALEN-1 bytes. Unlike PostgreSQL 15, which cuts
/// bytes blindly, the cut never splits a UTF-8 character.
fn truncate_name(mut name: String) -> String {
    if name.len() >= NAMEDATALEN {
        let mut end = NAMEDATALEN - 1;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    name
}

/// The one-byte answer to an SSLRequest or GSSENCRequest we cannot honour.
pub fn encode_ssl_refusal(out: &mut Vec<u8>) {
    out.push(b'N');
}

impl StartupPhase {
    /// The phase after answering `'N'` to an SSLRequest or GSSENCRequest.
    /// `bytes_already_buffered` is how many bytes the backend had read past
    /// the request: PostgreSQL refuses those (they arrived unencrypted, maybe
    /// injected) with a FATAL error sent after the `'N'`.
    pub fn after_refused_request(
        self,
        packet: &StartupPacket,
        bytes_already_buffered: usize,
    ) -> Result<StartupPhase, StartupError> {
        let (next, what) = match packet {
            StartupPacket::SslRequest => (StartupPhase { ssl_done: true, ..self }, "SSL request"),
            StartupPacket::GssEncRequest => (StartupPhase { gss_done: true, ..self }, "GSSAPI encryption request"),
            _ => return Ok(self),
        };
        if bytes_already_buffered > 0 {
            return Err(StartupError::fatal(
                PgError::new(SqlState::PROTOCOL_VIOLATION, format!("received unencrypted data after {what}"))
                    .with_detail(
                    "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.",
                ),
            ));
        }
        Ok(next)
    }
}

/// `pg_split_opts`: splits the `options` string at unescaped whitespace; a
/// backslash takes the next character literally.
pub fn split_options(options: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = options.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_whitespace() {
                break;
            }
            chars.next();
            if c == '\\' {
                if let Some(escaped) = chars.next() {
                    word.push(escaped);
                }
            } else {
                word.push(c);
            }
        }
        out.push(word);
    }
    out
}

/// Parses the `options` startup parameter into (name, value) settings, as
/// `process_postgres_switches` does for `-c name=value`, `-cname=value` and
/// `--name=value` (dashes in the name become underscores). Other switches
/// (`-B`, `-S`, `-e`, ...) are not supported and draw PostgreSQL's
/// `invalid command-line argument for server process` error.
pub fn parse_options(options: &str) -> Result<Vec<(String, String)>, PgError> {
    parse_options_in_order(options).into_iter().collect()
}

/// The settings of an `options` string in order, each parsed or refused on
/// its own: PostgreSQL applies each switch before it reads the next, so the
/// first error the client sees may come from applying an earlier switch
/// (an unknown setting) rather than from parsing a later one. The list
/// stops after the first parse error.
pub fn parse_options_in_order(options: &str) -> Vec<Result<(String, String), PgError>> {
    let words = split_options(options);
    let mut out = Vec::new();
    let mut i = 0;
    let invalid = |w: &str| {
        PgError::fatal(SqlState::SYNTAX_ERROR, format!("invalid command-line argument for server process: {w}"))
            .with_hint("Try \"postgres --help\" for more information.")
    };
    while i < words.len() {
        let w = &words[i];
        let (flag, arg) = if let Some(rest) = w.strip_prefix("--") {
            ('-', rest.to_owned())
        } else if let Some(rest) = w.strip_prefix("-c") {
            if rest.is_empty() {
                i += 1;
                match words.get(i) {
                    Some(next) => ('c', next.clone()),
                    None => {
                        out.push(Err(invalid(w)));
                        return out;
                    }
                }
            } else {
                ('c', rest.to_owned())
            }
        } else {
            out.push(Err(invalid(w)));
            return out;
        };
        match arg.split_once('=') {
            Some((name, value)) => out.push(Ok((name.replace('-', "_"), value.to_owned()))),
            None => {
                let message = if flag == '-' {
                    format!("--{arg} requires a value")
                } else {
                    format!("-c {arg} requires a value")
                };
                out.push(Err(PgError::fatal(SqlState::SYNTAX_ERROR, message)));
                return out;
            }
        }
        i += 1;
    }
    out
}

/// Appends a StartupMessage (for tests and tools that act as a client).
pub fn encode_startup_message(out: &mut Vec<u8>, protocol_version: u32, params: &[(&str, &str)]) {
    let start = out.len();
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&protocol_version.to_be_bytes());
    for (k, v) in params {
        out.extend_from_slice(k.as_bytes());
        out.push(0);
        out.extend_from_slice(v.as_bytes());
        out.push(0);
    }
    out.push(0);
    let len = (out.len() - start) as u32;
    out[start..start + 4].copy_from_slice(&len.to_be_bytes());
}

/// Appends a fixed-size request packet (SSLRequest, GSSENCRequest, CancelRequest).
pub fn encode_request_packet(out: &mut Vec<u8>, code: u32, extra: &[i32]) {
    let len = 8 + 4 * extra.len() as u32;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&code.to_be_bytes());
    for x in extra {
        out.extend_from_slice(&x.to_be_bytes());
    }
}
