//! Goal Attainment Scaling (GAS, tavoitteen saavuttamisen asteikko) goals.
//!
//! In GAS (Kiresuk & Sherman 1968) the worker and the client set individual goals, each
//! with five levels from −2 (much less than expected) through 0 (the expected outcome) to
//! +2 (much more than expected), and at follow-up record the level reached. The levels of
//! a client's goals are combined into a T-score in `rakenne-metrics`; this module holds the
//! goals themselves.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::Date;

use crate::invariant::check_order;
use crate::{Client, Error, FreeText, GoalId, ImplementationId};

const RECORD: &str = "GAS goal";

/// A Goal Attainment Scaling level (tavoitetaso), −2 to +2.
///
/// −2 much less than expected, −1 somewhat less, 0 the expected level, +1 somewhat more,
/// +2 much more than expected (Kiresuk & Sherman 1968). Serialized as a JSON integer.
///
/// # Example
/// ```
/// use rakenne_model::GasLevel;
///
/// let level = GasLevel::new(1)?;
/// assert_eq!(level.value(), 1);
/// assert!(level.is_goal_reached());
/// assert!(GasLevel::new(3).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GasLevel(i8);

impl GasLevel {
    /// The expected level, 0.
    pub const EXPECTED: GasLevel = GasLevel(0);
    /// The usual baseline level, −1 ("somewhat less than expected").
    pub const USUAL_BASELINE: GasLevel = GasLevel(-1);

    /// A level from −2 to 2.
    pub fn new(level: i8) -> Result<Self, Error> {
        if (-2..=2).contains(&level) {
            Ok(GasLevel(level))
        } else {
            Err(Error::invalid(
                "GAS level",
                &level.to_string(),
                "an integer from -2 to 2",
            ))
        }
    }

    /// The level, −2 to 2.
    #[inline]
    pub fn value(self) -> i8 {
        self.0
    }

    /// Whether the level is the expected one or better (≥ 0).
    pub fn is_goal_reached(self) -> bool {
        self.0 >= 0
    }
}

impl fmt::Display for GasLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written with a sign, as GAS forms do: −2, −1, 0, +1, +2.
        if self.0 > 0 {
            write!(f, "+{}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for GasLevel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i8(self.0)
    }
}

impl<'de> Deserialize<'de> for GasLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let level = i64::deserialize(deserializer)?;
        i8::try_from(level)
            .map_err(|_| Error::invalid("GAS level", &level.to_string(), "an integer from -2 to 2"))
            .and_then(GasLevel::new)
            .map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for GasLevel {
    fn schema_name() -> Cow<'static, str> {
        "GasLevel".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": -2,
            "maximum": 2,
            "description": "GAS level: -2 much less than expected, -1 somewhat less, 0 expected, \
                            +1 somewhat more, +2 much more than expected."
        })
    }
}

/// The weight of a GAS goal (painoarvo), 1 to 100; 1 when goals are unweighted.
///
/// Kiresuk & Sherman allow any positive weights; whole numbers are what GAS forms use
/// (often importance × difficulty). Serialized as a JSON integer.
///
/// # Example
/// ```
/// use rakenne_model::GasWeight;
///
/// assert_eq!(GasWeight::new(6)?.value(), 6);
/// assert!(GasWeight::new(0).is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GasWeight(u8);

impl GasWeight {
    /// The weight of unweighted goals, 1.
    pub const UNWEIGHTED: GasWeight = GasWeight(1);

    /// A weight from 1 to 100.
    pub fn new(weight: u8) -> Result<Self, Error> {
        if (1..=100).contains(&weight) {
            Ok(GasWeight(weight))
        } else {
            Err(Error::invalid(
                "GAS weight",
                &weight.to_string(),
                "an integer from 1 to 100",
            ))
        }
    }

    /// The weight.
    #[inline]
    pub fn value(self) -> u8 {
        self.0
    }
}

impl Default for GasWeight {
    fn default() -> Self {
        GasWeight::UNWEIGHTED
    }
}

impl Serialize for GasWeight {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for GasWeight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let weight = i64::deserialize(deserializer)?;
        u8::try_from(weight)
            .map_err(|_| {
                Error::invalid(
                    "GAS weight",
                    &weight.to_string(),
                    "an integer from 1 to 100",
                )
            })
            .and_then(GasWeight::new)
            .map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for GasWeight {
    fn schema_name() -> Cow<'static, str> {
        "GasWeight".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "Weight of a GAS goal, 1 to 100; 1 for unweighted goals."
        })
    }
}

/// One Goal Attainment Scaling goal of a client (GAS-tavoite).
///
/// Invariants (checked by [`GasGoal::new`], [`GasGoal::evaluated`] and deserialization):
/// the follow-up level and the evaluation date are given together; the evaluation is not
/// before the goal was set; dates in 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{Client, GasGoal, GasLevel};
/// use time::macros::date;
///
/// let goal = GasGoal::new(
///     "G-1".parse()?,
///     Client::new("C-7f3a9e".parse()?),
///     "Asiakas hoitaa asiointinsa Kelaan itsenäisesti".parse()?,
///     date!(2025 - 02 - 03),
/// )?
/// .with_baseline_level(GasLevel::new(-1)?)
/// .evaluated(GasLevel::new(1)?, date!(2025 - 06 - 02))?;
/// assert_eq!(goal.follow_up_level(), Some(GasLevel::new(1)?));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GasGoal {
    /// Id of the goal.
    id: GoalId,
    /// The client (pseudonymous).
    client: Client,
    /// The implementation the goal belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    implementation: Option<ImplementationId>,
    /// The goal as written with the client (the expected level, 0).
    goal: FreeText,
    /// Weight; 1 for unweighted goals.
    #[serde(default)]
    weight: GasWeight,
    /// Date the goal was set.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    set_on: Date,
    /// Level at the time the goal was set (usually −1), if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline_level: Option<GasLevel>,
    /// Level reached at follow-up; given together with `evaluated_on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    follow_up_level: Option<GasLevel>,
    /// Date of the follow-up evaluation; given together with `follow_up_level`.
    #[serde(
        default,
        with = "crate::date::iso_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::date::DateSchema>")]
    evaluated_on: Option<Date>,
}

impl GasGoal {
    /// A goal set on `set_on`, unweighted, not yet evaluated.
    pub fn new(id: GoalId, client: Client, goal: FreeText, set_on: Date) -> Result<Self, Error> {
        GasGoal {
            id,
            client,
            implementation: None,
            goal,
            weight: GasWeight::UNWEIGHTED,
            set_on,
            baseline_level: None,
            follow_up_level: None,
            evaluated_on: None,
        }
        .check()
    }

    /// Places the goal in an implementation.
    #[must_use]
    pub fn with_implementation(mut self, implementation: ImplementationId) -> Self {
        self.implementation = Some(implementation);
        self
    }

    /// Sets the weight.
    #[must_use]
    pub fn with_weight(mut self, weight: GasWeight) -> Self {
        self.weight = weight;
        self
    }

    /// Records the baseline level.
    #[must_use]
    pub fn with_baseline_level(mut self, level: GasLevel) -> Self {
        self.baseline_level = Some(level);
        self
    }

    /// Records the follow-up evaluation; refuses a date before the goal was set.
    pub fn evaluated(mut self, level: GasLevel, on: Date) -> Result<Self, Error> {
        self.follow_up_level = Some(level);
        self.evaluated_on = Some(on);
        self.check()
    }

    /// Id of the goal.
    pub fn id(&self) -> &GoalId {
        &self.id
    }

    /// The client.
    #[inline]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The implementation, if any.
    #[inline]
    pub fn implementation(&self) -> Option<&ImplementationId> {
        self.implementation.as_ref()
    }

    /// The goal text.
    pub fn goal(&self) -> &FreeText {
        &self.goal
    }

    /// The weight.
    #[inline]
    pub fn weight(&self) -> GasWeight {
        self.weight
    }

    /// Date the goal was set.
    #[inline]
    pub fn set_on(&self) -> Date {
        self.set_on
    }

    /// Baseline level, if recorded.
    pub fn baseline_level(&self) -> Option<GasLevel> {
        self.baseline_level
    }

    /// Level reached at follow-up, if evaluated.
    #[inline]
    pub fn follow_up_level(&self) -> Option<GasLevel> {
        self.follow_up_level
    }

    /// Date of the follow-up evaluation, if evaluated.
    pub fn evaluated_on(&self) -> Option<Date> {
        self.evaluated_on
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.set_on, "GAS goal date")?;
        match (self.follow_up_level, self.evaluated_on) {
            (Some(_), Some(on)) => {
                crate::date::check(on, "GAS evaluation date")?;
                check_order(RECORD, ("set_on", self.set_on), ("evaluated_on", on))?;
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(Error::inconsistent(
                    RECORD,
                    "follow_up_level is given without evaluated_on: give the date of the evaluation",
                ));
            }
            (None, Some(_)) => {
                return Err(Error::inconsistent(
                    RECORD,
                    "evaluated_on is given without follow_up_level: give the level reached (-2 to 2)",
                ));
            }
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for GasGoal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: GoalId,
            client: Client,
            #[serde(default)]
            implementation: Option<ImplementationId>,
            goal: FreeText,
            #[serde(default)]
            weight: GasWeight,
            #[serde(with = "crate::date::iso")]
            set_on: Date,
            #[serde(default)]
            baseline_level: Option<GasLevel>,
            #[serde(default)]
            follow_up_level: Option<GasLevel>,
            #[serde(default, with = "crate::date::iso_option")]
            evaluated_on: Option<Date>,
        }
        let f = Fields::deserialize(deserializer)?;
        GasGoal {
            id: f.id,
            client: f.client,
            implementation: f.implementation,
            goal: f.goal,
            weight: f.weight,
            set_on: f.set_on,
            baseline_level: f.baseline_level,
            follow_up_level: f.follow_up_level,
            evaluated_on: f.evaluated_on,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn levels_are_minus_two_to_two() {
        for ok in -2..=2 {
            assert_eq!(GasLevel::new(ok).unwrap().value(), ok);
        }
        for bad in [-3, 3, i8::MIN, i8::MAX] {
            assert!(GasLevel::new(bad).is_err());
        }
        assert!(serde_json::from_str::<GasLevel>("300").is_err());
        assert!(serde_json::from_str::<GasLevel>("1.5").is_err());
        assert_eq!(GasLevel::new(2).unwrap().to_string(), "+2");
        assert_eq!(GasLevel::new(-2).unwrap().to_string(), "-2");
    }

    #[test]
    fn evaluation_before_setting_is_refused() {
        let goal = GasGoal::new(
            "G1".parse().unwrap(),
            Client::new("C1".parse().unwrap()),
            "Tavoite".parse().unwrap(),
            date!(2025 - 05 - 01),
        )
        .unwrap();
        let err = goal
            .evaluated(GasLevel::EXPECTED, date!(2025 - 04 - 30))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inconsistent GAS goal: evaluated_on 2025-04-30 is before set_on 2025-05-01: \
             dates must be in order"
        );
    }

    #[test]
    fn level_and_date_come_together() {
        let json = r#"{"id":"G1","client":{"id":"C1"},"goal":"Tavoite","set_on":"2025-01-01","follow_up_level":1}"#;
        let err = serde_json::from_str::<GasGoal>(json).unwrap_err();
        assert!(err.to_string().contains("without evaluated_on"), "{err}");
    }
}
