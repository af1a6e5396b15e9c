//! pg-types: datums, the built-in types with PostgreSQL's OIDs, their text and binary I/O,
//! casts, operators and the function registry.
//!
//! PostgreSQL source area: `src/backend/utils/adt/` (int.c, int8.c, float.c, numeric.c,
//! varlena.c, bool.c, name.c, oid.c, xid.c, network.c, date.c, timestamp.c, datetime.c,
//! like.c), `src/include/catalog/pg_type.dat`, `pg_cast.dat`, `pg_operator.dat`,
//! `pg_proc.dat`, and `utils/fmgr` ([`fmgr`]: the one function registry, keyed by
//! `pg_proc` OID, that higher layers add their functions to at start-up).
//!
//! Dependencies: `pg-error`, and `pg-guc` for the one Boolean parser (`boolin` calls
//! `pg_guc::parse_bool`, as PostgreSQL's GUC code and `boolin` share `parse_bool`)
//! (layer 2). Session settings that output depends on (DateStyle, TimeZone,
//! extra_float_digits, IntervalStyle) come in an explicit [`OutputSettings`] value the
//! backend builds from its GUCs, so this crate reads no setting. Operators that need the session time zone or the transaction timestamp
//! read process-global state the backend sets ([`set_session_timezone`],
//! [`set_transaction_timestamp`], and the connection's addresses through
//! [`network::set_connection_addresses`]) — one session per backend process, as in PostgreSQL.
//!
//! Invariants:
//! - Type, operator and function OIDs are PostgreSQL 15's (clients hard-code them).
//! - Error messages and SQLSTATEs are PostgreSQL's (`invalid input syntax for type integer:
//!   "abc"`, 22P02), so clients and regression tests see the same text.
//! - A [`Datum`] carries no type: callers tag values with a type OID; [`io::natural_type`]
//!   gives the default type of a variant.
//! - No threads, no unsafe code; process-global state is per process (we fork()).
//! - Text compares bytewise (the "C" collation) until collations exist.
#![forbid(unsafe_code)]

pub mod acl;
pub mod array;
pub mod arrayfuncs;
pub mod binary;
pub mod casts;
pub mod datetime;
pub mod datum;
pub mod encoding;
pub mod errors;
pub mod float;
pub mod fmgr;
pub mod funcs;
pub mod inet;
pub mod interval;
pub mod io;
pub mod like;
pub mod numeric;
pub mod ops;
mod pg_oids;
pub mod regexp;
mod srf;
pub mod storage;
pub mod types;
pub mod validate;
// ---- tz
pub mod timezone_abbrevs;
mod tzfuncs;
// ---- funcs
mod mathfuncs;
// ---- fmt
mod formatting;
pub use mathfuncs::PG_TYPEOF_OID;
// ---- datetime
mod datefuncs;
pub mod timetz;
// ---- inet
pub mod network;
mod textfuncs;
// ---- num
mod numfuncs;

pub use binary::{recv, send};
pub use casts::{apply_typmod, find_cast, perform_cast, run_cast, CastContext, CastDef, CastFn, CastFunc};
pub use datetime::{
    clock_timestamp, session_timezone, set_session_timezone, set_statement_timestamp, set_transaction_timestamp,
    statement_timestamp, transaction_timestamp, TimeZone,
};
pub use datum::{datum_cmp, datum_cmp_typed, Datum, Inet, Interval, TimeTz};
pub use fmgr::{
    all_functions, check_interrupts, lookup_function_by_oid, lookup_functions, register_function, FuncDef, FuncKind,
    ScalarFn, SetRows, SrfImpl, Volatility,
};
pub use io::{
    check_output_size, format_pg_snapshot, input, output, parse_pg_snapshot, DateOrder, DateStyle, IntervalStyle,
    OutputSettings, PgSnapshotValue,
};
pub use numeric::Numeric;
pub use ops::{all_operators, find_operator, lookup_operators, OperatorDef};
pub use types::{format_type, lookup_type, lookup_type_by_name, oid, Oid, TypeInfo, TYPES};
// ---- agg
pub mod json;
// ---- catalog: PostgreSQL's recorded catalog rows and the aggregate list.
pub mod aggregates;
mod aggsupport;
pub mod bootdata;
