//! Any bytes given as a CSV sheet give a report, never a panic: checked on its own
//! (`validate_csv`) and imported into a document (`import_csv`), for a section chosen by
//! the first byte. An import without errors gives a document that exports and imports
//! back to the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rakenne_model::Lang;
use rakenne_schema::{CsvDialect, Document, Section, import_csv, validate_csv, write_csv};

fn base() -> Document {
    serde_json::from_str(include_str!("../../examples/documents/minimal.json"))
        .expect("the example reads")
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, sheet)) = data.split_first() else {
        return;
    };
    let section = Section::ALL[usize::from(first) % Section::ALL.len()];
    let report = validate_csv(sheet, section, Lang::Fi);
    let total: u64 = report.by_severity.values().sum();
    assert_eq!(total, report.findings.len() as u64);
    serde_json::to_string(&report).expect("a report serializes");

    let base = base();
    let import = import_csv(sheet, section, &base, Lang::En);
    if let Some(document) = import.document {
        for dialect in [CsvDialect::Standard, CsvDialect::ExcelFinnish] {
            let mut out = Vec::new();
            write_csv(&document, section, dialect, &mut out).expect("exports");
            let again = import_csv(&out, section, &base, Lang::En);
            assert_eq!(again.document.as_ref(), Some(&document), "{dialect}");
        }
    }
});
