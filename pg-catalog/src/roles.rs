//! Roles, staged: `global/pg_authid.staged`, one role per line, written
//! atomically (temporary file, fsync, rename, fsync of the directory).
//!
//! This is the staged step ARCHITECTURE.md section 6 allows until the
//! catalogs are heap tables: `CREATE ROLE`, `ALTER ROLE` and `DROP ROLE`
//! change this file; every backend reads it at connection start and again
//! when it changes. Passwords are stored only as SCRAM-SHA-256 secrets.
//!
//! Line format (tab-separated): `oid name superuser login createdb createrole
//! inherit replication bypassrls connlimit secret` where booleans are `t`/`f`
//! and a missing secret is `-`.

use pg_error::{PgError, PgResult, SqlState};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file name under the data directory.
pub const ROLE_FILE: &str = "global/pg_authid.staged";
/// The bootstrap superuser's OID, as in PostgreSQL.
pub const BOOTSTRAP_SUPERUSER_OID: u32 = 10;
/// First OID handed to a user-created role (PostgreSQL's FirstNormalObjectId).
pub const FIRST_NORMAL_OID: u32 = 16384;

/// One role: the columns of `pg_authid` that exist this round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// pg_authid.oid
    pub oid: u32,
    /// rolname
    pub name: String,
    /// rolsuper
    pub superuser: bool,
    /// rolcanlogin
    pub login: bool,
    /// rolcreatedb
    pub createdb: bool,
    /// rolcreaterole
    pub createrole: bool,
    /// rolinherit
    pub inherit: bool,
    /// rolreplication
    pub replication: bool,
    /// rolbypassrls
    pub bypassrls: bool,
    /// rolconnlimit (-1 = no limit)
    pub connlimit: i32,
    /// rolpassword: a SCRAM-SHA-256 secret, or None
    pub password: Option<String>,
}

impl Role {
    /// A new role with CREATE ROLE's defaults (NOLOGIN unless `login`).
    pub fn new(oid: u32, name: &str, login: bool) -> Role {
        Role {
            oid,
            name: name.to_string(),
            superuser: false,
            login,
            createdb: false,
            createrole: false,
            inherit: true,
            replication: false,
            bypassrls: false,
            connlimit: -1,
            password: None,
        }
    }

    fn to_line(&self) -> String {
        let b = |v: bool| if v { "t" } else { "f" };
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            self.oid,
            self.name,
            b(self.superuser),
            b(self.login),
            b(self.createdb),
            b(self.createrole),
            b(self.inherit),
            b(self.replication),
            b(self.bypassrls),
            self.connlimit,
            self.password.as_deref().unwrap_or("-")
        )
    }

    fn from_line(line: &str) -> Option<Role> {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 11 {
            return None;
        }
        let b = |s: &str| s == "t";
        Some(Role {
            oid: f[0].parse().ok()?,
            name: f[1].to_string(),
            superuser: b(f[2]),
            login: b(f[3]),
            createdb: b(f[4]),
            createrole: b(f[5]),
            inherit: b(f[6]),
            replication: b(f[7]),
            bypassrls: b(f[8]),
            connlimit: f[9].parse().ok()?,
            password: if f[10] == "-" { None } else { Some(f[10].to_string()) },
        })
    }
}

fn corrupt(path: &Path, lineno: usize) -> PgError {
    PgError::new(SqlState::DATA_CORRUPTED, format!("invalid line {} in role file \"{}\"", lineno + 1, path.display()))
}

/// Reads every role. A missing file is an error: initdb always writes one.
pub fn load_roles(data_dir: &Path) -> PgResult<Vec<Role>> {
    let path = data_dir.join(ROLE_FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| PgError::new(SqlState::IO_ERROR, format!("could not read file \"{}\": {e}", path.display())))?;
    let mut roles = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        roles.push(Role::from_line(line).ok_or_else(|| corrupt(&path, i))?);
    }
    Ok(roles)
}

/// Writes the role list atomically and durably.
pub fn store_roles(data_dir: &Path, roles: &[Role]) -> PgResult<()> {
    let path = data_dir.join(ROLE_FILE);
    let tmp: PathBuf = data_dir.join(format!("{ROLE_FILE}.tmp.{}", std::process::id()));
    let io = |e: std::io::Error| {
        PgError::new(SqlState::IO_ERROR, format!("could not write file \"{}\": {e}", path.display()))
    };
    let mut text = String::from(
        "# oid\tname\tsuper\tlogin\tcreatedb\tcreaterole\tinherit\trepl\tbypassrls\tconnlimit\trolpassword\n",
    );
    for r in roles {
        text.push_str(&r.to_line());
    }
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp).map_err(io)?;
    f.write_all(text.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, &path).map_err(io)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
    }
    Ok(())
}

/// initdb's bootstrap superuser `postgres` (OID 10), with no password.
pub fn bootstrap_roles(data_dir: &Path) -> PgResult<()> {
    let mut postgres = Role::new(BOOTSTRAP_SUPERUSER_OID, "postgres", true);
    postgres.superuser = true;
    postgres.createdb = true;
    postgres.createrole = true;
    postgres.replication = true;
    postgres.bypassrls = true;
    store_roles(data_dir, &[postgres])
}

/// Finds a role by name.
pub fn find_role<'a>(roles: &'a [Role], name: &str) -> Option<&'a Role> {
    roles.iter().find(|r| r.name == name)
}

/// The next free OID for a new role.
pub fn next_role_oid(roles: &[Role]) -> u32 {
    roles.iter().map(|r| r.oid + 1).max().unwrap_or(FIRST_NORMAL_OID).max(FIRST_NORMAL_OID)
}

/// Turns a password given to CREATE/ALTER ROLE into what is stored: an
/// existing SCRAM secret is kept as is; anything else is hashed with a
/// random salt (4096 iterations, PostgreSQL's default).
pub fn encrypt_password(password: &str) -> PgResult<String> {
    if pg_protocol::scram::parse_scram_secret(password).is_some() {
        return Ok(password.to_string());
    }
    pg_protocol::scram::scram_build_secret_random(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_file() {
        let dir = std::env::temp_dir().join(format!("pgcat-roles-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("global")).unwrap();
        bootstrap_roles(&dir).unwrap();
        let mut roles = load_roles(&dir).unwrap();
        assert_eq!(roles.len(), 1);
        assert!(roles[0].superuser && roles[0].login);
        let mut r = Role::new(next_role_oid(&roles), "rel_pw", true);
        r.password = Some("SCRAM-SHA-256$4096:c2FsdA==$a:b".into());
        roles.push(r.clone());
        store_roles(&dir, &roles).unwrap();
        let back = load_roles(&dir).unwrap();
        assert_eq!(back, roles);
        assert_eq!(find_role(&back, "rel_pw").unwrap().oid, FIRST_NORMAL_OID);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
