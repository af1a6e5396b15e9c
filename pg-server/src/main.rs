//! pg-server: the server binary (PostgreSQL's `main/main.c` and the parts of
//! `postmaster.c` that read the command line).
//!
//! `pg-server [-D DATADIR] [-p PORT] [-k SOCKET_DIR] [-h LISTEN] [-c name=value]... [--name=value]...`
//!
//! Without `-D` the data directory is `$PGDATA`, else `./data`. A missing or
//! empty data directory is initialised first (see `initdb`). Then the
//! settings are loaded (defaults, `postgresql.conf`, then the command line)
//! and the postmaster runs until shutdown.
//!
//! Dependencies: pg-postmaster and the crates whose start-up it wires.
//! Invariants: no threads are started before the postmaster forks.

mod elog;
mod initdb;

use pg_error::PgResult;
use std::path::PathBuf;
use tracing::{info, warn};

/// The system allocator with an emergency reserve: a refused allocation in
/// a backend becomes ERROR 53200 instead of an abort (see
/// `pg_mcxt::reserve`).
#[global_allocator]
static GLOBAL: pg_mcxt::reserve::ReservingAllocator = pg_mcxt::reserve::ReservingAllocator;

struct Options {
    data_dir: Option<PathBuf>,
    settings: Vec<(String, String)>,
}

fn usage() -> ! {
    eprintln!(
        "pg-server is the Ferrogres server, compatible with PostgreSQL 15.\n\n\
         Usage:\n  pg-server [OPTION]...\n\n\
         Options:\n\
         \x20 -D DATADIR         database directory (default $PGDATA, else ./data)\n\
         \x20 -p PORT            port number to listen on (default 5432)\n\
         \x20 -k DIRECTORY       Unix-domain socket location (default /tmp)\n\
         \x20 -h HOSTNAME        host name or IP address to listen on (default localhost)\n\
         \x20 -N MAX-CONNECT     maximum number of allowed connections\n\
         \x20 -B NBUFFERS        number of shared buffers\n\
         \x20 -d 1-5             debugging level\n\
         \x20 -e                 use European date input format (DMY)\n\
         \x20 -F                 turn fsync off\n\
         \x20 -i                 enable TCP/IP connections (listen on all addresses)\n\
         \x20 -l                 enable SSL connections\n\
         \x20 -O                 allow changes to system table structure\n\
         \x20 -P                 disable system indexes\n\
         \x20 -S WORK-MEM        set amount of memory for sorts (in kB)\n\
         \x20 -W NUM             wait NUM seconds to allow attach from a debugger\n\
         \x20 -c NAME=VALUE      set run-time parameter\n\
         \x20 --NAME=VALUE       set run-time parameter\n\
         \x20 --initial-xid=N    start a new cluster's transaction ids at N\n\
         \x20 --help             show this help, then exit\n\
         \x20 --version          output version information, then exit"
    );
    std::process::exit(0)
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options { data_dir: None, settings: Vec::new() };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let mut value = |flag: &str| -> Result<String, String> {
            if a.len() > 2 {
                return Ok(a[2..].to_string());
            }
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("option requires an argument -- '{}'", &flag[1..]))
        };
        match a.get(..2).unwrap_or(a.as_str()) {
            "-D" => opts.data_dir = Some(PathBuf::from(value("-D")?)),
            "-p" => opts.settings.push(("port".into(), value("-p")?)),
            "-k" => opts.settings.push(("unix_socket_directories".into(), value("-k")?)),
            "-h" => opts.settings.push(("listen_addresses".into(), value("-h")?)),
            "-N" => opts.settings.push(("max_connections".into(), value("-N")?)),
            "-B" => opts.settings.push(("shared_buffers".into(), value("-B")?)),
            "-S" => opts.settings.push(("work_mem".into(), value("-S")?)),
            "-W" => opts.settings.push(("post_auth_delay".into(), value("-W")?)),
            "-d" => {
                let level = value("-d")?;
                let level = level.parse::<u32>().map_err(|_| format!("invalid debug level: \"{level}\""))?;
                let setting = if level == 0 { "notice".to_string() } else { format!("debug{}", level.min(5)) };
                opts.settings.push(("log_min_messages".into(), setting));
            }
            // PostgreSQL's switches that take no value (pg_regress passes -F).
            "-F" | "-i" | "-l" | "-O" | "-P" | "-e" if a.len() == 2 => {
                let (name, setting) = match a.as_str() {
                    "-F" => ("fsync", "off"),
                    "-i" => ("listen_addresses", "*"),
                    "-l" => ("ssl", "on"),
                    "-O" => ("allow_system_table_mods", "on"),
                    "-P" => ("ignore_system_indexes", "on"),
                    _ => ("DateStyle", "euro"),
                };
                opts.settings.push((name.into(), setting.into()));
            }
            "-c" => {
                let v = value("-c")?;
                opts.settings.push(pg_guc::parse_dash_c(&v).map_err(|e| e.into_data().message)?);
            }
            // The first transaction id of a new cluster (initdb only).
            "--" if a == "--initial-xid" || a.starts_with("--initial-xid=") => {
                let v = match a.strip_prefix("--initial-xid=") {
                    Some(v) => v.to_string(),
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or("option requires an argument -- 'initial-xid'")?
                    }
                };
                let xid = pg_wal::varsup::parse_initial_xid(&v).map_err(|e| e.into_data().message)?;
                pg_wal::varsup::set_initial_xid(xid);
            }
            "--" => match a.as_str() {
                "--help" => usage(),
                "--version" => {
                    println!("pg-server (PostgreSQL) {}", pg_guc::vars::SERVER_VERSION.get());
                    std::process::exit(0)
                }
                _ => opts.settings.push(pg_guc::parse_dash_c(&a[2..]).map_err(|e| e.into_data().message)?),
            },
            _ => return Err(format!("invalid argument: \"{a}\"")),
        }
        i += 1;
    }
    Ok(opts)
}

fn start(opts: Options) -> PgResult<i32> {
    let data_dir = opts
        .data_dir
        .or_else(|| std::env::var_os("PGDATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("data"));
    // The command line's log_min_messages rules from the first line on,
    // initdb's included (the other settings wait: initdb writes the
    // defaults, not the command line's values, into postgresql.conf).
    for (name, value) in opts.settings.iter().filter(|(n, _)| n.eq_ignore_ascii_case("log_min_messages")) {
        pg_guc::set_from_command_line(name, value)?;
    }
    elog::refresh_log_level();
    // Before initdb: bootstrap writes every registered function into pg_proc.
    pg_tcop::register_builtin_functions();
    if initdb::needs_init(&data_dir) {
        info!("initializing new data directory \"{}\"", data_dir.display());
        if let Err(e) = initdb::initdb(&data_dir) {
            return Err(pg_error::PgError::fatal(
                pg_error::SqlState::IO_ERROR,
                format!("could not initialize data directory \"{}\": {e}", data_dir.display()),
            ));
        }
    }
    let data_dir = std::fs::canonicalize(&data_dir).unwrap_or(data_dir);
    if !data_dir.join("PG_VERSION").exists() {
        return Err(pg_error::PgError::fatal(
            pg_error::SqlState::IO_ERROR,
            format!("\"{}\" is not a valid data directory", data_dir.display()),
        )
        .with_detail(format!("File \"{}\" is missing.", data_dir.join("PG_VERSION").display())));
    }
    check_data_dir_permissions(&data_dir)?;
    // Command-line settings first, as PostgreSQL does: they outrank the
    // file (pg-guc keeps the higher source), and hba_file / config_file
    // given there must be known before the file's defaults are derived.
    for (name, value) in &opts.settings {
        pg_guc::set_from_command_line(name, value)?;
    }
    // config_file can only come from the command line; it names the file
    // to read instead of DATA_DIRECTORY/postgresql.conf.
    let config_file = opts
        .settings
        .iter()
        .rev()
        .find(|(n, _)| n.eq_ignore_ascii_case("config_file"))
        .map(|(_, v)| PathBuf::from(v))
        .unwrap_or_else(|| data_dir.join("postgresql.conf"));
    pg_guc::load_config_file(&config_file)?;
    pg_guc::set_internal("data_directory", &data_dir.display().to_string())?;
    elog::refresh_log_level();
    warn_unsupported_log_destinations();
    pg_postmaster::check_connection_settings();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        warn!("running the server as root: PostgreSQL refuses this; we allow it for containers, but an unprivileged user is safer");
    }
    info!("{}", pg_tcop::startup_banner());
    pg_proc::ps_status::init_ps_display();
    pg_postmaster::postmaster_main(&data_dir)
}

/// The server log goes to stderr only: no logging collector process, no
/// csvlog, jsonlog or syslog yet. Said once at start rather than ignored.
fn warn_unsupported_log_destinations() {
    if pg_guc::vars::LOGGING_COLLECTOR.get() {
        warn!("logging_collector is not supported yet; the server log is written to stderr");
    }
    let destinations = pg_guc::vars::LOG_DESTINATION.get();
    for d in destinations.split(',').map(str::trim).filter(|d| !d.eq_ignore_ascii_case("stderr") && !d.is_empty()) {
        warn!("log_destination \"{d}\" is not supported yet; the server log is written to stderr");
    }
}

/// PostgreSQL refuses a data directory that group or others may write or
/// read beyond group-read (checkDataDir): it holds every row in the clear.
fn check_data_dir_permissions(data_dir: &std::path::Path) -> PgResult<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(data_dir).map_err(|e| {
        pg_error::PgError::fatal(
            pg_error::SqlState::IO_ERROR,
            format!("could not read permissions of directory \"{}\": {e}", data_dir.display()),
        )
    })?;
    if meta.mode() & 0o027 != 0 {
        return Err(pg_error::PgError::fatal(
            pg_error::SqlState::OBJECT_NOT_IN_PREREQUISITE_STATE,
            format!("data directory \"{}\" has invalid permissions", data_dir.display()),
        )
        .with_detail("Permissions should be u=rwx (0700) or u=rwx,g=rx (0750)."));
    }
    Ok(())
}

fn main() {
    pg_error::elog::set_start_time(std::time::SystemTime::now());
    let args: Vec<String> = std::env::args().skip(1).collect();
    pg_guc::initialize();
    elog::init();
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("pg-server: {msg}\nTry \"pg-server --help\" for more information.");
            std::process::exit(1)
        }
    };
    // SAFETY: umask has no preconditions; files we create are private.
    unsafe { libc::umask(0o077) };
    match start(opts) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // Start-up failures are FATAL, whatever the raising code chose.
            pg_error::elog::log_report(&e.with_severity(pg_error::Severity::Fatal));
            std::process::exit(1)
        }
    }
}
