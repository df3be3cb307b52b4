//! Meta-analysis (meta-analyysi): pooling the pilots of one operating model across areas.
//!
//! When several welfare areas pilot the same operating model, each area's evaluation
//! gives an effect size with its sampling variance (for example Hedges' g of the
//! pre–post change). [`MetaAnalysis::dersimonian_laird`] pools them by inverse-variance
//! weighting, both as a fixed-effect estimate (one true effect everywhere) and as a
//! random-effects estimate (true effects that vary between areas, with between-area
//! variance τ² estimated by the method of moments of DerSimonian & Laird 1986), and
//! describes the heterogeneity with Cochran's Q, its p-value, I² and H² (Higgins &
//! Thompson 2002). The results agree with R's `metafor::rma(yi, vi, method = "DL")`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::distributions::{chi_squared_sf, normal_quantile, normal_two_sided_p};
use crate::{Error, Interval};

const STATISTIC: &str = "meta-analysis";

/// One study (an area's pilot) in a meta-analysis: its effect size and the sampling
/// variance of that effect size.
///
/// # Example
/// ```
/// use rakenne_metrics::StudyEffect;
///
/// let pirkanmaa = StudyEffect::new("08", 0.52, 0.018)?;
/// assert_eq!(pirkanmaa.label, "08");
/// assert!(StudyEffect::new("09", 0.4, 0.0).is_err()); // no sampling variance
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StudyEffect {
    /// What the study is, e.g. the welfare area's code.
    pub label: String,
    /// The effect size.
    pub estimate: f64,
    /// Its sampling variance (the squared standard error), positive.
    pub variance: f64,
}

impl StudyEffect {
    /// A study; refuses a non-finite effect size and a variance that is not a positive
    /// finite number.
    pub fn new(label: impl Into<String>, estimate: f64, variance: f64) -> Result<Self, Error> {
        if !estimate.is_finite() || !variance.is_finite() {
            return Err(Error::NotFinite {
                statistic: STATISTIC,
            });
        }
        if variance <= 0.0 {
            return Err(Error::InvalidParameter {
                name: "sampling variance",
                value: variance.to_string(),
                expected: "a positive number: the squared standard error of the effect size".into(),
            });
        }
        Ok(StudyEffect {
            label: label.into(),
            estimate,
            variance,
        })
    }
}

/// A pooled effect with its standard error, 95 % confidence interval and z-test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PooledEffect {
    /// The pooled effect size, Σwᵢyᵢ / Σwᵢ.
    pub estimate: f64,
    /// Its standard error, 1 / √Σwᵢ.
    pub se: f64,
    /// Its 95 % confidence interval, estimate ∓ z₀.₉₇₅·se.
    pub ci: Interval,
    /// The z-statistic, estimate / se.
    pub z: f64,
    /// The two-sided p-value of the z-test of no effect.
    pub p: f64,
    /// Each study's share of the weight, in the order of the studies (they sum to 1).
    pub weights: Vec<f64>,
}

/// The result of a meta-analysis.
///
/// # Example
/// ```
/// use rakenne_metrics::{MetaAnalysis, StudyEffect};
///
/// // Hedges' g of the same operating model piloted in three areas.
/// let studies = [
///     StudyEffect::new("06", 0.52, 0.018)?,
///     StudyEffect::new("08", 0.31, 0.025)?,
///     StudyEffect::new("11", 0.78, 0.040)?,
/// ];
/// let pooled = MetaAnalysis::dersimonian_laird(&studies)?;
/// assert!(pooled.random.ci.lower > 0.0); // the model works on the whole
/// assert!(pooled.random.se >= pooled.fixed.se); // τ² widens the interval
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MetaAnalysis {
    /// Number of studies, k.
    pub studies: u64,
    /// The fixed-effect (common-effect) estimate, weights wᵢ = 1 / vᵢ.
    pub fixed: PooledEffect,
    /// The random-effects estimate, weights wᵢ* = 1 / (vᵢ + τ²).
    pub random: PooledEffect,
    /// The between-study variance τ² (DerSimonian–Laird):
    /// max(0, (Q − df) / (Σw − Σw² / Σw)).
    pub tau2: f64,
    /// τ, its square root, on the scale of the effect sizes.
    pub tau: f64,
    /// Cochran's Q: Σwᵢ(yᵢ − θ_FE)².
    pub q: f64,
    /// The degrees of freedom of Q, k − 1.
    pub q_df: u64,
    /// The p-value of the test of homogeneity, P(χ²_df > Q).
    pub q_p: f64,
    /// I²: the share of the variation due to heterogeneity, max(0, (Q − df) / Q), 0…1.
    pub i2: f64,
    /// H²: Q / df.
    pub h2: f64,
}

impl MetaAnalysis {
    /// Inverse-variance meta-analysis of `studies` with the DerSimonian–Laird estimate of
    /// τ² (truncated at zero, where the random-effects result equals the fixed-effect
    /// one). Needs at least two studies.
    pub fn dersimonian_laird(studies: &[StudyEffect]) -> Result<Self, Error> {
        let k = studies.len();
        if k < 2 {
            return Err(Error::TooFewObservations {
                statistic: STATISTIC,
                needed: 2,
                got: k,
            });
        }
        // The fields are public: a study built without `new` is checked here too.
        for study in studies {
            StudyEffect::new("", study.estimate, study.variance)?;
        }
        let w: Vec<f64> = studies.iter().map(|s| 1.0 / s.variance).collect();
        let fixed = pooled(studies, &w)?;
        let q = sum(studies
            .iter()
            .zip(&w)
            .map(|(s, wi)| wi * (s.estimate - fixed.estimate).powi(2)));
        let df = (k - 1) as f64;
        let sw = sum(w.iter().copied());
        let c = sw - sum(w.iter().map(|wi| wi * wi)) / sw;
        let tau2 = ((q - df) / c).max(0.0);
        let w_random: Vec<f64> = studies.iter().map(|s| 1.0 / (s.variance + tau2)).collect();
        let random = pooled(studies, &w_random)?;
        Ok(MetaAnalysis {
            studies: k as u64,
            fixed,
            random,
            tau2,
            tau: tau2.sqrt(),
            q,
            q_df: k as u64 - 1,
            q_p: chi_squared_sf(q, df),
            i2: if q > 0.0 {
                ((q - df) / q).max(0.0)
            } else {
                0.0
            },
            h2: q / df,
        })
    }
}

/// The weighted mean of the studies' effects with its standard error, interval and test.
fn pooled(studies: &[StudyEffect], w: &[f64]) -> Result<PooledEffect, Error> {
    let sw = sum(w.iter().copied());
    let estimate = sum(studies.iter().zip(w).map(|(s, wi)| wi * s.estimate)) / sw;
    let se = 1.0 / sw.sqrt();
    if !estimate.is_finite() || !se.is_finite() {
        return Err(Error::NotFinite {
            statistic: STATISTIC,
        });
    }
    let half = normal_quantile(0.975) * se;
    let z = estimate / se;
    Ok(PooledEffect {
        estimate,
        se,
        ci: Interval {
            lower: estimate - half,
            upper: estimate + half,
        },
        z,
        p: normal_two_sided_p(z),
        weights: w.iter().map(|wi| wi / sw).collect(),
    })
}

/// A sum of floating-point terms, compensated (Neumaier), so that the order of the
/// studies does not change the result beyond the last bit.
fn sum(terms: impl Iterator<Item = f64>) -> f64 {
    let (mut total, mut compensation) = (0.0_f64, 0.0_f64);
    for x in terms {
        let t = total + x;
        compensation += if total.abs() >= x.abs() {
            (total - t) + x
        } else {
            (x - t) + total
        };
        total = t;
    }
    total + compensation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_two_studies_is_an_error() {
        let one = [StudyEffect::new("08", 0.4, 0.02).unwrap()];
        assert!(matches!(
            MetaAnalysis::dersimonian_laird(&one),
            Err(Error::TooFewObservations {
                needed: 2,
                got: 1,
                ..
            })
        ));
    }

    #[test]
    fn bad_studies_are_refused() {
        assert!(StudyEffect::new("a", f64::NAN, 0.1).is_err());
        assert!(StudyEffect::new("a", 0.1, -0.1).is_err());
        let mut bad = StudyEffect::new("a", 0.1, 0.1).unwrap();
        bad.variance = 0.0;
        let good = StudyEffect::new("b", 0.2, 0.1).unwrap();
        assert!(MetaAnalysis::dersimonian_laird(&[bad, good]).is_err());
    }

    #[test]
    fn identical_studies_have_no_heterogeneity() {
        let studies: Vec<StudyEffect> = (0..4)
            .map(|i| StudyEffect::new(i.to_string(), 0.3, 0.05).unwrap())
            .collect();
        let m = MetaAnalysis::dersimonian_laird(&studies).unwrap();
        assert_eq!((m.q, m.tau2, m.i2), (0.0, 0.0, 0.0));
        assert_eq!(m.random, m.fixed);
        // Four equal weights; the pooled variance is 0.05 / 4.
        assert!(m.fixed.weights.iter().all(|w| (w - 0.25).abs() < 1e-15));
        assert!((m.fixed.se - (0.05_f64 / 4.0).sqrt()).abs() < 1e-15);
        assert!((m.q_p - 1.0).abs() < 1e-15);
    }
}
