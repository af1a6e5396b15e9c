//! pg-planner: analyzed [`Query`] → plan tree (PostgreSQL's
//! `src/backend/optimizer/plan/planner.c`, `createplan.c`, `setrefs.c`).
//!
//! This round there is one way to run each query, so the planner builds it
//! directly rather than generating and costing paths: a scan (`Result` with
//! no FROM, `FunctionScan` for a function or system view) that filters with
//! the WHERE qual and projects the full target list, then `Sort` for ORDER
//! BY (and DISTINCT), `Unique` for DISTINCT, `Limit` for LIMIT/OFFSET. Sort
//! and Unique work on target-list columns by number, as PostgreSQL's do.
//!
//! Dependencies: pg-error, pg-types, pg-analyze.
//! Invariants: plans hold no executor state; the visible output columns are
//! always the first `PlannedStmt::columns.len()` columns of the top node's
//! rows (resjunk sort columns follow and are cut by the executor).
#![forbid(unsafe_code)]

pub mod explain;

use pg_analyze::{Expr, Query, RangeTblEntry};
use pg_error::PgResult;
use pg_types::types::Oid;

/// One sort key (`Sort.sortColIdx`, `sortOperators`, `nullsFirst`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey {
    /// 0-based column of the input rows.
    pub col: usize,
    /// DESC.
    pub descending: bool,
    /// NULLS FIRST.
    pub nulls_first: bool,
}

/// A plan node.
#[derive(Clone, Debug)]
pub enum Plan {
    /// One row computed from the target list, when `qual` (if any) holds
    /// (`Result`: SELECT without FROM).
    Result {
        /// Output expressions.
        target_list: Vec<Expr>,
        /// One-time filter.
        qual: Option<Expr>,
    },
    /// Rows of a function or system view, filtered and projected (`FunctionScan`).
    FunctionScan {
        /// The FROM item.
        rte: RangeTblEntry,
        /// Output expressions over the scan row.
        target_list: Vec<Expr>,
        /// WHERE.
        qual: Option<Expr>,
    },
    /// Sorts its input (`Sort`); materialises all rows.
    Sort {
        /// Input.
        input: Box<Plan>,
        /// Keys, most significant first.
        keys: Vec<SortKey>,
    },
    /// Drops rows equal on the first `ncols` columns to the previous row
    /// (`Unique`); the input is sorted on them.
    Unique {
        /// Input.
        input: Box<Plan>,
        /// Number of leading columns compared.
        ncols: usize,
    },
    /// LIMIT/OFFSET (`Limit`); both int8 expressions evaluated at start.
    Limit {
        /// Input.
        input: Box<Plan>,
        /// OFFSET.
        offset: Option<Expr>,
        /// LIMIT.
        count: Option<Expr>,
    },
}

/// A visible output column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputColumn {
    /// Name.
    pub name: String,
    /// Type.
    pub type_oid: Oid,
    /// Typmod.
    pub typmod: i32,
}

/// A planned statement (`PlannedStmt`).
#[derive(Clone, Debug)]
pub struct PlannedStmt {
    /// The plan tree.
    pub plan: Plan,
    /// The visible output columns.
    pub columns: Vec<OutputColumn>,
}

/// Plans a SELECT (`planner` → `grouping_planner` → `create_plan`).
pub fn plan(query: Query) -> PgResult<PlannedStmt> {
    let columns: Vec<OutputColumn> = query
        .output_columns()
        .map(|t| OutputColumn { name: t.name.clone(), type_oid: t.expr.type_oid(), typmod: t.expr.typmod() })
        .collect();
    let visible = columns.len();
    let target_list: Vec<Expr> = query.target_list.into_iter().map(|t| t.expr).collect();
    let mut plan = match query.rtable {
        None => Plan::Result { target_list, qual: query.where_clause },
        Some(rte) => Plan::FunctionScan { rte, target_list, qual: query.where_clause },
    };
    let mut keys: Vec<SortKey> = query
        .sort_clause
        .iter()
        .map(|s| SortKey { col: s.tle, descending: s.descending, nulls_first: s.nulls_first })
        .collect();
    if query.distinct {
        // Sort on the ORDER BY keys, then every other output column, so
        // equal rows are adjacent for Unique (PostgreSQL's sorted DISTINCT).
        for col in 0..visible {
            if !keys.iter().any(|k| k.col == col) {
                keys.push(SortKey { col, descending: false, nulls_first: false });
            }
        }
    }
    if !keys.is_empty() {
        plan = Plan::Sort { input: Box::new(plan), keys };
    }
    if query.distinct {
        plan = Plan::Unique { input: Box::new(plan), ncols: visible };
    }
    if query.limit_count.is_some() || query.limit_offset.is_some() {
        plan = Plan::Limit { input: Box::new(plan), offset: query.limit_offset, count: query.limit_count };
    }
    Ok(PlannedStmt { plan, columns })
}
