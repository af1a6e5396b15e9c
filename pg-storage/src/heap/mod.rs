//! The heap access method (PostgreSQL's `src/backend/access/heap`): tables
//! as unordered tuples in 8 kB pages, with MVCC visibility.
//!
//! - [`tuple`](mod@tuple): the tuple header (64-bit xmin/xmax), NULL bitmap
//!   and attribute layout; `heap_form_tuple` / `heap_deform_tuple` /
//!   resumable `heap_deform_some`.
//! - [`visibility`]: `HeapTupleSatisfies*` against a snapshot and the
//!   commit log, returning hint bits for the caller to set.
//! - [`heapam`]: insert, multi-insert, delete, update (HOT), row locks,
//!   in-place update, fetch, latest tid, sequential scans.
//! - [`heapam_xlog`] and [`redo`]: the Heap/Heap2 WAL records and their
//!   idempotent redo.
//! - [`pruneheap`]: page pruning on access.
//! - [`combocid`]: cmin/cmax pairs of tuples a transaction inserted and
//!   then deleted.
//! - [`transam`]: the one place that calls the transaction system (and a
//!   model of it for unit tests).
//!
//! TOAST (compression, out-of-line values) is the sibling module
//! `crate::toast`.
//!
//! # For the next session
//!
//! State at the end of issue 12 (what works, what does not, where to go on):
//! - Works: every storable Datum kind round-trips through tuples
//!   (proptest); insert/multi-insert/update/delete/lock/fetch/scan over
//!   the buffer pool with WAL records and redo (unit test replays records
//!   twice); HOT updates on the same page; pruning when a scanned page is
//!   nearly full and `pd_prune_xid` is older than the oldest xmin; TOAST:
//!   pglz in PostgreSQL's format, out-of-line chunks of 1988 bytes, a
//!   10 MB value round-trips (test in `heapam::tests`).
//! - No free space map: inserts go to this backend's last target block,
//!   else the relation's last block, else a new one. Space freed by
//!   pruning in earlier pages is reused only by HOT updates. Build the FSM
//!   (fork `Fsm`) and consult it in `heapam::get_buffer_for_tuple`.
//! - Multixacts are lock-only (`pg_proc::multixact`): compatible row locks
//!   of several transactions share one; an UPDATE or DELETE waits for
//!   every other locker (PostgreSQL lets a non-key update proceed beside
//!   KEY SHARE lockers by putting the updater in the multixact too); a
//!   multixact with an updating member is refused by visibility.
//! - No tuple-level heavyweight lock in delete/update/lock waits (only the
//!   xid wait): the order in which several waiters get the row is not
//!   PostgreSQL's.
//! - An update whose new version does not fit its page goes to the last
//!   block (if after the old one) or a new block: locks are always taken in
//!   block order, so the old page is never released in between (PostgreSQL
//!   instead locks the old tuple and unlocks the page).
//! - HOT: every same-page update is HOT because there are no indexes; when
//!   btree lands, `heap_update` needs to be told whether indexed columns
//!   changed (PostgreSQL's `HeapDetermineColumnsInfo`), and pruning's
//!   `LP_DEAD` roots need VACUUM to become unused.
//! - TOAST reads and deletes find a value's chunks by a binary search over
//!   the toast relation's blocks (chunks are appended in value-OID order)
//!   and a scan from there, else a whole scan (no index on `chunk_id`
//!   yet); an UPDATE re-stores large values instead of keeping an
//!   unchanged value's pointer (rows reach the executor detoasted). Toast
//!   relations are made by CREATE TABLE (`pg_catalog::toast`), not yet by
//!   ALTER TABLE ADD COLUMN / ALTER COLUMN TYPE, and never for temporary
//!   tables.
//! - `heap_inplace_update` is WAL-logged (INPLACE) but does not send the
//!   catalog invalidation itself; the caller does.
//! - `HeapScanDesc` decides a page's visible tuples under the share lock
//!   (no test per tuple on an all-visible page; elsewhere a tuple whose
//!   hints say "xmin committed before the snapshot's xmin, no xmax" is
//!   taken inline by `visibility::hinted_visible_mvcc` without the full
//!   test), keeps their offsets, and
//!   copies the page once, so it holds no pin or lock while the executor
//!   reads them (pruning is safe because a tuple any snapshot can see is
//!   never removed). PostgreSQL reads the tuples under the pin alone;
//!   Rust cannot read memory others may write without a lock, so the 8 kB
//!   copy per page stays (about 1% of a full scan).
//! - [`tuple::ColumnReader`] is a scan's deform: when every column up to
//!   the last one read is fixed-width, a tuple without NULLs is read from
//!   cached offsets (`attcacheoff`), only the columns read, overwriting
//!   the previous row's values in place; other tuples go through
//!   `heap_deform_some`. A cached offset for the first varlena column (and
//!   `attcacheoff` past it for tuples whose varlenas are all short) would
//!   extend the fast path to tables that read a column after a text one.
//! - Speed of `select count(*), sum(v)` over the 2M-row table with
//!   shared_buffers=16MB (backend CPU time, the machine being loaded):
//!   about 89 ms, against PostgreSQL 15 without parallel workers 122 ms;
//!   PostgreSQL's default plan with two parallel workers took 73 ms
//!   (best) to 97 ms (median) of wall time in the same run, ours 89-92
//!   ms. What is left: the kernel's copy of the file pages into the pool
//!   (PostgreSQL pays it too), the page copy, deform and the executor's
//!   per-row calls (SeqScan `next_into`, Agg `advance_row`). A parallel
//!   seq scan is PostgreSQL's way past that.
//! - The load (`INSERT ... SELECT`): ModifyTable passes a
//!   [`heapam::BulkInsertState`] that keeps the last block pinned between
//!   rows (no lookup, pin or ResourceOwner entry per row) and reuses one
//!   tuple buffer; the insert record borrows the tuple's bytes instead of
//!   copying them. What is left in its profile is spread thin: projection
//!   and Datum copies in the executor, tuple forming, WAL record assembly
//!   and CRC, and the kernel's copies for evicted pages.
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
