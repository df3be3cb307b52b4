//! Effectiveness-evaluation metrics for operating models in social work
//! (vaikuttavuuden arviointi).
//!
//! Welfare areas pilot operating models — low-threshold and outreach social work, social
//! rehabilitation, intensive client guidance — and must show whether they work. This crate
//! is the evaluation logic that services embed: it scores outcome instruments, measures
//! change for groups and for each client, combines goal attainment, summarizes reach and
//! client experience, and publishes tables with disclosure control. Every statistic names
//! its formula and source in its docs and is tested against values computed independently
//! with scipy, statsmodels and numpy (`benches/compare/reference.py`).
//!
//! # Example
//! ```
//! use rakenne_metrics::{PairedComparison, Proportion, present};
//! use rust_decimal::Decimal;
//!
//! // PHQ-9 totals of six clients at baseline and follow-up (lower is better).
//! let pre: Vec<Decimal> = [14, 18, 11, 20, 9, 16].into_iter().map(Decimal::from).collect();
//! let post: Vec<Decimal> = [9, 15, 11, 12, 8, 10].into_iter().map(Decimal::from).collect();
//! let result = PairedComparison::compute(&pre, &post)?;
//! let d = result.cohens_d_z.expect("the differences vary");
//! assert!(d.value < 0.0 && d.ci.upper < 0.0); // scores fell: an improvement
//! assert_eq!(present(result.mean_difference.value, 1), Some(Decimal::new(-38, 1)));
//!
//! let recovered = Proportion::wilson(3, 6)?;
//! assert!(recovered.ci.lower > 0.1 && recovered.ci.upper < 0.9);
//! # Ok::<(), rakenne_metrics::Error>(())
//! ```
//!
//! # Map of the crate
//! | concept | items |
//! |---|---|
//! | instruments and scoring | [`InstrumentDefinition`], [`ItemDefinition`], [`ScoringRule`], [`Direction`], [`builtin`], [`InstrumentScore`] |
//! | group statistics | [`Descriptives`] (R type 7 quartiles), [`PairedComparison`], [`IndependentComparison`], [`Proportion`] (Wilson), [`Estimate`] |
//! | individual change | [`ReliableChange`] (Jacobson & Truax), [`ClinicalCutoffs`], [`IndividualChange`] |
//! | goal attainment | [`GasScoring`] (Kiresuk & Sherman T-scores), [`GasSummary`], [`ClientGasScores`] |
//! | outcome evaluation | [`pair_administrations`], [`PairedScores`] (the same pairing as positions and totals, for large inputs), [`Yardsticks`], [`OutcomeSummary`] |
//! | reach and experience | [`ReachSummary`], [`FeedbackSummary`] |
//! | grouping and publication | [`Dimension`], [`EvaluationContext`], [`ResultTable`], [`disclosure`] |
//! | a whole evaluation | [`Evaluation`], [`EvaluationInput`], [`EvaluationOptions`] |
//! | pooling areas | [`MetaAnalysis`] (DerSimonian–Laird random effects and fixed effect), [`StudyEffect`], [`PooledEffect`] |
//! | presentation | [`present`]: the one rounding rule, half away from zero |
//!
//! # Numbers
//! Counts, scores and exact sums and means of scores are [`rust_decimal::Decimal`];
//! inferential statistics are `f64`. A statistic that cannot be computed (too few
//! observations, no variance) is an [`Error`] or an absent (`None`) field — never NaN,
//! never a panic. All confidence intervals are two-sided 95 %. Results are serde and
//! JSON Schema types, so services can exchange them as JSON.
#![deny(missing_docs)]
// Counts become f64 in the formulas; no group has 2^52 members, so nothing is lost.
#![allow(clippy::cast_precision_loss)]
// Statistics code follows its formulas' names (a, b, d, n, t, z).
#![allow(clippy::many_single_char_names)]

pub mod builtin;
mod change;
mod client_gas_scores;
mod descriptives;
pub mod disclosure;
mod distributions;
mod double;
mod error;
mod estimate;
mod evaluation;
mod experience;
mod gas;
mod grouping;
mod independent;
mod instrument;
mod meta;
mod outcome;
mod pair_sums;
mod paired;
mod paired_scores;
mod placement;
mod proportion;
mod publication;
mod reach;
mod rounding;
mod scoring;
mod t_score_sums;
mod text;
mod tracks;

pub use change::{
    ChangeClass, ClinicalCutoffs, ClinicalStatus, IndividualChange, RELIABLE_CHANGE_CRITICAL_VALUE,
    ReliableChange,
};
pub use client_gas_scores::ClientGasScores;
pub use descriptives::{Descriptives, quantile_type7};
pub use error::Error;
pub use estimate::{CONFIDENCE_LEVEL, Estimate, Interval};
pub use evaluation::{
    Evaluation, EvaluationInput, EvaluationOptions, InstrumentOutcomes, QuestionResult,
};
pub use experience::FeedbackSummary;
pub use gas::GasScoring;
pub use grouping::{Dimension, EvaluationContext, GroupKey};
pub use independent::IndependentComparison;
pub use instrument::{
    Cutoff, Direction, InstrumentDefinition, ItemDefinition, NormGroup, Norms, Reliability,
    ReliabilityKind, ScoringRule, Subscale,
};
pub use meta::{MetaAnalysis, PooledEffect, StudyEffect};
pub use outcome::{
    ChangeDistribution, ClinicalDistribution, Dropout, OutcomeSummary, Pairing, ScorePair,
    Yardsticks, pair_administrations,
};
pub use paired::{PairedComparison, TTest, WilcoxonSignedRank};
pub use paired_scores::PairedScores;
pub use proportion::Proportion;
pub use publication::{
    ClientGas, GasSummary, Published, ResultTable, baseline_scores, published_share,
};
pub use reach::ReachSummary;
pub use rounding::{present, present_decimal};
pub use scoring::{InstrumentScore, ScaleScore, SubscaleScore};
