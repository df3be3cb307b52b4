//! Descriptive statistics of a group: how many, how many missing, centre and spread.
//!
//! Scores and counts are exact decimals, so the count, sum, mean, median, quartiles,
//! minimum and maximum are exact [`Decimal`]s (a mean is exact to 28 significant digits);
//! only the standard deviation, which needs a square root, is an `f64`.
//!
//! Quantiles use R's default method, type 7 (Hyndman & Fan 1996, definition 7): for
//! probability p over the sorted values x₀ … x_{n−1}, h = (n − 1)·p and
//! Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋). It is also numpy's `"linear"` method and
//! Excel's `QUARTILE.INC`, so figures agree with the tools evaluators use.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Descriptive statistics of one group.
///
/// Statistics that need more data than there is are `None` (and absent from JSON):
/// `mean`, `median`, quartiles, `min` and `max` need one value, `sd` needs two.
///
/// # Example
/// ```
/// use rakenne_metrics::Descriptives;
/// use rust_decimal::Decimal;
///
/// let scores: Vec<Option<Decimal>> = [Some(12), Some(15), None, Some(20), Some(11)]
///     .into_iter()
///     .map(|s| s.map(Decimal::from))
///     .collect();
/// let d = Descriptives::of_optional(&scores);
/// assert_eq!((d.n, d.missing), (4, 1));
/// assert_eq!(d.mean, Some(Decimal::new(145, 1))); // 58 / 4
/// assert_eq!(d.median, Some(Decimal::new(135, 1))); // R: quantile(c(11,12,15,20), 0.5)
/// assert_eq!(d.q1, Some(Decimal::new(1175, 2))); // R type 7: 11.75
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Descriptives {
    /// Number of values present.
    pub n: u64,
    /// Number of values missing.
    pub missing: u64,
    /// Sum of the values.
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub sum: Decimal,
    /// Arithmetic mean.
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub mean: Option<Decimal>,
    /// Sample standard deviation (divisor n − 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<f64>,
    /// Median (type 7 quantile at 0.5).
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub median: Option<Decimal>,
    /// First quartile (type 7 quantile at 0.25).
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub q1: Option<Decimal>,
    /// Third quartile (type 7 quantile at 0.75).
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub q3: Option<Decimal>,
    /// Smallest value.
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub min: Option<Decimal>,
    /// Largest value.
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub max: Option<Decimal>,
}

impl Descriptives {
    /// Descriptives of `values`, none missing.
    pub fn of(values: &[Decimal]) -> Descriptives {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        Descriptives::of_sorted(&sorted, 0)
    }

    /// Descriptives of `values`, counting `None` as missing.
    pub fn of_optional(values: &[Option<Decimal>]) -> Descriptives {
        let mut sorted: Vec<Decimal> = values.iter().flatten().copied().collect();
        sorted.sort_unstable();
        let missing = values.len() - sorted.len();
        Descriptives::of_sorted(&sorted, missing as u64)
    }

    fn of_sorted(sorted: &[Decimal], missing: u64) -> Descriptives {
        let n = sorted.len();
        let sum: Decimal = sorted.iter().copied().sum();
        let mean = (n > 0).then(|| sum / Decimal::from(n));
        let sd = mean.filter(|_| n >= 2).map(|mean| sample_sd(sorted, mean));
        Descriptives {
            n: n as u64,
            missing,
            sum,
            mean,
            sd,
            median: quantile_type7(sorted, Decimal::new(5, 1)),
            q1: quantile_type7(sorted, Decimal::new(25, 2)),
            q3: quantile_type7(sorted, Decimal::new(75, 2)),
            min: sorted.first().copied(),
            max: sorted.last().copied(),
        }
    }
}

/// Sample standard deviation with divisor n − 1, from deviations about the exact mean
/// (two-pass, so no cancellation from large means).
fn sample_sd(values: &[Decimal], mean: Decimal) -> f64 {
    let squares: f64 = values
        .iter()
        .map(|&v| {
            // The deviation is exact; only its square is rounded.
            let d = (v - mean).to_f64().unwrap_or_default();
            d * d
        })
        .sum();
    (squares / (values.len() - 1) as f64).sqrt()
}

/// The type 7 quantile of sorted values at probability `p` (0 ≤ p ≤ 1), exactly; `None`
/// for no values.
///
/// # Example
/// ```
/// use rakenne_metrics::quantile_type7;
/// use rust_decimal::Decimal;
///
/// let sorted: Vec<Decimal> = [1, 2, 4, 8].into_iter().map(Decimal::from).collect();
/// // h = 3 · 0.25 = 0.75 → 1 + 0.75 · (2 − 1)
/// assert_eq!(quantile_type7(&sorted, Decimal::new(25, 2)), Some(Decimal::new(175, 2)));
/// ```
pub fn quantile_type7(sorted: &[Decimal], p: Decimal) -> Option<Decimal> {
    let last = sorted.len().checked_sub(1)?;
    let h = Decimal::from(last) * p.clamp(Decimal::ZERO, Decimal::ONE);
    let lower = h.floor();
    let i = lower.to_usize().unwrap_or(last).min(last);
    let fraction = h - lower;
    let below = sorted[i];
    let above = sorted[(i + 1).min(last)];
    Some(below + fraction * (above - below))
}

/// Mean and sample standard deviation (divisor n − 1, two-pass) of `f64` values, for the
/// inferential statistics. Needs at least two values.
pub(crate) fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    mean_and_sd_of(values.iter().copied())
}

/// [`mean_and_sd`] of values read twice from an iterator (the same sums in the same
/// order, so exactly its results), for values that are not stored as a column.
pub(crate) fn mean_and_sd_of(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (count, sum) = values.clone().fold(
        (0usize, std::iter::empty::<f64>().sum::<f64>()),
        |(count, sum), v| (count + 1, sum + v),
    );
    let n = count as f64;
    let mean = sum / n;
    let squares: f64 = values.map(|v| (v - mean) * (v - mean)).sum();
    (mean, (squares / (n - 1.0)).sqrt())
}

/// [`mean_and_sd`] of several columns of equal length at once, with exactly its arithmetic
/// for each column (the same sums in the same order), so exactly its results. The sums
/// of the columns are independent chains of additions that the processor overlaps, which
/// makes this several times faster than one column after another.
pub(crate) fn means_and_sds<const K: usize>(columns: [&[f64]; K]) -> [(f64, f64); K] {
    let len = columns.iter().map(|c| c.len()).min().unwrap_or_default();
    let n = len as f64;
    // The starting value of `Iterator::sum` for f64 (its sign matters for sums of zeros).
    let start: f64 = std::iter::empty::<f64>().sum();
    let mut sums = [start; K];
    for i in 0..len {
        for (sum, column) in sums.iter_mut().zip(&columns) {
            *sum += column[i];
        }
    }
    let means = sums.map(|sum| sum / n);
    let mut squares = [start; K];
    for i in 0..len {
        for ((square, column), mean) in squares.iter_mut().zip(&columns).zip(&means) {
            *square += (column[i] - mean) * (column[i] - mean);
        }
    }
    std::array::from_fn(|k| (means[k], (squares[k] / (n - 1.0)).sqrt()))
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy;

    use super::*;

    fn dec(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|&v| Decimal::from(v)).collect()
    }

    #[test]
    fn empty_group_has_only_counts() {
        let d = Descriptives::of_optional(&[None, None]);
        assert_eq!((d.n, d.missing, d.sum), (0, 2, Decimal::ZERO));
        assert_eq!((d.mean, d.sd, d.median, d.min), (None, None, None, None));
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"n":0,"missing":2,"sum":"0"}"#
        );
    }

    #[test]
    fn one_value_has_no_sd() {
        let d = Descriptives::of(&dec(&[7]));
        assert_eq!(d.mean, Some(Decimal::from(7)));
        assert_eq!(d.sd, None);
        assert_eq!((d.q1, d.median, d.q3), (d.mean, d.mean, d.mean));
    }

    #[test]
    fn quartiles_follow_r_type_7() {
        // R: quantile(c(1, 3, 3, 6, 10), c(.25, .5, .75)) = 3, 3, 6 (h = 1, 2, 3 exactly).
        let d = Descriptives::of(&dec(&[10, 3, 6, 1, 3]));
        assert_eq!(
            (d.q1, d.median, d.q3),
            (Some(3.into()), Some(3.into()), Some(6.into()))
        );
        // R: quantile(1:10, .25) = 3.25 (h = 2.25 → 3 + 0.25·1).
        let d = Descriptives::of(&(1..=10).map(Decimal::from).collect::<Vec<_>>());
        assert_eq!(d.q1, Some(Decimal::new(325, 2)));
        assert_eq!(d.median, Some(Decimal::new(55, 1)));
        assert_eq!(d.q3, Some(Decimal::new(775, 2)));
    }

    #[test]
    fn sd_of_a_known_sample() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32/7.
        let d = Descriptives::of(&dec(&[2, 4, 4, 4, 5, 5, 7, 9]));
        assert_eq!(d.mean, Some(Decimal::from(5)));
        assert!((d.sd.unwrap() - (32.0f64 / 7.0).sqrt()).abs() < 1e-15);
    }

    proptest::proptest! {
        #[test]
        fn columns_at_once_equal_one_by_one(
            columns in (2usize..200).prop_flat_map(|n| proptest::collection::vec(
                proptest::collection::vec(-1e3f64..1e3, n), 3)),
        ) {
            let one_by_one: Vec<(u64, u64)> = columns
                .iter()
                .map(|c| mean_and_sd(c))
                .map(|(m, s)| (m.to_bits(), s.to_bits()))
                .collect();
            let at_once: Vec<(u64, u64)> = means_and_sds([&columns[0][..], &columns[1], &columns[2]])
                .iter()
                .map(|(m, s)| (m.to_bits(), s.to_bits()))
                .collect();
            proptest::prop_assert_eq!(at_once, one_by_one);
        }
    }

    #[test]
    fn large_means_do_not_cancel() {
        // Deviations about the exact mean: 1e9 + {0, 1, 2} has sd 1.
        let d = Descriptives::of(&dec(&[1_000_000_000, 1_000_000_001, 1_000_000_002]));
        assert!((d.sd.unwrap() - 1.0).abs() < 1e-12);
    }
}
