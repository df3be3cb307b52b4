//! The sample generator: its documents pass every check (rakenne's validator, the
//! committed schema in the `jsonschema` crate, the NDJSON stream), are reproducible, reach
//! the size asked for, and look like the data they stand in for (clients improve by about
//! the amount the generator intends; nothing personal in any text).
#![allow(clippy::unwrap_used, clippy::cast_precision_loss)]

use std::path::PathBuf;

use rakenne_metrics::builtin;
use rakenne_model::{CodeList, InstrumentAdministration, Lang, Occasion, WelfareArea};
use rakenne_schema::{Sample, validate, validate_ndjson};
use rust_decimal::prelude::ToPrimitive;

fn validator() -> jsonschema::Validator {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/document-1.0.schema.json");
    let schema: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn samples_of_every_area_pass_every_check() {
    let schema = validator();
    for (i, area) in WelfareArea::all().iter().enumerate() {
        let sample = Sample::new(i as u64).area(area.code()).clients(30);
        let document = sample.document();
        let json = serde_json::to_vec(&document).unwrap();
        let report = validate(&json, Lang::En);
        assert!(
            report.findings.is_empty(),
            "{}: {}",
            area.code(),
            report.to_text(false)
        );
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", area.code());
        let mut ndjson = Vec::new();
        sample.write_ndjson(&mut ndjson).unwrap();
        let report = validate_ndjson(&ndjson[..], Lang::En);
        assert!(
            report.findings.is_empty(),
            "{}: {}",
            area.code(),
            report.to_text(false)
        );
        assert_eq!(
            serde_json::from_slice::<rakenne_schema::Document>(&json).unwrap(),
            document
        );
    }
}

#[test]
fn other_years_are_consistent_too() {
    for year in [1990, 2024, 2099] {
        let json = serde_json::to_vec(&Sample::new(9).year(year).unwrap().document()).unwrap();
        let report = validate(&json, Lang::En);
        assert!(
            report.findings.is_empty(),
            "{year}: {}",
            report.to_text(false)
        );
    }
}

#[test]
fn the_size_asked_for_is_reached() {
    for bytes in [1_000_000u64, 8_000_000] {
        let json = serde_json::to_vec(&Sample::new(3).approximate_bytes(bytes).document()).unwrap();
        let ratio = json.len() as f64 / bytes as f64;
        assert!((0.97..1.03).contains(&ratio), "{bytes}: {}", json.len());
    }
    // Tiny requests give a document with the fixed parts only.
    assert_eq!(Sample::new(3).approximate_bytes(10).client_count(), 0);
}

/// Mean total at baseline and follow-up of the clients measured on `instrument`.
fn means(measurements: &[InstrumentAdministration], instrument: &str) -> (f64, f64, usize) {
    let definition = builtin::all()
        .into_iter()
        .find(|d| d.id.as_str() == instrument)
        .unwrap();
    let (mut sums, mut counts) = ([0.0; 2], [0usize; 2]);
    for m in measurements
        .iter()
        .filter(|m| m.instrument().as_str() == instrument)
    {
        let Some(total) = definition.valid_total(m).unwrap() else {
            continue;
        };
        let k = match m.occasion() {
            Occasion::Baseline => 0,
            Occasion::FollowUp => 1,
            _ => continue,
        };
        sums[k] += total.to_f64().unwrap();
        counts[k] += 1;
    }
    (
        sums[0] / counts[0] as f64,
        sums[1] / counts[1] as f64,
        counts[1],
    )
}

#[test]
fn clients_change_as_intended() {
    let document = Sample::new(2025).clients(4000).document();
    // PHQ-9 (lower is better): baseline around 12, about 3 points better at follow-up.
    let (before, after, n) = means(&document.measurements, "PHQ-9");
    assert!(n > 800, "{n}");
    assert!((10.0..14.0).contains(&before), "{before}");
    assert!((1.5..5.0).contains(&(before - after)), "{before} → {after}");
    // ORS (higher is better): baseline near the clinical cut-off 25, a few points up.
    let (before, after, _) = means(&document.measurements, "ORS");
    assert!((16.0..24.0).contains(&before), "{before}");
    assert!((1.5..6.0).contains(&(after - before)), "{before} → {after}");
    // About 85 % of clients are followed up.
    let baselines = document
        .measurements
        .iter()
        .filter(|m| m.occasion() == Occasion::Baseline)
        .count();
    let follow_ups = document
        .measurements
        .iter()
        .filter(|m| m.occasion() == Occasion::FollowUp)
        .count();
    let share = follow_ups as f64 / baselines as f64;
    assert!((0.82..0.88).contains(&share), "{share}");
    // Every theme of the code list except "other" and "health" appears in reports.
    let themes: std::collections::BTreeSet<_> = document
        .social_reports
        .iter()
        .map(rakenne_model::SocialReport::main_theme)
        .collect();
    assert!(themes.len() >= 10 && themes.len() < rakenne_model::PhenomenonTheme::all().len());
}

#[test]
fn the_stream_is_lazy_and_matches_the_document() {
    let sample = Sample::new(77).clients(50);
    let lines: Vec<_> = sample.lines().collect();
    let mut from_lines = Vec::new();
    for line in &lines {
        serde_json::to_writer(&mut from_lines, line).unwrap();
        from_lines.push(b'\n');
    }
    let mut written = Vec::new();
    sample.write_ndjson(&mut written).unwrap();
    assert_eq!(from_lines, written);
    let mut via_document = Vec::new();
    rakenne_schema::write_ndjson(&sample.document(), &mut via_document).unwrap();
    assert_eq!(written, via_document);
}
