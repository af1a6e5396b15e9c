//! The `postgresql.conf` that initdb writes (`postgresql.conf.sample`),
//! generated from the registry so it always lists exactly the settings the
//! server accepts.

use crate::guc::definitions_with_values;
use crate::{GucCategory, GucContext, GucFlags, GucKind};

/// Settings initdb writes uncommented, as PostgreSQL 15's initdb does (with
/// `--no-locale`): the value, or None for the current one. Connection
/// settings (port, listen_addresses, socket directories) stay commented: a
/// value on the command line would otherwise differ from the file's and
/// every reload would warn about it.
const ACTIVE_IN_SAMPLE: [(&str, Option<&str>); 13] = [
    ("max_connections", None),
    ("shared_buffers", None),
    ("dynamic_shared_memory_type", Some("posix")),
    ("max_wal_size", Some("1GB")),
    ("min_wal_size", Some("80MB")),
    ("log_timezone", None),
    ("DateStyle", Some("iso, mdy")),
    ("TimeZone", None),
    ("lc_messages", Some("C")),
    ("lc_monetary", Some("C")),
    ("lc_numeric", Some("C")),
    ("lc_time", Some("C")),
    ("default_text_search_config", Some("pg_catalog.english")),
];

/// Quotes a value the way the sample file writes it: strings always, other
/// values only when they are not a single word or number.
fn quote(value: &str, is_string: bool) -> String {
    // Unquoted values must be single tokens of the file syntax: an integer with
    // unit letters (`128MB`) or a word starting with a letter (`scram-sha-256`).
    let digits = value.strip_prefix('-').unwrap_or(value);
    let number = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.trim_start_matches(|c: char| c.is_ascii_digit()).chars().all(|c| c.is_ascii_alphabetic());
    let word = value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || "-_".contains(c));
    if is_string || !(number || word) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        value.to_string()
    }
}

fn context_note(context: GucContext) -> &'static str {
    match context {
        GucContext::Postmaster => "(change requires restart)",
        GucContext::Sighup => "(change requires reload)",
        GucContext::SuBackend | GucContext::Backend => "(applies to new sessions)",
        GucContext::Superuser => "(superuser may SET)",
        GucContext::User => "(any user may SET)",
        GucContext::Internal => "(fixed)",
    }
}

/// The configuration file initdb writes: every setting the server reads,
/// grouped by category as PostgreSQL's sample is, each with its description,
/// its default (commented out) and what it takes to change it.
/// The settings PostgreSQL's initdb writes active are active here too, with
/// the same values (see `ACTIVE_IN_SAMPLE`).
pub fn sample_config_file() -> String {
    let mut defs = definitions_with_values();
    defs.retain(|(def, _, _)| {
        !def.flags.contains(GucFlags::NOT_IN_SAMPLE)
            && !def.flags.contains(GucFlags::DISALLOW_IN_FILE)
            && def.context != GucContext::Internal
            && !matches!(def.category, GucCategory::Preset | GucCategory::Customized | GucCategory::Ungrouped)
    });
    // Stable order: by category, then by the table's order within it.
    defs.sort_by_key(|(def, _, _)| def.category);

    let mut out = String::new();
    out.push_str(
        "# PostgreSQL configuration file\n\
         # -----------------------------\n\
         #\n\
         # One setting per line: name = value (the \"=\" is optional). \"#\" starts a\n\
         # comment. A commented-out setting shows its default. Memory units: B, kB,\n\
         # MB, GB, TB; time units: us, ms, s, min, h, d.\n\
         #\n\
         # Notes after each setting say what a change needs: a restart of the\n\
         # server, a reload (pg_ctl reload or SIGHUP), or nothing (SET works).\n",
    );
    let mut section = "";
    let mut subsection = "";
    for (def, current, boot) in &defs {
        let (top, sub) = def.category.name().split_once(" / ").unwrap_or((def.category.name(), ""));
        if top != section {
            section = top;
            subsection = "";
            out.push_str(&format!("\n\n#{line}\n# {}\n#{line}\n", top.to_uppercase(), line = "-".repeat(78)));
        }
        if sub != subsection && !sub.is_empty() {
            subsection = sub;
            out.push_str(&format!("\n# - {sub} -\n\n"));
        } else if sub.is_empty() && subsection.is_empty() {
            subsection = "-";
            out.push('\n');
        }
        let active = ACTIVE_IN_SAMPLE.iter().find(|(name, _)| *name == def.name);
        let shown = match active {
            Some((_, Some(value))) => value,
            Some((_, None)) => current.as_str(),
            None => boot.as_str(),
        };
        let active = active.is_some();
        let is_string = matches!(def.kind, GucKind::String { .. });
        let mut line = format!("{}{} = {}", if active { "" } else { "#" }, def.name, quote(shown, is_string));
        while line.len() < 40 {
            line.push(' ');
        }
        out.push_str(&format!("{line}# {} {}\n", def.short_desc, context_note(def.context)));
    }
    out
}
