//! Text input of the OID alias types by name (`regproc.c`: `regclassin`,
//! `regtypein`, `regprocin`, `regnamespacein`): `'pg_settings'::regclass`,
//! `'int4[]'::regtype`.
//!
//! pg-types owns the input functions but not the catalog, so it calls this
//! through `pg_types::io::set_reg_input_hook` and `set_reg_output_hook`,
//! registered at start-up. A number is still read as an OID by pg-types
//! itself. `aclitem` input and output resolve role names through the
//! `regrole` entries.

use pg_error::{PgError, PgResult, SqlState};
use pg_types::types::{oid, Oid};

fn invalid_name() -> PgError {
    PgError::new(SqlState::INVALID_NAME, "invalid name syntax")
}

/// `SplitIdentifierString(name, '.')`: dotted names, each double-quoted
/// (with `""` for a quote) or folded to lower case and cut to 63 bytes.
fn split_names(text: &str) -> PgResult<Vec<String>> {
    let b = text.as_bytes();
    let mut names = Vec::new();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_ws(&mut i);
        let name = if b.get(i) == Some(&b'"') {
            let mut name = String::new();
            i += 1;
            loop {
                match b.get(i) {
                    None => return Err(invalid_name()),
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => {
                        name.push('"');
                        i += 2;
                    }
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => {
                        let c = text[i..].chars().next().expect("inside the string");
                        name.push(c);
                        i += c.len_utf8();
                    }
                }
            }
            name
        } else {
            let start = i;
            while i < b.len() && b[i] != b'.' && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i == start {
                return Err(invalid_name());
            }
            let folded = text[start..i].to_ascii_lowercase();
            pg_types::io::truncate_bytes(&folded, pg_types::io::NAME_MAX_BYTES).to_string()
        };
        names.push(name);
        skip_ws(&mut i);
        match b.get(i) {
            None => return Ok(names),
            Some(b'.') => i += 1,
            Some(_) => return Err(invalid_name()),
        }
    }
}

fn regclass_in(text: &str) -> PgResult<Oid> {
    let names = split_names(text)?;
    let (schema, name) = match names.as_slice() {
        [n] => (None, n.as_str()),
        [s, n] => (Some(s.as_str()), n.as_str()),
        [db, s, n] if crate::session::current_session().is_some_and(|sess| sess.database == *db) => {
            (Some(s.as_str()), n.as_str())
        }
        [_, _, _] => {
            return Err(PgError::not_supported(format!(
                "cross-database references are not implemented: \"{}\"",
                names.join(".")
            )))
        }
        _ => {
            return Err(PgError::new(
                SqlState::SYNTAX_ERROR,
                format!("improper relation name (too many dotted names): {}", names.join(".")),
            ))
        }
    };
    let catalog = pg_catalog::HeapCatalog;
    let user = crate::session::current_session().map(|s| s.role.name).unwrap_or_default();
    let path = pg_catalog::effective_search_path(&catalog, &crate::exec::search_path(), &user);
    match pg_catalog::resolve_relation(&catalog, schema, name, &path) {
        Ok(Some(rel)) => Ok(rel.oid),
        Ok(None) => {
            Err(PgError::new(SqlState::UNDEFINED_TABLE, format!("relation \"{}\" does not exist", names.join("."))))
        }
        Err(missing) => Err(missing.into_error()),
    }
}

fn regtype_in(text: &str) -> PgResult<Oid> {
    // parseTypeString reports the grammar's own error (its position is in
    // the type string, so the literal's position is used instead).
    let tn = pg_parser::parser::parse_type_name(text).map_err(|mut e| {
        e.position = None;
        e
    })?;
    let missing =
        || PgError::new(SqlState::UNDEFINED_OBJECT, format!("type \"{}\" does not exist", tn.names.join(".")));
    let name = match tn.names.as_slice() {
        [n] => n.as_str(),
        [s, n] if s == "pg_catalog" => n.as_str(),
        [s, _] => {
            use pg_catalog::Catalog;
            if pg_catalog::HeapCatalog.namespace_by_name(s).is_none() {
                return Err(pg_catalog::MissingSchema(s.clone()).into_error());
            }
            return Err(missing());
        }
        _ => return Err(missing()),
    };
    let base = pg_types::types::lookup_type_by_name(name).ok_or_else(missing)?;
    if tn.array_bounds.is_empty() {
        return Ok(base.oid);
    }
    pg_types::types::array_type_of(base.oid).ok_or_else(|| {
        PgError::new(SqlState::UNDEFINED_OBJECT, format!("could not find array type for data type {}", base.name))
    })
}

fn regnamespace_in(text: &str) -> PgResult<Oid> {
    let names = split_names(text)?;
    let [name] = names.as_slice() else { return Err(invalid_name()) };
    use pg_catalog::Catalog;
    pg_catalog::HeapCatalog
        .namespace_by_name(name)
        .map(|ns| ns.oid)
        .ok_or_else(|| PgError::new(SqlState::INVALID_SCHEMA_NAME, format!("schema \"{name}\" does not exist")))
}

/// `regrolein`: a role by name (42704 when there is none).
fn regrole_in(text: &str) -> PgResult<Oid> {
    let names = split_names(text)?;
    let [name] = names.as_slice() else { return Err(invalid_name()) };
    pg_catalog::roles::role_by_name(name)?
        .map(|r| r.oid)
        .ok_or_else(|| PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")))
}

fn regproc_in(text: &str) -> PgResult<Oid> {
    let names = split_names(text)?;
    let name = match names.as_slice() {
        [n] => n,
        [s, n] if s == "pg_catalog" => n,
        _ => {
            return Err(PgError::new(
                SqlState::UNDEFINED_FUNCTION,
                format!("function \"{}\" does not exist", names.join(".")),
            ))
        }
    };
    match pg_types::lookup_functions(name).as_slice() {
        [f] => Ok(f.oid),
        [] => Err(PgError::new(SqlState::UNDEFINED_FUNCTION, format!("function \"{text}\" does not exist"))),
        _ => Err(PgError::new(SqlState::AMBIGUOUS_FUNCTION, format!("more than one function named \"{text}\""))),
    }
}

/// The hook pg-types calls for reg* input that is not a number: Some(oid),
/// or None where the type is not resolved by name here.
pub(crate) fn reg_input(type_oid: Oid, text: &str) -> PgResult<Option<Oid>> {
    match type_oid {
        oid::REGCLASS => regclass_in(text).map(Some),
        oid::REGTYPE => regtype_in(text).map(Some),
        oid::REGNAMESPACE => regnamespace_in(text).map(Some),
        oid::REGPROC => regproc_in(text).map(Some),
        oid::REGROLE => regrole_in(text).map(Some),
        _ => Ok(None),
    }
}

/// The hook pg-types calls to print a reg* value: the name, quoted where
/// needed (every built-in object is in `pg_catalog`, always on the search
/// path, so no schema is printed), or None for an OID that names nothing.
pub(crate) fn reg_output(type_oid: Oid, oid: Oid) -> Option<String> {
    use crate::format::quote_identifier;
    match type_oid {
        oid::REGCLASS => {
            pg_catalog::relcache::relation_id_get_relation(oid).ok().flatten().map(|r| quote_identifier(&r.name))
        }
        oid::REGTYPE => pg_types::types::lookup_type(oid)
            .map(|_| pg_types::types::format_type(oid, -1))
            .or_else(|| pg_catalog::syscache::catalog_type_name(oid).ok().flatten()),
        // pg_proc also holds rows no implementation stands behind (the
        // selectivity estimators, aggregates and their support functions).
        oid::REGPROC => pg_catalog::syscache::proc_by_oid(oid)
            .ok()
            .flatten()
            .map(|row| quote_identifier(row.text(pg_catalog::catdef::pg_proc::PRONAME)))
            .or_else(|| pg_types::lookup_function_by_oid(oid).map(|f| quote_identifier(f.name))),
        oid::REGNAMESPACE => pg_catalog::syscache::namespace_by_oid(oid)
            .ok()
            .flatten()
            .map(|row| quote_identifier(row.text(pg_catalog::catdef::pg_namespace::NSPNAME))),
        oid::REGROLE => pg_catalog::roles::role_by_oid(oid).ok().flatten().map(|r| quote_identifier(&r.name)),
        _ => None,
    }
}

/// A role's name as stored (`aclitem` output quotes it by its own rule).
pub(crate) fn role_name(oid: Oid) -> Option<String> {
    pg_catalog::roles::role_by_oid(oid).ok().flatten().map(|r| r.name)
}

/// `nextval(regclass)`, `currval(regclass)`, `setval(regclass, int8[, bool])`:
/// the relation named exists (its name was read as a regclass), but no
/// relation can be a sequence yet, so each answers as PostgreSQL does for a
/// relation that is not one.
pub(crate) fn sequence_function(args: &[pg_types::Datum]) -> PgResult<pg_types::Datum> {
    let oid = match args.first() {
        Some(pg_types::Datum::Oid(oid)) => *oid,
        _ => return Err(PgError::internal("sequence function without a regclass argument")),
    };
    let name = reg_output(oid::REGCLASS, oid).unwrap_or_else(|| oid.to_string());
    Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, format!("\"{name}\" is not a sequence")))
}

/// `lastval()`: no sequence has been used in this session.
pub(crate) fn lastval(_: &[pg_types::Datum]) -> PgResult<pg_types::Datum> {
    Err(PgError::new(SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_as_split_identifier_string() {
        assert_eq!(split_names("Pg_Settings").unwrap(), vec!["pg_settings"]);
        assert_eq!(split_names(" pg_catalog . \"My \"\"T\" ").unwrap(), vec!["pg_catalog", "My \"T"]);
        for bad in ["a b", "\"x", "a.", ".a", ""] {
            assert_eq!(split_names(bad).unwrap_err().code, SqlState::INVALID_NAME, "{bad:?}");
        }
    }
}
