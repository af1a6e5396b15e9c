//! The backend's role cache (PostgreSQL's syscache over pg_authid), kept in
//! `CacheMemoryContext`.
//!
//! The staged role file is read at connection start and whenever it may
//! have changed (its modification time moved), and the rows are kept in a
//! vector allocated in `CacheMemoryContext`, so the cache's size shows in
//! `pg_backend_memory_contexts` as PostgreSQL's catalog caches do. Role DDL
//! in this backend invalidates it at once; other backends notice the new
//! modification time at their next lookup.

use pg_catalog::roles::{self, Role};
use pg_error::PgResult;
use pg_mcxt::MemoryContext;
use std::cell::RefCell;
use std::path::Path;
use std::time::SystemTime;

struct RoleCache {
    rows: allocator_api2::vec::Vec<Role, MemoryContext>,
    loaded_mtime: Option<SystemTime>,
}

thread_local! {
    static CACHE: RefCell<Option<RoleCache>> = const { RefCell::new(None) };
}

fn file_mtime(data_dir: &Path) -> Option<SystemTime> {
    std::fs::metadata(data_dir.join(roles::ROLE_FILE)).and_then(|m| m.modified()).ok()
}

/// Every role, from the cache when it is current.
pub fn all_roles(data_dir: &Path) -> PgResult<Vec<Role>> {
    let mtime = file_mtime(data_dir);
    let cached = CACHE.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|rc| rc.loaded_mtime.is_some() && rc.loaded_mtime == mtime)
            .map(|rc| rc.rows.to_vec())
    });
    if let Some(rows) = cached {
        return Ok(rows);
    }
    let fresh = roles::load_roles(data_dir)?;
    let mut rows = allocator_api2::vec::Vec::with_capacity_in(fresh.len(), pg_mcxt::create_cache_memory_context());
    rows.extend(fresh.iter().cloned());
    CACHE.with(|c| *c.borrow_mut() = Some(RoleCache { rows, loaded_mtime: mtime }));
    Ok(fresh)
}

/// Forgets the cached rows (after this backend changed the role file).
pub fn invalidate() {
    CACHE.with(|c| *c.borrow_mut() = None);
}

/// The role with this OID, if any.
pub fn role_by_oid(data_dir: &Path, oid: u32) -> PgResult<Option<Role>> {
    Ok(all_roles(data_dir)?.into_iter().find(|r| r.oid == oid))
}
