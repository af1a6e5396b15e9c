//! Resource owners (PostgreSQL's `utils/resowner/resowner.c`).
//!
//! A [`ResourceOwner`] records what a transaction, a subtransaction or a
//! portal holds beyond the Rust stack — temporary files, memory contexts
//! it must delete, and (with storage) buffer pins, heavyweight locks and
//! snapshots — so that everything is given back when that owner ends, on
//! commit and on abort alike, however the code that acquired it exited.
//! Owners form a tree: TopTransaction → one child per open savepoint
//! (SubTransaction) → one child per portal that runs in it (Portal).
//!
//! A resource is any value implementing [`Resource`]; the subsystem that
//! acquires it calls [`remember`] (or [`remember_in_current`], which uses
//! [`current`], PostgreSQL's `CurrentResourceOwner`) and, when it gives
//! the resource back itself, [`forget`]. [`release`] releases an owner's
//! children first, then its own resources in three phases, as PostgreSQL
//! does: [`ReleasePhase::BeforeLocks`] (buffer pins, files, memory), then
//! [`ReleasePhase::Locks`], then [`ReleasePhase::AfterLocks`] (catalog
//! references, snapshots). At commit a resource still remembered is a
//! leak by the code that acquired it: it is released with a WARNING in
//! PostgreSQL's words (its [`Resource::leak_message`]). At abort it is
//! released silently, which is the normal cleanup after an error.
//!
//! Owners live in a per-process arena (a backend is single-threaded) and
//! are named by copyable handles; a handle to a deleted owner is detected
//! by a generation count, never reused by mistake.
//!
//! Invariants: a resource is released exactly once (by [`forget`] handing
//! it back, or by [`release`]); an owner is deleted only after [`release`].

use pg_error::{PgError, Severity, SqlState};
use std::cell::{Cell, RefCell};

/// When in [`release`] a resource is given back (`ResourceReleasePhase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReleasePhase {
    /// Before locks: buffer pins, temporary files, memory contexts, and
    /// anything other backends may be waiting to see released.
    BeforeLocks,
    /// Heavyweight locks.
    Locks,
    /// After locks: catalog cache references, snapshots.
    AfterLocks,
}

/// Something a resource owner can give back.
pub trait Resource {
    /// The phase in which [`release`] gives it back.
    fn phase(&self) -> ReleasePhase;
    /// The WARNING text when the resource is still remembered at commit,
    /// in PostgreSQL's words (`temporary file leak: File 3 still referenced`).
    fn leak_message(&self) -> String;
    /// Whether a subtransaction's commit hands the resource to the parent
    /// owner instead of releasing it (heavyweight locks are kept until the
    /// top-level transaction ends, as `LockReassignCurrentOwner` does).
    fn survives_subcommit(&self) -> bool {
        false
    }
    /// Gives the resource back.
    fn release(self: Box<Self>);
}

/// A resource owner (`ResourceOwner`): a copyable handle into the
/// process's owner tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceOwner {
    index: u32,
    generation: u32,
}

/// A remembered resource, for [`forget`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceId {
    owner: ResourceOwner,
    serial: u64,
}

impl ResourceId {
    /// The owner the resource is remembered by now (a subtransaction's
    /// commit may have moved it to the parent).
    pub fn owner(&self) -> ResourceOwner {
        self.owner
    }
}

struct OwnerData {
    name: &'static str,
    generation: u32,
    parent: Option<ResourceOwner>,
    children: Vec<ResourceOwner>,
    resources: Vec<(u64, Box<dyn Resource>)>,
}

#[derive(Default)]
struct Arena {
    slots: Vec<Option<OwnerData>>,
    generations: Vec<u32>,
    next_serial: u64,
}

impl Arena {
    fn get(&mut self, owner: ResourceOwner) -> Option<&mut OwnerData> {
        self.slots.get_mut(owner.index as usize).and_then(Option::as_mut).filter(|o| o.generation == owner.generation)
    }
}

thread_local! {
    static ARENA: RefCell<Arena> = RefCell::new(Arena::default());
    /// `CurrentResourceOwner`.
    static CURRENT: Cell<Option<ResourceOwner>> = const { Cell::new(None) };
}

impl ResourceOwner {
    /// ResourceOwnerCreate(): a new owner under `parent` (None for a root).
    pub fn create(parent: Option<ResourceOwner>, name: &'static str) -> ResourceOwner {
        ARENA.with(|a| {
            let mut a = a.borrow_mut();
            let index = match a.slots.iter().position(Option::is_none) {
                Some(i) => i,
                None => {
                    a.slots.push(None);
                    a.generations.push(0);
                    a.slots.len() - 1
                }
            };
            a.generations[index] = a.generations[index].wrapping_add(1);
            let generation = a.generations[index];
            let owner = ResourceOwner { index: index as u32, generation };
            let parent = parent.filter(|&p| a.get(p).is_some());
            a.slots[index] = Some(OwnerData { name, generation, parent, children: Vec::new(), resources: Vec::new() });
            if let Some(p) = parent {
                a.get(p).expect("checked above").children.push(owner);
            }
            owner
        })
    }

    /// The name given at creation ("TopTransaction", "Portal", ...), or
    /// None for a deleted owner.
    pub fn name(self) -> Option<&'static str> {
        ARENA.with(|a| a.borrow_mut().get(self).map(|o| o.name))
    }

    /// How many resources the owner itself remembers now.
    pub fn resource_count(self) -> usize {
        ARENA.with(|a| a.borrow_mut().get(self).map(|o| o.resources.len()).unwrap_or(0))
    }
}

/// `CurrentResourceOwner`: where newly acquired resources go.
pub fn current() -> Option<ResourceOwner> {
    CURRENT.with(Cell::get)
}

/// Sets `CurrentResourceOwner`; returns the previous one.
pub fn set_current(owner: Option<ResourceOwner>) -> Option<ResourceOwner> {
    CURRENT.with(|c| c.replace(owner))
}

/// Runs `f` with `owner` as the current resource owner (a portal's owner
/// while the portal runs), restoring the previous one afterwards.
pub fn with_current<R>(owner: ResourceOwner, f: impl FnOnce() -> R) -> R {
    let saved = set_current(Some(owner));
    let out = f();
    set_current(saved);
    out
}

/// ResourceOwnerRemember(): `owner` holds `resource` until [`forget`] or
/// [`release`]. A deleted owner cannot hold anything: the resource is
/// released at once and the error says so (a caller's bug).
pub fn remember(owner: ResourceOwner, resource: Box<dyn Resource>) -> Result<ResourceId, PgError> {
    let stored = ARENA.with(|a| {
        let mut a = a.borrow_mut();
        let serial = a.next_serial;
        a.next_serial += 1;
        match a.get(owner) {
            Some(o) => {
                o.resources.push((serial, resource));
                Ok(ResourceId { owner, serial })
            }
            None => Err(resource),
        }
    });
    stored.map_err(|resource| {
        resource.release();
        PgError::internal("resource owner was deleted before its resource was remembered")
    })
}

/// Remembers `resource` in the current resource owner. Outside a
/// transaction there is none, and the resource is handed back for the
/// caller to manage itself (PostgreSQL's callers only acquire resources
/// inside a transaction; a start-up path may not).
pub fn remember_in_current(resource: Box<dyn Resource>) -> Result<ResourceId, Box<dyn Resource>> {
    match current() {
        Some(owner) => remember(owner, resource).map_err(|_| -> Box<dyn Resource> { Box::new(Released) }),
        None => Err(resource),
    }
}

/// What `remember_in_current` hands back when `remember` already released
/// the resource: nothing left to release.
struct Released;

impl Resource for Released {
    fn phase(&self) -> ReleasePhase {
        ReleasePhase::BeforeLocks
    }
    fn leak_message(&self) -> String {
        String::new()
    }
    fn release(self: Box<Self>) {}
}

/// ResourceOwnerForget(): takes a resource back from its owner, for the
/// caller to release itself. None when the owner already released it
/// (its transaction aborted meanwhile).
pub fn forget(id: ResourceId) -> Option<Box<dyn Resource>> {
    ARENA.with(|a| {
        let mut a = a.borrow_mut();
        if let Some(data) = a.get(id.owner) {
            if let Some(pos) = data.resources.iter().position(|(s, _)| *s == id.serial) {
                return Some(data.resources.remove(pos).1);
            }
        }
        // A subtransaction's commit may have moved it to another owner
        // (serials are unique in the process, and owners are few).
        a.slots.iter_mut().flatten().find_map(|data| {
            let pos = data.resources.iter().position(|(s, _)| *s == id.serial)?;
            Some(data.resources.remove(pos).1)
        })
    })
}

/// ResourceOwnerRelease(): releases (and deletes) every child owner, then
/// the owner's own resources phase by phase. At commit each resource still
/// held is a leak, reported in the returned WARNINGs; at abort it is
/// released silently. At a subtransaction's commit (`owner` has a parent),
/// resources that [`Resource::survives_subcommit`] move to the parent.
/// The owner itself stays, empty; [`delete`] removes it.
pub fn release(owner: ResourceOwner, is_commit: bool) -> Vec<PgError> {
    release_impl(owner, is_commit, true)
}

/// [`release`]; `lock_phase` says whether the owner's heavyweight locks
/// are dealt with (not by [`delete`], which follows a release that did).
fn release_impl(owner: ResourceOwner, is_commit: bool, lock_phase: bool) -> Vec<PgError> {
    let mut warnings = Vec::new();
    let children = ARENA.with(|a| a.borrow_mut().get(owner).map(|o| std::mem::take(&mut o.children)));
    let Some(children) = children else { return warnings };
    for child in children {
        warnings.extend(release(child, is_commit));
        delete(child);
    }
    for phase in [ReleasePhase::BeforeLocks, ReleasePhase::Locks, ReleasePhase::AfterLocks] {
        // Take the phase's resources out first: releasing one may remember
        // or forget others (a file's close forgetting its buffer).
        let (taken, parent) = ARENA.with(|a| {
            let mut a = a.borrow_mut();
            let Some(data) = a.get(owner) else { return (Vec::new(), None) };
            let parent = data.parent;
            let (mine, rest): (Vec<_>, Vec<_>) =
                std::mem::take(&mut data.resources).into_iter().partition(|(_, r)| r.phase() == phase);
            data.resources = rest;
            (mine, parent)
        });
        for (serial, resource) in taken {
            let resource = match parent {
                Some(parent) if is_commit && resource.survives_subcommit() => {
                    // Handed to the parent; released here only if the
                    // parent is gone (a caller's ordering bug).
                    match ARENA.with(|a| match a.borrow_mut().get(parent) {
                        Some(p) => {
                            p.resources.push((serial, resource));
                            None
                        }
                        None => Some(resource),
                    }) {
                        Some(orphan) => orphan,
                        None => continue,
                    }
                }
                _ => resource,
            };
            if is_commit {
                warnings.push(PgError::notice(Severity::Warning, SqlState::WARNING, resource.leak_message()));
            }
            resource.release();
        }
        if phase == ReleasePhase::Locks && lock_phase {
            // The heavyweight locks the lock manager counts for this owner
            // (PostgreSQL's resowner.c does this itself in the locks phase).
            let is_top = parent.is_none() && owner.name() == Some("TopTransaction");
            crate::lock::at_owner_release(owner, parent, is_commit, is_top);
        }
    }
    warnings
}

/// ResourceOwnerNewParent(): moves `owner` (with everything it holds)
/// under `new_parent` (a portal surviving its savepoint's release, or a
/// WITH HOLD cursor leaving its transaction when `new_parent` is None).
pub fn reparent(owner: ResourceOwner, new_parent: Option<ResourceOwner>) {
    ARENA.with(|a| {
        let mut a = a.borrow_mut();
        let Some(old) = a.get(owner).map(|o| o.parent) else { return };
        if let Some(old) = old.and_then(|p| a.get(p)) {
            old.children.retain(|&c| c != owner);
        }
        let new_parent = new_parent.filter(|&p| a.get(p).is_some());
        if let Some(p) = new_parent {
            a.get(p).expect("checked above").children.push(owner);
        }
        a.get(owner).expect("checked above").parent = new_parent;
    });
}

/// ResourceOwnerDelete(): removes an owner after [`release`]. Anything
/// still remembered (a caller's bug) is released first; its children are
/// released and deleted too. The current owner is unset if it was this one.
pub fn delete(owner: ResourceOwner) {
    let alive = ARENA.with(|a| a.borrow_mut().get(owner).is_some());
    if !alive {
        return;
    }
    let _ = release_impl(owner, false, false);
    ARENA.with(|a| {
        let mut a = a.borrow_mut();
        let parent = a.get(owner).and_then(|o| o.parent);
        if let Some(p) = parent.and_then(|p| a.get(p)) {
            p.children.retain(|&c| c != owner);
        }
        a.slots[owner.index as usize] = None;
    });
    if current() == Some(owner) {
        set_current(None);
    }
}

/// A memory context a resource owner deletes when it ends (a portal's or
/// a query's context that must not outlive an error).
pub struct MemoryContextResource(pub pg_mcxt::MemoryContext);

impl Resource for MemoryContextResource {
    fn phase(&self) -> ReleasePhase {
        ReleasePhase::BeforeLocks
    }
    fn leak_message(&self) -> String {
        format!("memory context \"{}\" was not deleted", self.0.name())
    }
    fn release(self: Box<Self>) {
        self.0.delete();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    /// A resource that logs its release into a shared list.
    struct Probe {
        name: &'static str,
        phase: ReleasePhase,
        lock: bool,
        log: Rc<RefCell<Vec<&'static str>>>,
    }

    impl Resource for Probe {
        fn phase(&self) -> ReleasePhase {
            self.phase
        }
        fn leak_message(&self) -> String {
            format!("{} leak: still referenced", self.name)
        }
        fn survives_subcommit(&self) -> bool {
            self.lock
        }
        fn release(self: Box<Self>) {
            self.log.borrow_mut().push(self.name);
        }
    }

    fn probe(log: &Rc<RefCell<Vec<&'static str>>>, name: &'static str, phase: ReleasePhase) -> Box<dyn Resource> {
        Box::new(Probe { name, phase, lock: false, log: log.clone() })
    }

    #[test]
    fn abort_releases_children_first_then_by_phase_silently() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let top = ResourceOwner::create(None, "TopTransaction");
        let sub = ResourceOwner::create(Some(top), "SubTransaction");
        let portal = ResourceOwner::create(Some(sub), "Portal");
        remember(top, probe(&log, "snapshot", ReleasePhase::AfterLocks)).unwrap();
        remember(top, probe(&log, "lock", ReleasePhase::Locks)).unwrap();
        remember(top, probe(&log, "pin", ReleasePhase::BeforeLocks)).unwrap();
        remember(portal, probe(&log, "tempfile", ReleasePhase::BeforeLocks)).unwrap();
        remember(sub, probe(&log, "subpin", ReleasePhase::BeforeLocks)).unwrap();
        let warnings = release(top, false);
        assert!(warnings.is_empty());
        assert_eq!(*log.borrow(), ["tempfile", "subpin", "pin", "lock", "snapshot"]);
        assert_eq!(sub.name(), None, "children are deleted by release");
        assert_eq!(portal.name(), None);
        assert_eq!(top.name(), Some("TopTransaction"));
        delete(top);
        assert_eq!(top.name(), None);
    }

    #[test]
    fn commit_warns_about_leaks_and_forgotten_resources_are_not_released() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let top = ResourceOwner::create(None, "TopTransaction");
        let kept = remember(top, probe(&log, "temporary file", ReleasePhase::BeforeLocks)).unwrap();
        remember(top, probe(&log, "buffer", ReleasePhase::BeforeLocks)).unwrap();
        let back = forget(kept).expect("still remembered");
        back.release();
        assert!(forget(kept).is_none(), "forgotten once");
        let warnings = release(top, true);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert_eq!(warnings[0].message, "buffer leak: still referenced");
        assert_eq!(*log.borrow(), ["temporary file", "buffer"]);
        delete(top);
    }

    #[test]
    fn subcommit_moves_locks_to_the_parent() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let top = ResourceOwner::create(None, "TopTransaction");
        let sub = ResourceOwner::create(Some(top), "SubTransaction");
        let lock = Box::new(Probe { name: "lock", phase: ReleasePhase::Locks, lock: true, log: log.clone() });
        let id = remember(sub, lock).unwrap();
        assert!(release(sub, true).is_empty());
        delete(sub);
        assert!(log.borrow().is_empty(), "the lock moved up, unreleased");
        assert_eq!(top.resource_count(), 1);
        // The handle still finds it in its new owner.
        let back = forget(id).expect("moved, not lost");
        assert_eq!(top.resource_count(), 0);
        back.release();
        release(top, false);
        assert_eq!(*log.borrow(), ["lock"]);
        delete(top);
    }

    #[test]
    fn handles_of_deleted_owners_are_dead_and_current_is_scoped() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let a = ResourceOwner::create(None, "Portal");
        delete(a);
        let b = ResourceOwner::create(None, "Portal");
        assert_ne!(a, b, "a reused slot has a new generation");
        assert!(remember(a, probe(&log, "late", ReleasePhase::BeforeLocks)).is_err());
        assert_eq!(*log.borrow(), ["late"], "released at once, not lost");
        assert_eq!(current(), None);
        with_current(b, || {
            assert_eq!(current(), Some(b));
            remember_in_current(probe(&log, "in current", ReleasePhase::BeforeLocks)).ok().unwrap();
        });
        assert_eq!(current(), None);
        assert!(remember_in_current(probe(&log, "none", ReleasePhase::BeforeLocks)).is_err());
        assert_eq!(b.resource_count(), 1);
        delete(b);
        assert_eq!(*log.borrow(), ["late", "in current"]);
    }

    #[test]
    fn reparent_moves_a_portal_between_transactions() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let sub = ResourceOwner::create(None, "SubTransaction");
        let portal = ResourceOwner::create(Some(sub), "Portal");
        remember(portal, probe(&log, "file", ReleasePhase::BeforeLocks)).unwrap();
        reparent(portal, None);
        release(sub, false);
        delete(sub);
        assert!(log.borrow().is_empty(), "the held portal survived its transaction");
        delete(portal);
        assert_eq!(*log.borrow(), ["file"]);
    }

    #[test]
    fn memory_contexts_are_deleted_with_their_owner() {
        let owner = ResourceOwner::create(None, "Portal");
        let cxt = pg_mcxt::MemoryContext::new_root("PortalTest", pg_mcxt::AllocSetSizes::DEFAULT);
        remember(owner, Box::new(MemoryContextResource(cxt.clone()))).unwrap();
        let warnings = release(owner, true);
        assert_eq!(warnings[0].message, "memory context \"PortalTest\" was not deleted");
        delete(owner);
    }
}
