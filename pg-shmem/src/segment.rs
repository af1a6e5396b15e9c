//! The shared memory segment and its index (PostgreSQL's `storage/ipc/shmem.c`, `ipci.c`).
//!
//! Layout of the segment (offsets from its base):
//!
//! ```text
//! 0                 ShmemSegmentHeader: magic, total size, the index spinlock and,
//!                   under it, the bump pointer (free offset) and the shmem index
//!                   (name -> offset, size) of SHMEM_INDEX_SIZE entries;
//!                   then one "ready" flag per index entry.
//! CACHELINEALIGN(header)
//!                   allocations, each starting on a 128-byte boundary, in order.
//! free_offset       unused space up to total_size.
//! ```
//!
//! Memory is never freed or reused within one segment: the bump pointer only
//! grows, and anonymous shared mappings are zero-filled, so every allocation
//! starts out zeroed without writing to it (which would fault in every page of
//! a large buffer pool in the postmaster).

use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::time::Duration;

use pg_error::{PgError, PgResult, SqlState};

use crate::shmem_safe::ShmemSafe;
use crate::size::{add_size, cacheline_align, CACHELINE_SIZE};
use crate::spin::{SpinDelay, SpinLocked};

/// Number of named allocations the index can hold.
pub const SHMEM_INDEX_SIZE: usize = 256;
/// Bytes reserved for a name, including its terminating NUL: names have at most 63 bytes.
pub const SHMEM_INDEX_KEYSIZE: usize = 64;

const SHMEM_MAGIC: u64 = u64::from_be_bytes(*b"PGSHMEM1");

/// How long a process waits for another one to finish initialising a structure it found.
const INIT_WAIT_TIMEOUT: Duration = Duration::from_secs(60);

#[repr(C)]
#[derive(Clone, Copy)]
struct ShmemIndexEnt {
    name: [u8; SHMEM_INDEX_KEYSIZE],
    offset: u64,
    size: u64,
    allocated_size: u64,
}

impl ShmemIndexEnt {
    fn name(&self) -> &[u8] {
        let len = self.name.iter().position(|&b| b == 0).unwrap_or(SHMEM_INDEX_KEYSIZE);
        &self.name[..len]
    }
}

/// The allocator's state; protected by `ShmemSegmentHeader::index` (PostgreSQL's ShmemLock
/// and ShmemIndexLock rolled into one spinlock: both sections are a few instructions here).
#[repr(C)]
struct ShmemIndex {
    free_offset: u64,
    nentries: u32,
    entries: [ShmemIndexEnt; SHMEM_INDEX_SIZE],
}

#[repr(C)]
struct ShmemSegmentHeader {
    magic: u64,
    total_size: u64,
    index: SpinLocked<ShmemIndex>,
    // Not protected by a lock: set once (Release) when entry i's contents are initialised,
    // polled (Acquire) by processes that found the entry.
    ready: [AtomicU32; SHMEM_INDEX_SIZE],
}

// SAFETY: repr(C) of integers, a SpinLocked over repr(C) plain data and atomics; all-zero is a
// valid (empty) state and there are no pointers.
unsafe impl ShmemSafe for ShmemIndex {}
// SAFETY: as above.
unsafe impl ShmemSafe for ShmemSegmentHeader {}

/// One row of `pg_shmem_allocations`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShmemAllocation {
    /// The structure's name; `<anonymous>` for the sum of unnamed allocations (and the
    /// segment header, as in PostgreSQL); `None` for the unused remainder.
    pub name: Option<String>,
    /// Offset from the segment's start; `None` for `<anonymous>`.
    pub off: Option<i64>,
    /// Bytes requested.
    pub size: i64,
    /// Bytes taken, including padding to the cache line.
    pub allocated_size: i64,
}

/// A pointer to a mapped segment's header; valid until the segment is destroyed.
#[derive(Clone, Copy)]
struct SegmentRef {
    hdr: NonNull<ShmemSegmentHeader>,
}

/// The segment this process allocates from by default: set by `ShmemSegment::create`,
/// inherited by forked children (it is plain process memory, copied by fork()).
static CURRENT_SEGMENT: AtomicPtr<ShmemSegmentHeader> = AtomicPtr::new(std::ptr::null_mut());

fn current() -> PgResult<SegmentRef> {
    NonNull::new(CURRENT_SEGMENT.load(Ordering::Acquire))
        .map(|hdr| SegmentRef { hdr })
        .ok_or_else(|| PgError::internal("shared memory segment is not attached"))
}

fn header_size() -> usize {
    cacheline_align(std::mem::size_of::<ShmemSegmentHeader>()).expect("the header size is small")
}

fn page_size() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    let sz = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(sz).ok().filter(|&s| s > 0).unwrap_or(4096)
}

fn validate_name(name: &str) -> PgResult<()> {
    if name.is_empty() || name.len() >= SHMEM_INDEX_KEYSIZE || name.as_bytes().contains(&0) {
        return Err(PgError::internal(format!(
            "invalid shared memory structure name \"{}\": names must have 1 to {} bytes and no NUL",
            name.escape_default(),
            SHMEM_INDEX_KEYSIZE - 1
        )));
    }
    Ok(())
}

impl SegmentRef {
    fn header(&self) -> &ShmemSegmentHeader {
        // SAFETY: a SegmentRef is only built from a live mapping whose first bytes were
        // initialised as a header, and mappings are only unmapped by `ShmemSegment::destroy`,
        // whose contract forbids later use of pointers into the segment.
        unsafe { self.hdr.as_ref() }
    }

    fn base(&self) -> *mut u8 {
        self.hdr.as_ptr().cast::<u8>()
    }

    fn ptr_at(&self, offset: u64) -> NonNull<u8> {
        let offset = usize::try_from(offset).expect("offsets fit the address space");
        debug_assert!(offset < self.header().total_size as usize);
        // SAFETY: offsets come from the index or the bump pointer, both below total_size, so
        // the result stays inside the mapping.
        let p = unsafe { self.base().add(offset) };
        NonNull::new(p).expect("a pointer into a mapping is not null")
    }

    fn wait_ready(&self, slot: usize, name: &str) {
        let ready = &self.header().ready[slot];
        let mut delay = SpinDelay::new();
        while ready.load(Ordering::Acquire) == 0 {
            delay.delay();
            if delay.elapsed() > INIT_WAIT_TIMEOUT {
                panic!("PANIC:  shared memory structure \"{name}\" was never initialized");
            }
        }
    }

    /// Finds or allocates `name`; returns (offset, found, index slot).
    fn index_enter(&self, name: &str, size: usize) -> PgResult<(u64, bool, usize)> {
        validate_name(name)?;
        let hdr = self.header();
        let mut index = hdr.index.lock();
        let n = index.nentries as usize;
        if let Some(slot) = index.entries[..n].iter().position(|e| e.name() == name.as_bytes()) {
            let ent = index.entries[slot];
            drop(index);
            if ent.size != size as u64 {
                return Err(PgError::internal(format!(
                    "ShmemIndex entry size is wrong for data structure \"{name}\": expected {size}, actual {}",
                    ent.size
                )));
            }
            return Ok((ent.offset, true, slot));
        }
        if n >= SHMEM_INDEX_SIZE {
            return Err(PgError::new(
                SqlState::OUT_OF_MEMORY,
                format!("could not create ShmemIndex entry for data structure \"{name}\""),
            ));
        }
        let too_big = || {
            PgError::new(
                SqlState::OUT_OF_MEMORY,
                format!("not enough shared memory for data structure \"{name}\" ({size} bytes requested)"),
            )
        };
        let allocated = cacheline_align(size).map_err(|_| too_big())?;
        let offset = index.free_offset;
        let end = offset.checked_add(allocated as u64).ok_or_else(too_big)?;
        if end > hdr.total_size {
            return Err(too_big());
        }
        let mut ent = ShmemIndexEnt { name: [0; SHMEM_INDEX_KEYSIZE], offset, size: size as u64, allocated_size: 0 };
        ent.name[..name.len()].copy_from_slice(name.as_bytes());
        ent.allocated_size = allocated as u64;
        index.entries[n] = ent;
        index.nentries += 1;
        index.free_offset = end;
        Ok((offset, false, n))
    }

    fn init_struct_with(
        &self,
        name: &str,
        size: usize,
        init: impl FnOnce(NonNull<u8>),
    ) -> PgResult<(NonNull<u8>, bool)> {
        let (offset, found, slot) = self.index_enter(name, size)?;
        let ptr = self.ptr_at(offset);
        if found {
            self.wait_ready(slot, name);
        } else {
            init(ptr);
            self.header().ready[slot].store(1, Ordering::Release);
        }
        Ok((ptr, found))
    }

    fn find(&self, name: &str) -> Option<(NonNull<u8>, usize)> {
        let index = self.header().index.lock();
        let n = index.nentries as usize;
        let slot = index.entries[..n].iter().position(|e| e.name() == name.as_bytes())?;
        let ent = index.entries[slot];
        drop(index);
        self.wait_ready(slot, name);
        Some((self.ptr_at(ent.offset), ent.size as usize))
    }

    fn alloc(&self, size: usize) -> PgResult<NonNull<u8>> {
        let hdr = self.header();
        let too_big =
            || PgError::new(SqlState::OUT_OF_MEMORY, format!("out of shared memory ({size} bytes requested)"));
        let allocated = cacheline_align(size).map_err(|_| too_big())?;
        let mut index = hdr.index.lock();
        let offset = index.free_offset;
        let end = offset.checked_add(allocated as u64).ok_or_else(too_big)?;
        if end > hdr.total_size {
            return Err(too_big());
        }
        index.free_offset = end;
        drop(index);
        Ok(self.ptr_at(offset))
    }

    fn allocations(&self) -> Vec<ShmemAllocation> {
        let hdr = self.header();
        let index = hdr.index.lock();
        let n = index.nentries as usize;
        let mut entries: Vec<ShmemIndexEnt> = index.entries[..n].to_vec();
        let free_offset = index.free_offset;
        drop(index);
        entries.sort_by_key(|e| e.offset);
        let mut rows = Vec::with_capacity(n + 2);
        let mut named_allocated = 0i64;
        for e in &entries {
            named_allocated += e.allocated_size as i64;
            rows.push(ShmemAllocation {
                name: Some(String::from_utf8_lossy(e.name()).into_owned()),
                off: Some(e.offset as i64),
                size: e.size as i64,
                allocated_size: e.allocated_size as i64,
            });
        }
        // Everything below the bump pointer that no named entry accounts for: the header and
        // anonymous allocations, as PostgreSQL's view reports it.
        let anonymous = free_offset as i64 - named_allocated;
        rows.push(ShmemAllocation {
            name: Some("<anonymous>".to_string()),
            off: None,
            size: anonymous,
            allocated_size: anonymous,
        });
        let free = hdr.total_size as i64 - free_offset as i64;
        rows.push(ShmemAllocation { name: None, off: Some(free_offset as i64), size: free, allocated_size: free });
        rows
    }

    fn free_space(&self) -> usize {
        let hdr = self.header();
        let free_offset = hdr.index.lock().free_offset;
        (hdr.total_size - free_offset) as usize
    }
}

fn typed_init<T: ShmemSafe>(ptr: NonNull<u8>, init: impl FnOnce(&mut T)) {
    // SAFETY: the memory was just allocated for this name (nobody else can reach it before its
    // ready flag is set), is zero-filled, large enough for T and cache-line aligned (checked
    // by the caller), and T: ShmemSafe makes the all-zero bytes a valid T.
    let value = unsafe { &mut *ptr.as_ptr().cast::<T>() };
    init(value);
}

fn check_align<T>() {
    assert!(
        std::mem::align_of::<T>() <= CACHELINE_SIZE,
        "shared memory types must not need more than cache-line alignment"
    );
}

/// The shared memory segment: one `MAP_SHARED | MAP_ANONYMOUS` mapping, created before any
/// fork so every child sees it at the same address.
///
/// Dropping the value does not unmap the segment (pointers handed out by the allocation
/// functions stay valid for the life of the process); [`ShmemSegment::destroy`] does.
#[derive(Debug)]
pub struct ShmemSegment {
    base: NonNull<u8>,
    mapped_size: usize,
}

// SAFETY: the handle is an address and a length; everything behind it is shared memory whose
// mutable parts are protected by the index spinlock or are atomics, so any thread may use it.
unsafe impl Send for ShmemSegment {}
// SAFETY: as above.
unsafe impl Sync for ShmemSegment {}

impl ShmemSegment {
    /// Creates a segment with at least `size` usable bytes (the header and page rounding
    /// are added) and makes it this process's current segment, used by [`shmem_init_struct`]
    /// and friends. Children forked afterwards inherit it.
    pub fn create(size: usize) -> PgResult<ShmemSegment> {
        let seg = ShmemSegment::create_standalone(size)?;
        CURRENT_SEGMENT.store(seg.base.as_ptr().cast(), Ordering::Release);
        Ok(seg)
    }

    /// Creates a segment without making it current (tests, or private scratch segments).
    pub fn create_standalone(size: usize) -> PgResult<ShmemSegment> {
        let total = add_size(header_size(), size)?;
        let page = page_size();
        let mapped_size = add_size(total, page - 1)? & !(page - 1);
        // SAFETY: an anonymous shared mapping at an address of the kernel's choosing touches no
        // existing memory; the result is checked against MAP_FAILED below.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped_size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            let err = std::io::Error::last_os_error();
            let code = if err.raw_os_error() == Some(libc::ENOMEM) {
                SqlState::OUT_OF_MEMORY
            } else {
                SqlState::INTERNAL_ERROR
            };
            return Err(PgError::fatal(code, format!("could not map anonymous shared memory: {err}")).with_detail(
                format!(
                    "Failed system call was mmap(0, {mapped_size}, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS)."
                ),
            ));
        }
        let base = NonNull::new(p.cast::<u8>()).expect("mmap never returns null on success");
        let hdr = base.cast::<ShmemSegmentHeader>();
        // SAFETY: the mapping is fresh, page-aligned, zero-filled and larger than the header;
        // all-zero is a valid header (ShmemSafe) and no other process can see it yet.
        let h = unsafe { &mut *hdr.as_ptr() };
        h.magic = SHMEM_MAGIC;
        h.total_size = mapped_size as u64;
        h.index.get_mut().free_offset = header_size() as u64;
        Ok(ShmemSegment { base, mapped_size })
    }

    /// Unmaps the segment (crash-restart: the postmaster destroys and re-creates it).
    /// If it is the current segment, no segment is current afterwards.
    ///
    /// # Safety
    ///
    /// No pointer or reference into the segment may be used afterwards by this process:
    /// references returned by the typed functions, `SharedHash` handles, held LWLocks
    /// (call [`crate::lwlock_release_all`] first) and the LWLock waiter slot all die with it.
    pub unsafe fn destroy(self) {
        let _ = CURRENT_SEGMENT.compare_exchange(
            self.base.as_ptr().cast(),
            std::ptr::null_mut(),
            Ordering::AcqRel,
            Ordering::Acquire,
        );
        crate::lwlock::forget_waiter_slot_in(self.base.as_ptr(), self.mapped_size);
        // SAFETY: base/mapped_size describe our own mapping; the caller guarantees nothing
        // uses it any more.
        let rc = unsafe { libc::munmap(self.base.as_ptr().cast(), self.mapped_size) };
        debug_assert_eq!(rc, 0, "munmap of our own mapping cannot fail");
    }

    fn seg(&self) -> SegmentRef {
        SegmentRef { hdr: self.base.cast() }
    }

    /// Makes this segment the process's current one (e.g. after creating it standalone).
    pub fn make_current(&self) {
        CURRENT_SEGMENT.store(self.base.as_ptr().cast(), Ordering::Release);
    }

    /// The segment's start address (the same in every forked process).
    pub fn base(&self) -> NonNull<u8> {
        self.base
    }

    /// Total mapped bytes, header included.
    pub fn total_size(&self) -> usize {
        self.mapped_size
    }

    /// Bytes still available for allocation.
    pub fn free_space(&self) -> usize {
        self.seg().free_space()
    }

    /// Whether `ptr` points into this segment.
    pub fn contains(&self, ptr: *const u8) -> bool {
        let start = self.base.as_ptr() as usize;
        (start..start + self.mapped_size).contains(&(ptr as usize))
    }

    /// [`shmem_init_struct`] in this segment.
    pub fn init_struct(&self, name: &str, size: usize) -> PgResult<(NonNull<u8>, bool)> {
        self.seg().init_struct_with(name, size, |_| ())
    }

    /// [`shmem_init_struct_with`] in this segment.
    pub fn init_struct_with(
        &self,
        name: &str,
        size: usize,
        init: impl FnOnce(NonNull<u8>),
    ) -> PgResult<(NonNull<u8>, bool)> {
        self.seg().init_struct_with(name, size, init)
    }

    /// [`shmem_init_struct_typed`] in this segment.
    pub fn init_struct_typed<T: ShmemSafe>(&self, name: &str, init: impl FnOnce(&mut T)) -> PgResult<(&T, bool)> {
        check_align::<T>();
        let (ptr, found) = self.seg().init_struct_with(name, std::mem::size_of::<T>(), |p| typed_init(p, init))?;
        // SAFETY: see `shmem_init_struct_typed`; the reference's lifetime is tied to `self`.
        Ok((unsafe { &*ptr.as_ptr().cast::<T>() }, found))
    }

    /// [`shmem_alloc`] in this segment.
    pub fn alloc(&self, size: usize) -> PgResult<NonNull<u8>> {
        self.seg().alloc(size)
    }

    /// [`shmem_find`] in this segment.
    pub fn find(&self, name: &str) -> Option<(NonNull<u8>, usize)> {
        self.seg().find(name)
    }

    /// [`shmem_allocations`] for this segment.
    pub fn allocations(&self) -> Vec<ShmemAllocation> {
        self.seg().allocations()
    }
}

/// Whether this process has a current segment.
pub fn shmem_is_attached() -> bool {
    current().is_ok()
}

/// `ShmemInitStruct` -- finds the structure `name` in the current segment, or allocates
/// `size` zeroed, cache-line-aligned bytes for it. Returns the address and whether it was
/// found (`true`: someone else allocated it and the caller must not initialise it again).
///
/// Errors: 53200 when the segment or the index is full; XX000 when `name` exists with a
/// different size, is invalid, or no segment is attached.
pub fn shmem_init_struct(name: &str, size: usize) -> PgResult<(NonNull<u8>, bool)> {
    current()?.init_struct_with(name, size, |_| ())
}

/// Like [`shmem_init_struct`], but runs `init` on newly allocated memory before any other
/// caller can find it: concurrent finders wait until `init` returns.
pub fn shmem_init_struct_with(
    name: &str,
    size: usize,
    init: impl FnOnce(NonNull<u8>),
) -> PgResult<(NonNull<u8>, bool)> {
    current()?.init_struct_with(name, size, init)
}

/// Typed `ShmemInitStruct`: finds or allocates a `T` named `name`. On first allocation the
/// zeroed value is passed to `init` (with exclusive access) before anyone can find it.
///
/// The reference is valid for the life of the process unless the segment is destroyed
/// (`ShmemSegment::destroy` is unsafe for that reason).
pub fn shmem_init_struct_typed<T: ShmemSafe>(name: &str, init: impl FnOnce(&mut T)) -> PgResult<(&'static T, bool)> {
    check_align::<T>();
    let (ptr, found) = current()?.init_struct_with(name, std::mem::size_of::<T>(), |p| typed_init(p, init))?;
    // SAFETY: the memory holds an initialised T (zero-valid, then `init` ran, and finders
    // waited for the ready flag); it is aligned and sized for T and stays mapped until the
    // unsafe `destroy`, whose contract forbids using this reference afterwards. Shared access
    // is sound because T: ShmemSafe + Sync mutates only through atomics or locks.
    Ok((unsafe { &*ptr.as_ptr().cast::<T>() }, found))
}

/// `ShmemAlloc` -- allocates `size` zeroed, cache-line-aligned bytes that no index entry
/// names (they show up in the `<anonymous>` row). Error 53200 when the segment is full.
pub fn shmem_alloc(size: usize) -> PgResult<NonNull<u8>> {
    current()?.alloc(size)
}

/// Looks up a named structure without creating it: its address and requested size.
pub fn shmem_find(name: &str) -> Option<(NonNull<u8>, usize)> {
    current().ok()?.find(name)
}

/// The rows of `pg_shmem_allocations` for the current segment (empty without one): one row
/// per named allocation in offset order, then `<anonymous>`, then the free space (NULL name).
pub fn shmem_allocations() -> Vec<ShmemAllocation> {
    current().map(|s| s.allocations()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(size: usize) -> ShmemSegment {
        ShmemSegment::create_standalone(size).expect("small segments can be mapped")
    }

    #[test]
    fn init_struct_finds_same_memory() {
        let s = seg(64 * 1024);
        let (p1, found1) = s.init_struct("Foo", 100).unwrap();
        let (p2, found2) = s.init_struct("Foo", 100).unwrap();
        let (p3, found3) = s.init_struct("Bar", 1).unwrap();
        assert_eq!((found1, found2, found3), (false, true, false));
        assert_eq!(p1, p2);
        assert_ne!(p1, p3);
        assert_eq!(p1.as_ptr() as usize % CACHELINE_SIZE, 0);
        assert_eq!(p3.as_ptr() as usize - p1.as_ptr() as usize, 128);
        assert!(s.contains(p3.as_ptr()));
        assert_eq!(s.find("Foo"), Some((p1, 100)));
        assert_eq!(s.find("Baz"), None);
        // SAFETY: 100 bytes were allocated at p1 and nothing else uses them.
        let bytes = unsafe { std::slice::from_raw_parts(p1.as_ptr(), 100) };
        assert!(bytes.iter().all(|&b| b == 0));
    }

    fn check_err(r: PgResult<(NonNull<u8>, bool)>, code: SqlState, message: &str) {
        let e = r.expect_err("should fail");
        assert_eq!((e.code, e.message.as_str()), (code, message));
    }

    #[test]
    fn init_struct_errors() {
        let s = seg(4096);
        let free = s.free_space();
        s.init_struct("Foo", 10).unwrap();
        check_err(
            s.init_struct("Foo", 11),
            SqlState::INTERNAL_ERROR,
            "ShmemIndex entry size is wrong for data structure \"Foo\": expected 11, actual 10",
        );
        check_err(
            s.init_struct("Big", free),
            SqlState::OUT_OF_MEMORY,
            &format!("not enough shared memory for data structure \"Big\" ({free} bytes requested)"),
        );
        check_err(
            s.init_struct("Huge", usize::MAX),
            SqlState::OUT_OF_MEMORY,
            &format!("not enough shared memory for data structure \"Huge\" ({} bytes requested)", usize::MAX),
        );
        let long = "x".repeat(64);
        assert_eq!(s.init_struct(&long, 1).unwrap_err().code, SqlState::INTERNAL_ERROR);
        assert_eq!(s.init_struct("", 1).unwrap_err().code, SqlState::INTERNAL_ERROR);
        assert!(s.init_struct(&"y".repeat(63), 1).is_ok());
        let e = s.alloc(free).unwrap_err();
        assert_eq!(e.code, SqlState::OUT_OF_MEMORY);
        assert_eq!(e.message, format!("out of shared memory ({free} bytes requested)"));
    }

    #[test]
    fn index_full() {
        let s = seg(1 << 20);
        for i in 0..SHMEM_INDEX_SIZE {
            s.init_struct(&format!("s{i}"), 8).unwrap();
        }
        check_err(
            s.init_struct("one more", 8),
            SqlState::OUT_OF_MEMORY,
            "could not create ShmemIndex entry for data structure \"one more\"",
        );
        // Existing entries are still found.
        assert!(s.init_struct("s7", 8).unwrap().1);
    }

    #[test]
    fn allocations_view() {
        let s = seg(16 * 1024);
        let hdr = header_size() as i64;
        s.init_struct("Control File", 296).unwrap();
        s.alloc(10).unwrap();
        s.init_struct("XLOG Ctl", 1000).unwrap();
        s.alloc(200).unwrap();
        let total = s.total_size() as i64;
        let used = hdr + 384 + 128 + 1024 + 256;
        let row = |name: Option<&str>, off: Option<i64>, size: i64, allocated_size: i64| ShmemAllocation {
            name: name.map(str::to_string),
            off,
            size,
            allocated_size,
        };
        assert_eq!(
            s.allocations(),
            vec![
                row(Some("Control File"), Some(hdr), 296, 384),
                row(Some("XLOG Ctl"), Some(hdr + 384 + 128), 1000, 1024),
                row(Some("<anonymous>"), None, hdr + 128 + 256, hdr + 128 + 256),
                row(None, Some(used), total - used, total - used),
            ]
        );
        // As in PostgreSQL, the rows add up to the whole segment.
        assert_eq!(s.allocations().iter().map(|r| r.allocated_size).sum::<i64>(), total);
        assert_eq!(s.free_space() as i64, total - used);
    }

    #[repr(C)]
    struct Ctl {
        a: std::sync::atomic::AtomicU64,
        b: u32,
    }
    // SAFETY: repr(C), atomics and integers only.
    unsafe impl ShmemSafe for Ctl {}

    #[test]
    fn typed_init_runs_once() {
        let s = seg(8192);
        let mut runs = 0;
        let (c, found) = s
            .init_struct_typed::<Ctl>("Ctl", |c| {
                runs += 1;
                assert_eq!((c.a.load(Ordering::Relaxed), c.b), (0, 0));
                c.b = 42;
            })
            .unwrap();
        assert!(!found);
        c.a.store(7, Ordering::Relaxed);
        let (c2, found2) = s.init_struct_typed::<Ctl>("Ctl", |_| runs += 1).unwrap();
        assert!(found2);
        assert_eq!((c2.a.load(Ordering::Relaxed), c2.b), (7, 42));
        assert_eq!(runs, 1);
        assert!(std::ptr::eq(c, c2));
    }

    #[test]
    fn create_rejects_overflow() {
        let e = ShmemSegment::create_standalone(usize::MAX).unwrap_err();
        assert_eq!(e.code, SqlState::PROGRAM_LIMIT_EXCEEDED);
    }

    #[test]
    fn header_layout() {
        // The header must fit well within the first page or two; this pins its size so a
        // change to the index is a conscious one.
        assert!(header_size() <= 32 * 1024, "{}", header_size());
        assert_eq!(header_size() % CACHELINE_SIZE, 0);
    }
}
