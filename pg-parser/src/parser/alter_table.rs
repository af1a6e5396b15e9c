//! The grammar of ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE with all their subcommands.
//!
//! PostgreSQL source area: gram.y `AlterTableStmt`, `alter_table_cmd`, `AlterSeqStmt`.
//!
//! After `ALTER <kind> [IF EXISTS] name` the first word decides the statement: RENAME, SET
//! SCHEMA, [NO] DEPENDS, ATTACH / DETACH PARTITION and (for a sequence) a sequence option each
//! begin a statement of its own, which takes nothing after it; anything else is the first of a
//! comma-separated list of subcommands. The grammar accepts every subcommand for every kind of
//! relation (execution refuses what does not apply), so one function reads them all.

use super::*;

impl Parser<'_> {
    /// At `ALTER`: parses the statement when it is about a table, index, view, materialized view, sequence or foreign table; otherwise returns
    /// `None` and consumes nothing, so the next family can look.
    pub(super) fn alter_table_family(&mut self) -> PgResult<Option<Stmt>> {
        let (kind, words) = match self.word_at(1) {
            Some(Kw::Table) => (RelationKind::Table, 2),
            Some(Kw::Index) => (RelationKind::Index, 2),
            Some(Kw::Sequence) => (RelationKind::Sequence, 2),
            Some(Kw::View) => (RelationKind::View, 2),
            Some(Kw::Materialized) if self.is_kw_n(2, Kw::View) => (RelationKind::MaterializedView, 3),
            // Nothing but VIEW follows ALTER MATERIALIZED.
            Some(Kw::Materialized) => return Err(self.error_at_token(self.pos + 2)),
            Some(Kw::Foreign) if self.is_kw_n(2, Kw::Table) => (RelationKind::ForeignTable, 3),
            // ALTER FOREIGN DATA WRAPPER belongs to another family; nothing else follows FOREIGN.
            Some(Kw::Foreign) if !self.is_kw_n(2, Kw::Data) => return Err(self.error_at_token(self.pos + 2)),
            Some(Kw::Foreign) if !self.is_kw_n(3, Kw::Wrapper) => return Err(self.error_at_token(self.pos + 3)),
            _ => return Ok(None),
        };
        self.pos += words;
        self.alter_relation(kind).map(Some)
    }

    /// After `ALTER <kind>`.
    fn alter_relation(&mut self, kind: RelationKind) -> PgResult<Stmt> {
        if self.is_kw(Kw::All)
            && matches!(kind, RelationKind::Table | RelationKind::Index | RelationKind::MaterializedView)
        {
            return self.alter_move_all(kind);
        }
        // `IF` is an unreserved keyword: `ALTER TABLE if ADD ...` names a table "if".
        let missing_ok = self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Exists);
        if missing_ok {
            self.pos += 2;
        }
        let relation = if kind.takes_only() { self.relation_expr()? } else { self.qualified_name()? };
        match self.word_at(0) {
            Some(Kw::Rename) => return self.rename_relation(kind, relation, missing_ok),
            Some(Kw::Set) if self.is_kw_n(1, Kw::Schema) && kind != RelationKind::Index => {
                self.pos += 2;
                let new_schema = self.col_id()?;
                return Ok(Stmt::AlterRelationSchema(AlterRelationSchemaStmt {
                    kind,
                    relation,
                    new_schema,
                    missing_ok,
                }));
            }
            Some(Kw::Depends | Kw::No)
                if !missing_ok
                    && matches!(kind, RelationKind::Index | RelationKind::MaterializedView)
                    && (self.is_kw(Kw::Depends) || self.is_kw_n(1, Kw::Depends)) =>
            {
                let remove = self.eat_kw(Kw::No);
                self.expect_kw(Kw::Depends)?;
                self.expect_kw(Kw::On)?;
                self.expect_kw(Kw::Extension)?;
                let extension = self.col_id()?;
                return Ok(Stmt::AlterRelationDepends(AlterRelationDependsStmt { kind, relation, extension, remove }));
            }
            Some(Kw::Detach) if kind == RelationKind::Table => {
                self.advance();
                self.expect_kw(Kw::Partition)?;
                let partition = self.qualified_name()?;
                let mode = if self.eat_kw(Kw::Concurrently) {
                    DetachMode::Concurrently
                } else if self.eat_kw(Kw::Finalize) {
                    DetachMode::Finalize
                } else {
                    DetachMode::Plain
                };
                let cmds = vec![AlterTableCmd::DetachPartition { partition, mode }];
                return Ok(Stmt::AlterTable(AlterTableStmt { kind, relation, missing_ok, cmds }));
            }
            Some(Kw::Attach) if kind == RelationKind::Table || (kind == RelationKind::Index && !missing_ok) => {
                self.advance();
                self.expect_kw(Kw::Partition)?;
                let partition = self.qualified_name()?;
                let bound = if kind == RelationKind::Table { Some(self.partition_bound_spec()?) } else { None };
                let cmds = vec![AlterTableCmd::AttachPartition { partition, bound }];
                return Ok(Stmt::AlterTable(AlterTableStmt { kind, relation, missing_ok, cmds }));
            }
            _ => {}
        }
        if kind == RelationKind::Sequence && self.seq_option_starts() {
            let options = self.seq_option_list()?;
            return Ok(Stmt::AlterSequence(AlterSeqStmt { sequence: relation, options, missing_ok }));
        }
        let mut cmds = Vec::new();
        loop {
            cmds.push(self.alter_table_cmd()?);
            if !self.eat_char(',') {
                break;
            }
        }
        Ok(Stmt::AlterTable(AlterTableStmt { kind, relation, missing_ok, cmds }))
    }

    /// Whether a sequence option (`SeqOptElem`) starts here: ALTER SEQUENCE's options form a
    /// statement of their own (`AlterSeqStmt`). `NO` begins one only before CYCLE, MAXVALUE or
    /// MINVALUE (`NO INHERIT` and `NO FORCE` are subcommands).
    fn seq_option_starts(&self) -> bool {
        match self.word_at(0) {
            Some(
                Kw::As
                | Kw::Cache
                | Kw::Cycle
                | Kw::Increment
                | Kw::Maxvalue
                | Kw::Minvalue
                | Kw::Owned
                | Kw::Sequence
                | Kw::Start
                | Kw::Restart,
            ) => true,
            Some(Kw::No) => matches!(self.word_at(1), Some(Kw::Cycle | Kw::Maxvalue | Kw::Minvalue)),
            _ => false,
        }
    }

    /// `RENAME TO new`, `RENAME [COLUMN] old TO new` (not for indexes and sequences), `RENAME
    /// CONSTRAINT old TO new` (tables only).
    fn rename_relation(&mut self, kind: RelationKind, relation: RangeVar, missing_ok: bool) -> PgResult<Stmt> {
        self.expect_kw(Kw::Rename)?;
        let columns = !matches!(kind, RelationKind::Index | RelationKind::Sequence);
        let target = if self.eat_kw(Kw::To) {
            RenameTarget::Relation
        } else if kind == RelationKind::Table && self.eat_kw(Kw::Constraint) {
            let old = self.col_id()?;
            self.expect_kw(Kw::To)?;
            RenameTarget::Constraint(old)
        } else if columns {
            let _ = self.eat_kw(Kw::Column);
            let old = self.col_id()?;
            self.expect_kw(Kw::To)?;
            RenameTarget::Column(old)
        } else {
            return self.err();
        };
        let new_name = self.col_id()?;
        Ok(Stmt::RenameRelation(RenameRelationStmt { kind, relation, target, new_name, missing_ok }))
    }

    /// `ALL IN TABLESPACE t [OWNED BY roles] SET TABLESPACE t2 [NOWAIT]`.
    fn alter_move_all(&mut self, kind: RelationKind) -> PgResult<Stmt> {
        self.expect_kw(Kw::All)?;
        self.expect_kw(Kw::In)?;
        self.expect_kw(Kw::Tablespace)?;
        let tablespace = self.col_id()?;
        let roles = if self.eat_kw(Kw::Owned) {
            self.expect_kw(Kw::By)?;
            self.role_list()?
        } else {
            Vec::new()
        };
        self.expect_kw(Kw::Set)?;
        self.expect_kw(Kw::Tablespace)?;
        let new_tablespace = self.col_id()?;
        let nowait = self.eat_kw(Kw::Nowait);
        Ok(Stmt::AlterTableMoveAll(AlterTableMoveAllStmt { kind, tablespace, roles, new_tablespace, nowait }))
    }

    /// One `alter_table_cmd`.
    fn alter_table_cmd(&mut self) -> PgResult<AlterTableCmd> {
        use AlterTableCmd as C;
        let Some(word) = self.word_at(0) else { return self.err() };
        let cmd = match word {
            Kw::Add => {
                self.advance();
                if self.table_constraint_starts() {
                    C::AddConstraint(self.table_constraint()?)
                } else {
                    let _ = self.eat_kw(Kw::Column);
                    // `IF` is unreserved: `ADD if int` adds a column named "if".
                    let if_not_exists = self.is_kw(Kw::If) && self.plain_not_at(1);
                    if if_not_exists {
                        self.pos += 2;
                        self.expect_kw(Kw::Exists)?;
                    }
                    C::AddColumn { def: self.column_def()?, if_not_exists }
                }
            }
            Kw::Drop => {
                self.advance();
                let constraint = self.eat_kw(Kw::Constraint);
                if !constraint {
                    let _ = self.eat_kw(Kw::Column);
                }
                // `IF` is unreserved: `DROP if` drops a column named "if".
                let missing_ok = self.is_kw(Kw::If) && self.is_kw_n(1, Kw::Exists);
                if missing_ok {
                    self.pos += 2;
                }
                let name = self.col_id()?;
                let behavior = self.opt_drop_behavior();
                if constraint {
                    C::DropConstraint { name, missing_ok, behavior }
                } else {
                    C::DropColumn { column: name, missing_ok, behavior }
                }
            }
            Kw::Alter => {
                self.advance();
                if self.eat_kw(Kw::Constraint) {
                    return self.alter_constraint();
                }
                let _ = self.eat_kw(Kw::Column);
                return self.alter_column_cmd();
            }
            Kw::Validate => {
                self.advance();
                self.expect_kw(Kw::Constraint)?;
                C::ValidateConstraint { name: self.col_id()? }
            }
            Kw::Set => {
                self.advance();
                match self.word_at(0) {
                    Some(Kw::Without) => {
                        self.advance();
                        if self.eat_kw(Kw::Oids) {
                            C::SetWithoutOids
                        } else {
                            self.expect_kw(Kw::Cluster)?;
                            C::SetWithoutCluster
                        }
                    }
                    Some(Kw::Logged) => {
                        self.advance();
                        C::SetLogged
                    }
                    Some(Kw::Unlogged) => {
                        self.advance();
                        C::SetUnlogged
                    }
                    Some(Kw::Access) => {
                        self.advance();
                        self.expect_kw(Kw::Method)?;
                        C::SetAccessMethod { method: self.col_id()? }
                    }
                    Some(Kw::Tablespace) => {
                        self.advance();
                        C::SetTablespace { tablespace: self.col_id()? }
                    }
                    _ => C::SetOptions(self.reloptions()?),
                }
            }
            Kw::Reset => {
                self.advance();
                C::ResetOptions(self.reloptions()?)
            }
            Kw::Cluster => {
                self.advance();
                self.expect_kw(Kw::On)?;
                C::ClusterOn { index: self.col_id()? }
            }
            Kw::Enable | Kw::Disable => {
                self.advance();
                let mode = if word == Kw::Disable {
                    FireMode::Disable
                } else if self.eat_kw(Kw::Always) {
                    FireMode::Always
                } else if self.eat_kw(Kw::Replica) {
                    FireMode::Replica
                } else {
                    FireMode::Enable
                };
                // ROW LEVEL SECURITY, and the triggers ALL and USER, go with plain ENABLE and
                // DISABLE only.
                let plain = matches!(mode, FireMode::Enable | FireMode::Disable);
                if plain && self.eat_kw(Kw::Row) {
                    self.expect_kw(Kw::Level)?;
                    self.expect_kw(Kw::Security)?;
                    let action =
                        if mode == FireMode::Enable { RowSecurityAction::Enable } else { RowSecurityAction::Disable };
                    return Ok(C::RowSecurity(action));
                }
                if self.eat_kw(Kw::Rule) {
                    C::EnableRule { mode, rule: self.col_id()? }
                } else {
                    self.expect_kw(Kw::Trigger)?;
                    let trigger = if plain && self.eat_kw(Kw::All) {
                        TriggerTarget::All
                    } else if plain && self.eat_kw(Kw::User) {
                        TriggerTarget::User
                    } else {
                        TriggerTarget::Name(self.col_id()?)
                    };
                    C::EnableTrigger { mode, trigger }
                }
            }
            Kw::Force | Kw::No if word == Kw::Force || self.is_kw_n(1, Kw::Force) => {
                let no = self.eat_kw(Kw::No);
                self.expect_kw(Kw::Force)?;
                self.expect_kw(Kw::Row)?;
                self.expect_kw(Kw::Level)?;
                self.expect_kw(Kw::Security)?;
                C::RowSecurity(if no { RowSecurityAction::NoForce } else { RowSecurityAction::Force })
            }
            Kw::Inherit => {
                self.advance();
                C::Inherit { parent: self.qualified_name()? }
            }
            Kw::No => {
                self.advance();
                self.expect_kw(Kw::Inherit)?;
                C::NoInherit { parent: self.qualified_name()? }
            }
            Kw::Of => {
                self.advance();
                C::Of { type_name: self.any_name()? }
            }
            Kw::Not if self.plain_not_at(0) => {
                self.advance();
                self.expect_kw(Kw::Of)?;
                C::NotOf
            }
            Kw::Owner => {
                self.advance();
                self.expect_kw(Kw::To)?;
                C::OwnerTo { owner: self.role_spec()? }
            }
            Kw::Replica => {
                self.advance();
                self.expect_kw(Kw::Identity)?;
                C::ReplicaIdentity(match self.word_at(0) {
                    Some(Kw::Nothing) => {
                        self.advance();
                        ReplicaIdentity::Nothing
                    }
                    Some(Kw::Full) => {
                        self.advance();
                        ReplicaIdentity::Full
                    }
                    Some(Kw::Default) => {
                        self.advance();
                        ReplicaIdentity::Default
                    }
                    _ => {
                        self.expect_kw(Kw::Using)?;
                        self.expect_kw(Kw::Index)?;
                        ReplicaIdentity::Index(self.col_id()?)
                    }
                })
            }
            Kw::Options => C::GenericOptions(self.alter_generic_options()?),
            _ => return self.err(),
        };
        Ok(cmd)
    }

    /// `alter_generic_options`: `OPTIONS ([ADD | SET] name 'value' | DROP name, ...)`. ADD, SET
    /// and DROP are unreserved words, and an option may be called so: `(set 'x')` sets nothing
    /// but names an option "set", which the token after the word tells.
    pub(super) fn alter_generic_options(&mut self) -> PgResult<Vec<AlterGenericOption>> {
        self.expect_kw(Kw::Options)?;
        self.expect_char('(')?;
        let mut options = Vec::new();
        loop {
            let action = match self.word_at(0) {
                _ if matches!(self.peek_n(1).kind, TokenKind::Sconst(_)) => GenericOptionAction::Unspecified,
                Some(Kw::Add) => GenericOptionAction::Add,
                Some(Kw::Set) => GenericOptionAction::Set,
                Some(Kw::Drop) => GenericOptionAction::Drop,
                _ => GenericOptionAction::Unspecified,
            };
            if action != GenericOptionAction::Unspecified {
                self.advance();
            }
            let location = Location(self.loc());
            let name = self.col_label()?;
            let value = if action == GenericOptionAction::Drop { None } else { Some(self.sconst()?) };
            options.push(AlterGenericOption { action, name, value, location });
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        Ok(options)
    }

    /// After `ALTER [COLUMN]`: the column's name (or number) and what is done to it.
    fn alter_column_cmd(&mut self) -> PgResult<AlterTableCmd> {
        use AlterTableCmd as C;
        if let TokenKind::Iconst(n) = self.peek().kind {
            // Only SET STATISTICS may name a column by number (an index's expression column).
            let loc = self.loc();
            self.advance();
            self.expect_kw(Kw::Set)?;
            self.expect_kw(Kw::Statistics)?;
            let target = self.signed_iconst()?;
            if !(1..=i32::from(i16::MAX)).contains(&n) {
                return Err(PgError::new(
                    SqlState::INVALID_PARAMETER_VALUE,
                    "column number must be in range from 1 to 32767",
                )
                .with_position(lexer::char_position(self.sql, loc)));
            }
            return Ok(C::SetStatistics { column: ColumnOrNumber::Number(n), target });
        }
        let column = self.col_id()?;
        let Some(word) = self.word_at(0) else { return self.err() };
        let cmd = match word {
            Kw::Set if self.is_kw_n(1, Kw::Default) => {
                self.pos += 2;
                C::ColumnDefault { column, default: Some(self.a_expr()?) }
            }
            Kw::Set if self.plain_not_at(1) => {
                self.pos += 2;
                self.expect_kw(Kw::Null)?;
                C::SetNotNull { column }
            }
            Kw::Set if self.is_kw_n(1, Kw::Statistics) => {
                self.pos += 2;
                C::SetStatistics { column: ColumnOrNumber::Name(column), target: self.signed_iconst()? }
            }
            Kw::Set if self.is_kw_n(1, Kw::Storage) => {
                self.pos += 2;
                C::SetStorage { column, storage: self.col_id()? }
            }
            Kw::Set if self.is_kw_n(1, Kw::Compression) => {
                self.pos += 2;
                let method = if self.eat_kw(Kw::Default) { "default".to_string() } else { self.col_id()? };
                C::SetCompression { column, method }
            }
            Kw::Set if self.is_kw_n(1, Kw::Data) => {
                self.pos += 2;
                self.expect_kw(Kw::Type)?;
                self.alter_column_type(column)?
            }
            Kw::Type => {
                self.advance();
                self.alter_column_type(column)?
            }
            Kw::Drop => {
                self.advance();
                match self.word_at(0) {
                    Some(Kw::Default) => {
                        self.advance();
                        C::ColumnDefault { column, default: None }
                    }
                    Some(Kw::Not) if self.plain_not_at(0) => {
                        self.advance();
                        self.expect_kw(Kw::Null)?;
                        C::DropNotNull { column }
                    }
                    Some(Kw::Expression) => {
                        self.advance();
                        let missing_ok = self.eat_kw(Kw::If);
                        if missing_ok {
                            self.expect_kw(Kw::Exists)?;
                        }
                        C::DropExpression { column, missing_ok }
                    }
                    Some(Kw::Identity) => {
                        self.advance();
                        let missing_ok = self.eat_kw(Kw::If);
                        if missing_ok {
                            self.expect_kw(Kw::Exists)?;
                        }
                        C::DropIdentity { column, missing_ok }
                    }
                    _ => return self.err(),
                }
            }
            Kw::Options => C::ColumnGenericOptions { column, options: self.alter_generic_options()? },
            Kw::Set if self.is_char_n(1, '(') => {
                self.advance();
                C::SetColumnOptions { column, options: self.reloptions()? }
            }
            Kw::Reset => {
                self.advance();
                C::ResetColumnOptions { column, options: self.reloptions()? }
            }
            Kw::Add => {
                self.advance();
                self.expect_kw(Kw::Generated)?;
                let always = self.generated_when()?;
                self.expect_kw(Kw::As)?;
                self.expect_kw(Kw::Identity)?;
                let options = if self.eat_char('(') {
                    let options = self.seq_option_list()?;
                    self.expect_char(')')?;
                    options
                } else {
                    Vec::new()
                };
                C::AddIdentity { column, always, options }
            }
            Kw::Set | Kw::Restart => C::SetIdentity { column, options: self.identity_options()? },
            _ => return self.err(),
        };
        Ok(cmd)
    }

    /// After `ALTER CONSTRAINT`: the name and the new timing. Only a foreign key's timing can
    /// change, so PostgreSQL's grammar refuses NOT VALID and NO INHERIT here as for a foreign
    /// key (`processCASbits`, without a position).
    fn alter_constraint(&mut self) -> PgResult<AlterTableCmd> {
        let name = self.col_id()?;
        let bits = self.cas_bits()?;
        for (set, what) in [(bits.not_valid, "NOT VALID"), (bits.no_inherit, "NO INHERIT")] {
            if set {
                return Err(PgError::not_supported(format!("FOREIGN KEY constraints cannot be marked {what}")));
            }
        }
        Ok(AlterTableCmd::AlterConstraint {
            name,
            deferrable: bits.deferrable || bits.initially_deferred,
            initially_deferred: bits.initially_deferred,
        })
    }

    /// Whether the token `n` ahead is a NOT as the grammar sees it. Before BETWEEN, IN, LIKE,
    /// ILIKE or SIMILAR, parser.c hands the grammar NOT_LA instead, which only expressions take:
    /// `SET NOT in` is a syntax error at NOT.
    fn plain_not_at(&self, n: usize) -> bool {
        self.is_kw_n(n, Kw::Not)
            && !matches!(self.word_at(n + 1), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar))
    }

    /// `ALWAYS` (true) or `BY DEFAULT` (false), after GENERATED.
    fn generated_when(&mut self) -> PgResult<bool> {
        if self.eat_kw(Kw::Always) {
            return Ok(true);
        }
        self.expect_kw(Kw::By)?;
        self.expect_kw(Kw::Default)?;
        Ok(false)
    }

    /// `alter_identity_column_option_list`: `RESTART [[WITH] n]`, `SET GENERATED ...` and `SET
    /// sequence_option`, one after another without commas. RESTART must be written without
    /// SET, and AS and OWNED BY cannot be changed here, as PostgreSQL's grammar checks.
    fn identity_options(&mut self) -> PgResult<Vec<IdentityOption>> {
        let mut options = Vec::new();
        loop {
            if self.is_kw(Kw::Restart) {
                options.push(IdentityOption::Sequence(self.seq_option()?));
            } else if self.eat_kw(Kw::Set) {
                if self.eat_kw(Kw::Generated) {
                    options.push(IdentityOption::Generated(self.generated_when()?));
                } else {
                    let loc = self.loc();
                    let option = self.seq_option()?;
                    // Named by PostgreSQL's DefElem name for the option.
                    let refused = match option {
                        SeqOption::As(_) => Some("as"),
                        SeqOption::Restart(_) => Some("restart"),
                        SeqOption::OwnedBy(_) => Some("owned_by"),
                        _ => None,
                    };
                    if let Some(name) = refused {
                        return Err(PgError::syntax(
                            format!("sequence option \"{name}\" not supported here"),
                            lexer::char_position(self.sql, loc),
                        ));
                    }
                    options.push(IdentityOption::Sequence(option));
                }
            } else {
                return Ok(options);
            }
        }
    }

    /// Whether a table constraint starts here, after ADD (else a column definition does).
    /// EXCLUDE is unreserved, so `ADD exclude int` adds a column; the constraint has `(` or
    /// USING next.
    fn table_constraint_starts(&self) -> bool {
        match self.word_at(0) {
            Some(Kw::Constraint | Kw::Check | Kw::Unique | Kw::Primary | Kw::Foreign) => true,
            Some(Kw::Exclude) => self.is_char_n(1, '(') || self.is_kw_n(1, Kw::Using),
            _ => false,
        }
    }

    /// `type [COLLATE name] [USING expr]` after `ALTER [COLUMN] c [SET DATA] TYPE`.
    fn alter_column_type(&mut self, column: String) -> PgResult<AlterTableCmd> {
        let type_name = self.type_name()?;
        let collation = if self.eat_kw(Kw::Collate) { Some(self.any_name()?) } else { None };
        let using = if self.eat_kw(Kw::Using) { Some(self.a_expr()?) } else { None };
        Ok(AlterTableCmd::AlterColumnType { column, type_name, collation, using })
    }
}
