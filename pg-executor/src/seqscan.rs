//! The `SeqScan` node (PostgreSQL's `nodeSeqscan.c`): a table's rows
//! visible to the statement's snapshot, read a page at a time through
//! heapam's `HeapScanDesc`, filtered and projected.
//!
//! Each stored tuple is decoded only up to the last column the node's
//! qual and target list read (`slot_getsomeattrs`): the others stay NULL
//! in the scan row and cost nothing. A table written or locked by the
//! statement ends its scan row with the row's address (the junk `ctid`).
//! The snapshot is the statement's ([`crate::subplan::ExecShared`]), taken
//! when the first scan starts.

use crate::eval::{eval_qual, PerTupleContext};
use crate::nodes::{project_owned, projection_computes, Row};
use crate::table::{open_table, Table};
use crate::ExecContext;
use pg_analyze::{Expr, RangeTblEntry, RelationRef, RteSource};
use pg_error::{PgError, PgResult};
use pg_storage::heap::heapam::HeapScanDesc;

/// Execution state of a `SeqScan` node (`SeqScanState`).
pub struct SeqScanState<'p> {
    relation: &'p RelationRef,
    target_list: &'p [Expr],
    qual: Option<&'p Expr>,
    /// Physical columns to decode (the highest `attnum` read).
    needed: usize,
    scan: Option<(Table, HeapScanDesc)>,
    econtext: PerTupleContext,
}

impl<'p> SeqScanState<'p> {
    pub(crate) fn new(rte: &'p RangeTblEntry, target_list: &'p [Expr], qual: Option<&'p Expr>) -> SeqScanState<'p> {
        let RteSource::Relation(relation) = &rte.source else {
            unreachable!("the planner makes a SeqScan only over a table")
        };
        // The scan-row columns the node reads, as physical attnums.
        let mut needed = 0usize;
        let mut note = |e: &Expr| {
            e.walk(&mut |x| {
                if let Expr::Var { attno, .. } = x {
                    if let Some(&a) = relation.attnums.get(*attno) {
                        needed = needed.max(a as usize);
                    }
                }
            })
        };
        target_list.iter().for_each(&mut note);
        qual.iter().for_each(|q| note(q));
        SeqScanState { relation, target_list, qual, needed, scan: None, econtext: PerTupleContext::new() }
    }

    /// `ExecReScanSeqScan`: from the first page again (seeing pages added since).
    pub(crate) fn rescan(&mut self) {
        if let Some((_, scan)) = &mut self.scan {
            if scan.rescan().is_err() {
                self.scan = None;
            }
        }
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.scan.is_none() {
            drop(self.econtext.reset_for_row(&ctx.query_allocator));
            let table = open_table(self.relation.relid, self.relation.lock_mode)?;
            let snapshot = match &ctx.exec {
                Some(shared) => shared.statement_snapshot()?,
                None => return Err(PgError::internal("a table scan outside a statement")),
            };
            let scan = HeapScanDesc::begin(&table.storage, snapshot)?;
            self.scan = Some((table, scan));
        }
        let (table, scan) = self.scan.as_mut().expect("opened above");
        let evaluates = self.qual.is_some() || projection_computes(self.target_list);
        while let Some(t) = scan.getnext()? {
            (ctx.check_for_interrupts)()?;
            let row = table.scan_row(t.data, t.t_self, &self.relation.attnums, self.needed, self.relation.ctid)?;
            let _per_tuple = evaluates.then(|| self.econtext.reset_for_row(&ctx.query_allocator));
            if let Some(q) = self.qual {
                if !eval_qual(q, &row, &ctx.ecxt())? {
                    continue;
                }
            }
            return project_owned(self.target_list, row, ctx).map(Some);
        }
        Ok(None)
    }
}
