//! The grammar of CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.
//!
//! PostgreSQL source area: gram.y `CreateStmt`, `ColumnDef`, `Constraint`, `IndexStmt`, `CreateSeqStmt`, `ViewStmt`, `CreateTableAsStmt`.
//!
//! The pieces other families call (`pub(super)`): [`Parser::column_def`],
//! [`Parser::table_constraint`], [`Parser::col_qual_list`], [`Parser::seq_option_list`],
//! [`Parser::seq_option`], [`Parser::reloptions`], [`Parser::opt_reloptions`],
//! [`Parser::create_generic_options`], [`Parser::partition_bound_spec`],
//! [`Parser::index_elem`], [`Parser::cas_bits`].

use super::*;

/// The bits of a constraint's attribute list (`ConstraintAttributeSpec`), as written.
#[derive(Clone, Copy, Default)]
pub(super) struct CasBits {
    /// DEFERRABLE.
    pub(super) deferrable: bool,
    /// NOT DEFERRABLE.
    pub(super) not_deferrable: bool,
    /// INITIALLY DEFERRED.
    pub(super) initially_deferred: bool,
    /// INITIALLY IMMEDIATE.
    pub(super) initially_immediate: bool,
    /// NOT VALID.
    pub(super) not_valid: bool,
    /// NO INHERIT.
    pub(super) no_inherit: bool,
}

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a table, foreign table, index, sequence, view or materialized view (with CREATE TABLE AS and SELECT ... INTO's sibling forms); otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_table_family(&mut self) -> PgResult<Option<Stmt>> {
        // `CREATE OR` takes only REPLACE, whichever family's statement follows.
        if self.is_kw_n(1, Kw::Or) && !self.is_kw_n(2, Kw::Replace) {
            return Err(self.error_at_token(self.pos + 2));
        }
        let or_replace = self.is_kw_n(1, Kw::Or);
        let n = if or_replace { 3 } else { 1 };
        // A persistence word (OptTemp) is followed only by this family's objects.
        let ours = match self.word_at(n) {
            Some(Kw::Global | Kw::Local | Kw::Temp | Kw::Temporary | Kw::Unlogged) => true,
            Some(Kw::Table | Kw::Sequence | Kw::View | Kw::Index | Kw::Unique | Kw::Recursive | Kw::Materialized) => {
                true
            }
            Some(Kw::Foreign) => !self.is_kw_n(n + 1, Kw::Data),
            _ => false,
        };
        if !ours {
            return Ok(None);
        }
        self.expect_kw(Kw::Create)?;
        if or_replace {
            self.advance();
            self.advance();
        }
        let before_temp = self.pos;
        let persistence = self.opt_temp()?;
        let temp = self.pos != before_temp;
        // Prefixes an object does not take are syntax errors at the object's keyword.
        let stmt = match self.word_at(0) {
            Some(Kw::Table) if !or_replace => self.create_table_rest(persistence)?,
            Some(Kw::Sequence) if !or_replace => self.create_seq_rest(persistence)?,
            Some(Kw::View | Kw::Recursive) => self.create_view_rest(persistence, or_replace)?,
            Some(Kw::Materialized) if !or_replace && (!temp || persistence == 'u') => {
                self.create_matview_rest(persistence)?
            }
            Some(Kw::Foreign) if !or_replace && !temp => self.create_foreign_table_rest()?,
            Some(Kw::Index | Kw::Unique) if !or_replace && !temp => self.create_index_rest()?,
            _ => return self.err(),
        };
        Ok(Some(stmt))
    }

    /// `OptTemp`: the persistence of a new relation (`'p'`, `'t'`, `'u'`). `GLOBAL TEMP` warns,
    /// as PostgreSQL does.
    fn opt_temp(&mut self) -> PgResult<char> {
        if matches!(self.word_at(0), Some(Kw::Global | Kw::Local)) {
            if !matches!(self.word_at(1), Some(Kw::Temp | Kw::Temporary)) {
                return Err(self.error_at_token(self.pos + 1));
            }
            if self.is_kw(Kw::Global) {
                let warning = PgError::notice(
                    pg_error::Severity::Warning,
                    SqlState::WARNING,
                    "GLOBAL is deprecated in temporary table creation",
                );
                pg_error::notice::emit_notice(warning.with_position(lexer::char_position(self.sql, self.loc())));
            }
            self.advance();
            self.advance();
            return Ok('t');
        }
        if self.eat_kw(Kw::Temp) || self.eat_kw(Kw::Temporary) {
            return Ok('t');
        }
        if self.eat_kw(Kw::Unlogged) {
            return Ok('u');
        }
        Ok('p')
    }

    /// Whether the current token is WITH as the grammar sees it: parser.c turns WITH before
    /// TIME or ORDINALITY into WITH_LA, which none of these statements' clauses take.
    fn at_with(&self) -> bool {
        self.is_kw(Kw::With) && !matches!(self.word_at(1), Some(Kw::Time | Kw::Ordinality))
    }

    /// Whether the current token is parser.c's NOT_LA (NOT before BETWEEN, IN, LIKE, ILIKE or
    /// SIMILAR), which begins no constraint or attribute.
    pub(super) fn at_not_la(&self) -> bool {
        self.at_not_la_n(0)
    }

    /// [`Parser::at_not_la`] at the `n`th token from here.
    pub(super) fn at_not_la_n(&self, n: usize) -> bool {
        self.is_kw_n(n, Kw::Not)
            && matches!(self.word_at(n + 1), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar))
    }

    /// Whether the current token is parser.c's NULLS_LA (NULLS before FIRST or LAST), which is
    /// never a name.
    fn at_nulls_la(&self) -> bool {
        self.is_kw(Kw::Nulls) && matches!(self.word_at(1), Some(Kw::First | Kw::Last))
    }

    /// Consumes WITH (not WITH_LA) when it is there.
    fn eat_with(&mut self) -> bool {
        let with = self.at_with();
        if with {
            self.advance();
        }
        with
    }

    /// WITH (not WITH_LA), or a syntax error here.
    fn expect_with(&mut self) -> PgResult<()> {
        if self.eat_with() {
            Ok(())
        } else {
            self.err()
        }
    }

    /// `IF NOT EXISTS` before a new relation's name. IF is an unreserved word, so a name `if`
    /// is possible: IF begins the clause only when NOT follows, as bison's lookahead decides.
    fn if_not_exists_before_name(&mut self) -> PgResult<bool> {
        if self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Not) && !self.at_not_la_n(1) {
            return self.opt_if_not_exists();
        }
        Ok(false)
    }

    /// After `CREATE [temp]` at `TABLE`: a table with columns, `OF type`, `PARTITION OF`, or
    /// CREATE TABLE AS.
    fn create_table_rest(&mut self, persistence: char) -> PgResult<Stmt> {
        self.expect_kw(Kw::Table)?;
        let if_not_exists = self.if_not_exists_before_name()?;
        let mut relation = self.qualified_name()?;
        relation.persistence = persistence;
        let mut c = new_create_stmt(relation, if_not_exists);
        if self.eat_kw(Kw::Of) {
            c.of_type = Some(self.any_name_type()?);
            c.table_elts = self.opt_typed_table_elements()?;
        } else if self.is_kw(Kw::Partition) {
            self.advance();
            self.expect_kw(Kw::Of)?;
            c.inh_relations = vec![self.qualified_name()?];
            c.table_elts = self.opt_typed_table_elements()?;
            c.partbound = Some(self.partition_bound_spec()?);
        } else if self.is_char('(') && !self.column_list_follows() {
            self.table_elements_and_inherits(&mut c)?;
        } else {
            return self.create_table_as_rest(c.relation, if_not_exists);
        }
        c.partspec = self.opt_partition_spec()?;
        c.access_method = self.opt_using_name()?;
        c.options = self.opt_with_or_without_oids()?;
        c.on_commit = self.on_commit_option()?;
        c.tablespace = self.opt_tablespace()?;
        Ok(Stmt::CreateTable(Box::new(c)))
    }

    /// `'(' OptTableElementList ')' OptInherit`.
    fn table_elements_and_inherits(&mut self, c: &mut CreateStmt) -> PgResult<()> {
        self.expect_char('(')?;
        if !self.is_char(')') {
            loop {
                c.table_elts.push(self.table_element()?);
                self.tick()?;
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        self.expect_char(')')?;
        if self.eat_kw(Kw::Inherits) {
            self.expect_char('(')?;
            c.inh_relations = self.qualified_name_list()?;
            self.expect_char(')')?;
        }
        Ok(())
    }

    /// Whether the `(` at the current token opens the column-name list of CREATE TABLE AS
    /// (`(a, b)`) rather than a table's elements: a name followed by `,` or `)` can only be that,
    /// since a column definition has a type.
    fn column_list_follows(&self) -> bool {
        Self::token_is_ident_with(self.peek_n(1), Self::col_id_ok) && (self.is_char_n(2, ',') || self.is_char_n(2, ')'))
    }

    /// `CREATE TABLE name [(cols)] [USING m] [WITH (...)] [ON COMMIT ...] [TABLESPACE t] AS
    /// {query | EXECUTE name(args)} [WITH [NO] DATA]`, after the name.
    fn create_table_as_rest(&mut self, rel: RangeVar, if_not_exists: bool) -> PgResult<Stmt> {
        let col_names = self.opt_column_list()?;
        let access_method = self.opt_using_name()?;
        let options = self.opt_with_or_without_oids()?;
        let on_commit = self.on_commit_option()?;
        let tablespace = self.opt_tablespace()?;
        let into = IntoClause { rel, col_names, access_method, options, on_commit, tablespace, skip_data: false };
        self.expect_kw(Kw::As)?;
        let query = if self.eat_kw(Kw::Execute) {
            let name = self.col_id()?;
            let params = if self.is_char('(') { self.paren_expr_list()? } else { Vec::new() };
            CtasQuery::Execute { name, params }
        } else {
            CtasQuery::Select(self.select_stmt()?)
        };
        let mut stmt = CreateTableAsStmt { query, into, kind: CtasKind::Table, if_not_exists };
        stmt.into.skip_data = self.opt_with_data()?;
        Ok(Stmt::CreateTableAs(Box::new(stmt)))
    }

    /// `opt_with_data`: WITH DATA (false), WITH NO DATA (true), nothing (false).
    fn opt_with_data(&mut self) -> PgResult<bool> {
        if self.eat_with() {
            if self.eat_kw(Kw::Data) {
                return Ok(false);
            }
            self.expect_kw(Kw::No)?;
            self.expect_kw(Kw::Data)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// `opt_column_list`: `(name, ...)` or nothing.
    fn opt_column_list(&mut self) -> PgResult<Vec<String>> {
        if self.eat_char('(') {
            let v = self.name_list()?;
            self.expect_char(')')?;
            return Ok(v);
        }
        Ok(Vec::new())
    }

    /// `'(' columnList ')'`.
    fn paren_column_list(&mut self) -> PgResult<Vec<String>> {
        self.expect_char('(')?;
        let v = self.name_list()?;
        self.expect_char(')')?;
        Ok(v)
    }

    /// `qualified_name_list`.
    fn qualified_name_list(&mut self) -> PgResult<Vec<RangeVar>> {
        self.comma_list(Self::qualified_name)
    }

    /// `any_name` as a type (`OF type_name`).
    fn any_name_type(&mut self) -> PgResult<TypeName> {
        let loc = self.loc();
        let names = self.any_name()?;
        Ok(TypeName {
            names,
            typmods: Vec::new(),
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(loc),
        })
    }

    /// `USING name` (table_access_method_clause), or nothing.
    fn opt_using_name(&mut self) -> PgResult<Option<String>> {
        if self.eat_kw(Kw::Using) {
            return Ok(Some(self.col_id()?));
        }
        Ok(None)
    }

    /// `TABLESPACE name`, or nothing.
    fn opt_tablespace(&mut self) -> PgResult<Option<String>> {
        if self.eat_kw(Kw::Tablespace) {
            return Ok(Some(self.col_id()?));
        }
        Ok(None)
    }

    /// `OptWith`: `WITH (reloptions)`, `WITHOUT OIDS` (nothing), or nothing.
    fn opt_with_or_without_oids(&mut self) -> PgResult<Vec<DefElem>> {
        if self.eat_kw(Kw::Without) {
            self.expect_kw(Kw::Oids)?;
            return Ok(Vec::new());
        }
        self.opt_reloptions()
    }

    /// `OnCommitOption`.
    fn on_commit_option(&mut self) -> PgResult<OnCommit> {
        if !self.eat_kw(Kw::On) {
            return Ok(OnCommit::Noop);
        }
        self.expect_kw(Kw::Commit)?;
        if self.eat_kw(Kw::Drop) {
            return Ok(OnCommit::Drop);
        }
        let on_commit = if self.eat_kw(Kw::Delete) {
            OnCommit::DeleteRows
        } else {
            self.expect_kw(Kw::Preserve)?;
            OnCommit::PreserveRows
        };
        self.expect_kw(Kw::Rows)?;
        Ok(on_commit)
    }

    /// `OptPartitionSpec`: `PARTITION BY strategy (key, ...)`, or nothing.
    fn opt_partition_spec(&mut self) -> PgResult<Option<PartitionSpec>> {
        if !self.is_kw(Kw::Partition) {
            return Ok(None);
        }
        let location = Location(self.loc());
        self.advance();
        self.expect_kw(Kw::By)?;
        let strategy = self.col_id()?;
        self.expect_char('(')?;
        let mut params = Vec::new();
        loop {
            let loc = self.loc();
            let key = self.index_key()?;
            let collation = self.opt_collate()?;
            let opclass = if self.is_col_id() { self.any_name()? } else { Vec::new() };
            params.push(PartitionElem { key, collation, opclass, location: Location(loc) });
            self.tick()?;
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(Some(PartitionSpec { strategy, params, location }))
    }

    /// The column or expression of an index element or partition key: `col`, `(expr)`, or a
    /// function call.
    fn index_key(&mut self) -> PgResult<IndexKey> {
        if self.is_char('(') {
            return Ok(IndexKey::Expr(self.paren_a_expr()?));
        }
        // NULLS before FIRST / LAST is parser.c's NULLS_LA, never a name.
        if self.at_nulls_la() {
            return self.err();
        }
        // `COLLATION FOR (expr)` is a function of the expression grammar.
        let collation_for = self.is_kw(Kw::Collation) && self.is_kw_n(1, Kw::For);
        if self.is_col_id() && !self.is_char_n(1, '(') && !self.is_char_n(1, '.') && !collation_for
            || self.col_name_keyword_not_function()
        {
            return Ok(IndexKey::Column(self.col_id()?));
        }
        // A function call (`func_expr_windowless`); a qualified name without one is an error
        // where its `(` is missing.
        let k = Self::kw_of(self.peek());
        if !collation_for
            && k.is_none_or(|k| {
                k.category != KeywordCategory::Reserved
                    && (k.category != KeywordCategory::ColName || self.is_char_n(1, '.'))
            })
        {
            return Ok(IndexKey::Expr(self.windowless_call()?));
        }
        // The reserved words that begin a function of SQL syntax; any other (NULL, TRUE, ...)
        // cannot begin an index key.
        let reserved_function = k.is_some_and(|k| k.kw == Kw::Cast || is_sql_value_function(k.kw));
        if k.is_some_and(|k| k.category == KeywordCategory::Reserved) && !reserved_function {
            return self.err();
        }
        let e = self.c_expr()?;
        match &e.kind {
            ExprKind::FuncCall(f) if f.over.is_none() => Ok(IndexKey::Expr(e)),
            ExprKind::Coalesce(_)
            | ExprKind::MinMax { .. }
            | ExprKind::NullIf(..)
            | ExprKind::SqlValueFunction { .. }
            | ExprKind::TypeCast { .. } => Ok(IndexKey::Expr(e)),
            _ => self.err(),
        }
    }

    /// `func_application` without what may follow a call in an expression (OVER, FILTER,
    /// WITHIN GROUP): after an index key, `over` would be an operator class.
    fn windowless_call(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        // func_name: a type_function_name alone, or a ColId with attributes (`s.f`).
        let qualifiable = self.is_col_id();
        let mut name = vec![self.ident_with(|c| c != KeywordCategory::Reserved)?];
        while qualifiable && self.eat_char('.') {
            if self.at_nulls_la() {
                return self.err();
            }
            name.push(self.col_label()?);
        }
        self.expect_char('(')?;
        let mut f = Box::new(FuncCall::plain(name, Vec::new()));
        self.func_args(&mut f)?;
        self.expect_char(')')?;
        Ok(Expr::new(ExprKind::FuncCall(f), loc))
    }

    /// Whether the current token is a column-name keyword that cannot name a function
    /// (`row`, `int`, `values`): before `(` it is still a column, and the `(` the error.
    fn col_name_keyword_not_function(&self) -> bool {
        let Some(k) = Self::kw_of(self.peek()) else { return false };
        // Before `.` it is a ColId beginning a qualified function name (`values.f(x)`).
        k.category == KeywordCategory::ColName
            && !self.is_char_n(1, '.')
            // XMLTABLE begins a function in FROM only.
            && !(is_col_name_function(k.kw) && k.kw != Kw::Xmltable)
    }

    /// `opt_collate`: `COLLATE any_name`, or nothing.
    fn opt_collate(&mut self) -> PgResult<Vec<String>> {
        if self.eat_kw(Kw::Collate) {
            if self.at_nulls_la() {
                return self.err();
            }
            return self.any_name();
        }
        Ok(Vec::new())
    }

    /// `index_elem`: `{col | (expr) | func(...)} [COLLATE c] [opclass [(params)]] [ASC | DESC]
    /// [NULLS FIRST | LAST]`.
    pub(super) fn index_elem(&mut self) -> PgResult<IndexElem> {
        let key = self.index_key()?;
        let collation = self.opt_collate()?;
        let (opclass, opclass_options) = if self.is_col_id() && !self.at_nulls_la() {
            let name = self.any_name()?;
            let params = if self.is_char('(') { self.reloptions()? } else { Vec::new() };
            (name, params)
        } else {
            (Vec::new(), Vec::new())
        };
        let ordering = if self.eat_kw(Kw::Asc) {
            SortDir::Asc
        } else if self.eat_kw(Kw::Desc) {
            SortDir::Desc
        } else {
            SortDir::Default
        };
        let nulls = if self.at_nulls_la() {
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
        Ok(IndexElem { key, collation, opclass, opclass_options, ordering, nulls })
    }

    /// `'(' index_elem, ... ')'`.
    fn index_elem_list(&mut self) -> PgResult<Vec<IndexElem>> {
        self.expect_char('(')?;
        let mut v = vec![self.index_elem()?];
        while self.eat_char(',') {
            self.tick()?;
            v.push(self.index_elem()?);
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `PartitionBoundSpec`: `FOR VALUES {IN (...) | FROM (...) TO (...) | WITH (MODULUS m,
    /// REMAINDER r)}` or `DEFAULT`.
    pub(super) fn partition_bound_spec(&mut self) -> PgResult<PartitionBoundSpec> {
        if self.eat_kw(Kw::Default) {
            return Ok(PartitionBoundSpec::Default);
        }
        self.expect_kw(Kw::For)?;
        self.expect_kw(Kw::Values)?;
        if self.eat_kw(Kw::In) {
            return Ok(PartitionBoundSpec::List(self.paren_expr_list()?));
        }
        if self.eat_kw(Kw::From) {
            let from = self.paren_expr_list()?;
            self.expect_kw(Kw::To)?;
            let to = self.paren_expr_list()?;
            return Ok(PartitionBoundSpec::Range { from, to });
        }
        self.expect_with()?;
        self.expect_char('(')?;
        // The list is read whole before it is checked, as gram.y's action runs at its end.
        let mut elems = Vec::new();
        loop {
            let loc = self.loc();
            let name = self.non_reserved_word()?;
            elems.push((name, self.iconst()?, loc));
            self.tick()?;
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        let (mut modulus, mut remainder) = (None, None);
        for (name, value, loc) in elems {
            let slot = match name.as_str() {
                "modulus" => &mut modulus,
                "remainder" => &mut remainder,
                _ => {
                    return Err(PgError::syntax(
                        format!("unrecognized hash partition bound specification \"{name}\""),
                        lexer::char_position(self.sql, loc),
                    ))
                }
            };
            if slot.is_some() {
                return Err(PgError::new(
                    SqlState::DUPLICATE_OBJECT,
                    format!("{name} for hash partition provided more than once"),
                )
                .with_position(lexer::char_position(self.sql, loc)));
            }
            *slot = Some(value);
        }
        let missing =
            |what: &str| PgError::new(SqlState::SYNTAX_ERROR, format!("{what} for hash partition must be specified"));
        let modulus = modulus.ok_or_else(|| missing("modulus"))?;
        let remainder = remainder.ok_or_else(|| missing("remainder"))?;
        Ok(PartitionBoundSpec::Hash { modulus, remainder })
    }

    /// `OptTypedTableElementList`: `(column options or table constraints, ...)`, or nothing.
    fn opt_typed_table_elements(&mut self) -> PgResult<Vec<TableElement>> {
        let mut v = Vec::new();
        if !self.eat_char('(') {
            return Ok(v);
        }
        loop {
            if self.table_constraint_follows() {
                v.push(TableElement::Constraint(self.table_constraint()?));
            } else {
                let location = Location(self.loc());
                let name = self.col_id()?;
                if self.eat_with() {
                    self.expect_kw(Kw::Options)?;
                }
                let (constraints, collation) = self.col_qual_list()?;
                v.push(TableElement::Column(ColumnDef {
                    name,
                    type_name: None,
                    compression: None,
                    collation,
                    fdw_options: Vec::new(),
                    constraints,
                    location,
                }));
            }
            self.tick()?;
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// Whether a table constraint starts at the current token.
    fn table_constraint_follows(&self) -> bool {
        match self.word_at(0) {
            Some(Kw::Constraint | Kw::Check | Kw::Unique | Kw::Primary | Kw::Foreign) => true,
            Some(Kw::Exclude) => self.is_char_n(1, '(') || self.is_kw_n(1, Kw::Using),
            _ => false,
        }
    }

    /// `TableElement`: a column definition, a table constraint or `LIKE`.
    fn table_element(&mut self) -> PgResult<TableElement> {
        if self.table_constraint_follows() {
            return Ok(TableElement::Constraint(self.table_constraint()?));
        }
        if self.eat_kw(Kw::Like) {
            let relation = self.qualified_name()?;
            let mut options = 0u32;
            loop {
                let including = if self.eat_kw(Kw::Including) {
                    true
                } else if self.eat_kw(Kw::Excluding) {
                    false
                } else {
                    break;
                };
                let bit = if self.eat_kw(Kw::All) {
                    like_option::ALL
                } else {
                    let word = self.word_at(0).map(|k| k.word().to_uppercase());
                    match like_option::NAMED.iter().find(|(w, _)| Some(*w) == word.as_deref()) {
                        Some((_, bit)) => {
                            self.advance();
                            *bit
                        }
                        None => return self.err(),
                    }
                };
                if including {
                    options |= bit;
                } else {
                    options &= !bit;
                }
            }
            return Ok(TableElement::Like(TableLikeClause { relation, options }));
        }
        Ok(TableElement::Column(self.column_def()?))
    }

    /// `columnDef`: `name type [COMPRESSION c] [OPTIONS (...)] [COLLATE c | constraint ...]`.
    pub(super) fn column_def(&mut self) -> PgResult<ColumnDef> {
        let location = Location(self.loc());
        let name = self.col_id()?;
        let type_name = Some(self.type_name()?);
        let compression = if self.eat_kw(Kw::Compression) {
            Some(if self.eat_kw(Kw::Default) { "default".to_string() } else { self.col_id()? })
        } else {
            None
        };
        let fdw_options = self.create_generic_options()?;
        let (constraints, collation) = self.col_qual_list()?;
        Ok(ColumnDef { name, type_name, compression, collation, fdw_options, constraints, location })
    }

    /// `ColQualList`: column constraints, constraint attributes and one `COLLATE`, in any
    /// order (as CREATE DOMAIN also takes them). Returns the constraints and the collation.
    pub(super) fn col_qual_list(&mut self) -> PgResult<(Vec<Constraint>, Option<Vec<String>>)> {
        let mut constraints = Vec::new();
        let mut collation: Option<Vec<String>> = None;
        // A second COLLATE is refused once the list is read (gram.y's SplitColQualList), so a
        // syntax error later in the list comes first.
        let mut second_collate = None;
        loop {
            let loc = self.loc();
            if self.eat_kw(Kw::Collate) {
                let name = self.any_name()?;
                if collation.is_some() {
                    second_collate.get_or_insert(loc);
                }
                collation = Some(name);
                continue;
            }
            let attr = match (self.word_at(0), self.word_at(1)) {
                (Some(Kw::Deferrable), _) => Some((1, ConstraintKind::AttrDeferrable)),
                (Some(Kw::Not), Some(Kw::Deferrable)) => Some((2, ConstraintKind::AttrNotDeferrable)),
                (Some(Kw::Initially), Some(Kw::Deferred)) => Some((2, ConstraintKind::AttrDeferred)),
                (Some(Kw::Initially), _) => Some((2, ConstraintKind::AttrImmediate)),
                _ => None,
            };
            if let Some((words, kind)) = attr {
                if kind == ConstraintKind::AttrImmediate {
                    self.advance();
                    self.expect_kw(Kw::Immediate)?;
                } else {
                    for _ in 0..words {
                        self.advance();
                    }
                }
                constraints.push(new_constraint(None, kind, loc));
                continue;
            }
            let name = if self.eat_kw(Kw::Constraint) { Some(self.col_id()?) } else { None };
            if name.is_none() && !self.column_constraint_follows() {
                break;
            }
            let mut c = self.column_constraint_elem(loc)?;
            c.name = name;
            constraints.push(c);
        }
        if let Some(loc) = second_collate {
            return Err(PgError::syntax("multiple COLLATE clauses not allowed", lexer::char_position(self.sql, loc)));
        }
        Ok((constraints, collation))
    }

    /// Whether a `ColConstraintElem` starts at the current token.
    fn column_constraint_follows(&self) -> bool {
        if self.at_not_la() {
            return false;
        }
        matches!(
            self.word_at(0),
            Some(
                Kw::Not
                    | Kw::Null
                    | Kw::Unique
                    | Kw::Primary
                    | Kw::Check
                    | Kw::Default
                    | Kw::Generated
                    | Kw::References
            )
        )
    }

    /// `ColConstraintElem`.
    fn column_constraint_elem(&mut self, loc: usize) -> PgResult<Constraint> {
        let kind = match self.word_at(0) {
            Some(Kw::Not) => {
                self.advance();
                self.expect_kw(Kw::Null)?;
                ConstraintKind::NotNull
            }
            Some(Kw::Null) => {
                self.advance();
                ConstraintKind::Null
            }
            Some(Kw::Unique) => {
                self.advance();
                let nulls_not_distinct = self.opt_unique_null_treatment()?;
                let options = self.opt_definition()?;
                let index_tablespace = self.opt_cons_tablespace()?;
                ConstraintKind::Unique(IndexConstraint {
                    nulls_not_distinct,
                    options,
                    index_tablespace,
                    ..IndexConstraint::default()
                })
            }
            Some(Kw::Primary) => {
                self.advance();
                self.expect_kw(Kw::Key)?;
                let options = self.opt_definition()?;
                let index_tablespace = self.opt_cons_tablespace()?;
                ConstraintKind::PrimaryKey(IndexConstraint { options, index_tablespace, ..IndexConstraint::default() })
            }
            Some(Kw::Check) => {
                self.advance();
                let expr = self.paren_a_expr()?;
                let mut c = new_constraint(None, ConstraintKind::Check(expr), loc);
                if self.eat_kw(Kw::No) {
                    self.expect_kw(Kw::Inherit)?;
                    c.no_inherit = true;
                }
                return Ok(c);
            }
            Some(Kw::Default) => {
                self.advance();
                ConstraintKind::Default(self.b_expr()?)
            }
            Some(Kw::Generated) => {
                self.advance();
                let when_loc = self.loc();
                let always = if self.eat_kw(Kw::Always) {
                    true
                } else {
                    self.expect_kw(Kw::By)?;
                    self.expect_kw(Kw::Default)?;
                    false
                };
                self.expect_kw(Kw::As)?;
                if self.eat_kw(Kw::Identity) {
                    let options = if self.eat_char('(') {
                        let v = self.seq_option_list()?;
                        self.expect_char(')')?;
                        v
                    } else {
                        Vec::new()
                    };
                    ConstraintKind::Identity { always, options }
                } else {
                    let expr = self.paren_a_expr()?;
                    self.expect_kw(Kw::Stored)?;
                    if !always {
                        return Err(PgError::syntax(
                            "for a generated column, GENERATED ALWAYS must be specified",
                            lexer::char_position(self.sql, when_loc),
                        ));
                    }
                    ConstraintKind::Generated(expr)
                }
            }
            Some(Kw::References) => {
                self.advance();
                ConstraintKind::ForeignKey(self.references_rest(Vec::new())?)
            }
            _ => return self.err(),
        };
        Ok(new_constraint(None, kind, loc))
    }

    /// `opt_unique_null_treatment`: NULLS NOT DISTINCT (true), NULLS DISTINCT, or nothing.
    fn opt_unique_null_treatment(&mut self) -> PgResult<bool> {
        // NULLS before FIRST / LAST is parser.c's NULLS_LA, which this clause does not take.
        if self.is_kw(Kw::Nulls) && !self.at_nulls_la() {
            self.advance();
            let not = self.eat_kw(Kw::Not);
            self.expect_kw(Kw::Distinct)?;
            return Ok(not);
        }
        Ok(false)
    }

    /// `opt_definition`: `WITH (definition)`, or nothing.
    fn opt_definition(&mut self) -> PgResult<Vec<DefElem>> {
        if self.eat_with() {
            return self.definition();
        }
        Ok(Vec::new())
    }

    /// `OptConsTableSpace`: `USING INDEX TABLESPACE name`, or nothing.
    fn opt_cons_tablespace(&mut self) -> PgResult<Option<String>> {
        if self.eat_kw(Kw::Using) {
            self.expect_kw(Kw::Index)?;
            self.expect_kw(Kw::Tablespace)?;
            return Ok(Some(self.col_id()?));
        }
        Ok(None)
    }

    /// `opt_c_include`: `INCLUDE (cols)`, or nothing.
    fn opt_c_include(&mut self) -> PgResult<Vec<String>> {
        if self.eat_kw(Kw::Include) {
            return self.paren_column_list();
        }
        Ok(Vec::new())
    }

    /// After `REFERENCES`: `table [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...]`.
    fn references_rest(&mut self, fk_attrs: Vec<String>) -> PgResult<ForeignKeyConstraint> {
        let pk_table = self.qualified_name()?;
        let pk_attrs = self.opt_column_list()?;
        let match_loc = self.loc();
        let match_type = if self.eat_kw(Kw::Match) {
            if self.eat_kw(Kw::Full) {
                FkMatch::Full
            } else if self.eat_kw(Kw::Partial) {
                return Err(PgError::not_supported("MATCH PARTIAL not yet implemented")
                    .with_position(lexer::char_position(self.sql, match_loc)));
            } else {
                self.expect_kw(Kw::Simple)?;
                FkMatch::Simple
            }
        } else {
            FkMatch::Simple
        };
        let mut fk = ForeignKeyConstraint {
            fk_attrs,
            pk_table,
            pk_attrs,
            match_type,
            update_action: FkAction::NoAction,
            delete_action: FkAction::NoAction,
            delete_set_cols: Vec::new(),
        };
        // key_actions: ON UPDATE and ON DELETE, each at most once, in either order.
        let (mut seen_update, mut seen_delete) = (false, false);
        while self.is_kw(Kw::On) && !(seen_update && seen_delete) {
            let action_loc = self.loc();
            self.advance();
            let update = match self.word_at(0) {
                Some(Kw::Update) if !seen_update => true,
                Some(Kw::Delete) if !seen_delete => false,
                _ => return self.err(),
            };
            self.advance();
            let action = if self.eat_kw(Kw::No) {
                self.expect_kw(Kw::Action)?;
                FkAction::NoAction
            } else if self.eat_kw(Kw::Restrict) {
                FkAction::Restrict
            } else if self.eat_kw(Kw::Cascade) {
                FkAction::Cascade
            } else {
                self.expect_kw(Kw::Set)?;
                let action = if self.eat_kw(Kw::Null) {
                    FkAction::SetNull
                } else {
                    self.expect_kw(Kw::Default)?;
                    FkAction::SetDefault
                };
                if self.is_char('(') {
                    let cols = self.paren_column_list()?;
                    if update {
                        let what = if action == FkAction::SetNull { "SET NULL" } else { "SET DEFAULT" };
                        return Err(PgError::not_supported(format!(
                            "a column list with {what} is only supported for ON DELETE actions"
                        ))
                        .with_position(lexer::char_position(self.sql, action_loc)));
                    }
                    fk.delete_set_cols = cols;
                }
                action
            };
            if update {
                seen_update = true;
                fk.update_action = action;
            } else {
                seen_delete = true;
                fk.delete_action = action;
            }
        }
        Ok(fk)
    }

    /// `TableConstraint`: `[CONSTRAINT name] ConstraintElem`.
    pub(super) fn table_constraint(&mut self) -> PgResult<Constraint> {
        let loc = self.loc();
        let name = if self.eat_kw(Kw::Constraint) { Some(self.col_id()?) } else { None };
        let kind = match self.word_at(0) {
            Some(Kw::Check) => {
                self.advance();
                ConstraintKind::Check(self.paren_a_expr()?)
            }
            Some(Kw::Unique) => {
                self.advance();
                let treatment_loc = self.pos;
                let nulls_not_distinct = self.opt_unique_null_treatment()?;
                // `UNIQUE USING INDEX name` takes no NULLS [NOT] DISTINCT.
                if self.pos != treatment_loc && self.is_kw(Kw::Using) {
                    return self.err();
                }
                let mut ic = self.index_constraint_rest()?;
                ic.nulls_not_distinct = nulls_not_distinct;
                ConstraintKind::Unique(ic)
            }
            Some(Kw::Primary) => {
                self.advance();
                self.expect_kw(Kw::Key)?;
                ConstraintKind::PrimaryKey(self.index_constraint_rest()?)
            }
            Some(Kw::Exclude) => {
                self.advance();
                let access_method = self.opt_using_name()?;
                self.expect_char('(')?;
                let mut elements = Vec::new();
                loop {
                    let elem = self.index_elem()?;
                    self.expect_with()?;
                    let op = if self.is_kw(Kw::Operator) && self.is_char_n(1, '(') {
                        self.operator_construct()?
                    } else {
                        self.any_operator()?
                    };
                    elements.push((elem, op));
                    self.tick()?;
                    if !self.eat_char(',') {
                        break;
                    }
                }
                self.expect_char(')')?;
                let including = self.opt_c_include()?;
                let options = self.opt_definition()?;
                let index_tablespace = self.opt_cons_tablespace()?;
                let where_clause = if self.eat_kw(Kw::Where) { Some(Box::new(self.paren_a_expr()?)) } else { None };
                ConstraintKind::Exclusion(ExclusionConstraint {
                    access_method,
                    elements,
                    including,
                    options,
                    index_tablespace,
                    where_clause,
                })
            }
            Some(Kw::Foreign) => {
                self.advance();
                self.expect_kw(Kw::Key)?;
                let fk_attrs = self.paren_column_list()?;
                self.expect_kw(Kw::References)?;
                ConstraintKind::ForeignKey(self.references_rest(fk_attrs)?)
            }
            _ => return self.err(),
        };
        let mut c = new_constraint(name, kind, loc);
        self.constraint_attribute_spec(&mut c)?;
        Ok(c)
    }

    /// The rest of a table UNIQUE / PRIMARY KEY: `(cols) [INCLUDE (cols)] [WITH (...)]
    /// [USING INDEX TABLESPACE t]`, or `USING INDEX name`.
    fn index_constraint_rest(&mut self) -> PgResult<IndexConstraint> {
        if self.eat_kw(Kw::Using) {
            self.expect_kw(Kw::Index)?;
            let index_name = Some(self.col_id()?);
            return Ok(IndexConstraint { index_name, ..IndexConstraint::default() });
        }
        let keys = self.paren_column_list()?;
        let including = self.opt_c_include()?;
        let options = self.opt_definition()?;
        let index_tablespace = self.opt_cons_tablespace()?;
        Ok(IndexConstraint { keys, including, options, index_tablespace, ..IndexConstraint::default() })
    }

    /// `ConstraintAttributeSpec`: the attribute list, with gram.y's checks for conflicting
    /// attributes (42601 at the attribute that conflicts).
    pub(super) fn cas_bits(&mut self) -> PgResult<CasBits> {
        let mut bits = CasBits::default();
        loop {
            let loc = self.loc();
            match self.word_at(0) {
                Some(Kw::Deferrable) => {
                    self.advance();
                    bits.deferrable = true;
                }
                Some(Kw::Not) if !self.at_not_la() => {
                    self.advance();
                    if self.eat_kw(Kw::Deferrable) {
                        bits.not_deferrable = true;
                    } else {
                        self.expect_kw(Kw::Valid)?;
                        bits.not_valid = true;
                    }
                }
                Some(Kw::Initially) => {
                    self.advance();
                    if self.eat_kw(Kw::Deferred) {
                        bits.initially_deferred = true;
                    } else {
                        self.expect_kw(Kw::Immediate)?;
                        bits.initially_immediate = true;
                    }
                }
                Some(Kw::No) => {
                    self.advance();
                    self.expect_kw(Kw::Inherit)?;
                    bits.no_inherit = true;
                }
                _ => break,
            }
            let at = lexer::char_position(self.sql, loc);
            if bits.deferrable && bits.not_deferrable || bits.initially_deferred && bits.initially_immediate {
                return Err(PgError::syntax("conflicting constraint properties", at));
            }
            if bits.initially_deferred && bits.not_deferrable {
                return Err(PgError::syntax("constraint declared INITIALLY DEFERRED must be DEFERRABLE", at));
            }
        }
        Ok(bits)
    }

    /// `ConstraintAttributeSpec` of a table constraint, checked and applied as gram.y's
    /// `processCASbits` does.
    fn constraint_attribute_spec(&mut self, c: &mut Constraint) -> PgResult<()> {
        let bits = self.cas_bits()?;
        let what = match &c.kind {
            ConstraintKind::Check(_) => "CHECK",
            ConstraintKind::Unique(_) => "UNIQUE",
            ConstraintKind::PrimaryKey(_) => "PRIMARY KEY",
            ConstraintKind::Exclusion(_) => "EXCLUDE",
            _ => "FOREIGN KEY",
        };
        let check = matches!(c.kind, ConstraintKind::Check(_));
        let fk = matches!(c.kind, ConstraintKind::ForeignKey(_));
        let refuse =
            |property: &str| Err(PgError::not_supported(format!("{what} constraints cannot be marked {property}")));
        if check && (bits.deferrable || bits.initially_deferred) {
            return refuse("DEFERRABLE");
        }
        if !check && !fk && bits.not_valid {
            return refuse("NOT VALID");
        }
        if !check && bits.no_inherit {
            return refuse("NO INHERIT");
        }
        c.deferrable = bits.deferrable || bits.initially_deferred;
        c.initially_deferred = bits.initially_deferred;
        c.not_valid = bits.not_valid;
        c.no_inherit = bits.no_inherit;
        Ok(())
    }

    /// `reloptions`: `(name [= value], ns.name [= value], ...)`.
    pub(super) fn reloptions(&mut self) -> PgResult<Vec<DefElem>> {
        self.expect_char('(')?;
        let mut v = Vec::new();
        loop {
            let location = Location(self.loc());
            let mut name = self.col_label()?;
            let mut namespace = None;
            if self.eat_char('.') {
                namespace = Some(name);
                name = self.col_label()?;
            }
            let arg = if self.eat_char('=') { Some(self.def_arg()?) } else { None };
            v.push(DefElem { namespace, name, arg, location });
            self.tick()?;
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `opt_reloptions`: `WITH (reloptions)`, or nothing.
    pub(super) fn opt_reloptions(&mut self) -> PgResult<Vec<DefElem>> {
        if self.eat_with() {
            return self.reloptions();
        }
        Ok(Vec::new())
    }

    /// `create_generic_options`: `OPTIONS (name 'value', ...)`, or nothing.
    pub(super) fn create_generic_options(&mut self) -> PgResult<Vec<DefElem>> {
        let mut v = Vec::new();
        if !self.eat_kw(Kw::Options) {
            return Ok(v);
        }
        self.expect_char('(')?;
        loop {
            let location = Location(self.loc());
            let name = self.col_label()?;
            let arg = Some(DefArg::String(self.sconst()?));
            v.push(DefElem { namespace: None, name, arg, location });
            self.tick()?;
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `SeqOptList`: one or more sequence options.
    pub(super) fn seq_option_list(&mut self) -> PgResult<Vec<SeqOption>> {
        let mut v = vec![self.seq_option()?];
        while self.seq_option_follows() {
            v.push(self.seq_option()?);
        }
        Ok(v)
    }

    /// Whether a sequence option starts at the current token.
    fn seq_option_follows(&self) -> bool {
        matches!(
            self.word_at(0),
            Some(
                Kw::As
                    | Kw::Cache
                    | Kw::Cycle
                    | Kw::Increment
                    | Kw::Maxvalue
                    | Kw::Minvalue
                    | Kw::No
                    | Kw::Owned
                    | Kw::Sequence
                    | Kw::Start
                    | Kw::Restart
                    | Kw::Logged
                    | Kw::Unlogged
            )
        )
    }

    /// `SeqOptElem`: one sequence option.
    pub(super) fn seq_option(&mut self) -> PgResult<SeqOption> {
        let Some(word) = self.word_at(0) else { return self.err() };
        self.advance();
        Ok(match word {
            Kw::As => SeqOption::As(self.simple_type_name(false)?),
            Kw::Cache => SeqOption::Cache(self.numeric_only()?),
            Kw::Cycle => SeqOption::Cycle(true),
            Kw::Increment => {
                let _ = self.eat_kw(Kw::By);
                SeqOption::Increment(self.numeric_only()?)
            }
            Kw::Maxvalue => SeqOption::MaxValue(Some(self.numeric_only()?)),
            Kw::Minvalue => SeqOption::MinValue(Some(self.numeric_only()?)),
            Kw::No => match self.word_at(0) {
                Some(Kw::Cycle) => {
                    self.advance();
                    SeqOption::Cycle(false)
                }
                Some(Kw::Maxvalue) => {
                    self.advance();
                    SeqOption::MaxValue(None)
                }
                Some(Kw::Minvalue) => {
                    self.advance();
                    SeqOption::MinValue(None)
                }
                _ => return self.err(),
            },
            Kw::Owned => {
                self.expect_kw(Kw::By)?;
                SeqOption::OwnedBy(self.any_name()?)
            }
            Kw::Sequence => {
                self.expect_kw(Kw::Name)?;
                SeqOption::SequenceName(self.any_name()?)
            }
            Kw::Start => {
                let _ = self.eat_with();
                SeqOption::Start(self.numeric_only()?)
            }
            Kw::Restart => {
                if self.eat_with() {
                    return Ok(SeqOption::Restart(Some(self.numeric_only()?)));
                }
                if matches!(self.peek().kind, TokenKind::Iconst(_) | TokenKind::Fconst(_) | TokenKind::Char('+' | '-'))
                {
                    SeqOption::Restart(Some(self.numeric_only()?))
                } else {
                    SeqOption::Restart(None)
                }
            }
            Kw::Logged => SeqOption::Logged(true),
            Kw::Unlogged => SeqOption::Logged(false),
            _ => {
                self.pos -= 1;
                return self.err();
            }
        })
    }

    /// After `CREATE FOREIGN`: `TABLE [IF NOT EXISTS] name {(...) [INHERITS (...)] | PARTITION
    /// OF parent [(...)] bound} SERVER s [OPTIONS (...)]`.
    fn create_foreign_table_rest(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Foreign)?;
        self.expect_kw(Kw::Table)?;
        let if_not_exists = self.if_not_exists_before_name()?;
        let relation = self.qualified_name()?;
        let mut c = new_create_stmt(relation, if_not_exists);
        if self.eat_kw(Kw::Partition) {
            self.expect_kw(Kw::Of)?;
            c.inh_relations = vec![self.qualified_name()?];
            c.table_elts = self.opt_typed_table_elements()?;
            c.partbound = Some(self.partition_bound_spec()?);
        } else {
            self.table_elements_and_inherits(&mut c)?;
        }
        self.expect_kw(Kw::Server)?;
        let server = self.col_id()?;
        let options = self.create_generic_options()?;
        Ok(Stmt::CreateForeignTable(Box::new(CreateForeignTableStmt { base: c, server, options })))
    }

    /// After `CREATE`: `[UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table ...`.
    fn create_index_rest(&mut self) -> PgResult<Stmt> {
        let unique = self.eat_kw(Kw::Unique);
        self.expect_kw(Kw::Index)?;
        let concurrent = self.eat_kw(Kw::Concurrently);
        let if_not_exists = self.if_not_exists_before_name()?;
        let idxname = if if_not_exists || !self.is_kw(Kw::On) { Some(self.col_id()?) } else { None };
        self.expect_kw(Kw::On)?;
        let relation = self.relation_expr()?;
        let access_method = self.opt_using_name()?;
        let index_params = self.index_elem_list()?;
        let including = if self.eat_kw(Kw::Include) { self.index_elem_list()? } else { Vec::new() };
        let nulls_not_distinct = self.opt_unique_null_treatment()?;
        let options = self.opt_reloptions()?;
        let tablespace = self.opt_tablespace()?;
        let where_clause = if self.eat_kw(Kw::Where) { Some(self.a_expr()?) } else { None };
        Ok(Stmt::Index(Box::new(IndexStmt {
            idxname,
            relation,
            access_method,
            index_params,
            including,
            options,
            tablespace,
            where_clause,
            unique,
            nulls_not_distinct,
            concurrent,
            if_not_exists,
        })))
    }

    /// After `CREATE [temp]`: `SEQUENCE [IF NOT EXISTS] name [options]`.
    fn create_seq_rest(&mut self, persistence: char) -> PgResult<Stmt> {
        self.expect_kw(Kw::Sequence)?;
        let if_not_exists = self.if_not_exists_before_name()?;
        let mut sequence = self.qualified_name()?;
        sequence.persistence = persistence;
        let options = if self.seq_option_follows() { self.seq_option_list()? } else { Vec::new() };
        Ok(Stmt::CreateSeq(Box::new(CreateSeqStmt { sequence, options, if_not_exists })))
    }

    /// After `CREATE [OR REPLACE] [temp]`: `[RECURSIVE] VIEW name [(cols)] [WITH (...)] AS query
    /// [WITH [CASCADED | LOCAL] CHECK OPTION]`.
    fn create_view_rest(&mut self, persistence: char, replace: bool) -> PgResult<Stmt> {
        let recursive = self.eat_kw(Kw::Recursive);
        self.expect_kw(Kw::View)?;
        let mut view = self.qualified_name()?;
        view.persistence = persistence;
        let aliases = if recursive { self.paren_column_list()? } else { self.opt_column_list()? };
        let options = self.opt_reloptions()?;
        self.expect_kw(Kw::As)?;
        let query = self.select_stmt()?;
        let mut check_option = ViewCheckOption::None;
        let check_loc = self.loc();
        if self.eat_with() {
            check_option = if self.eat_kw(Kw::Local) {
                ViewCheckOption::Local
            } else {
                let _ = self.eat_kw(Kw::Cascaded);
                ViewCheckOption::Cascaded
            };
            self.expect_kw(Kw::Check)?;
            self.expect_kw(Kw::Option)?;
            if recursive {
                return Err(PgError::not_supported("WITH CHECK OPTION not supported on recursive views")
                    .with_position(lexer::char_position(self.sql, check_loc)));
            }
        }
        Ok(Stmt::View(Box::new(ViewStmt { view, aliases, query, replace, recursive, options, check_option })))
    }

    /// After `CREATE [UNLOGGED]`: `MATERIALIZED VIEW [IF NOT EXISTS] name [(cols)] [USING m]
    /// [WITH (...)] [TABLESPACE t] AS query [WITH [NO] DATA]`.
    fn create_matview_rest(&mut self, persistence: char) -> PgResult<Stmt> {
        self.expect_kw(Kw::Materialized)?;
        self.expect_kw(Kw::View)?;
        let if_not_exists = self.if_not_exists_before_name()?;
        let mut rel = self.qualified_name()?;
        rel.persistence = persistence;
        let col_names = self.opt_column_list()?;
        let access_method = self.opt_using_name()?;
        let options = self.opt_reloptions()?;
        let tablespace = self.opt_tablespace()?;
        self.expect_kw(Kw::As)?;
        let query = CtasQuery::Select(self.select_stmt()?);
        let skip_data = self.opt_with_data()?;
        let into =
            IntoClause { rel, col_names, access_method, options, on_commit: OnCommit::Noop, tablespace, skip_data };
        Ok(Stmt::CreateTableAs(Box::new(CreateTableAsStmt { query, into, kind: CtasKind::MatView, if_not_exists })))
    }

    /// `TRUNCATE [TABLE] relation, ... [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]`.
    pub(super) fn truncate_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Truncate)?;
        let _ = self.eat_kw(Kw::Table);
        let mut relations = vec![self.relation_expr()?];
        while self.eat_char(',') {
            self.tick()?;
            relations.push(self.relation_expr()?);
        }
        let mut restart_seqs = false;
        if self.eat_kw(Kw::Restart) {
            self.expect_kw(Kw::Identity)?;
            restart_seqs = true;
        } else if self.eat_kw(Kw::Continue) {
            self.expect_kw(Kw::Identity)?;
        }
        let behavior = self.opt_drop_behavior();
        Ok(Stmt::Truncate(TruncateStmt { relations, restart_seqs, behavior }))
    }
}

/// A CREATE TABLE with nothing but its name.
fn new_create_stmt(relation: RangeVar, if_not_exists: bool) -> CreateStmt {
    CreateStmt {
        relation,
        table_elts: Vec::new(),
        inh_relations: Vec::new(),
        partbound: None,
        partspec: None,
        of_type: None,
        options: Vec::new(),
        on_commit: OnCommit::Noop,
        tablespace: None,
        access_method: None,
        if_not_exists,
    }
}

/// A constraint with no attributes.
fn new_constraint(name: Option<String>, kind: ConstraintKind, loc: usize) -> Constraint {
    Constraint {
        name,
        kind,
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        no_inherit: false,
        location: Location(loc),
    }
}
