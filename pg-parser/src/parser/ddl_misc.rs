//! The grammar of schemas, extensions, foreign-data wrappers, servers, user mappings, IMPORT FOREIGN SCHEMA, publications, subscriptions, tablespaces, access methods, databases and ALTER SYSTEM.
//!
//! PostgreSQL source area: gram.y `CreateSchemaStmt`, `CreateExtensionStmt`, `AlterExtensionStmt`, `CreateFdwStmt`, `AlterFdwStmt`, `CreateForeignServerStmt`, `AlterForeignServerStmt`, `CreateUserMappingStmt`, `ImportForeignSchemaStmt`, `CreatePublicationStmt`, `AlterPublicationStmt` (with `preprocess_pubobj_list`), `CreateSubscriptionStmt`, `AlterSubscriptionStmt`, `CreateTableSpaceStmt`, `CreateAmStmt`, `CreatedbStmt`, `AlterDatabaseStmt`, `AlterSystemStmt`.
//!
//! The generic RENAME TO / OWNER TO / SET SCHEMA forms of these kinds are the `objects`
//! family's.

use super::*;

/// One entry of a publication's object list as written, before the kinds of continued
/// entries are known (gram.y `PublicationObjSpec` before `preprocess_pubobj_list`).
enum PubObjSpec {
    /// `TABLE relation [(columns)] [WHERE (e)]`.
    Table(PublicationObject),
    /// `TABLES IN SCHEMA name` / `TABLES IN SCHEMA CURRENT_SCHEMA`.
    Schema(PublicationObject),
    /// An entry without TABLE or TABLES IN SCHEMA in front: it continues the kind of the one
    /// before. `name` is set for a bare name; `table` when the entry can only be a table
    /// (qualified, ONLY, `*`, columns or WHERE); neither for CURRENT_SCHEMA.
    Continued { name: Option<String>, table: Option<PublicationObject>, location: usize },
}

/// The kinds of object an extension can hold (`ALTER EXTENSION ... ADD | DROP`): every kind
/// with a name of its own, but not columns, constraints, policies, rules, triggers, large
/// objects, user mappings or settings.
fn extension_member_kind(kind: ObjectType) -> bool {
    !matches!(
        kind,
        ObjectType::Column
            | ObjectType::TableConstraint
            | ObjectType::DomainConstraint
            | ObjectType::Policy
            | ObjectType::Rule
            | ObjectType::Trigger
            | ObjectType::LargeObject
            | ObjectType::UserMapping
            | ObjectType::Parameter
    )
}

impl Parser<'_> {
    /// At `CREATE`: parses the statement when it creates a schema, extension, foreign-data
    /// wrapper, server, publication, subscription, access method or database; otherwise
    /// returns `None` and consumes nothing, so the next family can look.
    pub(super) fn create_misc_family(&mut self) -> PgResult<Option<Stmt>> {
        let stmt = match self.word_at(1) {
            Some(Kw::Schema) => self.create_schema()?,
            Some(Kw::Extension) => self.create_extension()?,
            Some(Kw::Foreign) if self.is_kw_n(2, Kw::Data) => self.fdw_stmt()?,
            Some(Kw::Server) => self.create_server()?,
            Some(Kw::User) if self.at_user_mapping() => self.user_mapping_stmt()?,
            Some(Kw::Publication) => self.create_publication()?,
            Some(Kw::Subscription) => self.create_subscription()?,
            Some(Kw::Access) => self.create_access_method()?,
            Some(Kw::Tablespace) => self.create_tablespace()?,
            Some(Kw::Database) => self.create_database()?,
            _ => return Ok(None),
        };
        Ok(Some(stmt))
    }

    /// At `ALTER`: parses the statement when it is one of this family's own ALTER forms
    /// (ALTER EXTENSION UPDATE, ALTER FOREIGN DATA WRAPPER, ALTER SERVER, ALTER PUBLICATION,
    /// ALTER SUBSCRIPTION, ALTER DATABASE, ALTER SYSTEM); the generic RENAME / OWNER TO /
    /// SET SCHEMA forms (and ALTER EXTENSION ADD / DROP) are left to `objects`.
    pub(super) fn alter_misc_family(&mut self) -> PgResult<Option<Stmt>> {
        let generic = |w: Option<Kw>| matches!(w, Some(Kw::Rename | Kw::Owner));
        let stmt = match self.word_at(1) {
            Some(Kw::Extension) if matches!(self.word_at(3), Some(Kw::Update | Kw::Add | Kw::Drop)) => {
                self.alter_extension()?
            }
            Some(Kw::User) if self.at_user_mapping() => self.user_mapping_stmt()?,
            Some(Kw::Foreign) if self.is_kw_n(2, Kw::Data) && !generic(self.word_at(5)) => self.fdw_stmt()?,
            Some(Kw::Server) if !generic(self.word_at(3)) => self.alter_server()?,
            Some(Kw::Publication) if !generic(self.word_at(3)) => self.alter_publication()?,
            Some(Kw::Subscription) if !generic(self.word_at(3)) => self.alter_subscription()?,
            // OWNER is also a database option (`ALTER DATABASE d OWNER = r` is not, but
            // `OWNER` without TO is read as one, as gram.y does).
            Some(Kw::Database)
                if !(self.is_kw_n(3, Kw::Rename) || (self.is_kw_n(3, Kw::Owner) && self.is_kw_n(4, Kw::To))) =>
            {
                self.alter_database()?
            }
            Some(Kw::System) => self.alter_system()?,
            Some(Kw::Tablespace) if matches!(self.word_at(3), Some(Kw::Set | Kw::Reset)) => self.alter_tablespace()?,
            _ => return Ok(None),
        };
        Ok(Some(stmt))
    }

    /// A syntax-class error of gram.y's actions, at byte offset `loc`.
    fn grammar_error(&self, message: &str, loc: usize) -> PgError {
        PgError::syntax(message, lexer::char_position(self.sql, loc))
    }

    // ---------------------------------------------------------------- CREATE SCHEMA

    /// `CREATE SCHEMA [IF NOT EXISTS] {name [AUTHORIZATION role] | AUTHORIZATION role}
    /// [schema_element ...]`; the elements are CREATE TABLE / VIEW / INDEX / SEQUENCE /
    /// TRIGGER and GRANT, read by the general statement parser.
    fn create_schema(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Schema)?;
        let if_not_exists = self.opt_if_not_exists()?;
        let name = if self.is_kw(Kw::Authorization) { None } else { Some(self.col_id()?) };
        let authrole = if self.eat_kw(Kw::Authorization) { Some(self.role_spec()?) } else { None };
        let first_element = self.loc();
        let mut elements = Vec::new();
        loop {
            match self.word_at(0) {
                Some(Kw::Grant) => {}
                Some(Kw::Create) => {
                    // CREATE [OR REPLACE] [TEMP | UNLOGGED] [UNIQUE | CONSTRAINT | RECURSIVE]
                    // {TABLE | VIEW | INDEX | SEQUENCE | TRIGGER}
                    let mut n = 1;
                    while matches!(
                        self.word_at(n),
                        Some(
                            Kw::Or
                                | Kw::Replace
                                | Kw::Global
                                | Kw::Local
                                | Kw::Temp
                                | Kw::Temporary
                                | Kw::Unlogged
                                | Kw::Unique
                                | Kw::Constraint
                                | Kw::Recursive
                        )
                    ) {
                        n += 1;
                    }
                    if !matches!(self.word_at(n), Some(Kw::Table | Kw::View | Kw::Index | Kw::Sequence | Kw::Trigger)) {
                        return Err(self.error_at_token(self.pos + n));
                    }
                }
                _ => break,
            }
            self.tick()?;
            if let Some(n) = self.schema_table_as_form() {
                return Err(self.error_at_token(self.pos + n));
            }
            elements.push(self.statement()?);
        }
        if if_not_exists && !elements.is_empty() {
            return Err(PgError::not_supported("CREATE SCHEMA IF NOT EXISTS cannot include schema elements")
                .with_position(lexer::char_position(self.sql, first_element)));
        }
        Ok(Stmt::CreateSchema(CreateSchemaStmt { name, authrole, elements, if_not_exists }))
    }

    /// In a CREATE SCHEMA element, the token (its offset from the current one) where a
    /// CREATE TABLE takes the form of CREATE TABLE AS, which PostgreSQL's element grammar
    /// (CreateStmt) lacks and the general CREATE TABLE reader accepts: `AS` after the name,
    /// or a column without a type in `(a)` / `(a, b int)`, where PostgreSQL fails at the `)`
    /// or `,`. Looks ahead only; None when the head is anything else.
    fn schema_table_as_form(&self) -> Option<usize> {
        let word = |n: usize| self.word_at(n);
        let name_at = |n: usize| Self::token_is_ident_with(self.peek_n(n), Self::col_id_ok);
        let mut n = 1;
        if matches!(word(n), Some(Kw::Global | Kw::Local)) {
            n += 1;
        }
        if matches!(word(n), Some(Kw::Temp | Kw::Temporary | Kw::Unlogged)) {
            n += 1;
        }
        if word(n) != Some(Kw::Table) {
            return None;
        }
        n += 1;
        if word(n) == Some(Kw::If) && word(n + 1) == Some(Kw::Not) && word(n + 2) == Some(Kw::Exists) {
            n += 3;
        }
        if !name_at(n) {
            return None;
        }
        n += 1;
        while self.is_char_n(n, '.') && Self::token_is_ident_with(self.peek_n(n + 1), |_| true) {
            n += 2;
        }
        if word(n) == Some(Kw::As) {
            return Some(n);
        }
        let typeless =
            self.is_char_n(n, '(') && name_at(n + 1) && (self.is_char_n(n + 2, ',') || self.is_char_n(n + 2, ')'));
        typeless.then_some(n + 2)
    }

    // ---------------------------------------------------------------- extensions

    /// `CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]`.
    fn create_extension(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Extension)?;
        let if_not_exists = self.opt_if_not_exists()?;
        let name = self.col_id()?;
        let _ = self.eat_kw(Kw::With);
        let mut options = Vec::new();
        loop {
            let loc = self.loc();
            let option = if self.eat_kw(Kw::Schema) {
                ExtensionOption::Schema(self.col_id()?)
            } else if self.eat_kw(Kw::Version) {
                ExtensionOption::Version(self.non_reserved_word_or_sconst()?)
            } else if self.eat_kw(Kw::Cascade) {
                ExtensionOption::Cascade
            } else if self.eat_kw(Kw::From) {
                self.non_reserved_word_or_sconst()?;
                return Err(PgError::not_supported("CREATE EXTENSION ... FROM is no longer supported")
                    .with_position(lexer::char_position(self.sql, loc)));
            } else {
                break;
            };
            options.push(option);
        }
        Ok(Stmt::CreateExtension(CreateExtensionStmt { name, if_not_exists, options }))
    }

    /// `ALTER EXTENSION name UPDATE [TO version ...]` and `ALTER EXTENSION name {ADD | DROP}
    /// object`, where the object is any kind an extension can hold (the `objects` family
    /// reads its designator).
    fn alter_extension(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Extension)?;
        let name = self.col_id()?;
        if self.eat_kw(Kw::Update) {
            let mut versions = Vec::new();
            while self.eat_kw(Kw::To) {
                versions.push(self.non_reserved_word_or_sconst()?);
            }
            return Ok(Stmt::AlterExtension(AlterExtensionStmt { name, versions }));
        }
        let add = self.eat_kw(Kw::Add);
        if !add {
            self.expect_kw(Kw::Drop)?;
        }
        let object = self.object_ref(extension_member_kind)?;
        Ok(Stmt::AlterExtensionContents(AlterExtensionContentsStmt { name, add, object }))
    }

    // ---------------------------------------------------------------- foreign data

    /// `handler_name`: a function's name, possibly qualified.
    fn handler_name(&mut self) -> PgResult<Vec<String>> {
        self.any_name()
    }

    /// `fdw_options`: `HANDLER f | NO HANDLER | VALIDATOR f | NO VALIDATOR`, any number.
    fn fdw_func_options(&mut self) -> PgResult<Vec<FdwFuncOption>> {
        let mut options = Vec::new();
        loop {
            let no = self.eat_kw(Kw::No);
            let option = if self.eat_kw(Kw::Handler) {
                FdwFuncOption::Handler(if no { None } else { Some(self.handler_name()?) })
            } else if self.eat_kw(Kw::Validator) {
                FdwFuncOption::Validator(if no { None } else { Some(self.handler_name()?) })
            } else if no {
                return self.err();
            } else {
                return Ok(options);
            };
            options.push(option);
        }
    }

    /// `CREATE FOREIGN DATA WRAPPER name [fdw_options] [OPTIONS (...)]` and `ALTER FOREIGN
    /// DATA WRAPPER name {fdw_options [OPTIONS (...)] | OPTIONS (...)}`.
    fn fdw_stmt(&mut self) -> PgResult<Stmt> {
        let alter = self.eat_kw(Kw::Alter);
        if !alter {
            self.expect_kw(Kw::Create)?;
        }
        self.expect_kw(Kw::Foreign)?;
        self.expect_kw(Kw::Data)?;
        self.expect_kw(Kw::Wrapper)?;
        let name = self.col_id()?;
        let func_options = self.fdw_func_options()?;
        if !alter {
            let options = self.create_generic_options()?;
            return Ok(Stmt::CreateFdw(CreateFdwStmt { name, func_options, options }));
        }
        let options =
            if self.is_kw(Kw::Options) || func_options.is_empty() { self.alter_generic_options()? } else { Vec::new() };
        Ok(Stmt::AlterFdw(AlterFdwStmt { name, func_options, options }))
    }

    /// `VERSION 'v'` or `VERSION NULL`, after VERSION.
    fn server_version(&mut self) -> PgResult<Option<String>> {
        if self.eat_kw(Kw::Null) {
            Ok(None)
        } else {
            Ok(Some(self.sconst()?))
        }
    }

    /// `CREATE SERVER [IF NOT EXISTS] name [TYPE 't'] [VERSION 'v'] FOREIGN DATA WRAPPER fdw
    /// [OPTIONS (...)]`.
    fn create_server(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Server)?;
        let if_not_exists = self.opt_if_not_exists()?;
        let name = self.col_id()?;
        let server_type = if self.eat_kw(Kw::Type) { Some(self.sconst()?) } else { None };
        let version = if self.eat_kw(Kw::Version) { Some(self.server_version()?) } else { None };
        self.expect_kw(Kw::Foreign)?;
        self.expect_kw(Kw::Data)?;
        self.expect_kw(Kw::Wrapper)?;
        let fdw = self.col_id()?;
        let options = self.create_generic_options()?;
        Ok(Stmt::CreateServer(CreateServerStmt { name, server_type, version, fdw, options, if_not_exists }))
    }

    /// `ALTER SERVER name {VERSION v [OPTIONS (...)] | OPTIONS (...)}`.
    fn alter_server(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Server)?;
        let name = self.col_id()?;
        let version = if self.eat_kw(Kw::Version) { Some(self.server_version()?) } else { None };
        let options =
            if self.is_kw(Kw::Options) || version.is_none() { self.alter_generic_options()? } else { Vec::new() };
        Ok(Stmt::AlterServer(AlterServerStmt { name, version, options }))
    }

    /// Whether `{CREATE | ALTER | DROP} USER MAPPING` here begins a user mapping statement:
    /// MAPPING is an unreserved word, so `CREATE USER mapping` creates a role called so; FOR
    /// or IF after it tells.
    pub(super) fn at_user_mapping(&self) -> bool {
        self.is_kw_n(1, Kw::User) && self.is_kw_n(2, Kw::Mapping) && matches!(self.word_at(3), Some(Kw::For | Kw::If))
    }

    /// `CREATE USER MAPPING [IF NOT EXISTS] FOR user SERVER s [OPTIONS (...)]` and `ALTER USER
    /// MAPPING FOR user SERVER s OPTIONS (...)`; the user is a role, CURRENT_USER, PUBLIC, ...
    /// or USER (gram.y `auth_ident`).
    fn user_mapping_stmt(&mut self) -> PgResult<Stmt> {
        let alter = self.eat_kw(Kw::Alter);
        if !alter {
            self.expect_kw(Kw::Create)?;
        }
        self.expect_kw(Kw::User)?;
        self.expect_kw(Kw::Mapping)?;
        // IF cannot be the user here (FOR comes first), so IF must begin IF NOT EXISTS.
        let if_not_exists = !alter && self.eat_kw(Kw::If);
        if if_not_exists {
            self.expect_kw(Kw::Not)?;
            self.expect_kw(Kw::Exists)?;
        }
        self.expect_kw(Kw::For)?;
        let user = if self.eat_kw(Kw::User) { MappingUser::User } else { MappingUser::Role(self.role_spec()?) };
        self.expect_kw(Kw::Server)?;
        let server = self.col_id()?;
        if alter {
            let options = self.alter_generic_options()?;
            return Ok(Stmt::AlterUserMapping(AlterUserMappingStmt { user, server, options }));
        }
        let options = self.create_generic_options()?;
        Ok(Stmt::CreateUserMapping(CreateUserMappingStmt { user, server, options, if_not_exists }))
    }

    /// `IMPORT FOREIGN SCHEMA remote [{LIMIT TO | EXCEPT} (tables)] FROM SERVER s INTO local
    /// [OPTIONS (...)]`.
    pub(super) fn import_foreign_schema(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Import)?;
        self.expect_kw(Kw::Foreign)?;
        self.expect_kw(Kw::Schema)?;
        let remote_schema = self.col_id()?;
        let list_type = if self.eat_kw(Kw::Limit) {
            self.expect_kw(Kw::To)?;
            ImportListType::LimitTo
        } else if self.eat_kw(Kw::Except) {
            ImportListType::Except
        } else {
            ImportListType::All
        };
        let mut tables = Vec::new();
        if list_type != ImportListType::All {
            self.expect_char('(')?;
            loop {
                tables.push(self.relation_expr()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
        }
        self.expect_kw(Kw::From)?;
        self.expect_kw(Kw::Server)?;
        let server = self.col_id()?;
        self.expect_kw(Kw::Into)?;
        let local_schema = self.col_id()?;
        let options = self.create_generic_options()?;
        Ok(Stmt::ImportForeignSchema(ImportForeignSchemaStmt {
            remote_schema,
            list_type,
            tables,
            server,
            local_schema,
            options,
        }))
    }

    // ---------------------------------------------------------------- publications

    /// `[WITH definition]`.
    fn opt_with_definition(&mut self) -> PgResult<Vec<DefElem>> {
        if self.eat_kw(Kw::With) {
            self.definition()
        } else {
            Ok(Vec::new())
        }
    }

    /// `(columns)` after a publication's table, if written.
    fn publication_columns(&mut self) -> PgResult<Vec<String>> {
        if !self.eat_char('(') {
            return Ok(Vec::new());
        }
        let names = self.name_list()?;
        self.expect_char(')')?;
        Ok(names)
    }

    /// A publication's table after its name: `[(columns)] [WHERE (condition)]`.
    fn publication_table(&mut self, relation: RangeVar) -> PgResult<PublicationObject> {
        let columns = self.publication_columns()?;
        let where_clause = if self.eat_kw(Kw::Where) {
            self.expect_char('(')?;
            let e = self.a_expr()?;
            self.expect_char(')')?;
            Some(e)
        } else {
            None
        };
        Ok(PublicationObject::Table { relation, columns, where_clause })
    }

    /// One `PublicationObjSpec`.
    fn pub_obj_spec(&mut self) -> PgResult<PubObjSpec> {
        let location = self.loc();
        if self.eat_kw(Kw::Table) {
            let relation = self.relation_expr()?;
            return Ok(PubObjSpec::Table(self.publication_table(relation)?));
        }
        // TABLES is an unreserved word: without IN after it, it is a table's name.
        if self.is_kw(Kw::Tables) && self.is_kw_n(1, Kw::In) {
            self.advance();
            self.expect_kw(Kw::In)?;
            self.expect_kw(Kw::Schema)?;
            if self.eat_kw(Kw::CurrentSchema) {
                return Ok(PubObjSpec::Schema(PublicationObject::TablesInCurrentSchema));
            }
            return Ok(PubObjSpec::Schema(PublicationObject::TablesInSchema(self.col_id()?)));
        }
        if self.eat_kw(Kw::CurrentSchema) {
            return Ok(PubObjSpec::Continued { name: None, table: None, location });
        }
        // gram.y gives the `extended_relation_expr` entries (`ONLY t`, `t *`) no location, so
        // PostgreSQL reports an error about one at the start of the string.
        if self.is_kw(Kw::Only) {
            let relation = self.relation_expr()?;
            let table = Some(self.publication_table(relation)?);
            return Ok(PubObjSpec::Continued { name: None, table, location: 0 });
        }
        let relation = self.qualified_name()?;
        if self.eat_char('*') {
            let table = Some(self.publication_table(relation)?);
            return Ok(PubObjSpec::Continued { name: None, table, location: 0 });
        }
        let bare = relation.schema.is_none() && !self.is_char('(') && !self.is_kw(Kw::Where);
        if bare {
            return Ok(PubObjSpec::Continued { name: Some(relation.name), table: None, location });
        }
        let table = Some(self.publication_table(relation)?);
        Ok(PubObjSpec::Continued { name: None, table, location })
    }

    /// `pub_obj_list`, read to the end of the list. The kinds of the continued entries are
    /// given by `resolve_pub_objects` once the statement is read, as gram.y does.
    fn pub_obj_list(&mut self) -> PgResult<Vec<PubObjSpec>> {
        self.comma_list(Self::pub_obj_spec)
    }

    /// gram.y's `preprocess_pubobj_list`: an entry without TABLE or TABLES IN SCHEMA in front
    /// takes the kind of the entry before it; the first entry must name its kind.
    fn resolve_pub_objects(&self, specs: Vec<PubObjSpec>) -> PgResult<Vec<PublicationObject>> {
        let mut out = Vec::with_capacity(specs.len());
        let mut schema_kind = None;
        for spec in specs {
            let object = match spec {
                PubObjSpec::Table(o) => {
                    schema_kind = Some(false);
                    o
                }
                PubObjSpec::Schema(o) => {
                    schema_kind = Some(true);
                    o
                }
                PubObjSpec::Continued { location, .. } if schema_kind.is_none() => {
                    return Err(self.grammar_error("invalid publication object list", location).with_detail(
                        "One of TABLE or TABLES IN SCHEMA must be specified before a standalone table or \
                             schema name.",
                    ));
                }
                PubObjSpec::Continued { name, table, location } if schema_kind == Some(false) => match (name, table) {
                    (_, Some(t)) => t,
                    (Some(name), None) => PublicationObject::Table {
                        relation: RangeVar {
                            catalog: None,
                            schema: None,
                            name,
                            inh: true,
                            persistence: 'p',
                            alias: None,
                            location: Location(location),
                        },
                        columns: Vec::new(),
                        where_clause: None,
                    },
                    (None, None) => return Err(self.grammar_error("invalid table name", location)),
                },
                PubObjSpec::Continued { name, table, location } => match (name, table) {
                    (Some(name), _) => PublicationObject::TablesInSchema(name),
                    (None, None) => PublicationObject::TablesInCurrentSchema,
                    (None, Some(PublicationObject::Table { where_clause: Some(_), .. })) => {
                        return Err(self.grammar_error("WHERE clause not allowed for schema", location));
                    }
                    (None, Some(PublicationObject::Table { columns, .. })) if !columns.is_empty() => {
                        return Err(self.grammar_error("column specification not allowed for schema", location));
                    }
                    (None, Some(_)) => return Err(self.grammar_error("invalid schema name", location)),
                },
            };
            out.push(object);
        }
        Ok(out)
    }

    /// `CREATE PUBLICATION name [FOR ALL TABLES | FOR pub_obj_list] [WITH (...)]`.
    fn create_publication(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Publication)?;
        let name = self.col_id()?;
        let mut for_all_tables = false;
        let mut specs = Vec::new();
        if self.eat_kw(Kw::For) {
            if self.is_kw(Kw::All) {
                self.advance();
                self.expect_kw(Kw::Tables)?;
                for_all_tables = true;
            } else {
                specs = self.pub_obj_list()?;
            }
        }
        let options = self.opt_with_definition()?;
        let objects = self.resolve_pub_objects(specs)?;
        Ok(Stmt::CreatePublication(CreatePublicationStmt { name, for_all_tables, objects, options }))
    }

    /// `ADD`, `SET` or `DROP`.
    fn publication_action(&mut self) -> Option<PublicationAction> {
        let action = match self.word_at(0)? {
            Kw::Add => PublicationAction::Add,
            Kw::Set => PublicationAction::Set,
            Kw::Drop => PublicationAction::Drop,
            _ => return None,
        };
        self.advance();
        Some(action)
    }

    /// `ALTER PUBLICATION name {ADD | SET | DROP} pub_obj_list` or `... SET (...)`.
    fn alter_publication(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Publication)?;
        let name = self.col_id()?;
        let Some(kind) = self.publication_action() else { return self.err() };
        if kind == PublicationAction::Set && self.is_char('(') {
            let options = self.definition()?;
            return Ok(Stmt::AlterPublication(AlterPublicationStmt {
                name,
                action: AlterPublicationAction::Options(options),
            }));
        }
        let specs = self.pub_obj_list()?;
        let objects = self.resolve_pub_objects(specs)?;
        Ok(Stmt::AlterPublication(AlterPublicationStmt {
            name,
            action: AlterPublicationAction::Objects(kind, objects),
        }))
    }

    // ---------------------------------------------------------------- subscriptions

    /// `CREATE SUBSCRIPTION name CONNECTION 'conninfo' PUBLICATION p, ... [WITH (...)]`.
    fn create_subscription(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Subscription)?;
        let name = self.col_id()?;
        self.expect_kw(Kw::Connection)?;
        let conninfo = self.sconst()?;
        self.expect_kw(Kw::Publication)?;
        let publications = self.name_list()?;
        let options = self.opt_with_definition()?;
        Ok(Stmt::CreateSubscription(CreateSubscriptionStmt { name, conninfo, publications, options }))
    }

    /// `ALTER SUBSCRIPTION name {CONNECTION 'c' | {SET | ADD | DROP} PUBLICATION p, ...
    /// [WITH (...)] | REFRESH PUBLICATION [WITH (...)] | ENABLE | DISABLE | SET (...) |
    /// SKIP (...)}`.
    fn alter_subscription(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Subscription)?;
        let name = self.col_id()?;
        let action = match self.word_at(0) {
            Some(Kw::Connection) => {
                self.advance();
                AlterSubscriptionAction::Connection(self.sconst()?)
            }
            Some(Kw::Refresh) => {
                self.advance();
                self.expect_kw(Kw::Publication)?;
                AlterSubscriptionAction::Refresh(self.opt_with_definition()?)
            }
            Some(Kw::Enable | Kw::Disable) => {
                let enable = self.is_kw(Kw::Enable);
                self.advance();
                AlterSubscriptionAction::Enable(enable)
            }
            Some(Kw::Skip) => {
                self.advance();
                AlterSubscriptionAction::Skip(self.definition()?)
            }
            Some(Kw::Set) if self.is_char_n(1, '(') => {
                self.advance();
                AlterSubscriptionAction::Options(self.definition()?)
            }
            _ => {
                let Some(kind) = self.publication_action() else { return self.err() };
                self.expect_kw(Kw::Publication)?;
                let names = self.name_list()?;
                AlterSubscriptionAction::Publication(kind, names, self.opt_with_definition()?)
            }
        };
        Ok(Stmt::AlterSubscription(AlterSubscriptionStmt { name, action }))
    }

    // ---------------------------------------------------------------- tablespaces

    /// `CREATE TABLESPACE name [OWNER role] LOCATION 'dir' [WITH (options)]`.
    fn create_tablespace(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Tablespace)?;
        let name = self.col_id()?;
        let owner = if self.eat_kw(Kw::Owner) { Some(self.role_spec()?) } else { None };
        self.expect_kw(Kw::Location)?;
        let location = self.sconst()?;
        let options = self.opt_reloptions()?;
        Ok(Stmt::CreateTablespace(CreateTablespaceStmt { name, owner, location, options }))
    }

    /// `ALTER TABLESPACE name {SET | RESET} (options)`.
    fn alter_tablespace(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Tablespace)?;
        let name = self.col_id()?;
        let is_reset = self.eat_kw(Kw::Reset);
        if !is_reset {
            self.expect_kw(Kw::Set)?;
        }
        let options = self.reloptions()?;
        Ok(Stmt::AlterTablespaceOptions(AlterTablespaceOptionsStmt { name, options, is_reset }))
    }

    // ---------------------------------------------------------------- access methods

    /// `CREATE ACCESS METHOD name TYPE {INDEX | TABLE} HANDLER f`.
    fn create_access_method(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Access)?;
        self.expect_kw(Kw::Method)?;
        let name = self.col_id()?;
        self.expect_kw(Kw::Type)?;
        let kind = if self.eat_kw(Kw::Index) {
            AccessMethodKind::Index
        } else {
            self.expect_kw(Kw::Table)?;
            AccessMethodKind::Table
        };
        self.expect_kw(Kw::Handler)?;
        let handler = self.handler_name()?;
        Ok(Stmt::CreateAm(CreateAmStmt { name, kind, handler }))
    }

    // ---------------------------------------------------------------- databases

    /// `createdb_opt_list`: `name [=] value ...`, where a name is an identifier or one of
    /// CONNECTION LIMIT, ENCODING, LOCATION, OWNER, TABLESPACE, TEMPLATE, and a value a
    /// number, a word, a string or DEFAULT. Possibly empty.
    fn createdb_opt_list(&mut self) -> PgResult<Vec<DatabaseOption>> {
        let mut options = Vec::new();
        loop {
            let name = match &self.peek().kind {
                TokenKind::Ident(s) => s.clone(),
                TokenKind::Keyword(k)
                    if matches!(k.kw, Kw::Encoding | Kw::Location | Kw::Owner | Kw::Tablespace | Kw::Template) =>
                {
                    k.word.to_string()
                }
                TokenKind::Keyword(k) if k.kw == Kw::Connection => {
                    self.advance();
                    if !self.is_kw(Kw::Limit) {
                        return self.err();
                    }
                    "connection_limit".to_string()
                }
                _ => return Ok(options),
            };
            self.advance();
            let _ = self.eat_char('=');
            let value = if self.eat_kw(Kw::Default) { None } else { Some(self.var_value()?) };
            options.push(DatabaseOption { name, value });
        }
    }

    /// `CREATE DATABASE name [WITH] [options]`.
    fn create_database(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Create)?;
        self.expect_kw(Kw::Database)?;
        let name = self.col_id()?;
        let _ = self.eat_kw(Kw::With);
        let options = self.createdb_opt_list()?;
        Ok(Stmt::CreateDatabase(CreateDatabaseStmt { name, options }))
    }

    /// `ALTER DATABASE name {[WITH] options | SET TABLESPACE t | SET ... | RESET ... |
    /// REFRESH COLLATION VERSION}`.
    fn alter_database(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Database)?;
        let name = self.col_id()?;
        let action = if self.is_kw(Kw::Set)
            && self.is_kw_n(1, Kw::Tablespace)
            && !(self.is_kw_n(2, Kw::To) || self.is_char_n(2, '=') || self.is_char_n(2, '.'))
        {
            self.advance();
            self.advance();
            AlterDatabaseAction::SetTablespace(self.col_id()?)
        } else if self.eat_kw(Kw::Set) {
            AlterDatabaseAction::Set(self.set_rest()?)
        } else if self.eat_kw(Kw::Reset) {
            AlterDatabaseAction::Set(self.reset_rest()?)
        } else if self.eat_kw(Kw::Refresh) {
            self.expect_kw(Kw::Collation)?;
            self.expect_kw(Kw::Version)?;
            AlterDatabaseAction::RefreshCollationVersion
        } else {
            let _ = self.eat_kw(Kw::With);
            AlterDatabaseAction::Options(self.createdb_opt_list()?)
        };
        Ok(Stmt::AlterDatabase(AlterDatabaseStmt { name, action }))
    }

    /// `ALTER SYSTEM SET name {TO | =} {value, ... | DEFAULT}` or `ALTER SYSTEM RESET {name |
    /// ALL}` (gram.y `generic_set` / `generic_reset`, without SET's special forms).
    fn alter_system(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::System)?;
        if self.eat_kw(Kw::Reset) {
            let set = if self.eat_kw(Kw::All) {
                Self::new_set(VariableSetKind::ResetAll, "")
            } else {
                Self::new_set(VariableSetKind::Reset, &self.var_name()?)
            };
            return Ok(Stmt::AlterSystem(set));
        }
        self.expect_kw(Kw::Set)?;
        let name = self.var_name()?;
        if !(self.eat_kw(Kw::To) || self.eat_char('=')) {
            return self.err();
        }
        if self.eat_kw(Kw::Default) {
            return Ok(Stmt::AlterSystem(Self::new_set(VariableSetKind::Default, &name)));
        }
        let mut set = Self::new_set(VariableSetKind::Value, &name);
        loop {
            set.args.push(self.var_value()?);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(Stmt::AlterSystem(set))
    }
}
