//! `postgresql.conf` syntax and application (guc-file.l's `ParseConfigFp`
//! and `ProcessConfigFile`), and `-c name=value` (`ParseLongOption`).
//!
//! Syntax, one setting per line: `name = value` or `name value`; `#` starts
//! a comment; a value is a single-quoted string (`''` or `\'` for a quote,
//! C-style backslash escapes), a number with an optional unit (`128MB`), or an
//! unquoted word (`on`, `scram-sha-256`, `/tmp`). `include`,
//! `include_if_exists` and `include_dir` read further files, relative to the
//! including file's directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pg_error::{PgError, PgResult, Severity, SqlState};

use crate::guc::{
    is_known_or_custom, is_under_postmaster, reset_removed_from_file, set_config_option_ext, set_internal,
    set_source_location, settings_from_file, show,
};
use crate::{GucAction, GucContext, GucSource};

/// One `name = value` line of a configuration file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigItem {
    /// The setting's name as written.
    pub name: String,
    /// The value, unquoted and unescaped.
    pub value: String,
    /// The file it came from, as given to the parser.
    pub filename: String,
    /// 1-based line number.
    pub line: u32,
}

/// How deep `include` may nest, as PostgreSQL's `CONF_FILE_MAX_DEPTH`.
const CONF_FILE_MAX_DEPTH: u32 = 10;

fn syntax_error(filename: &str, line: u32, token: Option<&str>) -> PgError {
    let near = match token {
        Some(t) => format!("near token \"{t}\""),
        None => "near end of line".to_string(),
    };
    PgError::new(SqlState::SYNTAX_ERROR, format!("syntax error in file \"{filename}\" line {line}, {near}"))
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || !c.is_ascii()
}

fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit() || c == '$'
}

/// The text of the token starting at `s`, for "near token" messages.
fn token_at(s: &str) -> &str {
    let first = s.chars().next().map_or(0, char::len_utf8);
    if s.starts_with(is_letter) || s.starts_with(|c: char| c.is_ascii_digit()) {
        let end = s.find(|c: char| !(is_letter_or_digit(c) || "-._:/".contains(c))).unwrap_or(s.len());
        &s[..end.max(first)]
    } else {
        &s[..first]
    }
}

/// Reads a name: an identifier, or dotted identifiers (`myapp.x`).
fn lex_name(s: &str) -> Option<(&str, &str)> {
    if !s.starts_with(is_letter) {
        return None;
    }
    let mut end = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    loop {
        // One identifier.
        if !bytes.get(i).is_some_and(|&(_, c)| is_letter(c)) {
            return if end == 0 { None } else { Some((&s[..end], &s[end..])) };
        }
        while bytes.get(i).is_some_and(|&(_, c)| is_letter_or_digit(c)) {
            i += 1;
        }
        end = bytes.get(i).map_or(s.len(), |&(pos, _)| pos);
        // A dot continues the name only if another identifier follows.
        if bytes.get(i).is_some_and(|&(_, c)| c == '.') && bytes.get(i + 1).is_some_and(|&(_, c)| is_letter(c)) {
            i += 1;
            continue;
        }
        return Some((&s[..end], &s[end..]));
    }
}

/// Reads a single-quoted string starting at `s` (which begins with `'`);
/// returns (unescaped value, rest) or None when it is not terminated on this line.
fn lex_quoted(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' => {
                if chars.peek().is_some_and(|&(_, c)| c == '\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((out, &s[i + 1..]));
                }
            }
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    '0'..='7' => {
                        let mut code = e.to_digit(8).expect("octal digit");
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(_, d)) if d.is_digit(8) => {
                                    code = code * 8 + d.to_digit(8).expect("octal digit");
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(char::from_u32(code).unwrap_or('?'));
                    }
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    None
}

/// Reads an unquoted value: a number with unit letters, or a word.
fn lex_unquoted(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    let starts_number = matches!(b.first(), Some(b'0'..=b'9' | b'-' | b'+' | b'.'));
    if starts_number {
        if matches!(b.first(), Some(b'-' | b'+')) {
            i += 1;
        }
        if b[i..].starts_with(b"0x") || b[i..].starts_with(b"0X") {
            i += 2;
            i += b[i..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
        } else {
            let int = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            i += int;
            let mut frac = 0;
            let mut real = false;
            if b.get(i) == Some(&b'.') {
                frac = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                i += 1 + frac;
                real = true;
            }
            if int + frac == 0 {
                return None;
            }
            if matches!(b.get(i), Some(b'e' | b'E')) {
                let mut j = i + 1;
                if matches!(b.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                let exp = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
                if exp > 0 {
                    i = j + exp;
                    real = true;
                }
            }
            if real {
                // A real takes no unit letters: `1.5MB` must be quoted, as in PostgreSQL.
                return Some((&s[..i], &s[i..]));
            }
        }
        i += b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        return Some((&s[..i], &s[i..]));
    }
    if !s.starts_with(is_letter) {
        return None;
    }
    let end = s.find(|c: char| !(is_letter_or_digit(c) || "-._:/".contains(c))).unwrap_or(s.len());
    Some((&s[..end], &s[end..]))
}

fn skip_blanks(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\r', '\u{b}', '\u{c}'])
}

/// Parses configuration file text into its items, in order. `filename` is
/// used in messages. The first syntax error is returned as an error with
/// PostgreSQL's wording (`syntax error in file "f" line 3, near token "="`).
pub fn parse_config_file(filename: &str, text: &str) -> PgResult<Vec<ConfigItem>> {
    let mut items = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let s = skip_blanks(raw);
        if s.is_empty() || s.starts_with('#') {
            continue;
        }
        let (name, rest) = lex_name(s).ok_or_else(|| syntax_error(filename, line, Some(token_at(s))))?;
        let mut rest = skip_blanks(rest);
        if let Some(r) = rest.strip_prefix('=') {
            rest = skip_blanks(r);
        }
        if rest.is_empty() || rest.starts_with('#') {
            return Err(syntax_error(filename, line, None));
        }
        let (value, rest) = if rest.starts_with('\'') {
            lex_quoted(rest).ok_or_else(|| syntax_error(filename, line, Some("'")))?
        } else {
            let (v, r) = lex_unquoted(rest).ok_or_else(|| syntax_error(filename, line, Some(token_at(rest))))?;
            (v.to_string(), r)
        };
        let rest = skip_blanks(rest);
        if !(rest.is_empty() || rest.starts_with('#')) {
            return Err(syntax_error(filename, line, Some(token_at(rest))));
        }
        items.push(ConfigItem { name: name.to_string(), value, filename: filename.to_string(), line });
    }
    Ok(items)
}

fn log(mut e: PgError) -> PgError {
    e.severity = Severity::Log;
    e
}

fn could_not_open(path: &Path, err: &std::io::Error) -> PgError {
    let reason = match err.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => err.to_string(),
    };
    PgError::new(
        SqlState::CONFIG_FILE_ERROR,
        format!("could not open configuration file \"{}\": {reason}", path.display()),
    )
}

/// Reads a file and the files it includes, in order.
fn collect_items(path: &Path, depth: u32, items: &mut Vec<ConfigItem>) -> PgResult<()> {
    if depth > CONF_FILE_MAX_DEPTH {
        return Err(PgError::new(
            SqlState::PROGRAM_LIMIT_EXCEEDED,
            format!("could not open configuration file \"{}\": maximum nesting depth exceeded", path.display()),
        ));
    }
    let text = std::fs::read(path).map_err(|e| could_not_open(path, &e))?;
    let text = String::from_utf8_lossy(&text);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |v: &str| -> PathBuf {
        let p = PathBuf::from(v);
        if p.is_absolute() {
            p
        } else {
            base.join(p)
        }
    };
    for item in parse_config_file(&path.display().to_string(), &text)? {
        match item.name.to_ascii_lowercase().as_str() {
            "include" => collect_items(&resolve(&item.value), depth + 1, items)?,
            "include_if_exists" => {
                let p = resolve(&item.value);
                if p.exists() {
                    collect_items(&p, depth + 1, items)?;
                }
            }
            "include_dir" => {
                let dir = resolve(&item.value);
                let entries = std::fs::read_dir(&dir).map_err(|e| {
                    PgError::new(
                        SqlState::CONFIG_FILE_ERROR,
                        format!("could not open configuration directory \"{}\": {e}", dir.display()),
                    )
                })?;
                let mut files: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_file()
                            && p.extension().is_some_and(|x| x == "conf")
                            && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    })
                    .collect();
                files.sort();
                for f in files {
                    collect_items(&f, depth + 1, items)?;
                }
            }
            _ => items.push(item),
        }
    }
    Ok(())
}

/// What applying a configuration file reported: LOG lines (and a FATAL one
/// at start-up) for the caller to write to the server log, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigFileOutcome {
    /// Reports in the order PostgreSQL emits them.
    pub reports: Vec<PgError>,
}

impl ConfigFileOutcome {
    /// The FATAL report that must stop start-up, if any.
    pub fn fatal(&self) -> Option<&PgError> {
        self.reports.iter().find(|r| r.severity == Severity::Fatal)
    }
}

/// Reads and applies a configuration file (`ProcessConfigFile`).
/// `context` is [`GucContext::Postmaster`] at server start, where any error
/// is fatal and nothing is applied, or [`GucContext::Sighup`] for a reload,
/// where errors are logged, the rest applied, settings removed from the file
/// go back to their defaults, and changes to restart-only settings are
/// ignored with a log line.
pub fn apply_config_file(path: &Path, context: GucContext) -> ConfigFileOutcome {
    let file = path.display().to_string();
    let startup = context != GucContext::Sighup;
    let mut reports = Vec::new();
    let finish = |mut reports: Vec<PgError>, applying: bool| {
        let message = if startup {
            format!("configuration file \"{file}\" contains errors")
        } else if applying {
            format!("configuration file \"{file}\" contains errors; unaffected changes were applied")
        } else {
            format!("configuration file \"{file}\" contains errors; no changes were applied")
        };
        let severity = if startup { Severity::Fatal } else { Severity::Log };
        reports.push(PgError::new(SqlState::CONFIG_FILE_ERROR, message).with_severity(severity));
        ConfigFileOutcome { reports }
    };

    let mut items = Vec::new();
    if let Err(e) = collect_items(path, 0, &mut items) {
        reports.push(log(e));
        return finish(reports, false);
    }
    let mut error = false;
    for item in &items {
        if !is_known_or_custom(&item.name) {
            reports.push(log(PgError::new(
                SqlState::UNDEFINED_OBJECT,
                format!(
                    "unrecognized configuration parameter \"{}\" in file \"{}\" line {}",
                    item.name, item.filename, item.line
                ),
            )));
            error = true;
        }
    }
    if error {
        return finish(reports, false);
    }
    // A setting given twice takes its last value.
    let mut seen = HashSet::new();
    let mut last: Vec<&ConfigItem> = items.iter().rev().filter(|i| seen.insert(i.name.to_ascii_lowercase())).collect();
    last.reverse();

    let change_level = if is_under_postmaster() { Severity::Debug } else { Severity::Log };
    if !startup {
        for (name, setting_context) in settings_from_file() {
            if seen.contains(&name.to_ascii_lowercase()) {
                continue;
            }
            if setting_context == GucContext::Postmaster {
                reports.push(log(PgError::new(
                    SqlState::CANT_CHANGE_RUNTIME_PARAM,
                    format!("parameter \"{name}\" cannot be changed without restarting the server"),
                )));
                error = true;
                continue;
            }
            if reset_removed_from_file(&name).is_ok() {
                reports.push(PgError::notice(
                    change_level,
                    SqlState::SUCCESSFUL_COMPLETION,
                    format!("parameter \"{name}\" removed from configuration file, reset to default"),
                ));
            }
        }
    }
    for item in last {
        let before = show(&item.name).ok();
        match set_config_option_ext(&item.name, Some(&item.value), context, GucSource::File, GucAction::Set) {
            Ok(()) => {
                set_source_location(&item.name, &item.filename, item.line);
                if !startup && before.is_some() && before != show(&item.name).ok() {
                    reports.push(PgError::notice(
                        change_level,
                        SqlState::SUCCESSFUL_COMPLETION,
                        format!("parameter \"{}\" changed to \"{}\"", item.name, item.value),
                    ));
                }
            }
            Err(e) => {
                reports.push(log(e));
                error = true;
            }
        }
    }
    if error {
        return finish(reports, true);
    }
    ConfigFileOutcome { reports }
}

// ---- sysviews
/// One setting of the configuration files as `pg_show_all_file_settings`
/// reports it (the `pg_file_settings` view).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSetting {
    /// The file and line it is on (`None` for an error not tied to a line).
    pub source: Option<(String, u32)>,
    /// Its position among the file's settings, from 1.
    pub seqno: i32,
    /// The setting's name and value as written (`None` for an error row).
    pub item: Option<(String, String)>,
    /// Whether a reload would apply it.
    pub applied: bool,
    /// Why it would not be applied, if it is an error.
    pub error: Option<String>,
}

/// The settings in the configuration file at `path` and the files it
/// includes, in order, and whether a reload would apply each
/// (`ProcessConfigFileInternal` without applying anything): an earlier
/// setting of a name given again later is not applied; an unknown name
/// is "unrecognized configuration parameter" and then nothing is applied;
/// a value that fails its check, or changes a restart-only setting, is
/// "setting could not be applied". A file that cannot be read or parsed
/// is one row with the error.
pub fn file_settings(path: &Path) -> Vec<FileSetting> {
    let mut items = Vec::new();
    if let Err(e) = collect_items(path, 0, &mut items) {
        return vec![FileSetting {
            source: None,
            seqno: 1,
            item: None,
            applied: false,
            error: Some(e.message.clone()),
        }];
    }
    let mut rows: Vec<FileSetting> = items
        .iter()
        .enumerate()
        .map(|(i, item)| FileSetting {
            source: Some((item.filename.clone(), item.line)),
            seqno: i32::try_from(i + 1).unwrap_or(i32::MAX),
            item: Some((item.name.clone(), item.value.clone())),
            applied: false,
            error: None,
        })
        .collect();
    let mut unknown = false;
    for (row, item) in rows.iter_mut().zip(&items) {
        if !is_known_or_custom(&item.name) {
            row.error = Some("unrecognized configuration parameter".to_string());
            unknown = true;
        }
    }
    if unknown {
        return rows;
    }
    for (i, item) in items.iter().enumerate() {
        let superseded = items[i + 1..].iter().any(|later| later.name.eq_ignore_ascii_case(&item.name));
        if superseded {
            continue;
        }
        if crate::guc::file_value_applies(&item.name, &item.value) {
            rows[i].applied = true;
        } else {
            rows[i].error = Some("setting could not be applied".to_string());
        }
    }
    rows
}

/// Start-up: applies the main configuration file, records it as
/// `config_file`, and defaults `hba_file` and `ident_file` to `pg_hba.conf`
/// and `pg_ident.conf` beside it. On any
/// error returns the FATAL report, with the LOG lines before it as its detail.
pub fn load_config_file(path: &Path) -> PgResult<()> {
    let outcome = apply_config_file(path, GucContext::Postmaster);
    if let Some(fatal) = outcome.fatal() {
        let lines: Vec<&str> =
            outcome.reports.iter().filter(|r| r.severity != Severity::Fatal).map(|r| r.message.as_str()).collect();
        let mut fatal = fatal.clone();
        if !lines.is_empty() {
            fatal.detail = Some(lines.join("\n"));
        }
        return Err(fatal);
    }
    set_internal("config_file", &path.display().to_string())?;
    for (setting, file) in [("hba_file", "pg_hba.conf"), ("ident_file", "pg_ident.conf")] {
        if crate::get_string(setting)?.is_empty() {
            let beside = path.parent().map(|d| d.join(file)).unwrap_or_else(|| PathBuf::from(file));
            set_internal(setting, &beside.display().to_string())?;
        }
    }
    Ok(())
}

/// SIGHUP: re-reads the configuration file; returns the reports to log.
pub fn reload_config_file(path: &Path) -> PgResult<Vec<PgError>> {
    Ok(apply_config_file(path, GucContext::Sighup).reports)
}

/// Splits a `-c name=value` argument, also accepting `--name=value` (pass it
/// with or without the dashes); dashes in the name become underscores, as in
/// PostgreSQL's `ParseLongOption`.
pub fn parse_dash_c(arg: &str) -> PgResult<(String, String)> {
    let (long, body) = match arg.strip_prefix("--") {
        Some(body) => (true, body),
        None => (false, arg),
    };
    match body.split_once('=') {
        Some((name, value)) => Ok((name.replace('-', "_"), value.to_string())),
        None => {
            let message =
                if long { format!("--{body} requires a value") } else { format!("-c {body} requires a value") };
            Err(PgError::new(SqlState::SYNTAX_ERROR, message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_lines() {
        let check = |text: &str, expect: Result<Vec<(&str, &str, u32)>, &str>| {
            let got = parse_config_file("f.conf", text)
                .map(|items| items.into_iter().map(|i| (i.name, i.value, i.line)).collect::<Vec<_>>())
                .map_err(|e| e.into_data().message);
            let expect = expect
                .map(|v| v.into_iter().map(|(n, v, l)| (n.to_string(), v.to_string(), l)).collect::<Vec<_>>())
                .map_err(str::to_string);
            assert_eq!(got, expect, "{text:?}");
        };
        check("# comment\n\n  \nport = 5433\n", Ok(vec![("port", "5433", 4)]));
        check("port 5433", Ok(vec![("port", "5433", 1)]));
        check("port=5433#c", Ok(vec![("port", "5433", 1)]));
        check("shared_buffers = 128MB  # min 128kB", Ok(vec![("shared_buffers", "128MB", 1)]));
        check("shared_buffers = '128MB'", Ok(vec![("shared_buffers", "128MB", 1)]));
        check("application_name = 'it''s'", Ok(vec![("application_name", "it's", 1)]));
        check("application_name = 'a\\'b\\n'", Ok(vec![("application_name", "a'b\n", 1)]));
        check("search_path = '\"$user\", public'", Ok(vec![("search_path", "\"$user\", public", 1)]));
        check("password_encryption = scram-sha-256", Ok(vec![("password_encryption", "scram-sha-256", 1)]));
        check("unix_socket_directories = /var/run/pg", Err("syntax error in file \"f.conf\" line 1, near token \"/\""));
        check("myapp.x = on\r\n", Ok(vec![("myapp.x", "on", 1)]));
        check("extra_float_digits = -3", Ok(vec![("extra_float_digits", "-3", 1)]));
        check("x = 0.5e3", Ok(vec![("x", "0.5e3", 1)]));
        check("x = 0.5 # c", Ok(vec![("x", "0.5", 1)]));
        check("x = 5e-3", Ok(vec![("x", "5e-3", 1)]));
        check("max_connections = 10foo", Ok(vec![("max_connections", "10foo", 1)]));
        check("work_mem = 1.5MB", Err("syntax error in file \"f.conf\" line 1, near token \"MB\""));
        check("work_mem = '1.5MB'", Ok(vec![("work_mem", "1.5MB", 1)]));
        check("a.b = x:y/z-w", Ok(vec![("a.b", "x:y/z-w", 1)]));
        check("work_mem = 0x10kB", Ok(vec![("work_mem", "0x10kB", 1)]));
        check("a = 1\nb = 2", Ok(vec![("a", "1", 1), ("b", "2", 2)]));
        check("work_mem = = 3", Err("syntax error in file \"f.conf\" line 1, near token \"=\""));
        check("work_mem = 3 4", Err("syntax error in file \"f.conf\" line 1, near token \"4\""));
        check("work_mem = 'abc", Err("syntax error in file \"f.conf\" line 1, near token \"'\""));
        check("port =\n", Err("syntax error in file \"f.conf\" line 1, near end of line"));
        check("ok = 1\n= 3", Err("syntax error in file \"f.conf\" line 2, near token \"=\""));
        check("128 MB", Err("syntax error in file \"f.conf\" line 1, near token \"128\""));
        check("shared_buffers = 128 MB", Err("syntax error in file \"f.conf\" line 1, near token \"MB\""));
    }

    #[test]
    fn dash_c() {
        let check = |arg: &str, expect: Result<(&str, &str), &str>| {
            let got = parse_dash_c(arg).map_err(|e| e.into_data().message);
            assert_eq!(got, expect.map(|(a, b)| (a.to_string(), b.to_string())).map_err(str::to_string), "{arg}");
        };
        check("work_mem=8MB", Ok(("work_mem", "8MB")));
        check("--shared-buffers=1GB", Ok(("shared_buffers", "1GB")));
        check("log-min-messages=debug1", Ok(("log_min_messages", "debug1")));
        check("search_path=a=b", Ok(("search_path", "a=b")));
        check("port=", Ok(("port", "")));
        check("port", Err("-c port requires a value"));
        check("--port", Err("--port requires a value"));
    }
}
