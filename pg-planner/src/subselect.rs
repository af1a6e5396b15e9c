//! Subqueries in expressions become SubPlans and InitPlans (PostgreSQL's
//! `optimizer/plan/subselect.c`: `make_subplan`, `build_subplan`,
//! `replace_outer_var`).
//!
//! Each [`Expr::SubLink`] of a query level is planned here, before the
//! level's own plan is built:
//! 1. The subquery's references to this level ([`Expr::OuterVar`] whose
//!    `levelsup` equals its depth below this level, at any depth) become
//!    [`Expr::ExecParam`]s with fresh numbers; the SubPlan's `args` hold
//!    the matching columns of this level's row, and the executor copies
//!    them into the parameters before it runs the subquery.
//! 2. The subquery is planned on its own (its own sublinks first, so inner
//!    plans get the lower numbers, as in PostgreSQL).
//! 3. An uncorrelated EXISTS, scalar or ARRAY subquery becomes an InitPlan:
//!    it runs at most once, when its output parameter (`$n`) is first
//!    needed, and the expression is just that parameter. Anything else is
//!    a SubPlan evaluated per row; an uncorrelated ANY/ALL reads its rows
//!    once and keeps them (`hashed SubPlan` for `= ANY`).

use crate::{plan_query, PlannerGlobal};
use pg_analyze::{Expr, SubLink, SubLinkKind, SubPlan, SUBLINK_COLUMN_PARAM};
use pg_error::{PgError, PgResult};

/// An InitPlan attached to a plan node (`Plan.initPlan`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitPlanRef {
    /// Its number in `PlannedStmt::subplans`, 1-based.
    pub plan_id: usize,
    /// The parameter it sets (`setParam`).
    pub param: usize,
    /// What it computes.
    pub kind: SubLinkKind,
    /// Set for a CTE (`CTE name`), printed instead of `InitPlan n`.
    pub cte_name: Option<String>,
}

/// Where an execution-time parameter's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamSource {
    /// Set by a SubPlan from its arguments, or from each subquery row.
    SubPlan,
    /// Computed by the InitPlan `plan_id` the first time it is read.
    InitPlan {
        /// Which plan.
        plan_id: usize,
        /// What it computes.
        kind: SubLinkKind,
    },
}

/// Replaces every SubLink in `e` (this query level's expression) with a
/// SubPlan or an InitPlan's parameter; InitPlans are added to `init_plans`.
pub(crate) fn replace_sublinks(e: Expr, glob: &mut PlannerGlobal, init_plans: &mut Vec<InitPlanRef>) -> PgResult<Expr> {
    pg_error::check_stack_depth()?;
    match e {
        Expr::SubLink(s) => plan_sublink(s, glob, init_plans),
        other => other.map_children(&mut |c| replace_sublinks(c, glob, init_plans)),
    }
}

/// One SubLink of [`replace_sublinks`], in its own never-inlined frame:
/// the walk's frame stays small for the levels of nested subqueries that
/// recurse through it.
#[inline(never)]
#[allow(clippy::boxed_local)] // kept boxed: unboxed, the SubLink would sit in this frame
fn plan_sublink(s: Box<SubLink>, glob: &mut PlannerGlobal, init_plans: &mut Vec<InitPlanRef>) -> PgResult<Expr> {
    let SubLink { kind, testexpr, subquery, result_type, .. } = *s;
    let testexpr = testexpr.map(|t| replace_sublinks(t, glob, init_plans)).transpose()?;
    build_subplan(kind, testexpr, subquery, result_type, glob, init_plans)
}

fn build_subplan(
    kind: SubLinkKind,
    testexpr: Option<Expr>,
    mut subquery: Box<pg_analyze::Query>,
    result_type: u32,
    glob: &mut PlannerGlobal,
    init_plans: &mut Vec<InitPlanRef>,
) -> PgResult<Expr> {
    // 1. Outer references to this level become parameters.
    let mut par_params: Vec<(usize, usize)> = Vec::new(); // (attno, param)
    let mut args = Vec::new();
    if subquery.has_outer_refs {
        subquery.map_all_levels(1, &mut |e, depth| match e {
            Expr::OuterVar { levelsup, attno, type_oid, typmod, location } if levelsup == depth => {
                let id = match par_params.iter().find(|(a, _)| *a == attno) {
                    Some((_, id)) => *id,
                    None => {
                        let id = glob.new_param(ParamSource::SubPlan);
                        par_params.push((attno, id));
                        args.push(Expr::Var { attno, type_oid, typmod, location });
                        id
                    }
                };
                Ok(Expr::ExecParam { id, type_oid, typmod })
            }
            other => Ok(other),
        })?;
    }
    // 2. The subquery's own plan (and its nested subplans and InitPlans).
    let first_nested_param = glob.params.len();
    let first_nested_plan = glob.subplans.len();
    let planned = plan_query(*subquery, glob)?;
    let reset_params: Vec<usize> = (first_nested_param..glob.params.len())
        .filter(|&p| matches!(glob.params[p], ParamSource::InitPlan { .. }))
        .collect();
    let reset_plans: Vec<usize> = (first_nested_plan + 1..=glob.subplans.len()).collect();
    let column_types: Vec<(u32, i32)> = planned.columns.iter().map(|c| (c.type_oid, c.typmod)).collect();
    glob.subplans.push(planned.plan);
    let plan_id = glob.subplans.len();
    // 3. InitPlan or SubPlan.
    if par_params.is_empty()
        && matches!(kind, SubLinkKind::Exists | SubLinkKind::Expr | SubLinkKind::Array | SubLinkKind::ArrayOfArrays)
    {
        let param = glob.new_param(ParamSource::InitPlan { plan_id, kind });
        init_plans.push(InitPlanRef { plan_id, param, kind, cte_name: None });
        let typmod = if kind == SubLinkKind::Expr { column_types.first().map(|c| c.1).unwrap_or(-1) } else { -1 };
        return Ok(Expr::ExecParam { id: param, type_oid: result_type, typmod });
    }
    let mut param_ids = Vec::new();
    let testexpr = match testexpr {
        Some(t) => {
            let ids: Vec<usize> = column_types.iter().map(|_| glob.new_param(ParamSource::SubPlan)).collect();
            param_ids.clone_from(&ids);
            Some(renumber_sublink_params(t, &ids)?)
        }
        None => None,
    };
    let hashed = par_params.is_empty()
        && kind == SubLinkKind::Any
        && matches!(&testexpr, Some(Expr::Op { name, .. }) if name == "=");
    Ok(Expr::SubPlan(Box::new(SubPlan {
        kind,
        plan_id,
        testexpr,
        param_ids,
        par_params: par_params.into_iter().map(|(_, p)| p).collect(),
        args,
        reset_params,
        reset_plans,
        hashed,
        result_type,
    })))
}

/// The testexpr's references to subquery output columns (`ExecParam` numbered
/// from [`SUBLINK_COLUMN_PARAM`]) become the SubPlan's parameters. Other
/// parameters in it (outer references, the outputs of InitPlans in the left
/// operand) keep their numbers.
fn renumber_sublink_params(e: Expr, ids: &[usize]) -> PgResult<Expr> {
    match e {
        Expr::ExecParam { id, type_oid, typmod } if id >= SUBLINK_COLUMN_PARAM => {
            let id = *ids.get(id - SUBLINK_COLUMN_PARAM).ok_or_else(|| {
                PgError::internal("subquery comparison refers to a column the subquery does not have")
            })?;
            Ok(Expr::ExecParam { id, type_oid, typmod })
        }
        // A nested SubPlan's testexpr has been numbered already.
        e @ Expr::SubPlan(_) => Ok(e),
        other => other.map_children(&mut |c| renumber_sublink_params(c, ids)),
    }
}
