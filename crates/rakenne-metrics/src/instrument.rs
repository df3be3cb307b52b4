//! Instrument definitions (mittarit): how the items of an outcome instrument are scored.
//!
//! An [`InstrumentAdministration`](rakenne_model::InstrumentAdministration) holds raw item
//! responses; an [`InstrumentDefinition`] says what they mean: the items and their scales,
//! which items are reverse-scored, how items add up to a total and to subscales, how many
//! items may be missing, which direction is better, and the psychometrics that individual
//! change needs (reliability, cut-offs, norms). Definitions are data (serde + JSON Schema),
//! so a welfare area can add its own instrument without code; built-in ones are in
//! [`builtin`](crate::builtin).

use std::collections::BTreeSet;

use rakenne_model::{InstrumentId, ItemId, ItemScore, Labels};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;

/// Which way is better on an instrument (or any score).
///
/// # Example
/// ```
/// use rakenne_metrics::Direction;
/// use rust_decimal::Decimal;
///
/// // PHQ-9: lower is better, so a fall of 4 points is an improvement of 4.
/// assert_eq!(Direction::LowerIsBetter.improvement(Decimal::from(-4)), Decimal::from(4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// Higher scores mean better functioning or wellbeing (e.g. WHO-5, ORS).
    HigherIsBetter,
    /// Lower scores mean better (e.g. symptom scales such as PHQ-9).
    LowerIsBetter,
}

impl Direction {
    /// The improvement that a change of `change` (follow-up − baseline) means: the change
    /// itself when higher is better, its negation when lower is better.
    pub fn improvement(self, change: Decimal) -> Decimal {
        match self {
            Direction::HigherIsBetter => change,
            Direction::LowerIsBetter => -change,
        }
    }

    /// The same for an `f64` change.
    pub fn improvement_f64(self, change: f64) -> f64 {
        match self {
            Direction::HigherIsBetter => change,
            Direction::LowerIsBetter => -change,
        }
    }
}

/// How item scores add up to a scale score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScoringRule {
    /// The sum of the answered items.
    Sum,
    /// The mean of the answered items.
    Mean,
    /// The sum of the answered items × (number of items / number answered): the sum the
    /// client would have had if the missing items were answered like the others.
    ProratedSum,
}

/// One item of an instrument (structure only: item wording of licensed instruments is not
/// reproduced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ItemDefinition {
    /// Id of the item, as in administrations.
    pub id: ItemId,
    /// Lowest score.
    pub min: ItemScore,
    /// Highest score.
    pub max: ItemScore,
    /// Whether the item is reverse-scored (score = min + max − response).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// The subscale the item belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscale: Option<String>,
}

impl ItemDefinition {
    /// An item scored from `min` to `max`, not reversed, in no subscale.
    pub fn new(id: ItemId, min: ItemScore, max: ItemScore) -> Self {
        ItemDefinition {
            id,
            min,
            max,
            reverse: false,
            subscale: None,
        }
    }

    /// Marks the item reverse-scored.
    #[must_use]
    pub fn reversed(mut self) -> Self {
        self.reverse = true;
        self
    }

    /// Puts the item in subscale `subscale`.
    #[must_use]
    pub fn in_subscale(mut self, subscale: &str) -> Self {
        self.subscale = Some(subscale.to_owned());
        self
    }
}

/// A subscale: a named group of items scored like the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Subscale {
    /// Id of the subscale, referred to by items.
    pub id: String,
    /// Name in fi/sv/en.
    pub name: Labels,
}

/// What kind of reliability coefficient an instrument reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReliabilityKind {
    /// Internal consistency (Cronbach's α).
    CronbachAlpha,
    /// Test–retest correlation.
    TestRetest,
}

/// A published reliability coefficient, used for the Reliable Change Index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Reliability {
    /// The coefficient, 0 ≤ r < 1.
    pub coefficient: f64,
    /// What kind of coefficient it is.
    pub kind: ReliabilityKind,
    /// Where it is published.
    pub source: String,
}

/// A published cut-off score, e.g. a severity band's lower bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Cutoff {
    /// The score at which the band starts.
    #[serde(with = "rakenne_model::decimal::string")]
    #[schemars(with = "rakenne_model::decimal::DecimalString")]
    pub score: Decimal,
    /// What the band means, in fi/sv/en.
    pub label: Labels,
}

/// Mean and standard deviation of a reference population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct NormGroup {
    /// Mean score.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
}

/// Norms for clinical significance (Jacobson & Truax 1991): the dysfunctional (clinical)
/// population and, where known, the functional (general) population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Norms {
    /// The dysfunctional population.
    pub dysfunctional: NormGroup,
    /// The functional population, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional: Option<NormGroup>,
    /// Where the norms are published.
    pub source: String,
}

/// The definition of an outcome instrument (mittarin määrittely): items, scoring,
/// missing-data rule, direction and psychometrics.
///
/// Checked when built and when deserialized: at least one item, item ids unique, every
/// item's min < max, subscales referred to by items exist, reliability in [0, 1),
/// standard deviations of norms positive.
///
/// # Example
/// ```
/// use rakenne_metrics::{Direction, InstrumentDefinition, ItemDefinition, ScoringRule};
/// use rakenne_model::Labels;
/// use rust_decimal::Decimal;
///
/// let items = (1..=3)
///     .map(|i| ItemDefinition::new(format!("q{i}").parse().unwrap(), "0".parse().unwrap(), "4".parse().unwrap()))
///     .collect();
/// let def = InstrumentDefinition::new(
///     "ARKI-3".parse()?,
///     "1.0",
///     Labels::new("Arjen sujuminen")?,
///     items,
///     ScoringRule::Sum,
///     Direction::HigherIsBetter,
/// )
/// .map_err(|e| rakenne_model::Error::Inconsistent { record: "example", problem: e.to_string() })?;
/// assert_eq!(def.score_range(), (Decimal::ZERO, Decimal::from(12)));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InstrumentDefinition {
    /// Id of the instrument, as in administrations.
    pub id: InstrumentId,
    /// Version of the definition, e.g. `1.0`.
    pub version: String,
    /// Name in fi/sv/en.
    pub name: Labels,
    /// The items, in presentation order.
    pub items: Vec<ItemDefinition>,
    /// Subscales, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscales: Vec<Subscale>,
    /// How items add up.
    pub scoring: ScoringRule,
    /// Most items that may be missing from a scale (the total or a subscale) for its score
    /// to be valid.
    #[serde(default)]
    pub max_missing: u32,
    /// Which direction is better.
    pub direction: Direction,
    /// Published reliability, for the Reliable Change Index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// The cut-off between the clinical and the non-clinical range of the total score,
    /// for clinical significance when no norms are given.
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<rakenne_model::decimal::DecimalString>")]
    pub clinical_cutoff: Option<Decimal>,
    /// Severity or interpretation bands of the total score, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cutoffs: Vec<Cutoff>,
    /// Norms for clinical significance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norms: Option<Norms>,
    /// The source of the instrument (citation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Licence holder and terms, for instruments that are not free to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
}

impl InstrumentDefinition {
    /// A definition with the required parts; the rest are public fields to fill in, and
    /// [`check`](Self::check) to run again after changing them.
    pub fn new(
        id: InstrumentId,
        version: &str,
        name: Labels,
        items: Vec<ItemDefinition>,
        scoring: ScoringRule,
        direction: Direction,
    ) -> Result<Self, Error> {
        let definition = InstrumentDefinition {
            id,
            version: version.to_owned(),
            name,
            items,
            subscales: Vec::new(),
            scoring,
            max_missing: 0,
            direction,
            reliability: None,
            clinical_cutoff: None,
            cutoffs: Vec::new(),
            norms: None,
            source: None,
            licence: None,
        };
        definition.check()?;
        Ok(definition)
    }

    /// Checks the invariants listed in the type's docs.
    pub fn check(&self) -> Result<(), Error> {
        let problem = |problem: String| Error::InvalidDefinition {
            instrument: self.id.to_string(),
            problem,
        };
        if self.version.trim().is_empty() || self.version.len() > 32 {
            return Err(problem(
                "version must be 1 to 32 characters, e.g. \"1.0\"".into(),
            ));
        }
        if self.items.is_empty() {
            return Err(problem("it has no items: list at least one".into()));
        }
        let mut ids = BTreeSet::new();
        for item in &self.items {
            if !ids.insert(&item.id) {
                return Err(problem(format!("item \"{}\" is listed twice", item.id)));
            }
            if item.min >= item.max {
                return Err(problem(format!(
                    "item \"{}\" has min {} not below max {}",
                    item.id, item.min, item.max
                )));
            }
            if let Some(subscale) = &item.subscale
                && !self.subscales.iter().any(|s| &s.id == subscale)
            {
                return Err(problem(format!(
                    "item \"{}\" is in subscale \"{subscale}\", which is not defined",
                    item.id
                )));
            }
        }
        if self.max_missing as usize >= self.items.len() {
            return Err(problem(format!(
                "max_missing {} leaves no item to score: it must be below the {} items",
                self.max_missing,
                self.items.len()
            )));
        }
        if let Some(r) = &self.reliability
            && !(0.0..1.0).contains(&r.coefficient)
        {
            return Err(problem(format!(
                "reliability {} must be at least 0 and below 1",
                r.coefficient
            )));
        }
        if let Some(norms) = &self.norms {
            let groups = std::iter::once(&norms.dysfunctional).chain(norms.functional.as_ref());
            for group in groups {
                if !(group.sd > 0.0 && group.sd.is_finite() && group.mean.is_finite()) {
                    return Err(problem(
                        "norm groups need a finite mean and a positive standard deviation".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The item with id `item`, if the instrument has it.
    pub fn item(&self, item: &ItemId) -> Option<&ItemDefinition> {
        self.items.iter().find(|i| &i.id == item)
    }

    /// The lowest and highest possible total score.
    pub fn score_range(&self) -> (Decimal, Decimal) {
        let min: Decimal = self.items.iter().map(|i| i.min.value()).sum();
        let max: Decimal = self.items.iter().map(|i| i.max.value()).sum();
        match self.scoring {
            ScoringRule::Sum | ScoringRule::ProratedSum => (min, max),
            ScoringRule::Mean => {
                let n = Decimal::from(self.items.len());
                (min / n, max / n)
            }
        }
    }
}

impl<'de> Deserialize<'de> for InstrumentDefinition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: InstrumentId,
            version: String,
            name: Labels,
            items: Vec<ItemDefinition>,
            #[serde(default)]
            subscales: Vec<Subscale>,
            scoring: ScoringRule,
            #[serde(default)]
            max_missing: u32,
            direction: Direction,
            #[serde(default)]
            reliability: Option<Reliability>,
            #[serde(default, with = "rakenne_model::decimal::string_option")]
            clinical_cutoff: Option<Decimal>,
            #[serde(default)]
            cutoffs: Vec<Cutoff>,
            #[serde(default)]
            norms: Option<Norms>,
            #[serde(default)]
            source: Option<String>,
            #[serde(default)]
            licence: Option<String>,
        }
        let f = Fields::deserialize(deserializer)?;
        let definition = InstrumentDefinition {
            id: f.id,
            version: f.version,
            name: f.name,
            items: f.items,
            subscales: f.subscales,
            scoring: f.scoring,
            max_missing: f.max_missing,
            direction: f.direction,
            reliability: f.reliability,
            clinical_cutoff: f.clinical_cutoff,
            cutoffs: f.cutoffs,
            norms: f.norms,
            source: f.source,
            licence: f.licence,
        };
        definition.check().map_err(serde::de::Error::custom)?;
        Ok(definition)
    }
}
