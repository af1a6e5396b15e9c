//! Message-body readers and writers: PostgreSQL's `pqformat.c`, with its error wording.
//!
//! A `MsgReader` walks one message body (the bytes after the type byte and the
//! length word). Every failure is an ERROR with SQLSTATE 08P01, worded as
//! `pq_getmsgbyte`, `pq_copymsgbytes`, `pq_getmsgstring` and `pq_getmsgend`
//! word theirs, so clients see exactly what PostgreSQL would send.

use pg_error::{PgError, PgResult, SqlState};

/// A cursor over one message body (PostgreSQL's `StringInfo` + `cursor`).
#[derive(Debug, Clone)]
pub struct MsgReader<'a> {
    data: &'a [u8],
    cursor: usize,
}

fn protocol_error(message: &str) -> PgError {
    PgError::new(SqlState::PROTOCOL_VIOLATION, message)
}

impl<'a> MsgReader<'a> {
    /// Starts reading at the beginning of `data`.
    pub fn new(data: &'a [u8]) -> MsgReader<'a> {
        MsgReader { data, cursor: 0 }
    }

    /// Bytes not yet consumed.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.cursor
    }

    /// `pq_getmsgbyte`: one byte, or `no data left in message`.
    pub fn get_byte(&mut self) -> PgResult<u8> {
        let b = *self.data.get(self.cursor).ok_or_else(|| protocol_error("no data left in message"))?;
        self.cursor += 1;
        Ok(b)
    }

    /// `pq_getmsgbytes`/`pq_copymsgbytes`: `n` raw bytes, or `insufficient data left in message`.
    pub fn get_bytes(&mut self, n: usize) -> PgResult<&'a [u8]> {
        if n > self.remaining() {
            return Err(protocol_error("insufficient data left in message"));
        }
        let out = &self.data[self.cursor..self.cursor + n];
        self.cursor += n;
        Ok(out)
    }

    /// `pq_getmsgint(msg, 2)` as a signed value (format codes).
    pub fn get_i16(&mut self) -> PgResult<i16> {
        let b = self.get_bytes(2)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }

    /// `pq_getmsgint(msg, 2)` as PostgreSQL reads counts: unsigned 0..=65535.
    pub fn get_u16(&mut self) -> PgResult<u16> {
        let b = self.get_bytes(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// `pq_getmsgint(msg, 4)`.
    pub fn get_i32(&mut self) -> PgResult<i32> {
        let b = self.get_bytes(4)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `pq_getmsgrawstring`: a NUL-terminated string without encoding checks.
    /// A string that runs to the end of the body is `invalid string in message`.
    pub fn get_raw_string(&mut self) -> PgResult<&'a [u8]> {
        let rest = &self.data[self.cursor..];
        let Some(nul) = rest.iter().position(|&b| b == 0) else {
            return Err(protocol_error("invalid string in message"));
        };
        self.cursor += nul + 1;
        Ok(&rest[..nul])
    }

    /// `pq_getmsgstring`: a NUL-terminated string converted to the server
    /// encoding. Client and server encoding are both UTF8 here, so the
    /// conversion is PostgreSQL's validation step (`pg_verify_mbstr`).
    pub fn get_string(&mut self) -> PgResult<String> {
        let raw = self.get_raw_string()?;
        utf8_string(raw)
    }

    /// `pq_getmsgend`: the body must be fully consumed.
    pub fn end(&self) -> PgResult<()> {
        if self.cursor != self.data.len() {
            return Err(protocol_error("invalid message format"));
        }
        Ok(())
    }

    /// The rest of the body, consumed.
    pub fn rest(&mut self) -> &'a [u8] {
        let out = &self.data[self.cursor..];
        self.cursor = self.data.len();
        out
    }
}

/// Validates UTF-8 and reports a bad sequence as PostgreSQL's
/// `report_invalid_encoding` does: SQLSTATE 22021, the offending character's
/// bytes (as many as its lead byte announces, at most what is left) in hex.
pub fn utf8_string(raw: &[u8]) -> PgResult<String> {
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let bad = &raw[e.valid_up_to()..];
            let lead = bad[0];
            let announced = if lead & 0x80 == 0 {
                1
            } else if lead & 0xe0 == 0xc0 {
                2
            } else if lead & 0xf0 == 0xe0 {
                3
            } else if lead & 0xf8 == 0xf0 {
                4
            } else {
                1
            };
            let shown: Vec<String> = bad.iter().take(announced).map(|b| format!("0x{b:02x}")).collect();
            Err(PgError::new(
                SqlState::CHARACTER_NOT_IN_REPERTOIRE,
                format!("invalid byte sequence for encoding \"UTF8\": {}", shown.join(" ")),
            ))
        }
    }
}

/// Builds one typed message: type byte, length word patched at `finish`.
/// PostgreSQL's `pq_beginmessage` / `pq_endmessage`.
pub struct MsgWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Where the length word is; None for a bare body (`raw`).
    start: Option<usize>,
}

impl<'a> MsgWriter<'a> {
    /// Appends the type byte and a placeholder length word.
    pub fn begin(out: &'a mut Vec<u8>, msg_type: u8) -> MsgWriter<'a> {
        out.push(msg_type);
        let start = out.len();
        out.extend_from_slice(&[0, 0, 0, 0]);
        MsgWriter { out, start: Some(start) }
    }

    /// Writes bare fields with no type byte or length word (a message body
    /// built on its own); `finish` then has nothing to patch.
    pub fn raw(out: &'a mut Vec<u8>) -> MsgWriter<'a> {
        MsgWriter { out, start: None }
    }

    /// `pq_sendbyte`.
    pub fn byte(&mut self, b: u8) -> &mut Self {
        self.out.push(b);
        self
    }

    /// `pq_sendint16`.
    pub fn i16(&mut self, v: i16) -> &mut Self {
        self.out.extend_from_slice(&v.to_be_bytes());
        self
    }

    /// `pq_sendint32`.
    pub fn i32(&mut self, v: i32) -> &mut Self {
        self.out.extend_from_slice(&v.to_be_bytes());
        self
    }

    /// `pq_sendbytes`.
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.out.extend_from_slice(b);
        self
    }

    /// `pq_sendstring`: the bytes and a terminating NUL. An embedded NUL would
    /// corrupt the message framing, so the string is cut at the first NUL.
    pub fn string(&mut self, s: &[u8]) -> &mut Self {
        let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
        self.out.extend_from_slice(&s[..end]);
        self.out.push(0);
        self
    }

    /// `pq_endmessage`: patches the length word (it counts itself, not the type byte).
    pub fn finish(&mut self) {
        let Some(start) = self.start else { return };
        let len = self.out.len() - start;
        let len = i32::try_from(len).expect("backend messages are far below 2 GB");
        self.out[start..start + 4].copy_from_slice(&len.to_be_bytes());
    }
}
