//! AllocSet: the block/chunk allocator behind every memory context.
//!
//! PostgreSQL source: `src/backend/utils/mmgr/aset.c`, `memutils_memorychunk.h`.
//!
//! A set owns a doubly linked list of blocks obtained from the system
//! allocator. The head of the list is the *active* block; small chunks are
//! carved from its free pointer. Requests up to the set's chunk limit are
//! rounded up to a power of two (8 bytes .. 8 KB, eleven size classes) and,
//! once freed, go to the free list of their class, never back to the system.
//! Larger requests get a dedicated block that holds that one chunk and is
//! returned to the system as soon as the chunk is freed.
//!
//! Layout of a normal block (all offsets MAXALIGN 8):
//!
//! ```text
//! | Block header (40) | hdr(8) data(2^k) | hdr(8) data(2^j) | ...free... |
//! ^ block             ^ first chunk                        ^ freeptr    ^ endptr
//! ```
//!
//! Every chunk is preceded by an 8-byte header ([`ChunkHeader`] encoding):
//!
//! ```text
//! bits  0..3   kind: SMALL (in use), LARGE (dedicated block), REDIRECT, FREE
//! bit   3      allocated through the `Allocator` trait (counted, see mcxt.rs)
//! bits  4..34  value: free-list index (SMALL/FREE) or log2(alignment) (REDIRECT)
//! bits 34..64  offset: chunk header - block start (SMALL/FREE/LARGE), or
//!              aligned pointer - real data pointer (REDIRECT)
//! ```
//!
//! Requests aligned above MAXALIGN are served like PostgreSQL 16's
//! `palloc_aligned`: a normal chunk of `size + align` bytes is allocated and a
//! REDIRECT header is written just before the first suitably aligned address
//! inside it, so `pfree`/`repalloc` find the real chunk from any pointer.
//!
//! Everything here is raw-pointer code; the safe wrapper is `MemoryContext`.

use std::alloc::{self, Layout};
use std::ptr;

/// MAXALIGN: the alignment of every chunk's data (PostgreSQL's `MAXIMUM_ALIGNOF`).
pub const MAXIMUM_ALIGNOF: usize = 8;
/// Bytes of header before each chunk's data.
pub const ALLOC_CHUNKHDRSZ: usize = 8;
/// Bytes of header at the start of each block.
pub const ALLOC_BLOCKHDRSZ: usize = std::mem::size_of::<Block>();
/// log2 of the smallest chunk (8 bytes).
pub const ALLOC_MINBITS: u32 = 3;
/// Number of power-of-two size classes: 8, 16, ..., 8192.
pub const ALLOCSET_NUM_FREELISTS: usize = 11;
/// The largest request served from a free list (before per-set reduction).
pub const ALLOC_CHUNK_LIMIT: usize = 1 << (ALLOCSET_NUM_FREELISTS as u32 - 1 + ALLOC_MINBITS);
/// Chunks must fit this many times into a max-size block (`ALLOC_CHUNK_FRACTION`).
const ALLOC_CHUNK_FRACTION: usize = 4;
/// Alignment requested from the system allocator for blocks.
const BLOCK_ALIGN: usize = 16;
/// Largest offset a chunk header can record (30 bits), hence the largest normal block.
pub const MEMORYCHUNK_MAX_BLOCKOFFSET: usize = (1 << 30) - 1;
/// Largest alignment `alloc` accepts (the redirect offset must fit in 30 bits).
pub const MAX_ALIGNMENT: usize = 1 << 29;

const _: () = assert!(ALLOC_BLOCKHDRSZ.is_multiple_of(MAXIMUM_ALIGNOF));
const _: () = assert!(ALLOC_CHUNK_LIMIT == 8192);

/// Block header, at the start of every block.
#[repr(C)]
pub(crate) struct Block {
    /// The owning context node (`*const mcxt::Node`), for `pfree` by pointer.
    owner: *const (),
    prev: *mut Block,
    next: *mut Block,
    /// First free byte of the block (== endptr for dedicated blocks).
    freeptr: *mut u8,
    /// One past the last byte of the block.
    endptr: *mut u8,
}

// ---------------------------------------------------------------------------
// Chunk headers
// ---------------------------------------------------------------------------

pub(crate) const KIND_SMALL: u64 = 1;
pub(crate) const KIND_LARGE: u64 = 2;
pub(crate) const KIND_REDIRECT: u64 = 3;
pub(crate) const KIND_FREE: u64 = 4;
const KIND_MASK: u64 = 0b111;
const API_FLAG: u64 = 1 << 3;
const VALUE_SHIFT: u32 = 4;
const FIELD_MASK: u64 = (1 << 30) - 1;
const OFFSET_SHIFT: u32 = 34;

/// A decoded chunk header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ChunkHeader {
    pub kind: u64,
    pub api: bool,
    pub value: usize,
    pub offset: usize,
}

impl ChunkHeader {
    fn encode(self) -> u64 {
        debug_assert!(self.value as u64 <= FIELD_MASK && self.offset as u64 <= FIELD_MASK);
        self.kind
            | if self.api { API_FLAG } else { 0 }
            | (self.value as u64) << VALUE_SHIFT
            | (self.offset as u64) << OFFSET_SHIFT
    }

    fn decode(word: u64) -> ChunkHeader {
        ChunkHeader {
            kind: word & KIND_MASK,
            api: word & API_FLAG != 0,
            value: ((word >> VALUE_SHIFT) & FIELD_MASK) as usize,
            offset: ((word >> OFFSET_SHIFT) & FIELD_MASK) as usize,
        }
    }
}

/// Reads the header of the chunk whose header starts at `chunk`.
///
/// # Safety
/// `chunk` must point to 8 readable, 8-aligned bytes.
#[inline]
pub(crate) unsafe fn read_header(chunk: *const u8) -> ChunkHeader {
    // SAFETY: guaranteed by the caller.
    ChunkHeader::decode(unsafe { ptr::read(chunk as *const u64) })
}

/// # Safety
/// `chunk` must point to 8 writable, 8-aligned bytes.
#[inline]
unsafe fn write_header(chunk: *mut u8, h: ChunkHeader) {
    // SAFETY: guaranteed by the caller.
    unsafe { ptr::write(chunk as *mut u64, h.encode()) }
}

/// The size class (free-list index) for a request of `size` bytes (<= 8192).
#[inline]
pub const fn freelist_index(size: usize) -> usize {
    if size <= (1 << ALLOC_MINBITS) {
        0
    } else {
        (usize::BITS - (size - 1).leading_zeros() - ALLOC_MINBITS) as usize
    }
}

/// The data size of chunks in free list `idx`.
#[inline]
pub const fn class_size(idx: usize) -> usize {
    1 << (idx as u32 + ALLOC_MINBITS)
}

/// MAXALIGN(len).
#[inline]
pub const fn maxalign(len: usize) -> usize {
    (len + MAXIMUM_ALIGNOF - 1) & !(MAXIMUM_ALIGNOF - 1)
}

/// What a chunk pointer resolves to.
pub(crate) struct Resolved {
    /// Header address of the real chunk (never a redirect).
    pub chunk: *mut u8,
    /// Its decoded header (kind SMALL or LARGE).
    pub header: ChunkHeader,
    /// The block holding it.
    pub block: *mut Block,
    /// For aligned chunks: (alignment, distance of the user pointer from the real data).
    pub redirect: Option<(usize, usize)>,
}

/// Finds the real chunk behind a pointer returned by `AllocSet::alloc`.
///
/// Panics (a server bug) when the header says the chunk is already free or
/// is not a chunk header at all.
///
/// # Safety
/// `data` must have been returned by `AllocSet::alloc`/`realloc` and its
/// context must not have been reset or deleted since.
#[inline]
pub(crate) unsafe fn resolve(data: *mut u8) -> Resolved {
    // SAFETY: every data pointer is preceded by its 8-byte header.
    let mut chunk = unsafe { data.sub(ALLOC_CHUNKHDRSZ) };
    // SAFETY: as above.
    let mut header = unsafe { read_header(chunk) };
    let mut redirect = None;
    if header.kind == KIND_REDIRECT {
        let align = 1usize << header.value;
        redirect = Some((align, header.offset));
        // SAFETY: the redirect offset leads back to the real data pointer of the same chunk.
        let real = unsafe { data.sub(header.offset) };
        // SAFETY: the real chunk's header precedes its data.
        chunk = unsafe { real.sub(ALLOC_CHUNKHDRSZ) };
        // SAFETY: as above.
        header = unsafe { read_header(chunk) };
    }
    match header.kind {
        KIND_SMALL | KIND_LARGE => {}
        KIND_FREE => panic!("pfree/repalloc called on memory chunk {data:p}, which is already free"),
        k => panic!("pfree/repalloc called with invalid pointer {data:p} (chunk header kind {k})"),
    }
    // SAFETY: the offset of a SMALL/LARGE header leads back to the start of its block.
    let block = unsafe { chunk.sub(header.offset) } as *mut Block;
    Resolved { chunk, header, block, redirect }
}

/// The owner stamped into the block that holds `r`.
///
/// # Safety
/// `r` must come from `resolve` on a live chunk.
#[inline]
pub(crate) unsafe fn owner_of(r: &Resolved) -> *const () {
    // SAFETY: the block is live because the chunk is.
    unsafe { (*r.block).owner }
}

/// Usable bytes from the user pointer to the end of the chunk.
///
/// # Safety
/// `r` must come from `resolve` on a live chunk.
pub(crate) unsafe fn usable_size(r: &Resolved) -> usize {
    // SAFETY: as documented.
    let cap = unsafe { chunk_capacity(r.chunk, r.header, r.block) };
    cap - r.redirect.map_or(0, |(_, off)| off)
}

/// Data capacity of a SMALL/LARGE chunk.
///
/// # Safety
/// The arguments must describe a live chunk.
unsafe fn chunk_capacity(chunk: *mut u8, h: ChunkHeader, block: *mut Block) -> usize {
    if h.kind == KIND_LARGE {
        // SAFETY: a dedicated block ends right after its one chunk.
        unsafe { (*block).endptr as usize - chunk as usize - ALLOC_CHUNKHDRSZ }
    } else {
        class_size(h.value)
    }
}

/// Bytes the chunk occupies including its header (`GetMemoryChunkSpace`).
///
/// # Safety
/// `r` must come from `resolve` on a live chunk.
pub(crate) unsafe fn chunk_space(r: &Resolved) -> usize {
    // SAFETY: as documented.
    unsafe { chunk_capacity(r.chunk, r.header, r.block) + ALLOC_CHUNKHDRSZ }
}

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

/// Block sizing parameters of a context (`AllocSetContextCreate`'s three sizes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AllocSetSizes {
    /// Size of the keeper block allocated at creation; 0 means `init_block_size`.
    pub min_context_size: usize,
    /// Size of the first malloc'd block after the keeper; blocks double from here.
    pub init_block_size: usize,
    /// Blocks stop doubling at this size.
    pub max_block_size: usize,
}

impl AllocSetSizes {
    /// `ALLOCSET_DEFAULT_SIZES`: 0, 8 KB, 8 MB.
    pub const DEFAULT: AllocSetSizes =
        AllocSetSizes { min_context_size: 0, init_block_size: 8 * 1024, max_block_size: 8 * 1024 * 1024 };
    /// `ALLOCSET_SMALL_SIZES`: 0, 1 KB, 8 KB (for contexts that stay small, e.g. per relcache entry).
    pub const SMALL: AllocSetSizes =
        AllocSetSizes { min_context_size: 0, init_block_size: 1024, max_block_size: 8 * 1024 };
    /// `ALLOCSET_START_SMALL_SIZES`: 0, 1 KB, 8 MB (may stay small, may get big).
    pub const START_SMALL: AllocSetSizes =
        AllocSetSizes { min_context_size: 0, init_block_size: 1024, max_block_size: 8 * 1024 * 1024 };

    /// Checks the constraints `AllocSetContextCreate` asserts.
    pub fn validate(&self) -> Result<(), String> {
        let AllocSetSizes { min_context_size: min, init_block_size: init, max_block_size: max } = *self;
        if init < 1024 || init % MAXIMUM_ALIGNOF != 0 {
            return Err(format!("init_block_size {init} must be a multiple of 8 and at least 1024"));
        }
        if max < init || max > MEMORYCHUNK_MAX_BLOCKOFFSET {
            return Err(format!(
                "max_block_size {max} must be between init_block_size and {MEMORYCHUNK_MAX_BLOCKOFFSET}"
            ));
        }
        if min != 0 && (min < 1024 || min % MAXIMUM_ALIGNOF != 0 || min > max) {
            return Err(format!("min_context_size {min} must be 0, or a multiple of 8 in 1024..=max_block_size"));
        }
        Ok(())
    }

    /// The chunk limit a set with these sizes uses: 8 KB, halved until a
    /// chunk fits `ALLOC_CHUNK_FRACTION` times into a max-size block.
    pub fn chunk_limit(&self) -> usize {
        let mut limit = ALLOC_CHUNK_LIMIT;
        while limit + ALLOC_CHUNKHDRSZ > (self.max_block_size - ALLOC_BLOCKHDRSZ) / ALLOC_CHUNK_FRACTION {
            limit >>= 1;
        }
        limit
    }

    /// Size of the keeper block.
    pub fn keeper_size(&self) -> usize {
        let min = ALLOC_BLOCKHDRSZ + ALLOC_CHUNKHDRSZ + MAXIMUM_ALIGNOF;
        if self.min_context_size != 0 {
            self.min_context_size.max(min)
        } else {
            self.init_block_size.max(min)
        }
    }
}

/// Memory usage counters of one context, in `pg_backend_memory_contexts` terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MemoryContextCounters {
    /// Bytes of blocks held from the system allocator.
    pub total_bytes: usize,
    /// Number of those blocks.
    pub total_nblocks: usize,
    /// Unused bytes at block ends plus chunks (with headers) on free lists.
    pub free_bytes: usize,
    /// Chunks on free lists.
    pub free_chunks: usize,
}

impl MemoryContextCounters {
    /// `total_bytes - free_bytes`: live chunks with their headers, plus block headers.
    pub fn used_bytes(&self) -> usize {
        self.total_bytes - self.free_bytes
    }

    /// Adds another context's counters (for totals over a subtree).
    pub fn add(&mut self, other: &MemoryContextCounters) {
        self.total_bytes += other.total_bytes;
        self.total_nblocks += other.total_nblocks;
        self.free_bytes += other.free_bytes;
        self.free_chunks += other.free_chunks;
    }
}

// ---------------------------------------------------------------------------
// The set
// ---------------------------------------------------------------------------

/// The allocator state of one context (PostgreSQL's `AllocSetContext`).
pub(crate) struct AllocSet {
    /// Head of the block list: the active block (a normal block), or null once released.
    blocks: *mut Block,
    /// The block allocated at creation; survives reset.
    keeper: *mut Block,
    /// Free lists of chunk headers, linked through the first word of their data.
    freelist: [*mut u8; ALLOCSET_NUM_FREELISTS],
    init_block_size: usize,
    max_block_size: usize,
    next_block_size: usize,
    chunk_limit: usize,
    keeper_size: usize,
    /// Bytes of all blocks (`mem_allocated`).
    mem_allocated: usize,
    /// Live chunks allocated through the `Allocator` trait.
    pub api_live: usize,
    owner: *const (),
}

/// Why an allocation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AllocFailure {
    /// The size or alignment is not representable.
    InvalidRequest,
    /// The system allocator said no.
    OutOfMemory,
}

fn block_layout(size: usize) -> Layout {
    Layout::from_size_align(size, BLOCK_ALIGN).expect("block sizes are validated")
}

impl AllocSet {
    /// A set with no blocks yet; call [`AllocSet::init`] once its owner address is known.
    pub fn new(sizes: &AllocSetSizes) -> AllocSet {
        AllocSet {
            blocks: ptr::null_mut(),
            keeper: ptr::null_mut(),
            freelist: [ptr::null_mut(); ALLOCSET_NUM_FREELISTS],
            init_block_size: sizes.init_block_size,
            max_block_size: sizes.max_block_size,
            next_block_size: sizes.init_block_size,
            chunk_limit: sizes.chunk_limit(),
            keeper_size: sizes.keeper_size(),
            mem_allocated: 0,
            api_live: 0,
            owner: ptr::null(),
        }
    }

    /// Allocates the keeper block, stamping `owner` into it and all later blocks.
    pub fn init(&mut self, owner: *const ()) {
        self.owner = owner;
        let size = self.keeper_size;
        let block = self.sys_alloc_block(size).unwrap_or_else(|| alloc::handle_alloc_error(block_layout(size)));
        self.keeper = block;
        self.blocks = block;
    }

    /// The per-set chunk limit.
    pub fn chunk_limit(&self) -> usize {
        self.chunk_limit
    }

    /// Gets `size` bytes from the system and initialises an empty normal block header.
    fn sys_alloc_block(&mut self, size: usize) -> Option<*mut Block> {
        // SAFETY: size >= ALLOC_BLOCKHDRSZ > 0 and the layout is valid.
        let raw = unsafe { alloc::alloc(block_layout(size)) };
        if raw.is_null() {
            return None;
        }
        let block = raw as *mut Block;
        // SAFETY: the block is freshly allocated, large enough and 16-aligned.
        unsafe {
            ptr::write(
                block,
                Block {
                    owner: self.owner,
                    prev: ptr::null_mut(),
                    next: ptr::null_mut(),
                    freeptr: raw.add(ALLOC_BLOCKHDRSZ),
                    endptr: raw.add(size),
                },
            );
        }
        self.mem_allocated += size;
        crate::release::note_block_alloc(size);
        Some(block)
    }

    /// Returns a block to the system.
    ///
    /// # Safety
    /// `block` must be a block of this set, already unlinked (or about to be forgotten).
    unsafe fn sys_free_block(&mut self, block: *mut Block) {
        // SAFETY: the block header is valid until freed.
        let size = unsafe { (*block).endptr as usize - block as usize };
        self.mem_allocated -= size;
        crate::release::note_block_free(size);
        // SAFETY: allocated with exactly this layout (realloc keeps endptr in sync).
        unsafe { alloc::dealloc(block as *mut u8, block_layout(size)) }
    }

    /// Allocates `size` bytes aligned to `align` (a power of two).
    /// `api` marks chunks handed out through the `Allocator` trait.
    #[inline]
    pub fn alloc(&mut self, size: usize, align: usize, api: bool) -> Result<*mut u8, AllocFailure> {
        debug_assert!(align.is_power_of_two());
        if align <= MAXIMUM_ALIGNOF {
            return self.alloc_raw(size, api);
        }
        if align > MAX_ALIGNMENT {
            return Err(AllocFailure::InvalidRequest);
        }
        let req = size.checked_add(align).ok_or(AllocFailure::InvalidRequest)?;
        let data = self.alloc_raw(req, api)?;
        // Leave room for the redirect header, then round up to the alignment.
        let addr = data as usize;
        let aligned_addr = (addr + ALLOC_CHUNKHDRSZ + align - 1) & !(align - 1);
        let offset = aligned_addr - addr;
        debug_assert!(offset >= ALLOC_CHUNKHDRSZ && offset <= align);
        // SAFETY: offset + size <= req, so the aligned region and its header lie inside the chunk.
        let aligned = unsafe { data.add(offset) };
        // SAFETY: the 8 bytes before `aligned` are inside the chunk's data (offset >= 8).
        unsafe {
            write_header(
                aligned.sub(ALLOC_CHUNKHDRSZ),
                ChunkHeader { kind: KIND_REDIRECT, api: false, value: align.trailing_zeros() as usize, offset },
            )
        };
        Ok(aligned)
    }

    /// Allocates a MAXALIGNed chunk.
    #[inline]
    fn alloc_raw(&mut self, size: usize, api: bool) -> Result<*mut u8, AllocFailure> {
        let data = if size > self.chunk_limit { self.alloc_large(size, api)? } else { self.alloc_small(size, api)? };
        if api {
            self.api_live += 1;
        }
        Ok(data)
    }

    #[cold]
    #[inline(never)]
    fn alloc_large(&mut self, size: usize, api: bool) -> Result<*mut u8, AllocFailure> {
        let chunk_size =
            size.checked_add(MAXIMUM_ALIGNOF - 1).ok_or(AllocFailure::InvalidRequest)? & !(MAXIMUM_ALIGNOF - 1);
        let blksize = chunk_size
            .checked_add(ALLOC_BLOCKHDRSZ + ALLOC_CHUNKHDRSZ)
            .filter(|s| *s <= isize::MAX as usize - BLOCK_ALIGN)
            .ok_or(AllocFailure::InvalidRequest)?;
        let block = self.sys_alloc_block(blksize).ok_or(AllocFailure::OutOfMemory)?;
        // SAFETY: the block was just allocated with room for header + chunk.
        unsafe {
            let chunk = (block as *mut u8).add(ALLOC_BLOCKHDRSZ);
            (*block).freeptr = (*block).endptr;
            write_header(chunk, ChunkHeader { kind: KIND_LARGE, api, value: 0, offset: ALLOC_BLOCKHDRSZ });
            self.link_after_head(block);
            Ok(chunk.add(ALLOC_CHUNKHDRSZ))
        }
    }

    /// Links a dedicated block just after the active block, so the active
    /// block keeps serving small chunks.
    fn link_after_head(&mut self, block: *mut Block) {
        // SAFETY: all blocks in the list are live; `block` is not in it yet.
        unsafe {
            let head = self.blocks;
            if head.is_null() {
                (*block).prev = ptr::null_mut();
                (*block).next = ptr::null_mut();
                self.blocks = block;
            } else {
                (*block).prev = head;
                (*block).next = (*head).next;
                if !(*head).next.is_null() {
                    (*(*head).next).prev = block;
                }
                (*head).next = block;
            }
        }
    }

    /// Removes a block from the list.
    ///
    /// # Safety
    /// `block` must be in this set's list.
    unsafe fn unlink(&mut self, block: *mut Block) {
        // SAFETY: the block and its neighbours are live.
        unsafe {
            let (prev, next) = ((*block).prev, (*block).next);
            if prev.is_null() {
                self.blocks = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
        }
    }

    #[inline]
    fn alloc_small(&mut self, size: usize, api: bool) -> Result<*mut u8, AllocFailure> {
        let idx = freelist_index(size);
        let head = self.freelist[idx];
        if !head.is_null() {
            // SAFETY: free-list entries are FREE chunks of this class; the first
            // data word holds the next entry.
            unsafe {
                self.freelist[idx] = ptr::read(head.add(ALLOC_CHUNKHDRSZ) as *const *mut u8);
                let h = read_header(head);
                debug_assert!(h.kind == KIND_FREE && h.value == idx);
                write_header(head, ChunkHeader { kind: KIND_SMALL, api, value: idx, offset: h.offset });
                return Ok(head.add(ALLOC_CHUNKHDRSZ));
            }
        }
        let need = class_size(idx) + ALLOC_CHUNKHDRSZ;
        let mut block = self.blocks;
        // SAFETY: the head block (if any) is a live normal block.
        let avail = if block.is_null() { 0 } else { unsafe { (*block).endptr as usize - (*block).freeptr as usize } };
        if avail < need {
            if !block.is_null() {
                // SAFETY: `block` is the live active block.
                unsafe { self.carve_remainder(block) };
            }
            block = self.new_block(need)?;
        }
        // SAFETY: the active block has at least `need` free bytes at freeptr.
        unsafe {
            let chunk = (*block).freeptr;
            (*block).freeptr = chunk.add(need);
            let offset = chunk as usize - block as usize;
            write_header(chunk, ChunkHeader { kind: KIND_SMALL, api, value: idx, offset });
            Ok(chunk.add(ALLOC_CHUNKHDRSZ))
        }
    }

    /// Turns the unused tail of the active block into free-list chunks before
    /// a new block becomes active, as `AllocSetAlloc` does.
    ///
    /// # Safety
    /// `block` must be this set's active normal block.
    #[cold]
    #[inline(never)]
    unsafe fn carve_remainder(&mut self, block: *mut Block) {
        // SAFETY: freeptr..endptr is unused space of the live block.
        unsafe {
            let mut avail = (*block).endptr as usize - (*block).freeptr as usize;
            while avail >= (1 << ALLOC_MINBITS) + ALLOC_CHUNKHDRSZ {
                let space = avail - ALLOC_CHUNKHDRSZ;
                let mut idx = freelist_index(space);
                if class_size(idx) != space {
                    idx -= 1; // round down: the chunk must fit
                }
                let idx = idx.min(ALLOCSET_NUM_FREELISTS - 1);
                let chunk = (*block).freeptr;
                let offset = chunk as usize - block as usize;
                write_header(chunk, ChunkHeader { kind: KIND_FREE, api: false, value: idx, offset });
                ptr::write(chunk.add(ALLOC_CHUNKHDRSZ) as *mut *mut u8, self.freelist[idx]);
                self.freelist[idx] = chunk;
                let used = class_size(idx) + ALLOC_CHUNKHDRSZ;
                (*block).freeptr = chunk.add(used);
                avail -= used;
            }
        }
    }

    /// Mallocs a new active block with room for at least `need` bytes.
    #[cold]
    #[inline(never)]
    fn new_block(&mut self, need: usize) -> Result<*mut Block, AllocFailure> {
        let mut blksize = self.next_block_size;
        self.next_block_size = (self.next_block_size << 1).min(self.max_block_size);
        let required = need + ALLOC_BLOCKHDRSZ;
        while blksize < required {
            blksize <<= 1;
        }
        let mut block = self.sys_alloc_block(blksize);
        // Like aset.c: on failure, retry with smaller blocks down to 1 MB.
        while block.is_none() && blksize > 1024 * 1024 {
            blksize >>= 1;
            if blksize < required {
                break;
            }
            block = self.sys_alloc_block(blksize);
        }
        let block = block.ok_or(AllocFailure::OutOfMemory)?;
        // SAFETY: `block` is fresh; the old head (if any) is live.
        unsafe {
            (*block).next = self.blocks;
            if !self.blocks.is_null() {
                (*self.blocks).prev = block;
            }
        }
        self.blocks = block;
        Ok(block)
    }

    /// Frees the chunk `r` (already resolved; owned by this set).
    ///
    /// # Safety
    /// `r` must describe a live chunk of this set.
    #[inline]
    pub unsafe fn free(&mut self, r: &Resolved) {
        if r.header.api {
            self.api_live -= 1;
        }
        if r.header.kind == KIND_LARGE {
            // SAFETY: a LARGE chunk owns its block, which is in this set's list.
            unsafe {
                self.unlink(r.block);
                self.sys_free_block(r.block);
            }
        } else {
            let idx = r.header.value;
            debug_assert!(idx < ALLOCSET_NUM_FREELISTS);
            // SAFETY: the chunk is live, has >= 8 data bytes for the link word.
            unsafe {
                write_header(r.chunk, ChunkHeader { kind: KIND_FREE, api: false, value: idx, offset: r.header.offset });
                ptr::write(r.chunk.add(ALLOC_CHUNKHDRSZ) as *mut *mut u8, self.freelist[idx]);
            }
            self.freelist[idx] = r.chunk;
        }
    }

    /// Resizes the chunk behind `data` (as `AllocSetRealloc`): a small chunk
    /// that is big enough is returned unchanged, a dedicated block is resized
    /// with the system `realloc`, anything else moves to a new chunk.
    ///
    /// # Safety
    /// `data` must be a live pointer from this set, `r` its resolution.
    pub unsafe fn realloc(&mut self, data: *mut u8, r: &Resolved, new_size: usize) -> Result<*mut u8, AllocFailure> {
        if let Some((align, off)) = r.redirect {
            // Aligned chunk: always reallocate with the same alignment, like
            // AlignedAllocRealloc. The footprint thus depends only on the request.
            // SAFETY: `r` is a live chunk.
            let old_usable = unsafe { chunk_capacity(r.chunk, r.header, r.block) } - off;
            let new = self.alloc(new_size, align, r.header.api)?;
            // SAFETY: both regions are live and distinct; we copy the smaller extent.
            unsafe {
                ptr::copy_nonoverlapping(data, new, old_usable.min(new_size));
                self.free(r);
            }
            return Ok(new);
        }
        if r.header.kind == KIND_LARGE {
            let chunk_size =
                new_size.checked_add(MAXIMUM_ALIGNOF - 1).ok_or(AllocFailure::InvalidRequest)? & !(MAXIMUM_ALIGNOF - 1);
            let blksize = chunk_size
                .checked_add(ALLOC_BLOCKHDRSZ + ALLOC_CHUNKHDRSZ)
                .filter(|s| *s <= isize::MAX as usize - BLOCK_ALIGN)
                .ok_or(AllocFailure::InvalidRequest)?;
            // SAFETY: the block is live and was allocated with block_layout(old size).
            unsafe {
                let old_block = r.block;
                let oldsize = (*old_block).endptr as usize - old_block as usize;
                let raw = alloc::realloc(old_block as *mut u8, block_layout(oldsize), blksize);
                if raw.is_null() {
                    return Err(AllocFailure::OutOfMemory);
                }
                let block = raw as *mut Block;
                self.mem_allocated = self.mem_allocated - oldsize + blksize;
                crate::release::note_block_free(oldsize);
                crate::release::note_block_alloc(blksize);
                (*block).endptr = raw.add(blksize);
                (*block).freeptr = (*block).endptr;
                if block != old_block {
                    let (prev, next) = ((*block).prev, (*block).next);
                    if prev.is_null() {
                        self.blocks = block;
                    } else {
                        (*prev).next = block;
                    }
                    if !next.is_null() {
                        (*next).prev = block;
                    }
                }
                return Ok(raw.add(ALLOC_BLOCKHDRSZ + ALLOC_CHUNKHDRSZ));
            }
        }
        let cap = class_size(r.header.value);
        if new_size <= cap {
            return Ok(data);
        }
        let new = self.alloc_raw(new_size, r.header.api)?;
        // SAFETY: the old chunk has `cap` live bytes, the new one more; they are distinct.
        unsafe {
            ptr::copy_nonoverlapping(data, new, cap);
            self.free(r);
        }
        Ok(new)
    }

    /// Frees every block but the keeper, empties the free lists
    /// (`AllocSetReset`). Outstanding chunk pointers become dangling.
    pub fn reset(&mut self) {
        let mut block = self.blocks;
        while !block.is_null() {
            // SAFETY: walking the live list; `next` is read before the block is freed.
            unsafe {
                let next = (*block).next;
                if block == self.keeper {
                    (*block).freeptr = (block as *mut u8).add(ALLOC_BLOCKHDRSZ);
                    (*block).prev = ptr::null_mut();
                    (*block).next = ptr::null_mut();
                } else {
                    self.sys_free_block(block);
                }
                block = next;
            }
        }
        self.blocks = self.keeper;
        self.freelist = [ptr::null_mut(); ALLOCSET_NUM_FREELISTS];
        self.next_block_size = self.init_block_size;
        self.api_live = 0;
    }

    /// Frees every block including the keeper (`AllocSetDelete`).
    pub fn release_all(&mut self) {
        let mut block = self.blocks;
        while !block.is_null() {
            // SAFETY: walking the live list; `next` is read before the block is freed.
            unsafe {
                let next = (*block).next;
                self.sys_free_block(block);
                block = next;
            }
        }
        self.blocks = ptr::null_mut();
        self.keeper = ptr::null_mut();
        self.freelist = [ptr::null_mut(); ALLOCSET_NUM_FREELISTS];
        self.api_live = 0;
        debug_assert_eq!(self.mem_allocated, 0);
    }

    /// Bytes held from the system (`MemoryContextMemAllocated` for one context).
    pub fn mem_allocated(&self) -> usize {
        self.mem_allocated
    }

    /// Walks blocks and free lists (`AllocSetStats`).
    pub fn stats(&self) -> MemoryContextCounters {
        let mut c = MemoryContextCounters::default();
        let mut block = self.blocks;
        while !block.is_null() {
            // SAFETY: walking the live list.
            unsafe {
                c.total_nblocks += 1;
                c.total_bytes += (*block).endptr as usize - block as usize;
                c.free_bytes += (*block).endptr as usize - (*block).freeptr as usize;
                block = (*block).next;
            }
        }
        for (idx, &head) in self.freelist.iter().enumerate() {
            let mut chunk = head;
            while !chunk.is_null() {
                c.free_chunks += 1;
                c.free_bytes += class_size(idx) + ALLOC_CHUNKHDRSZ;
                // SAFETY: free chunks hold the next link in their first data word.
                chunk = unsafe { ptr::read(chunk.add(ALLOC_CHUNKHDRSZ) as *const *mut u8) };
            }
        }
        c
    }

    /// Verifies every block, chunk header and free list (`AllocSetCheck`).
    /// Returns a description of the first inconsistency.
    pub fn check(&self) -> Result<(), String> {
        let mut total = 0usize;
        let mut free_in_blocks = 0usize;
        let mut api_in_blocks = 0usize;
        let mut prev: *mut Block = ptr::null_mut();
        let mut block = self.blocks;
        let mut saw_keeper = self.keeper.is_null();
        while !block.is_null() {
            // SAFETY: walking the live list; chunks are walked by their recorded sizes
            // and every step is bounds-checked against freeptr before reading.
            unsafe {
                let b = &*block;
                if b.owner != self.owner {
                    return Err(format!("block {block:p} has the wrong owner"));
                }
                if b.prev != prev {
                    return Err(format!("block {block:p} has a bad prev link"));
                }
                let base = block as usize;
                let (free, end) = (b.freeptr as usize, b.endptr as usize);
                if !(base + ALLOC_BLOCKHDRSZ <= free && free <= end) {
                    return Err(format!("block {block:p} has freeptr outside the block"));
                }
                total += end - base;
                if block == self.keeper {
                    saw_keeper = true;
                }
                let first = (block as *mut u8).add(ALLOC_BLOCKHDRSZ);
                let first_is_large = free > base + ALLOC_BLOCKHDRSZ && read_header(first).kind == KIND_LARGE;
                if first_is_large {
                    let h = read_header(first);
                    if block == self.keeper || free != end || h.offset != ALLOC_BLOCKHDRSZ {
                        return Err(format!("dedicated block {block:p} is malformed"));
                    }
                    if prev.is_null() {
                        return Err(format!("dedicated block {block:p} is the active block"));
                    }
                    api_in_blocks += h.api as usize;
                } else {
                    let mut p = base + ALLOC_BLOCKHDRSZ;
                    while p < free {
                        if p + ALLOC_CHUNKHDRSZ > free {
                            return Err(format!("block {block:p}: chunk header at {p:#x} overruns freeptr"));
                        }
                        let h = read_header(p as *const u8);
                        if h.kind != KIND_SMALL && h.kind != KIND_FREE {
                            return Err(format!("block {block:p}: chunk at {p:#x} has kind {}", h.kind));
                        }
                        if h.value >= ALLOCSET_NUM_FREELISTS || h.offset != p - base {
                            return Err(format!("block {block:p}: chunk at {p:#x} has a corrupt header {h:?}"));
                        }
                        if h.kind == KIND_FREE {
                            free_in_blocks += 1;
                        } else {
                            api_in_blocks += h.api as usize;
                        }
                        p += ALLOC_CHUNKHDRSZ + class_size(h.value);
                    }
                    if p != free {
                        return Err(format!("block {block:p}: chunks do not end at freeptr"));
                    }
                }
                prev = block;
                block = b.next;
            }
        }
        if !saw_keeper {
            return Err("keeper block is not in the block list".into());
        }
        if total != self.mem_allocated {
            return Err(format!("mem_allocated {} but blocks sum to {total}", self.mem_allocated));
        }
        let mut on_lists = 0usize;
        for (idx, &head) in self.freelist.iter().enumerate() {
            let mut chunk = head;
            while !chunk.is_null() {
                // SAFETY: free-list entries are live FREE chunks inside our blocks.
                unsafe {
                    let h = read_header(chunk);
                    if h.kind != KIND_FREE || h.value != idx {
                        return Err(format!("free list {idx} holds chunk {chunk:p} with header {h:?}"));
                    }
                    on_lists += 1;
                    if on_lists > free_in_blocks {
                        return Err(format!("free list {idx} is longer than the free chunks in blocks (cycle?)"));
                    }
                    chunk = ptr::read(chunk.add(ALLOC_CHUNKHDRSZ) as *const *mut u8);
                }
            }
        }
        if on_lists != free_in_blocks {
            return Err(format!("{free_in_blocks} free chunks in blocks but {on_lists} on free lists"));
        }
        if api_in_blocks != self.api_live {
            return Err(format!("api_live is {} but {api_in_blocks} chunks carry the flag", self.api_live));
        }
        Ok(())
    }
}

impl Drop for AllocSet {
    fn drop(&mut self) {
        self.release_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(sizes: AllocSetSizes) -> AllocSet {
        let mut s = AllocSet::new(&sizes);
        s.init(0x1000 as *const ());
        s
    }

    #[test]
    fn size_classes() {
        assert_eq!(freelist_index(0), 0);
        assert_eq!(freelist_index(1), 0);
        assert_eq!(freelist_index(8), 0);
        assert_eq!(freelist_index(9), 1);
        assert_eq!(freelist_index(16), 1);
        assert_eq!(freelist_index(17), 2);
        assert_eq!(freelist_index(8192), 10);
        assert_eq!(class_size(10), 8192);
        assert_eq!(ALLOC_BLOCKHDRSZ, 40);
    }

    #[test]
    fn chunk_limits_follow_max_block_size() {
        assert_eq!(AllocSetSizes::DEFAULT.chunk_limit(), 8192);
        assert_eq!(AllocSetSizes::SMALL.chunk_limit(), 1024);
        assert_eq!(AllocSetSizes::START_SMALL.chunk_limit(), 8192);
        assert!(AllocSetSizes { min_context_size: 0, init_block_size: 512, max_block_size: 8192 }.validate().is_err());
        assert!(AllocSetSizes { min_context_size: 0, init_block_size: 8192, max_block_size: 4096 }.validate().is_err());
        assert!(AllocSetSizes::DEFAULT.validate().is_ok());
    }

    #[test]
    fn header_roundtrip() {
        let h = ChunkHeader { kind: KIND_SMALL, api: true, value: 10, offset: MEMORYCHUNK_MAX_BLOCKOFFSET };
        assert_eq!(ChunkHeader::decode(h.encode()), h);
    }

    #[test]
    fn small_chunks_come_back_from_free_lists() {
        let mut s = set(AllocSetSizes::DEFAULT);
        let a = s.alloc(100, 8, false).unwrap();
        // SAFETY: `a` is live.
        let r = unsafe { resolve(a) };
        assert_eq!(r.header.kind, KIND_SMALL);
        assert_eq!(class_size(r.header.value), 128);
        // SAFETY: `a` is live and owned by `s`.
        unsafe { s.free(&r) };
        let st = s.stats();
        assert_eq!(st.free_chunks, 1);
        let b = s.alloc(120, 8, false).unwrap();
        assert_eq!(a, b);
        assert_eq!(s.stats().free_chunks, 0);
        s.check().unwrap();
    }

    #[test]
    fn large_chunks_get_their_own_block_and_go_back() {
        let mut s = set(AllocSetSizes::DEFAULT);
        let before = s.stats();
        let a = s.alloc(100_000, 8, false).unwrap();
        let st = s.stats();
        assert_eq!(st.total_nblocks, 2);
        assert_eq!(st.total_bytes, before.total_bytes + maxalign(100_000) + ALLOC_BLOCKHDRSZ + ALLOC_CHUNKHDRSZ);
        s.check().unwrap();
        // SAFETY: `a` is live.
        let r = unsafe { resolve(a) };
        // SAFETY: `a` is live and owned by `s`.
        unsafe { s.free(&r) };
        assert_eq!(s.stats(), before);
        s.check().unwrap();
    }

    #[test]
    fn blocks_grow_geometrically_and_reset_keeps_keeper() {
        let mut s = set(AllocSetSizes::DEFAULT);
        for _ in 0..2000 {
            s.alloc(1000, 8, false).unwrap();
        }
        s.check().unwrap();
        let st = s.stats();
        // 2000 * 1032 bytes: keeper 8K, then 8K, 16K, 32K, ... doubling.
        assert!(st.total_nblocks < 12, "{st:?}");
        assert!(st.total_bytes >= 2000 * 1032);
        s.reset();
        s.check().unwrap();
        let st = s.stats();
        assert_eq!(st.total_nblocks, 1);
        assert_eq!(st.total_bytes, 8192);
        assert_eq!(st.used_bytes(), ALLOC_BLOCKHDRSZ);
    }

    #[test]
    fn aligned_allocations() {
        let mut s = set(AllocSetSizes::DEFAULT);
        for align in [16usize, 32, 64, 4096, 1 << 16] {
            for size in [1usize, 24, 1000, 9000] {
                let p = s.alloc(size, align, false).unwrap();
                assert_eq!(p as usize % align, 0);
                // SAFETY: p has `size` writable bytes.
                unsafe { ptr::write_bytes(p, 0xAB, size) };
                // SAFETY: p is live.
                let r = unsafe { resolve(p) };
                assert_eq!(r.redirect.map(|x| x.0), Some(align));
                // SAFETY: as above.
                assert!(unsafe { usable_size(&r) } >= size);
            }
        }
        s.check().unwrap();
    }

    #[test]
    fn tail_of_block_goes_to_free_lists() {
        let mut s = set(AllocSetSizes::DEFAULT);
        // Fill the keeper with 1 KB chunks until one no longer fits.
        for _ in 0..8 {
            s.alloc(1024, 8, false).unwrap();
        }
        s.check().unwrap();
        let st = s.stats();
        assert_eq!(st.total_nblocks, 2);
        assert!(st.free_chunks > 0, "{st:?}");
    }
}
