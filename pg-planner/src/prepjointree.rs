//! `WHERE [NOT] EXISTS (correlated subquery)` as a semi or anti join, and
//! `WHERE x IN (SELECT ...)` as a semi join (PostgreSQL's
//! `optimizer/prep/prepjointree.c` `pull_up_sublinks` with `subselect.c`'s
//! `convert_EXISTS_sublink_to_join` and `convert_ANY_sublink_to_join`).
//!
//! A top-level conjunct of a SELECT's WHERE that is `EXISTS (SELECT ...
//! FROM items WHERE conditions)`, or its negation, becomes a `Semi` (or
//! `Anti`) join of the query's FROM item with the subquery's FROM item,
//! whose condition is the subquery's WHERE: its references to the outer
//! query become columns of the join's left side, its own columns those of
//! the right side. The join then runs as a nested loop, hash or merge
//! join as its cost decides. The subquery qualifies when it is plain: no
//! aggregation, grouping, LIMIT/OFFSET, set operation, WITH, subqueries in
//! FROM or in expressions, and the outer references only in its WHERE
//! (which must have one, else the EXISTS is uncorrelated and stays an
//! InitPlan). Anything else stays a SubPlan, as before.
//!
//! A top-level conjunct `x op ANY (SELECT ...)` (`x IN (SELECT ...)`,
//! row comparisons included) becomes a semi join when the subquery is
//! uncorrelated and plain as above (and has no DISTINCT, ORDER BY or
//! set-returning select list), and the comparison reads the outer query
//! and calls nothing volatile: the subquery's FROM item joins the query's,
//! its WHERE and the comparison (its output columns replaced by their
//! expressions) are the join's conditions, as PostgreSQL's pull-up of the
//! simple subquery leaves them. `NOT IN` is no anti join (a NULL in the
//! subquery makes it NULL, never true) and stays a hashed SubPlan.

use pg_analyze::{
    BoolOpKind, CmdType, Expr, JoinTree, JoinType, Query, RangeTblEntry, RteSource, SubLink, SubLinkKind,
    SUBLINK_COLUMN_PARAM,
};

/// Turns the qualifying EXISTS / NOT EXISTS conjuncts of `query`'s WHERE
/// into semi / anti joins.
pub(crate) fn pull_up_sublinks(query: &mut Query) {
    if query.command != CmdType::Select || query.rtable.is_none() || query.where_clause.is_none() {
        return;
    }
    let Some(where_clause) = query.where_clause.take() else { return };
    let mut remaining = Vec::new();
    for c in crate::conjuncts(where_clause) {
        let left = query.rtable.as_ref().expect("checked above");
        if let Expr::SubLink(s) = &c {
            if s.kind == SubLinkKind::Any {
                match convert_any(s, left.columns.len()) {
                    Some((right, quals)) => join_sublink(query, right, quals, false),
                    None => remaining.push(c),
                }
                continue;
            }
        }
        let (sub, anti) = match &c {
            Expr::SubLink(s) if s.kind == SubLinkKind::Exists => (&s.subquery, false),
            Expr::Bool { op: BoolOpKind::Not, args } => match args.as_slice() {
                [Expr::SubLink(s)] if s.kind == SubLinkKind::Exists => (&s.subquery, true),
                _ => {
                    remaining.push(c);
                    continue;
                }
            },
            _ => {
                remaining.push(c);
                continue;
            }
        };
        match convert(sub, left.columns.len()) {
            Some((right, quals)) => join_sublink(query, right, quals, anti),
            None => remaining.push(c),
        }
    }
    query.where_clause = match remaining.len() {
        0 => None,
        1 => remaining.pop(),
        _ => Some(Expr::Bool { op: BoolOpKind::And, args: remaining }),
    };
}

/// Makes `query`'s FROM item the left side of a semi (anti) join with
/// `right` on `quals` (over the joined row).
fn join_sublink(query: &mut Query, right: RangeTblEntry, quals: Vec<Expr>, anti: bool) {
    let left = query.rtable.take().expect("a query with a FROM item");
    let columns = left.columns.iter().chain(&right.columns).cloned().collect();
    query.rtable = Some(RangeTblEntry {
        alias: "unnamed_join".into(),
        relname: None,
        columns,
        source: RteSource::Join(Box::new(JoinTree {
            kind: if anti { JoinType::Anti } else { JoinType::Semi },
            left,
            right,
            quals: Some(match quals.len() {
                1 => quals.into_iter().next().expect("one"),
                _ => Expr::Bool { op: BoolOpKind::And, args: quals },
            }),
        })),
    });
}

/// The right side and join conditions of `x op ANY (subquery)` pulled up
/// over a left side of `nl` columns (`convert_ANY_sublink_to_join`), or
/// None when it does not qualify.
fn convert_any(s: &SubLink, nl: usize) -> Option<(RangeTblEntry, Vec<Expr>)> {
    let q = &*s.subquery;
    let test = s.testexpr.as_ref()?;
    // The comparison must read the outer query and nothing else but the
    // subquery's columns.
    let mut reads_outer = false;
    let mut other = false;
    test.walk(&mut |x| match x {
        Expr::Var { .. } => reads_outer = true,
        Expr::ExecParam { id, .. } if *id >= SUBLINK_COLUMN_PARAM => {}
        Expr::SubLink(_) | Expr::SubPlan(_) | Expr::ExecParam { .. } | Expr::Param { .. } | Expr::OuterVar { .. } => {
            other = true
        }
        Expr::Func { volatility: pg_types::Volatility::Volatile, .. } => other = true,
        _ => {}
    });
    if !reads_outer || other {
        return None;
    }
    let rte = plain_subquery(q)?;
    // Its rows become join partners: DISTINCT and ORDER BY would be lost.
    if q.distinct || !q.sort_clause.is_empty() || q.has_outer_refs {
        return None;
    }
    let outputs: Vec<&Expr> = q.target_list.iter().filter(|t| !t.resjunk).map(|t| &t.expr).collect();
    if outputs.iter().any(|e| e.contains_srf() || has_sublink_or_deep_ref(e) || is_correlated(e)) {
        return None;
    }
    // Nothing in the subquery may read another level.
    let mut probe = Query { rtable: Some(rte.clone()), where_clause: q.where_clause.clone(), ..Query::empty_select() };
    let mut outer_ref = false;
    let _ = probe.map_exprs(&mut |e| {
        outer_ref |= is_correlated(&e) || has_sublink_or_deep_ref(&e);
        Ok(e)
    });
    if outer_ref {
        return None;
    }
    let mut quals: Vec<Expr> = q
        .where_clause
        .clone()
        .map(crate::conjuncts)
        .unwrap_or_default()
        .into_iter()
        .map(|c| to_join_row(c, nl))
        .collect();
    let comparison = replace_sublink_columns(test.clone(), &outputs, nl)?;
    quals.extend(crate::conjuncts(comparison));
    Some((rte.clone(), quals))
}

/// The comparison of an ANY sublink with its references to the
/// subquery's output columns replaced by their expressions over the
/// joined row (the subquery's columns follow the `nl` left ones).
fn replace_sublink_columns(e: Expr, outputs: &[&Expr], nl: usize) -> Option<Expr> {
    match e {
        Expr::ExecParam { id, .. } if id >= SUBLINK_COLUMN_PARAM => {
            outputs.get(id - SUBLINK_COLUMN_PARAM).map(|o| to_join_row((*o).clone(), nl))
        }
        other => {
            let mut ok = true;
            let out = other
                .map_children(&mut |c| {
                    Ok(match replace_sublink_columns(c.clone(), outputs, nl) {
                        Some(r) => r,
                        None => {
                            ok = false;
                            c
                        }
                    })
                })
                .ok()?;
            ok.then_some(out)
        }
    }
}

/// The FROM item of a subquery that can become the right side of a join:
/// a plain SELECT (no aggregation, grouping, LIMIT/OFFSET, WITH or
/// locking) over tables, functions and VALUES.
fn plain_subquery(q: &Query) -> Option<&RangeTblEntry> {
    let rte = q.rtable.as_ref()?;
    let plain = q.command == CmdType::Select
        && !q.has_aggs
        && q.group_clause.is_empty()
        && q.having.is_none()
        && q.limit_count.is_none()
        && q.limit_offset.is_none()
        && q.ctes.is_empty()
        && q.row_marks.is_empty()
        && plain_item(rte);
    plain.then_some(rte)
}

/// Whether a FROM item holds only tables, functions and VALUES (no
/// subquery that could refer further out).
fn plain_item(rte: &RangeTblEntry) -> bool {
    match &rte.source {
        RteSource::Join(j) => plain_item(&j.left) && plain_item(&j.right),
        RteSource::Relation(_)
        | RteSource::Function { .. }
        | RteSource::ScalarFunction { .. }
        | RteSource::RowsFrom { .. }
        | RteSource::Values(_) => true,
        _ => false,
    }
}

/// Whether `e` refers to another query level or holds a subquery.
fn is_correlated(e: &Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| found |= matches!(x, Expr::OuterVar { .. }));
    found
}

fn has_sublink_or_deep_ref(e: &Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| {
        found |= matches!(x, Expr::SubLink(_) | Expr::SubPlan(_) | Expr::ExecParam { .. } | Expr::Param { .. })
            || matches!(x, Expr::OuterVar { levelsup, .. } if *levelsup != 1)
    });
    found
}

/// The right side and join conditions of an EXISTS subquery pulled up
/// over a left side of `nl` columns, or None when it does not qualify.
fn convert(q: &Query, nl: usize) -> Option<(RangeTblEntry, Vec<Expr>)> {
    let rte = plain_subquery(q)?;
    // The FROM item's own expressions (function arguments, VALUES, join
    // conditions) may not read the outer query.
    let item = rte.clone();
    let mut outer_in_item = false;
    let mut probe = Query { rtable: Some(item.clone()), ..Query::empty_select() };
    let _ = probe.map_exprs(&mut |e| {
        outer_in_item |= is_correlated(&e) || has_sublink_or_deep_ref(&e);
        Ok(e)
    });
    if outer_in_item {
        return None;
    }
    let mut quals = Vec::new();
    let mut correlated = false;
    for c in q.where_clause.clone().map(crate::conjuncts).unwrap_or_default() {
        if has_sublink_or_deep_ref(&c) {
            return None;
        }
        correlated |= is_correlated(&c);
        quals.push(to_join_row(c, nl));
    }
    if !correlated {
        return None;
    }
    Some((item, quals))
}

/// An expression of the subquery's level over the join's row: its own
/// columns follow the `nl` left ones; references to the outer query are
/// the left columns.
fn to_join_row(e: Expr, nl: usize) -> Expr {
    match e {
        Expr::Var { attno, type_oid, typmod, location } => Expr::Var { attno: attno + nl, type_oid, typmod, location },
        Expr::OuterVar { attno, type_oid, typmod, location, .. } => Expr::Var { attno, type_oid, typmod, location },
        other => other.map_children(&mut |c| Ok(to_join_row(c, nl))).expect("no errors in the rewrite"),
    }
}
