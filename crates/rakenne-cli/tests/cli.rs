//! The `rakenne` command end to end: exit codes and output of each command.

use std::process::Command;

fn rakenne(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rakenne"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn validate_exits_0_for_a_valid_document() {
    let (code, out, _) = rakenne(&["validate", "examples/documents/pirkanmaa-2025.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings, 0 advisories"), "{out}");
}

#[test]
fn validate_exits_1_with_findings_in_the_chosen_language() {
    let (code, out, _) = rakenne(&[
        "validate",
        "--lang",
        "fi",
        "crates/rakenne-schema/tests/data/bad-documents/bad-theme.json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error RS0101 at /social_reports/0/themes/0: Arvo ei vastaa formaattia"),
        "{out}"
    );
    assert!(
        !out.contains("\u{1b}["),
        "colours when not a terminal: {out}"
    );
}

#[test]
fn validate_writes_json_for_machines() {
    let (code, out, _) = rakenne(&[
        "validate",
        "--output",
        "json",
        "examples/documents/minimal.json",
    ]);
    assert_eq!(code, 0);
    let reports: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(reports[0]["report"]["findings"], serde_json::json!([]));
    assert_eq!(
        reports[0]["report"]["checked_against"]["format_version"],
        "1.0.0"
    );
}

#[test]
fn unusable_input_exits_2() {
    let (code, _, err) = rakenne(&["validate", "no-such-file.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the file"), "{err}");
    let (code, _, err) = rakenne(&["validate", "README.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected a JSON document"), "{err}");
}

#[test]
fn schema_prints_the_committed_document_schema() {
    let (code, out, _) = rakenne(&["schema"]);
    assert_eq!(code, 0);
    let printed: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/document-1.0.schema.json"
        ))
        .expect("committed"),
    )
    .expect("JSON");
    assert_eq!(printed, committed);
}

#[test]
fn rules_lists_every_rule() {
    let (code, out, _) = rakenne(&["rules"]);
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 11);
    assert!(out.contains("RS0301  error"), "{out}");
}

#[test]
fn validate_reads_ndjson_streams() {
    let (code, out, _) = rakenne(&["validate", "examples/documents/pirkanmaa-2025.ndjson"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors"), "{out}");
}

#[test]
fn sample_writes_files_that_validate() {
    let dir = std::env::temp_dir().join(format!("rakenne-cli-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in ["sample.json", "sample.ndjson"] {
        let path = dir.join(name);
        let path = path.to_str().expect("UTF-8 temp path");
        let (code, out, err) = rakenne(&["sample", "--area", "19", "--clients", "40", "-o", path]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("(40 clients)"), "{out}");
        let (code, out, _) = rakenne(&["validate", path]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("0 errors, 0 warnings, 0 advisories"), "{out}");
    }
    let first = std::fs::read(dir.join("sample.json")).expect("written");
    let again = dir.join("again.json");
    rakenne(&[
        "sample",
        "--area",
        "19",
        "--clients",
        "40",
        "-o",
        again.to_str().expect("UTF-8"),
    ]);
    assert_eq!(
        std::fs::read(&again).expect("written"),
        first,
        "same seed, same bytes"
    );
    let (code, _, err) = rakenne(&[
        "sample",
        "--area",
        "99",
        "-o",
        again.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 2);
    assert!(err.starts_with("--area:"), "{err}");
    std::fs::remove_dir_all(&dir).expect("clean up");
}
