//! Backend (server → client) message encoders, appending to a `Vec<u8>`.
//! PostgreSQL's `pq_beginmessage`/`pq_endmessage` callers: auth.c
//! (`sendAuthRequest`), elog.c (`send_message_to_frontend`), printtup.c,
//! dest.c, postmaster.c (`SendNegotiateProtocolVersion`).

use crate::pqformat::MsgWriter;
use pg_error::PgError;

/// `AUTH_REQ_OK`.
pub const AUTH_REQ_OK: i32 = 0;
/// `AUTH_REQ_PASSWORD`: cleartext password.
pub const AUTH_REQ_PASSWORD: i32 = 3;
/// `AUTH_REQ_MD5`.
pub const AUTH_REQ_MD5: i32 = 5;
/// `AUTH_REQ_SASL`.
pub const AUTH_REQ_SASL: i32 = 10;
/// `AUTH_REQ_SASL_CONT`.
pub const AUTH_REQ_SASL_CONT: i32 = 11;
/// `AUTH_REQ_SASL_FIN`.
pub const AUTH_REQ_SASL_FIN: i32 = 12;

/// An authentication request (`'R'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthRequest<'a> {
    /// AuthenticationOk.
    Ok,
    /// AuthenticationCleartextPassword.
    CleartextPassword,
    /// AuthenticationMD5Password with its 4-byte salt.
    Md5Password([u8; 4]),
    /// AuthenticationSASL: the mechanisms offered, e.g. `["SCRAM-SHA-256"]`.
    Sasl(&'a [&'a str]),
    /// AuthenticationSASLContinue with the server-first message.
    SaslContinue(&'a [u8]),
    /// AuthenticationSASLFinal with the server-final message.
    SaslFinal(&'a [u8]),
}

/// Appends an AuthenticationXXX message.
pub fn encode_auth_request(out: &mut Vec<u8>, req: &AuthRequest<'_>) {
    let mut w = MsgWriter::begin(out, b'R');
    match req {
        AuthRequest::Ok => {
            w.i32(AUTH_REQ_OK);
        }
        AuthRequest::CleartextPassword => {
            w.i32(AUTH_REQ_PASSWORD);
        }
        AuthRequest::Md5Password(salt) => {
            w.i32(AUTH_REQ_MD5).bytes(salt);
        }
        AuthRequest::Sasl(mechs) => {
            w.i32(AUTH_REQ_SASL);
            for m in mechs.iter() {
                w.string(m.as_bytes());
            }
            w.byte(0);
        }
        AuthRequest::SaslContinue(data) => {
            w.i32(AUTH_REQ_SASL_CONT).bytes(data);
        }
        AuthRequest::SaslFinal(data) => {
            w.i32(AUTH_REQ_SASL_FIN).bytes(data);
        }
    }
    w.finish();
}

/// Appends ParameterStatus (`'S'`).
pub fn encode_parameter_status(out: &mut Vec<u8>, name: &str, value: &str) {
    MsgWriter::begin(out, b'S').string(name.as_bytes()).string(value.as_bytes()).finish();
}

/// Appends BackendKeyData (`'K'`).
pub fn encode_backend_key_data(out: &mut Vec<u8>, process_id: i32, secret_key: i32) {
    MsgWriter::begin(out, b'K').i32(process_id).i32(secret_key).finish();
}

/// Transaction status reported by ReadyForQuery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionStatus {
    /// `'I'`: not in a transaction block.
    Idle,
    /// `'T'`: in a transaction block.
    InBlock,
    /// `'E'`: in a failed transaction block.
    Failed,
}

/// Appends ReadyForQuery (`'Z'`).
pub fn encode_ready_for_query(out: &mut Vec<u8>, status: TransactionStatus) {
    let b = match status {
        TransactionStatus::Idle => b'I',
        TransactionStatus::InBlock => b'T',
        TransactionStatus::Failed => b'E',
    };
    MsgWriter::begin(out, b'Z').byte(b).finish();
}

/// One RowDescription field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDescription<'a> {
    /// Column name.
    pub name: &'a str,
    /// Source table OID, or 0.
    pub table_oid: u32,
    /// Source column number, or 0.
    pub column_attnum: i16,
    /// Data type OID.
    pub type_oid: u32,
    /// `typlen` (-1 varlena, -2 cstring).
    pub type_len: i16,
    /// Type modifier (-1 = none).
    pub type_modifier: i32,
    /// 0 text, 1 binary.
    pub format: i16,
}

/// Appends RowDescription (`'T'`).
pub fn encode_row_description(out: &mut Vec<u8>, fields: &[FieldDescription<'_>]) {
    let mut w = MsgWriter::begin(out, b'T');
    w.i16(fields.len() as i16);
    for f in fields {
        w.string(f.name.as_bytes())
            .i32(f.table_oid as i32)
            .i16(f.column_attnum)
            .i32(f.type_oid as i32)
            .i16(f.type_len)
            .i32(f.type_modifier)
            .i16(f.format);
    }
    w.finish();
}

/// Appends DataRow (`'D'`); `None` is NULL (length -1).
pub fn encode_data_row(out: &mut Vec<u8>, columns: &[Option<&[u8]>]) {
    let mut w = MsgWriter::begin(out, b'D');
    w.i16(columns.len() as i16);
    for c in columns {
        match c {
            None => {
                w.i32(-1);
            }
            Some(v) => {
                w.i32(v.len() as i32).bytes(v);
            }
        }
    }
    w.finish();
}

/// Appends CommandComplete (`'C'`) with a tag such as `SELECT 1`.
pub fn encode_command_complete(out: &mut Vec<u8>, tag: &str) {
    MsgWriter::begin(out, b'C').string(tag.as_bytes()).finish();
}

/// Appends EmptyQueryResponse (`'I'`).
pub fn encode_empty_query_response(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'I').finish();
}

/// Where an error was raised: the optional `F`, `L`, `R` fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ErrorLocation<'a> {
    /// Source file name (`F`).
    pub file: Option<&'a str>,
    /// Source line (`L`).
    pub line: Option<u32>,
    /// Routine name (`R`).
    pub routine: Option<&'a str>,
}

fn encode_error_fields(out: &mut Vec<u8>, msg_type: u8, e: &PgError, loc: &ErrorLocation<'_>) {
    let mut w = MsgWriter::begin(out, msg_type);
    // As elog.c does: the (possibly localised) S and the never-localised V.
    let sev = e.severity.as_str().as_bytes();
    w.byte(b'S').string(sev);
    w.byte(b'V').string(sev);
    w.byte(b'C').string(e.code.code().as_bytes());
    w.byte(b'M').string(e.message.as_bytes());
    if let Some(d) = &e.detail {
        w.byte(b'D').string(d.as_bytes());
    }
    if let Some(h) = &e.hint {
        w.byte(b'H').string(h.as_bytes());
    }
    if let Some(p) = e.position {
        w.byte(b'P').string(p.to_string().as_bytes());
    }
    if let Some(c) = &e.context {
        w.byte(b'W').string(c.as_bytes());
    }
    if let Some(f) = loc.file {
        w.byte(b'F').string(f.as_bytes());
    }
    if let Some(l) = loc.line {
        w.byte(b'L').string(l.to_string().as_bytes());
    }
    if let Some(r) = loc.routine {
        w.byte(b'R').string(r.as_bytes());
    }
    w.byte(0);
    w.finish();
}

/// Appends ErrorResponse (`'E'`): fields S, V, C, M, then D, H, P when set.
pub fn encode_error_response(out: &mut Vec<u8>, e: &PgError) {
    encode_error_fields(out, b'E', e, &ErrorLocation::default());
}

/// Appends ErrorResponse with the F/L/R location fields.
pub fn encode_error_response_at(out: &mut Vec<u8>, e: &PgError, loc: &ErrorLocation<'_>) {
    encode_error_fields(out, b'E', e, loc);
}

/// Appends NoticeResponse (`'N'`): same fields as ErrorResponse.
pub fn encode_notice_response(out: &mut Vec<u8>, e: &PgError) {
    encode_error_fields(out, b'N', e, &ErrorLocation::default());
}

/// Appends NoticeResponse with the F/L/R location fields.
pub fn encode_notice_response_at(out: &mut Vec<u8>, e: &PgError, loc: &ErrorLocation<'_>) {
    encode_error_fields(out, b'N', e, loc);
}

/// Appends ParseComplete (`'1'`).
pub fn encode_parse_complete(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'1').finish();
}

/// Appends BindComplete (`'2'`).
pub fn encode_bind_complete(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'2').finish();
}

/// Appends CloseComplete (`'3'`).
pub fn encode_close_complete(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'3').finish();
}

/// Appends NoData (`'n'`).
pub fn encode_no_data(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'n').finish();
}

/// Appends ParameterDescription (`'t'`) with the parameter type OIDs.
pub fn encode_parameter_description(out: &mut Vec<u8>, param_types: &[u32]) {
    let mut w = MsgWriter::begin(out, b't');
    w.i16(param_types.len() as i16);
    for t in param_types {
        w.i32(*t as i32);
    }
    w.finish();
}

/// Appends PortalSuspended (`'s'`).
pub fn encode_portal_suspended(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b's').finish();
}

/// Appends NegotiateProtocolVersion (`'v'`). PostgreSQL sends its whole
/// latest version (196608 for 3.0) in the first field, then the names of
/// the `_pq_.` options it did not recognise.
pub fn encode_negotiate_protocol_version(out: &mut Vec<u8>, newest_version: u32, unrecognized: &[String]) {
    let mut w = MsgWriter::begin(out, b'v');
    w.i32(newest_version as i32).i32(unrecognized.len() as i32);
    for o in unrecognized {
        w.string(o.as_bytes());
    }
    w.finish();
}

fn encode_copy_response(out: &mut Vec<u8>, msg_type: u8, binary: bool, column_formats: &[i16]) {
    let mut w = MsgWriter::begin(out, msg_type);
    w.byte(u8::from(binary)).i16(column_formats.len() as i16);
    for f in column_formats {
        w.i16(*f);
    }
    w.finish();
}

/// Appends CopyInResponse (`'G'`): overall format, then one format per column.
pub fn encode_copy_in_response(out: &mut Vec<u8>, binary: bool, column_formats: &[i16]) {
    encode_copy_response(out, b'G', binary, column_formats);
}

/// Appends CopyOutResponse (`'H'`).
pub fn encode_copy_out_response(out: &mut Vec<u8>, binary: bool, column_formats: &[i16]) {
    encode_copy_response(out, b'H', binary, column_formats);
}

/// Appends CopyData (`'d'`).
pub fn encode_copy_data(out: &mut Vec<u8>, data: &[u8]) {
    MsgWriter::begin(out, b'd').bytes(data).finish();
}

/// Appends CopyDone (`'c'`).
pub fn encode_copy_done(out: &mut Vec<u8>) {
    MsgWriter::begin(out, b'c').finish();
}
