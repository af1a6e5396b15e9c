//! Arrays (`arrayfuncs.c`): the [`ArrayValue`] a `Datum::Array` holds,
//! with PostgreSQL's dimensions and lower bounds, its text I/O
//! (`array_in` / `array_out`), comparison (`array_cmp`), and anonymous
//! record output (`record_out`).
//!
//! An array has zero to [`MAX_DIMENSIONS`] dimensions, each with a length
//! and a lower bound (any `i32`, 1 unless the value says otherwise:
//! `'[0:2]={1,2,3}'`, an `int2vector`'s subscripts, a slice's bounds).
//! Elements are kept flat in row-major order, NULLs as `Datum::Null`. An
//! array with no elements has no dimensions at all, as in PostgreSQL
//! (`'{}'`, `'{{}}'` and an empty slice are the same value).

use crate::datum::Datum;
use crate::io::{self, OutputSettings};
use crate::types::Oid;
use pg_error::{PgError, PgResult, SqlState};
use std::cmp::Ordering;

/// MAXDIM: the most dimensions an array may have.
pub const MAX_DIMENSIONS: usize = 6;

/// `MaxArraySize`: the most elements an array may have (`MaxAllocSize /
/// sizeof(Datum)`).
pub(crate) const MAX_ARRAY_SIZE: i64 = 0x3fff_ffff / 8;

/// One dimension of an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrayDim {
    /// Number of elements along this dimension (at least 1).
    pub len: i32,
    /// The subscript of its first element.
    pub lbound: i32,
}

impl ArrayDim {
    /// The subscript of its last element (`lbound + len - 1`).
    pub fn upper(&self) -> i32 {
        // new() checked that this does not overflow.
        self.lbound + self.len - 1
    }
}

/// An array value: its elements in row-major order and its dimensions.
///
/// `dims` is `None` for the common shapes, so that most arrays cost no
/// extra allocation: a one-dimensional array whose lower bound is 1, and
/// the empty array (no dimensions). Every constructor normalises to that,
/// so the derived `==` is structural equality of shape and elements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArrayValue {
    elems: Vec<Datum>,
    dims: Option<Box<[ArrayDim]>>,
}

impl From<Vec<Datum>> for ArrayValue {
    /// A one-dimensional array with lower bound 1 (or the empty array).
    fn from(elems: Vec<Datum>) -> Self {
        ArrayValue { elems, dims: None }
    }
}

impl FromIterator<Datum> for ArrayValue {
    /// A one-dimensional array with lower bound 1 (or the empty array).
    fn from_iter<I: IntoIterator<Item = Datum>>(iter: I) -> Self {
        ArrayValue::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl std::ops::Deref for ArrayValue {
    type Target = [Datum];
    fn deref(&self) -> &[Datum] {
        &self.elems
    }
}

impl ArrayValue {
    /// An array of the given shape. The product of the lengths must be the
    /// number of elements; a shape with no elements gives the empty array.
    /// Errors are PostgreSQL's: 54000 past [`MAX_DIMENSIONS`] or
    /// `MaxArraySize` elements, or when an upper bound would pass
    /// `i32::MAX` (`ArrayCheckBounds`).
    pub fn new(elems: Vec<Datum>, dims: &[ArrayDim]) -> PgResult<ArrayValue> {
        if dims.len() > MAX_DIMENSIONS {
            return Err(too_many_dimensions(dims.len()));
        }
        let mut n: i64 = 1;
        for d in dims {
            n = n.saturating_mul(d.len.max(0) as i64);
            if n > MAX_ARRAY_SIZE {
                return Err(PgError::new(
                    SqlState::PROGRAM_LIMIT_EXCEEDED,
                    format!("array size exceeds the maximum allowed ({MAX_ARRAY_SIZE})"),
                ));
            }
            if d.lbound as i64 + d.len as i64 - 1 > i32::MAX as i64 {
                return Err(PgError::new(
                    SqlState::PROGRAM_LIMIT_EXCEEDED,
                    format!("array lower bound is too large: {}", d.lbound),
                ));
            }
        }
        if dims.is_empty() || n == 0 {
            return Ok(ArrayValue::default());
        }
        if n as usize != elems.len() {
            return Err(PgError::internal(format!(
                "array of {} elements does not fill dimensions of {n} elements",
                elems.len()
            )));
        }
        let dims = if dims.len() == 1 && dims[0].lbound == 1 { None } else { Some(dims.into()) };
        Ok(ArrayValue { elems, dims })
    }

    /// A one-dimensional array whose subscripts start at 0, the shape of
    /// `int2vector` and `oidvector` values.
    pub fn vector(elems: Vec<Datum>) -> ArrayValue {
        if elems.is_empty() {
            return ArrayValue::default();
        }
        let len = i32::try_from(elems.len()).expect("a vector of catalog size");
        ArrayValue { elems, dims: Some(Box::new([ArrayDim { len, lbound: 0 }])) }
    }

    /// Number of dimensions (0 for the empty array).
    pub fn ndim(&self) -> usize {
        match &self.dims {
            Some(d) => d.len(),
            None => usize::from(!self.elems.is_empty()),
        }
    }

    /// The dimensions, outermost first (none for the empty array).
    pub fn dims(&self) -> Vec<ArrayDim> {
        match &self.dims {
            Some(d) => d.to_vec(),
            None if self.elems.is_empty() => Vec::new(),
            None => vec![ArrayDim { len: self.elems.len() as i32, lbound: 1 }],
        }
    }

    /// Dimension `d` (0-based), if the array has it.
    pub fn dim(&self, d: usize) -> Option<ArrayDim> {
        match &self.dims {
            Some(dims) => dims.get(d).copied(),
            None if d == 0 && !self.elems.is_empty() => Some(ArrayDim { len: self.elems.len() as i32, lbound: 1 }),
            None => None,
        }
    }

    /// The elements in row-major order.
    pub fn elems(&self) -> &[Datum] {
        &self.elems
    }

    /// Takes the elements, dropping the shape.
    pub fn into_elems(self) -> Vec<Datum> {
        self.elems
    }

    /// The same elements with another shape of as many elements (a binary
    /// cast keeps the shape; `array_in`'s explicit bounds replace it).
    pub fn with_dims(self, dims: &[ArrayDim]) -> PgResult<ArrayValue> {
        ArrayValue::new(self.elems, dims)
    }

    /// The flat position of the element at `subscripts` (one per
    /// dimension), or `None` when any is out of range.
    pub fn offset_of(&self, subscripts: &[i32]) -> Option<usize> {
        if subscripts.len() != self.ndim() || subscripts.is_empty() {
            return None;
        }
        let mut off = 0usize;
        for (i, &s) in subscripts.iter().enumerate() {
            let d = self.dim(i)?;
            if s < d.lbound || s > d.upper() {
                return None;
            }
            off = off * d.len as usize + (s - d.lbound) as usize;
        }
        Some(off)
    }

    /// The element at `subscripts`, or `None` when out of range (SQL gives
    /// NULL then).
    pub fn get(&self, subscripts: &[i32]) -> Option<&Datum> {
        self.offset_of(subscripts).map(|o| &self.elems[o])
    }

    /// `array_get_slice`: the sub-array between `lower` and `upper` (one
    /// pair per dimension, inclusive, already clipped by the caller to the
    /// array's bounds where a bound was omitted). The result's lower bounds
    /// are 1, as PostgreSQL's. Ranges outside the array are clipped; an
    /// empty range gives the empty array.
    pub fn slice(&self, lower: &[i32], upper: &[i32]) -> PgResult<ArrayValue> {
        let ndim = self.ndim();
        if ndim == 0 || lower.len() > ndim || lower.len() != upper.len() {
            return Ok(ArrayValue::default());
        }
        let dims = self.dims();
        let mut out_dims = Vec::with_capacity(ndim);
        let mut ranges = Vec::with_capacity(ndim);
        for (i, d) in dims.iter().enumerate() {
            // Dimensions beyond the given subscripts are taken whole.
            let (lo, hi) =
                if i < lower.len() { (lower[i].max(d.lbound), upper[i].min(d.upper())) } else { (d.lbound, d.upper()) };
            if lo > hi {
                return Ok(ArrayValue::default());
            }
            ranges.push(((lo - d.lbound) as usize, (hi - d.lbound) as usize));
            out_dims.push(ArrayDim { len: hi - lo + 1, lbound: 1 });
        }
        let mut out = Vec::new();
        collect_slice(&self.elems, &dims, &ranges, 0, 0, &mut out);
        ArrayValue::new(out, &out_dims)
    }
}

/// `ARRAY[a, b, ...]` over arrays (`ExecEvalArrayExpr` with `multidims`):
/// one more dimension, of lower bound 1, over sub-arrays that must all
/// have the same shape. NULL and empty sub-arrays are skipped, and only
/// empty ones give the empty array; a mix of empty and non-empty ones, or
/// of different shapes, is 2202E.
pub fn merge_subarrays(subs: Vec<Datum>) -> PgResult<ArrayValue> {
    let mismatch = || {
        PgError::new(
            SqlState::ARRAY_SUBSCRIPT_ERROR,
            "multidimensional arrays must have array expressions with matching dimensions",
        )
    };
    let mut shape: Option<Vec<ArrayDim>> = None;
    let mut have_empty = false;
    let mut count = 0;
    let mut elems = Vec::new();
    for d in subs {
        let a = match d {
            Datum::Array(a) => a,
            _ => {
                have_empty = true;
                continue;
            }
        };
        let dims = a.dims();
        if dims.is_empty() {
            have_empty = true;
            continue;
        }
        match &shape {
            None => {
                if dims.len() + 1 > MAX_DIMENSIONS {
                    return Err(too_many_dimensions(dims.len() + 1));
                }
                shape = Some(dims);
            }
            Some(s) if *s != dims => return Err(mismatch()),
            Some(_) => {}
        }
        count += 1;
        elems.extend(a.into_elems());
    }
    let Some(inner) = shape else { return Ok(ArrayValue::default()) };
    if have_empty {
        return Err(mismatch());
    }
    let mut dims = vec![ArrayDim { len: count, lbound: 1 }];
    dims.extend(inner);
    ArrayValue::new(elems, &dims)
}

/// `ARRAY(subquery)` over an array column (`accumArrayResultArr`): the
/// rows' arrays stacked along a new first dimension of lower bound 1.
/// NULL is 22004, an empty array or a different shape 2202E.
pub fn accumulate_arrays(rows: Vec<Datum>) -> PgResult<ArrayValue> {
    let mut shape: Option<Vec<ArrayDim>> = None;
    let mut elems = Vec::new();
    let count = rows.len();
    for d in rows {
        let Datum::Array(a) = d else {
            return Err(PgError::new(SqlState::NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays"));
        };
        let dims = a.dims();
        if dims.is_empty() {
            return Err(PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays"));
        }
        match &shape {
            None => {
                if dims.len() + 1 > MAX_DIMENSIONS {
                    return Err(too_many_dimensions(dims.len() + 1));
                }
                shape = Some(dims);
            }
            Some(s) if *s != dims => {
                return Err(PgError::new(
                    SqlState::ARRAY_SUBSCRIPT_ERROR,
                    "cannot accumulate arrays of different dimensionality",
                ))
            }
            Some(_) => {}
        }
        elems.extend(a.into_elems());
    }
    let Some(inner) = shape else { return Ok(ArrayValue::default()) };
    let mut dims = vec![ArrayDim { len: count as i32, lbound: 1 }];
    dims.extend(inner);
    ArrayValue::new(elems, &dims)
}

/// Appends the elements of `elems` (shape `dims`) inside `ranges` from
/// dimension `d` on, `base` being the flat offset of the enclosing block.
fn collect_slice(
    elems: &[Datum],
    dims: &[ArrayDim],
    ranges: &[(usize, usize)],
    d: usize,
    base: usize,
    out: &mut Vec<Datum>,
) {
    let stride: usize = dims[d + 1..].iter().map(|x| x.len as usize).product();
    for i in ranges[d].0..=ranges[d].1 {
        let at = base + i * stride;
        if d + 1 == dims.len() {
            out.push(elems[at].clone());
        } else {
            collect_slice(elems, dims, ranges, d + 1, at, out);
        }
    }
}

fn too_many_dimensions(n: usize) -> PgError {
    PgError::new(
        SqlState::PROGRAM_LIMIT_EXCEEDED,
        format!("number of array dimensions ({n}) exceeds the maximum allowed ({MAX_DIMENSIONS})"),
    )
}

/// `array_cmp`: elements first (NULLs after non-NULLs), then the number of
/// elements, dimensions, their lengths and lower bounds, so that arrays of
/// different shapes are never equal. `None` when two elements cannot be
/// compared.
pub fn array_cmp(a: &ArrayValue, b: &ArrayValue) -> Option<Ordering> {
    for (p, q) in a.elems.iter().zip(b.elems.iter()) {
        let c = match (p.is_null(), q.is_null()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => crate::datum::datum_cmp(p, q)?,
        };
        if c != Ordering::Equal {
            return Some(c);
        }
    }
    let (da, db) = (a.dims(), b.dims());
    Some(
        a.elems
            .len()
            .cmp(&b.elems.len())
            .then(da.len().cmp(&db.len()))
            .then_with(|| da.iter().map(|d| d.len).cmp(db.iter().map(|d| d.len)))
            .then_with(|| da.iter().map(|d| d.lbound).cmp(db.iter().map(|d| d.lbound))),
    )
}

/// `array_isspace`: the white space array literals may hold around elements.
fn array_isspace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn needs_quotes(s: &str) -> bool {
    s.is_empty()
        || s.eq_ignore_ascii_case("null")
        || s.bytes().any(|c| matches!(c, b'{' | b'}' | b',' | b'"' | b'\\') || array_isspace(c))
}

fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// `array_out`: `{1,2,NULL}`, `{{1,2},{3,4}}`, and `[0:2]={1,2,3}` when a
/// lower bound is not 1.
pub fn format_array(elem: Oid, array: &ArrayValue, settings: &OutputSettings) -> String {
    let dims = array.dims();
    if dims.is_empty() {
        return "{}".to_string();
    }
    let mut out = String::new();
    if dims.iter().any(|d| d.lbound != 1) {
        for d in &dims {
            out.push_str(&format!("[{}:{}]", d.lbound, d.upper()));
        }
        out.push('=');
    }
    let mut items = array.elems.iter();
    format_level(elem, &dims, &mut items, settings, &mut out);
    out
}

fn format_level<'a>(
    elem: Oid,
    dims: &[ArrayDim],
    items: &mut impl Iterator<Item = &'a Datum>,
    settings: &OutputSettings,
    out: &mut String,
) {
    out.push('{');
    for i in 0..dims[0].len {
        if i > 0 {
            out.push(',');
        }
        if dims.len() > 1 {
            format_level(elem, &dims[1..], items, settings, out);
            continue;
        }
        match items.next() {
            Some(Datum::Null) | None => out.push_str("NULL"),
            Some(d) => {
                let s = io::output(elem, d, settings);
                if needs_quotes(&s) {
                    push_quoted(out, &s);
                } else {
                    out.push_str(&s);
                }
            }
        }
    }
    out.push('}');
}

/// `int2vectorout` / `oidvectorout`: the elements separated by spaces.
pub fn format_vector(elem: Oid, array: &ArrayValue, settings: &OutputSettings) -> String {
    let parts: Vec<String> = array.elems.iter().map(|d| io::output(elem, d, settings)).collect();
    parts.join(" ")
}

/// `int2vectorin` / `oidvectorin`: integers separated by white space, kept
/// with lower bound 0.
pub fn parse_vector(elem: Oid, s: &str, settings: &OutputSettings) -> PgResult<Datum> {
    let items = s
        .split(|c: char| c.is_ascii() && array_isspace(c as u8))
        .filter(|p| !p.is_empty())
        .map(|p| io::input(elem, -1, p, settings))
        .collect::<PgResult<Vec<_>>>()?;
    Ok(Datum::Array(ArrayValue::vector(items)))
}

/// `record_out`.
pub fn format_record(items: &[Datum], settings: &OutputSettings) -> String {
    let mut out = String::from("(");
    for (i, d) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if !d.is_null() {
            let s = io::output(io::natural_type(d), d, settings);
            if s.is_empty()
                || s.bytes().any(|c| matches!(c, b'(' | b')' | b',' | b'"' | b'\\') || c.is_ascii_whitespace())
            {
                push_quoted(&mut out, &s);
            } else {
                out.push_str(&s);
            }
        }
    }
    out.push(')');
    out
}

/// Where `array_in`'s structure scan stands (`ArrayParseState`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ParseState {
    NoLevel,
    LevelStarted,
    ElemStarted,
    QuotedElemStarted,
    QuotedElemCompleted,
    ElemDelimited,
    LevelCompleted,
    LevelDelimited,
}

/// One element as the scan found it: its text, whether any of it was
/// quoted (a quoted `"NULL"` is the string).
struct RawElem {
    text: String,
    quoted: bool,
}

/// `array_in` for a literal such as `{1,2,NULL,"a b"}`, `{{1,2},{3,4}}`
/// or `[0:1]={7,8}`, with PostgreSQL's errors (22P02 "malformed array
/// literal" with its detail, 2202E for inverted bounds, 54000 past
/// MAXDIM).
pub fn parse_array(elem: Oid, s: &str, settings: &OutputSettings) -> PgResult<Datum> {
    parse_array_typmod(elem, -1, s, settings)
}

/// [`parse_array`] with the element typmod (`varchar(3)[]` checks each
/// element's length).
pub fn parse_array_typmod(elem: Oid, typmod: i32, s: &str, settings: &OutputSettings) -> PgResult<Datum> {
    let malformed = |detail: String| {
        PgError::new(SqlState::INVALID_TEXT_REPRESENTATION, format!("malformed array literal: \"{s}\""))
            .with_detail(detail)
    };
    let b = s.as_bytes();
    let mut p = 0;
    while p < b.len() && array_isspace(b[p]) {
        p += 1;
    }
    // Explicit dimensions: [lb:ub] or [ub] per dimension, then '='.
    let mut given: Vec<ArrayDim> = Vec::new();
    while p < b.len() && b[p] == b'[' {
        if given.len() >= MAX_DIMENSIONS {
            return Err(too_many_dimensions(given.len() + 1));
        }
        p += 1;
        let read_int = |p: &mut usize| -> Option<i64> {
            let start = *p;
            if *p < b.len() && (b[*p] == b'-' || b[*p] == b'+') {
                *p += 1;
            }
            let digits = *p;
            while *p < b.len() && b[*p].is_ascii_digit() {
                *p += 1;
            }
            if *p == digits {
                *p = start;
                return None;
            }
            s[start..*p].parse::<i64>().ok().or(Some(i64::MAX))
        };
        let first = read_int(&mut p)
            .ok_or_else(|| malformed("\"[\" must introduce explicitly-specified array dimensions.".into()))?;
        let (lb, ub) = if p < b.len() && b[p] == b':' {
            p += 1;
            let ub = read_int(&mut p).ok_or_else(|| malformed("Missing array dimension value.".into()))?;
            (first, ub)
        } else {
            (1, first)
        };
        if p >= b.len() || b[p] != b']' {
            return Err(malformed("Missing \"]\" after array dimensions.".into()));
        }
        p += 1;
        let out_of_range = |v: i64| {
            PgError::new(
                SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
                format!("value \"{v}\" is out of range for type integer"),
            )
        };
        let lb32 = i32::try_from(lb).map_err(|_| out_of_range(lb))?;
        let ub32 = i32::try_from(ub).map_err(|_| out_of_range(ub))?;
        if ub32 < lb32 {
            return Err(PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound"));
        }
        given.push(ArrayDim { len: ((ub32 as i64) - (lb32 as i64) + 1) as i32, lbound: lb32 });
    }
    if !given.is_empty() {
        while p < b.len() && array_isspace(b[p]) {
            p += 1;
        }
        if p >= b.len() || b[p] != b'=' {
            return Err(malformed("Missing \"=\" after array dimensions.".into()));
        }
        p += 1;
        while p < b.len() && array_isspace(b[p]) {
            p += 1;
        }
        if p >= b.len() || b[p] != b'{' {
            return Err(malformed("Array contents must start with \"{\".".into()));
        }
    } else if p >= b.len() || b[p] != b'{' {
        return Err(malformed("Array value must start with \"{\" or dimension information.".into()));
    }
    let (counted, raw) = scan_array(s, p, &malformed)?;
    if !given.is_empty() && (counted.len() != given.len() || counted.iter().zip(&given).any(|(&n, d)| n != d.len)) {
        return Err(malformed("Specified array dimensions do not match array contents.".into()));
    }
    if counted.is_empty() {
        return Ok(Datum::Array(ArrayValue::default()));
    }
    // The elements must fill the shape (ReadArrayStr's check). Like
    // PostgreSQL's, it does not ask that each sit at the innermost level:
    // '{{1},{{2}}}' is read as '{{{1}},{{2}}}'.
    let total: i64 = counted.iter().map(|&n| n as i64).product();
    if total != raw.len() as i64 {
        return Err(malformed("Multidimensional arrays must have sub-arrays with matching dimensions.".into()));
    }
    let mut items = Vec::with_capacity(raw.len());
    for r in raw {
        pg_error::check_for_interrupts()?;
        if !r.quoted && r.text.eq_ignore_ascii_case("null") {
            items.push(Datum::Null);
        } else {
            items.push(io::input(elem, typmod, &r.text, settings)?);
        }
    }
    let dims: Vec<ArrayDim> =
        if given.is_empty() { counted.iter().map(|&len| ArrayDim { len, lbound: 1 }).collect() } else { given };
    Ok(Datum::Array(ArrayValue::new(items, &dims)?))
}

/// `ArrayCount` and `ReadArrayStr` in one pass over `s[start..]`, which
/// begins with `{`: checks the structure with PostgreSQL's state machine
/// (so a malformed literal gets the same detail), and returns the length
/// of each dimension (none for an empty array) and the raw elements.
fn scan_array(s: &str, start: usize, malformed: &dyn Fn(String) -> PgError) -> PgResult<(Vec<i32>, Vec<RawElem>)> {
    let b = s.as_bytes();
    let unexpected = |c: u8| malformed(format!("Unexpected \"{}\" character.", c as char));
    let mut nest = 0usize;
    let mut ndim = 1usize;
    let mut nelems = [1i32; MAX_DIMENSIONS];
    let mut nelems_last = [0i32; MAX_DIMENSIONS];
    let mut in_quotes = false;
    let mut empty = true;
    let mut state = ParseState::NoLevel;
    let mut raw: Vec<RawElem> = Vec::new();
    // The element being read: its bytes, whether it began, whether any of
    // it was quoted, and the length up to its last quoted or escaped
    // byte (trailing unquoted white space is trimmed back to it).
    let mut cur: Vec<u8> = Vec::new();
    let mut cur_started = false;
    let mut cur_quoted = false;
    let mut keep_len = 0usize;
    let mut p = start;
    let finish =
        |cur: &mut Vec<u8>, started: &mut bool, quoted: &mut bool, keep: &mut usize, raw: &mut Vec<RawElem>| {
            if *started {
                let mut end = cur.len();
                while end > *keep && array_isspace(cur[end - 1]) {
                    end -= 1;
                }
                cur.truncate(end);
                raw.push(RawElem { text: String::from_utf8_lossy(cur).into_owned(), quoted: *quoted });
            }
            cur.clear();
            *started = false;
            *quoted = false;
            *keep = 0;
        };
    loop {
        if matches!(state, ParseState::ElemStarted | ParseState::QuotedElemStarted) {
            empty = false;
        }
        let Some(&c) = b.get(p) else {
            return Err(malformed("Unexpected end of input.".into()));
        };
        match c {
            b'\\' => {
                if !matches!(
                    state,
                    ParseState::LevelStarted
                        | ParseState::ElemStarted
                        | ParseState::QuotedElemStarted
                        | ParseState::ElemDelimited
                ) {
                    return Err(unexpected(b'\\'));
                }
                if state != ParseState::QuotedElemStarted {
                    state = ParseState::ElemStarted;
                }
                let Some(&next) = b.get(p + 1) else {
                    return Err(malformed("Unexpected end of input.".into()));
                };
                cur.push(next);
                cur_started = true;
                keep_len = cur.len();
                p += 1;
            }
            b'"' => {
                if !matches!(
                    state,
                    ParseState::LevelStarted | ParseState::QuotedElemStarted | ParseState::ElemDelimited
                ) {
                    return Err(malformed("Unexpected array element.".into()));
                }
                in_quotes = !in_quotes;
                state = if in_quotes { ParseState::QuotedElemStarted } else { ParseState::QuotedElemCompleted };
                cur_started = true;
                cur_quoted = true;
                keep_len = cur.len();
            }
            _ if in_quotes => {
                cur.push(c);
                keep_len = cur.len();
            }
            b'{' => {
                if !matches!(state, ParseState::NoLevel | ParseState::LevelStarted | ParseState::LevelDelimited) {
                    return Err(unexpected(b'{'));
                }
                state = ParseState::LevelStarted;
                if nest >= MAX_DIMENSIONS {
                    return Err(too_many_dimensions(nest + 1));
                }
                nest += 1;
                ndim = ndim.max(nest);
            }
            b'}' => {
                let closes = matches!(
                    state,
                    ParseState::ElemStarted | ParseState::QuotedElemCompleted | ParseState::LevelCompleted
                ) || (nest == 1 && state == ParseState::LevelStarted);
                if !closes {
                    return Err(unexpected(b'}'));
                }
                state = ParseState::LevelCompleted;
                if nest == 0 {
                    return Err(malformed("Unmatched \"}\" character.".into()));
                }
                finish(&mut cur, &mut cur_started, &mut cur_quoted, &mut keep_len, &mut raw);
                nest -= 1;
                if nelems_last[nest] != 0 && nelems[nest] != nelems_last[nest] {
                    return Err(malformed(
                        "Multidimensional arrays must have sub-arrays with matching dimensions.".into(),
                    ));
                }
                nelems_last[nest] = nelems[nest];
                nelems[nest] = 1;
                if nest == 0 {
                    p += 1;
                    break;
                }
            }
            b',' => {
                if !matches!(
                    state,
                    ParseState::ElemStarted | ParseState::QuotedElemCompleted | ParseState::LevelCompleted
                ) {
                    return Err(unexpected(b','));
                }
                state = if state == ParseState::LevelCompleted {
                    ParseState::LevelDelimited
                } else {
                    ParseState::ElemDelimited
                };
                finish(&mut cur, &mut cur_started, &mut cur_quoted, &mut keep_len, &mut raw);
                nelems[nest - 1] += 1;
            }
            _ if array_isspace(c) => {
                if cur_started {
                    cur.push(c);
                }
            }
            _ => {
                if !matches!(state, ParseState::LevelStarted | ParseState::ElemStarted | ParseState::ElemDelimited) {
                    return Err(malformed("Unexpected array element.".into()));
                }
                state = ParseState::ElemStarted;
                cur.push(c);
                cur_started = true;
                keep_len = cur.len();
            }
        }
        p += 1;
    }
    if b[p..].iter().any(|&c| !array_isspace(c)) {
        return Err(malformed("Junk after closing right brace.".into()));
    }
    if empty {
        return Ok((Vec::new(), raw));
    }
    // PostgreSQL counts each dimension's length from the last sub-array
    // closed at that level; with the matching-dimensions check above that
    // is every sub-array's length.
    let dims: Vec<i32> = (0..ndim).map(|i| nelems_last[i]).collect();
    Ok((dims, raw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::oid;

    fn parse(s: &str) -> PgResult<String> {
        let set = OutputSettings::default();
        match parse_array(oid::INT4, s, &set)? {
            Datum::Array(a) => Ok(format_array(oid::INT4, &a, &set)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn literals_round_trip_with_their_shape() {
        for (input, out) in [
            ("{1,2,3}", "{1,2,3}"),
            (" { 1 , NULL ,3 } ", "{1,NULL,3}"),
            ("{}", "{}"),
            ("{{1},{{2}}}", "{{{1}},{{2}}}"),
            ("{{1,2},{3,4}}", "{{1,2},{3,4}}"),
            ("[0:2]={7,8,9}", "[0:2]={7,8,9}"),
            ("[1:2]={7,8}", "{7,8}"),
            ("[-1:0][1:2]={{1,2},{3,4}}", "[-1:0][1:2]={{1,2},{3,4}}"),
            ("{{{1}},{{2}}}", "{{{1}},{{2}}}"),
        ] {
            assert_eq!(parse(input).unwrap(), out, "{input}");
        }
    }

    #[test]
    fn malformed_literals_get_postgres_details() {
        for (input, detail) in [
            ("{1,2", "Unexpected end of input."),
            ("{{1,2},{3}}", "Multidimensional arrays must have sub-arrays with matching dimensions."),
            ("{1,{2}}", "Unexpected \"{\" character."),
            ("{1}x", "Junk after closing right brace."),
            ("1,2", "Array value must start with \"{\" or dimension information."),
            ("[1:2]={1}", "Specified array dimensions do not match array contents."),
            ("[1:2]{1,2}", "Missing \"=\" after array dimensions."),
            ("{,}", "Unexpected \",\" character."),
            ("{{}}", "Unexpected \"}\" character."),
            ("{{1},2}", "Unexpected array element."),
        ] {
            let e = parse(input).unwrap_err();
            assert_eq!(e.code, SqlState::INVALID_TEXT_REPRESENTATION, "{input}");
            assert_eq!(e.detail.as_deref(), Some(detail), "{input}");
        }
        assert_eq!(parse("[2:1]={}").unwrap_err().code, SqlState::ARRAY_SUBSCRIPT_ERROR);
    }

    #[test]
    fn subscripts_and_slices_follow_the_bounds() {
        let a = ArrayValue::new(
            (1..=6).map(Datum::Int4).collect(),
            &[ArrayDim { len: 2, lbound: 0 }, ArrayDim { len: 3, lbound: 1 }],
        )
        .unwrap();
        assert_eq!(a.get(&[0, 1]), Some(&Datum::Int4(1)));
        assert_eq!(a.get(&[1, 3]), Some(&Datum::Int4(6)));
        assert_eq!(a.get(&[2, 1]), None);
        assert_eq!(a.get(&[1]), None);
        let s = a.slice(&[1, 2], &[5, 3]).unwrap();
        assert_eq!(s.dims(), vec![ArrayDim { len: 1, lbound: 1 }, ArrayDim { len: 2, lbound: 1 }]);
        assert_eq!(s.elems(), &[Datum::Int4(5), Datum::Int4(6)]);
        assert_eq!(a.slice(&[3], &[4]).unwrap(), ArrayValue::default());
    }
}
