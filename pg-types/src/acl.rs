//! `aclitem` (PostgreSQL's `utils/adt/acl.c`): one entry of an access
//! control list, as the catalogs' `*acl` columns hold them.
//!
//! An item names who is granted (the role OID, 0 for PUBLIC), who granted,
//! and a privilege mask: bit `n` is the privilege whose letter stands at
//! position `n` of [`PRIVILEGE_LETTERS`], and bit `n + 16` its grant
//! option (printed as `*` after the letter). On disk it is 12 bytes:
//! grantee, grantor, mask (PostgreSQL 15's 32-bit `AclMode`).
//!
//! This crate does not know the catalog: input resolves role names through
//! `regrole` input (the reg* hook of [`crate::io`]), and output asks the
//! [`RoleNameHook`] the layer that knows the roles registers at start.

use crate::io;
use crate::types::{oid, Oid};
use pg_error::{PgError, PgResult, SqlState};

/// One access control list entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AclItem {
    /// The role granted the privileges; 0 is PUBLIC.
    pub grantee: Oid,
    /// The role that granted them.
    pub grantor: Oid,
    /// Privilege bits (low 16) and their grant options (high 16).
    pub privs: u32,
}

/// The privilege letters in bit order (`ACL_ALL_RIGHTS_STR`): INSERT,
/// SELECT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, EXECUTE, USAGE,
/// CREATE, TEMPORARY, CONNECT, SET, ALTER SYSTEM.
pub const PRIVILEGE_LETTERS: &[u8] = b"arwdDxtXUCTcsA";

/// The bootstrap superuser (`BOOTSTRAP_SUPERUSERID`), the grantor an item
/// written without one gets.
const BOOTSTRAP_SUPERUSER_ID: Oid = 10;

impl AclItem {
    /// The mask of the privileges named by `letters` (no grant options).
    pub fn mask(letters: &str) -> u32 {
        letters.bytes().filter_map(|c| PRIVILEGE_LETTERS.iter().position(|&l| l == c)).fold(0, |m, bit| m | (1 << bit))
    }
}

fn syntax(msg: &str) -> PgError {
    PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, msg.to_string())
}

/// Reads one role name (`getid`): letters, digits and `_`, or a
/// double-quoted name with `""` for a quote. Returns the name and the rest.
fn read_name(s: &str) -> PgResult<(String, &str)> {
    let s = s.trim_start();
    let mut name = String::new();
    let mut in_quotes = false;
    let mut chars = s.char_indices().peekable();
    let mut end = s.len();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            if in_quotes && chars.peek().map(|&(_, n)| n) == Some('"') {
                chars.next();
                name.push('"');
            } else {
                in_quotes = !in_quotes;
            }
        } else if in_quotes || c.is_alphanumeric() || c == '_' {
            name.push(c);
        } else {
            end = i;
            break;
        }
    }
    if in_quotes {
        return Err(syntax("unterminated name"));
    }
    if name.len() > io::NAME_MAX_BYTES {
        return Err(syntax("identifier too long"));
    }
    Ok((name, s[end..].trim_start()))
}

/// The role named `name` exactly as written (already unquoted, no case
/// folding), through `regrole` input: 42704 when there is none.
fn role_oid(name: &str) -> PgResult<Oid> {
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    match io::input(oid::REGROLE, -1, &quoted, &Default::default())? {
        crate::Datum::Oid(o) => Ok(o),
        _ => Err(PgError::internal("regrole input gave no OID")),
    }
}

/// `aclitemin`: `[grantee]=privileges[/grantor]`, an empty grantee being
/// PUBLIC and a missing grantor the bootstrap superuser.
pub fn parse_aclitem(text: &str) -> PgResult<AclItem> {
    let (mut grantee_name, mut rest) = read_name(text)?;
    if !rest.starts_with('=') {
        // The old spelling `group name=...` / `user name=...`.
        if grantee_name != "group" && grantee_name != "user" {
            return Err(syntax(&format!("unrecognized key word: \"{grantee_name}\""))
                .with_hint("ACL key word must be \"group\" or \"user\"."));
        }
        (grantee_name, rest) = read_name(rest)?;
        if grantee_name.is_empty() {
            return Err(syntax("missing name").with_hint("A name must follow the \"group\" or \"user\" key word."));
        }
    }
    let Some(rest) = rest.strip_prefix('=') else {
        return Err(syntax("missing \"=\" sign"));
    };
    // The letters follow the `=` directly, and the `/` follows them
    // directly; spaces are allowed only around names.
    let mut privs = 0u32;
    let mut end = rest.len();
    let mut last_bit = None;
    for (i, c) in rest.char_indices() {
        if c == '*' {
            // A grant option marker; one with no letter before it adds nothing.
            if let Some(bit) = last_bit {
                privs |= 1u32 << (bit + 16);
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            end = i;
            break;
        }
        let Some(bit) = PRIVILEGE_LETTERS.iter().position(|&l| l as char == c) else {
            return Err(syntax("invalid mode character: must be one of \"arwdDxtXUCTcsA\""));
        };
        privs |= 1 << bit;
        last_bit = Some(bit);
    }
    let rest = &rest[end..];
    let (grantor, rest) = match rest.strip_prefix('/') {
        Some(g) => {
            let (name, tail) = read_name(g)?;
            if name.is_empty() {
                return Err(syntax("a name must follow the \"/\" sign"));
            }
            (role_oid(&name)?, tail)
        }
        None => {
            pg_error::notice::emit_notice(PgError::notice(
                pg_error::Severity::Warning,
                SqlState::WARNING,
                format!("defaulting grantor to user ID {BOOTSTRAP_SUPERUSER_ID}"),
            ));
            (BOOTSTRAP_SUPERUSER_ID, rest)
        }
    };
    if !rest.trim_start().is_empty() {
        return Err(syntax("extra garbage at the end of the ACL specification"));
    }
    let grantee = if grantee_name.is_empty() { 0 } else { role_oid(&grantee_name)? };
    Ok(AclItem { grantee, grantor, privs })
}

/// A role's name by OID, None when no such role exists.
pub type RoleNameHook = fn(Oid) -> Option<String>;

static ROLE_NAME_HOOK: std::sync::OnceLock<RoleNameHook> = std::sync::OnceLock::new();

/// Registers the [`RoleNameHook`] (once; later calls are ignored).
pub fn set_role_name_hook(hook: RoleNameHook) {
    let _ = ROLE_NAME_HOOK.set(hook);
}

/// `putid`: a role name, double-quoted unless it is all letters, digits
/// and `_`; a role that no longer exists prints as its OID.
fn put_role(out: &mut String, role: Oid) {
    let name = ROLE_NAME_HOOK.get().and_then(|hook| hook(role)).unwrap_or_else(|| role.to_string());
    let safe = name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !safe {
        out.push('"');
    }
    for c in name.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if !safe {
        out.push('"');
    }
}

/// `aclitemout`: `grantee=privileges/grantor`, PUBLIC as an empty grantee.
pub fn format_aclitem(item: &AclItem) -> String {
    let mut out = String::new();
    if item.grantee != 0 {
        put_role(&mut out, item.grantee);
    }
    out.push('=');
    for (bit, &letter) in PRIVILEGE_LETTERS.iter().enumerate() {
        if item.privs & (1 << bit) != 0 {
            out.push(letter as char);
            if item.privs & (1 << (bit + 16)) != 0 {
                out.push('*');
            }
        }
    }
    out.push('/');
    put_role(&mut out, item.grantor);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_follow_the_letter_order() {
        assert_eq!(AclItem::mask("a"), 1);
        assert_eq!(AclItem::mask("c"), 1 << 11);
        assert_eq!(AclItem::mask("CTc"), (1 << 9) | (1 << 10) | (1 << 11));
    }

    #[test]
    fn items_print_with_public_and_grant_options() {
        // Without the catalog hook, roles print as their OIDs.
        let public = AclItem { grantee: 0, grantor: 10, privs: AclItem::mask("c") };
        assert_eq!(format_aclitem(&public), "=c/10");
        let opt = AclItem { grantee: 10, grantor: 10, privs: AclItem::mask("rw") | (1 << (1 + 16)) };
        assert_eq!(format_aclitem(&opt), "10=r*w/10");
    }

    #[test]
    fn input_reads_public_and_rejects_bad_modes() {
        // Without a grantor the bootstrap superuser is taken; no role
        // name needs the catalog here.
        assert_eq!(parse_aclitem("=c").unwrap(), AclItem { grantee: 0, grantor: 10, privs: AclItem::mask("c") });
        assert_eq!(parse_aclitem(" =r* ").unwrap().privs, 2 | (2 << 16));
        assert_eq!(parse_aclitem("=*r").unwrap().privs, 2);
        assert_eq!(parse_aclitem("=q/10").unwrap_err().code, SqlState::INVALID_TEXT_REPRESENTATION);
        assert_eq!(parse_aclitem("x").unwrap_err().code, SqlState::INVALID_TEXT_REPRESENTATION);
        assert_eq!(parse_aclitem("=r x").unwrap_err().code, SqlState::INVALID_TEXT_REPRESENTATION);
    }
}
