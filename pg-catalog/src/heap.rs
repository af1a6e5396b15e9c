//! Creating and dropping relations in the catalogs (PostgreSQL's
//! `catalog/heap.c`: `heap_create_with_catalog`, `AddRelationNewConstraints`,
//! `StoreAttrDefault`, `heap_drop_with_catalog`; with the row shapes of
//! `pg_type.c`, `pg_constraint.c`, `pg_depend.c` and `rewriteDefine.c`).
//!
//! [`relation_rows`] turns a [`NewRelation`] and its OIDs into every
//! catalog row PostgreSQL 15 writes for it, as PostgreSQL lays them out:
//! the `pg_class` row; the `pg_attribute` rows of the user columns and,
//! for a table, of the six system columns; the row type and its array type
//! in `pg_type`; one `pg_attrdef` row per DEFAULT; one `pg_constraint` row
//! per CHECK (NOT NULL is `attnotnull`, as in PostgreSQL 15); a view's
//! `_RETURN` rule in `pg_rewrite`; and the `pg_depend` / `pg_shdepend`
//! rows that tie them together. It is pure, so the row layout is tested
//! without storage. [`heap_create_with_catalog`] checks the names,
//! allocates the OIDs in PostgreSQL's order (relation, row type, array
//! type, defaults, constraints, rule) and inserts the rows.
//!
//! Expressions (`pg_attrdef.adbin`, `pg_constraint.conbin`,
//! `pg_rewrite.ev_action`) are stored as SQL text, printed by pg-parser
//! from the parse tree, not as PostgreSQL's node trees; whoever evaluates
//! them parses and analyzes the text (see pg-rewrite's crate doc).
//!
//! The relation's file is not made here: the caller creates the storage
//! (`relstorage`) for a relation that has some, so that this module stays
//! free of the storage manager.

use crate::catdef::{
    self, pg_attrdef, pg_attribute, pg_authid, pg_class, pg_constraint, pg_depend, pg_namespace, pg_rewrite,
    pg_shdepend, pg_type,
};
use crate::{Persistence, RelKind, BOOTSTRAP_SUPERUSER_ID};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::{Datum, Oid};

/// PostgreSQL's `MaxHeapAttributeNumber`.
pub const MAX_HEAP_ATTRIBUTE_NUMBER: usize = 1600;

/// `pg_depend.deptype` values.
pub mod deptype {
    /// `DEPENDENCY_NORMAL`.
    pub const NORMAL: u8 = b'n';
    /// `DEPENDENCY_AUTO`.
    pub const AUTO: u8 = b'a';
    /// `DEPENDENCY_INTERNAL`.
    pub const INTERNAL: u8 = b'i';
}

/// A column of a relation being created.
#[derive(Clone, Debug, PartialEq)]
pub struct NewColumn {
    /// `attname`.
    pub name: String,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod` (-1 for none).
    pub typmod: i32,
    /// `attndims`: how many `[]` the type was written with.
    pub ndims: i32,
    /// `attnotnull`.
    pub not_null: bool,
    /// The DEFAULT expression as SQL text.
    pub default: Option<String>,
}

/// A CHECK constraint of a relation being created, already named.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCheck {
    /// `conname`.
    pub name: String,
    /// The expression as SQL text (`conbin`).
    pub expr: String,
    /// The columns (attnums) it reads, for `conkey` and its dependencies.
    pub columns: Vec<i16>,
    /// `NO INHERIT`.
    pub no_inherit: bool,
}

/// A relation to create (`heap_create_with_catalog`'s arguments).
#[derive(Clone, Debug, PartialEq)]
pub struct NewRelation {
    /// `relname`.
    pub name: String,
    /// `relnamespace`.
    pub namespace: Oid,
    /// `relkind`: a table or a view.
    pub kind: RelKind,
    /// `relpersistence`.
    pub persistence: Persistence,
    /// `relowner`.
    pub owner: Oid,
    /// The columns in order.
    pub columns: Vec<NewColumn>,
    /// The CHECK constraints.
    pub checks: Vec<NewCheck>,
    /// For a view: its query as SQL text and the relations (with the
    /// columns, 0 for the whole relation) it reads, for `pg_depend`.
    pub view: Option<ViewRule>,
}

/// A view's `_RETURN` rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRule {
    /// `ev_action`: the SELECT as SQL text.
    pub definition: String,
    /// What the query reads: (relation OID, attnum or 0).
    pub reads: Vec<(Oid, i16)>,
}

/// The OIDs of the objects a [`NewRelation`] makes, in PostgreSQL's
/// allocation order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationOids {
    /// `pg_class.oid`; also the `relfilenode` of a table.
    pub relid: Oid,
    /// The row type.
    pub rowtype: Oid,
    /// The row type's array type.
    pub array_type: Oid,
    /// One per column with a DEFAULT, in column order.
    pub defaults: Vec<Oid>,
    /// One per CHECK constraint.
    pub checks: Vec<Oid>,
    /// The `_RETURN` rule of a view.
    pub rule: Option<Oid>,
}

/// Every catalog row of a new relation: (catalog OID, row).
pub type CatalogRows = Vec<(Oid, Vec<Datum>)>;

fn text(s: &str) -> Datum {
    Datum::Text(s.to_string())
}

/// `relfrozenxid` of a new table: the first normal transaction id (rows
/// are never frozen with 64-bit xids; PostgreSQL puts RecentXmin here).
const NEW_TABLE_FROZEN_XID: u32 = 3;

/// `typcollation` of a column type: `C` for `name`, `default` for the
/// other string types and their arrays, none otherwise.
pub fn column_collation(type_oid: Oid) -> Oid {
    let base = pg_types::types::element_type_of(type_oid).unwrap_or(type_oid);
    match catdef::lookup_type(base) {
        Some(t) if t.oid == pg_types::oid::NAME => crate::bootstrap::C_COLLATION_OID,
        Some(t) if t.category == b'S' => crate::bootstrap::DEFAULT_COLLATION_OID,
        _ => 0,
    }
}

fn depend_row(
    classid: Oid,
    objid: Oid,
    objsubid: i32,
    refclassid: Oid,
    refobjid: Oid,
    refsub: i32,
    dep: u8,
) -> Vec<Datum> {
    let mut r = catdef::new_row(&pg_depend::DEF);
    r[pg_depend::CLASSID] = Datum::Oid(classid);
    r[pg_depend::OBJID] = Datum::Oid(objid);
    r[pg_depend::OBJSUBID] = Datum::Int4(objsubid);
    r[pg_depend::REFCLASSID] = Datum::Oid(refclassid);
    r[pg_depend::REFOBJID] = Datum::Oid(refobjid);
    r[pg_depend::REFOBJSUBID] = Datum::Int4(refsub);
    r[pg_depend::DEPTYPE] = Datum::Char(dep);
    r
}

/// The rows PostgreSQL 15 writes for `rel` with the OIDs `oids`, in the
/// order it writes them. `database` is the current database (for
/// `pg_shdepend`).
pub fn relation_rows(rel: &NewRelation, oids: &RelationOids, database: Oid) -> PgResult<CatalogRows> {
    let is_table = rel.kind == RelKind::Table;
    let mut out: CatalogRows = Vec::new();

    // pg_type: the row type, then its array type (AddNewRelationType).
    let [mut rowtype, mut array] =
        crate::bootstrap::rowtype_rows(oids.relid, &rel.name, rel.namespace, oids.rowtype, oids.array_type);
    for r in [&mut rowtype, &mut array] {
        r[pg_type::TYPOWNER] = Datum::Oid(rel.owner);
    }
    out.push((pg_type::RELATION_ID, rowtype));
    out.push((pg_type::RELATION_ID, array));

    // pg_class.
    let mut c = catdef::new_row(&pg_class::DEF);
    c[pg_class::OID] = Datum::Oid(oids.relid);
    c[pg_class::RELNAME] = text(&rel.name);
    c[pg_class::RELNAMESPACE] = Datum::Oid(rel.namespace);
    c[pg_class::RELTYPE] = Datum::Oid(oids.rowtype);
    c[pg_class::RELOWNER] = Datum::Oid(rel.owner);
    c[pg_class::RELAM] = Datum::Oid(if is_table { crate::bootstrap::HEAP_TABLE_AM_OID } else { 0 });
    c[pg_class::RELFILENODE] = Datum::Oid(if is_table { oids.relid } else { 0 });
    c[pg_class::RELTABLESPACE] = Datum::Oid(0);
    c[pg_class::RELPAGES] = Datum::Int4(0);
    c[pg_class::RELTUPLES] = Datum::Float4(-1.0);
    c[pg_class::RELALLVISIBLE] = Datum::Int4(0);
    c[pg_class::RELPERSISTENCE] = Datum::Char(rel.persistence.as_char());
    c[pg_class::RELKIND] = Datum::Char(rel.kind.as_char());
    c[pg_class::RELNATTS] = Datum::Int2(rel.columns.len() as i16);
    c[pg_class::RELCHECKS] = Datum::Int2(rel.checks.len() as i16);
    c[pg_class::RELHASRULES] = Datum::Bool(rel.view.is_some());
    c[pg_class::RELISPOPULATED] = Datum::Bool(true);
    c[pg_class::RELREPLIDENT] = Datum::Char(if is_table { b'd' } else { b'n' });
    c[pg_class::RELFROZENXID] = Datum::Xid(if is_table { NEW_TABLE_FROZEN_XID } else { 0 });
    c[pg_class::RELMINMXID] = Datum::Xid(u32::from(is_table));
    out.push((pg_class::RELATION_ID, c));

    // pg_attribute: the user columns, then a table's system columns.
    for (i, col) in rel.columns.iter().enumerate() {
        out.push((pg_attribute::RELATION_ID, attribute_row(oids.relid, i as i16 + 1, col)?));
    }
    if is_table {
        for a in crate::bootstrap::system_attribute_rows(oids.relid) {
            out.push((pg_attribute::RELATION_ID, a));
        }
    }

    // pg_depend: relation -> schema, row type -> relation, array -> row type.
    out.push((
        pg_depend::RELATION_ID,
        depend_row(pg_class::RELATION_ID, oids.relid, 0, pg_namespace::RELATION_ID, rel.namespace, 0, deptype::NORMAL),
    ));
    out.push((
        pg_depend::RELATION_ID,
        depend_row(pg_type::RELATION_ID, oids.rowtype, 0, pg_class::RELATION_ID, oids.relid, 0, deptype::INTERNAL),
    ));
    out.push((
        pg_depend::RELATION_ID,
        depend_row(pg_type::RELATION_ID, oids.array_type, 0, pg_type::RELATION_ID, oids.rowtype, 0, deptype::INTERNAL),
    ));
    // The owner, unless it is the bootstrap superuser (pinned, as in
    // PostgreSQL, which records no dependency on pinned objects).
    if rel.owner != BOOTSTRAP_SUPERUSER_ID {
        for (classid, objid) in [
            (pg_class::RELATION_ID, oids.relid),
            (pg_type::RELATION_ID, oids.rowtype),
            (pg_type::RELATION_ID, oids.array_type),
        ] {
            let mut s = catdef::new_row(&pg_shdepend::DEF);
            s[pg_shdepend::DBID] = Datum::Oid(database);
            s[pg_shdepend::CLASSID] = Datum::Oid(classid);
            s[pg_shdepend::OBJID] = Datum::Oid(objid);
            s[pg_shdepend::OBJSUBID] = Datum::Int4(0);
            s[pg_shdepend::REFCLASSID] = Datum::Oid(pg_authid::RELATION_ID);
            s[pg_shdepend::REFOBJID] = Datum::Oid(rel.owner);
            s[pg_shdepend::DEPTYPE] = Datum::Char(b'o');
            out.push((pg_shdepend::RELATION_ID, s));
        }
    }

    // pg_attrdef, each auto-dependent on its column (StoreAttrDefault).
    let with_default = rel.columns.iter().enumerate().filter_map(|(i, c)| c.default.as_ref().map(|d| (i, d)));
    if with_default.clone().count() != oids.defaults.len() {
        return Err(PgError::internal("one OID per column default expected"));
    }
    for ((i, expr), &oid) in with_default.zip(&oids.defaults) {
        let mut d = catdef::new_row(&pg_attrdef::DEF);
        d[pg_attrdef::OID] = Datum::Oid(oid);
        d[pg_attrdef::ADRELID] = Datum::Oid(oids.relid);
        d[pg_attrdef::ADNUM] = Datum::Int2(i as i16 + 1);
        d[pg_attrdef::ADBIN] = text(expr);
        out.push((pg_attrdef::RELATION_ID, d));
        out.push((
            pg_depend::RELATION_ID,
            depend_row(pg_attrdef::RELATION_ID, oid, 0, pg_class::RELATION_ID, oids.relid, i as i32 + 1, deptype::AUTO),
        ));
    }

    // pg_constraint for CHECK (CreateConstraintEntry + the expression's
    // dependencies): auto on each column of conkey, normal on each column
    // the expression reads.
    if rel.checks.len() != oids.checks.len() {
        return Err(PgError::internal("one OID per CHECK constraint expected"));
    }
    for (check, &oid) in rel.checks.iter().zip(&oids.checks) {
        out.extend(check_rows(oids.relid, rel.namespace, check, oid));
    }

    // A view's _RETURN rule: internal on the view, normal on what it reads.
    if let Some(view) = &rel.view {
        let oid = oids.rule.ok_or_else(|| PgError::internal("a view needs its rule's OID"))?;
        let mut w = catdef::new_row(&pg_rewrite::DEF);
        w[pg_rewrite::OID] = Datum::Oid(oid);
        w[pg_rewrite::RULENAME] = text("_RETURN");
        w[pg_rewrite::EV_CLASS] = Datum::Oid(oids.relid);
        w[pg_rewrite::EV_TYPE] = Datum::Char(b'1');
        w[pg_rewrite::EV_ENABLED] = Datum::Char(b'O');
        w[pg_rewrite::IS_INSTEAD] = Datum::Bool(true);
        w[pg_rewrite::EV_QUAL] = text("<>");
        w[pg_rewrite::EV_ACTION] = text(&view.definition);
        out.push((pg_rewrite::RELATION_ID, w));
        out.push((
            pg_depend::RELATION_ID,
            depend_row(pg_rewrite::RELATION_ID, oid, 0, pg_class::RELATION_ID, oids.relid, 0, deptype::INTERNAL),
        ));
        out.extend(rule_read_depends(oid, &view.reads));
    }
    Ok(out)
}

/// The `pg_constraint` row of CHECK constraint `check` (OID `oid`) on
/// relation `relid`, and its dependencies: automatic on each column of
/// `conkey`, normal on each column the expression reads
/// (`CreateConstraintEntry` + `recordDependencyOnSingleRelExpr`).
pub fn check_rows(relid: Oid, namespace: Oid, check: &NewCheck, oid: Oid) -> CatalogRows {
    let mut out = Vec::new();
    let mut k = catdef::new_row(&pg_constraint::DEF);
    k[pg_constraint::OID] = Datum::Oid(oid);
    k[pg_constraint::CONNAME] = text(&check.name);
    k[pg_constraint::CONNAMESPACE] = Datum::Oid(namespace);
    k[pg_constraint::CONTYPE] = Datum::Char(b'c');
    k[pg_constraint::CONDEFERRABLE] = Datum::Bool(false);
    k[pg_constraint::CONDEFERRED] = Datum::Bool(false);
    k[pg_constraint::CONVALIDATED] = Datum::Bool(true);
    k[pg_constraint::CONRELID] = Datum::Oid(relid);
    k[pg_constraint::CONFUPDTYPE] = Datum::Char(b' ');
    k[pg_constraint::CONFDELTYPE] = Datum::Char(b' ');
    k[pg_constraint::CONFMATCHTYPE] = Datum::Char(b' ');
    k[pg_constraint::CONISLOCAL] = Datum::Bool(true);
    k[pg_constraint::CONNOINHERIT] = Datum::Bool(check.no_inherit);
    if !check.columns.is_empty() {
        k[pg_constraint::CONKEY] = Datum::Array(check.columns.iter().map(|&n| Datum::Int2(n)).collect());
    }
    k[pg_constraint::CONBIN] = text(&check.expr);
    out.push((pg_constraint::RELATION_ID, k));
    for &attnum in &check.columns {
        for dep in [deptype::AUTO, deptype::NORMAL] {
            out.push((
                pg_depend::RELATION_ID,
                depend_row(pg_constraint::RELATION_ID, oid, 0, pg_class::RELATION_ID, relid, attnum.into(), dep),
            ));
        }
    }
    out
}

/// The `pg_attribute` row of user column `col`, number `attnum`, of
/// relation `relid` (also ALTER TABLE ADD COLUMN's and CREATE OR REPLACE
/// VIEW's new columns).
pub fn attribute_row(relid: Oid, attnum: i16, col: &NewColumn) -> PgResult<Vec<Datum>> {
    let t = catdef::lookup_type(col.type_oid).ok_or_else(|| {
        PgError::new(SqlState::UNDEFINED_OBJECT, format!("type with OID {} does not exist", col.type_oid))
    })?;
    let mut a = catdef::new_row(&pg_attribute::DEF);
    a[pg_attribute::ATTRELID] = Datum::Oid(relid);
    a[pg_attribute::ATTNAME] = text(&col.name);
    a[pg_attribute::ATTTYPID] = Datum::Oid(col.type_oid);
    a[pg_attribute::ATTSTATTARGET] = Datum::Int4(-1);
    a[pg_attribute::ATTLEN] = Datum::Int2(t.len);
    a[pg_attribute::ATTNUM] = Datum::Int2(attnum);
    a[pg_attribute::ATTNDIMS] = Datum::Int4(col.ndims);
    a[pg_attribute::ATTCACHEOFF] = Datum::Int4(-1);
    a[pg_attribute::ATTTYPMOD] = Datum::Int4(col.typmod);
    a[pg_attribute::ATTBYVAL] = Datum::Bool(t.byval);
    a[pg_attribute::ATTALIGN] = Datum::Char(t.align);
    a[pg_attribute::ATTSTORAGE] = Datum::Char(catdef::type_storage(t));
    a[pg_attribute::ATTCOMPRESSION] = Datum::Char(0);
    a[pg_attribute::ATTNOTNULL] = Datum::Bool(col.not_null);
    a[pg_attribute::ATTHASDEF] = Datum::Bool(col.default.is_some());
    a[pg_attribute::ATTIDENTITY] = Datum::Char(0);
    a[pg_attribute::ATTGENERATED] = Datum::Char(0);
    a[pg_attribute::ATTISLOCAL] = Datum::Bool(true);
    a[pg_attribute::ATTCOLLATION] = Datum::Oid(column_collation(col.type_oid));
    Ok(a)
}

/// The `pg_depend` rows of a view's `_RETURN` rule `rule` on what it
/// reads: (relation, attnum or 0), normal dependencies.
pub fn rule_read_depends(rule: Oid, reads: &[(Oid, i16)]) -> CatalogRows {
    reads
        .iter()
        .map(|&(relid, attnum)| {
            let row = depend_row(
                pg_rewrite::RELATION_ID,
                rule,
                0,
                pg_class::RELATION_ID,
                relid,
                attnum.into(),
                deptype::NORMAL,
            );
            (pg_depend::RELATION_ID, row)
        })
        .collect()
}

/// The checks `heap_create_with_catalog` makes before it writes anything:
/// column names unique (42701), at most 1600 columns (54011), no column of
/// a pseudo-type (42P16).
pub fn check_new_columns(columns: &[NewColumn]) -> PgResult<()> {
    if columns.len() > MAX_HEAP_ATTRIBUTE_NUMBER {
        return Err(PgError::new(
            SqlState::TOO_MANY_COLUMNS,
            format!("tables can have at most {MAX_HEAP_ATTRIBUTE_NUMBER} columns"),
        ));
    }
    for (i, c) in columns.iter().enumerate() {
        if columns[..i].iter().any(|p| p.name == c.name) {
            return Err(PgError::new(
                SqlState::DUPLICATE_COLUMN,
                format!("column \"{}\" specified more than once", c.name),
            ));
        }
        if catdef::lookup_type(c.type_oid).is_some_and(|t| t.typtype == b'p') {
            return Err(PgError::new(
                SqlState::INVALID_TABLE_DEFINITION,
                format!("column \"{}\" has pseudo-type {}", c.name, pg_types::format_type(c.type_oid, -1)),
            ));
        }
    }
    Ok(())
}

/// Whether a relation called `name` already exists in `namespace`, and if
/// not, whether its row type's name is taken by a type (PostgreSQL's
/// 42710 with the hint about the associated type).
pub fn check_relation_name_free(namespace: Oid, name: &str) -> PgResult<()> {
    if crate::syscache::class_by_name(namespace, name)?.is_some() {
        return Err(PgError::new(SqlState::DUPLICATE_TABLE, format!("relation \"{name}\" already exists")));
    }
    if crate::syscache::type_by_name(namespace, name)?.is_some() {
        return Err(PgError::new(SqlState::DUPLICATE_OBJECT, format!("type \"{name}\" already exists")).with_hint(
            "A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.",
        ));
    }
    Ok(())
}

/// `heap_create_with_catalog`: checks the new relation, allocates its OIDs
/// with `new_oid` (the transaction manager's `GetNewObjectId`) in
/// PostgreSQL's order and writes its catalog rows. Returns the OIDs; the
/// caller creates a table's storage (relfilenode = relid) and calls
/// `CommandCounterIncrement` before using the relation.
pub fn heap_create_with_catalog(
    rel: &NewRelation,
    database: Oid,
    new_oid: &mut dyn FnMut() -> PgResult<Oid>,
) -> PgResult<RelationOids> {
    check_new_columns(&rel.columns)?;
    check_relation_name_free(rel.namespace, &rel.name)?;
    let relid = new_oid()?;
    let rowtype = new_oid()?;
    let array_type = new_oid()?;
    let defaults = rel.columns.iter().filter(|c| c.default.is_some()).map(|_| new_oid()).collect::<PgResult<_>>()?;
    let checks = rel.checks.iter().map(|_| new_oid()).collect::<PgResult<_>>()?;
    let rule = rel.view.as_ref().map(|_| new_oid()).transpose()?;
    let oids = RelationOids { relid, rowtype, array_type, defaults, checks, rule };
    for (catalog, row) in relation_rows(rel, &oids, database)? {
        crate::indexing::catalog_tuple_insert(catalog, &row)?;
    }
    Ok(oids)
}

/// `ChooseConstraintName(relname, colname, "check", ...)`: `t_a_check`
/// for a CHECK over one column, `t_check` otherwise, with 1, 2, ...
/// appended until the name is not in `taken`; the parts are shortened so
/// the name fits in 63 bytes, as `makeObjectName` does.
pub fn choose_check_name(relname: &str, column: Option<&str>, taken: &[String]) -> String {
    let mut pass = 0;
    loop {
        let label = if pass == 0 { "check".to_string() } else { format!("check{pass}") };
        let name = make_object_name(relname, column, &label);
        if !taken.contains(&name) {
            return name;
        }
        pass += 1;
    }
}

/// `makeObjectName(name1, name2, label)`: `name1_name2_label`, the longer
/// of the two names shortened first until it fits in NAMEDATALEN - 1.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    const MAX: usize = 63;
    let mut n1 = name1.len();
    let mut n2 = name2.map_or(0, str::len);
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    while n1 + n2 + overhead > MAX {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let clip = |s: &str, n: usize| {
        let mut end = n;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    };
    let mut out = clip(name1, n1);
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(&clip(n, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_types::oid::{INT4, NUMERIC, VARCHAR};

    fn col(name: &str, type_oid: Oid, typmod: i32) -> NewColumn {
        NewColumn { name: name.into(), type_oid, typmod, ndims: 0, not_null: false, default: None }
    }

    /// `create table t (a int default 1 check (a > 0), b varchar(10) not
    /// null, c numeric(10,2), check (c > a))` and `create view v as select
    /// a, b from t`, compared with what PostgreSQL 15 wrote for them
    /// (pg_class, pg_depend, pg_constraint, pg_attribute columns).
    #[test]
    fn rows_of_a_table_and_a_view_match_postgres() {
        let mut a = col("a", INT4, -1);
        a.default = Some("1".into());
        let mut b = col("b", VARCHAR, 14);
        b.not_null = true;
        let t = NewRelation {
            name: "t".into(),
            namespace: crate::PG_PUBLIC_NAMESPACE,
            kind: RelKind::Table,
            persistence: Persistence::Permanent,
            owner: BOOTSTRAP_SUPERUSER_ID,
            columns: vec![a, b, col("c", NUMERIC, 655366)],
            checks: vec![
                NewCheck { name: "t_a_check".into(), expr: "a > 0".into(), columns: vec![1], no_inherit: false },
                NewCheck { name: "t_check".into(), expr: "c > a".into(), columns: vec![3, 1], no_inherit: false },
            ],
            view: None,
        };
        let oids = RelationOids {
            relid: 16550,
            rowtype: 16551,
            array_type: 16552,
            defaults: vec![16553],
            checks: vec![16554, 16555],
            rule: None,
        };
        let rows = relation_rows(&t, &oids, 5).unwrap();
        let of = |cat: Oid| rows.iter().filter(move |(c, _)| *c == cat).map(|(_, r)| r);
        let class = of(pg_class::RELATION_ID).next().unwrap();
        assert_eq!(class[pg_class::RELKIND], Datum::Char(b'r'));
        assert_eq!(class[pg_class::RELAM], Datum::Oid(2));
        assert_eq!(class[pg_class::RELFILENODE], Datum::Oid(16550));
        assert_eq!(class[pg_class::RELNATTS], Datum::Int2(3));
        assert_eq!(class[pg_class::RELCHECKS], Datum::Int2(2));
        assert_eq!(class[pg_class::RELREPLIDENT], Datum::Char(b'd'));
        assert_eq!(of(pg_attribute::RELATION_ID).count(), 3 + 6);
        let b_attr = of(pg_attribute::RELATION_ID).nth(1).unwrap();
        assert_eq!(b_attr[pg_attribute::ATTNOTNULL], Datum::Bool(true));
        assert_eq!(b_attr[pg_attribute::ATTCOLLATION], Datum::Oid(100));
        let deps: Vec<String> = of(pg_depend::RELATION_ID)
            .map(|r| {
                let o = |i: usize| match &r[i] {
                    Datum::Oid(o) => o.to_string(),
                    Datum::Int4(n) => n.to_string(),
                    Datum::Char(c) => (*c as char).to_string(),
                    d => format!("{d:?}"),
                };
                (0..7).map(o).collect::<Vec<_>>().join("|")
            })
            .collect();
        let mut deps_sorted = deps.clone();
        deps_sorted.sort();
        // Recorded from PostgreSQL 15 (classid|objid|objsubid|refclassid|refobjid|refobjsubid|deptype).
        let mut expected = vec![
            "1247|16551|0|1259|16550|0|i",
            "1247|16552|0|1247|16551|0|i",
            "1259|16550|0|2615|2200|0|n",
            "2604|16553|0|1259|16550|1|a",
            "2606|16554|0|1259|16550|1|a",
            "2606|16554|0|1259|16550|1|n",
            "2606|16555|0|1259|16550|1|n",
            "2606|16555|0|1259|16550|1|a",
            "2606|16555|0|1259|16550|3|n",
            "2606|16555|0|1259|16550|3|a",
        ];
        expected.sort();
        assert_eq!(deps_sorted, expected);
        let check = of(pg_constraint::RELATION_ID).nth(1).unwrap();
        assert_eq!(check[pg_constraint::CONKEY], Datum::Array(vec![Datum::Int2(3), Datum::Int2(1)].into()));

        let v = NewRelation {
            name: "v".into(),
            kind: RelKind::View,
            columns: vec![col("a", INT4, -1), col("b", VARCHAR, 14)],
            checks: Vec::new(),
            view: Some(ViewRule { definition: "SELECT a, b FROM t".into(), reads: vec![(16550, 1), (16550, 2)] }),
            ..t
        };
        let oids = RelationOids {
            relid: 16556,
            rowtype: 16557,
            array_type: 16558,
            defaults: Vec::new(),
            checks: Vec::new(),
            rule: Some(16559),
        };
        let rows = relation_rows(&v, &oids, 5).unwrap();
        let of = |cat: Oid| rows.iter().filter(move |(c, _)| *c == cat).map(|(_, r)| r);
        let class = of(pg_class::RELATION_ID).next().unwrap();
        assert_eq!(
            (&class[pg_class::RELKIND], &class[pg_class::RELFILENODE], &class[pg_class::RELHASRULES]),
            (&Datum::Char(b'v'), &Datum::Oid(0), &Datum::Bool(true))
        );
        assert_eq!(of(pg_attribute::RELATION_ID).count(), 2, "a view has no system columns");
        let rule = of(pg_rewrite::RELATION_ID).next().unwrap();
        assert_eq!(rule[pg_rewrite::EV_ACTION], Datum::Text("SELECT a, b FROM t".into()));
        assert_eq!(of(pg_depend::RELATION_ID).filter(|r| r[pg_depend::CLASSID] == Datum::Oid(2618)).count(), 3);
    }

    #[test]
    fn column_checks_and_names() {
        let dup = check_new_columns(&[col("a", INT4, -1), col("a", INT4, -1)]).unwrap_err();
        assert_eq!(
            (dup.code, dup.message.as_str()),
            (SqlState::DUPLICATE_COLUMN, "column \"a\" specified more than once")
        );
        let pseudo = check_new_columns(&[col("r", pg_types::oid::RECORD, -1)]).unwrap_err();
        assert_eq!(pseudo.message, "column \"r\" has pseudo-type record");
        assert_eq!(choose_check_name("t", Some("a"), &[]), "t_a_check");
        assert_eq!(choose_check_name("t", None, &["t_check".into(), "t_check1".into()]), "t_check2");
        let long = "x".repeat(70);
        let name = make_object_name(&long, Some("col"), "check");
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_col_check"));
    }
}
