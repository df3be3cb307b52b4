//! Apache Parquet export: every section of a document as columnar files for an existing
//! query engine (DuckDB, DataFusion, Spark, pandas).
//!
//! Several years of every service class outgrow one machine's memory, and rakenne does not
//! grow an engine of its own: it hands the data over in the columnar format those engines
//! read. [`write_parquet`] writes one table, [`write_parquet_dir`] every table that has
//! rows into a folder, and [`parquet_markdown`] documents the columns
//! (`docs/parquet.md` in the repository). The JSON document stays the exchange format;
//! the Parquet files are a read-only view of a valid document and hold nothing the JSON
//! does not.
//!
//! # The tables
//! Each section is one file named after its code (`measurements.parquet`), one row per
//! record. A list of records inside a record (the item responses of a measurement, the
//! answers of a feedback, the elements of a program theory, the items of an instrument,
//! the cells of a result table) is a *child table* of its own
//! (`measurement_responses.parquet`) whose first columns name the parent (`measurement_id`)
//! and the item's `position` in the list (from 0, as in JSON pointers and CSV column
//! names). Child tables keep queries to plain joins and `GROUP BY`, which every engine
//! reads the same way, instead of nested types whose functions differ between engines. A
//! list of codes (`themes`, `municipalities`) stays in its record as a `LIST<STRING>`
//! column (`unnest(themes)`, `list_contains(themes, 'housing')`, `themes[1]` for the main
//! theme in DuckDB); a list the record does not have is empty, never null.
//!
//! # Column names
//! A column is named by the JSON path of its field with `_` between the parts:
//! `client.id` in JSON (and in the CSV sheets) is `client_id`, `rating.scale.min` is
//! `rating_scale_min`. Names are lower-case `snake_case`, so SQL reads them without
//! quotes (a dotted name must be quoted, `"client.id"`, in DuckDB and back-quoted in
//! Spark, or it is read as a table and a column). The names follow the JSON field names,
//! which do not change within a major version of the format, and the columns come in the
//! order of the record's fields.
//!
//! # Types
//! The columns and their types are derived from the document's JSON Schema, so the files,
//! the schema and `docs/parquet.md` say the same:
//! - codes, ids and periods are `STRING` (dictionary-encoded, so a code column costs
//!   little); free texts are `STRING` as the validated document has them;
//! - dates are `DATE`; the sections have no timestamps (the header's `created_at`
//!   travels in the file metadata, below);
//! - integers (counts, levels, weights, ratings) are `INT64`, statistics `DOUBLE`, flags
//!   `BOOLEAN`;
//! - item scores are `DECIMAL(6,2)`: the model holds them exactly, from −1000 to 1000 with
//!   at most two decimals, so the type holds every score. A missing item's reason
//!   (`not_answered`) is in the `missing_reason` column beside it, its score null;
//! - other exact decimals (indicator values, numerators and denominators, cut-off scores,
//!   published sums and means) are `STRING` holding the JSON's exact text (`"15.0"`).
//!   Their precision varies (a published mean may have 28 decimals, an indicator value
//!   one), so no one `DECIMAL(p,s)` holds them all exactly, and a column whose type
//!   changed with the data would not read as one table across files. Cast where you
//!   need numbers: `CAST(value AS DECIMAL(18,3))` rounds as you choose.
//!
//! # Metadata
//! Every file carries the document's header as JSON under the key `rakenne.header`
//! (producer, period, `created_at`, language, code-list versions), its table under
//! `rakenne.table` and the format version under `rakenne.format_version`
//! (in DuckDB, which reads them as bytes:
//! `SELECT decode(key), decode(value) FROM parquet_kv_metadata('measurements.parquet')`). Ids are
//! unique within one producer's document; to combine several areas' folders, read them
//! with their file names (`read_parquet('*/measurements.parquet', filename = true)`).
//!
//! Files are compressed with Snappy, in row groups of up to about a million rows.

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Document, Error, FormatVersion, Section, document_schema};

/// A Parquet file of the export: the records of a section, or the items of a list inside
/// them (a child table).
///
/// # Example
/// ```
/// use rakenne_schema::{ParquetTable, Section};
///
/// let table = ParquetTable::MeasurementResponses;
/// assert_eq!(table.file_name(), "measurement_responses.parquet");
/// assert_eq!(table.section(), Section::Measurements);
/// assert_eq!(ParquetTable::from(Section::Measurements).code(), "measurements");
/// let columns: Vec<String> = table.columns().into_iter().map(|c| c.name).collect();
/// assert_eq!(columns, ["measurement_id", "position", "item", "value", "missing_reason"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ParquetTable {
    /// `social_reports`: one row per social report.
    SocialReports,
    /// `operating_models`: one row per operating model.
    OperatingModels,
    /// `operating_model_elements`: the elements of the models' program theories.
    OperatingModelElements,
    /// `operating_model_measures`: the instruments and indicators that measure the
    /// elements of program theories.
    OperatingModelMeasures,
    /// `implementations`: one row per implementation (pilot).
    Implementations,
    /// `instruments`: one row per instrument definition.
    Instruments,
    /// `instrument_items`: the items of the instruments.
    InstrumentItems,
    /// `instrument_subscales`: the subscales of the instruments.
    InstrumentSubscales,
    /// `instrument_cutoffs`: the severity bands of the instruments' total scores.
    InstrumentCutoffs,
    /// `measurements`: one row per instrument administration.
    Measurements,
    /// `measurement_responses`: the item responses of the administrations.
    MeasurementResponses,
    /// `gas_goals`: one row per GAS goal.
    GasGoals,
    /// `service_episodes`: one row per service episode.
    ServiceEpisodes,
    /// `feedback`: one row per feedback response.
    Feedback,
    /// `feedback_answers`: the answers of the feedback responses.
    FeedbackAnswers,
    /// `experience_statements`: one row per statement of experts by experience.
    ExperienceStatements,
    /// `indicator_definitions`: one row per indicator definition.
    IndicatorDefinitions,
    /// `indicators`: one row per indicator observation.
    Indicators,
    /// `results`: one row per published result table.
    Results,
    /// `result_cells`: the cells and totals of the published result tables.
    ResultCells,
}

impl ParquetTable {
    /// Every table, sections in document order, each followed by its child tables.
    pub const ALL: [ParquetTable; 20] = [
        ParquetTable::SocialReports,
        ParquetTable::OperatingModels,
        ParquetTable::OperatingModelElements,
        ParquetTable::OperatingModelMeasures,
        ParquetTable::Implementations,
        ParquetTable::Instruments,
        ParquetTable::InstrumentItems,
        ParquetTable::InstrumentSubscales,
        ParquetTable::InstrumentCutoffs,
        ParquetTable::Measurements,
        ParquetTable::MeasurementResponses,
        ParquetTable::GasGoals,
        ParquetTable::ServiceEpisodes,
        ParquetTable::Feedback,
        ParquetTable::FeedbackAnswers,
        ParquetTable::ExperienceStatements,
        ParquetTable::IndicatorDefinitions,
        ParquetTable::Indicators,
        ParquetTable::Results,
        ParquetTable::ResultCells,
    ];

    /// The table's code: its file name without `.parquet`. A section's own table has the
    /// section's code.
    pub fn code(self) -> &'static str {
        self.definition().code
    }

    /// The table's file name, e.g. `measurements.parquet`.
    pub fn file_name(self) -> String {
        format!("{}.parquet", self.code())
    }

    /// The section whose records the table holds.
    pub fn section(self) -> Section {
        self.definition().section
    }

    /// What one row of the table is.
    pub fn description(self) -> &'static str {
        self.definition().about
    }

    /// The table's columns, in file order, with their Parquet types and meanings.
    pub fn columns(self) -> Vec<ParquetColumn> {
        match plan(self) {
            Ok(columns) => columns.iter().map(Column::public).collect(),
            Err(_) => Vec::new(),
        }
    }

    fn definition(self) -> &'static Definition {
        // `DEFINITIONS` lists the tables in the order of `ALL`, which a test checks.
        &DEFINITIONS[self as usize]
    }
}

impl From<Section> for ParquetTable {
    /// The table of a section's own records.
    fn from(section: Section) -> Self {
        match section {
            Section::SocialReports => ParquetTable::SocialReports,
            Section::OperatingModels => ParquetTable::OperatingModels,
            Section::Implementations => ParquetTable::Implementations,
            Section::Instruments => ParquetTable::Instruments,
            Section::Measurements => ParquetTable::Measurements,
            Section::GasGoals => ParquetTable::GasGoals,
            Section::ServiceEpisodes => ParquetTable::ServiceEpisodes,
            Section::Feedback => ParquetTable::Feedback,
            Section::ExperienceStatements => ParquetTable::ExperienceStatements,
            Section::IndicatorDefinitions => ParquetTable::IndicatorDefinitions,
            Section::Indicators => ParquetTable::Indicators,
            Section::Results => ParquetTable::Results,
        }
    }
}

impl fmt::Display for ParquetTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A column of a Parquet table, as `docs/parquet.md` documents it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParquetColumn {
    /// The column's name, e.g. `client_age_group`.
    pub name: String,
    /// Its Parquet type: `STRING`, `DATE`, `INT64`, `DOUBLE`, `BOOLEAN`, `DECIMAL(6,2)` or
    /// `LIST<STRING>`.
    pub parquet_type: &'static str,
    /// Whether the column may hold nulls (an optional field).
    pub nullable: bool,
    /// What the column holds, from the JSON Schema's descriptions of the field and of the
    /// objects it is in (`›` between them).
    pub description: String,
}

/// A file written by [`write_parquet_dir`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParquetFile {
    /// The table.
    pub table: ParquetTable,
    /// Where it was written.
    pub path: PathBuf,
    /// Its number of rows.
    pub rows: u64,
}

/// Writes one table of `document` as a Parquet file into `out`; returns its number of
/// rows. A section (`Section::Measurements`) names its own table; child tables are
/// named by [`ParquetTable`]. A table without rows is written as a valid file with the
/// columns and no rows.
///
/// # Example
/// ```
/// use rakenne_schema::{ParquetTable, Sample, Section, write_parquet};
///
/// let document = Sample::new(7).clients(20).document();
/// let mut file = Vec::new();
/// let rows = write_parquet(&document, Section::Measurements, &mut file)?;
/// assert_eq!(rows, document.measurements.len() as u64);
/// assert_eq!(&file[..4], b"PAR1");
///
/// let responses: usize = document.measurements.iter().map(|m| m.responses().len()).sum();
/// let mut file = Vec::new();
/// let rows = write_parquet(&document, ParquetTable::MeasurementResponses, &mut file)?;
/// assert_eq!(rows, responses as u64);
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
pub fn write_parquet(
    document: &Document,
    table: impl Into<ParquetTable>,
    out: impl Write + Send,
) -> Result<u64, Error> {
    let table = table.into();
    write_table(document, table, out, &table.file_name())
}

/// Writes every table of `document` that has rows into `dir` (created if missing), as
/// `<table>.parquet`; returns the files written, in the order of [`ParquetTable::ALL`].
///
/// A table without rows gets no file, and a file of that name left in `dir` by an earlier
/// export is removed, so that the folder shows this document only. Each file is written
/// under a temporary name and renamed when complete.
///
/// # Example
/// ```
/// use rakenne_schema::{ParquetTable, Sample, write_parquet_dir};
///
/// let document = Sample::new(7).clients(20).document();
/// let dir = std::env::temp_dir().join(format!("rakenne-doc-parquet-{}", std::process::id()));
/// let files = write_parquet_dir(&document, &dir)?;
/// let measurements = files.iter().find(|f| f.table == ParquetTable::Measurements).unwrap();
/// assert_eq!(measurements.path, dir.join("measurements.parquet"));
/// assert!(files.iter().all(|f| f.rows > 0)); // the sample has no results: no results file
/// assert!(!dir.join("results.parquet").exists());
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
pub fn write_parquet_dir(
    document: &Document,
    dir: impl AsRef<Path>,
) -> Result<Vec<ParquetFile>, Error> {
    let dir = dir.as_ref();
    let failed = |path: &Path, e: &std::io::Error, fix: &str| Error::Parquet {
        file: path.display().to_string(),
        detail: format!("{e}; {fix}"),
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| failed(dir, &e, "give a folder that can be created and written to"))?;
    let mut written = Vec::new();
    for table in ParquetTable::ALL {
        let path = dir.join(table.file_name());
        let partial = dir.join(format!(".{}.partial", table.file_name()));
        let result = std::fs::File::create(&partial)
            .map_err(|e| failed(&partial, &e, "check that the folder is writable"))
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                let rows = write_table(document, table, &mut out, &path.display().to_string())?;
                out.flush()
                    .map_err(|e| failed(&partial, &e, "check the free space of the disk"))?;
                Ok(rows)
            });
        let rows = match result {
            Ok(rows) => rows,
            Err(e) => {
                // The partial file is useless; its removal failing changes nothing.
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        if rows == 0 {
            std::fs::remove_file(&partial)
                .map_err(|e| failed(&partial, &e, "remove the file by hand"))?;
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| {
                    failed(
                        &path,
                        &e,
                        "the document has no rows for it: remove the old file by hand",
                    )
                })?;
            }
            continue;
        }
        std::fs::rename(&partial, &path)
            .map_err(|e| failed(&path, &e, "check that the file is not open elsewhere"))?;
        written.push(ParquetFile { table, path, rows });
    }
    Ok(written)
}

/// The reference of the Parquet export as Markdown: the rules, then one table of columns
/// (name, type, meaning) per file. `docs/parquet.md` in the repository is this page.
///
/// # Example
/// ```
/// let page = rakenne_schema::parquet_markdown();
/// assert!(page.contains("## `measurement_responses.parquet`"));
/// assert!(page.contains("| `client_age_group` | STRING |"));
/// ```
pub fn parquet_markdown() -> String {
    let mut page = String::from(
        "<!-- Generated by rakenne_schema::parquet_markdown; regenerate with\n     \
         RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --features parquet --test parquet_reference -->\n\n",
    );
    page.push_str(MARKDOWN_INTRO);
    for table in ParquetTable::ALL {
        // Writing into a String cannot fail.
        let _ = write!(
            page,
            "\n## `{}`\n\n{} Section `{}`.\n\n| column | type | meaning |\n|---|---|---|\n",
            table.file_name(),
            table.description(),
            table.section()
        );
        for column in table.columns() {
            let null = if column.nullable { "" } else { " NOT NULL" };
            let _ = writeln!(
                page,
                "| `{}` | {}{null} | {} |",
                column.name,
                column.parquet_type,
                column.description.replace('|', "\\|")
            );
        }
    }
    page
}

const MARKDOWN_INTRO: &str = "# Parquet files

`rakenne parquet export DOCUMENT.json -o DIR` (or `rakenne_schema::write_parquet_dir`, with
the crate's `parquet` feature) writes every section of a valid exchange document that has
records as an Apache Parquet file, for query engines such as DuckDB, DataFusion or Spark.
The JSON document stays the exchange format; the files are a read-only view of it and hold
nothing the JSON does not.

- **Files.** One file per section, named by its code (`measurements.parquet`), one row per
  record. A list of records inside a record is a child table of its own
  (`measurement_responses.parquet`): its first columns name the parent
  (`measurement_id`) and the item's `position` in the list, from 0 as in JSON pointers and
  CSV column names. A table without rows gets no file.
- **Names.** The JSON path of the field with `_` between the parts: `client.id` in JSON
  and CSV is `client_id` here. Names are lower-case, so SQL needs no quotes.
- **Lists of codes** (`themes`, `municipalities`, ...) are `LIST<STRING>` columns (DuckDB:
  `unnest(themes)`, `list_contains(themes, 'housing')`, `themes[1]` is the main theme); a
  list the record does not have is empty.
- **Types.** Codes, ids, periods and free texts are `STRING` (codes dictionary-encoded);
  dates `DATE`; counts, levels, weights and ratings `INT64`; statistics `DOUBLE`; item
  scores `DECIMAL(6,2)` (exact: scores have at most two decimals and lie within ±1000),
  with a missing item's reason in `missing_reason` and its score null. Other exact
  decimals (indicator values, published sums and means) are `STRING` with the JSON's
  exact text, because their precision varies: cast them where you need numbers,
  `CAST(value AS DECIMAL(18,3))`.
- **Metadata.** Each file carries the document's header as JSON under the key
  `rakenne.header`, its table under `rakenne.table` and the format version under
  `rakenne.format_version` (DuckDB:
  `SELECT decode(key), decode(value) FROM parquet_kv_metadata('measurements.parquet')`).
  Ids are unique within one producer's document: combine the folders of several areas
  with `read_parquet('*/measurements.parquet', filename = true)`.

In DuckDB, `STRING` is `VARCHAR`, `INT64` is `BIGINT` and `LIST<STRING>` is `VARCHAR[]`.
The meanings come from the JSON Schema (`schemas/document-1.0.schema.json`), the objects a
field is in first (`›` between them).
";

/// What one table is made of: its file, the section it comes from, the columns of its
/// keys and the JSON Schema of its rows.
struct Definition {
    code: &'static str,
    section: Section,
    /// What one row is.
    about: &'static str,
    /// Leading columns that are not fields of the row's element: the parent's id and the
    /// position in the list, for child tables.
    keys: &'static [Key],
    /// The `$defs` schemas of the row's element; several are a union (the fields of all).
    element: &'static [&'static str],
    /// Fields of the element (dotted paths) that other tables hold.
    moved: &'static [&'static str],
    /// Columns whose meaning the schema's wording says poorly out of context: (column,
    /// meaning).
    meanings: &'static [(&'static str, &'static str)],
}

/// A key column.
struct Key {
    name: &'static str,
    kind: Kind,
    nullable: bool,
    description: &'static str,
}

const fn key(name: &'static str, kind: Kind, description: &'static str) -> Key {
    Key {
        name,
        kind,
        nullable: false,
        description,
    }
}

const POSITION: &str = "Position of the item in its list in the JSON document, from 0.";

const PROGRAM_THEORY_PARTS: [&str; 6] = [
    "needs",
    "resources",
    "activities",
    "outputs",
    "short_term_outcomes",
    "long_term_outcomes",
];

/// One per table, in the order of [`ParquetTable::ALL`].
const DEFINITIONS: [Definition; 20] = [
    Definition {
        code: "social_reports",
        section: Section::SocialReports,
        about: "One row per social report (sosiaalinen raportti).",
        keys: &[],
        element: &["SocialReport"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "operating_models",
        section: Section::OperatingModels,
        about: "One row per operating model (toimintamalli); the program theory is in \
                `operating_model_elements.parquet`.",
        keys: &[],
        element: &["OperatingModel"],
        moved: &["program_theory"],
        meanings: &[],
    },
    Definition {
        code: "operating_model_elements",
        section: Section::OperatingModels,
        about: "One row per element of an operating model's program theory (ohjelmateoria).",
        keys: &[
            key(
                "operating_model_id",
                Kind::Text,
                "Id of the operating model (`id` in `operating_models.parquet`).",
            ),
            key(
                "part",
                Kind::Text,
                "Part of the program theory: needs, resources, activities, outputs, \
                 short_term_outcomes or long_term_outcomes.",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["LogicElement"],
        moved: &["measures"],
        meanings: &[],
    },
    Definition {
        code: "operating_model_measures",
        section: Section::OperatingModels,
        about: "One row per instrument or indicator that measures an element of a program \
                theory.",
        keys: &[
            key(
                "operating_model_id",
                Kind::Text,
                "Id of the operating model (`id` in `operating_models.parquet`).",
            ),
            key(
                "part",
                Kind::Text,
                "Part of the program theory the element is in (`part` in \
                 `operating_model_elements.parquet`).",
            ),
            key(
                "element_position",
                Kind::Integer,
                "Position of the element in its part (`position` in \
                 `operating_model_elements.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["Measure"],
        moved: &[],
        meanings: &[(
            "id",
            "Id of the instrument (`instrument` in `measurements.parquet`) or of the \
             indicator (`indicator` in `indicators.parquet`)",
        )],
    },
    Definition {
        code: "implementations",
        section: Section::Implementations,
        about: "One row per implementation (pilotti) of an operating model.",
        keys: &[],
        element: &["Implementation"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "instruments",
        section: Section::Instruments,
        about: "One row per instrument definition (mittari) the document defines; the \
                built-in instruments (PHQ-9, GAD-7, WHO-5, K10, ORS) are not repeated.",
        keys: &[],
        element: &["InstrumentDefinition"],
        moved: &["items", "subscales", "cutoffs"],
        meanings: &[],
    },
    Definition {
        code: "instrument_items",
        section: Section::Instruments,
        about: "One row per item of an instrument definition.",
        keys: &[
            key(
                "instrument_id",
                Kind::Text,
                "Id of the instrument (`id` in `instruments.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["ItemDefinition"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "instrument_subscales",
        section: Section::Instruments,
        about: "One row per subscale of an instrument definition.",
        keys: &[
            key(
                "instrument_id",
                Kind::Text,
                "Id of the instrument (`id` in `instruments.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["Subscale"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "instrument_cutoffs",
        section: Section::Instruments,
        about: "One row per severity or interpretation band of an instrument's total score.",
        keys: &[
            key(
                "instrument_id",
                Kind::Text,
                "Id of the instrument (`id` in `instruments.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["Cutoff"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "measurements",
        section: Section::Measurements,
        about: "One row per instrument administration (mittaus); the item responses are in \
                `measurement_responses.parquet`.",
        keys: &[],
        element: &["InstrumentAdministration"],
        moved: &["responses"],
        meanings: &[],
    },
    Definition {
        code: "measurement_responses",
        section: Section::Measurements,
        about: "One row per item response of an instrument administration.",
        keys: &[
            key(
                "measurement_id",
                Kind::Text,
                "Id of the administration (`id` in `measurements.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["ItemResponse"],
        moved: &[],
        meanings: &[(
            "value",
            "The item's score; null when the item has no score (see `missing_reason`)",
        )],
    },
    Definition {
        code: "gas_goals",
        section: Section::GasGoals,
        about: "One row per GAS goal (tavoite).",
        keys: &[],
        element: &["GasGoal"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "service_episodes",
        section: Section::ServiceEpisodes,
        about: "One row per service episode (palvelujakso).",
        keys: &[],
        element: &["ServiceEpisode"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "feedback",
        section: Section::Feedback,
        about: "One row per client feedback response (asiakaspalaute); the answers are in \
                `feedback_answers.parquet`.",
        keys: &[],
        element: &["Feedback"],
        moved: &["answers"],
        meanings: &[],
    },
    Definition {
        code: "feedback_answers",
        section: Section::Feedback,
        about: "One row per answer of a feedback response.",
        keys: &[
            key(
                "feedback_id",
                Kind::Text,
                "Id of the feedback response (`id` in `feedback.parquet`).",
            ),
            key("position", Kind::Integer, POSITION),
        ],
        element: &["FeedbackAnswer"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "experience_statements",
        section: Section::ExperienceStatements,
        about: "One row per statement of experts by experience (kokemusasiantuntijoiden \
                kannanotto).",
        keys: &[],
        element: &["ExperienceStatement"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "indicator_definitions",
        section: Section::IndicatorDefinitions,
        about: "One row per indicator definition (indikaattorin kuvaus).",
        keys: &[],
        element: &["IndicatorDefinition"],
        moved: &[],
        meanings: &[],
    },
    Definition {
        code: "indicators",
        section: Section::Indicators,
        about: "One row per indicator observation (indikaattorin arvo).",
        keys: &[],
        element: &["IndicatorObservation"],
        moved: &[],
        meanings: &[(
            "region_code",
            "Region the value applies to › Code of the welfare area (two digits) or of the \
             municipality (three digits); null for the whole country",
        )],
    },
    Definition {
        code: "results",
        section: Section::Results,
        about: "One row per published result table (aggregates after disclosure control); \
                its cells are in `result_cells.parquet`.",
        keys: &[key(
            "position",
            Kind::Integer,
            "Position of the result in the results section, from 0.",
        )],
        element: &["PublishedResult"],
        moved: &[
            "table.row_keys",
            "table.column_keys",
            "table.cells",
            "table.row_totals",
            "table.column_totals",
            "table.grand_total",
        ],
        meanings: &[],
    },
    Definition {
        code: "result_cells",
        section: Section::Results,
        about: "One row per cell of a published result table, its row and column totals \
                and its grand total. The summary columns are those of the result's kind \
                (outcomes, goal attainment or reach); a suppressed cell has \
                `suppressed = true` and no figures.",
        keys: &[
            key(
                "result_position",
                Kind::Integer,
                "Position of the result table (`position` in `results.parquet`).",
            ),
            key(
                "place",
                Kind::Text,
                "What the row is: cell, row_total, column_total or grand_total.",
            ),
            Key {
                name: "row_position",
                kind: Kind::Integer,
                nullable: true,
                description: "Position of the table row, from 0 (null in column totals \
                              and the grand total).",
            },
            Key {
                name: "column_position",
                kind: Kind::Integer,
                nullable: true,
                description: "Position of the table column, from 0 (null in row totals and \
                              the grand total).",
            },
            Key {
                name: "row_key_dimension",
                kind: Kind::Text,
                nullable: true,
                description: "Dimension of the row's group: area, municipality, period, \
                              operating_model, model_theme, age_group or gender.",
            },
            Key {
                name: "row_key_value",
                kind: Kind::Text,
                nullable: true,
                description: "The row's group: a code of its dimension (null in column \
                              totals and the grand total).",
            },
            Key {
                name: "column_key_dimension",
                kind: Kind::Text,
                nullable: true,
                description: "Dimension of the column's group.",
            },
            Key {
                name: "column_key_value",
                kind: Kind::Text,
                nullable: true,
                description: "The column's group: a code of its dimension (null in row \
                              totals and the grand total).",
            },
        ],
        element: &["Published", "Published2", "Published3"],
        moved: &[],
        meanings: &[(
            "suppressed",
            "True when disclosure control suppressed the result (the row then has no \
             figures); null when the result is published",
        )],
    },
];

/// The fields of each object of the format in the order of its Rust struct, which is the
/// order of the JSON the crate writes (the JSON Schema lists them alphabetically).
/// Objects without a name (the variants of a union) put their tag first.
const FIELD_ORDER: &[(&str, &[&str])] = &[
    (
        "SocialReport",
        &[
            "id",
            "reported_on",
            "area",
            "municipality",
            "reporter_role",
            "service_class",
            "themes",
            "target_groups",
            "prevalence",
            "trend",
            "description",
            "root_causes",
            "proposed_action",
            "addressees",
            "follow_up",
        ],
    ),
    (
        "OperatingModel",
        &[
            "id",
            "name",
            "theme",
            "service_classes",
            "target_groups",
            "description",
            "program_theory",
        ],
    ),
    ("Labels", &["fi", "sv", "en"]),
    ("LogicElement", &["text", "measures"]),
    (
        "Implementation",
        &[
            "id",
            "operating_model",
            "area",
            "municipalities",
            "period",
            "service_class",
            "description",
        ],
    ),
    (
        "InstrumentDefinition",
        &[
            "id",
            "version",
            "name",
            "items",
            "subscales",
            "scoring",
            "max_missing",
            "direction",
            "reliability",
            "clinical_cutoff",
            "cutoffs",
            "norms",
            "source",
            "licence",
        ],
    ),
    (
        "ItemDefinition",
        &["id", "min", "max", "reverse", "subscale"],
    ),
    ("Subscale", &["id", "name"]),
    ("Cutoff", &["score", "label"]),
    ("Reliability", &["coefficient", "kind", "source"]),
    ("Norms", &["dysfunctional", "functional", "source"]),
    ("NormGroup", &["mean", "sd"]),
    (
        "InstrumentAdministration",
        &[
            "id",
            "instrument",
            "client",
            "implementation",
            "administered_on",
            "occasion",
            "responses",
        ],
    ),
    ("Client", &["id", "age_group", "gender"]),
    ("ItemResponse", &["item", "value"]),
    (
        "GasGoal",
        &[
            "id",
            "client",
            "implementation",
            "goal",
            "weight",
            "set_on",
            "baseline_level",
            "follow_up_level",
            "evaluated_on",
        ],
    ),
    (
        "ServiceEpisode",
        &[
            "id",
            "client",
            "implementation",
            "service_class",
            "area",
            "municipality",
            "first_contact",
            "service_start",
            "service_end",
            "contacts",
            "new_client",
        ],
    ),
    (
        "Feedback",
        &[
            "id",
            "given_on",
            "area",
            "service_class",
            "implementation",
            "client",
            "answers",
        ],
    ),
    ("FeedbackAnswer", &["question", "rating", "comment"]),
    ("Rating", &["value", "scale"]),
    ("RatingScale", &["min", "max"]),
    (
        "ExperienceStatement",
        &[
            "id",
            "given_on",
            "area",
            "municipality",
            "source",
            "themes",
            "implementation",
            "statement",
        ],
    ),
    ("IndicatorDefinition", &["id", "name", "themes"]),
    (
        "IndicatorObservation",
        &[
            "indicator",
            "source",
            "region",
            "period",
            "value",
            "numerator",
            "denominator",
            "unit",
        ],
    ),
    (
        "ResultTable",
        &[
            "rows",
            "columns",
            "row_keys",
            "column_keys",
            "cells",
            "row_totals",
            "column_totals",
            "grand_total",
            "unplaced",
        ],
    ),
    (
        "OutcomeSummary",
        &[
            "instrument",
            "clients_with_baseline",
            "clients_paired",
            "dropout",
            "paired",
            "reliable_change",
            "clinical",
        ],
    ),
    ("Proportion", &["count", "n", "share", "ci"]),
    ("Interval", &["lower", "upper"]),
    ("Estimate", &["value", "ci"]),
    (
        "PairedComparison",
        &[
            "n",
            "mean_baseline",
            "sd_baseline",
            "mean_follow_up",
            "sd_follow_up",
            "mean_difference",
            "sd_difference",
            "t_test",
            "wilcoxon",
            "cohens_d_z",
            "cohens_d_av",
            "hedges_g_av",
        ],
    ),
    ("TTest", &["t", "df", "p"]),
    ("WilcoxonSignedRank", &["n_nonzero", "v", "z", "p"]),
    (
        "ChangeDistribution",
        &["improved", "unchanged", "deteriorated"],
    ),
    (
        "ClinicalDistribution",
        &["recovered", "improved", "unchanged", "deteriorated"],
    ),
    ("GasSummary", &["clients", "mean_t", "t_at_least_50"]),
    (
        "ReachSummary",
        &[
            "episodes",
            "clients_reached",
            "new_clients",
            "days_to_start",
            "contacts_per_client",
            "ended_before_start",
        ],
    ),
    (
        "Descriptives",
        &[
            "n", "missing", "sum", "mean", "sd", "median", "q1", "q3", "min", "max",
        ],
    ),
];

/// How a column is typed and how its values are read from the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A code, id, period or other short text.
    Text,
    /// Free text: not dictionary-encoded.
    FreeText,
    /// An exact decimal of varying precision, as its JSON text.
    ExactDecimal,
    /// A `YYYY-MM-DD` date.
    Date,
    /// An integer.
    Integer,
    /// A statistic.
    Double,
    /// A flag.
    Boolean,
    /// An item score (`ItemScore`): exact, at most two decimals, within ±1000.
    Score,
    /// The missing-value reason of an item value (its text, when it is not a score).
    MissingReason,
    /// A list of codes.
    TextList,
}

/// Item scores: DECIMAL(6,2) holds ±9999.99, more than the ±1000 of `ItemScore`.
const SCORE_PRECISION: u8 = 6;
const SCORE_SCALE: i8 = 2;

impl Kind {
    fn parquet_type(self) -> &'static str {
        match self {
            Kind::Text | Kind::FreeText | Kind::MissingReason => "STRING",
            Kind::ExactDecimal => "STRING (exact decimal)",
            Kind::Date => "DATE",
            Kind::Integer => "INT64",
            Kind::Double => "DOUBLE",
            Kind::Boolean => "BOOLEAN",
            Kind::Score => "DECIMAL(6,2)",
            Kind::TextList => "LIST<STRING>",
        }
    }

    fn data_type(self) -> DataType {
        match self {
            Kind::Text | Kind::FreeText | Kind::MissingReason | Kind::ExactDecimal => {
                DataType::Utf8
            }
            Kind::Date => DataType::Date32,
            Kind::Integer => DataType::Int64,
            Kind::Double => DataType::Float64,
            Kind::Boolean => DataType::Boolean,
            Kind::Score => DataType::Decimal128(SCORE_PRECISION, SCORE_SCALE),
            Kind::TextList => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        }
    }

    /// What a value of this kind is, for errors.
    fn expected(self) -> &'static str {
        match self {
            Kind::Text | Kind::FreeText | Kind::ExactDecimal | Kind::MissingReason => "a text",
            Kind::Date => "a date YYYY-MM-DD",
            Kind::Integer => "an integer within ±9 223 372 036 854 775 807",
            Kind::Double => "a number",
            Kind::Boolean => "true or false",
            Kind::Score => "a score within ±9999.99 with at most two decimals",
            Kind::TextList => "a list of texts",
        }
    }
}

/// A column of a table: where its value is in a row and how it is written.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// The key it is (by position), or the field path in the row's element.
    source: Source,
    kind: Kind,
    nullable: bool,
    description: String,
}

#[derive(Debug, Clone)]
enum Source {
    Key(usize),
    Field(Vec<String>),
}

impl Column {
    fn public(&self) -> ParquetColumn {
        ParquetColumn {
            name: self.name.clone(),
            parquet_type: self.kind.parquet_type(),
            nullable: self.nullable,
            description: self.description.clone(),
        }
    }

    /// The column's value in a row: its key, or the field of the element (`None` when the
    /// element does not have it).
    fn value<'a>(&self, keys: &'a [Value], element: &'a Value) -> Option<&'a Value> {
        match &self.source {
            Source::Key(i) => keys.get(*i),
            Source::Field(path) => path
                .iter()
                .try_fold(element, |value, part| value.get(part.as_str())),
        }
        .filter(|value| !value.is_null())
    }
}

/// The columns of `table`, planned once from the JSON Schema.
fn plan(table: ParquetTable) -> Result<&'static [Column], &'static str> {
    static PLANS: OnceLock<Vec<Result<Vec<Column>, String>>> = OnceLock::new();
    let plans = PLANS.get_or_init(|| {
        let schema = document_schema();
        let defs = schema.get("$defs").cloned().unwrap_or_default();
        ParquetTable::ALL
            .iter()
            .map(|&table| plan_table(&defs, table.definition()))
            .collect()
    });
    match &plans[table as usize] {
        Ok(columns) => Ok(columns),
        Err(message) => Err(message),
    }
}

fn plan_table(defs: &Value, definition: &Definition) -> Result<Vec<Column>, String> {
    let mut columns: Vec<Column> = definition
        .keys
        .iter()
        .enumerate()
        .map(|(i, key)| Column {
            name: key.name.to_owned(),
            source: Source::Key(i),
            kind: key.kind,
            nullable: key.nullable,
            description: key.description.trim_end_matches('.').to_owned(),
        })
        .collect();
    let mut variants = Vec::new();
    for name in definition.element {
        let def = defs
            .get(*name)
            .ok_or_else(|| format!("the JSON Schema has no definition {name}"))?;
        variants.push(
            object_fields(defs, Some(name), def)?
                .ok_or_else(|| format!("{name} is not an object: a table's rows are objects"))?,
        );
    }
    let fields = merge(variants);
    let mut planner = Planner {
        defs,
        moved: definition.moved,
        path: Vec::new(),
        context: Vec::new(),
        out: &mut columns,
    };
    planner.expand(&fields, false)?;
    for (name, meaning) in definition.meanings {
        let column = columns
            .iter_mut()
            .find(|c| c.name == *name)
            .ok_or_else(|| format!("{} has no column {name} to give a meaning", definition.code))?;
        (*meaning).clone_into(&mut column.description);
    }
    let mut names = HashSet::new();
    for column in &columns {
        if !names.insert(column.name.as_str()) {
            return Err(format!(
                "two columns of {} are named {}",
                definition.code, column.name
            ));
        }
    }
    Ok(columns)
}

/// A field of an object schema: its name, its schema and whether it is required.
/// Of a union, the field's schema in each variant that has it follows.
type ObjectField<'a> = (&'a str, &'a Value, bool, Vec<&'a Value>);

/// Walks the schema of a row's element and collects its columns.
struct Planner<'a, 'b> {
    defs: &'a Value,
    moved: &'static [&'static str],
    /// The path of the field being expanded.
    path: Vec<String>,
    /// The descriptions of the objects the field is in.
    context: Vec<String>,
    out: &'b mut Vec<Column>,
}

impl<'a> Planner<'a, '_> {
    fn expand(&mut self, fields: &[ObjectField<'a>], nullable: bool) -> Result<(), String> {
        for (name, node, required, variants) in fields {
            self.path.push((*name).to_owned());
            let dotted = self.path.join(".");
            if !self.moved.contains(&dotted.as_str()) {
                self.field(node, variants, nullable || !required, &dotted)?;
            }
            self.path.pop();
        }
        Ok(())
    }

    fn field(
        &mut self,
        node: &'a Value,
        variants: &[&Value],
        nullable: bool,
        dotted: &str,
    ) -> Result<(), String> {
        let mut about = description(self.defs, node);
        let tags: Vec<&str> = variants
            .iter()
            .filter_map(|v| v.get("const").and_then(Value::as_str))
            .collect();
        if about.is_empty() && !tags.is_empty() {
            // The tag of a union, such as a measure's kind.
            about = format!("Which variant the record is: {}", tags.join(", "));
        }
        let column = |this: &mut Self, name: String, kind: Kind, nullable: bool, about: &str| {
            let mut parts = this.context.clone();
            parts.push(about.to_owned());
            parts.retain(|p| !p.is_empty());
            this.out.push(Column {
                name,
                source: Source::Field(this.path.clone()),
                kind,
                nullable,
                description: parts.join(" › "),
            });
        };
        let name = self.path.join("_");
        match shape(self.defs, node)? {
            Shape::Leaf(kind) => column(self, name, kind, nullable, &about),
            Shape::ItemValue => {
                // A score or a missing-value reason: each column is null when the value
                // is the other.
                column(self, name, Kind::Score, true, &about);
                let mut reason_name = self.path[..self.path.len() - 1].join("_");
                if !reason_name.is_empty() {
                    reason_name.push('_');
                }
                reason_name.push_str("missing_reason");
                column(
                    self,
                    reason_name,
                    Kind::MissingReason,
                    true,
                    "Why the item has no score (its score is then null), e.g. not_answered",
                );
            }
            Shape::List(kind) => {
                if kind != Kind::Text {
                    return Err(format!(
                        "{dotted} is a list of values that are not codes; only lists of \
                         codes can be LIST<STRING> columns"
                    ));
                }
                column(self, name, Kind::TextList, nullable, &about);
            }
            Shape::Object(fields) => {
                self.context.push(about);
                self.expand(&fields, nullable)?;
                self.context.pop();
            }
            Shape::RecordList => {
                return Err(format!(
                    "{dotted} is a list of records: give it a child table and list it as \
                     moved"
                ));
            }
        }
        Ok(())
    }
}

/// What a schema node is, for the export.
enum Shape<'a> {
    Leaf(Kind),
    /// An item value: a score or a missing-value reason.
    ItemValue,
    /// A list of scalars of this kind.
    List(Kind),
    /// An object (or a union of objects) with its fields in order.
    Object(Vec<ObjectField<'a>>),
    /// A list of objects.
    RecordList,
}

/// The `$defs` name a `$ref` points to.
fn ref_name(node: &Value) -> Option<&str> {
    node.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// The node a `$ref` points to (and its name), or the node itself.
fn resolve<'a>(defs: &'a Value, node: &'a Value) -> Result<(Option<&'a str>, &'a Value), String> {
    match ref_name(node) {
        Some(name) => {
            let def = defs
                .get(name)
                .ok_or_else(|| format!("the JSON Schema has no definition {name}"))?;
            Ok((Some(name), def))
        }
        None => Ok((None, node)),
    }
}

fn shape<'a>(defs: &'a Value, node: &'a Value) -> Result<Shape<'a>, String> {
    match ref_name(node) {
        Some("ItemValue") => return Ok(Shape::ItemValue),
        Some("ItemScore") => return Ok(Shape::Leaf(Kind::Score)),
        Some("FreeText") => return Ok(Shape::Leaf(Kind::FreeText)),
        _ => {}
    }
    let (name, node) = resolve(defs, node)?;
    if let Some(fields) = object_fields(defs, name, node)? {
        return Ok(Shape::Object(fields));
    }
    if let Some(variants) = union(node) {
        let mut kinds = Vec::new();
        for variant in variants {
            match shape(defs, variant)? {
                Shape::Leaf(kind) => kinds.push(kind),
                _ => return Err("a union of values of different shapes".to_owned()),
            }
        }
        return match kinds.first() {
            Some(&kind) if kinds.iter().all(|&k| k == kind) => Ok(Shape::Leaf(kind)),
            _ => Err("a union of values of different types".to_owned()),
        };
    }
    let kind = match node.get("type").and_then(Value::as_str) {
        Some("string") => match node.get("format").and_then(Value::as_str) {
            Some("date") => Kind::Date,
            _ if node.get("pattern").and_then(Value::as_str)
                == Some(rakenne_model::decimal::PATTERN) =>
            {
                Kind::ExactDecimal
            }
            _ => Kind::Text,
        },
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Double,
        Some("boolean") => Kind::Boolean,
        Some("array") => {
            let items = node.get("items").unwrap_or(&Value::Null);
            return match shape(defs, items)? {
                Shape::Leaf(kind) => Ok(Shape::List(kind)),
                _ => Ok(Shape::RecordList),
            };
        }
        None if node.get("const").is_some() => Kind::Text,
        other => {
            return Err(format!(
                "a schema of type {other:?} that the export does not know"
            ));
        }
    };
    Ok(Shape::Leaf(kind))
}

fn union(node: &Value) -> Option<&Vec<Value>> {
    node.get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)
}

/// The fields of an object schema, or of a union of object schemas (merged: a field is
/// required when every variant requires it); `None` for other schemas.
fn object_fields<'a>(
    defs: &'a Value,
    name: Option<&str>,
    node: &'a Value,
) -> Result<Option<Vec<ObjectField<'a>>>, String> {
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        let required: Vec<&str> = node
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let order = ordered(name, properties)?;
        return Ok(Some(
            order
                .into_iter()
                .map(|(field, schema)| (field, schema, required.contains(&field), vec![schema]))
                .collect(),
        ));
    }
    let Some(variants) = union(node) else {
        return Ok(None);
    };
    let mut objects = Vec::new();
    // Variants without a name (a union's own objects, such as `{"suppressed": true}`)
    // first, so that the tag-like fields lead.
    let (anonymous, named): (Vec<&Value>, Vec<&Value>) =
        variants.iter().partition(|v| ref_name(v).is_none());
    for variant in anonymous.into_iter().chain(named) {
        let (name, variant) = resolve(defs, variant)?;
        match object_fields(defs, name, variant)? {
            Some(fields) => objects.push(fields),
            None => return Ok(None),
        }
    }
    Ok(Some(merge(objects)))
}

/// The fields of several objects, each once, in order of first appearance; a field is
/// required when every object requires it.
fn merge(objects: Vec<Vec<ObjectField<'_>>>) -> Vec<ObjectField<'_>> {
    let count = objects.len();
    let mut merged: Vec<(ObjectField<'_>, usize)> = Vec::new();
    for fields in objects {
        for (name, schema, required, variants) in fields {
            match merged.iter_mut().find(|((n, _, _, _), _)| *n == name) {
                Some(((_, _, all_required, all_variants), seen)) => {
                    *all_required &= required;
                    all_variants.extend(variants);
                    *seen += 1;
                }
                None => merged.push(((name, schema, required, variants), 1)),
            }
        }
    }
    merged
        .into_iter()
        .map(|((name, schema, required, variants), seen)| {
            (name, schema, required && seen == count, variants)
        })
        .collect()
}

/// The properties of an object in the order of [`FIELD_ORDER`] (for a named object) or
/// with constant tags first and the rest alphabetically (for an unnamed one).
fn ordered<'a>(
    name: Option<&str>,
    properties: &'a Map<String, Value>,
) -> Result<Vec<(&'a str, &'a Value)>, String> {
    let Some(name) = name else {
        let mut fields: Vec<(&str, &Value)> =
            properties.iter().map(|(k, v)| (k.as_str(), v)).collect();
        fields.sort_by_key(|(field, schema)| (schema.get("const").is_none(), *field));
        return Ok(fields);
    };
    let order = FIELD_ORDER
        .iter()
        .find(|(object, _)| *object == name)
        .map(|(_, order)| *order)
        .ok_or_else(|| format!("give the field order of {name} in FIELD_ORDER"))?;
    let mut fields = Vec::new();
    for field in order {
        let (key, schema) = properties
            .get_key_value(*field)
            .ok_or_else(|| format!("FIELD_ORDER names {name}.{field}, which the schema lacks"))?;
        fields.push((key.as_str(), schema));
    }
    if fields.len() != properties.len() {
        return Err(format!(
            "the schema of {name} has fields that FIELD_ORDER does not list"
        ));
    }
    Ok(fields)
}

/// The first paragraph of a node's description (or of the definition it refers to), on
/// one line and without the final full stop.
fn description(defs: &Value, node: &Value) -> String {
    let text = node
        .get("description")
        .or_else(|| {
            ref_name(node)
                .and_then(|name| defs.get(name))
                .and_then(|def| def.get("description"))
        })
        .and_then(Value::as_str)
        .unwrap_or_default();
    let first = text.split("\n\n").next().unwrap_or_default();
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    line.strip_suffix('.').unwrap_or(&line).to_owned()
}

/// Rows written per record batch: bounds the memory of the column builders.
const BATCH_ROWS: usize = 64 * 1024;

fn write_table(
    document: &Document,
    table: ParquetTable,
    mut out: impl Write + Send,
    file: &str,
) -> Result<u64, Error> {
    let fail = |detail: String| Error::Parquet {
        file: file.to_owned(),
        detail,
    };
    let columns = plan(table).map_err(|e| {
        fail(format!(
            "the table's columns could not be planned from the JSON Schema ({e}); this is a \
             bug in rakenne"
        ))
    })?;
    let schema: SchemaRef = Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(&c.name, c.kind.data_type(), c.nullable))
            .collect::<Vec<_>>(),
    ));
    let header = serde_json::to_string(&document.header)
        .map_err(|e| fail(format!("the header could not be written as JSON: {e}")))?;
    let mut properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(vec![
            KeyValue::new("rakenne.table".to_owned(), table.code().to_owned()),
            KeyValue::new(
                "rakenne.format_version".to_owned(),
                FormatVersion::CURRENT.to_string(),
            ),
            KeyValue::new("rakenne.header".to_owned(), header),
        ]));
    let own_records = table.definition().keys.is_empty();
    for column in columns {
        // Free texts and the records' own ids hardly repeat: a dictionary would only cost.
        if column.kind == Kind::FreeText || (own_records && column.name == "id") {
            properties = properties
                .set_column_dictionary_enabled(ColumnPath::from(column.name.as_str()), false);
        }
    }
    let parquet_error = |e: parquet::errors::ParquetError| {
        fail(format!(
            "{e}; check that the output can be written (free space, permissions)"
        ))
    };
    let mut writer = ArrowWriter::try_new(&mut out, Arc::clone(&schema), Some(properties.build()))
        .map_err(parquet_error)?;
    let mut builders: Vec<Builder> = columns
        .iter()
        .map(|c| Builder::new(c.kind))
        .collect::<Result<_, _>>()
        .map_err(|e| fail(format!("{e}; this is a bug in rakenne")))?;
    let mut rows: u64 = 0;
    let mut pending = 0usize;
    let flush =
        |builders: &mut Vec<Builder>, writer: &mut ArrowWriter<&mut _>| -> Result<(), Error> {
            let arrays: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
            let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)
                .map_err(|e| fail(format!("{e}; this is a bug in rakenne")))?;
            writer.write(&batch).map_err(parquet_error)
        };
    each_row(document, table, &mut |keys, element| {
        for ((column, builder), number) in columns.iter().zip(&mut builders).zip(1..) {
            let value = column.value(keys, element);
            if value.is_none() && !column.nullable {
                return Err(fail(format!(
                    "row {} has no value in column {number} ({}), which every row has; \
                     this is a bug in rakenne",
                    rows + 1,
                    column.name
                )));
            }
            builder.append(value).map_err(|()| {
                fail(format!(
                    "row {} does not fit column {number} ({}): expected {}; this is a bug \
                     in rakenne",
                    rows + 1,
                    column.name,
                    column.kind.expected()
                ))
            })?;
        }
        rows += 1;
        pending += 1;
        if pending == BATCH_ROWS {
            flush(&mut builders, &mut writer)?;
            pending = 0;
        }
        Ok(())
    })?;
    if pending > 0 {
        flush(&mut builders, &mut writer)?;
    }
    writer.close().map_err(parquet_error)?;
    out.flush()
        .map_err(|e| fail(format!("{e}; check that the output can be written")))?;
    Ok(rows)
}

/// A column's values being collected.
enum Builder {
    Text(StringBuilder),
    Date(Date32Builder),
    Integer(Int64Builder),
    Double(Float64Builder),
    Boolean(BooleanBuilder),
    Score(Decimal128Builder),
    /// A score's missing-value reason: the text when the value is not a number.
    MissingReason(StringBuilder),
    List(ListBuilder<StringBuilder>),
}

/// Days from 0000-01-01 (proleptic Gregorian, as `time` counts) to 1970-01-01, the epoch of
/// Parquet's DATE: the Julian day number of the epoch, 2 440 588.
const UNIX_EPOCH_JULIAN_DAY: i32 = 2_440_588;

impl Builder {
    fn new(kind: Kind) -> Result<Builder, arrow_schema::ArrowError> {
        Ok(match kind {
            Kind::Text | Kind::FreeText | Kind::ExactDecimal => Builder::Text(StringBuilder::new()),
            Kind::MissingReason => Builder::MissingReason(StringBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::Integer => Builder::Integer(Int64Builder::new()),
            Kind::Double => Builder::Double(Float64Builder::new()),
            Kind::Boolean => Builder::Boolean(BooleanBuilder::new()),
            Kind::Score => Builder::Score(
                Decimal128Builder::new().with_precision_and_scale(SCORE_PRECISION, SCORE_SCALE)?,
            ),
            Kind::TextList => Builder::List(ListBuilder::new(StringBuilder::new())),
        })
    }

    /// Appends a value (`None` for null); `Err` when the JSON value is not of the column's
    /// kind.
    fn append(&mut self, value: Option<&Value>) -> Result<(), ()> {
        match (self, value) {
            (Builder::Text(b) | Builder::MissingReason(b), Some(Value::String(s))) => {
                b.append_value(s);
            }
            // A score in place of a missing-value reason.
            (Builder::Text(b), None)
            | (Builder::MissingReason(b), None | Some(Value::Number(_))) => b.append_null(),
            (Builder::Date(b), Some(Value::String(s))) => b.append_value(days_since_epoch(s)?),
            (Builder::Date(b), None) => b.append_null(),
            (Builder::Integer(b), Some(Value::Number(n))) => b.append_value(n.as_i64().ok_or(())?),
            (Builder::Integer(b), None) => b.append_null(),
            (Builder::Double(b), Some(Value::Number(n))) => b.append_value(n.as_f64().ok_or(())?),
            (Builder::Double(b), None) => b.append_null(),
            (Builder::Boolean(b), Some(Value::Bool(flag))) => b.append_value(*flag),
            (Builder::Boolean(b), None) => b.append_null(),
            (Builder::Score(b), Some(Value::Number(n))) => b.append_value(hundredths(n)?),
            // A missing-value reason in place of a score.
            (Builder::Score(b), None | Some(Value::String(_))) => b.append_null(),
            (Builder::List(b), Some(Value::Array(items))) => {
                for item in items {
                    b.values().append_value(item.as_str().ok_or(())?);
                }
                b.append(true);
            }
            // A list the record does not have is empty.
            (Builder::List(b), None) => b.append(true),
            _ => return Err(()),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) | Builder::MissingReason(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Double(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Score(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// Days from 1970-01-01 to a `YYYY-MM-DD` date.
fn days_since_epoch(text: &str) -> Result<i32, ()> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &format).map_err(|_| ())?;
    Ok(date.to_julian_day() - UNIX_EPOCH_JULIAN_DAY)
}

/// An item score as hundredths, exactly: from the number's shortest decimal text (which
/// is how the model writes it: at most two decimals).
fn hundredths(number: &serde_json::Number) -> Result<i128, ()> {
    let mut score = rust_decimal::Decimal::from_str_exact(&number.to_string()).map_err(|_| ())?;
    score = score.normalize();
    let scale = u32::try_from(SCORE_SCALE).map_err(|_| ())?;
    if score.scale() > scale {
        return Err(());
    }
    score.rescale(scale);
    let hundredths = score.mantissa();
    // DECIMAL(6,2) holds ±999 999 hundredths.
    if hundredths.abs() > 999_999 {
        return Err(());
    }
    Ok(hundredths)
}

/// What receives the rows of a table: the values of its keys and the row's element.
type RowSink<'a> = dyn FnMut(&[Value], &Value) -> Result<(), Error> + 'a;

/// Calls `f` with the keys and the element of every row of `table`, in document order.
fn each_row(document: &Document, table: ParquetTable, f: &mut RowSink<'_>) -> Result<(), Error> {
    let items = |value: &Value| -> Vec<Value> { value.as_array().cloned().unwrap_or_default() };
    let section = table.section();
    match table {
        ParquetTable::SocialReports
        | ParquetTable::OperatingModels
        | ParquetTable::Implementations
        | ParquetTable::Instruments
        | ParquetTable::Measurements
        | ParquetTable::GasGoals
        | ParquetTable::ServiceEpisodes
        | ParquetTable::Feedback
        | ParquetTable::ExperienceStatements
        | ParquetTable::IndicatorDefinitions
        | ParquetTable::Indicators => {
            each_record(document, section, &mut |_, record| f(&[], &record))
        }
        ParquetTable::OperatingModelElements | ParquetTable::OperatingModelMeasures => {
            each_record(document, section, &mut |_, model| {
                let id = model.get("id").cloned().unwrap_or_default();
                let theory = model.get("program_theory").unwrap_or(&Value::Null);
                for part in PROGRAM_THEORY_PARTS {
                    let elements = items(theory.get(part).unwrap_or(&Value::Null));
                    for (i, element) in elements.iter().enumerate() {
                        let keys = [id.clone(), Value::from(part), Value::from(i)];
                        if table == ParquetTable::OperatingModelElements {
                            f(&keys, element)?;
                            continue;
                        }
                        let measures = items(element.get("measures").unwrap_or(&Value::Null));
                        for (j, measure) in measures.iter().enumerate() {
                            let mut keys = keys.to_vec();
                            keys.push(Value::from(j));
                            f(&keys, measure)?;
                        }
                    }
                }
                Ok(())
            })
        }
        ParquetTable::InstrumentItems => each_child(document, section, "items", f),
        ParquetTable::InstrumentSubscales => each_child(document, section, "subscales", f),
        ParquetTable::InstrumentCutoffs => each_child(document, section, "cutoffs", f),
        ParquetTable::MeasurementResponses => each_child(document, section, "responses", f),
        ParquetTable::FeedbackAnswers => each_child(document, section, "answers", f),
        ParquetTable::Results => each_record(document, section, &mut |i, result| {
            f(&[Value::from(i)], &result)
        }),
        ParquetTable::ResultCells => each_record(document, section, &mut |i, result| {
            let table = result.get("table").unwrap_or(&Value::Null);
            let part = |name: &str| table.get(name).unwrap_or(&Value::Null);
            let key = |keys: &Value, position: usize, field: &str| {
                keys.get(position)
                    .and_then(|k| k.get(field))
                    .cloned()
                    .unwrap_or_default()
            };
            let (row_keys, column_keys) = (part("row_keys"), part("column_keys"));
            let row = |r: usize| {
                [
                    Value::from(r),
                    key(row_keys, r, "dimension"),
                    key(row_keys, r, "value"),
                ]
            };
            let column = |c: usize| {
                [
                    Value::from(c),
                    key(column_keys, c, "dimension"),
                    key(column_keys, c, "value"),
                ]
            };
            let none = || [Value::Null, Value::Null, Value::Null];
            let mut cell =
                |place: &str, [r, rd, rv]: [Value; 3], [c, cd, cv]: [Value; 3], value: &Value| {
                    f(
                        &[Value::from(i), Value::from(place), r, c, rd, rv, cd, cv],
                        value,
                    )
                };
            for (r, cells) in items(part("cells")).iter().enumerate() {
                for (c, value) in items(cells).iter().enumerate() {
                    cell("cell", row(r), column(c), value)?;
                }
            }
            for (r, value) in items(part("row_totals")).iter().enumerate() {
                cell("row_total", row(r), none(), value)?;
            }
            for (c, value) in items(part("column_totals")).iter().enumerate() {
                cell("column_total", none(), column(c), value)?;
            }
            cell("grand_total", none(), none(), part("grand_total"))
        }),
    }
}

/// Calls `f` for every item of the list `field` of every record of `section`, with the
/// record's id and the item's position as keys.
fn each_child(
    document: &Document,
    section: Section,
    field: &str,
    f: &mut RowSink<'_>,
) -> Result<(), Error> {
    each_record(document, section, &mut |_, record| {
        let id = record.get("id").cloned().unwrap_or_default();
        if let Some(list) = record.get(field).and_then(Value::as_array) {
            for (i, item) in list.iter().enumerate() {
                f(&[id.clone(), Value::from(i)], item)?;
            }
        }
        Ok(())
    })
}

/// Calls `f` with the position and the JSON of every record of `section`.
fn each_record(
    document: &Document,
    section: Section,
    f: &mut dyn FnMut(usize, Value) -> Result<(), Error>,
) -> Result<(), Error> {
    fn each<T: Serialize>(
        records: &[T],
        section: Section,
        f: &mut dyn FnMut(usize, Value) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for (i, record) in records.iter().enumerate() {
            let json = serde_json::to_value(record).map_err(|e| Error::Parquet {
                file: format!("{section}.parquet"),
                detail: format!(
                    "record {i} could not be written as JSON ({e}); this is a bug in rakenne"
                ),
            })?;
            f(i, json)?;
        }
        Ok(())
    }
    match section {
        Section::SocialReports => each(&document.social_reports, section, f),
        Section::OperatingModels => each(&document.operating_models, section, f),
        Section::Implementations => each(&document.implementations, section, f),
        Section::Instruments => each(&document.instruments, section, f),
        Section::Measurements => each(&document.measurements, section, f),
        Section::GasGoals => each(&document.gas_goals, section, f),
        Section::ServiceEpisodes => each(&document.service_episodes, section, f),
        Section::Feedback => each(&document.feedback, section, f),
        Section::ExperienceStatements => each(&document.experience_statements, section, f),
        Section::IndicatorDefinitions => each(&document.indicator_definitions, section, f),
        Section::Indicators => each(&document.indicators, section, f),
        Section::Results => each(&document.results, section, f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_follow_the_order_of_all() {
        for (i, table) in ParquetTable::ALL.into_iter().enumerate() {
            assert_eq!(table as usize, i, "{table:?}");
        }
        let codes: HashSet<&str> = ParquetTable::ALL.iter().map(|t| t.code()).collect();
        assert_eq!(codes.len(), ParquetTable::ALL.len(), "codes are unique");
        for section in Section::ALL {
            let table = ParquetTable::from(section);
            assert_eq!(table.code(), section.code());
            assert_eq!(table.section(), section);
        }
    }

    #[test]
    fn every_table_plans_from_the_schema() {
        for table in ParquetTable::ALL {
            let columns = plan(table).unwrap_or_else(|e| panic!("{table}: {e}"));
            assert!(!columns.is_empty(), "{table}");
            for column in columns {
                assert!(
                    column
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{table}.{} is not snake_case",
                    column.name
                );
                assert!(!column.description.is_empty(), "{table}.{}", column.name);
            }
        }
    }

    #[test]
    fn kinds_follow_the_schema() {
        let kind = |table: ParquetTable, name: &str| {
            let column = plan(table).unwrap().iter().find(|c| c.name == name);
            let column = column.unwrap_or_else(|| panic!("{table} has no column {name}"));
            (column.kind, column.nullable)
        };
        assert_eq!(kind(ParquetTable::SocialReports, "id"), (Kind::Text, false));
        assert_eq!(
            kind(ParquetTable::SocialReports, "reported_on"),
            (Kind::Date, false)
        );
        assert_eq!(
            kind(ParquetTable::SocialReports, "municipality"),
            (Kind::Text, true)
        );
        assert_eq!(
            kind(ParquetTable::SocialReports, "themes"),
            (Kind::TextList, false)
        );
        assert_eq!(
            kind(ParquetTable::SocialReports, "target_groups"),
            (Kind::TextList, true)
        );
        assert_eq!(
            kind(ParquetTable::SocialReports, "description"),
            (Kind::FreeText, false)
        );
        assert_eq!(
            kind(ParquetTable::Measurements, "client_id"),
            (Kind::Text, false)
        );
        assert_eq!(
            kind(ParquetTable::Measurements, "client_gender"),
            (Kind::Text, true)
        );
        assert_eq!(
            kind(ParquetTable::MeasurementResponses, "value"),
            (Kind::Score, true)
        );
        assert_eq!(
            kind(ParquetTable::MeasurementResponses, "missing_reason"),
            (Kind::MissingReason, true)
        );
        assert_eq!(
            kind(ParquetTable::GasGoals, "follow_up_level"),
            (Kind::Integer, true)
        );
        assert_eq!(
            kind(ParquetTable::Indicators, "value"),
            (Kind::ExactDecimal, false)
        );
        assert_eq!(
            kind(ParquetTable::Indicators, "region_level"),
            (Kind::Text, false)
        );
        assert_eq!(
            kind(ParquetTable::Indicators, "region_code"),
            (Kind::Text, true)
        );
        assert_eq!(
            kind(ParquetTable::ServiceEpisodes, "new_client"),
            (Kind::Boolean, true)
        );
        assert_eq!(
            kind(ParquetTable::FeedbackAnswers, "rating_scale_min"),
            (Kind::Integer, true)
        );
        assert_eq!(
            kind(ParquetTable::InstrumentItems, "min"),
            (Kind::Score, false)
        );
        assert_eq!(
            kind(ParquetTable::ResultCells, "paired_mean_difference_ci_lower"),
            (Kind::Double, true)
        );
        assert_eq!(
            kind(ParquetTable::ResultCells, "days_to_start_mean"),
            (Kind::ExactDecimal, true)
        );
        assert_eq!(
            kind(ParquetTable::Results, "table_rows"),
            (Kind::Text, false)
        );
    }

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(days_since_epoch("1970-01-01"), Ok(0));
        assert_eq!(days_since_epoch("1970-02-01"), Ok(31));
        // 2000-03-01: 30 years with 7 leap days (1972 … 1996) and 31 + 29 days of 2000.
        assert_eq!(days_since_epoch("2000-03-01"), Ok(30 * 365 + 7 + 31 + 29));
        assert_eq!(days_since_epoch("1969-12-31"), Ok(-1));
        assert_eq!(days_since_epoch("14.3.2025"), Err(()));
    }

    #[test]
    fn scores_become_exact_hundredths() {
        let number = |text: &str| serde_json::from_str::<serde_json::Number>(text).unwrap();
        assert_eq!(hundredths(&number("4.5")), Ok(450));
        assert_eq!(hundredths(&number("6")), Ok(600));
        assert_eq!(hundredths(&number("-0.25")), Ok(-25));
        assert_eq!(hundredths(&number("1000")), Ok(100_000));
        assert_eq!(hundredths(&number("0.1")), Ok(10));
        assert_eq!(hundredths(&number("6.333")), Err(()));
        assert_eq!(hundredths(&number("10000")), Err(()));
    }
}
