//! The `MergeJoin` node (PostgreSQL's `nodeMergejoin.c`).
//!
//! Both inputs arrive sorted ascending, NULLs last, on their key columns
//! (the planner puts Sorts below). The inner rows are read one *group* at
//! a time: all consecutive rows with equal keys, kept in the per-query
//! memory context with a match flag each. For each outer row, groups with
//! smaller keys are passed (their unmatched rows come out with NULLs for a
//! RIGHT or FULL join), and if the current group's keys equal the outer
//! row's, the row is joined with each of its rows that passes the join's
//! other conditions; the group stays for the next outer row, which may
//! have the same keys. A key with a NULL equals nothing: such outer rows
//! (and inner groups) only come out unmatched, for the joins that keep
//! them.
//!
//! PostgreSQL marks and restores its position in the inner input instead
//! of keeping the group (so a Materialize may sit below); keeping the
//! group is the same work without going back, at the price of holding one
//! group of equal keys in memory.

use crate::join::JoinOutput;
use crate::nodes::{PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_error::PgResult;
use pg_planner::JoinInfo;
use pg_types::datum::Datum;
use std::cmp::Ordering;
use std::collections::VecDeque;

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// The outer row being joined with the current group.
struct Current {
    row: Row,
    /// The next group row to try.
    pos: usize,
    matched: bool,
}

/// Execution state of a `MergeJoin` node (`MergeJoinState`).
pub struct MergeJoinState<'p> {
    out: JoinOutput<'p>,
    outer: PlanState<'p>,
    inner: PlanState<'p>,
    outer_keys: &'p [usize],
    inner_keys: &'p [usize],
    /// The current inner group, its keys (None before the first) and
    /// whether they contain a NULL.
    group: Option<QVec<(Row, bool)>>,
    group_keys: Row,
    /// The first inner row after the group, already read.
    lookahead: Option<Row>,
    inner_done: bool,
    outer_done: bool,
    current: Option<Current>,
    /// Unmatched inner rows waiting to come out with NULLs.
    pending: VecDeque<Row>,
}

/// Compares two key rows as the inputs are sorted: ascending, NULLs last.
fn compare_keys(a: &[Datum], b: &[Datum]) -> PgResult<Ordering> {
    for (x, y) in a.iter().zip(b) {
        let o = match (x.is_null(), y.is_null()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => crate::eval::compare(x, y)?,
        };
        if o != Ordering::Equal {
            return Ok(o);
        }
    }
    Ok(Ordering::Equal)
}

fn keys_of(row: &[Datum], cols: &[usize]) -> Row {
    cols.iter().map(|&c| row.get(c).cloned().unwrap_or(Datum::Null)).collect()
}

impl<'p> MergeJoinState<'p> {
    pub(crate) fn new(
        join: &'p JoinInfo,
        outer: PlanState<'p>,
        inner: PlanState<'p>,
        outer_keys: &'p [usize],
        inner_keys: &'p [usize],
    ) -> MergeJoinState<'p> {
        MergeJoinState {
            out: JoinOutput::new(join),
            outer,
            inner,
            outer_keys,
            inner_keys,
            group: None,
            group_keys: Vec::new(),
            lookahead: None,
            inner_done: false,
            outer_done: false,
            current: None,
            pending: VecDeque::new(),
        }
    }

    /// The inputs, outer first.
    pub(crate) fn inputs(&self) -> [&PlanState<'p>; 2] {
        [&self.outer, &self.inner]
    }

    /// `ExecReScanMergeJoin`.
    pub(crate) fn rescan(&mut self) {
        self.outer.rescan();
        self.inner.rescan();
        self.group = None;
        self.group_keys.clear();
        self.lookahead = None;
        self.inner_done = false;
        self.outer_done = false;
        self.current = None;
        self.pending.clear();
    }

    /// Passes the current group: its unmatched rows wait to come out if
    /// inner rows are kept. Then reads the next group (None at the end).
    fn advance_group(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<()> {
        if let Some(g) = self.group.take() {
            if self.out.fill_inner() {
                self.pending.extend(g.into_iter().filter(|(_, m)| !m).map(|(r, _)| r));
            }
        }
        let first = match self.lookahead.take() {
            Some(r) => r,
            None if self.inner_done => return Ok(()),
            None => match self.inner.next(ctx)? {
                Some(r) => r,
                None => {
                    self.inner_done = true;
                    return Ok(());
                }
            },
        };
        let ncols = self.out.inner_ncols();
        self.group_keys = keys_of(&first, self.inner_keys);
        let mut group: QVec<(Row, bool)> = allocator_api2::vec::Vec::new_in(ctx.query_allocator.clone());
        let mut first = first;
        first.truncate(ncols);
        group.push((first, false));
        while let Some(mut r) = self.inner.next(ctx)? {
            ctx.check_interrupts()?;
            if compare_keys(&keys_of(&r, self.inner_keys), &self.group_keys)? != Ordering::Equal {
                self.lookahead = Some(r);
                break;
            }
            r.truncate(ncols);
            group.push((r, false));
        }
        if self.lookahead.is_none() {
            self.inner_done = true;
        }
        self.group = Some(group);
        Ok(())
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        loop {
            ctx.check_interrupts()?;
            if let Some(r) = self.pending.pop_front() {
                let joined = self.out.join_rows(None, Some(&r));
                if let Some(out) = self.out.emit(&joined, ctx)? {
                    return Ok(Some(out));
                }
                continue;
            }
            if let Some(cur) = &mut self.current {
                let group = self.group.as_mut().expect("a group is current");
                if cur.pos < group.len() {
                    let i = cur.pos;
                    cur.pos += 1;
                    let joined = self.out.join_rows(Some(&cur.row), Some(&group[i].0));
                    if self.out.passes_join_qual(&joined, ctx)? {
                        cur.matched = true;
                        group[i].1 = true;
                        if self.out.first_match_only() {
                            // Settled: emitted once (semi) or never (anti).
                            cur.pos = group.len();
                        }
                        if !self.out.emits_matches() {
                            continue;
                        }
                        if let Some(out) = self.out.emit(&joined, ctx)? {
                            return Ok(Some(out));
                        }
                    }
                    continue;
                }
                let cur = self.current.take().expect("checked");
                if !cur.matched && self.out.fill_outer() {
                    let joined = self.out.join_rows(Some(&cur.row), None);
                    if let Some(out) = self.out.emit(&joined, ctx)? {
                        return Ok(Some(out));
                    }
                }
                continue;
            }
            if self.outer_done {
                // The rest of the inner rows never met an outer row.
                if !self.out.fill_inner() || (self.group.is_none() && self.inner_done) {
                    return Ok(None);
                }
                self.advance_group(ctx)?;
                continue;
            }
            let Some(mut orow) = self.outer.next(ctx)? else {
                self.outer_done = true;
                continue;
            };
            orow.truncate(self.out.outer_ncols());
            let okeys = keys_of(&orow, self.outer_keys);
            let mut matches = false;
            if !okeys.iter().any(Datum::is_null) {
                if self.group.is_none() && !self.inner_done {
                    self.advance_group(ctx)?;
                }
                while self.group.is_some() {
                    match compare_keys(&self.group_keys, &okeys)? {
                        Ordering::Less => self.advance_group(ctx)?,
                        Ordering::Equal => {
                            matches = !self.group_keys.iter().any(Datum::is_null);
                            break;
                        }
                        Ordering::Greater => break,
                    }
                }
            }
            if matches {
                self.current = Some(Current { row: orow, pos: 0, matched: false });
            } else if self.out.fill_outer() {
                let joined = self.out.join_rows(Some(&orow), None);
                if let Some(out) = self.out.emit(&joined, ctx)? {
                    return Ok(Some(out));
                }
            }
        }
    }
}
