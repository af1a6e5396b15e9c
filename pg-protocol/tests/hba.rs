//! pg_hba.conf: parse errors with PostgreSQL's wording, and first-match lookup.

use pg_protocol::*;
use std::net::IpAddr;

fn check_parse_err(line: &str, expect: &str) {
    let text = format!("# comment\nlocal all all trust\n{line}\n");
    let errs = parse_hba(&text, "pg_hba.conf").expect_err(line);
    assert_eq!(errs.len(), 1, "{line}");
    assert_eq!(errs[0].line_number, 3);
    assert_eq!(errs[0].error.code.code(), "F0000");
    assert_eq!(errs[0].error.message, expect, "{line}");
    assert_eq!(errs[0].context("pg_hba.conf"), "line 3 of configuration file \"pg_hba.conf\"");
}

#[test]
fn parse_errors() {
    check_parse_err("hots all all all trust", "invalid connection type \"hots\"");
    check_parse_err("local,host all all trust", "multiple values specified for connection type");
    check_parse_err("local", "end-of-line before database specification");
    check_parse_err("local all", "end-of-line before role specification");
    check_parse_err("local all all", "end-of-line before authentication method");
    check_parse_err("host all all", "end-of-line before IP address specification");
    check_parse_err("host all all 10.0.0.1", "end-of-line before netmask specification");
    check_parse_err("host all all 10.0.0.1 255.0.0.0", "end-of-line before authentication method");
    check_parse_err("host all all 10.0.0.1 nonsense trust", "invalid IP mask \"nonsense\": Name or service not known");
    check_parse_err("host all all 10.0.0.1 ::1 trust", "IP address and mask do not match");
    check_parse_err("host all all 10.0.0.0/33 trust", "invalid CIDR mask in address \"10.0.0.0/33\"");
    check_parse_err("host all all 10.0.0.0/x trust", "invalid CIDR mask in address \"10.0.0.0/x\"");
    check_parse_err("host all all ::1/129 trust", "invalid CIDR mask in address \"::1/129\"");
    check_parse_err(
        "host all all example.com/24 trust",
        "specifying both host name and CIDR mask is invalid: \"example.com/24\"",
    );
    check_parse_err("host all all 1.2.3.4/32,::1/128 trust", "multiple values specified for host address");
    check_parse_err("host all all all trust,md5", "multiple values specified for authentication type");
    check_parse_err("host all all all foo", "invalid authentication method \"foo\"");
    check_parse_err("host all all all ldap", "invalid authentication method \"ldap\": not supported by this build");
    check_parse_err("host all all all peer", "peer authentication is only supported on local sockets");
    check_parse_err("host all all all cert", "cert authentication is only supported on hostssl connections");
    check_parse_err("host all all all md5 foo", "authentication option not in name=value format: foo");
    check_parse_err("host all all all md5 foo=bar", "unrecognized authentication option name: \"foo\"");
    check_parse_err(
        "host all all all md5 clientcert=verify-ca",
        "clientcert can only be configured for \"hostssl\" rows",
    );
    check_parse_err(
        "host all all all md5 map=m",
        "authentication option \"map\" is only valid for authentication methods gssapi, ident, peer, sspi, and cert",
    );
    // Every bad line is reported, then the file is rejected.
    let errs = parse_hba("foo\nbar\nlocal all all trust\n", "f").unwrap_err();
    assert_eq!(errs.iter().map(|e| e.line_number).collect::<Vec<_>>(), vec![1, 2]);
    let errs = parse_hba("# nothing\n\n", "/data/pg_hba.conf").unwrap_err();
    assert_eq!(errs[0].error.message, "configuration file \"/data/pg_hba.conf\" contains no entries");
}

#[test]
fn parse_lines() {
    let f = parse_hba(
        "local all postgres peer map=m # trailing comment\n\
         local all all ident\n\
         host \"all\",db2 alice,+staff 192.168.0.0/16 scram-sha-256\n\
         hostnossl sameuser all 10.1.2.3 255.255.0.0 md5\n\
         host replication all ::1/128 \\\n  trust\n\
         hostssl all all all cert clientcert=verify-full\n\
         host \"a \"\"q\"\" b\" all samehost reject\n",
        "pg_hba.conf",
    )
    .unwrap();
    let l = &f.lines;
    assert_eq!(l.len(), 7);
    assert_eq!((l[0].method, l[0].options.clone()), (AuthMethod::Peer, vec![("map".into(), "m".into())]));
    assert_eq!(l[1].method, AuthMethod::Peer, "ident on local is peer");
    assert_eq!(
        l[2].databases,
        vec![HbaToken { text: "all".into(), quoted: true }, HbaToken { text: "db2".into(), quoted: false }]
    );
    assert_eq!(l[2].roles.len(), 2);
    assert_eq!(
        l[3].address,
        Some(HbaAddress::Mask { addr: "10.1.2.3".parse().unwrap(), mask: "255.255.0.0".parse().unwrap() })
    );
    assert_eq!((l[4].line_number, l[4].method), (5, AuthMethod::Trust));
    assert_eq!(l[5].conn_type, ConnType::HostSsl);
    assert_eq!(l[6].databases[0].text, "a \"q\" b");
    assert_eq!(l[6].address, Some(HbaAddress::SameHost));
}

fn conn(kind: &str, database: &str, user: &str) -> ConnInfo {
    ConnInfo {
        kind: if kind == "local" { ConnKind::Local } else { ConnKind::Host { addr: kind.parse::<IpAddr>().unwrap() } },
        database: database.into(),
        user: user.into(),
        physical_replication: false,
        member_of: vec![],
    }
}

#[test]
fn matching() {
    let f = parse_hba(
        "local   all        postgres                  peer\n\
         local   sameuser   all                       md5\n\
         host    \"all\"      all       127.0.0.1/32   reject\n\
         host    samerole   all       127.0.0.1/32   password\n\
         host    shop       +staff    10.0.0.0/8     scram-sha-256\n\
         host    shop,crm   bob       10.0.0.0 255.0.0.0 md5\n\
         hostssl all        all       all            md5\n\
         host    replication all      ::1/128        trust\n\
         host    all        all       ::1/128        password\n\
         host    all        all       samenet        trust\n",
        "pg_hba.conf",
    )
    .unwrap();
    let line_of = |c: &ConnInfo| f.hba_match(c).map(|l| l.line_number);
    let check = |c: ConnInfo, expect: Option<usize>| assert_eq!(line_of(&c), expect, "{c:?}");
    check(conn("local", "x", "postgres"), Some(1));
    check(conn("local", "alice", "alice"), Some(2));
    check(conn("local", "x", "alice"), None);
    check(conn("127.0.0.1", "all", "u"), Some(3)); // quoted "all" is a database name
    check(conn("127.0.0.1", "db", "u"), None);
    check(conn("127.0.0.1", "u", "u"), Some(4)); // samerole includes the user's own name
    check(ConnInfo { member_of: vec!["db".into()], ..conn("127.0.0.1", "db", "u") }, Some(4));
    check(conn("10.1.2.3", "shop", "carol"), None);
    check(ConnInfo { member_of: vec!["staff".into()], ..conn("10.1.2.3", "shop", "carol") }, Some(5));
    check(conn("10.200.0.1", "crm", "bob"), Some(6));
    check(conn("11.0.0.1", "crm", "bob"), None); // hostssl never matches without SSL; samenet never matches
    check(conn("::1", "db", "u"), Some(9)); // "replication" does not match a normal database
    check(ConnInfo { physical_replication: true, ..conn("::1", "", "u") }, Some(8));
    check(ConnInfo { physical_replication: true, ..conn("10.1.2.3", "", "bob") }, None); // "all" does not match replication
    check(conn("::ffff:127.0.0.1", "u", "u"), None); // families must agree

    assert_eq!(
        no_hba_entry_error(&conn("127.0.0.1", "y", "x")).message,
        "no pg_hba.conf entry for host \"127.0.0.1\", user \"x\", database \"y\", no encryption"
    );
    let e = no_hba_entry_error(&conn("local", "y", "x"));
    assert_eq!((e.code.code(), e.severity), ("28000", pg_error::Severity::Fatal));
    assert_eq!(e.message, "no pg_hba.conf entry for host \"[local]\", user \"x\", database \"y\", no encryption");
    assert_eq!(
        no_hba_entry_error(&ConnInfo { physical_replication: true, ..conn("::1", "", "r") }).message,
        "no pg_hba.conf entry for replication connection from host \"::1\", user \"r\", no encryption"
    );
    assert_eq!(
        hba_reject_error(&conn("127.0.0.1", "y", "x")).message,
        "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"x\", database \"y\", no encryption"
    );
    let e = password_failed_error("x");
    assert_eq!((e.code.code(), e.message.as_str()), ("28P01", "password authentication failed for user \"x\""));
}

#[test]
fn md5_with_scram_secret_means_scram() {
    let scram = scram_build_secret("pw", b"salt", 4096);
    assert_eq!(AuthMethod::Md5.effective(Some(&scram)), AuthMethod::ScramSha256);
    assert_eq!(AuthMethod::Md5.effective(Some("md5abc")), AuthMethod::Md5);
    assert_eq!(AuthMethod::Md5.effective(None), AuthMethod::Md5);
    assert_eq!(AuthMethod::Password.effective(Some(&scram)), AuthMethod::Password);
}
