//! Tuple table slots (PostgreSQL's `execTuples.c`): the container a node
//! puts a row in, so that the row's columns are decoded only as far as
//! someone reads them and the arrays that hold them are reused from row to
//! row.
//!
//! A [`TupleTableSlot`] holds either nothing, a *virtual* tuple (values the
//! slot owns, filled by whoever computes them: a projection, a function
//! scan) or a *minimal tuple* (a stored row in the MinimalTuple byte form
//! of [`crate::tuple`], handed out by a sort or a tuplestore). Its values
//! array, `tts_values` and `tts_isnull` in one (`Datum::Null` is a NULL),
//! is valid up to [`TupleTableSlot::nvalid`]: storing a minimal tuple
//! decodes nothing, and [`TupleTableSlot::getsomeattrs`]`(n)` decodes the
//! attributes up to `n` only, resuming where the previous call stopped
//! (`tts_nvalid` and `tts_off`). A Unique node that compares one column of
//! a ten-column sorted row decodes one column.
//!
//! The kinds are the variants of [`SlotKind`]. A buffer heap tuple kind
//! (`TTSOpsBufferHeapTuple`: a pinned shared buffer and the tuple's
//! location in it) fits the same shape when heap storage exists: it keeps
//! the pin instead of the byte copy, and deforms the same way from the
//! page's bytes.
//!
//! The slot keeps its own copy of a minimal tuple's bytes in a buffer it
//! reuses (PostgreSQL's `ExecStoreMinimalTuple` with `shouldFree`), so the
//! stored row can be released by its owner at once and a slot allocates
//! nothing once its buffers have grown to the widest row.

use crate::nodes::Row;
use crate::tuple::{deform_more, tuple_natts, FIRST_ATTRIBUTE};
use pg_error::PgResult;
use pg_types::datum::Datum;

/// What a slot holds (its `TupleTableSlotOps`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// No row (`TTS_EMPTY`).
    Empty,
    /// Values the slot owns (`TTSOpsVirtual`): every column is valid.
    Virtual,
    /// A stored MinimalTuple, decoded on demand (`TTSOpsMinimalTuple`).
    MinimalTuple,
}

/// A slot for one row at a time (`TupleTableSlot`).
#[derive(Debug)]
pub struct TupleTableSlot {
    kind: SlotKind,
    /// `tts_values`/`tts_isnull`: valid up to `values.len()` (`tts_nvalid`).
    values: Vec<Datum>,
    /// Number of attributes of the row held.
    natts: usize,
    /// The minimal tuple's body (the bytes after the length word).
    tuple: Vec<u8>,
    /// Byte offset in `tuple` of the first attribute not yet decoded
    /// (`tts_off`).
    off: usize,
}

impl Default for TupleTableSlot {
    fn default() -> Self {
        TupleTableSlot::new()
    }
}

impl TupleTableSlot {
    /// An empty slot (`MakeTupleTableSlot`).
    pub fn new() -> TupleTableSlot {
        TupleTableSlot { kind: SlotKind::Empty, values: Vec::new(), natts: 0, tuple: Vec::new(), off: 0 }
    }

    /// What the slot holds.
    pub fn kind(&self) -> SlotKind {
        self.kind
    }

    /// True if the slot holds no row (`TTS_EMPTY`).
    pub fn is_empty(&self) -> bool {
        self.kind == SlotKind::Empty
    }

    /// Number of attributes of the row held (0 when empty).
    pub fn natts(&self) -> usize {
        self.natts
    }

    /// Number of leading attributes already decoded (`tts_nvalid`).
    pub fn nvalid(&self) -> usize {
        self.values.len()
    }

    /// `ExecClearTuple`: drops the row; the buffers stay for the next one.
    pub fn clear(&mut self) {
        self.kind = SlotKind::Empty;
        self.values.clear();
        self.natts = 0;
        self.off = 0;
    }

    /// Empties the slot and returns its values array for the caller to
    /// fill with a row; [`TupleTableSlot::store_virtual`] then marks it
    /// valid (`ExecClearTuple`, fill `tts_values`, `ExecStoreVirtualTuple`).
    pub fn values_for_fill(&mut self) -> &mut Vec<Datum> {
        self.clear();
        &mut self.values
    }

    /// `ExecStoreVirtualTuple`: the values filled through
    /// [`TupleTableSlot::values_for_fill`] are the row.
    pub fn store_virtual(&mut self) {
        self.kind = SlotKind::Virtual;
        self.natts = self.values.len();
    }

    /// Stores `row` as a virtual tuple, reusing the slot's values array.
    pub fn store_row(&mut self, row: &[Datum]) {
        let values = self.values_for_fill();
        values.extend_from_slice(row);
        self.store_virtual();
    }

    /// Stores an owned row as a virtual tuple: its vector becomes the
    /// slot's values array (no copy).
    pub fn store_owned_row(&mut self, row: Row) {
        self.clear();
        self.values = row;
        self.store_virtual();
    }

    /// `ExecStoreMinimalTuple`: holds a copy of a tuple's body (the bytes
    /// after its length word), decoding no attribute yet.
    pub fn store_minimal_tuple(&mut self, body: &[u8]) -> PgResult<()> {
        self.clear();
        self.natts = tuple_natts(body)?;
        self.tuple.clear();
        self.tuple.extend_from_slice(body);
        self.off = FIRST_ATTRIBUTE;
        self.kind = SlotKind::MinimalTuple;
        Ok(())
    }

    /// `slot_getsomeattrs`: makes the first `n` attributes (at most the
    /// row's) valid, decoding only those not decoded yet.
    pub fn getsomeattrs(&mut self, n: usize) -> PgResult<()> {
        let n = n.min(self.natts);
        let have = self.values.len();
        if n > have && self.kind == SlotKind::MinimalTuple {
            self.off = deform_more(&self.tuple, self.off, n - have, &mut self.values)?;
        }
        Ok(())
    }

    /// `slot_getallattrs`: every attribute valid.
    pub fn getallattrs(&mut self) -> PgResult<()> {
        self.getsomeattrs(self.natts)
    }

    /// `slot_getattr`: attribute `n` (0-based), decoding up to it; NULL
    /// past the row's last attribute, as for a column added later.
    pub fn getattr(&mut self, n: usize) -> PgResult<&Datum> {
        const NULL: Datum = Datum::Null;
        self.getsomeattrs(n + 1)?;
        Ok(self.values.get(n).unwrap_or(&NULL))
    }

    /// The decoded leading attributes (`tts_values[0..tts_nvalid]`).
    pub fn values(&self) -> &[Datum] {
        &self.values
    }

    /// The whole row, decoded (`slot_getallattrs` then `tts_values`).
    pub fn all_values(&mut self) -> PgResult<&[Datum]> {
        self.getallattrs()?;
        Ok(&self.values)
    }

    /// Moves the first `n` attributes out as a [`Row`] (fewer if the row
    /// has fewer), leaving the slot empty; the others are never decoded.
    pub fn take_row_prefix(&mut self, n: usize) -> PgResult<Row> {
        self.getsomeattrs(n)?;
        let mut row = std::mem::take(&mut self.values);
        row.truncate(n);
        self.clear();
        Ok(row)
    }

    /// Moves the whole row out as a [`Row`], leaving the slot empty: the
    /// hand-over to code that still takes rows by value.
    pub fn take_row(&mut self) -> PgResult<Row> {
        self.getallattrs()?;
        let row = std::mem::take(&mut self.values);
        self.clear();
        Ok(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tuple::{form_tuple, tuple_body};
    use proptest::prelude::*;

    fn datum() -> impl Strategy<Value = Datum> {
        prop_oneof![
            Just(Datum::Null),
            any::<i32>().prop_map(Datum::Int4),
            any::<i64>().prop_map(Datum::Int8),
            any::<bool>().prop_map(Datum::Bool),
            "[a-z]{0,12}".prop_map(Datum::Text),
            proptest::collection::vec(any::<i32>().prop_map(Datum::Int4), 0..3).prop_map(|v| Datum::Array(v.into())),
        ]
    }

    fn stored(row: &[Datum]) -> Vec<u8> {
        let mut t = Vec::new();
        form_tuple(row, &mut t);
        tuple_body(&t).to_vec()
    }

    proptest! {
        /// Asking for attribute `k` of a stored tuple decodes attributes
        /// `0..=k` and no further, in any order of requests, and every
        /// value equals the stored one.
        #[test]
        fn minimal_tuple_deforms_lazily(
            row in proptest::collection::vec(datum(), 0..10),
            asks in proptest::collection::vec(0usize..12, 1..6),
        ) {
            let mut slot = TupleTableSlot::new();
            slot.store_minimal_tuple(&stored(&row)).unwrap();
            prop_assert_eq!(slot.kind(), SlotKind::MinimalTuple);
            prop_assert_eq!(slot.natts(), row.len());
            prop_assert_eq!(slot.nvalid(), 0);
            let mut high = 0;
            for k in asks {
                let got = slot.getattr(k).unwrap().clone();
                prop_assert_eq!(&got, row.get(k).unwrap_or(&Datum::Null));
                high = high.max((k + 1).min(row.len()));
                prop_assert_eq!(slot.nvalid(), high);
                prop_assert_eq!(slot.values(), &row[..high]);
            }
            prop_assert_eq!(slot.take_row().unwrap(), row);
            prop_assert!(slot.is_empty());
        }

        /// A slot reused for rows of different widths and kinds never
        /// shows a column of an earlier row.
        #[test]
        fn reuse_across_rows(rows in proptest::collection::vec(proptest::collection::vec(datum(), 0..6), 1..8)) {
            let mut slot = TupleTableSlot::new();
            for (i, row) in rows.iter().enumerate() {
                if i % 2 == 0 {
                    slot.store_minimal_tuple(&stored(row)).unwrap();
                    slot.getsomeattrs(1).unwrap();
                } else {
                    slot.store_row(row);
                    prop_assert_eq!(slot.nvalid(), row.len());
                }
                prop_assert_eq!(slot.all_values().unwrap(), &row[..]);
            }
        }
    }

    #[test]
    fn getsomeattrs_stops_at_the_column_asked() {
        let row = vec![Datum::Int4(1), Datum::Text("two".into()), Datum::Null, Datum::Int8(4)];
        let mut slot = TupleTableSlot::new();
        slot.store_minimal_tuple(&stored(&row)).unwrap();
        slot.getsomeattrs(2).unwrap();
        assert_eq!(slot.values(), &row[..2]);
        slot.getsomeattrs(1).unwrap();
        assert_eq!(slot.nvalid(), 2);
        assert_eq!(slot.getattr(3).unwrap(), &Datum::Int8(4));
        assert_eq!(slot.nvalid(), 4);
        assert_eq!(slot.getattr(7).unwrap(), &Datum::Null);
        slot.clear();
        assert!(slot.is_empty());
        assert_eq!(slot.nvalid(), 0);
    }
}
