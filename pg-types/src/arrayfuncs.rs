//! SQL functions over arrays of any element type (PostgreSQL's
//! `arrayfuncs.c`): `array_lower`, `array_upper`, `array_length`,
//! `array_ndims`, `array_dims`, `cardinality`, `unnest`, `array_cat`
//! (`||`), `array_append`, `array_prepend`, `array_position(s)`,
//! `array_remove`, `array_replace`, `array_fill` and `trim_array`. They read the
//! shape an [`ArrayValue`] keeps (lower bounds, several dimensions), so
//! `array_upper('1 2'::int2vector::int2[], 1)` is 1 as in PostgreSQL.

use crate::array::ArrayValue;
use crate::datum::Datum;
use crate::fmgr::{FuncDef, SetRows, SrfImpl, Volatility};
use crate::types::oid;
use pg_error::{PgError, PgResult, SqlState};

fn array_arg(a: &[Datum]) -> PgResult<&ArrayValue> {
    match a.first() {
        Some(Datum::Array(x)) => Ok(x),
        other => Err(PgError::internal(format!("array function called with {other:?}"))),
    }
}

/// Dimension `dim` (1-based, as SQL counts) of the array, if it has it.
fn dimension(a: &[Datum]) -> PgResult<Option<crate::array::ArrayDim>> {
    let array = array_arg(a)?;
    let d = a.get(1).and_then(Datum::as_i64).unwrap_or(0);
    Ok(if d < 1 { None } else { array.dim(d as usize - 1) })
}

/// `array_lower(anyarray, int)`: NULL for a dimension the array lacks.
fn array_lower(a: &[Datum]) -> PgResult<Datum> {
    Ok(dimension(a)?.map_or(Datum::Null, |d| Datum::Int4(d.lbound)))
}

/// `array_upper(anyarray, int)`.
fn array_upper(a: &[Datum]) -> PgResult<Datum> {
    Ok(dimension(a)?.map_or(Datum::Null, |d| Datum::Int4(d.upper())))
}

/// `array_length(anyarray, int)`.
fn array_length(a: &[Datum]) -> PgResult<Datum> {
    Ok(dimension(a)?.map_or(Datum::Null, |d| Datum::Int4(d.len)))
}

/// `array_ndims(anyarray)`: NULL for the empty array (no dimensions).
fn array_ndims(a: &[Datum]) -> PgResult<Datum> {
    let n = array_arg(a)?.ndim();
    Ok(if n == 0 { Datum::Null } else { Datum::Int4(n as i32) })
}

/// `array_dims(anyarray)`: `[1:3]`, `[0:1][1:2]`; NULL for the empty array.
fn array_dims(a: &[Datum]) -> PgResult<Datum> {
    let dims = array_arg(a)?.dims();
    if dims.is_empty() {
        return Ok(Datum::Null);
    }
    Ok(Datum::Text(dims.iter().map(|d| format!("[{}:{}]", d.lbound, d.upper())).collect()))
}

/// `cardinality(anyarray)`: the number of elements (0 when empty).
fn cardinality(a: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Int4(array_arg(a)?.len() as i32))
}

/// `unnest(anyarray)`: the elements in storage order, whatever the shape.
fn unnest(a: &[Datum]) -> PgResult<SetRows> {
    let items = array_arg(a)?.clone().into_elems();
    Ok(Box::new(items.into_iter().map(|d| Ok(vec![d]))))
}

/// `array_cat(anyarray, anyarray)`, the `||` of two arrays. Not strict: a
/// NULL or empty side gives the other. Arrays of as many dimensions join
/// along the first (whose lower bound the left one keeps); one of one
/// dimension fewer is added as a new first-dimension element. Other shapes
/// are 2202E "cannot concatenate incompatible arrays".
pub fn array_cat(a: &[Datum]) -> PgResult<Datum> {
    let (l, r) = match (a.first(), a.get(1)) {
        (Some(Datum::Array(l)), Some(Datum::Array(r))) => (l, r),
        (Some(Datum::Array(_)), _) => return Ok(a[0].clone()),
        (_, Some(Datum::Array(_))) => return Ok(a[1].clone()),
        _ => return Ok(Datum::Null),
    };
    if r.ndim() == 0 {
        return Ok(a[0].clone());
    }
    if l.ndim() == 0 {
        return Ok(a[1].clone());
    }
    let incompatible = |detail: String| {
        PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays").with_detail(detail)
    };
    let (dl, dr) = (l.dims(), r.dims());
    let dims = if dl.len() == dr.len() {
        if dl[1..] != dr[1..] {
            return Err(incompatible(
                "Arrays with differing element dimensions are not compatible for concatenation.".into(),
            ));
        }
        let mut dims = dl.clone();
        dims[0].len = dl[0].len.saturating_add(dr[0].len);
        dims
    } else if dl.len() + 1 == dr.len() || dr.len() + 1 == dl.len() {
        let (outer, inner) = if dl.len() > dr.len() { (&dl, &dr) } else { (&dr, &dl) };
        if outer[1..] != inner[..] {
            return Err(incompatible("Arrays with differing dimensions are not compatible for concatenation.".into()));
        }
        let mut dims = outer.clone();
        dims[0].len = dims[0].len.saturating_add(1);
        dims
    } else {
        return Err(incompatible(format!(
            "Arrays of {} and {} dimensions are not compatible for concatenation.",
            dl.len(),
            dr.len()
        )));
    };
    let mut elems = Vec::with_capacity(l.len() + r.len());
    elems.extend_from_slice(l.elems());
    elems.extend_from_slice(r.elems());
    Ok(Datum::Array(ArrayValue::new(elems, &dims)?))
}

/// The one-dimensional array `array_append` / `array_prepend` extend: a
/// NULL array is empty; more dimensions are 22000.
fn one_dimensional(d: Option<&Datum>) -> PgResult<ArrayValue> {
    match d {
        Some(Datum::Array(a)) if a.ndim() <= 1 => Ok(a.clone()),
        Some(Datum::Array(_)) => {
            Err(PgError::new(SqlState::DATA_EXCEPTION, "argument must be empty or one-dimensional array"))
        }
        _ => Ok(ArrayValue::default()),
    }
}

/// `array_append(anyarray, anyelement)`: the element added after the
/// last, the lower bound kept. Not strict.
fn array_append(a: &[Datum]) -> PgResult<Datum> {
    let array = one_dimensional(a.first())?;
    let lbound = array.dim(0).map_or(1, |d| d.lbound);
    let mut elems = array.into_elems();
    elems.push(a.get(1).cloned().unwrap_or(Datum::Null));
    let len = i32::try_from(elems.len()).unwrap_or(i32::MAX);
    Ok(Datum::Array(ArrayValue::new(elems, &[crate::array::ArrayDim { len, lbound }])?))
}

/// `array_prepend(anyelement, anyarray)`: the element put first, the
/// lower bound kept (as PostgreSQL readjusts it). Not strict.
fn array_prepend(a: &[Datum]) -> PgResult<Datum> {
    let array = one_dimensional(a.get(1))?;
    let lbound = array.dim(0).map_or(1, |d| d.lbound);
    let mut elems = Vec::with_capacity(array.len() + 1);
    elems.push(a.first().cloned().unwrap_or(Datum::Null));
    elems.extend(array.into_elems());
    let len = i32::try_from(elems.len()).unwrap_or(i32::MAX);
    Ok(Datum::Array(ArrayValue::new(elems, &[crate::array::ArrayDim { len, lbound }])?))
}

/// Element equality as `array_position` and `array_remove` test it: IS NOT
/// DISTINCT FROM (a NULL search value finds NULL elements).
fn same_element(x: &Datum, y: &Datum) -> bool {
    match (x.is_null(), y.is_null()) {
        (true, true) => true,
        (false, false) => crate::datum::datum_cmp(x, y) == Some(std::cmp::Ordering::Equal),
        _ => false,
    }
}

/// The one-dimensional array a search or removal reads; `what` words
/// PostgreSQL's 0A000 for more dimensions.
fn searchable<'a>(a: &'a ArrayValue, what: &str) -> PgResult<&'a ArrayValue> {
    if a.ndim() > 1 {
        return Err(PgError::new(
            SqlState::FEATURE_NOT_SUPPORTED,
            format!("{what} multidimensional arrays is not supported"),
        ));
    }
    Ok(a)
}

/// `array_position(anycompatiblearray, anycompatible [, start int])`: the
/// subscript of the first element not distinct from the value, from
/// `start` on (the array's own subscripts); NULL when none. Not strict.
fn array_position(a: &[Datum]) -> PgResult<Datum> {
    let Some(Datum::Array(array)) = a.first() else { return Ok(Datum::Null) };
    let array = searchable(array, "searching for elements in")?;
    let lbound = array.dim(0).map_or(1, |d| d.lbound);
    let start = match a.get(2) {
        None => lbound,
        Some(Datum::Null) => {
            return Err(PgError::new(SqlState::NULL_VALUE_NOT_ALLOWED, "initial position must not be null"))
        }
        Some(d) => d.as_i64().unwrap_or(1).clamp(i32::MIN as i64, i32::MAX as i64) as i32,
    };
    let value = a.get(1).unwrap_or(&Datum::Null);
    for (i, e) in array.elems().iter().enumerate() {
        let subscript = lbound.saturating_add(i as i32);
        if subscript >= start && same_element(e, value) {
            return Ok(Datum::Int4(subscript));
        }
    }
    Ok(Datum::Null)
}

/// `array_positions(anycompatiblearray, anycompatible)`: the subscripts
/// of every element not distinct from the value (empty when none).
fn array_positions(a: &[Datum]) -> PgResult<Datum> {
    let Some(Datum::Array(array)) = a.first() else { return Ok(Datum::Null) };
    let array = searchable(array, "searching for elements in")?;
    let lbound = array.dim(0).map_or(1, |d| d.lbound);
    let value = a.get(1).unwrap_or(&Datum::Null);
    let found: Vec<Datum> = (array.elems().iter().enumerate())
        .filter(|(_, e)| same_element(e, value))
        .map(|(i, _)| Datum::Int4(lbound.saturating_add(i as i32)))
        .collect();
    Ok(Datum::Array(ArrayValue::from(found)))
}

/// `array_remove(anycompatiblearray, anycompatible)`: the elements not
/// distinct from the value left out, the lower bound kept. Not strict.
fn array_remove(a: &[Datum]) -> PgResult<Datum> {
    let Some(Datum::Array(array)) = a.first() else { return Ok(Datum::Null) };
    let array = searchable(array, "removing elements from")?;
    let lbound = array.dim(0).map_or(1, |d| d.lbound);
    let value = a.get(1).unwrap_or(&Datum::Null);
    let kept: Vec<Datum> = array.elems().iter().filter(|e| !same_element(e, value)).cloned().collect();
    let len = i32::try_from(kept.len()).unwrap_or(i32::MAX);
    Ok(Datum::Array(ArrayValue::new(kept, &[crate::array::ArrayDim { len, lbound }])?))
}

/// `array_replace(anycompatiblearray, anycompatible, anycompatible)`:
/// every element not distinct from the second argument becomes the third;
/// any shape. Not strict.
fn array_replace(a: &[Datum]) -> PgResult<Datum> {
    let Some(Datum::Array(array)) = a.first() else { return Ok(Datum::Null) };
    let (search, replace) = (a.get(1).unwrap_or(&Datum::Null), a.get(2).unwrap_or(&Datum::Null));
    let elems: Vec<Datum> =
        array.elems().iter().map(|e| if same_element(e, search) { replace.clone() } else { e.clone() }).collect();
    Ok(Datum::Array(ArrayValue::new(elems, &array.dims())?))
}

/// The integers of `array_fill`'s dimension or lower-bound argument
/// (PostgreSQL words the errors of both as the dimensions').
fn fill_bounds(d: &Datum) -> PgResult<Vec<i32>> {
    let Datum::Array(a) = d else {
        return Err(PgError::new(
            SqlState::NULL_VALUE_NOT_ALLOWED,
            "dimension array or low bound array cannot be null",
        ));
    };
    if a.ndim() > 1 {
        return Err(PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
            .with_detail("Dimension array must be one dimensional."));
    }
    a.elems()
        .iter()
        .map(|e| match e {
            Datum::Null => Err(PgError::new(SqlState::NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null")),
            e => Ok(e.as_i64().unwrap_or(0) as i32),
        })
        .collect()
}

/// `array_fill(anyelement, dims int[] [, lbounds int[]])`: an array of
/// the given shape holding the value everywhere. Not strict (the value
/// may be NULL; the bounds may not).
fn array_fill(a: &[Datum]) -> PgResult<Datum> {
    let null = Datum::Null;
    let lens = fill_bounds(a.get(1).unwrap_or(&null))?;
    let lbounds = match a.get(2) {
        None => vec![1; lens.len()],
        Some(d) => {
            let l = fill_bounds(d)?;
            if l.len() != lens.len() {
                return Err(PgError::new(SqlState::ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts")
                    .with_detail("Low bound array has different size than dimensions array."));
            }
            l
        }
    };
    if lens.is_empty() {
        return Ok(Datum::Array(ArrayValue::default()));
    }
    let mut n: i64 = 1;
    for &len in &lens {
        n = n.saturating_mul(len as i64);
        if len < 0 || n > crate::array::MAX_ARRAY_SIZE {
            return Err(PgError::new(
                SqlState::PROGRAM_LIMIT_EXCEEDED,
                format!("array size exceeds the maximum allowed ({})", crate::array::MAX_ARRAY_SIZE),
            ));
        }
    }
    let dims: Vec<crate::array::ArrayDim> =
        lens.iter().zip(&lbounds).map(|(&len, &lbound)| crate::array::ArrayDim { len, lbound }).collect();
    let value = a.first().unwrap_or(&null);
    let mut elems = pg_mcxt::limits::try_with_capacity(n as usize)?;
    for _ in 0..n {
        elems.push(value.try_clone()?);
    }
    Ok(Datum::Array(ArrayValue::new(elems, &dims)?))
}

/// `trim_array(anyarray, n)`: the last `n` elements of the first dimension
/// removed (2202E outside 0..=length); the result's subscripts start at 1.
fn trim_array(a: &[Datum]) -> PgResult<Datum> {
    let array = array_arg(a)?;
    let n = a.get(1).and_then(Datum::as_i64).unwrap_or(0);
    let len = array.dim(0).map_or(0, |d| d.len);
    if n < 0 || n > len as i64 {
        return Err(PgError::new(
            SqlState::ARRAY_SUBSCRIPT_ERROR,
            format!("number of elements to trim must be between 0 and {len}"),
        ));
    }
    let mut dims = array.dims();
    if dims.is_empty() {
        return Ok(a[0].clone());
    }
    let keep_outer = len - n as i32;
    let inner: usize = dims[1..].iter().map(|d| d.len.max(0) as usize).product();
    let elems = array.elems()[..keep_outer as usize * inner].to_vec();
    dims[0].len = keep_outer;
    for d in &mut dims {
        d.lbound = 1;
    }
    Ok(Datum::Array(ArrayValue::new(elems, &dims)?))
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::{ANYARRAY, ANYELEMENT, INT4, TEXT};
    use Volatility::Immutable;
    vec![
        FuncDef::scalar("array_lower", &[ANYARRAY, INT4], INT4, Immutable, array_lower),
        FuncDef::scalar("array_upper", &[ANYARRAY, INT4], INT4, Immutable, array_upper),
        FuncDef::scalar("array_length", &[ANYARRAY, INT4], INT4, Immutable, array_length),
        FuncDef::scalar("array_ndims", &[ANYARRAY], INT4, Immutable, array_ndims),
        FuncDef::scalar("array_dims", &[ANYARRAY], TEXT, Immutable, array_dims),
        FuncDef::scalar("cardinality", &[ANYARRAY], INT4, Immutable, cardinality),
        FuncDef::scalar("array_cat", &[ANYARRAY, ANYARRAY], ANYARRAY, Immutable, array_cat).non_strict(),
        FuncDef::scalar("array_append", &[ANYARRAY, ANYELEMENT], ANYARRAY, Immutable, array_append).non_strict(),
        FuncDef::scalar("array_prepend", &[ANYELEMENT, ANYARRAY], ANYARRAY, Immutable, array_prepend).non_strict(),
        FuncDef::scalar("array_position", &[ANYARRAY, ANYELEMENT], INT4, Immutable, array_position).non_strict(),
        FuncDef::scalar("array_position", &[ANYARRAY, ANYELEMENT, INT4], INT4, Immutable, array_position).non_strict(),
        FuncDef::scalar("array_positions", &[ANYARRAY, ANYELEMENT], oid::INT4_ARRAY, Immutable, array_positions)
            .non_strict(),
        FuncDef::scalar("array_remove", &[ANYARRAY, ANYELEMENT], ANYARRAY, Immutable, array_remove).non_strict(),
        FuncDef::scalar("array_replace", &[ANYARRAY, ANYELEMENT, ANYELEMENT], ANYARRAY, Immutable, array_replace)
            .non_strict(),
        FuncDef::scalar("array_fill", &[ANYELEMENT, oid::INT4_ARRAY], ANYARRAY, Immutable, array_fill).non_strict(),
        FuncDef::scalar("array_fill", &[ANYELEMENT, oid::INT4_ARRAY, oid::INT4_ARRAY], ANYARRAY, Immutable, array_fill)
            .non_strict(),
        FuncDef::scalar("trim_array", &[ANYARRAY, INT4], ANYARRAY, Immutable, trim_array),
        FuncDef::set_returning(
            "unnest",
            &[ANYARRAY],
            ANYELEMENT,
            &[("unnest", ANYELEMENT)],
            Immutable,
            SrfImpl::ValuePerCall(unnest),
        ),
    ]
}
