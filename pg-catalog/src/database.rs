//! Databases (`pg_database`): what connection start needs to know of the
//! database a client names (PostgreSQL's `GetDatabaseTuple` and
//! `CheckMyDatabase`), read from the shared catalog `global/1262`, which a
//! backend can read before it has chosen a database.

use crate::catdef::pg_database;
use crate::syscache;
use pg_error::PgResult;
use pg_types::Oid;

/// The columns of a `pg_database` row that connection start uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseInfo {
    /// `oid`.
    pub oid: Oid,
    /// `datname`.
    pub name: String,
    /// `datallowconn` (false for `template0`).
    pub allow_connections: bool,
    /// `datistemplate`.
    pub is_template: bool,
    /// `datconnlimit` (-1: no limit).
    pub connection_limit: i32,
    /// `datdba`.
    pub owner: Oid,
}

fn from_row(row: &crate::scan::CatalogTuple) -> DatabaseInfo {
    DatabaseInfo {
        oid: row.oid(pg_database::OID),
        name: row.text(pg_database::DATNAME).to_string(),
        allow_connections: row.bool(pg_database::DATALLOWCONN),
        is_template: row.bool(pg_database::DATISTEMPLATE),
        connection_limit: row.int4(pg_database::DATCONNLIMIT),
        owner: row.oid(pg_database::DATDBA),
    }
}

/// The database called `name` (exact, already case-folded), if any.
pub fn lookup_database(name: &str) -> PgResult<Option<DatabaseInfo>> {
    Ok(syscache::database_by_name(name)?.as_deref().map(from_row))
}

/// The database with OID `oid`, if any.
pub fn lookup_database_by_oid(oid: Oid) -> PgResult<Option<DatabaseInfo>> {
    Ok(syscache::database_by_oid(oid)?.as_deref().map(from_row))
}
