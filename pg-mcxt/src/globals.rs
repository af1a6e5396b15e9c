//! Process-global contexts: `TopMemoryContext`, `CurrentMemoryContext` and the
//! standard children a backend creates (`ErrorContext`, `CacheMemoryContext`,
//! `MessageContext`, `TopTransactionContext`, portal contexts, ...).
//!
//! PostgreSQL source: `mcxt.c` (`MemoryContextInit`, the globals),
//! `utils/cache/catcache.c` (`CreateCacheMemoryContext`), `tcop/postgres.c`
//! (`MessageContext`), `access/transam/xact.c`, `utils/mmgr/portalmem.c`.
//!
//! A server process is single-threaded, so these live in thread-local
//! storage: each thread (e.g. each test) sees its own tree. After `fork()`
//! the child inherits the parent's tree, exactly like PostgreSQL's globals.

use crate::aset::AllocSetSizes;
use crate::mcxt::MemoryContext;
use std::cell::{OnceCell, RefCell};
use std::ptr::NonNull;

/// The well-known context slots (PostgreSQL's global `MemoryContext` variables
/// other than Top and Current).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StandardContext {
    /// `ErrorContext`: reserved for error recovery; created with Top.
    Error,
    /// `PostmasterContext`: the postmaster's working memory; backends delete it after fork.
    Postmaster,
    /// `CacheMemoryContext`: catalog/relation caches; lives for the backend's life.
    Cache,
    /// `MessageContext`: the current client message; reset each main-loop iteration.
    Message,
    /// `TopTransactionContext`: lives until the end of the top-level transaction.
    TopTransaction,
    /// `CurTransactionContext`: the current (sub)transaction's context.
    CurTransaction,
    /// `TopPortalContext`: parent of every portal's context.
    TopPortal,
    /// `PortalContext`: the context of the portal currently running.
    Portal,
}

const NSTANDARD: usize = 8;

impl StandardContext {
    fn slot(self) -> usize {
        self as usize
    }
}

thread_local! {
    static TOP: OnceCell<MemoryContext> = const { OnceCell::new() };
    static CURRENT: RefCell<Option<MemoryContext>> = const { RefCell::new(None) };
    static STANDARD: RefCell<[Option<MemoryContext>; NSTANDARD]> = const { RefCell::new([const { None }; NSTANDARD]) };
}

/// `TopMemoryContext`, created (with `ErrorContext` under it, as
/// `MemoryContextInit` does) on first use in this process.
pub fn top_memory_context() -> MemoryContext {
    TOP.with(|t| {
        let mut created = false;
        let top = t
            .get_or_init(|| {
                created = true;
                MemoryContext::new_root("TopMemoryContext", AllocSetSizes::DEFAULT)
            })
            .clone();
        if created {
            // ErrorContext: 8 KB keeper, never grows geometrically; allocating in it
            // during error recovery must not fail.
            let sizes = AllocSetSizes { min_context_size: 8192, init_block_size: 8192, max_block_size: 8192 };
            let err = top.create_child_with("ErrorContext", sizes);
            STANDARD.with(|s| s.borrow_mut()[StandardContext::Error.slot()] = Some(err));
        }
        top
    })
}

pub(crate) fn is_top(ctx: &MemoryContext) -> bool {
    TOP.try_with(|t| t.get() == Some(ctx)).unwrap_or(false)
}

pub(crate) fn is_current(ctx: &MemoryContext) -> bool {
    CURRENT.try_with(|c| c.borrow().as_ref() == Some(ctx)).unwrap_or(false)
}

/// `CurrentMemoryContext`; `TopMemoryContext` until something switches.
pub fn current_memory_context() -> MemoryContext {
    if let Some(c) = CURRENT.with(|c| c.borrow().clone()) {
        return c;
    }
    let top = top_memory_context();
    CURRENT.with(|c| *c.borrow_mut() = Some(top.clone()));
    top
}

/// `MemoryContextSwitchTo`: makes `ctx` current and returns the previous one.
pub fn memory_context_switch_to(ctx: &MemoryContext) -> MemoryContext {
    let prev = current_memory_context();
    CURRENT.with(|c| *c.borrow_mut() = Some(ctx.clone()));
    prev
}

/// Restores the previous `CurrentMemoryContext` when dropped (see
/// [`MemoryContext::switch_to`]).
#[must_use = "the previous context is restored when the guard is dropped"]
pub struct MemoryContextSwitch {
    prev: Option<MemoryContext>,
}

impl Drop for MemoryContextSwitch {
    fn drop(&mut self) {
        if let Some(prev) = self.prev.take() {
            let _ = CURRENT.try_with(|c| *c.borrow_mut() = Some(prev));
        }
    }
}

impl MemoryContext {
    /// Makes this context `CurrentMemoryContext` until the guard is dropped:
    /// the scoped form of `oldcxt = MemoryContextSwitchTo(cxt); ...;
    /// MemoryContextSwitchTo(oldcxt)`.
    pub fn switch_to(&self) -> MemoryContextSwitch {
        MemoryContextSwitch { prev: Some(memory_context_switch_to(self)) }
    }
}

/// Reads a standard slot; a deleted context reads as `None` (and is cleared).
pub fn standard_context(which: StandardContext) -> Option<MemoryContext> {
    if which == StandardContext::Error {
        top_memory_context();
    }
    STANDARD.with(|s| {
        let mut s = s.borrow_mut();
        let slot = &mut s[which.slot()];
        if slot.as_ref().is_some_and(MemoryContext::is_deleted) {
            *slot = None;
        }
        slot.clone()
    })
}

/// Sets a standard slot (e.g. `PortalContext` while a portal runs, or `None`
/// after deleting `PostmasterContext`); returns the previous value.
pub fn set_standard_context(which: StandardContext, ctx: Option<MemoryContext>) -> Option<MemoryContext> {
    STANDARD.with(|s| std::mem::replace(&mut s.borrow_mut()[which.slot()], ctx))
}

fn get_or_create(which: StandardContext, parent: impl FnOnce() -> MemoryContext, name: &'static str) -> MemoryContext {
    if let Some(c) = standard_context(which) {
        return c;
    }
    let ctx = parent().create_child(name);
    set_standard_context(which, Some(ctx.clone()));
    ctx
}

/// `ErrorContext`.
pub fn error_context() -> MemoryContext {
    standard_context(StandardContext::Error).expect("ErrorContext is created with TopMemoryContext")
}

/// `CreateCacheMemoryContext`: `CacheMemoryContext` under Top (idempotent).
pub fn create_cache_memory_context() -> MemoryContext {
    get_or_create(StandardContext::Cache, top_memory_context, "CacheMemoryContext")
}

/// `MessageContext` under Top (idempotent); the main loop resets it per message.
pub fn create_message_context() -> MemoryContext {
    get_or_create(StandardContext::Message, top_memory_context, "MessageContext")
}

/// `PostmasterContext` under Top (idempotent).
pub fn create_postmaster_context() -> MemoryContext {
    get_or_create(StandardContext::Postmaster, top_memory_context, "Postmaster")
}

/// `TopTransactionContext` under Top (idempotent); it also becomes
/// `CurTransactionContext` if that slot is empty.
pub fn create_top_transaction_context() -> MemoryContext {
    let ctx = get_or_create(StandardContext::TopTransaction, top_memory_context, "TopTransactionContext");
    if standard_context(StandardContext::CurTransaction).is_none() {
        set_standard_context(StandardContext::CurTransaction, Some(ctx.clone()));
    }
    ctx
}

/// `TopPortalContext` under Top (idempotent).
pub fn create_top_portal_context() -> MemoryContext {
    get_or_create(StandardContext::TopPortal, top_memory_context, "TopPortalContext")
}

/// A new portal's context, as `CreatePortal` makes it: `"PortalContext"`
/// with `ALLOCSET_SMALL_SIZES` under `TopPortalContext`, identified by the
/// portal's name. It does not set the `Portal` slot; the portal runner does.
pub fn create_portal_context(portal_name: &str) -> MemoryContext {
    let ctx = create_top_portal_context().create_child_with("PortalContext", AllocSetSizes::SMALL);
    // The unnamed portal shows as "<unnamed>", as CreatePortal names it.
    ctx.set_ident(Some(if portal_name.is_empty() { "<unnamed>" } else { portal_name }));
    ctx
}

/// `palloc` in `CurrentMemoryContext`.
pub fn palloc(size: usize) -> NonNull<u8> {
    with_current(|c| c.alloc(size))
}

/// `palloc0` in `CurrentMemoryContext`.
pub fn palloc0(size: usize) -> NonNull<u8> {
    with_current(|c| c.alloc_zeroed(size))
}

/// `palloc_aligned` in `CurrentMemoryContext`.
pub fn palloc_aligned(size: usize, align: usize) -> NonNull<u8> {
    with_current(|c| c.alloc_aligned(size, align))
}

fn with_current<R>(f: impl FnOnce(&MemoryContext) -> R) -> R {
    let cur = CURRENT.with(|c| c.borrow().clone());
    match cur {
        Some(c) => f(&c),
        None => f(&current_memory_context()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mcxt::pfree;

    #[test]
    fn top_and_error_context_exist() {
        let top = top_memory_context();
        assert_eq!(top.name(), "TopMemoryContext");
        assert_eq!(top, top_memory_context());
        let err = error_context();
        assert_eq!(err.parent(), Some(top.clone()));
        assert_eq!(err.stats().total_bytes, 8192);
        assert_eq!(current_memory_context(), top);
    }

    #[test]
    fn switch_guard_restores() {
        let top = top_memory_context();
        let msg = create_message_context();
        assert_eq!(msg, create_message_context(), "idempotent");
        {
            let _g = msg.switch_to();
            assert_eq!(current_memory_context(), msg);
            let p = palloc(100);
            // SAFETY: live chunk.
            assert_eq!(unsafe { crate::get_memory_chunk_context(p) }, msg);
            // SAFETY: live chunk.
            unsafe { pfree(p) };
            let portal = create_portal_context("myportal");
            {
                let _g2 = portal.switch_to();
                assert_eq!(current_memory_context(), portal);
            }
            assert_eq!(current_memory_context(), msg);
        }
        assert_eq!(current_memory_context(), top);
        let old = memory_context_switch_to(&msg);
        assert_eq!(old, top);
        assert_eq!(memory_context_switch_to(&old), msg);
    }

    #[test]
    fn standard_slots() {
        let cache = create_cache_memory_context();
        assert_eq!(standard_context(StandardContext::Cache), Some(cache.clone()));
        let xact = create_top_transaction_context();
        assert_eq!(standard_context(StandardContext::CurTransaction), Some(xact.clone()));
        let portal = create_portal_context("C_1");
        assert_eq!(portal.ident().as_deref(), Some("C_1"));
        assert_eq!(portal.parent().unwrap().name(), "TopPortalContext");
        set_standard_context(StandardContext::Portal, Some(portal.clone()));
        portal.delete();
        assert_eq!(standard_context(StandardContext::Portal), None);
        let pm = create_postmaster_context();
        pm.delete();
        assert_eq!(standard_context(StandardContext::Postmaster), None);
    }

    #[test]
    #[should_panic(expected = "cannot delete TopMemoryContext")]
    fn top_cannot_be_deleted() {
        top_memory_context().delete();
    }

    #[test]
    #[should_panic(expected = "while it is CurrentMemoryContext")]
    fn current_cannot_be_deleted() {
        let c = top_memory_context().create_child("Busy");
        let _g = c.switch_to();
        c.delete();
    }
}
