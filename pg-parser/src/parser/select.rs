//! The grammar of SELECT: set operations, WITH, the select list, FROM (joins, functions, TABLESAMPLE, column definition lists), WHERE / GROUP BY (grouping sets) / HAVING / WINDOW, ORDER BY, LIMIT and the locking clauses.
//!
//! PostgreSQL source area: gram.y `SelectStmt`, `simple_select`, `with_clause`, `from_list`, `table_ref`, `joined_table`, `group_by_list`, `sort_clause`, `select_limit`, `for_locking_clause`.

use super::*;

impl<'a> Parser<'a> {
    /// `select_stmt`: a full query with its decorations.
    pub(super) fn select_stmt(&mut self) -> PgResult<Box<SelectStmt>> {
        let with_loc = self.loc();
        let with = if self.is_kw(Kw::With) { Some(self.with_clause()?) } else { None };
        let mut s = self.select_clause(0)?;
        if let Some(w) = with {
            if s.with.is_some() {
                return Err(PgError::syntax(
                    "multiple WITH clauses not allowed",
                    lexer::char_position(self.sql, with_loc),
                ));
            }
            s.with = Some(w);
        }
        self.select_decorations(s)
    }

    /// The ORDER BY, LIMIT/OFFSET/FETCH and locking clauses that may follow a `select_clause`
    /// (the rest of `select_no_parens`).
    #[inline(never)]
    pub(super) fn select_decorations(&mut self, mut s: Box<SelectStmt>) -> PgResult<Box<SelectStmt>> {
        if self.is_kw(Kw::Order) {
            self.advance();
            self.expect_kw(Kw::By)?;
            let first_loc = self.loc();
            let order = self.sort_list()?;
            if !s.order_by.is_empty() {
                return Err(PgError::syntax(
                    "multiple ORDER BY clauses not allowed",
                    lexer::char_position(self.sql, first_loc),
                ));
            }
            s.order_by = order;
        }
        // LIMIT / OFFSET / FETCH and locking clauses, in either order; each of LIMIT and
        // OFFSET at most once at this level (a repeat is a plain syntax error in gram.y).
        let (mut seen_limit, mut seen_offset) = (false, false);
        loop {
            let loc = self.loc();
            if (self.is_kw(Kw::Limit) || self.is_kw(Kw::Fetch)) && seen_limit || self.is_kw(Kw::Offset) && seen_offset {
                return self.err();
            }
            if self.is_kw(Kw::Limit) || self.is_kw(Kw::Fetch) {
                seen_limit = true;
            }
            if self.is_kw(Kw::Offset) {
                seen_offset = true;
            }
            if self.is_kw(Kw::Limit) {
                self.advance();
                let value_loc = Some(self.loc());
                let count = if self.is_kw(Kw::All) {
                    let l = self.loc();
                    self.advance();
                    Expr::new(ExprKind::Const(Value::Null), l)
                } else {
                    self.a_expr()?
                };
                if self.is_char(',') {
                    return Err(PgError::new(SqlState::SYNTAX_ERROR, "LIMIT #,# syntax is not supported")
                        .with_hint("Use separate LIMIT and OFFSET clauses.")
                        .with_position(lexer::char_position(self.sql, loc)));
                }
                self.set_limit(&mut s, Some(count), None, value_loc)?;
            } else if self.is_kw(Kw::Offset) {
                self.advance();
                let value_loc = Some(self.loc());
                let off = self.a_expr()?;
                let _ = self.eat_kw(Kw::Row) || self.eat_kw(Kw::Rows);
                self.set_limit(&mut s, None, Some(off), value_loc)?;
            } else if self.is_kw(Kw::Fetch) {
                self.advance();
                if !(self.eat_kw(Kw::First) || self.eat_kw(Kw::Next)) {
                    return self.err();
                }
                // An implicit count of 1 has no location in gram.y.
                let value_loc = if self.is_kw(Kw::Row) || self.is_kw(Kw::Rows) { None } else { Some(self.loc()) };
                let count = if self.is_kw(Kw::Row) || self.is_kw(Kw::Rows) {
                    int_const(1, self.loc())
                } else if self.is_char('+') || self.is_char('-') {
                    let l = self.loc();
                    let neg = self.is_char('-');
                    self.advance();
                    let e = self.c_expr()?;
                    if neg {
                        negate(e, l)
                    } else {
                        e
                    }
                } else {
                    self.c_expr()?
                };
                if !(self.eat_kw(Kw::Row) || self.eat_kw(Kw::Rows)) {
                    return self.err();
                }
                if self.eat_kw(Kw::With) {
                    self.expect_kw(Kw::Ties)?;
                    s.limit_with_ties = true;
                } else {
                    self.expect_kw(Kw::Only)?;
                }
                self.set_limit(&mut s, Some(count), None, value_loc)?;
            } else if self.is_kw(Kw::For) {
                self.advance();
                if self.eat_kw(Kw::Read) {
                    self.expect_kw(Kw::Only)?;
                    continue;
                }
                let strength = if self.eat_kw(Kw::Update) {
                    LockStrength::Update
                } else if self.eat_kw(Kw::Share) {
                    LockStrength::Share
                } else if self.eat_kw(Kw::No) {
                    self.expect_kw(Kw::Key)?;
                    self.expect_kw(Kw::Update)?;
                    LockStrength::NoKeyUpdate
                } else if self.eat_kw(Kw::Key) {
                    self.expect_kw(Kw::Share)?;
                    LockStrength::KeyShare
                } else {
                    return self.err();
                };
                let mut rels = Vec::new();
                if self.eat_kw(Kw::Of) {
                    loop {
                        rels.push(self.qualified_name()?);
                        if !self.eat_char(',') {
                            break;
                        }
                    }
                }
                let wait = if self.eat_kw(Kw::Nowait) {
                    LockWaitPolicy::Error
                } else if self.eat_kw(Kw::Skip) {
                    self.expect_kw(Kw::Locked)?;
                    LockWaitPolicy::Skip
                } else {
                    LockWaitPolicy::Block
                };
                s.locking.push(LockingClause { strength, rels, wait });
            } else {
                break;
            }
        }
        if s.limit_with_ties && s.order_by.is_empty() {
            return Err(PgError::new(SqlState::SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause"));
        }
        if s.limit_with_ties && s.locking.iter().any(|l| l.wait == LockWaitPolicy::Skip) {
            return Err(PgError::new(
                SqlState::SYNTAX_ERROR,
                "SKIP LOCKED and WITH TIES options cannot be used together",
            ));
        }
        Ok(s)
    }

    /// Attaches a LIMIT/FETCH count or an OFFSET to `s`. One that `s` has already (from inside
    /// its parentheses) is gram.y's "multiple ... clauses not allowed", at the new value
    /// (`loc`; none for FETCH's implicit count).
    pub(super) fn set_limit(
        &self,
        s: &mut SelectStmt,
        count: Option<Expr>,
        off: Option<Expr>,
        loc: Option<usize>,
    ) -> PgResult<()> {
        let multiple = |what: &str| {
            let e = PgError::new(SqlState::SYNTAX_ERROR, format!("multiple {what} clauses not allowed"));
            Err(match loc {
                Some(l) => e.with_position(lexer::char_position(self.sql, l)),
                None => e,
            })
        };
        if let Some(c) = count {
            if s.limit_count.is_some() {
                return multiple("LIMIT");
            }
            s.limit_count = Some(c);
        }
        if let Some(o) = off {
            if s.limit_offset.is_some() {
                return multiple("OFFSET");
            }
            s.limit_offset = Some(o);
        }
        Ok(())
    }

    #[inline(never)]
    pub(super) fn with_clause(&mut self) -> PgResult<WithClause> {
        self.expect_kw(Kw::With)?;
        // RECURSIVE followed by `(` or AS is the name of the first WITH query (an unreserved
        // keyword): `WITH recursive AS (...)`.
        let recursive = self.is_kw(Kw::Recursive) && !self.is_char_n(1, '(') && !self.is_kw_n(1, Kw::As);
        if recursive {
            self.advance();
        }
        let mut ctes = Vec::new();
        loop {
            let location = Location(self.loc());
            let name = self.col_id()?;
            let columns = if self.eat_char('(') {
                let c = self.name_list()?;
                self.expect_char(')')?;
                c
            } else {
                Vec::new()
            };
            self.expect_kw(Kw::As)?;
            let materialized = if self.eat_kw(Kw::Materialized) {
                Some(true)
            } else if self.eat_kw(Kw::Not) {
                self.expect_kw(Kw::Materialized)?;
                Some(false)
            } else {
                None
            };
            self.expect_char('(')?;
            let query = self.preparable_stmt()?;
            self.expect_char(')')?;
            let search = if self.is_kw(Kw::Search) { Some(self.cte_search_clause()?) } else { None };
            let cycle = if self.is_kw(Kw::Cycle) { Some(self.cte_cycle_clause()?) } else { None };
            ctes.push(CommonTableExpr { name, columns, materialized, query: Box::new(query), search, cycle, location });
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(WithClause { recursive, ctes })
    }

    /// `SEARCH {BREADTH | DEPTH} FIRST BY columns SET seq_column` after a CTE's query.
    pub(super) fn cte_search_clause(&mut self) -> PgResult<CteSearchClause> {
        let location = Location(self.loc());
        self.expect_kw(Kw::Search)?;
        let breadth_first = if self.eat_kw(Kw::Breadth) {
            true
        } else {
            self.expect_kw(Kw::Depth)?;
            false
        };
        self.expect_kw(Kw::First)?;
        self.expect_kw(Kw::By)?;
        let columns = self.name_list()?;
        self.expect_kw(Kw::Set)?;
        let seq_column = self.col_id()?;
        Ok(CteSearchClause { columns, breadth_first, seq_column, location })
    }

    /// `CYCLE columns SET mark_column [TO value DEFAULT default] USING path_column` after a
    /// CTE's query (and its SEARCH clause).
    pub(super) fn cte_cycle_clause(&mut self) -> PgResult<CteCycleClause> {
        let location = Location(self.loc());
        self.expect_kw(Kw::Cycle)?;
        let columns = self.name_list()?;
        self.expect_kw(Kw::Set)?;
        let mark_column = self.col_id()?;
        let (mark_value, mark_default) = if self.eat_kw(Kw::To) {
            let value = self.aexpr_const()?;
            self.expect_kw(Kw::Default)?;
            (value, self.aexpr_const()?)
        } else {
            let l = self.loc();
            (Expr::new(ExprKind::Const(Value::Boolean(true)), l), Expr::new(ExprKind::Const(Value::Boolean(false)), l))
        };
        self.expect_kw(Kw::Using)?;
        let path_column = self.col_id()?;
        Ok(CteCycleClause { columns, mark_column, mark_value, mark_default, path_column, location })
    }

    /// `AexprConst`: a literal, or a typed literal (`int '1'`, `interval '1' day`); no sign.
    pub(super) fn aexpr_const(&mut self) -> PgResult<Expr> {
        let start = self.pos;
        // A literal, TRUE/FALSE/NULL, or a type name before its string.
        let can_begin = match &self.peek().kind {
            TokenKind::Keyword(k) => {
                k.category != KeywordCategory::Reserved || matches!(k.kw, Kw::True | Kw::False | Kw::Null)
            }
            TokenKind::Ident(_)
            | TokenKind::Iconst(_)
            | TokenKind::Fconst(_)
            | TokenKind::Sconst(_)
            | TokenKind::Bconst(_)
            | TokenKind::Xconst(_) => true,
            _ => false,
        };
        if !can_begin {
            return self.err();
        }
        let e = self.primary()?;
        let is_const = match &e.kind {
            ExprKind::Const(_) => true,
            ExprKind::TypeCast { arg, .. } => matches!(arg.kind, ExprKind::Const(_)),
            _ => false,
        };
        if !is_const {
            // A name must be a type's, followed by its string (`func_name Sconst`).
            let at = if matches!(e.kind, ExprKind::ColumnRef(_)) { self.pos } else { start };
            return Err(self.error_at_token(at));
        }
        Ok(e)
    }

    /// Set operations by precedence: UNION/EXCEPT (1) below INTERSECT (2), left-associative.
    pub(super) fn select_clause(&mut self, min: u8) -> PgResult<Box<SelectStmt>> {
        pg_error::check_stack_depth()?;
        let left = self.select_primary()?;
        self.select_clause_from(left, min)
    }

    /// The set operations that follow an already parsed left operand `left`.
    pub(super) fn select_clause_from(&mut self, mut left: Box<SelectStmt>, min: u8) -> PgResult<Box<SelectStmt>> {
        loop {
            self.tick()?;
            let (op, p) = match self.word_at(0) {
                Some(Kw::Union) => (SetOperation::Union, 1),
                Some(Kw::Except) => (SetOperation::Except, 1),
                Some(Kw::Intersect) => (SetOperation::Intersect, 2),
                _ => break,
            };
            if p < min {
                break;
            }
            self.advance();
            let all = if self.eat_kw(Kw::All) {
                true
            } else {
                let _ = self.eat_kw(Kw::Distinct);
                false
            };
            let right = self.select_clause(p + 1)?;
            left = Box::new(SelectStmt::from_body(SelectBody::SetOp { op, all, left, right }));
        }
        Ok(left)
    }

    pub(super) fn select_primary(&mut self) -> PgResult<Box<SelectStmt>> {
        if self.is_char('(') {
            return self.select_with_parens();
        }
        let body = match self.word_at(0) {
            Some(Kw::Select) => SelectBody::Simple(self.simple_select()?),
            Some(Kw::Values) => self.values_clause()?,
            Some(Kw::Table) => self.table_command()?,
            _ => return self.err(),
        };
        Ok(Box::new(SelectStmt::from_body(body)))
    }

    /// `values_clause`: `VALUES (...), (...)`.
    #[inline(never)]
    pub(super) fn values_clause(&mut self) -> PgResult<SelectBody> {
        self.expect_kw(Kw::Values)?;
        let mut rows = Vec::new();
        loop {
            self.tick()?;
            self.expect_char('(')?;
            rows.push(self.expr_list()?);
            self.expect_char(')')?;
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(SelectBody::Values(rows))
    }

    /// `TABLE name`, which is `SELECT * FROM name`.
    #[inline(never)]
    pub(super) fn table_command(&mut self) -> PgResult<SelectBody> {
        let loc = self.loc();
        self.expect_kw(Kw::Table)?;
        let rel = self.relation_expr()?;
        let mut sel = empty_simple_select();
        sel.targets.push(ResTarget {
            expr: Expr::new(ExprKind::ColumnRef(vec![ColumnRefField::Star]), loc),
            name: None,
            location: Location(loc),
        });
        sel.from.push(FromItem::Relation(rel));
        Ok(SelectBody::Simple(Box::new(sel)))
    }

    /// `select_with_parens`: `'(' select ')'`, or a query in several pairs of parentheses, each
    /// of which may add set operations and decorations (`((select 1) union select 2)`). Read
    /// in a loop, so that nesting costs no stack.
    pub(super) fn select_with_parens(&mut self) -> PgResult<Box<SelectStmt>> {
        let opens = self.open_parens()?;
        let mut s = self.select_stmt()?;
        self.expect_char(')')?;
        for _ in 1..opens.len() {
            s = self.select_clause_from(s, 0)?;
            s = self.select_decorations(s)?;
            self.expect_char(')')?;
        }
        Ok(s)
    }

    #[inline(never)]
    /// `SELECT ...` up to its WINDOW clause. Split in three so that each path of nesting
    /// (subqueries in the select list, subqueries in FROM) carries only its own part's frame,
    /// which matters most in debug builds, where nothing is inlined or shared.
    pub(super) fn simple_select(&mut self) -> PgResult<Box<SimpleSelect>> {
        self.expect_kw(Kw::Select)?;
        let mut sel = new_simple_select();
        self.select_list(&mut sel)?;
        self.select_from_onwards(&mut sel)?;
        Ok(sel)
    }

    /// `[ALL | DISTINCT [ON (...)]] target_list`.
    pub(super) fn select_list(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
        if self.eat_kw(Kw::All) {
        } else if self.eat_kw(Kw::Distinct) {
            sel.distinct = self.distinct_clause()?;
            // Only a SELECT without DISTINCT may have an empty target list.
            if self.target_list_ends() {
                return self.err();
            }
        }
        if !self.target_list_ends() {
            loop {
                self.tick()?;
                sel.targets.push(self.target_el()?);
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        Ok(())
    }

    /// INTO, FROM, WHERE, GROUP BY, HAVING and WINDOW.
    pub(super) fn select_from_onwards(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
        if self.is_kw(Kw::Into) {
            sel.into = Some(self.select_into()?);
        }
        if self.eat_kw(Kw::From) {
            loop {
                sel.from.push(self.table_ref()?);
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        if self.is_kw(Kw::Where) || self.is_kw(Kw::Group) || self.is_kw(Kw::Having) {
            self.where_group_having(sel)?;
        }
        if self.is_kw(Kw::Window) {
            sel.windows = self.window_clause()?;
        }
        Ok(())
    }

    /// After DISTINCT: `ON (exprs)` or nothing.
    #[inline(never)]
    pub(super) fn distinct_clause(&mut self) -> PgResult<Distinct> {
        if !self.eat_kw(Kw::On) {
            return Ok(Distinct::Distinct);
        }
        Ok(Distinct::On(self.paren_expr_list()?))
    }

    /// The WHERE, GROUP BY and HAVING clauses of a `simple_select`.
    #[inline(never)]
    pub(super) fn where_group_having(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
        if self.eat_kw(Kw::Where) {
            sel.where_clause = Some(self.a_expr()?);
        }
        if self.is_kw(Kw::Group) {
            self.advance();
            self.expect_kw(Kw::By)?;
            if self.eat_kw(Kw::Distinct) {
                sel.group_distinct = true;
            } else {
                let _ = self.eat_kw(Kw::All);
            }
            sel.group_by = self.group_by_list()?;
        }
        if self.eat_kw(Kw::Having) {
            sel.having = Some(self.a_expr()?);
        }
        Ok(())
    }

    /// `group_by_list`: the items of GROUP BY or of GROUPING SETS.
    pub(super) fn group_by_list(&mut self) -> PgResult<Vec<Expr>> {
        self.comma_list(Self::group_by_item)
    }

    /// `group_by_item`: an expression, `()`, `ROLLUP (...)`, `CUBE (...)` or
    /// `GROUPING SETS (...)`. Here, and only here, `cube(` and `rollup(` begin grouping sets
    /// rather than calls (a call is written `(cube(a))` or `"cube"(a)` in GROUP BY).
    pub(super) fn group_by_item(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        let set = |kind, content| Ok(Expr::new(ExprKind::GroupingSet { kind, content }, loc));
        if self.is_char('(') && self.is_char_n(1, ')') {
            self.advance();
            self.advance();
            return set(GroupingSetKind::Empty, Vec::new());
        }
        match self.word_at(0) {
            Some(w @ (Kw::Rollup | Kw::Cube)) if self.is_char_n(1, '(') => {
                self.advance();
                let content = self.paren_expr_list()?;
                set(if w == Kw::Rollup { GroupingSetKind::Rollup } else { GroupingSetKind::Cube }, content)
            }
            Some(Kw::Grouping) if self.is_kw_n(1, Kw::Sets) => {
                pg_error::check_stack_depth()?;
                self.advance();
                self.advance();
                self.expect_char('(')?;
                let content = self.group_by_list()?;
                self.expect_char(')')?;
                set(GroupingSetKind::Sets, content)
            }
            _ => self.a_expr(),
        }
    }

    /// `INTO [TEMPORARY | UNLOGGED] [TABLE] name` in a SELECT.
    #[inline(never)]
    pub(super) fn select_into(&mut self) -> PgResult<RangeVar> {
        self.expect_kw(Kw::Into)?;
        let persistence = if self.eat_kw(Kw::Temporary) || self.eat_kw(Kw::Temp) {
            't'
        } else if self.eat_kw(Kw::Unlogged) {
            'u'
        } else {
            'p'
        };
        let _ = self.eat_kw(Kw::Table);
        let mut rv = self.qualified_name()?;
        rv.persistence = persistence;
        Ok(rv)
    }

    /// `WINDOW name AS (...), ...`.
    #[inline(never)]
    pub(super) fn window_clause(&mut self) -> PgResult<Vec<WindowDef>> {
        self.expect_kw(Kw::Window)?;
        let mut windows = Vec::new();
        loop {
            let name = self.col_id()?;
            self.expect_kw(Kw::As)?;
            let mut w = self.window_spec()?;
            w.name = Some(name);
            windows.push(w);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(windows)
    }

    pub(super) fn target_list_ends(&self) -> bool {
        self.target_list_ends_at(0)
    }

    /// True when the token `n` ahead can follow a target list (or ends it).
    pub(super) fn target_list_ends_at(&self, n: usize) -> bool {
        match &self.peek_n(n).kind {
            TokenKind::Eof | TokenKind::Char(';') | TokenKind::Char(')') => true,
            // ON and RETURNING may follow an INSERT's query (`INSERT INTO t SELECT RETURNING 1`).
            TokenKind::Keyword(k) => matches!(
                k.kw,
                Kw::On
                    | Kw::Returning
                    | Kw::From
                    | Kw::Where
                    | Kw::Group
                    | Kw::Having
                    | Kw::Window
                    | Kw::Union
                    | Kw::Intersect
                    | Kw::Except
                    | Kw::Order
                    | Kw::Limit
                    | Kw::Offset
                    | Kw::Fetch
                    | Kw::For
                    | Kw::Into
            ),
            _ => false,
        }
    }

    pub(super) fn target_el(&mut self) -> PgResult<ResTarget> {
        let loc = self.loc();
        if self.is_char('*') {
            self.advance();
            return Ok(ResTarget {
                expr: Expr::new(ExprKind::ColumnRef(vec![ColumnRefField::Star]), loc),
                name: None,
                location: Location(loc),
            });
        }
        // The target's expression, stopping at a keyword that is its bare label
        // (`SELECT 1 like`, `SELECT x and FROM t`).
        pg_error::check_stack_depth()?;
        self.tick()?;
        let saved = self.begin_operand();
        let left = self.prefix_expr(false)?;
        let expr = self.expr_prec_from(left, 0, false, StopAt::BareLabel)?;
        self.end_operand(saved);
        let name = if self.eat_kw(Kw::As) {
            Some(self.col_label()?)
        } else {
            match &self.peek().kind {
                TokenKind::Ident(s) => {
                    let s = s.clone();
                    self.advance();
                    Some(s)
                }
                TokenKind::Keyword(k) if k.bare_label && !self.at_lookahead_token() => {
                    let w = k.word.to_string();
                    self.advance();
                    Some(w)
                }
                _ => None,
            }
        };
        Ok(ResTarget { expr, name, location: Location(loc) })
    }

    /// `ColId [. attr ...]` as a name (of a relation, a function): gram.y reads `ColId
    /// indirection` whole, subscripts and `.*` included, and only then finds them out of place
    /// (check_qualified_name, check_func_name), so the syntax error is at the token after them.
    pub(super) fn dotted_name(&mut self) -> PgResult<Vec<String>> {
        let mut names = vec![self.col_id()?];
        while self.is_char('.') && !self.is_char_n(1, '*') {
            self.advance();
            names.push(self.col_label()?);
        }
        if self.is_char('[') || self.is_char('.') {
            self.indirection_steps()?;
            return self.err();
        }
        Ok(names)
    }

    /// `qualified_name`: `name`, `schema.name`, `db.schema.name`.
    pub(super) fn qualified_name(&mut self) -> PgResult<RangeVar> {
        let loc = self.loc();
        let mut names = self.dotted_name()?;
        if names.len() > 3 {
            return Err(PgError::syntax(
                format!("improper qualified name (too many dotted names): {}", names.join(".")),
                lexer::char_position(self.sql, loc),
            ));
        }
        let name = names.pop().unwrap_or_default();
        let schema = names.pop();
        let catalog = names.pop();
        Ok(RangeVar { catalog, schema, name, inh: true, persistence: 'p', alias: None, location: Location(loc) })
    }

    /// `relation_expr`: `[ONLY] name [*]` or `ONLY (name)`.
    pub(super) fn relation_expr(&mut self) -> PgResult<RangeVar> {
        if self.eat_kw(Kw::Only) {
            let paren = self.eat_char('(');
            let mut rv = self.qualified_name()?;
            if paren {
                self.expect_char(')')?;
            }
            rv.inh = false;
            return Ok(rv);
        }
        let rv = self.qualified_name()?;
        let _ = self.eat_char('*');
        Ok(rv)
    }

    /// `opt_alias_clause`: `[AS] ColId [(names)]`.
    pub(super) fn opt_alias(&mut self) -> PgResult<Option<Alias>> {
        let has_as = self.eat_kw(Kw::As);
        if !has_as && !self.is_col_id() {
            return Ok(None);
        }
        let name = self.col_id()?;
        let columns = if self.is_char('(') {
            self.advance();
            let c = self.name_list()?;
            self.expect_char(')')?;
            c
        } else {
            Vec::new()
        };
        Ok(Some(Alias { name, columns }))
    }

    pub(super) fn table_ref(&mut self) -> PgResult<FromItem> {
        pg_error::check_stack_depth()?;
        let left = self.table_primary()?;
        self.joins_from(left)
    }

    /// The joins that follow an already parsed `table_ref` `left`.
    pub(super) fn joins_from(&mut self, mut left: FromItem) -> PgResult<FromItem> {
        loop {
            self.tick()?;
            match self.join_step(left)? {
                Ok(joined) => left = joined,
                Err(unchanged) => return Ok(unchanged),
            }
        }
    }

    /// One join after `left`: `Ok(join)`, or `Err(left)` when no join follows.
    #[inline(never)]
    pub(super) fn join_step(&mut self, left: FromItem) -> PgResult<Result<FromItem, FromItem>> {
        let natural = self.is_kw(Kw::Natural);
        let mut n = usize::from(natural);
        let kind = match self.word_at(n) {
            Some(Kw::Cross) if !natural => {
                self.advance();
                self.expect_kw(Kw::Join)?;
                let right = self.table_primary()?;
                return Ok(Ok(FromItem::Join(Box::new(JoinExpr {
                    kind: JoinKind::Inner,
                    natural: false,
                    left,
                    right,
                    using: Vec::new(),
                    using_alias: None,
                    on: None,
                    alias: None,
                }))));
            }
            Some(Kw::Join) => JoinKind::Inner,
            Some(Kw::Inner) => {
                n += 1;
                JoinKind::Inner
            }
            Some(w @ (Kw::Left | Kw::Right | Kw::Full)) => {
                n += 1;
                if self.word_at(n) == Some(Kw::Outer) {
                    n += 1;
                }
                match w {
                    Kw::Left => JoinKind::Left,
                    Kw::Right => JoinKind::Right,
                    _ => JoinKind::Full,
                }
            }
            _ => {
                if natural {
                    self.advance();
                    return self.err();
                }
                return Ok(Err(left));
            }
        };
        for _ in 0..n {
            self.advance();
        }
        self.expect_kw(Kw::Join)?;
        // A qualified join's right operand is a whole `table_ref`: its qualification
        // (ON/USING) comes after any joins nested in that operand, so
        // `a JOIN b LEFT JOIN c ON x ON y` is `a JOIN (b LEFT JOIN c ON x) ON y`, as
        // bison shifts the inner join. A NATURAL join has no qualification to wait for.
        let right = if natural { self.table_primary()? } else { self.table_ref()? };
        let mut j =
            JoinExpr { kind, natural, left, right, using: Vec::new(), using_alias: None, on: None, alias: None };
        if !natural {
            if self.eat_kw(Kw::On) {
                j.on = Some(self.a_expr()?);
            } else if self.eat_kw(Kw::Using) {
                self.expect_char('(')?;
                j.using = self.name_list()?;
                self.expect_char(')')?;
                if self.eat_kw(Kw::As) {
                    j.using_alias = Some(self.col_id()?);
                }
            } else {
                return self.err();
            }
        }
        Ok(Ok(FromItem::Join(Box::new(j))))
    }

    pub(super) fn table_primary(&mut self) -> PgResult<FromItem> {
        let loc = self.loc();
        let lateral = self.eat_kw(Kw::Lateral);
        if self.is_char('(') && lateral {
            // LATERAL applies to a subquery or a function, never to a joined table.
            let gloc = self.loc();
            let query = self.select_with_parens()?;
            return self.subquery_item(true, query, gloc, loc);
        }
        if self.is_char('(') {
            let (group, gloc) = self.paren_group_in_from()?;
            return match group {
                FromGroup::Select(query) => self.subquery_item(false, query, gloc, loc),
                FromGroup::Join(j) => self.join_alias(j),
            };
        }
        if self.is_kw(Kw::Rows) && self.is_kw_n(1, Kw::From) {
            return self.rows_from(lateral, loc);
        }
        // A function call in FROM looks like a name followed by '('.
        let mut n = 0;
        while Self::token_is_ident_with(self.peek_n(n), |_| true) && self.is_char_n(n + 1, '.') {
            n += 2;
        }
        if self.is_kw(Kw::Cast) {
            return self.function_table(lateral, loc);
        }
        // A reserved word names no function (`ONLY (t)` is a relation), nor does a
        // column-name keyword other than those of the SQL-syntax functions (`interval(`).
        let callable = n > 0
            || match Self::kw_of(self.peek()).map(|k| (k.kw, k.category)) {
                Some((_, KeywordCategory::Reserved)) => false,
                Some((w, KeywordCategory::ColName)) => is_col_name_function(w),
                _ => true,
            };
        if callable && Self::token_is_ident_with(self.peek_n(n), |_| true) && self.is_char_n(n + 1, '(') {
            if n == 0 && self.is_kw(Kw::Xmltable) {
                return self.xmltable(lateral, loc);
            }
            return self.function_table(lateral, loc);
        }
        // The functions written without parentheses (CURRENT_DATE, LOCALTIMESTAMP(3)) and
        // COLLATION FOR (...) are `func_expr_windowless` too.
        let sql_value_function = self.word_at(0).is_some_and(is_sql_value_function);
        if sql_value_function || (self.is_kw(Kw::Collation) && self.is_kw_n(1, Kw::For)) {
            return self.function_table(lateral, loc);
        }
        if Self::kw_of(self.peek()).is_some_and(|k| k.category == KeywordCategory::TypeFuncName) {
            // Only a function can begin with it (`FROM left(...)`): bison wanted the `(`.
            return Err(self.error_at_token(self.pos + 1));
        }
        if lateral {
            // LATERAL takes a function: after a (qualified) name bison wanted its `(`.
            let named = Self::token_is_ident_with(self.peek_n(n), Self::non_reserved_ok);
            return Err(self.error_at_token(self.pos + n + usize::from(named)));
        }
        self.relation_table()
    }

    /// `ROWS FROM (f(...) [AS (coldefs)], ...) [WITH ORDINALITY] [alias]`.
    #[inline(never)]
    pub(super) fn rows_from(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
        self.expect_kw(Kw::Rows)?;
        self.expect_kw(Kw::From)?;
        self.expect_char('(')?;
        let mut functions = Vec::new();
        loop {
            let call = self.func_expr_windowless()?;
            let coldeflist = if self.is_kw(Kw::As) {
                self.advance();
                self.table_func_element_list()?
            } else {
                Vec::new()
            };
            functions.push(RangeFunctionCall { call, coldeflist });
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        let ordinality = self.opt_ordinality()?;
        let (alias, coldeflist) = self.func_alias_clause()?;
        Ok(FromItem::Function {
            lateral,
            functions,
            rows_from: true,
            ordinality,
            alias,
            coldeflist,
            location: Location(loc),
        })
    }

    /// A function in FROM: `f(...) [WITH ORDINALITY] [alias]`.
    #[inline(never)]
    pub(super) fn function_table(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
        let call = self.func_expr_windowless()?;
        let ordinality = self.opt_ordinality()?;
        let (alias, coldeflist) = self.func_alias_clause()?;
        Ok(FromItem::Function {
            lateral,
            functions: vec![RangeFunctionCall { call, coldeflist: Vec::new() }],
            rows_from: false,
            ordinality,
            alias,
            coldeflist,
            location: Location(loc),
        })
    }

    /// `func_alias_clause`: an alias, or a column definition list with or without an alias
    /// name (`AS t(a int, b text)`, `AS (a int)`). After `name (` and a column name, a `,` or
    /// `)` means a list of column aliases, anything else the column's type.
    pub(super) fn func_alias_clause(&mut self) -> PgResult<(Option<Alias>, Vec<TableFuncElement>)> {
        let has_as = self.eat_kw(Kw::As);
        if has_as && self.is_char('(') {
            return Ok((None, self.table_func_element_list()?));
        }
        if !has_as && !self.is_col_id() {
            return Ok((None, Vec::new()));
        }
        let name = self.col_id()?;
        if !self.is_char('(') {
            return Ok((Some(Alias { name, columns: Vec::new() }), Vec::new()));
        }
        if self.is_col_id_at(1) && (self.is_char_n(2, ',') || self.is_char_n(2, ')')) {
            self.advance();
            let columns = self.name_list()?;
            self.expect_char(')')?;
            return Ok((Some(Alias { name, columns }), Vec::new()));
        }
        let coldefs = self.table_func_element_list()?;
        Ok((Some(Alias { name, columns: Vec::new() }), coldefs))
    }

    /// `'(' TableFuncElementList ')'`: `name type [COLLATE c], ...`.
    pub(super) fn table_func_element_list(&mut self) -> PgResult<Vec<TableFuncElement>> {
        self.expect_char('(')?;
        let mut v = Vec::new();
        loop {
            let location = Location(self.loc());
            let name = self.col_id()?;
            let type_name = self.type_name()?;
            let collation = if self.eat_kw(Kw::Collate) { Some(self.any_name()?) } else { None };
            v.push(TableFuncElement { name, type_name, collation, location });
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// A table name with its alias, and its TABLESAMPLE clause if one follows.
    #[inline(never)]
    pub(super) fn relation_table(&mut self) -> PgResult<FromItem> {
        let mut rv = self.relation_expr()?;
        rv.alias = self.opt_alias()?;
        if self.is_kw(Kw::Tablesample) {
            return self.tablesample_clause(rv);
        }
        Ok(FromItem::Relation(rv))
    }

    /// `TABLESAMPLE method (args) [REPEATABLE (seed)]` after `relation`.
    pub(super) fn tablesample_clause(&mut self, relation: RangeVar) -> PgResult<FromItem> {
        self.expect_kw(Kw::Tablesample)?;
        let location = Location(self.loc());
        let method = self.func_name()?;
        let args = self.paren_expr_list()?;
        let repeatable = if self.eat_kw(Kw::Repeatable) { Some(self.paren_a_expr()?) } else { None };
        Ok(FromItem::TableSample(Box::new(RangeTableSample { relation, method, args, repeatable, location })))
    }

    /// A parenthesised group in FROM: `select_with_parens` or `'(' joined_table ')'`, told
    /// apart without backtracking, in the same way as [`Parser::paren_group`] does in
    /// expressions (and, like it, reading nested groups in a loop). An inner query followed by
    /// `)` or by a set operation, ORDER BY, LIMIT, ... makes the enclosing group a query;
    /// followed by anything else it is the first table of a joined table
    /// (`((select 1) a join t on true)`), so it takes its alias and the joins go on.
    /// Returns the group and the byte offset of its `(`.
    pub(super) fn paren_group_in_from(&mut self) -> PgResult<(FromGroup, usize)> {
        let opens = self.open_parens()?;
        let mut group = if self.at_select_keyword() {
            FromGroup::Select(self.select_stmt()?)
        } else {
            let first = self.table_primary()?;
            self.joined_table_rest(first)?
        };
        self.expect_char(')')?;
        for level in (0..opens.len() - 1).rev() {
            group = self.enclose_group_in_from(group, opens[level + 1])?;
            self.expect_char(')')?;
        }
        Ok((group, opens[0]))
    }

    /// The contents of a group in FROM that began with the (already closed) inner group
    /// `inner`, whose `(` is at `inner_loc`: see [`Parser::paren_group_in_from`].
    #[inline(never)]
    pub(super) fn enclose_group_in_from(&mut self, inner: FromGroup, inner_loc: usize) -> PgResult<FromGroup> {
        match inner {
            FromGroup::Select(sub) if self.is_char(')') => Ok(FromGroup::Select(sub)),
            FromGroup::Select(sub) if self.select_continues() => {
                let s = self.select_clause_from(sub, 0)?;
                Ok(FromGroup::Select(self.select_decorations(s)?))
            }
            FromGroup::Select(sub) => {
                // The inner query is the first table of a join: an alias or a join must
                // follow (before anything else bison reports a syntax error, not the
                // missing alias).
                let join_follows = matches!(
                    self.word_at(0),
                    Some(Kw::Cross | Kw::Full | Kw::Inner | Kw::Join | Kw::Left | Kw::Natural | Kw::Right)
                );
                if !(join_follows || self.is_kw(Kw::As) || self.is_col_id()) {
                    return self.err();
                }
                let first = self.subquery_item(false, sub, inner_loc, inner_loc)?;
                self.joined_table_rest(first)
            }
            FromGroup::Join(j) => {
                let first = self.join_alias(j)?;
                self.joined_table_rest(first)
            }
        }
    }

    /// The joins after the first table inside `'(' joined_table ')'`: there must be one.
    pub(super) fn joined_table_rest(&mut self, first: FromItem) -> PgResult<FromGroup> {
        match self.joins_from(first)? {
            FromItem::Join(j) => Ok(FromGroup::Join(j)),
            _ => self.err(),
        }
    }

    /// A parenthesised joined table with its optional alias.
    pub(super) fn join_alias(&mut self, mut j: Box<JoinExpr>) -> PgResult<FromItem> {
        if self.is_kw(Kw::As) || self.is_col_id() {
            j.alias = self.opt_alias()?;
        }
        Ok(FromItem::Join(j))
    }

    /// A subquery in FROM (`select_with_parens opt_alias_clause`), whose alias is required.
    /// `paren_loc` is its first `(`, where PostgreSQL points when the alias is missing.
    pub(super) fn subquery_item(
        &mut self,
        lateral: bool,
        query: Box<SelectStmt>,
        paren_loc: usize,
        loc: usize,
    ) -> PgResult<FromItem> {
        let Some(alias) = self.opt_alias()? else {
            let at = lexer::char_position(self.sql, paren_loc);
            if matches!(query.body, SelectBody::Values(_)) {
                return Err(PgError::syntax("VALUES in FROM must have an alias", at)
                    .with_hint("For example, FROM (VALUES ...) [AS] foo."));
            }
            return Err(PgError::syntax("subquery in FROM must have an alias", at)
                .with_hint("For example, FROM (SELECT ...) [AS] foo."));
        };
        Ok(FromItem::Subquery { lateral, query, alias: Some(alias), location: Location(loc) })
    }

    pub(super) fn opt_ordinality(&mut self) -> PgResult<bool> {
        if self.is_kw(Kw::With) && self.is_kw_n(1, Kw::Ordinality) {
            self.advance();
            self.advance();
            return Ok(true);
        }
        Ok(false)
    }

    /// `func_expr_windowless`: a function call (or SQL-syntax function) without WITHIN GROUP,
    /// FILTER or OVER; those words after the call are an alias (`FROM f() over`), and `::`
    /// after it is an error.
    pub(super) fn func_expr_windowless(&mut self) -> PgResult<Expr> {
        let start = self.pos;
        // A function's name, or a keyword that begins a SQL-syntax function.
        let can_begin = match &self.peek().kind {
            TokenKind::Ident(_) => true,
            TokenKind::Keyword(k) => match k.category {
                KeywordCategory::Reserved => k.kw == Kw::Cast || is_sql_value_function(k.kw),
                KeywordCategory::ColName if !(is_col_name_function(k.kw) || self.is_char_n(1, '.')) => {
                    // Only a qualified name can begin with it: bison wanted its `.`.
                    return Err(self.error_at_token(self.pos + 1));
                }
                _ => true,
            },
            _ => false,
        };
        if !can_begin {
            return self.err();
        }
        self.windowless_call = Some(self.loc());
        let e = self.primary();
        self.windowless_call = None;
        let e = e?;
        match &e.kind {
            ExprKind::FuncCall(_)
            | ExprKind::Coalesce(_)
            | ExprKind::MinMax { .. }
            | ExprKind::NullIf(..)
            | ExprKind::SqlValueFunction { .. }
            | ExprKind::TypeCast { .. } => Ok(e),
            // A name that no `(` followed: bison wanted one where we are.
            ExprKind::ColumnRef(_) => self.err(),
            _ => Err(self.error_at_token(start)),
        }
    }

    pub(super) fn sort_list(&mut self) -> PgResult<Vec<SortBy>> {
        let mut v = Vec::new();
        loop {
            let loc = self.loc();
            let expr = self.a_expr()?;
            let dir = if self.eat_kw(Kw::Asc) {
                SortDir::Asc
            } else if self.eat_kw(Kw::Desc) {
                SortDir::Desc
            } else if self.eat_kw(Kw::Using) {
                SortDir::Using(self.qual_all_op()?)
            } else {
                SortDir::Default
            };
            let nulls = if self.is_kw(Kw::Nulls) && (self.is_kw_n(1, Kw::First) || self.is_kw_n(1, Kw::Last)) {
                self.advance();
                if self.eat_kw(Kw::First) {
                    SortNulls::First
                } else {
                    self.advance();
                    SortNulls::Last
                }
            } else {
                SortNulls::Default
            };
            v.push(SortBy { expr, dir, nulls, location: Location(loc) });
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(v)
    }

    /// `qual_all_op`: any operator, or `OPERATOR(schema.op)`.
    pub(super) fn qual_all_op(&mut self) -> PgResult<Vec<String>> {
        if let Some(op) = self.math_or_op() {
            self.advance();
            return Ok(vec![op]);
        }
        if self.is_kw(Kw::Operator) && self.is_char_n(1, '(') {
            return self.operator_construct();
        }
        self.err()
    }

    /// The operator symbol at the current token, if it is one (`all_Op`).
    pub(super) fn math_or_op(&self) -> Option<String> {
        match &self.peek().kind {
            TokenKind::Op(s) => Some(s.clone()),
            TokenKind::Char(c) if "+-*/%^<>=".contains(*c) => Some(c.to_string()),
            TokenKind::LessEquals => Some("<=".into()),
            TokenKind::GreaterEquals => Some(">=".into()),
            TokenKind::NotEquals => Some("<>".into()),
            _ => None,
        }
    }

    /// `OPERATOR '(' [schema '.']* op ')'`.
    pub(super) fn operator_construct(&mut self) -> PgResult<Vec<String>> {
        self.expect_kw(Kw::Operator)?;
        self.expect_char('(')?;
        let mut names = Vec::new();
        // `any_operator`: `ColId '.' any_operator` or the operator itself.
        while self.is_col_id() {
            names.push(self.col_id()?);
            self.expect_char('.')?;
        }
        match self.math_or_op() {
            Some(op) => {
                self.advance();
                names.push(op);
            }
            None => return self.err(),
        }
        self.expect_char(')')?;
        Ok(names)
    }

    pub(super) fn window_spec(&mut self) -> PgResult<WindowDef> {
        let loc = self.loc();
        self.expect_char('(')?;
        let mut w = WindowDef {
            name: None,
            refname: None,
            partition_by: Vec::new(),
            order_by: Vec::new(),
            frame: None,
            location: Location(loc),
        };
        if self.is_col_id()
            && !(self.is_kw(Kw::Partition) || self.is_kw(Kw::Range) || self.is_kw(Kw::Rows) || self.is_kw(Kw::Groups))
        {
            w.refname = Some(self.col_id()?);
        }
        if self.is_kw(Kw::Partition) {
            self.advance();
            self.expect_kw(Kw::By)?;
            w.partition_by = self.expr_list()?;
        }
        if self.is_kw(Kw::Order) {
            self.advance();
            self.expect_kw(Kw::By)?;
            w.order_by = self.sort_list()?;
        }
        let mode = match self.word_at(0) {
            Some(Kw::Rows) => Some(FrameMode::Rows),
            Some(Kw::Range) => Some(FrameMode::Range),
            Some(Kw::Groups) => Some(FrameMode::Groups),
            _ => None,
        };
        if let Some(mode) = mode {
            self.advance();
            let (start, end) = self.frame_extent()?;
            let exclude = if self.eat_kw(Kw::Exclude) {
                if self.eat_kw(Kw::Current) {
                    self.expect_kw(Kw::Row)?;
                    FrameExclude::CurrentRow
                } else if self.eat_kw(Kw::Group) {
                    FrameExclude::Group
                } else if self.eat_kw(Kw::Ties) {
                    FrameExclude::Ties
                } else {
                    self.expect_kw(Kw::No)?;
                    self.expect_kw(Kw::Others)?;
                    FrameExclude::NoOthers
                }
            } else {
                FrameExclude::NoOthers
            };
            w.frame = Some(WindowFrame { mode, start, end, exclude });
        }
        self.expect_char(')')?;
        Ok(w)
    }

    /// `frame_extent`: one bound, or `BETWEEN start AND end`, with gram.y's checks of the
    /// combinations no frame can have (42P20 at the offending bound).
    pub(super) fn frame_extent(&mut self) -> PgResult<(FrameBound, Option<FrameBound>)> {
        let windowing = |msg: &str, at: usize| {
            Err(PgError::new(SqlState::WINDOWING_ERROR, msg).with_position(lexer::char_position(self.sql, at)))
        };
        let between = self.frame_between()?;
        let start_loc = self.loc();
        let start = self.frame_bound()?;
        if !between {
            match start {
                FrameBound::UnboundedFollowing => {
                    return windowing("frame start cannot be UNBOUNDED FOLLOWING", start_loc)
                }
                FrameBound::Following(_) => {
                    return windowing("frame starting from following row cannot end with current row", start_loc)
                }
                _ => return Ok((start, None)),
            }
        }
        self.expect_kw(Kw::And)?;
        let end_loc = self.loc();
        let end = self.frame_bound()?;
        if matches!(start, FrameBound::UnboundedFollowing) {
            return windowing("frame start cannot be UNBOUNDED FOLLOWING", start_loc);
        }
        if matches!(end, FrameBound::UnboundedPreceding) {
            return windowing("frame end cannot be UNBOUNDED PRECEDING", end_loc);
        }
        if matches!(start, FrameBound::CurrentRow) && matches!(end, FrameBound::Preceding(_)) {
            return windowing("frame starting from current row cannot have preceding rows", end_loc);
        }
        if matches!(start, FrameBound::Following(_)) && matches!(end, FrameBound::Preceding(_) | FrameBound::CurrentRow)
        {
            return windowing("frame starting from following row cannot have preceding rows", end_loc);
        }
        Ok((start, Some(end)))
    }

    /// BETWEEN at the start of a frame extent (consumed, true), or a column of that name
    /// beginning the first bound's offset (false): BETWEEN is a column-name keyword, and bison
    /// decides at the next token. One that can only continue an expression makes it a name;
    /// one that can also begin an expression makes it the keyword when that token binds more
    /// tightly than BETWEEN (`+`, an operator, AT, PRECEDING), and is an error when it binds
    /// as tightly (BETWEEN, LIKE, ILIKE, SIMILAR, NOT LIKE: `%nonassoc`).
    pub(super) fn frame_between(&mut self) -> PgResult<bool> {
        if !self.is_kw(Kw::Between) {
            return Ok(false);
        }
        let name = match &self.peek_n(1).kind {
            TokenKind::Keyword(k) => match k.kw {
                Kw::Between | Kw::Like | Kw::Ilike | Kw::Similar => return Err(self.error_at_token(self.pos + 1)),
                Kw::Not
                    if matches!(self.word_at(2), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar)) =>
                {
                    return Err(self.error_at_token(self.pos + 1))
                }
                Kw::And | Kw::Or | Kw::Is | Kw::Isnull | Kw::Notnull | Kw::In | Kw::Collate => true,
                _ => false,
            },
            TokenKind::Typecast | TokenKind::LessEquals | TokenKind::GreaterEquals | TokenKind::NotEquals => true,
            TokenKind::Char(c) => "*/%^<>=.[".contains(*c),
            _ => false,
        };
        if !name {
            self.advance();
        }
        Ok(!name)
    }

    pub(super) fn frame_bound(&mut self) -> PgResult<FrameBound> {
        // `UNBOUNDED PRECEDING`; `unbounded(1) PRECEDING` is an offset expression.
        if self.is_kw(Kw::Unbounded) && (self.is_kw_n(1, Kw::Preceding) || self.is_kw_n(1, Kw::Following)) {
            self.advance();
            if self.eat_kw(Kw::Preceding) {
                return Ok(FrameBound::UnboundedPreceding);
            }
            self.expect_kw(Kw::Following)?;
            return Ok(FrameBound::UnboundedFollowing);
        }
        if self.is_kw(Kw::Current) && self.is_kw_n(1, Kw::Row) {
            self.advance();
            self.advance();
            return Ok(FrameBound::CurrentRow);
        }
        let e = self.a_expr()?;
        if self.eat_kw(Kw::Preceding) {
            return Ok(FrameBound::Preceding(boxed(e)));
        }
        self.expect_kw(Kw::Following)?;
        Ok(FrameBound::Following(boxed(e)))
    }
}
