//! The social-reporting exchange format (sosiaalisen raportoinnin tiedonsiirtomuoto).
//!
//! Welfare areas send structural-social-work data to each other and to the national level
//! in one format, which every receiver checks the same way in any language. This crate
//! owns that format: the [`Document`] with its [`Header`] and sections of `rakenne-model`
//! records, its [`FormatVersion`]s, and its JSON Schemas ([`document_schema`],
//! [`schema_files`]), committed under `schemas/`.
//!
//! # Example
//! ```
//! use rakenne_model::{Labels, Lang};
//! use rakenne_schema::{Document, Header, Producer};
//! use time::macros::datetime;
//!
//! let document = Document::new(Header::new(
//!     Producer::new("19".parse()?, Labels::new("Pohjois-Pohjanmaan hyvinvointialue")?),
//!     "2025-H2".parse()?,
//!     datetime!(2026-01-15 09:30 +02:00),
//!     Lang::Fi,
//! ));
//! let json = serde_json::to_value(&document).unwrap();
//! assert_eq!(json["header"]["period"], "2025-H2");
//! # Ok::<(), rakenne_model::Error>(())
//! ```
//!
//! | concept | items |
//! |---|---|
//! | the document | [`Document`], [`Header`], [`Producer`], [`CodeListVersions`], [`PublishedResult`] |
//! | versions | [`FormatVersion`] |
//! | JSON Schemas and code lists | [`document_schema`], [`schema_files`], [`code_list_csv`] |
//! | validation | [`validate`], [`read_valid`], [`Report`], [`Finding`], [`Rule`], [`Severity`] |
//! | large data as NDJSON | [`write_ndjson`], [`validate_ndjson`], [`Line`] |
//! | CSV sheets | [`write_csv`], [`import_csv`], [`validate_csv`], [`validate_csv_in`], [`CsvDialect`], [`Section`] |
//! | synthetic sample documents | [`Sample`], [`Lines`] |
//! | Parquet for query engines such as DuckDB (feature `parquet`) | `write_parquet`, `write_parquet_dir`, `ParquetTable`, `parquet_markdown` |
//!
//! # Cargo features
//! | feature | what it adds |
//! |---|---|
//! | `parquet` (off by default) | the Parquet export (`write_parquet`, `write_parquet_dir`): each section as an Apache Parquet file, with the `arrow` and `parquet` crates, which take a while to compile |
#![deny(missing_docs)]

mod code_lists;
mod combine;
mod document;
mod error;
mod header;
mod measurement_screen;
mod ndjson;
#[cfg(feature = "parquet")]
mod parquet;
mod rule;
mod sample;
mod schemas;
mod section;
mod sheet;
mod validate;
mod version;

pub use code_lists::code_list_csv;
pub use combine::{
    Combination, CombineInput, CombinedFile, CombinedSummary, Combiner, NationalForm, combine,
};
pub use document::{Document, PublishedResult};
pub use error::Error;
pub use header::{CodeListVersions, Header, Producer, RecordRange, SourceFile};
pub use ndjson::{Line, validate_ndjson, write_ndjson};
#[cfg(feature = "parquet")]
pub use parquet::{
    ParquetColumn, ParquetFile, ParquetTable, parquet_markdown, write_parquet, write_parquet_dir,
};
pub use rule::{Rule, Severity, rules_markdown};
pub use sample::{Lines, Sample};
pub use schemas::{document_schema, schema_files};
pub use section::Section;
pub use sheet::{CsvDialect, CsvImport, import_csv, validate_csv, validate_csv_in, write_csv};
pub use validate::{CheckedAgainst, Finding, MAX_DOCUMENT_BYTES, Report, read_valid, validate};
pub use version::FormatVersion;
