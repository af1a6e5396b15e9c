//! SCRAM-SHA-256: RFC 7677 vector, PostgreSQL-made secrets, a real client
//! (`postgres-protocol`'s `ScramSha256`) and malformed exchanges.

use pg_error::{Severity, SqlState};
use pg_protocol::saslprep::saslprep;
use pg_protocol::scram::*;
use postgres_protocol::authentication::sasl::{ChannelBinding, ScramSha256};

const RFC_SALT: &[u8] =
    &[0x5b, 0x6d, 0x99, 0x68, 0x9d, 0x12, 0x35, 0x8e, 0xec, 0xa0, 0x4b, 0x14, 0x12, 0x36, 0xfa, 0x81];

#[test]
fn rfc7677_vector() {
    let secret = scram_build_secret("pencil", RFC_SALT, 4096);
    assert!(secret.starts_with("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"), "{secret}");
    let mut server =
        ScramServer::new(Some(&secret), "user", b"nonce").with_server_nonce("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    let first = server.exchange(Some(b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO")).unwrap();
    assert_eq!(
        first,
        ScramStep::Continue(
            b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".to_vec()
        )
    );
    let fin = server
        .exchange(Some(
            b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        ))
        .unwrap();
    assert_eq!(fin, ScramStep::Success(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".to_vec()));
}

/// Secrets made by PostgreSQL 15 with
/// `set password_encryption='scram-sha-256'; create role r password '...';
/// select rolpassword from pg_authid where rolname='r';`
#[test]
fn postgres_made_secrets() {
    let pencil = "SCRAM-SHA-256$4096:AZXSheBHePmjeIu/iFrBvA==$aBDxMAlJi88WTcqBw7aIRzHZUzc2t34KB7NUC7bXBE0=:KU0SJGQXC8BOWEN1m5BsT28F6pnuT+5PI6N2w3SR0oQ=";
    let non_ascii = "SCRAM-SHA-256$4096:0ow02AQNG3cQH4523R6Rrw==$M5QCE0KG1zk1fkyVGneRmpFDJrGdHPcXsX9dT1MsK1M=:3olNahIf/b0fEvFHPRPsY98UrIEHzbZmsHCER7VIXFk=";
    for (secret, password, ok) in [
        (pencil, "pencil", true),
        (pencil, "Pencil", false),
        (pencil, "", false),
        (non_ascii, "päss wörd", true),
        (non_ascii, "pass word", false),
        ("plain", "plain", true),
        ("plain", "plainx", false),
        ("md5abcdef", "md5abcdef", false),
    ] {
        assert_eq!(verify_cleartext_password(secret, password), ok, "{secret} {password}");
    }
    let parsed = parse_scram_secret(pencil).unwrap();
    assert_eq!(parsed.iterations, 4096);
    assert_eq!(parsed.salt_base64, "AZXSheBHePmjeIu/iFrBvA==");
    // Same salt and password give the same secret PostgreSQL made.
    let salt = [0x01, 0x95, 0xd2, 0x85, 0xe0, 0x47, 0x78, 0xf9, 0xa3, 0x78, 0x8b, 0xbf, 0x88, 0x5a, 0xc1, 0xbc];
    assert_eq!(scram_build_secret("pencil", &salt, 4096), pencil);
}

#[test]
fn secret_parsing() {
    let good = scram_build_secret("x", b"0123456789abcdef", 4096);
    assert!(parse_scram_secret(&good).is_some());
    for bad in [
        "",
        "md5c4ca4238a0b923820dcc509a6f75849b",
        "SCRAM-SHA-256$4096:c2FsdA==$abc:def",
        "SCRAM-SHA-256$0:c2FsdA==$aBDxMAlJi88WTcqBw7aIRzHZUzc2t34KB7NUC7bXBE0=:KU0SJGQXC8BOWEN1m5BsT28F6pnuT+5PI6N2w3SR0oQ=",
        "SCRAM-SHA-256$x:c2FsdA==$aBDxMAlJi88WTcqBw7aIRzHZUzc2t34KB7NUC7bXBE0=:KU0SJGQXC8BOWEN1m5BsT28F6pnuT+5PI6N2w3SR0oQ=",
        "SCRAM-SHA-1$4096:c2FsdA==$aBDxMAlJi88WTcqBw7aIRzHZUzc2t34KB7NUC7bXBE0=:KU0SJGQXC8BOWEN1m5BsT28F6pnuT+5PI6N2w3SR0oQ=",
        "SCRAM-SHA-256$4096:c2FsdA==$aBDxMAlJi88WTcqBw7aIRzHZUzc2t34KB7NUC7bXBE0=",
    ] {
        assert_eq!(parse_scram_secret(bad), None, "{bad}");
    }
    let random = scram_build_secret_random("pw").unwrap();
    assert!(verify_cleartext_password(&random, "pw"));
    assert_ne!(random, scram_build_secret_random("pw").unwrap());
}

/// Runs postgres-protocol's client against our server; returns the outcome.
fn run_client(secret: Option<&str>, user: &str, password: &str, binding: ChannelBinding) -> ScramStep {
    let mut client = ScramSha256::new(password.as_bytes(), binding);
    let mut server = ScramServer::new(secret, user, b"mock-auth-nonce");
    let ScramStep::Continue(server_first) = server.exchange(Some(client.message())).unwrap() else {
        panic!("expected server-first");
    };
    client.update(&server_first).unwrap();
    let step = server.exchange(Some(client.message())).unwrap();
    if let ScramStep::Success(server_final) = &step {
        client.finish(server_final).expect("client accepts the server signature");
    }
    step
}

#[test]
fn real_client() {
    let secret = scram_build_secret("s3cret", b"some salt bytes!", 4096);
    let success = |s: &ScramStep| matches!(s, ScramStep::Success(_));
    assert!(success(&run_client(Some(&secret), "alice", "s3cret", ChannelBinding::unsupported())));
    assert!(success(&run_client(Some(&secret), "alice", "s3cret", ChannelBinding::unrequested())));
    assert!(!success(&run_client(Some(&secret), "alice", "wrong", ChannelBinding::unsupported())));
    // Non-ASCII passwords: both sides apply SASLprep (the non-ASCII space maps to a space).
    let secret = scram_build_secret("pa\u{00A0}ss", b"salt", 4096);
    assert!(success(&run_client(Some(&secret), "bob", "pa ss", ChannelBinding::unsupported())));
    // A role without a secret, or with an md5 one, runs a mock exchange that fails.
    let step = run_client(None, "ghost", "anything", ChannelBinding::unsupported());
    assert_eq!(step, ScramStep::Failure { log_detail: Some("Role \"ghost\" does not exist.".into()) });
    let step = run_client(Some("md5abc"), "carol", "anything", ChannelBinding::unsupported());
    assert_eq!(
        step,
        ScramStep::Failure { log_detail: Some("User \"carol\" does not have a valid SCRAM secret.".into()) }
    );
}

#[test]
fn mock_salt_is_stable_per_user() {
    let salt_of = |user: &str, nonce: &[u8]| {
        let mut s = ScramServer::new(None, user, nonce);
        assert!(s.is_doomed());
        match s.exchange(Some(b"n,,n=,r=abc")).unwrap() {
            ScramStep::Continue(m) => String::from_utf8(m).unwrap().split(',').nth(1).unwrap().to_owned(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(salt_of("a", b"n1"), salt_of("a", b"n1"));
    assert_ne!(salt_of("a", b"n1"), salt_of("b", b"n1"));
    assert_ne!(salt_of("a", b"n1"), salt_of("a", b"n2"));
}

/// (client-first, client-final or "" to stop after the first) → expected error (code, message, detail).
fn check_malformed(first: &[u8], last: Option<&[u8]>, expect: (&str, &str, Option<&str>)) {
    let secret = scram_build_secret("pw", b"salt", 4096);
    let mut server = ScramServer::new(Some(&secret), "u", b"m").with_server_nonce("SRV");
    let result = match last {
        None => server.exchange(Some(first)),
        Some(last) => {
            server.exchange(Some(first)).unwrap();
            server.exchange(Some(last))
        }
    };
    let err = result.expect_err("must fail");
    assert_eq!(err.severity, Severity::Fatal);
    assert_eq!((err.code.code(), err.message.as_str(), err.detail.as_deref()), expect, "{first:?} {last:?}");
}

#[test]
fn malformed_exchanges() {
    let m = "malformed SCRAM message";
    let pv = "08P01";
    check_malformed(b"", None, (pv, m, Some("The message is empty.")));
    check_malformed(b"n,,n=u,r=a\0b", None, (pv, m, Some("Message length does not match input length.")));
    check_malformed(b"x,,n=u,r=abc", None, (pv, m, Some("Unexpected channel-binding flag \"x\".")));
    check_malformed(b"nx,n=u,r=abc", None, (pv, m, Some("Comma expected, but found character \"x\".")));
    check_malformed(
        b"p=tls-server-end-point,,n=u,r=abc",
        None,
        (pv, m, Some("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.")),
    );
    check_malformed(
        b"n,a=bob,n=u,r=abc",
        None,
        ("0A000", "client uses authorization identity, but it is not supported", None),
    );
    check_malformed(b"n,,m=ext,n=u,r=abc", None, ("0A000", "client requires an unsupported SCRAM extension", None));
    check_malformed(b"n,x", None, (pv, m, Some("Unexpected attribute \"x\" in client-first-message.")));
    check_malformed(b"n,,r=abc", None, (pv, m, Some("Expected attribute \"n\" but found \"r\".")));
    check_malformed(b"n,,n", None, (pv, m, Some("Expected character \"=\" for attribute \"n\".")));
    check_malformed(b"n,,n=u", None, (pv, m, Some("Expected attribute \"r\" but found \"0x00\".")));
    check_malformed(b"n,,n=u,r=a b", None, (pv, "non-printable characters in SCRAM nonce", None));
    check_malformed(b"n,,n=u,r=abc,1=x", None, (pv, m, Some("Attribute expected, but found invalid character \"1\".")));
    let first: &[u8] = b"n,,n=u,r=abc";
    check_malformed(
        first,
        Some(b"c=eSws,r=abcSRV,p=AAAA"),
        (pv, "unexpected SCRAM channel-binding attribute in client-final-message", None),
    );
    check_malformed(first, Some(b"c=biws,r=abcSRV,p=AAAA"), (pv, m, Some("Malformed proof in client-final-message.")));
    let proof = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    check_malformed(
        first,
        Some(format!("c=biws,r=abcXXX,p={proof}").as_bytes()),
        (pv, "invalid SCRAM response", Some("Nonce does not match.")),
    );
    check_malformed(
        first,
        Some(format!("c=biws,r=abcSRV,p={proof},x=1").as_bytes()),
        (pv, m, Some("Garbage found at the end of client-final-message.")),
    );
    check_malformed(first, Some(b"c=biws,r=abcSRV"), (pv, m, Some("Attribute expected, but found end of string.")));
    // A wrong proof is a failure, not an error.
    let secret = scram_build_secret("pw", b"salt", 4096);
    let mut server = ScramServer::new(Some(&secret), "u", b"m").with_server_nonce("SRV");
    server.exchange(Some(first)).unwrap();
    let step = server.exchange(Some(format!("c=biws,r=abcSRV,x=1,p={proof}").as_bytes())).unwrap();
    assert_eq!(step, ScramStep::Failure { log_detail: None });
    // No initial response: an empty SASLContinue asks for it.
    let mut server = ScramServer::new(Some(&secret), "u", b"m");
    assert_eq!(server.exchange(None).unwrap(), ScramStep::Continue(vec![]));
    assert!(ScramServer::check_mechanism("SCRAM-SHA-256").is_ok());
    let e = ScramServer::check_mechanism("SCRAM-SHA-256-PLUS").unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (SqlState::PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism")
    );
}

#[test]
fn saslprep_subset() {
    for (input, expect) in [
        ("pencil", Some("pencil")),
        ("tab\there", Some("tab\there")),
        ("a\u{00A0}b", Some("a b")),
        ("a\u{00AD}b", Some("ab")),
        ("I\u{00AD}X", Some("IX")),
        ("\u{0007}é", None),
        ("é\u{E000}", None),
        ("pässwörd", Some("pässwörd")),
    ] {
        assert_eq!(saslprep(input).as_deref(), expect, "{input:?}");
    }
}
