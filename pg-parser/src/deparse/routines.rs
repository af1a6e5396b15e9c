//! `Display` for the statements of [`crate::ast::routines`]: functions, procedures, aggregates, operators, operator classes and families, casts, transforms, languages, DO, CALL, triggers, event triggers and rules.

use super::*;

/// A name that gram.y reads as `NonReservedWord_or_Sconst` (a language): the word itself
/// when it reads back unquoted, else a string literal (which gives the same name).
pub(super) fn word_or_literal(s: &str) -> String {
    let non_reserved_keyword =
        keywords::lookup(s).is_some_and(|k| k.category != keywords::KeywordCategory::Reserved && k.word == s);
    if quote_ident(s) == s || non_reserved_keyword {
        s.to_string()
    } else {
        quote_literal(s)
    }
}

/// An operator name as `any_operator` reads it: `op` or `schema.op`.
fn any_operator(name: &[String]) -> String {
    let (op, schema) = name.split_last().expect("operator names are non-empty");
    let mut s: String = schema.iter().map(|n| format!("{}.", quote_ident(n))).collect();
    s.push_str(op);
    s
}

impl Display for FunctionParameter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.mode {
            ParamMode::Default | ParamMode::Table => {}
            ParamMode::In => f.write_str("IN ")?,
            ParamMode::Out => f.write_str("OUT ")?,
            ParamMode::InOut => f.write_str("INOUT ")?,
            ParamMode::Variadic => f.write_str("VARIADIC ")?,
        }
        if let Some(n) = &self.name {
            write!(f, "{} ", quote_ident(n))?;
        }
        write!(f, "{}", self.arg_type)?;
        if let Some(d) = &self.default {
            write!(f, " DEFAULT {d}")?;
        }
        Ok(())
    }
}

impl Display for ObjectWithArgs {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&names(&self.name))?;
        if let Some(args) = &self.args {
            f.write_str("(")?;
            list(f, args, ", ")?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// `(left, right)` with NONE for a missing operand.
fn oper_argtypes(f: &mut Formatter<'_>, left: &Option<TypeName>, right: &Option<TypeName>) -> fmt::Result {
    let side = |t: &Option<TypeName>| t.as_ref().map_or_else(|| "NONE".to_string(), |t| t.to_string());
    write!(f, "({}, {})", side(left), side(right))
}

impl Display for OperatorWithArgs {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&any_operator(&self.name))?;
        oper_argtypes(f, &self.left, &self.right)
    }
}

impl Display for FunctionOption {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            FunctionOption::As(v) => {
                let parts: Vec<String> = v.iter().map(|s| quote_literal(s)).collect();
                write!(f, "AS {}", parts.join(", "))
            }
            FunctionOption::Language(l) => write!(f, "LANGUAGE {}", word_or_literal(l)),
            FunctionOption::Transform(types) => {
                let parts: Vec<String> = types.iter().map(|t| format!("FOR TYPE {t}")).collect();
                write!(f, "TRANSFORM {}", parts.join(", "))
            }
            FunctionOption::Window => f.write_str("WINDOW"),
            FunctionOption::Volatility(v) => f.write_str(match v {
                Volatility::Immutable => "IMMUTABLE",
                Volatility::Stable => "STABLE",
                Volatility::Volatile => "VOLATILE",
            }),
            FunctionOption::Strict(true) => f.write_str("STRICT"),
            FunctionOption::Strict(false) => f.write_str("CALLED ON NULL INPUT"),
            FunctionOption::SecurityDefiner(true) => f.write_str("SECURITY DEFINER"),
            FunctionOption::SecurityDefiner(false) => f.write_str("SECURITY INVOKER"),
            FunctionOption::Leakproof(true) => f.write_str("LEAKPROOF"),
            FunctionOption::Leakproof(false) => f.write_str("NOT LEAKPROOF"),
            FunctionOption::Parallel(p) => write!(f, "PARALLEL {}", quote_ident(p)),
            FunctionOption::Cost(v) => write!(f, "COST {v}"),
            FunctionOption::Rows(v) => write!(f, "ROWS {v}"),
            FunctionOption::Support(n) => write!(f, "SUPPORT {}", names(n)),
            FunctionOption::Set(s) => write!(f, "{s}"),
        }
    }
}

impl Display for CreateFunctionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        f.write_str(if self.is_procedure { "PROCEDURE " } else { "FUNCTION " })?;
        write!(f, "{}(", names(&self.name))?;
        list(f, &self.parameters, ", ")?;
        f.write_str(")")?;
        match &self.returns {
            None => {}
            Some(FunctionReturns::Type(t)) => write!(f, " RETURNS {t}")?,
            Some(FunctionReturns::Table(cols)) => {
                f.write_str(" RETURNS TABLE (")?;
                list(f, cols, ", ")?;
                f.write_str(")")?;
            }
        }
        for o in &self.options {
            write!(f, " {o}")?;
        }
        match &self.body {
            None => Ok(()),
            Some(FunctionBody::Return(e)) => write!(f, " RETURN {e}"),
            Some(FunctionBody::Atomic(stmts)) => {
                f.write_str(" BEGIN ATOMIC ")?;
                for s in stmts {
                    write!(f, "{s}; ")?;
                }
                f.write_str("END")
            }
        }
    }
}

impl Display for AlterFunctionStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER {} {}", self.kind.keyword(), self.func)?;
        for a in &self.actions {
            write!(f, " {a}")?;
        }
        Ok(())
    }
}

impl Display for OpClassItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            OpClassItem::Operator { number, name, args, purpose } => {
                write!(f, "OPERATOR {number} {}", any_operator(name))?;
                if let Some((l, r)) = args {
                    oper_argtypes(f, l, r)?;
                }
                match purpose {
                    OpClassPurpose::Search => Ok(()),
                    OpClassPurpose::OrderBy(n) => write!(f, " FOR ORDER BY {}", names(n)),
                }
            }
            OpClassItem::Function { number, class_args, func } => {
                write!(f, "FUNCTION {number} ")?;
                if let Some(types) = class_args {
                    f.write_str("(")?;
                    list(f, types, ", ")?;
                    f.write_str(") ")?;
                }
                write!(f, "{func}")
            }
            OpClassItem::Storage(t) => write!(f, "STORAGE {t}"),
        }
    }
}

impl Display for CreateOpClassStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE OPERATOR CLASS {}", names(&self.name))?;
        if self.is_default {
            f.write_str(" DEFAULT")?;
        }
        write!(f, " FOR TYPE {} USING {}", self.data_type, quote_ident(&self.access_method))?;
        if let Some(fam) = &self.family {
            write!(f, " FAMILY {}", names(fam))?;
        }
        f.write_str(" AS ")?;
        list(f, &self.items, ", ")
    }
}

impl Display for OpFamilyDropItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} (", if self.is_function { "FUNCTION" } else { "OPERATOR" }, self.number)?;
        list(f, &self.types, ", ")?;
        f.write_str(")")
    }
}

impl Display for OpFamilyStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let verb = if self.action.is_some() { "ALTER" } else { "CREATE" };
        write!(f, "{verb} OPERATOR FAMILY {} USING {}", names(&self.name), quote_ident(&self.access_method))?;
        match &self.action {
            None => Ok(()),
            Some(AlterOpFamilyAction::Add(items)) => {
                f.write_str(" ADD ")?;
                list(f, items, ", ")
            }
            Some(AlterOpFamilyAction::Drop(items)) => {
                f.write_str(" DROP ")?;
                list(f, items, ", ")
            }
        }
    }
}

impl Display for CreateCastStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE CAST ({} AS {}) ", self.source, self.target)?;
        match &self.method {
            CastMethod::Function(func) => write!(f, "WITH FUNCTION {func}")?,
            CastMethod::WithoutFunction => f.write_str("WITHOUT FUNCTION")?,
            CastMethod::InOut => f.write_str("WITH INOUT")?,
        }
        match self.context {
            CastContext::Explicit => Ok(()),
            CastContext::Assignment => f.write_str(" AS ASSIGNMENT"),
            CastContext::Implicit => f.write_str(" AS IMPLICIT"),
        }
    }
}

impl Display for CreateTransformStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        write!(f, "TRANSFORM FOR {} LANGUAGE {} (", self.type_name, quote_ident(&self.language))?;
        let mut parts = Vec::new();
        if let Some(func) = &self.from_sql {
            parts.push(format!("FROM SQL WITH FUNCTION {func}"));
        }
        if let Some(func) = &self.to_sql {
            parts.push(format!("TO SQL WITH FUNCTION {func}"));
        }
        write!(f, "{})", parts.join(", "))
    }
}

impl Display for CreateLanguageStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        if self.trusted {
            f.write_str("TRUSTED ")?;
        }
        write!(f, "LANGUAGE {}", quote_ident(&self.name))?;
        if let Some(h) = &self.handler {
            write!(f, " HANDLER {}", names(h))?;
        }
        if let Some(i) = &self.inline {
            write!(f, " INLINE {}", names(i))?;
        }
        if let Some(v) = &self.validator {
            write!(f, " VALIDATOR {}", names(v))?;
        }
        Ok(())
    }
}

impl Display for TriggerEvents {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.insert {
            parts.push("INSERT".to_string());
        }
        if self.delete {
            parts.push("DELETE".to_string());
        }
        if self.update {
            if self.columns.is_empty() {
                parts.push("UPDATE".to_string());
            } else {
                let cols: Vec<String> = self.columns.iter().map(|c| quote_ident(c)).collect();
                parts.push(format!("UPDATE OF {}", cols.join(", ")));
            }
        }
        if self.truncate {
            parts.push("TRUNCATE".to_string());
        }
        f.write_str(&parts.join(" OR "))
    }
}

impl Display for CreateTriggerStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        if self.is_constraint {
            f.write_str("CONSTRAINT ")?;
        }
        let timing = match self.timing {
            TriggerTiming::Before => "BEFORE",
            TriggerTiming::After => "AFTER",
            TriggerTiming::InsteadOf => "INSTEAD OF",
        };
        write!(f, "TRIGGER {} {timing} {} ON {}", quote_ident(&self.name), self.events, self.relation)?;
        if let Some(r) = &self.constraint_relation {
            write!(f, " FROM {r}")?;
        }
        if self.deferrable {
            f.write_str(" DEFERRABLE")?;
        }
        if self.initially_deferred {
            f.write_str(" INITIALLY DEFERRED")?;
        }
        if !self.transitions.is_empty() {
            f.write_str(" REFERENCING")?;
            for t in &self.transitions {
                write!(
                    f,
                    " {} {} AS {}",
                    if t.is_new { "NEW" } else { "OLD" },
                    if t.is_table { "TABLE" } else { "ROW" },
                    quote_ident(&t.name)
                )?;
            }
        }
        f.write_str(if self.row { " FOR EACH ROW" } else { " FOR EACH STATEMENT" })?;
        if let Some(w) = &self.when {
            write!(f, " WHEN ({w})")?;
        }
        write!(f, " EXECUTE FUNCTION {}(", names(&self.func_name))?;
        let args: Vec<String> = self.args.iter().map(|a| quote_literal(a)).collect();
        write!(f, "{})", args.join(", "))
    }
}

impl Display for CreateEventTriggerStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE EVENT TRIGGER {} ON {}", quote_ident(&self.name), quote_ident(&self.event))?;
        for (i, w) in self.when.iter().enumerate() {
            f.write_str(if i == 0 { " WHEN " } else { " AND " })?;
            let values: Vec<String> = w.values.iter().map(|v| quote_literal(v)).collect();
            write!(f, "{} IN ({})", quote_ident(&w.variable), values.join(", "))?;
        }
        write!(f, " EXECUTE FUNCTION {}()", names(&self.func_name))
    }
}

impl Display for CreateRuleStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        let event = match self.event {
            RuleEvent::Select => "SELECT",
            RuleEvent::Update => "UPDATE",
            RuleEvent::Delete => "DELETE",
            RuleEvent::Insert => "INSERT",
        };
        write!(f, "RULE {} AS ON {event} TO {}", quote_ident(&self.name), self.relation)?;
        if let Some(w) = &self.where_clause {
            write!(f, " WHERE {w}")?;
        }
        f.write_str(if self.instead { " DO INSTEAD " } else { " DO ALSO " })?;
        if self.actions.is_empty() {
            return f.write_str("NOTHING");
        }
        f.write_str("(")?;
        list(f, &self.actions, "; ")?;
        f.write_str(")")
    }
}

impl Display for AggregateArgs {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            AggregateArgs::Star => f.write_str("(*)"),
            AggregateArgs::List { args, order_by } => {
                f.write_str("(")?;
                list(f, args, ", ")?;
                if let Some(ordered) = order_by {
                    f.write_str(if args.is_empty() { "ORDER BY " } else { " ORDER BY " })?;
                    list(f, ordered, ", ")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl Display for CreateAggregateStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        if self.replace {
            f.write_str("OR REPLACE ")?;
        }
        write!(f, "AGGREGATE {} ", names(&self.name))?;
        if let Some(args) = &self.args {
            write!(f, "{args} ")?;
        }
        super::ddl_types::definition(f, &self.definition)
    }
}

impl Display for CreateOperatorStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CREATE OPERATOR {} ", any_operator(&self.name))?;
        super::ddl_types::definition(f, &self.definition)
    }
}

impl Display for AlterOperatorStmt {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "ALTER OPERATOR {} SET ", self.oper)?;
        super::ddl_types::operator_def_list(f, &self.options)
    }
}
