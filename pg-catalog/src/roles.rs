//! Roles (`pg_authid`, PostgreSQL's `commands/user.c` catalog side): rows
//! of the shared catalog `global/1260`, read by authentication before the
//! backend has a database, and changed transactionally by CREATE/ALTER/DROP
//! ROLE (the statements are pg-tcop's; the row work is here). Passwords
//! are stored only as SCRAM-SHA-256 secrets in `rolpassword`.
//!
//! Role DDL takes ShareRowExclusiveLock on `pg_authid` (PostgreSQL takes
//! RowExclusiveLock and relies on the unique index on `rolname`, which
//! does not exist yet; the stronger lock serialises concurrent CREATE ROLEs
//! of one name instead) and holds it to the end of the transaction.

use crate::catdef::pg_authid;
use crate::compat::LockMode;
use crate::scan::{scan_catalog, CatalogTuple};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::Datum;

/// The bootstrap superuser's OID, as in PostgreSQL.
pub const BOOTSTRAP_SUPERUSER_OID: u32 = crate::BOOTSTRAP_SUPERUSER_ID;
/// First OID handed to a user-created object (`FirstNormalObjectId`).
pub const FIRST_NORMAL_OID: u32 = 16384;

/// One role: a `pg_authid` row (`rolvaliduntil` aside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// pg_authid.oid
    pub oid: u32,
    /// rolname
    pub name: String,
    /// rolsuper
    pub superuser: bool,
    /// rolcanlogin
    pub login: bool,
    /// rolcreatedb
    pub createdb: bool,
    /// rolcreaterole
    pub createrole: bool,
    /// rolinherit
    pub inherit: bool,
    /// rolreplication
    pub replication: bool,
    /// rolbypassrls
    pub bypassrls: bool,
    /// rolconnlimit (-1 = no limit)
    pub connlimit: i32,
    /// rolpassword: a SCRAM-SHA-256 secret, or None
    pub password: Option<String>,
}

impl Role {
    /// A new role with CREATE ROLE's defaults (NOLOGIN unless `login`).
    pub fn new(oid: u32, name: &str, login: bool) -> Role {
        Role {
            oid,
            name: name.to_string(),
            superuser: false,
            login,
            createdb: false,
            createrole: false,
            inherit: true,
            replication: false,
            bypassrls: false,
            connlimit: -1,
            password: None,
        }
    }
}

impl Role {
    /// The role of a `pg_authid` row.
    pub fn from_row(row: &CatalogTuple) -> Role {
        Role {
            oid: row.oid(pg_authid::OID),
            name: row.text(pg_authid::ROLNAME).to_string(),
            superuser: row.bool(pg_authid::ROLSUPER),
            login: row.bool(pg_authid::ROLCANLOGIN),
            createdb: row.bool(pg_authid::ROLCREATEDB),
            createrole: row.bool(pg_authid::ROLCREATEROLE),
            inherit: row.bool(pg_authid::ROLINHERIT),
            replication: row.bool(pg_authid::ROLREPLICATION),
            bypassrls: row.bool(pg_authid::ROLBYPASSRLS),
            connlimit: row.int4(pg_authid::ROLCONNLIMIT),
            password: (!row.is_null(pg_authid::ROLPASSWORD)).then(|| row.text(pg_authid::ROLPASSWORD).to_string()),
        }
    }

    /// The role as a `pg_authid` row.
    pub fn to_row(&self) -> Vec<Datum> {
        let mut r = crate::bootstrap::authid_row(self.oid, &self.name);
        r[pg_authid::ROLSUPER] = Datum::Bool(self.superuser);
        r[pg_authid::ROLINHERIT] = Datum::Bool(self.inherit);
        r[pg_authid::ROLCREATEROLE] = Datum::Bool(self.createrole);
        r[pg_authid::ROLCREATEDB] = Datum::Bool(self.createdb);
        r[pg_authid::ROLCANLOGIN] = Datum::Bool(self.login);
        r[pg_authid::ROLREPLICATION] = Datum::Bool(self.replication);
        r[pg_authid::ROLBYPASSRLS] = Datum::Bool(self.bypassrls);
        r[pg_authid::ROLCONNLIMIT] = Datum::Int4(self.connlimit);
        r[pg_authid::ROLPASSWORD] = self.password.clone().map_or(Datum::Null, Datum::Text);
        r
    }
}

/// Every role visible to the catalog snapshot.
pub fn load_roles() -> PgResult<Vec<Role>> {
    Ok(scan_catalog(pg_authid::RELATION_ID, |_| true)?.iter().map(Role::from_row).collect())
}

/// The role called `name`, if any.
pub fn role_by_name(name: &str) -> PgResult<Option<Role>> {
    Ok(crate::syscache::authid_by_name(name)?.as_deref().map(Role::from_row))
}

/// The role with OID `oid`, if any.
pub fn role_by_oid(oid: u32) -> PgResult<Option<Role>> {
    Ok(crate::syscache::authid_by_oid(oid)?.as_deref().map(Role::from_row))
}

/// Takes the lock role DDL holds on `pg_authid` to the end of the
/// transaction (see the module doc).
pub fn lock_for_role_ddl() -> PgResult<()> {
    crate::relcache::relation_open(pg_authid::RELATION_ID, LockMode::ShareRowExclusive).map(drop)
}

/// A new role's OID: the next free object id (`GetNewOidWithIndex`).
pub fn new_role_oid() -> PgResult<u32> {
    loop {
        let oid = pg_wal::varsup::get_new_object_id()?;
        if crate::syscache::authid_by_oid(oid)?.is_none() {
            return Ok(oid);
        }
    }
}

/// Inserts a new role (CREATE ROLE).
pub fn insert_role(role: &Role) -> PgResult<()> {
    crate::indexing::catalog_tuple_insert(pg_authid::RELATION_ID, &role.to_row()).map(drop)
}

fn row_of(oid: u32) -> PgResult<CatalogTuple> {
    crate::syscache::authid_by_oid(oid)?
        .map(|r| (*r).clone())
        .ok_or_else(|| PgError::new(SqlState::UNDEFINED_OBJECT, format!("role with OID {oid} does not exist")))
}

/// Replaces the row of role `role.oid` (ALTER ROLE).
pub fn update_role(role: &Role) -> PgResult<()> {
    let old = row_of(role.oid)?;
    crate::indexing::catalog_tuple_update(pg_authid::RELATION_ID, &old, &role.to_row()).map(drop)
}

/// Deletes the row of role `oid` (DROP ROLE).
pub fn delete_role(oid: u32) -> PgResult<()> {
    let old = row_of(oid)?;
    crate::indexing::catalog_tuple_delete(pg_authid::RELATION_ID, &old)
}

/// Finds a role by name.
pub fn find_role<'a>(roles: &'a [Role], name: &str) -> Option<&'a Role> {
    roles.iter().find(|r| r.name == name)
}

/// Turns a password given to CREATE/ALTER ROLE into what is stored: an
/// existing SCRAM secret is kept as is; anything else is hashed with a
/// random salt (4096 iterations, PostgreSQL's default).
pub fn encrypt_password(password: &str) -> PgResult<String> {
    if pg_protocol::scram::parse_scram_secret(password).is_some() {
        return Ok(password.to_string());
    }
    pg_protocol::scram::scram_build_secret_random(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip() {
        let mut r = Role::new(FIRST_NORMAL_OID, "rel_pw", true);
        r.password = Some("SCRAM-SHA-256$4096:c2FsdA==$a:b".into());
        r.connlimit = 3;
        let row = CatalogTuple { tid: Default::default(), values: r.to_row() };
        assert_eq!(Role::from_row(&row), r);
        let nopw = Role::new(FIRST_NORMAL_OID + 1, "x", false);
        assert_eq!(Role::from_row(&CatalogTuple { tid: Default::default(), values: nopw.to_row() }), nopw);
        // What CREATE ROLE ... PASSWORD stores is a SCRAM verifier, never the password.
        let stored = encrypt_password("secret").unwrap();
        assert!(stored.starts_with("SCRAM-SHA-256$4096:") && !stored.contains("secret"), "{stored}");
        assert_eq!(encrypt_password(&stored).unwrap(), stored);
    }
}
