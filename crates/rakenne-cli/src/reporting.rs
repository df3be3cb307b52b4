//! `rakenne evaluate`, `report`, `templates` and `demo`: from a document to evaluation
//! results and reports.

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rakenne_metrics::disclosure::DisclosureRule;
use rakenne_metrics::{
    Dimension, Evaluation, EvaluationOptions, GroupKey, OutcomeSummary, Published, ResultTable,
};
use rakenne_model::Lang;
use rakenne_report::{OutputFormat, Reports};
use rakenne_schema::Document;

use crate::{Unusable, read_document};

/// Reads a dimension name: the serialized names (`area`, `half_year`, ...) and the
/// shorthands `period` (quarter) and `theme` (model_theme).
pub(crate) fn parse_dimension(name: &str) -> Result<Dimension, String> {
    let name = match name.trim().replace('-', "_").as_str() {
        "period" => "quarter".to_owned(),
        "theme" => "model_theme".to_owned(),
        other => other.to_owned(),
    };
    serde_json::from_value(serde_json::Value::String(name.clone())).map_err(|_| {
        format!(
            "unknown dimension \"{name}\": expected area, municipality, year, half_year, \
             quarter (or period), month, operating_model, theme, age_group or gender"
        )
    })
}

/// The disclosure rule of `--min-persons`.
fn rule(min_persons: u64) -> Result<DisclosureRule, Unusable> {
    DisclosureRule::new(min_persons).map_err(|e| Unusable(format!("--min-persons: {e}")))
}

fn unusable(Unusable(message): Unusable) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// `rakenne evaluate`.
pub(crate) fn evaluate(file: &Path, by: &[String], json: bool, min_persons: u64) -> ExitCode {
    let dimensions: Result<Vec<Dimension>, String> =
        by.iter().map(|d| parse_dimension(d)).collect();
    let (rows, columns) = match dimensions.as_deref() {
        Ok([rows, columns]) => (*rows, *columns),
        Ok(_) => {
            eprintln!("--by takes two dimensions, e.g. --by area,quarter");
            return ExitCode::from(2);
        }
        Err(message) => {
            eprintln!("--by: {message}");
            return ExitCode::from(2);
        }
    };
    let rule = match rule(min_persons) {
        Ok(rule) => rule,
        Err(e) => return unusable(e),
    };
    let document = match read_document(file) {
        Ok(document) => document,
        Err(e) => return unusable(e),
    };
    let options = EvaluationOptions::by(rows, columns).with_rule(rule);
    let evaluation = match Evaluation::of(&document.evaluation_input(), &options) {
        Ok(evaluation) => evaluation,
        Err(e) => {
            eprintln!("{}: cannot evaluate: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if json {
        match serde_json::to_string_pretty(&evaluation) {
            Ok(text) => say!("{text}"),
            Err(e) => {
                eprintln!("cannot write the results: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        say_raw!("{}", evaluation_tables(&evaluation));
    }
    ExitCode::SUCCESS
}

/// The evaluation as text tables: per instrument, clients paired and mean change by row
/// and column, `..` where disclosure control hid a cell.
fn evaluation_tables(evaluation: &Evaluation) -> String {
    let mut out = String::new();
    let name = |d: Dimension| {
        serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "Rows: {}, columns: {}; cells of fewer than {} persons are suppressed (..).",
        name(evaluation.rows),
        name(evaluation.columns),
        evaluation.min_persons
    );
    for outcomes in &evaluation.outcomes {
        let _ = write!(
            out,
            "\n{}: clients with both measurements / mean change (follow-up - baseline)\n",
            outcomes.instrument
        );
        out.push_str(&table_text(&outcomes.table, |s: &OutcomeSummary| {
            let change = s.paired.as_ref().map_or_else(
                || ".".to_owned(),
                |p| format!("{:+.1}", p.mean_difference.value),
            );
            format!("{} / {change}", s.clients_paired)
        }));
    }
    if let Some(table) = &evaluation.goal_attainment {
        out.push_str("\nGoal attainment: clients / mean T-score\n");
        out.push_str(&table_text(table, |s| {
            let t = s
                .mean_t
                .map_or_else(|| ".".to_owned(), |t| format!("{t:.1}"));
            format!("{} / {t}", s.clients)
        }));
    }
    if let Some(table) = &evaluation.reach {
        out.push_str("\nReach: clients reached\n");
        out.push_str(&table_text(table, |s| s.clients_reached.to_string()));
    }
    out
}

fn table_text<T>(table: &ResultTable<T>, cell: impl Fn(&T) -> String) -> String {
    let show = |p: &Published<T>| p.value().map_or_else(|| "..".to_owned(), &cell);
    let label = |k: &GroupKey| k.label();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![String::new()];
    header.extend(table.column_keys.iter().map(label));
    header.push("total".to_owned());
    rows.push(header);
    for (i, key) in table.row_keys.iter().enumerate() {
        let mut row = vec![label(key)];
        row.extend(table.cells[i].iter().map(&show));
        row.push(show(&table.row_totals[i]));
        rows.push(row);
    }
    let mut total = vec!["total".to_owned()];
    total.extend(table.column_totals.iter().map(&show));
    total.push(show(&table.grand_total));
    rows.push(total);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (text, &width))| {
                if i == 0 {
                    format!("{text:<width$}")
                } else {
                    format!("{text:>width$}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The templates: built-in, or with the user's directory.
fn reports(templates: Option<&Path>) -> Result<Reports, ExitCode> {
    match templates {
        None => Ok(Reports::new()),
        Some(dir) => Reports::with_user_templates(dir).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(2)
        }),
    }
}

/// The options of `rakenne report`.
pub(crate) struct ReportOptions<'a> {
    pub(crate) template: &'a str,
    pub(crate) lang: Lang,
    pub(crate) format: OutputFormat,
    pub(crate) output: Option<&'a Path>,
    pub(crate) templates: Option<&'a Path>,
    pub(crate) min_persons: u64,
}

/// `rakenne report`.
pub(crate) fn report(file: &Path, options: &ReportOptions<'_>) -> ExitCode {
    let reports = match reports(options.templates) {
        Ok(reports) => reports,
        Err(code) => return code,
    };
    let rule = match rule(options.min_persons) {
        Ok(rule) => rule,
        Err(e) => return unusable(e),
    };
    let document = match read_document(file) {
        Ok(document) => document,
        Err(e) => return unusable(e),
    };
    let evaluation = EvaluationOptions::default().with_rule(rule);
    let rendered = reports.render_document(
        options.template,
        options.format,
        options.lang,
        &document,
        &evaluation,
    );
    let text = match rendered {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match options.output {
        None => {
            say_raw!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                say!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: cannot write: {e}", path.display());
                ExitCode::from(2)
            }
        },
    }
}

/// `rakenne templates`.
pub(crate) fn templates(export: Option<&Path>, user: Option<&Path>) -> ExitCode {
    if let Some(dir) = export {
        return match Reports::export_builtin(dir) {
            Ok(files) => {
                for file in files {
                    say!("wrote {}", file.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        };
    }
    let reports = match reports(user) {
        Ok(reports) => reports,
        Err(code) => return code,
    };
    for info in reports.templates() {
        let formats: Vec<&str> = info.formats.iter().map(|f| f.extension()).collect();
        let origin = match (info.builtin, info.from_user) {
            (true, true) => "built-in, changed by user templates",
            (true, false) => "built-in",
            _ => "user",
        };
        say!("{:<28} {:<8} {origin}", info.name, formats.join(","));
    }
    ExitCode::SUCCESS
}

/// `rakenne demo`: a sample document, validated, evaluated and reported.
pub(crate) fn demo(out: &Path) -> ExitCode {
    match run_demo(out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run_demo(out: &Path) -> Result<(), String> {
    let write = |name: &str, text: &[u8]| -> Result<PathBuf, String> {
        let path = out.join(name);
        std::fs::create_dir_all(out)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        Ok(path)
    };
    let sample = rakenne_schema::Sample::new(2025).clients(600);
    let document: Document = sample.document();
    let json = serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?;
    let path = write("sample.json", &json)?;
    say!(
        "1. wrote the sample document {} ({} clients, {} social reports)",
        path.display(),
        sample.client_count(),
        document.social_reports.len()
    );

    let report = rakenne_schema::validate(&json, Lang::En);
    if !report.is_valid() {
        return Err(format!(
            "the sample document has errors; this is a bug:\n{}",
            report.to_text(false)
        ));
    }
    say!("2. validated it: no errors");

    let evaluation = Evaluation::of(&document.evaluation_input(), &EvaluationOptions::default())
        .map_err(|e| format!("cannot evaluate the sample: {e}"))?;
    let results = serde_json::to_vec_pretty(&evaluation).map_err(|e| e.to_string())?;
    let path = write("evaluation.json", &results)?;
    say!(
        "3. evaluated it by area and quarter: {} ({} instruments)",
        path.display(),
        evaluation.outcomes.len()
    );

    let national = national_demo(out, &json, &write)?;

    let reports = Reports::new();
    let templates = reports.templates();
    let total = templates.iter().map(|t| t.formats.len() * 3).sum::<usize>();
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(total as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut written = Vec::new();
    for template in &templates {
        for &format in &template.formats {
            for lang in [Lang::Fi, Lang::Sv, Lang::En] {
                // The national comparison is of the national document; the rest of the
                // sample area's.
                let of = if template.name == "national_comparison" {
                    &national
                } else {
                    &document
                };
                let text = reports
                    .render_document(
                        &template.name,
                        format,
                        lang,
                        of,
                        &EvaluationOptions::default(),
                    )
                    .map_err(|e| e.to_string())?;
                let name = format!("{}.{lang}.{}", template.name, format.extension());
                written.push(write(&name, text.as_bytes())?);
                bar.inc(1);
            }
        }
    }
    bar.finish_and_clear();
    say!("5. wrote {} reports:", written.len());
    for path in written {
        say!("   {}", path.display());
    }

    let parquet = out.join("parquet");
    let files =
        rakenne_schema::write_parquet_dir(&document, &parquet).map_err(|e| e.to_string())?;
    say!(
        "6. wrote the sample's sections as {} Parquet files into {} (README: Querying with DuckDB):",
        files.len(),
        parquet.display()
    );
    for file in files {
        say!("   {} ({} rows)", file.path.display(), file.rows);
    }
    Ok(())
}

/// Writes a file of the demo (a name under the output folder) and gives its path.
type WriteFile<'a> = dyn Fn(&str, &[u8]) -> Result<PathBuf, String> + 'a;

/// The other areas of the demo: (area, clients, seed). Sizes differ as the areas do, and
/// Kainuu's pilots are small enough for disclosure control to show; Helsinki (capital
/// region), Southwest Finland (university city) and Lapland and Kainuu (sparsely
/// populated) differ beside Pirkanmaa in their themes, clients and pilots' effects, as
/// [`rakenne_schema::Sample`] makes areas of their kinds differ.
const DEMO_AREAS: [(&str, usize, u64); 4] = [
    ("90", 900, 2090),
    ("05", 450, 2005),
    ("21", 200, 2021),
    ("20", 60, 2020),
];

/// Writes the demo's area documents (the sample as Pirkanmaa's and four more), combines
/// them into `national.json` and returns the national document.
fn national_demo(
    out: &Path,
    sample_json: &[u8],
    write: &WriteFile<'_>,
) -> Result<Document, String> {
    let mut files: Vec<(String, Vec<u8>)> = vec![("areas/08.json".into(), sample_json.to_vec())];
    for (area, clients, seed) in DEMO_AREAS {
        let area_code = area.parse().map_err(|e| format!("{e}"))?;
        let document = rakenne_schema::Sample::new(seed)
            .area(area_code)
            .clients(clients)
            .document();
        let json = serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?;
        files.push((format!("areas/{area}.json"), json));
    }
    std::fs::create_dir_all(out.join("areas"))
        .map_err(|e| format!("{}: cannot create: {e}", out.join("areas").display()))?;
    for (name, bytes) in &files {
        write(name, bytes)?;
    }
    let inputs: Vec<rakenne_schema::CombineInput<'_>> = files
        .iter()
        .map(|(name, bytes)| rakenne_schema::CombineInput::new(name, bytes))
        .collect();
    let thl = rakenne_model::Labels::new("Terveyden ja hyvinvoinnin laitos (THL)")
        .map_err(|e| e.to_string())?;
    let combination = rakenne_schema::combine(&inputs, &thl, Lang::En);
    let left_out: Vec<&str> = combination
        .files
        .iter()
        .filter(|f| !f.included)
        .map(|f| f.file.as_str())
        .collect();
    let Some(national) = combination.document else {
        return Err("the demo's area documents could not be combined; this is a bug".into());
    };
    if !left_out.is_empty() {
        return Err(format!(
            "the demo left out {}; this is a bug",
            left_out.join(", ")
        ));
    }
    let json = serde_json::to_vec(&national).map_err(|e| e.to_string())?;
    let path = write("national.json", &json)?;
    say!(
        "4. combined {} areas' documents ({}) into the national document {}",
        files.len(),
        out.join("areas").display(),
        path.display()
    );
    Ok(national)
}
