//! CREATE TABLE, CREATE VIEW, DROP TABLE and DROP VIEW (PostgreSQL's
//! `commands/tablecmds.c` DefineRelation / RemoveRelations,
//! `commands/view.c` DefineView, `catalog/namespace.c`
//! RangeVarGetCreationNamespace, and `dependency.c` for what a DROP
//! takes with it).
//!
//! The statement is turned into pg-catalog's `heap::NewRelation` here:
//! the creation schema, each column's type (through the analyzer's type
//! names), NOT NULL, DEFAULT and CHECK. Expressions are kept as SQL text
//! printed from the parse tree (pg-catalog's `heap` module doc says why).
//! `heap_create_with_catalog` writes the rows; a table's file is created
//! and WAL-logged by `relstorage::relation_create_storage`, and removed
//! again if the transaction aborts.
//!
//! # For the next session
//!
//! - Temporary tables live in `pg_temp_<N>` (N = the backend's proc
//!   number + 1), in local buffers, and are dropped at session end
//!   (`remove_temp_relations_at_exit`, called from `at_proc_exit`) or by
//!   the next backend with the same number. ON COMMIT DROP/DELETE ROWS
//!   are not done.
//! - Storage parameters (`WITH (fillfactor = 70, toast.autovacuum_enabled
//!   = false)`) are checked and stored by `reloptions.rs`; `toast.` ones go
//!   on the TOAST table's row when there is one.
//! - COPY FREEZE's condition (the table got its file in this
//!   subtransaction) is kept by `note_new_relfilenode`, called by CREATE
//!   TABLE, TRUNCATE and the ALTER TABLE rewrites.
//! - `CREATE TYPE ... AS ENUM` still answers 0A000: every type the
//!   server knows is compiled into pg-types (`lookup_type`, io, storage,
//!   operators) and the analyzer resolves type names there only. An enum
//!   needs catalog-driven types first: pg_type/pg_enum rows (PostgreSQL
//!   gives the labels even OIDs in sort order, `enumsortorder` 1, 2, ...),
//!   the analyzer resolving names through pg_type, and enum_in/enum_out/
//!   comparison by sort order looked up from pg_enum (values stored as the
//!   label's OID, 4 bytes by value). The clients suite's psql and pg_dump
//!   setups create one, but also need domains, indexes, sequences and
//!   functions.
//! - Not done: UNLOGGED, LIKE, inheritance, partitions, identity and generated
//!   columns, UNIQUE/PRIMARY KEY/FOREIGN KEY/EXCLUDE (no indexes); a
//!   view's dependencies are on
//!   whole relations (PostgreSQL records each column read, so DROP COLUMN
//!   does not see the views that read the column yet).

use crate::session::Session;
use pg_catalog::catdef::{
    pg_attrdef, pg_attribute, pg_class, pg_constraint, pg_depend, pg_description, pg_namespace, pg_rewrite,
    pg_shdepend, pg_type,
};
use pg_catalog::heap::{NewCheck, NewColumn, NewRelation, ViewRule};
use pg_catalog::scan::{scan_catalog, CatalogTuple};
use pg_catalog::{syscache, Persistence, RelKind, PG_CATALOG_NAMESPACE};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{
    ConstraintKind, CreateStmt, DropBehavior, DropStmt, ObjectName, ObjectType, OnCommit, RangeVar, TableElement,
    ViewStmt,
};
use pg_types::{Datum, Oid};

fn not_supported(what: &str) -> PgError {
    PgError::not_supported(format!("{what} is not supported yet"))
}

/// DROP ... CASCADE's NOTICE (`reportDependentObjects`): the one object
/// dropped with it, or how many, each listed in the DETAIL.
pub(crate) fn report_drop_cascades(lines: Vec<String>) {
    match lines.as_slice() {
        [] => {}
        [one] => notice(SqlState::SUCCESSFUL_COMPLETION, one.clone()),
        _ => pg_error::notice::emit_notice(
            PgError::notice(
                Severity::Notice,
                SqlState::SUCCESSFUL_COMPLETION,
                format!("drop cascades to {} other objects", lines.len()),
            )
            .with_detail(lines.join("\n")),
        ),
    }
}

fn notice(code: SqlState, message: String) {
    pg_error::notice::emit_notice(PgError::notice(Severity::Notice, code, message));
}

/// `GetNewObjectId`: the next OID of the cluster's shared counter.
fn new_object_id() -> PgResult<Oid> {
    pg_wal::varsup::get_new_object_id()
}

/// `CommandCounterIncrement`: this command's catalog changes become
/// visible to the next command (and the caches are told).
fn command_counter_increment() -> PgResult<()> {
    pg_wal::xact::command_counter_increment()
}

/// DDL reads and writes the current database's catalogs: a backend that
/// has not attached its database's catalogs (`MyDatabaseId` unset) cannot
/// run it.
fn require_database(command: &str) -> PgResult<Oid> {
    match pg_catalog::inval::my_database() {
        0 => Err(not_supported(command)),
        db => Ok(db),
    }
}

/// The objects a statement names must exist before anything else is said
/// about it: the analyzer's check (a new relation's schema, LIKE and
/// INHERITS sources, DROP's relations) with PostgreSQL's errors and
/// positions.
pub fn check_named_objects(sql: &str, stmt: &pg_parser::ast::Stmt) -> PgResult<()> {
    let Some(target) = stmt.unsupported_target() else { return Ok(()) };
    let settings = crate::exec::output_settings();
    crate::exec::with_analyze_env(sql, &settings, |env| pg_analyze::check_unsupported_target(&target, env))
}

/// This backend's number in temporary schema names (`pg_temp_<N>`,
/// PostgreSQL's `MyBackendId`, from 1) and in its temporary files
/// (`t<N>_<relfilenode>`).
pub(crate) fn my_backend_id() -> Option<i32> {
    pg_proc::procarray::my_proc_number().map(|n| n as i32 + 1)
}

thread_local! {
    /// The relations that got a new file in this transaction, with the
    /// (sub)transaction that made it: PostgreSQL's `rd_createSubid` and
    /// `rd_newRelfilenodeSubid`, kept by xid (a later transaction's xids
    /// never match, so stale entries are harmless and dropped when a new
    /// one is noted).
    static NEW_RELFILENODES: std::cell::RefCell<Vec<(Oid, pg_proc::xid::TransactionId)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes that relation `relid` got a new file (CREATE TABLE, TRUNCATE, a
/// table rewrite) in the current subtransaction, whose xid was assigned
/// by the catalog change.
pub(crate) fn note_new_relfilenode(relid: Oid) {
    let xid = pg_wal::xact::get_current_transaction_id_if_any();
    let top = pg_wal::xact::get_top_transaction_id_if_any();
    NEW_RELFILENODES.with(|v| {
        let mut v = v.borrow_mut();
        v.retain(|(_, x)| *x >= top);
        v.push((relid, xid));
    });
}

/// Whether relation `relid` was created or got a new file in the current
/// subtransaction (COPY FREEZE's condition).
pub(crate) fn new_relfilenode_in_current_subtransaction(relid: Oid) -> bool {
    let xid = pg_wal::xact::get_current_transaction_id_if_any();
    xid != pg_proc::xid::INVALID_TRANSACTION_ID
        && NEW_RELFILENODES.with(|v| v.borrow().iter().any(|&(r, x)| r == relid && x == xid))
}

/// This session's temporary schema (`pg_temp_<N>`), once the session has
/// taken it into use (PostgreSQL's `myTempNamespace`). A schema of that
/// name left by an earlier backend is not the session's until then.
pub(crate) fn my_temp_namespace() -> PgResult<Option<Oid>> {
    if !pg_catalog::temp_namespace_in_use() {
        return Ok(None);
    }
    existing_temp_namespace()
}

/// The schema `pg_temp_<N>` of this backend's number, if it exists, whoever
/// left it.
fn existing_temp_namespace() -> PgResult<Option<Oid>> {
    let Some(n) = my_backend_id() else { return Ok(None) };
    Ok(syscache::namespace_by_name(&format!("pg_temp_{n}"))?.map(|r| r.oid(pg_namespace::OID)))
}

/// `InitTempTableNamespace`: this session's temporary schema, made (with
/// its `pg_toast_temp_<N>`) on first use. A schema left by an earlier
/// backend with the same number is emptied first, as PostgreSQL does.
fn temp_namespace_for_create(nest_level: u32) -> PgResult<Oid> {
    let n = my_backend_id().ok_or_else(|| not_supported("temporary tables outside a backend"))?;
    if let Some(ns) = existing_temp_namespace()? {
        if !pg_catalog::temp_namespace_in_use() {
            remove_temp_relations(ns, nest_level)?;
            pg_catalog::set_temp_namespace_in_use();
        }
        return Ok(ns);
    }
    let mut oid = 0;
    for name in [format!("pg_temp_{n}"), format!("pg_toast_temp_{n}")] {
        let ns = new_object_id()?;
        let mut row = pg_catalog::catdef::new_row(&pg_namespace::DEF);
        row[pg_namespace::OID] = Datum::Oid(ns);
        row[pg_namespace::NSPNAME] = Datum::Text(name);
        row[pg_namespace::NSPOWNER] = Datum::Oid(pg_catalog::BOOTSTRAP_SUPERUSER_ID);
        pg_catalog::indexing::catalog_tuple_insert(pg_namespace::RELATION_ID, &row)?;
        if oid == 0 {
            oid = ns;
        }
    }
    pg_catalog::set_temp_namespace_in_use();
    command_counter_increment()?;
    Ok(oid)
}

/// `RemoveTempRelations`: every relation of temporary schema `ns`, views
/// first (they may read the tables).
fn remove_temp_relations(ns: Oid, nest_level: u32) -> PgResult<usize> {
    let mut rels: Vec<(u8, Oid)> =
        scan_catalog(pg_class::RELATION_ID, |r| r[pg_class::RELNAMESPACE] == Datum::Oid(ns))?
            .iter()
            .map(|r| (r.char(pg_class::RELKIND), r.oid(pg_class::OID)))
            .collect();
    rels.sort_by_key(|(kind, _)| u8::from(*kind != b'v'));
    for (_, relid) in &rels {
        drop_relation_rows(*relid, nest_level)?;
        command_counter_increment()?;
    }
    Ok(rels.len())
}

/// At the end of the session (`RemoveTempRelationsCallback`): the
/// session's temporary relations go, in a transaction of their own.
/// Returns whether there was a temporary schema to empty.
pub(crate) fn remove_temp_relations_at_exit() -> PgResult<bool> {
    match my_temp_namespace()? {
        Some(ns) => remove_temp_relations(ns, 1).map(|_| true),
        None => Ok(false),
    }
}

/// The schemas unqualified names are looked up in (`search_path` after
/// `pg_catalog`, as `recomputeNamespacePath`), with a flag saying whether
/// each was listed explicitly (the creation schema is the first of those).
pub(crate) fn search_path_namespaces(session: &Session) -> PgResult<Vec<(Oid, bool)>> {
    let names = crate::exec::search_path();
    let mut path = Vec::new();
    // The session's temporary schema is searched first, unless listed.
    if let Some(temp) = my_temp_namespace()? {
        path.push((temp, false));
    }
    if !names.iter().any(|n| n == "pg_catalog") {
        path.push((PG_CATALOG_NAMESPACE, false));
    }
    for n in &names {
        let n = if n == "$user" { session.role.name.as_str() } else { n.as_str() };
        if let Some(row) = syscache::namespace_by_name(n)? {
            let oid = row.oid(pg_namespace::OID);
            if !path.iter().any(|(o, _)| *o == oid) {
                path.push((oid, true));
            }
        }
    }
    Ok(path)
}

fn namespace_named(name: &str) -> PgResult<Oid> {
    syscache::namespace_by_name(name)?
        .map(|r| r.oid(pg_namespace::OID))
        .ok_or_else(|| PgError::new(SqlState::INVALID_SCHEMA_NAME, format!("schema \"{name}\" does not exist")))
}

/// `RangeVarGetCreationNamespace`: the named schema, or the first schema
/// of `search_path` that exists.
fn creation_namespace(session: &Session, sql: &str, rv: &RangeVar, nest_level: u32) -> PgResult<Oid> {
    let temp_schema = rv.schema.as_deref().is_some_and(|s| s == "pg_temp" || s.starts_with("pg_temp_"));
    if rv.persistence == 't' || temp_schema {
        if rv.schema.is_some() && !temp_schema {
            return Err(PgError::new(
                SqlState::INVALID_TABLE_DEFINITION,
                "cannot create temporary relation in non-temporary schema",
            )
            .with_position(pg_parser::byte_to_char_position(sql, rv.location.0)));
        }
        return temp_namespace_for_create(nest_level);
    }
    let ns = match &rv.schema {
        Some(s) => namespace_named(s)?,
        None => {
            search_path_namespaces(session)?.into_iter().find(|(_, explicit)| *explicit).map(|(o, _)| o).ok_or_else(
                || PgError::new(SqlState::INVALID_SCHEMA_NAME, "no schema has been selected to create in"),
            )?
        }
    };
    if ns == PG_CATALOG_NAMESPACE || ns == pg_catalog::PG_TOAST_NAMESPACE {
        let schema = if ns == PG_CATALOG_NAMESPACE { "pg_catalog" } else { "pg_toast" };
        return Err(PgError::new(
            SqlState::INSUFFICIENT_PRIVILEGE,
            format!("permission denied to create \"{schema}.{}\"", rv.name),
        )
        .with_detail("System catalog modifications are currently disallowed."));
    }
    Ok(ns)
}

/// The columns among `columns` that an expression's SQL text names: the
/// identifiers of its tokens that are not function names
/// (`pull_var_clause` over the raw text, for naming CHECK constraints and
/// their dependencies).
pub(crate) fn columns_named_in(expr_sql: &str, columns: &[NewColumn]) -> Vec<i16> {
    use pg_parser::lexer::TokenKind;
    let Ok(tokens) = pg_parser::lexer::tokenize(expr_sql) else { return Vec::new() };
    let mut out: Vec<i16> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let word = match &t.kind {
            TokenKind::Ident(s) => s.clone(),
            TokenKind::Keyword(k) => k.word.to_string(),
            _ => continue,
        };
        let is_call = matches!(tokens.get(i + 1).map(|n| &n.kind), Some(TokenKind::Char('(')));
        if is_call {
            continue;
        }
        if let Some(pos) = columns.iter().position(|c| c.name == word) {
            let attnum = pos as i16 + 1;
            if !out.contains(&attnum) {
                out.push(attnum);
            }
        }
    }
    out
}

/// Parses and analyzes a query the server made up to check an
/// expression, and returns it with its FROM item. Errors carry no cursor
/// position: it would point into text the client never sent.
pub(crate) fn analyze_made_up(sql: &str) -> PgResult<pg_analyze::Query> {
    let strip = |mut e: PgError| {
        e.position = None;
        e
    };
    let stmts = pg_parser::parse(sql).map_err(strip)?;
    let settings = crate::exec::output_settings();
    crate::exec::with_analyze_env(sql, &settings, |env| pg_analyze::analyze(&stmts[0], env)).map_err(strip)
}

/// `cookDefault`: checks a column's DEFAULT against the column's type and
/// returns the text stored in `pg_attrdef.adbin`, printed as PostgreSQL's
/// `pg_get_expr` prints it (`'x'::character varying`, `now()`,
/// `'-1'::integer`); `None` for `DEFAULT NULL`, which PostgreSQL does not
/// store.
pub(crate) fn cook_default(
    full_sql: &str,
    raw: &pg_parser::ast::Expr,
    column: &str,
    type_oid: Oid,
) -> PgResult<Option<String>> {
    use pg_parser::ast::{ExprKind, Value};
    match &raw.kind {
        ExprKind::Const(Value::Null) => return Ok(None),
        // CURRENT_TIMESTAMP and friends print as the keywords they are.
        ExprKind::SqlValueFunction { .. } => return Ok(Some(raw.to_string())),
        _ => {}
    }
    let unknown_literal = matches!(raw.kind, ExprKind::Const(Value::String(_)));
    // A literal becomes a constant of the type without its typmod (the
    // length coercion is applied when the default is used), as PostgreSQL
    // stores it: `'ab'::bpchar` for a char(3) column.
    let type_text = crate::catfuncs::format_type_sql(type_oid, Some(-1))?;
    let sql = if unknown_literal { format!("SELECT CAST(({raw}) AS {type_text})") } else { format!("SELECT ({raw})") };
    let query = analyze_made_up(&sql).map_err(|e| {
        if e.code == SqlState::UNDEFINED_COLUMN {
            PgError::new(SqlState::FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression")
                .with_position(pg_parser::byte_to_char_position(full_sql, raw.location.0))
        } else {
            e
        }
    })?;
    let expr = &query.target_list[0].expr;
    let found = expr.type_oid();
    let assignable = found == type_oid
        || pg_analyze::coerce::can_coerce(found, type_oid, pg_analyze::registry::CoercionContext::Assignment);
    if !assignable {
        return Err(PgError::new(
            SqlState::DATATYPE_MISMATCH,
            format!(
                "column \"{column}\" is of type {} but default expression is of type {}",
                pg_types::format_type(type_oid, -1),
                pg_types::format_type(found, -1)
            ),
        )
        .with_hint("You will need to rewrite or cast the expression."));
    }
    Ok(Some(pg_planner::explain::deparse_expression(expr, None)))
}

/// `cookConstraint` for CHECK: the expression analyzed over the table's
/// columns (`columns`: live name, type, typmod), which must be boolean,
/// and the text stored in `pg_constraint.conbin` as PostgreSQL prints it
/// (`(a > 0)`, `((c > (a)::numeric))`).
pub(crate) fn cook_check(
    raw: &str,
    position: Option<u32>,
    table: &str,
    columns: &[(String, Oid, i32)],
) -> PgResult<String> {
    use crate::format::quote_identifier;
    let sql = if columns.is_empty() {
        format!("SELECT ({raw})")
    } else {
        let mut nulls = Vec::new();
        for (_, t, m) in columns {
            nulls.push(format!("NULL::{}", crate::catfuncs::format_type_sql(*t, Some(*m))?));
        }
        let names: Vec<String> = columns.iter().map(|(n, ..)| quote_identifier(n)).collect();
        format!(
            "SELECT ({raw}) FROM (VALUES ({})) AS {}({})",
            nulls.join(", "),
            quote_identifier(table),
            names.join(", ")
        )
    };
    let query = analyze_made_up(&sql)?;
    let expr = &query.target_list[0].expr;
    if expr.type_oid() != pg_types::oid::BOOL {
        let e = PgError::new(
            SqlState::DATATYPE_MISMATCH,
            format!("argument of CHECK must be type boolean, not type {}", pg_types::format_type(expr.type_oid(), -1)),
        );
        return Err(match position {
            Some(p) => e.with_position(p),
            None => e,
        });
    }
    Ok(pg_planner::explain::deparse_expression(expr, query.rtable.as_ref()))
}

/// CREATE TABLE (`DefineRelation` for a plain table).
pub fn create_table(session: &Session, sql: &str, stmt: &CreateStmt, nest_level: u32) -> PgResult<String> {
    let tag = "CREATE TABLE".to_string();
    let database = require_database(&tag)?;
    if !stmt.inh_relations.is_empty() {
        return Err(not_supported("table inheritance"));
    }
    if stmt.partbound.is_some() || stmt.partspec.is_some() {
        return Err(not_supported("partitioned tables"));
    }
    if stmt.of_type.is_some() {
        return Err(not_supported("typed tables"));
    }
    if stmt.tablespace.is_some() {
        return Err(not_supported("TABLESPACE"));
    }
    if stmt.access_method.as_deref().is_some_and(|m| m != "heap") {
        return Err(not_supported("table access methods other than heap"));
    }
    if stmt.on_commit != OnCommit::Noop && stmt.relation.persistence != 't' {
        return Err(PgError::new(SqlState::INVALID_TABLE_DEFINITION, "ON COMMIT can only be used on temporary tables"));
    }
    if matches!(stmt.on_commit, OnCommit::DeleteRows | OnCommit::Drop) {
        return Err(not_supported("ON COMMIT DELETE ROWS and ON COMMIT DROP"));
    }
    let persistence = match stmt.relation.persistence {
        'u' => return Err(not_supported("CREATE UNLOGGED TABLE")),
        't' => Persistence::Temp,
        _ => Persistence::Permanent,
    };
    let namespace = creation_namespace(session, sql, &stmt.relation, nest_level)?;
    // The storage parameters are checked before anything is made.
    let options = crate::reloptions::transform_rel_options(&[], &[], &stmt.options, false, true)?;
    let persistence = if stmt.relation.persistence == 't' || Some(namespace) == my_temp_namespace()? {
        Persistence::Temp
    } else {
        persistence
    };
    let name = &stmt.relation.name;
    if stmt.if_not_exists && syscache::class_by_name(namespace, name)?.is_some() {
        notice(SqlState::DUPLICATE_TABLE, format!("relation \"{name}\" already exists, skipping"));
        return Ok(tag);
    }

    let settings = crate::exec::output_settings();
    let mut columns: Vec<NewColumn> = Vec::new();
    // (explicit name, expression text, its position, NO INHERIT)
    let mut raw_checks: Vec<(Option<String>, String, u32, bool)> = Vec::new();
    for elt in &stmt.table_elts {
        match elt {
            TableElement::Like(_) => return Err(not_supported("CREATE TABLE ... LIKE")),
            TableElement::Column(c) => {
                let Some(type_name) = &c.type_name else {
                    return Err(PgError::internal("a column without a type outside a typed table"));
                };
                if c.collation.is_some() {
                    return Err(not_supported("COLLATE on a column"));
                }
                if c.compression.is_some() {
                    return Err(not_supported("COMPRESSION on a column"));
                }
                let (type_oid, typmod) =
                    crate::exec::with_analyze_env(sql, &settings, |env| pg_analyze::resolve_type_name(type_name, env))?;
                let mut col = NewColumn {
                    name: c.name.clone(),
                    type_oid,
                    typmod,
                    ndims: type_name.array_bounds.len() as i32,
                    not_null: false,
                    default: None,
                };
                let (mut saw_null, mut saw_not_null) = (false, false);
                for con in &c.constraints {
                    match &con.kind {
                        ConstraintKind::NotNull | ConstraintKind::Null => {
                            let not_null = con.kind == ConstraintKind::NotNull;
                            if (not_null && saw_null) || (!not_null && saw_not_null) {
                                return Err(PgError::new(
                                    SqlState::SYNTAX_ERROR,
                                    format!(
                                        "conflicting NULL/NOT NULL declarations for column \"{}\" of table \"{name}\"",
                                        c.name
                                    ),
                                )
                                .with_position(pg_parser::byte_to_char_position(sql, con.location.0)));
                            }
                            saw_null |= !not_null;
                            saw_not_null |= not_null;
                            col.not_null = not_null;
                        }
                        ConstraintKind::Default(e) => {
                            if col.default.is_some() {
                                return Err(PgError::new(
                                    SqlState::SYNTAX_ERROR,
                                    format!(
                                        "multiple default values specified for column \"{}\" of table \"{name}\"",
                                        c.name
                                    ),
                                )
                                .with_position(pg_parser::byte_to_char_position(sql, con.location.0)));
                            }
                            col.default = cook_default(sql, e, &c.name, type_oid)?;
                        }
                        ConstraintKind::Check(e) => raw_checks.push((
                            con.name.clone(),
                            e.to_string(),
                            pg_parser::byte_to_char_position(sql, pg_analyze::expr::leftmost(e)),
                            con.no_inherit,
                        )),
                        ConstraintKind::AttrDeferrable
                        | ConstraintKind::AttrNotDeferrable
                        | ConstraintKind::AttrDeferred
                        | ConstraintKind::AttrImmediate => {}
                        ConstraintKind::Generated(_) => return Err(not_supported("generated columns")),
                        ConstraintKind::Identity { .. } => return Err(not_supported("identity columns")),
                        ConstraintKind::Unique(_) | ConstraintKind::PrimaryKey(_) | ConstraintKind::Exclusion(_) => {
                            return Err(PgError::not_supported(
                                "UNIQUE, PRIMARY KEY and EXCLUDE constraints are not supported yet",
                            ))
                        }
                        ConstraintKind::ForeignKey(_) => return Err(not_supported("FOREIGN KEY constraints")),
                    }
                }
                columns.push(col);
            }
            TableElement::Constraint(con) => match &con.kind {
                ConstraintKind::Check(e) => raw_checks.push((
                    con.name.clone(),
                    e.to_string(),
                    pg_parser::byte_to_char_position(sql, pg_analyze::expr::leftmost(e)),
                    con.no_inherit,
                )),
                ConstraintKind::ForeignKey(_) => return Err(not_supported("FOREIGN KEY constraints")),
                _ => {
                    return Err(PgError::not_supported(
                        "UNIQUE, PRIMARY KEY and EXCLUDE constraints are not supported yet",
                    ))
                }
            },
        }
    }
    pg_catalog::heap::check_new_columns(&columns)?;

    // Name the CHECK constraints as AddRelationNewConstraints does:
    // explicit names first must be unique, then the generated ones avoid
    // every name taken so far.
    let mut taken: Vec<String> = Vec::new();
    for (explicit, ..) in &raw_checks {
        if let Some(n) = explicit {
            if taken.contains(n) {
                return Err(PgError::new(
                    SqlState::DUPLICATE_OBJECT,
                    format!("check constraint \"{n}\" already exists"),
                ));
            }
            taken.push(n.clone());
        }
    }
    let typed: Vec<(String, Oid, i32)> = columns.iter().map(|c| (c.name.clone(), c.type_oid, c.typmod)).collect();
    let mut checks = Vec::new();
    for (explicit, expr, position, no_inherit) in raw_checks {
        let expr = cook_check(&expr, Some(position), name, &typed)?;
        let cols = columns_named_in(&expr, &columns);
        let con_name = match explicit {
            Some(n) => n,
            None => {
                let column = match cols.as_slice() {
                    [one] => Some(columns[*one as usize - 1].name.as_str()),
                    _ => None,
                };
                let n = pg_catalog::heap::choose_check_name(name, column, &taken);
                taken.push(n.clone());
                n
            }
        };
        checks.push(NewCheck { name: con_name, expr, columns: cols, no_inherit });
    }

    let rel = NewRelation {
        name: name.clone(),
        namespace,
        kind: RelKind::Table,
        persistence,
        owner: session.role.oid,
        columns,
        checks,
        view: None,
    };
    // The relation's OID is its relfilenode, so the first OID (the relid)
    // must name no existing file (`GetNewRelFileNode`); the rest are
    // ordinary OIDs.
    let backend = if persistence == Persistence::Temp { my_backend_id() } else { None };
    let mut relid = None;
    let mut next_oid = || match relid {
        None => {
            let oid = pg_catalog::relstorage::get_new_relfilenode(database, backend)?;
            relid = Some(oid);
            Ok(oid)
        }
        Some(_) => new_object_id(),
    };
    let oids = pg_catalog::heap::heap_create_with_catalog(&rel, database, &mut next_oid)?;
    if relid != Some(oids.relid) {
        return Err(PgError::internal("heap_create_with_catalog did not take the relation's OID first"));
    }
    let rnode =
        pg_wal::block::RelFileNode { spc: pg_wal::block::DEFAULT_TABLESPACE_OID, db: database, rel: oids.relid };
    pg_catalog::relstorage::relation_create_storage(rnode, backend, persistence == Persistence::Permanent, nest_level)?;
    note_new_relfilenode(oids.relid);
    command_counter_increment()?;
    // The toast relation, when rows may outgrow the TOAST threshold
    // (AlterTableCreateToastTable).
    let desc = pg_storage::tupdesc::TupleDesc::new(
        rel.columns
            .iter()
            .map(|c| pg_storage::tupdesc::Attribute::new(c.name.clone(), c.type_oid, c.typmod))
            .collect::<PgResult<Vec<_>>>()?,
    );
    let toast = pg_catalog::toast::create_toast_table(
        oids.relid,
        &desc,
        persistence,
        session.role.oid,
        database,
        nest_level,
        &mut new_object_id,
    )?;
    if toast.is_some() {
        command_counter_increment()?;
    }
    // `pg_class.reloptions` of the table and of its TOAST table.
    let mut changed = false;
    for (relid, opts) in [(Some(oids.relid), &options.heap), (toast, &options.toast)] {
        let (Some(relid), false) = (relid, opts.is_empty()) else { continue };
        let class = syscache::class_by_oid(relid)?.ok_or_else(|| PgError::internal("new relation vanished"))?;
        let mut values = class.values.clone();
        values[pg_class::RELOPTIONS] = crate::reloptions::reloptions_datum(opts);
        pg_catalog::indexing::catalog_tuple_update(pg_class::RELATION_ID, &class, &values)?;
        changed = true;
    }
    if changed {
        command_counter_increment()?;
    }
    Ok(tag)
}

/// CREATE VIEW (`DefineView`): the query is analyzed and rewritten once to
/// learn its columns and to check it; its text becomes the `_RETURN` rule.
pub fn create_view(session: &Session, sql: &str, stmt: &ViewStmt) -> PgResult<String> {
    let database = require_database("CREATE VIEW")?;
    if stmt.recursive {
        return Err(not_supported("CREATE RECURSIVE VIEW"));
    }
    if !stmt.options.is_empty() || stmt.check_option != pg_parser::ast::ViewCheckOption::None {
        return Err(not_supported("view options and WITH CHECK OPTION"));
    }
    let namespace = creation_namespace(session, sql, &stmt.view, 1)?;
    let name = &stmt.view.name;
    let select = pg_parser::ast::Stmt::Select(stmt.query.clone());
    let raw = pg_parser::ast::RawStmt { stmt: select.clone(), location: 0, len: 0 };
    let settings = crate::exec::output_settings();
    let (columns, reads) = crate::exec::with_analyze_env(sql, &settings, |env| -> PgResult<_> {
        let query = pg_analyze::analyze(&raw, env)?;
        let reads = ::pg_rewrite::views_read(&query);
        let query = ::pg_rewrite::rewrite(query, env)?;
        Ok((::pg_rewrite::view_columns(&query, &stmt.aliases)?, reads))
    })?;
    let columns: Vec<NewColumn> = columns
        .into_iter()
        .map(|c| NewColumn {
            name: c.name,
            type_oid: c.type_oid,
            typmod: c.typmod,
            ndims: 0,
            not_null: false,
            default: None,
        })
        .collect();
    let definition = ::pg_rewrite::view_definition_text(&select);
    let reads: Vec<(Oid, i16)> = reads.into_iter().map(|relid| (relid, 0)).collect();
    if let Some(existing) = syscache::class_by_name(namespace, name)? {
        if stmt.replace && existing.char(pg_class::RELKIND) != b'v' {
            return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{name}\" is not a view")));
        }
        if stmt.replace {
            replace_view(existing.oid(pg_class::OID), &columns, &definition, &reads)?;
            return Ok("CREATE VIEW".to_string());
        }
        return Err(PgError::new(SqlState::DUPLICATE_TABLE, format!("relation \"{name}\" already exists")));
    }
    let rel = NewRelation {
        name: name.clone(),
        namespace,
        kind: RelKind::View,
        persistence: Persistence::Permanent,
        owner: session.role.oid,
        columns,
        checks: Vec::new(),
        view: Some(ViewRule { definition, reads }),
    };
    pg_catalog::heap::heap_create_with_catalog(&rel, database, &mut new_object_id)?;
    command_counter_increment()?;
    Ok("CREATE VIEW".to_string())
}

/// CREATE OR REPLACE VIEW of an existing view (`DefineVirtualRelation`'s
/// replace branch, `checkViewTupleDesc`): the old columns must stay, in
/// order, with their names and types; new ones may follow. The rule's
/// text and its dependencies are replaced.
fn replace_view(relid: Oid, columns: &[NewColumn], definition: &str, reads: &[(Oid, i16)]) -> PgResult<()> {
    use pg_catalog::catdef::pg_attribute;
    let rel = pg_catalog::relcache::relation_open(relid, pg_catalog::compat::LockMode::AccessExclusive)?;
    let old: Vec<_> = rel.tupdesc.attrs.iter().filter(|a| !a.dropped).collect();
    if columns.len() < old.len() {
        return Err(PgError::new(SqlState::INVALID_TABLE_DEFINITION, "cannot drop columns from view"));
    }
    for (o, n) in old.iter().zip(columns) {
        if o.name != n.name {
            return Err(PgError::new(
                SqlState::INVALID_TABLE_DEFINITION,
                format!("cannot change name of view column \"{}\" to \"{}\"", o.name, n.name),
            )
            .with_hint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead."));
        }
        if o.type_oid != n.type_oid || o.typmod != n.typmod {
            return Err(PgError::new(
                SqlState::INVALID_TABLE_DEFINITION,
                format!(
                    "cannot change data type of view column \"{}\" from {} to {}",
                    o.name,
                    crate::catfuncs::format_type_sql(o.type_oid, Some(o.typmod))?,
                    crate::catfuncs::format_type_sql(n.type_oid, Some(n.typmod))?
                ),
            ));
        }
    }
    let natts = rel.tupdesc.attrs.len();
    for (i, col) in columns.iter().enumerate().skip(old.len()) {
        let attnum = (natts + i - old.len() + 1) as i16;
        let row = pg_catalog::heap::attribute_row(relid, attnum, col)?;
        pg_catalog::indexing::catalog_tuple_insert(pg_attribute::RELATION_ID, &row)?;
    }
    if columns.len() > old.len() {
        let class = syscache::class_by_oid(relid)?.ok_or_else(|| PgError::internal("view vanished"))?;
        let mut values = class.values.clone();
        values[pg_class::RELNATTS] = Datum::Int2((natts + columns.len() - old.len()) as i16);
        pg_catalog::indexing::catalog_tuple_update(pg_class::RELATION_ID, &class, &values)?;
    }
    let rules = scan_catalog(pg_rewrite::RELATION_ID, |r| r[pg_rewrite::EV_CLASS] == Datum::Oid(relid))?;
    let rule = rules.first().ok_or_else(|| PgError::internal(format!("view {} has no _RETURN rule", rel.name)))?;
    let rule_oid = rule.oid(pg_rewrite::OID);
    let mut values = rule.values.clone();
    values[pg_rewrite::EV_ACTION] = Datum::Text(definition.to_string());
    pg_catalog::indexing::catalog_tuple_update(pg_rewrite::RELATION_ID, rule, &values)?;
    for d in scan_catalog(pg_depend::RELATION_ID, |r| {
        r[pg_depend::CLASSID] == Datum::Oid(pg_rewrite::RELATION_ID)
            && r[pg_depend::OBJID] == Datum::Oid(rule_oid)
            && r[pg_depend::DEPTYPE] == Datum::Char(b'n')
    })? {
        pg_catalog::indexing::catalog_tuple_delete(pg_depend::RELATION_ID, &d)?;
    }
    for (catalog, row) in pg_catalog::heap::rule_read_depends(rule_oid, reads) {
        pg_catalog::indexing::catalog_tuple_insert(catalog, &row)?;
    }
    command_counter_increment()
}

/// A relation found by DROP: OID, name, kind.
struct Found {
    relid: Oid,
    name: String,
    kind: u8,
}

fn find_relation(session: &Session, names: &[String]) -> PgResult<Option<Found>> {
    let (schema, name) = match names {
        [n] => (None, n),
        [s, n] => (Some(s), n),
        [_, s, n] => (Some(s), n),
        _ => return Err(PgError::new(SqlState::SYNTAX_ERROR, "improper qualified name (too many dotted names)")),
    };
    let spaces = match schema {
        Some(s) => vec![namespace_named(s)?],
        None => search_path_namespaces(session)?.into_iter().map(|(o, _)| o).collect(),
    };
    for ns in spaces {
        if let Some(row) = syscache::class_by_name(ns, name)? {
            return Ok(Some(Found {
                relid: row.oid(pg_class::OID),
                name: name.clone(),
                kind: row.char(pg_class::RELKIND),
            }));
        }
    }
    Ok(None)
}

/// The OID of the relation `names` (`[schema.]name`) designates, through
/// `search_path` when unqualified.
pub(crate) fn find_relation_oid(session: &Session, names: &[String]) -> PgResult<Option<Oid>> {
    Ok(find_relation(session, names)?.map(|f| f.relid))
}

fn kind_word(kind: u8) -> &'static str {
    match kind {
        b'v' => "view",
        b'm' => "materialized view",
        b'i' | b'I' => "index",
        b'S' => "sequence",
        b'f' => "foreign table",
        _ => "table",
    }
}

/// The views whose `_RETURN` rule reads relation `relid` (`pg_depend`
/// rows of a `pg_rewrite` object on it, normal dependency), by view OID.
fn dependent_views(relid: Oid) -> PgResult<Vec<Oid>> {
    let rules: Vec<Oid> = scan_catalog(pg_depend::RELATION_ID, |r| {
        r[pg_depend::REFCLASSID] == Datum::Oid(pg_class::RELATION_ID)
            && r[pg_depend::REFOBJID] == Datum::Oid(relid)
            && r[pg_depend::CLASSID] == Datum::Oid(pg_rewrite::RELATION_ID)
            && r[pg_depend::DEPTYPE] == Datum::Char(b'n')
    })?
    .iter()
    .map(|r| r.oid(pg_depend::OBJID))
    .collect();
    let mut views = Vec::new();
    for rule in rules {
        for r in scan_catalog(pg_rewrite::RELATION_ID, |r| r[pg_rewrite::OID] == Datum::Oid(rule))? {
            let v = r.oid(pg_rewrite::EV_CLASS);
            if v != relid && !views.contains(&v) {
                views.push(v);
            }
        }
    }
    Ok(views)
}

fn delete_where(catalog: Oid, filter: impl FnMut(&[Datum]) -> bool) -> PgResult<Vec<CatalogTuple>> {
    let rows = scan_catalog(catalog, filter)?;
    for r in &rows {
        pg_catalog::indexing::catalog_tuple_delete(catalog, r)?;
    }
    Ok(rows)
}

/// `heap_drop_with_catalog` / `RemoveRewriteRuleById` / `RemoveTypeById`:
/// every catalog row of relation `relid`, and its files at commit.
fn drop_relation_rows(relid: Oid, nest_level: u32) -> PgResult<()> {
    let oid_is = |i: usize| move |r: &[Datum]| r[i] == Datum::Oid(relid);
    let Some(class) = syscache::class_by_oid(relid)? else { return Ok(()) };
    let toast = class.oid(pg_class::RELTOASTRELID);
    if toast != 0 {
        pg_catalog::toast::drop_toast_table(toast, nest_level)?;
    }
    let rowtype = class.oid(pg_class::RELTYPE);
    let relfilenode = class.oid(pg_class::RELFILENODE);
    let persistence = class.char(pg_class::RELPERSISTENCE);
    delete_where(pg_attribute::RELATION_ID, oid_is(pg_attribute::ATTRELID))?;
    let defaults = delete_where(pg_attrdef::RELATION_ID, oid_is(pg_attrdef::ADRELID))?;
    let constraints = delete_where(pg_constraint::RELATION_ID, oid_is(pg_constraint::CONRELID))?;
    let rules = delete_where(pg_rewrite::RELATION_ID, oid_is(pg_rewrite::EV_CLASS))?;
    let array = delete_where(pg_type::RELATION_ID, |r| {
        r[pg_type::TYPELEM] == Datum::Oid(rowtype) && r[pg_type::TYPRELID] == Datum::Oid(0)
    })?;
    delete_where(pg_type::RELATION_ID, |r| r[pg_type::OID] == Datum::Oid(rowtype))?;
    delete_where(pg_description::RELATION_ID, oid_is(pg_description::OBJOID))?;
    // Every dependency row of the objects that went: the relation, its row
    // and array types, defaults, constraints and rules.
    let mut objects: Vec<Oid> = vec![relid, rowtype];
    objects.extend(array.iter().map(|r| r.oid(pg_type::OID)));
    objects.extend(defaults.iter().map(|r| r.oid(pg_attrdef::OID)));
    objects.extend(constraints.iter().map(|r| r.oid(pg_constraint::OID)));
    objects.extend(rules.iter().map(|r| r.oid(pg_rewrite::OID)));
    let named = |v: &Datum| matches!(v, Datum::Oid(o) if objects.contains(o));
    delete_where(pg_depend::RELATION_ID, |r| named(&r[pg_depend::OBJID]) || named(&r[pg_depend::REFOBJID]))?;
    delete_where(pg_shdepend::RELATION_ID, |r| named(&r[pg_shdepend::OBJID]))?;
    pg_catalog::indexing::catalog_tuple_delete(pg_class::RELATION_ID, &class)?;
    if relfilenode != 0 {
        let rnode = pg_wal::block::RelFileNode {
            spc: pg_wal::block::DEFAULT_TABLESPACE_OID,
            db: pg_catalog::inval::my_database(),
            rel: relfilenode,
        };
        let backend =
            if persistence == b't' { pg_catalog::temp_backend_of(class.oid(pg_class::RELNAMESPACE)) } else { None };
        pg_catalog::relstorage::relation_drop_storage(rnode, backend, nest_level);
    }
    Ok(())
}

/// DROP TABLE / DROP VIEW (`RemoveRelations`): each relation, with the
/// views over it under CASCADE (a NOTICE per object), or 2BP01 naming
/// them under RESTRICT.
pub fn drop_relations(session: &Session, stmt: &DropStmt, nest_level: u32) -> PgResult<String> {
    let (want, tag) = match stmt.kind {
        ObjectType::Table => (b'r', "DROP TABLE"),
        ObjectType::View => (b'v', "DROP VIEW"),
        _ => return Err(PgError::internal("drop_relations takes tables and views")),
    };
    require_database(tag)?;
    let mut victims: Vec<Found> = Vec::new();
    for object in &stmt.objects {
        let ObjectName::Any(names) = object else { return Err(PgError::internal("a relation name expected")) };
        // PostgreSQL names the relation without its schema here.
        let shown = names.last().cloned().unwrap_or_default();
        let Some(found) = find_relation(session, names)? else {
            let what = kind_word(want);
            if stmt.missing_ok {
                notice(SqlState::SUCCESSFUL_COMPLETION, format!("{what} \"{shown}\" does not exist, skipping"));
                continue;
            }
            return Err(PgError::new(SqlState::UNDEFINED_TABLE, format!("{what} \"{shown}\" does not exist")));
        };
        if found.kind != want {
            let hint_kind = match found.kind {
                b'v' => "DROP VIEW to remove a view",
                b'm' => "DROP MATERIALIZED VIEW to remove a materialized view",
                b'i' | b'I' => "DROP INDEX to remove an index",
                b'S' => "DROP SEQUENCE to remove a sequence",
                b'f' => "DROP FOREIGN TABLE to remove a foreign table",
                _ => "DROP TABLE to remove a table",
            };
            return Err(PgError::new(
                SqlState::WRONG_OBJECT_TYPE,
                format!("\"{}\" is not a {}", found.name, kind_word(want)),
            )
            .with_hint(format!("Use {hint_kind}.")));
        }
        if found.relid < pg_catalog::bootstrap::FIRST_BOOTSTRAP_OID {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("permission denied: \"{}\" is a system catalog", found.name),
            ));
        }
        if !victims.iter().any(|v| v.relid == found.relid) {
            victims.push(found);
        }
    }
    // AccessExclusiveLock on each, held to the end of the transaction, as
    // RemoveRelations takes it: a DROP waits for the queries reading them.
    for v in &victims {
        pg_catalog::relcache::relation_open(v.relid, pg_catalog::compat::LockMode::AccessExclusive)?;
    }
    // What depends on the victims (views over them, transitively).
    let mut dependents: Vec<(Oid, Oid)> = Vec::new(); // (dependent view, what it reads)
    let mut frontier: Vec<Oid> = victims.iter().map(|v| v.relid).collect();
    while let Some(relid) = frontier.pop() {
        pg_error::check_for_interrupts()?;
        for view in dependent_views(relid)? {
            let listed = victims.iter().any(|v| v.relid == view) || dependents.iter().any(|(d, _)| *d == view);
            if !listed {
                dependents.push((view, relid));
                frontier.push(view);
            }
        }
    }
    let name_of = |relid: Oid| -> PgResult<String> {
        Ok(syscache::class_by_oid(relid)?.map(|r| r.text(pg_class::RELNAME).to_string()).unwrap_or_default())
    };
    if !dependents.is_empty() {
        if stmt.behavior == DropBehavior::Restrict {
            let first = &victims[0];
            let mut detail = Vec::new();
            for (view, on) in &dependents {
                let on_kind = syscache::class_by_oid(*on)?.map_or(b'r', |r| r.char(pg_class::RELKIND));
                detail.push(format!("view {} depends on {} {}", name_of(*view)?, kind_word(on_kind), name_of(*on)?));
            }
            return Err(PgError::new(
                SqlState::DEPENDENT_OBJECTS_STILL_EXIST,
                format!("cannot drop {} {} because other objects depend on it", kind_word(first.kind), first.name),
            )
            .with_detail(detail.join("\n"))
            .with_hint("Use DROP ... CASCADE to drop the dependent objects too."));
        }
        let lines: Vec<String> = dependents
            .iter()
            .map(|(v, _)| name_of(*v).map(|n| format!("drop cascades to view {n}")))
            .collect::<PgResult<_>>()?;
        report_drop_cascades(lines);
    }
    // One object at a time, each made visible before the next is looked
    // at: a later scan must not meet the rows an earlier drop deleted.
    for relid in dependents.iter().rev().map(|(v, _)| *v).chain(victims.iter().map(|v| v.relid)) {
        drop_relation_rows(relid, nest_level)?;
        command_counter_increment()?;
    }
    Ok(tag.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_columns_are_found_in_the_text() {
        let col = |n: &str| NewColumn {
            name: n.into(),
            type_oid: pg_types::oid::INT4,
            typmod: -1,
            ndims: 0,
            not_null: false,
            default: None,
        };
        let cols = [col("a"), col("b"), col("name")];
        assert_eq!(columns_named_in("a > 0", &cols), vec![1]);
        assert_eq!(columns_named_in("(b > a) AND (a < 10)", &cols), vec![2, 1]);
        assert_eq!(columns_named_in("length(name) > 0 AND 'a' <> ''", &cols), vec![3]);
        assert_eq!(columns_named_in("b(1) > 0", &cols), Vec::<i16>::new(), "a function named like a column");
    }
}
