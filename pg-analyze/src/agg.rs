//! Aggregates and grouping: PostgreSQL's `parse_agg.c` (`transformAggregateCall`,
//! `parseCheckAggregates`) and `parse_clause.c`'s `transformGroupClause`.
//!
//! An aggregate call becomes an [`Expr::Aggref`] wherever aggregates are
//! allowed. Once the whole SELECT is transformed, [`ParseState::check_aggregates`]
//! replaces every GROUP BY expression and every `Aggref` in the target list
//! and HAVING by a `Var` over the aggregate output row (group keys, then
//! aggregate results): a column left over is not grouped, which is
//! PostgreSQL's 42803 error at that column.
//!
//! An `Aggref` carries its arguments, its `ORDER BY` items (for DISTINCT
//! each must be one of the arguments, 42P10) and its `FILTER` condition;
//! the planner lays all three out as the Agg node's input columns
//! ([`Aggref::input_exprs`]). Ordered-set and hypothetical-set aggregates
//! (`percentile_cont(0.5) WITHIN GROUP (ORDER BY x)`, `rank(3) WITHIN
//! GROUP (...)`) use the same shape: the direct arguments are `args`, the
//! aggregated input is `order_by`. Which aggregates exist is resolved here
//! by name and argument types; `pg_types::aggregates` lists the same
//! signatures for the catalogs, and a test keeps the two in step.

use crate::coerce;
use crate::expr::leftmost;
use crate::query::{AggKind, AggSortKey, Aggref, Expr, HypotheticalKind, Query, RegrKind, TargetEntry};
use crate::registry::{self, CoercionContext, ScalarFn};
use crate::ParseState;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ColumnRefField, ExprKind, Value};
use pg_types::types::{format_type, oid, Oid};

/// Types with built-in `min`/`max` (`pg_aggregate`'s rows for them).
const ORDERED_AGG_TYPES: &[Oid] = &[
    oid::INT2,
    oid::INT4,
    oid::INT8,
    oid::OID,
    oid::FLOAT4,
    oid::FLOAT8,
    oid::NUMERIC,
    oid::TEXT,
    oid::BPCHAR,
    oid::DATE,
    oid::TIME,
    oid::TIMETZ,
    oid::TIMESTAMP,
    oid::TIMESTAMPTZ,
    oid::INTERVAL,
    oid::INET,
    oid::XID8,
    oid::PG_LSN,
];

/// An ordered-set aggregate's (kind, direct argument types then the
/// WITHIN GROUP input type, result type) for the written types, or None
/// when no such aggregate takes them (`pg_aggregate` rows with aggkind 'o').
fn ordered_set_signature(fname: &str, types: &[Oid]) -> Option<(AggKind, Vec<Oid>, Oid)> {
    let fraction = |t: Oid| t == oid::UNKNOWN || coerce::can_coerce(t, oid::FLOAT8, CoercionContext::Implicit);
    // An array of fractions keeps its own type (float8[] after an element
    // cast in PostgreSQL); the executor reads each element as a float8.
    let fractions = |t: Oid| {
        pg_types::types::element_type_of(t)
            .is_some_and(|e| e != oid::UNKNOWN && coerce::can_coerce(e, oid::FLOAT8, CoercionContext::Implicit))
    };
    match (fname, types) {
        ("mode", &[input]) if input != oid::UNKNOWN => Some((AggKind::Mode, vec![input], input)),
        ("percentile_disc", &[f, input]) if input != oid::UNKNOWN => {
            if fraction(f) {
                Some((AggKind::PercentileDisc { multi: false }, vec![oid::FLOAT8, input], input))
            } else if fractions(f) {
                let result = pg_types::types::array_type_of(input)?;
                Some((AggKind::PercentileDisc { multi: true }, vec![f, input], result))
            } else {
                None
            }
        }
        ("percentile_cont", &[f, input]) => {
            let input = if input == oid::INTERVAL {
                oid::INTERVAL
            } else if fraction(input) {
                oid::FLOAT8
            } else {
                return None;
            };
            let array_of = if input == oid::INTERVAL { oid::INTERVAL_ARRAY } else { oid::FLOAT8_ARRAY };
            if fraction(f) {
                Some((AggKind::PercentileCont { multi: false }, vec![oid::FLOAT8, input], input))
            } else if fractions(f) {
                Some((AggKind::PercentileCont { multi: true }, vec![f, input], array_of))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The hypothetical-set aggregate of that name.
fn hypothetical_kind(fname: &str) -> Option<HypotheticalKind> {
    Some(match fname {
        "rank" => HypotheticalKind::Rank,
        "dense_rank" => HypotheticalKind::DenseRank,
        "percent_rank" => HypotheticalKind::PercentRank,
        "cume_dist" => HypotheticalKind::CumeDist,
        _ => return None,
    })
}

/// The implementation of a binary operator on (left, right), looked up once.
fn operator_fn(op: &str, left: Oid, right: Oid) -> PgResult<ScalarFn> {
    registry::operators(op).into_iter().find(|o| o.left == Some(left) && o.right == right).map(|o| o.func).ok_or_else(
        || {
            PgError::internal(format!(
                "operator {op}({}, {}) is missing for an aggregate",
                format_type(left, -1),
                format_type(right, -1)
            ))
        },
    )
}

impl ParseState<'_> {
    /// Transforms an aggregate call (`transformAggregateCall`).
    pub(crate) fn transform_aggregate(&self, call: &ast::FuncCall, loc: usize) -> PgResult<Expr> {
        let fname = call.name.last().map(String::as_str).unwrap_or("");
        if self.in_agg.get() {
            return Err(PgError::new(SqlState::GROUPING_ERROR, "aggregate function calls cannot be nested")
                .with_position(self.pos(loc)));
        }
        self.in_agg.set(true);
        let transformed = self.transform_func_args(call);
        self.in_agg.set(false);
        let (args, pos) = transformed?;
        // FILTER is transformed before the call is resolved, as a WHERE
        // clause of its own (`transformWhereClause(..., EXPR_KIND_FILTER)`).
        // ORDER BY items are read in the aggregate's arguments' context:
        // an aggregate there is nested.
        self.in_agg.set(true);
        let order = self.transform_agg_order(call);
        self.in_agg.set(false);
        let order = order?;
        let filter = match &call.agg_filter {
            Some(f) => {
                Some(Box::new(self.without_aggs("FILTER", || self.transform_bool_arg(f, "argument of FILTER"))?))
            }
            None => None,
        };
        // An aggregate whose arguments are all columns of an enclosing
        // query belongs to that query (`check_agg_arguments`: the lowest
        // level its columns come from).
        let mut local = false;
        let mut outer_level: Option<usize> = None;
        let mut sublinks = Vec::new();
        let mut inner_aggs: Vec<(usize, usize)> = Vec::new();
        for a in args.iter().chain(order.iter().map(|k| &k.expr)).chain(filter.as_deref()) {
            a.walk(&mut |x| match x {
                Expr::Var { .. } => local = true,
                Expr::OuterVar { levelsup, .. } => {
                    outer_level = Some(outer_level.map_or(*levelsup, |l| l.min(*levelsup)))
                }
                Expr::SubLink(s) => sublinks.push(s.subquery.clone()),
                _ => {}
            });
        }
        // Columns inside a subquery in the arguments count too, at their level as seen from
        // the aggregate (`min((select t.x))` belongs to t's level).
        for mut sub in sublinks {
            if !sub.has_outer_refs {
                continue;
            }
            sub.map_all_levels(1, &mut |e, depth| {
                match &e {
                    Expr::OuterVar { levelsup, .. } => match levelsup.checked_sub(depth) {
                        Some(0) => local = true,
                        Some(up) => outer_level = Some(outer_level.map_or(up, |l| l.min(up))),
                        None => {}
                    },
                    // An aggregate of an outer level inside the subquery: its level as seen
                    // from here (`min_agglevel`).
                    Expr::Aggref(a) => {
                        if let Some(up) = a.levelsup.checked_sub(depth) {
                            inner_aggs.push((up, a.location));
                        }
                    }
                    _ => {}
                }
                Ok(e)
            })?;
        }
        let levelsup = if local { 0 } else { outer_level.unwrap_or(0) };
        if let Some(&(_, at)) = inner_aggs.iter().find(|(up, _)| *up == levelsup) {
            return Err(PgError::new(SqlState::GROUPING_ERROR, "aggregate function calls cannot be nested")
                .with_position(self.pos(at)));
        }
        if levelsup > 0
            && args.iter().chain(order.iter().map(|k| &k.expr)).chain(filter.as_deref()).any(|a| {
                let mut found = false;
                a.walk(&mut |x| found |= matches!(x, Expr::SubLink(_)));
                found
            })
        {
            // The planner plans the subqueries of a query level's own expressions only.
            return Err(self.unsupported(
                "aggregates of an outer query level with a subquery in their arguments are not supported yet",
                loc,
            ));
        }
        let mut owner = self;
        for _ in 0..levelsup {
            owner = owner.parent.ok_or_else(|| PgError::internal("aggregate of a query level that does not exist"))?;
        }
        if levelsup > 0 && owner.in_agg.get() {
            // The level it belongs to is inside another aggregate's arguments
            // (`max((select sum(t.x) from u))` with t of max's level).
            return Err(PgError::new(SqlState::GROUPING_ERROR, "aggregate function calls cannot be nested")
                .with_position(self.pos(loc)));
        }
        if let Some(clause) = owner.no_aggs_in.get() {
            return Err(PgError::new(
                SqlState::GROUPING_ERROR,
                format!("aggregate functions are not allowed in {clause}"),
            )
            .with_position(self.pos(loc)));
        }
        // An ordered-set aggregate's signature is its direct arguments,
        // then its WITHIN GROUP inputs (as PostgreSQL's errors list them).
        let types: Vec<Oid> = args
            .iter()
            .map(Expr::type_oid)
            .chain(order.iter().filter(|_| call.agg_within_group).map(|k| k.expr.type_oid()))
            .collect();
        let no_function = || {
            PgError::new(
                SqlState::UNDEFINED_FUNCTION,
                format!(
                    "function {}({}) does not exist",
                    call.name.join("."),
                    types.iter().map(|&t| format_type(t, -1)).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint(
                "No function matches the given name and argument types. You might need to add explicit type casts.",
            )
            .with_position(self.pos(loc))
        };
        let not_unique = || {
            PgError::new(
                SqlState::AMBIGUOUS_FUNCTION,
                format!(
                    "function {}({}) is not unique",
                    call.name.join("."),
                    types.iter().map(|&t| format_type(t, -1)).collect::<Vec<_>>().join(", ")
                ),
            )
            .with_hint("Could not choose a best candidate function. You might need to add explicit type casts.")
            .with_position(self.pos(loc))
        };
        if call.name.len() > 1 && call.name[call.name.len() - 2] != "pg_catalog" {
            return Err(no_function());
        }
        if call.agg_within_group {
            if let Some(h) = hypothetical_kind(fname) {
                return self.transform_hypothetical(owner, call, h, (args, &pos), (order, filter), (loc, levelsup));
            }
            let Some((kind, inputs, result_type)) = ordered_set_signature(fname, &types) else {
                return Err(no_function());
            };
            let mut order = order;
            let key = order.first_mut().expect("one WITHIN GROUP input");
            key.expr = coerce::coerce_implicit(
                std::mem::replace(&mut key.expr, Expr::null(oid::UNKNOWN)),
                inputs[inputs.len() - 1],
                self.pos(leftmost(&call.agg_order[0].expr)),
                self.env.settings,
            )?;
            let direct = &inputs[..inputs.len() - 1];
            return self.finish_aggregate(
                owner,
                call,
                (kind, result_type),
                (args, &pos, direct),
                (order, filter),
                (loc, levelsup),
            );
        }
        if crate::expr::is_ordered_set_aggregate(fname) {
            if ordered_set_signature(fname, &types).is_some() {
                return Err(PgError::new(
                    SqlState::WRONG_OBJECT_TYPE,
                    format!("WITHIN GROUP is required for ordered-set aggregate {}", call.name.join(".")),
                )
                .with_position(self.pos(loc)));
            }
            return Err(no_function());
        }
        let one = types.len() == 1 && !call.agg_star;
        let t0 = types.first().copied().unwrap_or(oid::UNKNOWN);
        // (kind, argument types after coercion, result type)
        let (kind, inputs, result_type): (AggKind, Vec<Oid>, Oid) = match fname {
            "count" if call.agg_star && args.is_empty() => (AggKind::CountStar, vec![], oid::INT8),
            "count" if one => (AggKind::Count, vec![if t0 == oid::UNKNOWN { oid::TEXT } else { t0 }], oid::INT8),
            "sum" if one => match t0 {
                oid::INT2 | oid::INT4 => (AggKind::Sum, vec![oid::INT8], oid::INT8),
                oid::INT8 | oid::NUMERIC => (AggKind::Sum, vec![oid::NUMERIC], oid::NUMERIC),
                oid::FLOAT4 | oid::FLOAT8 | oid::INTERVAL => (AggKind::Sum, vec![t0], t0),
                oid::UNKNOWN => return Err(not_unique()),
                _ => return Err(no_function()),
            },
            "avg" if one => match t0 {
                oid::INT2 | oid::INT4 | oid::INT8 | oid::NUMERIC => (AggKind::Avg, vec![oid::NUMERIC], oid::NUMERIC),
                oid::FLOAT4 | oid::FLOAT8 => (AggKind::Avg, vec![oid::FLOAT8], oid::FLOAT8),
                oid::INTERVAL => (AggKind::Avg, vec![oid::INTERVAL], oid::INTERVAL),
                oid::UNKNOWN => return Err(not_unique()),
                _ => return Err(no_function()),
            },
            "min" | "max" if one => {
                let kind = if fname == "min" { AggKind::Min } else { AggKind::Max };
                let t = if ORDERED_AGG_TYPES.contains(&t0) || coerce::type_category(t0) == b'A' {
                    t0
                } else if t0 == oid::CIDR {
                    // cidr takes inet's by binary coercion.
                    oid::INET
                } else if t0 == oid::UNKNOWN
                    || (coerce::type_category(t0) == b'S'
                        && coerce::can_coerce(t0, oid::TEXT, CoercionContext::Implicit))
                {
                    oid::TEXT
                } else {
                    return Err(no_function());
                };
                (kind, vec![t], t)
            }
            "bool_and" | "bool_or" | "every" if one => {
                if t0 != oid::BOOL && t0 != oid::UNKNOWN {
                    return Err(no_function());
                }
                let kind = if fname == "bool_or" { AggKind::BoolOr } else { AggKind::BoolAnd };
                (kind, vec![oid::BOOL], oid::BOOL)
            }
            "string_agg" if types.len() == 2 && !call.agg_star => {
                let stringish = |t: Oid| {
                    t == oid::UNKNOWN
                        || (coerce::type_category(t) == b'S'
                            && coerce::can_coerce(t, oid::TEXT, CoercionContext::Implicit))
                };
                if stringish(types[0]) && stringish(types[1]) {
                    (AggKind::StringAgg, vec![oid::TEXT, oid::TEXT], oid::TEXT)
                } else if types[0] == oid::BYTEA && (types[1] == oid::BYTEA || types[1] == oid::UNKNOWN) {
                    (AggKind::StringAgg, vec![oid::BYTEA, oid::BYTEA], oid::BYTEA)
                } else {
                    return Err(no_function());
                }
            }
            "stddev" | "stddev_samp" | "stddev_pop" | "variance" | "var_samp" | "var_pop" if one => {
                let kind = AggKind::Variance { sample: !fname.ends_with("_pop"), stddev: fname.starts_with("stddev") };
                match t0 {
                    // int2_accum, int4_accum, int8_accum and numeric_accum
                    // all keep exact sums: one numeric state serves them.
                    oid::INT2 | oid::INT4 | oid::INT8 | oid::NUMERIC => (kind, vec![oid::NUMERIC], oid::NUMERIC),
                    // An unknown literal takes the category's preferred type.
                    oid::FLOAT4 | oid::FLOAT8 | oid::UNKNOWN => (kind, vec![oid::FLOAT8], oid::FLOAT8),
                    _ => return Err(no_function()),
                }
            }
            "corr" | "covar_pop" | "covar_samp" | "regr_avgx" | "regr_avgy" | "regr_count" | "regr_intercept"
            | "regr_r2" | "regr_slope" | "regr_sxx" | "regr_sxy" | "regr_syy"
                if types.len() == 2 && !call.agg_star =>
            {
                if !types
                    .iter()
                    .all(|&t| t == oid::UNKNOWN || coerce::can_coerce(t, oid::FLOAT8, CoercionContext::Implicit))
                {
                    return Err(no_function());
                }
                let regr = match fname {
                    "corr" => RegrKind::Corr,
                    "covar_pop" => RegrKind::CovarPop,
                    "covar_samp" => RegrKind::CovarSamp,
                    "regr_avgx" => RegrKind::AvgX,
                    "regr_avgy" => RegrKind::AvgY,
                    "regr_intercept" => RegrKind::Intercept,
                    "regr_r2" => RegrKind::R2,
                    "regr_slope" => RegrKind::Slope,
                    "regr_sxx" => RegrKind::Sxx,
                    "regr_sxy" => RegrKind::Sxy,
                    "regr_syy" => RegrKind::Syy,
                    _ => {
                        return self.finish_aggregate(
                            owner,
                            call,
                            (AggKind::RegrCount, oid::INT8),
                            (args, &pos, &[oid::FLOAT8, oid::FLOAT8]),
                            (order, filter),
                            (loc, levelsup),
                        )
                    }
                };
                (AggKind::Regr(regr), vec![oid::FLOAT8, oid::FLOAT8], oid::FLOAT8)
            }
            "bit_and" | "bit_or" | "bit_xor" if one => {
                let kind = match fname {
                    "bit_and" => AggKind::BitAnd,
                    "bit_or" => AggKind::BitOr,
                    _ => AggKind::BitXor,
                };
                match t0 {
                    oid::INT2 | oid::INT4 | oid::INT8 => (kind, vec![t0], t0),
                    oid::UNKNOWN => return Err(not_unique()),
                    _ => return Err(no_function()),
                }
            }
            "array_agg" if one => {
                if t0 == oid::UNKNOWN {
                    return Err(not_unique());
                }
                if coerce::type_category(t0) == b'A' {
                    // array_agg(anyarray): the arrays stacked, same type.
                    (AggKind::ArrayAgg, vec![t0], t0)
                } else {
                    let array_type = pg_types::types::array_type_of(t0).ok_or_else(|| {
                        PgError::new(
                            SqlState::UNDEFINED_OBJECT,
                            format!("could not find array type for data type {}", format_type(t0, -1)),
                        )
                        .with_position(self.pos(loc))
                    })?;
                    (AggKind::ArrayAgg, vec![t0], array_type)
                }
            }
            "json_agg" | "jsonb_agg" if one => {
                if t0 == oid::UNKNOWN {
                    // anyelement cannot be resolved from an unknown literal.
                    return Err(PgError::new(
                        SqlState::DATATYPE_MISMATCH,
                        "could not determine polymorphic type because input has type unknown",
                    ));
                }
                let jsonb = fname == "jsonb_agg";
                (AggKind::JsonAgg { jsonb }, vec![t0], if jsonb { oid::JSONB } else { oid::JSON })
            }
            "json_object_agg" | "jsonb_object_agg" if types.len() == 2 && !call.agg_star => {
                // ("any", "any"): an unknown literal is taken as text.
                let jsonb = fname == "jsonb_object_agg";
                let input = |t: Oid| if t == oid::UNKNOWN { oid::TEXT } else { t };
                (
                    AggKind::JsonObjectAgg { jsonb },
                    vec![input(types[0]), input(types[1])],
                    if jsonb { oid::JSONB } else { oid::JSON },
                )
            }
            "count" | "sum" | "avg" | "min" | "max" | "bool_and" | "bool_or" | "every" | "string_agg" | "stddev"
            | "stddev_samp" | "stddev_pop" | "variance" | "var_samp" | "var_pop" | "corr" | "covar_pop"
            | "covar_samp" | "regr_avgx" | "regr_avgy" | "regr_count" | "regr_intercept" | "regr_r2" | "regr_slope"
            | "regr_sxx" | "regr_sxy" | "regr_syy" | "bit_and" | "bit_or" | "bit_xor" | "array_agg" | "json_agg"
            | "jsonb_agg" | "json_object_agg" | "jsonb_object_agg" => return Err(no_function()),
            other if crate::expr::is_builtin_aggregate(other) => {
                return Err(self.unsupported(&format!("aggregate function {other} is not supported yet"), loc));
            }
            _ => return Err(no_function()),
        };
        self.finish_aggregate(owner, call, (kind, result_type), (args, &pos, &inputs), (order, filter), (loc, levelsup))
    }

    /// The end of [`ParseState::transform_aggregate`] once the aggregate is
    /// resolved: coerces the arguments to its input types, checks the
    /// DISTINCT/ORDER BY rule and builds the `Aggref`, marking `owner` (the
    /// query level it belongs to) as having aggregates.
    fn finish_aggregate(
        &self,
        owner: &ParseState<'_>,
        call: &ast::FuncCall,
        (kind, result_type): (AggKind, Oid),
        (args, pos, inputs): (Vec<Expr>, &[u32], &[Oid]),
        (mut order, filter): (Vec<AggSortKey>, Option<Box<Expr>>),
        (loc, levelsup): (usize, usize),
    ) -> PgResult<Expr> {
        let fname = call.name.last().map(String::as_str).unwrap_or("");
        let args = args
            .into_iter()
            .zip(inputs)
            .zip(pos)
            .map(|((a, &t), &p)| coerce::coerce_implicit(a, t, p, self.env.settings))
            .collect::<PgResult<Vec<_>>>()?;
        if call.agg_distinct {
            // Sorting by anything but the arguments would make DISTINCT
            // ambiguous; each ORDER BY item must be one of them (compared
            // without the implicit coercion to the input type).
            for (key, sb) in order.iter_mut().zip(&call.agg_order) {
                let found = args.iter().find(|a| {
                    a.equal(&key.expr) || matches!(a, Expr::Cast { arg, explicit: false, .. } if arg.equal(&key.expr))
                });
                match found {
                    Some(a) => key.expr = a.clone(),
                    None => {
                        return Err(PgError::new(
                            SqlState::INVALID_COLUMN_REFERENCE,
                            "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                        )
                        .with_position(self.pos(leftmost(&sb.expr))))
                    }
                }
            }
        }
        let trans = match kind {
            AggKind::Sum | AggKind::Avg => Some(operator_fn("+", inputs[0], inputs[0])?),
            _ => None,
        };
        let final_div = match (kind, inputs.first()) {
            (AggKind::Avg, Some(&oid::INTERVAL)) => Some((operator_fn("/", oid::INTERVAL, oid::FLOAT8)?, oid::FLOAT8)),
            (AggKind::Avg, Some(&t)) => Some((operator_fn("/", t, t)?, t)),
            _ => None,
        };
        owner.has_aggs.set(true);
        Ok(Expr::Aggref(Box::new(Aggref {
            name: fname.to_string(),
            kind,
            args,
            distinct: call.agg_distinct,
            order_by: order,
            filter,
            result_type,
            trans,
            final_div,
            location: loc,
            levelsup,
        })))
    }

    /// A hypothetical-set aggregate call (`rank(v...) WITHIN GROUP (ORDER
    /// BY x...)`): as many direct arguments as ordering columns, each pair
    /// resolved to one type (`unify_hypothetical_args`).
    fn transform_hypothetical(
        &self,
        owner: &ParseState<'_>,
        call: &ast::FuncCall,
        h: HypotheticalKind,
        (args, pos): (Vec<Expr>, &[u32]),
        (mut order, filter): (Vec<AggSortKey>, Option<Box<Expr>>),
        (loc, levelsup): (usize, usize),
    ) -> PgResult<Expr> {
        let fname = call.name.join(".");
        if args.len() != order.len() {
            let types: Vec<String> = args
                .iter()
                .map(Expr::type_oid)
                .chain(order.iter().map(|k| k.expr.type_oid()))
                .map(|t| format_type(t, -1))
                .collect();
            return Err(PgError::new(
                SqlState::UNDEFINED_FUNCTION,
                format!("function {fname}({}) does not exist", types.join(", ")),
            )
            .with_hint(format!(
                "To use the hypothetical-set aggregate {fname}, the number of hypothetical direct arguments (here {}) must match the number of ordering columns (here {}).",
                args.len(),
                order.len()
            ))
            .with_position(self.pos(loc)));
        }
        let mut inputs = Vec::with_capacity(args.len());
        for ((arg, key), (&p, sb)) in args.iter().zip(order.iter_mut()).zip(pos.iter().zip(&call.agg_order)) {
            let order_pos = self.pos(leftmost(&sb.expr));
            let common =
                coerce::select_common_type(&[(key.expr.type_oid(), order_pos), (arg.type_oid(), p)], "WITHIN GROUP")?;
            key.expr = coerce::coerce_implicit(
                std::mem::replace(&mut key.expr, Expr::null(oid::UNKNOWN)),
                common,
                order_pos,
                self.env.settings,
            )?;
            inputs.push(common);
        }
        let result_type = match h {
            HypotheticalKind::Rank | HypotheticalKind::DenseRank => oid::INT8,
            HypotheticalKind::PercentRank | HypotheticalKind::CumeDist => oid::FLOAT8,
        };
        self.finish_aggregate(
            owner,
            call,
            (AggKind::Hypothetical(h), result_type),
            (args, pos, &inputs),
            (order, filter),
            (loc, levelsup),
        )
    }

    /// The ORDER BY items of an aggregate call (`transformSortClause` over
    /// the call's arguments): expressions over the input, an unknown
    /// literal taken as text, each type with an ordering.
    fn transform_agg_order(&self, call: &ast::FuncCall) -> PgResult<Vec<AggSortKey>> {
        let mut out = Vec::with_capacity(call.agg_order.len());
        for sb in &call.agg_order {
            let loc = leftmost(&sb.expr);
            let (descending, nulls_first) = self.sort_direction(sb)?;
            let expr = self.transform_expr(&sb.expr)?;
            let expr = self.resolve_unknown(expr, self.pos(loc))?;
            self.check_ordering(expr.type_oid(), loc)?;
            out.push(AggSortKey { expr, descending, nulls_first });
        }
        Ok(out)
    }

    /// GROUP BY (`transformGroupClause` with `findTargetlistEntrySQL92`): a
    /// bare name is an input column when the FROM item has one, else an
    /// output column; an integer is an output column number; anything else
    /// an expression over the input.
    pub(crate) fn transform_group_clause(&self, group_by: &[ast::Expr], tlist: &[TargetEntry]) -> PgResult<Vec<Expr>> {
        let mut out: Vec<Expr> = Vec::new();
        for g in group_by {
            let loc = leftmost(g);
            let e = match &g.kind {
                ExprKind::GroupingSet { .. } => {
                    return Err(self.unsupported("grouping sets are not supported yet", g.location.0));
                }
                ExprKind::Const(Value::Integer(n)) => {
                    let visible: Vec<&TargetEntry> = tlist.iter().filter(|t| !t.resjunk).collect();
                    if *n < 1 || *n as usize > visible.len() {
                        return Err(PgError::new(
                            SqlState::INVALID_COLUMN_REFERENCE,
                            format!("GROUP BY position {n} is not in select list"),
                        )
                        .with_position(self.pos(loc)));
                    }
                    let e = visible[*n as usize - 1].expr.clone();
                    if let Some(a) = find_aggref(&e) {
                        return Err(PgError::new(
                            SqlState::GROUPING_ERROR,
                            "aggregate functions are not allowed in GROUP BY",
                        )
                        .with_position(self.pos(a.location)));
                    }
                    e
                }
                // Any other literal (a string, decimal, TRUE, NULL) would group nothing.
                ExprKind::Const(_) => {
                    return Err(PgError::new(SqlState::SYNTAX_ERROR, "non-integer constant in GROUP BY")
                        .with_position(self.pos(loc)));
                }
                ExprKind::ColumnRef(fields)
                    if matches!(fields.as_slice(), [ColumnRefField::Name(n)]
                        if !self.rte.as_ref().is_some_and(|r| r.columns.iter().any(|c| &c.name == n))
                            && tlist.iter().any(|t| !t.resjunk && &t.name == n)) =>
                {
                    let [ColumnRefField::Name(name)] = fields.as_slice() else { unreachable!("matched above") };
                    let mut hits = tlist.iter().filter(|t| !t.resjunk && &t.name == name);
                    let first = hits.next().expect("matched above");
                    if hits.any(|t| !t.expr.equal(&first.expr)) {
                        return Err(PgError::new(
                            SqlState::AMBIGUOUS_COLUMN,
                            format!("GROUP BY \"{name}\" is ambiguous"),
                        )
                        .with_position(self.pos(loc)));
                    }
                    if let Some(a) = find_aggref(&first.expr) {
                        return Err(PgError::new(
                            SqlState::GROUPING_ERROR,
                            "aggregate functions are not allowed in GROUP BY",
                        )
                        .with_position(self.pos(a.location)));
                    }
                    first.expr.clone()
                }
                _ => {
                    let e = self.without_aggs("GROUP BY", || self.transform_expr(g))?;
                    self.resolve_unknown(e, self.pos(loc))?
                }
            };
            self.check_equality(e.type_oid(), loc)?;
            if !out.iter().any(|o| o.equal(&e)) {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Grouping needs an `=` operator for the type.
    fn check_equality(&self, t: Oid, loc: usize) -> PgResult<()> {
        let opc = crate::expr::opclass_input_type(t);
        if registry::operators("=").iter().any(|o| o.left == Some(opc) && o.right == opc) {
            return Ok(());
        }
        Err(PgError::new(
            SqlState::UNDEFINED_FUNCTION,
            format!("could not identify an equality operator for type {}", format_type(t, -1)),
        )
        .with_position(self.pos(loc)))
    }

    /// `parseCheckAggregates`: rewrites `e` (a target-list entry or HAVING)
    /// over the aggregate output row, collecting its aggregate calls into
    /// `aggs`; a scan column outside GROUP BY and aggregates is an error.
    pub(crate) fn check_ungrouped(&self, e: Expr, groups: &[Expr], aggs: &mut Vec<Aggref>) -> PgResult<Expr> {
        if let Some(i) = groups.iter().position(|g| g.equal(&e)) {
            return Ok(Expr::Var { attno: i, type_oid: e.type_oid(), typmod: e.typmod(), location: None });
        }
        match e {
            // An enclosing query's aggregate: that query computes it.
            Expr::Aggref(a) if a.levelsup > 0 => Ok(Expr::Aggref(a)),
            Expr::Aggref(a) => {
                if a.kind.is_ordered_set() {
                    // Direct arguments are read once per group: only
                    // grouped columns may appear in them.
                    for arg in &a.args {
                        self.check_ungrouped(arg.clone(), groups, &mut Vec::new()).map_err(|e| {
                            e.with_detail("Direct arguments of an ordered-set aggregate must use only grouped columns.")
                        })?;
                    }
                }
                let attno = groups.len() + aggs.len();
                let type_oid = a.result_type;
                aggs.push(*a);
                Ok(Expr::Var { attno, type_oid, typmod: -1, location: None })
            }
            Expr::Var { attno, location, .. } => {
                let (table, column) = match &self.rte {
                    Some(r) => match r.column_origin(attno) {
                        Some((item, c)) => (item.alias.as_str(), c.name.as_str()),
                        None => ("?", "?"),
                    },
                    None => ("?", "?"),
                };
                let err = PgError::new(
                    SqlState::GROUPING_ERROR,
                    format!("column \"{table}.{column}\" must appear in the GROUP BY clause or be used in an aggregate function"),
                );
                Err(match location {
                    Some(l) => err.with_position(self.pos(l)),
                    None => err,
                })
            }
            Expr::SubLink(mut sub) => {
                // The subquery's references to this query's columns must be
                // grouped too, and now read the aggregate output row.
                sub.testexpr = sub.testexpr.map(|t| self.check_ungrouped(t, groups, aggs)).transpose()?;
                if sub.subquery.has_outer_refs {
                    self.fix_outer_refs(&mut sub.subquery, 1, groups, aggs)?;
                }
                Ok(Expr::SubLink(sub))
            }
            other => other.map_children(&mut |c| self.check_ungrouped(c, groups, aggs)),
        }
    }

    /// A subquery `depth` levels below this grouped query: its references
    /// to this query's columns must be grouped and now read the aggregate
    /// output row; this query's aggregates written inside it move to
    /// `aggs` and become references to their results.
    fn fix_outer_refs(&self, q: &mut Query, depth: usize, groups: &[Expr], aggs: &mut Vec<Aggref>) -> PgResult<()> {
        q.map_exprs(&mut |e| self.fix_outer_expr(e, depth, groups, aggs))?;
        for c in q.child_queries_mut() {
            self.fix_outer_refs(c, depth + 1, groups, aggs)?;
        }
        Ok(())
    }

    fn fix_outer_expr(&self, e: Expr, depth: usize, groups: &[Expr], aggs: &mut Vec<Aggref>) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        match e {
            Expr::Aggref(mut a) if a.levelsup == depth => {
                // Its arguments are this query's columns again.
                for x in a.input_exprs_mut() {
                    *x = lower_outer_vars(std::mem::replace(x, Expr::null(oid::UNKNOWN)), depth)?;
                }
                a.levelsup = 0;
                let attno = groups.len() + aggs.len();
                let type_oid = a.result_type;
                aggs.push(*a);
                Ok(Expr::OuterVar { levelsup: depth, attno, type_oid, typmod: -1, location: None })
            }
            Expr::OuterVar { levelsup, attno, type_oid, typmod, location } if levelsup == depth => {
                let grouped = groups.iter().position(|g| matches!(g, Expr::Var { attno: a, .. } if *a == attno));
                match grouped {
                    Some(i) => Ok(Expr::OuterVar { levelsup, attno: i, type_oid, typmod, location }),
                    None => {
                        let (table, column) = self.column_name(attno);
                        let err = PgError::new(
                            SqlState::GROUPING_ERROR,
                            format!("subquery uses ungrouped column \"{table}.{column}\" from outer query"),
                        );
                        Err(match location {
                            Some(l) => err.with_position(self.pos(l)),
                            None => err,
                        })
                    }
                }
            }
            Expr::SubLink(mut s) => {
                s.testexpr = s.testexpr.map(|t| self.fix_outer_expr(t, depth, groups, aggs)).transpose()?;
                if s.subquery.has_outer_refs {
                    self.fix_outer_refs(&mut s.subquery, depth + 1, groups, aggs)?;
                }
                Ok(Expr::SubLink(s))
            }
            other => other.map_children(&mut |c| self.fix_outer_expr(c, depth, groups, aggs)),
        }
    }

    /// The FROM item's alias and the column's name of scan-row column `attno`.
    fn column_name(&self, attno: usize) -> (&str, &str) {
        match &self.rte {
            Some(r) => match r.column_origin(attno) {
                Some((item, c)) => (item.alias.as_str(), c.name.as_str()),
                None => ("?", "?"),
            },
            None => ("?", "?"),
        }
    }
}

/// An expression moved `depth` levels out: columns of the level it moves
/// to become plain columns, those further out come `depth` levels nearer.
fn lower_outer_vars(e: Expr, depth: usize) -> PgResult<Expr> {
    match e {
        Expr::OuterVar { levelsup, attno, type_oid, typmod, location } if levelsup == depth => {
            Ok(Expr::Var { attno, type_oid, typmod, location })
        }
        Expr::OuterVar { levelsup, attno, type_oid, typmod, location } if levelsup > depth => {
            Ok(Expr::OuterVar { levelsup: levelsup - depth, attno, type_oid, typmod, location })
        }
        other => other.map_children(&mut |c| lower_outer_vars(c, depth)),
    }
}

/// The first aggregate call in `e`, if any.
fn find_aggref(e: &Expr) -> Option<&Aggref> {
    if let Expr::Aggref(a) = e {
        return Some(a);
    }
    e.children().into_iter().find_map(find_aggref)
}
