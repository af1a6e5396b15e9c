//! Expression evaluation (PostgreSQL's `execExprInterp.c`), by walking the
//! analyzed tree: strict functions and operators return NULL on NULL input
//! without being called, AND/OR/NOT use three-valued logic, CASE evaluates
//! only the branch it needs, casts apply their typmod. Every function, operator
//! and cast arrives resolved in the tree (a function pointer or cast
//! method chosen by the analyzer); nothing is looked up while rows run.

use pg_analyze::{BoolOpKind, Expr};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::datum::{datum_cmp, Datum};
use pg_types::io::OutputSettings;
use std::cmp::Ordering;

/// What expressions see besides the row (`ExprContext`): the I/O settings
/// casts need and the bound parameter values (`ecxt_param_list_info`).
#[derive(Clone, Copy)]
pub struct ExprContext<'a> {
    /// Output and I/O settings.
    pub settings: &'a OutputSettings,
    /// `$1..$n`, already converted to the parameters' types.
    pub params: &'a [Datum],
    /// The statement's SubPlans and execution-time parameters (`None`
    /// outside a statement's execution: no subquery can be evaluated).
    pub exec: Option<&'a std::rc::Rc<crate::subplan::ExecShared>>,
}

/// The per-tuple memory of a node's expression context
/// (`ecxt_per_tuple_memory`): a memory context named `ExprContext` under
/// the query's `ExecutorState`, made when the node first evaluates, which
/// the node resets before each row (`ResetExprContext`) and makes
/// `CurrentMemoryContext` while it evaluates that row's quals and
/// projection (`ExecEvalExprSwitchContext`). Whatever an expression
/// allocates with `palloc` for one row is freed wholesale at the next.
/// Deleted with the node state, or with `ExecutorState` at the latest.
#[derive(Debug, Default)]
pub struct PerTupleContext(std::cell::OnceCell<pg_mcxt::MemoryContext>);

impl PerTupleContext {
    /// A node's context, made on first use.
    pub fn new() -> PerTupleContext {
        PerTupleContext(std::cell::OnceCell::new())
    }

    /// `ResetExprContext` for the next row, then switches to the context
    /// until the returned guard is dropped. `query` is the query's
    /// context, the parent on first use.
    pub fn reset_for_row(&self, query: &pg_mcxt::MemoryContext) -> pg_mcxt::MemoryContextSwitch {
        let cxt = self.0.get_or_init(|| query.create_child("ExprContext"));
        // Resetting a context with nothing allocated is a flag test.
        cxt.reset_only();
        cxt.switch_to()
    }

    /// The context, once made.
    pub fn context(&self) -> Option<&pg_mcxt::MemoryContext> {
        self.0.get()
    }
}

impl Drop for PerTupleContext {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            if !c.is_deleted() {
                c.delete();
            }
        }
    }
}

/// Evaluates `e` over the scan row `row` (`ExecEvalExpr`).
pub fn eval(e: &Expr, row: &[Datum], ecxt: &ExprContext<'_>) -> PgResult<Datum> {
    Evaluator { row, settings: ecxt.settings, params: ecxt.params, exec: ecxt.exec, case_value: None }.eval(e)
}

/// Evaluates a boolean qual: NULL and false both reject (`ExecQual`).
/// The conditions of a top-level AND are PostgreSQL's implicit-AND qual
/// list: testing stops at the first that is not true, NULL included (an
/// AND expression would go on after a NULL to look for a false), so a
/// later condition's error is not raised for a row already rejected.
pub fn eval_qual(e: &Expr, row: &[Datum], ecxt: &ExprContext<'_>) -> PgResult<bool> {
    if let Expr::Bool { op: BoolOpKind::And, args } = e {
        for a in args {
            if !eval_qual(a, row, ecxt)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    Ok(matches!(eval(e, row, ecxt)?, Datum::Bool(true)))
}

pub(crate) struct Evaluator<'a> {
    row: &'a [Datum],
    settings: &'a OutputSettings,
    params: &'a [Datum],
    exec: Option<&'a std::rc::Rc<crate::subplan::ExecShared>>,
    case_value: Option<Datum>,
}

/// Compares two non-NULL values of one type with the type's ordering.
pub fn compare(a: &Datum, b: &Datum) -> PgResult<Ordering> {
    datum_cmp(a, b).ok_or_else(|| PgError::internal(format!("cannot compare {a:?} with {b:?}")))
}

impl Evaluator<'_> {
    pub(crate) fn eval(&mut self, e: &Expr) -> PgResult<Datum> {
        // Leaves are answered here without a stack check (they do not
        // recurse); subqueries nest through this small frame (ExecParam);
        // everything else is evaluated in `eval_node`.
        match e {
            Expr::Const { value, .. } => Ok(value.clone()),
            Expr::Var { attno, .. } => self
                .row
                .get(*attno)
                .cloned()
                .ok_or_else(|| PgError::internal(format!("column {attno} is not in the row"))),
            Expr::ExecParam { id, .. } => {
                pg_error::check_stack_depth()?;
                match self.exec {
                    Some(shared) => crate::subplan::param_value(shared, *id),
                    None => Err(PgError::internal(format!("no value found for parameter {id}"))),
                }
            }
            _ => {
                pg_error::check_stack_depth()?;
                self.eval_node(e)
            }
        }
    }

    #[inline(never)]
    fn eval_node(&mut self, e: &Expr) -> PgResult<Datum> {
        match e {
            // Leaves never reach here: `eval` answers them itself.
            Expr::Const { .. } | Expr::Var { .. } | Expr::ExecParam { .. } => self.eval(e),
            Expr::Param { index, .. } => self.params.get(index.wrapping_sub(1)).cloned().ok_or_else(|| {
                PgError::new(SqlState::UNDEFINED_OBJECT, format!("no value found for parameter {index}"))
            }),
            Expr::SubPlan(sp) => match self.exec {
                Some(shared) => crate::subplan::exec_subplan(self, shared, sp),
                None => Err(PgError::internal("SubPlan evaluated outside a statement")),
            },
            Expr::SrfCall { .. } => Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                "set-valued function called in context that cannot accept a set",
            )),
            Expr::OuterVar { .. } | Expr::SubLink(_) => {
                Err(PgError::internal("unplanned subquery expression reached the executor"))
            }
            Expr::Aggref(a) => Err(PgError::internal(format!("aggregate {} outside an Agg node", a.name))),
            Expr::Func { func, args, strict, .. } => self.call(*func, args, *strict),
            Expr::Op { func, args, .. } => self.call(*func, args, true),
            Expr::Bool { op, args } => self.eval_bool(*op, args),
            Expr::Case { arg, whens, default, .. } => {
                let saved = self.case_value.take();
                if let Some(a) = arg {
                    let v = self.eval(a)?;
                    self.case_value = Some(v);
                }
                let mut result = None;
                for (cond, value) in whens {
                    if matches!(self.eval(cond)?, Datum::Bool(true)) {
                        result = Some(value);
                        break;
                    }
                }
                self.case_value = saved;
                self.eval(result.unwrap_or(default))
            }
            Expr::CaseTest { .. } => Ok(self.case_value.clone().unwrap_or(Datum::Null)),
            Expr::Coalesce { args, .. } => {
                for a in args {
                    let v = self.eval(a)?;
                    if !v.is_null() {
                        return Ok(v);
                    }
                }
                Ok(Datum::Null)
            }
            Expr::MinMax { greatest, args, result_type } => {
                // Equal values keep the first (char(n) compares without its padding).
                let mut best: Option<Datum> = None;
                for a in args {
                    let v = self.eval(a)?;
                    if v.is_null() {
                        continue;
                    }
                    best = Some(match best {
                        None => v,
                        Some(b) => {
                            let ord = pg_types::datum_cmp_typed(&v, &b, *result_type)
                                .ok_or_else(|| PgError::internal(format!("cannot compare {v:?} with {b:?}")))?;
                            if (*greatest && ord == Ordering::Greater) || (!*greatest && ord == Ordering::Less) {
                                v
                            } else {
                                b
                            }
                        }
                    });
                }
                Ok(best.unwrap_or(Datum::Null))
            }
            Expr::HashedIn { arg, not, values } => {
                // `x = ANY (...)`: NULL for a NULL x; true when found; else
                // NULL if the list holds a NULL, false otherwise (and the
                // negation of each for NOT IN, `x <> ALL (...)`).
                let v = self.eval(arg)?;
                if v.is_null() {
                    return Ok(Datum::Null);
                }
                Ok(match (values.contains(&v), values.has_null) {
                    (true, _) => Datum::Bool(!*not),
                    (false, true) => Datum::Null,
                    (false, false) => Datum::Bool(*not),
                })
            }
            Expr::NullIf { eq, args, .. } => {
                let vals = self.eval_args(args)?;
                if !vals[0].is_null() && !vals[1].is_null() && eq(&vals)? == Datum::Bool(true) {
                    return Ok(Datum::Null);
                }
                Ok(vals[0].clone())
            }
            Expr::ScalarArrayOp { func, use_or, args, .. } => self.scalar_array_op(*func, *use_or, args),
            Expr::ArrayExpr { elements, multidims, .. } => {
                let vals = self.eval_args(elements)?.into_vec();
                if *multidims {
                    Ok(Datum::Array(pg_types::array::merge_subarrays(vals)?))
                } else {
                    Ok(Datum::Array(vals.into()))
                }
            }
            Expr::Subscript { container, upper, lower, .. } => self.eval_subscript(container, upper, lower.as_deref()),
            Expr::Distinct { not, eq, args } => {
                let vals = self.eval_args(args)?;
                let distinct = match (vals[0].is_null(), vals[1].is_null()) {
                    (true, true) => false,
                    (true, false) | (false, true) => true,
                    (false, false) => eq(&vals)? != Datum::Bool(true),
                };
                Ok(Datum::Bool(distinct != *not))
            }
            Expr::NullTest { arg, not } => Ok(Datum::Bool(self.eval(arg)?.is_null() != *not)),
            Expr::BooleanTest { arg, test } => {
                Ok(Datum::Bool(pg_analyze::query::boolean_test(*test, &self.eval(arg)?)))
            }
            Expr::Cast { arg, method, source, target, typmod, explicit } => {
                let v = self.eval(arg)?;
                if v.is_null() {
                    return Ok(Datum::Null);
                }
                // Widening an integer cannot fail or need a typmod: the
                // commonest cast (sum(int4) reads int8) skips the cast table.
                if let (Datum::Int4(x), pg_types::types::oid::INT8) = (&v, *target) {
                    return Ok(Datum::Int8(i64::from(*x)));
                }
                pg_types::casts::run_cast(*method, *source, *target, *typmod, &v, *explicit, self.settings)
            }
        }
    }

    /// The values of a call's arguments (on the stack for up to four: no
    /// allocation per call of an operator).
    /// Calls a function or operator over its evaluated arguments; a strict
    /// one returns NULL for a NULL argument without being called. One and
    /// two arguments (every operator) are evaluated into locals: nothing
    /// is allocated or copied around per call.
    fn call(&mut self, func: fn(&[Datum]) -> PgResult<Datum>, args: &[Expr], strict: bool) -> PgResult<Datum> {
        match args {
            [a] => {
                let a = self.eval(a)?;
                if strict && a.is_null() {
                    return Ok(Datum::Null);
                }
                func(std::slice::from_ref(&a))
            }
            [a, b] => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                if strict && (a.is_null() || b.is_null()) {
                    return Ok(Datum::Null);
                }
                func(&[a, b])
            }
            _ => {
                let vals = self.eval_args(args)?;
                if strict && vals.iter().any(Datum::is_null) {
                    return Ok(Datum::Null);
                }
                func(&vals)
            }
        }
    }

    /// A `SubscriptingRef` fetch (`array_subscript_fetch` and
    /// `array_subscript_fetch_slice`): NULL for a NULL array or subscript;
    /// an element out of range, or subscripts that do not match the
    /// array's dimensions, give NULL; a slice is clipped to the array and
    /// may be empty. An omitted slice bound is the array's own.
    fn eval_subscript(
        &mut self,
        container: &Expr,
        upper: &[Option<Expr>],
        lower: Option<&[Option<Expr>]>,
    ) -> PgResult<Datum> {
        let array = match self.eval(container)? {
            Datum::Array(a) => a,
            Datum::Null => return Ok(Datum::Null),
            other => return Err(PgError::internal(format!("subscript of a non-array value {other:?}"))),
        };
        // Each subscript: Some(None) where a slice bound is omitted, None
        // when one is NULL.
        let mut subscripts = |v: &[Option<Expr>]| -> PgResult<Option<Vec<Option<i32>>>> {
            let mut out = Vec::with_capacity(v.len());
            for e in v {
                match e {
                    None => out.push(None),
                    Some(e) => match self.eval(e)? {
                        Datum::Int4(i) => out.push(Some(i)),
                        Datum::Null => return Ok(None),
                        other => return Err(PgError::internal(format!("array subscript {other:?} is not int4"))),
                    },
                }
            }
            Ok(Some(out))
        };
        let Some(upper) = subscripts(upper)? else { return Ok(Datum::Null) };
        let Some(lower) = lower else {
            let index: Vec<i32> = upper.into_iter().map(|s| s.unwrap_or(0)).collect();
            return Ok(array.get(&index).cloned().unwrap_or(Datum::Null));
        };
        let Some(lower) = subscripts(lower)? else { return Ok(Datum::Null) };
        if upper.len() > array.ndim() {
            return Ok(Datum::Array(Default::default()));
        }
        let mut lo = Vec::with_capacity(upper.len());
        let mut hi = Vec::with_capacity(upper.len());
        for (i, (l, u)) in lower.iter().zip(&upper).enumerate() {
            let d = array.dim(i).expect("dimension checked above");
            lo.push(l.unwrap_or(d.lbound));
            hi.push(u.unwrap_or(d.upper()));
        }
        Ok(Datum::Array(array.slice(&lo, &hi)?))
    }

    /// `ExecEvalScalarArrayOp`: NULL for a NULL array or left operand
    /// (unless the array is empty); otherwise the first element that
    /// decides (true for ANY, false for ALL) wins, and a NULL comparison
    /// makes an undecided result NULL.
    fn scalar_array_op(&mut self, func: pg_types::ScalarFn, use_or: bool, args: &[Expr]) -> PgResult<Datum> {
        let left = self.eval(&args[0])?;
        let items = match self.eval(&args[1])? {
            Datum::Null => return Ok(Datum::Null),
            Datum::Array(items) => items.into_elems(),
            other => return Err(PgError::internal(format!("ANY/ALL over a non-array value {other:?}"))),
        };
        if items.is_empty() {
            return Ok(Datum::Bool(!use_or));
        }
        if left.is_null() {
            return Ok(Datum::Null);
        }
        let mut saw_null = false;
        for item in items {
            if item.is_null() {
                saw_null = true;
                continue;
            }
            match func(&[left.clone(), item])? {
                Datum::Bool(b) if b == use_or => return Ok(Datum::Bool(use_or)),
                Datum::Bool(_) => {}
                _ => saw_null = true,
            }
        }
        Ok(if saw_null { Datum::Null } else { Datum::Bool(!use_or) })
    }

    fn eval_args(&mut self, args: &[Expr]) -> PgResult<smallvec::SmallVec<[Datum; 4]>> {
        let mut vals = smallvec::SmallVec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?);
        }
        Ok(vals)
    }

    /// Three-valued AND/OR: a deciding value (false for AND, true for OR)
    /// wins even over NULL; otherwise any NULL makes the result NULL.
    fn eval_bool(&mut self, op: BoolOpKind, args: &[Expr]) -> PgResult<Datum> {
        if op == BoolOpKind::Not {
            return Ok(match self.eval(&args[0])? {
                Datum::Bool(b) => Datum::Bool(!b),
                _ => Datum::Null,
            });
        }
        let decisive = op == BoolOpKind::Or;
        let mut saw_null = false;
        for a in args {
            match self.eval(a)? {
                Datum::Bool(b) if b == decisive => return Ok(Datum::Bool(decisive)),
                Datum::Bool(_) => {}
                _ => saw_null = true,
            }
        }
        Ok(if saw_null { Datum::Null } else { Datum::Bool(!decisive) })
    }
}
