//! Syntax trees of types (enum, composite, range, base, shell), domains, collations, conversions, text search objects, extended statistics and row-level security policies.
//!
//! PostgreSQL source area: gram.y `DefineStmt` (types, collations, text search), `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`, `AlterEnumStmt`, `CreateDomainStmt`, `AlterDomainStmt`, `CreateStatsStmt`, `CreatePolicyStmt` (`parsenodes.h`).

use super::*;

/// One entry of a definition list `(name [= value], ...)`: PostgreSQL's `DefElem` as gram.y's
/// `def_elem` builds it (CREATE TYPE's base-type options, CREATE AGGREGATE, CREATE OPERATOR,
/// CREATE COLLATION, the text search objects).
#[derive(Clone, Debug, PartialEq)]
pub struct DefElem {
    /// The namespace of a qualified storage option (`toast` in `WITH (toast.fillfactor = 70)`,
    /// gram.y `reloption_elem`); always None in a definition list.
    pub namespace: Option<String>,
    /// The option's name (any label, keywords included), case-folded.
    pub name: String,
    /// Its value; None when only the name was written (`(shell)`, `(deterministic)`).
    pub arg: Option<DefArg>,
    /// Location of the name.
    pub location: Location,
}

/// The value of a [`DefElem`] (gram.y `def_arg`).
#[derive(Clone, Debug, PartialEq)]
pub enum DefArg {
    /// A type or function name (`func_type`: `int4`, `myschema.f`, `t.col%TYPE`,
    /// `double precision`); also every bare identifier, which PostgreSQL reads as a type name.
    Type(TypeName),
    /// A string: a quoted literal, a reserved keyword written bare (`true`, `default`), or
    /// `NONE`. PostgreSQL keeps all three as the same string node, lower case for keywords.
    String(String),
    /// An operator (`qual_all_Op`: `<`, `OPERATOR(pg_catalog.=)`), schema first.
    Operator(Vec<String>),
    /// A signed integer (`NumericOnly`'s `SignedIconst`).
    Integer(i32),
    /// A signed number that does not fit an integer, as written (`1.5`, `-2147483649`).
    Float(String),
}

/// `CREATE TYPE name ...` in all its forms (gram.y `DefineStmt` for base and shell types,
/// `CompositeTypeStmt`, `CreateEnumStmt`, `CreateRangeStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTypeStmt {
    /// The type's (possibly qualified) name.
    pub name: Vec<String>,
    /// Which kind of type, with its definition.
    pub kind: CreateTypeKind,
}

/// What a [`CreateTypeStmt`] creates.
#[derive(Clone, Debug, PartialEq)]
pub enum CreateTypeKind {
    /// `CREATE TYPE name`: a shell type, to be defined later.
    Shell,
    /// `CREATE TYPE name (INPUT = f, OUTPUT = g, ...)`: a base type.
    Base(Vec<DefElem>),
    /// `CREATE TYPE name AS (attr type [COLLATE c], ...)`: a composite type.
    Composite(Vec<CompositeAttr>),
    /// `CREATE TYPE name AS ENUM ('a', ...)`: the labels in order.
    Enum(Vec<String>),
    /// `CREATE TYPE name AS RANGE (SUBTYPE = t, ...)`.
    Range(Vec<DefElem>),
}

/// One attribute of a composite type (a `ColumnDef` with a name, a type and a collation only:
/// gram.y `TableFuncElement`).
#[derive(Clone, Debug, PartialEq)]
pub struct CompositeAttr {
    /// The attribute's name.
    pub name: String,
    /// Its type.
    pub type_name: TypeName,
    /// `COLLATE name`, if written.
    pub collation: Option<Vec<String>>,
}

/// `ALTER TYPE name ...` forms of this family (gram.y `AlterEnumStmt`,
/// `AlterCompositeTypeStmt`, `RenameStmt` of an attribute, `AlterTypeStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterTypeStmt {
    /// The type's (possibly qualified) name.
    pub name: Vec<String>,
    /// What is done to it.
    pub action: AlterTypeAction,
}

/// What an [`AlterTypeStmt`] does.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterTypeAction {
    /// `ADD VALUE [IF NOT EXISTS] 'v' [{BEFORE | AFTER} 'w']` on an enum.
    AddValue {
        /// IF NOT EXISTS.
        if_not_exists: bool,
        /// The new label.
        value: String,
        /// Where it goes: `(true, w)` for BEFORE w, `(false, w)` for AFTER w; None for last.
        neighbor: Option<(bool, String)>,
    },
    /// `RENAME VALUE 'a' TO 'b'` on an enum.
    RenameValue {
        /// The label renamed.
        old: String,
        /// Its new text.
        new: String,
    },
    /// `ADD ATTRIBUTE ... , DROP ATTRIBUTE ..., ALTER ATTRIBUTE ...` on a composite type.
    Attributes(Vec<AlterAttributeCmd>),
    /// `RENAME ATTRIBUTE a TO b [CASCADE | RESTRICT]`.
    RenameAttribute {
        /// The attribute renamed.
        old: String,
        /// Its new name.
        new: String,
        /// CASCADE (to typed tables) rather than the default RESTRICT.
        behavior: DropBehavior,
    },
    /// `SET (property = value, ...)`: base type properties; a value of NONE is `arg: None`.
    Set(Vec<DefElem>),
}

/// One subcommand of `ALTER TYPE name ADD/DROP/ALTER ATTRIBUTE ...` (an `AlterTableCmd`).
#[derive(Clone, Debug, PartialEq)]
pub enum AlterAttributeCmd {
    /// `ADD ATTRIBUTE name type [COLLATE c] [CASCADE | RESTRICT]`.
    Add {
        /// The new attribute.
        attr: CompositeAttr,
        /// CASCADE or RESTRICT, if written.
        behavior: DropBehavior,
    },
    /// `DROP ATTRIBUTE [IF EXISTS] name [CASCADE | RESTRICT]`.
    Drop {
        /// IF EXISTS.
        if_exists: bool,
        /// The attribute.
        name: String,
        /// CASCADE or RESTRICT, if written.
        behavior: DropBehavior,
    },
    /// `ALTER ATTRIBUTE name [SET DATA] TYPE type [COLLATE c] [CASCADE | RESTRICT]`.
    AlterType {
        /// The attribute, with its new type and collation.
        attr: CompositeAttr,
        /// CASCADE or RESTRICT, if written.
        behavior: DropBehavior,
    },
}

/// `opt_drop_behavior`: RESTRICT is the default, so writing it changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropBehavior {
    /// RESTRICT, written or not.
    Restrict,
    /// CASCADE.
    Cascade,
}

/// `CREATE COLLATION [IF NOT EXISTS] name (options) | FROM existing` (a `DefineStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateCollationStmt {
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
    /// The collation's (possibly qualified) name.
    pub name: Vec<String>,
    /// Where its definition comes from.
    pub source: CollationSource,
}

/// How a [`CreateCollationStmt`] defines the collation.
#[derive(Clone, Debug, PartialEq)]
pub enum CollationSource {
    /// `(LOCALE = ..., PROVIDER = ..., DETERMINISTIC = ...)`.
    Options(Vec<DefElem>),
    /// `FROM existing_collation` (PostgreSQL keeps it as a `from` option holding the name).
    From(Vec<String>),
}

/// `CREATE [DEFAULT] CONVERSION name FOR 'src' TO 'dst' FROM function`.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateConversionStmt {
    /// DEFAULT: the conversion used for its pair of encodings.
    pub is_default: bool,
    /// The conversion's (possibly qualified) name.
    pub name: Vec<String>,
    /// The source encoding's name.
    pub for_encoding: String,
    /// The destination encoding's name.
    pub to_encoding: String,
    /// The conversion function.
    pub function: Vec<String>,
}

/// The four kinds of text search object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSearchKind {
    /// TEXT SEARCH PARSER.
    Parser,
    /// TEXT SEARCH DICTIONARY.
    Dictionary,
    /// TEXT SEARCH TEMPLATE.
    Template,
    /// TEXT SEARCH CONFIGURATION.
    Configuration,
}

impl TextSearchKind {
    /// The object's SQL name, `"PARSER"` for [`TextSearchKind::Parser`] and so on.
    pub fn sql(self) -> &'static str {
        match self {
            TextSearchKind::Parser => "PARSER",
            TextSearchKind::Dictionary => "DICTIONARY",
            TextSearchKind::Template => "TEMPLATE",
            TextSearchKind::Configuration => "CONFIGURATION",
        }
    }
}

/// `CREATE TEXT SEARCH {PARSER | DICTIONARY | TEMPLATE | CONFIGURATION} name (definition)`
/// (a `DefineStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTextSearchStmt {
    /// Which kind of object.
    pub kind: TextSearchKind,
    /// Its (possibly qualified) name.
    pub name: Vec<String>,
    /// Its definition.
    pub definition: Vec<DefElem>,
}

/// `ALTER TEXT SEARCH CONFIGURATION name ...` mapping commands (`AlterTSConfigurationStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterTsConfigurationStmt {
    /// The configuration's (possibly qualified) name.
    pub name: Vec<String>,
    /// What is done to its mappings.
    pub action: AlterTsConfigAction,
}

/// What an [`AlterTsConfigurationStmt`] does.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterTsConfigAction {
    /// `ADD MAPPING FOR tokens WITH dicts` (`replace_existing` false) or
    /// `ALTER MAPPING FOR tokens WITH dicts` (true).
    Map {
        /// ALTER MAPPING rather than ADD MAPPING.
        replace_existing: bool,
        /// The token type names.
        tokens: Vec<String>,
        /// The dictionaries, in the order they are consulted.
        dicts: Vec<Vec<String>>,
    },
    /// `ALTER MAPPING [FOR tokens] REPLACE old WITH new`.
    ReplaceDict {
        /// The token types the replacement is limited to (empty: all).
        tokens: Vec<String>,
        /// The dictionary replaced.
        old: Vec<String>,
        /// The dictionary put in its place.
        new: Vec<String>,
    },
    /// `DROP MAPPING [IF EXISTS] FOR tokens`.
    Drop {
        /// IF EXISTS.
        if_exists: bool,
        /// The token type names.
        tokens: Vec<String>,
    },
}

/// `CREATE STATISTICS [IF NOT EXISTS] name [(kinds)] ON cols_or_exprs FROM tables`
/// (`CreateStatsStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateStatsStmt {
    /// IF NOT EXISTS.
    pub if_not_exists: bool,
    /// The statistics object's (possibly qualified) name.
    pub name: Vec<String>,
    /// The statistics kinds (`ndistinct`, `dependencies`, `mcv`); empty for all.
    pub kinds: Vec<String>,
    /// The columns and expressions covered.
    pub exprs: Vec<StatsElem>,
    /// The FROM list (the grammar takes any FROM items; only one table is meaningful).
    pub relations: Vec<FromItem>,
}

/// One member of CREATE STATISTICS's ON list (`StatsElem`).
#[derive(Clone, Debug, PartialEq)]
pub enum StatsElem {
    /// A column name.
    Column(String),
    /// An expression: a function call, or anything in parentheses.
    Expr(Expr),
}

/// Which commands a row-level security policy applies to (`FOR ...`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyCommand {
    /// ALL (the default).
    All,
    /// SELECT.
    Select,
    /// INSERT.
    Insert,
    /// UPDATE.
    Update,
    /// DELETE.
    Delete,
}

/// `CREATE POLICY name ON table [AS {PERMISSIVE | RESTRICTIVE}] [FOR command] [TO roles]
/// [USING (expr)] [WITH CHECK (expr)]` (`CreatePolicyStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreatePolicyStmt {
    /// The policy's name.
    pub name: String,
    /// The table it protects.
    pub table: RangeVar,
    /// PERMISSIVE (the default) rather than RESTRICTIVE.
    pub permissive: bool,
    /// The commands it applies to.
    pub command: PolicyCommand,
    /// The roles it applies to: `[public]` when no TO clause was written, as in PostgreSQL.
    pub roles: Vec<RoleSpec>,
    /// USING: which existing rows are visible.
    pub using: Option<Expr>,
    /// WITH CHECK: which new rows are allowed.
    pub with_check: Option<Expr>,
}

/// `ALTER POLICY name ON table [TO roles] [USING (expr)] [WITH CHECK (expr)]`
/// (`AlterPolicyStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterPolicyStmt {
    /// The policy's name.
    pub name: String,
    /// Its table.
    pub table: RangeVar,
    /// New roles; empty when no TO clause was written.
    pub roles: Vec<RoleSpec>,
    /// New USING expression.
    pub using: Option<Expr>,
    /// New WITH CHECK expression.
    pub with_check: Option<Expr>,
}

/// `CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [constraints]` (`CreateDomainStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateDomainStmt {
    /// The domain's (possibly qualified) name.
    pub name: Vec<String>,
    /// The underlying type.
    pub type_name: TypeName,
    /// `COLLATE name`, if written (anywhere among the constraints).
    pub collation: Option<Vec<String>>,
    /// DEFAULT, NOT NULL, NULL, CHECK, and whatever else the column constraint grammar reads
    /// (the server rejects the kinds a domain cannot have, as PostgreSQL's DefineDomain does).
    pub constraints: Vec<Constraint>,
}

/// `ALTER DOMAIN name ...` (`AlterDomainStmt`, and `RenameStmt` of a domain constraint).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterDomainStmt {
    /// The domain's (possibly qualified) name.
    pub name: Vec<String>,
    /// What is done to it.
    pub action: AlterDomainAction,
}

/// What an [`AlterDomainStmt`] does.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterDomainAction {
    /// `SET DEFAULT expr`.
    SetDefault(Expr),
    /// `DROP DEFAULT`.
    DropDefault,
    /// `SET NOT NULL`.
    SetNotNull,
    /// `DROP NOT NULL`.
    DropNotNull,
    /// `ADD table_constraint` (NOT VALID is the constraint's `not_valid`).
    AddConstraint(Constraint),
    /// `DROP CONSTRAINT [IF EXISTS] name [RESTRICT | CASCADE]`.
    DropConstraint {
        /// IF EXISTS.
        if_exists: bool,
        /// The constraint.
        name: String,
        /// CASCADE or RESTRICT.
        behavior: DropBehavior,
    },
    /// `RENAME CONSTRAINT old TO new`.
    RenameConstraint {
        /// The constraint's name.
        old: String,
        /// Its new name.
        new: String,
    },
    /// `VALIDATE CONSTRAINT name`.
    ValidateConstraint(String),
}
