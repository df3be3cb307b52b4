//! Calendar dates in exchange form: ISO 8601 / RFC 3339 `full-date` (`2025-03-31`).
//!
//! Records hold [`time::Date`]. This module is the one place that turns them into text and
//! back, so every date in every record — of this crate and of the crates built on it — has
//! the same form, the same year range and the same error message. Years are limited to
//! 1900–2100: that covers every plausible date of social-care data and catches typos such
//! as `2205`. Use [`iso`] or [`iso_option`] as a serde `with` module and [`DateSchema`] as
//! the field's `schemars(with = ...)` type.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serializer};
use time::Date;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use crate::Error;

/// The first year a date may have.
pub const MIN_YEAR: i32 = 1900;
/// The last year a date may have.
pub const MAX_YEAR: i32 = 2100;

const FORMAT: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

const EXPECTED: &str = "a calendar date between 1900 and 2100 as YYYY-MM-DD, e.g. \"2025-03-31\"";

/// Parses `YYYY-MM-DD` strictly (zero-padded, a real calendar day, years 1900–2100);
/// `what` names the value in the error.
pub fn parse(s: &str, what: &'static str) -> Result<Date, Error> {
    let well_formed = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return Err(Error::invalid(what, s, EXPECTED));
    }
    // All ten bytes are checked above: four, two and two ASCII digits.
    let number = |range: std::ops::Range<usize>| {
        s.as_bytes()[range]
            .iter()
            .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'))
    };
    let month = u8::try_from(number(5..7))
        .ok()
        .and_then(|m| time::Month::try_from(m).ok());
    let day = u8::try_from(number(8..10)).ok();
    let date = match (month, day) {
        (Some(month), Some(day)) => Date::from_calendar_date(i32::from(number(0..4)), month, day)
            .map_err(|_| Error::invalid(what, s, EXPECTED))?,
        _ => return Err(Error::invalid(what, s, EXPECTED)),
    };
    check(date, what)
}

/// Checks that `date` is within the years 1900–2100.
pub fn check(date: Date, what: &'static str) -> Result<Date, Error> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(Error::invalid(what, &format(date), EXPECTED))
    }
}

/// Formats `date` as `YYYY-MM-DD`.
pub fn format(date: Date) -> String {
    // Years 1900–2100 always format; other years (only reachable in error messages) fall
    // back to the debug form rather than failing.
    date.format(FORMAT).unwrap_or_else(|_| format!("{date:?}"))
}

/// serde `with` module for a `Date` field (`YYYY-MM-DD`).
pub mod iso {
    use super::{Date, Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY-MM-DD`.
    // serde's `with` passes a reference; the signature is fixed by serde.
    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format(*date))
    }

    /// Reads a `YYYY-MM-DD` date strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse(&text, "date").map_err(serde::de::Error::custom)
    }
}

/// serde `with` module for an `Option<Date>` field (use with `#[serde(default)]`).
pub mod iso_option {
    use super::{Date, Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY-MM-DD`.
    // serde's `with` passes `&Option<Date>`; the signature is fixed by serde.
    #[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&super::format(*date)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a `YYYY-MM-DD` date strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|t| super::parse(&t, "date").map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// The JSON Schema of a date (`type: string, format: date`, years 1900–2100), for
/// `#[schemars(with = "rakenne_model::date::DateSchema")]` on `Date` fields.
#[derive(Debug, Clone, Copy)]
pub struct DateSchema;

impl JsonSchema for DateSchema {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^(19[0-9]{2}|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$",
            "description": "Calendar date as YYYY-MM-DD (RFC 3339 full-date), years 1900–2100."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_strict_iso_dates() {
        assert_eq!(parse("2025-03-31", "date"), Ok(date!(2025 - 03 - 31)));
        assert_eq!(parse("2024-02-29", "date"), Ok(date!(2024 - 02 - 29)));
        assert_eq!(parse("2100-12-31", "date"), Ok(date!(2100 - 12 - 31)));
        for bad in [
            "2025-3-31",
            "2025-02-29",
            "2100-02-29",
            "31.3.2025",
            "2025-03-31T00:00:00",
            " 2025-03-31",
            "1899-12-31",
            "2101-01-01",
            "２０２５-03-31",
            "",
        ] {
            assert!(parse(bad, "date").is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn error_says_what_is_expected() {
        assert_eq!(
            parse("2025-02-30", "date").unwrap_err().to_string(),
            "invalid date \"2025-02-30\": expected a calendar date between 1900 and 2100 \
             as YYYY-MM-DD, e.g. \"2025-03-31\""
        );
    }

    #[test]
    fn format_pads_to_ten_characters() {
        assert_eq!(format(date!(1905 - 01 - 02)), "1905-01-02");
    }
}
