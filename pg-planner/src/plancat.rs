//! What the planner reads about a table (PostgreSQL's `optimizer/util/plancat.c`:
//! `get_relation_info`, `estimate_rel_size`, `get_rel_data_width`, and
//! `get_typavgwidth` from `utils/cache/lsyscache.c`).
//!
//! The size of a table is its current number of pages (from the storage
//! manager) and a row count: `reltuples / relpages` × pages when the table
//! was vacuumed or analyzed, else PostgreSQL's estimate for a table never
//! vacuumed: at least 10 pages, filled with rows as wide as its columns'
//! average widths say. The densities use PostgreSQL's page and tuple
//! header sizes (24 and 24 + 4 bytes), not ours, so that EXPLAIN's
//! estimates agree with PostgreSQL's for the same table.

use pg_types::types::{lookup_type, oid, Oid};

/// The pages and rows the planner expects a table to have.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RelSize {
    /// `RelOptInfo.pages`.
    pub pages: f64,
    /// `RelOptInfo.tuples`.
    pub tuples: f64,
}

/// `get_typavgwidth`: the average width of a column of type `t` with `typmod`.
pub fn type_avg_width(t: Oid, typmod: i32) -> i32 {
    if let Some(info) = lookup_type(t) {
        if info.len > 0 {
            return info.len as i32;
        }
    }
    // type_maximum_size: characters × the encoding's longest (UTF8: 4) + header.
    let max = match t {
        oid::VARCHAR | oid::BPCHAR if typmod > 4 => (typmod - 4) * 4 + 4,
        _ => -1,
    };
    if max > 0 {
        if t == oid::BPCHAR || max <= 32 {
            return max;
        }
        if max < 1000 {
            return 32 + (max - 32) / 2;
        }
        return 32 + (1000 - 32) / 2;
    }
    32
}

/// `estimate_rel_size` for a heap table (`table_block_relation_estimate_size`).
pub fn estimate_rel_size(relid: Oid) -> RelSize {
    let Ok(rel) = pg_catalog::relcache::relation_open(relid, pg_catalog::compat::LockMode::NoLock) else {
        return RelSize { pages: 10.0, tuples: 0.0 };
    };
    let smgr = pg_storage::smgr::smgr_open(rel.rnode, rel.backend);
    let mut curpages = smgr.nblocks(pg_wal::block::ForkNumber::Main).unwrap_or(0) as f64;
    // Never vacuumed: assume at least 10 pages, so that a table created
    // moments ago is not taken for a tiny one.
    if curpages < 10.0 && rel.reltuples < 0.0 {
        curpages = 10.0;
    }
    if curpages == 0.0 {
        return RelSize { pages: 0.0, tuples: 0.0 };
    }
    let density = if rel.reltuples >= 0.0 && rel.relpages > 0 {
        rel.reltuples as f64 / rel.relpages as f64
    } else {
        let width: i32 =
            rel.tupdesc.attrs.iter().filter(|a| !a.dropped).map(|a| type_avg_width(a.type_oid, a.typmod)).sum();
        // MAXALIGN(SizeofHeapTupleHeader) + sizeof(ItemIdData); integer
        // division, as PostgreSQL's.
        ((8192 - 24) / (width + 24 + 4).max(1)) as f64
    };
    RelSize { pages: curpages, tuples: (density * curpages).round() }
}
