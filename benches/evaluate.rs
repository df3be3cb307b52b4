//! A full evaluation at national scale: 1 000 000 PHQ-9 administrations (about 540 000
//! clients in 22 pilots) and their GAS goals — scoring, pairing, paired statistics with
//! effect sizes and their noncentral-t intervals, reliable-change classes, GAS T-scores,
//! all grouped by the 22 organisers × 4 quarters of 2025 with disclosure control.
//!
//! The same computation in pandas/scipy is `benches/compare/evaluate_pandas.py`, run on
//! the same data (`cargo run --release --example evaluation_bench_data -- DIR`).
//!
//! Run with `cargo bench --bench evaluate`; `RAKENNE_BENCH_ADMINISTRATIONS` changes the
//! size (default 1 000 000). With `RAKENNE_BENCH_RESULTS=FILE` the bench first writes both
//! result tables as JSON to FILE, for `benches/compare/agree.py`, which checks them
//! against the pandas results (and against an earlier run of the bench, bit for bit).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::metrics::disclosure::DisclosureRule;
use rakenne::metrics::{
    Dimension, EvaluationContext, GasScoring, GasSummary, OutcomeSummary, Yardsticks,
    baseline_scores, builtin, pair_administrations,
};

#[path = "support/evaluation_data.rs"]
mod evaluation_data;

fn full_evaluation(c: &mut Criterion) {
    let administrations: usize = std::env::var("RAKENNE_BENCH_ADMINISTRATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let data = evaluation_data::generate(evaluation_data::clients_for(administrations), 2025);
    let phq9 = builtin::phq9();
    let rule = DisclosureRule::default();
    let gas = GasScoring::default();

    let evaluate = || {
        let context = EvaluationContext::new(&data.implementations, &data.models);
        let pairing = pair_administrations(&phq9, &data.administrations).expect("valid data");
        let yardsticks = Yardsticks::for_instrument(&phq9, &baseline_scores(&pairing));
        let outcomes = OutcomeSummary::table(
            &phq9,
            &pairing,
            &context,
            Dimension::Area,
            Dimension::Quarter,
            &yardsticks,
            rule,
        )
        .expect("tabulates");
        let clients = GasSummary::client_scores(&data.goals, &gas);
        let goals = GasSummary::table(
            &clients,
            &context,
            Dimension::Area,
            Dimension::Quarter,
            rule,
        )
        .expect("tabulates");
        (outcomes, goals)
    };

    if let Some(path) = std::env::var_os("RAKENNE_BENCH_RESULTS") {
        let (outcomes, goals) = evaluate();
        let json = serde_json::json!({ "outcomes": outcomes, "gas": goals });
        let text = serde_json::to_string_pretty(&json).expect("results serialize");
        std::fs::write(&path, text + "\n").expect("the results file is writable");
    }

    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(data.administrations.len() as u64));
    group.bench_function("phq9 + gas, 22 areas x 4 quarters", |b| {
        b.iter(|| black_box(evaluate()));
    });
    group.finish();
}

criterion_group!(benches, full_evaluation);
criterion_main!(benches);
