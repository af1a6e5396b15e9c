//! Who this backend serves: the authenticated role, the database, the
//! client's address (PostgreSQL's `MyProcPort` and `miscinit.c` session
//! user state). Functions such as `current_user` read it through
//! [`current_session`], a process-global like PostgreSQL's.

use pg_catalog::roles::Role;
use std::cell::RefCell;

/// The session's identity.
#[derive(Clone, Debug)]
pub struct Session {
    /// The login role.
    pub role: Role,
    /// The database name.
    pub database: String,
    /// `127.0.0.1(50432)` or `[local]`, as process titles show it.
    pub remote: String,
}

thread_local! {
    static CURRENT: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// Records the session once authentication succeeded.
pub fn set_current_session(s: &Session) {
    CURRENT.with(|c| *c.borrow_mut() = Some(s.clone()));
}

/// The current session (None before authentication).
pub fn current_session() -> Option<Session> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Whether the session's user has the privileges of role `name`
/// (`has_privs_of_role`): a superuser has every role's; otherwise only its
/// own, since role membership (GRANT role TO role) does not exist yet.
/// Outside a session (the postmaster, unit tests) there is no user to limit.
pub fn has_privs_of_role(name: &str) -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_none_or(|s| s.role.superuser || s.role.name == name))
}

/// Updates the cached role after ALTER ROLE on ourselves.
pub fn update_current_role(role: &Role) {
    CURRENT.with(|c| {
        if let Some(s) = c.borrow_mut().as_mut() {
            if s.role.oid == role.oid {
                s.role = role.clone();
            }
        }
    });
}

impl Session {
    /// Sets the process title: `postgres: USER DB REMOTE WHAT`.
    pub fn set_title(&self, what: &str) {
        // The log's %i shows the activity part.
        pg_error::elog::set_activity(what);
        if pg_guc::vars::UPDATE_PROCESS_TITLE.get() {
            pg_proc::ps_status::set_ps_display(&format!(
                "postgres: {} {} {} {what}",
                self.role.name, self.database, self.remote
            ));
        }
    }
}
