//! WITH queries (PostgreSQL's `SS_process_ctes` and `inline_cte` in
//! `subselect.c`).
//!
//! A WITH query referred to once from its own level's FROM, not
//! `MATERIALIZED` and not recursive, is inlined as a subquery in FROM, as
//! PostgreSQL 12+ does. One nobody refers to is not planned at all. Any
//! other is planned once as a subplan (shown as `CTE name` under its
//! level's top node); every reference becomes a `CTE Scan` reading its
//! rows, which the executor computes on demand and keeps, so that all
//! references see the same rows and a LIMIT above stops the query early.
//! A recursive one becomes a `Recursive Union` whose recursive term reads
//! the working table through a `WorkTable Scan`.

use crate::{plan_query, InitPlanRef, Plan, PlannerGlobal};
use pg_analyze::{CteBody, Query, RangeTblEntry, RteSource, SubLinkKind};
use pg_error::{PgError, PgResult};

/// What became of one WITH query.
#[derive(Debug)]
pub(crate) enum CtePlanned {
    /// Inlined: the query, until the reference takes it.
    Inline(Option<Box<Query>>),
    /// Not referred to.
    Unused,
    /// Planned as subplan `plan_id`.
    Planned(usize),
    /// A recursive query being planned: its working table.
    Recursive(usize),
}

/// True when this level's FROM (outside subqueries) refers to CTE `index`
/// of this level.
fn referenced_here(rte: Option<&RangeTblEntry>, index: usize) -> bool {
    let Some(rte) = rte else { return false };
    match &rte.source {
        RteSource::Cte { levelsup: 0, index: i, .. } => *i == index,
        RteSource::Join(j) => referenced_here(Some(&j.left), index) || referenced_here(Some(&j.right), index),
        _ => false,
    }
}

/// Plans the WITH queries of `query` into the current frame of
/// `glob.cte_stack`, and points this level's references at them.
pub(crate) fn plan_ctes(
    query: &mut Query,
    glob: &mut PlannerGlobal,
    init_plans: &mut Vec<InitPlanRef>,
) -> PgResult<()> {
    let ctes = std::mem::take(&mut query.ctes);
    for (index, cte) in ctes.into_iter().enumerate() {
        let entry = match cte.body {
            CteBody::Plain(q) if cte.refcount == 0 => {
                drop(q);
                CtePlanned::Unused
            }
            CteBody::Plain(q)
                if cte.refcount == 1
                    && cte.materialized != Some(true)
                    && referenced_here(query.rtable.as_ref(), index) =>
            {
                CtePlanned::Inline(Some(q))
            }
            CteBody::Plain(q) => {
                let planned = plan_query(*q, glob)?;
                glob.subplans.push(planned.plan);
                CtePlanned::Planned(glob.subplans.len())
            }
            CteBody::Recursive { non_recursive, recursive, all } => {
                let wt_id = glob.worktables;
                glob.worktables += 1;
                frame(glob)?.push(CtePlanned::Recursive(wt_id));
                let non_recursive = plan_query(*non_recursive, glob)?.plan;
                let recursive = plan_query(*recursive, glob)?.plan;
                frame(glob)?.pop();
                glob.subplans.push(Plan::RecursiveUnion {
                    non_recursive: Box::new(non_recursive),
                    recursive: Box::new(recursive),
                    all,
                    wt_id,
                });
                CtePlanned::Planned(glob.subplans.len())
            }
        };
        if let CtePlanned::Planned(plan_id) = entry {
            init_plans.push(InitPlanRef { plan_id, param: 0, kind: SubLinkKind::Exists, cte_name: Some(cte.name) });
        }
        frame(glob)?.push(entry);
    }
    if let Some(rte) = &mut query.rtable {
        resolve_references(rte, glob)?;
    }
    Ok(())
}

fn frame(glob: &mut PlannerGlobal) -> PgResult<&mut Vec<CtePlanned>> {
    glob.cte_stack.last_mut().ok_or_else(|| PgError::internal("no query level is being planned"))
}

/// Points the CTE and working-table references of one level's FROM at
/// their plans (or replaces an inlined one with its query).
pub(crate) fn resolve_references(rte: &mut RangeTblEntry, glob: &mut PlannerGlobal) -> PgResult<()> {
    fn lookup(glob: &mut PlannerGlobal, levelsup: usize, index: usize) -> PgResult<&mut CtePlanned> {
        let depth = glob.cte_stack.len();
        depth
            .checked_sub(levelsup + 1)
            .and_then(|l| glob.cte_stack.get_mut(l))
            .and_then(|f| f.get_mut(index))
            .ok_or_else(|| PgError::internal("reference to a WITH query that is not planned"))
    }
    match &mut rte.source {
        RteSource::Join(j) => {
            resolve_references(&mut j.left, glob)?;
            resolve_references(&mut j.right, glob)?;
        }
        RteSource::Cte { levelsup, index, plan_id, .. } => match lookup(glob, *levelsup, *index)? {
            CtePlanned::Planned(id) => *plan_id = *id,
            CtePlanned::Inline(q) => {
                let q = q.take().ok_or_else(|| PgError::internal("WITH query inlined twice"))?;
                rte.source = RteSource::Subquery(q);
            }
            CtePlanned::Unused | CtePlanned::Recursive(_) => {
                return Err(PgError::internal("reference to a WITH query that is not planned"))
            }
        },
        RteSource::WorkTable { levelsup, index, wt_id, .. } => match lookup(glob, *levelsup, *index)? {
            CtePlanned::Recursive(id) => *wt_id = *id,
            _ => return Err(PgError::internal("working table reference outside its recursive query")),
        },
        _ => {}
    }
    Ok(())
}
