//! The library path in one file: load an exchange document, validate it, evaluate the
//! operating-model pilots in it and render the evaluation report.
//!
//! Run from the repository root with `cargo run --example library_path [FILE.json]`
//! (by default the committed example document); writes `effectiveness_evaluation.html`.
#![allow(clippy::print_stdout)]

use rakenne::metrics::{Evaluation, EvaluationOptions};
use rakenne::model::Lang;
use rakenne::report::{OutputFormat, Reports};
use rakenne::schema::read_valid;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let default = "examples/documents/pirkanmaa-2025.json".to_owned();
    let file = std::env::args().nth(1).unwrap_or(default);

    // Load and validate: the document comes back only when it has no errors.
    let bytes = std::fs::read(&file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let (findings, document) = read_valid(&bytes, Lang::En);
    print!("{}", findings.to_text(false));
    let document = document.ok_or(format!("{file} has errors: correct them first"))?;

    // Evaluate: every instrument by area and quarter, small groups suppressed.
    let options = EvaluationOptions::default();
    let evaluation = Evaluation::of(&document.evaluation_input(), &options)?;
    for outcome in &evaluation.outcomes {
        let total = outcome.table.grand_total.value();
        match total.and_then(|summary| summary.paired.as_ref()) {
            Some(p) => {
                let (d, ci) = (&p.mean_difference, &p.mean_difference.ci);
                let (id, n) = (&outcome.instrument, p.n);
                println!(
                    "{id}: change {:+.2} ({:.2} … {:.2}), n = {n}",
                    d.value, ci.lower, ci.upper
                );
            }
            None => println!("{}: too few paired clients to publish", outcome.instrument),
        }
    }

    // Render: the built-in evaluation report as self-contained HTML, in Finnish.
    let name = "effectiveness_evaluation";
    let reports = Reports::new();
    let html = reports.render_document(name, OutputFormat::Html, Lang::Fi, &document, &options)?;
    std::fs::write(format!("{name}.html"), html)?;
    println!("wrote {name}.html");
    Ok(())
}
