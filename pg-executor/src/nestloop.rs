//! The `NestLoop` node (PostgreSQL's `nodeNestloop.c`), for inner, left,
//! right and full joins.
//!
//! For each outer row the inner input is rescanned (`ExecReScan`) and read
//! to its end; pairs that pass the join condition are filtered by WHERE and
//! projected, and for a LEFT join an outer row that met no partner comes
//! out once with NULLs for the inner columns. The planner puts a
//! Materialize over an inner input that is not cheap to rescan, so the
//! inner rows are computed once and read back from its tuplestore. A RIGHT
//! join is planned as a LEFT join with the inputs swapped.
//!
//! FULL joins (which PostgreSQL runs as hash or merge joins, never as
//! nested loops) read the inner rows once into an array in the per-query
//! memory context with a parallel array of match flags, so that the inner
//! rows that never found a partner can be returned with NULLs after the
//! outer input ends.

use crate::eval::eval_qual;
use crate::nodes::{project, PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::{Expr, JoinType};
use pg_error::PgResult;
use pg_types::datum::Datum;

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// Executor state of a `NestLoop` node.
pub struct NestLoopState<'p> {
    kind: JoinType,
    outer: PlanState<'p>,
    inner: PlanState<'p>,
    outer_ncols: usize,
    inner_ncols: usize,
    join_qual: Option<&'p Expr>,
    qual: Option<&'p Expr>,
    target_list: &'p [Expr],
    /// The joined row holds the inner row's columns first (a RIGHT JOIN
    /// run as a LEFT JOIN with its inputs swapped).
    inner_first: bool,
    /// FULL joins only: the inner rows and whether each found a partner
    /// (None before they were read).
    inner_rows: Option<(QVec<Row>, QVec<bool>)>,
    /// The current outer row, the next buffered inner row to try (FULL),
    /// and whether the outer row found a partner.
    current: Option<(Row, usize, bool)>,
    /// True once the outer input is exhausted.
    outer_done: bool,
    /// Next inner row to consider for NULL-extension (FULL).
    unmatched_pos: usize,
    /// LATERAL parameters set from each outer row (`nestParams`), and the
    /// InitPlan outputs inside the inner side that depend on them.
    nest_params: &'p [(usize, Expr)],
    reset_params: &'p [usize],
    reset_plans: &'p [usize],
    /// Per-row memory for the join qual, WHERE and the projection of each
    /// joined row.
    econtext: crate::eval::PerTupleContext,
}

impl<'p> NestLoopState<'p> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        kind: JoinType,
        outer: PlanState<'p>,
        inner: PlanState<'p>,
        outer_ncols: usize,
        inner_ncols: usize,
        join_qual: Option<&'p Expr>,
        qual: Option<&'p Expr>,
        target_list: &'p [Expr],
        inner_first: bool,
    ) -> NestLoopState<'p> {
        NestLoopState {
            kind,
            outer,
            inner,
            outer_ncols,
            inner_ncols,
            join_qual,
            qual,
            target_list,
            inner_first,
            inner_rows: None,
            econtext: crate::eval::PerTupleContext::new(),
            current: None,
            outer_done: false,
            unmatched_pos: 0,
            nest_params: &[],
            reset_params: &[],
            reset_plans: &[],
        }
    }

    /// Sets the LATERAL parameters the inner side reads.
    pub(crate) fn with_nest_params(
        mut self,
        nest_params: &'p [(usize, Expr)],
        reset_params: &'p [usize],
        reset_plans: &'p [usize],
    ) -> Self {
        self.nest_params = nest_params;
        self.reset_params = reset_params;
        self.reset_plans = reset_plans;
        self
    }

    /// Sets the LATERAL parameters from a new outer row, before the inner
    /// side is rescanned.
    fn set_nest_params(&self, outer: &[Datum], ctx: &ExecContext<'_>) -> PgResult<()> {
        if self.nest_params.is_empty() {
            return Ok(());
        }
        let values = self
            .nest_params
            .iter()
            .map(|(id, e)| Ok((*id, crate::eval::eval(e, outer, &ctx.ecxt())?)))
            .collect::<PgResult<Vec<_>>>()?;
        crate::subplan::set_params(ctx, &values, self.reset_params, self.reset_plans)
    }

    /// The inputs, outer first.
    pub(crate) fn inputs(&self) -> [&PlanState<'p>; 2] {
        [&self.outer, &self.inner]
    }

    /// `ExecReScanNestLoop`: starts over from a rescanned outer input (the
    /// inner one is rescanned for each outer row anyway). A FULL join reads
    /// its inner rows again too: the rescan may come with new values of
    /// parameters the inner side reads (a FULL JOIN inside a LATERAL
    /// subquery that refers to an enclosing FROM item), and rows buffered
    /// for the old values would be wrong.
    pub(crate) fn rescan(&mut self) {
        self.outer.rescan();
        self.current = None;
        self.outer_done = false;
        self.unmatched_pos = 0;
        if self.inner_rows.take().is_some() {
            self.inner.rescan();
        }
    }

    /// The joined row of an outer and an inner row (NULLs for a missing
    /// one), in the column order the join's expressions expect.
    fn join_rows(&self, outer: Option<&[Datum]>, inner: Option<&[Datum]>) -> Row {
        let mut row = Vec::with_capacity(self.outer_ncols + self.inner_ncols);
        let mut part = |r: Option<&[Datum]>, n: usize| match r {
            Some(r) => row.extend_from_slice(&r[..n]),
            None => row.resize(row.len() + n, Datum::Null),
        };
        if self.inner_first {
            part(inner, self.inner_ncols);
            part(outer, self.outer_ncols);
        } else {
            part(outer, self.outer_ncols);
            part(inner, self.inner_ncols);
        }
        row
    }

    /// Filters a joined row by WHERE and projects it.
    fn emit(&self, row: &[Datum], ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let _per_tuple = (self.qual.is_some() || crate::nodes::projection_computes(self.target_list))
            .then(|| self.econtext.reset_for_row(&ctx.query_allocator));
        if let Some(q) = self.qual {
            if !eval_qual(q, row, &ctx.ecxt())? {
                return Ok(None);
            }
        }
        project(self.target_list, row, ctx).map(Some)
    }

    fn passes_join_qual(&self, joined: &[Datum], ctx: &ExecContext<'_>) -> PgResult<bool> {
        match self.join_qual {
            Some(q) => {
                let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
                eval_qual(q, joined, &ctx.ecxt())
            }
            None => Ok(true),
        }
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.kind == JoinType::Full {
            return self.next_full(ctx);
        }
        loop {
            if self.outer_done {
                return Ok(None);
            }
            if self.current.is_none() {
                match self.outer.next(ctx)? {
                    Some(r) => {
                        self.set_nest_params(&r, ctx)?;
                        self.current = Some((r, 0, false));
                        // A new outer row: read the inner input again.
                        self.inner.rescan();
                    }
                    None => {
                        self.outer_done = true;
                        continue;
                    }
                }
            }
            let single = matches!(self.kind, JoinType::Semi | JoinType::Anti);
            while let Some(irow) = self.inner.next(ctx)? {
                ctx.check_interrupts()?;
                let Some((orow, _, found)) = &self.current else { break };
                if single && *found {
                    break;
                }
                let joined = self.join_rows(Some(orow), Some(&irow));
                if self.passes_join_qual(&joined, ctx)? {
                    if let Some((_, _, m)) = &mut self.current {
                        *m = true;
                    }
                    // An anti join's matched row never comes out; a semi
                    // join's comes out once.
                    if self.kind == JoinType::Anti {
                        break;
                    }
                    if let Some(r) = self.emit(&joined, ctx)? {
                        if single {
                            self.current = None;
                        }
                        return Ok(Some(r));
                    }
                    if single {
                        break;
                    }
                }
            }
            // The outer row has met every inner row.
            let Some((orow, _, found)) = self.current.take() else { continue };
            if !found && matches!(self.kind, JoinType::Left | JoinType::Anti) {
                let joined = self.join_rows(Some(&orow), None);
                if let Some(r) = self.emit(&joined, ctx)? {
                    return Ok(Some(r));
                }
            }
        }
    }

    /// FULL JOIN over buffered inner rows (see the module doc).
    fn next_full(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.inner_rows.is_none() {
            let mut rows: QVec<Row> = allocator_api2::vec::Vec::new_in(ctx.query_allocator.clone());
            while let Some(mut r) = self.inner.next(ctx)? {
                r.truncate(self.inner_ncols);
                rows.push(r);
            }
            let mut matched: QVec<bool> = allocator_api2::vec::Vec::new_in(ctx.query_allocator.clone());
            matched.resize(rows.len(), false);
            self.inner_rows = Some((rows, matched));
        }
        loop {
            if self.outer_done {
                let Some((rows, matched)) = &self.inner_rows else { return Ok(None) };
                let Some(i) = (self.unmatched_pos..rows.len()).find(|&i| !matched[i]) else {
                    self.unmatched_pos = rows.len();
                    return Ok(None);
                };
                self.unmatched_pos = i + 1;
                ctx.check_interrupts()?;
                let joined = self.join_rows(None, Some(&rows[i]));
                if let Some(r) = self.emit(&joined, ctx)? {
                    return Ok(Some(r));
                }
                continue;
            }
            if self.current.is_none() {
                match self.outer.next(ctx)? {
                    Some(r) => self.current = Some((r, 0, false)),
                    None => {
                        self.outer_done = true;
                        continue;
                    }
                }
            }
            let n_inner = self.inner_rows.as_ref().map(|(r, _)| r.len()).unwrap_or(0);
            while let Some((orow, next, _)) = &self.current {
                if *next >= n_inner {
                    break;
                }
                let i = *next;
                let joined = self.join_rows(Some(orow), self.inner_rows.as_ref().map(|(r, _)| &r[i][..]));
                if let Some((_, next, _)) = &mut self.current {
                    *next += 1;
                }
                ctx.check_interrupts()?;
                if self.passes_join_qual(&joined, ctx)? {
                    if let Some((_, _, m)) = &mut self.current {
                        *m = true;
                    }
                    if let Some((_, matched)) = &mut self.inner_rows {
                        matched[i] = true;
                    }
                    if let Some(r) = self.emit(&joined, ctx)? {
                        return Ok(Some(r));
                    }
                }
            }
            // The outer row has met every inner row.
            let Some((orow, _, found)) = self.current.take() else { continue };
            if !found {
                let joined = self.join_rows(Some(&orow), None);
                if let Some(r) = self.emit(&joined, ctx)? {
                    return Ok(Some(r));
                }
            }
        }
    }
}
