//! Data-driven tests whose expectations came from PostgreSQL 15 (see `gen_cases.py`):
//! type input/output, operators, functions and casts.

use pg_types::*;
use std::fmt::Write as _;

fn settings(s: &str) -> OutputSettings {
    let mut parts = s.split('|');
    let tz = parts.next().unwrap_or("UTC");
    let ds = parts.next().unwrap_or("ISO, MDY");
    let efd: i32 = parts.next().unwrap_or("1").parse().expect("extra_float_digits in test data");
    let st = OutputSettings::from_gucs(ds, tz, efd, "postgres").expect("valid settings in test data");
    set_session_timezone(st.timezone.clone());
    st
}

/// `numeric(5,2)` → (NUMERIC, typmod); `varchar(3)`; `timestamp(2)`; `"char"`.
fn parse_type(s: &str) -> (Oid, i32) {
    let (name, mods) = match s.split_once('(') {
        Some((n, m)) => (n, Some(m.trim_end_matches(')'))),
        None => (s, None),
    };
    let t = lookup_type_by_name(name).unwrap_or_else(|| panic!("unknown type {name}"));
    let typmod = match (t.oid, mods) {
        (_, None) => -1,
        (oid::NUMERIC, Some(m)) => {
            let v: Vec<i32> = m.split(',').map(|x| x.trim().parse().expect("numeric typmod")).collect();
            pg_types::numeric::make_typmod(v[0], *v.get(1).unwrap_or(&0))
        }
        (oid::VARCHAR | oid::BPCHAR, Some(m)) => m.parse::<i32>().expect("length typmod") + 4,
        (_, Some(m)) => m.parse().expect("precision typmod"),
    };
    (t.oid, typmod)
}

fn render(r: Result<String, pg_error::PgError>) -> String {
    match r {
        Ok(s) => format!("ok:{s}"),
        Err(e) => format!("err:{}:{}", e.code, e.message),
    }
}

fn check_file(name: &str, eval: impl Fn(&[&str], &OutputSettings) -> Result<String, pg_error::PgError>) {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).expect("test data file");
    let mut failures = String::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (expect, args) = cols.split_last().expect("non-empty line");
        let st = settings(args[0]);
        let got = render(eval(&args[1..], &st));
        n += 1;
        if got != *expect {
            let _ = writeln!(failures, "  {:?}\n    expected {expect}\n    got      {got}", &args);
        }
    }
    assert!(failures.is_empty(), "{name}: mismatches out of {n} cases:\n{failures}");
}

#[test]
fn type_input_output() {
    check_file("input.tsv", |a, st| {
        // `'v'::type(n)` is the input function without typmod, then an explicit length coercion.
        let (t, typmod) = parse_type(a[0]);
        let d = apply_typmod(t, typmod, input(t, -1, a[1], st)?, true)?;
        Ok(output(t, &d, st))
    });
}

fn value(t: &str, v: &str, st: &OutputSettings) -> Result<(Oid, Datum), pg_error::PgError> {
    let (t, typmod) = parse_type(t);
    if v == "\\N" {
        return Ok((t, Datum::Null));
    }
    Ok((t, input(t, typmod, v, st)?))
}

#[test]
fn operators() {
    check_file("operators.tsv", |a, st| {
        let (lt, l) = value(a[0], a[1], st)?;
        let op = a[2];
        let (rt, r) = value(a[3], a[4], st)?;
        // Like the analyzer: an exact match, else cast the narrower side to the other's type.
        let (o, l, r) = if let Some(o) = find_operator(op, Some(lt), rt) {
            (o, l, r)
        } else if let Some(o) = find_operator(op, Some(rt), rt) {
            (o, perform_cast(lt, rt, -1, &l, false, st)?, r)
        } else {
            let o = find_operator(op, Some(lt), lt).unwrap_or_else(|| panic!("no operator {op}"));
            (o, l, perform_cast(rt, lt, -1, &r, false, st)?)
        };
        let d = (o.func)(&[l, r])?;
        Ok(output(o.result, &d, st))
    });
}

#[test]
fn functions() {
    check_file("functions.tsv", |a, st| {
        let name = a[0];
        let mut types = Vec::new();
        let mut vals = Vec::new();
        for spec in &a[1..] {
            let (t, v) = spec.split_once(':').expect("type:value");
            let (t, d) = value(t, v, st)?;
            types.push(t);
            vals.push(d);
        }
        let f = lookup_functions(name)
            .into_iter()
            .find(|f| f.arg_types == types || (f.variadic.is_some() && types.len() >= f.arg_types.len() - 1))
            .unwrap_or_else(|| panic!("no function {name}{types:?}"));
        if f.strict && vals.iter().any(Datum::is_null) {
            return Ok(String::new());
        }
        let FuncKind::Scalar(func) = f.kind else { panic!("set-returning") };
        let d = func(&vals)?;
        Ok(output(f.ret_type, &d, st))
    });
}

#[test]
fn casts() {
    check_file("casts.tsv", |a, st| {
        let (src, v) = value(a[0], a[1], st)?;
        let (tgt, typmod) = parse_type(a[2]);
        let d = perform_cast(src, tgt, typmod, &v, true, st)?;
        Ok(output(tgt, &d, st))
    });
}
