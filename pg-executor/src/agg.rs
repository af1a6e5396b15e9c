//! The `Agg` node (PostgreSQL's `nodeAgg.c`): plain and hashed aggregation.
//!
//! At the first call the node reads its whole input. Each row's leading
//! `ngroups` columns are the group key, looked up in a hash table that lives
//! in the per-query memory context (`hashbrown` over [`QueryAllocator`]);
//! the group's transition states advance with the aggregates' argument
//! columns. Then every group is finalised into the aggregate output row
//! (keys, then results), filtered by HAVING and projected; the result rows
//! are kept, also in the query context, and returned one by one. Groups come
//! out in the order they were first seen.
//!
//! `agg(DISTINCT x)` collects its argument values per group and, at the
//! end, sorts them and drops duplicates before feeding the transition, as
//! PostgreSQL's sorted DISTINCT aggregation does (so `string_agg(DISTINCT
//! ...)` is in sorted order).

use crate::eval::{compare, eval_qual};
use crate::nodes::{project, PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::{AggKind, Expr};
use pg_error::{PgError, PgResult};
use pg_planner::{AggCall, AggStrategy};
use pg_types::datum::Datum;
use pg_types::numeric::Numeric;
use pg_types::types::oid;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// Execution state of an `Agg` node (`AggState`).
pub struct AggState<'p> {
    input: PlanState<'p>,
    strategy: AggStrategy,
    ngroups: usize,
    aggs: &'p [AggCall],
    qual: Option<&'p Expr>,
    target_list: &'p [Expr],
    /// Result rows not yet returned (None before the input was read).
    output: Option<allocator_api2::vec::IntoIter<Row, QueryAllocator>>,
}

/// A group key: equal when every column is equal or both are NULL, hashed
/// so that equal values (1.0 and 1.00, 0.0 and -0.0) hash alike.
pub(crate) struct GroupKey(pub(crate) Row);

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|(a, b)| match (a.is_null(), b.is_null()) {
                (true, true) => true,
                (false, false) => compare(a, b).map(|o| o == Ordering::Equal).unwrap_or(a == b),
                _ => false,
            })
    }
}

impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for d in &self.0 {
            hash_datum(d, state);
        }
    }
}

fn hash_datum<H: Hasher>(d: &Datum, state: &mut H) {
    match d {
        Datum::Null => 0u8.hash(state),
        Datum::Int2(_) | Datum::Int4(_) | Datum::Int8(_) => d.as_i64().hash(state),
        Datum::Float4(_) | Datum::Float8(_) => {
            let f = d.as_f64().unwrap_or(0.0);
            // Equal floats must hash alike: -0 = 0, and all NaNs are equal.
            let bits = if f == 0.0 {
                0
            } else if f.is_nan() {
                u64::MAX
            } else {
                f.to_bits()
            };
            bits.hash(state)
        }
        Datum::Numeric(n) => n.hash(state),
        Datum::Text(s) => s.hash(state),
        Datum::Bool(b) => b.hash(state),
        Datum::Bytea(b) => b.hash(state),
        Datum::Oid(o) | Datum::Xid(o) => o.hash(state),
        Datum::Date(x) => x.hash(state),
        Datum::Time(x) | Datum::Timestamp(x) | Datum::TimestampTz(x) => x.hash(state),
        Datum::Interval(i) => i.cmp_value().hash(state),
        // Other types hash by kind only: still consistent with equality.
        other => std::mem::discriminant(other).hash(state),
    }
}

/// A transition state (`AggStatePerGroup`).
enum Trans {
    Count(i64),
    /// sum and avg: the running sum (NULL before the first input) and count.
    Sum(Datum, i64),
    MinMax(Datum),
    Bool(Option<bool>),
    /// string_agg: the text or bytea so far.
    Str(Option<Datum>),
}

struct GroupState {
    trans: Vec<Trans>,
    /// Per aggregate: the argument rows of a DISTINCT aggregate.
    distinct: Vec<Option<Vec<Row>>>,
}

impl GroupState {
    fn new(aggs: &[AggCall]) -> GroupState {
        GroupState {
            trans: aggs.iter().map(|a| initial(a.aggref.kind)).collect(),
            distinct: aggs.iter().map(|a| a.aggref.distinct.then(Vec::new)).collect(),
        }
    }
}

fn initial(kind: AggKind) -> Trans {
    match kind {
        AggKind::CountStar | AggKind::Count => Trans::Count(0),
        AggKind::Sum | AggKind::Avg => Trans::Sum(Datum::Null, 0),
        AggKind::Min | AggKind::Max => Trans::MinMax(Datum::Null),
        AggKind::BoolAnd | AggKind::BoolOr => Trans::Bool(None),
        AggKind::StringAgg => Trans::Str(None),
    }
}

/// Advances one transition state with one input row's arguments
/// (`advance_transition_function`); strict aggregates skip NULL inputs.
fn advance(call: &AggCall, t: &mut Trans, args: &[Datum]) -> PgResult<()> {
    let a = &call.aggref;
    if a.kind != AggKind::CountStar && args[0].is_null() {
        return Ok(());
    }
    match (a.kind, t) {
        (AggKind::CountStar | AggKind::Count, Trans::Count(n)) => *n += 1,
        (AggKind::Sum | AggKind::Avg, Trans::Sum(acc, n)) => {
            let trans = a.trans.ok_or_else(|| PgError::internal("sum without a transition function"))?;
            *acc = if acc.is_null() {
                args[0].clone()
            } else {
                trans(&[std::mem::replace(acc, Datum::Null), args[0].clone()])?
            };
            *n += 1;
        }
        (AggKind::Min | AggKind::Max, Trans::MinMax(best)) => {
            let replace = best.is_null() || {
                let o = compare(&args[0], best)?;
                (a.kind == AggKind::Min && o == Ordering::Less) || (a.kind == AggKind::Max && o == Ordering::Greater)
            };
            if replace {
                *best = args[0].clone();
            }
        }
        (AggKind::BoolAnd | AggKind::BoolOr, Trans::Bool(acc)) => {
            let v = args[0].as_bool().unwrap_or(false);
            *acc = Some(match acc {
                None => v,
                Some(x) if a.kind == AggKind::BoolAnd => *x && v,
                Some(x) => *x || v,
            });
        }
        (AggKind::StringAgg, Trans::Str(acc)) => match (acc.as_mut(), &args[0]) {
            (None, v) => *acc = Some(v.clone()),
            (Some(Datum::Text(s)), Datum::Text(v)) => {
                if let Datum::Text(d) = &args[1] {
                    s.push_str(d);
                }
                s.push_str(v);
            }
            (Some(Datum::Bytea(s)), Datum::Bytea(v)) => {
                if let Datum::Bytea(d) = &args[1] {
                    s.extend_from_slice(d);
                }
                s.extend_from_slice(v);
            }
            _ => return Err(PgError::internal("string_agg over a value that is not text or bytea")),
        },
        _ => return Err(PgError::internal("aggregate state does not match its aggregate")),
    }
    Ok(())
}

/// The aggregate's result from its final state (`finalize_aggregate`).
fn finalize(call: &AggCall, t: Trans) -> PgResult<Datum> {
    Ok(match t {
        Trans::Count(n) => Datum::Int8(n),
        Trans::Sum(acc, n) => match call.aggref.final_div {
            Some(_) if n == 0 => Datum::Null,
            Some((div, count_type)) => {
                let count = if count_type == oid::NUMERIC {
                    Datum::Numeric(Numeric::from_i64(n))
                } else {
                    Datum::Float8(n as f64)
                };
                div(&[acc, count])?
            }
            None => acc,
        },
        Trans::MinMax(d) => d,
        Trans::Bool(b) => b.map(Datum::Bool).unwrap_or(Datum::Null),
        Trans::Str(s) => s.unwrap_or(Datum::Null),
    })
}

impl<'p> AggState<'p> {
    /// `ExecInitAgg`.
    pub fn new(
        input: PlanState<'p>,
        strategy: AggStrategy,
        ngroups: usize,
        aggs: &'p [AggCall],
        qual: Option<&'p Expr>,
        target_list: &'p [Expr],
    ) -> AggState<'p> {
        AggState { input, strategy, ngroups, aggs, qual, target_list, output: None }
    }

    /// The input node.
    pub fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    /// `ExecAgg`: the next result row.
    pub fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if self.output.is_none() {
            let rows = self.aggregate(ctx)?;
            self.output = Some(rows.into_iter());
        }
        let next = self.output.as_mut().expect("set above").next();
        if next.is_some() {
            (ctx.check_for_interrupts)()?;
        }
        Ok(next)
    }

    /// Reads all input, groups it and returns the projected result rows.
    fn aggregate(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<allocator_api2::vec::Vec<Row, QueryAllocator>> {
        let mcxt = ctx.query_allocator.clone();
        let mut groups: allocator_api2::vec::Vec<(Row, GroupState), QueryAllocator> =
            allocator_api2::vec::Vec::new_in(mcxt.clone());
        let mut table: hashbrown::HashMap<GroupKey, usize, hashbrown::DefaultHashBuilder, QueryAllocator> =
            hashbrown::HashMap::with_hasher_in(Default::default(), mcxt.clone());
        if self.strategy == AggStrategy::Plain {
            groups.push((Vec::new(), GroupState::new(self.aggs)));
        }
        while let Some(row) = self.input.next(ctx)? {
            let g = match self.strategy {
                AggStrategy::Plain => 0,
                // Sorted input is grouped with the same table: groups still
                // come out in input order, which is the sort order.
                AggStrategy::Hashed | AggStrategy::Sorted => {
                    let key = GroupKey(row[..self.ngroups].to_vec());
                    match table.get(&key) {
                        Some(&g) => g,
                        None => {
                            groups.push((key.0.clone(), GroupState::new(self.aggs)));
                            table.insert(key, groups.len() - 1);
                            groups.len() - 1
                        }
                    }
                }
            };
            let state = &mut groups[g].1;
            for (i, call) in self.aggs.iter().enumerate() {
                let args = &row[call.first_col..call.first_col + call.aggref.args.len()];
                match &mut state.distinct[i] {
                    Some(seen) if call.aggref.kind != AggKind::CountStar => {
                        if !args[0].is_null() {
                            seen.push(args.to_vec());
                        }
                    }
                    _ => advance(call, &mut state.trans[i], args)?,
                }
            }
        }
        drop(table);
        let mut out = allocator_api2::vec::Vec::new_in(mcxt);
        for (key, state) in groups {
            (ctx.check_for_interrupts)()?;
            let mut agg_row = key;
            for ((call, mut trans), distinct) in self.aggs.iter().zip(state.trans).zip(state.distinct) {
                if let Some(mut seen) = distinct {
                    sort_distinct(&mut seen)?;
                    for args in &seen {
                        advance(call, &mut trans, args)?;
                    }
                }
                agg_row.push(finalize(call, trans)?);
            }
            if let Some(q) = self.qual {
                if !eval_qual(q, &agg_row, &ctx.ecxt())? {
                    continue;
                }
            }
            out.push(project(self.target_list, &agg_row, ctx)?);
        }
        Ok(out)
    }
}

/// Sorts argument rows and removes duplicates (DISTINCT aggregation).
fn sort_distinct(rows: &mut Vec<Row>) -> PgResult<()> {
    let mut failure = None;
    let mut cmp = |a: &Row, b: &Row| -> Ordering {
        for (x, y) in a.iter().zip(b) {
            let o = match (x.is_null(), y.is_null()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare(x, y).unwrap_or_else(|e| {
                    failure.get_or_insert(e);
                    Ordering::Equal
                }),
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    rows.sort_by(&mut cmp);
    rows.dedup_by(|a, b| cmp(a, b) == Ordering::Equal);
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
