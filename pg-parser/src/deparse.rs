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
mod expr;
mod objects;
mod routines;
mod select;
mod session;
mod utility;

// `var_name`, which SHOW prints with.
use session::*;

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
