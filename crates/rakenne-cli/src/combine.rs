//! `rakenne combine`: the areas' files into one national document.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rakenne_model::{Labels, Lang};
use rakenne_schema::{
    CombineInput, CombinedSummary, Combiner, MAX_DOCUMENT_BYTES, NationalForm, Report,
};

use crate::{Unusable, read_with_progress};

fn form_of(output: &Path) -> Result<NationalForm, Unusable> {
    match output.extension().and_then(|e| e.to_str()) {
        Some("json") => Ok(NationalForm::Json),
        Some("ndjson" | "jsonl") => Ok(NationalForm::Ndjson),
        _ => Err(Unusable(format!(
            "{}: give the output a .json or .ndjson extension: it decides the form",
            output.display()
        ))),
    }
}

/// `rakenne combine FILE... -o OUT`. Exit code 0 when every file was combined, 1 when
/// some file was left out (the others are combined and written), 2 when nothing could be
/// combined or written.
pub(crate) fn run(
    files: &[PathBuf],
    output: &Path,
    organisation: &str,
    lang: Lang,
    spool_dir: Option<&Path>,
) -> ExitCode {
    match combine_files(files, output, organisation, lang, spool_dir) {
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
    spool_dir: Option<&Path>,
) -> Result<bool, Unusable> {
    let form = form_of(output)?;
    let organisation =
        Labels::new(organisation).map_err(|e| Unusable(format!("--organisation: {e}")))?;
    let temp = std::env::temp_dir();
    let spool_dir = spool_dir.unwrap_or(&temp);
    let mut combiner = Combiner::new(&organisation, lang)
        .spool_in(spool_dir)
        .map_err(|e| Unusable(format!("--spool-dir: {e}")))?;
    for file in files {
        let name = file.display().to_string();
        let unreadable = |e: std::io::Error| Unusable(format!("{name}: cannot read the file: {e}"));
        let size = std::fs::metadata(file).map_err(unreadable)?.len();
        if size > MAX_DOCUMENT_BYTES as u64 {
            combiner.leave_out(&name, Report::too_large(size, lang));
            continue;
        }
        // One file in memory at a time: its records go to the spool.
        let bytes = read_with_progress(file).map_err(unreadable)?;
        combiner
            .add(CombineInput::new(&name, &bytes))
            .map_err(|e| Unusable(e.to_string()))?;
    }
    // Written beside the output and renamed at the end: a failed run leaves no half file.
    let folder = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let cannot_write =
        |e: &dyn std::fmt::Display| Unusable(format!("{}: cannot write: {e}", output.display()));
    let mut written = tempfile::NamedTempFile::new_in(folder).map_err(|e| cannot_write(&e))?;
    let summary = combiner
        .finish(written.as_file_mut(), form)
        .map_err(|e| cannot_write(&e))?;
    let all_in = print_files(&summary);
    let Some(header) = &summary.header else {
        return Err(Unusable(
            "no file could be combined: correct the files' errors above and run again".into(),
        ));
    };
    let size = written.as_file().metadata().map_or(0, |m| m.len());
    written
        .persist(output)
        .map_err(|e| cannot_write(&e.error))?;
    if form == NationalForm::Json && size > MAX_DOCUMENT_BYTES as u64 {
        eprintln!(
            "note: {} has {size} bytes, more than a JSON document may have ({MAX_DOCUMENT_BYTES}): \
             readers, `rakenne validate` among them, refuse it; write .ndjson instead, which has no \
             such limit",
            output.display()
        );
    }
    say!(
        "wrote {}: {} of {} files, {} records",
        output.display(),
        header.sources.len(),
        summary.files.len(),
        summary.records(),
    );
    Ok(all_in)
}

/// Prints each file's verdict and findings; whether every file was combined.
fn print_files(summary: &CombinedSummary) -> bool {
    let colour = std::io::stdout().is_terminal();
    let mut all_in = true;
    for file in &summary.files {
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
    all_in
}
