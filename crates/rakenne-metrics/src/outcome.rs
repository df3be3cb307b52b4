//! Outcome evaluation of one instrument: pair each client's baseline and follow-up, then
//! summarize change for a group.
//!
//! **Pairing.** Administrations of the instrument are scored; invalid scores (too many
//! missing items) are left out and counted. Per client and implementation, the earliest
//! valid baseline is paired with the latest valid follow-up on or after it (on equal
//! dates, the first baseline and the last follow-up in the input). A client with
//! a valid baseline and no such follow-up has *dropped out* of the outcome measurement.
//!
//! **Summary.** For a group of pairs: the paired comparison (t, Wilcoxon, effect sizes),
//! the shares of clients who improved, did not change or deteriorated reliably (Reliable
//! Change Index), the Jacobson–Truax categories when a clinical cut-off is known, and the
//! drop-out rate. The reliable-change criterion and the cut-off are fixed for the whole
//! analysis, not re-estimated per group, so groups are classified by the same yardstick.

use rakenne_model::{Client, ImplementationId, InstrumentAdministration, InstrumentId};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::change::tally_changes;
use crate::pair_sums::PairSums;
use crate::{
    ChangeClass, ClinicalCutoffs, ClinicalStatus, Direction, Error, InstrumentDefinition,
    PairedComparison, PairedScores, Proportion, ReliableChange,
};

/// One client's paired baseline and follow-up total scores.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScorePair {
    /// The client.
    pub client: Client,
    /// The implementation, if the administrations belonged to one.
    pub implementation: Option<ImplementationId>,
    /// Valid baseline total score.
    pub baseline: Decimal,
    /// Date of the baseline.
    pub baseline_on: Date,
    /// Valid follow-up total score.
    pub follow_up: Decimal,
    /// Date of the follow-up.
    pub follow_up_on: Date,
    /// The scores and the exact change as doubles, converted once for all statistics.
    pub(crate) values: PairValues,
}

/// Baseline, follow-up and their exact difference, each converted to a double once.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct PairValues {
    baseline: f64,
    follow_up: f64,
    change: f64,
}

impl PairValues {
    /// The baseline score.
    pub(crate) fn baseline(&self) -> f64 {
        self.baseline
    }

    /// The follow-up score.
    pub(crate) fn follow_up(&self) -> f64 {
        self.follow_up
    }

    /// Whether the grid's sums admit a score of `hundredths` (magnitude below 2³¹: see
    /// [`hundredths`](crate::pair_sums::hundredths)).
    pub(crate) fn admits_hundredths(hundredths: i64) -> bool {
        hundredths.unsigned_abs() < 1 << 31
    }

    /// Baseline, follow-up and change in hundredths, when all three are on that grid
    /// (see [`hundredths`](crate::pair_sums::hundredths)).
    #[inline]
    pub(crate) fn hundredths(&self) -> Option<[i64; 3]> {
        use crate::pair_sums::hundredths;
        Some([
            hundredths(self.baseline)?,
            hundredths(self.follow_up)?,
            hundredths(self.change)?,
        ])
    }

    /// The scores of `baseline` and `follow_up` hundredths: the same doubles as
    /// [`of`](Self::of) the decimals (a decimal with at most two places converts to the
    /// double nearest to it, h/100, and so does the exact change).
    pub(crate) fn of_hundredths(baseline: i32, follow_up: i32) -> Self {
        PairValues {
            baseline: f64::from(baseline) / 100.0,
            follow_up: f64::from(follow_up) / 100.0,
            change: (f64::from(follow_up) - f64::from(baseline)) / 100.0,
        }
    }

    pub(crate) fn of(baseline: Decimal, follow_up: Decimal) -> Self {
        let to_f64 = crate::double::to_f64;
        PairValues {
            baseline: to_f64(baseline),
            follow_up: to_f64(follow_up),
            change: exact_change(baseline, follow_up),
        }
    }
}

/// `follow_up − baseline` as a double: exactly `to_f64(follow_up - baseline)`, without the
/// decimal subtraction when both are whole numbers of magnitude below 2⁵² (their
/// difference is then a whole number below 2⁵³, which both ways convert exactly).
fn exact_change(baseline: Decimal, follow_up: Decimal) -> f64 {
    const SMALL: u128 = 1 << 52;
    if baseline.scale() == 0 && follow_up.scale() == 0 {
        let (b, f) = (baseline.mantissa(), follow_up.mantissa());
        if b.unsigned_abs() < SMALL && f.unsigned_abs() < SMALL {
            // |f − b| < 2⁵³: exact in i64 and in f64.
            #[allow(clippy::cast_possible_truncation)]
            return (f - b) as i64 as f64;
        }
    }
    crate::double::to_f64(follow_up - baseline)
}

/// The scores of many pairs as columns of doubles, for the statistics of a group.
#[derive(Debug, Clone, Default)]
pub(crate) struct PairColumns {
    baseline: Vec<f64>,
    follow_up: Vec<f64>,
    change: Vec<f64>,
}

impl PairColumns {
    pub(crate) fn with_capacity(n: usize) -> Self {
        PairColumns {
            baseline: Vec::with_capacity(n),
            follow_up: Vec::with_capacity(n),
            change: Vec::with_capacity(n),
        }
    }

    /// `n` pairs of zeros, to be [`set`](Self::set).
    pub(crate) fn zeroed(n: usize) -> Self {
        PairColumns {
            baseline: vec![0.0; n],
            follow_up: vec![0.0; n],
            change: vec![0.0; n],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.change.len()
    }

    /// Sets pair `i`.
    pub(crate) fn set(&mut self, i: usize, values: &PairValues) {
        self.baseline[i] = values.baseline;
        self.follow_up[i] = values.follow_up;
        self.change[i] = values.change;
    }

    pub(crate) fn push(&mut self, values: &PairValues) {
        self.baseline.push(values.baseline);
        self.follow_up.push(values.follow_up);
        self.change.push(values.change);
    }

    /// Appends the pairs `range` of `other`.
    pub(crate) fn extend(&mut self, other: &PairColumns, range: std::ops::Range<usize>) {
        self.baseline
            .extend_from_slice(&other.baseline[range.clone()]);
        self.follow_up
            .extend_from_slice(&other.follow_up[range.clone()]);
        self.change.extend_from_slice(&other.change[range]);
    }

    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> PairSlices<'_> {
        PairSlices {
            baseline: &self.baseline[range.clone()],
            follow_up: &self.follow_up[range.clone()],
            change: &self.change[range],
        }
    }
}

/// The scores of a group of pairs, as columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairSlices<'a> {
    baseline: &'a [f64],
    follow_up: &'a [f64],
    change: &'a [f64],
}

impl ScorePair {
    /// A pair of valid total scores of one client.
    pub fn new(
        client: Client,
        implementation: Option<ImplementationId>,
        (baseline, baseline_on): (Decimal, Date),
        (follow_up, follow_up_on): (Decimal, Date),
    ) -> Self {
        ScorePair {
            client,
            implementation,
            baseline,
            baseline_on,
            follow_up,
            follow_up_on,
            values: PairValues::of(baseline, follow_up),
        }
    }
}

/// A client with a valid baseline and no valid follow-up after it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Dropout {
    /// The client.
    pub client: Client,
    /// The implementation, if any.
    pub implementation: Option<ImplementationId>,
    /// Valid baseline total score.
    pub baseline: Decimal,
    /// Date of the baseline.
    pub baseline_on: Date,
}

/// The result of pairing the administrations of one instrument.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Pairing {
    /// Clients with a baseline and a follow-up, in (client id, implementation) order.
    pub pairs: Vec<ScorePair>,
    /// Clients with a baseline only.
    pub dropouts: Vec<Dropout>,
    /// Administrations whose total score was invalid under the missing-item rule.
    pub invalid_scores: u64,
}

/// Pairs the administrations of `definition`'s instrument (administrations of other
/// instruments, and interim ones, are skipped).
///
/// Pairs and drop-outs come in the order in which their client and implementation first
/// appear in the input, so the result is deterministic.
///
/// Errors when an administration cannot be scored (an unknown item or a score off its
/// scale): such data must be corrected, not silently dropped; and with more than
/// 2³² − 1 administrations (see [`PairedScores::new`]).
///
/// # Example
/// ```
/// use rakenne_metrics::{builtin, pair_administrations};
/// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, Occasion};
/// use time::macros::date;
///
/// let who5 = builtin::who5();
/// let administer = |id: &str, occasion, score: &str, on| {
///     let responses = (1..=5)
///         .map(|i| ItemResponse::scored(format!("q{i}").parse().unwrap(), score.parse().unwrap()))
///         .collect();
///     InstrumentAdministration::new(id.parse().unwrap(), "WHO-5".parse().unwrap(),
///         Client::new("C-1".parse().unwrap()), on, occasion, responses).unwrap()
/// };
/// let data = [
///     administer("M1", Occasion::Baseline, "2", date!(2025 - 01 - 10)),
///     administer("M2", Occasion::FollowUp, "3", date!(2025 - 05 - 10)),
/// ];
/// let pairing = pair_administrations(&who5, &data)?;
/// assert_eq!(pairing.pairs.len(), 1);
/// assert_eq!(pairing.pairs[0].baseline.to_string(), "10");
/// assert_eq!(pairing.pairs[0].follow_up.to_string(), "15");
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
pub fn pair_administrations(
    definition: &InstrumentDefinition,
    administrations: &[InstrumentAdministration],
) -> Result<Pairing, Error> {
    Ok(PairedScores::new(definition, administrations)?.to_pairing())
}

/// The fixed yardsticks of an outcome analysis: the reliable-change criterion and the
/// clinical cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Yardsticks {
    /// Direction of the instrument.
    pub direction: Direction,
    /// Reliable-change criterion, when the instrument's reliability is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliable_change: Option<ReliableChange>,
    /// Clinical cut-off, from norms (criterion c, else a) or the definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical_cutoff: Option<f64>,
}

impl Yardsticks {
    /// The yardsticks of `definition`, with SD₀ from its dysfunctional norms when given and
    /// otherwise from `baselines` (all baseline scores of the analysis, at least two).
    pub fn for_instrument(definition: &InstrumentDefinition, baselines: &[Decimal]) -> Self {
        Yardsticks::of_baselines(
            definition,
            baselines.len(),
            baselines.iter().map(|&b| crate::double::to_f64(b)),
        )
    }

    /// [`for_instrument`](Self::for_instrument) with the baselines of `scores`
    /// ([`PairedScores::baselines`](crate::PairedScores::baselines)), read where they are
    /// instead of copied into a list first: the same yardsticks.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::{PairedScores, Yardsticks, builtin};
    ///
    /// let phq9 = builtin::phq9();
    /// let scores = PairedScores::new(&phq9, &[])?;
    /// assert_eq!(
    ///     Yardsticks::for_scores(&phq9, &scores),
    ///     Yardsticks::for_instrument(&phq9, &scores.baselines())
    /// );
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn for_scores(definition: &InstrumentDefinition, scores: &PairedScores<'_>) -> Self {
        let count = scores.pair_count() + scores.dropout_count();
        Yardsticks::of_baselines(definition, count, scores.baseline_values())
    }

    /// The yardsticks with SD₀ from the `count` `baselines` (as doubles) when the
    /// definition has no norms.
    fn of_baselines(
        definition: &InstrumentDefinition,
        count: usize,
        baselines: impl Iterator<Item = f64> + Clone,
    ) -> Self {
        let sd0 = definition
            .norms
            .as_ref()
            .map(|n| n.dysfunctional.sd)
            .or_else(|| (count >= 2).then(|| crate::descriptives::mean_and_sd_of(baselines).1));
        let reliable_change = definition
            .reliability
            .as_ref()
            .zip(sd0)
            .and_then(|(r, sd0)| ReliableChange::new(sd0, r.coefficient).ok());
        let clinical_cutoff = match &definition.norms {
            Some(norms) => {
                Some(ClinicalCutoffs::from_norms(norms, definition.direction).preferred())
            }
            None => definition.clinical_cutoff.and_then(|c| c.to_f64()),
        };
        Yardsticks {
            direction: definition.direction,
            reliable_change,
            clinical_cutoff,
        }
    }
}

/// Shares of clients by reliable-change class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ChangeDistribution {
    /// Reliably improved.
    pub improved: Proportion,
    /// No reliable change.
    pub unchanged: Proportion,
    /// Reliably deteriorated.
    pub deteriorated: Proportion,
}

/// Shares of clients by Jacobson–Truax category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ClinicalDistribution {
    /// Recovered.
    pub recovered: Proportion,
    /// Improved, not recovered.
    pub improved: Proportion,
    /// Unchanged.
    pub unchanged: Proportion,
    /// Deteriorated.
    pub deteriorated: Proportion,
}

/// The outcome summary of one group on one instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OutcomeSummary {
    /// The instrument.
    pub instrument: InstrumentId,
    /// Clients with a valid baseline.
    pub clients_with_baseline: u64,
    /// Clients with a valid baseline and follow-up.
    pub clients_paired: u64,
    /// Clients with a baseline and no follow-up, out of those with a baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropout: Option<Proportion>,
    /// Paired comparison of the scores (at least two pairs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paired: Option<PairedComparison>,
    /// Reliable-change distribution (when the criterion is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliable_change: Option<ChangeDistribution>,
    /// Jacobson–Truax distribution (when the criterion and a cut-off are known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical: Option<ClinicalDistribution>,
}

impl OutcomeSummary {
    /// Summarizes `pairs` and `dropouts` of one group.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::{OutcomeSummary, Pairing, Yardsticks, builtin};
    ///
    /// let ors = builtin::ors();
    /// let yardsticks = Yardsticks::for_instrument(&ors, &[]);
    /// // No data: counts of zero, nothing else computable.
    /// let empty = OutcomeSummary::of(&ors.id, &[], &[], &yardsticks)?;
    /// assert_eq!((empty.clients_with_baseline, empty.paired), (0, None));
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn of(
        instrument: &InstrumentId,
        pairs: &[&ScorePair],
        dropouts: &[&Dropout],
        yardsticks: &Yardsticks,
    ) -> Result<Self, Error> {
        let mut columns = PairColumns::with_capacity(pairs.len());
        for p in pairs {
            columns.push(&p.values);
        }
        OutcomeSummary::of_values(
            instrument,
            columns.slice(0..pairs.len()),
            dropouts.len() as u64,
            yardsticks,
        )
    }

    /// The summary of a group of pairs, given as columns of scores, and `dropouts`
    /// drop-outs: the one computation behind [`of`](Self::of) and the tables.
    pub(crate) fn of_values(
        instrument: &InstrumentId,
        pairs: PairSlices<'_>,
        dropouts: u64,
        yardsticks: &Yardsticks,
    ) -> Result<Self, Error> {
        let paired_n = pairs.change.len();
        let paired = if paired_n >= 2 {
            Some(PairedComparison::from_values(
                pairs.baseline,
                pairs.follow_up,
                pairs.change,
            )?)
        } else {
            None
        };
        let changes = match (&yardsticks.reliable_change, paired_n > 0) {
            (Some(criterion), true) => Some(tally_changes(
                criterion,
                yardsticks.direction,
                yardsticks.clinical_cutoff,
                pairs.baseline,
                pairs.follow_up,
            )),
            _ => None,
        };
        OutcomeSummary::of_parts(
            instrument,
            paired_n as u64,
            dropouts,
            paired,
            changes,
            yardsticks,
        )
    }

    /// The summary of a group of pairs given by their sums (see
    /// [`pair_sums`](crate::pair_sums)), with `ascending` the slots of the magnitudes of
    /// change in ascending order, and `dropouts` drop-outs: the same summary as
    /// [`of_values`](Self::of_values) of the pairs, bit for bit.
    pub(crate) fn of_sums(
        instrument: &InstrumentId,
        sums: &PairSums,
        ascending: &[usize],
        dropouts: u64,
        yardsticks: &Yardsticks,
    ) -> Result<Self, Error> {
        let paired_n = sums.grid.len();
        let paired = if paired_n >= 2 {
            // Fewer than 2³² pairs: a table sums no more.
            #[allow(clippy::cast_possible_truncation)]
            let n = paired_n as usize;
            Some(PairedComparison::from_parts(
                n,
                sums.grid.means_and_sds(),
                &sums.tie_groups(ascending),
            )?)
        } else {
            None
        };
        let changes = (yardsticks.reliable_change.is_some() && paired_n > 0).then(|| {
            sums.changes
                .by_class_and_status(yardsticks.clinical_cutoff.is_some())
        });
        OutcomeSummary::of_parts(instrument, paired_n, dropouts, paired, changes, yardsticks)
    }

    /// The summary from the paired comparison and the reliable-change counts (by class
    /// and by clinical status, in the order of [`ChangeClass`] and [`ClinicalStatus`])
    /// of `paired_n` pairs, and `dropouts` drop-outs.
    fn of_parts(
        instrument: &InstrumentId,
        paired_n: u64,
        dropouts: u64,
        paired: Option<PairedComparison>,
        changes: Option<([u64; 3], [u64; 4])>,
        yardsticks: &Yardsticks,
    ) -> Result<Self, Error> {
        let with_baseline = paired_n + dropouts;
        let dropout = (with_baseline > 0)
            .then(|| Proportion::wilson(dropouts, with_baseline))
            .transpose()?;
        let (reliable_change, clinical) = match changes {
            Some((classes, statuses)) => {
                let share = |count: u64| Proportion::wilson(count, paired_n);
                let distribution = ChangeDistribution {
                    improved: share(classes[ChangeClass::Improved as usize])?,
                    unchanged: share(classes[ChangeClass::Unchanged as usize])?,
                    deteriorated: share(classes[ChangeClass::Deteriorated as usize])?,
                };
                let clinical = if yardsticks.clinical_cutoff.is_some() {
                    Some(ClinicalDistribution {
                        recovered: share(statuses[ClinicalStatus::Recovered as usize])?,
                        improved: share(statuses[ClinicalStatus::Improved as usize])?,
                        unchanged: share(statuses[ClinicalStatus::Unchanged as usize])?,
                        deteriorated: share(statuses[ClinicalStatus::Deteriorated as usize])?,
                    })
                } else {
                    None
                };
                (Some(distribution), clinical)
            }
            None => (None, None),
        };
        Ok(OutcomeSummary {
            instrument: instrument.clone(),
            clients_with_baseline: with_baseline,
            clients_paired: paired_n,
            dropout,
            paired,
            reliable_change,
            clinical,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn exact_change_is_the_decimal_difference(
            b in any::<i64>(), f in any::<i64>(), bs in 0u32..4, fs in 0u32..4,
        ) {
            let (baseline, follow_up) = (Decimal::new(b, bs), Decimal::new(f, fs));
            let plain = crate::double::to_f64(follow_up - baseline);
            prop_assert_eq!(exact_change(baseline, follow_up).to_bits(), plain.to_bits());
        }

        #[test]
        fn exact_change_holds_for_whole_scores(b in -100_000i64..100_000, f in -100_000i64..100_000) {
            let (baseline, follow_up) = (Decimal::from(b), Decimal::from(f));
            let plain = crate::double::to_f64(follow_up - baseline);
            prop_assert_eq!(exact_change(baseline, follow_up).to_bits(), plain.to_bits());
        }
    }
}
