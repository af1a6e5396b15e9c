//! pg_hba.conf: parsing and first-match lookup. PostgreSQL's hba.c
//! (`tokenize_auth_file`, `parse_hba_line`, `check_hba`).
//!
//! Supported: connection types local/host/hostssl/hostnossl/hostgssenc/
//! hostnogssenc; databases all/sameuser/samerole/samegroup/replication,
//! names, comma lists, quoted names (a quoted keyword is a plain name);
//! users all, names, `+group` (matched against `ConnInfo::member_of`);
//! addresses as CIDR (IPv4 and IPv6), address + mask column, `all`;
//! `key=value` options; backslash line continuation; `#` comments.
//! Differences from PostgreSQL: `samehost`/`samenet` and host names are
//! parsed but never match (we do not enumerate interfaces or do DNS);
//! `@file` inclusion is rejected; gss/sspi/pam/bsd/ldap/radius are
//! `not supported by this build`; hostssl/hostgssenc lines parse but
//! never match, since we offer neither SSL nor GSS encryption.

use pg_error::{PgError, Severity, SqlState};
use std::net::IpAddr;

/// The connection type column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnType {
    /// `local`: Unix-domain socket.
    Local,
    /// `host`: TCP, with or without encryption.
    Host,
    /// `hostssl`.
    HostSsl,
    /// `hostnossl`.
    HostNoSsl,
    /// `hostgssenc`.
    HostGssEnc,
    /// `hostnogssenc`.
    HostNoGssEnc,
}

impl ConnType {
    /// The type as written in pg_hba.conf.
    pub fn name(&self) -> &'static str {
        match self {
            ConnType::Local => "local",
            ConnType::Host => "host",
            ConnType::HostSsl => "hostssl",
            ConnType::HostNoSsl => "hostnossl",
            ConnType::HostGssEnc => "hostgssenc",
            ConnType::HostNoGssEnc => "hostnogssenc",
        }
    }
}

/// The authentication method column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    /// Allow without a password.
    Trust,
    /// Refuse.
    Reject,
    /// Cleartext password.
    Password,
    /// MD5 challenge, or SCRAM when the role's secret is a SCRAM secret.
    Md5,
    /// SCRAM-SHA-256.
    ScramSha256,
    /// OS user name of a Unix-socket peer (local only; `ident` on local becomes this).
    Peer,
    /// RFC 1413 ident (host only).
    Ident,
    /// SSL client certificate (hostssl only).
    Cert,
}

impl AuthMethod {
    /// The method as written in pg_hba.conf.
    pub fn name(&self) -> &'static str {
        match self {
            AuthMethod::Trust => "trust",
            AuthMethod::Reject => "reject",
            AuthMethod::Password => "password",
            AuthMethod::Md5 => "md5",
            AuthMethod::ScramSha256 => "scram-sha-256",
            AuthMethod::Peer => "peer",
            AuthMethod::Ident => "ident",
            AuthMethod::Cert => "cert",
        }
    }

    /// The method actually run for a role's stored secret: `md5` with a
    /// SCRAM secret runs SCRAM (PostgreSQL's `CheckPWChallengeAuth`).
    pub fn effective(self, stored_secret: Option<&str>) -> AuthMethod {
        match (self, stored_secret) {
            (AuthMethod::Md5, Some(s)) if crate::scram::is_scram_secret(s) => AuthMethod::ScramSha256,
            (m, _) => m,
        }
    }
}

/// One token of a list column, with whether it was quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HbaToken {
    /// The text, quotes removed.
    pub text: String,
    /// Quoted tokens are never keywords.
    pub quoted: bool,
}

impl HbaToken {
    fn is_keyword(&self, kw: &str) -> bool {
        !self.quoted && self.text == kw
    }
}

/// The address column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HbaAddress {
    /// `all`.
    All,
    /// An address and a mask of the same family.
    Mask {
        /// The network address.
        addr: IpAddr,
        /// The mask.
        mask: IpAddr,
    },
    /// `samehost` (never matches here).
    SameHost,
    /// `samenet` (never matches here).
    SameNet,
    /// A host name (never matches here).
    Hostname(String),
}

/// A parsed pg_hba.conf line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HbaLine {
    /// 1-based line number (of the first physical line).
    pub line_number: usize,
    /// The line as written.
    pub raw_line: String,
    /// Connection type.
    pub conn_type: ConnType,
    /// Database list.
    pub databases: Vec<HbaToken>,
    /// Role list.
    pub roles: Vec<HbaToken>,
    /// Address (`None` for `local`).
    pub address: Option<HbaAddress>,
    /// Method.
    pub method: AuthMethod,
    /// `name=value` options.
    pub options: Vec<(String, String)>,
}

/// A bad line: the error PostgreSQL logs (LOG, F0000) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HbaParseError {
    /// 1-based line number.
    pub line_number: usize,
    /// The error (severity LOG, SQLSTATE F0000, PostgreSQL's wording).
    pub error: PgError,
}

impl HbaParseError {
    /// PostgreSQL's CONTEXT line for this error.
    pub fn context(&self, file_name: &str) -> String {
        format!("line {} of configuration file \"{}\"", self.line_number, file_name)
    }
}

/// A loaded pg_hba.conf.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HbaFile {
    /// The lines, in file order.
    pub lines: Vec<HbaLine>,
}

/// Which connection is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnKind {
    /// Unix-domain socket.
    Local,
    /// TCP from this address (no SSL, no GSS encryption: we offer neither).
    Host {
        /// The client's address.
        addr: IpAddr,
    },
}

/// What `hba_match` needs to know about a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnInfo {
    /// Socket kind and client address.
    pub kind: ConnKind,
    /// Requested database (ignored for physical replication).
    pub database: String,
    /// Requested role.
    pub user: String,
    /// A physical replication connection (`replication=true`): only the
    /// `replication` keyword matches its database column.
    pub physical_replication: bool,
    /// Roles `user` is a member of (for `samerole` and `+group`); the
    /// caller fills it from the catalog.
    pub member_of: Vec<String>,
}

fn config_error(message: impl Into<String>) -> PgError {
    PgError::notice(Severity::Log, SqlState::CONFIG_FILE_ERROR, message)
}

/// Splits a logical line into fields; each field is a comma list of tokens.
fn tokenize_line(line: &str) -> Vec<Vec<HbaToken>> {
    let mut fields: Vec<Vec<HbaToken>> = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut current: Vec<HbaToken> = Vec::new();
    loop {
        // Skip blanks between tokens.
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t' || chars[i] == '\r') {
            i += 1;
        }
        if i >= chars.len() || chars[i] == '#' {
            break;
        }
        let mut text = String::new();
        let (mut in_quote, mut saw_quote, mut was_quote, mut comma) = (false, false, false, false);
        while i < chars.len() {
            let c = chars[i];
            if !in_quote && (c == ' ' || c == '\t' || c == '\r') {
                break;
            }
            if c == '#' && !in_quote {
                i = chars.len();
                break;
            }
            i += 1;
            if c == ',' && !in_quote {
                comma = true;
                break;
            }
            // Inside quotes, "" is a literal double quote.
            if c != '"' || was_quote {
                text.push(c);
            }
            was_quote = in_quote && c == '"' && !was_quote;
            if c == '"' {
                in_quote = !in_quote;
                saw_quote = true;
            }
        }
        if !text.is_empty() || saw_quote {
            current.push(HbaToken { text, quoted: saw_quote });
        }
        if !comma && !current.is_empty() {
            fields.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        fields.push(current);
    }
    fields
}

/// `pg_sockaddr_cidr_mask`: a prefix length to a mask.
fn cidr_mask(bits: &str, v6: bool) -> Option<IpAddr> {
    if bits.is_empty() || !bits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = bits.parse().ok()?;
    if v6 {
        if n > 128 {
            return None;
        }
        let m = if n == 0 { 0 } else { u128::MAX << (128 - n) };
        Some(IpAddr::V6(m.into()))
    } else {
        if n > 32 {
            return None;
        }
        let m = if n == 0 { 0 } else { u32::MAX << (32 - n) };
        Some(IpAddr::V4(m.into()))
    }
}

fn single<'a>(field: &'a [HbaToken], message: &str, hint: &str) -> Result<&'a HbaToken, PgError> {
    if field.len() > 1 {
        return Err(config_error(message).with_hint(hint));
    }
    Ok(&field[0])
}

/// `parse_hba_line`.
fn parse_hba_line(fields: &[Vec<HbaToken>], line_number: usize, raw_line: &str) -> Result<HbaLine, PgError> {
    let mut it = fields.iter();
    let conn_field = it.next().expect("tokenize_line returns no empty lines");
    let conn_tok = single(
        conn_field,
        "multiple values specified for connection type",
        "Specify exactly one connection type per line.",
    )?;
    let conn_type = match conn_tok.text.as_str() {
        "local" => ConnType::Local,
        "host" => ConnType::Host,
        "hostssl" => ConnType::HostSsl,
        "hostnossl" => ConnType::HostNoSsl,
        "hostgssenc" => ConnType::HostGssEnc,
        "hostnogssenc" => ConnType::HostNoGssEnc,
        other => return Err(config_error(format!("invalid connection type \"{other}\""))),
    };
    let check_include = |f: &Vec<HbaToken>| -> Result<(), PgError> {
        match f.iter().find(|t| !t.quoted && t.text.starts_with('@')) {
            Some(t) => {
                Err(config_error(format!("could not open secondary authentication file \"{}\": not supported", t.text)))
            }
            None => Ok(()),
        }
    };
    let databases = it.next().ok_or_else(|| config_error("end-of-line before database specification"))?.clone();
    check_include(&databases)?;
    let roles = it.next().ok_or_else(|| config_error("end-of-line before role specification"))?.clone();
    check_include(&roles)?;

    let address = if conn_type == ConnType::Local {
        None
    } else {
        let f = it.next().ok_or_else(|| config_error("end-of-line before IP address specification"))?;
        let tok = single(f, "multiple values specified for host address", "Specify one address per line.")?;
        Some(if tok.is_keyword("all") {
            HbaAddress::All
        } else if tok.is_keyword("samehost") {
            HbaAddress::SameHost
        } else if tok.is_keyword("samenet") {
            HbaAddress::SameNet
        } else {
            let (addr_text, cidr) = match tok.text.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (tok.text.as_str(), None),
            };
            match addr_text.parse::<IpAddr>() {
                Err(_) => {
                    if cidr.is_some() {
                        return Err(config_error(format!(
                            "specifying both host name and CIDR mask is invalid: \"{}\"",
                            tok.text
                        )));
                    }
                    HbaAddress::Hostname(addr_text.to_owned())
                }
                Ok(addr) => {
                    let mask = match cidr {
                        Some(bits) => cidr_mask(bits, addr.is_ipv6())
                            .ok_or_else(|| config_error(format!("invalid CIDR mask in address \"{}\"", tok.text)))?,
                        None => {
                            let f = it.next().ok_or_else(|| {
                                config_error("end-of-line before netmask specification").with_hint(
                                    "Specify an address range in CIDR notation, or provide a separate netmask.",
                                )
                            })?;
                            if f.len() > 1 {
                                return Err(config_error("multiple values specified for netmask"));
                            }
                            let mask: IpAddr = f[0].text.parse().map_err(|_| {
                                config_error(format!("invalid IP mask \"{}\": Name or service not known", f[0].text))
                            })?;
                            if mask.is_ipv6() != addr.is_ipv6() {
                                return Err(config_error("IP address and mask do not match"));
                            }
                            mask
                        }
                    };
                    HbaAddress::Mask { addr, mask }
                }
            }
        })
    };

    let f = it.next().ok_or_else(|| config_error("end-of-line before authentication method"))?;
    let tok = single(
        f,
        "multiple values specified for authentication type",
        "Specify exactly one authentication type per line.",
    )?;
    let mut method = match tok.text.as_str() {
        "trust" => AuthMethod::Trust,
        "reject" => AuthMethod::Reject,
        "password" => AuthMethod::Password,
        "md5" => AuthMethod::Md5,
        "scram-sha-256" => AuthMethod::ScramSha256,
        "peer" => AuthMethod::Peer,
        "ident" => AuthMethod::Ident,
        "cert" => AuthMethod::Cert,
        m @ ("gss" | "sspi" | "pam" | "bsd" | "ldap" | "radius") => {
            return Err(config_error(format!("invalid authentication method \"{m}\": not supported by this build")))
        }
        m => return Err(config_error(format!("invalid authentication method \"{m}\""))),
    };
    // For backwards compatibility PostgreSQL turns ident on local sockets into peer.
    if conn_type == ConnType::Local && method == AuthMethod::Ident {
        method = AuthMethod::Peer;
    }
    if conn_type != ConnType::Local && method == AuthMethod::Peer {
        return Err(config_error("peer authentication is only supported on local sockets"));
    }
    if conn_type != ConnType::HostSsl && method == AuthMethod::Cert {
        return Err(config_error("cert authentication is only supported on hostssl connections"));
    }

    let mut options = Vec::new();
    for f in it {
        for t in f {
            let Some((name, value)) = t.text.split_once('=') else {
                return Err(config_error(format!("authentication option not in name=value format: {}", t.text)));
            };
            match name {
                "map" => {
                    if !matches!(method, AuthMethod::Ident | AuthMethod::Peer | AuthMethod::Cert) {
                        return Err(config_error(
                            "authentication option \"map\" is only valid for authentication methods gssapi, ident, peer, sspi, and cert",
                        ));
                    }
                }
                "clientcert" | "clientname" => {
                    if conn_type != ConnType::HostSsl {
                        return Err(config_error(format!("{name} can only be configured for \"hostssl\" rows")));
                    }
                }
                _ => return Err(config_error(format!("unrecognized authentication option name: \"{name}\""))),
            }
            options.push((name.to_owned(), value.to_owned()));
        }
    }
    Ok(HbaLine { line_number, raw_line: raw_line.to_owned(), conn_type, databases, roles, address, method, options })
}

/// Every entry of pg_hba.conf text in file order, each parsed or with the
/// error PostgreSQL reports for it (what `pg_hba_file_rules` shows).
pub fn parse_hba_lines(text: &str) -> Vec<Result<HbaLine, HbaParseError>> {
    let mut out = Vec::new();
    let mut physical = text.split('\n').enumerate().peekable();
    while let Some((idx, first)) = physical.next() {
        let line_number = idx + 1;
        // A trailing backslash continues the line.
        let mut logical = first.trim_end_matches('\r').to_owned();
        while logical.ends_with('\\') {
            logical.pop();
            match physical.next() {
                Some((_, next)) => logical.push_str(next.trim_end_matches('\r')),
                None => break,
            }
        }
        let fields = tokenize_line(&logical);
        if fields.is_empty() {
            continue;
        }
        out.push(parse_hba_line(&fields, line_number, &logical).map_err(|error| HbaParseError { line_number, error }));
    }
    out
}

/// Parses pg_hba.conf text. Like `load_hba`, every line is checked and
/// every bad line reported; the file is rejected if any line is bad or if
/// it has no entries (`configuration file "F" contains no entries`).
pub fn parse_hba(text: &str, file_name: &str) -> Result<HbaFile, Vec<HbaParseError>> {
    let (lines, errors): (Vec<_>, Vec<_>) = parse_hba_lines(text).into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        return Err(errors.into_iter().filter_map(Result::err).collect());
    }
    let lines: Vec<HbaLine> = lines.into_iter().filter_map(Result::ok).collect();
    if lines.is_empty() {
        return Err(vec![HbaParseError {
            line_number: 0,
            error: config_error(format!("configuration file \"{file_name}\" contains no entries")),
        }]);
    }
    Ok(HbaFile { lines })
}

fn ip_in_range(client: IpAddr, addr: IpAddr, mask: IpAddr) -> bool {
    match (client, addr, mask) {
        (IpAddr::V4(c), IpAddr::V4(a), IpAddr::V4(m)) => {
            let (c, a, m) = (u32::from(c), u32::from(a), u32::from(m));
            (c ^ a) & m == 0
        }
        (IpAddr::V6(c), IpAddr::V6(a), IpAddr::V6(m)) => {
            let (c, a, m) = (u128::from(c), u128::from(a), u128::from(m));
            (c ^ a) & m == 0
        }
        _ => false,
    }
}

fn check_db(conn: &ConnInfo, tokens: &[HbaToken]) -> bool {
    tokens.iter().any(|t| {
        if conn.physical_replication {
            return t.is_keyword("replication");
        }
        if t.is_keyword("all") {
            true
        } else if t.is_keyword("sameuser") {
            conn.database == conn.user
        } else if t.is_keyword("samerole") || t.is_keyword("samegroup") {
            conn.database == conn.user || conn.member_of.contains(&conn.database)
        } else if t.is_keyword("replication") {
            false
        } else {
            t.text == conn.database
        }
    })
}

fn check_role(conn: &ConnInfo, tokens: &[HbaToken]) -> bool {
    tokens.iter().any(|t| {
        if !t.quoted && t.text.starts_with('+') {
            let group = &t.text[1..];
            conn.user == group || conn.member_of.iter().any(|r| r == group)
        } else {
            t.is_keyword("all") || t.text == conn.user
        }
    })
}

impl HbaFile {
    /// `check_hba`: the first line that matches the connection, or `None`
    /// (PostgreSQL's implicit reject: see `no_hba_entry_error`).
    pub fn hba_match(&self, conn: &ConnInfo) -> Option<&HbaLine> {
        self.lines.iter().find(|hba| {
            let addr_ok = match (&conn.kind, hba.conn_type) {
                (ConnKind::Local, ConnType::Local) => true,
                (ConnKind::Local, _) | (ConnKind::Host { .. }, ConnType::Local) => false,
                // No SSL and no GSS encryption: only the lines that allow plain TCP.
                (ConnKind::Host { .. }, ConnType::HostSsl | ConnType::HostGssEnc) => false,
                (ConnKind::Host { addr }, _) => match &hba.address {
                    Some(HbaAddress::All) => true,
                    Some(HbaAddress::Mask { addr: a, mask }) => ip_in_range(*addr, *a, *mask),
                    _ => false,
                },
            };
            addr_ok && check_db(conn, &hba.databases) && check_role(conn, &hba.roles)
        })
    }
}

fn host_text(conn: &ConnInfo) -> String {
    match &conn.kind {
        ConnKind::Local => "[local]".to_owned(),
        ConnKind::Host { addr } => addr.to_string(),
    }
}

/// FATAL 28000 for a connection no line matches (`ClientAuthentication`'s
/// uaImplicitReject), e.g. `no pg_hba.conf entry for host "127.0.0.1",
/// user "x", database "y", no encryption`.
pub fn no_hba_entry_error(conn: &ConnInfo) -> PgError {
    let message = if conn.physical_replication {
        format!(
            "no pg_hba.conf entry for replication connection from host \"{}\", user \"{}\", no encryption",
            host_text(conn),
            conn.user
        )
    } else {
        format!(
            "no pg_hba.conf entry for host \"{}\", user \"{}\", database \"{}\", no encryption",
            host_text(conn),
            conn.user,
            conn.database
        )
    };
    PgError::fatal(SqlState::INVALID_AUTHORIZATION_SPECIFICATION, message)
}

/// FATAL 28000 for a matching `reject` line.
pub fn hba_reject_error(conn: &ConnInfo) -> PgError {
    let message = if conn.physical_replication {
        format!(
            "pg_hba.conf rejects replication connection for host \"{}\", user \"{}\", no encryption",
            host_text(conn),
            conn.user
        )
    } else {
        format!(
            "pg_hba.conf rejects connection for host \"{}\", user \"{}\", database \"{}\", no encryption",
            host_text(conn),
            conn.user,
            conn.database
        )
    };
    PgError::fatal(SqlState::INVALID_AUTHORIZATION_SPECIFICATION, message)
}

/// FATAL 28P01 `password authentication failed for user "x"`, raised by
/// the caller when a password or SCRAM exchange fails.
pub fn password_failed_error(user: &str) -> PgError {
    PgError::fatal(SqlState::INVALID_PASSWORD, format!("password authentication failed for user \"{user}\""))
}
