//! `Display` for the statements of [`crate::ast::ddl_types`]: types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.

#[allow(unused_imports)]
use super::*;

impl Display for DefElem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(ns) = &self.namespace {
            write!(f, "{}.", quote_ident(ns))?;
        }
        f.write_str(&quote_ident(&self.name))?;
        match &self.arg {
            Some(a) => write!(f, " = {a}"),
            None => Ok(()),
        }
    }
}

impl Display for DefArg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DefArg::Type(t) => write!(f, "{t}"),
            DefArg::String(s) => f.write_str(&quote_literal(s)),
            // OPERATOR(...) always: a bare operator could run into its neighbours.
            DefArg::Operator(op) => {
                let (last, schema) = op.split_last().expect("operator names are non-empty");
                f.write_str("OPERATOR(")?;
                for s in schema {
                    write!(f, "{}.", quote_ident(s))?;
                }
                write!(f, "{last})")
            }
            DefArg::Integer(v) => write!(f, "{v}"),
            DefArg::Float(s) => f.write_str(s),
        }
    }
}

/// Prints a definition list `(a = 1, b)`.
pub(super) fn definition(f: &mut Formatter<'_>, defs: &[DefElem]) -> fmt::Result {
    f.write_str("(")?;
    list(f, defs, ", ")?;
    f.write_str(")")
}

/// Prints an `operator_def_list` `(a = 1, b = NONE)`: an entry without a value is NONE.
pub(super) fn operator_def_list(f: &mut Formatter<'_>, defs: &[DefElem]) -> fmt::Result {
    f.write_str("(")?;
    for (i, d) in defs.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        match &d.arg {
            Some(_) => write!(f, "{d}")?,
            None => write!(f, "{} = NONE", quote_ident(&d.name))?,
        }
    }
    f.write_str(")")
}

impl Display for DropBehavior {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DropBehavior::Restrict => Ok(()),
            DropBehavior::Cascade => f.write_str(" CASCADE"),
        }
    }
}

fn collate(f: &mut Formatter<'_>, c: &Option<Vec<String>>) -> fmt::Result {
    match c {
        Some(c) => write!(f, " COLLATE {}", names(c)),
        None => Ok(()),
    }
}

impl Display for CompositeAttr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", quote_ident(&self.name), self.type_name)?;
        collate(f, &self.collation)
    }
}

impl Display for CreateTypeStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE TYPE {}", names(&self.name))?;
        match &self.kind {
            CreateTypeKind::Shell => Ok(()),
            CreateTypeKind::Base(defs) => {
                f.write_str(" ")?;
                definition(f, defs)
            }
            CreateTypeKind::Composite(attrs) => {
                f.write_str(" AS (")?;
                list(f, attrs, ", ")?;
                f.write_str(")")
            }
            CreateTypeKind::Enum(labels) => {
                f.write_str(" AS ENUM (")?;
                let quoted: Vec<String> = labels.iter().map(|l| quote_literal(l)).collect();
                f.write_str(&quoted.join(", "))?;
                f.write_str(")")
            }
            CreateTypeKind::Range(defs) => {
                f.write_str(" AS RANGE ")?;
                definition(f, defs)
            }
        }
    }
}

impl Display for AlterAttributeCmd {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            AlterAttributeCmd::Add { attr, behavior } => write!(f, "ADD ATTRIBUTE {attr}{behavior}"),
            AlterAttributeCmd::Drop { if_exists, name, behavior } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                write!(f, "DROP ATTRIBUTE {ie}{}{behavior}", quote_ident(name))
            }
            AlterAttributeCmd::AlterType { attr, behavior } => {
                write!(f, "ALTER ATTRIBUTE {} TYPE {}", quote_ident(&attr.name), attr.type_name)?;
                collate(f, &attr.collation)?;
                write!(f, "{behavior}")
            }
        }
    }
}

impl Display for AlterTypeStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER TYPE {} ", names(&self.name))?;
        match &self.action {
            AlterTypeAction::AddValue { if_not_exists, value, neighbor } => {
                let ine = if *if_not_exists { "IF NOT EXISTS " } else { "" };
                write!(f, "ADD VALUE {ine}{}", quote_literal(value))?;
                match neighbor {
                    Some((true, w)) => write!(f, " BEFORE {}", quote_literal(w)),
                    Some((false, w)) => write!(f, " AFTER {}", quote_literal(w)),
                    None => Ok(()),
                }
            }
            AlterTypeAction::RenameValue { old, new } => {
                write!(f, "RENAME VALUE {} TO {}", quote_literal(old), quote_literal(new))
            }
            AlterTypeAction::Attributes(cmds) => list(f, cmds, ", "),
            AlterTypeAction::RenameAttribute { old, new, behavior } => {
                write!(f, "RENAME ATTRIBUTE {} TO {}{behavior}", quote_ident(old), quote_ident(new))
            }
            AlterTypeAction::Set(defs) => {
                f.write_str("SET ")?;
                operator_def_list(f, defs)
            }
        }
    }
}

impl Display for CreateCollationStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let ine = if self.if_not_exists { "IF NOT EXISTS " } else { "" };
        write!(f, "CREATE COLLATION {ine}{} ", names(&self.name))?;
        match &self.source {
            CollationSource::Options(defs) => definition(f, defs),
            CollationSource::From(from) => write!(f, "FROM {}", names(from)),
        }
    }
}

impl Display for CreateConversionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CREATE {}CONVERSION {} FOR {} TO {} FROM {}",
            if self.is_default { "DEFAULT " } else { "" },
            names(&self.name),
            quote_literal(&self.for_encoding),
            quote_literal(&self.to_encoding),
            names(&self.function)
        )
    }
}

impl Display for CreateTextSearchStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE TEXT SEARCH {} {} ", self.kind.sql(), names(&self.name))?;
        definition(f, &self.definition)
    }
}

/// `ALTER TEXT SEARCH DICTIONARY name (options)`.
pub(super) fn alter_ts_dictionary(f: &mut Formatter<'_>, name: &[String], options: &[DefElem]) -> fmt::Result {
    write!(f, "ALTER TEXT SEARCH DICTIONARY {} ", names(name))?;
    definition(f, options)
}

fn name_list(v: &[String]) -> String {
    v.iter().map(|n| quote_ident(n)).collect::<Vec<_>>().join(", ")
}

impl Display for AlterTsConfigurationStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER TEXT SEARCH CONFIGURATION {} ", names(&self.name))?;
        match &self.action {
            AlterTsConfigAction::Map { replace_existing, tokens, dicts } => {
                let dicts: Vec<String> = dicts.iter().map(|d| names(d)).collect();
                write!(
                    f,
                    "{} MAPPING FOR {} WITH {}",
                    if *replace_existing { "ALTER" } else { "ADD" },
                    name_list(tokens),
                    dicts.join(", ")
                )
            }
            AlterTsConfigAction::ReplaceDict { tokens, old, new } => {
                f.write_str("ALTER MAPPING ")?;
                if !tokens.is_empty() {
                    write!(f, "FOR {} ", name_list(tokens))?;
                }
                write!(f, "REPLACE {} WITH {}", names(old), names(new))
            }
            AlterTsConfigAction::Drop { if_exists, tokens } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                write!(f, "DROP MAPPING {ie}FOR {}", name_list(tokens))
            }
        }
    }
}

impl Display for StatsElem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            StatsElem::Column(c) => f.write_str(&quote_ident(c)),
            // Parenthesised always: `(expr)` gives the same element as a bare function call.
            StatsElem::Expr(e) => write!(f, "({e})"),
        }
    }
}

impl Display for CreateStatsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let ine = if self.if_not_exists { "IF NOT EXISTS " } else { "" };
        write!(f, "CREATE STATISTICS {ine}{}", names(&self.name))?;
        if !self.kinds.is_empty() {
            write!(f, " ({})", name_list(&self.kinds))?;
        }
        f.write_str(" ON ")?;
        list(f, &self.exprs, ", ")?;
        f.write_str(" FROM ")?;
        list(f, &self.relations, ", ")
    }
}

fn policy_tail(f: &mut Formatter<'_>, roles: &[RoleSpec], using: &Option<Expr>, check: &Option<Expr>) -> fmt::Result {
    if !roles.is_empty() {
        f.write_str(" TO ")?;
        list(f, roles, ", ")?;
    }
    if let Some(e) = using {
        write!(f, " USING ({e})")?;
    }
    if let Some(e) = check {
        write!(f, " WITH CHECK ({e})")?;
    }
    Ok(())
}

impl Display for CreatePolicyStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE POLICY {} ON {}", quote_ident(&self.name), self.table)?;
        if !self.permissive {
            f.write_str(" AS RESTRICTIVE")?;
        }
        let cmd = match self.command {
            PolicyCommand::All => "",
            PolicyCommand::Select => " FOR SELECT",
            PolicyCommand::Insert => " FOR INSERT",
            PolicyCommand::Update => " FOR UPDATE",
            PolicyCommand::Delete => " FOR DELETE",
        };
        f.write_str(cmd)?;
        policy_tail(f, &self.roles, &self.using, &self.with_check)
    }
}

impl Display for AlterPolicyStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER POLICY {} ON {}", quote_ident(&self.name), self.table)?;
        policy_tail(f, &self.roles, &self.using, &self.with_check)
    }
}

impl Display for CreateDomainStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE DOMAIN {} AS {}", names(&self.name), self.type_name)?;
        collate(f, &self.collation)?;
        for c in &self.constraints {
            write!(f, " {c}")?;
        }
        Ok(())
    }
}

impl Display for AlterDomainStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER DOMAIN {} ", names(&self.name))?;
        match &self.action {
            AlterDomainAction::SetDefault(e) => write!(f, "SET DEFAULT {e}"),
            AlterDomainAction::DropDefault => f.write_str("DROP DEFAULT"),
            AlterDomainAction::SetNotNull => f.write_str("SET NOT NULL"),
            AlterDomainAction::DropNotNull => f.write_str("DROP NOT NULL"),
            AlterDomainAction::AddConstraint(c) => write!(f, "ADD {c}"),
            AlterDomainAction::DropConstraint { if_exists, name, behavior } => {
                let ie = if *if_exists { "IF EXISTS " } else { "" };
                write!(f, "DROP CONSTRAINT {ie}{}{behavior}", quote_ident(name))
            }
            AlterDomainAction::RenameConstraint { old, new } => {
                write!(f, "RENAME CONSTRAINT {} TO {}", quote_ident(old), quote_ident(new))
            }
            AlterDomainAction::ValidateConstraint(n) => write!(f, "VALIDATE CONSTRAINT {}", quote_ident(n)),
        }
    }
}
