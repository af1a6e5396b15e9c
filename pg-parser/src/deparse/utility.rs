//! `Display` for the statements of [`crate::ast::utility`]: PREPARE / EXECUTE / DEALLOCATE, LISTEN / NOTIFY / UNLISTEN, LOCK, VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, SET CONSTRAINTS, LOAD, REFRESH MATERIALIZED VIEW, and the option lists they share with EXPLAIN.
//!
//! The old keyword forms print as option lists (`VACUUM FULL t` as `VACUUM (full) t`), which
//! PostgreSQL reads into the same tree.

use super::*;

/// An option's name: bare when it reads back as itself (a plain word, or a keyword that
/// `NonReservedWord` accepts), quoted otherwise.
fn option_name(name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    let reserved = keywords::lookup(name).is_some_and(|k| k.category == keywords::KeywordCategory::Reserved);
    if (plain && !reserved) || name == "analyze" {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

/// `(name value, ...)`, the parenthesised `utility_option_list`.
pub(super) struct UtilityOptions<'a>(pub(super) &'a [UtilityOption]);

impl Display for UtilityOptions<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, (name, value)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&option_name(name))?;
            if let Some(v) = value {
                write!(f, " {v}")?;
            }
        }
        f.write_str(")")
    }
}

impl Display for PrepareStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "PREPARE {}", quote_ident(&self.name))?;
        if !self.argtypes.is_empty() {
            f.write_str(" (")?;
            list(f, &self.argtypes, ", ")?;
            f.write_str(")")?;
        }
        write!(f, " AS {}", self.query)
    }
}

impl Display for ExecuteStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "EXECUTE {}", quote_ident(&self.name))?;
        if !self.params.is_empty() {
            f.write_str("(")?;
            list(f, &self.params, ", ")?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for LockStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("LOCK TABLE ")?;
        list(f, &self.relations, ", ")?;
        write!(f, " IN {} MODE", self.mode.sql())?;
        if self.nowait {
            f.write_str(" NOWAIT")?;
        }
        Ok(())
    }
}

impl Display for VacuumRelation {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.relation)?;
        if !self.columns.is_empty() {
            f.write_str(" (")?;
            f.write_str(&self.columns.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", "))?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for VacuumStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_vacuum { "VACUUM" } else { "ANALYZE" })?;
        if !self.options.is_empty() {
            write!(f, " {}", UtilityOptions(&self.options))?;
        }
        if !self.relations.is_empty() {
            f.write_str(" ")?;
            list(f, &self.relations, ", ")?;
        }
        Ok(())
    }
}

impl Display for ClusterStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CLUSTER")?;
        let Some(relation) = &self.relation else {
            // Without a table only the VERBOSE keyword can be written.
            return if self.options.is_empty() { Ok(()) } else { f.write_str(" VERBOSE") };
        };
        if !self.options.is_empty() {
            write!(f, " {}", UtilityOptions(&self.options))?;
        }
        write!(f, " {relation}")?;
        if let Some(index) = &self.index {
            write!(f, " USING {}", quote_ident(index))?;
        }
        Ok(())
    }
}

impl Display for ReindexStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("REINDEX")?;
        if !self.options.is_empty() {
            write!(f, " {}", UtilityOptions(&self.options))?;
        }
        let kind = match self.kind {
            ReindexKind::Index => "INDEX",
            ReindexKind::Table => "TABLE",
            ReindexKind::Schema => "SCHEMA",
            ReindexKind::System => "SYSTEM",
            ReindexKind::Database => "DATABASE",
        };
        write!(f, " {kind} ")?;
        match (&self.relation, &self.name) {
            (Some(r), _) => write!(f, "{r}"),
            (None, Some(n)) => f.write_str(&quote_ident(n)),
            (None, None) => Ok(()),
        }
    }
}

impl Display for ConstraintsSetStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SET CONSTRAINTS ")?;
        if self.constraints.is_empty() {
            f.write_str("ALL")?;
        } else {
            list(f, &self.constraints, ", ")?;
        }
        f.write_str(if self.deferred { " DEFERRED" } else { " IMMEDIATE" })
    }
}

impl Display for RefreshMatViewStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("REFRESH MATERIALIZED VIEW ")?;
        if self.concurrent {
            f.write_str("CONCURRENTLY ")?;
        }
        write!(f, "{}", self.relation)?;
        if self.skip_data {
            f.write_str(" WITH NO DATA")?;
        }
        Ok(())
    }
}
