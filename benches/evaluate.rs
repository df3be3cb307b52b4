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
//! With `RAKENNE_BENCH_STAGES=N` it first prints the best of N timings of each stage to
//! stderr, to show where the time goes.
//!
//! The generated records come grouped by client, in client order, as exports usually do,
//! which pairing and GAS scoring read in one pass. `RAKENNE_BENCH_SHUFFLE=1` shuffles
//! the administrations and the goals first (seeded), to time the input without that
//! layout (the results are the same).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rakenne::metrics::disclosure::DisclosureRule;
use rakenne::metrics::{
    ClientGasScores, Dimension, EvaluationContext, GasScoring, GasSummary, OutcomeSummary,
    PairedScores, Yardsticks, builtin,
};

#[path = "support/evaluation_data.rs"]
mod evaluation_data;

fn full_evaluation(c: &mut Criterion) {
    let administrations: usize = std::env::var("RAKENNE_BENCH_ADMINISTRATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let mut data = evaluation_data::generate(evaluation_data::clients_for(administrations), 2025);
    if std::env::var_os("RAKENNE_BENCH_SHUFFLE").is_some_and(|v| v == "1") {
        evaluation_data::shuffle(&mut data, 2025);
    }
    let phq9 = builtin::phq9();
    let rule = DisclosureRule::default();
    let gas = GasScoring::default();

    let evaluate = || {
        let context = EvaluationContext::new(&data.implementations, &data.models);
        let scores = PairedScores::new(&phq9, &data.administrations).expect("valid data");
        let yardsticks = Yardsticks::for_scores(&phq9, &scores);
        let outcomes = OutcomeSummary::table_of_scores(
            &phq9,
            &scores,
            &context,
            Dimension::Area,
            Dimension::Quarter,
            &yardsticks,
            rule,
        )
        .expect("tabulates");
        let clients = ClientGasScores::new(&data.goals, &gas);
        let goals = GasSummary::table_of_scores(
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

    if let Some(runs) = std::env::var("RAKENNE_BENCH_STAGES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        stages(&data, runs);
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

/// Prints the best of `runs` timings of each stage of the evaluation to stderr.
fn stages(data: &evaluation_data::EvaluationData, runs: u32) {
    fn best<T>(name: &str, runs: u32, mut stage: impl FnMut() -> T) -> T {
        let mut fastest = Duration::MAX;
        let mut result = None;
        for _ in 0..runs.max(1) {
            let start = std::time::Instant::now();
            let value = black_box(stage());
            fastest = fastest.min(start.elapsed());
            result = Some(value);
        }
        eprintln!("{name:>32}: {:8.1} ms", fastest.as_secs_f64() * 1e3);
        result.expect("at least one run")
    }
    let phq9 = builtin::phq9();
    let rule = DisclosureRule::default();
    let gas = GasScoring::default();
    let context = best("EvaluationContext::new", runs, || {
        EvaluationContext::new(&data.implementations, &data.models)
    });
    let scores = best("PairedScores::new", runs, || {
        PairedScores::new(&phq9, &data.administrations).expect("valid data")
    });
    let yardsticks = best("Yardsticks::for_scores", runs, || {
        Yardsticks::for_scores(&phq9, &scores)
    });
    best("OutcomeSummary::table_of_scores", runs, || {
        OutcomeSummary::table_of_scores(
            &phq9,
            &scores,
            &context,
            Dimension::Area,
            Dimension::Quarter,
            &yardsticks,
            rule,
        )
        .expect("tabulates")
    });
    let clients = best("ClientGasScores::new", runs, || {
        ClientGasScores::new(&data.goals, &gas)
    });
    best("GasSummary::table_of_scores", runs, || {
        GasSummary::table_of_scores(
            &clients,
            &context,
            Dimension::Area,
            Dimension::Quarter,
            rule,
        )
        .expect("tabulates")
    });
}

criterion_group!(benches, full_evaluation);
criterion_main!(benches);
