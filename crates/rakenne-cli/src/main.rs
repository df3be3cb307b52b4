//! The `rakenne` command: validate exchange documents, write the schemas, list the rules.
//!
//! This is the only crate that touches the terminal, the file system layout and exit
//! codes; each command is a few calls into the libraries.
//!
//! Exit codes: 0 the command succeeded (for `validate`: no errors); 1 `validate` found
//! errors; 2 the input could not be used (a file could not be read, an unsupported input
//! format) or the command line was wrong.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rakenne_model::Lang;

/// Tools for structural social work data: the exchange format, its schemas and its rules.
#[derive(Parser)]
#[command(name = "rakenne", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate exchange documents and report every finding.
    ///
    /// Exit code 0 when no file has errors, 1 when some file has errors, 2 when a file
    /// cannot be read.
    ///
    /// Examples:
    ///   rakenne validate examples/documents/pirkanmaa-2025.json
    ///   rakenne validate --lang fi --output json area-*.json
    Validate {
        /// Files to validate: JSON documents (.json) or NDJSON streams (.ndjson).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
        /// Output: text for people, json for machines.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        output: Output,
    },
    /// Print the JSON Schema of the document, or write every schema file.
    ///
    /// Examples:
    ///   rakenne schema > document.schema.json
    ///   rakenne schema --write schemas
    Schema {
        /// Write the document schema, the component schemas and the code lists into this
        /// folder (as committed under schemas/).
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// Write a synthetic sample document (seeded, realistic, nothing real in it).
    ///
    /// JSON or NDJSON by the output's extension; NDJSON is written as a stream, so any
    /// size fits in memory.
    ///
    /// Examples:
    ///   rakenne sample -o sample.json
    ///   rakenne sample --area 19 --clients 5000 -o pohjois-pohjanmaa.json
    ///   rakenne sample --bytes 1000000000 -o national-year.ndjson
    Sample {
        /// Seed of the random draws: the same seed gives the same file.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// Producing welfare area (two-digit code, e.g. 08 Pirkanmaa).
        #[arg(long, default_value = "08")]
        area: String,
        /// Year the document covers.
        #[arg(long, default_value_t = 2025)]
        year: i32,
        /// Number of clients (sets the size of every client section).
        #[arg(long, conflicts_with = "bytes")]
        clients: Option<usize>,
        /// Approximate size of the file in bytes instead of a number of clients.
        #[arg(long)]
        bytes: Option<u64>,
        /// Output file (.json or .ndjson).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// List the validation rules with their ids and severities.
    ///
    /// Example:
    ///   rakenne rules --markdown > docs/rules.md
    Rules {
        /// Print the full Markdown reference instead of the table.
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Language {
    Fi,
    Sv,
    En,
}

impl From<Language> for Lang {
    fn from(language: Language) -> Lang {
        match language {
            Language::Fi => Lang::Fi,
            Language::Sv => Lang::Sv,
            Language::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate {
            files,
            lang,
            output,
        } => validate(&files, lang.into(), output),
        Command::Schema { write } => schema(write.as_deref()),
        Command::Sample {
            seed,
            area,
            year,
            clients,
            bytes,
            output,
        } => sample(seed, &area, year, clients, bytes, &output),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", rakenne_schema::rules_markdown());
            } else {
                for rule in rakenne_schema::Rule::ALL {
                    let severity = rule.severity().to_string();
                    println!("{}  {severity:<8} {}", rule.id(), rule.explanation());
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn validate(files: &[PathBuf], lang: Lang, output: Output) -> ExitCode {
    let colour = std::io::stdout().is_terminal();
    let mut worst = ExitCode::SUCCESS;
    let mut reports = Vec::new();
    for file in files {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let report = match extension {
            "json" => read_json(file, lang),
            "ndjson" | "jsonl" => std::fs::File::open(file)
                .map(|f| rakenne_schema::validate_ndjson(std::io::BufReader::new(f), lang)),
            _ => {
                eprintln!(
                    "{}: expected a JSON document (.json) or an NDJSON stream (.ndjson); \
                     CSV comes later",
                    file.display()
                );
                return ExitCode::from(2);
            }
        };
        let report = match report {
            Ok(report) => report,
            Err(e) => {
                eprintln!("{}: cannot read the file: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        if !report.is_valid() {
            worst = ExitCode::from(1);
        }
        match output {
            Output::Text => {
                println!("{}", file.display());
                print!("{}", report.to_text(colour));
            }
            Output::Json => reports.push(serde_json::json!({
                "file": file.display().to_string(),
                "report": report,
            })),
        }
    }
    if output == Output::Json {
        match serde_json::to_string_pretty(&reports) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("cannot write the reports as JSON: {e}");
                return ExitCode::from(2);
            }
        }
    }
    worst
}

/// Validates a JSON document, without reading one that is too large to validate whole.
fn read_json(file: &Path, lang: Lang) -> std::io::Result<rakenne_schema::Report> {
    let size = std::fs::metadata(file)?.len();
    if size > rakenne_schema::MAX_DOCUMENT_BYTES as u64 {
        return Ok(rakenne_schema::Report::too_large(size, lang));
    }
    std::fs::read(file).map(|bytes| rakenne_schema::validate(&bytes, lang))
}

fn sample(
    seed: u64,
    area: &str,
    year: i32,
    clients: Option<usize>,
    bytes: Option<u64>,
    output: &Path,
) -> ExitCode {
    let area = match area.parse() {
        Ok(area) => area,
        Err(e) => {
            eprintln!("--area: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sample = match rakenne_schema::Sample::new(seed).area(area).year(year) {
        Ok(sample) => sample,
        Err(e) => {
            eprintln!("--year: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(clients) = clients {
        sample = sample.clients(clients);
    }
    if let Some(bytes) = bytes {
        sample = sample.approximate_bytes(bytes);
    }
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let written = std::fs::File::create(output).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        match extension {
            "ndjson" | "jsonl" => sample.write_ndjson(&mut out).map(|_| ()),
            _ => serde_json::to_writer(&mut out, &sample.document()).map_err(std::io::Error::from),
        }
        .and_then(|()| std::io::Write::flush(&mut out))
    });
    match written {
        Ok(()) => {
            println!(
                "wrote {} ({} clients)",
                output.display(),
                sample.client_count()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: cannot write: {e}", output.display());
            ExitCode::from(2)
        }
    }
}

fn schema(write: Option<&Path>) -> ExitCode {
    let Some(dir) = write else {
        match serde_json::to_string_pretty(&rakenne_schema::document_schema()) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("cannot write the schema: {e}");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    };
    for (path, content) in rakenne_schema::schema_files() {
        let file = dir.join(&path);
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, content));
        if let Err(e) = written {
            eprintln!("{}: cannot write: {e}", file.display());
            return ExitCode::from(2);
        }
        println!("wrote {}", file.display());
    }
    ExitCode::SUCCESS
}
