//! The committed JSON Schemas under `schemas/` are exactly what the types generate, and
//! they agree with the types: every generated document validates against the committed
//! schema and reads back equal.
//!
//! Regenerate the files with `RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --test
//! committed_schemas`.

// Fixtures unwrap what the test itself generates.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rakenne_model::{
    ExperienceStatement, Feedback, GasGoal, Implementation, IndicatorDefinition,
    IndicatorObservation, InstrumentAdministration, Labels, Lang, OperatingModel, ReportingPeriod,
    ServiceEpisode, SocialReport, WelfareAreaCode,
};
use rakenne_schema::{Document, Header, Producer, schema_files};

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas")
}

#[test]
fn committed_schemas_match_the_types() {
    let dir = schemas_dir();
    let regenerate = std::env::var_os("RAKENNE_REGENERATE").is_some();
    let mut stale = Vec::new();
    for (path, content) in schema_files() {
        let file = dir.join(&path);
        if regenerate {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &content).unwrap();
        } else {
            let committed = std::fs::read_to_string(&file).unwrap_or_default();
            if committed != content {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "these committed schemas differ from the types: {stale:?}\nregenerate them with \
         RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --test committed_schemas"
    );
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(schemas_dir().join("document-1.0.schema.json"))
        .expect("the document schema is committed");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn header() -> impl Strategy<Value = Header> {
    (
        any::<WelfareAreaCode>(),
        any::<Labels>(),
        any::<ReportingPeriod>(),
        any::<Lang>(),
        0i64..2_000_000_000,
    )
        .prop_map(|(area, organisation, period, language, seconds)| {
            let created = time::OffsetDateTime::from_unix_timestamp(seconds)
                .unwrap()
                .to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
            Header::new(Producer::new(area, organisation), period, created, language)
        })
}

fn document() -> impl Strategy<Value = Document> {
    (
        header(),
        (
            prop::collection::vec(any::<SocialReport>(), 0..3),
            prop::collection::vec(any::<OperatingModel>(), 0..2),
            prop::collection::vec(any::<Implementation>(), 0..2),
            prop::collection::vec(any::<InstrumentAdministration>(), 0..3),
        ),
        (
            prop::collection::vec(any::<GasGoal>(), 0..3),
            prop::collection::vec(any::<ServiceEpisode>(), 0..3),
            prop::collection::vec(any::<Feedback>(), 0..2),
            prop::collection::vec(any::<ExperienceStatement>(), 0..2),
            prop::collection::vec(any::<IndicatorDefinition>(), 0..3),
            prop::collection::vec(any::<IndicatorObservation>(), 0..3),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                header,
                (reports, models, implementations, measurements),
                (goals, episodes, feedback, statements, definitions, indicators, instruments),
            )| {
                let mut d = Document::new(header);
                d.social_reports = reports;
                d.operating_models = models;
                d.implementations = implementations;
                d.measurements = measurements;
                d.gas_goals = goals;
                d.service_episodes = episodes;
                d.feedback = feedback;
                d.experience_statements = statements;
                d.indicator_definitions = definitions;
                d.indicators = indicators;
                if instruments {
                    d.instruments = rakenne_metrics::builtin::all();
                }
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_documents_match_the_committed_schema_and_read_back_equal(doc in document()) {
        let json = serde_json::to_value(&doc).unwrap();
        let errors: Vec<String> = validator()
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        let back: Document = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, doc);
    }
}
