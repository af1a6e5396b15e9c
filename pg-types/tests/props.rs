//! Property tests (binary round-trips, numeric arithmetic against i128) and API unit tests
//! (type table, registry, casts' contexts and typmods, operator errors).

use pg_types::*;
use proptest::prelude::*;

fn st() -> OutputSettings {
    OutputSettings::default()
}

fn roundtrip(t: Oid, d: &Datum) {
    let bytes = send(t, d).expect("send");
    let back = recv(t, -1, &bytes).expect("recv");
    assert_eq!(output(t, &back, &st()), output(t, d, &st()), "type {t}");
    assert_eq!(send(t, &back).expect("send"), bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn binary_roundtrip_scalars(b: bool, i2: i16, i4: i32, i8v: i64, f4: f32, f8: f64, o: u32, s in "\\PC{0,20}", by: Vec<u8>) {
        roundtrip(oid::BOOL, &Datum::Bool(b));
        roundtrip(oid::INT2, &Datum::Int2(i2));
        roundtrip(oid::INT4, &Datum::Int4(i4));
        roundtrip(oid::INT8, &Datum::Int8(i8v));
        roundtrip(oid::FLOAT4, &Datum::Float4(f4));
        roundtrip(oid::FLOAT8, &Datum::Float8(f8));
        roundtrip(oid::OID, &Datum::Oid(o));
        roundtrip(oid::TEXT, &Datum::Text(s.clone()));
        roundtrip(oid::VARCHAR, &Datum::Text(s));
        roundtrip(oid::BYTEA, &Datum::Bytea(by));
    }

    #[test]
    fn binary_roundtrip_datetime(d in -2_451_545i32..2_000_000, ts in -211_813_488_000_000_000i64..9_223_371_331_200_000_000,
                                 months: i32, days: i32, micros: i64) {
        roundtrip(oid::DATE, &Datum::Date(d));
        roundtrip(oid::TIMESTAMP, &Datum::Timestamp(ts));
        roundtrip(oid::TIMESTAMPTZ, &Datum::TimestampTz(ts));
        roundtrip(oid::INTERVAL, &Datum::Interval(Interval { months, days, micros }));
    }

    #[test]
    fn binary_roundtrip_inet(a: [u8; 4], b: [u8; 16], bits4 in 0u8..=32, bits6 in 0u8..=128) {
        roundtrip(oid::INET, &Datum::Inet(Inet { addr: std::net::IpAddr::from(a), bits: bits4 }));
        roundtrip(oid::INET, &Datum::Inet(Inet { addr: std::net::IpAddr::from(b), bits: bits6 }));
    }

    #[test]
    fn numeric_text_and_binary_roundtrip(int_part: i64, frac in 0u32..1_000_000, scale in 0usize..12) {
        let text = format!("{int_part}.{frac:06}{}", "0".repeat(scale));
        let n = Numeric::parse(&text).expect("valid numeric");
        prop_assert_eq!(n.to_string(), text);
        roundtrip(oid::NUMERIC, &Datum::Numeric(n));
    }

    #[test]
    fn numeric_arith_matches_i128(a in -1_000_000_000_000i64..1_000_000_000_000, b in -1_000_000_000_000i64..1_000_000_000_000,
                                  sa in 0u32..4, sb in 0u32..4) {
        // a / 10^sa and b / 10^sb, compared via integers scaled to 10^(sa+sb).
        let na = Numeric::parse(&scaled(a, sa)).expect("a");
        let nb = Numeric::parse(&scaled(b, sb)).expect("b");
        let (a, b) = (a as i128, b as i128);
        let s = sa.max(sb);
        let (ai, bi) = (a * 10i128.pow(s - sa), b * 10i128.pow(s - sb));
        prop_assert_eq!(na.add(&nb).to_string(), scaled_i128(ai + bi, s));
        prop_assert_eq!(na.sub(&nb).to_string(), scaled_i128(ai - bi, s));
        prop_assert_eq!(na.mul(&nb).expect("mul").to_string(), scaled_i128(a * b, sa + sb));
        prop_assert_eq!(na.cmp(&nb), (ai).cmp(&bi));
    }
}

fn scaled(v: i64, s: u32) -> String {
    scaled_i128(v as i128, s)
}

fn scaled_i128(v: i128, s: u32) -> String {
    if s == 0 {
        return v.to_string();
    }
    let neg = v < 0;
    let digits = format!("{:0>width$}", v.unsigned_abs(), width = s as usize + 1);
    let (i, f) = digits.split_at(digits.len() - s as usize);
    format!("{}{i}.{f}", if neg { "-" } else { "" })
}

#[test]
fn type_table_lookups() {
    for (name, expect) in [
        ("int", 23),
        ("integer", 23),
        ("INT4", 23),
        ("bigint", 20),
        ("smallint", 21),
        ("real", 700),
        ("double precision", 701),
        ("boolean", 16),
        ("character varying", 1043),
        ("varchar", 1043),
        ("decimal", 1700),
        ("timestamptz", 1184),
        ("timestamp with time zone", 1184),
        ("timestamp  without time zone", 1114),
        ("int[]", 1007),
        ("text[]", 1009),
        ("_int4", 1007),
        ("\"char\"", 18),
        ("record", 2249),
        ("void", 2278),
    ] {
        assert_eq!(lookup_type_by_name(name).map(|t| t.oid), Some(expect), "{name}");
    }
    assert_eq!(lookup_type_by_name("nosuchtype"), None);
    let int4 = lookup_type(oid::INT4).expect("int4");
    assert_eq!((int4.len, int4.category, int4.array, int4.byval), (4, b'N', 1007, true));
    assert!(lookup_type(oid::TEXT).expect("text").preferred);
    assert_eq!(format_type(oid::VARCHAR, 7), "character varying(3)");
    assert_eq!(format_type(oid::NUMERIC, numeric::make_typmod(10, 2)), "numeric(10,2)");
    assert_eq!(format_type(oid::INT4_ARRAY, -1), "integer[]");
}

#[test]
fn function_registry() {
    let f = lookup_functions("length");
    assert!(f.iter().any(|f| f.arg_types == [oid::TEXT] && f.oid == 1317), "{f:?}");
    assert!(lookup_functions("now").iter().all(|f| f.volatility == Volatility::Stable));
    assert!(lookup_functions("random").iter().all(|f| f.volatility == Volatility::Volatile));
    fn backend_pid(_: &[Datum]) -> pg_error::PgResult<Datum> {
        Ok(Datum::Int4(4242))
    }
    // A higher layer's function: its OID comes from the one OID table.
    register_function(FuncDef::scalar("pg_backend_pid", &[], oid::INT4, Volatility::Stable, backend_pid));
    let f = lookup_functions("pg_backend_pid");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].oid, 2026);
    // generate_series registers through the same registry, with PostgreSQL's OIDs.
    let series = lookup_functions("generate_series");
    let int4 = series.iter().find(|f| f.arg_types == [oid::INT4, oid::INT4]).expect("generate_series(int4, int4)");
    assert_eq!(int4.oid, 1067);
    assert_eq!(series.len(), 8);
    let FuncKind::Scalar(func) = f[0].kind else { panic!("scalar") };
    assert_eq!(func(&[]).expect("call"), Datum::Int4(4242));
    assert_eq!(lookup_function_by_oid(2026).map(|f| f.name), Some("pg_backend_pid"));
    set_transaction_timestamp(1_000_000);
    let now = lookup_functions("now");
    let FuncKind::Scalar(func) = now[0].kind else { panic!("scalar") };
    assert_eq!(output(oid::TIMESTAMPTZ, &func(&[]).expect("now"), &st()), "2000-01-01 00:00:01+00");
}

#[test]
fn cast_contexts_and_typmods() {
    let ctx = |s, t| find_cast(s, t).map(|c| c.context);
    assert_eq!(ctx(oid::INT4, oid::INT8), Some(CastContext::Implicit));
    assert_eq!(ctx(oid::INT8, oid::INT4), Some(CastContext::Assignment));
    assert_eq!(ctx(oid::INT4, oid::BOOL), Some(CastContext::Explicit));
    assert_eq!(ctx(oid::FLOAT8, oid::NUMERIC), Some(CastContext::Assignment));
    assert_eq!(ctx(oid::NUMERIC, oid::FLOAT8), Some(CastContext::Implicit));
    assert_eq!(ctx(oid::INT4, oid::TEXT), Some(CastContext::Assignment));
    assert_eq!(ctx(oid::TEXT, oid::INT4), Some(CastContext::Explicit));
    assert_eq!(ctx(oid::BOOL, oid::FLOAT8), None);
    let vc3 = 3 + 4;
    let e = apply_typmod(oid::VARCHAR, vc3, Datum::Text("abcd".into()), false).expect_err("too long");
    assert_eq!((e.code.code(), e.message.as_str()), ("22001", "value too long for type character varying(3)"));
    assert_eq!(
        apply_typmod(oid::VARCHAR, vc3, Datum::Text("abcd".into()), true).expect("cut"),
        Datum::Text("abc".into())
    );
    assert_eq!(
        apply_typmod(oid::VARCHAR, vc3, Datum::Text("ab   ".into()), false).expect("blanks"),
        Datum::Text("ab ".into())
    );
    let e = apply_typmod(oid::NUMERIC, numeric::make_typmod(5, 2), Datum::Numeric(Numeric::from_i64(1000)), false)
        .expect_err("overflow");
    assert_eq!(e.message, "numeric field overflow");
    assert_eq!(
        e.detail.as_deref(),
        Some("A field with precision 5, scale 2 must round to an absolute value less than 10^3.")
    );
}

#[test]
fn operator_table() {
    let plus: Vec<_> = lookup_operators("+").collect();
    assert!(plus.iter().any(|o| o.left == Some(oid::INT4) && o.right == oid::INT4 && o.oid == 551));
    let o = find_operator("/", Some(oid::INT4), oid::INT4).expect("int4div");
    assert_eq!((o.func)(&[Datum::Int4(1), Datum::Int4(0)]).expect_err("div0").message, "division by zero");
    let o = find_operator("-", None, oid::INT4).expect("int4um");
    assert_eq!((o.func)(&[Datum::Int4(i32::MIN)]).expect_err("ovf").message, "integer out of range");
    let o = find_operator("*", Some(oid::INT8), oid::INT8).expect("int8mul");
    assert_eq!((o.func)(&[Datum::Int8(i64::MAX), Datum::Int8(2)]).expect_err("ovf").message, "bigint out of range");
    let o = find_operator("=", Some(oid::TEXT), oid::TEXT).expect("texteq");
    assert_eq!(o.oid, 98);
}

#[test]
fn settings_from_gucs() {
    let s = OutputSettings::from_gucs("SQL, DMY", "Europe/Paris", 0, "postgres").expect("valid");
    assert_eq!((s.date_style, s.date_order, s.extra_float_digits), (DateStyle::Sql, DateOrder::Dmy, 0));
    assert_eq!(output(oid::DATE, &Datum::Date(0), &s), "01/01/2000");
    assert!(OutputSettings::from_gucs("ISO", "Not/AZone", 1, "postgres").is_err());
    assert!(OutputSettings::from_gucs("Bogus", "UTC", 1, "postgres").is_err());
}
