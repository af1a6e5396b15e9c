//! Syntax trees of statements over objects of any kind (DROP, ALTER ... RENAME / OWNER TO / SET SCHEMA / DEPENDS ON EXTENSION, COMMENT, SECURITY LABEL, GRANT / REVOKE, ALTER DEFAULT PRIVILEGES, REASSIGN / DROP OWNED).
//!
//! PostgreSQL source area: gram.y `DropStmt`, `RenameStmt`, `AlterOwnerStmt`, `AlterObjectSchemaStmt`, `CommentStmt`, `SecLabelStmt`, `GrantStmt`, `GrantRoleStmt`, `AlterDefaultPrivilegesStmt` (`parsenodes.h`).
//!
//! The centre is the object designator, [`ObjectRef`]: PostgreSQL's `ObjectType` and the
//! node that names the object (`objname` / `object` in those statements), which depends on
//! the kind: a qualified name, a type name, a function with its argument types, a cast's two
//! types, a trigger's name and table, and so on ([`ObjectName`]).

use super::*;

/// PostgreSQL's `ObjectType`: the kind of object a statement names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectType {
    /// ACCESS METHOD.
    AccessMethod,
    /// AGGREGATE.
    Aggregate,
    /// CAST.
    Cast,
    /// COLUMN (`table.column`).
    Column,
    /// COLLATION.
    Collation,
    /// CONVERSION.
    Conversion,
    /// DATABASE.
    Database,
    /// DOMAIN.
    Domain,
    /// CONSTRAINT name ON DOMAIN d.
    DomainConstraint,
    /// EVENT TRIGGER.
    EventTrigger,
    /// EXTENSION.
    Extension,
    /// FOREIGN DATA WRAPPER.
    ForeignDataWrapper,
    /// SERVER (FOREIGN SERVER in GRANT).
    ForeignServer,
    /// FOREIGN TABLE.
    ForeignTable,
    /// FUNCTION.
    Function,
    /// INDEX.
    Index,
    /// LANGUAGE.
    Language,
    /// LARGE OBJECT.
    LargeObject,
    /// MATERIALIZED VIEW.
    MaterializedView,
    /// OPERATOR CLASS.
    OperatorClass,
    /// OPERATOR.
    Operator,
    /// OPERATOR FAMILY.
    OperatorFamily,
    /// PARAMETER (a configuration parameter, in GRANT).
    Parameter,
    /// POLICY.
    Policy,
    /// PROCEDURE.
    Procedure,
    /// PUBLICATION.
    Publication,
    /// ROLE.
    Role,
    /// ROUTINE (a function or a procedure).
    Routine,
    /// RULE.
    Rule,
    /// SCHEMA.
    Schema,
    /// SEQUENCE.
    Sequence,
    /// SUBSCRIPTION.
    Subscription,
    /// STATISTICS (extended statistics).
    Statistics,
    /// CONSTRAINT name ON table.
    TableConstraint,
    /// TABLE.
    Table,
    /// TABLESPACE.
    Tablespace,
    /// TRANSFORM.
    Transform,
    /// TRIGGER.
    Trigger,
    /// TEXT SEARCH CONFIGURATION.
    TsConfiguration,
    /// TEXT SEARCH DICTIONARY.
    TsDictionary,
    /// TEXT SEARCH PARSER.
    TsParser,
    /// TEXT SEARCH TEMPLATE.
    TsTemplate,
    /// TYPE.
    Type,
    /// USER MAPPING.
    UserMapping,
    /// VIEW.
    View,
}

impl ObjectType {
    /// The kind as SQL writes it after DROP / COMMENT ON / ALTER (`MATERIALIZED VIEW`,
    /// `TEXT SEARCH PARSER`, `SERVER`, `CONSTRAINT` for both constraint kinds).
    pub fn sql(self) -> &'static str {
        use ObjectType::*;
        match self {
            AccessMethod => "ACCESS METHOD",
            Aggregate => "AGGREGATE",
            Cast => "CAST",
            Column => "COLUMN",
            Collation => "COLLATION",
            Conversion => "CONVERSION",
            Database => "DATABASE",
            Domain => "DOMAIN",
            DomainConstraint | TableConstraint => "CONSTRAINT",
            EventTrigger => "EVENT TRIGGER",
            Extension => "EXTENSION",
            ForeignDataWrapper => "FOREIGN DATA WRAPPER",
            ForeignServer => "SERVER",
            ForeignTable => "FOREIGN TABLE",
            Function => "FUNCTION",
            Index => "INDEX",
            Language => "LANGUAGE",
            LargeObject => "LARGE OBJECT",
            MaterializedView => "MATERIALIZED VIEW",
            OperatorClass => "OPERATOR CLASS",
            Operator => "OPERATOR",
            OperatorFamily => "OPERATOR FAMILY",
            Parameter => "PARAMETER",
            Policy => "POLICY",
            Procedure => "PROCEDURE",
            Publication => "PUBLICATION",
            Role => "ROLE",
            Routine => "ROUTINE",
            Rule => "RULE",
            Schema => "SCHEMA",
            Sequence => "SEQUENCE",
            Subscription => "SUBSCRIPTION",
            Statistics => "STATISTICS",
            Table => "TABLE",
            Tablespace => "TABLESPACE",
            Transform => "TRANSFORM",
            Trigger => "TRIGGER",
            TsConfiguration => "TEXT SEARCH CONFIGURATION",
            TsDictionary => "TEXT SEARCH DICTIONARY",
            TsParser => "TEXT SEARCH PARSER",
            TsTemplate => "TEXT SEARCH TEMPLATE",
            Type => "TYPE",
            UserMapping => "USER MAPPING",
            View => "VIEW",
        }
    }
}

macro_rules! kind_tags {
    ($alter:expr, $kind:expr, $($k:ident => $s:literal),* $(,)?) => {
        match ($alter, $kind) {
            $((false, ObjectType::$k) => concat!("DROP ", $s), (true, ObjectType::$k) => concat!("ALTER ", $s),)*
        }
    };
}

impl ObjectType {
    /// The command tag of a DROP (`alter` false) or of a generic ALTER (RENAME, OWNER TO, SET
    /// SCHEMA, DEPENDS ON EXTENSION) of this kind, as `CreateCommandTag` names it: a domain
    /// constraint's is ALTER DOMAIN, a table constraint's and a column's ALTER TABLE.
    pub fn command_tag(self, alter: bool) -> &'static str {
        kind_tags!(alter, self,
            AccessMethod => "ACCESS METHOD", Aggregate => "AGGREGATE", Cast => "CAST", Column => "TABLE",
            Collation => "COLLATION", Conversion => "CONVERSION", Database => "DATABASE", Domain => "DOMAIN",
            DomainConstraint => "DOMAIN", EventTrigger => "EVENT TRIGGER", Extension => "EXTENSION",
            ForeignDataWrapper => "FOREIGN DATA WRAPPER", ForeignServer => "SERVER",
            ForeignTable => "FOREIGN TABLE", Function => "FUNCTION", Index => "INDEX", Language => "LANGUAGE",
            LargeObject => "LARGE OBJECT", MaterializedView => "MATERIALIZED VIEW",
            OperatorClass => "OPERATOR CLASS", Operator => "OPERATOR", OperatorFamily => "OPERATOR FAMILY",
            Parameter => "PARAMETER", Policy => "POLICY", Procedure => "PROCEDURE", Publication => "PUBLICATION",
            Role => "ROLE", Routine => "ROUTINE", Rule => "RULE", Schema => "SCHEMA", Sequence => "SEQUENCE",
            Subscription => "SUBSCRIPTION", Statistics => "STATISTICS", TableConstraint => "TABLE",
            Table => "TABLE", Tablespace => "TABLESPACE", Transform => "TRANSFORM", Trigger => "TRIGGER",
            TsConfiguration => "TEXT SEARCH CONFIGURATION", TsDictionary => "TEXT SEARCH DICTIONARY",
            TsParser => "TEXT SEARCH PARSER", TsTemplate => "TEXT SEARCH TEMPLATE", Type => "TYPE",
            UserMapping => "USER MAPPING", View => "VIEW",
        )
    }
}

/// How PostgreSQL names one object: the node in `DropStmt.objects`, `CommentStmt.object`,
/// `RenameStmt.object` and their siblings, whose shape depends on the kind.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectName {
    /// `any_name`: a possibly qualified name (tables, views, indexes, sequences, collations,
    /// conversions, statistics, text search objects; `table.column` for COLUMN).
    Any(Vec<String>),
    /// `name`: one unqualified name (schemas, databases, roles, languages, extensions,
    /// foreign-data wrappers, servers, publications, subscriptions, tablespaces, access
    /// methods, event triggers; configuration parameters as `a.b`).
    Name(String),
    /// A type name (TYPE, DOMAIN).
    Type(TypeName),
    /// A function, procedure or routine with its argument types (`function_with_argtypes`;
    /// the tree is the routines family's).
    Function(ObjectWithArgs),
    /// An aggregate with its argument types (`aggregate_with_argtypes`).
    Aggregate(AggregateWithArgs),
    /// An operator with its operand types (`operator_with_argtypes`).
    Operator(OperatorWithArgs),
    /// `(source AS target)` of a CAST.
    Cast {
        /// The source type.
        source: TypeName,
        /// The target type.
        target: TypeName,
    },
    /// `FOR type LANGUAGE lang` of a TRANSFORM.
    Transform {
        /// The type.
        type_name: TypeName,
        /// The language.
        language: String,
    },
    /// `name USING access_method` of an OPERATOR CLASS or FAMILY.
    Using {
        /// The (possibly qualified) name.
        name: Vec<String>,
        /// The index access method.
        access_method: String,
    },
    /// `name ON table` of a TRIGGER, RULE, POLICY or table CONSTRAINT.
    OnTable {
        /// The object's own name.
        name: String,
        /// The (possibly qualified) table.
        table: Vec<String>,
    },
    /// `name ON DOMAIN domain` of a domain CONSTRAINT.
    OnDomain {
        /// The constraint's name.
        name: String,
        /// The (possibly qualified) domain.
        domain: Vec<String>,
    },
    /// The OID of a LARGE OBJECT (`NumericOnly`: an integer or a numeric literal).
    LargeObject(Value),
    /// `FOR role SERVER server` of a USER MAPPING.
    UserMapping {
        /// The user.
        user: MappingUser,
        /// The foreign server.
        server: String,
    },
}

/// The user of a USER MAPPING (`auth_ident`): a role, or the word USER, which gram.y reads
/// as CURRENT_USER.
#[derive(Clone, Debug, PartialEq)]
pub enum MappingUser {
    /// A role specification (a name, CURRENT_USER, PUBLIC, ...).
    Role(RoleSpec),
    /// `USER`: the current user.
    User,
}

/// One object: its kind and its name (PostgreSQL's `objtype` and `object`).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectRef {
    /// The kind.
    pub kind: ObjectType,
    /// The name, shaped by the kind.
    pub name: ObjectName,
}

/// An aggregate named with its arguments (gram.y's `aggregate_with_argtypes`).
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateWithArgs {
    /// The (possibly qualified) name.
    pub name: Vec<String>,
    /// The arguments.
    pub args: AggregateArgs,
}

/// `DROP kind [IF EXISTS] object, ... [CASCADE | RESTRICT]` (gram.y `DropStmt`, and its
/// siblings for functions, aggregates, operators, casts, transforms, operator classes).
#[derive(Clone, Debug, PartialEq)]
pub struct DropStmt {
    /// The kind of every object dropped.
    pub kind: ObjectType,
    /// The objects.
    pub objects: Vec<ObjectName>,
    /// CASCADE / RESTRICT.
    pub behavior: DropBehavior,
    /// IF EXISTS.
    pub missing_ok: bool,
    /// `DROP INDEX CONCURRENTLY`.
    pub concurrent: bool,
}

/// `DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]` (`DropdbStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct DropDatabaseStmt {
    /// The database.
    pub name: String,
    /// IF EXISTS.
    pub missing_ok: bool,
    /// The options, lower case (`force` is the only one PostgreSQL knows).
    pub options: Vec<String>,
}

/// `ALTER kind object RENAME TO new_name`, and the renames of a domain's constraint
/// (`RenameStmt` for objects that are not relations, roles or attributes).
#[derive(Clone, Debug, PartialEq)]
pub struct RenameStmt {
    /// The object renamed (for RENAME CONSTRAINT of a domain, the domain).
    pub object: ObjectRef,
    /// `RENAME CONSTRAINT old TO new` of a domain: the old constraint name.
    pub subname: Option<String>,
    /// The new name.
    pub new_name: String,
}

/// `ALTER kind object OWNER TO role` (`AlterOwnerStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterOwnerStmt {
    /// The object.
    pub object: ObjectRef,
    /// The new owner.
    pub new_owner: RoleSpec,
}

/// `ALTER kind object SET SCHEMA schema` (`AlterObjectSchemaStmt` for objects that are not
/// relations).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterObjectSchemaStmt {
    /// The object.
    pub object: ObjectRef,
    /// The new schema.
    pub new_schema: String,
}

/// `ALTER kind object [NO] DEPENDS ON EXTENSION ext` (`AlterObjectDependsStmt`): functions,
/// procedures, routines, triggers, materialized views and indexes.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterObjectDependsStmt {
    /// The object.
    pub object: ObjectRef,
    /// The extension.
    pub extension: String,
    /// NO DEPENDS: remove the dependency.
    pub remove: bool,
}

/// `COMMENT ON object IS 'text' | NULL` (`CommentStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CommentStmt {
    /// The object.
    pub object: ObjectRef,
    /// The comment; `None` for NULL (removes it).
    pub comment: Option<String>,
}

/// `SECURITY LABEL [FOR provider] ON object IS 'label' | NULL` (`SecLabelStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct SecLabelStmt {
    /// The object.
    pub object: ObjectRef,
    /// The label provider, if named.
    pub provider: Option<String>,
    /// The label; `None` for NULL.
    pub label: Option<String>,
}

/// One privilege of a GRANT / REVOKE (`AccessPriv`), or a role granted by GRANT role.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessPriv {
    /// The privilege's name, lower case (`select`, `alter system`); `None` for
    /// `ALL [PRIVILEGES] (columns)`.
    pub name: Option<String>,
    /// The columns it is restricted to, if any.
    pub columns: Vec<String>,
}

/// What a GRANT / REVOKE acts on (`GrantTargetType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantTargetType {
    /// The objects listed.
    Object,
    /// `ALL TABLES | SEQUENCES | ... IN SCHEMA schemas`: the objects are schema names.
    AllInSchema,
    /// ALTER DEFAULT PRIVILEGES: objects created later.
    Defaults,
}

/// `GRANT privileges ON objects TO grantees` / `REVOKE ...` (`GrantStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct GrantStmt {
    /// GRANT (true) or REVOKE (false).
    pub is_grant: bool,
    /// Objects, all objects in schemas, or default privileges.
    pub target_type: GrantTargetType,
    /// The kind of the objects (TABLE when none is written; for ALL ... IN SCHEMA, the kind of
    /// the objects in the schemas: TABLE, SEQUENCE, FUNCTION, PROCEDURE, ROUTINE).
    pub kind: ObjectType,
    /// The objects (schema names for ALL ... IN SCHEMA; empty for default privileges).
    pub objects: Vec<ObjectName>,
    /// The privileges; empty for `ALL [PRIVILEGES]`.
    pub privileges: Vec<AccessPriv>,
    /// The grantees (`GROUP r` is `r`).
    pub grantees: Vec<RoleSpec>,
    /// WITH GRANT OPTION (GRANT), GRANT OPTION FOR (REVOKE).
    pub grant_option: bool,
    /// GRANTED BY.
    pub grantor: Option<RoleSpec>,
    /// CASCADE / RESTRICT (REVOKE).
    pub behavior: DropBehavior,
}

/// `GRANT roles TO roles [WITH ADMIN OPTION] [GRANTED BY r]` / `REVOKE [ADMIN OPTION FOR]
/// roles FROM roles ...` (`GrantRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct GrantRoleStmt {
    /// GRANT (true) or REVOKE (false).
    pub is_grant: bool,
    /// The roles granted, as gram.y reads them: privileges (a column list is rejected later).
    pub granted_roles: Vec<AccessPriv>,
    /// The roles that receive them.
    pub grantees: Vec<RoleSpec>,
    /// WITH ADMIN OPTION (GRANT), ADMIN OPTION FOR (REVOKE).
    pub admin_opt: bool,
    /// GRANTED BY.
    pub grantor: Option<RoleSpec>,
    /// CASCADE / RESTRICT (REVOKE).
    pub behavior: DropBehavior,
}

/// One option of ALTER DEFAULT PRIVILEGES (`DefACLOption`).
#[derive(Clone, Debug, PartialEq)]
pub enum DefAclOption {
    /// `IN SCHEMA schemas`.
    InSchema(Vec<String>),
    /// `FOR ROLE roles` / `FOR USER roles`.
    ForRole(Vec<RoleSpec>),
}

/// `ALTER DEFAULT PRIVILEGES [options] GRANT | REVOKE ... ON TABLES | ...`
/// (`AlterDefaultPrivilegesStmt`). The action's `target_type` is `Defaults`, its `kind` one
/// of TABLE, SEQUENCE, FUNCTION (FUNCTIONS and ROUTINES), TYPE, SCHEMA.
#[derive(Clone, Debug, PartialEq)]
pub struct AlterDefaultPrivilegesStmt {
    /// The options, in the order written.
    pub options: Vec<DefAclOption>,
    /// The GRANT / REVOKE.
    pub action: GrantStmt,
}

/// `REASSIGN OWNED BY roles TO role` (`ReassignOwnedStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct ReassignOwnedStmt {
    /// The old owners.
    pub roles: Vec<RoleSpec>,
    /// The new owner.
    pub new_role: RoleSpec,
}
