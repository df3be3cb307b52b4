//! rakenne: a toolkit for structural social work (rakenteellinen sosiaalityö) in Finland.
//!
//! This facade re-exports the member crates under short names, so an application can
//! depend on `rakenne` alone:
//!
//! | module | crate | what it owns |
//! |---|---|---|
//! | [`model`] | `rakenne-model` | the domain model: areas, services, operating models, social reports, measurements, code tables (fi/sv/en) |
//! | [`metrics`] | `rakenne-metrics` | effectiveness metrics (in development) |
//! | [`schema`] | `rakenne-schema` | the exchange format and its validator (in development) |
//! | [`report`] | `rakenne-report` | report templating (in development) |
//!
//! # Example
//! ```
//! use rakenne::model::{CodeList, Lang, Municipality};
//!
//! let espoo = Municipality::by_name("Esbo").unwrap();
//! assert_eq!(espoo.code().to_string(), "049");
//! assert_eq!(espoo.welfare_area().area().name(Lang::Fi).text(), "Länsi-Uudenmaan hyvinvointialue");
//! ```
//!
//! # Cargo features
//! | feature | what it adds |
//! |---|---|
//! | `parquet` | `rakenne::schema::write_parquet` and `write_parquet_dir`: the sections of a document as Apache Parquet files for DuckDB and other engines (compiles the `arrow` and `parquet` crates) |
#![deny(missing_docs)]

pub use rakenne_metrics as metrics;
pub use rakenne_model as model;
pub use rakenne_report as report;
pub use rakenne_schema as schema;
