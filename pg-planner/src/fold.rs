//! Constant folding (PostgreSQL's `eval_const_expressions` in
//! `optimizer/util/clauses.c`), run over every expression of a query level
//! before anything else is planned.
//!
//! What it does, bottom-up:
//! - A call of an IMMUTABLE function or operator whose arguments are all
//!   constants is evaluated now and becomes a `Const`. A strict call with a
//!   NULL constant argument becomes a NULL constant without being called,
//!   whatever its other arguments and its volatility (so `x / 0 + NULL`
//!   never divides); so does a cast of a NULL constant.
//!   An error raised by the call is raised by the planner, as in
//!   PostgreSQL: `SELECT 1/0` fails before any RowDescription is sent, and
//!   so does `CASE WHEN x > 0 THEN 1 ELSE 1/0 END` (every branch that can
//!   still be taken is folded).
//! - AND/OR drop constant arguments that do not decide, and become the
//!   deciding constant when there is one; NOT of a constant is a constant.
//! - A searched CASE drops the WHEN arms whose condition is a constant
//!   false or NULL, and stops at the first constant true condition, whose
//!   result becomes the ELSE: the arms so dropped are never folded, so
//!   `CASE WHEN true THEN 1 ELSE 1/0 END` answers 1.
//! - COALESCE drops NULL constants and everything after its first non-NULL
//!   constant.
//! - A hashed IN list over a constant.
//! - IS [NOT] NULL and IS [NOT] TRUE/FALSE/UNKNOWN of a constant; NULLIF and
//!   IS [NOT] DISTINCT FROM of constants; GREATEST and LEAST of constants.
//! - A cast of a constant, when the cast is immutable (see
//!   `cast_is_immutable`).
//!
//! What it leaves alone: STABLE and VOLATILE calls (`now()`, `random()`,
//! operators and casts that read TimeZone), `$n` parameters (a generic plan
//! does not know their values), and anything over a column.

use pg_analyze::{BoolOpKind, Expr};
use pg_error::{PgError, PgResult};
use pg_types::datum::Datum;
use pg_types::types::{oid, Oid};
use pg_types::Volatility;

/// The state of one folding pass.
#[derive(Default)]
pub(crate) struct Folder {
    /// Set when planning at Parse (the extended protocol): PostgreSQL
    /// plans a prepared statement at Bind, so an error raised by a call
    /// being folded must wait for Bind. The call is then left unfolded
    /// and its error kept in `deferred`.
    pub(crate) defer_errors: bool,
    /// The first error kept back (see `defer_errors`).
    pub(crate) deferred: Option<PgError>,
}

impl Folder {
    /// The result of evaluating a call over constants: its `Const`, or
    /// `None` (leave the call as it is) for an error kept back.
    fn evaluated(&mut self, result: PgResult<Expr>) -> PgResult<Option<Expr>> {
        match result {
            Ok(c) => Ok(Some(c)),
            Err(e) if self.defer_errors => {
                self.deferred.get_or_insert(e);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// Folds the constant parts of `e` (see the module doc).
pub(crate) fn eval_const_expressions(f: &mut Folder, e: Expr) -> PgResult<Expr> {
    pg_error::check_stack_depth()?;
    match e {
        // CASE decides which arms survive before the arms are folded.
        Expr::Case { arg, whens, default, result_type } => fold_case(f, arg, whens, *default, result_type),
        // AND, OR and COALESCE fold their arguments in order and stop at
        // the one that decides: the arguments after it are never folded.
        Expr::Bool { op: op @ (BoolOpKind::And | BoolOpKind::Or), args } => fold_and_or(f, op, args),
        Expr::Coalesce { args, result_type } => fold_coalesce(f, args, result_type),
        // Planned subqueries are folded when their own level is planned.
        e @ (Expr::SubLink(_) | Expr::SubPlan(_)) => e.map_children(&mut |c| eval_const_expressions(f, c)),
        e => {
            let e = e.map_children(&mut |c| eval_const_expressions(f, c))?;
            simplify(f, e)
        }
    }
}

fn constant(value: Datum, type_oid: Oid) -> Expr {
    Expr::Const { value, type_oid, typmod: -1 }
}

fn const_value(e: &Expr) -> Option<&Datum> {
    match e {
        Expr::Const { value, .. } => Some(value),
        _ => None,
    }
}

/// The value of every argument, when all are constants.
fn const_args(args: &[Expr]) -> Option<Vec<Datum>> {
    args.iter().map(|a| const_value(a).cloned()).collect()
}

/// Calls `func` over constant arguments, as the executor would.
fn call_const(func: pg_types::ScalarFn, vals: Vec<Datum>, strict: bool, result_type: Oid) -> PgResult<Expr> {
    if strict && vals.iter().any(Datum::is_null) {
        return Ok(Expr::null(result_type));
    }
    Ok(constant(func(&vals)?, result_type))
}

/// One node whose children are already folded.
fn simplify(f: &mut Folder, e: Expr) -> PgResult<Expr> {
    Ok(match e {
        // A strict call with a NULL constant argument is never made: it is
        // NULL whatever its other arguments and its volatility, as in
        // PostgreSQL's evaluate_function (operators here are all strict).
        Expr::Func { strict: true, ref args, result_type, .. } | Expr::Op { ref args, result_type, .. }
            if args.iter().any(|a| const_value(a).is_some_and(Datum::is_null)) =>
        {
            Expr::null(result_type)
        }
        Expr::Func { func, ref args, result_type, strict, volatility: Volatility::Immutable, .. } => {
            match const_args(args) {
                Some(vals) => f.evaluated(call_const(func, vals, strict, result_type))?.unwrap_or(e),
                None => e,
            }
        }
        Expr::Op { ref name, func, ref args, result_type } if operator_is_immutable(name, args, result_type) => {
            match const_args(args) {
                Some(vals) => f.evaluated(call_const(func, vals, true, result_type))?.unwrap_or(e),
                None => e,
            }
        }
        // NULLIF and IS [NOT] DISTINCT FROM of constants, as the executor
        // computes them, when their `=` reads no setting.
        Expr::NullIf { eq, ref args, result_type } if operator_is_immutable("=", args, oid::BOOL) => {
            match const_args(args) {
                Some(vals) => {
                    let value = (|| -> PgResult<Expr> {
                        let equal = !vals[0].is_null() && !vals[1].is_null() && eq(&vals)? == Datum::Bool(true);
                        Ok(if equal { Expr::null(result_type) } else { constant(vals[0].clone(), result_type) })
                    })();
                    f.evaluated(value)?.unwrap_or(e)
                }
                None => e,
            }
        }
        Expr::Distinct { not, eq, ref args } if operator_is_immutable("=", args, oid::BOOL) => match const_args(args) {
            Some(vals) => {
                let value = (|| -> PgResult<Expr> {
                    let distinct = match (vals[0].is_null(), vals[1].is_null()) {
                        (true, true) => false,
                        (true, false) | (false, true) => true,
                        (false, false) => eq(&vals)? != Datum::Bool(true),
                    };
                    Ok(constant(Datum::Bool(distinct != not), oid::BOOL))
                })();
                f.evaluated(value)?.unwrap_or(e)
            }
            None => e,
        },
        // GREATEST/LEAST of constants (one type, so the comparison reads no setting):
        // the executor's choice, NULLs skipped.
        Expr::MinMax { greatest, ref args, result_type } => match const_args(args) {
            Some(vals) => {
                let mut best: Option<Datum> = None;
                let mut comparable = true;
                for v in vals.into_iter().filter(|v| !v.is_null()) {
                    best = Some(match best {
                        None => v,
                        Some(b) => match pg_types::datum_cmp_typed(&v, &b, result_type) {
                            Some(std::cmp::Ordering::Greater) if greatest => v,
                            Some(std::cmp::Ordering::Less) if !greatest => v,
                            Some(_) => b,
                            None => {
                                comparable = false;
                                b
                            }
                        },
                    });
                }
                if comparable {
                    constant(best.unwrap_or(Datum::Null), result_type)
                } else {
                    e
                }
            }
            None => e,
        },
        // A hashed IN list over a constant: the executor's answer now, as
        // PostgreSQL folds `const = ANY ('{...}')` (its `=` is immutable).
        Expr::HashedIn { arg, not, values } => match const_value(&arg) {
            Some(v) => {
                let answer = if v.is_null() {
                    Datum::Null
                } else {
                    match (values.contains(v), values.has_null) {
                        (true, _) => Datum::Bool(!not),
                        (false, true) => Datum::Null,
                        (false, false) => Datum::Bool(not),
                    }
                };
                constant(answer, oid::BOOL)
            }
            None => Expr::HashedIn { arg, not, values },
        },
        Expr::Bool { op: BoolOpKind::Not, args } => match args.as_slice() {
            [Expr::Const { value, .. }] => {
                constant(value.as_bool().map_or(Datum::Null, |b| Datum::Bool(!b)), oid::BOOL)
            }
            _ => Expr::Bool { op: BoolOpKind::Not, args },
        },
        Expr::NullTest { arg, not } => match const_value(&arg) {
            Some(v) => constant(Datum::Bool(v.is_null() != not), oid::BOOL),
            None => Expr::NullTest { arg, not },
        },
        Expr::BooleanTest { arg, test } => match const_value(&arg) {
            Some(v) => constant(Datum::Bool(pg_analyze::query::boolean_test(test, v)), oid::BOOL),
            None => Expr::BooleanTest { arg, test },
        },
        Expr::Cast { arg, method, source, target, typmod, explicit } => match const_value(&arg) {
            // Every cast function is strict, so a cast of NULL is NULL
            // whatever the cast's volatility (`NULL::date::timestamptz`
            // folds though the cast reads TimeZone).
            Some(v) if v.is_null() => Expr::Const { value: Datum::Null, type_oid: target, typmod },
            Some(v) if cast_is_immutable(method, source, target) => {
                // The settings are never read: the casts folded here do
                // not depend on DateStyle, TimeZone or extra_float_digits.
                let settings = pg_types::OutputSettings::default();
                let value = pg_types::run_cast(method, source, target, typmod, v, explicit, &settings)
                    .map(|value| Expr::Const { value, type_oid: target, typmod });
                match f.evaluated(value)? {
                    Some(c) => c,
                    None => Expr::Cast { arg, method, source, target, typmod, explicit },
                }
            }
            _ => Expr::Cast { arg, method, source, target, typmod, explicit },
        },
        e => e,
    })
}

/// Whether a type's text form (output function, and input function for
/// the targets of an I/O conversion cast) is the same whatever the
/// session's settings: the types whose I/O casts are folded. PostgreSQL
/// folds more (float8out is IMMUTABLE though it reads
/// extra_float_digits), which this server leaves to the executor.
fn io_is_settings_free(t: Oid) -> bool {
    matches!(
        t,
        oid::INT2
            | oid::INT4
            | oid::INT8
            | oid::NUMERIC
            | oid::BOOL
            | oid::TEXT
            | oid::VARCHAR
            | oid::BPCHAR
            | oid::NAME
            | oid::CHAR
            | oid::OID
    )
}

/// `provolatile` of a cast: a binary-coercible one is a relabeling; a cast
/// function is IMMUTABLE except those PostgreSQL marks STABLE because they
/// read TimeZone (to and from timestamptz) or look a name up (text to
/// regclass and the other reg* types); an I/O conversion is folded only
/// between types whose text forms ignore the session's settings.
fn cast_is_immutable(method: pg_types::CastFunc, source: Oid, target: Oid) -> bool {
    match method {
        pg_types::CastFunc::Binary => true,
        pg_types::CastFunc::Function(_) => {
            let stable = |t: Oid| {
                matches!(
                    t,
                    oid::TIMESTAMPTZ | oid::REGCLASS | oid::REGTYPE | oid::REGPROC | oid::REGNAMESPACE | oid::REGROLE
                )
            };
            !stable(source) && !stable(target)
        }
        // The source's output function and the target's input function
        // run. bytea's input reads no setting (its output reads
        // bytea_output, so it is a target here, never a source).
        // As immutable as the element cast it applies.
        pg_types::CastFunc::ArrayCoerce => {
            match (pg_types::types::element_type_of(source), pg_types::types::element_type_of(target)) {
                (Some(se), Some(te)) if se == te => true,
                (Some(se), Some(te)) => {
                    pg_types::casts::find_cast(se, te).is_some_and(|c| cast_is_immutable(c.func, se, te))
                }
                _ => false,
            }
        }
        pg_types::CastFunc::InOut => {
            io_is_settings_free(source) && (io_is_settings_free(target) || is_float(target) || target == oid::BYTEA)
        }
    }
}

fn is_float(t: Oid) -> bool {
    matches!(t, oid::FLOAT4 | oid::FLOAT8)
}

/// `provolatile` of an operator's function. Every built-in operator is
/// IMMUTABLE except those PostgreSQL 15 marks STABLE because their result
/// depends on a setting: timestamptz ± interval and the cross-type
/// comparisons of timestamptz with date or timestamp (TimeZone), `text ||
/// anynonarray` when the other operand's output function is not immutable
/// (its SQL body is inlined and folded otherwise), and `text @@ text`
/// (default_text_search_config).
fn operator_is_immutable(name: &str, args: &[Expr], result_type: Oid) -> bool {
    let types: Vec<Oid> = args.iter().map(Expr::type_oid).collect();
    let tz_dependent = types.contains(&oid::TIMESTAMPTZ)
        && types.iter().any(|t| matches!(*t, oid::INTERVAL | oid::DATE | oid::TIMESTAMP));
    // `text || x` casts x to text with x's output function (PostgreSQL
    // inlines the SQL function and folds the cast when it is immutable).
    let any_concat =
        name == "||" && result_type == oid::TEXT && types.iter().any(|t| *t != oid::TEXT && !io_is_settings_free(*t));
    let text_search = name == "@@" && types.first() == Some(&oid::TEXT);
    !(tz_dependent || any_concat || text_search)
}

/// AND/OR (`simplify_and_arguments`, `simplify_or_arguments`): each
/// argument is folded in turn; a deciding constant (false for AND, true
/// for OR) is the answer at once; the other constant is dropped; a NULL
/// constant is kept once, at the end; a nested AND in an AND (OR in an OR)
/// is flattened into its parent.
fn fold_and_or(f: &mut Folder, op: BoolOpKind, args: Vec<Expr>) -> PgResult<Expr> {
    let deciding = op == BoolOpKind::Or;
    let mut kept = Vec::with_capacity(args.len());
    let mut saw_null = false;
    for a in args {
        let a = eval_const_expressions(f, a)?;
        match a {
            Expr::Const { value: Datum::Bool(b), .. } if b == deciding => {
                return Ok(constant(Datum::Bool(deciding), oid::BOOL));
            }
            Expr::Const { value: Datum::Bool(_), .. } => {}
            Expr::Const { .. } => saw_null = true,
            // Already folded: its arguments are taken as they are.
            Expr::Bool { op: inner, args } if inner == op => kept.extend(args),
            a => kept.push(a),
        }
    }
    if saw_null {
        kept.push(Expr::null(oid::BOOL));
    }
    Ok(match kept.len() {
        0 => constant(Datum::Bool(!deciding), oid::BOOL),
        1 => kept.pop().unwrap_or_else(|| Expr::null(oid::BOOL)),
        _ => Expr::Bool { op, args: kept },
    })
}

/// COALESCE: each argument is folded in turn; NULL constants go, and a
/// non-NULL constant ends the list (the arguments after it are neither
/// folded nor evaluated).
fn fold_coalesce(f: &mut Folder, args: Vec<Expr>, result_type: Oid) -> PgResult<Expr> {
    let mut kept = Vec::with_capacity(args.len());
    for a in args {
        let a = eval_const_expressions(f, a)?;
        match const_value(&a) {
            Some(v) if v.is_null() => {}
            Some(_) => {
                if kept.is_empty() {
                    return Ok(a);
                }
                kept.push(a);
                break;
            }
            None => kept.push(a),
        }
    }
    Ok(match kept.len() {
        0 => Expr::null(result_type),
        _ => Expr::Coalesce { args: kept, result_type },
    })
}

/// Replaces this CASE's CaseTest placeholders in `e` by `value`. A nested simple
/// CASE's conditions refer to its own argument and are left alone.
fn substitute_case_test(e: Expr, value: &Expr) -> PgResult<Expr> {
    match e {
        Expr::CaseTest { .. } => Ok(value.clone()),
        Expr::Case { arg: Some(inner), whens, default, result_type } => Ok(Expr::Case {
            arg: Some(Box::new(substitute_case_test(*inner, value)?)),
            whens: whens.into_iter().map(|(c, r)| Ok((c, substitute_case_test(r, value)?))).collect::<PgResult<_>>()?,
            default: Box::new(substitute_case_test(*default, value)?),
            result_type,
        }),
        other => other.map_children(&mut |c| substitute_case_test(c, value)),
    }
}

/// CASE: each WHEN condition is folded first; an arm whose condition is a
/// constant false or NULL is dropped unfolded, and a constant true
/// condition makes its result the ELSE and drops the arms after it.
fn fold_case(
    f: &mut Folder,
    arg: Option<Box<Expr>>,
    whens: Vec<(Expr, Expr)>,
    default: Expr,
    result_type: Oid,
) -> PgResult<Expr> {
    let arg = arg.map(|a| eval_const_expressions(f, *a).map(Box::new)).transpose()?;
    // A constant simple-CASE argument takes the place of CaseTest in the
    // conditions, so `CASE 'a' WHEN 'b' THEN ...` folds its conditions and
    // drops the arms that cannot be taken, unfolded (`case_val`).
    let case_value = arg.as_deref().filter(|a| const_value(a).is_some()).cloned();
    let mut kept = Vec::with_capacity(whens.len());
    let mut default = Some(default);
    for (cond, result) in whens {
        let cond = match &case_value {
            Some(v) => substitute_case_test(cond, v)?,
            None => cond,
        };
        let cond = eval_const_expressions(f, cond)?;
        match const_value(&cond) {
            Some(Datum::Bool(true)) => {
                default = Some(result);
                break;
            }
            Some(_) => {}
            None => kept.push((cond, eval_const_expressions(f, result)?)),
        }
    }
    let default = eval_const_expressions(f, default.unwrap_or_else(|| Expr::null(result_type)))?;
    if kept.is_empty() {
        // No arm can be taken: the CASE is its ELSE (the simple CASE's
        // argument is dropped with the arms, as PostgreSQL drops it).
        return Ok(default);
    }
    Ok(Expr::Case { arg, whens: kept, default: Box::new(default), result_type })
}

/// PostgreSQL's `pull_up_simple_values`: a query whose only FROM item is
/// a one-row VALUES list (`FROM (VALUES (1, 'a')) v(x, y)`) reads the
/// row's expressions in place of its columns and has no FROM item (a
/// `Result`), so that constants in the row fold with the expressions over
/// them (`CASE WHEN x > 0 THEN 1 ELSE 1/0 END` is 1). Not done when the
/// row holds a volatile call, a set-returning function or a subquery, nor
/// for a grouped query (its select list reads the aggregate's output row)
/// or one with subqueries (they may refer to the columns).
pub(crate) fn pull_up_simple_values(query: &mut pg_analyze::Query) -> PgResult<()> {
    use pg_analyze::RteSource;
    let rows = match query.rtable.as_ref().map(|r| &r.source) {
        Some(RteSource::Values(rows)) => rows,
        Some(RteSource::Subquery(q)) if crate::is_bare_values(q) => match q.rtable.as_ref().map(|r| &r.source) {
            Some(RteSource::Values(rows)) => rows,
            _ => return Ok(()),
        },
        _ => return Ok(()),
    };
    let [row] = rows.as_slice() else { return Ok(()) };
    let unsafe_node = |e: &Expr| {
        matches!(
            e,
            Expr::Func { volatility: Volatility::Volatile, .. }
                | Expr::SrfCall { .. }
                | Expr::SubLink(_)
                | Expr::SubPlan(_)
        )
    };
    let mut refused = row.iter().any(|e| contains(e, &unsafe_node));
    refused |= query.has_aggs || !query.group_clause.is_empty() || query.having.is_some() || !query.ctes.is_empty();
    let mut has_sublink = false;
    for e in query.target_list.iter().map(|t| &t.expr).chain(query.where_clause.iter()) {
        has_sublink |= contains(e, &|x| matches!(x, Expr::SubLink(_) | Expr::SubPlan(_)));
    }
    if refused || has_sublink {
        return Ok(());
    }
    let row = row.clone();
    fn substitute(e: Expr, row: &[Expr]) -> PgResult<Expr> {
        match e {
            Expr::Var { attno, .. } if attno < row.len() => Ok(row[attno].clone()),
            e => e.map_children(&mut |c| substitute(c, row)),
        }
    }
    query.rtable = None;
    for t in &mut query.target_list {
        let e = std::mem::replace(&mut t.expr, Expr::null(oid::BOOL));
        t.expr = substitute(e, &row)?;
    }
    if let Some(w) = query.where_clause.take() {
        query.where_clause = Some(substitute(w, &row)?);
    }
    Ok(())
}

/// Whether `pred` holds for `e` or any expression below it.
fn contains(e: &Expr, pred: &dyn Fn(&Expr) -> bool) -> bool {
    let mut found = false;
    e.walk(&mut |x| found |= pred(x));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_error::SqlState;

    fn eval_const_expressions(e: Expr) -> PgResult<Expr> {
        super::eval_const_expressions(&mut Folder::default(), e)
    }

    fn int(v: i32) -> Expr {
        constant(Datum::Int4(v), oid::INT4)
    }

    fn op(name: &str, l: Expr, r: Expr) -> Expr {
        let def = pg_types::find_operator(name, Some(l.type_oid()), r.type_oid()).expect("operator");
        Expr::Op { name: name.into(), func: def.func, args: vec![l, r], result_type: def.result }
    }

    fn column() -> Expr {
        Expr::Var { attno: 0, type_oid: oid::INT4, typmod: -1, location: None }
    }

    fn counted(_: &[Datum]) -> PgResult<Datum> {
        Ok(Datum::Int4(42))
    }

    fn func(volatility: Volatility, args: Vec<Expr>) -> Expr {
        Expr::Func { name: "f".into(), func: counted, args, result_type: oid::INT4, strict: true, volatility }
    }

    fn value(e: &Expr) -> Option<&Datum> {
        const_value(e)
    }

    #[test]
    fn immutable_operators_over_constants_fold() {
        let e = eval_const_expressions(op("+", int(1), op("*", int(2), int(3)))).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int4(7)));
        // Over a column, only the constant part folds.
        let e = eval_const_expressions(op(">", column(), op("+", int(1), int(2)))).unwrap();
        match e {
            Expr::Op { args, .. } => assert_eq!(value(&args[1]), Some(&Datum::Int4(3))),
            other => panic!("not an operator: {other:?}"),
        }
    }

    #[test]
    fn folding_errors_are_raised_by_the_planner() {
        let err = eval_const_expressions(op("/", int(1), int(0))).unwrap_err();
        assert_eq!(err.code, SqlState::DIVISION_BY_ZERO);
    }

    #[test]
    fn at_parse_a_folding_error_is_kept_for_bind() {
        let mut f = Folder { defer_errors: true, deferred: None };
        let e =
            super::eval_const_expressions(&mut f, op("+", op("/", int(1), int(0)), op("*", int(2), int(3)))).unwrap();
        // The failing call stays, its neighbours still fold.
        match e {
            Expr::Op { args, .. } => {
                assert!(matches!(args[0], Expr::Op { .. }));
                assert_eq!(value(&args[1]), Some(&Datum::Int4(6)));
            }
            other => panic!("not an operator: {other:?}"),
        }
        assert_eq!(f.deferred.map(|e| e.code), Some(SqlState::DIVISION_BY_ZERO));
    }

    #[test]
    fn only_immutable_functions_fold() {
        let e = eval_const_expressions(func(Volatility::Immutable, vec![int(1)])).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int4(42)));
        for v in [Volatility::Stable, Volatility::Volatile] {
            let e = eval_const_expressions(func(v, vec![int(1)])).unwrap();
            assert!(matches!(e, Expr::Func { .. }), "{v:?} call was folded");
        }
        // A strict function with a NULL constant is NULL without a call,
        // whatever its volatility and its other arguments; so is an
        // operator over a column and a NULL.
        let e = eval_const_expressions(func(Volatility::Immutable, vec![Expr::null(oid::INT4)])).unwrap();
        assert_eq!(value(&e), Some(&Datum::Null));
        let e = eval_const_expressions(func(Volatility::Volatile, vec![column(), Expr::null(oid::INT4)])).unwrap();
        assert_eq!(value(&e), Some(&Datum::Null));
        let e = eval_const_expressions(op("/", column(), Expr::null(oid::INT4))).unwrap();
        assert_eq!(value(&e), Some(&Datum::Null));
        // Parameters are not constants in a generic plan.
        let p = Expr::Param { index: 1, type_oid: oid::INT4 };
        assert!(matches!(eval_const_expressions(op("/", int(1), p)).unwrap(), Expr::Op { .. }));
    }

    #[test]
    fn timezone_dependent_operators_do_not_fold() {
        let ts = constant(Datum::TimestampTz(0), oid::TIMESTAMPTZ);
        let iv = constant(Datum::Interval(pg_types::Interval { months: 0, days: 1, micros: 0 }), oid::INTERVAL);
        assert!(matches!(eval_const_expressions(op("+", ts, iv)).unwrap(), Expr::Op { .. }));
    }

    #[test]
    fn and_or_not_with_constants() {
        let t = constant(Datum::Bool(true), oid::BOOL);
        let f = constant(Datum::Bool(false), oid::BOOL);
        let cond = op(">", column(), int(0));
        let and = |args| Expr::Bool { op: BoolOpKind::And, args };
        // false decides an AND before the arguments after it are folded.
        let e = eval_const_expressions(and(vec![f.clone(), op("=", op("/", int(1), int(0)), int(1))])).unwrap();
        assert_eq!(value(&e), Some(&Datum::Bool(false)));
        // true drops out; one argument left is the answer.
        let e = eval_const_expressions(and(vec![t.clone(), cond.clone()])).unwrap();
        assert!(matches!(e, Expr::Op { .. }));
        // NULL stays, once, at the end.
        let e = eval_const_expressions(and(vec![Expr::null(oid::BOOL), cond.clone(), t])).unwrap();
        match e {
            Expr::Bool { args, .. } => assert_eq!(value(&args[1]), Some(&Datum::Null)),
            other => panic!("not an AND: {other:?}"),
        }
        let or = Expr::Bool { op: BoolOpKind::Or, args: vec![f.clone(), f.clone()] };
        assert_eq!(value(&eval_const_expressions(or).unwrap()), Some(&Datum::Bool(false)));
        let not = Expr::Bool { op: BoolOpKind::Not, args: vec![f] };
        assert_eq!(value(&eval_const_expressions(not).unwrap()), Some(&Datum::Bool(true)));
    }

    #[test]
    fn case_drops_arms_that_cannot_be_taken_before_folding_them() {
        let div0 = || op("/", int(1), int(0));
        let case = |whens, default| Expr::Case { arg: None, whens, default: Box::new(default), result_type: oid::INT4 };
        let t = constant(Datum::Bool(true), oid::BOOL);
        let f = constant(Datum::Bool(false), oid::BOOL);
        let e = eval_const_expressions(case(vec![(f.clone(), div0())], int(2))).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int4(2)));
        let e = eval_const_expressions(case(vec![(t, int(1))], div0())).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int4(1)));
        // An arm that may be taken is folded, and its error is raised.
        let cond = op(">", column(), int(0));
        assert!(eval_const_expressions(case(vec![(cond.clone(), int(1))], div0())).is_err());
        let e = eval_const_expressions(case(vec![(f, div0()), (cond, int(1))], int(3))).unwrap();
        match e {
            Expr::Case { whens, .. } => assert_eq!(whens.len(), 1),
            other => panic!("not a CASE: {other:?}"),
        }
    }

    #[test]
    fn coalesce_stops_at_its_first_non_null_constant() {
        let c = |args| Expr::Coalesce { args, result_type: oid::INT4 };
        let e = eval_const_expressions(c(vec![Expr::null(oid::INT4), int(2), op("/", int(1), int(0))])).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int4(2)));
        let e = eval_const_expressions(c(vec![Expr::null(oid::INT4), column(), int(5), column()])).unwrap();
        match e {
            Expr::Coalesce { args, .. } => assert_eq!(args.len(), 2),
            other => panic!("not a COALESCE: {other:?}"),
        }
    }

    #[test]
    fn casts_fold_unless_they_read_settings() {
        let cast = |arg: Expr, target| {
            let source = arg.type_oid();
            let method = pg_types::find_cast(source, target).expect("cast").func;
            Expr::Cast { arg: Box::new(arg), method, source, target, typmod: -1, explicit: true }
        };
        let e = eval_const_expressions(cast(int(4), oid::INT8)).unwrap();
        assert_eq!(value(&e), Some(&Datum::Int8(4)));
        assert_eq!(e.type_oid(), oid::INT8);
        let e = eval_const_expressions(cast(constant(Datum::Int8(1 << 40), oid::INT8), oid::INT4)).unwrap_err();
        assert_eq!(e.code, SqlState::NUMERIC_VALUE_OUT_OF_RANGE);
        let ts = constant(Datum::Timestamp(0), oid::TIMESTAMP);
        assert!(matches!(eval_const_expressions(cast(ts, oid::TIMESTAMPTZ)).unwrap(), Expr::Cast { .. }));
        // A cast of NULL is NULL, even one that reads TimeZone.
        let e = eval_const_expressions(cast(Expr::null(oid::DATE), oid::TIMESTAMPTZ)).unwrap();
        assert_eq!(value(&e), Some(&Datum::Null));
        assert_eq!(e.type_oid(), oid::TIMESTAMPTZ);
    }
}
