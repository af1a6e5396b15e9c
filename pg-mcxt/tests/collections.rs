//! Standard collections living in memory contexts through
//! `allocator_api2::alloc::Allocator`: `allocator_api2::vec::Vec` and
//! `hashbrown::HashMap`, and the rule that a context cannot be reset or
//! deleted under a live collection.

use allocator_api2::alloc::{Allocator, Layout};
use allocator_api2::vec::Vec as AVec;
use hashbrown::HashMap;
use pg_mcxt::{AllocSetSizes, MemoryContext, ALLOC_BLOCKHDRSZ};
use std::panic::{catch_unwind, AssertUnwindSafe};

fn root(name: &'static str) -> MemoryContext {
    MemoryContext::new_root(name, AllocSetSizes::DEFAULT)
}

#[test]
fn vec_lives_in_a_context() {
    let top = root("Top");
    let ctx = top.create_child("VecContext");
    let mut v: AVec<u64, MemoryContext> = AVec::new_in(ctx.clone());
    for i in 0..10_000u64 {
        v.push(i * 3);
    }
    assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64 * 3));
    let st = ctx.stats();
    assert!(st.used_bytes() >= 80_000, "{st:?}");
    assert_eq!(ctx.live_collection_chunks(), 1);
    v.shrink_to_fit();
    v.truncate(10);
    v.shrink_to_fit();
    assert_eq!(&v[..3], &[0, 3, 6]);
    drop(v);
    assert_eq!(ctx.live_collection_chunks(), 0);
    ctx.reset();
    assert_eq!(ctx.stats().used_bytes(), ALLOC_BLOCKHDRSZ);
    ctx.check();
}

#[test]
fn vec_by_reference_and_alignment() {
    let ctx = root("Ref");
    let mut v: AVec<u128, &MemoryContext> = AVec::new_in(&ctx);
    for i in 0..1000u128 {
        v.push(i << 64);
        assert_eq!(v.as_ptr() as usize % std::mem::align_of::<u128>(), 0);
    }
    assert_eq!(v[999], 999u128 << 64);
    let mut z: AVec<u8, &MemoryContext> = AVec::new_in(&ctx);
    z.resize(5000, 0);
    assert!(z.iter().all(|&b| b == 0));
    drop((v, z));
    ctx.check();
    ctx.reset();
}

#[test]
fn hashbrown_map_lives_in_a_context() {
    let ctx = root("HashContext");
    let mut map: HashMap<u64, AVec<u8, MemoryContext>, _, MemoryContext> = HashMap::new_in(ctx.clone());
    for i in 0..5000u64 {
        let mut val = AVec::new_in(ctx.clone());
        val.extend_from_slice(&i.to_le_bytes());
        map.insert(i, val);
    }
    for i in (0..5000u64).step_by(7) {
        assert_eq!(map[&i].as_slice(), &i.to_le_bytes());
    }
    for i in (0..5000u64).step_by(2) {
        map.remove(&i);
    }
    assert_eq!(map.len(), 2500);
    // One table allocation plus one per value.
    assert_eq!(ctx.live_collection_chunks(), 2501);
    let rows = ctx.rows();
    assert!(rows[0].used_bytes > 2500 * 16);
    ctx.check();
    drop(map);
    assert_eq!(ctx.live_collection_chunks(), 0);
    ctx.reset();
    assert_eq!(ctx.stats().total_nblocks, 1);
}

#[test]
fn reset_under_a_live_collection_panics_and_leaves_it_intact() {
    let top = root("Top");
    let ctx = top.create_child("Busy");
    let mut v: AVec<u32, MemoryContext> = AVec::new_in(ctx.clone());
    v.extend(0..100);
    let err = catch_unwind(AssertUnwindSafe(|| ctx.reset())).unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert!(msg.contains("cannot reset memory context \"Busy\""), "{msg}");
    // Deleting or resetting an ancestor is refused too.
    assert!(catch_unwind(AssertUnwindSafe(|| top.reset())).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| top.delete_children())).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| ctx.delete())).is_err());
    assert!(!ctx.is_deleted());
    assert_eq!(v.iter().sum::<u32>(), 4950);
    v.push(7);
    ctx.check();
    drop(v);
    top.reset();
    assert!(ctx.is_deleted());
}

#[test]
fn allocator_trait_edge_cases() {
    let ctx = root("Edges");
    // Zero-sized allocations do not touch the context.
    let z = ctx.allocate(Layout::from_size_align(0, 64).unwrap()).unwrap();
    assert_eq!(z.as_ptr() as *mut u8 as usize % 64, 0);
    // SAFETY: allocated above with this layout.
    unsafe { ctx.deallocate(z.cast(), Layout::from_size_align(0, 64).unwrap()) };
    assert_eq!(ctx.live_collection_chunks(), 0);
    // Zeroed, grown with a different alignment, then shrunk.
    let l1 = Layout::from_size_align(100, 8).unwrap();
    let p = ctx.allocate_zeroed(l1).unwrap();
    // SAFETY: 100 initialised bytes.
    assert!(unsafe { std::slice::from_raw_parts(p.as_ptr() as *const u8, 100) }.iter().all(|&b| b == 0));
    let l2 = Layout::from_size_align(20_000, 32).unwrap();
    // SAFETY: `p` is live with layout l1; l2 is larger.
    let q = unsafe { ctx.grow_zeroed(p.cast(), l1, l2) }.unwrap();
    assert_eq!(q.as_ptr() as *mut u8 as usize % 32, 0);
    // SAFETY: 20000 initialised bytes.
    assert!(unsafe { std::slice::from_raw_parts(q.as_ptr() as *const u8, 20_000) }.iter().all(|&b| b == 0));
    let l3 = Layout::from_size_align(10, 32).unwrap();
    // SAFETY: `q` is live with layout l2.
    let r = unsafe { ctx.shrink(q.cast(), l2, l3) }.unwrap();
    assert_eq!(ctx.live_collection_chunks(), 1);
    // SAFETY: live with layout l3.
    unsafe { ctx.deallocate(r.cast(), l3) };
    assert_eq!(ctx.live_collection_chunks(), 0);
    ctx.check();
}

#[test]
fn collections_keep_a_detached_context_alive() {
    let v;
    {
        let top = root("Gone");
        let ctx = top.create_child("Kept");
        let mut w: AVec<u8, MemoryContext> = AVec::new_in(ctx);
        w.extend_from_slice(b"still here");
        v = w;
    }
    // The tree's root handle is gone; the vector's handle keeps its context.
    assert_eq!(v.as_slice(), b"still here");
    assert_eq!(v.allocator().parent(), None);
}
