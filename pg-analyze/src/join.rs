//! FROM lists with more than one item and JOIN expressions (PostgreSQL's
//! `transformFromClause`, `transformFromClauseItem`, `transformJoinUsingClause`
//! and the namespace lookups of `parse_relation.c`).
//!
//! The query's scan row is every FROM item's columns, in order: a column of
//! the item starting at `offset` is `Var { attno: offset + i }`. A join is a
//! range-table entry whose columns are its inputs' columns concatenated.
//! Columns merged by USING/NATURAL are expressions over those (the left
//! column, the right one for RIGHT JOIN, COALESCE of both for FULL JOIN).

use crate::coerce::select_common_type;
use crate::query::{BoolOpKind, Expr, JoinTree, JoinType, RangeTblEntry, RteSource};
use crate::ParseState;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::{self, FromItem};

/// A FROM item visible to column references (`ParseNamespaceItem`).
#[derive(Clone)]
pub(crate) struct NsItem {
    alias: String,
    relname: Option<(String, String)>,
    /// Column names and values (scan-row columns for a table, any
    /// expression for a join alias's merged columns).
    names: Vec<String>,
    exprs: Vec<Expr>,
    /// First scan-row column of the item (of the join, for a join alias).
    offset: usize,
    /// True for a FROM item (not a join alias): its columns are scan-row
    /// columns `offset..`.
    base: bool,
    /// True for items inside an aliased join: the alias hides them.
    hidden: bool,
}

/// A column merged by USING / NATURAL.
pub(crate) struct Merged {
    name: String,
    expr: Expr,
    /// True once an enclosing USING merged it again.
    hidden: bool,
    /// The scan-row columns it merges, reachable only qualified now.
    bases: Vec<usize>,
}

/// What `*` expands to over a FROM item: (name, value, origin).
type StarList = Vec<(String, Expr, Origin)>;

/// Where a `*` column comes from, so an enclosing USING can hide it.
#[derive(Clone, Copy)]
enum Origin {
    Base,
    Merged(usize),
}

impl ParseState<'_> {
    /// FROM with several items or a join: one join entry over all of them
    /// (comma-separated items are cross joins), with the namespace set up
    /// for column references and `*`.
    pub(crate) fn transform_from_list(&mut self, from: &[FromItem]) -> PgResult<RangeTblEntry> {
        let mut acc: Option<(RangeTblEntry, StarList)> = None;
        for item in from {
            let (rte, star) = self.transform_from_tree(item)?;
            acc = Some(match acc {
                None => (rte, star),
                Some((left, mut lstar)) => {
                    lstar.extend(star);
                    (join_rte(JoinTree { kind: JoinType::Inner, left, right: rte, quals: None }, None), lstar)
                }
            });
        }
        let (rte, star) = acc.ok_or_else(|| PgError::internal("empty FROM list"))?;
        self.join_star = Some(star.into_iter().map(|(n, e, _)| (n, e)).collect());
        Ok(rte)
    }

    fn columns_so_far(&self) -> usize {
        self.namespace.borrow().iter().filter(|n| n.base).map(|n| n.names.len()).sum()
    }

    fn transform_from_tree(&self, item: &FromItem) -> PgResult<(RangeTblEntry, StarList)> {
        let FromItem::Join(j) = item else {
            let offset = self.columns_so_far();
            let rte = self.transform_from_item(item)?;
            self.check_duplicate_alias(&rte.alias)?;
            let star: StarList = rte
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let e = Expr::Var { attno: offset + i, type_oid: c.type_oid, typmod: c.typmod, location: None };
                    (c.name.clone(), e, Origin::Base)
                })
                .collect();
            self.namespace.borrow_mut().push(NsItem {
                alias: rte.alias.clone(),
                relname: rte.relname.clone(),
                names: star.iter().map(|(n, ..)| n.clone()).collect(),
                exprs: star.iter().map(|(_, e, _)| e.clone()).collect(),
                offset,
                base: true,
                hidden: false,
            });
            return Ok((rte, star));
        };
        if j.using_alias.is_some() {
            return Err(PgError::not_supported("JOIN USING aliases are not supported yet"));
        }
        let start = self.columns_so_far();
        let items_before = self.namespace.borrow().len();
        let merged_before = self.merged.borrow().len();
        // The side an outer join fills with NULLs may not hold a recursive
        // reference (checkWellFormedRecursionWalker).
        let nullable = |right_side: bool| match j.kind {
            ast::JoinKind::Left => right_side,
            ast::JoinKind::Right => !right_side,
            ast::JoinKind::Full => true,
            ast::JoinKind::Inner => false,
        };
        let saved = self.in_nullable_side.get();
        self.in_nullable_side.set(saved || nullable(false));
        let left = self.transform_from_tree(&j.left);
        self.in_nullable_side.set(saved || nullable(true));
        let right = left.and_then(|l| Ok((l, self.transform_from_tree(&j.right)?)));
        self.in_nullable_side.set(saved);
        let ((left, lstar), (right, rstar)) = right?;
        let kind = match j.kind {
            ast::JoinKind::Inner => JoinType::Inner,
            ast::JoinKind::Left => JoinType::Left,
            ast::JoinKind::Right => JoinType::Right,
            ast::JoinKind::Full => JoinType::Full,
        };
        let using: Vec<String> = if j.natural {
            lstar.iter().filter(|(n, ..)| rstar.iter().any(|(m, ..)| m == n)).map(|(n, ..)| n.clone()).collect()
        } else {
            j.using.clone()
        };
        let mut quals = Vec::new();
        let mut star = Vec::new();
        let mut used_left = Vec::new();
        let mut used_right = Vec::new();
        for name in &using {
            let l = find_using(&lstar, name, "left")?;
            let r = find_using(&rstar, name, "right")?;
            used_left.push(l);
            used_right.push(r);
            let (le, re) = (lstar[l].1.clone(), rstar[r].1.clone());
            let t = select_common_type(&[(le.type_oid(), 0), (re.type_oid(), 0)], "JOIN/USING").map_err(|mut e| {
                e.position = None;
                e
            })?;
            let le = crate::coerce::coerce_implicit(le, t, 0, self.env.settings)?;
            let re = crate::coerce::coerce_implicit(re, t, 0, self.env.settings)?;
            quals.push(self.make_op("=", Some(le.clone()), re.clone(), 0, None, 0)?);
            let mut bases = Vec::new();
            for e in [&le, &re] {
                e.walk(&mut |x| {
                    if let Expr::Var { attno, .. } = x {
                        bases.push(*attno);
                    }
                });
            }
            let merged = match kind {
                JoinType::Inner | JoinType::Left | JoinType::Semi | JoinType::Anti => le,
                JoinType::Right => re,
                JoinType::Full => Expr::Coalesce { args: vec![le, re], result_type: t },
            };
            for o in [lstar[l].2, rstar[r].2] {
                if let Origin::Merged(m) = o {
                    self.merged.borrow_mut()[m].hidden = true;
                }
            }
            let mut all = self.merged.borrow_mut();
            all.push(Merged { name: name.clone(), expr: merged.clone(), hidden: false, bases });
            star.push((name.clone(), merged, Origin::Merged(all.len() - 1)));
        }
        star.extend(lstar.into_iter().enumerate().filter(|(i, _)| !used_left.contains(i)).map(|(_, s)| s));
        star.extend(rstar.into_iter().enumerate().filter(|(i, _)| !used_right.contains(i)).map(|(_, s)| s));
        if let Some(on) = &j.on {
            // Only this join's inputs are visible in its ON condition.
            let saved = self.join_scope_start.replace(start);
            let on = self.without_aggs("JOIN conditions", || self.transform_bool_arg(on, "argument of JOIN/ON"));
            self.join_scope_start.set(saved);
            quals.push(on?);
        }
        let quals = match quals.len() {
            0 => None,
            1 => quals.pop(),
            _ => Some(Expr::Bool { op: BoolOpKind::And, args: quals }),
        };
        let Some(alias) = &j.alias else {
            return Ok((join_rte(JoinTree { kind, left, right, quals }, None), star));
        };
        // An alias hides the items inside the join; its columns are what
        // `*` would show, renamed by the column aliases.
        if alias.columns.len() > star.len() {
            return Err(PgError::new(
                SqlState::INVALID_COLUMN_REFERENCE,
                format!(
                    "join expression \"{}\" has {} columns available but {} columns specified",
                    alias.name,
                    star.len(),
                    alias.columns.len()
                ),
            ));
        }
        for (s, n) in star.iter_mut().zip(&alias.columns) {
            s.0 = n.clone();
        }
        for n in self.namespace.borrow_mut()[items_before..].iter_mut() {
            n.hidden = true;
        }
        for m in self.merged.borrow_mut()[merged_before..].iter_mut() {
            m.hidden = true;
        }
        self.check_duplicate_alias(&alias.name)?;
        self.namespace.borrow_mut().push(NsItem {
            alias: alias.name.clone(),
            relname: None,
            names: star.iter().map(|(n, ..)| n.clone()).collect(),
            exprs: star.iter().map(|(_, e, _)| e.clone()).collect(),
            offset: start,
            base: false,
            hidden: false,
        });
        Ok((join_rte(JoinTree { kind, left, right, quals }, Some(alias.name.clone())), star))
    }

    /// Whether `name` is the alias (or table name) of a FROM item of this level.
    pub(crate) fn names_from_item(&self, name: &str) -> bool {
        self.rte.as_ref().is_some_and(|r| r.alias == name)
            || self.namespace.borrow().iter().any(|n| !n.hidden && n.alias == name)
    }

    fn check_duplicate_alias(&self, alias: &str) -> PgResult<()> {
        if self.namespace.borrow().iter().any(|n| !n.hidden && n.alias == alias) {
            return Err(PgError::new(
                SqlState::DUPLICATE_ALIAS,
                format!("table name \"{alias}\" specified more than once"),
            ));
        }
        Ok(())
    }

    /// Resolves a column reference against the namespace of a join; `None`
    /// when FROM is not a join (the caller looks in its single entry).
    pub(crate) fn lookup_join_column(
        &self,
        qualifier: Option<(Option<&str>, &str)>,
        column: &str,
        loc: usize,
    ) -> Option<PgResult<Expr>> {
        let ns = self.namespace.borrow();
        if ns.is_empty() {
            return None;
        }
        let var = |n: &NsItem, i: usize| match &n.exprs[i] {
            Expr::Var { attno, type_oid, typmod, .. } => {
                Expr::Var { attno: *attno, type_oid: *type_oid, typmod: *typmod, location: Some(loc) }
            }
            other => other.clone(),
        };
        Some(match qualifier {
            Some((schema, table)) => {
                let item = ns.iter().find(|n| {
                    n.alias == table
                        && match schema {
                            None => true,
                            Some(s) => n.relname.as_ref().is_some_and(|(ns, rel)| ns == s && rel == table),
                        }
                });
                match item {
                    Some(n) if n.hidden || n.offset < self.join_scope_start.get() => Err(PgError::new(
                        SqlState::UNDEFINED_TABLE,
                        format!("invalid reference to FROM-clause entry for table \"{table}\""),
                    )
                    .with_hint(format!(
                        "There is an entry for table \"{table}\", but it cannot be referenced from this part of the query."
                    ))
                    .with_position(self.pos(loc))),
                    None => Err(PgError::new(
                        SqlState::UNDEFINED_TABLE,
                        format!("missing FROM-clause entry for table \"{table}\""),
                    )
                    .with_position(self.pos(loc))),
                    Some(n) => match n.names.iter().position(|c| c == column) {
                        Some(i) => Ok(var(n, i)),
                        None => Err(PgError::new(
                            SqlState::UNDEFINED_COLUMN,
                            format!("column {table}.{column} does not exist"),
                        )
                        .with_position(self.pos(loc))),
                    },
                }
            }
            None => {
                let merged = self.merged.borrow();
                let first = self.join_scope_start.get();
                let mut hits: Vec<Expr> = merged
                    .iter()
                    .filter(|m| !m.hidden && m.name == column && m.bases.iter().all(|b| *b >= first))
                    .map(|m| m.expr.clone())
                    .collect();
                // Base columns a USING merged are reachable only qualified
                // (a join alias's column, only if an enclosing USING merged it).
                let bases = |all: bool| -> Vec<usize> {
                    merged
                        .iter()
                        .filter(|m| m.name == column && (all || !m.hidden))
                        .flat_map(|m| m.bases.iter().copied())
                        .collect()
                };
                let (all_bases, visible_bases) = (bases(true), bases(false));
                for n in ns.iter().filter(|n| !n.hidden && n.offset >= first) {
                    for (i, c) in n.names.iter().enumerate() {
                        if c != column {
                            continue;
                        }
                        let merged_away = match &n.exprs[i] {
                            Expr::Var { attno, .. } if n.base => all_bases.contains(attno),
                            e => {
                                let mut hit = false;
                                e.walk(&mut |x| {
                                    if let Expr::Var { attno, .. } = x {
                                        hit |= visible_bases.contains(attno);
                                    }
                                });
                                hit
                            }
                        };
                        if !merged_away {
                            hits.push(var(n, i));
                        }
                    }
                }
                match hits.len() {
                    0 => {
                        let err =
                            PgError::new(SqlState::UNDEFINED_COLUMN, format!("column \"{column}\" does not exist"))
                                .with_position(self.pos(loc));
                        let hidden = ns.iter().find(|n| n.offset < first && n.names.iter().any(|c| c == column));
                        Err(match hidden {
                            Some(n) => err.with_hint(format!(
                                "There is a column named \"{column}\" in table \"{}\", but it cannot be referenced from this part of the query.",
                                n.alias
                            )),
                            None => err,
                        })
                    }
                    1 => Ok(hits.pop().expect("one hit")),
                    _ => Err(PgError::new(
                        SqlState::AMBIGUOUS_COLUMN,
                        format!("column reference \"{column}\" is ambiguous"),
                    )
                    .with_position(self.pos(loc))),
                }
            }
        })
    }

    /// The hint PostgreSQL gives when a column or table of this level's
    /// FROM exists but a FROM subquery without LATERAL refers to it.
    pub(crate) fn hidden_from_hint(&self, qualifier: Option<&str>, column: &str) -> Option<String> {
        let ns = self.namespace.borrow();
        match qualifier {
            Some(t) => ns.iter().any(|n| n.alias == t).then(|| {
                format!("There is an entry for table \"{t}\", but it cannot be referenced from this part of the query.")
            }),
            None => ns.iter().find(|n| n.base && n.names.iter().any(|c| c == column)).map(|n| {
                format!(
                    "There is a column named \"{column}\" in table \"{}\", but it cannot be referenced from this part of the query.",
                    n.alias
                )
            }),
        }
    }

    /// `t.*` over a join: the item's columns.
    pub(crate) fn join_item_columns(&self, table: &str, loc: usize) -> PgResult<Vec<(String, Expr)>> {
        let ns = self.namespace.borrow();
        let n = ns.iter().find(|n| !n.hidden && n.alias == table).ok_or_else(|| {
            PgError::new(SqlState::UNDEFINED_TABLE, format!("missing FROM-clause entry for table \"{table}\""))
                .with_position(self.pos(loc))
        })?;
        Ok(n.names.iter().cloned().zip(n.exprs.iter().cloned()).collect())
    }
}

fn find_using(star: &[(String, Expr, Origin)], name: &str, side: &str) -> PgResult<usize> {
    let mut hits = star.iter().enumerate().filter(|(_, (n, ..))| n == name);
    match (hits.next(), hits.next()) {
        (Some((i, _)), None) => Ok(i),
        (Some(_), Some(_)) => Err(PgError::new(
            SqlState::AMBIGUOUS_COLUMN,
            format!("common column name \"{name}\" appears more than once in {side} table"),
        )),
        _ => Err(PgError::new(
            SqlState::UNDEFINED_COLUMN,
            format!("column \"{name}\" specified in USING clause does not exist in {side} table"),
        )),
    }
}

fn join_rte(tree: JoinTree, alias: Option<String>) -> RangeTblEntry {
    let columns = tree.left.columns.iter().chain(&tree.right.columns).cloned().collect();
    RangeTblEntry {
        alias: alias.unwrap_or_else(|| "unnamed_join".into()),
        relname: None,
        columns,
        source: RteSource::Join(Box::new(tree)),
    }
}
