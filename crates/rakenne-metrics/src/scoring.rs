//! Scoring an administration: raw item responses → total and subscale scores.
//!
//! Every response is checked against the definition (known item, score on the item's
//! scale), reverse-scored items are turned around, and each scale (the total and every
//! subscale) is scored by the definition's rule. A scale's score is *valid* when no more
//! items are missing than the missing-data rule allows; an invalid score is still reported
//! (with the items that were missing) so that data stewards can see why it is left out of
//! outcome statistics. Items that the administration does not mention at all count as
//! missing, like items marked with a missing-value code.

use rakenne_model::{InstrumentAdministration, InstrumentId, ItemId, ItemScore, ItemValue};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::Text;
use crate::{Error, InstrumentDefinition, ItemDefinition, ScoringRule};

/// The score of one scale (the total or a subscale) of one administration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScaleScore {
    /// The score by the definition's rule; `None` when no item of the scale was answered.
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
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
        if Text(administration.instrument().as_str()) != Text(self.id.as_str()) {
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
                scores[position] = Some(self.item_score(item, score)?);
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

    /// The total score of an administration if it is valid under the missing-item rule
    /// (`None` when it is not): the same total as [`score`](Self::score), computed without
    /// allocating, for pairing large data sets. The same errors as `score`.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::builtin;
    /// use rakenne_model::{Client, InstrumentAdministration, ItemResponse, Occasion};
    /// use rust_decimal::Decimal;
    /// use time::macros::date;
    ///
    /// let gad7 = builtin::gad7();
    /// let responses = (1..=7)
    ///     .map(|i| ItemResponse::scored(format!("q{i}").parse().unwrap(), "1".parse().unwrap()))
    ///     .collect();
    /// let a = InstrumentAdministration::new(
    ///     "M-1".parse()?, "GAD-7".parse()?, Client::new("C-1".parse()?),
    ///     date!(2025 - 02 - 03), Occasion::Baseline, responses,
    /// )?;
    /// assert_eq!(gad7.valid_total(&a).unwrap(), Some(Decimal::from(7)));
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn valid_total(
        &self,
        administration: &InstrumentAdministration,
    ) -> Result<Option<Decimal>, Error> {
        if Text(administration.instrument().as_str()) != Text(self.id.as_str()) {
            return Err(Error::WrongInstrument {
                administered: administration.instrument().to_string(),
                definition: self.id.to_string(),
            });
        }
        self.valid_total_of(administration)
    }

    /// [`valid_total`](Self::valid_total) of an administration known to be of this
    /// instrument (the caller compared the ids).
    pub(crate) fn valid_total_of(
        &self,
        administration: &InstrumentAdministration,
    ) -> Result<Option<Decimal>, Error> {
        Ok(self
            .raw_total_of(administration)?
            .map(|raw| self.total_from(raw)))
    }

    /// The sum of the item scores of an administration known to be of this instrument,
    /// if its total is valid: what [`valid_total_of`](Self::valid_total_of) computes
    /// before the scoring rule (see [`total_from`](Self::total_from)). To score many
    /// administrations, [`ScoringPlan::raw_total_of`] does the same faster.
    pub(crate) fn raw_total_of(
        &self,
        administration: &InstrumentAdministration,
    ) -> Result<Option<RawTotal>, Error> {
        raw_total(self, &self.items, administration)
    }

    /// The total of a valid administration from its [`RawTotal`], by the scoring rule.
    pub(crate) fn total_from(&self, raw: RawTotal) -> Decimal {
        let sum = hundredths_normalized(raw.hundredths);
        let items = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        match self.scoring {
            ScoringRule::Sum => sum,
            ScoringRule::Mean => sum / Decimal::from(raw.answered),
            ScoringRule::ProratedSum => sum * Decimal::from(items) / Decimal::from(raw.answered),
        }
    }

    /// The total of a valid administration in hundredths, when the scoring rule is the
    /// sum (the total is then the sum of the item scores exactly) and it fits in an
    /// `i32`; `None` otherwise (the total is then [`total_from`](Self::total_from)).
    pub(crate) fn total_hundredths(&self, raw: RawTotal) -> Option<i32> {
        match self.scoring {
            ScoringRule::Sum => i32::try_from(raw.hundredths).ok(),
            ScoringRule::Mean | ScoringRule::ProratedSum => None,
        }
    }

    /// The score of `item` for a response `score`, reversed if the item is; an error off
    /// the item's scale.
    fn item_score(&self, item: &ItemDefinition, score: ItemScore) -> Result<Decimal, Error> {
        if score < item.min || score > item.max {
            return Err(self.out_of_range(&item.id, (item.min, item.max), score));
        }
        Ok(if item.reverse {
            item.min.value() + item.max.value() - score.value()
        } else {
            score.value()
        })
    }

    /// The error of a response `score` to `item`, off its scale `min..=max`.
    fn out_of_range(
        &self,
        item: &ItemId,
        (min, max): (ItemScore, ItemScore),
        score: ItemScore,
    ) -> Error {
        Error::ScoreOutOfRange {
            instrument: self.id.to_string(),
            item: item.to_string(),
            value: score.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        }
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

/// The sum of the item scores of an administration with a valid total, in hundredths,
/// and how many items were answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTotal {
    hundredths: i64,
    answered: u32,
}

/// `hundredths` / 100 as a normalized decimal (no trailing zeros in the fraction), as
/// `Decimal::new(hundredths, 2).normalize()` but without its division loop.
fn hundredths_normalized(hundredths: i64) -> Decimal {
    if hundredths % 100 == 0 {
        Decimal::from(hundredths / 100)
    } else if hundredths % 10 == 0 {
        Decimal::new(hundredths / 10, 1)
    } else {
        Decimal::new(hundredths, 2)
    }
}

/// A definition's items as scoring reads them, for scoring many administrations: the
/// item ids as text, ready to compare (an id kept in an item is unpacked for every
/// response), and the scales.
#[derive(Debug, Clone)]
pub(crate) struct ScoringPlan<'d> {
    definition: &'d InstrumentDefinition,
    /// The definition's items, in its order.
    items: Vec<PlannedItem<'d>>,
}

impl<'d> ScoringPlan<'d> {
    /// The plan of `definition`.
    pub(crate) fn new(definition: &'d InstrumentDefinition) -> Self {
        let items = definition.items.iter().map(PlannedItem::of).collect();
        ScoringPlan { definition, items }
    }

    /// [`InstrumentDefinition::raw_total_of`] of the plan's definition.
    pub(crate) fn raw_total_of(
        &self,
        administration: &InstrumentAdministration,
    ) -> Result<Option<RawTotal>, Error> {
        raw_total(self.definition, &self.items, administration)
    }
}

/// An item of a [`ScoringPlan`].
#[derive(Debug, Clone, Copy)]
struct PlannedItem<'d> {
    id: &'d str,
    min: ItemScore,
    max: ItemScore,
    /// min + max, in hundredths: a reverse-scored response is this minus the score.
    turn: i32,
    reverse: bool,
}

impl<'d> PlannedItem<'d> {
    /// `item` as a plan holds it.
    #[inline]
    fn of(item: &'d ItemDefinition) -> Self {
        PlannedItem {
            id: item.id.as_str(),
            min: item.min,
            max: item.max,
            turn: item.min.hundredths() + item.max.hundredths(),
            reverse: item.reverse,
        }
    }

    /// The score of a response `score` (on the scale) in hundredths: turned round
    /// (min + max − score) if the item is reverse-scored.
    #[inline]
    fn hundredths(&self, score: ItemScore) -> i32 {
        if self.reverse {
            self.turn - score.hundredths()
        } else {
            score.hundredths()
        }
    }
}

/// An item as scoring reads it: by its id, then as a [`PlannedItem`].
trait ScoredItem {
    /// The id.
    fn id(&self) -> &str;
    /// The item as a plan holds it.
    fn planned(&self) -> PlannedItem<'_>;
}

impl ScoredItem for ItemDefinition {
    #[inline]
    fn id(&self) -> &str {
        self.id.as_str()
    }
    #[inline]
    fn planned(&self) -> PlannedItem<'_> {
        PlannedItem::of(self)
    }
}

impl ScoredItem for PlannedItem<'_> {
    #[inline]
    fn id(&self) -> &str {
        self.id
    }
    #[inline]
    fn planned(&self) -> PlannedItem<'_> {
        *self
    }
}

/// The raw total of `administration`, of `definition`'s instrument, whose items are
/// `items` (in the definition's order).
#[inline]
fn raw_total<I: ScoredItem>(
    definition: &InstrumentDefinition,
    items: &[I],
    administration: &InstrumentAdministration,
) -> Result<Option<RawTotal>, Error> {
    // Hundredths of points: exact integer arithmetic.
    let mut sum: i64 = 0;
    let mut answered = 0u32;
    for (k, response) in administration.responses().iter().enumerate() {
        let id = response.item().as_str();
        // Responses usually come in the definition's order: try that position first.
        let item = match items.get(k) {
            Some(item) if Text(item.id()) == Text(id) => item,
            _ => match items.iter().find(|item| Text(item.id()) == Text(id)) {
                Some(item) => item,
                None => {
                    return Err(Error::UnknownItem {
                        instrument: definition.id.to_string(),
                        item: id.to_string(),
                    });
                }
            },
        };
        if let ItemValue::Score(score) = response.value() {
            let item = item.planned();
            if score < item.min || score > item.max {
                return Err(definition.out_of_range(response.item(), (item.min, item.max), score));
            }
            sum += i64::from(item.hundredths(score));
            answered += 1;
        }
    }
    // Responses name each item at most once (an invariant of the administration), so
    // the items not answered are the rest.
    let items = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let missing = items - answered;
    if answered == 0 || missing > definition.max_missing {
        return Ok(None);
    }
    Ok(Some(RawTotal {
        hundredths: sum,
        answered,
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use rakenne_model::{Client, ItemResponse, MissingReason, Occasion};

    use super::*;

    proptest! {
        #[test]
        fn hundredths_normalized_is_normalize(hundredths in -10_000_000i64..10_000_000) {
            let fast = hundredths_normalized(hundredths);
            let plain = Decimal::new(hundredths, 2).normalize();
            // Equal in value and in representation (scale, sign of zero).
            prop_assert_eq!(fast.serialize(), plain.serialize());
        }

        /// A plan scores as its definition does, and as the rules say, whatever the
        /// responses: in any order, some missing, some off the scale, an unknown item.
        #[test]
        fn a_plan_scores_as_its_definition(
            order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
            present in prop::collection::vec(any::<bool>(), 5),
            values in prop::collection::vec(prop::option::of(-1i16..=5), 5),
        ) {
            // Items 0–3 are the definition's q1–q4; item 4 is unknown to it.
            let ids = ["q1", "q2", "q3", "q4", "q9"];
            let given: Vec<usize> = order.into_iter().filter(|&i| present[i]).collect();
            prop_assume!(!given.is_empty());
            let responses = given
                .iter()
                .map(|&i| {
                    let id = ids[i].parse().unwrap();
                    match values[i] {
                        Some(v) => ItemResponse::scored(id, ItemScore::from_int(v).unwrap()),
                        None => ItemResponse::missing(id, MissingReason::Refused),
                    }
                })
                .collect();
            let on = time::Date::from_calendar_date(2025, time::Month::March, 3).unwrap();
            let administration = InstrumentAdministration::new(
                "M1".parse().unwrap(),
                "T4".parse().unwrap(),
                Client::new("C1".parse().unwrap()),
                on,
                Occasion::Baseline,
                responses,
            )
            .unwrap();
            let definition = four_items();
            let by_plan = ScoringPlan::new(&definition).raw_total_of(&administration);
            let by_definition = definition.raw_total_of(&administration);
            prop_assert_eq!(format!("{by_plan:?}"), format!("{by_definition:?}"));

            // The first response of an unknown item or off the 0–4 scale is the error.
            let first_bad = given
                .iter()
                .find(|&&i| i == 4 || values[i].is_some_and(|v| !(0..=4).contains(&v)));
            match (first_bad, by_plan) {
                (Some(&4), Err(Error::UnknownItem { item, .. })) => prop_assert_eq!(item, "q9"),
                (Some(&i), Err(Error::ScoreOutOfRange { item, .. })) => {
                    prop_assert_eq!(item, ids[i]);
                }
                (None, Ok(total)) => {
                    let scored: Vec<(usize, i16)> =
                        given.iter().filter_map(|&i| values[i].map(|v| (i, v))).collect();
                    // q2 is reverse-scored: 0 + 4 − v.
                    let hundredths: i64 = scored
                        .iter()
                        .map(|&(i, v)| 100 * i64::from(if i == 1 { 4 - v } else { v }))
                        .sum();
                    let answered = u32::try_from(scored.len()).unwrap();
                    // Valid with at most one of the four items missing.
                    let expected = (answered >= 3).then_some(RawTotal { hundredths, answered });
                    prop_assert_eq!(total, expected);
                }
                (bad, got) => prop_assert!(false, "first bad {:?}, got {:?}", bad, got),
            }
        }
    }

    /// Four items scored 0–4, q2 reverse-scored; one item may be missing.
    fn four_items() -> InstrumentDefinition {
        let items = (1..=4)
            .map(|i| {
                let mut item = ItemDefinition::new(
                    format!("q{i}").parse().unwrap(),
                    ItemScore::from_int(0).unwrap(),
                    ItemScore::from_int(4).unwrap(),
                );
                item.reverse = i == 2;
                item
            })
            .collect();
        let mut definition = InstrumentDefinition::new(
            "T4".parse().unwrap(),
            "1",
            rakenne_model::Labels::from_static("Testi", None, None),
            items,
            ScoringRule::Sum,
            crate::Direction::HigherIsBetter,
        )
        .unwrap();
        definition.max_missing = 1;
        definition
    }
}
