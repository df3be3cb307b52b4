//! CSV sheets of a generated document (seeded [`Sample`], about 20 MB as JSON): writing
//! the measurement section as a Finnish Excel sheet, and importing it back into the
//! document (reading, type conversion by the schema, and the full validation of the
//! document), in records per second and sheet bytes per second.
//!
//! Run with `cargo bench --bench csv`; `RAKENNE_BENCH_BYTES` changes the document size
//! (default 20 000 000).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::model::Lang;
use rakenne::schema::{CsvDialect, Sample, Section, import_csv, write_csv};

fn sheets(c: &mut Criterion) {
    let bytes: u64 = std::env::var("RAKENNE_BENCH_BYTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000_000);
    let document = Sample::new(2025).approximate_bytes(bytes).document();
    let records = document.measurements.len() as u64;
    let mut sheet = Vec::new();
    write_csv(
        &document,
        Section::Measurements,
        CsvDialect::ExcelFinnish,
        &mut sheet,
    )
    .expect("writes");
    let mut base = document.clone();
    base.measurements.clear();
    let import = import_csv(&sheet, Section::Measurements, &base, Lang::En);
    assert!(
        import.report.findings.is_empty(),
        "{}",
        import.report.to_text(false)
    );
    assert_eq!(import.document.as_ref(), Some(&document));

    let mut group = c.benchmark_group("csv measurements");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(records));
    group.bench_function("write (records)", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(sheet.len());
            write_csv(
                black_box(&document),
                Section::Measurements,
                CsvDialect::ExcelFinnish,
                &mut out,
            )
            .expect("writes");
            out
        });
    });
    group.bench_function("import and validate (records)", |b| {
        b.iter(|| import_csv(black_box(&sheet), Section::Measurements, &base, Lang::En));
    });
    group.throughput(Throughput::Bytes(sheet.len() as u64));
    group.bench_function("import and validate (bytes)", |b| {
        b.iter(|| import_csv(black_box(&sheet), Section::Measurements, &base, Lang::En));
    });
    group.finish();
}

criterion_group!(benches, sheets);
criterion_main!(benches);
