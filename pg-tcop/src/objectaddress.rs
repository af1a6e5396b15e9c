//! `pg_describe_object(classid, objid, objsubid)`: an object address told
//! in words, as PostgreSQL's `objectaddress.c` (`getObjectDescription`)
//! does: `function int4pl(integer,integer)`, `operator +(integer,integer)`,
//! `column relname of table pg_class`.
//!
//! Names are qualified with their schema only when the search path would
//! not find them (`format_procedure`, `format_operator`, and relations as
//! `getRelationDescription` prints them). As in PostgreSQL, functions,
//! relations, types and collations are quoted where needed; columns,
//! schemas, roles, databases, languages and access methods print as
//! stored. An object that does not exist
//! describes as NULL; a class that is no catalog is PostgreSQL's internal
//! error "unrecognized object class".

use crate::catfuncs::{format_type_sql, relation_is_visible};
use crate::format::quote_identifier;
use pg_catalog::catdef::{
    self, pg_am, pg_attribute, pg_authid, pg_cast, pg_class, pg_collation, pg_database, pg_language, pg_namespace,
    pg_operator, pg_proc, pg_tablespace, pg_type,
};
use pg_catalog::scan::CatalogTuple;
use pg_error::{PgError, PgResult};
use pg_types::{Datum, Oid};

/// The one row of `catalog` whose `oid` is `objid`.
fn row_by_oid(catalog: Oid, oid_column: usize, objid: Oid) -> PgResult<Option<CatalogTuple>> {
    let rows = pg_catalog::scan::scan_catalog(catalog, |r| r[oid_column] == Datum::Oid(objid))?;
    Ok(rows.into_iter().next())
}

/// A schema's name, for qualifying what the search path does not find.
fn namespace_name(nsp: Oid) -> PgResult<String> {
    Ok(pg_catalog::syscache::namespace_by_oid(nsp)?
        .map(|r| r.text(pg_namespace::NSPNAME).to_string())
        .unwrap_or_else(|| nsp.to_string()))
}

/// `format_procedure`: `name(type,type)`, the name qualified when its
/// schema is not `pg_catalog` (every function here is a built-in one).
fn format_procedure(proc: &CatalogTuple) -> PgResult<String> {
    let mut name = quote_identifier(proc.text(pg_proc::PRONAME));
    let nsp = proc.oid(pg_proc::PRONAMESPACE);
    if nsp != pg_catalog::PG_CATALOG_NAMESPACE {
        name = format!("{}.{name}", quote_identifier(&namespace_name(nsp)?));
    }
    let args = match &proc.values[pg_proc::PROARGTYPES] {
        Datum::Array(a) => a.elems().iter().filter_map(Datum::as_i64).map(|t| t as Oid).collect(),
        _ => Vec::new(),
    };
    let types = args.iter().map(|&t| format_type_sql(t, None)).collect::<PgResult<Vec<_>>>()?;
    Ok(format!("{name}({})", types.join(",")))
}

/// `format_operator`: `name(left,right)`, `NONE` for a prefix operator's
/// missing left operand.
fn format_operator(op: &CatalogTuple) -> PgResult<String> {
    let operand = |t: Oid| if t == 0 { Ok("NONE".to_string()) } else { format_type_sql(t, None) };
    Ok(format!(
        "{}({},{})",
        op.text(pg_operator::OPRNAME),
        operand(op.oid(pg_operator::OPRLEFT))?,
        operand(op.oid(pg_operator::OPRRIGHT))?
    ))
}

/// `getRelationDescription`: `table t`, `view v`, `index i`, ..., the name
/// qualified when the search path would not find it.
fn relation_description(class: &CatalogTuple) -> PgResult<String> {
    let relid = class.oid(pg_class::OID);
    let mut name = quote_identifier(class.text(pg_class::RELNAME));
    if !relation_is_visible(relid)? {
        name = format!("{}.{name}", quote_identifier(&namespace_name(class.oid(pg_class::RELNAMESPACE))?));
    }
    let kind = match class.char(pg_class::RELKIND) {
        b'r' | b'p' => "table",
        b'i' | b'I' => "index",
        b'S' => "sequence",
        b't' => "toast table",
        b'v' => "view",
        b'm' => "materialized view",
        b'c' => "composite type",
        b'f' => "foreign table",
        _ => "relation",
    };
    Ok(format!("{kind} {name}"))
}

/// The description of (catalog, object, sub-object), None when the object
/// does not exist.
fn describe(classid: Oid, objid: Oid, subid: i32) -> PgResult<Option<String>> {
    let def = catdef::catalog_by_oid(classid)
        .ok_or_else(|| PgError::internal(format!("unrecognized object class: {classid}")))?;
    let found = |catalog: Oid, oid_column: usize| row_by_oid(catalog, oid_column, objid);
    Ok(match classid {
        pg_proc::RELATION_ID => match pg_catalog::syscache::proc_by_oid(objid)? {
            Some(p) => Some(format!("function {}", format_procedure(&p)?)),
            None => None,
        },
        pg_operator::RELATION_ID => match found(classid, pg_operator::OID)? {
            Some(o) => Some(format!("operator {}", format_operator(&o)?)),
            None => None,
        },
        pg_type::RELATION_ID => match pg_catalog::syscache::type_by_oid(objid)? {
            Some(_) => Some(format!("type {}", format_type_sql(objid, None)?)),
            None => None,
        },
        pg_class::RELATION_ID => match pg_catalog::syscache::class_by_oid(objid)? {
            Some(class) => {
                let rel = relation_description(&class)?;
                if subid == 0 {
                    Some(rel)
                } else {
                    pg_catalog::syscache::attribute_by_num(objid, subid as i16)?
                        .map(|att| format!("column {} of {rel}", att.text(pg_attribute::ATTNAME)))
                }
            }
            None => None,
        },
        pg_namespace::RELATION_ID => {
            pg_catalog::syscache::namespace_by_oid(objid)?.map(|n| format!("schema {}", n.text(pg_namespace::NSPNAME)))
        }
        pg_language::RELATION_ID => {
            found(classid, pg_language::OID)?.map(|l| format!("language {}", l.text(pg_language::LANNAME)))
        }
        pg_am::RELATION_ID => found(classid, pg_am::OID)?.map(|a| format!("access method {}", a.text(pg_am::AMNAME))),
        pg_collation::RELATION_ID => found(classid, pg_collation::OID)?
            .map(|c| format!("collation {}", quote_identifier(c.text(pg_collation::COLLNAME)))),
        pg_database::RELATION_ID => {
            pg_catalog::syscache::database_by_oid(objid)?.map(|d| format!("database {}", d.text(pg_database::DATNAME)))
        }
        pg_authid::RELATION_ID => {
            pg_catalog::syscache::authid_by_oid(objid)?.map(|a| format!("role {}", a.text(pg_authid::ROLNAME)))
        }
        pg_tablespace::RELATION_ID => {
            found(classid, pg_tablespace::OID)?.map(|t| format!("tablespace {}", t.text(pg_tablespace::SPCNAME)))
        }
        pg_cast::RELATION_ID => match found(classid, pg_cast::OID)? {
            Some(c) => Some(format!(
                "cast from {} to {}",
                format_type_sql(c.oid(pg_cast::CASTSOURCE), None)?,
                format_type_sql(c.oid(pg_cast::CASTTARGET), None)?
            )),
            None => None,
        },
        _ => {
            return Err(PgError::not_supported(format!(
                "pg_describe_object for objects of {} is not supported yet",
                def.name
            )))
        }
    })
}

/// `pg_describe_object(regclass, oid, int4)`.
fn pg_describe_object(args: &[Datum]) -> PgResult<Datum> {
    let id = |i: usize| args.get(i).and_then(Datum::as_i64);
    let (Some(classid), Some(objid), Some(subid)) = (id(0), id(1), id(2)) else { return Ok(Datum::Null) };
    Ok(describe(classid as Oid, objid as Oid, subid as i32)?.map_or(Datum::Null, Datum::Text))
}

/// The functions of this module, for the function manager.
pub(crate) fn functions() -> Vec<pg_types::FuncDef> {
    use pg_types::oid::{INT4, OID, TEXT};
    vec![pg_types::FuncDef::scalar(
        "pg_describe_object",
        &[OID, OID, INT4],
        TEXT,
        pg_types::Volatility::Stable,
        pg_describe_object,
    )]
}
