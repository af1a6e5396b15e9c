//! Sorting within `work_mem` (PostgreSQL's `utils/sort/tuplesort.c`).
//!
//! Rows are collected in memory as MinimalTuples, each one chunk of the
//! query's memory context (so `pg_backend_memory_contexts` shows the sort),
//! while the chunks' footprint (pg-mcxt's exact accounting rule) and the
//! array stay within `work_mem`; comparisons read the sort keys in place
//! ([`crate::tuple::compare_attribute`]). If all input
//! fits, the array is sorted in memory ("quicksort"). Otherwise, each time
//! the limit is reached the rows in memory are sorted and written out as a
//! sorted *run* to a temporary [`BufFile`] in MinimalTuple form; when the
//! input ends, the last run is written too and the runs are merged
//! ("external merge"): a binary heap holds the current row of every run
//! and the smallest is returned next, each run read through its own 8 kB
//! buffer. When there are more runs than `work_mem` can give buffers to
//! (the merge order), groups of runs are first merged into longer runs, so
//! memory stays bounded by `work_mem` whatever the input size. While the
//! input is still being read, at most [`MAX_OPEN_RUNS`] runs are kept: past
//! that, the adjacent runs with the fewest bytes are merged into one, so the
//! number of open files stays small even for a tiny `work_mem`.
//!
//! Differences from PostgreSQL: runs are plain temporary files rather than
//! logical tapes that recycle blocks, so an external sort briefly needs
//! twice its data on disk during an intermediate merge pass; the sort is
//! stable (equal rows keep their input order) where PostgreSQL's
//! quicksort is not, and there is no bounded (top-N) heap sort yet.

use crate::nodes::{compare_rows, Row};
use crate::slot::TupleTableSlot;
use crate::tuple::{compare_attribute, form_minimal_tuple, read_tuple, tuple_body, write_tuple, MinimalTuple};
use crate::{ExecContext, QueryAllocator};
use pg_error::{PgError, PgResult};
use pg_planner::SortKey;
use pg_storage::BufFile;
use std::cmp::Ordering;

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// Runs (temporary files) kept open while the input is read; PostgreSQL
/// keeps all its tapes in one file, so it has no such limit to respect.
pub const MAX_OPEN_RUNS: usize = 128;

/// How a finished sort ran, for EXPLAIN ANALYZE's "Sort Method" line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortStats {
    /// True for "external merge", false for "quicksort".
    pub external: bool,
    /// Kilobytes of memory (quicksort) or disk (external merge) used.
    pub space_kb: u64,
}

/// The merge of sorted runs: each run's next row, and a heap of run
/// indexes ordered by those rows (ties by run index, so the merge is stable).
struct Merger {
    runs: Vec<(BufFile, Option<Row>)>,
    heap: Vec<usize>,
}

/// A sort in progress (`Tuplesortstate`).
pub struct Tuplesort<'p> {
    keys: &'p [SortKey],
    work_mem: usize,
    memtuples: QVec<MinimalTuple>,
    alloc: QueryAllocator,
    mem_used: usize,
    max_mem_used: usize,
    runs: Vec<BufFile>,
    /// Bytes written to the initial runs.
    disk_bytes: u64,
    next_in_memory: usize,
    merger: Option<Merger>,
    done_input: bool,
    scratch: Vec<u8>,
    check_for_interrupts: fn() -> PgResult<()>,
}

/// Orders two stored tuples by the sort keys, as [`compare_rows`] orders rows.
fn compare_tuples(a: &[u8], b: &[u8], keys: &[SortKey]) -> PgResult<Ordering> {
    let (a, b) = (tuple_body(a), tuple_body(b));
    for k in keys {
        let ord = match compare_attribute(a, b, k.col, k.blank_padded)? {
            Some(o) if k.descending => o.reverse(),
            Some(o) => o,
            None => {
                let a_null = crate::tuple::attribute_is_null(a, k.col)?;
                let b_null = crate::tuple::attribute_is_null(b, k.col)?;
                match (a_null, b_null) {
                    (true, true) => Ordering::Equal,
                    (true, false) if k.nulls_first => Ordering::Less,
                    (true, false) => Ordering::Greater,
                    (false, true) if k.nulls_first => Ordering::Greater,
                    _ => Ordering::Less,
                }
            }
        };
        if ord != Ordering::Equal {
            return Ok(ord);
        }
    }
    Ok(Ordering::Equal)
}

/// Sorts stored tuples stably by `keys`, reporting the first comparison error.
fn sort_tuples(rows: &mut [MinimalTuple], keys: &[SortKey]) -> PgResult<()> {
    let mut failure = None;
    rows.sort_by(|a, b| {
        compare_tuples(a, b, keys).unwrap_or_else(|e| {
            failure.get_or_insert(e);
            Ordering::Equal
        })
    });
    failure.map_or(Ok(()), Err)
}

impl Merger {
    fn new(runs: Vec<BufFile>, keys: &[SortKey], scratch: &mut Vec<u8>) -> PgResult<Merger> {
        let mut m = Merger { runs: Vec::with_capacity(runs.len()), heap: Vec::with_capacity(runs.len()) };
        for mut f in runs {
            f.seek(0)?;
            let first = read_tuple(&mut f, scratch)?;
            m.runs.push((f, first));
        }
        for i in 0..m.runs.len() {
            if m.runs[i].1.is_some() {
                m.heap.push(i);
                m.sift_up(m.heap.len() - 1, keys)?;
            }
        }
        Ok(m)
    }

    fn less(&self, a: usize, b: usize, keys: &[SortKey]) -> PgResult<bool> {
        let (Some(x), Some(y)) = (&self.runs[a].1, &self.runs[b].1) else {
            return Err(PgError::internal("empty run in merge heap"));
        };
        Ok(match compare_rows(x, y, keys)? {
            Ordering::Less => true,
            Ordering::Greater => false,
            Ordering::Equal => a < b,
        })
    }

    fn sift_up(&mut self, mut i: usize, keys: &[SortKey]) -> PgResult<()> {
        while i > 0 {
            let parent = (i - 1) / 2;
            if !self.less(self.heap[i], self.heap[parent], keys)? {
                break;
            }
            self.heap.swap(i, parent);
            i = parent;
        }
        Ok(())
    }

    fn sift_down(&mut self, mut i: usize, keys: &[SortKey]) -> PgResult<()> {
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut best = i;
            if l < self.heap.len() && self.less(self.heap[l], self.heap[best], keys)? {
                best = l;
            }
            if r < self.heap.len() && self.less(self.heap[r], self.heap[best], keys)? {
                best = r;
            }
            if best == i {
                return Ok(());
            }
            self.heap.swap(i, best);
            i = best;
        }
    }

    /// The smallest current row; its run advances.
    fn next(&mut self, keys: &[SortKey], scratch: &mut Vec<u8>) -> PgResult<Option<Row>> {
        let Some(&top) = self.heap.first() else { return Ok(None) };
        let (file, current) = &mut self.runs[top];
        let next = read_tuple(file, scratch)?;
        let row = std::mem::replace(current, next);
        if self.runs[top].1.is_none() {
            let last = self.heap.pop().expect("heap is not empty");
            if !self.heap.is_empty() {
                self.heap[0] = last;
            }
        }
        if !self.heap.is_empty() {
            self.sift_down(0, keys)?;
        }
        Ok(row)
    }
}

impl<'p> Tuplesort<'p> {
    /// `tuplesort_begin_heap`: an empty sort by `keys` within `work_mem_kb`.
    pub fn new(
        keys: &'p [SortKey],
        work_mem_kb: usize,
        alloc: QueryAllocator,
        check_for_interrupts: fn() -> PgResult<()>,
    ) -> Tuplesort<'p> {
        Tuplesort {
            keys,
            work_mem: work_mem_kb.saturating_mul(1024),
            memtuples: allocator_api2::vec::Vec::new_in(alloc.clone()),
            alloc,
            mem_used: 0,
            max_mem_used: 0,
            runs: Vec::new(),
            disk_bytes: 0,
            next_in_memory: 0,
            merger: None,
            done_input: false,
            scratch: Vec::new(),
            check_for_interrupts,
        }
    }

    /// How many runs can be merged at once: one 8 kB read buffer each
    /// (plus the row it holds) must fit in `work_mem` (`tuplesort_merge_order`).
    fn merge_order(&self) -> usize {
        (self.work_mem / (2 * pg_storage::buffile::BLCKSZ)).clamp(6, 500)
    }

    fn memory_now(&self) -> usize {
        self.mem_used + self.memtuples.capacity() * std::mem::size_of::<MinimalTuple>()
    }

    /// `tuplesort_puttupleslot`: adds a row, spilling a run when memory is full.
    pub fn put(&mut self, row: Row) -> PgResult<()> {
        // Growing the array (doubling) must fit too (`grow_memtuples`):
        // otherwise write a run and reuse the array.
        let slot = std::mem::size_of::<MinimalTuple>();
        let (len, cap) = (self.memtuples.len(), self.memtuples.capacity());
        if len == cap && len > 1 && self.mem_used + 2 * cap.max(8) * slot > self.work_mem {
            self.dump_run()?;
        }
        let t = form_minimal_tuple(&row, &self.alloc, &mut self.scratch);
        drop(row);
        self.mem_used += pg_mcxt::chunk_footprint(t.capacity(), 1, self.alloc.chunk_limit());
        self.memtuples.push(t);
        if self.memory_now() > self.work_mem && self.memtuples.len() > 1 {
            self.dump_run()?;
        }
        Ok(())
    }

    /// Sorts the rows in memory and writes them out as a new run.
    fn dump_run(&mut self) -> PgResult<()> {
        self.max_mem_used = self.max_mem_used.max(self.memory_now());
        sort_tuples(&mut self.memtuples, self.keys)?;
        let mut file = BufFile::create_temp()?;
        for t in self.memtuples.drain(..) {
            file.write(&t)?;
        }
        file.flush()?;
        self.disk_bytes += file.size();
        self.runs.push(file);
        self.mem_used = 0;
        if self.runs.len() >= MAX_OPEN_RUNS {
            // Merge the adjacent window of runs with the fewest bytes:
            // adjacent, so that equal rows keep their input order.
            let k = self.merge_order().min(self.runs.len());
            let start = (0..=self.runs.len() - k)
                .min_by_key(|&i| self.runs[i..i + k].iter().map(BufFile::size).sum::<u64>())
                .expect("at least one window");
            self.merge_runs(start, k)?;
        }
        Ok(())
    }

    /// Merges runs `start..start + k` into one run in their place.
    fn merge_runs(&mut self, start: usize, k: usize) -> PgResult<()> {
        let group: Vec<BufFile> = self.runs.drain(start..start + k).collect();
        let mut merger = Merger::new(group, self.keys, &mut self.scratch)?;
        let mut out = BufFile::create_temp()?;
        while let Some(row) = merger.next(self.keys, &mut self.scratch)? {
            (self.check_for_interrupts)()?;
            write_tuple(&mut out, &row, &mut self.scratch)?;
        }
        out.flush()?;
        self.runs.insert(start, out);
        Ok(())
    }

    /// `tuplesort_performsort`: the input is complete; sort or merge.
    pub fn perform_sort(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<()> {
        self.done_input = true;
        if self.runs.is_empty() {
            self.max_mem_used = self.max_mem_used.max(self.memory_now());
            sort_tuples(&mut self.memtuples, self.keys)?;
            return Ok(());
        }
        if !self.memtuples.is_empty() {
            self.dump_run()?;
        }
        // Release the in-memory array: the merge needs only its buffers.
        self.memtuples = allocator_api2::vec::Vec::new_in(self.memtuples.allocator().clone());
        let order = self.merge_order();
        let mut start = 0;
        while self.runs.len() > order {
            // Merge passes from left to right, keeping the runs in input order.
            if start + order > self.runs.len() {
                start = 0;
            }
            ctx.check_interrupts()?;
            self.merge_runs(start, order)?;
            start += 1;
        }
        let runs = std::mem::take(&mut self.runs);
        self.merger = Some(Merger::new(runs, self.keys, &mut self.scratch)?);
        Ok(())
    }

    /// The next row in order as a [`Row`], or `None` (all its columns
    /// decoded; the Sort node uses [`Tuplesort::get_next_slot`]).
    pub fn get_next(&mut self) -> PgResult<Option<Row>> {
        let mut slot = TupleTableSlot::new();
        if self.get_next_slot(&mut slot)? {
            slot.take_row().map(Some)
        } else {
            Ok(None)
        }
    }

    /// `tuplesort_gettupleslot`: puts the next row in order into `slot`,
    /// false at the end. A row sorted in memory is stored as a minimal
    /// tuple, so columns nobody reads are never decoded.
    pub fn get_next_slot(&mut self, slot: &mut TupleTableSlot) -> PgResult<bool> {
        if let Some(m) = &mut self.merger {
            return Ok(match m.next(self.keys, &mut self.scratch)? {
                Some(row) => {
                    slot.store_owned_row(row);
                    true
                }
                None => {
                    slot.clear();
                    false
                }
            });
        }
        if self.next_in_memory < self.memtuples.len() {
            let t = std::mem::replace(
                &mut self.memtuples[self.next_in_memory],
                allocator_api2::vec::Vec::new_in(self.alloc.clone()),
            );
            self.next_in_memory += 1;
            slot.store_minimal_tuple(tuple_body(&t))?;
            return Ok(true);
        }
        slot.clear();
        Ok(false)
    }

    /// Whether [`Tuplesort::perform_sort`] ran.
    pub fn is_sorted(&self) -> bool {
        self.done_input
    }

    /// How the sort ran (`tuplesort_get_stats`).
    pub fn stats(&self) -> SortStats {
        if self.disk_bytes > 0 {
            SortStats { external: true, space_kb: self.disk_bytes.div_ceil(1024) }
        } else {
            SortStats { external: false, space_kb: (self.max_mem_used as u64).div_ceil(1024) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_types::datum::Datum;
    use pg_types::numeric::Numeric;
    use proptest::prelude::*;

    fn datum(kind: u8, v: i32) -> Datum {
        match (kind, v % 7) {
            (_, 0) => Datum::Null,
            (0, _) => Datum::Int4(v),
            (1, _) => Datum::Text(format!("t{}", v % 50)),
            (2, _) => Datum::Float8(f64::from(v) / 3.0),
            (3, _) => Datum::Numeric(Numeric::from_i64(i64::from(v % 10))),
            _ => Datum::Int8(i64::from(v) * 1_000_000_007),
        }
    }

    proptest! {
        /// Comparing stored tuples in place orders rows exactly as
        /// comparing the decoded rows does (NULLs, DESC, every key kind).
        #[test]
        fn stored_tuples_sort_like_rows(
            values in proptest::collection::vec((-40i32..40, -40i32..40), 0..60),
            kinds in (0u8..5, 0u8..5),
            desc in any::<(bool, bool)>(),
            nulls_first in any::<(bool, bool)>(),
        ) {
            let rows: Vec<Row> = values.iter().map(|&(a, b)| vec![datum(kinds.0, a), datum(kinds.1, b)]).collect();
            let keys = [
                SortKey { col: 1, descending: desc.0, nulls_first: nulls_first.0, blank_padded: false },
                SortKey { col: 0, descending: desc.1, nulls_first: nulls_first.1, blank_padded: false },
            ];
            let mut expected = rows.clone();
            expected.sort_by(|a, b| compare_rows(a, b, &keys).expect("comparable"));
            let cxt = pg_mcxt::top_memory_context().create_child("sort test");
            let mut sort = Tuplesort::new(&keys, 1024, cxt.clone(), || Ok(()));
            for r in rows {
                sort.put(r).expect("puts");
            }
            let settings = pg_types::io::OutputSettings::default();
            let mut ctx = ExecContext::new(|| Ok(()), &settings, cxt.clone());
            sort.perform_sort(&mut ctx).expect("sorts");
            let mut got = Vec::new();
            while let Some(r) = sort.get_next().expect("reads") {
                got.push(r);
            }
            prop_assert_eq!(format!("{got:?}"), format!("{expected:?}"));
            drop(sort);
            drop(ctx);
            cxt.delete();
        }
    }
}
