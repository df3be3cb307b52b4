//! Exact decimal numbers in exchange form: JSON strings such as `"12.5"`.
//!
//! Published statistics are exact decimals; a JSON number would pass through a binary
//! double in most consumers and could change. Indicator values, sums and means of scores
//! and other published numbers are therefore written as strings of plain decimal notation
//! (no exponent, no thousands separators, `.` as the decimal point) and held as
//! [`Decimal`]. This module is the one definition of that form for every rakenne crate:
//! use [`string`] or [`string_option`] as a serde `with` module and [`DecimalString`] as
//! the field's `schemars(with = ...)` type.
//!
//! # Example
//! ```
//! use rakenne_model::decimal;
//! use rust_decimal::Decimal;
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
//! struct Share {
//!     #[serde(with = "decimal::string")]
//!     #[schemars(with = "decimal::DecimalString")]
//!     value: Decimal,
//! }
//!
//! let share: Share = serde_json::from_str(r#"{"value": "12.50"}"#).unwrap();
//! assert_eq!(share.value, Decimal::new(1250, 2));
//! assert!(serde_json::from_str::<Share>(r#"{"value": "1e3"}"#).is_err());
//! assert_eq!(decimal::parse("-3", "share"), Ok(Decimal::from(-3)));
//! ```

use std::borrow::Cow;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serializer};

use crate::Error;

/// The syntax of an exact decimal, as a JSON Schema / ECMA-262 pattern.
pub const PATTERN: &str = "^-?[0-9]+(\\.[0-9]+)?$";

const EXPECTED: &str = "a decimal number in plain notation with . as the decimal point, \
                        e.g. \"12.5\" or \"-3\"";

/// Parses plain decimal notation strictly; `what` names the value in the error.
pub fn parse(s: &str, what: &'static str) -> Result<Decimal, Error> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let plain = all_digits(int) && frac.is_none_or(all_digits);
    if !plain {
        return Err(Error::invalid(what, s, EXPECTED));
    }
    Decimal::from_str_exact(s).map_err(|_| {
        Error::invalid(
            what,
            s,
            "a decimal number with at most 28 significant digits",
        )
    })
}

/// serde `with` module for a `Decimal` field written as an exact decimal string.
pub mod string {
    use super::{Decimal, Deserialize, Deserializer, Serializer};

    /// Writes the decimal as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads the decimal from a string, strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text, "decimal number").map_err(serde::de::Error::custom)
    }
}

/// serde `with` module for an `Option<Decimal>` field written as an exact decimal string
/// (use with `#[serde(default)]`).
pub mod string_option {
    use super::{Decimal, Deserialize, Deserializer, Serializer};

    // serde's `with` passes `&Option<Decimal>`; the signature is fixed by serde.
    #[allow(clippy::ref_option)]
    /// Writes the decimal as a string.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the decimal from a string, strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|t| super::parse(&t, "decimal number").map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// The JSON Schema of an exact decimal string (`type: string` with [`PATTERN`]), for
/// `#[schemars(with = "rakenne_model::decimal::DecimalString")]` on `Decimal` fields.
#[derive(Debug, Clone, Copy)]
pub struct DecimalString;

impl JsonSchema for DecimalString {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "DecimalString".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PATTERN,
            "description": "Exact decimal number as a string in plain notation, e.g. \"12.5\"."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_notation_exactly() {
        assert_eq!(parse("12.5", "x"), Ok(Decimal::new(125, 1)));
        assert_eq!(parse("-3", "x"), Ok(Decimal::new(-3, 0)));
        assert_eq!(parse("0.000001", "x"), Ok(Decimal::new(1, 6)));
        assert_eq!(
            parse("12.50", "x").map(|d| d.to_string()),
            Ok("12.50".to_owned())
        );
    }

    #[test]
    fn refuses_other_notations() {
        for bad in [
            "", "-", "1.", ".5", "1e3", "1,5", "+1", " 1", "1 000", "NaN", "--1",
        ] {
            assert!(parse(bad, "x").is_err(), "{bad:?} was accepted");
        }
        assert!(parse(&"9".repeat(40), "x").is_err());
    }
}
