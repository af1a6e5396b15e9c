//! PostgreSQL's verdict on a query string: does its grammar accept it?
//!
//! Each string goes to a running PostgreSQL 15 as an extended-protocol Parse
//! message followed by Sync, on a raw connection (startup, trust
//! authentication, nothing else). Parse runs the raw parser and then parse
//! analysis, so an error does not by itself mean the grammar rejected the
//! string. The rule: an error is a grammar reject when its `F` field (the
//! source file that raised it, sent in every ErrorResponse) is `scan.l`
//! (the scanner, and bison's own "syntax error" and "memory exhausted",
//! which go through `scanner_yyerror`), `gram.y` (errors raised in the
//! grammar's actions) or `parser.c` (raw_parser's lookahead filter:
//! `UESCAPE` and Unicode escapes). Every other error (42P01 undefined
//! table, 22P02 from coercing a constant, 42601 "cannot insert multiple
//! commands into a prepared statement" for a string of several statements,
//! a statement timeout) is raised after the grammar accepted the string.
//!
//! Verdicts are cached in a file keyed by a hash of the text, so only
//! strings not seen before reach the server.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What PostgreSQL's grammar says about one query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The grammar accepted it (analysis may still have failed).
    Accept,
    /// The scanner or grammar raised an error.
    Reject {
        /// SQLSTATE.
        code: String,
        /// 1-based character position, if any.
        position: Option<u32>,
        /// Primary message.
        message: String,
    },
}

/// The files of PostgreSQL's raw parser, as named in an ErrorResponse's `F` field.
const RAW_PARSER_FILES: &[&str] = &["scan.l", "gram.y", "parser.c"];

/// FNV-1a, 64 bits: a stable key for the cache (std's hasher is not
/// guaranteed stable across releases).
pub fn text_hash(text: &[u8]) -> u64 {
    text.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Verdicts kept between runs in `path`, valid for one server version.
pub struct Cache {
    path: PathBuf,
    version: String,
    verdicts: HashMap<u64, Verdict>,
}

impl Cache {
    /// Loads the cache file if there is one. `version` None accepts any
    /// version (runs without a server).
    pub fn load(path: &Path, version: Option<&str>) -> Result<Cache> {
        let mut cache =
            Cache { path: path.to_path_buf(), version: version.unwrap_or("").into(), verdicts: HashMap::new() };
        let Ok(file) = std::fs::File::open(path) else { return Ok(cache) };
        let mut lines = BufReader::new(file).lines();
        let header = lines.next().transpose()?.unwrap_or_default();
        let stored = header.strip_prefix("# server_version ").unwrap_or("");
        if version.is_some_and(|v| v != stored) {
            return Ok(cache); // another server: start afresh
        }
        cache.version = stored.into();
        for line in lines {
            let line = line?;
            let f: Vec<&str> = line.splitn(5, '\t').collect();
            let Ok(key) = u64::from_str_radix(f[0], 16) else { continue };
            let verdict = match f.as_slice() {
                [_, "A"] => Verdict::Accept,
                [_, "R", code, pos, message] => Verdict::Reject {
                    code: (*code).into(),
                    position: pos.parse().ok(),
                    message: message.replace("\\n", "\n").replace("\\t", "\t"),
                },
                _ => continue,
            };
            cache.verdicts.insert(key, verdict);
        }
        Ok(cache)
    }

    /// The cached verdict for `text`.
    pub fn get(&self, text: &[u8]) -> Option<&Verdict> {
        self.verdicts.get(&text_hash(text))
    }

    /// Records a verdict.
    pub fn insert(&mut self, text: &[u8], verdict: Verdict) {
        self.verdicts.insert(text_hash(text), verdict);
    }

    /// Forgets the verdicts on strings not in `texts` (a suite that changed).
    pub fn retain<'t>(&mut self, texts: impl Iterator<Item = &'t [u8]>) {
        let keep: std::collections::HashSet<u64> = texts.map(text_hash).collect();
        self.verdicts.retain(|k, _| keep.contains(k));
    }

    /// Writes the cache back.
    pub fn save(&self) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut out = format!("# server_version {}\n", self.version);
        let mut keys: Vec<_> = self.verdicts.keys().collect();
        keys.sort();
        for key in keys {
            match &self.verdicts[key] {
                Verdict::Accept => out.push_str(&format!("{key:016x}\tA\n")),
                Verdict::Reject { code, position, message } => {
                    let pos = position.map_or("-".into(), |p| p.to_string());
                    let message = message.replace('\n', "\\n").replace('\t', "\\t");
                    out.push_str(&format!("{key:016x}\tR\t{code}\t{pos}\t{message}\n"));
                }
            }
        }
        std::fs::write(&self.path, out).with_context(|| format!("writing {}", self.path.display()))
    }
}

/// A raw protocol-3 connection to PostgreSQL.
pub struct Oracle {
    stream: TcpStream,
    /// `server_version` from the startup's ParameterStatus.
    pub version: String,
}

/// One backend message: type byte and body.
fn read_message(stream: &mut TcpStream) -> Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 5];
    stream.read_exact(&mut head).context("reading from the server")?;
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len < 4 {
        bail!("bad message length {len}");
    }
    let mut body = vec![0u8; len - 4];
    stream.read_exact(&mut body)?;
    Ok((head[0], body))
}

/// The fields of an ErrorResponse body, by field type.
fn error_fields(body: &[u8]) -> HashMap<u8, String> {
    let mut fields = HashMap::new();
    let mut rest = body;
    while let Some((&kind, tail)) = rest.split_first() {
        if kind == 0 {
            break;
        }
        let end = tail.iter().position(|c| *c == 0).unwrap_or(tail.len());
        fields.insert(kind, String::from_utf8_lossy(&tail[..end]).into_owned());
        rest = tail.get(end + 1..).unwrap_or(&[]);
    }
    fields
}

fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![kind];
    m.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
    m.extend_from_slice(body);
    m
}

impl Oracle {
    /// Connects to `addr` (HOST:PORT) as `user` to database `postgres`, with
    /// a statement timeout so that no analysis runs long.
    pub fn connect(addr: &str, user: &str) -> Result<Oracle> {
        let mut stream = TcpStream::connect(addr).with_context(|| format!("connecting to {addr}"))?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        stream.set_nodelay(true)?;
        let mut body = 196_608u32.to_be_bytes().to_vec(); // protocol 3.0
        for (k, v) in [("user", user), ("database", "postgres"), ("options", "-c statement_timeout=10000")] {
            body.extend_from_slice(k.as_bytes());
            body.push(0);
            body.extend_from_slice(v.as_bytes());
            body.push(0);
        }
        body.push(0);
        let mut startup = (body.len() as u32 + 4).to_be_bytes().to_vec();
        startup.extend_from_slice(&body);
        stream.write_all(&startup)?;
        let mut version = String::new();
        loop {
            let (kind, body) = read_message(&mut stream)?;
            match kind {
                b'R' if body.get(..4) == Some(&[0, 0, 0, 0]) => {}
                b'R' => bail!("{addr} asks for a password; the oracle must use trust authentication"),
                b'E' => bail!("{addr} refused the connection: {:?}", error_fields(&body).get(&b'M')),
                b'S' => {
                    let f: Vec<&[u8]> = body.split(|c| *c == 0).collect();
                    if f.first() == Some(&&b"server_version"[..]) {
                        version = String::from_utf8_lossy(f.get(1).unwrap_or(&&b""[..])).into_owned();
                    }
                }
                b'Z' => break,
                _ => {}
            }
        }
        Ok(Oracle { stream, version })
    }

    /// Sends `text` as an unnamed Parse plus Sync and classifies the answer.
    pub fn verdict(&mut self, text: &[u8]) -> Result<Verdict> {
        let mut body = vec![0u8]; // unnamed statement
        body.extend(text.iter().filter(|c| **c != 0));
        body.extend_from_slice(&[0, 0, 0]); // end of query, no parameter types
        let mut out = message(b'P', &body);
        out.extend(message(b'S', &[]));
        self.stream.write_all(&out)?;
        let mut verdict = Verdict::Accept;
        loop {
            let (kind, body) = read_message(&mut self.stream)?;
            match kind {
                b'E' => {
                    let f = error_fields(&body);
                    let file = f.get(&b'F').map_or("", String::as_str);
                    if RAW_PARSER_FILES.contains(&file) {
                        verdict = Verdict::Reject {
                            code: f.get(&b'C').cloned().unwrap_or_default(),
                            position: f.get(&b'P').and_then(|p| p.parse().ok()),
                            message: f.get(&b'M').cloned().unwrap_or_default(),
                        };
                    }
                }
                b'Z' => return Ok(verdict),
                _ => {} // ParseComplete, notices
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{error_fields, Cache, Verdict};

    #[test]
    fn cache_survives_a_save_and_forgets_another_server() {
        let dir = std::env::temp_dir().join(format!("parser-corpus-cache-{}", std::process::id()));
        let path = dir.join("verdicts.tsv");
        let mut cache = Cache::load(&path, Some("15.18")).unwrap();
        let reject = Verdict::Reject { code: "42601".into(), position: Some(8), message: "a\tb\nc".into() };
        cache.insert(b"select 1", Verdict::Accept);
        cache.insert(b"selec 1", reject.clone());
        cache.save().unwrap();
        let again = Cache::load(&path, Some("15.18")).unwrap();
        assert_eq!(again.get(b"select 1"), Some(&Verdict::Accept));
        assert_eq!(again.get(b"selec 1"), Some(&reject));
        assert_eq!(Cache::load(&path, None).unwrap().get(b"selec 1"), Some(&reject));
        assert_eq!(Cache::load(&path, Some("16.1")).unwrap().get(b"select 1"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn error_fields_are_read_by_type() {
        let f = error_fields(b"SERROR\0C42601\0Fscan.l\0P8\0\0");
        assert_eq!((f[&b'C'].as_str(), f[&b'F'].as_str(), f[&b'P'].as_str()), ("42601", "scan.l", "8"));
    }
}
