//! Effectiveness-evaluation metrics for operating models in social work
//! (vaikuttavuuden arviointi).
#![deny(missing_docs)]
// Counts become f64 in the formulas; no group has 2^52 members, so nothing is lost.
#![allow(clippy::cast_precision_loss)]
// Statistics code follows its formulas' names (a, b, d, n, t, z).
#![allow(clippy::many_single_char_names)]

pub mod builtin;
mod change;
mod descriptives;
mod distributions;
mod error;
mod estimate;
mod experience;
mod gas;
mod independent;
mod instrument;
mod outcome;
mod paired;
mod proportion;
mod reach;
mod rounding;
mod scoring;

pub use change::{
    ChangeClass, ClinicalCutoffs, ClinicalStatus, IndividualChange, RELIABLE_CHANGE_CRITICAL_VALUE,
    ReliableChange,
};
pub use descriptives::{Descriptives, quantile_type7};
pub use error::Error;
pub use estimate::{CONFIDENCE_LEVEL, Estimate, Interval};
pub use experience::FeedbackSummary;
pub use gas::GasScoring;
pub use independent::IndependentComparison;
pub use instrument::{
    Cutoff, Direction, InstrumentDefinition, ItemDefinition, NormGroup, Norms, Reliability,
    ReliabilityKind, ScoringRule, Subscale,
};
pub use outcome::{
    ChangeDistribution, ClinicalDistribution, Dropout, OutcomeSummary, Pairing, ScorePair,
    Yardsticks, pair_administrations,
};
pub use paired::{PairedComparison, TTest, WilcoxonSignedRank};
pub use proportion::Proportion;
pub use reach::ReachSummary;
pub use rounding::{present, present_decimal};
pub use scoring::{InstrumentScore, ScaleScore, SubscaleScore};
