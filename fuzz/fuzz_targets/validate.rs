//! Any bytes given to `validate` give a report, never a panic; the report keeps its own
//! promises (counts agree with the findings, it serializes, a valid report has no errors).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rakenne_model::Lang;
use rakenne_schema::{Severity, validate};

fuzz_target!(|data: &[u8]| {
    let report = validate(data, Lang::Fi);
    let total: u64 = report.by_severity.values().sum();
    assert_eq!(total, report.findings.len() as u64);
    assert_eq!(report.by_rule.values().sum::<u64>(), total);
    assert_eq!(
        report.is_valid(),
        !report.findings.iter().any(|f| f.severity == Severity::Error)
    );
    serde_json::to_string(&report).expect("a report serializes");
    // A document that passes reads back as typed records.
    if report.is_valid() && report.findings.is_empty() {
        let text = std::str::from_utf8(data).expect("valid documents are UTF-8");
        serde_json::from_str::<rakenne_schema::Document>(text).expect("a valid document reads");
    }
});
