//! Deparser: `Display` for the AST, printing fully parenthesised SQL.
