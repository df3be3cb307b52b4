//! The document header: who produced the data, for which period, in which format version.

use rakenne_model::{Labels, Lang, ReportingPeriod, WelfareAreaCode};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::FormatVersion;

/// Who produced a document: a welfare area (or the City of Helsinki) and the organisation
/// within it that made the file. No personal names.
///
/// # Example
/// ```
/// use rakenne_model::Labels;
/// use rakenne_schema::Producer;
///
/// let producer = Producer::new("08".parse()?, Labels::new("Pirkanmaan hyvinvointialue, sosiaalipalvelut")?);
/// assert_eq!(producer.welfare_area.to_string(), "08");
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Producer {
    /// The welfare area that produced the data.
    pub welfare_area: WelfareAreaCode,
    /// The producing organisation or unit, in fi (and sv/en).
    pub organisation: Labels,
    /// The role of the contact for questions about the file (e.g. "rakenteellisen
    /// sosiaalityön koordinaattori"); a role, never a person's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_role: Option<Labels>,
}

impl Producer {
    /// A producer without a contact role.
    pub fn new(welfare_area: WelfareAreaCode, organisation: Labels) -> Self {
        Producer {
            welfare_area,
            organisation,
            contact_role: None,
        }
    }
}

/// Versions of the code lists the document's codes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CodeListVersions {
    /// The date on which the geography codes (welfare areas, municipalities) are valid.
    #[serde(with = "rakenne_model::date::iso")]
    #[schemars(with = "rakenne_model::date::DateSchema")]
    pub geography: Date,
}

impl Default for CodeListVersions {
    /// The code lists built into this library.
    fn default() -> Self {
        CodeListVersions {
            geography: rakenne_model::CODE_TABLES_VALID_ON,
        }
    }
}

/// The header of an exchange document (otsake).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Header {
    /// Format version of the document.
    pub format_version: FormatVersion,
    /// Who produced the document.
    pub producer: Producer,
    /// The reporting period the document covers.
    pub period: ReportingPeriod,
    /// When the document was created (RFC 3339 date-time with offset).
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(schema_with = "date_time_schema")]
    pub created_at: OffsetDateTime,
    /// The language of the free texts.
    pub language: Lang,
    /// Versions of the code lists used.
    #[serde(default)]
    pub code_lists: CodeListVersions,
}

impl Header {
    /// A header of the current format version with the built-in code lists.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Labels, Lang};
    /// use rakenne_schema::{FormatVersion, Header, Producer};
    /// use time::macros::datetime;
    ///
    /// let header = Header::new(
    ///     Producer::new("08".parse()?, Labels::new("Sosiaalipalvelut")?),
    ///     "2025".parse()?,
    ///     datetime!(2026-01-15 09:30 +02:00),
    ///     Lang::Fi,
    /// );
    /// assert_eq!(header.format_version, FormatVersion::CURRENT);
    /// # Ok::<(), rakenne_model::Error>(())
    /// ```
    pub fn new(
        producer: Producer,
        period: ReportingPeriod,
        created_at: OffsetDateTime,
        language: Lang,
    ) -> Self {
        Header {
            format_version: FormatVersion::CURRENT,
            producer,
            period,
            created_at,
            language,
            code_lists: CodeListVersions::default(),
        }
    }
}

fn date_time_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date-time",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
        "description": "Date and time with offset (RFC 3339), e.g. 2026-01-15T09:30:00+02:00."
    })
}
