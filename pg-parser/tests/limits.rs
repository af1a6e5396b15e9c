//! The parser on inputs that are large rather than tricky: deep nesting, long operator chains,
//! long lists. Each case checks the answer (the right tree, or 54001 "stack depth limit
//! exceeded" with PostgreSQL's hint, never a crash); time bounds are generous (ten times a slow
//! machine's figure or more), because a test never fails for a busy machine.
use pg_error::stack::{set_stack_base, DEFAULT_MAX_STACK_DEPTH};
use pg_error::{PgResult, SqlState};
use pg_parser::{parse, BoolOp, ExprKind, RawStmt, SelectBody, Stmt};
use std::time::{Duration, Instant};

/// Parses `sql` as a backend would: on a thread whose recursion is limited by PostgreSQL's
/// default `max_stack_depth` (2MB), with a real stack large enough that the limit, not the
/// thread, is what ends deep recursion.
fn parse_in_backend(sql: String) -> (PgResult<Vec<RawStmt>>, Duration) {
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(move || {
            set_stack_base(DEFAULT_MAX_STACK_DEPTH);
            let start = Instant::now();
            let r = parse(&sql);
            (r, start.elapsed())
        })
        .expect("spawning a parser thread")
        .join()
        .expect("the parser thread does not panic")
}

/// `select ((select ((select ... 1) + 1) ...) + 1)`, `levels` deep.
fn nested_scalar_subqueries(levels: usize) -> String {
    format!("select {}1{}", "((select ".repeat(levels), ") + 1)".repeat(levels))
}

fn assert_stack_depth_error(r: PgResult<Vec<RawStmt>>) {
    let e = r.expect_err("nesting this deep exceeds max_stack_depth");
    assert_eq!(e.code, SqlState::STATEMENT_TOO_COMPLEX);
    assert_eq!(e.message, "stack depth limit exceeded");
    assert!(e.hint.as_deref().unwrap_or("").contains("\"max_stack_depth\" (currently 2048kB)"), "{:?}", e.hint);
}

/// The select list's first expression of the only statement.
fn first_target(stmts: &[RawStmt]) -> &ExprKind {
    let Stmt::Select(s) = &stmts[0].stmt else { panic!("not a SELECT") };
    let SelectBody::Simple(sel) = &s.body else { panic!("not a simple SELECT") };
    &sel.targets[0].expr.kind
}

/// Each level of `((select ...) + 1)` used to double the parse time (23 levels took seconds):
/// a failed attempt to read `(` as a subquery re-read the same text as an expression.
#[test]
fn nested_subqueries_parse_in_linear_time() {
    for levels in [23, 200] {
        let (r, took) = parse_in_backend(nested_scalar_subqueries(levels));
        let stmts = r.unwrap_or_else(|e| panic!("{levels} levels: {e:?}"));
        assert!(matches!(first_target(&stmts), ExprKind::Op { .. }));
        assert!(took < Duration::from_secs(10), "{levels} levels took {took:?}");
    }
    // Deeper than this parser's stack allows but within bison's: 54001.
    let (r, _) = parse_in_backend(nested_scalar_subqueries(2_000));
    assert_stack_depth_error(r);
    // Past bison's stack: PostgreSQL's 42601, as for every shape below.
    let (r, _) = parse_in_backend(nested_scalar_subqueries(100_000));
    assert_memory_exhausted(r);
}

fn assert_memory_exhausted(r: PgResult<Vec<RawStmt>>) {
    let e = r.expect_err("nesting this deep overflows bison's stack in PostgreSQL");
    assert_eq!(e.code, SqlState::SYNTAX_ERROR);
    assert!(e.message.starts_with("memory exhausted at or near"), "{}", e.message);
}

/// Nested parentheses are read in a loop, so their depth costs no stack. PostgreSQL's bison
/// parser overflows its 10,000-entry stack at the 9,997th `(` after `select` with 42601
/// "memory exhausted" at that parenthesis (measured on 15.18); this parser gives the same
/// answer there (`parser/bison_depth.rs`).
#[test]
fn deep_parentheses() {
    for n in [1_000, 9_000] {
        let (r, _) = parse_in_backend(format!("select {}1{}", "(".repeat(n), ")".repeat(n)));
        let stmts = r.unwrap_or_else(|e| panic!("{n} parentheses: {e:?}"));
        assert!(matches!(first_target(&stmts), ExprKind::Const(_)));
    }
    let n = 9_000;
    let (r, _) = parse_in_backend(format!("select * from {}select 1{} s", "(".repeat(n), ")".repeat(n)));
    assert!(r.is_ok(), "{r:?}");
    let (r, _) = parse_in_backend(format!("{}select 1{}", "(".repeat(n), ")".repeat(n)));
    assert!(r.is_ok(), "{r:?}");
    // A missing parenthesis is reported where PostgreSQL reports it.
    let (r, _) = parse_in_backend(format!("select {}1{}", "(".repeat(n), ")".repeat(n - 1)));
    let e = r.unwrap_err();
    assert_eq!((e.message.as_str(), e.position), ("syntax error at end of input", Some(8 + 2 * n as u32)));
    // PostgreSQL's stack limit, balanced or not: the error points at the 9,997th `(`.
    for sql in [
        format!("select {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("select {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!("select {}1", "(".repeat(10_000)),
    ] {
        let e = parse_in_backend(sql).0.unwrap_err();
        assert_eq!(
            (e.code.code(), e.message.as_str(), e.position),
            ("42601", "memory exhausted at or near \"(\"", Some(8 + 9_996))
        );
    }
}

/// Shapes that recurse (a parenthesised operand inside an operator, nested function calls,
/// unary minus, subqueries in FROM) reach PostgreSQL's depth at its default `max_stack_depth`;
/// deeper input is a clean 54001, never a crash, and input past bison's stack gets
/// PostgreSQL's 42601 "memory exhausted".
#[test]
fn deep_recursion_is_bounded() {
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape, usize, usize); 5] = [
        ("right-nested +", |n| format!("select {}1{}", "1 + (".repeat(n), ")".repeat(n)), 200, 3_000),
        ("function calls", |n| format!("select {}1{}", "f(".repeat(n), ")".repeat(n)), 200, 4_000),
        ("unary minus", |n| format!("select {}1", "- ".repeat(n)), 500, 9_000),
        ("FROM subqueries", |n| format!("{}select 1{}", "select * from (".repeat(n), ") s".repeat(n)), 200, 1_200),
        // XMLEXISTS reads its arguments as bare operands (no casts), a path of its own; its
        // levels cost more stack than a plain call (a debug build stops near 60 levels).
        ("XMLEXISTS", |n| format!("select {}'x'{}", "xmlexists(".repeat(n), " passing 'y')".repeat(n)), 20, 4_000),
    ];
    for (name, shape, works, too_deep) in shapes {
        let (r, _) = parse_in_backend(shape(works));
        assert!(r.is_ok(), "{name} at depth {works}: {r:?}");
        let (r, _) = parse_in_backend(shape(too_deep));
        assert_stack_depth_error(r);
        let (r, _) = parse_in_backend(shape(100_000));
        assert_memory_exhausted(r);
    }
}

/// AND and OR chains become one n-ary node (as PostgreSQL's makeAndExpr builds them), so a
/// chain of 100,000 terms nests nothing and takes linear time.
#[test]
fn long_boolean_chains_are_flat() {
    let n = 100_000;
    for (word, op) in [("and", BoolOp::And), ("or", BoolOp::Or)] {
        let sql = format!("select {}", vec!["x = 1"; n].join(&format!(" {word} ")));
        let (r, took) = parse_in_backend(sql);
        let stmts = r.unwrap();
        let ExprKind::Bool { op: got, args } = first_target(&stmts) else { panic!("not a BoolExpr") };
        assert_eq!((*got, args.len()), (op, n));
        assert!(took < Duration::from_secs(30), "{word} chain took {took:?}");
    }
    // Mixed: OR of ANDs stays two levels deep.
    let (r, _) = parse_in_backend("select a and b and c or d or e and f".into());
    let stmts = r.unwrap();
    let ExprKind::Bool { op: BoolOp::Or, args } = first_target(&stmts) else { panic!() };
    assert_eq!(args.len(), 3);
}

/// Long flat lists (VALUES rows, IN lists, select lists) are read in loops, in linear time.
#[test]
fn long_lists() {
    let n = 100_000;
    let values = format!("values {}", (0..n).map(|i| format!("({i}, 'x')")).collect::<Vec<_>>().join(","));
    let (r, took) = parse_in_backend(values);
    let stmts = r.unwrap();
    let Stmt::Select(s) = &stmts[0].stmt else { panic!() };
    let SelectBody::Values(rows) = &s.body else { panic!() };
    assert_eq!(rows.len(), n);
    assert!(took < Duration::from_secs(30), "VALUES took {took:?}");

    let list = (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let (r, took) = parse_in_backend(format!("select x in ({list})"));
    let stmts = r.unwrap();
    let ExprKind::In { list, .. } = first_target(&stmts) else { panic!() };
    assert_eq!(list.len(), n);
    assert!(took < Duration::from_secs(30), "IN list took {took:?}");

    let (r, _) = parse_in_backend(format!("select {}", vec!["1"; n].join(",")));
    let stmts = r.unwrap();
    let Stmt::Select(s) = &stmts[0].stmt else { panic!() };
    let SelectBody::Simple(sel) = &s.body else { panic!() };
    assert_eq!(sel.targets.len(), n);
}

/// A long chain of one non-boolean operator is a left-deep tree that every later pass walks
/// recursively, so it is bounded like recursion.
#[test]
fn long_operator_chain_is_bounded() {
    let (r, _) = parse_in_backend(format!("select {}", vec!["1"; 5_000].join(" + ")));
    assert!(r.is_ok());
    let (r, _) = parse_in_backend(format!("select {}", vec!["1"; 200_000].join(" + ")));
    assert_stack_depth_error(r);
    // IN and AT TIME ZONE chains too (PostgreSQL's grammar reduces them at each link, so
    // its answer is its analyzer's 54001, not its parser's "memory exhausted").
    for link in [" in (1)", " at time zone 'utc'"] {
        let (r, _) = parse_in_backend(format!("select a{}", link.repeat(100_000)));
        assert_stack_depth_error(r);
    }
    // Casts chain the same way: PostgreSQL 15 takes 10,000 and answers 54001 at 100,000.
    let (r, _) = parse_in_backend(format!("select 1{}", "::int".repeat(10_000)));
    assert!(r.is_ok(), "{r:?}");
    let (r, _) = parse_in_backend(format!("select 1{}", "::int".repeat(100_000)));
    assert_stack_depth_error(r);
}

/// A `BEGIN ATOMIC` body may hold any statement, CREATE FUNCTION included, so function
/// bodies nest; nesting them deeper than the stack allows is a clean error, never a crash.
/// (PostgreSQL refuses a nested CREATE FUNCTION when it runs the statement, and a thousand
/// levels exhaust its parser's stack.)
#[test]
fn nested_function_bodies_are_bounded() {
    let nested = |n: usize| {
        let head = "create function f() returns int begin atomic ".repeat(n);
        format!("{head}select 1; {}end", "end; ".repeat(n - 1))
    };
    let (r, _) = parse_in_backend(nested(5));
    assert!(r.is_ok(), "{r:?}");
    let (r, _) = parse_in_backend(nested(20_000));
    let e = r.expect_err("20,000 nested bodies");
    assert!(e.code == SqlState::STATEMENT_TOO_COMPLEX || e.message.starts_with("memory exhausted"), "{e:?}");
}

/// WITH queries nested in WITH queries (`WITH a AS (WITH b AS (... INSERT ...) ...`) recurse
/// before any expression does: deep nesting is a clean 54001 and past bison's stack
/// PostgreSQL's 42601, never a crash.
#[test]
fn deep_with_queries_are_bounded() {
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape); 3] = [
        ("WITH ... SELECT", |n| format!("{}select 1{}", "with a as (".repeat(n), ") select 1".repeat(n))),
        ("WITH ... INSERT", |n| {
            format!("{}insert into t values (1) returning 1{}", "with a as (".repeat(n), ") delete from t".repeat(n))
        }),
        ("COPY (WITH ...)", |n| {
            format!("copy ({}delete from t returning 1{}) to stdout", "with a as (".repeat(n), ") select 1".repeat(n))
        }),
    ];
    for (name, shape) in shapes {
        for n in [1, 200] {
            let (r, _) = parse_in_backend(shape(n));
            assert!(r.is_ok(), "{name} at depth {n}: {r:?}");
        }
        // PostgreSQL's bison stack holds 1,666 levels; this parser's frames are larger, and
        // may stop first with 54001 (a debug build does near 400 levels).
        if let Err(e) = parse_in_backend(shape(1_000)).0 {
            assert_eq!(e.code, SqlState::STATEMENT_TOO_COMPLEX, "{name}: {e:?}");
        }
        let (r, _) = parse_in_backend(shape(100_000));
        assert_memory_exhausted(r);
    }
}

/// Chains nest: a parenthesised or called chain is the first link of the next
/// (`((1::int::int...)::int::int...)`), so a tree may be far deeper than any one chain. Such
/// a tree used to parse, and dropping it overflowed the stack; now the depth of nested chains
/// is bounded as a whole (PostgreSQL answers 54001 for two nested chains of 7,500 casts),
/// while long chains side by side are not added up.
#[test]
fn nested_chains_are_bounded() {
    let casts = "::int".repeat(9_000);
    let nested = [
        format!("select {}1{}", "(".repeat(40), format!("){casts}").repeat(40)),
        format!("select {}1{}", "(".repeat(40), format!("){}", " is null".repeat(9_000)).repeat(40)),
        format!("select {}1{}", "f(".repeat(40), format!("{casts})").repeat(40)),
        format!("select ((1{}){})", "::int".repeat(7_500), "::int".repeat(7_500)),
    ];
    for sql in nested {
        assert_stack_depth_error(parse_in_backend(sql).0);
    }
    let side_by_side = [
        format!("select {}", vec![format!("1{casts}"); 5].join(", ")),
        format!("select ({})", vec![format!("1{casts}"); 5].join(", ")),
        format!("select f({})", vec![format!("1{casts}"); 5].join(", ")),
        format!("select 1{casts}, ((1{casts}))"),
    ];
    for sql in side_by_side {
        let (r, _) = parse_in_backend(sql);
        assert!(r.is_ok(), "{r:?}");
    }
}

/// Array bounds and subscripts are left-recursive lists in PostgreSQL's grammar, so 100,000 of
/// them cost its parser no stack: `int[][]...` and `a[1][1]...` are no "memory exhausted" (they
/// were, by the estimate of bison's stack, before it learned that `]` reduces).
#[test]
fn long_subscript_and_bound_lists_are_flat() {
    for sql in [
        format!("select 1::int{}", "[]".repeat(100_000)),
        format!("select a{}", "[1]".repeat(100_000)),
        format!("create table t (a int{})", "[1]".repeat(100_000)),
    ] {
        let (r, _) = parse_in_backend(sql);
        assert!(r.is_ok(), "{r:?}");
    }
}
