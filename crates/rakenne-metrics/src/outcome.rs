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

use rakenne_model::{Client, ImplementationId, InstrumentAdministration, InstrumentId, Occasion};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::change::clinical_status;
use crate::{
    ChangeClass, ClinicalCutoffs, ClinicalStatus, Direction, Error, InstrumentDefinition,
    PairedComparison, Proportion, ReliableChange,
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
    values: PairValues,
}

/// Baseline, follow-up and their exact difference, each converted to a double once.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PairValues {
    baseline: f64,
    follow_up: f64,
    change: f64,
}

impl PairValues {
    fn of(baseline: Decimal, follow_up: Decimal) -> Self {
        let to_f64 = |d: Decimal| d.to_f64().unwrap_or_default();
        PairValues {
            baseline: to_f64(baseline),
            follow_up: to_f64(follow_up),
            change: to_f64(follow_up - baseline),
        }
    }
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

/// The earliest valid baseline and the latest valid follow-up after it, of one client
/// and implementation: positions in the input, with their dates kept at hand.
#[derive(Clone, Copy)]
struct Track {
    baseline: Option<(usize, Date)>,
    follow_up: Option<(usize, Date)>,
}

/// Pairs the administrations of `definition`'s instrument (administrations of other
/// instruments, and interim ones, are skipped).
///
/// Pairs and drop-outs come in the order in which their client and implementation first
/// appear in the input, so the result is deterministic.
///
/// Errors when an administration cannot be scored (an unknown item or a score off its
/// scale): such data must be corrected, not silently dropped.
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
    // Pass 1: score every administration once; find each track's earliest baseline.
    let mut totals: Vec<Option<Decimal>> = Vec::with_capacity(administrations.len());
    let mut index: FxHashMap<(&str, Option<&str>), usize> =
        FxHashMap::with_capacity_and_hasher(administrations.len() / 2, rustc_hash::FxBuildHasher);
    let mut tracks: Vec<Track> = Vec::new();
    let mut track_of: Vec<usize> = Vec::with_capacity(administrations.len());
    let mut invalid_scores = 0u64;
    for (position, a) in administrations.iter().enumerate() {
        let relevant = a.instrument() == &definition.id && a.occasion() != Occasion::Interim;
        let total = if relevant {
            definition.valid_total(a)?
        } else {
            None
        };
        if relevant && total.is_none() {
            invalid_scores += 1;
        }
        totals.push(total);
        let key = (
            a.client().id().as_str(),
            a.implementation().map(ImplementationId::as_str),
        );
        let next = tracks.len();
        let track = *index.entry(key).or_insert(next);
        if track == next {
            tracks.push(Track {
                baseline: None,
                follow_up: None,
            });
        }
        track_of.push(track);
        if total.is_some() && a.occasion() == Occasion::Baseline {
            let t = &mut tracks[track];
            let on = a.administered_on();
            if t.baseline.is_none_or(|(_, date)| on < date) {
                t.baseline = Some((position, on));
            }
        }
    }
    // Pass 2: the latest valid follow-up on or after the track's baseline.
    for (position, a) in administrations.iter().enumerate() {
        if totals[position].is_none() || a.occasion() != Occasion::FollowUp {
            continue;
        }
        let t = &mut tracks[track_of[position]];
        let Some((_, baseline_on)) = t.baseline else {
            continue;
        };
        let on = a.administered_on();
        if on >= baseline_on && t.follow_up.is_none_or(|(_, date)| on >= date) {
            t.follow_up = Some((position, on));
        }
    }
    let mut pairing = Pairing {
        invalid_scores,
        ..Pairing::default()
    };
    for track in tracks {
        let Some((b, baseline_on)) = track.baseline else {
            continue;
        };
        let (base, baseline) = (&administrations[b], totals[b].unwrap_or_default());
        match track.follow_up {
            Some((f, follow_up_on)) => pairing.pairs.push(ScorePair::new(
                base.client().clone(),
                base.implementation().cloned(),
                (baseline, baseline_on),
                (totals[f].unwrap_or_default(), follow_up_on),
            )),
            None => pairing.dropouts.push(Dropout {
                client: base.client().clone(),
                implementation: base.implementation().cloned(),
                baseline,
                baseline_on,
            }),
        }
    }
    Ok(pairing)
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
        let sd0 = definition
            .norms
            .as_ref()
            .map(|n| n.dysfunctional.sd)
            .or_else(|| {
                (baselines.len() >= 2).then(|| {
                    let values: Vec<f64> = baselines
                        .iter()
                        .map(|b| b.to_f64().unwrap_or_default())
                        .collect();
                    crate::descriptives::mean_and_sd(&values).1
                })
            });
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
        let paired_n = pairs.len() as u64;
        let with_baseline = paired_n + dropouts.len() as u64;
        let dropout = (with_baseline > 0)
            .then(|| Proportion::wilson(dropouts.len() as u64, with_baseline))
            .transpose()?;
        let paired = if pairs.len() >= 2 {
            let baseline: Vec<f64> = pairs.iter().map(|p| p.values.baseline).collect();
            let follow_up: Vec<f64> = pairs.iter().map(|p| p.values.follow_up).collect();
            let changes: Vec<f64> = pairs.iter().map(|p| p.values.change).collect();
            Some(PairedComparison::from_values(
                &baseline, &follow_up, &changes,
            )?)
        } else {
            None
        };
        let (reliable_change, clinical) = match (&yardsticks.reliable_change, paired_n > 0) {
            (Some(criterion), true) => {
                // Counts by class, in the order of ChangeClass and ClinicalStatus.
                let mut classes = [0u64; 3];
                let mut statuses = [0u64; 4];
                for p in pairs {
                    let v = &p.values;
                    let class = criterion.classify(
                        criterion.index(v.baseline, v.follow_up),
                        yardsticks.direction,
                    );
                    classes[class as usize] += 1;
                    if let Some(cutoff) = yardsticks.clinical_cutoff {
                        let status = clinical_status(
                            class,
                            v.baseline,
                            v.follow_up,
                            cutoff,
                            yardsticks.direction,
                        );
                        statuses[status as usize] += 1;
                    }
                }
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
            _ => (None, None),
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
