//! Exact sums of paired scores on the grid of hundredths, which add up group by group.
//!
//! Scores are decimals with at most two decimal places nearly always (item scores have at
//! most two, and sums of them too), and so are their changes. On that grid a group's
//! means and standard deviations follow exactly from three integer sums per column — the
//! count, the sum and the sum of squares in hundredths — rounded once at the end, and the
//! Wilcoxon tie groups from a count of pairs by magnitude of change. Such sums of two
//! groups add up to those of their union, so a publication table sums every pair once,
//! into its cell, and each margin adds up its cells instead of reading its pairs again.
//!
//! A group computed from its scores (as [`PairedComparison::compute`] does) takes the
//! same route when its scores are on the grid, so a table's results are those of its
//! groups computed one by one, bit for bit. Scores off the grid (e.g. the mean of three
//! items) take the general route: two passes over doubles, and tie groups by sorting.
//!
//! [`PairedComparison::compute`]: crate::PairedComparison::compute

use rustc_hash::FxHashMap;

use crate::change::ChangeCounts;
use crate::paired::TieGroup;

/// Hundredths of a magnitude below this fit in 31 bits, so that a square fits in 62 and a
/// group of fewer than 2³² pairs sums its squares, times its count, below 2¹²⁶.
const HUNDREDTHS_LIMIT: f64 = 2_147_483_648.0;

/// Groups are summed exactly only below this many pairs (see [`HUNDREDTHS_LIMIT`]).
const PAIRS_LIMIT: u64 = 1 << 32;

/// `value` in hundredths, when it is the double of a number with at most two decimal
/// places (of magnitude below 2³¹ hundredths); `None` otherwise.
///
/// A decimal with at most two places converts to the double nearest to it, which is the
/// double nearest to h/100 for its hundredths h; so `value` is on the grid exactly when
/// dividing the nearest whole number to 100·`value` by 100 gives `value` back.
#[inline]
#[allow(clippy::float_cmp)] // the test is exact equality of correctly rounded doubles
pub(crate) fn hundredths(value: f64) -> Option<i64> {
    let scaled = value * 100.0;
    if scaled.is_nan() || scaled.abs() >= HUNDREDTHS_LIMIT {
        return None;
    }
    // The nearest whole number (halves away from zero), by truncating `scaled ± ½`:
    // `f64::round` is a library call on the baseline x86-64 target, and this is done
    // three times per pair. |scaled| < 2³¹, so the sum is exact enough and fits in i64.
    #[allow(clippy::cast_possible_truncation)]
    let whole = (scaled + 0.5f64.copysign(scaled)) as i64;
    #[allow(clippy::cast_precision_loss)] // |whole| ≤ 2³¹: exact
    let back = whole as f64 / 100.0;
    (back == value).then_some(whole)
}

/// Count, sums and sums of squares of the hundredths of baseline, follow-up and change
/// scores: exact, and additive over groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct GridSums {
    n: u64,
    sums: [i128; 3],
    squares: [i128; 3],
}

impl GridSums {
    /// The sums of columns of scores (baseline, follow-up, change), when every score is
    /// on the grid and there are fewer than 2³² rows; `None` otherwise.
    pub(crate) fn of(columns: [&[f64]; 3]) -> Option<Self> {
        let len = columns.iter().map(|c| c.len()).min().unwrap_or_default();
        if !GridSums::can_sum(len) {
            return None;
        }
        let [baseline, follow_up, change] = columns;
        let mut sums = GridSums::default();
        for ((&b, &f), &c) in baseline.iter().zip(follow_up).zip(change) {
            sums.add([hundredths(b)?, hundredths(f)?, hundredths(c)?]);
        }
        Some(sums)
    }

    /// Whether groups of `pairs` pairs can be summed exactly (fewer than 2³²).
    pub(crate) fn can_sum(pairs: usize) -> bool {
        (pairs as u64) < PAIRS_LIMIT
    }

    /// Adds a pair, given in hundredths (each of magnitude below 2³¹, as [`hundredths`]
    /// returns them).
    #[inline]
    pub(crate) fn add(&mut self, hundredths: [i64; 3]) {
        self.n += 1;
        for (k, h) in hundredths.into_iter().enumerate() {
            self.sums[k] += i128::from(h);
            // |h| < 2³¹: the square fits in i64.
            self.squares[k] += i128::from(h * h);
        }
    }

    /// Adds the sums of another group.
    pub(crate) fn merge(&mut self, other: &GridSums) {
        self.n += other.n;
        for k in 0..3 {
            self.sums[k] += other.sums[k];
            self.squares[k] += other.squares[k];
        }
    }

    /// The number of pairs.
    pub(crate) fn len(&self) -> u64 {
        self.n
    }

    /// The mean and the standard deviation (n − 1) of each column, from the exact sums:
    /// mean = Σh / (100·n), rounded once; SD = √((n·Σh² − (Σh)²) / (n·(n − 1))) / 100,
    /// with the numerator exact. At least two pairs, fewer than 2³² (as
    /// [`of`](Self::of) and a table's cells ensure).
    pub(crate) fn means_and_sds(&self) -> [(f64, f64); 3] {
        debug_assert!(self.n >= 2 && self.n < PAIRS_LIMIT);
        #[allow(clippy::cast_precision_loss)] // rounding once is the point
        let n = self.n as f64;
        std::array::from_fn(|k| {
            let (sum, squares) = (self.sums[k], self.squares[k]);
            // n < 2³², Σh² < 2⁹⁴, (Σh)² < 2¹²⁶: no overflow; the difference is n² times
            // the variance of the hundredths, never negative.
            let spread = i128::from(self.n) * squares - sum * sum;
            #[allow(clippy::cast_precision_loss)]
            let (sum, spread) = (sum as f64, spread as f64);
            let mean = sum / (100.0 * n);
            let sd = (spread / (n * (n - 1.0))).sqrt() / 100.0;
            (mean, sd)
        })
    }
}

/// Numbers the magnitudes of change (in hundredths) met in a table, so that each cell
/// counts its pairs by magnitude in a short array instead of a map.
#[derive(Debug, Default)]
pub(crate) struct Magnitudes {
    /// The slot of each magnitude below [`DENSE`](Self::DENSE), or `u32::MAX`.
    dense: Vec<u32>,
    /// The slots of larger magnitudes.
    sparse: FxHashMap<u64, u32>,
    /// The magnitude of each slot.
    of_slot: Vec<u64>,
}

impl Magnitudes {
    /// Magnitudes below this are looked up in an array (of at most 4 MiB).
    const DENSE: u64 = 1 << 20;

    /// The slot of `magnitude` (hundredths, > 0), a new one when it has none yet.
    #[inline]
    pub(crate) fn slot(&mut self, magnitude: u64) -> usize {
        let next = u32::try_from(self.of_slot.len()).unwrap_or(u32::MAX);
        let slot = if magnitude < Self::DENSE {
            // Below 2²⁰: an index.
            #[allow(clippy::cast_possible_truncation)]
            let index = magnitude as usize;
            if index >= self.dense.len() {
                self.dense.resize(index + 1, u32::MAX);
            }
            let slot = &mut self.dense[index];
            if *slot == u32::MAX {
                *slot = next;
            }
            *slot
        } else {
            *self.sparse.entry(magnitude).or_insert(next)
        };
        if slot == next {
            self.of_slot.push(magnitude);
        }
        slot as usize
    }

    /// The slots in ascending order of magnitude.
    pub(crate) fn ascending(&self) -> Vec<usize> {
        let mut slots: Vec<usize> = (0..self.of_slot.len()).collect();
        slots.sort_unstable_by_key(|&s| self.of_slot[s]);
        slots
    }
}

/// What the outcome statistics of a group of pairs need, summed: the exact sums, the
/// non-zero changes counted by magnitude (per slot of [`Magnitudes`]: how many, how many
/// positive), and the reliable-change counts. Additive over groups.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairSums {
    pub(crate) grid: GridSums,
    pub(crate) by_magnitude: Vec<[u64; 2]>,
    pub(crate) changes: ChangeCounts,
}

impl PairSums {
    /// Counts a non-zero change of `slot`, positive or not.
    #[inline]
    pub(crate) fn count_change(&mut self, slot: usize, positive: bool) {
        if slot >= self.by_magnitude.len() {
            self.by_magnitude.resize(slot + 1, [0, 0]);
        }
        let count = &mut self.by_magnitude[slot];
        count[0] += 1;
        count[1] += u64::from(positive);
    }

    /// Adds the sums of another group.
    pub(crate) fn merge(&mut self, other: &PairSums) {
        self.grid.merge(&other.grid);
        if other.by_magnitude.len() > self.by_magnitude.len() {
            self.by_magnitude.resize(other.by_magnitude.len(), [0, 0]);
        }
        for (mine, theirs) in self.by_magnitude.iter_mut().zip(&other.by_magnitude) {
            mine[0] += theirs[0];
            mine[1] += theirs[1];
        }
        self.changes.merge(&other.changes);
    }

    /// The tie groups of the non-zero changes (size, positives), in ascending order of
    /// magnitude (`ascending`: the slots in that order, from [`Magnitudes::ascending`]).
    pub(crate) fn tie_groups(&self, ascending: &[usize]) -> Vec<TieGroup> {
        ascending
            .iter()
            .filter_map(|&slot| self.by_magnitude.get(slot))
            .filter(|count| count[0] > 0)
            .map(|count| {
                // Counts of pairs held in memory fit in usize.
                #[allow(clippy::cast_possible_truncation)]
                TieGroup {
                    size: count[0] as usize,
                    positives: count[1] as usize,
                }
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the values compared are exact
mod tests {
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use super::*;

    proptest! {
        #[test]
        fn decimals_with_two_places_are_on_the_grid(h in -2_147_483_647i64..2_147_483_647, scale in 0u32..=2) {
            // The same number written with 0, 1 or 2 places where it can be.
            let d = Decimal::new(h, 2);
            let d = if scale < 2 && d.round_dp(scale) == d { d.round_dp(scale) } else { d };
            prop_assert_eq!(hundredths(crate::double::to_f64(d)), Some(h));
        }

        #[test]
        fn three_places_are_off_the_grid(thousandths in -1_000_000i64..1_000_000) {
            prop_assume!(thousandths % 10 != 0);
            let d = Decimal::new(thousandths, 3);
            prop_assert_eq!(hundredths(crate::double::to_f64(d)), None);
        }

        #[test]
        fn sums_agree_with_two_passes(values in prop::collection::vec((-10_000i64..10_000, -10_000i64..10_000), 2..200)) {
            let to = |h: i64| crate::double::to_f64(Decimal::new(h, 2));
            let baseline: Vec<f64> = values.iter().map(|v| to(v.0)).collect();
            let follow_up: Vec<f64> = values.iter().map(|v| to(v.1)).collect();
            let change: Vec<f64> = values.iter().map(|v| to(v.1 - v.0)).collect();
            let exact = GridSums::of([&baseline, &follow_up, &change]).unwrap().means_and_sds();
            let passes = crate::descriptives::means_and_sds([&baseline, &follow_up, &change]);
            for ((m, s), (m2, s2)) in exact.into_iter().zip(passes) {
                prop_assert!((m - m2).abs() <= 1e-12 * m.abs().max(1.0));
                prop_assert!((s - s2).abs() <= 1e-12 * s.abs().max(1.0));
            }
        }

        #[test]
        fn sums_of_parts_add_up(values in prop::collection::vec(-5_000i64..5_000, 2..100), cut in 0usize..100) {
            let column: Vec<f64> = values.iter().map(|&h| crate::double::to_f64(Decimal::new(h, 2))).collect();
            let cut = cut.min(column.len());
            let part = |c: &[f64]| GridSums::of([c, c, c]).unwrap();
            let mut joined = part(&column[..cut]);
            joined.merge(&part(&column[cut..]));
            prop_assert_eq!(joined, part(&column));
        }
    }

    #[test]
    fn exact_moments_of_a_known_sample() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, SD (n − 1) √(32/7).
        let column = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let [(mean, sd), _, _] = GridSums::of([&column, &column, &column])
            .unwrap()
            .means_and_sds();
        assert_eq!(mean, 5.0);
        assert!((sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-15);
        // 0.1 + 0.2 on the grid is exactly 0.3: the mean of 0.1 and 0.2 is 0.15.
        let tenths = [0.1, 0.2];
        let [(mean, _), _, _] = GridSums::of([&tenths, &tenths, &tenths])
            .unwrap()
            .means_and_sds();
        assert_eq!(mean, 0.15);
    }

    #[test]
    fn off_grid_and_huge_values_are_refused() {
        assert_eq!(hundredths(1.0 / 3.0), None);
        assert_eq!(hundredths(f64::NAN), None);
        assert_eq!(hundredths(f64::INFINITY), None);
        assert_eq!(hundredths(3e7), None);
        assert_eq!(hundredths(-0.0), Some(0));
    }

    #[test]
    fn magnitudes_are_numbered_and_ordered() {
        let mut magnitudes = Magnitudes::default();
        let slots: Vec<usize> = [300, 100, 5_000_000, 300, 200]
            .into_iter()
            .map(|m| magnitudes.slot(m))
            .collect();
        assert_eq!(slots, [0, 1, 2, 0, 3]);
        assert_eq!(magnitudes.ascending(), [1, 3, 0, 2]);
    }
}
