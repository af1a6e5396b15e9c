//! Array expressions (PostgreSQL's `transformArrayExpr` in `parse_expr.c`
//! and `transformContainerSubscripts` with `array_subscript_transform` in
//! `parse_node.c` / `arraysubs.c`): `ARRAY[...]` constructors, nested
//! ones for several dimensions, and subscripts and slices `a[i]`,
//! `a[i:j]`, `a[:j]` over arrays, `int2vector` and `oidvector`.
//!
//! The analyzer types and coerces; the executor builds and indexes the
//! values with pg-types' `ArrayValue` (its lower bounds, dimensions and
//! NULL elements are PostgreSQL's).

use crate::coerce;
use crate::query::Expr;
use crate::registry::CoercionContext;
use crate::ParseState;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ExprKind};
use pg_types::array::MAX_DIMENSIONS;
use pg_types::types::{format_type, lookup_type, oid, Oid};

/// The element type that subscripting a value of type `t` gives
/// (`typsubscript` being `array_subscript_handler`): an array's element,
/// and int2 / oid for `int2vector` / `oidvector`.
pub fn subscript_element_type(t: Oid) -> Option<Oid> {
    match t {
        oid::INT2VECTOR => Some(oid::INT2),
        oid::OIDVECTOR => Some(oid::OID),
        _ => lookup_type(t).filter(|ti| ti.category == b'A' && ti.elem != 0).map(|ti| ti.elem),
    }
}

/// True for a type that is an array (`type_is_array`).
fn type_is_array(t: Oid) -> bool {
    subscript_element_type(t).is_some()
}

impl ParseState<'_> {
    /// `ARRAY[...]` (`transformArrayExpr`). `target` is the type and
    /// typmod of an enclosing cast; when it is an array type (`ARRAY[]::int[]`, `ARRAY[1,2]::text[]`),
    /// which types the elements by explicit coercion; without one the
    /// elements' common type decides.
    pub(crate) fn transform_array_expr(
        &self,
        elements: &[ast::Expr],
        target: Option<(Oid, i32)>,
        loc: usize,
    ) -> PgResult<Expr> {
        let element_target =
            target.and_then(|(array_type, typmod)| subscript_element_type(array_type).map(|e| (array_type, e, typmod)));
        let mut multidims = false;
        let mut items = Vec::with_capacity(elements.len());
        for e in elements {
            let item = match &e.kind {
                // A nested ARRAY[...] (the `[...]` inside `ARRAY[[1,2]]`)
                // is a sub-array of the same target type.
                ExprKind::Array(inner) => {
                    multidims = true;
                    self.transform_array_expr(inner, target, e.location.0)?
                }
                _ => {
                    let item = self.transform_expr(e)?;
                    multidims |= type_is_array(item.type_oid());
                    item
                }
            };
            items.push((item, self.pos_of(e)));
        }
        let (array_type, coerce_type, hard, typmod) = match element_target {
            Some((array_type, elem, typmod)) => (array_type, if multidims { array_type } else { elem }, true, typmod),
            None => {
                if items.is_empty() {
                    return Err(PgError::new(SqlState::INDETERMINATE_DATATYPE, "cannot determine type of empty array")
                        .with_hint("Explicitly cast to the desired type, for example ARRAY[]::integer[].")
                        .with_position(self.pos(loc)));
                }
                let common = self.common_item_type(&items)?;
                let array_type = if multidims {
                    if subscript_element_type(common).is_none() {
                        return Err(PgError::new(
                            SqlState::UNDEFINED_OBJECT,
                            format!("could not find element type for data type {}", format_type(common, -1)),
                        )
                        .with_position(self.pos(loc)));
                    }
                    common
                } else {
                    self.array_type_for(common, loc)?
                };
                (array_type, common, false, -1)
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (item, pos) in items {
            let source = item.type_oid();
            let coerced = if hard {
                coerce::coerce_to(item, coerce_type, typmod, CoercionContext::Explicit, pos, self.env.settings)?
            } else {
                coerce::coerce_to(item, coerce_type, -1, CoercionContext::Implicit, pos, self.env.settings)?
            };
            let coerced = coerced.ok_or_else(|| {
                let msg = if hard {
                    format!("cannot cast type {} to {}", format_type(source, -1), format_type(coerce_type, -1))
                } else {
                    format!(
                        "ARRAY could not convert type {} to {}",
                        format_type(source, -1),
                        format_type(coerce_type, -1)
                    )
                };
                PgError::new(SqlState::CANNOT_COERCE, msg).with_position(pos)
            })?;
            out.push(coerced);
        }
        Ok(Expr::ArrayExpr { elements: out, array_type, multidims })
    }

    /// `select_common_type(..., "ARRAY")` over transformed items.
    fn common_item_type(&self, items: &[(Expr, u32)]) -> PgResult<Oid> {
        let inputs: Vec<(Oid, u32)> = items.iter().map(|(e, p)| (e.type_oid(), *p)).collect();
        coerce::select_common_type(&inputs, "ARRAY")
    }

    /// `get_array_type`, with PostgreSQL's error when there is none.
    fn array_type_for(&self, elem: Oid, loc: usize) -> PgResult<Oid> {
        pg_types::types::array_type_of(elem).ok_or_else(|| {
            PgError::new(
                SqlState::UNDEFINED_OBJECT,
                format!("could not find array type for data type {}", format_type(elem, -1)),
            )
            .with_position(self.pos(loc))
        })
    }

    /// `a[...]` steps after an expression (`transformIndirection`): runs
    /// of subscripts become one fetch each; field selection is not
    /// supported yet.
    pub(crate) fn transform_indirection(
        &self,
        arg: &ast::Expr,
        steps: &[ast::IndirectionStep],
        loc: usize,
    ) -> PgResult<Expr> {
        let mut result = self.transform_expr(arg)?;
        let mut i = 0;
        while i < steps.len() {
            let run = steps[i..].iter().take_while(|s| matches!(s, ast::IndirectionStep::Subscript { .. })).count();
            if run == 0 {
                return Err(self.unsupported("field selection is not supported yet", loc));
            }
            result = self.transform_subscripts(result, &steps[i..i + run], self.pos_of(arg))?;
            i += run;
        }
        Ok(result)
    }

    /// One `SubscriptingRef` fetch (`transformContainerSubscripts`): the
    /// container must be subscriptable (42804), there are at most MAXDIM
    /// subscripts (54000), each coerced to int4 as in assignment (42804
    /// otherwise). If any step is a slice, all are: a plain `[n]` among
    /// them means `[1:n]`.
    fn transform_subscripts(&self, container: Expr, steps: &[ast::IndirectionStep], pos: u32) -> PgResult<Expr> {
        let container_type = container.type_oid();
        let elem = subscript_element_type(container_type).ok_or_else(|| {
            PgError::new(
                SqlState::DATATYPE_MISMATCH,
                format!(
                    "cannot subscript type {} because it does not support subscripting",
                    format_type(container_type, -1)
                ),
            )
            .with_position(pos)
        })?;
        if steps.len() > MAX_DIMENSIONS {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                format!("number of array dimensions ({}) exceeds the maximum allowed ({MAX_DIMENSIONS})", steps.len()),
            ));
        }
        let is_slice = steps.iter().any(|s| matches!(s, ast::IndirectionStep::Subscript { slice: true, .. }));
        let mut upper = Vec::with_capacity(steps.len());
        let mut lower = Vec::with_capacity(steps.len());
        for step in steps {
            let ast::IndirectionStep::Subscript { lower: l, upper: u, slice } = step else {
                return Err(PgError::internal("subscript run holds another step"));
            };
            if *slice {
                lower.push(l.as_deref().map(|e| self.transform_subscript(e)).transpose()?);
                upper.push(u.as_deref().map(|e| self.transform_subscript(e)).transpose()?);
            } else {
                let index = l.as_deref().ok_or_else(|| PgError::internal("subscript without an index"))?;
                upper.push(Some(self.transform_subscript(index)?));
                if is_slice {
                    lower.push(Some(Expr::Const { value: pg_types::Datum::Int4(1), type_oid: oid::INT4, typmod: -1 }));
                }
            }
        }
        // A slice has the container's array type; int2vector and
        // oidvector slices are int2[] and oid[], as in PostgreSQL.
        let (lower, result_type) = match is_slice {
            true => (Some(lower), pg_types::types::array_type_of(elem).unwrap_or(container_type)),
            false => (None, elem),
        };
        Ok(Expr::Subscript { container: Box::new(container), upper, lower, result_type })
    }

    /// A subscript coerced to int4 in assignment context (so int8 and
    /// numeric are accepted and checked at run time).
    fn transform_subscript(&self, e: &ast::Expr) -> PgResult<Expr> {
        let pos = self.pos_of(e);
        let x = self.transform_expr(e)?;
        coerce::coerce_to(x, oid::INT4, -1, CoercionContext::Assignment, pos, self.env.settings)?.ok_or_else(|| {
            PgError::new(SqlState::DATATYPE_MISMATCH, "array subscript must have type integer").with_position(pos)
        })
    }
}
