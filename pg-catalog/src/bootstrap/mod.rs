//! The catalogs' initial content (PostgreSQL's `.dat` files run through
//! `genbki.pl`, plus what initdb adds in bootstrap mode): every row initdb
//! writes, generated from [`crate::catdef`] and pg-types' registries.
//!
//! [`bootstrap_rows`] must run after every crate has registered its
//! functions (`pg_tcop::register_builtin_functions`): `pg_proc` lists every
//! function in pg-types' function manager, `pg_operator` every operator,
//! `pg_aggregate` every aggregate of `pg_types::aggregates`, `pg_cast`
//! every cast, `pg_type` every built-in type and each catalog's row type.
//! Operators and aggregates take PostgreSQL's own rows for the same OID
//! (`pg_types::bootdata`: `oprcode`, `oprcom`, `oprrest`, `aggtransfn`,
//! ...), and `pg_proc` also gets PostgreSQL's rows of the functions those
//! name that the function manager does not call: the aggregates themselves
//! (`prokind` `a`), the selectivity estimators (`eqsel`) and aggregate
//! support functions (`int4_sum`, `numeric_avg_accum`), which the
//! executor's aggregates do the work of. Rows other than those carry PostgreSQL 15's OIDs; rows
//! PostgreSQL numbers by genbki (casts) get OIDs from
//! [`FIRST_BOOTSTRAP_OID`] up, in a fixed order, so two initdbs make
//! identical catalogs. The few operators of pg-types' table that
//! PostgreSQL lacks (`regclass = regclass`, which PostgreSQL answers with
//! `oid = oid` through binary coercion) get no `pg_operator` row, so the
//! catalog lists PostgreSQL's operators only.
//!
//! Not yet written: ACLs (`aclitem` has no storage yet, so `relacl`,
//! `datacl`, `nspacl` are NULL: default privileges), the type I/O
//! functions' OIDs in `pg_type` (0), `pg_depend`'s pin
//! entries, `pg_opclass`/`pg_amop`/`pg_amproc` (no indexes yet).

pub mod write;

pub use write::{
    append_rows, bootstrap_cluster, copy_database_dir, copy_template1, write_catalogs, write_template1, BootstrapStats,
};

use crate::catdef::{
    self, pg_am, pg_attribute, pg_auth_members, pg_authid, pg_cast, pg_class, pg_collation, pg_database, pg_language,
    pg_namespace, pg_operator, pg_proc, pg_tablespace, pg_type, CatalogDef,
};
use crate::{
    BOOTSTRAP_SUPERUSER_ID, INFORMATION_SCHEMA_NAMESPACE, PG_CATALOG_NAMESPACE, PG_PUBLIC_NAMESPACE, PG_TOAST_NAMESPACE,
};
use pg_types::acl::AclItem;
use pg_types::{Datum, Oid, TypeInfo};
use std::collections::BTreeMap;

/// Where the OIDs of generated rows start (PostgreSQL's
/// `FirstGenbkiObjectId` range holds the row types it numbers itself, so
/// this server's own numbering starts above those and below
/// `FirstNormalObjectId`).
pub const FIRST_BOOTSTRAP_OID: Oid = 14000;

/// The bootstrap superuser's name (PostgreSQL takes the OS user's; this
/// server's initdb always makes `postgres`).
pub const BOOTSTRAP_SUPERUSER_NAME: &str = "postgres";

/// `pg_database_owner`, the owner of `public` (PostgreSQL 15).
pub const PG_DATABASE_OWNER: Oid = 6171;

/// The databases initdb makes: OID, name, `datistemplate`, `datallowconn`.
pub static DATABASES: &[(Oid, &str, bool, bool)] =
    &[(1, "template1", true, true), (4, "template0", true, false), (5, "postgres", false, true)];

/// PostgreSQL 15's predefined roles (NOLOGIN, INHERIT).
pub static PREDEFINED_ROLES: &[(Oid, &str)] = &[
    (3373, "pg_monitor"),
    (3374, "pg_read_all_settings"),
    (3375, "pg_read_all_stats"),
    (3377, "pg_stat_scan_tables"),
    (4200, "pg_signal_backend"),
    (4544, "pg_checkpoint"),
    (4569, "pg_read_server_files"),
    (4570, "pg_write_server_files"),
    (4571, "pg_execute_server_program"),
    (6171, "pg_database_owner"),
    (6181, "pg_read_all_data"),
    (6182, "pg_write_all_data"),
];

/// The rows of every catalog, by catalog OID (shared catalogs included:
/// the caller writes those once, under `global/`).
pub type CatalogRows = BTreeMap<Oid, Vec<Vec<Datum>>>;

fn text(s: &str) -> Datum {
    Datum::Text(s.to_string())
}

/// An `oidvector` value (subscripts from 0).
fn oid_vector(v: &[Oid]) -> Datum {
    Datum::Array(pg_types::array::ArrayValue::vector(v.iter().map(|o| Datum::Oid(*o)).collect()))
}

fn oids(v: &[Oid]) -> Datum {
    Datum::Array(v.iter().map(|o| Datum::Oid(*o)).collect())
}

struct Builder {
    rows: CatalogRows,
    next_oid: Oid,
}

impl Builder {
    fn row(&mut self, def: &CatalogDef, set: impl FnOnce(&mut Vec<Datum>)) {
        let mut r = catdef::new_row(def);
        set(&mut r);
        self.rows.entry(def.oid).or_default().push(r);
    }

    fn new_oid(&mut self) -> Oid {
        let o = self.next_oid;
        self.next_oid += 1;
        o
    }
}

/// Every initial row of every catalog, for the bootstrap superuser
/// `superuser` (PostgreSQL names it after the user running initdb; this
/// server's initdb passes `postgres`).
pub fn bootstrap_rows(superuser: &str) -> CatalogRows {
    let mut b = Builder { rows: BTreeMap::new(), next_oid: FIRST_BOOTSTRAP_OID };
    for def in catdef::CATALOGS {
        b.rows.insert(def.oid, Vec::new());
    }
    namespaces(&mut b);
    relations(&mut b);
    types(&mut b);
    procs(&mut b);
    operators(&mut b);
    aggregates(&mut b);
    casts(&mut b);
    access_methods(&mut b);
    languages(&mut b);
    collations(&mut b);
    roles(&mut b, superuser);
    databases(&mut b);
    tablespaces(&mut b);
    // ---- sysviews: last, over the rows above.
    descriptions(&mut b);
    b.rows
}

/// PostgreSQL 15's descriptions of built-in objects (`descriptions.tsv`,
/// recorded from PostgreSQL; its header says how).
static DESCRIPTIONS: &str = include_str!("descriptions.tsv");

/// Undoes COPY's text escapes (`\t`, `\n`, `\\`).
fn copy_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// `pg_description` (and `pg_shdescription` for databases) rows for the
/// built-in objects that exist here: what psql's `\df+`, `\dT`, `\dn+`,
/// `\l+` and drivers read through `obj_description`. A description of an
/// object this server lacks (a function it does not have) is left out.
fn descriptions(b: &mut Builder) {
    use crate::catdef::{pg_description, pg_shdescription};
    // The catalog named in the data, and the position of its OID column.
    let catalogs: [(&str, Oid, usize); 8] = [
        ("pg_proc", pg_proc::RELATION_ID, pg_proc::OID),
        ("pg_operator", pg_operator::RELATION_ID, pg_operator::OID),
        ("pg_type", pg_type::RELATION_ID, pg_type::OID),
        ("pg_am", pg_am::RELATION_ID, pg_am::OID),
        ("pg_language", pg_language::RELATION_ID, pg_language::OID),
        ("pg_namespace", pg_namespace::RELATION_ID, pg_namespace::OID),
        ("pg_collation", pg_collation::RELATION_ID, pg_collation::OID),
        ("pg_database", pg_database::RELATION_ID, pg_database::OID),
    ];
    let existing: BTreeMap<Oid, std::collections::BTreeSet<Oid>> = catalogs
        .iter()
        .map(|&(_, relid, col)| {
            let oids = b.rows.get(&relid).into_iter().flatten().filter_map(|r| r[col].as_i64()).map(|o| o as Oid);
            (relid, oids.collect())
        })
        .collect();
    for line in DESCRIPTIONS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut f = line.splitn(4, '\t');
        let (Some(catalog), Some(objoid), Some(subid), Some(text)) = (f.next(), f.next(), f.next(), f.next()) else {
            continue;
        };
        let Some(&(_, classoid, _)) = catalogs.iter().find(|c| c.0 == catalog) else { continue };
        let (Ok(objoid), Ok(subid)) = (objoid.parse::<Oid>(), subid.parse::<i32>()) else { continue };
        if !existing.get(&classoid).is_some_and(|s| s.contains(&objoid)) {
            continue;
        }
        let description = copy_unescape(text);
        if classoid == pg_database::RELATION_ID {
            b.row(&pg_shdescription::DEF, |r| {
                r[pg_shdescription::OBJOID] = Datum::Oid(objoid);
                r[pg_shdescription::CLASSOID] = Datum::Oid(classoid);
                r[pg_shdescription::DESCRIPTION] = Datum::Text(description);
            });
        } else {
            b.row(&pg_description::DEF, |r| {
                r[pg_description::OBJOID] = Datum::Oid(objoid);
                r[pg_description::CLASSOID] = Datum::Oid(classoid);
                r[pg_description::OBJSUBID] = Datum::Int4(subid);
                r[pg_description::DESCRIPTION] = Datum::Text(description);
            });
        }
    }
}

fn namespaces(b: &mut Builder) {
    for (oid, name, owner) in [
        (PG_CATALOG_NAMESPACE, "pg_catalog", BOOTSTRAP_SUPERUSER_ID),
        (PG_TOAST_NAMESPACE, "pg_toast", BOOTSTRAP_SUPERUSER_ID),
        (PG_PUBLIC_NAMESPACE, "public", PG_DATABASE_OWNER),
        (INFORMATION_SCHEMA_NAMESPACE, "information_schema", BOOTSTRAP_SUPERUSER_ID),
    ] {
        b.row(&pg_namespace::DEF, |r| {
            r[pg_namespace::OID] = Datum::Oid(oid);
            r[pg_namespace::NSPNAME] = text(name);
            r[pg_namespace::NSPOWNER] = Datum::Oid(owner);
        });
    }
}

/// The `pg_class` row of a system catalog.
pub fn catalog_class_row(def: &CatalogDef) -> Vec<Datum> {
    let mut r = catdef::new_row(&pg_class::DEF);
    r[pg_class::OID] = Datum::Oid(def.oid);
    r[pg_class::RELNAME] = text(def.name);
    r[pg_class::RELNAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
    r[pg_class::RELTYPE] = Datum::Oid(def.rowtype);
    r[pg_class::RELOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
    r[pg_class::RELAM] = Datum::Oid(HEAP_TABLE_AM_OID);
    r[pg_class::RELFILENODE] = Datum::Oid(def.relfilenode());
    r[pg_class::RELTABLESPACE] = Datum::Oid(def.tablespace());
    r[pg_class::RELTUPLES] = Datum::Float4(-1.0);
    r[pg_class::RELISSHARED] = Datum::Bool(def.shared);
    r[pg_class::RELPERSISTENCE] = Datum::Char(b'p');
    r[pg_class::RELKIND] = Datum::Char(b'r');
    r[pg_class::RELNATTS] = Datum::Int2(def.columns.len() as i16);
    r[pg_class::RELISPOPULATED] = Datum::Bool(true);
    r[pg_class::RELREPLIDENT] = Datum::Char(b'n');
    r[pg_class::RELFROZENXID] = Datum::Xid(FIRST_NORMAL_XID32);
    r[pg_class::RELMINMXID] = Datum::Xid(1);
    r
}

/// `relfrozenxid`/`datfrozenxid` of what initdb makes: the first normal
/// transaction id (the catalogs' rows are the bootstrap transaction's).
const FIRST_NORMAL_XID32: u32 = 3;

/// `heap`'s `pg_am` OID (`HEAP_TABLE_AM_OID`).
pub const HEAP_TABLE_AM_OID: Oid = 2;

/// The `pg_attribute` rows of a system catalog's columns and its system
/// columns.
pub fn attribute_rows(relid: Oid, def: &CatalogDef) -> Vec<Vec<Datum>> {
    let mut out = Vec::new();
    for (i, c) in def.columns.iter().enumerate() {
        let mut r = catdef::new_row(&pg_attribute::DEF);
        r[pg_attribute::ATTRELID] = Datum::Oid(relid);
        r[pg_attribute::ATTNAME] = text(c.name);
        r[pg_attribute::ATTTYPID] = Datum::Oid(c.type_oid);
        r[pg_attribute::ATTSTATTARGET] = Datum::Int4(-1);
        r[pg_attribute::ATTLEN] = Datum::Int2(c.len);
        r[pg_attribute::ATTNUM] = Datum::Int2(i as i16 + 1);
        let is_array = catdef::lookup_type(c.type_oid).is_some_and(|t| t.elem != 0 && t.len == -1)
            || matches!(c.type_oid, pg_types::oid::INT2VECTOR | pg_types::oid::OIDVECTOR)
            || catdef::CATALOGS.iter().any(|d| d.rowtype_array == c.type_oid);
        // genbki gives array and vector columns one dimension.
        r[pg_attribute::ATTNDIMS] = Datum::Int4(i32::from(is_array));
        r[pg_attribute::ATTCACHEOFF] = Datum::Int4(-1);
        r[pg_attribute::ATTTYPMOD] = Datum::Int4(c.typmod);
        r[pg_attribute::ATTBYVAL] = Datum::Bool(c.byval);
        r[pg_attribute::ATTALIGN] = Datum::Char(c.align);
        r[pg_attribute::ATTSTORAGE] = Datum::Char(c.storage);
        r[pg_attribute::ATTCOMPRESSION] = Datum::Char(0);
        r[pg_attribute::ATTNOTNULL] = Datum::Bool(c.not_null);
        r[pg_attribute::ATTIDENTITY] = Datum::Char(0);
        r[pg_attribute::ATTGENERATED] = Datum::Char(0);
        r[pg_attribute::ATTISLOCAL] = Datum::Bool(true);
        r[pg_attribute::ATTCOLLATION] = Datum::Oid(c.collation);
        out.push(r);
    }
    out.extend(system_attribute_rows(relid));
    out
}

/// The `pg_attribute` rows of the six system columns of heap relation `relid`.
pub fn system_attribute_rows(relid: Oid) -> Vec<Vec<Datum>> {
    catdef::SYSTEM_ATTRIBUTES
        .iter()
        .map(|a| {
            let mut r = catdef::new_row(&pg_attribute::DEF);
            r[pg_attribute::ATTRELID] = Datum::Oid(relid);
            r[pg_attribute::ATTNAME] = text(a.name);
            r[pg_attribute::ATTTYPID] = Datum::Oid(a.type_oid);
            r[pg_attribute::ATTSTATTARGET] = Datum::Int4(0);
            r[pg_attribute::ATTLEN] = Datum::Int2(a.len);
            r[pg_attribute::ATTNUM] = Datum::Int2(a.attnum);
            r[pg_attribute::ATTCACHEOFF] = Datum::Int4(-1);
            r[pg_attribute::ATTTYPMOD] = Datum::Int4(-1);
            r[pg_attribute::ATTBYVAL] = Datum::Bool(a.byval);
            r[pg_attribute::ATTALIGN] = Datum::Char(a.align);
            r[pg_attribute::ATTSTORAGE] = Datum::Char(b'p');
            r[pg_attribute::ATTCOMPRESSION] = Datum::Char(0);
            r[pg_attribute::ATTNOTNULL] = Datum::Bool(true);
            r[pg_attribute::ATTIDENTITY] = Datum::Char(0);
            r[pg_attribute::ATTGENERATED] = Datum::Char(0);
            r[pg_attribute::ATTISLOCAL] = Datum::Bool(true);
            r
        })
        .collect()
}

fn relations(b: &mut Builder) {
    for def in catdef::CATALOGS {
        let class = catalog_class_row(def);
        b.rows.entry(pg_class::RELATION_ID).or_default().push(class);
        let attrs = attribute_rows(def.oid, def);
        b.rows.entry(pg_attribute::RELATION_ID).or_default().extend(attrs);
    }
}

/// The `pg_type` row of a base, pseudo or array type.
pub fn type_row(t: &TypeInfo) -> Vec<Datum> {
    let mut r = catdef::new_row(&pg_type::DEF);
    r[pg_type::OID] = Datum::Oid(t.oid);
    r[pg_type::TYPNAME] = text(t.name);
    r[pg_type::TYPNAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
    r[pg_type::TYPOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
    r[pg_type::TYPLEN] = Datum::Int2(t.len);
    r[pg_type::TYPBYVAL] = Datum::Bool(t.byval);
    r[pg_type::TYPTYPE] = Datum::Char(t.typtype);
    r[pg_type::TYPCATEGORY] = Datum::Char(t.category);
    r[pg_type::TYPISPREFERRED] = Datum::Bool(t.preferred);
    r[pg_type::TYPISDEFINED] = Datum::Bool(true);
    r[pg_type::TYPDELIM] = Datum::Char(b',');
    r[pg_type::TYPELEM] = Datum::Oid(t.elem);
    r[pg_type::TYPARRAY] = Datum::Oid(t.array);
    r[pg_type::TYPALIGN] = Datum::Char(t.align);
    r[pg_type::TYPSTORAGE] = Datum::Char(catdef::type_storage(t));
    r[pg_type::TYPTYPMOD] = Datum::Int4(-1);
    r[pg_type::TYPCOLLATION] = Datum::Oid(type_collation(t.oid));
    // Where pg-types' table is coarser than pg_type.dat: the fixed-length
    // "arrays" name/int2vector/oidvector have an element type for
    // subscripting, two pseudo-types are filed as base types there, and
    // _tid aligns as its array header does.
    match t.oid {
        pg_types::oid::NAME => r[pg_type::TYPELEM] = Datum::Oid(pg_types::oid::CHAR),
        pg_types::oid::INT2VECTOR => r[pg_type::TYPELEM] = Datum::Oid(pg_types::oid::INT2),
        pg_types::oid::OIDVECTOR => r[pg_type::TYPELEM] = Datum::Oid(pg_types::oid::OID),
        pg_types::oid::UNKNOWN => r[pg_type::TYPTYPE] = Datum::Char(b'p'),
        pg_types::oid::RECORD_ARRAY => {
            r[pg_type::TYPTYPE] = Datum::Char(b'p');
            r[pg_type::TYPCATEGORY] = Datum::Char(b'P');
        }
        1010 => r[pg_type::TYPALIGN] = Datum::Char(b'i'),
        _ => {}
    }
    r
}

/// `typcollation`: `C` for `name`, `default` for the other collatable
/// string types, 0 for the rest.
fn type_collation(oid: Oid) -> Oid {
    use pg_types::oid as t;
    match oid {
        t::NAME | t::NAME_ARRAY => C_COLLATION_OID,
        t::TEXT | t::VARCHAR | t::BPCHAR | t::TEXT_ARRAY | t::VARCHAR_ARRAY | t::BPCHAR_ARRAY => DEFAULT_COLLATION_OID,
        194 | 3361 | 3402 | 5017 => DEFAULT_COLLATION_OID,
        _ => 0,
    }
}

/// `default`'s `pg_collation` OID.
pub const DEFAULT_COLLATION_OID: Oid = 100;
/// `C`'s `pg_collation` OID.
pub const C_COLLATION_OID: Oid = 950;

/// The `pg_type` rows of a relation's row type and its array type.
pub fn rowtype_rows(relid: Oid, name: &str, namespace: Oid, rowtype: Oid, array: Oid) -> [Vec<Datum>; 2] {
    let mut r = catdef::new_row(&pg_type::DEF);
    r[pg_type::OID] = Datum::Oid(rowtype);
    r[pg_type::TYPNAME] = text(name);
    r[pg_type::TYPNAMESPACE] = Datum::Oid(namespace);
    r[pg_type::TYPOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
    r[pg_type::TYPLEN] = Datum::Int2(-1);
    r[pg_type::TYPTYPE] = Datum::Char(b'c');
    r[pg_type::TYPCATEGORY] = Datum::Char(b'C');
    r[pg_type::TYPISDEFINED] = Datum::Bool(true);
    r[pg_type::TYPDELIM] = Datum::Char(b',');
    r[pg_type::TYPRELID] = Datum::Oid(relid);
    r[pg_type::TYPARRAY] = Datum::Oid(array);
    r[pg_type::TYPALIGN] = Datum::Char(b'd');
    r[pg_type::TYPSTORAGE] = Datum::Char(b'x');
    r[pg_type::TYPTYPMOD] = Datum::Int4(-1);
    let mut a = r.clone();
    a[pg_type::OID] = Datum::Oid(array);
    a[pg_type::TYPNAME] = text(&format!("_{name}"));
    a[pg_type::TYPTYPE] = Datum::Char(b'b');
    a[pg_type::TYPCATEGORY] = Datum::Char(b'A');
    a[pg_type::TYPRELID] = Datum::Oid(0);
    a[pg_type::TYPELEM] = Datum::Oid(rowtype);
    a[pg_type::TYPARRAY] = Datum::Oid(0);
    [r, a]
}

fn types(b: &mut Builder) {
    let rows = b.rows.entry(pg_type::RELATION_ID).or_default();
    for t in pg_types::TYPES.iter().chain(catdef::CATALOG_ONLY_TYPES) {
        rows.push(type_row(t));
    }
    for def in catdef::CATALOGS {
        rows.extend(rowtype_rows(def.oid, def.name, PG_CATALOG_NAMESPACE, def.rowtype, def.rowtype_array));
    }
}

fn procs(b: &mut Builder) {
    use pg_types::fmgr::{FuncKind, Volatility};
    let recorded = pg_types::bootdata::procs();
    let functions = pg_types::fmgr::all_functions();
    for f in &functions {
        b.row(&pg_proc::DEF, |r| {
            r[pg_proc::OID] = Datum::Oid(f.oid);
            r[pg_proc::PRONAME] = text(f.name);
            r[pg_proc::PRONAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
            r[pg_proc::PROOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_proc::PROLANG] = Datum::Oid(INTERNAL_LANGUAGE_OID);
            r[pg_proc::PROCOST] = Datum::Float4(1.0);
            let retset = f.returns_set();
            r[pg_proc::PROROWS] = Datum::Float4(if retset { crate::builtin::function_rows(f) as f32 } else { 0.0 });
            r[pg_proc::PROVARIADIC] = Datum::Oid(f.variadic.unwrap_or(0));
            r[pg_proc::PROSUPPORT] = Datum::Oid(0);
            r[pg_proc::PROKIND] = Datum::Char(b'f');
            r[pg_proc::PROISSTRICT] = Datum::Bool(f.strict);
            r[pg_proc::PRORETSET] = Datum::Bool(retset);
            r[pg_proc::PROVOLATILE] = Datum::Char(match f.volatility {
                Volatility::Immutable => b'i',
                Volatility::Stable => b's',
                Volatility::Volatile => b'v',
            });
            r[pg_proc::PROPARALLEL] = Datum::Char(b's');
            r[pg_proc::PRONARGS] = Datum::Int2(f.arg_types.len() as i16);
            r[pg_proc::PRONARGDEFAULTS] = Datum::Int2(f.defaults.len() as i16);
            r[pg_proc::PRORETTYPE] = Datum::Oid(f.ret_type);
            r[pg_proc::PROARGTYPES] = oid_vector(&f.arg_types);
            if let FuncKind::SetReturning { columns, .. } = &f.kind {
                // A function with several output columns lists them as OUT
                // parameters after its inputs.
                if f.ret_type == pg_types::oid::RECORD {
                    let mut all: Vec<Oid> = f.arg_types.clone();
                    all.extend(columns.iter().map(|c| c.1));
                    let mut modes = vec![Datum::Char(b'i'); f.arg_types.len()];
                    modes.extend(columns.iter().map(|_| Datum::Char(b'o')));
                    let mut names = vec![text(""); f.arg_types.len()];
                    names.extend(columns.iter().map(|c| text(&c.0)));
                    r[pg_proc::PROALLARGTYPES] = oids(&all);
                    r[pg_proc::PROARGMODES] = Datum::Array(modes.into());
                    r[pg_proc::PROARGNAMES] = Datum::Array(names.into());
                }
            }
            // A variadic function marks its last parameter 'v'
            // (all the others 'i'), which pg_get_function_arguments prints as
            // VARIADIC.
            if f.variadic.is_some() && !f.arg_types.is_empty() && matches!(f.kind, FuncKind::Scalar(_)) {
                let mut modes = vec![Datum::Char(b'i'); f.arg_types.len() - 1];
                modes.push(Datum::Char(b'v'));
                r[pg_proc::PROALLARGTYPES] = oids(&f.arg_types);
                r[pg_proc::PROARGMODES] = Datum::Array(modes.into());
            }
            // ---- datetime: named input parameters (make_interval's years,
            // months, ...), which calls in named notation match.
            if !f.arg_names.is_empty() && matches!(f.kind, FuncKind::Scalar(_)) {
                let names: Vec<Datum> = f.arg_names.iter().map(|n| text(n)).collect();
                r[pg_proc::PROARGNAMES] = Datum::Array(names.into());
            }
            r[pg_proc::PROSRC] = text(f.name);
            // ---- catalog: what PostgreSQL's row says beyond calling, for
            // the functions whose rows are recorded (operators' functions).
            if let Some(p) = recorded.get(&f.oid) {
                r[pg_proc::PROCOST] = Datum::Float4(p.cost);
                r[pg_proc::PROLEAKPROOF] = Datum::Bool(p.leakproof);
                r[pg_proc::PROPARALLEL] = Datum::Char(p.parallel);
                r[pg_proc::PROSRC] = text(p.src);
            }
        });
    }
    // ---- catalog: the rows of functions that exist only as catalog
    // entries, named by the operators and aggregates that exist: the
    // selectivity estimators (`eqsel`), aggregates themselves (prokind
    // 'a': the analyzer resolves them, they are never called as functions)
    // and aggregate support functions that take or return `internal`, or
    // that the executor's aggregates do the work of.
    let callable: std::collections::HashSet<Oid> = functions.iter().map(|f| f.oid).collect();
    let mut named: std::collections::BTreeSet<Oid> = std::collections::BTreeSet::new();
    for op in pg_types::all_operators() {
        if let Some(o) = pg_types::bootdata::operators().get(&op.oid) {
            named.extend([o.rest, o.join]);
        }
    }
    for (p, a) in pg_types::aggregates::builtin_aggregates() {
        named.extend([p.oid, a.transfn, a.finalfn, a.combinefn, a.serialfn, a.deserialfn]);
        named.extend([a.mtransfn, a.minvtransfn, a.mfinalfn]);
    }
    for oid in named.into_iter().filter(|o| *o != 0 && !callable.contains(o)) {
        let p = &recorded[&oid];
        b.row(&pg_proc::DEF, |r| recorded_proc_row(r, p));
    }
}

/// A `pg_proc` row as PostgreSQL 15 recorded it (language `internal`).
fn recorded_proc_row(r: &mut [Datum], p: &pg_types::bootdata::PgProcRow) {
    r[pg_proc::OID] = Datum::Oid(p.oid);
    r[pg_proc::PRONAME] = text(p.name);
    r[pg_proc::PRONAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
    r[pg_proc::PROOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
    r[pg_proc::PROLANG] = Datum::Oid(INTERNAL_LANGUAGE_OID);
    r[pg_proc::PROCOST] = Datum::Float4(p.cost);
    r[pg_proc::PROROWS] = Datum::Float4(p.rows);
    r[pg_proc::PROVARIADIC] = Datum::Oid(p.variadic);
    r[pg_proc::PROKIND] = Datum::Char(p.kind);
    r[pg_proc::PROLEAKPROOF] = Datum::Bool(p.leakproof);
    r[pg_proc::PROISSTRICT] = Datum::Bool(p.strict);
    r[pg_proc::PRORETSET] = Datum::Bool(p.retset);
    r[pg_proc::PROVOLATILE] = Datum::Char(p.volatile);
    r[pg_proc::PROPARALLEL] = Datum::Char(p.parallel);
    r[pg_proc::PRONARGS] = Datum::Int2(p.arg_types.len() as i16);
    r[pg_proc::PRORETTYPE] = Datum::Oid(p.ret_type);
    r[pg_proc::PROARGTYPES] = oid_vector(&p.arg_types);
    if let Some(all) = &p.all_arg_types {
        r[pg_proc::PROALLARGTYPES] = oids(all);
    }
    if let Some(modes) = &p.arg_modes {
        r[pg_proc::PROARGMODES] = Datum::Array(modes.iter().map(|m| Datum::Char(*m)).collect::<Vec<_>>().into());
    }
    if let Some(names) = &p.arg_names {
        r[pg_proc::PROARGNAMES] = Datum::Array(names.iter().map(|n| text(n)).collect::<Vec<_>>().into());
    }
    r[pg_proc::PROSRC] = text(p.src);
}

/// `pg_aggregate` rows of the aggregates that exist, as PostgreSQL 15's.
fn aggregates(b: &mut Builder) {
    use crate::catdef::pg_aggregate as a;
    for (_, row) in pg_types::aggregates::builtin_aggregates() {
        b.row(&a::DEF, |r| {
            r[a::AGGFNOID] = Datum::Oid(row.fnoid);
            r[a::AGGKIND] = Datum::Char(row.kind);
            r[a::AGGNUMDIRECTARGS] = Datum::Int2(row.num_direct_args);
            r[a::AGGTRANSFN] = Datum::Oid(row.transfn);
            r[a::AGGFINALFN] = Datum::Oid(row.finalfn);
            r[a::AGGCOMBINEFN] = Datum::Oid(row.combinefn);
            r[a::AGGSERIALFN] = Datum::Oid(row.serialfn);
            r[a::AGGDESERIALFN] = Datum::Oid(row.deserialfn);
            r[a::AGGMTRANSFN] = Datum::Oid(row.mtransfn);
            r[a::AGGMINVTRANSFN] = Datum::Oid(row.minvtransfn);
            r[a::AGGMFINALFN] = Datum::Oid(row.mfinalfn);
            r[a::AGGFINALEXTRA] = Datum::Bool(row.finalextra);
            r[a::AGGMFINALEXTRA] = Datum::Bool(row.mfinalextra);
            r[a::AGGFINALMODIFY] = Datum::Char(row.finalmodify);
            r[a::AGGMFINALMODIFY] = Datum::Char(row.mfinalmodify);
            r[a::AGGSORTOP] = Datum::Oid(row.sortop);
            r[a::AGGTRANSTYPE] = Datum::Oid(row.transtype);
            r[a::AGGTRANSSPACE] = Datum::Int4(row.transspace);
            r[a::AGGMTRANSTYPE] = Datum::Oid(row.mtranstype);
            r[a::AGGMTRANSSPACE] = Datum::Int4(row.mtransspace);
            r[a::AGGINITVAL] = row.initval.map_or(Datum::Null, text);
            r[a::AGGMINITVAL] = row.minitval.map_or(Datum::Null, text);
        });
    }
}

/// `internal`'s `pg_language` OID.
pub const INTERNAL_LANGUAGE_OID: Oid = 12;

/// `pg_operator`: every operator of pg-types' table that PostgreSQL has,
/// with PostgreSQL's row (its implementing function, commutator, negator,
/// estimators, merge and hash flags), except that a commutator or negator
/// this server lacks is left out (0) rather than dangling.
fn operators(b: &mut Builder) {
    let recorded = pg_types::bootdata::operators();
    let callable: std::collections::HashSet<Oid> = pg_types::fmgr::all_functions().iter().map(|f| f.oid).collect();
    let existing: std::collections::HashSet<Oid> = pg_types::all_operators().iter().map(|o| o.oid).collect();
    let mut seen = std::collections::HashSet::new();
    for op in pg_types::all_operators() {
        if op.oid == 0 || !seen.insert(op.oid) {
            continue;
        }
        let oid = op.oid;
        let pg = recorded.get(&oid);
        b.row(&pg_operator::DEF, |r| {
            r[pg_operator::OID] = Datum::Oid(oid);
            r[pg_operator::OPRNAME] = text(op.name);
            r[pg_operator::OPRNAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
            r[pg_operator::OPROWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_operator::OPRKIND] = Datum::Char(if op.left.is_some() { b'b' } else { b'l' });
            r[pg_operator::OPRLEFT] = Datum::Oid(op.left.unwrap_or(0));
            r[pg_operator::OPRRIGHT] = Datum::Oid(op.right);
            r[pg_operator::OPRRESULT] = Datum::Oid(op.result);
            if let Some(pg) = pg {
                let present = |o: Oid| if existing.contains(&o) { o } else { 0 };
                r[pg_operator::OPRKIND] = Datum::Char(pg.kind);
                r[pg_operator::OPRCANMERGE] = Datum::Bool(pg.can_merge);
                r[pg_operator::OPRCANHASH] = Datum::Bool(pg.can_hash);
                // PostgreSQL's operand types where this server has them
                // (`anycompatiblearray` for `||` of arrays is `anyarray` here).
                if [pg.left, pg.right, pg.result].iter().all(|&t| t == 0 || pg_types::lookup_type(t).is_some()) {
                    r[pg_operator::OPRLEFT] = Datum::Oid(pg.left);
                    r[pg_operator::OPRRIGHT] = Datum::Oid(pg.right);
                    r[pg_operator::OPRRESULT] = Datum::Oid(pg.result);
                }
                r[pg_operator::OPRCOM] = Datum::Oid(present(pg.commutator));
                r[pg_operator::OPRNEGATE] = Datum::Oid(present(pg.negator));
                r[pg_operator::OPRCODE] = Datum::Oid(if callable.contains(&pg.code) { pg.code } else { 0 });
                r[pg_operator::OPRREST] = Datum::Oid(pg.rest);
                r[pg_operator::OPRJOIN] = Datum::Oid(pg.join);
            }
        });
    }
}

fn casts(b: &mut Builder) {
    use pg_types::casts::{CastContext, CastFunc, CASTS};
    for c in CASTS {
        let oid = b.new_oid();
        // The conversion function is named after the target type, as
        // PostgreSQL's are (`int4(int8)`), when the function manager has it.
        let func = match c.func {
            CastFunc::Function(_) => pg_types::lookup_type(c.target)
                .and_then(|t| {
                    pg_types::fmgr::lookup_functions(t.name)
                        .into_iter()
                        .find(|f| f.arg_types.first() == Some(&c.source))
                })
                .map_or(0, |f| f.oid),
            _ => 0,
        };
        b.row(&pg_cast::DEF, |r| {
            r[pg_cast::OID] = Datum::Oid(oid);
            r[pg_cast::CASTSOURCE] = Datum::Oid(c.source);
            r[pg_cast::CASTTARGET] = Datum::Oid(c.target);
            r[pg_cast::CASTFUNC] = Datum::Oid(func);
            r[pg_cast::CASTCONTEXT] = Datum::Char(match c.context {
                CastContext::Implicit => b'i',
                CastContext::Assignment => b'a',
                CastContext::Explicit => b'e',
            });
            r[pg_cast::CASTMETHOD] = Datum::Char(match c.func {
                CastFunc::Function(_) => b'f',
                CastFunc::Binary => b'b',
                CastFunc::InOut => b'i',
                // Not a pg_cast row in PostgreSQL; CASTS never holds it.
                CastFunc::ArrayCoerce => b'f',
            });
        });
    }
}

fn access_methods(b: &mut Builder) {
    for (oid, name, handler, kind) in [
        (HEAP_TABLE_AM_OID, "heap", 3, b't'),
        (403, "btree", 330, b'i'),
        (405, "hash", 331, b'i'),
        (783, "gist", 332, b'i'),
        (2742, "gin", 333, b'i'),
        (4000, "spgist", 334, b'i'),
        (3580, "brin", 335, b'i'),
    ] {
        b.row(&pg_am::DEF, |r| {
            r[pg_am::OID] = Datum::Oid(oid);
            r[pg_am::AMNAME] = text(name);
            r[pg_am::AMHANDLER] = Datum::Oid(handler);
            r[pg_am::AMTYPE] = Datum::Char(kind);
        });
    }
}

fn languages(b: &mut Builder) {
    for (oid, name, trusted, validator) in
        [(12, "internal", false, 2246), (13, "c", false, 2247), (14, "sql", true, 2248)]
    {
        b.row(&pg_language::DEF, |r| {
            r[pg_language::OID] = Datum::Oid(oid);
            r[pg_language::LANNAME] = text(name);
            r[pg_language::LANOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_language::LANPLTRUSTED] = Datum::Bool(trusted);
            r[pg_language::LANVALIDATOR] = Datum::Oid(validator);
        });
    }
}

fn collations(b: &mut Builder) {
    for (oid, name, provider, encoding, locale) in [
        (DEFAULT_COLLATION_OID, "default", b'd', -1, None),
        (C_COLLATION_OID, "C", b'c', -1, Some("C")),
        (951, "POSIX", b'c', -1, Some("POSIX")),
        (12340, "ucs_basic", b'c', 6, Some("C")),
    ] {
        b.row(&pg_collation::DEF, |r| {
            r[pg_collation::OID] = Datum::Oid(oid);
            r[pg_collation::COLLNAME] = text(name);
            r[pg_collation::COLLNAMESPACE] = Datum::Oid(PG_CATALOG_NAMESPACE);
            r[pg_collation::COLLOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_collation::COLLPROVIDER] = Datum::Char(provider);
            r[pg_collation::COLLISDETERMINISTIC] = Datum::Bool(true);
            r[pg_collation::COLLENCODING] = Datum::Int4(encoding);
            r[pg_collation::COLLCOLLATE] = locale.map_or(Datum::Null, text);
            r[pg_collation::COLLCTYPE] = locale.map_or(Datum::Null, text);
        });
    }
}

/// A `pg_authid` row with CREATE ROLE's defaults (NOLOGIN, INHERIT, no
/// limit, no password).
pub fn authid_row(oid: Oid, name: &str) -> Vec<Datum> {
    let mut r = catdef::new_row(&pg_authid::DEF);
    r[pg_authid::OID] = Datum::Oid(oid);
    r[pg_authid::ROLNAME] = text(name);
    r[pg_authid::ROLINHERIT] = Datum::Bool(true);
    r[pg_authid::ROLCONNLIMIT] = Datum::Int4(-1);
    r
}

fn roles(b: &mut Builder, superuser: &str) {
    let mut su = authid_row(BOOTSTRAP_SUPERUSER_ID, superuser);
    for col in [
        pg_authid::ROLSUPER,
        pg_authid::ROLCREATEROLE,
        pg_authid::ROLCREATEDB,
        pg_authid::ROLCANLOGIN,
        pg_authid::ROLREPLICATION,
        pg_authid::ROLBYPASSRLS,
    ] {
        su[col] = Datum::Bool(true);
    }
    b.rows.entry(pg_authid::RELATION_ID).or_default().push(su);
    for &(oid, name) in PREDEFINED_ROLES {
        let r = authid_row(oid, name);
        b.rows.entry(pg_authid::RELATION_ID).or_default().push(r);
    }
    // ---- sysviews: pg_monitor is a member of the roles it bundles
    // (PostgreSQL 15's pg_auth_members rows, granted by the bootstrap
    // superuser, without ADMIN OPTION).
    for (role, member) in PREDEFINED_MEMBERSHIPS {
        b.row(&pg_auth_members::DEF, |r| {
            r[pg_auth_members::ROLEID] = Datum::Oid(*role);
            r[pg_auth_members::MEMBER] = Datum::Oid(*member);
            r[pg_auth_members::GRANTOR] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_auth_members::ADMIN_OPTION] = Datum::Bool(false);
        });
    }
}

/// The memberships among predefined roles: (role, member).
pub static PREDEFINED_MEMBERSHIPS: &[(Oid, Oid)] = &[
    // pg_read_all_settings, pg_read_all_stats and pg_stat_scan_tables
    // are granted to pg_monitor.
    (3374, 3373),
    (3375, 3373),
    (3377, 3373),
];

fn databases(b: &mut Builder) {
    for &(oid, name, is_template, allow_conn) in DATABASES {
        b.row(&pg_database::DEF, |r| {
            r[pg_database::OID] = Datum::Oid(oid);
            r[pg_database::DATNAME] = text(name);
            r[pg_database::DATDBA] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
            r[pg_database::ENCODING] = Datum::Int4(6);
            r[pg_database::DATLOCPROVIDER] = Datum::Char(b'c');
            r[pg_database::DATISTEMPLATE] = Datum::Bool(is_template);
            r[pg_database::DATALLOWCONN] = Datum::Bool(allow_conn);
            r[pg_database::DATCONNLIMIT] = Datum::Int4(-1);
            r[pg_database::DATFROZENXID] = Datum::Xid(FIRST_NORMAL_XID32);
            r[pg_database::DATMINMXID] = Datum::Xid(1);
            r[pg_database::DATTABLESPACE] = Datum::Oid(pg_wal::block::DEFAULT_TABLESPACE_OID);
            r[pg_database::DATCOLLATE] = text("C");
            r[pg_database::DATCTYPE] = text("C");
            // initdb's ACL for the templates: PUBLIC may connect, the owner
            // may create schemas and temporary tables and connect. `postgres`
            // keeps the default (NULL).
            if is_template {
                let public_connect = AclItem { grantee: 0, grantor: BOOTSTRAP_SUPERUSER_ID, privs: AclItem::mask("c") };
                let owner = AclItem {
                    grantee: BOOTSTRAP_SUPERUSER_ID,
                    grantor: BOOTSTRAP_SUPERUSER_ID,
                    privs: AclItem::mask("CTc"),
                };
                r[pg_database::DATACL] =
                    Datum::Array(vec![Datum::AclItem(public_connect), Datum::AclItem(owner)].into());
            }
        });
    }
}

fn tablespaces(b: &mut Builder) {
    for (oid, name) in
        [(pg_wal::block::DEFAULT_TABLESPACE_OID, "pg_default"), (pg_wal::block::GLOBAL_TABLESPACE_OID, "pg_global")]
    {
        b.row(&pg_tablespace::DEF, |r| {
            r[pg_tablespace::OID] = Datum::Oid(oid);
            r[pg_tablespace::SPCNAME] = text(name);
            r[pg_tablespace::SPCOWNER] = Datum::Oid(BOOTSTRAP_SUPERUSER_ID);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(rows: &CatalogRows, cat: Oid, i: usize) -> Vec<&Datum> {
        rows[&cat].iter().map(|r| &r[i]).collect()
    }

    #[test]
    fn initial_rows() {
        let rows = bootstrap_rows("postgres");
        assert_eq!(rows.len(), catdef::CATALOGS.len());
        // Every row has its catalog's width and non-null values where required.
        for (cat, rs) in &rows {
            let def = catdef::catalog_by_oid(*cat).unwrap();
            for r in rs {
                assert_eq!(r.len(), def.columns.len(), "{}", def.name);
                for (v, c) in r.iter().zip(def.columns) {
                    assert!(!(c.not_null && *v == Datum::Null), "{}.{} is null", def.name, c.name);
                }
            }
        }
        assert_eq!(rows[&pg_class::RELATION_ID].len(), 64);
        assert_eq!(rows[&pg_attribute::RELATION_ID].len(), 588 + 64 * 6);
        let ns = col(&rows, pg_namespace::RELATION_ID, pg_namespace::NSPNAME);
        assert_eq!(ns.len(), 4);
        assert!(ns.contains(&&text("public")));
        assert_eq!(rows[&pg_database::RELATION_ID].len(), 3);
        assert_eq!(rows[&pg_authid::RELATION_ID].len(), 13);
        // OIDs are unique within each catalog that has them.
        for (cat, rs) in &rows {
            let def = catdef::catalog_by_oid(*cat).unwrap();
            if def.columns[0].name == "oid" {
                let mut seen = std::collections::HashSet::new();
                for r in rs {
                    assert!(seen.insert(format!("{:?}", r[0])), "{} duplicate {:?}", def.name, r[0]);
                }
            }
        }
        let types = col(&rows, pg_type::RELATION_ID, pg_type::TYPNAME);
        assert!(
            types.contains(&&text("pg_class")) && types.contains(&&text("_pg_class")) && types.contains(&&text("int4"))
        );
    }

    /// Descriptions are written for the objects that exist, and only those.
    #[test]
    fn descriptions_of_existing_objects() {
        use crate::catdef::{pg_description, pg_shdescription};
        let rows = bootstrap_rows("postgres");
        let descs = &rows[&pg_description::RELATION_ID];
        let of = |objoid: Oid, classoid: Oid| {
            descs
                .iter()
                .find(|r| {
                    r[pg_description::OBJOID] == Datum::Oid(objoid)
                        && r[pg_description::CLASSOID] == Datum::Oid(classoid)
                })
                .map(|r| r[pg_description::DESCRIPTION].clone())
        };
        assert_eq!(of(PG_CATALOG_NAMESPACE, pg_namespace::RELATION_ID), Some(text("system catalog schema")));
        assert_eq!(of(23, pg_type::RELATION_ID), Some(text("-2 billion to 2 billion integer, 4-byte storage")));
        // information_schema has none in PostgreSQL either.
        assert_eq!(of(INFORMATION_SCHEMA_NAMESPACE, pg_namespace::RELATION_ID), None);
        for r in descs {
            let (Datum::Oid(objoid), Datum::Oid(classoid)) = (&r[pg_description::OBJOID], &r[pg_description::CLASSOID])
            else {
                panic!("description row {r:?}")
            };
            let oid_col = catdef::catalog_by_oid(*classoid).unwrap().columns.iter().position(|c| c.name == "oid");
            assert!(
                rows[classoid].iter().any(|o| o[oid_col.unwrap()] == Datum::Oid(*objoid)),
                "description of missing object {objoid} in {classoid}"
            );
        }
        let shared = col(&rows, pg_shdescription::RELATION_ID, pg_shdescription::DESCRIPTION);
        assert!(shared.contains(&&text("default template for new databases")), "{shared:?}");
        assert_eq!(copy_unescape("a\\tb\\nc\\\\d"), "a\tb\nc\\d");
    }
}
