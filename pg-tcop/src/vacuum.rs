//! `VACUUM [(options)] [ANALYZE] table [, ...]` and `ANALYZE table [, ...]`
//! (PostgreSQL's `commands/vacuum.c`, `vacuumlazy.c`, `analyze.c`).
//!
//! VACUUM locks each table with ShareUpdateExclusiveLock and prunes every
//! page whose cleanup lock it gets without waiting (pg-storage's
//! `heap_page_prune` with the oldest xmin of all backends as the horizon:
//! dead versions are removed and the change is WAL-logged), then counts
//! the tuples left and stores `relpages` / `reltuples` in the table's
//! pg_class row. ANALYZE counts pages and tuples and stores them the same
//! way.
//!
//! Not done yet (next session): removed chain roots stay `LP_DEAD` (they
//! become unused only with a VACUUM WAL record of heap's, needed once
//! indexes exist); `reltuples` counts every stored tuple version, not
//! PostgreSQL's live-tuple estimate; pg_class is updated transactionally
//! (catalog_tuple_update) rather than in place; ANALYZE writes no
//! pg_statistic rows; VACUUM / ANALYZE without a table list, VACUUM FULL
//! and the owner check (PostgreSQL's "skipping ... only table or database
//! owner can vacuum it" WARNING) answer or behave as noted in the code.

use crate::postgres::Backend;
use pg_catalog::catdef::pg_class;
use pg_catalog::compat::LockMode;
use pg_catalog::RelKind;
use pg_error::{PgError, PgResult, SqlState};
use pg_parser::ast::VacuumStmt;
use pg_storage::bufmgr::{read_buffer, ReadBufferMode};
use pg_types::{Datum, Oid};
use pg_wal::block::ForkNumber;

impl Backend {
    /// Runs VACUUM or ANALYZE; returns its tag.
    pub(crate) fn exec_vacuum(&mut self, full_sql: &str, v: &VacuumStmt) -> PgResult<String> {
        let tag = if v.is_vacuum { "VACUUM" } else { "ANALYZE" };
        let vacuum = v.is_vacuum;
        for (name, value) in &v.options {
            let on = !matches!(
                value,
                Some(pg_parser::Value::String(s)) if matches!(s.as_str(), "false" | "off" | "0")
            ) && !matches!(value, Some(pg_parser::Value::Integer(0)));
            match name.as_str() {
                // ANALYZE's counts come from the same pass (VACUUM ANALYZE
                // prunes first and counts what is left).
                "analyze"
                | "verbose"
                | "skip_locked"
                | "freeze"
                | "disable_page_skipping"
                | "index_cleanup"
                | "truncate"
                | "process_toast"
                | "parallel" => {}
                "full" if on => return Err(PgError::not_supported("VACUUM FULL is not supported yet")),
                "full" => {}
                other => {
                    return Err(PgError::new(
                        SqlState::SYNTAX_ERROR,
                        format!("unrecognized {} option \"{other}\"", tag),
                    ))
                }
            }
        }
        if vacuum && self.xact.is_transaction_block() {
            return Err(PgError::new(SqlState::ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block"));
        }
        if v.relations.is_empty() {
            return Err(PgError::not_supported(format!("{tag} without a table list is not supported yet")));
        }
        let catalog = &pg_catalog::HeapCatalog;
        let path = pg_catalog::effective_search_path(catalog, &crate::exec::search_path(), &self.session.role.name);
        let mut relids: Vec<Oid> = Vec::new();
        for vr in &v.relations {
            let rv = &vr.relation;
            let shown = match &rv.schema {
                Some(s) => format!("{s}.{}", rv.name),
                None => rv.name.clone(),
            };
            let info = pg_catalog::resolve_relation(catalog, rv.schema.as_deref(), &rv.name, &path)
                .map_err(|m| m.into_error())?
                .ok_or_else(|| {
                    PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{shown}\" does not exist"))
                })?;
            let pg_catalog::RelationSource::Heap { relid } = info.source else {
                return Err(crate::exec::reject_unsupported(full_sql, &pg_parser::Stmt::Vacuum(v.clone())));
            };
            // Views and other relations without storage are skipped, as
            // PostgreSQL does (with a WARNING only for views named explicitly).
            if info.kind == RelKind::Table && !relids.contains(&relid) {
                relids.push(relid);
            }
        }
        for relid in relids {
            pg_proc::interrupts::check_for_interrupts()?;
            let rel = pg_catalog::relcache::relation_open(relid, LockMode::ShareUpdateExclusive)?;
            let srel = rel.storage_rel();
            let horizon = pg_proc::procarray::get_oldest_xmin()?;
            let nblocks = pg_storage::heap::heapam::relation_get_number_of_blocks(&srel)?;
            let mut tuples = 0u64;
            for blk in 0..nblocks {
                pg_proc::interrupts::check_for_interrupts()?;
                let pin = read_buffer(&srel, ForkNumber::Main, blk, ReadBufferMode::Normal, None)?;
                if vacuum {
                    // A page whose cleanup lock is held elsewhere is left for
                    // the next VACUUM, as lazy vacuum does; a new (all-zero)
                    // page has nothing to prune.
                    if let Some(mut g) = pin.conditional_lock_cleanup() {
                        if !g.is_new() {
                            pg_storage::heap::pruneheap::heap_page_prune(&srel, &mut g, horizon)?;
                        }
                    }
                }
                let g = pin.lock_shared();
                tuples += (1..=g.max_offset()).filter(|&off| g.item_id(off).is_normal()).count() as u64;
            }
            let class = pg_catalog::syscache::class_by_oid(relid)?
                .ok_or_else(|| PgError::internal(format!("cache lookup failed for relation {relid}")))?;
            let mut values = class.values.clone();
            values[pg_class::RELPAGES] = Datum::Int4(nblocks as i32);
            values[pg_class::RELTUPLES] = Datum::Float4(tuples as f32);
            pg_catalog::indexing::catalog_tuple_update(pg_class::RELATION_ID, &class, &values)?;
            pg_wal::xact::command_counter_increment()?;
        }
        Ok(tag.to_string())
    }
}
