//! Combining the 22 organisers' files into one national document: 22 generated area
//! documents (seeded [`Sample`]s, sizes roughly by population) with about 1 000 000
//! measurements together. Two ways, throughput in records (all sections) per second:
//!
//! - `22 areas, streamed`: the files one at a time to a [`Combiner`] that spools the
//!   records in temporary files and writes the national JSON document to a file, as
//!   `rakenne combine` does (the way that holds one file in memory at a time);
//! - `22 areas, in memory`: [`rakenne::schema::combine`], which does the same work with the
//!   spools and the national document in memory.
//!
//! Each validates every file, prefixes the areas' ids, merges the shared definitions and
//! builds the provenance.
//!
//! Run with `cargo bench --bench combine`; `RAKENNE_BENCH_MEASUREMENTS` changes the size
//! (default 1 000 000).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::model::{Labels, Lang, WelfareArea, WelfareAreaKind};
use rakenne::schema::{CombineInput, Combiner, NationalForm, Sample, combine};

/// Relative sizes of the organisers' client bases: about their populations in 10 000s.
const WEIGHTS: [(&str, usize); 22] = [
    ("01", 10),
    ("02", 20),
    ("03", 48),
    ("04", 27),
    ("05", 49),
    ("06", 21),
    ("07", 17),
    ("08", 53),
    ("09", 20),
    ("10", 16),
    ("11", 13),
    ("12", 13),
    ("13", 25),
    ("14", 16),
    ("15", 27),
    ("16", 19),
    ("17", 18),
    ("18", 8),
    ("19", 42),
    ("20", 7),
    ("21", 18),
    ("90", 67),
];

fn weight(code: &str) -> usize {
    WEIGHTS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(10, |&(_, w)| w)
}

/// Clients of the sample that calibrates measurements per client.
const PROBE: usize = 2_000;

fn national_inputs(measurements: usize) -> Vec<(String, Vec<u8>)> {
    let organisers: Vec<&WelfareArea> = WelfareArea::all()
        .iter()
        .filter(|a| a.kind() != WelfareAreaKind::AutonomousRegion)
        .collect();
    // Calibrate measurements per client on a small sample (integer arithmetic).
    let probe = Sample::new(1).clients(PROBE).document();
    let clients = measurements * PROBE / probe.measurements.len().max(1);
    let total: usize = organisers.iter().map(|a| weight(a.code().as_str())).sum();
    organisers
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let share = clients * weight(area.code().as_str()) / total;
            let document = Sample::new(2025 + u64::try_from(i).unwrap_or(0))
                .area(area.code())
                .clients(share.max(20))
                .document();
            (
                format!("{}.json", area.code()),
                serde_json::to_vec(&document).expect("serializes"),
            )
        })
        .collect()
}

fn combining(c: &mut Criterion) {
    let measurements: usize = std::env::var("RAKENNE_BENCH_MEASUREMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let files = national_inputs(measurements);
    let inputs: Vec<CombineInput<'_>> = files
        .iter()
        .map(|(name, bytes)| CombineInput::new(name, bytes))
        .collect();
    let thl = Labels::new("Terveyden ja hyvinvoinnin laitos").expect("a label");
    let national = combine(&inputs, &thl, Lang::En)
        .document
        .expect("every generated file combines");
    let records: u64 = national
        .header
        .sources
        .iter()
        .flat_map(|s| &s.records)
        .map(|r| r.count)
        .sum();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    eprintln!(
        "22 files, {bytes} bytes, {records} records, {} measurements",
        national.measurements.len()
    );
    drop(national);

    let mut group = c.benchmark_group("combine");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(records));
    let spool = std::env::temp_dir();
    group.bench_function("22 areas, streamed", |b| {
        b.iter(|| {
            let mut combiner = Combiner::new(&thl, Lang::En)
                .spool_in(&spool)
                .expect("the temporary folder takes spool files");
            for input in &inputs {
                combiner.add(*input).expect("the spool takes the records");
            }
            let mut output = tempfile::tempfile().expect("a temporary output file");
            black_box(
                combiner
                    .finish(&mut output, NationalForm::Json)
                    .expect("the national document is written"),
            )
        });
    });
    group.bench_function("22 areas, in memory", |b| {
        b.iter(|| black_box(combine(black_box(&inputs), &thl, Lang::En)));
    });
    group.finish();
}

criterion_group!(benches, combining);
criterion_main!(benches);
