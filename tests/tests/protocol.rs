//! Malformed wire-protocol input gets PostgreSQL's answer (FATAL 08P01 or
//! a clean close) and never disturbs other sessions.

use tests::*;

fn check_server_healthy(s: &TestServer, sentinel: &mut postgres::Client) {
    assert_eq!(scalar(sentinel, "select 1").as_deref(), Some("1"), "sentinel session died");
    let mut c = s.connect();
    assert_eq!(scalar(&mut c, "select 2").as_deref(), Some("2"));
}

#[test]
fn malformed_input_is_refused_cleanly() {
    let s = TestServer::start("proto");
    let mut sentinel = s.connect();
    // (name, bytes, expected first error as (severity, code) or None = clean close)
    let mut after_startup = startup_packet("postgres", "postgres");
    after_startup.extend_from_slice(&[b'Z', 0, 0, 0, 4]);
    let mut huge = startup_packet("postgres", "postgres");
    huge.extend_from_slice(&[b'Q', 0x40, 0, 0, 0]);
    let mut bad_len = startup_packet("postgres", "postgres");
    bad_len.extend_from_slice(&[b'Q', 0, 0, 0, 2]);
    type Case<'a> = (&'a str, Vec<u8>, Option<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        ("garbage", b"GET / HTTP/1.1\r\n\r\n".to_vec(), None),
        ("short length", vec![0, 0, 0, 2], None),
        ("1 GB startup length", vec![0x40, 0, 0, 0, 0, 3, 0, 0], None),
        ("protocol 2", vec![0, 0, 0, 8, 0, 2, 0, 0], Some(("FATAL", "0A000"))),
        ("unknown message type", after_startup, Some(("FATAL", "08P01"))),
        // A bad length word is PostgreSQL's COMMERROR: logged, nothing sent, closed.
        ("1 GB query length", huge, None),
        ("length below 4", bad_len, None),
    ];
    for (name, bytes, expect) in cases {
        let mut c = RawConn::connect(s.port);
        c.send(&bytes);
        let _ = c.0.shutdown(std::net::Shutdown::Write);
        let (reply, eof) = c.read_to_end();
        assert!(eof, "{name}: server did not close the connection");
        match expect {
            None => assert!(first_error(&reply).is_none(), "{name}: unexpected error {:?}", first_error(&reply)),
            Some((sev, code)) => {
                // Some cases may be answered in protocol 2 form; decode v3 when present.
                if name == "protocol 2" {
                    assert!(String::from_utf8_lossy(&reply).contains("unsupported frontend protocol"), "{name}");
                } else {
                    let (gs, gc, msg) = first_error(&reply).unwrap_or_else(|| panic!("{name}: no error in {reply:?}"));
                    assert_eq!((gs.as_str(), gc.as_str()), (sev, code), "{name}: {msg}");
                }
            }
        }
        check_server_healthy(&s, &mut sentinel);
    }
    assert!(!s.log().contains("terminated by signal"), "a backend crashed:\n{}", s.log());
}

#[test]
fn ssl_request_is_refused_with_n_then_plain_startup_works() {
    let s = TestServer::start("ssl");
    let mut c = RawConn::connect(s.port);
    c.send(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
    let mut b = [0u8; 1];
    std::io::Read::read_exact(&mut c.0, &mut b).unwrap();
    assert_eq!(&b, b"N");
    c.send(&startup_packet("postgres", "postgres"));
    let mut buf = [0u8; 9];
    std::io::Read::read_exact(&mut c.0, &mut buf).unwrap();
    assert_eq!(buf[0], b'R', "expected AuthenticationOk");
    assert_eq!(&buf[5..9], &[0, 0, 0, 0]);
}

/// Malformed messages outside the extended protocol are ERRORs answered
/// at once with ReadyForQuery, and the session goes on; stray Sync, Flush
/// and COPY messages are answered as PostgreSQL answers them. Expected
/// replies recorded from PostgreSQL 15.18 with this test (see
/// `protocol_target`).
#[test]
fn malformed_messages_outside_the_extended_protocol() {
    use fe::*;
    let (_server, port) = protocol_target("proto_simple");
    let end = || query("select 'end'");
    let ok: &[&str] = &["T", "D", "C(SELECT 1)", "Z(I)"];
    let with_end = |head: &[&'static str]| [head, ok].concat();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "query without its terminator",
            [msg(b'Q', b"select 1"), end()].concat(),
            with_end(&["E(ERROR 08P01 invalid string in message)", "Z(I)"]),
        ),
        (
            "query with extra bytes",
            [msg(b'Q', b"select 1\0x"), end()].concat(),
            with_end(&["E(ERROR 08P01 invalid message format)", "Z(I)"]),
        ),
        (
            "empty query body",
            [msg(b'Q', b""), end()].concat(),
            with_end(&["E(ERROR 08P01 invalid string in message)", "Z(I)"]),
        ),
        (
            "query with invalid UTF-8",
            [msg(b'Q', b"select '\xff'\0"), end()].concat(),
            with_end(&["E(ERROR 22021 invalid byte sequence for encoding \"UTF8\": 0xff)", "Z(I)"]),
        ),
        ("sync alone", [sync(), end()].concat(), with_end(&["Z(I)"])),
        ("three syncs", [sync(), sync(), sync(), end()].concat(), with_end(&["Z(I)", "Z(I)", "Z(I)"])),
        ("flush alone", [flush(), end()].concat(), with_end(&[])),
        (
            "copy messages outside copy",
            [msg(b'd', b"1\t2\n"), msg(b'c', b""), msg(b'f', b"x\0"), end()].concat(),
            with_end(&[]),
        ),
        (
            "malformed query inside a block fails the block",
            [query("begin"), msg(b'Q', b"select 1"), query("select 1"), query("rollback"), end()].concat(),
            with_end(&[
                "C(BEGIN)",
                "Z(T)",
                "E(ERROR 08P01 invalid string in message)",
                "Z(E)",
                "E(ERROR 25P02 current transaction is aborted, commands ignored until end of transaction block)",
                "Z(E)",
                "C(ROLLBACK)",
                "Z(I)",
            ]),
        ),
    ];
    for (name, payload, expected) in &cases {
        let (got, _) = protocol_exchange(port, payload, expected.len());
        assert_eq!(&got, expected, "{name}");
    }
    // Messages that end the session.
    let closing: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("terminate with a body", msg(b'X', b"abcd"), vec![]),
        ("unknown message type", msg(b'x', b""), vec!["E(FATAL 08P01 invalid frontend message type 120)"]),
        ("type byte zero", msg(0, b""), vec!["E(FATAL 08P01 invalid frontend message type 0)"]),
        ("length below 4", vec![b'S', 0, 0, 0, 3], vec![]),
        ("length of 1 GB", vec![b'Q', 0x40, 0, 0, 0], vec![]),
    ];
    for (name, payload, expected) in &closing {
        let (got, closed) = protocol_exchange(port, payload, usize::MAX);
        assert!(closed, "{name}: the session did not end");
        assert_eq!(&got, expected, "{name}");
    }
}
