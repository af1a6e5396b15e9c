//! `TRUNCATE [TABLE] [ONLY] name [, ...]` (PostgreSQL's
//! `commands/tablecmds.c` `ExecuteTruncate` / `ExecuteTruncateGuts` and
//! `relcache.c`'s `RelationSetNewRelfilenode`).
//!
//! Each table is locked with AccessExclusiveLock and given a new, empty
//! relation file (and so is its TOAST table): `pg_class.relfilenode`
//! names the new file, `relpages` / `reltuples` go back to "never
//! vacuumed", the new file is removed if the transaction aborts and the
//! old one when it commits. The table's rows thus vanish transactionally:
//! a rolled-back TRUNCATE leaves them.

use crate::session::Session;
use pg_catalog::catdef::pg_class;
use pg_catalog::compat::LockMode;
use pg_catalog::RelKind;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::TruncateStmt;
use pg_types::{Datum, Oid};

/// `FirstNormalObjectId`: relations below it were made by initdb.
const FIRST_NORMAL_OBJECT_ID: Oid = 16384;

/// Runs TRUNCATE; returns its tag.
pub(crate) fn truncate(session: &Session, stmt: &TruncateStmt, nest_level: u32) -> PgResult<String> {
    let catalog = &pg_catalog::HeapCatalog;
    let path = pg_catalog::effective_search_path(catalog, &crate::exec::search_path(), &session.role.name);
    let mut relids: Vec<Oid> = Vec::new();
    // Every table is found and locked before any is emptied, as PostgreSQL does.
    for rv in &stmt.relations {
        let shown = match &rv.schema {
            Some(s) => format!("{s}.{}", rv.name),
            None => rv.name.clone(),
        };
        let info = pg_catalog::resolve_relation(catalog, rv.schema.as_deref(), &rv.name, &path)
            .map_err(|m| m.into_error())?
            .ok_or_else(|| PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist")))?;
        if info.kind != RelKind::Table {
            return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{}\" is not a table", info.name)));
        }
        let pg_catalog::RelationSource::Heap { relid } = info.source else {
            return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{}\" is not a table", info.name)));
        };
        // truncate_check_rel: the catalogs are not the user's to empty.
        if info.namespace == pg_catalog::PG_CATALOG_NAMESPACE || relid < FIRST_NORMAL_OBJECT_ID {
            return Err(PgError::new(
                SqlState::INSUFFICIENT_PRIVILEGE,
                format!("permission denied: \"{}\" is a system catalog", info.name),
            ));
        }
        pg_catalog::relcache::relation_open(relid, LockMode::AccessExclusive)?;
        if !relids.contains(&relid) {
            relids.push(relid);
        }
    }
    for relid in relids {
        let rel = pg_catalog::relcache::relation_open(relid, LockMode::NoLock)?;
        set_new_relfilenode(relid, nest_level)?;
        if rel.toast_relid != 0 {
            pg_catalog::relcache::relation_open(rel.toast_relid, LockMode::AccessExclusive)?;
            set_new_relfilenode(rel.toast_relid, nest_level)?;
        }
    }
    pg_wal::xact::command_counter_increment()?;
    Ok("TRUNCATE TABLE".into())
}

/// `RelationSetNewRelfilenode`: an empty new file for `relid`, the old
/// one dropped at commit.
fn set_new_relfilenode(relid: Oid, nest_level: u32) -> PgResult<()> {
    let rel = pg_catalog::relcache::relation_open(relid, LockMode::NoLock)?;
    let class = pg_catalog::syscache::class_by_oid(relid)?
        .ok_or_else(|| PgError::internal(format!("cache lookup failed for relation {relid}")))?;
    let new = pg_catalog::relstorage::get_new_relfilenode(rel.rnode.db, rel.backend)?;
    let rnode = pg_wal::block::RelFileNode { rel: new, ..rel.rnode };
    let permanent = rel.persistence == pg_catalog::Persistence::Permanent;
    pg_catalog::relstorage::relation_create_storage(rnode, rel.backend, permanent, nest_level)?;
    pg_catalog::relstorage::relation_drop_storage(rel.rnode, rel.backend, nest_level);
    let mut values = class.values.clone();
    values[pg_class::RELFILENODE] = Datum::Oid(new);
    values[pg_class::RELPAGES] = Datum::Int4(0);
    values[pg_class::RELTUPLES] = Datum::Float4(-1.0);
    pg_catalog::indexing::catalog_tuple_update(pg_class::RELATION_ID, &class, &values)?;
    crate::ddl::note_new_relfilenode(relid);
    Ok(())
}
