//! The grammar of INSERT, UPDATE, DELETE and MERGE (with WITH, RETURNING, ON CONFLICT), and COPY.
//!
//! PostgreSQL source area: gram.y `InsertStmt`, `UpdateStmt`, `DeleteStmt`, `MergeStmt`, `CopyStmt`.
//!
//! Written from PostgreSQL's SQL command reference and checked against PostgreSQL 15 (see
//! `tests/cases/dml.txt`). A WITH clause in front of any of the four data-modifying statements
//! is read by `Parser::with_stmt`, which hands it to [`Parser::dml_stmt`]; a CTE's query, a
//! PREPARE's and a COPY's are read by [`Parser::preparable_stmt`].

use super::*;

impl Parser<'_> {
    /// `PreparableStmt`: a SELECT, INSERT, UPDATE, DELETE or MERGE, each with an optional
    /// WITH clause in front (the query of a CTE, of PREPARE, of `COPY (...) TO`).
    pub(super) fn preparable_stmt(&mut self) -> PgResult<Stmt> {
        // Nested WITH queries (`WITH a AS (WITH b AS (...`) recurse through here before any
        // other check.
        pg_error::check_stack_depth()?;
        match self.word_at(0) {
            Some(Kw::With) => self.with_stmt(),
            Some(Kw::Insert | Kw::Update | Kw::Delete | Kw::Merge) => self.dml_stmt(None),
            _ => Ok(Stmt::Select(self.select_stmt()?)),
        }
    }

    /// INSERT, UPDATE, DELETE or MERGE at the current keyword, after the WITH clause `with`
    /// that preceded it, if any.
    pub(super) fn dml_stmt(&mut self, with: Option<WithClause>) -> PgResult<Stmt> {
        match self.word_at(0) {
            Some(Kw::Insert) => self.insert_stmt(with),
            Some(Kw::Update) => Ok(Stmt::Update(self.update_stmt(with)?)),
            Some(Kw::Delete) => Ok(Stmt::Delete(self.delete_stmt(with)?)),
            Some(Kw::Merge) => Ok(Stmt::Merge(self.merge_stmt(with)?)),
            _ => self.err(),
        }
    }

    // ---------------------------------------------------------------- INSERT

    /// `INSERT INTO table [AS alias] insert_rest [ON CONFLICT ...] [RETURNING ...]`.
    fn insert_stmt(&mut self, with: Option<WithClause>) -> PgResult<Stmt> {
        self.expect_kw(Kw::Insert)?;
        self.expect_kw(Kw::Into)?;
        let mut relation = self.qualified_name()?;
        if self.eat_kw(Kw::As) {
            relation.alias = Some(Alias { name: self.col_id()?, columns: Vec::new() });
        }
        let mut columns = Vec::new();
        let mut overriding = None;
        let source = if self.is_kw(Kw::Default) {
            self.advance();
            self.expect_kw(Kw::Values)?;
            None
        } else {
            // `(` opens the column list unless a query starts there: `INSERT INTO t (SELECT 1)`,
            // `INSERT INTO t ((SELECT 1) UNION ...)`.
            // (VALUES is also a column name: `INSERT INTO t (values) ...`.)
            let values_column = self.is_kw_n(1, Kw::Values) && !self.is_char_n(2, '(');
            let query = self.select_keyword_at(1) && !values_column;
            if self.is_char('(') && !self.is_char_n(1, '(') && !query {
                self.advance();
                columns = self.set_target_list()?;
                self.expect_char(')')?;
            }
            overriding = self.opt_overriding()?;
            Some(self.select_stmt()?)
        };
        let on_conflict = if self.is_kw(Kw::On) {
            let location = Location(self.loc());
            self.advance();
            self.expect_kw(Kw::Conflict)?;
            let target = if self.eat_kw(Kw::On) {
                self.expect_kw(Kw::Constraint)?;
                Some(InferClause::Constraint(self.col_id()?))
            } else if self.eat_char('(') {
                // gram.y's `index_params`, as in CREATE INDEX (the analyzer refuses what makes no
                // sense here, such as ASC/DESC).
                let mut elems = vec![self.index_elem()?];
                while self.eat_char(',') {
                    self.tick()?;
                    elems.push(self.index_elem()?);
                }
                self.expect_char(')')?;
                let where_clause = if self.eat_kw(Kw::Where) { Some(self.a_expr()?) } else { None };
                Some(InferClause::Index { elems, where_clause })
            } else {
                None
            };
            self.expect_kw(Kw::Do)?;
            let action = if self.eat_kw(Kw::Nothing) {
                OnConflictAction::Nothing
            } else {
                self.expect_kw(Kw::Update)?;
                self.expect_kw(Kw::Set)?;
                let set = self.set_clause_list()?;
                let where_clause = if self.eat_kw(Kw::Where) { Some(self.a_expr()?) } else { None };
                OnConflictAction::Update { set, where_clause }
            };
            Some(OnConflictClause { target, action, location })
        } else {
            None
        };
        let returning = self.returning_clause()?;
        Ok(Stmt::Insert(Box::new(InsertStmt { with, relation, columns, overriding, source, on_conflict, returning })))
    }

    /// Whether the token `n` ahead can only begin a `select_no_parens`.
    fn select_keyword_at(&self, n: usize) -> bool {
        matches!(self.word_at(n), Some(Kw::Select | Kw::Values | Kw::Table | Kw::With))
    }

    /// `[OVERRIDING {SYSTEM | USER} VALUE]`.
    fn opt_overriding(&mut self) -> PgResult<Option<OverridingKind>> {
        if !self.eat_kw(Kw::Overriding) {
            return Ok(None);
        }
        let kind = if self.eat_kw(Kw::System) {
            OverridingKind::System
        } else {
            self.expect_kw(Kw::User)?;
            OverridingKind::User
        };
        self.expect_kw(Kw::Value)?;
        Ok(Some(kind))
    }

    /// `set_target [, ...]`: `ColId opt_indirection`, as in INSERT's column list.
    fn set_target_list(&mut self) -> PgResult<Vec<SetTarget>> {
        self.comma_list(Self::set_target)
    }

    /// `ColId opt_indirection`: a column to assign, with `.field` / `[subscript]` steps.
    fn set_target(&mut self) -> PgResult<SetTarget> {
        let location = Location(self.loc());
        let name = self.col_id()?;
        let indirection = self.indirection_steps()?;
        Ok(SetTarget { name, indirection, location })
    }

    /// `RETURNING target_list`, or nothing.
    fn returning_clause(&mut self) -> PgResult<Vec<ResTarget>> {
        let mut targets = Vec::new();
        if self.eat_kw(Kw::Returning) {
            loop {
                self.tick()?;
                targets.push(self.target_el()?);
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        Ok(targets)
    }

    /// `set_clause [, ...]`: `target = expr` or `(target, ...) = expr`.
    fn set_clause_list(&mut self) -> PgResult<Vec<SetClause>> {
        let mut clauses = Vec::new();
        loop {
            self.tick()?;
            if self.eat_char('(') {
                let targets = self.set_target_list()?;
                self.expect_char(')')?;
                self.expect_char('=')?;
                let value = self.a_expr()?;
                clauses.push(SetClause::Multi { targets, value });
            } else {
                let target = self.set_target()?;
                self.expect_char('=')?;
                let value = self.a_expr()?;
                clauses.push(SetClause::Single { target, value });
            }
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(clauses)
    }

    // ---------------------------------------------------------------- UPDATE, DELETE

    /// `relation_expr_opt_alias`: `[ONLY] name [*] [[AS] alias]`. A bare alias may not be SET
    /// (gram.y gives `UPDATE t SET` that reading), nor any reserved word.
    fn relation_expr_opt_alias(&mut self) -> PgResult<RangeVar> {
        let mut relation = self.relation_expr()?;
        let alias =
            if self.eat_kw(Kw::As) || (self.is_col_id() && !self.is_kw(Kw::Set)) { Some(self.col_id()?) } else { None };
        relation.alias = alias.map(|name| Alias { name, columns: Vec::new() });
        Ok(relation)
    }

    /// `WHERE a_expr`, `WHERE CURRENT OF cursor`, or nothing.
    fn where_or_current(&mut self) -> PgResult<Option<DmlWhere>> {
        if !self.eat_kw(Kw::Where) {
            return Ok(None);
        }
        if self.is_kw(Kw::Current) && self.is_kw_n(1, Kw::Of) {
            self.advance();
            self.advance();
            return Ok(Some(DmlWhere::CurrentOf(self.col_id()?)));
        }
        Ok(Some(DmlWhere::Expr(self.a_expr()?)))
    }

    /// `from_list`: `table_ref [, ...]`.
    fn table_ref_list(&mut self) -> PgResult<Vec<FromItem>> {
        self.comma_list(Self::table_ref)
    }

    /// `UPDATE relation SET ... [FROM ...] [WHERE ...] [RETURNING ...]`.
    fn update_stmt(&mut self, with: Option<WithClause>) -> PgResult<Box<UpdateStmt>> {
        self.expect_kw(Kw::Update)?;
        let relation = self.relation_expr_opt_alias()?;
        self.expect_kw(Kw::Set)?;
        let set = self.set_clause_list()?;
        let from = if self.eat_kw(Kw::From) { self.table_ref_list()? } else { Vec::new() };
        let where_clause = self.where_or_current()?;
        let returning = self.returning_clause()?;
        Ok(Box::new(UpdateStmt { with, relation, set, from, where_clause, returning }))
    }

    /// `DELETE FROM relation [USING ...] [WHERE ...] [RETURNING ...]`.
    fn delete_stmt(&mut self, with: Option<WithClause>) -> PgResult<Box<DeleteStmt>> {
        self.expect_kw(Kw::Delete)?;
        self.expect_kw(Kw::From)?;
        let relation = self.relation_expr_opt_alias()?;
        let using = if self.eat_kw(Kw::Using) { self.table_ref_list()? } else { Vec::new() };
        let where_clause = self.where_or_current()?;
        let returning = self.returning_clause()?;
        Ok(Box::new(DeleteStmt { with, relation, using, where_clause, returning }))
    }

    // ---------------------------------------------------------------- MERGE

    /// `MERGE INTO target [[AS] alias] USING source ON condition WHEN ...`.
    fn merge_stmt(&mut self, with: Option<WithClause>) -> PgResult<Box<MergeStmt>> {
        self.expect_kw(Kw::Merge)?;
        self.expect_kw(Kw::Into)?;
        let relation = self.relation_expr_opt_alias()?;
        self.expect_kw(Kw::Using)?;
        let source = self.table_ref()?;
        self.expect_kw(Kw::On)?;
        let join_condition = self.a_expr()?;
        let mut when_clauses = vec![self.merge_when_clause()?];
        while self.is_kw(Kw::When) {
            when_clauses.push(self.merge_when_clause()?);
        }
        Ok(Box::new(MergeStmt { with, relation, source, join_condition, when_clauses }))
    }

    /// `WHEN [NOT] MATCHED [AND condition] THEN action`.
    fn merge_when_clause(&mut self) -> PgResult<MergeWhenClause> {
        self.tick()?;
        self.expect_kw(Kw::When)?;
        let matched = !self.eat_kw(Kw::Not);
        self.expect_kw(Kw::Matched)?;
        let condition = if self.eat_kw(Kw::And) { Some(self.a_expr()?) } else { None };
        self.expect_kw(Kw::Then)?;
        let action = if self.eat_kw(Kw::Do) {
            self.expect_kw(Kw::Nothing)?;
            MergeAction::DoNothing
        } else if matched && self.eat_kw(Kw::Update) {
            self.expect_kw(Kw::Set)?;
            MergeAction::Update(self.set_clause_list()?)
        } else if matched {
            self.expect_kw(Kw::Delete)?;
            MergeAction::Delete
        } else {
            self.expect_kw(Kw::Insert)?;
            self.merge_insert()?
        };
        Ok(MergeWhenClause { matched, condition, action })
    }

    /// After MERGE's `INSERT`: `[(cols)] [OVERRIDING ... VALUE] VALUES (...)` or `DEFAULT VALUES`.
    fn merge_insert(&mut self) -> PgResult<MergeAction> {
        if self.eat_kw(Kw::Default) {
            self.expect_kw(Kw::Values)?;
            return Ok(MergeAction::Insert { columns: Vec::new(), overriding: None, values: None });
        }
        let columns = if self.eat_char('(') {
            let c = self.set_target_list()?;
            self.expect_char(')')?;
            c
        } else {
            Vec::new()
        };
        let overriding = self.opt_overriding()?;
        self.expect_kw(Kw::Values)?;
        let values = Some(self.paren_expr_list()?);
        Ok(MergeAction::Insert { columns, overriding, values })
    }

    // ---------------------------------------------------------------- COPY

    /// `COPY [BINARY] table [(cols)] {FROM | TO} [PROGRAM] {'file' | STDIN | STDOUT} ...` or
    /// `COPY (query) TO ...`.
    pub(super) fn copy_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Copy)?;
        let mut options = Vec::new();
        if self.is_char('(') {
            self.advance();
            let query = self.preparable_stmt()?;
            self.expect_char(')')?;
            let to_loc = self.loc();
            self.expect_kw(Kw::To)?;
            let (is_program, filename) = self.copy_file_name()?;
            let _ = self.eat_kw(Kw::With);
            self.copy_options(&mut options)?;
            if is_program && filename.is_none() {
                return Err(stdio_with_program().with_position(self.char_pos(to_loc)));
            }
            return Ok(Stmt::Copy(Box::new(CopyStmt {
                source: CopySource::Query(Box::new(query)),
                is_from: false,
                is_program,
                filename,
                options,
                where_clause: None,
            })));
        }
        if self.is_kw(Kw::Binary) {
            options.push(self.copy_word_option("format", CopyOptionArg::String("binary".into())));
        }
        let relation = self.qualified_name()?;
        let columns = if self.eat_char('(') {
            let c = self.name_list()?;
            self.expect_char(')')?;
            c
        } else {
            Vec::new()
        };
        let is_from = if self.eat_kw(Kw::From) {
            true
        } else {
            self.expect_kw(Kw::To)?;
            false
        };
        let (is_program, filename) = self.copy_file_name()?;
        // The oldest syntax's `[USING] DELIMITERS 'x'`.
        if self.is_kw(Kw::Delimiters) || self.is_kw(Kw::Using) {
            let location = Location(self.loc());
            if self.eat_kw(Kw::Using) {
                self.expect_kw(Kw::Delimiters)?;
            } else {
                self.advance();
            }
            let arg = Some(CopyOptionArg::String(self.sconst()?));
            options.push(CopyOption { name: "delimiter".into(), arg, location });
        }
        let _ = self.eat_kw(Kw::With);
        self.copy_options(&mut options)?;
        let where_loc = self.loc();
        let where_clause = if self.eat_kw(Kw::Where) { Some(self.a_expr()?) } else { None };
        // gram.y checks these once it has read the whole statement (before what may follow it).
        if is_program && filename.is_none() {
            return Err(stdio_with_program());
        }
        if where_clause.is_some() && !is_from {
            return Err(PgError::syntax("WHERE clause not allowed with COPY TO", self.char_pos(where_loc)));
        }
        Ok(Stmt::Copy(Box::new(CopyStmt {
            source: CopySource::Table { relation, columns },
            is_from,
            is_program,
            filename,
            options,
            where_clause,
        })))
    }

    /// The 1-based character position of byte offset `byte`.
    fn char_pos(&self, byte: usize) -> u32 {
        lexer::char_position(self.sql, byte)
    }

    /// `[PROGRAM] {'file' | STDIN | STDOUT}`: whether PROGRAM was written, and the file or
    /// command (`None` for STDIN / STDOUT).
    fn copy_file_name(&mut self) -> PgResult<(bool, Option<String>)> {
        let is_program = self.eat_kw(Kw::Program);
        let filename = if self.eat_kw(Kw::Stdin) || self.eat_kw(Kw::Stdout) { None } else { Some(self.sconst()?) };
        Ok((is_program, filename))
    }

    /// A one-word option of the old syntax (`BINARY`, `CSV`, `HEADER`, `FREEZE`) at the
    /// current token, consumed.
    fn copy_word_option(&mut self, name: &str, arg: CopyOptionArg) -> CopyOption {
        let location = Location(self.loc());
        self.advance();
        CopyOption { name: name.into(), arg: Some(arg), location }
    }

    /// `( name [value], ... )`, or the old syntax's options in a row (possibly none).
    fn copy_options(&mut self, options: &mut Vec<CopyOption>) -> PgResult<()> {
        if self.eat_char('(') {
            loop {
                self.tick()?;
                options.push(self.copy_generic_option()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            return self.expect_char(')');
        }
        loop {
            self.tick()?;
            let location = Location(self.loc());
            let option = |name: &str, arg| CopyOption { name: name.into(), arg: Some(arg), location };
            let string = CopyOptionArg::String;
            match self.word_at(0) {
                Some(Kw::Binary) => options.push(self.copy_word_option("format", string("binary".into()))),
                Some(Kw::Csv) => options.push(self.copy_word_option("format", string("csv".into()))),
                Some(Kw::Header) => options.push(self.copy_word_option("header", CopyOptionArg::Boolean(true))),
                Some(Kw::Freeze) => options.push(self.copy_word_option("freeze", CopyOptionArg::Boolean(true))),
                Some(w @ (Kw::Delimiter | Kw::Null | Kw::Quote | Kw::Escape)) => {
                    self.advance();
                    let _ = self.eat_kw(Kw::As);
                    let name = match w {
                        Kw::Delimiter => "delimiter",
                        Kw::Null => "null",
                        Kw::Quote => "quote",
                        _ => "escape",
                    };
                    options.push(option(name, string(self.sconst()?)));
                }
                Some(Kw::Encoding) => {
                    self.advance();
                    options.push(option("encoding", string(self.sconst()?)));
                }
                Some(Kw::Force) => {
                    self.advance();
                    let name = if self.eat_kw(Kw::Quote) {
                        "force_quote"
                    } else if self.eat_kw(Kw::Not) {
                        self.expect_kw(Kw::Null)?;
                        "force_not_null"
                    } else {
                        self.expect_kw(Kw::Null)?;
                        "force_null"
                    };
                    let arg = if name == "force_quote" && self.eat_char('*') {
                        CopyOptionArg::Star
                    } else {
                        CopyOptionArg::List(self.name_list()?)
                    };
                    options.push(option(name, arg));
                }
                _ => return Ok(()),
            }
        }
    }

    /// `ColLabel [value]` in the parenthesised option list: a word or string, a number, `*`,
    /// or a parenthesised list of words and strings.
    fn copy_generic_option(&mut self) -> PgResult<CopyOption> {
        let location = Location(self.loc());
        let name = self.col_label()?;
        let arg = if self.is_char(',') || self.is_char(')') {
            None
        } else if self.eat_char('*') {
            Some(CopyOptionArg::Star)
        } else if self.eat_char('(') {
            let mut words = Vec::new();
            loop {
                words.push(self.boolean_or_string()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
            Some(CopyOptionArg::List(words))
        } else {
            Some(match self.var_value()? {
                Value::String(s) => CopyOptionArg::String(s),
                number => CopyOptionArg::Number(number),
            })
        };
        Ok(CopyOption { name, arg, location })
    }

    /// `opt_boolean_or_string`: TRUE, FALSE, ON, a non-reserved word or a string, as text.
    fn boolean_or_string(&mut self) -> PgResult<String> {
        if let Some(w @ (Kw::True | Kw::False | Kw::On)) = self.word_at(0) {
            self.advance();
            return Ok(w.word().to_string());
        }
        self.non_reserved_word_or_sconst()
    }
}

/// COPY's `PROGRAM` with STDIN or STDOUT (gram.y gives it a position only in `COPY (query)`).
fn stdio_with_program() -> PgError {
    PgError::new(SqlState::SYNTAX_ERROR, "STDIN/STDOUT not allowed with PROGRAM")
}
