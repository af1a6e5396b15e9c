//! Startup and regular message decoding, backend encoders: tables of inputs
//! with PostgreSQL 15's exact answers (checked against a live server with a
//! raw socket), truncation at every byte, and an encode/decode proptest.

use pg_error::{PgError, Severity, SqlState};
use pg_protocol::*;
use proptest::prelude::*;

fn startup(params: &[(&str, &str)]) -> Vec<u8> {
    let mut b = Vec::new();
    encode_startup_message(&mut b, PG_PROTOCOL_LATEST, params);
    b
}

fn raw_startup(version: u32, body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(&version.to_be_bytes());
    b.extend_from_slice(body);
    b
}

/// Expected failure: (severity, code, message, reply).
type Fail = (Severity, &'static str, &'static str, StartupReply);

fn check_startup_err(input: &[u8], phase: StartupPhase, expect: Fail) {
    let e = decode_startup(input, phase).expect_err("must fail");
    assert_eq!((e.error.severity, e.error.code.code(), e.error.message.as_str(), e.reply), expect, "{input:?}");
}

#[test]
fn startup_packets() {
    let (packet, used) = decode_startup(
        &startup(&[("user", "alice"), ("application_name", "psql"), ("DateStyle", "ISO")]),
        StartupPhase::default(),
    )
    .unwrap()
    .unwrap();
    let StartupPacket::Startup(m) = packet else { panic!() };
    assert_eq!(used, 56);
    assert_eq!((m.user.as_str(), m.database.as_str()), ("alice", "alice"));
    assert_eq!(m.application_name.as_deref(), Some("psql"));
    assert_eq!(m.guc_options, vec![("application_name".into(), "psql".into()), ("DateStyle".into(), "ISO".into())]);
    assert!(!m.needs_negotiate_protocol_version());

    let (packet, _) = decode_startup(
        &startup(&[("user", "u"), ("database", "db"), ("options", "-c a=b"), ("replication", "database")]),
        StartupPhase::default(),
    )
    .unwrap()
    .unwrap();
    let StartupPacket::Startup(m) = packet else { panic!() };
    assert_eq!(
        (m.database.as_str(), m.options.as_deref(), m.replication),
        ("db", Some("-c a=b"), Some("database".to_string()))
    );

    // Long names are cut to 63 bytes; the replication value is kept as sent.
    let long = "x".repeat(70);
    let (packet, _) =
        decode_startup(&startup(&[("user", &long), ("replication", "on")]), StartupPhase::default()).unwrap().unwrap();
    let StartupPacket::Startup(m) = packet else { panic!() };
    assert_eq!((m.user.len(), m.replication.as_deref()), (63, Some("on")));

    // 3.1 with a _pq_ option: accepted, NegotiateProtocolVersion as PostgreSQL sends it.
    let mut b = Vec::new();
    encode_startup_message(&mut b, PG_PROTOCOL_LATEST | 1, &[("user", "postgres"), ("_pq_.foo", "x")]);
    let (StartupPacket::Startup(m), _) = decode_startup(&b, StartupPhase::default()).unwrap().unwrap() else {
        panic!()
    };
    assert!(m.needs_negotiate_protocol_version());
    let mut out = Vec::new();
    m.encode_negotiate_protocol_version(&mut out);
    assert_eq!(out, b"v\x00\x00\x00\x15\x00\x03\x00\x00\x00\x00\x00\x01_pq_.foo\x00");

    let mut b = Vec::new();
    encode_request_packet(&mut b, CANCEL_REQUEST_CODE, &[42, -7]);
    assert_eq!(
        decode_startup(&b, StartupPhase::default()).unwrap(),
        Some((StartupPacket::CancelRequest { process_id: 42, secret_key: -7 }, 16))
    );
    let mut b = Vec::new();
    encode_request_packet(&mut b, NEGOTIATE_SSL_CODE, &[]);
    assert_eq!(decode_startup(&b, StartupPhase::default()).unwrap(), Some((StartupPacket::SslRequest, 8)));
    let mut b = Vec::new();
    encode_request_packet(&mut b, NEGOTIATE_GSS_CODE, &[]);
    assert_eq!(decode_startup(&b, StartupPhase::default()).unwrap(), Some((StartupPacket::GssEncRequest, 8)));

    // PostgreSQL's terminator check is on the offset: a dangling name in the last byte passes.
    check_startup_err(
        &raw_startup(PG_PROTOCOL_LATEST, b"u"),
        StartupPhase::default(),
        (Severity::Fatal, "28000", "no PostgreSQL user name specified in startup packet", StartupReply::ErrorResponse),
    );
}

#[test]
fn startup_errors() {
    use StartupReply::*;
    let d = StartupPhase::default();
    let fatal = Severity::Fatal;
    let log = Severity::Log;
    let bad_len = (log, "08P01", "invalid length of startup packet", LogOnly);
    check_startup_err(&[0, 0, 0, 4, 0, 0, 0, 0], d, bad_len);
    check_startup_err(&[0, 0, 0, 7, 0, 0, 0], d, bad_len);
    check_startup_err(&[0, 0, 0, 0], d, bad_len);
    check_startup_err(&10005u32.to_be_bytes(), d, bad_len);
    check_startup_err(&0x4000_0000u32.to_be_bytes(), d, bad_len);
    let mut cancel20 = Vec::new();
    encode_request_packet(&mut cancel20, CANCEL_REQUEST_CODE, &[1, 2, 3]);
    check_startup_err(&cancel20, d, bad_len);
    check_startup_err(
        &raw_startup(0x20000, b"user\0postgres\0\0"),
        d,
        (fatal, "0A000", "unsupported frontend protocol 2.0: server supports 3.0 to 3.0", OldProtocolError),
    );
    check_startup_err(
        &raw_startup(NEGOTIATE_SSL_CODE, b""),
        StartupPhase { ssl_done: true, gss_done: false },
        (fatal, "0A000", "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0", ErrorResponse),
    );
    check_startup_err(
        &raw_startup(0x40000, b"user\0u\0\0"),
        d,
        (fatal, "0A000", "unsupported frontend protocol 4.0: server supports 3.0 to 3.0", ErrorResponse),
    );
    let layout = (fatal, "08P01", "invalid startup packet layout: expected terminator as last byte", ErrorResponse);
    check_startup_err(&raw_startup(PG_PROTOCOL_LATEST, b""), d, layout);
    check_startup_err(&raw_startup(PG_PROTOCOL_LATEST, b"user\0u\0"), d, layout);
    check_startup_err(&raw_startup(PG_PROTOCOL_LATEST, b"user\0u\0\0\0"), d, layout);
    check_startup_err(&raw_startup(PG_PROTOCOL_LATEST, b"user\0"), d, layout);
    let nouser = (fatal, "28000", "no PostgreSQL user name specified in startup packet", ErrorResponse);
    check_startup_err(&startup(&[("database", "postgres")]), d, nouser);
    check_startup_err(&startup(&[("user", "")]), d, nouser);
    check_startup_err(&raw_startup(PG_PROTOCOL_LATEST, b"\0"), d, nouser);

    // The v2 reply is PostgreSQL's old format, byte for byte.
    let e = decode_startup(&raw_startup(0x20000, b"user\0postgres\0\0"), d).unwrap_err();
    let mut out = Vec::new();
    e.encode_reply(&mut out);
    assert_eq!(out, b"EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n\0");
    let e = decode_startup(&[0, 0, 0, 4], d).unwrap_err();
    let mut out = Vec::new();
    e.encode_reply(&mut out);
    assert!(out.is_empty());

    // Data pipelined behind a refused SSLRequest.
    let err = d.after_refused_request(&StartupPacket::SslRequest, 10).unwrap_err();
    assert_eq!(err.error.message, "received unencrypted data after SSL request");
    assert_eq!(
        err.error.detail.as_deref(),
        Some("This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.")
    );
    let p = d.after_refused_request(&StartupPacket::SslRequest, 0).unwrap();
    assert_eq!(p, StartupPhase { ssl_done: true, gss_done: false });
    let p = p.after_refused_request(&StartupPacket::GssEncRequest, 0).unwrap();
    assert_eq!(p, StartupPhase { ssl_done: true, gss_done: true });
    let mut b = Vec::new();
    encode_request_packet(&mut b, NEGOTIATE_GSS_CODE, &[]);
    assert!(decode_startup(&b, p).is_err());
    let mut ssl = Vec::new();
    encode_request_packet(&mut ssl, NEGOTIATE_SSL_CODE, &[]);
    assert_eq!(
        decode_startup(&ssl, StartupPhase { ssl_done: false, gss_done: true }).unwrap().unwrap().0,
        StartupPacket::SslRequest
    );

    // EOF during startup.
    let incomplete = Some("incomplete startup packet".to_owned());
    assert_eq!(startup_eof_error(0, d).map(|e| e.into_data().message), None);
    assert_eq!(startup_eof_error(2, d).map(|e| e.into_data().message), incomplete);
    assert_eq!(startup_eof_error(2, p).map(|e| e.into_data().message), None);
    assert_eq!(startup_eof_error(6, p).map(|e| e.into_data().message), incomplete);
}

#[test]
fn startup_truncation_needs_more() {
    let full = startup(&[("user", "alice"), ("database", "db")]);
    for n in 0..full.len() {
        assert_eq!(decode_startup(&full[..n], StartupPhase::default()).unwrap(), None, "{n}");
    }
    // A huge length is refused at once, without waiting for the body.
    assert!(decode_startup(&0x4000_0000u32.to_be_bytes(), StartupPhase::default()).is_err());
}

#[test]
fn options_parsing() {
    let ok = |s: &str, expect: &[(&str, &str)]| {
        let got = parse_options(s).unwrap();
        let expect: Vec<(String, String)> = expect.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, expect, "{s}");
    };
    ok("", &[]);
    ok("-c geqo=off", &[("geqo", "off")]);
    ok("-cgeqo=off --work-mem=4MB", &[("geqo", "off"), ("work_mem", "4MB")]);
    ok("-c search_path=a\\ b  -c x.y=1", &[("search_path", "a b"), ("x.y", "1")]);
    ok("--a=", &[("a", "")]);
    let err = |s: &str, msg: &str| {
        let e = parse_options(s).unwrap_err();
        assert_eq!((e.severity, e.code, e.message.as_str()), (Severity::Fatal, SqlState::SYNTAX_ERROR, msg), "{s}");
    };
    err("-c geqo", "-c geqo requires a value");
    err("--geqo", "--geqo requires a value");
    err("foo", "invalid command-line argument for server process: foo");
    err("-c", "invalid command-line argument for server process: -c");
    assert_eq!(split_options(" a\\ b  c\\\\d "), vec!["a b", "c\\d"]);
}

fn msg(t: u8, body: &[u8]) -> Vec<u8> {
    let mut b = vec![t];
    b.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
    b.extend_from_slice(body);
    b
}

/// A frame error (connection ends): severity, code, message.
fn check_frame_err(input: &[u8], ctx: ReadContext, expect: (Severity, &str, &str)) {
    let e = decode_message(input, ctx, PQ_LARGE_MESSAGE_LIMIT).expect_err("frame error");
    assert_eq!((e.severity, e.code.code(), e.message.as_str()), expect, "{input:?}");
}

/// A content error (message consumed, ERROR): code, message.
fn check_content_err(input: &[u8], expect: (Severity, &str, &str)) {
    let (r, used) = decode_message(input, ReadContext::Normal, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
    assert_eq!(used, input.len());
    let e: PgError = r.expect_err("content error");
    assert_eq!((e.severity, e.code.code(), e.message.as_str()), expect, "{input:?}");
}

#[test]
fn malformed_messages() {
    let n = ReadContext::Normal;
    let (f, l, e) = (Severity::Fatal, Severity::Log, Severity::Error);
    check_frame_err(b"Z\0\0\0\x04", n, (f, "08P01", "invalid frontend message type 90"));
    check_frame_err(b"Z", n, (f, "08P01", "invalid frontend message type 90"));
    check_frame_err(b"p\0\0\0\x08abc\0", n, (f, "08P01", "invalid frontend message type 112"));
    check_frame_err(b"Q\x40\0\0\0", n, (l, "08P01", "invalid message length"));
    check_frame_err(b"S\0\0\x27\x11", n, (l, "08P01", "invalid message length"));
    check_frame_err(b"S\0\0\0\x03", n, (l, "08P01", "invalid message length"));
    check_frame_err(b"X\0\0\x27\x11", n, (l, "08P01", "invalid message length"));
    check_frame_err(b"Q\0\0\0\x03", n, (l, "08P01", "invalid message length"));
    check_frame_err(b"Q\xff\xff\xff\xff", n, (l, "08P01", "invalid message length"));
    check_frame_err(
        b"Q\0\0\0\x05x",
        ReadContext::Auth,
        (f, "08P01", "expected password response, got message type 81"),
    );
    check_frame_err(b"p\0\x01\0\x01", ReadContext::Auth, (l, "08P01", "invalid message length"));
    check_frame_err(
        b"Q\0\0\0\x05x",
        ReadContext::CopyIn,
        (e, "08P01", "unexpected message type 0x51 during COPY from stdin"),
    );
    // A 10000-byte Sync is still within the small limit; decoding then finds trailing bytes.
    let mut big_sync = b"S\0\0\x27\x10".to_vec();
    big_sync.resize(1 + 10000, 0);
    check_content_err(&big_sync, (e, "08P01", "invalid message format"));

    check_content_err(&msg(b'S', b"x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'H', b"x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'Q', b"select 1"), (e, "08P01", "invalid string in message"));
    check_content_err(&msg(b'Q', b"select 1\0x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'Q', b"select \xff\0"), (e, "22021", "invalid byte sequence for encoding \"UTF8\": 0xff"));
    check_content_err(
        &msg(b'Q', b"\xc3\x28\0"),
        (e, "22021", "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28"),
    );
    check_content_err(&msg(b'P', b"\0select 1\0\0\x01"), (e, "08P01", "insufficient data left in message"));
    check_content_err(&msg(b'P', b"\0select 1\0\0\x01\0\0\0\x17x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'D', b"X\0"), (e, "08P01", "invalid DESCRIBE message subtype 88"));
    check_content_err(&msg(b'C', b"X\0"), (e, "08P01", "invalid CLOSE message subtype 88"));
    check_content_err(&msg(b'D', b""), (e, "08P01", "no data left in message"));
    check_content_err(&msg(b'D', b"S"), (e, "08P01", "invalid string in message"));
    check_content_err(&msg(b'E', b"\0\0\0"), (e, "08P01", "insufficient data left in message"));
    check_content_err(&msg(b'E', b"\0\0\0\0\0x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'D', b"S\0x"), (e, "08P01", "invalid message format"));
    check_content_err(&msg(b'C', b"S"), (e, "08P01", "invalid string in message"));
    check_content_err(&msg(b'P', b"\0select 1"), (e, "08P01", "invalid string in message"));
    check_content_err(&msg(b'P', b"s1"), (e, "08P01", "invalid string in message"));
    check_content_err(&msg(b'P', b"\0select 1\0\xff\xff"), (e, "08P01", "insufficient data left in message"));
    check_content_err(&msg(b'E', b"\xff\0\0\0\0\0"), (e, "22021", "invalid byte sequence for encoding \"UTF8\": 0xff"));

    // Bind and FunctionCall bodies are read by the backend field by field
    // (BindReader, FunctionCallReader); the framing keeps them whole.
    let bind = |body: &[u8]| {
        let (r, _) = decode_message(&msg(b'B', body), n, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
        assert_eq!(r.unwrap(), FrontendMessage::Bind(body.to_vec()));
        let e = decode_bind(body).expect_err("malformed Bind");
        (e.severity, e.code.code().to_owned(), e.message.clone())
    };
    let err = |code: &str, m: &str| (e, code.to_owned(), m.to_owned());
    let bad_format = err("08P01", "invalid message format");
    let insufficient = err("08P01", "insufficient data left in message");
    assert_eq!(
        bind(b"\0\0\0\x02\0\0\0\0\0\x03"),
        err("08P01", "bind message has 2 parameter formats but 3 parameters")
    );
    assert_eq!(
        bind(b"\0\0\0\x03\0\0\0\0\0\0\0\x01\0\0\0\x011\0\0"),
        err("08P01", "bind message has 3 parameter formats but 1 parameters")
    );
    assert_eq!(bind(b"\0\0\0\0\0\x01\xff\xff\xff\xfe\0\0"), insufficient);
    assert_eq!(bind(b"\0\0\0\0\0\x01\0\0\0\x05ab\0\0"), insufficient);
    assert_eq!(bind(b"\0\0\0\0\0\x01\0\0\0\x011"), insufficient);
    assert_eq!(bind(b"\0\0\0\0\0\x01\0\0\0\x011\0\0zz"), bad_format);
    assert_eq!(bind(b"\0\0\0\0\0\0\0\x01\0"), insufficient);
    assert_eq!(bind(b"\0"), err("08P01", "invalid string in message"));
    assert_eq!(bind(b""), err("08P01", "invalid string in message"));
    assert_eq!(bind(b"\xff\0\0\0\0\0\0\0\0"), err("22021", "invalid byte sequence for encoding \"UTF8\": 0xff"));
    // The reader stops where the backend acts: after the names, a count
    // mismatch further on is not seen yet.
    let mut r = BindReader::new(b"p\0s\0\0\x03");
    assert_eq!(r.names().unwrap(), ("p".to_owned(), "s".to_owned()));
    assert_eq!(r.param_formats().unwrap_err().message, "insufficient data left in message");
    let mut r = BindReader::new(b"\0\0\0\0\0\x02\0\0\0\x01x\0\0\0\x09");
    r.names().unwrap();
    assert_eq!(r.param_formats().unwrap(), (vec![], 2));
    assert_eq!(r.param().unwrap(), Some(&b"x"[..]));
    assert_eq!(r.param().unwrap_err().message, "insufficient data left in message");

    let fcall = |body: &[u8]| {
        let (r, _) = decode_message(&msg(b'F', body), n, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
        assert_eq!(r.unwrap(), FrontendMessage::FunctionCall(body.to_vec()));
        let e = decode_function_call(body).expect_err("malformed FunctionCall");
        (e.severity, e.code.code().to_owned(), e.message.clone())
    };
    assert_eq!(
        fcall(b"\0\0\0\x01\0\0\0\x01\xff\xff\xff\xfd\0\0"),
        err("08P01", "invalid argument size -3 in function call message")
    );
    assert_eq!(
        fcall(b"\0\0\0\x01\0\x02\0\0\0\0\0\x01\xff\xff\xff\xff\0\0"),
        err("08P01", "function call message contains 2 argument formats but 1 arguments")
    );
    assert_eq!(fcall(b"\0\0"), insufficient);
    assert_eq!(fcall(b"\0\0\0\0\0\0\0\0\0\0x"), bad_format);

    // CopyFail outside COPY is ignored unread, as PostgreSQL ignores it.
    let (r, _) = decode_message(&msg(b'f', b"oops"), n, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
    assert_eq!(r.unwrap(), FrontendMessage::CopyFail(b"oops".to_vec()));

    // Terminate and CopyDone bodies are not inspected, as in PostgreSQL.
    let (r, _) = decode_message(&msg(b'X', b"junk"), n, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
    assert_eq!(r.unwrap(), FrontendMessage::Terminate);
}

#[test]
fn password_messages() {
    assert_eq!(decode_password_message(b"secret\0").unwrap(), "secret");
    let err = |r: Result<String, PgError>| {
        let e = r.unwrap_err();
        (e.severity, e.code.code().to_owned(), e.message.clone())
    };
    let f = Severity::Fatal;
    assert_eq!(err(decode_password_message(b"secret")), (f, "08P01".into(), "invalid password packet size".into()));
    assert_eq!(err(decode_password_message(b"a\0b\0")), (f, "08P01".into(), "invalid password packet size".into()));
    assert_eq!(err(decode_password_message(b"\0")), (f, "28P01".into(), "empty password returned by client".into()));
    let r = decode_sasl_initial_response(b"SCRAM-SHA-256\0\0\0\0\x03abc").unwrap();
    assert_eq!((r.mechanism.as_str(), r.data.as_deref()), ("SCRAM-SHA-256", Some(&b"abc"[..])));
    let r = decode_sasl_initial_response(b"SCRAM-SHA-256\0\xff\xff\xff\xff").unwrap();
    assert_eq!(r.data, None);
    let e = decode_sasl_initial_response(b"SCRAM-SHA-256\0\0\0\0\x03abcd").unwrap_err();
    assert_eq!((e.severity, e.message.as_str()), (f, "invalid message format"));
    let e = decode_sasl_initial_response(b"SCRAM-SHA-256\0\0\0\0\x05abc").unwrap_err();
    assert_eq!(e.message, "insufficient data left in message");
    let e = decode_sasl_initial_response(b"SCRAM").unwrap_err();
    assert_eq!(e.message, "invalid string in message");
    assert_eq!(decode_sasl_response(b"c=biws"), b"c=biws".to_vec());
}

fn arb_string() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _é€]{0,12}"
}

fn arb_bytes() -> impl Strategy<Value = Option<Vec<u8>>> {
    proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8))
}

fn arb_kind() -> impl Strategy<Value = TargetKind> {
    prop_oneof![Just(TargetKind::Statement), Just(TargetKind::Portal)]
}

fn arb_message() -> impl Strategy<Value = FrontendMessage> {
    let fmts = || proptest::collection::vec(0i16..2, 0..3);
    prop_oneof![
        arb_string().prop_map(FrontendMessage::Query),
        (arb_string(), arb_string(), proptest::collection::vec(any::<u32>(), 0..4))
            .prop_map(|(statement, query, param_types)| FrontendMessage::Parse { statement, query, param_types }),
        (arb_string(), arb_string(), proptest::collection::vec(arb_bytes(), 0..4), any::<bool>(), fmts()).prop_map(
            |(portal, statement, params, one_format, result_formats)| {
                let param_formats =
                    if one_format { vec![1] } else { params.iter().map(|p| p.is_some() as i16).collect() };
                FrontendMessage::Bind(Bind { portal, statement, param_formats, params, result_formats }.to_body())
            }
        ),
        (arb_kind(), arb_string()).prop_map(|(kind, name)| FrontendMessage::Describe { kind, name }),
        (arb_kind(), arb_string()).prop_map(|(kind, name)| FrontendMessage::Close { kind, name }),
        (arb_string(), any::<i32>()).prop_map(|(portal, max_rows)| FrontendMessage::Execute { portal, max_rows }),
        Just(FrontendMessage::Sync),
        Just(FrontendMessage::Flush),
        Just(FrontendMessage::Terminate),
        proptest::collection::vec(any::<u8>(), 0..16).prop_map(FrontendMessage::CopyData),
        Just(FrontendMessage::CopyDone),
        arb_string().prop_map(|reason| FrontendMessage::CopyFail(format!("{reason}\0").into_bytes())),
        (any::<u32>(), proptest::collection::vec(arb_bytes(), 0..3), 0i16..2).prop_map(
            |(function_oid, args, result_format)| {
                FrontendMessage::FunctionCall(
                    FunctionCall { function_oid, arg_formats: vec![], args, result_format }.to_body(),
                )
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// encode → decode gives the message back; every strict prefix needs more bytes.
    #[test]
    fn roundtrip_and_truncation(msgs in proptest::collection::vec(arb_message(), 1..4)) {
        let mut wire = Vec::new();
        for m in &msgs {
            encode_frontend_message(&mut wire, m);
        }
        let mut at = 0;
        for m in &msgs {
            let (first_len, end) = {
                let (r, used) = decode_message(&wire[at..], ReadContext::Normal, PQ_LARGE_MESSAGE_LIMIT).unwrap().unwrap();
                prop_assert_eq!(&r.unwrap(), m);
                (used, at + used)
            };
            for cut in at..end {
                prop_assert_eq!(decode_message(&wire[at..cut], ReadContext::Normal, PQ_LARGE_MESSAGE_LIMIT).unwrap(), None);
            }
            let _ = first_len;
            at = end;
        }
        prop_assert_eq!(at, wire.len());
    }

    /// A Bind or FunctionCall body read back in full gives its fields.
    #[test]
    fn bind_and_function_call_bodies(
        portal in arb_string(),
        statement in arb_string(),
        params in proptest::collection::vec(arb_bytes(), 0..4),
        result_formats in proptest::collection::vec(0i16..2, 0..3),
        function_oid in any::<u32>(),
    ) {
        let param_formats = params.iter().map(|p| p.is_some() as i16).collect();
        let b = Bind { portal, statement, param_formats, params: params.clone(), result_formats };
        prop_assert_eq!(decode_bind(&b.to_body()).unwrap(), b);
        let f = FunctionCall { function_oid, arg_formats: vec![1], args: params, result_format: 1 };
        prop_assert_eq!(decode_function_call(&f.to_body()).unwrap(), f);
    }

    /// Arbitrary bytes never panic the decoders.
    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = decode_message(&bytes, ReadContext::Normal, PQ_LARGE_MESSAGE_LIMIT);
        let _ = decode_bind(&bytes);
        let _ = decode_function_call(&bytes);
        let _ = decode_startup(&bytes, StartupPhase::default());
        let _ = decode_sasl_initial_response(&bytes);
        let _ = decode_password_message(&bytes);
        let mut s = ScramServer::new(None, "u", b"n");
        let _ = s.exchange(Some(&bytes));
    }
}

#[test]
fn backend_encoders() {
    let check = |f: &dyn Fn(&mut Vec<u8>), expect: &[u8]| {
        let mut out = Vec::new();
        f(&mut out);
        assert_eq!(out, expect);
    };
    check(&|o| encode_auth_request(o, &AuthRequest::Ok), b"R\0\0\0\x08\0\0\0\0");
    check(&|o| encode_auth_request(o, &AuthRequest::CleartextPassword), b"R\0\0\0\x08\0\0\0\x03");
    check(&|o| encode_auth_request(o, &AuthRequest::Md5Password(*b"abcd")), b"R\0\0\0\x0c\0\0\0\x05abcd");
    check(
        &|o| encode_auth_request(o, &AuthRequest::Sasl(&["SCRAM-SHA-256"])),
        b"R\0\0\0\x17\0\0\0\x0aSCRAM-SHA-256\0\0",
    );
    check(&|o| encode_auth_request(o, &AuthRequest::SaslContinue(b"r=x")), b"R\0\0\0\x0b\0\0\0\x0br=x");
    check(&|o| encode_auth_request(o, &AuthRequest::SaslFinal(b"v=x")), b"R\0\0\0\x0b\0\0\0\x0cv=x");
    check(&|o| encode_parameter_status(o, "a", "b"), b"S\0\0\0\x08a\0b\0");
    check(&|o| encode_backend_key_data(o, 1, -1), b"K\0\0\0\x0c\0\0\0\x01\xff\xff\xff\xff");
    check(&|o| encode_ready_for_query(o, TransactionStatus::Idle), b"Z\0\0\0\x05I");
    check(&|o| encode_ready_for_query(o, TransactionStatus::InBlock), b"Z\0\0\0\x05T");
    check(&|o| encode_ready_for_query(o, TransactionStatus::Failed), b"Z\0\0\0\x05E");
    // The exact RowDescription and DataRow PostgreSQL 15 sent for `select 1`.
    check(
        &|o| {
            encode_row_description(
                o,
                &[FieldDescription {
                    name: "?column?",
                    table_oid: 0,
                    column_attnum: 0,
                    type_oid: 23,
                    type_len: 4,
                    type_modifier: -1,
                    format: 0,
                }],
            )
        },
        b"T\x00\x00\x00!\x00\x01?column?\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x17\x00\x04\xff\xff\xff\xff\x00\x00",
    );
    check(&|o| encode_data_row(o, &[Some(b"1")]), b"D\x00\x00\x00\x0b\x00\x01\x00\x00\x00\x011");
    check(&|o| encode_data_row(o, &[None, Some(b"")]), b"D\0\0\0\x0e\0\x02\xff\xff\xff\xff\0\0\0\0");
    check(&|o| encode_command_complete(o, "SELECT 1"), b"C\x00\x00\x00\rSELECT 1\x00");
    check(&|o| encode_empty_query_response(o), b"I\0\0\0\x04");
    check(&|o| encode_parse_complete(o), b"1\0\0\0\x04");
    check(&|o| encode_bind_complete(o), b"2\0\0\0\x04");
    check(&|o| encode_close_complete(o), b"3\0\0\0\x04");
    check(&|o| encode_no_data(o), b"n\0\0\0\x04");
    check(&|o| encode_portal_suspended(o), b"s\0\0\0\x04");
    check(&|o| encode_parameter_description(o, &[23, 25]), b"t\0\0\0\x0e\0\x02\0\0\0\x17\0\0\0\x19");
    check(&|o| encode_copy_in_response(o, false, &[0, 0]), b"G\0\0\0\x0b\0\0\x02\0\0\0\0");
    check(&|o| encode_copy_out_response(o, true, &[1]), b"H\0\0\0\x09\x01\0\x01\0\x01");
    check(&|o| encode_copy_data(o, b"ab"), b"d\0\0\0\x06ab");
    check(&|o| encode_copy_done(o), b"c\0\0\0\x04");
    check(&|o| encode_ssl_refusal(o), b"N");
    // The ErrorResponse PostgreSQL 15 sent for an unknown message type, minus F/L/R...
    let e = PgError::fatal(SqlState::PROTOCOL_VIOLATION, "invalid frontend message type 90");
    check(
        &|o| encode_error_response(o, &e),
        b"E\0\0\0\x3cSFATAL\0VFATAL\0C08P01\0Minvalid frontend message type 90\0\0",
    );
    // ...and with them, byte for byte.
    let loc = ErrorLocation { file: Some("postgres.c"), line: Some(446), routine: Some("SocketBackend") };
    check(
        &|o| encode_error_response_at(o, &e, &loc),
        b"E\x00\x00\x00\\SFATAL\x00VFATAL\x00C08P01\x00Minvalid frontend message type 90\x00Fpostgres.c\x00L446\x00RSocketBackend\x00\x00",
    );
    let n = PgError::syntax("syntax error at or near \"x\"", 8)
        .with_detail("d")
        .with_hint("h")
        .with_severity(Severity::Notice);
    check(
        &|o| encode_notice_response(o, &n),
        b"N\0\0\0\x42SNOTICE\0VNOTICE\0C42601\0Msyntax error at or near \"x\"\0Dd\0Hh\0P8\0\0",
    );
}
