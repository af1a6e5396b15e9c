//! The `SetOp` node with the hashed strategy (PostgreSQL's `nodeSetOp.c`):
//! INTERSECT [ALL] and EXCEPT [ALL].
//!
//! The input is an Append of the two arms whose rows end with a flag column
//! (0 left, 1 right). Every distinct row is counted per arm in a hash table
//! in the per-query memory context; then each row is returned as many
//! times as the operation says: INTERSECT min(l, r) (ALL) or once if both
//! are non-zero; EXCEPT l - r (ALL) or once if r is zero. NULLs compare
//! equal, as for DISTINCT.
//!
//! The table stays within `work_mem × hash_mem_multiplier` as hash
//! aggregation's does (see `agg.rs`): once it is full, a row of a value not
//! in it is written, flag included, to a partition file chosen by its
//! hash, and each partition is counted as a later batch. Both arms' copies
//! of a value land in the same partition, so the counts stay exact.
//! (PostgreSQL 15 does not spill here; it plans a sorted SetOp instead
//! when the table would not fit.)

use crate::agg::{hash_key, keys_equal, partition_bits, partition_of, PARTITION_HASH_BITS};
use crate::nodes::{PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::SetOpKind;
use pg_error::PgResult;
use pg_storage::BufFile;
use pg_types::datum::Datum;
use std::hash::{BuildHasher, Hasher};

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// Executor state of a `SetOp` node.
pub struct SetOpState<'p> {
    input: PlanState<'p>,
    op: SetOpKind,
    all: bool,
    ncols: usize,
    /// Per compared column: `character(n)`, equal without trailing blanks.
    blank_padded: &'p [bool],
    hash_mem: usize,
    est_input_rows: f64,
    hasher: hashbrown::DefaultHashBuilder,
    /// Distinct rows of the current batch with their (left, right) counts,
    /// in first-seen order (None before the input was read).
    groups: Option<allocator_api2::vec::IntoIter<(Row, u64, u64), QueryAllocator>>,
    /// The group being returned and how many more copies of it are due.
    pending: Option<(Row, u64)>,
    /// Spilled partitions still to count: file, hash bits used, rows.
    partitions: Vec<(BufFile, u32, u64)>,
    scratch: Vec<u8>,
}

impl<'p> SetOpState<'p> {
    pub(crate) fn new(
        input: PlanState<'p>,
        op: SetOpKind,
        all: bool,
        (ncols, blank_padded): (usize, &'p [bool]),
        est_input_rows: f64,
    ) -> SetOpState<'p> {
        let hash_mem = (crate::work_mem_kb() as f64
            * 1024.0
            * pg_guc::get_real("hash_mem_multiplier").unwrap_or(2.0).clamp(1.0, 1000.0))
            as usize;
        SetOpState {
            input,
            op,
            all,
            ncols,
            blank_padded,
            hash_mem,
            est_input_rows,
            hasher: Default::default(),
            groups: None,
            pending: None,
            partitions: Vec::new(),
            scratch: Vec::new(),
        }
    }

    pub(crate) fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    fn key_hash(&self, key: &[Datum]) -> u64 {
        let mut h = self.hasher.build_hasher();
        hash_key(key, self.blank_padded, &mut h);
        h.finish()
    }

    /// Counts one batch: rows from `next_row` (the input or a partition
    /// file), spilling rows of new values once the table is full.
    fn count_batch(
        &mut self,
        ctx: &mut ExecContext<'_>,
        from_file: Option<&mut BufFile>,
        used_bits: u32,
        expected_rows: f64,
    ) -> PgResult<QVec<(Row, u64, u64)>> {
        let mcxt = ctx.query_allocator.clone();
        let mut groups: QVec<(Row, u64, u64)> = allocator_api2::vec::Vec::new_in(mcxt.clone());
        let mut table: hashbrown::HashTable<usize, QueryAllocator> = hashbrown::HashTable::new_in(mcxt);
        let mut mem = 0usize;
        let mut seen = 0u64;
        let mut spill: Option<(Vec<BufFile>, Vec<u64>, u32)> = None;
        let mut file = from_file;
        loop {
            let row = match file.as_mut() {
                Some(f) => {
                    ctx.check_interrupts()?;
                    crate::tuple::read_tuple(f, &mut self.scratch)?
                }
                None => self.input.next(ctx)?,
            };
            let Some(row) = row else { break };
            seen += 1;
            let right = matches!(row.get(self.ncols), Some(Datum::Int4(1)));
            let key = &row[..self.ncols];
            let hash = self.key_hash(key);
            let found = table.find(hash, |&i| {
                let k: &[Datum] = &groups[i].0;
                keys_equal(k, key, self.blank_padded)
            });
            let g = match found {
                Some(&g) => g,
                None => {
                    if let Some((files, rows, bits)) = &mut spill {
                        let part = partition_of(hash, used_bits, *bits);
                        rows[part] += 1;
                        crate::tuple::write_tuple(&mut files[part], &row, &mut self.scratch)?;
                        continue;
                    }
                    let mut key = row;
                    key.truncate(self.ncols);
                    mem += crate::tuple::row_footprint(&key) + std::mem::size_of::<(Row, u64, u64)>() + 16;
                    groups.push((key, 0, 0));
                    let idx = groups.len() - 1;
                    let (hasher, gs, blank_padded) = (&self.hasher, &groups, self.blank_padded);
                    table.insert_unique(hash, idx, |&i| {
                        let mut h = hasher.build_hasher();
                        hash_key(&gs[i].0, blank_padded, &mut h);
                        h.finish()
                    });
                    if mem > self.hash_mem && used_bits < PARTITION_HASH_BITS {
                        let remaining = (expected_rows - seen as f64).max(0.0);
                        let bits = partition_bits(groups.len(), remaining, self.hash_mem, used_bits);
                        let files =
                            (0..1usize << bits).map(|_| BufFile::create_temp()).collect::<PgResult<Vec<_>>>()?;
                        spill = Some((files, vec![0; 1 << bits], bits));
                    }
                    idx
                }
            };
            if right {
                groups[g].2 += 1;
            } else {
                groups[g].1 += 1;
            }
        }
        if let Some((files, rows, bits)) = spill {
            for (mut f, n) in files.into_iter().zip(rows) {
                if n > 0 {
                    f.flush()?;
                    self.partitions.push((f, used_bits + bits, n));
                }
            }
        }
        Ok(groups)
    }

    /// How many copies of a row counted (left, right) times the result has.
    fn copies(&self, l: u64, r: u64) -> u64 {
        match (self.op, self.all) {
            (SetOpKind::Intersect, true) => l.min(r),
            (SetOpKind::Intersect, false) => u64::from(l > 0 && r > 0),
            (SetOpKind::Except, true) => l.saturating_sub(r),
            (SetOpKind::Except, false) => u64::from(l > 0 && r == 0),
            // UNION is planned as Append (+ Unique); counting gives the same.
            (SetOpKind::Union, true) => l + r,
            (SetOpKind::Union, false) => 1,
        }
    }

    /// `ExecReScanSetOp`: counts again from a rescanned input.
    pub(crate) fn rescan(&mut self) {
        self.groups = None;
        self.pending = None;
        self.partitions.clear();
        self.input.rescan();
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.groups.is_none() {
            let g = self.count_batch(ctx, None, 0, self.est_input_rows)?;
            self.groups = Some(g.into_iter());
        }
        loop {
            if let Some((row, n)) = &mut self.pending {
                if *n > 0 {
                    *n -= 1;
                    ctx.check_interrupts()?;
                    return Ok(Some(row.clone()));
                }
                self.pending = None;
            }
            match self.groups.as_mut().and_then(Iterator::next) {
                Some((row, l, r)) => {
                    let n = self.copies(l, r);
                    if n > 0 {
                        self.pending = Some((row, n));
                    }
                }
                None => {
                    // The next spilled partition is counted as a batch of its own.
                    let Some((mut file, used_bits, rows)) = self.partitions.pop() else { return Ok(None) };
                    self.groups = None;
                    file.seek(0)?;
                    let g = self.count_batch(ctx, Some(&mut file), used_bits, rows as f64)?;
                    self.groups = Some(g.into_iter());
                }
            }
        }
    }
}
