//! Type coercion and overload resolution: PostgreSQL's `parse_coerce.c`
//! (`can_coerce_type`, `coerce_type`, `select_common_type`) and the
//! candidate selection of `parse_func.c` / `parse_oper.c`
//! (`func_match_argtypes`, `func_select_candidate`, `binary_oper_exact`).

use crate::query::Expr;
use crate::registry::{self, CastMethod, CoercionContext};
use pg_error::{PgError, PgResult, SqlState};
use pg_types::types::{format_type, lookup_type, oid, Oid};

/// `typcategory` of a type ('U' for types the table does not know).
pub fn type_category(t: Oid) -> u8 {
    lookup_type(t).map(|t| t.category).unwrap_or(b'U')
}

/// `typispreferred`.
pub fn is_preferred(t: Oid) -> bool {
    lookup_type(t).map(|t| t.preferred).unwrap_or(false)
}

fn is_array(t: Oid) -> bool {
    lookup_type(t).map(|t| t.elem != 0 && t.category == b'A').unwrap_or(false)
}

/// True for the polymorphic pseudo-types a candidate may declare.
pub fn is_polymorphic(t: Oid) -> bool {
    matches!(t, oid::ANY | oid::ANYELEMENT | oid::ANYNONARRAY | oid::ANYARRAY)
}

/// `can_coerce_type` for one argument.
pub fn can_coerce(from: Oid, to: Oid, ctx: CoercionContext) -> bool {
    if from == to || from == oid::UNKNOWN {
        return true;
    }
    match to {
        oid::ANY | oid::ANYELEMENT => return true,
        oid::ANYNONARRAY => return !is_array(from),
        oid::ANYARRAY => return is_array(from),
        _ => {}
    }
    matches!(registry::find_cast(from, to), Some((c, _)) if c <= ctx)
}

/// Coerces `expr` to `target` (with `typmod`, -1 for none) in context `ctx`
/// (`coerce_to_target_type`). Unknown-type literals are converted now by the
/// target's input function, as PostgreSQL does, so their errors carry the
/// literal's position `pos`. Returns `Ok(None)` when no coercion exists;
/// the caller words that error for its context.
pub fn coerce_to(
    expr: Expr,
    target: Oid,
    typmod: i32,
    ctx: CoercionContext,
    pos: u32,
    settings: &pg_types::io::OutputSettings,
) -> PgResult<Option<Expr>> {
    let source = expr.type_oid();
    // A polymorphic target keeps the argument's own type; unknown becomes text.
    let target = if is_polymorphic(target) {
        if source == oid::UNKNOWN {
            oid::TEXT
        } else {
            return Ok(Some(expr));
        }
    } else {
        target
    };
    if source == target && (typmod < 0 || typmod == expr.typmod()) {
        return Ok(Some(expr));
    }
    if source == oid::UNKNOWN {
        if let Expr::Param { index, .. } = &expr {
            // variable_coerce_param_hook: the first coercion decides the type.
            let p = crate::params::coerce_param(*index, target, pos)?;
            if typmod < 0 {
                return Ok(Some(p));
            }
            return Ok(Some(Expr::Cast {
                arg: Box::new(p),
                method: CastMethod::Binary,
                source: target,
                target,
                typmod,
                explicit: ctx == CoercionContext::Explicit,
            }));
        }
        if let Expr::Const { value, .. } = &expr {
            let value = match value {
                pg_types::datum::Datum::Null => pg_types::datum::Datum::Null,
                pg_types::datum::Datum::Text(s) => {
                    // Only interval's input reads the typmod (its field range decides
                    // what a bare number means), as in PostgreSQL's coerce_type.
                    let in_mod = if target == oid::INTERVAL { typmod } else { -1 };
                    let v = pg_types::io::input(target, in_mod, s, settings).map_err(|e| e.with_position(pos))?;
                    if typmod >= 0 {
                        // PostgreSQL reads the literal with typmod -1 (under the
                        // literal's error position) and applies the length coercion
                        // as a separate step at plan time, whose errors
                        // ('numeric field overflow') carry no position.
                        let explicit = ctx == CoercionContext::Explicit;
                        pg_types::casts::apply_typmod(target, typmod, v, explicit)?
                    } else {
                        v
                    }
                }
                other => other.clone(),
            };
            return Ok(Some(Expr::Const { value, type_oid: target, typmod }));
        }
    }
    match registry::find_cast(source, target) {
        Some((c, method)) if c <= ctx => Ok(Some(Expr::Cast {
            arg: Box::new(expr),
            method,
            source,
            target,
            typmod,
            explicit: ctx == CoercionContext::Explicit,
        })),
        _ => Ok(None),
    }
}

/// Explicit cast (`expr::type`, `CAST`): `cannot cast type boolean to date` (42846) when impossible.
pub fn coerce_explicit(
    expr: Expr,
    target: Oid,
    typmod: i32,
    pos: u32,
    settings: &pg_types::io::OutputSettings,
) -> PgResult<Expr> {
    let source = expr.type_oid();
    coerce_to(expr, target, typmod, CoercionContext::Explicit, pos, settings)?.ok_or_else(|| {
        PgError::new(
            SqlState::CANNOT_COERCE,
            format!("cannot cast type {} to {}", format_type(source, -1), format_type(target, -1)),
        )
        .with_position(pos)
    })
}

/// Implicit coercion that must succeed (function and operator arguments
/// after resolution chose them, so failure is a bug).
pub fn coerce_implicit(expr: Expr, target: Oid, pos: u32, settings: &pg_types::io::OutputSettings) -> PgResult<Expr> {
    let source = expr.type_oid();
    coerce_to(expr, target, -1, CoercionContext::Implicit, pos, settings)?.ok_or_else(|| {
        PgError::new(
            SqlState::CANNOT_COERCE,
            format!("cannot cast type {} to {}", format_type(source, -1), format_type(target, -1)),
        )
        .with_position(pos)
    })
}

/// `select_common_type`: the type every input can be implicitly coerced to,
/// for CASE, COALESCE, GREATEST/LEAST and IN. `inputs` are (type, position)
/// pairs in PostgreSQL's order. All-unknown inputs resolve to text.
pub fn select_common_type(inputs: &[(Oid, u32)], context: &str) -> PgResult<Oid> {
    let mut known = inputs.iter().filter(|(t, _)| *t != oid::UNKNOWN);
    let Some(&(mut ptype, _)) = known.next() else { return Ok(oid::TEXT) };
    let mut pcategory = type_category(ptype);
    let mut ppreferred = is_preferred(ptype);
    for &(ntype, pos) in known {
        if ntype == ptype {
            continue;
        }
        let ncategory = type_category(ntype);
        if ncategory != pcategory {
            return Err(PgError::new(
                SqlState::DATATYPE_MISMATCH,
                format!("{context} types {} and {} cannot be matched", format_type(ptype, -1), format_type(ntype, -1)),
            )
            .with_position(pos));
        }
        if !ppreferred
            && can_coerce(ptype, ntype, CoercionContext::Implicit)
            && !can_coerce(ntype, ptype, CoercionContext::Implicit)
        {
            ptype = ntype;
            pcategory = ncategory;
            ppreferred = is_preferred(ntype);
        }
    }
    Ok(ptype)
}

/// The outcome of overload resolution.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The index of the chosen candidate.
    Found(usize),
    /// No candidate accepts the inputs.
    NotFound,
    /// Several candidates fit equally well.
    Ambiguous,
}

/// Chooses among candidates (their declared argument lists, already
/// expanded for variadics) for the input types: exact match, then
/// `func_match_argtypes` and `func_select_candidate`'s heuristics.
pub fn select_candidate(inputs: &[Oid], candidates: &[Vec<Oid>]) -> Resolution {
    // Exact match. For operators with one unknown input, PostgreSQL also
    // tries the other input's type for it (binary_oper_exact); doing it for
    // every call is the same thing when only one known type is present.
    if let Some(i) = candidates.iter().position(|c| c.as_slice() == inputs) {
        return Resolution::Found(i);
    }
    let known: Vec<Oid> = inputs.iter().copied().filter(|&t| t != oid::UNKNOWN).collect();
    if !known.is_empty() && known.len() < inputs.len() && known.iter().all(|&t| t == known[0]) {
        let assumed: Vec<Oid> = inputs.iter().map(|&t| if t == oid::UNKNOWN { known[0] } else { t }).collect();
        if inputs.len() == 2 {
            if let Some(i) = candidates.iter().position(|c| *c == assumed) {
                return Resolution::Found(i);
            }
        }
    }
    let mut cands: Vec<usize> = (0..candidates.len())
        .filter(|&i| {
            candidates[i].len() == inputs.len()
                && inputs.iter().zip(&candidates[i]).all(|(&f, &t)| can_coerce(f, t, CoercionContext::Implicit))
        })
        .collect();
    match cands.len() {
        0 => return Resolution::NotFound,
        1 => return Resolution::Found(cands[0]),
        _ => {}
    }
    // Most exact matches on known inputs.
    let keep_best = |cands: &mut Vec<usize>, score: &dyn Fn(&[Oid]) -> usize| {
        let best = cands.iter().map(|&i| score(&candidates[i])).max().unwrap_or(0);
        cands.retain(|&i| score(&candidates[i]) == best);
    };
    keep_best(&mut cands, &|c| inputs.iter().zip(c).filter(|(&f, &t)| f != oid::UNKNOWN && f == t).count());
    if cands.len() == 1 {
        return Resolution::Found(cands[0]);
    }
    // Most matches on exact or preferred types of the input's category.
    keep_best(&mut cands, &|c| {
        inputs
            .iter()
            .zip(c)
            .filter(|(&f, &t)| {
                f != oid::UNKNOWN && (f == t || (is_preferred(t) && type_category(t) == type_category(f)))
            })
            .count()
    });
    if cands.len() == 1 {
        return Resolution::Found(cands[0]);
    }
    if known.len() == inputs.len() {
        return Resolution::Ambiguous;
    }
    // Unknown inputs: pick a category per position (string wins, else the
    // one all candidates agree on), preferring preferred types.
    let mut filtered = cands.clone();
    for (pos, _) in inputs.iter().enumerate().filter(|(_, &t)| t == oid::UNKNOWN) {
        let cats: Vec<u8> = cands.iter().map(|&i| type_category(candidates[i][pos])).collect();
        let slot_cat = if cats.contains(&b'S') {
            b'S'
        } else if cats.iter().all(|&c| c == cats[0]) {
            cats[0]
        } else {
            return Resolution::Ambiguous;
        };
        let has_preferred =
            cands.iter().any(|&i| type_category(candidates[i][pos]) == slot_cat && is_preferred(candidates[i][pos]));
        filtered.retain(|&i| {
            let t = candidates[i][pos];
            type_category(t) == slot_cat && (!has_preferred || is_preferred(t))
        });
    }
    if filtered.len() == 1 {
        return Resolution::Found(filtered[0]);
    }
    if !filtered.is_empty() {
        cands = filtered;
    }
    // Known inputs all of one type: assume the unknowns are that type too.
    if !known.is_empty() && known.iter().all(|&t| t == known[0]) {
        let matching: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&i| candidates[i].iter().all(|&t| can_coerce(known[0], t, CoercionContext::Implicit)))
            .collect();
        if matching.len() == 1 {
            return Resolution::Found(matching[0]);
        }
    }
    Resolution::Ambiguous
}

#[cfg(test)]
mod tests {
    use super::*;
    use oid::*;

    #[test]
    fn common_type() {
        let check = |inputs: &[Oid], expect: Result<Oid, &str>| {
            let with_pos: Vec<(Oid, u32)> = inputs.iter().map(|&t| (t, 1)).collect();
            let got = select_common_type(&with_pos, "CASE").map_err(|e| e.into_data().message);
            assert_eq!(got, expect.map_err(|s| s.to_string()), "{inputs:?}");
        };
        check(&[INT4, INT4], Ok(INT4));
        check(&[UNKNOWN, UNKNOWN], Ok(TEXT));
        check(&[UNKNOWN, INT4], Ok(INT4));
        check(&[INT4, INT8], Ok(INT8));
        check(&[INT8, INT4], Ok(INT8));
        check(&[INT4, NUMERIC], Ok(NUMERIC));
        check(&[INT4, FLOAT8, NUMERIC], Ok(FLOAT8));
        check(&[TEXT, INT4], Err("CASE types text and integer cannot be matched"));
        check(&[BOOL, INT4], Err("CASE types boolean and integer cannot be matched"));
    }
}
