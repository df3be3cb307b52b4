//! Example documents and the bad-input corpus against the committed schema: every
//! document in `examples/documents/` is valid (schema and typed reading), every file in
//! `tests/data/bad-documents/` is rejected by the schema. CI runs the same check with
//! Python's `jsonschema` (`tests/python/check_schemas.py`).

use std::path::{Path, PathBuf};

use rakenne_schema::Document;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("readable file");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = read(&root().join("schemas/document-1.0.schema.json"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the committed schema compiles")
}

#[test]
fn example_documents_are_valid() {
    let validator = validator();
    let files = json_files(&root().join("examples/documents"));
    assert!(files.len() >= 2);
    for file in files {
        let json = read(&file);
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let document: Document = serde_json::from_value(json.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            serde_json::to_value(&document).expect("serializes"),
            json,
            "{}",
            file.display()
        );
    }
}

#[test]
fn bad_documents_are_rejected_by_the_schema() {
    let validator = validator();
    let files = json_files(&root().join("crates/rakenne-schema/tests/data/bad-documents"));
    assert!(files.len() >= 10);
    for file in files {
        assert!(
            !validator.is_valid(&read(&file)),
            "{} was accepted by the schema",
            file.display()
        );
    }
}
