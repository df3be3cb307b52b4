//! `rakenne parquet export` and the demo's Parquet files, end to end.
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;

use common::{fresh_dir, rakenne};

fn parquet_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file starts and ends with Parquet's magic bytes.
fn is_parquet(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.len() > 8 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1")
}

#[test]
fn export_writes_a_file_per_table_with_rows() {
    let dir = fresh_dir("cli-parquet-export");
    let (code, stdout, stderr) = rakenne(&[
        "parquet",
        "export",
        "examples/documents/pirkanmaa-2025.json",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // The example has one social report, two GAS goals and no published results.
    assert!(
        stdout.contains("social_reports.parquet (1 rows)"),
        "{stdout}"
    );
    assert!(stdout.contains("gas_goals.parquet (2 rows)"), "{stdout}");
    let names = parquet_files(&dir);
    assert!(
        names.contains(&"measurement_responses.parquet".to_owned()),
        "{names:?}"
    );
    assert!(!names.contains(&"results.parquet".to_owned()), "{names:?}");
    for name in &names {
        assert!(is_parquet(&dir.join(name)), "{name}");
        assert!(
            stdout.contains(name.as_str()),
            "{name} not reported: {stdout}"
        );
    }
}

#[test]
fn export_refuses_a_document_with_errors_with_exit_code_2() {
    let dir = fresh_dir("cli-parquet-bad");
    let (code, stdout, stderr) = rakenne(&[
        "parquet",
        "export",
        "crates/rakenne-schema/tests/data/bad-documents/bad-theme.json",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("has errors"), "{stderr}");
    assert!(stderr.contains("rakenne validate"), "{stderr}");
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn export_help_gives_an_example() {
    let (code, stdout, _) = rakenne(&["parquet", "export", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("rakenne parquet export pirha-2025.json -o pirha-2025/"),
        "{stdout}"
    );
    assert!(stdout.contains("docs/parquet.md"), "{stdout}");
}

#[test]
fn demo_writes_the_sample_as_parquet() {
    let dir = fresh_dir("cli-parquet-demo");
    let (code, stdout, stderr) = rakenne(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let parquet = dir.join("parquet");
    assert!(
        stdout.contains(&format!("into {}", parquet.display())),
        "{stdout}"
    );
    let names = parquet_files(&parquet);
    for table in [
        "social_reports",
        "measurements",
        "measurement_responses",
        "gas_goals",
    ] {
        let name = format!("{table}.parquet");
        assert!(names.contains(&name), "{names:?}");
        assert!(is_parquet(&parquet.join(&name)));
    }
}
