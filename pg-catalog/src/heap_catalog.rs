//! [`HeapCatalog`]: the [`Catalog`] the server's analyzer uses, reading
//! schemas and relations from the heap catalogs (`pg_namespace`,
//! `pg_class`, `pg_attribute`, `pg_rewrite`) through the syscache and the
//! relcache.
//!
//! The system views that are still defined over set-returning functions
//! ([`crate::builtin::SYSTEM_VIEWS`]) are answered first for `pg_catalog`,
//! until they are real views in `pg_rewrite`; everything else is the
//! catalogs'. A catalog read that fails (an I/O error, a corrupted page)
//! is thrown as the statement's error: the trait's lookups answer only
//! "found" or "not found".

use crate::builtin::{self, SystemView};
use crate::catdef::pg_namespace;
use crate::relcache::relation_id_get_relation;
use crate::{
    syscache, Catalog, ColumnDef, NamespaceInfo, Oid, RelKind, RelationInfo, RelationSource, SelectPrivilege,
    PG_CATALOG_NAMESPACE,
};
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
];

/// Who may SELECT from `relid`. There are no ACLs yet (`relacl` is NULL):
/// everything is readable by PUBLIC but the catalogs PostgreSQL keeps to
/// superusers, which only the bootstrap superuser's privileges (every
/// superuser's) may read.
fn select_privilege(relid: Oid) -> SelectPrivilege {
    if SUPERUSER_ONLY.contains(&relid) {
        SelectPrivilege::RoleMembers(crate::bootstrap::BOOTSTRAP_SUPERUSER_NAME)
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
        if namespace == PG_CATALOG_NAMESPACE {
            if let Some(v) = builtin::SYSTEM_VIEWS.iter().find(|v| v.name == name) {
                return Some(SystemView::relation_info(v));
            }
        }
        let relid = or_throw(crate::relcache::relname_get_relid(namespace, name))?;
        or_throw(self.relation_by_oid(relid))
    }
}
