//! [`HeapCatalog`]: the [`Catalog`] the server's analyzer uses, reading
//! schemas and relations from the heap catalogs (`pg_namespace`,
//! `pg_class`, `pg_attribute`, `pg_rewrite`) through the syscache and the
//! relcache.
//! The system views are real views (`pg_class` relkind `'v'` and a
//! `_RETURN` rule in `pg_rewrite`, made at initdb), answered like any
//! other relation. A catalog read that fails (an I/O error, a corrupted page)
//! is thrown as the statement's error: the trait's lookups answer only
//! "found" or "not found".

use crate::catdef::pg_namespace;
use crate::relcache::relation_id_get_relation;
use crate::{syscache, Catalog, ColumnDef, NamespaceInfo, Oid, RelKind, RelationInfo, RelationSource, SelectPrivilege};
use pg_error::PgResult;

/// The catalogs and system views PostgreSQL 15 does not let PUBLIC read
/// (their `relacl` is `{postgres=arwdDxt/postgres}`): passwords,
/// statistics values, large objects, subscription and user-mapping
/// secrets.
static SUPERUSER_ONLY: &[Oid] = &[
    crate::catdef::pg_authid::RELATION_ID,
    crate::catdef::pg_largeobject::RELATION_ID,
    crate::catdef::pg_statistic::RELATION_ID,
    crate::catdef::pg_statistic_ext_data::RELATION_ID,
    crate::catdef::pg_subscription::RELATION_ID,
    crate::catdef::pg_user_mapping::RELATION_ID,
    // The system view pg_shadow (made at initdb), which shows rolpassword.
    12005,
    // pg_file_settings and pg_hba_file_rules: the configuration files'
    // contents.
    12110,
    12114,
];

/// The system views PostgreSQL 15 lets only `pg_read_all_stats` read
/// (`{postgres=arwdDxt/postgres,pg_read_all_stats=r/postgres}`): the
/// server's memory, by shared allocation and by backend memory context.
static READ_ALL_STATS_ONLY: &[Oid] = &[
    // pg_shmem_allocations
    12134, // pg_backend_memory_contexts
    12138,
];

/// Who may SELECT from `relid`. There are no ACLs yet (`relacl` is NULL):
/// everything is readable by PUBLIC but the catalogs PostgreSQL keeps to
/// superusers, which only the bootstrap superuser's privileges (every
/// superuser's) may read, and the views it grants to `pg_read_all_stats`.
fn select_privilege(relid: Oid) -> SelectPrivilege {
    if SUPERUSER_ONLY.contains(&relid) {
        SelectPrivilege::RoleMembers(crate::bootstrap::BOOTSTRAP_SUPERUSER_NAME)
    } else if READ_ALL_STATS_ONLY.contains(&relid) {
        SelectPrivilege::RoleMembers("pg_read_all_stats")
    } else {
        SelectPrivilege::Public
    }
}

/// The catalog over the heap catalogs of the backend's database.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapCatalog;

fn or_throw<T>(r: PgResult<T>) -> T {
    r.unwrap_or_else(|e| pg_error::throw(e))
}

impl HeapCatalog {
    /// The relation `relid` as the analyzer sees it, `None` if it does not exist.
    pub fn relation_by_oid(&self, relid: Oid) -> PgResult<Option<RelationInfo>> {
        let Some(rel) = relation_id_get_relation(relid)? else { return Ok(None) };
        let columns = rel
            .tupdesc
            .attrs
            .iter()
            .filter(|a| !a.dropped)
            .map(|a| ColumnDef { name: a.name.clone(), type_oid: a.type_oid, typmod: a.typmod })
            .collect();
        let source = match rel.kind {
            RelKind::View => RelationSource::View { definition: rel.view_query_text.clone().unwrap_or_default() },
            _ => RelationSource::Heap { relid },
        };
        Ok(Some(RelationInfo {
            oid: relid,
            name: rel.name.clone(),
            namespace: rel.namespace,
            kind: rel.kind,
            persistence: rel.persistence,
            columns,
            source,
            select_privilege: select_privilege(relid),
        }))
    }
}

impl Catalog for HeapCatalog {
    fn namespace_by_name(&self, name: &str) -> Option<NamespaceInfo> {
        or_throw(syscache::namespace_by_name(name)).map(|row| NamespaceInfo {
            oid: row.oid(pg_namespace::OID),
            name: row.text(pg_namespace::NSPNAME).to_string(),
        })
    }

    fn relation(&self, namespace: Oid, name: &str) -> Option<RelationInfo> {
        let relid = or_throw(crate::relcache::relname_get_relid(namespace, name))?;
        or_throw(self.relation_by_oid(relid))
    }
}
