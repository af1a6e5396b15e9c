//! Join methods and their costs (PostgreSQL's `optimizer/path/joinpath.c`,
//! the join parts of `costsize.c`, `ExecChooseHashTableSize` from
//! `executor/nodeHash.c`, and the selectivity of an equality between two
//! columns, `eqjoinsel` without statistics).
//!
//! A join of two FROM items can run as a nested loop, a hash join or a
//! merge join. `plan_join` builds the nested loop as before; when
//! the join's conditions include equalities between an expression of the
//! left input and one of the right input of a type with a hash and btree
//! operator family (`equi_clauses`), it also builds hash joins (hashing
//! either input) and merge joins (sorting both inputs on plain columns),
//! and keeps the one PostgreSQL's cost model finds cheapest in total cost
//! (`cheapest`). The costs follow PostgreSQL 15's formulas:
//! `initial_cost_hashjoin` / `final_cost_hashjoin`,
//! `initial_cost_mergejoin` / `final_cost_mergejoin` (with the
//! materialization of the inner input it decides there),
//! `initial_cost_nestloop` / `final_cost_nestloop` with `cost_rescan`,
//! and `calc_joinrel_size_estimate` for the output rows.
//!
//! Without `ANALYZE` statistics a column's number of distinct values is the
//! row count of its FROM item when that is under 200, else the default 200
//! (`get_variable_numdistinct`); an equality between two columns keeps
//! `1 / max(nd1, nd2)` of the pairs, an equality involving anything else
//! 0.5 %.

use crate::explain::{estimate, Estimate};
use crate::{Plan, SortKey};
use pg_analyze::{Expr, JoinType, RangeTblEntry, RteSource};
use pg_types::types::{oid, Oid};

/// `NTUP_PER_BUCKET`.
const NTUP_PER_BUCKET: f64 = 1.0;
/// `HJTUPLE_OVERHEAD` + MAXALIGN(`SizeofMinimalTupleHeader`).
const HASH_TUPLE_OVERHEAD: f64 = 32.0;
/// `sizeof(HashJoinTuple)`: one bucket pointer.
const BUCKET_POINTER: f64 = 8.0;
/// `DEFAULT_NUM_DISTINCT`.
const DEFAULT_NUM_DISTINCT: f64 = 200.0;
/// `disable_cost`: what `enable_hashjoin = off` and friends add.
const DISABLE_COST: f64 = 1.0e10;
/// `BLCKSZ` as a float.
const BLCKSZ: f64 = 8192.0;

fn cpu_tuple_cost() -> f64 {
    pg_guc::vars::CPU_TUPLE_COST.get()
}

fn cpu_operator_cost() -> f64 {
    pg_guc::vars::CPU_OPERATOR_COST.get()
}

/// `work_mem` in bytes.
pub fn work_mem_bytes() -> f64 {
    pg_guc::vars::WORK_MEM.get().max(64) as f64 * 1024.0
}

/// `get_hash_memory_limit`: `work_mem × hash_mem_multiplier` in bytes.
pub fn hash_mem_bytes() -> f64 {
    work_mem_bytes() * pg_guc::vars::HASH_MEM_MULTIPLIER.get().max(1.0)
}

fn maxalign(n: f64) -> f64 {
    (n / 8.0).ceil() * 8.0
}

/// `relation_byte_size`: bytes of `tuples` heap tuples of `width`.
pub(crate) fn relation_byte_size(tuples: f64, width: i32) -> f64 {
    tuples * (maxalign(width as f64) + 24.0)
}

/// `page_size`: pages of `tuples` heap tuples of `width`.
fn page_size(tuples: f64, width: i32) -> f64 {
    (relation_byte_size(tuples, width) / BLCKSZ).ceil()
}

/// The size of a hash join's table (`ExecChooseHashTableSize`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashTableSize {
    /// Buckets (a power of two).
    pub nbuckets: usize,
    /// Batches (a power of two; 1 when the inner rows fit in memory).
    pub nbatch: usize,
}

/// How many buckets and batches a hash table of `ntuples` inner rows of
/// `width` bytes starts with, given `hash_mem` bytes
/// (`ExecChooseHashTableSize`, without skew buckets or parallelism): one
/// bucket per row, at least 1024, and enough batches for each to fit.
pub fn choose_hash_table_size(ntuples: f64, width: i32, hash_mem: f64) -> HashTableSize {
    let ntuples = if ntuples <= 0.0 { 1000.0 } else { ntuples };
    let tupsize = HASH_TUPLE_OVERHEAD + maxalign(width as f64);
    let inner_rel_bytes = ntuples * tupsize;
    let max_pointers = prev_power_of_two((hash_mem / BUCKET_POINTER).max(1.0)).min((i32::MAX / 2 + 1) as f64);
    let dbuckets = (ntuples / NTUP_PER_BUCKET).ceil().min(max_pointers);
    let mut nbuckets = (dbuckets as usize).max(1024).next_power_of_two();
    let mut nbatch = 1;
    if inner_rel_bytes + BUCKET_POINTER * nbuckets as f64 > hash_mem {
        let bucket_size = tupsize * NTUP_PER_BUCKET + BUCKET_POINTER;
        let sbuckets = if hash_mem <= bucket_size {
            1.0
        } else {
            ((hash_mem / bucket_size) as u64).max(1).next_power_of_two() as f64
        }
        .min(max_pointers);
        nbuckets = (sbuckets as usize).max(1).next_power_of_two();
        let bucket_bytes = BUCKET_POINTER * nbuckets as f64;
        let dbatch = (inner_rel_bytes / (hash_mem - bucket_bytes).max(1.0)).ceil().min(max_pointers);
        nbatch = (dbatch as usize).max(2).next_power_of_two();
    }
    HashTableSize { nbuckets, nbatch }
}

fn prev_power_of_two(x: f64) -> f64 {
    let n = x.max(1.0) as u64;
    (1u64 << (63 - n.leading_zeros())) as f64
}

/// Whether values of `t` can be hashed and sorted consistently with `=`
/// (a type with hash and btree operator classes: `op_hashjoinable`,
/// `op_mergejoinable`).
fn hash_and_sort_family(t: Oid) -> Option<u8> {
    Some(match t {
        oid::INT2 | oid::INT4 | oid::INT8 => 1,
        oid::FLOAT4 | oid::FLOAT8 => 2,
        oid::NUMERIC => 3,
        oid::TEXT | oid::VARCHAR => 4,
        oid::BOOL => 6,
        oid::BYTEA => 7,
        oid::OID => 8,
        oid::DATE => 9,
        oid::TIME => 10,
        oid::TIMESTAMP => 11,
        oid::TIMESTAMPTZ => 12,
        oid::INTERVAL => 13,
        oid::NAME => 14,
        oid::CHAR => 15,
        oid::UUID => 16,
        oid::TIMETZ => 17,
        _ => return None,
    })
}

/// An equality between the two inputs of a join: its arguments over the
/// joined row, the left input's first.
#[derive(Clone, Debug)]
pub(crate) struct EquiClause {
    /// The condition as written (over the query's scan row).
    pub(crate) clause: Expr,
    /// The argument over the left input's columns.
    pub(crate) left: Expr,
    /// The argument over the right input's columns.
    pub(crate) right: Expr,
}

/// The hash- and merge-joinable conditions among `quals`: `=` between an
/// expression of the left input and one of the right input, of types of
/// one hash/btree family (`check_hashjoinable`, `check_mergejoinable`).
/// `side` says which input an expression reads (`Some(false)`: only the
/// left, `Some(true)`: only the right). Returns them and the other quals.
pub(crate) fn equi_clauses(quals: Vec<Expr>, side: &dyn Fn(&Expr) -> Option<bool>) -> (Vec<EquiClause>, Vec<Expr>) {
    let mut equi = Vec::new();
    let mut rest = Vec::new();
    for q in quals {
        let found = match &q {
            Expr::Op { name, args, .. } if name == "=" && args.len() == 2 => {
                let (a, b) = (&args[0], &args[1]);
                let family = hash_and_sort_family(a.type_oid());
                if family.is_none() || family != hash_and_sort_family(b.type_oid()) || is_volatile(&q) {
                    None
                } else {
                    match (side(a), side(b)) {
                        (Some(false), Some(true)) => Some((a.clone(), b.clone())),
                        (Some(true), Some(false)) => Some((b.clone(), a.clone())),
                        _ => None,
                    }
                }
            }
            _ => None,
        };
        match found {
            Some((left, right)) => equi.push(EquiClause { clause: q, left, right }),
            None => rest.push(q),
        }
    }
    (equi, rest)
}

/// True when `e` calls something volatile (such conditions are never hash
/// or merge clauses, as in PostgreSQL).
fn is_volatile(e: &Expr) -> bool {
    let mut v = false;
    e.walk(&mut |x| v |= matches!(x, Expr::SubPlan(_) | Expr::SubLink(_)));
    v
}

/// The FROM item rows a column of `rte` comes from (`rel->tuples`), when
/// it is a known base item.
fn base_tuples(rte: &RangeTblEntry, e: &Expr) -> Option<f64> {
    let Expr::Var { attno, .. } = e else { return None };
    let (item, _) = rte.column_origin(*attno)?;
    item_rows(item)
}

/// The rows a FROM item returns before any condition on it, when the
/// planner can tell without planning it: a function's or VALUES list's,
/// or those of a subquery that only reads one such item unfiltered
/// (PostgreSQL pulls such subqueries up into the outer query).
fn item_rows(item: &RangeTblEntry) -> Option<f64> {
    match &item.source {
        RteSource::Join(_) | RteSource::SetOp(_) => None,
        RteSource::Subquery(q) => {
            let simple = q.where_clause.is_none()
                && !q.has_aggs
                && !q.distinct
                && q.limit_count.is_none()
                && q.limit_offset.is_none()
                && q.target_list.iter().all(|t| !t.expr.contains_srf());
            match &q.rtable {
                Some(inner) if simple && !matches!(inner.source, RteSource::Subquery(_)) => item_rows(inner),
                _ => None,
            }
        }
        _ => Some(crate::explain::function_rows(item)),
    }
}

/// `get_variable_numdistinct` without statistics: the item's row count
/// when below 200, else the default 200 (`isdefault`).
fn num_distinct(rte: &RangeTblEntry, e: &Expr) -> (f64, bool) {
    match base_tuples(rte, e) {
        Some(n) if n > 0.0 && n < DEFAULT_NUM_DISTINCT => (n.round().max(1.0), false),
        _ => (DEFAULT_NUM_DISTINCT, true),
    }
}

/// The selectivity of a join condition over `rte`'s row: `eqjoinsel`
/// without statistics for an equality, the restriction defaults otherwise.
pub(crate) fn join_clause_selectivity(rte: &RangeTblEntry, q: &Expr) -> f64 {
    match q {
        Expr::Op { name, args, .. } if name == "=" && args.len() == 2 => {
            let (nd1, _) = num_distinct(rte, &args[0]);
            let (nd2, _) = num_distinct(rte, &args[1]);
            1.0 / nd1.max(nd2)
        }
        Expr::Bool { op: pg_analyze::BoolOpKind::And, args } => {
            args.iter().map(|a| join_clause_selectivity(rte, a)).product()
        }
        other => crate::explain::selectivity(other),
    }
}

/// The fraction of a semi join's outer rows that a condition finds a
/// partner for (`eqjoinsel_semi` without statistics, for an equality):
/// all when the inner side has at least as many distinct values as the
/// outer one, else nd2 / nd1 of them; half when the inner side's count
/// is the default guess. The inner count is at most the inner rows
/// (which makes it a real estimate). Other conditions keep their
/// restriction selectivity.
fn semi_selectivity(rte: &RangeTblEntry, q: &Expr, inner_rows: f64) -> f64 {
    let nl = match &rte.source {
        RteSource::Join(j) => j.left.columns.len(),
        _ => return join_clause_selectivity(rte, q),
    };
    let reads_inner = |e: &Expr| {
        let mut inner = false;
        e.walk(&mut |x| inner |= matches!(x, Expr::Var { attno, .. } if *attno >= nl));
        inner
    };
    match q {
        Expr::Op { name, args, .. } if name == "=" && args.len() == 2 => {
            let (outer_arg, inner_arg) = if reads_inner(&args[0]) && !reads_inner(&args[1]) {
                (&args[1], &args[0])
            } else {
                (&args[0], &args[1])
            };
            let (nd1, _) = num_distinct(rte, outer_arg);
            let (mut nd2, mut default2) = num_distinct(rte, inner_arg);
            if nd2 >= inner_rows {
                nd2 = inner_rows;
                default2 = false;
            }
            if default2 {
                0.5
            } else if nd1 <= nd2 {
                1.0
            } else {
                nd2 / nd1
            }
        }
        other => crate::explain::selectivity(other),
    }
}

/// The output rows of a join (`calc_joinrel_size_estimate`): the pairs
/// passing the join conditions, at least every preserved input row for an
/// outer join, then the WHERE conditions above it.
pub(crate) fn join_rows(kind: JoinType, outer_rows: f64, inner_rows: f64, jsel: f64, qsel: f64) -> f64 {
    let pairs = outer_rows * inner_rows * jsel;
    let n = match kind {
        JoinType::Inner => pairs,
        JoinType::Left => pairs.max(outer_rows),
        JoinType::Right => pairs.max(inner_rows),
        JoinType::Full => pairs.max(outer_rows).max(inner_rows),
        // `jsel` is the fraction of outer rows with a partner
        // (`semi_selectivity`), or without one.
        JoinType::Semi => outer_rows * jsel,
        JoinType::Anti => outer_rows * (1.0 - jsel),
    };
    crate::explain::clamp_rows(n * qsel)
}

/// `cost_rescan`: (startup, total) of running a node again.
fn rescan_cost(plan: &Plan, e: &Estimate) -> (f64, f64) {
    match plan {
        Plan::Material { .. } | Plan::Sort { .. } => {
            // Rereading stored rows: one operator each, plus the pages
            // when they do not fit in work_mem.
            let mut run = cpu_operator_cost() * e.rows;
            if relation_byte_size(e.rows, e.width) > work_mem_bytes() {
                run += pg_guc::vars::SEQ_PAGE_COST.get() * page_size(e.rows, e.width);
            }
            (0.0, run)
        }
        // Function results are kept in a tuplestore: only the run cost is
        // paid again.
        Plan::FunctionScan { .. } => (0.0, e.total - e.startup),
        _ => (e.startup, e.total),
    }
}

/// The cost of a join's own conditions per joined pair (`cost_qual_eval`).
fn qual_cost(q: Option<&Expr>) -> f64 {
    q.map(crate::explain::eval_cost).unwrap_or(0.0)
}

/// What a join's cost depends on besides its inputs.
pub(crate) struct JoinRef<'a> {
    /// The join entry (the joined row's columns).
    pub(crate) rte: &'a RangeTblEntry,
    /// Join type as run.
    pub(crate) kind: JoinType,
    /// Conditions evaluated per pair besides the hash or merge ones.
    pub(crate) join_qual: Option<&'a Expr>,
    /// Conditions above an outer join.
    pub(crate) qual: Option<&'a Expr>,
    /// Output expressions.
    pub(crate) target_list: &'a [Expr],
}

impl JoinRef<'_> {
    /// Output rows for `outer_rows` × `inner_rows` pairs, with `clauses`
    /// the hash or merge conditions (none for a nested loop, whose
    /// `join_qual` holds them all).
    fn rows(&self, outer_rows: f64, inner_rows: f64, clauses: &[Expr]) -> f64 {
        let qsel = self.qual.map(|q| join_clause_selectivity(self.rte, q)).unwrap_or(1.0);
        let others = self.join_qual.map(|q| crate::conjuncts(q.clone())).unwrap_or_default();
        let jsel = if matches!(self.kind, JoinType::Semi | JoinType::Anti) {
            clauses.iter().chain(&others).map(|c| semi_selectivity(self.rte, c, inner_rows)).product()
        } else {
            clauses.iter().chain(&others).map(|c| join_clause_selectivity(self.rte, c)).product()
        };
        join_rows(self.kind, outer_rows, inner_rows, jsel, qsel)
    }
}

impl crate::JoinInfo {
    /// The cost-relevant view of the join.
    pub(crate) fn as_ref(&self) -> JoinRef<'_> {
        JoinRef {
            rte: &self.rte,
            kind: self.kind,
            join_qual: self.join_qual.as_ref(),
            qual: self.qual.as_ref(),
            target_list: &self.target_list,
        }
    }
}

/// `compute_semi_anti_join_factors`: the fraction of outer rows a semi
/// or anti join finds a partner for, and how many partners such a row has
/// on average (at least one).
fn semi_factors(j: &JoinRef<'_>, clauses: &[Expr], inner_rows: f64) -> (f64, f64) {
    let others = j.join_qual.map(|q| crate::conjuncts(q.clone())).unwrap_or_default();
    let all = || clauses.iter().chain(&others);
    let outer_match_frac: f64 = all().map(|c| semi_selectivity(j.rte, c, inner_rows)).product();
    let pair_sel: f64 = all().map(|c| join_clause_selectivity(j.rte, c)).product();
    let match_count = if outer_match_frac > 0.0 { (pair_sel * inner_rows / outer_match_frac).max(1.0) } else { 1.0 };
    (outer_match_frac, match_count)
}

/// Estimate of a `NestLoop` (`initial_cost_nestloop` + `final_cost_nestloop`).
pub(crate) fn cost_nestloop(j: &JoinRef<'_>, outer: &Plan, inner: &Plan) -> Estimate {
    let (o, i) = (estimate(outer), estimate(inner));
    let (rescan_start, rescan_total) = rescan_cost(inner, &i);
    let startup = o.startup + i.startup;
    let mut run = o.total - o.startup;
    if o.rows > 1.0 {
        run += (o.rows - 1.0) * rescan_start;
    }
    let (inner_run, inner_rescan_run) = (i.total - i.startup, rescan_total - rescan_start);
    let ntuples = if matches!(j.kind, JoinType::Semi | JoinType::Anti) {
        // The inner scan stops at an outer row's first match (2 / (matches
        // + 1) of it); an unmatched outer row scans it all. One scan is
        // charged in full.
        let (outer_match_frac, match_count) = semi_factors(j, &[], i.rows);
        let mut matched = (o.rows * outer_match_frac).round();
        let mut unmatched = o.rows - matched;
        let inner_scan_frac = 2.0 / (match_count + 1.0);
        let ntuples = matched * i.rows * inner_scan_frac + unmatched * i.rows;
        run += inner_run;
        if unmatched >= 1.0 {
            unmatched -= 1.0;
        } else {
            matched -= 1.0;
        }
        if matched > 0.0 {
            run += matched * inner_rescan_run * inner_scan_frac;
        }
        if unmatched > 0.0 {
            run += unmatched * inner_rescan_run;
        }
        ntuples
    } else {
        run += inner_run;
        if o.rows > 1.0 {
            run += (o.rows - 1.0) * inner_rescan_run;
        }
        o.rows * i.rows
    };
    run += (cpu_tuple_cost() + qual_cost(j.join_qual)) * ntuples;
    let rows = j.rows(o.rows, i.rows, &[]);
    run += tlist_cost(j.target_list) * rows;
    Estimate { startup, total: startup + run, rows, width: crate::explain::width_of(j.target_list) }
}

fn tlist_cost(tlist: &[Expr]) -> f64 {
    tlist.iter().map(crate::explain::eval_cost).sum()
}

/// Estimate of a `HashJoin` whose inner input is `hash` (a `Hash` node)
/// (`initial_cost_hashjoin` + `final_cost_hashjoin`). `clauses` are the
/// hash conditions over the joined row, the outer input's argument first.
pub(crate) fn cost_hashjoin(j: &JoinRef<'_>, outer: &Plan, hash: &Plan, clauses: &[Expr]) -> Estimate {
    let inner_keys: Vec<&Expr> = clauses
        .iter()
        .filter_map(|c| match c {
            Expr::Op { args, .. } => args.get(1),
            _ => None,
        })
        .collect();
    let (o, i) = (estimate(outer), estimate(hash));
    let nclauses = clauses.len() as f64;
    let cpu_op = cpu_operator_cost();
    let mut startup = o.startup + i.total + (cpu_op * nclauses + cpu_tuple_cost()) * i.rows;
    let mut run = o.total - o.startup + cpu_op * nclauses * o.rows;
    let size = choose_hash_table_size(i.rows, i.width, hash_mem_bytes());
    if size.nbatch > 1 {
        let (outer_pages, inner_pages) = (page_size(o.rows, o.width), page_size(i.rows, i.width));
        let seq = pg_guc::vars::SEQ_PAGE_COST.get();
        startup += seq * inner_pages;
        run += seq * (inner_pages + 2.0 * outer_pages);
    }
    // The fraction of the inner rows in one bucket: the smallest over the
    // hash keys (`estimate_hash_bucket_stats`).
    let virtual_buckets = (size.nbuckets * size.nbatch) as f64;
    let bucket_frac = inner_keys
        .iter()
        .map(|k| {
            let (nd, default) = num_distinct(j.rte, k);
            if default {
                0.1
            } else {
                let nd = crate::explain::clamp_rows(nd.min(i.rows));
                (if nd > virtual_buckets { 1.0 / virtual_buckets } else { 1.0 / nd }).clamp(1.0e-6, 1.0)
            }
        })
        .fold(1.0, f64::min);
    let hash_qual: f64 = clauses.iter().map(crate::explain::eval_cost).sum();
    let hashjointuples = if matches!(j.kind, JoinType::Semi | JoinType::Anti) {
        // A semi or anti join stops at an outer row's first match: a
        // matched row scans 2 / (matches + 1) of its bucket, an unmatched
        // one an average bucket at a tenth of the cost per entry
        // (`final_cost_hashjoin` with `compute_semi_anti_join_factors`).
        let (outer_match_frac, match_count) = semi_factors(j, clauses, i.rows);
        let outer_matched = (o.rows * outer_match_frac).round();
        let inner_scan_frac = 2.0 / (match_count + 1.0);
        run += hash_qual * outer_matched * crate::explain::clamp_rows(i.rows * bucket_frac * inner_scan_frac) * 0.5;
        run += hash_qual * (o.rows - outer_matched) * crate::explain::clamp_rows(i.rows / virtual_buckets) * 0.05;
        if j.kind == JoinType::Anti {
            o.rows - outer_matched
        } else {
            outer_matched
        }
    } else {
        run += hash_qual * o.rows * crate::explain::clamp_rows(i.rows * bucket_frac) * 0.5;
        let jsel: f64 = clauses.iter().map(|c| join_clause_selectivity(j.rte, c)).product();
        crate::explain::clamp_rows(o.rows * i.rows * jsel)
    };
    run += (cpu_tuple_cost() + qual_cost(j.join_qual)) * hashjointuples;
    let rows = j.rows(o.rows, i.rows, clauses);
    run += tlist_cost(j.target_list) * rows;
    Estimate { startup, total: startup + run, rows, width: crate::explain::width_of(j.target_list) }
}

/// Estimate of a `MergeJoin` over sorted inputs (`initial_cost_mergejoin`
/// and `final_cost_mergejoin`), and whether PostgreSQL would put a
/// Materialize over the inner input.
pub(crate) fn cost_mergejoin(j: &JoinRef<'_>, outer: &Plan, inner: &Plan, clauses: &[Expr]) -> (Estimate, bool) {
    let (o, i) = (estimate(outer), estimate(inner));
    let cpu_op = cpu_operator_cost();
    let startup = o.startup + i.startup;
    let mut run = o.total - o.startup;
    let inner_run = i.total - i.startup;
    let jsel: f64 = clauses.iter().map(|c| join_clause_selectivity(j.rte, c)).product();
    let mergejointuples = crate::explain::clamp_rows(o.rows * i.rows * jsel);
    let rescanned = (mergejointuples - i.rows).max(0.0);
    let rescan_ratio = 1.0 + rescanned / i.rows.max(1.0);
    let bare = inner_run * rescan_ratio;
    let mat = inner_run + cpu_op * i.rows * rescan_ratio;
    let materialize =
        pg_guc::vars::ENABLE_MATERIAL.get() && (mat < bare || relation_byte_size(i.rows, i.width) > work_mem_bytes());
    run += if materialize { mat } else { bare };
    let merge_qual: f64 = clauses.iter().map(crate::explain::eval_cost).sum();
    run += merge_qual * (o.rows + i.rows * rescan_ratio);
    run += (cpu_tuple_cost() + qual_cost(j.join_qual)) * mergejointuples;
    let rows = j.rows(o.rows, i.rows, clauses);
    run += tlist_cost(j.target_list) * rows;
    (Estimate { startup, total: startup + run, rows, width: crate::explain::width_of(j.target_list) }, materialize)
}

/// The join kind as run with the inputs swapped.
pub(crate) fn swapped_kind(kind: JoinType) -> JoinType {
    match kind {
        JoinType::Left => JoinType::Right,
        JoinType::Right => JoinType::Left,
        other => other,
    }
}

/// A candidate plan and its total cost with `enable_*` penalties.
pub(crate) struct Candidate {
    pub(crate) plan: Plan,
    pub(crate) cost: f64,
}

impl Candidate {
    pub(crate) fn new(plan: Plan, enabled: bool) -> Candidate {
        let e = estimate(&plan);
        Candidate { cost: e.total + if enabled { 0.0 } else { DISABLE_COST }, plan }
    }
}

/// The cheapest candidate in total cost; on a tie within PostgreSQL's
/// fuzz factor (1 %), the one considered first (`add_path`).
pub(crate) fn cheapest(candidates: Vec<Candidate>) -> Option<Plan> {
    let mut best: Option<Candidate> = None;
    for c in candidates {
        best = match best {
            Some(b) if c.cost * 1.01 >= b.cost => Some(b),
            _ => Some(c),
        };
    }
    best.map(|c| c.plan)
}

/// Sort keys on the given columns, ascending, NULLs last (a merge join's
/// input order).
pub(crate) fn merge_sort_keys(cols: &[usize]) -> Vec<SortKey> {
    cols.iter().map(|&col| SortKey { col, descending: false, nulls_first: false, blank_padded: false }).collect()
}
