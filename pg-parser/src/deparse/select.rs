//! `Display` for SELECT and its parts: FROM items, joins, the select list, WITH.

use super::*;

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
pub(super) fn aexpr_const(e: &Expr) -> String {
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
