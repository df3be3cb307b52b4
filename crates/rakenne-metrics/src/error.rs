//! The error type of `rakenne-metrics`.
//!
//! A statistic that cannot be computed from its input (too few observations, no
//! variance, a response outside its scale) is an [`Error`], never a NaN or a panic.
//! Messages name the statistic or instrument and say what input would work; they never
//! contain client ids or free text.

use std::borrow::Cow;

/// An error from computing a metric.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The statistic needs more observations than it got.
    #[error("{statistic} needs at least {needed} observations, got {got}")]
    TooFewObservations {
        /// The statistic, e.g. `standard deviation`.
        statistic: &'static str,
        /// How many it needs.
        needed: usize,
        /// How many it got.
        got: usize,
    },
    /// The statistic divides by a spread that is zero (all values equal).
    #[error("{statistic} is not defined when {what} is zero (all values are equal)")]
    ZeroVariance {
        /// The statistic, e.g. `Cohen's d_z`.
        statistic: &'static str,
        /// Which spread is zero, e.g. `the standard deviation of the differences`.
        what: &'static str,
    },
    /// Two inputs that must pair up have different lengths.
    #[error("{statistic} needs paired values: got {left} baseline and {right} follow-up values")]
    LengthMismatch {
        /// The statistic.
        statistic: &'static str,
        /// Length of the first input.
        left: usize,
        /// Length of the second input.
        right: usize,
    },
    /// An input value is not a finite number.
    #[error("{statistic} got a value that is not a finite number (NaN or infinite)")]
    NotFinite {
        /// The statistic.
        statistic: &'static str,
    },
    /// A parameter is outside its valid range.
    #[error("invalid {name} {value}: expected {expected}")]
    InvalidParameter {
        /// The parameter, e.g. `reliability`.
        name: &'static str,
        /// The value given.
        value: String,
        /// What would be valid.
        expected: Cow<'static, str>,
    },
    /// An instrument definition is inconsistent.
    #[error("invalid instrument definition {instrument}: {problem}")]
    InvalidDefinition {
        /// Id of the instrument.
        instrument: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
    /// Measurements name an instrument that is neither defined nor built in.
    #[error(
        "instrument {instrument} is not defined: add its definition to the document's instruments, \
         or use a built-in instrument's id"
    )]
    UnknownInstrument {
        /// Id of the instrument.
        instrument: String,
    },
    /// A response names an item that the instrument does not have.
    #[error(
        "instrument {instrument} has no item \"{item}\": check the item ids against the definition"
    )]
    UnknownItem {
        /// Id of the instrument.
        instrument: String,
        /// The unknown item id.
        item: String,
    },
    /// A response is outside its item's scale.
    #[error(
        "score {value} of item \"{item}\" of instrument {instrument} is outside the scale {min}..={max}"
    )]
    ScoreOutOfRange {
        /// Id of the instrument.
        instrument: String,
        /// The item.
        item: String,
        /// The score given.
        value: String,
        /// Lowest score of the item.
        min: String,
        /// Highest score of the item.
        max: String,
    },
    /// An administration was scored with the definition of another instrument.
    #[error(
        "administration of instrument {administered} cannot be scored with the definition of {definition}"
    )]
    WrongInstrument {
        /// The instrument of the administration.
        administered: String,
        /// The instrument of the definition.
        definition: String,
    },
    /// A numeric procedure did not converge (e.g. a confidence limit search).
    #[error("{statistic} could not be computed: {reason}")]
    NotComputable {
        /// The statistic.
        statistic: &'static str,
        /// Why, in words.
        reason: Cow<'static, str>,
    },
}
