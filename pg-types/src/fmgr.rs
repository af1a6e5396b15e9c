//! The function manager: the one registry of SQL-callable functions, keyed
//! by `pg_proc` OID (PostgreSQL's `utils/fmgr/fmgr.c`, the built-in table
//! `fmgrtab.c` and the bootstrap rows of `catalog/pg_proc.dat`).
//!
//! # One home, one OID table
//!
//! Every function the server can call is a [`FuncDef`] in this registry:
//! the part of its `pg_proc` row that calling it needs (name, argument and
//! result types, strictness, volatility) and its implementation (a function
//! pointer). What only the planner needs, the row estimate `prorows`, is a
//! catalog fact kept in pg-catalog. The
//! analyzer resolves calls by name and argument types through
//! [`lookup_functions`] and puts the chosen implementation into the
//! expression tree; the fast-path protocol calls by OID through
//! [`lookup_function_by_oid`]; nothing else looks functions up.
//!
//! A `FuncDef` is made only by [`FuncDef::scalar`] or
//! [`FuncDef::set_returning`], which take the OID from the one OID table
//! (`pg_oids.rs`: PostgreSQL 15's `pg_proc` OIDs, plus a marked section for
//! the few functions PostgreSQL lacks, numbered in 8000-9999, the range
//! PostgreSQL keeps for development and never ships). No caller writes an
//! OID; a function missing from the table is a bug that panics at start-up
//! (and in every test that registers it).
//!
//! # Who registers what
//!
//! This crate's own functions (`utils/adt`: string, numeric and date/time
//! functions in `funcs.rs`, `generate_series` in `srf.rs`) are loaded when
//! the registry is first used, and so is the implementing function of every
//! operator PostgreSQL has (`int4pl` for `int4 + int4`, callable by name):
//! its `pg_proc` row is PostgreSQL's, recorded in [`crate::bootdata`], and
//! its implementation the operator's. Functions whose state lives in a higher
//! layer register their implementation at start-up with
//! [`register_function`], as the layer table requires (a lower layer owns
//! the registry, the higher one fills it): pg-tcop's `pg_backend_pid()`,
//! `version()`, `pg_cancel_backend()`, `pg_stat_get_activity()`, ... from
//! `pg_tcop::register_builtin_functions`, called by the postmaster before it
//! forks, so every backend inherits them.
//!
//! The registry is process-global: each backend is its own process after
//! fork.

use crate::datum::Datum;
use crate::types::Oid;
use pg_error::PgResult;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// `pg_proc.provolatile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volatility {
    /// `'i'`: same result for the same arguments, always.
    Immutable,
    /// `'s'`: same result within one statement.
    Stable,
    /// `'v'`: may change at every call.
    Volatile,
}

/// A scalar function's implementation: arguments in, one value out.
pub type ScalarFn = fn(&[Datum]) -> PgResult<Datum>;

/// How a function is called.
#[derive(Clone)]
pub enum FuncKind {
    /// One value per call.
    Scalar(ScalarFn),
    /// A set-returning function, with the result columns' names and types.
    SetReturning {
        /// The result columns (one, named after the function, for a
        /// function returning a set of a scalar type).
        columns: Vec<(String, Oid)>,
        /// The implementation.
        func: SrfImpl,
    },
}

/// The rows of a set-returning function, produced one at a time as the
/// executor asks for them (PostgreSQL's value-per-call protocol: the
/// iterator is the `FuncCallContext` with its user state).
pub type SetRows = Box<dyn Iterator<Item = PgResult<Vec<Datum>>>>;

/// How a set-returning function hands over its rows (PostgreSQL's
/// `SFRM_ValuePerCall` and `SFRM_Materialize` return modes).
#[derive(Clone, Copy, Debug)]
pub enum SrfImpl {
    /// Returns an iterator that makes one row per call, so a huge series
    /// (`generate_series(1, 2000000000)`) starts returning rows at once and
    /// never holds them all.
    ValuePerCall(fn(&[Datum]) -> PgResult<SetRows>),
    /// Returns all rows at once: for small results that are cheaper to
    /// build in one go (the system views' functions).
    Materialize(fn(&[Datum]) -> PgResult<Vec<Vec<Datum>>>),
}

impl SrfImpl {
    /// Calls the function: its rows, to be read one at a time.
    pub fn call(&self, args: &[Datum]) -> PgResult<SetRows> {
        match self {
            SrfImpl::ValuePerCall(f) => f(args),
            SrfImpl::Materialize(f) => Ok(Box::new(f(args)?.into_iter().map(Ok))),
        }
    }
}

impl std::fmt::Debug for FuncKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FuncKind::Scalar(_) => f.write_str("Scalar"),
            FuncKind::SetReturning { columns, .. } => write!(f, "SetReturning({columns:?})"),
        }
    }
}

/// One function: a `pg_proc` row plus its implementation.
#[derive(Debug, Clone)]
pub struct FuncDef {
    /// `pg_proc.oid`, from the one OID table.
    pub oid: u32,
    /// `proname`.
    pub name: &'static str,
    /// `proargtypes` (for a variadic function, the last is the array or `any`).
    pub arg_types: Vec<Oid>,
    /// Element type of the variadic argument (`any` for `concat`), if variadic.
    pub variadic: Option<Oid>,
    /// The implementation called when a call passes the variadic arguments
    /// as one array (`concat(VARIADIC arr)`, PostgreSQL's `funcvariadic`):
    /// it gets the fixed arguments, then the array (or NULL). `None`: such
    /// calls are not supported for this function.
    pub variadic_array: Option<ScalarFn>,
    /// `proargdefaults`: values of the last `defaults.len()` parameters
    /// when a call leaves them out (`pg_terminate_backend(pid)` is
    /// `pg_terminate_backend(pid, 0)`).
    pub defaults: Vec<Datum>,
    /// `proargnames` of the input parameters, for calls in named notation
    /// (`make_interval(days => 3)`); empty when the parameters are unnamed.
    pub arg_names: Vec<&'static str>,
    /// `prorettype` (`record` for a function with several output columns).
    pub ret_type: Oid,
    /// `proisstrict`: NULL in → NULL out without calling.
    pub strict: bool,
    /// `provolatile`.
    pub volatility: Volatility,
    /// The implementation.
    pub kind: FuncKind,
}

/// The arguments of a call that passed its variadic "any" arguments as
/// one array (`f(VARIADIC arr)`): the fixed arguments followed by the
/// array's elements (all dimensions, in storage order), as PostgreSQL's
/// `extract_variadic_args` spreads them; `None` when the array is NULL.
pub fn spread_variadic_array(a: &[Datum]) -> Option<Vec<Datum>> {
    let (last, fixed) = a.split_last()?;
    let mut args = fixed.to_vec();
    match last {
        Datum::Array(arr) => args.extend(arr.elems().iter().cloned()),
        _ => return None,
    }
    Some(args)
}

/// The OID of `name(args)` in the one OID table; a function missing from it
/// is a bug in the caller (see the module doc).
fn table_oid(name: &str, args: &[Oid]) -> u32 {
    match crate::pg_oids::proc_oid(name, args) {
        0 => panic!("function {name}{args:?} has no pg_proc OID: add it to pg-types' pg_oids.rs"),
        oid => oid,
    }
}

impl FuncDef {
    /// A strict scalar function `name(args) returns ret`.
    pub fn scalar(name: &'static str, args: &[Oid], ret: Oid, volatility: Volatility, f: ScalarFn) -> FuncDef {
        FuncDef::strict(name, args, ret, volatility, FuncKind::Scalar(f))
    }

    /// A strict function with no variadic argument and no defaults, its OID
    /// taken from the one OID table.
    fn strict(name: &'static str, args: &[Oid], ret: Oid, volatility: Volatility, kind: FuncKind) -> FuncDef {
        FuncDef {
            oid: table_oid(name, args),
            name,
            arg_types: args.to_vec(),
            variadic: None,
            variadic_array: None,
            defaults: Vec::new(),
            arg_names: Vec::new(),
            ret_type: ret,
            strict: true,
            volatility,
            kind,
        }
    }

    /// A strict set-returning function `name(args) returns setof ret` with
    /// the given result columns. (Its row estimate, `prorows`, is a catalog
    /// fact: pg-catalog's `Catalog::function_rows`.)
    pub fn set_returning(
        name: &'static str,
        args: &[Oid],
        ret: Oid,
        columns: &[(&str, Oid)],
        volatility: Volatility,
        func: SrfImpl,
    ) -> FuncDef {
        let columns = columns.iter().map(|(n, t)| (n.to_string(), *t)).collect();
        FuncDef::strict(name, args, ret, volatility, FuncKind::SetReturning { columns, func })
    }

    /// The same function, called with NULL arguments too (`proisstrict` false).
    pub fn non_strict(mut self) -> FuncDef {
        self.strict = false;
        self
    }

    /// The same function with a VARIADIC last parameter of element type
    /// `element` (`"any"` for `concat`).
    pub fn variadic(mut self, element: Oid) -> FuncDef {
        self.variadic = Some(element);
        self
    }

    /// The same variadic function, callable with its variadic arguments
    /// as one array (`f(VARIADIC arr)`) through `f` (see
    /// [`FuncDef::variadic_array`] and [`spread_variadic_array`]).
    pub fn with_variadic_array(mut self, f: ScalarFn) -> FuncDef {
        debug_assert!(self.variadic.is_some(), "VARIADIC array form of a function that is not variadic");
        self.variadic_array = Some(f);
        self
    }

    /// The same function with default values for its last parameters
    /// (`proargdefaults`), which calls may leave out.
    pub fn with_defaults(mut self, defaults: Vec<Datum>) -> FuncDef {
        debug_assert!(defaults.len() <= self.arg_types.len(), "more defaults than parameters");
        self.defaults = defaults;
        self
    }

    /// The same function with names for its input parameters
    /// (`proargnames`), which calls may use in named notation.
    pub fn with_arg_names(mut self, names: &[&'static str]) -> FuncDef {
        debug_assert_eq!(names.len(), self.arg_types.len(), "one name per parameter");
        self.arg_names = names.to_vec();
        self
    }

    /// The fewest arguments a call may pass (`pronargs - pronargdefaults`).
    pub fn min_args(&self) -> usize {
        self.arg_types.len() - self.defaults.len()
    }

    /// True for a function that returns a set.
    pub fn returns_set(&self) -> bool {
        matches!(self.kind, FuncKind::SetReturning { .. })
    }
}

/// The registry: functions by OID, and the OIDs of each name (the
/// `pg_proc_oid_index` and `pg_proc_proname_args_nsp_index` of a catalog).
#[derive(Default)]
struct Registry {
    by_oid: HashMap<u32, FuncDef>,
    by_name: HashMap<&'static str, Vec<u32>>,
}

impl Registry {
    fn insert(&mut self, f: FuncDef) {
        let oids = self.by_name.entry(f.name).or_default();
        if !oids.contains(&f.oid) {
            oids.push(f.oid);
        }
        self.by_oid.insert(f.oid, f);
    }
}

fn registry() -> &'static Mutex<Registry> {
    static REG: OnceLock<Mutex<Registry>> = OnceLock::new();
    REG.get_or_init(|| {
        let mut r = Registry::default();
        for f in crate::funcs::builtins() {
            r.insert(f);
        }
        for f in operator_functions() {
            if !r.by_oid.contains_key(&f.oid) {
                r.insert(f);
            }
        }
        Mutex::new(r)
    })
}

/// The implementing function of every operator that has a PostgreSQL OID
/// (`oprcode`: `int4pl` for `int4 + int4`), callable by name as in
/// PostgreSQL: PostgreSQL's name, OID, argument and result types,
/// volatility and strictness from its recorded rows ([`crate::bootdata`]),
/// the operator's implementation. A function PostgreSQL makes non-strict is
/// left to its own `FuncDef` (`array_cat`), since an operator's
/// implementation is only ever called with non-NULL operands.
fn operator_functions() -> Vec<FuncDef> {
    let mut out: Vec<FuncDef> = Vec::new();
    for op in crate::ops::all_operators() {
        let Some(row) = crate::bootdata::operators().get(&op.oid) else { continue };
        let Some(proc) = crate::bootdata::procs().get(&row.code) else { continue };
        if !proc.strict || out.iter().any(|f| f.oid == proc.oid) {
            continue;
        }
        out.push(FuncDef {
            oid: proc.oid,
            name: proc.name,
            arg_types: proc.arg_types.clone(),
            variadic: None,
            variadic_array: None,
            defaults: Vec::new(),
            arg_names: Vec::new(),
            ret_type: proc.ret_type,
            strict: true,
            volatility: match proc.volatile {
                b'i' => Volatility::Immutable,
                b's' => Volatility::Stable,
                _ => Volatility::Volatile,
            },
            kind: FuncKind::Scalar(op.func),
        });
    }
    out
}

/// Registers a function (at start-up, by the layer that implements it). A
/// function with the same OID is replaced, so a test may put a fake in
/// place of a real implementation.
pub fn register_function(f: FuncDef) {
    debug_assert_eq!(f.oid, table_oid(f.name, &f.arg_types), "FuncDef built outside its constructors");
    registry().lock().unwrap_or_else(|e| e.into_inner()).insert(f);
}

/// All overloads of a function name (lower case, as the parser folds it).
pub fn lookup_functions(name: &str) -> Vec<FuncDef> {
    let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    let Some(oids) = reg.by_name.get(name) else { return Vec::new() };
    oids.iter().filter_map(|o| reg.by_oid.get(o)).cloned().collect()
}

/// A function by `pg_proc` OID.
pub fn lookup_function_by_oid(oid: u32) -> Option<FuncDef> {
    registry().lock().unwrap_or_else(|e| e.into_inner()).by_oid.get(&oid).cloned()
}

/// Every registered function, in OID order (for building `pg_proc`).
pub fn all_functions() -> Vec<FuncDef> {
    let reg = registry().lock().unwrap_or_else(|e| e.into_inner());
    let mut v: Vec<FuncDef> = reg.by_oid.values().cloned().collect();
    v.sort_by_key(|f| f.oid);
    v
}

/// The backend's CHECK_FOR_INTERRUPTS for long loops down here
/// (set-returning functions, numeric power): the one hook in `pg-error`
/// that the backend registers at start-up.
pub use pg_error::check_for_interrupts as check_interrupts;
