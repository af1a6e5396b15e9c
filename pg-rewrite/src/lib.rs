//! pg-rewrite: the query rewriter (PostgreSQL's `src/backend/rewrite`):
//! views, stored as `_RETURN` rules in `pg_rewrite`, are expanded into
//! subqueries of the analyzed `Query` before planning.
//!
//! # The life of a view reference
//!
//! 1. `CREATE VIEW v AS SELECT ...` (pg-tcop's utility code) analyzes the
//!    SELECT once to learn its output columns ([`view_columns`]), writes the
//!    relation (`pg_class` relkind `'v'`, `pg_attribute`, the row type) and
//!    one `pg_rewrite` row named `_RETURN` whose `ev_action` holds the
//!    definition as SQL text: the parse tree printed back by pg-parser's
//!    `Display` ([`view_definition_text`]).
//! 2. A query naming `v` is analyzed like a query over a table: the
//!    analyzer makes a range-table entry with the view's columns (from
//!    `pg_attribute`) and the source `RteSource::ViewRule { relid,
//!    definition }`, where the definition came from the relation cache.
//! 3. [`rewrite`] (PostgreSQL's `fireRIRrules` / `ApplyRetrieveRule`) walks
//!    the whole Query tree — FROM items, joins, WITH queries, set-operation
//!    arms and subqueries in expressions — and replaces each such entry by
//!    `RteSource::Subquery` holding the definition parsed and analyzed as
//!    a query level of its own, itself rewritten first (views over views).
//!    The entry keeps the view's column names; the subquery's visible
//!    output columns line up with them one by one, so the outer query's
//!    column references stay valid.
//!
//! # Why SQL text rather than a node tree
//!
//! PostgreSQL stores the analyzed Query as a `pg_node_tree`. Ours holds
//! function pointers and is not serialisable, and re-analysis of the text
//! is cheap next to planning. The price, written down as a difference:
//! the text is re-resolved against the current catalog each time, so a
//! relation named without its schema is looked up through the
//! `search_path` of the query that uses the view, not of the CREATE VIEW.
//! `pg_get_viewdef` (pg-tcop's `ruleutils`) analyzes the text again
//! ([`analyze_view_definition`]) and prints that Query as PostgreSQL does.
//!
//! Dependencies: pg-error, pg-parser (to read a stored definition),
//! pg-types, pg-catalog, pg-analyze (the Query tree and the analyzer that
//! reads a definition).
//! Invariants: rewriting never changes a query's result columns; the
//! rewriter never touches storage or the catalog's tables itself.
//!
//! # For the next session
//!
//! Done: the expansion walk, recursion detection (42P17), the definition
//! text and the view's columns for CREATE VIEW. Not done: rules other
//! than `_RETURN` (CREATE RULE answers 0A000), updatable views (INSERT /
//! UPDATE / DELETE on a view), `security_barrier`/`check_option`, and
//! schema-qualifying the stored text at CREATE VIEW time (see above).
#![forbid(unsafe_code)]

use pg_analyze::query::{Expr, Query, RangeTblEntry, RteSource};
use pg_analyze::AnalyzeEnv;
use pg_catalog::ColumnDef;
use pg_error::{PgError, PgResult, SqlState};
use pg_types::types::Oid;

/// `QueryRewrite` for a SELECT: every view reference in `query`, at any
/// depth, replaced by its definition as a subquery.
pub fn rewrite(mut query: Query, env: &AnalyzeEnv<'_>) -> PgResult<Query> {
    let mut expanding = Vec::new();
    fire_rir_rules(&mut query, env, &mut expanding)?;
    Ok(query)
}

/// `fireRIRrules`: expands the view references of one query level and of
/// every level below it. `expanding` holds the views whose definitions are
/// being expanded around this point, to catch a view that reaches itself.
fn fire_rir_rules(query: &mut Query, env: &AnalyzeEnv<'_>, expanding: &mut Vec<Oid>) -> PgResult<()> {
    pg_error::check_stack_depth()?;
    if let Some(rte) = &mut query.rtable {
        expand_range_entry(rte, env, expanding)?;
    }
    query.map_exprs(&mut |e| expand_sublinks(e, env, expanding))?;
    for child in query.child_queries_mut() {
        fire_rir_rules(child, env, expanding)?;
    }
    Ok(())
}

/// Subqueries in expressions (`EXISTS (SELECT ... FROM v)`) are query
/// levels of their own.
fn expand_sublinks(e: Expr, env: &AnalyzeEnv<'_>, expanding: &mut Vec<Oid>) -> PgResult<Expr> {
    let e = match e {
        Expr::SubLink(mut s) => {
            fire_rir_rules(&mut s.subquery, env, expanding)?;
            Expr::SubLink(s)
        }
        other => other,
    };
    e.map_children(&mut |c| expand_sublinks(c, env, expanding))
}

/// A FROM item: a view reference becomes its definition (`ApplyRetrieveRule`);
/// joins are searched on both sides. Subqueries, WITH queries and set
/// operations are reached through `Query::child_queries_mut`.
fn expand_range_entry(rte: &mut RangeTblEntry, env: &AnalyzeEnv<'_>, expanding: &mut Vec<Oid>) -> PgResult<()> {
    match &mut rte.source {
        RteSource::Join(j) => {
            expand_range_entry(&mut j.left, env, expanding)?;
            expand_range_entry(&mut j.right, env, expanding)
        }
        RteSource::ViewRule { relid, definition } => {
            let relid = *relid;
            let view_name = rte.relname.as_ref().map_or_else(|| rte.alias.clone(), |(_, n)| n.clone());
            if expanding.contains(&relid) {
                return Err(PgError::new(
                    SqlState::INVALID_OBJECT_DEFINITION,
                    format!("infinite recursion detected in rules for relation \"{view_name}\""),
                ));
            }
            let mut view_query = analyze_definition(definition, env, owned_by_superuser(relid))?;
            expanding.push(relid);
            let expanded = fire_rir_rules(&mut view_query, env, expanding);
            expanding.pop();
            expanded?;
            let produced = view_query.output_columns().count();
            if produced != rte.columns.len() {
                // DROP COLUMN and ALTER COLUMN TYPE refuse on a column a
                // view uses, so the catalog and the definition agree.
                return Err(PgError::internal(format!(
                    "view \"{view_name}\" has {} columns but its definition produces {produced}",
                    rte.columns.len()
                )));
            }
            rte.source = RteSource::Subquery(Box::new(view_query));
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Parses and analyzes a stored definition as a query level of its own.
/// Errors inside it carry no cursor position: it would point into text
/// the client never sent.
fn analyze_definition(definition: &str, env: &AnalyzeEnv<'_>, as_superuser: bool) -> PgResult<Query> {
    let strip = |mut e: PgError| {
        e.position = None;
        e
    };
    let stmts = pg_parser::parse(definition).map_err(strip)?;
    let [stmt] = stmts.as_slice() else {
        return Err(PgError::internal(format!("a view's definition must be one statement: {definition}")));
    };
    let view_env = AnalyzeEnv {
        sql: definition,
        catalog: env.catalog,
        search_path: env.search_path,
        session_user: env.session_user,
        settings: env.settings,
        // The relations a view reads are checked with its owner's
        // privileges, as PostgreSQL does: a superuser's view (every system
        // view) may read what its readers may not (pg_roles over pg_authid).
        has_privs_of_role: if as_superuser { &|_| true } else { env.has_privs_of_role },
    };
    pg_analyze::analyze(stmt, &view_env).map_err(strip)
}

/// A view's stored definition analyzed as its own query level, views in
/// it left unexpanded: what `pg_get_viewdef` prints. Privileges are not
/// checked, as printing a definition reads no rows.
pub fn analyze_view_definition(definition: &str, env: &AnalyzeEnv<'_>) -> PgResult<Query> {
    analyze_definition(definition, env, true)
}

/// Whether view `relid` belongs to a superuser.
fn owned_by_superuser(relid: pg_types::Oid) -> bool {
    pg_catalog::relcache::relation_id_get_relation(relid)
        .ok()
        .flatten()
        .and_then(|v| pg_catalog::roles::role_by_oid(v.owner).ok().flatten())
        .is_some_and(|r| r.superuser)
}

/// The views and tables an analyzed (not yet rewritten) query reads at
/// any depth, by OID: what a new view's `_RETURN` rule depends on in
/// `pg_depend` (on the whole relation; PostgreSQL records each column).
pub fn views_read(query: &Query) -> Vec<Oid> {
    fn rte(r: &RangeTblEntry, out: &mut Vec<Oid>) {
        match &r.source {
            RteSource::ViewRule { relid, .. } if !out.contains(relid) => out.push(*relid),
            RteSource::Relation(r) if !out.contains(&r.relid) => out.push(r.relid),
            RteSource::Join(j) => {
                rte(&j.left, out);
                rte(&j.right, out);
            }
            _ => {}
        }
    }
    fn level(q: &mut Query, out: &mut Vec<Oid>) {
        if let Some(r) = &q.rtable {
            rte(r, out);
        }
        let _ = q.map_exprs(&mut |e| {
            e.walk(&mut |x| {
                if let Expr::SubLink(s) = x {
                    level(&mut s.subquery.clone(), out);
                }
            });
            Ok(e)
        });
        for c in q.child_queries_mut() {
            level(c, out);
        }
    }
    let mut out = Vec::new();
    level(&mut query.clone(), &mut out);
    out
}

/// The text kept in `pg_rewrite.ev_action` for a view's SELECT: the parse
/// tree printed by pg-parser, which parses back to the same tree.
pub fn view_definition_text(select: &pg_parser::ast::Stmt) -> String {
    select.to_string()
}

/// The columns of a view defined by `query` (`DefineView`'s column list):
/// the query's visible output columns, renamed by the column names the
/// CREATE VIEW gave (`CREATE VIEW v (a, b) AS ...`), with PostgreSQL's
/// errors for too many names (42601) and a name used twice (42701).
pub fn view_columns(query: &Query, aliases: &[String]) -> PgResult<Vec<ColumnDef>> {
    let outputs: Vec<_> = query.output_columns().collect();
    if aliases.len() > outputs.len() {
        return Err(PgError::new(SqlState::SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns"));
    }
    let mut columns: Vec<ColumnDef> = Vec::with_capacity(outputs.len());
    for (i, t) in outputs.iter().enumerate() {
        let name = aliases.get(i).cloned().unwrap_or_else(|| t.name.clone());
        if columns.iter().any(|c| c.name == name) {
            return Err(PgError::new(
                SqlState::DUPLICATE_COLUMN,
                format!("column \"{name}\" specified more than once"),
            ));
        }
        // A column of type unknown (`SELECT 'x'`) becomes text, as
        // PostgreSQL 10 and later do for views.
        let type_oid = match t.expr.type_oid() {
            pg_types::types::oid::UNKNOWN => pg_types::types::oid::TEXT,
            other => other,
        };
        columns.push(ColumnDef { name, type_oid, typmod: t.expr.typmod() });
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_catalog::{Catalog, NamespaceInfo, RelationInfo, RelationSource};
    use pg_types::io::OutputSettings;

    /// The built-in catalog plus views in `public`, each `(name, columns,
    /// definition)`, as the heap catalog would describe them.
    /// A view's name, its columns (name, type) and its definition.
    type TestView = (&'static str, Vec<(&'static str, Oid)>, &'static str);

    struct ViewCatalog(Vec<TestView>);

    impl Catalog for ViewCatalog {
        fn namespace_by_name(&self, name: &str) -> Option<NamespaceInfo> {
            pg_catalog::BuiltinCatalog.namespace_by_name(name)
        }
        fn relation(&self, namespace: Oid, name: &str) -> Option<RelationInfo> {
            if namespace != pg_catalog::PG_PUBLIC_NAMESPACE {
                return pg_catalog::BuiltinCatalog.relation(namespace, name);
            }
            let (i, (view, columns, definition)) = self.0.iter().enumerate().find(|(_, v)| v.0 == name)?;
            Some(RelationInfo {
                oid: 16384 + i as Oid,
                name: view.to_string(),
                namespace,
                kind: pg_catalog::RelKind::View,
                persistence: pg_catalog::Persistence::Permanent,
                columns: columns
                    .iter()
                    .map(|&(n, t)| ColumnDef { name: n.to_string(), type_oid: t, typmod: -1 })
                    .collect(),
                source: RelationSource::View { definition: definition.to_string() },
                select_privilege: pg_catalog::SelectPrivilege::Public,
            })
        }
    }

    fn catalog() -> ViewCatalog {
        use pg_types::types::oid::{INT4, TEXT};
        ViewCatalog(vec![
            ("v1", vec![("a", INT4), ("b", INT4)], "SELECT g AS a, g * 2 AS b FROM generate_series(1, 3) AS g"),
            ("v2", vec![("b", INT4)], "SELECT b FROM v1 WHERE a > 1"),
            ("loop1", vec![("x", INT4)], "SELECT x FROM loop2"),
            ("loop2", vec![("x", INT4)], "SELECT x FROM loop1"),
            ("bad", vec![("t", TEXT)], "SELECT nosuch FROM v1"),
        ])
    }

    /// Runs `f` with a superuser's environment over [`catalog`], `public`
    /// on the search path.
    fn with_env<R>(sql: &str, f: impl FnOnce(&AnalyzeEnv<'_>) -> R) -> R {
        let settings = OutputSettings::default();
        let catalog = catalog();
        let path = ["public".to_string()];
        f(&AnalyzeEnv {
            sql,
            catalog: &catalog,
            search_path: &path,
            session_user: "postgres",
            settings: &settings,
            has_privs_of_role: &|_| true,
        })
    }

    fn analyzed(sql: &str, env: &AnalyzeEnv<'_>) -> PgResult<Query> {
        let stmts = pg_parser::parse(sql).expect("parses");
        pg_analyze::analyze(&stmts[0], env)
    }

    fn rewritten(sql: &str) -> PgResult<Query> {
        with_env(sql, |env| rewrite(analyzed(sql, env)?, env))
    }

    /// Whether any FROM item, at any depth, is still a view reference.
    fn has_view_rule(q: &mut Query) -> bool {
        fn rte(r: &RangeTblEntry) -> bool {
            match &r.source {
                RteSource::ViewRule { .. } => true,
                RteSource::Join(j) => rte(&j.left) || rte(&j.right),
                _ => false,
            }
        }
        let mut found = q.rtable.as_ref().is_some_and(rte);
        let _ = q.map_exprs(&mut |e| {
            e.walk(&mut |x| {
                if let Expr::SubLink(s) = x {
                    found |= has_view_rule(&mut s.subquery.clone());
                }
            });
            Ok(e)
        });
        found || q.child_queries_mut().into_iter().any(has_view_rule)
    }

    #[test]
    fn views_become_subqueries_at_every_depth() {
        for sql in [
            "SELECT * FROM v2",
            "SELECT x.b, y.a FROM v2 x JOIN v1 y ON x.b = y.b",
            "SELECT 1 WHERE EXISTS (SELECT 1 FROM v2)",
            "WITH w AS (SELECT * FROM v1) SELECT * FROM w UNION SELECT a, b FROM (SELECT * FROM v1) s",
        ] {
            let mut q = rewritten(sql).unwrap_or_else(|e| panic!("{sql}: {}", e.message));
            assert!(!has_view_rule(&mut q), "{sql}: a view reference is left");
        }
        // v2 over v1: the outer entry keeps the view's name and columns.
        let q = rewritten("SELECT * FROM v2").unwrap();
        let rte = q.rtable.as_ref().unwrap();
        assert_eq!(rte.alias, "v2");
        assert_eq!(rte.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["b"]);
        let RteSource::Subquery(inner) = &rte.source else { panic!("v2 is not a subquery") };
        assert!(matches!(inner.rtable.as_ref().unwrap().source, RteSource::Subquery(_)), "v1 inside v2");
    }

    /// What a view's rule depends on: the views its query names directly.
    #[test]
    fn views_read_before_rewriting() {
        let sql = "SELECT * FROM v2 WHERE EXISTS (SELECT 1 FROM v1 JOIN v2 USING (b))";
        let q = with_env(sql, |env| analyzed(sql, env)).unwrap();
        assert_eq!(views_read(&q), vec![16385, 16384]);
    }

    #[test]
    fn errors_of_view_expansion() {
        let err = rewritten("SELECT * FROM loop1").unwrap_err();
        assert_eq!(err.code, SqlState::INVALID_OBJECT_DEFINITION);
        assert_eq!(err.message, "infinite recursion detected in rules for relation \"loop1\"");
        // An error inside a definition points nowhere in the user's query.
        let err = rewritten("SELECT * FROM bad").unwrap_err();
        assert_eq!(err.code, SqlState::UNDEFINED_COLUMN);
        assert_eq!(err.position, None);
    }

    #[test]
    fn view_columns_take_the_names_given() {
        let q = rewritten("SELECT a, b, 'x' AS c FROM v1").unwrap();
        let cols = view_columns(&q, &["p".to_string()]).unwrap();
        let shown: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.type_oid)).collect();
        use pg_types::types::oid::{INT4, TEXT};
        assert_eq!(shown, [("p", INT4), ("b", INT4), ("c", TEXT)]);
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let err = view_columns(&q, &names(&["a", "b", "c", "d"])).unwrap_err();
        assert_eq!(err.message, "CREATE VIEW specifies more column names than columns");
        let err = view_columns(&q, &names(&["b"])).unwrap_err();
        assert_eq!(
            (err.code, err.message.as_str()),
            (SqlState::DUPLICATE_COLUMN, "column \"b\" specified more than once")
        );
    }

    /// The stored text parses back to a statement that prints the same.
    #[test]
    fn definition_text_round_trips() {
        let sql = "SELECT a, count(*) FROM v1 WHERE b > 2 GROUP BY a ORDER BY 1 DESC";
        let stmt = &pg_parser::parse(sql).unwrap()[0].stmt;
        let text = view_definition_text(stmt);
        let again = &pg_parser::parse(&text).unwrap()[0].stmt;
        assert_eq!(view_definition_text(again), text);
    }
}
