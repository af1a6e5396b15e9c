//! The backend's role lookups: `pg_authid` rows through pg-catalog's
//! syscache (kept per backend until an invalidation message names them,
//! as PostgreSQL's AUTHOID/AUTHNAME caches are). Authentication reads them
//! before the backend has a database: `pg_authid` is a shared catalog.

use pg_catalog::roles::{self, Role};
use pg_error::PgResult;
use std::path::Path;

/// Every role.
pub fn all_roles(_data_dir: &Path) -> PgResult<Vec<Role>> {
    roles::load_roles()
}

/// The role with this OID, if any.
pub fn role_by_oid(_data_dir: &Path, oid: u32) -> PgResult<Option<Role>> {
    roles::role_by_oid(oid)
}
