//! The grammar of types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.
//!
//! PostgreSQL source area: gram.y `DefineStmt` (types, collations, text search), `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`, `AlterEnumStmt`, `CreateDomainStmt`, `AlterDomainStmt`, `CreateStatsStmt`, `CreatePolicyStmt`.

#[allow(unused_imports)]
use super::*;

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it is about a type, domain, collation, conversion, text search object, statistics object or policy; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_type_family(&mut self) -> PgResult<Option<Stmt>> {
        match self.word_at(1) {
            Some(Kw::Type) => {
                self.advance();
                self.advance();
                Ok(Some(self.create_type()?))
            }
            _ => Ok(None),
        }
    }
    /// At `ALTER`: parses the statement when it is about one of those kinds; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_type_family(&mut self) -> PgResult<Option<Stmt>> {
        match self.word_at(1) {
            Some(Kw::Type) => self.alter_type(),
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
        Ok(DefElem { name, arg, location })
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
            // Reserved keywords cannot start a type name (`func_type`), so they are strings.
            TokenKind::Keyword(k) if k.category == KeywordCategory::Reserved => {
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
        let generic = match self.word_at(0) {
            Some(Kw::Rename) => self.is_kw_n(1, Kw::To),
            Some(Kw::Owner) => true,
            Some(Kw::Set) => self.is_kw_n(1, Kw::Schema),
            _ => false,
        };
        if generic {
            self.pos = start;
            return Ok(None);
        }
        let action = match self.word_at(0) {
            Some(Kw::Add) if self.is_kw_n(1, Kw::Value) => {
                self.advance();
                self.advance();
                let if_not_exists = self.opt_if_not_exists()?;
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

    /// `[IF NOT EXISTS]`.
    pub(super) fn opt_if_not_exists(&mut self) -> PgResult<bool> {
        if self.eat_kw(Kw::If) {
            self.expect_kw(Kw::Not)?;
            self.expect_kw(Kw::Exists)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// `[IF EXISTS]`.
    pub(super) fn opt_if_exists(&mut self) -> PgResult<bool> {
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
            v.push(DefElem { name, arg, location });
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(v)
    }
}
