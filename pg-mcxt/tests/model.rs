//! Model-based property test of the context tree and AllocSet.
//!
//! Random sequences of alloc/free/realloc/reset/delete/create-child/
//! set-parent run against several contexts, through both the raw
//! (`alloc_aligned`/`repalloc`/`pfree`) and the `Allocator` trait paths.
//! Every live allocation is filled with a pattern derived from its own seed
//! and checked before it is freed or resized (and periodically, all of
//! them), so any overlap or corruption shows up.
//!
//! Accounting invariant asserted after every step, for every live context:
//!
//! ```text
//! used_bytes == total_bytes - free_bytes
//!            == total_nblocks * ALLOC_BLOCKHDRSZ + Σ footprint(live chunks of the context)
//! ```
//!
//! where `footprint` is `pg_mcxt::chunk_footprint` at allocation time
//! (header + power-of-two class, or header + MAXALIGN(request) for a
//! dedicated block; aligned requests count `size + align`), kept unchanged
//! by a `repalloc` that fits the existing small chunk, and recomputed
//! otherwise (a dedicated-block chunk stays in a dedicated block). Also:
//! `total_nblocks >= 1 + dedicated chunks`, the count of live
//! `Allocator`-trait chunks matches, the recursive totals add up, and
//! `MemoryContext::check()` (block/chunk/free-list consistency) passes.

use allocator_api2::alloc::{Allocator, Layout};
use pg_mcxt::{
    chunk_footprint, class_size, freelist_index, maxalign, pfree, repalloc, AllocSetSizes, MemoryContext,
    MemoryContextCounters, ALLOC_BLOCKHDRSZ, ALLOC_CHUNKHDRSZ, MAXIMUM_ALIGNOF,
};
use proptest::prelude::*;
use proptest::sample::Index;
use std::ptr::NonNull;

#[derive(Clone, Debug)]
enum Op {
    Alloc { ctx: Index, size: usize, align: usize, api: bool },
    Free { which: Index },
    Realloc { which: Index, size: usize },
    Reset { ctx: Index },
    Delete { ctx: Index },
    CreateChild { parent: Index, sizes: u8 },
    SetParent { child: Index, parent: Index },
    VerifyAll,
}

fn size_strategy() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 1usize..=64,
        4 => 65usize..=1024,
        2 => 1025usize..=8192,
        1 => 8193usize..=40_000,
    ]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let align =
        prop_oneof![8 => Just(1usize), 8 => Just(8usize), 3 => Just(16usize), 1 => Just(64usize), 1 => Just(4096usize)];
    prop_oneof![
        30 => (any::<Index>(), size_strategy(), align, any::<bool>())
            .prop_map(|(ctx, size, align, api)| Op::Alloc { ctx, size, align, api }),
        14 => any::<Index>().prop_map(|which| Op::Free { which }),
        10 => (any::<Index>(), size_strategy()).prop_map(|(which, size)| Op::Realloc { which, size }),
        3 => any::<Index>().prop_map(|ctx| Op::Reset { ctx }),
        2 => any::<Index>().prop_map(|ctx| Op::Delete { ctx }),
        5 => (any::<Index>(), 0u8..3).prop_map(|(parent, sizes)| Op::CreateChild { parent, sizes }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(child, parent)| Op::SetParent { child, parent }),
        1 => Just(Op::VerifyAll),
    ]
}

struct Ctx {
    handle: MemoryContext,
    parent: Option<usize>,
}

struct Live {
    ctx: usize,
    ptr: NonNull<u8>,
    size: usize,
    align: usize,
    api: bool,
    footprint: usize,
    /// In a dedicated block (request above the chunk limit at allocation).
    dedicated: bool,
    seed: u8,
}

impl Live {
    fn layout(&self) -> Layout {
        Layout::from_size_align(self.size, self.align).unwrap()
    }

    fn fill(&self) {
        // SAFETY: `size` bytes at `ptr` are live and exclusively ours.
        let s = unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.size) };
        for (i, b) in s.iter_mut().enumerate() {
            *b = self.seed.wrapping_add((i as u8).wrapping_mul(31));
        }
    }

    fn verify(&self, len: usize, what: &str) {
        // SAFETY: `len <= size` bytes at `ptr` are live.
        let s = unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), len) };
        for (i, b) in s.iter().enumerate() {
            assert_eq!(*b, self.seed.wrapping_add((i as u8).wrapping_mul(31)), "{what}: corrupt byte {i} of {len}");
        }
    }
}

struct Model {
    ctxs: Vec<Option<Ctx>>,
    live: Vec<Live>,
    /// Handles of deleted contexts, to check they report deletion.
    dead: Vec<MemoryContext>,
    next_seed: u8,
}

impl Model {
    fn live_ctx_ids(&self) -> Vec<usize> {
        self.ctxs.iter().enumerate().filter(|(_, c)| c.is_some()).map(|(i, _)| i).collect()
    }

    fn ctx(&self, i: usize) -> &Ctx {
        self.ctxs[i].as_ref().unwrap()
    }

    /// `i` and all its descendants in the model.
    fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let p = out[k];
            for (j, c) in self.ctxs.iter().enumerate() {
                if c.as_ref().is_some_and(|c| c.parent == Some(p)) {
                    out.push(j);
                }
            }
            k += 1;
        }
        out
    }

    fn free_live(&mut self, idx: usize) {
        let l = self.live.swap_remove(idx);
        l.verify(l.size, "free");
        if l.api {
            let h = &self.ctx(l.ctx).handle;
            // SAFETY: live chunk allocated through this allocator with this layout.
            unsafe { h.deallocate(l.ptr, l.layout()) };
        } else {
            // SAFETY: live chunk, freed once.
            unsafe { pfree(l.ptr) };
        }
    }

    /// Frees (like dropping the collections) every `Allocator`-trait chunk in
    /// the subtree, then forgets every other chunk in it.
    fn before_reset(&mut self, subtree: &[usize], delete_root: bool, root: usize) {
        let mut i = 0;
        while i < self.live.len() {
            if subtree.contains(&self.live[i].ctx) && self.live[i].api {
                self.free_live(i);
            } else {
                i += 1;
            }
        }
        for l in &self.live {
            if subtree.contains(&l.ctx) {
                l.verify(l.size, "before reset");
            }
        }
        self.live.retain(|l| !subtree.contains(&l.ctx));
        for &c in subtree {
            if c != root || delete_root {
                let gone = self.ctxs[c].take().unwrap();
                self.dead.push(gone.handle);
            }
        }
    }

    fn apply(&mut self, op: Op) {
        let ids = self.live_ctx_ids();
        match op {
            Op::Alloc { ctx, size, align, api } => {
                let c = *ctx.get(&ids);
                let h = self.ctx(c).handle.clone();
                let limit = h.chunk_limit();
                let ptr = if api {
                    h.allocate(Layout::from_size_align(size, align).unwrap()).unwrap().cast()
                } else if align <= MAXIMUM_ALIGNOF {
                    h.alloc(size)
                } else {
                    h.alloc_aligned(size, align)
                };
                assert_eq!(ptr.as_ptr() as usize % align.max(MAXIMUM_ALIGNOF), 0, "misaligned");
                let req = if align <= MAXIMUM_ALIGNOF { size } else { size + align };
                let seed = self.next_seed;
                self.next_seed = self.next_seed.wrapping_add(1);
                let l = Live {
                    ctx: c,
                    ptr,
                    size,
                    align: align.max(1),
                    api,
                    footprint: chunk_footprint(size, align, limit),
                    dedicated: req > limit,
                    seed,
                };
                l.fill();
                self.live.push(l);
            }
            Op::Free { which } => {
                if !self.live.is_empty() {
                    let i = which.index(self.live.len());
                    self.free_live(i);
                }
            }
            Op::Realloc { which, size } => {
                if self.live.is_empty() {
                    return;
                }
                let i = which.index(self.live.len());
                let limit = self.ctx(self.live[i].ctx).handle.chunk_limit();
                let l = &mut self.live[i];
                l.verify(l.size, "before realloc");
                let new_ptr = if l.api {
                    let h = &self.ctxs[l.ctx].as_ref().unwrap().handle;
                    let new_layout = Layout::from_size_align(size, l.align).unwrap();
                    // SAFETY: live chunk with layout l.layout().
                    let p = unsafe {
                        if size >= l.size {
                            h.grow(l.ptr, l.layout(), new_layout)
                        } else {
                            h.shrink(l.ptr, l.layout(), new_layout)
                        }
                    };
                    p.unwrap().cast()
                } else {
                    // SAFETY: live chunk; the old pointer is replaced below.
                    unsafe { repalloc(l.ptr, size) }
                };
                assert_eq!(new_ptr.as_ptr() as usize % l.align.max(MAXIMUM_ALIGNOF), 0, "realloc lost alignment");
                // Footprint rules of AllocSetRealloc.
                if l.align > MAXIMUM_ALIGNOF {
                    l.footprint = chunk_footprint(size, l.align, limit);
                    l.dedicated = size + l.align > limit;
                } else if l.dedicated {
                    l.footprint = ALLOC_CHUNKHDRSZ + maxalign(size);
                } else if size <= l.footprint - ALLOC_CHUNKHDRSZ {
                    assert_eq!(new_ptr, l.ptr, "a fitting small chunk is resized in place");
                } else {
                    l.footprint = chunk_footprint(size, 8, limit);
                    l.dedicated = size > limit;
                }
                let kept = l.size.min(size);
                l.ptr = new_ptr;
                l.verify(kept, "after realloc");
                l.size = size;
                l.fill();
            }
            Op::Reset { ctx } => {
                let c = *ctx.get(&ids);
                let sub = self.subtree(c);
                let h = self.ctx(c).handle.clone();
                self.before_reset(&sub, false, c);
                h.reset();
                assert!(h.children().is_empty());
                let st = h.stats();
                assert_eq!(st.total_nblocks, 1, "reset keeps only the keeper");
                assert_eq!(st.used_bytes(), ALLOC_BLOCKHDRSZ);
            }
            Op::Delete { ctx } => {
                let c = *ctx.get(&ids);
                if c == 0 {
                    return; // the root stays
                }
                let sub = self.subtree(c);
                let h = self.ctx(c).handle.clone();
                let parent = self.ctx(c).parent.map(|p| self.ctx(p).handle.clone());
                self.before_reset(&sub, true, c);
                h.delete();
                assert!(h.is_deleted());
                assert!(!parent.unwrap().children().contains(&h));
            }
            Op::CreateChild { parent, sizes } => {
                let p = *parent.get(&ids);
                let sizes = [AllocSetSizes::DEFAULT, AllocSetSizes::SMALL, AllocSetSizes::START_SMALL][sizes as usize];
                let h = self.ctx(p).handle.create_child_with("Child", sizes);
                self.ctxs.push(Some(Ctx { handle: h, parent: Some(p) }));
            }
            Op::SetParent { child, parent } => {
                let (c, p) = (*child.get(&ids), *parent.get(&ids));
                if c == 0 || self.subtree(c).contains(&p) {
                    return;
                }
                let (hc, hp) = (self.ctx(c).handle.clone(), self.ctx(p).handle.clone());
                hc.set_parent(Some(&hp));
                self.ctxs[c].as_mut().unwrap().parent = Some(p);
                assert_eq!(hc.parent(), Some(hp));
            }
            Op::VerifyAll => {
                for l in &self.live {
                    l.verify(l.size, "periodic check");
                }
            }
        }
    }

    fn check_accounting(&self) {
        let mut grand = MemoryContextCounters::default();
        for id in self.live_ctx_ids() {
            let h = &self.ctx(id).handle;
            let st = h.stats();
            grand.add(&st);
            let mine: Vec<&Live> = self.live.iter().filter(|l| l.ctx == id).collect();
            let footprints: usize = mine.iter().map(|l| l.footprint).sum();
            assert_eq!(st.total_bytes - st.free_bytes, st.used_bytes());
            assert_eq!(
                st.used_bytes(),
                st.total_nblocks * ALLOC_BLOCKHDRSZ + footprints,
                "context {id}: used_bytes != blocks * {ALLOC_BLOCKHDRSZ} + Σ footprints ({st:?})"
            );
            let dedicated = mine.iter().filter(|l| l.dedicated).count();
            assert!(st.total_nblocks > dedicated, "context {id}: {st:?} vs {dedicated} dedicated chunks");
            assert_eq!(h.live_collection_chunks(), mine.iter().filter(|l| l.api).count());
            assert_eq!(h.mem_allocated(false), st.total_bytes);
            let parent = h.parent();
            assert_eq!(parent.as_ref(), self.ctx(id).parent.map(|p| &self.ctx(p).handle));
        }
        let root = &self.ctx(0).handle;
        assert_eq!(root.stats_recursive(), grand);
        assert_eq!(root.rows().len(), self.live_ctx_ids().len());
        root.check();
        for d in &self.dead {
            assert!(d.is_deleted());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_memory_and_accounting_exact(ops in proptest::collection::vec(op_strategy(), 1..120)) {
        let root = MemoryContext::new_root("ModelRoot", AllocSetSizes::DEFAULT);
        let mut m = Model { ctxs: vec![Some(Ctx { handle: root, parent: None })], live: Vec::new(), dead: Vec::new(), next_seed: 1 };
        for op in ops {
            m.apply(op);
            m.check_accounting();
        }
        // Tear down: verify and free everything, then the tree must be empty.
        while !m.live.is_empty() {
            m.free_live(m.live.len() - 1);
        }
        m.check_accounting();
        let root = m.ctx(0).handle.clone();
        root.reset();
        prop_assert_eq!(root.stats_recursive().used_bytes(), ALLOC_BLOCKHDRSZ);
    }
}

#[test]
fn footprint_rule_examples() {
    // The rule the model relies on, spelled out.
    assert_eq!(chunk_footprint(1, 1, 8192), 8 + 8);
    assert_eq!(chunk_footprint(9, 8, 8192), 8 + 16);
    assert_eq!(chunk_footprint(8192, 8, 8192), 8 + 8192);
    assert_eq!(chunk_footprint(8193, 8, 8192), 8 + 8200);
    assert_eq!(chunk_footprint(100, 16, 8192), 8 + 128);
    assert_eq!(chunk_footprint(2000, 8, 1024), 8 + 2000);
    assert_eq!(class_size(freelist_index(1000)), 1024);
}
