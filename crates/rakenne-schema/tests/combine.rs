//! Combining areas' files into a national document: the result is a valid document whose
//! ids are unique and whose every record points back to the same record in its area's
//! file; the same files in any order give the same bytes; each comparability rule is
//! triggered by a file made for it; and a national header is checked (sources, runs).
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rakenne_model::{Labels, Lang};
use rakenne_schema::{
    Combination, CombineInput, Combiner, Document, Error, NationalForm, Rule, Sample, Section,
    combine, validate, validate_ndjson, write_ndjson,
};
use serde_json::Value;

fn thl() -> Labels {
    Labels::new("Terveyden ja hyvinvoinnin laitos").unwrap()
}

/// An area's sample document as JSON.
fn area_file(seed: u64, area: &str, clients: usize) -> Vec<u8> {
    let document = Sample::new(seed)
        .area(area.parse().unwrap())
        .clients(clients)
        .document();
    serde_json::to_vec(&document).unwrap()
}

fn combined(files: &[(&str, &[u8])]) -> Combination {
    let inputs: Vec<CombineInput<'_>> = files
        .iter()
        .map(|(name, bytes)| CombineInput::new(name, bytes))
        .collect();
    combine(&inputs, &thl(), Lang::En)
}

fn rules_of(combination: &Combination, file: &str) -> Vec<Rule> {
    combination
        .files
        .iter()
        .find(|f| f.file == file)
        .unwrap()
        .report
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

fn included(combination: &Combination, file: &str) -> bool {
    combination
        .files
        .iter()
        .find(|f| f.file == file)
        .unwrap()
        .included
}

/// Three areas' files.
fn three() -> Vec<(String, Vec<u8>)> {
    vec![
        ("pirkanmaa.json".into(), area_file(1, "08", 60)),
        ("lappi.json".into(), area_file(2, "21", 40)),
        ("helsinki.json".into(), area_file(3, "90", 50)),
    ]
}

fn as_inputs(files: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
    files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect()
}

#[test]
fn the_national_document_is_valid_in_json_and_ndjson() {
    let files = three();
    let combination = combined(&as_inputs(&files));
    assert!(combination.files.iter().all(|f| f.included));
    let national = combination.document.unwrap();
    assert!(national.header.producer.welfare_area.is_none());
    let json = serde_json::to_vec(&national).unwrap();
    let report = validate(&json, Lang::En);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
    let mut ndjson = Vec::new();
    write_ndjson(&national, &mut ndjson).unwrap();
    let report = validate_ndjson(&ndjson[..], Lang::En);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
    // Sources in producer order, whatever the order of the files.
    let areas: Vec<String> = national
        .header
        .sources
        .iter()
        .map(|s| s.producer.welfare_area.unwrap().to_string())
        .collect();
    assert_eq!(areas, ["08", "21", "90"]);
}

#[test]
fn ids_are_unique_and_carry_their_producer() {
    let files = three();
    let national = combined(&as_inputs(&files)).document.unwrap();
    let sum: usize = files
        .iter()
        .map(|(_, b)| {
            serde_json::from_slice::<Document>(b)
                .unwrap()
                .measurements
                .len()
        })
        .sum();
    assert_eq!(national.measurements.len(), sum);
    let mut ids: Vec<&str> = national
        .measurements
        .iter()
        .map(|m| m.id().as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), sum);
    // The samples reuse measurement ids across areas; the prefix tells them apart.
    assert!(
        national
            .measurements
            .iter()
            .any(|m| m.id().as_str() == "08:M00000000-0")
    );
    assert!(
        national
            .measurements
            .iter()
            .any(|m| m.id().as_str() == "21:M00000000-0")
    );
    // Shared definitions are merged: each operating model once.
    let mut models: Vec<&str> = national
        .operating_models
        .iter()
        .map(|m| m.id().as_str())
        .collect();
    let n = models.len();
    models.dedup();
    assert_eq!(models.len(), n);
}

/// `value` with the producer prefix taken off the fields `combine` prefixes.
fn without_prefix(mut value: Value, prefix: &str) -> Value {
    let strip = |v: &mut Value| {
        if let Value::String(s) = v {
            *s = s.strip_prefix(prefix).unwrap().to_owned();
        }
    };
    if let Some(object) = value.as_object_mut() {
        for field in ["id", "implementation"] {
            if let Some(v) = object.get_mut(field) {
                strip(v);
            }
        }
        if let Some(Value::Object(client)) = object.get_mut("client")
            && let Some(v) = client.get_mut("id")
        {
            strip(v);
        }
    }
    value
}

#[test]
fn every_record_points_back_to_the_same_record_in_its_file() {
    let files = three();
    let national = combined(&as_inputs(&files)).document.unwrap();
    let national_json = serde_json::to_value(&national).unwrap();
    let sources: Vec<Value> = files
        .iter()
        .map(|(_, b)| serde_json::from_slice(b).unwrap())
        .collect();
    let shared = [
        Section::OperatingModels,
        Section::Instruments,
        Section::IndicatorDefinitions,
    ];
    let mut checked = 0;
    for section in Section::ALL {
        let records = national_json[section.code()]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, record) in records.iter().enumerate() {
            let (source, run) = national
                .header
                .sources
                .iter()
                .find_map(|s| {
                    s.records
                        .iter()
                        .find(|r| r.section == section && r.source_index(i as u64).is_some())
                        .map(|r| (s, r))
                })
                .unwrap_or_else(|| panic!("{section} {i} has no source"));
            let j = usize::try_from(run.source_index(i as u64).unwrap()).unwrap();
            let position = files.iter().position(|(n, _)| *n == source.file).unwrap();
            let original = &sources[position][section.code()][j];
            let area = source.producer.welfare_area.unwrap();
            let expected = if shared.contains(&section)
                || matches!(section, Section::Indicators | Section::Results)
            {
                record.clone()
            } else {
                without_prefix(record.clone(), &format!("{area}:"))
            };
            assert_eq!(&expected, original, "{section} {i}");
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any order of the files — including a duplicate, two invalid files of the same name
    /// and a national document — gives the same national document, byte for byte, and the
    /// same findings in the same order.
    #[test]
    fn any_order_of_the_files_gives_the_same_bytes(order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle()) {
        let mut files = three();
        // An older file of Lapland for the same year: left out.
        let mut older: Value = serde_json::from_slice(&files[1].1).unwrap();
        older["header"]["created_at"] = Value::String("2025-12-01T08:00:00+02:00".into());
        files.push(("lappi-old.json".into(), serde_json::to_vec(&older).unwrap()));
        files.push(("broken.json".into(), b"{ not json".to_vec()));
        // Another file of the same name from another folder.
        files.push(("elsewhere/broken.json".into(), b"[]".to_vec()));
        let base = combined(&as_inputs(&files[..3])).document.unwrap();
        files.push(("national.json".into(), serde_json::to_vec(&base).unwrap()));
        let reference = combined(&as_inputs(&files));
        let reference_bytes = serde_json::to_vec(&reference.document).unwrap();
        let shuffled: Vec<(String, Vec<u8>)> = order.iter().map(|&i| files[i].clone()).collect();
        let again = combined(&as_inputs(&shuffled));
        prop_assert_eq!(serde_json::to_vec(&again.document).unwrap(), reference_bytes);
        prop_assert_eq!(again.files, reference.files);
    }
}

#[test]
fn a_file_of_another_major_version_is_left_out() {
    let files = three();
    let mut future: Value = serde_json::from_slice(&files[0].1).unwrap();
    future["header"]["format_version"] = Value::String("2.0.0".into());
    let future = serde_json::to_vec(&future).unwrap();
    let c = combined(&[("future.json", &future), ("lappi.json", &files[1].1)]);
    assert_eq!(rules_of(&c, "future.json"), [Rule::CombineFormatVersion]);
    assert!(!included(&c, "future.json") && included(&c, "lappi.json"));
    let finding = &c.files[0].report.findings[0];
    assert!(finding.message.contains("2.0.0") && finding.message.contains("1.x"));
}

#[test]
fn a_period_apart_from_the_others_is_a_warning() {
    let earlier = serde_json::to_vec(
        &Sample::new(9)
            .area("13".parse().unwrap())
            .year(2024)
            .unwrap()
            .clients(20)
            .document(),
    )
    .unwrap();
    let files = three();
    let mut inputs = as_inputs(&files);
    inputs.push(("savo-2024.json", &earlier));
    let c = combined(&inputs);
    assert_eq!(rules_of(&c, "savo-2024.json"), [Rule::CombinePeriod]);
    assert!(included(&c, "savo-2024.json"));
    assert!(rules_of(&c, "lappi.json").is_empty());
    // The national period spans every file.
    let national = c.document.unwrap();
    assert_eq!(national.header.period.to_string(), "2024-01-01/2025-12-31");
}

#[test]
fn other_code_list_versions_are_a_warning() {
    let files = three();
    let mut other: Value = serde_json::from_slice(&files[2].1).unwrap();
    other["header"]["code_lists"]["geography"] = Value::String("2024-01-01".into());
    let other = serde_json::to_vec(&other).unwrap();
    let c = combined(&[
        ("pirkanmaa.json", &files[0].1),
        ("lappi.json", &files[1].1),
        ("helsinki.json", &other),
    ]);
    assert!(rules_of(&c, "helsinki.json").contains(&Rule::CombineCodeLists));
    assert!(included(&c, "helsinki.json"));
    assert!(!rules_of(&c, "lappi.json").contains(&Rule::CombineCodeLists));
}

#[test]
fn a_second_file_of_a_producer_and_period_is_left_out() {
    let files = three();
    let mut newer: Value = serde_json::from_slice(&files[1].1).unwrap();
    newer["header"]["created_at"] = Value::String("2026-02-01T10:00:00+02:00".into());
    let newer = serde_json::to_vec(&newer).unwrap();
    let c = combined(&[("lappi.json", &files[1].1), ("lappi-fixed.json", &newer)]);
    assert_eq!(rules_of(&c, "lappi.json"), [Rule::CombineDuplicate]);
    assert!(included(&c, "lappi-fixed.json") && !included(&c, "lappi.json"));
    let finding = &c
        .files
        .iter()
        .find(|f| f.file == "lappi.json")
        .unwrap()
        .report
        .findings[0];
    assert!(
        finding.message.contains("lappi-fixed.json"),
        "{}",
        finding.message
    );
    assert_eq!(c.document.unwrap().header.sources.len(), 1);
}

/// An area's sample document of `year` as JSON.
fn area_year_file(seed: u64, area: &str, year: i32, clients: usize) -> Vec<u8> {
    let document = Sample::new(seed)
        .area(area.parse().unwrap())
        .year(year)
        .unwrap()
        .clients(clients)
        .document();
    serde_json::to_vec(&document).unwrap()
}

#[test]
fn a_producer_with_files_of_several_periods_gets_the_period_in_its_prefix() {
    // The same seed gives the same ids in both years: only the period tells them apart.
    let files = [
        ("helsinki-2024.json", area_year_file(9, "90", 2024, 40)),
        ("helsinki-2025.json", area_year_file(9, "90", 2025, 40)),
        ("lappi-2025.json", area_year_file(2, "21", 2025, 30)),
    ];
    let inputs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let c = combined(&inputs);
    assert!(files.iter().all(|(name, _)| included(&c, name)));
    // 2024 is off the period most files cover: a warning, not a reason to leave it out.
    assert_eq!(rules_of(&c, "helsinki-2024.json"), [Rule::CombinePeriod]);
    let national = c.document.unwrap();
    let json = serde_json::to_vec(&national).unwrap();
    let report = validate(&json, Lang::En);
    assert!(report.is_valid(), "{}", report.to_text(false));
    let ids: Vec<&str> = national
        .measurements
        .iter()
        .map(|m| m.id().as_str())
        .collect();
    assert!(ids.iter().any(|id| id.starts_with("90:2024:M")));
    assert!(ids.iter().any(|id| id.starts_with("90:2025:M")));
    assert!(ids.iter().any(|id| id.starts_with("21:M")));
    let clients = national
        .measurements
        .iter()
        .map(|m| m.client().id().as_str())
        .find(|id| id.starts_with("90:2024:"));
    assert!(clients.is_some());
    // The provenance names each file with its own period.
    let periods: Vec<String> = national
        .header
        .sources
        .iter()
        .map(|s| format!("{} {}", s.file, s.period))
        .collect();
    assert_eq!(
        periods,
        [
            "lappi-2025.json 2025",
            "helsinki-2024.json 2024",
            "helsinki-2025.json 2025"
        ]
    );
}

#[test]
fn a_file_whose_period_overlaps_another_of_its_producer_is_left_out() {
    let year = area_year_file(9, "90", 2025, 40);
    // A file of the same producer for an 18-month range that holds the whole of 2025,
    // created later: it is kept, the year left out.
    let mut longer: Value = serde_json::from_slice(&area_year_file(10, "90", 2025, 20)).unwrap();
    longer["header"]["period"] = Value::String("2024-07-01/2025-12-31".into());
    longer["header"]["created_at"] = Value::String("2026-03-01T10:00:00+02:00".into());
    let longer = serde_json::to_vec(&longer).unwrap();
    assert!(validate(&longer, Lang::En).is_valid());
    let c = combined(&[("year.json", &year), ("longer.json", &longer)]);
    assert!(included(&c, "longer.json") && !included(&c, "year.json"));
    assert_eq!(rules_of(&c, "year.json"), [Rule::CombineDuplicate]);
    let finding = &c
        .files
        .iter()
        .find(|f| f.file == "year.json")
        .unwrap()
        .report
        .findings[0];
    assert_eq!(finding.params["kept_period"], "2024-07-01/2025-12-31");
    assert!(finding.message.contains("overlaps"), "{}", finding.message);
    // One file left for the producer: the prefix is its code alone.
    let national = c.document.unwrap();
    assert!(national.measurements[0].id().as_str().starts_with("90:M"));
}

#[test]
fn a_differing_shared_definition_is_reported_and_the_first_kept() {
    let files = three();
    let mut changed: Value = serde_json::from_slice(&files[1].1).unwrap();
    changed["operating_models"][0]["name"]["fi"] = Value::String("Toinen nimi".into());
    let id = changed["operating_models"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let changed = serde_json::to_vec(&changed).unwrap();
    let c = combined(&[("pirkanmaa.json", &files[0].1), ("lappi.json", &changed)]);
    assert_eq!(rules_of(&c, "lappi.json"), [Rule::CombineConflict]);
    assert!(included(&c, "lappi.json"));
    let national = c.document.unwrap();
    let model = national
        .operating_models
        .iter()
        .find(|m| m.id().as_str() == id)
        .unwrap();
    assert_ne!(model.name().fi(), "Toinen nimi");
    assert!(validate(&serde_json::to_vec(&national).unwrap(), Lang::En).is_valid());
}

#[test]
fn a_file_with_errors_is_left_out_whole() {
    let files = three();
    let mut broken: Value = serde_json::from_slice(&files[1].1).unwrap();
    broken["measurements"][0]["instrument"] = Value::String("NO-SUCH".into());
    let broken = serde_json::to_vec(&broken).unwrap();
    let c = combined(&[("pirkanmaa.json", &files[0].1), ("lappi.json", &broken)]);
    let rules = rules_of(&c, "lappi.json");
    assert_eq!(rules.last(), Some(&Rule::CombineInvalid));
    assert!(rules.contains(&Rule::UnresolvedReference));
    let national = c.document.unwrap();
    // Not one record of the broken file is in the national document.
    assert!(
        national
            .measurements
            .iter()
            .all(|m| m.id().as_str().starts_with("08:"))
    );
    assert!(
        national
            .social_reports
            .iter()
            .all(|r| r.id().as_str().starts_with("08:"))
    );
}

#[test]
fn a_national_document_is_not_combined_again() {
    let files = three();
    let national = combined(&as_inputs(&files)).document.unwrap();
    let national = serde_json::to_vec(&national).unwrap();
    let c = combined(&[("national.json", &national), ("lappi.json", &files[1].1)]);
    assert_eq!(rules_of(&c, "national.json"), [Rule::CombineNational]);
    assert!(!included(&c, "national.json"));
}

#[test]
fn an_id_too_long_for_the_prefix_leaves_the_file_out() {
    let files = three();
    let mut long: Value = serde_json::from_slice(&files[1].1).unwrap();
    long["social_reports"][0]["id"] = Value::String(format!("R{}", "1".repeat(126)));
    let long = serde_json::to_vec(&long).unwrap();
    assert!(validate(&long, Lang::En).is_valid());
    let c = combined(&[("lappi.json", &long)]);
    assert_eq!(rules_of(&c, "lappi.json"), [Rule::CombineIdTooLong]);
    let finding = &c.files[0].report.findings[0];
    assert_eq!(finding.pointer, "/social_reports/0/id");
    assert!(c.document.is_none());
}

/// The three areas' files, a second file of Lapland's (older, left out) and a file whose
/// measurement id would grow too long (left out after its earlier sections were spooled).
fn five() -> Vec<(String, Vec<u8>)> {
    let mut files = three();
    let mut older: Value = serde_json::from_slice(&files[1].1).unwrap();
    older["header"]["created_at"] = Value::String("2020-01-01T00:00:00Z".into());
    files.push(("lappi-old.json".into(), serde_json::to_vec(&older).unwrap()));
    let mut long: Value = serde_json::from_slice(&area_file(4, "05", 30)).unwrap();
    long["measurements"][2]["id"] = Value::String(format!("M{}", "7".repeat(126)));
    files.push(("kanta-hame.json".into(), serde_json::to_vec(&long).unwrap()));
    files
}

#[test]
fn streaming_through_spool_files_writes_the_bytes_of_the_combination_in_memory() {
    let files = five();
    let in_memory = combined(&as_inputs(&files));
    assert_eq!(
        rules_of(&in_memory, "kanta-hame.json"),
        [Rule::CombineIdTooLong]
    );
    assert!(!included(&in_memory, "lappi-old.json"));
    let document = in_memory.document.unwrap();
    let mut json = Vec::new();
    serde_json::to_writer(&mut json, &document).unwrap();
    let mut ndjson = Vec::new();
    write_ndjson(&document, &mut ndjson).unwrap();

    let spool = std::env::temp_dir();
    for (form, expected) in [(NationalForm::Json, &json), (NationalForm::Ndjson, &ndjson)] {
        let mut combiner = Combiner::new(&thl(), Lang::En).spool_in(&spool).unwrap();
        for (name, bytes) in &files {
            combiner.add(CombineInput::new(name, bytes)).unwrap();
        }
        let mut written = Vec::new();
        let summary = combiner.finish(&mut written, form).unwrap();
        assert!(
            written == *expected,
            "{form:?} differs from the document in memory"
        );
        assert_eq!(summary.files, in_memory.files);
        assert_eq!(summary.header.as_ref(), Some(&document.header));
        let records = document.measurements.len() + document.social_reports.len();
        assert!(summary.records() > records as u64);
    }
    // Spooling in memory first and moving to files later changes nothing.
    let mut combiner = Combiner::new(&thl(), Lang::En);
    combiner
        .add(CombineInput::new(&files[0].0, &files[0].1))
        .unwrap();
    let mut combiner = combiner.spool_in(&spool).unwrap();
    for (name, bytes) in &files[1..] {
        combiner.add(CombineInput::new(name, bytes)).unwrap();
    }
    let mut written = Vec::new();
    combiner.finish(&mut written, NationalForm::Json).unwrap();
    assert!(written == json);
}

#[test]
fn nothing_is_written_when_no_file_can_be_combined() {
    let mut combiner = Combiner::new(&thl(), Lang::En);
    combiner
        .add(CombineInput::new("broken.json", b"{\"header\":"))
        .unwrap();
    let mut written = Vec::new();
    let summary = combiner.finish(&mut written, NationalForm::Json).unwrap();
    assert!(written.is_empty());
    assert!(summary.header.is_none());
    assert_eq!(summary.records(), 0);
    assert!(!summary.files[0].included);
}

#[test]
fn a_spool_folder_that_cannot_be_used_is_a_clear_error() {
    let missing = std::env::temp_dir().join("rakenne-no-such-folder/inside");
    let error = Combiner::new(&thl(), Lang::En)
        .spool_in(&missing)
        .unwrap_err();
    assert!(matches!(error, Error::Spool { .. }));
    let message = error.to_string();
    assert!(message.contains("rakenne-no-such-folder"), "{message}");
    assert!(message.contains("writable"), "{message}");
}

/// Validates a national document changed by `change`; the rules found.
fn national_rules(change: impl Fn(&mut Value)) -> Vec<(Rule, String)> {
    let files = three();
    let national = combined(&as_inputs(&files[..2])).document.unwrap();
    let mut value = serde_json::to_value(&national).unwrap();
    change(&mut value);
    let report = validate(&serde_json::to_vec(&value).unwrap(), Lang::En);
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.pointer.clone()))
        .collect()
}

#[test]
fn a_national_header_must_list_its_sources_and_only_then() {
    let found = national_rules(|v| {
        v["header"].as_object_mut().unwrap().remove("sources");
    });
    assert_eq!(
        found,
        [(Rule::NationalWithoutSources, "/header/producer".into())]
    );
    let found = national_rules(|v| {
        v["header"]["producer"]["welfare_area"] = Value::String("08".into());
    });
    assert_eq!(
        found,
        [(Rule::SourcesOfAreaDocument, "/header/sources".into())]
    );
}

#[test]
fn runs_of_records_must_name_every_record_once() {
    let measurements_run = |v: &Value| {
        v["header"]["sources"][0]["records"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["section"] == "measurements")
            .unwrap()
    };
    // One record too many: outside; and its neighbour's first record named twice.
    let found = national_rules(|v| {
        let r = measurements_run(v);
        let run = &mut v["header"]["sources"][0]["records"][r];
        run["count"] = Value::from(run["count"].as_u64().unwrap() + 1);
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Rule::ProvenanceOverlap);
    // One record too few: a gap.
    let found = national_rules(|v| {
        let r = measurements_run(v);
        let run = &mut v["header"]["sources"][0]["records"][r];
        run["count"] = Value::from(run["count"].as_u64().unwrap() - 1);
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Rule::ProvenanceGap);
    // A run past the end of its section.
    let found = national_rules(|v| {
        let last = v["header"]["sources"].as_array().unwrap().len() - 1;
        let r = measurements_run(
            &serde_json::json!({"header": {"sources": [v["header"]["sources"][last].clone()]}}),
        );
        v["header"]["sources"][last]["records"][r]["first"] = Value::from(1_000_000u64);
    });
    assert!(
        found
            .iter()
            .any(|(rule, _)| *rule == Rule::ProvenanceOutside),
        "{found:?}"
    );
    // The streaming validator finds the same.
    let files = three();
    let national = combined(&as_inputs(&files[..2])).document.unwrap();
    let mut value = serde_json::to_value(&national).unwrap();
    let r = measurements_run(&value);
    let run = &mut value["header"]["sources"][0]["records"][r];
    run["count"] = Value::from(run["count"].as_u64().unwrap() - 1);
    let changed: Document = serde_json::from_value(value).unwrap();
    let mut ndjson = Vec::new();
    write_ndjson(&changed, &mut ndjson).unwrap();
    let report = validate_ndjson(&ndjson[..], Lang::En);
    let rules: Vec<Rule> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::ProvenanceGap]);
    assert_eq!(report.findings[0].line, Some(1));
}
