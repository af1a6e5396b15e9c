//! Developer commands: `cargo xtask <command>`.
//!
//! - `check-layers`: every `pg-*` dependency edge points to a lower layer (ARCHITECTURE.md).
//! - `codegen [--check]`: regenerate (or verify) generated sources.
//! - `tidy`: every `.rs` file opens with a `//!` doc header.
//! - `bless-sql --host H --port P [--only NAME]`: re-record golden SQL output.
//! - `heavy [--only fuzz,storm,badsql,regress,bench,crash20,oomlimit,memback,idle,logs,crashbank,powercut]
//!   [--pg HOST:PORT] [--pg-bin DIR] [--rounds N] [--lose-python PY]`: the heavy checks (not in CI;
//!   crashbank and powercut start and kill the server themselves).
//! - `parser-corpus [--sql DIR] [--pg HOST:PORT] [--list FILE]`: pg-parser against
//!   PostgreSQL 15's grammar on the regression suite's query strings (not in CI; see
//!   `corpus.rs`).
//! - `ci`: exactly what `.ci/run` runs after installing packages.

mod bless;
mod codegen;
mod corpus;
mod heavy;
mod layers;
mod stayup;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives one level below the root").to_path_buf()
}

fn tidy(root: &Path) -> Result<()> {
    let mut bad = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if path.is_dir() {
                if !name.starts_with('.') && !name.starts_with("target") && name != "data" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") {
                let text = std::fs::read_to_string(&path)?;
                let first =
                    text.lines().find(|l| !l.trim().is_empty() && !l.starts_with("// @generated")).unwrap_or("");
                if !first.starts_with("//!") {
                    bad.push(path.strip_prefix(root).unwrap_or(&path).display().to_string());
                }
            }
        }
    }
    if !bad.is_empty() {
        bad.sort();
        for b in &bad {
            eprintln!("tidy: {b} does not open with a //! doc header");
        }
        bail!("{} file(s) without a //! header", bad.len());
    }
    println!("tidy: ok");
    Ok(())
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("+ cargo {}", args.join(" "));
    let status = Command::new(cargo).args(args).current_dir(root).status().context("running cargo")?;
    if !status.success() {
        bail!("cargo {} failed", args.join(" "));
    }
    Ok(())
}

fn main() -> Result<()> {
    let root = project_root();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check-layers") => layers::run(&root),
        Some("codegen") => codegen::run(&root, args.iter().any(|a| a == "--check")),
        Some("tidy") => tidy(&root),
        Some("bless-sql") => bless::run(&root, &args[1..]),
        Some("heavy") => heavy::run(&root, &args[1..]),
        Some("parser-corpus") => corpus::run(&root, &args[1..]),
        Some("ci") => {
            layers::run(&root)?;
            codegen::run(&root, true)?;
            tidy(&root)?;
            cargo(&root, &["fmt", "--all", "--", "--check"])?;
            cargo(&root, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
            std::env::set_var("RUSTDOCFLAGS", "-D warnings");
            cargo(&root, &["doc", "--workspace", "--no-deps"])?;
            cargo(&root, &["test", "--workspace"])
        }
        _ => {
            eprintln!(
                "usage: cargo xtask <check-layers | codegen [--check] | tidy | bless-sql | heavy | parser-corpus | ci>"
            );
            std::process::exit(2)
        }
    }
}
