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
