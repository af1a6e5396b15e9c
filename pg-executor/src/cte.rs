//! WITH queries at run time: `CTE Scan`, `WorkTable Scan` and `Recursive
//! Union` (PostgreSQL's `nodeCtescan.c`, `nodeWorktablescan.c`,
//! `nodeRecursiveunion.c`).
//!
//! A materialized WITH query's rows are computed on demand and kept in a
//! [`Tuplestore`] in [`ExecShared`] (PostgreSQL's shared tuplestore): each
//! CTE Scan has its own read pointer, and asks the query's plan for another
//! row only when its pointer has read every stored one, so every reference sees the same rows and a LIMIT
//! above a recursive query that never ends still finishes. The producing
//! plan state owns a handle of the statement's subplans (`self_cell`), so
//! it lives in the store between reads.
//!
//! Recursive Union returns the non-recursive term's rows, then runs the
//! recursive term again and again with the working table set to the rows
//! the previous run added, until a run adds none; without ALL, rows seen
//! before are dropped (a hash table of the rows so far).

use crate::agg::GroupKey;
use crate::nodes::{init_plan, PlanState, Row};
use crate::subplan::ExecShared;
use crate::tuplestore::Tuplestore;
use crate::ExecContext;
use pg_error::{PgError, PgResult};
use pg_planner::Plan;
use std::rc::Rc;
use std::sync::Arc;

self_cell::self_cell!(
    /// A subplan's state (a WITH query's, or a SubPlan's kept between its
    /// runs) together with the subplans it points into.
    pub(crate) struct CteProducer {
        owner: Arc<Vec<Plan>>,
        #[covariant]
        dependent: PlanState,
    }
);

/// The rows of one materialized WITH query so far, in a tuplestore
/// (spilling past `work_mem`, charged to the query's memory context).
pub(crate) struct CteStore {
    rows: Tuplestore,
    /// `None` once the query has returned its last row.
    producer: Option<CteProducer>,
}

/// The plan state still producing a WITH query's rows, if any.
pub(crate) fn store_producer(store: &mut CteStore) -> Option<&mut CteProducer> {
    store.producer.as_mut()
}

/// A new read pointer into WITH query `plan_id`'s store, created empty
/// (with its producing plan) at the first reference.
fn cte_read_pointer(shared: &Rc<ExecShared>, plan_id: usize) -> usize {
    let mut ctes = shared.ctes.borrow_mut();
    let store = ctes.entry(plan_id).or_insert_with(|| {
        let plans = shared.subplans.clone();
        let index = plan_id.wrapping_sub(1);
        CteStore {
            rows: Tuplestore::new(crate::work_mem_kb(), shared.query_allocator.clone()),
            producer: (index < plans.len()).then(|| {
                let instrument = shared.instrument.get();
                CteProducer::new(plans, |p| {
                    if instrument {
                        crate::nodes::init_plan_instrumented(&p[index], true)
                    } else {
                        init_plan(&p[index])
                    }
                })
            }),
        }
    });
    store.rows.alloc_read_pointer()
}

/// The next row of WITH query `plan_id` for read pointer `ptr`, computing
/// a row when the pointer has read all stored ones; `None` past the last.
pub(crate) fn cte_row(shared: &Rc<ExecShared>, plan_id: usize, ptr: usize) -> PgResult<Option<Row>> {
    loop {
        let mut producer = {
            let mut ctes = shared.ctes.borrow_mut();
            let store = ctes.get_mut(&plan_id).ok_or_else(|| PgError::internal("WITH query store vanished"))?;
            if let Some(r) = store.rows.get_next(ptr)? {
                return Ok(Some(r));
            }
            match store.producer.take() {
                Some(p) => p,
                None => return Ok(None),
            }
        };
        // Not borrowed while the query runs: it may read other WITH queries.
        let mut ctx = shared.exec_context();
        let next = producer.with_dependent_mut(|_, state| state.next(&mut ctx))?;
        let mut ctes = shared.ctes.borrow_mut();
        let store = ctes.get_mut(&plan_id).ok_or_else(|| PgError::internal("WITH query store vanished"))?;
        match next {
            Some(row) => {
                store.rows.put(row)?;
                store.producer = Some(producer);
            }
            None => {
                // The query is done: EXPLAIN ANALYZE keeps its figures.
                if shared.instrument.get() {
                    producer.with_dependent(|_, state| shared.record_actuals(plan_id, state));
                }
                store.producer = None
            }
        }
    }
}

/// The rows of a CTE Scan: row after row of the WITH query's store.
pub(crate) fn cte_scan(shared: Rc<ExecShared>, plan_id: usize) -> pg_types::SetRows {
    let ptr = cte_read_pointer(&shared, plan_id);
    Box::new(std::iter::from_fn(move || cte_row(&shared, plan_id, ptr).transpose()))
}

/// The rows of a WorkTable Scan: the working table as it is now.
pub(crate) fn worktable_scan(shared: &ExecShared, wt_id: usize) -> pg_types::SetRows {
    let rows = shared.worktables.borrow().get(&wt_id).cloned().unwrap_or_default();
    Box::new(rows.into_iter().map(Ok))
}

/// Executor state of a `RecursiveUnion` node.
pub struct RecursiveUnionState<'p> {
    non_recursive: PlanState<'p>,
    /// True once the non-recursive term is exhausted.
    in_recursive_term: bool,
    recursive_plan: &'p Plan,
    /// The recursive term's state: made at the first iteration, rescanned
    /// for the next ones (made again when it holds a Materialize, which
    /// would only rewind over the old working table).
    recursive: Option<PlanState<'p>>,
    /// True while an iteration of the recursive term is being read.
    iterating: bool,
    instrument: bool,
    wt_id: usize,
    all: bool,
    /// Rows seen so far (UNION without ALL).
    seen: Option<hashbrown::HashSet<GroupKey>>,
    /// The rows this iteration added: the next working table.
    added: Vec<Row>,
}

/// True when `plan` holds a Materialize node.
fn contains_material(plan: &Plan) -> bool {
    matches!(plan, Plan::Material { .. }) || pg_planner::explain::children(plan).into_iter().any(contains_material)
}

/// Keeps `row` unless UNION already returned an equal one.
fn keep(seen: &mut Option<hashbrown::HashSet<GroupKey>>, row: &Row) -> bool {
    match seen {
        Some(seen) => seen.insert(GroupKey(row.clone())),
        None => true,
    }
}

impl<'p> RecursiveUnionState<'p> {
    pub(crate) fn new(
        non_recursive: PlanState<'p>,
        recursive_plan: &'p Plan,
        all: bool,
        wt_id: usize,
        instrument: bool,
    ) -> Self {
        RecursiveUnionState {
            non_recursive,
            in_recursive_term: false,
            recursive_plan,
            recursive: None,
            iterating: false,
            instrument,
            wt_id,
            all,
            seen: (!all).then(hashbrown::HashSet::new),
            added: Vec::new(),
        }
    }

    /// The non-recursive term's state.
    pub(crate) fn input(&self) -> Option<&PlanState<'p>> {
        Some(&self.non_recursive)
    }

    /// Both terms' states (the recursive one once it ran).
    pub(crate) fn inputs(&self) -> Vec<&PlanState<'p>> {
        std::iter::once(&self.non_recursive).chain(self.recursive.as_ref()).collect()
    }

    /// `ExecReScanRecursiveUnion`: starts over from the non-recursive term.
    pub(crate) fn rescan(&mut self) {
        self.non_recursive.rescan();
        self.in_recursive_term = false;
        self.iterating = false;
        self.seen = (!self.all).then(hashbrown::HashSet::new);
        self.added.clear();
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if !self.in_recursive_term {
            while let Some(row) = self.non_recursive.next(ctx)? {
                if keep(&mut self.seen, &row) {
                    pg_mcxt::limits::try_reserve(&mut self.added, 1)?;
                    self.added.push(row.clone());
                    return Ok(Some(row));
                }
            }
            self.in_recursive_term = true;
        }
        loop {
            ctx.check_interrupts()?;
            if !self.iterating {
                if self.added.is_empty() {
                    return Ok(None);
                }
                // The next iteration reads what the last one added.
                let shared =
                    ctx.exec.clone().ok_or_else(|| PgError::internal("recursive query outside a statement"))?;
                shared.worktables.borrow_mut().insert(self.wt_id, std::mem::take(&mut self.added));
                match &mut self.recursive {
                    Some(state) if !contains_material(self.recursive_plan) => state.rescan(),
                    _ => {
                        self.recursive =
                            Some(crate::nodes::init_plan_instrumented(self.recursive_plan, self.instrument))
                    }
                }
                self.iterating = true;
            }
            let input = self.recursive.as_mut().expect("made above");
            match input.next(ctx)? {
                Some(row) => {
                    if keep(&mut self.seen, &row) {
                        pg_mcxt::limits::try_reserve(&mut self.added, 1)?;
                        self.added.push(row.clone());
                        return Ok(Some(row));
                    }
                }
                None => self.iterating = false,
            }
        }
    }
}
