//! `rakenne parquet`: the sections of a document as Apache Parquet files, for query
//! engines such as DuckDB.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::{Unusable, read_document};

#[derive(Subcommand)]
pub(crate) enum ParquetCommand {
    /// Write every section of a valid document that has records as a Parquet file.
    ///
    /// One file per section, named by its code (social_reports.parquet,
    /// measurements.parquet, ...); lists of records inside records are tables of their own
    /// (measurement_responses.parquet, feedback_answers.parquet, ...) keyed by the parent's
    /// id. Column names are the JSON paths joined with _ (client_id); docs/parquet.md lists
    /// every column with its type and meaning. A table without rows gets no file, and an
    /// old file of that name in the folder is removed.
    ///
    /// Exit code 0 when the files are written, 2 when the document cannot be read or has
    /// errors, or a file cannot be written.
    ///
    /// Examples:
    ///   rakenne parquet export pirha-2025.json -o pirha-2025/
    ///   duckdb -c "SELECT occasion, count(*) FROM 'pirha-2025/measurements.parquet' GROUP BY ALL"
    Export {
        /// The JSON document.
        document: PathBuf,
        /// Folder for the files (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
    },
}

/// `rakenne parquet`.
pub(crate) fn run(command: ParquetCommand) -> ExitCode {
    match command {
        ParquetCommand::Export { document, output } => match export(&document, &output) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Unusable(message)) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
        },
    }
}

fn export(document: &Path, output: &Path) -> Result<(), Unusable> {
    let document = read_document(document)?;
    let files = rakenne_schema::write_parquet_dir(&document, output)
        .map_err(|e| Unusable(e.to_string()))?;
    if files.is_empty() {
        say!("the document has no records: no file written");
    }
    for file in files {
        say!("wrote {} ({} rows)", file.path.display(), file.rows);
    }
    Ok(())
}
