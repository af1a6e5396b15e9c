//! CREATE DATABASE and DROP DATABASE (PostgreSQL's
//! `commands/dbcommands.c`, with the FILE_COPY strategy of
//! PostgreSQL 15).
//!
//! CREATE DATABASE copies the template's directory: a checkpoint first
//! writes every dirty buffer of the template to its files, the directory
//! `base/<template>` is copied file by file to `base/<new oid>` and
//! fsynced, the copy is WAL-logged as `XLOG_DBASE_CREATE_FILE_COPY`
//! (resource manager Database) so redo repeats it, and the `pg_database`
//! row is inserted (a shared catalog). If anything fails before the
//! commit, the new directory is removed. DROP DATABASE refuses while
//! other sessions are connected (55006), deletes the row, drops the
//! database's buffers, WAL-logs `XLOG_DBASE_DROP` and removes the
//! directory. Neither runs in a transaction block (the caller checks), so
//! each commits at the end of its statement.
//!
//! # For the next session
//!
//! Not done: the WAL_LOG strategy (PostgreSQL 15's default, block-by-block
//! copy through WAL), tablespaces other than `pg_default`, ALTER DATABASE,
//! `DROP DATABASE ... WITH (FORCE)`, CREATE DATABASE options other than
//! TEMPLATE, OWNER, ENCODING 'UTF8', CONNECTION LIMIT, IS_TEMPLATE and
//! ALLOW_CONNECTIONS.

use crate::session::Session;
use pg_catalog::catdef::{pg_database, pg_shdepend, pg_shdescription};
use pg_catalog::scan::scan_catalog;
use pg_catalog::{indexing, syscache};
use pg_error::{PgError, PgResult, Severity, SqlState};
use pg_parser::ast::{CreateDatabaseStmt, DropDatabaseStmt, Value};
use pg_types::{Datum, Oid};
use pg_wal::record::DecodedRecord;
use pg_wal::rmgr::{register_rmgr, RmgrDef, RmgrId};
use std::path::{Path, PathBuf};

/// `XLOG_DBASE_CREATE_FILE_COPY`.
const XLOG_DBASE_CREATE_FILE_COPY: u8 = 0x00;
/// `XLOG_DBASE_DROP`.
const XLOG_DBASE_DROP: u8 = 0x20;

fn db_dir(data_dir: &Path, db: Oid) -> PathBuf {
    data_dir.join("base").join(db.to_string())
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> PgError {
    PgError::new(SqlState::IO_ERROR, format!("could not {what} \"{}\": {e}", path.display()))
}

/// `copydir`: every regular file of `from` into the new directory `to`,
/// each fsynced, then the directory itself.
fn copy_dir(from: &Path, to: &Path) -> PgResult<()> {
    std::fs::create_dir(to).map_err(|e| io_error("create directory", to, &e))?;
    let entries = std::fs::read_dir(from).map_err(|e| io_error("open directory", from, &e))?;
    for entry in entries {
        pg_error::check_for_interrupts()?;
        let entry = entry.map_err(|e| io_error("read directory", from, &e))?;
        let src = entry.path();
        if !entry.file_type().map_err(|e| io_error("stat file", &src, &e))?.is_file() {
            continue;
        }
        let dst = to.join(entry.file_name());
        std::fs::copy(&src, &dst).map_err(|e| io_error("copy file", &dst, &e))?;
        std::fs::File::open(&dst).and_then(|f| f.sync_all()).map_err(|e| io_error("fsync file", &dst, &e))?;
    }
    std::fs::File::open(to).and_then(|f| f.sync_all()).map_err(|e| io_error("fsync directory", to, &e))
}

fn encode_oids(oids: &[Oid]) -> Vec<u8> {
    oids.iter().flat_map(|o| o.to_le_bytes()).collect()
}

fn decode_oids(data: &[u8]) -> Vec<Oid> {
    data.chunks_exact(4).map(|c| u32::from_le_bytes(c.try_into().expect("four bytes"))).collect()
}

/// The number of other sessions connected to database `db`.
fn count_other_sessions(db: Oid) -> usize {
    let me = std::process::id() as i32;
    (0..pg_proc::procarray::proc_slot_count())
        .filter_map(pg_proc::procarray::proc_by_number)
        .filter(|p| p.in_use() && p.database_oid() == db && p.pid() != me)
        .count()
}

/// The number of other sessions still connected to database `db` after
/// waiting up to 5 s for them to go, as PostgreSQL's `CountOtherDBBackends`
/// does: a client that has just disconnected (`\c other` then `DROP
/// DATABASE`) leaves a backend that is still exiting for a moment, and
/// refusing at once would depend on how busy the machine is.
fn other_sessions(db: Oid) -> PgResult<usize> {
    const TRIES: usize = 50;
    const PAUSE: std::time::Duration = std::time::Duration::from_millis(100);
    for _ in 1..TRIES {
        if count_other_sessions(db) == 0 {
            return Ok(0);
        }
        pg_error::check_for_interrupts()?;
        std::thread::sleep(PAUSE);
    }
    Ok(count_other_sessions(db))
}

fn sessions_detail(n: usize) -> String {
    if n == 1 {
        "There is 1 other session using the database.".to_string()
    } else {
        format!("There are {n} other sessions using the database.")
    }
}

fn option_text(v: &Option<Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Integer(i)) => Some(i.to_string()),
        Some(Value::Boolean(b)) => Some(b.to_string()),
        Some(Value::Float(f)) => Some(f.clone()),
        _ => None,
    }
}

/// CREATE DATABASE (`createdb`, FILE_COPY strategy).
pub fn create_database(session: &Session, stmt: &CreateDatabaseStmt) -> PgResult<String> {
    let mut template = "template1".to_string();
    let mut owner = session.role.oid;
    let mut conn_limit = -1;
    let mut is_template = false;
    let mut allow_conn = true;
    for opt in &stmt.options {
        let value = option_text(&opt.value);
        match (opt.name.as_str(), value) {
            ("template", Some(t)) => template = t,
            ("owner", Some(name)) => {
                owner = syscache::authid_by_name(&name)?.map(|r| r.oid(pg_catalog::catdef::pg_authid::OID)).ok_or_else(
                    || PgError::new(SqlState::UNDEFINED_OBJECT, format!("role \"{name}\" does not exist")),
                )?
            }
            ("encoding", Some(e)) => {
                let canonical = pg_types::encoding::encoding_by_name(&e).unwrap_or("");
                if canonical != "UTF8" {
                    if canonical.is_empty() {
                        return Err(PgError::new(
                            SqlState::UNDEFINED_OBJECT,
                            format!("{e} is not a valid encoding name"),
                        ));
                    }
                    return Err(PgError::new(
                        SqlState::INVALID_PARAMETER_VALUE,
                        format!("new encoding ({canonical}) is incompatible with the encoding of the template database (UTF8)"),
                    )
                    .with_hint("Use the same encoding as in the template database, or use template0 as template."));
                }
            }
            ("connection_limit", Some(n)) => {
                conn_limit = n.parse().map_err(|_| {
                    PgError::new(SqlState::INVALID_PARAMETER_VALUE, format!("invalid connection limit: {n}"))
                })?
            }
            ("is_template", Some(b)) => is_template = pg_guc::parse_bool(&b).unwrap_or(false),
            ("allow_connections", Some(b)) => allow_conn = pg_guc::parse_bool(&b).unwrap_or(true),
            // `option DEFAULT` keeps the default.
            ("template" | "owner" | "encoding" | "connection_limit" | "is_template" | "allow_connections", None) => {}
            (
                "strategy" | "locale" | "lc_collate" | "lc_ctype" | "tablespace" | "oid" | "icu_locale"
                | "locale_provider" | "collation_version",
                _,
            ) => {
                return Err(PgError::not_supported(format!(
                    "CREATE DATABASE option \"{}\" is not supported yet",
                    opt.name
                )))
            }
            (other, _) => {
                return Err(PgError::new(SqlState::SYNTAX_ERROR, format!("option \"{other}\" not recognized")))
            }
        }
    }
    let me = &session.role;
    if !me.superuser && !me.createdb {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, "permission denied to create database"));
    }
    if syscache::database_by_name(&stmt.name)?.is_some() {
        return Err(PgError::new(SqlState::DUPLICATE_DATABASE, format!("database \"{}\" already exists", stmt.name)));
    }
    let src = syscache::database_by_name(&template)?.ok_or_else(|| {
        PgError::new(SqlState::UNDEFINED_DATABASE, format!("template database \"{template}\" does not exist"))
    })?;
    let src_oid = src.oid(pg_database::OID);
    if !src.bool(pg_database::DATISTEMPLATE) && !me.superuser && src.oid(pg_database::DATDBA) != me.oid {
        return Err(PgError::new(
            SqlState::INSUFFICIENT_PRIVILEGE,
            format!("permission denied to copy database \"{template}\""),
        ));
    }
    let others = other_sessions(src_oid)?;
    if others > 0 {
        return Err(PgError::new(
            SqlState::OBJECT_IN_USE,
            format!("source database \"{template}\" is being accessed by other users"),
        )
        .with_detail(sessions_detail(others)));
    }

    let db_oid = pg_wal::varsup::get_new_object_id()?;
    // The template's dirty pages reach its files before they are copied.
    use pg_wal::checkpoint::{request_checkpoint, CHECKPOINT_FORCE, CHECKPOINT_IMMEDIATE, CHECKPOINT_WAIT};
    pg_storage::bufmgr::flush_database_buffers(src_oid)?;
    request_checkpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_FORCE | CHECKPOINT_WAIT)?;
    let data_dir = crate::data_dir();
    let target = db_dir(&data_dir, db_oid);
    let result = (|| -> PgResult<()> {
        copy_dir(&db_dir(&data_dir, src_oid), &target)?;
        // xl_dbase_create_file_copy_rec: db_id, tablespace_id, src_db_id, src_tablespace_id.
        let spc = pg_wal::block::DEFAULT_TABLESPACE_OID;
        let data = encode_oids(&[db_oid, spc, src_oid, spc]);
        let mut rec = pg_wal::insert::XLogRecordBuilder::new();
        rec.register_data(&data);
        let lsn = rec.insert(RmgrId::DATABASE, XLOG_DBASE_CREATE_FILE_COPY)?;
        pg_wal::xlog::xlog_flush(lsn)?;
        let mut row = src.values.clone();
        row[pg_database::OID] = Datum::Oid(db_oid);
        row[pg_database::DATNAME] = Datum::Text(stmt.name.clone());
        row[pg_database::DATDBA] = Datum::Oid(owner);
        row[pg_database::DATISTEMPLATE] = Datum::Bool(is_template);
        row[pg_database::DATALLOWCONN] = Datum::Bool(allow_conn);
        row[pg_database::DATCONNLIMIT] = Datum::Int4(conn_limit);
        row[pg_database::DATACL] = Datum::Null;
        indexing::catalog_tuple_insert(pg_database::RELATION_ID, &row)?;
        pg_wal::xact::command_counter_increment()
    })();
    if let Err(e) = result {
        // PG_ENSURE_ERROR_CLEANUP(createdb_failure_callback): the copy goes.
        let _ = std::fs::remove_dir_all(&target);
        return Err(e);
    }
    Ok("CREATE DATABASE".to_string())
}

/// DROP DATABASE (`dropdb`).
pub fn drop_database(session: &Session, stmt: &DropDatabaseStmt) -> PgResult<String> {
    if let Some(opt) = stmt.options.iter().find(|o| o.as_str() != "force") {
        return Err(PgError::new(SqlState::SYNTAX_ERROR, format!("unrecognized DROP DATABASE option \"{opt}\"")));
    }
    if !stmt.options.is_empty() {
        return Err(PgError::not_supported("DROP DATABASE ... WITH (FORCE) is not supported yet"));
    }
    let Some(row) = syscache::database_by_name(&stmt.name)? else {
        if stmt.missing_ok {
            pg_error::notice::emit_notice(PgError::notice(
                Severity::Notice,
                SqlState::SUCCESSFUL_COMPLETION,
                format!("database \"{}\" does not exist, skipping", stmt.name),
            ));
            return Ok("DROP DATABASE".to_string());
        }
        return Err(PgError::new(SqlState::UNDEFINED_DATABASE, format!("database \"{}\" does not exist", stmt.name)));
    };
    let db_oid = row.oid(pg_database::OID);
    if !session.role.superuser && row.oid(pg_database::DATDBA) != session.role.oid {
        return Err(PgError::new(SqlState::INSUFFICIENT_PRIVILEGE, format!("must be owner of database {}", stmt.name)));
    }
    if row.bool(pg_database::DATISTEMPLATE) {
        return Err(PgError::new(SqlState::WRONG_OBJECT_TYPE, "cannot drop a template database"));
    }
    if db_oid == pg_catalog::inval::my_database() {
        return Err(PgError::new(SqlState::OBJECT_IN_USE, "cannot drop the currently open database"));
    }
    let others = other_sessions(db_oid)?;
    if others > 0 {
        return Err(PgError::new(
            SqlState::OBJECT_IN_USE,
            format!("database \"{}\" is being accessed by other users", stmt.name),
        )
        .with_detail(sessions_detail(others)));
    }
    indexing::catalog_tuple_delete(pg_database::RELATION_ID, &row)?;
    for r in scan_catalog(pg_shdepend::RELATION_ID, |r| r[pg_shdepend::DBID] == Datum::Oid(db_oid))? {
        indexing::catalog_tuple_delete(pg_shdepend::RELATION_ID, &r)?;
    }
    for r in scan_catalog(pg_shdescription::RELATION_ID, |r| {
        r[pg_shdescription::OBJOID] == Datum::Oid(db_oid)
            && r[pg_shdescription::CLASSOID] == Datum::Oid(pg_database::RELATION_ID)
    })? {
        indexing::catalog_tuple_delete(pg_shdescription::RELATION_ID, &r)?;
    }
    pg_storage::bufmgr::drop_database_buffers(db_oid)?;
    // xl_dbase_drop_rec: db_id, ntablespaces, tablespace_ids.
    let data = encode_oids(&[db_oid, 1, pg_wal::block::DEFAULT_TABLESPACE_OID]);
    let mut rec = pg_wal::insert::XLogRecordBuilder::new();
    rec.register_data(&data);
    let lsn = rec.insert(RmgrId::DATABASE, XLOG_DBASE_DROP)?;
    pg_wal::xlog::xlog_flush(lsn)?;
    let dir = db_dir(&crate::data_dir(), db_oid);
    if let Err(e) = std::fs::remove_dir_all(&dir) {
        if e.kind() != std::io::ErrorKind::NotFound {
            tracing::warn!("some useless files may be left behind in old database directory \"{}\"", dir.display());
        }
    }
    pg_wal::xact::command_counter_increment()?;
    Ok("DROP DATABASE".to_string())
}

/// `dbase_redo`: repeats a database's creation (the copy) or drop.
fn dbase_redo(record: &DecodedRecord) -> PgResult<()> {
    let oids = decode_oids(&record.main_data);
    let data_dir = crate::data_dir();
    match (record.info() & 0xf0, oids.as_slice()) {
        (XLOG_DBASE_CREATE_FILE_COPY, [db, _, src, _]) => {
            let target = db_dir(&data_dir, *db);
            // Idempotent: a copy left by an earlier replay is made again.
            let _ = std::fs::remove_dir_all(&target);
            copy_dir(&db_dir(&data_dir, *src), &target)
        }
        (XLOG_DBASE_DROP, [db, ..]) => {
            pg_storage::bufmgr::drop_database_buffers(*db)?;
            match std::fs::remove_dir_all(db_dir(&data_dir, *db)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(io_error("remove directory", &db_dir(&data_dir, *db), &e))
                }
                _ => Ok(()),
            }
        }
        (info, _) => Err(PgError::internal(format!("dbase_redo: unknown op code {info:#x}"))),
    }
}

fn dbase_desc(record: &DecodedRecord) -> String {
    let oids = decode_oids(&record.main_data);
    match (record.info() & 0xf0, oids.as_slice()) {
        (XLOG_DBASE_CREATE_FILE_COPY, [db, spc, src, src_spc]) => {
            format!("CREATE_FILE_COPY copy dir {src_spc}/{src} to {spc}/{db}")
        }
        (XLOG_DBASE_DROP, [db, ..]) => format!("DROP dir {db}"),
        (info, _) => format!("info {info:#x}"),
    }
}

/// Registers the Database resource manager's redo (before the fork).
pub fn register_dbase_rmgr() {
    register_rmgr(RmgrId::DATABASE, RmgrDef { name: "Database", redo: dbase_redo, desc: dbase_desc });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_copy_copies() {
        assert_eq!(decode_oids(&encode_oids(&[16384, 1663, 1, 1663])), vec![16384, 1663, 1, 1663]);
        let dir = std::env::temp_dir().join(format!("ferrogres-dbcopy-{}", std::process::id()));
        let (from, to) = (dir.join("1"), dir.join("2"));
        std::fs::create_dir_all(&from).unwrap();
        std::fs::write(from.join("1259"), b"pages").unwrap();
        copy_dir(&from, &to).unwrap();
        assert_eq!(std::fs::read(to.join("1259")).unwrap(), b"pages");
        assert!(copy_dir(&from, &to).is_err(), "the target must not exist yet");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
