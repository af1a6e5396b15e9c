//! The heap access method (PostgreSQL's `src/backend/access/heap`): tables
//! as unordered tuples in 8 kB pages, with MVCC visibility.
//!
//! - [`tuple`](mod@tuple): the tuple header (64-bit xmin/xmax), NULL bitmap and
//!   attribute layout; `heap_form_tuple` / `heap_deform_tuple`.
//!
//! # For the next session
//! (kept current at the end of each session)
pub mod tuple;

pub use tuple::{
    heap_deform_some, heap_deform_tuple, heap_form_tuple, heap_getattr, DeformState, HeapTuple, ItemPointer,
    OffsetNumber, TupleHeader,
};
