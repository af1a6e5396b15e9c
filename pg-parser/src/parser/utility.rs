//! The grammar of PREPARE / EXECUTE / DEALLOCATE, LISTEN / NOTIFY / UNLISTEN, LOCK, VACUUM, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, SET CONSTRAINTS, LOAD, REFRESH MATERIALIZED VIEW and EXPLAIN.
//!
//! PostgreSQL source area: gram.y `PrepareStmt`, `ExecuteStmt`, `DeallocateStmt`, `ListenStmt`, `NotifyStmt`, `LockStmt`, `VacuumStmt`, `AnalyzeStmt`, `ClusterStmt`, `ReindexStmt`, `CheckPointStmt`, `ConstraintsSetStmt`, `LoadStmt`, `RefreshMatViewStmt`, `ExplainStmt`.
//! (The two-phase commit statements are read with the other transaction statements in
//! parser.rs.)

use super::*;

impl Parser<'_> {
    /// `utility_option_list` in parentheses: `(name [value], ...)`, as VACUUM, ANALYZE,
    /// CLUSTER, REINDEX and EXPLAIN take it. A name is a `NonReservedWord` or `ANALYZE` /
    /// `ANALYSE` (both read as `analyze`); a value is a boolean, a word, a string or a number.
    pub(super) fn utility_option_list(&mut self) -> PgResult<Vec<UtilityOption>> {
        self.expect_char('(')?;
        let mut options = Vec::new();
        loop {
            let name = if self.eat_kw(Kw::Analyze) || self.eat_kw(Kw::Analyse) {
                "analyze".to_string()
            } else {
                self.non_reserved_word()?
            };
            let value = if self.is_char(',') || self.is_char(')') { None } else { Some(self.var_value()?) };
            options.push((name, value));
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(options)
    }

    /// Whether the current token is `ANALYZE` or `ANALYSE` (gram.y `analyze_keyword`); eats it.
    fn eat_analyze_keyword(&mut self) -> bool {
        self.eat_kw(Kw::Analyze) || self.eat_kw(Kw::Analyse)
    }

    /// `EXPLAIN [ANALYZE] [VERBOSE] stmt` or `EXPLAIN (options) stmt`; the statement is any
    /// `ExplainableStmt`: SELECT (VALUES, TABLE, WITH), INSERT, UPDATE, DELETE, MERGE,
    /// DECLARE CURSOR, CREATE TABLE AS, CREATE MATERIALIZED VIEW, REFRESH MATERIALIZED VIEW
    /// and EXECUTE.
    pub(super) fn explain_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Explain)?;
        let mut options = Vec::new();
        // `EXPLAIN (` opens the option list unless a parenthesised query follows:
        // `EXPLAIN (SELECT 1) UNION ...`, `EXPLAIN ((SELECT 1))`, `EXPLAIN (VALUES (1))`.
        let query_in_parens = matches!(self.word_at(1), Some(Kw::Select | Kw::Table | Kw::With))
            || self.is_char_n(1, '(')
            || (self.is_kw_n(1, Kw::Values) && self.is_char_n(2, '('));
        if self.is_char('(') && !query_in_parens {
            options = self.utility_option_list()?;
        } else if !self.is_char('(') {
            if self.eat_analyze_keyword() {
                options.push(("analyze".to_string(), None));
            }
            if self.eat_kw(Kw::Verbose) {
                options.push(("verbose".to_string(), None));
            }
        }
        let query = match self.word_at(0) {
            Some(
                Kw::Select
                | Kw::Values
                | Kw::Table
                | Kw::With
                | Kw::Insert
                | Kw::Update
                | Kw::Delete
                | Kw::Merge
                | Kw::Declare
                | Kw::Execute,
            ) => self.statement()?,
            None if self.is_char('(') => self.statement()?,
            Some(Kw::Refresh) if self.is_kw_n(1, Kw::Materialized) => self.statement()?,
            Some(Kw::Create) => {
                let start = self.pos;
                self.create_as_head()?;
                let after_head = self.pos;
                self.pos = start;
                let stmt = self.statement()?;
                if !matches!(stmt.command_tag(), "CREATE TABLE AS" | "CREATE MATERIALIZED VIEW") {
                    return Err(self.error_at_token(after_head));
                }
                stmt
            }
            _ => return self.err(),
        };
        Ok(Stmt::Explain(ExplainStmt { query: Box::new(query), options }))
    }

    /// Checks the head of an EXPLAINed CREATE as the grammar of CREATE TABLE AS and CREATE
    /// MATERIALIZED VIEW reads it, the only CREATEs EXPLAIN takes: `CREATE [TEMP | UNLOGGED]
    /// {TABLE | MATERIALIZED VIEW} [IF NOT EXISTS] name [(column, ...)]`, so that `EXPLAIN
    /// CREATE TABLE t (a int)` fails at `int` as in PostgreSQL (its column list holds names
    /// only). The caller goes back to the start and parses the statement (a few tokens read
    /// twice).
    fn create_as_head(&mut self) -> PgResult<()> {
        self.expect_kw(Kw::Create)?;
        if matches!(self.word_at(0), Some(Kw::Global | Kw::Local)) {
            self.advance();
        }
        if matches!(self.word_at(0), Some(Kw::Temp | Kw::Temporary | Kw::Unlogged)) {
            self.advance();
        }
        if !self.eat_kw(Kw::Table) {
            self.expect_kw(Kw::Materialized)?;
            self.expect_kw(Kw::View)?;
        }
        self.opt_if_not_exists()?;
        self.qualified_name()?;
        if self.eat_char('(') {
            self.name_list()?;
            self.expect_char(')')?;
        }
        Ok(())
    }

    /// `PREPARE name [(type, ...)] AS PreparableStmt` (SELECT, INSERT, UPDATE, DELETE, MERGE).
    pub(super) fn prepare_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Prepare)?;
        let name = self.col_id()?;
        let mut argtypes = Vec::new();
        if self.eat_char('(') {
            loop {
                argtypes.push(self.type_name()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
        }
        self.expect_kw(Kw::As)?;
        let query = self.preparable_stmt()?;
        Ok(Stmt::Prepare(PrepareStmt { name, argtypes, query: Box::new(query) }))
    }

    /// `EXECUTE name [(expr, ...)]`.
    pub(super) fn execute_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Execute)?;
        let name = self.col_id()?;
        let params = if self.is_char('(') { self.paren_expr_list()? } else { Vec::new() };
        Ok(Stmt::Execute(ExecuteStmt { name, params }))
    }

    /// `DEALLOCATE [PREPARE] {name | ALL}`.
    pub(super) fn deallocate_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Deallocate)?;
        // PREPARE is an unreserved word: alone, it names the prepared statement.
        if self.is_kw(Kw::Prepare)
            && (self.is_kw_n(1, Kw::All) || Self::token_is_ident_with(self.peek_n(1), Self::col_id_ok))
        {
            self.advance();
        }
        let name = if self.eat_kw(Kw::All) { None } else { Some(self.col_id()?) };
        Ok(Stmt::Deallocate { name })
    }

    /// `LISTEN channel`, `UNLISTEN {channel | *}`, `NOTIFY channel [, 'payload']`.
    pub(super) fn listen_notify_stmt(&mut self) -> PgResult<Stmt> {
        if self.eat_kw(Kw::Listen) {
            return Ok(Stmt::Listen { channel: self.col_id()? });
        }
        if self.eat_kw(Kw::Unlisten) {
            let channel = if self.eat_char('*') { None } else { Some(self.col_id()?) };
            return Ok(Stmt::Unlisten { channel });
        }
        self.expect_kw(Kw::Notify)?;
        let channel = self.col_id()?;
        let payload = if self.eat_char(',') { Some(self.sconst()?) } else { None };
        Ok(Stmt::Notify { channel, payload })
    }

    /// `LOCK [TABLE] relation_expr, ... [IN lock_type MODE] [NOWAIT]`.
    pub(super) fn lock_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Lock)?;
        let _ = self.eat_kw(Kw::Table);
        let mut relations = vec![self.relation_expr()?];
        while self.eat_char(',') {
            relations.push(self.relation_expr()?);
        }
        let mut mode = LockMode::AccessExclusive;
        if self.eat_kw(Kw::In) {
            mode = if self.eat_kw(Kw::Access) {
                if self.eat_kw(Kw::Share) {
                    LockMode::AccessShare
                } else {
                    self.expect_kw(Kw::Exclusive)?;
                    LockMode::AccessExclusive
                }
            } else if self.eat_kw(Kw::Row) {
                if self.eat_kw(Kw::Share) {
                    LockMode::RowShare
                } else {
                    self.expect_kw(Kw::Exclusive)?;
                    LockMode::RowExclusive
                }
            } else if self.eat_kw(Kw::Share) {
                if self.eat_kw(Kw::Update) {
                    self.expect_kw(Kw::Exclusive)?;
                    LockMode::ShareUpdateExclusive
                } else if self.eat_kw(Kw::Row) {
                    self.expect_kw(Kw::Exclusive)?;
                    LockMode::ShareRowExclusive
                } else {
                    LockMode::Share
                }
            } else {
                self.expect_kw(Kw::Exclusive)?;
                LockMode::Exclusive
            };
            self.expect_kw(Kw::Mode)?;
        }
        let nowait = self.eat_kw(Kw::Nowait);
        Ok(Stmt::Lock(LockStmt { relations, mode, nowait }))
    }

    /// `VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables]`, `VACUUM (options) [tables]`,
    /// `ANALYZE [VERBOSE] [tables]`, `ANALYZE (options) [tables]`.
    pub(super) fn vacuum_stmt(&mut self) -> PgResult<Stmt> {
        let is_vacuum = self.eat_kw(Kw::Vacuum);
        if !is_vacuum && !self.eat_analyze_keyword() {
            return self.err();
        }
        let mut options = Vec::new();
        if self.is_char('(') {
            options = self.utility_option_list()?;
        } else {
            let words: &[(Kw, &str)] = if is_vacuum {
                &[(Kw::Full, "full"), (Kw::Freeze, "freeze"), (Kw::Verbose, "verbose")]
            } else {
                &[(Kw::Verbose, "verbose")]
            };
            for (kw, name) in words {
                if self.eat_kw(*kw) {
                    options.push((name.to_string(), None));
                }
            }
            if is_vacuum && self.eat_analyze_keyword() {
                options.push(("analyze".to_string(), None));
            }
        }
        let mut relations = Vec::new();
        if self.is_col_id() {
            loop {
                let relation = self.qualified_name()?;
                let columns = if self.eat_char('(') {
                    let names = self.name_list()?;
                    self.expect_char(')')?;
                    names
                } else {
                    Vec::new()
                };
                relations.push(VacuumRelation { relation, columns });
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        Ok(Stmt::Vacuum(VacuumStmt { is_vacuum, options, relations }))
    }

    /// `CLUSTER [VERBOSE] [table [USING index]]`, `CLUSTER (options) table [USING index]`,
    /// `CLUSTER [VERBOSE] index ON table`.
    pub(super) fn cluster_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Cluster)?;
        let mut options = Vec::new();
        let parenthesised = self.is_char('(');
        if parenthesised {
            options = self.utility_option_list()?;
        } else if self.eat_kw(Kw::Verbose) {
            options.push(("verbose".to_string(), None));
        }
        if !parenthesised && !self.is_col_id() {
            return Ok(Stmt::Cluster(ClusterStmt { relation: None, index: None, options }));
        }
        if !parenthesised && self.is_kw_n(1, Kw::On) {
            let index = self.col_id()?;
            self.expect_kw(Kw::On)?;
            let relation = self.qualified_name()?;
            return Ok(Stmt::Cluster(ClusterStmt { relation: Some(relation), index: Some(index), options }));
        }
        let relation = self.qualified_name()?;
        let index = if self.eat_kw(Kw::Using) { Some(self.col_id()?) } else { None };
        Ok(Stmt::Cluster(ClusterStmt { relation: Some(relation), index, options }))
    }

    /// `REINDEX [(options)] {INDEX | TABLE} [CONCURRENTLY] name` and `REINDEX [(options)]
    /// {SCHEMA | SYSTEM | DATABASE} [CONCURRENTLY] name`.
    pub(super) fn reindex_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Reindex)?;
        let mut options = if self.is_char('(') { self.utility_option_list()? } else { Vec::new() };
        let kind = match self.word_at(0) {
            Some(Kw::Index) => ReindexKind::Index,
            Some(Kw::Table) => ReindexKind::Table,
            Some(Kw::Schema) => ReindexKind::Schema,
            Some(Kw::System) => ReindexKind::System,
            Some(Kw::Database) => ReindexKind::Database,
            _ => return self.err(),
        };
        self.advance();
        if self.eat_kw(Kw::Concurrently) {
            options.push(("concurrently".to_string(), None));
        }
        let (relation, name) = match kind {
            ReindexKind::Index | ReindexKind::Table => (Some(self.qualified_name()?), None),
            _ => (None, Some(self.col_id()?)),
        };
        Ok(Stmt::Reindex(ReindexStmt { kind, relation, name, options }))
    }

    /// Whether `SET CONSTRAINTS` here is the constraint statement rather than a setting named
    /// `constraints` (`SET constraints TO ...`, `SET constraints.x = ...`).
    pub(super) fn at_set_constraints(&self) -> bool {
        self.is_kw_n(1, Kw::Constraints)
            && !(self.is_kw_n(2, Kw::To)
                || self.is_kw_n(2, Kw::From)
                || self.is_char_n(2, '=')
                || self.is_char_n(2, '.'))
    }

    /// `SET CONSTRAINTS {ALL | name, ...} {DEFERRED | IMMEDIATE}`.
    pub(super) fn constraints_set_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Set)?;
        self.expect_kw(Kw::Constraints)?;
        let mut constraints = Vec::new();
        if !self.eat_kw(Kw::All) {
            loop {
                constraints.push(self.qualified_name()?);
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        let deferred = if self.eat_kw(Kw::Deferred) {
            true
        } else {
            self.expect_kw(Kw::Immediate)?;
            false
        };
        Ok(Stmt::ConstraintsSet(ConstraintsSetStmt { constraints, deferred }))
    }

    /// `CHECKPOINT` and `LOAD 'file'`.
    pub(super) fn checkpoint_or_load_stmt(&mut self) -> PgResult<Stmt> {
        if self.eat_kw(Kw::Checkpoint) {
            return Ok(Stmt::Checkpoint);
        }
        self.expect_kw(Kw::Load)?;
        Ok(Stmt::Load { filename: self.sconst()? })
    }

    /// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]`.
    pub(super) fn refresh_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Refresh)?;
        self.expect_kw(Kw::Materialized)?;
        self.expect_kw(Kw::View)?;
        let concurrent = self.eat_kw(Kw::Concurrently);
        let relation = self.qualified_name()?;
        let mut skip_data = false;
        if self.eat_kw(Kw::With) {
            skip_data = self.eat_kw(Kw::No);
            self.expect_kw(Kw::Data)?;
        }
        Ok(Stmt::RefreshMatView(RefreshMatViewStmt { concurrent, skip_data, relation }))
    }
}
