//! CSV sheets: export and import of sections, the Finnish Excel dialect, and findings
//! that name the sheet's row, column and cell.

// Fixtures unwrap what the test itself prepared.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rakenne_model::Lang;
use rakenne_schema::{
    CsvDialect, Document, Finding, Rule, Sample, Section, Severity, import_csv, validate_csv,
    write_csv,
};
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/csv")
        .join(name)
}

fn example_document() -> Document {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents/pirkanmaa-2025.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn sheet(document: &Document, section: Section, dialect: CsvDialect) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_csv(document, section, dialect, &mut bytes).unwrap();
    bytes
}

fn without(document: &Document, section: Section) -> Document {
    let mut json = serde_json::to_value(document).unwrap();
    json.as_object_mut().unwrap().remove(section.code());
    serde_json::from_value(json).unwrap()
}

fn section_json(document: &Document, section: Section) -> Value {
    serde_json::to_value(document).unwrap()[section.code()].clone()
}

fn rules_and_cells(findings: &[Finding]) -> Vec<(Rule, Option<String>)> {
    findings.iter().map(|f| (f.rule, f.cell.clone())).collect()
}

fn rules(findings: &[Finding]) -> Vec<Rule> {
    findings.iter().map(|f| f.rule).collect()
}

/// Every section of generated documents goes out as a sheet and comes back the same,
/// checked inside the document, in both dialects.
#[test]
fn every_section_of_a_sample_round_trips() {
    for seed in [1, 2, 3] {
        let document = Sample::new(seed).clients(40).document();
        for section in Section::ALL {
            for dialect in [CsvDialect::Standard, CsvDialect::ExcelFinnish] {
                let bytes = sheet(&document, section, dialect);
                let import = import_csv(&bytes, section, &without(&document, section), Lang::En);
                assert!(
                    import.report.findings.is_empty(),
                    "{section} {dialect}: {}",
                    import.report.to_text(false)
                );
                if !bytes.is_empty() {
                    assert_eq!(import.dialect, Some(dialect));
                }
                let back = import.document.unwrap();
                assert_eq!(
                    section_json(&back, section),
                    section_json(&document, section),
                    "{section} {dialect}"
                );
                assert_eq!(back, document, "{section} {dialect}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any sample's social reports and measurements round trip through either dialect.
    #[test]
    fn social_reports_and_measurements_round_trip(seed in any::<u64>(), clients in 1usize..30, fi in any::<bool>()) {
        let document = Sample::new(seed).clients(clients).document();
        let dialect = if fi { CsvDialect::ExcelFinnish } else { CsvDialect::Standard };
        for section in [Section::SocialReports, Section::Measurements] {
            let bytes = sheet(&document, section, dialect);
            let import = import_csv(&bytes, section, &without(&document, section), Lang::Fi);
            prop_assert!(import.report.is_valid(), "{}", import.report.to_text(false));
            prop_assert_eq!(import.document.as_ref(), Some(&document));
        }
    }
}

#[test]
fn the_export_is_a_flat_table_with_dotted_columns() {
    let document = example_document();
    let text = String::from_utf8(sheet(
        &document,
        Section::Measurements,
        CsvDialect::Standard,
    ))
    .unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,instrument,client.id,client.age_group,client.gender,implementation,administered_on,\
         occasion,responses.0.item,responses.0.value,responses.1.item,responses.1.value,\
         responses.2.item,responses.2.value"
    );
    assert_eq!(
        lines.next().unwrap(),
        "M-1,ORS,C-7f3a9e,age_25_34,female,PIRHA-olohuone-2025,2025-02-03,baseline,\
         individual,4.5,interpersonal,6,social,not_answered"
    );
    let fi = String::from_utf8(sheet(
        &document,
        Section::Measurements,
        CsvDialect::ExcelFinnish,
    ))
    .unwrap();
    assert!(
        fi.lines()
            .nth(1)
            .unwrap()
            .contains(";individual;4,5;interpersonal;6;"),
        "{fi}"
    );
    // An empty section is an empty file, and an empty file reads as no records.
    let empty = sheet(&document, Section::Results, CsvDialect::Standard);
    assert!(empty.is_empty());
    let import = import_csv(&empty, Section::Results, &document, Lang::En);
    assert!(import.report.findings.is_empty());
    assert_eq!(import.document.as_ref(), Some(&document));
}

/// Finnish Excel's own files: Windows-1252 or UTF-8 with a BOM, semicolons, dates
/// re-saved as d.m.yyyy, area codes without their leading zero, a quoted cell with a
/// semicolon and a line break. The expected records were written by hand.
#[test]
fn finnish_excel_social_reports_are_read() {
    let expected: Value =
        serde_json::from_slice(&std::fs::read(data("social_reports.expected.json")).unwrap())
            .unwrap();
    let context = without(&example_document(), Section::SocialReports);
    for (file, windows_1252) in [
        ("social_reports.excel-fi.csv", true),
        ("social_reports.excel-fi-utf8.csv", false),
    ] {
        let bytes = std::fs::read(data(file)).unwrap();
        let import = import_csv(&bytes, Section::SocialReports, &context, Lang::En);
        assert!(
            import.report.is_valid(),
            "{file}: {}",
            import.report.to_text(false)
        );
        assert_eq!(import.dialect, Some(CsvDialect::ExcelFinnish));
        let mut found = rules(&import.report.findings);
        found.sort();
        let mut wanted = vec![Rule::CsvLeadingZeros, Rule::CsvFinnishDates];
        if windows_1252 {
            wanted.push(Rule::CsvWindows1252);
        }
        wanted.sort();
        assert_eq!(found, wanted, "{file}");
        let zeros = import
            .report
            .findings
            .iter()
            .find(|f| f.rule == Rule::CsvLeadingZeros)
            .unwrap();
        assert_eq!(zeros.column.as_deref(), Some("area"));
        assert_eq!(zeros.params["count"], 2);
        let document = import.document.unwrap();
        assert_eq!(
            section_json(&document, Section::SocialReports),
            expected,
            "{file}"
        );
    }
}

#[test]
fn finnish_excel_measurements_with_decimal_commas_are_read() {
    let expected: Value =
        serde_json::from_slice(&std::fs::read(data("measurements.expected.json")).unwrap())
            .unwrap();
    let context = example_document();
    let bytes = std::fs::read(data("measurements.excel-fi.csv")).unwrap();
    let import = import_csv(&bytes, Section::Measurements, &context, Lang::Fi);
    assert!(import.report.is_valid(), "{}", import.report.to_text(false));
    assert_eq!(rules(&import.report.findings), [Rule::CsvFinnishDates]);
    assert_eq!(import.records, 2);
    let document = import.document.unwrap();
    // Appended after the document's own measurement.
    let mut all = vec![section_json(&context, Section::Measurements)[0].clone()];
    all.extend(expected.as_array().unwrap().iter().cloned());
    assert_eq!(
        section_json(&document, Section::Measurements),
        Value::Array(all)
    );
}

/// A sheet with a problem in every kind of place: each finding names its row, and its
/// column and cell when it is about one cell.
#[test]
fn findings_name_the_row_and_cell() {
    let text = "id,instrument,client.id,implementation,administered_on,occasion,responses.0.item,responses.0.value\n\
                M-10,ORS,C-1,PIRHA-olohuone-2025,2025-03-01,baseline,individual,4\n\
                M-11,ORS,C-2,PIRHA-olohuone-2025,2025-03-01,baseline,individual,eleven\n\
                M-12,ORS,C-3,no-such-pilot,2025-03-01,baseline,individual,4\n\
                M-13,ORS,C-4,PIRHA-olohuone-2025,2025-03-01,,individual,4\n\
                M-14,ORS,C-5,PIRHA-olohuone-2025,2025-03-01,baseline,individual,4,surplus\n";
    let context = example_document();
    let import = import_csv(text.as_bytes(), Section::Measurements, &context, Lang::En);
    assert!(import.document.is_none());
    let at = |rule: Rule| -> Vec<(Option<u64>, Option<String>, Option<String>)> {
        import
            .report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.row, f.column.clone(), f.cell.clone()))
            .collect()
    };
    assert_eq!(at(Rule::CsvRow), [(Some(6), None, None)]);
    let structure = at(Rule::Structure);
    assert!(
        structure.contains(&(Some(3), Some("responses.0.value".into()), Some("H3".into()))),
        "{structure:?}"
    );
    assert!(
        structure.contains(&(Some(5), Some("occasion".into()), Some("F5".into()))),
        "{structure:?}"
    );
    let text = import.report.to_text(false);
    assert!(
        text.contains("error RS0101 at H3 (responses.0.value):"),
        "{text}"
    );
    assert!(text.contains("error RS0401 at row 6:"), "{text}");

    // With the structure right, the semantic checks run and point at their cells too.
    let text = "id,instrument,client.id,implementation,administered_on,occasion,responses.0.item,responses.0.value\n\
                M-1,ORS,C-1,no-such-pilot,2025-03-01,baseline,individual,4\n\
                M-21,ORS,C-2,PIRHA-olohuone-2025,2024-12-01,baseline,individual,12\n";
    let import = import_csv(text.as_bytes(), Section::Measurements, &context, Lang::En);
    let found = rules_and_cells(&import.report.findings);
    assert!(
        found.contains(&(Rule::DuplicateId, Some("A2".into()))),
        "{found:?}"
    );
    assert!(
        found.contains(&(Rule::UnresolvedReference, Some("D2".into()))),
        "{found:?}"
    );
    assert!(
        found.contains(&(Rule::OutsidePeriod, Some("E3".into()))),
        "{found:?}"
    );
    let measurement = import
        .report
        .findings
        .iter()
        .find(|f| f.rule == Rule::Measurement)
        .unwrap();
    assert_eq!(measurement.row, Some(3));
}

#[test]
fn headers_are_checked_before_rows() {
    let context = example_document();
    let text = "id,reported_on,area,reporter_role,service_class,themes.0,prevalence,trend,\
                description,description,themes,colour,Matti Meikäläinen 040 1234567\n";
    let report = import_csv(text.as_bytes(), Section::SocialReports, &context, Lang::En).report;
    let found: Vec<(Rule, Option<String>, Option<String>)> = report
        .findings
        .iter()
        .map(|f| (f.rule, f.column.clone(), f.cell.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Rule::CsvRepeatedColumn,
                Some("description".into()),
                Some("J1".into())
            ),
            (
                Rule::CsvUnknownColumn,
                Some("themes".into()),
                Some("K1".into())
            ),
            (
                Rule::CsvUnknownColumn,
                Some("colour".into()),
                Some("L1".into())
            ),
            // Whatever is typed into a header is not echoed: the column goes by its letter.
            (Rule::CsvUnknownColumn, Some("M".into()), Some("M1".into())),
            (Rule::CsvMissingColumn, Some("follow_up".into()), None),
        ]
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity == Severity::Error && f.row == Some(1))
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("Matti") && !json.contains("1234567"),
        "{json}"
    );
}

#[test]
fn encodings_and_excel_separator_line() {
    let context = example_document();
    // UTF-16 (Excel's "Unicode text") is refused with the encoding named.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("id,reported_on\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let report = import_csv(&utf16, Section::SocialReports, &context, Lang::En).report;
    assert_eq!(rules(&report.findings), [Rule::Encoding]);
    assert_eq!(report.findings[0].params["encoding"], "UTF-16LE");
    // `sep=,` overrides the guess from the header.
    let document = Sample::new(5).clients(5).document();
    let mut bytes = b"sep=,\n".to_vec();
    bytes.extend(sheet(&document, Section::GasGoals, CsvDialect::Standard));
    let import = import_csv(
        &bytes,
        Section::GasGoals,
        &without(&document, Section::GasGoals),
        Lang::En,
    );
    assert!(
        import.report.findings.is_empty(),
        "{}",
        import.report.to_text(false)
    );
    assert_eq!(import.document.as_ref(), Some(&document));
}

/// Texts that a spreadsheet would run as formulas are protected with an apostrophe on
/// export and come back unchanged.
#[test]
fn formula_like_texts_are_protected() {
    let mut json = serde_json::to_value(example_document()).unwrap();
    json["social_reports"][0]["description"] = "=HYPERLINK(\"http://x\")".into();
    json["social_reports"][0]["root_causes"] = "-vuokrat nousivat".into();
    let document: Document = serde_json::from_value(json).unwrap();
    let bytes = sheet(&document, Section::SocialReports, CsvDialect::Standard);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{text}"
    );
    assert!(text.contains(",'-vuokrat nousivat,"), "{text}");
    let import = import_csv(
        &bytes,
        Section::SocialReports,
        &without(&document, Section::SocialReports),
        Lang::En,
    );
    assert_eq!(import.document, Some(document));
}

/// Personal data in a sheet is found like in a document, at its cell, and never quoted.
#[test]
fn personal_data_in_a_sheet_is_found_at_its_cell() {
    let hetu = "131052-308T";
    let text = format!(
        "id,reported_on,area,reporter_role,service_class,themes.0,prevalence,trend,description,follow_up\n\
         R-9,2025-05-05,08,social_worker,social_work,housing,recurring,growing,Asiakas {hetu} soitti numerosta 040 123 4567.,new\n"
    );
    let import = import_csv(
        text.as_bytes(),
        Section::SocialReports,
        &example_document(),
        Lang::Fi,
    );
    let found = rules_and_cells(&import.report.findings);
    assert!(
        found.contains(&(Rule::PersonalIdentityCode, Some("I2".into()))),
        "{found:?}"
    );
    let json = serde_json::to_string(&import.report).unwrap();
    assert!(!json.contains(hetu) && !json.contains("123 4567"), "{json}");
    assert!(import.document.is_none());
}

/// On its own, a sheet is checked for everything but references to other sections.
#[test]
fn a_sheet_on_its_own() {
    let document = Sample::new(9).clients(20).document();
    let bytes = sheet(&document, Section::Measurements, CsvDialect::ExcelFinnish);
    let report = validate_csv(&bytes, Section::Measurements, Lang::En);
    assert!(report.is_valid(), "{}", report.to_text(false));
    // The sample's pilots and its own instrument live in other sections.
    let advisory: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::CsvReferencesNotChecked)
        .collect();
    assert_eq!(advisory.len(), 1, "{}", report.to_text(false));
    assert!(
        advisory[0].params["fields"]
            .as_str()
            .unwrap()
            .contains("implementation")
    );
    assert_eq!(report.findings.len(), 1);
    // Social reports refer to nothing else: no advisory.
    let bytes = sheet(&document, Section::SocialReports, CsvDialect::Standard);
    let report = validate_csv(&bytes, Section::SocialReports, Lang::En);
    assert!(report.findings.is_empty(), "{}", report.to_text(false));
}

/// Published result tables (outcomes, goal attainment, reach, with suppressed cells absent)
/// and the built-in instrument definitions round trip too.
#[test]
fn results_and_instrument_definitions_round_trip() {
    use rakenne_metrics::disclosure::DisclosureRule;
    use rakenne_metrics::{
        Dimension, EvaluationContext, GasScoring, GasSummary, OutcomeSummary, ReachSummary,
        Yardsticks, baseline_scores, builtin, pair_administrations,
    };
    use rakenne_schema::PublishedResult;

    let mut document = Sample::new(11).clients(400).document();
    let context = EvaluationContext::new(&document.implementations, &document.operating_models);
    let rule = DisclosureRule::default();
    let phq9 = builtin::phq9();
    let pairing = pair_administrations(&phq9, &document.measurements).unwrap();
    let yardsticks = Yardsticks::for_instrument(&phq9, &baseline_scores(&pairing));
    let outcomes = OutcomeSummary::table(
        &phq9,
        &pairing,
        &context,
        Dimension::Area,
        Dimension::Quarter,
        &yardsticks,
        rule,
    )
    .unwrap();
    let clients = GasSummary::client_scores(&document.gas_goals, &GasScoring::default());
    let goals = GasSummary::table(
        &clients,
        &context,
        Dimension::OperatingModel,
        Dimension::Quarter,
        rule,
    )
    .unwrap();
    let reach = ReachSummary::table(
        &document.service_episodes,
        &context,
        Dimension::Area,
        Dimension::Quarter,
        rule,
    )
    .unwrap();
    let results = vec![
        PublishedResult::Outcomes {
            instrument: phq9.id.clone(),
            table: Box::new(outcomes),
        },
        PublishedResult::GoalAttainment {
            table: Box::new(goals),
        },
        PublishedResult::Reach {
            table: Box::new(reach),
        },
    ];
    document.results = results;
    document.instruments.extend(builtin::all());
    for section in [Section::Results, Section::Instruments] {
        for dialect in [CsvDialect::Standard, CsvDialect::ExcelFinnish] {
            let bytes = sheet(&document, section, dialect);
            assert!(!bytes.is_empty());
            let import = import_csv(&bytes, section, &without(&document, section), Lang::En);
            assert!(
                import.report.is_valid(),
                "{section}: {}",
                import.report.to_text(false)
            );
            assert_eq!(
                import.document.as_ref(),
                Some(&document),
                "{section} {dialect}"
            );
        }
    }
}

/// Whether an observation's indicator is defined depends on another section: a sheet of
/// observations on its own leaves it unchecked (and says so); imported into a document
/// without the definitions, each undefined indicator is an advisory at the cell of its
/// first observation.
#[test]
fn indicator_definitions_are_checked_like_references() {
    let document = example_document();
    let bytes = sheet(&document, Section::Indicators, CsvDialect::Standard);
    let alone = validate_csv(&bytes, Section::Indicators, Lang::En);
    assert_eq!(
        rules(&alone.findings),
        [Rule::CsvReferencesNotChecked],
        "{}",
        alone.to_text(false)
    );
    assert_eq!(alone.findings[0].params["fields"], "indicator");

    let mut base = without(&document, Section::Indicators);
    base.indicator_definitions.clear();
    let import = import_csv(&bytes, Section::Indicators, &base, Lang::En);
    assert!(import.report.is_valid(), "{}", import.report.to_text(false));
    // The indicator is the first column; the example's three observations are of three
    // indicators, on rows 2 to 4.
    assert_eq!(
        rules_and_cells(&import.report.findings),
        [
            (Rule::UndefinedIndicator, Some("A2".to_owned())),
            (Rule::UndefinedIndicator, Some("A3".to_owned())),
            (Rule::UndefinedIndicator, Some("A4".to_owned())),
        ]
    );
    assert_eq!(
        import.report.findings[0].params["indicator"],
        Value::from(document.indicators[0].indicator().as_str())
    );
    assert_eq!(import.records, document.indicators.len());
}
