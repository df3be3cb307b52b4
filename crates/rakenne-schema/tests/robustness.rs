//! Hostile and broken input: wrong encodings, byte order marks, duplicate keys, deep
//! nesting, huge numbers, truncation, oversized files. Every case gives a clear finding,
//! never a panic. Also: the typed fast path and the generic slow path of the validator
//! give the same privacy findings.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use proptest::prelude::*;
use rakenne_model::Lang;
use rakenne_schema::{MAX_DOCUMENT_BYTES, Rule, Sample, Severity, validate};
use serde_json::Value;

fn example() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/documents/pirkanmaa-2025.json");
    std::fs::read(path).unwrap()
}

fn rules(bytes: &[u8]) -> Vec<Rule> {
    validate(bytes, Lang::En)
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn the_example_is_valid_without_findings() {
    assert_eq!(rules(&example()), []);
}

#[test]
fn utf16_and_utf32_are_named() {
    let text = String::from_utf8(example()).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf32le: Vec<u8> = text
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect();
    let cases = [
        ([&[0xFF, 0xFE][..], &le].concat(), "UTF-16LE"),
        ([&[0xFE, 0xFF][..], &be].concat(), "UTF-16BE"),
        (le.clone(), "UTF-16LE"),
        (be.clone(), "UTF-16BE"),
        ([&[0xFF, 0xFE, 0, 0][..], &utf32le].concat(), "UTF-32LE"),
        (utf32le.clone(), "UTF-32LE"),
    ];
    for (bytes, encoding) in cases {
        let report = validate(&bytes, Lang::Fi);
        assert_eq!(report.findings.len(), 1, "{encoding}");
        let finding = &report.findings[0];
        assert_eq!(finding.rule, Rule::Encoding);
        assert_eq!(finding.params["encoding"], encoding);
        assert!(finding.message.contains(encoding), "{}", finding.message);
        assert!(finding.hint.contains("UTF-8"));
    }
}

#[test]
fn an_8_bit_file_names_the_first_bad_byte() {
    let text = String::from_utf8(example()).unwrap();
    let first_non_ascii = text.find(|c: char| !c.is_ascii()).unwrap();
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let report = validate(&latin1, Lang::En);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, Rule::Encoding);
    assert_eq!(report.findings[0].params["byte"], first_non_ascii);
}

#[test]
fn a_byte_order_mark_is_a_warning_and_the_rest_is_checked() {
    let bytes = [&[0xEF, 0xBB, 0xBF][..], &example()].concat();
    let report = validate(&bytes, Lang::En);
    assert!(report.is_valid());
    assert_eq!(rules(&bytes), [Rule::ByteOrderMark]);
    assert_eq!(report.findings[0].severity, Severity::Warning);
    // And problems after it are still found.
    let broken = [&[0xEF, 0xBB, 0xBF][..], b"{\"header\": 1}"].concat();
    let found = rules(&broken);
    assert_eq!(found[0], Rule::ByteOrderMark);
    assert!(found[1..].iter().all(|r| *r == Rule::Structure) && found.len() > 1);
}

#[test]
fn duplicate_keys_are_an_error_where_they_are() {
    let text = String::from_utf8(example()).unwrap();
    let doubled = text.replacen(
        "\"period\": \"2025\",",
        "\"period\": \"2025\", \"period\": \"2025\",",
        1,
    );
    let report = validate(doubled.as_bytes(), Lang::En);
    assert_eq!(rules(doubled.as_bytes()), [Rule::DuplicateKey]);
    let finding = &report.findings[0];
    assert_eq!(finding.pointer, "/header/period");
    assert_eq!(finding.params["field"], "period");
    let line = 1 + doubled[..doubled.find("\"period\": \"2025\", \"period\"").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(finding.params["line"], line);
    // A repeated key inside a record.
    let doubled = text.replacen("\"weight\": 3,", "\"weight\": 3, \"weight\": 1,", 1);
    let report = validate(doubled.as_bytes(), Lang::Fi);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, Rule::DuplicateKey);
    assert!(report.findings[0].pointer.starts_with("/gas_goals/0"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for depth in [129, 10_000, 1_000_000] {
        let bytes = [vec![b'['; depth], vec![b']'; depth]].concat();
        let report = validate(&bytes, Lang::En);
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].rule, Rule::NotJson);
        assert!(report.findings[0].message.contains("128 levels"));
    }
    let deep_in_a_field = format!(
        "{{\"header\": {}{}}}",
        "{\"a\":".repeat(500),
        "1}".repeat(500)
    );
    assert_eq!(rules(deep_in_a_field.as_bytes()), [Rule::NotJson]);
}

#[test]
fn huge_numbers_are_reported() {
    let text = String::from_utf8(example()).unwrap();
    let huge = text.replacen("\"weight\": 3", "\"weight\": 1e999", 1);
    let report = validate(huge.as_bytes(), Lang::En);
    assert_eq!(rules(huge.as_bytes()), [Rule::NotJson]);
    assert!(report.findings[0].message.contains("out of range"));
    // A long integer reads (as a double) and breaks the schema's range.
    let long = text.replacen(
        "\"weight\": 3",
        &format!("\"weight\": {}", "9".repeat(30)),
        1,
    );
    let report = validate(long.as_bytes(), Lang::En);
    assert!(!report.is_valid());
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule == Rule::Structure && f.pointer == "/gas_goals/0/weight")
    );
}

#[test]
fn truncated_and_empty_files_end_too_early() {
    let bytes = example();
    for cut in [0, 1, bytes.len() / 3, bytes.len() - 2] {
        let report = validate(&bytes[..cut], Lang::En);
        assert_eq!(report.findings.len(), 1, "cut at {cut}");
        assert_eq!(report.findings[0].rule, Rule::NotJson);
        assert!(report.findings[0].message.contains("ends too early"));
    }
}

#[test]
fn oversized_input_is_refused_before_reading() {
    // Zeroed memory comes from the allocator without touching the pages.
    let bytes = vec![0u8; MAX_DOCUMENT_BYTES + 1];
    let report = validate(&bytes, Lang::Sv);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, Rule::TooLarge);
    assert_eq!(report.findings[0].params["limit"], MAX_DOCUMENT_BYTES);
}

/// Free-text fields of a document as JSON, by pointer.
fn free_text_pointers(value: &Value, pointer: &str, key: &str, out: &mut Vec<String>) {
    const FREE_TEXT: &[&str] = &[
        "description",
        "root_causes",
        "proposed_action",
        "statement",
        "comment",
        "text",
        "goal",
    ];
    match value {
        Value::String(_) if FREE_TEXT.contains(&key) => out.push(pointer.to_owned()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                free_text_pointers(item, &format!("{pointer}/{i}"), key, out);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                free_text_pointers(field, &format!("{pointer}/{name}"), name, out);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The fast path (typed records) and the slow path (generic walk; forced here by a
    /// repeated key, which only the typed reading of the text notices) report the same
    /// privacy findings at the same pointers.
    #[test]
    fn fast_and_slow_paths_agree_on_privacy(
        seed in 0u64..1000,
        picks in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..3), 1..12),
        plant_in_instrument in any::<bool>(),
    ) {
        let document = Sample::new(seed).clients(6).document();
        let mut value = serde_json::to_value(&document).unwrap();
        let mut pointers = Vec::new();
        free_text_pointers(&value, "", "", &mut pointers);
        for (index, kind) in picks {
            let pointer = index.get(&pointers);
            let Some(Value::String(text)) = value.pointer_mut(pointer) else { unreachable!() };
            text.push_str([" Soita 040 123 4567.", " Posti: etu.suku@example.fi", " Kiitos."][kind]);
        }
        if plant_in_instrument {
            value["instruments"][0]["source"] = Value::String("Laatinut 131052-308T".into());
        }
        let fast_bytes = serde_json::to_vec(&value).unwrap();
        let fast = validate(&fast_bytes, Lang::En);
        // The same document with the header's language written twice.
        let text = String::from_utf8(fast_bytes).unwrap();
        let slow_text = text.replacen("\"language\":\"fi\"", "\"language\":\"fi\",\"language\":\"fi\"", 1);
        prop_assert_ne!(&slow_text, &text);
        let slow = validate(slow_text.as_bytes(), Lang::En);
        let key = |f: &rakenne_schema::Finding| (f.rule, f.pointer.clone());
        let mut fast_findings: Vec<_> = fast.findings.iter().map(key).collect();
        let mut slow_findings: Vec<_> = slow
            .findings
            .iter()
            .filter(|f| f.rule != Rule::DuplicateKey)
            .map(key)
            .collect();
        fast_findings.sort();
        slow_findings.sort();
        prop_assert_eq!(&fast_findings, &slow_findings);
        prop_assert_eq!(
            fast_findings.iter().any(|(rule, _)| *rule == Rule::PersonalIdentityCode),
            plant_in_instrument
        );
        prop_assert!(slow.findings.iter().any(|f| f.rule == Rule::DuplicateKey));
    }
}
