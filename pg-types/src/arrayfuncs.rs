//! SQL functions over arrays of any element type (PostgreSQL's
//! `arrayfuncs.c`): `array_lower`, `array_upper`, `array_length`,
//! `array_ndims`, `array_dims`, `cardinality`, `unnest`, `array_cat`
//! (`||`), `array_append` and `array_prepend`. They read the
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
