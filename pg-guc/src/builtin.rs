//! What the built-in settings need beyond the generated table
//! (`settings_table.rs`, from `settings.tsv`): the facts pg_settings does not
//! show. Those are the `GUC_*` flags other than the five
//! `pg_settings_get_flags` reports, the numbers enum values are stored as
//! (so message levels compare by severity), the hidden spellings enums accept
//! (`synchronous_commit = yes`), and the defaults the server computes at
//! start (`PGC_S_DYNAMIC_DEFAULT`).

use std::borrow::Cow;

use crate::settings_table::builtin_table;
use crate::{EnumOption, GucContext, GucDefinition, GucFlags, GucKind};

/// The PostgreSQL release this server speaks as.
pub const SERVER_VERSION: &str = "15.18";
/// `server_version_num` for [`SERVER_VERSION`].
pub const SERVER_VERSION_NUM: i32 = 150018;

/// Message levels as PostgreSQL's `elog.h` numbers them; enum settings about
/// message levels store these values, so `get_enum` results compare by severity.
pub mod elevel {
    /// DEBUG5, the most verbose.
    pub const DEBUG5: i32 = 10;
    /// DEBUG4.
    pub const DEBUG4: i32 = 11;
    /// DEBUG3.
    pub const DEBUG3: i32 = 12;
    /// DEBUG2.
    pub const DEBUG2: i32 = 13;
    /// DEBUG1.
    pub const DEBUG1: i32 = 14;
    /// LOG: server-log messages (ranks above ERROR for `log_min_messages`).
    pub const LOG: i32 = 15;
    /// INFO.
    pub const INFO: i32 = 17;
    /// NOTICE.
    pub const NOTICE: i32 = 18;
    /// WARNING.
    pub const WARNING: i32 = 19;
    /// ERROR.
    pub const ERROR: i32 = 21;
    /// FATAL.
    pub const FATAL: i32 = 22;
    /// PANIC.
    pub const PANIC: i32 = 23;
}

const fn opt(name: &'static str, value: i32) -> EnumOption {
    EnumOption { name, value, hidden: false }
}

const fn hidden(name: &'static str, value: i32) -> EnumOption {
    EnumOption { name, value, hidden: true }
}

/// `log_min_messages`: server-log levels, in PostgreSQL's display order.
pub static SERVER_MESSAGE_LEVELS: [EnumOption; 13] = [
    opt("debug5", elevel::DEBUG5),
    opt("debug4", elevel::DEBUG4),
    opt("debug3", elevel::DEBUG3),
    opt("debug2", elevel::DEBUG2),
    opt("debug1", elevel::DEBUG1),
    hidden("debug", elevel::DEBUG2),
    opt("info", elevel::INFO),
    opt("notice", elevel::NOTICE),
    opt("warning", elevel::WARNING),
    opt("error", elevel::ERROR),
    opt("log", elevel::LOG),
    opt("fatal", elevel::FATAL),
    opt("panic", elevel::PANIC),
];

/// `client_min_messages`: levels sent to the client.
pub static CLIENT_MESSAGE_LEVELS: [EnumOption; 11] = [
    opt("debug5", elevel::DEBUG5),
    opt("debug4", elevel::DEBUG4),
    opt("debug3", elevel::DEBUG3),
    opt("debug2", elevel::DEBUG2),
    opt("debug1", elevel::DEBUG1),
    opt("log", elevel::LOG),
    opt("notice", elevel::NOTICE),
    opt("warning", elevel::WARNING),
    opt("error", elevel::ERROR),
    hidden("debug", elevel::DEBUG2),
    hidden("info", elevel::INFO),
];

/// `trace_recovery_messages`: the client levels, stored as message levels.
pub static TRACE_RECOVERY_LEVELS: [EnumOption; 11] = CLIENT_MESSAGE_LEVELS;

/// Isolation levels with PostgreSQL's `XACT_*` numbers.
pub static ISOLATION_LEVELS: [EnumOption; 4] =
    [opt("serializable", 3), opt("repeatable read", 2), opt("read committed", 1), opt("read uncommitted", 0)];

/// `IntervalStyle` values with PostgreSQL's `INTSTYLE_*` numbers.
pub static INTERVAL_STYLES: [EnumOption; 4] =
    [opt("postgres", 0), opt("postgres_verbose", 1), opt("sql_standard", 2), opt("iso_8601", 3)];

/// `password_encryption` values with PostgreSQL's `PASSWORD_TYPE_*` numbers.
pub static PASSWORD_TYPES: [EnumOption; 2] = [opt("md5", 1), opt("scram-sha-256", 2)];

/// The hidden Boolean spellings that several enum settings accept for their
/// `on` (`ON` is its stored number) and `off` values.
macro_rules! with_bool_aliases {
    ($on:expr, $off:expr; $($visible:expr),* $(,)?) => {
        [
            $($visible,)*
            hidden("true", $on),
            hidden("false", $off),
            hidden("yes", $on),
            hidden("no", $off),
            hidden("1", $on),
            hidden("0", $off),
        ]
    };
}

static ARCHIVE_MODES: [EnumOption; 9] = with_bool_aliases!(1, 0; opt("always", 2), opt("on", 1), opt("off", 0));
static BACKSLASH_QUOTE: [EnumOption; 9] =
    with_bool_aliases!(1, 0; opt("safe_encoding", 2), opt("on", 1), opt("off", 0));
static COMPUTE_QUERY_ID: [EnumOption; 10] =
    with_bool_aliases!(1, 0; opt("auto", 2), opt("regress", 3), opt("on", 1), opt("off", 0));
static CONSTRAINT_EXCLUSION: [EnumOption; 9] =
    with_bool_aliases!(1, 0; opt("partition", 2), opt("on", 1), opt("off", 0));
static FORCE_PARALLEL_MODE: [EnumOption; 9] = with_bool_aliases!(1, 0; opt("off", 0), opt("on", 1), opt("regress", 2));
static HUGE_PAGES: [EnumOption; 9] = with_bool_aliases!(1, 0; opt("off", 0), opt("on", 1), opt("try", 2));
static RECOVERY_PREFETCH: [EnumOption; 9] = with_bool_aliases!(1, 0; opt("off", 0), opt("on", 1), opt("try", 2));
static SYNCHRONOUS_COMMIT: [EnumOption; 11] = with_bool_aliases!(
    1, 0;
    opt("local", 2), opt("remote_write", 3), opt("remote_apply", 4), opt("on", 1), opt("off", 0),
);
/// `wal_compression = on` means pglz: both store 1, so SHOW prints `pglz`.
static WAL_COMPRESSION: [EnumOption; 11] = with_bool_aliases!(
    1, 0;
    opt("pglz", 1), opt("lz4", 2), opt("zstd", 3), opt("on", 1), opt("off", 0),
);
/// `archive` and `hot_standby` are the pre-9.6 names of `replica`.
static WAL_LEVELS: [EnumOption; 5] =
    [opt("minimal", 0), opt("replica", 1), opt("logical", 2), hidden("archive", 1), hidden("hot_standby", 1)];

/// The enum settings whose stored numbers or hidden spellings matter; the
/// others number their values in display order and accept only those.
fn enum_options(name: &str) -> Option<&'static [EnumOption]> {
    Some(match name {
        "log_min_messages" | "log_min_error_statement" => &SERVER_MESSAGE_LEVELS,
        "client_min_messages" => &CLIENT_MESSAGE_LEVELS,
        "trace_recovery_messages" => &TRACE_RECOVERY_LEVELS,
        "default_transaction_isolation" | "transaction_isolation" => &ISOLATION_LEVELS,
        "IntervalStyle" => &INTERVAL_STYLES,
        "password_encryption" => &PASSWORD_TYPES,
        "archive_mode" => &ARCHIVE_MODES,
        "backslash_quote" => &BACKSLASH_QUOTE,
        "compute_query_id" => &COMPUTE_QUERY_ID,
        "constraint_exclusion" => &CONSTRAINT_EXCLUSION,
        "force_parallel_mode" => &FORCE_PARALLEL_MODE,
        "huge_pages" => &HUGE_PAGES,
        "recovery_prefetch" => &RECOVERY_PREFETCH,
        "synchronous_commit" => &SYNCHRONOUS_COMMIT,
        "wal_compression" => &WAL_COMPRESSION,
        "wal_level" => &WAL_LEVELS,
        _ => return None,
    })
}

/// The `GUC_*` flags pg_settings_get_flags does not report.
fn extra_flags(name: &str, context: GucContext) -> GucFlags {
    let mut flags = GucFlags::NONE;
    // Sent to the client in ParameterStatus (the values psql and drivers track).
    if matches!(
        name,
        "application_name"
            | "client_encoding"
            | "DateStyle"
            | "default_transaction_read_only"
            | "in_hot_standby"
            | "integer_datetimes"
            | "IntervalStyle"
            | "is_superuser"
            | "server_encoding"
            | "server_version"
            | "session_authorization"
            | "standard_conforming_strings"
            | "TimeZone"
    ) {
        flags = flags.union(GucFlags::REPORT);
    }
    // `SET name = a, b` takes a list (PostgreSQL 15.18 answers "SET name takes
    // only one argument" for every other string setting).
    if matches!(
        name,
        "DateStyle"
            | "search_path"
            | "temp_tablespaces"
            | "local_preload_libraries"
            | "session_preload_libraries"
            | "shared_preload_libraries"
            | "restrict_nonsystem_relation_kind"
            | "wal_consistency_checking"
            | "listen_addresses"
            | "unix_socket_directories"
            | "log_destination"
            | "synchronous_standby_names"
    ) {
        flags = flags.union(GucFlags::LIST_INPUT);
    }
    if matches!(
        name,
        "search_path"
            | "temp_tablespaces"
            | "local_preload_libraries"
            | "session_preload_libraries"
            | "shared_preload_libraries"
            | "unix_socket_directories"
    ) {
        flags = flags.union(GucFlags::LIST_QUOTE);
    }
    // Hidden from users without pg_read_all_settings (the rows PostgreSQL
    // 15.18's pg_settings leaves out for such a user).
    if matches!(
        name,
        "config_file"
            | "data_directory"
            | "dynamic_library_path"
            | "extension_destdir"
            | "external_pid_file"
            | "hba_file"
            | "ident_file"
            | "jit_provider"
            | "krb_server_keyfile"
            | "log_directory"
            | "log_filename"
            | "primary_conninfo"
            | "session_preload_libraries"
            | "shared_preload_libraries"
            | "ssl_ciphers"
            | "ssl_dh_params_file"
            | "ssl_ecdh_curve"
            | "ssl_max_protocol_version"
            | "ssl_min_protocol_version"
            | "ssl_passphrase_command"
            | "unix_socket_directories"
    ) {
        flags = flags.union(GucFlags::SUPERUSER_ONLY);
    }
    if context == GucContext::Internal
        || matches!(
            name,
            "config_file"
                | "transaction_isolation"
                | "transaction_read_only"
                | "transaction_deferrable"
                | "role"
                | "session_authorization"
                | "seed"
        )
    {
        flags = flags.union(GucFlags::DISALLOW_IN_FILE);
    }
    if matches!(name, "data_directory_mode" | "log_file_mode" | "unix_socket_permissions") {
        flags = flags.union(GucFlags::SHOW_OCTAL);
    }
    flags
}

/// Boot values where this server's build differs from the Debian build of
/// PostgreSQL 15.18 that settings.tsv was dumped from: the socket directory
/// is upstream PostgreSQL's default, and the version carries no packager's
/// suffix.
const BOOT_OVERRIDES: [(&str, &str); 2] = [("unix_socket_directories", "/tmp"), ("server_version", SERVER_VERSION)];

/// Every built-in setting's definition: the generated table with the flags,
/// enum numbering and boot overrides above applied. Index `i` is `vars`
/// handle `i`'s setting.
pub fn builtin_definitions() -> Vec<GucDefinition> {
    let mut defs = builtin_table();
    for def in &mut defs {
        if let Some((_, boot)) = BOOT_OVERRIDES.iter().find(|(name, _)| *name == def.name) {
            def.kind = GucKind::String { boot: Some(Cow::Borrowed(boot)) };
        }
        def.flags = def.flags.union(extra_flags(&def.name, def.context));
        if let GucKind::Enum { boot, options } = &mut def.kind {
            if let Some(numbered) = enum_options(&def.name) {
                let label = options[*boot as usize].name;
                *boot = numbered
                    .iter()
                    .find(|o| o.name == label)
                    .expect("enum_options lists every visible value (checked by a test)")
                    .value;
                *options = numbered;
            }
        }
    }
    defs
}

/// The defaults the server computes rather than takes from the table
/// (`PGC_S_DYNAMIC_DEFAULT`), as (name, value): this server's encoding is
/// always UTF8, its locale C, its data directory mode 0700, the stack depth
/// limit the one PostgreSQL chooses under the usual 8 MB stack rlimit, and
/// `wal_buffers` PostgreSQL's automatic choice (1/32 of the default
/// `shared_buffers`).
pub fn dynamic_defaults() -> Vec<(&'static str, String)> {
    vec![
        ("server_encoding", "UTF8".to_string()),
        ("client_encoding", "UTF8".to_string()),
        ("lc_messages", "C".to_string()),
        ("max_stack_depth", "2048".to_string()),
        ("timezone_abbreviations", "Default".to_string()),
        ("TimeZone", default_timezone()),
        ("log_timezone", default_timezone()),
        ("data_directory_mode", "0700".to_string()),
        ("wal_buffers", "512".to_string()),
    ]
}

/// The default time zone, found as PostgreSQL's initdb finds the system's:
/// the environment's `TZ` when it names a zone, else the zone
/// `/etc/localtime` links to (`Etc/UTC`), else UTC.
fn default_timezone() -> String {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if !tz.is_empty() && !tz.starts_with('/') {
            return tz.to_string();
        }
    }
    std::fs::read_link("/etc/localtime")
        .ok()
        .and_then(|target| {
            let target = target.to_string_lossy().into_owned();
            target.split_once("zoneinfo/").map(|(_, zone)| zone.to_string())
        })
        .filter(|zone| !zone.is_empty())
        .unwrap_or_else(|| "UTC".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each hand-numbered enum lists exactly PostgreSQL's visible values, in
    /// its order, so the generated table and the numbering cannot disagree.
    #[test]
    fn enum_numbering_covers_the_table() {
        for def in builtin_table() {
            let GucKind::Enum { options: generated, .. } = def.kind else { continue };
            let Some(numbered) = enum_options(&def.name) else { continue };
            let visible: Vec<&str> = numbered.iter().filter(|o| !o.hidden).map(|o| o.name).collect();
            let expected: Vec<&str> = generated.iter().map(|o| o.name).collect();
            assert_eq!(visible, expected, "{}", def.name);
        }
    }
}
