//! Data-driven parser cases (`tests/cases.txt`) and the deparse round trip over them.
use pg_parser::{parse, RawStmt};

fn outcome(sql: &str) -> String {
    match parse(sql) {
        Ok(stmts) => {
            let s: Vec<String> = stmts.iter().map(|s| s.stmt.to_string()).collect();
            format!("OK {}", s.join(" ; ").replace('\n', "\\n"))
        }
        Err(e) => format!("ERROR {} {} @{}", e.code, e.message, e.position.map(|p| p.to_string()).unwrap_or_default()),
    }
}

/// The case files: the first holds the original cases; the others one statement family each.
const CASE_FILES: [&str; 10] = [
    include_str!("cases.txt"),
    include_str!("cases/dml.txt"),
    include_str!("cases/ddl_table.txt"),
    include_str!("cases/alter_table.txt"),
    include_str!("cases/routines.txt"),
    include_str!("cases/ddl_types.txt"),
    include_str!("cases/ddl_misc.txt"),
    include_str!("cases/objects.txt"),
    include_str!("cases/utility.txt"),
    include_str!("cases/select.txt"),
];

fn cases() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut sql: Option<String> = None;
    for line in CASE_FILES.iter().flat_map(|text| text.lines()) {
        if let Some(exp) = line.strip_prefix("=> ") {
            let q = sql.take().expect("a query line precedes every expectation");
            out.push((q.replace("\\n", "\n"), exp.to_string()));
        } else if !line.starts_with('#') && !line.is_empty() {
            sql = Some(line.to_string());
        }
    }
    out
}

#[test]
fn parse_cases() {
    let cases = cases();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (sql, want) in &cases {
        let got = outcome(sql);
        if &got != want {
            failures.push(format!("{sql}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// parse -> print -> parse gives the same tree (locations ignored) and the same text again.
#[test]
fn deparse_round_trip() {
    let mut checked = 0;
    for (sql, _) in cases() {
        let Ok(first) = parse(&sql) else { continue };
        let printed: Vec<String> = first.iter().map(|s| s.stmt.to_string()).collect();
        let text = printed.join(";\n");
        let second = parse(&text).unwrap_or_else(|e| panic!("{sql}\nprinted: {text}\nfails: {e:?}"));
        let a: Vec<_> = first.iter().map(|s: &RawStmt| &s.stmt).collect();
        let b: Vec<_> = second.iter().map(|s: &RawStmt| &s.stmt).collect();
        assert_eq!(a, b, "{sql}\nprinted: {text}");
        let reprinted: Vec<String> = second.iter().map(|s| s.stmt.to_string()).collect();
        assert_eq!(printed, reprinted, "{sql}");
        checked += 1;
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn statement_locations() {
    let sql = ";;select 1; select 'é'  ;; show x";
    let stmts = parse(sql).unwrap();
    let spans: Vec<(usize, usize)> = stmts.iter().map(|s| (s.location, s.len)).collect();
    assert_eq!(spans, vec![(2, 8), (11, 14), (27, 7)]);
    assert_eq!(&sql[11..11 + 14], " select 'é'  ");
    assert!(parse("").unwrap().is_empty());
    assert!(parse(" ; -- x\n").unwrap().is_empty());
}

#[test]
fn expression_locations() {
    use pg_parser::{ExprKind, SelectBody, Stmt};
    let sql = "select 'é', x + foo from t";
    let stmts = parse(sql).unwrap();
    let Stmt::Select(s) = &stmts[0].stmt else { panic!() };
    let SelectBody::Simple(sel) = &s.body else { panic!() };
    let e = &sel.targets[1].expr;
    let ExprKind::Op { left: Some(l), right, .. } = &e.kind else { panic!() };
    // Byte offsets, converted to the 1-based character positions of the wire protocol.
    assert_eq!((l.location.0, e.location.0, right.location.0), (13, 15, 17));
    assert_eq!(pg_parser::byte_to_char_position(sql, right.location.0), 17);
    assert_eq!(pg_parser::byte_to_char_position(sql, 8), 9);
    assert_eq!(pg_parser::byte_to_char_position(sql, 12), 12);
    assert_eq!(pg_parser::byte_to_char_position(sql, sql.len()), 27);
}
