//! Languages and multilingual labels.
//!
//! Finnish and Swedish are the official languages of Finland; English is for international
//! use. Every code in rakenne has a label in each of the three ([`Labels`]). Finnish is the
//! one that must exist: when a Swedish or English label is missing, [`Labels::get`] falls
//! back to Finnish and says so in the returned [`Label`], so a report can show that a
//! translation is missing instead of hiding it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;
use crate::privacy::hetu;

/// A language of labels and reports (kieli).
///
/// Serialized as its ISO 639-1 code: `fi`, `sv` or `en`.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
///
/// let lang: Lang = "sv".parse()?;
/// assert_eq!(lang, Lang::Sv);
/// assert_eq!(lang.code(), "sv");
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[non_exhaustive]
pub enum Lang {
    /// Finnish (suomi), the language every label must have.
    #[serde(rename = "fi")]
    Fi,
    /// Swedish (svenska, ruotsi), the second official language.
    #[serde(rename = "sv")]
    Sv,
    /// English (englanti), for international use.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// All languages, Finnish first.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code: `fi`, `sv` or `en`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The name of the language in the language itself (`suomi`, `svenska`, `English`).
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Fi => "suomi",
            Lang::Sv => "svenska",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "fi" => Ok(Lang::Fi),
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            _ => Err(Error::invalid("language", s, "one of fi, sv, en")),
        }
    }
}

/// Longest label, in characters.
const MAX_LABEL_CHARS: usize = 300;

/// Names or titles in Finnish, Swedish and English; Finnish is required.
///
/// Built-in code tables use [`Labels::from_static`]; names given by users (an operating
/// model's name, say) use [`Labels::new`], which checks them: not blank, at most 300
/// characters, no control characters, and no personal identity code.
///
/// # Example
/// ```
/// use rakenne_model::{Labels, Lang};
///
/// let name = Labels::new("Matalan kynnyksen olohuone")?.with_sv("Lågtröskelvardagsrum")?;
/// assert_eq!(name.get(Lang::Sv).text(), "Lågtröskelvardagsrum");
///
/// // No English label: Finnish is used, and the label says it is a fallback.
/// let en = name.get(Lang::En);
/// assert_eq!(en.text(), "Matalan kynnyksen olohuone");
/// assert!(en.is_fallback());
/// assert_eq!(format!("{en:#}"), "Matalan kynnyksen olohuone [fi]");
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Labels {
    /// Finnish label (required).
    #[schemars(length(min = 1, max = 300))]
    fi: Cow<'static, str>,
    /// Swedish label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 300))]
    sv: Option<Cow<'static, str>>,
    /// English label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 300))]
    en: Option<Cow<'static, str>>,
}

impl Labels {
    /// Labels from string constants, for built-in code tables. Not checked: the constants
    /// are reviewed with the code (and tested).
    pub const fn from_static(
        fi: &'static str,
        sv: Option<&'static str>,
        en: Option<&'static str>,
    ) -> Self {
        Labels {
            fi: Cow::Borrowed(fi),
            sv: match sv {
                Some(s) => Some(Cow::Borrowed(s)),
                None => None,
            },
            en: match en {
                Some(s) => Some(Cow::Borrowed(s)),
                None => None,
            },
        }
    }

    /// Labels with only the Finnish one, checked (see the type's docs).
    pub fn new(fi: impl Into<String>) -> Result<Self, Error> {
        Ok(Labels {
            fi: Cow::Owned(check_label(fi.into())?),
            sv: None,
            en: None,
        })
    }

    /// Adds (or replaces) the Swedish label, checked.
    pub fn with_sv(mut self, sv: impl Into<String>) -> Result<Self, Error> {
        self.sv = Some(Cow::Owned(check_label(sv.into())?));
        Ok(self)
    }

    /// Adds (or replaces) the English label, checked.
    pub fn with_en(mut self, en: impl Into<String>) -> Result<Self, Error> {
        self.en = Some(Cow::Owned(check_label(en.into())?));
        Ok(self)
    }

    /// The Finnish label.
    pub fn fi(&self) -> &str {
        &self.fi
    }

    /// The Swedish label, if there is one.
    pub fn sv(&self) -> Option<&str> {
        self.sv.as_deref()
    }

    /// The English label, if there is one.
    pub fn en(&self) -> Option<&str> {
        self.en.as_deref()
    }

    /// The label in `lang`, or the Finnish one marked as a fallback when `lang` has none.
    pub fn get(&self, lang: Lang) -> Label<'_> {
        let own = match lang {
            Lang::Fi => Some(&*self.fi),
            Lang::Sv => self.sv.as_deref(),
            Lang::En => self.en.as_deref(),
        };
        match own {
            Some(text) => Label {
                text,
                lang,
                requested: lang,
            },
            None => Label {
                text: &self.fi,
                lang: Lang::Fi,
                requested: lang,
            },
        }
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            fi: String,
            #[serde(default)]
            sv: Option<String>,
            #[serde(default)]
            en: Option<String>,
        }
        let fields = Fields::deserialize(deserializer)?;
        let mut labels = Labels::new(fields.fi).map_err(serde::de::Error::custom)?;
        if let Some(sv) = fields.sv {
            labels = labels.with_sv(sv).map_err(serde::de::Error::custom)?;
        }
        if let Some(en) = fields.en {
            labels = labels.with_en(en).map_err(serde::de::Error::custom)?;
        }
        Ok(labels)
    }
}

fn check_label(text: String) -> Result<String, Error> {
    const EXPECTED: &str = "1 to 300 characters of text without line breaks or control characters";
    if text.trim().is_empty()
        || text.chars().count() > MAX_LABEL_CHARS
        || text.chars().any(char::is_control)
    {
        return Err(Error::invalid_personal("label", EXPECTED));
    }
    if hetu::contains(&text) {
        return Err(Error::PersonalIdentityCode { what: "label" });
    }
    Ok(text)
}

/// A label in one language, as returned by [`Labels::get`].
///
/// `Display` writes the text. The alternate form (`{:#}`) adds the language code in
/// brackets when the label is a fallback, e.g. `Koski Tl [fi]`, so a missing translation
/// is visible in output meant for proofreading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label<'a> {
    text: &'a str,
    lang: Lang,
    requested: Lang,
}

impl<'a> Label<'a> {
    /// The text of the label.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The language the text is in (Finnish for a fallback).
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The language that was asked for.
    pub fn requested(&self) -> Lang {
        self.requested
    }

    /// Whether the text is the Finnish fallback for a missing translation.
    pub fn is_fallback(&self) -> bool {
        self.lang != self.requested
    }
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)?;
        if f.alternate() && self.is_fallback() {
            write!(f, " [{}]", self.lang)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_label_when_given() {
        let labels = Labels::from_static("Asuminen", Some("Boende"), Some("Housing"));
        assert_eq!(labels.get(Lang::Fi).text(), "Asuminen");
        assert_eq!(labels.get(Lang::Sv).text(), "Boende");
        assert_eq!(labels.get(Lang::En).text(), "Housing");
        assert!(Lang::ALL.iter().all(|&l| !labels.get(l).is_fallback()));
    }

    #[test]
    fn missing_translation_falls_back_to_finnish_visibly() {
        let labels = Labels::from_static("Koski Tl", Some("Koskis"), None);
        let en = labels.get(Lang::En);
        assert_eq!(en.text(), "Koski Tl");
        assert_eq!(en.lang(), Lang::Fi);
        assert_eq!(en.requested(), Lang::En);
        assert!(en.is_fallback());
        assert_eq!(en.to_string(), "Koski Tl");
        assert_eq!(format!("{en:#}"), "Koski Tl [fi]");
        assert_eq!(format!("{:#}", labels.get(Lang::Sv)), "Koskis");
    }

    #[test]
    fn user_labels_are_checked() {
        assert!(Labels::new("   ").is_err());
        assert!(Labels::new("a\nb").is_err());
        assert!(Labels::new("x".repeat(301)).is_err());
        assert!(Labels::new("x".repeat(300)).is_ok());
        assert_eq!(
            Labels::new("Asiakas 131052-308T"),
            Err(Error::PersonalIdentityCode { what: "label" })
        );
    }

    #[test]
    fn labels_deserialize_with_checks() {
        let ok: Labels = serde_json::from_str(r#"{"fi":"Asuminen","en":"Housing"}"#).unwrap();
        assert_eq!(ok.en(), Some("Housing"));
        assert_eq!(ok.sv(), None);
        assert!(serde_json::from_str::<Labels>(r#"{"fi":""}"#).is_err());
        assert!(serde_json::from_str::<Labels>(r#"{"sv":"Boende"}"#).is_err());
        assert!(serde_json::from_str::<Labels>(r#"{"fi":"a","de":"b"}"#).is_err());
    }

    #[test]
    fn lang_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
        }
        assert!("FI".parse::<Lang>().is_err());
    }
}
