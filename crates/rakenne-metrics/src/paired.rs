//! Paired pre–post comparison: did the same clients' scores change between baseline and
//! follow-up?
//!
//! This is the core outcome analysis of an operating-model pilot. For each client the
//! difference is follow-up − baseline (in the instrument's own direction; see
//! [`Direction`](crate::Direction) for turning it into improvement). From the differences:
//!
//! - mean difference with its 95 % CI from the t distribution (df = n − 1);
//! - the paired t-test (two-sided);
//! - the Wilcoxon signed-rank test, for scores that are far from normal: zero differences
//!   are dropped (Wilcoxon's method), tied absolute differences get average ranks, and the
//!   p-value comes from the normal approximation with the tie correction of the variance
//!   and **no** continuity correction: V = sum of the ranks of the positive differences,
//!   E(V) = n′(n′+1)/4, Var(V) = n′(n′+1)(2n′+1)/24 − Σ(t³ − t)/48 over groups of t tied
//!   ranks, z = (V − E V)/√Var V (as `scipy.stats.wilcoxon(..., correction=False,
//!   method="approx")` and R's `wilcox.test(..., exact=FALSE, correct=FALSE)`);
//! - standardized effect sizes with 95 % CIs (Lakens 2013 names them):
//!   - Cohen's d_z = mean difference / SD of the differences, CI by inverting the
//!     noncentral t distribution at the observed t and dividing the noncentrality limits
//!     by √n (the method of R's `effectsize` for paired d);
//!   - Cohen's d_av = mean difference / ((SD_baseline + SD_follow-up)/2), comparable with
//!     between-groups d; its CI is the d_z interval scaled by SD_diff / SD_av, that is the
//!     noncentral t interval with the ratio of the standard deviations taken as known;
//!   - Hedges' g_av = d_av · J(n − 1), with J the exact small-sample correction, and the
//!     CI of d_av scaled by the same J.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::descriptives::means_and_sds;
use crate::distributions::{
    hedges_correction, noncentral_t_interval, normal_two_sided_p, t_quantile, t_two_sided_p,
};
use crate::pair_sums::GridSums;
use crate::{CONFIDENCE_LEVEL, Error, Estimate, Interval};

/// A t-test result.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TTest {
    /// The t statistic.
    pub t: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
}

/// A Wilcoxon signed-rank test result (normal approximation, tie-corrected, no continuity
/// correction; zero differences dropped).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WilcoxonSignedRank {
    /// Number of non-zero differences, n′.
    pub n_nonzero: u64,
    /// V: the sum of the ranks of the positive differences.
    pub v: f64,
    /// The standardized statistic z = (V − E V)/√Var V.
    pub z: f64,
    /// Two-sided p-value from the standard normal distribution.
    pub p: f64,
}

/// The paired comparison of baseline and follow-up scores of the same clients.
///
/// Statistics that need variation in the differences (t-test, d_z, d_av, g_av) are `None`
/// when every client changed by exactly the same amount; the Wilcoxon test is `None`
/// when nobody changed.
///
/// # Example
/// ```
/// use rakenne_metrics::PairedComparison;
/// use rust_decimal::Decimal;
///
/// let pre: Vec<Decimal> = [20, 18, 25, 15, 22].into_iter().map(Decimal::from).collect();
/// let post: Vec<Decimal> = [24, 21, 25, 20, 27].into_iter().map(Decimal::from).collect();
/// let result = PairedComparison::compute(&pre, &post)?;
/// assert_eq!(result.n, 5);
/// assert_eq!(result.mean_difference.value, 3.4); // (4 + 3 + 0 + 5 + 5) / 5
/// let t = result.t_test.unwrap();
/// assert!(t.p < 0.05);
/// assert!(result.cohens_d_z.unwrap().value > 1.0);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PairedComparison {
    /// Number of clients with both scores.
    pub n: u64,
    /// Mean at baseline.
    pub mean_baseline: f64,
    /// Standard deviation at baseline (n − 1).
    pub sd_baseline: f64,
    /// Mean at follow-up.
    pub mean_follow_up: f64,
    /// Standard deviation at follow-up (n − 1).
    pub sd_follow_up: f64,
    /// Mean of follow-up − baseline, with its t-based 95 % CI.
    pub mean_difference: Estimate,
    /// Standard deviation of the differences (n − 1).
    pub sd_difference: f64,
    /// Paired t-test of the mean difference against 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t_test: Option<TTest>,
    /// Wilcoxon signed-rank test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wilcoxon: Option<WilcoxonSignedRank>,
    /// Cohen's d_z with its noncentral-t 95 % CI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohens_d_z: Option<Estimate>,
    /// Cohen's d_av with its 95 % CI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohens_d_av: Option<Estimate>,
    /// Hedges' g_av with its 95 % CI (at least three clients: J(1) = 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedges_g_av: Option<Estimate>,
}

const STATISTIC: &str = "paired comparison";

impl PairedComparison {
    /// Compares `follow_up[i]` with `baseline[i]` for every client i. Needs at least two
    /// pairs.
    pub fn compute(baseline: &[Decimal], follow_up: &[Decimal]) -> Result<Self, Error> {
        if baseline.len() != follow_up.len() {
            return Err(Error::LengthMismatch {
                statistic: STATISTIC,
                left: baseline.len(),
                right: follow_up.len(),
            });
        }
        let n = baseline.len();
        if n < 2 {
            return Err(Error::TooFewObservations {
                statistic: STATISTIC,
                needed: 2,
                got: n,
            });
        }
        // Every value is converted once; differences are taken exactly, then converted,
        // so that equal differences are equal doubles (ties for the Wilcoxon ranks).
        let to_f64 = |d: Decimal| d.to_f64().unwrap_or_default();
        let baseline_f: Vec<f64> = baseline.iter().copied().map(to_f64).collect();
        let follow_up_f: Vec<f64> = follow_up.iter().copied().map(to_f64).collect();
        let differences: Vec<f64> = follow_up
            .iter()
            .zip(baseline)
            .map(|(post, pre)| to_f64(post - pre))
            .collect();
        PairedComparison::from_values(&baseline_f, &follow_up_f, &differences)
    }

    /// The comparison from scores and their differences as doubles, each difference
    /// converted from the exact decimal difference; at least two clients.
    ///
    /// Scores on the grid of hundredths are summed exactly (see
    /// [`pair_sums`](crate::pair_sums)), as a table sums them; others in two passes.
    pub(crate) fn from_values(
        baseline: &[f64],
        follow_up: &[f64],
        differences: &[f64],
    ) -> Result<Self, Error> {
        let columns = [baseline, follow_up, differences];
        let moments = match GridSums::of(columns) {
            Some(sums) => sums.means_and_sds(),
            None => means_and_sds(columns),
        };
        let ties =
            tie_groups_on_grid(differences).unwrap_or_else(|| tie_groups_sorted(differences));
        PairedComparison::from_parts(differences.len(), moments, &ties)
    }

    /// The comparison of `n` clients (at least two) from the means and standard
    /// deviations of their baseline, follow-up and change scores and the tie groups of
    /// their non-zero changes in ascending order of magnitude.
    pub(crate) fn from_parts(
        n: usize,
        [
            (mean_baseline, sd_baseline),
            (mean_follow_up, sd_follow_up),
            (mean_d, sd_d),
        ]: [(f64, f64); 3],
        ties: &[TieGroup],
    ) -> Result<Self, Error> {
        let nf = n as f64;
        let df = nf - 1.0;
        let se = sd_d / nf.sqrt();
        let half_width = t_quantile(0.5 + CONFIDENCE_LEVEL / 2.0, df) * se;
        let mean_difference = Estimate {
            value: mean_d,
            ci: Interval {
                lower: mean_d - half_width,
                upper: mean_d + half_width,
            },
        };

        let (t_test, cohens_d_z, cohens_d_av, hedges_g_av) = if sd_d > 0.0 {
            let t = mean_d / se;
            let t_test = TTest {
                t,
                df,
                p: t_two_sided_p(t, df),
            };
            let (lo, hi) = noncentral_t_interval(t, df, CONFIDENCE_LEVEL, "Cohen's d_z")?;
            let d_z = Estimate {
                value: mean_d / sd_d,
                ci: Interval {
                    lower: lo / nf.sqrt(),
                    upper: hi / nf.sqrt(),
                },
            };
            let sd_av = f64::midpoint(sd_baseline, sd_follow_up);
            let (d_av, g_av) = if sd_av > 0.0 {
                let d_av = Estimate {
                    value: mean_d / sd_av,
                    ci: d_z.ci.scaled(sd_d / sd_av),
                };
                // J(1) = 0: with two clients Hedges' correction leaves nothing to report.
                let g_av = (n >= 3).then(|| {
                    let j = hedges_correction(df);
                    Estimate {
                        value: d_av.value * j,
                        ci: d_av.ci.scaled(j),
                    }
                });
                (Some(d_av), g_av)
            } else {
                (None, None)
            };
            (Some(t_test), Some(d_z), d_av, g_av)
        } else {
            (None, None, None, None)
        };

        Ok(PairedComparison {
            n: n as u64,
            mean_baseline,
            sd_baseline,
            mean_follow_up,
            sd_follow_up,
            mean_difference,
            sd_difference: sd_d,
            t_test,
            wilcoxon: wilcoxon_from_tie_groups(ties),
            cohens_d_z,
            cohens_d_av,
            hedges_g_av,
        })
    }
}

/// The Wilcoxon signed-rank test (see the module docs for the method); `None` when every
/// difference is zero. The differences are exact decimals converted to doubles, so equal
/// differences compare equal and form one tie group.
#[cfg(test)]
fn wilcoxon_signed_rank(differences: &[f64]) -> Option<WilcoxonSignedRank> {
    let groups = tie_groups_on_grid(differences).unwrap_or_else(|| tie_groups_sorted(differences));
    wilcoxon_from_tie_groups(&groups)
}

/// The test from the tie groups of the non-zero |differences|, in ascending order of
/// magnitude.
fn wilcoxon_from_tie_groups(groups: &[TieGroup]) -> Option<WilcoxonSignedRank> {
    let mut v = 0.0;
    let mut tie_term = 0.0;
    let mut start = 0;
    for group in groups {
        let end = start + group.size;
        // Ranks start+1 ..= end (1-based) share their average.
        let average_rank = (start + 1 + end) as f64 / 2.0;
        v += average_rank * group.positives as f64;
        let t = group.size as f64;
        tie_term += t * t * t - t;
        start = end;
    }
    let n = start;
    if n == 0 {
        return None;
    }
    let nf = n as f64;
    let mean = nf * (nf + 1.0) / 4.0;
    let variance = nf * (nf + 1.0) * (2.0 * nf + 1.0) / 24.0 - tie_term / 48.0;
    let z = (v - mean) / variance.sqrt();
    Some(WilcoxonSignedRank {
        n_nonzero: n as u64,
        v,
        z,
        p: normal_two_sided_p(z),
    })
}

/// A group of tied |differences|: how many, and how many of them are positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TieGroup {
    pub(crate) size: usize,
    pub(crate) positives: usize,
}

/// The tie groups by sorting the non-zero differences by magnitude: the general way.
#[allow(clippy::float_cmp)] // equality of exactly converted values is what ties mean
fn tie_groups_sorted(differences: &[f64]) -> Vec<TieGroup> {
    let mut nonzero: Vec<f64> = differences.iter().copied().filter(|d| *d != 0.0).collect();
    nonzero.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()));
    let mut groups = Vec::new();
    let mut start = 0;
    while start < nonzero.len() {
        let magnitude = nonzero[start].abs();
        let end = start + nonzero[start..].partition_point(|d| d.abs() == magnitude);
        let positives = nonzero[start..end].iter().filter(|d| **d > 0.0).count();
        groups.push(TieGroup {
            size: end - start,
            positives,
        });
        start = end;
    }
    groups
}

/// The tie groups by counting, when the |differences| lie on the grid of hundredths, as
/// changes of scores with at most two decimals do: each magnitude m goes to the bucket
/// ⌊100·m + ½⌋, and the buckets, read in order, are the tie groups in ascending order
/// (the bucket is monotone in m, so a lower bucket holds smaller magnitudes). A bucket
/// must hold one magnitude only, bit for bit; when one does not, or the buckets would far
/// outnumber the differences, `None`, and the caller sorts.
///
/// This makes the ranks of a group O(n) instead of O(n log n); a table's margins rank
/// every pair once more for each margin it is in.
#[allow(clippy::float_cmp)] // equality of exactly converted values is what ties mean
fn tie_groups_on_grid(differences: &[f64]) -> Option<Vec<TieGroup>> {
    // Buckets allowed: a few per difference, so that the walk stays O(n).
    let limit = (differences.len() * 4).max(1 << 16);
    // Per bucket: the magnitude it holds, its size and its positives.
    let mut magnitudes: Vec<f64> = Vec::new();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &d in differences {
        if d == 0.0 {
            continue;
        }
        let magnitude = d.abs();
        let bucket = magnitude * 100.0 + 0.5;
        // Also refuses NaN, which no converted decimal is.
        if bucket.is_nan() || bucket >= limit as f64 {
            return None;
        }
        // ⌊100·m + ½⌋, below `limit`.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let bucket = bucket as usize;
        if bucket >= counts.len() {
            counts.resize(bucket + 1, (0, 0));
            magnitudes.resize(bucket + 1, 0.0);
        }
        let count = &mut counts[bucket];
        if count.0 == 0 {
            magnitudes[bucket] = magnitude;
        } else if magnitudes[bucket] != magnitude {
            return None;
        }
        count.0 += 1;
        count.1 += usize::from(d > 0.0);
    }
    Some(
        counts
            .into_iter()
            .filter(|&(size, _)| size > 0)
            .map(|(size, positives)| TieGroup { size, positives })
            .collect(),
    )
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact in binary
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn dec(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|&v| Decimal::from(v)).collect()
    }

    /// Differences of scores with at most two decimals, as the exact decimal difference
    /// converted to a double, with many ties and zeros.
    fn grid_differences() -> impl Strategy<Value = Vec<f64>> {
        // Up to ±600 points, in hundredths, with and without trailing zeros.
        let difference =
            (-60_000i64..=60_000, any::<bool>()).prop_map(|(hundredths, normalize)| {
                let d = Decimal::new(hundredths, 2);
                crate::double::to_f64(if normalize { d.normalize() } else { d })
            });
        prop::collection::vec(difference, 0..400)
    }

    proptest! {
        #[test]
        fn counting_ties_on_the_grid_equals_sorting(differences in grid_differences()) {
            let counted = tie_groups_on_grid(&differences);
            prop_assert_eq!(counted.as_ref(), Some(&tie_groups_sorted(&differences)));
        }

        #[test]
        fn counting_ties_of_any_doubles_equals_sorting_or_declines(
            differences in prop::collection::vec(-30.0f64..30.0, 0..200),
        ) {
            // Off the grid the counting declines (a bucket meets two magnitudes) or, when
            // it does not, agrees.
            if let Some(counted) = tie_groups_on_grid(&differences) {
                prop_assert_eq!(counted, tie_groups_sorted(&differences));
            }
        }

        #[test]
        fn wilcoxon_on_the_grid_is_bit_identical_to_sorting(differences in grid_differences()) {
            let sorted = wilcoxon_from_tie_groups(&tie_groups_sorted(&differences));
            let fast = wilcoxon_signed_rank(&differences);
            prop_assert_eq!(
                fast.map(|w| (w.n_nonzero, w.v.to_bits(), w.z.to_bits(), w.p.to_bits())),
                sorted.map(|w| (w.n_nonzero, w.v.to_bits(), w.z.to_bits(), w.p.to_bits()))
            );
        }
    }

    #[test]
    fn counting_declines_huge_or_mixed_buckets() {
        // 0.001 and 0.002 both go to bucket 0: two magnitudes, one bucket.
        assert_eq!(tie_groups_on_grid(&[0.001, 0.002]), None);
        // A magnitude far beyond the data's count would need too many buckets.
        assert_eq!(tie_groups_on_grid(&[1e9, 1.0]), None);
        assert_eq!(tie_groups_on_grid(&[f64::NAN]), None);
    }

    #[test]
    fn wilcoxon_by_hand() {
        // Differences 1, −2, 2, 3, 0: the zero is dropped; |d| = 1, 2, 2, 3 get ranks 1,
        // 2.5, 2.5, 4; V = 1 + 2.5 + 4 = 7.5; n′ = 4, E V = 5, Var V = 4·5·9/24 − (8 − 2)/48
        // = 7.5 − 0.125 = 7.375; z = 2.5/√7.375.
        let w = wilcoxon_signed_rank(&[1.0, -2.0, 2.0, 3.0, 0.0]).unwrap();
        assert_eq!(w.n_nonzero, 4);
        assert!((w.v - 7.5).abs() < 1e-15);
        assert!((w.z - 2.5 / 7.375f64.sqrt()).abs() < 1e-15);
    }

    #[test]
    fn no_change_means_no_tests() {
        let scores = dec(&[3, 4, 5]);
        let r = PairedComparison::compute(&scores, &scores).unwrap();
        assert_eq!(r.mean_difference.value, 0.0);
        assert!(r.t_test.is_none() && r.wilcoxon.is_none() && r.cohens_d_z.is_none());
    }

    #[test]
    fn equal_change_has_no_effect_size_but_a_mean() {
        let r = PairedComparison::compute(&dec(&[1, 2, 3]), &dec(&[3, 4, 5])).unwrap();
        assert_eq!(r.mean_difference.value, 2.0);
        assert_eq!(
            r.mean_difference.ci,
            Interval {
                lower: 2.0,
                upper: 2.0
            }
        );
        assert!(r.t_test.is_none() && r.cohens_d_z.is_none());
        let w = r.wilcoxon.unwrap();
        assert_eq!((w.n_nonzero, w.v), (3, 6.0));
    }

    #[test]
    fn two_clients_have_no_hedges_g() {
        // J(1) = Γ(½)/(√½·Γ(0)) = 0: g would be 0 whatever the data, so it is not reported.
        let r = PairedComparison::compute(&dec(&[1, 2]), &dec(&[3, 7])).unwrap();
        assert!(r.cohens_d_av.is_some());
        assert!(r.hedges_g_av.is_none());
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            PairedComparison::compute(&dec(&[1]), &dec(&[2])),
            Err(Error::TooFewObservations {
                needed: 2,
                got: 1,
                ..
            })
        ));
        assert!(matches!(
            PairedComparison::compute(&dec(&[1, 2]), &dec(&[2])),
            Err(Error::LengthMismatch {
                left: 2,
                right: 1,
                ..
            })
        ));
    }
}
