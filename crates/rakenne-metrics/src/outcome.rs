//! Outcome evaluation of one instrument: pair each client's baseline and follow-up, then
//! summarize change for a group.
//!
//! **Pairing.** Administrations of the instrument are scored; invalid scores (too many
//! missing items) are left out and counted. Per client and implementation, the earliest
//! valid baseline is paired with the latest valid follow-up on or after it. A client with
//! a valid baseline and no such follow-up has *dropped out* of the outcome measurement.
//!
//! **Summary.** For a group of pairs: the paired comparison (t, Wilcoxon, effect sizes),
//! the shares of clients who improved, did not change or deteriorated reliably (Reliable
//! Change Index), the Jacobson–Truax categories when a clinical cut-off is known, and the
//! drop-out rate. The reliable-change criterion and the cut-off are fixed for the whole
//! analysis, not re-estimated per group, so groups are classified by the same yardstick.

use std::collections::BTreeMap;

use rakenne_model::{
    Client, ClientId, ImplementationId, InstrumentAdministration, InstrumentId, Occasion,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::{
    ChangeClass, ClinicalCutoffs, ClinicalStatus, Direction, Error, IndividualChange,
    InstrumentDefinition, PairedComparison, Proportion, ReliableChange,
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

/// The earliest baseline and latest follow-up of one client and implementation.
#[derive(Default)]
struct Track {
    client: Option<Client>,
    baseline: Option<(Date, Decimal)>,
    follow_ups: Vec<(Date, Decimal)>,
}

/// Pairs the administrations of `definition`'s instrument (administrations of other
/// instruments are skipped).
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
pub fn pair_administrations<'a>(
    definition: &InstrumentDefinition,
    administrations: impl IntoIterator<Item = &'a InstrumentAdministration>,
) -> Result<Pairing, Error> {
    let mut tracks: BTreeMap<(ClientId, Option<ImplementationId>), Track> = BTreeMap::new();
    let mut invalid_scores = 0u64;
    for administration in administrations {
        if administration.instrument() != &definition.id {
            continue;
        }
        let occasion = administration.occasion();
        if occasion == Occasion::Interim {
            continue;
        }
        let score = definition.score(administration)?;
        let Some(total) = score.total.valid_value() else {
            invalid_scores += 1;
            continue;
        };
        let key = (
            administration.client().id().clone(),
            administration.implementation().cloned(),
        );
        let track = tracks.entry(key).or_default();
        if track.client.is_none() {
            track.client = Some(administration.client().clone());
        }
        let on = administration.administered_on();
        match occasion {
            Occasion::Baseline => {
                if track.baseline.is_none_or(|(date, _)| on < date) {
                    track.baseline = Some((on, total));
                }
            }
            _ => track.follow_ups.push((on, total)),
        }
    }
    let mut pairing = Pairing {
        invalid_scores,
        ..Pairing::default()
    };
    for ((_, implementation), track) in tracks {
        let (Some(client), Some((baseline_on, baseline))) = (track.client, track.baseline) else {
            continue;
        };
        let follow_up = track
            .follow_ups
            .into_iter()
            .filter(|(on, _)| *on >= baseline_on)
            .max_by_key(|(on, _)| *on);
        match follow_up {
            Some((follow_up_on, follow_up)) => pairing.pairs.push(ScorePair {
                client,
                implementation,
                baseline,
                baseline_on,
                follow_up,
                follow_up_on,
            }),
            None => pairing.dropouts.push(Dropout {
                client,
                implementation,
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
            let baseline: Vec<Decimal> = pairs.iter().map(|p| p.baseline).collect();
            let follow_up: Vec<Decimal> = pairs.iter().map(|p| p.follow_up).collect();
            Some(PairedComparison::compute(&baseline, &follow_up)?)
        } else {
            None
        };
        let (reliable_change, clinical) = match (&yardsticks.reliable_change, paired_n > 0) {
            (Some(criterion), true) => {
                let changes: Vec<IndividualChange> = pairs
                    .iter()
                    .map(|p| {
                        IndividualChange::assess(
                            p.baseline,
                            p.follow_up,
                            yardsticks.direction,
                            Some(criterion),
                            yardsticks.clinical_cutoff,
                        )
                    })
                    .collect();
                let share = |count: usize| Proportion::wilson(count as u64, paired_n);
                let classes =
                    |class: ChangeClass| changes.iter().filter(|c| c.class == Some(class)).count();
                let distribution = ChangeDistribution {
                    improved: share(classes(ChangeClass::Improved))?,
                    unchanged: share(classes(ChangeClass::Unchanged))?,
                    deteriorated: share(classes(ChangeClass::Deteriorated))?,
                };
                let clinical = if yardsticks.clinical_cutoff.is_some() {
                    let status = |s: ClinicalStatus| {
                        changes.iter().filter(|c| c.clinical == Some(s)).count()
                    };
                    Some(ClinicalDistribution {
                        recovered: share(status(ClinicalStatus::Recovered))?,
                        improved: share(status(ClinicalStatus::Improved))?,
                        unchanged: share(status(ClinicalStatus::Unchanged))?,
                        deteriorated: share(status(ClinicalStatus::Deteriorated))?,
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
