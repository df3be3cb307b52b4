//! The `rakenne` command: validate exchange documents and sheets, write the schemas, list
//! the rules, move sections to and from CSV, write sample data, evaluate documents and
//! write reports.
//!
//! This is the only crate that touches the terminal, the file system layout and exit
//! codes; each command is a few calls into the libraries.
//!
//! Exit codes: 0 the command succeeded (for `validate`: no errors); 1 `validate` (or
//! `csv import`) found errors, or `combine` left a file out; 2 the input could not be used (a file could not be read or
//! has errors where a valid document is needed, a template failed) or the command line
//! was wrong.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rakenne_model::Lang;

/// Prints a line to standard output, like `println!`, but a reader that has gone away
/// (a closed pipe, as in `rakenne rules | head`) ends the program quietly instead of
/// panicking.
macro_rules! say {
    () => {
        $crate::say_fmt(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::say_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// [`say!`] without the line end, like `print!`.
macro_rules! say_raw {
    ($($arg:tt)*) => {
        $crate::say_fmt(format_args!($($arg)*))
    };
}

mod combine;
mod parquet;
mod reporting;

/// Writes to standard output. A closed pipe ends the program with exit code 0 (the reader
/// has all it wanted); another write error (a full disk behind a redirection) is reported
/// on standard error and ends it with exit code 2.
fn say_fmt(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

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
    /// JSON documents, NDJSON streams and CSV sheets (one section each), told apart by the
    /// extension or by --format. A sheet's section comes from its file name
    /// (social_reports.csv, pirha-2025.measurements.csv) or --section; with --context,
    /// the sheet is checked as that section of the document (in place of the records the
    /// document has there), so its references to other sections are checked too. Files over 4 MB show a progress bar when stderr is a terminal.
    ///
    /// Exit code 0 when no file has errors, 1 when some file has errors, 2 when a file
    /// cannot be read.
    ///
    /// Examples:
    ///   rakenne validate examples/documents/pirkanmaa-2025.json
    ///   rakenne validate --lang fi --output json area-*.json
    ///   rakenne validate --context pirha-2025.json measurements.csv
    ///   rakenne validate --format csv --section social_reports export.txt
    Validate {
        /// Files to validate: JSON documents (.json), NDJSON streams (.ndjson, .jsonl) or
        /// CSV sheets (.csv).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The form of the files, instead of guessing it from their extensions.
        #[arg(long, value_enum, default_value_t = Format::Auto)]
        format: Format,
        /// The section of CSV sheets whose file names do not say it.
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// The JSON document that CSV sheets belong to: each sheet is checked as its section
        /// of the document, so references between them are checked.
        #[arg(long, value_name = "FILE")]
        context: Option<PathBuf>,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
        /// Output: text for people, json for machines.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        output: Output,
    },
    /// Write sections of a document as CSV sheets, or read sheets into a document.
    ///
    /// A sheet is one section as a flat table: one row per record, dotted column names
    /// (client.id, responses.0.value). `export` writes one file per section that has
    /// records (social_reports.csv, measurements.csv, ...); `import` reads sheets into a
    /// document, checks the result like `validate` does and writes it only when it has no
    /// errors.
    ///
    /// Examples:
    ///   rakenne csv export pirha-2025.json -o sheets/
    ///   rakenne csv export pirha-2025.json --dialect excel-finnish -o sheets/
    ///   rakenne csv import sheets/social_reports.csv --into pirha-2025.json -o pirha-2025-new.json
    Csv {
        #[command(subcommand)]
        command: CsvCommand,
    },
    /// Write the sections of a document as Apache Parquet files, for query engines such as
    /// DuckDB.
    Parquet {
        #[command(subcommand)]
        command: parquet::ParquetCommand,
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
    /// Evaluate a document: outcomes on every instrument, goal attainment and reach, as
    /// tables by two dimensions with disclosure control.
    ///
    /// The document must be valid. Exit code 0 on success, 2 when the document cannot be
    /// read, has errors or cannot be evaluated.
    ///
    /// Examples:
    ///   rakenne evaluate pirha-2025.json
    ///   rakenne evaluate pirha-2025.json --by operating_model,half_year --output json
    Evaluate {
        /// The JSON document.
        file: PathBuf,
        /// The dimensions of the rows and columns: area, municipality, year, half_year,
        /// quarter (or period), month, operating_model, theme, age_group, gender.
        #[arg(long, value_delimiter = ',', default_value = "area,quarter")]
        by: Vec<String>,
        /// Output: table for people, json for machines.
        #[arg(long, value_enum, default_value_t = EvaluateOutput::Table)]
        output: EvaluateOutput,
        /// Fewest persons a published cell may be based on.
        #[arg(long, default_value_t = 5)]
        min_persons: u64,
    },
    /// Write a report of a document from a built-in or user template.
    ///
    /// Built-in reports: social_reporting_digest, effectiveness_evaluation,
    /// welfare_report_section, structural_plan (see `rakenne templates`). The document must be valid. Exit code 0 on success, 2 when
    /// the document or a template cannot be used (the error names the template and line).
    ///
    /// Examples:
    ///   rakenne report pirha-2025.json --template social_reporting_digest -o digest.html
    ///   rakenne report pirha-2025.json --template effectiveness_evaluation --lang sv --format md
    ///   rakenne report pirha-2025.json --template my_report --templates my-templates/ -o my.html
    Report {
        /// The JSON document.
        file: PathBuf,
        /// The report's template name.
        #[arg(long, value_name = "NAME")]
        template: String,
        /// Language of the report.
        #[arg(long, value_enum, default_value_t = Language::Fi)]
        lang: Language,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Output file; standard output when not given.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// A folder of user templates that replace or add to the built-in ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Fewest persons a published figure may be based on.
        #[arg(long, default_value_t = 5)]
        min_persons: u64,
    },
    /// List the report templates, or write the built-in ones out to start customising.
    ///
    /// Examples:
    ///   rakenne templates
    ///   rakenne templates --export my-templates/
    ///   rakenne templates --templates my-templates/
    Templates {
        /// Write the built-in templates and their message table into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "templates")]
        export: Option<PathBuf>,
        /// List with the user templates of this folder.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Generate a sample document, validate it, evaluate it and write every built-in
    /// report in every language, printing where they are.
    ///
    /// The demo also writes five areas' documents, combines them into a national document
    /// (for the national comparison report) and writes the sample's sections as Parquet
    /// files for DuckDB (see the README).
    ///
    /// Example:
    ///   rakenne demo --out rakenne-demo
    Demo {
        /// Folder for the document, results and reports (created if missing).
        #[arg(long, value_name = "DIR", default_value = "rakenne-demo")]
        out: PathBuf,
    },
    /// Combine the welfare areas' documents into one national document.
    ///
    /// Each file is validated; a file with errors is left out whole and its findings are
    /// printed. The areas' own records get their area code as an id prefix (08:R-2025-1),
    /// operating models and instrument and indicator definitions are merged by id, and the
    /// national header lists the files with the provenance of every record. Files are
    /// ordered by producer and period, so the same files in any order give the same output.
    /// One file is in memory at a time: the records wait in temporary files (--spool-dir)
    /// until the national document is written.
    /// Comparability is checked: the same major format version, overlapping periods, the
    /// same code lists, one file per producer and period.
    ///
    /// Exit code 0 when every file was combined, 1 when some file was left out (the rest
    /// are combined and written), 2 when nothing could be combined or written.
    ///
    /// Examples:
    ///   rakenne combine areas/*.json -o national-2025.json
    ///   rakenne combine 08.json 21.json 90.json -o national-2025.ndjson --lang fi
    Combine {
        /// The areas' JSON documents.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The national document to write: .json, or .ndjson for one record per line.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The combining organisation, in Finnish (the national document's producer).
        #[arg(long, default_value = "Terveyden ja hyvinvoinnin laitos (THL)")]
        organisation: String,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
        /// Where the areas' records wait while the files are read (one file is in memory
        /// at a time); needs about as much room as the national document. Default: the
        /// system's temporary folder.
        #[arg(long, value_name = "DIR")]
        spool_dir: Option<PathBuf>,
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

#[derive(Subcommand)]
enum CsvCommand {
    /// Write every section that has records as a CSV sheet into a folder.
    Export {
        /// The JSON document.
        document: PathBuf,
        /// Folder for the sheets (created if missing).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        /// Form of the sheets: standard (comma, decimal point) or excel-finnish (semicolon,
        /// decimal comma, as Excel in a Finnish locale reads and writes them).
        #[arg(long, value_enum, default_value_t = Dialect::Standard)]
        dialect: Dialect,
        /// Only these sections (comma-separated), e.g. social_reports,measurements.
        #[arg(long, value_delimiter = ',', value_name = "SECTIONS")]
        sections: Vec<String>,
    },
    /// Read CSV sheets into a document and write it when it has no errors.
    ///
    /// Exit code 0 when written, 1 when the sheets or the document have errors (the
    /// findings are printed and nothing is written), 2 when a file cannot be read.
    Import {
        /// The sheets; each one's section comes from its file name or --section.
        #[arg(required = true)]
        sheets: Vec<PathBuf>,
        /// The section of sheets whose file names do not say it.
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// The JSON document the records are added to.
        #[arg(long, value_name = "FILE")]
        into: PathBuf,
        /// Where to write the resulting document (.json).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// By the file's extension: .json, .ndjson/.jsonl, .csv.
    Auto,
    Json,
    Ndjson,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Dialect {
    Standard,
    ExcelFinnish,
}

impl From<Dialect> for rakenne_schema::CsvDialect {
    fn from(dialect: Dialect) -> Self {
        match dialect {
            Dialect::Standard => rakenne_schema::CsvDialect::Standard,
            Dialect::ExcelFinnish => rakenne_schema::CsvDialect::ExcelFinnish,
        }
    }
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
enum EvaluateOutput {
    Table,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Html,
    Md,
}

impl From<ReportFormat> for rakenne_report::OutputFormat {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Html => rakenne_report::OutputFormat::Html,
            ReportFormat::Md => rakenne_report::OutputFormat::Markdown,
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
            format,
            section,
            context,
            lang,
            output,
        } => {
            let options = ValidateOptions {
                format,
                section,
                context,
                lang: lang.into(),
                output,
            };
            validate(&files, &options)
        }
        Command::Csv {
            command:
                CsvCommand::Export {
                    document,
                    output,
                    dialect,
                    sections,
                },
        } => csv_export(&document, &output, dialect.into(), &sections),
        Command::Csv {
            command:
                CsvCommand::Import {
                    sheets,
                    section,
                    into,
                    output,
                    lang,
                },
        } => csv_import(&sheets, section.as_deref(), &into, &output, lang.into()),
        Command::Parquet { command } => parquet::run(command),
        Command::Schema { write } => schema(write.as_deref()),
        Command::Sample {
            seed,
            area,
            year,
            clients,
            bytes,
            output,
        } => sample(seed, &area, year, clients, bytes, &output),
        Command::Evaluate {
            file,
            by,
            output,
            min_persons,
        } => reporting::evaluate(&file, &by, output == EvaluateOutput::Json, min_persons),
        Command::Report {
            file,
            template,
            lang,
            format,
            output,
            templates,
            min_persons,
        } => reporting::report(
            &file,
            &reporting::ReportOptions {
                template: &template,
                lang: lang.into(),
                format: format.into(),
                output: output.as_deref(),
                templates: templates.as_deref(),
                min_persons,
            },
        ),
        Command::Templates { export, templates } => {
            reporting::templates(export.as_deref(), templates.as_deref())
        }
        Command::Demo { out } => reporting::demo(&out),
        Command::Combine {
            files,
            output,
            organisation,
            lang,
            spool_dir,
        } => combine::run(
            &files,
            &output,
            &organisation,
            lang.into(),
            spool_dir.as_deref(),
        ),
        Command::Rules { markdown } => rules(markdown),
    }
}

/// `rakenne rules [--markdown]`.
fn rules(markdown: bool) -> ExitCode {
    if markdown {
        say_raw!("{}", rakenne_schema::rules_markdown());
    } else {
        for rule in rakenne_schema::Rule::ALL {
            let severity = rule.severity().to_string();
            say!("{}  {severity:<8} {}", rule.id(), rule.explanation());
        }
    }
    ExitCode::SUCCESS
}

/// The options of `rakenne validate`.
struct ValidateOptions {
    format: Format,
    section: Option<String>,
    context: Option<PathBuf>,
    lang: Lang,
    output: Output,
}

/// A failure that makes the input unusable (exit code 2), with its message.
struct Unusable(String);

fn validate(files: &[PathBuf], options: &ValidateOptions) -> ExitCode {
    let colour = std::io::stdout().is_terminal();
    let mut worst = ExitCode::SUCCESS;
    let mut reports = Vec::new();
    let context = match options.context.as_deref().map(read_document).transpose() {
        Ok(context) => context,
        Err(Unusable(message)) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    for file in files {
        let report = match validate_file(file, options, context.as_ref()) {
            Ok(report) => report,
            Err(Unusable(message)) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        };
        if !report.is_valid() {
            worst = ExitCode::from(1);
        }
        match options.output {
            Output::Text => {
                say!("{}", file.display());
                say_raw!("{}", report.to_text(colour));
            }
            Output::Json => reports.push(serde_json::json!({
                "file": file.display().to_string(),
                "report": report,
            })),
        }
    }
    if options.output == Output::Json {
        match serde_json::to_string_pretty(&reports) {
            Ok(json) => say!("{json}"),
            Err(e) => {
                eprintln!("cannot write the reports as JSON: {e}");
                return ExitCode::from(2);
            }
        }
    }
    worst
}

/// Validates one file in the form the options or its extension say.
fn validate_file(
    file: &Path,
    options: &ValidateOptions,
    context: Option<&rakenne_schema::Document>,
) -> Result<rakenne_schema::Report, Unusable> {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let format = match (options.format, extension.as_str()) {
        (Format::Auto, "json") => Format::Json,
        (Format::Auto, "ndjson" | "jsonl") => Format::Ndjson,
        (Format::Auto, "csv") => Format::Csv,
        (Format::Auto, _) => {
            return Err(Unusable(format!(
                "{}: expected a JSON document (.json), an NDJSON stream (.ndjson) or a CSV \
                 sheet (.csv); give --format for other names",
                file.display()
            )));
        }
        (format, _) => format,
    };
    let lang = options.lang;
    let unreadable =
        |e: std::io::Error| Unusable(format!("{}: cannot read the file: {e}", file.display()));
    match format {
        Format::Ndjson => {
            let opened = std::fs::File::open(file).map_err(unreadable)?;
            let size = opened.metadata().map_or(0, |m| m.len());
            let bar = progress(size, file, "checking");
            let report = rakenne_schema::validate_ndjson(
                std::io::BufReader::new(bar.wrap_read(opened)),
                lang,
            );
            bar.finish_and_clear();
            Ok(report)
        }
        Format::Csv => {
            let section = sheet_section(file, options.section.as_deref())?;
            let bytes = read_with_progress(file).map_err(unreadable)?;
            Ok(match context {
                Some(document) => rakenne_schema::validate_csv_in(&bytes, section, document, lang),
                None => rakenne_schema::validate_csv(&bytes, section, lang),
            })
        }
        Format::Json | Format::Auto => {
            let size = std::fs::metadata(file).map_err(unreadable)?.len();
            if size > rakenne_schema::MAX_DOCUMENT_BYTES as u64 {
                return Ok(rakenne_schema::Report::too_large(size, lang));
            }
            let bytes = read_with_progress(file).map_err(unreadable)?;
            let spinner = checking(bytes.len() as u64, file);
            let report = rakenne_schema::validate(&bytes, lang);
            spinner.finish_and_clear();
            Ok(report)
        }
    }
}

/// The section of a sheet: from --section, or else from the file name.
fn sheet_section(file: &Path, section: Option<&str>) -> Result<rakenne_schema::Section, Unusable> {
    match section {
        Some(name) => name
            .parse()
            .map_err(|e| Unusable(format!("--section: {e}"))),
        None => rakenne_schema::Section::from_file_name(&file.to_string_lossy()).ok_or_else(|| {
            Unusable(format!(
                "{}: cannot tell the section from the file name; give --section (e.g. \
                 --section social_reports)",
                file.display()
            ))
        }),
    }
}

/// Files larger than this show a progress bar (on a terminal).
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

/// A progress bar over `size` bytes of `file`, on stderr when it is a terminal and the
/// file is large; hidden otherwise.
fn progress(size: u64, file: &Path, verb: &str) -> indicatif::ProgressBar {
    if size < PROGRESS_FROM_BYTES || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(size);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(format!("{verb} {}", file.display()));
    bar
}

/// A spinner while a large file that has been read is checked (hidden when small or not
/// on a terminal).
fn checking(size: u64, file: &Path) -> indicatif::ProgressBar {
    if size < PROGRESS_FROM_BYTES || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_message(format!("checking {}", file.display()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}

/// Reads a whole file, with a progress bar when it is large.
fn read_with_progress(file: &Path) -> std::io::Result<Vec<u8>> {
    let opened = std::fs::File::open(file)?;
    let size = opened.metadata().map_or(0, |m| m.len());
    let bar = progress(size, file, "reading");
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::io::Read::read_to_end(&mut bar.wrap_read(opened), &mut bytes)?;
    bar.finish_and_clear();
    Ok(bytes)
}

/// Reads a JSON document that must be valid (the context or target of CSV sheets).
fn read_document(file: &Path) -> Result<rakenne_schema::Document, Unusable> {
    let bytes = read_with_progress(file)
        .map_err(|e| Unusable(format!("{}: cannot read the file: {e}", file.display())))?;
    rakenne_schema::read_valid(&bytes, Lang::En)
        .1
        .ok_or_else(|| {
            Unusable(format!(
                "{}: the document has errors; run `rakenne validate {}` and correct them first",
                file.display(),
                file.display()
            ))
        })
}

fn csv_export(
    document: &Path,
    output: &Path,
    dialect: rakenne_schema::CsvDialect,
    sections: &[String],
) -> ExitCode {
    let run = || -> Result<(), Unusable> {
        let document = read_document(document)?;
        let sections: Vec<rakenne_schema::Section> = if sections.is_empty() {
            rakenne_schema::Section::ALL.to_vec()
        } else {
            sections
                .iter()
                .map(|name| {
                    name.parse()
                        .map_err(|e| Unusable(format!("--sections: {e}")))
                })
                .collect::<Result<_, _>>()?
        };
        std::fs::create_dir_all(output)
            .map_err(|e| Unusable(format!("{}: cannot create: {e}", output.display())))?;
        for section in sections {
            let mut bytes = Vec::new();
            let rows = rakenne_schema::write_csv(&document, section, dialect, &mut bytes)
                .map_err(|e| Unusable(format!("{section}: {e}")))?;
            if rows == 0 {
                continue;
            }
            let file = output.join(format!("{section}.csv"));
            std::fs::write(&file, bytes)
                .map_err(|e| Unusable(format!("{}: cannot write: {e}", file.display())))?;
            say!("wrote {} ({rows} records)", file.display());
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Unusable(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn csv_import(
    sheets: &[PathBuf],
    section: Option<&str>,
    into: &Path,
    output: &Path,
    lang: Lang,
) -> ExitCode {
    let colour = std::io::stdout().is_terminal();
    let run = || -> Result<bool, Unusable> {
        let mut document = read_document(into)?;
        for sheet in sheets {
            let section = sheet_section(sheet, section)?;
            let bytes = read_with_progress(sheet)
                .map_err(|e| Unusable(format!("{}: cannot read the file: {e}", sheet.display())))?;
            let import = rakenne_schema::import_csv(&bytes, section, &document, lang);
            say!(
                "{} ({section}, {} records)",
                sheet.display(),
                import.records
            );
            say_raw!("{}", import.report.to_text(colour));
            match import.document {
                Some(next) => document = next,
                None => return Ok(false),
            }
        }
        let json = serde_json::to_vec_pretty(&document)
            .map_err(|e| Unusable(format!("cannot write the document: {e}")))?;
        std::fs::write(output, json)
            .map_err(|e| Unusable(format!("{}: cannot write: {e}", output.display())))?;
        say!("wrote {}", output.display());
        Ok(true)
    };
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            say!("nothing written: correct the errors above and import again");
            ExitCode::from(1)
        }
        Err(Unusable(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
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
            say!(
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
            Ok(json) => say!("{json}"),
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
        say!("wrote {}", file.display());
    }
    ExitCode::SUCCESS
}
