//! `Display` for the statements of [`crate::ast::alter_table`]: ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.
//!
//! Each statement prints in its canonical spelling (`ALTER COLUMN c SET DATA TYPE t`, `DROP
//! COLUMN c`), which PostgreSQL's grammar reads into the same tree as the shorter ones.

use super::*;

/// `ALTER <kind> [IF EXISTS] name`: the head every relation ALTER shares. `ONLY` is printed by
/// the relation itself, and only tables and foreign tables have it.
fn head(f: &mut Formatter<'_>, kind: RelationKind, missing_ok: bool, relation: &RangeVar) -> fmt::Result {
    write!(f, "ALTER {} ", kind.sql())?;
    if missing_ok {
        f.write_str("IF EXISTS ")?;
    }
    write!(f, "{relation}")
}

impl Display for AlterTableStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        head(f, self.kind, self.missing_ok, &self.relation)?;
        f.write_str(" ")?;
        list(f, &self.cmds, ", ")
    }
}

impl Display for ColumnOrNumber {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ColumnOrNumber::Name(n) => f.write_str(&quote_ident(n)),
            ColumnOrNumber::Number(n) => write!(f, "{n}"),
        }
    }
}

impl FireMode {
    /// The words before TRIGGER or RULE.
    fn sql(self) -> &'static str {
        match self {
            FireMode::Enable => "ENABLE",
            FireMode::Always => "ENABLE ALWAYS",
            FireMode::Replica => "ENABLE REPLICA",
            FireMode::Disable => "DISABLE",
        }
    }
}

impl Display for AlterTableCmd {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        use AlterTableCmd as C;
        let col = |c: &String| format!("ALTER COLUMN {}", quote_ident(c));
        match self {
            C::ColumnDefault { column, default: Some(e) } => write!(f, "{} SET DEFAULT {e}", col(column)),
            C::ColumnDefault { column, default: None } => write!(f, "{} DROP DEFAULT", col(column)),
            C::DropNotNull { column } => write!(f, "{} DROP NOT NULL", col(column)),
            C::SetNotNull { column } => write!(f, "{} SET NOT NULL", col(column)),
            C::DropExpression { column, missing_ok } => {
                write!(f, "{} DROP EXPRESSION{}", col(column), if *missing_ok { " IF EXISTS" } else { "" })
            }
            C::SetStatistics { column, target } => write!(f, "ALTER COLUMN {column} SET STATISTICS {target}"),
            C::SetStorage { column, storage } => write!(f, "{} SET STORAGE {}", col(column), quote_ident(storage)),
            C::SetCompression { column, method } => {
                // DEFAULT is a keyword, so `quote_ident` quotes it; the grammar reads the bare
                // keyword and a quoted "default" alike.
                write!(f, "{} SET COMPRESSION {}", col(column), quote_ident(method))
            }
            C::AlterColumnType { column, type_name, collation, using } => {
                write!(f, "{} SET DATA TYPE {type_name}", col(column))?;
                if let Some(c) = collation {
                    write!(f, " COLLATE {}", names(c))?;
                }
                if let Some(e) = using {
                    write!(f, " USING {e}")?;
                }
                Ok(())
            }
            C::DropColumn { column, missing_ok, behavior } => {
                let if_exists = if *missing_ok { "IF EXISTS " } else { "" };
                write!(f, "DROP COLUMN {if_exists}{}{behavior}", quote_ident(column))
            }
            C::DropConstraint { name, missing_ok, behavior } => {
                let if_exists = if *missing_ok { "IF EXISTS " } else { "" };
                write!(f, "DROP CONSTRAINT {if_exists}{}{behavior}", quote_ident(name))
            }
            C::ValidateConstraint { name } => write!(f, "VALIDATE CONSTRAINT {}", quote_ident(name)),
            C::SetWithoutOids => f.write_str("SET WITHOUT OIDS"),
            C::ClusterOn { index } => write!(f, "CLUSTER ON {}", quote_ident(index)),
            C::SetWithoutCluster => f.write_str("SET WITHOUT CLUSTER"),
            C::SetLogged => f.write_str("SET LOGGED"),
            C::SetUnlogged => f.write_str("SET UNLOGGED"),
            C::EnableTrigger { mode, trigger } => {
                write!(f, "{} TRIGGER ", mode.sql())?;
                match trigger {
                    TriggerTarget::Name(n) => f.write_str(&quote_ident(n)),
                    TriggerTarget::All => f.write_str("ALL"),
                    TriggerTarget::User => f.write_str("USER"),
                }
            }
            C::EnableRule { mode, rule } => write!(f, "{} RULE {}", mode.sql(), quote_ident(rule)),
            C::Inherit { parent } => write!(f, "INHERIT {parent}"),
            C::NoInherit { parent } => write!(f, "NO INHERIT {parent}"),
            C::Of { type_name } => write!(f, "OF {}", names(type_name)),
            C::NotOf => f.write_str("NOT OF"),
            C::OwnerTo { owner } => write!(f, "OWNER TO {owner}"),
            C::SetAccessMethod { method } => write!(f, "SET ACCESS METHOD {}", quote_ident(method)),
            C::SetTablespace { tablespace } => write!(f, "SET TABLESPACE {}", quote_ident(tablespace)),
            C::ReplicaIdentity(r) => match r {
                ReplicaIdentity::Default => f.write_str("REPLICA IDENTITY DEFAULT"),
                ReplicaIdentity::Full => f.write_str("REPLICA IDENTITY FULL"),
                ReplicaIdentity::Nothing => f.write_str("REPLICA IDENTITY NOTHING"),
                ReplicaIdentity::Index(i) => write!(f, "REPLICA IDENTITY USING INDEX {}", quote_ident(i)),
            },
            C::RowSecurity(a) => f.write_str(match a {
                RowSecurityAction::Enable => "ENABLE ROW LEVEL SECURITY",
                RowSecurityAction::Disable => "DISABLE ROW LEVEL SECURITY",
                RowSecurityAction::Force => "FORCE ROW LEVEL SECURITY",
                RowSecurityAction::NoForce => "NO FORCE ROW LEVEL SECURITY",
            }),
            C::GenericOptions(options) => alter_generic_options(f, options),
            C::ColumnGenericOptions { column, options } => {
                write!(f, "{} ", col(column))?;
                alter_generic_options(f, options)
            }
            C::DetachPartition { partition, mode } => {
                write!(f, "DETACH PARTITION {partition}")?;
                match mode {
                    DetachMode::Plain => Ok(()),
                    DetachMode::Concurrently => f.write_str(" CONCURRENTLY"),
                    DetachMode::Finalize => f.write_str(" FINALIZE"),
                }
            }
        }
    }
}

/// `OPTIONS (...)` of an ALTER: every entry's action is written, except the default (ADD
/// without the word); a name that is a keyword is quoted, so `"set" 'x'` stays an option.
pub(super) fn alter_generic_options(f: &mut Formatter<'_>, options: &[AlterGenericOption]) -> fmt::Result {
    f.write_str("OPTIONS (")?;
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        let action = match o.action {
            GenericOptionAction::Unspecified => "",
            GenericOptionAction::Set => "SET ",
            GenericOptionAction::Add => "ADD ",
            GenericOptionAction::Drop => "DROP ",
        };
        write!(f, "{action}{}", quote_ident(&o.name))?;
        if let Some(v) = &o.value {
            write!(f, " {}", quote_literal(v))?;
        }
    }
    f.write_str(")")
}

impl Display for RenameRelationStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        head(f, self.kind, self.missing_ok, &self.relation)?;
        match &self.target {
            RenameTarget::Relation => f.write_str(" RENAME TO ")?,
            RenameTarget::Column(c) => write!(f, " RENAME COLUMN {} TO ", quote_ident(c))?,
            RenameTarget::Constraint(c) => write!(f, " RENAME CONSTRAINT {} TO ", quote_ident(c))?,
        }
        f.write_str(&quote_ident(&self.new_name))
    }
}

impl Display for AlterRelationSchemaStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        head(f, self.kind, self.missing_ok, &self.relation)?;
        write!(f, " SET SCHEMA {}", quote_ident(&self.new_schema))
    }
}

impl Display for AlterRelationDependsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        head(f, self.kind, false, &self.relation)?;
        let no = if self.remove { " NO" } else { "" };
        write!(f, "{no} DEPENDS ON EXTENSION {}", quote_ident(&self.extension))
    }
}

impl Display for AlterTableMoveAllStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER {} ALL IN TABLESPACE {}", self.kind.sql(), quote_ident(&self.tablespace))?;
        if !self.roles.is_empty() {
            f.write_str(" OWNED BY ")?;
            list(f, &self.roles, ", ")?;
        }
        write!(f, " SET TABLESPACE {}", quote_ident(&self.new_tablespace))?;
        if self.nowait {
            f.write_str(" NOWAIT")?;
        }
        Ok(())
    }
}
