//! `Display` for the statements of [`crate::ast::objects`]: statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).

use super::*;
use crate::keywords::KeywordCategory;

/// A privilege's name where gram.y reads a `ColId`: bare when it is a plain identifier or a
/// keyword a ColId may be, quoted otherwise.
fn col_id_text(s: &str) -> String {
    match keywords::lookup(s) {
        Some(k) if matches!(k.category, KeywordCategory::Unreserved | KeywordCategory::ColName) => s.to_string(),
        _ => quote_ident(s),
    }
}

impl Display for AggregateWithArgs {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", names(&self.name))?;
        match &self.args {
            AggregateArgs::Star => f.write_str("*")?,
            AggregateArgs::List { args: direct, order_by } => {
                list(f, direct, ", ")?;
                if let Some(order_by) = order_by {
                    if !direct.is_empty() {
                        f.write_str(" ")?;
                    }
                    f.write_str("ORDER BY ")?;
                    list(f, order_by, ", ")?;
                }
            }
        }
        f.write_str(")")
    }
}

impl Display for MappingUser {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            MappingUser::Role(r) => write!(f, "{r}"),
            MappingUser::User => f.write_str("USER"),
        }
    }
}

impl Display for ObjectName {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            ObjectName::Any(n) => f.write_str(&names(n)),
            ObjectName::Name(n) => f.write_str(&quote_ident(n)),
            ObjectName::Type(t) => write!(f, "{t}"),
            ObjectName::Function(func) => write!(f, "{func}"),
            ObjectName::Aggregate(a) => write!(f, "{a}"),
            ObjectName::Operator(o) => write!(f, "{o}"),
            ObjectName::Cast { source, target } => write!(f, "({source} AS {target})"),
            ObjectName::Transform { type_name, language } => {
                write!(f, "FOR {type_name} LANGUAGE {}", quote_ident(language))
            }
            ObjectName::Using { name, access_method } => {
                write!(f, "{} USING {}", names(name), quote_ident(access_method))
            }
            ObjectName::OnTable { name, table } => write!(f, "{} ON {}", quote_ident(name), names(table)),
            ObjectName::OnDomain { name, domain } => write!(f, "{} ON DOMAIN {}", quote_ident(name), names(domain)),
            ObjectName::LargeObject(v) => write!(f, "{v}"),
            ObjectName::UserMapping { user, server } => write!(f, "FOR {user} SERVER {}", quote_ident(server)),
        }
    }
}

impl Display for ObjectRef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.sql(), self.name)
    }
}

impl Display for DropStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "DROP {}", self.kind.sql())?;
        if self.concurrent {
            f.write_str(" CONCURRENTLY")?;
        }
        if self.missing_ok {
            f.write_str(" IF EXISTS")?;
        }
        f.write_str(" ")?;
        list(f, &self.objects, ", ")?;
        write!(f, "{}", self.behavior)
    }
}

impl Display for DropDatabaseStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("DROP DATABASE ")?;
        if self.missing_ok {
            f.write_str("IF EXISTS ")?;
        }
        f.write_str(&quote_ident(&self.name))?;
        if !self.options.is_empty() {
            f.write_str(" WITH (")?;
            for (i, o) in self.options.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(&o.to_uppercase())?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for RenameStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER {} RENAME ", self.object)?;
        if let Some(sub) = &self.subname {
            write!(f, "CONSTRAINT {} ", quote_ident(sub))?;
        }
        write!(f, "TO {}", quote_ident(&self.new_name))
    }
}

impl Display for AlterOwnerStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER {} OWNER TO {}", self.object, self.new_owner)
    }
}

impl Display for AlterObjectSchemaStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER {} SET SCHEMA {}", self.object, quote_ident(&self.new_schema))
    }
}

impl Display for AlterObjectDependsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let no = if self.remove { "NO " } else { "" };
        write!(f, "ALTER {} {no}DEPENDS ON EXTENSION {}", self.object, quote_ident(&self.extension))
    }
}

fn text_or_null(s: &Option<String>) -> String {
    s.as_deref().map_or("NULL".to_string(), quote_literal)
}

impl Display for CommentStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "COMMENT ON {} IS {}", self.object, text_or_null(&self.comment))
    }
}

impl Display for SecLabelStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SECURITY LABEL ")?;
        if let Some(p) = &self.provider {
            write!(f, "FOR {} ", quote_literal(p))?;
        }
        write!(f, "ON {} IS {}", self.object, text_or_null(&self.label))
    }
}

impl Display for AccessPriv {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.name.as_deref() {
            None => f.write_str("ALL PRIVILEGES")?,
            Some("alter system") => f.write_str("ALTER SYSTEM")?,
            Some(n @ ("select" | "references" | "create")) => f.write_str(&n.to_uppercase())?,
            Some(n) => f.write_str(&col_id_text(n))?,
        }
        if !self.columns.is_empty() {
            f.write_str(" (")?;
            for (i, c) in self.columns.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(&quote_ident(c))?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

fn privileges(f: &mut Formatter<'_>, privs: &[AccessPriv]) -> fmt::Result {
    if privs.is_empty() {
        f.write_str("ALL PRIVILEGES")
    } else {
        list(f, privs, ", ")
    }
}

impl Display for GrantStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.is_grant {
            f.write_str("GRANT ")?;
        } else {
            f.write_str("REVOKE ")?;
            if self.grant_option {
                f.write_str("GRANT OPTION FOR ")?;
            }
        }
        privileges(f, &self.privileges)?;
        f.write_str(" ON ")?;
        match self.target_type {
            GrantTargetType::Defaults => f.write_str(match self.kind {
                ObjectType::Sequence => "SEQUENCES",
                ObjectType::Function => "FUNCTIONS",
                ObjectType::Type => "TYPES",
                ObjectType::Schema => "SCHEMAS",
                _ => "TABLES",
            })?,
            GrantTargetType::AllInSchema => {
                f.write_str(match self.kind {
                    ObjectType::Sequence => "ALL SEQUENCES",
                    ObjectType::Function => "ALL FUNCTIONS",
                    ObjectType::Procedure => "ALL PROCEDURES",
                    ObjectType::Routine => "ALL ROUTINES",
                    _ => "ALL TABLES",
                })?;
                f.write_str(" IN SCHEMA ")?;
                list(f, &self.objects, ", ")?;
            }
            GrantTargetType::Object => {
                let kind = match self.kind {
                    ObjectType::ForeignServer => "FOREIGN SERVER",
                    k => k.sql(),
                };
                write!(f, "{kind} ")?;
                list(f, &self.objects, ", ")?;
            }
        }
        f.write_str(if self.is_grant { " TO " } else { " FROM " })?;
        list(f, &self.grantees, ", ")?;
        if self.is_grant && self.grant_option {
            f.write_str(" WITH GRANT OPTION")?;
        }
        if let Some(g) = &self.grantor {
            write!(f, " GRANTED BY {g}")?;
        }
        write!(f, "{}", self.behavior)
    }
}

impl Display for GrantRoleStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.is_grant {
            f.write_str("GRANT ")?;
        } else {
            f.write_str("REVOKE ")?;
            if self.admin_opt {
                f.write_str("ADMIN OPTION FOR ")?;
            }
        }
        list(f, &self.granted_roles, ", ")?;
        f.write_str(if self.is_grant { " TO " } else { " FROM " })?;
        list(f, &self.grantees, ", ")?;
        if self.is_grant && self.admin_opt {
            f.write_str(" WITH ADMIN OPTION")?;
        }
        if let Some(g) = &self.grantor {
            write!(f, " GRANTED BY {g}")?;
        }
        write!(f, "{}", self.behavior)
    }
}

impl Display for AlterDefaultPrivilegesStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("ALTER DEFAULT PRIVILEGES")?;
        for o in &self.options {
            match o {
                DefAclOption::InSchema(s) => {
                    f.write_str(" IN SCHEMA ")?;
                    f.write_str(&s.iter().map(|n| quote_ident(n)).collect::<Vec<_>>().join(", "))?;
                }
                DefAclOption::ForRole(r) => {
                    f.write_str(" FOR ROLE ")?;
                    list(f, r, ", ")?;
                }
            }
        }
        write!(f, " {}", self.action)
    }
}

impl Display for ReassignOwnedStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("REASSIGN OWNED BY ")?;
        list(f, &self.roles, ", ")?;
        write!(f, " TO {}", self.new_role)
    }
}

/// `DROP OWNED BY roles [behavior]`.
pub(super) fn drop_owned(f: &mut Formatter<'_>, roles: &[RoleSpec], b: DropBehavior) -> fmt::Result {
    f.write_str("DROP OWNED BY ")?;
    list(f, roles, ", ")?;
    write!(f, "{b}")
}
