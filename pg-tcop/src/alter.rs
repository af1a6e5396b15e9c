//! ALTER TABLE's column and constraint subcommands, SET/RESET (storage
//! parameters), OWNER TO (also ALTER VIEW's) and ALTER ... RENAME
//! (PostgreSQL's `commands/tablecmds.c`: ATExecAddColumn,
//! ATExecColumnDefault, ATExecSetNotNull/DropNotNull, ATExecDropColumn,
//! ATExecAddConstraint/DropConstraint for CHECK, renameatt, RenameRelation,
//! RenameConstraint).
//!
//! Each subcommand changes catalog rows through pg-catalog's indexing
//! calls (which queue the relcache invalidations), under
//! AccessExclusiveLock on the relation, with a CommandCounterIncrement
//! after each so the next one sees it. SET NOT NULL scans the table for
//! NULLs (23502) as PostgreSQL's validation scan does.
//!
//! # For the next session
//!
//! ALTER COLUMN TYPE rewrites the table into a new relfilenode through
//! the assignment cast (USING and COLLATE are not done; the column's
//! default and CHECKs keep their text and are re-analyzed when used).
//!
//! ADD COLUMN with a non-volatile DEFAULT evaluates it once into
//! `pg_attribute.attmissingval` (`atthasmissing`): tuples stored before
//! read it for the column (`heap_deform_some`'s columns past the tuple's
//! own count), and nothing is rewritten. A volatile default (random(),
//! clock_timestamp()) rewrites the table through `rewrite_table`, as ALTER
//! COLUMN TYPE does, which clears every missing value. NOT NULL on a new
//! column without a value for the old rows is checked by a scan; CHECK
//! constraints by a query of the server's own (`check_fails_somewhere`).
//!
//! Not done: the dependencies of views on table columns (DROP COLUMN does
//! not see them until the analyzer reports which columns a view reads);
//! a rewrite leaves the old rows' out-of-line values in the TOAST table
//! (PostgreSQL gives the new file a new TOAST table too).

use crate::session::Session;
use pg_catalog::catdef::{pg_attrdef, pg_attribute, pg_class, pg_constraint, pg_depend, pg_type};
use pg_catalog::compat::LockMode;
use pg_catalog::heap::NewColumn;
use pg_catalog::relcache::{relation_open, RelationData};
use pg_catalog::scan::{scan_catalog, CatalogTuple};
use pg_catalog::{indexing, syscache, RelKind};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{AlterTableCmd, AlterTableStmt, ConstraintKind, RelationKind, RenameRelationStmt, RenameTarget};
use pg_types::{Datum, Oid};
use std::rc::Rc;

fn not_supported(what: &str) -> PgError {
    PgError::not_supported(format!("{what} is not supported yet"))
}

fn notice(message: String) {
    pg_error::notice::emit_notice(PgError::notice(Severity::Notice, SqlState::SUCCESSFUL_COMPLETION, message));
}

fn cci() -> PgResult<()> {
    pg_wal::xact::command_counter_increment()
}

fn column_missing(column: &str, rel: &str) -> PgError {
    PgError::new(SqlState::UNDEFINED_COLUMN, format!("column \"{column}\" of relation \"{rel}\" does not exist"))
}

/// The relation an ALTER names, locked AccessExclusive; `None` (after
/// the NOTICE) when it is missing and IF EXISTS was given.
fn open_target(
    session: &Session,
    rv: &pg_parser::ast::RangeVar,
    missing_ok: bool,
) -> PgResult<Option<Rc<RelationData>>> {
    let mut names: Vec<String> = rv.schema.iter().cloned().collect();
    names.push(rv.name.clone());
    // With IF EXISTS a missing schema is only noted too.
    let found = match crate::ddl::find_relation_oid(session, &names) {
        Err(e) if missing_ok && e.code == SqlState::INVALID_SCHEMA_NAME => None,
        other => other?,
    };
    match found {
        Some(relid) => Ok(Some(relation_open(relid, LockMode::AccessExclusive)?)),
        None if missing_ok => {
            notice(format!("relation \"{}\" does not exist, skipping", rv.name));
            Ok(None)
        }
        None => Err(PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{}\" does not exist", rv.name))),
    }
}

/// The current `pg_attribute` row of a live user column, or 42703 /
/// 428C9 for a system column.
fn user_column(rel: &RelationData, column: &str, what: &str) -> PgResult<Rc<CatalogTuple>> {
    if pg_catalog::catdef::system_attribute_by_name(column).is_some() {
        return Err(PgError::new(SqlState::GENERATED_ALWAYS, format!("cannot {what} system column \"{column}\"")));
    }
    match syscache::attribute_by_name(rel.relid, column)? {
        Some(row) if !row.bool(pg_attribute::ATTISDROPPED) => Ok(row),
        _ => Err(column_missing(column, &rel.name)),
    }
}

fn update_row(catalog: Oid, old: &CatalogTuple, set: impl FnOnce(&mut Vec<Datum>)) -> PgResult<()> {
    let mut values = old.values.clone();
    set(&mut values);
    indexing::catalog_tuple_update(catalog, old, &values)?;
    Ok(())
}

fn class_row(relid: Oid) -> PgResult<Rc<CatalogTuple>> {
    syscache::class_by_oid(relid)?.ok_or_else(|| PgError::internal(format!("cache lookup failed for relation {relid}")))
}

/// Whether the table has any row visible now: the validation scans of
/// SET NOT NULL and of the subcommands that need one.
fn table_has_rows(rel: &RelationData, mut found: impl FnMut(&[Datum]) -> bool) -> PgResult<bool> {
    if rel.kind != RelKind::Table {
        return Ok(false);
    }
    let storage = storage_rel(rel, rel.rnode);
    let snapshot = pg_proc::procarray::get_snapshot_data(pg_wal::xact::get_current_command_id(false))?;
    let mut scan = pg_storage::heap::heapam::HeapScanDesc::begin(&storage, snapshot)?;
    while let Some(tup) = scan.getnext()? {
        pg_error::check_for_interrupts()?;
        let values = pg_storage::heap::tuple::heap_deform_tuple(tup.data, &rel.tupdesc)?;
        if found(&values) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn insert_default(relid: Oid, attnum: i16, expr: &str) -> PgResult<()> {
    let oid = pg_wal::varsup::get_new_object_id()?;
    let mut d = pg_catalog::catdef::new_row(&pg_attrdef::DEF);
    d[pg_attrdef::OID] = Datum::Oid(oid);
    d[pg_attrdef::ADRELID] = Datum::Oid(relid);
    d[pg_attrdef::ADNUM] = Datum::Int2(attnum);
    d[pg_attrdef::ADBIN] = Datum::Text(expr.to_string());
    indexing::catalog_tuple_insert(pg_attrdef::RELATION_ID, &d)?;
    let mut dep = pg_catalog::catdef::new_row(&pg_depend::DEF);
    dep[pg_depend::CLASSID] = Datum::Oid(pg_attrdef::RELATION_ID);
    dep[pg_depend::OBJID] = Datum::Oid(oid);
    dep[pg_depend::OBJSUBID] = Datum::Int4(0);
    dep[pg_depend::REFCLASSID] = Datum::Oid(pg_class::RELATION_ID);
    dep[pg_depend::REFOBJID] = Datum::Oid(relid);
    dep[pg_depend::REFOBJSUBID] = Datum::Int4(attnum.into());
    dep[pg_depend::DEPTYPE] = Datum::Char(b'a');
    indexing::catalog_tuple_insert(pg_depend::RELATION_ID, &dep)?;
    Ok(())
}

/// Removes the default of column `attnum` and its dependency rows.
fn remove_default(relid: Oid, attnum: i16) -> PgResult<bool> {
    let rows = scan_catalog(pg_attrdef::RELATION_ID, |r| {
        r[pg_attrdef::ADRELID] == Datum::Oid(relid) && r[pg_attrdef::ADNUM] == Datum::Int2(attnum)
    })?;
    for r in &rows {
        indexing::catalog_tuple_delete(pg_attrdef::RELATION_ID, r)?;
        let oid = r.oid(pg_attrdef::OID);
        for d in scan_catalog(pg_depend::RELATION_ID, |d| {
            d[pg_depend::CLASSID] == Datum::Oid(pg_attrdef::RELATION_ID) && d[pg_depend::OBJID] == Datum::Oid(oid)
        })? {
            indexing::catalog_tuple_delete(pg_depend::RELATION_ID, &d)?;
        }
    }
    Ok(!rows.is_empty())
}

/// Removes a constraint row and its dependency rows.
fn remove_constraint(row: &CatalogTuple) -> PgResult<()> {
    indexing::catalog_tuple_delete(pg_constraint::RELATION_ID, row)?;
    let oid = row.oid(pg_constraint::OID);
    for d in scan_catalog(pg_depend::RELATION_ID, |d| {
        d[pg_depend::CLASSID] == Datum::Oid(pg_constraint::RELATION_ID) && d[pg_depend::OBJID] == Datum::Oid(oid)
    })? {
        indexing::catalog_tuple_delete(pg_depend::RELATION_ID, &d)?;
    }
    Ok(())
}

fn set_relchecks(relid: Oid, delta: i16) -> PgResult<()> {
    let class = class_row(relid)?;
    let n = class.int2(pg_class::RELCHECKS) + delta;
    update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELCHECKS] = Datum::Int2(n))
}

/// `ALTER TABLE ... ADD [COLUMN]`.
fn add_column(sql: &str, rel: &RelationData, def: &pg_parser::ast::ColumnDef, if_not_exists: bool) -> PgResult<()> {
    if pg_catalog::catdef::system_attribute_by_name(&def.name).is_some() {
        return Err(PgError::new(
            SqlState::DUPLICATE_COLUMN,
            format!("column name \"{}\" conflicts with a system column name", def.name),
        ));
    }
    if let Some(existing) = syscache::attribute_by_name(rel.relid, &def.name)? {
        if !existing.bool(pg_attribute::ATTISDROPPED) {
            let msg = format!("column \"{}\" of relation \"{}\" already exists", def.name, rel.name);
            if if_not_exists {
                notice(format!("{msg}, skipping"));
                return Ok(());
            }
            return Err(PgError::new(SqlState::DUPLICATE_COLUMN, msg));
        }
    }
    let Some(type_name) = &def.type_name else { return Err(PgError::internal("ADD COLUMN without a type")) };
    if def.collation.is_some() || def.compression.is_some() {
        return Err(not_supported("COLLATE and COMPRESSION on a column"));
    }
    let settings = crate::exec::output_settings();
    let (type_oid, typmod) =
        crate::exec::with_analyze_env(sql, &settings, |env| pg_analyze::resolve_type_name(type_name, env))?;
    let mut col = NewColumn {
        name: def.name.clone(),
        type_oid,
        typmod,
        ndims: type_name.array_bounds.len() as i32,
        not_null: false,
        default: None,
    };
    let mut checks = Vec::new();
    for con in &def.constraints {
        match &con.kind {
            ConstraintKind::NotNull => col.not_null = true,
            ConstraintKind::Null => col.not_null = false,
            ConstraintKind::Default(e) => col.default = crate::ddl::cook_default(sql, e, &def.name, type_oid)?,
            ConstraintKind::Check(e) => checks.push((con.name.clone(), e.to_string())),
            ConstraintKind::AttrDeferrable
            | ConstraintKind::AttrNotDeferrable
            | ConstraintKind::AttrDeferred
            | ConstraintKind::AttrImmediate => {}
            _ => return Err(not_supported("this column constraint in ALTER TABLE ADD COLUMN")),
        }
    }
    pg_catalog::heap::check_new_columns(std::slice::from_ref(&col))?;
    let class = class_row(rel.relid)?;
    let attnum = class.int2(pg_class::RELNATTS) + 1;
    let mut a = pg_catalog::heap::attribute_row(rel.relid, attnum, &col)?;
    // The default, evaluated now when it is not volatile, is what the
    // rows already stored read for the column (`attmissingval`): no
    // rewrite. A volatile one is evaluated for each row by a rewrite.
    let mut per_row_default = None;
    if let Some(text) = &col.default {
        let (expr, volatile) = new_column_default(text, col.type_oid, col.typmod)?;
        if volatile {
            per_row_default = Some(expr);
        } else {
            let settings = crate::exec::output_settings();
            let ecxt = pg_executor::eval::ExprContext { settings: &settings, params: &[], exec: None };
            let value = pg_executor::eval::eval(&expr, &[], &ecxt)?;
            if !value.is_null() && rel.kind == RelKind::Table {
                a[pg_attribute::ATTHASMISSING] = Datum::Bool(true);
                a[pg_attribute::ATTMISSINGVAL] = Datum::Array(vec![value].into());
            }
        }
    }
    let has_missing = a[pg_attribute::ATTHASMISSING] == Datum::Bool(true);
    indexing::catalog_tuple_insert(pg_attribute::RELATION_ID, &a)?;
    update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELNATTS] = Datum::Int2(attnum))?;
    if let Some(expr) = &col.default {
        insert_default(rel.relid, attnum, expr)?;
    }
    cci()?;
    let rel = relation_open(rel.relid, LockMode::NoLock)?;
    let null_rows = || {
        PgError::new(
            SqlState::NOT_NULL_VIOLATION,
            format!("column \"{}\" of relation \"{}\" contains null values", col.name, rel.name),
        )
    };
    if let Some(expr) = per_row_default {
        let settings = crate::exec::output_settings();
        let ecxt = pg_executor::eval::ExprContext { settings: &settings, params: &[], exec: None };
        let index = attnum as usize - 1;
        rewrite_table(&rel, &rel.tupdesc, |values| {
            values[index] = pg_executor::eval::eval(&expr, &[], &ecxt)?;
            if col.not_null && values[index].is_null() {
                return Err(null_rows());
            }
            Ok(())
        })?;
        cci()?;
    } else if col.not_null && !has_missing && table_has_rows(&rel, |_| true)? {
        return Err(null_rows());
    }
    let rel = relation_open(rel.relid, LockMode::NoLock)?;
    for (name, expr) in checks {
        add_check(&rel, name, expr, Some(attnum))?;
    }
    Ok(())
}

/// The DEFAULT of a column being added, analyzed from its stored text
/// and coerced to the column's type and typmod as an assignment
/// (`build_column_default`), and whether it calls anything volatile
/// (`contain_volatile_functions`: then each row gets its own value).
fn new_column_default(text: &str, type_oid: Oid, typmod: i32) -> PgResult<(pg_analyze::Expr, bool)> {
    use pg_analyze::Expr;
    let query = crate::ddl::analyze_made_up(&format!("SELECT {text}"))?;
    let expr = query
        .target_list
        .into_iter()
        .next()
        .map(|t| t.expr)
        .ok_or_else(|| PgError::internal("a column default analyzed to no expression"))?;
    let settings = crate::exec::output_settings();
    let assignment = pg_analyze::registry::CoercionContext::Assignment;
    let expr = pg_analyze::coerce::coerce_to(expr, type_oid, typmod, assignment, 0, &settings)?
        .ok_or_else(|| PgError::internal("a column default no longer converts to the column's type"))?;
    let mut volatile = false;
    expr.walk(&mut |e| {
        volatile |= matches!(
            e,
            Expr::Func { volatility: pg_types::Volatility::Volatile, .. } | Expr::SubLink(_) | Expr::SubPlan(_)
        )
    });
    Ok((expr, volatile))
}

/// Adds a CHECK constraint, after a scan that finds no row violating it.
fn add_check(rel: &RelationData, name: Option<String>, expr: String, column: Option<i16>) -> PgResult<()> {
    let existing: Vec<String> =
        scan_catalog(pg_constraint::RELATION_ID, |r| r[pg_constraint::CONRELID] == Datum::Oid(rel.relid))?
            .iter()
            .map(|r| r.text(pg_constraint::CONNAME).to_string())
            .collect();
    if let Some(n) = &name {
        if existing.contains(n) {
            return Err(PgError::new(
                SqlState::DUPLICATE_OBJECT,
                format!("constraint \"{n}\" for relation \"{}\" already exists", rel.name),
            ));
        }
    }
    let typed: Vec<(String, Oid, i32)> =
        rel.tupdesc.attrs.iter().filter(|a| !a.dropped).map(|a| (a.name.clone(), a.type_oid, a.typmod)).collect();
    let expr = crate::ddl::cook_check(&expr, None, &rel.name, &typed)?;
    let live: Vec<NewColumn> = rel
        .tupdesc
        .attrs
        .iter()
        .map(|a| NewColumn {
            name: if a.dropped { String::new() } else { a.name.clone() },
            type_oid: a.type_oid,
            typmod: a.typmod,
            ndims: 0,
            not_null: a.not_null,
            default: None,
        })
        .collect();
    let mut cols = crate::ddl::columns_named_in(&expr, &live);
    if cols.is_empty() {
        cols.extend(column);
    }
    let con_name = name.unwrap_or_else(|| {
        let column = match cols.as_slice() {
            [one] => live.get(*one as usize - 1).map(|c| c.name.as_str()),
            _ => None,
        };
        pg_catalog::heap::choose_check_name(&rel.name, column, &existing)
    });
    // `validateCheckConstraint`: every row must pass (NULL passes).
    if check_fails_somewhere(rel, &expr)? {
        return Err(PgError::new(
            SqlState::CHECK_VIOLATION,
            format!("check constraint \"{con_name}\" of relation \"{}\" is violated by some row", rel.name),
        ));
    }
    let oid = pg_wal::varsup::get_new_object_id()?;
    let check = pg_catalog::heap::NewCheck { name: con_name, expr, columns: cols, no_inherit: false };
    for (catalog, row) in pg_catalog::heap::check_rows(rel.relid, rel.namespace, &check, oid) {
        indexing::catalog_tuple_insert(catalog, &row)?;
    }
    set_relchecks(rel.relid, 1)?;
    cci()
}

/// `ALTER [COLUMN] c SET DEFAULT e` / `DROP DEFAULT`.
fn column_default(sql: &str, rel: &RelationData, column: &str, default: Option<&pg_parser::ast::Expr>) -> PgResult<()> {
    let att = user_column(rel, column, "alter")?;
    let attnum = att.int2(pg_attribute::ATTNUM);
    let cooked = match default {
        Some(e) => crate::ddl::cook_default(sql, e, column, att.oid(pg_attribute::ATTTYPID))?,
        None => None,
    };
    remove_default(rel.relid, attnum)?;
    if let Some(text) = &cooked {
        insert_default(rel.relid, attnum, text)?;
    }
    update_row(pg_attribute::RELATION_ID, &att, |v| v[pg_attribute::ATTHASDEF] = Datum::Bool(cooked.is_some()))?;
    cci()
}

/// `ALTER [COLUMN] c SET NOT NULL` (after a scan for NULLs) / `DROP NOT NULL`.
fn set_not_null(rel: &RelationData, column: &str, not_null: bool) -> PgResult<()> {
    let att = user_column(rel, column, "alter")?;
    if att.bool(pg_attribute::ATTNOTNULL) == not_null {
        return Ok(());
    }
    if not_null {
        let index = att.int2(pg_attribute::ATTNUM) as usize - 1;
        if table_has_rows(rel, |row| row.get(index).is_none_or(Datum::is_null))? {
            return Err(PgError::new(
                SqlState::NOT_NULL_VIOLATION,
                format!("column \"{column}\" of relation \"{}\" contains null values", rel.name),
            ));
        }
    }
    update_row(pg_attribute::RELATION_ID, &att, |v| v[pg_attribute::ATTNOTNULL] = Datum::Bool(not_null))?;
    cci()
}

/// `DROP [COLUMN] [IF EXISTS] c [CASCADE]`: the column is marked dropped
/// (its storage stays in the rows, as PostgreSQL's), with its default and
/// the CHECK constraints on it.
fn drop_column(rel: &RelationData, column: &str, missing_ok: bool) -> PgResult<()> {
    if pg_catalog::catdef::system_attribute_by_name(column).is_some() {
        return Err(PgError::new(SqlState::FEATURE_NOT_SUPPORTED, format!("cannot drop system column \"{column}\"")));
    }
    let att = match syscache::attribute_by_name(rel.relid, column)? {
        Some(row) if !row.bool(pg_attribute::ATTISDROPPED) => row,
        _ if missing_ok => {
            notice(format!("column \"{column}\" of relation \"{}\" does not exist, skipping", rel.name));
            return Ok(());
        }
        _ => return Err(column_missing(column, &rel.name)),
    };
    let attnum = att.int2(pg_attribute::ATTNUM);
    remove_default(rel.relid, attnum)?;
    // CHECK constraints that read the column go with it (their automatic
    // dependency on the column).
    let mut dropped_checks = 0;
    for con in scan_catalog(pg_constraint::RELATION_ID, |r| r[pg_constraint::CONRELID] == Datum::Oid(rel.relid))? {
        let on_column =
            matches!(&con.values[pg_constraint::CONKEY], Datum::Array(keys) if keys.contains(&Datum::Int2(attnum)));
        if on_column {
            remove_constraint(&con)?;
            dropped_checks += 1;
        }
    }
    if dropped_checks > 0 {
        set_relchecks(rel.relid, -dropped_checks)?;
    }
    update_row(pg_attribute::RELATION_ID, &att, |v| {
        v[pg_attribute::ATTISDROPPED] = Datum::Bool(true);
        v[pg_attribute::ATTNAME] = Datum::Text(format!("........pg.dropped.{attnum}........"));
        v[pg_attribute::ATTTYPID] = Datum::Oid(0);
        v[pg_attribute::ATTNOTNULL] = Datum::Bool(false);
        v[pg_attribute::ATTHASDEF] = Datum::Bool(false);
        v[pg_attribute::ATTSTATTARGET] = Datum::Int4(0);
        v[pg_attribute::ATTHASMISSING] = Datum::Bool(false);
        v[pg_attribute::ATTMISSINGVAL] = Datum::Null;
    })?;
    cci()
}

/// Whether some visible row of `rel` makes the CHECK expression `expr`
/// (its stored text, over the table's column names) false: a query of
/// the server's own over the table, which reads older tuples' missing
/// values as any scan does.
fn check_fails_somewhere(rel: &RelationData, expr: &str) -> PgResult<bool> {
    use crate::format::quote_identifier;
    if rel.kind != RelKind::Table {
        return Ok(false);
    }
    let schema = syscache::namespace_by_oid(rel.namespace)?
        .map(|r| r.text(pg_catalog::catdef::pg_namespace::NSPNAME).to_string())
        .ok_or_else(|| PgError::internal(format!("cache lookup failed for namespace {}", rel.namespace)))?;
    let sql = format!(
        "SELECT 1 FROM {}.{} WHERE ({expr}) IS FALSE LIMIT 1",
        quote_identifier(&schema),
        quote_identifier(&rel.name)
    );
    let stmts = pg_parser::parse(&sql)?;
    let portal = pg_mcxt::create_portal_context("");
    let mut rows = crate::portal::CollectRows::default();
    let r = crate::exec::run_query(&sql, &stmts[0], &portal, &mut rows);
    portal.delete();
    r?;
    Ok(!rows.0.is_empty())
}

/// `ATRewriteTable`: every visible row of `rel` (read through its
/// current descriptor, missing values included) is changed by `transform`
/// and written, formed by `new_desc`, into a new relfilenode that replaces
/// the old one at commit (the old file is removed then; on abort the new
/// one is). Every row now has every column, so the columns' missing
/// values are cleared (`RelationClearMissing`).
fn rewrite_table(
    rel: &RelationData,
    new_desc: &pg_storage::tupdesc::TupleDesc,
    mut transform: impl FnMut(&mut Vec<Datum>) -> PgResult<()>,
) -> PgResult<()> {
    let database = pg_catalog::inval::my_database();
    let new_node = pg_wal::block::RelFileNode {
        spc: rel.rnode.spc,
        db: database,
        rel: pg_catalog::relstorage::get_new_relfilenode(database, rel.backend)?,
    };
    let nest = pg_wal::xact::nest_level() as u32;
    pg_catalog::relstorage::relation_create_storage(
        new_node,
        rel.backend,
        rel.persistence == pg_catalog::Persistence::Permanent,
        nest,
    )?;
    let old_storage = storage_rel(rel, rel.rnode);
    let new_storage = storage_rel(rel, new_node);
    let toast = if rel.toast_relid != 0 {
        let t = relation_open(rel.toast_relid, LockMode::NoLock)?;
        Some(pg_storage::toast::heaptoast::ToastTarget { relid: t.relid, storage: t.storage_rel() })
    } else {
        None
    };
    let snapshot = pg_proc::procarray::get_snapshot_data(pg_wal::xact::get_current_command_id(false))?;
    let cid = pg_wal::xact::get_current_command_id(true);
    let mut scan = pg_storage::heap::heapam::HeapScanDesc::begin(&old_storage, snapshot)?;
    while let Some(tup) = scan.getnext()? {
        pg_error::check_for_interrupts()?;
        let mut values = pg_storage::heap::tuple::heap_deform_tuple(tup.data, &rel.tupdesc)?;
        transform(&mut values)?;
        let mut new_tuple =
            pg_storage::toast::heaptoast::heap_toast_insert_or_update(new_desc, &values, toast.as_ref())?;
        new_tuple.table_oid = rel.relid;
        pg_storage::heap::heapam::heap_insert(&new_storage, &mut new_tuple, cid, None)?;
    }
    drop(scan);
    pg_catalog::relstorage::relation_drop_storage(rel.rnode, rel.backend, nest);
    let class = class_row(rel.relid)?;
    update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELFILENODE] = Datum::Oid(new_node.rel))?;
    crate::ddl::note_new_relfilenode(rel.relid);
    for att in scan_catalog(pg_attribute::RELATION_ID, |r| {
        r[pg_attribute::ATTRELID] == Datum::Oid(rel.relid) && r[pg_attribute::ATTHASMISSING] == Datum::Bool(true)
    })? {
        update_row(pg_attribute::RELATION_ID, &att, |v| {
            v[pg_attribute::ATTHASMISSING] = Datum::Bool(false);
            v[pg_attribute::ATTMISSINGVAL] = Datum::Null;
        })?;
    }
    Ok(())
}

fn storage_rel(rel: &RelationData, rnode: pg_wal::block::RelFileNode) -> pg_storage::bufmgr::StorageRel {
    pg_storage::bufmgr::StorageRel {
        relid: rel.relid,
        rnode,
        persistence: match rel.persistence {
            pg_catalog::Persistence::Permanent => pg_storage::bufmgr::Persistence::Permanent,
            pg_catalog::Persistence::Unlogged => pg_storage::bufmgr::Persistence::Unlogged,
            pg_catalog::Persistence::Temp => pg_storage::bufmgr::Persistence::Temp,
        },
        backend: rel.backend,
        fillfactor: rel.fillfactor,
    }
}

/// `ALTER [COLUMN] c [SET DATA] TYPE t` (ATExecAlterColumnType with
/// ATRewriteTable): the column's values are converted by the assignment
/// cast into a new relfilenode, which replaces the old one at commit (the
/// old file is removed then; on abort the new one is).
fn alter_column_type(
    sql: &str,
    rel: &RelationData,
    column: &str,
    type_name: &pg_parser::ast::TypeName,
) -> PgResult<()> {
    use pg_analyze::registry::CoercionContext;
    let att = user_column(rel, column, "alter")?;
    let index = att.int2(pg_attribute::ATTNUM) as usize - 1;
    let settings = crate::exec::output_settings();
    let (new_type, new_typmod) =
        crate::exec::with_analyze_env(sql, &settings, |env| pg_analyze::resolve_type_name(type_name, env))?;
    let (old_type, old_typmod) = (att.oid(pg_attribute::ATTTYPID), att.int4(pg_attribute::ATTTYPMOD));
    let var = pg_analyze::Expr::Var { attno: index, type_oid: old_type, typmod: old_typmod, location: None };
    let convert = pg_analyze::coerce::coerce_to(var, new_type, new_typmod, CoercionContext::Assignment, 0, &settings)?
        .ok_or_else(|| {
            let shown = pg_types::format_type(new_type, -1);
            PgError::new(
                SqlState::DATATYPE_MISMATCH,
                format!("column \"{column}\" cannot be cast automatically to type {shown}"),
            )
            .with_hint(format!("You might need to specify \"USING {column}::{shown}\"."))
        })?;
    let t = pg_catalog::catdef::lookup_type(new_type)
        .ok_or_else(|| PgError::internal(format!("type with OID {new_type} does not exist")))?;
    // The rows, converted, go into a new file.
    let mut new_desc = (*rel.tupdesc).clone();
    let mut altered = pg_storage::tupdesc::Attribute::new(column, new_type, new_typmod)?;
    altered.not_null = new_desc.attrs[index].not_null;
    altered.has_default = new_desc.attrs[index].has_default;
    new_desc.attrs[index] = altered;
    let ecxt = pg_executor::eval::ExprContext { settings: &settings, params: &[], exec: None };
    rewrite_table(rel, &new_desc, |values| {
        if !values[index].is_null() {
            values[index] = pg_executor::eval::eval(&convert, values, &ecxt)?;
        }
        Ok(())
    })?;
    // The rewrite may have updated the column's row (its missing value).
    cci()?;
    let att = user_column(rel, column, "alter")?;
    update_row(pg_attribute::RELATION_ID, &att, |v| {
        v[pg_attribute::ATTTYPID] = Datum::Oid(new_type);
        v[pg_attribute::ATTTYPMOD] = Datum::Int4(new_typmod);
        v[pg_attribute::ATTLEN] = Datum::Int2(t.len);
        v[pg_attribute::ATTBYVAL] = Datum::Bool(t.byval);
        v[pg_attribute::ATTALIGN] = Datum::Char(t.align);
        v[pg_attribute::ATTSTORAGE] = Datum::Char(pg_catalog::catdef::type_storage(t));
        v[pg_attribute::ATTCOLLATION] = Datum::Oid(pg_catalog::heap::column_collation(new_type));
        v[pg_attribute::ATTNDIMS] = Datum::Int4(type_name.array_bounds.len() as i32);
    })?;
    cci()
}

/// `SET (name = value, ...)` / `RESET (name, ...)` (ATExecSetRelOptions):
/// the table's `pg_class.reloptions` and its TOAST table's (`toast.`
/// names), validated as CREATE TABLE validates them.
fn set_rel_options(rel: &RelationData, defs: &[pg_parser::ast::DefElem], is_reset: bool) -> PgResult<()> {
    use crate::reloptions::{reloptions_datum, reloptions_of, transform_rel_options};
    let class = class_row(rel.relid)?;
    let toast_class = match rel.toast_relid {
        0 => None,
        t => Some(class_row(t)?),
    };
    let old_toast = toast_class.as_ref().map(|t| reloptions_of(&t.values[pg_class::RELOPTIONS])).unwrap_or_default();
    let options =
        transform_rel_options(&reloptions_of(&class.values[pg_class::RELOPTIONS]), &old_toast, defs, is_reset, false)?;
    update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELOPTIONS] = reloptions_datum(&options.heap))?;
    if let Some(t) = toast_class {
        update_row(pg_class::RELATION_ID, &t, |v| v[pg_class::RELOPTIONS] = reloptions_datum(&options.toast))?;
    }
    cci()
}

/// `OWNER TO role` (ATExecChangeOwner): `relowner` of the relation and
/// of its TOAST table, `typowner` of its row and array types, and the
/// owner's `pg_shdepend` row (none for the bootstrap superuser). Without
/// role membership, a role that is not a superuser may only give away
/// nothing: it must own the table and name itself.
fn owner_to(session: &Session, rel: &RelationData, owner: &pg_parser::ast::RoleSpec) -> PgResult<()> {
    use pg_catalog::catdef::{pg_authid, pg_shdepend};
    use pg_parser::ast::RoleSpec;
    let name = match owner {
        RoleSpec::Name(n) => n.clone(),
        RoleSpec::CurrentRole | RoleSpec::CurrentUser | RoleSpec::SessionUser => session.role.name.clone(),
        RoleSpec::Public => {
            return Err(PgError::new(SqlState::UNDEFINED_OBJECT, "role \"public\" does not exist"));
        }
    };
    let role = pg_catalog::roles::role_by_name(&name)?
        .ok_or_else(|| PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")))?;
    if role.oid == rel.owner {
        return Ok(());
    }
    if !session.role.superuser {
        if rel.owner != session.role.oid {
            let what = if rel.kind == RelKind::View { "view" } else { "table" };
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("must be owner of {what} {}", rel.name),
            ));
        }
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, format!("must be member of role \"{name}\"")));
    }
    let class = class_row(rel.relid)?;
    update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELOWNER] = Datum::Oid(role.oid))?;
    if rel.toast_relid != 0 {
        let t = class_row(rel.toast_relid)?;
        update_row(pg_class::RELATION_ID, &t, |v| v[pg_class::RELOWNER] = Datum::Oid(role.oid))?;
    }
    if let Some(t) = syscache::type_by_oid(rel.reltype)? {
        let array = t.oid(pg_type::TYPARRAY);
        update_row(pg_type::RELATION_ID, &t, |v| v[pg_type::TYPOWNER] = Datum::Oid(role.oid))?;
        if let Some(a) = syscache::type_by_oid(array)? {
            update_row(pg_type::RELATION_ID, &a, |v| v[pg_type::TYPOWNER] = Datum::Oid(role.oid))?;
        }
    }
    for d in scan_catalog(pg_shdepend::RELATION_ID, |r| {
        r[pg_shdepend::CLASSID] == Datum::Oid(pg_class::RELATION_ID)
            && r[pg_shdepend::OBJID] == Datum::Oid(rel.relid)
            && r[pg_shdepend::DEPTYPE] == Datum::Char(b'o')
    })? {
        indexing::catalog_tuple_delete(pg_shdepend::RELATION_ID, &d)?;
    }
    if role.oid != pg_catalog::BOOTSTRAP_SUPERUSER_ID {
        let mut s = pg_catalog::catdef::new_row(&pg_shdepend::DEF);
        s[pg_shdepend::DBID] = Datum::Oid(pg_catalog::inval::my_database());
        s[pg_shdepend::CLASSID] = Datum::Oid(pg_class::RELATION_ID);
        s[pg_shdepend::OBJID] = Datum::Oid(rel.relid);
        s[pg_shdepend::OBJSUBID] = Datum::Int4(0);
        s[pg_shdepend::REFCLASSID] = Datum::Oid(pg_authid::RELATION_ID);
        s[pg_shdepend::REFOBJID] = Datum::Oid(role.oid);
        s[pg_shdepend::DEPTYPE] = Datum::Char(b'o');
        indexing::catalog_tuple_insert(pg_shdepend::RELATION_ID, &s)?;
    }
    cci()
}

/// `DROP CONSTRAINT [IF EXISTS] name`.
fn drop_constraint(rel: &RelationData, name: &str, missing_ok: bool) -> PgResult<()> {
    let rows = scan_catalog(pg_constraint::RELATION_ID, |r| {
        r[pg_constraint::CONRELID] == Datum::Oid(rel.relid)
            && r[pg_constraint::CONNAME] == Datum::Text(name.to_string())
    })?;
    let Some(row) = rows.first() else {
        let msg = format!("constraint \"{name}\" of relation \"{}\" does not exist", rel.name);
        if missing_ok {
            notice(format!("{msg}, skipping"));
            return Ok(());
        }
        return Err(PgError::new(SqlState::UNDEFINED_OBJECT, msg));
    };
    remove_constraint(row)?;
    set_relchecks(rel.relid, -1)?;
    cci()
}

/// The relation kinds an ALTER TABLE subcommand accepts, with
/// PostgreSQL's refusal for the others (ATSimplePermissions).
fn check_kind(rel: &RelationData, action: &str, views_too: bool) -> PgResult<()> {
    match rel.kind {
        RelKind::Table => Ok(()),
        RelKind::View if views_too => Ok(()),
        RelKind::View => Err(PgError::new(
            SqlState::WRONG_OBJECT_TYPE,
            format!("ALTER action {action} cannot be performed on relation \"{}\"", rel.name),
        )
        .with_detail("This operation is not supported for views.")),
        _ => Err(not_supported("ALTER TABLE on this kind of relation")),
    }
}

/// Whether every subcommand is one this module runs (the others keep the
/// server's 0A000 for the whole statement).
pub fn handles(stmt: &AlterTableStmt) -> bool {
    // ALTER VIEW runs OWNER TO here; its other subcommands are not done.
    if stmt.kind == RelationKind::View {
        return stmt.cmds.iter().all(|c| matches!(c, AlterTableCmd::OwnerTo { .. }));
    }
    stmt.kind == RelationKind::Table
        && stmt.cmds.iter().all(|c| match c {
            AlterTableCmd::AddColumn { .. }
            | AlterTableCmd::ColumnDefault { .. }
            | AlterTableCmd::DropNotNull { .. }
            | AlterTableCmd::SetNotNull { .. }
            | AlterTableCmd::DropColumn { .. }
            | AlterTableCmd::DropConstraint { .. }
            | AlterTableCmd::AlterColumnType { .. } => true,
            AlterTableCmd::AddConstraint(con) => matches!(con.kind, ConstraintKind::Check(_)),
            AlterTableCmd::SetOptions(_) | AlterTableCmd::ResetOptions(_) | AlterTableCmd::OwnerTo { .. } => true,
            _ => false,
        })
}

/// ALTER TABLE with the subcommands [`handles`] accepts.
pub fn alter_table(session: &Session, sql: &str, stmt: &AlterTableStmt) -> PgResult<String> {
    let tag = if stmt.kind == RelationKind::View { "ALTER VIEW" } else { "ALTER TABLE" };
    let Some(mut rel) = open_target(session, &stmt.relation, stmt.missing_ok)? else {
        return Ok(tag.to_string());
    };
    if stmt.kind == RelationKind::View && rel.kind != RelKind::View {
        return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{}\" is not a view", rel.name)));
    }
    for cmd in &stmt.cmds {
        pg_error::check_for_interrupts()?;
        match cmd {
            AlterTableCmd::AddColumn { def, if_not_exists } => {
                check_kind(&rel, "ADD COLUMN", false)?;
                add_column(sql, &rel, def, *if_not_exists)?
            }
            AlterTableCmd::ColumnDefault { column, default } => column_default(sql, &rel, column, default.as_ref())?,
            AlterTableCmd::DropNotNull { column } => {
                check_kind(&rel, "ALTER COLUMN ... DROP NOT NULL", false)?;
                set_not_null(&rel, column, false)?
            }
            AlterTableCmd::SetNotNull { column } => {
                check_kind(&rel, "ALTER COLUMN ... SET NOT NULL", false)?;
                set_not_null(&rel, column, true)?
            }
            AlterTableCmd::DropColumn { column, missing_ok, .. } => {
                check_kind(&rel, "DROP COLUMN", false)?;
                drop_column(&rel, column, *missing_ok)?
            }
            AlterTableCmd::DropConstraint { name, missing_ok, .. } => {
                check_kind(&rel, "DROP CONSTRAINT", false)?;
                drop_constraint(&rel, name, *missing_ok)?
            }
            AlterTableCmd::AlterColumnType { column, type_name, collation, using } => {
                check_kind(&rel, "ALTER COLUMN ... TYPE", false)?;
                if collation.is_some() || using.is_some() {
                    return Err(not_supported("ALTER COLUMN TYPE with COLLATE or USING"));
                }
                alter_column_type(sql, &rel, column, type_name)?
            }
            AlterTableCmd::AddConstraint(con) => {
                check_kind(&rel, "ADD CONSTRAINT", false)?;
                let ConstraintKind::Check(e) = &con.kind else { return Err(PgError::internal("CHECK expected")) };
                add_check(&rel, con.name.clone(), e.to_string(), None)?
            }
            AlterTableCmd::SetOptions(defs) | AlterTableCmd::ResetOptions(defs) => {
                if rel.kind != RelKind::Table {
                    return Err(not_supported("storage parameters of this kind of relation"));
                }
                set_rel_options(&rel, defs, matches!(cmd, AlterTableCmd::ResetOptions(_)))?
            }
            AlterTableCmd::OwnerTo { owner } => owner_to(session, &rel, owner)?,
            _ => return Err(PgError::internal("alter_table: subcommand not handled")),
        }
        // The next subcommand sees this one's changes.
        rel = relation_open(rel.relid, LockMode::NoLock)?;
    }
    Ok(tag.to_string())
}

/// Whether ALTER ... RENAME of this kind is run here.
pub fn handles_rename(stmt: &RenameRelationStmt) -> bool {
    matches!(stmt.kind, RelationKind::Table | RelationKind::View)
}

/// `ALTER TABLE|VIEW name RENAME [COLUMN] a TO b`, `RENAME TO n`,
/// `RENAME CONSTRAINT a TO b`.
pub fn rename(session: &Session, stmt: &RenameRelationStmt) -> PgResult<String> {
    let tag = if stmt.kind == RelationKind::View { "ALTER VIEW" } else { "ALTER TABLE" };
    let Some(rel) = open_target(session, &stmt.relation, stmt.missing_ok)? else {
        return Ok(tag.to_string());
    };
    let new = &stmt.new_name;
    match &stmt.target {
        RenameTarget::Relation => {
            if syscache::class_by_name(rel.namespace, new)?.is_some() {
                return Err(PgError::new(SqlState::DUPLICATE_TABLE, format!("relation \"{new}\" already exists")));
            }
            let class = class_row(rel.relid)?;
            update_row(pg_class::RELATION_ID, &class, |v| v[pg_class::RELNAME] = Datum::Text(new.clone()))?;
            // The row type follows the relation's name, and its array type
            // is "_name" (PostgreSQL's makeArrayTypeName, without the
            // collision handling).
            if let Some(t) = syscache::type_by_oid(rel.reltype)? {
                let array = t.oid(pg_type::TYPARRAY);
                update_row(pg_type::RELATION_ID, &t, |v| v[pg_type::TYPNAME] = Datum::Text(new.clone()))?;
                if let Some(a) = syscache::type_by_oid(array)? {
                    update_row(pg_type::RELATION_ID, &a, |v| v[pg_type::TYPNAME] = Datum::Text(format!("_{new}")))?;
                }
            }
        }
        RenameTarget::Column(old) => {
            if pg_catalog::catdef::system_attribute_by_name(old).is_some() {
                return Err(PgError::new(
                    SqlState::FEATURE_NOT_SUPPORTED,
                    format!("cannot rename system column \"{old}\""),
                ));
            }
            let att = match syscache::attribute_by_name(rel.relid, old)? {
                Some(a) if !a.bool(pg_attribute::ATTISDROPPED) => a,
                _ => return Err(PgError::new(SqlState::UNDEFINED_COLUMN, format!("column \"{old}\" does not exist"))),
            };
            let taken = pg_catalog::catdef::system_attribute_by_name(new).is_some()
                || syscache::attribute_by_name(rel.relid, new)?.is_some_and(|a| !a.bool(pg_attribute::ATTISDROPPED));
            if taken {
                return Err(PgError::new(
                    SqlState::DUPLICATE_COLUMN,
                    format!("column \"{new}\" of relation \"{}\" already exists", rel.name),
                ));
            }
            update_row(pg_attribute::RELATION_ID, &att, |v| v[pg_attribute::ATTNAME] = Datum::Text(new.clone()))?;
        }
        RenameTarget::Constraint(old) => {
            let rows = scan_catalog(pg_constraint::RELATION_ID, |r| {
                r[pg_constraint::CONRELID] == Datum::Oid(rel.relid)
                    && r[pg_constraint::CONNAME] == Datum::Text(old.clone())
            })?;
            let Some(row) = rows.first() else {
                return Err(PgError::new(
                    SqlState::UNDEFINED_OBJECT,
                    format!("constraint \"{old}\" for table \"{}\" does not exist", rel.name),
                ));
            };
            update_row(pg_constraint::RELATION_ID, row, |v| v[pg_constraint::CONNAME] = Datum::Text(new.clone()))?;
        }
    }
    cci()?;
    Ok(tag.to_string())
}
