//! Set-returning functions in a select list become `ProjectSet` nodes
//! (PostgreSQL 10+'s `adjust_paths_for_srfs` and `split_pathtarget_at_srfs`).
//!
//! The node below returns its whole row (the scan row, or the aggregate
//! output row). Each `ProjectSet` level evaluates the set-returning calls
//! whose arguments hold no other such call, in lockstep; a call nested in
//! another one's arguments (`generate_series(1, generate_series(1, 3))`)
//! gets a level of its own above. When a call sits inside a larger
//! expression (`generate_series(1, 3) + 1`), a projecting node (printed as
//! `Result`) computes the select list over the last level's row.

use crate::Plan;
use pg_analyze::Expr;
use pg_error::PgResult;
use pg_types::types::Oid;

/// Every column of a row of these types, as Vars.
pub(crate) fn identity(types: &[(Oid, i32)]) -> Vec<Expr> {
    types
        .iter()
        .enumerate()
        .map(|(attno, &(type_oid, typmod))| Expr::Var { attno, type_oid, typmod, location: None })
        .collect()
}

/// Replaces the set-returning calls in `e` whose arguments hold none with
/// Vars over the level's row (input columns, then the calls in `srfs`).
fn extract_bottom_srfs(e: Expr, width: usize, srfs: &mut Vec<Expr>) -> PgResult<Expr> {
    pg_error::check_stack_depth()?;
    if let Expr::SrfCall { args, .. } = &e {
        if !args.iter().any(Expr::contains_srf) {
            let type_oid = e.type_oid();
            srfs.push(e);
            return Ok(Expr::Var { attno: width + srfs.len() - 1, type_oid, typmod: -1, location: None });
        }
    }
    e.map_children(&mut |c| extract_bottom_srfs(c, width, srfs))
}

/// The ProjectSet levels computing `tlist` over `input`, whose rows have
/// columns of `types`.
pub(crate) fn plan_project_set(input: Plan, mut types: Vec<(Oid, i32)>, tlist: Vec<Expr>) -> PgResult<Plan> {
    let display = tlist.clone();
    // PostgreSQL evaluates a call inside a larger expression one level
    // below the expression (a Result on top).
    let projection_on_top = tlist.iter().any(|e| !matches!(e, Expr::SrfCall { .. }) && e.contains_srf());
    let mut plan = input;
    let mut tlist = tlist;
    loop {
        let mut srfs = Vec::new();
        let width = types.len();
        tlist = tlist.into_iter().map(|e| extract_bottom_srfs(e, width, &mut srfs)).collect::<PgResult<_>>()?;
        types.extend(srfs.iter().map(|s| (s.type_oid(), -1)));
        let last = !tlist.iter().any(Expr::contains_srf);
        let level_tlist = if last && !projection_on_top { tlist.clone() } else { identity(&types) };
        plan = Plan::ProjectSet { input: Box::new(plan), srfs, target_list: level_tlist, display: display.clone() };
        if last {
            break;
        }
    }
    if projection_on_top {
        plan = Plan::ProjectSet { input: Box::new(plan), srfs: Vec::new(), target_list: tlist, display };
    }
    Ok(plan)
}
