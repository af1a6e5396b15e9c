//! The `NestLoop` node (PostgreSQL's `nodeNestloop.c`), for inner, left,
//! right and full joins.
//!
//! The inner input is read once, at the first call, into an array in the
//! per-query memory context (what a `Material` node under the join does in
//! PostgreSQL); each outer row is then paired with every inner row. For
//! RIGHT and FULL joins a parallel array remembers which inner rows found a
//! partner, so the unmatched ones are returned with NULLs after the outer
//! input ends.

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
    /// The inner rows and whether each found a partner (None before read).
    inner_rows: Option<(QVec<Row>, QVec<bool>)>,
    /// The current outer row, the next inner row to try, and whether the
    /// outer row found a partner.
    current: Option<(Row, usize, bool)>,
    /// True once the outer input is exhausted.
    outer_done: bool,
    /// Next inner row to consider for NULL-extension (RIGHT/FULL).
    unmatched_pos: usize,
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
            current: None,
            outer_done: false,
            unmatched_pos: 0,
        }
    }

    /// The inputs, outer first.
    pub(crate) fn inputs(&self) -> [&PlanState<'p>; 2] {
        [&self.outer, &self.inner]
    }

    /// The joined row of an outer and an inner row (NULLs for a missing
    /// one), in the column order the join's expressions expect.
    fn join_rows(&self, outer: Option<&[Datum]>, inner: Option<&[Datum]>) -> Row {
        let part = |r: Option<&[Datum]>, n: usize| r.map(<[Datum]>::to_vec).unwrap_or_else(|| vec![Datum::Null; n]);
        let (o, i) = (part(outer, self.outer_ncols), part(inner, self.inner_ncols));
        if self.inner_first {
            i.into_iter().chain(o).collect()
        } else {
            o.into_iter().chain(i).collect()
        }
    }

    /// Filters a joined row by WHERE and projects it.
    fn emit(&self, row: &[Datum], ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if let Some(q) = self.qual {
            if !eval_qual(q, row, &ctx.ecxt())? {
                return Ok(None);
            }
        }
        project(self.target_list, row, ctx).map(Some)
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
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
                if !matches!(self.kind, JoinType::Right | JoinType::Full) {
                    return Ok(None);
                }
                let Some((rows, matched)) = &self.inner_rows else { return Ok(None) };
                let Some(i) = (self.unmatched_pos..rows.len()).find(|&i| !matched[i]) else {
                    self.unmatched_pos = rows.len();
                    return Ok(None);
                };
                self.unmatched_pos = i + 1;
                (ctx.check_for_interrupts)()?;
                let joined = self.join_rows(None, Some(&rows[i]));
                if let Some(r) = self.emit(&joined, ctx)? {
                    return Ok(Some(r));
                }
                continue;
            }
            if self.current.is_none() {
                match self.outer.next(ctx)? {
                    Some(mut r) => {
                        r.truncate(self.outer_ncols);
                        self.current = Some((r, 0, false));
                    }
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
                (ctx.check_for_interrupts)()?;
                let ok = match self.join_qual {
                    Some(q) => eval_qual(q, &joined, &ctx.ecxt())?,
                    None => true,
                };
                if ok {
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
            if !found && matches!(self.kind, JoinType::Left | JoinType::Full) {
                let joined = self.join_rows(Some(&orow), None);
                if let Some(r) = self.emit(&joined, ctx)? {
                    return Ok(Some(r));
                }
            }
        }
    }
}
