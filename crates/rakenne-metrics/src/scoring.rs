//! Scoring an administration: raw item responses → total and subscale scores.
//!
//! Every response is checked against the definition (known item, score on the item's
//! scale), reverse-scored items are turned around, and each scale (the total and every
//! subscale) is scored by the definition's rule. A scale's score is *valid* when no more
//! items are missing than the missing-data rule allows; an invalid score is still reported
//! (with the items that were missing) so that data stewards can see why it is left out of
//! outcome statistics. Items that the administration does not mention at all count as
//! missing, like items marked with a missing-value code.

use rakenne_model::{InstrumentAdministration, InstrumentId, ItemId, ItemValue};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Error, InstrumentDefinition, ScoringRule};

/// The score of one scale (the total or a subscale) of one administration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScaleScore {
    /// The score by the definition's rule; `None` when no item of the scale was answered.
    #[serde(
        default,
        with = "rust_decimal::serde::str_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    pub value: Option<Decimal>,
    /// Whether the score is valid under the missing-data rule.
    pub valid: bool,
    /// Number of items answered.
    pub answered: u32,
    /// The items without a score, in the definition's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<ItemId>,
}

impl ScaleScore {
    /// The score if it is valid.
    pub fn valid_value(&self) -> Option<Decimal> {
        self.value.filter(|_| self.valid)
    }
}

/// A subscale's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscaleScore {
    /// Id of the subscale.
    pub subscale: String,
    /// Its score.
    pub score: ScaleScore,
}

/// The scores of one administration.
///
/// # Example
/// ```
/// use rakenne_metrics::builtin;
/// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, MissingReason, Occasion};
/// use rust_decimal::Decimal;
/// use time::macros::date;
///
/// let phq9 = builtin::phq9();
/// let mut responses: Vec<ItemResponse> = (1..=8)
///     .map(|i| ItemResponse::scored(format!("q{i}").parse().unwrap(), "2".parse().unwrap()))
///     .collect();
/// responses.push(ItemResponse::missing("q9".parse()?, MissingReason::Refused));
/// let administration = InstrumentAdministration::new(
///     "M-1".parse()?, "PHQ-9".parse()?, Client::new("C-1".parse()?),
///     date!(2025 - 02 - 03), Occasion::Baseline, responses,
/// )?;
/// let scores = phq9.score(&administration).unwrap();
/// assert_eq!(scores.total.value, Some(Decimal::from(16)));
/// assert!(!scores.total.valid); // PHQ-9 allows no missing item
/// assert_eq!(scores.total.missing, vec!["q9".parse()?]);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InstrumentScore {
    /// The instrument.
    pub instrument: InstrumentId,
    /// The total score.
    pub total: ScaleScore,
    /// Subscale scores, in the definition's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscales: Vec<SubscaleScore>,
}

impl InstrumentDefinition {
    /// Scores an administration of this instrument.
    ///
    /// Errors when the administration is of another instrument, names an item the
    /// instrument does not have, or has a score outside its item's scale.
    pub fn score(
        &self,
        administration: &InstrumentAdministration,
    ) -> Result<InstrumentScore, Error> {
        if administration.instrument() != &self.id {
            return Err(Error::WrongInstrument {
                administered: administration.instrument().to_string(),
                definition: self.id.to_string(),
            });
        }
        // The item score of every item in definition order; `None` when missing.
        let mut scores: Vec<Option<Decimal>> = vec![None; self.items.len()];
        for response in administration.responses() {
            let Some(position) = self.items.iter().position(|i| &i.id == response.item()) else {
                return Err(Error::UnknownItem {
                    instrument: self.id.to_string(),
                    item: response.item().to_string(),
                });
            };
            let item = &self.items[position];
            if let ItemValue::Score(score) = response.value() {
                let value = score.value();
                if value < item.min || value > item.max {
                    return Err(Error::ScoreOutOfRange {
                        instrument: self.id.to_string(),
                        item: item.id.to_string(),
                        value: value.to_string(),
                        min: item.min.to_string(),
                        max: item.max.to_string(),
                    });
                }
                scores[position] = Some(if item.reverse {
                    item.min + item.max - value
                } else {
                    value
                });
            }
        }
        let total = self.scale_score(&scores, |_| true);
        let subscales = self
            .subscales
            .iter()
            .map(|subscale| SubscaleScore {
                subscale: subscale.id.clone(),
                score: self.scale_score(&scores, |i| {
                    self.items[i].subscale.as_deref() == Some(subscale.id.as_str())
                }),
            })
            .collect();
        Ok(InstrumentScore {
            instrument: self.id.clone(),
            total,
            subscales,
        })
    }

    /// Scores the items at the positions `in_scale` accepts.
    fn scale_score(
        &self,
        scores: &[Option<Decimal>],
        in_scale: impl Fn(usize) -> bool,
    ) -> ScaleScore {
        let mut sum = Decimal::ZERO;
        let mut answered = 0u32;
        let mut items = 0u32;
        let mut missing = Vec::new();
        for (i, score) in scores.iter().enumerate().filter(|(i, _)| in_scale(*i)) {
            items += 1;
            match score {
                Some(score) => {
                    sum += score;
                    answered += 1;
                }
                None => missing.push(self.items[i].id.clone()),
            }
        }
        let value = (answered > 0).then(|| match self.scoring {
            ScoringRule::Sum => sum,
            ScoringRule::Mean => sum / Decimal::from(answered),
            ScoringRule::ProratedSum => sum * Decimal::from(items) / Decimal::from(answered),
        });
        ScaleScore {
            value,
            valid: answered > 0 && missing.len() <= self.max_missing as usize,
            answered,
            missing,
        }
    }
}
