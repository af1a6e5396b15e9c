//! Syntax trees of SET / SHOW / RESET, the transaction statements and the role statements.
//!
//! PostgreSQL source area: `VariableSetStmt`, `TransactionStmt`, `CreateRoleStmt`, `AlterRoleStmt`, `AlterRoleSetStmt`, `DropRoleStmt` (`parsenodes.h`).

use super::*;

/// `SET` / `RESET` (`VariableSetStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct VariableSetStmt {
    /// What is done.
    pub kind: VariableSetKind,
    /// The setting's name, lower case (`"timezone"` for SET TIME ZONE, `"role"` for SET ROLE,
    /// `"session_authorization"`, `"client_encoding"` for SET NAMES, `"search_path"` for SET
    /// SCHEMA, `"transaction"` / `"session characteristics"` for the multi forms). Empty for
    /// RESET ALL.
    pub name: String,
    /// The values (strings for words and quoted strings, numbers for numbers; SET TIME ZONE
    /// INTERVAL '...' gives a `TypeCast` constant in `interval_value` instead).
    pub args: Vec<Value>,
    /// `SET TIME ZONE INTERVAL '...' [fields]` value.
    pub interval_value: Option<Expr>,
    /// `SET TRANSACTION ...` / `SET SESSION CHARACTERISTICS AS TRANSACTION ...` modes.
    pub transaction_modes: Vec<TransactionMode>,
    /// SET LOCAL.
    pub is_local: bool,
}

/// `VariableSetKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariableSetKind {
    /// `SET name TO value, ...`.
    Value,
    /// `SET name TO DEFAULT` (also `SET TIME ZONE DEFAULT|LOCAL`).
    Default,
    /// `SET name FROM CURRENT`.
    Current,
    /// `SET TRANSACTION ...` and other multi-setting forms.
    Multi,
    /// `RESET name`.
    Reset,
    /// `RESET ALL`.
    ResetAll,
}

/// A transaction statement (`TransactionStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct TransactionStmt {
    /// What is done.
    pub kind: TransactionKind,
    /// Modes of BEGIN / START TRANSACTION.
    pub modes: Vec<TransactionMode>,
    /// Savepoint name for SAVEPOINT / RELEASE / ROLLBACK TO.
    pub savepoint_name: Option<String>,
    /// Global transaction id for two-phase commands.
    pub gid: Option<String>,
    /// `AND CHAIN` on COMMIT / ROLLBACK.
    pub chain: bool,
}

/// `TransactionStmtKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionKind {
    /// `BEGIN [WORK | TRANSACTION]`.
    Begin,
    /// START TRANSACTION.
    Start,
    /// COMMIT / END.
    Commit,
    /// ROLLBACK / ABORT.
    Rollback,
    /// SAVEPOINT name.
    Savepoint,
    /// `RELEASE [SAVEPOINT] name`.
    Release,
    /// `ROLLBACK TO [SAVEPOINT] name`.
    RollbackTo,
    /// PREPARE TRANSACTION 'gid'.
    Prepare,
    /// COMMIT PREPARED 'gid'.
    CommitPrepared,
    /// ROLLBACK PREPARED 'gid'.
    RollbackPrepared,
}

/// A transaction mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransactionMode {
    /// ISOLATION LEVEL ...
    IsolationLevel(IsolationLevel),
    /// READ ONLY (true) / READ WRITE (false).
    ReadOnly(bool),
    /// DEFERRABLE (true) / NOT DEFERRABLE (false).
    Deferrable(bool),
}

/// Isolation levels, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsolationLevel {
    /// READ UNCOMMITTED.
    ReadUncommitted,
    /// READ COMMITTED.
    ReadCommitted,
    /// REPEATABLE READ.
    RepeatableRead,
    /// SERIALIZABLE.
    Serializable,
}

impl IsolationLevel {
    /// The GUC value (`"read committed"`, ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            IsolationLevel::ReadUncommitted => "read uncommitted",
            IsolationLevel::ReadCommitted => "read committed",
            IsolationLevel::RepeatableRead => "repeatable read",
            IsolationLevel::Serializable => "serializable",
        }
    }
}

/// Which keyword introduced a role statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleStmtKind {
    /// ROLE.
    Role,
    /// USER (CREATE USER implies LOGIN).
    User,
    /// GROUP.
    Group,
}

/// `CREATE ROLE` (`CreateRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct CreateRoleStmt {
    /// ROLE / USER / GROUP.
    pub kind: RoleStmtKind,
    /// The new role's name.
    pub name: String,
    /// Options in the order written.
    pub options: Vec<RoleOption>,
}

/// `ALTER ROLE name [WITH] options` (`AlterRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRoleStmt {
    /// The role.
    pub role: RoleSpec,
    /// Options in the order written.
    pub options: Vec<RoleOption>,
}

/// `ALTER ROLE {name | ALL} [IN DATABASE db] SET/RESET ...` (`AlterRoleSetStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct AlterRoleSetStmt {
    /// The role; `None` for ALTER ROLE ALL.
    pub role: Option<RoleSpec>,
    /// IN DATABASE.
    pub database: Option<String>,
    /// The SET / RESET.
    pub set: VariableSetStmt,
}

/// `DROP ROLE` (`DropRoleStmt`).
#[derive(Clone, Debug, PartialEq)]
pub struct DropRoleStmt {
    /// The roles.
    pub roles: Vec<RoleSpec>,
    /// IF EXISTS.
    pub missing_ok: bool,
}

/// A role option (PostgreSQL's `DefElem`s of CREATE/ALTER ROLE).
#[derive(Clone, Debug, PartialEq)]
pub enum RoleOption {
    /// SUPERUSER / NOSUPERUSER.
    Superuser(bool),
    /// CREATEDB / NOCREATEDB.
    CreateDb(bool),
    /// CREATEROLE / NOCREATEROLE.
    CreateRole(bool),
    /// INHERIT / NOINHERIT.
    Inherit(bool),
    /// LOGIN / NOLOGIN.
    Login(bool),
    /// REPLICATION / NOREPLICATION.
    Replication(bool),
    /// BYPASSRLS / NOBYPASSRLS.
    BypassRls(bool),
    /// CONNECTION LIMIT n.
    ConnectionLimit(i32),
    /// `[ENCRYPTED] PASSWORD` 'x' | PASSWORD NULL.
    Password(Option<String>),
    /// VALID UNTIL 'timestamp'.
    ValidUntil(String),
    /// IN ROLE / IN GROUP roles (CREATE only).
    InRole(Vec<RoleSpec>),
    /// ROLE / USER roles: make these roles members (CREATE only).
    Role(Vec<RoleSpec>),
    /// ADMIN roles (CREATE only).
    Admin(Vec<RoleSpec>),
    /// SYSID n (accepted and ignored by PostgreSQL).
    SysId(i32),
}
