//! The error type of `rakenne-schema`.

/// An error of the exchange format.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The format version is not one this reader understands.
    #[error(
        "unsupported format version {found}: this reader reads versions {supported}; \
         {hint}"
    )]
    UnsupportedVersion {
        /// The version in the file.
        found: String,
        /// The versions this reader reads, e.g. `1.0`.
        supported: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// A format version is not of the form `MAJOR.MINOR.PATCH`.
    #[error("invalid format version \"{value}\": expected MAJOR.MINOR.PATCH, e.g. \"1.0.0\"")]
    InvalidVersion {
        /// The value, cut to 32 characters.
        value: String,
    },
    /// A section name is not one of the document's sections.
    #[error(
        "unknown section \"{value}\": expected one of social_reports, operating_models, \
         implementations, instruments, measurements, gas_goals, service_episodes, feedback, \
         experience_statements, indicator_definitions, indicators, results"
    )]
    UnknownSection {
        /// The value, cut to 40 characters.
        value: String,
    },
    /// Writing an export failed.
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    /// Writing a Parquet export failed: the file could not be written, or a value did not
    /// fit its column (which the types of the document rule out; it would be a bug).
    #[cfg(feature = "parquet")]
    #[error("could not write the Parquet file {file}: {detail}")]
    Parquet {
        /// The file (or the table's file name when writing to a stream).
        file: String,
        /// What went wrong and what to do about it; never a value of the document.
        detail: String,
    },
    /// A combination could not make its spool files in a folder.
    #[error(
        "could not make the combination's temporary files in {dir}: {source}; give a \
         folder that exists, is writable and has room for the combined records"
    )]
    Spool {
        /// The folder (or what it stands for).
        dir: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A combination could not write its spool files or the national document, or read
    /// the spools back.
    #[error(
        "could not write the national document or read back its temporary files: {0}; \
         check the room left on the output's and the temporary folder's disks"
    )]
    Write(std::io::Error),
    /// A model value is invalid.
    #[error(transparent)]
    Model(#[from] rakenne_model::Error),
}
