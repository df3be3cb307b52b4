//! Report rendering against validation of the same document: a generated exchange document
//! with 10 000 social reports spread over the 22 organisers of social care (the 21
//! welfare areas and Helsinki), and the client data of a large pilot area (about 40 000
//! clients: measurements, GAS goals, service episodes and feedback of three pilots).
//!
//! - `effectiveness_evaluation html`: the evaluation report from the typed document —
//!   the evaluation of every implementation with disclosure control, then rendering with
//!   charts — as `rakenne report` runs it after reading the file;
//! - `social_reporting_digest html`: the digest of the 10 000 social reports;
//! - `validate`: [`rakenne::schema::validate`] of the document's JSON bytes.
//!
//! Throughput is in bytes of the document's JSON for all three, so the figures compare
//! directly. Run with `cargo bench --bench report`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::metrics::EvaluationOptions;
use rakenne::model::{Lang, WelfareArea, WelfareAreaKind};
use rakenne::report::{OutputFormat, Reports};
use rakenne::schema::{Document, Sample, validate};
use serde_json::Value;

/// Social reports in the document.
const SOCIAL_REPORTS: usize = 10_000;

/// The sample document with its social reports spread round-robin over the 22
/// organisers, each report in one of its organiser's municipalities.
fn national_document() -> (Document, Vec<u8>) {
    // The sample writes clients / 4 + 3 social reports.
    let sample = Sample::new(2025).clients((SOCIAL_REPORTS - 3) * 4);
    assert_eq!(sample.social_report_count(), SOCIAL_REPORTS);
    let organisers: Vec<&WelfareArea> = WelfareArea::all()
        .iter()
        .filter(|a| a.kind() != WelfareAreaKind::AutonomousRegion)
        .collect();
    assert_eq!(organisers.len(), 22);
    let mut value = serde_json::to_value(sample.document()).expect("serializes");
    let reports = value["social_reports"].as_array_mut().expect("reports");
    for (i, report) in reports.iter_mut().enumerate() {
        let area = organisers[i % organisers.len()];
        let municipalities: Vec<_> = area.municipalities().collect();
        let municipality = municipalities[(i / organisers.len()) % municipalities.len()];
        report["area"] = Value::String(area.code().to_string());
        report["municipality"] = Value::String(municipality.code().to_string());
    }
    let json = serde_json::to_vec(&value).expect("serializes");
    let document: Document = serde_json::from_slice(&json).expect("a valid document");
    (document, json)
}

fn rendering(c: &mut Criterion) {
    let (document, json) = national_document();
    let report = validate(&json, Lang::En);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
    let reports = Reports::new();
    let options = EvaluationOptions::default();
    let render = |name: &str| {
        reports
            .render_document(name, OutputFormat::Html, Lang::Fi, &document, &options)
            .expect("renders")
    };
    eprintln!(
        "document: {} bytes, {} social reports, {} measurements; evaluation report {} bytes",
        json.len(),
        document.social_reports.len(),
        document.measurements.len(),
        render("effectiveness_evaluation").len()
    );

    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Bytes(json.len() as u64));
    for name in ["effectiveness_evaluation", "social_reporting_digest"] {
        group.bench_function(format!("{name} html"), |b| {
            b.iter(|| black_box(render(black_box(name))));
        });
    }
    group.bench_function("validate", |b| {
        b.iter(|| black_box(validate(black_box(&json), Lang::En)));
    });
    group.finish();
}

criterion_group!(benches, rendering);
criterion_main!(benches);
