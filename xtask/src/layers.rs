//! `cargo xtask check-layers`: the crate layer table in ARCHITECTURE.md is the rule.
//!
//! The table is the fenced block that follows the `## Layers` heading of the
//! project's ARCHITECTURE.md: one crate per line, `LAYER  NAME  description`.
//! Every dependency edge between `pg-*` crates (normal, build and dev) must
//! point to a strictly lower layer. Crates missing from the table fail too.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Parses the layer table out of ARCHITECTURE.md.
pub fn parse_layer_table(doc: &str) -> Result<BTreeMap<String, u32>> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != "## Layers");
    lines.next().context("ARCHITECTURE.md has no `## Layers` heading")?;
    let mut lines = lines.skip_while(|l| !l.starts_with("```"));
    lines.next().context("no fenced layer table after `## Layers`")?;
    let mut table = BTreeMap::new();
    for line in lines {
        if line.starts_with("```") {
            break;
        }
        let mut words = line.split_whitespace();
        let (Some(layer), Some(name)) = (words.next(), words.next()) else { continue };
        if let Ok(layer) = layer.parse::<u32>() {
            table.insert(name.to_string(), layer);
        }
    }
    if table.is_empty() {
        bail!("the layer table in ARCHITECTURE.md is empty");
    }
    Ok(table)
}

/// Checks every edge; returns the list of violations (empty when clean).
pub fn violations(table: &BTreeMap<String, u32>, edges: &[(String, String)], members: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for m in members.iter().filter(|m| m.starts_with("pg-")) {
        if !table.contains_key(m) {
            out.push(format!("crate {m} has no row in the layer table"));
        }
    }
    for (from, to) in edges {
        if !from.starts_with("pg-") || !to.starts_with("pg-") {
            continue;
        }
        let (Some(lf), Some(lt)) = (table.get(from), table.get(to)) else { continue };
        if lt >= lf {
            out.push(format!(
                "{from} (layer {lf}) depends on {to} (layer {lt}): edges must point to a strictly lower layer"
            ));
        }
    }
    out
}

/// Runs the check against `cargo metadata`.
pub fn run(root: &Path) -> Result<()> {
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).context("reading ARCHITECTURE.md")?;
    let table = parse_layer_table(&doc)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .context("running cargo metadata")?;
    if !out.status.success() {
        bail!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let mut edges = Vec::new();
    let mut members = Vec::new();
    for pkg in meta["packages"].as_array().context("metadata without packages")? {
        let name = pkg["name"].as_str().unwrap_or_default().to_string();
        for dep in pkg["dependencies"].as_array().into_iter().flatten() {
            let dep_name = dep["name"].as_str().unwrap_or_default().to_string();
            edges.push((name.clone(), dep_name));
        }
        members.push(name);
    }
    let bad = violations(&table, &edges, &members);
    if !bad.is_empty() {
        for b in &bad {
            eprintln!("check-layers: {b}");
        }
        bail!("{} layer violation(s)", bad.len());
    }
    println!("check-layers: {} crates, {} edges, all point down", members.len(), edges.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "x\n## Layers\n\n```\n 2  pg-types  t\n 1  pg-shmem  s\n 1  pg-mcxt  m\n 0  pg-error  e\n```\n";

    fn check(edges: &[(&str, &str)], expect_bad: usize) {
        let table = parse_layer_table(DOC).unwrap();
        let edges: Vec<(String, String)> = edges.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let members: Vec<String> = table.keys().cloned().collect();
        assert_eq!(violations(&table, &edges, &members).len(), expect_bad, "{edges:?}");
    }

    #[test]
    fn edges() {
        check(&[("pg-types", "pg-shmem"), ("pg-shmem", "pg-error")], 0);
        check(&[("pg-shmem", "pg-mcxt")], 1); // sideways
        check(&[("pg-error", "pg-types")], 1); // up
        check(&[("pg-types", "libc"), ("xtask", "pg-types")], 0); // outside the layers
    }

    #[test]
    fn unknown_member_fails() {
        let table = parse_layer_table(DOC).unwrap();
        assert_eq!(violations(&table, &[], &["pg-new".into()]).len(), 1);
    }
}
