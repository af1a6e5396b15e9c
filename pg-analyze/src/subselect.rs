//! Subquery expressions (PostgreSQL's `transformSubLink` in
//! `parse_expr.c`): `EXISTS`, scalar `(SELECT ...)`, `ARRAY(SELECT ...)`,
//! and `x op ANY|SOME|ALL (SELECT ...)` (with `x IN (SELECT ...)` as
//! `= ANY`).
//!
//! The subquery is analyzed one query level down (its `ParseState`'s
//! parent is the current one), so a column of this query written inside it
//! resolves to an [`Expr::OuterVar`]. The result is an [`Expr::SubLink`]
//! holding the analyzed subquery; the planner decides how it runs (an
//! InitPlan once, or a SubPlan per row with the outer values as
//! parameters).

use crate::query::{Expr, Query, SubLink, SubLinkKind};
use crate::ParseState;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast;
use pg_types::types::{format_type, oid};

impl ParseState<'_> {
    /// Transforms a raw `SubLink` (`transformSubLink`). Nested subqueries
    /// recurse through here: the frames on that path are kept small (the
    /// subquery is analyzed in a function of its own, the rest is done
    /// after it returns), so deep nesting costs little stack per level.
    pub(crate) fn transform_sublink(
        &self,
        kind: &ast::SubLinkKind,
        test_expr: Option<&ast::Expr>,
        subselect: &ast::SelectStmt,
        loc: usize,
    ) -> PgResult<Expr> {
        let subquery = self.analyze_subquery(subselect)?;
        self.finish_sublink(kind, test_expr, subquery, loc)
    }

    #[inline(never)]
    fn analyze_subquery(&self, subselect: &ast::SelectStmt) -> PgResult<Box<Query>> {
        Ok(Box::new(self.child().transform_select(subselect)?))
    }

    #[inline(never)]
    fn finish_sublink(
        &self,
        kind: &ast::SubLinkKind,
        test_expr: Option<&ast::Expr>,
        subquery: Box<Query>,
        loc: usize,
    ) -> PgResult<Expr> {
        let columns: Vec<(u32, i32)> =
            subquery.output_columns().map(|t| (t.expr.type_oid(), t.expr.typmod())).collect();
        let one_column = || -> PgResult<(u32, i32)> {
            match columns.as_slice() {
                [c] => Ok(*c),
                _ => Err(PgError::new(SqlState::SYNTAX_ERROR, "subquery must return only one column")
                    .with_position(self.pos(loc))),
            }
        };
        let (kind, testexpr, result_type) = match kind {
            ast::SubLinkKind::Exists => (SubLinkKind::Exists, None, oid::BOOL),
            ast::SubLinkKind::Expr => {
                let (t, _) = one_column()?;
                (SubLinkKind::Expr, None, t)
            }
            ast::SubLinkKind::Array => {
                let (t, _) = one_column()?;
                // get_promoted_array_type: an array column keeps its type,
                // the result having one more dimension.
                if pg_types::types::lookup_type(t).is_some_and(|ti| ti.category == b'A' && ti.elem != 0) {
                    (SubLinkKind::ArrayOfArrays, None, t)
                } else {
                    let array = pg_types::types::array_type_of(t).ok_or_else(|| {
                        PgError::new(
                            SqlState::UNDEFINED_OBJECT,
                            format!("could not find array type for datatype {}", format_type(t, -1)),
                        )
                        .with_position(self.pos(loc))
                    })?;
                    (SubLinkKind::Array, None, array)
                }
            }
            ast::SubLinkKind::Any(op) | ast::SubLinkKind::All(op) => {
                let all = matches!(kind, ast::SubLinkKind::All(_));
                let left = test_expr.ok_or_else(|| PgError::internal("ANY/ALL subquery without a left operand"))?;
                let lefts: Vec<&ast::Expr> = match &left.kind {
                    ast::ExprKind::Row { args, .. } => args.iter().collect(),
                    _ => vec![left],
                };
                if columns.len() > lefts.len() {
                    return Err(PgError::new(SqlState::SYNTAX_ERROR, "subquery has too many columns")
                        .with_position(self.pos(loc)));
                }
                if columns.len() < lefts.len() {
                    return Err(PgError::new(SqlState::SYNTAX_ERROR, "subquery has too few columns")
                        .with_position(self.pos(loc)));
                }
                let opname = op.last().map(String::as_str).unwrap_or("=");
                // A row compares column by column (`make_row_comparison_op`):
                // all equal for `=`, any different for `<>`.
                let combine = match (lefts.len(), opname) {
                    (1, _) => None,
                    (_, "=") => Some(crate::query::BoolOpKind::And),
                    (_, "<>") => Some(crate::query::BoolOpKind::Or),
                    _ => {
                        return Err(self.unsupported(
                            "row comparisons with subqueries other than = and <> are not supported yet",
                            loc,
                        ))
                    }
                };
                let mut cmps = Vec::new();
                for (i, (l, &(t, typmod))) in lefts.iter().zip(&columns).enumerate() {
                    let le = self.transform_expr(l)?;
                    let param = Expr::ExecParam { id: crate::query::SUBLINK_COLUMN_PARAM + i, type_oid: t, typmod };
                    let cmp = self.make_op(opname, Some(le), param, loc, Some(self.pos_of(l)), self.pos(loc))?;
                    if cmp.type_oid() != oid::BOOL {
                        return Err(PgError::new(
                            SqlState::DATATYPE_MISMATCH,
                            format!(
                                "operator {opname} must return type boolean, not type {}",
                                format_type(cmp.type_oid(), -1)
                            ),
                        )
                        .with_position(self.pos(loc)));
                    }
                    cmps.push(cmp);
                }
                let cmp = match combine {
                    None => cmps.remove(0),
                    Some(op) => Expr::Bool { op, args: cmps },
                };
                (if all { SubLinkKind::All } else { SubLinkKind::Any }, Some(cmp), oid::BOOL)
            }
        };
        Ok(Expr::SubLink(Box::new(SubLink { kind, testexpr, subquery, result_type, location: loc })))
    }
}
