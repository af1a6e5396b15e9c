//! Parsing speed on `benches/sample.sql`, a fixed sample of SQL written for this bench (queries,
//! data changes, DDL and utility statements; see the crate README for the figures and for the
//! comparison with sqlparser-rs on the same sample, `tools/sqlparser-compare`).
//!
//! Run with `cargo bench -p pg-parser`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const SAMPLE: &str = include_str!("sample.sql");

/// The sample's statements, each as its own string (split where the parser says they end).
fn statements() -> Vec<&'static str> {
    let stmts = pg_parser::parse(SAMPLE).expect("the sample parses");
    stmts.iter().map(|s| &SAMPLE[s.location..s.location + s.len]).collect()
}

fn parse_sample(c: &mut Criterion) {
    let stmts = statements();
    let mut group = c.benchmark_group("sample");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    // As a server receives them: one query string per statement.
    group.bench_function("statement by statement", |b| {
        b.iter(|| {
            for s in &stmts {
                black_box(pg_parser::parse(black_box(s)).expect("parses"));
            }
        })
    });
    // As a migration file: one string holding every statement.
    group.bench_function("whole file", |b| b.iter(|| black_box(pg_parser::parse(black_box(SAMPLE)).expect("parses"))));
    // Parsing and printing back (the rewriting use).
    group.bench_function("parse and print", |b| {
        b.iter(|| {
            for s in &stmts {
                for raw in pg_parser::parse(black_box(s)).expect("parses") {
                    black_box(raw.stmt.to_string());
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse_sample);
criterion_main!(benches);
