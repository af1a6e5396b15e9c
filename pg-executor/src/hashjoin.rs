//! The `HashJoin` and `Hash` nodes (PostgreSQL's `nodeHashjoin.c` and
//! `nodeHash.c`): a hybrid hash join.
//!
//! **Build.** The inner input (read through the `Hash` node, which only
//! passes its input's rows on, so EXPLAIN ANALYZE counts them there) goes
//! into a hash table in the per-query memory context: PostgreSQL's bucket
//! array of chain heads plus the tuples, each with its 32-bit hash value,
//! its key values, its row and a match flag. The planner's estimate of the
//! inner rows chooses the numbers of buckets and batches
//! (`pg_planner::joinpath::choose_hash_table_size`, PostgreSQL's
//! `ExecChooseHashTableSize`). A row's bucket is the low bits of its hash,
//! its batch the next bits up (`ExecHashGetBucketAndBatch`). A row of a
//! later batch goes to that batch's inner temporary file. When the table
//! outgrows `work_mem × hash_mem_multiplier`, the number of batches
//! doubles (`ExecHashIncreaseNumBatches`): rows whose batch changed move
//! out to their files, and if none (or all) moved, growth stops, since
//! more batches would not help with one huge key. While there is one batch
//! the bucket array doubles as rows come, one bucket per row.
//!
//! **Probe.** Each outer row's keys are hashed; a row of a later batch is
//! written to that batch's outer file, others walk their bucket's chain.
//! Equal keys (by the type's equality; NULL never matches) that pass the
//! join's other conditions make a joined row. A LEFT or FULL join returns
//! an outer row without partner with NULLs; a RIGHT or FULL join, after
//! the outer rows of a batch, returns the batch's inner rows never matched.
//! Then the next batch's inner file is loaded into an emptied table (it
//! may spill further) and its outer file probes it.
//!
//! As PostgreSQL does, a join that keeps no unmatched inner rows reads the
//! first outer row before building the table when the outer input starts
//! cheaper than the inner one, and stops at once when there is none (the
//! inner input is then never executed); and it stops after the build when
//! the inner input was empty and unmatched outer rows are not kept.
//!
//! A rescan keeps a one-batch table whose input reads no parameters
//! (PostgreSQL's `ExecReScanHashJoin`), clearing its match flags.

use crate::join::{keys_equal, JoinOutput};
use crate::nodes::{PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::Expr;
use pg_error::PgResult;
use pg_planner::explain::HashTableSpace;
use pg_planner::joinpath::{choose_hash_table_size, hash_mem_bytes};
use pg_planner::JoinInfo;
use pg_storage::BufFile;
use pg_types::datum::Datum;
use std::hash::{BuildHasher, Hasher};

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// The end of a bucket chain.
const NO_TUPLE: u32 = u32::MAX;
/// Bytes charged per stored tuple besides its values (`HJTUPLE_OVERHEAD`
/// and the minimal tuple header, as PostgreSQL counts them).
const TUPLE_OVERHEAD: usize = 32;
/// Bytes per bucket (`sizeof(HashJoinTuple)`).
const BUCKET_BYTES: usize = 8;

/// A tuple in the table (`HashJoinTupleData`).
struct HashTuple {
    hash: u32,
    next: u32,
    matched: bool,
    keys: Row,
    row: Row,
}

/// The hash table of one join (`HashJoinTableData`).
struct HashTable {
    nbuckets: usize,
    nbuckets_original: usize,
    /// The bucket count the rows so far call for (`nbuckets_optimal`).
    nbuckets_optimal: usize,
    log2_nbuckets: u32,
    nbatch: usize,
    nbatch_original: usize,
    curbatch: usize,
    buckets: QVec<u32>,
    tuples: QVec<HashTuple>,
    /// Inner rows with a NULL key of a join that returns unmatched inner
    /// rows: they match nothing and come out with batch 0's.
    null_inner: QVec<Row>,
    /// Whether the number of batches may still grow (`growEnabled`).
    grow_enabled: bool,
    space_used: usize,
    space_peak: usize,
    space_allowed: usize,
    /// Inner and outer rows of later batches, by batch.
    inner_files: Vec<Option<BufFile>>,
    outer_files: Vec<Option<BufFile>>,
    /// Inner rows read in all (`totalTuples`).
    total_tuples: u64,
}

impl HashTable {
    fn new(est_rows: f64, est_width: i32, alloc: &QueryAllocator) -> HashTable {
        let hash_mem = hash_mem_bytes();
        let size = choose_hash_table_size(est_rows, est_width, hash_mem);
        let mut buckets = allocator_api2::vec::Vec::new_in(alloc.clone());
        buckets.resize(size.nbuckets, NO_TUPLE);
        HashTable {
            nbuckets: size.nbuckets,
            nbuckets_original: size.nbuckets,
            nbuckets_optimal: size.nbuckets,
            log2_nbuckets: size.nbuckets.trailing_zeros(),
            nbatch: size.nbatch,
            nbatch_original: size.nbatch,
            curbatch: 0,
            buckets,
            tuples: allocator_api2::vec::Vec::new_in(alloc.clone()),
            null_inner: allocator_api2::vec::Vec::new_in(alloc.clone()),
            grow_enabled: true,
            space_used: 0,
            space_peak: 0,
            space_allowed: hash_mem as usize,
            inner_files: (0..size.nbatch).map(|_| None).collect(),
            outer_files: (0..size.nbatch).map(|_| None).collect(),
            total_tuples: 0,
        }
    }

    /// `ExecHashGetBucketAndBatch`.
    fn bucket_and_batch(&self, hash: u32) -> (usize, usize) {
        let bucket = hash as usize & (self.nbuckets - 1);
        let batch =
            if self.nbatch > 1 { hash.rotate_right(self.log2_nbuckets) as usize & (self.nbatch - 1) } else { 0 };
        (bucket, batch)
    }

    fn footprint(keys: &[Datum], row: &[Datum]) -> usize {
        TUPLE_OVERHEAD + crate::tuple::row_footprint(keys) + crate::tuple::row_footprint(row)
    }

    /// `ExecHashTableInsert`: into the table if the row belongs to the
    /// current batch, else to its batch's file.
    fn insert(&mut self, hash: u32, keys: Row, row: Row, scratch: &mut Vec<u8>) -> PgResult<()> {
        let (bucket, batch) = self.bucket_and_batch(hash);
        if batch != self.curbatch {
            return save_tuple(&mut self.inner_files[batch], hash, &row, &keys, scratch);
        }
        self.space_used += Self::footprint(&keys, &row);
        self.space_peak = self.space_peak.max(self.space_used);
        let index = self.tuples.len() as u32;
        self.tuples.push(HashTuple { hash, next: self.buckets[bucket], matched: false, keys, row });
        self.buckets[bucket] = index;
        // One bucket per row while everything fits in one batch.
        if self.nbatch == 1 && self.tuples.len() > self.nbuckets_optimal && self.nbuckets_optimal < (1 << 30) {
            self.nbuckets_optimal *= 2;
        }
        if self.space_used + self.nbuckets_optimal * BUCKET_BYTES > self.space_allowed {
            self.increase_num_batches(scratch)?;
        }
        Ok(())
    }

    /// `ExecHashIncreaseNumBatches`: doubles the batches and moves the
    /// rows that now belong to a later batch out to its file.
    fn increase_num_batches(&mut self, scratch: &mut Vec<u8>) -> PgResult<()> {
        if !self.grow_enabled || self.nbatch >= (1 << 30) {
            return Ok(());
        }
        self.nbatch *= 2;
        self.inner_files.resize_with(self.nbatch, || None);
        self.outer_files.resize_with(self.nbatch, || None);
        if self.nbuckets_optimal != self.nbuckets {
            self.nbuckets = self.nbuckets_optimal;
            self.log2_nbuckets = self.nbuckets.trailing_zeros();
        }
        let before = self.tuples.len();
        let old =
            std::mem::replace(&mut self.tuples, allocator_api2::vec::Vec::new_in(self.buckets.allocator().clone()));
        self.buckets.clear();
        self.buckets.resize(self.nbuckets, NO_TUPLE);
        self.space_used = 0;
        for t in old {
            let (bucket, batch) = self.bucket_and_batch(t.hash);
            if batch == self.curbatch {
                self.space_used += Self::footprint(&t.keys, &t.row);
                let index = self.tuples.len() as u32;
                self.tuples.push(HashTuple { next: self.buckets[bucket], ..t });
                self.buckets[bucket] = index;
            } else {
                save_tuple(&mut self.inner_files[batch], t.hash, &t.row, &t.keys, scratch)?;
            }
        }
        let kept = self.tuples.len();
        // Splitting freed nothing or everything: the keys are (nearly) all
        // equal, and more batches would not make them fit.
        if kept == before || kept == 0 {
            self.grow_enabled = false;
        }
        Ok(())
    }

    /// Resizes the bucket array to `nbuckets_optimal` after a one-batch
    /// build (`ExecHashIncreaseNumBuckets`).
    fn finish_build(&mut self) {
        if self.nbuckets_optimal != self.nbuckets && self.nbatch == 1 {
            self.nbuckets = self.nbuckets_optimal;
            self.log2_nbuckets = self.nbuckets.trailing_zeros();
            self.buckets.clear();
            self.buckets.resize(self.nbuckets, NO_TUPLE);
            for i in 0..self.tuples.len() {
                let b = self.tuples[i].hash as usize & (self.nbuckets - 1);
                self.tuples[i].next = self.buckets[b];
                self.buckets[b] = i as u32;
            }
        }
        // The bucket array counts too, as in MultiExecPrivateHash.
        self.space_used += self.nbuckets * BUCKET_BYTES;
        self.space_peak = self.space_peak.max(self.space_used);
    }

    /// Empties the table for the next batch (`ExecHashTableReset`).
    fn reset(&mut self) {
        self.tuples.clear();
        self.buckets.clear();
        self.buckets.resize(self.nbuckets, NO_TUPLE);
        self.space_used = self.nbuckets * BUCKET_BYTES;
    }

    fn stats(&self) -> HashTableSpace {
        HashTableSpace {
            nbuckets: self.nbuckets,
            nbuckets_original: self.nbuckets_original,
            nbatch: self.nbatch,
            nbatch_original: self.nbatch_original,
            memory_kb: self.space_peak.div_ceil(1024) as u64,
        }
    }
}

/// Writes a row of a later batch with its hash value and keys
/// (`ExecHashJoinSaveTuple`).
fn save_tuple(
    file: &mut Option<BufFile>,
    hash: u32,
    row: &[Datum],
    keys: &[Datum],
    scratch: &mut Vec<u8>,
) -> PgResult<()> {
    let f = match file {
        Some(f) => f,
        None => file.insert(BufFile::create_temp()?),
    };
    f.write(&hash.to_le_bytes())?;
    let mut both = Vec::with_capacity(row.len() + keys.len());
    both.extend_from_slice(row);
    both.extend_from_slice(keys);
    crate::tuple::write_tuple(f, &both, scratch)
}

/// Reads back a row written by [`save_tuple`] (`ExecHashJoinGetSavedTuple`).
fn read_saved(file: &mut BufFile, ncols: usize, scratch: &mut Vec<u8>) -> PgResult<Option<(u32, Row, Row)>> {
    let mut h = [0u8; 4];
    if file.read(&mut h)? < 4 {
        return Ok(None);
    }
    let Some(mut row) = crate::tuple::read_tuple(file, scratch)? else {
        return Err(pg_error::PgError::internal("unexpected end of hash join temporary file"));
    };
    let keys = row.split_off(ncols.min(row.len()));
    Ok(Some((u32::from_le_bytes(h), row, keys)))
}

/// Where the current batch's outer rows come from.
enum OuterSource {
    /// The outer input (batch 0).
    Plan,
    /// A later batch's file.
    File(BufFile),
}

/// The outer row being probed: its row, keys, hash, the next tuple of its
/// bucket chain to try, and whether it found a partner.
struct Probe {
    row: Row,
    keys: Row,
    hash: u32,
    next: u32,
    matched: bool,
}

/// What the node is doing (`hj_JoinState`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Start,
    Probe,
    /// Returning the current batch's unmatched inner rows, from this tuple.
    FillInner(usize),
    Done,
}

/// Execution state of a `HashJoin` node (`HashJoinState`).
pub struct HashJoinState<'p> {
    out: JoinOutput<'p>,
    outer: PlanState<'p>,
    /// The `Hash` node (possibly under EXPLAIN ANALYZE's wrapper).
    inner: PlanState<'p>,
    outer_keys: &'p [Expr],
    inner_keys: &'p [Expr],
    /// The planner's estimate of the inner rows and their width.
    est_inner: (f64, i32),
    /// Read the first outer row before building (see the module doc).
    prefetch_outer: bool,
    /// The inner side reads parameters: a rescan rebuilds the table.
    inner_reexecute: bool,
    table: Option<HashTable>,
    phase: Phase,
    source: OuterSource,
    probe: Option<Probe>,
    /// The first outer row, read before the build.
    first_outer: Option<Row>,
    hasher: hashbrown::DefaultHashBuilder,
    scratch: Vec<u8>,
    /// The last table's figures, for EXPLAIN ANALYZE after it is gone.
    stats: Option<HashTableSpace>,
}

impl<'p> HashJoinState<'p> {
    /// The state of `plan`, a `Plan::HashJoin`, over its inputs' states.
    pub(crate) fn new(
        join: &'p JoinInfo,
        outer: PlanState<'p>,
        inner: PlanState<'p>,
        outer_keys: &'p [Expr],
        inner_keys: &'p [Expr],
        plans: (&'p pg_planner::Plan, &'p pg_planner::Plan),
    ) -> HashJoinState<'p> {
        let (outer_plan, hash_plan) = plans;
        let (o, h) = (pg_planner::explain::estimate(outer_plan), pg_planner::explain::estimate(hash_plan));
        let out = JoinOutput::new(join);
        let prefetch_outer = !out.fill_inner() && (out.fill_outer() || o.startup < h.total);
        HashJoinState {
            out,
            outer,
            inner,
            outer_keys,
            inner_keys,
            est_inner: (h.rows, h.width),
            prefetch_outer,
            inner_reexecute: pg_planner::explain::uses_exec_params(hash_plan),
            table: None,
            phase: Phase::Start,
            source: OuterSource::Plan,
            probe: None,
            first_outer: None,
            hasher: hashbrown::DefaultHashBuilder::default(),
            scratch: Vec::new(),
            stats: None,
        }
    }

    /// The inputs, outer first.
    pub(crate) fn inputs(&self) -> [&PlanState<'p>; 2] {
        [&self.outer, &self.inner]
    }

    /// The hash table's figures for the Hash node's EXPLAIN ANALYZE line.
    pub(crate) fn hash_stats(&self) -> Option<HashTableSpace> {
        self.table.as_ref().map(HashTable::stats).or(self.stats)
    }

    /// `ExecReScanHashJoin`.
    pub(crate) fn rescan(&mut self) {
        let keep = !self.inner_reexecute && self.table.as_ref().is_some_and(|t| t.nbatch == 1);
        if keep {
            if let Some(t) = &mut self.table {
                t.tuples.iter_mut().for_each(|t| t.matched = false);
                t.curbatch = 0;
            }
            self.phase = Phase::Probe;
        } else {
            if let Some(t) = self.table.take() {
                self.stats = Some(t.stats());
                self.inner.rescan();
            }
            self.phase = Phase::Start;
        }
        self.outer.rescan();
        self.source = OuterSource::Plan;
        self.probe = None;
        self.first_outer = None;
    }

    fn hash_keys(&self, keys: &[Datum]) -> u32 {
        let mut h = self.hasher.build_hasher();
        for k in keys {
            crate::agg::hash_datum(k, &mut h);
        }
        let v = h.finish();
        (v ^ (v >> 32)) as u32
    }

    /// `MultiExecHash`: reads the inner input into a new table.
    fn build(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<()> {
        let mut table = HashTable::new(self.est_inner.0, self.est_inner.1, &ctx.query_allocator);
        let ncols = self.out.inner_ncols();
        let fill_inner = self.out.fill_inner();
        while let Some(mut row) = self.inner.next(ctx)? {
            ctx.check_interrupts()?;
            row.truncate(ncols);
            table.total_tuples += 1;
            let keys = self.out.eval_keys(self.inner_keys, &row, ctx)?;
            if keys.iter().any(Datum::is_null) {
                // Matches nothing; kept only to come out unmatched.
                if fill_inner {
                    table.null_inner.push(row);
                }
                continue;
            }
            let hash = self.hash_keys(&keys);
            table.insert(hash, keys, row, &mut self.scratch)?;
        }
        table.finish_build();
        self.table = Some(table);
        Ok(())
    }

    /// Loads the next batch that has rows to join; false when none is left
    /// (`ExecHashJoinNewBatch`).
    fn next_batch(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<bool> {
        let ncols = self.out.inner_ncols();
        let (fill_outer, fill_inner) = (self.out.fill_outer(), self.out.fill_inner());
        let Some(table) = &mut self.table else { return Ok(false) };
        loop {
            if table.curbatch + 1 >= table.nbatch {
                return Ok(false);
            }
            table.curbatch += 1;
            let b = table.curbatch;
            let inner_file = table.inner_files[b].take();
            let outer_file = table.outer_files[b].take();
            // A batch without inner rows joins nothing unless outer rows
            // are kept, and one without outer rows unless inner rows are.
            if (inner_file.is_none() && !fill_outer) || (outer_file.is_none() && !fill_inner) {
                continue;
            }
            table.reset();
            if let Some(mut f) = inner_file {
                f.seek(0)?;
                while let Some((hash, row, keys)) = read_saved(&mut f, ncols, &mut self.scratch)? {
                    ctx.check_interrupts()?;
                    table.insert(hash, keys, row, &mut self.scratch)?;
                }
            }
            self.source = match outer_file {
                Some(mut f) => {
                    f.seek(0)?;
                    OuterSource::File(f)
                }
                None => OuterSource::File(BufFile::create_temp()?),
            };
            return Ok(true);
        }
    }

    /// The next outer row of the current batch with its keys and hash, or
    /// None when the batch's outer rows are done. Rows of later batches
    /// are saved to their files; a row with a NULL key is returned with
    /// no keys (it can only come out unmatched).
    fn next_outer(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Probe>> {
        let ncols = self.out.outer_ncols();
        loop {
            let (row, keys, hash) = match &mut self.source {
                OuterSource::Plan => {
                    let row = match self.first_outer.take() {
                        Some(r) => r,
                        None => match self.outer.next(ctx)? {
                            Some(r) => r,
                            None => return Ok(None),
                        },
                    };
                    let mut row = row;
                    row.truncate(ncols);
                    let keys = self.out.eval_keys(self.outer_keys, &row, ctx)?;
                    if keys.iter().any(Datum::is_null) {
                        if self.out.fill_outer() {
                            return Ok(Some(Probe { row, keys: Vec::new(), hash: 0, next: NO_TUPLE, matched: false }));
                        }
                        ctx.check_interrupts()?;
                        continue;
                    }
                    let hash = self.hash_keys(&keys);
                    (row, keys, hash)
                }
                OuterSource::File(f) => match read_saved(f, ncols, &mut self.scratch)? {
                    Some((hash, row, keys)) => (row, keys, hash),
                    None => return Ok(None),
                },
            };
            let table = self.table.as_mut().expect("built before probing");
            let (bucket, batch) = table.bucket_and_batch(hash);
            if batch != table.curbatch {
                save_tuple(&mut table.outer_files[batch], hash, &row, &keys, &mut self.scratch)?;
                ctx.check_interrupts()?;
                continue;
            }
            return Ok(Some(Probe { row, keys, hash, next: table.buckets[bucket], matched: false }));
        }
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        loop {
            match self.phase {
                Phase::Done => return Ok(None),
                Phase::Start => {
                    if self.prefetch_outer {
                        match self.outer.next(ctx)? {
                            Some(r) => self.first_outer = Some(r),
                            None => {
                                self.phase = Phase::Done;
                                return Ok(None);
                            }
                        }
                    }
                    self.build(ctx)?;
                    let empty = self.table.as_ref().is_some_and(|t| t.total_tuples == 0);
                    if empty && !self.out.fill_outer() {
                        self.phase = Phase::Done;
                        return Ok(None);
                    }
                    self.phase = Phase::Probe;
                }
                Phase::Probe => {
                    if let Some(r) = self.probe_step(ctx)? {
                        return Ok(Some(r));
                    }
                }
                Phase::FillInner(i) => {
                    if let Some(r) = self.fill_inner_step(i, ctx)? {
                        return Ok(Some(r));
                    }
                }
            }
        }
    }

    /// One step of probing: a joined row, or None when the phase changed
    /// or a row was consumed without output.
    fn probe_step(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let Some(mut probe) = self.probe.take() else {
            match self.next_outer(ctx)? {
                Some(p) => self.probe = Some(p),
                None => {
                    // The batch's outer rows are done.
                    self.phase = if self.out.fill_inner() {
                        Phase::FillInner(0)
                    } else if self.next_batch(ctx)? {
                        Phase::Probe
                    } else {
                        Phase::Done
                    };
                }
            }
            return Ok(None);
        };
        let table = self.table.as_mut().expect("built before probing");
        while probe.next != NO_TUPLE {
            ctx.check_interrupts()?;
            let i = probe.next as usize;
            probe.next = table.tuples[i].next;
            let t = &table.tuples[i];
            if t.hash != probe.hash || !keys_equal(&t.keys, &probe.keys) {
                continue;
            }
            let joined = self.out.join_rows(Some(&probe.row), Some(&t.row));
            if !self.out.passes_join_qual(&joined, ctx)? {
                continue;
            }
            probe.matched = true;
            table.tuples[i].matched = true;
            if self.out.first_match_only() {
                // The outer row is settled: emitted once (semi) or never (anti).
                probe.next = NO_TUPLE;
            }
            if !self.out.emits_matches() {
                break;
            }
            let out = self.out.emit(&joined, ctx)?;
            self.probe = Some(probe);
            return Ok(out);
        }
        // The chain is done: an outer row without partner, if kept.
        ctx.check_interrupts()?;
        if !probe.matched && self.out.fill_outer() {
            let joined = self.out.join_rows(Some(&probe.row), None);
            return self.out.emit(&joined, ctx);
        }
        Ok(None)
    }

    /// Returns the current batch's unmatched inner rows (and, in batch 0,
    /// those with NULL keys) (`ExecScanHashTableForUnmatched`).
    fn fill_inner_step(&mut self, from: usize, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let table = self.table.as_ref().expect("built before probing");
        let ntuples = table.tuples.len();
        let nnull = if table.curbatch == 0 { table.null_inner.len() } else { 0 };
        let mut i = from;
        while i < ntuples + nnull {
            ctx.check_interrupts()?;
            let row = if i < ntuples {
                let t = &table.tuples[i];
                if t.matched {
                    i += 1;
                    continue;
                }
                &t.row
            } else {
                &table.null_inner[i - ntuples]
            };
            let joined = self.out.join_rows(None, Some(row));
            i += 1;
            self.phase = Phase::FillInner(i);
            if let Some(r) = self.out.emit(&joined, ctx)? {
                return Ok(Some(r));
            }
        }
        self.phase = if self.next_batch(ctx)? { Phase::Probe } else { Phase::Done };
        Ok(None)
    }
}
