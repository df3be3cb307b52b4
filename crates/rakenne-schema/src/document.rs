//! The exchange document (tiedonsiirtoasiakirja): a header and optional sections.
//!
//! One document carries what a welfare area exchanges about structural social work for a
//! period: social reports, operating models and their implementations, the instrument
//! definitions its measurements use, measurements, GAS goals, service episodes, client
//! feedback, experts-by-experience statements, the definitions of its indicators (names and
//! phenomenon themes) and their observations, and published
//! evaluation results (aggregates only, after disclosure control). Every section is
//! optional and omitted from JSON when empty.

use rakenne_metrics::{
    EvaluationInput, GasSummary, InstrumentDefinition, OutcomeSummary, ReachSummary, ResultTable,
};
use rakenne_model::{
    ExperienceStatement, Feedback, GasGoal, Implementation, IndicatorDefinition,
    IndicatorObservation, InstrumentAdministration, InstrumentId, OperatingModel, ServiceEpisode,
    SocialReport,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Header;

/// A published evaluation result: a table of aggregates that has been through disclosure
/// control (no record-level data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PublishedResult {
    /// Outcomes on one instrument.
    Outcomes {
        /// The instrument.
        instrument: InstrumentId,
        /// The table.
        table: Box<ResultTable<OutcomeSummary>>,
    },
    /// Goal attainment (GAS).
    GoalAttainment {
        /// The table.
        table: Box<ResultTable<GasSummary>>,
    },
    /// Reach and process.
    Reach {
        /// The table.
        table: Box<ResultTable<ReachSummary>>,
    },
}

/// An exchange document.
///
/// # Example
/// ```
/// use rakenne_model::{Labels, Lang};
/// use rakenne_schema::{Document, Header, Producer};
/// use time::macros::datetime;
///
/// let document = Document::new(Header::new(
///     Producer::new("08".parse()?, Labels::new("Sosiaalipalvelut")?),
///     "2025".parse()?,
///     datetime!(2026-01-15 09:30 +02:00),
///     Lang::Fi,
/// ));
/// let json = serde_json::to_string(&document).unwrap();
/// assert!(json.starts_with(r#"{"header":{"format_version":"1.0.0""#));
/// assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), document);
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// The header.
    pub header: Header,
    /// Social reports (sosiaaliset raportit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_reports: Vec<SocialReport>,
    /// Operating models (toimintamallit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operating_models: Vec<OperatingModel>,
    /// Implementations of operating models (pilotit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implementations: Vec<Implementation>,
    /// Definitions of the instruments the measurements use, other than the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instruments: Vec<InstrumentDefinition>,
    /// Instrument administrations (mittaukset).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<InstrumentAdministration>,
    /// GAS goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gas_goals: Vec<GasGoal>,
    /// Service episodes (palvelujaksot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_episodes: Vec<ServiceEpisode>,
    /// Client feedback (asiakaspalaute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Feedback>,
    /// Statements of experts by experience (kokemusasiantuntijoiden kannanotot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience_statements: Vec<ExperienceStatement>,
    /// Definitions of the indicators the observations use (indikaattorien kuvaukset):
    /// names in fi/sv/en and the phenomenon themes each describes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_definitions: Vec<IndicatorDefinition>,
    /// Indicator observations (indikaattorit).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorObservation>,
    /// Published evaluation results (aggregates only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<PublishedResult>,
}

impl Document {
    /// A document with a header and no sections.
    pub fn new(header: Header) -> Self {
        Document {
            header,
            social_reports: Vec::new(),
            operating_models: Vec::new(),
            implementations: Vec::new(),
            instruments: Vec::new(),
            measurements: Vec::new(),
            gas_goals: Vec::new(),
            service_episodes: Vec::new(),
            feedback: Vec::new(),
            experience_statements: Vec::new(),
            indicator_definitions: Vec::new(),
            indicators: Vec::new(),
            results: Vec::new(),
        }
    }

    /// The document's records as the input of an evaluation
    /// ([`rakenne_metrics::Evaluation::of`]).
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::{Evaluation, EvaluationOptions};
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(5).clients(200).document();
    /// let evaluation = Evaluation::of(&document.evaluation_input(), &EvaluationOptions::default())?;
    /// assert!(!evaluation.outcomes.is_empty());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn evaluation_input(&self) -> EvaluationInput<'_> {
        EvaluationInput::new(&self.implementations, &self.operating_models)
            .instruments(&self.instruments)
            .measurements(&self.measurements)
            .goals(&self.gas_goals)
            .episodes(&self.service_episodes)
            .feedback(&self.feedback)
    }
}
