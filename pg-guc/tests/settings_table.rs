//! The registry describes every setting exactly as PostgreSQL 15.18's
//! pg_settings does: each row of `settings.tsv` (dumped from it) against
//! `describe()`. The generated table is checked against the file by
//! `cargo xtask codegen --check`; this checks what the registry makes of it.

use pg_guc::{describe, initialize, GucFlags, BUILTIN_COUNT};

/// Undoes COPY's text-format escaping; `\N` is NULL.
fn field(raw: &str) -> Option<String> {
    if raw == "\\N" {
        return None;
    }
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    Some(out)
}

/// Settings whose boot value this server deliberately differs in (see
/// `BOOT_OVERRIDES` in builtin.rs).
const BOOT_DIFFERS: [&str; 2] = ["unix_socket_directories", "server_version"];

#[test]
fn registry_matches_settings_tsv() {
    initialize();
    let table = include_str!("../settings.tsv");
    let mut rows = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<Option<String>> = line.split('\t').map(field).collect();
        let name = cols[0].clone().expect("name");
        let d = describe(&name).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        let flags: Vec<&str> = [
            (GucFlags::EXPLAIN, "EXPLAIN"),
            (GucFlags::NO_RESET_ALL, "NO_RESET_ALL"),
            (GucFlags::NO_SHOW_ALL, "NO_SHOW_ALL"),
            (GucFlags::NOT_IN_SAMPLE, "NOT_IN_SAMPLE"),
            (GucFlags::RUNTIME_COMPUTED, "RUNTIME_COMPUTED"),
        ]
        .into_iter()
        .filter(|(f, _)| d.flags.contains(*f))
        .map(|(_, n)| n)
        .collect();
        let enumvals = (!d.enumvals.is_empty()).then(|| d.enumvals.join(","));
        let got = vec![
            Some(d.name.clone()),
            Some(d.vartype.to_string()),
            d.unit.map(str::to_string),
            Some(d.category.to_string()),
            Some(d.short_desc.to_string()),
            d.extra_desc.map(str::to_string),
            Some(d.context.name().to_string()),
            d.min_val.clone(),
            d.max_val.clone(),
            enumvals,
            if BOOT_DIFFERS.contains(&name.as_str()) { cols[10].clone() } else { d.boot_val.clone() },
            Some(flags.join(",")),
        ];
        assert_eq!(got, cols, "{name}");
        rows += 1;
    }
    assert_eq!(rows, BUILTIN_COUNT);
    assert_eq!(rows, 360, "354 rows of pg_settings and 6 hidden settings");
}
