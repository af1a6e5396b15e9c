//! `Display` for the statements of [`crate::ast::ddl_misc`]: schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases, ALTER SYSTEM and large objects.

use super::alter_table::alter_generic_options;
use super::ddl_table::generic_options;
use super::ddl_types::definition;
use super::*;

/// ` OPTIONS (...)` of an ALTER when there are options.
fn opt_options(f: &mut Formatter<'_>, options: &[AlterGenericOption]) -> fmt::Result {
    if options.is_empty() {
        return Ok(());
    }
    f.write_str(" ")?;
    alter_generic_options(f, options)
}

/// ` WITH (...)` when there are options.
fn opt_with(f: &mut Formatter<'_>, options: &[DefElem]) -> fmt::Result {
    if options.is_empty() {
        return Ok(());
    }
    f.write_str(" WITH ")?;
    definition(f, options)
}

/// `name, ...` of identifiers.
fn ident_list(v: &[String]) -> String {
    v.iter().map(|n| quote_ident(n)).collect::<Vec<_>>().join(", ")
}

impl Display for CreateSchemaStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE SCHEMA")?;
        if self.if_not_exists {
            f.write_str(" IF NOT EXISTS")?;
        }
        if let Some(n) = &self.name {
            write!(f, " {}", quote_ident(n))?;
        }
        if let Some(r) = &self.authrole {
            write!(f, " AUTHORIZATION {r}")?;
        }
        for e in &self.elements {
            write!(f, " {e}")?;
        }
        Ok(())
    }
}

impl Display for CreateExtensionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE EXTENSION ")?;
        if self.if_not_exists {
            f.write_str("IF NOT EXISTS ")?;
        }
        f.write_str(&quote_ident(&self.name))?;
        for o in &self.options {
            match o {
                ExtensionOption::Schema(s) => write!(f, " SCHEMA {}", quote_ident(s))?,
                ExtensionOption::Version(v) => write!(f, " VERSION {}", quote_literal(v))?,
                ExtensionOption::Cascade => f.write_str(" CASCADE")?,
            }
        }
        Ok(())
    }
}

impl Display for AlterExtensionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER EXTENSION {} UPDATE", quote_ident(&self.name))?;
        for v in &self.versions {
            write!(f, " TO {}", quote_literal(v))?;
        }
        Ok(())
    }
}

impl Display for AlterExtensionContentsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verb = if self.add { "ADD" } else { "DROP" };
        write!(f, "ALTER EXTENSION {} {verb} {}", quote_ident(&self.name), self.object)
    }
}

impl Display for CreateUserMappingStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE USER MAPPING ")?;
        if self.if_not_exists {
            f.write_str("IF NOT EXISTS ")?;
        }
        write!(f, "FOR {} SERVER {}", self.user, quote_ident(&self.server))?;
        generic_options(f, &self.options)
    }
}

impl Display for AlterUserMappingStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER USER MAPPING FOR {} SERVER {}", self.user, quote_ident(&self.server))?;
        opt_options(f, &self.options)
    }
}

/// ` HANDLER f`, ` NO VALIDATOR`, ...
fn fdw_func_options(f: &mut Formatter<'_>, options: &[FdwFuncOption]) -> fmt::Result {
    for o in options {
        match o {
            FdwFuncOption::Handler(Some(h)) => write!(f, " HANDLER {}", names(h))?,
            FdwFuncOption::Handler(None) => f.write_str(" NO HANDLER")?,
            FdwFuncOption::Validator(Some(v)) => write!(f, " VALIDATOR {}", names(v))?,
            FdwFuncOption::Validator(None) => f.write_str(" NO VALIDATOR")?,
        }
    }
    Ok(())
}

impl Display for CreateFdwStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE FOREIGN DATA WRAPPER {}", quote_ident(&self.name))?;
        fdw_func_options(f, &self.func_options)?;
        generic_options(f, &self.options)
    }
}

impl Display for AlterFdwStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER FOREIGN DATA WRAPPER {}", quote_ident(&self.name))?;
        fdw_func_options(f, &self.func_options)?;
        opt_options(f, &self.options)
    }
}

/// ` VERSION 'v'` / ` VERSION NULL`.
fn server_version(f: &mut Formatter<'_>, version: &Option<Option<String>>) -> fmt::Result {
    match version {
        None => Ok(()),
        Some(None) => f.write_str(" VERSION NULL"),
        Some(Some(v)) => write!(f, " VERSION {}", quote_literal(v)),
    }
}

impl Display for CreateServerStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE SERVER ")?;
        if self.if_not_exists {
            f.write_str("IF NOT EXISTS ")?;
        }
        f.write_str(&quote_ident(&self.name))?;
        if let Some(t) = &self.server_type {
            write!(f, " TYPE {}", quote_literal(t))?;
        }
        server_version(f, &self.version)?;
        write!(f, " FOREIGN DATA WRAPPER {}", quote_ident(&self.fdw))?;
        generic_options(f, &self.options)
    }
}

impl Display for AlterServerStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER SERVER {}", quote_ident(&self.name))?;
        server_version(f, &self.version)?;
        opt_options(f, &self.options)
    }
}

impl Display for ImportForeignSchemaStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "IMPORT FOREIGN SCHEMA {}", quote_ident(&self.remote_schema))?;
        match self.list_type {
            ImportListType::All => {}
            ImportListType::LimitTo => f.write_str(" LIMIT TO (")?,
            ImportListType::Except => f.write_str(" EXCEPT (")?,
        }
        if self.list_type != ImportListType::All {
            list(f, &self.tables, ", ")?;
            f.write_str(")")?;
        }
        write!(f, " FROM SERVER {} INTO {}", quote_ident(&self.server), quote_ident(&self.local_schema))?;
        generic_options(f, &self.options)
    }
}

impl Display for PublicationObject {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PublicationObject::Table { relation, columns, where_clause } => {
                write!(f, "TABLE {relation}")?;
                if !columns.is_empty() {
                    write!(f, " ({})", ident_list(columns))?;
                }
                if let Some(w) = where_clause {
                    write!(f, " WHERE ({w})")?;
                }
                Ok(())
            }
            PublicationObject::TablesInSchema(s) => write!(f, "TABLES IN SCHEMA {}", quote_ident(s)),
            PublicationObject::TablesInCurrentSchema => f.write_str("TABLES IN SCHEMA CURRENT_SCHEMA"),
        }
    }
}

impl Display for PublicationAction {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PublicationAction::Add => "ADD",
            PublicationAction::Set => "SET",
            PublicationAction::Drop => "DROP",
        })
    }
}

impl Display for CreatePublicationStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE PUBLICATION {}", quote_ident(&self.name))?;
        if self.for_all_tables {
            f.write_str(" FOR ALL TABLES")?;
        } else if !self.objects.is_empty() {
            f.write_str(" FOR ")?;
            list(f, &self.objects, ", ")?;
        }
        opt_with(f, &self.options)
    }
}

impl Display for AlterPublicationStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER PUBLICATION {} ", quote_ident(&self.name))?;
        match &self.action {
            AlterPublicationAction::Objects(action, objects) => {
                write!(f, "{action} ")?;
                list(f, objects, ", ")
            }
            AlterPublicationAction::Options(options) => {
                f.write_str("SET ")?;
                definition(f, options)
            }
        }
    }
}

impl Display for CreateSubscriptionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CREATE SUBSCRIPTION {} CONNECTION {} PUBLICATION {}",
            quote_ident(&self.name),
            quote_literal(&self.conninfo),
            ident_list(&self.publications)
        )?;
        opt_with(f, &self.options)
    }
}

impl Display for AlterSubscriptionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER SUBSCRIPTION {} ", quote_ident(&self.name))?;
        match &self.action {
            AlterSubscriptionAction::Connection(c) => write!(f, "CONNECTION {}", quote_literal(c)),
            AlterSubscriptionAction::Publication(action, names, options) => {
                write!(f, "{action} PUBLICATION {}", ident_list(names))?;
                opt_with(f, options)
            }
            AlterSubscriptionAction::Refresh(options) => {
                f.write_str("REFRESH PUBLICATION")?;
                opt_with(f, options)
            }
            AlterSubscriptionAction::Enable(true) => f.write_str("ENABLE"),
            AlterSubscriptionAction::Enable(false) => f.write_str("DISABLE"),
            AlterSubscriptionAction::Options(options) => {
                f.write_str("SET ")?;
                definition(f, options)
            }
            AlterSubscriptionAction::Skip(options) => {
                f.write_str("SKIP ")?;
                definition(f, options)
            }
        }
    }
}

impl Display for CreateTablespaceStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE TABLESPACE {}", quote_ident(&self.name))?;
        if let Some(o) = &self.owner {
            write!(f, " OWNER {o}")?;
        }
        write!(f, " LOCATION {}", quote_literal(&self.location))?;
        opt_with(f, &self.options)
    }
}

impl Display for AlterTablespaceOptionsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verb = if self.is_reset { "RESET" } else { "SET" };
        write!(f, "ALTER TABLESPACE {} {verb} ", quote_ident(&self.name))?;
        definition(f, &self.options)
    }
}

impl Display for CreateAmStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            AccessMethodKind::Index => "INDEX",
            AccessMethodKind::Table => "TABLE",
        };
        write!(f, "CREATE ACCESS METHOD {} TYPE {kind} HANDLER {}", quote_ident(&self.name), names(&self.handler))
    }
}

impl Display for DatabaseOption {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.name.as_str() {
            "connection_limit" => f.write_str("CONNECTION LIMIT")?,
            // The keywords createdb_opt_name accepts besides identifiers.
            n @ ("encoding" | "location" | "owner" | "tablespace" | "template") => f.write_str(&n.to_uppercase())?,
            n => f.write_str(&quote_ident(n))?,
        }
        match &self.value {
            Some(v) => write!(f, " = {v}"),
            None => f.write_str(" = DEFAULT"),
        }
    }
}

impl Display for CreateDatabaseStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE DATABASE {}", quote_ident(&self.name))?;
        if !self.options.is_empty() {
            f.write_str(" WITH ")?;
            list(f, &self.options, " ")?;
        }
        Ok(())
    }
}

impl Display for AlterDatabaseStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER DATABASE {}", quote_ident(&self.name))?;
        match &self.action {
            AlterDatabaseAction::Options(options) => {
                if !options.is_empty() {
                    f.write_str(" WITH ")?;
                    list(f, options, " ")?;
                }
                Ok(())
            }
            AlterDatabaseAction::SetTablespace(t) => write!(f, " SET TABLESPACE {}", quote_ident(t)),
            AlterDatabaseAction::Set(set) => write!(f, " {set}"),
            AlterDatabaseAction::RefreshCollationVersion => f.write_str(" REFRESH COLLATION VERSION"),
        }
    }
}
