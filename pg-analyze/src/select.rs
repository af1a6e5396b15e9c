//! SELECT analysis (PostgreSQL's `transformSelectStmt`, `parse_clause.c`:
//! FROM, WHERE, ORDER BY, LIMIT; `parse_target.c`: the target list).

use crate::expr::{figure_colname, leftmost};
use crate::query::{Expr, Query, RangeTblEntry, RteSource, SortClause, SubLinkKind, TargetEntry};
use crate::registry::{CoercionContext, FuncKind};
use crate::{coerce, ParseState};
use pg_catalog::{resolve_relation, ColumnDef, RelationSource};
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, ColumnRefField, ExprKind, FromItem, SelectBody, SortDir, SortNulls, Value};
use pg_types::types::oid;

impl ParseState<'_> {
    /// Transforms a SELECT statement without its WITH clause. Subqueries in
    /// the select list nest through here, so this frame stays small: the
    /// clauses before and after the select list are transformed in
    /// functions of their own.
    pub(crate) fn transform_select_body(&mut self, stmt: &ast::SelectStmt) -> PgResult<Query> {
        if !stmt.locking.is_empty() {
            self.prepare_locking(&stmt.locking);
        }
        let Some((simple, distinct, where_clause)) = self.transform_select_prologue(stmt)? else {
            return self.transform_select_other(stmt);
        };
        let target_list = self.transform_target_list(&simple.targets)?;
        let mut q = self.transform_select_epilogue(stmt, simple, distinct, where_clause, target_list)?;
        if !stmt.locking.is_empty() {
            let what = lock_clause_name(&stmt.locking);
            let not_with = |clause: &str| {
                PgError::new(SqlState::FEATURE_NOT_SUPPORTED, format!("{what} is not allowed with {clause}"))
            };
            if q.distinct {
                return Err(not_with("DISTINCT clause"));
            }
            if !q.group_clause.is_empty() {
                return Err(not_with("GROUP BY clause"));
            }
            if q.having.is_some() {
                return Err(not_with("HAVING clause"));
            }
            if q.has_aggs {
                return Err(not_with("aggregate functions"));
            }
            let rte = q.rtable.take();
            q.row_marks = self.finish_locking(&stmt.locking, rte.as_ref(), &mut q.target_list)?;
            q.rtable = rte;
        }
        Ok(q)
    }

    /// VALUES and set operations.
    #[inline(never)]
    fn transform_select_other(&mut self, stmt: &ast::SelectStmt) -> PgResult<Query> {
        if !stmt.locking.is_empty() {
            let what = lock_clause_name(&stmt.locking);
            let with = if matches!(stmt.body, SelectBody::Values(_)) { "VALUES" } else { "UNION/INTERSECT/EXCEPT" };
            return Err(PgError::new(SqlState::FEATURE_NOT_SUPPORTED, format!("{what} is not allowed with {with}")));
        }
        match &stmt.body {
            SelectBody::Values(rows) => {
                let rte = self.transform_values(rows)?;
                self.transform_over_rte(stmt, rte, false)
            }
            _ => {
                let rte = self.transform_set_operation(stmt)?;
                self.transform_over_rte(stmt, rte, true)
            }
        }
    }

    /// The checks, FROM and WHERE of a plain SELECT; `None` for VALUES and
    /// set operations.
    #[inline(never)]
    #[allow(clippy::type_complexity)]
    fn transform_select_prologue<'s>(
        &mut self,
        stmt: &'s ast::SelectStmt,
    ) -> PgResult<Option<(&'s ast::SimpleSelect, bool, Option<Expr>)>> {
        if stmt.limit_with_ties {
            return Err(PgError::not_supported("FETCH FIRST ... WITH TIES is not supported yet"));
        }
        let SelectBody::Simple(simple) = &stmt.body else { return Ok(None) };
        if simple.into.is_some() {
            return Err(PgError::not_supported("SELECT INTO is not supported yet"));
        }
        if simple.group_distinct {
            return Err(PgError::not_supported("GROUP BY DISTINCT is not supported yet"));
        }
        if !simple.windows.is_empty() {
            return Err(PgError::not_supported("WINDOW clauses are not supported yet"));
        }
        let distinct = match &simple.distinct {
            ast::Distinct::All => false,
            ast::Distinct::Distinct => true,
            ast::Distinct::On(_) => return Err(PgError::not_supported("DISTINCT ON is not supported yet")),
        };
        // An aggregate of this query may not appear in its own FROM (inside
        // a LATERAL subquery).
        let saved = self.no_aggs_in.replace(Some("FROM clause of their own query level"));
        let from = match simple.from.as_slice() {
            [] => Ok(None),
            [item] if !matches!(item, FromItem::Join(_)) => self.transform_from_item(item).map(Some),
            items => self.transform_from_list(items).map(Some),
        };
        self.no_aggs_in.set(saved);
        self.rte = from?;
        let where_clause = self.without_aggs("WHERE", || {
            simple.where_clause.as_ref().map(|w| self.transform_bool_arg(w, "argument of WHERE")).transpose()
        })?;
        Ok(Some((simple, distinct, where_clause)))
    }

    /// HAVING, ORDER BY, GROUP BY, LIMIT and the aggregate check of a plain SELECT.
    #[inline(never)]
    fn transform_select_epilogue(
        &mut self,
        stmt: &ast::SelectStmt,
        simple: &ast::SimpleSelect,
        distinct: bool,
        where_clause: Option<Expr>,
        mut target_list: Vec<TargetEntry>,
    ) -> PgResult<Query> {
        let having = self.without_srfs("HAVING", || {
            simple.having.as_ref().map(|h| self.transform_bool_arg(h, "argument of HAVING")).transpose()
        })?;
        let sort_clause = self.transform_sort_clause(&stmt.order_by, &mut target_list, distinct)?;
        let group_clause = self.transform_group_clause(&simple.group_by, &target_list)?;
        let limit_offset = self.without_aggs("OFFSET", || {
            stmt.limit_offset.as_ref().map(|e| self.transform_limit(e, "OFFSET")).transpose()
        })?;
        let limit_count = self.without_aggs("LIMIT", || {
            stmt.limit_count.as_ref().map(|e| self.transform_limit(e, "LIMIT")).transpose()
        })?;
        let has_aggs = self.has_aggs.get() || !group_clause.is_empty() || having.is_some();
        let mut aggs = Vec::new();
        let (target_list, having) = if has_aggs {
            let tl = target_list
                .into_iter()
                .map(|t| Ok(TargetEntry { expr: self.check_ungrouped(t.expr, &group_clause, &mut aggs)?, ..t }))
                .collect::<PgResult<Vec<_>>>()?;
            let having = having.map(|h| self.check_ungrouped(h, &group_clause, &mut aggs)).transpose()?;
            (tl, having)
        } else {
            (target_list, None)
        };
        Ok(Query {
            command: crate::query::CmdType::Select,
            modify: None,
            row_marks: Vec::new(),
            rtable: self.rte.take(),
            target_list,
            where_clause,
            distinct,
            sort_clause,
            limit_offset,
            limit_count,
            has_aggs,
            group_clause,
            aggs,
            having,
            has_outer_refs: self.has_outer_refs.get(),
            ctes: Vec::new(),
        })
    }
    /// One function call of a FROM item (`addRangeTableEntryForFunction`
    /// for one of its functions): its name, its columns, how it runs, and
    /// whether its one column is named after the FROM item's alias (a
    /// function returning a set of a scalar type).
    fn transform_range_function(&self, f: &ast::Expr) -> PgResult<(String, Vec<ColumnDef>, RteSource, bool)> {
        let ExprKind::FuncCall(call) = &f.kind else {
            return Err(self.unsupported("only function calls are supported in FROM", f.location.0));
        };
        let fname = call.name.last().cloned().unwrap_or_default();
        let (args, names, pos) = self.without_aggs("functions in FROM", || self.transform_named_func_args(call))?;
        let (cand, args) = self.resolve_function_named(&call.name, args, &names, &pos, f.location.0, true)?;
        let rows = self.env.catalog.function_rows(&cand);
        Ok(match cand.kind {
            FuncKind::SetReturning { columns, func } if columns.len() == 1 && columns[0].0 == cand.name => (
                fname,
                vec![ColumnDef {
                    name: cand.name.to_string(),
                    type_oid: self.resolve_polymorphic_result(columns[0].1, &cand.arg_types, &args),
                    typmod: -1,
                }],
                RteSource::Function { name: cand.name.to_string(), func, args, rows, strict: cand.strict },
                true,
            ),
            FuncKind::SetReturning { columns, func } => (
                fname,
                columns.into_iter().map(|(name, type_oid)| ColumnDef { name, type_oid, typmod: -1 }).collect(),
                RteSource::Function { name: cand.name.to_string(), func, args, rows, strict: cand.strict },
                false,
            ),
            FuncKind::Scalar(func) => (
                fname.clone(),
                vec![ColumnDef {
                    name: fname,
                    type_oid: self.resolve_polymorphic_result(cand.ret_type, &cand.arg_types, &args),
                    typmod: -1,
                }],
                RteSource::ScalarFunction { name: cand.name.to_string(), func, args, strict: cand.strict },
                false,
            ),
        })
    }

    pub(crate) fn transform_from_item(&self, item: &FromItem) -> PgResult<RangeTblEntry> {
        match item {
            FromItem::Relation(rv) => {
                let loc = rv.location.0;
                if rv.schema.is_none() {
                    if let Some((source, columns)) = self.lookup_cte(&rv.name, loc)? {
                        let columns = apply_column_aliases(columns, rv.alias.as_ref())?;
                        return Ok(RangeTblEntry {
                            alias: rv.alias.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| rv.name.clone()),
                            relname: None,
                            columns,
                            source,
                        });
                    }
                }
                let path =
                    pg_catalog::effective_search_path(self.env.catalog, self.env.search_path, self.env.session_user);
                // A missing schema is reported as a missing relation, as
                // PostgreSQL's RangeVarGetRelid does for a SELECT.
                let rel = resolve_relation(self.env.catalog, rv.schema.as_deref(), &rv.name, &path)
                    .ok()
                    .flatten()
                    .ok_or_else(|| {
                        let shown = match &rv.schema {
                            Some(s) => format!("{s}.{}", rv.name),
                            None => rv.name.clone(),
                        };
                        PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist"))
                            .with_position(self.pos(loc))
                    })?;
                let schema_name = if rel.namespace == pg_catalog::PG_CATALOG_NAMESPACE {
                    "pg_catalog".to_string()
                } else {
                    rv.schema.clone().unwrap_or_default()
                };
                // PostgreSQL checks this at executor start
                // (ExecCheckRTPerms); the session's user cannot change
                // between analysis and execution here, so the answer is the
                // same, and EXPLAIN is refused as PostgreSQL refuses it.
                if let pg_catalog::SelectPrivilege::RoleMembers(role) = rel.select_privilege {
                    if !(self.env.has_privs_of_role)(role) {
                        return Err(PgError::new(
                            SqlState::INSUFFICIENT_PRIVILEGE,
                            format!(
                                "permission denied for {} {}",
                                if rel.kind == pg_catalog::RelKind::View { "view" } else { "table" },
                                rel.name
                            ),
                        ));
                    }
                }
                let definition = match &rel.source {
                    RelationSource::Heap { relid } => return self.relation_rte(*relid, rv, schema_name, loc),
                    RelationSource::View { definition } => definition.as_str().into(),
                };
                // A view: pg-rewrite puts its definition in its place.
                let columns = apply_column_aliases(rel.columns, rv.alias.as_ref())?;
                Ok(RangeTblEntry {
                    alias: rv.alias.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| rel.name.clone()),
                    relname: Some((schema_name, rel.name)),
                    columns,
                    source: RteSource::ViewRule { relid: rel.oid, definition },
                })
            }
            FromItem::Function { lateral: _, functions, rows_from, ordinality, alias, coldeflist, location } => {
                if let Some(c) = coldeflist.first().or_else(|| functions.iter().find_map(|f| f.coldeflist.first())) {
                    return Err(self.unsupported("column definition lists are not supported yet", c.location.0));
                }
                // unnest(a, b, ...) in FROM is ROWS FROM (unnest(a), unnest(b), ...).
                let calls: Vec<ast::Expr> = match &functions[..] {
                    [one] if !*rows_from => match &one.call.kind {
                        ExprKind::FuncCall(call)
                            if call.args.len() > 1
                                && call.name.len() == 1
                                && call.name[0] == "unnest"
                                && call.agg_order.is_empty()
                                && !call.func_variadic =>
                        {
                            call.args
                                .iter()
                                .map(|a| {
                                    let mut c = (**call).clone();
                                    c.args = vec![a.clone()];
                                    ast::Expr { kind: ExprKind::FuncCall(Box::new(c)), location: one.call.location }
                                })
                                .collect()
                        }
                        _ => vec![one.call.clone()],
                    },
                    _ => functions.iter().map(|f| f.call.clone()).collect(),
                };
                let mut items = Vec::new();
                let mut columns = Vec::new();
                let mut first_name = None;
                let mut takes_alias = false;
                for f in &calls {
                    let (name, cols, source, named_after_function) = self.transform_range_function(f)?;
                    first_name.get_or_insert(name);
                    takes_alias = named_after_function;
                    items.push((source, cols.len()));
                    columns.extend(cols);
                }
                let alias_name = alias.as_ref().map(|a| a.name.clone()).or(first_name).unwrap_or_default();
                if *ordinality {
                    columns.push(ColumnDef { name: "ordinality".into(), type_oid: oid::INT8, typmod: -1 });
                }
                // A lone function returning a set of one scalar column names
                // it after the alias.
                if items.len() == 1 && alias.is_some() && takes_alias {
                    columns[0].name = alias_name.clone();
                }
                let source = if items.len() == 1 && !*ordinality {
                    items.pop().map(|(s, _)| s).unwrap_or(RteSource::Values(Vec::new()))
                } else {
                    RteSource::RowsFrom { items, ordinality: *ordinality }
                };
                let columns = apply_column_aliases(columns, alias.as_ref())?;
                let _ = location;
                Ok(RangeTblEntry { alias: alias_name, relname: None, columns, source })
            }
            FromItem::Subquery { lateral, query, alias, location } => {
                let Some(alias) = alias else {
                    return Err(PgError::new(SqlState::SYNTAX_ERROR, "subquery in FROM must have an alias")
                        .with_hint("For example, FROM (SELECT ...) [AS] foo.")
                        .with_position(self.pos(location.0)));
                };
                // The subquery is a query level of its own: the FROM items
                // before it are visible in it only with LATERAL (its
                // references to them become parameters of the nested loop
                // that joins it); the queries enclosing this one always are.
                let saved = self.hide_from.replace(!*lateral);
                let sub = self.child().transform_select(query);
                self.hide_from.set(saved);
                let sub = sub?;
                let columns = sub
                    .output_columns()
                    .map(|t| ColumnDef { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
                    .collect();
                let columns = apply_column_aliases(columns, Some(alias))?;
                Ok(RangeTblEntry {
                    alias: alias.name.clone(),
                    relname: None,
                    columns,
                    source: RteSource::Subquery(Box::new(sub)),
                })
            }
            FromItem::TableSample(t) => Err(self.unsupported("TABLESAMPLE is not supported yet", t.location.0)),
            FromItem::TableFunc(t) => Err(self.unsupported("XMLTABLE is not supported yet", t.location.0)),
            FromItem::Join(_) => Err(PgError::not_supported("JOIN is not supported yet")),
        }
    }

    pub(crate) fn transform_target_list(&self, targets: &[ast::ResTarget]) -> PgResult<Vec<TargetEntry>> {
        // MaxTupleAttributeNumber: a result row cannot hold more columns.
        if targets.len() > 1664 {
            return Err(PgError::new(SqlState::TOO_MANY_COLUMNS, "target lists can have at most 1664 entries"));
        }
        let mut out = Vec::new();
        for t in targets {
            if let ExprKind::ColumnRef(fields) = &t.expr.kind {
                if fields.last() == Some(&ColumnRefField::Star) {
                    self.expand_star(fields, t.expr.location.0, &mut out)?;
                    continue;
                }
            }
            let e = self.transform_expr(&t.expr)?;
            // A scalar subquery is named after the first output column of the analyzed
            // subquery, as PostgreSQL's FigureColname reads it (`(select s.*)` is named after
            // s's first column, `(select 1 as a union select 2)` after `a`).
            let sublink_name = match &e {
                Expr::SubLink(s) if s.kind == SubLinkKind::Expr => {
                    s.subquery.output_columns().next().map(|c| c.name.clone())
                }
                _ => None,
            };
            let e = if self.resolve_unknowns { self.resolve_unknown(e, self.pos(leftmost(&t.expr)))? } else { e };
            let name = t.name.clone().or(sublink_name).unwrap_or_else(|| figure_colname(&t.expr).0);
            out.push(TargetEntry { expr: e, name, resjunk: false });
        }
        Ok(out)
    }

    fn expand_star(&self, fields: &[ColumnRefField], loc: usize, out: &mut Vec<TargetEntry>) -> PgResult<()> {
        if let [ColumnRefField::Name(t), ColumnRefField::Star] = fields {
            if self.visible_item_column_names(t, loc).is_none() {
                // A qualified `t.*` names a FROM item of an enclosing query level as readily
                // as one of this level (a LATERAL or correlated subquery): each column becomes
                // an outer reference, resolved as `t.column` would be.
                let mut level = self.parent;
                while let Some(p) = level {
                    if let Some(names) = p.visible_item_column_names(t, loc) {
                        if p.hide_from.get() {
                            // Out of sight of a FROM subquery without LATERAL: the error (and
                            // its hint) is the one a reference to one of its columns gets.
                            if let Some(name) = names.first() {
                                let field = [ColumnRefField::Name(t.clone()), ColumnRefField::Name(name.clone())];
                                self.transform_column_ref(&field, loc)?;
                            }
                            level = p.parent;
                            continue;
                        }
                        for name in names {
                            let field = [ColumnRefField::Name(t.clone()), ColumnRefField::Name(name.clone())];
                            let expr = self.transform_column_ref(&field, loc)?;
                            out.push(TargetEntry { expr, name, resjunk: false });
                        }
                        return Ok(());
                    }
                    level = p.parent;
                }
                if self.rte.is_none() {
                    return Err(PgError::new(
                        SqlState::UNDEFINED_TABLE,
                        format!("missing FROM-clause entry for table \"{t}\""),
                    )
                    .with_position(self.pos(loc)));
                }
            }
        }
        let Some(rte) = &self.rte else {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "SELECT * with no tables specified is not valid")
                .with_position(self.pos(loc)));
        };
        if let Some(star) = &self.join_star {
            let cols = match fields {
                [ColumnRefField::Name(t), ColumnRefField::Star] => self.join_item_columns(t, loc)?,
                _ => star.clone(),
            };
            for (name, expr) in cols {
                if name == "ctid" && expr.type_oid() == oid::TID {
                    continue;
                }
                out.push(TargetEntry { expr, name, resjunk: false });
            }
            return Ok(());
        }
        if let [ColumnRefField::Name(t), ColumnRefField::Star] = fields {
            if *t != rte.alias {
                return Err(PgError::new(
                    SqlState::UNDEFINED_TABLE,
                    format!("missing FROM-clause entry for table \"{t}\""),
                )
                .with_position(self.pos(loc)));
            }
        }
        for (attno, c) in rte.columns.iter().enumerate() {
            if crate::query::is_junk_ctid(c) {
                continue;
            }
            out.push(TargetEntry {
                expr: Expr::Var { attno, type_oid: c.type_oid, typmod: c.typmod, location: Some(loc) },
                name: c.name.clone(),
                resjunk: false,
            });
        }
        Ok(())
    }

    /// The column names of the FROM item called `table` at this query level, if this level
    /// has one that column references may see.
    /// (A level whose items are hidden from the subquery being analyzed still answers: see
    /// `hide_from`.)
    fn visible_item_column_names(&self, table: &str, loc: usize) -> Option<Vec<String>> {
        if !self.namespace.borrow().is_empty() {
            if let Ok(cols) = self.join_item_columns(table, loc) {
                return Some(cols.into_iter().map(|(name, _)| name).collect());
            }
        }
        let rte = self.rte.as_ref().filter(|r| r.alias == table)?;
        Some(rte.columns.iter().map(|c| c.name.clone()).collect())
    }

    /// ORDER BY (`transformSortClause` with `findTargetlistEntrySQL92`): an
    /// output column name or number, else an expression matched against the
    /// target list or added to it as a hidden (resjunk) column.
    pub(crate) fn transform_sort_clause(
        &self,
        order_by: &[ast::SortBy],
        tlist: &mut Vec<TargetEntry>,
        distinct: bool,
    ) -> PgResult<Vec<SortClause>> {
        let mut out = Vec::new();
        for sb in order_by {
            let loc = leftmost(&sb.expr);
            let (descending, nulls_first) = self.sort_direction(sb)?;
            let tle = self.find_target_entry(&sb.expr, tlist, distinct, loc)?;
            let t = tlist[tle].expr.type_oid();
            self.check_ordering(t, loc)?;
            out.push(SortClause { tle, descending, nulls_first });
        }
        Ok(out)
    }

    /// An ORDER BY item's (DESC, NULLS FIRST): NULLS FIRST by default
    /// when descending, as PostgreSQL's `addTargetToSortList`.
    pub(crate) fn sort_direction(&self, sb: &ast::SortBy) -> PgResult<(bool, bool)> {
        let descending = match &sb.dir {
            SortDir::Default | SortDir::Asc => false,
            SortDir::Desc => true,
            SortDir::Using(_) => return Err(self.unsupported("ORDER BY ... USING is not supported yet", sb.location.0)),
        };
        let nulls_first = match sb.nulls {
            SortNulls::Default => descending,
            SortNulls::First => true,
            SortNulls::Last => false,
        };
        Ok((descending, nulls_first))
    }

    fn find_target_entry(
        &self,
        e: &ast::Expr,
        tlist: &mut Vec<TargetEntry>,
        distinct: bool,
        loc: usize,
    ) -> PgResult<usize> {
        match &e.kind {
            ExprKind::ColumnRef(fields) if fields.len() == 1 => {
                if let ColumnRefField::Name(name) = &fields[0] {
                    let input_column =
                        self.rte.as_ref().map(|r| r.columns.iter().any(|c| &c.name == name)).unwrap_or(false);
                    let mut hits = tlist.iter().enumerate().filter(|(_, t)| !t.resjunk && &t.name == name);
                    if let Some((i, _)) = hits.next() {
                        if hits.next().is_some() && !input_column {
                            return Err(PgError::new(
                                SqlState::AMBIGUOUS_COLUMN,
                                format!("ORDER BY \"{name}\" is ambiguous"),
                            )
                            .with_position(self.pos(loc)));
                        }
                        return Ok(i);
                    }
                }
            }
            ExprKind::Const(Value::Integer(n)) => {
                let visible = tlist.iter().filter(|t| !t.resjunk).count();
                if *n < 1 || *n as usize > visible {
                    return Err(PgError::new(
                        SqlState::INVALID_COLUMN_REFERENCE,
                        format!("ORDER BY position {n} is not in select list"),
                    )
                    .with_position(self.pos(loc)));
                }
                return Ok(*n as usize - 1);
            }
            // Any other literal (a string, decimal, TRUE, NULL) would sort nothing.
            ExprKind::Const(_) => {
                return Err(PgError::new(SqlState::SYNTAX_ERROR, "non-integer constant in ORDER BY")
                    .with_position(self.pos(loc)));
            }
            _ => {}
        }
        let expr = self.transform_expr(e)?;
        let expr = self.resolve_unknown(expr, self.pos(loc))?;
        if let Some(i) = tlist.iter().position(|t| t.expr.equal(&expr)) {
            return Ok(i);
        }
        if distinct {
            return Err(PgError::new(
                SqlState::INVALID_COLUMN_REFERENCE,
                "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
            )
            .with_position(self.pos(loc)));
        }
        tlist.push(TargetEntry { expr, name: figure_colname(e).0, resjunk: true });
        Ok(tlist.len() - 1)
    }

    pub(crate) fn transform_limit(&self, e: &ast::Expr, _what: &str) -> PgResult<Expr> {
        let t = self.transform_expr(e)?;
        let pos = self.pos(leftmost(e));
        let ty = t.type_oid();
        coerce::coerce_to(t, oid::INT8, -1, CoercionContext::Implicit, pos, self.env.settings)?.ok_or_else(|| {
            PgError::new(
                SqlState::DATATYPE_MISMATCH,
                format!("argument of {_what} must be type bigint, not type {}", pg_types::types::format_type(ty, -1)),
            )
            .with_position(pos)
        })
    }
}

/// The name of the first locking clause, as PostgreSQL's errors word it
/// (`LCS_asString`).
fn lock_clause_name(locking: &[ast::LockingClause]) -> &'static str {
    match locking.first().map(|l| l.strength) {
        Some(ast::LockStrength::KeyShare) => "FOR KEY SHARE",
        Some(ast::LockStrength::Share) => "FOR SHARE",
        Some(ast::LockStrength::NoKeyUpdate) => "FOR NO KEY UPDATE",
        _ => "FOR UPDATE",
    }
}

pub(crate) fn apply_column_aliases(
    mut columns: Vec<ColumnDef>,
    alias: Option<&ast::Alias>,
) -> PgResult<Vec<ColumnDef>> {
    if let Some(a) = alias {
        if a.columns.len() > columns.len() {
            return Err(PgError::new(
                SqlState::INVALID_COLUMN_REFERENCE,
                format!(
                    "table \"{}\" has {} columns available but {} columns specified",
                    a.name,
                    columns.len(),
                    a.columns.len()
                ),
            ));
        }
        for (c, n) in columns.iter_mut().zip(&a.columns) {
            c.name = n.clone();
        }
    }
    Ok(columns)
}
