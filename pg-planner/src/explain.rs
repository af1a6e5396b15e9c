//! EXPLAIN's text format for a plan tree (PostgreSQL's `commands/explain.c`),
//! without costs this round: node names and the relation or function.

use crate::Plan;
use pg_analyze::RteSource;

/// The plan as EXPLAIN (COSTS OFF) would print it, one line per node.
pub fn explain_text(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    walk(plan, 0, &mut out);
    out
}

fn walk(plan: &Plan, depth: usize, out: &mut Vec<String>) {
    let prefix = if depth == 0 { String::new() } else { format!("{}->  ", " ".repeat(depth * 6 - 4)) };
    let (line, child, filter) = match plan {
        Plan::Result { qual, .. } => ("Result".to_string(), None, qual.is_some()),
        Plan::FunctionScan { rte, qual, .. } => {
            let func = match &rte.source {
                RteSource::Function { name, .. } | RteSource::ScalarFunction { name, .. } => name.clone(),
                RteSource::View { function, .. } => function.clone(),
            };
            let alias = if rte.alias == func { func.clone() } else { format!("{func} {}", rte.alias) };
            (format!("Function Scan on {alias}"), None, qual.is_some())
        }
        Plan::Sort { input, .. } => ("Sort".to_string(), Some(input), false),
        Plan::Agg { input, strategy, qual, .. } => {
            let name = match strategy {
                crate::AggStrategy::Plain => "Aggregate",
                crate::AggStrategy::Hashed => "HashAggregate",
            };
            (name.to_string(), Some(input), qual.is_some())
        }
        Plan::Unique { input, .. } => ("Unique".to_string(), Some(input), false),
        Plan::Limit { input, .. } => ("Limit".to_string(), Some(input), false),
    };
    out.push(format!("{prefix}{line}"));
    if filter {
        let pad = if depth == 0 { "  ".to_string() } else { " ".repeat(depth * 6 + 2) };
        out.push(format!("{pad}Filter: (...)"));
    }
    if let Some(c) = child {
        walk(c, depth + 1, out);
    }
}
