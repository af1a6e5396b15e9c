//! Behaviour of the settings registry, checked against PostgreSQL 15's answers
//! (recorded with `psql -c 'SET ...; SHOW ...'` against a PG 15.18 server).
//! Each libtest test runs on its own thread, so each sees a fresh registry.

use pg_error::{PgError, Severity, SqlState};
use pg_guc::*;
use proptest::prelude::*;

/// Renders an error as `CODE: message` plus `DETAIL:`/`HINT:` lines.
fn render(e: &PgError) -> String {
    let mut s = format!("{}: {}", e.code, e.message);
    if let Some(d) = &e.detail {
        s.push_str(&format!("\nDETAIL: {d}"));
    }
    if let Some(h) = &e.hint {
        s.push_str(&format!("\nHINT: {h}"));
    }
    s
}

/// A session SET by a superuser; returns SHOW's answer or the rendered error.
fn set_show(name: &str, value: &str) -> String {
    match set_config_option(name, Some(value), GucSource::Session, false, true) {
        Ok(()) => show(name).unwrap_or_else(|e| render(&e)),
        Err(e) => render(&e),
    }
}

#[test]
fn set_and_show() {
    initialize();
    let cases: &[(&str, &str, &str)] = &[
        ("work_mem", "1024kB", "1MB"),
        ("work_mem", "1GB", "1GB"),
        ("work_mem", "1025kB", "1025kB"),
        ("work_mem", "1.5MB", "1536kB"),
        ("work_mem", "1.5GB", "1536MB"),
        ("work_mem", "0x100", "256kB"),
        ("work_mem", "  100  MB ", "100MB"),
        ("work_mem", "4097kB", "4097kB"),
        ("maintenance_work_mem", "1TB", "1TB"),
        ("statement_timeout", "1500ms", "1500ms"),
        ("statement_timeout", "60s", "1min"),
        ("statement_timeout", "1.5s", "1500ms"),
        ("statement_timeout", "1.5", "2ms"),
        ("statement_timeout", "500us", "0"),
        ("statement_timeout", "1500us", "2ms"),
        ("statement_timeout", "3600000", "1h"),
        ("statement_timeout", "1d", "1d"),
        ("statement_timeout", "1 h", "1h"),
        ("statement_timeout", "90000", "90s"),
        ("statement_timeout", "0", "0"),
        ("lock_timeout", "2s", "2s"),
        ("idle_in_transaction_session_timeout", "10min", "10min"),
        ("extra_float_digits", "-5", "-5"),
        ("extra_float_digits", "2.4", "2"),
        ("extra_float_digits", " 2 ", "2"),
        ("update_process_title", "of", "off"),
        ("update_process_title", "yes", "on"),
        ("update_process_title", "1", "on"),
        ("log_min_messages", "WARNING", "warning"),
        ("log_min_messages", "debug", "debug2"),
        ("client_min_messages", "info", "info"),
        ("default_transaction_isolation", "SERIALIZABLE", "serializable"),
        ("default_transaction_isolation", "Read Committed", "read committed"),
        ("IntervalStyle", "ISO_8601", "iso_8601"),
        ("password_encryption", "md5", "md5"),
        ("client_encoding", "unicode", "UTF8"),
        ("client_encoding", "utf-8", "UTF8"),
        ("client_encoding", "sql_ascii", "SQL_ASCII"),
        ("client_encoding", "utf8 ", "UTF8"),
        ("datestyle", "german", "German, DMY"),
        ("DATESTYLE", "sql, dmy", "SQL, DMY"),
        ("DateStyle", "ymd", "SQL, YMD"),
        ("DateStyle", "postgres", "Postgres, YMD"),
        ("DateStyle", "iso,iso", "ISO, YMD"),
        ("DateStyle", "euro", "ISO, DMY"),
        ("DateStyle", "default, sql", "SQL, MDY"),
        ("timezone", "Europe/Paris", "Europe/Paris"),
        ("search_path", "a, b", "a, b"),
        ("search_path", "\"\"", "\"\""),
        ("application_name", "x", "x"),
        ("myapp.x", "hello", "hello"),
        ("a.b.c", "1", "1"),
        ("lc_time", "C", "C"),
        ("timezone_abbreviations", "Default", "Default"),
        // Errors.
        ("foo", "1", "42704: unrecognized configuration parameter \"foo\""),
        ("myapp", "1", "42704: unrecognized configuration parameter \"myapp\""),
        (
            "a..b",
            "1",
            "42602: invalid configuration parameter name \"a..b\"\nDETAIL: Custom parameter names must be two or more simple identifiers separated by dots.",
        ),
        (
            "1a.b",
            "1",
            "42602: invalid configuration parameter name \"1a.b\"\nDETAIL: Custom parameter names must be two or more simple identifiers separated by dots.",
        ),
        ("max_connections", "5", "55P02: parameter \"max_connections\" cannot be changed without restarting the server"),
        ("shared_buffers", "1", "55P02: parameter \"shared_buffers\" cannot be changed without restarting the server"),
        ("server_version", "1", "55P02: parameter \"server_version\" cannot be changed"),
        ("Server_Version", "1", "55P02: parameter \"Server_Version\" cannot be changed"),
        ("is_superuser", "on", "55P02: parameter \"is_superuser\" cannot be changed"),
        ("in_hot_standby", "on", "55P02: parameter \"in_hot_standby\" cannot be changed"),
        ("authentication_timeout", "5", "55P02: parameter \"authentication_timeout\" cannot be changed now"),
        ("log_connections", "on", "55P02: parameter \"log_connections\" cannot be set after connection start"),
        ("work_mem", "abc", "22023: invalid value for parameter \"work_mem\": \"abc\""),
        (
            "work_mem",
            "10 furlongs",
            "22023: invalid value for parameter \"work_mem\": \"10 furlongs\"\nHINT: Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".",
        ),
        (
            "work_mem",
            "100mb",
            "22023: invalid value for parameter \"work_mem\": \"100mb\"\nHINT: Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".",
        ),
        ("work_mem", "1.5", "22023: 2 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)"),
        ("Work_Mem", "1", "22023: 1 kB is outside the valid range for parameter \"Work_Mem\" (64 .. 2147483647)"),
        ("work_mem", "63", "22023: 63 kB is outside the valid range for parameter \"work_mem\" (64 .. 2147483647)"),
        (
            "work_mem",
            "3000GB",
            "22023: invalid value for parameter \"work_mem\": \"3000GB\"\nHINT: Value exceeds integer range.",
        ),
        (
            "statement_timeout",
            "1 kB",
            "22023: invalid value for parameter \"statement_timeout\": \"1 kB\"\nHINT: Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        ),
        (
            "statement_timeout",
            "100 MS",
            "22023: invalid value for parameter \"statement_timeout\": \"100 MS\"\nHINT: Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
        ),
        (
            "statement_timeout",
            "2147483648",
            "22023: invalid value for parameter \"statement_timeout\": \"2147483648\"\nHINT: Value exceeds integer range.",
        ),
        ("statement_timeout", "-1", "22023: -1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)"),
        ("max_stack_depth", "1kB", "22023: 1 kB is outside the valid range for parameter \"max_stack_depth\" (100 .. 2147483647)"),
        ("extra_float_digits", "-16", "22023: -16 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)"),
        ("extra_float_digits", "0x10", "22023: 16 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)"),
        ("extra_float_digits", "x", "22023: invalid value for parameter \"extra_float_digits\": \"x\""),
        ("extra_float_digits", "", "22023: invalid value for parameter \"extra_float_digits\": \"\""),
        (
            "extra_float_digits",
            "1e10",
            "22023: invalid value for parameter \"extra_float_digits\": \"1e10\"\nHINT: Value exceeds integer range.",
        ),
        ("standard_conforming_strings", "maybe", "22023: parameter \"standard_conforming_strings\" requires a Boolean value"),
        ("update_process_title", "o", "22023: parameter \"update_process_title\" requires a Boolean value"),
        ("update_process_title", " on", "22023: parameter \"update_process_title\" requires a Boolean value"),
        (
            "log_min_messages",
            "bogus",
            "22023: invalid value for parameter \"log_min_messages\": \"bogus\"\nHINT: Available values: debug5, debug4, debug3, debug2, debug1, info, notice, warning, error, log, fatal, panic.",
        ),
        (
            "default_transaction_isolation",
            " read committed",
            "22023: invalid value for parameter \"default_transaction_isolation\": \" read committed\"\nHINT: Available values: serializable, repeatable read, read committed, read uncommitted.",
        ),
        (
            "password_encryption",
            "on",
            "22023: invalid value for parameter \"password_encryption\": \"on\"\nHINT: Available values: md5, scram-sha-256.",
        ),
        ("client_encoding", "bogus", "22023: invalid value for parameter \"client_encoding\": \"bogus\""),
        (
            "client_encoding",
            "latin9",
            "22023: invalid value for parameter \"client_encoding\": \"latin9\"\nDETAIL: Conversion between LATIN9 and UTF8 is not supported.",
        ),
        ("datestyle", "bogus", "22023: invalid value for parameter \"DateStyle\": \"bogus\"\nDETAIL: Unrecognized key word: \"bogus\"."),
        (
            "datestyle",
            "iso,german",
            "22023: invalid value for parameter \"DateStyle\": \"iso,german\"\nDETAIL: Conflicting \"datestyle\" specifications.",
        ),
        ("datestyle", "iso german", "22023: invalid value for parameter \"DateStyle\": \"iso german\"\nDETAIL: List syntax is invalid."),
        ("lc_time", "xx", "22023: invalid value for parameter \"lc_time\": \"xx\""),
        ("timezone_abbreviations", "xx", "22023: invalid value for parameter \"timezone_abbreviations\": \"xx\""),
    ];
    let mut failures = Vec::new();
    for (name, value, expect) in cases {
        let got = set_show(name, value);
        if got != *expect {
            failures.push(format!("SET {name} = {value:?}\n  got:    {got}\n  expect: {expect}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn show_defaults() {
    initialize();
    for (name, expect) in [
        ("port", "5432"),
        ("listen_addresses", "localhost"),
        ("unix_socket_permissions", "0777"),
        ("max_connections", "100"),
        ("superuser_reserved_connections", "3"),
        ("shared_buffers", "128MB"),
        ("authentication_timeout", "1min"),
        ("password_encryption", "scram-sha-256"),
        ("log_min_messages", "warning"),
        ("log_connections", "off"),
        ("log_disconnections", "off"),
        ("update_process_title", "on"),
        ("cluster_name", ""),
        ("application_name", ""),
        ("client_encoding", "UTF8"),
        ("DateStyle", "ISO, MDY"),
        ("datestyle", "ISO, MDY"),
        ("IntervalStyle", "postgres"),
        ("timezone_abbreviations", "Default"),
        ("extra_float_digits", "1"),
        ("server_version", SERVER_VERSION),
        ("server_version_num", "150018"),
        ("server_encoding", "UTF8"),
        ("integer_datetimes", "on"),
        ("standard_conforming_strings", "on"),
        ("is_superuser", "off"),
        ("session_authorization", ""),
        ("search_path", "\"$user\", public"),
        ("statement_timeout", "0"),
        ("idle_in_transaction_session_timeout", "0"),
        ("lock_timeout", "0"),
        ("work_mem", "4MB"),
        ("maintenance_work_mem", "64MB"),
        ("default_transaction_isolation", "read committed"),
        ("transaction_isolation", "read committed"),
        ("default_transaction_read_only", "off"),
        ("transaction_read_only", "off"),
        ("lc_messages", "C"),
        ("lc_monetary", "C"),
        ("lc_numeric", "C"),
        ("lc_time", "C"),
        ("max_stack_depth", "2MB"),
        ("block_size", "8192"),
        ("in_hot_standby", "off"),
        ("client_min_messages", "notice"),
    ] {
        assert_eq!(show(name).map_err(|e| render(&e)), Ok(expect.to_string()), "{name}");
    }
    assert_eq!(
        show("myapp.y").map_err(|e| render(&e)),
        Err("42704: unrecognized configuration parameter \"myapp.y\"".into())
    );
    // Paths are for superusers only.
    assert_eq!(
        show("unix_socket_directories").map_err(|e| render(&e)),
        Err("42501: must be superuser or have privileges of pg_read_all_settings to examine \"unix_socket_directories\""
            .into())
    );
    set_internal("is_superuser", "on").expect("internal");
    assert_eq!(show("unix_socket_directories").as_deref(), Ok("/tmp"));
    assert_eq!(get_int("shared_buffers"), Ok(16384));
    assert_eq!(get_int("port"), Ok(5432));
    assert_eq!(get_bool("standard_conforming_strings"), Ok(true));
    assert_eq!(get_string("work_mem").as_deref(), Ok("4096"));
    assert_eq!(get_string("log_min_messages").as_deref(), Ok("warning"));
    assert_eq!(get_enum("log_min_messages"), Ok(elevel::WARNING));
    assert_eq!(get_real("work_mem"), Ok(4096.0));
    assert_eq!(get_bool("work_mem").map_err(|e| e.code), Err(SqlState::INTERNAL_ERROR));
    assert_eq!(get_config_option("nope.x"), None);
    let d = describe("shared_buffers").expect("known");
    assert_eq!(
        (d.setting.as_str(), d.unit, d.shown.as_str(), d.context),
        ("16384", Some("8kB"), "128MB", GucContext::Postmaster)
    );
    assert_eq!(d.category, "Resource Usage / Memory");
    assert_eq!((d.min_val.as_deref(), d.max_val.as_deref()), (Some("16"), Some("1073741823")));
    assert_eq!(
        describe("IntervalStyle").expect("known").enumvals,
        ["postgres", "postgres_verbose", "sql_standard", "iso_8601"]
    );
}

/// Who may set what, by source and privilege.
#[test]
fn contexts_and_privileges() {
    initialize();
    let check = |name: &str, value: &str, source: GucSource, superuser: bool, expect: &str| {
        let got = match set_config_option(name, Some(value), source, false, superuser) {
            Ok(()) => show(name).unwrap_or_else(|e| render(&e)),
            Err(e) => render(&e),
        };
        assert_eq!(got, expect, "{name} = {value} from {source:?} (superuser {superuser})");
    };
    use GucSource::*;
    check(
        "log_min_messages",
        "debug1",
        Session,
        false,
        "42501: permission denied to set parameter \"log_min_messages\"",
    );
    check("log_min_messages", "debug1", Session, true, "debug1");
    check("log_connections", "on", Client, false, "42501: permission denied to set parameter \"log_connections\"");
    check("log_connections", "on", Client, true, "on");
    check("log_min_messages", "error", Client, false, "42501: permission denied to set parameter \"log_min_messages\"");
    check("application_name", "psql", Client, false, "psql");
    check(
        "max_connections",
        "50",
        Client,
        true,
        "55P02: parameter \"max_connections\" cannot be changed without restarting the server",
    );
    check("max_connections", "50", CommandLine, false, "50");
    check("shared_buffers", "1GB", File, false, "1GB");
    check("authentication_timeout", "30s", File, false, "30s");
    check("server_version", "9", File, false, "55P02: parameter \"server_version\" cannot be changed");
    // set_internal bypasses contexts and becomes the reset value.
    set_internal("is_superuser", "on").expect("internal");
    set_internal("session_authorization", "alice").expect("internal");
    assert_eq!(show("is_superuser").as_deref(), Ok("on"));
    reset_all();
    assert_eq!(show("session_authorization").as_deref(), Ok("alice"));
    set_internal("data_directory", "/srv/data").expect("internal");
    assert_eq!(get_string("data_directory").as_deref(), Ok("/srv/data"));
}

/// default < file < command line < client < session, and RESET returns to
/// the highest non-session source.
#[test]
fn source_priority_and_reset() {
    initialize();
    set_internal("is_superuser", "on").expect("internal");
    let set = |name: &str, value: &str, source: GucSource| {
        set_config_option(name, Some(value), source, false, true).expect("valid");
    };
    set("work_mem", "8MB", GucSource::CommandLine);
    set("work_mem", "2MB", GucSource::File); // Lower priority: ignored for the current value.
    assert_eq!(show("work_mem").as_deref(), Ok("8MB"));
    set("work_mem", "16MB", GucSource::Client);
    set("work_mem", "32MB", GucSource::Session);
    assert_eq!(show("work_mem").as_deref(), Ok("32MB"));
    set("work_mem", "1MB", GucSource::File); // Still lower than the session.
    assert_eq!(show("work_mem").as_deref(), Ok("32MB"));
    reset("work_mem").expect("reset");
    assert_eq!(show("work_mem").as_deref(), Ok("16MB"));
    set("extra_float_digits", "3", GucSource::Session);
    set_config_option("extra_float_digits", None, GucSource::Session, false, false).expect("SET x TO DEFAULT");
    assert_eq!(show("extra_float_digits").as_deref(), Ok("1"));
    // RESET ALL leaves NO_RESET_ALL and non-user settings alone.
    set("application_name", "app", GucSource::Session);
    set("DateStyle", "German", GucSource::Session);
    reset_all();
    assert_eq!(show("application_name").as_deref(), Ok(""));
    assert_eq!(show("DateStyle").as_deref(), Ok("ISO, MDY"));
    assert_eq!(show("is_superuser").as_deref(), Ok("on"));
    assert_eq!(show("max_connections").as_deref(), Ok("100"));
    // RESET of a superuser setting needs superuser.
    set_internal("is_superuser", "off").expect("internal");
    assert_eq!(
        reset("log_min_messages").map_err(|e| render(&e)),
        Err("42501: permission denied to set parameter \"log_min_messages\"".into())
    );
    // Placeholders: RESET creates one, RESET ALL empties it.
    set("a.b", "2", GucSource::Session);
    reset_all();
    assert_eq!(show("a.b").as_deref(), Ok(""));
    reset("a.x").expect("placeholder");
    assert_eq!(show("A.X").as_deref(), Ok(""));
}

/// The scenarios PostgreSQL's psql showed for BEGIN/COMMIT/ROLLBACK with SET and SET LOCAL.
#[test]
fn transactions() {
    initialize();
    let sql = |name: &str, value: &str, local: bool| {
        set_config_option(name, Some(value), GucSource::Session, local, false).expect("valid");
    };
    let work_mem = || show("work_mem").expect("known");

    // SET LOCAL then SET: the SET wins at commit.
    at_transaction_start();
    sql("work_mem", "1MB", true);
    sql("work_mem", "2MB", false);
    at_transaction_commit();
    assert_eq!(work_mem(), "2MB");

    // SET then SET LOCAL: the LOCAL is seen inside, the SET after commit.
    at_transaction_start();
    sql("work_mem", "3MB", false);
    sql("work_mem", "5MB", true);
    assert_eq!(work_mem(), "5MB");
    at_transaction_commit();
    assert_eq!(work_mem(), "3MB");

    // A SET in an aborted transaction is undone.
    at_transaction_start();
    sql("work_mem", "7MB", false);
    sql("work_mem", "8MB", false);
    assert_eq!(work_mem(), "8MB");
    at_transaction_abort();
    assert_eq!(work_mem(), "3MB");

    // SET LOCAL alone is undone either way.
    at_transaction_start();
    sql("work_mem", "9MB", true);
    at_transaction_commit();
    assert_eq!(work_mem(), "3MB");

    // SET LOCAL outside a transaction has no effect.
    sql("work_mem", "9MB", true);
    assert_eq!(work_mem(), "3MB");

    // SET outside a transaction is plain session state.
    sql("work_mem", "10MB", false);
    at_transaction_start();
    at_transaction_abort();
    assert_eq!(work_mem(), "10MB");

    // RESET inside an aborted transaction is undone too; RESET ALL likewise.
    at_transaction_start();
    reset("work_mem").expect("reset");
    assert_eq!(work_mem(), "4MB");
    at_transaction_abort();
    assert_eq!(work_mem(), "10MB");
    at_transaction_start();
    reset_all();
    at_transaction_abort();
    assert_eq!(work_mem(), "10MB");

    // transaction_isolation follows default_transaction_isolation at each start.
    sql("default_transaction_isolation", "serializable", false);
    at_transaction_start();
    assert_eq!(show("transaction_isolation").as_deref(), Ok("serializable"));
    sql("transaction_isolation", "repeatable read", true);
    assert_eq!(show("transaction_isolation").as_deref(), Ok("repeatable read"));
    at_transaction_commit();
    at_transaction_start();
    assert_eq!(show("transaction_isolation").as_deref(), Ok("serializable"));
    at_transaction_commit();

    // A file reload during a transaction changes what an abort restores to.
    at_transaction_start();
    sql("lock_timeout", "1s", false);
    set_config_option_ext("lock_timeout", Some("5s"), GucContext::Sighup, GucSource::File, GucAction::Set)
        .expect("file");
    assert_eq!(show("lock_timeout").as_deref(), Ok("1s"));
    at_transaction_abort();
    assert_eq!(show("lock_timeout").as_deref(), Ok("5s"));
}

/// Runs `;`-separated statements the way the backend drives the registry:
/// a statement outside a block is its own transaction, SAVEPOINT opens a nest
/// level, RELEASE commits it (and those inside it), ROLLBACK TO aborts it and
/// opens a fresh one. Returns SHOW's answers, space-separated.
fn run_script(script: &str) -> String {
    let mut shown = Vec::new();
    let mut in_block = false;
    let mut savepoints: Vec<(String, u32)> = Vec::new();
    for stmt in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let words: Vec<&str> = stmt.split_whitespace().collect();
        let implicit = !in_block;
        if implicit {
            at_transaction_start();
        }
        match words.as_slice() {
            ["begin"] => in_block = true,
            ["commit"] => {
                at_transaction_commit();
                in_block = false;
                savepoints.clear();
                continue;
            }
            ["rollback"] => {
                at_transaction_abort();
                in_block = false;
                savepoints.clear();
                continue;
            }
            ["savepoint", name] => savepoints.push((name.to_string(), new_nest_level())),
            ["release", name] => {
                let pos = savepoints.iter().rposition(|(n, _)| n == name).expect("savepoint exists");
                at_eoxact(savepoints[pos].1, true);
                savepoints.truncate(pos);
            }
            ["rollback", "to", name] => {
                let pos = savepoints.iter().rposition(|(n, _)| n == name).expect("savepoint exists");
                at_eoxact(savepoints[pos].1, false);
                savepoints.truncate(pos + 1);
                savepoints[pos].1 = new_nest_level();
            }
            ["set", "local", value] => {
                set_config_option("work_mem", Some(value), GucSource::Session, true, false).expect("valid")
            }
            ["set", value] => {
                set_config_option("work_mem", Some(value), GucSource::Session, false, false).expect("valid")
            }
            ["reset"] => reset("work_mem").expect("reset"),
            ["show"] => shown.push(show("work_mem").expect("known")),
            _ => panic!("unknown statement {stmt:?}"),
        }
        if implicit && !in_block {
            at_transaction_commit();
        }
    }
    assert_eq!(nest_level(), u32::from(in_block), "nest level after {script:?}");
    shown.join(" ")
}

/// Savepoints, RELEASE and ROLLBACK TO with SET and SET LOCAL. Each script's
/// answer is what PostgreSQL 15.18 printed for the same statements (work_mem
/// as the setting), starting from `set work_mem = '64MB'`.
#[test]
fn savepoints() {
    initialize();
    for (script, expect) in [
        ("begin; set 1MB; savepoint a; set 2MB; rollback to a; show; commit; show", "1MB 1MB"),
        ("begin; set 1MB; savepoint a; set 2MB; release a; show; rollback; show", "2MB 64MB"),
        ("begin; savepoint a; set local 2MB; release a; show; commit; show", "2MB 64MB"),
        ("begin; set 1MB; savepoint a; set local 2MB; release a; show; commit; show", "2MB 1MB"),
        ("begin; savepoint a; set 3MB; release a; commit; show", "3MB"),
        ("begin; set local 1MB; savepoint a; set 2MB; release a; show; commit; show", "2MB 2MB"),
        ("begin; set 1MB; savepoint a; set local 2MB; rollback to a; show; commit; show", "1MB 1MB"),
        ("begin; savepoint a; set 1MB; savepoint b; set 2MB; rollback to a; show; set 5MB; commit; show", "64MB 5MB"),
        ("begin; savepoint a; set 1MB; savepoint b; set 2MB; release a; show; rollback; show", "2MB 64MB"),
        (
            "begin; set 1MB; savepoint a; set local 2MB; savepoint b; set 3MB; release b; show; release a; show; \
             commit; show",
            "3MB 3MB 3MB",
        ),
        ("begin; set 1MB; savepoint a; reset; show; rollback to a; show; commit; show", "4MB 1MB 1MB"),
        ("begin; savepoint a; set 1MB; set local 2MB; release a; show; commit; show", "2MB 1MB"),
        // A savepoint rolled back twice, and one reused after ROLLBACK TO.
        ("begin; savepoint a; set 1MB; rollback to a; set 2MB; rollback to a; show; commit; show", "64MB 64MB"),
        ("begin; savepoint a; set 1MB; rollback to a; set 2MB; release a; commit; show", "2MB"),
    ] {
        run_script("set 64MB");
        assert_eq!(run_script(script), expect, "{script}");
    }
}

#[test]
fn parameter_status_reports() {
    initialize();
    assert_eq!(take_reported_changes(), vec![], "nothing before report_all");
    let all = report_all();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "application_name",
            "client_encoding",
            "DateStyle",
            "default_transaction_read_only",
            "in_hot_standby",
            "integer_datetimes",
            "IntervalStyle",
            "is_superuser",
            "server_encoding",
            "server_version",
            "session_authorization",
            "standard_conforming_strings",
            "TimeZone",
        ]
    );
    assert!(all.contains(&("DateStyle".to_string(), "ISO, MDY".to_string())));
    assert_eq!(take_reported_changes(), vec![]);
    let sql = |name: &str, value: &str| {
        set_config_option(name, Some(value), GucSource::Session, false, false).expect("valid")
    };
    sql("datestyle", "german");
    sql("work_mem", "8MB"); // Not reported.
    sql("application_name", "x");
    sql("application_name", "y");
    assert_eq!(
        take_reported_changes(),
        vec![("application_name".to_string(), "y".to_string()), ("DateStyle".to_string(), "German, DMY".to_string())]
    );
    assert_eq!(take_reported_changes(), vec![]);
    // Setting the same value again is no change; an aborted change that returns to the reported value is none either.
    sql("application_name", "y");
    at_transaction_start();
    sql("application_name", "z");
    at_transaction_abort();
    assert_eq!(take_reported_changes(), vec![]);
    set_internal("is_superuser", "on").expect("internal");
    assert_eq!(take_reported_changes(), vec![("is_superuser".to_string(), "on".to_string())]);
}

#[test]
fn show_all_lists_settings_sorted() {
    initialize();
    set_config_option("myapp.x", Some("1"), GucSource::Session, false, false).expect("placeholder");
    let all = show_all();
    let names: Vec<&str> = all.iter().map(|(n, _, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_ascii_lowercase());
    assert_eq!(names, sorted);
    assert!(names.contains(&"DateStyle") && names.contains(&"work_mem") && names.contains(&"server_version"));
    assert!(
        !names.contains(&"is_superuser") && !names.contains(&"session_authorization") && !names.contains(&"myapp.x")
    );
    let shared = all.iter().find(|(n, _, _)| n == "shared_buffers").expect("listed");
    assert_eq!(shared.1, "128MB");
    assert!(all.iter().all(|(_, _, d)| !d.is_empty()));
}

thread_local! {
    static ASSIGNED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn check_timezone(value: &str) -> pg_error::PgResult<String> {
    match value.to_ascii_lowercase().as_str() {
        "utc" | "etc/utc" => Ok("Etc/UTC".to_string()),
        "europe/paris" => Ok("Europe/Paris".to_string()),
        _ => Err(PgError::new(SqlState::INVALID_PARAMETER_VALUE, "")),
    }
}

fn record_assign(value: &str) {
    // A hook may read settings: the registry is not borrowed while it runs.
    let datestyle = show("DateStyle").expect("readable from a hook");
    ASSIGNED.with(|a| a.borrow_mut().push(format!("{value} ({datestyle})")));
}

#[test]
fn hooks() {
    initialize();
    register_check_hook("TimeZone", check_timezone).expect("known");
    assert_eq!(show("TimeZone").as_deref(), Ok("Etc/UTC"), "boot value normalised through the hook");
    assert_eq!(set_show("timezone", "EUROPE/PARIS"), "Europe/Paris");
    assert_eq!(set_show("timezone", "bogus/zone"), "22023: invalid value for parameter \"TimeZone\": \"bogus/zone\"");
    register_assign_hook("TimeZone", record_assign).expect("known");
    assert_eq!(set_show("timezone", "utc"), "Etc/UTC");
    at_transaction_start();
    set_show("timezone", "Europe/Paris");
    at_transaction_abort();
    let assigned = ASSIGNED.with(|a| a.borrow().clone());
    assert_eq!(
        assigned,
        ["Europe/Paris (ISO, MDY)", "Etc/UTC (ISO, MDY)", "Europe/Paris (ISO, MDY)", "Etc/UTC (ISO, MDY)"]
    );
    assert_eq!(register_check_hook("nope", check_timezone).map_err(|e| e.code), Err(SqlState::UNDEFINED_OBJECT));
}

#[test]
fn custom_variables() {
    initialize();
    assert_eq!(set_show("myext.level", "7"), "7");
    define_custom_variable(GucDefinition {
        name: "myext.level".into(),
        context: GucContext::User,
        category: GucCategory::Customized,
        short_desc: "Test level.",
        extra_desc: None,
        flags: GucFlags::NONE,
        kind: GucKind::Int { boot: 1, min: 0, max: 10, unit: GucUnit::None },
    })
    .expect("define");
    assert_eq!(get_int("myext.level"), Ok(7), "placeholder value re-applied");
    assert_eq!(
        set_show("myext.level", "11"),
        "22023: 11 is outside the valid range for parameter \"myext.level\" (0 .. 10)"
    );
    define_custom_variable(GucDefinition {
        name: "myext.cost".into(),
        context: GucContext::User,
        category: GucCategory::Customized,
        short_desc: "Test cost.",
        extra_desc: None,
        flags: GucFlags::NONE,
        kind: GucKind::Real { boot: 0.25, min: 0.0, max: 100.0, unit: GucUnit::None },
    })
    .expect("define");
    assert_eq!(show("myext.cost").as_deref(), Ok("0.25"));
    assert_eq!(set_show("myext.cost", "1e-5"), "1e-05");
    assert_eq!(
        set_show("myext.cost", "200"),
        "22023: 200 is outside the valid range for parameter \"myext.cost\" (0 .. 100)"
    );
    assert_eq!(set_show("myext.cost", "x"), "22023: invalid value for parameter \"myext.cost\": \"x\"");
    define_custom_variable(GucDefinition {
        name: "myext.delay".into(),
        context: GucContext::User,
        category: GucCategory::Customized,
        short_desc: "Test delay.",
        extra_desc: None,
        flags: GucFlags::NONE,
        kind: GucKind::Real { boot: 2.0, min: -1.0, max: 100000.0, unit: GucUnit::Milliseconds },
    })
    .expect("define");
    assert_eq!(show("myext.delay").as_deref(), Ok("2ms"));
    assert_eq!(set_show("myext.delay", "1.5s"), "1500ms");
    assert_eq!(set_show("myext.delay", "0.5"), "500us");
    assert_eq!(set_show("myext.delay", "-1"), "-1");
}

/// A unique scratch directory per test thread.
fn scratch_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pg-guc-test-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn messages(outcome: &ConfigFileOutcome) -> Vec<String> {
    outcome.reports.iter().map(|r| format!("{}: {}", r.severity.as_str(), r.message)).collect()
}

#[test]
fn config_file_at_startup() {
    initialize();
    let dir = scratch_dir("startup");
    let conf = dir.join("postgresql.conf");
    let f = conf.display().to_string();
    let write = |text: &str| std::fs::write(&conf, text).expect("write");

    write("work_mem = 'abc'\nfoo_bar = 1\nport 5433\n");
    let outcome = apply_config_file(&conf, GucContext::Postmaster);
    assert_eq!(
        messages(&outcome),
        [
            format!("LOG: unrecognized configuration parameter \"foo_bar\" in file \"{f}\" line 2"),
            format!("FATAL: configuration file \"{f}\" contains errors"),
        ]
    );
    assert_eq!(show("port").as_deref(), Ok("5432"), "nothing applied");

    write("port = 5433\nmax_connections = 10foo\n");
    assert_eq!(
        messages(&apply_config_file(&conf, GucContext::Postmaster)),
        [
            "LOG: invalid value for parameter \"max_connections\": \"10foo\"".to_string(),
            format!("FATAL: configuration file \"{f}\" contains errors"),
        ]
    );

    write("work_mem = = 3\n");
    assert_eq!(
        messages(&apply_config_file(&conf, GucContext::Postmaster)),
        [
            format!("LOG: syntax error in file \"{f}\" line 1, near token \"=\""),
            format!("FATAL: configuration file \"{f}\" contains errors"),
        ]
    );

    write("include 'missing.conf'\n");
    assert_eq!(
        messages(&apply_config_file(&conf, GucContext::Postmaster)),
        [
            format!(
                "LOG: could not open configuration file \"{}\": No such file or directory",
                dir.join("missing.conf").display()
            ),
            format!("FATAL: configuration file \"{f}\" contains errors"),
        ]
    );

    std::fs::write(dir.join("extra.conf"), "work_mem = 8MB\n").expect("write");
    write("port = 5433\nshared_buffers = '256MB' # more\ninclude 'extra.conf'\ninclude_if_exists 'nope.conf'\nmy.opt = on\nport = 5434\n");
    assert_eq!(load_config_file(&conf), Ok(()));
    assert_eq!(show("port").as_deref(), Ok("5434"));
    assert_eq!(show("shared_buffers").as_deref(), Ok("256MB"));
    assert_eq!(show("work_mem").as_deref(), Ok("8MB"));
    assert_eq!(show("my.opt").as_deref(), Ok("on"));
    assert_eq!(get_string("config_file"), Ok(f.clone()));
    assert_eq!(get_string("hba_file"), Ok(dir.join("pg_hba.conf").display().to_string()));
    assert_eq!(describe("work_mem").expect("known").source, GucSource::File);

    write("foo = 1\n");
    let e = load_config_file(&conf).expect_err("unknown name is fatal");
    assert_eq!(e.severity, Severity::Fatal);
    assert_eq!(e.code, SqlState::CONFIG_FILE_ERROR);
    assert_eq!(
        e.detail.as_deref(),
        Some(format!("unrecognized configuration parameter \"foo\" in file \"{f}\" line 1").as_str())
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_file_reload() {
    initialize();
    let dir = scratch_dir("reload");
    let conf = dir.join("postgresql.conf");
    let f = conf.display().to_string();
    let write = |text: &str| std::fs::write(&conf, text).expect("write");
    write("port = 5433\nwork_mem = 8MB\nlock_timeout = 1s\nlog_connections = on\n");
    assert_eq!(load_config_file(&conf), Ok(()));
    set_config_option("lock_timeout", Some("9s"), GucSource::Session, false, false).expect("session");

    // Restart-only change ignored and logged; removed setting reset; changes logged.
    write("port = 5499\nwork_mem = 16MB\n");
    let reports = reload_config_file(&conf).expect("reload");
    let got: Vec<String> = reports.iter().map(|r| format!("{}: {}", r.severity.as_str(), r.message)).collect();
    assert_eq!(
        got,
        [
            "LOG: parameter \"lock_timeout\" removed from configuration file, reset to default".to_string(),
            "LOG: parameter \"log_connections\" removed from configuration file, reset to default".to_string(),
            "LOG: parameter \"port\" cannot be changed without restarting the server".to_string(),
            "LOG: parameter \"work_mem\" changed to \"16MB\"".to_string(),
            format!("LOG: configuration file \"{f}\" contains errors; unaffected changes were applied"),
        ]
    );
    assert_eq!(show("port").as_deref(), Ok("5433"));
    assert_eq!(show("work_mem").as_deref(), Ok("16MB"));
    assert_eq!(show("lock_timeout").as_deref(), Ok("9s"), "the session's SET outranks the file");
    assert_eq!(show("log_connections").as_deref(), Ok("off"));

    // An unknown name: nothing applied.
    write("port = 5433\nwork_mem = 32MB\nbogus = 1\n");
    let got: Vec<String> = reload_config_file(&conf).expect("reload").iter().map(|r| r.message.clone()).collect();
    assert_eq!(
        got,
        [
            format!("unrecognized configuration parameter \"bogus\" in file \"{f}\" line 3"),
            format!("configuration file \"{f}\" contains errors; no changes were applied"),
        ]
    );
    assert_eq!(show("work_mem").as_deref(), Ok("16MB"));

    // A backend ignores connection-time settings on reload and logs changes at DEBUG.
    set_is_under_postmaster(true);
    write("port = 5433\nwork_mem = 32MB\nlog_disconnections = on\n");
    let reports = reload_config_file(&conf).expect("reload");
    assert!(reports.iter().all(|r| r.severity == Severity::Debug), "{reports:?}");
    assert_eq!(show("log_disconnections").as_deref(), Ok("off"));
    assert_eq!(show("work_mem").as_deref(), Ok("32MB"));

    // A setting with a computed default returns to it, not to its boot
    // value, when it leaves the file; pg_settings shows where a value came from.
    set_is_under_postmaster(false);
    write("port = 5433\nmax_stack_depth = 1MB\n");
    reload_config_file(&conf).expect("reload");
    let d = describe("max_stack_depth").expect("known");
    assert_eq!((d.shown.as_str(), d.source, d.source_location), ("1MB", GucSource::File, None), "not a superuser");
    set_internal("is_superuser", "on").expect("internal");
    assert_eq!(describe("max_stack_depth").expect("known").source_location, Some((f.clone(), 2)));
    write("port = 5433\n");
    reload_config_file(&conf).expect("reload");
    let d = describe("max_stack_depth").expect("known");
    assert_eq!((d.shown.as_str(), d.source, d.boot_val.as_deref()), ("2MB", GucSource::DynamicDefault, Some("100")));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The sample file is valid configuration, lists every setting the server
/// reads, and applying it changes nothing.
#[test]
fn sample_config_round_trips() {
    initialize();
    let text = sample_config_file();
    for active in
        ["max_connections = 100", "shared_buffers = 128MB", "default_text_search_config = 'pg_catalog.english'"]
    {
        assert!(text.lines().any(|l| l.starts_with(active)), "{active} is active:\n{text}");
    }
    for commented in [
        "#port = 5432",
        "#listen_addresses = 'localhost'",
        "#unix_socket_directories = '/tmp'",
        "#work_mem = 4MB",
        "#IntervalStyle = postgres",
        "#password_encryption = scram-sha-256",
        "#default_transaction_isolation = 'read committed'",
        "#authentication_timeout = 1min",
    ] {
        assert!(text.lines().any(|l| l.starts_with(commented)), "{commented}:\n{text}");
    }
    assert!(text.contains("# CONNECTIONS AND AUTHENTICATION") && text.contains("# - Memory -"));
    assert!(text.contains("(change requires restart)") && text.contains("(change requires reload)"));
    assert!(!text.contains("server_version") && !text.contains("is_superuser"));
    let before: Vec<_> = show_all();
    // Uncomment everything: every default must parse and apply cleanly.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix('#') {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_alphabetic()) => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let items = parse_config_file("sample", &uncommented).expect("sample parses");
    assert!(items.len() > 35, "{}", items.len());
    let dir = scratch_dir("sample");
    let conf = dir.join("postgresql.conf");
    std::fs::write(&conf, &uncommented).expect("write");
    assert_eq!(load_config_file(&conf), Ok(()));
    // Apart from what initdb sets differently from the boot value (as
    // PostgreSQL's initdb does) and the files' own names.
    let skip = ["config_file", "hba_file", "default_text_search_config"];
    let after: Vec<_> = show_all().into_iter().filter(|(n, _, _)| !skip.contains(&n.as_str())).collect();
    let before: Vec<_> = before.into_iter().filter(|(n, _, _)| !skip.contains(&n.as_str())).collect();
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(&dir);
}

fn unit_value() -> impl Strategy<Value = (&'static str, i32)> {
    prop_oneof![
        (64..i32::MAX).prop_map(|v| ("work_mem", v)),
        (0..i32::MAX).prop_map(|v| ("statement_timeout", v)),
        (1..=600).prop_map(|v| ("authentication_timeout", v)),
        (16..=i32::MAX / 2).prop_map(|v| ("shared_buffers", v)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// SHOW's output, fed back to SET, gives the same value: unit choice is exact.
    #[test]
    fn show_set_round_trip((name, v) in unit_value()) {
        initialize();
        let set = |value: &str| set_config_option_ext(name, Some(value), GucContext::Postmaster, GucSource::CommandLine, GucAction::Set);
        set(&v.to_string()).expect("in range");
        prop_assert_eq!(get_int(name), Ok(v));
        let shown = show(name).expect("known");
        set(&shown).expect("SHOW output is valid input");
        prop_assert_eq!(get_int(name), Ok(v), "{} via {}", v, shown);
        prop_assert_eq!(show(name), Ok(shown));
    }
}

#[test]
fn reported_settings_are_tracked_apart_from_custom_ones() {
    initialize();
    report_all();
    take_reported_changes();
    // Thousands of placeholders: none is GUC_REPORT, none is reported.
    for i in 0..2000 {
        set_config_option(&format!("many.x_{i}"), Some("1"), GucSource::Session, false, false).expect("placeholder");
    }
    assert_eq!(take_reported_changes(), vec![]);
    // A placeholder given a GUC_REPORT definition joins the reported ones.
    set_config_option("rep.mode", Some("a"), GucSource::Session, false, false).expect("placeholder");
    define_custom_variable(GucDefinition {
        name: "rep.mode".into(),
        context: GucContext::User,
        category: GucCategory::Customized,
        short_desc: "Reported test setting.",
        extra_desc: None,
        flags: GucFlags::REPORT,
        kind: GucKind::String { boot: None },
    })
    .expect("define");
    assert_eq!(take_reported_changes(), vec![("rep.mode".to_string(), "a".to_string())]);
    set_config_option("rep.mode", Some("b"), GucSource::Session, false, false).expect("set");
    assert_eq!(take_reported_changes(), vec![("rep.mode".to_string(), "b".to_string())]);
}
