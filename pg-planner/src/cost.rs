//! The order in which a node tests its conditions (PostgreSQL's
//! `order_qual_clauses` in `createplan.c`, with the per-tuple costs of
//! `cost_qual_eval_walker` in `costsize.c`).
//!
//! A scan, a join or an aggregate with several AND-ed conditions tests the
//! cheapest first and stops at the first that fails. Which one runs first
//! decides more than speed: in `WHERE x <= 7 AND x >= c * 13` the
//! multiplication may overflow, and PostgreSQL never reaches it for a row
//! the cheaper comparison already rejected. So the conditions are sorted
//! here by PostgreSQL's estimate of their per-row cost, keeping the
//! written order among equals (the sort is stable, as PostgreSQL's is).
//!
//! The cost model counts, in units of `cpu_operator_cost`: one per
//! function or operator call (every built-in function's `procost` that can
//! appear here is 1), two per I/O conversion cast (the output function and
//! the input function), half the array's length for `= ANY (array)`
//! (PostgreSQL's estimate of how many elements are compared before the
//! answer is known), one hash and one comparison for a hashed IN list.
//! Variables, constants, parameters and aggregate results cost nothing;
//! CASE, COALESCE, GREATEST, AND/OR and the IS tests cost only their
//! arguments. A correlated subquery costs more than any expression.

use pg_analyze::{BoolOpKind, Expr, SubLinkKind};
use pg_types::datum::Datum;

/// What a correlated subquery (a SubPlan run per row) is taken to cost:
/// more than any expression over the row.
const SUBPLAN_COST: f64 = 1e6;

/// PostgreSQL's guess at an array's length when it is not a constant
/// (`estimate_array_length`).
const UNKNOWN_ARRAY_LENGTH: f64 = 10.0;

/// The estimated per-row cost of evaluating `e`, in units of
/// `cpu_operator_cost`.
pub(crate) fn per_tuple_cost(e: &Expr) -> f64 {
    let own = match e {
        Expr::Func { .. } | Expr::Op { .. } | Expr::NullIf { .. } | Expr::Distinct { .. } => 1.0,
        Expr::Cast { method: pg_types::CastFunc::Function(_), .. } => 1.0,
        Expr::Cast { method: pg_types::CastFunc::InOut, .. } => 2.0,
        Expr::Cast { method: pg_types::CastFunc::ArrayCoerce, .. } => 1.0,
        Expr::ScalarArrayOp { args, .. } => {
            let len = match args.get(1) {
                Some(Expr::Const { value: Datum::Array(a), .. }) => a.elems().len() as f64,
                Some(Expr::ArrayExpr { elements, .. }) => elements.len() as f64,
                _ => UNKNOWN_ARRAY_LENGTH,
            };
            len * 0.5
        }
        Expr::HashedIn { values, .. } => {
            // Lists of nine or more are hashed in PostgreSQL (one hash,
            // one comparison); shorter ones are searched.
            let n = values.items.len();
            if n >= 9 {
                2.0
            } else {
                n as f64 * 0.5
            }
        }
        // An aggregate's result is read like a column.
        Expr::Aggref(_) => return 0.0,
        Expr::SubLink(s) => {
            // An uncorrelated scalar or ARRAY subquery runs once, as an
            // InitPlan whose result is read like a parameter.
            let once = !s.subquery.has_outer_refs && matches!(s.kind, SubLinkKind::Expr | SubLinkKind::Array);
            if once {
                0.0
            } else {
                SUBPLAN_COST
            }
        }
        Expr::SubPlan(_) => SUBPLAN_COST,
        _ => 0.0,
    };
    let mut total = own;
    for c in e.children() {
        total += per_tuple_cost(c);
    }
    total
}

/// The AND-ed conditions `quals` in the order a node tests them: cheapest
/// first, the written order among equals.
pub(crate) fn order_qual_clauses(quals: Vec<Expr>) -> Vec<Expr> {
    let mut costed: Vec<(f64, Expr)> = quals.into_iter().map(|q| (per_tuple_cost(&q), q)).collect();
    costed.sort_by(|a, b| a.0.total_cmp(&b.0));
    costed.into_iter().map(|(_, q)| q).collect()
}

/// Puts the conditions of `query`'s WHERE and HAVING in the order they
/// are tested: the cheapest first, so an error in a dearer one is not
/// raised for a row a cheaper one rejects, as in PostgreSQL. The joins
/// keep this order when they distribute the conditions. Never inlined:
/// it runs in every level of nested subqueries being planned, and its
/// temporaries must not grow the recursive caller's frame.
#[inline(never)]
pub(crate) fn order_query_quals(query: &mut pg_analyze::Query) {
    query.where_clause = query.where_clause.take().map(order_conditions);
    query.having = query.having.take().map(order_conditions);
}

/// A qual (AND-ed conditions) with its conditions in the order a node
/// tests them (see [`order_qual_clauses`]).
pub(crate) fn order_conditions(qual: Expr) -> Expr {
    match qual {
        Expr::Bool { op: BoolOpKind::And, args } => Expr::Bool { op: BoolOpKind::And, args: order_qual_clauses(args) },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_types::types::oid;

    fn column() -> Expr {
        Expr::Var { attno: 0, type_oid: oid::INT4, typmod: -1, location: None }
    }

    fn int(v: i32) -> Expr {
        Expr::Const { value: Datum::Int4(v), type_oid: oid::INT4, typmod: -1 }
    }

    fn op(name: &str, l: Expr, r: Expr) -> Expr {
        let func = pg_types::lookup_operators(name).next().expect("operator").func;
        Expr::Op { name: name.into(), func, args: vec![l, r], result_type: oid::BOOL }
    }

    #[test]
    fn cheaper_conditions_first_written_order_among_equals() {
        let dear = op(">=", column(), op("*", column(), int(13)));
        let cheap = op("<=", column(), int(7));
        let also_cheap = op("<>", column(), int(3));
        let ordered = order_qual_clauses(vec![dear.clone(), cheap.clone(), also_cheap.clone()]);
        let costs: Vec<f64> = ordered.iter().map(per_tuple_cost).collect();
        assert_eq!(costs, vec![1.0, 1.0, 2.0]);
        assert!(matches!(&ordered[0], Expr::Op { name, .. } if name == "<="));
        assert!(matches!(&ordered[1], Expr::Op { name, .. } if name == "<>"));
    }
}
