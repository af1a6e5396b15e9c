//! EvalPlanQual: re-running a plan for one row with every FROM item's row
//! fixed (PostgreSQL's `execMain.c` `EvalPlanQual*` and the EPQ branch of
//! `execScan.c`'s `ExecScanFetch`).
//!
//! Under READ COMMITTED, an UPDATE, DELETE or SELECT ... FOR UPDATE/SHARE
//! that meets a row a concurrent transaction changed and committed does
//! not fail: it locks the newest version of the row and asks whether the
//! query would still have produced it, and with which values. The
//! question is answered by running the node's input plan once more, with
//! each scan of its join tree (a *leaf*: a table, function, VALUES or
//! subquery scan) returning one *test row* or none instead of reading its
//! source:
//! - the re-fetched tables (the UPDATE or DELETE target, the FOR UPDATE
//!   tables whose rows changed) return their newest version;
//! - every other leaf returns the row it had joined, taken from the copy
//!   of the joined row that the planner appends to the input rows as
//!   resjunk columns (`Plan::ModifyTable::joined_row`, PostgreSQL's
//!   ROW_MARK_COPY whole-row columns; PostgreSQL re-fetches tables by
//!   `ctid` instead, which gives the same row). A leaf on the NULL-filled
//!   side of an outer join whose copied columns are all NULL was filled by
//!   the join, and returns no row.
//!
//! The plan's scan filters, join conditions and projection then decide:
//! one output row (the row as it is now, to be changed or returned) or
//! none (the row no longer qualifies and is skipped). Scans under the
//! inner side of a semi or anti join (a pulled-up EXISTS) are not leaves:
//! they read their table again, as the subquery would.

use crate::nodes::{PlanState, Row};
use crate::ExecContext;
use pg_analyze::{Expr, JoinType, RelationRef, RteSource};
use pg_error::{PgError, PgResult};
use pg_planner::Plan;
use pg_types::datum::Datum;

/// One scan of the join tree and its columns in the joined row.
struct Leaf<'p> {
    plan: &'p Plan,
    /// First column in the joined row.
    offset: usize,
    /// Number of columns (the scan's FROM item's).
    width: usize,
    /// Under the NULL-filled side of an outer join.
    nullable: bool,
}

/// What EvalPlanQual needs of a ModifyTable's or LockRows' input plan
/// (`EPQState`): the plan, its leaves, and where the input rows keep the
/// copy of the joined row.
pub(crate) struct EpqPlan<'p> {
    plan: &'p Plan,
    /// The output expressions of the node that forms the joined row.
    top_tlist: &'p [Expr],
    leaves: Vec<Leaf<'p>>,
    copy_start: Option<usize>,
}

/// The test rows of one re-check, by leaf.
pub(crate) struct EpqRows<'p> {
    rows: Vec<(&'p Plan, Option<Row>)>,
}

impl<'p> EpqRows<'p> {
    /// The test row of `plan` when it is a leaf: `Some(None)` for a leaf
    /// that returns no row.
    pub(crate) fn test_row(&self, plan: &Plan) -> Option<Option<Row>> {
        self.rows.iter().find(|(p, _)| std::ptr::eq(*p, plan)).map(|(_, r)| r.clone())
    }
}

impl<'p> EpqPlan<'p> {
    /// The re-check of `plan`'s rows, or None when the plan has a shape
    /// the re-check cannot re-run (grouping, set operations above the
    /// scans).
    pub(crate) fn new(plan: &'p Plan, copy_start: Option<usize>) -> Option<EpqPlan<'p>> {
        let top = join_tree_top(plan);
        let top_tlist = match top {
            Plan::SeqScan { target_list, .. }
            | Plan::FunctionScan { target_list, .. }
            | Plan::SubqueryScan { target_list, .. }
            | Plan::NestLoop { target_list, .. } => target_list,
            Plan::HashJoin { join, .. } | Plan::MergeJoin { join, .. } => &join.target_list,
            _ => return None,
        };
        let mut leaves = Vec::new();
        collect_leaves(top, 0, false, &mut leaves)?;
        Some(EpqPlan { plan, top_tlist, leaves, copy_start })
    }

    /// The leaf whose `ctid` the output column `entry` is (the junk
    /// `ctid` of the target table or of a FOR UPDATE table).
    pub(crate) fn leaf_of_entry(&self, entry: usize) -> Option<usize> {
        let Some(Expr::Var { attno, .. }) = self.top_tlist.get(entry) else { return None };
        self.leaves.iter().position(|l| (l.offset..l.offset + l.width).contains(attno))
    }

    /// The table a leaf scans.
    pub(crate) fn leaf_relation(&self, leaf: usize) -> Option<&'p RelationRef> {
        match self.leaves.get(leaf)?.plan {
            Plan::SeqScan { rte, .. } => match &rte.source {
                RteSource::Relation(r) => Some(r),
                _ => None,
            },
            _ => None,
        }
    }

    /// `EvalPlanQualNext`: re-runs the plan for `input_row` with the
    /// leaves in `fixed` returning the given rows and the others the rows
    /// copied in `input_row`; the plan's output row, or None when the row
    /// no longer qualifies.
    pub(crate) fn recheck(
        &self,
        input_row: &[Datum],
        fixed: &[(usize, Row)],
        ctx: &mut ExecContext<'_>,
    ) -> PgResult<Option<Row>> {
        let mut rows = Vec::with_capacity(self.leaves.len());
        for (i, leaf) in self.leaves.iter().enumerate() {
            let row = match fixed.iter().find(|(l, _)| *l == i) {
                Some((_, r)) => Some(r.clone()),
                None => {
                    let start = self.copy_start.ok_or_else(|| {
                        PgError::internal("EvalPlanQual needs a copied row of a FROM item the input lacks")
                    })? + leaf.offset;
                    let copied = input_row
                        .get(start..start + leaf.width)
                        .ok_or_else(|| PgError::internal("the input row is shorter than its joined-row copy"))?;
                    if leaf.nullable && copied.iter().all(Datum::is_null) {
                        None
                    } else {
                        Some(copied.to_vec())
                    }
                }
            };
            rows.push((leaf.plan, row));
        }
        let rows = EpqRows { rows };
        let mut state: PlanState<'_> = crate::nodes::init_epq_plan(self.plan, &rows);
        state.next(ctx)
    }
}

/// The node forming the rows the input plan returns (below the sorts and
/// InitPlans on top of it).
fn join_tree_top(plan: &Plan) -> &Plan {
    match plan {
        Plan::Sort { input, .. } | Plan::InitPlans { input, .. } | Plan::Material { input } => join_tree_top(input),
        other => other,
    }
}

/// The leaves of a join tree whose row starts at column `offset`; None
/// when a node between the joins and the scans is not one the re-check
/// passes through.
fn collect_leaves<'p>(plan: &'p Plan, offset: usize, nullable: bool, out: &mut Vec<Leaf<'p>>) -> Option<()> {
    match plan {
        Plan::SeqScan { rte, .. } | Plan::FunctionScan { rte, .. } | Plan::SubqueryScan { rte, .. } => {
            out.push(Leaf { plan, offset, width: rte.columns.len(), nullable });
            Some(())
        }
        Plan::Hash { input } | Plan::Material { input } | Plan::Sort { input, .. } | Plan::InitPlans { input, .. } => {
            collect_leaves(input, offset, nullable, out)
        }
        Plan::NestLoop { kind, outer, inner, outer_ncols, inner_ncols, inner_first, .. } => {
            join_leaves((*kind, outer, inner, *outer_ncols, *inner_ncols, *inner_first), offset, nullable, out)
        }
        Plan::HashJoin { join, outer, inner, .. } | Plan::MergeJoin { join, outer, inner, .. } => join_leaves(
            (join.kind, outer, inner, join.outer_ncols, join.inner_ncols, join.inner_first),
            offset,
            nullable,
            out,
        ),
        _ => None,
    }
}

/// [`collect_leaves`] of a join as it runs: `kind` relative to its outer
/// and inner inputs, and which comes first in the joined row.
fn join_leaves<'p>(
    (kind, outer, inner, outer_ncols, inner_ncols, inner_first): (JoinType, &'p Plan, &'p Plan, usize, usize, bool),
    offset: usize,
    nullable: bool,
    out: &mut Vec<Leaf<'p>>,
) -> Option<()> {
    let (outer_at, inner_at) =
        if inner_first { (offset + inner_ncols, offset) } else { (offset, offset + outer_ncols) };
    collect_leaves(outer, outer_at, nullable || matches!(kind, JoinType::Right | JoinType::Full), out)?;
    // The inner side of a semi or anti join is a subquery's: scanned again.
    if !matches!(kind, JoinType::Semi | JoinType::Anti) {
        collect_leaves(inner, inner_at, nullable || matches!(kind, JoinType::Left | JoinType::Full), out)?;
    }
    Some(())
}
