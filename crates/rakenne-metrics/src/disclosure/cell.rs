//! A cell of a published table: its value and persons, or nothing at all.

use std::borrow::Cow;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::Observation;
use crate::Error;

/// A cell of a published table (julkaistava solu).
///
/// A suppressed cell carries neither its value nor its person count, so they cannot leak
/// through serialization, logging or a careless template: they are simply not there.
///
/// Serialized as the [`Observation`] it publishes, `{"value": "12", "persons": 12}` (or
/// `{"persons": 0}` for a statistic over nobody), or as `{"suppressed": true}`.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::{Cell, Observation};
///
/// let published = Cell::Published(Observation::count(12));
/// assert_eq!(serde_json::to_string(&published)?, r#"{"value":"12","persons":12}"#);
/// assert_eq!(serde_json::to_string(&Cell::Suppressed)?, r#"{"suppressed":true}"#);
///
/// let back: Cell = serde_json::from_str(r#"{"suppressed": true}"#)?;
/// assert_eq!(back, Cell::Suppressed);
/// assert!(serde_json::from_str::<Cell>(r#"{"suppressed": true, "persons": 3}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "CellFields", try_from = "CellFields")]
#[non_exhaustive]
pub enum Cell {
    /// Published: the value and the number of persons it is based on.
    Published(Observation),
    /// Suppressed (salattu, tietosuojattu): based on too few persons, or hidden so that
    /// another suppressed cell cannot be worked out from the totals.
    Suppressed,
}

impl Cell {
    /// The published observation, or `None` for a suppressed cell.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Cell, Observation};
    ///
    /// assert_eq!(Cell::Published(Observation::count(8)).published(), Some(Observation::count(8)));
    /// assert_eq!(Cell::Suppressed.published(), None);
    /// ```
    pub fn published(&self) -> Option<Observation> {
        match self {
            Self::Published(observation) => Some(*observation),
            Self::Suppressed => None,
        }
    }

    /// Whether the cell is suppressed.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::disclosure::{Cell, Observation};
    ///
    /// assert!(Cell::Suppressed.is_suppressed());
    /// assert!(!Cell::Published(Observation::count(0)).is_suppressed());
    /// ```
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Self::Suppressed)
    }
}

/// The serialized fields of a [`Cell`]: one flat object, so that deserialization can say
/// exactly what is wrong with a cell.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CellFields {
    #[serde(
        default,
        with = "rakenne_model::decimal::string_option",
        skip_serializing_if = "Option::is_none"
    )]
    value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    persons: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suppressed: Option<bool>,
}

impl From<Cell> for CellFields {
    fn from(cell: Cell) -> Self {
        match cell {
            Cell::Published(observation) => Self {
                value: observation.value(),
                persons: Some(observation.persons()),
                suppressed: None,
            },
            Cell::Suppressed => Self {
                value: None,
                persons: None,
                suppressed: Some(true),
            },
        }
    }
}

impl TryFrom<CellFields> for Cell {
    type Error = Error;

    fn try_from(fields: CellFields) -> Result<Self, Error> {
        let invalid = |value: &str, expected: &'static str| Error::InvalidParameter {
            name: "table cell",
            value: value.to_owned(),
            expected: expected.into(),
        };
        match fields {
            CellFields {
                value: None,
                persons: None,
                suppressed: Some(true),
            } => Ok(Self::Suppressed),
            CellFields {
                suppressed: Some(true),
                ..
            } => Err(invalid(
                "marked suppressed with a value or persons",
                "no \"value\" and no \"persons\" in a suppressed cell",
            )),
            CellFields {
                suppressed: Some(false),
                ..
            } => Err(invalid(
                "with \"suppressed\": false",
                "\"suppressed\": true alone, or a published cell without \"suppressed\"",
            )),
            CellFields {
                value,
                persons: Some(persons),
                suppressed: None,
            } => Ok(Self::Published(match value {
                Some(value) => Observation::new(value, persons),
                None => Observation::without_value(persons),
            })),
            CellFields { persons: None, .. } => Err(invalid(
                "without \"persons\"",
                "{\"value\": \"12\", \"persons\": 12}, {\"persons\": 0} or {\"suppressed\": true}",
            )),
        }
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> Cow<'static, str> {
        "PublishedCell".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "rakenne_metrics::disclosure::Cell".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let published = generator.subschema_for::<Observation>();
        json_schema!({
            "description": "A cell of a published table (julkaistava solu): its value and \
                persons, or {\"suppressed\": true} with neither.",
            "oneOf": [
                published,
                {
                    "description": "Suppressed (salattu): based on too few persons, or hidden \
                        so that another suppressed cell cannot be worked out from the totals.",
                    "type": "object",
                    "properties": { "suppressed": { "const": true } },
                    "required": ["suppressed"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Cell, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_three_shapes() {
        assert_eq!(
            parse(r#"{"value": "2.5", "persons": 7}"#),
            Ok(Cell::Published(Observation::new(Decimal::new(25, 1), 7)))
        );
        assert_eq!(
            parse(r#"{"persons": 0}"#),
            Ok(Cell::Published(Observation::without_value(0)))
        );
        assert_eq!(parse(r#"{"suppressed": true}"#), Ok(Cell::Suppressed));
    }

    #[test]
    fn refuses_mixed_shapes_with_a_reason() {
        let error = parse(r#"{"suppressed": true, "value": "3"}"#).unwrap_err();
        assert!(error.contains("no \"value\" and no \"persons\""), "{error}");
        let error = parse(r#"{"suppressed": false, "persons": 3}"#).unwrap_err();
        assert!(error.contains("\"suppressed\": false"), "{error}");
        let error = parse(r#"{"value": "3"}"#).unwrap_err();
        assert!(error.contains("without \"persons\""), "{error}");
        assert!(parse(r#"{"persons": 3, "note": "x"}"#).is_err());
        assert!(
            parse(r#"{"value": 3, "persons": 3}"#).is_err(),
            "numbers are not exact"
        );
    }
}
