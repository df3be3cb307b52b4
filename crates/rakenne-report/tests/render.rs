//! Rendering the built-in and user templates: snapshots of every built-in report in every
//! language and format, template misuse, and personal data planted in free text.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use rakenne_metrics::EvaluationOptions;
use rakenne_model::Lang;
use rakenne_report::{Error, OutputFormat, Reports};
use rakenne_schema::{CombineInput, Document, Sample, combine};

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A fixed small document: one area, 120 clients, every section.
fn document() -> Document {
    Sample::new(11).clients(120).document()
}

/// A fixed small national document: three areas' samples combined.
fn national() -> Document {
    let files: Vec<(String, Vec<u8>)> = [(11, "08"), (12, "21"), (13, "90")]
        .into_iter()
        .map(|(seed, area)| {
            let document = Sample::new(seed)
                .area(area.parse().unwrap())
                .clients(120)
                .document();
            (
                format!("{area}.json"),
                serde_json::to_vec(&document).unwrap(),
            )
        })
        .collect();
    let inputs: Vec<CombineInput<'_>> = files
        .iter()
        .map(|(name, bytes)| CombineInput::new(name, bytes))
        .collect();
    let thl = rakenne_model::Labels::new("Terveyden ja hyvinvoinnin laitos").unwrap();
    combine(&inputs, &thl, Lang::En).document.unwrap()
}

/// The fixed document a built-in report is shown on: the national one for the national
/// comparison, an area's for the others.
fn document_for(name: &str) -> Document {
    if name == "national_comparison" {
        national()
    } else {
        document()
    }
}

const LANGS: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

/// Renders report `name` of `document` with the default evaluation options.
fn render(
    reports: &Reports,
    name: &str,
    format: OutputFormat,
    lang: Lang,
    document: &Document,
) -> Result<String, Error> {
    reports.render_document(name, format, lang, document, &EvaluationOptions::default())
}

#[test]
fn every_builtin_report_in_every_language_and_format() {
    let reports = Reports::new();
    for template in reports.templates() {
        let document = document_for(&template.name);
        for &format in &template.formats {
            for lang in LANGS {
                let text = render(&reports, &template.name, format, lang, &document).unwrap();
                let name = format!("{}.{lang}.{}", template.name, format.extension());
                insta::assert_snapshot!(name, text);
            }
        }
    }
}

#[test]
fn html_reports_declare_their_language_and_describe_every_chart() {
    let reports = Reports::new();
    let mut charts_seen = 0;
    for template in reports.templates() {
        let document = document_for(&template.name);
        for lang in LANGS {
            let html = render(
                &reports,
                &template.name,
                OutputFormat::Html,
                lang,
                &document,
            )
            .unwrap();
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            assert_eq!(html.matches("<h1>").count(), 1, "{}", template.name);
            let charts = html.matches("<svg").count();
            charts_seen += charts;
            assert_eq!(html.matches("role=\"img\"").count(), charts);
            assert_eq!(html.matches("<desc").count(), charts);
            // Every chart is followed by the table with its figures.
            assert!(html.matches("<table").count() >= charts);
        }
    }
    assert!(charts_seen > 0);
}

#[test]
fn unknown_template_names_the_ones_there_are() {
    let error = render(
        &Reports::new(),
        "no_such_report",
        OutputFormat::Html,
        Lang::Fi,
        &document(),
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, Error::UnknownTemplate { .. }), "{message}");
    assert!(message.contains("no_such_report.html"), "{message}");
    assert!(
        message.contains("social_reporting_digest.html"),
        "{message}"
    );
    // Partials are not reports.
    let partial = Reports::new()
        .render("_base", OutputFormat::Html, &())
        .unwrap_err();
    assert!(matches!(partial, Error::UnknownTemplate { .. }));
}

#[test]
fn syntax_error_names_the_template_and_line() {
    let error = Reports::with_user_templates(data("broken-templates")).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("broken.html"), "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert_eq!(
        error.template_kind(),
        Some(minijinja::ErrorKind::SyntaxError)
    );
}

#[test]
fn missing_variable_names_the_template_and_line() {
    let dir = tempdir("missing-variable");
    std::fs::write(
        dir.join("typo.md"),
        "# {{ document.producer }}\n\n{{ digest.totl_reports }}\n",
    )
    .unwrap();
    let reports = Reports::with_user_templates(&dir).unwrap();
    let error = render(
        &reports,
        "typo",
        OutputFormat::Markdown,
        Lang::Fi,
        &document(),
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("typo.md line 3"), "{message}");
    assert_eq!(
        error.template_kind(),
        Some(minijinja::ErrorKind::UndefinedError)
    );
}

#[test]
fn user_templates_replace_and_extend_the_builtin_ones() {
    let reports = Reports::with_user_templates(data("user-templates")).unwrap();
    let document = document();
    let digest = render(
        &reports,
        "social_reporting_digest",
        OutputFormat::Html,
        Lang::Fi,
        &document,
    )
    .unwrap();
    assert!(digest.contains("Oma kooste: "), "{digest}");
    // The Markdown digest is still the built-in one.
    let md = render(
        &reports,
        "social_reporting_digest",
        OutputFormat::Markdown,
        Lang::Fi,
        &document,
    )
    .unwrap();
    assert!(md.starts_with("# Sosiaalisen raportoinnin kooste"));
    // A new report extending a user partial and using the message table.
    let summary = render(
        &reports,
        "area_summary",
        OutputFormat::Markdown,
        Lang::En,
        &document,
    )
    .unwrap();
    assert!(summary.starts_with("# Pirkanmaa"), "{summary}");
    assert!(summary.contains("professionals made"), "{summary}");
    let names: Vec<_> = reports
        .templates()
        .into_iter()
        .map(|t| (t.name, t.builtin, t.from_user))
        .collect();
    assert!(names.contains(&("area_summary".to_owned(), false, true)));
    assert!(names.contains(&("social_reporting_digest".to_owned(), true, true)));
}

#[test]
fn templates_cannot_reach_outside_their_directory() {
    let dir = tempdir("escape");
    std::fs::write(
        dir.join("peek.html"),
        "{% include \"../../../../etc/passwd\" %}",
    )
    .unwrap();
    let reports = Reports::with_user_templates(&dir).unwrap();
    let error = render(&reports, "peek", OutputFormat::Html, Lang::Fi, &document()).unwrap_err();
    assert_eq!(
        error.template_kind(),
        Some(minijinja::ErrorKind::TemplateNotFound)
    );
    #[cfg(unix)]
    {
        let linked = tempdir("symlink");
        std::os::unix::fs::symlink("/etc/hostname", linked.join("host.html")).unwrap();
        let error = Reports::with_user_templates(&linked).unwrap_err();
        assert!(error.to_string().contains("symbolic links"), "{error}");
    }
}

#[test]
fn personal_data_planted_in_free_text_never_reaches_a_report() {
    let mut json = serde_json::to_value(document()).unwrap();
    let planted = [
        "maija.meikalainen@example.fi",
        "040 123 4567",
        "+358 50 765 4321",
    ];
    let plant = |text: &mut serde_json::Value, i: usize| {
        let old = text.as_str().unwrap().to_owned();
        *text = serde_json::Value::String(format!("{old} Yhteys {}.", planted[i % planted.len()]));
    };
    let mut i = 0;
    for report in json["social_reports"].as_array_mut().unwrap() {
        for field in ["description", "proposed_action", "root_causes"] {
            if let Some(text) = report.get_mut(field) {
                plant(text, i);
                i += 1;
            }
        }
    }
    for model in json["operating_models"].as_array_mut().unwrap() {
        plant(model.get_mut("description").unwrap(), i);
        i += 1;
    }
    let document: Document = serde_json::from_value(json).unwrap();
    let reports = Reports::new();
    for template in reports.templates() {
        for &format in &template.formats {
            for lang in LANGS {
                let text = render(&reports, &template.name, format, lang, &document).unwrap();
                for value in planted {
                    assert!(
                        !text.contains(value),
                        "{} {lang} {format} shows {value}",
                        template.name
                    );
                }
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                assert!(!digits.contains("1234567") && !digits.contains("7654321"));
            }
        }
    }
}

#[test]
fn export_writes_templates_that_render_the_same() {
    let dir = tempdir("export");
    let files = Reports::export_builtin(&dir).unwrap();
    assert!(files.iter().any(|f| f.ends_with("messages.csv")));
    let exported = Reports::with_user_templates(&dir).unwrap();
    let document = document();
    for template in Reports::new().templates() {
        for &format in &template.formats {
            let builtin =
                render(&Reports::new(), &template.name, format, Lang::Sv, &document).unwrap();
            let user = render(&exported, &template.name, format, Lang::Sv, &document).unwrap();
            assert_eq!(builtin, user);
        }
    }
}

/// A fresh folder under the target directory.
fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("render-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
