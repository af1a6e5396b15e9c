//! pg-guc: the settings registry ("Grand Unified Configuration"): defaults,
//! `postgresql.conf`, `-c name=value`, the startup packet's options,
//! `SET`/`SET LOCAL`/`SHOW`/`RESET`, contexts, sources, units, and the
//! ParameterStatus reports sent to clients.
//!
//! PostgreSQL source area: `src/backend/utils/misc/guc.c` (the registry and
//! `set_config_option`), `guc-file.l` (the configuration file syntax and
//! `ProcessConfigFile`), `postgresql.conf.sample`, and the check hooks of
//! `commands/variable.c` (DateStyle, client_encoding).
//!
//! Dependencies: `pg-error` only (layer 1). Higher layers plug in through
//! [`register_check_hook`] and [`register_assign_hook`] (the types layer
//! validates `TimeZone`; the backend sets `is_superuser` with [`set_internal`]).
//!
//! Invariants:
//! - The registry is process-global state of the (single) thread that runs a
//!   server process: a `thread_local`, built at first use from the built-in
//!   table, so a `fork()`ed child inherits its parent's settings exactly as
//!   PostgreSQL's backends inherit the postmaster's globals. It holds no
//!   locks and starts no threads.
//! - Every setting's current value came through the same validation
//!   (`parse_and_validate_value`, then the check hook), whatever its source.
//! - A value from a lower-priority source never replaces one from a higher
//!   source: default < file < command line < client < override < session.
//!   Lower sources still update the value RESET returns to.
//! - Changes made with `SET` inside a transaction are undone if it aborts;
//!   `SET LOCAL` changes are undone when it ends either way. Each setting
//!   keeps one stack entry per open nest level that changed it (the
//!   transaction is level 1, each savepoint one more), so a rollback to a
//!   savepoint undoes exactly the changes made since it.
//! - Errors carry PostgreSQL 15's SQLSTATE and wording.
//!
//! ```
//! use pg_guc::{set_config_option, show, at_transaction_start, at_transaction_abort, GucSource};
//! // SET work_mem = '1024kB' by an ordinary user, outside a transaction block.
//! set_config_option("work_mem", Some("1024kB"), GucSource::Session, false, false).unwrap();
//! assert_eq!(show("work_mem").unwrap(), "1MB");
//! // BEGIN; SET work_mem = '8MB'; ROLLBACK;
//! at_transaction_start();
//! set_config_option("work_mem", Some("8MB"), GucSource::Session, false, false).unwrap();
//! at_transaction_abort();
//! assert_eq!(show("work_mem").unwrap(), "1MB");
//! ```
//!
//! # Transactions and savepoints (`NewGUCNestLevel` / `AtEOXact_GUC`)
//!
//! The transaction layer drives the nest levels:
//! - `StartTransaction`: [`at_transaction_start`] (opens level 1).
//! - `SAVEPOINT` (a subtransaction starts): `let level = new_nest_level();`
//!   and keep `level` with the savepoint.
//! - `RELEASE` (the subtransaction commits): `at_eoxact(level, true)`: its
//!   changes stay and belong to the enclosing level from then on.
//! - `ROLLBACK TO` (the subtransaction aborts): `at_eoxact(level, false)`
//!   undoes every change since the savepoint, then `new_nest_level()` again
//!   for the savepoint, which stays defined.
//! - `COMMIT` / `ROLLBACK`: [`at_transaction_commit`] / [`at_transaction_abort`]
//!   (`at_eoxact(1, ..)`), which also close any savepoint level still open.
//!
//! Closing a level closes the levels opened inside it too, so releasing or
//! rolling back an outer savepoint needs one call.
//!
//! ```
//! use pg_guc::{at_eoxact, at_transaction_commit, at_transaction_start, new_nest_level, set_config_option, show, GucSource};
//! let set = |v| set_config_option("work_mem", Some(v), GucSource::Session, false, false).unwrap();
//! // begin; set work_mem = '1MB'; savepoint a; set work_mem = '2MB'; rollback to a;
//! at_transaction_start();
//! set("1MB");
//! let a = new_nest_level();
//! set("2MB");
//! at_eoxact(a, false);
//! let a = new_nest_level();
//! assert_eq!(show("work_mem").unwrap(), "1MB");
//! // set work_mem = '3MB'; release a; commit;
//! set("3MB");
//! at_eoxact(a, true);
//! at_transaction_commit();
//! assert_eq!(show("work_mem").unwrap(), "3MB");
//! ```
//!
//! ```
//! # use pg_guc::{set_config_option, GucSource};
//! let e = set_config_option("max_connections", Some("5"), GucSource::Session, false, true).unwrap_err();
//! assert_eq!(e.message, "parameter \"max_connections\" cannot be changed without restarting the server");
//! ```
#![forbid(unsafe_code)]

mod accessors;
mod builtin;
mod checks;
mod config_file;
mod guc;
mod parse;
mod sample;
mod settings_table;
mod units;

use std::borrow::Cow;

pub use accessors::{BoolVar, EnumVar, IntVar, RealVar, StringVar};
pub use builtin::{elevel, SERVER_VERSION, SERVER_VERSION_NUM};
pub use checks::canonical_encoding_name;
pub use config_file::{
    apply_config_file, load_config_file, parse_config_file, parse_dash_c, reload_config_file, ConfigFileOutcome,
    ConfigItem,
};
pub use guc::{
    at_eoxact, at_transaction_abort, at_transaction_commit, at_transaction_start, define_custom_variable, describe,
    get_bool, get_config_option, get_enum, get_int, get_real, get_string, initialize, nest_level, new_nest_level,
    register_assign_hook, register_check_hook, report_all, reset, reset_all, set_computed, set_config_option,
    set_config_option_ext, set_from_command_line, set_internal, set_is_under_postmaster, show, show_all,
    take_reported_changes, AssignHook, CheckHook, GucAction, GucDescription,
};
pub use sample::sample_config_file;
pub use settings_table::{vars, GucCategory, BUILTIN_COUNT};
pub use units::GucUnit;

/// Who may change a setting and when (PostgreSQL's `GucContext`), from the
/// most restricted to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GucContext {
    /// Fixed facts about the server; only the server sets them.
    Internal,
    /// Set at server start (file or command line); changes need a restart.
    Postmaster,
    /// Set in the configuration file; a reload (SIGHUP) applies changes.
    Sighup,
    /// Like `Backend`, but only superusers may set it at connection start.
    SuBackend,
    /// Set at connection start (startup packet); fixed for the session after.
    Backend,
    /// Superusers may change it at any time.
    Superuser,
    /// Anyone may change it at any time.
    User,
}

impl GucContext {
    /// The name pg_settings.context shows.
    pub fn name(self) -> &'static str {
        match self {
            GucContext::Internal => "internal",
            GucContext::Postmaster => "postmaster",
            GucContext::Sighup => "sighup",
            GucContext::SuBackend => "superuser-backend",
            GucContext::Backend => "backend",
            GucContext::Superuser => "superuser",
            GucContext::User => "user",
        }
    }
}

/// Where a value came from (PostgreSQL's `GucSource`), in priority order: a
/// value never replaces one from a later (higher) source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GucSource {
    /// The built-in boot value.
    Default,
    /// A default the server computes at start (`PGC_S_DYNAMIC_DEFAULT`:
    /// `max_stack_depth` from the stack limit, `server_encoding`, ...);
    /// pg_settings shows it as `default`.
    DynamicDefault,
    /// An environment variable (e.g. `PGPORT`).
    EnvVar,
    /// `postgresql.conf`.
    File,
    /// The postmaster's command line (`-c`, `-p`, ...).
    CommandLine,
    /// Per-database setting (`ALTER DATABASE ... SET`).
    Database,
    /// Per-role setting (`ALTER ROLE ... SET`).
    User,
    /// Per-database-and-role setting.
    DatabaseUser,
    /// The client's startup packet (`options` and parameters).
    Client,
    /// Set by the server itself (`set_internal`).
    Override,
    /// `SET` in the session.
    Session,
}

impl GucSource {
    /// The name pg_settings.source shows.
    pub fn name(self) -> &'static str {
        match self {
            GucSource::Default | GucSource::DynamicDefault => "default",
            GucSource::EnvVar => "environment variable",
            GucSource::File => "configuration file",
            GucSource::CommandLine => "command line",
            GucSource::Database => "database",
            GucSource::User => "user",
            GucSource::DatabaseUser => "database user",
            GucSource::Client => "client",
            GucSource::Override => "override",
            GucSource::Session => "session",
        }
    }
}

/// Setting flags (PostgreSQL's `GUC_*` bits that this server uses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct GucFlags(pub u32);

impl GucFlags {
    /// No flags.
    pub const NONE: GucFlags = GucFlags(0);
    /// Reported to the client in ParameterStatus whenever it changes.
    pub const REPORT: GucFlags = GucFlags(1 << 0);
    /// Left out of `SHOW ALL`.
    pub const NO_SHOW_ALL: GucFlags = GucFlags(1 << 1);
    /// Left alone by `RESET ALL`.
    pub const NO_RESET_ALL: GucFlags = GucFlags(1 << 2);
    /// Left out of the sample configuration file.
    pub const NOT_IN_SAMPLE: GucFlags = GucFlags(1 << 3);
    /// May not be set in the configuration file.
    pub const DISALLOW_IN_FILE: GucFlags = GucFlags(1 << 4);
    /// Only superusers may see the value.
    pub const SUPERUSER_ONLY: GucFlags = GucFlags(1 << 5);
    /// The value is a comma-separated list (`SET x = a, b` gives `a, b`).
    pub const LIST_INPUT: GucFlags = GucFlags(1 << 6);
    /// A placeholder for a custom (dotted) name nobody has defined yet.
    pub const CUSTOM_PLACEHOLDER: GucFlags = GucFlags(1 << 7);
    /// SHOW prints the integer in octal with a leading zero (`0777`).
    pub const SHOW_OCTAL: GucFlags = GucFlags(1 << 8);
    /// Shown by `EXPLAIN (SETTINGS)` when it differs from its default.
    pub const EXPLAIN: GucFlags = GucFlags(1 << 9);
    /// Computed by the server at start (`shared_memory_size`), not set.
    pub const RUNTIME_COMPUTED: GucFlags = GucFlags(1 << 10);

    /// Both sets of flags.
    pub const fn union(self, other: GucFlags) -> GucFlags {
        GucFlags(self.0 | other.0)
    }

    /// True if every flag of `other` is set.
    pub const fn contains(self, other: GucFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// One allowed value of an enum setting. Hidden values are accepted as
/// input but neither listed in hints nor shown (`debug` is `debug2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnumOption {
    /// The value's name, matched case-insensitively.
    pub name: &'static str,
    /// The number the server stores (`get_enum` returns it).
    pub value: i32,
    /// Accepted as input only.
    pub hidden: bool,
}

/// A setting's type with its boot value, range and unit.
#[derive(Clone, Debug, PartialEq)]
pub enum GucKind {
    /// on/off.
    Bool {
        /// Boot value.
        boot: bool,
    },
    /// A 32-bit integer in `unit`.
    Int {
        /// Boot value.
        boot: i32,
        /// Smallest allowed value.
        min: i32,
        /// Largest allowed value.
        max: i32,
        /// The unit the value is stored in.
        unit: GucUnit,
    },
    /// A floating-point number in `unit`.
    Real {
        /// Boot value.
        boot: f64,
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// The unit the value is stored in.
        unit: GucUnit,
    },
    /// Free text (validated by a check hook where the server needs it).
    String {
        /// Boot value; None is PostgreSQL's NULL boot value (the setting
        /// reads as empty text, pg_settings.boot_val shows NULL).
        boot: Option<Cow<'static, str>>,
    },
    /// One of a fixed set of names.
    Enum {
        /// Boot value (an [`EnumOption::value`]).
        boot: i32,
        /// Allowed values, in display order.
        options: &'static [EnumOption],
    },
}

impl GucKind {
    /// pg_settings.vartype.
    pub fn type_name(&self) -> &'static str {
        match self {
            GucKind::Bool { .. } => "bool",
            GucKind::Int { .. } => "integer",
            GucKind::Real { .. } => "real",
            GucKind::String { .. } => "string",
            GucKind::Enum { .. } => "enum",
        }
    }
}

/// A setting's metadata (one row of guc.c's `ConfigureNames*` tables).
#[derive(Clone, Debug, PartialEq)]
pub struct GucDefinition {
    /// Canonical spelling (`DateStyle`); lookups ignore case.
    pub name: Cow<'static, str>,
    /// Who may change it and when.
    pub context: GucContext,
    /// Grouping for pg_settings and the sample file.
    pub category: GucCategory,
    /// One-sentence description.
    pub short_desc: &'static str,
    /// Further description (pg_settings.extra_desc), if any.
    pub extra_desc: Option<&'static str>,
    /// `GUC_*` flags.
    pub flags: GucFlags,
    /// Type, boot value, range and unit.
    pub kind: GucKind,
}

/// A setting's value in its base unit.
#[derive(Clone, Debug, PartialEq)]
pub enum GucValue {
    /// A Boolean.
    Bool(bool),
    /// An integer in the setting's base unit.
    Int(i32),
    /// A real in the setting's base unit.
    Real(f64),
    /// A string.
    String(String),
    /// An enum's [`EnumOption::value`].
    Enum(i32),
}
