//! `Display` for expressions, type names, constants, function calls, window definitions and XML.

use super::*;

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Value::Integer(v) => write!(f, "{v}"),
            Value::Float(s) => f.write_str(s),
            Value::Boolean(true) => f.write_str("TRUE"),
            Value::Boolean(false) => f.write_str("FALSE"),
            Value::String(s) => f.write_str(&quote_literal(s)),
            Value::BitString(s) => {
                let (tag, body) = s.split_at(1);
                write!(f, "{}'{}'", tag.to_uppercase(), body)
            }
            Value::Null => f.write_str("NULL"),
        }
    }
}

impl Display for TypeName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.setof {
            f.write_str("SETOF ")?;
        }
        f.write_str(&names(&self.names))?;
        if self.pct_type {
            return f.write_str("%TYPE");
        }
        if !self.typmods.is_empty() {
            f.write_str("(")?;
            list(f, &self.typmods, ", ")?;
            f.write_str(")")?;
        }
        for b in &self.array_bounds {
            if *b < 0 {
                f.write_str("[]")?;
            } else {
                write!(f, "[{b}]")?;
            }
        }
        Ok(())
    }
}

impl Display for SortBy {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        match &self.dir {
            SortDir::Default => {}
            SortDir::Asc => f.write_str(" ASC")?,
            SortDir::Desc => f.write_str(" DESC")?,
            SortDir::Using(op) => {
                if op.len() == 1 {
                    write!(f, " USING {}", op[0])?
                } else {
                    write!(f, " USING {}", op_name(op))?
                }
            }
        }
        match self.nulls {
            SortNulls::Default => Ok(()),
            SortNulls::First => f.write_str(" NULLS FIRST"),
            SortNulls::Last => f.write_str(" NULLS LAST"),
        }
    }
}

impl Display for FrameBound {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FrameBound::UnboundedPreceding => f.write_str("UNBOUNDED PRECEDING"),
            FrameBound::Preceding(e) => write!(f, "{e} PRECEDING"),
            FrameBound::CurrentRow => f.write_str("CURRENT ROW"),
            FrameBound::Following(e) => write!(f, "{e} FOLLOWING"),
            FrameBound::UnboundedFollowing => f.write_str("UNBOUNDED FOLLOWING"),
        }
    }
}

impl Display for WindowDef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(r) = &self.refname {
            parts.push(quote_ident(r));
        }
        if !self.partition_by.is_empty() {
            let p: Vec<String> = self.partition_by.iter().map(|e| e.to_string()).collect();
            parts.push(format!("PARTITION BY {}", p.join(", ")));
        }
        if !self.order_by.is_empty() {
            let p: Vec<String> = self.order_by.iter().map(|e| e.to_string()).collect();
            parts.push(format!("ORDER BY {}", p.join(", ")));
        }
        if let Some(fr) = &self.frame {
            let mode = match fr.mode {
                FrameMode::Rows => "ROWS",
                FrameMode::Range => "RANGE",
                FrameMode::Groups => "GROUPS",
            };
            let mut s = match &fr.end {
                Some(end) => format!("{mode} BETWEEN {} AND {end}", fr.start),
                None => format!("{mode} {}", fr.start),
            };
            match fr.exclude {
                FrameExclude::NoOthers => {}
                FrameExclude::CurrentRow => s.push_str(" EXCLUDE CURRENT ROW"),
                FrameExclude::Group => s.push_str(" EXCLUDE GROUP"),
                FrameExclude::Ties => s.push_str(" EXCLUDE TIES"),
            }
            parts.push(s);
        }
        write!(f, "({})", parts.join(" "))
    }
}

/// The SQL-standard syntax of a [`FuncFormat::SqlSyntax`] call, which PostgreSQL's parser
/// reads back into the same call (`SUBSTRING(x FROM 2)`, `x AT TIME ZONE z`); `None` for a
/// shape that no such syntax produces.
pub(super) fn sql_syntax_call(fc: &FuncCall) -> Option<String> {
    let [schema, name] = fc.name.as_slice() else { return None };
    if schema != "pg_catalog" {
        return None;
    }
    let a = &fc.args;
    let joined = |items: &[Expr]| items.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(", ");
    // A normal form is a keyword (`NFC`), kept in the tree as the string 'NFC'.
    let form = |e: &Expr| match &e.kind {
        ExprKind::Const(Value::String(s)) if matches!(s.as_str(), "NFC" | "NFD" | "NFKC" | "NFKD") => Some(s.clone()),
        _ => None,
    };
    Some(match (name.as_str(), a.len()) {
        ("extract", 2) => match &a[0].kind {
            ExprKind::Const(Value::String(field)) => format!("EXTRACT({} FROM {})", quote_literal(field), a[1]),
            _ => return None,
        },
        ("overlay", 3) => format!("OVERLAY({} PLACING {} FROM {})", a[0], a[1], a[2]),
        ("overlay", 4) => format!("OVERLAY({} PLACING {} FROM {} FOR {})", a[0], a[1], a[2], a[3]),
        ("position", 2) => format!("POSITION({} IN {})", a[1], a[0]),
        ("substring", 2) => format!("SUBSTRING({} FROM {})", a[0], a[1]),
        ("substring", 3) => {
            // `SUBSTRING(x FOR n)` is (x, 1, n::int4) in the tree; printed with its FROM 1,
            // the cast would be read as part of the count and applied twice.
            let lone_for = matches!(a[1].kind, ExprKind::Const(Value::Integer(1)));
            match &a[2].kind {
                ExprKind::TypeCast { arg, type_name }
                    if lone_for
                        && type_name.names == ["pg_catalog", "int4"]
                        && type_name.typmods.is_empty()
                        && type_name.array_bounds.is_empty() =>
                {
                    format!("SUBSTRING({} FOR {arg})", a[0])
                }
                _ => format!("SUBSTRING({} FROM {} FOR {})", a[0], a[1], a[2]),
            }
        }
        ("btrim", n) if n > 0 => format!("TRIM(BOTH FROM {})", joined(a)),
        ("ltrim", n) if n > 0 => format!("TRIM(LEADING FROM {})", joined(a)),
        ("rtrim", n) if n > 0 => format!("TRIM(TRAILING FROM {})", joined(a)),
        ("timezone", 2) => format!("({} AT TIME ZONE {})", a[1], a[0]),
        ("pg_collation_for", 1) => format!("COLLATION FOR ({})", a[0]),
        ("normalize", 1) => format!("NORMALIZE({})", a[0]),
        ("normalize", 2) => format!("NORMALIZE({}, {})", a[0], form(&a[1])?),
        ("is_normalized", 1) => format!("({} IS NORMALIZED)", a[0]),
        ("is_normalized", 2) => format!("({} IS {} NORMALIZED)", a[0], form(&a[1])?),
        ("overlaps", 4) => format!("(({}, {}) OVERLAPS ({}, {}))", a[0], a[1], a[2], a[3]),
        ("xmlexists", 2) => format!("XMLEXISTS({} PASSING {})", a[0], a[1]),
        _ => return None,
    })
}

impl Display for FuncCall {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.funcformat == FuncFormat::SqlSyntax && self.agg_order.is_empty() && self.over.is_none() {
            if let Some(s) = sql_syntax_call(self) {
                return f.write_str(&s);
            }
        }
        write!(f, "{}(", names(&self.name))?;
        if self.agg_star {
            f.write_str("*")?;
        } else {
            if self.agg_distinct {
                f.write_str("DISTINCT ")?;
            }
            for (i, a) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                if self.func_variadic && i + 1 == self.args.len() {
                    f.write_str("VARIADIC ")?;
                }
                write!(f, "{a}")?;
            }
            if !self.agg_order.is_empty() && !self.agg_within_group {
                f.write_str(" ORDER BY ")?;
                list(f, &self.agg_order, ", ")?;
            }
        }
        f.write_str(")")?;
        if self.agg_within_group {
            f.write_str(" WITHIN GROUP (ORDER BY ")?;
            list(f, &self.agg_order, ", ")?;
            f.write_str(")")?;
        }
        if let Some(filt) = &self.agg_filter {
            write!(f, " FILTER (WHERE {filt})")?;
        }
        if let Some(w) = &self.over {
            match &w.name {
                // `OVER w`: printing it as `OVER (w)` would mean a new
                // window copying w, which differs (w's frame is not copied).
                Some(name) => write!(f, " OVER {}", quote_ident(name))?,
                None => write!(f, " OVER {w}")?,
            }
        }
        Ok(())
    }
}

impl Display for IndirectionStep {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            IndirectionStep::Field(n) => write!(f, ".{}", quote_ident(n)),
            IndirectionStep::Star => f.write_str(".*"),
            IndirectionStep::Subscript { lower, upper, slice } => {
                f.write_str("[")?;
                if let Some(l) = lower {
                    write!(f, "{l}")?;
                }
                if *slice {
                    f.write_str(":")?;
                    if let Some(u) = upper {
                        write!(f, "{u}")?;
                    }
                }
                f.write_str("]")
            }
        }
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::ColumnRef(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|p| match p {
                        ColumnRefField::Name(n) => quote_ident(n),
                        ColumnRefField::Star => "*".to_string(),
                    })
                    .collect();
                f.write_str(&parts.join("."))
            }
            ExprKind::Param(n) => write!(f, "${n}"),
            ExprKind::Const(v) => write!(f, "{v}"),
            ExprKind::Op { name, left, right } => match left {
                Some(l) => write!(f, "({l} {} {right})", op_name(name)),
                None => write!(f, "({} {right})", op_name(name)),
            },
            ExprKind::OpAnyAll { name, all, left, right } => {
                write!(f, "({left} {} {} ({right}))", op_name(name), if *all { "ALL" } else { "ANY" })
            }
            ExprKind::Distinct { not, left, right } => {
                write!(f, "({left} IS {}DISTINCT FROM {right})", if *not { "NOT " } else { "" })
            }
            ExprKind::NullIf(a, b) => write!(f, "NULLIF({a}, {b})"),
            ExprKind::In { not, expr, list: items } => {
                write!(f, "({expr} {}IN (", if *not { "NOT " } else { "" })?;
                list(f, items, ", ")?;
                f.write_str("))")
            }
            ExprKind::Like { kind, not, expr, pattern, escape } => {
                let k = match kind {
                    LikeKind::Like => "LIKE",
                    LikeKind::ILike => "ILIKE",
                    LikeKind::Similar => "SIMILAR TO",
                };
                write!(f, "({expr} {}{k} {pattern}", if *not { "NOT " } else { "" })?;
                if let Some(e) = escape {
                    write!(f, " ESCAPE {e}")?;
                }
                f.write_str(")")
            }
            ExprKind::Between { not, symmetric, expr, low, high } => write!(
                f,
                "({expr} {}BETWEEN {}{low} AND {high})",
                if *not { "NOT " } else { "" },
                if *symmetric { "SYMMETRIC " } else { "" }
            ),
            ExprKind::Bool { op, args } => match op {
                BoolOp::Not => write!(f, "(NOT {})", args[0]),
                BoolOp::And | BoolOp::Or => {
                    f.write_str("(")?;
                    list(f, args, if *op == BoolOp::And { " AND " } else { " OR " })?;
                    f.write_str(")")
                }
            },
            ExprKind::NullTest { expr, not } => write!(f, "({expr} IS {}NULL)", if *not { "NOT " } else { "" }),
            ExprKind::BooleanTest { expr, test } => {
                let t = match test {
                    BoolTestKind::IsTrue => "IS TRUE",
                    BoolTestKind::IsNotTrue => "IS NOT TRUE",
                    BoolTestKind::IsFalse => "IS FALSE",
                    BoolTestKind::IsNotFalse => "IS NOT FALSE",
                    BoolTestKind::IsUnknown => "IS UNKNOWN",
                    BoolTestKind::IsNotUnknown => "IS NOT UNKNOWN",
                };
                write!(f, "({expr} {t})")
            }
            ExprKind::TypeCast { arg, type_name } => write!(f, "CAST({arg} AS {type_name})"),
            ExprKind::Collate { arg, collation } => {
                let c: Vec<String> = collation.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect();
                write!(f, "({arg} COLLATE {})", c.join("."))
            }
            ExprKind::FuncCall(fc) => write!(f, "{fc}"),
            ExprKind::NamedArg { name, arg } => write!(f, "{} => {arg}", quote_ident(name)),
            ExprKind::SubLink { kind, test_expr, subselect } => match kind {
                SubLinkKind::Exists => write!(f, "EXISTS ({subselect})"),
                SubLinkKind::Expr => write!(f, "({subselect})"),
                SubLinkKind::Array => write!(f, "ARRAY({subselect})"),
                SubLinkKind::Any(op) if op.is_empty() => {
                    let left = test_expr.as_ref().map(|e| e.to_string()).unwrap_or_default();
                    write!(f, "({left} IN ({subselect}))")
                }
                SubLinkKind::Any(op) | SubLinkKind::All(op) => {
                    let which = if matches!(kind, SubLinkKind::All(_)) { "ALL" } else { "ANY" };
                    let left = test_expr.as_ref().map(|e| e.to_string()).unwrap_or_default();
                    write!(f, "({left} {} {which} ({subselect}))", op_name(op))
                }
            },
            ExprKind::Case { arg, whens, default } => {
                f.write_str("CASE")?;
                if let Some(a) = arg {
                    write!(f, " {a}")?;
                }
                for (w, t) in whens {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(d) = default {
                    write!(f, " ELSE {d}")?;
                }
                f.write_str(" END")
            }
            ExprKind::Array(items) => {
                f.write_str("ARRAY[")?;
                list(f, items, ", ")?;
                f.write_str("]")
            }
            ExprKind::Row { args, explicit } => {
                f.write_str(if *explicit || args.len() < 2 { "ROW(" } else { "(" })?;
                list(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::Coalesce(args) => {
                f.write_str("COALESCE(")?;
                list(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::SetToDefault => f.write_str("DEFAULT"),
            ExprKind::Xml(x) => write!(f, "{x}"),
            ExprKind::XmlSerialize { xmloption, expr, type_name } => {
                write!(f, "XMLSERIALIZE({} {expr} AS {type_name})", xml_option(*xmloption))
            }
            ExprKind::GroupingSet { kind, content } => {
                f.write_str(match kind {
                    GroupingSetKind::Empty => "(",
                    GroupingSetKind::Rollup => "ROLLUP (",
                    GroupingSetKind::Cube => "CUBE (",
                    GroupingSetKind::Sets => "GROUPING SETS (",
                })?;
                list(f, content, ", ")?;
                f.write_str(")")
            }
            ExprKind::Grouping(args) => {
                f.write_str("GROUPING(")?;
                list(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::MinMax { greatest, args } => {
                f.write_str(if *greatest { "GREATEST(" } else { "LEAST(" })?;
                list(f, args, ", ")?;
                f.write_str(")")
            }
            ExprKind::SqlValueFunction { op, precision } => {
                f.write_str(op.sql())?;
                if let Some(p) = precision {
                    write!(f, "({p})")?;
                }
                Ok(())
            }
            ExprKind::Indirection { arg, steps } => {
                write!(f, "({arg})")?;
                for s in steps {
                    write!(f, "{s}")?;
                }
                Ok(())
            }
        }
    }
}

pub(super) fn xml_option(o: XmlOption) -> &'static str {
    match o {
        XmlOption::Document => "DOCUMENT",
        XmlOption::Content => "CONTENT",
    }
}

impl Display for XmlExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let name = self.name.as_deref().map(quote_ident).unwrap_or_default();
        let a = &self.args;
        match self.op {
            XmlExprOp::Concat => {
                f.write_str("XMLCONCAT(")?;
                list(f, a, ", ")?;
            }
            XmlExprOp::Element => {
                write!(f, "XMLELEMENT(NAME {name}")?;
                if !self.named_args.is_empty() {
                    f.write_str(", XMLATTRIBUTES(")?;
                    list(f, &self.named_args, ", ")?;
                    f.write_str(")")?;
                }
                for arg in a {
                    write!(f, ", {arg}")?;
                }
            }
            XmlExprOp::Forest => {
                f.write_str("XMLFOREST(")?;
                list(f, &self.named_args, ", ")?;
            }
            XmlExprOp::Parse => {
                write!(f, "XMLPARSE({} {}", xml_option(self.xmloption), a[0])?;
                if matches!(a.get(1).map(|e| &e.kind), Some(ExprKind::Const(Value::Boolean(true)))) {
                    f.write_str(" PRESERVE WHITESPACE")?;
                }
            }
            XmlExprOp::Pi => {
                write!(f, "XMLPI(NAME {name}")?;
                for arg in a {
                    write!(f, ", {arg}")?;
                }
            }
            XmlExprOp::Root => {
                write!(f, "XMLROOT({}, VERSION ", a[0])?;
                match &a[1].kind {
                    ExprKind::Const(Value::Null) => f.write_str("NO VALUE")?,
                    _ => write!(f, "{}", a[1])?,
                }
                match &a[2].kind {
                    ExprKind::Const(Value::Integer(0)) => f.write_str(", STANDALONE YES")?,
                    ExprKind::Const(Value::Integer(1)) => f.write_str(", STANDALONE NO")?,
                    ExprKind::Const(Value::Integer(2)) => f.write_str(", STANDALONE NO VALUE")?,
                    _ => {}
                }
            }
            XmlExprOp::IsDocument => return write!(f, "({} IS DOCUMENT)", a[0]),
        }
        f.write_str(")")
    }
}
