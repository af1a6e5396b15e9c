//! Proptest: random expression trees print to SQL that parses back to the same tree.
use pg_parser::parser::parse_expr;
use pg_parser::*;
use proptest::prelude::*;

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, 0)
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        prop::sample::select(vec!["a", "b", "Mixed Case", "user", "x1"])
            .prop_map(|n| e(ExprKind::ColumnRef(vec![ColumnRefField::Name(n.to_string())]))),
        (-1000i32..1000).prop_map(|v| e(ExprKind::Const(Value::Integer(v)))),
        prop::sample::select(vec!["1.5", "-0.25", "1e10", "99999999999"])
            .prop_map(|s| e(ExprKind::Const(Value::Float(s.to_string())))),
        "[a-z' ]{0,5}".prop_map(|s| e(ExprKind::Const(Value::String(s)))),
        any::<bool>().prop_map(|b| e(ExprKind::Const(Value::Boolean(b)))),
        Just(e(ExprKind::Const(Value::Null))),
        (1u32..5).prop_map(|n| e(ExprKind::Param(n))),
    ]
}

fn type_name() -> impl Strategy<Value = TypeName> {
    prop::sample::select(vec![vec!["pg_catalog", "int4"], vec!["text"], vec!["pg_catalog", "numeric"]]).prop_map(|n| {
        TypeName {
            names: n.into_iter().map(String::from).collect(),
            typmods: Vec::new(),
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(0),
        }
    })
}

/// AND/OR chains are flattened on the left by the parser, so a generated chain must not start
/// with a child of the same operator.
fn bool_expr(op: BoolOp, args: Vec<Expr>) -> Expr {
    let mut flat = Vec::new();
    for (i, a) in args.into_iter().enumerate() {
        match a.kind {
            ExprKind::Bool { op: o, args: inner } if i == 0 && o == op => flat.extend(inner),
            k => flat.push(Expr { kind: k, location: a.location }),
        }
    }
    e(ExprKind::Bool { op, args: flat })
}

fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(4, 32, 3, |inner| {
        let inner2 = inner.clone();
        let b = move || inner2.clone().prop_map(Box::new);
        prop_oneof![
            (prop::sample::select(vec!["+", "-", "*", "/", "<", "=", "<>", "||", "~~", "^"]), b(), b())
                .prop_map(|(op, l, r)| e(ExprKind::Op { name: vec![op.into()], left: Some(l), right: r })),
            (prop::sample::select(vec!["+", "@", "~"]), b()).prop_map(|(op, r)| e(ExprKind::Op {
                name: vec![op.into()],
                left: None,
                right: r
            })),
            (any::<bool>(), prop::collection::vec(b(), 2..4)).prop_map(|(and, v)| bool_expr(
                if and { BoolOp::And } else { BoolOp::Or },
                v.into_iter().map(|x| *x).collect()
            )),
            b().prop_map(|x| e(ExprKind::Bool { op: BoolOp::Not, args: vec![*x] })),
            (b(), any::<bool>()).prop_map(|(x, not)| e(ExprKind::NullTest { expr: x, not })),
            b().prop_map(|x| e(ExprKind::BooleanTest { expr: x, test: BoolTestKind::IsNotFalse })),
            (b(), b(), any::<bool>()).prop_map(|(l, r, not)| e(ExprKind::Distinct { not, left: l, right: r })),
            (b(), b(), b(), any::<bool>(), any::<bool>()).prop_map(|(x, lo, hi, not, symmetric)| e(
                ExprKind::Between { not, symmetric, expr: x, low: lo, high: hi }
            )),
            (b(), prop::collection::vec(inner.clone(), 1..3), any::<bool>())
                .prop_map(|(x, list, not)| e(ExprKind::In { not, expr: x, list })),
            (b(), b(), proptest::option::of(b()), any::<bool>()).prop_map(|(x, p, esc, not)| e(ExprKind::Like {
                kind: LikeKind::ILike,
                not,
                expr: x,
                pattern: p,
                escape: esc
            })),
            (b(), type_name()).prop_map(|(x, t)| e(ExprKind::TypeCast { arg: x, type_name: Box::new(t) })),
            (
                proptest::option::of(b()),
                prop::collection::vec((inner.clone(), inner.clone()), 1..3),
                proptest::option::of(b())
            )
                .prop_map(|(arg, whens, default)| e(ExprKind::Case { arg, whens, default })),
            prop::collection::vec(inner.clone(), 0..3)
                .prop_map(|args| { e(ExprKind::FuncCall(Box::new(FuncCall::plain(vec!["f".into()], args)))) }),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| e(ExprKind::Coalesce(v))),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| e(ExprKind::Array(v))),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| e(ExprKind::Row { args: v, explicit: false })),
            (b(), b()).prop_map(|(x, i)| e(ExprKind::Indirection {
                arg: x,
                steps: vec![IndirectionStep::Subscript { lower: Some(i), upper: None, slice: false }]
            })),
            b().prop_map(|x| e(ExprKind::Collate { arg: x, collation: vec!["C".into()] })),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn expression_round_trip(x in expr()) {
        let text = x.to_string();
        let back = parse_expr(&text).map_err(|err| TestCaseError::fail(format!("{text}: {err:?}")))?;
        prop_assert_eq!(&back, &x, "printed: {}", text);
    }
}
