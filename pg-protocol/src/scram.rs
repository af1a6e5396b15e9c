//! SCRAM-SHA-256 (RFC 5802 / RFC 7677) as PostgreSQL's auth-scram.c runs it:
//! secret generation and parsing, the server side of the exchange, mock
//! authentication for roles without a secret, and cleartext verification.
//!
//! Errors during the exchange are ERRORs in PostgreSQL, raised before the
//! backend's main loop, so the client sees them as FATAL: they are returned
//! here as FATAL. A wrong password is not an error of this module:
//! `ScramStep::Failure` tells the caller to raise FATAL 28P01
//! `password authentication failed for user "x"`, for every method alike.

use crate::saslprep::saslprep_or_raw;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use pg_error::{PgError, PgResult, SqlState};
use sha2::{Digest, Sha256};

/// The only mechanism offered: without SSL there is no channel binding, so
/// `SCRAM-SHA-256-PLUS` is never advertised.
pub const SCRAM_SHA_256_NAME: &str = "SCRAM-SHA-256";
/// `SCRAM_SHA_256_DEFAULT_ITERATIONS`.
pub const SCRAM_DEFAULT_ITERATIONS: u32 = 4096;
/// `SCRAM_DEFAULT_SALT_LEN`.
pub const SCRAM_DEFAULT_SALT_LEN: usize = 16;
/// `SCRAM_RAW_NONCE_LEN`: random bytes in the server's nonce part.
pub const SCRAM_RAW_NONCE_LEN: usize = 18;
const SCRAM_KEY_LEN: usize = 32;

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; SCRAM_KEY_LEN] {
    let mut m = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

fn sha256(data: &[u8]) -> [u8; SCRAM_KEY_LEN] {
    Sha256::digest(data).into()
}

/// `scram_SaltedPassword`: PBKDF2-HMAC-SHA-256 of the SASLprep'ed password.
fn salted_password(password: &str, salt: &[u8], iterations: u32) -> [u8; SCRAM_KEY_LEN] {
    let prepared = saslprep_or_raw(password);
    let mut out = [0u8; SCRAM_KEY_LEN];
    pbkdf2::pbkdf2_hmac::<Sha256>(prepared.as_bytes(), salt, iterations, &mut out);
    out
}

/// A parsed `SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>` secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScramSecret {
    /// PBKDF2 iteration count.
    pub iterations: u32,
    /// The salt as stored (base64), sent to the client unchanged.
    pub salt_base64: String,
    /// H(ClientKey).
    pub stored_key: [u8; SCRAM_KEY_LEN],
    /// HMAC(SaltedPassword, "Server Key").
    pub server_key: [u8; SCRAM_KEY_LEN],
}

/// `scram_build_secret`: the secret PostgreSQL stores in `pg_authid.rolpassword`.
pub fn scram_build_secret(password: &str, salt: &[u8], iterations: u32) -> String {
    let salted = salted_password(password, salt, iterations);
    let client_key = hmac(&salted, &[b"Client Key"]);
    let stored_key = sha256(&client_key);
    let server_key = hmac(&salted, &[b"Server Key"]);
    format!("SCRAM-SHA-256${}:{}${}:{}", iterations, B64.encode(salt), B64.encode(stored_key), B64.encode(server_key))
}

/// `pg_be_scram_build_secret`: a secret with a fresh random 16-byte salt and
/// the default 4096 iterations.
pub fn scram_build_secret_random(password: &str) -> PgResult<String> {
    let mut salt = [0u8; SCRAM_DEFAULT_SALT_LEN];
    getrandom::getrandom(&mut salt).map_err(|e| PgError::internal(format!("could not generate random salt: {e}")))?;
    Ok(scram_build_secret(password, &salt, SCRAM_DEFAULT_ITERATIONS))
}

fn decode_key(s: &str) -> Option<[u8; SCRAM_KEY_LEN]> {
    B64.decode(s).ok()?.try_into().ok()
}

/// `parse_scram_secret`: `None` for anything that is not a well-formed
/// SCRAM-SHA-256 secret (other mechanisms, bad base64, wrong key lengths).
pub fn parse_scram_secret(secret: &str) -> Option<ScramSecret> {
    let mut parts = secret.split('$');
    let (mech, iter_salt, keys) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || mech != SCRAM_SHA_256_NAME {
        return None;
    }
    let (iter, salt_base64) = iter_salt.split_once(':')?;
    let (stored, server) = keys.split_once(':')?;
    let iterations: u32 = iter.parse().ok().filter(|&i| i > 0)?;
    B64.decode(salt_base64).ok()?;
    Some(ScramSecret {
        iterations,
        salt_base64: salt_base64.to_owned(),
        stored_key: decode_key(stored)?,
        server_key: decode_key(server)?,
    })
}

/// Whether a stored password is a SCRAM secret (`get_password_type`), in
/// which case the `md5` hba method runs SCRAM instead, as in PostgreSQL.
pub fn is_scram_secret(secret: &str) -> bool {
    parse_scram_secret(secret).is_some()
}

/// `plain_crypt_verify` for the `password` method: checks a cleartext
/// password against a SCRAM secret (`scram_verify_plain_password`). A
/// stored password that is not a SCRAM secret is compared as plain text
/// (PostgreSQL no longer stores those; md5 secrets are not supported here).
pub fn verify_cleartext_password(secret: &str, password: &str) -> bool {
    match parse_scram_secret(secret) {
        Some(s) => {
            let Ok(salt) = B64.decode(&s.salt_base64) else { return false };
            let salted = salted_password(password, &salt, s.iterations);
            let server_key = hmac(&salted, &[b"Server Key"]);
            constant_time_eq(&server_key, &s.server_key)
        }
        None => !secret.starts_with("md5") && constant_time_eq(secret.as_bytes(), password.as_bytes()),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The outcome of one step of the exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScramStep {
    /// Send AuthenticationSASLContinue with these bytes, then read a SASLResponse.
    Continue(Vec<u8>),
    /// Send AuthenticationSASLFinal with these bytes, then AuthenticationOk.
    Success(Vec<u8>),
    /// Authentication failed: raise FATAL 28P01 `password authentication
    /// failed for user "x"`. `log_detail` is for the server log only.
    Failure {
        /// Why, for the server log (PostgreSQL's `logdetail`).
        log_detail: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScramState {
    Init,
    SaltSent,
    Finished,
}

/// The server side of one SCRAM-SHA-256 exchange (`scram_state`).
#[derive(Debug, Clone)]
pub struct ScramServer {
    state: ScramState,
    secret: ScramSecret,
    /// True when the exchange must fail whatever the client proves: the
    /// role has no (valid) SCRAM secret or does not exist. The exchange
    /// still runs to the end so the client cannot tell which.
    doomed: bool,
    log_detail: Option<String>,
    cbind_flag: u8,
    client_first_message_bare: String,
    client_nonce: String,
    server_nonce: Option<String>,
    server_first_message: String,
}

fn malformed(detail: impl Into<String>) -> PgError {
    PgError::fatal(SqlState::PROTOCOL_VIOLATION, "malformed SCRAM message").with_detail(detail)
}

/// `sanitize_char`: printable ASCII as itself, anything else as hex.
fn sanitize_char(c: Option<u8>) -> String {
    let c = c.unwrap_or(0);
    if (0x21..0x7f).contains(&c) {
        (c as char).to_string()
    } else {
        format!("0x{c:02x}")
    }
}

/// A cursor over a SCRAM message, with PostgreSQL's attribute readers.
struct AttrReader<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> AttrReader<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn value(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c != b',') {
            self.pos += 1;
        }
        let v = &self.s[start..self.pos];
        if self.peek().is_some() {
            self.pos += 1;
        }
        // The whole message was checked to be UTF-8 and ',' is ASCII.
        std::str::from_utf8(v).unwrap_or_default()
    }

    /// `read_attr_value`.
    fn attr_value(&mut self, attr: u8) -> PgResult<&'a str> {
        if self.peek() != Some(attr) {
            return Err(malformed(format!(
                "Expected attribute \"{}\" but found \"{}\".",
                attr as char,
                sanitize_char(self.peek())
            )));
        }
        self.pos += 1;
        if self.peek() != Some(b'=') {
            return Err(malformed(format!("Expected character \"=\" for attribute \"{}\".", attr as char)));
        }
        self.pos += 1;
        Ok(self.value())
    }

    /// `read_any_attr`.
    fn any_attr(&mut self) -> PgResult<(u8, &'a str)> {
        let Some(attr) = self.peek() else {
            return Err(malformed("Attribute expected, but found end of string."));
        };
        if !attr.is_ascii_alphabetic() {
            return Err(malformed(format!(
                "Attribute expected, but found invalid character \"{}\".",
                sanitize_char(Some(attr))
            )));
        }
        self.pos += 1;
        if self.peek() != Some(b'=') {
            return Err(malformed(format!("Expected character \"=\" for attribute \"{}\".", attr as char)));
        }
        self.pos += 1;
        Ok((attr, self.value()))
    }
}

/// `is_scram_printable`: 0x21..0x7E except ','.
fn is_scram_printable(s: &str) -> bool {
    s.bytes().all(|c| (0x21..0x7f).contains(&c) && c != b',')
}

impl ScramServer {
    /// Starts an exchange. `secret` is the role's stored password (`None`
    /// when the role does not exist or has none). A missing or non-SCRAM
    /// secret makes a mock exchange: a salt derived from the user name and
    /// the cluster's `mock_auth_nonce` (stable per user, as PostgreSQL's
    /// `scram_mock_salt`), and a guaranteed failure at the end.
    pub fn new(secret: Option<&str>, user: &str, mock_auth_nonce: &[u8]) -> ScramServer {
        let (secret, doomed, log_detail) = match secret.map(|s| (s, parse_scram_secret(s))) {
            Some((_, Some(parsed))) => (parsed, false, None),
            Some((raw, None)) => {
                let detail = if raw.starts_with("SCRAM-SHA-256$") {
                    format!("invalid SCRAM secret for user \"{user}\"")
                } else {
                    format!("User \"{user}\" does not have a valid SCRAM secret.")
                };
                (Self::mock_secret(user, mock_auth_nonce), true, Some(detail))
            }
            None => (Self::mock_secret(user, mock_auth_nonce), true, Some(format!("Role \"{user}\" does not exist."))),
        };
        ScramServer {
            state: ScramState::Init,
            secret,
            doomed,
            log_detail,
            cbind_flag: 0,
            client_first_message_bare: String::new(),
            client_nonce: String::new(),
            server_nonce: None,
            server_first_message: String::new(),
        }
    }

    fn mock_secret(user: &str, mock_auth_nonce: &[u8]) -> ScramSecret {
        let mut h = Sha256::new();
        h.update(user.as_bytes());
        h.update(mock_auth_nonce);
        let salt = h.finalize();
        ScramSecret {
            iterations: SCRAM_DEFAULT_ITERATIONS,
            salt_base64: B64.encode(&salt[..SCRAM_DEFAULT_SALT_LEN]),
            stored_key: [0; SCRAM_KEY_LEN],
            server_key: [0; SCRAM_KEY_LEN],
        }
    }

    /// Fixes the server's nonce part (base64 of 18 random bytes otherwise),
    /// for reproducible tests such as the RFC 7677 vector.
    pub fn with_server_nonce(mut self, nonce: &str) -> ScramServer {
        self.server_nonce = Some(nonce.to_owned());
        self
    }

    /// Whether this exchange is a mock one that will fail.
    pub fn is_doomed(&self) -> bool {
        self.doomed
    }

    /// The mechanisms for AuthenticationSASL.
    pub fn mechanisms() -> &'static [&'static str] {
        &[SCRAM_SHA_256_NAME]
    }

    /// Checks the mechanism named in SASLInitialResponse (`scram_init`).
    pub fn check_mechanism(mechanism: &str) -> PgResult<()> {
        if mechanism == SCRAM_SHA_256_NAME {
            Ok(())
        } else {
            Err(PgError::fatal(
                SqlState::PROTOCOL_VIOLATION,
                "client selected an invalid SASL authentication mechanism",
            ))
        }
    }

    /// `scram_exchange`: consumes one client message (`None` = the
    /// SASLInitialResponse carried no data, length -1).
    pub fn exchange(&mut self, input: Option<&[u8]>) -> PgResult<ScramStep> {
        let Some(input) = input else {
            // The client must then send its first message in a SASLResponse.
            return Ok(ScramStep::Continue(Vec::new()));
        };
        if input.is_empty() {
            return Err(malformed("The message is empty."));
        }
        if input.contains(&0) {
            return Err(malformed("Message length does not match input length."));
        }
        // SCRAM messages are UTF-8 (RFC 5802); PostgreSQL reads them as C
        // strings and only the username could hold non-ASCII, which it ignores.
        let Ok(text) = std::str::from_utf8(input) else {
            return Err(malformed("Message is not valid UTF-8."));
        };
        match self.state {
            ScramState::Init => {
                self.read_client_first_message(text)?;
                let server_nonce = match &self.server_nonce {
                    Some(n) => n.clone(),
                    None => {
                        let mut raw = [0u8; SCRAM_RAW_NONCE_LEN];
                        getrandom::getrandom(&mut raw)
                            .map_err(|e| PgError::internal(format!("could not generate random nonce: {e}")))?;
                        B64.encode(raw)
                    }
                };
                self.server_first_message = format!(
                    "r={}{},s={},i={}",
                    self.client_nonce, server_nonce, self.secret.salt_base64, self.secret.iterations
                );
                self.server_nonce = Some(server_nonce);
                self.state = ScramState::SaltSent;
                Ok(ScramStep::Continue(self.server_first_message.clone().into_bytes()))
            }
            ScramState::SaltSent => {
                self.state = ScramState::Finished;
                let (final_nonce, proof, without_proof) = self.read_client_final_message(text)?;
                let expected_nonce = format!("{}{}", self.client_nonce, self.server_nonce.as_deref().unwrap_or(""));
                if final_nonce != expected_nonce {
                    return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid SCRAM response")
                        .with_detail("Nonce does not match."));
                }
                let auth_message =
                    format!("{},{},{}", self.client_first_message_bare, self.server_first_message, without_proof);
                // The proof is computed even when doomed, so timing does not
                // reveal whether the role exists.
                let client_signature = hmac(&self.secret.stored_key, &[auth_message.as_bytes()]);
                let mut client_key = [0u8; SCRAM_KEY_LEN];
                for i in 0..SCRAM_KEY_LEN {
                    client_key[i] = proof[i] ^ client_signature[i];
                }
                let proof_ok = constant_time_eq(&sha256(&client_key), &self.secret.stored_key);
                if !proof_ok || self.doomed {
                    return Ok(ScramStep::Failure { log_detail: self.log_detail.clone() });
                }
                let server_signature = hmac(&self.secret.server_key, &[auth_message.as_bytes()]);
                Ok(ScramStep::Success(format!("v={}", B64.encode(server_signature)).into_bytes()))
            }
            ScramState::Finished => Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid SCRAM exchange state")),
        }
    }

    /// `read_client_first_message`.
    fn read_client_first_message(&mut self, text: &str) -> PgResult<()> {
        let mut r = AttrReader { s: text.as_bytes(), pos: 0 };
        let flag = r.peek();
        match flag {
            Some(b'n') | Some(b'y') => {
                r.pos += 1;
                if r.peek() != Some(b',') {
                    return Err(malformed(format!(
                        "Comma expected, but found character \"{}\".",
                        sanitize_char(r.peek())
                    )));
                }
                r.pos += 1;
                self.cbind_flag = flag.unwrap_or(b'n');
            }
            // Channel binding needs SSL, which we do not offer.
            Some(b'p') => {
                return Err(malformed(
                    "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.",
                ))
            }
            other => {
                return Err(malformed(format!("Unexpected channel-binding flag \"{}\".", sanitize_char(other))));
            }
        }
        if r.peek() == Some(b'a') {
            return Err(PgError::fatal(
                SqlState::FEATURE_NOT_SUPPORTED,
                "client uses authorization identity, but it is not supported",
            ));
        }
        if r.peek() != Some(b',') {
            return Err(malformed(format!(
                "Unexpected attribute \"{}\" in client-first-message.",
                sanitize_char(r.peek())
            )));
        }
        r.pos += 1;
        self.client_first_message_bare = text[r.pos..].to_owned();
        if r.peek() == Some(b'm') {
            return Err(PgError::fatal(
                SqlState::FEATURE_NOT_SUPPORTED,
                "client requires an unsupported SCRAM extension",
            ));
        }
        // The user name in the message is ignored: the startup packet's counts.
        r.attr_value(b'n')?;
        let nonce = r.attr_value(b'r')?;
        if !is_scram_printable(nonce) {
            return Err(PgError::fatal(SqlState::PROTOCOL_VIOLATION, "non-printable characters in SCRAM nonce"));
        }
        self.client_nonce = nonce.to_owned();
        while r.peek().is_some() {
            r.any_attr()?;
        }
        Ok(())
    }

    /// `read_client_final_message`: returns (nonce, proof, message without proof).
    fn read_client_final_message<'t>(&self, text: &'t str) -> PgResult<(&'t str, [u8; SCRAM_KEY_LEN], &'t str)> {
        let mut r = AttrReader { s: text.as_bytes(), pos: 0 };
        let binding = r.attr_value(b'c')?;
        if !((binding == "biws" && self.cbind_flag == b'n') || (binding == "eSws" && self.cbind_flag == b'y')) {
            return Err(PgError::fatal(
                SqlState::PROTOCOL_VIOLATION,
                "unexpected SCRAM channel-binding attribute in client-final-message",
            ));
        }
        let nonce = r.attr_value(b'r')?;
        let (proof_start, proof_b64) = loop {
            let start = r.pos;
            let (attr, value) = r.any_attr()?;
            if attr == b'p' {
                break (start, value);
            }
        };
        let proof: [u8; SCRAM_KEY_LEN] = B64
            .decode(proof_b64)
            .ok()
            .and_then(|p| p.try_into().ok())
            .ok_or_else(|| malformed("Malformed proof in client-final-message."))?;
        if r.peek().is_some() {
            return Err(malformed("Garbage found at the end of client-final-message."));
        }
        // Without the proof and the comma before it.
        let without_proof = &text[..proof_start.saturating_sub(1)];
        Ok((nonce, proof, without_proof))
    }
}
