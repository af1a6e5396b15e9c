//! Prints, for several shapes of nested input, the deepest nesting this parser accepts within
//! PostgreSQL's default `max_stack_depth` (2MB) and the stack one level costs, plus the sizes of
//! the AST types that fill the parser's stack frames. Run it in both profiles after changing
//! the parser's recursive path (`cargo run [--release] -p pg-parser --example depth_probe`);
//! the crate README quotes its figures.
use pg_error::stack::{set_stack_base, DEFAULT_MAX_STACK_DEPTH};
use pg_parser::ast::{Expr, FromItem, SelectStmt, SimpleSelect, TypeName};

type Shape = fn(usize) -> String;

const SHAPES: [(&str, Shape); 7] = [
    ("parentheses", |n| format!("select {}1{}", "(".repeat(n), ")".repeat(n))),
    ("scalar subqueries", |n| format!("select {}1{}", "((select ".repeat(n), ") + 1)".repeat(n))),
    ("plain subqueries", |n| format!("select {}1{}", "(select ".repeat(n), ")".repeat(n))),
    ("right-nested +", |n| format!("select {}1{}", "1 + (".repeat(n), ")".repeat(n))),
    ("unary minus", |n| format!("select {}1", "- ".repeat(n))),
    ("function calls", |n| format!("select {}1{}", "f(".repeat(n), ")".repeat(n))),
    ("FROM subqueries", |n| format!("{}select 1{}", "select * from (".repeat(n), ") s".repeat(n))),
];

/// Whether `shape(n)` parses within the default max_stack_depth.
fn parses(shape: Shape, n: usize) -> bool {
    let sql = shape(n);
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            set_stack_base(DEFAULT_MAX_STACK_DEPTH);
            pg_parser::parse(&sql).is_ok()
        })
        .expect("spawning a thread")
        .join()
        .expect("the parser does not panic")
}

fn main() {
    println!(
        "size_of: Expr {}, SelectStmt {}, SimpleSelect {}, FromItem {}, TypeName {}",
        std::mem::size_of::<Expr>(),
        std::mem::size_of::<SelectStmt>(),
        std::mem::size_of::<SimpleSelect>(),
        std::mem::size_of::<FromItem>(),
        std::mem::size_of::<TypeName>()
    );
    for (name, shape) in SHAPES {
        let (mut lo, mut hi) = (1usize, 200_000usize);
        if parses(shape, hi) {
            println!("{name:20} more than {hi} levels");
            continue;
        }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if parses(shape, mid) {
                lo = mid
            } else {
                hi = mid
            }
        }
        println!("{name:20} {lo:7} levels, {:5} bytes/level", DEFAULT_MAX_STACK_DEPTH / lo);
    }
}
