//! Storage parameters of tables: `CREATE TABLE ... WITH (name = value, ...)`
//! and `ALTER TABLE ... SET (...)` / `RESET (...)` (PostgreSQL's
//! `access/common/reloptions.c`: transformRelOptions, heap_reloptions,
//! parseRelOptions).
//!
//! The options are kept as PostgreSQL keeps them, as `name=value` text in
//! `pg_class.reloptions`, the value as written (`autovacuum_enabled=yes`),
//! `toast.`-qualified ones on the TOAST table's row. Each is checked
//! against the heap's (or TOAST table's) table of parameters with
//! PostgreSQL's messages (22023). Of the parameters only `fillfactor`
//! changes what the server does (the relation cache reads it for
//! heap_insert and HOT updates); the autovacuum and vacuum ones are kept
//! for the clients that set and read them.

use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{DefArg, DefElem};

/// What a parameter's value must be.
#[derive(Clone, Copy)]
enum Kind {
    Bool,
    Int(i64, i64),
    Real(f64, f64),
    /// `vacuum_index_cleanup`.
    IndexCleanup,
}

/// Which relations take a parameter (`RELOPT_KIND_HEAP`, `_TOAST`).
#[derive(Clone, Copy, PartialEq)]
enum Applies {
    Heap,
    HeapAndToast,
}

/// PostgreSQL 15's parameters of heap and TOAST tables.
const PARAMETERS: &[(&str, Kind, Applies)] = {
    use Applies::*;
    use Kind::*;
    const I: i64 = i32::MAX as i64;
    &[
        ("autovacuum_enabled", Bool, HeapAndToast),
        ("user_catalog_table", Bool, Heap),
        ("vacuum_truncate", Bool, HeapAndToast),
        ("fillfactor", Int(10, 100), Heap),
        ("autovacuum_vacuum_threshold", Int(0, I), HeapAndToast),
        ("autovacuum_vacuum_insert_threshold", Int(-1, I), HeapAndToast),
        ("autovacuum_analyze_threshold", Int(0, I), Heap),
        ("autovacuum_vacuum_cost_limit", Int(1, 10000), HeapAndToast),
        ("autovacuum_freeze_min_age", Int(0, 1_000_000_000), HeapAndToast),
        ("autovacuum_multixact_freeze_min_age", Int(0, 1_000_000_000), HeapAndToast),
        ("autovacuum_freeze_max_age", Int(100_000, 2_000_000_000), HeapAndToast),
        ("autovacuum_multixact_freeze_max_age", Int(10_000, 2_000_000_000), HeapAndToast),
        ("autovacuum_freeze_table_age", Int(0, 2_000_000_000), HeapAndToast),
        ("autovacuum_multixact_freeze_table_age", Int(0, 2_000_000_000), HeapAndToast),
        ("log_autovacuum_min_duration", Int(-1, I), HeapAndToast),
        ("toast_tuple_target", Int(128, 8160), Heap),
        ("parallel_workers", Int(0, 1024), Heap),
        ("autovacuum_vacuum_cost_delay", Real(0.0, 100.0), HeapAndToast),
        ("autovacuum_vacuum_scale_factor", Real(0.0, 100.0), HeapAndToast),
        ("autovacuum_vacuum_insert_scale_factor", Real(0.0, 100.0), HeapAndToast),
        ("autovacuum_analyze_scale_factor", Real(0.0, 100.0), Heap),
        ("vacuum_index_cleanup", IndexCleanup, HeapAndToast),
    ]
};

fn invalid(message: String) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, message)
}

/// `defGetString` of an option's value: what was written, `true` when
/// only the name was.
fn value_text(d: &DefElem) -> String {
    match &d.arg {
        None => "true".to_string(),
        Some(DefArg::String(s)) | Some(DefArg::Float(s)) => s.clone(),
        Some(DefArg::Integer(n)) => n.to_string(),
        Some(DefArg::Type(t)) => t.names.join("."),
        Some(DefArg::Operator(names)) => names.join("."),
    }
}

/// The options of a table and of its TOAST table after a statement
/// (`transformRelOptions`, then validated by `heap_reloptions`).
pub(crate) struct RelOptions {
    /// `pg_class.reloptions` of the table.
    pub heap: Vec<String>,
    /// `pg_class.reloptions` of its TOAST table.
    pub toast: Vec<String>,
}

fn option_name(o: &str) -> &str {
    o.split_once('=').map_or(o, |(n, _)| n)
}

/// `transformRelOptions` over one namespace: the old options not named in
/// `defs`, then (unless `is_reset`) the new ones in order.
fn transform(old: &[String], defs: &[&DefElem], is_reset: bool) -> PgResult<Vec<String>> {
    let mut out: Vec<String> = old.iter().filter(|o| !defs.iter().any(|d| d.name == option_name(o))).cloned().collect();
    for d in defs {
        if is_reset {
            if d.arg.is_some() {
                return Err(PgError::new(SqlState::SYNTAX_ERROR, "RESET must not include values for parameters"));
            }
            continue;
        }
        out.push(format!("{}={}", d.name, value_text(d)));
    }
    Ok(out)
}

/// `parse_bool`: PostgreSQL's spellings and their unique prefixes.
fn parse_bool(s: &str) -> Option<bool> {
    let l = s.trim().to_ascii_lowercase();
    let prefix_of = |word: &str, min: usize| l.len() >= min && word.starts_with(l.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || l == "on" || l == "1" {
        Some(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || l == "0" {
        Some(false)
    } else {
        None
    }
}

/// `parse_int` for an option: a decimal integer, or a number rounded.
fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| v.round() as i64))
}

/// `parseRelOptions` with validation: each option must be a parameter
/// of the relation kind, given once, with a valid value.
fn validate(options: &[String], toast: bool) -> PgResult<()> {
    let mut seen: Vec<&str> = Vec::new();
    for o in options {
        let (name, value) = o.split_once('=').unwrap_or((o.as_str(), ""));
        let found =
            PARAMETERS.iter().find(|(n, _, applies)| *n == name && (!toast || *applies == Applies::HeapAndToast));
        let Some((_, kind, _)) = found else {
            return Err(invalid(format!("unrecognized parameter \"{name}\"")));
        };
        if seen.contains(&name) {
            return Err(invalid(format!("parameter \"{name}\" specified more than once")));
        }
        seen.push(name);
        match *kind {
            Kind::Bool => {
                if parse_bool(value).is_none() {
                    return Err(invalid(format!("invalid value for boolean option \"{name}\": {value}")));
                }
            }
            Kind::Int(min, max) => {
                let v = parse_int(value)
                    .ok_or_else(|| invalid(format!("invalid value for integer option \"{name}\": {value}")))?;
                if v < min || v > max {
                    return Err(invalid(format!("value {value} out of bounds for option \"{name}\""))
                        .with_detail(format!("Valid values are between \"{min}\" and \"{max}\".")));
                }
            }
            Kind::Real(min, max) => {
                let v =
                    value.trim().parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(|| {
                        invalid(format!("invalid value for floating point option \"{name}\": {value}"))
                    })?;
                if v < min || v > max {
                    return Err(invalid(format!("value {value} out of bounds for option \"{name}\""))
                        .with_detail(format!("Valid values are between \"{min:.6}\" and \"{max:.6}\".")));
                }
            }
            Kind::IndexCleanup => {
                let ok = ["auto", "on", "off", "true", "false", "yes", "no", "1", "0"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(value));
                if !ok {
                    return Err(invalid(format!("invalid value for enum option \"{name}\": {value}"))
                        .with_detail("Valid values are \"on\", \"off\", and \"auto\"."));
                }
            }
        }
    }
    Ok(())
}

/// The options of a table after `defs` (CREATE TABLE's WITH, ALTER TABLE's
/// SET, or RESET when `is_reset`) applied to its current ones, validated.
/// `oids=false` is dropped and `oids=true` refused, as CREATE TABLE does
/// (`create` says whether this is one).
pub(crate) fn transform_rel_options(
    old_heap: &[String],
    old_toast: &[String],
    defs: &[DefElem],
    is_reset: bool,
    create: bool,
) -> PgResult<RelOptions> {
    let mut heap_defs = Vec::new();
    let mut toast_defs = Vec::new();
    for d in defs {
        match d.namespace.as_deref() {
            None if create && d.name == "oids" => {
                if parse_bool(&value_text(d)) == Some(true) {
                    return Err(PgError::not_supported("tables declared WITH OIDS are not supported"));
                }
            }
            None => heap_defs.push(d),
            Some("toast") => toast_defs.push(d),
            Some(other) => return Err(invalid(format!("unrecognized parameter namespace \"{other}\""))),
        }
    }
    let heap = transform(old_heap, &heap_defs, is_reset)?;
    let toast = transform(old_toast, &toast_defs, is_reset)?;
    validate(&heap, false)?;
    validate(&toast, true)?;
    Ok(RelOptions { heap, toast })
}

/// `pg_class.reloptions` as stored: NULL when there are none.
pub(crate) fn reloptions_datum(options: &[String]) -> pg_types::Datum {
    use pg_types::Datum;
    if options.is_empty() {
        Datum::Null
    } else {
        Datum::Array(options.iter().map(|o| Datum::Text(o.clone())).collect())
    }
}

/// The options stored in a `pg_class.reloptions` value.
pub(crate) fn reloptions_of(d: &pg_types::Datum) -> Vec<String> {
    match d {
        pg_types::Datum::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                pg_types::Datum::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, arg: Option<DefArg>) -> DefElem {
        DefElem { namespace: None, name: name.into(), arg, location: Default::default() }
    }

    #[test]
    fn set_replaces_and_reset_removes() {
        let old = vec!["fillfactor=50".to_string(), "autovacuum_enabled=false".to_string()];
        let set = [def("fillfactor", Some(DefArg::Integer(60))), def("parallel_workers", Some(DefArg::Integer(2)))];
        let o = transform_rel_options(&old, &[], &set, false, false).expect("set");
        assert_eq!(o.heap, ["autovacuum_enabled=false", "fillfactor=60", "parallel_workers=2"]);
        let o = transform_rel_options(&o.heap, &[], &[def("fillfactor", None), def("nosuch", None)], true, false)
            .expect("reset");
        assert_eq!(o.heap, ["autovacuum_enabled=false", "parallel_workers=2"]);
    }

    #[test]
    fn values_are_checked_with_postgres_messages() {
        let err = |d: DefElem| transform_rel_options(&[], &[], &[d], false, true).err().expect("error").message.clone();
        assert_eq!(err(def("fillfactor", Some(DefArg::Integer(5)))), "value 5 out of bounds for option \"fillfactor\"");
        assert_eq!(err(def("foo", Some(DefArg::Integer(1)))), "unrecognized parameter \"foo\"");
        assert_eq!(err(def("fillfactor", None)), "invalid value for integer option \"fillfactor\": true");
        assert_eq!(
            err(def("autovacuum_enabled", Some(DefArg::String("maybe".into())))),
            "invalid value for boolean option \"autovacuum_enabled\": maybe"
        );
        let two = [def("fillfactor", Some(DefArg::Integer(70))), def("fillfactor", Some(DefArg::Integer(80)))];
        let e = transform_rel_options(&[], &[], &two, false, true).err().expect("twice");
        assert_eq!(e.message, "parameter \"fillfactor\" specified more than once");
        assert!(parse_bool("of").is_some_and(|b| !b) && parse_bool("o").is_none() && parse_bool("YE") == Some(true));
    }
}
