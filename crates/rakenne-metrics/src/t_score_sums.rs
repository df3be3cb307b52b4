//! Exact sums of GAS T-scores, which add up group by group.
//!
//! A [`GasSummary`](crate::GasSummary) needs of its clients' T-scores only their count,
//! their sum and how many reach 50. Summed in floating point, the sum depends on the
//! order of the additions, so a table's margins would have to read their clients again
//! in one fixed order. Summed exactly, in fixed point with 52 binary places, sums of cells
//! add up to the sum of their margin whatever the order, and the mean — the exact sum
//! rounded once to a double, divided by the count — is the same for a group however it
//! was put together. Every double of magnitude between 1 and 2³² is a whole number of
//! 2⁻⁵² (its last mantissa bit is worth at least that), which every T-score of real goals
//! is; a T-score that is not (below 1 in magnitude, or beyond 2³²) makes the group fall
//! back to a floating-point sum in input order.

/// Binary places of the fixed point.
const PLACES: i32 = 52;

/// Magnitudes of 2³² and more are not summed exactly: below it, a score is below 2⁸⁴ in
/// fixed point and a sum of fewer than 2⁴² of them below 2¹²⁶.
const EXPONENT_LIMIT: i32 = 32;

/// Count, exact sum and number at least 50 of some T-scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TScoreSums {
    n: u64,
    /// The sum × 2⁵².
    fixed: i128,
    at_least_50: u64,
}

impl TScoreSums {
    /// The sums of `scores`, when every score is a whole number of 2⁻⁵² below 2³² in
    /// magnitude and there are fewer than 2⁴²; `None` otherwise.
    pub(crate) fn of(scores: impl Iterator<Item = f64>) -> Option<Self> {
        let mut sums = TScoreSums::default();
        for t in scores {
            sums.add(t)?;
        }
        Some(sums)
    }

    /// Adds a score; `None` (and nothing added) when it cannot be summed exactly.
    #[inline]
    pub(crate) fn add(&mut self, t: f64) -> Option<()> {
        if self.n >= 1 << 42 {
            return None;
        }
        self.fixed += fixed_point(t)?;
        self.n += 1;
        self.at_least_50 += u64::from(t >= 50.0);
        Some(())
    }

    /// Adds the sums of another group.
    pub(crate) fn merge(&mut self, other: &TScoreSums) {
        self.n += other.n;
        self.fixed += other.fixed;
        self.at_least_50 += other.at_least_50;
    }

    /// The number of scores.
    pub(crate) fn len(&self) -> u64 {
        self.n
    }

    /// How many scores are at least 50.
    pub(crate) fn at_least_50(&self) -> u64 {
        self.at_least_50
    }

    /// The mean: the exact sum rounded once to a double, divided by the count; `None`
    /// without scores.
    pub(crate) fn mean(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)] // rounding once is the point
        let (sum, n) = (self.fixed as f64, self.n as f64);
        (self.n > 0).then(|| sum * 2f64.powi(-PLACES) / n)
    }
}

/// `t` × 2⁵² as a whole number, when it is one and |t| < 2³²; read from the bits of the
/// double, so no rounding can enter.
fn fixed_point(t: f64) -> Option<i128> {
    if t == 0.0 {
        return Some(0);
    }
    let bits = t.to_bits();
    // The 11 exponent bits.
    #[allow(clippy::cast_possible_truncation)]
    let biased = ((bits >> 52) & 0x7FF) as i32;
    if biased == 0 || biased == 0x7FF {
        // Subnormal (far below 1), infinite or NaN.
        return None;
    }
    // t = ±m · 2^(e) with the 53-bit mantissa m, so t · 2⁵² = ±m · 2^(e + 52).
    let mantissa = i128::from((bits & ((1 << 52) - 1)) | (1 << 52));
    let shift = biased - 1075 + PLACES;
    if shift >= EXPONENT_LIMIT {
        return None;
    }
    let magnitude = if shift >= 0 {
        mantissa << shift
    } else if mantissa.trailing_zeros() >= shift.unsigned_abs() {
        mantissa >> shift.unsigned_abs()
    } else {
        return None;
    };
    Some(if t < 0.0 { -magnitude } else { magnitude })
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn fixed_point_of_simple_values() {
        let unit = 1i128 << 52;
        assert_eq!(fixed_point(1.0), Some(unit));
        assert_eq!(fixed_point(-2.5), Some(-5 * unit / 2));
        assert_eq!(fixed_point(50.0), Some(50 * unit));
        assert_eq!(fixed_point(0.0), Some(0));
        assert_eq!(fixed_point(-0.0), Some(0));
        // 0.1 has mantissa bits below 2⁻⁵².
        assert_eq!(fixed_point(0.1), None);
        assert_eq!(fixed_point(5e9), None);
        assert_eq!(fixed_point(f64::NAN), None);
        assert_eq!(fixed_point(f64::INFINITY), None);
    }

    #[test]
    fn the_mean_is_the_exact_sum_rounded_once() {
        // In floating point, 2³¹ + (1 + 2⁻⁵²) loses the 2⁻⁵², and − 2³¹ leaves 1; the
        // exact sum is 1 + 2⁻⁵².
        let big = 2f64.powi(31);
        let scores = [big, 1.0 + f64::EPSILON, -big];
        let sums = TScoreSums::of(scores.into_iter()).unwrap();
        assert_eq!(sums.mean(), Some((1.0 + f64::EPSILON) / 3.0));
        assert_ne!(sums.mean(), Some(scores.iter().sum::<f64>() / 3.0));
        assert_eq!((sums.len(), sums.at_least_50()), (3, 1));
        assert_eq!(TScoreSums::default().mean(), None);
    }

    proptest! {
        #[test]
        fn fixed_point_is_exact(t in prop::num::f64::NORMAL) {
            if let Some(fixed) = fixed_point(t) {
                // Converting back (exact: fewer than 2⁸⁴, a whole number of 2⁻⁵²) gives t.
                #[allow(clippy::cast_precision_loss)]
                let back = fixed as f64 * 2f64.powi(-52);
                prop_assert_eq!(back, t);
            } else {
                prop_assert!(t.abs() >= 2f64.powi(32) || t.abs() < 1.0);
            }
        }

        #[test]
        fn sums_do_not_depend_on_order(scores in prop::collection::vec(1.0f64..100.0, 0..50), cut in 0usize..50) {
            let cut = cut.min(scores.len());
            let mut parts = TScoreSums::of(scores[cut..].iter().copied()).unwrap();
            parts.merge(&TScoreSums::of(scores[..cut].iter().copied()).unwrap());
            let whole = TScoreSums::of(scores.iter().copied()).unwrap();
            prop_assert_eq!(parts, whole);
            if let Some(mean) = whole.mean() {
                let plain = scores.iter().sum::<f64>() / scores.len() as f64;
                prop_assert!((mean - plain).abs() <= 1e-13 * plain);
            }
        }
    }
}
