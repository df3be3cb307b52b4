//! The Parquet export read back with the `parquet` crate's Arrow reader: every table of a
//! sample document (with published results added) has the rows, columns, types and
//! values of the document, counted from its typed records; empty tables write no file.
#![allow(clippy::unwrap_used)]

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::{Encoding, LogicalType};
use parquet::file::metadata::ParquetMetaData;
use rakenne_metrics::{Evaluation, EvaluationOptions};
use rakenne_model::{ItemValue, Measure};
use rakenne_schema::{
    Document, Header, ParquetTable, PublishedResult, Sample, Section, write_parquet,
    write_parquet_dir,
};

fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("parquet-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A sample document with every section filled: the sample's own sections and the
/// published results of its evaluation.
fn full_document() -> Document {
    let mut document = Sample::new(11).clients(80).document();
    let evaluation =
        Evaluation::of(&document.evaluation_input(), &EvaluationOptions::default()).unwrap();
    for outcomes in evaluation.outcomes {
        document.results.push(PublishedResult::Outcomes {
            instrument: outcomes.instrument,
            table: Box::new(outcomes.table),
        });
    }
    let goals = evaluation
        .goal_attainment
        .expect("the sample has GAS goals");
    document.results.push(PublishedResult::GoalAttainment {
        table: Box::new(goals),
    });
    let reach = evaluation.reach.expect("the sample has episodes");
    document.results.push(PublishedResult::Reach {
        table: Box::new(reach),
    });
    document
}

/// The rows each table must have, counted from the typed records.
fn expected_rows(document: &Document, table: ParquetTable) -> u64 {
    let theories = || {
        document.operating_models.iter().flat_map(|m| {
            let t = m.program_theory();
            [
                t.needs(),
                t.resources(),
                t.activities(),
                t.outputs(),
                t.short_term_outcomes(),
                t.long_term_outcomes(),
            ]
            .into_iter()
            .flatten()
        })
    };
    let count = match table {
        ParquetTable::OperatingModelElements => theories().count(),
        ParquetTable::OperatingModelMeasures => theories().map(|e| e.measures().len()).sum(),
        ParquetTable::InstrumentItems => document.instruments.iter().map(|i| i.items.len()).sum(),
        ParquetTable::InstrumentSubscales => {
            document.instruments.iter().map(|i| i.subscales.len()).sum()
        }
        ParquetTable::InstrumentCutoffs => {
            document.instruments.iter().map(|i| i.cutoffs.len()).sum()
        }
        ParquetTable::MeasurementResponses => document
            .measurements
            .iter()
            .map(|m| m.responses().len())
            .sum(),
        ParquetTable::FeedbackAnswers => document.feedback.iter().map(|f| f.answers().len()).sum(),
        ParquetTable::ResultCells => document
            .results
            .iter()
            .map(|r| {
                let (rows, columns) = match r {
                    PublishedResult::Outcomes { table, .. } => {
                        (table.row_keys.len(), table.column_keys.len())
                    }
                    PublishedResult::GoalAttainment { table } => {
                        (table.row_keys.len(), table.column_keys.len())
                    }
                    PublishedResult::Reach { table } => {
                        (table.row_keys.len(), table.column_keys.len())
                    }
                    _ => unreachable!("the test adds only these kinds"),
                };
                // Cells, row totals, column totals and the grand total.
                rows * columns + rows + columns + 1
            })
            .sum(),
        main => match main.section() {
            Section::SocialReports => document.social_reports.len(),
            Section::OperatingModels => document.operating_models.len(),
            Section::Implementations => document.implementations.len(),
            Section::Instruments => document.instruments.len(),
            Section::Measurements => document.measurements.len(),
            Section::GasGoals => document.gas_goals.len(),
            Section::ServiceEpisodes => document.service_episodes.len(),
            Section::Feedback => document.feedback.len(),
            Section::ExperienceStatements => document.experience_statements.len(),
            Section::IndicatorDefinitions => document.indicator_definitions.len(),
            Section::Indicators => document.indicators.len(),
            Section::Results => document.results.len(),
            other => panic!("a section the test does not know: {other}"),
        },
    };
    count as u64
}

/// A Parquet file read back: its metadata and its rows as one batch.
struct ReadBack {
    metadata: std::sync::Arc<ParquetMetaData>,
    batch: RecordBatch,
}

fn read(path: &Path) -> ReadBack {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let metadata = builder.metadata().clone();
    let schema = builder.schema().clone();
    let batches: Vec<RecordBatch> = builder
        .with_batch_size(1 << 20)
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let batch = arrow_select_concat(&schema, &batches);
    ReadBack { metadata, batch }
}

/// The batches as one (the tables here fit one batch; an empty file has none).
fn arrow_select_concat(schema: &arrow_schema::SchemaRef, batches: &[RecordBatch]) -> RecordBatch {
    match batches {
        [] => RecordBatch::new_empty(schema.clone()),
        [one] => one.clone(),
        _ => panic!("expected one batch of at most 2^20 rows"),
    }
}

impl ReadBack {
    fn column(&self, name: &str) -> &dyn Array {
        self.batch
            .column_by_name(name)
            .unwrap_or_else(|| panic!("no column {name}"))
            .as_ref()
    }

    fn text(&self, name: &str, row: usize) -> Option<String> {
        let column = self.column(name).as_string::<i32>();
        column.is_valid(row).then(|| column.value(row).to_owned())
    }

    fn int(&self, name: &str, row: usize) -> Option<i64> {
        let column = self.column(name).as_primitive::<Int64Type>();
        column.is_valid(row).then(|| column.value(row))
    }
}

#[test]
fn every_table_of_a_sample_reads_back_with_its_rows_and_columns() {
    let document = full_document();
    let dir = out_dir("every-table");
    let files = write_parquet_dir(&document, &dir).unwrap();
    for table in ParquetTable::ALL {
        let expected = expected_rows(&document, table);
        let path = dir.join(table.file_name());
        let written = files.iter().find(|f| f.table == table);
        if expected == 0 {
            assert!(
                written.is_none() && !path.exists(),
                "{table}: no rows, no file"
            );
            continue;
        }
        let written = written.unwrap_or_else(|| panic!("{table} was not written"));
        assert_eq!(written.path, path);
        assert_eq!(written.rows, expected, "{table}");
        let back = read(&path);
        assert_eq!(back.batch.num_rows() as u64, expected, "{table}");
        let names: Vec<&str> = back
            .batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        let columns = table.columns();
        let documented: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, documented, "{table}: columns as documented");
        for (field, column) in back.batch.schema_ref().fields().iter().zip(&columns) {
            let expected_type = match column.parquet_type {
                "DATE" => DataType::Date32,
                "INT64" => DataType::Int64,
                "DOUBLE" => DataType::Float64,
                "BOOLEAN" => DataType::Boolean,
                "DECIMAL(6,2)" => DataType::Decimal128(6, 2),
                "LIST<STRING>" => DataType::List(std::sync::Arc::new(
                    arrow_schema::Field::new_list_field(DataType::Utf8, true),
                )),
                _ => DataType::Utf8,
            };
            assert_eq!(field.data_type(), &expected_type, "{table}.{}", column.name);
            assert_eq!(
                field.is_nullable(),
                column.nullable,
                "{table}.{}",
                column.name
            );
        }
        let metadata = back.metadata.file_metadata().key_value_metadata().unwrap();
        let value = |key: &str| {
            metadata
                .iter()
                .find(|kv| kv.key == key)
                .and_then(|kv| kv.value.clone())
                .unwrap_or_else(|| panic!("{table}: no {key}"))
        };
        assert_eq!(value("rakenne.table"), table.code());
        assert_eq!(value("rakenne.format_version"), "1.0.0");
        let header: Header = serde_json::from_str(&value("rakenne.header")).unwrap();
        assert_eq!(header, document.header, "{table}");
    }
    assert!(files.iter().any(|f| f.table == ParquetTable::ResultCells));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".parquet"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn values_read_back_as_the_document_has_them() {
    let document = full_document();
    let dir = out_dir("values");
    write_parquet_dir(&document, &dir).unwrap();

    let reports = read(&dir.join("social_reports.parquet"));
    for (row, report) in document.social_reports.iter().enumerate().take(20) {
        assert_eq!(
            reports.text("id", row).as_deref(),
            Some(report.id().as_str())
        );
        let day = reports
            .column("reported_on")
            .as_primitive::<Date32Type>()
            .value(row);
        let epoch = time::macros::date!(1970 - 01 - 01);
        assert_eq!(i64::from(day), (report.reported_on() - epoch).whole_days());
        let themes = reports.column("themes").as_list::<i32>().value(row);
        let themes: Vec<&str> = themes
            .as_string::<i32>()
            .iter()
            .map(Option::unwrap)
            .collect();
        let codes: Vec<String> = report.themes().iter().map(ToString::to_string).collect();
        assert_eq!(themes, codes);
        assert_eq!(
            reports.text("municipality", row),
            report.municipality().map(|m| m.to_string())
        );
        assert_eq!(
            reports.text("description", row).as_deref(),
            Some(report.description().as_str())
        );
    }

    let indicators = read(&dir.join("indicators.parquet"));
    for (row, observation) in document.indicators.iter().enumerate() {
        // The exact decimal's text, as JSON has it.
        assert_eq!(
            indicators.text("value", row),
            Some(observation.value().to_string())
        );
        assert_eq!(
            indicators.text("denominator", row),
            observation.denominator().map(|d| d.to_string())
        );
    }

    let goals = read(&dir.join("gas_goals.parquet"));
    for (row, goal) in document.gas_goals.iter().enumerate() {
        assert_eq!(
            goals.int("follow_up_level", row),
            goal.follow_up_level().map(|l| i64::from(l.value()))
        );
        assert_eq!(
            goals.int("weight", row),
            Some(i64::from(goal.weight().value()))
        );
    }

    let episodes = read(&dir.join("service_episodes.parquet"));
    let new_client = episodes.column("new_client").as_boolean();
    for (row, episode) in document.service_episodes.iter().enumerate() {
        assert_eq!(
            new_client.is_valid(row).then(|| new_client.value(row)),
            episode.new_client()
        );
        assert_eq!(
            episodes.int("contacts", row),
            Some(i64::from(episode.contacts()))
        );
    }

    let measures = read(&dir.join("operating_model_measures.parquet"));
    let first = document
        .operating_models
        .iter()
        .flat_map(|m| m.program_theory().measures())
        .next()
        .expect("the sample's program theories name measures");
    let (kind, id) = match first {
        Measure::Instrument(id) => ("instrument", id.to_string()),
        Measure::Indicator(id) => ("indicator", id.to_string()),
        _ => panic!("a measure the test does not know"),
    };
    assert_eq!(measures.text("kind", 0).as_deref(), Some(kind));
    assert_eq!(measures.text("id", 0), Some(id));
}

#[test]
fn item_responses_read_back_as_scores_or_missing_reasons() {
    let document = full_document();
    let dir = out_dir("responses");
    write_parquet_dir(&document, &dir).unwrap();
    let measurements = read(&dir.join("measurements.parquet"));
    let responses = read(&dir.join("measurement_responses.parquet"));
    let mut row = 0;
    let mut scores = 0;
    let mut missing = 0;
    for (m, measurement) in document.measurements.iter().enumerate() {
        assert_eq!(
            measurements.text("id", m).as_deref(),
            Some(measurement.id().as_str())
        );
        assert_eq!(
            measurements.text("client_id", m).as_deref(),
            Some(measurement.client().id().as_str())
        );
        assert_eq!(
            measurements.text("implementation", m),
            measurement.implementation().map(ToString::to_string)
        );
        for (position, response) in measurement.responses().iter().enumerate() {
            assert_eq!(
                responses.text("measurement_id", row).as_deref(),
                Some(measurement.id().as_str())
            );
            assert_eq!(
                responses.int("position", row),
                Some(i64::try_from(position).unwrap())
            );
            assert_eq!(
                responses.text("item", row).as_deref(),
                Some(response.item().as_str())
            );
            let values = responses.column("value").as_primitive::<Decimal128Type>();
            match response.value() {
                ItemValue::Score(score) => {
                    assert_eq!(values.value(row), i128::from(score.hundredths()));
                    assert!(responses.text("missing_reason", row).is_none());
                    scores += 1;
                }
                ItemValue::Missing(reason) => {
                    assert!(values.is_null(row));
                    assert_eq!(
                        responses.text("missing_reason", row),
                        Some(reason.to_string())
                    );
                    missing += 1;
                }
                _ => panic!("an item value the test does not know"),
            }
            row += 1;
        }
    }
    assert!(
        scores > 0 && missing > 0,
        "the sample has both: {scores} scores, {missing} missing"
    );
}

#[test]
fn result_cells_read_back_with_their_keys() {
    let document = full_document();
    let dir = out_dir("cells");
    write_parquet_dir(&document, &dir).unwrap();
    let cells = read(&dir.join("result_cells.parquet"));
    let PublishedResult::Outcomes { table, .. } = &document.results[0] else {
        panic!("the first result is an outcome table");
    };
    assert_eq!(cells.text("place", 0).as_deref(), Some("cell"));
    assert_eq!(cells.int("row_position", 0), Some(0));
    let key = serde_json::to_value(&table.row_keys[0]).unwrap();
    assert_eq!(
        cells.text("row_key_value", 0).as_deref(),
        key["value"].as_str()
    );
    match table.cells[0][0].value() {
        Some(summary) => {
            assert!(cells.column("suppressed").is_null(0));
            assert_eq!(
                cells.int("clients_paired", 0),
                Some(i64::try_from(summary.clients_paired).unwrap())
            );
        }
        None => assert!(cells.column("suppressed").as_boolean().value(0)),
    }
}

#[test]
fn parquet_types_are_dates_decimals_and_dictionary_encoded_codes() {
    let document = Sample::new(3).clients(40).document();
    let dir = out_dir("types");
    write_parquet_dir(&document, &dir).unwrap();
    let reports = read(&dir.join("social_reports.parquet"));
    let schema = reports.metadata.file_metadata().schema_descr();
    let column = |name: &str| {
        (0..schema.num_columns())
            .find(|&i| schema.column(i).path().string() == name)
            .unwrap_or_else(|| panic!("no Parquet column {name}"))
    };
    assert_eq!(
        schema.column(column("reported_on")).logical_type_ref(),
        Some(&LogicalType::Date)
    );
    assert_eq!(
        schema.column(column("trend")).logical_type_ref(),
        Some(&LogicalType::String)
    );
    let encodings = |name: &str| -> Vec<Encoding> {
        reports
            .metadata
            .row_group(0)
            .column(column(name))
            .encodings()
            .collect()
    };
    assert!(
        encodings("trend").contains(&Encoding::RLE_DICTIONARY),
        "{:?}",
        encodings("trend")
    );
    assert!(!encodings("description").contains(&Encoding::RLE_DICTIONARY));
    assert!(!encodings("id").contains(&Encoding::RLE_DICTIONARY));

    let responses = read(&dir.join("measurement_responses.parquet"));
    let schema = responses.metadata.file_metadata().schema_descr();
    let value = (0..schema.num_columns())
        .find(|&i| schema.column(i).name() == "value")
        .unwrap();
    assert_eq!(
        schema.column(value).logical_type_ref(),
        Some(&LogicalType::Decimal(parquet::basic::DecimalType {
            scale: 2,
            precision: 6
        }))
    );
}

#[test]
fn empty_tables_write_no_file_and_remove_an_old_one() {
    let full = Sample::new(5).clients(10).document();
    let mut empty = Document::new(full.header.clone());
    empty.social_reports = full.social_reports.clone();
    let dir = out_dir("empty");
    write_parquet_dir(&full, &dir).unwrap();
    assert!(dir.join("feedback.parquet").exists());
    let files = write_parquet_dir(&empty, &dir).unwrap();
    let tables: Vec<ParquetTable> = files.iter().map(|f| f.table).collect();
    assert_eq!(tables, [ParquetTable::SocialReports]);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["social_reports.parquet"]);

    // One table into a stream: an empty table is a valid file with columns and no rows.
    let mut bytes = Vec::new();
    assert_eq!(
        write_parquet(&empty, Section::Feedback, &mut bytes).unwrap(),
        0
    );
    let path = dir.join("stream.parquet");
    std::fs::write(&path, &bytes).unwrap();
    let back = read(&path);
    assert_eq!(back.batch.num_rows(), 0);
    assert_eq!(
        back.batch.num_columns(),
        ParquetTable::Feedback.columns().len()
    );
}

#[test]
fn a_folder_that_cannot_be_created_is_an_error_that_names_it() {
    let document = Sample::new(5).clients(3).document();
    let dir = out_dir("blocked");
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(&dir, b"a file where the folder should be").unwrap();
    let error = write_parquet_dir(&document, dir.join("out"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("parquet-blocked"), "{error}");
    assert!(
        error.contains("give a folder that can be created"),
        "{error}"
    );
    std::fs::remove_file(&dir).unwrap();
}

mod arbitrary_records {
    use proptest::collection::vec;
    use proptest::prelude::*;
    use rakenne_model::{
        ExperienceStatement, Feedback, GasGoal, IndicatorDefinition, IndicatorObservation,
        InstrumentAdministration, ServiceEpisode, SocialReport,
    };

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Any valid records (long texts, extreme scores and levels, every optional field
        /// present or not) write one row each, and one row per item of their lists.
        #[test]
        fn every_record_writes_one_row_and_reads_back(
            reports in vec(any::<SocialReport>(), 0..4),
            measurements in vec(any::<InstrumentAdministration>(), 0..4),
            goals in vec(any::<GasGoal>(), 0..4),
            episodes in vec(any::<ServiceEpisode>(), 0..4),
            feedback in vec(any::<Feedback>(), 0..4),
            statements in vec(any::<ExperienceStatement>(), 0..4),
            definitions in vec(any::<IndicatorDefinition>(), 0..4),
            indicators in vec(any::<IndicatorObservation>(), 0..4),
        ) {
            let mut document = Document::new(Sample::new(1).clients(1).document().header);
            document.social_reports = reports;
            document.measurements = measurements;
            document.gas_goals = goals;
            document.service_episodes = episodes;
            document.feedback = feedback;
            document.experience_statements = statements;
            document.indicator_definitions = definitions;
            document.indicators = indicators;
            let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("parquet-arbitrary.parquet");
            for table in ParquetTable::ALL {
                let mut bytes = Vec::new();
                let rows = write_parquet(&document, table, &mut bytes).unwrap();
                prop_assert_eq!(rows, expected_rows(&document, table), "{}", table);
                std::fs::write(&path, &bytes).unwrap();
                let back = read(&path);
                prop_assert_eq!(back.batch.num_rows() as u64, rows, "{}", table);
            }
        }
    }
}
