//! LATERAL references (PostgreSQL's nestloop parameters,
//! `identify_current_nestloop_params` / `replace_nestloop_params`).
//!
//! A FROM item on the right of a join may refer to columns of the items
//! before it: a `LATERAL (subquery)` through `Expr::OuterVar`s one level
//! out, a function in FROM (implicitly LATERAL) through plain `Expr::Var`s
//! in its arguments. Each such column becomes a PARAM_EXEC parameter; the
//! nested loop that joins the item sets the parameters from each outer row
//! and then rescans its inner side, which recomputes what depends on them.

use crate::subselect::ParamSource;
use crate::PlannerGlobal;
use pg_analyze::{Expr, RangeTblEntry, RteSource};
use pg_error::{PgError, PgResult};

/// Replaces `rte`'s references to the scan-row columns
/// `offset..offset + ncols` (the outer side of its join) with parameters;
/// returns each parameter with its value over the outer side's row.
pub(crate) fn parameterize(
    rte: &mut RangeTblEntry,
    offset: usize,
    ncols: usize,
    glob: &mut PlannerGlobal,
) -> PgResult<Vec<(usize, Expr)>> {
    let mut params: Vec<(usize, Expr)> = Vec::new();
    let mut param_for = |attno: usize, type_oid: u32, typmod: i32, glob: &mut PlannerGlobal| -> PgResult<Expr> {
        let local = attno
            .checked_sub(offset)
            .filter(|a| *a < ncols)
            .ok_or_else(|| PgError::not_supported("LATERAL references to this FROM item are not supported yet"))?;
        let existing = params.iter().find(|(_, e)| matches!(e, Expr::Var { attno: a, .. } if *a == local));
        let id = match existing {
            Some((id, _)) => *id,
            None => {
                let id = glob.new_param(ParamSource::SubPlan);
                params.push((id, Expr::Var { attno: local, type_oid, typmod, location: None }));
                id
            }
        };
        Ok(Expr::ExecParam { id, type_oid, typmod })
    };
    match &mut rte.source {
        RteSource::Subquery(q) if q.has_outer_refs => {
            q.map_all_levels(1, &mut |e, depth| match e {
                Expr::OuterVar { levelsup, attno, type_oid, typmod, .. } if levelsup == depth => {
                    param_for(attno, type_oid, typmod, glob)
                }
                other => Ok(other),
            })?;
        }
        RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } => {
            for a in args.iter_mut() {
                let taken = std::mem::replace(a, Expr::null(pg_types::types::oid::BOOL));
                *a = replace_vars(taken, &mut |attno, t, m| param_for(attno, t, m, glob))?;
            }
        }
        RteSource::RowsFrom { items, .. } => {
            for (source, _) in items.iter_mut() {
                if let RteSource::Function { args, .. } | RteSource::ScalarFunction { args, .. } = source {
                    for a in args.iter_mut() {
                        let taken = std::mem::replace(a, Expr::null(pg_types::types::oid::BOOL));
                        *a = replace_vars(taken, &mut |attno, t, m| param_for(attno, t, m, glob))?;
                    }
                }
            }
        }
        _ => {}
    }
    Ok(params)
}

/// Replaces every scan-row column (`Var`) in `e` with `f`'s parameter.
fn replace_vars(e: Expr, f: &mut dyn FnMut(usize, u32, i32) -> PgResult<Expr>) -> PgResult<Expr> {
    match e {
        Expr::Var { attno, type_oid, typmod, .. } => f(attno, type_oid, typmod),
        other => other.map_children(&mut |c| replace_vars(c, f)),
    }
}
