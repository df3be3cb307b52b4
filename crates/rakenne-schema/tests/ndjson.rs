//! NDJSON documents: written from a document, validated line by line, with findings that
//! name their line.

use rakenne_model::Lang;
use rakenne_schema::{Document, Line, Report, Rule, validate_ndjson, write_ndjson};

fn example() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/documents/pirkanmaa-2025.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("committed")).expect("valid")
}

fn lines(document: &Document) -> Vec<String> {
    let mut bytes = Vec::new();
    write_ndjson(document, &mut bytes).expect("writes to memory");
    String::from_utf8(bytes)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn check(lines: &[String]) -> Report {
    validate_ndjson(lines.join("\n").as_bytes(), Lang::En)
}

fn found(report: &Report) -> Vec<(Rule, Option<u64>, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.line, f.pointer.clone()))
        .collect()
}

#[test]
fn a_written_document_validates_and_reads_back() {
    let document = example();
    let lines = lines(&document);
    let records = document.social_reports.len()
        + document.operating_models.len()
        + document.implementations.len()
        + document.measurements.len()
        + document.gas_goals.len()
        + document.service_episodes.len()
        + document.feedback.len()
        + document.experience_statements.len()
        + document.indicator_definitions.len()
        + document.indicators.len();
    assert_eq!(lines.len(), 1 + records);
    let report = check(&lines);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    // Every line reads back as a typed line; the header comes first.
    let parsed: Vec<Line> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("a line"))
        .collect();
    assert!(matches!(parsed[0], Line::Header(_)));
    assert!(parsed[1..].iter().all(|l| !matches!(l, Line::Header(_))));
}

#[test]
fn findings_name_their_line() {
    let document = example();
    let mut lines = lines(&document);
    // Line 2 is the first social report: break its theme. Line 3: not JSON.
    lines[1] = lines[1].replace("\"housing\"", "\"homelessness\"");
    lines[2] = "{ not json".to_owned();
    let hetu_line = lines.len() + 1;
    let mut leaked: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
    leaked["record"]["id"] = "R-leak".into();
    leaked["record"]["themes"] = serde_json::json!(["housing"]);
    leaked["record"]["description"] = "Asiakas 131052-308T".into();
    lines.push(leaked.to_string());
    let report = check(&lines);
    let found = found(&report);
    assert!(
        found.contains(&(Rule::Structure, Some(2), "/record/themes/0".to_owned())),
        "{found:?}"
    );
    assert!(
        found.contains(&(Rule::NotJson, Some(3), String::new())),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::PersonalIdentityCode,
            Some(hetu_line as u64),
            "/record/description".to_owned()
        )),
        "{found:?}"
    );
    assert!(!serde_json::to_string(&report).unwrap().contains("131052"));
}

#[test]
fn ids_and_references_are_checked_across_the_stream() {
    let document = example();
    let mut lines = lines(&document);
    let first_report = lines[1].clone();
    lines.push(first_report);
    let duplicate_line = lines.len() as u64;
    // A measurement of a pilot that is never defined.
    let measurement_line = lines
        .iter()
        .position(|l| l.contains("\"kind\":\"measurement\""))
        .unwrap();
    lines[measurement_line] =
        lines[measurement_line].replace("PIRHA-olohuone-2025", "NO-SUCH-PILOT");
    let report = check(&lines);
    let found = found(&report);
    assert!(
        found.contains(&(
            Rule::DuplicateId,
            Some(duplicate_line),
            "/record/id".to_owned()
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::UnresolvedReference,
            Some(measurement_line as u64 + 1),
            "/record/implementation".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn the_header_must_come_first() {
    let document = example();
    let mut lines = lines(&document);
    lines.swap(0, 1);
    let report = check(&lines);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == Rule::Structure && f.line == Some(1)),
        "{:?}",
        report.findings
    );
}

#[test]
fn broken_lines_are_named_like_broken_documents() {
    let stream = format!(
        "{}\n{}\n{{\"kind\": \"measurement\", \"record\": {{\"id\"",
        "[".repeat(200),
        "]".repeat(200)
    );
    let report = validate_ndjson(stream.as_bytes(), Lang::En);
    let not_json: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::NotJson)
        .collect();
    assert_eq!(not_json.len(), 3, "{}", report.to_text(false));
    assert!(
        not_json[0].message.contains("128 levels"),
        "{}",
        not_json[0].message
    );
    assert_eq!(not_json[0].params["line"], 1);
    assert!(
        not_json[2].message.contains("ends too early"),
        "{}",
        not_json[2].message
    );
    assert_eq!(not_json[2].params["line"], 3);
}

/// Streaming and whole-document validation agree on undefined indicators: one advisory
/// per indicator with no definition anywhere in the stream, on the line of its first
/// observation, whether the definitions come before or after the observations.
#[test]
fn undefined_indicators_are_found_as_in_a_whole_document() {
    let mut document = example();
    // No definition of sotkanet:3071, which gets a second observation at the end.
    document
        .indicator_definitions
        .retain(|d| d.id().as_str() != "sotkanet:3071");
    let first = document
        .indicators
        .iter()
        .position(|o| o.indicator().as_str() == "sotkanet:3071")
        .expect("the example observes sotkanet:3071");
    document.indicators.push(document.indicators[first].clone());
    let lines = lines(&document);
    let first_line = lines
        .iter()
        .position(|l| l.contains("\"indicator\":\"sotkanet:3071\""))
        .expect("written") as u64
        + 1;
    let streamed = check(&lines);
    assert_eq!(
        found(&streamed),
        [(
            Rule::UndefinedIndicator,
            Some(first_line),
            "/record/indicator".to_owned()
        )]
    );
    let whole = rakenne_schema::validate(&serde_json::to_vec(&document).unwrap(), Lang::En);
    assert_eq!(whole.findings.len(), 1, "{}", whole.to_text(false));
    for (s, w) in streamed.findings.iter().zip(&whole.findings) {
        assert_eq!(
            (s.rule, &s.params, &s.message),
            (w.rule, &w.params, &w.message)
        );
    }
    assert_eq!(
        whole.findings[0].pointer,
        format!("/indicators/{first}/indicator")
    );

    // Definitions after the observations settle them at the end of the stream.
    let mut defined = example();
    defined.indicators.push(defined.indicators[first].clone());
    let (definitions, mut reordered): (Vec<String>, Vec<String>) = self::lines(&defined)
        .into_iter()
        .partition(|l| l.contains("\"kind\":\"indicator_definition\""));
    assert_eq!(definitions.len(), defined.indicator_definitions.len());
    reordered.extend(definitions);
    let report = check(&reordered);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
}

#[test]
fn a_repeated_indicator_definition_is_a_duplicate_id() {
    let document = example();
    let mut lines = lines(&document);
    let definition = lines
        .iter()
        .find(|l| l.contains("\"kind\":\"indicator_definition\""))
        .expect("the example defines its indicators")
        .clone();
    lines.push(definition);
    let report = check(&lines);
    assert_eq!(
        found(&report),
        [(
            Rule::DuplicateId,
            Some(lines.len() as u64),
            "/record/id".to_owned()
        )]
    );
    assert_eq!(
        report.findings[0].params["section"],
        "indicator_definitions"
    );
}
