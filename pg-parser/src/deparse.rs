//! Deparser: `Display` for the AST, printing fully parenthesised SQL.
//!
//! Every compound expression is printed inside its own parentheses, so the printed text parses
//! back to an equal tree regardless of precedence (the round-trip tests check exactly that).
//! Casts print as `CAST(x AS type)`, and type names print in their canonical form
//! (`pg_catalog.int4`, `pg_catalog.interval(3071, 2)`), which the generic type-name rule reads
//! back into the same `TypeName`.

use crate::ast::*;
use crate::keywords;
use std::fmt::{self, Display, Formatter};

mod alter_table;
mod ddl_misc;
mod ddl_table;
mod ddl_types;
mod dml;
mod objects;
mod routines;
mod utility;

/// Quotes an identifier when it would not read back as itself (PostgreSQL's `quote_identifier`,
/// except that every keyword is quoted, which is always safe).
pub fn quote_ident(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
        && keywords::lookup(s).is_none();
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\"\""))
    }
}

/// Quotes a string literal: standard-conforming (`'` doubled) when the text is printable,
/// else an escape string `E'...'` with its control characters escaped, so that the printed
/// SQL holds no raw carriage return or other control character for a line-based tool to
/// mangle.
pub fn quote_literal(s: &str) -> String {
    if !s.chars().any(|c| c.is_ascii_control()) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("E'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // Three octal digits, so that a digit after it cannot join the escape.
            c if c.is_ascii_control() => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn names(v: &[String]) -> String {
    v.iter().map(|n| quote_ident(n)).collect::<Vec<_>>().join(".")
}

fn list<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{it}")?;
    }
    Ok(())
}

fn op_name(name: &[String]) -> String {
    if name.len() == 1 {
        name[0].clone()
    } else {
        let (last, schema) = name.split_last().expect("operator names are non-empty");
        format!("OPERATOR({}.{})", names(schema), last)
    }
}

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
fn sql_syntax_call(fc: &FuncCall) -> Option<String> {
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

fn xml_option(o: XmlOption) -> &'static str {
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

impl Display for RangeTableFunc {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.lateral {
            f.write_str("LATERAL ")?;
        }
        f.write_str("XMLTABLE(")?;
        if !self.namespaces.is_empty() {
            f.write_str("XMLNAMESPACES(")?;
            for (i, ns) in self.namespaces.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                match &ns.name {
                    Some(n) => write!(f, "{} AS {}", ns.expr, quote_ident(n))?,
                    None => write!(f, "DEFAULT {}", ns.expr)?,
                }
            }
            f.write_str("), ")?;
        }
        write!(f, "{} PASSING {} COLUMNS ", self.rowexpr, self.docexpr)?;
        for (i, c) in self.columns.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&quote_ident(&c.name))?;
            match &c.type_name {
                None => f.write_str(" FOR ORDINALITY")?,
                Some(t) => write!(f, " {t}")?,
            }
            if let Some(p) = &c.colexpr {
                write!(f, " PATH {p}")?;
            }
            if let Some(d) = &c.coldefexpr {
                write!(f, " DEFAULT {d}")?;
            }
            if c.is_not_null {
                f.write_str(" NOT NULL")?;
            }
        }
        f.write_str(")")?;
        if let Some(a) = &self.alias {
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl Display for ResTarget {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if let Some(n) = &self.name {
            write!(f, " AS {}", quote_ident(n))?;
        }
        Ok(())
    }
}

impl Display for Alias {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, " AS {}", quote_ident(&self.name))?;
        if !self.columns.is_empty() {
            let c: Vec<String> = self.columns.iter().map(|n| quote_ident(n)).collect();
            write!(f, "({})", c.join(", "))?;
        }
        Ok(())
    }
}

impl Display for TableFuncElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", quote_ident(&self.name), self.type_name)?;
        if let Some(c) = &self.collation {
            let c: Vec<String> = c.iter().map(|n| format!("\"{}\"", n.replace('"', "\"\""))).collect();
            write!(f, " COLLATE {}", c.join("."))?;
        }
        Ok(())
    }
}

impl Display for RangeVar {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if !self.inh {
            f.write_str("ONLY ")?;
        }
        for part in [&self.catalog, &self.schema].into_iter().flatten() {
            write!(f, "{}.", quote_ident(part))?;
        }
        f.write_str(&quote_ident(&self.name))?;
        if let Some(a) = &self.alias {
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl Display for FromItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FromItem::Relation(rv) => write!(f, "{rv}"),
            FromItem::Subquery { lateral, query, alias, .. } => {
                write!(f, "{}({query})", if *lateral { "LATERAL " } else { "" })?;
                if let Some(a) = alias {
                    write!(f, "{a}")?;
                }
                Ok(())
            }
            FromItem::Function { lateral, functions, rows_from, ordinality, alias, coldeflist, .. } => {
                if *lateral {
                    f.write_str("LATERAL ")?;
                }
                if *rows_from {
                    f.write_str("ROWS FROM (")?;
                    for (i, func) in functions.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{}", func.call)?;
                        if !func.coldeflist.is_empty() {
                            f.write_str(" AS (")?;
                            list(f, &func.coldeflist, ", ")?;
                            f.write_str(")")?;
                        }
                    }
                    f.write_str(")")?;
                } else {
                    for (i, func) in functions.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{}", func.call)?;
                    }
                }
                if *ordinality {
                    f.write_str(" WITH ORDINALITY")?;
                }
                if let Some(a) = alias {
                    write!(f, "{a}")?;
                }
                if !coldeflist.is_empty() {
                    f.write_str(if alias.is_some() { "(" } else { " AS (" })?;
                    list(f, coldeflist, ", ")?;
                    f.write_str(")")?;
                }
                Ok(())
            }
            FromItem::TableFunc(t) => write!(f, "{t}"),
            FromItem::TableSample(t) => {
                write!(f, "{} TABLESAMPLE {}(", t.relation, names(&t.method))?;
                list(f, &t.args, ", ")?;
                f.write_str(")")?;
                if let Some(r) = &t.repeatable {
                    write!(f, " REPEATABLE ({r})")?;
                }
                Ok(())
            }
            FromItem::Join(j) => {
                let kind = match j.kind {
                    JoinKind::Inner if !j.natural && j.on.is_none() && j.using.is_empty() => "CROSS JOIN",
                    JoinKind::Inner => "INNER JOIN",
                    JoinKind::Left => "LEFT JOIN",
                    JoinKind::Right => "RIGHT JOIN",
                    JoinKind::Full => "FULL JOIN",
                };
                write!(f, "({} {}{kind} {}", j.left, if j.natural { "NATURAL " } else { "" }, j.right)?;
                if let Some(on) = &j.on {
                    write!(f, " ON {on}")?;
                }
                if !j.using.is_empty() {
                    let c: Vec<String> = j.using.iter().map(|n| quote_ident(n)).collect();
                    write!(f, " USING ({})", c.join(", "))?;
                    if let Some(a) = &j.using_alias {
                        write!(f, " AS {}", quote_ident(a))?;
                    }
                }
                f.write_str(")")?;
                if let Some(a) = &j.alias {
                    write!(f, "{a}")?;
                }
                Ok(())
            }
        }
    }
}

impl Display for SimpleSelect {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SELECT")?;
        match &self.distinct {
            Distinct::All => {}
            Distinct::Distinct => f.write_str(" DISTINCT")?,
            Distinct::On(e) => {
                f.write_str(" DISTINCT ON (")?;
                list(f, e, ", ")?;
                f.write_str(")")?;
            }
        }
        if !self.targets.is_empty() {
            f.write_str(" ")?;
            list(f, &self.targets, ", ")?;
        }
        if let Some(into) = &self.into {
            f.write_str(" INTO ")?;
            match into.persistence {
                't' => f.write_str("TEMPORARY ")?,
                'u' => f.write_str("UNLOGGED ")?,
                _ => {}
            }
            write!(f, "{into}")?;
        }
        if !self.from.is_empty() {
            f.write_str(" FROM ")?;
            list(f, &self.from, ", ")?;
        }
        if let Some(w) = &self.where_clause {
            write!(f, " WHERE {w}")?;
        }
        if !self.group_by.is_empty() {
            f.write_str(if self.group_distinct { " GROUP BY DISTINCT " } else { " GROUP BY " })?;
            list(f, &self.group_by, ", ")?;
        }
        if let Some(h) = &self.having {
            write!(f, " HAVING {h}")?;
        }
        if !self.windows.is_empty() {
            f.write_str(" WINDOW ")?;
            for (i, w) in self.windows.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{} AS {w}", quote_ident(w.name.as_deref().unwrap_or("")))?;
            }
        }
        Ok(())
    }
}

/// `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (query), ...`.
impl Display for WithClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("WITH ")?;
        if self.recursive {
            f.write_str("RECURSIVE ")?;
        }
        for (i, c) in self.ctes.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&quote_ident(&c.name))?;
            if !c.columns.is_empty() {
                let cols: Vec<String> = c.columns.iter().map(|n| quote_ident(n)).collect();
                write!(f, "({})", cols.join(", "))?;
            }
            f.write_str(" AS ")?;
            match c.materialized {
                Some(true) => f.write_str("MATERIALIZED ")?,
                Some(false) => f.write_str("NOT MATERIALIZED ")?,
                None => {}
            }
            write!(f, "({})", c.query)?;
            if let Some(s) = &c.search {
                let cols: Vec<String> = s.columns.iter().map(|n| quote_ident(n)).collect();
                write!(
                    f,
                    " SEARCH {} FIRST BY {} SET {}",
                    if s.breadth_first { "BREADTH" } else { "DEPTH" },
                    cols.join(", "),
                    quote_ident(&s.seq_column)
                )?;
            }
            if let Some(c) = &c.cycle {
                let cols: Vec<String> = c.columns.iter().map(|n| quote_ident(n)).collect();
                write!(
                    f,
                    " CYCLE {} SET {} TO {} DEFAULT {} USING {}",
                    cols.join(", "),
                    quote_ident(&c.mark_column),
                    aexpr_const(&c.mark_value),
                    aexpr_const(&c.mark_default),
                    quote_ident(&c.path_column)
                )?;
            }
        }
        Ok(())
    }
}

/// A constant where the grammar wants an `AexprConst` (no CAST): a typed literal prints as
/// `type 'text'`.
fn aexpr_const(e: &Expr) -> String {
    match &e.kind {
        ExprKind::TypeCast { arg, type_name } if matches!(arg.kind, ExprKind::Const(Value::String(_))) => {
            format!("{type_name} {arg}")
        }
        _ => e.to_string(),
    }
}

impl Display for SelectStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(w) = &self.with {
            write!(f, "{w} ")?;
        }
        match &self.body {
            SelectBody::Simple(s) => write!(f, "{s}")?,
            SelectBody::Values(rows) => {
                f.write_str("VALUES ")?;
                for (i, r) in rows.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str("(")?;
                    list(f, r, ", ")?;
                    f.write_str(")")?;
                }
            }
            SelectBody::SetOp { op, all, left, right } => {
                let o = match op {
                    SetOperation::Union => "UNION",
                    SetOperation::Intersect => "INTERSECT",
                    SetOperation::Except => "EXCEPT",
                };
                write!(f, "({left}) {o}{} ({right})", if *all { " ALL" } else { "" })?;
            }
        }
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            list(f, &self.order_by, ", ")?;
        }
        if let Some(c) = &self.limit_count {
            if self.limit_with_ties {
                write!(f, " FETCH FIRST ({c}) ROWS WITH TIES")?;
            } else {
                write!(f, " LIMIT {c}")?;
            }
        }
        if let Some(o) = &self.limit_offset {
            write!(f, " OFFSET {o}")?;
        }
        for l in &self.locking {
            f.write_str(match l.strength {
                LockStrength::KeyShare => " FOR KEY SHARE",
                LockStrength::Share => " FOR SHARE",
                LockStrength::NoKeyUpdate => " FOR NO KEY UPDATE",
                LockStrength::Update => " FOR UPDATE",
            })?;
            if !l.rels.is_empty() {
                f.write_str(" OF ")?;
                list(f, &l.rels, ", ")?;
            }
            f.write_str(match l.wait {
                LockWaitPolicy::Block => "",
                LockWaitPolicy::Skip => " SKIP LOCKED",
                LockWaitPolicy::Error => " NOWAIT",
            })?;
        }
        Ok(())
    }
}

impl Display for RoleSpec {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RoleSpec::Name(n) => f.write_str(&quote_ident(n)),
            RoleSpec::CurrentRole => f.write_str("CURRENT_ROLE"),
            RoleSpec::CurrentUser => f.write_str("CURRENT_USER"),
            RoleSpec::SessionUser => f.write_str("SESSION_USER"),
            RoleSpec::Public => f.write_str("public"),
        }
    }
}

impl Display for RoleOption {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let flag = |f: &mut Formatter<'_>, on: bool, word: &str| write!(f, "{}{word}", if on { "" } else { "NO" });
        match self {
            RoleOption::Superuser(b) => flag(f, *b, "SUPERUSER"),
            RoleOption::CreateDb(b) => flag(f, *b, "CREATEDB"),
            RoleOption::CreateRole(b) => flag(f, *b, "CREATEROLE"),
            RoleOption::Inherit(b) => flag(f, *b, "INHERIT"),
            RoleOption::Login(b) => flag(f, *b, "LOGIN"),
            RoleOption::Replication(b) => flag(f, *b, "REPLICATION"),
            RoleOption::BypassRls(b) => flag(f, *b, "BYPASSRLS"),
            RoleOption::ConnectionLimit(n) => write!(f, "CONNECTION LIMIT {n}"),
            RoleOption::Password(None) => f.write_str("PASSWORD NULL"),
            RoleOption::Password(Some(p)) => write!(f, "PASSWORD {}", quote_literal(p)),
            RoleOption::ValidUntil(s) => write!(f, "VALID UNTIL {}", quote_literal(s)),
            RoleOption::InRole(r) => {
                f.write_str("IN ROLE ")?;
                list(f, r, ", ")
            }
            RoleOption::Role(r) => {
                f.write_str("ROLE ")?;
                list(f, r, ", ")
            }
            RoleOption::Admin(r) => {
                f.write_str("ADMIN ")?;
                list(f, r, ", ")
            }
            RoleOption::SysId(n) => write!(f, "SYSID {n}"),
        }
    }
}

impl Display for TransactionMode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TransactionMode::IsolationLevel(l) => write!(f, "ISOLATION LEVEL {}", l.as_str().to_uppercase()),
            TransactionMode::ReadOnly(true) => f.write_str("READ ONLY"),
            TransactionMode::ReadOnly(false) => f.write_str("READ WRITE"),
            TransactionMode::Deferrable(true) => f.write_str("DEFERRABLE"),
            TransactionMode::Deferrable(false) => f.write_str("NOT DEFERRABLE"),
        }
    }
}

fn var_name(name: &str) -> String {
    name.split('.').map(quote_ident).collect::<Vec<_>>().join(".")
}

/// Field keywords for an interval typmod mask, the inverse of `opt_interval`.
fn interval_fields(mask: i32) -> Option<&'static str> {
    const M: i32 = 1 << 1;
    const Y: i32 = 1 << 2;
    const D: i32 = 1 << 3;
    const H: i32 = 1 << 10;
    const MI: i32 = 1 << 11;
    const S: i32 = 1 << 12;
    Some(match mask {
        Y => "YEAR",
        M => "MONTH",
        D => "DAY",
        H => "HOUR",
        MI => "MINUTE",
        S => "SECOND",
        x if x == Y | M => "YEAR TO MONTH",
        x if x == D | H => "DAY TO HOUR",
        x if x == D | H | MI => "DAY TO MINUTE",
        x if x == D | H | MI | S => "DAY TO SECOND",
        x if x == H | MI => "HOUR TO MINUTE",
        x if x == H | MI | S => "HOUR TO SECOND",
        x if x == MI | S => "MINUTE TO SECOND",
        _ => return None,
    })
}

impl Display for VariableSetStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let local = if self.is_local { "LOCAL " } else { "" };
        match self.kind {
            VariableSetKind::Value => {
                if let Some(iv) = &self.interval_value {
                    write!(f, "SET {local}TIME ZONE ")?;
                    if let ExprKind::TypeCast { arg, type_name } = &iv.kind {
                        write!(f, "INTERVAL {arg}")?;
                        if let Some(ExprKind::Const(Value::Integer(m))) = type_name.typmods.first().map(|e| &e.kind) {
                            if let Some(fields) = interval_fields(*m) {
                                write!(f, " {fields}")?;
                            }
                        }
                    }
                    return Ok(());
                }
                write!(f, "SET {local}{} TO ", var_name(&self.name))?;
                list(f, &self.args, ", ")
            }
            VariableSetKind::Default => write!(f, "SET {local}{} TO DEFAULT", var_name(&self.name)),
            VariableSetKind::Current => write!(f, "SET {local}{} FROM CURRENT", var_name(&self.name)),
            VariableSetKind::Multi => {
                if self.name == "transaction" {
                    write!(f, "SET {local}TRANSACTION ")?;
                } else {
                    write!(f, "SET {local}SESSION CHARACTERISTICS AS TRANSACTION ")?;
                }
                list(f, &self.transaction_modes, ", ")
            }
            VariableSetKind::Reset => write!(f, "RESET {}", var_name(&self.name)),
            VariableSetKind::ResetAll => f.write_str("RESET ALL"),
        }
    }
}

impl Display for TransactionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let sp = self.savepoint_name.as_deref().map(quote_ident).unwrap_or_default();
        let gid = self.gid.as_deref().map(quote_literal).unwrap_or_default();
        let chain = if self.chain { " AND CHAIN" } else { "" };
        match self.kind {
            TransactionKind::Begin | TransactionKind::Start => {
                f.write_str(if self.kind == TransactionKind::Begin { "BEGIN" } else { "START TRANSACTION" })?;
                if !self.modes.is_empty() {
                    f.write_str(" ")?;
                    list(f, &self.modes, ", ")?;
                }
                Ok(())
            }
            TransactionKind::Commit => write!(f, "COMMIT{chain}"),
            TransactionKind::Rollback => write!(f, "ROLLBACK{chain}"),
            TransactionKind::Savepoint => write!(f, "SAVEPOINT {sp}"),
            TransactionKind::Release => write!(f, "RELEASE SAVEPOINT {sp}"),
            TransactionKind::RollbackTo => write!(f, "ROLLBACK TO SAVEPOINT {sp}"),
            TransactionKind::Prepare => write!(f, "PREPARE TRANSACTION {gid}"),
            TransactionKind::CommitPrepared => write!(f, "COMMIT PREPARED {gid}"),
            TransactionKind::RollbackPrepared => write!(f, "ROLLBACK PREPARED {gid}"),
        }
    }
}

impl Display for Stmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Stmt::Select(s) => write!(f, "{s}"),
            Stmt::VariableSet(s) => write!(f, "{s}"),
            Stmt::VariableShow { name } => write!(f, "SHOW {}", var_name(name)),
            Stmt::Transaction(t) => write!(f, "{t}"),
            Stmt::CreateRole(c) => {
                let k = match c.kind {
                    RoleStmtKind::Role => "ROLE",
                    RoleStmtKind::User => "USER",
                    RoleStmtKind::Group => "GROUP",
                };
                write!(f, "CREATE {k} {}", quote_ident(&c.name))?;
                if !c.options.is_empty() {
                    f.write_str(" WITH ")?;
                    list(f, &c.options, " ")?;
                }
                Ok(())
            }
            Stmt::AlterRole(a) => {
                write!(f, "ALTER ROLE {}", a.role)?;
                if !a.options.is_empty() {
                    f.write_str(" WITH ")?;
                    list(f, &a.options, " ")?;
                }
                Ok(())
            }
            Stmt::AlterRoleSet(a) => {
                match &a.role {
                    Some(r) => write!(f, "ALTER ROLE {r}")?,
                    None => f.write_str("ALTER ROLE ALL")?,
                }
                if let Some(d) = &a.database {
                    write!(f, " IN DATABASE {}", quote_ident(d))?;
                }
                write!(f, " {}", a.set)
            }
            Stmt::RenameRole { role, new_name } => write!(f, "ALTER ROLE {role} RENAME TO {}", quote_ident(new_name)),
            Stmt::DropRole(d) => {
                f.write_str(if d.missing_ok { "DROP ROLE IF EXISTS " } else { "DROP ROLE " })?;
                list(f, &d.roles, ", ")
            }
            Stmt::Explain(e) => {
                f.write_str("EXPLAIN ")?;
                if !e.options.is_empty() {
                    write!(f, "{} ", utility::UtilityOptions(&e.options))?;
                }
                write!(f, "{}", e.query)
            }
            Stmt::DeclareCursor(d) => {
                write!(f, "DECLARE {} ", quote_ident(&d.portal_name))?;
                let o = &d.options;
                for (on, word) in [
                    (o.binary, "BINARY "),
                    (o.asensitive, "ASENSITIVE "),
                    (o.insensitive, "INSENSITIVE "),
                    (o.no_scroll, "NO SCROLL "),
                    (o.scroll, "SCROLL "),
                ] {
                    if on {
                        f.write_str(word)?;
                    }
                }
                let hold = if o.hold { "WITH HOLD " } else { "" };
                write!(f, "CURSOR {hold}FOR {}", d.query)
            }
            Stmt::Fetch(s) => {
                f.write_str(if s.is_move { "MOVE " } else { "FETCH " })?;
                let count = |n: i64| if n == FETCH_ALL { "ALL".to_string() } else { n.to_string() };
                match s.direction {
                    FetchDirection::Forward => write!(f, "FORWARD {}", count(s.how_many))?,
                    FetchDirection::Backward => write!(f, "BACKWARD {}", count(s.how_many))?,
                    FetchDirection::Absolute => write!(f, "ABSOLUTE {}", s.how_many)?,
                    FetchDirection::Relative => write!(f, "RELATIVE {}", s.how_many)?,
                }
                write!(f, " FROM {}", quote_ident(&s.portal_name))
            }
            Stmt::ClosePortal { name: Some(n) } => write!(f, "CLOSE {}", quote_ident(n)),
            Stmt::ClosePortal { name: None } => f.write_str("CLOSE ALL"),
            Stmt::Discard(mode) => f.write_str(mode.command_tag()),
            // Each statement family prints its variants under its own heading, with `Display`
            // impls in `deparse/<family>.rs`.

            // ---- dml
            Stmt::Insert(s) => write!(f, "{s}"),
            Stmt::Update(s) => write!(f, "{s}"),
            Stmt::Delete(s) => write!(f, "{s}"),
            Stmt::Merge(s) => write!(f, "{s}"),
            Stmt::Copy(s) => write!(f, "{s}"),

            // ---- ddl_table
            Stmt::CreateTable(c) => write!(f, "{c}"),
            Stmt::CreateForeignTable(c) => write!(f, "{c}"),
            Stmt::CreateTableAs(c) => write!(f, "{c}"),
            Stmt::Index(i) => write!(f, "{i}"),
            Stmt::CreateSeq(s) => write!(f, "{s}"),
            Stmt::View(v) => write!(f, "{v}"),
            Stmt::Truncate(t) => write!(f, "{t}"),

            // ---- alter_table
            Stmt::AlterTable(a) => write!(f, "{a}"),
            Stmt::RenameRelation(r) => write!(f, "{r}"),
            Stmt::AlterRelationSchema(a) => write!(f, "{a}"),
            Stmt::AlterRelationDepends(a) => write!(f, "{a}"),
            Stmt::AlterTableMoveAll(a) => write!(f, "{a}"),
            Stmt::AlterSequence(a) => write!(f, "{a}"),

            // ---- routines
            Stmt::CreateFunction(c) => write!(f, "{c}"),
            Stmt::AlterFunction(a) => write!(f, "{a}"),
            Stmt::Return(e) => write!(f, "RETURN {e}"),
            Stmt::Do(items) => {
                f.write_str("DO")?;
                for it in items {
                    match it {
                        DoOption::Code(c) => write!(f, " {}", quote_literal(c))?,
                        DoOption::Language(l) => write!(f, " LANGUAGE {}", routines::word_or_literal(l))?,
                    }
                }
                Ok(())
            }
            Stmt::Call(c) => write!(f, "CALL {c}"),
            Stmt::CreateAggregate(a) => write!(f, "{a}"),
            Stmt::CreateOperator(o) => write!(f, "{o}"),
            Stmt::AlterOperator(o) => write!(f, "{o}"),
            Stmt::CreateOpClass(c) => write!(f, "{c}"),
            Stmt::OpFamily(o) => write!(f, "{o}"),
            Stmt::CreateCast(c) => write!(f, "{c}"),
            Stmt::CreateTransform(t) => write!(f, "{t}"),
            Stmt::CreateLanguage(l) => write!(f, "{l}"),
            Stmt::CreateTrigger(t) => write!(f, "{t}"),
            Stmt::CreateEventTrigger(t) => write!(f, "{t}"),
            Stmt::AlterEventTrigger(a) => {
                let what = match a.enabled {
                    'D' => "DISABLE",
                    'R' => "ENABLE REPLICA",
                    'A' => "ENABLE ALWAYS",
                    _ => "ENABLE",
                };
                write!(f, "ALTER EVENT TRIGGER {} {what}", quote_ident(&a.name))
            }
            Stmt::CreateRule(r) => write!(f, "{r}"),

            // ---- ddl_types
            Stmt::CreateType(s) => write!(f, "{s}"),
            Stmt::AlterType(s) => write!(f, "{s}"),
            Stmt::CreateCollation(s) => write!(f, "{s}"),
            Stmt::AlterCollationRefresh { name } => write!(f, "ALTER COLLATION {} REFRESH VERSION", names(name)),
            Stmt::CreateConversion(s) => write!(f, "{s}"),
            Stmt::CreateTextSearch(s) => write!(f, "{s}"),
            Stmt::AlterTsDictionary { name, options } => ddl_types::alter_ts_dictionary(f, name, options),
            Stmt::AlterTsConfiguration(s) => write!(f, "{s}"),
            Stmt::CreateStats(s) => write!(f, "{s}"),
            Stmt::AlterStats { if_exists, name, target } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                write!(f, "ALTER STATISTICS {ie}{} SET STATISTICS {target}", names(name))
            }
            Stmt::CreatePolicy(s) => write!(f, "{s}"),
            Stmt::AlterPolicy(s) => write!(f, "{s}"),
            Stmt::CreateDomain(s) => write!(f, "{s}"),
            Stmt::AlterDomain(s) => write!(f, "{s}"),
            Stmt::AlterGroupMembers { group, add, members } => {
                write!(f, "ALTER GROUP {group} {} USER ", if *add { "ADD" } else { "DROP" })?;
                list(f, members, ", ")
            }

            // ---- ddl_misc
            Stmt::CreateSchema(s) => write!(f, "{s}"),
            Stmt::CreateExtension(s) => write!(f, "{s}"),
            Stmt::AlterExtension(s) => write!(f, "{s}"),
            Stmt::AlterExtensionContents(s) => write!(f, "{s}"),
            Stmt::CreateUserMapping(s) => write!(f, "{s}"),
            Stmt::AlterUserMapping(s) => write!(f, "{s}"),
            Stmt::CreateFdw(s) => write!(f, "{s}"),
            Stmt::AlterFdw(s) => write!(f, "{s}"),
            Stmt::CreateServer(s) => write!(f, "{s}"),
            Stmt::AlterServer(s) => write!(f, "{s}"),
            Stmt::ImportForeignSchema(s) => write!(f, "{s}"),
            Stmt::CreatePublication(s) => write!(f, "{s}"),
            Stmt::AlterPublication(s) => write!(f, "{s}"),
            Stmt::CreateSubscription(s) => write!(f, "{s}"),
            Stmt::AlterSubscription(s) => write!(f, "{s}"),
            Stmt::CreateTablespace(s) => write!(f, "{s}"),
            Stmt::AlterTablespaceOptions(s) => write!(f, "{s}"),
            Stmt::CreateAm(s) => write!(f, "{s}"),
            Stmt::CreateDatabase(s) => write!(f, "{s}"),
            Stmt::AlterDatabase(s) => write!(f, "{s}"),
            Stmt::AlterSystem(s) => write!(f, "ALTER SYSTEM {s}"),

            // ---- objects
            Stmt::Drop(d) => write!(f, "{d}"),
            Stmt::DropDatabase(d) => write!(f, "{d}"),
            Stmt::DropOwned { roles, behavior } => objects::drop_owned(f, roles, *behavior),
            Stmt::ReassignOwned(r) => write!(f, "{r}"),
            Stmt::Rename(r) => write!(f, "{r}"),
            Stmt::AlterOwner(a) => write!(f, "{a}"),
            Stmt::AlterObjectSchema(a) => write!(f, "{a}"),
            Stmt::AlterObjectDepends(a) => write!(f, "{a}"),
            Stmt::Comment(c) => write!(f, "{c}"),
            Stmt::SecLabel(s) => write!(f, "{s}"),
            Stmt::Grant(g) => write!(f, "{g}"),
            Stmt::GrantRole(g) => write!(f, "{g}"),
            Stmt::AlterDefaultPrivileges(a) => write!(f, "{a}"),

            // ---- utility
            Stmt::Prepare(p) => write!(f, "{p}"),
            Stmt::Execute(e) => write!(f, "{e}"),
            Stmt::Deallocate { name: Some(n) } => write!(f, "DEALLOCATE {}", quote_ident(n)),
            Stmt::Deallocate { name: None } => f.write_str("DEALLOCATE ALL"),
            Stmt::Listen { channel } => write!(f, "LISTEN {}", quote_ident(channel)),
            Stmt::Unlisten { channel: Some(c) } => write!(f, "UNLISTEN {}", quote_ident(c)),
            Stmt::Unlisten { channel: None } => f.write_str("UNLISTEN *"),
            Stmt::Notify { channel, payload } => {
                write!(f, "NOTIFY {}", quote_ident(channel))?;
                if let Some(p) = payload {
                    write!(f, ", {}", quote_literal(p))?;
                }
                Ok(())
            }
            Stmt::Lock(l) => write!(f, "{l}"),
            Stmt::Vacuum(v) => write!(f, "{v}"),
            Stmt::Cluster(c) => write!(f, "{c}"),
            Stmt::Reindex(r) => write!(f, "{r}"),
            Stmt::Checkpoint => f.write_str("CHECKPOINT"),
            Stmt::ConstraintsSet(c) => write!(f, "{c}"),
            Stmt::Load { filename } => write!(f, "LOAD {}", quote_literal(filename)),
            Stmt::RefreshMatView(r) => write!(f, "{r}"),
        }
    }
}
