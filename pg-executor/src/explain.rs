//! EXPLAIN (PostgreSQL's `commands/explain.c`): option parsing
//! (`ExplainQuery`'s DefElem loop) and, for ANALYZE, running the plan with
//! per-node instrumentation (`instrument.c`) before printing it with
//! `pg_planner::explain::explain_lines`.

use crate::nodes::{init_plan_instrumented, PlanState};
use crate::{DestReceiver, ExecContext};
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::Value;
use pg_planner::explain::{explain_lines, ExplainOptions, NodeActuals};
use pg_planner::PlannedStmt;
use pg_types::datum::Datum;
use std::time::Instant;

fn boolean_option(name: &str, value: &Option<Value>) -> PgResult<bool> {
    let bad = || PgError::new(SqlState::SYNTAX_ERROR, format!("{name} requires a Boolean value"));
    match value {
        None => Ok(true),
        Some(Value::Boolean(b)) => Ok(*b),
        Some(Value::Integer(0)) => Ok(false),
        Some(Value::Integer(1)) => Ok(true),
        Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "on" | "yes" | "1" => Ok(true),
            "false" | "off" | "no" | "0" => Ok(false),
            _ => Err(bad()),
        },
        Some(_) => Err(bad()),
    }
}

/// Reads EXPLAIN's options, with PostgreSQL's defaults and errors.
pub fn parse_options(options: &[(String, Option<Value>)]) -> PgResult<ExplainOptions> {
    let mut o = ExplainOptions::default();
    let mut timing_set = None;
    let mut summary_set = None;
    for (name, value) in options {
        match name.as_str() {
            "analyze" => o.analyze = boolean_option(name, value)?,
            "costs" => o.costs = boolean_option(name, value)?,
            "timing" => timing_set = Some(boolean_option(name, value)?),
            "summary" => summary_set = Some(boolean_option(name, value)?),
            "verbose" => {
                if boolean_option(name, value)? {
                    return Err(PgError::not_supported("EXPLAIN VERBOSE is not supported yet"));
                }
            }
            // Nothing to show for these yet: no buffers, WAL or changed planner settings.
            "buffers" | "wal" | "settings" => {
                boolean_option(name, value)?;
            }
            "format" => {
                let v = match value {
                    Some(Value::String(s)) => s.to_ascii_lowercase(),
                    _ => String::new(),
                };
                match v.as_str() {
                    "text" => {}
                    "json" | "xml" | "yaml" => {
                        return Err(PgError::not_supported(format!(
                            "EXPLAIN (FORMAT {}) is not supported yet",
                            v.to_uppercase()
                        )))
                    }
                    _ => {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            format!("unrecognized value for EXPLAIN option \"format\": \"{v}\""),
                        ))
                    }
                }
            }
            other => {
                return Err(PgError::new(SqlState::SYNTAX_ERROR, format!("unrecognized EXPLAIN option \"{other}\"")))
            }
        }
    }
    if timing_set == Some(true) && !o.analyze {
        return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "EXPLAIN option TIMING requires ANALYZE"));
    }
    o.timing = timing_set.unwrap_or(o.analyze);
    o.summary = summary_set.unwrap_or(o.analyze);
    Ok(o)
}

/// Runs EXPLAIN for a planned statement: for ANALYZE, executes the plan
/// (discarding its rows), then sends the plan text one line per row.
/// Returns the number of lines sent.
pub fn run_explain(
    planned: &PlannedStmt,
    opts: &ExplainOptions,
    ctx: &mut ExecContext<'_>,
    dest: &mut dyn DestReceiver,
) -> PgResult<u64> {
    let mut lines = if opts.analyze {
        let started = Instant::now();
        let actuals = {
            let mut state = init_plan_instrumented(&planned.plan, true);
            while state.next(ctx)?.is_some() {}
            let mut actuals = Vec::new();
            collect_actuals(&state, &mut actuals);
            actuals
        };
        let mut lines = explain_lines(&planned.plan, opts, Some(&actuals));
        if opts.summary {
            lines.push(format!("Planning Time: {:.3} ms", opts.planning_ms));
            lines.push(format!("Execution Time: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0));
        }
        lines
    } else {
        let mut lines = explain_lines(&planned.plan, opts, None);
        if opts.summary {
            lines.push(format!("Planning Time: {:.3} ms", opts.planning_ms));
        }
        lines
    };
    dest.startup(&crate::describe(planned))?;
    let n = lines.len() as u64;
    for l in lines.drain(..) {
        (ctx.check_for_interrupts)()?;
        dest.receive(&[Datum::Text(l)])?;
    }
    dest.shutdown()?;
    Ok(n)
}

/// The instrumentation of every node, parents before children.
fn collect_actuals(state: &PlanState<'_>, out: &mut Vec<NodeActuals>) {
    if let PlanState::Instrument { inner, actuals, .. } = state {
        out.push(*actuals);
        for child in inner.children() {
            collect_actuals(child, out);
        }
    } else {
        for child in state.children() {
            collect_actuals(child, out);
        }
    }
}
