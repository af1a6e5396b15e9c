//! The memory context tree: creation, allocation, reset, delete, reparenting.
//!
//! PostgreSQL source: `src/backend/utils/mmgr/mcxt.c`, `utils/memutils.h`, `utils/palloc.h`.
//!
//! A [`MemoryContext`] is a cheap, clonable, reference-counted handle to a
//! node of the process-local tree. Parents hold their children strongly
//! (newest child first, as `firstchild`/`nextchild` do in PostgreSQL);
//! children point back weakly. Deleting a context frees its memory and
//! unlinks it; handles that still point at it see `is_deleted()` and panic
//! on any other use, with the context's name in the message.
//!
//! ## Soundness with collections
//!
//! [`MemoryContext`] implements `allocator_api2::alloc::Allocator`, so
//! `Vec::new_in(ctx.clone())` and `HashMap::new_in(ctx.clone())` work. The
//! trait requires memory to stay valid until it is deallocated, which a
//! reset of the context would break. Chunks handed out through the trait
//! are therefore counted per context, and `reset`/`delete` of a context
//! (or of an ancestor) panics while any such chunk is live: drop the
//! collection first. Raw `alloc`/`pfree` pointers are not counted; using one
//! after a reset is the caller's `unsafe` responsibility, as in PostgreSQL.

use crate::aset::{self, AllocFailure, AllocSet, AllocSetSizes, MemoryContextCounters, Resolved};
use allocator_api2::alloc::{AllocError, Allocator, Layout};
use pg_error::{PgError, PgResult, SqlState};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::ptr::{self, NonNull};
use std::rc::{Rc, Weak};

/// `MaxAllocSize`: the largest request `alloc` accepts without [`AllocFlags::HUGE`] (1 GB - 1).
pub const MAX_ALLOC_SIZE: usize = 0x3fff_ffff;
/// `MaxAllocHugeSize`: the largest request at all.
pub const MAX_ALLOC_HUGE_SIZE: usize = isize::MAX as usize / 2;

/// Flags for [`MemoryContext::try_alloc_extended`] (`MCXT_ALLOC_*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocFlags(u8);

impl AllocFlags {
    /// No flags.
    pub const NONE: AllocFlags = AllocFlags(0);
    /// Allow requests above `MAX_ALLOC_SIZE` (`MCXT_ALLOC_HUGE`).
    pub const HUGE: AllocFlags = AllocFlags(1);
    /// Zero the memory (`MCXT_ALLOC_ZERO`).
    pub const ZERO: AllocFlags = AllocFlags(2);

    /// Whether all flags in `other` are set.
    pub fn contains(self, other: AllocFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for AllocFlags {
    type Output = AllocFlags;
    fn bitor(self, rhs: AllocFlags) -> AllocFlags {
        AllocFlags(self.0 | rhs.0)
    }
}

type ResetCallback = Box<dyn FnOnce()>;

/// One context in the tree (PostgreSQL's `MemoryContextData` + `AllocSetContext`).
pub(crate) struct Node {
    name: Cow<'static, str>,
    ident: RefCell<Option<Box<str>>>,
    parent: RefCell<Weak<Node>>,
    first_child: RefCell<Option<Rc<Node>>>,
    next_sibling: RefCell<Option<Rc<Node>>>,
    prev_sibling: RefCell<Weak<Node>>,
    pub(crate) set: RefCell<AllocSet>,
    deleted: Cell<bool>,
    is_reset: Cell<bool>,
    callbacks: RefCell<Vec<ResetCallback>>,
    /// Bytes held outside the context's blocks on its behalf ([`MemoryCharge`]).
    external: Cell<usize>,
}

impl Drop for Node {
    fn drop(&mut self) {
        // Break the sibling chain iteratively so long child lists cannot
        // overflow the stack; blocks are freed by AllocSet's own Drop.
        let mut next = self.first_child.get_mut().take();
        while let Some(child) = next {
            next = child.next_sibling.borrow_mut().take();
            *child.parent.borrow_mut() = Weak::new();
            *child.prev_sibling.borrow_mut() = Weak::new();
        }
    }
}

/// A handle to a memory context. Cloning is cheap (a reference count);
/// equality is identity.
#[derive(Clone)]
pub struct MemoryContext(pub(crate) Rc<Node>);

impl PartialEq for MemoryContext {
    fn eq(&self, other: &MemoryContext) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for MemoryContext {}

impl std::hash::Hash for MemoryContext {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (Rc::as_ptr(&self.0) as usize).hash(state)
    }
}

impl fmt::Debug for MemoryContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("MemoryContext");
        d.field("name", &self.name());
        if let Some(ident) = self.ident() {
            d.field("ident", &ident);
        }
        if self.is_deleted() {
            d.field("deleted", &true);
        }
        d.finish()
    }
}

fn children_of(node: &Rc<Node>) -> Vec<Rc<Node>> {
    let mut out = Vec::new();
    let mut next = node.first_child.borrow().clone();
    while let Some(c) = next {
        next = c.next_sibling.borrow().clone();
        out.push(c);
    }
    out
}

/// Removes `node` from its parent's child list.
fn unlink(node: &Rc<Node>) {
    let parent = std::mem::take(&mut *node.parent.borrow_mut()).upgrade();
    let prev = std::mem::take(&mut *node.prev_sibling.borrow_mut()).upgrade();
    let next = node.next_sibling.borrow_mut().take();
    if let Some(n) = &next {
        *n.prev_sibling.borrow_mut() = prev.as_ref().map(Rc::downgrade).unwrap_or_default();
    }
    match prev {
        Some(p) => *p.next_sibling.borrow_mut() = next,
        None => {
            if let Some(par) = parent {
                *par.first_child.borrow_mut() = next;
            }
        }
    }
}

/// Makes `node` the first child of `parent`.
fn link(node: &Rc<Node>, parent: &Rc<Node>) {
    let old_first = parent.first_child.borrow_mut().take();
    if let Some(f) = &old_first {
        *f.prev_sibling.borrow_mut() = Rc::downgrade(node);
    }
    *node.next_sibling.borrow_mut() = old_first;
    *node.parent.borrow_mut() = Rc::downgrade(parent);
    *parent.first_child.borrow_mut() = Some(node.clone());
}

/// First context in the subtree (optionally excluding the root) that still has
/// chunks allocated through the `Allocator` trait.
fn live_collections(root: &Rc<Node>, include_root: bool) -> Option<(String, usize)> {
    let mut stack = if include_root { vec![root.clone()] } else { children_of(root) };
    while let Some(n) = stack.pop() {
        let live = n.set.borrow().api_live;
        if live > 0 {
            return Some((n.name.to_string(), live));
        }
        stack.extend(children_of(&n));
    }
    None
}

fn run_callbacks(node: &Node) {
    // Callbacks run in reverse registration order and may register more.
    loop {
        let cb = node.callbacks.borrow_mut().pop();
        match cb {
            Some(cb) => cb(),
            None => break,
        }
    }
}

/// Deletes `node` and its subtree, children first.
fn delete_node(node: &Rc<Node>) {
    loop {
        loop {
            let child = node.first_child.borrow().clone();
            match child {
                Some(c) => delete_node(&c),
                None => break,
            }
        }
        if node.callbacks.borrow().is_empty() {
            break;
        }
        run_callbacks(node);
    }
    unlink(node);
    *node.ident.borrow_mut() = None;
    let mut set = node.set.borrow_mut();
    if set.api_live > 0 {
        panic!(
            "memory context \"{}\" cannot be deleted: {} chunk(s) allocated through the Allocator interface are still live",
            node.name, set.api_live
        );
    }
    set.release_all();
    node.deleted.set(true);
}

/// `MemoryContextResetOnly`: callbacks, then free this context's chunks.
fn reset_only(node: &Node) {
    if node.is_reset.get() {
        return;
    }
    run_callbacks(node);
    let mut set = node.set.borrow_mut();
    if set.api_live > 0 {
        panic!(
            "memory context \"{}\" cannot be reset: {} chunk(s) allocated through the Allocator interface are still live",
            node.name, set.api_live
        );
    }
    set.reset();
    node.is_reset.set(true);
}

fn reset_children_of(node: &Rc<Node>) {
    for c in children_of(node) {
        reset_children_of(&c);
        reset_only(&c);
    }
}

fn failure_to_error(f: AllocFailure, size: usize, ctx: &Node) -> PgError {
    match f {
        AllocFailure::InvalidRequest => PgError::internal(format!("invalid memory alloc request size {size}")),
        AllocFailure::OutOfMemory => PgError::new(SqlState::OUT_OF_MEMORY, "out of memory")
            .with_detail(format!("Failed on request of size {size} in memory context \"{}\".", ctx.name)),
    }
}

/// Clips an identifier to `MEMORY_CONTEXT_IDENT_DISPLAY_SIZE` bytes at a char boundary.
pub(crate) fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl MemoryContext {
    /// Creates a context with no parent (`AllocSetContextCreate(NULL, ...)`).
    /// Such a context lives as long as a handle to it does; `TopMemoryContext`
    /// is one (see [`crate::top_memory_context`]).
    ///
    /// Panics if `sizes` are invalid (see [`AllocSetSizes::validate`]).
    pub fn new_root(name: impl Into<Cow<'static, str>>, sizes: AllocSetSizes) -> MemoryContext {
        let name = name.into();
        if let Err(e) = sizes.validate() {
            panic!("invalid sizes for memory context \"{name}\": {e}");
        }
        let node = Rc::new(Node {
            name,
            ident: RefCell::new(None),
            parent: RefCell::new(Weak::new()),
            first_child: RefCell::new(None),
            next_sibling: RefCell::new(None),
            prev_sibling: RefCell::new(Weak::new()),
            set: RefCell::new(AllocSet::new(&sizes)),
            deleted: Cell::new(false),
            is_reset: Cell::new(true),
            callbacks: RefCell::new(Vec::new()),
            external: Cell::new(0),
        });
        node.set.borrow_mut().init(Rc::as_ptr(&node) as *const ());
        MemoryContext(node)
    }

    /// Creates a child with `ALLOCSET_DEFAULT_SIZES`.
    pub fn create_child(&self, name: impl Into<Cow<'static, str>>) -> MemoryContext {
        self.create_child_with(name, AllocSetSizes::DEFAULT)
    }

    /// Creates a child with the given sizes (`AllocSetContextCreate(parent, name, sizes)`).
    pub fn create_child_with(&self, name: impl Into<Cow<'static, str>>, sizes: AllocSetSizes) -> MemoryContext {
        self.assert_live("create a child of");
        let child = MemoryContext::new_root(name, sizes);
        link(&child.0, &self.0);
        child
    }

    #[inline]
    fn assert_live(&self, what: &str) {
        if self.0.deleted.get() {
            panic!("attempt to {what} memory context \"{}\", which has been deleted", self.0.name);
        }
    }

    /// The context's name (a constant such as `"MessageContext"`).
    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// The optional identifier (e.g. the portal or relation it belongs to).
    pub fn ident(&self) -> Option<String> {
        self.0.ident.borrow().as_deref().map(str::to_string)
    }

    /// Sets the identifier (`MemoryContextSetIdentifier`); the string is copied.
    pub fn set_ident(&self, ident: Option<&str>) {
        *self.0.ident.borrow_mut() = ident.map(Into::into);
    }

    /// Whether the context has been deleted.
    pub fn is_deleted(&self) -> bool {
        self.0.deleted.get()
    }

    /// The parent, if any.
    pub fn parent(&self) -> Option<MemoryContext> {
        self.0.parent.borrow().upgrade().map(MemoryContext)
    }

    /// The children, newest first (PostgreSQL's `firstchild`/`nextchild` order).
    pub fn children(&self) -> Vec<MemoryContext> {
        children_of(&self.0).into_iter().map(MemoryContext).collect()
    }

    /// Whether `self` is `other` or one of its descendants.
    pub fn is_descendant_of(&self, other: &MemoryContext) -> bool {
        let mut cur = Some(self.0.clone());
        while let Some(n) = cur {
            if Rc::ptr_eq(&n, &other.0) {
                return true;
            }
            cur = n.parent.borrow().upgrade();
        }
        false
    }

    /// `MemoryContextIsEmpty`: no children and nothing allocated since the last reset.
    pub fn is_empty(&self) -> bool {
        self.0.first_child.borrow().is_none() && self.0.is_reset.get()
    }

    // ----- allocation -----

    #[inline]
    fn alloc_inner(&self, size: usize, align: usize, api: bool) -> Result<*mut u8, AllocFailure> {
        self.assert_live("allocate in");
        let r = self.0.set.borrow_mut().alloc(size, align, api);
        self.0.is_reset.set(false);
        r
    }

    /// `palloc`: `size` bytes, MAXALIGNed (8). Panics with PostgreSQL's
    /// message if `size` exceeds [`MAX_ALLOC_SIZE`] or memory is exhausted
    /// (use [`MemoryContext::try_alloc`] to get the error as a value).
    #[inline]
    pub fn alloc(&self, size: usize) -> NonNull<u8> {
        if size > MAX_ALLOC_SIZE {
            self.alloc_failed(AllocFailure::InvalidRequest, size);
        }
        match self.alloc_inner(size, aset::MAXIMUM_ALIGNOF, false) {
            // SAFETY: the allocator never returns null on success.
            Ok(p) => unsafe { NonNull::new_unchecked(p) },
            Err(f) => self.alloc_failed(f, size),
        }
    }

    #[cold]
    #[inline(never)]
    fn alloc_failed(&self, f: AllocFailure, size: usize) -> ! {
        panic_alloc(failure_to_error(f, size, &self.0))
    }

    /// `palloc0`: zeroed memory.
    pub fn alloc_zeroed(&self, size: usize) -> NonNull<u8> {
        self.try_alloc_extended(size, aset::MAXIMUM_ALIGNOF, AllocFlags::ZERO).unwrap_or_else(|e| panic_alloc(e))
    }

    /// `palloc_aligned`: `size` bytes aligned to `align` (a power of two).
    pub fn alloc_aligned(&self, size: usize, align: usize) -> NonNull<u8> {
        self.try_alloc_extended(size, align, AllocFlags::NONE).unwrap_or_else(|e| panic_alloc(e))
    }

    /// `palloc` returning the ERROR as a value.
    pub fn try_alloc(&self, size: usize) -> PgResult<NonNull<u8>> {
        self.try_alloc_extended(size, aset::MAXIMUM_ALIGNOF, AllocFlags::NONE)
    }

    /// `MemoryContextAllocExtended` / `palloc_aligned` with flags; errors are
    /// `invalid memory alloc request size N` (XX000) and `out of memory` (53200).
    pub fn try_alloc_extended(&self, size: usize, align: usize, flags: AllocFlags) -> PgResult<NonNull<u8>> {
        let max = if flags.contains(AllocFlags::HUGE) { MAX_ALLOC_HUGE_SIZE } else { MAX_ALLOC_SIZE };
        if size > max || !align.is_power_of_two() || align > aset::MAX_ALIGNMENT {
            return Err(PgError::internal(format!("invalid memory alloc request size {size}")));
        }
        let p = self.alloc_inner(size, align, false).map_err(|f| failure_to_error(f, size, &self.0))?;
        if flags.contains(AllocFlags::ZERO) {
            // SAFETY: `p` has `size` writable bytes.
            unsafe { ptr::write_bytes(p, 0, size) };
        }
        // SAFETY: the allocator never returns null on success.
        Ok(unsafe { NonNull::new_unchecked(p) })
    }

    // ----- reset / delete -----

    /// `MemoryContextReset`: deletes all children, runs reset callbacks and
    /// frees every chunk; the context and its keeper block remain.
    ///
    /// Panics if the context is deleted, or if it or a descendant still has
    /// chunks allocated through the `Allocator` trait (a live collection).
    pub fn reset(&self) {
        self.assert_live("reset");
        if let Some((name, n)) = live_collections(&self.0, true) {
            panic!(
                "cannot reset memory context \"{}\": {n} chunk(s) allocated through the Allocator interface are still live in \"{name}\"",
                self.0.name
            );
        }
        if self.0.first_child.borrow().is_some() {
            self.delete_children_unchecked();
        }
        reset_only(&self.0);
    }

    /// `MemoryContextResetOnly`: frees this context's chunks, leaves children alone.
    pub fn reset_only(&self) {
        self.assert_live("reset");
        let live = self.0.set.borrow().api_live;
        if live > 0 {
            panic!(
                "cannot reset memory context \"{}\": {live} chunk(s) allocated through the Allocator interface are still live",
                self.0.name
            );
        }
        reset_only(&self.0);
    }

    /// `MemoryContextResetChildren`: resets (not deletes) every descendant.
    pub fn reset_children(&self) {
        self.assert_live("reset children of");
        if let Some((name, n)) = live_collections(&self.0, false) {
            panic!("cannot reset children of memory context \"{}\": {n} chunk(s) allocated through the Allocator interface are still live in \"{name}\"", self.0.name);
        }
        reset_children_of(&self.0);
    }

    /// `MemoryContextDeleteChildren`: deletes every descendant.
    pub fn delete_children(&self) {
        self.assert_live("delete children of");
        if let Some((name, n)) = live_collections(&self.0, false) {
            panic!("cannot delete children of memory context \"{}\": {n} chunk(s) allocated through the Allocator interface are still live in \"{name}\"", self.0.name);
        }
        self.delete_children_unchecked();
    }

    fn delete_children_unchecked(&self) {
        loop {
            let child = self.0.first_child.borrow().clone();
            match child {
                Some(c) => delete_node(&c),
                None => break,
            }
        }
    }

    /// `MemoryContextDelete`: deletes this context and its subtree, running
    /// reset callbacks (children first) and returning all blocks.
    ///
    /// Panics if already deleted, if it is the current context or
    /// `TopMemoryContext`, or if the subtree holds live collections.
    pub fn delete(&self) {
        self.assert_live("delete");
        if crate::globals::is_top(self) {
            panic!("cannot delete TopMemoryContext");
        }
        if crate::globals::is_current(self) {
            panic!("cannot delete memory context \"{}\" while it is CurrentMemoryContext", self.0.name);
        }
        if let Some((name, n)) = live_collections(&self.0, true) {
            panic!(
                "cannot delete memory context \"{}\": {n} chunk(s) allocated through the Allocator interface are still live in \"{name}\"",
                self.0.name
            );
        }
        delete_node(&self.0);
    }

    /// `MemoryContextSetParent`: moves the context (with its subtree) under
    /// `new_parent`, or detaches it when `None`. Panics on a cycle.
    pub fn set_parent(&self, new_parent: Option<&MemoryContext>) {
        self.assert_live("reparent");
        if let Some(p) = new_parent {
            p.assert_live("reparent a context under");
            if p.is_descendant_of(self) {
                panic!("cannot make memory context \"{}\" a child of its own descendant \"{}\"", self.0.name, p.0.name);
            }
            if self.parent().as_ref() == Some(p) {
                return;
            }
        }
        let keep = self.0.clone();
        unlink(&keep);
        if let Some(p) = new_parent {
            link(&keep, &p.0);
        }
    }

    /// `MemoryContextRegisterResetCallback`: `f` runs once, just before the
    /// context's memory is next reset or deleted (most recent first).
    pub fn register_reset_callback(&self, f: impl FnOnce() + 'static) {
        self.assert_live("register a callback on");
        self.0.callbacks.borrow_mut().push(Box::new(f));
        self.0.is_reset.set(false);
    }

    // ----- accounting -----

    /// This context's counters (`AllocSetStats`).
    pub fn stats(&self) -> MemoryContextCounters {
        self.0.set.borrow().stats()
    }

    /// Counters summed over the context and all its descendants.
    pub fn stats_recursive(&self) -> MemoryContextCounters {
        let mut total = MemoryContextCounters::default();
        let mut stack = vec![self.0.clone()];
        while let Some(n) = stack.pop() {
            total.add(&n.set.borrow().stats());
            stack.extend(children_of(&n));
        }
        total
    }

    /// `MemoryContextMemAllocated`: bytes held from the system, optionally
    /// including descendants. O(1) per context.
    pub fn mem_allocated(&self, recurse: bool) -> usize {
        let mut total = self.0.set.borrow().mem_allocated();
        if recurse {
            let mut stack = children_of(&self.0);
            while let Some(n) = stack.pop() {
                total += n.set.borrow().mem_allocated();
                stack.extend(children_of(&n));
            }
        }
        total
    }

    /// The chunk limit: larger requests get a dedicated block.
    pub fn chunk_limit(&self) -> usize {
        self.0.set.borrow().chunk_limit()
    }

    /// Chunks currently allocated through the `Allocator` trait in this context.
    pub fn live_collection_chunks(&self) -> usize {
        self.0.set.borrow().api_live
    }

    /// `MemoryContextCheck`: verifies every block and chunk header of the
    /// subtree; panics describing the first inconsistency.
    pub fn check(&self) {
        let mut stack = vec![self.0.clone()];
        while let Some(n) = stack.pop() {
            if !n.deleted.get() {
                if let Err(e) = n.set.borrow().check() {
                    panic!("memory context \"{}\" is corrupt: {e}", n.name);
                }
            }
            stack.extend(children_of(&n));
        }
    }

    pub(crate) fn node(&self) -> &Rc<Node> {
        &self.0
    }
}

impl Node {
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
    /// Bytes charged to the context from outside its blocks.
    pub(crate) fn external_bytes(&self) -> usize {
        self.external.get()
    }
    pub(crate) fn ident_clipped(&self, max: usize) -> Option<String> {
        self.ident.borrow().as_deref().map(|s| clip(s, max).to_string())
    }
    pub(crate) fn children(self: &Rc<Self>) -> Vec<Rc<Node>> {
        children_of(self)
    }
}

/// `palloc`'s elog(ERROR): the report unwinds to the backend's statement
/// loop, which ends the statement with it (see `pg_error::throw`).
#[cold]
fn panic_alloc(e: PgError) -> ! {
    pg_error::throw(e)
}

// ---------------------------------------------------------------------------
// Operations by chunk pointer (pfree, repalloc, GetMemoryChunkContext)
// ---------------------------------------------------------------------------

/// The node owning a resolved chunk.
///
/// # Safety
/// `r` must describe a live chunk; its context is then alive too, because a
/// context's blocks are freed only when it is deleted or dropped.
unsafe fn owner_node<'a>(r: &Resolved) -> &'a Node {
    // SAFETY: blocks are stamped with `Rc::as_ptr` of their node, which outlives them.
    unsafe { &*(aset::owner_of(r) as *const Node) }
}

/// `pfree`: frees a chunk from whichever context it belongs to.
///
/// # Safety
/// `ptr` must come from `alloc*`/`realloc` of a context that has not been
/// reset or deleted since, and must not have been freed already.
#[inline]
pub unsafe fn pfree(ptr: NonNull<u8>) {
    // SAFETY: per the contract, `ptr` is a live chunk.
    unsafe {
        let r = aset::resolve(ptr.as_ptr());
        let node = owner_node(&r);
        node.set.borrow_mut().free(&r);
    }
}

/// `repalloc`: resizes a chunk within its context. The contents up to the
/// smaller of the old and new sizes are kept. Panics like `alloc` on
/// invalid size or out-of-memory.
///
/// # Safety
/// As for [`pfree`]; on return the old pointer must no longer be used.
pub unsafe fn repalloc(ptr: NonNull<u8>, size: usize) -> NonNull<u8> {
    // SAFETY: forwarded contract.
    unsafe { try_repalloc(ptr, size, AllocFlags::NONE) }.unwrap_or_else(|e| panic_alloc(e))
}

/// `repalloc_extended`: like [`repalloc`], returning the ERROR as a value
/// (the old chunk is then untouched). `AllocFlags::HUGE` lifts the size cap.
///
/// # Safety
/// As for [`repalloc`].
pub unsafe fn try_repalloc(ptr: NonNull<u8>, size: usize, flags: AllocFlags) -> PgResult<NonNull<u8>> {
    // SAFETY: per the contract, `ptr` is a live chunk.
    unsafe {
        let r = aset::resolve(ptr.as_ptr());
        let node = owner_node(&r);
        let max = if flags.contains(AllocFlags::HUGE) { MAX_ALLOC_HUGE_SIZE } else { MAX_ALLOC_SIZE };
        if size > max {
            return Err(PgError::internal(format!("invalid memory alloc request size {size}")));
        }
        let old_usable = aset::usable_size(&r);
        let p = node.set.borrow_mut().realloc(ptr.as_ptr(), &r, size).map_err(|f| failure_to_error(f, size, node))?;
        node.is_reset.set(false);
        if flags.contains(AllocFlags::ZERO) && size > old_usable {
            ptr::write_bytes(p.add(old_usable), 0, size - old_usable);
        }
        Ok(NonNull::new_unchecked(p))
    }
}

/// `GetMemoryChunkContext`: the context a chunk belongs to.
///
/// # Safety
/// `ptr` must be a live chunk (see [`pfree`]).
pub unsafe fn get_memory_chunk_context(ptr: NonNull<u8>) -> MemoryContext {
    // SAFETY: the owner node is alive while its chunk is; we add a strong count for the new handle.
    unsafe {
        let r = aset::resolve(ptr.as_ptr());
        let owner = aset::owner_of(&r) as *const Node;
        Rc::increment_strong_count(owner);
        MemoryContext(Rc::from_raw(owner))
    }
}

/// `GetMemoryChunkSpace`: bytes the chunk occupies, header included
/// (for aligned chunks, the whole underlying chunk).
///
/// # Safety
/// `ptr` must be a live chunk (see [`pfree`]).
pub unsafe fn get_memory_chunk_space(ptr: NonNull<u8>) -> usize {
    // SAFETY: per the contract.
    unsafe { aset::chunk_space(&aset::resolve(ptr.as_ptr())) }
}

/// Usable bytes at `ptr` (at least what was requested).
///
/// # Safety
/// `ptr` must be a live chunk (see [`pfree`]).
pub unsafe fn get_memory_chunk_usable(ptr: NonNull<u8>) -> usize {
    // SAFETY: per the contract.
    unsafe { aset::usable_size(&aset::resolve(ptr.as_ptr())) }
}

// ---------------------------------------------------------------------------
// allocator_api2::Allocator
// ---------------------------------------------------------------------------

fn dangling(align: usize) -> NonNull<[u8]> {
    // A well-aligned, non-null address without provenance, for zero-sized blocks.
    let p = ptr::without_provenance_mut::<u8>(align);
    NonNull::slice_from_raw_parts(NonNull::new(p).expect("alignment is non-zero"), 0)
}

// SAFETY: blocks stay valid until deallocated: chunks allocated here carry the
// API flag and are counted, and reset/delete of the context or an ancestor
// panics while the count is non-zero; a context's memory is otherwise released
// only when its last handle (which every collection holds) is dropped. Clones
// share the same node, so they behave as the same allocator.
unsafe impl Allocator for MemoryContext {
    #[inline]
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        if layout.size() == 0 {
            return Ok(dangling(layout.align()));
        }
        // A refused request raises "out of memory" as palloc does, instead
        // of returning AllocError: the collections call handle_alloc_error
        // on AllocError, which aborts the process.
        let p = match self.alloc_inner(layout.size(), layout.align(), true) {
            Ok(p) => p,
            Err(f) => panic_alloc(failure_to_error(f, layout.size(), &self.0)),
        };
        // SAFETY: non-null on success.
        Ok(NonNull::slice_from_raw_parts(unsafe { NonNull::new_unchecked(p) }, layout.size()))
    }

    #[inline]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        if layout.size() == 0 {
            return;
        }
        // SAFETY: the trait contract makes `ptr` a live chunk of this allocator.
        unsafe { pfree(ptr) }
    }

    unsafe fn grow(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Result<NonNull<[u8]>, AllocError> {
        if old.size() == 0 || new.align() != old.align() {
            let p = self.allocate(new)?;
            // SAFETY: both live; old.size() <= new.size(); distinct blocks.
            unsafe {
                ptr::copy_nonoverlapping(ptr.as_ptr(), p.as_ptr() as *mut u8, old.size());
                self.deallocate(ptr, old);
            }
            return Ok(p);
        }
        self.assert_live("allocate in");
        // SAFETY: `ptr` is a live chunk of this allocator (trait contract).
        let p = unsafe {
            let r = aset::resolve(ptr.as_ptr());
            let node = owner_node(&r);
            let result = node.set.borrow_mut().realloc(ptr.as_ptr(), &r, new.size());
            result.unwrap_or_else(|f| panic_alloc(failure_to_error(f, new.size(), node)))
        };
        self.0.is_reset.set(false);
        // SAFETY: non-null on success.
        Ok(NonNull::slice_from_raw_parts(unsafe { NonNull::new_unchecked(p) }, new.size()))
    }

    unsafe fn grow_zeroed(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Result<NonNull<[u8]>, AllocError> {
        // SAFETY: forwarded contract.
        let p = unsafe { self.grow(ptr, old, new)? };
        // SAFETY: the block has new.size() bytes; zero the tail.
        unsafe { ptr::write_bytes((p.as_ptr() as *mut u8).add(old.size()), 0, new.size() - old.size()) };
        Ok(p)
    }

    unsafe fn shrink(&self, ptr: NonNull<u8>, old: Layout, new: Layout) -> Result<NonNull<[u8]>, AllocError> {
        if new.size() == 0 {
            // SAFETY: forwarded contract.
            unsafe { self.deallocate(ptr, old) };
            return Ok(dangling(new.align()));
        }
        if new.align() != old.align() {
            let p = self.allocate(new)?;
            // SAFETY: both live; new.size() <= old.size(); distinct blocks.
            unsafe {
                ptr::copy_nonoverlapping(ptr.as_ptr(), p.as_ptr() as *mut u8, new.size());
                self.deallocate(ptr, old);
            }
            return Ok(p);
        }
        // SAFETY: `ptr` is a live chunk of this allocator (trait contract).
        let p = unsafe {
            let r = aset::resolve(ptr.as_ptr());
            let node = owner_node(&r);
            let result = node.set.borrow_mut().realloc(ptr.as_ptr(), &r, new.size());
            result.unwrap_or_else(|f| panic_alloc(failure_to_error(f, new.size(), node)))
        };
        // SAFETY: non-null on success.
        Ok(NonNull::slice_from_raw_parts(unsafe { NonNull::new_unchecked(p) }, new.size()))
    }
}

/// Memory that lives outside a context's blocks (in the global allocator)
/// but belongs to it: a portal's bound parameter values, for instance.
/// While the charge lives, its bytes count in the context's `total_bytes`
/// and `used_bytes` in `pg_backend_memory_contexts` and the memory-context
/// log, and in the peak that decides whether memory is given back to the
/// system (`release_freed_memory`). Dropping the charge removes them.
/// Block accounting ([`MemoryContext::stats`]) is not affected.
pub struct MemoryCharge {
    node: Rc<Node>,
    bytes: usize,
}

impl MemoryContext {
    /// Charges `bytes` held elsewhere to this context until the returned
    /// guard is dropped.
    pub fn charge(&self, bytes: usize) -> MemoryCharge {
        self.0.external.set(self.0.external.get() + bytes);
        crate::release::note_block_alloc(bytes);
        MemoryCharge { node: self.0.clone(), bytes }
    }
}

impl MemoryCharge {
    /// The bytes charged.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

impl Drop for MemoryCharge {
    fn drop(&mut self) {
        self.node.external.set(self.node.external.get().saturating_sub(self.bytes));
        crate::release::note_block_free(self.bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aset::{ALLOC_BLOCKHDRSZ, ALLOC_CHUNKHDRSZ};
    use std::rc::Rc;

    fn root() -> MemoryContext {
        MemoryContext::new_root("TestRoot", AllocSetSizes::DEFAULT)
    }

    #[test]
    fn tree_shape_and_order() {
        let top = root();
        let a = top.create_child("A");
        let b = top.create_child("B");
        let c = top.create_child_with("C", AllocSetSizes::SMALL);
        let names: Vec<_> = top.children().iter().map(|c| c.name().to_string()).collect();
        assert_eq!(names, ["C", "B", "A"]);
        assert_eq!(b.parent(), Some(top.clone()));
        b.delete();
        assert!(b.is_deleted());
        let names: Vec<_> = top.children().iter().map(|c| c.name().to_string()).collect();
        assert_eq!(names, ["C", "A"]);
        c.set_parent(Some(&a));
        assert_eq!(c.parent(), Some(a.clone()));
        assert_eq!(top.children(), vec![a.clone()]);
        assert!(c.is_descendant_of(&top));
        c.set_parent(None);
        assert_eq!(c.parent(), None);
        assert!(a.children().is_empty());
    }

    #[test]
    #[should_panic(expected = "own descendant")]
    fn set_parent_rejects_cycles() {
        let top = root();
        let a = top.create_child("A");
        let b = a.create_child("B");
        a.set_parent(Some(&b));
    }

    #[test]
    #[should_panic(expected = "\"Gone\", which has been deleted")]
    fn deleted_handle_panics_clearly() {
        let top = root();
        let gone = top.create_child("Gone");
        let again = gone.clone();
        gone.delete();
        again.alloc(10);
    }

    #[test]
    fn alloc_free_realloc_roundtrip() {
        let top = root();
        let p = top.alloc(10);
        // SAFETY: 10 bytes are writable.
        unsafe { ptr::copy_nonoverlapping(b"0123456789".as_ptr(), p.as_ptr(), 10) };
        // SAFETY: live chunk.
        let q = unsafe { repalloc(p, 16) };
        assert_eq!(p, q, "a 16-byte chunk already has room");
        // SAFETY: live chunk.
        let r = unsafe { repalloc(q, 5000) };
        // SAFETY: r has 5000 bytes, the first 10 copied.
        assert_eq!(unsafe { std::slice::from_raw_parts(r.as_ptr(), 10) }, b"0123456789");
        // SAFETY: live chunk.
        let big = unsafe { repalloc(r, 100_000) };
        // SAFETY: as above.
        assert_eq!(unsafe { std::slice::from_raw_parts(big.as_ptr(), 10) }, b"0123456789");
        // SAFETY: live chunk.
        assert_eq!(unsafe { get_memory_chunk_context(big) }, top);
        // SAFETY: live chunk.
        assert_eq!(unsafe { get_memory_chunk_space(big) }, 100_000 + ALLOC_CHUNKHDRSZ);
        // SAFETY: live chunk, freed once.
        unsafe { pfree(big) };
        top.check();
        // The keeper, plus the 16 KB block the 8 KB chunk needed; the dedicated block is gone.
        assert_eq!(top.stats().total_nblocks, 2);
        assert_eq!(top.stats().total_bytes, 8192 + 16384);
    }

    #[test]
    fn zeroed_and_aligned() {
        let top = root();
        let p = top.alloc_zeroed(300);
        // SAFETY: 300 initialised bytes.
        assert!(unsafe { std::slice::from_raw_parts(p.as_ptr(), 300) }.iter().all(|&b| b == 0));
        let a = top.alloc_aligned(40, 64);
        assert_eq!(a.as_ptr() as usize % 64, 0);
        // SAFETY: live aligned chunk; realloc keeps alignment.
        let a2 = unsafe { repalloc(a, 20_000) };
        assert_eq!(a2.as_ptr() as usize % 64, 0);
        // SAFETY: live.
        unsafe { pfree(a2) };
        top.check();
    }

    #[test]
    fn errors_are_values() {
        let top = root();
        let e = top.try_alloc(MAX_ALLOC_SIZE + 1).unwrap_err();
        assert_eq!(e.code, SqlState::INTERNAL_ERROR);
        assert_eq!(e.message, format!("invalid memory alloc request size {}", MAX_ALLOC_SIZE + 1));
        let e = top.try_alloc_extended(MAX_ALLOC_HUGE_SIZE, 8, AllocFlags::HUGE).unwrap_err();
        assert_eq!(e.code, SqlState::OUT_OF_MEMORY);
        assert_eq!(e.message, "out of memory");
        assert_eq!(
            e.detail.as_deref(),
            Some(format!("Failed on request of size {MAX_ALLOC_HUGE_SIZE} in memory context \"TestRoot\".").as_str())
        );
        top.check();
    }

    #[test]
    fn reset_deletes_children_keeps_keeper_and_runs_callbacks() {
        let top = root();
        let child = top.create_child("Child");
        let grandchild = child.create_child("Grandchild");
        for _ in 0..1000 {
            top.alloc(500);
        }
        top.alloc(50_000);
        let fired = Rc::new(Cell::new(Vec::<&'static str>::new()));
        let f1 = fired.clone();
        grandchild.register_reset_callback(move || {
            let mut v = f1.take();
            v.push("grandchild");
            f1.set(v);
        });
        let f2 = fired.clone();
        top.register_reset_callback(move || {
            let mut v = f2.take();
            v.push("top");
            f2.set(v);
        });
        top.reset();
        assert_eq!(fired.take(), ["grandchild", "top"]);
        assert!(child.is_deleted() && grandchild.is_deleted());
        assert!(top.children().is_empty());
        let st = top.stats();
        assert_eq!((st.total_nblocks, st.total_bytes, st.used_bytes()), (1, 8192, ALLOC_BLOCKHDRSZ));
        assert!(top.is_empty());
        // A second reset is a no-op.
        top.reset();
        assert_eq!(top.stats(), st);
    }

    #[test]
    fn reset_children_keeps_them() {
        let top = root();
        let c = top.create_child("C");
        c.alloc(100);
        top.reset_children();
        assert!(!c.is_deleted());
        assert_eq!(c.stats().used_bytes(), ALLOC_BLOCKHDRSZ);
        top.delete_children();
        assert!(c.is_deleted());
    }

    #[test]
    fn recursive_accounting() {
        let top = root();
        let c = top.create_child("C");
        let d = c.create_child_with("D", AllocSetSizes::SMALL);
        c.alloc(20_000);
        d.alloc(100);
        let total = top.stats_recursive();
        let mut sum = top.stats();
        sum.add(&c.stats());
        sum.add(&d.stats());
        assert_eq!(total, sum);
        assert_eq!(top.mem_allocated(true), total.total_bytes);
        assert_eq!(top.mem_allocated(false), 8192);
        assert_eq!(d.stats().total_bytes, 1024);
    }

    #[test]
    fn handles_outlive_tree_safely() {
        let child;
        {
            let top = root();
            child = top.create_child("Orphan");
            child.alloc(100);
        }
        // The root's last handle is gone; the child survives as a detached context.
        assert_eq!(child.parent(), None);
        child.alloc(100);
        child.check();
    }

    #[test]
    fn long_sibling_lists_drop_without_recursion() {
        let top = root();
        for _ in 0..20_000 {
            top.create_child_with("Many", AllocSetSizes { min_context_size: 1024, ..AllocSetSizes::SMALL });
        }
        assert_eq!(top.children().len(), 20_000);
        drop(top);
    }

    #[test]
    fn deep_chain_delete() {
        let top = root();
        let mut cur = top.clone();
        for _ in 0..2000 {
            cur = cur.create_child_with("Deep", AllocSetSizes { min_context_size: 1024, ..AllocSetSizes::SMALL });
        }
        top.delete_children();
        assert!(cur.is_deleted());
    }
}
