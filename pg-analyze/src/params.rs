//! Parameter type inference for the extended query protocol (PostgreSQL's
//! `parse_param.c`, `variable_paramref_hook` / `variable_coerce_param_hook`).
//!
//! While [`crate::analyze_with_params`] runs, the parameter types live in a
//! per-process slot: `$n` whose type is still 0 is an `unknown` [`Expr::Param`],
//! and the first coercion of it to a real type fixes the type for every
//! later reference, as PostgreSQL's hook does. The slot is thread-local
//! because coercion is a free function deep inside resolution, and the
//! server is single-threaded (tests run on several threads, each with its own).

use crate::query::Expr;
use pg_error::{PgError, PgResult, SqlState};
use pg_types::types::{format_type, oid, Oid};
use std::cell::RefCell;

thread_local! {
    static PARAM_TYPES: RefCell<Option<Vec<Oid>>> = const { RefCell::new(None) };
}

/// Installs `types` for the duration of one analysis; restores the previous
/// state (no parameters) when dropped, also on error.
pub(crate) struct ParamScope {
    saved: Option<Vec<Oid>>,
}

impl ParamScope {
    pub(crate) fn new(types: Vec<Oid>) -> ParamScope {
        ParamScope { saved: PARAM_TYPES.with(|p| p.borrow_mut().replace(types)) }
    }

    /// The types as inferred so far.
    pub(crate) fn types(&self) -> Vec<Oid> {
        PARAM_TYPES.with(|p| p.borrow().clone().unwrap_or_default())
    }
}

impl Drop for ParamScope {
    fn drop(&mut self) {
        PARAM_TYPES.with(|p| *p.borrow_mut() = self.saved.take());
    }
}

/// The expression for `$n`, or `None` when no parameters are being
/// analyzed (the caller reports `there is no parameter $n`).
pub(crate) fn param_ref(n: usize) -> Option<Expr> {
    PARAM_TYPES.with(|p| {
        let mut p = p.borrow_mut();
        let types = p.as_mut()?;
        if n == 0 {
            return None;
        }
        if types.len() < n {
            types.resize(n, 0);
        }
        let t = types[n - 1];
        Some(Expr::Param { index: n, type_oid: if t == 0 { oid::UNKNOWN } else { t } })
    })
}

/// Fixes the type of an `unknown` parameter at its first coercion.
pub(crate) fn coerce_param(index: usize, target: Oid, pos: u32) -> PgResult<Expr> {
    PARAM_TYPES.with(|p| {
        let mut p = p.borrow_mut();
        let Some(types) = p.as_mut() else {
            return Err(PgError::internal(format!("parameter ${index} outside parameter analysis")));
        };
        if types.len() < index {
            types.resize(index, 0);
        }
        let slot = &mut types[index - 1];
        if *slot == 0 || *slot == oid::UNKNOWN {
            *slot = target;
        } else if *slot != target {
            return Err(PgError::new(
                SqlState::AMBIGUOUS_PARAMETER,
                format!("inconsistent types deduced for parameter ${index}"),
            )
            .with_detail(format!("{} versus {}", format_type(*slot, -1), format_type(target, -1)))
            .with_position(pos));
        }
        Ok(Expr::Param { index, type_oid: target })
    })
}

/// After analysis: every parameter up to the highest referenced must have a
/// type (`check_variable_parameters`).
pub(crate) fn check_all_typed(types: &[Oid]) -> PgResult<()> {
    match types.iter().position(|&t| t == 0 || t == oid::UNKNOWN) {
        Some(i) => Err(PgError::new(
            SqlState::INDETERMINATE_DATATYPE,
            format!("could not determine data type of parameter ${}", i + 1),
        )),
        None => Ok(()),
    }
}
