//! Golden SQL tests for the lifecycle parse → analyze → plan → execute.
//!
//! Every `tests/sql/*.sql` file is split into statements (one per line
//! group ending in `;`), each is run with fake system-view functions
//! registered, and the output (psql-like aligned tables, or the error with
//! SQLSTATE, position and hint) is compared with `tests/sql/*.out`.
//! `BLESS=1 cargo test -p pg-executor --test golden` rewrites the expected files.

use pg_catalog::BuiltinCatalog;
use pg_error::{PgError, PgResult};
use pg_executor::{run_select, ColumnInfo, DestReceiver, ExecContext, SessionInfo};
use pg_types::datum::Datum;
use pg_types::io::OutputSettings;
use pg_types::types::oid;
use std::path::Path;

mod fakes;

struct Collect<'a> {
    settings: &'a OutputSettings,
    columns: Vec<ColumnInfo>,
    rows: Vec<Vec<String>>,
}

impl DestReceiver for Collect<'_> {
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        let cells = row
            .iter()
            .zip(&self.columns)
            .map(|(d, c)| if d.is_null() { String::new() } else { pg_types::io::output(c.type_oid, d, self.settings) })
            .collect();
        self.rows.push(cells);
        Ok(())
    }
    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}

fn no_interrupts() -> PgResult<()> {
    Ok(())
}

/// Right-aligns numeric columns as psql does.
fn is_numeric(t: u32) -> bool {
    matches!(t, oid::INT2 | oid::INT4 | oid::INT8 | oid::FLOAT4 | oid::FLOAT8 | oid::NUMERIC | oid::OID)
}

fn format_table(columns: &[ColumnInfo], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| rows.iter().map(|r| r[i].chars().count()).chain([c.name.chars().count()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, &w)| {
            let n = c.name.chars().count();
            let left = (w - n) / 2;
            format!("{}{}{}", " ".repeat(left), c.name, " ".repeat(w - n - left))
        })
        .collect();
    out.push_str(&format!(" {} \n", header.join(" | ")).trim_end().to_string());
    out.push('\n');
    out.push_str(&widths.iter().map(|&w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
    out.push('\n');
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .zip(columns)
            .map(|((v, &w), c)| {
                let pad = " ".repeat(w - v.chars().count());
                if is_numeric(c.type_oid) {
                    format!("{pad}{v}")
                } else {
                    format!("{v}{pad}")
                }
            })
            .collect();
        out.push_str(format!(" {} ", cells.join(" | ")).trim_end());
        out.push('\n');
    }
    out.push_str(&format!("({} row{})\n", rows.len(), if rows.len() == 1 { "" } else { "s" }));
    out
}

fn format_error(e: &PgError) -> String {
    let mut s = format!("ERROR:  {} ({})", e.message, e.code.code());
    if let Some(p) = e.position {
        s.push_str(&format!(" at position {p}"));
    }
    s.push('\n');
    if let Some(d) = &e.detail {
        s.push_str(&format!("DETAIL:  {d}\n"));
    }
    if let Some(h) = &e.hint {
        s.push_str(&format!("HINT:  {h}\n"));
    }
    s
}

/// Runs one statement's text and renders its result.
pub fn run_one(sql: &str) -> String {
    let settings = fakes::settings();
    let stmts = match pg_parser::parse(sql) {
        Ok(s) => s,
        Err(e) => return format_error(&e),
    };
    let mut out = String::new();
    let search_path = vec!["$user".to_string(), "public".to_string()];
    let session = SessionInfo { sql, search_path: &search_path, session_user: "postgres" };
    for stmt in &stmts {
        let mut ctx = ExecContext {
            check_for_interrupts: no_interrupts,
            settings: &settings,
            query_allocator: allocator_api2::alloc::Global,
        };
        let mut dest = Collect { settings: &settings, columns: Vec::new(), rows: Vec::new() };
        match run_select(stmt, &session, &BuiltinCatalog, &mut ctx, &mut dest) {
            Ok(_) => out.push_str(&format_table(&dest.columns, &dest.rows)),
            Err(e) => out.push_str(&format_error(&e)),
        }
    }
    out
}

/// Splits a script into statements: a statement ends with a line ending in `;`.
/// Lines starting with `--` are comments, echoed as they are.
fn run_script(script: &str) -> String {
    let mut out = String::new();
    let mut pending = String::new();
    for line in script.lines() {
        if pending.is_empty() && (line.starts_with("--") || line.trim().is_empty()) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        pending.push_str(line);
        pending.push('\n');
        if line.trim_end().ends_with(';') {
            out.push_str(&pending);
            out.push_str(&run_one(pending.trim_end()));
            out.push('\n');
            pending.clear();
        }
    }
    out
}

#[test]
fn golden_sql_files() {
    fakes::register();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sql");
    let bless = std::env::var_os("BLESS").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/sql exists").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "sql")) {
        count += 1;
        let script = std::fs::read_to_string(path).expect("readable script");
        let actual = run_script(&script);
        let expected_path = path.with_extension("out");
        if bless {
            std::fs::write(&expected_path, &actual).expect("writable expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let actual_path = path.with_extension("actual");
            std::fs::write(&actual_path, &actual).expect("writable actual file");
            failures.push(format!("{} differs (see {})", path.display(), actual_path.display()));
        }
    }
    assert!(count > 0, "no .sql files in {}", dir.display());
    assert!(failures.is_empty(), "golden files differ (BLESS=1 to accept):\n{}", failures.join("\n"));
}
