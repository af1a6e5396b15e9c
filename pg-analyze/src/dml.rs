//! INSERT, UPDATE and DELETE (PostgreSQL's `transformInsertStmt`,
//! `transformUpdateStmt`, `transformDeleteStmt`, `parse_target.c`'s
//! `transformAssignedExpr`), tables in FROM (`parserOpenTable`,
//! `addRangeTableEntry`) and SELECT ... FOR UPDATE/SHARE
//! (`transformLockingClause`).
//!
//! **Tables.** A FROM item naming a table is opened through the relation
//! cache with the lock PostgreSQL's parser takes: AccessShareLock to read,
//! RowShareLock for a table whose rows FOR UPDATE/SHARE locks,
//! RowExclusiveLock for the table an INSERT, UPDATE or DELETE writes. Its
//! entry ([`RteSource::Relation`]) has the live columns with their typmods
//! and, for a table written or locked, a junk `ctid` column the executor
//! fills with each row's address.
//!
//! **The shape of a data-modifying [`Query`].** Its target list is the new
//! row (INSERT, UPDATE): one expression per live column of the table, in
//! column order: an assigned value coerced to the column's type and
//! typmod as an assignment (`column "a" is of type integer but expression
//! is of type boolean`, 42804), the column's default, NULL, or for UPDATE
//! the old value. UPDATE and DELETE add the junk `ctid` of the row to
//! change. INSERT's rows come from its VALUES list (each row's DEFAULTs
//! replaced by the column defaults), from its SELECT (a subquery in FROM),
//! or from nothing (one row: DEFAULT VALUES, or a one-row VALUES that the
//! planner computes directly). [`ModifyInfo`] names the table, its columns'
//! NOT NULL flags and its CHECK constraints (analyzed over the new row),
//! and the RETURNING list (over the new row, or the old one for DELETE).
//! Column defaults and CHECK constraints are stored as SQL text
//! (`pg_attrdef.adbin`, `pg_constraint.conbin`) and analyzed here like any
//! expression, as the rewriter's `build_column_default` and the executor's
//! `ExecRelCheck` would read PostgreSQL's node trees.

use crate::query::{
    CmdType, Expr, ModifyInfo, ModifyTarget, Query, RangeTblEntry, RelationRef, RowMark, RteSource, TargetColumn,
    TargetEntry,
};
use crate::registry::CoercionContext;
use crate::{coerce, AnalyzeEnv, ParseState};
use pg_catalog::compat::LockMode;
use pg_catalog::ColumnDef;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ExprKind, FromItem, SelectBody};
use pg_types::types::{format_type, oid, Oid};
use std::sync::Arc;

/// The table a statement writes, opened and described.
struct Target {
    rel: std::rc::Rc<pg_catalog::relcache::RelationData>,
    info: Arc<ModifyTarget>,
}

impl ParseState<'_> {
    /// The range-table entry of a table in FROM (`addRangeTableEntry`):
    /// opened with the lock its use needs (see the module doc).
    pub(crate) fn relation_rte(
        &self,
        relid: Oid,
        rv: &ast::RangeVar,
        schema_name: String,
        loc: usize,
    ) -> PgResult<RangeTblEntry> {
        let is_target = self.result_relation.get() == Some(loc);
        let alias_name = rv.alias.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| rv.name.clone());
        let locked = !is_target && (self.lock_all.get() || self.lock_rels.borrow().contains(&alias_name));
        let mode = if is_target {
            LockMode::RowExclusive
        } else if locked {
            LockMode::RowShare
        } else {
            LockMode::AccessShare
        };
        let rel = pg_catalog::relcache::relation_open(relid, mode)?;
        let mut columns = Vec::new();
        let mut attnums = Vec::new();
        for (i, a) in rel.tupdesc.attrs.iter().enumerate() {
            if !a.dropped {
                columns.push(ColumnDef { name: a.name.clone(), type_oid: a.type_oid, typmod: a.typmod });
                attnums.push(i as i16 + 1);
            }
        }
        let mut columns = crate::select::apply_column_aliases(columns, rv.alias.as_ref())?;
        let ctid = is_target || locked;
        if ctid {
            columns.push(ColumnDef { name: "ctid".into(), type_oid: oid::TID, typmod: -1 });
        }
        Ok(RangeTblEntry {
            alias: alias_name,
            relname: Some((schema_name, rel.name.clone())),
            columns,
            source: RteSource::Relation(Arc::new(RelationRef { relid, lock_mode: mode as u8, attnums, ctid })),
        })
    }

    /// Opens the table an INSERT, UPDATE or DELETE writes
    /// (`setTargetTable`), with RowExclusiveLock.
    fn open_target(&self, rv: &ast::RangeVar, verb: &str) -> PgResult<Target> {
        let path = pg_catalog::effective_search_path(self.env.catalog, self.env.search_path, self.env.session_user);
        let shown = match &rv.schema {
            Some(s) => format!("{s}.{}", rv.name),
            None => rv.name.clone(),
        };
        let missing = || {
            PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist"))
                .with_position(self.pos(rv.location.0))
        };
        let info = pg_catalog::resolve_relation(self.env.catalog, rv.schema.as_deref(), &rv.name, &path)
            .map_err(|_| missing())?
            .ok_or_else(missing)?;
        let relid = match &info.source {
            pg_catalog::RelationSource::Heap { relid } => *relid,
            pg_catalog::RelationSource::View { definition } if selects_from_one_relation(definition) => {
                return Err(PgError::not_supported(format!("{} on a view is not supported yet", verb_tag(verb))))
            }
            pg_catalog::RelationSource::View { .. } => {
                // PostgreSQL's rewriter looks for rules or an automatically
                // updatable definition (view_query_is_auto_updatable); a
                // view over a function or a join (every system view) has
                // neither.
                return Err(PgError::new(
                    SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
                    format!("cannot {verb} view \"{}\"", info.name),
                )
                .with_detail("Views that do not select from a single table or view are not automatically updatable.")
                .with_hint(format!(
                    "To enable {} the view, provide an INSTEAD OF {} trigger or an unconditional ON {} DO INSTEAD rule.",
                    match verb {
                        "insert into" => "inserting into",
                        "update" => "updating",
                        _ => "deleting from",
                    },
                    verb_tag(verb),
                    verb_tag(verb)
                )));
            }
        };
        let rel = pg_catalog::relcache::relation_open(relid, LockMode::RowExclusive)?;
        let columns: Vec<TargetColumn> = rel
            .tupdesc
            .attrs
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.dropped)
            .map(|(i, a)| TargetColumn {
                attnum: i as i16 + 1,
                name: a.name.clone(),
                type_oid: a.type_oid,
                typmod: a.typmod,
                not_null: a.not_null,
            })
            .collect();
        let mut target =
            ModifyTarget { relid, name: rel.name.clone(), natts: rel.tupdesc.attrs.len(), columns, checks: Vec::new() };
        target.checks = self.analyze_checks(&rel, &target)?;
        Ok(Target { rel, info: Arc::new(target) })
    }

    /// The CHECK constraints of a table, analyzed over its row
    /// (`ExecPrepareCheck` of `ExecRelCheck`).
    fn analyze_checks(
        &self,
        rel: &pg_catalog::relcache::RelationData,
        target: &ModifyTarget,
    ) -> PgResult<Vec<(String, Expr)>> {
        let mut out = Vec::new();
        for c in &rel.checks {
            let e = self.analyze_stored_expr(&c.expr, target)?;
            out.push((c.name.clone(), e));
        }
        Ok(out)
    }

    /// An expression stored as SQL text (a default or a CHECK), analyzed
    /// over the table's row, in a ParseState of its own so that its
    /// positions are its own text's.
    fn analyze_stored_expr(&self, text: &str, target: &ModifyTarget) -> PgResult<Expr> {
        let raw = pg_parser::parser::parse_expr(text)?;
        let env = AnalyzeEnv { sql: text, ..*self.env };
        let mut ps = ParseState::new(&env);
        ps.rte = Some(target_row_rte(target, &target.name));
        ps.transform_expr(&raw)
    }

    /// The value of column `col` when none is given: its default, coerced
    /// to its type, or a NULL (`build_column_default`).
    fn column_default(&self, rel: &pg_catalog::relcache::RelationData, col: &TargetColumn) -> PgResult<Expr> {
        let Some(text) = rel.default_of(col.attnum) else {
            return Ok(Expr::Const { value: pg_types::datum::Datum::Null, type_oid: col.type_oid, typmod: col.typmod });
        };
        let raw = pg_parser::parser::parse_expr(text)?;
        let env = AnalyzeEnv { sql: text, ..*self.env };
        let ps = ParseState::new(&env);
        let e = ps.transform_expr(&raw)?;
        let e = ps.resolve_unknown(e, 1)?;
        self.coerce_assignment(e, col, 0, &self.env.settings.clone())
    }

    /// `transformAssignedExpr`'s coercion: `e` to the column's type and
    /// typmod as an assignment.
    fn coerce_assignment(
        &self,
        e: Expr,
        col: &TargetColumn,
        pos: u32,
        settings: &pg_types::io::OutputSettings,
    ) -> PgResult<Expr> {
        let source = e.type_oid();
        // A literal is read as the column's type now, but its length is
        // checked when the row is made, as PostgreSQL's length coercion
        // function does (22001 without a position).
        // Interval's input reads the typmod itself (a bare number takes the
        // range's last field), so its literal goes the ordinary way.
        if source == oid::UNKNOWN && col.typmod >= 0 && col.type_oid != oid::INTERVAL {
            if let Some(e) = coerce::coerce_to(e.clone(), col.type_oid, -1, CoercionContext::Assignment, pos, settings)?
            {
                return Ok(Expr::Cast {
                    arg: Box::new(e),
                    method: crate::registry::CastMethod::Binary,
                    source: col.type_oid,
                    target: col.type_oid,
                    typmod: col.typmod,
                    explicit: false,
                });
            }
        }
        coerce::coerce_to(e, col.type_oid, col.typmod, CoercionContext::Assignment, pos, settings)?.ok_or_else(|| {
            PgError::new(
                SqlState::DATATYPE_MISMATCH,
                format!(
                    "column \"{}\" is of type {} but expression is of type {}",
                    col.name,
                    format_type(col.type_oid, -1),
                    format_type(source, -1)
                ),
            )
            .with_hint("You will need to rewrite or cast the expression.")
            .with_position(pos)
        })
    }

    /// The target columns an INSERT names, in the order written (all live
    /// columns when none are named) (`checkInsertTargets`).
    fn insert_targets(&self, stmt: &ast::InsertStmt, target: &ModifyTarget) -> PgResult<Vec<usize>> {
        if stmt.columns.is_empty() {
            return Ok((0..target.columns.len()).collect());
        }
        let mut out: Vec<usize> = Vec::new();
        for c in &stmt.columns {
            let i = self.find_target_column(target, &c.name, c.location.0)?;
            if !c.indirection.is_empty() {
                return Err(self.unsupported("assigning to subscripts or fields is not supported yet", c.location.0));
            }
            if out.contains(&i) {
                return Err(PgError::new(
                    SqlState::DUPLICATE_COLUMN,
                    format!("column \"{}\" specified more than once", c.name),
                )
                .with_position(self.pos(c.location.0)));
            }
            out.push(i);
        }
        Ok(out)
    }

    fn find_target_column(&self, target: &ModifyTarget, name: &str, loc: usize) -> PgResult<usize> {
        target.columns.iter().position(|c| c.name == name).ok_or_else(|| {
            PgError::new(
                SqlState::UNDEFINED_COLUMN,
                format!("column \"{name}\" of relation \"{}\" does not exist", target.name),
            )
            .with_position(self.pos(loc))
        })
    }

    /// A data-modifying statement's WITH clause is analyzed before its
    /// target is opened, so its errors come first (what it cannot run yet
    /// is left to the 0A000 after the target is found).
    fn check_with(&self, with: Option<&ast::WithClause>) -> PgResult<()> {
        if let Some(w) = with {
            if let Err(e) = ParseState::new(self.env).transform_with(w) {
                if !e.message.ends_with("not supported yet") {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// `transformInsertStmt`.
    pub(crate) fn transform_insert(&mut self, stmt: &ast::InsertStmt) -> PgResult<Query> {
        self.check_with(stmt.with.as_ref())?;
        let Target { rel, info } = self.open_target(&stmt.relation, "insert into")?;
        if stmt.with.is_some() {
            return Err(PgError::not_supported("WITH in INSERT is not supported yet"));
        }
        if let Some(oc) = &stmt.on_conflict {
            return Err(self.unsupported("INSERT ... ON CONFLICT is not supported yet", oc.location.0));
        }
        if stmt.overriding.is_some() {
            return Err(PgError::not_supported("OVERRIDING ... VALUE is not supported yet"));
        }
        let mut cols = self.insert_targets(stmt, &info)?;
        // Without a column list the values fill the first columns; the
        // rest get their defaults (`transformInsertRow`).
        if stmt.columns.is_empty() {
            let given = match stmt.source.as_deref() {
                None => 0,
                Some(ast::SelectStmt { body: SelectBody::Values(rows), .. }) => rows.first().map(Vec::len).unwrap_or(0),
                Some(_) => usize::MAX,
            };
            if given < cols.len() {
                cols.truncate(given);
            }
        }
        let settings = self.env.settings.clone();
        // The values given for `cols`, per row: the source's columns.
        let mut assigned: Vec<Option<Expr>> = vec![None; info.columns.len()];
        let values_rows = match stmt.source.as_deref() {
            Some(ast::SelectStmt {
                body: SelectBody::Values(rows),
                with: None,
                order_by,
                limit_count: None,
                limit_offset: None,
                locking,
                ..
            }) if order_by.is_empty() && locking.is_empty() => Some(rows),
            _ => None,
        };
        match (stmt.source.as_deref(), values_rows) {
            (None, _) => {}
            (Some(_), Some(rows)) => {
                // VALUES: every row must have as many values as columns.
                let mut exprs: Vec<Vec<Expr>> = Vec::with_capacity(rows.len());
                let width = rows.first().map(Vec::len).unwrap_or(0);
                for row in rows {
                    if row.len() != width {
                        let loc = row.first().map(crate::expr::leftmost).unwrap_or(0);
                        return Err(PgError::new(SqlState::SYNTAX_ERROR, "VALUES lists must all be the same length")
                            .with_position(self.pos(loc)));
                    }
                    self.check_insert_width(row.len(), cols.len(), row, &stmt.columns)?;
                    let mut out = Vec::with_capacity(cols.len());
                    for (v, &ci) in row.iter().zip(&cols) {
                        let col = &info.columns[ci];
                        let e = if matches!(v.kind, ExprKind::SetToDefault) {
                            self.column_default(&rel, col)?
                        } else {
                            let pos = self.pos_of(v);
                            let e = self.without_aggs("VALUES", || self.transform_expr(v))?;
                            self.coerce_assignment(e, col, pos, &settings)?
                        };
                        out.push(e);
                    }
                    exprs.push(out);
                }
                if exprs.len() == 1 {
                    let row = exprs.pop().expect("one row");
                    for (e, &ci) in row.into_iter().zip(&cols) {
                        assigned[ci] = Some(e);
                    }
                } else {
                    let columns = cols
                        .iter()
                        .enumerate()
                        .map(|(k, &ci)| ColumnDef {
                            name: format!("column{}", k + 1),
                            type_oid: info.columns[ci].type_oid,
                            typmod: info.columns[ci].typmod,
                        })
                        .collect();
                    for (k, &ci) in cols.iter().enumerate() {
                        let c = &info.columns[ci];
                        assigned[ci] =
                            Some(Expr::Var { attno: k, type_oid: c.type_oid, typmod: c.typmod, location: None });
                    }
                    self.rte = Some(RangeTblEntry {
                        alias: "*VALUES*".into(),
                        relname: None,
                        columns,
                        source: RteSource::Values(exprs),
                    });
                }
            }
            (Some(select), None) => {
                // INSERT ... SELECT: the query is a subquery in FROM.
                let sub = self.child().transform_select(select)?;
                let out: Vec<(String, Oid, i32)> =
                    sub.output_columns().map(|t| (t.name.clone(), t.expr.type_oid(), t.expr.typmod())).collect();
                if stmt.columns.is_empty() && out.len() < cols.len() {
                    cols.truncate(out.len());
                }
                if out.len() > cols.len() {
                    return Err(PgError::new(
                        SqlState::SYNTAX_ERROR,
                        "INSERT has more expressions than target columns",
                    )
                    .with_position(self.pos(leftmost_select(select).unwrap_or(stmt.relation.location.0))));
                }
                if out.len() < cols.len() {
                    let loc = stmt.columns.get(out.len()).map(|c| c.location.0).unwrap_or(stmt.relation.location.0);
                    return Err(PgError::new(
                        SqlState::SYNTAX_ERROR,
                        "INSERT has more target columns than expressions",
                    )
                    .with_position(self.pos(loc)));
                }
                for (k, (&ci, (_, t, m))) in cols.iter().zip(&out).enumerate() {
                    let var = Expr::Var { attno: k, type_oid: *t, typmod: *m, location: None };
                    let var = self.resolve_unknown(var, 0)?;
                    assigned[ci] = Some(self.coerce_assignment(var, &info.columns[ci], 0, &settings)?);
                }
                self.rte = Some(RangeTblEntry {
                    alias: "*SELECT*".into(),
                    relname: None,
                    columns: out
                        .iter()
                        .map(|(n, t, m)| ColumnDef { name: n.clone(), type_oid: *t, typmod: *m })
                        .collect(),
                    source: RteSource::Subquery(Box::new(sub)),
                });
            }
        }
        let mut target_list = Vec::with_capacity(info.columns.len());
        for (i, col) in info.columns.iter().enumerate() {
            let e = match assigned[i].take() {
                Some(e) => e,
                None => self.column_default(&rel, col)?,
            };
            target_list.push(TargetEntry { expr: e, name: col.name.clone(), resjunk: false });
        }
        let returning = self.transform_returning(&stmt.returning, &info, &stmt.relation)?;
        Ok(self.modify_query(CmdType::Insert, info, target_list, None, returning))
    }

    /// INSERT's counts: a VALUES row with more or fewer values than target
    /// columns (`transformInsertRow`).
    fn check_insert_width(
        &self,
        nvalues: usize,
        ncols: usize,
        row: &[ast::Expr],
        columns: &[ast::SetTarget],
    ) -> PgResult<()> {
        if nvalues > ncols {
            let loc = crate::expr::leftmost(&row[ncols]);
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "INSERT has more expressions than target columns")
                .with_position(self.pos(loc)));
        }
        if nvalues < ncols {
            let pos = columns.get(nvalues).map(|c| self.pos(c.location.0));
            let e = PgError::new(SqlState::SYNTAX_ERROR, "INSERT has more target columns than expressions");
            return Err(match pos {
                Some(p) => e.with_position(p),
                None => e,
            });
        }
        Ok(())
    }

    /// RETURNING, over the table's row (`transformReturningList`).
    fn transform_returning(
        &self,
        list: &[ast::ResTarget],
        target: &ModifyTarget,
        rv: &ast::RangeVar,
    ) -> PgResult<Vec<TargetEntry>> {
        if list.is_empty() {
            return Ok(Vec::new());
        }
        let mut ps = self.child_same_level();
        let alias = rv.alias.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| rv.name.clone());
        // With FROM / USING, RETURNING reads every FROM item: the joined
        // row, whose target columns the executor replaces by the new row's.
        ps.rte = match &self.rte {
            Some(joined @ RangeTblEntry { source: RteSource::Join(_), .. }) => {
                ps.namespace = std::cell::RefCell::new(self.namespace.borrow().clone());
                ps.join_star = self.join_star.clone();
                Some(joined.clone())
            }
            _ => Some(target_row_rte(target, &alias)),
        };
        ps.without_aggs("RETURNING", || ps.transform_target_list(list))
    }

    /// A ParseState at the same query level with its own FROM scope (for
    /// RETURNING, whose expressions read the table's row).
    fn child_same_level(&self) -> ParseState<'_> {
        let mut ps = ParseState::new(self.env);
        ps.parent = self.parent;
        ps
    }

    fn modify_query(
        &mut self,
        command: CmdType,
        target: Arc<ModifyTarget>,
        target_list: Vec<TargetEntry>,
        where_clause: Option<Expr>,
        returning: Vec<TargetEntry>,
    ) -> Query {
        Query {
            command,
            modify: Some(Box::new(ModifyInfo { target, returning })),
            rtable: self.rte.take(),
            target_list,
            where_clause,
            has_outer_refs: self.has_outer_refs.get(),
            ..Query::empty_select()
        }
    }

    /// The FROM list of an UPDATE or DELETE: the target table first, then
    /// the FROM / USING items, joined; returns the target's column count
    /// in the scan row (its junk `ctid` last).
    fn target_and_from(&mut self, rv: &ast::RangeVar, from: &[FromItem]) -> PgResult<usize> {
        self.result_relation.set(Some(rv.location.0));
        let mut items = vec![FromItem::Relation(rv.clone())];
        items.extend(from.iter().cloned());
        let rte = if items.len() == 1 { self.transform_from_item(&items[0]) } else { self.transform_from_list(&items) };
        self.result_relation.set(None);
        let rte = rte?;
        let ntarget = match &rte.source {
            RteSource::Join(_) => match rte.column_origin(0) {
                Some((item, _)) => item.columns.len(),
                None => 0,
            },
            _ => rte.columns.len(),
        };
        self.rte = Some(rte);
        Ok(ntarget)
    }

    fn transform_dml_where(&self, w: &Option<ast::DmlWhere>) -> PgResult<Option<Expr>> {
        match w {
            None => Ok(None),
            Some(ast::DmlWhere::CurrentOf(_)) => Err(PgError::not_supported("WHERE CURRENT OF is not supported yet")),
            Some(ast::DmlWhere::Expr(e)) => {
                self.without_aggs("WHERE", || self.transform_bool_arg(e, "argument of WHERE")).map(Some)
            }
        }
    }

    /// `transformUpdateStmt`.
    pub(crate) fn transform_update(&mut self, stmt: &ast::UpdateStmt) -> PgResult<Query> {
        self.check_with(stmt.with.as_ref())?;
        let Target { rel, info } = self.open_target(&stmt.relation, "update")?;
        if stmt.with.is_some() {
            return Err(PgError::not_supported("WITH in UPDATE is not supported yet"));
        }
        let ntarget = self.target_and_from(&stmt.relation, &stmt.from)?;
        let where_clause = self.transform_dml_where(&stmt.where_clause)?;
        let settings = self.env.settings.clone();
        let mut assigned: Vec<Option<Expr>> = vec![None; info.columns.len()];
        let mut assign = |this: &Self, t: &ast::SetTarget, value: Option<&ast::Expr>| -> PgResult<()> {
            let ci = this.find_target_column(&info, &t.name, t.location.0)?;
            if !t.indirection.is_empty() {
                return Err(this.unsupported("assigning to subscripts or fields is not supported yet", t.location.0));
            }
            if assigned[ci].is_some() {
                return Err(PgError::new(
                    SqlState::SYNTAX_ERROR,
                    format!("multiple assignments to same column \"{}\"", t.name),
                ));
            }
            let col = &info.columns[ci];
            let e = match value {
                None => this.column_default(&rel, col)?,
                Some(v) if matches!(v.kind, ExprKind::SetToDefault) => this.column_default(&rel, col)?,
                Some(v) => {
                    let pos = this.pos_of(v);
                    let e = this.without_aggs("UPDATE", || this.transform_expr(v))?;
                    this.coerce_assignment(e, col, pos, &settings)?
                }
            };
            assigned[ci] = Some(e);
            Ok(())
        };
        for clause in &stmt.set {
            match clause {
                ast::SetClause::Single { target, value } => assign(self, target, Some(value))?,
                ast::SetClause::Multi { targets, value } => match &value.kind {
                    ExprKind::Row { args, .. } => {
                        if args.len() != targets.len() {
                            let msg = if args.len() > targets.len() {
                                "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression"
                            } else {
                                "number of columns does not match number of values"
                            };
                            return Err(PgError::new(SqlState::SYNTAX_ERROR, msg).with_position(self.pos_of(value)));
                        }
                        for (t, v) in targets.iter().zip(args) {
                            assign(self, t, Some(v))?;
                        }
                    }
                    _ => {
                        return Err(self.unsupported(
                            "multiple-column UPDATE from a sub-SELECT is not supported yet",
                            value.location.0,
                        ))
                    }
                },
            }
        }
        let mut target_list = Vec::with_capacity(info.columns.len() + 1);
        for (i, col) in info.columns.iter().enumerate() {
            let e = assigned[i].take().unwrap_or(Expr::Var {
                attno: i,
                type_oid: col.type_oid,
                typmod: col.typmod,
                location: None,
            });
            target_list.push(TargetEntry { expr: e, name: col.name.clone(), resjunk: false });
        }
        target_list.push(ctid_entry(ntarget));
        let returning = self.transform_returning(&stmt.returning, &info, &stmt.relation)?;
        Ok(self.modify_query(CmdType::Update, info, target_list, where_clause, returning))
    }

    /// `transformDeleteStmt`.
    pub(crate) fn transform_delete(&mut self, stmt: &ast::DeleteStmt) -> PgResult<Query> {
        self.check_with(stmt.with.as_ref())?;
        let Target { rel: _, info } = self.open_target(&stmt.relation, "delete from")?;
        if stmt.with.is_some() {
            return Err(PgError::not_supported("WITH in DELETE is not supported yet"));
        }
        let ntarget = self.target_and_from(&stmt.relation, &stmt.using)?;
        let where_clause = self.transform_dml_where(&stmt.where_clause)?;
        let target_list = vec![ctid_entry(ntarget)];
        let returning = self.transform_returning(&stmt.returning, &info, &stmt.relation)?;
        Ok(self.modify_query(CmdType::Delete, info, target_list, where_clause, returning))
    }

    /// Sets up FOR UPDATE/SHARE before FROM is transformed
    /// (`transformLockingClause`): which tables' rows are locked.
    pub(crate) fn prepare_locking(&self, locking: &[ast::LockingClause]) {
        for l in locking {
            if l.rels.is_empty() {
                self.lock_all.set(true);
            }
            for r in &l.rels {
                self.lock_rels.borrow_mut().push(r.name.clone());
            }
        }
    }

    /// The row marks of FOR UPDATE/SHARE, once the target list is done:
    /// a resjunk `ctid` entry per locked table of this level.
    pub(crate) fn finish_locking(
        &self,
        locking: &[ast::LockingClause],
        rte: Option<&RangeTblEntry>,
        target_list: &mut Vec<TargetEntry>,
    ) -> PgResult<Vec<RowMark>> {
        let mut marks = Vec::new();
        let Some(rte) = rte else { return Ok(marks) };
        let mut offset = 0;
        let mut items = Vec::new();
        collect_items(rte, &mut offset, &mut items);
        for (item, start) in items {
            let RteSource::Relation(r) = &item.source else { continue };
            if !r.ctid {
                continue;
            }
            let strongest = locking
                .iter()
                .filter(|l| l.rels.is_empty() || l.rels.iter().any(|rv| rv.name == item.alias))
                .max_by_key(|l| strength_number(l.strength));
            let Some(clause) = strongest else { continue };
            let attno = start + item.columns.len() - 1;
            target_list.push(TargetEntry {
                expr: Expr::Var { attno, type_oid: oid::TID, typmod: -1, location: None },
                name: "ctid".into(),
                resjunk: true,
            });
            marks.push(RowMark {
                relid: r.relid,
                ctid_entry: target_list.len() - 1,
                strength: strength_number(clause.strength),
                wait_policy: match clause.wait {
                    ast::LockWaitPolicy::Block => 0,
                    ast::LockWaitPolicy::Skip => 1,
                    ast::LockWaitPolicy::Error => 2,
                },
            });
        }
        Ok(marks)
    }
}

fn strength_number(s: ast::LockStrength) -> u8 {
    match s {
        ast::LockStrength::KeyShare => 0,
        ast::LockStrength::Share => 1,
        ast::LockStrength::NoKeyUpdate => 2,
        ast::LockStrength::Update => 3,
    }
}

/// The base FROM items of an entry with their first column in its row.
fn collect_items<'r>(rte: &'r RangeTblEntry, offset: &mut usize, out: &mut Vec<(&'r RangeTblEntry, usize)>) {
    match &rte.source {
        RteSource::Join(j) => {
            collect_items(&j.left, offset, out);
            collect_items(&j.right, offset, out);
        }
        _ => {
            out.push((rte, *offset));
            *offset += rte.columns.len();
        }
    }
}

/// The junk `ctid` entry of the target table, the last of its columns.
fn ctid_entry(ntarget: usize) -> TargetEntry {
    TargetEntry {
        expr: Expr::Var { attno: ntarget.saturating_sub(1), type_oid: oid::TID, typmod: -1, location: None },
        name: "ctid".into(),
        resjunk: true,
    }
}

/// The table's row as a FROM item (for RETURNING, defaults and CHECKs):
/// its live columns.
fn target_row_rte(target: &ModifyTarget, alias: &str) -> RangeTblEntry {
    RangeTblEntry {
        alias: alias.to_string(),
        relname: None,
        columns: target
            .columns
            .iter()
            .map(|c| ColumnDef { name: c.name.clone(), type_oid: c.type_oid, typmod: c.typmod })
            .collect(),
        source: RteSource::Relation(Arc::new(RelationRef {
            relid: target.relid,
            lock_mode: LockMode::RowExclusive as u8,
            attnums: target.columns.iter().map(|c| c.attnum).collect(),
            ctid: false,
        })),
    }
}

/// Whether a view's definition reads exactly one FROM item that is a
/// table or view (the first test of PostgreSQL's
/// `view_query_is_auto_updatable`); a definition that does not parse
/// counts as not.
fn selects_from_one_relation(definition: &str) -> bool {
    let Ok(stmts) = pg_parser::parse(definition) else { return false };
    let [stmt] = stmts.as_slice() else { return false };
    let ast::Stmt::Select(select) = &stmt.stmt else { return false };
    let SelectBody::Simple(simple) = &select.body else { return false };
    matches!(simple.from.as_slice(), [FromItem::Relation(_)])
}

fn verb_tag(verb: &str) -> &'static str {
    match verb {
        "insert into" => "INSERT",
        "update" => "UPDATE",
        _ => "DELETE",
    }
}

/// Where a SELECT's first value starts, for INSERT's count errors.
fn leftmost_select(s: &ast::SelectStmt) -> Option<usize> {
    match &s.body {
        SelectBody::Simple(simple) => simple.targets.first().map(|t| crate::expr::leftmost(&t.expr)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::selects_from_one_relation;

    /// The views INSERT/UPDATE/DELETE could write through one day, and
    /// those PostgreSQL refuses with 55000 (every system view).
    #[test]
    fn auto_updatable_shape() {
        assert!(selects_from_one_relation("SELECT a, b FROM t WHERE a > 1"));
        assert!(!selects_from_one_relation("SELECT l.locktype FROM pg_lock_status() l"));
        assert!(!selects_from_one_relation("SELECT 1 FROM a JOIN b ON true"));
        assert!(!selects_from_one_relation("SELECT 1 FROM a, b"));
        assert!(!selects_from_one_relation("SELECT 1 UNION SELECT 2"));
    }
}
