//! The grammar of types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.
//!
//! PostgreSQL source area: gram.y `DefineStmt` (types, collations, text search), `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`, `AlterEnumStmt`, `CreateDomainStmt`, `AlterDomainStmt`, `CreateStatsStmt`, `CreatePolicyStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a type, domain, collation, conversion, text search object, statistics object or policy; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_type_family(&mut self) -> PgResult<Option<Stmt>> {
        let stmt = match (self.word_at(1), self.word_at(2)) {
            (Some(Kw::Type), _) => {
                self.pos += 2;
                self.create_type()?
            }
            (Some(Kw::Collation), _) => {
                self.pos += 2;
                self.create_collation()?
            }
            (Some(Kw::Conversion), _) => {
                self.pos += 2;
                self.create_conversion(false)?
            }
            // DEFAULT after CREATE begins only CREATE DEFAULT CONVERSION.
            (Some(Kw::Default), _) => {
                self.pos += 2;
                self.expect_kw(Kw::Conversion)?;
                self.create_conversion(true)?
            }
            (Some(Kw::Text), _) => {
                self.pos += 2;
                self.expect_kw(Kw::Search)?;
                self.create_text_search()?
            }
            (Some(Kw::Statistics), _) => {
                self.pos += 2;
                self.create_statistics()?
            }
            (Some(Kw::Policy), _) => {
                self.pos += 2;
                self.create_policy()?
            }
            (Some(Kw::Domain), _) => {
                self.pos += 2;
                self.create_domain()?
            }
            _ => return Ok(None),
        };
        Ok(Some(stmt))
    }
    /// At `ALTER`: parses the statement when it is about one of those kinds; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_type_family(&mut self) -> PgResult<Option<Stmt>> {
        match (self.word_at(1), self.word_at(2)) {
            (Some(Kw::Type), _) => self.alter_type(),
            (Some(Kw::Collation), _) => self.alter_collation(),
            (Some(Kw::Text), _) => self.alter_text_search(),
            (Some(Kw::Statistics), _) => self.alter_statistics(),
            (Some(Kw::Policy), _) => self.alter_policy(),
            (Some(Kw::Domain), _) => self.alter_domain(),
            _ => Ok(None),
        }
    }
}

impl Parser<'_> {
    /// `definition`: `'(' def_elem [, ...] ')'`, shared with CREATE AGGREGATE and CREATE
    /// OPERATOR (routines), CREATE COLLATION and the text search objects.
    pub(super) fn definition(&mut self) -> PgResult<Vec<DefElem>> {
        self.expect_char('(')?;
        let mut v = vec![self.def_elem()?];
        while self.eat_char(',') {
            self.tick()?;
            v.push(self.def_elem()?);
        }
        self.expect_char(')')?;
        Ok(v)
    }

    /// `def_elem`: `ColLabel ['=' def_arg]`.
    pub(super) fn def_elem(&mut self) -> PgResult<DefElem> {
        let location = Location(self.loc());
        let name = self.col_label()?;
        let arg = if self.eat_char('=') { Some(self.def_arg()?) } else { None };
        Ok(DefElem { namespace: None, name, arg, location })
    }

    /// `def_arg`: a type or function name, a reserved keyword, an operator, a number, a string
    /// or NONE. A sign followed by a number is the number; a sign alone is an operator.
    pub(super) fn def_arg(&mut self) -> PgResult<DefArg> {
        let signed_number = (self.is_char('-') || self.is_char('+'))
            && matches!(self.peek_n(1).kind, TokenKind::Iconst(_) | TokenKind::Fconst(_));
        match &self.peek().kind {
            TokenKind::Sconst(s) => {
                let s = s.clone();
                self.advance();
                return Ok(DefArg::String(s));
            }
            TokenKind::Iconst(_) | TokenKind::Fconst(_) => return self.def_number(),
            _ if signed_number => return self.def_number(),
            TokenKind::Keyword(k) if k.kw == Kw::None => {
                self.advance();
                return Ok(DefArg::String("none".into()));
            }
            TokenKind::Keyword(k) if k.kw == Kw::Operator && self.is_char_n(1, '(') => {
                return Ok(DefArg::Operator(self.qual_all_op()?));
            }
            // Reserved keywords cannot start a type name (`func_type`), so they are strings;
            // parser.c's NOT_LA (NOT before IN, LIKE, ...) is no keyword of that list.
            TokenKind::Keyword(k) if k.category == KeywordCategory::Reserved && !self.at_not_la() => {
                let w = k.word.to_string();
                self.advance();
                return Ok(DefArg::String(w));
            }
            _ => {}
        }
        if self.math_or_op().is_some() {
            return Ok(DefArg::Operator(self.qual_all_op()?));
        }
        Ok(DefArg::Type(self.func_type()?))
    }

    fn def_number(&mut self) -> PgResult<DefArg> {
        Ok(match self.numeric_only()? {
            Value::Integer(v) => DefArg::Integer(v),
            Value::Float(s) => DefArg::Float(s),
            _ => unreachable!("numeric_only gives numbers"),
        })
    }

    /// `func_type`: `Typename`, or `[SETOF] name[.attrs]%TYPE` (which `type_name` reads too).
    pub(super) fn func_type(&mut self) -> PgResult<TypeName> {
        self.type_name()
    }
}

impl Parser<'_> {
    /// `opt_drop_behavior`: `[CASCADE | RESTRICT]`.
    pub(super) fn opt_drop_behavior(&mut self) -> DropBehavior {
        if self.eat_kw(Kw::Cascade) {
            DropBehavior::Cascade
        } else {
            let _ = self.eat_kw(Kw::Restrict);
            DropBehavior::Restrict
        }
    }

    /// `opt_collate_clause`: `[COLLATE any_name]`.
    fn opt_collate_clause(&mut self) -> PgResult<Option<Vec<String>>> {
        if self.eat_kw(Kw::Collate) {
            Ok(Some(self.any_name()?))
        } else {
            Ok(None)
        }
    }

    /// After `CREATE TYPE`: `any_name` then nothing (shell), a definition (base type), or
    /// `AS` with a composite attribute list, `ENUM (...)` or `RANGE (...)`.
    fn create_type(&mut self) -> PgResult<Stmt> {
        let name = self.any_name()?;
        let kind = if self.is_char('(') {
            CreateTypeKind::Base(self.definition()?)
        } else if self.eat_kw(Kw::As) {
            if self.eat_kw(Kw::Enum) {
                self.expect_char('(')?;
                let mut labels = Vec::new();
                if !self.is_char(')') {
                    labels.push(self.sconst()?);
                    while self.eat_char(',') {
                        self.tick()?;
                        labels.push(self.sconst()?);
                    }
                }
                self.expect_char(')')?;
                CreateTypeKind::Enum(labels)
            } else if self.eat_kw(Kw::Range) {
                CreateTypeKind::Range(self.definition()?)
            } else {
                self.expect_char('(')?;
                let mut attrs = Vec::new();
                if !self.is_char(')') {
                    attrs.push(self.composite_attr()?);
                    while self.eat_char(',') {
                        self.tick()?;
                        attrs.push(self.composite_attr()?);
                    }
                }
                self.expect_char(')')?;
                CreateTypeKind::Composite(attrs)
            }
        } else {
            CreateTypeKind::Shell
        };
        Ok(Stmt::CreateType(CreateTypeStmt { name, kind }))
    }

    /// `TableFuncElement`: `ColId Typename [COLLATE any_name]`.
    fn composite_attr(&mut self) -> PgResult<CompositeAttr> {
        let name = self.col_id()?;
        let type_name = self.type_name()?;
        let collation = self.opt_collate_clause()?;
        Ok(CompositeAttr { name, type_name, collation })
    }

    /// At `ALTER TYPE`: the forms of this family; RENAME TO, OWNER TO and SET SCHEMA are
    /// the generic ALTER forms of the objects family, so for them nothing is consumed.
    fn alter_type(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.advance();
        self.advance();
        let name = self.any_name()?;
        let mine = (self.is_kw(Kw::Rename) && matches!(self.word_at(1), Some(Kw::Value | Kw::Attribute)))
            || (self.is_kw(Kw::Set) && self.is_char_n(1, '('));
        if self.generic_alter(mine)? {
            self.pos = start;
            return Ok(None);
        }
        let action = match self.word_at(0) {
            Some(Kw::Add) if self.is_kw_n(1, Kw::Value) => {
                self.advance();
                self.advance();
                // A string follows, never a name: after IF, NOT EXISTS is required.
                let if_not_exists = self.eat_kw(Kw::If);
                if if_not_exists {
                    if self.at_not_la() {
                        return self.err();
                    }
                    self.expect_kw(Kw::Not)?;
                    self.expect_kw(Kw::Exists)?;
                }
                let value = self.sconst()?;
                let neighbor = if self.eat_kw(Kw::Before) {
                    Some((true, self.sconst()?))
                } else if self.eat_kw(Kw::After) {
                    Some((false, self.sconst()?))
                } else {
                    None
                };
                AlterTypeAction::AddValue { if_not_exists, value, neighbor }
            }
            Some(Kw::Rename) if self.is_kw_n(1, Kw::Value) => {
                self.advance();
                self.advance();
                let old = self.sconst()?;
                self.expect_kw(Kw::To)?;
                let new = self.sconst()?;
                AlterTypeAction::RenameValue { old, new }
            }
            Some(Kw::Rename) => {
                self.advance();
                self.expect_kw(Kw::Attribute)?;
                let old = self.col_id()?;
                self.expect_kw(Kw::To)?;
                let new = self.col_id()?;
                let behavior = self.opt_drop_behavior();
                AlterTypeAction::RenameAttribute { old, new, behavior }
            }
            Some(Kw::Set) => {
                self.advance();
                AlterTypeAction::Set(self.operator_def_list()?)
            }
            _ => {
                let mut cmds = vec![self.alter_attribute_cmd()?];
                while self.eat_char(',') {
                    self.tick()?;
                    cmds.push(self.alter_attribute_cmd()?);
                }
                AlterTypeAction::Attributes(cmds)
            }
        };
        Ok(Some(Stmt::AlterType(AlterTypeStmt { name, action })))
    }

    /// `[IF NOT EXISTS]` before a name. IF is an unreserved keyword, so it is the name
    /// itself unless NOT follows (`CREATE TABLE if (...)`), as bison decides with one token of
    /// lookahead; after `IF NOT`, EXISTS is required.
    pub(super) fn opt_if_not_exists(&mut self) -> PgResult<bool> {
        // `IF NOT_LA` (NOT before IN, LIKE, ...): IF is the name and NOT the error.
        if self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Not) && !self.at_not_la_n(1) {
            self.pos += 2;
            self.expect_kw(Kw::Exists)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// `[IF EXISTS]` before a name: IF followed by anything but EXISTS is the name itself
    /// (`DROP ATTRIBUTE if`).
    pub(super) fn opt_if_exists(&mut self) -> PgResult<bool> {
        if self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Exists) {
            self.pos += 2;
            return Ok(true);
        }
        Ok(false)
    }

    /// `[IF EXISTS]` where no name can follow (`DROP MAPPING IF EXISTS FOR`): after IF,
    /// EXISTS is required.
    fn opt_if_exists_strict(&mut self) -> PgResult<bool> {
        if self.eat_kw(Kw::If) {
            self.expect_kw(Kw::Exists)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// `alter_type_cmd`: ADD / DROP / ALTER ATTRIBUTE.
    fn alter_attribute_cmd(&mut self) -> PgResult<AlterAttributeCmd> {
        match self.word_at(0) {
            Some(Kw::Add) => {
                self.advance();
                self.expect_kw(Kw::Attribute)?;
                let attr = self.composite_attr()?;
                Ok(AlterAttributeCmd::Add { attr, behavior: self.opt_drop_behavior() })
            }
            Some(Kw::Drop) => {
                self.advance();
                self.expect_kw(Kw::Attribute)?;
                let if_exists = self.opt_if_exists()?;
                let name = self.col_id()?;
                Ok(AlterAttributeCmd::Drop { if_exists, name, behavior: self.opt_drop_behavior() })
            }
            Some(Kw::Alter) => {
                self.advance();
                self.expect_kw(Kw::Attribute)?;
                let name = self.col_id()?;
                if self.eat_kw(Kw::Set) {
                    self.expect_kw(Kw::Data)?;
                }
                self.expect_kw(Kw::Type)?;
                let type_name = self.type_name()?;
                let collation = self.opt_collate_clause()?;
                let attr = CompositeAttr { name, type_name, collation };
                Ok(AlterAttributeCmd::AlterType { attr, behavior: self.opt_drop_behavior() })
            }
            _ => self.err(),
        }
    }

    /// `'(' operator_def_list ')'` (ALTER TYPE SET, ALTER OPERATOR SET): every entry is
    /// `name = value`, and a value of NONE gives `arg: None`.
    pub(super) fn operator_def_list(&mut self) -> PgResult<Vec<DefElem>> {
        self.expect_char('(')?;
        let mut v = Vec::new();
        loop {
            self.tick()?;
            let location = Location(self.loc());
            let name = self.col_label()?;
            self.expect_char('=')?;
            let arg = if self.eat_kw(Kw::None) { None } else { Some(self.def_arg()?) };
            v.push(DefElem { namespace: None, name, arg, location });
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }
}

impl Parser<'_> {
    /// After the object's name in ALTER: true at the generic forms the objects family parses
    /// (`RENAME TO`, `OWNER TO`, `SET SCHEMA`). Unless `mine` (this family's own RENAME / SET
    /// form is next), RENAME, OWNER or SET followed by anything else is the syntax error
    /// PostgreSQL reports at that next token.
    fn generic_alter(&self, mine: bool) -> PgResult<bool> {
        if mine {
            return Ok(false);
        }
        match (self.word_at(0), self.word_at(1)) {
            (Some(Kw::Rename | Kw::Owner), Some(Kw::To)) | (Some(Kw::Set), Some(Kw::Schema)) => Ok(true),
            (Some(Kw::Rename | Kw::Owner | Kw::Set), _) => Err(self.error_at_token(self.pos + 1)),
            _ => Ok(false),
        }
    }

    /// After `CREATE COLLATION`: `[IF NOT EXISTS] any_name {definition | FROM any_name}`.
    fn create_collation(&mut self) -> PgResult<Stmt> {
        let if_not_exists = self.opt_if_not_exists()?;
        let name = self.any_name()?;
        let source = if self.eat_kw(Kw::From) {
            CollationSource::From(self.any_name()?)
        } else {
            CollationSource::Options(self.definition()?)
        };
        Ok(Stmt::CreateCollation(CreateCollationStmt { if_not_exists, name, source }))
    }

    /// At `ALTER COLLATION`: `any_name REFRESH VERSION` is this family's.
    fn alter_collation(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.pos += 2;
        let name = self.any_name()?;
        if self.generic_alter(false)? {
            self.pos = start;
            return Ok(None);
        }
        self.expect_kw(Kw::Refresh)?;
        self.expect_kw(Kw::Version)?;
        Ok(Some(Stmt::AlterCollationRefresh { name }))
    }

    /// After `CREATE [DEFAULT] CONVERSION`: `any_name FOR 'src' TO 'dst' FROM any_name`.
    fn create_conversion(&mut self, is_default: bool) -> PgResult<Stmt> {
        let name = self.any_name()?;
        self.expect_kw(Kw::For)?;
        let for_encoding = self.sconst()?;
        self.expect_kw(Kw::To)?;
        let to_encoding = self.sconst()?;
        self.expect_kw(Kw::From)?;
        let function = self.any_name()?;
        Ok(Stmt::CreateConversion(CreateConversionStmt { is_default, name, for_encoding, to_encoding, function }))
    }

    fn text_search_kind(&mut self) -> PgResult<TextSearchKind> {
        let kind = match self.word_at(0) {
            Some(Kw::Parser) => TextSearchKind::Parser,
            Some(Kw::Dictionary) => TextSearchKind::Dictionary,
            Some(Kw::Template) => TextSearchKind::Template,
            Some(Kw::Configuration) => TextSearchKind::Configuration,
            _ => return self.err(),
        };
        self.advance();
        Ok(kind)
    }

    /// After `CREATE TEXT SEARCH`: `{PARSER | DICTIONARY | TEMPLATE | CONFIGURATION} any_name
    /// definition`.
    fn create_text_search(&mut self) -> PgResult<Stmt> {
        let kind = self.text_search_kind()?;
        let name = self.any_name()?;
        let definition = self.definition()?;
        Ok(Stmt::CreateTextSearch(CreateTextSearchStmt { kind, name, definition }))
    }

    /// At `ALTER TEXT SEARCH`: a dictionary's options and a configuration's mappings are this
    /// family's; the generic forms (and PARSER / TEMPLATE, which have only those) are not.
    fn alter_text_search(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.pos += 2;
        self.expect_kw(Kw::Search)?;
        let kind = self.text_search_kind()?;
        let name = self.any_name()?;
        if self.generic_alter(false)? {
            self.pos = start;
            return Ok(None);
        }
        if matches!(kind, TextSearchKind::Parser | TextSearchKind::Template) {
            // Only the generic forms exist for these.
            return self.err();
        }
        if kind == TextSearchKind::Dictionary {
            let options = self.definition()?;
            return Ok(Some(Stmt::AlterTsDictionary { name, options }));
        }
        let action = match self.word_at(0) {
            Some(Kw::Add) => {
                self.advance();
                self.expect_kw(Kw::Mapping)?;
                self.expect_kw(Kw::For)?;
                let tokens = self.name_list()?;
                self.expect_kw(Kw::With)?;
                AlterTsConfigAction::Map { replace_existing: false, tokens, dicts: self.any_name_list()? }
            }
            Some(Kw::Alter) => {
                self.advance();
                self.expect_kw(Kw::Mapping)?;
                let tokens = if self.eat_kw(Kw::For) { self.name_list()? } else { Vec::new() };
                if tokens.is_empty() || self.is_kw(Kw::Replace) {
                    self.expect_kw(Kw::Replace)?;
                    let old = self.any_name()?;
                    self.expect_kw(Kw::With)?;
                    let new = self.any_name()?;
                    AlterTsConfigAction::ReplaceDict { tokens, old, new }
                } else {
                    self.expect_kw(Kw::With)?;
                    AlterTsConfigAction::Map { replace_existing: true, tokens, dicts: self.any_name_list()? }
                }
            }
            Some(Kw::Drop) => {
                self.advance();
                self.expect_kw(Kw::Mapping)?;
                let if_exists = self.opt_if_exists_strict()?;
                self.expect_kw(Kw::For)?;
                AlterTsConfigAction::Drop { if_exists, tokens: self.name_list()? }
            }
            _ => return self.err(),
        };
        Ok(Some(Stmt::AlterTsConfiguration(AlterTsConfigurationStmt { name, action })))
    }

    /// `any_name_list`: `any_name [, ...]`.
    pub(super) fn any_name_list(&mut self) -> PgResult<Vec<Vec<String>>> {
        self.comma_list(Self::any_name)
    }

    /// After `CREATE STATISTICS`: `[IF NOT EXISTS] any_name [(kinds)] ON stats_params FROM
    /// from_list`.
    fn create_statistics(&mut self) -> PgResult<Stmt> {
        let if_not_exists = self.opt_if_not_exists()?;
        let name = self.any_name()?;
        let kinds = if self.eat_char('(') {
            let k = self.name_list()?;
            self.expect_char(')')?;
            k
        } else {
            Vec::new()
        };
        self.expect_kw(Kw::On)?;
        let mut exprs = vec![self.stats_param()?];
        while self.eat_char(',') {
            self.tick()?;
            exprs.push(self.stats_param()?);
        }
        self.expect_kw(Kw::From)?;
        let mut relations = vec![self.table_ref()?];
        while self.eat_char(',') {
            relations.push(self.table_ref()?);
        }
        Ok(Stmt::CreateStats(CreateStatsStmt { if_not_exists, name, kinds, exprs, relations }))
    }

    /// `stats_param`: a column name, a function call, or `(a_expr)`.
    fn stats_param(&mut self) -> PgResult<StatsElem> {
        if self.is_char('(') {
            return Ok(StatsElem::Expr(self.paren_a_expr()?));
        }
        if self.is_col_id() && !self.is_char_n(1, '(') && !self.is_char_n(1, '.') {
            return Ok(StatsElem::Column(self.col_id()?));
        }
        Ok(StatsElem::Expr(self.func_expr_windowless()?))
    }

    /// At `ALTER STATISTICS`: `[IF EXISTS] any_name SET STATISTICS n` is this family's.
    fn alter_statistics(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.pos += 2;
        let if_exists = self.opt_if_exists()?;
        let name = self.any_name()?;
        let mine = if_exists || (self.is_kw(Kw::Set) && self.is_kw_n(1, Kw::Statistics));
        if self.generic_alter(mine)? {
            self.pos = start;
            return Ok(None);
        }
        self.expect_kw(Kw::Set)?;
        self.expect_kw(Kw::Statistics)?;
        let target = self.signed_iconst()?;
        Ok(Some(Stmt::AlterStats { if_exists, name, target }))
    }

    /// After `CREATE POLICY`.
    fn create_policy(&mut self) -> PgResult<Stmt> {
        let name = self.col_id()?;
        self.expect_kw(Kw::On)?;
        let table = self.qualified_name()?;
        let mut permissive = true;
        if self.eat_kw(Kw::As) {
            let loc = self.loc();
            let word = self.ident_with(|_| false)?;
            match word.as_str() {
                "permissive" => {}
                "restrictive" => permissive = false,
                _ => {
                    return Err(PgError::syntax(
                        format!("unrecognized row security option \"{word}\""),
                        lexer::char_position(self.sql, loc),
                    )
                    .with_hint("Only PERMISSIVE or RESTRICTIVE policies are supported currently."))
                }
            }
        }
        let command = if self.eat_kw(Kw::For) {
            let c = match self.word_at(0) {
                Some(Kw::All) => PolicyCommand::All,
                Some(Kw::Select) => PolicyCommand::Select,
                Some(Kw::Insert) => PolicyCommand::Insert,
                Some(Kw::Update) => PolicyCommand::Update,
                Some(Kw::Delete) => PolicyCommand::Delete,
                _ => return self.err(),
            };
            self.advance();
            c
        } else {
            PolicyCommand::All
        };
        let (roles, using, with_check) = self.policy_tail()?;
        let roles = if roles.is_empty() { vec![RoleSpec::Public] } else { roles };
        Ok(Stmt::CreatePolicy(CreatePolicyStmt { name, table, permissive, command, roles, using, with_check }))
    }

    /// `[TO roles] [USING (expr)] [WITH CHECK (expr)]`.
    #[allow(clippy::type_complexity)]
    fn policy_tail(&mut self) -> PgResult<(Vec<RoleSpec>, Option<Expr>, Option<Expr>)> {
        let roles = if self.eat_kw(Kw::To) { self.role_list()? } else { Vec::new() };
        let using = if self.eat_kw(Kw::Using) { Some(self.paren_a_expr()?) } else { None };
        let with_check = if self.eat_kw(Kw::With) {
            self.expect_kw(Kw::Check)?;
            Some(self.paren_a_expr()?)
        } else {
            None
        };
        Ok((roles, using, with_check))
    }

    /// At `ALTER POLICY name ON table`: everything but RENAME TO.
    fn alter_policy(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.pos += 2;
        let name = self.col_id()?;
        self.expect_kw(Kw::On)?;
        let table = self.qualified_name()?;
        if self.is_kw(Kw::Rename) {
            if !self.is_kw_n(1, Kw::To) {
                return Err(self.error_at_token(self.pos + 1));
            }
            self.pos = start;
            return Ok(None);
        }
        let (roles, using, with_check) = self.policy_tail()?;
        Ok(Some(Stmt::AlterPolicy(AlterPolicyStmt { name, table, roles, using, with_check })))
    }
}

impl Parser<'_> {
    /// After `ALTER GROUP`: `RoleSpec {ADD | DROP} USER role_list` (the RENAME TO form is read
    /// with ALTER ROLE's).
    pub(super) fn alter_group_members(&mut self) -> PgResult<Stmt> {
        let group = self.role_spec()?;
        let add = if self.eat_kw(Kw::Add) {
            true
        } else {
            self.expect_kw(Kw::Drop)?;
            false
        };
        self.expect_kw(Kw::User)?;
        let members = self.role_list()?;
        Ok(Stmt::AlterGroupMembers { group, add, members })
    }
}

impl Parser<'_> {
    /// After `CREATE DOMAIN`: `any_name [AS] Typename ColQualList`.
    fn create_domain(&mut self) -> PgResult<Stmt> {
        let name = self.any_name()?;
        let _ = self.eat_kw(Kw::As);
        let type_name = self.type_name()?;
        let (constraints, collation) = self.col_qual_list()?;
        Ok(Stmt::CreateDomain(CreateDomainStmt { name, type_name, collation, constraints }))
    }

    /// At `ALTER DOMAIN`: everything but the generic RENAME TO / OWNER TO / SET SCHEMA.
    fn alter_domain(&mut self) -> PgResult<Option<Stmt>> {
        let start = self.pos;
        self.pos += 2;
        let name = self.any_name()?;
        let mine = (self.is_kw(Kw::Rename) && self.is_kw_n(1, Kw::Constraint))
            || (self.is_kw(Kw::Set) && matches!(self.word_at(1), Some(Kw::Default | Kw::Not)));
        if self.generic_alter(mine)? {
            self.pos = start;
            return Ok(None);
        }
        let action = match self.word_at(0) {
            Some(Kw::Set) => {
                self.advance();
                if self.eat_kw(Kw::Default) {
                    AlterDomainAction::SetDefault(self.a_expr()?)
                } else {
                    if self.at_not_la() {
                        return self.err();
                    }
                    self.expect_kw(Kw::Not)?;
                    self.expect_kw(Kw::Null)?;
                    AlterDomainAction::SetNotNull
                }
            }
            Some(Kw::Drop) => {
                self.advance();
                if self.eat_kw(Kw::Default) {
                    AlterDomainAction::DropDefault
                } else if !self.at_not_la() && self.eat_kw(Kw::Not) {
                    self.expect_kw(Kw::Null)?;
                    AlterDomainAction::DropNotNull
                } else {
                    self.expect_kw(Kw::Constraint)?;
                    let if_exists = self.opt_if_exists()?;
                    let name = self.col_id()?;
                    AlterDomainAction::DropConstraint { if_exists, name, behavior: self.opt_drop_behavior() }
                }
            }
            Some(Kw::Add) => {
                self.advance();
                AlterDomainAction::AddConstraint(self.table_constraint()?)
            }
            Some(Kw::Rename) => {
                self.advance();
                self.expect_kw(Kw::Constraint)?;
                let old = self.col_id()?;
                self.expect_kw(Kw::To)?;
                let new = self.col_id()?;
                AlterDomainAction::RenameConstraint { old, new }
            }
            Some(Kw::Validate) => {
                self.advance();
                self.expect_kw(Kw::Constraint)?;
                AlterDomainAction::ValidateConstraint(self.col_id()?)
            }
            _ => return self.err(),
        };
        Ok(Some(Stmt::AlterDomain(AlterDomainStmt { name, action })))
    }
}
