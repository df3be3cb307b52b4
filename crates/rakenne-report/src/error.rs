//! The error type of `rakenne-report`.

use std::path::PathBuf;

/// An error from loading or rendering a report template, or from computing its data.
///
/// Template errors name the template and the line, like
/// `template error in effectiveness_evaluation.html line 12: undefined value ...`; they
/// never contain the data being rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No template has this name.
    #[error("unknown template \"{name}\": expected one of {available}")]
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// The names there are, comma-separated.
        available: String,
    },
    /// A template does not parse or fails while rendering.
    #[error("template error in {}: {detail}", location(name.as_deref(), *line))]
    Template {
        /// The template where it happened, when known.
        name: Option<String>,
        /// The line in that template, when known.
        line: Option<usize>,
        /// What went wrong, e.g. `undefined value` or `unexpected end of input`.
        detail: String,
        /// The engine's error, with its kind.
        #[source]
        source: minijinja::Error,
    },
    /// A user template directory or file cannot be read, or holds something refused.
    #[error("cannot use user templates at {path}: {reason}")]
    TemplateDirectory {
        /// The file or directory.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },
    /// Built-in templates cannot be written out.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The report's data cannot be computed from the document.
    #[error("cannot compute the report data: {0}")]
    Metrics(#[from] rakenne_metrics::Error),
}

fn location(name: Option<&str>, line: Option<usize>) -> String {
    match (name, line) {
        (Some(name), Some(line)) => format!("{name} line {line}"),
        (Some(name), None) => name.to_owned(),
        (None, Some(line)) => format!("line {line}"),
        (None, None) => "a template".to_owned(),
    }
}

impl From<minijinja::Error> for Error {
    fn from(error: minijinja::Error) -> Self {
        let detail = match error.detail() {
            Some(detail) => format!("{}: {detail}", error.kind()),
            None => error.kind().to_string(),
        };
        Error::Template {
            name: error.name().map(str::to_owned),
            line: error.line(),
            detail,
            source: error,
        }
    }
}

impl Error {
    /// The kind of a template error (syntax error, undefined value, ...), if this is one.
    pub fn template_kind(&self) -> Option<minijinja::ErrorKind> {
        match self {
            Error::Template { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}
