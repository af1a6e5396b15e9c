//! The grammar of expressions: operators by precedence, the special infix forms (IS, BETWEEN, IN, LIKE, AT TIME ZONE, COLLATE), function calls with their decorations, the SQL-syntax functions, CASE, ARRAY, row constructors, subqueries, XML, window specifications.
//!
//! PostgreSQL source area: gram.y `a_expr`, `b_expr`, `c_expr`, `func_expr`, `func_expr_common_subexpr`, `window_specification`, `xml*`.

use super::*;

impl<'a> Parser<'a> {
    /// `item [, item ...]`: one or more items separated by commas (gram.y's many `*_list`
    /// rules), each counted for the interrupt check.
    pub(super) fn comma_list<T>(&mut self, mut item: impl FnMut(&mut Self) -> PgResult<T>) -> PgResult<Vec<T>> {
        let mut v = Vec::new();
        loop {
            self.tick()?;
            v.push(item(self)?);
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    pub(super) fn expr_list(&mut self) -> PgResult<Vec<Expr>> {
        self.comma_list(Self::a_expr)
    }

    /// `a_expr`.
    pub(super) fn a_expr(&mut self) -> PgResult<Expr> {
        self.expr_prec(0, false)
    }

    /// `b_expr`: no boolean operators, IS tests other than DISTINCT, LIKE/IN/BETWEEN, AT, COLLATE.
    pub(super) fn b_expr(&mut self) -> PgResult<Expr> {
        self.expr_prec(0, true)
    }

    pub(super) fn infix_at(&self) -> Option<(Infix, u8)> {
        let t = self.peek();
        Some(match &t.kind {
            TokenKind::Keyword(k) => match k.kw {
                Kw::Or => (Infix::Or, prec::OR),
                Kw::And => (Infix::And, prec::AND),
                Kw::Is => (Infix::Is, prec::IS),
                Kw::Isnull => (Infix::IsNull, prec::IS),
                Kw::Notnull => (Infix::NotNull, prec::IS),
                // `SIMILAR` without `TO` is SUBSTRING's `x SIMILAR pattern ESCAPE e` there (see
                // `StopAt::SimilarWithoutTo`) and an error elsewhere.
                Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar => (Infix::Like, prec::LIKE),
                Kw::Not
                    if matches!(self.word_at(1), Some(Kw::Between | Kw::In | Kw::Like | Kw::Ilike | Kw::Similar)) =>
                {
                    (Infix::Like, prec::LIKE)
                }
                // After an operand these can only begin `OPERATOR(...)` and `AT TIME ZONE`
                // (or be a bare label, see `expr_prec_from`).
                Kw::Operator => (Infix::Op, prec::OP),
                Kw::At => (Infix::At, prec::AT),
                Kw::Collate => (Infix::Collate, prec::COLLATE),
                _ => return None,
            },
            TokenKind::Char('<' | '>' | '=')
            | TokenKind::LessEquals
            | TokenKind::GreaterEquals
            | TokenKind::NotEquals => (Infix::Cmp, prec::CMP),
            TokenKind::Op(_) => (Infix::Op, prec::OP),
            TokenKind::Char('+' | '-') => (Infix::Add, prec::ADD),
            TokenKind::Char('*' | '/' | '%') => (Infix::Mul, prec::MUL),
            TokenKind::Char('^') => (Infix::Exp, prec::EXP),
            _ => return None,
        })
    }

    pub(super) fn expr_prec(&mut self, min: u8, restricted: bool) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        self.tick()?;
        let saved = self.begin_operand();
        let left = self.prefix_expr(restricted)?;
        let e = self.expr_prec_from(left, min, restricted, StopAt::Nothing)?;
        self.end_operand(saved);
        Ok(e)
    }

    /// Starts reading an operand whose depth is counted from zero (see
    /// [`Parser::expr_depth`]); returns the enclosing operand's depth so far.
    pub(super) fn begin_operand(&mut self) -> usize {
        std::mem::take(&mut self.expr_depth)
    }

    /// Ends the operand begun by [`Parser::begin_operand`]: the enclosing operand's depth is
    /// at least this one's.
    pub(super) fn end_operand(&mut self, saved: usize) {
        self.expr_depth = self.expr_depth.max(saved);
    }

    /// One more link on top of the expression built so far (an operator, a cast, a test):
    /// 54001 past [`MAX_EXPR_DEPTH`].
    pub(super) fn add_link(&mut self) -> PgResult<()> {
        self.expr_depth += 1;
        if self.expr_depth > MAX_EXPR_DEPTH {
            return Err(pg_error::stack::stack_depth_error());
        }
        Ok(())
    }

    /// The infix operators (of precedence `min` or higher) that follow an already parsed
    /// operand `left`.
    ///
    /// `stop` ends the outermost loop of an expression early where bison would read a keyword
    /// otherwise than as an operator (see [`StopAt`]).
    ///
    /// A `::` after any complete operand casts it (`x IS NULL::int` casts the test), as
    /// gram.y's `a_expr TYPECAST Typename` does.
    pub(super) fn expr_prec_from(&mut self, mut left: Expr, min: u8, restricted: bool, stop: StopAt) -> PgResult<Expr> {
        let mut last_nonassoc: Option<u8> = None;
        // A left-associative chain (`1 + 1 + ... + 1`) is built by this loop
        // without recursing here, but every later pass (analysis, evaluation,
        // dropping the tree) recurses once per link: bound it like recursion.
        let mut chain = 0usize;
        loop {
            if self.peek().kind == TokenKind::Typecast {
                left = self.typecasts(left)?;
                continue;
            }
            let Some((op, p)) = self.infix_at() else { break };
            if p < min {
                break;
            }
            let stop_here = match stop {
                StopAt::Nothing => false,
                StopAt::BareLabel => {
                    Self::kw_of(self.peek()).is_some_and(|k| k.bare_label)
                        && (self.is_char_n(1, ',') || self.target_list_ends_at(1))
                }
                StopAt::SimilarWithoutTo => self.is_kw(Kw::Similar) && !self.is_kw_n(1, Kw::To),
            };
            if stop_here {
                break;
            }
            // AND and OR chains flatten into one n-ary node (`make_bool`), so they do not
            // deepen the tree and are not counted.
            if !matches!(op, Infix::And | Infix::Or) {
                chain += 1;
            }
            if chain > MAX_OPERATOR_CHAIN {
                return Err(pg_error::stack::stack_depth_error());
            }
            if restricted {
                let allowed = match op {
                    Infix::Cmp | Infix::Op | Infix::Add | Infix::Mul | Infix::Exp => true,
                    Infix::Is => {
                        let n = if self.is_kw_n(1, Kw::Not) { 2 } else { 1 };
                        self.is_kw_n(n, Kw::Distinct) || self.is_kw_n(n, Kw::Document)
                    }
                    _ => false,
                };
                if !allowed {
                    break;
                }
            }
            if last_nonassoc == Some(p) {
                return self.err();
            }
            // A link deepens the tree, except a term appended to an AND / OR node.
            let appends = matches!(
                (op, &left.kind),
                (Infix::And, ExprKind::Bool { op: BoolOp::And, .. })
                    | (Infix::Or, ExprKind::Bool { op: BoolOp::Or, .. })
            );
            let loc = self.loc();
            let nonassoc;
            (left, nonassoc) = match op {
                Infix::Or | Infix::And => {
                    self.advance();
                    let right = self.expr_prec(p + 1, restricted)?;
                    let bop = if op == Infix::Or { BoolOp::Or } else { BoolOp::And };
                    (make_bool(bop, left, right, loc), false)
                }
                Infix::IsNull | Infix::NotNull => {
                    self.advance();
                    (Expr::new(ExprKind::NullTest { expr: boxed(left), not: op == Infix::NotNull }, loc), false)
                }
                Infix::Cmp | Infix::Op | Infix::Add | Infix::Mul | Infix::Exp => {
                    let e = self.binary_op_expr(op, p, left, restricted)?;
                    // `x = ANY (...)` ends with its `)`, whose precedence lets a comparison
                    // follow (`x = ANY (a) < y`); only a plain comparison is non-associative.
                    let plain = matches!(e.kind, ExprKind::Op { .. });
                    (e, op == Infix::Cmp && plain)
                }
                _ => self.special_infix_expr(op, p, left, restricted)?,
            };
            if !appends {
                self.add_link()?;
            }
            last_nonassoc = if nonassoc { Some(p) } else { None };
        }
        Ok(left)
    }

    /// `left op right` for an operator of precedence `p` at the current token (and
    /// `left op ANY|ALL (...)`).
    pub(super) fn binary_op_expr(&mut self, op: Infix, p: u8, left: Expr, restricted: bool) -> PgResult<Expr> {
        let loc = self.loc();
        let name = if op == Infix::Op && self.is_kw(Kw::Operator) {
            self.operator_construct()?
        } else {
            let n = self.math_or_op().unwrap_or_default();
            self.advance();
            vec![n]
        };
        // ANY/SOME/ALL (reserved words) after an operator can only be `sub_type (...)`, which
        // gram.y has in a_expr only: in a b_expr (a column's DEFAULT) the word is the error.
        if !restricted && matches!(self.word_at(0), Some(Kw::Any | Kw::Some | Kw::All)) {
            let all = self.is_kw(Kw::All);
            self.advance();
            self.any_all(name, all, left, loc)
        } else {
            let right = self.expr_prec(p + 1, restricted)?;
            Ok(Expr::new(ExprKind::Op { name, left: Some(boxed(left)), right: boxed(right) }, loc))
        }
    }

    /// The infix constructs other than AND, OR and plain operators: IS ..., [NOT] BETWEEN /
    /// IN / LIKE / ILIKE / SIMILAR TO, AT TIME ZONE and COLLATE. Returns the expression and
    /// whether its operator is non-associative. Kept out of [`Parser::expr_prec_from`] so that
    /// the usual path through that loop keeps a small stack frame.
    #[inline(never)]
    pub(super) fn special_infix_expr(
        &mut self,
        op: Infix,
        p: u8,
        left: Expr,
        restricted: bool,
    ) -> PgResult<(Expr, bool)> {
        let loc = self.loc();
        let mut nonassoc = false;
        let e = match op {
            Infix::Is => {
                self.advance();
                // NOT before LIKE/IN/... is parser.c's NOT_LA, which IS does not take.
                if self.at_lookahead_token() {
                    return self.err();
                }
                let not = self.eat_kw(Kw::Not);
                let tok = self.word_at(0);
                match tok {
                    Some(Kw::Null) => {
                        self.advance();
                        Expr::new(ExprKind::NullTest { expr: boxed(left), not }, loc)
                    }
                    Some(w @ (Kw::True | Kw::False | Kw::Unknown)) => {
                        self.advance();
                        let test = match (w, not) {
                            (Kw::True, false) => BoolTestKind::IsTrue,
                            (Kw::True, true) => BoolTestKind::IsNotTrue,
                            (Kw::False, false) => BoolTestKind::IsFalse,
                            (Kw::False, true) => BoolTestKind::IsNotFalse,
                            (_, false) => BoolTestKind::IsUnknown,
                            (_, true) => BoolTestKind::IsNotUnknown,
                        };
                        Expr::new(ExprKind::BooleanTest { expr: boxed(left), test }, loc)
                    }
                    Some(Kw::Document) => {
                        self.advance();
                        let e = Expr::new(
                            ExprKind::Xml(Box::new(XmlExpr {
                                op: XmlExprOp::IsDocument,
                                name: None,
                                named_args: Vec::new(),
                                args: vec![left],
                                xmloption: XmlOption::Document,
                            })),
                            loc,
                        );
                        if not {
                            Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![e] }, loc)
                        } else {
                            e
                        }
                    }
                    Some(Kw::Normalized | Kw::Nfc | Kw::Nfd | Kw::Nfkc | Kw::Nfkd) => {
                        let mut args = vec![left];
                        if !self.is_kw(Kw::Normalized) {
                            let floc = self.loc();
                            let form = self.unicode_normal_form()?;
                            args.push(str_const(form, floc));
                        }
                        self.expect_kw(Kw::Normalized)?;
                        let e = sql_func("is_normalized", args, loc);
                        if not {
                            Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![e] }, loc)
                        } else {
                            e
                        }
                    }
                    Some(Kw::Distinct) => {
                        self.advance();
                        self.expect_kw(Kw::From)?;
                        let right = self.expr_prec(p + 1, restricted)?;
                        nonassoc = true;
                        Expr::new(ExprKind::Distinct { not, left: boxed(left), right: boxed(right) }, loc)
                    }
                    _ => return self.err(),
                }
            }
            Infix::Like => {
                let not = self.eat_kw(Kw::Not);
                let word = self.word_at(0);
                self.advance();
                match word {
                    Some(Kw::Between) => {
                        let symmetric = if self.eat_kw(Kw::Symmetric) {
                            true
                        } else {
                            let _ = self.eat_kw(Kw::Asymmetric);
                            false
                        };
                        let low = self.b_expr()?;
                        self.expect_kw(Kw::And)?;
                        let high = self.expr_prec(p + 1, false)?;
                        nonassoc = true;
                        Expr::new(
                            ExprKind::Between { not, symmetric, expr: boxed(left), low: boxed(low), high: boxed(high) },
                            loc,
                        )
                    }
                    Some(Kw::In) => self.in_expr(not, left, loc)?,
                    Some(Kw::Like | Kw::Ilike | Kw::Similar) => {
                        let kind = match word {
                            Some(Kw::Like) => LikeKind::Like,
                            Some(Kw::Ilike) => LikeKind::ILike,
                            _ => {
                                self.expect_kw(Kw::To)?;
                                LikeKind::Similar
                            }
                        };
                        if kind != LikeKind::Similar && matches!(self.word_at(0), Some(Kw::Any | Kw::Some | Kw::All)) {
                            let all = self.is_kw(Kw::All);
                            self.advance();
                            let opname = match (kind, not) {
                                (LikeKind::Like, false) => "~~",
                                (LikeKind::Like, true) => "!~~",
                                (_, false) => "~~*",
                                (_, true) => "!~~*",
                            };
                            self.any_all(vec![opname.into()], all, left, loc)?
                        } else {
                            nonassoc = true;
                            let pattern = self.expr_prec(p + 1, false)?;
                            let escape =
                                if self.eat_kw(Kw::Escape) { Some(boxed(self.expr_prec(p + 1, false)?)) } else { None };
                            Expr::new(
                                ExprKind::Like { kind, not, expr: boxed(left), pattern: boxed(pattern), escape },
                                loc,
                            )
                        }
                    }
                    _ => return self.err(),
                }
            }
            Infix::At => {
                self.advance();
                self.expect_kw(Kw::Time)?;
                self.expect_kw(Kw::Zone)?;
                let zone = self.expr_prec(p + 1, false)?;
                sql_func("timezone", vec![zone, left], loc)
            }
            Infix::Collate => {
                self.advance();
                let collation = self.any_name()?;
                Expr::new(ExprKind::Collate { arg: boxed(left), collation }, loc)
            }
            _ => return self.err(),
        };
        Ok((e, nonassoc))
    }

    /// `x op ANY|ALL (...)` after the operator and ANY/ALL: a subquery (`sub_type
    /// select_with_parens`) or an array expression (`sub_type '(' a_expr ')'`).
    pub(super) fn any_all(&mut self, name: Vec<String>, all: bool, left: Expr, loc: usize) -> PgResult<Expr> {
        let (group, _) = self.paren_group(false)?;
        Ok(match group {
            ParenGroup::Select(sub) => {
                let kind = if all { SubLinkKind::All(name) } else { SubLinkKind::Any(name) };
                Expr::new(ExprKind::SubLink { kind, test_expr: Some(boxed(left)), subselect: sub }, loc)
            }
            ParenGroup::Expr(e) => Expr::new(ExprKind::OpAnyAll { name, all, left: boxed(left), right: boxed(e) }, loc),
            ParenGroup::List(_) => unreachable!("paren_group(false) stops at the first comma"),
        })
    }

    /// `in_expr`: a subquery (`select_with_parens`) or a parenthesised list of expressions.
    pub(super) fn in_expr(&mut self, not: bool, left: Expr, loc: usize) -> PgResult<Expr> {
        if !self.is_char('(') {
            return self.err();
        }
        let (group, _) = self.paren_group(true)?;
        let list = match group {
            ParenGroup::Select(sub) => {
                let sl = Expr::new(
                    ExprKind::SubLink {
                        // No operator name: gram.y's mark of IN (it is
                        // `= ANY` to the analyzer, but prints back as IN).
                        kind: SubLinkKind::Any(Vec::new()),
                        test_expr: Some(boxed(left)),
                        subselect: sub,
                    },
                    loc,
                );
                return Ok(if not { Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![sl] }, loc) } else { sl });
            }
            ParenGroup::Expr(e) => vec![e],
            ParenGroup::List(list) => list,
        };
        Ok(Expr::new(ExprKind::In { not, expr: boxed(left), list }, loc))
    }

    pub(super) fn paren_a_expr(&mut self) -> PgResult<Expr> {
        self.expect_char('(')?;
        let e = self.a_expr()?;
        self.expect_char(')')?;
        Ok(e)
    }

    pub(super) fn paren_expr_list(&mut self) -> PgResult<Vec<Expr>> {
        self.expect_char('(')?;
        let e = self.expr_list()?;
        self.expect_char(')')?;
        Ok(e)
    }

    /// True when the current token can only begin a `select_no_parens`.
    pub(super) fn at_select_keyword(&self) -> bool {
        match self.word_at(0) {
            Some(Kw::Select | Kw::With | Kw::Table) => true,
            // VALUES is unreserved: without `(` it is a name (`(values)`).
            Some(Kw::Values) => self.is_char_n(1, '('),
            _ => false,
        }
    }

    /// True when the current token continues a `select_clause` that began with a parenthesised
    /// query: a set operation, or the decorations of `select_no_parens`.
    pub(super) fn select_continues(&self) -> bool {
        matches!(
            self.word_at(0),
            Some(Kw::Union | Kw::Intersect | Kw::Except | Kw::Order | Kw::Limit | Kw::Offset | Kw::Fetch | Kw::For)
        )
    }

    /// A parenthesised group in an expression: `select_with_parens`, `'(' a_expr ')'`, or
    /// `'(' expr_list ')'` (an implicit row, or the list of an IN), told apart without
    /// backtracking, as bison's LR parser tells them apart: the group is read once, left to
    /// right, and what it is follows from what was found.
    ///
    /// A run of `(` opens this group and the groups nested directly inside it; they are read
    /// from the innermost outwards, in a loop rather than by recursion, so that any number of
    /// nested parentheses costs no stack.
    /// - The innermost group is a query when a select keyword follows its `(`, else an
    ///   expression or a list.
    /// - An inner query followed by `)` or by a set operation, ORDER BY, LIMIT, ... makes the
    ///   enclosing group a query too (`((select 1) union select 2)`); followed by anything else
    ///   it is a scalar subquery operand (`((select 1) + 1)`), and the expression grammar
    ///   continues from it as from any other primary.
    ///
    /// Returns the group and the byte offset of its `(`. With `allow_list` false (ANY/ALL's
    /// array operand) a comma after the first expression of the outermost group is a syntax
    /// error there.
    pub(super) fn paren_group(&mut self, allow_list: bool) -> PgResult<(ParenGroup, usize)> {
        // The group's depth is counted from its own contents, not from what precedes it.
        let saved = self.begin_operand();
        let r = self.paren_group_inner(allow_list);
        self.end_operand(saved);
        r
    }

    pub(super) fn paren_group_inner(&mut self, allow_list: bool) -> PgResult<(ParenGroup, usize)> {
        let opens = self.open_parens()?;
        // Each part in a function of its own keeps this frame, which is on the stack of every
        // level of nested subqueries and operands, small.
        let group = if self.at_select_keyword() {
            self.innermost_select_group()?
        } else {
            self.innermost_expr_group(allow_list || opens.len() > 1)?
        };
        self.close_groups(group, &opens, allow_list)
    }

    pub(super) fn innermost_select_group(&mut self) -> PgResult<ParenGroup> {
        Ok(ParenGroup::Select(self.select_stmt()?))
    }

    pub(super) fn innermost_expr_group(&mut self, allow_list: bool) -> PgResult<ParenGroup> {
        let e = self.a_expr()?;
        self.paren_list_rest(e, allow_list)
    }

    /// After the innermost group of a run of `(` (at `opens`): its `)`, and the enclosing
    /// groups from the inside out.
    pub(super) fn close_groups(
        &mut self,
        mut group: ParenGroup,
        opens: &[usize],
        allow_list: bool,
    ) -> PgResult<(ParenGroup, usize)> {
        self.expect_char(')')?;
        for level in (0..opens.len() - 1).rev() {
            group = self.enclose_group(group, opens[level + 1], allow_list || level > 0)?;
            self.expect_char(')')?;
        }
        Ok((group, opens[0]))
    }

    /// Consumes a run of `(` and returns their byte offsets, outermost first.
    ///
    /// The run costs no stack here. PostgreSQL's bison parser keeps one entry per open
    /// parenthesis on its 10,000-entry stack; where that overflows, `bison_depth.rs` has
    /// already found the token, and `parse_statements` answers its 42601 instead.
    pub(super) fn open_parens(&mut self) -> PgResult<Vec<usize>> {
        let mut opens = Vec::new();
        while self.is_char('(') {
            opens.push(self.loc());
            self.advance();
            self.tick()?;
        }
        if opens.is_empty() {
            return self.err();
        }
        Ok(opens)
    }

    /// The contents of a group that began with the (already closed) inner group `inner`, whose
    /// `(` is at `inner_loc`: see [`Parser::paren_group`].
    #[inline(never)]
    pub(super) fn enclose_group(
        &mut self,
        inner: ParenGroup,
        inner_loc: usize,
        allow_list: bool,
    ) -> PgResult<ParenGroup> {
        match inner {
            ParenGroup::Select(sub) if self.is_char(')') => Ok(ParenGroup::Select(sub)),
            ParenGroup::Select(sub) if self.select_continues() => {
                let s = self.select_clause_from(sub, 0)?;
                Ok(ParenGroup::Select(self.select_decorations(s)?))
            }
            inner => {
                let primary = self.group_as_primary(inner, inner_loc)?;
                let e = self.c_expr_from(primary)?;
                let e = self.expr_prec_from(e, 0, false, StopAt::Nothing)?;
                self.paren_list_rest(e, allow_list)
            }
        }
    }

    /// After the first expression of a parenthesised group: more members, or just that one.
    pub(super) fn paren_list_rest(&mut self, first: Expr, allow_list: bool) -> PgResult<ParenGroup> {
        if !self.is_char(',') {
            return Ok(ParenGroup::Expr(first));
        }
        if !allow_list {
            return self.err();
        }
        let mut list = vec![first];
        while self.eat_char(',') {
            self.tick()?;
            list.push(self.a_expr()?);
        }
        Ok(ParenGroup::List(list))
    }

    /// A parenthesised group used as a `c_expr`: a scalar subquery or a parenthesised
    /// expression, each with optional indirection, or an implicit row.
    pub(super) fn group_as_primary(&mut self, group: ParenGroup, loc: usize) -> PgResult<Expr> {
        match group {
            ParenGroup::Select(sub) => {
                let e = Expr::new(ExprKind::SubLink { kind: SubLinkKind::Expr, test_expr: None, subselect: sub }, loc);
                self.opt_indirection(e)
            }
            ParenGroup::Expr(e) => self.opt_indirection(e),
            ParenGroup::List(args) if self.is_kw(Kw::Overlaps) => self.overlaps_expr(args, loc),
            ParenGroup::List(args) => Ok(Expr::new(ExprKind::Row { args, explicit: false }, loc)),
        }
    }

    /// `row OVERLAPS row` after the left row (whose fields are `left`, at `left_loc`): a call
    /// of `overlaps` with the four fields. Each row is `ROW(...)` or `(a, b, ...)` and must
    /// have two fields.
    #[inline(never)]
    pub(super) fn overlaps_expr(&mut self, mut left: Vec<Expr>, left_loc: usize) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_kw(Kw::Overlaps)?;
        let right_loc = self.loc();
        let right = if self.is_kw(Kw::Row) && self.is_char_n(1, '(') {
            self.advance();
            self.advance();
            let args = if self.is_char(')') { Vec::new() } else { self.expr_list()? };
            self.expect_char(')')?;
            args
        } else if self.is_char('(') {
            match self.paren_group(true)?.0 {
                ParenGroup::List(args) => args,
                // `(x)` is no row: bison wanted a `,` where the `)` is.
                _ => return Err(self.error_at_token(self.pos - 1)),
            }
        } else {
            return self.err();
        };
        let wrong = |side: &str, at: usize| {
            Err(PgError::syntax(
                format!("wrong number of parameters on {side} side of OVERLAPS expression"),
                lexer::char_position(self.sql, at),
            ))
        };
        if left.len() != 2 {
            return wrong("left", left_loc);
        }
        if right.len() != 2 {
            return wrong("right", right_loc);
        }
        left.extend(right);
        Ok(sql_func("overlaps", left, loc))
    }

    /// A prefix operator expression, or a `c_expr`.
    pub(super) fn prefix_expr(&mut self, restricted: bool) -> PgResult<Expr> {
        if self.is_kw(Kw::Default) && !restricted {
            // gram.y's `a_expr: DEFAULT` (never a `b_expr`); it takes casts but no indirection.
            let e = Expr::new(ExprKind::SetToDefault, self.loc());
            self.advance();
            return self.c_expr_from(e);
        }
        let prefix = (self.is_kw(Kw::Not) && !restricted)
            || self.is_char('-')
            || self.is_char('+')
            || matches!(self.peek().kind, TokenKind::Op(_))
            || (self.is_kw(Kw::Operator) && self.is_char_n(1, '('));
        if prefix {
            return self.prefix_op_expr(restricted);
        }
        self.c_expr()
    }

    /// `NOT a`, `- a`, `+ a`, `op a`: kept out of [`Parser::prefix_expr`] so that the frames of
    /// the usual path through it stay small (see "Stack depth" in the README).
    #[inline(never)]
    pub(super) fn prefix_op_expr(&mut self, restricted: bool) -> PgResult<Expr> {
        pg_error::check_stack_depth()?;
        let loc = self.loc();
        if self.is_kw(Kw::Not) {
            self.advance();
            let arg = self.expr_prec(prec::NOT, false)?;
            return Ok(Expr::new(ExprKind::Bool { op: BoolOp::Not, args: vec![arg] }, loc));
        }
        if self.is_char('-') || self.is_char('+') {
            let minus = self.is_char('-');
            self.advance();
            let arg = self.expr_prec(prec::UMINUS, restricted)?;
            if minus {
                return Ok(negate(arg, loc));
            }
            return Ok(Expr::new(ExprKind::Op { name: vec!["+".into()], left: None, right: boxed(arg) }, loc));
        }
        let name = self.qual_all_op()?;
        let arg = self.expr_prec(prec::OP + 1, restricted)?;
        Ok(Expr::new(ExprKind::Op { name, left: None, right: boxed(arg) }, loc))
    }

    /// `c_expr` plus the `::` casts that bind tighter than anything but `.`.
    pub(super) fn c_expr(&mut self) -> PgResult<Expr> {
        let e = self.primary()?;
        self.c_expr_from(e)
    }

    /// The `::` casts after an already parsed primary.
    pub(super) fn c_expr_from(&mut self, e: Expr) -> PgResult<Expr> {
        if self.peek().kind != TokenKind::Typecast {
            return Ok(e);
        }
        self.typecasts(e)
    }

    #[inline(never)]
    pub(super) fn typecasts(&mut self, mut e: Expr) -> PgResult<Expr> {
        // `x::int::int...` is a left-deep chain like an operator chain (see `expr_prec_from`),
        // bounded the same way: PostgreSQL takes 10,000 casts and answers 54001 at 100,000.
        let mut chain = 0usize;
        while self.peek().kind == TokenKind::Typecast {
            chain += 1;
            if chain > MAX_OPERATOR_CHAIN {
                return Err(pg_error::stack::stack_depth_error());
            }
            let loc = self.loc();
            self.advance();
            let type_name = self.type_name()?;
            e = Expr::new(ExprKind::TypeCast { arg: boxed(e), type_name: Box::new(type_name) }, loc);
            self.add_link()?;
        }
        Ok(e)
    }

    /// Optional `indirection` after a parenthesised expression, parameter or subquery.
    pub(super) fn opt_indirection(&mut self, e: Expr) -> PgResult<Expr> {
        if !(self.is_char('.') || self.is_char('[')) {
            return Ok(e);
        }
        self.indirection(e)
    }

    #[inline(never)]
    pub(super) fn indirection(&mut self, e: Expr) -> PgResult<Expr> {
        let steps = self.indirection_steps()?;
        if steps.is_empty() {
            return Ok(e);
        }
        let loc = e.location.0;
        Ok(Expr::new(ExprKind::Indirection { arg: boxed(e), steps }, loc))
    }

    pub(super) fn indirection_steps(&mut self) -> PgResult<Vec<IndirectionStep>> {
        let mut steps = Vec::new();
        loop {
            if self.is_char('.') {
                self.advance();
                if self.eat_char('*') {
                    steps.push(IndirectionStep::Star);
                } else {
                    steps.push(IndirectionStep::Field(self.col_label()?));
                }
            } else if self.is_char('[') {
                self.advance();
                let lower = if self.is_char(':') || self.is_char(']') { None } else { Some(boxed(self.a_expr()?)) };
                if self.eat_char(':') {
                    let upper = if self.is_char(']') { None } else { Some(boxed(self.a_expr()?)) };
                    self.expect_char(']')?;
                    steps.push(IndirectionStep::Subscript { lower, upper, slice: true });
                } else {
                    if lower.is_none() {
                        return self.err();
                    }
                    self.expect_char(']')?;
                    steps.push(IndirectionStep::Subscript { lower, upper: None, slice: false });
                }
            } else {
                if steps.iter().rev().skip(1).any(|s| *s == IndirectionStep::Star) {
                    return Err(self.improper_star());
                }
                return Ok(steps);
            }
        }
    }

    /// gram.y's `check_indirection`: `.*` may only end an indirection (`t.*.x`), reported at
    /// the token after the whole indirection.
    pub(super) fn improper_star(&self) -> PgError {
        let t = self.peek();
        match &t.kind {
            TokenKind::Error(e) => (**e).clone(),
            _ => lexer::error_at(self.sql, "improper use of \"*\"", t.start, t.end),
        }
    }

    pub(super) fn primary(&mut self) -> PgResult<Expr> {
        // Every operand passes here, also where a construct reads a bare `c_expr` without
        // casts (XMLEXISTS's arguments nest: `xmlexists(xmlexists(...) passing ...)`).
        pg_error::check_stack_depth()?;
        let loc = self.loc();
        let value = match &self.peek().kind {
            TokenKind::Iconst(v) => Value::Integer(*v),
            TokenKind::Fconst(s) => Value::Float(s.clone()),
            TokenKind::Sconst(s) => Value::String(s.clone()),
            TokenKind::Bconst(s) | TokenKind::Xconst(s) => Value::BitString(s.clone()),
            TokenKind::Param(n) => {
                let e = Expr::new(ExprKind::Param(*n), loc);
                self.advance();
                return self.opt_indirection(e);
            }
            TokenKind::Char('(') => return self.paren_primary(),
            TokenKind::Keyword(k) => return self.keyword_primary(k, loc),
            TokenKind::Ident(_) => return self.name_primary(loc),
            _ => return self.err(),
        };
        self.advance();
        Ok(Expr::new(ExprKind::Const(value), loc))
    }

    pub(super) fn paren_primary(&mut self) -> PgResult<Expr> {
        let (group, loc) = self.paren_group(true)?;
        self.group_as_primary(group, loc)
    }

    #[inline(never)]
    pub(super) fn keyword_primary(&mut self, k: &'static Keyword, loc: usize) -> PgResult<Expr> {
        let next_paren = self.is_char_n(1, '(');
        let svf = |op| Ok(Expr::new(ExprKind::SqlValueFunction { op, precision: None }, loc));
        match k.kw {
            Kw::True | Kw::False => {
                self.advance();
                Ok(Expr::new(ExprKind::Const(Value::Boolean(k.kw == Kw::True)), loc))
            }
            Kw::Null => {
                self.advance();
                Ok(Expr::new(ExprKind::Const(Value::Null), loc))
            }
            Kw::Case => self.case_expr(),
            Kw::Cast => {
                self.advance();
                self.expect_char('(')?;
                let arg = self.a_expr()?;
                self.expect_kw(Kw::As)?;
                let type_name = self.type_name()?;
                self.expect_char(')')?;
                Ok(Expr::new(ExprKind::TypeCast { arg: boxed(arg), type_name: Box::new(type_name) }, loc))
            }
            // EXISTS is a column-name keyword: without `(` it names a column.
            Kw::Exists if next_paren => {
                self.advance();
                let sub = self.select_with_parens()?;
                Ok(Expr::new(ExprKind::SubLink { kind: SubLinkKind::Exists, test_expr: None, subselect: sub }, loc))
            }
            Kw::Array => {
                self.advance();
                if self.is_char('(') {
                    let sub = self.select_with_parens()?;
                    return Ok(Expr::new(
                        ExprKind::SubLink { kind: SubLinkKind::Array, test_expr: None, subselect: sub },
                        loc,
                    ));
                }
                // The outermost ARRAY[...] is located at ARRAY (gram.y).
                let mut e = self.array_expr()?;
                e.location = crate::ast::Location(loc);
                Ok(e)
            }
            Kw::Row if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let args = if self.is_char(')') { Vec::new() } else { self.expr_list()? };
                self.expect_char(')')?;
                if self.is_kw(Kw::Overlaps) {
                    return self.overlaps_expr(args, loc);
                }
                Ok(Expr::new(ExprKind::Row { args, explicit: true }, loc))
            }
            Kw::CurrentDate => {
                self.advance();
                svf(SqlValueFunctionOp::CurrentDate)
            }
            Kw::CurrentTime | Kw::CurrentTimestamp | Kw::Localtime | Kw::Localtimestamp => {
                self.advance();
                let op = match k.kw {
                    Kw::CurrentTime => SqlValueFunctionOp::CurrentTime,
                    Kw::CurrentTimestamp => SqlValueFunctionOp::CurrentTimestamp,
                    Kw::Localtime => SqlValueFunctionOp::LocalTime,
                    _ => SqlValueFunctionOp::LocalTimestamp,
                };
                let precision = if self.eat_char('(') {
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    Some(p)
                } else {
                    None
                };
                Ok(Expr::new(ExprKind::SqlValueFunction { op, precision }, loc))
            }
            Kw::CurrentRole | Kw::CurrentUser | Kw::User | Kw::SessionUser | Kw::CurrentCatalog => {
                self.advance();
                svf(match k.kw {
                    Kw::CurrentRole => SqlValueFunctionOp::CurrentRole,
                    Kw::CurrentUser => SqlValueFunctionOp::CurrentUser,
                    Kw::User => SqlValueFunctionOp::User,
                    Kw::SessionUser => SqlValueFunctionOp::SessionUser,
                    _ => SqlValueFunctionOp::CurrentCatalog,
                })
            }
            Kw::CurrentSchema if !next_paren => {
                self.advance();
                svf(SqlValueFunctionOp::CurrentSchema)
            }
            Kw::Coalesce | Kw::Greatest | Kw::Least | Kw::Grouping if next_paren => {
                self.advance();
                let args = self.paren_expr_list()?;
                Ok(Expr::new(
                    match k.kw {
                        Kw::Coalesce => ExprKind::Coalesce(args),
                        Kw::Grouping => ExprKind::Grouping(args),
                        w => ExprKind::MinMax { greatest: w == Kw::Greatest, args },
                    },
                    loc,
                ))
            }
            Kw::Nullif if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.a_expr()?;
                self.expect_char(',')?;
                let b = self.a_expr()?;
                self.expect_char(')')?;
                Ok(Expr::new(ExprKind::NullIf(boxed(a), boxed(b)), loc))
            }
            Kw::Extract if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let field = match &self.peek().kind {
                    TokenKind::Ident(s) => s.clone(),
                    TokenKind::Sconst(s) => s.clone(),
                    TokenKind::Keyword(k2)
                        if matches!(k2.kw, Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second) =>
                    {
                        k2.word.to_string()
                    }
                    _ => return self.err(),
                };
                let floc = self.loc();
                self.advance();
                self.expect_kw(Kw::From)?;
                let arg = self.a_expr()?;
                self.expect_char(')')?;
                Ok(sql_func("extract", vec![str_const(&field, floc), arg], loc))
            }
            Kw::Position if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.b_expr()?;
                self.expect_kw(Kw::In)?;
                let b = self.b_expr()?;
                self.expect_char(')')?;
                Ok(sql_func("position", vec![b, a], loc))
            }
            Kw::Substring if next_paren => {
                self.advance();
                self.expect_char('(')?;
                if self.eat_char(')') {
                    return Ok(func(vec!["substring".into()], Vec::new(), loc));
                }
                let saved = self.begin_operand();
                let first = self.prefix_expr(false)?;
                let s = self.expr_prec_from(first, 0, false, StopAt::SimilarWithoutTo)?;
                self.end_operand(saved);
                let args = if self.eat_kw(Kw::From) {
                    let from = self.a_expr()?;
                    if self.eat_kw(Kw::For) {
                        vec![s, from, self.a_expr()?]
                    } else {
                        vec![s, from]
                    }
                } else if self.eat_kw(Kw::For) {
                    let n = self.a_expr()?;
                    if self.eat_kw(Kw::From) {
                        let from = self.a_expr()?;
                        vec![s, from, n]
                    } else {
                        // gram.y casts a lone FOR count to int4, no textual FOR value
                        // being possible.
                        let cast = Expr::new(
                            ExprKind::TypeCast { arg: boxed(n), type_name: Box::new(system_type_name("int4")) },
                            loc,
                        );
                        vec![s, int_const(1, loc), cast]
                    }
                } else if self.eat_kw(Kw::Similar) {
                    let pat = self.a_expr()?;
                    self.expect_kw(Kw::Escape)?;
                    vec![s, pat, self.a_expr()?]
                } else {
                    let mut v = vec![s];
                    while self.eat_char(',') {
                        v.push(self.a_expr()?);
                    }
                    self.expect_char(')')?;
                    return Ok(func(vec!["substring".into()], v, loc));
                };
                self.expect_char(')')?;
                Ok(sql_func("substring", args, loc))
            }
            Kw::Trim if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let fname = if self.eat_kw(Kw::Leading) {
                    "ltrim"
                } else if self.eat_kw(Kw::Trailing) {
                    "rtrim"
                } else {
                    let _ = self.eat_kw(Kw::Both);
                    "btrim"
                };
                let args = if self.eat_kw(Kw::From) {
                    self.expr_list()?
                } else {
                    let first = self.a_expr()?;
                    if self.eat_kw(Kw::From) {
                        let mut v = self.expr_list()?;
                        v.push(first);
                        v
                    } else {
                        let mut v = vec![first];
                        while self.eat_char(',') {
                            v.push(self.a_expr()?);
                        }
                        v
                    }
                };
                self.expect_char(')')?;
                Ok(sql_func(fname, args, loc))
            }
            Kw::Overlay if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let a = self.a_expr()?;
                if self.eat_kw(Kw::Placing) {
                    let b = self.a_expr()?;
                    self.expect_kw(Kw::From)?;
                    let c = self.a_expr()?;
                    let mut args = vec![a, b, c];
                    if self.eat_kw(Kw::For) {
                        args.push(self.a_expr()?);
                    }
                    self.expect_char(')')?;
                    return Ok(sql_func("overlay", args, loc));
                }
                let mut v = vec![a];
                while self.eat_char(',') {
                    v.push(self.a_expr()?);
                }
                self.expect_char(')')?;
                Ok(func(vec!["overlay".into()], v, loc))
            }
            // parser.c turns NULLS before FIRST/LAST into NULLS_LA, which begins no expression.
            Kw::Nulls if matches!(self.word_at(1), Some(Kw::First | Kw::Last)) => self.err(),
            Kw::Xmlconcat
            | Kw::Xmlelement
            | Kw::Xmlexists
            | Kw::Xmlforest
            | Kw::Xmlparse
            | Kw::Xmlpi
            | Kw::Xmlroot
            | Kw::Xmlserialize
                if next_paren =>
            {
                self.xml_function(k.kw, loc)
            }
            Kw::Treat if next_paren => {
                // TREAT(x AS type) calls the type's function `pg_catalog.<type>(x)`.
                self.advance();
                self.expect_char('(')?;
                let arg = self.a_expr()?;
                self.expect_kw(Kw::As)?;
                let type_name = self.type_name()?;
                self.expect_char(')')?;
                let name = type_name.names.last().cloned().unwrap_or_default();
                Ok(func(sys(&name), vec![arg], loc))
            }
            Kw::Normalize if next_paren => {
                self.advance();
                self.expect_char('(')?;
                let mut args = vec![self.a_expr()?];
                if self.eat_char(',') {
                    let floc = self.loc();
                    let form = self.unicode_normal_form()?;
                    args.push(str_const(form, floc));
                }
                self.expect_char(')')?;
                Ok(sql_func("normalize", args, loc))
            }
            Kw::Collation if self.is_kw_n(1, Kw::For) => {
                self.advance();
                self.advance();
                let arg = self.paren_a_expr()?;
                Ok(sql_func("pg_collation_for", vec![arg], loc))
            }
            w if self.const_typename_follows(w) => self.typed_literal(loc),
            _ => match k.category {
                KeywordCategory::Reserved => self.err(),
                _ => self.name_primary(loc),
            },
        }
    }

    /// The XML functions of `func_expr_common_subexpr`, at their keyword (followed by `(`).
    #[inline(never)]
    pub(super) fn xml_function(&mut self, word: Kw, loc: usize) -> PgResult<Expr> {
        self.advance();
        self.expect_char('(')?;
        let xml = |op, name, named_args, args, xmloption| {
            PgResult::Ok(Expr::new(ExprKind::Xml(Box::new(XmlExpr { op, name, named_args, args, xmloption })), loc))
        };
        let e = match word {
            Kw::Xmlconcat => xml(XmlExprOp::Concat, None, Vec::new(), self.expr_list()?, XmlOption::Document),
            Kw::Xmlelement => {
                self.expect_kw(Kw::Name)?;
                let name = self.col_label()?;
                let (mut named_args, mut args) = (Vec::new(), Vec::new());
                if self.eat_char(',') {
                    if self.is_kw(Kw::Xmlattributes) && self.is_char_n(1, '(') {
                        self.advance();
                        self.advance();
                        named_args = self.xml_attribute_list()?;
                        self.expect_char(')')?;
                        if self.eat_char(',') {
                            args = self.expr_list()?;
                        }
                    } else {
                        args = self.expr_list()?;
                    }
                }
                xml(XmlExprOp::Element, Some(name), named_args, args, XmlOption::Document)
            }
            Kw::Xmlexists => {
                let path = self.primary()?;
                let doc = self.xml_passing()?;
                Ok(sql_func("xmlexists", vec![path, doc], loc))
            }
            Kw::Xmlforest => {
                let named_args = self.xml_attribute_list()?;
                xml(XmlExprOp::Forest, None, named_args, Vec::new(), XmlOption::Document)
            }
            Kw::Xmlparse => {
                let option = self.document_or_content()?;
                let text = self.a_expr()?;
                let wloc = self.loc();
                let preserve = if self.eat_kw(Kw::Preserve) {
                    self.expect_kw(Kw::Whitespace)?;
                    true
                } else {
                    if self.eat_kw(Kw::Strip) {
                        self.expect_kw(Kw::Whitespace)?;
                    }
                    false
                };
                let preserve = Expr::new(ExprKind::Const(Value::Boolean(preserve)), wloc);
                xml(XmlExprOp::Parse, None, Vec::new(), vec![text, preserve], option)
            }
            Kw::Xmlpi => {
                self.expect_kw(Kw::Name)?;
                let name = self.col_label()?;
                let args = if self.eat_char(',') { vec![self.a_expr()?] } else { Vec::new() };
                xml(XmlExprOp::Pi, Some(name), Vec::new(), args, XmlOption::Document)
            }
            Kw::Xmlroot => {
                let value = self.a_expr()?;
                self.expect_char(',')?;
                self.expect_kw(Kw::Version)?;
                let vloc = self.loc();
                let version = if self.is_kw(Kw::No) && self.is_kw_n(1, Kw::Value) {
                    self.advance();
                    self.advance();
                    Expr::new(ExprKind::Const(Value::Null), vloc)
                } else {
                    self.a_expr()?
                };
                let sloc = self.loc();
                let standalone = if self.eat_char(',') {
                    self.expect_kw(Kw::Standalone)?;
                    if self.eat_kw(Kw::Yes) {
                        XmlStandalone::Yes
                    } else {
                        self.expect_kw(Kw::No)?;
                        if self.eat_kw(Kw::Value) {
                            XmlStandalone::NoValue
                        } else {
                            XmlStandalone::No
                        }
                    }
                } else {
                    XmlStandalone::Omitted
                };
                let args = vec![value, version, int_const(standalone as i32, sloc)];
                xml(XmlExprOp::Root, None, Vec::new(), args, XmlOption::Document)
            }
            _ => {
                let xmloption = self.document_or_content()?;
                let expr = boxed(self.a_expr()?);
                self.expect_kw(Kw::As)?;
                let type_name = Box::new(self.simple_type_name(false)?);
                Ok(Expr::new(ExprKind::XmlSerialize { xmloption, expr, type_name }, loc))
            }
        }?;
        self.expect_char(')')?;
        Ok(e)
    }

    /// `DOCUMENT` or `CONTENT`.
    pub(super) fn document_or_content(&mut self) -> PgResult<XmlOption> {
        if self.eat_kw(Kw::Document) {
            return Ok(XmlOption::Document);
        }
        self.expect_kw(Kw::Content)?;
        Ok(XmlOption::Content)
    }

    /// `xml_attribute_list`: `value [AS label], ...`.
    pub(super) fn xml_attribute_list(&mut self) -> PgResult<Vec<ResTarget>> {
        let mut v = Vec::new();
        loop {
            let location = Location(self.loc());
            let expr = self.a_expr()?;
            let name = if self.eat_kw(Kw::As) { Some(self.col_label()?) } else { None };
            v.push(ResTarget { expr, name, location });
            if !self.eat_char(',') {
                return Ok(v);
            }
        }
    }

    /// `xmlexists_argument`: `PASSING [BY {REF | VALUE}] doc [BY {REF | VALUE}]`; the
    /// passing mechanism changes nothing in the tree.
    pub(super) fn xml_passing(&mut self) -> PgResult<Expr> {
        self.expect_kw(Kw::Passing)?;
        self.opt_xml_passing_mech()?;
        let doc = self.primary()?;
        self.opt_xml_passing_mech()?;
        Ok(doc)
    }

    pub(super) fn opt_xml_passing_mech(&mut self) -> PgResult<()> {
        if self.eat_kw(Kw::By) && !self.eat_kw(Kw::Ref) {
            self.expect_kw(Kw::Value)?;
        }
        Ok(())
    }

    /// `[LATERAL] XMLTABLE(...) [alias]` in FROM, at XMLTABLE.
    #[inline(never)]
    pub(super) fn xmltable(&mut self, lateral: bool, loc: usize) -> PgResult<FromItem> {
        let location = Location(self.loc());
        self.expect_kw(Kw::Xmltable)?;
        self.expect_char('(')?;
        let mut namespaces = Vec::new();
        if self.is_kw(Kw::Xmlnamespaces) && self.is_char_n(1, '(') {
            self.advance();
            self.advance();
            loop {
                let nloc = Location(self.loc());
                if self.eat_kw(Kw::Default) {
                    namespaces.push(ResTarget { expr: self.b_expr()?, name: None, location: nloc });
                } else {
                    let expr = self.b_expr()?;
                    self.expect_kw(Kw::As)?;
                    namespaces.push(ResTarget { expr, name: Some(self.col_label()?), location: nloc });
                }
                if !self.eat_char(',') {
                    break;
                }
            }
            self.expect_char(')')?;
            self.expect_char(',')?;
        }
        let rowexpr = self.primary()?;
        let docexpr = self.xml_passing()?;
        self.expect_kw(Kw::Columns)?;
        let mut columns = Vec::new();
        loop {
            columns.push(self.xmltable_column()?);
            if !self.eat_char(',') {
                break;
            }
        }
        self.expect_char(')')?;
        let _ = loc;
        let alias = self.opt_alias()?;
        Ok(FromItem::TableFunc(Box::new(RangeTableFunc {
            lateral,
            docexpr,
            rowexpr,
            namespaces,
            columns,
            alias,
            location,
        })))
    }

    /// `xmltable_column_el`: `name FOR ORDINALITY`, or `name type` with PATH, DEFAULT,
    /// [NOT] NULL options, checked as gram.y checks them.
    pub(super) fn xmltable_column(&mut self) -> PgResult<RangeTableFuncCol> {
        let location = Location(self.loc());
        let name = self.col_id()?;
        let mut col = RangeTableFuncCol {
            name,
            type_name: None,
            for_ordinality: false,
            is_not_null: false,
            colexpr: None,
            coldefexpr: None,
            location,
        };
        if self.eat_kw(Kw::For) {
            self.expect_kw(Kw::Ordinality)?;
            col.for_ordinality = true;
            return Ok(col);
        }
        col.type_name = Some(self.type_name()?);
        let mut nullability_seen = false;
        loop {
            let oloc = self.loc();
            let at = lexer::char_position(self.sql, oloc);
            if self.eat_kw(Kw::Default) {
                let e = self.b_expr()?;
                if col.coldefexpr.is_some() {
                    return Err(PgError::syntax("only one DEFAULT value is allowed", at));
                }
                col.coldefexpr = Some(e);
            } else if self.is_kw(Kw::Not) || self.is_kw(Kw::Null) {
                let not = self.eat_kw(Kw::Not);
                self.expect_kw(Kw::Null)?;
                if nullability_seen {
                    return Err(PgError::syntax(
                        format!("conflicting or redundant NULL / NOT NULL declarations for column \"{}\"", col.name),
                        at,
                    ));
                }
                nullability_seen = true;
                col.is_not_null = not;
            } else if let TokenKind::Ident(option) = &self.peek().kind {
                let option = option.clone();
                self.advance();
                let e = self.b_expr()?;
                if option == "__pg__is_not_null" {
                    // gram.y's own name for NOT NULL among the options.
                    return Err(PgError::syntax(format!("option name \"{option}\" cannot be used in XMLTABLE"), at));
                }
                if option != "path" {
                    return Err(PgError::syntax(format!("unrecognized column option \"{option}\""), at));
                }
                if col.colexpr.is_some() {
                    return Err(PgError::syntax("only one PATH value per column is allowed", at));
                }
                col.colexpr = Some(e);
            } else {
                return Ok(col);
            }
        }
    }

    /// `unicode_normal_form`: NFC, NFD, NFKC or NFKD, kept as that (upper-case) string.
    pub(super) fn unicode_normal_form(&mut self) -> PgResult<&'static str> {
        let form = match self.word_at(0) {
            Some(Kw::Nfc) => "NFC",
            Some(Kw::Nfd) => "NFD",
            Some(Kw::Nfkc) => "NFKC",
            Some(Kw::Nfkd) => "NFKD",
            _ => return self.err(),
        };
        self.advance();
        Ok(form)
    }

    /// True when the type keyword `word` at the current token begins a `ConstTypename Sconst`
    /// (`int4 '1'`, `timestamp(3) with time zone '...'`, `interval '1' day`) rather than naming a
    /// column or a function. One or two tokens of lookahead decide it: a string, a `(` (these
    /// keywords cannot name a function), or the next word of a multi-word type name.
    pub(super) fn const_typename_follows(&self, word: Kw) -> bool {
        if !is_const_type_keyword(word) && word != Kw::Interval {
            return false;
        }
        if matches!(self.peek_n(1).kind, TokenKind::Sconst(_)) {
            return true;
        }
        let next = self.word_at(1);
        match word {
            // `double` is an unreserved keyword: `double(...)` is a function call.
            Kw::Double => next == Some(Kw::Precision),
            Kw::Character | Kw::Char | Kw::Nchar => next == Some(Kw::Varying) || self.is_char_n(1, '('),
            Kw::National => matches!(next, Some(Kw::Character | Kw::Char)),
            Kw::Bit => next == Some(Kw::Varying) || self.is_char_n(1, '('),
            Kw::Timestamp | Kw::Time => matches!(next, Some(Kw::With | Kw::Without)) || self.is_char_n(1, '('),
            _ => self.is_char_n(1, '('),
        }
    }

    /// `ConstTypename Sconst` (and `ConstInterval Sconst opt_interval`), once
    /// [`Parser::const_typename_follows`] has said that one begins here.
    pub(super) fn typed_literal(&mut self, loc: usize) -> PgResult<Expr> {
        let mut type_name = self.simple_type_name(true)?;
        let TokenKind::Sconst(s) = &self.peek().kind else { return self.err() };
        let s = s.clone();
        let sloc = self.loc();
        self.advance();
        if type_name.names == sys("interval") && type_name.typmods.is_empty() {
            type_name.typmods = self.opt_interval()?;
        } else if type_name.names == sys("interval") && self.interval_field_follows() {
            return self.err();
        }
        Ok(Expr::new(ExprKind::TypeCast { arg: boxed(str_const(&s, sloc)), type_name: Box::new(type_name) }, loc))
    }

    pub(super) fn interval_field_follows(&self) -> bool {
        matches!(self.word_at(0), Some(Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second))
    }

    /// A name-led primary: column reference, function call, or `func_name 'literal'`.
    #[inline(never)]
    pub(super) fn name_primary(&mut self, loc: usize) -> PgResult<Expr> {
        let first_tok = self.pos;
        let first = self.col_label()?;
        let mut names = vec![first];
        let mut star = false;
        while self.is_char('.') {
            if self.is_char_n(1, '*') {
                self.advance();
                self.advance();
                star = true;
                break;
            }
            if !Self::token_is_ident_with(self.peek_n(1), |_| true) {
                break;
            }
            self.advance();
            names.push(self.col_label()?);
        }
        let first_kw = Self::kw_of(&self.toks[first_tok]).map(|k| k.category);
        if !star && self.is_char('(') {
            if names.len() == 1 && first_kw.is_some_and(|c| !Self::type_func_ok(c)) {
                return self.err();
            }
            return self.func_call(names, loc);
        }
        if !star {
            if let TokenKind::Sconst(s) = &self.peek().kind {
                if names.len() == 1 && first_kw.is_some_and(|c| !Self::type_func_ok(c)) {
                    return self.err();
                }
                let s = s.clone();
                let sloc = self.loc();
                self.advance();
                let type_name = TypeName {
                    names,
                    typmods: Vec::new(),
                    array_bounds: Vec::new(),
                    setof: false,
                    pct_type: false,
                    location: Location(loc),
                };
                return Ok(Expr::new(
                    ExprKind::TypeCast { arg: boxed(str_const(&s, sloc)), type_name: Box::new(type_name) },
                    loc,
                ));
            }
        }
        if first_kw.is_some_and(|c| !Self::col_id_ok(c)) {
            // A type_func_name keyword (`is`, `left`) can begin only `name(...)` or
            // `name 'literal'`: bison reports the token after it.
            return Err(self.error_at_token(first_tok + 1));
        }
        let mut fields: Vec<ColumnRefField> = names.into_iter().map(ColumnRefField::Name).collect();
        if star {
            fields.push(ColumnRefField::Star);
        }
        let e = Expr::new(ExprKind::ColumnRef(fields), loc);
        if star {
            if self.is_char('.') || self.is_char('[') {
                self.indirection_steps()?;
                return Err(self.improper_star());
            }
            return Ok(e);
        }
        let steps = self.indirection_steps()?;
        if steps.is_empty() {
            return Ok(e);
        }
        Ok(Expr::new(ExprKind::Indirection { arg: boxed(e), steps }, loc))
    }

    /// `func_name '(' ... ')'` and what may follow the call (WITHIN GROUP, FILTER, OVER). The
    /// arguments, through which nested calls recurse, are read by `func_args`, so that this
    /// frame stays small.
    pub(super) fn func_call(&mut self, name: Vec<String>, loc: usize) -> PgResult<Expr> {
        self.expect_char('(')?;
        let mut f = Box::new(FuncCall::plain(name, Vec::new()));
        let order_loc = self.func_args(&mut f)?;
        self.expect_char(')')?;
        // `name(args) 'literal'` is a typed literal, except where only a call may stand (FROM).
        if matches!(self.peek().kind, TokenKind::Sconst(_))
            && !f.args.is_empty()
            && !f.agg_distinct
            && self.windowless_call != Some(loc)
        {
            return self.generic_typed_literal(*f, order_loc, loc);
        }
        if self.windowless_call == Some(loc) {
            return Ok(Expr::new(ExprKind::FuncCall(f), loc));
        }
        if self.is_kw(Kw::Within) || self.is_kw(Kw::Filter) || self.is_kw(Kw::Over) {
            self.func_call_decorations(&mut f)?;
        }
        Ok(Expr::new(ExprKind::FuncCall(f), loc))
    }

    /// The argument list of a call, up to its `)`: `*`, or `[DISTINCT | ALL] args [ORDER BY
    /// ...]`. Returns where an ORDER BY began, if one did.
    pub(super) fn func_args(&mut self, f: &mut FuncCall) -> PgResult<Option<usize>> {
        let mut order_loc = None;
        if self.is_char('*') {
            // `f(*`: only `)` may follow.
            self.advance();
            f.agg_star = true;
        } else if !self.is_char(')') {
            // VARIADIC may not follow DISTINCT or ALL.
            let quantified = if self.eat_kw(Kw::Distinct) {
                f.agg_distinct = true;
                true
            } else {
                self.eat_kw(Kw::All)
            };
            loop {
                if !quantified && self.eat_kw(Kw::Variadic) {
                    f.func_variadic = true;
                    f.args.push(self.func_arg()?);
                    break;
                }
                f.args.push(self.func_arg()?);
                if !self.eat_char(',') {
                    break;
                }
            }
            if self.is_kw(Kw::Order) {
                order_loc = Some(self.loc());
                self.advance();
                self.expect_kw(Kw::By)?;
                f.agg_order = self.sort_list()?;
            }
        }
        Ok(order_loc)
    }

    /// WITHIN GROUP (ORDER BY ...), FILTER (WHERE ...) and OVER after a call.
    #[inline(never)]
    pub(super) fn func_call_decorations(&mut self, f: &mut FuncCall) -> PgResult<()> {
        if self.is_kw(Kw::Within) {
            let within = lexer::char_position(self.sql, self.loc());
            self.advance();
            self.expect_kw(Kw::Group)?;
            self.expect_char('(')?;
            self.expect_kw(Kw::Order)?;
            self.expect_kw(Kw::By)?;
            let order = self.sort_list()?;
            self.expect_char(')')?;
            let conflict = if !f.agg_order.is_empty() {
                Some("cannot use multiple ORDER BY clauses with WITHIN GROUP")
            } else if f.agg_distinct {
                Some("cannot use DISTINCT with WITHIN GROUP")
            } else if f.func_variadic {
                Some("cannot use VARIADIC with WITHIN GROUP")
            } else {
                None
            };
            if let Some(msg) = conflict {
                return Err(PgError::syntax(msg, within));
            }
            f.agg_order = order;
            f.agg_within_group = true;
        }
        // FILTER after a call always begins its filter clause (never a bare label).
        if self.eat_kw(Kw::Filter) {
            self.expect_char('(')?;
            self.expect_kw(Kw::Where)?;
            f.agg_filter = Some(boxed(self.a_expr()?));
            self.expect_char(')')?;
        }
        if self.eat_kw(Kw::Over) {
            if self.is_char('(') {
                f.over = Some(self.window_spec()?);
            } else {
                // `OVER w` names a window of the WINDOW clause; gram.y keeps
                // it as the definition's name, not as a refname (which is
                // `OVER (w ...)`, a window that refines w).
                let wloc = self.loc();
                let name = self.col_id()?;
                f.over = Some(WindowDef {
                    name: Some(name),
                    refname: None,
                    partition_by: Vec::new(),
                    order_by: Vec::new(),
                    frame: None,
                    location: Location(wloc),
                });
            }
        }
        Ok(())
    }

    /// `func_name '(' func_arg_list opt_sort_clause ')' Sconst`: a typed literal whose type
    /// has modifiers (`varchar2(10) 'abc'`), noticed at the string after the call's `)`.
    pub(super) fn generic_typed_literal(
        &mut self,
        f: FuncCall,
        order_loc: Option<usize>,
        loc: usize,
    ) -> PgResult<Expr> {
        if let Some(named) = f.args.iter().find(|a| matches!(a.kind, ExprKind::NamedArg { .. })) {
            let at = lexer::char_position(self.sql, named.location.0);
            return Err(PgError::syntax("type modifier cannot have parameter name", at));
        }
        if let Some(order) = order_loc {
            return Err(PgError::syntax("type modifier cannot have ORDER BY", lexer::char_position(self.sql, order)));
        }
        if f.func_variadic {
            return self.err();
        }
        let TokenKind::Sconst(s) = &self.peek().kind else { return self.err() };
        let arg = str_const(s, self.loc());
        self.advance();
        let type_name = TypeName {
            names: f.name,
            typmods: f.args,
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(loc),
        };
        Ok(Expr::new(ExprKind::TypeCast { arg: boxed(arg), type_name: Box::new(type_name) }, loc))
    }

    pub(super) fn func_arg(&mut self) -> PgResult<Expr> {
        let is_named = Self::token_is_ident_with(self.peek(), Self::type_func_ok)
            && matches!(self.peek_n(1).kind, TokenKind::EqualsGreater | TokenKind::ColonEquals);
        if is_named {
            let loc = self.loc();
            let name = self.col_label()?;
            self.advance();
            let arg = self.a_expr()?;
            return Ok(Expr::new(ExprKind::NamedArg { name, arg: boxed(arg) }, loc));
        }
        self.a_expr()
    }

    pub(super) fn case_expr(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_kw(Kw::Case)?;
        let arg = if self.is_kw(Kw::When) { None } else { Some(boxed(self.a_expr()?)) };
        let mut whens = Vec::new();
        while self.eat_kw(Kw::When) {
            let w = self.a_expr()?;
            self.expect_kw(Kw::Then)?;
            whens.push((w, self.a_expr()?));
        }
        if whens.is_empty() {
            return self.err();
        }
        let default = if self.eat_kw(Kw::Else) { Some(boxed(self.a_expr()?)) } else { None };
        self.expect_kw(Kw::End)?;
        Ok(Expr::new(ExprKind::Case { arg, whens, default }, loc))
    }

    /// `'[' ... ']'` after ARRAY (or nested inside one).
    pub(super) fn array_expr(&mut self) -> PgResult<Expr> {
        let loc = self.loc();
        self.expect_char('[')?;
        let mut elems = Vec::new();
        if !self.is_char(']') {
            // Either every element is a sub-array `[...]` (`array_expr_list`) or none is.
            let nested = self.is_char('[');
            loop {
                if nested {
                    if !self.is_char('[') {
                        return self.err();
                    }
                    elems.push(self.array_expr()?);
                } else {
                    elems.push(self.a_expr()?);
                }
                if !self.eat_char(',') {
                    break;
                }
            }
        }
        self.expect_char(']')?;
        Ok(Expr::new(ExprKind::Array(elems), loc))
    }

    pub(super) fn any_name(&mut self) -> PgResult<Vec<String>> {
        let mut v = vec![self.col_id()?];
        while self.eat_char('.') {
            v.push(self.col_label()?);
        }
        Ok(v)
    }
}
