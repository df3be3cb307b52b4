//! Writes the synthetic evaluation data of `benches/evaluate.rs` as CSV, so the Python
//! comparison pipeline (`benches/compare/evaluate_pandas.py`) computes on the same data.
//!
//! `cargo run --release --example evaluation_bench_data -- DIR [ADMINISTRATIONS]` writes
//! `DIR/administrations.csv` and `DIR/goals.csv` (default 1 000 000 administrations).
#![allow(clippy::print_stdout)]

#[path = "../benches/support/evaluation_data.rs"]
mod evaluation_data;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "target/bench-data".into()));
    let administrations: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let data = evaluation_data::generate(evaluation_data::clients_for(administrations), 2025);
    let (admin, goals) = evaluation_data::to_csv(&data);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("administrations.csv"), admin)?;
    std::fs::write(dir.join("goals.csv"), goals)?;
    println!(
        "wrote {} administrations and {} goals to {}",
        data.administrations.len(),
        data.goals.len(),
        dir.display()
    );
    Ok(())
}
