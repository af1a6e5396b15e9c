//! VALUES lists and set operations (PostgreSQL's `transformValuesClause`
//! and `transformSetOperationStmt` / `transformSetOperationTree` in
//! `analyze.c`).
//!
//! Both become a query over one range-table entry whose columns are the
//! result: `*VALUES*` for a VALUES list, the set operation's tree for
//! UNION/INTERSECT/EXCEPT. ORDER BY and LIMIT then apply to that entry as
//! they would to any FROM item.

use crate::coerce::{coerce_to, select_common_type};
use crate::expr::leftmost;
use crate::query::{Expr, Query, RangeTblEntry, RteSource, SetOpKind, SetOpTree, TargetEntry};
use crate::registry::CoercionContext;
use crate::ParseState;
use pg_catalog::ColumnDef;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ColumnRefField, ExprKind, SelectBody, SetOperation, Value};
use pg_types::types::{format_type, oid, Oid};

/// One input of a set operation while its column types are resolved.
struct Arm {
    tree: SetOpTree,
    columns: Vec<ColumnDef>,
    /// Byte offsets of the leftmost SELECT's output expressions (errors).
    locs: Vec<usize>,
}

impl Arm {
    fn loc(&self, i: usize) -> usize {
        self.locs.get(i).or(self.locs.last()).copied().unwrap_or(0)
    }
}

/// Byte offsets of the output expressions of the leftmost SELECT of `s`.
fn target_locs(s: &ast::SelectStmt) -> Vec<usize> {
    match &s.body {
        SelectBody::Simple(x) => x.targets.iter().map(|t| leftmost(&t.expr)).collect(),
        SelectBody::Values(rows) => rows.first().map(|r| r.iter().map(leftmost).collect()).unwrap_or_default(),
        SelectBody::SetOp { left, .. } => target_locs(left),
    }
}

fn kind_of(op: SetOperation) -> SetOpKind {
    match op {
        SetOperation::Union => SetOpKind::Union,
        SetOperation::Intersect => SetOpKind::Intersect,
        SetOperation::Except => SetOpKind::Except,
    }
}

impl ParseState<'_> {
    /// A VALUES list as a range-table entry `*VALUES*` with columns
    /// `column1`..., each of the common type of its expressions.
    pub(crate) fn transform_values(&self, rows: &[Vec<ast::Expr>]) -> PgResult<RangeTblEntry> {
        let width = rows.first().map(Vec::len).unwrap_or(0);
        let mut exprs: Vec<Vec<Expr>> = Vec::with_capacity(rows.len());
        for row in rows {
            if row.len() != width {
                let loc = row.first().map(leftmost).unwrap_or(0);
                return Err(PgError::new(SqlState::SYNTAX_ERROR, "VALUES lists must all be the same length")
                    .with_position(self.pos(loc)));
            }
            let r =
                self.without_aggs("VALUES", || row.iter().map(|e| self.transform_expr(e)).collect::<PgResult<_>>())?;
            exprs.push(r);
        }
        let mut columns = Vec::with_capacity(width);
        for col in 0..width {
            let inputs: Vec<(Oid, u32)> =
                rows.iter().zip(&exprs).map(|(r, e)| (e[col].type_oid(), self.pos(leftmost(&r[col])))).collect();
            // Unlike a SELECT arm, VALUES resolves unknown columns to text
            // even inside a set operation, as PostgreSQL does.
            let target = select_common_type(&inputs, "VALUES")?;
            let typmod = exprs[0][col].typmod();
            let same_typmod = exprs.iter().all(|e| e[col].type_oid() == target && e[col].typmod() == typmod);
            for (e, (_, pos)) in exprs.iter_mut().zip(&inputs) {
                let x = std::mem::replace(&mut e[col], Expr::null(target));
                e[col] = self.coerce_column(x, target, *pos, "VALUES")?;
            }
            columns.push(ColumnDef {
                name: format!("column{}", col + 1),
                type_oid: target,
                typmod: if same_typmod { typmod } else { -1 },
            });
        }
        Ok(RangeTblEntry { alias: "*VALUES*".into(), relname: None, columns, source: RteSource::Values(exprs) })
    }

    fn coerce_column(&self, x: Expr, target: Oid, pos: u32, context: &str) -> PgResult<Expr> {
        let source = x.type_oid();
        if source == target {
            return Ok(x);
        }
        coerce_to(x, target, -1, CoercionContext::Implicit, pos, self.env.settings)?.ok_or_else(|| {
            PgError::new(
                SqlState::CANNOT_COERCE,
                format!("{context} could not convert type {} to {}", format_type(source, -1), format_type(target, -1)),
            )
            .with_position(pos)
        })
    }

    /// A set operation as a range-table entry over its tree.
    pub(crate) fn transform_set_operation(&self, stmt: &ast::SelectStmt) -> PgResult<RangeTblEntry> {
        let arm = self.transform_setop_arm(stmt, true)?;
        Ok(RangeTblEntry {
            alias: "*SELECT*".into(),
            relname: None,
            columns: arm.columns,
            source: RteSource::SetOp(Box::new(arm.tree)),
        })
    }

    /// One node of the tree (`transformSetOperationTree`): the column types
    /// of `left op right` are resolved pair by pair, as PostgreSQL does it,
    /// each by `select_common_type` over the two inputs' types (so a nested
    /// `'a' UNION 'b'` is text before it meets the next arm, and two
    /// unknown literals are text). The leaves below are coerced to the
    /// node's types.
    ///
    /// Difference from PostgreSQL: its planner coerces a nested node's
    /// result to its parent's types after computing the nested node in
    /// its own types; here every leaf is coerced to the topmost types
    /// before any node runs. The two differ only where a coercion between
    /// levels maps distinct values to one (a numeric INTERSECT whose
    /// result is then cast to float8).
    fn transform_setop_arm(&self, s: &ast::SelectStmt, top: bool) -> PgResult<Arm> {
        let SelectBody::SetOp { op, all, left, right } = &s.body else {
            return self.transform_setop_leaf(s);
        };
        if !top && !s.is_bare() {
            return self.transform_setop_leaf(s);
        }
        let kind = kind_of(*op);
        let mut l = self.transform_setop_arm(left, false)?;
        let mut r = self.transform_setop_arm(right, false)?;
        if l.columns.len() != r.columns.len() {
            return Err(PgError::new(
                SqlState::SYNTAX_ERROR,
                format!("each {} query must have the same number of columns", kind.word()),
            )
            .with_position(self.pos(r.loc(0))));
        }
        let mut columns = Vec::with_capacity(l.columns.len());
        let mut locs = Vec::with_capacity(l.columns.len());
        for i in 0..l.columns.len() {
            let (lt, rt) = (l.columns[i].type_oid, r.columns[i].type_oid);
            let (lpos, rpos) = (self.pos(l.loc(i)), self.pos(r.loc(i)));
            let target = select_common_type(&[(lt, lpos), (rt, rpos)], kind.word())?;
            self.coerce_tree(&mut l.tree, i, target, lpos, kind.word())?;
            self.coerce_tree(&mut r.tree, i, target, rpos, kind.word())?;
            let typmod = if lt == rt && l.columns[i].typmod == r.columns[i].typmod { l.columns[i].typmod } else { -1 };
            columns.push(ColumnDef { name: l.columns[i].name.clone(), type_oid: target, typmod });
            // The node's column is located at the input whose type won
            // (select_common_type's best expression): the left one unless
            // the right one's type was taken.
            let right_won = lt != rt && (lt == oid::UNKNOWN || rt == target) && rt != oid::UNKNOWN;
            locs.push(if right_won { r.loc(i) } else { l.loc(i) });
        }
        Ok(Arm {
            tree: SetOpTree::Op { op: kind, all: *all, left: Box::new(l.tree), right: Box::new(r.tree) },
            columns,
            locs,
        })
    }

    fn transform_setop_leaf(&self, s: &ast::SelectStmt) -> PgResult<Arm> {
        let mut ps = self.child();
        ps.resolve_unknowns = false;
        let q = ps.transform_select(s)?;
        let columns = q
            .output_columns()
            .map(|t| ColumnDef { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
            .collect();
        Ok(Arm { tree: SetOpTree::Leaf(Box::new(q)), columns, locs: target_locs(s) })
    }

    /// Coerces output column `col` of every arm under `tree` to `target`.
    fn coerce_tree(&self, tree: &mut SetOpTree, col: usize, target: Oid, pos: u32, context: &str) -> PgResult<()> {
        match tree {
            SetOpTree::Leaf(q) => {
                let Some(t) = q.target_list.iter_mut().filter(|t| !t.resjunk).nth(col) else {
                    return Err(PgError::internal("set operation column out of range"));
                };
                let x = std::mem::replace(&mut t.expr, Expr::null(target));
                t.expr = self.coerce_column(x, target, pos, context)?;
                Ok(())
            }
            SetOpTree::Op { left, right, .. } => {
                self.coerce_tree(left, col, target, pos, context)?;
                self.coerce_tree(right, col, target, pos, context)
            }
        }
    }

    /// The query over a VALUES or set-operation entry: all its columns, then
    /// the statement's ORDER BY and LIMIT.
    pub(crate) fn transform_over_rte(
        &mut self,
        stmt: &ast::SelectStmt,
        rte: RangeTblEntry,
        setop: bool,
    ) -> PgResult<Query> {
        let mut target_list: Vec<TargetEntry> = rte
            .columns
            .iter()
            .enumerate()
            .map(|(attno, c)| TargetEntry {
                expr: Expr::Var { attno, type_oid: c.type_oid, typmod: c.typmod, location: None },
                name: c.name.clone(),
                resjunk: false,
            })
            .collect();
        self.rte = Some(rte);
        if setop {
            // A set operation's result can only be ordered by its columns.
            for sb in &stmt.order_by {
                let ok = match &sb.expr.kind {
                    ExprKind::ColumnRef(f) => matches!(f.as_slice(), [ColumnRefField::Name(_)]),
                    ExprKind::Const(Value::Integer(_)) => true,
                    _ => false,
                };
                if !ok {
                    return Err(PgError::new(
                        SqlState::FEATURE_NOT_SUPPORTED,
                        "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                    )
                    .with_detail("Only result column names can be used, not expressions or functions.")
                    .with_hint("Add the expression/function to every SELECT, or move the UNION into a FROM clause.")
                    .with_position(self.pos(leftmost(&sb.expr))));
                }
            }
        }
        let sort_clause = self.transform_sort_clause(&stmt.order_by, &mut target_list, false)?;
        let limit_offset = self.without_aggs("OFFSET", || {
            stmt.limit_offset.as_ref().map(|e| self.transform_limit(e, "OFFSET")).transpose()
        })?;
        let limit_count = self.without_aggs("LIMIT", || {
            stmt.limit_count.as_ref().map(|e| self.transform_limit(e, "LIMIT")).transpose()
        })?;
        Ok(Query {
            command: crate::query::CmdType::Select,
            modify: None,
            row_marks: Vec::new(),
            rtable: self.rte.take(),
            target_list,
            where_clause: None,
            distinct: false,
            sort_clause,
            limit_offset,
            limit_count,
            has_aggs: false,
            group_clause: Vec::new(),
            aggs: Vec::new(),
            having: None,
            has_outer_refs: self.has_outer_refs.get(),
            ctes: Vec::new(),
        })
    }
}
