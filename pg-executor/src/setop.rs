//! The `SetOp` node with the hashed strategy (PostgreSQL's `nodeSetOp.c`):
//! INTERSECT [ALL] and EXCEPT [ALL].
//!
//! The input is an Append of the two arms whose rows end with a flag column
//! (0 left, 1 right). Every distinct row is counted per arm in a hash table
//! in the per-query memory context; then each row is returned as many
//! times as the operation says: INTERSECT min(l, r) (ALL) or once if both
//! are non-zero; EXCEPT l - r (ALL) or once if r is zero. NULLs compare
//! equal, as for DISTINCT.

use crate::agg::GroupKey;
use crate::nodes::{PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::SetOpKind;
use pg_error::PgResult;
use pg_types::datum::Datum;

/// Executor state of a `SetOp` node.
pub struct SetOpState<'p> {
    input: PlanState<'p>,
    op: SetOpKind,
    all: bool,
    ncols: usize,
    /// Distinct rows with their (left, right) counts, in first-seen order
    /// (None before the input was read).
    groups: Option<allocator_api2::vec::IntoIter<(Row, u64, u64), QueryAllocator>>,
    /// The group being returned and how many more copies of it are due.
    pending: Option<(Row, u64)>,
}

impl<'p> SetOpState<'p> {
    pub(crate) fn new(input: PlanState<'p>, op: SetOpKind, all: bool, ncols: usize) -> SetOpState<'p> {
        SetOpState { input, op, all, ncols, groups: None, pending: None }
    }

    pub(crate) fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    fn read_input(
        &mut self,
        ctx: &mut ExecContext<'_>,
    ) -> PgResult<allocator_api2::vec::Vec<(Row, u64, u64), QueryAllocator>> {
        let mcxt = ctx.query_allocator.clone();
        let mut groups: allocator_api2::vec::Vec<(Row, u64, u64), QueryAllocator> =
            allocator_api2::vec::Vec::new_in(mcxt.clone());
        let mut table: hashbrown::HashMap<GroupKey, usize, hashbrown::DefaultHashBuilder, QueryAllocator> =
            hashbrown::HashMap::with_hasher_in(Default::default(), mcxt);
        while let Some(mut row) = self.input.next(ctx)? {
            let right = matches!(row.get(self.ncols), Some(Datum::Int4(1)));
            row.truncate(self.ncols);
            let key = GroupKey(row);
            let g = match table.get(&key) {
                Some(&g) => g,
                None => {
                    groups.push((key.0.clone(), 0, 0));
                    table.insert(key, groups.len() - 1);
                    groups.len() - 1
                }
            };
            if right {
                groups[g].2 += 1;
            } else {
                groups[g].1 += 1;
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
        self.input.rescan();
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.groups.is_none() {
            let g = self.read_input(ctx)?;
            self.groups = Some(g.into_iter());
        }
        loop {
            if let Some((row, n)) = &mut self.pending {
                if *n > 0 {
                    *n -= 1;
                    (ctx.check_for_interrupts)()?;
                    return Ok(Some(row.clone()));
                }
                self.pending = None;
            }
            let Some((row, l, r)) = self.groups.as_mut().and_then(Iterator::next) else { return Ok(None) };
            let n = self.copies(l, r);
            if n > 0 {
                self.pending = Some((row, n));
            }
        }
    }
}
