//! Expression analysis: raw `ast::Expr` → typed [`Expr`] (PostgreSQL's
//! `parse_expr.c`, `parse_func.c`, `parse_oper.c`, `parse_target.c`'s
//! FigureColname).

use crate::coerce::{self, Resolution};
use crate::query::{BoolOpKind, Expr};
use crate::registry::{self, CoercionContext, FuncDef, FuncKind};
use crate::ParseState;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ColumnRefField, ExprKind, SqlValueFunctionOp, Value};
use pg_types::datum::Datum;
use pg_types::numeric::Numeric;
use pg_types::types::{format_type, lookup_type_by_name, oid, Oid};

/// Aggregates PostgreSQL has built in: calls to them go to
/// `transform_aggregate`, which implements some and reports the others as
/// not supported yet rather than as unknown functions.
const AGGREGATES: &[&str] = &[
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "array_agg",
    "string_agg",
    "bool_and",
    "bool_or",
    "every",
    "stddev",
    "variance",
    "json_agg",
    "jsonb_agg",
    // ---- agg
    "stddev_samp",
    "stddev_pop",
    "var_samp",
    "var_pop",
    "corr",
    "covar_pop",
    "covar_samp",
    "regr_avgx",
    "regr_avgy",
    "regr_count",
    "regr_intercept",
    "regr_r2",
    "regr_slope",
    "regr_sxx",
    "regr_sxy",
    "regr_syy",
    "bit_and",
    "bit_or",
    "bit_xor",
    "json_object_agg",
    "jsonb_object_agg",
    "percentile_cont",
    "percentile_disc",
    "mode",
];

/// True for PostgreSQL's built-in ordered-set aggregates, which take
/// `WITHIN GROUP (ORDER BY ...)`.
pub(crate) fn is_ordered_set_aggregate(name: &str) -> bool {
    matches!(name, "percentile_cont" | "percentile_disc" | "mode")
}

/// True for the names of PostgreSQL's built-in aggregates this analyzer knows of.
pub(crate) fn is_builtin_aggregate(name: &str) -> bool {
    AGGREGATES.contains(&name)
}

/// Whether a raw expression is a row constructor (`ROW(...)` or `(a, b)`).
fn is_row(e: &ast::Expr) -> bool {
    matches!(e.kind, ExprKind::Row { .. })
}

/// The leftmost byte offset of a raw expression, as PostgreSQL's
/// `exprLocation` reports it for errors about a whole expression.
pub fn leftmost(e: &ast::Expr) -> usize {
    let own = e.location.0;
    match &e.kind {
        ExprKind::Op { left: Some(l), .. } => own.min(leftmost(l)),
        // A cast of an unknown-type literal (`date '2020-01-01'`,
        // `'a'::text`, `CAST(NULL AS int)`) becomes a constant that keeps
        // the literal's location, as PostgreSQL's coerce_type does.
        ExprKind::TypeCast { arg, .. }
            if matches!(arg.kind, ExprKind::Const(ast::Value::String(_) | ast::Value::Null)) =>
        {
            arg.location.0
        }
        ExprKind::TypeCast { arg, .. } | ExprKind::Collate { arg, .. } => own.min(leftmost(arg)),
        ExprKind::Between { expr, .. }
        | ExprKind::In { expr, .. }
        | ExprKind::Like { expr, .. }
        | ExprKind::NullTest { expr, .. }
        | ExprKind::BooleanTest { expr, .. } => own.min(leftmost(expr)),
        ExprKind::Distinct { left, .. } => own.min(leftmost(left)),
        ExprKind::Bool { op: ast::BoolOp::And | ast::BoolOp::Or, args } => {
            args.first().map(|a| own.min(leftmost(a))).unwrap_or(own)
        }
        _ => own,
    }
}

impl ParseState<'_> {
    /// 1-based character position of a byte offset in the query text.
    /// Counts characters from the previous position asked for (`pos_cache`),
    /// forwards or backwards, so that positions asked for in text order
    /// cost time linear in the query's length altogether.
    pub(crate) fn pos(&self, byte: usize) -> u32 {
        let sql = self.env.sql;
        let mut byte = byte.min(sql.len());
        while !sql.is_char_boundary(byte) {
            byte -= 1;
        }
        let (from, from_pos) = self.pos_cache.get();
        let pos = if byte >= from {
            from_pos + sql[from..byte].chars().count() as u32
        } else {
            from_pos - sql[byte..from].chars().count() as u32
        };
        self.pos_cache.set((byte, pos));
        pos
    }

    pub(crate) fn pos_of(&self, e: &ast::Expr) -> u32 {
        self.pos(leftmost(e))
    }

    /// Transforms an expression (`transformExpr`).
    pub fn transform_expr(&self, e: &ast::Expr) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        // Every expression node passes here, so a cancel or a statement
        // timeout stops the analysis of any statement (one atomic load when
        // nothing is pending).
        pg_error::check_for_interrupts()?;
        // The paths that nest (subqueries, operators, boolean operators)
        // leave from this small frame, so that a deeply nested expression
        // costs little stack per level; the rest is in `transform_expr_node`.
        match &e.kind {
            ExprKind::SubLink { kind, test_expr, subselect } => {
                self.transform_sublink(kind, test_expr.as_deref(), subselect, e.location.0)
            }
            _ => self.transform_expr_node(e),
        }
    }

    #[inline(never)]
    fn transform_expr_node(&self, e: &ast::Expr) -> PgResult<Expr> {
        let loc = e.location.0;
        match &e.kind {
            ExprKind::Const(v) => self.transform_const(v, loc),
            ExprKind::ColumnRef(fields) => self.transform_column_ref(fields, loc),
            ExprKind::Op { name, left: None, right } if name.len() == 1 && name[0] == "-" => {
                // The grammar's doNegate: `-` applied to a numeric literal is a
                // negative literal, so `-2147483648` is an int4.
                match &right.kind {
                    ExprKind::Const(Value::Integer(i)) => self.transform_const(&Value::Integer(-i), loc),
                    ExprKind::Const(Value::Float(f)) if !f.starts_with('-') => {
                        self.transform_const(&Value::Float(format!("-{f}")), loc)
                    }
                    _ => {
                        let r = self.transform_expr(right)?;
                        self.make_op("-", None, r, loc, None, self.pos_of(right))
                    }
                }
            }
            ExprKind::Op { name, left: Some(left), right } if is_row(left) && is_row(right) => {
                self.check_row_comparison(left, right, loc)?;
                Err(self.unsupported("row expressions are not supported yet", left.location.0))
            }
            ExprKind::Op { name, left, right } => {
                let op = name.last().map(String::as_str).unwrap_or("");
                let l = left.as_ref().map(|l| self.transform_expr(l)).transpose()?;
                let r = self.transform_expr(right)?;
                let lpos = left.as_ref().map(|l| self.pos_of(l));
                self.make_op(op, l, r, loc, lpos, self.pos_of(right))
            }
            ExprKind::Bool { op, args } => {
                let (kind, word) = match op {
                    ast::BoolOp::And => (BoolOpKind::And, "AND"),
                    ast::BoolOp::Or => (BoolOpKind::Or, "OR"),
                    ast::BoolOp::Not => (BoolOpKind::Not, "NOT"),
                };
                let args = args
                    .iter()
                    .map(|a| self.transform_bool_arg(a, &format!("argument of {word}")))
                    .collect::<PgResult<_>>()?;
                Ok(Expr::Bool { op: kind, args })
            }
            ExprKind::TypeCast { arg, type_name } => {
                let (target, typmod) = self.resolve_type_name(type_name)?;
                // transformTypeCast: an ARRAY[...] cast to an array type
                // takes its element type from the cast.
                let a = match &arg.kind {
                    ExprKind::Array(elements) => {
                        self.transform_array_expr(elements, Some((target, typmod)), arg.location.0)?
                    }
                    _ => self.transform_expr(arg)?,
                };
                // An untyped literal's input errors point at the literal (`date 'x'`
                // reports the string, not the type name), as coerce_type's do.
                let pos = if matches!(a, Expr::Const { type_oid: oid::UNKNOWN, .. }) {
                    self.pos_of(arg)
                } else {
                    self.pos_of(e)
                };
                coerce::coerce_explicit(a, target, typmod, pos, self.env.settings)
            }
            ExprKind::NullTest { expr, not } => {
                let arg = self.transform_expr(expr)?;
                // An unknown literal becomes text; an unknown parameter stays
                // undetermined, as in PostgreSQL (`$1 IS NULL` cannot type $1).
                let arg =
                    if matches!(arg, Expr::Param { .. }) { arg } else { self.resolve_unknown(arg, self.pos_of(expr))? };
                Ok(Expr::NullTest { arg: Box::new(arg), not: *not })
            }
            ExprKind::BooleanTest { expr, test } => {
                let word = match test {
                    ast::BoolTestKind::IsTrue => "IS TRUE",
                    ast::BoolTestKind::IsNotTrue => "IS NOT TRUE",
                    ast::BoolTestKind::IsFalse => "IS FALSE",
                    ast::BoolTestKind::IsNotFalse => "IS NOT FALSE",
                    ast::BoolTestKind::IsUnknown => "IS UNKNOWN",
                    ast::BoolTestKind::IsNotUnknown => "IS NOT UNKNOWN",
                };
                let arg = self.transform_bool_arg(expr, &format!("argument of {word}"))?;
                Ok(Expr::BooleanTest { arg: Box::new(arg), test: *test })
            }
            ExprKind::Distinct { not, left, right } => {
                if is_row(left) && is_row(right) {
                    self.check_row_comparison(left, right, loc)?;
                }
                let (eq, args) = self.resolve_eq(left, right, loc)?;
                Ok(Expr::Distinct { not: *not, eq, args })
            }
            ExprKind::NullIf(left, right) => {
                let (eq, args) = self.resolve_eq(left, right, loc)?;
                let result_type = args[0].type_oid();
                Ok(Expr::NullIf { eq, args, result_type })
            }
            ExprKind::In { not, expr, list } => {
                // `x IN (a, b)` is `x = a OR x = b`; NOT IN is `x <> a AND x <> b`.
                // The left operand is transformed once and its position
                // found once: a list of a million items stays linear.
                let op = if *not { "<>" } else { "=" };
                if is_row(expr) {
                    for item in list.iter().filter(|i| is_row(i)) {
                        self.check_row_comparison(expr, item, loc)?;
                    }
                }
                let left_pos = self.pos_of(expr);
                let left = self.transform_expr(expr)?;
                let mut items = Vec::with_capacity(list.len());
                for item in list {
                    items.push((self.transform_expr(item)?, self.pos_of(item)));
                }
                let items = self.in_list_common_type(&left, left_pos, items)?;
                let mut args = Vec::with_capacity(items.len());
                for (r, pos) in items {
                    args.push(self.make_op(op, Some(left.clone()), r, loc, Some(left_pos), pos)?);
                }
                if args.len() == 1 {
                    return Ok(args.remove(0));
                }
                if let Some(hashed) = crate::in_list::hashed_in(&left, &args, op, *not) {
                    return Ok(hashed);
                }
                Ok(Expr::Bool { op: if *not { BoolOpKind::And } else { BoolOpKind::Or }, args })
            }
            ExprKind::Between { not, symmetric, expr, low, high } => {
                let range = |lo: &ast::Expr, hi: &ast::Expr| -> PgResult<Expr> {
                    let (op1, op2, join) =
                        if *not { ("<", ">", BoolOpKind::Or) } else { (">=", "<=", BoolOpKind::And) };
                    let a = self.make_op(
                        op1,
                        Some(self.transform_expr(expr)?),
                        self.transform_expr(lo)?,
                        loc,
                        Some(self.pos_of(expr)),
                        self.pos_of(lo),
                    )?;
                    let b = self.make_op(
                        op2,
                        Some(self.transform_expr(expr)?),
                        self.transform_expr(hi)?,
                        loc,
                        Some(self.pos_of(expr)),
                        self.pos_of(hi),
                    )?;
                    Ok(Expr::Bool { op: join, args: vec![a, b] })
                };
                if *symmetric {
                    let a = range(low, high)?;
                    let b = range(high, low)?;
                    let join = if *not { BoolOpKind::And } else { BoolOpKind::Or };
                    Ok(Expr::Bool { op: join, args: vec![a, b] })
                } else {
                    range(low, high)
                }
            }
            ExprKind::Like { kind, not, expr, pattern, escape } => {
                let op = match (kind, not) {
                    (ast::LikeKind::Like, false) => "~~",
                    (ast::LikeKind::Like, true) => "!~~",
                    (ast::LikeKind::ILike, false) => "~~*",
                    (ast::LikeKind::ILike, true) => "!~~*",
                    // gram.y: `x [NOT] SIMILAR TO p [ESCAPE e]` is `x ~ similar_to_escape(p[, e])`.
                    (ast::LikeKind::Similar, false) => "~",
                    (ast::LikeKind::Similar, true) => "!~",
                };
                let l = self.transform_expr(expr)?;
                let mut r = self.transform_expr(pattern)?;
                if *kind == ast::LikeKind::Similar {
                    let mut args = vec![(**pattern).clone()];
                    args.extend(escape.iter().map(|e| (**e).clone()));
                    let call = ast::FuncCall::plain(vec!["similar_to_escape".into()], args);
                    r = self.transform_func_call(&call, pattern.location.0)?;
                } else if let Some(esc) = escape {
                    let call =
                        ast::FuncCall::plain(vec!["like_escape".into()], vec![(**pattern).clone(), (**esc).clone()]);
                    r = self.transform_func_call(&call, pattern.location.0)?;
                }
                self.make_op(op, Some(l), r, loc, Some(self.pos_of(expr)), self.pos_of(pattern))
            }
            ExprKind::Case { arg, whens, default } => {
                self.without_srfs("CASE", || self.transform_case(arg.as_deref(), whens, default.as_deref(), loc))
            }
            ExprKind::Coalesce(args) => {
                let (args, result_type) = self.without_srfs("COALESCE", || self.common_typed(args, "COALESCE"))?;
                Ok(Expr::Coalesce { args, result_type })
            }
            ExprKind::MinMax { greatest, args } => {
                let (args, result_type) = self.common_typed(args, if *greatest { "GREATEST" } else { "LEAST" })?;
                self.check_ordering(result_type, loc)?;
                Ok(Expr::MinMax { greatest: *greatest, args, result_type })
            }
            ExprKind::FuncCall(call) => self.transform_func_call(call, loc),
            ExprKind::SqlValueFunction { op, precision } => self.transform_sql_value_function(*op, *precision, loc),
            ExprKind::Param(n) => {
                let param = crate::params::param_ref(*n as usize).ok_or_else(|| {
                    PgError::new(SqlState::UNDEFINED_PARAMETER, format!("there is no parameter ${n}"))
                        .with_position(self.pos(loc))
                })?;
                // A type OID the client named that the catalog does not
                // know fails where the parameter is used, as PostgreSQL's
                // syscache lookup does; an unused one is never looked at.
                if let Expr::Param { type_oid, .. } = &param {
                    if pg_types::types::lookup_type(*type_oid).is_none() {
                        return Err(PgError::internal(format!("cache lookup failed for type {type_oid}")));
                    }
                }
                Ok(param)
            }
            ExprKind::SubLink { kind, test_expr, subselect } => {
                self.transform_sublink(kind, test_expr.as_deref(), subselect, loc)
            }
            ExprKind::OpAnyAll { name, all, left, right } => self.make_scalar_array_op(name, *all, left, right, loc),
            ExprKind::Array(elements) => self.transform_array_expr(elements, None, loc),
            ExprKind::Row { .. } => Err(self.unsupported("row expressions are not supported yet", loc)),
            // Text compares bytewise ("C") whatever the collation, so the
            // collations that mean exactly that are accepted and change
            // nothing (psql's catalog queries write `COLLATE
            // pg_catalog.default`); others are refused.
            ExprKind::Collate { arg, collation } => {
                let name = match collation.as_slice() {
                    [n] => n.as_str(),
                    [s, n] if s == "pg_catalog" => n.as_str(),
                    _ => "",
                };
                if matches!(name, "default" | "C" | "POSIX" | "ucs_basic") {
                    self.transform_expr(arg)
                } else {
                    Err(self.unsupported("COLLATE is not supported yet", loc))
                }
            }
            ExprKind::Indirection { arg, steps } => self.transform_indirection(arg, steps, loc),
            ExprKind::Grouping(_) => Err(self.unsupported("GROUPING is not supported yet", loc)),
            // transformExprRecurse: a DEFAULT outside the places that resolve it (an INSERT's
            // VALUES row, an UPDATE's SET).
            ExprKind::SetToDefault => {
                Err(PgError::new(SqlState::SYNTAX_ERROR, "DEFAULT is not allowed in this context")
                    .with_position(self.pos(loc)))
            }
            ExprKind::GroupingSet { .. } => Err(self.unsupported("grouping sets are not supported yet", loc)),
            ExprKind::Xml(_) | ExprKind::XmlSerialize { .. } => {
                Err(self.unsupported("XML expressions are not supported yet", loc))
            }
            ExprKind::NamedArg { .. } => Err(self.unsupported("named arguments are not supported yet", loc)),
        }
    }

    /// `make_row_comparison_op`'s first checks for `(a, b) op (c, d)`: the
    /// fields are transformed (their errors come first), then the rows must
    /// have as many fields each (42601 at the operator). Comparing rows is
    /// not supported yet beyond that.
    fn check_row_comparison(&self, left: &ast::Expr, right: &ast::Expr, loc: usize) -> PgResult<()> {
        let (ExprKind::Row { args: l, .. }, ExprKind::Row { args: r, .. }) = (&left.kind, &right.kind) else {
            return Ok(());
        };
        for field in l.iter().chain(r) {
            self.transform_expr(field)?;
        }
        if l.len() != r.len() {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "unequal number of entries in row expressions")
                .with_position(self.pos(loc)));
        }
        Ok(())
    }

    pub(crate) fn unsupported(&self, msg: &str, loc: usize) -> PgError {
        PgError::not_supported(msg).with_position(self.pos(loc))
    }

    fn transform_const(&self, v: &Value, loc: usize) -> PgResult<Expr> {
        let c = |value, type_oid| Ok(Expr::Const { value, type_oid, typmod: -1 });
        match v {
            Value::Integer(i) => c(Datum::Int4(*i), oid::INT4),
            Value::Float(s) => {
                // An integer too large for int4 is int8 if it fits, else numeric.
                // make_const: integer text that fits int4 is int4 (after
                // negation), else int8 if it fits, else numeric.
                let digits = s.strip_prefix('-').unwrap_or(s);
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    if let Ok(i) = s.parse::<i64>() {
                        return match i32::try_from(i) {
                            Ok(i) => c(Datum::Int4(i), oid::INT4),
                            Err(_) => c(Datum::Int8(i), oid::INT8),
                        };
                    }
                }
                let n = Numeric::parse(s).map_err(|e| e.with_position(self.pos(loc)))?;
                c(Datum::Numeric(n), oid::NUMERIC)
            }
            Value::Boolean(b) => c(Datum::Bool(*b), oid::BOOL),
            Value::String(s) => c(Datum::Text(s.clone()), oid::UNKNOWN),
            Value::Null => c(Datum::Null, oid::UNKNOWN),
            Value::BitString(bits) => {
                // bit_in's digit check comes first, then the type is missing.
                let (binary, digits) = (bits.starts_with('b'), bits.get(1..).unwrap_or(""));
                pg_types::validate::check_bit_digits(digits, binary).map_err(|e| e.with_position(self.pos(loc)))?;
                Err(self.unsupported("bit string literals are not supported yet", loc))
            }
        }
    }

    /// Resolves a column reference here, else in the enclosing query levels
    /// (`colNameToVar` walking `parentParseState`): a column found `k`
    /// levels out becomes an [`Expr::OuterVar`] with `levelsup = k`. When no
    /// level has it, the error is the one this level gives.
    pub(crate) fn transform_column_ref(&self, fields: &[ColumnRefField], loc: usize) -> PgResult<Expr> {
        let not_found = match self.lookup_column(fields, loc) {
            Ok(e) => return Ok(e),
            Err(e) if e.code == SqlState::UNDEFINED_COLUMN || e.code == SqlState::UNDEFINED_TABLE => e,
            Err(e) => return Err(e),
        };
        let mut level = self.parent;
        let mut levelsup = 1;
        while let Some(p) = level {
            match p.lookup_column(fields, loc) {
                Ok(found) => {
                    // Every level between here and the owner now depends on
                    // a value from outside it.
                    let mut s = Some(self);
                    for _ in 0..levelsup {
                        let Some(st) = s else { break };
                        st.has_outer_refs.set(true);
                        s = st.parent;
                    }
                    return found.map_children_deep_outer(levelsup);
                }
                Err(e) if e.code == SqlState::UNDEFINED_COLUMN || e.code == SqlState::UNDEFINED_TABLE => {}
                Err(e) => return Err(e),
            }
            level = p.parent;
            levelsup += 1;
        }
        // A column of a FROM item that a subquery without LATERAL cannot see.
        let mut level = self.parent;
        while let Some(p) = level {
            if p.hide_from.get() {
                let (qualifier, column) = match fields {
                    [ColumnRefField::Name(c)] => (None, c.as_str()),
                    [.., ColumnRefField::Name(t), ColumnRefField::Name(c)] => (Some(t.as_str()), c.as_str()),
                    _ => break,
                };
                if let Some(hint) = p.hidden_from_hint(qualifier, column) {
                    let err = match qualifier {
                        Some(t) => PgError::new(
                            SqlState::UNDEFINED_TABLE,
                            format!("invalid reference to FROM-clause entry for table \"{t}\""),
                        ),
                        None => PgError::new(SqlState::UNDEFINED_COLUMN, format!("column \"{column}\" does not exist")),
                    };
                    return Err(err.with_hint(hint).with_position(self.pos(loc)));
                }
            }
            level = p.parent;
        }
        // A bare name that is no column but names a FROM item is a
        // whole-row reference (`json_agg(t)`), which PostgreSQL resolves
        // after looking for columns at every level.
        if let [ColumnRefField::Name(name)] = fields {
            let mut level = Some(self);
            while let Some(st) = level {
                if st.names_from_item(name) {
                    return Err(self.unsupported("whole-row references to a FROM item are not supported yet", loc));
                }
                level = st.parent;
            }
        }
        Err(not_found)
    }

    fn lookup_column(&self, fields: &[ColumnRefField], loc: usize) -> PgResult<Expr> {
        if self.hide_from.get() {
            // Seen from a FROM subquery without LATERAL: nothing of this
            // level is visible; the caller looks further out.
            return Err(PgError::new(SqlState::UNDEFINED_COLUMN, "column is not visible here"));
        }
        let names: Vec<&str> = fields
            .iter()
            .map(|f| match f {
                ColumnRefField::Name(n) => Ok(n.as_str()),
                ColumnRefField::Star => {
                    Err(PgError::new(SqlState::SYNTAX_ERROR, "row expansion via \"*\" is not supported here")
                        .with_position(self.pos(loc)))
                }
            })
            .collect::<PgResult<_>>()?;
        let (qualifier, column) = match names.as_slice() {
            [c] => (None, *c),
            [t, c] => (Some((None, *t)), *c),
            [s, t, c] => (Some((Some(*s), *t)), *c),
            [_, s, t, c] => (Some((Some(*s), *t)), *c),
            _ => {
                return Err(PgError::new(
                    SqlState::SYNTAX_ERROR,
                    format!("improper qualified name (too many dotted names): {}", names.join(".")),
                )
                .with_position(self.pos(loc)))
            }
        };
        if let Some(found) = self.lookup_join_column(qualifier, column, loc) {
            return found;
        }
        let rte = match qualifier {
            None => self.rte.as_ref(),
            Some((schema, table)) => {
                let matches = self.rte.as_ref().filter(|r| {
                    r.alias == table
                        && match schema {
                            None => true,
                            Some(s) => r.relname.as_ref().map(|(ns, rel)| ns == s && rel == table).unwrap_or(false),
                        }
                });
                if matches.is_none() {
                    return Err(PgError::new(
                        SqlState::UNDEFINED_TABLE,
                        format!("missing FROM-clause entry for table \"{table}\""),
                    )
                    .with_position(self.pos(loc)));
                }
                matches
            }
        };
        if let Some(rte) = rte {
            let mut found = rte.columns.iter().enumerate().filter(|(_, c)| c.name == column);
            if let Some((attno, col)) = found.next() {
                if found.next().is_some() {
                    return Err(PgError::new(
                        SqlState::AMBIGUOUS_COLUMN,
                        format!("column reference \"{column}\" is ambiguous"),
                    )
                    .with_position(self.pos(loc)));
                }
                return Ok(Expr::Var { attno, type_oid: col.type_oid, typmod: col.typmod, location: Some(loc) });
            }
        }
        let message = match qualifier {
            Some((_, table)) => format!("column {table}.{column} does not exist"),
            None => format!("column \"{column}\" does not exist"),
        };
        Err(PgError::new(SqlState::UNDEFINED_COLUMN, message).with_position(self.pos(loc)))
    }

    /// A boolean argument (of AND, WHERE, CASE/WHEN, ...): unknown literals
    /// become bool; any other type is `argument of X must be type boolean,
    /// not type Y` (42804).
    pub(crate) fn transform_bool_arg(&self, e: &ast::Expr, what: &str) -> PgResult<Expr> {
        let t = self.transform_expr(e)?;
        self.coerce_bool(t, what, self.pos_of(e))
    }

    pub(crate) fn coerce_bool(&self, t: Expr, what: &str, pos: u32) -> PgResult<Expr> {
        let ty = t.type_oid();
        if ty == oid::BOOL {
            return Ok(t);
        }
        if ty == oid::UNKNOWN {
            return coerce::coerce_implicit(t, oid::BOOL, pos, self.env.settings);
        }
        Err(PgError::new(
            SqlState::DATATYPE_MISMATCH,
            format!("{what} must be type boolean, not type {}", format_type(ty, -1)),
        )
        .with_position(pos))
    }

    /// Unknown-type expressions that nothing constrains become text (PostgreSQL 10+).
    pub(crate) fn resolve_unknown(&self, e: Expr, pos: u32) -> PgResult<Expr> {
        if e.type_oid() == oid::UNKNOWN {
            coerce::coerce_implicit(e, oid::TEXT, pos, self.env.settings)
        } else {
            Ok(e)
        }
    }

    /// Resolves and builds an operator call (`make_op`). `loc` is the
    /// operator's byte offset; `lpos`/`rpos` the operands' positions.
    pub(crate) fn make_op(
        &self,
        op: &str,
        left: Option<Expr>,
        right: Expr,
        loc: usize,
        lpos: Option<u32>,
        rpos: u32,
    ) -> PgResult<Expr> {
        let inputs: Vec<Oid> = left.iter().map(Expr::type_oid).chain([right.type_oid()]).collect();
        let cached = match &*self.last_operator.borrow() {
            Some((name, types, cand)) if name == op && *types == inputs => Some(cand.clone()),
            _ => None,
        };
        let cand = match cached {
            Some(cand) => cand,
            None => {
                let cand = self.resolve_operator(op, &left, &right, &inputs, loc)?;
                *self.last_operator.borrow_mut() = Some((op.to_string(), inputs, cand.clone()));
                cand
            }
        };
        // enforce_generic_type_consistency, for the binary case: an untyped
        // literal under a polymorphic input takes the other operand's type
        // (`oid[] = '{0}'` reads the literal as oid[]).
        let concrete = |decl: Oid, this: Oid, other: Option<Oid>| match other {
            Some(o) if coerce::is_polymorphic(decl) && this == oid::UNKNOWN && o != oid::UNKNOWN => o,
            _ => decl,
        };
        let (ltype, rtype) = (left.as_ref().map(Expr::type_oid), right.type_oid());
        let mut args = Vec::new();
        if let (Some(l), Some(lt)) = (left, cand.left) {
            let lt = concrete(lt, l.type_oid(), Some(rtype));
            args.push(coerce::coerce_implicit(l, lt, lpos.unwrap_or(rpos), self.env.settings)?);
        }
        let rt = concrete(cand.right, rtype, ltype);
        args.push(coerce::coerce_implicit(right, rt, rpos, self.env.settings)?);
        let declared: Vec<Oid> = cand.left.into_iter().chain([cand.right]).collect();
        let result_type = self.resolve_polymorphic_result(cand.result, &declared, &args);
        if op == "||" && cand.left == Some(oid::ANYARRAY) && cand.right == oid::ANYARRAY {
            // Operators are strict here, but array_cat is not (a NULL
            // side gives the other): it is called as its function.
            return Ok(Expr::Func {
                name: "array_cat".into(),
                func: cand.func,
                args,
                result_type,
                strict: false,
                volatility: pg_types::Volatility::Immutable,
            });
        }
        Ok(Expr::Op { name: op.to_string(), func: cand.func, args, result_type })
    }

    /// `left op ANY/ALL (right)` over an array (`make_scalar_array_op`):
    /// the operator is resolved for the left type and the array's element
    /// type (an untyped literal on the right stays unknown), must yield
    /// boolean, and the array is coerced to an array of its right input.
    fn make_scalar_array_op(
        &self,
        name: &[String],
        all: bool,
        left: &ast::Expr,
        right: &ast::Expr,
        loc: usize,
    ) -> PgResult<Expr> {
        let op = name.last().map(String::as_str).unwrap_or("=");
        let (lpos, rpos) = (self.pos_of(left), self.pos_of(right));
        let l = self.transform_expr(left)?;
        let r = self.transform_expr(right)?;
        let rtype = r.type_oid();
        let elem = if rtype == oid::UNKNOWN {
            oid::UNKNOWN
        } else {
            match pg_types::types::lookup_type(rtype).filter(|t| t.category == b'A' && t.elem != 0) {
                Some(t) => t.elem,
                None => {
                    return Err(PgError::new(
                        SqlState::WRONG_OBJECT_TYPE,
                        "op ANY/ALL (array) requires array on right side",
                    )
                    .with_position(self.pos(loc)))
                }
            }
        };
        let inputs = [l.type_oid(), elem];
        // The element stand-in only names the type in error messages.
        let placeholder = Expr::ExecParam { id: 0, type_oid: elem, typmod: -1 };
        let left_opt = Some(l);
        let cand = self.resolve_operator(op, &left_opt, &placeholder, &inputs, loc)?;
        if cand.result != oid::BOOL {
            return Err(PgError::new(
                SqlState::WRONG_OBJECT_TYPE,
                "op ANY/ALL (array) requires operator to yield boolean",
            )
            .with_position(self.pos(loc)));
        }
        let (Some(l), Some(lt)) = (left_opt, cand.left) else {
            return Err(PgError::internal("ANY/ALL with a prefix operator"));
        };
        let array_type = pg_types::types::array_type_of(cand.right).ok_or_else(|| {
            PgError::new(
                SqlState::UNDEFINED_OBJECT,
                format!("could not find array type for data type {}", format_type(cand.right, -1)),
            )
        })?;
        let args = vec![
            coerce::coerce_implicit(l, lt, lpos, self.env.settings)?,
            coerce::coerce_implicit(r, array_type, rpos, self.env.settings)?,
        ];
        Ok(Expr::ScalarArrayOp { name: op.to_string(), func: cand.func, use_or: !all, args })
    }

    /// Operator resolution (`oper_select_candidate`): the candidate for
    /// `op` applied to operands of types `inputs`.
    fn resolve_operator(
        &self,
        op: &str,
        left: &Option<Expr>,
        right: &Expr,
        inputs: &[Oid],
        loc: usize,
    ) -> PgResult<registry::OperCandidate> {
        let mut cands: Vec<_> =
            registry::operators(op).into_iter().filter(|c| c.left.is_some() == left.is_some()).collect();
        let decl: Vec<Vec<Oid>> = cands.iter().map(|c| c.left.into_iter().chain([c.right]).collect()).collect();
        let describe = || match &left {
            Some(l) => format!("{} {op} {}", format_type(l.type_oid(), -1), format_type(right.type_oid(), -1)),
            None => format!("{op} {}", format_type(right.type_oid(), -1)),
        };
        let i = match coerce::select_candidate(inputs, &decl) {
            Resolution::Found(i) => i,
            Resolution::NotFound => {
                let hint = if left.is_some() {
                    "No operator matches the given name and argument types. You might need to add explicit type casts."
                } else {
                    "No operator matches the given name and argument type. You might need to add an explicit type cast."
                };
                return Err(PgError::new(
                    SqlState::UNDEFINED_FUNCTION,
                    format!("operator does not exist: {}", describe()),
                )
                .with_hint(hint)
                .with_position(self.pos(loc)));
            }
            Resolution::Ambiguous => {
                let hint = if left.is_some() {
                    "Could not choose a best candidate operator. You might need to add explicit type casts."
                } else {
                    "Could not choose a best candidate operator. You might need to add an explicit type cast."
                };
                return Err(PgError::new(
                    SqlState::AMBIGUOUS_FUNCTION,
                    format!("operator is not unique: {}", describe()),
                )
                .with_hint(hint)
                .with_position(self.pos(loc)));
            }
        };
        Ok(cands.swap_remove(i))
    }

    /// The actual result type of a function or operator declared to
    /// return `declared` (`enforce_generic_type_consistency`, simplified):
    /// `anyelement` / `anyarray` are bound by the first argument declared
    /// with either (an `anyarray` argument binds its element type), and
    /// `any` by the first argument.
    pub(crate) fn resolve_polymorphic_result(&self, declared: Oid, arg_types: &[Oid], args: &[Expr]) -> Oid {
        if !coerce::is_polymorphic(declared) {
            return declared;
        }
        let first = || args.first().map(Expr::type_oid).unwrap_or(oid::TEXT);
        let elem = arg_types.iter().zip(args).find_map(|(&decl, a)| {
            let t = a.type_oid();
            match decl {
                oid::ANYARRAY => crate::array::subscript_element_type(t),
                oid::ANYELEMENT | oid::ANYNONARRAY if t != oid::UNKNOWN => Some(t),
                _ => None,
            }
        });
        match (declared, elem) {
            (oid::ANYELEMENT | oid::ANYNONARRAY, Some(e)) => e,
            (oid::ANYARRAY, Some(e)) => pg_types::types::array_type_of(e).unwrap_or_else(first),
            _ => first(),
        }
    }

    /// `a = b` for NULLIF and IS DISTINCT FROM: the operator's function and
    /// the coerced arguments.
    fn resolve_eq(&self, left: &ast::Expr, right: &ast::Expr, loc: usize) -> PgResult<(registry::ScalarFn, Vec<Expr>)> {
        let l = self.transform_expr(left)?;
        let r = self.transform_expr(right)?;
        match self.make_op("=", Some(l), r, loc, Some(self.pos_of(left)), self.pos_of(right))? {
            Expr::Op { func, args, .. } => Ok((func, args)),
            _ => Err(PgError::internal("operator resolution returned a non-operator")),
        }
    }

    /// `transformAExprIn`'s first step: the items without columns of this query (two or
    /// more of them) are coerced to one type chosen with the left operand first, as
    /// PostgreSQL does before building `x = ANY (ARRAY[...])`, so `0.1::float4 IN (0.1, 2)`
    /// compares as float4 and `'1.5' IN (1.5, 2)` as numeric. Where no common type exists,
    /// each item is compared on its own. Items with columns come last, compared one by one.
    fn in_list_common_type(&self, left: &Expr, left_pos: u32, items: Vec<(Expr, u32)>) -> PgResult<Vec<(Expr, u32)>> {
        let has_var = |e: &Expr| {
            let mut found = false;
            e.walk(&mut |x| found |= matches!(x, Expr::Var { .. }));
            found
        };
        let (vars, consts): (Vec<_>, Vec<_>) = items.into_iter().partition(|(e, _)| has_var(e));
        if consts.len() < 2 || left.type_oid() == oid::RECORD {
            return Ok(consts.into_iter().chain(vars).collect());
        }
        let inputs: Vec<(Oid, u32)> = std::iter::once((left.type_oid(), left_pos))
            .chain(consts.iter().map(|(e, p)| (e.type_oid(), *p)))
            .collect();
        let common = coerce::select_common_type(&inputs, "IN").ok().filter(|&common| {
            common != oid::RECORD
                && inputs.iter().all(|&(t, _)| {
                    t == common || t == oid::UNKNOWN || coerce::can_coerce(t, common, CoercionContext::Implicit)
                })
                && pg_types::lookup_type(common).is_some_and(|ti| ti.array != 0)
        });
        let Some(common) = common else {
            return Ok(consts.into_iter().chain(vars).collect());
        };
        let mut out = Vec::with_capacity(consts.len() + vars.len());
        for (e, pos) in consts {
            out.push((self.coerce_common(e, common, "IN", pos)?, pos));
        }
        out.extend(vars);
        Ok(out)
    }

    /// Sorting and GREATEST/LEAST need a `<` operator for the type.
    pub(crate) fn check_ordering(&self, t: Oid, loc: usize) -> PgResult<()> {
        // Arrays sort with anyarray's `<` (array_lt); varchar with text's.
        let key = if crate::array::subscript_element_type(t).is_some() { oid::ANYARRAY } else { opclass_input_type(t) };
        let has = registry::operators("<").iter().any(|o| o.left == Some(key) && o.right == key);
        if has || t == oid::UNKNOWN {
            Ok(())
        } else {
            Err(PgError::new(
                SqlState::UNDEFINED_FUNCTION,
                format!("could not identify an ordering operator for type {}", format_type(t, -1)),
            )
            .with_hint("Use an explicit ordering operator or modify the query.")
            .with_position(self.pos(loc)))
        }
    }

    /// Transforms `args`, finds their common type and coerces them to it.
    fn common_typed(&self, args: &[ast::Expr], context: &str) -> PgResult<(Vec<Expr>, Oid)> {
        let typed: Vec<Expr> = args.iter().map(|a| self.transform_expr(a)).collect::<PgResult<_>>()?;
        let inputs: Vec<(Oid, u32)> = typed.iter().zip(args).map(|(t, a)| (t.type_oid(), self.pos_of(a))).collect();
        let common = coerce::select_common_type(&inputs, context)?;
        let out = typed
            .into_iter()
            .zip(args)
            .map(|(t, a)| self.coerce_common(t, common, context, self.pos_of(a)))
            .collect::<PgResult<_>>()?;
        Ok((out, common))
    }

    fn coerce_common(&self, e: Expr, target: Oid, context: &str, pos: u32) -> PgResult<Expr> {
        let source = e.type_oid();
        coerce::coerce_to(e, target, -1, CoercionContext::Implicit, pos, self.env.settings)?.ok_or_else(|| {
            PgError::new(
                SqlState::CANNOT_COERCE,
                format!("{context} could not convert type {} to {}", format_type(source, -1), format_type(target, -1)),
            )
            .with_position(pos)
        })
    }

    fn transform_case(
        &self,
        arg: Option<&ast::Expr>,
        whens: &[(ast::Expr, ast::Expr)],
        default: Option<&ast::Expr>,
        loc: usize,
    ) -> PgResult<Expr> {
        let arg_t = match arg {
            Some(a) => {
                let t = self.transform_expr(a)?;
                Some(self.resolve_unknown(t, self.pos_of(a))?)
            }
            None => None,
        };
        let mut conds = Vec::new();
        for (w, _) in whens {
            let cond = match &arg_t {
                Some(a) => {
                    let test = Expr::CaseTest { type_oid: a.type_oid() };
                    let v = self.transform_expr(w)?;
                    let op = self.make_op("=", Some(test), v, w.location.0, Some(self.pos(loc)), self.pos_of(w))?;
                    self.coerce_bool(op, "argument of CASE/WHEN", self.pos_of(w))?
                }
                None => self.transform_bool_arg(w, "argument of CASE/WHEN")?,
            };
            conds.push(cond);
        }
        // PostgreSQL considers the ELSE result first when choosing the type.
        let mut results: Vec<(Expr, u32)> = Vec::new();
        if let Some(d) = default {
            results.push((self.transform_expr(d)?, self.pos_of(d)));
        }
        for (_, r) in whens {
            results.push((self.transform_expr(r)?, self.pos_of(r)));
        }
        let inputs: Vec<(Oid, u32)> = results.iter().map(|(e, p)| (e.type_oid(), *p)).collect();
        let result_type = coerce::select_common_type(&inputs, "CASE")?;
        let mut coerced: Vec<Expr> =
            results.into_iter().map(|(e, p)| self.coerce_common(e, result_type, "CASE", p)).collect::<PgResult<_>>()?;
        let default = if default.is_some() { coerced.remove(0) } else { Expr::null(result_type) };
        Ok(Expr::Case {
            arg: arg_t.map(Box::new),
            whens: conds.into_iter().zip(coerced).collect(),
            default: Box::new(default),
            result_type,
        })
    }

    /// Resolves a function call by name and argument types (`ParseFuncOrColumn`).
    pub(crate) fn resolve_function(
        &self,
        name: &[String],
        args: Vec<Expr>,
        arg_pos: &[u32],
        loc: usize,
    ) -> PgResult<(FuncDef, Vec<Expr>)> {
        self.resolve_function_named(name, args, &[], arg_pos, loc, true)
    }

    /// [`Self::resolve_function`] for a call whose trailing arguments may be
    /// in named notation: `names[k]` is the parameter name argument `k` was
    /// given with (`None` for a positional one; an empty `names` is all
    /// positional). The arguments come back in parameter order, with the
    /// defaults of parameters the call left out (`func_get_detail` with
    /// `fargnames`).
    ///
    /// `expand_variadic` is false for a call that passes its variadic
    /// arguments as one array (`VARIADIC arr`): a variadic function then
    /// matches with its declared parameters only.
    pub(crate) fn resolve_function_named(
        &self,
        name: &[String],
        args: Vec<Expr>,
        names: &[Option<String>],
        arg_pos: &[u32],
        loc: usize,
        expand_variadic: bool,
    ) -> PgResult<(FuncDef, Vec<Expr>)> {
        let fname = name.last().map(String::as_str).unwrap_or("");
        if name.len() > 1 && name[name.len() - 2] != "pg_catalog" {
            // Only pg_catalog holds functions.
            return Err(self.no_function(name, &args, names, loc));
        }
        let named = names.iter().any(Option::is_some);
        let all_cands = registry::functions(fname);
        // For a call in named notation, each candidate's parameter slot of
        // every argument (None: the candidate cannot take this call).
        let slots: Vec<Option<Vec<usize>>> =
            all_cands.iter().map(|c| if named { named_arg_slots(c, names) } else { None }).collect();
        let (cands, slots): (Vec<FuncDef>, Vec<Option<Vec<usize>>>) = if named {
            all_cands.into_iter().zip(slots).filter(|(_, s)| s.is_some()).unzip()
        } else {
            (all_cands, slots)
        };
        // Each candidate's parameter types for a call with this many
        // arguments: a variadic tail repeated, or parameters with defaults
        // left out (func_get_detail's expand_variadic / expand_defaults);
        // in named notation, the types of the slots the arguments fill.
        let expanded: Vec<Vec<Oid>> = cands
            .iter()
            .zip(&slots)
            .map(|(c, slot)| {
                if let Some(slot) = slot {
                    return slot.iter().map(|&k| c.arg_types[k]).collect();
                }
                let mut v = c.arg_types.clone();
                if let Some(var) = c.variadic.filter(|_| expand_variadic) {
                    while v.len() < args.len() {
                        v.push(var);
                    }
                } else if args.len() < v.len() && args.len() >= c.min_args() {
                    v.truncate(args.len());
                }
                v
            })
            .collect();
        let inputs: Vec<Oid> = args.iter().map(Expr::type_oid).collect();
        let i = match coerce::select_candidate(&inputs, &expanded) {
            Resolution::Found(i) => i,
            Resolution::NotFound => return Err(self.no_function(name, &args, names, loc)),
            Resolution::Ambiguous => {
                return Err(PgError::new(
                    SqlState::AMBIGUOUS_FUNCTION,
                    format!("function {} is not unique", self.call_signature(name, &args, names)),
                )
                .with_hint("Could not choose a best candidate function. You might need to add explicit type casts.")
                .with_position(self.pos(loc)))
            }
        };
        let cand = cands[i].clone();
        // enforce_generic_type_consistency: an untyped literal under
        // anyelement takes the element type an anyarray argument binds,
        // and one under anyarray the array type of an anyelement one.
        let known = |decl: Oid| {
            args.iter().zip(&expanded[i]).find_map(|(a, &d)| {
                let t = a.type_oid();
                (d == decl && t != oid::UNKNOWN).then_some(t)
            })
        };
        let elem =
            known(oid::ANYARRAY).and_then(crate::array::subscript_element_type).or_else(|| known(oid::ANYELEMENT));
        let declared: Vec<Oid> = expanded[i]
            .iter()
            .zip(&args)
            .map(|(&d, a)| match (d, elem) {
                (oid::ANYELEMENT, Some(e)) if a.type_oid() == oid::UNKNOWN => e,
                (oid::ANYARRAY, Some(e)) if a.type_oid() == oid::UNKNOWN => {
                    pg_types::types::array_type_of(e).unwrap_or(d)
                }
                _ => d,
            })
            .collect();
        let mut args = args
            .into_iter()
            .zip(&declared)
            .zip(arg_pos)
            .map(|((a, &t), &p)| coerce::coerce_implicit(a, t, p, self.env.settings))
            .collect::<PgResult<Vec<_>>>()?;
        let first_default = cand.arg_types.len() - cand.defaults.len();
        if let Some(slot) = &slots[i] {
            // Named notation: each argument to its parameter's place, and
            // the defaults (as constants) in the places the call left out.
            let mut placed: Vec<Option<Expr>> = vec![None; cand.arg_types.len()];
            for (a, &k) in args.into_iter().zip(slot) {
                placed[k] = Some(a);
            }
            let args = placed
                .into_iter()
                .enumerate()
                .map(|(k, a)| {
                    a.unwrap_or_else(|| Expr::Const {
                        value: cand.defaults[k - first_default].clone(),
                        type_oid: cand.arg_types[k],
                        typmod: -1,
                    })
                })
                .collect();
            return Ok((cand, args));
        }
        // Parameters left out take their defaults, as constants in the call.
        for k in args.len()..cand.arg_types.len() {
            if cand.variadic.is_some() {
                break;
            }
            let value = cand.defaults[k - first_default].clone();
            args.push(Expr::Const { value, type_oid: cand.arg_types[k], typmod: -1 });
        }
        Ok((cand, args))
    }

    /// `name(type, ...)` as PostgreSQL's `func_signature_string` prints a
    /// call, arguments in named notation as `name => type`.
    fn call_signature(&self, name: &[String], args: &[Expr], names: &[Option<String>]) -> String {
        let types: Vec<String> = args
            .iter()
            .enumerate()
            .map(|(k, a)| match names.get(k) {
                Some(Some(n)) => format!("{n} => {}", format_type(a.type_oid(), -1)),
                _ => format_type(a.type_oid(), -1),
            })
            .collect();
        format!("{}({})", name.join("."), types.join(", "))
    }

    fn no_function(&self, name: &[String], args: &[Expr], names: &[Option<String>], loc: usize) -> PgError {
        PgError::new(
            SqlState::UNDEFINED_FUNCTION,
            format!("function {} does not exist", self.call_signature(name, args, names)),
        )
        .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.")
        .with_position(self.pos(loc))
    }

    pub(crate) fn transform_func_args(&self, call: &ast::FuncCall) -> PgResult<(Vec<Expr>, Vec<u32>)> {
        let args = call.args.iter().map(|a| self.transform_expr(a)).collect::<PgResult<Vec<_>>>()?;
        let pos = call.args.iter().map(|a| self.pos_of(a)).collect();
        Ok((args, pos))
    }

    /// A plain function call's arguments, those in named notation
    /// (`days => 3`) unwrapped, with the name each was given
    /// (`ParseFuncOrColumn`'s checks: no positional argument after a named
    /// one, no name twice; 42601 at the offending argument).
    pub(crate) fn transform_named_func_args(&self, call: &ast::FuncCall) -> PgResult<NamedCallArgs> {
        let mut args = Vec::with_capacity(call.args.len());
        let mut names: Vec<Option<String>> = Vec::with_capacity(call.args.len());
        let mut pos = Vec::with_capacity(call.args.len());
        for a in &call.args {
            match &a.kind {
                ExprKind::NamedArg { name, arg } => {
                    if names.iter().flatten().any(|n| n == name) {
                        return Err(PgError::new(
                            SqlState::SYNTAX_ERROR,
                            format!("argument name \"{name}\" used more than once"),
                        )
                        .with_position(self.pos(a.location.0)));
                    }
                    args.push(self.transform_expr(arg)?);
                    names.push(Some(name.clone()));
                    pos.push(self.pos_of(arg));
                }
                _ => {
                    if names.iter().any(Option::is_some) {
                        return Err(PgError::new(
                            SqlState::SYNTAX_ERROR,
                            "positional argument cannot follow named argument",
                        )
                        .with_position(self.pos_of(a)));
                    }
                    args.push(self.transform_expr(a)?);
                    names.push(None);
                    pos.push(self.pos_of(a));
                }
            }
        }
        Ok((args, names, pos))
    }

    fn transform_func_call(&self, call: &ast::FuncCall, loc: usize) -> PgResult<Expr> {
        let fname = call.name.last().map(String::as_str).unwrap_or("");
        // FUNC_MAX_ARGS, as PostgreSQL is built.
        if call.args.len() > 100 {
            return Err(PgError::new(
                SqlState::TOO_MANY_ARGUMENTS,
                "cannot pass more than 100 arguments to a function",
            )
            .with_position(self.pos(loc)));
        }
        if call.over.is_some() {
            return Err(self.unsupported("window functions are not supported yet", loc));
        }
        // The built-in window functions without arguments (pg_proc prokind
        // 'w') resolve whatever the argument types, so ParseFuncOrColumn's
        // check for their OVER clause comes first.
        if call.args.is_empty()
            && !call.agg_star
            && call.agg_order.is_empty()
            && matches!(fname, "row_number" | "rank" | "dense_rank" | "percent_rank" | "cume_dist")
            && (call.name.len() == 1 || call.name[0] == "pg_catalog")
        {
            return Err(PgError::new(
                SqlState::WRONG_OBJECT_TYPE,
                format!("window function {} requires an OVER clause", call.name.join(".")),
            )
            .with_position(self.pos(loc)));
        }
        if call.agg_within_group && matches!(fname, "rank" | "dense_rank" | "percent_rank" | "cume_dist") {
            return self.transform_aggregate(call, loc);
        }
        let agg_syntax = call.agg_star || call.agg_distinct || call.agg_filter.is_some() || !call.agg_order.is_empty();
        if AGGREGATES.contains(&fname) {
            return self.transform_aggregate(call, loc);
        }
        if agg_syntax {
            // Aggregate syntax on a plain function: resolved first, so an
            // unknown function is reported as such (`ParseFuncOrColumn`).
            let (args, pos) = self.transform_func_args(call)?;
            if let Some(f) = &call.agg_filter {
                self.without_aggs("FILTER", || self.transform_bool_arg(f, "argument of FILTER"))?;
            }
            self.resolve_function(&call.name, args, &pos, loc)?;
            let name = call.name.join(".");
            let what = if call.agg_star {
                format!("{name}(*)")
            } else if call.agg_distinct {
                "DISTINCT".to_string()
            } else if !call.agg_order.is_empty() {
                "ORDER BY".to_string()
            } else {
                "FILTER".to_string()
            };
            return Err(PgError::new(
                SqlState::WRONG_OBJECT_TYPE,
                format!("{what} specified, but {name} is not an aggregate function"),
            )
            .with_position(self.pos(loc)));
        }
        let (args, names, pos) = self.transform_named_func_args(call)?;
        if call.func_variadic {
            return self.transform_variadic_array_call(call, args, &names, &pos, loc);
        }
        // ---- inet
        if let Some(cast) = self.function_style_cast(call, &args, &pos)? {
            return Ok(cast);
        }
        let first_arg_type = args.first().map_or(oid::UNKNOWN, Expr::type_oid);
        let (cand, mut args) = self.resolve_function_named(&call.name, args, &names, &pos, loc, true)?;
        // ---- inet
        if matches!(cand.name, "concat" | "concat_ws" | "format") && cand.variadic == Some(oid::ANY) {
            args = print_any_arguments(args, cand.arg_types.len() - 1);
        }
        // pg_typeof(any) answers its argument's type as written
        // (an untyped literal stays unknown), which the call carries as a
        // regtype constant (the body cannot see types).
        if cand.oid == pg_types::PG_TYPEOF_OID {
            let arg_type = first_arg_type;
            args = vec![Expr::Const { value: pg_types::Datum::Oid(arg_type), type_oid: oid::REGTYPE, typmod: -1 }];
        }
        match cand.kind {
            FuncKind::Scalar(func) => Ok(self.scalar_call(&cand, func, args)),
            FuncKind::SetReturning { columns, func } => {
                self.check_srf_allowed(loc)?;
                let [(_, column_type)] = columns.as_slice() else {
                    return Err(self.unsupported(
                        "set-returning functions returning more than one column are not supported in the select list yet",
                        loc,
                    ));
                };
                let result_type = self.resolve_polymorphic_result(*column_type, &cand.arg_types, &args);
                Ok(Expr::SrfCall { name: cand.name.to_string(), func, args, result_type, strict: cand.strict })
            }
        }
    }

    /// A call whose last argument is `VARIADIC arr` (`ParseFuncOrColumn`
    /// with `func_variadic`): the array goes to the variadic parameter as
    /// it is. A function that is not variadic is called as if VARIADIC
    /// were not written, as PostgreSQL does; a variadic "any" parameter
    /// needs an array (42804).
    fn transform_variadic_array_call(
        &self,
        call: &ast::FuncCall,
        args: Vec<Expr>,
        names: &[Option<String>],
        pos: &[u32],
        loc: usize,
    ) -> PgResult<Expr> {
        let last_type = args.last().map_or(oid::UNKNOWN, Expr::type_oid);
        let last_pos = pos.last().copied().unwrap_or_else(|| self.pos(loc));
        let (cand, mut args) = self.resolve_function_named(&call.name, args, names, pos, loc, false)?;
        // The elements print with their type's output function,
        // as print_any_arguments does for arguments passed one by one.
        if matches!(cand.name, "concat" | "concat_ws" | "format") && cand.variadic == Some(oid::ANY) {
            if let Some(last) = args.pop() {
                let t = last.type_oid();
                args.push(if t == oid::TEXT_ARRAY || crate::array::subscript_element_type(t).is_none() {
                    last
                } else {
                    Expr::Cast {
                        arg: Box::new(last),
                        method: registry::CastMethod::InOut,
                        source: t,
                        target: oid::TEXT_ARRAY,
                        typmod: -1,
                        explicit: false,
                    }
                });
            }
        }
        let func = match (&cand.kind, cand.variadic) {
            (FuncKind::Scalar(func), None) => *func,
            (FuncKind::Scalar(_), Some(element)) => {
                if element == oid::ANY && crate::array::subscript_element_type(last_type).is_none() {
                    return Err(PgError::new(SqlState::DATATYPE_MISMATCH, "VARIADIC argument must be an array")
                        .with_position(last_pos));
                }
                cand.variadic_array.ok_or_else(|| {
                    self.unsupported(&format!("VARIADIC calls of {} are not supported yet", cand.name), loc)
                })?
            }
            (FuncKind::SetReturning { .. }, _) => {
                return Err(self.unsupported("VARIADIC calls of set-returning functions are not supported yet", loc))
            }
        };
        Ok(self.scalar_call(&cand, func, args))
    }

    /// The call of scalar function `cand` (implemented by `func`) on
    /// `args`, its polymorphic result type resolved from them.
    fn scalar_call(&self, cand: &pg_types::fmgr::FuncDef, func: pg_types::fmgr::ScalarFn, args: Vec<Expr>) -> Expr {
        let result_type = self.resolve_polymorphic_result(cand.ret_type, &cand.arg_types, &args);
        Expr::Func {
            name: cand.name.to_string(),
            func,
            args,
            result_type,
            strict: cand.strict,
            volatility: cand.volatility,
        }
    }

    /// `typename(x)` is a cast when no function of that name takes exactly
    /// x's type and x is an untyped literal, or converts to the type
    /// without a function (binary or through text I/O): func_get_detail's
    /// FUNCDETAIL_COERCION, so `cidr('10.1.2.3/8')` reads the literal as
    /// cidr and `text(5)` prints 5, where `cidr(inet)` would clear host bits.
    fn function_style_cast(&self, call: &ast::FuncCall, args: &[Expr], pos: &[u32]) -> PgResult<Option<Expr>> {
        let ([arg], [p], [written]) = (args, pos, call.args.as_slice()) else { return Ok(None) };
        let fname = match call.name.as_slice() {
            [n] => n.as_str(),
            [schema, n] if schema == "pg_catalog" => n.as_str(),
            _ => return Ok(None),
        };
        if matches!(written.kind, ExprKind::NamedArg { .. }) || call.func_variadic {
            return Ok(None);
        }
        let Some(target) = pg_types::types::TYPES.iter().find(|t| t.name == fname).map(|t| t.oid) else {
            return Ok(None);
        };
        let source = arg.type_oid();
        if registry::functions(fname).iter().any(|c| c.arg_types == [source]) {
            return Ok(None);
        }
        let is_cast = if source == oid::UNKNOWN {
            matches!(arg, Expr::Const { .. })
        } else {
            source != oid::RECORD
                && matches!(
                    registry::find_cast(source, target),
                    Some((_, registry::CastMethod::Binary | registry::CastMethod::InOut))
                )
        };
        if !is_cast {
            return Ok(None);
        }
        coerce::coerce_explicit(arg.clone(), target, -1, *p, self.env.settings).map(Some)
    }

    /// Set-returning functions run only in a select list (`check_srf_call_placement`).
    fn check_srf_allowed(&self, loc: usize) -> PgResult<()> {
        const HINT: &str = "You might be able to move the set-returning function into a LATERAL FROM item.";
        if self.in_agg.get() {
            return Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                "aggregate function calls cannot contain set-returning function calls",
            )
            .with_hint(HINT)
            .with_position(self.pos(loc)));
        }
        match (self.no_aggs_in.get(), self.no_srfs_in.get()) {
            (Some("functions in FROM"), _) => Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                "set-returning functions must appear at top level of FROM",
            )
            .with_position(self.pos(loc))),
            (Some("GROUP BY"), _) => {
                Err(self.unsupported("set-returning functions in GROUP BY are not supported yet", loc))
            }
            (_, Some(clause @ ("CASE" | "COALESCE"))) => Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                format!("set-returning functions are not allowed in {clause}"),
            )
            .with_hint(HINT)
            .with_position(self.pos(loc))),
            (Some(clause), _) | (None, Some(clause)) => Err(PgError::new(
                SqlState::FEATURE_NOT_SUPPORTED,
                format!("set-returning functions are not allowed in {clause}"),
            )
            .with_position(self.pos(loc))),
            (None, None) => Ok(()),
        }
    }

    fn transform_sql_value_function(
        &self,
        op: SqlValueFunctionOp,
        precision: Option<i32>,
        loc: usize,
    ) -> PgResult<Expr> {
        let (fname, cast): (&str, Option<Oid>) = match op {
            SqlValueFunctionOp::CurrentUser | SqlValueFunctionOp::CurrentRole | SqlValueFunctionOp::User => {
                ("current_user", None)
            }
            SqlValueFunctionOp::SessionUser => ("session_user", None),
            SqlValueFunctionOp::CurrentCatalog => ("current_database", None),
            SqlValueFunctionOp::CurrentSchema => ("current_schema", None),
            SqlValueFunctionOp::CurrentTimestamp => ("now", None),
            SqlValueFunctionOp::LocalTimestamp => ("now", Some(oid::TIMESTAMP)),
            SqlValueFunctionOp::CurrentDate => ("now", Some(oid::DATE)),
            SqlValueFunctionOp::LocalTime => ("now", Some(oid::TIME)),
            SqlValueFunctionOp::CurrentTime => ("now", Some(oid::TIMETZ)),
        };
        // CURRENT_TIME(p) and friends check p as the type's
        // typmodin does (a WARNING above 6).
        let precision = match (precision, cast) {
            (Some(p), Some(t @ (oid::TIME | oid::TIMETZ | oid::TIMESTAMP))) => Some(datetime_precision(t, p, None)?),
            (Some(p), None) if op == SqlValueFunctionOp::CurrentTimestamp => {
                Some(datetime_precision(oid::TIMESTAMPTZ, p, None)?)
            }
            _ => precision,
        };
        let name = vec![fname.to_string()];
        let (cand, args) = self.resolve_function(&name, Vec::new(), &[], loc)?;
        let FuncKind::Scalar(func) = cand.kind else {
            return Err(PgError::internal(format!("{fname} is registered as a set-returning function")));
        };
        let call = Expr::Func {
            name: cand.name.to_string(),
            func,
            args,
            result_type: cand.ret_type,
            strict: cand.strict,
            volatility: cand.volatility,
        };
        let target = cast.unwrap_or(call.type_oid());
        let typmod = precision.unwrap_or(-1);
        if target == call.type_oid() && typmod < 0 {
            return Ok(call);
        }
        coerce::coerce_explicit(call, target, typmod, self.pos(loc), self.env.settings)
    }

    /// `TypeName` → (type OID, typmod) (`typenameTypeIdAndMod`).
    pub(crate) fn resolve_type_name(&self, tn: &ast::TypeName) -> PgResult<(Oid, i32)> {
        let loc = tn.location.0;
        if tn.setof || tn.pct_type {
            return Err(self.unsupported("SETOF and %TYPE are not supported here", loc));
        }
        let name = match tn.names.as_slice() {
            [n] => n.as_str(),
            [s, n] if s == "pg_catalog" => n.as_str(),
            _ => {
                return Err(PgError::new(
                    SqlState::UNDEFINED_OBJECT,
                    format!("type \"{}\" does not exist", tn.names.join(".")),
                )
                .with_position(self.pos(loc)))
            }
        };
        let base = lookup_type_by_name(name).filter(|t| t.typtype != b'p' || name == "record").ok_or_else(|| {
            PgError::new(SqlState::UNDEFINED_OBJECT, format!("type \"{}\" does not exist", tn.names.join(".")))
                .with_position(self.pos(loc))
        })?;
        let mut mods = Vec::new();
        for m in &tn.typmods {
            match &m.kind {
                ExprKind::Const(Value::Integer(i)) => mods.push(*i),
                _ => {
                    return Err(PgError::new(
                        SqlState::SYNTAX_ERROR,
                        "type modifiers must be simple constants or identifiers",
                    )
                    .with_position(self.pos(m.location.0)))
                }
            }
        }
        let typmod = self.typmod_in(base.oid, base.name, &mods, loc)?;
        if tn.array_bounds.is_empty() {
            return Ok((base.oid, typmod));
        }
        match pg_types::types::array_type_of(base.oid) {
            Some(a) => Ok((a, typmod)),
            None => Err(PgError::new(
                SqlState::UNDEFINED_OBJECT,
                format!("could not find array type for data type {}", format_type(base.oid, -1)),
            )
            .with_position(self.pos(loc))),
        }
    }

    /// The type's `typmodin`: checks the modifiers and encodes them.
    fn typmod_in(&self, t: Oid, name: &str, mods: &[i32], loc: usize) -> PgResult<i32> {
        if mods.is_empty() {
            return Ok(-1);
        }
        let err = |msg: String| Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, msg).with_position(self.pos(loc)));
        match (t, mods) {
            (oid::VARCHAR | oid::BPCHAR, [n]) => {
                if *n < 1 {
                    return err(format!("length for type {name} must be at least 1"));
                }
                if *n > 10_485_760 {
                    return err(format!("length for type {name} cannot exceed 10485760"));
                }
                Ok(n + 4)
            }
            (oid::NUMERIC, [p]) | (oid::NUMERIC, [p, _]) => {
                let s = mods.get(1).copied().unwrap_or(0);
                if !(1..=1000).contains(p) {
                    return err(format!("NUMERIC precision {p} must be between 1 and 1000"));
                }
                if !(-1000..=1000).contains(&s) {
                    return err(format!("NUMERIC scale {s} must be between -1000 and 1000"));
                }
                Ok(pg_types::numeric::make_typmod(*p, s))
            }
            (oid::TIMESTAMP | oid::TIMESTAMPTZ | oid::TIME | oid::TIMETZ, [p]) => {
                datetime_precision(t, *p, Some(self.pos(loc))).map_err(|e| e.with_position(self.pos(loc)))
            }
            (oid::INTERVAL, _) => interval_typmod_in(mods, self.pos(loc)),
            _ => Err(PgError::new(SqlState::SYNTAX_ERROR, format!("type modifier is not allowed for type \"{name}\""))
                .with_position(self.pos(loc))),
        }
    }
}

/// PostgreSQL's `FigureColname`: the default name of a target column, with
/// its strength (2 = a real name, 1 = a type or keyword name, 0 = none).
pub fn figure_colname(e: &ast::Expr) -> (String, u8) {
    match &e.kind {
        ExprKind::ColumnRef(fields) => match fields.last() {
            Some(ColumnRefField::Name(n)) => (n.clone(), 2),
            _ => ("?column?".into(), 0),
        },
        ExprKind::FuncCall(call) => (call.name.last().cloned().unwrap_or_default(), 2),
        ExprKind::TypeCast { arg, type_name } => {
            let (name, strength) = figure_colname(arg);
            if strength <= 1 {
                (type_name.names.last().cloned().unwrap_or_default(), 1)
            } else {
                (name, strength)
            }
        }
        ExprKind::Indirection { arg, steps } => match steps.last() {
            Some(ast::IndirectionStep::Field(f)) => (f.clone(), 2),
            _ => figure_colname(arg),
        },
        ExprKind::NullIf(..) => ("nullif".into(), 2),
        // Named after its ELSE result when that has a real name.
        ExprKind::Case { default, .. } => match default.as_deref().map(figure_colname) {
            Some((name, 2)) => (name, 2),
            _ => ("case".into(), 1),
        },
        ExprKind::Array(_) => ("array".into(), 2),
        ExprKind::Row { .. } => ("row".into(), 2),
        ExprKind::Coalesce(_) => ("coalesce".into(), 2),
        ExprKind::MinMax { greatest, .. } => ((if *greatest { "greatest" } else { "least" }).into(), 2),
        ExprKind::SqlValueFunction { op, .. } => (op.sql().to_ascii_lowercase(), 2),
        ExprKind::Grouping(_) => ("grouping".into(), 2),
        ExprKind::SubLink { kind: ast::SubLinkKind::Exists, .. } => ("exists".into(), 2),
        ExprKind::SubLink { kind: ast::SubLinkKind::Array, .. } => ("array".into(), 2),
        // A scalar subquery is named after its (first) output column.
        ExprKind::SubLink { kind: ast::SubLinkKind::Expr, subselect, .. } => match &subselect.body {
            ast::SelectBody::Simple(s) => match s.targets.first() {
                Some(ast::ResTarget { name: Some(n), .. }) => (n.clone(), 2),
                Some(t) => figure_colname(&t.expr),
                None => ("?column?".into(), 0),
            },
            _ => ("?column?".into(), 0),
        },
        _ => ("?column?".into(), 0),
    }
}

/// The type whose btree operator class sorts and compares `t`: a type binary-coercible
/// to another uses that one's (`varchar` sorts with `text`'s operators, `cidr` with
/// `inet`'s), as PostgreSQL's `opcintype` lookup does.
pub(crate) fn opclass_input_type(t: Oid) -> Oid {
    match t {
        oid::VARCHAR => oid::TEXT,
        oid::CIDR => oid::INET,
        other => other,
    }
}

/// A call's arguments, the name each was given in named notation (`None`
/// for a positional one), and their positions in the query text.
pub(crate) type NamedCallArgs = (Vec<Expr>, Vec<Option<String>>, Vec<u32>);

/// The parameter slot of each argument of a call in named notation, for a
/// candidate `f`: positional arguments first, in order; each named one in
/// its parameter's place. `None` when `f` cannot take the call: a name it
/// lacks, a parameter given twice, or a left-out parameter without a
/// default (`MatchNamedCall`).
fn named_arg_slots(f: &FuncDef, names: &[Option<String>]) -> Option<Vec<usize>> {
    if f.variadic.is_some() || f.arg_names.is_empty() || names.len() > f.arg_types.len() {
        return None;
    }
    let mut filled = vec![false; f.arg_types.len()];
    let mut slots = Vec::with_capacity(names.len());
    for (k, n) in names.iter().enumerate() {
        let slot = match n {
            None => k,
            Some(n) => f.arg_names.iter().position(|p| p == n)?,
        };
        if filled[slot] {
            return None;
        }
        filled[slot] = true;
        slots.push(slot);
    }
    let first_default = f.arg_types.len() - f.defaults.len();
    if filled[..first_default].iter().any(|&x| !x) {
        return None;
    }
    Some(slots)
}

/// The typmod of a time or timestamp precision `p` (`anytime_typmod_check`,
/// `anytimestamp_typmod_check`): negative is 22023; above 6 is cut to 6 with
/// PostgreSQL's WARNING `TIME(7) WITH TIME ZONE precision reduced to maximum
/// allowed, 6` (at `position` for a type name's modifier).
/// `intervaltypmodin`: the field range (a mask the grammar makes) and an
/// optional fractional-second precision; above 6 it is reduced with a
/// WARNING.
fn interval_typmod_in(mods: &[i32], position: u32) -> PgResult<i32> {
    use pg_types::interval::{range_words, INTERVAL_FULL_PRECISION, INTERVAL_FULL_RANGE};
    let err = |msg: String| Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, msg).with_position(position));
    if mods.len() > 2 || range_words(mods[0]).is_none() {
        return err("invalid INTERVAL type modifier".into());
    }
    let range = mods[0];
    match mods.get(1) {
        None if range == INTERVAL_FULL_RANGE => Ok(-1),
        None => Ok((range << 16) | INTERVAL_FULL_PRECISION),
        Some(&p) if p < 0 => err(format!("INTERVAL({p}) precision must not be negative")),
        Some(&p) if p > 6 => {
            pg_error::notice::emit_notice(
                PgError::notice(
                    pg_error::Severity::Warning,
                    SqlState::INVALID_PARAMETER_VALUE,
                    format!("INTERVAL({p}) precision reduced to maximum allowed, 6"),
                )
                .with_position(position),
            );
            Ok((range << 16) | 6)
        }
        Some(&p) => Ok((range << 16) | p),
    }
}

fn datetime_precision(t: Oid, p: i32, position: Option<u32>) -> PgResult<i32> {
    let name = if matches!(t, oid::TIME | oid::TIMETZ) { "TIME" } else { "TIMESTAMP" };
    let tz = if matches!(t, oid::TIMETZ | oid::TIMESTAMPTZ) { " WITH TIME ZONE" } else { "" };
    if p < 0 {
        return Err(PgError::new(
            SqlState::INVALID_PARAMETER_VALUE,
            format!("{name}({p}){tz} precision must not be negative"),
        ));
    }
    if p > 6 {
        let mut warning = PgError::notice(
            pg_error::Severity::Warning,
            SqlState::INVALID_PARAMETER_VALUE,
            format!("{name}({p}){tz} precision reduced to maximum allowed, 6"),
        );
        if let Some(at) = position {
            warning = warning.with_position(at);
        }
        pg_error::notice::emit_notice(warning);
        return Ok(6);
    }
    Ok(p)
}

/// The `"any"` arguments (from position `first`) of `concat`, `concat_ws`
/// and `format`, which print each argument with its type's output
/// function: a value alone cannot say its type (`cidr` and `inet` are one
/// datum, so are `regclass` and `oid`), so the call converts them to text
/// through their output functions, as an implicit I/O coercion that
/// deparsing does not show.
fn print_any_arguments(args: Vec<Expr>, first: usize) -> Vec<Expr> {
    args.into_iter()
        .enumerate()
        .map(|(i, a)| {
            let t = a.type_oid();
            if i < first || matches!(t, oid::TEXT | oid::UNKNOWN) || pg_types::lookup_type(t).is_none() {
                return a;
            }
            Expr::Cast {
                arg: Box::new(a),
                method: registry::CastMethod::InOut,
                source: t,
                target: oid::TEXT,
                typmod: -1,
                explicit: false,
            }
        })
        .collect()
}
