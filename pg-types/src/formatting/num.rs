//! Number templates: `to_char` of int4, int8, numeric, float4 and float8,
//! and `to_number` (PostgreSQL's `NUMDesc_prepare`, `NUM_processor`,
//! `NUM_numpart_to_char` / `NUM_numpart_from_char` and the `*_to_char`
//! entry points).
//!
//! `to_char` first turns the value into a digit string (`numstr`): rounded
//! to the template's decimal places, or `#`s when the integer part does not
//! fit, or Roman numerals for `RN`, or scientific notation for `EEEE`. The
//! processor then walks the template and copies digits, signs and
//! separators into the output. PostgreSQL writes into a C string, so a
//! digit position past the end of `numstr` writes its terminating NUL and
//! cuts the output there; the output keeps that behaviour.

use super::{mblen, parse_format, FormatNode, KeyWord};
use crate::datum::Datum;
use crate::funcs::{arg, text};
use crate::numeric::Numeric;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use pg_error::{PgError, PgResult, SqlState};

/// `NUM_poz`: the keywords of number templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Num {
    Comma,
    Dec,
    Zero,
    Nine,
    B,
    C,
    D,
    E,
    Fm,
    G,
    L,
    Mi,
    Pl,
    Pr,
    Rn,
    Sg,
    Sp,
    S,
    Th,
    V,
    LowerRn,
    LowerTh,
}

const fn kw(name: &'static str, id: Num) -> KeyWord<Num> {
    KeyWord { name, id, is_digit: false, mode: super::DateMode::None }
}

/// `NUM_keywords`, in PostgreSQL's search order.
static NUM_KEYWORDS: &[KeyWord<Num>] = &[
    kw(",", Num::Comma),
    kw(".", Num::Dec),
    kw("0", Num::Zero),
    kw("9", Num::Nine),
    kw("B", Num::B),
    kw("C", Num::C),
    kw("D", Num::D),
    kw("EEEE", Num::E),
    kw("FM", Num::Fm),
    kw("G", Num::G),
    kw("L", Num::L),
    kw("MI", Num::Mi),
    kw("PL", Num::Pl),
    kw("PR", Num::Pr),
    kw("RN", Num::Rn),
    kw("SG", Num::Sg),
    kw("SP", Num::Sp),
    kw("S", Num::S),
    kw("TH", Num::Th),
    kw("V", Num::V),
    kw("b", Num::B),
    kw("c", Num::C),
    kw("d", Num::D),
    kw("eeee", Num::E),
    kw("fm", Num::Fm),
    kw("g", Num::G),
    kw("l", Num::L),
    kw("mi", Num::Mi),
    kw("pl", Num::Pl),
    kw("pr", Num::Pr),
    kw("rn", Num::LowerRn),
    kw("sg", Num::Sg),
    kw("sp", Num::Sp),
    kw("s", Num::S),
    kw("th", Num::LowerTh),
    kw("v", Num::V),
];

const F_DECIMAL: u32 = 1 << 1;
const F_LDECIMAL: u32 = 1 << 2;
const F_ZERO: u32 = 1 << 3;
const F_BLANK: u32 = 1 << 4;
const F_FILLMODE: u32 = 1 << 5;
const F_LSIGN: u32 = 1 << 6;
const F_BRACKET: u32 = 1 << 7;
const F_MINUS: u32 = 1 << 8;
const F_PLUS: u32 = 1 << 9;
const F_ROMAN: u32 = 1 << 10;
const F_MULTI: u32 = 1 << 11;
const F_PLUS_POST: u32 = 1 << 12;
const F_MINUS_POST: u32 = 1 << 13;
const F_EEEE: u32 = 1 << 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LSign {
    None,
    Pre,
    Post,
}

/// `NUMDesc`: what the template asks for, gathered while parsing it.
#[derive(Debug, Clone)]
struct NumDesc {
    pre: i32,
    post: i32,
    lsign: LSign,
    flag: u32,
    pre_lsign_num: i32,
    multi: i32,
    zero_start: i32,
    zero_end: i32,
}

impl NumDesc {
    fn has(&self, f: u32) -> bool {
        self.flag & f != 0
    }
}

fn syntax(msg: &str) -> PgError {
    PgError::new(SqlState::SYNTAX_ERROR, msg)
}

/// `NUMDesc_prepare` for one keyword.
fn prepare(num: &mut NumDesc, id: Num) -> PgResult<()> {
    if num.has(F_EEEE) && id != Num::E {
        return Err(syntax("\"EEEE\" must be the last pattern used"));
    }
    match id {
        Num::Nine => {
            if num.has(F_BRACKET) {
                return Err(syntax("\"9\" must be ahead of \"PR\""));
            }
            if num.has(F_MULTI) {
                num.multi += 1;
            } else if num.has(F_DECIMAL) {
                num.post += 1;
            } else {
                num.pre += 1;
            }
        }
        Num::Zero => {
            if num.has(F_BRACKET) {
                return Err(syntax("\"0\" must be ahead of \"PR\""));
            }
            if !num.has(F_ZERO) && !num.has(F_DECIMAL) {
                num.flag |= F_ZERO;
                num.zero_start = num.pre + 1;
            }
            if !num.has(F_DECIMAL) {
                num.pre += 1;
            } else {
                num.post += 1;
            }
            num.zero_end = num.pre + num.post;
        }
        Num::B if num.pre == 0 && num.post == 0 && !num.has(F_ZERO) => num.flag |= F_BLANK,
        Num::D | Num::Dec => {
            if id == Num::D {
                num.flag |= F_LDECIMAL;
            }
            if num.has(F_DECIMAL) {
                return Err(syntax("multiple decimal points"));
            }
            if num.has(F_MULTI) {
                return Err(syntax("cannot use \"V\" and decimal point together"));
            }
            num.flag |= F_DECIMAL;
        }
        Num::Fm => num.flag |= F_FILLMODE,
        Num::S => {
            if num.has(F_LSIGN) {
                return Err(syntax("cannot use \"S\" twice"));
            }
            if num.has(F_PLUS) || num.has(F_MINUS) || num.has(F_BRACKET) {
                return Err(syntax("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together"));
            }
            if !num.has(F_DECIMAL) {
                num.lsign = LSign::Pre;
                num.pre_lsign_num = num.pre;
                num.flag |= F_LSIGN;
            } else if num.lsign == LSign::None {
                num.lsign = LSign::Post;
                num.flag |= F_LSIGN;
            }
        }
        Num::Mi => {
            if num.has(F_LSIGN) {
                return Err(syntax("cannot use \"S\" and \"MI\" together"));
            }
            num.flag |= F_MINUS;
            if num.has(F_DECIMAL) {
                num.flag |= F_MINUS_POST;
            }
        }
        Num::Pl => {
            if num.has(F_LSIGN) {
                return Err(syntax("cannot use \"S\" and \"PL\" together"));
            }
            num.flag |= F_PLUS;
            if num.has(F_DECIMAL) {
                num.flag |= F_PLUS_POST;
            }
        }
        Num::Sg => {
            if num.has(F_LSIGN) {
                return Err(syntax("cannot use \"S\" and \"SG\" together"));
            }
            num.flag |= F_MINUS | F_PLUS;
        }
        Num::Pr => {
            if num.has(F_LSIGN) || num.has(F_PLUS) || num.has(F_MINUS) {
                return Err(syntax("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together"));
            }
            num.flag |= F_BRACKET;
        }
        Num::Rn | Num::LowerRn => num.flag |= F_ROMAN,
        Num::V => {
            if num.has(F_DECIMAL) {
                return Err(syntax("cannot use \"V\" and decimal point together"));
            }
            num.flag |= F_MULTI;
        }
        Num::E => {
            if num.has(F_EEEE) {
                return Err(syntax("cannot use \"EEEE\" twice"));
            }
            if num.flag & (F_BLANK | F_FILLMODE | F_LSIGN | F_BRACKET | F_MINUS | F_PLUS | F_ROMAN | F_MULTI) != 0 {
                return Err(syntax("\"EEEE\" is incompatible with other formats")
                    .with_detail("\"EEEE\" may only be used together with digit and decimal point patterns."));
            }
            num.flag |= F_EEEE;
        }
        _ => {}
    }
    Ok(())
}

type Nodes = Vec<FormatNode<Num>>;

/// `NUM_cache`: the parsed template and its description.
fn parse_num_format(template: &str) -> PgResult<(Nodes, NumDesc)> {
    let nodes = parse_format(template, NUM_KEYWORDS, false);
    let mut desc = NumDesc {
        pre: 0,
        post: 0,
        lsign: LSign::None,
        flag: 0,
        pre_lsign_num: 0,
        multi: 0,
        zero_start: 0,
        zero_end: 0,
    };
    for n in &nodes {
        if let FormatNode::Action { key, .. } = n {
            prepare(&mut desc, key.id)?;
        }
    }
    Ok((nodes, desc))
}

/// `NUMProc`: the processor's state.
struct Proc<'a> {
    num: NumDesc,
    is_to_char: bool,
    sign: u8,
    sign_wrote: bool,
    num_count: i32,
    num_in: bool,
    num_curr: i32,
    out_pre_spaces: i32,
    read_dec: bool,
    read_post: i32,
    read_pre: i32,
    /// `to_char`: the digit string; `to_number`: the number being read
    /// (its first byte is the sign slot).
    number: Vec<u8>,
    number_p: usize,
    /// `to_number`'s input.
    input: &'a [u8],
    inout_p: usize,
    /// `to_char`'s output.
    out: Vec<u8>,
    last_relevant: Option<usize>,
}

impl Proc<'_> {
    fn digit(&self, i: usize) -> u8 {
        self.number.get(i).copied().unwrap_or(0)
    }
    fn inp(&self, i: usize) -> u8 {
        self.input.get(i).copied().unwrap_or(0)
    }
    fn overload(&self) -> bool {
        self.inout_p >= self.input.len()
    }
    fn amount(&self, s: usize) -> bool {
        self.inout_p + s <= self.input.len()
    }
    fn last_relevant_is_dot(&self) -> bool {
        self.last_relevant.is_some_and(|i| self.digit(i) == b'.')
    }
    /// `IS_PREDEC_SPACE`: "0.1" with template 9.9 prints " .1".
    fn predec_space(&self) -> bool {
        !self.num.has(F_ZERO) && self.number_p == 0 && self.digit(0) == b'0' && self.num.post != 0
    }

    /// `NUM_numpart_to_char`.
    fn numpart_to_char(&mut self, id: Num) {
        if self.num.has(F_ROMAN) {
            return;
        }
        if !self.sign_wrote
            && (self.num_curr >= self.out_pre_spaces || (self.num.has(F_ZERO) && self.num.zero_start == self.num_curr))
            && (!self.predec_space() || self.last_relevant_is_dot())
        {
            if self.num.has(F_LSIGN) {
                if self.num.lsign == LSign::Pre {
                    self.out.push(if self.sign == b'-' { b'-' } else { b'+' });
                    self.sign_wrote = true;
                }
            } else if self.num.has(F_BRACKET) {
                self.out.push(if self.sign == b'+' { b' ' } else { b'<' });
                self.sign_wrote = true;
            } else if self.sign == b'+' {
                if !self.num.has(F_FILLMODE) {
                    self.out.push(b' ');
                }
                self.sign_wrote = true;
            } else if self.sign == b'-' {
                self.out.push(b'-');
                self.sign_wrote = true;
            }
        }

        if matches!(id, Num::Nine | Num::Zero | Num::D | Num::Dec) {
            if self.num_curr < self.out_pre_spaces && (self.num.zero_start > self.num_curr || !self.num.has(F_ZERO)) {
                if !self.num.has(F_FILLMODE) {
                    self.out.push(b' ');
                }
            } else if self.num.has(F_ZERO)
                && self.num_curr < self.out_pre_spaces
                && self.num.zero_start <= self.num_curr
            {
                self.out.push(b'0');
                self.num_in = true;
            } else {
                if self.digit(self.number_p) == b'.' {
                    if !self.last_relevant_is_dot() || self.num.has(F_FILLMODE) {
                        self.out.push(b'.');
                    }
                    // Group separators after the point print as blanks until a
                    // digit follows ("9.,9" gives " 1. 5").
                    self.num_in = false;
                } else if self.last_relevant.is_some_and(|lr| self.number_p > lr) && id != Num::Zero {
                    // A trailing zero that fill mode drops.
                } else if self.predec_space() {
                    if !self.num.has(F_FILLMODE) {
                        self.out.push(b' ');
                    } else if self.last_relevant_is_dot() {
                        self.out.push(b'0');
                    }
                } else {
                    self.out.push(self.digit(self.number_p));
                    self.num_in = true;
                }
                if self.digit(self.number_p) != 0 {
                    self.number_p += 1;
                }
            }

            let mut end = self.num_count
                + if self.out_pre_spaces != 0 { 1 } else { 0 }
                + if self.num.has(F_DECIMAL) { 1 } else { 0 };
            if self.last_relevant == Some(self.number_p) {
                end = self.num_curr;
            }
            if self.num_curr + 1 == end {
                if self.sign_wrote && self.num.has(F_BRACKET) {
                    self.out.push(if self.sign == b'+' { b' ' } else { b'>' });
                } else if self.num.has(F_LSIGN) && self.num.lsign == LSign::Post {
                    self.out.push(if self.sign == b'-' { b'-' } else { b'+' });
                }
            }
        }
        self.num_curr += 1;
    }

    /// `NUM_numpart_from_char`.
    fn numpart_from_char(&mut self, id: Num) {
        if self.overload() {
            return;
        }
        if self.inp(self.inout_p) == b' ' {
            self.inout_p += 1;
        }
        if self.overload() {
            return;
        }
        // A sign before the number.
        if self.number[0] == b' ' && matches!(id, Num::Zero | Num::Nine) && self.read_pre + self.read_post == 0 {
            let c = self.inp(self.inout_p);
            if self.num.has(F_LSIGN) && self.num.lsign == LSign::Pre {
                if self.amount(1) && c == b'-' {
                    self.inout_p += 1;
                    self.number[0] = b'-';
                } else if self.amount(1) && c == b'+' {
                    self.inout_p += 1;
                    self.number[0] = b'+';
                }
            } else if c == b'-' || (self.num.has(F_BRACKET) && c == b'<') {
                self.number[0] = b'-';
                self.inout_p += 1;
            } else if c == b'+' {
                self.number[0] = b'+';
                self.inout_p += 1;
            }
        }
        if self.overload() {
            return;
        }
        let mut isread = false;
        let c = self.inp(self.inout_p);
        if c.is_ascii_digit() {
            if self.read_dec && self.read_post == self.num.post {
                return;
            }
            self.number.push(c);
            self.number_p += 1;
            if self.read_dec {
                self.read_post += 1;
            } else {
                self.read_pre += 1;
            }
            isread = true;
        } else if self.num.has(F_DECIMAL) && !self.read_dec && self.amount(1) && c == b'.' {
            self.number.push(b'.');
            self.number_p += 1;
            self.read_dec = true;
            isread = true;
        }
        if self.overload() {
            return;
        }
        // A sign behind the last digit ("FM9.999999MI" reads "5.01-").
        if self.number[0] == b' ' && self.read_pre + self.read_post > 0 {
            if self.num.has(F_LSIGN)
                && isread
                && self.inout_p + 1 < self.input.len()
                && !self.inp(self.inout_p + 1).is_ascii_digit()
            {
                let tmp = self.inout_p;
                self.inout_p += 1;
                let c = self.inp(self.inout_p);
                if self.amount(1) && c == b'-' {
                    self.number[0] = b'-';
                } else if self.amount(1) && c == b'+' {
                    self.number[0] = b'+';
                }
                if self.number[0] == b' ' {
                    self.inout_p = tmp;
                }
            } else if !isread && !self.num.has(F_LSIGN) && (self.num.has(F_PLUS) || self.num.has(F_MINUS)) {
                let c = self.inp(self.inout_p);
                if c == b'-' || c == b'+' {
                    self.number[0] = c;
                }
            }
        }
    }

    /// `NUM_eat_non_data_chars`: skips up to `n` characters that cannot
    /// belong to the number.
    fn eat_non_data_chars(&mut self, mut n: usize) {
        while n > 0 {
            n -= 1;
            if self.overload() {
                break;
            }
            if b"0123456789.,+-".contains(&self.inp(self.inout_p)) {
                break;
            }
            self.inout_p += mblen(self.inp(self.inout_p));
        }
    }
}

/// `get_th`: the English ordinal suffix of a digit string.
pub(crate) fn get_th(num: &[u8], upper: bool) -> PgResult<&'static str> {
    let last = num.last().copied().unwrap_or(0);
    if !last.is_ascii_digit() {
        return Err(PgError::new(
            SqlState::INVALID_TEXT_REPRESENTATION,
            format!("\"{}\" is not a number", String::from_utf8_lossy(num)),
        ));
    }
    let teen = num.len() > 1 && num[num.len() - 2] == b'1';
    let i = match last {
        _ if teen => 3,
        b'1' => 0,
        b'2' => 1,
        b'3' => 2,
        _ => 3,
    };
    Ok(if upper { ["ST", "ND", "RD", "TH"][i] } else { ["st", "nd", "rd", "th"][i] })
}

/// `NUM_processor` in its `to_char` direction.
fn num_to_char(nodes: &Nodes, mut num: NumDesc, numstr: Vec<u8>, out_pre_spaces: i32, sign: u8) -> PgResult<String> {
    if num.zero_start != 0 {
        num.zero_start -= 1;
    }
    if num.has(F_EEEE) {
        return Ok(String::from_utf8_lossy(&numstr).into_owned());
    }
    if num.has(F_ROMAN) {
        num.lsign = LSign::None;
        num.pre_lsign_num = 0;
        num.post = 0;
        num.pre = 0;
        num.flag = F_ROMAN | (num.flag & F_FILLMODE);
    }
    let mut p = Proc {
        num,
        is_to_char: true,
        sign,
        sign_wrote: false,
        num_count: 0,
        num_in: false,
        num_curr: 0,
        out_pre_spaces: 0,
        read_dec: false,
        read_post: 0,
        read_pre: 0,
        number: numstr,
        number_p: 0,
        input: &[],
        inout_p: 0,
        out: Vec::new(),
        last_relevant: None,
    };
    let roman = p.num.has(F_ROMAN);
    if roman {
        p.sign = 0;
    }
    if p.num.has(F_PLUS) || p.num.has(F_MINUS) {
        p.sign_wrote = !p.num.has(F_PLUS) || p.num.has(F_MINUS);
    } else {
        if p.sign != b'-' && p.num.has(F_FILLMODE) {
            p.num.flag &= !F_BRACKET;
        }
        p.sign_wrote = p.sign == b'+' && p.num.has(F_FILLMODE) && !p.num.has(F_LSIGN);
        if p.num.lsign == LSign::Pre && p.num.pre == p.num.pre_lsign_num {
            p.num.lsign = LSign::Post;
        }
    }
    p.num_count = p.num.post + p.num.pre - 1;
    p.out_pre_spaces = if roman { 0 } else { out_pre_spaces };
    if p.num.has(F_FILLMODE) && p.num.has(F_DECIMAL) {
        // get_last_relevant_decnum: the last non-zero digit after the point, or the point.
        if let Some(dot) = p.number.iter().position(|&b| b == b'.') {
            let mut lr = dot;
            for (i, &b) in p.number.iter().enumerate().skip(dot + 1) {
                if b != b'0' {
                    lr = i;
                }
            }
            // Digits the template writes with '0' stay.
            if p.num.zero_end > p.out_pre_spaces {
                let last_zero = (p.number.len() as i32 - 1).min(p.num.zero_end - p.out_pre_spaces);
                if (lr as i32) < last_zero {
                    lr = last_zero as usize;
                }
            }
            p.last_relevant = Some(lr);
        }
    }
    if !p.sign_wrote && p.out_pre_spaces == 0 {
        p.num_count += 1;
    }

    for (i, n) in nodes.iter().enumerate() {
        super::check_interrupts_at(i)?;
        let FormatNode::Action { key, .. } = n else {
            let (FormatNode::Char(c) | FormatNode::Space(c) | FormatNode::Separator(c)) = n else { unreachable!() };
            p.out.extend_from_slice(c.as_bytes());
            continue;
        };
        let fill = p.num.has(F_FILLMODE);
        match key.id {
            Num::Nine | Num::Zero | Num::Dec | Num::D => p.numpart_to_char(key.id),
            Num::Comma | Num::G => {
                if p.num_in {
                    p.out.push(b',');
                } else if !fill {
                    p.out.push(b' ');
                }
            }
            Num::L => p.out.push(b' '),
            Num::Rn | Num::LowerRn => {
                let mut r = p.number[p.number_p.min(p.number.len())..].to_vec();
                if key.id == Num::LowerRn {
                    r.make_ascii_lowercase();
                }
                if !fill {
                    while r.len() < 15 {
                        r.insert(0, b' ');
                    }
                }
                p.out.extend_from_slice(&r);
            }
            Num::Th | Num::LowerTh => {
                if p.num.has(F_ROMAN) || p.digit(0) == b'#' || p.sign == b'-' || p.num.has(F_DECIMAL) {
                    continue;
                }
                let end = p.number.iter().position(|&b| b == 0).unwrap_or(p.number.len());
                p.out.extend_from_slice(get_th(&p.number[..end], key.id == Num::Th)?.as_bytes());
            }
            Num::Mi => {
                if p.sign == b'-' {
                    p.out.push(b'-');
                } else if !fill {
                    p.out.push(b' ');
                }
            }
            Num::Pl => {
                if p.sign == b'+' {
                    p.out.push(b'+');
                } else if !fill {
                    p.out.push(b' ');
                }
            }
            Num::Sg => p.out.push(p.sign),
            _ => {}
        }
    }
    // The C string ends at the first NUL written.
    if let Some(end) = p.out.iter().position(|&b| b == 0) {
        p.out.truncate(end);
    }
    Ok(String::from_utf8_lossy(&p.out).into_owned())
}

/// `int_to_roman`: 1..3999 in Roman numerals, else 15 `#`s.
fn int_to_roman(number: i64) -> Vec<u8> {
    if !(1..=3999).contains(&number) {
        return vec![b'#'; 15];
    }
    const RM1: [&str; 9] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    const RM10: [&str; 9] = ["X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"];
    const RM100: [&str; 9] = ["C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"];
    let mut out = String::new();
    let (th, h, t, o) = (number / 1000, number / 100 % 10, number / 10 % 10, number % 10);
    out.push_str(&"M".repeat(th as usize));
    for (d, table) in [(h, &RM100), (t, &RM10), (o, &RM1)] {
        if d > 0 {
            out.push_str(table[d as usize - 1]);
        }
    }
    out.into_bytes()
}

/// The `#` string for a number whose integer part does not fit the template.
fn overflow_hashes(num: &NumDesc) -> Vec<u8> {
    let mut v = vec![b'#'; (num.pre + num.post + 1) as usize];
    v[num.pre as usize] = b'.';
    v
}

/// The common tail of the `*_to_char` functions: sign split off, decimal
/// places padded, then `#`s when the integer part is too wide.
fn finish_plain(num: &NumDesc, orgnum: &str, pad_post: bool) -> (Vec<u8>, i32, u8) {
    let (sign, digits) = match orgnum.strip_prefix('-') {
        Some(rest) => (b'-', rest),
        None => (b'+', orgnum),
    };
    let mut numstr = digits.as_bytes().to_vec();
    let pre_len = match numstr.iter().position(|&b| b == b'.') {
        Some(i) => i as i32,
        None => numstr.len() as i32,
    };
    if pad_post && num.post > 0 {
        numstr.push(b'.');
        numstr.extend(std::iter::repeat_n(b'0', num.post as usize));
    }
    if pre_len < num.pre {
        (numstr, num.pre - pre_len, sign)
    } else if pre_len > num.pre {
        (overflow_hashes(num), 0, sign)
    } else {
        (numstr, 0, sign)
    }
}

/// C's `%+.*e`, with a leading `+` turned into a blank as `to_char` does.
fn c_exp_format(v: f64, prec: usize) -> Vec<u8> {
    let s = format!("{v:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if mant.starts_with('-') { "" } else { " " };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{mant}e{esign}{:02}", exp.unsigned_abs()).into_bytes()
}

/// `numeric_out_sci`: one digit before the point, `scale` after it.
fn numeric_out_sci(v: &Numeric, scale: i32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if !v.is_finite() {
        return if v.to_f64() < 0.0 { "-Infinity".into() } else { "Infinity".into() };
    }
    let scale = scale.max(0);
    let u = v.unscaled();
    if u.is_zero() {
        return format!("{}e+00", Numeric::from_unscaled(BigInt::zero(), scale));
    }
    let nd = u.abs().to_string().len() as i32;
    let exponent = nd - 1 - v.dscale();
    // significand = u * 10^(scale - (nd - 1)), rounded half away from zero.
    let shift = scale - (nd - 1);
    let sig = if shift >= 0 {
        u * Numeric::pow10(shift)
    } else {
        let d = Numeric::pow10(-shift);
        let (q, r) = (u.abs() / &d, u.abs() % &d);
        let q = if r * 2 >= d { q + 1 } else { q };
        if u.is_negative() {
            -q
        } else {
            q
        }
    };
    let esign = if exponent < 0 { '-' } else { '+' };
    format!("{}e{esign}{:02}", Numeric::from_unscaled(sig, scale), exponent.unsigned_abs())
}

/// The `#` string `EEEE` prints for NaN and infinities.
fn eeee_hashes(num: &NumDesc) -> Vec<u8> {
    let mut v = vec![b'#'; (num.pre + num.post + 6) as usize];
    v[0] = b' ';
    v[num.pre as usize + 1] = b'.';
    v
}

/// `NUM_MAX_ITEM_SIZ`: PostgreSQL sizes the output buffer at this many
/// bytes per template byte.
const NUM_MAX_ITEM_SIZ: usize = 8;

/// `NUM_TOCHAR_prepare`: the parsed template, or `None` when `to_char`
/// returns an empty string (an empty template, or one so long that its
/// output buffer size would overflow an int).
fn template(a: &[Datum]) -> PgResult<Option<(Nodes, NumDesc)>> {
    let fmt = text(a, 1)?;
    if fmt.is_empty() || fmt.len() >= (i32::MAX as usize - 4) / NUM_MAX_ITEM_SIZ {
        return Ok(None);
    }
    pg_mcxt::limits::check_alloc_size(fmt.len() * NUM_MAX_ITEM_SIZ + 1 + 4)?;
    parse_num_format(fmt).map(Some)
}

fn out(s: String) -> PgResult<Datum> {
    Ok(Datum::Text(s))
}

fn int_to_char(a: &[Datum], value: i64, is_int8: bool) -> PgResult<Datum> {
    let Some((nodes, mut num)) = template(a)? else { return out(String::new()) };
    let (numstr, spaces, sign) = if num.has(F_ROMAN) {
        if is_int8 && i32::try_from(value).is_err() {
            return Err(crate::errors::out_of_range("integer"));
        }
        (int_to_roman(value), 0, 0)
    } else if num.has(F_EEEE) {
        if is_int8 {
            let s = numeric_out_sci(&Numeric::from_i64(value), num.post);
            let s = if s.starts_with('-') { s } else { format!(" {s}") };
            (s.into_bytes(), 0, 0)
        } else {
            (c_exp_format(value as f64, num.post as usize), 0, 0)
        }
    } else {
        let value = if num.has(F_MULTI) {
            let m = if is_int8 {
                let multi = 10f64.powi(num.multi);
                if multi >= i64::MAX as f64 {
                    return Err(crate::errors::out_of_range("bigint"));
                }
                value.checked_mul(multi as i64).ok_or_else(|| crate::errors::out_of_range("bigint"))?
            } else {
                // int4 arithmetic wraps in PostgreSQL's C here.
                let multi = 10f64.powi(num.multi);
                let m = if multi > i32::MAX as f64 { i32::MIN } else { multi as i32 };
                (value as i32).wrapping_mul(m) as i64
            };
            num.pre += num.multi;
            m
        } else {
            value
        };
        finish_plain(&num, &value.to_string(), true)
    };
    out(num_to_char(&nodes, num, numstr, spaces, sign)?)
}

pub(super) fn f_int4_to_char(a: &[Datum]) -> PgResult<Datum> {
    let v = arg(a, 0)?.as_i64().ok_or_else(|| crate::errors::wrong_datum("int4"))?;
    int_to_char(a, v, false)
}

pub(super) fn f_int8_to_char(a: &[Datum]) -> PgResult<Datum> {
    let v = arg(a, 0)?.as_i64().ok_or_else(|| crate::errors::wrong_datum("int8"))?;
    int_to_char(a, v, true)
}

pub(super) fn f_numeric_to_char(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Numeric(value) = arg(a, 0)? else { return Err(crate::errors::wrong_datum("numeric")) };
    let Some((nodes, mut num)) = template(a)? else { return out(String::new()) };
    let (numstr, spaces, sign) = if num.has(F_ROMAN) {
        let r = value.round(0);
        if r.is_nan() {
            return Err(PgError::not_supported("cannot convert NaN to integer"));
        }
        if !r.is_finite() {
            return Err(PgError::not_supported("cannot convert infinity to integer"));
        }
        let v = r.to_i64_rounded("integer")?.filter(|v| i32::try_from(*v).is_ok());
        let v = v.ok_or_else(|| crate::errors::out_of_range("integer"))?;
        (int_to_roman(v), 0, 0)
    } else if num.has(F_EEEE) {
        let s = numeric_out_sci(value, num.post);
        if !value.is_finite() {
            (eeee_hashes(&num), 0, 0)
        } else if s.starts_with('-') {
            (s.into_bytes(), 0, 0)
        } else {
            (format!(" {s}").into_bytes(), 0, 0)
        }
    } else {
        let val = if num.has(F_MULTI) {
            let x = Numeric::from_i64(10).power(&Numeric::from_i64(num.multi as i64))?;
            num.pre += num.multi;
            value.mul(&x)?
        } else {
            value.clone()
        };
        let x = round_to(&val, num.post.min(NUMERIC_DSCALE_MAX));
        finish_plain(&num, &x.to_string(), false)
    };
    out(num_to_char(&nodes, num, numstr, spaces, sign)?)
}

/// The largest display scale of a numeric, and so of `numeric_round`.
const NUMERIC_DSCALE_MAX: i32 = 0x3FFF;

/// `numeric_round(v, scale)` for 0 <= scale <= [`NUMERIC_DSCALE_MAX`]: half
/// away from zero, the result's display scale exactly `scale`.
fn round_to(v: &Numeric, scale: i32) -> Numeric {
    if !v.is_finite() {
        return v.clone();
    }
    let (u, d) = (v.unscaled(), v.dscale());
    let rounded = if scale >= d {
        u * Numeric::pow10(scale - d)
    } else {
        let div = Numeric::pow10(d - scale);
        let (q, r) = (u.abs() / &div, u.abs() % &div);
        let q = if r * 2 >= div { q + 1 } else { q };
        if u.is_negative() {
            -q
        } else {
            q
        }
    };
    Numeric::from_unscaled(rounded, scale)
}

/// `%.*f` of PostgreSQL's own `snprintf`, which spells the special values
/// `NaN`, `Infinity` and `-Infinity`.
fn c_fixed(v: f64, prec: usize) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-Infinity".into() } else { "Infinity".into() };
    }
    format!("{v:.prec$}")
}

fn float_to_char(a: &[Datum], value: f64, max_digits: i32, is_float4: bool) -> PgResult<Datum> {
    let Some((nodes, mut num)) = template(a)? else { return out(String::new()) };
    let (numstr, spaces, sign) = if num.has(F_ROMAN) {
        let r = crate::float::rint(value);
        let v = if (-2147483648.0..2147483648.0).contains(&r) { r as i64 } else { i64::from(i32::MIN) };
        (int_to_roman(v), 0, 0)
    } else if num.has(F_EEEE) {
        if value.is_nan() || value.is_infinite() {
            (eeee_hashes(&num), 0, 0)
        } else {
            (c_exp_format(value, num.post as usize), 0, 0)
        }
    } else {
        let mut val = value;
        if num.has(F_MULTI) {
            let multi = 10f64.powi(num.multi);
            val = if is_float4 { ((value as f32) * (multi as f32)) as f64 } else { value * multi };
            num.pre += num.multi;
        }
        let pre_len = c_fixed(val.abs(), 0).len() as i32;
        if pre_len >= max_digits {
            num.post = 0;
        } else if pre_len + num.post > max_digits {
            num.post = max_digits - pre_len;
        }
        finish_plain(&num, &c_fixed(val, num.post as usize), false)
    };
    out(num_to_char(&nodes, num, numstr, spaces, sign)?)
}

pub(super) fn f_float4_to_char(a: &[Datum]) -> PgResult<Datum> {
    let v = match arg(a, 0)? {
        Datum::Float4(f) => *f as f64,
        d => d.as_f64().ok_or_else(|| crate::errors::wrong_datum("float4"))?,
    };
    float_to_char(a, v, 6, true)
}

pub(super) fn f_float8_to_char(a: &[Datum]) -> PgResult<Datum> {
    let v = arg(a, 0)?.as_f64().ok_or_else(|| crate::errors::wrong_datum("float8"))?;
    float_to_char(a, v, 15, false)
}

/// `to_number(text, text)`: reads the digits, point and sign the template
/// describes, then makes a numeric of the template's precision.
pub(super) fn f_to_number(a: &[Datum]) -> PgResult<Datum> {
    let input = text(a, 0)?;
    let fmt = text(a, 1)?;
    if fmt.is_empty() || fmt.len() >= i32::MAX as usize / NUM_MAX_ITEM_SIZ {
        return Ok(Datum::Null);
    }
    let (nodes, mut num) = parse_num_format(fmt)?;
    pg_mcxt::limits::check_alloc_size(fmt.len() * NUM_MAX_ITEM_SIZ + 1)?;
    if num.zero_start != 0 {
        num.zero_start -= 1;
    }
    if num.has(F_EEEE) {
        return Err(PgError::not_supported("\"EEEE\" not supported for input"));
    }
    if num.has(F_ROMAN) {
        return Err(PgError::not_supported("\"RN\" not supported for input"));
    }
    let mut p = Proc {
        num,
        is_to_char: false,
        sign: 0,
        sign_wrote: false,
        num_count: 0,
        num_in: false,
        num_curr: 0,
        out_pre_spaces: 0,
        read_dec: false,
        read_post: 0,
        read_pre: 0,
        number: vec![b' '],
        number_p: 1,
        input: input.as_bytes(),
        inout_p: 0,
        out: Vec::new(),
        last_relevant: None,
    };
    debug_assert!(!p.is_to_char);
    p.num_count = p.num.post + p.num.pre - 1;
    for (i, n) in nodes.iter().enumerate() {
        super::check_interrupts_at(i)?;
        if p.overload() {
            break;
        }
        let FormatNode::Action { key, .. } = n else {
            // Each literal of the template skips one input character, whatever it is.
            p.inout_p += mblen(p.inp(p.inout_p));
            continue;
        };
        let fill = p.num.has(F_FILLMODE);
        match key.id {
            Num::Nine | Num::Zero | Num::Dec | Num::D => p.numpart_from_char(key.id),
            Num::Comma | Num::G => {
                if !p.num_in && fill {
                    continue;
                }
                if p.inp(p.inout_p) != b',' {
                    continue;
                }
            }
            Num::L => {
                p.eat_non_data_chars(1);
                continue;
            }
            Num::Th | Num::LowerTh => {
                // As in to_char, an ordinal suffix means nothing in a template
                // with a decimal point; it does not even skip input then.
                if !p.num.has(F_DECIMAL) {
                    p.eat_non_data_chars(2);
                }
                continue;
            }
            Num::Mi => {
                if p.inp(p.inout_p) == b'-' {
                    p.number[0] = b'-';
                } else {
                    p.eat_non_data_chars(1);
                    continue;
                }
            }
            Num::Pl => {
                if p.inp(p.inout_p) == b'+' {
                    p.number[0] = b'+';
                } else {
                    p.eat_non_data_chars(1);
                    continue;
                }
            }
            Num::Sg => {
                let c = p.inp(p.inout_p);
                if c == b'-' || c == b'+' {
                    p.number[0] = c;
                } else {
                    p.eat_non_data_chars(1);
                    continue;
                }
            }
            _ => continue,
        }
        p.inout_p += 1;
    }
    if p.number.last() == Some(&b'.') && p.number.len() > 1 {
        p.number.pop();
    }
    let scale = p.read_post;
    let precision = p.num.pre + p.num.multi + scale;
    let numstr = String::from_utf8_lossy(&p.number).into_owned();
    let parsed = Numeric::parse(&numstr)?;
    // C int arithmetic: a template of tens of thousands of digits wraps as in PostgreSQL.
    let typmod = ((precision.wrapping_shl(16)) | scale).wrapping_add(4);
    let mut result = parsed.apply_typmod(typmod)?;
    if p.num.has(F_MULTI) {
        let x = Numeric::from_i64(10).power(&Numeric::from_i64(-(p.num.multi as i64)))?;
        result = result.mul(&x)?;
    }
    Ok(Datum::Numeric(result))
}
