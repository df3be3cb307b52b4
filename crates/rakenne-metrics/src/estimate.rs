//! Point estimates with confidence intervals.
//!
//! Every interval in rakenne is a two-sided 95 % interval ([`CONFIDENCE_LEVEL`]); the
//! method behind each is stated where the estimate is computed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The confidence level of every interval: 0.95.
pub const CONFIDENCE_LEVEL: f64 = 0.95;

/// A two-sided 95 % confidence interval.
///
/// # Example
/// ```
/// use rakenne_metrics::Interval;
///
/// let ci = Interval { lower: 0.2, upper: 0.9 };
/// assert!(ci.contains(0.5));
/// assert!(!ci.contains(0.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

impl Interval {
    /// Whether `value` lies in the interval (limits included).
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }

    /// The interval with both limits multiplied by `factor` (limits swapped if it is
    /// negative).
    #[must_use]
    pub(crate) fn scaled(self, factor: f64) -> Interval {
        let (a, b) = (self.lower * factor, self.upper * factor);
        Interval {
            lower: a.min(b),
            upper: a.max(b),
        }
    }
}

/// A point estimate with its 95 % confidence interval.
///
/// # Example
/// ```
/// use rakenne_metrics::{Estimate, Interval};
///
/// let d = Estimate { value: 0.45, ci: Interval { lower: 0.1, upper: 0.8 } };
/// assert!(d.ci.contains(d.value));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// The estimate.
    pub value: f64,
    /// Its 95 % confidence interval.
    pub ci: Interval,
}
