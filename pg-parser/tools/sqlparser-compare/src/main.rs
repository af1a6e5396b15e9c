//! Measures pg-parser against sqlparser-rs (with its PostgreSQL dialect) on the same SQL: how
//! many statements each accepts, and how long each takes to parse them.
//!
//! ```text
//! cargo run --release -- [--sample FILE] [--corpus DUMP] [--rounds N]
//! ```
//!
//! `--sample` defaults to `../../benches/sample.sql` (the criterion bench's sample), split into
//! statements where pg-parser says they end. `--corpus` takes the file `cargo xtask
//! parser-corpus --dump FILE` writes (one query string a line, `\n` for a newline), for the
//! regression corpus, which this repository does not hold. Each parser runs over all the
//! strings `--rounds` times (default 20), alternating with the other so that both see the same
//! machine load; the figure is the fastest round, and it counts only the strings both accept
//! (a string one parser rejects early costs it less). It is a measuring program, not a test: it
//! lives outside the workspace and CI.

use sqlparser::dialect::PostgreSqlDialect;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn pg_ok(sql: &str) -> bool {
    // pg-parser queues the scanner's NOTICEs for a backend to send; nothing sends them here.
    let ok = pg_parser::parse(sql)
        .is_ok_and(|stmts| !stmts.iter().any(|s| format!("{:?}", s.stmt).contains("Unsupported {")));
    let _ = pg_error::notice::take_notices();
    ok
}

fn sqlparser_ok(sql: &str) -> bool {
    sqlparser::parser::Parser::parse_sql(&PostgreSqlDialect {}, sql).is_ok()
}

/// The fastest of `rounds` passes of each parser over `strings`, alternating.
fn time_both(strings: &[&str], rounds: usize) -> (Duration, Duration) {
    let (mut best_pg, mut best_sp) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        for s in strings {
            let _ = black_box(pg_parser::parse(black_box(s)));
        }
        best_pg = best_pg.min(t.elapsed());
        let _ = pg_error::notice::take_notices();
        let t = Instant::now();
        for s in strings {
            let _ = black_box(sqlparser::parser::Parser::parse_sql(&PostgreSqlDialect {}, black_box(s)));
        }
        best_sp = best_sp.min(t.elapsed());
    }
    (best_pg, best_sp)
}

fn report(title: &str, strings: &[&str], rounds: usize) {
    let pg: Vec<bool> = strings.iter().map(|s| pg_ok(s)).collect();
    let sp: Vec<bool> = strings.iter().map(|s| sqlparser_ok(s)).collect();
    let both: Vec<&str> =
        strings.iter().zip(pg.iter().zip(&sp)).filter(|(_, (a, b))| **a && **b).map(|(s, _)| *s).collect();
    let pg_only: Vec<&str> =
        strings.iter().zip(pg.iter().zip(&sp)).filter(|(_, (a, b))| **a && !**b).map(|(s, _)| *s).collect();
    let bytes: usize = both.iter().map(|s| s.len()).sum();
    let (t_pg, t_sp) = time_both(&both, rounds);
    let (t_pg_all, _) =
        time_both(&strings.iter().zip(&pg).filter(|(_, ok)| **ok).map(|(s, _)| *s).collect::<Vec<_>>(), rounds);
    println!("{title}: {} strings", strings.len());
    println!("  parsed by pg-parser          {:>7}", pg.iter().filter(|x| **x).count());
    println!("  parsed by sqlparser-rs       {:>7}", sp.iter().filter(|x| **x).count());
    println!("  parsed by both               {:>7} ({} bytes)", both.len(), bytes);
    println!("  time on the strings both parse (fastest of {rounds} rounds):");
    println!("    pg-parser      {:>10.3} ms", t_pg.as_secs_f64() * 1e3);
    println!(
        "    sqlparser-rs   {:>10.3} ms  ({:.2}x pg-parser's)",
        t_sp.as_secs_f64() * 1e3,
        t_sp.as_secs_f64() / t_pg.as_secs_f64()
    );
    println!("  pg-parser on every string it parses: {:.3} ms", t_pg_all.as_secs_f64() * 1e3);
    for s in pg_only.iter().take(5) {
        println!(
            "  only pg-parser: {}",
            s.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(100).collect::<String>()
        );
    }
}

fn main() {
    let mut sample_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/sample.sql").to_string();
    let mut corpus = None;
    let mut rounds = 20;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--sample" => sample_path = value(),
            "--corpus" => corpus = Some(value()),
            "--rounds" => rounds = value().parse().expect("--rounds takes a number"),
            _ => panic!("unknown argument {a}"),
        }
    }
    let sample = std::fs::read_to_string(&sample_path).expect("reading the sample");
    let stmts = pg_parser::parse(&sample).expect("the sample parses");
    let strings: Vec<&str> = stmts.iter().map(|s| sample[s.location..s.location + s.len].trim()).collect();
    println!("sqlparser-rs {} (PostgreSqlDialect), pg-parser of this repository", sqlparser_version());
    report(&format!("sample {sample_path}"), &strings, rounds);
    if let Some(path) = corpus {
        let text = std::fs::read_to_string(&path).expect("reading the corpus dump");
        let lines: Vec<String> = text.lines().map(|l| l.replace("\\n", "\n")).collect();
        let strings: Vec<&str> = lines.iter().map(String::as_str).collect();
        report(&format!("corpus {path}"), &strings, rounds.min(5));
    }
}

/// The sqlparser-rs version Cargo resolved (from its lock file entry, read at build time).
fn sqlparser_version() -> &'static str {
    let lock = include_str!("../Cargo.lock");
    lock.split("[[package]]")
        .find(|p| p.contains("name = \"sqlparser\""))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"'))
        .unwrap_or("?")
}
