//! The recursive-descent parser: PostgreSQL's `gram.y`, by hand.
//!
//! Expressions use precedence climbing with the levels of PostgreSQL's operator precedence
//! table (see `prec` below). The parser never backtracks: every token is read once, so parsing
//! takes time linear in the length of the query (see the crate README). Where PostgreSQL's LR
//! grammar decides late what a construct was, this parser does the same: a parenthesised
//! group is read first and classified afterwards (`Parser::paren_group`), and `type 'literal'`
//! versus a column reference is decided by one or two tokens of lookahead.

use crate::ast::*;
use crate::keywords::{Keyword, KeywordCategory, Kw};
use crate::lexer::{self, Token, TokenKind};
use pg_error::{PgError, PgResult, SqlState};

mod alter_table;
mod bison_depth;
mod cursor;
mod ddl_misc;
mod ddl_table;
mod ddl_types;
mod dml;
mod expr;
mod objects;
mod routines;
mod select;
mod session;
mod type_name;
mod utility;

/// Operator precedence levels, lowest first (PostgreSQL docs, "Operator Precedence").
mod prec {
    pub const OR: u8 = 1;
    pub const AND: u8 = 2;
    pub const NOT: u8 = 3;
    pub const IS: u8 = 4;
    pub const CMP: u8 = 5;
    pub const LIKE: u8 = 6;
    pub const OP: u8 = 8;
    pub const ADD: u8 = 9;
    pub const MUL: u8 = 10;
    pub const EXP: u8 = 11;
    pub const AT: u8 = 12;
    pub const COLLATE: u8 = 13;
    pub const UMINUS: u8 = 14;
}

// PostgreSQL's INTERVAL_MASK bits (datetime.h), used as the first interval typmod.
const MONTH: i32 = 1 << 1;
const YEAR: i32 = 1 << 2;
const DAY: i32 = 1 << 3;
const HOUR: i32 = 1 << 10;
const MINUTE: i32 = 1 << 11;
const SECOND: i32 = 1 << 12;
/// INTERVAL_FULL_RANGE.
pub const INTERVAL_FULL_RANGE: i32 = 0x7FFF;

/// Parses all statements of a query string.
pub fn parse_statements(sql: &str) -> PgResult<Vec<RawStmt>> {
    let (toks, notices) = lexer::tokenize_with_notices(sql)?;
    let mut p = Parser { sql, toks, pos: 0, ticks: 0, windowless_call: None, expr_depth: 0 };
    // Where PostgreSQL's bison stack would overflow (see bison_depth.rs):
    // that error wins unless the parse fails earlier in the text.
    let result = match bison_depth::overflow_token(&p.toks) {
        None => statements(&mut p),
        Some(overflow) => {
            let t = &p.toks[overflow];
            let exhausted = lexer::error_at(sql, "memory exhausted", t.start, t.end);
            match statements(&mut p) {
                // An error without a position (a cancel) compares below any position.
                Err(e) if e.code != SqlState::STATEMENT_TOO_COMPLEX && e.position < exhausted.position => Err(e),
                _ => Err(exhausted),
            }
        }
    };
    // The scanner's NOTICEs go to the client; after a syntax error only
    // those of tokens up to the error's, since PostgreSQL's scanner runs
    // token by token and stops there.
    let reached = match &result {
        Err(e) => e.position.map_or(sql.len(), |pos| {
            sql.char_indices().nth((pos as usize).saturating_sub(1)).map_or(sql.len(), |(b, _)| b)
        }),
        Ok(_) => sql.len(),
    };
    for (start, notice) in notices {
        if start <= reached {
            pg_error::notice::emit_notice(notice);
        }
    }
    result
}

/// The statements of a whole query string, separated by semicolons.
fn statements(p: &mut Parser<'_>) -> PgResult<Vec<RawStmt>> {
    let sql = p.sql;
    let mut out = Vec::new();
    let mut stmt_start = 0usize;
    loop {
        if p.is_char(';') {
            stmt_start = p.peek().end;
            p.pos += 1;
            continue;
        }
        if p.at_eof() {
            break;
        }
        let stmt = p.statement()?;
        let end = p.peek().start;
        if p.is_char(';') {
            out.push(RawStmt { stmt, location: stmt_start, len: end - stmt_start });
            stmt_start = p.peek().end;
            p.pos += 1;
        } else if p.at_eof() {
            out.push(RawStmt { stmt, location: stmt_start, len: sql.len() - stmt_start });
            break;
        } else {
            return Err(p.error());
        }
    }
    if let TokenKind::Error(e) = &p.peek().kind {
        return Err((**e).clone());
    }
    Ok(out)
}

/// Parses one expression (for tests and tools): the whole string must be one `a_expr`.
pub fn parse_expr(sql: &str) -> PgResult<Expr> {
    let mut p = Parser::new(sql)?;
    let e = p.a_expr()?;
    if !p.at_eof() {
        return Err(p.error());
    }
    Ok(e)
}

/// Parses one type name (for tools): the whole string must be one `Typename`.
pub fn parse_type_name(sql: &str) -> PgResult<TypeName> {
    let mut p = Parser::new(sql)?;
    let t = p.type_name()?;
    if !p.at_eof() {
        return Err(p.error());
    }
    Ok(t)
}

fn sys(name: &str) -> Vec<String> {
    vec!["pg_catalog".to_string(), name.to_string()]
}

/// `pg_catalog.name` as a type name without modifiers (gram.y's `SystemTypeName`).
fn system_type_name(name: &str) -> TypeName {
    TypeName {
        names: sys(name),
        typmods: Vec::new(),
        array_bounds: Vec::new(),
        setof: false,
        pct_type: false,
        location: Location(0),
    }
}

fn int_const(v: i32, loc: usize) -> Expr {
    Expr::new(ExprKind::Const(Value::Integer(v)), loc)
}

fn str_const(s: &str, loc: usize) -> Expr {
    Expr::new(ExprKind::Const(Value::String(s.to_string())), loc)
}

fn func(name: Vec<String>, args: Vec<Expr>, loc: usize) -> Expr {
    Expr::new(ExprKind::FuncCall(Box::new(FuncCall::plain(name, args))), loc)
}

/// A call in one of the SQL-standard syntaxes (`FuncFormat::SqlSyntax`) of `pg_catalog.name`.
fn sql_func(name: &str, args: Vec<Expr>, loc: usize) -> Expr {
    Expr::new(ExprKind::FuncCall(Box::new(FuncCall::sql_syntax(name, args))), loc)
}

fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// The longest operator chain one expression may hold (see `expr_prec`).
/// PostgreSQL's own limit is its stack: it accepts a few tens of thousands
/// of links with the default `max_stack_depth`.
const MAX_OPERATOR_CHAIN: usize = 10_000;

/// The deepest expression tree, in links built by loops (operators, casts, tests), that one
/// statement may hold (see [`Parser::expr_depth`]). Each loop is bounded by
/// [`MAX_OPERATOR_CHAIN`], but chains nest (`((x::int::int...)::int::int...)`), and a tree
/// deeper than a backend's stack would crash whatever walks it, dropping it included.
/// PostgreSQL answers 54001 there, when its analysis recurses.
const MAX_EXPR_DEPTH: usize = 12_000;

struct Parser<'a> {
    sql: &'a str,
    toks: Vec<Token>,
    pos: usize,
    /// Calls of [`Parser::tick`] so far, to check for interrupts every so often.
    ticks: u32,
    /// Where the call that `func_expr_windowless` reads begins: that call takes no WITHIN
    /// GROUP, FILTER or OVER (calls nested in its arguments do).
    windowless_call: Option<usize>,
    /// An upper bound of the depth of the expressions completed within the operand being
    /// read: each link a loop builds adds one to it over the deeper of its two sides. Every
    /// operand starts it afresh ([`Parser::begin_operand`]) and gives the larger value back
    /// to its enclosing one, so nested chains add up as the tree's depth does.
    expr_depth: usize,
}

/// How many [`Parser::tick`] calls pass between two interrupt checks.
const TICKS_PER_INTERRUPT_CHECK: u32 = 64;

/// What a parenthesised group in an expression turned out to be (see `Parser::paren_group`).
enum ParenGroup {
    /// `select_with_parens`: a query in one or more pairs of parentheses.
    Select(Box<SelectStmt>),
    /// `'(' a_expr ')'`: the expression inside, without any indirection that follows.
    Expr(Expr),
    /// `'(' expr_list ')'` with two or more members: an implicit row, or an IN list.
    List(Vec<Expr>),
}

/// What a parenthesised group in FROM turned out to be (see `Parser::paren_group_in_from`).
enum FromGroup {
    /// `select_with_parens`.
    Select(Box<SelectStmt>),
    /// `'(' joined_table ')'`, without the alias that may follow.
    Join(Box<JoinExpr>),
}

/// Where the outermost loop of an expression stops before a keyword that bison reads there
/// otherwise than as an operator (see `Parser::expr_prec_from`).
#[derive(Clone, Copy, PartialEq)]
enum StopAt {
    /// Nowhere.
    Nothing,
    /// At a select-list entry's bare label (`SELECT 1 like`): an operator keyword that may be
    /// a bare column label, followed by what ends the entry. Bison shifts the keyword either
    /// way and decides at the next token.
    BareLabel,
    /// At SUBSTRING's `SIMILAR` (without `TO`): `SUBSTRING(x SIMILAR p ESCAPE e)`.
    SimilarWithoutTo,
}

/// An infix operator found at the current token.
#[derive(Clone, Copy, PartialEq)]
enum Infix {
    Or,
    And,
    Is,
    IsNull,
    NotNull,
    Cmp,
    Like,
    Op,
    Add,
    Mul,
    Exp,
    At,
    Collate,
}

impl<'a> Parser<'a> {
    /// Lexes the whole string (checking for interrupts as it goes).
    fn new(sql: &'a str) -> PgResult<Parser<'a>> {
        Ok(Parser { sql, toks: lexer::tokenize(sql)?, pos: 0, ticks: 0, windowless_call: None, expr_depth: 0 })
    }

    /// Counts a unit of work (an expression, a list member, a join, a set operation) and every
    /// [`TICKS_PER_INTERRUPT_CHECK`] units checks for interrupts, so that a cancel or a
    /// statement timeout stops a statement of any size while it is still being parsed.
    #[inline]
    fn tick(&mut self) -> PgResult<()> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(TICKS_PER_INTERRUPT_CHECK) {
            pg_error::check_for_interrupts()?;
        }
        Ok(())
    }

    // ---------------------------------------------------------------- token helpers

    fn peek(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek_n(&self, n: usize) -> &Token {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)]
    }

    fn loc(&self) -> usize {
        self.peek().start
    }

    fn at_eof(&self) -> bool {
        matches!(self.peek().kind, TokenKind::Eof | TokenKind::Error(_))
    }

    fn advance(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    /// The syntax error PostgreSQL reports at the current token.
    fn error(&self) -> PgError {
        self.error_at_token(self.pos)
    }

    fn error_at_token(&self, i: usize) -> PgError {
        let t = &self.toks[i.min(self.toks.len() - 1)];
        match &t.kind {
            TokenKind::Error(e) => (**e).clone(),
            TokenKind::Eof => lexer::error_at(self.sql, "syntax error", self.sql.len(), self.sql.len()),
            _ => lexer::error_at(self.sql, "syntax error", t.start, t.end),
        }
    }

    fn err<T>(&self) -> PgResult<T> {
        Err(self.error())
    }

    fn kw_of(t: &Token) -> Option<&'static Keyword> {
        match t.kind {
            TokenKind::Keyword(k) => Some(k),
            _ => None,
        }
    }

    fn is_kw(&self, w: Kw) -> bool {
        Self::kw_of(self.peek()).is_some_and(|k| k.kw == w)
    }

    fn is_kw_n(&self, n: usize, w: Kw) -> bool {
        Self::kw_of(self.peek_n(n)).is_some_and(|k| k.kw == w)
    }

    fn eat_kw(&mut self, w: Kw) -> bool {
        if self.is_kw(w) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn expect_kw(&mut self, w: Kw) -> PgResult<()> {
        if self.eat_kw(w) {
            Ok(())
        } else {
            self.err()
        }
    }

    fn is_char(&self, c: char) -> bool {
        self.peek().kind == TokenKind::Char(c)
    }

    fn is_char_n(&self, n: usize, c: char) -> bool {
        self.peek_n(n).kind == TokenKind::Char(c)
    }

    fn eat_char(&mut self, c: char) -> bool {
        if self.is_char(c) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn expect_char(&mut self, c: char) -> PgResult<()> {
        if self.eat_char(c) {
            Ok(())
        } else {
            self.err()
        }
    }

    /// True at a keyword that parser.c replaces by its lookahead variant, which no name rule
    /// takes: NOT before BETWEEN/IN/LIKE/ILIKE/SIMILAR (`NOT_LA`), NULLS before FIRST/LAST
    /// (`NULLS_LA`), WITH before TIME/ORDINALITY (`WITH_LA`).
    fn at_lookahead_token(&self) -> bool {
        match self.word_at(0) {
            Some(Kw::Not) => matches!(self.word_at(1), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar)),
            Some(Kw::Nulls) => matches!(self.word_at(1), Some(Kw::First | Kw::Last)),
            Some(Kw::With) => matches!(self.word_at(1), Some(Kw::Time | Kw::Ordinality)),
            _ => false,
        }
    }

    fn ident_with(&mut self, ok: impl Fn(KeywordCategory) -> bool) -> PgResult<String> {
        if self.at_lookahead_token() {
            return self.err();
        }
        match &self.peek().kind {
            TokenKind::Ident(s) => {
                let s = s.clone();
                self.advance();
                Ok(s)
            }
            TokenKind::Keyword(k) if ok(k.category) => {
                let w = k.word.to_string();
                self.advance();
                Ok(w)
            }
            _ => self.err(),
        }
    }

    fn token_is_ident_with(t: &Token, ok: impl Fn(KeywordCategory) -> bool) -> bool {
        match &t.kind {
            TokenKind::Ident(_) => true,
            TokenKind::Keyword(k) => ok(k.category),
            _ => false,
        }
    }

    fn col_id_ok(c: KeywordCategory) -> bool {
        matches!(c, KeywordCategory::Unreserved | KeywordCategory::ColName)
    }

    fn type_func_ok(c: KeywordCategory) -> bool {
        matches!(c, KeywordCategory::Unreserved | KeywordCategory::TypeFuncName)
    }

    fn non_reserved_ok(c: KeywordCategory) -> bool {
        c != KeywordCategory::Reserved
    }

    /// `ColId`: identifier, unreserved or col_name keyword.
    fn col_id(&mut self) -> PgResult<String> {
        self.ident_with(Self::col_id_ok)
    }

    fn is_col_id(&self) -> bool {
        Self::token_is_ident_with(self.peek(), Self::col_id_ok)
    }

    fn is_col_id_at(&self, n: usize) -> bool {
        Self::token_is_ident_with(self.peek_n(n), Self::col_id_ok)
    }

    /// `ColLabel`: identifier or any keyword.
    fn col_label(&mut self) -> PgResult<String> {
        self.ident_with(|_| true)
    }

    /// `NonReservedWord`.
    fn non_reserved_word(&mut self) -> PgResult<String> {
        self.ident_with(Self::non_reserved_ok)
    }

    fn name_list(&mut self) -> PgResult<Vec<String>> {
        let mut v = vec![self.col_id()?];
        while self.eat_char(',') {
            v.push(self.col_id()?);
        }
        Ok(v)
    }

    fn sconst(&mut self) -> PgResult<String> {
        match &self.peek().kind {
            TokenKind::Sconst(s) => {
                let s = s.clone();
                self.advance();
                Ok(s)
            }
            _ => self.err(),
        }
    }

    fn iconst(&mut self) -> PgResult<i32> {
        match self.peek().kind {
            TokenKind::Iconst(v) => {
                self.advance();
                Ok(v)
            }
            _ => self.err(),
        }
    }

    fn signed_iconst(&mut self) -> PgResult<i32> {
        if self.eat_char('+') {
            return self.iconst();
        }
        if self.eat_char('-') {
            return Ok(-self.iconst()?);
        }
        self.iconst()
    }

    // ---------------------------------------------------------------- statements

    fn statement(&mut self) -> PgResult<Stmt> {
        let Some(kw) = Self::kw_of(self.peek()) else {
            if self.is_char('(') {
                return Ok(Stmt::Select(self.select_stmt()?));
            }
            return self.err();
        };
        match kw.kw {
            Kw::Select | Kw::Values | Kw::Table => Ok(Stmt::Select(self.select_stmt()?)),
            Kw::With => self.with_stmt(),
            Kw::Set if self.at_set_constraints() => self.constraints_set_stmt(),
            Kw::Set => {
                self.advance();
                Ok(Stmt::VariableSet(self.set_stmt_body()?))
            }
            Kw::Reset => {
                self.advance();
                Ok(Stmt::VariableSet(self.reset_rest()?))
            }
            Kw::Show => self.show_stmt(),
            Kw::Begin | Kw::Start | Kw::Commit | Kw::End | Kw::Rollback | Kw::Abort | Kw::Savepoint | Kw::Release => {
                self.transaction_stmt()
            }
            Kw::Prepare if self.is_kw_n(1, Kw::Transaction) => self.transaction_stmt(),
            Kw::Create
                if matches!(Self::kw_of(self.peek_n(1)).map(|k| k.kw), Some(Kw::Role | Kw::Group))
                    || (self.is_kw_n(1, Kw::User) && !self.at_user_mapping()) =>
            {
                self.create_role()
            }
            Kw::Alter
                if matches!(Self::kw_of(self.peek_n(1)).map(|k| k.kw), Some(Kw::Role | Kw::User | Kw::Group))
                    && !self.at_user_mapping() =>
            {
                self.alter_role()
            }
            Kw::Drop
                if matches!(Self::kw_of(self.peek_n(1)).map(|k| k.kw), Some(Kw::Role | Kw::User | Kw::Group))
                    && !self.at_user_mapping() =>
            {
                self.drop_role()
            }
            Kw::Explain => self.explain_stmt(),
            Kw::Declare => self.declare_cursor_stmt(),
            Kw::Discard => self.discard_stmt(),
            Kw::Fetch | Kw::Move => self.fetch_stmt(),
            Kw::Close => self.close_portal_stmt(),
            Kw::Create => self.create_stmt(),
            Kw::Alter => self.alter_stmt(),
            Kw::Drop => self.drop_stmt(),
            // dml: INSERT, UPDATE, DELETE, MERGE, COPY
            Kw::Insert | Kw::Update | Kw::Delete | Kw::Merge => self.dml_stmt(None),
            Kw::Copy => self.copy_stmt(),

            // ddl_table: TRUNCATE
            Kw::Truncate => self.truncate_stmt(),

            // routines: DO, CALL
            Kw::Do => self.do_stmt(),
            Kw::Call => self.call_stmt(),

            // objects: COMMENT, SECURITY LABEL, GRANT, REVOKE, REASSIGN
            Kw::Comment => self.comment_stmt(),
            Kw::Security if self.is_kw_n(1, Kw::Label) => self.sec_label_stmt(),
            // SECURITY begins only SECURITY LABEL: the error is at the word after it.
            Kw::Security => Err(self.error_at_token(self.pos + 1)),
            Kw::Grant | Kw::Revoke => self.grant_stmt(),
            Kw::Reassign => self.reassign_owned_stmt(),

            // ddl_misc: IMPORT
            Kw::Import => self.import_foreign_schema(),

            // utility: PREPARE, EXECUTE, DEALLOCATE, LISTEN, NOTIFY, UNLISTEN, LOCK, VACUUM,
            // ANALYZE, CLUSTER, REINDEX, CHECKPOINT, LOAD, REFRESH (SET CONSTRAINTS above)
            Kw::Prepare => self.prepare_stmt(),
            Kw::Execute => self.execute_stmt(),
            Kw::Deallocate => self.deallocate_stmt(),
            Kw::Listen | Kw::Unlisten | Kw::Notify => self.listen_notify_stmt(),
            Kw::Lock => self.lock_stmt(),
            Kw::Vacuum | Kw::Analyze | Kw::Analyse => self.vacuum_stmt(),
            Kw::Cluster => self.cluster_stmt(),
            Kw::Reindex => self.reindex_stmt(),
            Kw::Checkpoint | Kw::Load => self.checkpoint_or_load_stmt(),
            Kw::Refresh => self.refresh_stmt(),
            _ => self.err(),
        }
    }

    /// `WITH ...` followed by SELECT, or by INSERT, UPDATE, DELETE or MERGE.
    fn with_stmt(&mut self) -> PgResult<Stmt> {
        let save = self.pos;
        let with = self.with_clause()?;
        if matches!(self.word_at(0), Some(Kw::Insert | Kw::Update | Kw::Delete | Kw::Merge)) {
            return self.dml_stmt(Some(with));
        }
        if self.is_kw(Kw::With) {
            // A second WITH may only open a parenthesised query.
            return self.err();
        }
        let mut s = self.select_stmt()?;
        if s.with.is_some() {
            return Err(PgError::syntax(
                "multiple WITH clauses not allowed",
                lexer::char_position(self.sql, self.toks[save].start),
            ));
        }
        s.with = Some(with);
        Ok(Stmt::Select(s))
    }

    /// At `CREATE`: each statement family looks at what follows and parses the statement when
    /// it creates one of its kinds (the modules `ddl_table`, `routines`, `ddl_types`, `ddl_misc`, `objects`).
    fn create_stmt(&mut self) -> PgResult<Stmt> {
        if let Some(s) = self.create_table_family()? {
            return Ok(s);
        }
        if let Some(s) = self.create_routine_family()? {
            return Ok(s);
        }
        if let Some(s) = self.create_type_family()? {
            return Ok(s);
        }
        if let Some(s) = self.create_misc_family()? {
            return Ok(s);
        }
        if let Some(s) = self.create_object_family()? {
            return Ok(s);
        }
        self.create_of_no_family()
    }

    /// At `ALTER`: as [`Parser::create_stmt`], family by family.
    fn alter_stmt(&mut self) -> PgResult<Stmt> {
        if let Some(s) = self.alter_table_family()? {
            return Ok(s);
        }
        if let Some(s) = self.alter_routine_family()? {
            return Ok(s);
        }
        if let Some(s) = self.alter_type_family()? {
            return Ok(s);
        }
        if let Some(s) = self.alter_misc_family()? {
            return Ok(s);
        }
        if let Some(s) = self.alter_object_family()? {
            return Ok(s);
        }
        self.err_at_object_kind()
    }

    /// CREATE followed by what no family creates: CREATE ASSERTION, which gram.y reads and
    /// then refuses (0A000, without a position), or a syntax error at the word that should
    /// name the kind of object.
    fn create_of_no_family(&mut self) -> PgResult<Stmt> {
        if self.is_kw_n(1, Kw::Assertion) {
            self.advance();
            self.advance();
            self.any_name()?;
            self.expect_kw(Kw::Check)?;
            self.expect_char('(')?;
            self.a_expr()?;
            self.expect_char(')')?;
            self.cas_bits()?;
            if !self.ends_statement_at(0) {
                return self.err();
            }
            return Err(PgError::not_supported("CREATE ASSERTION is not yet implemented"));
        }
        self.err_at_object_kind()
    }

    /// The syntax error of a CREATE or ALTER whose object kind no family knows: at the first
    /// word after the statement's leading keyword and its modifiers (OR REPLACE, TEMP, ...).
    fn err_at_object_kind<T>(&mut self) -> PgResult<T> {
        self.advance();
        if self.is_kw(Kw::Or) && self.is_kw_n(1, Kw::Replace) {
            self.advance();
            self.advance();
        }
        while matches!(self.word_at(0), Some(Kw::Global | Kw::Local | Kw::Temp | Kw::Temporary | Kw::Unlogged)) {
            self.advance();
        }
        self.err()
    }

    fn word_at(&self, n: usize) -> Option<Kw> {
        Self::kw_of(self.peek_n(n)).map(|k| k.kw)
    }
}

/// An empty SELECT, built on the heap by a function of its own (so that the value does not
/// pass through the frame of a recursive caller).
#[inline(never)]
fn new_simple_select() -> Box<SimpleSelect> {
    Box::new(empty_simple_select())
}

fn empty_simple_select() -> SimpleSelect {
    SimpleSelect {
        distinct: Distinct::All,
        targets: Vec::new(),
        into: None,
        from: Vec::new(),
        where_clause: None,
        group_by: Vec::new(),
        group_distinct: false,
        having: None,
        windows: Vec::new(),
    }
}

/// The keywords that are SQL value functions (`SQLValueFunction`: CURRENT_DATE, USER, ...),
/// which are functions written without parentheses.
fn is_sql_value_function(w: Kw) -> bool {
    matches!(
        w,
        Kw::CurrentDate
            | Kw::CurrentTime
            | Kw::CurrentTimestamp
            | Kw::Localtime
            | Kw::Localtimestamp
            | Kw::CurrentRole
            | Kw::CurrentUser
            | Kw::SessionUser
            | Kw::User
            | Kw::CurrentCatalog
            | Kw::CurrentSchema
    )
}

/// The column-name keywords that begin a function in SQL syntax (`func_expr_common_subexpr`),
/// and so may begin a function in FROM.
fn is_col_name_function(w: Kw) -> bool {
    matches!(
        w,
        Kw::Coalesce
            | Kw::Extract
            | Kw::Greatest
            | Kw::Least
            | Kw::Normalize
            | Kw::Nullif
            | Kw::Overlay
            | Kw::Position
            | Kw::Substring
            | Kw::Treat
            | Kw::Trim
            | Kw::Xmlconcat
            | Kw::Xmlelement
            | Kw::Xmlexists
            | Kw::Xmlforest
            | Kw::Xmlparse
            | Kw::Xmlpi
            | Kw::Xmlroot
            | Kw::Xmlserialize
            | Kw::Xmltable
    )
}

/// Type keywords that can start a `ConstTypename 'literal'`.
fn is_const_type_keyword(w: Kw) -> bool {
    matches!(
        w,
        Kw::Int
            | Kw::Integer
            | Kw::Smallint
            | Kw::Bigint
            | Kw::Real
            | Kw::Float
            | Kw::Double
            | Kw::Decimal
            | Kw::Dec
            | Kw::Numeric
            | Kw::Boolean
            | Kw::Bit
            | Kw::Character
            | Kw::Char
            | Kw::Varchar
            | Kw::Nchar
            | Kw::National
            | Kw::Timestamp
            | Kw::Time
    )
}

/// AND/OR construction with PostgreSQL's flattening of left-nested chains (`makeAndExpr`):
/// `a AND b AND c` is one node with three arguments, built by appending in place, so a chain of
/// n terms costs O(n) and nests nothing.
fn make_bool(op: BoolOp, left: Expr, right: Expr, loc: usize) -> Expr {
    match left {
        Expr { kind: ExprKind::Bool { op: lop, mut args }, location } if lop == op => {
            args.push(right);
            Expr { kind: ExprKind::Bool { op, args }, location }
        }
        left => Expr::new(ExprKind::Bool { op, args: vec![left, right] }, loc),
    }
}

/// Unary minus; a numeric constant is negated in place (`doNegate`), so `-2147483648` is one
/// constant whose text the analyzer types as int4.
fn negate(arg: Expr, loc: usize) -> Expr {
    match arg.kind {
        ExprKind::Const(Value::Integer(v)) => Expr::new(ExprKind::Const(Value::Integer(-v)), loc),
        ExprKind::Const(Value::Float(s)) => {
            let s = match s.strip_prefix('-') {
                Some(rest) => rest.to_string(),
                None => format!("-{s}"),
            };
            Expr::new(ExprKind::Const(Value::Float(s)), loc)
        }
        kind => Expr::new(
            ExprKind::Op { name: vec!["-".into()], left: None, right: Box::new(Expr { kind, location: arg.location }) },
            loc,
        ),
    }
}
