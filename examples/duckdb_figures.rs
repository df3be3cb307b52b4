//! rakenne's own figures for the DuckDB queries of the README ("Querying with DuckDB"),
//! computed from the typed document with the libraries, as JSON: one array of rows per
//! query, named as the README names the query. `benches/compare/duckdb_queries.py` runs
//! the README's SQL on the Parquet export of the same document and compares.
//!
//! Run from the repository root with
//! `cargo run --example duckdb_figures -- rakenne-demo/sample.json > figures.json`.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;

use rakenne::metrics::{GasScoring, GasSummary, builtin, pair_administrations};
use rakenne::model::{Lang, Trend};
use rakenne::report::Digest;
use rakenne::schema::{Document, read_valid};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args()
        .nth(1)
        .ok_or("usage: duckdb_figures DOCUMENT.json")?;
    let bytes = std::fs::read(&file).map_err(|e| format!("{file}: cannot read: {e}"))?;
    let document = read_valid(&bytes, Lang::En)
        .1
        .ok_or(format!("{file} has errors: run `rakenne validate {file}`"))?;
    let figures = json!({
        "social_reports_by_theme": reports_by_theme(&document),
        "measurements_by_implementation": measurements_by_implementation(&document),
        "change_by_implementation": change_by_implementation(&document)?,
        "goal_attainment_by_implementation": goal_attainment_by_implementation(&document),
    });
    println!("{}", serde_json::to_string_pretty(&figures)?);
    Ok(())
}

/// The social-reporting digest's count of reports by theme (a report counts under each of
/// its themes) and of those whose reporter sees the phenomenon growing.
fn reports_by_theme(document: &Document) -> Vec<Value> {
    let digest = Digest::of(document, Lang::En);
    // The growing counts, checked against the records: the digest's `growing` counts
    // reports with the trend `growing`.
    let growing = |theme: &str| {
        document
            .social_reports
            .iter()
            .filter(|r| r.trend() == Trend::Growing)
            .filter(|r| r.themes().iter().any(|t| t.to_string() == theme))
            .count() as u64
    };
    digest
        .themes
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| {
            assert_eq!(t.growing, growing(&t.theme.code), "{}", t.theme.code);
            json!({"theme": t.theme.code, "reports": t.count, "growing": t.growing})
        })
        .collect()
}

/// Administrations and distinct clients per implementation, instrument and occasion.
fn measurements_by_implementation(document: &Document) -> Vec<Value> {
    let mut groups: BTreeMap<(String, String, String), (u64, Vec<&str>)> = BTreeMap::new();
    for m in &document.measurements {
        let key = (
            m.implementation()
                .map(ToString::to_string)
                .unwrap_or_default(),
            m.instrument().to_string(),
            m.occasion().to_string(),
        );
        let group = groups.entry(key).or_default();
        group.0 += 1;
        group.1.push(m.client().id().as_str());
    }
    groups
        .into_iter()
        .map(
            |((implementation, instrument, occasion), (count, mut clients))| {
                clients.sort_unstable();
                clients.dedup();
                json!({
                    "implementation": implementation, "instrument": instrument,
                    "occasion": occasion, "measurements": count, "clients": clients.len(),
                })
            },
        )
        .collect()
}

/// PHQ-9 and ORS per implementation: the pairs rakenne-metrics forms (valid totals, the
/// earliest baseline with the latest follow-up on or after it), their number, mean
/// baseline and mean change (follow-up − baseline), exact.
fn change_by_implementation(document: &Document) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let mut rows = Vec::new();
    for definition in [builtin::ors(), builtin::phq9()] {
        let pairing = pair_administrations(&definition, &document.measurements)?;
        let mut groups: BTreeMap<String, (u64, Decimal, Decimal)> = BTreeMap::new();
        for pair in &pairing.pairs {
            let Some(implementation) = &pair.implementation else {
                continue;
            };
            let group = groups.entry(implementation.to_string()).or_default();
            group.0 += 1;
            group.1 += pair.baseline;
            group.2 += pair.follow_up - pair.baseline;
        }
        for (implementation, (clients, baseline, change)) in groups {
            let n = Decimal::from(clients);
            rows.push(json!({
                "instrument": definition.id.to_string(), "implementation": implementation,
                "clients": clients, "mean_baseline": (baseline / n).to_string(),
                "mean_change": (change / n).to_string(),
            }));
        }
    }
    Ok(rows)
}

/// GAS per implementation: goals, evaluated goals, and the clients' follow-up T-scores
/// as rakenne-metrics computes them (Kiresuk & Sherman 1968, ρ = 0.3).
fn goal_attainment_by_implementation(document: &Document) -> Vec<Value> {
    let mut goals: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for goal in &document.gas_goals {
        if let Some(implementation) = goal.implementation() {
            let entry = goals.entry(implementation.to_string()).or_default();
            entry.0 += 1;
            entry.1 += u64::from(goal.follow_up_level().is_some());
        }
    }
    let scores = GasSummary::client_scores(&document.gas_goals, &GasScoring::default());
    goals
        .into_iter()
        .map(|(implementation, (count, evaluated))| {
            let t: Vec<f64> = scores
                .iter()
                .filter(|c| {
                    c.implementation.as_ref().map(ToString::to_string)
                        == Some(implementation.clone())
                })
                .map(|c| c.t_score)
                .collect();
            #[allow(clippy::cast_precision_loss)] // a few thousand clients: exact
            let mean = (!t.is_empty()).then(|| t.iter().sum::<f64>() / t.len() as f64);
            json!({
                "implementation": implementation, "goals": count, "evaluated": evaluated,
                "clients": t.len(), "mean_t": mean,
                "t_at_least_50": t.iter().filter(|&&t| t >= 50.0).count(),
            })
        })
        .collect()
}
