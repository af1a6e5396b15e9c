//! Syntax trees of functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.
//!
//! PostgreSQL source area: gram.y `CreateFunctionStmt`, `DefineStmt` (aggregates, operators), `CreateOpClassStmt`, `CreateCastStmt`, `CreateTrigStmt`, `RuleStmt`, `DoStmt`, `CallStmt` (`parsenodes.h`).

use super::*;

/// How a routine's parameter passes its value (`FunctionParameterMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamMode {
    /// No mode written (`FUNC_PARAM_DEFAULT`): an input parameter.
    Default,
    /// IN.
    In,
    /// OUT.
    Out,
    /// INOUT, or `IN OUT`.
    InOut,
    /// VARIADIC.
    Variadic,
    /// A column of `RETURNS TABLE (...)` (`FUNC_PARAM_TABLE`).
    Table,
}

/// One parameter of a routine's signature (`FunctionParameter`).
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionParameter {
    /// The parameter's name, if written.
    pub name: Option<String>,
    /// Its type (may be `SETOF`, `%TYPE`, an array).
    pub arg_type: TypeName,
    /// How it passes its value.
    pub mode: ParamMode,
    /// `DEFAULT expr` or `= expr`.
    pub default: Option<Expr>,
    /// Where the parameter begins (errors about modes point here).
    pub location: Location,
}

/// A routine named with its argument types (`ObjectWithArgs`), as ALTER FUNCTION, CREATE
/// CAST's `WITH FUNCTION` or an operator class's `FUNCTION n` name one.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectWithArgs {
    /// The (possibly qualified) name.
    pub name: Vec<String>,
    /// The parameters written in parentheses; `None` when no list was written
    /// (`args_unspecified`: the name alone must be unique).
    pub args: Option<Vec<FunctionParameter>>,
}

/// An operator named with its operand types (`ObjectWithArgs` of an operator): `op (left,
/// right)`, where `NONE` marks the missing operand of a prefix operator.
#[derive(Clone, Debug, PartialEq)]
pub struct OperatorWithArgs {
    /// The operator, possibly qualified by its schema (last element is the symbol).
    pub name: Vec<String>,
    /// The left operand's type; `None` for `NONE`.
    pub left: Option<TypeName>,
    /// The right operand's type; `None` for `NONE`.
    pub right: Option<TypeName>,
}

/// What `RETURNS` says a function gives back.
#[derive(Clone, Debug, PartialEq)]
pub enum FunctionReturns {
    /// `RETURNS type`.
    Type(TypeName),
    /// `RETURNS TABLE (name type, ...)`: columns, kept as parameters of mode
    /// [`ParamMode::Table`] (gram.y returns `SETOF record`, or `SETOF type` for one column).
    Table(Vec<FunctionParameter>),
}

/// IMMUTABLE / STABLE / VOLATILE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Volatility {
    /// IMMUTABLE.
    Immutable,
    /// STABLE.
    Stable,
    /// VOLATILE.
    Volatile,
}

/// An option of CREATE / ALTER FUNCTION (the `DefElem`s of `createfunc_opt_item`). The
/// spellings gram.y reads into the same option share a variant (`STRICT` and `RETURNS NULL ON
/// NULL INPUT`; `[EXTERNAL] SECURITY DEFINER`).
#[derive(Clone, Debug, PartialEq)]
pub enum FunctionOption {
    /// `AS 'definition'` or `AS 'obj_file', 'link_symbol'` (one or two strings).
    As(Vec<String>),
    /// `LANGUAGE name`.
    Language(String),
    /// `TRANSFORM FOR TYPE t, ...`.
    Transform(Vec<TypeName>),
    /// WINDOW.
    Window,
    /// IMMUTABLE / STABLE / VOLATILE.
    Volatility(Volatility),
    /// `STRICT` / `RETURNS NULL ON NULL INPUT` (true), `CALLED ON NULL INPUT` (false).
    Strict(bool),
    /// `[EXTERNAL] SECURITY DEFINER` (true) / `INVOKER` (false).
    SecurityDefiner(bool),
    /// `LEAKPROOF` (true) / `NOT LEAKPROOF` (false).
    Leakproof(bool),
    /// `PARALLEL {SAFE | RESTRICTED | UNSAFE}` (any word; the value is checked later).
    Parallel(String),
    /// `COST n`.
    Cost(Value),
    /// `ROWS n`.
    Rows(Value),
    /// `SUPPORT function`.
    Support(Vec<String>),
    /// `SET conf {TO | =} value`, `SET conf FROM CURRENT`, and (ALTER only) `RESET conf`,
    /// `RESET ALL`.
    Set(VariableSetStmt),
}

/// A SQL-standard function body.
#[derive(Clone, Debug, PartialEq)]
pub enum FunctionBody {
    /// `RETURN expr`.
    Return(Expr),
    /// `BEGIN ATOMIC stmt; ... END`: the statements, each a [`Stmt`] (a `RETURN expr` inside
    /// is [`Stmt::Return`]).
    Atomic(Vec<Stmt>),
}

/// `CREATE [OR REPLACE] FUNCTION | PROCEDURE` (`CreateFunctionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateFunctionStmt {
    /// PROCEDURE rather than FUNCTION.
    pub is_procedure: bool,
    /// OR REPLACE.
    pub replace: bool,
    /// The routine's (possibly qualified) name.
    pub name: Vec<String>,
    /// Its parameters, with their defaults.
    pub parameters: Vec<FunctionParameter>,
    /// RETURNS, if written (never for a procedure).
    pub returns: Option<FunctionReturns>,
    /// Options in the order written.
    pub options: Vec<FunctionOption>,
    /// A SQL-standard body (`RETURN` or `BEGIN ATOMIC`), which follows the options.
    pub body: Option<FunctionBody>,
}

/// The kind of routine an ALTER names (`ObjectType` of `AlterFunctionStmt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoutineKind {
    /// FUNCTION.
    Function,
    /// PROCEDURE.
    Procedure,
    /// ROUTINE (either).
    Routine,
}

impl RoutineKind {
    /// The keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            RoutineKind::Function => "FUNCTION",
            RoutineKind::Procedure => "PROCEDURE",
            RoutineKind::Routine => "ROUTINE",
        }
    }
}

/// `ALTER FUNCTION | PROCEDURE | ROUTINE name[(args)] option ... [RESTRICT]`
/// (`AlterFunctionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterFunctionStmt {
    /// FUNCTION, PROCEDURE or ROUTINE.
    pub kind: RoutineKind,
    /// The routine.
    pub func: ObjectWithArgs,
    /// The options (never AS, LANGUAGE, TRANSFORM or WINDOW).
    pub actions: Vec<FunctionOption>,
}

/// `DO [LANGUAGE l] 'code'` (`DoStmt`): its items in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum DoOption {
    /// The code.
    Code(String),
    /// `LANGUAGE name`.
    Language(String),
}

/// The arguments of an aggregate (`aggr_args`).
#[derive(Clone, Debug, PartialEq)]
pub enum AggregateArgs {
    /// `(*)`.
    Star,
    /// `(args)`, or for an ordered-set aggregate `(direct args ORDER BY aggregated args)`
    /// (`ORDER BY args` alone has no direct arguments).
    List {
        /// The (direct) arguments.
        args: Vec<FunctionParameter>,
        /// The aggregated arguments after ORDER BY, for an ordered-set aggregate.
        order_by: Option<Vec<FunctionParameter>>,
    },
}

/// `CREATE [OR REPLACE] AGGREGATE` (a `DefineStmt` of kind aggregate).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateAggregateStmt {
    /// OR REPLACE.
    pub replace: bool,
    /// The aggregate's name.
    pub name: Vec<String>,
    /// Its arguments; `None` for the old syntax, where `BASETYPE` in the definition says them.
    pub args: Option<AggregateArgs>,
    /// The definition (`SFUNC = ...`, `STYPE = ...`, ...).
    pub definition: Vec<DefElem>,
}

/// `CREATE OPERATOR name (...)` (a `DefineStmt` of kind operator).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateOperatorStmt {
    /// The operator, possibly qualified.
    pub name: Vec<String>,
    /// The definition (`FUNCTION = ...`, `LEFTARG = ...`, ...).
    pub definition: Vec<DefElem>,
}

/// `ALTER OPERATOR op (left, right) SET (...)` (`AlterOperatorStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterOperatorStmt {
    /// The operator.
    pub oper: OperatorWithArgs,
    /// The options set.
    pub options: Vec<DefElem>,
}

/// What an operator class's operator is for (`opclass_purpose`).
#[derive(Clone, Debug, PartialEq)]
pub enum OpClassPurpose {
    /// Nothing written, or FOR SEARCH.
    Search,
    /// `FOR ORDER BY opfamily`.
    OrderBy(Vec<String>),
}

/// One item of CREATE OPERATOR CLASS / ALTER OPERATOR FAMILY ADD (`CreateOpClassItem`).
#[derive(Clone, Debug, PartialEq)]
pub enum OpClassItem {
    /// `OPERATOR n op [(left, right)] [FOR SEARCH | FOR ORDER BY family]`.
    Operator {
        /// The strategy number.
        number: i32,
        /// The operator; its operand types are given only when written.
        name: Vec<String>,
        /// `(left, right)`, if written.
        args: Option<(Option<TypeName>, Option<TypeName>)>,
        /// FOR SEARCH / FOR ORDER BY.
        purpose: OpClassPurpose,
    },
    /// `FUNCTION n [(types)] function[(args)]`.
    Function {
        /// The support function number.
        number: i32,
        /// The operand types the function is registered for, if written.
        class_args: Option<Vec<TypeName>>,
        /// The function.
        func: ObjectWithArgs,
    },
    /// `STORAGE type`.
    Storage(TypeName),
}

/// `CREATE OPERATOR CLASS` (`CreateOpClassStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateOpClassStmt {
    /// The class's name.
    pub name: Vec<String>,
    /// DEFAULT.
    pub is_default: bool,
    /// FOR TYPE.
    pub data_type: TypeName,
    /// USING access method.
    pub access_method: String,
    /// FAMILY, if written.
    pub family: Option<Vec<String>>,
    /// The items after AS.
    pub items: Vec<OpClassItem>,
}

/// One item of ALTER OPERATOR FAMILY ... DROP (`opclass_drop`).
#[derive(Clone, Debug, PartialEq)]
pub struct OpFamilyDropItem {
    /// FUNCTION (true) or OPERATOR (false).
    pub is_function: bool,
    /// The strategy or support number.
    pub number: i32,
    /// The operand types.
    pub types: Vec<TypeName>,
}

/// What ALTER OPERATOR FAMILY does.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterOpFamilyAction {
    /// `ADD item, ...`.
    Add(Vec<OpClassItem>),
    /// `DROP item, ...`.
    Drop(Vec<OpFamilyDropItem>),
}

/// `CREATE OPERATOR FAMILY name USING am` (`CreateOpFamilyStmt`), and `ALTER OPERATOR FAMILY
/// name USING am {ADD | DROP} ...` (`AlterOpFamilyStmt`) when `action` is set.
#[derive(Clone, Debug, PartialEq)]
pub struct OpFamilyStmt {
    /// The family's name.
    pub name: Vec<String>,
    /// USING access method.
    pub access_method: String,
    /// For ALTER: what is added or dropped.
    pub action: Option<AlterOpFamilyAction>,
}

/// How CREATE CAST converts (`CreateCastStmt`'s func / inout).
#[derive(Clone, Debug, PartialEq)]
pub enum CastMethod {
    /// `WITH FUNCTION f(args)`.
    Function(ObjectWithArgs),
    /// WITHOUT FUNCTION (binary coercible).
    WithoutFunction,
    /// WITH INOUT.
    InOut,
}

/// When a cast applies by itself (`CoercionContext`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastContext {
    /// Nothing written: explicit casts only.
    Explicit,
    /// AS ASSIGNMENT.
    Assignment,
    /// AS IMPLICIT.
    Implicit,
}

/// `CREATE CAST (source AS target) ...` (`CreateCastStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateCastStmt {
    /// Source type.
    pub source: TypeName,
    /// Target type.
    pub target: TypeName,
    /// How it converts.
    pub method: CastMethod,
    /// When it applies.
    pub context: CastContext,
}

/// `CREATE [OR REPLACE] TRANSFORM FOR type LANGUAGE l (...)` (`CreateTransformStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTransformStmt {
    /// OR REPLACE.
    pub replace: bool,
    /// The type.
    pub type_name: TypeName,
    /// The language.
    pub language: String,
    /// `FROM SQL WITH FUNCTION f(args)`.
    pub from_sql: Option<ObjectWithArgs>,
    /// `TO SQL WITH FUNCTION f(args)`.
    pub to_sql: Option<ObjectWithArgs>,
}

/// `CREATE [OR REPLACE] [TRUSTED] [PROCEDURAL] LANGUAGE name [HANDLER ...]`
/// (`CreatePLangStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateLanguageStmt {
    /// OR REPLACE.
    pub replace: bool,
    /// The language's name.
    pub name: String,
    /// TRUSTED.
    pub trusted: bool,
    /// HANDLER; `None` for the old form that takes everything from `pg_pltemplate`.
    pub handler: Option<Vec<String>>,
    /// INLINE handler.
    pub inline: Option<Vec<String>>,
    /// VALIDATOR (`NO VALIDATOR` is the same as none).
    pub validator: Option<Vec<String>>,
}

/// BEFORE / AFTER / INSTEAD OF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerTiming {
    /// BEFORE.
    Before,
    /// AFTER.
    After,
    /// INSTEAD OF.
    InsteadOf,
}

/// `REFERENCING {OLD | NEW} {TABLE | ROW} [AS] name` (`TriggerTransition`).
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerTransition {
    /// The name.
    pub name: String,
    /// NEW rather than OLD.
    pub is_new: bool,
    /// TABLE rather than ROW (ROW is refused when the trigger is created).
    pub is_table: bool,
}

/// The events a trigger fires on (PostgreSQL's `TRIGGER_TYPE_*` bits and `columns`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TriggerEvents {
    /// INSERT.
    pub insert: bool,
    /// DELETE.
    pub delete: bool,
    /// UPDATE.
    pub update: bool,
    /// TRUNCATE.
    pub truncate: bool,
    /// `UPDATE OF col, ...`.
    pub columns: Vec<String>,
}

/// `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER` (`CreateTrigStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTriggerStmt {
    /// OR REPLACE.
    pub replace: bool,
    /// CONSTRAINT TRIGGER.
    pub is_constraint: bool,
    /// The trigger's name.
    pub name: String,
    /// The table.
    pub relation: RangeVar,
    /// The function.
    pub func_name: Vec<String>,
    /// Its arguments, each kept as a string, as gram.y does (numbers and words too).
    pub args: Vec<String>,
    /// FOR EACH ROW (false: FOR EACH STATEMENT, the default).
    pub row: bool,
    /// BEFORE / AFTER / INSTEAD OF.
    pub timing: TriggerTiming,
    /// The events.
    pub events: TriggerEvents,
    /// `WHEN (condition)`.
    pub when: Option<Expr>,
    /// REFERENCING transitions.
    pub transitions: Vec<TriggerTransition>,
    /// DEFERRABLE (constraint triggers).
    pub deferrable: bool,
    /// INITIALLY DEFERRED (constraint triggers).
    pub initially_deferred: bool,
    /// `FROM referenced_table` (constraint triggers).
    pub constraint_relation: Option<RangeVar>,
}

/// One `WHEN variable IN ('value', ...)` of CREATE EVENT TRIGGER.
#[derive(Clone, Debug, PartialEq)]
pub struct EventTriggerFilter {
    /// The filter variable (`tag`).
    pub variable: String,
    /// The values.
    pub values: Vec<String>,
}

/// `CREATE EVENT TRIGGER name ON event [WHEN ...] EXECUTE FUNCTION f()`
/// (`CreateEventTrigStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateEventTriggerStmt {
    /// The trigger's name.
    pub name: String,
    /// The event (`ddl_command_start`, ...).
    pub event: String,
    /// The WHEN filters, joined by AND.
    pub when: Vec<EventTriggerFilter>,
    /// The function.
    pub func_name: Vec<String>,
}

/// `ALTER EVENT TRIGGER name {ENABLE [REPLICA | ALWAYS] | DISABLE}` (`AlterEventTrigStmt`):
/// PostgreSQL's `tgenabled` letter: `O` (ENABLE), `R` (REPLICA), `A` (ALWAYS), `D` (DISABLE).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterEventTriggerStmt {
    /// The trigger's name.
    pub name: String,
    /// `O`, `R`, `A` or `D`.
    pub enabled: char,
}

/// The event a rule rewrites (`CmdType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleEvent {
    /// SELECT.
    Select,
    /// UPDATE.
    Update,
    /// DELETE.
    Delete,
    /// INSERT.
    Insert,
}

/// `CREATE [OR REPLACE] RULE name AS ON event TO table [WHERE cond] DO [ALSO | INSTEAD]
/// {NOTHING | command | (command; ...)}` (`RuleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRuleStmt {
    /// OR REPLACE.
    pub replace: bool,
    /// The rule's name.
    pub name: String,
    /// The table or view.
    pub relation: RangeVar,
    /// The event.
    pub event: RuleEvent,
    /// WHERE.
    pub where_clause: Option<Expr>,
    /// INSTEAD (ALSO is the default).
    pub instead: bool,
    /// The commands; empty for NOTHING (empty commands of a list are dropped).
    pub actions: Vec<Stmt>,
}

/// The schema a function, procedure, aggregate or operator named `name` is created in (or,
/// for ALTER, looked up in), when the name is qualified with one (and no database):
/// PostgreSQL looks that schema up before anything else and reports it missing (3F000).
/// `pg_temp` names the session's temporary schema, which exists whenever it is needed.
pub(super) fn creation_schema_target(name: &[String]) -> Option<UnsupportedTarget> {
    let [schema, _] = name else { return None };
    if schema.starts_with("pg_temp") {
        return None;
    }
    Some(UnsupportedTarget {
        kind: TargetKind::Schema,
        relation: RangeVar {
            catalog: None,
            schema: None,
            name: schema.clone(),
            inh: true,
            persistence: 'p',
            alias: None,
            location: Location(0),
        },
        with_position: false,
    })
}
