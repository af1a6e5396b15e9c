//! Fixed-capacity shared hash tables (PostgreSQL's `utils/hash/dynahash.c` in its shared
//! memory mode, as used by the lock manager and the buffer mapping table).
//!
//! Layout of one table (one named allocation):
//!
//! ```text
//! SharedHashHeader { lock: LWLock, capacity, nbuckets, nentries, freelist, layout check }
//! buckets: [u32; nbuckets]           index + 1 of the first entry in the chain, 0 = empty
//! entries: [HashEntry<K, V>; capacity]   { next (index + 1), hash, key, value }
//! ```
//!
//! Every field after the lock is protected by it: lookups take it shared, changes take it
//! exclusive. Entries never move, free entries form a list through `next`, and the table
//! never grows: a full table answers "out of shared memory" like PostgreSQL's.
//!
//! Keys are hashed with FNV-1a over what `Hash` feeds in, which is the same in every process
//! of one binary (unlike `RandomState`, which is seeded per process).

use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering};

use pg_error::{PgError, PgResult, SqlState};

use crate::lwlock::LWLock;
use crate::segment::{shmem_init_struct_with, ShmemSegment};
use crate::shmem_safe::ShmemSafe;
use crate::size::{add_size, maxalign, mul_size, CACHELINE_SIZE};

#[repr(C)]
struct SharedHashHeader {
    lock: LWLock,
    // Protected by `lock` (atomics only so that `&SharedHashHeader` may coexist with changes
    // made by other processes; Relaxed suffices under the lock).
    nentries: AtomicU32,
    freelist: AtomicU32,
    // Written once before anyone can find the table; read-only afterwards.
    capacity: u32,
    nbuckets: u32,
    key_size: u32,
    value_size: u32,
    entry_size: u32,
    entries_offset: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct HashEntry<K, V> {
    next: u32,
    hash: u32,
    key: K,
    value: V,
}

/// FNV-1a: deterministic across processes, cheap, good enough for fixed-size keys.
struct Fnv1a(u64);

impl Hasher for Fnv1a {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn hash_key<K: Hash>(key: &K) -> u32 {
    let mut h = Fnv1a(0xcbf2_9ce4_8422_2325);
    key.hash(&mut h);
    let v = h.finish();
    (v ^ (v >> 32)) as u32
}

fn out_of_shared_memory() -> PgError {
    PgError::new(SqlState::OUT_OF_MEMORY, "out of shared memory")
}

/// A process-local handle on a shared hash table; cheap to copy.
pub struct SharedHash<K, V> {
    header: NonNull<SharedHashHeader>,
    _marker: PhantomData<(K, V)>,
}

impl<K, V> Clone for SharedHash<K, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K, V> Copy for SharedHash<K, V> {}

// SAFETY: the handle only points into shared memory, where every access is serialised by the
// table's LWLock; K and V are ShmemSafe (Sync) plain data copied in and out.
unsafe impl<K: ShmemSafe + Send, V: ShmemSafe + Send> Send for SharedHash<K, V> {}
// SAFETY: as above.
unsafe impl<K: ShmemSafe + Send, V: ShmemSafe + Send> Sync for SharedHash<K, V> {}

impl<K, V> std::fmt::Debug for SharedHash<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedHash").field("header", &self.header).finish()
    }
}

struct Layout {
    nbuckets: usize,
    entries_offset: usize,
    total: usize,
}

impl<K, V> SharedHash<K, V>
where
    K: ShmemSafe + Copy + Eq + Hash,
    V: ShmemSafe + Copy,
{
    fn layout(capacity: usize) -> PgResult<Layout> {
        assert!(std::mem::align_of::<HashEntry<K, V>>() <= CACHELINE_SIZE, "hash entries need too much alignment");
        if capacity == 0 || capacity >= u32::MAX as usize / 2 {
            return Err(PgError::internal(format!("invalid shared hash table capacity {capacity}")));
        }
        let nbuckets = capacity.next_power_of_two();
        let buckets_end = add_size(std::mem::size_of::<SharedHashHeader>(), mul_size(nbuckets, 4)?)?;
        let align = std::mem::align_of::<HashEntry<K, V>>().max(8);
        let entries_offset = add_size(buckets_end, align - 1)? & !(align - 1);
        let total = add_size(entries_offset, mul_size(capacity, std::mem::size_of::<HashEntry<K, V>>())?)?;
        Ok(Layout { nbuckets, entries_offset, total: maxalign(total)? })
    }

    /// `hash_estimate_size` -- shared memory needed by a table of `capacity` entries.
    pub fn estimate_size(capacity: usize) -> PgResult<usize> {
        Ok(Self::layout(capacity)?.total)
    }

    fn init_fn(capacity: usize, layout: &Layout) -> impl FnOnce(NonNull<u8>) {
        let (nbuckets, entries_offset) = (layout.nbuckets, layout.entries_offset);
        move |p: NonNull<u8>| {
            // SAFETY: fresh zeroed memory of `layout.total` bytes, cache-line aligned, that no
            // other process can find until this closure returns; all-zero is valid for the
            // header, the buckets and the entries (K, V: ShmemSafe).
            let hdr = unsafe { &mut *p.as_ptr().cast::<SharedHashHeader>() };
            hdr.capacity = capacity as u32;
            hdr.nbuckets = nbuckets as u32;
            hdr.key_size = std::mem::size_of::<K>() as u32;
            hdr.value_size = std::mem::size_of::<V>() as u32;
            hdr.entry_size = std::mem::size_of::<HashEntry<K, V>>() as u32;
            hdr.entries_offset = entries_offset as u32;
            let handle: SharedHash<K, V> = SharedHash { header: p.cast(), _marker: PhantomData };
            for i in 0..capacity {
                // SAFETY: i < capacity, and we have exclusive access (see above).
                unsafe { (*handle.entry_ptr(i)).next = if i + 1 < capacity { i as u32 + 2 } else { 0 } };
            }
            *hdr.freelist.get_mut() = 1;
        }
    }

    fn attach(p: NonNull<u8>, name: &str, capacity: usize, layout: &Layout) -> PgResult<SharedHash<K, V>> {
        let handle = SharedHash { header: p.cast(), _marker: PhantomData };
        let h = handle.hdr();
        let expect = (
            capacity as u32,
            layout.nbuckets as u32,
            std::mem::size_of::<K>() as u32,
            std::mem::size_of::<V>() as u32,
            layout.entries_offset as u32,
        );
        if (h.capacity, h.nbuckets, h.key_size, h.value_size, h.entries_offset) != expect {
            return Err(PgError::internal(format!("shared hash table \"{name}\" has a different layout")));
        }
        Ok(handle)
    }

    /// `ShmemInitHash` -- finds the table `name` in the current segment, or creates it empty
    /// with room for `capacity` entries. Every process calls this to get its handle.
    pub fn init(name: &str, capacity: usize) -> PgResult<SharedHash<K, V>> {
        let layout = Self::layout(capacity)?;
        let (p, _) = shmem_init_struct_with(name, layout.total, Self::init_fn(capacity, &layout))?;
        Self::attach(p, name, capacity, &layout)
    }

    /// [`SharedHash::init`] in a given segment.
    pub fn init_in(seg: &ShmemSegment, name: &str, capacity: usize) -> PgResult<SharedHash<K, V>> {
        let layout = Self::layout(capacity)?;
        let (p, _) = seg.init_struct_with(name, layout.total, Self::init_fn(capacity, &layout))?;
        Self::attach(p, name, capacity, &layout)
    }

    fn hdr(&self) -> &SharedHashHeader {
        // SAFETY: the header lives in a segment that stays mapped until the unsafe `destroy`;
        // its mutable fields are atomics and its layout fields were written before publication.
        unsafe { self.header.as_ref() }
    }

    fn raw_hdr(&self) -> *mut SharedHashHeader {
        self.header.as_ptr()
    }

    /// The table's LWLock (to name its tranche with `LWLock::init`, or inspect it).
    pub fn lwlock(&self) -> &LWLock {
        &self.hdr().lock
    }

    /// The fixed number of entries the table can hold.
    pub fn capacity(&self) -> usize {
        self.hdr().capacity as usize
    }

    fn bucket_ptr(&self, b: usize) -> *mut u32 {
        debug_assert!(b < self.hdr().nbuckets as usize);
        // SAFETY: the buckets follow the header and b < nbuckets (masked by the caller).
        unsafe { self.raw_hdr().add(1).cast::<u32>().add(b) }
    }

    fn entry_ptr(&self, i: usize) -> *mut HashEntry<K, V> {
        // SAFETY: entries start at entries_offset (aligned for HashEntry by `layout`) and i is
        // below capacity (indexes come from the buckets, chains and freelist built by us).
        unsafe { self.raw_hdr().cast::<u8>().add(self.hdr().entries_offset as usize).cast::<HashEntry<K, V>>().add(i) }
    }

    fn bucket_of(&self, hash: u32) -> usize {
        hash as usize & (self.hdr().nbuckets as usize - 1)
    }

    /// Finds the entry index for `key`, and the link (bucket or previous `next`) pointing to it.
    /// Caller holds the lock in any mode.
    fn lookup(&self, key: &K, hash: u32) -> (Option<usize>, *mut u32) {
        let mut link = self.bucket_ptr(self.bucket_of(hash));
        loop {
            // SAFETY: links point at a bucket or an entry's `next`, read under the lock.
            let cur = unsafe { *link };
            if cur == 0 {
                return (None, link);
            }
            let e = self.entry_ptr(cur as usize - 1);
            // SAFETY: e is a live entry in a chain; we hold the lock.
            let (ehash, ekey) = unsafe { ((*e).hash, (*e).key) };
            if ehash == hash && ekey == *key {
                return (Some(cur as usize - 1), link);
            }
            // SAFETY: as above; `next` is a field of a live entry.
            link = unsafe { &raw mut (*e).next };
        }
    }

    /// `hash_search(HASH_FIND)` -- the value stored under `key`.
    pub fn find(&self, key: &K) -> Option<V> {
        let hash = hash_key(key);
        let _guard = self.lwlock().acquire_shared();
        let (idx, _) = self.lookup(key, hash);
        // SAFETY: idx is a live entry; the shared lock excludes writers.
        idx.map(|i| unsafe { (*self.entry_ptr(i)).value })
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &K) -> bool {
        self.find(key).is_some()
    }

    /// `hash_search(HASH_ENTER)` -- stores `value` under `key`, returning the value it replaced.
    /// A full table gives 53200 "out of shared memory" (and is left unchanged).
    pub fn insert(&self, key: K, value: V) -> PgResult<Option<V>> {
        let hash = hash_key(&key);
        let _guard = self.lwlock().acquire_exclusive();
        let (idx, link) = self.lookup(&key, hash);
        if let Some(i) = idx {
            let e = self.entry_ptr(i);
            // SAFETY: live entry, exclusive lock held.
            let old = unsafe { std::mem::replace(&mut (*e).value, value) };
            return Ok(Some(old));
        }
        let hdr = self.hdr();
        let free = hdr.freelist.load(Ordering::Relaxed);
        if free == 0 {
            return Err(out_of_shared_memory());
        }
        let e = self.entry_ptr(free as usize - 1);
        // SAFETY: `free` heads the free list, so the entry is unused; `link` is the empty end
        // of the key's chain found above; exclusive lock held throughout.
        unsafe {
            hdr.freelist.store((*e).next, Ordering::Relaxed);
            *e = HashEntry { next: 0, hash, key, value };
            *link = free;
        }
        hdr.nentries.fetch_add(1, Ordering::Relaxed);
        Ok(None)
    }

    /// `hash_search(HASH_REMOVE)` -- removes `key`, returning its value.
    pub fn remove(&self, key: &K) -> Option<V> {
        let hash = hash_key(key);
        let _guard = self.lwlock().acquire_exclusive();
        let (idx, link) = self.lookup(key, hash);
        let i = idx?;
        let e = self.entry_ptr(i);
        let hdr = self.hdr();
        // SAFETY: `link` points at entry i (found above); unlink it and push it on the free
        // list, all under the exclusive lock.
        let value = unsafe {
            *link = (*e).next;
            (*e).next = hdr.freelist.load(Ordering::Relaxed);
            (*e).value
        };
        hdr.freelist.store(i as u32 + 1, Ordering::Relaxed);
        hdr.nentries.fetch_sub(1, Ordering::Relaxed);
        Some(value)
    }

    /// Changes the value under `key` in place with `f` (under the exclusive lock); returns
    /// whether the key was present.
    pub fn update(&self, key: &K, f: impl FnOnce(&mut V)) -> bool {
        let hash = hash_key(key);
        let _guard = self.lwlock().acquire_exclusive();
        match self.lookup(key, hash).0 {
            Some(i) => {
                // SAFETY: live entry, exclusive lock held; `f` cannot reach the table through
                // this handle without deadlocking on the lock it would need.
                f(unsafe { &mut (*self.entry_ptr(i)).value });
                true
            }
            None => false,
        }
    }

    /// `hash_seq_search` -- calls `f` on every entry, under the shared lock (so `f` must not
    /// modify this table).
    pub fn for_each(&self, mut f: impl FnMut(&K, &V)) {
        let _guard = self.lwlock().acquire_shared();
        for b in 0..self.hdr().nbuckets as usize {
            // SAFETY: buckets and chains are read under the shared lock.
            let mut cur = unsafe { *self.bucket_ptr(b) };
            while cur != 0 {
                let e = self.entry_ptr(cur as usize - 1);
                // SAFETY: live entry in a chain, shared lock held.
                let (k, v, next) = unsafe { ((*e).key, (*e).value, (*e).next) };
                f(&k, &v);
                cur = next;
            }
        }
    }

    /// A copy of every (key, value) pair, in no particular order.
    pub fn entries(&self) -> Vec<(K, V)> {
        let mut out = Vec::with_capacity(self.len());
        self.for_each(|k, v| out.push((*k, *v)));
        out
    }

    /// Number of entries (`hash_get_num_entries`).
    pub fn len(&self) -> usize {
        let _guard = self.lwlock().acquire_shared();
        self.hdr().nentries.load(Ordering::Relaxed) as usize
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[repr(C)]
    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
    struct Tag {
        rel: u32,
        block: u32,
    }
    // SAFETY: repr(C) integers.
    unsafe impl ShmemSafe for Tag {}

    fn seg(size: usize) -> ShmemSegment {
        ShmemSegment::create_standalone(size).unwrap()
    }

    #[test]
    fn basic_operations() {
        let s = seg(1 << 16);
        let h = SharedHash::<Tag, u64>::init_in(&s, "Buffer Lookup Table", 10).unwrap();
        let t = |rel, block| Tag { rel, block };
        assert!(h.is_empty());
        assert_eq!(h.capacity(), 10);
        assert_eq!(h.insert(t(1, 1), 10).unwrap(), None);
        assert_eq!(h.insert(t(1, 2), 20).unwrap(), None);
        assert_eq!(h.insert(t(1, 1), 11).unwrap(), Some(10));
        assert_eq!(h.find(&t(1, 1)), Some(11));
        assert_eq!(h.find(&t(2, 1)), None);
        assert!(h.update(&t(1, 2), |v| *v += 1));
        assert!(!h.update(&t(9, 9), |v| *v += 1));
        assert_eq!(h.find(&t(1, 2)), Some(21));
        assert_eq!(h.len(), 2);
        let mut all = h.entries();
        all.sort_by_key(|(k, _)| (k.rel, k.block));
        assert_eq!(all, vec![(t(1, 1), 11), (t(1, 2), 21)]);
        assert_eq!(h.remove(&t(1, 1)), Some(11));
        assert_eq!(h.remove(&t(1, 1)), None);
        assert!(!h.contains_key(&t(1, 1)));
        assert_eq!(h.len(), 1);
        // Attaching again by name gives the same table.
        let h2 = SharedHash::<Tag, u64>::init_in(&s, "Buffer Lookup Table", 10).unwrap();
        assert_eq!(h2.find(&t(1, 2)), Some(21));
        // A different layout under the same name is refused.
        assert!(SharedHash::<Tag, u64>::init_in(&s, "Buffer Lookup Table", 11).is_err());
        assert!(SharedHash::<Tag, u32>::init_in(&s, "Buffer Lookup Table", 10).is_err());
        assert_eq!(held_locks(), 0);
    }

    fn held_locks() -> usize {
        crate::lwlock::held_lwlock_count()
    }

    #[test]
    fn capacity_exhaustion() {
        let s = seg(1 << 16);
        let h = SharedHash::<u32, u32>::init_in(&s, "small", 5).unwrap();
        for i in 0..5 {
            h.insert(i, i * 10).unwrap();
        }
        let e = h.insert(99, 0).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (SqlState::OUT_OF_MEMORY, "out of shared memory"));
        // Replacing an existing key still works when full, and removal frees a slot.
        assert_eq!(h.insert(3, 33).unwrap(), Some(30));
        assert_eq!(h.remove(&0), Some(0));
        assert_eq!(h.insert(99, 990).unwrap(), None);
        assert_eq!(h.len(), 5);
        assert_eq!(held_locks(), 0);
    }

    #[test]
    fn bad_capacity_and_sizes() {
        assert!(SharedHash::<u32, u32>::estimate_size(0).is_err());
        let one = SharedHash::<u32, u32>::estimate_size(1).unwrap();
        let many = SharedHash::<u32, u32>::estimate_size(1000).unwrap();
        assert!(many > one);
        assert_eq!(many % 8, 0);
        let s = seg(4096);
        let e = SharedHash::<u64, [u64; 8]>::init_in(&s, "too big", 10_000).unwrap_err();
        assert_eq!(e.code, SqlState::OUT_OF_MEMORY);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u16, u32),
        Remove(u16),
        Find(u16),
        Update(u16, u32),
    }

    fn op() -> impl Strategy<Value = Op> {
        // Small key space so that collisions, replacement and removal of present keys are common.
        prop_oneof![
            (0u16..64, any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
            (0u16..64).prop_map(Op::Remove),
            (0u16..64).prop_map(Op::Find),
            (0u16..64, any::<u32>()).prop_map(|(k, v)| Op::Update(k, v)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn model(ops in proptest::collection::vec(op(), 1..200), capacity in 1usize..40) {
            let s = seg(1 << 16);
            let h = SharedHash::<u16, u32>::init_in(&s, "model", capacity).unwrap();
            let mut model: HashMap<u16, u32> = HashMap::new();
            for op in ops {
                match op {
                    Op::Insert(k, v) => {
                        let got = h.insert(k, v);
                        if model.contains_key(&k) || model.len() < capacity {
                            prop_assert_eq!(got.unwrap(), model.insert(k, v));
                        } else {
                            prop_assert_eq!(got.unwrap_err().into_data().message, "out of shared memory");
                        }
                    }
                    Op::Remove(k) => prop_assert_eq!(h.remove(&k), model.remove(&k)),
                    Op::Find(k) => prop_assert_eq!(h.find(&k), model.get(&k).copied()),
                    Op::Update(k, v) => {
                        let present = model.get_mut(&k).map(|m| *m ^= v).is_some();
                        prop_assert_eq!(h.update(&k, |x| *x ^= v), present);
                    }
                }
                prop_assert_eq!(h.len(), model.len());
            }
            let mut got = h.entries();
            got.sort();
            let mut want: Vec<(u16, u32)> = model.into_iter().collect();
            want.sort();
            prop_assert_eq!(got, want);
            // Leak the mapping deliberately: tests are short-lived processes.
        }
    }
}
