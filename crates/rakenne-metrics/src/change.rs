//! Individual change: did this client change more than the instrument's measurement error,
//! and did they move into the normal range?
//!
//! Group means can hide that some clients got worse. Jacobson & Truax (1991) give the two
//! standard questions for each client:
//!
//! - **Reliable change.** With SD₀ the standard deviation of baseline scores and r the
//!   instrument's reliability: SE = SD₀·√(1 − r) (eq. 1), S_diff = √2·SE (eq. 3), and
//!   RCI = (x₂ − x₁)/S_diff (eq. 2). |RCI| > 1.96 is a reliable change (p < .05); its sign,
//!   read in the instrument's direction, says improved or deteriorated.
//! - **Clinically significant change.** The client ends on the functional side of a
//!   cut-off: a = two SDs beyond the dysfunctional mean, b = within two SDs of the
//!   functional mean, or c = (s_dys·m_fun + s_fun·m_dys)/(s_dys + s_fun), the point between
//!   the two populations (the recommended one when both norms exist). A client who changes
//!   reliably for the better *and* crosses the cut-off has *recovered*.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Direction, Error, Norms};

/// The critical value of |RCI|: the 97.5 % point of the standard normal distribution,
/// rounded as in Jacobson & Truax (1991).
pub const RELIABLE_CHANGE_CRITICAL_VALUE: f64 = 1.96;

/// Whether a client changed reliably, in the instrument's direction.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeClass {
    /// Reliable change for the better (|RCI| > 1.96, improvement).
    Improved,
    /// No reliable change.
    Unchanged,
    /// Reliable change for the worse.
    Deteriorated,
}

/// The Jacobson–Truax category of a client's change.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClinicalStatus {
    /// Reliably improved and moved from the dysfunctional to the functional side of the
    /// cut-off.
    Recovered,
    /// Reliably improved without crossing the cut-off (or already on the functional side).
    Improved,
    /// No reliable change.
    Unchanged,
    /// Reliably deteriorated.
    Deteriorated,
}

/// The reliable-change criterion of an instrument in a population: SD₀ and reliability r.
///
/// # Example
/// ```
/// use rakenne_metrics::{ChangeClass, Direction, ReliableChange};
///
/// // Jacobson & Truax (1991) style: SD₀ = 7.5, r = 0.88.
/// let criterion = ReliableChange::new(7.5, 0.88)?;
/// assert!((criterion.standard_error() - 7.5 * 0.12f64.sqrt()).abs() < 1e-12);
/// assert!((criterion.s_diff() - 2f64.sqrt() * 7.5 * 0.12f64.sqrt()).abs() < 1e-12);
/// // A 10-point fall on a lower-is-better scale is a reliable improvement (RCI ≈ −2.72).
/// let rci = criterion.index(30.0, 20.0);
/// assert_eq!(criterion.classify(rci, Direction::LowerIsBetter), ChangeClass::Improved);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReliableChange {
    /// Standard deviation of baseline scores, SD₀ (> 0).
    sd_baseline: f64,
    /// Reliability of the instrument, 0 ≤ r < 1.
    reliability: f64,
}

impl ReliableChange {
    /// A criterion from SD₀ (positive, finite) and reliability r (0 ≤ r < 1).
    pub fn new(sd_baseline: f64, reliability: f64) -> Result<Self, Error> {
        if !(sd_baseline.is_finite() && sd_baseline > 0.0) {
            return Err(Error::InvalidParameter {
                name: "baseline standard deviation",
                value: sd_baseline.to_string(),
                expected: "a positive number".into(),
            });
        }
        if !(0.0..1.0).contains(&reliability) {
            return Err(Error::InvalidParameter {
                name: "reliability",
                value: reliability.to_string(),
                expected: "a coefficient at least 0 and below 1".into(),
            });
        }
        Ok(ReliableChange {
            sd_baseline,
            reliability,
        })
    }

    /// SD₀.
    pub fn sd_baseline(&self) -> f64 {
        self.sd_baseline
    }

    /// Reliability r.
    pub fn reliability(&self) -> f64 {
        self.reliability
    }

    /// Standard error of measurement, SE = SD₀·√(1 − r) (Jacobson & Truax 1991, eq. 1).
    pub fn standard_error(&self) -> f64 {
        self.sd_baseline * (1.0 - self.reliability).sqrt()
    }

    /// Standard error of the difference, S_diff = √(2·SE²) (Jacobson & Truax 1991, eq. 3).
    pub fn s_diff(&self) -> f64 {
        std::f64::consts::SQRT_2 * self.standard_error()
    }

    /// The smallest change that is reliable: 1.96·S_diff.
    pub fn minimal_reliable_change(&self) -> f64 {
        RELIABLE_CHANGE_CRITICAL_VALUE * self.s_diff()
    }

    /// The Reliable Change Index RCI = (x₂ − x₁)/S_diff (Jacobson & Truax 1991, eq. 2).
    pub fn index(&self, baseline: f64, follow_up: f64) -> f64 {
        (follow_up - baseline) / self.s_diff()
    }

    /// The class of a change with index `rci` on an instrument with `direction`.
    pub fn classify(&self, rci: f64, direction: Direction) -> ChangeClass {
        let improvement = direction.improvement_f64(rci);
        if improvement > RELIABLE_CHANGE_CRITICAL_VALUE {
            ChangeClass::Improved
        } else if improvement < -RELIABLE_CHANGE_CRITICAL_VALUE {
            ChangeClass::Deteriorated
        } else {
            ChangeClass::Unchanged
        }
    }
}

/// The three clinical-significance cut-offs of Jacobson & Truax (1991).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ClinicalCutoffs {
    /// a: two standard deviations beyond the dysfunctional mean, toward the functional.
    pub a: f64,
    /// b: two standard deviations from the functional mean, toward the dysfunctional;
    /// `None` without functional norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    /// c: the weighted midpoint of the two populations; `None` without functional norms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
}

impl ClinicalCutoffs {
    /// The cut-offs from norms, on a scale where `direction` is better. The direction
    /// decides which way "toward the functional population" is.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::{ClinicalCutoffs, Direction, NormGroup, Norms};
    ///
    /// let norms: Norms = serde_json::from_value(serde_json::json!({
    ///     "dysfunctional": {"mean": 15.0, "sd": 5.0},
    ///     "functional": {"mean": 25.0, "sd": 5.0},
    ///     "source": "example"
    /// })).unwrap();
    /// let cut = ClinicalCutoffs::from_norms(&norms, Direction::HigherIsBetter);
    /// assert_eq!((cut.a, cut.b, cut.c), (25.0, Some(15.0), Some(20.0)));
    /// ```
    pub fn from_norms(norms: &Norms, direction: Direction) -> ClinicalCutoffs {
        let toward = match direction {
            Direction::HigherIsBetter => 1.0,
            Direction::LowerIsBetter => -1.0,
        };
        let dys = &norms.dysfunctional;
        let a = dys.mean + 2.0 * toward * dys.sd;
        let (b, c) = match &norms.functional {
            Some(fun) => (
                Some(fun.mean - 2.0 * toward * fun.sd),
                Some((dys.sd * fun.mean + fun.sd * dys.mean) / (dys.sd + fun.sd)),
            ),
            None => (None, None),
        };
        ClinicalCutoffs { a, b, c }
    }

    /// The cut-off to use: c when both norms exist, else a (Jacobson & Truax 1991).
    pub fn preferred(&self) -> f64 {
        self.c.unwrap_or(self.a)
    }
}

/// One client's change on one instrument.
///
/// # Example
/// ```
/// use rakenne_metrics::{ChangeClass, ClinicalStatus, Direction, IndividualChange, ReliableChange};
/// use rust_decimal::Decimal;
///
/// // ORS (higher is better, clinical cut-off 25): 18 → 29 with SD₀ = 7, r = 0.93.
/// let criterion = ReliableChange::new(7.0, 0.93)?;
/// let change = IndividualChange::assess(
///     Decimal::from(18), Decimal::from(29), Direction::HigherIsBetter,
///     Some(&criterion), Some(25.0),
/// );
/// assert_eq!(change.improvement, Decimal::from(11));
/// assert_eq!(change.class, Some(ChangeClass::Improved));
/// assert_eq!(change.clinical, Some(ClinicalStatus::Recovered));
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndividualChange {
    /// Score at baseline.
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub baseline: Decimal,
    /// Score at follow-up.
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub follow_up: Decimal,
    /// Follow-up − baseline.
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub change: Decimal,
    /// The change in the direction of improvement (positive = better).
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub improvement: Decimal,
    /// The Reliable Change Index, when a criterion is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rci: Option<f64>,
    /// Reliable-change class, when a criterion is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<ChangeClass>,
    /// Jacobson–Truax category, when a criterion and a cut-off are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical: Option<ClinicalStatus>,
}

impl IndividualChange {
    /// Assesses a change from `baseline` to `follow_up` on a scale where `direction` is
    /// better, with the reliable-change criterion and the clinical cut-off when known.
    pub fn assess(
        baseline: Decimal,
        follow_up: Decimal,
        direction: Direction,
        criterion: Option<&ReliableChange>,
        cutoff: Option<f64>,
    ) -> IndividualChange {
        let change = follow_up - baseline;
        let (x1, x2) = (
            baseline.to_f64().unwrap_or_default(),
            follow_up.to_f64().unwrap_or_default(),
        );
        let rci = criterion.map(|c| c.index(x1, x2));
        let class = criterion
            .zip(rci)
            .map(|(c, rci)| c.classify(rci, direction));
        let clinical = class
            .zip(cutoff)
            .map(|(class, cutoff)| clinical_status(class, x1, x2, cutoff, direction));
        IndividualChange {
            baseline,
            follow_up,
            change,
            improvement: direction.improvement(change),
            rci,
            class,
            clinical,
        }
    }
}

/// The Jacobson–Truax category of a change of class `class` from `baseline` to
/// `follow_up`, with the functional side of `cutoff` given by `direction`.
pub(crate) fn clinical_status(
    class: ChangeClass,
    baseline: f64,
    follow_up: f64,
    cutoff: f64,
    direction: Direction,
) -> ClinicalStatus {
    let functional = |x: f64| match direction {
        Direction::HigherIsBetter => x > cutoff,
        Direction::LowerIsBetter => x < cutoff,
    };
    match class {
        ChangeClass::Improved if !functional(baseline) && functional(follow_up) => {
            ClinicalStatus::Recovered
        }
        ChangeClass::Improved => ClinicalStatus::Improved,
        ChangeClass::Unchanged => ClinicalStatus::Unchanged,
        ChangeClass::Deteriorated => ClinicalStatus::Deteriorated,
    }
}

/// Counts of pairs by [`ChangeClass`] and by [`ClinicalStatus`] (in the order of their
/// variants; statuses only with a cut-off), as classifying each pair with
/// [`ReliableChange::classify`] and [`clinical_status`] would count them.
pub(crate) fn tally_changes(
    criterion: &ReliableChange,
    direction: Direction,
    cutoff: Option<f64>,
    baseline: &[f64],
    follow_up: &[f64],
) -> ([u64; 3], [u64; 4]) {
    let counter = ChangeCounter::new(criterion, direction, cutoff);
    let mut counts = ChangeCounts::default();
    for (&x1, &x2) in baseline.iter().zip(follow_up) {
        counter.count(&mut counts, x1, x2);
    }
    counts.by_class_and_status(cutoff.is_some())
}

/// Classifies pairs into [`ChangeCounts`] by one reliable-change criterion, direction and
/// cut-off — without a branch per pair, whose class is as good as random to the branch
/// predictor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChangeCounter {
    /// S_diff, computed once (as [`ReliableChange::index`] computes it).
    s_diff: f64,
    /// +1 or −1: the sign that turns a change into an improvement.
    sign: f64,
    direction: Direction,
    cutoff: Option<f64>,
}

/// Counts of pairs by reliable-change class and clinical status, as a [`ChangeCounter`]
/// counts them; counts of two groups add up to those of their union.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ChangeCounts {
    pairs: u64,
    improved: u64,
    deteriorated: u64,
    /// Reliably improved and from the dysfunctional to the functional side.
    recovered: u64,
}

impl ChangeCounter {
    pub(crate) fn new(
        criterion: &ReliableChange,
        direction: Direction,
        cutoff: Option<f64>,
    ) -> Self {
        ChangeCounter {
            s_diff: criterion.s_diff(),
            sign: direction.improvement_f64(1.0),
            direction,
            cutoff,
        }
    }

    /// Counts the pair of `baseline` and `follow_up` scores.
    #[inline]
    pub(crate) fn count(&self, counts: &mut ChangeCounts, baseline: f64, follow_up: f64) {
        // `improvement_f64` is a sign change: multiplying by ±1 is exact.
        let improvement = self.sign * ((follow_up - baseline) / self.s_diff);
        let up = improvement > RELIABLE_CHANGE_CRITICAL_VALUE;
        counts.pairs += 1;
        counts.improved += u64::from(up);
        counts.deteriorated += u64::from(improvement < -RELIABLE_CHANGE_CRITICAL_VALUE);
        if let Some(cutoff) = self.cutoff {
            let functional = |x: f64| match self.direction {
                Direction::HigherIsBetter => x > cutoff,
                Direction::LowerIsBetter => x < cutoff,
            };
            counts.recovered += u64::from(up & !functional(baseline) & functional(follow_up));
        }
    }
}

impl ChangeCounts {
    /// Adds the counts of another group.
    pub(crate) fn merge(&mut self, other: &ChangeCounts) {
        self.pairs += other.pairs;
        self.improved += other.improved;
        self.deteriorated += other.deteriorated;
        self.recovered += other.recovered;
    }

    /// The counts by class (improved, unchanged, deteriorated) and, `with_cutoff`, by
    /// status (recovered, improved, unchanged, deteriorated; zeros without).
    pub(crate) fn by_class_and_status(&self, with_cutoff: bool) -> ([u64; 3], [u64; 4]) {
        let unchanged = self.pairs - self.improved - self.deteriorated;
        let statuses = if with_cutoff {
            [
                self.recovered,
                self.improved - self.recovered,
                unchanged,
                self.deteriorated,
            ]
        } else {
            [0; 4]
        };
        ([self.improved, unchanged, self.deteriorated], statuses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_is_direction_aware() {
        let c = ReliableChange::new(10.0, 0.5).unwrap();
        // S_diff = √2 · 10 · √0.5 = 10: a change of exactly 19.6 is not beyond 1.96.
        assert!((c.s_diff() - 10.0).abs() < 1e-12);
        assert_eq!(
            c.classify(c.index(0.0, 19.6), Direction::HigherIsBetter),
            ChangeClass::Unchanged
        );
        assert_eq!(
            c.classify(c.index(0.0, 19.7), Direction::HigherIsBetter),
            ChangeClass::Improved
        );
        assert_eq!(
            c.classify(c.index(0.0, 19.7), Direction::LowerIsBetter),
            ChangeClass::Deteriorated
        );
        assert_eq!(
            c.classify(c.index(19.7, 0.0), Direction::LowerIsBetter),
            ChangeClass::Improved
        );
    }

    proptest::proptest! {
        #[test]
        fn tally_equals_classifying_each_pair(
            pairs in proptest::collection::vec((0i32..=2700, 0i32..=2700), 0..300),
            sd in 1.0f64..10.0,
            r in 0.5f64..0.99,
            cutoff in proptest::option::of(0.0f64..27.0),
            higher in proptest::bool::ANY,
        ) {
            let criterion = ReliableChange::new(sd, r).unwrap();
            let direction = if higher { Direction::HigherIsBetter } else { Direction::LowerIsBetter };
            let x1: Vec<f64> = pairs.iter().map(|p| f64::from(p.0) / 100.0).collect();
            let x2: Vec<f64> = pairs.iter().map(|p| f64::from(p.1) / 100.0).collect();
            let mut classes = [0u64; 3];
            let mut statuses = [0u64; 4];
            for (&a, &b) in x1.iter().zip(&x2) {
                let class = criterion.classify(criterion.index(a, b), direction);
                classes[class as usize] += 1;
                if let Some(cutoff) = cutoff {
                    statuses[clinical_status(class, a, b, cutoff, direction) as usize] += 1;
                }
            }
            proptest::prop_assert_eq!(
                tally_changes(&criterion, direction, cutoff, &x1, &x2),
                (classes, statuses)
            );
        }
    }

    #[test]
    fn invalid_criteria_are_refused() {
        assert!(ReliableChange::new(0.0, 0.5).is_err());
        assert!(ReliableChange::new(f64::NAN, 0.5).is_err());
        assert!(ReliableChange::new(1.0, 1.0).is_err());
        assert!(ReliableChange::new(1.0, -0.1).is_err());
    }

    #[test]
    fn recovery_needs_crossing_from_the_dysfunctional_side() {
        let c = ReliableChange::new(5.0, 0.9).unwrap(); // S_diff = √2·5·√0.1 ≈ 2.236
        let assess = |a: i64, b: i64| {
            IndividualChange::assess(
                a.into(),
                b.into(),
                Direction::LowerIsBetter,
                Some(&c),
                Some(10.0),
            )
            .clinical
        };
        assert_eq!(assess(20, 5), Some(ClinicalStatus::Recovered));
        assert_eq!(assess(20, 12), Some(ClinicalStatus::Improved));
        assert_eq!(assess(8, 2), Some(ClinicalStatus::Improved)); // already functional
        assert_eq!(assess(20, 19), Some(ClinicalStatus::Unchanged));
        assert_eq!(assess(5, 15), Some(ClinicalStatus::Deteriorated));
    }
}
