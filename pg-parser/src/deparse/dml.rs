//! `Display` for the statements of [`crate::ast::dml`]: INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.

use super::*;

/// ` RETURNING a, b` (nothing when empty).
fn returning(f: &mut Formatter<'_>, targets: &[ResTarget]) -> fmt::Result {
    if targets.is_empty() {
        return Ok(());
    }
    f.write_str(" RETURNING ")?;
    list(f, targets, ", ")
}

/// `WITH ... ` in front of a statement (nothing when absent).
fn with_prefix(f: &mut Formatter<'_>, with: &Option<WithClause>) -> fmt::Result {
    match with {
        Some(w) => write!(f, "{w} "),
        None => Ok(()),
    }
}

/// `(col, col.f, col[1])`.
fn target_list(f: &mut Formatter<'_>, targets: &[SetTarget]) -> fmt::Result {
    f.write_str("(")?;
    list(f, targets, ", ")?;
    f.write_str(")")
}

fn overriding(kind: Option<OverridingKind>) -> &'static str {
    match kind {
        None => "",
        Some(OverridingKind::System) => " OVERRIDING SYSTEM VALUE",
        Some(OverridingKind::User) => " OVERRIDING USER VALUE",
    }
}

impl Display for SetTarget {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&quote_ident(&self.name))?;
        for step in &self.indirection {
            write!(f, "{step}")?;
        }
        Ok(())
    }
}

impl Display for SetClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetClause::Single { target, value } => write!(f, "{target} = {value}"),
            SetClause::Multi { targets, value } => {
                target_list(f, targets)?;
                write!(f, " = {value}")
            }
        }
    }
}

impl Display for DmlWhere {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DmlWhere::Expr(e) => write!(f, " WHERE {e}"),
            DmlWhere::CurrentOf(cursor) => write!(f, " WHERE CURRENT OF {}", quote_ident(cursor)),
        }
    }
}

impl Display for InsertStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        with_prefix(f, &self.with)?;
        write!(f, "INSERT INTO {}", self.relation)?;
        if !self.columns.is_empty() {
            f.write_str(" ")?;
            target_list(f, &self.columns)?;
        }
        f.write_str(overriding(self.overriding))?;
        match &self.source {
            Some(query) => write!(f, " {query}")?,
            None => f.write_str(" DEFAULT VALUES")?,
        }
        if let Some(oc) = &self.on_conflict {
            f.write_str(" ON CONFLICT")?;
            match &oc.target {
                Some(InferClause::Constraint(name)) => write!(f, " ON CONSTRAINT {}", quote_ident(name))?,
                Some(InferClause::Index { elems, where_clause }) => {
                    f.write_str(" (")?;
                    list(f, elems, ", ")?;
                    f.write_str(")")?;
                    if let Some(w) = where_clause {
                        write!(f, " WHERE {w}")?;
                    }
                }
                None => {}
            }
            match &oc.action {
                OnConflictAction::Nothing => f.write_str(" DO NOTHING")?,
                OnConflictAction::Update { set, where_clause } => {
                    f.write_str(" DO UPDATE SET ")?;
                    list(f, set, ", ")?;
                    if let Some(w) = where_clause {
                        write!(f, " WHERE {w}")?;
                    }
                }
            }
        }
        returning(f, &self.returning)
    }
}

impl Display for UpdateStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        with_prefix(f, &self.with)?;
        write!(f, "UPDATE {} SET ", self.relation)?;
        list(f, &self.set, ", ")?;
        if !self.from.is_empty() {
            f.write_str(" FROM ")?;
            list(f, &self.from, ", ")?;
        }
        if let Some(w) = &self.where_clause {
            write!(f, "{w}")?;
        }
        returning(f, &self.returning)
    }
}

impl Display for DeleteStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        with_prefix(f, &self.with)?;
        write!(f, "DELETE FROM {}", self.relation)?;
        if !self.using.is_empty() {
            f.write_str(" USING ")?;
            list(f, &self.using, ", ")?;
        }
        if let Some(w) = &self.where_clause {
            write!(f, "{w}")?;
        }
        returning(f, &self.returning)
    }
}

impl Display for MergeStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        with_prefix(f, &self.with)?;
        write!(f, "MERGE INTO {} USING {} ON {}", self.relation, self.source, self.join_condition)?;
        for w in &self.when_clauses {
            write!(f, " {w}")?;
        }
        Ok(())
    }
}

impl Display for MergeWhenClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.matched { "WHEN MATCHED" } else { "WHEN NOT MATCHED" })?;
        if let Some(c) = &self.condition {
            write!(f, " AND {c}")?;
        }
        f.write_str(" THEN ")?;
        match &self.action {
            MergeAction::Update(set) => {
                f.write_str("UPDATE SET ")?;
                list(f, set, ", ")
            }
            MergeAction::Delete => f.write_str("DELETE"),
            MergeAction::DoNothing => f.write_str("DO NOTHING"),
            MergeAction::Insert { columns, overriding: kind, values } => {
                f.write_str("INSERT")?;
                if !columns.is_empty() {
                    f.write_str(" ")?;
                    target_list(f, columns)?;
                }
                f.write_str(overriding(*kind))?;
                match values {
                    Some(v) => {
                        f.write_str(" VALUES (")?;
                        list(f, v, ", ")?;
                        f.write_str(")")
                    }
                    None => f.write_str(" DEFAULT VALUES"),
                }
            }
        }
    }
}

/// An option name as a `ColLabel`: bare when it reads back as itself (any keyword does).
fn col_label(name: &str) -> String {
    let bare = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if bare {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

/// `a, b` of FORCE QUOTE and its siblings.
fn column_list(columns: &[String]) -> String {
    columns.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ")
}

impl CopyOption {
    /// The option in COPY's old syntax (`CSV`, `HEADER`, `DELIMITER 'x'`, `FORCE QUOTE *`),
    /// when it has one.
    fn old_syntax(&self) -> Option<String> {
        use CopyOptionArg as A;
        Some(match (self.name.as_str(), self.arg.as_ref()?) {
            ("format", A::String(s)) if s == "binary" => "BINARY".into(),
            ("format", A::String(s)) if s == "csv" => "CSV".into(),
            ("header", A::Boolean(true)) => "HEADER".into(),
            ("freeze", A::Boolean(true)) => "FREEZE".into(),
            ("delimiter", A::String(s)) => format!("DELIMITER {}", quote_literal(s)),
            ("null", A::String(s)) => format!("NULL {}", quote_literal(s)),
            ("quote", A::String(s)) => format!("QUOTE {}", quote_literal(s)),
            ("escape", A::String(s)) => format!("ESCAPE {}", quote_literal(s)),
            ("encoding", A::String(s)) => format!("ENCODING {}", quote_literal(s)),
            ("force_quote", A::Star) => "FORCE QUOTE *".into(),
            ("force_quote", A::List(c)) => format!("FORCE QUOTE {}", column_list(c)),
            ("force_not_null", A::List(c)) => format!("FORCE NOT NULL {}", column_list(c)),
            ("force_null", A::List(c)) => format!("FORCE NULL {}", column_list(c)),
            _ => return None,
        })
    }
}

impl Display for CopyOption {
    /// The parenthesised syntax's `name [value]`.
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&col_label(&self.name))?;
        match &self.arg {
            None => Ok(()),
            Some(CopyOptionArg::String(s)) => write!(f, " {}", quote_literal(s)),
            Some(CopyOptionArg::Number(v)) => write!(f, " {v}"),
            Some(CopyOptionArg::Boolean(b)) => write!(f, " {b}"),
            Some(CopyOptionArg::Star) => f.write_str(" *"),
            Some(CopyOptionArg::List(words)) => {
                let w: Vec<String> = words.iter().map(|s| quote_literal(s)).collect();
                write!(f, " ({})", w.join(", "))
            }
        }
    }
}

impl Display for CopyStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.source {
            CopySource::Table { relation, columns } => {
                write!(f, "COPY {relation}")?;
                if !columns.is_empty() {
                    write!(f, " ({})", column_list(columns))?;
                }
            }
            CopySource::Query(q) => write!(f, "COPY ({q})")?,
        }
        f.write_str(if self.is_from { " FROM " } else { " TO " })?;
        if self.is_program {
            f.write_str("PROGRAM ")?;
        }
        match &self.filename {
            Some(name) => f.write_str(&quote_literal(name))?,
            None => f.write_str(if self.is_from { "STDIN" } else { "STDOUT" })?,
        }
        // A boolean value comes only from the old syntax (HEADER, FREEZE), which the
        // parenthesised one cannot say; every other option reads the same either way.
        let old: Option<Vec<String>> = if self.options.iter().any(|o| matches!(o.arg, Some(CopyOptionArg::Boolean(_))))
        {
            self.options.iter().map(CopyOption::old_syntax).collect()
        } else {
            None
        };
        match old {
            Some(words) => write!(f, " {}", words.join(" "))?,
            None if !self.options.is_empty() => {
                f.write_str(" (")?;
                list(f, &self.options, ", ")?;
                f.write_str(")")?;
            }
            None => {}
        }
        if let Some(w) = &self.where_clause {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}
