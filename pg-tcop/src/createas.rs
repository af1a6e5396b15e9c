//! `CREATE TABLE name [(columns)] AS query [WITH [NO] DATA]` and
//! `SELECT ... INTO [TEMP] name FROM ...` (PostgreSQL's
//! `commands/createas.c`).
//!
//! The query is analyzed and planned first; its target list gives the new
//! table's columns (names, or the ones written after the table name, and
//! types with their typmods; an `unknown` literal becomes `text`, as
//! PostgreSQL 15). The table is created through the ordinary CREATE TABLE
//! path (so persistence, ON COMMIT, WITH options and the catalog rows are
//! CREATE TABLE's), the command counter is advanced, and unless WITH NO
//! DATA the rows are inserted by `INSERT INTO name query` run through the
//! executor. The tag is `SELECT n`, or `CREATE TABLE AS` when no query ran
//! (WITH NO DATA, IF NOT EXISTS of an existing table).
//!
//! CREATE MATERIALIZED VIEW and `CREATE TABLE ... AS EXECUTE` answer 0A000.

use crate::postgres::Backend;
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{
    CreateStmt, CreateTableAsStmt, CtasKind, CtasQuery, InsertStmt, IntoClause, OnCommit, RawStmt, SelectBody,
    SelectStmt, Stmt,
};

/// Quotes an identifier for the CREATE TABLE text made up here.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The INTO of a `SELECT ... INTO`, when the statement has one.
pub(crate) fn select_into(s: &SelectStmt) -> Option<&pg_parser::RangeVar> {
    match &s.body {
        SelectBody::Simple(simple) => simple.into.as_ref(),
        _ => None,
    }
}

impl Backend {
    /// Runs a CREATE TABLE AS; returns its tag.
    pub(crate) fn exec_create_table_as(
        &mut self,
        full_sql: &str,
        raw: &RawStmt,
        c: &CreateTableAsStmt,
    ) -> PgResult<String> {
        let CtasQuery::Select(query) = &c.query else {
            return Err(crate::exec::reject_unsupported(full_sql, &raw.stmt));
        };
        if !matches!(c.kind, CtasKind::Table) {
            return Err(crate::exec::reject_unsupported(full_sql, &raw.stmt));
        }
        self.create_table_as(full_sql, raw, &c.into, query, c.if_not_exists)
    }

    /// Runs `SELECT ... INTO name`: CREATE TABLE name AS the SELECT
    /// without its INTO.
    pub(crate) fn exec_select_into(&mut self, full_sql: &str, raw: &RawStmt, s: &SelectStmt) -> PgResult<String> {
        let mut query = s.clone();
        let rel = match &mut query.body {
            SelectBody::Simple(simple) => simple.into.take(),
            _ => None,
        }
        .ok_or_else(|| PgError::internal("SELECT INTO without INTO"))?;
        let into = IntoClause {
            rel,
            col_names: Vec::new(),
            access_method: None,
            options: Vec::new(),
            on_commit: OnCommit::Noop,
            tablespace: None,
            skip_data: false,
        };
        self.create_table_as(full_sql, raw, &into, &query, false)
    }

    fn create_table_as(
        &mut self,
        full_sql: &str,
        raw: &RawStmt,
        into: &IntoClause,
        query: &SelectStmt,
        if_not_exists: bool,
    ) -> PgResult<String> {
        let tag = "CREATE TABLE AS".to_string();
        // CreateTableAsRelExists: before the query is looked at.
        if if_not_exists && crate::exec::relation_exists(full_sql, &into.rel)? {
            pg_error::notice::emit_notice(PgError::notice(
                Severity::Notice,
                SqlState::DUPLICATE_TABLE,
                format!("relation \"{}\" already exists, skipping", into.rel.name),
            ));
            return Ok(tag);
        }
        let select = RawStmt { stmt: Stmt::Select(Box::new(query.clone())), location: raw.location, len: raw.len };
        let (plan, _) = crate::exec::prepare(full_sql, &select, &[])?;
        if into.col_names.len() > plan.columns.len() {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "too many column names were specified"));
        }
        let columns: Vec<String> = plan
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                let name = into.col_names.get(i).unwrap_or(&col.name);
                // An unknown-type literal's column is text (PostgreSQL 15).
                let (type_oid, typmod) = if col.type_oid == pg_types::types::oid::UNKNOWN {
                    (pg_types::types::oid::TEXT, -1)
                } else {
                    (col.type_oid, col.typmod)
                };
                format!("{} {}", quoted(name), pg_types::types::format_type(type_oid, typmod))
            })
            .collect();
        let create_sql = format!("CREATE TABLE ctas ({})", columns.join(", "));
        let parsed = pg_parser::parse(&create_sql)?.into_iter().next().map(|r| r.stmt);
        let Some(Stmt::CreateTable(made)) = parsed else {
            return Err(PgError::internal("CREATE TABLE AS: the made-up CREATE TABLE did not parse"));
        };
        let create = CreateStmt {
            relation: into.rel.clone(),
            options: into.options.clone(),
            on_commit: into.on_commit,
            tablespace: into.tablespace.clone(),
            access_method: into.access_method.clone(),
            if_not_exists: false,
            ..*made
        };
        crate::ddl::create_table(&self.session, &create_sql, &create, self.xact.nest_level() as u32).map_err(
            |mut e| {
                // A position would point into the made-up statement.
                e.position = None;
                e
            },
        )?;
        if into.skip_data {
            return Ok(tag);
        }
        // The new table is visible to the INSERT's own command.
        self.xact.command_counter_increment();
        let insert = InsertStmt {
            with: None,
            relation: pg_parser::RangeVar { alias: None, ..into.rel.clone() },
            columns: Vec::new(),
            overriding: None,
            source: Some(Box::new(query.clone())),
            on_conflict: None,
            returning: Vec::new(),
        };
        let insert_raw = RawStmt { stmt: Stmt::Insert(Box::new(insert)), location: raw.location, len: raw.len };
        let (plan, _) = crate::exec::prepare(full_sql, &insert_raw, &[])?;
        let rows = crate::copy::run_insert(&plan, &[], &crate::exec::output_settings())?;
        Ok(format!("SELECT {rows}"))
    }
}
