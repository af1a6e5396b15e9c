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
