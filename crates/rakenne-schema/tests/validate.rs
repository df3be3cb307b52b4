//! The validator on real documents: the examples are valid, every kind of problem is
//! found with its rule, location and localized message, and no finding quotes personal
//! data.

use rakenne_model::Lang;
use rakenne_schema::{Report, Rule, Severity, validate};
use serde_json::{Value, json};

fn example() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/documents/pirkanmaa-2025.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("example is committed"))
        .expect("JSON")
}

fn check(document: &Value) -> Report {
    validate(&serde_json::to_vec(document).expect("serializes"), Lang::En)
}

fn rules(report: &Report) -> Vec<(Rule, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.pointer.clone()))
        .collect()
}

#[test]
fn example_documents_have_no_findings() {
    for name in ["pirkanmaa-2025.json", "minimal.json", "national-2025.json"] {
        let path = format!(
            "{}/../../examples/documents/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let report = validate(&std::fs::read(path).expect("readable"), Lang::Fi);
        assert!(report.findings.is_empty(), "{name}: {:?}", report.findings);
        assert!(report.is_valid());
        assert_eq!(
            report.checked_against.format_version.as_deref(),
            Some("1.0.0")
        );
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let report = validate(b"{\n  \"header\": {,\n}", Lang::Sv);
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(
        (finding.rule, finding.params["line"].clone()),
        (Rule::NotJson, json!(2))
    );
    assert!(
        finding.message.starts_with("Filen är inte giltig JSON"),
        "{}",
        finding.message
    );
}

#[test]
fn a_newer_version_is_refused_clearly() {
    let mut doc = example();
    doc["header"]["format_version"] = json!("1.7.0");
    let report = check(&doc);
    assert_eq!(
        rules(&report),
        [(
            Rule::UnsupportedVersion,
            "/header/format_version".to_owned()
        )]
    );
    assert!(report.findings[0].message.contains("1.7.0"));
}

#[test]
fn every_structural_problem_is_listed() {
    let mut doc = example();
    doc["header"]["period"] = json!("2025-Q5");
    doc["social_reports"][0]["themes"] = json!(["homelessness"]);
    doc["social_reports"][0]
        .as_object_mut()
        .unwrap()
        .remove("trend");
    doc["gas_goals"][0]["follow_up_level"] = json!(3);
    let report = check(&doc);
    let pointers: Vec<&str> = report.findings.iter().map(|f| f.pointer.as_str()).collect();
    for expected in [
        "/header/period",
        "/social_reports/0/themes/0",
        "/social_reports/0",
        "/gas_goals/0/follow_up_level",
    ] {
        assert!(
            pointers.contains(&expected),
            "{expected} not in {pointers:?}"
        );
    }
    assert!(report.findings.iter().all(|f| f.rule == Rule::Structure));
    assert!(report.by_severity[&Severity::Error] >= 4);
}

#[test]
fn record_rules_beyond_the_schema_are_reported_with_their_location() {
    let mut doc = example();
    // Helsinki (091) is not in Pirkanmaa (08): the schema cannot know, the record can.
    doc["social_reports"][0]["municipality"] = json!("091");
    let report = check(&doc);
    assert_eq!(
        rules(&report),
        [(Rule::Record, "/social_reports/0".to_owned())]
    );
    assert!(
        report.findings[0]
            .message
            .contains("municipality 091 belongs to welfare area 90"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn semantics_duplicate_ids_references_instruments_and_periods() {
    let mut doc = example();
    let copy = doc["social_reports"][0].clone();
    doc["social_reports"].as_array_mut().unwrap().push(copy);
    doc["measurements"][0]["implementation"] = json!("NO-SUCH-PILOT");
    doc["measurements"][0]["responses"][0]["value"] = json!(11);
    doc["feedback"][0]["given_on"] = json!("2024-12-31");
    let report = check(&doc);
    let found = rules(&report);
    let id = doc["social_reports"][0]["id"].as_str().unwrap();
    let last = doc["social_reports"].as_array().unwrap().len() - 1;
    assert!(
        found.contains(&(Rule::DuplicateId, format!("/social_reports/{last}/id"))),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::UnresolvedReference,
            "/measurements/0/implementation".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(Rule::Measurement, "/measurements/0".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(Rule::OutsidePeriod, "/feedback/0/given_on".to_owned())),
        "{found:?}"
    );
    let duplicate = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::DuplicateId)
        .unwrap();
    assert_eq!(duplicate.params["id"], json!(id));
    // The period finding is a warning; the others are errors.
    let outside = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::OutsidePeriod)
        .unwrap();
    assert_eq!(outside.severity, Severity::Warning);
}

#[test]
fn personal_data_is_found_and_never_quoted() {
    let mut doc = example();
    doc["social_reports"][0]["description"] =
        json!("Asiakas 131052-308T, puh. 040 123 4567, matti@example.fi");
    doc["measurements"][0]["client"]["id"] = json!("010594Y9032");
    let report = check(&doc);
    let found = rules(&report);
    assert!(
        found.contains(&(
            Rule::PersonalIdentityCode,
            "/social_reports/0/description".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::PersonalIdentityCode,
            "/measurements/0/client/id".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::EmailAddress,
            "/social_reports/0/description".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::PhoneNumber,
            "/social_reports/0/description".to_owned()
        )),
        "{found:?}"
    );
    let text = serde_json::to_string(&report).unwrap();
    for secret in ["131052", "308T", "010594", "4567", "matti"] {
        assert!(!text.contains(secret), "the report quotes {secret}: {text}");
    }
}

#[test]
fn messages_come_in_three_languages() {
    let mut doc = example();
    doc["social_reports"][0]["description"] = json!("Asiakas 131052-308T");
    let bytes = serde_json::to_vec(&doc).unwrap();
    let fi = validate(&bytes, Lang::Fi);
    let sv = validate(&bytes, Lang::Sv);
    let en = validate(&bytes, Lang::En);
    assert!(fi.findings[0].message.contains("henkilötunnus"));
    assert!(sv.findings[0].message.contains("personbeteckning"));
    assert!(en.findings[0].message.contains("personal identity code"));
    assert_eq!(fi.findings[0].rule, en.findings[0].rule);
}

/// Open code lists take local codes with an advisory; closed lists refuse unknown codes.
#[test]
fn local_codes_in_open_lists_are_advisories() {
    let mut document = example();
    document["social_reports"][0]["target_groups"] = json!(["young_adults", "romani_families"]);
    document["social_reports"][0]["addressees"] = json!(["municipal_youth_council"]);
    document["operating_models"][0]["target_groups"] = json!(["students_in_vocational_school"]);
    let report = check(&document);
    assert!(report.is_valid(), "{}", report.to_text(false));
    assert_eq!(
        rules(&report),
        [
            (
                Rule::LocalCode,
                "/social_reports/0/target_groups/1".to_owned()
            ),
            (Rule::LocalCode, "/social_reports/0/addressees/0".to_owned()),
            (
                Rule::LocalCode,
                "/operating_models/0/target_groups/0".to_owned()
            ),
        ]
    );
    let finding = &report.findings[0];
    assert_eq!(finding.severity, Severity::Advisory);
    assert_eq!(finding.params["code"], "romani_families");
    assert_eq!(finding.params["list"], "target_group");
    assert!(
        finding.hint.contains("schemas/code-lists/target_group.csv"),
        "{}",
        finding.hint
    );

    // The same document as NDJSON gives the same advisories on the records' lines.
    let typed: rakenne_schema::Document = serde_json::from_value(document.clone()).expect("reads");
    let mut ndjson = Vec::new();
    rakenne_schema::write_ndjson(&typed, &mut ndjson).expect("writes");
    let streamed = rakenne_schema::validate_ndjson(&ndjson[..], Lang::En);
    let found: Vec<(Rule, String, Option<u64>)> = streamed
        .findings
        .iter()
        .map(|f| (f.rule, f.pointer.clone(), f.line))
        .collect();
    assert_eq!(
        found,
        [
            (
                Rule::LocalCode,
                "/record/target_groups/1".to_owned(),
                Some(2)
            ),
            (Rule::LocalCode, "/record/addressees/0".to_owned(), Some(2)),
            (
                Rule::LocalCode,
                "/record/target_groups/0".to_owned(),
                Some(3)
            ),
        ]
    );

    // A closed list refuses what is not its code; an open one refuses what is not a code.
    let mut closed = example();
    closed["social_reports"][0]["themes"] = json!(["romani_families"]);
    let mut not_a_code = example();
    not_a_code["social_reports"][0]["target_groups"] = json!(["Romani families"]);
    for bad in [closed, not_a_code] {
        let report = check(&bad);
        assert!(!report.is_valid());
        assert!(
            report.findings.iter().all(|f| f.rule == Rule::Structure),
            "{}",
            report.to_text(false)
        );
    }
}

/// Observations of an indicator the document does not define: one advisory per
/// indicator, at its first observation, with the id as a parameter.
#[test]
fn undefined_indicators_are_one_advisory_each() {
    let mut doc = example();
    let definitions = doc["indicator_definitions"].as_array_mut().unwrap();
    let before = definitions.len();
    definitions.retain(|d| d["id"] != "sotkanet:3071");
    assert_eq!(definitions.len(), before - 1);
    let observations = doc["indicators"].as_array_mut().unwrap();
    let first = observations
        .iter()
        .position(|o| o["indicator"] == "sotkanet:3071")
        .unwrap();
    let mut later = observations[first].clone();
    later["period"] = json!("2025");
    observations.push(later);
    let report = check(&doc);
    assert_eq!(
        rules(&report),
        [(
            Rule::UndefinedIndicator,
            format!("/indicators/{first}/indicator")
        )]
    );
    assert!(report.is_valid());
    let finding = &report.findings[0];
    assert_eq!(finding.severity, Severity::Advisory);
    assert_eq!(finding.params["indicator"], "sotkanet:3071");
    assert_eq!(
        finding.message,
        "Indicator sotkanet:3071 has values in indicators but no definition in \
         indicator_definitions."
    );
    let bytes = serde_json::to_vec(&doc).unwrap();
    let fi = &validate(&bytes, Lang::Fi).findings[0];
    assert!(
        fi.message
            .starts_with("Indikaattorilla sotkanet:3071 on arvoja")
    );
    assert!(fi.hint.contains("indicator_definitions"), "{}", fi.hint);
    let sv = &validate(&bytes, Lang::Sv).findings[0];
    assert!(
        sv.message
            .starts_with("Indikatorn sotkanet:3071 har värden")
    );

    // Without any definitions, each of the example's indicators is reported once.
    doc.as_object_mut().unwrap().remove("indicator_definitions");
    let report = check(&doc);
    let mut ids: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.params["indicator"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["own:homeless", "sotkanet:3071", "thl:x"]);
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule == Rule::UndefinedIndicator)
    );
}

#[test]
fn a_repeated_indicator_definition_is_a_duplicate_id() {
    let mut doc = example();
    let definitions = doc["indicator_definitions"].as_array_mut().unwrap();
    let mut copy = definitions[1].clone();
    copy["name"] = json!({"fi": "Toinen nimi samalle tunnisteelle"});
    definitions.push(copy);
    let last = definitions.len() - 1;
    let report = check(&doc);
    assert_eq!(
        rules(&report),
        [(
            Rule::DuplicateId,
            format!("/indicator_definitions/{last}/id")
        )]
    );
    assert_eq!(
        report.findings[0].params["section"],
        "indicator_definitions"
    );
    assert_eq!(
        report.findings[0].params["id"],
        doc["indicator_definitions"][1]["id"]
    );
    assert!(!report.is_valid());
}

/// Every indicator of the example is defined: no findings. Definitions of indicators
/// without observations are fine too.
#[test]
fn defined_indicators_give_no_findings() {
    let mut doc = example();
    let observed: std::collections::BTreeSet<&str> = doc["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["indicator"].as_str().unwrap())
        .collect();
    let defined: std::collections::BTreeSet<&str> = doc["indicator_definitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!observed.is_empty());
    assert_eq!(observed, defined);
    let report = check(&doc);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));

    doc["indicator_definitions"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "own:not-observed", "name": {"fi": "Havainnoimaton"}}));
    doc.as_object_mut().unwrap().remove("indicators");
    let report = check(&doc);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
}
