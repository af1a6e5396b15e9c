//! EXPLAIN's run time (PostgreSQL's `commands/explain.c`
//! `ExplainOnePlan`): for ANALYZE, running the plan with per-node
//! instrumentation (`instrument.c`), then printing it with
//! `pg_planner::explain::explain_lines`. The options arrive already parsed
//! in the plan (`pg_planner::explain::parse_options`).

use crate::nodes::{init_plan_instrumented, PlanState};
use crate::{DestReceiver, ExecContext};
use pg_error::PgResult;
use pg_planner::explain::{explain_stmt_lines, ExplainOptions, NodeActuals};
use pg_planner::PlannedStmt;
use pg_types::datum::Datum;
use std::time::Instant;

/// Runs EXPLAIN for a planned statement: for ANALYZE, executes the plan
/// (discarding its rows), then sends the plan text one line per row.
/// Returns the number of lines sent.
pub fn run_explain(
    planned: &PlannedStmt,
    opts: &ExplainOptions,
    ctx: &mut ExecContext<'_>,
    dest: &mut dyn DestReceiver,
) -> PgResult<u64> {
    let lines = explain_output(planned, opts, ctx)?;
    dest.startup(&crate::describe(planned))?;
    let n = lines.len() as u64;
    for l in lines {
        ctx.check_interrupts()?;
        dest.receive(&[Datum::Text(l)])?;
    }
    dest.shutdown()?;
    Ok(n)
}

/// EXPLAIN's output lines (`ExplainOnePlan`): for ANALYZE, the plan is run
/// first with every node instrumented, its rows discarded.
pub fn explain_output(
    planned: &PlannedStmt,
    opts: &ExplainOptions,
    ctx: &mut ExecContext<'_>,
) -> PgResult<Vec<String>> {
    // An EXPLAIN prepared by Parse whose constant folding failed: the
    // error is raised where PostgreSQL plans an EXPLAIN's query, when the
    // EXPLAIN runs.
    if let Some(e) = &planned.bind_error {
        return Err(e.clone());
    }
    Ok(if opts.analyze {
        let started = Instant::now();
        // SubPlans, InitPlans and WITH queries record their own figures.
        let shared = ctx.exec.clone();
        if let Some(s) = &shared {
            s.instrument.set(true);
        }
        let actuals = {
            let mut state = init_plan_instrumented(&planned.plan, true);
            while state.next(ctx)?.is_some() {}
            let mut actuals = Vec::new();
            collect_actuals(&state, &mut actuals);
            actuals
        };
        let subplan_actuals = shared.map(|s| s.take_subplan_actuals()).unwrap_or_default();
        let mut lines = explain_stmt_lines(&planned.plan, &planned.subplans, opts, Some(&actuals), &subplan_actuals);
        if opts.summary {
            lines.push(format!("Planning Time: {:.3} ms", opts.planning_ms));
            lines.push(format!("Execution Time: {:.3} ms", started.elapsed().as_secs_f64() * 1000.0));
        }
        lines
    } else {
        let mut lines = explain_stmt_lines(&planned.plan, &planned.subplans, opts, None, &Default::default());
        if opts.summary {
            lines.push(format!("Planning Time: {:.3} ms", opts.planning_ms));
        }
        lines
    })
}

/// The instrumentation of every node, parents before children.
pub(crate) fn collect_actuals(state: &PlanState<'_>, out: &mut Vec<NodeActuals>) {
    if let PlanState::Instrument { inner, actuals, .. } = state {
        let mut a = *actuals;
        inner.add_space_stats(&mut a);
        out.push(a);
        for (i, child) in inner.children().into_iter().enumerate() {
            let at = out.len();
            collect_actuals(child, out);
            // The hash join keeps the table; EXPLAIN shows it under Hash.
            if let (1, PlanState::HashJoin(h)) = (i, &**inner) {
                if let Some(entry) = out.get_mut(at) {
                    entry.hash_table = h.hash_stats();
                }
            }
        }
    } else {
        for child in state.children() {
            collect_actuals(child, out);
        }
    }
}
