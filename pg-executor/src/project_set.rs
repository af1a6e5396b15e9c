//! The `ProjectSet` node (PostgreSQL's `nodeProjectSet.c`): set-returning
//! functions in a select list, with PostgreSQL 10+'s semantics.
//!
//! For each input row every function is called once; then the node returns
//! one row per step, reading the next value of every function in lockstep.
//! A function that has finished gives NULL while others still return
//! values; the input row is done when all have finished, so a row whose
//! functions all return nothing produces no output row. Functions are read
//! one value at a time (value-per-call), so `generate_series(1, 2000000000)`
//! in a select list streams. A node without functions only projects (the
//! `Result` above a set-returning call nested in an expression).

use crate::eval::eval;
use crate::nodes::{project, PlanState, Row};
use crate::ExecContext;
use pg_analyze::Expr;
use pg_error::{PgError, PgResult};
use pg_types::datum::Datum;
use pg_types::SetRows;

/// Executor state of a `ProjectSet` node.
pub struct ProjectSetState<'p> {
    input: PlanState<'p>,
    srfs: &'p [Expr],
    target_list: &'p [Expr],
    /// The current input row and each function's remaining rows (`None`
    /// once it has finished).
    current: Option<(Row, Vec<Option<SetRows>>)>,
    /// Per-row memory for the projection of each output row.
    econtext: crate::eval::PerTupleContext,
}

impl<'p> ProjectSetState<'p> {
    pub(crate) fn new(input: PlanState<'p>, srfs: &'p [Expr], target_list: &'p [Expr]) -> ProjectSetState<'p> {
        ProjectSetState { input, srfs, target_list, current: None, econtext: crate::eval::PerTupleContext::new() }
    }

    /// The input.
    pub(crate) fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    /// `ExecReScanProjectSet`: starts over from a rescanned input.
    pub(crate) fn rescan(&mut self) {
        self.current = None;
        self.input.rescan();
    }

    /// Starts every function over `row` (`ExecMakeFunctionResultSet`'s first call).
    fn start(&self, row: &[Datum], ctx: &ExecContext<'_>) -> PgResult<Vec<Option<SetRows>>> {
        self.srfs
            .iter()
            .map(|s| {
                let Expr::SrfCall { func, args, strict, .. } = s else {
                    return Err(PgError::internal("ProjectSet entry is not a set-returning call"));
                };
                let vals = args.iter().map(|a| eval(a, row, &ctx.ecxt())).collect::<PgResult<Vec<_>>>()?;
                if *strict && vals.iter().any(Datum::is_null) {
                    return Ok(None);
                }
                func.call(&vals).map(Some)
            })
            .collect()
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.srfs.is_empty() {
            return match self.input.next(ctx)? {
                Some(row) => {
                    let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
                    project(self.target_list, &row, ctx).map(Some)
                }
                None => Ok(None),
            };
        }
        loop {
            if self.current.is_none() {
                let Some(row) = self.input.next(ctx)? else { return Ok(None) };
                let sets = self.start(&row, ctx)?;
                self.current = Some((row, sets));
            }
            let (row, sets) = self.current.as_mut().expect("set above");
            let mut out = row.clone();
            let mut any = false;
            for set in sets.iter_mut() {
                let value = match set {
                    Some(it) => match it.next().transpose()? {
                        Some(mut r) => {
                            any = true;
                            if r.is_empty() {
                                Datum::Null
                            } else {
                                r.swap_remove(0)
                            }
                        }
                        None => {
                            *set = None;
                            Datum::Null
                        }
                    },
                    None => Datum::Null,
                };
                out.push(value);
            }
            ctx.check_interrupts()?;
            if !any {
                self.current = None;
                continue;
            }
            let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
            return project(self.target_list, &out, ctx).map(Some);
        }
    }
}
