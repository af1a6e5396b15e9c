//! A view's definition printed as PostgreSQL 15's `ruleutils.c` prints it
//! (`pg_get_viewdef`, `pg_get_ruledef`): the stored SELECT is analyzed
//! again and its Query printed with ruleutils' layout — ` SELECT a,` with
//! each further output column on a line of its own, `   FROM`,
//! `  WHERE`, every column qualified by its FROM item as PostgreSQL 15
//! does for views (their range table holds OLD and NEW as well), and
//! parentheses either everywhere an operator is (`pretty` false) or only
//! where precedence needs them (`pretty` true, `isSimpleNode`).
//!
//! What it prints so far: SELECT lists and WHERE clauses over one table or
//! view, made of columns, constants, casts, operators, AND/OR/NOT, IS
//! [NOT] NULL and function calls. [`view_definition`] answers `None` for
//! any other shape (joins, aggregates, ORDER BY, subqueries, ...), and the
//! caller prints the stored text instead.

use crate::format::quote_identifier;
use pg_analyze::query::{BoolOpKind, CmdType, Expr, Query, RangeTblEntry, RteSource};
use pg_error::PgResult;
use pg_types::types::{oid, Oid};
use pg_types::Datum;

/// `PRETTYINDENT_STD`: the indentation step of each clause.
const INDENT_STD: i32 = 8;
/// `PRETTYINDENT_VAR`: the extra indentation of a continued list.
const INDENT_VAR: i32 = 4;

/// The printing state (`deparse_context`).
struct Printer<'a> {
    buf: String,
    indent: i32,
    /// PRETTYFLAG_PAREN: only the parentheses precedence needs.
    pretty: bool,
    /// Columns are qualified by their FROM item (`varprefix`): in views,
    /// not in a constraint's expression.
    qualify: bool,
    rte: &'a RangeTblEntry,
}

/// A CHECK constraint's expression (`conbin`, stored as PostgreSQL's
/// non-pretty text) printed pretty, as `pg_get_constraintdef(oid, true)`
/// does: only the parentheses precedence needs, columns unqualified.
/// `None` when the expression has a node this printer does not handle.
pub(crate) fn pretty_check_expression(conbin: &str, schema: &str, table: &str) -> PgResult<Option<String>> {
    let sql = format!("SELECT {conbin} FROM {}.{}", quote_identifier(schema), quote_identifier(table));
    let settings = crate::exec::output_settings();
    let query = crate::exec::with_analyze_env(&sql, &settings, |env| pg_rewrite::analyze_view_definition(&sql, env))?;
    let (Some(rte), [t]) = (query.rtable.as_ref(), query.target_list.as_slice()) else { return Ok(None) };
    let p = Printer { buf: String::new(), indent: 0, pretty: true, qualify: false, rte };
    p.expr_text(&t.expr, None)
}

/// The definition of view `definition` (its `_RETURN` rule's SELECT text),
/// as `pg_get_viewdef` prints it, with the final `;`; `None` when the
/// query has a shape this printer does not handle yet.
pub(crate) fn view_definition(definition: &str, pretty: bool) -> PgResult<Option<String>> {
    let settings = crate::exec::output_settings();
    let query = crate::exec::with_analyze_env(definition, &settings, |env| {
        pg_rewrite::analyze_view_definition(definition, env)
    })?;
    let Some(mut text) = print_select(&query, pretty)? else { return Ok(None) };
    text.push(';');
    Ok(Some(text))
}

/// `get_basic_select_query` for the shapes described in the module doc.
fn print_select(q: &Query, pretty: bool) -> PgResult<Option<String>> {
    let simple = q.command == CmdType::Select
        && q.modify.is_none()
        && q.row_marks.is_empty()
        && !q.distinct
        && q.sort_clause.is_empty()
        && q.limit_count.is_none()
        && q.limit_offset.is_none()
        && !q.has_aggs
        && q.ctes.is_empty()
        && q.target_list.iter().all(|t| !t.resjunk);
    let Some(rte) = q.rtable.as_ref().filter(|_| simple) else { return Ok(None) };
    if !matches!(rte.source, RteSource::Relation(_) | RteSource::ViewRule { .. }) {
        return Ok(None);
    }
    let mut p = Printer { buf: String::new(), indent: 0, pretty, qualify: true, rte };
    p.indent += INDENT_STD;
    p.buf.push_str(" SELECT");
    let mut sep = " ";
    for (i, t) in q.target_list.iter().enumerate() {
        p.buf.push_str(sep);
        sep = ", ";
        let Some(text) = p.expr_text(&t.expr, None)? else { return Ok(None) };
        let mut field = text;
        // " AS name" unless the column is a Var of that very name.
        let var_name = match &t.expr {
            Expr::Var { attno, .. } => rte.column_origin(*attno).map(|(_, c)| c.name.clone()),
            _ => None,
        };
        if var_name.as_deref() != Some(t.name.as_str()) {
            field.push_str(&format!(" AS {}", quote_identifier(&t.name)));
        }
        // wrapColumn 0: every column after the first starts a new line.
        if i > 0 {
            p.keyword("", -INDENT_STD, INDENT_STD, INDENT_VAR);
        }
        p.buf.push_str(&field);
    }
    p.keyword(" FROM ", -INDENT_STD, INDENT_STD, 2);
    let Some(from) = p.relation_text()? else { return Ok(None) };
    p.buf.push_str(&from);
    if let Some(w) = &q.where_clause {
        p.keyword(" WHERE ", -INDENT_STD, INDENT_STD, 1);
        let Some(text) = p.expr_text(w, None)? else { return Ok(None) };
        p.buf.push_str(&text);
    }
    Ok(Some(p.buf))
}

impl Printer<'_> {
    /// `appendContextKeyword`: a new line indented by the current level
    /// plus `plus`, then `word`, adjusting the level before and after.
    fn keyword(&mut self, word: &str, before: i32, after: i32, plus: i32) {
        self.indent += before;
        let trimmed = self.buf.trim_end_matches(' ').len();
        self.buf.truncate(trimmed);
        self.buf.push('\n');
        let amount = self.indent.max(0) + plus;
        self.buf.push_str(&" ".repeat(amount.max(0) as usize));
        self.buf.push_str(word);
        self.indent = (self.indent + after).max(0);
    }

    /// The FROM item: the relation's name (schema-qualified when the
    /// search path would not find it) and its alias when it has another.
    fn relation_text(&self) -> PgResult<Option<String>> {
        let Some((schema, name)) = &self.rte.relname else { return Ok(None) };
        let relid = match &self.rte.source {
            RteSource::Relation(r) => r.relid,
            RteSource::ViewRule { relid, .. } => *relid,
            _ => return Ok(None),
        };
        let visible = crate::catfuncs::relation_is_visible(relid)?;
        let mut out = if visible {
            quote_identifier(name)
        } else {
            format!("{}.{}", quote_identifier(schema), quote_identifier(name))
        };
        if self.rte.alias != *name {
            out.push(' ');
            out.push_str(&quote_identifier(&self.rte.alias));
        }
        Ok(Some(out))
    }

    /// An expression's text, parenthesised when `parent` needs it
    /// (`get_rule_expr_paren`); `None` for a node this printer does not
    /// handle.
    fn expr_text(&self, e: &Expr, parent: Option<&Expr>) -> PgResult<Option<String>> {
        let Some(text) = self.expr_inner(e)? else { return Ok(None) };
        let need = self.pretty && parent.is_some_and(|p| !is_simple_node(e, p));
        Ok(Some(if need { format!("({text})") } else { text }))
    }

    fn expr_inner(&self, e: &Expr) -> PgResult<Option<String>> {
        let paren = |s: String| if self.pretty { s } else { format!("({s})") };
        Ok(Some(match e {
            Expr::Var { attno, .. } => {
                let Some((item, col)) = self.rte.column_origin(*attno) else { return Ok(None) };
                if self.qualify {
                    format!("{}.{}", quote_identifier(&item.alias), quote_identifier(&col.name))
                } else {
                    quote_identifier(&col.name)
                }
            }
            Expr::Const { value, type_oid, typmod } => {
                let Some(c) = const_text(value, *type_oid, *typmod) else { return Ok(None) };
                c
            }
            Expr::Cast { arg, target, typmod, .. } => {
                let Some(inner) = self.expr_text(arg, Some(e))? else { return Ok(None) };
                let inner = if self.pretty { inner } else { format!("({inner})") };
                format!("{inner}::{}", crate::catfuncs::format_type_sql(*target, Some(*typmod))?)
            }
            Expr::Op { name, args, .. } => match args.as_slice() {
                [l, r] => {
                    let (Some(l), Some(r)) = (self.expr_text(l, Some(e))?, self.expr_text(r, Some(e))?) else {
                        return Ok(None);
                    };
                    paren(format!("{l} {name} {r}"))
                }
                [r] => {
                    let Some(r) = self.expr_text(r, Some(e))? else { return Ok(None) };
                    paren(format!("{name} {r}"))
                }
                _ => return Ok(None),
            },
            Expr::Bool { op: BoolOpKind::Not, args } => {
                let Some(a) = self.expr_text(&args[0], Some(e))? else { return Ok(None) };
                paren(format!("NOT {a}"))
            }
            Expr::Bool { op, args } => {
                let word = if *op == BoolOpKind::And { " AND " } else { " OR " };
                let mut parts = Vec::with_capacity(args.len());
                for a in args {
                    let Some(t) = self.expr_text(a, Some(e))? else { return Ok(None) };
                    parts.push(t);
                }
                paren(parts.join(word))
            }
            Expr::NullTest { arg, not } => {
                let Some(a) = self.expr_text(arg, Some(e))? else { return Ok(None) };
                paren(format!("{a} IS {}NULL", if *not { "NOT " } else { "" }))
            }
            Expr::Func { name, args, .. } => {
                let mut parts = Vec::with_capacity(args.len());
                for a in args {
                    let Some(t) = self.expr_text(a, None)? else { return Ok(None) };
                    parts.push(t);
                }
                format!("{}({})", quote_identifier(name), parts.join(", "))
            }
            _ => return Ok(None),
        }))
    }
}

/// `isSimpleNode` for the nodes this printer handles: whether `node`
/// needs no parentheses as an argument of `parent` in pretty mode.
fn is_simple_node(node: &Expr, parent: &Expr) -> bool {
    match node {
        Expr::Var { .. } | Expr::Const { .. } | Expr::Func { .. } => true,
        Expr::Cast { arg, .. } => is_simple_node(arg, node),
        Expr::Op { name, args, .. } => {
            if let Expr::Op { name: parent_op, args: parent_args, .. } = parent {
                let (lo, hi) = (matches!(name.as_str(), "+" | "-"), matches!(name.as_str(), "*" | "/" | "%"));
                let (plo, phi) =
                    (matches!(parent_op.as_str(), "+" | "-"), matches!(parent_op.as_str(), "*" | "/" | "%"));
                if args.len() != 2 || parent_args.len() != 2 || !(lo || hi) || !(plo || phi) {
                    return false;
                }
                if hi && plo {
                    return true;
                }
                if lo && phi {
                    return false;
                }
                // Same priority: (a - b) - c needs none, a - (b - c) does.
                return std::ptr::eq(node, &parent_args[0]);
            }
            matches!(parent, Expr::Bool { .. } | Expr::Func { .. })
        }
        Expr::Bool { op, .. } => match parent {
            Expr::Bool { op: parent_op, .. } => match op {
                BoolOpKind::Not | BoolOpKind::And => matches!(parent_op, BoolOpKind::And | BoolOpKind::Or),
                BoolOpKind::Or => *parent_op == BoolOpKind::Or,
            },
            Expr::Func { .. } => true,
            _ => false,
        },
        Expr::NullTest { .. } => matches!(parent, Expr::Bool { .. } | Expr::Func { .. }),
        _ => false,
    }
}

/// `get_const_expr`: int4 and positive numerics without decoration, bool
/// as `true`/`false`, everything else quoted with its `::type`.
fn const_text(value: &Datum, type_oid: Oid, typmod: i32) -> Option<String> {
    let type_name = crate::catfuncs::format_type_sql(type_oid, Some(typmod)).ok()?;
    if value.is_null() {
        return Some(format!("NULL::{type_name}"));
    }
    let text = pg_types::output(type_oid, value, &crate::exec::output_settings());
    Some(match type_oid {
        oid::INT4 if !text.starts_with('-') => text,
        oid::NUMERIC if text.starts_with(|c: char| c.is_ascii_digit()) && text.contains('.') => text,
        oid::BOOL => if text == "t" { "true" } else { "false" }.to_string(),
        _ => format!("'{}'::{type_name}", text.replace('\'', "''")),
    })
}
