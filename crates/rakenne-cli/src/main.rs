//! The `rakenne` command.
//!
//! The commands (`validate`, `schema`, `evaluate`, `report`, `demo`) arrive with the
//! crates they call. Until then the command says so and exits with status 2, rather than
//! pretending to work. This is the only crate that writes to the terminal.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let version = env!("CARGO_PKG_VERSION");
    if let Some("--version" | "-V") = std::env::args().nth(1).as_deref() {
        println!("rakenne {version}");
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "rakenne {version}: no commands are available yet.\n\
         The domain model is usable as a library (crate rakenne-model); try\n  \
         cargo run --example model_tour\n\
         from the repository root."
    );
    ExitCode::from(2)
}
