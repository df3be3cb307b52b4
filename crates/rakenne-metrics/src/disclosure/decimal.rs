//! Exact decimals in exchange form: JSON strings in plain notation, such as `"12.5"`.
//!
//! A published value must reach its reader unchanged; a JSON number passes through a
//! binary double in most consumers and may not. This mirrors the exchange form of
//! `rakenne-model`, whose helper is private to that crate.

use std::borrow::Cow;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// The syntax of an exact decimal, as a JSON Schema / ECMA-262 pattern.
const PATTERN: &str = "^-?[0-9]+(\\.[0-9]+)?$";

/// Parses plain decimal notation strictly: no exponent, sign only `-`, `.` as the point.
fn parse(text: &str) -> Result<Decimal, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(int) && frac.is_none_or(all_digits)) {
        return Err(format!(
            "invalid decimal number {text:?}: expected plain notation with . as the decimal \
             point, e.g. \"12.5\" or \"-3\""
        ));
    }
    Decimal::from_str_exact(text).map_err(|_| {
        format!("invalid decimal number {text:?}: expected at most 28 significant digits")
    })
}

/// serde `with` module for an `Option<Decimal>` field written as a string.
pub(super) mod string_option {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    // serde's `with` passes `&Option<Decimal>`; the signature is fixed by serde.
    #[allow(clippy::ref_option)]
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|t| super::parse(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// The JSON Schema of an exact decimal string, used through
/// `#[schemars(with = "Option<DecimalString>")]`.
pub(super) struct DecimalString;

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
        assert_eq!(parse("12.5"), Ok(Decimal::new(125, 1)));
        assert_eq!(parse("-3"), Ok(Decimal::new(-3, 0)));
        assert_eq!(
            parse("12.50").map(|d| d.to_string()),
            Ok("12.50".to_owned())
        );
    }

    #[test]
    fn refuses_other_notations() {
        for bad in [
            "", "-", "1.", ".5", "1e3", "1,5", "+1", " 1", "1_000", "NaN",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(parse(&"9".repeat(40)).is_err());
    }
}
