//! `Display` for SET / SHOW / RESET, the transaction statements and roles.

use super::*;

impl Display for RoleSpec {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RoleSpec::Name(n) => f.write_str(&quote_ident(n)),
            RoleSpec::CurrentRole => f.write_str("CURRENT_ROLE"),
            RoleSpec::CurrentUser => f.write_str("CURRENT_USER"),
            RoleSpec::SessionUser => f.write_str("SESSION_USER"),
            RoleSpec::Public => f.write_str("public"),
        }
    }
}

impl Display for RoleOption {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let flag = |f: &mut Formatter<'_>, on: bool, word: &str| write!(f, "{}{word}", if on { "" } else { "NO" });
        match self {
            RoleOption::Superuser(b) => flag(f, *b, "SUPERUSER"),
            RoleOption::CreateDb(b) => flag(f, *b, "CREATEDB"),
            RoleOption::CreateRole(b) => flag(f, *b, "CREATEROLE"),
            RoleOption::Inherit(b) => flag(f, *b, "INHERIT"),
            RoleOption::Login(b) => flag(f, *b, "LOGIN"),
            RoleOption::Replication(b) => flag(f, *b, "REPLICATION"),
            RoleOption::BypassRls(b) => flag(f, *b, "BYPASSRLS"),
            RoleOption::ConnectionLimit(n) => write!(f, "CONNECTION LIMIT {n}"),
            RoleOption::Password(None) => f.write_str("PASSWORD NULL"),
            RoleOption::Password(Some(p)) => write!(f, "PASSWORD {}", quote_literal(p)),
            RoleOption::ValidUntil(s) => write!(f, "VALID UNTIL {}", quote_literal(s)),
            RoleOption::InRole(r) => {
                f.write_str("IN ROLE ")?;
                list(f, r, ", ")
            }
            RoleOption::Role(r) => {
                f.write_str("ROLE ")?;
                list(f, r, ", ")
            }
            RoleOption::Admin(r) => {
                f.write_str("ADMIN ")?;
                list(f, r, ", ")
            }
            RoleOption::SysId(n) => write!(f, "SYSID {n}"),
        }
    }
}

impl Display for TransactionMode {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TransactionMode::IsolationLevel(l) => write!(f, "ISOLATION LEVEL {}", l.as_str().to_uppercase()),
            TransactionMode::ReadOnly(true) => f.write_str("READ ONLY"),
            TransactionMode::ReadOnly(false) => f.write_str("READ WRITE"),
            TransactionMode::Deferrable(true) => f.write_str("DEFERRABLE"),
            TransactionMode::Deferrable(false) => f.write_str("NOT DEFERRABLE"),
        }
    }
}

pub(super) fn var_name(name: &str) -> String {
    name.split('.').map(quote_ident).collect::<Vec<_>>().join(".")
}

/// Field keywords for an interval typmod mask, the inverse of `opt_interval`.
pub(super) fn interval_fields(mask: i32) -> Option<&'static str> {
    const M: i32 = 1 << 1;
    const Y: i32 = 1 << 2;
    const D: i32 = 1 << 3;
    const H: i32 = 1 << 10;
    const MI: i32 = 1 << 11;
    const S: i32 = 1 << 12;
    Some(match mask {
        Y => "YEAR",
        M => "MONTH",
        D => "DAY",
        H => "HOUR",
        MI => "MINUTE",
        S => "SECOND",
        x if x == Y | M => "YEAR TO MONTH",
        x if x == D | H => "DAY TO HOUR",
        x if x == D | H | MI => "DAY TO MINUTE",
        x if x == D | H | MI | S => "DAY TO SECOND",
        x if x == H | MI => "HOUR TO MINUTE",
        x if x == H | MI | S => "HOUR TO SECOND",
        x if x == MI | S => "MINUTE TO SECOND",
        _ => return None,
    })
}

impl Display for VariableSetStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let local = if self.is_local { "LOCAL " } else { "" };
        match self.kind {
            VariableSetKind::Value => {
                if let Some(iv) = &self.interval_value {
                    write!(f, "SET {local}TIME ZONE ")?;
                    if let ExprKind::TypeCast { arg, type_name } = &iv.kind {
                        write!(f, "INTERVAL {arg}")?;
                        if let Some(ExprKind::Const(Value::Integer(m))) = type_name.typmods.first().map(|e| &e.kind) {
                            if let Some(fields) = interval_fields(*m) {
                                write!(f, " {fields}")?;
                            }
                        }
                    }
                    return Ok(());
                }
                write!(f, "SET {local}{} TO ", var_name(&self.name))?;
                list(f, &self.args, ", ")
            }
            VariableSetKind::Default => write!(f, "SET {local}{} TO DEFAULT", var_name(&self.name)),
            VariableSetKind::Current => write!(f, "SET {local}{} FROM CURRENT", var_name(&self.name)),
            VariableSetKind::Multi => {
                if self.name == "transaction" {
                    write!(f, "SET {local}TRANSACTION ")?;
                } else {
                    write!(f, "SET {local}SESSION CHARACTERISTICS AS TRANSACTION ")?;
                }
                list(f, &self.transaction_modes, ", ")
            }
            VariableSetKind::Reset => write!(f, "RESET {}", var_name(&self.name)),
            VariableSetKind::ResetAll => f.write_str("RESET ALL"),
        }
    }
}

impl Display for TransactionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let sp = self.savepoint_name.as_deref().map(quote_ident).unwrap_or_default();
        let gid = self.gid.as_deref().map(quote_literal).unwrap_or_default();
        let chain = if self.chain { " AND CHAIN" } else { "" };
        match self.kind {
            TransactionKind::Begin | TransactionKind::Start => {
                f.write_str(if self.kind == TransactionKind::Begin { "BEGIN" } else { "START TRANSACTION" })?;
                if !self.modes.is_empty() {
                    f.write_str(" ")?;
                    list(f, &self.modes, ", ")?;
                }
                Ok(())
            }
            TransactionKind::Commit => write!(f, "COMMIT{chain}"),
            TransactionKind::Rollback => write!(f, "ROLLBACK{chain}"),
            TransactionKind::Savepoint => write!(f, "SAVEPOINT {sp}"),
            TransactionKind::Release => write!(f, "RELEASE SAVEPOINT {sp}"),
            TransactionKind::RollbackTo => write!(f, "ROLLBACK TO SAVEPOINT {sp}"),
            TransactionKind::Prepare => write!(f, "PREPARE TRANSACTION {gid}"),
            TransactionKind::CommitPrepared => write!(f, "COMMIT PREPARED {gid}"),
            TransactionKind::RollbackPrepared => write!(f, "ROLLBACK PREPARED {gid}"),
        }
    }
}
