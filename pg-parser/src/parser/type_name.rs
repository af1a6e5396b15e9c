//! The grammar of type names: `Typename`, the SQL-standard spellings (`double precision`, `character varying`, `timestamp with time zone`, `interval day to second`), arrays, `%TYPE`, `SETOF`, typmods.
//!
//! PostgreSQL source area: gram.y `Typename`, `SimpleTypename`, `ConstTypename`, `opt_interval`.

use super::*;

impl<'a> Parser<'a> {
    /// `Typename`: `[SETOF] SimpleTypename [array bounds | ARRAY [n]]`.
    pub(super) fn type_name(&mut self) -> PgResult<TypeName> {
        let setof = self.eat_kw(Kw::Setof);
        let mut t = self.simple_type_name(false)?;
        t.setof = setof;
        if self.eat_kw(Kw::Array) {
            if self.eat_char('[') {
                let n = self.iconst()?;
                self.expect_char(']')?;
                t.array_bounds.push(n);
            } else {
                t.array_bounds.push(-1);
            }
            return Ok(t);
        }
        while self.eat_char('[') {
            if self.eat_char(']') {
                t.array_bounds.push(-1);
            } else {
                let n = self.iconst()?;
                self.expect_char(']')?;
                t.array_bounds.push(n);
            }
        }
        Ok(t)
    }

    pub(super) fn opt_typmods(&mut self) -> PgResult<Vec<Expr>> {
        if self.is_char('(') {
            self.advance();
            let v = self.expr_list()?;
            self.expect_char(')')?;
            return Ok(v);
        }
        Ok(Vec::new())
    }

    /// `SimpleTypename` (or `ConstTypename` when `konst`, which gives no default lengths).
    pub(super) fn simple_type_name(&mut self, konst: bool) -> PgResult<TypeName> {
        let loc = self.loc();
        let mk = |names: Vec<String>, typmods: Vec<Expr>| TypeName {
            names,
            typmods,
            array_bounds: Vec::new(),
            setof: false,
            pct_type: false,
            location: Location(loc),
        };
        let word = self.word_at(0);
        match word {
            Some(Kw::Int | Kw::Integer | Kw::Smallint | Kw::Bigint | Kw::Real | Kw::Boolean) => {
                self.advance();
                let n = match word {
                    Some(Kw::Int | Kw::Integer) => "int4",
                    Some(Kw::Smallint) => "int2",
                    Some(Kw::Bigint) => "int8",
                    Some(Kw::Real) => "float4",
                    _ => "bool",
                };
                Ok(mk(sys(n), Vec::new()))
            }
            Some(Kw::Float) => {
                self.advance();
                if self.eat_char('(') {
                    let ploc = self.loc();
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    if p < 1 {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            "precision for type float must be at least 1 bit",
                        )
                        .with_position(lexer::char_position(self.sql, ploc)));
                    }
                    if p > 53 {
                        return Err(PgError::new(
                            SqlState::INVALID_PARAMETER_VALUE,
                            "precision for type float must be less than 54 bits",
                        )
                        .with_position(lexer::char_position(self.sql, ploc)));
                    }
                    return Ok(mk(sys(if p <= 24 { "float4" } else { "float8" }), Vec::new()));
                }
                Ok(mk(sys("float8"), Vec::new()))
            }
            Some(Kw::Double) if self.is_kw_n(1, Kw::Precision) => {
                self.advance();
                self.advance();
                Ok(mk(sys("float8"), Vec::new()))
            }
            Some(Kw::Decimal | Kw::Dec | Kw::Numeric) => {
                self.advance();
                let m = self.opt_typmods()?;
                Ok(mk(sys("numeric"), m))
            }
            Some(Kw::Bit) => {
                self.advance();
                let varying = self.eat_kw(Kw::Varying);
                let mut m = self.opt_typmods()?;
                if m.is_empty() && !varying && !konst {
                    m.push(int_const(1, loc));
                }
                Ok(mk(sys(if varying { "varbit" } else { "bit" }), m))
            }
            Some(Kw::Character | Kw::Char | Kw::Varchar | Kw::Nchar | Kw::National) => {
                self.advance();
                if word == Some(Kw::National) && !(self.eat_kw(Kw::Character) || self.eat_kw(Kw::Char)) {
                    return self.err();
                }
                let varying = word == Some(Kw::Varchar) || self.eat_kw(Kw::Varying);
                let mut m = Vec::new();
                if self.eat_char('(') {
                    let l = self.loc();
                    m.push(int_const(self.iconst()?, l));
                    self.expect_char(')')?;
                }
                if m.is_empty() && !varying && !konst {
                    m.push(int_const(1, loc));
                }
                Ok(mk(sys(if varying { "varchar" } else { "bpchar" }), m))
            }
            Some(Kw::Timestamp | Kw::Time) => {
                self.advance();
                let mut m = Vec::new();
                if self.eat_char('(') {
                    let l = self.loc();
                    m.push(int_const(self.iconst()?, l));
                    self.expect_char(')')?;
                }
                // WITH before TIME or ORDINALITY is WITH_LA, the one opt_timezone takes.
                let tz = if self.is_kw(Kw::With) && matches!(self.word_at(1), Some(Kw::Time | Kw::Ordinality)) {
                    self.advance();
                    self.expect_kw(Kw::Time)?;
                    self.expect_kw(Kw::Zone)?;
                    true
                } else if self.eat_kw(Kw::Without) {
                    self.expect_kw(Kw::Time)?;
                    self.expect_kw(Kw::Zone)?;
                    false
                } else {
                    false
                };
                let n = match (word, tz) {
                    (Some(Kw::Timestamp), true) => "timestamptz",
                    (Some(Kw::Timestamp), false) => "timestamp",
                    (_, true) => "timetz",
                    _ => "time",
                };
                Ok(mk(sys(n), m))
            }
            Some(Kw::Interval) => {
                self.advance();
                if self.eat_char('(') {
                    let l = self.loc();
                    let p = self.iconst()?;
                    self.expect_char(')')?;
                    return Ok(mk(sys("interval"), vec![int_const(INTERVAL_FULL_RANGE, l), int_const(p, l)]));
                }
                let m = if konst { Vec::new() } else { self.opt_interval()? };
                Ok(mk(sys("interval"), m))
            }
            _ => {
                // GenericType: type_function_name [. attrs] [typmods], or name%TYPE.
                let mut names = vec![self.ident_with(Self::type_func_ok)?];
                while self.is_char('.') {
                    self.advance();
                    names.push(self.col_label()?);
                }
                if self.is_char('%') && self.is_kw_n(1, Kw::Type) {
                    self.advance();
                    self.advance();
                    let mut t = mk(names, Vec::new());
                    t.pct_type = true;
                    return Ok(t);
                }
                let m = self.opt_typmods()?;
                Ok(mk(names, m))
            }
        }
    }

    /// `opt_interval`: interval field restriction, as PostgreSQL's typmod list.
    pub(super) fn opt_interval(&mut self) -> PgResult<Vec<Expr>> {
        let loc = self.loc();
        let field = |w: Kw| match w {
            Kw::Year => YEAR,
            Kw::Month => MONTH,
            Kw::Day => DAY,
            Kw::Hour => HOUR,
            Kw::Minute => MINUTE,
            _ => SECOND,
        };
        let Some(w) = self
            .word_at(0)
            .filter(|w| matches!(*w, Kw::Year | Kw::Month | Kw::Day | Kw::Hour | Kw::Minute | Kw::Second))
        else {
            return Ok(Vec::new());
        };
        self.advance();
        let mut mask = field(w);
        let mut last = w;
        if self.eat_kw(Kw::To) {
            let Some(to) = self.word_at(0) else { return self.err() };
            let ok = matches!(
                (w, to),
                (Kw::Year, Kw::Month)
                    | (Kw::Day, Kw::Hour | Kw::Minute | Kw::Second)
                    | (Kw::Hour, Kw::Minute | Kw::Second)
                    | (Kw::Minute, Kw::Second)
            );
            if !ok {
                return self.err();
            }
            self.advance();
            let order = [Kw::Year, Kw::Month, Kw::Day, Kw::Hour, Kw::Minute, Kw::Second];
            let from_i = order.iter().position(|x| *x == w).unwrap_or(0);
            let to_i = order.iter().position(|x| *x == to).unwrap_or(0);
            for f in &order[from_i..=to_i] {
                if *f != Kw::Month || w == Kw::Year {
                    mask |= field(*f);
                }
            }
            last = to;
        }
        let mut m = vec![int_const(mask, loc)];
        if last == Kw::Second && self.eat_char('(') {
            let l = self.loc();
            m.push(int_const(self.iconst()?, l));
            self.expect_char(')')?;
        }
        Ok(m)
    }
}
