//! Operating models (toimintamallit) and their themes.
//!
//! Welfare areas develop and pilot ways of working, such as low-threshold social work or
//! outreach social work, and evaluate whether they work. An [`OperatingModel`] describes
//! one such way of working once, with its program theory; each place and period where it
//! is run is an [`Implementation`](crate::Implementation) that refers to it by id.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::code_list::code_list;
use crate::invariant::no_repeats;
use crate::{
    Error, FreeText, Labels, OpenCode, OperatingModelId, ProgramTheory, ServiceClass, TargetGroup,
};

const RECORD: &str = "operating model";

code_list! {
    /// The theme of an operating model (toimintamallin teema): the national development
    /// themes of adult social work.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{CodeList, Lang, ModelTheme};
    ///
    /// assert_eq!(ModelTheme::Outreach.label(Lang::Fi).text(), "Etsivä sosiaalityö");
    /// ```
    pub enum ModelTheme as "model_theme", closed {
        LowThreshold = "low_threshold" {
            fi: "Matalan kynnyksen sosiaalityö",
            sv: "Socialt arbete med låg tröskel",
            en: "Low-threshold social work",
            description: "Social work reachable without appointments or referrals, e.g. walk-in points and drop-in hours.",
        },
        Outreach = "outreach" {
            fi: "Etsivä sosiaalityö",
            sv: "Uppsökande socialt arbete",
            en: "Outreach social work",
            description: "Social work that seeks out people outside services where they are.",
        },
        SocialRehabilitation = "social_rehabilitation" {
            fi: "Sosiaalinen kuntoutus",
            sv: "Social rehabilitering",
            en: "Social rehabilitation",
            description: "Group and individual rehabilitation that strengthens social functioning and participation.",
        },
        IntensiveClientGuidance = "intensive_client_guidance" {
            fi: "Intensiivinen asiakasohjaus",
            sv: "Intensiv klienthandledning",
            en: "Intensive client guidance",
            description: "Case management with a named worker and frequent contact for clients with complex needs.",
        },
        Other = "other" {
            fi: "Muu toimintamalli",
            sv: "Annan verksamhetsmodell",
            en: "Other operating model",
            description: "An operating model outside the themes above.",
        },
    }
}

/// An operating model (toimintamalli): a described way of working, with its program
/// theory, that can be implemented and evaluated in several areas.
///
/// Invariants (checked on construction and deserialization): no service class or target
/// group repeated.
///
/// # Example
/// ```
/// use rakenne_model::{
///     Labels, LogicElement, Measure, ModelTheme, OperatingModel, ProgramTheory, ServiceClass,
///     TargetGroup,
/// };
///
/// let theory = ProgramTheory::new()
///     .with_activity(LogicElement::new("Avoimet ovet arkipäivisin ilman ajanvarausta".parse()?))
///     .with_short_term_outcome(
///         LogicElement::new("Asiakkaan arjen hallinta vahvistuu".parse()?)
///             .with_measure(Measure::Instrument("ORS".parse()?)),
///     );
/// let model = OperatingModel::builder(
///     "olohuone".parse()?,
///     Labels::new("Sosiaalityön olohuone")?.with_en("Social work living room")?,
///     ModelTheme::LowThreshold,
/// )
/// .service_class(ServiceClass::SocialWork)
/// .target_group(TargetGroup::WorkingAgeAdults)
/// .program_theory(theory)
/// .build()?;
/// assert_eq!(model.program_theory().measures().count(), 1);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OperatingModel {
    /// Id of the operating model.
    id: OperatingModelId,
    /// Name in Finnish (required), Swedish and English.
    name: Labels,
    /// National development theme.
    theme: ModelTheme,
    /// Services the model belongs to; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    service_classes: Vec<ServiceClass>,
    /// Whom the model is for; no repeats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("uniqueItems" = true))]
    target_groups: Vec<OpenCode<TargetGroup>>,
    /// Short description of the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<FreeText>,
    /// The program theory (logic model); left out while it is empty.
    #[serde(default, skip_serializing_if = "ProgramTheory::is_empty")]
    program_theory: ProgramTheory,
}

impl OperatingModel {
    /// Starts an operating model; the program theory starts empty.
    pub fn builder(id: OperatingModelId, name: Labels, theme: ModelTheme) -> OperatingModelBuilder {
        OperatingModelBuilder {
            model: OperatingModel {
                id,
                name,
                theme,
                service_classes: Vec::new(),
                target_groups: Vec::new(),
                description: None,
                program_theory: ProgramTheory::new(),
            },
        }
    }

    /// Id of the model.
    pub fn id(&self) -> &OperatingModelId {
        &self.id
    }

    /// Name in fi/sv/en.
    pub fn name(&self) -> &Labels {
        &self.name
    }

    /// National development theme.
    pub fn theme(&self) -> ModelTheme {
        self.theme
    }

    /// Service classes.
    pub fn service_classes(&self) -> &[ServiceClass] {
        &self.service_classes
    }

    /// Target groups.
    pub fn target_groups(&self) -> &[OpenCode<TargetGroup>] {
        &self.target_groups
    }

    /// Description, if given.
    pub fn description(&self) -> Option<&FreeText> {
        self.description.as_ref()
    }

    /// The program theory.
    pub fn program_theory(&self) -> &ProgramTheory {
        &self.program_theory
    }

    fn check(self) -> Result<Self, Error> {
        no_repeats(RECORD, &self.service_classes, "service_classes")?;
        no_repeats(RECORD, &self.target_groups, "target_groups")?;
        Ok(self)
    }
}

impl<'de> Deserialize<'de> for OperatingModel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            id: OperatingModelId,
            name: Labels,
            theme: ModelTheme,
            #[serde(default)]
            service_classes: Vec<ServiceClass>,
            #[serde(default)]
            target_groups: Vec<OpenCode<TargetGroup>>,
            #[serde(default)]
            description: Option<FreeText>,
            #[serde(default)]
            program_theory: ProgramTheory,
        }
        let f = Fields::deserialize(deserializer)?;
        OperatingModel {
            id: f.id,
            name: f.name,
            theme: f.theme,
            service_classes: f.service_classes,
            target_groups: f.target_groups,
            description: f.description,
            program_theory: f.program_theory,
        }
        .check()
        .map_err(serde::de::Error::custom)
    }
}

/// Builds an [`OperatingModel`]; made by [`OperatingModel::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct OperatingModelBuilder {
    model: OperatingModel,
}

impl OperatingModelBuilder {
    /// Adds a service class.
    pub fn service_class(mut self, class: ServiceClass) -> Self {
        self.model.service_classes.push(class);
        self
    }

    /// Adds a target group: a code of the list, or a local one.
    pub fn target_group(mut self, group: impl Into<OpenCode<TargetGroup>>) -> Self {
        self.model.target_groups.push(group.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: FreeText) -> Self {
        self.model.description = Some(description);
        self
    }

    /// Sets the program theory.
    pub fn program_theory(mut self, theory: ProgramTheory) -> Self {
        self.model.program_theory = theory;
        self
    }

    /// Checks the invariants and returns the model.
    pub fn build(self) -> Result<OperatingModel, Error> {
        self.model.check()
    }
}
