//! PostgreSQL 15's own catalog rows for operators, the functions they and
//! the aggregates name, and the aggregates (the part of PostgreSQL's
//! `pg_operator.dat`, `pg_proc.dat` and `pg_aggregate.dat` this server
//! needs), recorded from PostgreSQL 15 into the `.tsv` files beside this
//! module (each file's header gives the command that re-records it).
//!
//! This is data, not a registry: it says what PostgreSQL calls a thing
//! (the OID of `int4 + int4`, that its function is `int4pl` with OID 177,
//! that its commutator is OID 551 and its restriction estimator `eqsel`),
//! never whether this server has it. What exists is decided by the
//! registries: the operators of `ops.rs`, the functions of `fmgr`, the
//! aggregates of `aggregates.rs`. The function manager makes each
//! operator's implementing function from its row here
//! ([`crate::fmgr`]), and initdb fills `pg_operator`'s and
//! `pg_aggregate`'s columns from these rows, so an operator or aggregate
//! added to a registry gets PostgreSQL's catalog rows without more code.

use crate::types::Oid;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One `pg_operator` row of PostgreSQL 15.
#[derive(Debug, Clone)]
pub struct PgOperatorRow {
    /// `oid`.
    pub oid: Oid,
    /// `oprname`.
    pub name: &'static str,
    /// `oprkind`: `b` infix, `l` prefix.
    pub kind: u8,
    /// `oprcanmerge`.
    pub can_merge: bool,
    /// `oprcanhash`.
    pub can_hash: bool,
    /// `oprleft` (0 for a prefix operator).
    pub left: Oid,
    /// `oprright`.
    pub right: Oid,
    /// `oprresult`.
    pub result: Oid,
    /// `oprcom`: the commutator's OID, or 0.
    pub commutator: Oid,
    /// `oprnegate`: the negator's OID, or 0.
    pub negator: Oid,
    /// `oprcode`: the implementing function's `pg_proc` OID.
    pub code: Oid,
    /// `oprrest`: the restriction selectivity estimator, or 0.
    pub rest: Oid,
    /// `oprjoin`: the join selectivity estimator, or 0.
    pub join: Oid,
}

/// One `pg_proc` row of PostgreSQL 15 (the columns that are not the same
/// for every built-in function).
#[derive(Debug, Clone)]
pub struct PgProcRow {
    /// `oid`.
    pub oid: Oid,
    /// `proname`.
    pub name: &'static str,
    /// `prokind`: `f` function, `a` aggregate, `w` window function.
    pub kind: u8,
    /// `procost`.
    pub cost: f32,
    /// `prorows`.
    pub rows: f32,
    /// `provariadic`.
    pub variadic: Oid,
    /// `prosupport`.
    pub support: Oid,
    /// `proleakproof`.
    pub leakproof: bool,
    /// `proisstrict`.
    pub strict: bool,
    /// `proretset`.
    pub retset: bool,
    /// `provolatile`: `i`, `s` or `v`.
    pub volatile: u8,
    /// `proparallel`: `s`, `r` or `u`.
    pub parallel: u8,
    /// `prorettype`.
    pub ret_type: Oid,
    /// `proargtypes`.
    pub arg_types: Vec<Oid>,
    /// `proallargtypes`, when not NULL.
    pub all_arg_types: Option<Vec<Oid>>,
    /// `proargmodes`, when not NULL.
    pub arg_modes: Option<Vec<u8>>,
    /// `proargnames`, when not NULL.
    pub arg_names: Option<Vec<&'static str>>,
    /// `prosrc`.
    pub src: &'static str,
}

/// One `pg_aggregate` row of PostgreSQL 15 (support functions as OIDs, 0
/// for none).
#[derive(Debug, Clone)]
pub struct PgAggregateRow {
    /// `aggfnoid`.
    pub fnoid: Oid,
    /// `aggkind`: `n` normal, `o` ordered-set, `h` hypothetical-set.
    pub kind: u8,
    /// `aggnumdirectargs`.
    pub num_direct_args: i16,
    /// `aggtransfn`.
    pub transfn: Oid,
    /// `aggfinalfn`.
    pub finalfn: Oid,
    /// `aggcombinefn`.
    pub combinefn: Oid,
    /// `aggserialfn`.
    pub serialfn: Oid,
    /// `aggdeserialfn`.
    pub deserialfn: Oid,
    /// `aggmtransfn`.
    pub mtransfn: Oid,
    /// `aggminvtransfn`.
    pub minvtransfn: Oid,
    /// `aggmfinalfn`.
    pub mfinalfn: Oid,
    /// `aggfinalextra`.
    pub finalextra: bool,
    /// `aggmfinalextra`.
    pub mfinalextra: bool,
    /// `aggfinalmodify`.
    pub finalmodify: u8,
    /// `aggmfinalmodify`.
    pub mfinalmodify: u8,
    /// `aggsortop`.
    pub sortop: Oid,
    /// `aggtranstype`.
    pub transtype: Oid,
    /// `aggtransspace`.
    pub transspace: i32,
    /// `aggmtranstype`.
    pub mtranstype: Oid,
    /// `aggmtransspace`.
    pub mtransspace: i32,
    /// `agginitval`.
    pub initval: Option<&'static str>,
    /// `aggminitval`.
    pub minitval: Option<&'static str>,
}

static OPERATORS_TSV: &str = include_str!("pg_operator.tsv");
static PROCS_TSV: &str = include_str!("pg_proc.tsv");
static AGGREGATES_TSV: &str = include_str!("pg_aggregate.tsv");

/// The data lines of a recorded file, split at tabs (`#` lines are its header).
fn records(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').collect())
}

fn oid(s: &str) -> Oid {
    s.parse().unwrap_or_else(|_| panic!("bad OID {s:?} in recorded catalog data"))
}

fn boolean(s: &str) -> bool {
    s == "t"
}

fn byte(s: &str) -> u8 {
    s.bytes().next().unwrap_or(0)
}

/// COPY's NULL marker.
fn nullable(s: &'static str) -> Option<&'static str> {
    (s != "\\N").then_some(s)
}

/// The elements of an array literal without quoting (`{a,b}`); recorded
/// names and modes never need quotes.
fn array_items(s: &'static str) -> Vec<&'static str> {
    let inner = s.trim_start_matches('{').trim_end_matches('}');
    if inner.is_empty() {
        Vec::new()
    } else {
        inner.split(',').collect()
    }
}

/// Every `pg_operator` row, by OID.
pub fn operators() -> &'static HashMap<Oid, PgOperatorRow> {
    static ROWS: OnceLock<HashMap<Oid, PgOperatorRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        records(OPERATORS_TSV)
            .map(|f| {
                let row = PgOperatorRow {
                    oid: oid(f[0]),
                    name: f[1],
                    kind: byte(f[2]),
                    can_merge: boolean(f[3]),
                    can_hash: boolean(f[4]),
                    left: oid(f[5]),
                    right: oid(f[6]),
                    result: oid(f[7]),
                    commutator: oid(f[8]),
                    negator: oid(f[9]),
                    code: oid(f[10]),
                    rest: oid(f[11]),
                    join: oid(f[12]),
                };
                (row.oid, row)
            })
            .collect()
    })
}

/// The `pg_operator` row of `left name right` (`left` 0 for a prefix
/// operator), if PostgreSQL has that operator.
pub fn operator_by_signature(name: &str, left: Oid, right: Oid) -> Option<&'static PgOperatorRow> {
    static INDEX: OnceLock<HashMap<(&'static str, Oid, Oid), Oid>> = OnceLock::new();
    let index = INDEX.get_or_init(|| operators().values().map(|o| ((o.name, o.left, o.right), o.oid)).collect());
    index.get(&(name, left, right)).and_then(|o| operators().get(o))
}

/// Every recorded `pg_proc` row, by OID.
pub fn procs() -> &'static HashMap<Oid, PgProcRow> {
    static ROWS: OnceLock<HashMap<Oid, PgProcRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        records(PROCS_TSV)
            .map(|f| {
                let oids = |s: &'static str| s.split([' ', ',', '{', '}']).filter(|x| !x.is_empty()).map(oid).collect();
                let row = PgProcRow {
                    oid: oid(f[0]),
                    name: f[1],
                    kind: byte(f[2]),
                    cost: f[3].parse().expect("procost is a number"),
                    rows: f[4].parse().expect("prorows is a number"),
                    variadic: oid(f[5]),
                    support: oid(f[6]),
                    leakproof: boolean(f[7]),
                    strict: boolean(f[8]),
                    retset: boolean(f[9]),
                    volatile: byte(f[10]),
                    parallel: byte(f[11]),
                    ret_type: oid(f[13]),
                    arg_types: oids(f[14]),
                    all_arg_types: nullable(f[15]).map(oids),
                    arg_modes: nullable(f[16]).map(|m| array_items(m).into_iter().map(byte).collect()),
                    arg_names: nullable(f[17]).map(array_items),
                    src: f[18],
                };
                (row.oid, row)
            })
            .collect()
    })
}

/// The OID of the plain function (`prokind` `f`) `name(args)` among the
/// recorded rows, or 0.
pub fn function_oid(name: &str, args: &[Oid]) -> Oid {
    static INDEX: OnceLock<HashMap<&'static str, Vec<Oid>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<Oid>> = HashMap::new();
        for p in procs().values().filter(|p| p.kind == b'f') {
            index.entry(p.name).or_default().push(p.oid);
        }
        index
    });
    index.get(name).into_iter().flatten().find(|o| procs()[o].arg_types == args).copied().unwrap_or(0)
}

/// Every `pg_aggregate` row, by `aggfnoid`.
pub fn aggregates() -> &'static HashMap<Oid, PgAggregateRow> {
    static ROWS: OnceLock<HashMap<Oid, PgAggregateRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        records(AGGREGATES_TSV)
            .map(|f| {
                let row = PgAggregateRow {
                    fnoid: oid(f[0]),
                    kind: byte(f[1]),
                    num_direct_args: f[2].parse().expect("aggnumdirectargs is a number"),
                    transfn: oid(f[3]),
                    finalfn: oid(f[4]),
                    combinefn: oid(f[5]),
                    serialfn: oid(f[6]),
                    deserialfn: oid(f[7]),
                    mtransfn: oid(f[8]),
                    minvtransfn: oid(f[9]),
                    mfinalfn: oid(f[10]),
                    finalextra: boolean(f[11]),
                    mfinalextra: boolean(f[12]),
                    finalmodify: byte(f[13]),
                    mfinalmodify: byte(f[14]),
                    sortop: oid(f[15]),
                    transtype: oid(f[16]),
                    transspace: f[17].parse().expect("aggtransspace is a number"),
                    mtranstype: oid(f[18]),
                    mtransspace: f[19].parse().expect("aggmtransspace is a number"),
                    initval: nullable(f[20]),
                    minitval: nullable(f[21]),
                };
                (row.fnoid, row)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_rows_read_back() {
        assert_eq!(operators().len(), 799);
        let plus = operator_by_signature("+", 23, 23).expect("int4 + int4");
        assert_eq!((plus.oid, plus.code, plus.commutator), (551, 177, 551));
        assert_eq!(procs()[&177].name, "int4pl");
        assert_eq!(function_oid("int4pl", &[23, 23]), 177);
        // Aggregates are not plain functions.
        assert_eq!(function_oid("sum", &[23]), 0);
        let sum = &aggregates()[&2108];
        assert_eq!((sum.transfn, sum.combinefn, sum.transtype), (1841, 463, 20));
        // Every function a recorded row names is recorded too.
        for o in operators().values() {
            for f in [o.code, o.rest, o.join].into_iter().filter(|f| *f != 0) {
                assert!(procs().contains_key(&f), "operator {} names unrecorded function {f}", o.oid);
            }
        }
        for a in aggregates().values() {
            assert_eq!(procs()[&a.fnoid].kind, b'a');
            for f in
                [a.transfn, a.finalfn, a.combinefn, a.serialfn, a.deserialfn, a.mtransfn, a.minvtransfn, a.mfinalfn]
            {
                assert!(f == 0 || procs().contains_key(&f), "aggregate {} names unrecorded {f}", a.fnoid);
            }
        }
    }
}
