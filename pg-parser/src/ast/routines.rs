//! Syntax trees of functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.
//!
//! PostgreSQL source area: gram.y `CreateFunctionStmt`, `DefineStmt` (aggregates, operators), `CreateOpClassStmt`, `CreateCastStmt`, `CreateTrigStmt`, `RuleStmt`, `DoStmt`, `CallStmt` (`parsenodes.h`).
