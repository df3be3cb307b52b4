//! `rakenne combine`: the areas' files into one national document.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rakenne_model::{Labels, Lang};
use rakenne_schema::{CombineInput, combine, write_ndjson};

use crate::{Unusable, read_with_progress};

/// The form of the national document, from the output's extension.
enum Form {
    Json,
    Ndjson,
}

fn form_of(output: &Path) -> Result<Form, Unusable> {
    match output.extension().and_then(|e| e.to_str()) {
        Some("json") => Ok(Form::Json),
        Some("ndjson" | "jsonl") => Ok(Form::Ndjson),
        _ => Err(Unusable(format!(
            "{}: give the output a .json or .ndjson extension: it decides the form",
            output.display()
        ))),
    }
}

/// `rakenne combine FILE... -o OUT`. Exit code 0 when every file was combined, 1 when
/// some file was left out (the others are combined and written), 2 when nothing could be
/// combined or written.
pub(crate) fn run(files: &[PathBuf], output: &Path, organisation: &str, lang: Lang) -> ExitCode {
    match combine_files(files, output, organisation, lang) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Unusable(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// Whether every file was combined.
fn combine_files(
    files: &[PathBuf],
    output: &Path,
    organisation: &str,
    lang: Lang,
) -> Result<bool, Unusable> {
    let form = form_of(output)?;
    let organisation =
        Labels::new(organisation).map_err(|e| Unusable(format!("--organisation: {e}")))?;
    let mut contents = Vec::with_capacity(files.len());
    for file in files {
        let bytes = read_with_progress(file)
            .map_err(|e| Unusable(format!("{}: cannot read the file: {e}", file.display())))?;
        contents.push((file.display().to_string(), bytes));
    }
    let inputs: Vec<CombineInput<'_>> = contents
        .iter()
        .map(|(name, bytes)| CombineInput::new(name, bytes))
        .collect();
    let combination = combine(&inputs, &organisation, lang);
    let colour = std::io::stdout().is_terminal();
    let mut all_in = true;
    for file in &combination.files {
        all_in &= file.included;
        let verdict = if file.included {
            "combined"
        } else {
            "LEFT OUT"
        };
        say!("{verdict}: {}", file.file);
        if !file.report.findings.is_empty() {
            say_raw!("{}", file.report.to_text(colour));
        }
    }
    let Some(national) = combination.document else {
        return Err(Unusable(
            "no file could be combined: correct the files' errors above and run again".into(),
        ));
    };
    let write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(output)?);
        match form {
            Form::Json => {
                serde_json::to_writer(&mut out, &national).map_err(std::io::Error::from)?;
            }
            Form::Ndjson => write_ndjson(&national, &mut out)?,
        }
        out.flush()
    };
    write().map_err(|e| Unusable(format!("{}: cannot write: {e}", output.display())))?;
    let records: usize = national
        .header
        .sources
        .iter()
        .flat_map(|s| &s.records)
        .map(|r| usize::try_from(r.count).unwrap_or(usize::MAX))
        .sum();
    say!(
        "wrote {}: {} of {} files, {records} records",
        output.display(),
        national.header.sources.len(),
        combination.files.len(),
    );
    Ok(all_in)
}
