//! The heap access method (PostgreSQL's `src/backend/access/heap`): tables
//! as unordered tuples in 8 kB pages, with MVCC visibility.
//!
//! - [`tuple`](mod@tuple): the tuple header (64-bit xmin/xmax), NULL bitmap and
//!   attribute layout; `heap_form_tuple` / `heap_deform_tuple`.
//! - [`visibility`]: `HeapTupleSatisfies*` against a snapshot and the
//!   commit log, returning hint bits for the caller to set.
//! - [`combocid`]: cmin/cmax pairs of tuples a transaction inserted and
//!   then deleted.
//! - [`transam`]: the one place that calls the transaction system.
//!
//! # For the next session
//! (kept current at the end of each session)
pub mod combocid;
pub mod heapam;
pub mod heapam_xlog;
pub mod pruneheap;
pub mod redo;
pub mod transam;
pub mod tuple;
pub mod visibility;

pub use tuple::{
    heap_deform_some, heap_deform_tuple, heap_form_tuple, heap_getattr, DeformState, HeapTuple, ItemPointer,
    OffsetNumber, TupleHeader,
};
