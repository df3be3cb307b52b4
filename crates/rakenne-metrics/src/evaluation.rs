//! A whole evaluation: every result of a set of records, tabulated for publication.
//!
//! The other modules compute one kind of result at a time. Services, the command line and
//! the reports want all of them for a set of records at once, broken down the same way and
//! under the same disclosure rule: outcomes on every instrument that was administered,
//! goal attainment, reach and process, and client experience. [`Evaluation::of`] is that
//! one call; its result holds aggregates only and serializes as JSON.

use std::collections::BTreeSet;

use rakenne_model::{
    Feedback, FeedbackAnswer, GasGoal, Implementation, InstrumentAdministration, InstrumentId,
    OperatingModel, QuestionId, ServiceEpisode,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::disclosure::DisclosureRule;
use crate::{
    ClientGasScores, Dimension, Direction, Error, EvaluationContext, FeedbackSummary, GasScoring,
    GasSummary, InstrumentDefinition, OutcomeSummary, PairedScores, Published, ReachSummary,
    ResultTable, Yardsticks, builtin,
};

/// The records an evaluation reads: borrowed slices, any of which may be empty.
///
/// # Example
/// ```
/// use rakenne_metrics::EvaluationInput;
///
/// let input = EvaluationInput::new(&[], &[]);
/// assert!(input.measurements.is_empty());
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct EvaluationInput<'a> {
    /// Implementations (pilots) that records refer to.
    pub implementations: &'a [Implementation],
    /// Operating models of the implementations.
    pub models: &'a [OperatingModel],
    /// Instrument definitions beyond the built-in ones ([`builtin::all`]); a definition
    /// here takes precedence over a built-in one with the same id.
    pub instruments: &'a [InstrumentDefinition],
    /// Instrument administrations.
    pub measurements: &'a [InstrumentAdministration],
    /// GAS goals.
    pub goals: &'a [GasGoal],
    /// Service episodes.
    pub episodes: &'a [ServiceEpisode],
    /// Client feedback.
    pub feedback: &'a [Feedback],
}

impl<'a> EvaluationInput<'a> {
    /// Input with these implementations and models and no records yet.
    pub fn new(implementations: &'a [Implementation], models: &'a [OperatingModel]) -> Self {
        EvaluationInput {
            implementations,
            models,
            ..EvaluationInput::default()
        }
    }

    /// Sets the instrument definitions beyond the built-in ones.
    #[must_use]
    pub fn instruments(mut self, instruments: &'a [InstrumentDefinition]) -> Self {
        self.instruments = instruments;
        self
    }

    /// Sets the instrument administrations.
    #[must_use]
    pub fn measurements(mut self, measurements: &'a [InstrumentAdministration]) -> Self {
        self.measurements = measurements;
        self
    }

    /// Sets the GAS goals.
    #[must_use]
    pub fn goals(mut self, goals: &'a [GasGoal]) -> Self {
        self.goals = goals;
        self
    }

    /// Sets the service episodes.
    #[must_use]
    pub fn episodes(mut self, episodes: &'a [ServiceEpisode]) -> Self {
        self.episodes = episodes;
        self
    }

    /// Sets the client feedback.
    #[must_use]
    pub fn feedback(mut self, feedback: &'a [Feedback]) -> Self {
        self.feedback = feedback;
        self
    }
}

/// How an evaluation is broken down and protected.
///
/// # Example
/// ```
/// use rakenne_metrics::disclosure::DisclosureRule;
/// use rakenne_metrics::{Dimension, EvaluationOptions};
///
/// let options = EvaluationOptions::by(Dimension::Area, Dimension::HalfYear)
///     .with_rule(DisclosureRule::new(10)?);
/// assert_eq!(options.rule.min_persons(), 10);
/// # Ok::<(), rakenne_metrics::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct EvaluationOptions {
    /// Dimension of the table rows.
    pub rows: Dimension,
    /// Dimension of the table columns.
    pub columns: Dimension,
    /// Disclosure control of every table.
    pub rule: DisclosureRule,
    /// GAS T-score parameters.
    pub gas: GasScoring,
}

impl Default for EvaluationOptions {
    /// By welfare area and quarter, at least 5 persons per cell, GAS with ρ = 0.3.
    fn default() -> Self {
        EvaluationOptions::by(Dimension::Area, Dimension::Quarter)
    }
}

impl EvaluationOptions {
    /// Tables by `rows` and `columns`, with the default disclosure rule and GAS scoring.
    pub fn by(rows: Dimension, columns: Dimension) -> Self {
        EvaluationOptions {
            rows,
            columns,
            rule: DisclosureRule::default(),
            gas: GasScoring::default(),
        }
    }

    /// Sets the disclosure rule.
    #[must_use]
    pub fn with_rule(mut self, rule: DisclosureRule) -> Self {
        self.rule = rule;
        self
    }

    /// Sets the GAS scoring.
    #[must_use]
    pub fn with_gas(mut self, gas: GasScoring) -> Self {
        self.gas = gas;
        self
    }
}

/// Outcomes on one instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InstrumentOutcomes {
    /// The instrument.
    pub instrument: InstrumentId,
    /// Whether higher scores are better or worse.
    pub direction: Direction,
    /// Administrations whose total score was invalid under the instrument's missing-item
    /// rule (left out of the table).
    pub invalid_scores: u64,
    /// The table.
    pub table: ResultTable<OutcomeSummary>,
}

/// Client experience on one feedback question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct QuestionResult {
    /// The question.
    pub question: QuestionId,
    /// The summary of its ratings; suppressed when fewer responses than the disclosure
    /// rule's minimum rated it.
    pub summary: Published<FeedbackSummary>,
}

/// Every result of an evaluation: aggregates only, after disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Evaluation {
    /// Dimension of the table rows.
    pub rows: Dimension,
    /// Dimension of the table columns.
    pub columns: Dimension,
    /// The smallest number of persons a published cell is based on.
    pub min_persons: u64,
    /// The ρ of the GAS T-scores.
    pub gas_rho: f64,
    /// Outcomes on each administered instrument, in instrument id order.
    pub outcomes: Vec<InstrumentOutcomes>,
    /// Goal attainment, when there are GAS goals with a follow-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_attainment: Option<ResultTable<GasSummary>>,
    /// Reach and process, when there are service episodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<ResultTable<ReachSummary>>,
    /// Client experience on each rated question, in question id order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<QuestionResult>,
}

impl Evaluation {
    /// Evaluates `input` as `options` say.
    ///
    /// Every instrument that the measurements name must be defined in
    /// [`EvaluationInput::instruments`] or built in; an unknown one is an error
    /// ([`Error::UnknownInstrument`]), as are administrations that cannot be scored — such
    /// data must be corrected, not left out silently. Sections without records are absent
    /// from the result.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::{Evaluation, EvaluationInput, EvaluationOptions};
    ///
    /// let nothing = Evaluation::of(&EvaluationInput::new(&[], &[]), &EvaluationOptions::default())?;
    /// assert!(nothing.outcomes.is_empty() && nothing.reach.is_none());
    /// # Ok::<(), rakenne_metrics::Error>(())
    /// ```
    pub fn of(input: &EvaluationInput<'_>, options: &EvaluationOptions) -> Result<Self, Error> {
        let context = EvaluationContext::new(input.implementations, input.models);
        let (rows, columns, rule) = (options.rows, options.columns, options.rule);

        let administered: BTreeSet<&InstrumentId> = input
            .measurements
            .iter()
            .map(InstrumentAdministration::instrument)
            .collect();
        let builtins = if administered.is_empty() {
            Vec::new()
        } else {
            builtin::all()
        };
        let mut outcomes = Vec::with_capacity(administered.len());
        for id in administered {
            let definition = input
                .instruments
                .iter()
                .chain(&builtins)
                .find(|d| &d.id == id)
                .ok_or_else(|| Error::UnknownInstrument {
                    instrument: id.to_string(),
                })?;
            let scores = PairedScores::new(definition, input.measurements)?;
            if scores.pair_count() == 0 && scores.dropout_count() == 0 {
                // Only interim or invalid administrations: nothing to tabulate.
                continue;
            }
            let yardsticks = Yardsticks::for_scores(definition, &scores);
            let table = OutcomeSummary::table_of_scores(
                definition,
                &scores,
                &context,
                rows,
                columns,
                &yardsticks,
                rule,
            )?;
            outcomes.push(InstrumentOutcomes {
                instrument: id.clone(),
                direction: definition.direction,
                invalid_scores: scores.invalid_scores(),
                table,
            });
        }

        let clients = ClientGasScores::new(input.goals, &options.gas);
        let goal_attainment = if clients.is_empty() {
            None
        } else {
            Some(GasSummary::table_of_scores(
                &clients, &context, rows, columns, rule,
            )?)
        };
        let reach = if input.episodes.is_empty() {
            None
        } else {
            Some(ReachSummary::table(
                input.episodes,
                &context,
                rows,
                columns,
                rule,
            )?)
        };

        Ok(Evaluation {
            rows,
            columns,
            min_persons: rule.min_persons(),
            gas_rho: options.gas.rho(),
            outcomes,
            goal_attainment,
            reach,
            experience: experience(input.feedback, rule)?,
        })
    }

    /// The outcomes on `instrument`, if it was administered.
    pub fn outcomes_on(&self, instrument: &InstrumentId) -> Option<&InstrumentOutcomes> {
        self.outcomes.iter().find(|o| &o.instrument == instrument)
    }
}

/// The summary of every rated question of `feedback`, each suppressed when fewer
/// responses than `rule` requires rated it.
fn experience(feedback: &[Feedback], rule: DisclosureRule) -> Result<Vec<QuestionResult>, Error> {
    let rated: BTreeSet<&QuestionId> = feedback
        .iter()
        .flat_map(Feedback::answers)
        .filter(|a| a.rating().is_some())
        .map(FeedbackAnswer::question)
        .collect();
    rated
        .into_iter()
        .map(|question| {
            let summary = FeedbackSummary::of(feedback, question)?;
            let summary = if rule.suppresses(summary.ratings.n) {
                Published::suppressed()
            } else {
                Published::Value(summary)
            };
            Ok(QuestionResult {
                question: question.clone(),
                summary,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_model::{
        Client, GasGoal, GasLevel, ItemResponse, Occasion, Rating, RatingScale, ServiceClass,
    };
    use time::macros::date;

    fn pilot() -> Implementation {
        Implementation::builder(
            "P1".parse().unwrap(),
            "olohuone".parse().unwrap(),
            "08".parse().unwrap(),
            "2025".parse().unwrap(),
        )
        .build()
        .unwrap()
    }

    /// WHO-5 administrations of `clients` clients: every item `pre` at baseline and
    /// `post` at follow-up.
    fn who5(clients: usize, pre: &str, post: &str) -> Vec<InstrumentAdministration> {
        let administer = |c: usize, occasion, score: &str, on| {
            let responses = (1..=5)
                .map(|i| {
                    ItemResponse::scored(format!("q{i}").parse().unwrap(), score.parse().unwrap())
                })
                .collect();
            InstrumentAdministration::new(
                format!("M{c}-{occasion}").parse().unwrap(),
                "WHO-5".parse().unwrap(),
                Client::new(format!("C{c}").parse().unwrap()),
                on,
                occasion,
                responses,
            )
            .unwrap()
            .with_implementation("P1".parse().unwrap())
        };
        (0..clients)
            .flat_map(|c| {
                [
                    administer(c, Occasion::Baseline, pre, date!(2025 - 02 - 01)),
                    administer(c, Occasion::FollowUp, post, date!(2025 - 06 - 01)),
                ]
            })
            .collect()
    }

    #[test]
    fn outcomes_of_every_administered_instrument() {
        let implementations = [pilot()];
        let measurements = who5(6, "2", "3");
        let input = EvaluationInput::new(&implementations, &[]).measurements(&measurements);
        let evaluation = Evaluation::of(&input, &EvaluationOptions::default()).unwrap();
        assert_eq!(evaluation.outcomes.len(), 1);
        let who5 = evaluation.outcomes_on(&"WHO-5".parse().unwrap()).unwrap();
        let total = who5.table.grand_total.value().unwrap();
        assert_eq!(total.clients_paired, 6);
        // Raw totals 10 → 15 for everyone: a mean change of exactly 5.
        let paired = total.paired.as_ref().unwrap();
        assert!((paired.mean_difference.value - 5.0).abs() < 1e-12);
        assert_eq!(who5.direction, Direction::HigherIsBetter);
        assert!(evaluation.goal_attainment.is_none() && evaluation.reach.is_none());
    }

    #[test]
    fn records_no_position_can_hold_give_a_table_without_rows() {
        // Goals of clients outside any implementation have no area: by area, nothing can
        // be placed. The evaluation still succeeds and says how many were left out.
        let goal = |c: usize| {
            GasGoal::new(
                format!("G{c}").parse().unwrap(),
                Client::new(format!("C{c}").parse().unwrap()),
                "Asioi itse".parse().unwrap(),
                date!(2025 - 02 - 01),
            )
            .unwrap()
            .evaluated(GasLevel::new(1).unwrap(), date!(2025 - 06 - 01))
            .unwrap()
        };
        let goals = [goal(1), goal(2), goal(3)];
        let implementations = [pilot()];
        let input = EvaluationInput::new(&implementations, &[]).goals(&goals);
        let evaluation = Evaluation::of(&input, &EvaluationOptions::default()).unwrap();
        let gas = evaluation.goal_attainment.unwrap();
        assert!(gas.row_keys.is_empty() && gas.cells.is_empty() && gas.row_totals.is_empty());
        assert!(gas.grand_total.is_suppressed());
        assert_eq!(gas.unplaced, 3);
    }

    #[test]
    fn small_groups_are_suppressed_everywhere() {
        let implementations = [pilot()];
        let measurements = who5(4, "2", "3");
        let input = EvaluationInput::new(&implementations, &[]).measurements(&measurements);
        let evaluation = Evaluation::of(&input, &EvaluationOptions::default()).unwrap();
        assert!(evaluation.outcomes[0].table.grand_total.is_suppressed());
        let json = serde_json::to_string(&evaluation).unwrap();
        assert!(!json.contains("clients_paired"), "{json}");
    }

    #[test]
    fn unknown_instrument_is_an_error_naming_it() {
        let implementations = [pilot()];
        let mut measurements = who5(1, "2", "3");
        measurements.push(
            InstrumentAdministration::new(
                "X1".parse().unwrap(),
                "OMA-MITTARI".parse().unwrap(),
                Client::new("C1".parse().unwrap()),
                date!(2025 - 02 - 01),
                Occasion::Baseline,
                vec![ItemResponse::scored(
                    "a".parse().unwrap(),
                    "1".parse().unwrap(),
                )],
            )
            .unwrap(),
        );
        let input = EvaluationInput::new(&implementations, &[]).measurements(&measurements);
        let error = Evaluation::of(&input, &EvaluationOptions::default()).unwrap_err();
        assert_eq!(
            error,
            Error::UnknownInstrument {
                instrument: "OMA-MITTARI".into()
            }
        );
        assert!(error.to_string().contains("OMA-MITTARI"));
    }

    #[test]
    fn feedback_questions_with_few_ratings_are_suppressed() {
        let scale = RatingScale::new(1, 5).unwrap();
        let response = |i: usize, question: &str, value: i16| {
            Feedback::new(
                format!("F{i}-{question}").parse().unwrap(),
                date!(2025 - 05 - 20),
                "08".parse().unwrap(),
                vec![FeedbackAnswer::rated(
                    question.parse().unwrap(),
                    Rating::new(value, scale).unwrap(),
                )],
            )
            .unwrap()
            .with_service_class(ServiceClass::SocialWork)
        };
        let feedback: Vec<Feedback> = (0..6)
            .map(|i| response(i, "helped", 5 - i16::try_from(i % 2).unwrap()))
            .chain((0..3).map(|i| response(i, "respected", 4)))
            .collect();
        let results = experience(&feedback, DisclosureRule::default()).unwrap();
        assert_eq!(results.len(), 2);
        let helped = results[0].summary.value().unwrap();
        assert_eq!(helped.top_two_box.count, 6); // 5, 4, 5, 4, 5, 4
        assert!(results[1].summary.is_suppressed());
    }
}
