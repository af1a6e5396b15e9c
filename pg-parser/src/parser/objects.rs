//! The grammar of statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).
//!
//! PostgreSQL source area: gram.y `DropStmt`, `RenameStmt`, `AlterOwnerStmt`, `AlterObjectSchemaStmt`, `CommentStmt`, `SecLabelStmt`, `GrantStmt`, `GrantRoleStmt`, `AlterDefaultPrivilegesStmt`.
//!
//! The object designators (`object_ref`, `object_name`, `aggregate_with_argtypes`) may serve
//! the other families; functions', aggregates' and operators' own pieces
//! (`function_with_argtypes`, `aggr_args`, `operator_with_argtypes`) are the routines
//! family's.

use super::*;
use ObjectType as T;

/// The words naming each kind of object after DROP, COMMENT ON, SECURITY LABEL ON and ALTER.
/// Where one spelling extends another (`OPERATOR CLASS`, `OPERATOR`), the longest one that
/// matches wins. `CONSTRAINT` becomes a domain constraint when `ON DOMAIN` follows its name.
const KINDS: &[(&[Kw], ObjectType)] = &[
    (&[Kw::Access, Kw::Method], T::AccessMethod),
    (&[Kw::Aggregate], T::Aggregate),
    (&[Kw::Cast], T::Cast),
    (&[Kw::Column], T::Column),
    (&[Kw::Collation], T::Collation),
    (&[Kw::Conversion], T::Conversion),
    (&[Kw::Constraint], T::TableConstraint),
    (&[Kw::Database], T::Database),
    (&[Kw::Domain], T::Domain),
    (&[Kw::Event, Kw::Trigger], T::EventTrigger),
    (&[Kw::Extension], T::Extension),
    (&[Kw::Foreign, Kw::Data, Kw::Wrapper], T::ForeignDataWrapper),
    (&[Kw::Foreign, Kw::Table], T::ForeignTable),
    (&[Kw::Server], T::ForeignServer),
    (&[Kw::Function], T::Function),
    (&[Kw::Index], T::Index),
    (&[Kw::Procedural, Kw::Language], T::Language),
    (&[Kw::Language], T::Language),
    (&[Kw::Large, Kw::Object], T::LargeObject),
    (&[Kw::Materialized, Kw::View], T::MaterializedView),
    (&[Kw::Operator, Kw::Class], T::OperatorClass),
    (&[Kw::Operator, Kw::Family], T::OperatorFamily),
    (&[Kw::Operator], T::Operator),
    (&[Kw::Policy], T::Policy),
    (&[Kw::Procedure], T::Procedure),
    (&[Kw::Publication], T::Publication),
    (&[Kw::Role], T::Role),
    (&[Kw::Routine], T::Routine),
    (&[Kw::Rule], T::Rule),
    (&[Kw::Schema], T::Schema),
    (&[Kw::Sequence], T::Sequence),
    (&[Kw::Statistics], T::Statistics),
    (&[Kw::Subscription], T::Subscription),
    (&[Kw::Table], T::Table),
    (&[Kw::Tablespace], T::Tablespace),
    (&[Kw::Text, Kw::Search, Kw::Configuration], T::TsConfiguration),
    (&[Kw::Text, Kw::Search, Kw::Dictionary], T::TsDictionary),
    (&[Kw::Text, Kw::Search, Kw::Parser], T::TsParser),
    (&[Kw::Text, Kw::Search, Kw::Template], T::TsTemplate),
    (&[Kw::Transform], T::Transform),
    (&[Kw::Trigger], T::Trigger),
    (&[Kw::Type], T::Type),
    (&[Kw::User, Kw::Mapping], T::UserMapping),
    (&[Kw::View], T::View),
];

/// gram.y's `object_type_any_name`: kinds named by a possibly qualified name.
const ANY_NAME_KINDS: &[ObjectType] = &[
    T::Table,
    T::Sequence,
    T::View,
    T::MaterializedView,
    T::Index,
    T::ForeignTable,
    T::Collation,
    T::Conversion,
    T::Statistics,
    T::TsParser,
    T::TsDictionary,
    T::TsTemplate,
    T::TsConfiguration,
];

/// gram.y's `drop_type_name`: kinds named by one unqualified name that DROP takes in lists.
const NAME_KINDS: &[ObjectType] = &[
    T::AccessMethod,
    T::EventTrigger,
    T::Extension,
    T::ForeignDataWrapper,
    T::Language,
    T::Publication,
    T::Schema,
    T::ForeignServer,
];

/// gram.y's `object_type_name`: kinds named by one unqualified name that COMMENT and
/// SECURITY LABEL accept.
fn is_object_type_name(kind: ObjectType) -> bool {
    NAME_KINDS.contains(&kind) || matches!(kind, T::Database | T::Role | T::Subscription | T::Tablespace)
}

/// The kinds SECURITY LABEL ON accepts.
fn seclabel_kind(kind: ObjectType) -> bool {
    ANY_NAME_KINDS.contains(&kind)
        || is_object_type_name(kind)
        || matches!(
            kind,
            T::Column | T::Type | T::Domain | T::Aggregate | T::Function | T::LargeObject | T::Procedure | T::Routine
        )
}

/// The kinds COMMENT ON accepts: those of SECURITY LABEL and a few more.
fn comment_kind(kind: ObjectType) -> bool {
    seclabel_kind(kind)
        || matches!(
            kind,
            T::Operator
                | T::TableConstraint
                | T::Policy
                | T::Rule
                | T::Trigger
                | T::Transform
                | T::OperatorClass
                | T::OperatorFamily
                | T::Cast
        )
}

/// The kinds DROP accepts (DROP ROLE, DROP DATABASE and DROP OWNED are read apart).
fn drop_kind(kind: ObjectType) -> bool {
    ANY_NAME_KINDS.contains(&kind)
        || NAME_KINDS.contains(&kind)
        || matches!(
            kind,
            T::Type
                | T::Domain
                | T::Function
                | T::Procedure
                | T::Routine
                | T::Aggregate
                | T::Operator
                | T::OperatorClass
                | T::OperatorFamily
                | T::Cast
                | T::Transform
                | T::Trigger
                | T::Rule
                | T::Policy
                | T::Tablespace
                | T::UserMapping
                | T::Subscription
        )
}

/// Which generic ALTER forms a kind has: RENAME TO, OWNER TO, SET SCHEMA, [NO] DEPENDS ON
/// EXTENSION (gram.y's `RenameStmt`, `AlterOwnerStmt`, `AlterObjectSchemaStmt`,
/// `AlterObjectDependsStmt`, for objects that are not relations).
fn alter_forms(kind: ObjectType) -> Option<(bool, bool, bool, bool)> {
    Some(match kind {
        T::Aggregate | T::Collation | T::Conversion | T::Domain | T::Type | T::Statistics => (true, true, true, false),
        T::OperatorClass | T::OperatorFamily | T::TsDictionary | T::TsConfiguration => (true, true, true, false),
        T::Database | T::EventTrigger | T::ForeignDataWrapper | T::Language | T::Publication | T::Schema => {
            (true, true, false, false)
        }
        T::ForeignServer | T::Subscription | T::Tablespace => (true, true, false, false),
        T::Extension => (false, false, true, false),
        T::Function | T::Procedure | T::Routine => (true, true, true, true),
        T::LargeObject => (false, true, false, false),
        T::Operator => (false, true, true, false),
        T::Policy | T::Rule => (true, false, false, false),
        T::TsParser | T::TsTemplate => (true, false, true, false),
        T::Trigger => (true, false, false, true),
        T::Index | T::MaterializedView => (false, false, false, true),
        _ => return None,
    })
}

/// The words that begin another family's ALTER form after an object of this kind's name
/// (ALTER EXTENSION e UPDATE, ALTER SERVER s OPTIONS, ...), where they are few: any other
/// word there is a syntax error. `None` where other forms begin with many words (routines'
/// options, ALTER DATABASE's option names, ALTER TYPE and DOMAIN), which are left to their
/// families.
fn other_alter_words(kind: ObjectType) -> Option<&'static [Kw]> {
    Some(match kind {
        T::Aggregate
        | T::Conversion
        | T::Language
        | T::LargeObject
        | T::OperatorClass
        | T::Schema
        | T::Rule
        | T::Trigger
        | T::TsParser
        | T::TsTemplate => &[],
        T::Collation => &[Kw::Refresh],
        T::Tablespace => &[Kw::Set, Kw::Reset],
        T::EventTrigger => &[Kw::Enable, Kw::Disable],
        T::Extension => &[Kw::Update, Kw::Add, Kw::Drop],
        T::ForeignDataWrapper => &[Kw::Handler, Kw::No, Kw::Validator, Kw::Options],
        T::Operator | T::Statistics => &[Kw::Set],
        T::OperatorFamily => &[Kw::Add, Kw::Drop],
        T::Policy => &[Kw::To, Kw::Using, Kw::With],
        T::Publication => &[Kw::Add, Kw::Set, Kw::Drop],
        T::ForeignServer => &[Kw::Version, Kw::Options],
        T::Subscription => {
            &[Kw::Connection, Kw::Set, Kw::Add, Kw::Drop, Kw::Refresh, Kw::Enable, Kw::Disable, Kw::Skip]
        }
        T::TsConfiguration => &[Kw::Add, Kw::Alter, Kw::Drop],
        _ => return None,
    })
}

/// A `RangeVar` for a possibly qualified name of at most three parts.
fn range_var(parts: &[String]) -> Option<RangeVar> {
    let (name, rest) = parts.split_last()?;
    let (schema, catalog) = match rest {
        [] => (None, None),
        [s] => (Some(s.clone()), None),
        [c, s] => (Some(s.clone()), Some(c.clone())),
        _ => return None,
    };
    Some(RangeVar {
        catalog,
        schema,
        name: name.clone(),
        inh: true,
        persistence: 'p',
        alias: None,
        location: Location(0),
    })
}

impl DropStmt {
    /// The relation or schema a plain `DROP TABLE | VIEW | INDEX | SEQUENCE | SCHEMA name`
    /// names (one object, no IF EXISTS, not CONCURRENTLY): PostgreSQL reports it missing
    /// before anything else.
    pub fn unsupported_target(&self) -> Option<UnsupportedTarget> {
        let kind = match self.kind {
            T::Table => TargetKind::Table,
            T::View => TargetKind::View,
            T::Index => TargetKind::Index,
            T::Sequence => TargetKind::Sequence,
            T::Schema => TargetKind::Schema,
            _ => return None,
        };
        if self.missing_ok || self.concurrent || self.objects.len() != 1 {
            return None;
        }
        let relation = match &self.objects[0] {
            ObjectName::Any(parts) => range_var(parts)?,
            ObjectName::Name(n) => range_var(std::slice::from_ref(n))?,
            _ => return None,
        };
        Some(UnsupportedTarget { kind, relation, with_position: false })
    }
}

impl CommentStmt {
    /// The relation `COMMENT ON TABLE name` names, which PostgreSQL reports missing first.
    pub fn unsupported_target(&self) -> Option<UnsupportedTarget> {
        match (&self.object.kind, &self.object.name) {
            (T::Table, ObjectName::Any(parts)) => Some(UnsupportedTarget {
                kind: TargetKind::Relation,
                relation: range_var(parts)?,
                with_position: false,
            }),
            _ => None,
        }
    }
}

impl GrantStmt {
    /// The first table or sequence `GRANT ... ON [TABLE | SEQUENCE] name, ...` names, which
    /// PostgreSQL opens (and reports missing) before anything else.
    pub fn unsupported_target(&self) -> Option<UnsupportedTarget> {
        if self.target_type != GrantTargetType::Object || !matches!(self.kind, T::Table | T::Sequence) {
            return None;
        }
        let relation = match self.objects.first()? {
            ObjectName::Any(parts) => range_var(parts)?,
            ObjectName::Name(n) => range_var(std::slice::from_ref(n))?,
            _ => return None,
        };
        Some(UnsupportedTarget { kind: TargetKind::Relation, relation, with_position: false })
    }
}

impl Parser<'_> {
    /// At `DROP`: every DROP statement except DROP ROLE (gram.y `DropStmt` and its siblings).
    pub(super) fn drop_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Drop)?;
        if self.is_kw(Kw::Owned) {
            self.advance();
            self.expect_kw(Kw::By)?;
            let roles = self.role_list()?;
            let behavior = self.opt_drop_behavior();
            return Ok(Stmt::DropOwned { roles, behavior });
        }
        // DROP USER mapping, ... drops a role named "mapping".
        if self.is_kw(Kw::User) && self.is_kw_n(1, Kw::Mapping) && !matches!(self.word_at(2), Some(Kw::For | Kw::If)) {
            self.pos -= 1;
            return self.drop_role();
        }
        if self.eat_kw(Kw::Database) {
            let missing_ok = self.if_exists_ahead(T::Database)?;
            let name = self.col_id()?;
            let mut options = Vec::new();
            if self.is_char('(') || (self.is_kw(Kw::With) && self.is_char_n(1, '(')) {
                let _ = self.eat_kw(Kw::With);
                self.expect_char('(')?;
                loop {
                    self.expect_kw(Kw::Force)?;
                    options.push("force".to_string());
                    if !self.eat_char(',') {
                        break;
                    }
                }
                self.expect_char(')')?;
            } else if self.is_kw(Kw::With) {
                self.advance();
                return self.err();
            }
            return Ok(Stmt::DropDatabase(DropDatabaseStmt { name, missing_ok, options }));
        }
        let concurrent = self.is_kw(Kw::Index) && self.is_kw_n(1, Kw::Concurrently);
        let kind = if concurrent {
            self.advance();
            self.advance();
            T::Index
        } else {
            self.object_kind(drop_kind)?
        };
        let missing_ok = self.if_exists_ahead(kind)?;
        let mut objects = Vec::new();
        let list = ANY_NAME_KINDS.contains(&kind)
            || NAME_KINDS.contains(&kind)
            || matches!(
                kind,
                T::Type | T::Domain | T::Function | T::Procedure | T::Routine | T::Aggregate | T::Operator
            );
        loop {
            self.tick()?;
            objects.push(self.object_name(kind, true)?.name);
            if !list || !self.eat_char(',') {
                break;
            }
        }
        let behavior = match kind {
            T::Tablespace | T::UserMapping => DropBehavior::Restrict,
            _ => self.opt_drop_behavior(),
        };
        Ok(Stmt::Drop(DropStmt { kind, objects, behavior, missing_ok, concurrent }))
    }

    /// `IF EXISTS`. IF is a name where the object's name may begin with one and EXISTS does
    /// not follow (`DROP TABLE if` drops the table "if"); before a cast's `(` or a
    /// transform's or user mapping's FOR it can only begin IF EXISTS.
    fn if_exists_ahead(&mut self, kind: ObjectType) -> PgResult<bool> {
        if !self.is_kw(Kw::If) {
            return Ok(false);
        }
        if self.is_kw_n(1, Kw::Exists) || matches!(kind, T::Cast | T::Transform | T::UserMapping) {
            self.advance();
            self.expect_kw(Kw::Exists)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// The longest spelling of a kind in `allowed` at the current token, or None (nothing
    /// consumed). Returns the kind and how many words spell it, and otherwise how many
    /// words matched the start of some spelling.
    fn peek_object_kind(&self, allowed: impl Fn(ObjectType) -> bool) -> Result<(ObjectType, usize), usize> {
        let mut best: Option<(ObjectType, usize)> = None;
        let mut reach = 0;
        for (words, kind) in KINDS {
            if !allowed(*kind) {
                continue;
            }
            let n = words.iter().enumerate().take_while(|(i, w)| self.is_kw_n(*i, **w)).count();
            // `OPERATOR family.+`: an operator in schema "family", not an operator family.
            let qualifier = n > 1 && self.is_char_n(n, '.') && words[0] == Kw::Operator;
            if n == words.len() && !qualifier && best.is_none_or(|(_, len)| n > len) {
                best = Some((*kind, n));
            }
            reach = reach.max(n);
        }
        best.ok_or(reach)
    }

    /// Reads the words of a kind in `allowed`; a syntax error at the first word that no
    /// allowed kind has there.
    fn object_kind(&mut self, allowed: impl Fn(ObjectType) -> bool) -> PgResult<ObjectType> {
        match self.peek_object_kind(allowed) {
            Ok((kind, n)) => {
                for _ in 0..n {
                    self.advance();
                }
                Ok(kind)
            }
            Err(reach) => Err(self.error_at_token(self.pos + reach)),
        }
    }

    /// `kind designator`: the kind's words (one of `allowed`) and the object's name, as
    /// COMMENT ON and SECURITY LABEL ON read them (a TYPE or DOMAIN is a type name).
    pub(super) fn object_ref(&mut self, allowed: impl Fn(ObjectType) -> bool) -> PgResult<ObjectRef> {
        let kind = self.object_kind(allowed)?;
        self.object_name(kind, true)
    }

    /// The name of an object of `kind`, shaped as gram.y shapes it for that kind. A TYPE or
    /// DOMAIN is a type name when `type_as_typename` (DROP, COMMENT), else a plain name
    /// (ALTER). A CONSTRAINT followed by `ON DOMAIN` changes the kind to a domain constraint.
    pub(super) fn object_name(&mut self, kind: ObjectType, type_as_typename: bool) -> PgResult<ObjectRef> {
        let name = match kind {
            T::Type | T::Domain if type_as_typename => ObjectName::Type(self.type_name()?),
            T::Type | T::Domain | T::Column => ObjectName::Any(self.any_name()?),
            _ if ANY_NAME_KINDS.contains(&kind) => ObjectName::Any(self.any_name()?),
            _ if is_object_type_name(kind) => ObjectName::Name(self.col_id()?),
            T::Function | T::Procedure | T::Routine => ObjectName::Function(self.function_with_argtypes()?),
            T::Aggregate => ObjectName::Aggregate(self.aggregate_with_argtypes()?),
            T::Operator => ObjectName::Operator(self.operator_with_argtypes()?),
            T::Cast => {
                self.expect_char('(')?;
                let source = self.type_name()?;
                self.expect_kw(Kw::As)?;
                let target = self.type_name()?;
                self.expect_char(')')?;
                ObjectName::Cast { source, target }
            }
            T::Transform => {
                self.expect_kw(Kw::For)?;
                let type_name = self.type_name()?;
                self.expect_kw(Kw::Language)?;
                ObjectName::Transform { type_name, language: self.col_id()? }
            }
            T::OperatorClass | T::OperatorFamily => {
                let name = self.any_name()?;
                self.expect_kw(Kw::Using)?;
                ObjectName::Using { name, access_method: self.col_id()? }
            }
            T::Trigger | T::Rule | T::Policy => {
                let name = self.col_id()?;
                self.expect_kw(Kw::On)?;
                ObjectName::OnTable { name, table: self.any_name()? }
            }
            T::TableConstraint | T::DomainConstraint => {
                let name = self.col_id()?;
                self.expect_kw(Kw::On)?;
                // `ON DOMAIN IS ...`: a table named "domain".
                if self.is_kw(Kw::Domain) && Self::token_is_ident_with(self.peek_n(1), Self::col_id_ok) {
                    self.advance();
                    let domain = self.any_name()?;
                    return Ok(ObjectRef { kind: T::DomainConstraint, name: ObjectName::OnDomain { name, domain } });
                }
                ObjectName::OnTable { name, table: self.any_name()? }
            }
            T::LargeObject => ObjectName::LargeObject(self.numeric_only()?),
            T::UserMapping => {
                self.expect_kw(Kw::For)?;
                let user = if self.eat_kw(Kw::User) { MappingUser::User } else { MappingUser::Role(self.role_spec()?) };
                self.expect_kw(Kw::Server)?;
                ObjectName::UserMapping { user, server: self.col_id()? }
            }
            T::Parameter => ObjectName::Any(self.parameter_name()?),
            _ => return self.err(),
        };
        Ok(ObjectRef { kind, name })
    }

    /// `parameter_name`: a configuration parameter, `ColId [. ColId ...]`.
    fn parameter_name(&mut self) -> PgResult<Vec<String>> {
        let mut v = vec![self.col_id()?];
        while self.eat_char('.') {
            v.push(self.col_id()?);
        }
        Ok(v)
    }

    /// `aggregate_with_argtypes`: `name (*)`, `name (args)`, `name ([args] ORDER BY args)`.
    pub(super) fn aggregate_with_argtypes(&mut self) -> PgResult<AggregateWithArgs> {
        let name = self.func_name()?;
        Ok(AggregateWithArgs { name, args: self.aggr_args()? })
    }

    /// At `CREATE`: parses the statement when it creates an object that no other family claims; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn create_object_family(&mut self) -> PgResult<Option<Stmt>> {
        Ok(None)
    }

    /// At `ALTER`: parses the generic forms for an object of any kind that is not a relation
    /// (RENAME, OWNER TO, SET SCHEMA, [NO] DEPENDS ON EXTENSION) and ALTER DEFAULT
    /// PRIVILEGES; otherwise returns `None` and consumes nothing, so the next family can look.
    ///
    /// The designator is read before the action that decides whether the statement is one of
    /// these; when it is not (`ALTER FUNCTION f(int) IMMUTABLE`, which another family reads),
    /// the position goes back to `ALTER` once, so each token is read at most twice.
    pub(super) fn alter_object_family(&mut self) -> PgResult<Option<Stmt>> {
        // ALTER DEFAULT begins nothing but ALTER DEFAULT PRIVILEGES.
        if self.is_kw_n(1, Kw::Default) {
            return self.alter_default_privileges().map(Some);
        }
        let start = self.pos;
        self.advance();
        let (kind, n) = match self.peek_object_kind(|k| alter_forms(k).is_some()) {
            Ok(found) => found,
            // `ALTER LARGE`, `ALTER TEXT SEARCH`: a kind's words cut short by the end.
            // `ALTER LARGE`, `ALTER FOREIGN DATA x`: a kind's words cut short (unless they
            // spell a kind another family alters, as FOREIGN TABLE).
            Err(reach) if reach > 0 && self.peek_object_kind(|_| true).is_err() => {
                return Err(self.error_at_token(self.pos + reach));
            }
            Err(_) => {
                self.pos = start;
                return Ok(None);
            }
        };
        for _ in 0..n {
            self.advance();
        }
        let (rename, owner, schema, depends) = alter_forms(kind).unwrap_or_default();
        let relation = matches!(kind, T::Index | T::MaterializedView);
        let object = self.object_name(kind, false)?;
        // ALTER TYPE ... RENAME ATTRIBUTE | VALUE belongs to the types family.
        let type_rename = kind == T::Type && self.is_kw(Kw::Rename);
        // Where no other family's ALTER form can begin here (the kind has only these, the
        // word begins none of the others, or the statement ends), what does not fit is a
        // syntax error rather than another family's statement.
        let strict = self.at_end_n(0)
            || other_alter_words(kind).is_some_and(|words| {
                !(self.word_at(0).is_some_and(|w| words.contains(&w)) || kind == T::TsDictionary && self.is_char('('))
            });
        let stmt = match self.word_at(0) {
            Some(Kw::Rename) if rename && self.is_kw_n(1, Kw::To) => {
                self.advance();
                self.advance();
                let new_name = self.col_id()?;
                Stmt::Rename(RenameStmt { object, subname: None, new_name })
            }
            Some(Kw::Rename) if kind == T::Domain && self.is_kw_n(1, Kw::Constraint) => {
                self.advance();
                self.advance();
                let subname = Some(self.col_id()?);
                self.expect_kw(Kw::To)?;
                let new_name = self.col_id()?;
                Stmt::Rename(RenameStmt { object, subname, new_name })
            }
            Some(Kw::Rename) if rename && !type_rename => {
                self.advance();
                return self.err();
            }
            // ALTER DATABASE d OWNER x (without TO) is an option of AlterDatabaseStmt.
            Some(Kw::Owner) if owner && (kind != T::Database || self.is_kw_n(1, Kw::To) || self.at_end_n(1)) => {
                self.advance();
                self.expect_kw(Kw::To)?;
                let new_owner = self.role_spec()?;
                Stmt::AlterOwner(AlterOwnerStmt { object, new_owner })
            }
            // `SET SCHEMA name`; a routine's `SET schema TO ...`, `= ...` and `SET SCHEMA 'x'`
            // are settings.
            Some(Kw::Set)
                if schema
                    && (strict || self.at_end_n(1) || (self.is_kw_n(1, Kw::Schema) && !self.setting_follows(kind))) =>
            {
                self.advance();
                self.expect_kw(Kw::Schema)?;
                let new_schema = self.col_id()?;
                Stmt::AlterObjectSchema(AlterObjectSchemaStmt { object, new_schema })
            }
            Some(Kw::Depends | Kw::No)
                if depends
                    && (strict
                        || self.is_kw(Kw::Depends)
                        || self.is_kw_n(1, Kw::Depends)
                        // No routine option begins with NO: it can only be NO DEPENDS.
                        || matches!(kind, T::Function | T::Procedure | T::Routine)) =>
            {
                let remove = self.eat_kw(Kw::No);
                self.expect_kw(Kw::Depends)?;
                self.expect_kw(Kw::On)?;
                self.expect_kw(Kw::Extension)?;
                let extension = self.col_id()?;
                Stmt::AlterObjectDepends(AlterObjectDependsStmt { object, extension, remove })
            }
            Some(Kw::Rename | Kw::Owner | Kw::Depends) if !relation && !type_rename && kind != T::Database => {
                return self.err();
            }
            // Every other family has declined the statement: what does not fit here is where
            // it goes wrong.
            _ => return self.err(),
        };
        Ok(Some(stmt))
    }

    /// Whether token `n` ends the statement.
    fn at_end_n(&self, n: usize) -> bool {
        matches!(self.peek_n(n).kind, TokenKind::Eof | TokenKind::Char(';'))
    }

    /// At `SET SCHEMA` after a routine's name: whether this is its `SET schema TO | = value`
    /// or `SET SCHEMA 'value'` (a configuration setting) rather than a new schema.
    fn setting_follows(&self, kind: ObjectType) -> bool {
        matches!(kind, T::Function | T::Procedure | T::Routine)
            && (self.is_kw_n(2, Kw::To)
                || self.is_char_n(2, '=')
                || matches!(self.peek_n(2).kind, TokenKind::Sconst(_)))
    }

    /// `COMMENT ON object IS 'text' | NULL` (gram.y `CommentStmt`).
    pub(super) fn comment_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Comment)?;
        self.expect_kw(Kw::On)?;
        let object = self.object_ref(comment_kind)?;
        self.expect_kw(Kw::Is)?;
        let comment = self.sconst_or_null()?;
        Ok(Stmt::Comment(CommentStmt { object, comment }))
    }

    /// `Sconst | NULL`.
    fn sconst_or_null(&mut self) -> PgResult<Option<String>> {
        if self.eat_kw(Kw::Null) {
            Ok(None)
        } else {
            Ok(Some(self.sconst()?))
        }
    }

    /// `SECURITY LABEL [FOR provider] ON object IS 'label' | NULL` (gram.y `SecLabelStmt`).
    pub(super) fn sec_label_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Security)?;
        self.expect_kw(Kw::Label)?;
        let provider = if self.eat_kw(Kw::For) { Some(self.non_reserved_word_or_sconst()?) } else { None };
        self.expect_kw(Kw::On)?;
        let object = self.object_ref(seclabel_kind)?;
        self.expect_kw(Kw::Is)?;
        let label = self.sconst_or_null()?;
        Ok(Stmt::SecLabel(SecLabelStmt { object, provider, label }))
    }

    /// `REASSIGN OWNED BY roles TO role` (gram.y `ReassignOwnedStmt`).
    pub(super) fn reassign_owned_stmt(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Reassign)?;
        self.expect_kw(Kw::Owned)?;
        self.expect_kw(Kw::By)?;
        let roles = self.role_list()?;
        self.expect_kw(Kw::To)?;
        let new_role = self.role_spec()?;
        Ok(Stmt::ReassignOwned(ReassignOwnedStmt { roles, new_role }))
    }

    /// `opt_column_list` after a privilege.
    fn privilege_columns(&mut self) -> PgResult<Vec<String>> {
        if self.eat_char('(') {
            let v = self.name_list()?;
            self.expect_char(')')?;
            Ok(v)
        } else {
            Ok(Vec::new())
        }
    }

    /// `privileges`: `ALL [PRIVILEGES] [(columns)]` (None, or one nameless privilege with
    /// the columns), or a list of privileges.
    fn privileges(&mut self) -> PgResult<Option<Vec<AccessPriv>>> {
        if self.eat_kw(Kw::All) {
            let _ = self.eat_kw(Kw::Privileges);
            if self.is_char('(') {
                let columns = self.privilege_columns()?;
                return Ok(Some(vec![AccessPriv { name: None, columns }]));
            }
            return Ok(None);
        }
        let mut v = Vec::new();
        loop {
            self.tick()?;
            let name = match self.word_at(0) {
                Some(Kw::Select | Kw::References | Kw::Create) => {
                    let w = self.word_at(0).map(Kw::word).unwrap_or_default().to_string();
                    self.advance();
                    w
                }
                // ALTER is unreserved: a privilege's name unless SYSTEM follows.
                Some(Kw::Alter) if self.is_kw_n(1, Kw::System) => {
                    self.advance();
                    self.advance();
                    v.push(AccessPriv { name: Some("alter system".into()), columns: Vec::new() });
                    if !self.eat_char(',') {
                        break;
                    }
                    continue;
                }
                _ => self.col_id()?,
            };
            let columns = self.privilege_columns()?;
            v.push(AccessPriv { name: Some(name), columns });
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(Some(v))
    }

    /// `grantee_list`: `[GROUP] role, ...`.
    fn grantee_list(&mut self) -> PgResult<Vec<RoleSpec>> {
        let mut v = Vec::new();
        loop {
            self.tick()?;
            let _ = self.eat_kw(Kw::Group);
            v.push(self.role_spec()?);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(v)
    }

    /// `GRANTED BY role`.
    fn opt_granted_by(&mut self) -> PgResult<Option<RoleSpec>> {
        if self.is_kw(Kw::Granted) {
            self.advance();
            self.expect_kw(Kw::By)?;
            return Ok(Some(self.role_spec()?));
        }
        Ok(None)
    }

    /// `GRANT ...` / `REVOKE ...`: privileges on objects (gram.y `GrantStmt`) or roles to roles
    /// (`GrantRoleStmt`), told apart by ON after the list.
    pub(super) fn grant_stmt(&mut self) -> PgResult<Stmt> {
        let is_grant = self.is_kw(Kw::Grant);
        self.advance();
        let mut grant_option = false;
        let mut admin_opt = false;
        if !is_grant {
            if self.is_kw(Kw::Grant) {
                self.advance();
                self.expect_kw(Kw::Option)?;
                self.expect_kw(Kw::For)?;
                grant_option = true;
            } else if self.is_kw(Kw::Admin) && self.is_kw_n(1, Kw::Option) {
                self.advance();
                self.advance();
                self.expect_kw(Kw::For)?;
                admin_opt = true;
            }
        }
        // Roles are granted by name: ALL never names one (an error at ALL after ADMIN OPTION
        // FOR, and at the word after ALL [PRIVILEGES] [(columns)], where ON must follow).
        if admin_opt && self.is_kw(Kw::All) {
            return self.err();
        }
        let privileges = self.privileges()?;
        let names_roles = privileges.as_ref().is_some_and(|v| v.iter().all(|p| p.name.is_some()));
        if admin_opt || (!self.is_kw(Kw::On) && names_roles) {
            let Some(granted_roles) = privileges else { return self.err() };
            self.expect_kw(if is_grant { Kw::To } else { Kw::From })?;
            let grantees = self.role_list()?;
            if is_grant && self.is_kw(Kw::With) {
                self.advance();
                self.expect_kw(Kw::Admin)?;
                self.expect_kw(Kw::Option)?;
                admin_opt = true;
            }
            let grantor = self.opt_granted_by()?;
            let behavior = if is_grant { DropBehavior::Restrict } else { self.opt_drop_behavior() };
            return Ok(Stmt::GrantRole(GrantRoleStmt {
                is_grant,
                granted_roles,
                grantees,
                admin_opt,
                grantor,
                behavior,
            }));
        }
        self.expect_kw(Kw::On)?;
        let (target_type, kind, objects) = self.privilege_target()?;
        let g = self.grant_rest(is_grant, grant_option, privileges.unwrap_or_default(), target_type, kind, objects)?;
        let grantor = self.opt_granted_by()?;
        let behavior = if is_grant { DropBehavior::Restrict } else { self.opt_drop_behavior() };
        Ok(Stmt::Grant(GrantStmt { grantor, behavior, ..g }))
    }

    /// `TO grantees [WITH GRANT OPTION]` / `FROM grantees`, after the target.
    fn grant_rest(
        &mut self,
        is_grant: bool,
        grant_option: bool,
        privileges: Vec<AccessPriv>,
        target_type: GrantTargetType,
        kind: ObjectType,
        objects: Vec<ObjectName>,
    ) -> PgResult<GrantStmt> {
        self.expect_kw(if is_grant { Kw::To } else { Kw::From })?;
        let grantees = self.grantee_list()?;
        let mut grant_option = grant_option;
        if is_grant && self.is_kw(Kw::With) {
            self.advance();
            self.expect_kw(Kw::Grant)?;
            self.expect_kw(Kw::Option)?;
            grant_option = true;
        }
        Ok(GrantStmt {
            is_grant,
            target_type,
            kind,
            objects,
            privileges,
            grantees,
            grant_option,
            grantor: None,
            behavior: DropBehavior::Restrict,
        })
    }

    /// `privilege_target`: `[TABLE] tables | SEQUENCE ... | FUNCTION f(args), ... | ALL TABLES
    /// IN SCHEMA s, ...`. A kind word followed by something that cannot begin its list is a
    /// table's name (`GRANT SELECT ON sequence TO u`).
    fn privilege_target(&mut self) -> PgResult<(GrantTargetType, ObjectType, Vec<ObjectName>)> {
        let names_follow = |p: &Self, n: usize| Self::token_is_ident_with(p.peek_n(n), Self::col_id_ok);
        let (kind, words) = match self.word_at(0) {
            Some(Kw::All) => {
                let kind = match self.word_at(1) {
                    Some(Kw::Tables) => T::Table,
                    Some(Kw::Sequences) => T::Sequence,
                    Some(Kw::Functions) => T::Function,
                    Some(Kw::Procedures) => T::Procedure,
                    Some(Kw::Routines) => T::Routine,
                    _ => return Err(self.error_at_token(self.pos + 1)),
                };
                self.advance();
                self.advance();
                self.expect_kw(Kw::In)?;
                self.expect_kw(Kw::Schema)?;
                let schemas = self.name_list()?.into_iter().map(ObjectName::Name).collect();
                return Ok((GrantTargetType::AllInSchema, kind, schemas));
            }
            Some(Kw::Table) => (T::Table, 1),
            Some(Kw::Sequence) if names_follow(self, 1) => (T::Sequence, 1),
            Some(Kw::Foreign) if self.is_kw_n(1, Kw::Data) => {
                self.advance();
                self.advance();
                self.expect_kw(Kw::Wrapper)?;
                (T::ForeignDataWrapper, 0)
            }
            Some(Kw::Foreign) => {
                self.advance();
                self.expect_kw(Kw::Server)?;
                (T::ForeignServer, 0)
            }
            Some(Kw::Function | Kw::Procedure | Kw::Routine)
                if Self::token_is_ident_with(self.peek_n(1), Self::non_reserved_ok) =>
            {
                let kind = match self.word_at(0) {
                    Some(Kw::Function) => T::Function,
                    Some(Kw::Procedure) => T::Procedure,
                    _ => T::Routine,
                };
                (kind, 1)
            }
            Some(Kw::Database) if names_follow(self, 1) => (T::Database, 1),
            Some(Kw::Domain) if names_follow(self, 1) => (T::Domain, 1),
            Some(Kw::Language) if names_follow(self, 1) => (T::Language, 1),
            Some(Kw::Large) if self.is_kw_n(1, Kw::Object) => (T::LargeObject, 2),
            Some(Kw::Parameter) if names_follow(self, 1) => (T::Parameter, 1),
            Some(Kw::Schema) if names_follow(self, 1) => (T::Schema, 1),
            Some(Kw::Tablespace) if names_follow(self, 1) => (T::Tablespace, 1),
            Some(Kw::Type) if names_follow(self, 1) => (T::Type, 1),
            _ => (T::Table, 0),
        };
        for _ in 0..words {
            self.advance();
        }
        let mut objects = Vec::new();
        loop {
            self.tick()?;
            let name = match kind {
                T::Table | T::Sequence => {
                    let rv = self.qualified_name()?;
                    ObjectName::Any(rv.catalog.into_iter().chain(rv.schema).chain(Some(rv.name)).collect())
                }
                T::Domain | T::Type => ObjectName::Any(self.any_name()?),
                _ => self.object_name(kind, false)?.name,
            };
            objects.push(name);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok((GrantTargetType::Object, kind, objects))
    }

    /// `ALTER DEFAULT PRIVILEGES [IN SCHEMA s, ... | FOR ROLE r, ...]... GRANT | REVOKE ...
    /// ON TABLES | SEQUENCES | FUNCTIONS | ROUTINES | TYPES | SCHEMAS ...`
    /// (gram.y `AlterDefaultPrivilegesStmt`).
    fn alter_default_privileges(&mut self) -> PgResult<Stmt> {
        self.expect_kw(Kw::Alter)?;
        self.expect_kw(Kw::Default)?;
        self.expect_kw(Kw::Privileges)?;
        let mut options = Vec::new();
        loop {
            if self.is_kw(Kw::In) {
                self.advance();
                self.expect_kw(Kw::Schema)?;
                options.push(DefAclOption::InSchema(self.name_list()?));
            } else if self.is_kw(Kw::For) {
                self.advance();
                if !(self.eat_kw(Kw::Role) || self.eat_kw(Kw::User)) {
                    return self.err();
                }
                options.push(DefAclOption::ForRole(self.role_list()?));
            } else {
                break;
            }
        }
        let is_grant = match self.word_at(0) {
            Some(Kw::Grant) => true,
            Some(Kw::Revoke) => false,
            _ => return self.err(),
        };
        self.advance();
        let mut grant_option = false;
        if !is_grant && self.is_kw(Kw::Grant) {
            self.advance();
            self.expect_kw(Kw::Option)?;
            self.expect_kw(Kw::For)?;
            grant_option = true;
        }
        let privileges = self.privileges()?.unwrap_or_default();
        self.expect_kw(Kw::On)?;
        let kind = match self.word_at(0) {
            Some(Kw::Tables) => T::Table,
            Some(Kw::Functions | Kw::Routines) => T::Function,
            Some(Kw::Sequences) => T::Sequence,
            Some(Kw::Types) => T::Type,
            Some(Kw::Schemas) => T::Schema,
            _ => return self.err(),
        };
        self.advance();
        let mut action =
            self.grant_rest(is_grant, grant_option, privileges, GrantTargetType::Defaults, kind, Vec::new())?;
        if !is_grant {
            action.behavior = self.opt_drop_behavior();
        }
        Ok(Stmt::AlterDefaultPrivileges(AlterDefaultPrivilegesStmt { options, action }))
    }
}
