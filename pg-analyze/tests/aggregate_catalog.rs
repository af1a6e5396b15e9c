//! The aggregates the catalogs list (`pg_types::aggregates`, from which
//! initdb writes `pg_proc` and `pg_aggregate`) are exactly those the
//! analyzer accepts: for every aggregate PostgreSQL 15 has, a call with
//! arguments of its types analyzes if and only if it is listed.

use pg_analyze::{analyze, AnalyzeEnv};
use pg_types::io::OutputSettings;
use pg_types::oid;
use pg_types::Oid;

/// `anycompatible` and `anycompatiblearray` (PostgreSQL's OIDs).
const ANYCOMPATIBLE: Oid = 5077;
const ANYCOMPATIBLEARRAY: Oid = 5078;

/// An argument of type `t` for the test call: a typed NULL, with the
/// polymorphic types standing for integers; None when no value of the type
/// can be written here (a pseudo-type like `internal` or `anyenum`, or a
/// type this server lacks).
fn argument(t: Oid) -> Option<String> {
    let concrete = match t {
        oid::ANY | oid::ANYELEMENT | oid::ANYNONARRAY | ANYCOMPATIBLE => oid::INT4,
        oid::ANYARRAY | ANYCOMPATIBLEARRAY => oid::INT4_ARRAY,
        other => other,
    };
    let info = pg_types::lookup_type(concrete)?;
    (info.typtype != b'p').then(|| format!("NULL::{}", pg_types::format_type(concrete, -1)))
}

#[test]
fn listed_aggregates_are_the_ones_the_analyzer_accepts() {
    let settings = OutputSettings::default();
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut procs: Vec<_> = pg_types::bootdata::procs().values().filter(|p| p.kind == b'a').collect();
    procs.sort_by_key(|p| p.oid);
    for p in procs {
        let listed = pg_types::aggregates::aggregate_exists(p.name, &p.arg_types);
        let agg = &pg_types::bootdata::aggregates()[&p.oid];
        let args: Option<Vec<String>> = p.arg_types.iter().map(|&t| argument(t)).collect();
        let Some(args) = args else {
            // Not expressible here: it cannot be one the analyzer runs.
            if listed {
                wrong.push(format!("{}{:?} is listed but cannot be called here", p.name, p.arg_types));
            }
            continue;
        };
        let sql = if agg.kind == b'n' {
            let call = if args.is_empty() { "*".to_string() } else { args.join(", ") };
            format!("select {}({call})", p.name)
        } else {
            // Ordered-set and hypothetical-set aggregates: the direct
            // arguments, then the aggregated ones WITHIN GROUP (a
            // hypothetical-set aggregate's variadic "any" stands for both).
            let direct = (agg.num_direct_args.max(0) as usize).min(args.len());
            let sorted = if direct < args.len() { &args[direct..] } else { &args[..] };
            format!("select {}({}) within group (order by {})", p.name, args[..direct].join(", "), sorted.join(", "))
        };
        let env = AnalyzeEnv {
            sql: &sql,
            catalog: &pg_catalog::BuiltinCatalog,
            search_path: &[],
            session_user: "postgres",
            settings: &settings,
            has_privs_of_role: &|_| true,
        };
        let stmts = pg_parser::parse(&sql).expect("the test call parses");
        let accepted = analyze(&stmts[0], &env).is_ok();
        checked += 1;
        if accepted != listed {
            wrong.push(format!(
                "{sql}: the analyzer {} it but pg_types::aggregates {} it",
                if accepted { "accepts" } else { "refuses" },
                if listed { "lists" } else { "does not list" }
            ));
        }
    }
    assert!(checked > 50, "only {checked} aggregates checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
