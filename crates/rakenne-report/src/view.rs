//! What every report's template gets besides its own data: the document's header in the
//! report language, and the pieces the report data is built of.
//!
//! Report data is computed in Rust, in the report language, before any template runs:
//! labels are looked up, free text is screened for personal data
//! ([`rakenne_model::privacy::contact::screen`]) and results are already through
//! disclosure control. A template — built-in or a user's — therefore cannot show what
//! the data does not hold. The data is serializable, so `rakenne templates --export`
//! can show template authors an example of it as JSON.

use rakenne_model::privacy::contact;
use rakenne_model::{CodeList, FreeText, Lang, OpenCode, Region};
use rakenne_schema::Document;
use serde::Serialize;

use crate::format;

/// What replaces personal data in the free text of a report.
pub const SCREENED: &str = "[…]";

/// A code with its label in the report language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CodeLabel {
    /// The code, as in the exchange format.
    pub code: String,
    /// Its label.
    pub label: String,
}

impl CodeLabel {
    /// A code of a code list with its label in `lang`.
    pub fn of<L: CodeList>(code: L, lang: Lang) -> Self {
        CodeLabel {
            code: code.code().to_owned(),
            label: code.label(lang).text().to_owned(),
        }
    }

    /// A code of an open list: a listed code with its label, a local code as itself.
    pub fn of_open<L: CodeList>(code: &OpenCode<L>, lang: Lang) -> Self {
        match code.listed() {
            Some(listed) => CodeLabel::of(listed, lang),
            None => CodeLabel {
                code: code.code().to_owned(),
                label: code.code().to_owned(),
            },
        }
    }
}

/// Free text as a report may show it: identity codes, e-mail addresses and phone numbers
/// replaced by [`SCREENED`].
pub(crate) fn screened(text: &FreeText) -> String {
    contact::screen(text.as_str(), SCREENED).into_owned()
}

/// The document a report is about, in the report language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DocumentView {
    /// The producing organisation.
    pub producer: String,
    /// The producer's welfare area; for a national document the country (code
    /// `country`).
    pub area: CodeLabel,
    /// The reporting period in words.
    pub period: String,
    /// The reporting period as in the exchange format (e.g. `2025-H2`).
    pub period_code: String,
    /// The day the document was created.
    pub created: String,
    /// The format version of the document.
    pub format_version: String,
    /// The version of rakenne that made the report.
    pub rakenne_version: String,
}

impl DocumentView {
    /// The view of `document`'s header in `lang`.
    pub fn of(document: &Document, lang: Lang) -> Self {
        let header = &document.header;
        // A national document has no producing area: it covers the country.
        let area = match header.producer.welfare_area {
            Some(area) => CodeLabel {
                code: area.to_string(),
                label: area.area().name(lang).text().to_owned(),
            },
            None => CodeLabel {
                code: "country".to_owned(),
                label: Region::Country.name(lang).text().to_owned(),
            },
        };
        DocumentView {
            producer: header.producer.organisation.get(lang).text().to_owned(),
            area,
            period: format::period(&header.period, lang),
            period_code: header.period.to_string(),
            created: format::date(header.created_at.date(), lang),
            format_version: header.format_version.to_string(),
            rakenne_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_model::PhenomenonTheme;

    #[test]
    fn code_labels_follow_the_language() {
        let fi = CodeLabel::of(PhenomenonTheme::Housing, Lang::Fi);
        let en = CodeLabel::of(PhenomenonTheme::Housing, Lang::En);
        assert_eq!(fi.code, "housing");
        assert_eq!(en.code, "housing");
        assert_ne!(fi.label, en.label);
    }

    #[test]
    fn screened_text_hides_contact_details() {
        let text: FreeText = "Soittakaa 040 123 4567 tai m@example.fi".parse().unwrap();
        assert_eq!(screened(&text), "Soittakaa […] tai […]");
    }
}
