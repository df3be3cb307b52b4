//! [`Reports`]: the templates, built-in and the user's, and how they are rendered.
//!
//! Templates are `minijinja` (Jinja) templates. The built-in ones are embedded in the
//! crate; a user's directory of templates is read into memory when [`Reports`] is made,
//! where a file with a built-in's name replaces it and any other file adds a template
//! (they can `{% extends %}` and `{% include %}` each other and the built-ins). Rendering
//! never touches the file system again: a template cannot read files, and minijinja has
//! no way to run commands.
//!
//! A template's name ends with its output format: `.html` (self-contained HTML, escaped
//! as HTML) or `.md` (GitHub-flavoured Markdown, escaped as Markdown). Names starting
//! with `_` are partials (layouts, macros), not reports. Undefined values are errors
//! (strict mode), so a misspelt field fails loudly instead of printing nothing; every
//! error names the template and line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, State, UndefinedBehavior};
use rakenne_metrics::EvaluationOptions;
use rakenne_model::Lang;
use rakenne_schema::Document;
use serde::Serialize;

use crate::view::DocumentView;
use crate::{
    Digest, Effectiveness, Error, NationalComparison, StructuralPlan, WelfareSection, catalogue,
    charts, format,
};

/// The built-in templates: name and source.
const BUILTIN: &[(&str, &str)] = &[
    ("_base.html", include_str!("../templates/_base.html")),
    ("_cells.jinja", include_str!("../templates/_cells.jinja")),
    (
        "social_reporting_digest.html",
        include_str!("../templates/social_reporting_digest.html"),
    ),
    (
        "social_reporting_digest.md",
        include_str!("../templates/social_reporting_digest.md"),
    ),
    (
        "effectiveness_evaluation.html",
        include_str!("../templates/effectiveness_evaluation.html"),
    ),
    (
        "effectiveness_evaluation.md",
        include_str!("../templates/effectiveness_evaluation.md"),
    ),
    (
        "welfare_report_section.html",
        include_str!("../templates/welfare_report_section.html"),
    ),
    (
        "welfare_report_section.md",
        include_str!("../templates/welfare_report_section.md"),
    ),
    (
        "structural_plan.html",
        include_str!("../templates/structural_plan.html"),
    ),
    (
        "structural_plan.md",
        include_str!("../templates/structural_plan.md"),
    ),
    (
        "national_comparison.html",
        include_str!("../templates/national_comparison.html"),
    ),
    (
        "national_comparison.md",
        include_str!("../templates/national_comparison.md"),
    ),
];

/// The name of the Markdown autoescape mode.
const MARKDOWN: &str = "markdown";

/// Largest user template file read, in bytes.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OutputFormat {
    /// Self-contained HTML: inline CSS and SVG charts, a print stylesheet.
    Html,
    /// GitHub-flavoured Markdown: tables instead of charts.
    Markdown,
}

impl OutputFormat {
    /// The file extension, also the end of the template names: `html` or `md`.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Html => "html",
            OutputFormat::Markdown => "md",
        }
    }

    fn of_template(name: &str) -> Option<Self> {
        match name.rsplit_once('.')?.1 {
            "html" => Some(OutputFormat::Html),
            "md" => Some(OutputFormat::Markdown),
            _ => None,
        }
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "html" => Ok(OutputFormat::Html),
            "md" | "markdown" => Ok(OutputFormat::Markdown),
            other => Err(format!(
                "unknown output format \"{other}\": expected html or md"
            )),
        }
    }
}

/// A report template that can be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TemplateInfo {
    /// The report name, e.g. `effectiveness_evaluation`.
    pub name: String,
    /// The formats it has.
    pub formats: Vec<OutputFormat>,
    /// Whether it is built in (possibly replaced by a user template).
    pub builtin: bool,
    /// Whether a user template replaces or adds a format of it.
    pub from_user: bool,
}

/// The report templates and everything they are rendered with.
///
/// # Example
/// ```
/// use rakenne_metrics::EvaluationOptions;
/// use rakenne_model::Lang;
/// use rakenne_report::{OutputFormat, Reports};
/// use rakenne_schema::Sample;
///
/// let document = Sample::new(1).clients(60).document();
/// let reports = Reports::new();
/// let html = reports.render_document(
///     "social_reporting_digest", OutputFormat::Html, Lang::Fi, &document,
///     &EvaluationOptions::default(),
/// )?;
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<html lang="fi">"#));
/// # Ok::<(), rakenne_report::Error>(())
/// ```
#[derive(Debug)]
pub struct Reports {
    env: Environment<'static>,
    /// Names of the templates the user's directory gave.
    user: Vec<String>,
}

impl Default for Reports {
    fn default() -> Self {
        Reports::new()
    }
}

impl Reports {
    /// The built-in templates.
    pub fn new() -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| match OutputFormat::of_template(name) {
            Some(OutputFormat::Html) => AutoEscape::Html,
            Some(OutputFormat::Markdown) => AutoEscape::Custom(MARKDOWN.into()),
            None => AutoEscape::None,
        });
        env.set_formatter(|out, state, value| {
            if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == MARKDOWN)
                && !value.is_safe()
            {
                let text = value.to_string();
                out.write_str(&escape_markdown(&text))
                    .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        // Block tags on their own lines leave no blank lines behind (Markdown tables
        // need each row on one line).
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.add_function("t", translate);
        env.add_filter("number", number);
        env.add_filter("percent", percent);
        env.add_filter("signed", signed);
        env.add_filter("interval", interval);
        env.add_filter("p_value", p_value);
        env.add_global("SUPPRESSED", format::SUPPRESSED);
        env.add_global("NOT_AVAILABLE", format::NOT_AVAILABLE);
        charts::register(&mut env);
        for &(name, source) in BUILTIN {
            // The built-in templates are checked to compile by the tests.
            if let Err(error) = env.add_template(name, source) {
                debug_assert!(false, "built-in template {name} does not compile: {error}");
            }
        }
        Reports {
            env,
            user: Vec::new(),
        }
    }

    /// The built-in templates, replaced and extended by the templates in `dir` (and its
    /// subdirectories, named with `/`): files ending in `.html` or `.md`, UTF-8, at most
    /// 1 MiB each. Hidden files are skipped; symbolic links are refused, so that a
    /// template directory cannot expose files outside it.
    ///
    /// Every template is compiled here, so a syntax error is reported before anything is
    /// rendered, with the template's name and line.
    pub fn with_user_templates(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let mut reports = Reports::new();
        let mut files = Vec::new();
        collect_templates(dir.as_ref(), "", &mut files)?;
        for (name, source) in files {
            reports.env.add_template_owned(name.clone(), source)?;
            reports.user.push(name);
        }
        Ok(reports)
    }

    /// The report templates, by name.
    pub fn templates(&self) -> Vec<TemplateInfo> {
        let mut by_name: BTreeMap<String, TemplateInfo> = BTreeMap::new();
        let builtin = BUILTIN.iter().map(|&(name, _)| name.to_owned());
        for name in builtin.chain(self.user.iter().cloned()) {
            let (Some(format), Some((stem, _))) =
                (OutputFormat::of_template(&name), name.rsplit_once('.'))
            else {
                continue;
            };
            if stem.starts_with('_') || stem.contains('/') {
                continue;
            }
            let from_user = self.user.contains(&name);
            let info = by_name
                .entry(stem.to_owned())
                .or_insert_with(|| TemplateInfo {
                    name: stem.to_owned(),
                    formats: Vec::new(),
                    builtin: false,
                    from_user: false,
                });
            if !info.formats.contains(&format) {
                info.formats.push(format);
            }
            info.builtin |= BUILTIN.iter().any(|&(b, _)| b == name);
            info.from_user |= from_user;
        }
        by_name.into_values().collect()
    }

    /// Renders the report `name` of `document` in `format` and `lang`. The data the
    /// template needs is computed first (see [`ReportData`]); `options` give the
    /// disclosure rule and GAS scoring of the evaluation results.
    pub fn render_document(
        &self,
        name: &str,
        format: OutputFormat,
        lang: Lang,
        document: &Document,
        options: &EvaluationOptions,
    ) -> Result<String, Error> {
        let template = self.template(name, format)?;
        let data = ReportData::for_report(name, document, lang, options)?;
        Ok(template.render(Value::from(Serde(&data)))?)
    }

    /// Renders the report `name` in `format` with `data` of the caller's own as the
    /// template context (its fields become the template's variables).
    pub fn render(
        &self,
        name: &str,
        format: OutputFormat,
        data: &impl Serialize,
    ) -> Result<String, Error> {
        let template = self.template(name, format)?;
        Ok(template.render(Value::from(Serde(data)))?)
    }

    fn template(
        &self,
        name: &str,
        format: OutputFormat,
    ) -> Result<minijinja::Template<'_, '_>, Error> {
        let file = format!("{name}.{}", format.extension());
        if name.starts_with('_') {
            return Err(self.unknown(name));
        }
        self.env.get_template(&file).map_err(|e| match e.kind() {
            ErrorKind::TemplateNotFound => self.unknown(&file),
            _ => Error::from(e),
        })
    }

    fn unknown(&self, name: &str) -> Error {
        let available: Vec<String> = self
            .templates()
            .into_iter()
            .flat_map(|t| {
                t.formats
                    .into_iter()
                    .map(move |f| format!("{}.{}", t.name, f.extension()))
            })
            .collect();
        Error::UnknownTemplate {
            name: name.to_owned(),
            available: available.join(", "),
        }
    }

    /// Writes the built-in templates and the message table to `dir`, to start
    /// customising them; returns the files written.
    pub fn export_builtin(dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        let dir = dir.as_ref();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&path, text))
                .map(|()| path.clone())
                .map_err(|source| Error::Write { path, source })
        };
        BUILTIN
            .iter()
            .map(|&(name, source)| write(name, source))
            .chain(std::iter::once(write(
                "messages.csv",
                catalogue::MESSAGES_CSV,
            )))
            .collect()
    }
}

/// The data of a report: the document's header and what the report shows, computed in
/// the report language.
///
/// A built-in report gets the parts it shows: the digest gets `digest`, the evaluation
/// `effectiveness`, the welfare-report section `welfare`, the structural plan
/// `digest`, `effectiveness` and `plan`, and the national comparison `national`. A user's report of another name gets every part
/// (the computation of parts it does not show is the price of not knowing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ReportData {
    /// The report language code: `fi`, `sv` or `en`.
    pub lang: Lang,
    /// The document's header.
    pub document: DocumentView,
    /// The social-reporting digest.
    pub digest: Option<Digest>,
    /// The effectiveness evaluation.
    pub effectiveness: Option<Effectiveness>,
    /// The welfare-report section: indicators beside the social reports by theme.
    pub welfare: Option<WelfareSection>,
    /// The structural social work plan's own data.
    pub plan: Option<StructuralPlan>,
    /// The national comparison of a combined national document.
    pub national: Option<NationalComparison>,
}

/// A part of [`ReportData`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Digest,
    Effectiveness,
    Welfare,
    Plan,
    National,
}

/// The parts of [`ReportData`] the report `name` needs: a built-in report its own, any
/// other every part.
fn parts_of(name: &str) -> &'static [Part] {
    match name {
        "social_reporting_digest" => &[Part::Digest],
        "effectiveness_evaluation" => &[Part::Effectiveness],
        "welfare_report_section" => &[Part::Welfare],
        "structural_plan" => &[Part::Digest, Part::Effectiveness, Part::Plan],
        "national_comparison" => &[Part::National],
        _ => &[
            Part::Digest,
            Part::Effectiveness,
            Part::Welfare,
            Part::Plan,
            Part::National,
        ],
    }
}

impl ReportData {
    /// The data the report `name` shows.
    pub fn for_report(
        name: &str,
        document: &Document,
        lang: Lang,
        options: &EvaluationOptions,
    ) -> Result<Self, Error> {
        let parts = parts_of(name);
        let wants = |part| parts.contains(&part);
        Ok(ReportData {
            lang,
            document: DocumentView::of(document, lang),
            digest: wants(Part::Digest).then(|| Digest::of(document, lang)),
            effectiveness: if wants(Part::Effectiveness) {
                Some(Effectiveness::of(document, options, lang)?)
            } else {
                None
            },
            welfare: wants(Part::Welfare).then(|| WelfareSection::of(document, lang)),
            plan: wants(Part::Plan).then(|| StructuralPlan::of(document, lang)),
            national: if wants(Part::National) {
                Some(NationalComparison::of(document, options, lang)?)
            } else {
                None
            },
        })
    }
}

/// Reads the template files under `dir` into `files`, names relative to the root.
fn collect_templates(
    dir: &Path,
    prefix: &str,
    files: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    let refuse = |path: &Path, reason: String| Error::TemplateDirectory {
        path: path.to_owned(),
        reason,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| refuse(dir, e.to_string()))?;
    let mut entries: Vec<_> = entries
        .collect::<Result<_, _>>()
        .map_err(|e| refuse(dir, e.to_string()))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
            return Err(refuse(
                &path,
                "the file name is not UTF-8: rename it".into(),
            ));
        };
        if file_name.starts_with('.') {
            continue;
        }
        let metadata =
            std::fs::symlink_metadata(&path).map_err(|e| refuse(&path, e.to_string()))?;
        let name = format!("{prefix}{file_name}");
        if metadata.file_type().is_symlink() {
            return Err(refuse(
                &path,
                "symbolic links are not followed: copy the template into the directory".into(),
            ));
        } else if metadata.is_dir() {
            collect_templates(&path, &format!("{name}/"), files)?;
        } else if OutputFormat::of_template(&name).is_some() {
            if metadata.len() > MAX_TEMPLATE_BYTES {
                return Err(refuse(&path, "a template may be at most 1 MiB".into()));
            }
            let source = std::fs::read_to_string(&path)
                .map_err(|e| refuse(&path, format!("{e}: save the template as UTF-8")))?;
            files.push((name, source));
        }
    }
    Ok(())
}

/// The language of the report being rendered (the context's `lang`).
pub(crate) fn lang_of(state: &State<'_, '_>) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(Lang::En)
}

/// `t(key, **params)`: the message `key` in the report language with `{param}`s filled.
// minijinja hands keyword arguments over by value.
#[allow(clippy::needless_pass_by_value)]
fn translate(state: &State<'_, '_>, key: &str, params: Kwargs) -> Result<String, minijinja::Error> {
    let lang = lang_of(state);
    // A count of one takes the singular text `key.one` where the table has one.
    let one = ["n", "count"].iter().any(|&name| {
        params
            .get::<Option<Value>>(name)
            .ok()
            .flatten()
            .is_some_and(|v| v.to_string() == "1")
    });
    let singular = one
        .then(|| catalogue::message(&format!("{key}.one"), lang))
        .flatten();
    let Some(text) = singular.or_else(|| catalogue::message(key, lang)) else {
        return Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("no message \"{key}\" in messages.csv"),
        ));
    };
    let mut text = text.to_owned();
    for name in params.args() {
        let value: Value = params.get(name)?;
        text = text.replace(&format!("{{{name}}}"), &value.to_string());
    }
    Ok(text)
}

/// A number from a template value; `None` for none or undefined.
fn as_number(value: &Value) -> Result<Option<f64>, minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(None);
    }
    f64::try_from(value.clone()).map(Some).map_err(|_| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("expected a number, got {}", value.kind()),
        )
    })
}

/// `value` written by `write` with `decimals` places in the report language; `.` for none.
fn written(
    state: &State<'_, '_>,
    value: &Value,
    decimals: Option<u32>,
    write: fn(f64, u32, Lang) -> String,
) -> Result<String, minijinja::Error> {
    let decimals = decimals.unwrap_or(0).min(6);
    Ok(as_number(value)?.map_or_else(
        || format::NOT_AVAILABLE.to_owned(),
        |v| write(v, decimals, lang_of(state)),
    ))
}

/// `value|number(decimals)`: the number in the report language's style; `.` for none.
fn number(
    state: &State<'_, '_>,
    value: &Value,
    decimals: Option<u32>,
) -> Result<String, minijinja::Error> {
    written(state, value, decimals, format::number)
}

/// `share|percent(decimals)`: a share 0–1 as a percentage; `.` for none.
fn percent(
    state: &State<'_, '_>,
    value: &Value,
    decimals: Option<u32>,
) -> Result<String, minijinja::Error> {
    written(state, value, decimals, format::percent)
}

/// `value|signed(decimals)`: like `number`, with `+` before positive values.
fn signed(
    state: &State<'_, '_>,
    value: &Value,
    decimals: Option<u32>,
) -> Result<String, minijinja::Error> {
    let text = number(state, value, decimals)?;
    // Positive and not written as zero ("0,0" gets no sign).
    let positive = as_number(value)?.is_some_and(|v| v > 0.0)
        && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    Ok(if positive { format!("+{text}") } else { text })
}

/// `estimate|interval(decimals)`: `value (lower … upper)` of an interval map.
fn interval(
    state: &State<'_, '_>,
    value: &Value,
    decimals: Option<u32>,
) -> Result<String, minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(format::NOT_AVAILABLE.to_owned());
    }
    let part = |name: &str| -> Result<String, minijinja::Error> {
        number(state, &value.get_attr(name)?, decimals)
    };
    Ok(format!(
        "{} ({} … {})",
        part("value")?,
        part("lower")?,
        part("upper")?
    ))
}

/// `p|p_value`: three decimals, or `< 0.001`.
fn p_value(state: &State<'_, '_>, value: &Value) -> Result<String, minijinja::Error> {
    match as_number(value)? {
        None => Ok(format::NOT_AVAILABLE.to_owned()),
        Some(p) if p < 0.001 => Ok(format!("< {}", format::number(0.001, 3, lang_of(state)))),
        Some(p) => Ok(format::number(p, 3, lang_of(state))),
    }
}

/// Escapes text for Markdown: characters that would start formatting, links, HTML or a
/// table cell boundary get a backslash; line breaks become spaces so a value stays in
/// its paragraph or cell.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_formatting() {
        assert_eq!(
            escape_markdown("a|b *c* <script> [x](y)\nz & _w_"),
            "a\\|b \\*c\\* \\<script\\> \\[x\\](y) z &amp; \\_w\\_"
        );
    }

    #[test]
    fn every_builtin_template_compiles() {
        let reports = Reports::new();
        for &(name, _) in BUILTIN {
            reports
                .env
                .get_template(name)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        }
    }

    #[test]
    fn a_count_of_one_takes_the_singular_text() {
        let reports = Reports::new();
        let render = |lang: &str, n: u64| {
            let context = minijinja::context! { lang => lang, n => n };
            reports
                .env
                .render_str("{{ t('digest.n_reports', n=n) }}", context)
                .unwrap()
        };
        assert_eq!(render("fi", 1), "1 raportti");
        assert_eq!(render("fi", 2), "2 raporttia");
        assert_eq!(render("sv", 1), "1 rapport");
        assert_eq!(render("en", 0), "0 reports");
    }

    #[test]
    fn templates_lists_reports_not_partials() {
        let names: Vec<String> = Reports::new()
            .templates()
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(
            names,
            [
                "effectiveness_evaluation",
                "national_comparison",
                "social_reporting_digest",
                "structural_plan",
                "welfare_report_section"
            ]
        );
    }
}
