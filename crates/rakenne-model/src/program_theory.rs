//! Program theory (ohjelmateoria): the logic model of an operating model.
//!
//! Effectiveness evaluation starts from what a model is supposed to do: which needs it
//! answers, with what resources, through which activities, producing which outputs and
//! leading to which short- and long-term outcomes. Each element can name the instruments
//! or indicators that measure it, which ties the evaluation results back to the theory.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{FreeText, IndicatorId, InstrumentId};

/// What measures an element of a program theory: an instrument (mittari) given to clients,
/// or a statistical indicator.
///
/// Serialized as `{"kind": "instrument", "id": "ORS"}` or
/// `{"kind": "indicator", "id": "sotkanet:3071"}`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// An instrument administered to clients (see instrument definitions).
    Instrument(InstrumentId),
    /// A statistical indicator.
    Indicator(IndicatorId),
}

/// One element of a logic model: a need, resource, activity, output or outcome, described
/// in text, with the measures that follow it.
///
/// # Example
/// ```
/// use rakenne_model::{LogicElement, Measure};
///
/// let outcome = LogicElement::new("Toimintakyky paranee".parse()?)
///     .with_measure(Measure::Instrument("ORS".parse()?));
/// assert_eq!(outcome.measures().len(), 1);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LogicElement {
    /// What the element is.
    text: FreeText,
    /// Instruments or indicators that measure it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    measures: Vec<Measure>,
}

impl LogicElement {
    /// An element without measures.
    pub fn new(text: FreeText) -> Self {
        LogicElement {
            text,
            measures: Vec::new(),
        }
    }

    /// Adds a measure.
    #[must_use]
    pub fn with_measure(mut self, measure: Measure) -> Self {
        self.measures.push(measure);
        self
    }

    /// The description.
    pub fn text(&self) -> &FreeText {
        &self.text
    }

    /// The measures.
    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }
}

/// The program theory (ohjelmateoria) of an operating model as a logic model: needs and
/// target group → resources → activities → outputs → short-term outcomes → long-term
/// outcomes.
///
/// Every stage is a list of [`LogicElement`]s and may be empty while the theory is being
/// written; an evaluation report shows the stages that are filled in.
///
/// # Example
/// ```
/// use rakenne_model::{LogicElement, ProgramTheory};
///
/// let theory = ProgramTheory::new()
///     .with_need(LogicElement::new("Nuoret eivät löydä palveluihin".parse()?))
///     .with_activity(LogicElement::new("Jalkautuva työ kauppakeskuksissa".parse()?));
/// assert_eq!(theory.needs().len(), 1);
/// assert!(theory.long_term_outcomes().is_empty());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProgramTheory {
    /// Needs the model answers (tarpeet), including whose needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    needs: Vec<LogicElement>,
    /// Resources it uses (resurssit): staff, premises, partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    resources: Vec<LogicElement>,
    /// What is done (toiminnot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    activities: Vec<LogicElement>,
    /// Direct products of the activities (tuotokset), e.g. contacts, groups held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    outputs: Vec<LogicElement>,
    /// Short-term outcomes for clients (välittömät vaikutukset).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    short_term_outcomes: Vec<LogicElement>,
    /// Long-term outcomes (pitkän aikavälin vaikutukset).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    long_term_outcomes: Vec<LogicElement>,
}

impl ProgramTheory {
    /// An empty program theory.
    pub fn new() -> Self {
        ProgramTheory::default()
    }

    /// Adds a need.
    #[must_use]
    pub fn with_need(mut self, element: LogicElement) -> Self {
        self.needs.push(element);
        self
    }

    /// Adds a resource.
    #[must_use]
    pub fn with_resource(mut self, element: LogicElement) -> Self {
        self.resources.push(element);
        self
    }

    /// Adds an activity.
    #[must_use]
    pub fn with_activity(mut self, element: LogicElement) -> Self {
        self.activities.push(element);
        self
    }

    /// Adds an output.
    #[must_use]
    pub fn with_output(mut self, element: LogicElement) -> Self {
        self.outputs.push(element);
        self
    }

    /// Adds a short-term outcome.
    #[must_use]
    pub fn with_short_term_outcome(mut self, element: LogicElement) -> Self {
        self.short_term_outcomes.push(element);
        self
    }

    /// Adds a long-term outcome.
    #[must_use]
    pub fn with_long_term_outcome(mut self, element: LogicElement) -> Self {
        self.long_term_outcomes.push(element);
        self
    }

    /// Needs.
    pub fn needs(&self) -> &[LogicElement] {
        &self.needs
    }

    /// Resources.
    pub fn resources(&self) -> &[LogicElement] {
        &self.resources
    }

    /// Activities.
    pub fn activities(&self) -> &[LogicElement] {
        &self.activities
    }

    /// Outputs.
    pub fn outputs(&self) -> &[LogicElement] {
        &self.outputs
    }

    /// Short-term outcomes.
    pub fn short_term_outcomes(&self) -> &[LogicElement] {
        &self.short_term_outcomes
    }

    /// Long-term outcomes.
    pub fn long_term_outcomes(&self) -> &[LogicElement] {
        &self.long_term_outcomes
    }

    /// Every measure named anywhere in the theory, in stage order (needs first), with
    /// repeats.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        [
            &self.needs,
            &self.resources,
            &self.activities,
            &self.outputs,
            &self.short_term_outcomes,
            &self.long_term_outcomes,
        ]
        .into_iter()
        .flatten()
        .flat_map(|element| element.measures.iter())
    }

    /// Whether no stage has any element.
    pub fn is_empty(&self) -> bool {
        self.needs.is_empty()
            && self.resources.is_empty()
            && self.activities.is_empty()
            && self.outputs.is_empty()
            && self.short_term_outcomes.is_empty()
            && self.long_term_outcomes.is_empty()
    }
}
