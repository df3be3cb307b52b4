//! The sections of a document, by name.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;

/// A section of a [`Document`](crate::Document): the unit of CSV export and import.
///
/// The code of a section is its field name in the JSON document (`social_reports`); that
/// is also the file name the CSV export gives it (`social_reports.csv`).
///
/// # Example
/// ```
/// use rakenne_schema::Section;
///
/// let section: Section = "measurements".parse()?;
/// assert_eq!(section, Section::Measurements);
/// assert_eq!(section.code(), "measurements");
/// assert!("social-reports".parse::<Section>().is_ok()); // hyphens read too
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Section {
    /// `social_reports`: social reports.
    SocialReports,
    /// `operating_models`: operating models.
    OperatingModels,
    /// `implementations`: implementations of operating models.
    Implementations,
    /// `instruments`: instrument definitions.
    Instruments,
    /// `measurements`: instrument administrations.
    Measurements,
    /// `gas_goals`: GAS goals.
    GasGoals,
    /// `service_episodes`: service episodes.
    ServiceEpisodes,
    /// `feedback`: client feedback.
    Feedback,
    /// `experience_statements`: statements of experts by experience.
    ExperienceStatements,
    /// `indicator_definitions`: definitions of indicators (names and themes).
    IndicatorDefinitions,
    /// `indicators`: indicator observations.
    Indicators,
    /// `results`: published evaluation results.
    Results,
}

impl Section {
    /// Every section, in document order.
    pub const ALL: [Section; 12] = [
        Section::SocialReports,
        Section::OperatingModels,
        Section::Implementations,
        Section::Instruments,
        Section::Measurements,
        Section::GasGoals,
        Section::ServiceEpisodes,
        Section::Feedback,
        Section::ExperienceStatements,
        Section::IndicatorDefinitions,
        Section::Indicators,
        Section::Results,
    ];

    /// The field name of the section in the document.
    pub fn code(self) -> &'static str {
        match self {
            Section::SocialReports => "social_reports",
            Section::OperatingModels => "operating_models",
            Section::Implementations => "implementations",
            Section::Instruments => "instruments",
            Section::Measurements => "measurements",
            Section::GasGoals => "gas_goals",
            Section::ServiceEpisodes => "service_episodes",
            Section::Feedback => "feedback",
            Section::ExperienceStatements => "experience_statements",
            Section::IndicatorDefinitions => "indicator_definitions",
            Section::Indicators => "indicators",
            Section::Results => "results",
        }
    }

    /// The kind of the NDJSON [`Line`](crate::Line) that carries a record of the section:
    /// the singular of its code.
    ///
    /// # Example
    /// ```
    /// use rakenne_schema::Section;
    ///
    /// assert_eq!(Section::GasGoals.line_kind(), "gas_goal");
    /// assert_eq!(Section::Feedback.line_kind(), "feedback");
    /// ```
    pub fn line_kind(self) -> &'static str {
        match self {
            Section::SocialReports => "social_report",
            Section::OperatingModels => "operating_model",
            Section::Implementations => "implementation",
            Section::Instruments => "instrument",
            Section::Measurements => "measurement",
            Section::GasGoals => "gas_goal",
            Section::ServiceEpisodes => "service_episode",
            Section::Feedback => "feedback",
            Section::ExperienceStatements => "experience_statement",
            Section::IndicatorDefinitions => "indicator_definition",
            Section::Indicators => "indicator",
            Section::Results => "result",
        }
    }

    /// The section a file belongs to, from its name: a dot-separated part of the name
    /// (without the extension) is a section code, or starts or ends with one joined by
    /// `_` or `-` (`social_reports.csv`, `pirkanmaa-2025.measurements.csv`,
    /// `measurements.excel-fi.csv`, `pirha_feedback_2025.csv`).
    ///
    /// # Example
    /// ```
    /// use rakenne_schema::Section;
    ///
    /// assert_eq!(Section::from_file_name("out/pirha.social-reports.csv"), Some(Section::SocialReports));
    /// assert_eq!(Section::from_file_name("data.csv"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<Section> {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let stem = stem.to_ascii_lowercase().replace('-', "_");
        // Longest codes first, so that `gas_goals` is not taken for a shorter code.
        let mut sections = Section::ALL;
        sections.sort_by_key(|s| std::cmp::Reverse(s.code().len()));
        stem.split('.').find_map(|part| {
            sections.into_iter().find(|section| {
                let code = section.code();
                part == code
                    || part
                        .strip_suffix(code)
                        .is_some_and(|rest| rest.ends_with('_'))
                    || part
                        .strip_prefix(code)
                        .is_some_and(|rest| rest.starts_with('_'))
            })
        })
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Section {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_lowercase().replace('-', "_");
        Section::ALL
            .into_iter()
            .find(|section| section.code() == code)
            .ok_or_else(|| Error::UnknownSection {
                value: s.chars().take(40).collect(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for section in Section::ALL {
            assert_eq!(section.code().parse::<Section>().unwrap(), section);
            assert_eq!(section.to_string(), section.code());
            let json = serde_json::to_string(&section).unwrap();
            assert_eq!(json, format!("\"{}\"", section.code()));
        }
        let error = "reports".parse::<Section>().unwrap_err().to_string();
        assert!(error.contains("social_reports"), "{error}");
    }

    #[test]
    fn line_kinds_are_the_kinds_ndjson_lines_carry() {
        let mut seen = std::collections::BTreeSet::new();
        for line in crate::Sample::new(3).clients(40).lines() {
            let Some(section) = line.section() else {
                continue;
            };
            let json = serde_json::to_value(&line).unwrap();
            assert_eq!(json["kind"], section.line_kind(), "{section}");
            seen.insert(section);
        }
        assert!(
            seen.len() >= 10,
            "the sample covers most sections: {seen:?}"
        );
    }

    #[test]
    fn sections_from_file_names() {
        let cases = [
            ("social_reports.csv", Some(Section::SocialReports)),
            ("C:\\data\\Measurements.CSV", Some(Section::Measurements)),
            ("pirkanmaa-2025.gas_goals.csv", Some(Section::GasGoals)),
            ("pirkanmaa_feedback.csv", Some(Section::Feedback)),
            ("feedbacks.csv", None),
            ("results", Some(Section::Results)),
            ("myresults.csv", None),
            ("measurements.excel-fi.csv", Some(Section::Measurements)),
            ("social_reports_2025.csv", Some(Section::SocialReports)),
            (
                "pirha.indicator-definitions.csv",
                Some(Section::IndicatorDefinitions),
            ),
            ("indicators_2025.csv", Some(Section::Indicators)),
        ];
        for (name, expected) in cases {
            assert_eq!(Section::from_file_name(name), expected, "{name}");
        }
    }
}
