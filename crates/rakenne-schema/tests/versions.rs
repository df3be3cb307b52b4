//! Backward compatibility: a document of every released format version, kept under
//! `tests/data/versions/<major.minor>/`, is still read by this version without findings.
//! When a minor version is released, copy its example documents there.

use std::path::Path;

use rakenne_model::Lang;
use rakenne_schema::{Document, validate};

#[test]
fn documents_of_every_released_version_are_still_read() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/versions");
    let mut checked = 0;
    for version in std::fs::read_dir(&root).expect("versions folder") {
        let version = version.expect("readable").path();
        for file in std::fs::read_dir(&version).expect("version folder") {
            let file = file.expect("readable").path();
            let bytes = std::fs::read(&file).expect("readable file");
            let report = validate(&bytes, Lang::En);
            assert!(
                report.findings.is_empty(),
                "{}: {:?}",
                file.display(),
                report.findings
            );
            serde_json::from_slice::<Document>(&bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            checked += 1;
        }
    }
    assert!(checked >= 1, "no released documents kept");
}
