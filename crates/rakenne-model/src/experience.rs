//! Statements of experts by experience (kokemusasiantuntijoiden kannanotot).
//!
//! Client experience enters structural social work not only as feedback on a service but
//! as considered statements: an expert-by-experience group, a client panel or a resident
//! forum describes a phenomenon from the inside. An [`ExperienceStatement`] is classified
//! with the same phenomenon themes as social reports, so the two can be read together.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use crate::code_list::code_list;
use crate::invariant::{check_municipality_in_area, no_repeats};
use crate::{
    Error, FreeText, ImplementationId, MunicipalityCode, PhenomenonTheme, StatementId,
    WelfareAreaCode,
};

const RECORD: &str = "experience statement";

code_list! {
    /// Who made an experience statement (kokemustiedon lähde).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, ExperienceSource, Lang};
    ///
    /// assert_eq!(ExperienceSource::ClientPanel.label(Lang::Fi).text(), "Asiakasraati");
    /// ```
    pub enum ExperienceSource as "experience_source", closed {
        ExpertsByExperience = "experts_by_experience" {
            fi: "Kokemusasiantuntijat",
            sv: "Erfarenhetsexperter",
            en: "Experts by experience",
            description: "Trained experts by experience, individually or as a group.",
        },
        ClientPanel = "client_panel" {
            fi: "Asiakasraati",
            sv: "Klientråd",
            en: "Client panel",
            description: "A client council or panel of a service.",
        },
        ResidentForum = "resident_forum" {
            fi: "Asukasfoorumi",
            sv: "Invånarforum",
            en: "Resident forum",
            description: "A resident forum, influence body or open event.",
        },
        PeerGroup = "peer_group" {
            fi: "Vertaisryhmä",
            sv: "Kamratgrupp",
            en: "Peer group",
            description: "A peer-support group.",
        },
        Other = "other" {
            fi: "Muu",
            sv: "Annan",
            en: "Other",
            description: "Another source of client experience.",
        },
    }
}

/// A statement of experts by experience or other client-experience body
/// (kokemusasiantuntijan kannanotto).
///
/// Invariants (checked by [`ExperienceStatement::new`] and deserialization): at least one
/// theme, none repeated; the municipality, if given, belongs to the area; date in
/// 1900–2100.
///
/// # Example
/// ```
/// use rakenne_model::{ExperienceSource, ExperienceStatement, PhenomenonTheme};
/// use time::macros::date;
///
/// let statement = ExperienceStatement::new(
///     "S-1".parse()?,
///     date!(2025 - 04 - 10),
///     "08".parse()?,
///     ExperienceSource::ExpertsByExperience,
///     vec![PhenomenonTheme::DigitalExclusion],
///     "Sähköinen asiointi sulkee osan asiakkaista palvelujen ulkopuolelle.".parse()?,
/// )?;
/// assert_eq!(statement.themes(), &[PhenomenonTheme::DigitalExclusion]);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExperienceStatement {
    /// Id of the statement.
    id: StatementId,
    /// Date of the statement.
    #[serde(with = "crate::date::iso")]
    #[schemars(with = "crate::date::DateSchema")]
    given_on: Date,
    /// Welfare area the statement concerns.
    area: WelfareAreaCode,
    /// Municipality, if the statement concerns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<MunicipalityCode>,
    /// Who made it.
    source: ExperienceSource,
    /// Themes, main theme first; at least one, no repeats.
    #[schemars(length(min = 1), extend("uniqueItems" = true))]
    themes: Vec<PhenomenonTheme>,
    /// Implementation the statement concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    implementation: Option<ImplementationId>,
    /// The statement.
    statement: FreeText,
}

impl ExperienceStatement {
    /// A statement; checks the invariants.
    pub fn new(
        id: StatementId,
        given_on: Date,
        area: WelfareAreaCode,
        source: ExperienceSource,
        themes: Vec<PhenomenonTheme>,
        statement: FreeText,
    ) -> Result<Self, Error> {
        ExperienceStatement {
            id,
            given_on,
            area,
            municipality: None,
            source,
            themes,
            implementation: None,
            statement,
        }
        .check()
    }

    /// Sets the municipality; refuses one outside the area.
    pub fn with_municipality(mut self, municipality: MunicipalityCode) -> Result<Self, Error> {
        self.municipality = Some(municipality);
        self.check()
    }

    /// Places the statement in an implementation.
    #[must_use]
    pub fn with_implementation(mut self, implementation: ImplementationId) -> Self {
        self.implementation = Some(implementation);
        self
    }

    /// Id of the statement.
    pub fn id(&self) -> &StatementId {
        &self.id
    }

    /// Date.
    pub fn given_on(&self) -> Date {
        self.given_on
    }

    /// Welfare area.
    pub fn area(&self) -> WelfareAreaCode {
        self.area
    }

    /// Municipality, if any.
    pub fn municipality(&self) -> Option<MunicipalityCode> {
        self.municipality
    }

    /// Who made it.
    pub fn source(&self) -> ExperienceSource {
        self.source
    }

    /// Themes (never empty).
    pub fn themes(&self) -> &[PhenomenonTheme] {
        &self.themes
    }

    /// Implementation, if any.
    pub fn implementation(&self) -> Option<&ImplementationId> {
        self.implementation.as_ref()
    }

    /// The statement.
    pub fn statement(&self) -> &FreeText {
        &self.statement
    }

    fn check(self) -> Result<Self, Error> {
        crate::date::check(self.given_on, "statement date")?;
        if self.themes.is_empty() {
            return Err(Error::inconsistent(
                RECORD,
                "themes is empty: give at least one phenomenon theme, the main one first",
            ));
        }
        no_repeats(RECORD, &self.themes, "themes")?;
        if let Some(municipality) = self.municipality {
            check_municipality_in_area(RECORD, municipality, self.area)?;
        }
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for ExperienceStatement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: StatementId,
            #[serde(with = "crate::date::iso")]
            given_on: Date,
            area: WelfareAreaCode,
            #[serde(default)]
            municipality: Option<MunicipalityCode>,
            source: ExperienceSource,
            themes: Vec<PhenomenonTheme>,
            #[serde(default)]
            implementation: Option<ImplementationId>,
            statement: FreeText,
        }
        let f = Fields::deserialize(deserializer)?;
        ExperienceStatement {
            id: f.id,
            given_on: f.given_on,
            area: f.area,
            municipality: f.municipality,
            source: f.source,
            themes: f.themes,
            implementation: f.implementation,
            statement: f.statement,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}
