//! Backward compatibility: a document of every released format version, kept under
//! `tests/data/versions/<major.minor>/`, is still read by this version without errors or
//! warnings. When a minor version is released, copy its example documents there.
//!
//! The kept documents are not edited when the validator learns something new. A rule
//! added since a document was kept may give it advisories (never errors or warnings,
//! which would break the compatibility promise); those rules are listed in
//! [`ADVISORIES_OF_LATER_RULES`], and any other finding fails the test.

use std::path::Path;

use rakenne_model::Lang;
use rakenne_schema::{Document, Rule, Severity, validate};

/// Advisory rules added after documents were kept, which such documents may break:
/// RS0205, because documents written before `indicator_definitions` existed do not define
/// their indicators.
const ADVISORIES_OF_LATER_RULES: &[Rule] = &[Rule::UndefinedIndicator];

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
            let unexpected: Vec<_> = report
                .findings
                .iter()
                .filter(|f| {
                    !(f.severity == Severity::Advisory
                        && ADVISORIES_OF_LATER_RULES.contains(&f.rule))
                })
                .collect();
            assert!(unexpected.is_empty(), "{}: {unexpected:?}", file.display());
            serde_json::from_slice::<Document>(&bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            checked += 1;
        }
    }
    assert!(checked >= 1, "no released documents kept");
}
