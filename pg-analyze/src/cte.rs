//! WITH queries (PostgreSQL's `parse_cte.c`: `transformWithClause`,
//! `checkWellFormedRecursion`; and `parse_relation.c`'s CTE lookup).
//!
//! Each WITH query is analyzed one level below the statement that owns it
//! and registered in that level's `ParseState::ctes`, where later WITH
//! queries and the statement's FROM items find it by name (walking out
//! through enclosing levels, so a subquery can read an outer WITH query;
//! the reference records how many levels out it is, `ctelevelsup`).
//!
//! A `WITH RECURSIVE` query must be `non-recursive-term UNION [ALL]
//! recursive-term`: the non-recursive term is analyzed while a reference to
//! the query is an error, then the recursive term, where the one allowed
//! reference (directly in its FROM, not in a subquery or an outer join's
//! nullable side) reads the working table. The non-recursive term fixes
//! the column types; the recursive term's columns are coerced to them.
//! A `WITH RECURSIVE` query that never refers to itself is an ordinary one.

use crate::expr::leftmost;
use crate::query::{Cte, CteBody, Query, RteSource};
use crate::ParseState;
use pg_catalog::ColumnDef;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, SelectBody, SetOperation, Stmt};
use pg_types::types::format_type;
use std::cell::Cell;

/// How a WITH query may be referred to while it is being analyzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CteMode {
    /// Analyzed: references read its rows.
    Ready,
    /// Its non-recursive term is being analyzed: a reference is an error.
    NonRecursiveTerm,
    /// Its recursive term is being analyzed: one reference, the working table.
    RecursiveTerm,
    /// It is recursive but not of the form `a UNION [ALL] b`.
    BadForm,
    /// Not visible (while a WITH RECURSIVE query without a self-reference
    /// is analyzed again as an ordinary one).
    Hidden,
}

/// A WITH query in a level's namespace (`p_ctenamespace`).
pub(crate) struct CteItem {
    name: String,
    columns: Vec<ColumnDef>,
    index: usize,
    mode: Cell<CteMode>,
    refs: Cell<usize>,
    location: usize,
}

fn recursion_error(message: String, pos: u32) -> PgError {
    PgError::new(SqlState::INVALID_RECURSION, message).with_position(pos)
}

impl ParseState<'_> {
    /// Transforms a SELECT statement, with its WITH clause if any.
    pub fn transform_select(&mut self, stmt: &ast::SelectStmt) -> PgResult<Query> {
        // Subqueries nest through here: keep this frame small.
        match &stmt.with {
            None => self.transform_select_body(stmt),
            Some(with) => self.transform_select_with(stmt, with),
        }
    }

    #[inline(never)]
    fn transform_select_with(&mut self, stmt: &ast::SelectStmt, with: &ast::WithClause) -> PgResult<Query> {
        let mut ctes = self.transform_with(with)?;
        let mut q = self.transform_select_body(stmt)?;
        for item in self.ctes.borrow().iter() {
            if let Some(c) = ctes.get_mut(item.index) {
                c.refcount = item.refs.get();
            }
        }
        q.ctes = ctes;
        q.has_outer_refs |= self.has_outer_refs.get();
        Ok(q)
    }

    /// `transformWithClause`: analyzes and registers each WITH query.
    pub(crate) fn transform_with(&self, with: &ast::WithClause) -> PgResult<Vec<Cte>> {
        let mut out = Vec::new();
        for (i, cte) in with.ctes.iter().enumerate() {
            let loc = cte.location.0;
            if with.ctes[..i].iter().any(|c| c.name == cte.name) {
                return Err(PgError::new(
                    SqlState::DUPLICATE_ALIAS,
                    format!("WITH query name \"{}\" specified more than once", cte.name),
                )
                .with_position(self.pos(loc)));
            }
            if matches!(&*cte.query, Stmt::Merge(_)) {
                // transformWithClause: PostgreSQL 15 refuses it for good, not as unsupported.
                return Err(self.unsupported("MERGE not supported in WITH query", loc));
            }
            let Stmt::Select(select) = &*cte.query else {
                return Err(self.unsupported("data-modifying statements in WITH are not supported yet", loc));
            };
            if let Some(s) = &cte.search {
                return Err(self.unsupported("SEARCH clauses are not supported yet", s.location.0));
            }
            if let Some(c) = &cte.cycle {
                return Err(self.unsupported("CYCLE clauses are not supported yet", c.location.0));
            }
            let (body, query_columns) = if with.recursive {
                self.transform_recursive_cte(cte, select)?
            } else {
                let q = self.child().transform_select(select)?;
                let cols = output_columns(&q);
                (CteBody::Plain(Box::new(q)), cols)
            };
            let columns = self.cte_columns(cte, query_columns)?;
            // A recursive query's item was registered while its terms were
            // analyzed; an ordinary one becomes visible now.
            let mut items = self.ctes.borrow_mut();
            match items.iter().find(|c| c.index == i) {
                Some(item) => item.mode.set(CteMode::Ready),
                None => items.push(CteItem {
                    name: cte.name.clone(),
                    columns: columns.clone(),
                    index: i,
                    mode: Cell::new(CteMode::Ready),
                    refs: Cell::new(0),
                    location: loc,
                }),
            }
            out.push(Cte { name: cte.name.clone(), columns, body, materialized: cte.materialized, refcount: 0 });
        }
        Ok(out)
    }

    /// The WITH query's columns: the query's, renamed by the column aliases.
    fn cte_columns(&self, cte: &ast::CommonTableExpr, mut columns: Vec<ColumnDef>) -> PgResult<Vec<ColumnDef>> {
        if cte.columns.len() > columns.len() {
            return Err(PgError::new(
                SqlState::INVALID_COLUMN_REFERENCE,
                format!(
                    "WITH query \"{}\" has {} columns available but {} columns specified",
                    cte.name,
                    columns.len(),
                    cte.columns.len()
                ),
            )
            .with_position(self.pos(cte.location.0)));
        }
        for (c, n) in columns.iter_mut().zip(&cte.columns) {
            c.name = n.clone();
        }
        Ok(columns)
    }

    /// A query of a `WITH RECURSIVE` clause (`checkWellFormedRecursion`).
    fn transform_recursive_cte(
        &self,
        cte: &ast::CommonTableExpr,
        select: &ast::SelectStmt,
    ) -> PgResult<(CteBody, Vec<ColumnDef>)> {
        let loc = cte.location.0;
        let index = self.ctes.borrow().len();
        let register = |mode: CteMode, columns: Vec<ColumnDef>| {
            let mut items = self.ctes.borrow_mut();
            items.retain(|c| c.index != index);
            items.push(CteItem {
                name: cte.name.clone(),
                columns,
                index,
                mode: Cell::new(mode),
                refs: Cell::new(0),
                location: loc,
            });
        };
        let (left, right, all) = match &select.body {
            SelectBody::SetOp { op: SetOperation::Union, all, left, right } if select.with.is_none() => {
                (left, right, *all)
            }
            _ => {
                // Not of the recursive form: fine as long as it never refers to itself.
                register(CteMode::BadForm, Vec::new());
                let q = self.child().transform_select(select)?;
                let cols = output_columns(&q);
                self.ctes.borrow_mut().retain(|c| c.index != index);
                return Ok((CteBody::Plain(Box::new(q)), cols));
            }
        };
        register(CteMode::NonRecursiveTerm, Vec::new());
        let non_recursive = self.child().transform_select(left)?;
        let left_columns = output_columns(&non_recursive);
        let columns = self.cte_columns(cte, left_columns.clone())?;
        register(CteMode::RecursiveTerm, columns);
        if let Some(sb) = select.order_by.first() {
            return Err(self.unsupported("ORDER BY in a recursive query is not implemented", leftmost(&sb.expr)));
        }
        if let Some(e) = &select.limit_offset {
            return Err(self.unsupported("OFFSET in a recursive query is not implemented", leftmost(e)));
        }
        if let Some(e) = &select.limit_count {
            return Err(self.unsupported("LIMIT in a recursive query is not implemented", leftmost(e)));
        }
        if !select.locking.is_empty() {
            // Without this check the clause was dropped and the recursion ran on unbounded.
            // PostgreSQL's LockingClause has no location, so the error has no position.
            return Err(PgError::not_supported("FOR UPDATE/SHARE in a recursive query is not implemented"));
        }
        let mut recursive = self.child().transform_select(right)?;
        let self_refs = self.ctes.borrow().iter().find(|c| c.index == index).map(|c| c.refs.get()).unwrap_or(0);
        if self_refs == 0 {
            // No self-reference: an ordinary query after all.
            register(CteMode::Hidden, Vec::new());
            let q = self.child().transform_select(select)?;
            let cols = output_columns(&q);
            self.ctes.borrow_mut().retain(|c| c.index != index);
            return Ok((CteBody::Plain(Box::new(q)), cols));
        }
        if let Some(a) = recursive.aggs.first() {
            return Err(recursion_error(
                "aggregate functions are not allowed in a recursive query's recursive term".into(),
                self.pos(a.location),
            ));
        }
        // The non-recursive term fixes the types; the recursive term's
        // columns are coerced to them.
        let left_locs = target_locations(left);
        let right_locs = target_locations(right);
        let right_columns = output_columns(&recursive);
        if right_columns.len() != left_columns.len() {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "each UNION query must have the same number of columns")
                .with_position(self.pos(right_locs.first().copied().unwrap_or(loc))));
        }
        let mut visible = recursive.target_list.iter_mut().filter(|t| !t.resjunk);
        for (i, (l, r)) in left_columns.iter().zip(&right_columns).enumerate() {
            let lpos = self.pos(left_locs.get(i).copied().unwrap_or(loc));
            let rpos = self.pos(right_locs.get(i).copied().unwrap_or(loc));
            let common = crate::coerce::select_common_type(&[(l.type_oid, lpos), (r.type_oid, rpos)], "UNION")?;
            if common != l.type_oid {
                return Err(recursion_error(
                    format!(
                        "recursive query \"{}\" column {} has type {} in non-recursive term but type {} overall",
                        cte.name,
                        i + 1,
                        format_type(l.type_oid, l.typmod),
                        format_type(common, -1)
                    ),
                    lpos,
                )
                .with_hint("Cast the output of the non-recursive term to the correct type."));
            }
            if let Some(t) = visible.next() {
                if t.expr.type_oid() != l.type_oid {
                    let e = std::mem::replace(&mut t.expr, crate::query::Expr::null(l.type_oid));
                    t.expr = crate::coerce::coerce_implicit(e, l.type_oid, rpos, self.env.settings)?;
                }
            }
        }
        Ok((
            CteBody::Recursive { non_recursive: Box::new(non_recursive), recursive: Box::new(recursive), all },
            left_columns,
        ))
    }

    /// Finds a WITH query named `name` here or in an enclosing level
    /// (`scanNameSpaceForCTE`); `None` when there is none.
    pub(crate) fn lookup_cte(&self, name: &str, loc: usize) -> PgResult<Option<(RteSource, Vec<ColumnDef>)>> {
        let mut level = Some(self);
        let mut levelsup = 0;
        while let Some(ps) = level {
            let items = ps.ctes.borrow();
            if let Some(item) = items.iter().rev().find(|c| c.name == name && c.mode.get() != CteMode::Hidden) {
                let source = match item.mode.get() {
                    CteMode::NonRecursiveTerm => {
                        return Err(recursion_error(
                            format!("recursive reference to query \"{name}\" must not appear within its non-recursive term"),
                            self.pos(loc),
                        ))
                    }
                    CteMode::BadForm => {
                        return Err(recursion_error(
                            format!("recursive query \"{name}\" does not have the form non-recursive-term UNION [ALL] recursive-term"),
                            self.pos(item.location),
                        ))
                    }
                    CteMode::RecursiveTerm => {
                        if levelsup != 1 {
                            return Err(recursion_error(
                                format!("recursive reference to query \"{name}\" must not appear within a subquery"),
                                self.pos(loc),
                            ));
                        }
                        if self.in_nullable_side.get() {
                            return Err(recursion_error(
                                format!("recursive reference to query \"{name}\" must not appear within an outer join"),
                                self.pos(loc),
                            ));
                        }
                        item.refs.set(item.refs.get() + 1);
                        if item.refs.get() > 1 {
                            return Err(recursion_error(
                                format!("recursive reference to query \"{name}\" must not appear more than once"),
                                self.pos(loc),
                            ));
                        }
                        RteSource::WorkTable { name: name.to_string(), levelsup, index: item.index, wt_id: 0 }
                    }
                    CteMode::Ready | CteMode::Hidden => {
                        item.refs.set(item.refs.get() + 1);
                        RteSource::Cte { name: name.to_string(), levelsup, index: item.index, plan_id: 0 }
                    }
                };
                return Ok(Some((source, item.columns.clone())));
            }
            level = ps.parent;
            levelsup += 1;
        }
        Ok(None)
    }
}

/// The visible output columns of an analyzed query.
fn output_columns(q: &Query) -> Vec<ColumnDef> {
    q.output_columns()
        .map(|t| ColumnDef { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
        .collect()
}

/// The byte offsets of a SELECT's target entries (its leftmost arm's).
fn target_locations(s: &ast::SelectStmt) -> Vec<usize> {
    match &s.body {
        SelectBody::Simple(simple) => simple.targets.iter().map(|t| leftmost(&t.expr)).collect(),
        SelectBody::Values(rows) => rows.first().map(|r| r.iter().map(leftmost).collect()).unwrap_or_default(),
        SelectBody::SetOp { left, .. } => target_locations(left),
    }
}
