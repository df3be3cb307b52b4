//! What an indicator is (indikaattorin kuvaus): its name and the phenomena it describes.
//!
//! An [`IndicatorObservation`](crate::IndicatorObservation) carries only the id of its
//! indicator (`sotkanet:3071`), which means nothing to a reader of a welfare report. The
//! producer of a document describes each indicator it sends once, with an
//! [`IndicatorDefinition`]: a name in Finnish, Swedish and English, and the social
//! phenomenon themes it describes, so that a report can show the indicator's values over
//! time beside the social reports on the same theme.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::invariant::no_repeats;
use crate::{Error, IndicatorId, Labels, PhenomenonTheme};

const RECORD: &str = "indicator definition";

/// The description of an indicator (indikaattorin kuvaus): its name and the phenomenon
/// themes of social reporting it describes.
///
/// Invariants (checked by [`IndicatorDefinition::new`] and deserialization): no theme
/// repeated. The themes may be empty, for an indicator that describes none of them.
///
/// # Example
/// ```
/// use rakenne_model::{IndicatorDefinition, Labels, Lang, PhenomenonTheme};
///
/// let definition = IndicatorDefinition::new(
///     "own:social-assistance".parse()?,
///     Labels::new("Toimeentulotukea saaneet, ‰ asukkaista")?
///         .with_sv("Personer som fått utkomststöd, ‰ av invånarna")?
///         .with_en("Recipients of social assistance, per 1 000 residents")?,
///     vec![PhenomenonTheme::IncomeAndDebt],
/// )?;
/// assert_eq!(definition.name().get(Lang::Sv).text(), "Personer som fått utkomststöd, ‰ av invånarna");
/// assert_eq!(definition.themes(), &[PhenomenonTheme::IncomeAndDebt]);
///
/// // A theme given twice is refused.
/// let twice = IndicatorDefinition::new(
///     "own:social-assistance".parse()?,
///     Labels::new("Toimeentulotukea saaneet")?,
///     vec![PhenomenonTheme::Housing, PhenomenonTheme::Housing],
/// );
/// assert!(twice.is_err());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct IndicatorDefinition {
    /// Id of the indicator, as the observations of the document name it.
    id: IndicatorId,
    /// Name in Finnish (required), Swedish and English.
    name: Labels,
    /// Phenomenon themes of social reporting that the indicator describes; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    themes: Vec<PhenomenonTheme>,
}

impl IndicatorDefinition {
    /// A definition; refuses a theme given twice.
    pub fn new(id: IndicatorId, name: Labels, themes: Vec<PhenomenonTheme>) -> Result<Self, Error> {
        IndicatorDefinition { id, name, themes }.check()
    }

    /// Id of the indicator.
    pub fn id(&self) -> &IndicatorId {
        &self.id
    }

    /// Name in fi/sv/en.
    pub fn name(&self) -> &Labels {
        &self.name
    }

    /// Phenomenon themes the indicator describes, in the order given (may be empty).
    pub fn themes(&self) -> &[PhenomenonTheme] {
        &self.themes
    }

    fn check(self) -> Result<Self, Error> {
        no_repeats(RECORD, &self.themes, "themes")?;
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for IndicatorDefinition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: IndicatorId,
            name: Labels,
            #[serde(default)]
            themes: Vec<PhenomenonTheme>,
        }
        let f = Fields::deserialize(deserializer)?;
        IndicatorDefinition {
            id: f.id,
            name: f.name,
            themes: f.themes,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn name() -> Labels {
        Labels::new("Pitkäaikaistyöttömät, % työvoimasta")
            .and_then(|l| l.with_sv("Långtidsarbetslösa, % av arbetskraften"))
            .and_then(|l| l.with_en("Long-term unemployed, % of the labour force"))
            .unwrap()
    }

    #[test]
    fn a_definition_keeps_its_fields() {
        let d = IndicatorDefinition::new(
            "own:long-term-unemployed".parse().unwrap(),
            name(),
            vec![PhenomenonTheme::Employment, PhenomenonTheme::IncomeAndDebt],
        )
        .unwrap();
        assert_eq!(d.id().as_str(), "own:long-term-unemployed");
        assert_eq!(
            d.name().get(Lang::En).text(),
            "Long-term unemployed, % of the labour force"
        );
        assert_eq!(
            d.themes(),
            &[PhenomenonTheme::Employment, PhenomenonTheme::IncomeAndDebt]
        );
        let without = IndicatorDefinition::new("i".parse().unwrap(), name(), Vec::new()).unwrap();
        assert!(without.themes().is_empty());
    }

    #[test]
    fn a_repeated_theme_is_refused_and_named() {
        let err = IndicatorDefinition::new(
            "i".parse().unwrap(),
            name(),
            vec![
                PhenomenonTheme::Housing,
                PhenomenonTheme::Health,
                PhenomenonTheme::Housing,
            ],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "inconsistent indicator definition: themes lists \"housing\" twice: give each once"
        );
    }

    #[test]
    fn json_round_trip_and_empty_themes_left_out() {
        let d = IndicatorDefinition::new(
            "own:long-term-unemployed".parse().unwrap(),
            name(),
            vec![PhenomenonTheme::Employment],
        )
        .unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"id":"own:long-term-unemployed","name":{"fi":"Pitkäaikaistyöttömät, % työvoimasta","sv":"Långtidsarbetslösa, % av arbetskraften","en":"Long-term unemployed, % of the labour force"},"themes":["employment"]}"#
        );
        assert_eq!(
            serde_json::from_str::<IndicatorDefinition>(&json).unwrap(),
            d
        );
        let bare = IndicatorDefinition::new("i".parse().unwrap(), name(), Vec::new()).unwrap();
        let json = serde_json::to_string(&bare).unwrap();
        assert!(!json.contains("themes"), "{json}");
        assert_eq!(
            serde_json::from_str::<IndicatorDefinition>(&json).unwrap(),
            bare
        );
    }

    #[test]
    fn reading_checks_like_building() {
        let unknown = serde_json::from_str::<IndicatorDefinition>(
            r#"{"id":"i","name":{"fi":"Nimi"},"description":"x"}"#,
        )
        .unwrap_err();
        assert!(
            unknown.to_string().contains("unknown field `description`"),
            "{unknown}"
        );
        let repeated = serde_json::from_str::<IndicatorDefinition>(
            r#"{"id":"i","name":{"fi":"Nimi"},"themes":["health","health"]}"#,
        )
        .unwrap_err();
        assert!(
            repeated
                .to_string()
                .contains("themes lists \"health\" twice"),
            "{repeated}"
        );
        let no_finnish =
            serde_json::from_str::<IndicatorDefinition>(r#"{"id":"i","name":{"sv":"Namn"}}"#)
                .unwrap_err();
        assert!(
            no_finnish.to_string().contains("missing field `fi`"),
            "{no_finnish}"
        );
    }
}
