//! Any bytes given to `validate_ndjson` give a report, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rakenne_model::Lang;
use rakenne_schema::validate_ndjson;

fuzz_target!(|data: &[u8]| {
    let report = validate_ndjson(data, Lang::Sv);
    let total: u64 = report.by_severity.values().sum();
    assert_eq!(total, report.findings.len() as u64);
    serde_json::to_string(&report).expect("a report serializes");
});
