//! `cargo xtask parser-corpus`: pg-parser measured against PostgreSQL 15 on
//! the query strings of PostgreSQL 15's regression suite.
//!
//! 1. Every `*.sql` file of the suite (`--sql DIR`, by default
//!    `../shared/pg-regress-15/sql` beside the workspace) is split into the
//!    query strings psql sends ([`psql_split`]), 42,098 of them. Strings of
//!    blanks only are left out (a `\g` on an empty buffer re-sends the
//!    previous query).
//! 2. pg-parser reads each string: *parsed* (a typed tree for every
//!    statement in it) or *rejected* (an error, with SQLSTATE and position).
//! 3. With `--pg HOST:PORT`, PostgreSQL's grammar gives its verdict on each
//!    string ([`oracle`] tells how an accept is told from a reject). Verdicts
//!    are cached in `target/parser-corpus-pg-verdicts.tsv`; a run without
//!    `--pg` compares with the cache when it covers every string.
//! 4. Every parsed string is printed with pg-parser's `Display` and parsed
//!    again; the round trip must give the same tree (locations aside).
//!
//! The summary goes to stdout; `--list FILE` writes every disagreement
//! (and every round-trip miss) with its file, line and text.
//!
//! Parsing is linear in each string's length and the suite is read once;
//! the first run against the oracle sends ~33,000 Parse messages (the
//! distinct strings; 15 s on a local server), later runs none.

mod oracle;
mod pglast;
mod psql_split;

use anyhow::{bail, Context, Result};
use oracle::{Cache, Oracle, Verdict};
use pg_parser::RawStmt;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask parser-corpus [--sql DIR] [--pg HOST:PORT] [--user NAME] [--list FILE] [--dump FILE]
                                [--pglast PYTHON]

  --sql DIR        the suite's sql directory (default ../shared/pg-regress-15/sql
                   next to the workspace)
  --pg HOST:PORT   a running PostgreSQL 15 with trust authentication (the
                   oracle, e.g. 127.0.0.1:54399); its verdicts are cached in
                   target/parser-corpus-pg-verdicts.tsv
  --user NAME      role for --pg (default postgres)
  --list FILE      write every disagreement and round-trip miss to FILE
  --pglast PYTHON  a Python with pglast 5 (PostgreSQL 15's parser): check that it reads
                   our printed SQL back into the tree of the original (not in CI)
  --dump FILE      write the query strings to FILE, one a line (newlines as \\n)";

/// What pg-parser made of one query string.
#[derive(Clone, Debug)]
enum Ours {
    /// Every statement parsed into a tree.
    Parsed,
    /// An error.
    Rejected { code: String, position: Option<u32>, message: String },
    /// The parser panicked (a bug).
    Panicked,
}

/// What the parse -> print -> parse round trip gave.
#[derive(Clone, Debug)]
enum RoundTrip {
    Same,
    /// The printed SQL parses into a different tree.
    Differs(String),
    /// The printed SQL does not parse.
    Fails(String, String),
}

struct Entry {
    file: String,
    line: usize,
    text: String,
    ours: Ours,
    round_trip: Option<RoundTrip>,
    /// What pg-parser prints for a parsed string.
    printed: Option<String>,
    pg: Option<Verdict>,
    /// PostgreSQL's parser (pglast) on the printed SQL, with `--pglast`.
    pglast: Option<pglast::Verdict>,
}

impl Entry {
    fn we_accept(&self) -> bool {
        matches!(self.ours, Ours::Parsed)
    }
    fn place(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

struct Options {
    sql: PathBuf,
    pg: Option<String>,
    user: String,
    list: Option<PathBuf>,
    dump: Option<PathBuf>,
    pglast: Option<String>,
}

fn options(root: &Path, args: &[String]) -> Result<Options> {
    let mut o = Options {
        sql: root.join("../shared/pg-regress-15/sql"),
        pg: None,
        user: "postgres".into(),
        list: None,
        dump: None,
        pglast: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().with_context(|| format!("{a} needs a value\n{USAGE}"));
        match a.as_str() {
            "--sql" => o.sql = value()?.into(),
            "--pg" => o.pg = Some(value()?),
            "--user" => o.user = value()?,
            "--list" => o.list = Some(value()?.into()),
            "--dump" => o.dump = Some(value()?.into()),
            "--pglast" => o.pglast = Some(value()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => bail!("unknown argument {a}\n{USAGE}"),
        }
    }
    Ok(o)
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".into();
    }
    format!("{:.2}%", 100.0 * part as f64 / whole as f64)
}

/// The first `max` characters of `text` on one line.
fn short(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// pg-parser's verdict on one query string, and the round trip and printed
/// SQL of a parsed one.
fn run_ours(text: &str) -> (Ours, Option<RoundTrip>, Option<String>) {
    let result = std::panic::catch_unwind(|| pg_parser::parse(text));
    // The scanner queues NOTICEs for a backend to send; nobody sends them here.
    let _ = pg_error::notice::take_notices();
    let stmts = match result {
        Err(_) => return (Ours::Panicked, None, None),
        Ok(Err(e)) => {
            let ours = Ours::Rejected { code: e.code.code().into(), position: e.position, message: e.message.clone() };
            return (ours, None, None);
        }
        Ok(Ok(stmts)) => stmts,
    };
    let printed = stmts.iter().map(|s| s.stmt.to_string()).collect::<Vec<_>>().join(";\n");
    (Ours::Parsed, Some(round_trip(&stmts, &printed)), Some(printed))
}

fn round_trip(first: &[RawStmt], printed: &str) -> RoundTrip {
    let printed = printed.to_string();
    let second = std::panic::catch_unwind(|| pg_parser::parse(&printed));
    let _ = pg_error::notice::take_notices();
    match second {
        Err(_) => RoundTrip::Fails(printed, "the parser panicked".into()),
        Ok(Err(e)) => RoundTrip::Fails(printed, format!("{}: {}", e.code.code(), e.message)),
        Ok(Ok(second)) => {
            let same = first.len() == second.len() && first.iter().zip(&second).all(|(a, b)| a.stmt == b.stmt);
            if same {
                RoundTrip::Same
            } else {
                RoundTrip::Differs(printed)
            }
        }
    }
}

/// Reads and splits the suite: (file, line, text) of every query string.
fn read_corpus(dir: &Path) -> Result<Vec<(String, usize, String)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {} (use --sql DIR)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        for q in psql_split::split(&bytes) {
            // The suite is UTF-8; a stray byte would reach PostgreSQL as it is
            // but pg-parser takes &str, so both get the lossy text.
            out.push((name.clone(), q.line, String::from_utf8_lossy(&q.text).into_owned()));
        }
    }
    Ok(out)
}

/// Runs the command.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let opts = options(root, args)?;
    let t = Instant::now();
    let corpus = read_corpus(&opts.sql)?;
    let files = corpus.iter().map(|c| &c.0).collect::<std::collections::HashSet<_>>().len();
    println!(
        "corpus: {} query strings from {files} files of {} ({:.2} s to split)",
        thousands(corpus.len()),
        opts.sql.display(),
        t.elapsed().as_secs_f64()
    );

    if let Some(path) = &opts.dump {
        let lines: String = corpus.iter().map(|c| format!("{}\n", c.2.replace('\n', "\\n"))).collect();
        std::fs::write(path, lines).with_context(|| format!("writing {}", path.display()))?;
    }

    // pg-parser, on a thread with a backend's stack depth check.
    let t = Instant::now();
    let texts: Vec<String> = corpus.iter().map(|c| c.2.clone()).collect();
    let results = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            pg_error::stack::set_stack_base(pg_error::stack::DEFAULT_MAX_STACK_DEPTH);
            texts.iter().map(|t| run_ours(t)).collect::<Vec<_>>()
        })?
        .join()
        .map_err(|_| anyhow::anyhow!("the parsing thread panicked"))?;
    let parse_secs = t.elapsed().as_secs_f64();
    let mut entries: Vec<Entry> = corpus
        .into_iter()
        .zip(results)
        .map(|((file, line, text), (ours, round_trip, printed))| Entry {
            file,
            line,
            text,
            ours,
            round_trip,
            printed,
            pg: None,
            pglast: None,
        })
        .collect();

    oracle_verdicts(root, &opts, &mut entries)?;
    if let Some(python) = &opts.pglast {
        let t = Instant::now();
        let pairs: Vec<(usize, &str, &str)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.printed.as_deref().map(|p| (i, e.text.as_str(), p)))
            .collect();
        let verdicts = pglast::compare(python, &target_dir(root), &pairs)?;
        let compared = pairs.len();
        for (i, v) in verdicts {
            entries[i].pglast = Some(v);
        }
        println!("pglast: {} parsed strings compared in {:.1} s", thousands(compared), t.elapsed().as_secs_f64());
    }
    let report = summary(&entries, parse_secs);
    print!("{report}");
    if let Some(path) = &opts.list {
        std::fs::write(path, details(&entries)).with_context(|| format!("writing {}", path.display()))?;
        println!("details: {}", path.display());
    }
    Ok(())
}

/// The workspace's target directory (`CARGO_TARGET_DIR` when set).
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"))
}

/// Fills `pg` from the cache and, with `--pg`, from the server.
fn oracle_verdicts(root: &Path, opts: &Options, entries: &mut [Entry]) -> Result<()> {
    let cache_path = target_dir(root).join("parser-corpus-pg-verdicts.tsv");
    let mut oracle = match &opts.pg {
        Some(addr) => Some(Oracle::connect(addr, &opts.user)?),
        None => None,
    };
    let mut cache = Cache::load(&cache_path, oracle.as_ref().map(|o| o.version.as_str()))?;
    let t = Instant::now();
    let mut asked = 0usize;
    for e in entries.iter_mut() {
        // Repeated strings are answered from the cache too.
        e.pg = cache.get(e.text.as_bytes()).cloned();
        if let (None, Some(o)) = (&e.pg, oracle.as_mut()) {
            let v = o.verdict(e.text.as_bytes()).with_context(|| format!("asking about {}", e.place()))?;
            cache.insert(e.text.as_bytes(), v.clone());
            e.pg = Some(v);
            asked += 1;
            if asked.is_multiple_of(5000) {
                eprintln!("  {asked} Parse messages sent");
                cache.save()?;
            }
        }
    }
    if asked > 0 {
        cache.retain(entries.iter().map(|e| e.text.as_bytes()));
        cache.save()?;
    }
    match &oracle {
        Some(o) => println!(
            "oracle: PostgreSQL {} at {}: {} Parse messages sent in {:.1} s; {} strings answered from {} \
             (earlier runs, repeated strings)",
            o.version,
            opts.pg.as_deref().unwrap_or_default(),
            thousands(asked),
            t.elapsed().as_secs_f64(),
            thousands(entries.len() - asked),
            cache_path.display()
        ),
        None if entries.iter().all(|e| e.pg.is_some()) => {
            println!("oracle: every verdict from {} (no --pg)", cache_path.display())
        }
        None => {
            for e in entries.iter_mut() {
                e.pg = None;
            }
            println!("oracle: none (--pg HOST:PORT compares with PostgreSQL 15)");
        }
    }
    Ok(())
}

/// The `n` most frequent keys, most frequent first, with up to three
/// examples each (from different files where there are).
fn top<'a>(items: impl Iterator<Item = (String, &'a Entry)>, n: usize) -> Vec<(String, usize, Vec<&'a Entry>)> {
    let mut counts: HashMap<String, (usize, Vec<&Entry>)> = HashMap::new();
    for (key, e) in items {
        let (count, examples) = counts.entry(key).or_default();
        *count += 1;
        if examples.len() < 3 && examples.iter().all(|x| x.file != e.file) {
            examples.push(e);
        }
    }
    let mut v: Vec<_> = counts.into_iter().map(|(k, (c, e))| (k, c, e)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// The text around an error position (1-based, in characters), on one
/// line, with `^` where the error is.
fn around(text: &str, position: Option<u32>) -> String {
    let Some(pos) = position else { return short(text, 80) };
    let chars: Vec<char> = text.chars().collect();
    let at = (pos as usize).saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(50);
    let to = (at + 30).min(chars.len());
    let flat = |s: &[char]| s.iter().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{} ^{}{}",
        if from > 0 { "…" } else { "" },
        flat(&chars[from..at]),
        flat(&chars[at..to]),
        if to < chars.len() { "…" } else { "" }
    )
}

fn summary(entries: &[Entry], parse_secs: f64) -> String {
    let n = entries.len();
    let count = |f: &dyn Fn(&Entry) -> bool| entries.iter().filter(|e| f(e)).count();
    let parsed = count(&|e| matches!(e.ours, Ours::Parsed));
    let rejected = count(&|e| matches!(e.ours, Ours::Rejected { .. }));
    let panicked = count(&|e| matches!(e.ours, Ours::Panicked));
    let mut s = String::new();
    let _ = writeln!(s, "pg-parser ({parse_secs:.2} s for all strings, round trips included):");
    let _ = writeln!(s, "  parsed   {:>7} ({})", thousands(parsed), pct(parsed, n));
    let _ = writeln!(s, "  rejected {:>7} ({})", thousands(rejected), pct(rejected, n));
    if panicked > 0 {
        let _ = writeln!(s, "  PANICKED {:>7}", thousands(panicked));
    }

    let trips: Vec<&RoundTrip> = entries.iter().filter_map(|e| e.round_trip.as_ref()).collect();
    let differs = trips.iter().filter(|r| matches!(r, RoundTrip::Differs(_))).count();
    let fails = trips.iter().filter(|r| matches!(r, RoundTrip::Fails(..))).count();
    let same = trips.len() - differs - fails;
    let _ = writeln!(
        s,
        "round trip (parse, print, parse again) of the parsed strings: same tree {} of {} ({}); \
         different tree {}, printed SQL does not parse {}",
        thousands(same),
        thousands(trips.len()),
        pct(same, trips.len()),
        thousands(differs),
        thousands(fails)
    );

    if entries.iter().any(|e| e.pglast.is_some()) {
        let same = count(&|e| e.pglast == Some(pglast::Verdict::Same));
        let differs = count(&|e| matches!(e.pglast, Some(pglast::Verdict::Differs(_))));
        let printed_fails = count(&|e| matches!(e.pglast, Some(pglast::Verdict::PrintedFails(_))));
        let original_fails = count(&|e| matches!(e.pglast, Some(pglast::Verdict::OriginalFails(_))));
        let _ = writeln!(
            s,
            "PostgreSQL's parser (pglast) reads our printed SQL into the original's tree: {} of {} parsed ({}); \
             another tree {}, printed SQL rejected {}, original rejected {}",
            thousands(same),
            thousands(parsed),
            pct(same, parsed),
            thousands(differs),
            thousands(printed_fails),
            thousands(original_fails)
        );
        if entries.iter().all(|e| e.pg.is_some()) {
            let accepted = count(&|e| e.pg == Some(Verdict::Accept));
            let _ = writeln!(
                s,
                "  that is {} of the {} strings PostgreSQL's grammar accepts",
                pct(same, accepted),
                thousands(accepted)
            );
        }
        let misses = entries.iter().filter_map(|e| match &e.pglast {
            Some(pglast::Verdict::Differs(d)) => Some((node_kind(d), e)),
            Some(pglast::Verdict::PrintedFails(m)) => Some((format!("printed SQL: {m}"), e)),
            _ => None,
        });
        let _ = writeln!(s, "top pglast round-trip misses (first differing node, or pglast's error):");
        for (key, c, examples) in top(misses, 20) {
            let _ = writeln!(s, "  {:>5}  {}", c, short(&key, 90));
            if let Some(e) = examples.first() {
                let _ = writeln!(s, "           {}: {}", e.place(), short(&e.text, 80));
            }
        }
    }

    if entries.iter().any(|e| e.pg.is_none()) {
        return s;
    }
    let pg_rejects = count(&|e| matches!(e.pg, Some(Verdict::Reject { .. })));
    let agree = count(&|e| e.we_accept() == matches!(e.pg, Some(Verdict::Accept)));
    let we_reject_pg_accepts = count(&|e| !e.we_accept() && e.pg == Some(Verdict::Accept));
    let we_accept_pg_rejects = count(&|e| e.we_accept() && e.pg != Some(Verdict::Accept));
    let both: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.ours, Ours::Rejected { .. }) && matches!(e.pg, Some(Verdict::Reject { .. })))
        .collect();
    let same_pos = both.iter().filter(|e| same_position(e)).count();
    let _ = writeln!(
        s,
        "PostgreSQL 15's grammar: accepts {}, rejects {}",
        thousands(n - pg_rejects),
        thousands(pg_rejects)
    );
    let _ = writeln!(s, "accept/reject agreement: {} of {} ({})", thousands(agree), thousands(n), pct(agree, n));
    let _ = writeln!(s, "  we reject, PostgreSQL accepts: {}", thousands(we_reject_pg_accepts));
    let _ = writeln!(s, "  we accept, PostgreSQL rejects: {}", thousands(we_accept_pg_rejects));
    let same_error = both
        .iter()
        .filter(|e| match (&e.ours, &e.pg) {
            (Ours::Rejected { code, message, .. }, Some(Verdict::Reject { code: c, message: m, .. })) => {
                code == c && message == m
            }
            _ => false,
        })
        .count();
    let _ = writeln!(
        s,
        "both reject: {}, at PostgreSQL's position {} ({}), with its SQLSTATE and message {} ({})",
        thousands(both.len()),
        thousands(same_pos),
        pct(same_pos, both.len()),
        thousands(same_error),
        pct(same_error, both.len())
    );
    let _ = writeln!(s, "top rejected by us but accepted by PostgreSQL (by our message):");
    let misses = entries.iter().filter_map(|e| match (&e.ours, &e.pg) {
        (Ours::Rejected { message, .. }, Some(Verdict::Accept)) => Some((message.clone(), e)),
        _ => None,
    });
    for (message, c, examples) in top(misses, 20) {
        let _ = writeln!(s, "  {:>5}  {}", c, short(&message, 70));
        for e in examples {
            let position = match &e.ours {
                Ours::Rejected { position, .. } => *position,
                _ => None,
            };
            let _ = writeln!(s, "           {}: {}", e.place(), around(&e.text, position));
        }
    }
    s
}

/// The last two steps of a pglast difference's path, without list indexes:
/// `stmts[0].stmt.SelectStmt.targetList[2].ResTarget.val.FuncCall.over.name: …`
/// gives `over.name`, so that one kind of miss is counted once.
fn node_kind(detail: &str) -> String {
    let path = detail.split(':').next().unwrap_or("");
    let steps: Vec<&str> = path.split('.').map(|s| s.split('[').next().unwrap_or(s)).collect();
    steps[steps.len().saturating_sub(2)..].join(".")
}

fn same_position(e: &Entry) -> bool {
    match (&e.ours, &e.pg) {
        (Ours::Rejected { position: a, .. }, Some(Verdict::Reject { position: b, .. })) => a == b,
        _ => false,
    }
}

/// Every string PostgreSQL or we reject, every disagreement and every
/// round-trip miss, one block each.
fn details(entries: &[Entry]) -> String {
    let mut s = String::new();
    for e in entries {
        let ours = match &e.ours {
            Ours::Parsed => "parsed".to_string(),
            Ours::Rejected { code, position, message } => format!("{code} at {position:?}: {message}"),
            Ours::Panicked => "PANIC".to_string(),
        };
        let pg = match &e.pg {
            None => "-".to_string(),
            Some(Verdict::Accept) => "accepts".to_string(),
            Some(Verdict::Reject { code, position, message }) => format!("{code} at {position:?}: {message}"),
        };
        let kind = match (&e.pg, e.we_accept()) {
            (Some(Verdict::Accept), false) => Some("we reject, PostgreSQL accepts"),
            (Some(Verdict::Reject { .. }), true) => Some("we accept, PostgreSQL rejects"),
            (Some(Verdict::Reject { .. }), false) if !same_position(e) => Some("both reject, positions differ"),
            (Some(Verdict::Reject { .. }), false) => Some("both reject at the same position"),
            _ => None,
        };
        if let Some(kind) = kind {
            let _ = writeln!(s, "== {} {kind}\n   ours: {ours}\n   pg:   {pg}\n{}\n", e.place(), e.text);
        }
        match &e.pglast {
            Some(pglast::Verdict::Differs(d)) => {
                let printed = e.printed.as_deref().unwrap_or_default();
                let _ =
                    writeln!(s, "== {} pglast: another tree at {d}\n{}\n-- printed:\n{printed}\n", e.place(), e.text);
            }
            Some(pglast::Verdict::PrintedFails(m)) => {
                let printed = e.printed.as_deref().unwrap_or_default();
                let _ = writeln!(
                    s,
                    "== {} pglast rejects the printed SQL: {m}\n{}\n-- printed:\n{printed}\n",
                    e.place(),
                    e.text
                );
            }
            _ => {}
        }
        match &e.round_trip {
            Some(RoundTrip::Differs(printed)) => {
                let _ = writeln!(s, "== {} round trip: another tree\n{}\n-- printed:\n{printed}\n", e.place(), e.text);
            }
            Some(RoundTrip::Fails(printed, err)) => {
                let _ = writeln!(s, "== {} round trip: {err}\n{}\n-- printed:\n{printed}\n", e.place(), e.text);
            }
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{around, node_kind, run_ours, thousands, Ours, RoundTrip};

    #[test]
    fn figures_and_excerpts_read_well() {
        assert_eq!(
            (thousands(7), thousands(42_098), thousands(1_234_567)),
            ("7".into(), "42,098".into(), "1,234,567".into())
        );
        assert_eq!(around("select 1 +\n  from t", Some(13)), "select 1 + ^from t");
        assert_eq!(
            node_kind("stmts[0].stmt.SelectStmt.targetList[2].ResTarget.val.FuncCall.over.name: 1 / 2"),
            "over.name"
        );
    }

    #[test]
    fn strings_are_parsed_or_rejected() {
        assert!(matches!(run_ours("select 1; select 2"), (Ours::Parsed, Some(RoundTrip::Same), Some(_))));
        let (parsed, ..) = run_ours("explain create table t as select 1");
        assert!(matches!(parsed, Ours::Parsed), "{parsed:?}");
        let (rejected, ..) = run_ours("selec 1");
        assert!(matches!(rejected, Ours::Rejected { position: Some(1), .. }), "{rejected:?}");
    }
}
