//! The built-in settings table: PostgreSQL 15's names, contexts, categories,
//! boot values, ranges, units and flags for every setting this server reads
//! (guc.c's `ConfigureNamesBool`, `ConfigureNamesInt`, ... arrays).
//! Descriptions are written in our own words.

use std::borrow::Cow;

use crate::units::GucUnit;
use crate::{EnumOption, GucCategory, GucContext, GucDefinition, GucFlags, GucKind};

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

/// Isolation levels with PostgreSQL's `XACT_*` numbers.
pub static ISOLATION_LEVELS: [EnumOption; 4] =
    [opt("serializable", 3), opt("repeatable read", 2), opt("read committed", 1), opt("read uncommitted", 0)];

/// `IntervalStyle` values with PostgreSQL's `INTSTYLE_*` numbers.
pub static INTERVAL_STYLES: [EnumOption; 4] =
    [opt("postgres", 0), opt("postgres_verbose", 1), opt("sql_standard", 2), opt("iso_8601", 3)];

/// `password_encryption` values with PostgreSQL's `PASSWORD_TYPE_*` numbers.
pub static PASSWORD_TYPES: [EnumOption; 2] = [opt("md5", 1), opt("scram-sha-256", 2)];

/// The default time zone: the environment's `TZ` when it names a zone, else UTC.
/// (initdb in PostgreSQL probes the system zone; `TZ` is the portable part of that.)
fn default_timezone() -> String {
    match std::env::var("TZ") {
        Ok(tz) => {
            let tz = tz.trim_start_matches(':');
            if tz.is_empty() || tz.starts_with('/') {
                "UTC".to_string()
            } else {
                tz.to_string()
            }
        }
        Err(_) => "UTC".to_string(),
    }
}

/// Builds every built-in setting's definition.
pub fn builtin_definitions() -> Vec<GucDefinition> {
    use GucCategory::*;
    use GucContext::*;
    let f = GucFlags::NONE;
    let report = GucFlags::REPORT;
    let preset = GucFlags::NOT_IN_SAMPLE.union(GucFlags::DISALLOW_IN_FILE);
    let def = |name: &'static str, context, category, short_desc, flags, kind| GucDefinition {
        name: Cow::Borrowed(name),
        context,
        category,
        short_desc,
        flags,
        kind,
    };
    let boolean = |boot| GucKind::Bool { boot };
    let int = |boot, min, max, unit| GucKind::Int { boot, min, max, unit };
    let string = |boot: &'static str| GucKind::String { boot: Cow::Borrowed(boot) };
    let enumerated = |boot, options: &'static [EnumOption]| GucKind::Enum { boot, options };
    let no_unit = GucUnit::None;
    let ms = GucUnit::Milliseconds;
    let kb = GucUnit::Kilobytes;
    let i32max = i32::MAX;

    vec![
        // File locations: set by the command line (-D) or the server at start.
        def(
            "data_directory",
            Postmaster,
            FileLocations,
            "Sets the server's data directory.",
            GucFlags::SUPERUSER_ONLY,
            string(""),
        ),
        def(
            "config_file",
            Postmaster,
            FileLocations,
            "Sets the server's main configuration file.",
            GucFlags::SUPERUSER_ONLY.union(preset),
            string(""),
        ),
        def(
            "hba_file",
            Postmaster,
            FileLocations,
            "Sets the server's \"hba\" configuration file.",
            GucFlags::SUPERUSER_ONLY,
            string(""),
        ),
        // Connections.
        def(
            "listen_addresses",
            Postmaster,
            ConnSettings,
            "Sets the host names or IP addresses the server listens on.",
            GucFlags::LIST_INPUT,
            string("localhost"),
        ),
        def(
            "port",
            Postmaster,
            ConnSettings,
            "Sets the TCP port the server listens on.",
            f,
            int(5432, 1, 65535, no_unit),
        ),
        def(
            "max_connections",
            Postmaster,
            ConnSettings,
            "Sets the maximum number of concurrent connections.",
            f,
            int(100, 1, 262_143, no_unit),
        ),
        def(
            "superuser_reserved_connections",
            Postmaster,
            ConnSettings,
            "Sets the number of connection slots kept for superusers.",
            f,
            int(3, 0, 262_143, no_unit),
        ),
        def(
            "unix_socket_directories",
            Postmaster,
            ConnSettings,
            "Sets the directories where Unix-domain sockets are created.",
            GucFlags::LIST_INPUT,
            string("/tmp"),
        ),
        def(
            "unix_socket_permissions",
            Postmaster,
            ConnSettings,
            "Sets the access permissions of the Unix-domain socket.",
            GucFlags::SHOW_OCTAL,
            int(0o777, 0, 0o777, no_unit),
        ),
        def(
            "authentication_timeout",
            Sighup,
            ConnAuth,
            "Sets the maximum time allowed to complete client authentication.",
            f,
            int(60, 1, 600, GucUnit::Seconds),
        ),
        def(
            "password_encryption",
            User,
            ConnAuth,
            "Chooses the algorithm used to encrypt passwords.",
            f,
            enumerated(2, &PASSWORD_TYPES),
        ),
        // Memory.
        def(
            "shared_buffers",
            Postmaster,
            ResourcesMem,
            "Sets the number of shared memory buffers the server uses.",
            f,
            int(16384, 16, i32::MAX / 2, GucUnit::Blocks),
        ),
        def(
            "work_mem",
            User,
            ResourcesMem,
            "Sets the memory a query operation (sort, hash) may use before spilling to temporary files.",
            f,
            int(4096, 64, i32max, kb),
        ),
        def(
            "maintenance_work_mem",
            User,
            ResourcesMem,
            "Sets the memory maintenance operations such as VACUUM and CREATE INDEX may use.",
            f,
            int(65536, 1024, i32max, kb),
        ),
        def(
            "max_stack_depth",
            Superuser,
            ResourcesMem,
            "Sets the maximum stack depth, in kilobytes.",
            f,
            int(2048, 100, i32max, kb),
        ),
        // Logging.
        def(
            "log_min_messages",
            Superuser,
            LoggingWhen,
            "Sets the message levels written to the server log.",
            f,
            enumerated(elevel::WARNING, &SERVER_MESSAGE_LEVELS),
        ),
        def("log_connections", SuBackend, LoggingWhat, "Logs each successful connection.", f, boolean(false)),
        def(
            "log_disconnections",
            SuBackend,
            LoggingWhat,
            "Logs the end of each session, with its duration.",
            f,
            boolean(false),
        ),
        def(
            "application_name",
            User,
            LoggingWhat,
            "Sets the application name shown in statistics and logs.",
            report,
            string(""),
        ),
        def(
            "cluster_name",
            Postmaster,
            ProcessTitle,
            "Sets the cluster name, which appears in process titles.",
            f,
            string(""),
        ),
        def(
            "update_process_title",
            Superuser,
            ProcessTitle,
            "Updates the process title to show the active command.",
            f,
            boolean(true),
        ),
        // Client connection defaults: statement behaviour.
        def(
            "client_min_messages",
            User,
            ClientStatement,
            "Sets the message levels sent to the client.",
            f,
            enumerated(elevel::NOTICE, &CLIENT_MESSAGE_LEVELS),
        ),
        def(
            "search_path",
            User,
            ClientStatement,
            "Sets the schema search order for names that are not schema-qualified.",
            GucFlags::LIST_INPUT,
            string("\"$user\", public"),
        ),
        def(
            "default_transaction_isolation",
            User,
            ClientStatement,
            "Sets the isolation level of each new transaction.",
            f,
            enumerated(1, &ISOLATION_LEVELS),
        ),
        def(
            "default_transaction_read_only",
            User,
            ClientStatement,
            "Sets whether new transactions are read-only.",
            report,
            boolean(false),
        ),
        def(
            "transaction_isolation",
            User,
            ClientStatement,
            "Sets the current transaction's isolation level.",
            GucFlags::NO_RESET_ALL.union(preset),
            enumerated(1, &ISOLATION_LEVELS),
        ),
        def(
            "transaction_read_only",
            User,
            ClientStatement,
            "Sets whether the current transaction is read-only.",
            GucFlags::NO_RESET_ALL.union(preset),
            boolean(false),
        ),
        def(
            "statement_timeout",
            User,
            ClientStatement,
            "Sets the maximum duration of any statement; 0 disables the limit.",
            f,
            int(0, 0, i32max, ms),
        ),
        def(
            "lock_timeout",
            User,
            ClientStatement,
            "Sets the maximum duration of any wait for a lock; 0 disables the limit.",
            f,
            int(0, 0, i32max, ms),
        ),
        def(
            "idle_in_transaction_session_timeout",
            User,
            ClientStatement,
            "Sets the maximum idle time inside an open transaction; 0 disables the limit.",
            f,
            int(0, 0, i32max, ms),
        ),
        // Client connection defaults: locale and formatting.
        def(
            "DateStyle",
            User,
            ClientLocale,
            "Sets the display format for date and time values.",
            report.union(GucFlags::LIST_INPUT),
            string("ISO, MDY"),
        ),
        def(
            "IntervalStyle",
            User,
            ClientLocale,
            "Sets the display format for interval values.",
            report,
            enumerated(0, &INTERVAL_STYLES),
        ),
        def(
            "TimeZone",
            User,
            ClientLocale,
            "Sets the time zone for displaying and interpreting time stamps.",
            report,
            GucKind::String { boot: Cow::Owned(default_timezone()) },
        ),
        def(
            "timezone_abbreviations",
            User,
            ClientLocale,
            "Selects the file of time zone abbreviations accepted in input.",
            f,
            string("Default"),
        ),
        def(
            "extra_float_digits",
            User,
            ClientLocale,
            "Sets the number of digits shown for floating-point values.",
            f,
            int(1, -15, 3, no_unit),
        ),
        def("client_encoding", User, ClientLocale, "Sets the client's character set encoding.", report, string("UTF8")),
        def("lc_messages", Superuser, ClientLocale, "Sets the language in which messages are shown.", f, string("C")),
        def("lc_monetary", User, ClientLocale, "Sets the locale for formatting monetary amounts.", f, string("C")),
        def("lc_numeric", User, ClientLocale, "Sets the locale for formatting numbers.", f, string("C")),
        def("lc_time", User, ClientLocale, "Sets the locale for formatting date and time values.", f, string("C")),
        // Compatibility.
        def(
            "standard_conforming_strings",
            User,
            CompatPrevious,
            "Makes '...' strings treat backslashes literally.",
            report,
            boolean(true),
        ),
        // Session state set by the server itself.
        def(
            "is_superuser",
            Internal,
            Ungrouped,
            "Shows whether the current user is a superuser.",
            report.union(GucFlags::NO_SHOW_ALL).union(GucFlags::NO_RESET_ALL).union(preset),
            boolean(false),
        ),
        def(
            "session_authorization",
            User,
            Ungrouped,
            "Sets the session user name.",
            report.union(GucFlags::NO_SHOW_ALL).union(GucFlags::NO_RESET_ALL).union(preset),
            string(""),
        ),
        // Preset options: fixed facts about this server.
        def(
            "server_version",
            Internal,
            Preset,
            "Shows the server version.",
            report.union(preset),
            string(SERVER_VERSION),
        ),
        def(
            "server_version_num",
            Internal,
            Preset,
            "Shows the server version as an integer.",
            preset,
            int(SERVER_VERSION_NUM, SERVER_VERSION_NUM, SERVER_VERSION_NUM, no_unit),
        ),
        def(
            "server_encoding",
            Internal,
            Preset,
            "Shows the server (database) character set encoding.",
            report.union(preset),
            string("UTF8"),
        ),
        def(
            "integer_datetimes",
            Internal,
            Preset,
            "Shows whether datetimes are integer based.",
            report.union(preset),
            boolean(true),
        ),
        def("block_size", Internal, Preset, "Shows the size of a disk block.", preset, int(8192, 8192, 8192, no_unit)),
        def(
            "in_hot_standby",
            Internal,
            Preset,
            "Shows whether hot standby is currently active.",
            report.union(preset),
            boolean(false),
        ),
    ]
}
