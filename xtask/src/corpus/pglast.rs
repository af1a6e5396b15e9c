//! The round trip through PostgreSQL's own parser: does pglast 5 (libpg_query
//! 15, PostgreSQL 15's grammar as a library) read the SQL that pg-parser
//! prints back into the tree it reads from the original text?
//!
//! pglast is a Python package installed by the developer (`pip install
//! 'pglast>=5,<6'`, in a virtualenv if you like), never by CI; `--pglast
//! PYTHON` names the interpreter that has it. The pairs (original, printed)
//! go to a small script through a file under target/, and the script answers
//! one line per pair. Trees are compared as pglast's JSON without the
//! `location`, `stmt_location` and `stmt_len` fields.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// The script run under `--pglast PYTHON`: reads JSON lines `{"i", "sql",
/// "printed"}` from the file named by its argument and prints `i<TAB>verdict
/// <TAB>detail` per line, the verdict being `same`, `differs`, `printed`
/// (the printed SQL does not parse) or `original` (the original does not).
const SCRIPT: &str = r#"
import json, sys
from pglast.parser import parse_sql_json

DROP = {"location", "stmt_location", "stmt_len"}

def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node

def tree(sql):
    return strip(json.loads(parse_sql_json(sql)).get("stmts", []))

def first_difference(a, b, path="stmts"):
    if type(a) is not type(b):
        return path, a, b
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), path + "." + k)
    elif isinstance(a, list):
        if len(a) != len(b):
            return path + ".length", len(a), len(b)
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, "%s[%d]" % (path, i))
    return path, a, b

def one_line(s):
    return " ".join(str(s).split())[:300]

for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    try:
        a = tree(r["sql"])
    except Exception as e:
        print("%d\toriginal\t%s" % (r["i"], one_line(e)))
        continue
    try:
        b = tree(r["printed"])
    except Exception as e:
        print("%d\tprinted\t%s" % (r["i"], one_line(e)))
        continue
    if a == b:
        print("%d\tsame\t" % r["i"])
    else:
        path, x, y = first_difference(a, b)
        print("%d\tdiffers\t%s" % (r["i"], one_line("%s: %s / %s" % (path, json.dumps(x)[:120], json.dumps(y)[:120]))))
"#;

/// pglast's verdict on one pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Same tree.
    Same,
    /// Another tree; the detail names the first difference.
    Differs(String),
    /// The printed SQL does not parse (pglast's message).
    PrintedFails(String),
    /// The original does not parse (pg-parser accepted what PostgreSQL rejects).
    OriginalFails(String),
}

/// Runs the script under `python` on `pairs` (index, original, printed);
/// `work` is a directory for the script and its input.
pub fn compare(python: &str, work: &Path, pairs: &[(usize, &str, &str)]) -> Result<Vec<(usize, Verdict)>> {
    std::fs::create_dir_all(work)?;
    let script = work.join("parser-corpus-pglast.py");
    let input = work.join("parser-corpus-pglast-input.jsonl");
    std::fs::write(&script, SCRIPT)?;
    let mut lines = String::new();
    for (i, sql, printed) in pairs {
        lines.push_str(&serde_json::json!({ "i": i, "sql": sql, "printed": printed }).to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines)?;
    let out = Command::new(python).arg(&script).arg(&input).output().with_context(|| format!("running {python}"))?;
    if !out.status.success() {
        bail!(
            "{python} {} failed (is pglast 5 installed?):\n{}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut verdicts = Vec::with_capacity(pairs.len());
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut f = line.splitn(3, '\t');
        let (Some(i), Some(kind), detail) = (f.next(), f.next(), f.next().unwrap_or("").to_string()) else {
            continue;
        };
        let verdict = match kind {
            "same" => Verdict::Same,
            "differs" => Verdict::Differs(detail),
            "printed" => Verdict::PrintedFails(detail),
            _ => Verdict::OriginalFails(detail),
        };
        verdicts.push((i.parse()?, verdict));
    }
    if verdicts.len() != pairs.len() {
        bail!("pglast answered {} of {} pairs", verdicts.len(), pairs.len());
    }
    Ok(verdicts)
}
