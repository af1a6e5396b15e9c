//! Server start-up with PostgreSQL's settings: the options pg_regress gives
//! its temporary servers (on the command line and in postgresql.conf), and
//! unknown names, which stop start-up as they stop PostgreSQL's.

use tests::*;

#[test]
fn starts_with_pg_regress_settings() {
    let mut s = TestServer::start_with("regressopts", &[("max_prepared_transactions", "2"), ("fsync", "off")]);
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "show max_prepared_transactions").as_deref(), Some("2"));
    assert_eq!(scalar(&mut c, "select source from pg_settings where name = 'fsync'").as_deref(), Some("command line"));
    drop(c);
    s.stop();
    // What pg_regress appends to the configuration file of its instance.
    let conf = s.data_dir.join("postgresql.conf");
    let mut text = std::fs::read_to_string(&conf).unwrap();
    text.push_str(
        "log_autovacuum_min_duration = 0\nlog_checkpoints = on\nlog_line_prefix = '%m %b[%p] %q%a '\n\
         log_lock_waits = on\nlog_temp_files = 128kB\nmax_prepared_transactions = 2\n",
    );
    std::fs::write(&conf, text).unwrap();
    s.spawn(&[]);
    let mut c = s.connect();
    let row =
        query(&mut c, "select setting, source, sourceline from pg_settings where name = 'log_temp_files'").unwrap();
    assert_eq!(row[0][0].as_deref(), Some("128"));
    assert_eq!(row[0][1].as_deref(), Some("configuration file"));
    assert!(row[0][2].is_some(), "sourceline of a file setting");
    assert_eq!(scalar(&mut c, "show log_line_prefix").as_deref(), Some("%m %b[%p] %q%a "));
}

#[test]
fn unknown_settings_stop_startup() {
    let dir = temp_dir("unknownopt");
    let run = |setting: &str| {
        std::process::Command::new(server_binary())
            .arg("-D")
            .arg(dir.join("data"))
            .args(["-p", &free_port().to_string(), "-k"])
            .arg(&dir)
            .args(["-c", "listen_addresses=127.0.0.1", "-c", setting])
            .output()
            .unwrap()
    };
    let out = run("no_such_setting=1");
    assert!(!out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("unrecognized configuration parameter \"no_such_setting\""), "{log}");
    let out = run("work_mem=lots");
    assert!(!out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("invalid value for parameter \"work_mem\": \"lots\""), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `replication` startup parameter goes through the one Boolean parser,
/// without trimming, as PostgreSQL's ProcessStartupPacket reads it.
#[test]
fn replication_parameter_is_a_boolean() {
    let s = TestServer::start("replparam");
    let conninfo = |value: &str| format!("host=127.0.0.1 port={} user=postgres replication='{value}'", s.port);
    let run = |value: &str| {
        let out = std::process::Command::new("psql")
            .args(["-X", "-c", "select 1", &conninfo(value)])
            .env("PGCONNECT_TIMEOUT", "30")
            .output()
            .expect("run psql");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run(" true");
    assert!(err.contains("FATAL:  invalid value for parameter \"replication\": \" true\""), "{err}");
    assert!(err.contains("HINT:  Valid values are: \"false\", 0, \"true\", 1, \"database\"."), "{err}");
    for yes in ["tr", "YES", "on", "1", "database"] {
        let err = run(yes);
        assert!(err.contains("replication connections are not supported"), "{yes}: {err}");
    }
    let out = std::process::Command::new("psql")
        .args(["-X", "-At", "-c", "select 1", &conninfo("of")])
        .env("PGCONNECT_TIMEOUT", "30")
        .output()
        .expect("run psql");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "{}", String::from_utf8_lossy(&out.stderr));
}

/// The TCP settings set the client socket's options and SHOW reads them back
/// (PostgreSQL's show hooks): over TCP the kernel's values, 0 over a
/// Unix-domain socket.
#[test]
fn tcp_settings_are_socket_options() {
    let s = TestServer::start("tcpopts");
    let mut c = s.connect();
    c.batch_execute("set tcp_keepalives_idle = 30; set tcp_user_timeout = '2s'").unwrap();
    assert_eq!(scalar(&mut c, "show tcp_keepalives_idle").as_deref(), Some("30"));
    assert_eq!(scalar(&mut c, "show tcp_user_timeout").as_deref(), Some("2000"));
    c.batch_execute("reset tcp_keepalives_idle").unwrap();
    let kernel_default = scalar(&mut c, "show tcp_keepalives_idle").unwrap();
    assert!(kernel_default.parse::<i32>().unwrap() > 0, "{kernel_default}");
    let sock = s.socket_dir.to_str().unwrap();
    let out = s.psql_host(sock, &["-q", "-At", "-c", "set tcp_keepalives_idle = 30", "-c", "show tcp_keepalives_idle"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0", "{}", String::from_utf8_lossy(&out.stderr));
}

/// Names longer than NAMEDATALEN - 1 (63) bytes are cut as PostgreSQL cuts
/// them, with its NOTICE 42622: identifiers in the scanner (once per token,
/// before any result, and none past a syntax error), application_name
/// from SET, set_config and the startup packet.
#[test]
fn long_names_are_truncated_with_a_notice() {
    let s = TestServer::start("longnames");
    let long = "a".repeat(70);
    let cut = "a".repeat(63);
    let notice = format!("NOTICE:  identifier \"{long}\" will be truncated to \"{cut}\"");
    let text = |out: &std::process::Output| {
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (stdout, stderr) = text(&s.psql(&["-Atq", "-c", &format!("select 1 as {long}, 2 as \"{long}\"")]));
    assert_eq!(stdout, "1|2\n");
    assert_eq!(stderr.matches(&notice).count(), 2, "{stderr}");
    // A multibyte name is cut at a character boundary.
    let e = "é".repeat(40);
    let (_, stderr) = text(&s.psql(&["-Atq", "-c", &format!("select 1 as \"{e}\"")]));
    assert!(stderr.contains(&format!("will be truncated to \"{}\"", "é".repeat(31))), "{stderr}");
    // The scanner stops at the syntax error: no notice for what follows.
    let (_, stderr) = text(&s.psql(&["-Atq", "-c", &format!("selec {long}")]));
    assert!(stderr.contains("syntax error at or near \"selec\""), "{stderr}");
    assert!(!stderr.contains("NOTICE"), "{stderr}");
    // application_name is a name: 63 bytes, in the setting and in pg_stat_activity.
    let (stdout, stderr) = text(&s.psql(&[
        "-Atq",
        "-c",
        &format!("set application_name = '{long}'"),
        "-c",
        "show application_name",
        "-c",
        "select length(application_name) from pg_stat_activity where pid = pg_backend_pid()",
    ]));
    assert_eq!(stdout, format!("{cut}\n63\n"));
    assert!(stderr.contains(&notice), "{stderr}");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, &format!("select set_config('application_name', '{long}', false)")), Some(cut.clone()));
    // From the startup packet, the notice comes before the first ReadyForQuery.
    let out = std::process::Command::new("psql")
        .args(["-X", "-Atq", "-h", "127.0.0.1", "-p", &s.port.to_string(), "-U", "postgres", "-d", "postgres"])
        .args(["-c", "show application_name"])
        .env("PGAPPNAME", &long)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(stdout, format!("{cut}\n"));
    assert!(stderr.contains(&notice), "{stderr}");
}

/// `pg_file_settings` reads the configuration file afresh and says which
/// lines a reload would apply, as PostgreSQL's does: a setting given again
/// later is not applied, a bad value or a changed restart-only setting
/// "could not be applied", an unknown name stops everything; only
/// superusers may read it.
#[test]
fn pg_file_settings_reports_the_file() {
    let s = TestServer::start("filesettings");
    let conf = s.data_dir.join("postgresql.conf");
    let original = std::fs::read_to_string(&conf).unwrap();
    let first = original.lines().count() + 1;
    let added = "work_mem = '2MB'\nwork_mem = '3MB'\nshared_buffers = 64MB\nrandom_page_cost = 'abc'\n";
    std::fs::write(&conf, format!("{original}{added}")).unwrap();
    let mut c = s.connect();
    let sql = format!(
        "select sourceline - {first}, name, setting, applied, error from pg_file_settings \
         where sourceline >= {first} order by seqno"
    );
    let rows = query(&mut c, &sql).unwrap();
    let shown: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(|v| v.as_deref().unwrap_or("")).collect()).collect();
    assert_eq!(
        shown,
        [
            ["0", "work_mem", "2MB", "f", ""],
            ["1", "work_mem", "3MB", "t", ""],
            ["2", "shared_buffers", "64MB", "f", "setting could not be applied"],
            ["3", "random_page_cost", "abc", "f", "setting could not be applied"],
        ]
    );
    // The file is read at each query; an unknown name stops everything.
    std::fs::write(&conf, format!("{original}{added}no_such_setting = 1\n")).unwrap();
    assert_eq!(scalar(&mut c, "select count(*) from pg_file_settings where applied").as_deref(), Some("0"));
    assert_eq!(
        scalar(&mut c, "select max(error) from pg_file_settings").as_deref(),
        Some("unrecognized configuration parameter")
    );
    std::fs::write(&conf, &original).unwrap();
    // Superusers only, the view and its function.
    query(&mut c, "create role plain login").unwrap();
    let mut plain = connect_as(&s, "plain");
    for sql in ["select * from pg_file_settings", "select * from pg_show_all_file_settings()"] {
        let err = plain.simple_query(sql).unwrap_err();
        let db = err.as_db_error().expect("a server error");
        assert_eq!(db.code().code(), "42501", "{sql}");
    }
}

/// `pg_hba_file_rules` shows pg_hba.conf read afresh: each entry parsed,
/// a bad line with PostgreSQL's error; superusers only.
#[test]
fn pg_hba_file_rules_reports_the_file() {
    let s = TestServer::start("hbarules");
    let hba = s.data_dir.join("pg_hba.conf");
    let original = std::fs::read_to_string(&hba).unwrap();
    let first = original.lines().count() + 1;
    std::fs::write(&hba, format!("{original}host all all 10.0.0.0/8 md5\nhostx foo\n")).unwrap();
    let mut c = s.connect();
    let sql = format!(
        "select line_number - {first}, type, database, user_name, address, netmask, auth_method, options, error \
         from pg_hba_file_rules where line_number >= {first} order by line_number"
    );
    let rows = query(&mut c, &sql).unwrap();
    let shown: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(|v| v.as_deref().unwrap_or("-")).collect()).collect();
    assert_eq!(
        shown,
        [
            ["0", "host", "{all}", "{all}", "10.0.0.0", "255.0.0.0", "md5", "-", "-"],
            ["1", "-", "-", "-", "-", "-", "-", "-", "invalid connection type \"hostx\""],
        ]
    );
    std::fs::write(&hba, &original).unwrap();
    query(&mut c, "create role plain login").unwrap();
    let mut plain = connect_as(&s, "plain");
    let err = plain.simple_query("select * from pg_hba_file_rules").unwrap_err();
    assert_eq!(err.as_db_error().expect("a server error").code().code(), "42501");
}

/// A connection to `s`'s database `postgres` as `user`.
fn connect_as(s: &TestServer, user: &str) -> postgres::Client {
    postgres::Config::new()
        .host("127.0.0.1")
        .port(s.port)
        .user(user)
        .dbname("postgres")
        .connect(postgres::NoTls)
        .unwrap()
}
