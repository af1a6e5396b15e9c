//! `Display` for the statements of [`crate::ast::ddl_table`]: CREATE TABLE in all its forms (constraints, partitioning, inheritance, LIKE, typed tables, AS), CREATE FOREIGN TABLE, CREATE INDEX, TRUNCATE, sequences, views and materialized views.

use super::*;

/// `(a, b)` with quoted names.
fn paren_names(f: &mut Formatter<'_>, v: &[String]) -> fmt::Result {
    f.write_str("(")?;
    for (i, n) in v.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(&quote_ident(n))?;
    }
    f.write_str(")")
}

/// The persistence keyword of a new relation, with its trailing space.
fn persistence(p: char) -> &'static str {
    match p {
        't' => "TEMPORARY ",
        'u' => "UNLOGGED ",
        _ => "",
    }
}

/// A relation's (possibly qualified) name, without alias or ONLY.
fn rel_name(r: &RangeVar) -> String {
    let mut parts = Vec::new();
    parts.extend(r.catalog.iter().cloned());
    parts.extend(r.schema.iter().cloned());
    parts.push(r.name.clone());
    names(&parts)
}

/// `[ONLY] name` of a relation_expr.
fn rel_expr(r: &RangeVar) -> String {
    if r.inh {
        rel_name(r)
    } else {
        format!("ONLY {}", rel_name(r))
    }
}

/// `(a = b, ...)`.
fn paren_defs(f: &mut Formatter<'_>, v: &[DefElem]) -> fmt::Result {
    f.write_str("(")?;
    list(f, v, ", ")?;
    f.write_str(")")
}

/// ` WITH (a = b, ...)` when there are options.
fn with_defs(f: &mut Formatter<'_>, v: &[DefElem]) -> fmt::Result {
    if v.is_empty() {
        return Ok(());
    }
    f.write_str(" WITH ")?;
    paren_defs(f, v)
}

/// ` OPTIONS (name 'value', ...)` when there are options.
pub(super) fn generic_options(f: &mut Formatter<'_>, v: &[DefElem]) -> fmt::Result {
    if v.is_empty() {
        return Ok(());
    }
    f.write_str(" OPTIONS (")?;
    for (i, d) in v.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(&quote_ident(&d.name))?;
        if let Some(a) = &d.arg {
            write!(f, " {a}")?;
        }
    }
    f.write_str(")")
}

impl Display for SeqOption {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SeqOption::As(t) => write!(f, "AS {t}"),
            SeqOption::Cache(v) => write!(f, "CACHE {v}"),
            SeqOption::Cycle(true) => f.write_str("CYCLE"),
            SeqOption::Cycle(false) => f.write_str("NO CYCLE"),
            SeqOption::Increment(v) => write!(f, "INCREMENT BY {v}"),
            SeqOption::MaxValue(Some(v)) => write!(f, "MAXVALUE {v}"),
            SeqOption::MaxValue(None) => f.write_str("NO MAXVALUE"),
            SeqOption::MinValue(Some(v)) => write!(f, "MINVALUE {v}"),
            SeqOption::MinValue(None) => f.write_str("NO MINVALUE"),
            SeqOption::OwnedBy(n) => write!(f, "OWNED BY {}", names(n)),
            SeqOption::SequenceName(n) => write!(f, "SEQUENCE NAME {}", names(n)),
            SeqOption::Start(v) => write!(f, "START WITH {v}"),
            SeqOption::Restart(Some(v)) => write!(f, "RESTART WITH {v}"),
            SeqOption::Restart(None) => f.write_str("RESTART"),
            SeqOption::Logged(true) => f.write_str("LOGGED"),
            SeqOption::Logged(false) => f.write_str("UNLOGGED"),
        }
    }
}

impl Display for IndexKey {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            IndexKey::Column(c) => f.write_str(&quote_ident(c)),
            IndexKey::Expr(e) => write!(f, "({e})"),
        }
    }
}

impl Display for IndexElem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.key)?;
        if !self.collation.is_empty() {
            write!(f, " COLLATE {}", names(&self.collation))?;
        }
        if !self.opclass.is_empty() {
            write!(f, " {}", names(&self.opclass))?;
            if !self.opclass_options.is_empty() {
                f.write_str(" ")?;
                paren_defs(f, &self.opclass_options)?;
            }
        }
        match self.ordering {
            SortDir::Asc => f.write_str(" ASC")?,
            SortDir::Desc => f.write_str(" DESC")?,
            _ => {}
        }
        match self.nulls {
            SortNulls::First => f.write_str(" NULLS FIRST"),
            SortNulls::Last => f.write_str(" NULLS LAST"),
            SortNulls::Default => Ok(()),
        }
    }
}

impl Display for PartitionBoundSpec {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            PartitionBoundSpec::Default => f.write_str("DEFAULT"),
            PartitionBoundSpec::List(v) => {
                f.write_str("FOR VALUES IN (")?;
                list(f, v, ", ")?;
                f.write_str(")")
            }
            PartitionBoundSpec::Range { from, to } => {
                f.write_str("FOR VALUES FROM (")?;
                list(f, from, ", ")?;
                f.write_str(") TO (")?;
                list(f, to, ", ")?;
                f.write_str(")")
            }
            PartitionBoundSpec::Hash { modulus, remainder } => {
                write!(f, "FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder})")
            }
        }
    }
}

impl Display for PartitionSpec {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "PARTITION BY {} (", quote_ident(&self.strategy))?;
        for (i, p) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", p.key)?;
            if !p.collation.is_empty() {
                write!(f, " COLLATE {}", names(&p.collation))?;
            }
            if !p.opclass.is_empty() {
                write!(f, " {}", names(&p.opclass))?;
            }
        }
        f.write_str(")")
    }
}

/// The index parts of UNIQUE / PRIMARY KEY after the keys.
fn index_constraint_tail(f: &mut Formatter<'_>, ic: &IndexConstraint) -> fmt::Result {
    if let Some(i) = &ic.index_name {
        return write!(f, " USING INDEX {}", quote_ident(i));
    }
    if !ic.keys.is_empty() {
        f.write_str(" ")?;
        paren_names(f, &ic.keys)?;
    }
    if !ic.including.is_empty() {
        f.write_str(" INCLUDE ")?;
        paren_names(f, &ic.including)?;
    }
    with_defs(f, &ic.options)?;
    if let Some(t) = &ic.index_tablespace {
        write!(f, " USING INDEX TABLESPACE {}", quote_ident(t))?;
    }
    Ok(())
}

impl Display for FkAction {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        })
    }
}

impl Display for Constraint {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(n) = &self.name {
            write!(f, "CONSTRAINT {} ", quote_ident(n))?;
        }
        match &self.kind {
            ConstraintKind::Null => f.write_str("NULL")?,
            ConstraintKind::NotNull => f.write_str("NOT NULL")?,
            ConstraintKind::Default(e) => write!(f, "DEFAULT {}", BExpr(e))?,
            ConstraintKind::Check(e) => write!(f, "CHECK ({e})")?,
            ConstraintKind::Generated(e) => write!(f, "GENERATED ALWAYS AS ({e}) STORED")?,
            ConstraintKind::Identity { always, options } => {
                f.write_str(if *always { "GENERATED ALWAYS AS IDENTITY" } else { "GENERATED BY DEFAULT AS IDENTITY" })?;
                if !options.is_empty() {
                    f.write_str(" (")?;
                    list(f, options, " ")?;
                    f.write_str(")")?;
                }
            }
            ConstraintKind::Unique(ic) => {
                f.write_str("UNIQUE")?;
                if ic.nulls_not_distinct {
                    f.write_str(" NULLS NOT DISTINCT")?;
                }
                index_constraint_tail(f, ic)?;
            }
            ConstraintKind::PrimaryKey(ic) => {
                f.write_str("PRIMARY KEY")?;
                index_constraint_tail(f, ic)?;
            }
            ConstraintKind::Exclusion(x) => {
                f.write_str("EXCLUDE")?;
                if let Some(m) = &x.access_method {
                    write!(f, " USING {}", quote_ident(m))?;
                }
                f.write_str(" (")?;
                for (i, (elem, op)) in x.elements.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{elem} WITH {}", op_name(op))?;
                }
                f.write_str(")")?;
                if !x.including.is_empty() {
                    f.write_str(" INCLUDE ")?;
                    paren_names(f, &x.including)?;
                }
                with_defs(f, &x.options)?;
                if let Some(t) = &x.index_tablespace {
                    write!(f, " USING INDEX TABLESPACE {}", quote_ident(t))?;
                }
                if let Some(w) = &x.where_clause {
                    write!(f, " WHERE ({w})")?;
                }
            }
            ConstraintKind::ForeignKey(fk) => {
                if !fk.fk_attrs.is_empty() {
                    f.write_str("FOREIGN KEY ")?;
                    paren_names(f, &fk.fk_attrs)?;
                    f.write_str(" ")?;
                }
                write!(f, "REFERENCES {}", rel_name(&fk.pk_table))?;
                if !fk.pk_attrs.is_empty() {
                    f.write_str(" ")?;
                    paren_names(f, &fk.pk_attrs)?;
                }
                match fk.match_type {
                    FkMatch::Simple => {}
                    FkMatch::Full => f.write_str(" MATCH FULL")?,
                }
                if fk.update_action != FkAction::NoAction {
                    write!(f, " ON UPDATE {}", fk.update_action)?;
                }
                if fk.delete_action != FkAction::NoAction || !fk.delete_set_cols.is_empty() {
                    write!(f, " ON DELETE {}", fk.delete_action)?;
                    if !fk.delete_set_cols.is_empty() {
                        f.write_str(" ")?;
                        paren_names(f, &fk.delete_set_cols)?;
                    }
                }
            }
            ConstraintKind::AttrDeferrable => f.write_str("DEFERRABLE")?,
            ConstraintKind::AttrNotDeferrable => f.write_str("NOT DEFERRABLE")?,
            ConstraintKind::AttrDeferred => f.write_str("INITIALLY DEFERRED")?,
            ConstraintKind::AttrImmediate => f.write_str("INITIALLY IMMEDIATE")?,
        }
        if self.no_inherit {
            f.write_str(" NO INHERIT")?;
        }
        if self.deferrable {
            f.write_str(" DEFERRABLE")?;
        }
        if self.initially_deferred {
            f.write_str(" INITIALLY DEFERRED")?;
        }
        if self.not_valid {
            f.write_str(" NOT VALID")?;
        }
        Ok(())
    }
}

/// A `b_expr` operand: parenthesised unless it is a plain constant, column or call (a DEFAULT
/// takes a `b_expr`, in which `a = b` or `NOT x` would not read back without parentheses).
struct BExpr<'a>(&'a Expr);

impl Display for BExpr<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "({})", self.0)
    }
}

impl Display for ColumnDef {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&quote_ident(&self.name))?;
        if let Some(t) = &self.type_name {
            write!(f, " {t}")?;
        }
        if let Some(c) = &self.compression {
            if c == "default" {
                f.write_str(" COMPRESSION DEFAULT")?;
            } else {
                write!(f, " COMPRESSION {}", quote_ident(c))?;
            }
        }
        generic_options(f, &self.fdw_options)?;
        if let Some(c) = &self.collation {
            write!(f, " COLLATE {}", names(c))?;
        }
        for c in &self.constraints {
            write!(f, " {c}")?;
        }
        Ok(())
    }
}

impl Display for TableElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            TableElement::Column(c) => write!(f, "{c}"),
            TableElement::Constraint(c) => write!(f, "{c}"),
            TableElement::Like(l) => {
                write!(f, "LIKE {}", rel_name(&l.relation))?;
                if l.options & !0x1FF != 0 {
                    f.write_str(" INCLUDING ALL")?;
                    for (word, bit) in like_option::NAMED {
                        if l.options & bit == 0 {
                            write!(f, " EXCLUDING {word}")?;
                        }
                    }
                } else {
                    for (word, bit) in like_option::NAMED {
                        if l.options & bit != 0 {
                            write!(f, " INCLUDING {word}")?;
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

impl Display for OnCommit {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OnCommit::Noop => "",
            OnCommit::PreserveRows => " ON COMMIT PRESERVE ROWS",
            OnCommit::DeleteRows => " ON COMMIT DELETE ROWS",
            OnCommit::Drop => " ON COMMIT DROP",
        })
    }
}

/// ` (elements)`, always written when `always`, else only when there are elements.
fn table_elements(f: &mut Formatter<'_>, v: &[TableElement], always: bool) -> fmt::Result {
    if v.is_empty() && !always {
        return Ok(());
    }
    f.write_str(" (")?;
    list(f, v, ", ")?;
    f.write_str(")")
}

/// CREATE TABLE / CREATE FOREIGN TABLE up to and including INHERITS or the partition bound.
fn create_head(f: &mut Formatter<'_>, c: &CreateStmt, foreign: bool) -> fmt::Result {
    write!(
        f,
        "CREATE {}{}TABLE {}{}",
        persistence(c.relation.persistence),
        if foreign { "FOREIGN " } else { "" },
        if c.if_not_exists { "IF NOT EXISTS " } else { "" },
        rel_name(&c.relation)
    )?;
    if let Some(t) = &c.of_type {
        write!(f, " OF {t}")?;
        table_elements(f, &c.table_elts, false)?;
    } else if let Some(bound) = &c.partbound {
        let parent = c.inh_relations.first().map(rel_name).unwrap_or_default();
        write!(f, " PARTITION OF {parent}")?;
        table_elements(f, &c.table_elts, false)?;
        write!(f, " {bound}")?;
    } else {
        table_elements(f, &c.table_elts, true)?;
        if !c.inh_relations.is_empty() {
            f.write_str(" INHERITS (")?;
            for (i, r) in c.inh_relations.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(&rel_name(r))?;
            }
            f.write_str(")")?;
        }
    }
    Ok(())
}

impl Display for CreateStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        create_head(f, self, false)?;
        if let Some(p) = &self.partspec {
            write!(f, " {p}")?;
        }
        if let Some(m) = &self.access_method {
            write!(f, " USING {}", quote_ident(m))?;
        }
        with_defs(f, &self.options)?;
        write!(f, "{}", self.on_commit)?;
        if let Some(t) = &self.tablespace {
            write!(f, " TABLESPACE {}", quote_ident(t))?;
        }
        Ok(())
    }
}

impl Display for CreateForeignTableStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        create_head(f, &self.base, true)?;
        write!(f, " SERVER {}", quote_ident(&self.server))?;
        generic_options(f, &self.options)
    }
}

impl Display for CreateTableAsStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let into = &self.into;
        let what = match self.kind {
            CtasKind::Table => "TABLE",
            CtasKind::MatView => "MATERIALIZED VIEW",
        };
        write!(
            f,
            "CREATE {}{what} {}{}",
            persistence(into.rel.persistence),
            if self.if_not_exists { "IF NOT EXISTS " } else { "" },
            rel_name(&into.rel)
        )?;
        if !into.col_names.is_empty() {
            f.write_str(" ")?;
            paren_names(f, &into.col_names)?;
        }
        if let Some(m) = &into.access_method {
            write!(f, " USING {}", quote_ident(m))?;
        }
        with_defs(f, &into.options)?;
        write!(f, "{}", into.on_commit)?;
        if let Some(t) = &into.tablespace {
            write!(f, " TABLESPACE {}", quote_ident(t))?;
        }
        match &self.query {
            CtasQuery::Select(s) => write!(f, " AS {s}")?,
            CtasQuery::Execute { name, params } => {
                write!(f, " AS EXECUTE {}", quote_ident(name))?;
                if !params.is_empty() {
                    f.write_str("(")?;
                    list(f, params, ", ")?;
                    f.write_str(")")?;
                }
            }
        }
        if into.skip_data {
            f.write_str(" WITH NO DATA")?;
        }
        Ok(())
    }
}

impl Display for IndexStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CREATE {}INDEX {}{}",
            if self.unique { "UNIQUE " } else { "" },
            if self.concurrent { "CONCURRENTLY " } else { "" },
            if self.if_not_exists { "IF NOT EXISTS " } else { "" }
        )?;
        if let Some(n) = &self.idxname {
            write!(f, "{} ", quote_ident(n))?;
        }
        write!(f, "ON {}", rel_expr(&self.relation))?;
        if let Some(m) = &self.access_method {
            write!(f, " USING {}", quote_ident(m))?;
        }
        f.write_str(" (")?;
        list(f, &self.index_params, ", ")?;
        f.write_str(")")?;
        if !self.including.is_empty() {
            f.write_str(" INCLUDE (")?;
            list(f, &self.including, ", ")?;
            f.write_str(")")?;
        }
        if self.nulls_not_distinct {
            f.write_str(" NULLS NOT DISTINCT")?;
        }
        with_defs(f, &self.options)?;
        if let Some(t) = &self.tablespace {
            write!(f, " TABLESPACE {}", quote_ident(t))?;
        }
        if let Some(w) = &self.where_clause {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}

impl Display for CreateSeqStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CREATE {}SEQUENCE {}{}",
            persistence(self.sequence.persistence),
            if self.if_not_exists { "IF NOT EXISTS " } else { "" },
            rel_name(&self.sequence)
        )?;
        for o in &self.options {
            write!(f, " {o}")?;
        }
        Ok(())
    }
}

impl Display for ViewStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CREATE {}{}{}VIEW {}",
            if self.replace { "OR REPLACE " } else { "" },
            persistence(self.view.persistence),
            if self.recursive { "RECURSIVE " } else { "" },
            rel_name(&self.view)
        )?;
        if !self.aliases.is_empty() {
            f.write_str(" ")?;
            paren_names(f, &self.aliases)?;
        }
        with_defs(f, &self.options)?;
        write!(f, " AS {}", self.query)?;
        match self.check_option {
            ViewCheckOption::None => Ok(()),
            ViewCheckOption::Local => f.write_str(" WITH LOCAL CHECK OPTION"),
            ViewCheckOption::Cascaded => f.write_str(" WITH CASCADED CHECK OPTION"),
        }
    }
}

impl Display for TruncateStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("TRUNCATE ")?;
        for (i, r) in self.relations.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&rel_expr(r))?;
        }
        if self.restart_seqs {
            f.write_str(" RESTART IDENTITY")?;
        }
        if self.behavior == DropBehavior::Cascade {
            f.write_str(" CASCADE")?;
        }
        Ok(())
    }
}
