//! What the hash and merge join nodes share (PostgreSQL's `JoinState` and
//! the `ExecQual` / `ExecProject` steps of `nodeHashjoin.c` and
//! `nodeMergejoin.c`): building the joined row of an outer and an inner
//! row (or NULLs for a missing one), testing the join's other conditions,
//! and filtering and projecting what comes out.

use crate::eval::{eval, eval_qual, PerTupleContext};
use crate::nodes::{project, Row};
use crate::ExecContext;
use pg_analyze::{Expr, JoinType};
use pg_error::PgResult;
use pg_planner::JoinInfo;
use pg_types::datum::Datum;

/// The output side of a join node.
pub(crate) struct JoinOutput<'p> {
    pub(crate) kind: JoinType,
    outer_ncols: usize,
    inner_ncols: usize,
    join_qual: Option<&'p Expr>,
    qual: Option<&'p Expr>,
    target_list: &'p [Expr],
    inner_first: bool,
    /// Per-row memory for the conditions and the projection.
    econtext: PerTupleContext,
}

impl<'p> JoinOutput<'p> {
    pub(crate) fn new(j: &'p JoinInfo) -> JoinOutput<'p> {
        JoinOutput {
            kind: j.kind,
            outer_ncols: j.outer_ncols,
            inner_ncols: j.inner_ncols,
            join_qual: j.join_qual.as_ref(),
            qual: j.qual.as_ref(),
            target_list: &j.target_list,
            inner_first: j.inner_first,
            econtext: PerTupleContext::new(),
        }
    }

    /// Unmatched outer rows come out with NULLs (`HJ_FILL_OUTER`); an
    /// anti join returns only those.
    pub(crate) fn fill_outer(&self) -> bool {
        matches!(self.kind, JoinType::Left | JoinType::Full | JoinType::Anti)
    }

    /// A semi or anti join: an outer row's first partner settles it
    /// (`jointype == JOIN_SEMI || JOIN_ANTI`, `single_match`).
    pub(crate) fn first_match_only(&self) -> bool {
        matches!(self.kind, JoinType::Semi | JoinType::Anti)
    }

    /// An anti join returns no matched pairs.
    pub(crate) fn emits_matches(&self) -> bool {
        self.kind != JoinType::Anti
    }

    /// Unmatched inner rows come out with NULLs (`HJ_FILL_INNER`).
    pub(crate) fn fill_inner(&self) -> bool {
        matches!(self.kind, JoinType::Right | JoinType::Full)
    }

    /// Columns of the inner rows.
    pub(crate) fn inner_ncols(&self) -> usize {
        self.inner_ncols
    }

    /// Columns of the outer rows.
    pub(crate) fn outer_ncols(&self) -> usize {
        self.outer_ncols
    }

    /// The joined row of an outer and an inner row (NULLs for a missing
    /// one), in the column order of the join entry.
    pub(crate) fn join_rows(&self, outer: Option<&[Datum]>, inner: Option<&[Datum]>) -> Row {
        let mut row = Vec::with_capacity(self.outer_ncols + self.inner_ncols);
        let mut part = |r: Option<&[Datum]>, n: usize| match r {
            Some(r) => row.extend_from_slice(&r[..n]),
            None => row.resize(row.len() + n, Datum::Null),
        };
        if self.inner_first {
            part(inner, self.inner_ncols);
            part(outer, self.outer_ncols);
        } else {
            part(outer, self.outer_ncols);
            part(inner, self.inner_ncols);
        }
        row
    }

    /// Whether a joined pair passes the join's other conditions (`joinqual`).
    pub(crate) fn passes_join_qual(&self, joined: &[Datum], ctx: &ExecContext<'_>) -> PgResult<bool> {
        match self.join_qual {
            Some(q) => {
                let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
                eval_qual(q, joined, &ctx.ecxt())
            }
            None => Ok(true),
        }
    }

    /// Filters a joined row by the conditions above the join and projects it.
    pub(crate) fn emit(&self, row: &[Datum], ctx: &ExecContext<'_>) -> PgResult<Option<Row>> {
        let _per_tuple = (self.qual.is_some() || crate::nodes::projection_computes(self.target_list))
            .then(|| self.econtext.reset_for_row(&ctx.query_allocator));
        if let Some(q) = self.qual {
            if !eval_qual(q, row, &ctx.ecxt())? {
                return Ok(None);
            }
        }
        project(self.target_list, row, ctx).map(Some)
    }

    /// Evaluates key expressions over a row, in the per-tuple context.
    pub(crate) fn eval_keys(&self, keys: &[Expr], row: &[Datum], ctx: &ExecContext<'_>) -> PgResult<Row> {
        let _per_tuple = self.econtext.reset_for_row(&ctx.query_allocator);
        let ecxt = ctx.ecxt();
        keys.iter().map(|k| eval(k, row, &ecxt)).collect()
    }
}

/// Whether two join keys are equal by their type's equality (`=` of the
/// hash or btree family): NULL equals nothing.
pub(crate) fn keys_equal(a: &[Datum], b: &[Datum]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| !x.is_null() && !y.is_null() && crate::agg::datum_equal(x, y))
}
