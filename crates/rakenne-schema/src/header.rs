//! The document header: who produced the data, for which period, in which format version.

use rakenne_model::{Labels, Lang, ReportingPeriod, WelfareAreaCode};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::{FormatVersion, Section};

/// Who produced a document: a welfare area (or the City of Helsinki) and the organisation
/// within it that made the file — or, for a national document combined from the areas'
/// files, the organisation that combined them, without a welfare area. No personal names.
///
/// # Example
/// ```
/// use rakenne_model::Labels;
/// use rakenne_schema::Producer;
///
/// let producer = Producer::new("08".parse()?, Labels::new("Pirkanmaan hyvinvointialue, sosiaalipalvelut")?);
/// assert_eq!(producer.welfare_area.unwrap().to_string(), "08");
/// let national = Producer::national(Labels::new("Terveyden ja hyvinvoinnin laitos")?);
/// assert!(national.welfare_area.is_none());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Producer {
    /// The welfare area that produced the data; absent only in a national document
    /// combined from the areas' files, which lists them in the header's `sources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welfare_area: Option<WelfareAreaCode>,
    /// The producing organisation or unit, in fi (and sv/en).
    pub organisation: Labels,
    /// The role of the contact for questions about the file (e.g. "rakenteellisen
    /// sosiaalityön koordinaattori"); a role, never a person's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_role: Option<Labels>,
}

impl Producer {
    /// A welfare area's producer, without a contact role.
    pub fn new(welfare_area: WelfareAreaCode, organisation: Labels) -> Self {
        Producer {
            welfare_area: Some(welfare_area),
            organisation,
            contact_role: None,
        }
    }

    /// The producer of a national document: the organisation that combined the areas'
    /// files, without a welfare area.
    pub fn national(organisation: Labels) -> Self {
        Producer {
            welfare_area: None,
            organisation,
            contact_role: None,
        }
    }
}

/// A file a national document was combined from (lähdetiedosto), and where its records
/// are in the national document: the provenance of every record.
///
/// # Example
/// ```
/// use rakenne_schema::{RecordRange, Section};
///
/// // Records 120–169 of the national measurements are records 0–49 of this file's.
/// let range = RecordRange { section: Section::Measurements, first: 120, source_first: 0, count: 50 };
/// assert_eq!(range.source_index(130), Some(10));
/// assert_eq!(range.source_index(170), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SourceFile {
    /// The file's name as it was given to the combination, without directories.
    pub file: String,
    /// Who produced the file.
    pub producer: Producer,
    /// The file's reporting period.
    pub period: ReportingPeriod,
    /// The file's format version.
    pub format_version: FormatVersion,
    /// When the file was created.
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(schema_with = "date_time_schema")]
    pub created_at: OffsetDateTime,
    /// Where the file's records are in the national document, as runs of records.
    pub records: Vec<RecordRange>,
}

/// A run of consecutive records of one section that came from one source file, in the
/// order they had there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordRange {
    /// The section.
    pub section: Section,
    /// Index of the run's first record in the national document's section.
    pub first: u64,
    /// Index of the same record in the source file's section.
    pub source_first: u64,
    /// Number of records in the run (at least one).
    pub count: u64,
}

impl RecordRange {
    /// The index in the source file's section of the national record `index`, if the run
    /// holds it.
    pub fn source_index(&self, index: u64) -> Option<u64> {
        let offset = index.checked_sub(self.first)?;
        (offset < self.count).then(|| self.source_first + offset)
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
    /// In a national document, the areas' files it was combined from, with the provenance
    /// of every record; empty (and absent) in an area's own document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceFile>,
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
            sources: Vec::new(),
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
