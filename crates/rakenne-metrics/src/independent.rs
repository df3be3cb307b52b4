//! Independent groups: a pilot against a comparison group, one area against another.
//!
//! The difference is group a − group b (a is the pilot or the area of interest):
//!
//! - Welch's t-test, which does not assume equal variances: t = (m_a − m_b)/√(s_a²/n_a +
//!   s_b²/n_b) with the Welch–Satterthwaite degrees of freedom, and the 95 % CI of the
//!   mean difference with the same df (Welch 1947);
//! - Cohen's d with the pooled standard deviation
//!   s_p = √(((n_a−1)s_a² + (n_b−1)s_b²)/(n_a + n_b − 2)), its 95 % CI by inverting the
//!   noncentral t distribution at the pooled t = d/√(1/n_a + 1/n_b) with
//!   df = n_a + n_b − 2 (as R's `effectsize::cohens_d`), and Hedges' g = d · J(df) with the
//!   exact correction J, the CI scaled by J.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::descriptives::mean_and_sd;
use crate::distributions::{hedges_correction, noncentral_t_interval, t_quantile, t_two_sided_p};
use crate::{CONFIDENCE_LEVEL, Error, Estimate, Interval, TTest};

/// The comparison of two independent groups.
///
/// The Welch test and the CI of the mean difference are `None` when both groups have no
/// variation; Cohen's d and Hedges' g likewise when the pooled SD is zero.
///
/// # Example
/// ```
/// use rakenne_metrics::IndependentComparison;
/// use rust_decimal::Decimal;
///
/// let pilot: Vec<Decimal> = [8, 9, 6, 7, 10].into_iter().map(Decimal::from).collect();
/// let comparison: Vec<Decimal> = [5, 6, 4, 7, 5, 6].into_iter().map(Decimal::from).collect();
/// let r = IndependentComparison::compute(&pilot, &comparison)?;
/// assert_eq!(r.mean_difference, 8.0 - 5.5);
/// assert!(r.welch.unwrap().p < 0.05);
/// assert!(r.hedges_g.unwrap().value > 0.0);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndependentComparison {
    /// Size of group a.
    pub n_a: u64,
    /// Mean of group a.
    pub mean_a: f64,
    /// Standard deviation of group a (n − 1).
    pub sd_a: f64,
    /// Size of group b.
    pub n_b: u64,
    /// Mean of group b.
    pub mean_b: f64,
    /// Standard deviation of group b (n − 1).
    pub sd_b: f64,
    /// Mean of a − mean of b.
    pub mean_difference: f64,
    /// 95 % CI of the mean difference (Welch df).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_difference_ci: Option<Interval>,
    /// Welch's t-test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welch: Option<TTest>,
    /// Cohen's d (pooled SD) with its noncentral-t 95 % CI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohens_d: Option<Estimate>,
    /// Hedges' g with its 95 % CI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedges_g: Option<Estimate>,
}

const STATISTIC: &str = "independent-groups comparison";

impl IndependentComparison {
    /// Compares group `a` with group `b`; each needs at least two values.
    pub fn compute(a: &[Decimal], b: &[Decimal]) -> Result<Self, Error> {
        for group in [a, b] {
            if group.len() < 2 {
                return Err(Error::TooFewObservations {
                    statistic: STATISTIC,
                    needed: 2,
                    got: group.len(),
                });
            }
        }
        let to_f64 = |values: &[Decimal]| -> Vec<f64> {
            values
                .iter()
                .map(|v| v.to_f64().unwrap_or_default())
                .collect()
        };
        let (mean_a, sd_a) = mean_and_sd(&to_f64(a));
        let (mean_b, sd_b) = mean_and_sd(&to_f64(b));
        let (na, nb) = (a.len() as f64, b.len() as f64);
        let diff = mean_a - mean_b;

        let (va, vb) = (sd_a * sd_a / na, sd_b * sd_b / nb);
        let se = (va + vb).sqrt();
        let (welch, mean_difference_ci) = if se > 0.0 {
            let df = (va + vb).powi(2) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
            let t = diff / se;
            let half = t_quantile(0.5 + CONFIDENCE_LEVEL / 2.0, df) * se;
            (
                Some(TTest {
                    t,
                    df,
                    p: t_two_sided_p(t, df),
                }),
                Some(Interval {
                    lower: diff - half,
                    upper: diff + half,
                }),
            )
        } else {
            (None, None)
        };

        let df_pooled = na + nb - 2.0;
        let pooled_sd = (((na - 1.0) * sd_a * sd_a + (nb - 1.0) * sd_b * sd_b) / df_pooled).sqrt();
        let (cohens_d, hedges_g) = if pooled_sd > 0.0 {
            let d = diff / pooled_sd;
            let scale = (1.0 / na + 1.0 / nb).sqrt();
            let (lo, hi) =
                noncentral_t_interval(d / scale, df_pooled, CONFIDENCE_LEVEL, "Cohen's d")?;
            let d = Estimate {
                value: d,
                ci: Interval {
                    lower: lo * scale,
                    upper: hi * scale,
                },
            };
            let j = hedges_correction(df_pooled);
            let g = Estimate {
                value: d.value * j,
                ci: d.ci.scaled(j),
            };
            (Some(d), Some(g))
        } else {
            (None, None)
        };

        Ok(IndependentComparison {
            n_a: a.len() as u64,
            mean_a,
            sd_a,
            n_b: b.len() as u64,
            mean_b,
            sd_b,
            mean_difference: diff,
            mean_difference_ci,
            welch,
            cohens_d,
            hedges_g,
        })
    }
}
