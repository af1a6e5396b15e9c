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
mod objects;
mod routines;
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

    // ---------------------------------------------------------------- SELECT

    /// `select_stmt`: a full query with its decorations.
    fn select_stmt(&mut self) -> PgResult<Box<SelectStmt>> {
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
    fn select_decorations(&mut self, mut s: Box<SelectStmt>) -> PgResult<Box<SelectStmt>> {
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
    fn set_limit(
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
    fn with_clause(&mut self) -> PgResult<WithClause> {
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
    fn cte_search_clause(&mut self) -> PgResult<CteSearchClause> {
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
    fn cte_cycle_clause(&mut self) -> PgResult<CteCycleClause> {
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
    fn aexpr_const(&mut self) -> PgResult<Expr> {
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
    fn select_clause(&mut self, min: u8) -> PgResult<Box<SelectStmt>> {
        pg_error::check_stack_depth()?;
        let left = self.select_primary()?;
        self.select_clause_from(left, min)
    }

    /// The set operations that follow an already parsed left operand `left`.
    fn select_clause_from(&mut self, mut left: Box<SelectStmt>, min: u8) -> PgResult<Box<SelectStmt>> {
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

    fn select_primary(&mut self) -> PgResult<Box<SelectStmt>> {
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
    fn values_clause(&mut self) -> PgResult<SelectBody> {
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
    fn table_command(&mut self) -> PgResult<SelectBody> {
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
    fn select_with_parens(&mut self) -> PgResult<Box<SelectStmt>> {
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
    fn simple_select(&mut self) -> PgResult<Box<SimpleSelect>> {
        self.expect_kw(Kw::Select)?;
        let mut sel = new_simple_select();
        self.select_list(&mut sel)?;
        self.select_from_onwards(&mut sel)?;
        Ok(sel)
    }

    /// `[ALL | DISTINCT [ON (...)]] target_list`.
    fn select_list(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
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
    fn select_from_onwards(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
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
    fn distinct_clause(&mut self) -> PgResult<Distinct> {
        if !self.eat_kw(Kw::On) {
            return Ok(Distinct::Distinct);
        }
        Ok(Distinct::On(self.paren_expr_list()?))
    }

    /// The WHERE, GROUP BY and HAVING clauses of a `simple_select`.
    #[inline(never)]
    fn where_group_having(&mut self, sel: &mut SimpleSelect) -> PgResult<()> {
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
    fn group_by_list(&mut self) -> PgResult<Vec<Expr>> {
        self.comma_list(Self::group_by_item)
    }

    /// `group_by_item`: an expression, `()`, `ROLLUP (...)`, `CUBE (...)` or
    /// `GROUPING SETS (...)`. Here, and only here, `cube(` and `rollup(` begin grouping sets
    /// rather than calls (a call is written `(cube(a))` or `"cube"(a)` in GROUP BY).
    fn group_by_item(&mut self) -> PgResult<Expr> {
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
    fn select_into(&mut self) -> PgResult<RangeVar> {
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
    fn window_clause(&mut self) -> PgResult<Vec<WindowDef>> {
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

    fn target_list_ends(&self) -> bool {
        self.target_list_ends_at(0)
    }

    /// True when the token `n` ahead can follow a target list (or ends it).
    fn target_list_ends_at(&self, n: usize) -> bool {
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

    fn target_el(&mut self) -> PgResult<ResTarget> {
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

    /// `qualified_name`: `name`, `schema.name`, `db.schema.name`.
    fn qualified_name(&mut self) -> PgResult<RangeVar> {
        let loc = self.loc();
        let mut names = vec![self.col_id()?];
        while self.is_char('.') && !self.is_char_n(1, '*') {
            self.advance();
            names.push(self.col_label()?);
        }
        if self.is_char('[') || self.is_char('.') {
            // gram.y reads `ColId indirection` whole, subscripts and `.*` included, and only
            // then finds them out of place (check_qualified_name): the syntax error is at the
            // token after them.
            self.indirection_steps()?;
            return self.err();
        }
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
    fn relation_expr(&mut self) -> PgResult<RangeVar> {
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
    fn opt_alias(&mut self) -> PgResult<Option<Alias>> {
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

    fn table_ref(&mut self) -> PgResult<FromItem> {
        pg_error::check_stack_depth()?;
        let left = self.table_primary()?;
        self.joins_from(left)
    }

    /// The joins that follow an already parsed `table_ref` `left`.
    fn joins_from(&mut self, mut left: FromItem) -> PgResult<FromItem> {
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
    fn join_step(&mut self, left: FromItem) -> PgResult<Result<FromItem, FromItem>> {
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

    fn table_primary(&mut self) -> PgResult<FromItem> {
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
        let sql_value_function = matches!(
            self.word_at(0),
            Some(
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
        );
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
    fn rows_from(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
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
    fn function_table(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
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
    fn func_alias_clause(&mut self) -> PgResult<(Option<Alias>, Vec<TableFuncElement>)> {
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
    fn table_func_element_list(&mut self) -> PgResult<Vec<TableFuncElement>> {
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
    fn relation_table(&mut self) -> PgResult<FromItem> {
        let mut rv = self.relation_expr()?;
        rv.alias = self.opt_alias()?;
        if self.is_kw(Kw::Tablesample) {
            return self.tablesample_clause(rv);
        }
        Ok(FromItem::Relation(rv))
    }

    /// `TABLESAMPLE method (args) [REPEATABLE (seed)]` after `relation`.
    fn tablesample_clause(&mut self, relation: RangeVar) -> PgResult<FromItem> {
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
    fn paren_group_in_from(&mut self) -> PgResult<(FromGroup, usize)> {
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
    fn enclose_group_in_from(&mut self, inner: FromGroup, inner_loc: usize) -> PgResult<FromGroup> {
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
    fn joined_table_rest(&mut self, first: FromItem) -> PgResult<FromGroup> {
        match self.joins_from(first)? {
            FromItem::Join(j) => Ok(FromGroup::Join(j)),
            _ => self.err(),
        }
    }

    /// A parenthesised joined table with its optional alias.
    fn join_alias(&mut self, mut j: Box<JoinExpr>) -> PgResult<FromItem> {
        if self.is_kw(Kw::As) || self.is_col_id() {
            j.alias = self.opt_alias()?;
        }
        Ok(FromItem::Join(j))
    }

    /// A subquery in FROM (`select_with_parens opt_alias_clause`), whose alias is required.
    /// `paren_loc` is its first `(`, where PostgreSQL points when the alias is missing.
    fn subquery_item(
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

    fn opt_ordinality(&mut self) -> PgResult<bool> {
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
    fn func_expr_windowless(&mut self) -> PgResult<Expr> {
        let start = self.pos;
        // A function's name, or a keyword that begins a SQL-syntax function.
        let can_begin = match &self.peek().kind {
            TokenKind::Ident(_) => true,
            TokenKind::Keyword(k) => match k.category {
                KeywordCategory::Reserved => matches!(
                    k.kw,
                    Kw::Cast
                        | Kw::CurrentDate
                        | Kw::CurrentTime
                        | Kw::CurrentTimestamp
                        | Kw::Localtime
                        | Kw::Localtimestamp
                        | Kw::CurrentRole
                        | Kw::CurrentUser
                        | Kw::SessionUser
                        | Kw::User
                        | Kw::CurrentCatalog
                ),
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

    fn sort_list(&mut self) -> PgResult<Vec<SortBy>> {
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
    fn qual_all_op(&mut self) -> PgResult<Vec<String>> {
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
    fn math_or_op(&self) -> Option<String> {
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
    fn operator_construct(&mut self) -> PgResult<Vec<String>> {
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

    fn window_spec(&mut self) -> PgResult<WindowDef> {
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
    fn frame_extent(&mut self) -> PgResult<(FrameBound, Option<FrameBound>)> {
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
    fn frame_between(&mut self) -> PgResult<bool> {
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

    fn frame_bound(&mut self) -> PgResult<FrameBound> {
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

    // ---------------------------------------------------------------- expressions

    /// `item [, item ...]`: one or more items separated by commas (gram.y's many `*_list`
    /// rules), each counted for the interrupt check.
    fn comma_list<T>(&mut self, mut item: impl FnMut(&mut Self) -> PgResult<T>) -> PgResult<Vec<T>> {
        let mut v = Vec::new();
        loop {
            self.tick()?;
            v.push(item(self)?);
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    fn expr_list(&mut self) -> PgResult<Vec<Expr>> {
        self.comma_list(Self::a_expr)
    }

    /// `a_expr`.
    fn a_expr(&mut self) -> PgResult<Expr> {
        self.expr_prec(0, false)
    }

    /// `b_expr`: no boolean operators, IS tests other than DISTINCT, LIKE/IN/BETWEEN, AT, COLLATE.
    fn b_expr(&mut self) -> PgResult<Expr> {
        self.expr_prec(0, true)
    }

    fn infix_at(&self) -> Option<(Infix, u8)> {
        let t = self.peek();
        Some(match &t.kind {
            TokenKind::Keyword(k) => match k.kw {
                Kw::Or => (Infix::Or, prec::OR),
                Kw::And => (Infix::And, prec::AND),
                Kw::Is => (Infix::Is, prec::IS),
                Kw::Isnull => (Infix::IsNull, prec::IS),
                Kw::Notnull => (Infix::NotNull, prec::IS),
                // `SIMILAR` without `TO` is SUBSTRING's `x SIMILAR pattern ESCAPE e` there (see
                // `StopAt::SimilarWithoutTo`) and an error elsewhere.
                Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar => (Infix::Like, prec::LIKE),
                Kw::Not
                    if matches!(self.word_at(1), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar)) =>
                {
                    (Infix::Like, prec::LIKE)
                }
                // After an operand these can only begin `OPERATOR(...)` and `AT TIME ZONE`
                // (or be a bare label, see `expr_prec_from`).
                Kw::Operator => (Infix::Op, prec::OP),
                Kw::At => (Infix::At, prec::AT),
                Kw::Collate => (Infix::Collate, prec::COLLATE),
                _ => return None,
            },
            TokenKind::Char('<' | '>' | '=')
            | TokenKind::LessEquals
            | TokenKind::GreaterEquals
            | TokenKind::NotEquals => (Infix::Cmp, prec::CMP),
            TokenKind::Op(_) => (Infix::Op, prec::OP),
            TokenKind::Char('+' | '-') => (Infix::Add, prec::ADD),
            TokenKind::Char('*' | '/' | '%') => (Infix::Mul, prec::MUL),
            TokenKind::Char('^') => (Infix::Exp, prec::EXP),
            _ => return None,
        })
    }

    fn expr_prec(&mut self, min: u8, restricted: bool) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        self.tick()?;
        let saved = self.begin_operand();
        let left = self.prefix_expr(restricted)?;
        let e = self.expr_prec_from(left, min, restricted, StopAt::Nothing)?;
        self.end_operand(saved);
        Ok(e)
    }

    /// Starts reading an operand whose depth is counted from zero (see
    /// [`Parser::expr_depth`]); returns the enclosing operand's depth so far.
    fn begin_operand(&mut self) -> usize {
        std::mem::take(&mut self.expr_depth)
    }

    /// Ends the operand begun by [`Parser::begin_operand`]: the enclosing operand's depth is
    /// at least this one's.
    fn end_operand(&mut self, saved: usize) {
        self.expr_depth = self.expr_depth.max(saved);
    }

    /// One more link on top of the expression built so far (an operator, a cast, a test):
    /// 54001 past [`MAX_EXPR_DEPTH`].
    fn add_link(&mut self) -> PgResult<()> {
        self.expr_depth += 1;
        if self.expr_depth > MAX_EXPR_DEPTH {
            return Err(pg_error::stack::stack_depth_error());
        }
        Ok(())
    }

    /// The infix operators (of precedence `min` or higher) that follow an already parsed
    /// operand `left`.
    ///
    /// `stop` ends the outermost loop of an expression early where bison would read a keyword
    /// otherwise than as an operator (see [`StopAt`]).
    ///
    /// A `::` after any complete operand casts it (`x IS NULL::int` casts the test), as
    /// gram.y's `a_expr TYPECAST Typename` does.
    fn expr_prec_from(&mut self, mut left: Expr, min: u8, restricted: bool, stop: StopAt) -> PgResult<Expr> {
        let mut last_nonassoc: Option<u8> = None;
        // A left-associative chain (`1 + 1 + ... + 1`) is built by this loop
        // without recursing here, but every later pass (analysis, evaluation,
        // dropping the tree) recurses once per link: bound it like recursion.
        let mut chain = 0usize;
        loop {
            if self.peek().kind == TokenKind::Typecast {
                left = self.typecasts(left)?;
                continue;
            }
            let Some((op, p)) = self.infix_at() else { break };
            if p < min {
                break;
            }
            let stop_here = match stop {
                StopAt::Nothing => false,
                StopAt::BareLabel => {
                    Self::kw_of(self.peek()).is_some_and(|k| k.bare_label)
                        && (self.is_char_n(1, ',') || self.target_list_ends_at(1))
                }
                StopAt::SimilarWithoutTo => self.is_kw(Kw::Similar) && !self.is_kw_n(1, Kw::To),
            };
            if stop_here {
                break;
            }
            // AND and OR chains flatten into one n-ary node (`make_bool`), so they do not
            // deepen the tree and are not counted.
            if !matches!(op, Infix::And | Infix::Or) {
                chain += 1;
            }
            if chain > MAX_OPERATOR_CHAIN {
                return Err(pg_error::stack::stack_depth_error());
            }
            if restricted {
                let allowed = match op {
                    Infix::Cmp | Infix::Op | Infix::Add | Infix::Mul | Infix::Exp => true,
                    Infix::Is => {
                        let n = if self.is_kw_n(1, Kw::Not) { 2 } else { 1 };
                        self.is_kw_n(n, Kw::Distinct) || self.is_kw_n(n, Kw::Document)
                    }
                    _ => false,
                };
                if !allowed {
                    break;
                }
            }
            if last_nonassoc == Some(p) {
                return self.err();
            }
            // A link deepens the tree, except a term appended to an AND / OR node.
            let appends = matches!(
                (op, &left.kind),
                (Infix::And, ExprKind::Bool { op: BoolOp::And, .. })
                    | (Infix::Or, ExprKind::Bool { op: BoolOp::Or, .. })
            );
            let loc = self.loc();
            let nonassoc;
            (left, nonassoc) = match op {
                Infix::Or | Infix::And => {
                    self.advance();
                    let right = self.expr_prec(p + 1, restricted)?;
                    let bop = if op == Infix::Or { BoolOp::Or } else { BoolOp::And };
                    (make_bool(bop, left, right, loc), false)
                }
                Infix::IsNull | Infix::NotNull => {
                    self.advance();
                    (Expr::new(ExprKind::NullTest { expr: boxed(left), not: op == Infix::NotNull }, loc), false)
                }
                Infix::Cmp | Infix::Op | Infix::Add | Infix::Mul | Infix::Exp => {
                    let e = self.binary_op_expr(op, p, left, restricted)?;
                    // `x = ANY (...)` ends with its `)`, whose precedence lets a comparison
                    // follow (`x = ANY (a) < y`); only a plain comparison is non-associative.
                    let plain = matches!(e.kind, ExprKind::Op { .. });
                    (e, op == Infix::Cmp && plain)
                }
                _ => self.special_infix_expr(op, p, left, restricted)?,
            };
            if !appends {
                self.add_link()?;
            }
            last_nonassoc = if nonassoc { Some(p) } else { None };
        }
        Ok(left)
    }

    /// `left op right` for an operator of precedence `p` at the current token (and
    /// `left op ANY|ALL (...)`).
    fn binary_op_expr(&mut self, op: Infix, p: u8, left: Expr, restricted: bool) -> PgResult<Expr> {
        let loc = self.loc();
        let name = if op == Infix::Op && self.is_kw(Kw::Operator) {
            self.operator_construct()?
        } else {
            let n = self.math_or_op().unwrap_or_default();
            self.advance();
            vec![n]
        };
        // ANY/SOME/ALL (reserved words) after an operator can only be `sub_type (...)`, which
        // gram.y has in a_expr only: in a b_expr (a column's DEFAULT) the word is the error.
        if !restricted && matches!(self.word_at(0), Some(Kw::Any | Kw::Some | Kw::All)) {
            let all = self.is_kw(Kw::All);
            self.advance();
            self.any_all(name, all, left, loc)
        } else {
            let right = self.expr_prec(p + 1, restricted)?;
            Ok(Expr::new(ExprKind::Op { name, left: Some(boxed(left)), right: boxed(right) }, loc))
        }
    }

    /// The infix constructs other than AND, OR and plain operators: IS ..., [NOT] BETWEEN /
    /// IN / LIKE / ILIKE / SIMILAR TO, AT TIME ZONE and COLLATE. Returns the expression and
    /// whether its operator is non-associative. Kept out of [`Parser::expr_prec_from`] so that
    /// the usual path through that loop keeps a small stack frame.
    #[inline(never)]
    fn special_infix_expr(&mut self, op: Infix, p: u8, left: Expr, restricted: bool) -> PgResult<(Expr, bool)> {
        let loc = self.loc();
        let mut nonassoc = false;
        let e = match op {
            Infix::Is => {
                self.advance();
                // NOT before LIKE/IN/... is parser.c's NOT_LA, which IS does not take.
                if self.at_lookahead_token() {
                    return self.err();
                }
                let not = self.eat_kw(Kw::Not);
                let tok = self.word_at(0);
                match tok {
                    Some(Kw::Null) => {
                        self.advance();
                        Expr::new(ExprKind::NullTest { expr: boxed(left), not }, loc)
                    }
                    Some(w @ (Kw::True | Kw::False | Kw::Unknown)) => {
                        self.advance();
                        let test = match (w, not) {
                            (Kw::True, false) => BoolTestKind::IsTrue,
                            (Kw::True, true) => BoolTestKind::IsNotTrue,
                            (Kw::False, false) => BoolTestKind::IsFalse,
                            (Kw::False, true) => BoolTestKind::IsNotFalse,
                            (_, false) => BoolTestKind::IsUnknown,
                            (_, true) => BoolTestKind::IsNotUnknown,
                        };
                        Expr::new(ExprKind::BooleanTest { expr: boxed(left), test }, loc)
                    }
                    Some(Kw::Document) => {
                        self.advance();
                        let e = Expr::new(
                            ExprKind::Xml(Box::new(XmlExpr {
                                op: XmlExprOp::IsDocument,
                                name: None,
                                named_args: Vec::new(),
                                args: vec![left],
                                xmloption: XmlOption::Document,
                            })),
                            loc,
                        );
                        if not {
                            Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![e] }, loc)
                        } else {
                            e
                        }
                    }
                    Some(Kw::Normalized | Kw::Nfc | Kw::Nfd | Kw::Nfkc | Kw::Nfkd) => {
                        let mut args = vec![left];
                        if !self.is_kw(Kw::Normalized) {
                            let floc = self.loc();
                            let form = self.unicode_normal_form()?;
                            args.push(str_const(form, floc));
                        }
                        self.expect_kw(Kw::Normalized)?;
                        let e = sql_func("is_normalized", args, loc);
                        if not {
                            Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![e] }, loc)
                        } else {
                            e
                        }
                    }
                    Some(Kw::Distinct) => {
                        self.advance();
                        self.expect_kw(Kw::From)?;
                        let right = self.expr_prec(p + 1, restricted)?;
                        nonassoc = true;
                        Expr::new(ExprKind::Distinct { not, left: boxed(left), right: boxed(right) }, loc)
                    }
                    _ => return self.err(),
                }
            }
            Infix::Like => {
                let not = self.eat_kw(Kw::Not);
                let word = self.word_at(0);
                self.advance();
                match word {
                    Some(Kw::Between) => {
                        let symmetric = if self.eat_kw(Kw::Symmetric) {
                            true
                        } else {
                            let _ = self.eat_kw(Kw::Asymmetric);
                            false
                        };
                        let low = self.b_expr()?;
                        self.expect_kw(Kw::And)?;
                        let high = self.expr_prec(p + 1, false)?;
                        nonassoc = true;
                        Expr::new(
                            ExprKind::Between { not, symmetric, expr: boxed(left), low: boxed(low), high: boxed(high) },
                            loc,
                        )
                    }
                    Some(Kw::In) => self.in_expr(not, left, loc)?,
                    Some(Kw::Like | Kw::Ilike | Kw::Similar) => {
                        let kind = match word {
                            Some(Kw::Like) => LikeKind::Like,
                            Some(Kw::Ilike) => LikeKind::ILike,
                            _ => {
                                self.expect_kw(Kw::To)?;
                                LikeKind::Similar
                            }
                        };
                        if kind != LikeKind::Similar && matches!(self.word_at(0), Some(Kw::Any | Kw::Some | Kw::All)) {
                            let all = self.is_kw(Kw::All);
                            self.advance();
                            let opname = match (kind, not) {
                                (LikeKind::Like, false) => "~~",
                                (LikeKind::Like, true) => "!~~",
                                (_, false) => "~~*",
                                (_, true) => "!~~*",
                            };
                            self.any_all(vec![opname.into()], all, left, loc)?
                        } else {
                            nonassoc = true;
                            let pattern = self.expr_prec(p + 1, false)?;
                            let escape =
                                if self.eat_kw(Kw::Escape) { Some(boxed(self.expr_prec(p + 1, false)?)) } else { None };
                            Expr::new(
                                ExprKind::Like { kind, not, expr: boxed(left), pattern: boxed(pattern), escape },
                                loc,
                            )
                        }
                    }
                    _ => return self.err(),
                }
            }
            Infix::At => {
                self.advance();
                self.expect_kw(Kw::Time)?;
                self.expect_kw(Kw::Zone)?;
                let zone = self.expr_prec(p + 1, false)?;
                sql_func("timezone", vec![zone, left], loc)
            }
            Infix::Collate => {
                self.advance();
                let collation = self.any_name()?;
                Expr::new(ExprKind::Collate { arg: boxed(left), collation }, loc)
            }
            _ => return self.err(),
        };
        Ok((e, nonassoc))
    }

    /// `x op ANY|ALL (...)` after the operator and ANY/ALL: a subquery (`sub_type
    /// select_with_parens`) or an array expression (`sub_type '(' a_expr ')'`).
    fn any_all(&mut self, name: Vec<String>, all: bool, left: Expr, loc: usize) -> PgResult<Expr> {
        let (group, _) = self.paren_group(false)?;
        Ok(match group {
            ParenGroup::Select(sub) => {
                let kind = if all { SubLinkKind::All(name) } else { SubLinkKind::Any(name) };
                Expr::new(ExprKind::SubLink { kind, test_expr: Some(boxed(left)), subselect: sub }, loc)
            }
            ParenGroup::Expr(e) => Expr::new(ExprKind::OpAnyAll { name, all, left: boxed(left), right: boxed(e) }, loc),
            ParenGroup::List(_) => unreachable!("paren_group(false) stops at the first comma"),
        })
    }

    /// `in_expr`: a subquery (`select_with_parens`) or a parenthesised list of expressions.
    fn in_expr(&mut self, not: bool, left: Expr, loc: usize) -> PgResult<Expr> {
        if !self.is_char('(') {
            return self.err();
        }
        let (group, _) = self.paren_group(true)?;
        let list = match group {
            ParenGroup::Select(sub) => {
                let sl = Expr::new(
                    ExprKind::SubLink {
                        // No operator name: gram.y's mark of IN (it is
                        // `= ANY` to the analyzer, but prints back as IN).
                        kind: SubLinkKind::Any(Vec::new()),
                        test_expr: Some(boxed(left)),
                        subselect: sub,
                    },
                    loc,
                );
                return Ok(if not { Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![sl] }, loc) } else { sl });
            }
            ParenGroup::Expr(e) => vec![e],
            ParenGroup::List(list) => list,
        };
        Ok(Expr::new(ExprKind::In { not, expr: boxed(left), list }, loc))
    }

    fn paren_a_expr(&mut self) -> PgResult<Expr> {
        self.expect_char('(')?;
        let e = self.a_expr()?;
        self.expect_char(')')?;
        Ok(e)
    }

    fn paren_expr_list(&mut self) -> PgResult<Vec<Expr>> {
        self.expect_char('(')?;
        let e = self.expr_list()?;
        self.expect_char(')')?;
        Ok(e)
    }

    /// True when the current token can only begin a `select_no_parens`.
    fn at_select_keyword(&self) -> bool {
        match self.word_at(0) {
            Some(Kw::Select | Kw::With | Kw::Table) => true,
            // VALUES is unreserved: without `(` it is a name (`(values)`).
            Some(Kw::Values) => self.is_char_n(1, '('),
            _ => false,
        }
    }

    /// True when the current token continues a `select_clause` that began with a parenthesised
    /// query: a set operation, or the decorations of `select_no_parens`.
    fn select_continues(&self) -> bool {
        matches!(
            self.word_at(0),
            Some(Kw::Union | Kw::Intersect | Kw::Except | Kw::Order | Kw::Limit | Kw::Offset | Kw::Fetch | Kw::For)
        )
    }

    /// A parenthesised group in an expression: `select_with_parens`, `'(' a_expr ')'`, or
    /// `'(' expr_list ')'` (an implicit row, or the list of an IN), told apart without
    /// backtracking, as bison's LR parser tells them apart: the group is read once, left to
    /// right, and what it is follows from what was found.
    ///
    /// A run of `(` opens this group and the groups nested directly inside it; they are read
    /// from the innermost outwards, in a loop rather than by recursion, so that any number of
    /// nested parentheses costs no stack.
    /// - The innermost group is a query when a select keyword follows its `(`, else an
    ///   expression or a list.
    /// - An inner query followed by `)` or by a set operation, ORDER BY, LIMIT, ... makes the
    ///   enclosing group a query too (`((select 1) union select 2)`); followed by anything else
    ///   it is a scalar subquery operand (`((select 1) + 1)`), and the expression grammar
    ///   continues from it as from any other primary.
    ///
    /// Returns the group and the byte offset of its `(`. With `allow_list` false (ANY/ALL's
    /// array operand) a comma after the first expression of the outermost group is a syntax
    /// error there.
    fn paren_group(&mut self, allow_list: bool) -> PgResult<(ParenGroup, usize)> {
        // The group's depth is counted from its own contents, not from what precedes it.
        let saved = self.begin_operand();
        let r = self.paren_group_inner(allow_list);
        self.end_operand(saved);
        r
    }

    fn paren_group_inner(&mut self, allow_list: bool) -> PgResult<(ParenGroup, usize)> {
        let opens = self.open_parens()?;
        // Each part in a function of its own keeps this frame, which is on the stack of every
        // level of nested subqueries and operands, small.
        let group = if self.at_select_keyword() {
            self.innermost_select_group()?
        } else {
            self.innermost_expr_group(allow_list || opens.len() > 1)?
        };
        self.close_groups(group, &opens, allow_list)
    }

    fn innermost_select_group(&mut self) -> PgResult<ParenGroup> {
        Ok(ParenGroup::Select(self.select_stmt()?))
    }

    fn innermost_expr_group(&mut self, allow_list: bool) -> PgResult<ParenGroup> {
        let e = self.a_expr()?;
        self.paren_list_rest(e, allow_list)
    }

    /// After the innermost group of a run of `(` (at `opens`): its `)`, and the enclosing
    /// groups from the inside out.
    fn close_groups(
        &mut self,
        mut group: ParenGroup,
        opens: &[usize],
        allow_list: bool,
    ) -> PgResult<(ParenGroup, usize)> {
        self.expect_char(')')?;
        for level in (0..opens.len() - 1).rev() {
            group = self.enclose_group(group, opens[level + 1], allow_list || level > 0)?;
            self.expect_char(')')?;
        }
        Ok((group, opens[0]))
    }

    /// Consumes a run of `(` and returns their byte offsets, outermost first.
    ///
    /// The run costs no stack here. PostgreSQL's bison parser keeps one entry per open
    /// parenthesis on its 10,000-entry stack; where that overflows, `bison_depth.rs` has
    /// already found the token, and `parse_statements` answers its 42601 instead.
    fn open_parens(&mut self) -> PgResult<Vec<usize>> {
        let mut opens = Vec::new();
        while self.is_char('(') {
            opens.push(self.loc());
            self.advance();
            self.tick()?;
        }
        if opens.is_empty() {
            return self.err();
        }
        Ok(opens)
    }

    /// The contents of a group that began with the (already closed) inner group `inner`, whose
    /// `(` is at `inner_loc`: see [`Parser::paren_group`].
    #[inline(never)]
    fn enclose_group(&mut self, inner: ParenGroup, inner_loc: usize, allow_list: bool) -> PgResult<ParenGroup> {
        match inner {
            ParenGroup::Select(sub) if self.is_char(')') => Ok(ParenGroup::Select(sub)),
            ParenGroup::Select(sub) if self.select_continues() => {
                let s = self.select_clause_from(sub, 0)?;
                Ok(ParenGroup::Select(self.select_decorations(s)?))
            }
            inner => {
                let primary = self.group_as_primary(inner, inner_loc)?;
                let e = self.c_expr_from(primary)?;
                let e = self.expr_prec_from(e, 0, false, StopAt::Nothing)?;
                self.paren_list_rest(e, allow_list)
            }
        }
    }

    /// After the first expression of a parenthesised group: more members, or just that one.
    fn paren_list_rest(&mut self, first: Expr, allow_list: bool) -> PgResult<ParenGroup> {
        if !self.is_char(',') {
            return Ok(ParenGroup::Expr(first));
        }
        if !allow_list {
            return self.err();
        }
        let mut list = vec![first];
        while self.eat_char(',') {
            self.tick()?;
            list.push(self.a_expr()?);
        }
        Ok(ParenGroup::List(list))
    }

    /// A parenthesised group used as a `c_expr`: a scalar subquery or a parenthesised
    /// expression, each with optional indirection, or an implicit row.
    fn group_as_primary(&mut self, group: ParenGroup, loc: usize) -> PgResult<Expr> {
        match group {
            ParenGroup::Select(sub) => {
                let e = Expr::new(ExprKind::SubLink { kind: SubLinkKind::Expr, test_expr: None, subselect: sub }, loc);
                self.opt_indirection(e)
            }
            ParenGroup::Expr(e) => self.opt_indirection(e),
            ParenGroup::List(args) if self.is_kw(Kw::Overlaps) => self.overlaps_expr(args, loc),
            ParenGroup::List(args) => Ok(Expr::new(ExprKind::Row { args, explicit: false }, loc)),
        }
    }

    /// `row OVERLAPS row` after the left row (whose fields are `left`, at `left_loc`): a call
    /// of `overlaps` with the four fields. Each row is `ROW(...)` or `(a, b, ...)` and must
    /// have two fields.
    #[inline(never)]
    fn overlaps_expr(&mut self, mut left: Vec<Expr>, left_loc: usize) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_kw(Kw::Overlaps)?;
        let right_loc = self.loc();
        let right = if self.is_kw(Kw::Row) && self.is_char_n(1, '(') {
            self.advance();
            self.advance();
            let args = if self.is_char(')') { Vec::new() } else { self.expr_list()? };
            self.expect_char(')')?;
            args
        } else if self.is_char('(') {
            match self.paren_group(true)?.0 {
                ParenGroup::List(args) => args,
                // `(x)` is no row: bison wanted a `,` where the `)` is.
                _ => return Err(self.error_at_token(self.pos - 1)),
            }
        } else {
            return self.err();
        };
        let wrong = |side: &str, at: usize| {
            Err(PgError::syntax(
                format!("wrong number of parameters on {side} side of OVERLAPS expression"),
                lexer::char_position(self.sql, at),
            ))
        };
        if left.len() != 2 {
            return wrong("left", left_loc);
        }
        if right.len() != 2 {
            return wrong("right", right_loc);
        }
        left.extend(right);
        Ok(sql_func("overlaps", left, loc))
    }

    /// A prefix operator expression, or a `c_expr`.
    fn prefix_expr(&mut self, restricted: bool) -> PgResult<Expr> {
        if self.is_kw(Kw::Default) && !restricted {
            // gram.y's `a_expr: DEFAULT` (never a `b_expr`); it takes casts but no indirection.
            let e = Expr::new(ExprKind::SetToDefault, self.loc());
            self.advance();
            return self.c_expr_from(e);
        }
        let prefix = (self.is_kw(Kw::Not) && !restricted)
            || self.is_char('-')
            || self.is_char('+')
            || matches!(self.peek().kind, TokenKind::Op(_))
            || (self.is_kw(Kw::Operator) && self.is_char_n(1, '('));
        if prefix {
            return self.prefix_op_expr(restricted);
        }
        self.c_expr()
    }

    /// `NOT a`, `- a`, `+ a`, `op a`: kept out of [`Parser::prefix_expr`] so that the frames of
    /// the usual path through it stay small (see "Stack depth" in the README).
    #[inline(never)]
    fn prefix_op_expr(&mut self, restricted: bool) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        let loc = self.loc();
        if self.is_kw(Kw::Not) {
            self.advance();
            let arg = self.expr_prec(prec::NOT, false)?;
            return Ok(Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![arg] }, loc));
        }
        if self.is_char('-') || self.is_char('+') {
            let minus = self.is_char('-');
            self.advance();
            let arg = self.expr_prec(prec::UMINUS, restricted)?;
            if minus {
                return Ok(negate(arg, loc));
            }
            return Ok(Expr::new(ExprKind::Op { name: vec!["+".into()], left: None, right: boxed(arg) }, loc));
        }
        let name = self.qual_all_op()?;
        let arg = self.expr_prec(prec::OP + 1, restricted)?;
        Ok(Expr::new(ExprKind::Op { name, left: None, right: boxed(arg) }, loc))
    }

    /// `c_expr` plus the `::` casts that bind tighter than anything but `.`.
    fn c_expr(&mut self) -> PgResult<Expr> {
        let e = self.primary()?;
        self.c_expr_from(e)
    }

    /// The `::` casts after an already parsed primary.
    fn c_expr_from(&mut self, e: Expr) -> PgResult<Expr> {
        if self.peek().kind != TokenKind::Typecast {
            return Ok(e);
        }
        self.typecasts(e)
    }

    #[inline(never)]
    fn typecasts(&mut self, mut e: Expr) -> PgResult<Expr> {
        // `x::int::int...` is a left-deep chain like an operator chain (see `expr_prec_from`),
        // bounded the same way: PostgreSQL takes 10,000 casts and answers 54001 at 100,000.
        let mut chain = 0usize;
        while self.peek().kind == TokenKind::Typecast {
            chain += 1;
            if chain > MAX_OPERATOR_CHAIN {
                return Err(pg_error::stack::stack_depth_error());
            }
            let loc = self.loc();
            self.advance();
            let type_name = self.type_name()?;
            e = Expr::new(ExprKind::TypeCast { arg: boxed(e), type_name: Box::new(type_name) }, loc);
            self.add_link()?;
        }
        Ok(e)
    }

    /// Optional `indirection` after a parenthesised expression, parameter or subquery.
    fn opt_indirection(&mut self, e: Expr) -> PgResult<Expr> {
        if !(self.is_char('.') || self.is_char('[')) {
            return Ok(e);
        }
        self.indirection(e)
    }

    #[inline(never)]
    fn indirection(&mut self, e: Expr) -> PgResult<Expr> {
        let steps = self.indirection_steps()?;
        if steps.is_empty() {
            return Ok(e);
        }
        let loc = e.location.0;
        Ok(Expr::new(ExprKind::Indirection { arg: boxed(e), steps }, loc))
    }

    fn indirection_steps(&mut self) -> PgResult<Vec<IndirectionStep>> {
        let mut steps = Vec::new();
        loop {
            if self.is_char('.') {
                self.advance();
                if self.eat_char('*') {
                    steps.push(IndirectionStep::Star);
                } else {
                    steps.push(IndirectionStep::Field(self.col_label()?));
                }
            } else if self.is_char('[') {
                self.advance();
                let lower = if self.is_char(':') || self.is_char(']') { None } else { Some(boxed(self.a_expr()?)) };
                if self.eat_char(':') {
                    let upper = if self.is_char(']') { None } else { Some(boxed(self.a_expr()?)) };
                    self.expect_char(']')?;
                    steps.push(IndirectionStep::Subscript { lower, upper, slice: true });
                } else {
                    if lower.is_none() {
                        return self.err();
                    }
                    self.expect_char(']')?;
                    steps.push(IndirectionStep::Subscript { lower, upper: None, slice: false });
                }
            } else {
                if steps.iter().rev().skip(1).any(|s| *s == IndirectionStep::Star) {
                    return Err(self.improper_star());
                }
                return Ok(steps);
            }
        }
    }

    /// gram.y's `check_indirection`: `.*` may only end an indirection (`t.*.x`), reported at
    /// the token after the whole indirection.
    fn improper_star(&self) -> PgError {
        let t = self.peek();
        match &t.kind {
            TokenKind::Error(e) => (**e).clone(),
            _ => lexer::error_at(self.sql, "improper use of \"*\"", t.start, t.end),
        }
    }

    fn primary(&mut self) -> PgResult<Expr> {
        // Every operand passes here, also where a construct reads a bare `c_expr` without
        // casts (XMLEXISTS's arguments nest: `xmlexists(xmlexists(...) passing ...)`).
        pg_error::check_stack_depth()?;
        let loc = self.loc();
        let value = match &self.peek().kind {
            TokenKind::Iconst(v) => Value::Integer(*v),
            TokenKind::Fconst(s) => Value::Float(s.clone()),
            TokenKind::Sconst(s) => Value::String(s.clone()),
            TokenKind::Bconst(s) | TokenKind::Xconst(s) => Value::BitString(s.clone()),
            TokenKind::Param(n) => {
                let e = Expr::new(ExprKind::Param(*n), loc);
                self.advance();
                return self.opt_indirection(e);
            }
            TokenKind::Char('(') => return self.paren_primary(),
            TokenKind::Keyword(k) => return self.keyword_primary(k, loc),
            TokenKind::Ident(_) => return self.name_primary(loc),
            _ => return self.err(),
        };
        self.advance();
        Ok(Expr::new(ExprKind::Const(value), loc))
    }

    fn paren_primary(&mut self) -> PgResult<Expr> {
        let (group, loc) = self.paren_group(true)?;
        self.group_as_primary(group, loc)
    }

    #[inline(never)]
    fn keyword_primary(&mut self, k: &'static Keyword, loc: usize) -> PgResult<Expr> {
        let next_paren = self.is_char_n(1, '(');
        let svf = |op| Ok(Expr::new(ExprKind::SqlValueFunction { op, precision: None }, loc));
        match k.kw {
            Kw::True | Kw::False => {
                self.advance();
                Ok(Expr::new(ExprKind::Const(Value::Boolean(k.kw == Kw::True)), loc))
            }
            Kw::Null => {
                self.advance();
                Ok(Expr::new(ExprKind::Const(Value::Null), loc))
            }
            Kw::Case => self.case_expr(),
            Kw::Cast => {
                self.advance();
                self.expect_char('(')?;
                let arg = self.a_expr()?;
                self.expect_kw(Kw::As)?;
                let type_name = self.type_name()?;
                self.expect_char(')')?;
                Ok(Expr::new(ExprKind::TypeCast { arg: boxed(arg), type_name: Box::new(type_name) }, loc))
            }
            // EXISTS is a column-name keyword: without `(` it names a column.
            Kw::Exists if next_paren => {
                self.advance();
                let sub = self.select_with_parens()?;
                Ok(Expr::new(ExprKind::SubLink { kind: SubLinkKind::Exists, test_expr: None, subselect: sub }, loc))
            }
            Kw::Array => {
                self.advance();
                if self.is_char('(') {
                    let sub = self.select_with_parens()?;
                    return Ok(Expr::new(
                        ExprKind::SubLink { kind: SubLinkKind::Array, test_expr: None, subselect: sub },
                        loc,
                    ));
                }
                self.array_expr()
            }
            Kw::Row if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let args = if self.is_char(')') { Vec::new() } else { self.expr_list()? };
                self.expect_char(')')?;
                if self.is_kw(Kw::Overlaps) {
                    return self.overlaps_expr(args, loc);
                }
                Ok(Expr::new(ExprKind::Row { args, explicit: true }, loc))
            }
            Kw::CurrentDate => {
                self.advance();
                svf(SqlValueFunctionOp::CurrentDate)
            }
            Kw::CurrentTime | Kw::CurrentTimestamp | Kw::Localtime | Kw::Localtimestamp => {
                self.advance();
                let op = match k.kw {
                    Kw::CurrentTime => SqlValueFunctionOp::CurrentTime,
                    Kw::CurrentTimestamp => SqlValueFunctionOp::CurrentTimestamp,
                    Kw::Localtime => SqlValueFunctionOp::LocalTime,
                    _ => SqlValueFunctionOp::LocalTimestamp,
                };
                let precision = if self.eat_char('(') {
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    Some(p)
                } else {
                    None
                };
                Ok(Expr::new(ExprKind::SqlValueFunction { op, precision }, loc))
            }
            Kw::CurrentRole | Kw::CurrentUser | Kw::User | Kw::SessionUser | Kw::CurrentCatalog => {
                self.advance();
                svf(match k.kw {
                    Kw::CurrentRole => SqlValueFunctionOp::CurrentRole,
                    Kw::CurrentUser => SqlValueFunctionOp::CurrentUser,
                    Kw::User => SqlValueFunctionOp::User,
                    Kw::SessionUser => SqlValueFunctionOp::SessionUser,
                    _ => SqlValueFunctionOp::CurrentCatalog,
                })
            }
            Kw::CurrentSchema if !next_paren => {
                self.advance();
                svf(SqlValueFunctionOp::CurrentSchema)
            }
            Kw::Coalesce | Kw::Greatest | Kw::Least | Kw::Grouping if next_paren => {
                self.advance();
                let args = self.paren_expr_list()?;
                Ok(Expr::new(
                    match k.kw {
                        Kw::Coalesce => ExprKind::Coalesce(args),
                        Kw::Grouping => ExprKind::Grouping(args),
                        w => ExprKind::MinMax { greatest: w == Kw::Greatest, args },
                    },
                    loc,
                ))
            }
            Kw::Nullif if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.a_expr()?;
                self.expect_char(',')?;
                let b = self.a_expr()?;
                self.expect_char(')')?;
                Ok(Expr::new(ExprKind::NullIf(boxed(a), boxed(b)), loc))
            }
            Kw::Extract if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let field = match &self.peek().kind {
                    TokenKind::Ident(s) => s.clone(),
                    TokenKind::Sconst(s) => s.clone(),
                    TokenKind::Keyword(k2)
                        if matches!(k2.kw, Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second) =>
                    {
                        k2.word.to_string()
                    }
                    _ => return self.err(),
                };
                let floc = self.loc();
                self.advance();
                self.expect_kw(Kw::From)?;
                let arg = self.a_expr()?;
                self.expect_char(')')?;
                Ok(sql_func("extract", vec![str_const(&field, floc), arg], loc))
            }
            Kw::Position if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.b_expr()?;
                self.expect_kw(Kw::In)?;
                let b = self.b_expr()?;
                self.expect_char(')')?;
                Ok(sql_func("position", vec![b, a], loc))
            }
            Kw::Substring if next_paren => {
                self.advance();
                self.expect_char('(')?;
                if self.eat_char(')') {
                    return Ok(func(vec!["substring".into()], Vec::new(), loc));
                }
                let saved = self.begin_operand();
                let first = self.prefix_expr(false)?;
                let s = self.expr_prec_from(first, 0, false, StopAt::SimilarWithoutTo)?;
                self.end_operand(saved);
                let args = if self.eat_kw(Kw::From) {
                    let from = self.a_expr()?;
                    if self.eat_kw(Kw::For) {
                        vec![s, from, self.a_expr()?]
                    } else {
                        vec![s, from]
                    }
                } else if self.eat_kw(Kw::For) {
                    let n = self.a_expr()?;
                    if self.eat_kw(Kw::From) {
                        let from = self.a_expr()?;
                        vec![s, from, n]
                    } else {
                        // gram.y casts a lone FOR count to int4, no textual FOR value
                        // being possible.
                        let cast = Expr::new(
                            ExprKind::TypeCast { arg: boxed(n), type_name: Box::new(system_type_name("int4")) },
                            loc,
                        );
                        vec![s, int_const(1, loc), cast]
                    }
                } else if self.eat_kw(Kw::Similar) {
                    let pat = self.a_expr()?;
                    self.expect_kw(Kw::Escape)?;
                    vec![s, pat, self.a_expr()?]
                } else {
                    let mut v = vec![s];
                    while self.eat_char(',') {
                        v.push(self.a_expr()?);
                    }
                    self.expect_char(')')?;
                    return Ok(func(vec!["substring".into()], v, loc));
                };
                self.expect_char(')')?;
                Ok(sql_func("substring", args, loc))
            }
            Kw::Trim if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let fname = if self.eat_kw(Kw::Leading) {
                    "ltrim"
                } else if self.eat_kw(Kw::Trailing) {
                    "rtrim"
                } else {
                    let _ = self.eat_kw(Kw::Both);
                    "btrim"
                };
                let args = if self.eat_kw(Kw::From) {
                    self.expr_list()?
                } else {
                    let first = self.a_expr()?;
                    if self.eat_kw(Kw::From) {
                        let mut v = self.expr_list()?;
                        v.push(first);
                        v
                    } else {
                        let mut v = vec![first];
                        while self.eat_char(',') {
                            v.push(self.a_expr()?);
                        }
                        v
                    }
                };
                self.expect_char(')')?;
                Ok(sql_func(fname, args, loc))
            }
            Kw::Overlay if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.a_expr()?;
                if self.eat_kw(Kw::Placing) {
                    let b = self.a_expr()?;
                    self.expect_kw(Kw::From)?;
                    let c = self.a_expr()?;
                    let mut args = vec![a, b, c];
                    if self.eat_kw(Kw::For) {
                        args.push(self.a_expr()?);
                    }
                    self.expect_char(')')?;
                    return Ok(sql_func("overlay", args, loc));
                }
                let mut v = vec![a];
                while self.eat_char(',') {
                    v.push(self.a_expr()?);
                }
                self.expect_char(')')?;
                Ok(func(vec!["overlay".into()], v, loc))
            }
            // parser.c turns NULLS before FIRST/LAST into NULLS_LA, which begins no expression.
            Kw::Nulls if matches!(self.word_at(1), Some(Kw::First | Kw::Last)) => self.err(),
            Kw::Xmlconcat
            | Kw::Xmlelement
            | Kw::Xmlexists
            | Kw::Xmlforest
            | Kw::Xmlparse
            | Kw::Xmlpi
            | Kw::Xmlroot
            | Kw::Xmlserialize
                if next_paren =>
            {
                self.xml_function(k.kw, loc)
            }
            Kw::Treat if next_paren => {
                // TREAT(x AS type) calls the type's function `pg_catalog.<type>(x)`.
                self.advance();
                self.expect_char('(')?;
                let arg = self.a_expr()?;
                self.expect_kw(Kw::As)?;
                let type_name = self.type_name()?;
                self.expect_char(')')?;
                let name = type_name.names.last().cloned().unwrap_or_default();
                Ok(func(sys(&name), vec![arg], loc))
            }
            Kw::Normalize if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let mut args = vec![self.a_expr()?];
                if self.eat_char(',') {
                    let floc = self.loc();
                    let form = self.unicode_normal_form()?;
                    args.push(str_const(form, floc));
                }
                self.expect_char(')')?;
                Ok(sql_func("normalize", args, loc))
            }
            Kw::Collation if self.is_kw_n(1, Kw::For) => {
                self.advance();
                self.advance();
                let arg = self.paren_a_expr()?;
                Ok(sql_func("pg_collation_for", vec![arg], loc))
            }
            w if self.const_typename_follows(w) => self.typed_literal(loc),
            _ => match k.category {
                KeywordCategory::Reserved => self.err(),
                _ => self.name_primary(loc),
            },
        }
    }

    /// The XML functions of `func_expr_common_subexpr`, at their keyword (followed by `(`).
    #[inline(never)]
    fn xml_function(&mut self, word: Kw, loc: usize) -> PgResult<Expr> {
        self.advance();
        self.expect_char('(')?;
        let xml = |op, name, named_args, args, xmloption| {
            PgResult::Ok(Expr::new(ExprKind::Xml(Box::new(XmlExpr { op, name, named_args, args, xmloption })), loc))
        };
        let e = match word {
            Kw::Xmlconcat => xml(XmlExprOp::Concat, None, Vec::new(), self.expr_list()?, XmlOption::Document),
            Kw::Xmlelement => {
                self.expect_kw(Kw::Name)?;
                let name = self.col_label()?;
                let (mut named_args, mut args) = (Vec::new(), Vec::new());
                if self.eat_char(',') {
                    if self.is_kw(Kw::Xmlattributes) && self.is_char_n(1, '(') {
                        self.advance();
                        self.advance();
                        named_args = self.xml_attribute_list()?;
                        self.expect_char(')')?;
                        if self.eat_char(',') {
                            args = self.expr_list()?;
                        }
                    } else {
                        args = self.expr_list()?;
                    }
                }
                xml(XmlExprOp::Element, Some(name), named_args, args, XmlOption::Document)
            }
            Kw::Xmlexists => {
                let path = self.primary()?;
                let doc = self.xml_passing()?;
                Ok(sql_func("xmlexists", vec![path, doc], loc))
            }
            Kw::Xmlforest => {
                let named_args = self.xml_attribute_list()?;
                xml(XmlExprOp::Forest, None, named_args, Vec::new(), XmlOption::Document)
            }
            Kw::Xmlparse => {
                let option = self.document_or_content()?;
                let text = self.a_expr()?;
                let wloc = self.loc();
                let preserve = if self.eat_kw(Kw::Preserve) {
                    self.expect_kw(Kw::Whitespace)?;
                    true
                } else {
                    if self.eat_kw(Kw::Strip) {
                        self.expect_kw(Kw::Whitespace)?;
                    }
                    false
                };
                let preserve = Expr::new(ExprKind::Const(Value::Boolean(preserve)), wloc);
                xml(XmlExprOp::Parse, None, Vec::new(), vec![text, preserve], option)
            }
            Kw::Xmlpi => {
                self.expect_kw(Kw::Name)?;
                let name = self.col_label()?;
                let args = if self.eat_char(',') { vec![self.a_expr()?] } else { Vec::new() };
                xml(XmlExprOp::Pi, Some(name), Vec::new(), args, XmlOption::Document)
            }
            Kw::Xmlroot => {
                let value = self.a_expr()?;
                self.expect_char(',')?;
                self.expect_kw(Kw::Version)?;
                let vloc = self.loc();
                let version = if self.is_kw(Kw::No) && self.is_kw_n(1, Kw::Value) {
                    self.advance();
                    self.advance();
                    Expr::new(ExprKind::Const(Value::Null), vloc)
                } else {
                    self.a_expr()?
                };
                let sloc = self.loc();
                let standalone = if self.eat_char(',') {
                    self.expect_kw(Kw::Standalone)?;
                    if self.eat_kw(Kw::Yes) {
                        XmlStandalone::Yes
                    } else {
                        self.expect_kw(Kw::No)?;
                        if self.eat_kw(Kw::Value) {
                            XmlStandalone::NoValue
                        } else {
                            XmlStandalone::No
                        }
                    }
                } else {
                    XmlStandalone::Omitted
                };
                let args = vec![value, version, int_const(standalone as i32, sloc)];
                xml(XmlExprOp::Root, None, Vec::new(), args, XmlOption::Document)
            }
            _ => {
                let xmloption = self.document_or_content()?;
                let expr = boxed(self.a_expr()?);
                self.expect_kw(Kw::As)?;
                let type_name = Box::new(self.simple_type_name(false)?);
                Ok(Expr::new(ExprKind::XmlSerialize { xmloption, expr, type_name }, loc))
            }
        }?;
        self.expect_char(')')?;
        Ok(e)
    }

    /// `DOCUMENT` or `CONTENT`.
    fn document_or_content(&mut self) -> PgResult<XmlOption> {
        if self.eat_kw(Kw::Document) {
            return Ok(XmlOption::Document);
        }
        self.expect_kw(Kw::Content)?;
        Ok(XmlOption::Content)
    }

    /// `xml_attribute_list`: `value [AS label], ...`.
    fn xml_attribute_list(&mut self) -> PgResult<Vec<ResTarget>> {
        let mut v = Vec::new();
        loop {
            let location = Location(self.loc());
            let expr = self.a_expr()?;
            let name = if self.eat_kw(Kw::As) { Some(self.col_label()?) } else { None };
            v.push(ResTarget { expr, name, location });
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    /// `xmlexists_argument`: `PASSING [BY {REF | VALUE}] doc [BY {REF | VALUE}]`; the
    /// passing mechanism changes nothing in the tree.
    fn xml_passing(&mut self) -> PgResult<Expr> {
        self.expect_kw(Kw::Passing)?;
        self.opt_xml_passing_mech()?;
        let doc = self.primary()?;
        self.opt_xml_passing_mech()?;
        Ok(doc)
    }

    fn opt_xml_passing_mech(&mut self) -> PgResult<()> {
        if self.eat_kw(Kw::By) && !self.eat_kw(Kw::Ref) {
            self.expect_kw(Kw::Value)?;
        }
        Ok(())
    }

    /// `[LATERAL] XMLTABLE(...) [alias]` in FROM, at XMLTABLE.
    #[inline(never)]
    fn xmltable(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
        let location = Location(self.loc());
        self.expect_kw(Kw::Xmltable)?;
        self.expect_char('(')?;
        let mut namespaces = Vec::new();
        if self.is_kw(Kw::Xmlnamespaces) && self.is_char_n(1, '(') {
            self.advance();
            self.advance();
            loop {
                let nloc = Location(self.loc());
                if self.eat_kw(Kw::Default) {
                    namespaces.push(ResTarget { expr: self.b_expr()?, name: None, location: nloc });
                } else {
                    let expr = self.b_expr()?;
                    self.expect_kw(Kw::As)?;
                    namespaces.push(ResTarget { expr, name: Some(self.col_label()?), location: nloc });
                }
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
            self.expect_char(',')?;
        }
        let rowexpr = self.primary()?;
        let docexpr = self.xml_passing()?;
        self.expect_kw(Kw::Columns)?;
        let mut columns = Vec::new();
        loop {
            columns.push(self.xmltable_column()?);
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        let _ = loc;
        let alias = self.opt_alias()?;
        Ok(FromItem::TableFunc(Box::new(RangeTableFunc {
            lateral,
            docexpr,
            rowexpr,
            namespaces,
            columns,
            alias,
            location,
        })))
    }

    /// `xmltable_column_el`: `name FOR ORDINALITY`, or `name type` with PATH, DEFAULT,
    /// [NOT] NULL options, checked as gram.y checks them.
    fn xmltable_column(&mut self) -> PgResult<RangeTableFuncCol> {
        let location = Location(self.loc());
        let name = self.col_id()?;
        let mut col = RangeTableFuncCol {
            name,
            type_name: None,
            for_ordinality: false,
            is_not_null: false,
            colexpr: None,
            coldefexpr: None,
            location,
        };
        if self.eat_kw(Kw::For) {
            self.expect_kw(Kw::Ordinality)?;
            col.for_ordinality = true;
            return Ok(col);
        }
        col.type_name = Some(self.type_name()?);
        let mut nullability_seen = false;
        loop {
            let oloc = self.loc();
            let at = lexer::char_position(self.sql, oloc);
            if self.eat_kw(Kw::Default) {
                let e = self.b_expr()?;
                if col.coldefexpr.is_some() {
                    return Err(PgError::syntax("only one DEFAULT value is allowed", at));
                }
                col.coldefexpr = Some(e);
            } else if self.is_kw(Kw::Not) || self.is_kw(Kw::Null) {
                let not = self.eat_kw(Kw::Not);
                self.expect_kw(Kw::Null)?;
                if nullability_seen {
                    return Err(PgError::syntax(
                        format!("conflicting or redundant NULL / NOT NULL declarations for column \"{}\"", col.name),
                        at,
                    ));
                }
                nullability_seen = true;
                col.is_not_null = not;
            } else if let TokenKind::Ident(option) = &self.peek().kind {
                let option = option.clone();
                self.advance();
                let e = self.b_expr()?;
                if option == "__pg__is_not_null" {
                    // gram.y's own name for NOT NULL among the options.
                    return Err(PgError::syntax(format!("option name \"{option}\" cannot be used in XMLTABLE"), at));
                }
                if option != "path" {
                    return Err(PgError::syntax(format!("unrecognized column option \"{option}\""), at));
                }
                if col.colexpr.is_some() {
                    return Err(PgError::syntax("only one PATH value per column is allowed", at));
                }
                col.colexpr = Some(e);
            } else {
                return Ok(col);
            }
        }
    }

    /// `unicode_normal_form`: NFC, NFD, NFKC or NFKD, kept as that (upper-case) string.
    fn unicode_normal_form(&mut self) -> PgResult<&'static str> {
        let form = match self.word_at(0) {
            Some(Kw::Nfc) => "NFC",
            Some(Kw::Nfd) => "NFD",
            Some(Kw::Nfkc) => "NFKC",
            Some(Kw::Nfkd) => "NFKD",
            _ => return self.err(),
        };
        self.advance();
        Ok(form)
    }

    /// True when the type keyword `word` at the current token begins a `ConstTypename Sconst`
    /// (`int4 '1'`, `timestamp(3) with time zone '...'`, `interval '1' day`) rather than naming a
    /// column or a function. One or two tokens of lookahead decide it: a string, a `(` (these
    /// keywords cannot name a function), or the next word of a multi-word type name.
    fn const_typename_follows(&self, word: Kw) -> bool {
        if !is_const_type_keyword(word) && word != Kw::Interval {
            return false;
        }
        if matches!(self.peek_n(1).kind, TokenKind::Sconst(_)) {
            return true;
        }
        let next = self.word_at(1);
        match word {
            // `double` is an unreserved keyword: `double(...)` is a function call.
            Kw::Double => next == Some(Kw::Precision),
            Kw::Character | Kw::Char | Kw::Nchar => next == Some(Kw::Varying) || self.is_char_n(1, '('),
            Kw::National => matches!(next, Some(Kw::Character | Kw::Char)),
            Kw::Bit => next == Some(Kw::Varying) || self.is_char_n(1, '('),
            Kw::Timestamp | Kw::Time => matches!(next, Some(Kw::With | Kw::Without)) || self.is_char_n(1, '('),
            _ => self.is_char_n(1, '('),
        }
    }

    /// `ConstTypename Sconst` (and `ConstInterval Sconst opt_interval`), once
    /// [`Parser::const_typename_follows`] has said that one begins here.
    fn typed_literal(&mut self, loc: usize) -> PgResult<Expr> {
        let mut type_name = self.simple_type_name(true)?;
        let TokenKind::Sconst(s) = &self.peek().kind else { return self.err() };
        let s = s.clone();
        let sloc = self.loc();
        self.advance();
        if type_name.names == sys("interval") && type_name.typmods.is_empty() {
            type_name.typmods = self.opt_interval()?;
        } else if type_name.names == sys("interval") && self.interval_field_follows() {
            return self.err();
        }
        Ok(Expr::new(ExprKind::TypeCast { arg: boxed(str_const(&s, sloc)), type_name: Box::new(type_name) }, loc))
    }

    fn interval_field_follows(&self) -> bool {
        matches!(self.word_at(0), Some(Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second))
    }

    /// A name-led primary: column reference, function call, or `func_name 'literal'`.
    #[inline(never)]
    fn name_primary(&mut self, loc: usize) -> PgResult<Expr> {
        let first_tok = self.pos;
        let first = self.col_label()?;
        let mut names = vec![first];
        let mut star = false;
        while self.is_char('.') {
            if self.is_char_n(1, '*') {
                self.advance();
                self.advance();
                star = true;
                break;
            }
            if !Self::token_is_ident_with(self.peek_n(1), |_| true) {
                break;
            }
            self.advance();
            names.push(self.col_label()?);
        }
        let first_kw = Self::kw_of(&self.toks[first_tok]).map(|k| k.category);
        if !star && self.is_char('(') {
            if names.len() == 1 && first_kw.is_some_and(|c| !Self::type_func_ok(c)) {
                return self.err();
            }
            return self.func_call(names, loc);
        }
        if !star {
            if let TokenKind::Sconst(s) = &self.peek().kind {
                if names.len() == 1 && first_kw.is_some_and(|c| !Self::type_func_ok(c)) {
                    return self.err();
                }
                let s = s.clone();
                let sloc = self.loc();
                self.advance();
                let type_name = TypeName {
                    names,
                    typmods: Vec::new(),
                    array_bounds: Vec::new(),
                    setof: false,
                    pct_type: false,
                    location: Location(loc),
                };
                return Ok(Expr::new(
                    ExprKind::TypeCast { arg: boxed(str_const(&s, sloc)), type_name: Box::new(type_name) },
                    loc,
                ));
            }
        }
        if first_kw.is_some_and(|c| !Self::col_id_ok(c)) {
            // A type_func_name keyword (`is`, `left`) can begin only `name(...)` or
            // `name 'literal'`: bison reports the token after it.
            return Err(self.error_at_token(first_tok + 1));
        }
        let mut fields: Vec<ColumnRefField> = names.into_iter().map(ColumnRefField::Name).collect();
        if star {
            fields.push(ColumnRefField::Star);
        }
        let e = Expr::new(ExprKind::ColumnRef(fields), loc);
        if star {
            if self.is_char('.') || self.is_char('[') {
                self.indirection_steps()?;
                return Err(self.improper_star());
            }
            return Ok(e);
        }
        let steps = self.indirection_steps()?;
        if steps.is_empty() {
            return Ok(e);
        }
        Ok(Expr::new(ExprKind::Indirection { arg: boxed(e), steps }, loc))
    }

    /// `func_name '(' ... ')'` and what may follow the call (WITHIN GROUP, FILTER, OVER). The
    /// arguments, through which nested calls recurse, are read by `func_args`, so that this
    /// frame stays small.
    fn func_call(&mut self, name: Vec<String>, loc: usize) -> PgResult<Expr> {
        self.expect_char('(')?;
        let mut f = Box::new(FuncCall::plain(name, Vec::new()));
        let order_loc = self.func_args(&mut f)?;
        self.expect_char(')')?;
        // `name(args) 'literal'` is a typed literal, except where only a call may stand (FROM).
        if matches!(self.peek().kind, TokenKind::Sconst(_))
            && !f.args.is_empty()
            && !f.agg_distinct
            && self.windowless_call != Some(loc)
        {
            return self.generic_typed_literal(*f, order_loc, loc);
        }
        if self.windowless_call == Some(loc) {
            return Ok(Expr::new(ExprKind::FuncCall(f), loc));
        }
        if self.is_kw(Kw::Within) || self.is_kw(Kw::Filter) || self.is_kw(Kw::Over) {
            self.func_call_decorations(&mut f)?;
        }
        Ok(Expr::new(ExprKind::FuncCall(f), loc))
    }

    /// The argument list of a call, up to its `)`: `*`, or `[DISTINCT | ALL] args [ORDER BY
    /// ...]`. Returns where an ORDER BY began, if one did.
    fn func_args(&mut self, f: &mut FuncCall) -> PgResult<Option<usize>> {
        let mut order_loc = None;
        if self.is_char('*') {
            // `f(*`: only `)` may follow.
            self.advance();
            f.agg_star = true;
        } else if !self.is_char(')') {
            // VARIADIC may not follow DISTINCT or ALL.
            let quantified = if self.eat_kw(Kw::Distinct) {
                f.agg_distinct = true;
                true
            } else {
                self.eat_kw(Kw::All)
            };
            loop {
                if !quantified && self.eat_kw(Kw::Variadic) {
                    f.func_variadic = true;
                    f.args.push(self.func_arg()?);
                    break;
                }
                f.args.push(self.func_arg()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            if self.is_kw(Kw::Order) {
                order_loc = Some(self.loc());
                self.advance();
                self.expect_kw(Kw::By)?;
                f.agg_order = self.sort_list()?;
            }
        }
        Ok(order_loc)
    }

    /// WITHIN GROUP (ORDER BY ...), FILTER (WHERE ...) and OVER after a call.
    #[inline(never)]
    fn func_call_decorations(&mut self, f: &mut FuncCall) -> PgResult<()> {
        if self.is_kw(Kw::Within) {
            let within = lexer::char_position(self.sql, self.loc());
            self.advance();
            self.expect_kw(Kw::Group)?;
            self.expect_char('(')?;
            self.expect_kw(Kw::Order)?;
            self.expect_kw(Kw::By)?;
            let order = self.sort_list()?;
            self.expect_char(')')?;
            let conflict = if !f.agg_order.is_empty() {
                Some("cannot use multiple ORDER BY clauses with WITHIN GROUP")
            } else if f.agg_distinct {
                Some("cannot use DISTINCT with WITHIN GROUP")
            } else if f.func_variadic {
                Some("cannot use VARIADIC with WITHIN GROUP")
            } else {
                None
            };
            if let Some(msg) = conflict {
                return Err(PgError::syntax(msg, within));
            }
            f.agg_order = order;
            f.agg_within_group = true;
        }
        // FILTER after a call always begins its filter clause (never a bare label).
        if self.eat_kw(Kw::Filter) {
            self.expect_char('(')?;
            self.expect_kw(Kw::Where)?;
            f.agg_filter = Some(boxed(self.a_expr()?));
            self.expect_char(')')?;
        }
        if self.eat_kw(Kw::Over) {
            if self.is_char('(') {
                f.over = Some(self.window_spec()?);
            } else {
                // `OVER w` names a window of the WINDOW clause; gram.y keeps
                // it as the definition's name, not as a refname (which is
                // `OVER (w ...)`, a window that refines w).
                let wloc = self.loc();
                let name = self.col_id()?;
                f.over = Some(WindowDef {
                    name: Some(name),
                    refname: None,
                    partition_by: Vec::new(),
                    order_by: Vec::new(),
                    frame: None,
                    location: Location(wloc),
                });
            }
        }
        Ok(())
    }

    /// `func_name '(' func_arg_list opt_sort_clause ')' Sconst`: a typed literal whose type
    /// has modifiers (`varchar2(10) 'abc'`), noticed at the string after the call's `)`.
    fn generic_typed_literal(&mut self, f: FuncCall, order_loc: Option<usize>, loc: usize) -> PgResult<Expr> {
        if let Some(named) = f.args.iter().find(|a| matches!(a.kind, ExprKind::NamedArg { .. })) {
            let at = lexer::char_position(self.sql, named.location.0);
            return Err(PgError::syntax("type modifier cannot have parameter name", at));
        }
        if let Some(order) = order_loc {
            return Err(PgError::syntax("type modifier cannot have ORDER BY", lexer::char_position(self.sql, order)));
        }
        if f.func_variadic {
            return self.err();
        }
        let TokenKind::Sconst(s) = &self.peek().kind else { return self.err() };
        let arg = str_const(s, self.loc());
        self.advance();
        let type_name = TypeName {
            names: f.name,
            typmods: f.args,
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(loc),
        };
        Ok(Expr::new(ExprKind::TypeCast { arg: boxed(arg), type_name: Box::new(type_name) }, loc))
    }

    fn func_arg(&mut self) -> PgResult<Expr> {
        let is_named = Self::token_is_ident_with(self.peek(), Self::type_func_ok)
            && matches!(self.peek_n(1).kind, TokenKind::EqualsGreater | TokenKind::ColonEquals);
        if is_named {
            let loc = self.loc();
            let name = self.col_label()?;
            self.advance();
            let arg = self.a_expr()?;
            return Ok(Expr::new(ExprKind::NamedArg { name, arg: boxed(arg) }, loc));
        }
        self.a_expr()
    }

    fn case_expr(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_kw(Kw::Case)?;
        let arg = if self.is_kw(Kw::When) { None } else { Some(boxed(self.a_expr()?)) };
        let mut whens = Vec::new();
        while self.eat_kw(Kw::When) {
            let w = self.a_expr()?;
            self.expect_kw(Kw::Then)?;
            whens.push((w, self.a_expr()?));
        }
        if whens.is_empty() {
            return self.err();
        }
        let default = if self.eat_kw(Kw::Else) { Some(boxed(self.a_expr()?)) } else { None };
        self.expect_kw(Kw::End)?;
        Ok(Expr::new(ExprKind::Case { arg, whens, default }, loc))
    }

    /// `'[' ... ']'` after ARRAY (or nested inside one).
    fn array_expr(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_char('[')?;
        let mut elems = Vec::new();
        if !self.is_char(']') {
            // Either every element is a sub-array `[...]` (`array_expr_list`) or none is.
            let nested = self.is_char('[');
            loop {
                if nested {
                    if !self.is_char('[') {
                        return self.err();
                    }
                    elems.push(self.array_expr()?);
                } else {
                    elems.push(self.a_expr()?);
                }
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        self.expect_char(']')?;
        Ok(Expr::new(ExprKind::Array(elems), loc))
    }

    fn any_name(&mut self) -> PgResult<Vec<String>> {
        let mut v = vec![self.col_id()?];
        while self.eat_char('.') {
            v.push(self.col_label()?);
        }
        Ok(v)
    }

    // ---------------------------------------------------------------- type names

    /// `Typename`: `[SETOF] SimpleTypename [array bounds | ARRAY [n]]`.
    fn type_name(&mut self) -> PgResult<TypeName> {
        let setof = self.eat_kw(Kw::Setof);
        let mut t = self.simple_type_name(false)?;
        t.setof = setof;
        if self.eat_kw(Kw::Array) {
            if self.eat_char('[') {
                let n = self.iconst()?;
                self.expect_char(']')?;
                t.array_bounds.push(n);
            } else {
                t.array_bounds.push(-1);
            }
            return Ok(t);
        }
        while self.eat_char('[') {
            if self.eat_char(']') {
                t.array_bounds.push(-1);
            } else {
                let n = self.iconst()?;
                self.expect_char(']')?;
                t.array_bounds.push(n);
            }
        }
        Ok(t)
    }

    fn opt_typmods(&mut self) -> PgResult<Vec<Expr>> {
        if self.is_char('(') {
            self.advance();
            let v = self.expr_list()?;
            self.expect_char(')')?;
            return Ok(v);
        }
        Ok(Vec::new())
    }

    /// `SimpleTypename` (or `ConstTypename` when `konst`, which gives no default lengths).
    fn simple_type_name(&mut self, konst: bool) -> PgResult<TypeName> {
        let loc = self.loc();
        let mk = |names: Vec<String>, typmods: Vec<Expr>| TypeName {
            names,
            typmods,
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(loc),
        };
        let word = self.word_at(0);
        match word {
            Some(Kw::Int | Kw::Integer | Kw::Smallint | Kw::Bigint | Kw::Real | Kw::Boolean) => {
                self.advance();
                let n = match word {
                    Some(Kw::Int | Kw::Integer) => "int4",
                    Some(Kw::Smallint) => "int2",
                    Some(Kw::Bigint) => "int8",
                    Some(Kw::Real) => "float4",
                    _ => "bool",
                };
                Ok(mk(sys(n), Vec::new()))
            }
            Some(Kw::Float) => {
                self.advance();
                if self.eat_char('(') {
                    let ploc = self.loc();
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    if p < 1 {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            "precision for type float must be at least 1 bit",
                        )
                        .with_position(lexer::char_position(self.sql, ploc)));
                    }
                    if p > 53 {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            "precision for type float must be less than 54 bits",
                        )
                        .with_position(lexer::char_position(self.sql, ploc)));
                    }
                    return Ok(mk(sys(if p <= 24 { "float4" } else { "float8" }), Vec::new()));
                }
                Ok(mk(sys("float8"), Vec::new()))
            }
            Some(Kw::Double) if self.is_kw_n(1, Kw::Precision) => {
                self.advance();
                self.advance();
                Ok(mk(sys("float8"), Vec::new()))
            }
            Some(Kw::Decimal | Kw::Dec | Kw::Numeric) => {
                self.advance();
                let m = self.opt_typmods()?;
                Ok(mk(sys("numeric"), m))
            }
            Some(Kw::Bit) => {
                self.advance();
                let varying = self.eat_kw(Kw::Varying);
                let mut m = self.opt_typmods()?;
                if m.is_empty() && !varying && !konst {
                    m.push(int_const(1, loc));
                }
                Ok(mk(sys(if varying { "varbit" } else { "bit" }), m))
            }
            Some(Kw::Character | Kw::Char | Kw::Varchar | Kw::Nchar | Kw::National) => {
                self.advance();
                if word == Some(Kw::National) && !(self.eat_kw(Kw::Character) || self.eat_kw(Kw::Char)) {
                    return self.err();
                }
                let varying = word == Some(Kw::Varchar) || self.eat_kw(Kw::Varying);
                let mut m = Vec::new();
                if self.eat_char('(') {
                    let l = self.loc();
                    m.push(int_const(self.iconst()?, l));
                    self.expect_char(')')?;
                }
                if m.is_empty() && !varying && !konst {
                    m.push(int_const(1, loc));
                }
                Ok(mk(sys(if varying { "varchar" } else { "bpchar" }), m))
            }
            Some(Kw::Timestamp | Kw::Time) => {
                self.advance();
                let mut m = Vec::new();
                if self.eat_char('(') {
                    let l = self.loc();
                    m.push(int_const(self.iconst()?, l));
                    self.expect_char(')')?;
                }
                // WITH before TIME or ORDINALITY is WITH_LA, the one opt_timezone takes.
                let tz = if self.is_kw(Kw::With) && matches!(self.word_at(1), Some(Kw::Time | Kw::Ordinality)) {
                    self.advance();
                    self.expect_kw(Kw::Time)?;
                    self.expect_kw(Kw::Zone)?;
                    true
                } else if self.eat_kw(Kw::Without) {
                    self.expect_kw(Kw::Time)?;
                    self.expect_kw(Kw::Zone)?;
                    false
                } else {
                    false
                };
                let n = match (word, tz) {
                    (Some(Kw::Timestamp), true) => "timestamptz",
                    (Some(Kw::Timestamp), false) => "timestamp",
                    (_, true) => "timetz",
                    _ => "time",
                };
                Ok(mk(sys(n), m))
            }
            Some(Kw::Interval) => {
                self.advance();
                if self.eat_char('(') {
                    let l = self.loc();
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    return Ok(mk(sys("interval"), vec![int_const(INTERVAL_FULL_RANGE, l), int_const(p, l)]));
                }
                let m = if konst { Vec::new() } else { self.opt_interval()? };
                Ok(mk(sys("interval"), m))
            }
            _ => {
                // GenericType: type_function_name [. attrs] [typmods], or name%TYPE.
                let mut names = vec![self.ident_with(Self::type_func_ok)?];
                while self.is_char('.') {
                    self.advance();
                    names.push(self.col_label()?);
                }
                if self.is_char('%') && self.is_kw_n(1, Kw::Type) {
                    self.advance();
                    self.advance();
                    let mut t = mk(names, Vec::new());
                    t.pct_type = true;
                    return Ok(t);
                }
                let m = self.opt_typmods()?;
                Ok(mk(names, m))
            }
        }
    }

    /// `opt_interval`: interval field restriction, as PostgreSQL's typmod list.
    fn opt_interval(&mut self) -> PgResult<Vec<Expr>> {
        let loc = self.loc();
        let field = |w: Kw| match w {
            Kw::Year => YEAR,
            Kw::Month => MONTH,
            Kw::Day => DAY,
            Kw::Hour => HOUR,
            Kw::Minute => MINUTE,
            _ => SECOND,
        };
        let Some(w) = self
            .word_at(0)
            .filter(|w| matches!(*w, Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second))
        else {
            return Ok(Vec::new());
        };
        self.advance();
        let mut mask = field(w);
        let mut last = w;
        if self.eat_kw(Kw::To) {
            let Some(to) = self.word_at(0) else { return self.err() };
            let ok = matches!(
                (w, to),
                (Kw::Year, Kw::Month)
                    | (Kw::Day, Kw::Hour | Kw::Minute | Kw::Second)
                    | (Kw::Hour, Kw::Minute | Kw::Second)
                    | (Kw::Minute, Kw::Second)
            );
            if !ok {
                return self.err();
            }
            self.advance();
            let order = [Kw::Year, Kw::Month, Kw::Day, Kw::Hour, Kw::Minute, Kw::Second];
            let from_i = order.iter().position(|x| *x == w).unwrap_or(0);
            let to_i = order.iter().position(|x| *x == to).unwrap_or(0);
            for f in &order[from_i..=to_i] {
                if *f != Kw::Month || w == Kw::Year {
                    mask |= field(*f);
                }
            }
            last = to;
        }
        let mut m = vec![int_const(mask, loc)];
        if last == Kw::Second && self.eat_char('(') {
            let l = self.loc();
            m.push(int_const(self.iconst()?, l));
            self.expect_char(')')?;
        }
        Ok(m)
    }

    // ---------------------------------------------------------------- SET / SHOW / RESET

    fn var_name(&mut self) -> PgResult<String> {
        let mut s = self.col_id()?;
        while self.eat_char('.') {
            s.push('.');
            s.push_str(&self.col_id()?);
        }
        Ok(s)
    }

    fn new_set(kind: VariableSetKind, name: &str) -> VariableSetStmt {
        VariableSetStmt {
            kind,
            name: name.to_string(),
            args: Vec::new(),
            interval_value: None,
            transaction_modes: Vec::new(),
            is_local: false,
        }
    }

    /// After `SET`: `[SESSION | LOCAL] set_rest`.
    /// After SET's `SESSION`: `AUTHORIZATION` or `CHARACTERISTICS AS`, the forms that begin
    /// with SESSION (where it is no prefix).
    fn session_form_follows(&self) -> bool {
        self.is_kw_n(1, Kw::Authorization) || (self.is_kw_n(1, Kw::Characteristics) && self.is_kw_n(2, Kw::As))
    }

    fn set_stmt_body(&mut self) -> PgResult<VariableSetStmt> {
        let mut is_local = false;
        // LOCAL and SESSION are prefixes unless they are the setting's name (`SET local TO x`).
        let named = self.is_kw_n(1, Kw::To) || self.is_char_n(1, '=');
        if self.is_kw(Kw::Local) && !named {
            self.advance();
            is_local = true;
        } else if self.is_kw(Kw::Session) && !named && !self.session_form_follows() {
            self.advance();
        }
        let mut s = self.set_rest()?;
        s.is_local = is_local;
        Ok(s)
    }

    fn set_rest(&mut self) -> PgResult<VariableSetStmt> {
        // `SET role TO x`, `SET schema = 'x'`, `SET time TO 1`: a keyword of the special forms
        // followed by TO or = is the name of a setting (gram.y's generic_set).
        if !(self.is_kw_n(1, Kw::To) || self.is_char_n(1, '=')) || !self.is_col_id() {
            if let Some(s) = self.set_rest_special()? {
                return Ok(s);
            }
        }
        self.set_rest_generic()
    }

    /// The special forms of `set_rest` (SET TRANSACTION, TIME ZONE, SCHEMA, NAMES, ROLE, ...);
    /// None when the statement is a generic `name TO value`.
    fn set_rest_special(&mut self) -> PgResult<Option<VariableSetStmt>> {
        if self.eat_kw(Kw::Transaction) {
            if self.eat_kw(Kw::Snapshot) {
                let mut s = Self::new_set(VariableSetKind::Value, "transaction_snapshot");
                s.args.push(Value::String(self.sconst()?));
                return Ok(Some(s));
            }
            let mut s = Self::new_set(VariableSetKind::Multi, "transaction");
            s.transaction_modes = self.transaction_modes(true)?;
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Session) && self.is_kw_n(1, Kw::Characteristics) {
            self.advance();
            self.advance();
            self.expect_kw(Kw::As)?;
            self.expect_kw(Kw::Transaction)?;
            let mut s = Self::new_set(VariableSetKind::Multi, "session characteristics");
            s.transaction_modes = self.transaction_modes(true)?;
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Time) && self.is_kw_n(1, Kw::Zone) {
            self.advance();
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "timezone");
            if self.eat_kw(Kw::Default) || self.eat_kw(Kw::Local) {
                s.kind = VariableSetKind::Default;
            } else if self.is_kw(Kw::Interval) {
                let loc = self.loc();
                s.interval_value = Some(self.typed_literal(loc)?);
            } else {
                match &self.peek().kind {
                    TokenKind::Sconst(v) | TokenKind::Ident(v) => {
                        s.args.push(Value::String(v.clone()));
                        self.advance();
                    }
                    _ => s.args.push(self.numeric_only()?),
                }
            }
            return Ok(Some(s));
        }
        // `SET schema = x`, `SET schema.x TO y`: a setting named "schema...".
        let generic_follows =
            self.is_char_n(1, '=') || self.is_char_n(1, '.') || matches!(self.word_at(1), Some(Kw::To | Kw::From));
        if self.is_kw(Kw::Schema) && !generic_follows {
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "search_path");
            s.args.push(Value::String(self.sconst()?));
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Names) {
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "client_encoding");
            if self.eat_kw(Kw::Default) {
                s.kind = VariableSetKind::Default;
            } else if !(self.at_eof() || self.is_char(';')) {
                s.args.push(Value::String(self.non_reserved_word_or_sconst()?));
            } else {
                s.kind = VariableSetKind::Default;
            }
            return Ok(Some(s));
        }
        // `SET ROLE = x` and `SET role TO x` are the generic form.
        // `SET role.x TO 1` is a generic setting named "role.x".
        if self.is_kw(Kw::Role) && !self.is_char_n(1, '=') && !self.is_char_n(1, '.') && !self.is_kw_n(1, Kw::To) {
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "role");
            s.args.push(Value::String(self.non_reserved_word_or_sconst()?));
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Session) && self.is_kw_n(1, Kw::Authorization) {
            self.advance();
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "session_authorization");
            if self.eat_kw(Kw::Default) {
                s.kind = VariableSetKind::Default;
            } else {
                s.args.push(Value::String(self.non_reserved_word_or_sconst()?));
            }
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Xml) && self.is_kw_n(1, Kw::Option) {
            self.advance();
            self.advance();
            let value = match self.word_at(0) {
                Some(Kw::Document) => "DOCUMENT",
                Some(Kw::Content) => "CONTENT",
                _ => return self.err(),
            };
            self.advance();
            let mut s = Self::new_set(VariableSetKind::Value, "xmloption");
            s.args.push(Value::String(value.into()));
            return Ok(Some(s));
        }
        if self.is_kw(Kw::Catalog) && matches!(self.peek_n(1).kind, TokenKind::Sconst(_)) {
            return Err(PgError::not_supported("current database cannot be changed")
                .with_position(lexer::char_position(self.sql, self.peek_n(1).start)));
        }
        Ok(None)
    }

    /// `generic_set`: `var_name {TO | =} {DEFAULT | var_list}`, and `var_name FROM CURRENT`.
    fn set_rest_generic(&mut self) -> PgResult<VariableSetStmt> {
        let name = self.var_name()?;
        if self.eat_kw(Kw::From) {
            self.expect_kw(Kw::Current)?;
            return Ok(Self::new_set(VariableSetKind::Current, &name));
        }
        if !(self.eat_kw(Kw::To) || self.eat_char('=')) {
            return self.err();
        }
        if self.eat_kw(Kw::Default) {
            return Ok(Self::new_set(VariableSetKind::Default, &name));
        }
        let mut s = Self::new_set(VariableSetKind::Value, &name);
        loop {
            s.args.push(self.var_value()?);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(s)
    }

    fn non_reserved_word_or_sconst(&mut self) -> PgResult<String> {
        if let TokenKind::Sconst(s) = &self.peek().kind {
            let s = s.clone();
            self.advance();
            return Ok(s);
        }
        self.non_reserved_word()
    }

    /// `var_value`: `opt_boolean_or_string | NumericOnly`.
    fn var_value(&mut self) -> PgResult<Value> {
        match self.word_at(0) {
            Some(Kw::True) | Some(Kw::False) | Some(Kw::On) => {
                let w = self.word_at(0).map(Kw::word).unwrap_or_default().to_string();
                self.advance();
                return Ok(Value::String(w));
            }
            _ => {}
        }
        match &self.peek().kind {
            TokenKind::Iconst(_) | TokenKind::Fconst(_) | TokenKind::Char('+') | TokenKind::Char('-') => {
                self.numeric_only()
            }
            _ => Ok(Value::String(self.non_reserved_word_or_sconst()?)),
        }
    }

    fn numeric_only(&mut self) -> PgResult<Value> {
        let neg = if self.eat_char('-') {
            true
        } else {
            let _ = self.eat_char('+');
            false
        };
        match &self.peek().kind {
            TokenKind::Iconst(v) => {
                let v = *v;
                self.advance();
                Ok(Value::Integer(if neg { -v } else { v }))
            }
            TokenKind::Fconst(s) => {
                let s = s.clone();
                self.advance();
                Ok(Value::Float(if neg { format!("-{s}") } else { s }))
            }
            _ => self.err(),
        }
    }

    fn reset_rest(&mut self) -> PgResult<VariableSetStmt> {
        if self.eat_kw(Kw::All) {
            return Ok(Self::new_set(VariableSetKind::ResetAll, ""));
        }
        let name = if self.is_kw(Kw::Time) && self.is_kw_n(1, Kw::Zone) {
            self.advance();
            self.advance();
            "timezone".to_string()
        } else if self.is_kw(Kw::Transaction) && self.is_kw_n(1, Kw::Isolation) {
            self.advance();
            self.advance();
            self.expect_kw(Kw::Level)?;
            "transaction_isolation".to_string()
        } else if self.is_kw(Kw::Session) && self.is_kw_n(1, Kw::Authorization) {
            self.advance();
            self.advance();
            "session_authorization".to_string()
        } else {
            self.var_name()?
        };
        Ok(Self::new_set(VariableSetKind::Reset, &name))
    }

    fn show_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Show)?;
        let name = if self.eat_kw(Kw::All) {
            "all".to_string()
        } else if self.is_kw(Kw::Time) && self.is_kw_n(1, Kw::Zone) {
            self.advance();
            self.advance();
            "timezone".to_string()
        } else if self.is_kw(Kw::Transaction) && self.is_kw_n(1, Kw::Isolation) {
            self.advance();
            self.advance();
            self.expect_kw(Kw::Level)?;
            "transaction_isolation".to_string()
        } else if self.is_kw(Kw::Session) && self.is_kw_n(1, Kw::Authorization) {
            self.advance();
            self.advance();
            "session_authorization".to_string()
        } else {
            self.var_name()?
        };
        Ok(Stmt::VariableShow { name })
    }

    // ---------------------------------------------------------------- transactions

    fn transaction_modes(&mut self, required: bool) -> PgResult<Vec<TransactionMode>> {
        let mut v = Vec::new();
        loop {
            let m = if self.is_kw(Kw::Isolation) {
                self.advance();
                self.expect_kw(Kw::Level)?;
                let lvl = if self.eat_kw(Kw::Serializable) {
                    IsolationLevel::Serializable
                } else if self.eat_kw(Kw::Repeatable) {
                    self.expect_kw(Kw::Read)?;
                    IsolationLevel::RepeatableRead
                } else {
                    self.expect_kw(Kw::Read)?;
                    if self.eat_kw(Kw::Committed) {
                        IsolationLevel::ReadCommitted
                    } else {
                        self.expect_kw(Kw::Uncommitted)?;
                        IsolationLevel::ReadUncommitted
                    }
                };
                TransactionMode::IsolationLevel(lvl)
            } else if self.is_kw(Kw::Read) {
                self.advance();
                if self.eat_kw(Kw::Only) {
                    TransactionMode::ReadOnly(true)
                } else {
                    self.expect_kw(Kw::Write)?;
                    TransactionMode::ReadOnly(false)
                }
            } else if self.eat_kw(Kw::Deferrable) {
                TransactionMode::Deferrable(true)
            } else if self.eat_kw(Kw::Not) {
                self.expect_kw(Kw::Deferrable)?;
                TransactionMode::Deferrable(false)
            } else {
                if v.is_empty() && !required {
                    return Ok(v);
                }
                return self.err();
            };
            v.push(m);
            if self.eat_char(',') {
                continue;
            }
            if !(self.is_kw(Kw::Isolation) || self.is_kw(Kw::Read) || self.is_kw(Kw::Deferrable) || self.is_kw(Kw::Not))
            {
                return Ok(v);
            }
        }
    }

    /// The optional SAVEPOINT of ROLLBACK TO / RELEASE: a keyword only when a name follows, else
    /// it is the savepoint's name (`RELEASE savepoint`), as bison reads it.
    fn opt_savepoint_keyword(&mut self) {
        if self.is_kw(Kw::Savepoint) && Self::token_is_ident_with(self.peek_n(1), Self::col_id_ok) {
            self.advance();
        }
    }

    fn transaction_stmt(&mut self) -> PgResult<Stmt> {
        let word = self.word_at(0);
        self.advance();
        let mut t = TransactionStmt {
            kind: TransactionKind::Begin,
            modes: Vec::new(),
            savepoint_name: None,
            gid: None,
            chain: false,
        };
        match word {
            Some(Kw::Begin) => {
                let _ = self.eat_kw(Kw::Work) || self.eat_kw(Kw::Transaction);
                t.modes = self.transaction_modes(false)?;
            }
            Some(Kw::Start) => {
                self.expect_kw(Kw::Transaction)?;
                t.kind = TransactionKind::Start;
                t.modes = self.transaction_modes(false)?;
            }
            Some(Kw::Commit | Kw::End | Kw::Rollback | Kw::Abort) => {
                let commit = matches!(word, Some(Kw::Commit | Kw::End));
                t.kind = if commit { TransactionKind::Commit } else { TransactionKind::Rollback };
                if matches!(word, Some(Kw::Commit | Kw::Rollback)) && self.eat_kw(Kw::Prepared) {
                    t.kind = if commit { TransactionKind::CommitPrepared } else { TransactionKind::RollbackPrepared };
                    t.gid = Some(self.sconst()?);
                    return Ok(Stmt::Transaction(t));
                }
                let _ = self.eat_kw(Kw::Work) || self.eat_kw(Kw::Transaction);
                if word == Some(Kw::Rollback) && self.eat_kw(Kw::To) {
                    self.opt_savepoint_keyword();
                    t.kind = TransactionKind::RollbackTo;
                    t.savepoint_name = Some(self.col_id()?);
                    return Ok(Stmt::Transaction(t));
                }
                if self.eat_kw(Kw::And) {
                    t.chain = !self.eat_kw(Kw::No);
                    self.expect_kw(Kw::Chain)?;
                }
            }
            Some(Kw::Savepoint) => {
                t.kind = TransactionKind::Savepoint;
                t.savepoint_name = Some(self.col_id()?);
            }
            Some(Kw::Release) => {
                self.opt_savepoint_keyword();
                t.kind = TransactionKind::Release;
                t.savepoint_name = Some(self.col_id()?);
            }
            Some(Kw::Prepare) => {
                self.expect_kw(Kw::Transaction)?;
                t.kind = TransactionKind::Prepare;
                t.gid = Some(self.sconst()?);
            }
            _ => return self.err(),
        }
        Ok(Stmt::Transaction(t))
    }

    // ---------------------------------------------------------------- roles

    fn role_spec(&mut self) -> PgResult<RoleSpec> {
        let loc = self.loc();
        match self.word_at(0) {
            Some(Kw::CurrentRole) => {
                self.advance();
                return Ok(RoleSpec::CurrentRole);
            }
            Some(Kw::CurrentUser) => {
                self.advance();
                return Ok(RoleSpec::CurrentUser);
            }
            Some(Kw::SessionUser) => {
                self.advance();
                return Ok(RoleSpec::SessionUser);
            }
            _ => {}
        }
        let name = self.non_reserved_word()?;
        match name.as_str() {
            "public" => Ok(RoleSpec::Public),
            "none" => Err(PgError::new(SqlState::RESERVED_NAME, "role name \"none\" is reserved")
                .with_position(lexer::char_position(self.sql, loc))),
            _ => Ok(RoleSpec::Name(name)),
        }
    }

    /// `RoleId`: a role spec that must be a plain name.
    fn role_id(&mut self) -> PgResult<String> {
        let loc = self.loc();
        match self.role_spec()? {
            RoleSpec::Name(n) => Ok(n),
            other => {
                let shown = match other {
                    RoleSpec::Public => "public",
                    RoleSpec::CurrentRole => "CURRENT_ROLE",
                    RoleSpec::CurrentUser => "CURRENT_USER",
                    _ => "SESSION_USER",
                };
                Err(PgError::new(SqlState::RESERVED_NAME, format!("role name \"{shown}\" is reserved"))
                    .with_position(lexer::char_position(self.sql, loc)))
            }
        }
    }

    fn role_list(&mut self) -> PgResult<Vec<RoleSpec>> {
        let mut v = vec![self.role_spec()?];
        while self.eat_char(',') {
            v.push(self.role_spec()?);
        }
        Ok(v)
    }

    fn role_options(&mut self, create: bool) -> PgResult<Vec<RoleOption>> {
        let _ = self.eat_kw(Kw::With);
        let mut v = Vec::new();
        loop {
            let loc = self.loc();
            let opt = match &self.peek().kind {
                TokenKind::Ident(w) => {
                    let w = w.clone();
                    self.advance();
                    match w.as_str() {
                        "superuser" => RoleOption::Superuser(true),
                        "nosuperuser" => RoleOption::Superuser(false),
                        "createdb" => RoleOption::CreateDb(true),
                        "nocreatedb" => RoleOption::CreateDb(false),
                        "createrole" => RoleOption::CreateRole(true),
                        "nocreaterole" => RoleOption::CreateRole(false),
                        "login" => RoleOption::Login(true),
                        "nologin" => RoleOption::Login(false),
                        "replication" => RoleOption::Replication(true),
                        "noreplication" => RoleOption::Replication(false),
                        "bypassrls" => RoleOption::BypassRls(true),
                        "nobypassrls" => RoleOption::BypassRls(false),
                        "noinherit" => RoleOption::Inherit(false),
                        _ => {
                            return Err(PgError::syntax(
                                format!("unrecognized role option \"{w}\""),
                                lexer::char_position(self.sql, loc),
                            ));
                        }
                    }
                }
                TokenKind::Keyword(k) => match k.kw {
                    Kw::Inherit => {
                        self.advance();
                        RoleOption::Inherit(true)
                    }
                    Kw::Password => {
                        self.advance();
                        if self.eat_kw(Kw::Null) {
                            RoleOption::Password(None)
                        } else {
                            RoleOption::Password(Some(self.sconst()?))
                        }
                    }
                    Kw::Encrypted => {
                        self.advance();
                        self.expect_kw(Kw::Password)?;
                        RoleOption::Password(Some(self.sconst()?))
                    }
                    Kw::Unencrypted => {
                        self.advance();
                        self.expect_kw(Kw::Password)?;
                        return Err(PgError::not_supported("UNENCRYPTED PASSWORD is no longer supported")
                            .with_hint("Remove UNENCRYPTED to store the password in encrypted form instead.")
                            .with_position(lexer::char_position(self.sql, loc)));
                    }
                    Kw::Connection => {
                        self.advance();
                        self.expect_kw(Kw::Limit)?;
                        RoleOption::ConnectionLimit(self.signed_iconst()?)
                    }
                    Kw::Valid => {
                        self.advance();
                        self.expect_kw(Kw::Until)?;
                        RoleOption::ValidUntil(self.sconst()?)
                    }
                    Kw::User => {
                        self.advance();
                        RoleOption::Role(self.role_list()?)
                    }
                    Kw::Sysid if create => {
                        self.advance();
                        RoleOption::SysId(self.iconst()?)
                    }
                    Kw::Admin if create => {
                        self.advance();
                        RoleOption::Admin(self.role_list()?)
                    }
                    Kw::Role if create => {
                        self.advance();
                        RoleOption::Role(self.role_list()?)
                    }
                    Kw::In if create => {
                        self.advance();
                        if !(self.eat_kw(Kw::Role) || self.eat_kw(Kw::Group)) {
                            return self.err();
                        }
                        RoleOption::InRole(self.role_list()?)
                    }
                    _ => return Ok(v),
                },
                _ => return Ok(v),
            };
            v.push(opt);
        }
    }

    fn role_kind(&mut self) -> RoleStmtKind {
        let k = match self.word_at(0) {
            Some(Kw::User) => RoleStmtKind::User,
            Some(Kw::Group) => RoleStmtKind::Group,
            _ => RoleStmtKind::Role,
        };
        self.advance();
        k
    }

    fn create_role(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        let kind = self.role_kind();
        let name = self.role_id()?;
        let options = self.role_options(true)?;
        Ok(Stmt::CreateRole(CreateRoleStmt { kind, name, options }))
    }

    fn alter_role(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        let kind = self.role_kind();
        if kind == RoleStmtKind::Group && !self.is_kw_n(1, Kw::Rename) {
            return self.alter_group_members();
        }
        let all = kind != RoleStmtKind::Group && self.eat_kw(Kw::All);
        let role = if all { None } else { Some(self.role_spec()?) };
        if let Some(r) = &role {
            if self.eat_kw(Kw::Rename) {
                self.expect_kw(Kw::To)?;
                let new_name = self.role_id()?;
                return Ok(Stmt::RenameRole { role: r.clone(), new_name });
            }
        }
        // IN begins only IN DATABASE here.
        let database = if self.is_kw(Kw::In) {
            self.advance();
            self.expect_kw(Kw::Database)?;
            Some(self.col_id()?)
        } else {
            None
        };
        if self.eat_kw(Kw::Set) {
            let set = self.set_rest()?;
            return Ok(Stmt::AlterRoleSet(AlterRoleSetStmt { role, database, set }));
        }
        if self.eat_kw(Kw::Reset) {
            let set = self.reset_rest()?;
            return Ok(Stmt::AlterRoleSet(AlterRoleSetStmt { role, database, set }));
        }
        if database.is_some() || all {
            return self.err();
        }
        let options = self.role_options(false)?;
        Ok(Stmt::AlterRole(AlterRoleStmt { role: role.unwrap_or(RoleSpec::CurrentUser), options }))
    }

    fn drop_role(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Drop)?;
        let _ = self.role_kind();
        let missing_ok = if self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Exists) {
            self.advance();
            self.advance();
            true
        } else {
            false
        };
        let roles = self.role_list()?;
        Ok(Stmt::DropRole(DropRoleStmt { roles, missing_ok }))
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
