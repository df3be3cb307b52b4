#![allow(clippy::unwrap_used)]
use rakenne_metrics::EvaluationOptions;
use rakenne_model::Lang;
use rakenne_report::{OutputFormat, Reports};
use rakenne_schema::Sample;

#[test]
fn scratch() {
    let document = Sample::new(3).clients(300).document();
    let reports = Reports::new();
    for name in ["social_reporting_digest", "effectiveness_evaluation"] {
        for format in [OutputFormat::Html, OutputFormat::Markdown] {
            for lang in [Lang::Fi, Lang::Sv, Lang::En] {
                let out = reports
                    .render_document(name, format, lang, &document, &EvaluationOptions::default())
                    .unwrap_or_else(|e| panic!("{name} {format} {lang}: {e}"));
                std::fs::write(format!("/tmp/keep/{name}.{lang}.{}", format.extension()), out).unwrap();
            }
        }
    }
}
