//! Validation throughput on a generated ~100 MB valid exchange document (seeded
//! [`Sample`], 2025, Pirkanmaa), in MB/s for three readers of the same bytes:
//!
//! - `rakenne validate`: [`rakenne::schema::validate`], every layer (structure by typed
//!   reading — measurements and service episodes through the byte-level screen —,
//!   semantics, privacy), as a receiver runs it;
//! - `jsonschema crate`: parse to `serde_json::Value` and check it against the committed
//!   `schemas/document-1.0.schema.json` with the `jsonschema` crate (formats on; compiling
//!   the schema is not timed; `is_valid`, its fastest mode, since the file is valid);
//! - `serde_json IgnoredAny`: parsing alone, the floor any validator stands on.
//!
//! Run with `cargo bench --bench validate`; `RAKENNE_BENCH_BYTES` changes the size
//! (default 100 000 000).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::model::Lang;
use rakenne::schema::{Sample, validate};
use serde::de::IgnoredAny;

fn validation(c: &mut Criterion) {
    let bytes: u64 = std::env::var("RAKENNE_BENCH_BYTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000_000);
    let document = Sample::new(2025).approximate_bytes(bytes).document();
    let json = serde_json::to_vec(&document).expect("serializes");
    drop(document);
    let report = validate(&json, Lang::En);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));

    let schema_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schemas/document-1.0.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema_path).expect("committed schema"))
            .expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the committed schema compiles");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    assert!(validator.is_valid(&value));
    drop(value);

    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("rakenne validate", |b| {
        b.iter(|| black_box(validate(black_box(&json), Lang::En)));
    });
    group.bench_function("jsonschema crate", |b| {
        b.iter(|| {
            let value: serde_json::Value =
                serde_json::from_slice(black_box(&json)).expect("valid JSON");
            black_box(validator.is_valid(&value))
        });
    });
    group.bench_function("serde_json IgnoredAny", |b| {
        b.iter(|| black_box(serde_json::from_slice::<IgnoredAny>(black_box(&json))));
    });
    group.finish();
}

criterion_group!(benches, validation);
criterion_main!(benches);
