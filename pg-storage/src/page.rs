//! Slotted pages (PostgreSQL's `storage/page/bufpage.c` and
//! `include/storage/bufpage.h`, `itemid.h`).
//!
//! Every relation page is 8 kB (`BLCKSZ`) in this layout:
//!
//! ```text
//! +----------------+---------------------------------------------+
//! | header (32 B)  | ItemIdData line pointers (4 B each) ->      |
//! +----------------+----------+----------------------------------+
//! |            ... free space (pd_lower .. pd_upper) ...          |
//! +--------------------------+------------------------------------+
//! |          <- items (tuples), packed from pd_upper | special   |
//! +--------------------------+------------------------------------+
//! ```
//!
//! The header keeps PostgreSQL's fields in PostgreSQL's order, with
//! `pd_prune_xid` widened to 64 bits (transaction ids never wrap here):
//!
//! ```text
//! 0  pd_lsn u64 | 8 pd_checksum u16 | 10 pd_flags u16 | 12 pd_lower u16
//! 14 pd_upper u16 | 16 pd_special u16 | 18 pd_pagesize_version u16
//! 20 (4 pad bytes) | 24 pd_prune_xid u64                       = 32 bytes
//! ```
//!
//! All integers are little-endian. A line pointer is PostgreSQL's 4-byte
//! `ItemIdData`: `lp_off:15 | lp_flags:2 | lp_len:15`, low bits first.
//! Offsets (`OffsetNumber`) count line pointers from 1.
//!
//! A [`Page`] is a plain byte array wrapper: the buffer manager hands out
//! `&Page` / `&mut Page` views of shared buffers under the content lock, and
//! code that builds a page privately may own one (`Page::new_zeroed`).
//!
//! Invariants kept by every mutating function here:
//! `SIZE_OF_PAGE_HEADER <= pd_lower <= pd_upper <= pd_special <= BLCKSZ`,
//! `pd_special` is MAXALIGNed, and every LP_NORMAL item with storage lies
//! inside `[pd_upper, pd_special)` without overlapping another one.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use pg_wal::block::{XLogRecPtr, BLCKSZ};

use crate::checksum::pg_checksum_page;

/// Size of the page header (`SizeOfPageHeaderData`).
pub const SIZE_OF_PAGE_HEADER: usize = 32;
/// Size of one line pointer (`sizeof(ItemIdData)`).
pub const SIZE_OF_ITEM_ID: usize = 4;
/// The page layout version stored in `pd_pagesize_version` (`PG_PAGE_LAYOUT_VERSION`).
pub const PG_PAGE_LAYOUT_VERSION: u8 = 4;
/// Alignment of items on a page (`MAXIMUM_ALIGNOF`).
pub const MAXIMUM_ALIGNOF: usize = 8;

/// A line pointer's 1-based number on its page (`OffsetNumber`).
pub type OffsetNumber = u16;
/// No line pointer (`InvalidOffsetNumber`).
pub const INVALID_OFFSET_NUMBER: OffsetNumber = 0;
/// The first line pointer (`FirstOffsetNumber`).
pub const FIRST_OFFSET_NUMBER: OffsetNumber = 1;
/// The most line pointers a page can hold (`MaxOffsetNumber`).
pub const MAX_OFFSET_NUMBER: OffsetNumber = (BLCKSZ / SIZE_OF_ITEM_ID) as OffsetNumber;

/// The heap tuple header's size rounded up to MAXALIGN: the contract's 31
/// byte header (`SizeofHeapTupleHeader`) takes 32 bytes.
const MAXALIGNED_HEAP_TUPLE_HEADER: usize = 32;
/// The most heap tuples that fit on a page (`MaxHeapTuplesPerPage`): each
/// needs at least a MAXALIGNed header and a line pointer.
pub const MAX_HEAP_TUPLES_PER_PAGE: usize =
    (BLCKSZ - SIZE_OF_PAGE_HEADER) / (MAXALIGNED_HEAP_TUPLE_HEADER + SIZE_OF_ITEM_ID);

/// `pd_flags`: some line pointers are LP_UNUSED (`PD_HAS_FREE_LINES`).
pub const PD_HAS_FREE_LINES: u16 = 0x0001;
/// `pd_flags`: an UPDATE found no room on the page (`PD_PAGE_FULL`).
pub const PD_PAGE_FULL: u16 = 0x0002;
/// `pd_flags`: every tuple on the page is visible to everyone (`PD_ALL_VISIBLE`).
pub const PD_ALL_VISIBLE: u16 = 0x0004;
/// All valid `pd_flags` bits (`PD_VALID_FLAG_BITS`).
pub const PD_VALID_FLAG_BITS: u16 = 0x0007;

/// `MAXALIGN`: rounds `len` up to a multiple of 8.
pub const fn maxalign(len: usize) -> usize {
    (len + MAXIMUM_ALIGNOF - 1) & !(MAXIMUM_ALIGNOF - 1)
}

/// A line pointer's state (`lp_flags`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum LpFlags {
    /// Unused (`LP_UNUSED`): `lp_len` is 0, the slot may be reused.
    Unused = 0,
    /// In use (`LP_NORMAL`): `lp_off`/`lp_len` locate the item.
    Normal = 1,
    /// HOT redirect (`LP_REDIRECT`): `lp_off` is the offset number of the chain's next member.
    Redirect = 2,
    /// Dead (`LP_DEAD`): may still have storage (index pages) or not (heap after pruning).
    Dead = 3,
}

/// A line pointer (`ItemIdData`): `lp_off:15 | lp_flags:2 | lp_len:15`,
/// packed into one little-endian u32 with `lp_off` in the low bits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ItemId(u32);

impl std::fmt::Debug for ItemId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ItemId({:?} off={} len={})", self.flags(), self.off(), self.len())
    }
}

impl ItemId {
    /// A line pointer with the given fields (`ItemIdSetNormal` and friends).
    pub fn new(off: usize, flags: LpFlags, len: usize) -> ItemId {
        debug_assert!(off < 1 << 15 && len < 1 << 15);
        ItemId((off as u32 & 0x7fff) | ((flags as u32) << 15) | ((len as u32 & 0x7fff) << 17))
    }
    /// The unused line pointer (all zeros).
    pub const UNUSED: ItemId = ItemId(0);
    /// The raw 32-bit value.
    pub fn raw(self) -> u32 {
        self.0
    }
    /// From the raw 32-bit value.
    pub fn from_raw(raw: u32) -> ItemId {
        ItemId(raw)
    }
    /// `ItemIdGetOffset`: the item's byte offset on the page.
    pub fn off(self) -> usize {
        (self.0 & 0x7fff) as usize
    }
    /// `ItemIdGetLength`: the item's length in bytes.
    #[allow(clippy::len_without_is_empty)] // `has_storage` is PostgreSQL's name for it
    pub fn len(self) -> usize {
        (self.0 >> 17) as usize
    }
    /// `ItemIdGetFlags`.
    pub fn flags(self) -> LpFlags {
        match (self.0 >> 15) & 3 {
            0 => LpFlags::Unused,
            1 => LpFlags::Normal,
            2 => LpFlags::Redirect,
            _ => LpFlags::Dead,
        }
    }
    /// `ItemIdIsUsed`: anything but LP_UNUSED.
    pub fn is_used(self) -> bool {
        self.flags() != LpFlags::Unused
    }
    /// `ItemIdIsNormal`.
    pub fn is_normal(self) -> bool {
        self.flags() == LpFlags::Normal
    }
    /// `ItemIdIsRedirected`.
    pub fn is_redirected(self) -> bool {
        self.flags() == LpFlags::Redirect
    }
    /// `ItemIdIsDead`.
    pub fn is_dead(self) -> bool {
        self.flags() == LpFlags::Dead
    }
    /// `ItemIdHasStorage`: `lp_len != 0`.
    pub fn has_storage(self) -> bool {
        self.len() != 0
    }
    /// `ItemIdGetRedirect`: the offset number a redirect points to.
    pub fn redirect_target(self) -> OffsetNumber {
        self.off() as OffsetNumber
    }
}

/// Where `add_item` puts the item and how it treats an occupied slot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddItemOptions {
    /// Use this offset (`offsetNumber`); `None` picks one (a free line
    /// pointer on heap pages, else a new one at the end).
    pub offset: Option<OffsetNumber>,
    /// `PAI_OVERWRITE`: the given offset must be an unused line pointer,
    /// which is reused in place (heap redo). Without it, items from the
    /// offset on move up by one (index pages).
    pub overwrite: bool,
    /// `PAI_IS_HEAP`: refuse more than `MAX_HEAP_TUPLES_PER_PAGE` line
    /// pointers and look for a free one when no offset is given.
    pub is_heap: bool,
}

/// Why a page failed `page_verify` (the read path reports it as PostgreSQL's
/// "invalid page in block %u of relation %s").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageVerifyFailure {
    /// The header's bounds or flags are impossible.
    BadHeader,
    /// The stored checksum does not match the computed one.
    ChecksumMismatch {
        /// `pd_checksum` as stored.
        stored: u16,
        /// What the page's contents give.
        computed: u16,
    },
    /// `pd_upper` is 0 (a new page) but some byte is not zero.
    NonZeroNewPage,
}

/// An 8 kB page. `repr(transparent)` over the bytes, so a view of a shared
/// buffer or of a WAL full-page image is a cast, not a copy.
#[repr(transparent)]
pub struct Page([u8; BLCKSZ]);

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("lsn", &self.lsn())
            .field("lower", &self.lower())
            .field("upper", &self.upper())
            .field("special", &self.special())
            .field("flags", &self.flags())
            .finish()
    }
}

fn rd16(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn wr16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

impl Page {
    /// A zeroed (new, uninitialised) page on the heap.
    pub fn new_zeroed() -> Box<Page> {
        Box::new(Page([0; BLCKSZ]))
    }

    /// Views a block of bytes as a page.
    pub fn from_bytes(bytes: &[u8; BLCKSZ]) -> &Page {
        // SAFETY: Page is repr(transparent) over [u8; BLCKSZ], so the two
        // types have the same layout and validity; the lifetime is kept.
        unsafe { &*(bytes as *const [u8; BLCKSZ] as *const Page) }
    }

    /// Views a block of bytes as a mutable page.
    pub fn from_bytes_mut(bytes: &mut [u8; BLCKSZ]) -> &mut Page {
        // SAFETY: as in `from_bytes`; the exclusive borrow is carried over.
        unsafe { &mut *(bytes as *mut [u8; BLCKSZ] as *mut Page) }
    }

    /// The page's bytes.
    pub fn bytes(&self) -> &[u8; BLCKSZ] {
        &self.0
    }

    /// The page's bytes, mutably.
    pub fn bytes_mut(&mut self) -> &mut [u8; BLCKSZ] {
        &mut self.0
    }

    /// `PageInit`: an empty page with `special_size` bytes (MAXALIGNed) of
    /// special space at its end.
    pub fn init(&mut self, special_size: usize) {
        let special = BLCKSZ - maxalign(special_size);
        assert!(special >= SIZE_OF_PAGE_HEADER, "special space of {special_size} bytes does not fit a page");
        self.0.fill(0);
        self.set_lower(SIZE_OF_PAGE_HEADER as u16);
        self.set_upper(special as u16);
        wr16(&mut self.0, 16, special as u16);
        wr16(&mut self.0, 18, (BLCKSZ as u16) | PG_PAGE_LAYOUT_VERSION as u16);
    }

    /// `PageIsNew`: never initialised (`pd_upper == 0`).
    pub fn is_new(&self) -> bool {
        self.upper() == 0
    }

    /// `PageIsEmpty`: no line pointers.
    pub fn is_empty(&self) -> bool {
        self.lower() as usize <= SIZE_OF_PAGE_HEADER
    }

    /// `PageGetLSN`.
    pub fn lsn(&self) -> XLogRecPtr {
        u64::from_le_bytes(self.0[0..8].try_into().expect("8 bytes"))
    }
    /// `PageSetLSN`.
    pub fn set_lsn(&mut self, lsn: XLogRecPtr) {
        self.0[0..8].copy_from_slice(&lsn.to_le_bytes());
    }
    /// `pd_checksum`.
    pub fn checksum(&self) -> u16 {
        rd16(&self.0, 8)
    }
    /// Stores `pd_checksum`.
    pub fn set_checksum(&mut self, checksum: u16) {
        wr16(&mut self.0, 8, checksum);
    }
    /// `pd_flags`.
    pub fn flags(&self) -> u16 {
        rd16(&self.0, 10)
    }
    /// Stores `pd_flags`.
    pub fn set_flags(&mut self, flags: u16) {
        wr16(&mut self.0, 10, flags);
    }
    /// `pd_lower`: the end of the line pointer array.
    pub fn lower(&self) -> u16 {
        rd16(&self.0, 12)
    }
    /// Stores `pd_lower`.
    pub fn set_lower(&mut self, v: u16) {
        wr16(&mut self.0, 12, v);
    }
    /// `pd_upper`: the start of the items.
    pub fn upper(&self) -> u16 {
        rd16(&self.0, 14)
    }
    /// Stores `pd_upper`.
    pub fn set_upper(&mut self, v: u16) {
        wr16(&mut self.0, 14, v);
    }
    /// `pd_special`: the start of the special space.
    pub fn special(&self) -> u16 {
        rd16(&self.0, 16)
    }
    /// `PageGetPageSize`.
    pub fn page_size(&self) -> usize {
        (rd16(&self.0, 18) & 0xff00) as usize
    }
    /// `PageGetPageLayoutVersion`.
    pub fn layout_version(&self) -> u8 {
        (rd16(&self.0, 18) & 0x00ff) as u8
    }
    /// `pd_prune_xid`: the oldest xmax that may make a tuple prunable (0 if none).
    pub fn prune_xid(&self) -> u64 {
        u64::from_le_bytes(self.0[24..32].try_into().expect("8 bytes"))
    }
    /// Stores `pd_prune_xid`.
    pub fn set_prune_xid(&mut self, xid: u64) {
        self.0[24..32].copy_from_slice(&xid.to_le_bytes());
    }
    /// `PageSetPrunable`: lowers `pd_prune_xid` to `xid` if it is older.
    pub fn set_prunable(&mut self, xid: u64) {
        let old = self.prune_xid();
        if old == 0 || xid < old {
            self.set_prune_xid(xid);
        }
    }
    /// `PageHasFreeLinePointers`.
    pub fn has_free_line_pointers(&self) -> bool {
        self.flags() & PD_HAS_FREE_LINES != 0
    }
    /// `PageIsFull`.
    pub fn is_full(&self) -> bool {
        self.flags() & PD_PAGE_FULL != 0
    }
    /// `PageSetFull`.
    pub fn set_full(&mut self) {
        self.set_flags(self.flags() | PD_PAGE_FULL);
    }
    /// `PageClearFull`.
    pub fn clear_full(&mut self) {
        self.set_flags(self.flags() & !PD_PAGE_FULL);
    }
    /// `PageIsAllVisible`.
    pub fn is_all_visible(&self) -> bool {
        self.flags() & PD_ALL_VISIBLE != 0
    }
    /// `PageSetAllVisible`.
    pub fn set_all_visible(&mut self) {
        self.set_flags(self.flags() | PD_ALL_VISIBLE);
    }
    /// `PageClearAllVisible`.
    pub fn clear_all_visible(&mut self) {
        self.set_flags(self.flags() & !PD_ALL_VISIBLE);
    }

    /// `PageGetSpecialPointer`: the special space.
    pub fn special_space(&self) -> &[u8] {
        &self.0[self.special() as usize..]
    }
    /// The special space, mutably.
    pub fn special_space_mut(&mut self) -> &mut [u8] {
        let at = self.special() as usize;
        &mut self.0[at..]
    }

    /// `PageGetMaxOffsetNumber`: how many line pointers there are.
    pub fn max_offset(&self) -> OffsetNumber {
        let lower = self.lower() as usize;
        if lower <= SIZE_OF_PAGE_HEADER {
            0
        } else {
            ((lower - SIZE_OF_PAGE_HEADER) / SIZE_OF_ITEM_ID) as OffsetNumber
        }
    }

    fn item_id_pos(off: OffsetNumber) -> usize {
        SIZE_OF_PAGE_HEADER + (off as usize - 1) * SIZE_OF_ITEM_ID
    }

    /// `PageGetItemId`: line pointer `off` (1-based; must be <= `max_offset`).
    pub fn item_id(&self, off: OffsetNumber) -> ItemId {
        assert!(off >= FIRST_OFFSET_NUMBER && off <= self.max_offset(), "offset {off} is not on the page");
        let at = Self::item_id_pos(off);
        ItemId(u32::from_le_bytes(self.0[at..at + 4].try_into().expect("4 bytes")))
    }

    /// Every line pointer with its offset number, in order (a scan of the
    /// page reads the line pointer array once instead of checking each
    /// offset against `pd_lower`).
    pub fn line_pointers(&self) -> impl Iterator<Item = (OffsetNumber, ItemId)> + '_ {
        let end = SIZE_OF_PAGE_HEADER + self.max_offset() as usize * SIZE_OF_ITEM_ID;
        self.0[SIZE_OF_PAGE_HEADER..end]
            .chunks_exact(SIZE_OF_ITEM_ID)
            .zip(FIRST_OFFSET_NUMBER..)
            .map(|(b, off)| (off, ItemId(u32::from_le_bytes(b.try_into().expect("chunks of SIZE_OF_ITEM_ID bytes")))))
    }

    /// Stores line pointer `off` (1-based; must be <= `max_offset`).
    pub fn set_item_id(&mut self, off: OffsetNumber, id: ItemId) {
        assert!(off >= FIRST_OFFSET_NUMBER && off <= self.max_offset(), "offset {off} is not on the page");
        let at = Self::item_id_pos(off);
        self.0[at..at + 4].copy_from_slice(&id.0.to_le_bytes());
    }

    /// `ItemIdSetUnused`.
    pub fn set_item_unused(&mut self, off: OffsetNumber) {
        self.set_item_id(off, ItemId::UNUSED);
    }
    /// `ItemIdSetDead`: dead, storage released (heap pruning).
    pub fn set_item_dead(&mut self, off: OffsetNumber) {
        self.set_item_id(off, ItemId::new(0, LpFlags::Dead, 0));
    }
    /// `ItemIdMarkDead`: dead, storage kept (index pages, `LP_DEAD` hints).
    pub fn mark_item_dead(&mut self, off: OffsetNumber) {
        let id = self.item_id(off);
        self.set_item_id(off, ItemId::new(id.off(), LpFlags::Dead, id.len()));
    }
    /// `ItemIdSetRedirect`: a HOT chain's root now points at `target`.
    pub fn set_item_redirect(&mut self, off: OffsetNumber, target: OffsetNumber) {
        self.set_item_id(off, ItemId::new(target as usize, LpFlags::Redirect, 0));
    }

    /// `PageGetItem`: the bytes of item `off` (empty for an item without
    /// storage).
    pub fn get_item(&self, off: OffsetNumber) -> &[u8] {
        let id = self.item_id(off);
        if !id.has_storage() {
            return &[];
        }
        &self.0[id.off()..id.off() + id.len()]
    }

    /// `PageGetItem`, mutably (in-place updates: xmax, hint bits, ctid).
    pub fn get_item_mut(&mut self, off: OffsetNumber) -> &mut [u8] {
        let id = self.item_id(off);
        if !id.has_storage() {
            return &mut [];
        }
        &mut self.0[id.off()..id.off() + id.len()]
    }

    /// `PageGetFreeSpace`: room for one more item, after its line pointer.
    pub fn free_space(&self) -> usize {
        (self.upper() as usize).saturating_sub(self.lower() as usize).saturating_sub(SIZE_OF_ITEM_ID)
    }

    /// `PageGetExactFreeSpace`: `pd_upper - pd_lower`.
    pub fn exact_free_space(&self) -> usize {
        (self.upper() as usize).saturating_sub(self.lower() as usize)
    }

    /// `PageGetHeapFreeSpace`: `free_space`, but 0 when no new line pointer
    /// may be added (`MAX_HEAP_TUPLES_PER_PAGE` reached and none unused).
    pub fn heap_free_space(&self) -> usize {
        let space = self.free_space();
        if space == 0 {
            return 0;
        }
        let nline = self.max_offset() as usize;
        if nline >= MAX_HEAP_TUPLES_PER_PAGE {
            if self.has_free_line_pointers() {
                // The hint may be stale: look for a real unused one.
                if (1..=nline as OffsetNumber).any(|o| !self.item_id(o).is_used()) {
                    return space;
                }
            }
            return 0;
        }
        space
    }

    /// `PageAddItemExtended`: stores `item` (MAXALIGNed on the page) and
    /// returns its offset number, or `None` when it does not fit (or the
    /// requested offset is impossible). See [`AddItemOptions`].
    pub fn add_item(&mut self, item: &[u8], opts: AddItemOptions) -> Option<OffsetNumber> {
        let lower = self.lower() as usize;
        let upper = self.upper() as usize;
        let special = self.special() as usize;
        if lower < SIZE_OF_PAGE_HEADER || lower > upper || upper > special || special > BLCKSZ {
            return None; // corrupted page: refuse rather than scribble
        }
        let limit = self.max_offset() + 1;
        let mut need_shuffle = false;
        let off = match opts.offset {
            Some(off) => {
                if off == INVALID_OFFSET_NUMBER || off > limit {
                    return None;
                }
                if opts.overwrite {
                    if off < limit && self.item_id(off).is_used() {
                        return None; // PostgreSQL: "will not overwrite a used ItemId"
                    }
                } else if off < limit {
                    need_shuffle = true;
                }
                off
            }
            None => {
                let mut found = None;
                if self.has_free_line_pointers() {
                    found = (FIRST_OFFSET_NUMBER..limit).find(|&o| {
                        let id = self.item_id(o);
                        !id.is_used() && !id.has_storage()
                    });
                    if found.is_none() {
                        // The hint was wrong: clear it.
                        self.set_flags(self.flags() & !PD_HAS_FREE_LINES);
                    }
                }
                found.unwrap_or(limit)
            }
        };
        if opts.is_heap && off as usize > MAX_HEAP_TUPLES_PER_PAGE {
            return None;
        }
        let new_lower = if off == limit || need_shuffle { lower + SIZE_OF_ITEM_ID } else { lower };
        let aligned = maxalign(item.len());
        if item.len() >= 1 << 15 || new_lower > upper || upper - new_lower < aligned {
            return None;
        }
        let new_upper = upper - aligned;
        if need_shuffle {
            // Move line pointers off..limit-1 up by one slot.
            let from = Self::item_id_pos(off);
            self.0.copy_within(from..lower, from + SIZE_OF_ITEM_ID);
        }
        self.set_lower(new_lower as u16);
        self.set_item_id(off, ItemId::new(new_upper, LpFlags::Normal, item.len()));
        self.0[new_upper..new_upper + item.len()].copy_from_slice(item);
        self.0[new_upper + item.len()..new_upper + aligned].fill(0);
        self.set_upper(new_upper as u16);
        Some(off)
    }

    /// `PageRepairFragmentation`: packs the storage of the LP_NORMAL items
    /// against the special space (keeping their offset numbers) so the free
    /// space is one hole again; LP_DEAD and LP_REDIRECT items keep no
    /// storage. Sets or clears `PD_HAS_FREE_LINES`. Returns how many line
    /// pointers are unused.
    pub fn repair_fragmentation(&mut self) -> usize {
        let nline = self.max_offset();
        let special = self.special() as usize;
        let mut live: Vec<(OffsetNumber, ItemId)> = Vec::with_capacity(nline as usize);
        let mut unused = 0;
        for off in FIRST_OFFSET_NUMBER..=nline {
            let id = self.item_id(off);
            match id.flags() {
                LpFlags::Normal if id.has_storage() => live.push((off, id)),
                LpFlags::Normal | LpFlags::Unused => {
                    self.set_item_id(off, ItemId::UNUSED);
                    unused += 1;
                }
                LpFlags::Dead => self.set_item_id(off, ItemId::new(0, LpFlags::Dead, 0)),
                LpFlags::Redirect => {}
            }
        }
        // Move items in descending order of their current offset, so that
        // each move only goes towards the end and never clobbers an item
        // not yet moved.
        live.sort_by_key(|&(_, id)| std::cmp::Reverse(id.off()));
        let mut upper = special;
        for (off, id) in live {
            let aligned = maxalign(id.len());
            upper -= aligned;
            if id.off() != upper {
                self.0.copy_within(id.off()..id.off() + id.len(), upper);
            }
            self.set_item_id(off, ItemId::new(upper, LpFlags::Normal, id.len()));
        }
        self.set_upper(upper as u16);
        let flags = self.flags();
        self.set_flags(if unused > 0 { flags | PD_HAS_FREE_LINES } else { flags & !PD_HAS_FREE_LINES });
        unused
    }

    /// `PageTruncateLinePointerArray`: drops the LP_UNUSED line pointers at
    /// the end of the array (VACUUM's second pass), keeping at least one.
    pub fn truncate_line_pointer_array(&mut self) {
        let mut n = self.max_offset();
        let mut has_free = false;
        while n > 1 && !self.item_id(n).is_used() {
            n -= 1;
        }
        for off in FIRST_OFFSET_NUMBER..n {
            if !self.item_id(off).is_used() {
                has_free = true;
            }
        }
        self.set_lower((SIZE_OF_PAGE_HEADER + n as usize * SIZE_OF_ITEM_ID) as u16);
        let flags = self.flags();
        self.set_flags(if has_free { flags | PD_HAS_FREE_LINES } else { flags & !PD_HAS_FREE_LINES });
    }

    /// `PageIndexTupleDelete`: removes item `off` and its storage, moving
    /// the later line pointers down by one (index pages, where offsets are
    /// positions in key order).
    pub fn index_tuple_delete(&mut self, off: OffsetNumber) {
        let id = self.item_id(off);
        let (start, size) = (id.off(), maxalign(id.len()));
        let upper = self.upper() as usize;
        let lower = self.lower() as usize;
        // Close the line pointer gap.
        let at = Self::item_id_pos(off);
        self.0.copy_within(at + SIZE_OF_ITEM_ID..lower, at);
        self.set_lower((lower - SIZE_OF_ITEM_ID) as u16);
        if size > 0 {
            // Slide the items below the deleted one up by its size.
            self.0.copy_within(upper..start, upper + size);
            self.0[upper..upper + size].fill(0);
            self.set_upper((upper + size) as u16);
            for o in FIRST_OFFSET_NUMBER..=self.max_offset() {
                let other = self.item_id(o);
                if other.has_storage() && other.off() < start {
                    self.set_item_id(o, ItemId::new(other.off() + size, other.flags(), other.len()));
                }
            }
        }
    }

    /// The header checks of `PageIsVerifiedExtended`: flags and the bounds
    /// invariant of this module.
    pub fn header_is_sane(&self) -> bool {
        let (lower, upper, special) = (self.lower() as usize, self.upper() as usize, self.special() as usize);
        self.flags() & !PD_VALID_FLAG_BITS == 0
            && lower >= SIZE_OF_PAGE_HEADER
            && lower <= upper
            && upper <= special
            && special <= BLCKSZ
            && special == maxalign(special)
    }

    /// `PageSetChecksumInplace`: stores the checksum of block `blkno`.
    pub fn set_checksum_inplace(&mut self, blkno: u32) {
        if !self.is_new() {
            let c = pg_checksum_page(self, blkno);
            self.set_checksum(c);
        }
    }
}

/// `PageIsVerifiedExtended`: may a page just read from disk be used? A new
/// page must be all zeros; an initialised one needs a sane header and, when
/// `checksums` is on, a matching checksum.
pub fn page_verify(page: &Page, blkno: u32, checksums: bool) -> Result<(), PageVerifyFailure> {
    if page.is_new() {
        if page.0.iter().all(|&b| b == 0) {
            return Ok(());
        }
        return Err(PageVerifyFailure::NonZeroNewPage);
    }
    if checksums {
        let computed = pg_checksum_page(page, blkno);
        if computed != page.checksum() {
            return Err(PageVerifyFailure::ChecksumMismatch { stored: page.checksum(), computed });
        }
    }
    if !page.header_is_sane() {
        return Err(PageVerifyFailure::BadHeader);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn heap() -> AddItemOptions {
        AddItemOptions { is_heap: true, ..Default::default() }
    }

    #[test]
    fn header_layout_is_the_contracts() {
        let mut p = Page::new_zeroed();
        assert!(p.is_new());
        p.init(16);
        assert_eq!(p.lower() as usize, SIZE_OF_PAGE_HEADER);
        assert_eq!(p.upper() as usize, BLCKSZ - 16);
        assert_eq!(p.special() as usize, BLCKSZ - 16);
        assert_eq!(p.page_size(), BLCKSZ);
        assert_eq!(p.layout_version(), 4);
        p.set_lsn(0x0102_0304_0506_0708);
        p.set_prune_xid(0x1_0000_0005);
        assert_eq!(&p.bytes()[0..8], &[8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(&p.bytes()[24..32], &[5, 0, 0, 0, 1, 0, 0, 0]);
        assert_eq!(rd16(p.bytes(), 12), 32);
        assert_eq!(rd16(p.bytes(), 18), 0x2004);
        assert_eq!(MAX_HEAP_TUPLES_PER_PAGE, 226);
        assert_eq!(page_verify(&p, 0, false), Ok(()));
    }

    #[test]
    fn item_id_bits_are_postgresqls() {
        // lp_off=0x1ff8, LP_NORMAL, lp_len=40: C's bit-fields on a little-endian ABI.
        let id = ItemId::new(0x1ff8, LpFlags::Normal, 40);
        assert_eq!(id.raw(), 0x1ff8 | (1 << 15) | (40 << 17));
        assert_eq!((id.off(), id.flags(), id.len()), (0x1ff8, LpFlags::Normal, 40));
        let r = ItemId::new(7, LpFlags::Redirect, 0);
        assert_eq!(r.redirect_target(), 7);
        assert!(!r.has_storage() && r.is_used());
    }

    #[test]
    fn add_get_and_fill() {
        let mut p = Page::new_zeroed();
        p.init(0);
        assert_eq!(p.add_item(b"hello", heap()), Some(1));
        assert_eq!(p.add_item(b"world!!!x", heap()), Some(2));
        assert_eq!(p.get_item(1), b"hello");
        assert_eq!(p.get_item(2), b"world!!!x");
        assert_eq!(p.upper() as usize, BLCKSZ - 8 - 16);
        p.get_item_mut(1)[0] = b'j';
        assert_eq!(p.get_item(1), b"jello");
        // Fill the page with 100-byte items until it refuses.
        let mut n = 2;
        while p.add_item(&[7u8; 100], heap()).is_some() {
            n += 1;
        }
        assert!(p.free_space() < 104 && n > 70);
        assert!(p.header_is_sane());
        // The heap limit on line pointers.
        let mut q = Page::new_zeroed();
        q.init(0);
        let mut count = 0;
        while q.add_item(&[], heap()).is_some() {
            count += 1;
        }
        assert_eq!(count, MAX_HEAP_TUPLES_PER_PAGE);
        assert_eq!(q.heap_free_space(), 0);
    }

    #[test]
    fn overwrite_and_shuffle() {
        let mut p = Page::new_zeroed();
        p.init(0);
        for s in [b"a", b"b", b"c"] {
            p.add_item(s, AddItemOptions::default()).unwrap();
        }
        // Index-style insert at position 2 moves b and c up.
        let at2 = AddItemOptions { offset: Some(2), ..Default::default() };
        assert_eq!(p.add_item(b"x", at2), Some(2));
        let items: Vec<&[u8]> = (1..=4).map(|o| p.get_item(o)).collect();
        assert_eq!(items, vec![&b"a"[..], b"x", b"b", b"c"]);
        p.index_tuple_delete(2);
        let items: Vec<&[u8]> = (1..=3).map(|o| p.get_item(o)).collect();
        assert_eq!(items, vec![&b"a"[..], b"b", b"c"]);
        assert!(p.header_is_sane());
        // Overwrite refuses a used slot, accepts an unused one.
        let over = AddItemOptions { offset: Some(1), overwrite: true, is_heap: true };
        assert_eq!(p.add_item(b"z", over), None);
        p.set_item_unused(1);
        assert_eq!(p.add_item(b"z", over), Some(1));
        assert_eq!(p.get_item(1), b"z");
    }

    #[test]
    fn verify_rejects_garbage() {
        let mut p = Page::new_zeroed();
        assert_eq!(page_verify(&p, 3, true), Ok(()));
        p.bytes_mut()[100] = 1;
        assert_eq!(page_verify(&p, 3, false), Err(PageVerifyFailure::NonZeroNewPage));
        p.init(0);
        p.set_lower(9000);
        assert_eq!(page_verify(&p, 3, false), Err(PageVerifyFailure::BadHeader));
        p.init(0);
        p.add_item(b"payload", heap()).unwrap();
        p.set_checksum_inplace(3);
        assert_eq!(page_verify(&p, 3, true), Ok(()));
        assert!(matches!(page_verify(&p, 4, true), Err(PageVerifyFailure::ChecksumMismatch { .. })));
        p.get_item_mut(1)[0] ^= 1;
        assert!(matches!(page_verify(&p, 3, true), Err(PageVerifyFailure::ChecksumMismatch { .. })));
    }

    #[derive(Clone, Debug)]
    enum Op {
        Add(Vec<u8>),
        Unused(usize),
        Dead(usize),
        Redirect(usize, usize),
        Repair,
        Truncate,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => proptest::collection::vec(any::<u8>(), 1..600).prop_map(Op::Add),
            2 => any::<usize>().prop_map(Op::Unused),
            1 => any::<usize>().prop_map(Op::Dead),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Redirect(a, b)),
            1 => Just(Op::Repair),
            1 => Just(Op::Truncate),
        ]
    }

    #[derive(Clone, Debug, PartialEq)]
    enum Slot {
        Unused,
        Item(Vec<u8>),
        Dead,
        Redirect(OffsetNumber),
    }

    proptest! {
        /// The page and a model (a Vec of slots) receive the same random
        /// operations; after each one the page is sane, its line pointers
        /// say what the model says and every item's bytes are intact.
        #[test]
        fn random_operations_keep_the_page_valid(ops in proptest::collection::vec(op(), 1..120)) {
            let mut page = Page::new_zeroed();
            page.init(24);
            let mut model: Vec<Slot> = Vec::new();
            for op in ops {
                match op {
                    Op::Add(bytes) => {
                        let fits = page.free_space() >= maxalign(bytes.len())
                            || (page.exact_free_space() >= maxalign(bytes.len())
                                && model.contains(&Slot::Unused) && page.has_free_line_pointers());
                        match page.add_item(&bytes, heap()) {
                            Some(off) => {
                                let i = off as usize - 1;
                                if i == model.len() { model.push(Slot::Item(bytes)); } else {
                                    prop_assert_eq!(&model[i], &Slot::Unused);
                                    model[i] = Slot::Item(bytes);
                                }
                            }
                            None => prop_assert!(!fits || model.len() >= MAX_HEAP_TUPLES_PER_PAGE),
                        }
                    }
                    Op::Unused(i) if !model.is_empty() => {
                        let i = i % model.len();
                        page.set_item_unused(i as OffsetNumber + 1);
                        model[i] = Slot::Unused;
                        // Storage comes back only through repair_fragmentation.
                    }
                    Op::Dead(i) if !model.is_empty() => {
                        let i = i % model.len();
                        page.set_item_dead(i as OffsetNumber + 1);
                        model[i] = Slot::Dead;
                    }
                    Op::Redirect(i, t) if !model.is_empty() => {
                        let (i, t) = (i % model.len(), t % model.len());
                        page.set_item_redirect(i as OffsetNumber + 1, t as OffsetNumber + 1);
                        model[i] = Slot::Redirect(t as OffsetNumber + 1);
                    }
                    Op::Repair => {
                        let before = page.exact_free_space();
                        let unused = page.repair_fragmentation();
                        prop_assert!(page.exact_free_space() >= before);
                        prop_assert_eq!(unused, model.iter().filter(|s| **s == Slot::Unused).count());
                        let used: usize = model.iter().map(|s| match s { Slot::Item(b) => maxalign(b.len()), _ => 0 }).sum();
                        prop_assert_eq!(page.upper() as usize, page.special() as usize - used);
                    }
                    Op::Truncate => {
                        page.truncate_line_pointer_array();
                        while model.len() > 1 && model.last() == Some(&Slot::Unused) { model.pop(); }
                    }
                    _ => {}
                }
                prop_assert!(page.header_is_sane());
                prop_assert_eq!(page.max_offset() as usize, model.len());
                // Items with storage never overlap and stay inside [upper, special).
                let mut spans = Vec::new();
                for (i, slot) in model.iter().enumerate() {
                    let off = i as OffsetNumber + 1;
                    let id = page.item_id(off);
                    match slot {
                        Slot::Unused => prop_assert!(!id.is_used()),
                        Slot::Dead => prop_assert!(id.is_dead()),
                        Slot::Redirect(t) => prop_assert_eq!(id.redirect_target(), *t),
                        Slot::Item(bytes) => {
                            prop_assert!(id.is_normal());
                            prop_assert_eq!(page.get_item(off), &bytes[..]);
                            if !bytes.is_empty() {
                                prop_assert!(id.off() >= page.upper() as usize);
                                prop_assert!(id.off() + id.len() <= page.special() as usize);
                                spans.push((id.off(), id.off() + id.len()));
                            }
                        }
                    }
                }
                spans.sort();
                for w in spans.windows(2) { prop_assert!(w[0].1 <= w[1].0); }
                prop_assert_eq!(page_verify(&page, 0, false), Ok(()));
            }
        }
    }
}
