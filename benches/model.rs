//! Throughput of the model's hot paths at national scale: screening free text for personal
//! identity codes (MB/s) and reading social reports and measurements from JSON (records/s).
//!
//! Run with `cargo bench --bench model`.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::model::{InstrumentAdministration, SocialReport, privacy::hetu};

/// Finnish free text of social-report length, some with a planted code, none repeated
/// exactly, so the scanner sees realistic text rather than one cached string.
fn free_texts(n: usize) -> Vec<String> {
    let phrases = [
        "Nuorten aikuisten häätöuhat ovat lisääntyneet vuokrarästien vuoksi, ",
        "asiakkaat kertovat, ettei sähköinen asiointi onnistu ilman apua; ",
        "toimeentulotuen käsittelyajat ovat pidentyneet (n. 3 viikkoa), ",
        "päihteitä käyttävien asumisyksiköissä on jonoa 2025-03-14 alkaen. ",
    ];
    (0..n)
        .map(|i| {
            let mut text = String::new();
            for j in 0..6 {
                text.push_str(phrases[(i + j) % phrases.len()]);
            }
            let _ = write!(text, "Viite {i:06}.");
            if i % 100 == 0 {
                text.push_str(" Asiakas 131052-308T.");
            }
            text
        })
        .collect()
}

fn social_report_json(i: usize) -> String {
    format!(
        r#"{{"id":"R-{i:07}","reported_on":"2025-03-14","area":"08","municipality":"837","reporter_role":"social_worker","service_class":"social_work","themes":["housing","income_and_debt"],"target_groups":["young_adults"],"prevalence":"recurring","trend":"growing","description":"Nuorten aikuisten häätöuhat ovat lisääntyneet vuokrarästien vuoksi, ja asiakkaat kertovat, ettei sähköinen asiointi onnistu ilman apua.","proposed_action":"Vuokrarästien varhainen tunnistaminen yhdessä vuokranantajien kanssa.","addressees":["welfare_area_management","housing_providers"],"follow_up":"new"}}"#
    )
}

fn measurement_json(i: usize) -> String {
    format!(
        r#"{{"id":"M-{i:07}","instrument":"ORS","client":{{"id":"C-{i:07}","age_group":"age_25_34"}},"implementation":"PIRHA-olohuone-2025","administered_on":"2025-02-03","occasion":"baseline","responses":[{{"item":"individual","value":4.5}},{{"item":"interpersonal","value":6}},{{"item":"social","value":"not_answered"}},{{"item":"overall","value":5.2}}]}}"#
    )
}

fn hetu_scan(c: &mut Criterion) {
    let texts = free_texts(10_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("hetu");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("contains/10k social-report texts", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| hetu::contains(black_box(t)))
                .count()
        });
    });
    group.finish();
}

fn read_records(c: &mut Criterion) {
    let reports: Vec<String> = (0..10_000).map(social_report_json).collect();
    let measurements: Vec<String> = (0..10_000).map(measurement_json).collect();
    let mut group = c.benchmark_group("deserialize");
    group.throughput(Throughput::Elements(reports.len() as u64));
    group.bench_function("social reports", |b| {
        b.iter(|| {
            for json in &reports {
                let report: SocialReport = serde_json::from_str(black_box(json)).expect("valid");
                black_box(report);
            }
        });
    });
    group.throughput(Throughput::Elements(measurements.len() as u64));
    group.bench_function("instrument administrations", |b| {
        b.iter(|| {
            for json in &measurements {
                let m: InstrumentAdministration =
                    serde_json::from_str(black_box(json)).expect("valid");
                black_box(m);
            }
        });
    });
    group.finish();
}

criterion_group!(benches, hetu_scan, read_records);
criterion_main!(benches);
