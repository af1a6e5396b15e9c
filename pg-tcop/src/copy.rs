//! `COPY table [(columns)] FROM STDIN | 'file'` and `COPY table [(columns)] TO
//! STDOUT | 'file'` (PostgreSQL's `commands/copy.c`, `copyfrom.c`, `copyto.c`, and
//! the COPY sub-protocol of `tcop/postgres.c`), in the text and CSV
//! formats.
//!
//! COPY TO runs `SELECT columns FROM table` through the ordinary pipeline
//! and sends each row as one CopyData message, formatted as the text or
//! CSV format says, between CopyOutResponse and CopyDone.
//!
//! COPY FROM answers CopyInResponse, then reads CopyData messages (Flush
//! and Sync are ignored, CopyFail ends it with 57014 as PostgreSQL's
//! "COPY from stdin failed") until CopyDone. The data is split into
//! lines (CSV: records, whose quoted fields may span lines), each field
//! is read by its column type's input function, and the rows are inserted
//! through `INSERT INTO table (columns) VALUES ($1, ...), ...` planned once
//! for batches of rows, so defaults, constraints and TOAST are the
//! INSERT's. Options: FORMAT text | csv, DELIMITER, NULL, HEADER, QUOTE,
//! ESCAPE, and FREEZE. FREEZE answers PostgreSQL's 55000 unless the table
//! got its file in the current subtransaction (CREATE TABLE, TRUNCATE, a
//! rewrite: `ddl::new_relfilenode_in_current_subtransaction`); the rows
//! are then written as any COPY writes them, not frozen: with 64-bit
//! transaction ids nothing ever needs freezing, and no other transaction
//! can see the new file before commit anyway. BINARY, programs, WHERE and
//! the FORCE_* options answer 0A000.
//!
//! `COPY (query) TO` plans the query (SELECT, VALUES, or DML with
//! RETURNING) from the client's text and sends its rows as COPY TO sends
//! a table's.
//!
//! `COPY table FROM 'file'` and `TO 'file'` (superusers only, 42501
//! otherwise, as PostgreSQL's pg_read/write_server_files check; no such
//! roles exist here) read the whole file and run it through the same
//! reader as a CopyData stream, or write the lines to the file instead of
//! CopyData messages. A relative name is relative to the data directory;
//! COPY TO refuses relative names (42602), as PostgreSQL.

use crate::postgres::Backend;
use pg_error::{PgError, PgResult, SqlState};
use pg_executor::{ColumnInfo, DestReceiver, ExecContext};
use pg_parser::ast::{CopyOption, CopyOptionArg, CopySource, CopyStmt, RawStmt};
use pg_protocol::backend as be;
use pg_types::datum::Datum;

/// Rows per INSERT that COPY FROM runs.
const BATCH_ROWS: usize = 100;

/// The format options of one COPY (`CopyFormatOptions`).
struct Format {
    csv: bool,
    delimiter: u8,
    null: String,
    header: bool,
    quote: u8,
    escape: u8,
    /// FREEZE: the table must be new (created or truncated) in the
    /// current subtransaction.
    freeze: bool,
}

fn option_string(o: &CopyOption) -> PgResult<String> {
    match &o.arg {
        Some(CopyOptionArg::String(s)) => Ok(s.clone()),
        _ => Err(PgError::new(SqlState::SYNTAX_ERROR, format!("{} requires a parameter", o.name))),
    }
}

fn option_bool(o: &CopyOption) -> PgResult<bool> {
    match &o.arg {
        None => Ok(true),
        Some(CopyOptionArg::Boolean(b)) => Ok(*b),
        Some(CopyOptionArg::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "on" | "1" => Ok(true),
            "false" | "off" | "0" => Ok(false),
            _ => Err(PgError::new(SqlState::SYNTAX_ERROR, format!("{} requires a Boolean value", o.name))),
        },
        Some(CopyOptionArg::Number(v)) => Ok(!matches!(v, pg_parser::ast::Value::Integer(0))),
        _ => Err(PgError::new(SqlState::SYNTAX_ERROR, format!("{} requires a Boolean value", o.name))),
    }
}

fn one_byte(o: &CopyOption, what: &str) -> PgResult<u8> {
    let s = option_string(o)?;
    match s.as_bytes() {
        [b] => Ok(*b),
        _ => Err(PgError::new(
            SqlState::FEATURE_NOT_SUPPORTED,
            format!("COPY {what} must be a single one-byte character"),
        )),
    }
}

/// `ProcessCopyOptions`.
fn parse_options(options: &[CopyOption]) -> PgResult<Format> {
    let mut f = Format {
        csv: false,
        delimiter: b'\t',
        null: String::new(),
        header: false,
        quote: b'"',
        escape: 0,
        freeze: false,
    };
    let (mut delimiter, mut null, mut quote, mut escape) = (None, None, None, None);
    for o in options {
        match o.name.as_str() {
            "format" => match option_string(o)?.to_ascii_lowercase().as_str() {
                "text" => f.csv = false,
                "csv" => f.csv = true,
                "binary" => return Err(PgError::not_supported("COPY in binary format is not supported yet")),
                other => {
                    return Err(PgError::new(
                        SqlState::INVALID_PARAMETER_VALUE,
                        format!("COPY format \"{other}\" not recognized"),
                    ))
                }
            },
            "delimiter" => delimiter = Some(one_byte(o, "delimiter")?),
            "null" => null = Some(option_string(o)?),
            "header" => f.header = option_bool(o)?,
            "quote" => quote = Some(one_byte(o, "quote")?),
            "escape" => escape = Some(one_byte(o, "escape")?),
            // Checked against the table by COPY FROM; COPY TO ignores it,
            // as PostgreSQL 15 does.
            "freeze" => f.freeze = option_bool(o)?,
            "encoding" => {
                let e = option_string(o)?;
                if !e.eq_ignore_ascii_case("utf8") && !e.eq_ignore_ascii_case("utf-8") {
                    return Err(PgError::not_supported("COPY ENCODING other than UTF8 is not supported yet"));
                }
            }
            other => return Err(PgError::not_supported(format!("COPY option \"{other}\" is not supported yet"))),
        }
    }
    f.delimiter = delimiter.unwrap_or(if f.csv { b',' } else { b'\t' });
    f.null = null.unwrap_or_else(|| if f.csv { String::new() } else { "\\N".into() });
    if f.csv {
        f.quote = quote.unwrap_or(b'"');
        f.escape = escape.unwrap_or(f.quote);
    } else if quote.is_some() || escape.is_some() {
        return Err(PgError::new(SqlState::FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode"));
    }
    Ok(f)
}

/// An identifier in double quotes (what the parser folded is kept as is).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Backend {
    /// Runs a COPY statement; returns its tag (`COPY n`).
    pub(crate) fn exec_copy(&mut self, full_sql: &str, raw: &RawStmt, c: &CopyStmt) -> PgResult<String> {
        if c.is_program || c.where_clause.is_some() {
            return Err(crate::exec::reject_unsupported(full_sql, &raw.stmt));
        }
        // DoCopy's privilege check comes before the table is opened.
        if c.filename.is_some() && !self.session.role.superuser {
            let (role, direction) =
                if c.is_from { ("pg_read_server_files", "from") } else { ("pg_write_server_files", "to") };
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be superuser or have privileges of the {role} role to COPY {direction} a file"),
            )
            .with_hint("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone."));
        }
        let (relation, columns) = match &c.source {
            CopySource::Table { relation, columns } => (relation, columns),
            CopySource::Query(query) => return self.copy_query_to(full_sql, raw, query, c),
        };
        // The table first (PostgreSQL opens it before reading the options).
        if !crate::exec::relation_exists(full_sql, relation)? {
            let shown = match &relation.schema {
                Some(s) => format!("{s}.{}", relation.name),
                None => relation.name.clone(),
            };
            return Err(PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist")));
        }
        let format = parse_options(&c.options)?;
        // CopyFrom's check, made after the COPY stream has begun (the
        // client still sends its data, which is read and dropped).
        let mut refused = None;
        if c.is_from && format.freeze {
            let mut names: Vec<String> = relation.schema.iter().cloned().collect();
            names.push(relation.name.clone());
            let relid = crate::ddl::find_relation_oid(&self.session, &names)?.unwrap_or(0);
            if !crate::ddl::new_relfilenode_in_current_subtransaction(relid) {
                refused = Some(PgError::new(
                    SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "cannot perform COPY FREEZE because the table was not created or truncated in the current \
                     subtransaction",
                ));
            }
        }
        let table = match &relation.schema {
            Some(s) => format!("{}.{}", quoted(s), quoted(&relation.name)),
            None => quoted(&relation.name),
        };
        let cols: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
        let path = c.filename.as_deref().map(server_file_path);
        match (c.is_from, path) {
            (true, None) => self.copy_from(&table, &relation.name, &cols, &format, None, refused),
            (true, Some(path)) => {
                let name = c.filename.as_deref().unwrap_or_default();
                if path.is_dir() {
                    return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{name}\" is a directory")));
                }
                let file = std::fs::File::open(&path).map_err(|e| {
                    if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied) {
                        file_error(&e, name, "for reading").with_hint(
                            "COPY FROM instructs the PostgreSQL server process to read a file. You may want a \
                             client-side facility such as psql's \\copy.",
                        )
                    } else {
                        file_error(&e, name, "for reading")
                    }
                })?;
                self.copy_from(&table, &relation.name, &cols, &format, Some(file), refused)
            }
            (false, path) => {
                let list = if cols.is_empty() { "*".to_string() } else { cols.join(", ") };
                let (plan, _) = Self::copy_plan(&format!("SELECT {list} FROM {table}"), &[])?;
                self.copy_to(&plan, &format, path.as_deref(), c.filename.as_deref())
            }
        }
    }

    /// `COPY (query) TO STDOUT | 'file'`: the query (a SELECT, VALUES, or
    /// an INSERT/UPDATE/DELETE with RETURNING) is analyzed and planned from
    /// the client's text, so its errors point into it.
    fn copy_query_to(
        &mut self,
        full_sql: &str,
        raw: &RawStmt,
        query: &pg_parser::ast::Stmt,
        c: &CopyStmt,
    ) -> PgResult<String> {
        use pg_parser::ast::Stmt;
        let returns_rows = match query {
            Stmt::Insert(i) => !i.returning.is_empty(),
            Stmt::Update(u) => !u.returning.is_empty(),
            Stmt::Delete(d) => !d.returning.is_empty(),
            _ => true,
        };
        if !returns_rows {
            return Err(PgError::not_supported("COPY query must have a RETURNING clause"));
        }
        let format = parse_options(&c.options)?;
        let inner = RawStmt { stmt: query.clone(), location: raw.location, len: raw.len };
        let plan = crate::exec::plan_query(full_sql, &inner)?;
        crate::xact::check_plan_read_only(&plan)?;
        let path = c.filename.as_deref().map(server_file_path);
        self.copy_to(&plan, &format, path.as_deref(), c.filename.as_deref())
    }

    /// The plan of `sql` (a statement the COPY makes up) and the types of
    /// its parameters.
    fn copy_plan(sql: &str, param_types: &[u32]) -> PgResult<(pg_planner::PlannedStmt, Vec<u32>)> {
        let stmts = pg_parser::parse(sql)?;
        let raw = stmts.into_iter().next().ok_or_else(|| PgError::internal("empty COPY statement"))?;
        // A position would point into the statement made up here, not the
        // client's COPY.
        crate::exec::prepare(sql, &raw, param_types).map_err(|mut e| {
            e.position = None;
            e
        })
    }

    /// The next message of a COPY FROM stream, its type and body.
    fn read_copy_message(&mut self) -> PgResult<Option<(u8, Vec<u8>)>> {
        let Some(t) = self.read_message()? else { return Ok(None) };
        let body = self.message_body.take().map(|b| b.to_vec()).unwrap_or_default();
        Ok(Some((t, body)))
    }

    /// COPY TO STDOUT (`file` None) or TO a server file (`name` as the
    /// client wrote it), of the rows of `plan`.
    fn copy_to(
        &mut self,
        plan: &pg_planner::PlannedStmt,
        format: &Format,
        file: Option<&std::path::Path>,
        name: Option<&str>,
    ) -> PgResult<String> {
        if name.is_some_and(|n| !std::path::Path::new(n).is_absolute()) {
            return Err(PgError::new(SqlState::INVALID_NAME, "relative path not allowed for COPY to file"));
        }
        let settings = crate::exec::output_settings();
        let portal = pg_mcxt::create_portal_context("");
        let _current = portal.switch_to();
        let mut ctx = ExecContext::new(pg_proc::interrupts::check_for_interrupts, &settings, portal.clone());
        let file = match file {
            None => None,
            Some(path) => Some(std::io::BufWriter::new(
                std::fs::File::create(path).map_err(|e| file_error(&e, &path.to_string_lossy(), "for writing"))?,
            )),
        };
        let to_file = file.is_some();
        let mut dest =
            CopyOut { backend: self, format, settings: &settings, types: Vec::new(), line: Vec::new(), file };
        let mut r = pg_executor::execute(plan, &mut ctx, &mut dest);
        if let (Ok(_), Some(w)) = (&r, dest.file.as_mut()) {
            if let Err(e) = std::io::Write::flush(w) {
                r = Err(write_error(&e));
            }
        }
        drop(dest);
        drop(ctx);
        drop(_current);
        portal.delete();
        let tag = r?;
        if !to_file {
            be::encode_copy_done(&mut self.port.outbuf);
        }
        Ok(format!("COPY {}", tag.rows))
    }

    /// COPY FROM STDIN (`file` None) or from a server file, read in
    /// chunks; `refused` is an error to answer once the stream is read.
    fn copy_from(
        &mut self,
        table: &str,
        relname: &str,
        cols: &[String],
        format: &Format,
        mut file: Option<std::fs::File>,
        refused: Option<PgError>,
    ) -> PgResult<String> {
        // The columns and their types, from the single-row INSERT.
        let list = if cols.is_empty() { String::new() } else { format!(" ({})", cols.join(", ")) };
        let select_list = if cols.is_empty() { "*".to_string() } else { cols.join(", ") };
        let (probe, _) = Self::copy_plan(&format!("SELECT {select_list} FROM {table}"), &[])?;
        let ncols = probe.columns.len();
        let values = |rows: usize| -> String {
            (0..rows)
                .map(|r| {
                    let ps: Vec<String> = (0..ncols).map(|c| format!("${}", r * ncols + c + 1)).collect();
                    format!("({})", ps.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (one, types) =
            Self::copy_plan(&format!("INSERT INTO {table}{list} VALUES {}", values(1)), &vec![0; ncols])?;
        let from_file = file.is_some();
        if !from_file {
            be::encode_copy_in_response(&mut self.port.outbuf, false, &vec![0; ncols]);
            self.port.flush()?;
        }
        let settings = crate::exec::output_settings();
        // Interval's input reads the column's typmod (its field range says
        // what a bare number is); other typmods are applied by the INSERT.
        let input_typmod = |i: usize| match probe.columns.get(i) {
            Some(c) if c.type_oid == pg_types::oid::INTERVAL => c.typmod,
            _ => -1,
        };
        let mut reader = CopyReader::new(format);
        let mut chunk = vec![0u8; FILE_CHUNK_BYTES];
        let mut pending: Vec<Datum> = Vec::new();
        let mut batch_plan: Option<pg_planner::PlannedStmt> = None;
        let mut count = 0u64;
        let mut error: Option<PgError> = refused;
        // Reads the whole COPY stream even after an error, as PostgreSQL
        // does, so the protocol stays in step.
        loop {
            if let Some(f) = file.as_mut() {
                pg_error::check_for_interrupts()?;
                let n = std::io::Read::read(f, &mut chunk).map_err(|e| {
                    PgError::new(
                        file_access_code(&e),
                        format!("could not read from COPY file: {}", crate::os_error_text(&e)),
                    )
                })?;
                if n == 0 {
                    reader.done = true;
                } else {
                    reader.feed(&chunk[..n]);
                }
            } else if let Some((msg_type, body)) = self.read_copy_message()? {
                match msg_type {
                    b'd' => reader.feed(&body),
                    b'c' => reader.done = true,
                    b'f' => {
                        let reason = String::from_utf8_lossy(body.strip_suffix(&[0]).unwrap_or(&body)).into_owned();
                        return Err(PgError::new(
                            SqlState::QUERY_CANCELED,
                            format!("COPY from stdin failed: {reason}"),
                        ));
                    }
                    b'H' | b'S' => continue,
                    other => {
                        return Err(PgError::new(
                            SqlState::PROTOCOL_VIOLATION,
                            format!("unexpected message type 0x{other:02X} during COPY from stdin"),
                        ))
                    }
                }
            } else {
                return Err(PgError::fatal(
                    SqlState::CONNECTION_FAILURE,
                    "unexpected EOF on client connection with an open transaction",
                ));
            }
            if error.is_some() {
                // A client's stream is read to its end; a file need not be.
                if reader.done || from_file {
                    break;
                }
                continue;
            }
            let r = (|| -> PgResult<()> {
                while let Some(fields) = reader.next_record()? {
                    // CopyFromErrorCallback's context lines.
                    let line_context = || format!("COPY {relname}, line {}: \"{}\"", reader.line_no, reader.last_line);
                    if fields.len() > ncols {
                        return Err(PgError::new(
                            SqlState::BAD_COPY_FILE_FORMAT,
                            "extra data after last expected column",
                        )
                        .with_context(line_context()));
                    }
                    if fields.len() < ncols {
                        return Err(PgError::new(
                            SqlState::BAD_COPY_FILE_FORMAT,
                            format!("missing data for column \"{}\"", column_name(&probe, fields.len())),
                        )
                        .with_context(line_context()));
                    }
                    for (i, (f, t)) in fields.into_iter().zip(&types).enumerate() {
                        pending.push(match f {
                            None => Datum::Null,
                            Some(text) => pg_types::io::input(*t, input_typmod(i), &text, &settings).map_err(|e| {
                                e.with_context(format!(
                                    "COPY {relname}, line {}, column {}: \"{text}\"",
                                    reader.line_no,
                                    column_name(&probe, i)
                                ))
                            })?,
                        });
                    }
                    if pending.len() == BATCH_ROWS * ncols {
                        if batch_plan.is_none() {
                            let sql = format!("INSERT INTO {table}{list} VALUES {}", values(BATCH_ROWS));
                            batch_plan = Some(Self::copy_plan(&sql, &vec![0; ncols * BATCH_ROWS])?.0);
                        }
                        count += run_insert(batch_plan.as_ref().expect("planned"), &pending, &settings)?;
                        pending.clear();
                    }
                }
                Ok(())
            })();
            if let Err(e) = r {
                error = Some(if e.context.is_some() {
                    e
                } else {
                    e.with_context(format!("COPY {relname}, line {}", reader.line_no))
                });
            }
            if reader.done {
                break;
            }
        }
        if let Some(e) = error {
            return Err(e);
        }
        for row in pending.chunks(ncols.max(1)) {
            if ncols == 0 {
                break;
            }
            count += run_insert(&one, row, &settings)?;
        }
        Ok(format!("COPY {count}"))
    }
}

/// A COPY file name as the server opens it: relative names are relative
/// to the data directory (the server's working directory in PostgreSQL).
fn server_file_path(name: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(name);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        crate::data_dir().join(p)
    }
}

/// `errcode_for_file_access`: the SQLSTATE of an OS error.
fn file_access_code(e: &std::io::Error) -> SqlState {
    match e.kind() {
        std::io::ErrorKind::NotFound => SqlState::UNDEFINED_FILE,
        std::io::ErrorKind::PermissionDenied => SqlState::INSUFFICIENT_PRIVILEGE,
        std::io::ErrorKind::AlreadyExists => SqlState::DUPLICATE_FILE,
        _ => SqlState::IO_ERROR,
    }
}

/// `could not open file "<name>" for reading|writing: <OS error>`.
fn file_error(e: &std::io::Error, name: &str, how: &str) -> PgError {
    PgError::new(file_access_code(e), format!("could not open file \"{name}\" {how}: {}", crate::os_error_text(e)))
}

/// A failed write of COPY TO's file.
fn write_error(e: &std::io::Error) -> PgError {
    PgError::new(file_access_code(e), format!("could not write to COPY file: {}", crate::os_error_text(e)))
}

/// The name of column `i` of a plan's output.
fn column_name(plan: &pg_planner::PlannedStmt, i: usize) -> &str {
    plan.columns.get(i).map(|c| c.name.as_str()).unwrap_or("?")
}

/// Runs one planned INSERT with `params`; returns the rows it inserted.
pub(crate) fn run_insert(
    plan: &pg_planner::PlannedStmt,
    params: &[Datum],
    settings: &pg_types::io::OutputSettings,
) -> PgResult<u64> {
    let portal = pg_mcxt::create_portal_context("");
    let mut ctx = ExecContext::new(pg_proc::interrupts::check_for_interrupts, settings, portal.clone());
    let r = pg_executor::execute_with_params(plan, params, &mut ctx, &mut NoRows);
    drop(ctx);
    portal.delete();
    Ok(r?.rows)
}

/// The destination of an INSERT without RETURNING: no rows.
struct NoRows;

impl DestReceiver for NoRows {
    fn startup(&mut self, _: &[ColumnInfo]) -> PgResult<()> {
        Ok(())
    }
    fn receive(&mut self, _: &[Datum]) -> PgResult<()> {
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

/// COPY TO's destination: each row as a CopyData message (`CopyOneRowTo`).
struct CopyOut<'b, 'f> {
    backend: &'b mut Backend,
    format: &'f Format,
    settings: &'f pg_types::io::OutputSettings,
    types: Vec<u32>,
    line: Vec<u8>,
    /// COPY TO a server file: its writer.
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl DestReceiver for CopyOut<'_, '_> {
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()> {
        self.types = columns.iter().map(|c| c.type_oid).collect();
        if self.file.is_none() {
            be::encode_copy_out_response(&mut self.backend.port.outbuf, false, &vec![0; columns.len()]);
        }
        if self.format.header {
            let names: Vec<Option<String>> = columns.iter().map(|c| Some(c.name.clone())).collect();
            self.send_line(&names)?;
        }
        Ok(())
    }

    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        let fields: Vec<Option<String>> = row
            .iter()
            .zip(&self.types)
            .map(|(d, t)| if d.is_null() { None } else { Some(pg_types::io::output(*t, d, self.settings)) })
            .collect();
        self.send_line(&fields)?;
        (pg_proc::interrupts::check_for_interrupts)()?;
        Ok(())
    }

    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

impl CopyOut<'_, '_> {
    fn send_line(&mut self, fields: &[Option<String>]) -> PgResult<()> {
        let f = self.format;
        self.line.clear();
        for (i, v) in fields.iter().enumerate() {
            if i > 0 {
                self.line.push(f.delimiter);
            }
            match v {
                None => self.line.extend_from_slice(f.null.as_bytes()),
                Some(s) if f.csv => {
                    // Quoted when it could be read back as something else:
                    // the NULL string, the end marker, or special bytes.
                    let needs = *s == f.null
                        || s == "\\."
                        || s.as_bytes().iter().any(|&b| b == f.delimiter || b == f.quote || b == b'\n' || b == b'\r');
                    if needs {
                        self.line.push(f.quote);
                        for &b in s.as_bytes() {
                            if b == f.quote || b == f.escape {
                                self.line.push(f.escape);
                            }
                            self.line.push(b);
                        }
                        self.line.push(f.quote);
                    } else {
                        self.line.extend_from_slice(s.as_bytes());
                    }
                }
                Some(s) => {
                    for &b in s.as_bytes() {
                        match b {
                            b'\\' => self.line.extend_from_slice(b"\\\\"),
                            b'\n' => self.line.extend_from_slice(b"\\n"),
                            b'\r' => self.line.extend_from_slice(b"\\r"),
                            b'\t' => self.line.extend_from_slice(b"\\t"),
                            0x08 => self.line.extend_from_slice(b"\\b"),
                            0x0c => self.line.extend_from_slice(b"\\f"),
                            0x0b => self.line.extend_from_slice(b"\\v"),
                            d if d == f.delimiter => {
                                self.line.push(b'\\');
                                self.line.push(d);
                            }
                            other => self.line.push(other),
                        }
                    }
                }
            }
        }
        self.line.push(b'\n');
        if let Some(w) = self.file.as_mut() {
            return std::io::Write::write_all(w, &self.line).map_err(|e| write_error(&e));
        }
        let line = std::mem::take(&mut self.line);
        be::encode_copy_data(&mut self.backend.port.outbuf, &line);
        self.line = line;
        Ok(())
    }
}

/// How much of a server file COPY FROM reads at a time.
const FILE_CHUNK_BYTES: usize = 64 * 1024;

/// COPY FROM's parser over the data received so far (`CopyReadLine`,
/// `CopyReadAttributesText`, `CopyReadAttributesCSV`).
///
/// Records are consumed by moving `pos` forward; the consumed prefix is
/// dropped only when more data arrives, and the search for a record's end
/// resumes where it stopped, so the work stays linear in the input
/// however it is split into messages or chunks.
struct CopyReader<'f> {
    format: &'f Format,
    buf: Vec<u8>,
    /// Start of the unconsumed data in `buf`.
    pos: usize,
    /// How far the search for the current record's end has got, and
    /// whether it is inside CSV quotes there.
    scan: usize,
    scan_in_quote: bool,
    line_no: u64,
    /// The last record's text, for error contexts.
    last_line: String,
    header_skipped: bool,
    /// CopyDone has come (or the file ended): the last line needs no newline.
    done: bool,
}

impl<'f> CopyReader<'f> {
    fn new(format: &'f Format) -> Self {
        CopyReader {
            format,
            buf: Vec::new(),
            pos: 0,
            scan: 0,
            scan_in_quote: false,
            line_no: 0,
            last_line: String::new(),
            header_skipped: !format.header,
            done: false,
        }
    }

    /// Appends received data, first dropping what was consumed.
    fn feed(&mut self, data: &[u8]) {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.scan -= self.pos;
            self.pos = 0;
        }
        self.buf.extend_from_slice(data);
    }

    /// The next whole record's fields (None for NULL), or None when more
    /// data is needed (or all was read).
    fn next_record(&mut self) -> PgResult<Option<Vec<Option<String>>>> {
        loop {
            let Some(end) = self.record_end() else { return Ok(None) };
            let mut line: &[u8] = &self.buf[self.pos..end];
            self.pos = end;
            if self.buf.get(self.pos) == Some(&b'\n') {
                self.pos += 1;
            }
            self.scan = self.pos;
            self.scan_in_quote = false;
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            self.line_no += 1;
            // The end-of-data marker of the old protocol.
            if line == b"\\." {
                self.pos = self.buf.len();
                self.scan = self.pos;
                return Ok(None);
            }
            if !self.header_skipped {
                self.header_skipped = true;
                continue;
            }
            if self.done && line.is_empty() && self.pos >= self.buf.len() {
                return Ok(None);
            }
            let line = line.to_vec();
            self.last_line = String::from_utf8_lossy(&line).into_owned();
            return self.split(&line).map(Some);
        }
    }

    /// Where the next record ends in the buffer (its terminating newline's
    /// offset), honouring CSV quotes and backslash escapes; at CopyDone,
    /// the end of the data. Resumes the search where the last call
    /// stopped; an escape at the very end of the data waits for more.
    fn record_end(&mut self) -> Option<usize> {
        let f = self.format;
        let len = self.buf.len();
        let mut i = self.scan;
        let mut in_quote = self.scan_in_quote;
        while i < len {
            let b = self.buf[i];
            if f.csv {
                if in_quote && b == f.escape && f.escape != f.quote {
                    if i + 1 >= len && !self.done {
                        break;
                    }
                    if self.buf.get(i + 1) == Some(&f.quote) {
                        i += 2;
                        continue;
                    }
                }
                if b == f.quote {
                    in_quote = !in_quote;
                }
            } else if b == b'\\' {
                if i + 1 >= len && !self.done {
                    break;
                }
                i += 2;
                continue;
            }
            if b == b'\n' && !in_quote {
                return Some(i);
            }
            i += 1;
        }
        self.scan = i.min(len);
        self.scan_in_quote = in_quote;
        (self.done && self.pos < len).then_some(len)
    }

    fn split(&self, line: &[u8]) -> PgResult<Vec<Option<String>>> {
        let f = self.format;
        let text = |v: Vec<u8>| -> PgResult<String> {
            String::from_utf8(v).map_err(|_| {
                PgError::new(SqlState::CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"")
            })
        };
        let mut out = Vec::new();
        if f.csv {
            let mut i = 0;
            loop {
                let mut field = Vec::new();
                let mut was_quoted = false;
                let mut in_quote = false;
                while i < line.len() {
                    let b = line[i];
                    if in_quote {
                        // An escaped quote ("" when the escape is the quote).
                        if b == f.escape && line.get(i + 1) == Some(&f.quote) {
                            field.push(f.quote);
                            i += 2;
                            continue;
                        }
                        if b == f.quote {
                            in_quote = false;
                            i += 1;
                            continue;
                        }
                        field.push(b);
                        i += 1;
                        continue;
                    }
                    if b == f.quote {
                        in_quote = true;
                        was_quoted = true;
                        i += 1;
                        continue;
                    }
                    if b == f.delimiter {
                        break;
                    }
                    field.push(b);
                    i += 1;
                }
                if in_quote {
                    return Err(PgError::new(SqlState::BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field"));
                }
                let s = text(field)?;
                out.push(if !was_quoted && s == f.null { None } else { Some(s) });
                if i >= line.len() {
                    break;
                }
                i += 1;
            }
            return Ok(out);
        }
        for raw in line.split(|&b| b == f.delimiter) {
            if raw == f.null.as_bytes() {
                out.push(None);
                continue;
            }
            let mut v = Vec::with_capacity(raw.len());
            let mut i = 0;
            while i < raw.len() {
                let b = raw[i];
                if b != b'\\' || i + 1 >= raw.len() {
                    v.push(b);
                    i += 1;
                    continue;
                }
                let c = raw[i + 1];
                i += 2;
                match c {
                    b'b' => v.push(0x08),
                    b'f' => v.push(0x0c),
                    b'n' => v.push(b'\n'),
                    b'r' => v.push(b'\r'),
                    b't' => v.push(b'\t'),
                    b'v' => v.push(0x0b),
                    b'0'..=b'7' => {
                        let mut n = u32::from(c - b'0');
                        for _ in 0..2 {
                            match raw.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    n = n * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        v.push(n as u8);
                    }
                    b'x' => {
                        let mut n = 0u32;
                        let mut digits = 0;
                        while digits < 2 {
                            match raw.get(i).and_then(|d| (*d as char).to_digit(16)) {
                                Some(d) => {
                                    n = n * 16 + d;
                                    i += 1;
                                    digits += 1;
                                }
                                None => break,
                            }
                        }
                        if digits == 0 {
                            v.push(b'x');
                        } else {
                            v.push(n as u8);
                        }
                    }
                    other => v.push(other),
                }
            }
            out.push(Some(text(v)?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(csv: bool) -> Format {
        Format {
            csv,
            delimiter: if csv { b',' } else { b'\t' },
            null: if csv { String::new() } else { "\\N".to_string() },
            header: false,
            quote: b'"',
            escape: b'"',
            freeze: false,
        }
    }

    /// Every record of `data` fed in pieces of `piece` bytes.
    fn records(f: &Format, data: &[u8], piece: usize) -> Vec<Vec<Option<String>>> {
        let mut reader = CopyReader::new(f);
        let mut out = Vec::new();
        for chunk in data.chunks(piece) {
            reader.feed(chunk);
            while let Some(r) = reader.next_record().unwrap() {
                out.push(r);
            }
        }
        reader.done = true;
        while let Some(r) = reader.next_record().unwrap() {
            out.push(r);
        }
        out
    }

    #[test]
    fn records_do_not_depend_on_how_the_stream_is_split() {
        let text = b"1\ta\\tb\n2\t\\N\n3\tend\\\\\n4\tlast";
        let csv = b"1,\"a,\"\"b\"\"\nc\"\n2,\n3,\"x\"\r\n4,tail";
        for (f, data) in [(format(false), &text[..]), (format(true), &csv[..])] {
            let whole = records(&f, data, data.len());
            assert_eq!(whole.len(), 4, "{whole:?}");
            for piece in 1..data.len() {
                assert_eq!(records(&f, data, piece), whole, "pieces of {piece}");
            }
        }
        let whole = records(&format(false), text, text.len());
        assert_eq!(whole[0], vec![Some("1".to_string()), Some("a\tb".to_string())]);
        assert_eq!(whole[1], vec![Some("2".to_string()), None]);
        let whole = records(&format(true), csv, csv.len());
        assert_eq!(whole[0][1].as_deref(), Some("a,\"b\"\nc"));
    }

    #[test]
    fn consumed_data_is_dropped_as_more_arrives() {
        // A long stream fed line by line never holds more than the
        // unconsumed tail (the old reader drained the front of one buffer
        // per record, quadratic for a whole file).
        let f = format(false);
        let mut reader = CopyReader::new(&f);
        for i in 0..10_000 {
            reader.feed(format!("{i}\tvalue {i}\n").as_bytes());
            assert!(reader.next_record().unwrap().is_some());
            assert!(reader.buf.len() < 64, "buffer kept consumed data: {}", reader.buf.len());
        }
    }
}
