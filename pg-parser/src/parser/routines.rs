//! The grammar of functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.
//!
//! PostgreSQL source area: gram.y `CreateFunctionStmt`, `DefineStmt` (aggregates, operators), `CreateOpClassStmt`, `CreateCastStmt`, `CreateTrigStmt`, `RuleStmt`, `DoStmt`, `CallStmt`.
//!
//! Written from the SQL command reference pages and checked against PostgreSQL 15. The
//! generic ALTER forms over these objects (RENAME TO, OWNER TO, SET SCHEMA, [NO] DEPENDS ON
//! EXTENSION) belong to `objects`: the ALTER entry point reads the object's signature, looks
//! at the action that follows and, for those, puts the position back and declines. That
//! lookahead is bounded by the signature, so the parse stays linear.

use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a function, procedure, aggregate, operator, operator class or family, cast, transform, language, trigger, event trigger or rule; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_routine_family(&mut self) -> PgResult<Option<Stmt>> {
        let mut n = 1;
        if self.is_kw_n(1, Kw::Or) && !self.is_kw_n(2, Kw::Replace) {
            return Err(self.error_at_token(self.pos + 2));
        }
        let replace = self.is_kw_n(1, Kw::Or);
        if replace {
            n = 3;
        }
        // DEFAULT only begins CREATE DEFAULT CONVERSION (never after OR REPLACE), and
        // CONSTRAINT only CREATE [OR REPLACE] CONSTRAINT TRIGGER: PostgreSQL reads the word and
        // stops at the next one.
        if self.word_at(n) == Some(Kw::Default) {
            if replace {
                return Err(self.error_at_token(self.pos + n));
            }
            if !self.is_kw_n(n + 1, Kw::Conversion) {
                return Err(self.error_at_token(self.pos + n + 1));
            }
        }
        if self.word_at(n) == Some(Kw::Constraint) && !self.is_kw_n(n + 1, Kw::Trigger) {
            return Err(self.error_at_token(self.pos + n + 1));
        }
        let stmt = match self.word_at(n) {
            Some(Kw::Function | Kw::Procedure) => {
                self.pos += n;
                self.create_function(replace)?
            }
            Some(Kw::Trusted | Kw::Procedural | Kw::Language) => {
                self.pos += n;
                self.create_language(replace)?
            }
            Some(Kw::Transform) => {
                self.pos += n;
                self.create_transform(replace)?
            }
            Some(Kw::Trigger) => {
                self.pos += n;
                self.create_trigger(replace, false)?
            }
            Some(Kw::Constraint) if self.is_kw_n(n + 1, Kw::Trigger) => {
                self.pos += n + 1;
                self.create_trigger(replace, true)?
            }
            Some(Kw::Rule) => {
                self.pos += n;
                self.create_rule(replace)?
            }
            // No OR REPLACE for these: gram.y stops at the object's keyword.
            Some(Kw::Aggregate) => {
                self.pos += n;
                self.create_aggregate(replace)?
            }
            Some(Kw::Operator | Kw::Cast) if replace => return Err(self.error_at_token(self.pos + n)),
            Some(Kw::Event) if replace => {
                return Err(self.error_at_token(self.pos + n));
            }
            Some(Kw::Event) => {
                self.pos += n;
                self.create_event_trigger()?
            }
            Some(Kw::Cast) => {
                self.pos += n;
                self.create_cast()?
            }
            // `CREATE OPERATOR class.+ (...)` names an operator in schema "class".
            Some(Kw::Operator) if self.is_kw_n(n + 1, Kw::Class) && !self.is_char_n(n + 2, '.') => {
                self.pos += n;
                self.create_opclass()?
            }
            Some(Kw::Operator) if self.is_kw_n(n + 1, Kw::Family) && !self.is_char_n(n + 2, '.') => {
                self.pos += n + 2;
                let (name, access_method) = self.opfamily_name()?;
                Stmt::OpFamily(Box::new(OpFamilyStmt { name, access_method, action: None }))
            }
            Some(Kw::Operator) => {
                self.pos += n;
                self.create_operator()?
            }
            _ => return Ok(None),
        };
        Ok(Some(stmt))
    }

    /// At `ALTER`: parses the statement when it is about one of those kinds; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_routine_family(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        match self.word_at(1) {
            Some(Kw::Function | Kw::Procedure | Kw::Routine) => {
                let kind = match self.word_at(1) {
                    Some(Kw::Function) => RoutineKind::Function,
                    Some(Kw::Procedure) => RoutineKind::Procedure,
                    _ => RoutineKind::Routine,
                };
                self.pos += 2;
                let func = self.function_with_argtypes()?;
                if self.at_generic_alter_action() {
                    self.pos = start;
                    return Ok(None);
                }
                let mut actions = vec![self.common_func_opt_item()?.ok_or_else(|| self.error())?];
                while let Some(o) = self.common_func_opt_item()? {
                    actions.push(o);
                }
                let _ = self.eat_kw(Kw::Restrict);
                Ok(Some(Stmt::AlterFunction(Box::new(AlterFunctionStmt { kind, func, actions }))))
            }
            Some(Kw::Event) => {
                if !self.is_kw_n(2, Kw::Trigger) {
                    return Err(self.error_at_token(self.pos + 2));
                }
                self.pos += 3;
                let name = self.col_id()?;
                if matches!(self.word_at(0), Some(Kw::Owner | Kw::Rename)) {
                    self.pos = start;
                    return Ok(None);
                }
                let enabled = if self.eat_kw(Kw::Disable) {
                    'D'
                } else {
                    self.expect_kw(Kw::Enable)?;
                    if self.eat_kw(Kw::Replica) {
                        'R'
                    } else if self.eat_kw(Kw::Always) {
                        'A'
                    } else {
                        'O'
                    }
                };
                Ok(Some(Stmt::AlterEventTrigger(AlterEventTriggerStmt { name, enabled })))
            }
            Some(Kw::Operator)
                if !matches!(self.word_at(2), Some(Kw::Class | Kw::Family)) || self.is_char_n(3, '.') =>
            {
                self.pos += 2;
                let oper = self.operator_with_argtypes()?;
                if self.is_kw(Kw::Owner) || (self.is_kw(Kw::Set) && self.is_kw_n(1, Kw::Schema)) {
                    self.pos = start;
                    return Ok(None);
                }
                self.expect_kw(Kw::Set)?;
                let options = self.operator_def_list()?;
                Ok(Some(Stmt::AlterOperator(Box::new(AlterOperatorStmt { oper, options }))))
            }
            Some(Kw::Operator) if self.is_kw_n(2, Kw::Family) => {
                self.pos += 3;
                let (name, access_method) = self.opfamily_name()?;
                let action = if self.eat_kw(Kw::Add) {
                    AlterOpFamilyAction::Add(self.opclass_items()?)
                } else if self.eat_kw(Kw::Drop) {
                    AlterOpFamilyAction::Drop(self.opfamily_drop_items()?)
                } else if self.is_kw(Kw::Set) && !self.is_kw_n(1, Kw::Schema) {
                    return Err(self.error_at_token(self.pos + 1));
                } else if matches!(self.word_at(0), Some(Kw::Rename | Kw::Owner | Kw::Set)) {
                    self.pos = start;
                    return Ok(None);
                } else {
                    return self.err();
                };
                Ok(Some(Stmt::OpFamily(Box::new(OpFamilyStmt { name, access_method, action: Some(action) }))))
            }
            _ => Ok(None),
        }
    }

    /// After an object's name in ALTER: RENAME TO, OWNER TO, SET SCHEMA name, [NO] DEPENDS
    /// ON EXTENSION, which `objects` parses. (`SET SCHEMA 'x'` is a function's SET of
    /// `search_path`.)
    fn at_generic_alter_action(&self) -> bool {
        match self.word_at(0) {
            // No routine option begins with NO, so bison takes it for NO DEPENDS.
            Some(Kw::Rename | Kw::Owner | Kw::Depends | Kw::No) => true,
            Some(Kw::Set) => {
                self.is_kw_n(1, Kw::Schema)
                    && !matches!(self.peek_n(2).kind, TokenKind::Sconst(_) | TokenKind::Char('.' | '='))
                    && !matches!(self.word_at(2), Some(Kw::To | Kw::From))
            }
            _ => false,
        }
    }

    // ------------------------------------------------------------ names and signatures

    /// `func_name`: `type_function_name`, or `ColId` followed by `.attr` names.
    pub(super) fn func_name(&mut self) -> PgResult<Vec<String>> {
        if self.is_char_n(1, '.') || self.is_char_n(1, '[') {
            if !self.is_col_id()
                && Self::kw_of(self.peek()).is_some_and(|k| k.category == KeywordCategory::TypeFuncName)
            {
                // A type_func_name keyword (`left`) names a function only unqualified: bison
                // reduces it to a whole name and fails at the `.` or `[` after it.
                return Err(self.error_at_token(self.pos + 1));
            }
            return self.dotted_name();
        }
        if let Some(k) = Self::kw_of(self.peek()) {
            if k.category == KeywordCategory::ColName {
                // A column-name keyword names a function only when qualified.
                return Err(self.error_at_token(self.pos + 1));
            }
        }
        Ok(vec![self.ident_with(Self::type_func_ok)?])
    }

    /// True when the token `n` ahead can begin a type (`func_type`).
    fn type_starts_at(&self, n: usize) -> bool {
        match &self.peek_n(n).kind {
            TokenKind::Ident(_) => true,
            TokenKind::Keyword(k) => match k.category {
                KeywordCategory::Unreserved | KeywordCategory::TypeFuncName => true,
                KeywordCategory::ColName => is_const_type_keyword(k.kw) || matches!(k.kw, Kw::Interval | Kw::Setof),
                KeywordCategory::Reserved => false,
            },
            _ => false,
        }
    }

    /// The parameter mode at the current token, if one is written (`arg_class`).
    fn arg_class(&mut self) -> Option<ParamMode> {
        let mode = match self.word_at(0)? {
            Kw::In if self.is_kw_n(1, Kw::Out) => {
                self.advance();
                ParamMode::InOut
            }
            Kw::In => ParamMode::In,
            Kw::Out => ParamMode::Out,
            Kw::Inout => ParamMode::InOut,
            Kw::Variadic => ParamMode::Variadic,
            _ => return None,
        };
        self.advance();
        Some(mode)
    }

    /// `func_type` of a routine's parameter or result: a type, `SETOF` type, or `name.attr%TYPE` (at least one dot: a bare
    /// `name%TYPE` is refused at the `%`, as PostgreSQL does).
    pub(super) fn param_type(&mut self) -> PgResult<TypeName> {
        let n = usize::from(self.is_kw(Kw::Setof));
        if self.is_char_n(n + 1, '%') {
            return Err(self.error_at_token(self.pos + n + 1));
        }
        let start = self.pos;
        let t = self.type_name()?;
        if t.pct_type && !t.array_bounds.is_empty() {
            // `%TYPE` ends the type: no array bounds after it.
            let pct = (start..self.pos).find(|&i| self.toks[i].kind == TokenKind::Char('%')).unwrap_or(start);
            return Err(self.error_at_token(pct + 2));
        }
        // After a qualified name PostgreSQL takes a `%` as the start of `%TYPE`, so anything
        // else is an error at the token after it.
        if self.is_char('%') && !t.pct_type && t.names.len() > 1 && t.typmods.is_empty() && t.array_bounds.is_empty() {
            return Err(self.error_at_token(self.pos + 1));
        }
        Ok(t)
    }

    /// `func_arg` (with `func_arg_with_default`'s DEFAULT when `with_default`): `[mode]
    /// [name] type`, or `name mode type`. A name is a word followed by something that can
    /// begin a type (or a mode): `double precision` is one type, `a double precision` a named
    /// parameter.
    pub(super) fn func_param(&mut self, with_default: bool) -> PgResult<FunctionParameter> {
        let location = Location(self.loc());
        let mut mode = self.arg_class();
        let mut name = None;
        let nameable = Self::token_is_ident_with(self.peek(), Self::type_func_ok);
        if nameable
            && (self.type_starts_at(1)
                || (mode.is_none() && matches!(self.word_at(1), Some(Kw::In | Kw::Out | Kw::Inout | Kw::Variadic))))
        {
            name = Some(self.ident_with(Self::type_func_ok)?);
            if mode.is_none() {
                mode = self.arg_class();
            }
        }
        let arg_type = self.param_type()?;
        let default =
            if with_default && (self.eat_kw(Kw::Default) || self.eat_char('=')) { Some(self.a_expr()?) } else { None };
        Ok(FunctionParameter { name, arg_type, mode: mode.unwrap_or(ParamMode::Default), default, location })
    }

    /// `'(' [func_arg, ...] ')'`, with defaults when `with_default`.
    fn func_params(&mut self, with_default: bool) -> PgResult<Vec<FunctionParameter>> {
        self.expect_char('(')?;
        let mut v = Vec::new();
        if !self.is_char(')') {
            loop {
                v.push(self.func_param(with_default)?);
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `function_with_argtypes`: a routine's name, with its argument types when written.
    pub(super) fn function_with_argtypes(&mut self) -> PgResult<ObjectWithArgs> {
        if Self::kw_of(self.peek()).is_some_and(|k| k.category == KeywordCategory::ColName)
            && !(self.is_char_n(1, '(') || self.is_char_n(1, '.') || self.is_char_n(1, '['))
        {
            // Without an argument list any ColId names the function, column-name keywords
            // too (`DROP FUNCTION int`), though func_name refuses them before `(`.
            let name = vec![self.col_id()?];
            return Ok(ObjectWithArgs { name, args: None });
        }
        let name = self.func_name()?;
        let args = if self.is_char('(') { Some(self.func_params(false)?) } else { None };
        Ok(ObjectWithArgs { name, args })
    }

    /// `any_operator`: an operator symbol, possibly qualified (`schema.+`).
    pub(super) fn any_operator(&mut self) -> PgResult<Vec<String>> {
        let mut names = Vec::new();
        while self.is_col_id() {
            // A name here can only be a schema, so a `.` must follow it.
            if !self.is_char_n(1, '.') {
                return Err(self.error_at_token(self.pos + 1));
            }
            names.push(self.col_id()?);
            self.advance();
        }
        match self.math_or_op() {
            Some(op) => {
                self.advance();
                names.push(op);
                Ok(names)
            }
            None => self.err(),
        }
    }

    /// `oper_argtypes`: `(left, right)` where NONE marks a missing operand. One type alone is
    /// PostgreSQL's "missing argument" error.
    pub(super) fn oper_argtypes(&mut self) -> PgResult<(Option<TypeName>, Option<TypeName>)> {
        self.expect_char('(')?;
        let left = if self.eat_kw(Kw::None) { None } else { Some(self.type_name()?) };
        if self.is_char(')') && left.is_some() {
            return Err(PgError::syntax("missing argument", lexer::char_position(self.sql, self.loc()))
                .with_hint("Use NONE to denote the missing argument of a unary operator."));
        }
        self.expect_char(',')?;
        if left.is_none() && self.is_kw(Kw::None) {
            // Only one operand may be missing: `(NONE, NONE)` fits no form.
            return self.err();
        }
        let right = if self.eat_kw(Kw::None) { None } else { Some(self.type_name()?) };
        self.expect_char(')')?;
        Ok((left, right))
    }

    /// `operator_with_argtypes`: `op (left, right)`.
    pub(super) fn operator_with_argtypes(&mut self) -> PgResult<OperatorWithArgs> {
        let name = self.any_operator()?;
        let (left, right) = self.oper_argtypes()?;
        Ok(OperatorWithArgs { name, left, right })
    }

    // ------------------------------------------------------------ CREATE FUNCTION

    /// At FUNCTION / PROCEDURE (after CREATE [OR REPLACE]).
    fn create_function(&mut self, replace: bool) -> PgResult<Stmt> {
        let is_procedure = self.word_at(0) == Some(Kw::Procedure);
        self.advance();
        let name = self.func_name()?;
        let parameters = self.func_params(true)?;
        let mut returns = None;
        if !is_procedure && self.is_kw(Kw::Returns) && !self.is_kw_n(1, Kw::Null) {
            self.advance();
            if self.eat_kw(Kw::Table) {
                self.expect_char('(')?;
                let mut cols = Vec::new();
                loop {
                    let location = Location(self.loc());
                    let name = self.ident_with(Self::type_func_ok)?;
                    let arg_type = self.param_type()?;
                    cols.push(FunctionParameter {
                        name: Some(name),
                        arg_type,
                        mode: ParamMode::Table,
                        default: None,
                        location,
                    });
                    if !self.eat_char(',') {
                        break;
                    }
                }
                self.expect_char(')')?;
                // The grammar merges the TABLE columns into the signature as soon as their list
                // ends, and refuses output parameters there, before reading further.
                if parameters.iter().any(|p| matches!(p.mode, ParamMode::Out | ParamMode::InOut)) {
                    return Err(PgError::new(
                        SqlState::SYNTAX_ERROR,
                        "OUT and INOUT arguments aren't allowed in TABLE functions",
                    ));
                }
                returns = Some(FunctionReturns::Table(cols));
            } else {
                returns = Some(FunctionReturns::Type(self.param_type()?));
            }
        }
        let mut options = Vec::new();
        while let Some(o) = self.createfunc_opt_item()? {
            options.push(o);
        }
        let body = self.opt_routine_body()?;
        Ok(Stmt::CreateFunction(Box::new(CreateFunctionStmt {
            is_procedure,
            replace,
            name,
            parameters,
            returns,
            options,
            body,
        })))
    }

    /// `createfunc_opt_item`: an option of CREATE FUNCTION, or `None` when none begins here.
    fn createfunc_opt_item(&mut self) -> PgResult<Option<FunctionOption>> {
        let o = match self.word_at(0) {
            Some(Kw::As) => {
                self.advance();
                let mut v = vec![self.sconst()?];
                if self.eat_char(',') {
                    v.push(self.sconst()?);
                }
                FunctionOption::As(v)
            }
            Some(Kw::Language) => {
                self.advance();
                FunctionOption::Language(self.non_reserved_word_or_sconst()?)
            }
            Some(Kw::Transform) => {
                self.advance();
                let mut v = Vec::new();
                loop {
                    self.expect_kw(Kw::For)?;
                    self.expect_kw(Kw::Type)?;
                    v.push(self.type_name()?);
                    if !self.eat_char(',') {
                        break;
                    }
                }
                FunctionOption::Transform(v)
            }
            Some(Kw::Window) => {
                self.advance();
                FunctionOption::Window
            }
            _ => return self.common_func_opt_item(),
        };
        Ok(Some(o))
    }

    /// `common_func_opt_item`: an option CREATE and ALTER FUNCTION share, or `None`.
    fn common_func_opt_item(&mut self) -> PgResult<Option<FunctionOption>> {
        let o = match self.word_at(0) {
            Some(Kw::Called) => {
                self.advance();
                self.expect_kw(Kw::On)?;
                self.expect_kw(Kw::Null)?;
                self.expect_kw(Kw::Input)?;
                FunctionOption::Strict(false)
            }
            Some(Kw::Returns) => {
                self.advance();
                self.expect_kw(Kw::Null)?;
                self.expect_kw(Kw::On)?;
                self.expect_kw(Kw::Null)?;
                self.expect_kw(Kw::Input)?;
                FunctionOption::Strict(true)
            }
            Some(Kw::Strict) => {
                self.advance();
                FunctionOption::Strict(true)
            }
            Some(Kw::Immutable) => {
                self.advance();
                FunctionOption::Volatility(Volatility::Immutable)
            }
            Some(Kw::Stable) => {
                self.advance();
                FunctionOption::Volatility(Volatility::Stable)
            }
            Some(Kw::Volatile) => {
                self.advance();
                FunctionOption::Volatility(Volatility::Volatile)
            }
            Some(Kw::External | Kw::Security) => {
                if self.eat_kw(Kw::External) {
                    self.expect_kw(Kw::Security)?;
                } else {
                    self.advance();
                }
                if self.eat_kw(Kw::Definer) {
                    FunctionOption::SecurityDefiner(true)
                } else {
                    self.expect_kw(Kw::Invoker)?;
                    FunctionOption::SecurityDefiner(false)
                }
            }
            Some(Kw::Leakproof) => {
                self.advance();
                FunctionOption::Leakproof(true)
            }
            // NOT before IN, LIKE, ... is parser.c's NOT_LA, which begins no option.
            Some(Kw::Not) if !self.at_not_la() => {
                self.advance();
                self.expect_kw(Kw::Leakproof)?;
                FunctionOption::Leakproof(false)
            }
            Some(Kw::Cost) => {
                self.advance();
                FunctionOption::Cost(self.numeric_only()?)
            }
            Some(Kw::Rows) => {
                self.advance();
                FunctionOption::Rows(self.numeric_only()?)
            }
            Some(Kw::Support) => {
                self.advance();
                FunctionOption::Support(self.any_name()?)
            }
            Some(Kw::Set) => {
                self.advance();
                // gram.y's set_rest_more: no SET TRANSACTION modes or SESSION CHARACTERISTICS
                // here, so those words can only be a setting's name, followed by TO, = or FROM.
                let generic_follows = self.is_char_n(1, '=')
                    || self.is_char_n(1, '.')
                    || matches!(self.word_at(1), Some(Kw::To | Kw::From));
                if (self.is_kw(Kw::Transaction) && !self.is_kw_n(1, Kw::Snapshot) || self.is_kw(Kw::Session))
                    && !generic_follows
                    && !self.is_kw_n(1, Kw::Authorization)
                {
                    return Err(self.error_at_token(self.pos + 1));
                }
                FunctionOption::Set(self.set_rest()?)
            }
            Some(Kw::Reset) => {
                self.advance();
                FunctionOption::Set(self.reset_rest()?)
            }
            Some(Kw::Parallel) => {
                self.advance();
                FunctionOption::Parallel(self.col_id()?)
            }
            _ => return Ok(None),
        };
        Ok(Some(o))
    }

    /// `opt_routine_body`: `RETURN expr`, or `BEGIN ATOMIC stmt; ... END`.
    fn opt_routine_body(&mut self) -> PgResult<Option<FunctionBody>> {
        if self.eat_kw(Kw::Return) {
            return Ok(Some(FunctionBody::Return(self.a_expr()?)));
        }
        if !self.eat_kw(Kw::Begin) {
            return Ok(None);
        }
        self.expect_kw(Kw::Atomic)?;
        let mut stmts = Vec::new();
        loop {
            self.tick()?;
            if self.eat_kw(Kw::End) {
                break;
            }
            if self.eat_char(';') {
                continue; // an empty statement
            }
            if self.eat_kw(Kw::Return) {
                stmts.push(Stmt::Return(self.a_expr()?));
            } else {
                // A body may hold any statement, another CREATE FUNCTION ... BEGIN ATOMIC
                // included, so nesting is bounded by the stack check.
                pg_error::check_stack_depth()?;
                stmts.push(self.statement()?);
            }
            self.expect_char(';')?;
        }
        Ok(Some(FunctionBody::Atomic(stmts)))
    }

    // ------------------------------------------------------------ DO, CALL

    /// `DO [LANGUAGE l] 'code'`: its items, in any order.
    pub(super) fn do_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Do)?;
        let mut items = Vec::new();
        loop {
            if self.eat_kw(Kw::Language) {
                items.push(DoOption::Language(self.non_reserved_word_or_sconst()?));
            } else if matches!(self.peek().kind, TokenKind::Sconst(_)) || items.is_empty() {
                items.push(DoOption::Code(self.sconst()?));
            } else {
                break;
            }
        }
        Ok(Stmt::Do(items))
    }

    /// `CALL f(args)` (`func_application`: no FILTER, OVER or WITHIN GROUP).
    pub(super) fn call_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Call)?;
        let name = self.func_name()?;
        self.expect_char('(')?;
        let mut f = Box::new(FuncCall::plain(name, Vec::new()));
        self.func_args(&mut f)?;
        self.expect_char(')')?;
        Ok(Stmt::Call(f))
    }

    // ------------------------------------------------------------ aggregates and operators

    /// At AGGREGATE (after CREATE [OR REPLACE]): `name (args) (definition)`, or the old
    /// form `name (BASETYPE = ..., ...)`, told apart by an identifier followed by `=`.
    fn create_aggregate(&mut self, replace: bool) -> PgResult<Stmt> {
        self.expect_kw(Kw::Aggregate)?;
        let name = self.func_name()?;
        if self.is_char('(') && matches!(self.peek_n(1).kind, TokenKind::Ident(_)) && self.is_char_n(2, '=') {
            self.advance();
            let mut definition = Vec::new();
            loop {
                self.tick()?;
                // `old_aggr_elem`: only a plain identifier names an option here.
                let location = Location(self.loc());
                let TokenKind::Ident(opt) = &self.peek().kind else { return self.err() };
                let opt = opt.clone();
                self.advance();
                self.expect_char('=')?;
                definition.push(DefElem { namespace: None, name: opt, arg: Some(self.def_arg()?), location });
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
            return Ok(Stmt::CreateAggregate(Box::new(CreateAggregateStmt { replace, name, args: None, definition })));
        }
        let args = Some(self.aggr_args()?);
        let definition = self.definition()?;
        Ok(Stmt::CreateAggregate(Box::new(CreateAggregateStmt { replace, name, args, definition })))
    }

    /// `aggr_args`: `(*)`, `(args)`, `(ORDER BY args)` or `(args ORDER BY args)`.
    pub(super) fn aggr_args(&mut self) -> PgResult<AggregateArgs> {
        self.expect_char('(')?;
        if self.is_char('*') {
            self.advance();
            self.expect_char(')')?;
            return Ok(AggregateArgs::Star);
        }
        let mut args = Vec::new();
        if !self.is_kw(Kw::Order) {
            args = self.aggr_arg_list()?;
        }
        let order_by = if self.eat_kw(Kw::Order) {
            self.expect_kw(Kw::By)?;
            Some(self.aggr_arg_list()?)
        } else {
            None
        };
        self.expect_char(')')?;
        Ok(AggregateArgs::List { args, order_by })
    }

    /// `aggr_arg, ...`: parameters without defaults, IN or VARIADIC only.
    fn aggr_arg_list(&mut self) -> PgResult<Vec<FunctionParameter>> {
        let mut v = Vec::new();
        loop {
            let p = self.func_param(false)?;
            if matches!(p.mode, ParamMode::Out | ParamMode::InOut) {
                return Err(PgError::not_supported("aggregates cannot have output arguments")
                    .with_position(lexer::char_position(self.sql, p.location.0)));
            }
            v.push(p);
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    /// At OPERATOR (after CREATE): `CREATE OPERATOR op (definition)`.
    fn create_operator(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Operator)?;
        let name = self.any_operator()?;
        let definition = self.definition()?;
        Ok(Stmt::CreateOperator(Box::new(CreateOperatorStmt { name, definition })))
    }

    // ------------------------------------------------------------ casts, transforms, languages

    /// At CAST (after CREATE).
    fn create_cast(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Cast)?;
        self.expect_char('(')?;
        let source = self.type_name()?;
        self.expect_kw(Kw::As)?;
        let target = self.type_name()?;
        self.expect_char(')')?;
        let method = if self.eat_kw(Kw::Without) {
            self.expect_kw(Kw::Function)?;
            CastMethod::WithoutFunction
        } else {
            self.expect_kw(Kw::With)?;
            if self.eat_kw(Kw::Inout) {
                CastMethod::InOut
            } else {
                self.expect_kw(Kw::Function)?;
                CastMethod::Function(self.function_with_argtypes()?)
            }
        };
        let context = if self.eat_kw(Kw::As) {
            if self.eat_kw(Kw::Implicit) {
                CastContext::Implicit
            } else {
                self.expect_kw(Kw::Assignment)?;
                CastContext::Assignment
            }
        } else {
            CastContext::Explicit
        };
        Ok(Stmt::CreateCast(Box::new(CreateCastStmt { source, target, method, context })))
    }

    /// At TRANSFORM (after CREATE [OR REPLACE]).
    fn create_transform(&mut self, replace: bool) -> PgResult<Stmt> {
        self.expect_kw(Kw::Transform)?;
        self.expect_kw(Kw::For)?;
        let type_name = self.type_name()?;
        self.expect_kw(Kw::Language)?;
        let language = self.col_id()?;
        self.expect_char('(')?;
        let mut from_sql = None;
        let mut to_sql = None;
        // One or both elements, FROM SQL and TO SQL in either order, each at most once.
        loop {
            let from = if from_sql.is_none() && self.is_kw(Kw::From) {
                true
            } else if to_sql.is_none() && self.is_kw(Kw::To) {
                false
            } else {
                return self.err();
            };
            self.advance();
            self.expect_kw(Kw::Sql)?;
            self.expect_kw(Kw::With)?;
            self.expect_kw(Kw::Function)?;
            let f = Some(self.function_with_argtypes()?);
            if from {
                from_sql = f;
            } else {
                to_sql = f;
            }
            if from_sql.is_some() && to_sql.is_some() || !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(Stmt::CreateTransform(Box::new(CreateTransformStmt { replace, type_name, language, from_sql, to_sql })))
    }

    /// At `[TRUSTED] [PROCEDURAL] LANGUAGE` (after CREATE [OR REPLACE]).
    fn create_language(&mut self, replace: bool) -> PgResult<Stmt> {
        let trusted = self.eat_kw(Kw::Trusted);
        let _ = self.eat_kw(Kw::Procedural);
        self.expect_kw(Kw::Language)?;
        let name = self.col_id()?;
        let mut stmt = CreateLanguageStmt { replace, name, trusted, handler: None, inline: None, validator: None };
        if self.eat_kw(Kw::Handler) {
            stmt.handler = Some(self.any_name()?);
            if self.eat_kw(Kw::Inline) {
                stmt.inline = Some(self.any_name()?);
            }
            if self.eat_kw(Kw::Validator) {
                stmt.validator = Some(self.any_name()?);
            } else if self.is_kw(Kw::No) && self.is_kw_n(1, Kw::Validator) {
                self.advance();
                self.advance();
            }
        }
        Ok(Stmt::CreateLanguage(Box::new(stmt)))
    }

    // ------------------------------------------------------------ operator classes and families

    /// `any_name USING access_method`.
    fn opfamily_name(&mut self) -> PgResult<(Vec<String>, String)> {
        let name = self.any_name()?;
        self.expect_kw(Kw::Using)?;
        Ok((name, self.col_id()?))
    }

    /// At `OPERATOR CLASS` (after CREATE).
    fn create_opclass(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Operator)?;
        self.expect_kw(Kw::Class)?;
        let name = self.any_name()?;
        let is_default = self.eat_kw(Kw::Default);
        self.expect_kw(Kw::For)?;
        self.expect_kw(Kw::Type)?;
        let data_type = self.type_name()?;
        self.expect_kw(Kw::Using)?;
        let access_method = self.col_id()?;
        let family = if self.eat_kw(Kw::Family) { Some(self.any_name()?) } else { None };
        self.expect_kw(Kw::As)?;
        let items = self.opclass_items()?;
        Ok(Stmt::CreateOpClass(Box::new(CreateOpClassStmt {
            name,
            is_default,
            data_type,
            access_method,
            family,
            items,
        })))
    }

    /// `opclass_item_list`.
    fn opclass_items(&mut self) -> PgResult<Vec<OpClassItem>> {
        self.comma_list(Self::opclass_item)
    }

    /// `opclass_item`: OPERATOR, FUNCTION or STORAGE.
    fn opclass_item(&mut self) -> PgResult<OpClassItem> {
        if self.eat_kw(Kw::Operator) {
            let number = self.iconst()?;
            let name = self.any_operator()?;
            let args = if self.is_char('(') { Some(self.oper_argtypes()?) } else { None };
            let purpose = if self.eat_kw(Kw::For) {
                if self.eat_kw(Kw::Search) {
                    OpClassPurpose::Search
                } else {
                    self.expect_kw(Kw::Order)?;
                    self.expect_kw(Kw::By)?;
                    OpClassPurpose::OrderBy(self.any_name()?)
                }
            } else {
                OpClassPurpose::Search
            };
            if self.is_kw(Kw::Recheck) {
                // Accepted and ignored, with PostgreSQL's NOTICE.
                pg_error::notice::emit_notice(
                    PgError::not_supported("RECHECK is no longer required")
                        .with_severity(pg_error::Severity::Notice)
                        .with_hint("Update your data type.")
                        .with_position(lexer::char_position(self.sql, self.loc())),
                );
                self.advance();
            }
            return Ok(OpClassItem::Operator { number, name, args, purpose });
        }
        if self.eat_kw(Kw::Function) {
            let number = self.iconst()?;
            let class_args = if self.is_char('(') { Some(self.paren_type_list()?) } else { None };
            let func = self.function_with_argtypes()?;
            return Ok(OpClassItem::Function { number, class_args, func });
        }
        self.expect_kw(Kw::Storage)?;
        Ok(OpClassItem::Storage(self.type_name()?))
    }

    /// `'(' type_list ')'`.
    fn paren_type_list(&mut self) -> PgResult<Vec<TypeName>> {
        self.expect_char('(')?;
        let mut v = vec![self.type_name()?];
        while self.eat_char(',') {
            v.push(self.type_name()?);
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `opclass_drop_list` of ALTER OPERATOR FAMILY ... DROP.
    fn opfamily_drop_items(&mut self) -> PgResult<Vec<OpFamilyDropItem>> {
        let mut v = Vec::new();
        loop {
            self.tick()?;
            let is_function = if self.eat_kw(Kw::Function) {
                true
            } else {
                self.expect_kw(Kw::Operator)?;
                false
            };
            let number = self.iconst()?;
            let types = self.paren_type_list()?;
            v.push(OpFamilyDropItem { is_function, number, types });
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    // ------------------------------------------------------------ triggers

    /// At `TRIGGER` (after CREATE [OR REPLACE] [CONSTRAINT]).
    fn create_trigger(&mut self, replace: bool, is_constraint: bool) -> PgResult<Stmt> {
        self.expect_kw(Kw::Trigger)?;
        let name = self.col_id()?;
        let timing = if is_constraint {
            self.expect_kw(Kw::After)?;
            TriggerTiming::After
        } else if self.eat_kw(Kw::Before) {
            TriggerTiming::Before
        } else if self.eat_kw(Kw::After) {
            TriggerTiming::After
        } else {
            self.expect_kw(Kw::Instead)?;
            self.expect_kw(Kw::Of)?;
            TriggerTiming::InsteadOf
        };
        let events = self.trigger_events()?;
        self.expect_kw(Kw::On)?;
        let relation = self.qualified_name()?;
        let mut stmt = CreateTriggerStmt {
            replace,
            is_constraint,
            name,
            relation,
            func_name: Vec::new(),
            args: Vec::new(),
            row: false,
            timing,
            events,
            when: None,
            transitions: Vec::new(),
            deferrable: false,
            initially_deferred: false,
            constraint_relation: None,
        };
        if is_constraint {
            if self.eat_kw(Kw::From) {
                stmt.constraint_relation = Some(self.qualified_name()?);
            }
            (stmt.deferrable, stmt.initially_deferred) = self.trigger_constraint_attributes()?;
            self.expect_kw(Kw::For)?;
            self.expect_kw(Kw::Each)?;
            self.expect_kw(Kw::Row)?;
            stmt.row = true;
        } else {
            if self.eat_kw(Kw::Referencing) {
                loop {
                    let is_new = if self.eat_kw(Kw::New) {
                        true
                    } else {
                        self.expect_kw(Kw::Old)?;
                        false
                    };
                    let is_table = if self.eat_kw(Kw::Table) {
                        true
                    } else {
                        self.expect_kw(Kw::Row)?;
                        false
                    };
                    let _ = self.eat_kw(Kw::As);
                    let name = self.col_id()?;
                    stmt.transitions.push(TriggerTransition { name, is_new, is_table });
                    if !matches!(self.word_at(0), Some(Kw::New | Kw::Old)) {
                        break;
                    }
                }
            }
            if self.eat_kw(Kw::For) {
                let _ = self.eat_kw(Kw::Each);
                if self.eat_kw(Kw::Row) {
                    stmt.row = true;
                } else {
                    self.expect_kw(Kw::Statement)?;
                }
            }
        }
        if self.eat_kw(Kw::When) {
            self.expect_char('(')?;
            stmt.when = Some(self.a_expr()?);
            self.expect_char(')')?;
        }
        self.execute_function_or_procedure()?;
        stmt.func_name = self.func_name()?;
        // `TriggerFuncArgs` starts from an empty list, so `f(, 'a')` is `f('a')`.
        self.expect_char('(')?;
        if !self.is_char(')') && !self.is_char(',') {
            stmt.args.push(self.trigger_func_arg()?);
        }
        while self.eat_char(',') {
            stmt.args.push(self.trigger_func_arg()?);
        }
        self.expect_char(')')?;
        Ok(Stmt::CreateTrigger(Box::new(stmt)))
    }

    /// `EXECUTE {FUNCTION | PROCEDURE}` (the same thing).
    fn execute_function_or_procedure(&mut self) -> PgResult<()> {
        self.expect_kw(Kw::Execute)?;
        if !self.eat_kw(Kw::Function) {
            self.expect_kw(Kw::Procedure)?;
        }
        Ok(())
    }

    /// `TriggerEvents`: `event [OR event ...]`. Naming an event twice is PostgreSQL's
    /// "duplicate trigger events specified", reported at the token after the repeat.
    fn trigger_events(&mut self) -> PgResult<TriggerEvents> {
        let mut ev = TriggerEvents::default();
        loop {
            let flag = match self.word_at(0) {
                Some(Kw::Insert) => &mut ev.insert,
                Some(Kw::Delete) => &mut ev.delete,
                Some(Kw::Update) => &mut ev.update,
                Some(Kw::Truncate) => &mut ev.truncate,
                _ => return self.err(),
            };
            let dup = std::mem::replace(flag, true);
            let is_update = self.word_at(0) == Some(Kw::Update);
            let event_token = self.pos;
            self.advance();
            if is_update && self.eat_kw(Kw::Of) {
                let cols = self.name_list()?;
                if !dup {
                    ev.columns.extend(cols);
                }
            }
            if dup {
                // PostgreSQL reports it as a syntax error at the last token its parser had
                // read: the event itself, or for UPDATE the token that ended it.
                let t = &self.toks[if is_update { self.pos } else { event_token }];
                let (start, end) = match t.kind {
                    TokenKind::Eof => (self.sql.len(), self.sql.len()),
                    _ => (t.start, t.end),
                };
                return Err(lexer::error_at(self.sql, "duplicate trigger events specified", start, end));
            }
            if !self.eat_kw(Kw::Or) {
                return Ok(ev);
            }
        }
    }

    /// `ConstraintAttributeSpec` of a constraint trigger: DEFERRABLE, NOT DEFERRABLE,
    /// INITIALLY DEFERRED / IMMEDIATE in any order; returns (deferrable, initially deferred).
    /// Contradictions are errors of the grammar; NOT VALID and NO INHERIT do not apply to
    /// triggers.
    fn trigger_constraint_attributes(&mut self) -> PgResult<(bool, bool)> {
        let (mut deferrable, mut not_deferrable, mut deferred, mut immediate) = (false, false, false, false);
        let mut not_valid = false;
        let mut no_inherit = false;
        loop {
            let at = self.loc();
            if self.is_kw(Kw::Deferrable) {
                self.advance();
                deferrable = true;
            } else if !self.at_not_la() && self.eat_kw(Kw::Not) {
                if self.eat_kw(Kw::Valid) {
                    not_valid = true;
                } else {
                    self.expect_kw(Kw::Deferrable)?;
                    not_deferrable = true;
                }
            } else if self.eat_kw(Kw::No) {
                self.expect_kw(Kw::Inherit)?;
                no_inherit = true;
            } else if self.eat_kw(Kw::Initially) {
                if self.eat_kw(Kw::Deferred) {
                    deferred = true;
                } else {
                    self.expect_kw(Kw::Immediate)?;
                    immediate = true;
                }
            } else {
                break;
            }
            let pos = lexer::char_position(self.sql, at);
            if not_deferrable && deferred {
                return Err(PgError::syntax("constraint declared INITIALLY DEFERRED must be DEFERRABLE", pos));
            }
            if (not_deferrable && deferrable) || (deferred && immediate) {
                return Err(PgError::syntax("conflicting constraint properties", pos));
            }
        }
        // gram.y raises these without a position.
        if not_valid {
            return Err(PgError::not_supported("TRIGGER constraints cannot be marked NOT VALID"));
        }
        if no_inherit {
            return Err(PgError::not_supported("TRIGGER constraints cannot be marked NO INHERIT"));
        }
        Ok((deferrable, deferred))
    }

    /// `TriggerFuncArg`: a number, a string or a word, each kept as text.
    fn trigger_func_arg(&mut self) -> PgResult<String> {
        let s = match &self.peek().kind {
            TokenKind::Iconst(v) => v.to_string(),
            TokenKind::Fconst(s) | TokenKind::Sconst(s) => s.clone(),
            _ => return self.col_label(),
        };
        self.advance();
        Ok(s)
    }

    /// At `EVENT TRIGGER` (after CREATE).
    fn create_event_trigger(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Event)?;
        self.expect_kw(Kw::Trigger)?;
        let name = self.col_id()?;
        self.expect_kw(Kw::On)?;
        let event = self.col_label()?;
        let mut when = Vec::new();
        if self.eat_kw(Kw::When) {
            loop {
                let variable = self.col_id()?;
                self.expect_kw(Kw::In)?;
                self.expect_char('(')?;
                let mut values = vec![self.sconst()?];
                while self.eat_char(',') {
                    values.push(self.sconst()?);
                }
                self.expect_char(')')?;
                when.push(EventTriggerFilter { variable, values });
                if !self.eat_kw(Kw::And) {
                    break;
                }
            }
        }
        self.execute_function_or_procedure()?;
        let func_name = self.func_name()?;
        self.expect_char('(')?;
        self.expect_char(')')?;
        Ok(Stmt::CreateEventTrigger(Box::new(CreateEventTriggerStmt { name, event, when, func_name })))
    }

    // ------------------------------------------------------------ rules

    /// At `RULE` (after CREATE [OR REPLACE]).
    fn create_rule(&mut self, replace: bool) -> PgResult<Stmt> {
        self.expect_kw(Kw::Rule)?;
        let name = self.col_id()?;
        self.expect_kw(Kw::As)?;
        self.expect_kw(Kw::On)?;
        let event = match self.word_at(0) {
            Some(Kw::Select) => RuleEvent::Select,
            Some(Kw::Update) => RuleEvent::Update,
            Some(Kw::Delete) => RuleEvent::Delete,
            Some(Kw::Insert) => RuleEvent::Insert,
            _ => return self.err(),
        };
        self.advance();
        self.expect_kw(Kw::To)?;
        let relation = self.qualified_name()?;
        let where_clause = if self.eat_kw(Kw::Where) { Some(self.a_expr()?) } else { None };
        self.expect_kw(Kw::Do)?;
        let instead = if self.eat_kw(Kw::Instead) {
            true
        } else {
            let _ = self.eat_kw(Kw::Also);
            false
        };
        let mut actions = Vec::new();
        if self.eat_kw(Kw::Nothing) {
        } else if self.eat_char('(') {
            loop {
                self.tick()?;
                if !self.is_char(';') && !self.is_char(')') {
                    let action = self.rule_action()?;
                    // `(SELECT ...) UNION ...`: the parentheses held a query, not a list of
                    // actions (bison shifts the `)` into select_with_parens).
                    if let Stmt::Select(first) = action {
                        if actions.is_empty()
                            && self.is_char(')')
                            && matches!(
                                self.word_at(1),
                                Some(
                                    Kw::Union
                                        | Kw::Intersect
                                        | Kw::Except
                                        | Kw::Order
                                        | Kw::Limit
                                        | Kw::Offset
                                        | Kw::Fetch
                                        | Kw::For
                                )
                            )
                        {
                            self.advance();
                            let query = self.select_clause_from(first, 0)?;
                            actions.push(Stmt::Select(self.select_decorations(query)?));
                            break;
                        }
                        actions.push(Stmt::Select(first));
                    } else {
                        actions.push(action);
                    }
                }
                if !self.eat_char(';') {
                    self.expect_char(')')?;
                    break;
                }
            }
        } else {
            actions.push(self.rule_action()?);
        }
        Ok(Stmt::CreateRule(Box::new(CreateRuleStmt {
            replace,
            name,
            relation,
            event,
            where_clause,
            instead,
            actions,
        })))
    }

    /// `RuleActionStmt`: SELECT, INSERT, UPDATE, DELETE or NOTIFY.
    fn rule_action(&mut self) -> PgResult<Stmt> {
        match self.word_at(0) {
            Some(
                Kw::Select | Kw::Values | Kw::Table | Kw::With | Kw::Insert | Kw::Update | Kw::Delete | Kw::Notify,
            ) => self.statement(),
            None if self.is_char('(') => self.statement(),
            _ => self.err(),
        }
    }
}
