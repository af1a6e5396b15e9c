//! Frontend (client → server) messages after startup: framing and decoding.
//! PostgreSQL's `SocketBackend` (postgres.c), `pq_getmessage` (pqcomm.c) and
//! the per-message readers in postgres.c / fastpath.c / auth.c.
//!
//! Errors come in two kinds, and the API keeps them apart:
//! - framing errors end the connection. An unknown type byte is FATAL 08P01
//!   `invalid frontend message type N`, sent to the client. A bad length
//!   word is PostgreSQL's COMMERROR: severity LOG, logged only, then the
//!   connection closes (PostgreSQL 15 sends nothing; checked on a live server).
//! - content errors (`invalid string in message`, `invalid message format`,
//!   ...) are ERRORs: the message was consumed, the session goes on (in the
//!   extended protocol, skipping to the next Sync).

use crate::pqformat::{MsgReader, MsgWriter};
use pg_error::{PgError, PgResult, Severity, SqlState};

/// PostgreSQL's `PQ_LARGE_MESSAGE_LIMIT`: `MaxAllocSize - 1` (1 GB - 2).
pub const PQ_LARGE_MESSAGE_LIMIT: usize = 0x3fff_ffff - 1;
/// PostgreSQL's `PQ_SMALL_MESSAGE_LIMIT`, for messages that carry no data.
pub const PQ_SMALL_MESSAGE_LIMIT: usize = 10000;
/// `PG_MAX_AUTH_TOKEN_LENGTH`: the limit for PasswordMessage and SASL responses.
pub const PG_MAX_AUTH_TOKEN_LENGTH: usize = 65535;

/// Which message types are valid: PostgreSQL reads with different rules in
/// the main loop, during authentication and during COPY FROM STDIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadContext {
    /// The backend main loop (`SocketBackend`).
    Normal,
    /// Waiting for a `'p'` message during authentication.
    Auth,
    /// COPY FROM STDIN (`CopyGetData`): d, c, f, H, S.
    CopyIn,
}

/// A Bind message's fields, read in full (`decode_bind`) or written by a
/// client (`Bind::to_body`). The backend reads a Bind with `BindReader`
/// instead, field by field, in PostgreSQL's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// Destination portal ("" = unnamed).
    pub portal: String,
    /// Source prepared statement ("" = unnamed).
    pub statement: String,
    /// Parameter format codes: none (all text), one (applies to all) or one per parameter.
    pub param_formats: Vec<i16>,
    /// Parameter values; `None` is SQL NULL (length -1).
    pub params: Vec<Option<Vec<u8>>>,
    /// Result column format codes, same convention.
    pub result_formats: Vec<i16>,
}

/// A FunctionCall message's fields (fast-path interface), read in full
/// (`decode_function_call`) or written by a client. The backend reads it
/// with `FunctionCallReader`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionCall {
    /// The function's OID.
    pub function_oid: u32,
    /// Argument format codes.
    pub arg_formats: Vec<i16>,
    /// Arguments; `None` is NULL.
    pub args: Vec<Option<Vec<u8>>>,
    /// Result format code.
    pub result_format: i16,
}

/// The target of Describe and Close: `'S'` statement or `'P'` portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// `'S'`.
    Statement,
    /// `'P'`.
    Portal,
}

/// A frontend message, owned (the backend's read buffer is reused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontendMessage {
    /// `'Q'`: simple query.
    Query(String),
    /// `'P'`: Parse.
    Parse {
        /// Prepared statement name ("" = unnamed).
        statement: String,
        /// Query text.
        query: String,
        /// Parameter type OIDs (0 = unspecified).
        param_types: Vec<u32>,
    },
    /// `'B'`: Bind, its body as sent. PostgreSQL reads a Bind's fields
    /// while it acts on them (the statement is looked up before the format
    /// codes are read, each parameter is converted before the next one is
    /// read), so which error a malformed Bind gets depends on the session:
    /// the backend reads the body with `BindReader`, in that order.
    Bind(Vec<u8>),
    /// `'D'`: Describe.
    Describe {
        /// Statement or portal.
        kind: TargetKind,
        /// Its name.
        name: String,
    },
    /// `'E'`: Execute.
    Execute {
        /// Portal name.
        portal: String,
        /// Row limit; 0 (or negative) = no limit.
        max_rows: i32,
    },
    /// `'S'`: Sync.
    Sync,
    /// `'H'`: Flush.
    Flush,
    /// `'C'`: Close.
    Close {
        /// Statement or portal.
        kind: TargetKind,
        /// Its name.
        name: String,
    },
    /// `'X'`: Terminate.
    Terminate,
    /// `'d'`: CopyData.
    CopyData(Vec<u8>),
    /// `'c'`: CopyDone.
    CopyDone,
    /// `'f'`: CopyFail, its body as sent (the client's reason as a string).
    /// Outside COPY PostgreSQL ignores it without reading it.
    CopyFail(Vec<u8>),
    /// `'F'`: FunctionCall, its body as sent; read with
    /// `FunctionCallReader`, for the same reason as Bind.
    FunctionCall(Vec<u8>),
    /// `'p'`: a PasswordMessage / SASLInitialResponse / SASLResponse; which
    /// one depends on the authentication exchange, so the body is kept raw:
    /// decode it with `decode_password_message` and friends.
    PasswordMessage(Vec<u8>),
}

/// One framed message: its type byte and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMessage<'a> {
    /// The type byte.
    pub msg_type: u8,
    /// The body (after the length word).
    pub body: &'a [u8],
}

/// The length limit PostgreSQL applies to a message type in a context, or
/// the error for a type that is not accepted there.
pub fn message_length_limit(msg_type: u8, ctx: ReadContext) -> PgResult<usize> {
    match ctx {
        ReadContext::Normal => match msg_type {
            b'Q' | b'F' | b'B' | b'P' | b'd' => Ok(PQ_LARGE_MESSAGE_LIMIT),
            b'X' | b'C' | b'D' | b'E' | b'H' | b'S' | b'c' | b'f' => Ok(PQ_SMALL_MESSAGE_LIMIT),
            _ => Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, format!("invalid frontend message type {msg_type}"))),
        },
        ReadContext::Auth => match msg_type {
            b'p' => Ok(PG_MAX_AUTH_TOKEN_LENGTH),
            // auth.c raises ERROR, which is FATAL before the main loop runs.
            _ => Err(PgError::fatal(
                SqlState::PROTOCOL_VIOLATION,
                format!("expected password response, got message type {msg_type}"),
            )),
        },
        ReadContext::CopyIn => match msg_type {
            b'd' | b'c' | b'f' | b'H' | b'S' => Ok(PQ_LARGE_MESSAGE_LIMIT),
            _ => Err(PgError::new(
                SqlState::PROTOCOL_VIOLATION,
                format!("unexpected message type 0x{msg_type:02X} during COPY from stdin"),
            )),
        },
    }
}

/// Frames one message: type byte, int32 length (counting itself), body.
/// `Ok(None)` = need more bytes. The type and the length are checked as soon
/// as they arrive, so a 1 GB length is refused before any body byte is
/// awaited or allocated. `max_len` caps the per-type limit further.
pub fn decode_frame(buf: &[u8], ctx: ReadContext, max_len: usize) -> PgResult<Option<(RawMessage<'_>, usize)>> {
    let Some(&msg_type) = buf.first() else {
        return Ok(None);
    };
    let limit = message_length_limit(msg_type, ctx)?.min(max_len);
    if buf.len() < 5 {
        return Ok(None);
    }
    let len = u32::from_be_bytes([buf[1], buf[2], buf[3], buf[4]]) as usize;
    if len < 4 || len > limit {
        return Err(PgError::notice(Severity::Log, SqlState::PROTOCOL_VIOLATION, "invalid message length"));
    }
    let total = 1 + len;
    if buf.len() < total {
        return Ok(None);
    }
    Ok(Some((RawMessage { msg_type, body: &buf[5..total] }, total)))
}

/// Decodes one message in the main loop (`ReadContext::Normal`) or during
/// COPY FROM STDIN. The outer error ends the connection (see the module
/// doc); the inner one is an ERROR for a message that was consumed.
pub fn decode_message(
    buf: &[u8],
    ctx: ReadContext,
    max_len: usize,
) -> PgResult<Option<(PgResult<FrontendMessage>, usize)>> {
    Ok(decode_frame(buf, ctx, max_len)?.map(|(raw, used)| (parse_message(raw), used)))
}

fn formats(r: &mut MsgReader<'_>) -> PgResult<Vec<i16>> {
    let n = r.get_u16()?;
    (0..n).map(|_| r.get_i16()).collect()
}

fn target_kind(b: u8, what: &str) -> PgResult<TargetKind> {
    match b {
        b'S' => Ok(TargetKind::Statement),
        b'P' => Ok(TargetKind::Portal),
        _ => Err(PgError::new(SqlState::PROTOCOL_VIOLATION, format!("invalid {what} message subtype {b}"))),
    }
}

/// Decodes the body of a framed message, in PostgreSQL's reading order so
/// the first error reported is the one PostgreSQL reports.
pub fn parse_message(raw: RawMessage<'_>) -> PgResult<FrontendMessage> {
    let mut r = MsgReader::new(raw.body);
    let msg = match raw.msg_type {
        b'Q' => {
            let q = r.get_string()?;
            r.end()?;
            FrontendMessage::Query(q)
        }
        b'P' => {
            let statement = r.get_string()?;
            let query = r.get_string()?;
            let n = r.get_u16()?;
            let param_types = (0..n).map(|_| r.get_i32().map(|t| t as u32)).collect::<PgResult<_>>()?;
            r.end()?;
            FrontendMessage::Parse { statement, query, param_types }
        }
        b'B' => FrontendMessage::Bind(r.rest().to_vec()),
        b'D' | b'C' => {
            let sub = r.get_byte()?;
            let name = r.get_string()?;
            r.end()?;
            if raw.msg_type == b'D' {
                FrontendMessage::Describe { kind: target_kind(sub, "DESCRIBE")?, name }
            } else {
                FrontendMessage::Close { kind: target_kind(sub, "CLOSE")?, name }
            }
        }
        b'E' => {
            let portal = r.get_string()?;
            let max_rows = r.get_i32()?;
            r.end()?;
            FrontendMessage::Execute { portal, max_rows }
        }
        b'S' => {
            r.end()?;
            FrontendMessage::Sync
        }
        b'H' => {
            r.end()?;
            FrontendMessage::Flush
        }
        // PostgreSQL exits on Terminate without looking at the body.
        b'X' => FrontendMessage::Terminate,
        b'd' => FrontendMessage::CopyData(r.rest().to_vec()),
        // CopyDone's body is not inspected either.
        b'c' => FrontendMessage::CopyDone,
        b'f' => FrontendMessage::CopyFail(r.rest().to_vec()),
        b'F' => FrontendMessage::FunctionCall(r.rest().to_vec()),
        b'p' => FrontendMessage::PasswordMessage(r.rest().to_vec()),
        t => return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, format!("invalid frontend message type {t}"))),
    };
    Ok(msg)
}

/// A SASLInitialResponse body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaslInitialResponse {
    /// The selected mechanism, e.g. `SCRAM-SHA-256`.
    pub mechanism: String,
    /// The initial client response; `None` when the length was -1.
    pub data: Option<Vec<u8>>,
}

/// Decodes a PasswordMessage body for the `password`/`md5` methods
/// (`recv_password_packet`): one string, nothing after it. An empty password
/// is PostgreSQL's `empty password returned by client` (28P01, FATAL).
pub fn decode_password_message(body: &[u8]) -> PgResult<String> {
    // recv_password_packet insists the string fills the packet exactly.
    let Some(nul) = body.iter().position(|&b| b == 0) else {
        return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid password packet size"));
    };
    if nul + 1 != body.len() {
        return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid password packet size"));
    }
    let pw = &body[..nul];
    if pw.is_empty() {
        return Err(PgError::fatal(SqlState::INVALID_PASSWORD, "empty password returned by client"));
    }
    Ok(String::from_utf8_lossy(pw).into_owned())
}

/// Decodes a SASLInitialResponse body (`CheckSASLAuth`, first message).
/// Errors are FATAL: authentication has no error recovery.
pub fn decode_sasl_initial_response(body: &[u8]) -> PgResult<SaslInitialResponse> {
    let fatal = |e: PgError| e.with_severity(Severity::Fatal);
    let mut r = MsgReader::new(body);
    let mechanism = String::from_utf8_lossy(r.get_raw_string().map_err(fatal)?).into_owned();
    let len = r.get_i32().map_err(fatal)?;
    let data = if len == -1 {
        None
    } else {
        let n = usize::try_from(len)
            .map_err(|_| PgError::fatal(SqlState::PROTOCOL_VIOLATION, "insufficient data left in message"))?;
        Some(r.get_bytes(n).map_err(fatal)?.to_vec())
    };
    r.end().map_err(fatal)?;
    Ok(SaslInitialResponse { mechanism, data })
}

/// Decodes a SASLResponse body: the whole body is the SASL payload.
pub fn decode_sasl_response(body: &[u8]) -> Vec<u8> {
    body.to_vec()
}

/// Appends a frontend message in wire format. Used by tests and by tools
/// that act as a client; the server never sends these.
pub fn encode_frontend_message(out: &mut Vec<u8>, msg: &FrontendMessage) {
    let kind_byte = |k: &TargetKind| if *k == TargetKind::Statement { b'S' } else { b'P' };
    match msg {
        FrontendMessage::Query(q) => MsgWriter::begin(out, b'Q').string(q.as_bytes()).finish(),
        FrontendMessage::Parse { statement, query, param_types } => {
            let mut w = MsgWriter::begin(out, b'P');
            w.string(statement.as_bytes()).string(query.as_bytes()).i16(param_types.len() as i16);
            for t in param_types {
                w.i32(*t as i32);
            }
            w.finish()
        }
        FrontendMessage::Bind(body) => MsgWriter::begin(out, b'B').bytes(body).finish(),
        FrontendMessage::Describe { kind, name } => {
            MsgWriter::begin(out, b'D').byte(kind_byte(kind)).string(name.as_bytes()).finish()
        }
        FrontendMessage::Close { kind, name } => {
            MsgWriter::begin(out, b'C').byte(kind_byte(kind)).string(name.as_bytes()).finish()
        }
        FrontendMessage::Execute { portal, max_rows } => {
            MsgWriter::begin(out, b'E').string(portal.as_bytes()).i32(*max_rows).finish()
        }
        FrontendMessage::Sync => MsgWriter::begin(out, b'S').finish(),
        FrontendMessage::Flush => MsgWriter::begin(out, b'H').finish(),
        FrontendMessage::Terminate => MsgWriter::begin(out, b'X').finish(),
        FrontendMessage::CopyData(d) => MsgWriter::begin(out, b'd').bytes(d).finish(),
        FrontendMessage::CopyDone => MsgWriter::begin(out, b'c').finish(),
        FrontendMessage::CopyFail(body) => MsgWriter::begin(out, b'f').bytes(body).finish(),
        FrontendMessage::FunctionCall(body) => MsgWriter::begin(out, b'F').bytes(body).finish(),
        FrontendMessage::PasswordMessage(b) => MsgWriter::begin(out, b'p').bytes(b).finish(),
    }
}

fn put_nullable(w: &mut MsgWriter<'_>, v: &Option<Vec<u8>>) {
    match v {
        None => {
            w.i32(-1);
        }
        Some(b) => {
            w.i32(b.len() as i32).bytes(b);
        }
    }
}

impl Bind {
    /// The message body a client sends for these fields.
    pub fn to_body(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = MsgWriter::raw(&mut out);
        w.string(self.portal.as_bytes()).string(self.statement.as_bytes()).i16(self.param_formats.len() as i16);
        for f in &self.param_formats {
            w.i16(*f);
        }
        w.i16(self.params.len() as i16);
        for p in &self.params {
            put_nullable(&mut w, p);
        }
        w.i16(self.result_formats.len() as i16);
        for f in &self.result_formats {
            w.i16(*f);
        }
        out
    }
}

impl FunctionCall {
    /// The message body a client sends for these fields.
    pub fn to_body(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = MsgWriter::raw(&mut out);
        w.i32(self.function_oid as i32).i16(self.arg_formats.len() as i16);
        for a in &self.arg_formats {
            w.i16(*a);
        }
        w.i16(self.args.len() as i16);
        for a in &self.args {
            put_nullable(&mut w, a);
        }
        w.i16(self.result_format);
        out
    }
}

/// Reads a Bind body in the order of PostgreSQL's `exec_bind_message`,
/// which acts on each field before it reads the next: the caller looks the
/// statement up after `names`, checks the parameter count after
/// `param_formats`, converts each value after `param`, and so on. Each
/// step's error is the one PostgreSQL reports at that point.
#[derive(Debug, Clone)]
pub struct BindReader<'a> {
    r: MsgReader<'a>,
}

impl<'a> BindReader<'a> {
    /// Starts at the beginning of a Bind body.
    pub fn new(body: &'a [u8]) -> BindReader<'a> {
        BindReader { r: MsgReader::new(body) }
    }

    /// The destination portal's name, then the source statement's.
    pub fn names(&mut self) -> PgResult<(String, String)> {
        let portal = self.r.get_string()?;
        let statement = self.r.get_string()?;
        Ok((portal, statement))
    }

    /// The parameter format codes and the number of parameter values, which
    /// must agree when there is more than one format code.
    pub fn param_formats(&mut self) -> PgResult<(Vec<i16>, usize)> {
        let param_formats = formats(&mut self.r)?;
        let n = usize::from(self.r.get_u16()?);
        if param_formats.len() > 1 && param_formats.len() != n {
            return Err(PgError::new(
                SqlState::PROTOCOL_VIOLATION,
                format!("bind message has {} parameter formats but {} parameters", param_formats.len(), n),
            ));
        }
        Ok((param_formats, n))
    }

    /// The next parameter value; `None` is NULL (length -1). Any other
    /// negative length fails as PostgreSQL's `pq_getmsgbytes` fails.
    pub fn param(&mut self) -> PgResult<Option<&'a [u8]>> {
        let len = self.r.get_i32()?;
        if len == -1 {
            return Ok(None);
        }
        let n = usize::try_from(len)
            .map_err(|_| PgError::new(SqlState::PROTOCOL_VIOLATION, "insufficient data left in message"))?;
        Ok(Some(self.r.get_bytes(n)?))
    }

    /// The result column format codes.
    pub fn result_formats(&mut self) -> PgResult<Vec<i16>> {
        formats(&mut self.r)
    }

    /// `pq_getmsgend`: nothing may follow the result format codes.
    pub fn end(&self) -> PgResult<()> {
        self.r.end()
    }
}

/// Reads a whole Bind body, stopping at the first malformed field (tests
/// and client tools; the backend interleaves its own checks with `BindReader`).
pub fn decode_bind(body: &[u8]) -> PgResult<Bind> {
    let mut r = BindReader::new(body);
    let (portal, statement) = r.names()?;
    let (param_formats, n) = r.param_formats()?;
    let params = (0..n).map(|_| Ok(r.param()?.map(<[u8]>::to_vec))).collect::<PgResult<_>>()?;
    let result_formats = r.result_formats()?;
    r.end()?;
    Ok(Bind { portal, statement, param_formats, params, result_formats })
}

/// Reads a FunctionCall body in the order of PostgreSQL's
/// `HandleFunctionRequest` and `parse_fcall_arguments`: the function is
/// looked up after `function_oid`, the argument count is checked against
/// it after `arg_formats`, each argument is converted after `arg`.
#[derive(Debug, Clone)]
pub struct FunctionCallReader<'a> {
    r: MsgReader<'a>,
}

impl<'a> FunctionCallReader<'a> {
    /// Starts at the beginning of a FunctionCall body.
    pub fn new(body: &'a [u8]) -> FunctionCallReader<'a> {
        FunctionCallReader { r: MsgReader::new(body) }
    }

    /// The function's OID.
    pub fn function_oid(&mut self) -> PgResult<u32> {
        Ok(self.r.get_i32()? as u32)
    }

    /// The argument format codes and the number of arguments. PostgreSQL
    /// checks the count against the function first, then the formats
    /// against the count (`check_arg_formats`).
    pub fn arg_formats(&mut self) -> PgResult<(Vec<i16>, usize)> {
        let arg_formats = formats(&mut self.r)?;
        let n = usize::from(self.r.get_u16()?);
        Ok((arg_formats, n))
    }

    /// The next argument; `None` is NULL (size -1).
    pub fn arg(&mut self) -> PgResult<Option<&'a [u8]>> {
        let size = self.r.get_i32()?;
        if size == -1 {
            return Ok(None);
        }
        if size < 0 {
            return Err(PgError::new(
                SqlState::PROTOCOL_VIOLATION,
                format!("invalid argument size {size} in function call message"),
            ));
        }
        Ok(Some(self.r.get_bytes(size as usize)?))
    }

    /// The result format code.
    pub fn result_format(&mut self) -> PgResult<i16> {
        self.r.get_i16()
    }

    /// `pq_getmsgend`: nothing may follow the result format code.
    pub fn end(&self) -> PgResult<()> {
        self.r.end()
    }
}

/// `parse_fcall_arguments`' check that several argument format codes name
/// one per argument.
pub fn check_arg_formats(nformats: usize, nargs: usize) -> PgResult<()> {
    if nformats > 1 && nformats != nargs {
        return Err(PgError::new(
            SqlState::PROTOCOL_VIOLATION,
            format!("function call message contains {nformats} argument formats but {nargs} arguments"),
        ));
    }
    Ok(())
}

/// Reads a whole FunctionCall body (tests and client tools).
pub fn decode_function_call(body: &[u8]) -> PgResult<FunctionCall> {
    let mut r = FunctionCallReader::new(body);
    let function_oid = r.function_oid()?;
    let (arg_formats, n) = r.arg_formats()?;
    check_arg_formats(arg_formats.len(), n)?;
    let args = (0..n).map(|_| Ok(r.arg()?.map(<[u8]>::to_vec))).collect::<PgResult<_>>()?;
    let result_format = r.result_format()?;
    r.end()?;
    Ok(FunctionCall { function_oid, arg_formats, args, result_format })
}
