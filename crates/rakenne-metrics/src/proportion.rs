//! Proportions with Wilson score intervals: the share of clients who improved, who
//! deteriorated, who reached their goal.
//!
//! Shares in evaluations are often near 0 or 1 and groups small, where the textbook
//! (Wald) interval fails; the Wilson (1927) score interval keeps its coverage there and
//! never leaves [0, 1]. No continuity correction (as `statsmodels`'
//! `proportion_confint(method="wilson")` and R's `prop.test(correct = FALSE)`):
//!
//! centre = (x + z²/2)/(n + z²), half-width = z/(n + z²) · √(x(n − x)/n + z²/4),
//! z = Φ⁻¹(0.975).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::distributions::normal_quantile;
use crate::{CONFIDENCE_LEVEL, Error, Interval};

/// A proportion x/n with its Wilson score 95 % interval.
///
/// # Example
/// ```
/// use rakenne_metrics::Proportion;
///
/// let improved = Proportion::wilson(37, 120)?;
/// assert!((improved.share - 37.0 / 120.0).abs() < 1e-15);
/// assert!(improved.ci.lower < improved.share && improved.share < improved.ci.upper);
/// assert_eq!(Proportion::wilson(0, 10)?.ci.lower, 0.0);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Proportion {
    /// Number with the property.
    pub count: u64,
    /// Number in the group.
    pub n: u64,
    /// count / n.
    pub share: f64,
    /// Wilson score 95 % interval.
    pub ci: Interval,
}

impl Proportion {
    /// The proportion `count`/`n` with its Wilson interval; `n` must be positive and at
    /// least `count`.
    pub fn wilson(count: u64, n: u64) -> Result<Self, Error> {
        if n == 0 {
            return Err(Error::TooFewObservations {
                statistic: "proportion",
                needed: 1,
                got: 0,
            });
        }
        if count > n {
            return Err(Error::InvalidParameter {
                name: "count",
                value: count.to_string(),
                expected: format!("at most the group size {n}").into(),
            });
        }
        let z = normal_quantile(0.5 + CONFIDENCE_LEVEL / 2.0);
        let (x, nf) = (count as f64, n as f64);
        let z2 = z * z;
        let centre = (x + z2 / 2.0) / (nf + z2);
        let half = z / (nf + z2) * (x * (nf - x) / nf + z2 / 4.0).sqrt();
        let share = x / nf;
        Ok(Proportion {
            count,
            n,
            share,
            // The Wilson interval always contains the share and lies in [0, 1]; at x = 0 or
            // x = n the formula reaches its limit only up to rounding, so pin it there.
            ci: Interval {
                lower: (centre - half).clamp(0.0, 1.0).min(share),
                upper: (centre + half).clamp(0.0, 1.0).max(share),
            },
        })
    }
}
