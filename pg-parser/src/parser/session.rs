//! The grammar of SET / SHOW / RESET in all their forms, the transaction statements (BEGIN, COMMIT, SAVEPOINT, two-phase commit, ...) and CREATE / ALTER / DROP ROLE.
//!
//! PostgreSQL source area: gram.y `VariableSetStmt`, `VariableShowStmt`, `VariableResetStmt`, `TransactionStmt`, `CreateRoleStmt`, `AlterRoleStmt`, `DropRoleStmt`.

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn var_name(&mut self) -> PgResult<String> {
        let mut s = self.col_id()?;
        while self.eat_char('.') {
            s.push('.');
            s.push_str(&self.col_id()?);
        }
        Ok(s)
    }

    pub(super) fn new_set(kind: VariableSetKind, name: &str) -> VariableSetStmt {
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
    pub(super) fn session_form_follows(&self) -> bool {
        self.is_kw_n(1, Kw::Authorization) || (self.is_kw_n(1, Kw::Characteristics) && self.is_kw_n(2, Kw::As))
    }

    pub(super) fn set_stmt_body(&mut self) -> PgResult<VariableSetStmt> {
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

    pub(super) fn set_rest(&mut self) -> PgResult<VariableSetStmt> {
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
    pub(super) fn set_rest_special(&mut self) -> PgResult<Option<VariableSetStmt>> {
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
    pub(super) fn set_rest_generic(&mut self) -> PgResult<VariableSetStmt> {
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

    pub(super) fn non_reserved_word_or_sconst(&mut self) -> PgResult<String> {
        if let TokenKind::Sconst(s) = &self.peek().kind {
            let s = s.clone();
            self.advance();
            return Ok(s);
        }
        self.non_reserved_word()
    }

    /// `var_value`: `opt_boolean_or_string | NumericOnly`.
    pub(super) fn var_value(&mut self) -> PgResult<Value> {
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

    pub(super) fn numeric_only(&mut self) -> PgResult<Value> {
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

    pub(super) fn reset_rest(&mut self) -> PgResult<VariableSetStmt> {
        if self.eat_kw(Kw::All) {
            return Ok(Self::new_set(VariableSetKind::ResetAll, ""));
        }
        let name = self.setting_name()?;
        Ok(Self::new_set(VariableSetKind::Reset, &name))
    }

    pub(super) fn show_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Show)?;
        let name = if self.eat_kw(Kw::All) { "all".to_string() } else { self.setting_name()? };
        Ok(Stmt::VariableShow { name })
    }

    /// The setting RESET and SHOW name: `TIME ZONE`, `TRANSACTION ISOLATION LEVEL` and
    /// `SESSION AUTHORIZATION` under their settings' names, or a `var_name`.
    fn setting_name(&mut self) -> PgResult<String> {
        let special = if self.is_kw(Kw::Time) && self.is_kw_n(1, Kw::Zone) {
            "timezone"
        } else if self.is_kw(Kw::Transaction) && self.is_kw_n(1, Kw::Isolation) {
            "transaction_isolation"
        } else if self.is_kw(Kw::Session) && self.is_kw_n(1, Kw::Authorization) {
            "session_authorization"
        } else {
            return self.var_name();
        };
        self.advance();
        self.advance();
        if special == "transaction_isolation" {
            self.expect_kw(Kw::Level)?;
        }
        Ok(special.to_string())
    }

    // ---------------------------------------------------------------- transactions

    pub(super) fn transaction_modes(&mut self, required: bool) -> PgResult<Vec<TransactionMode>> {
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
    pub(super) fn opt_savepoint_keyword(&mut self) {
        if self.is_kw(Kw::Savepoint) && Self::token_is_ident_with(self.peek_n(1), Self::col_id_ok) {
            self.advance();
        }
    }

    pub(super) fn transaction_stmt(&mut self) -> PgResult<Stmt> {
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

    pub(super) fn role_spec(&mut self) -> PgResult<RoleSpec> {
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
    pub(super) fn role_id(&mut self) -> PgResult<String> {
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

    pub(super) fn role_list(&mut self) -> PgResult<Vec<RoleSpec>> {
        let mut v = vec![self.role_spec()?];
        while self.eat_char(',') {
            v.push(self.role_spec()?);
        }
        Ok(v)
    }

    pub(super) fn role_options(&mut self, create: bool) -> PgResult<Vec<RoleOption>> {
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

    pub(super) fn role_kind(&mut self) -> RoleStmtKind {
        let k = match self.word_at(0) {
            Some(Kw::User) => RoleStmtKind::User,
            Some(Kw::Group) => RoleStmtKind::Group,
            _ => RoleStmtKind::Role,
        };
        self.advance();
        k
    }

    pub(super) fn create_role(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        let kind = self.role_kind();
        let name = self.role_id()?;
        let options = self.role_options(true)?;
        Ok(Stmt::CreateRole(CreateRoleStmt { kind, name, options }))
    }

    pub(super) fn alter_role(&mut self) -> PgResult<Stmt> {
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

    pub(super) fn drop_role(&mut self) -> PgResult<Stmt> {
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
