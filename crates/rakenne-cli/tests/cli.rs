//! The `rakenne` command end to end: exit codes and output of each command.

use std::process::Command;

mod common;

use common::{fresh_dir, rakenne};

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

#[test]
fn csv_sheets_export_validate_and_import() {
    let dir = std::env::temp_dir().join(format!("rakenne-cli-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sheets = dir.join("sheets");
    let sheets_arg = sheets.to_str().expect("UTF-8 temp path");
    let (code, out, err) = rakenne(&[
        "csv",
        "export",
        "examples/documents/pirkanmaa-2025.json",
        "--dialect",
        "excel-finnish",
        "-o",
        sheets_arg,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("measurements.csv (1 records)"), "{out}");
    let measurements = sheets.join("measurements.csv");
    let text = std::fs::read_to_string(&measurements).expect("written");
    assert!(text.starts_with("id;instrument;client.id;"), "{text}");

    // On its own, a sheet says what it could not check; with its document, it is clean.
    let path = measurements.to_str().expect("UTF-8");
    let (code, out, _) = rakenne(&["validate", path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("advisory RS0408"), "{out}");
    let (code, out, _) = rakenne(&[
        "validate",
        "--context",
        "examples/documents/pirkanmaa-2025.json",
        path,
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 0 warnings, 0 advisories"), "{out}");

    // A Finnish Excel sheet with an error: exit 1, the cell named.
    let bad = dir.join("bad.measurements.csv");
    std::fs::write(
        &bad,
        text.replace(";4,5;", ";eleven;").replace('\n', "\r\n"),
    )
    .expect("written");
    let (code, out, _) = rakenne(&["validate", bad.to_str().expect("UTF-8")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error RS0101 at J2 (responses.0.value)"),
        "{out}"
    );

    // Import: the new records are added and the document written only when clean.
    let new = dir.join("new.json");
    let new_arg = new.to_str().expect("UTF-8");
    let (code, out, _) = rakenne(&[
        "csv",
        "import",
        "crates/rakenne-schema/tests/data/csv/measurements.excel-fi.csv",
        "--into",
        "examples/documents/pirkanmaa-2025.json",
        "-o",
        new_arg,
    ]);
    assert_eq!(code, 0, "{out}");
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&new).expect("written")).expect("JSON");
    assert_eq!(document["measurements"].as_array().map(Vec::len), Some(3));
    let (code, out, _) = rakenne(&["validate", new_arg]);
    assert_eq!(code, 0, "{out}");
    // Importing the same sheet again repeats its ids: nothing is written.
    std::fs::remove_file(&new).expect("removed");
    let (code, out, _) = rakenne(&[
        "csv",
        "import",
        "crates/rakenne-schema/tests/data/csv/measurements.excel-fi.csv",
        "--into",
        "examples/documents/pirkanmaa-2025.json",
        "-o",
        new_arg,
    ]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = rakenne(&[
        "csv",
        "import",
        path,
        "--into",
        new_arg,
        "-o",
        dir.join("twice.json").to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error RS0201 at A2 (id)"), "{out}");
    assert!(!dir.join("twice.json").exists());

    // A sheet whose name does not say its section needs --section.
    let odd = dir.join("export.txt");
    std::fs::copy(&measurements, &odd).expect("copied");
    let odd = odd.to_str().expect("UTF-8");
    let (code, _, err) = rakenne(&["validate", "--format", "csv", odd]);
    assert_eq!(code, 2);
    assert!(err.contains("give --section"), "{err}");
    let (code, out, _) = rakenne(&[
        "validate",
        "--format",
        "csv",
        "--section",
        "measurements",
        odd,
    ]);
    assert_eq!(code, 0, "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Large files get a progress bar on a terminal only: piped, stderr stays empty.
#[test]
fn no_progress_bar_when_not_a_terminal() {
    let dir = std::env::temp_dir().join(format!("rakenne-cli-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for name in ["large.json", "large.ndjson"] {
        let path = dir.join(name);
        let path = path.to_str().expect("UTF-8 temp path");
        let (code, _, err) = rakenne(&["sample", "--bytes", "6000000", "-o", path]);
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::metadata(path).expect("written").len() > 4 << 20);
        let (code, out, err) = rakenne(&["validate", path]);
        assert_eq!(code, 0, "{out}");
        assert!(err.is_empty(), "{err:?}");
        assert!(!out.contains('\u{1b}'), "{out:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh folder under the target directory.

#[test]
fn demo_writes_a_valid_document_results_and_every_report() {
    let dir = fresh_dir("cli-demo");
    let (code, stdout, stderr) = rakenne(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("validated it: no errors"), "{stdout}");
    let document = dir.join("sample.json");
    let (code, _, _) = rakenne(&["validate", document.to_str().unwrap()]);
    assert_eq!(code, 0);
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("evaluation.json")).unwrap()).unwrap();
    assert_eq!(results["rows"], "area");
    // The areas' documents, combined into a valid national document.
    assert!(stdout.contains("combined 5 areas' documents"), "{stdout}");
    for area in ["08", "90", "05", "21", "20"] {
        assert!(dir.join("areas").join(format!("{area}.json")).is_file());
    }
    let national = dir.join("national.json");
    assert_eq!(rakenne(&["validate", national.to_str().unwrap()]).0, 0);
    for name in [
        "social_reporting_digest",
        "effectiveness_evaluation",
        "welfare_report_section",
        "structural_plan",
        "national_comparison",
    ] {
        for lang in ["fi", "sv", "en"] {
            let html = std::fs::read_to_string(dir.join(format!("{name}.{lang}.html"))).unwrap();
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            assert!(dir.join(format!("{name}.{lang}.md")).is_file());
            assert!(stdout.contains(&format!("{name}.{lang}.html")), "{stdout}");
        }
    }
}

#[test]
fn report_and_evaluate_read_a_document() {
    let dir = fresh_dir("cli-report");
    std::fs::create_dir_all(&dir).unwrap();
    let document = dir.join("doc.json");
    let (code, _, _) = rakenne(&[
        "sample",
        "--clients",
        "150",
        "-o",
        document.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let doc = document.to_str().unwrap();

    let (code, markdown, stderr) = rakenne(&[
        "report",
        doc,
        "--template",
        "effectiveness_evaluation",
        "--lang",
        "en",
        "--format",
        "md",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(markdown.starts_with("# Effectiveness evaluation of operating models"));

    let (code, _, stderr) = rakenne(&["report", doc, "--template", "nope"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown template \"nope.html\""),
        "{stderr}"
    );

    let (code, table, _) = rakenne(&["evaluate", doc, "--by", "area,period"]);
    assert_eq!(code, 0);
    assert!(
        table.contains("PHQ-9") && table.contains("2025-Q1"),
        "{table}"
    );
    let (code, json, _) = rakenne(&[
        "evaluate",
        doc,
        "--by",
        "operating_model,half_year",
        "--output",
        "json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["columns"], "half_year");
    let (code, _, stderr) = rakenne(&["evaluate", doc, "--by", "area,colour"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown dimension \"colour\""), "{stderr}");
}

#[test]
fn templates_lists_and_exports_the_builtin_ones() {
    let (code, list, _) = rakenne(&["templates"]);
    assert_eq!(code, 0);
    assert!(
        list.contains("social_reporting_digest") && list.contains("html,md"),
        "{list}"
    );
    let dir = fresh_dir("cli-templates");
    let (code, written, _) = rakenne(&["templates", "--export", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(written.contains("messages.csv"), "{written}");
    let (code, list, _) = rakenne(&["templates", "--templates", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        list.contains("built-in, changed by user templates"),
        "{list}"
    );
}

#[test]
fn combine_writes_a_valid_national_document_and_leaves_bad_files_out() {
    let dir = fresh_dir("cli-combine");
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    for (area, seed) in [("08", "1"), ("21", "2")] {
        let file = path(&format!("{area}.json"));
        let args = [
            "sample",
            "--area",
            area,
            "--seed",
            seed,
            "--clients",
            "60",
            "-o",
            &file,
        ];
        assert_eq!(rakenne(&args).0, 0);
    }
    std::fs::write(dir.join("broken.json"), "{ not json").unwrap();
    let national = path("national.json");
    let (code, stdout, stderr) = rakenne(&[
        "combine",
        &path("21.json"),
        &path("08.json"),
        &path("broken.json"),
        "-o",
        &national,
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("LEFT OUT: broken.json"), "{stdout}");
    assert!(stdout.contains("RS0606"), "{stdout}");
    assert!(
        stdout.contains("wrote") && stdout.contains("2 of 3 files"),
        "{stdout}"
    );
    assert_eq!(rakenne(&["validate", &national]).0, 0);
    // NDJSON by extension, and the same national document whatever the order.
    let ndjson = path("national.ndjson");
    let (code, _, _) = rakenne(&["combine", &path("08.json"), &path("21.json"), "-o", &ndjson]);
    assert_eq!(code, 0);
    assert_eq!(rakenne(&["validate", &ndjson]).0, 0);
    let again = path("again.json");
    rakenne(&["combine", &path("08.json"), &path("21.json"), "-o", &again]);
    assert_eq!(
        std::fs::read(&national).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // An output without a known extension is refused.
    assert_eq!(
        rakenne(&["combine", &path("08.json"), "-o", &path("x.txt")]).0,
        2
    );
    // The records can wait in a folder of one's choosing; the output is the same.
    let spool = path("spool");
    std::fs::create_dir_all(&spool).unwrap();
    let spooled = path("spooled.json");
    let args = [
        "combine",
        &path("21.json"),
        &path("08.json"),
        "-o",
        &spooled,
        "--spool-dir",
        &spool,
    ];
    assert_eq!(rakenne(&args).0, 0);
    assert_eq!(
        std::fs::read(&national).unwrap(),
        std::fs::read(&spooled).unwrap()
    );
    assert_eq!(
        std::fs::read_dir(&spool).unwrap().count(),
        0,
        "spool files are removed"
    );
    let missing = path("no-such-folder");
    let (code, _, stderr) = rakenne(&[
        "combine",
        &path("08.json"),
        "-o",
        &path("n.json"),
        "--spool-dir",
        &missing,
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--spool-dir") && stderr.contains("no-such-folder"),
        "{stderr}"
    );
    // Nothing to combine: exit code 2 and no output file, not even an empty one.
    let nothing = path("nothing.json");
    let (code, stdout, stderr) = rakenne(&["combine", &path("broken.json"), "-o", &nothing]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("no file could be combined"), "{stderr}");
    assert!(!std::path::Path::new(&nothing).exists());
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::io::Read as _;
    use std::process::Stdio;
    // The schema (over 150 kB) does not fit a pipe's buffer: writing it into a closed
    // pipe fails, which must end the program without a panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_rakenne"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the schema starts");
    drop(stdout);
    let output = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
