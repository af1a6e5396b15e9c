//! The `Agg` node (PostgreSQL's `nodeAgg.c`): plain and hashed aggregation,
//! spilling to temporary files when the hash table outgrows `work_mem`, as
//! PostgreSQL 15's hash aggregation does.
//!
//! At the first call the node reads its whole input. Each row's leading
//! `ngroups` columns are the group key, looked up in a hash table that lives
//! in the per-query memory context (`hashbrown::HashTable` of indexes into
//! the group array, both over [`QueryAllocator`]); the group's transition
//! states advance with the aggregates' argument columns. Groups come out in
//! the order they were first seen, each finalised (keys, then results),
//! filtered by HAVING and projected only when it is returned.
//!
//! Spilling: every new group is charged (its key's footprint, its
//! transition states and the table entry) against `work_mem`. Once the
//! limit is reached no new group enters the table: a row whose group is not
//! in it is written to one of several temporary files (partitions) chosen
//! by bits of its key's hash, while rows of groups already in memory keep
//! advancing them. When the input ends the groups in memory are returned,
//! then each partition file is read back as the input of a new batch (which
//! may spill again, on the next bits of the hash). As in PostgreSQL's
//! `hash_choose_num_partitions`, the number of partitions is chosen so that
//! each is expected to fit in memory (the rows still to come, from the
//! planner's estimate or the partition's row count, times 1.5, over the
//! groups that fitted), between 4 and what `work_mem` can give an 8 kB
//! buffer each (at most 256). So memory stays within
//! `work_mem` whatever the number of groups; EXPLAIN ANALYZE reports
//! `Batches`, `Memory Usage` and `Disk Usage` as PostgreSQL does.
//!
//! `agg(DISTINCT x)` and `agg(x ORDER BY y)` collect their input rows
//! (arguments, then ORDER BY values) per group and, at the end, sort them
//! (by the ORDER BY keys, then for DISTINCT by the arguments) and drop
//! repeated arguments before feeding the transition, as PostgreSQL's
//! sorted aggregation does (so `string_agg(DISTINCT ...)` is in sorted
//! order). Those row lists are not charged or spilled. `FILTER (WHERE
//! ...)` is one more input column: a row where it is not true does not
//! reach that aggregate.
//!
//! The statistics aggregates keep PostgreSQL's transition states: exact
//! numeric sums of X and X*X for stddev/variance over integers and
//! numeric (`numeric_accum`), Youngs-Cramer sums for floats
//! (`float8_accum`, `float8_regr_accum`), so results agree to the last
//! digit and overflow where PostgreSQL's do.

use crate::eval::{compare, eval_qual};
use crate::nodes::{project, PlanState, Row};
use crate::{ExecContext, QueryAllocator};
use pg_analyze::{AggKind, Expr, HypotheticalKind, RegrKind};
use pg_error::{PgError, PgResult, SqlState};
use pg_planner::{AggCall, AggStrategy};
use pg_types::datum::Datum;
use pg_types::numeric::Numeric;
use pg_types::types::oid;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// How many hash bits choose the partitions of a batch that spills after
/// `fitted` groups with about `remaining` rows still to come
/// (`hash_choose_num_partitions`): enough partitions for each to fit in
/// `hash_mem`, between [`MIN_PARTITIONS`] and what `hash_mem` can give an
/// 8 kB buffer each (at most [`MAX_PARTITIONS`]).
pub(crate) fn partition_bits(fitted: usize, remaining: f64, hash_mem: usize, used_bits: u32) -> u32 {
    let wanted = (1.5 * remaining / fitted.max(1) as f64).ceil() as usize;
    let by_memory = (hash_mem / 4 / pg_storage::buffile::BLCKSZ).max(MIN_PARTITIONS);
    let n = wanted.clamp(MIN_PARTITIONS, by_memory.min(MAX_PARTITIONS)).next_power_of_two();
    n.trailing_zeros().min(PARTITION_HASH_BITS - used_bits).max(1)
}

/// The partition of a key's hash, at a batch that has used `used_bits`
/// and chooses among `1 << part_bits` partitions.
pub(crate) fn partition_of(hash: u64, used_bits: u32, part_bits: u32) -> usize {
    let shift = PARTITION_HASH_TOP - used_bits - part_bits;
    ((hash >> shift) as usize) & ((1usize << part_bits) - 1)
}

/// The most partitions one spilling batch writes. PostgreSQL allows 1024
/// (`HASHAGG_MAX_PARTITIONS`) because its partitions are logical tapes in
/// one file; each of ours is a file, and a batch's partitions are open
/// while earlier batches' wait, so fewer keep a backend well within its
/// file descriptors.
const MAX_PARTITIONS: usize = 256;
/// The fewest (`HASHAGG_MIN_PARTITIONS`).
const MIN_PARTITIONS: usize = 4;
/// Hash bits available for choosing partitions, level after level: bits
/// 55 down to 24 of the key's hash. The hash table itself uses the top 7
/// bits (hashbrown's control byte) and the low bits (the bucket), which
/// must stay varied inside a partition or its table degenerates.
pub(crate) const PARTITION_HASH_BITS: u32 = 32;
/// The highest bit position partitions are chosen from, plus one.
const PARTITION_HASH_TOP: u32 = 56;

type QVec<T> = allocator_api2::vec::Vec<T, QueryAllocator>;

/// One batch's groups: the array (first-seen order) and the hash table of
/// indexes into it.
struct Batch {
    groups: QVec<(Row, GroupState)>,
    table: hashbrown::HashTable<usize, QueryAllocator>,
    /// Bytes charged for the groups.
    mem: usize,
    /// The partitions new groups' rows go to once the table is full.
    spill: Option<Vec<pg_storage::BufFile>>,
    /// How many hash bits earlier batches used to choose partitions.
    used_bits: u32,
    /// Hash bits this batch's partitions are chosen by.
    part_bits: u32,
    /// Rows this batch will read (an estimate for the first batch).
    expected_rows: f64,
    /// Rows read so far.
    rows_seen: u64,
    /// Rows written to each partition.
    part_rows: Vec<u64>,
}

/// Execution state of an `Agg` node (`AggState`).
pub struct AggState<'p> {
    input: PlanState<'p>,
    /// Per-row memory for HAVING and the projection of each group
    /// (`ps_ExprContext`). The aggregates' arguments are input columns
    /// (the input node computed them), so an input row evaluates nothing.
    econtext: crate::eval::PerTupleContext,
    strategy: AggStrategy,
    ngroups: usize,
    /// Per group column: `character(n)`, grouped without trailing blanks.
    blank_padded: Vec<bool>,
    aggs: &'p [AggCall],
    /// Per aggregate: its transition step for an input row, chosen once.
    steps: Vec<Step>,
    qual: Option<&'p Expr>,
    target_list: &'p [Expr],
    work_mem: usize,
    hasher: hashbrown::DefaultHashBuilder,
    /// The groups being returned, and the next to return.
    output: Option<allocator_api2::vec::IntoIter<(Row, GroupState), QueryAllocator>>,
    /// The planner's estimate of the input rows.
    est_input_rows: f64,
    /// Spilled partitions still to aggregate, with their hash bits used and row counts.
    pending: Vec<(pg_storage::BufFile, u32, u64)>,
    started: bool,
    scratch: Vec<u8>,
    /// EXPLAIN ANALYZE's figures.
    batches: u64,
    peak_mem: usize,
    disk_bytes: u64,
}

/// A group key: equal when every column is equal or both are NULL, hashed
/// so that equal values (1.0 and 1.00, 0.0 and -0.0) hash alike.
pub(crate) struct GroupKey(pub(crate) Row);

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| datum_equal(a, b))
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

/// Grouping equality: NULLs are equal, values compare as their type does
/// (1.0 = 1.00), with a fast path for the common same-kind cases.
pub(crate) fn datum_equal(a: &Datum, b: &Datum) -> bool {
    match (a, b) {
        (Datum::Int4(x), Datum::Int4(y)) => x == y,
        (Datum::Int8(x), Datum::Int8(y)) => x == y,
        (Datum::Text(x), Datum::Text(y)) => x == y,
        _ => match (a.is_null(), b.is_null()) {
            (true, true) => true,
            (false, false) => compare(a, b).map(|o| o == Ordering::Equal).unwrap_or(a == b),
            _ => false,
        },
    }
}

pub(crate) fn hash_datum<H: Hasher>(d: &Datum, state: &mut H) {
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
        Datum::TimeTz(t) => t.hash(state),
        Datum::Uuid(u) => u.hash(state),
        Datum::AclItem(a) => a.hash(state),
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
    /// avg(float4/float8): `float8_accum`'s count, sum and sum of squared
    /// deviations (Youngs-Cramer), which PostgreSQL keeps for every float
    /// aggregate: the squares can overflow where the sum does not.
    FloatAccum {
        n: f64,
        sx: f64,
        sxx: f64,
    },
    Bool(Option<bool>),
    /// string_agg: the text or bytea so far.
    Str(Option<Datum>),
    /// stddev and variance over integers and numeric (`numeric_accum`):
    /// the count and the exact sums of X and X*X over the finite inputs,
    /// and whether a NaN or an infinity came (which makes the result NaN).
    NumAccum {
        n: i64,
        sx: Numeric,
        sxx: Numeric,
        nonfinite: bool,
    },
    /// corr, covar_* and regr_* (`float8_regr_accum`): N, Sx, Sxx, Sy,
    /// Syy, Sxy.
    RegrAccum([f64; 6]),
    /// bit_and, bit_or, bit_xor: NULL until the first input.
    Bits(Option<i64>),
    /// array_agg: the inputs (NULLs included), elements or arrays.
    Array(Vec<Datum>),
}

struct GroupState {
    trans: Vec<Trans>,
    /// Per aggregate with DISTINCT or ORDER BY: its input rows (arguments,
    /// then ORDER BY values), sorted and fed at the end.
    sorted: Vec<Option<Vec<Row>>>,
}

impl GroupState {
    /// Bytes charged for one group's transition states.
    fn footprint(aggs: &[AggCall]) -> usize {
        std::mem::size_of::<GroupState>() + aggs.len() * (std::mem::size_of::<Trans>() + 16)
    }

    fn new(aggs: &[AggCall]) -> GroupState {
        GroupState {
            trans: aggs.iter().map(|a| initial(&a.aggref)).collect(),
            sorted: aggs.iter().map(|a| (a.aggref.distinct || !a.aggref.order_by.is_empty()).then(Vec::new)).collect(),
        }
    }
}

fn initial(aggref: &pg_analyze::Aggref) -> Trans {
    let float_accum = Trans::FloatAccum { n: 0.0, sx: 0.0, sxx: 0.0 };
    match aggref.kind {
        AggKind::Avg | AggKind::Variance { .. } if aggref.result_type == oid::FLOAT8 => float_accum,
        AggKind::CountStar | AggKind::Count | AggKind::RegrCount => Trans::Count(0),
        AggKind::Sum | AggKind::Avg => Trans::Sum(Datum::Null, 0),
        AggKind::Min | AggKind::Max => Trans::MinMax(Datum::Null),
        AggKind::BoolAnd | AggKind::BoolOr => Trans::Bool(None),
        AggKind::StringAgg => Trans::Str(None),
        AggKind::Variance { .. } => {
            Trans::NumAccum { n: 0, sx: Numeric::from_i64(0), sxx: Numeric::from_i64(0), nonfinite: false }
        }
        AggKind::Regr(_) => Trans::RegrAccum([0.0; 6]),
        AggKind::BitAnd | AggKind::BitOr | AggKind::BitXor => Trans::Bits(None),
        AggKind::ArrayAgg | AggKind::JsonAgg { .. } | AggKind::JsonObjectAgg { .. } => Trans::Array(Vec::new()),
        // Ordered-set aggregates compute from their sorted input rows alone.
        AggKind::PercentileCont { .. } | AggKind::PercentileDisc { .. } | AggKind::Mode | AggKind::Hypothetical(_) => {
            Trans::Count(0)
        }
    }
}

/// Whether the transition skips this input row (`advance_aggregates`
/// for a strict transition function: any NULL argument). array_agg and
/// the json aggregates take NULLs; string_agg skips a NULL value but
/// not a NULL delimiter.
fn skips_row(kind: AggKind, args: &[Datum]) -> bool {
    match kind {
        AggKind::CountStar | AggKind::ArrayAgg | AggKind::JsonAgg { .. } | AggKind::JsonObjectAgg { .. } => false,
        AggKind::StringAgg => args[0].is_null(),
        _ => args.iter().any(Datum::is_null),
    }
}

/// How one aggregate advances for an input row, chosen at executor start
/// for the common aggregates (as `ExecInitAgg` picks each transition's
/// code once) so that a row does not re-dispatch on the aggregate's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// count(*): one more row.
    CountStar,
    /// count(x): one more non-NULL x.
    Count,
    /// sum/avg over int2, int4 or int8 (the argument arrives as int8).
    SumInt8,
    /// min over int2, int4 or int8.
    MinInt,
    /// max over int2, int4 or int8.
    MaxInt,
    /// Every other aggregate, and every DISTINCT one: [`advance`].
    General,
}

impl Step {
    fn of(call: &AggCall) -> Step {
        let a = &call.aggref;
        let arg_type = a.args.first().map(|e| e.type_oid());
        let int_arg = matches!(arg_type, Some(oid::INT2 | oid::INT4 | oid::INT8));
        match a.kind {
            _ if a.distinct || !a.order_by.is_empty() => Step::General,
            AggKind::CountStar => Step::CountStar,
            AggKind::Count if a.args.len() == 1 => Step::Count,
            // avg over floats keeps a float8_accum state instead.
            AggKind::Sum | AggKind::Avg if arg_type == Some(oid::INT8) && matches!(initial(a), Trans::Sum(..)) => {
                Step::SumInt8
            }
            AggKind::Min if int_arg && arg_type == Some(a.result_type) => Step::MinInt,
            AggKind::Max if int_arg && arg_type == Some(a.result_type) => Step::MaxInt,
            _ => Step::General,
        }
    }
}

/// Advances one transition state by its [`Step`]: the common transitions
/// in place, anything unusual (the first value, NULL, an overflowing sum,
/// another representation) through [`advance`].
#[inline]
fn advance_step(step: Step, call: &AggCall, t: &mut Trans, args: &[Datum]) -> PgResult<()> {
    match (step, &mut *t, args.first()) {
        (Step::CountStar, Trans::Count(n), _) => *n += 1,
        (Step::Count, Trans::Count(n), Some(x)) => {
            if !x.is_null() {
                *n += 1;
            }
        }
        (Step::SumInt8, Trans::Sum(Datum::Int8(acc), n), Some(Datum::Int8(y))) => match acc.checked_add(*y) {
            Some(s) => {
                *acc = s;
                *n += 1;
            }
            None => return advance_general(call, t, args),
        },
        (Step::MinInt | Step::MaxInt, Trans::MinMax(best), Some(x)) => {
            // Equal integers are identical, so which of them is kept
            // does not matter here.
            let replace = match (&*best, x) {
                (Datum::Int4(b), Datum::Int4(v)) => Some((*v).cmp(b)),
                (Datum::Int8(b), Datum::Int8(v)) => Some((*v).cmp(b)),
                (Datum::Int2(b), Datum::Int2(v)) => Some((*v).cmp(b)),
                _ => None,
            };
            match replace {
                Some(o) => {
                    let better = if step == Step::MinInt { Ordering::Less } else { Ordering::Greater };
                    if o == better {
                        *best = x.clone();
                    }
                }
                None => return advance(call, t, args),
            }
        }
        _ => return advance(call, t, args),
    }
    Ok(())
}

/// Advances one transition state with one input row's arguments
/// (`advance_transition_function`); strict aggregates skip NULL inputs.
fn advance(call: &AggCall, t: &mut Trans, args: &[Datum]) -> PgResult<()> {
    // The commonest transitions first, updated in place: count(*), and
    // sum over int8 (sum(int2/int4) reads its argument widened to int8).
    match (&mut *t, args.first()) {
        (Trans::Count(n), _) if call.aggref.kind == AggKind::CountStar => {
            *n += 1;
            return Ok(());
        }
        (Trans::Sum(Datum::Int8(acc), n), Some(Datum::Int8(y))) => {
            if let Some(s) = acc.checked_add(*y) {
                *acc = s;
                *n += 1;
                return Ok(());
            }
        }
        _ => {}
    }
    advance_general(call, t, args)
}

/// [`advance`] for every aggregate and state; an overflowing sum reports
/// the `+` operator's error.
fn advance_general(call: &AggCall, t: &mut Trans, args: &[Datum]) -> PgResult<()> {
    let a = &call.aggref;
    if skips_row(a.kind, args) {
        return Ok(());
    }
    match (a.kind, t) {
        (AggKind::CountStar | AggKind::Count | AggKind::RegrCount, Trans::Count(n)) => *n += 1,
        (AggKind::Variance { .. }, Trans::FloatAccum { n, sx, sxx }) => {
            let v = args[0].as_f64().ok_or_else(|| PgError::internal("variance over a value that is not a float"))?;
            float8_accum(n, sx, sxx, v)?;
        }
        (AggKind::Variance { .. }, Trans::NumAccum { n, sx, sxx, nonfinite }) => {
            let Datum::Numeric(v) = &args[0] else {
                return Err(PgError::internal("variance over a value that is not numeric"));
            };
            *n += 1;
            if v.is_finite() {
                *sx = sx.add(v);
                *sxx = sxx.add(&v.mul_unbounded(v)?);
            } else {
                *nonfinite = true;
            }
        }
        (AggKind::Regr(_), Trans::RegrAccum(state)) => {
            let (Some(y), Some(x)) = (args[0].as_f64(), args[1].as_f64()) else {
                return Err(PgError::internal("regression aggregate over values that are not floats"));
            };
            float8_regr_accum(state, y, x)?;
        }
        (AggKind::BitAnd | AggKind::BitOr | AggKind::BitXor, Trans::Bits(acc)) => {
            let v = args[0]
                .as_i64()
                .ok_or_else(|| PgError::internal("bit aggregate over a value that is not an integer"))?;
            *acc = Some(match (*acc, a.kind) {
                (None, _) => v,
                (Some(x), AggKind::BitAnd) => x & v,
                (Some(x), AggKind::BitOr) => x | v,
                (Some(x), _) => x ^ v,
            });
        }
        (AggKind::ArrayAgg | AggKind::JsonAgg { .. }, Trans::Array(items)) => {
            // A std Vec: a refusal must be an error, not an abort.
            pg_mcxt::limits::try_reserve(items, 1)?;
            items.push(args[0].clone());
        }
        (AggKind::JsonObjectAgg { .. }, Trans::Array(items)) => {
            if args[0].is_null() {
                return Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "field name must not be null"));
            }
            pg_types::json::check_key_type(a.args[0].type_oid())?;
            pg_mcxt::limits::try_reserve(items, 1)?;
            items.push(Datum::Record(vec![args[0].clone(), args[1].clone()]));
        }
        (AggKind::Sum | AggKind::Avg, Trans::Sum(acc, n)) => {
            let trans = a.trans.ok_or_else(|| PgError::internal("sum without a transition function"))?;
            *acc = match (&*acc, &args[0]) {
                (Datum::Null, v) => v.clone(),
                // int8 + int8 without the operator's generic path; on
                // overflow the operator reports PostgreSQL's error.
                (Datum::Int8(x), Datum::Int8(y)) if x.checked_add(*y).is_some() => Datum::Int8(x + y),
                _ => trans(&[std::mem::replace(acc, Datum::Null), args[0].clone()])?,
            };
            *n += 1;
        }
        (AggKind::Avg, Trans::FloatAccum { n, sx, sxx }) => {
            let v =
                args[0].as_f64().ok_or_else(|| PgError::internal("avg(float8) over a value that is not a float"))?;
            float8_accum(n, sx, sxx, v)?;
        }
        (AggKind::Min | AggKind::Max, Trans::MinMax(best)) => {
            // PostgreSQL's `*_larger`/`*_smaller` return the new value unless
            // the kept one is strictly better, so of equal values (1.0 and
            // 1.00, 0 and -0) the later wins; `bpchar_larger`/`_smaller`
            // alone keep the earlier.
            let replace = best.is_null() || {
                let o = if a.result_type == oid::BPCHAR {
                    blank_padded_cmp(&args[0], best)?
                } else {
                    compare(&args[0], best)?
                };
                let o = if a.kind == AggKind::Min { o.reverse() } else { o };
                if a.result_type == oid::BPCHAR {
                    o == Ordering::Greater
                } else {
                    o != Ordering::Less
                }
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
            // PostgreSQL's StringInfo: the delimiter, then the value, each
            // checked against the 1 GB limit on a string buffer first.
            (Some(Datum::Text(s)), Datum::Text(v)) => {
                if let Datum::Text(d) = &args[1] {
                    pg_mcxt::limits::enlarge_string(s, d.len())?;
                    s.push_str(d);
                }
                pg_mcxt::limits::enlarge_string(s, v.len())?;
                s.push_str(v);
            }
            (Some(Datum::Bytea(s)), Datum::Bytea(v)) => {
                if let Datum::Bytea(d) = &args[1] {
                    pg_mcxt::limits::enlarge_string_buffer(s, d.len())?;
                    s.extend_from_slice(d);
                }
                pg_mcxt::limits::enlarge_string_buffer(s, v.len())?;
                s.extend_from_slice(v);
            }
            _ => return Err(PgError::internal("string_agg over a value that is not text or bytea")),
        },
        _ => return Err(PgError::internal("aggregate state does not match its aggregate")),
    }
    Ok(())
}

/// Hashes a grouping key column by column; a `character(n)` column (`blank_padded`)
/// hashes without its trailing blanks, so that values equal by `bpchareq` hash alike.
pub(crate) fn hash_key<H: Hasher>(key: &[Datum], blank_padded: &[bool], state: &mut H) {
    for (i, d) in key.iter().enumerate() {
        match d {
            Datum::Text(s) if blank_padded.get(i).copied().unwrap_or(false) => s.trim_end_matches(' ').hash(state),
            d => hash_datum(d, state),
        }
    }
}

/// Grouping equality of two keys column by column ([`datum_equal`]), with
/// `character(n)` columns compared without trailing blanks.
pub(crate) fn keys_equal(a: &[Datum], b: &[Datum], blank_padded: &[bool]) -> bool {
    a.iter().zip(b).enumerate().all(|(i, (x, y))| match (x, y) {
        (Datum::Text(x), Datum::Text(y)) if blank_padded.get(i).copied().unwrap_or(false) => {
            x.trim_end_matches(' ') == y.trim_end_matches(' ')
        }
        _ => datum_equal(x, y),
    })
}

/// Orders two `character(n)` values as `bpcharcmp` does: trailing blanks do not count.
pub(crate) fn blank_padded_cmp(a: &Datum, b: &Datum) -> PgResult<Ordering> {
    match (a, b) {
        (Datum::Text(x), Datum::Text(y)) => Ok(x.trim_end_matches(' ').cmp(y.trim_end_matches(' '))),
        _ => compare(a, b),
    }
}

/// `float8_accum`: adds `v` to the count, sum and sum of squared deviations. Finite
/// inputs whose sum or squares become infinite overflow; an infinite or NaN input makes
/// the squares NaN.
fn float8_accum(n: &mut f64, sx: &mut f64, sxx: &mut f64, v: f64) -> PgResult<()> {
    let (old_n, old_sx) = (*n, *sx);
    *n += 1.0;
    *sx += v;
    if old_n > 0.0 {
        let tmp = v * *n - *sx;
        *sxx += tmp * tmp / (*n * old_n);
        if sx.is_infinite() || sxx.is_infinite() {
            if !old_sx.is_infinite() && !v.is_infinite() {
                return Err(pg_types::errors::float_overflow());
            }
            *sxx = f64::NAN;
        }
    } else if !v.is_finite() {
        *sxx = f64::NAN;
    }
    Ok(())
}

/// `float8_regr_accum`: adds the pair (`y`, `x`) to N, Sx, Sxx, Sy, Syy and
/// Sxy (Youngs-Cramer, as [`float8_accum`] for each variable). Finite
/// inputs whose sums become infinite overflow; infinite or NaN inputs
/// make the affected sums NaN.
fn float8_regr_accum(state: &mut [f64; 6], y: f64, x: f64) -> PgResult<()> {
    let [n, sx, sxx, sy, syy, sxy] = state;
    let (old_n, old_sx, old_sy) = (*n, *sx, *sy);
    *n += 1.0;
    *sx += x;
    *sy += y;
    if old_n > 0.0 {
        let tmp_x = x * *n - *sx;
        let tmp_y = y * *n - *sy;
        let scale = 1.0 / (*n * old_n);
        *sxx += tmp_x * tmp_x * scale;
        *syy += tmp_y * tmp_y * scale;
        *sxy += tmp_x * tmp_y * scale;
        if sx.is_infinite() || sxx.is_infinite() {
            if !old_sx.is_infinite() && !x.is_infinite() {
                return Err(pg_types::errors::float_overflow());
            }
            *sxx = f64::NAN;
        }
        if sy.is_infinite() || syy.is_infinite() {
            if !old_sy.is_infinite() && !y.is_infinite() {
                return Err(pg_types::errors::float_overflow());
            }
            *syy = f64::NAN;
        }
        if sxy.is_infinite() {
            if !old_sx.is_infinite() && !x.is_infinite() && !old_sy.is_infinite() && !y.is_infinite() {
                return Err(pg_types::errors::float_overflow());
            }
            *sxy = f64::NAN;
        }
    } else {
        if !x.is_finite() {
            *sxx = f64::NAN;
            *sxy = f64::NAN;
        }
        if !y.is_finite() {
            *syy = f64::NAN;
            *sxy = f64::NAN;
        }
    }
    Ok(())
}

/// The final function of a regression aggregate over
/// `float8_regr_accum`'s state (`float8_corr`, `float8_regr_slope`, ...).
fn regr_final(kind: RegrKind, [n, sx, sxx, sy, syy, sxy]: [f64; 6]) -> Datum {
    let value = match kind {
        _ if n < 1.0 => None,
        RegrKind::Sxx => Some(sxx),
        RegrKind::Syy => Some(syy),
        RegrKind::Sxy => Some(sxy),
        RegrKind::AvgX => Some(sx / n),
        RegrKind::AvgY => Some(sy / n),
        RegrKind::CovarPop => Some(sxy / n),
        RegrKind::CovarSamp if n < 2.0 => None,
        RegrKind::CovarSamp => Some(sxy / (n - 1.0)),
        // Horizontal and vertical lines have no correlation.
        RegrKind::Corr if sxx == 0.0 || syy == 0.0 => None,
        RegrKind::Corr => Some(sxy / (sxx * syy).sqrt()),
        RegrKind::R2 if sxx == 0.0 => None,
        RegrKind::R2 if syy == 0.0 => Some(1.0),
        RegrKind::R2 => Some((sxy * sxy) / (sxx * syy)),
        RegrKind::Slope if sxx == 0.0 => None,
        RegrKind::Slope => Some(sxy / sxx),
        RegrKind::Intercept if sxx == 0.0 => None,
        RegrKind::Intercept => Some((sy - sx * sxy / sxx) / n),
    };
    value.map(Datum::Float8).unwrap_or(Datum::Null)
}

/// `numeric_stddev_internal`: the sample or population variance (or its
/// square root) from N and the exact sums, at PostgreSQL's scales: the
/// numerator N*Sxx - Sx*Sx exactly, divided with `numeric_div`'s result
/// scale, the square root taken at that same scale.
fn numeric_variance(
    n: i64,
    sx: &Numeric,
    sxx: &Numeric,
    nonfinite: bool,
    sample: bool,
    stddev: bool,
) -> PgResult<Datum> {
    if n == 0 || (sample && n <= 1) {
        return Ok(Datum::Null);
    }
    if nonfinite {
        return Ok(Datum::Numeric(Numeric::nan()));
    }
    let count = Numeric::from_i64(n);
    // Full precision, as numeric_stddev_internal's mul_var: squares of tiny
    // values keep digits beyond numeric's display scale limit.
    let numerator = count.mul_unbounded(sxx)?.sub(&sx.mul_unbounded(sx)?);
    if numerator.is_zero() || numerator.is_negative() {
        return Ok(Datum::Numeric(Numeric::from_i64(0)));
    }
    let denominator = if sample { count.mul(&Numeric::from_i64(n - 1))? } else { count.mul(&count)? };
    let variance = numerator.div(&denominator)?;
    Ok(Datum::Numeric(if stddev { variance.sqrt_rscale(variance.dscale())? } else { variance }))
}

/// array_agg's result: NULL for no input; scalars make a one-dimensional
/// array, arrays one of a dimension more (`array_agg_array_transfn`'s
/// errors for NULL, empty and differently shaped arrays).
fn array_agg_final(call: &AggCall, items: Vec<Datum>) -> PgResult<Datum> {
    if items.is_empty() {
        return Ok(Datum::Null);
    }
    let input_type = call.aggref.args[0].type_oid();
    if input_type == call.aggref.result_type {
        return Ok(Datum::Array(pg_types::array::accumulate_arrays(items)?));
    }
    Ok(Datum::Array(pg_types::array::ArrayValue::from(items)))
}

/// An ordered-set aggregate's result from its sorted non-NULL input rows
/// (direct arguments, then the value): NULL for no rows or a NULL
/// fraction; `percentile_disc` the first value at or past the fraction,
/// `percentile_cont` the linear interpolation between the two values
/// around it, `mode` the most frequent value (the first in sort order of
/// equally frequent ones).
fn ordered_set_final(call: &AggCall, rows: &[Row]) -> PgResult<Datum> {
    let a = &call.aggref;
    let nargs = a.args.len();
    if let AggKind::Hypothetical(h) = a.kind {
        return hypothetical_final(a, h, rows);
    }
    let Some(first) = rows.first() else { return Ok(Datum::Null) };
    let values: Vec<&Datum> = rows.iter().map(|r| &r[nargs]).collect();
    let one = |fraction: f64, cont: bool| -> PgResult<Datum> {
        if !(0.0..=1.0).contains(&fraction) {
            return Err(PgError::new(
                SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
                format!("percentile value {} is not between 0 and 1", pg_types::float::float8_out(fraction, 1)),
            ));
        }
        let n = values.len();
        if !cont {
            let rownum = (fraction * n as f64).ceil() as usize;
            return Ok(values[rownum.max(1) - 1].clone());
        }
        let pos = fraction * (n - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        if lo == hi {
            return Ok(values[lo].clone());
        }
        let proportion = pos - lo as f64;
        if let (Datum::Interval(_), Datum::Interval(_)) = (values[lo], values[hi]) {
            // interval_lerp: lo + (hi - lo) * proportion, with interval arithmetic.
            let op = |name: &str, right: pg_types::Oid| {
                pg_types::find_operator(name, Some(oid::INTERVAL), right)
                    .map(|o| o.func)
                    .ok_or_else(|| PgError::internal("an interval operator is missing"))
            };
            let diff = op("-", oid::INTERVAL)?(&[values[hi].clone(), values[lo].clone()])?;
            let scaled = op("*", oid::FLOAT8)?(&[diff, Datum::Float8(proportion)])?;
            return op("+", oid::INTERVAL)?(&[values[lo].clone(), scaled]);
        }
        let (Some(x), Some(y)) = (values[lo].as_f64(), values[hi].as_f64()) else {
            return Err(PgError::internal("percentile_cont over a value that is not a float"));
        };
        // float8_lerp
        Ok(Datum::Float8(x + (y - x) * proportion))
    };
    match a.kind {
        AggKind::Mode => {
            let (mut best, mut best_freq) = (0, 0);
            let mut start = 0;
            for i in 1..=values.len() {
                if i == values.len() || compare(values[i], values[start])? != Ordering::Equal {
                    if i - start > best_freq {
                        (best, best_freq) = (start, i - start);
                    }
                    start = i;
                }
            }
            Ok(values[best].clone())
        }
        AggKind::PercentileCont { multi: false } | AggKind::PercentileDisc { multi: false } => {
            let cont = matches!(a.kind, AggKind::PercentileCont { .. });
            match first[0].as_f64() {
                Some(f) => one(f, cont),
                None => Ok(Datum::Null),
            }
        }
        AggKind::PercentileCont { multi: true } | AggKind::PercentileDisc { multi: true } => {
            let cont = matches!(a.kind, AggKind::PercentileCont { .. });
            let Datum::Array(fractions) = &first[0] else { return Ok(Datum::Null) };
            let out = fractions
                .iter()
                .map(|f| match f {
                    Datum::Numeric(n) => one(n.to_f64(), cont),
                    f => match f.as_f64() {
                        Some(f) => one(f, cont),
                        None => Ok(Datum::Null),
                    },
                })
                .collect::<PgResult<Vec<_>>>()?;
            Ok(Datum::Array(pg_types::array::ArrayValue::from(out).with_dims(&fractions.dims())?))
        }
        _ => Err(PgError::internal("ordered-set result for an aggregate that is not ordered-set")),
    }
}

/// A hypothetical-set aggregate's result: where the row of its direct
/// arguments would fall among the sorted input rows (`hypothetical_rank_common`,
/// `hypothetical_dense_rank_final`, ...). With no rows it is the first.
fn hypothetical_final(a: &pg_analyze::Aggref, h: HypotheticalKind, rows: &[Row]) -> PgResult<Datum> {
    let nargs = a.args.len();
    let keys = sort_keys(a);
    let n = rows.len();
    // Rows strictly before the hypothetical row, distinct groups of them,
    // and its peers.
    let (mut before, mut distinct_before, mut peers) = (0usize, 0usize, 0usize);
    if let Some(first) = rows.first() {
        // The hypothetical row, laid out as an input row (direct
        // arguments where the ORDER BY values are).
        let hypothetical: Row = first[..nargs].iter().chain(first[..nargs].iter()).cloned().collect();
        let mut previous: Option<&Row> = None;
        for row in rows {
            match compare_by_keys(row, &hypothetical, &keys)? {
                Ordering::Less => {
                    before += 1;
                    if previous.map_or(Ok(true), |p| compare_by_keys(p, row, &keys).map(|o| o != Ordering::Equal))? {
                        distinct_before += 1;
                    }
                    previous = Some(row);
                }
                Ordering::Equal => peers += 1,
                Ordering::Greater => {}
            }
        }
    }
    Ok(match h {
        HypotheticalKind::Rank => Datum::Int8(before as i64 + 1),
        HypotheticalKind::DenseRank => Datum::Int8(distinct_before as i64 + 1),
        HypotheticalKind::PercentRank => Datum::Float8(if n == 0 { 0.0 } else { before as f64 / n as f64 }),
        HypotheticalKind::CumeDist => Datum::Float8((before + peers + 1) as f64 / (n + 1) as f64),
    })
}

/// The json aggregates' result from their inputs (`json_agg_finalfn`,
/// `jsonb_object_agg_finalfn`, ...): NULL for no input; json keeps the
/// inputs' order and PostgreSQL's spacing (`[a, b]`, `{ "k" : v }`),
/// jsonb is normalized (one value per key, keys ordered).
fn json_agg_final(call: &AggCall, items: Vec<Datum>) -> PgResult<Datum> {
    use pg_types::json::{datum_to_json, datum_to_jsonb, jsonb_object, jsonb_to_text, JsonbValue};
    if items.is_empty() {
        return Ok(Datum::Null);
    }
    let settings = pg_types::io::session_output_settings();
    let types: Vec<_> = call.aggref.args.iter().map(Expr::type_oid).collect();
    let mut out = String::new();
    match call.aggref.kind {
        AggKind::JsonAgg { jsonb: false } => {
            out.push('[');
            // Arrays after the first element start on a new line.
            let structured = pg_types::types::element_type_of(types[0]).is_some() || types[0] == oid::RECORD;
            for (i, d) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                    if structured && !d.is_null() {
                        out.push_str("\n ");
                    }
                }
                datum_to_json(&mut out, types[0], d, false, &settings)?;
            }
            out.push(']');
        }
        AggKind::JsonAgg { jsonb: true } => {
            let values =
                items.iter().map(|d| datum_to_jsonb(types[0], d, false, &settings)).collect::<PgResult<Vec<_>>>()?;
            jsonb_to_text(&JsonbValue::Array(values), &mut out);
        }
        AggKind::JsonObjectAgg { jsonb } => {
            let mut pairs = Vec::with_capacity(items.len());
            if !jsonb {
                out.push_str("{ ");
            }
            for (i, item) in items.iter().enumerate() {
                let Datum::Record(kv) = item else {
                    return Err(PgError::internal("json_object_agg state is not a pair"));
                };
                if jsonb {
                    let key = match datum_to_jsonb(types[0], &kv[0], true, &settings)? {
                        JsonbValue::String(k) => k,
                        _ => return Err(PgError::internal("a jsonb object key that is not a string")),
                    };
                    pairs.push((key, datum_to_jsonb(types[1], &kv[1], false, &settings)?));
                } else {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    datum_to_json(&mut out, types[0], &kv[0], true, &settings)?;
                    out.push_str(" : ");
                    datum_to_json(&mut out, types[1], &kv[1], false, &settings)?;
                }
            }
            if jsonb {
                jsonb_to_text(&jsonb_object(pairs), &mut out);
            } else {
                out.push_str(" }");
            }
        }
        _ => return Err(PgError::internal("json result for an aggregate that is not a json aggregate")),
    }
    Ok(Datum::Text(out))
}

/// The aggregate's result from its final state (`finalize_aggregate`).
fn finalize(call: &AggCall, t: Trans) -> PgResult<Datum> {
    let kind = call.aggref.kind;
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
        // float8_var_pop/_samp and float8_stddev_pop/_samp: Sxx over N or N - 1.
        Trans::FloatAccum { n, sxx, .. } if matches!(kind, AggKind::Variance { .. }) => {
            let AggKind::Variance { sample, stddev } = kind else { unreachable!("matched above") };
            if n == 0.0 || (sample && n <= 1.0) {
                Datum::Null
            } else {
                let variance = sxx / if sample { n - 1.0 } else { n };
                Datum::Float8(if stddev { variance.sqrt() } else { variance })
            }
        }
        // float8_avg: Sx / N, with no underflow check.
        Trans::FloatAccum { n, sx, .. } if n > 0.0 => Datum::Float8(sx / n),
        Trans::FloatAccum { .. } => Datum::Null,
        Trans::Bool(b) => b.map(Datum::Bool).unwrap_or(Datum::Null),
        Trans::Str(s) => s.unwrap_or(Datum::Null),
        Trans::NumAccum { n, sx, sxx, nonfinite } => {
            let AggKind::Variance { sample, stddev } = kind else {
                return Err(PgError::internal("numeric accumulation for an aggregate that is not a variance"));
            };
            numeric_variance(n, &sx, &sxx, nonfinite, sample, stddev)?
        }
        Trans::RegrAccum(state) => match kind {
            AggKind::Regr(r) => regr_final(r, state),
            _ => return Err(PgError::internal("regression state for an aggregate that is not a regression")),
        },
        Trans::Bits(None) => Datum::Null,
        Trans::Bits(Some(v)) => match call.aggref.result_type {
            oid::INT2 => Datum::Int2(v as i16),
            oid::INT4 => Datum::Int4(v as i32),
            _ => Datum::Int8(v),
        },
        Trans::Array(items) if kind == AggKind::ArrayAgg => array_agg_final(call, items)?,
        Trans::Array(items) => json_agg_final(call, items)?,
    })
}

impl<'p> AggState<'p> {
    /// `ExecInitAgg`.
    pub fn new(
        input: PlanState<'p>,
        strategy: AggStrategy,
        (ngroups, group_exprs): (usize, &'p [Expr]),
        aggs: &'p [AggCall],
        qual: Option<&'p Expr>,
        target_list: &'p [Expr],
        est_input_rows: f64,
    ) -> AggState<'p> {
        AggState {
            input,
            econtext: crate::eval::PerTupleContext::new(),
            strategy,
            ngroups,
            blank_padded: group_exprs.iter().map(|e| pg_planner::is_blank_padded(e.type_oid())).collect(),
            aggs,
            steps: aggs.iter().map(Step::of).collect(),
            qual,
            target_list,
            // Hash tables may use hash_mem_multiplier times work_mem (get_hash_mem).
            work_mem: (crate::work_mem_kb() as f64
                * 1024.0
                * pg_guc::get_real("hash_mem_multiplier").unwrap_or(2.0).clamp(1.0, 1000.0))
                as usize,
            hasher: Default::default(),
            output: None,
            pending: Vec::new(),
            est_input_rows,
            started: false,
            scratch: Vec::new(),
            batches: 0,
            peak_mem: 0,
            disk_bytes: 0,
        }
    }

    /// The input node.
    pub fn input(&self) -> &PlanState<'p> {
        &self.input
    }

    /// EXPLAIN ANALYZE's batches and space of a hashed Agg.
    pub fn space_stats(&self) -> Option<pg_planner::explain::HashSpace> {
        (self.strategy == AggStrategy::Hashed && self.started).then(|| pg_planner::explain::HashSpace {
            batches: self.batches,
            memory_kb: (self.peak_mem as u64).div_ceil(1024),
            disk_kb: self.disk_bytes.div_ceil(1024),
        })
    }

    /// `ExecReScanAgg`: the groups are computed again from a rescanned input.
    pub fn rescan(&mut self) {
        self.output = None;
        self.pending.clear();
        self.started = false;
        self.input.rescan();
    }

    /// `ExecAgg`: the next result row.
    pub fn next(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Option<Row>> {
        if !self.started {
            self.started = true;
            let batch = self.fill_from_input(ctx)?;
            self.finish_batch(batch)?;
        }
        loop {
            if let Some(mut groups) = self.output.take() {
                while let Some((key, state)) = groups.next() {
                    ctx.check_interrupts()?;
                    let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
                    if let Some(row) = self.finalize_group(key, state, ctx)? {
                        self.output = Some(groups);
                        return Ok(Some(row));
                    }
                }
            }
            // The next spilled partition becomes a batch of its own.
            let Some((mut file, used_bits, rows)) = self.pending.pop() else { return Ok(None) };
            file.seek(0)?;
            let mut batch = self.new_batch(ctx, used_bits, rows as f64);
            while let Some(row) = crate::tuple::read_tuple(&mut file, &mut self.scratch)? {
                ctx.check_interrupts()?;
                self.advance_row(&mut batch, &row)?;
            }
            drop(file);
            self.finish_batch(batch)?;
        }
    }

    fn new_batch(&mut self, ctx: &ExecContext<'_>, used_bits: u32, expected_rows: f64) -> Batch {
        self.batches += 1;
        let mcxt = ctx.query_allocator.clone();
        let mut groups = allocator_api2::vec::Vec::new_in(mcxt.clone());
        if self.strategy == AggStrategy::Plain {
            groups.push((Vec::new(), GroupState::new(self.aggs)));
        }
        Batch {
            groups,
            table: hashbrown::HashTable::new_in(mcxt),
            mem: 0,
            spill: None,
            used_bits,
            part_bits: 0,
            expected_rows,
            rows_seen: 0,
            part_rows: Vec::new(),
        }
    }

    /// Reads the whole input into the first batch.
    fn fill_from_input(&mut self, ctx: &mut ExecContext<'_>) -> PgResult<Batch> {
        let mut batch = self.new_batch(ctx, 0, self.est_input_rows);
        // One row vector for the whole input: a scan refills it in place.
        let mut row = Vec::new();
        while self.input.next_into(ctx, &mut row)? {
            self.advance_row(&mut batch, &row)?;
        }
        Ok(batch)
    }

    fn key_hash(&self, key: &[Datum]) -> u64 {
        use std::hash::BuildHasher;
        let mut h = self.hasher.build_hasher();
        hash_key(key, &self.blank_padded, &mut h);
        h.finish()
    }

    /// Finds or makes the row's group and advances it, or spills the row
    /// when its group is new and the table is full (`lookup_hash_entries`).
    fn advance_row(&mut self, batch: &mut Batch, row: &[Datum]) -> PgResult<()> {
        batch.rows_seen += 1;
        let g = match self.strategy {
            AggStrategy::Plain => 0,
            // Sorted input is grouped with the same table: groups still
            // come out in input order, which is the sort order.
            AggStrategy::Hashed | AggStrategy::Sorted => {
                let key = &row[..self.ngroups];
                let hash = self.key_hash(key);
                let (groups, blank_padded) = (&batch.groups, &self.blank_padded);
                let found = batch.table.find(hash, |&i| keys_equal(&groups[i].0, key, blank_padded));
                match found {
                    Some(&g) => g,
                    None if batch.spill.is_some() => return self.spill_row(batch, hash, row),
                    None => {
                        let key = key.to_vec();
                        batch.mem += crate::tuple::row_footprint(&key)
                            + GroupState::footprint(self.aggs)
                            + std::mem::size_of::<(Row, GroupState)>()
                            + 2 * std::mem::size_of::<usize>();
                        batch.groups.push((key, GroupState::new(self.aggs)));
                        let idx = batch.groups.len() - 1;
                        let (hasher, groups, blank_padded) = (&self.hasher, &batch.groups, &self.blank_padded);
                        batch.table.insert_unique(hash, idx, |&i| {
                            use std::hash::BuildHasher;
                            let mut h = hasher.build_hasher();
                            hash_key(&groups[i].0, blank_padded, &mut h);
                            h.finish()
                        });
                        self.peak_mem = self.peak_mem.max(batch.mem);
                        // Full: later new groups spill. Past the hash bits
                        // there is nothing left to split on, so keep going.
                        if batch.mem > self.work_mem
                            && self.strategy == AggStrategy::Hashed
                            && batch.used_bits < PARTITION_HASH_BITS
                        {
                            self.start_spilling(batch)?;
                        }
                        idx
                    }
                }
            }
        };
        let state = &mut batch.groups[g].1;
        for (i, (call, &step)) in self.aggs.iter().zip(&self.steps).enumerate() {
            let a = &call.aggref;
            let (nargs, nsort) = (a.args.len(), a.order_by.len());
            // FILTER: only rows where it is true reach the aggregate.
            if a.filter.is_some() && !matches!(row[call.first_col + nargs + nsort], Datum::Bool(true)) {
                continue;
            }
            let args = &row[call.first_col..call.first_col + nargs];
            if step != Step::General {
                advance_step(step, call, &mut state.trans[i], args)?;
                continue;
            }
            // Ordered-set aggregates ignore NULL inputs (the sorted value);
            // hypothetical-set ones sort them with the rest.
            let skip = match a.kind {
                AggKind::Hypothetical(_) => false,
                k if k.is_ordered_set() => row[call.first_col + nargs].is_null(),
                k => skips_row(k, args),
            };
            match &mut state.sorted[i] {
                Some(rows) => {
                    if !skip {
                        // A std Vec: a refusal must be an error, not an abort.
                        pg_mcxt::limits::try_reserve(rows, 1)?;
                        rows.push(row[call.first_col..call.first_col + nargs + nsort].to_vec());
                    }
                }
                None => advance(call, &mut state.trans[i], args)?,
            }
        }
        Ok(())
    }

    /// The table is full: opens the partitions new groups' rows go to,
    /// as many as should make each fit in memory (`hash_choose_num_partitions`).
    fn start_spilling(&mut self, batch: &mut Batch) -> PgResult<()> {
        let remaining = (batch.expected_rows - batch.rows_seen as f64).max(0.0);
        let bits = partition_bits(batch.groups.len(), remaining, self.work_mem, batch.used_bits);
        let parts = (0..1usize << bits).map(|_| pg_storage::BufFile::create_temp()).collect::<PgResult<Vec<_>>>()?;
        batch.part_bits = bits;
        batch.part_rows = vec![0; parts.len()];
        batch.spill = Some(parts);
        Ok(())
    }

    /// Writes a row of a group not in memory to its partition.
    fn spill_row(&mut self, batch: &mut Batch, hash: u64, row: &[Datum]) -> PgResult<()> {
        let part = partition_of(hash, batch.used_bits, batch.part_bits);
        let files = batch.spill.as_mut().expect("spilling");
        batch.part_rows[part] += 1;
        crate::tuple::write_tuple(&mut files[part], row, &mut self.scratch)
    }

    /// The batch is complete: its groups become the output, its partitions
    /// are queued as later batches.
    fn finish_batch(&mut self, batch: Batch) -> PgResult<()> {
        let Batch { groups, table, spill, used_bits, part_bits, part_rows, .. } = batch;
        drop(table);
        for (mut f, rows) in spill.into_iter().flatten().zip(part_rows) {
            f.flush()?;
            if rows > 0 {
                self.disk_bytes += f.size();
                self.pending.push((f, used_bits + part_bits, rows));
            }
        }
        self.output = Some(groups.into_iter());
        Ok(())
    }

    /// Finalizes one group into its output row, or None when HAVING rejects it.
    fn finalize_group(&self, key: Row, state: GroupState, ctx: &ExecContext<'_>) -> PgResult<Option<Row>> {
        let mut agg_row = key;
        for ((call, mut trans), sorted) in self.aggs.iter().zip(state.trans).zip(state.sorted) {
            if let Some(mut rows) = sorted {
                sort_inputs(&mut rows, &call.aggref)?;
                if call.aggref.kind.is_ordered_set() {
                    agg_row.push(ordered_set_final(call, &rows)?);
                    continue;
                }
                let nargs = call.aggref.args.len();
                for row in &rows {
                    ctx.check_interrupts()?;
                    advance(call, &mut trans, &row[..nargs])?;
                }
            }
            agg_row.push(finalize(call, trans)?);
        }
        if let Some(q) = self.qual {
            if !eval_qual(q, &agg_row, &ctx.ecxt())? {
                return Ok(None);
            }
        }
        project(self.target_list, &agg_row, ctx).map(Some)
    }
}

/// Sorts an aggregate's collected input rows (arguments, then ORDER BY
/// values) by its ORDER BY keys and, for DISTINCT, by the arguments,
/// then drops rows whose arguments repeat the previous row's (PostgreSQL
/// sorts the inputs of such aggregates the same way, one sort per group).
fn sort_inputs(rows: &mut Vec<Row>, aggref: &pg_analyze::Aggref) -> PgResult<()> {
    let nargs = aggref.args.len();
    let mut keys = sort_keys(aggref);
    if aggref.distinct {
        keys.extend(aggref.args.iter().enumerate().map(|(i, e)| SortKeyCol {
            col: i,
            descending: false,
            nulls_first: false,
            blank_padded: pg_planner::is_blank_padded(e.type_oid()),
        }));
    }
    let mut failure = None;
    let mut keep_error = |r: PgResult<Ordering>| {
        r.unwrap_or_else(|e| {
            failure.get_or_insert(e);
            Ordering::Equal
        })
    };
    rows.sort_by(|a, b| keep_error(compare_by_keys(a, b, &keys)));
    if aggref.distinct {
        let arg_keys: Vec<SortKeyCol> = keys.iter().copied().filter(|k| k.col < nargs).collect();
        rows.dedup_by(|a, b| keep_error(compare_by_keys(a, b, &arg_keys)) == Ordering::Equal);
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// One column an aggregate's input rows are sorted by.
#[derive(Clone, Copy)]
struct SortKeyCol {
    col: usize,
    descending: bool,
    nulls_first: bool,
    blank_padded: bool,
}

/// The ORDER BY keys of an aggregate call over its collected input rows
/// (arguments, then ORDER BY values).
fn sort_keys(aggref: &pg_analyze::Aggref) -> Vec<SortKeyCol> {
    let nargs = aggref.args.len();
    aggref
        .order_by
        .iter()
        .enumerate()
        .map(|(i, k)| SortKeyCol {
            col: nargs + i,
            descending: k.descending,
            nulls_first: k.nulls_first,
            blank_padded: pg_planner::is_blank_padded(k.expr.type_oid()),
        })
        .collect()
}

/// Orders two input rows by `keys`, NULLs placed as each key says (NULL
/// equal to NULL).
fn compare_by_keys(a: &[Datum], b: &[Datum], keys: &[SortKeyCol]) -> PgResult<Ordering> {
    for k in keys {
        let (x, y) = (&a[k.col], &b[k.col]);
        let o = match (x.is_null(), y.is_null()) {
            (true, true) => Ordering::Equal,
            (true, false) => return Ok(if k.nulls_first { Ordering::Less } else { Ordering::Greater }),
            (false, true) => return Ok(if k.nulls_first { Ordering::Greater } else { Ordering::Less }),
            (false, false) if k.blank_padded => blank_padded_cmp(x, y)?,
            (false, false) => compare(x, y)?,
        };
        let o = if k.descending { o.reverse() } else { o };
        if o != Ordering::Equal {
            return Ok(o);
        }
    }
    Ok(Ordering::Equal)
}
