//! pg-mcxt: memory contexts — PostgreSQL's AllocSet allocator, context
//! trees that reset and delete as a unit, and per-context accounting.
//!
//! PostgreSQL source area: `src/backend/utils/mmgr` (`mcxt.c`, `aset.c`,
//! `README`), `utils/memutils.h`, `utils/palloc.h`, `utils/adt/mcxtfuncs.c`.
//!
//! Dependencies: `pg-error` (layer 0) and `allocator-api2`. Layer 1.
//!
//! Invariants:
//! - The tree is process-local (thread-local storage; server processes are
//!   single-threaded and forked). Handles are `!Send`.
//! - A [`MemoryContext`] handle never causes UB: after `delete` it reports
//!   `is_deleted()` and panics, naming the context, on allocation or tree
//!   operations.
//! - Raw chunk pointers (`alloc`, [`pfree`], [`repalloc`]) follow
//!   PostgreSQL's rules: valid until freed or until their context is reset
//!   or deleted; the functions taking them are `unsafe`.
//! - Memory handed out through `allocator_api2::alloc::Allocator` is counted
//!   per context; resetting or deleting a context (or an ancestor) with such
//!   memory live panics instead of invalidating a collection.
//! - Accounting is exact: for every context `used_bytes == total_bytes -
//!   free_bytes == nblocks * ALLOC_BLOCKHDRSZ + Σ live chunk footprints`,
//!   where a footprint is `ALLOC_CHUNKHDRSZ` plus the chunk's data size
//!   (see [`chunk_footprint`]).
//!
//! See `README.md` in this directory for design, lifespans and the
//! differences from PostgreSQL.

mod aset;
mod globals;
pub mod limits;
mod mcxt;
mod release;
pub mod reserve;
mod stats;

pub use aset::{
    class_size, freelist_index, maxalign, AllocSetSizes, MemoryContextCounters, ALLOCSET_NUM_FREELISTS,
    ALLOC_BLOCKHDRSZ, ALLOC_CHUNKHDRSZ, ALLOC_CHUNK_LIMIT, MAXIMUM_ALIGNOF, MAX_ALIGNMENT,
};
pub use globals::{
    create_cache_memory_context, create_message_context, create_portal_context, create_postmaster_context,
    create_top_portal_context, create_top_transaction_context, current_memory_context, error_context,
    memory_context_switch_to, palloc, palloc0, palloc_aligned, set_standard_context, standard_context,
    top_memory_context, MemoryContextSwitch, StandardContext,
};
pub use mcxt::{
    get_memory_chunk_context, get_memory_chunk_space, get_memory_chunk_usable, pfree, repalloc, try_repalloc,
    AllocFlags, MemoryCharge, MemoryContext, MAX_ALLOC_HUGE_SIZE, MAX_ALLOC_SIZE,
};
pub use release::{note_transient_bytes, release_freed_memory, system_bytes, RELEASE_THRESHOLD};
pub use stats::{
    backend_memory_contexts, decode_rows, decode_rows_full, encode_rows, encode_rows_within, ContextRow, DecodeError,
    DecodedRows, MEMORY_CONTEXT_IDENT_DISPLAY_SIZE,
};

/// Bytes a request of `size` bytes aligned to `align` occupies in a context
/// whose chunk limit is `chunk_limit`, header included: the accounting rule
/// that `used_bytes` obeys.
///
/// - `align <= 8`: the request is `size`; above 8 it is `size + align`
///   (room for the redirect header and padding, wherever the chunk lands).
/// - A request up to the chunk limit takes a power-of-two chunk:
///   `ALLOC_CHUNKHDRSZ + max(8, next_power_of_two(request))`.
/// - A larger one takes `ALLOC_CHUNKHDRSZ + MAXALIGN(request)` in a dedicated
///   block, which also costs one `ALLOC_BLOCKHDRSZ`.
///
/// `repalloc` to a size that still fits a small chunk keeps the chunk (and
/// its footprint); otherwise the footprint is that of the new size.
pub fn chunk_footprint(size: usize, align: usize, chunk_limit: usize) -> usize {
    let req = if align <= MAXIMUM_ALIGNOF { size } else { size + align };
    if req > chunk_limit {
        ALLOC_CHUNKHDRSZ + maxalign(req)
    } else {
        ALLOC_CHUNKHDRSZ + class_size(freelist_index(req))
    }
}
