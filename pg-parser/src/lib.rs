//! pg-parser: SQL text -> raw parse tree.
//!
//! PostgreSQL source area: `src/backend/parser/scan.l` (lexer, [`lexer`]), `gram.y` (grammar,
//! [`parser`]), `src/include/parser/kwlist.h` ([`keywords`]), `parser.c` (the lookahead filter
//! for `NOT_LA`, `NULLS_LA`, `WITH_LA`, done here by peeking two tokens).
//!
//! The crate's README tells how the lexer and parser work, why parsing takes time linear in
//! the query's length, and how errors get PostgreSQL's positions.
//!
//! Dependencies: `pg-error` only (layer 1). This crate never looks at the catalog: names are
//! folded strings, types are `TypeName`s, and every semantic check belongs to the analyzer.
//!
//! Invariants:
//! - [`parse`] returns one [`ast::RawStmt`] per non-empty statement; empty statements between
//!   `;` are dropped, and an empty string gives an empty vector.
//! - Every error is a `PgError` with PostgreSQL's SQLSTATE and wording; syntax errors carry a
//!   1-based character position (`syntax error at or near "x"`, `... at end of input`).
//! - Expression locations are byte offsets into the whole query string;
//!   [`byte_to_char_position`] turns one into the wire's 1-based character position.
//! - `Display` on the AST prints SQL that parses back to an equal tree (see `deparse`).
//! - No backtracking: every token is read once, and nested parentheses are read by loops.
//!
//! Parsing, walking and printing (the crate README explains each step):
//!
//! ```
//! use pg_parser::{parse, Expr, ExprKind, FromItem, SelectBody, Stmt, Value};
//!
//! let sql = "SELECT id, name FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total > 100; VACUUM users";
//! let stmts = parse(sql).unwrap();
//! assert_eq!(stmts.len(), 2);
//! assert_eq!(stmts[1].stmt.command_tag(), "VACUUM");
//! assert_eq!(&sql[stmts[1].location..][..stmts[1].len], " VACUUM users");
//!
//! // Walking: the tables a query reads, joins included.
//! fn tables(item: &FromItem, out: &mut Vec<String>) {
//!     match item {
//!         FromItem::Relation(rv) => out.push(rv.name.clone()),
//!         FromItem::Join(j) => {
//!             tables(&j.left, out);
//!             tables(&j.right, out);
//!         }
//!         _ => {}
//!     }
//! }
//! let Stmt::Select(select) = &stmts[0].stmt else { panic!("a SELECT") };
//! let SelectBody::Simple(simple) = &select.body else { panic!("a plain SELECT") };
//! let mut names = Vec::new();
//! simple.from.iter().for_each(|item| tables(item, &mut names));
//! assert_eq!(names, ["users", "orders"]);
//!
//! // Rewriting and printing: Display prints SQL that PostgreSQL reads into the same tree.
//! let mut limited = select.clone();
//! limited.limit_count = Some(Expr::new(ExprKind::Const(Value::Integer(10)), 0));
//! assert_eq!(
//!     Stmt::Select(limited).to_string(),
//!     "SELECT id, \"name\" FROM (users AS u INNER JOIN orders AS o ON (o.user_id = u.id)) WHERE (o.total > 100) LIMIT 10"
//! );
//!
//! // Errors carry PostgreSQL's SQLSTATE, message and 1-based character position.
//! let err = parse("SELECT * FROM users WHERE").unwrap_err();
//! assert_eq!(err.code.code(), "42601");
//! assert_eq!(err.message, "syntax error at end of input");
//! assert_eq!(err.position, Some(26));
//! ```
#![forbid(unsafe_code)]

pub mod ast;
pub mod deparse;
pub mod keywords;
pub mod lexer;
pub mod parser;

pub use ast::*;

/// A syntax error (or another error the grammar raises), as PostgreSQL reports it: `code` is
/// the SQLSTATE (42601 for a syntax error), `message` its wording, and `position` the 1-based
/// character position in the query string that the ErrorResponse carries.
pub type ParseError = pg_error::PgError;

/// Parses a query string into raw statements (PostgreSQL's `raw_parser`).
pub fn parse(sql: &str) -> Result<Vec<RawStmt>, ParseError> {
    parser::parse_statements(sql)
}

/// The 1-based character position of byte offset `byte` in `sql`, as sent in an
/// ErrorResponse's `P` field. Offsets past the end give `length + 1`.
pub fn byte_to_char_position(sql: &str, byte: usize) -> u32 {
    lexer::char_position(sql, byte)
}
