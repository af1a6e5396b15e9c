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
use crate::nodes::{is_identity_projection, project_into, projection_computes, Row};
use crate::table::{open_table, tid_datum, Table};
use crate::ExecContext;
use pg_analyze::{Expr, RangeTblEntry, RelationRef, RteSource};
use pg_error::{PgError, PgResult};
use pg_storage::heap::heapam::HeapScanDesc;
use pg_storage::heap::tuple::ColumnReader;
use pg_types::datum::Datum;
use pg_types::types::oid;

/// Execution state of a `SeqScan` node (`SeqScanState`).
pub struct SeqScanState<'p> {
    relation: &'p RelationRef,
    target_list: &'p [Expr],
    qual: Option<&'p Expr>,
    /// Physical columns to decode (the highest `attnum` read).
    needed: usize,
    /// The physical columns (0-based) the qual and target list read.
    read: Vec<bool>,
    /// No dropped column among the first `needed`: the decoded columns
    /// are the scan row's leading columns as they are.
    plain: bool,
    /// The qual or the projection computes something (per-tuple memory).
    evaluates: bool,
    /// The target list only passes on the scan row's leading columns.
    identity: bool,
    /// The target list as simple steps, when it only copies columns and
    /// widens int4 columns to int8 (`sum(int4)`'s argument), evaluated
    /// without the expression walker (PostgreSQL's `ExecJustAssignScanVar`
    /// fast paths).
    steps: Option<Vec<Step>>,
    scan: Option<(Table, HeapScanDesc, ColumnReader)>,
    /// The current scan row (`ss_ScanTupleSlot`), refilled in place.
    scan_row: Row,
    /// The decoded physical columns when the scan row must be rearranged.
    physical: Vec<Datum>,
    econtext: PerTupleContext,
}

impl<'p> SeqScanState<'p> {
    pub(crate) fn new(rte: &'p RangeTblEntry, target_list: &'p [Expr], qual: Option<&'p Expr>) -> SeqScanState<'p> {
        let RteSource::Relation(relation) = &rte.source else {
            unreachable!("the planner makes a SeqScan only over a table")
        };
        // The scan-row columns the node reads, as physical attnums.
        let mut read = Vec::new();
        let mut note = |e: &Expr| {
            e.walk(&mut |x| {
                if let Expr::Var { attno, .. } = x {
                    if let Some(&a) = relation.attnums.get(*attno) {
                        if let Some(i) = usize::try_from(a).ok().and_then(|a| a.checked_sub(1)) {
                            if read.len() <= i {
                                read.resize(i + 1, false);
                            }
                            read[i] = true;
                        }
                    }
                }
            })
        };
        target_list.iter().for_each(&mut note);
        qual.iter().for_each(|q| note(q));
        let needed = read.len();
        let plain = relation.attnums.iter().enumerate().all(|(i, &a)| a as usize == i + 1);
        let evaluates = qual.is_some() || projection_computes(target_list);
        let width = relation.attnums.len() + usize::from(relation.ctid);
        let identity = is_identity_projection(target_list, width);
        let steps = simple_steps(target_list, width);
        SeqScanState {
            relation,
            target_list,
            qual,
            needed,
            read,
            plain,
            evaluates,
            identity,
            steps,
            scan: None,
            scan_row: Vec::new(),
            physical: Vec::new(),
            econtext: PerTupleContext::new(),
        }
    }

    /// `ExecReScanSeqScan`: from the first page again (seeing pages added since).
    pub(crate) fn rescan(&mut self) {
        if let Some((_, scan, _)) = &mut self.scan {
            if scan.rescan().is_err() {
                self.scan = None;
            }
        }
    }

    pub(crate) fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        let mut row = Vec::new();
        Ok(self.next_into(ctx, &mut row)?.then_some(row))
    }

    /// The next row into `row` (whose allocation is reused), false at the end.
    pub(crate) fn next_into(&mut self, ctx: &mut ExecContext<'_>, row: &mut Row) -> PgResult<bool> {
        let nlive = self.relation.attnums.len();
        if self.scan.is_none() {
            drop(self.econtext.reset_for_row(&ctx.query_allocator));
            let table = open_table(self.relation.relid, self.relation.lock_mode)?;
            let snapshot = match &ctx.exec {
                Some(shared) => shared.statement_snapshot()?,
                None => return Err(PgError::internal("a table scan outside a statement")),
            };
            let scan = HeapScanDesc::begin(&table.storage, snapshot)?;
            let read = &self.read;
            // A plain table's scan row is the decoded columns themselves
            // (NULL past the last one read), then the ctid.
            let width = if self.plain { nlive + usize::from(self.relation.ctid) } else { self.needed };
            let reader = ColumnReader::new(&table.rel.tupdesc, self.needed, width, |i| read[i]);
            self.scan = Some((table, scan, reader));
        }
        let (table, scan, reader) = self.scan.as_mut().expect("opened above");
        let scan_row = &mut self.scan_row;
        while let Some(t) = scan.getnext()? {
            ctx.check_interrupts()?;
            if self.plain {
                reader.read(t.data, &table.rel.tupdesc, scan_row)?;
                if self.relation.ctid {
                    scan_row[nlive].set(tid_datum(t.t_self));
                }
            } else {
                reader.read(t.data, &table.rel.tupdesc, &mut self.physical)?;
                Datum::clear_row(scan_row);
                for &a in &self.relation.attnums {
                    // Each live column appears once: its value moves into the row.
                    let v =
                        usize::try_from(a).ok().and_then(|a| a.checked_sub(1)).and_then(|i| self.physical.get_mut(i));
                    scan_row.push(v.map(|v| std::mem::replace(v, Datum::Null)).unwrap_or(Datum::Null));
                }
                if self.relation.ctid {
                    scan_row.push(tid_datum(t.t_self));
                }
            }
            let _per_tuple = self.evaluates.then(|| self.econtext.reset_for_row(&ctx.query_allocator));
            if let Some(q) = self.qual {
                if !eval_qual(q, scan_row, &ctx.ecxt())? {
                    continue;
                }
            }
            if self.identity {
                // The leading columns move out; the next tuple refills them.
                let n = self.target_list.len();
                if row.len() != n {
                    Datum::clear_row(row);
                    row.resize(n, Datum::Null);
                }
                for (out, v) in row.iter_mut().zip(scan_row.iter_mut()) {
                    out.set(std::mem::replace(v, Datum::Null));
                }
            } else if let Some(steps) = &self.steps {
                if row.len() != steps.len() {
                    Datum::clear_row(row);
                    row.resize(steps.len(), Datum::Null);
                }
                for (out, step) in row.iter_mut().zip(steps) {
                    match *step {
                        Step::WidenInt4(i) => match (&scan_row[i], &mut *out) {
                            // The previous row's int8 is overwritten in
                            // place (see `ColumnReader::read`).
                            (Datum::Int4(x), Datum::Int8(o)) => *o = i64::from(*x),
                            (Datum::Int4(x), o) => o.set(Datum::Int8(i64::from(*x))),
                            (Datum::Null, o) => o.set(Datum::Null),
                            (other, _) => return Err(PgError::internal(format!("int4 expected, found {other:?}"))),
                        },
                        Step::Move(i) => out.set(std::mem::replace(&mut scan_row[i], Datum::Null)),
                        Step::Copy(i) => out.set(scan_row[i].clone()),
                    }
                }
            } else {
                project_into(self.target_list, scan_row, row, ctx)?;
            }
            return Ok(true);
        }
        Ok(false)
    }
}

/// One output column of a simple projection.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// The scan column, moved out (the only reference to it).
    Move(usize),
    /// The scan column, copied (it is referenced again).
    Copy(usize),
    /// The int4 scan column widened to int8 (NULL stays NULL).
    WidenInt4(usize),
}

/// The target list as [`Step`]s over a scan row of `width` columns, when
/// every entry is a column or an int4 column cast to int8.
fn simple_steps(target_list: &[Expr], width: usize) -> Option<Vec<Step>> {
    let column = |e: &Expr| match e {
        Expr::Var { attno, .. } if *attno < width => Some(*attno),
        _ => None,
    };
    let mut steps = Vec::with_capacity(target_list.len());
    for e in target_list {
        steps.push(match e {
            Expr::Var { .. } => Step::Copy(column(e)?),
            Expr::Cast { arg, source: oid::INT4, target: oid::INT8, .. } => Step::WidenInt4(column(arg)?),
            _ => return None,
        });
    }
    // A column copied once moves; widening reads it in place.
    for i in 0..steps.len() {
        if let Step::Copy(c) = steps[i] {
            let uses = steps.iter().filter(|s| matches!(s, Step::Copy(x) | Step::WidenInt4(x) if *x == c)).count();
            if uses == 1 {
                steps[i] = Step::Move(c);
            }
        }
    }
    Some(steps)
}
