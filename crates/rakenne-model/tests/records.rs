//! A corpus of records as producers write them: every `valid` example in
//! `tests/data/records/*.json` deserializes, re-serializes to the same JSON and validates
//! against its type's JSON Schema; every `invalid` case is refused with a message that
//! contains the case's `expect` text (what a data steward would read).

use std::path::Path;

use rakenne_model::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Checks the valid and invalid cases of one file against type `T`.
fn check<T: DeserializeOwned + Serialize + schemars::JsonSchema>(
    file: &Path,
    corpus: &Value,
) -> usize {
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialize");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let mut cases = 0;
    let list = |key: &str| {
        corpus[key]
            .as_array()
            .unwrap_or_else(|| panic!("{}: \"{key}\" is not an array", file.display()))
    };
    let text = |case: &Value, key: &str| -> String {
        case[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: a case has no \"{key}\" text", file.display()))
            .to_owned()
    };
    for (i, example) in list("valid").iter().enumerate() {
        let value: T = serde_json::from_value(example.clone())
            .unwrap_or_else(|e| panic!("{}: valid[{i}] refused: {e}", file.display()));
        assert_eq!(
            &serde_json::to_value(&value).expect("records serialize"),
            example,
            "{}: valid[{i}] does not serialize back to itself",
            file.display()
        );
        assert!(
            validator.is_valid(example),
            "{}: valid[{i}] fails the schema",
            file.display()
        );
        cases += 1;
    }
    for case in list("invalid") {
        let why = text(case, "why");
        let expect = text(case, "expect");
        let err = match serde_json::from_value::<T>(case["value"].clone()) {
            Ok(_) => panic!("{}: invalid case \"{why}\" was accepted", file.display()),
            Err(e) => e.to_string(),
        };
        assert!(
            err.contains(&expect),
            "{}: invalid case \"{why}\": message\n  {err}\ndoes not contain\n  {expect}",
            file.display()
        );
        cases += 1;
    }
    cases
}

#[test]
fn record_corpus_is_read_as_documented() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/records");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut cases = 0;
    for file in &files {
        let corpus: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        cases += match corpus["type"].as_str().unwrap() {
            "social_report" => check::<SocialReport>(file, &corpus),
            "operating_model" => check::<OperatingModel>(file, &corpus),
            "implementation" => check::<Implementation>(file, &corpus),
            "instrument_administration" => check::<InstrumentAdministration>(file, &corpus),
            "gas_goal" => check::<GasGoal>(file, &corpus),
            "service_episode" => check::<ServiceEpisode>(file, &corpus),
            "feedback" => check::<Feedback>(file, &corpus),
            "experience_statement" => check::<ExperienceStatement>(file, &corpus),
            "indicator_observation" => check::<IndicatorObservation>(file, &corpus),
            "indicator_definition" => check::<IndicatorDefinition>(file, &corpus),
            other => panic!("{}: unknown record type {other}", file.display()),
        };
    }
    assert_eq!(files.len(), 10, "one corpus file per record type");
    assert!(cases >= 50, "only {cases} cases");
}
