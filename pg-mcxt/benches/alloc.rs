//! Memory contexts vs the system allocator.
//!
//! - `mixed_small`: 1024 allocations of mixed small sizes (8..=1024 bytes,
//!   skewed small), then freeing them all; as `palloc`/`pfree`, as
//!   `palloc` + one `MemoryContextReset` (PostgreSQL's usual pattern), and
//!   with `std::alloc::{alloc, dealloc}`.
//! - `hashbrown_build`: build a 10 000-entry `hashbrown::HashMap` (growing
//!   from empty), drop it, reset the context; against the same map in the
//!   global allocator. Once with `u64` values, once with a small
//!   heap-allocated value per entry.
//!
//! Run: `cargo bench -p pg-mcxt --bench alloc`.

use allocator_api2::vec::Vec as AVec;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hashbrown::HashMap;
use pg_mcxt::{pfree, AllocSetSizes, MemoryContext};
use std::alloc::{alloc, dealloc, Layout};
use std::hint::black_box;
use std::ptr::NonNull;
use std::time::Duration;

const N: usize = 1024;
const ENTRIES: u64 = 10_000;

/// Deterministic mixed sizes: mostly tiny, some up to 1 KB.
fn sizes() -> Vec<usize> {
    let mut x: u32 = 0x9e37_79b9;
    (0..N)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            match x % 8 {
                0..=4 => 8 + (x as usize >> 8) % 56,   // 8..64
                5 | 6 => 64 + (x as usize >> 8) % 192, // 64..256
                _ => 256 + (x as usize >> 8) % 768,    // 256..1024
            }
        })
        .collect()
}

fn mixed_small(c: &mut Criterion) {
    let sizes = sizes();
    let mut g = c.benchmark_group("mixed_small");
    g.throughput(Throughput::Elements(N as u64));
    let ctx = MemoryContext::new_root("BenchContext", AllocSetSizes::DEFAULT);
    let mut ptrs: Vec<NonNull<u8>> = Vec::with_capacity(N);

    g.bench_function("palloc_pfree", |b| {
        b.iter(|| {
            for &s in &sizes {
                ptrs.push(black_box(ctx.alloc(s)));
            }
            // Free in a mixed order: odd indexes first, then even.
            for i in (1..N).step_by(2).chain((0..N).step_by(2)) {
                // SAFETY: each pointer is live and freed once.
                unsafe { pfree(ptrs[i]) };
            }
            ptrs.clear();
        })
    });

    g.bench_function("palloc_reset", |b| {
        b.iter(|| {
            for &s in &sizes {
                black_box(ctx.alloc(s));
            }
            ctx.reset();
        })
    });

    let mut sys: Vec<(*mut u8, Layout)> = Vec::with_capacity(N);
    g.bench_function("system_alloc_dealloc", |b| {
        b.iter(|| {
            for &s in &sizes {
                let l = Layout::from_size_align(s, 8).unwrap();
                // SAFETY: non-zero size.
                let p = unsafe { alloc(l) };
                assert!(!p.is_null());
                sys.push((black_box(p), l));
            }
            for i in (1..N).step_by(2).chain((0..N).step_by(2)) {
                let (p, l) = sys[i];
                // SAFETY: allocated above with this layout, freed once.
                unsafe { dealloc(p, l) };
            }
            sys.clear();
        })
    });
    g.finish();
}

fn hashbrown_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("hashbrown_build");
    g.throughput(Throughput::Elements(ENTRIES));
    let ctx = MemoryContext::new_root("BenchContext", AllocSetSizes::DEFAULT);

    g.bench_function(BenchmarkId::new("u64_values", "context_then_reset"), |b| {
        b.iter(|| {
            let mut m: HashMap<u64, u64, _, &MemoryContext> = HashMap::new_in(&ctx);
            for i in 0..ENTRIES {
                m.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i);
            }
            black_box(m.len());
            drop(m);
            ctx.reset();
        })
    });
    g.bench_function(BenchmarkId::new("u64_values", "global"), |b| {
        b.iter(|| {
            let mut m: HashMap<u64, u64> = HashMap::new();
            for i in 0..ENTRIES {
                m.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), i);
            }
            black_box(m.len());
        })
    });

    g.bench_function(BenchmarkId::new("boxed_values", "context_then_reset"), |b| {
        b.iter(|| {
            let mut m: HashMap<u64, AVec<u8, &MemoryContext>, _, &MemoryContext> = HashMap::new_in(&ctx);
            for i in 0..ENTRIES {
                let mut v = AVec::with_capacity_in(24, &ctx);
                v.extend_from_slice(&i.to_le_bytes());
                m.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), v);
            }
            black_box(m.len());
            drop(m);
            ctx.reset();
        })
    });
    g.bench_function(BenchmarkId::new("boxed_values", "global"), |b| {
        b.iter(|| {
            let mut m: HashMap<u64, Vec<u8>> = HashMap::new();
            for i in 0..ENTRIES {
                let mut v = Vec::with_capacity(24);
                v.extend_from_slice(&i.to_le_bytes());
                m.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15), v);
            }
            black_box(m.len());
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! { name = benches; config = config(); targets = mixed_small, hashbrown_build }
criterion_main!(benches);
