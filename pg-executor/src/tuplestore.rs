//! Stores of rows that can be read more than once (PostgreSQL's
//! `utils/sort/tuplestore.c`), for Materialize, CTE scans, cursors and
//! set-returning-function results.
//!
//! Rows are kept in memory as MinimalTuples, one chunk of the query's
//! memory context each, charged by their chunk footprint, until they
//! exceed `work_mem`; then
//! every row is written to a temporary [`BufFile`] in MinimalTuple form,
//! each followed by its length again so that it can be read backwards, and
//! later rows are appended to the file. Readers use *read pointers*
//! (`tuplestore_alloc_read_pointer`): each has its own position, counted
//! in rows from the start, and moves forward or backward independently of
//! the others and of writes, so a CTE can be read by two scans while it is
//! still being filled.
//!
//! API (for Materialize, CTE Scan, WorkTableScan and cursors):
//! - [`Tuplestore::new`]`(work_mem_kb, context)`; [`Tuplestore::put`]`(row)`;
//! - [`Tuplestore::alloc_read_pointer`] (pointer 0 exists from the start);
//! - [`Tuplestore::get_next`]`(ptr)` / [`Tuplestore::get_prev`]`(ptr)`:
//!   the row after / before the pointer's position, moving it;
//! - [`Tuplestore::rescan`]`(ptr)`, [`Tuplestore::position`],
//!   [`Tuplestore::set_position`]; [`Tuplestore::len`];
//!   [`Tuplestore::clear`] (`tuplestore_clear`, for a recursive union's
//!   work table).
//!
//! Dropping the store removes its file. Differences from PostgreSQL: no
//! truncation of rows that no read pointer can reach any more, and
//! positioning on disk walks row by row.

use crate::nodes::Row;
use crate::slot::TupleTableSlot;
use crate::tuple::{deform_tuple, form_minimal_tuple, form_tuple, tuple_body, MinimalTuple};
use crate::QueryAllocator;
use pg_error::{PgError, PgResult};
use pg_storage::BufFile;

/// A read pointer's state: its position in rows and, once the store is on
/// disk, the byte offset of that position in the file.
#[derive(Clone, Copy, Debug, Default)]
struct ReadPointer {
    row: u64,
    offset: u64,
}

/// A row store that spills to a temporary file beyond `work_mem`.
pub struct Tuplestore {
    work_mem: usize,
    memtuples: allocator_api2::vec::Vec<MinimalTuple, QueryAllocator>,
    alloc: QueryAllocator,
    mem_used: usize,
    max_mem_used: usize,
    file: Option<BufFile>,
    /// Rows stored (in memory or on disk).
    count: u64,
    pointers: Vec<ReadPointer>,
    scratch: Vec<u8>,
}

impl Tuplestore {
    /// `tuplestore_begin_heap`: an empty store with one read pointer (0).
    pub fn new(work_mem_kb: usize, alloc: QueryAllocator) -> Tuplestore {
        Tuplestore {
            work_mem: work_mem_kb.saturating_mul(1024),
            memtuples: allocator_api2::vec::Vec::new_in(alloc.clone()),
            alloc,
            mem_used: 0,
            max_mem_used: 0,
            file: None,
            count: 0,
            pointers: vec![ReadPointer::default()],
            scratch: Vec::new(),
        }
    }

    /// Rows stored.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// True when no row is stored.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// True once the rows are in a temporary file.
    pub fn is_on_disk(&self) -> bool {
        self.file.is_some()
    }

    /// Kilobytes used: on disk when spilled, else the peak in memory
    /// (for EXPLAIN ANALYZE's "Storage").
    pub fn space_kb(&self) -> u64 {
        match &self.file {
            Some(f) => f.size().div_ceil(1024),
            None => (self.max_mem_used as u64).div_ceil(1024),
        }
    }

    /// A new read pointer at the start (`tuplestore_alloc_read_pointer`).
    pub fn alloc_read_pointer(&mut self) -> usize {
        self.pointers.push(ReadPointer::default());
        self.pointers.len() - 1
    }

    fn pointer(&self, ptr: usize) -> PgResult<ReadPointer> {
        self.pointers.get(ptr).copied().ok_or_else(|| PgError::internal(format!("no tuplestore read pointer {ptr}")))
    }

    /// Moves a read pointer back to the start (`tuplestore_rescan`).
    pub fn rescan(&mut self, ptr: usize) {
        if let Some(p) = self.pointers.get_mut(ptr) {
            *p = ReadPointer::default();
        }
    }

    /// The pointer's position: rows before it.
    pub fn position(&self, ptr: usize) -> u64 {
        self.pointers.get(ptr).map(|p| p.row).unwrap_or(0)
    }

    /// Moves a pointer to `row` (clamped to the number of rows).
    pub fn set_position(&mut self, ptr: usize, row: u64) -> PgResult<()> {
        let target = row.min(self.count);
        if self.file.is_none() {
            self.pointers[ptr] = ReadPointer { row: target, offset: 0 };
            return Ok(());
        }
        if target < self.position(ptr) / 2 {
            self.rescan(ptr);
        }
        while self.position(ptr) < target {
            // Stepping over rows decodes none.
            self.next_body(ptr)?;
        }
        while self.position(ptr) > target {
            self.get_prev(ptr)?;
        }
        Ok(())
    }

    /// Appends a row (`tuplestore_puttuple`), moving everything to disk
    /// when memory is full.
    pub fn put(&mut self, row: Row) -> PgResult<()> {
        if let Some(file) = &mut self.file {
            let end = file.size();
            file.seek(end)?;
            write_both_ways(file, &row, &mut self.scratch)?;
        } else {
            let t = form_minimal_tuple(&row, &self.alloc, &mut self.scratch);
            self.mem_used += pg_mcxt::chunk_footprint(t.capacity(), 1, self.alloc.chunk_limit());
            self.memtuples.push(t);
            let now = self.mem_used + self.memtuples.capacity() * std::mem::size_of::<MinimalTuple>();
            self.max_mem_used = self.max_mem_used.max(now);
            if now > self.work_mem {
                self.dump()?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Writes the rows in memory to a new file and turns the pointers'
    /// row positions into file offsets.
    fn dump(&mut self) -> PgResult<()> {
        let mut file = BufFile::create_temp()?;
        let mut offsets = Vec::with_capacity(self.pointers.len());
        let mut by_row: Vec<(u64, usize)> = self.pointers.iter().enumerate().map(|(i, p)| (p.row, i)).collect();
        by_row.sort_unstable();
        let mut next = by_row.iter().peekable();
        for (i, t) in self.memtuples.drain(..).enumerate() {
            while let Some(&&(r, p)) = next.peek() {
                if r != i as u64 {
                    break;
                }
                offsets.push((p, file.tell()));
                next.next();
            }
            file.write(&t)?;
            file.write(&t[..4])?;
        }
        for &(_, p) in next {
            offsets.push((p, file.tell()));
        }
        for (p, off) in offsets {
            self.pointers[p].offset = off;
        }
        self.memtuples = allocator_api2::vec::Vec::new_in(self.memtuples.allocator().clone());
        self.mem_used = 0;
        self.file = Some(file);
        Ok(())
    }

    /// The body of the tuple at the pointer, moving the pointer forward;
    /// `None` at the end. A tuple on disk is read into `scratch`.
    fn next_body(&mut self, ptr: usize) -> PgResult<Option<&[u8]>> {
        let p = self.pointer(ptr)?;
        if p.row >= self.count {
            return Ok(None);
        }
        self.pointers[ptr].row += 1;
        match &mut self.file {
            None => Ok(Some(tuple_body(&self.memtuples[p.row as usize]))),
            Some(file) => {
                file.seek(p.offset)?;
                let mut len = [0u8; 4];
                file.read_exact(&mut len)?;
                let n = u32::from_le_bytes(len) as usize;
                self.scratch.resize(n, 0);
                file.read_exact(&mut self.scratch)?;
                file.read_exact(&mut len)?;
                self.pointers[ptr].offset = file.tell();
                Ok(Some(&self.scratch))
            }
        }
    }

    /// `tuplestore_gettupleslot` forward: puts the row at the pointer into
    /// `slot` as a minimal tuple (nothing decoded yet) and moves the
    /// pointer on; false at the end.
    pub fn get_next_slot(&mut self, ptr: usize, slot: &mut TupleTableSlot) -> PgResult<bool> {
        match self.next_body(ptr)? {
            Some(body) => {
                slot.store_minimal_tuple(body)?;
                Ok(true)
            }
            None => {
                slot.clear();
                Ok(false)
            }
        }
    }

    /// The row at the pointer, moving it forward (`tuplestore_gettupleslot`
    /// forward); `None` at the end.
    pub fn get_next(&mut self, ptr: usize) -> PgResult<Option<Row>> {
        self.next_body(ptr)?.map(deform_tuple).transpose()
    }

    /// The row before the pointer, moving it back (backward fetch);
    /// `None` at the start.
    pub fn get_prev(&mut self, ptr: usize) -> PgResult<Option<Row>> {
        let p = self.pointer(ptr)?;
        if p.row == 0 {
            return Ok(None);
        }
        let row = match &mut self.file {
            None => deform_tuple(tuple_body(&self.memtuples[p.row as usize - 1]))?,
            Some(file) => {
                // The trailing length word says where the row starts.
                file.seek(p.offset - 4)?;
                let mut len = [0u8; 4];
                file.read_exact(&mut len)?;
                let n = u32::from_le_bytes(len) as u64;
                let start = p.offset - 4 - n - 4;
                file.seek(start + 4)?;
                self.scratch.resize(n as usize, 0);
                file.read_exact(&mut self.scratch)?;
                self.pointers[ptr].offset = start;
                deform_tuple(&self.scratch)?
            }
        };
        self.pointers[ptr].row -= 1;
        Ok(Some(row))
    }

    /// Removes every row and moves every pointer to the start
    /// (`tuplestore_clear`).
    pub fn clear(&mut self) {
        self.memtuples.clear();
        self.mem_used = 0;
        self.file = None;
        self.count = 0;
        for p in &mut self.pointers {
            *p = ReadPointer::default();
        }
    }
}

/// Writes a row as length, tuple body, length (readable both ways).
fn write_both_ways(file: &mut BufFile, row: &[pg_types::datum::Datum], scratch: &mut Vec<u8>) -> PgResult<()> {
    scratch.clear();
    form_tuple(row, scratch);
    let len = scratch[..4].to_vec();
    file.write(scratch)?;
    file.write(&len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pg_types::datum::Datum;

    fn row(i: i64) -> Row {
        vec![Datum::Int8(i), Datum::Text("y".repeat(50))]
    }

    fn ids(rows: &[Option<Row>]) -> Vec<i64> {
        rows.iter().map(|r| r.as_ref().expect("a row")[0].as_i64().expect("int")).collect()
    }

    #[test]
    fn slots_get_stored_rows_undecoded_in_memory_and_on_disk() {
        for n in [10i64, 5000] {
            let cxt = pg_mcxt::top_memory_context().create_child("test");
            let mut ts = Tuplestore::new(64, cxt.clone());
            for i in 0..n {
                ts.put(row(i)).expect("puts");
            }
            assert_eq!(ts.is_on_disk(), n > 10);
            let mut slot = TupleTableSlot::new();
            for i in 0..n {
                assert!(ts.get_next_slot(0, &mut slot).expect("reads"));
                assert_eq!((slot.natts(), slot.nvalid()), (2, 0), "nothing decoded yet");
                assert_eq!(slot.getattr(0).expect("decodes"), &Datum::Int8(i));
                assert_eq!(slot.nvalid(), 1, "the text column stays undecoded");
            }
            assert!(!ts.get_next_slot(0, &mut slot).expect("reads"));
            assert!(slot.is_empty());
            drop(ts);
            cxt.delete();
        }
    }

    #[test]
    fn read_pointers_work_in_memory_and_on_disk() {
        for n in [10i64, 5000] {
            let cxt = pg_mcxt::top_memory_context().create_child("test");
            let mut ts = Tuplestore::new(64, cxt.clone());
            let second = ts.alloc_read_pointer();
            for i in 0..n / 2 {
                ts.put(row(i)).expect("puts");
            }
            // Read while writing: pointer 0 reads the first half.
            let first: Vec<_> = (0..n / 2).map(|_| ts.get_next(0).expect("reads")).collect();
            assert_eq!(ids(&first), (0..n / 2).collect::<Vec<_>>());
            assert!(ts.get_next(0).expect("reads").is_none());
            for i in n / 2..n {
                ts.put(row(i)).expect("puts");
            }
            assert_eq!(ts.is_on_disk(), n > 10);
            assert_eq!(ts.get_next(0).expect("reads").map(|r| r[0].clone()), Some(Datum::Int8(n / 2)));
            // The second pointer starts at the beginning.
            assert_eq!(ts.get_next(second).expect("reads").map(|r| r[0].clone()), Some(Datum::Int8(0)));
            // Backward.
            ts.set_position(0, n as u64).expect("positions");
            let back: Vec<_> = (0..3).map(|_| ts.get_prev(0).expect("reads")).collect();
            assert_eq!(ids(&back), vec![n - 1, n - 2, n - 3]);
            ts.set_position(second, 7).expect("positions");
            assert_eq!(ts.get_next(second).expect("reads").map(|r| r[0].clone()), Some(Datum::Int8(7)));
            ts.rescan(second);
            assert_eq!(ts.get_prev(second).expect("reads"), None);
            assert_eq!(ts.len(), n as u64);
            drop(ts);
            cxt.delete();
        }
        assert_eq!(pg_storage::temp_files_open(), 0);
    }
}
