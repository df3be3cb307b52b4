//! The effectiveness evaluation (vaikuttavuuden arviointi) of operating-model
//! implementations.
//!
//! One chapter per implementation (pilot) of the document: its operating model and
//! program theory, reach and process, outcomes before and after on every instrument with
//! confidence intervals and effect sizes, the distribution of reliable change, goal
//! attainment and client experience. Each implementation is evaluated on its own records
//! with [`rakenne_metrics::Evaluation`], broken down by the quarter the clients started
//! in, under the report's disclosure rule: a figure based on fewer persons than the rule
//! allows is not in the data at all.

use rakenne_metrics::{
    Dimension, Direction, Estimate, Evaluation, EvaluationInput, EvaluationOptions, GasSummary,
    InstrumentDefinition, OutcomeSummary, Published, ReachSummary, ResultTable, builtin,
};
use rakenne_model::{Implementation, Lang, LogicElement, OperatingModel};
use rakenne_schema::Document;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::view::{CodeLabel, screened};
use crate::{Error, format};

/// The data of the effectiveness-evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Effectiveness {
    /// One evaluation per implementation, in document order.
    pub implementations: Vec<ImplementationEvaluation>,
    /// The smallest number of persons a published figure is based on.
    pub min_persons: u64,
    /// The ρ of the GAS T-scores.
    pub gas_rho: f64,
}

/// The evaluation of one implementation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ImplementationEvaluation {
    /// Id of the implementation.
    pub id: String,
    /// Name of its operating model (its id when the document lacks the model).
    pub model: String,
    /// Theme of the operating model, when known.
    pub theme: Option<CodeLabel>,
    /// Welfare area.
    pub area: CodeLabel,
    /// Municipalities it runs in.
    pub municipalities: Vec<String>,
    /// Its period in words.
    pub period: String,
    /// Description of the operating model, screened.
    pub description: Option<String>,
    /// The program theory (logic model) of the operating model.
    pub program_theory: ProgramTheoryView,
    /// Reach and process; absent without service episodes.
    pub reach: Option<ReachView>,
    /// Outcomes on each instrument, in instrument id order.
    pub outcomes: Vec<OutcomeView>,
    /// Goal attainment; absent without evaluated GAS goals.
    pub goal_attainment: Option<GasView>,
    /// Client experience, by question.
    pub experience: Vec<QuestionView>,
}

/// The logic model of an operating model, each element screened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[non_exhaustive]
pub struct ProgramTheoryView {
    /// Needs it answers.
    pub needs: Vec<String>,
    /// Resources it uses.
    pub resources: Vec<String>,
    /// Activities.
    pub activities: Vec<String>,
    /// Outputs.
    pub outputs: Vec<String>,
    /// Short-term outcomes.
    pub short_term_outcomes: Vec<String>,
    /// Long-term outcomes.
    pub long_term_outcomes: Vec<String>,
}

/// Reach and process figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ReachView {
    /// Whether disclosure control hid the figures (too few clients).
    pub suppressed: bool,
    /// Service episodes.
    pub episodes: Option<u64>,
    /// Distinct clients reached.
    pub clients: Option<u64>,
    /// Share of new clients among those whose newness is known.
    pub new_clients_share: Option<f64>,
    /// Median days from first contact to service start.
    pub median_days_to_start: Option<f64>,
    /// Contacts per client.
    pub contacts_per_client: Option<f64>,
    /// Share of episodes that ended before the service started.
    pub ended_before_start_share: Option<f64>,
}

/// An estimate with its 95 % confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Interval {
    /// The estimate.
    pub value: f64,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

impl From<&Estimate> for Interval {
    fn from(e: &Estimate) -> Self {
        Interval {
            value: e.value,
            lower: e.ci.lower,
            upper: e.ci.upper,
        }
    }
}

/// A count with its share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Share {
    /// The count.
    pub count: u64,
    /// Out of how many.
    pub n: u64,
    /// `count / n`.
    pub share: f64,
}

impl From<&rakenne_metrics::Proportion> for Share {
    fn from(p: &rakenne_metrics::Proportion) -> Self {
        Share {
            count: p.count,
            n: p.n,
            share: p.share,
        }
    }
}

/// Outcomes of one group on one instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OutcomeRow {
    /// The group: the whole implementation, or a quarter in words.
    pub label: String,
    /// Whether disclosure control hid the figures.
    pub suppressed: bool,
    /// Clients with a valid baseline.
    pub clients_with_baseline: Option<u64>,
    /// Clients with a valid baseline and follow-up.
    pub clients_paired: Option<u64>,
    /// Share of clients with a baseline and no follow-up.
    pub dropout_share: Option<f64>,
    /// Mean at baseline (of the paired clients).
    pub mean_baseline: Option<f64>,
    /// Mean at follow-up.
    pub mean_follow_up: Option<f64>,
    /// Mean change (follow-up − baseline) with its 95 % CI.
    pub mean_difference: Option<Interval>,
    /// p-value of the paired t-test.
    pub p_t_test: Option<f64>,
    /// p-value of the Wilcoxon signed-rank test.
    pub p_wilcoxon: Option<f64>,
    /// Cohen's d_z with its CI.
    pub cohens_d_z: Option<Interval>,
    /// Hedges' g_av with its CI.
    pub hedges_g_av: Option<Interval>,
    /// Reliably improved.
    pub improved: Option<Share>,
    /// No reliable change.
    pub unchanged: Option<Share>,
    /// Reliably deteriorated.
    pub deteriorated: Option<Share>,
}

/// Outcomes on one instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OutcomeView {
    /// The instrument's id.
    pub instrument: String,
    /// Its name in the report language.
    pub name: String,
    /// Whether higher scores are better.
    pub higher_is_better: bool,
    /// Administrations left out because too many items were missing.
    pub invalid_scores: u64,
    /// The whole implementation.
    pub total: OutcomeRow,
    /// By the quarter the clients' baseline fell in.
    pub by_quarter: Vec<OutcomeRow>,
}

/// Goal attainment of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GasView {
    /// Whether disclosure control hid the figures.
    pub suppressed: bool,
    /// Clients with evaluated goals.
    pub clients: Option<u64>,
    /// Mean follow-up T-score.
    pub mean_t: Option<f64>,
    /// Clients with a T-score of at least 50.
    pub at_least_50: Option<Share>,
}

/// Client experience on one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct QuestionView {
    /// The question id.
    pub question: String,
    /// Whether disclosure control hid the figures.
    pub suppressed: bool,
    /// Ratings.
    pub ratings: Option<u64>,
    /// The rating scale, e.g. `1–5`.
    pub scale: Option<String>,
    /// Mean rating.
    pub mean: Option<f64>,
    /// Ratings in the two most positive categories.
    pub top_two_box: Option<Share>,
}

impl Effectiveness {
    /// Evaluates every implementation of `document` for a report in `lang`, under the
    /// disclosure rule and GAS scoring of `options` (its dimensions are not used: each
    /// implementation is broken down by the quarter of the clients' baseline).
    ///
    /// Errors when the data cannot be evaluated (e.g. an instrument that is neither
    /// defined nor built in): validate the document first.
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::EvaluationOptions;
    /// use rakenne_model::Lang;
    /// use rakenne_report::Effectiveness;
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(7).clients(200).document();
    /// let report = Effectiveness::of(&document, &EvaluationOptions::default(), Lang::En)?;
    /// assert_eq!(report.implementations.len(), document.implementations.len());
    /// # Ok::<(), rakenne_report::Error>(())
    /// ```
    pub fn of(document: &Document, options: &EvaluationOptions, lang: Lang) -> Result<Self, Error> {
        let options = EvaluationOptions::by(Dimension::Quarter, Dimension::Year)
            .with_rule(options.rule)
            .with_gas(options.gas);
        let definitions: Vec<InstrumentDefinition> = document
            .instruments
            .iter()
            .cloned()
            .chain(builtin::all())
            .collect();
        let implementations = document
            .implementations
            .iter()
            .map(|implementation| {
                evaluate_implementation(document, implementation, &definitions, &options, lang)
            })
            .collect::<Result<_, Error>>()?;
        Ok(Effectiveness {
            implementations,
            min_persons: options.rule.min_persons(),
            gas_rho: options.gas.rho(),
        })
    }
}

fn evaluate_implementation(
    document: &Document,
    implementation: &Implementation,
    definitions: &[InstrumentDefinition],
    options: &EvaluationOptions,
    lang: Lang,
) -> Result<ImplementationEvaluation, Error> {
    let id = implementation.id();
    let of_this = |i: Option<&rakenne_model::ImplementationId>| i == Some(id);
    let measurements: Vec<_> = document
        .measurements
        .iter()
        .filter(|m| of_this(m.implementation()))
        .cloned()
        .collect();
    let goals: Vec<_> = document
        .gas_goals
        .iter()
        .filter(|g| of_this(g.implementation()))
        .cloned()
        .collect();
    let episodes: Vec<_> = document
        .service_episodes
        .iter()
        .filter(|e| of_this(e.implementation()))
        .cloned()
        .collect();
    let feedback: Vec<_> = document
        .feedback
        .iter()
        .filter(|f| of_this(f.implementation()))
        .cloned()
        .collect();
    let input = EvaluationInput::new(
        std::slice::from_ref(implementation),
        &document.operating_models,
    )
    .instruments(&document.instruments)
    .measurements(&measurements)
    .goals(&goals)
    .episodes(&episodes)
    .feedback(&feedback);
    let evaluation = Evaluation::of(&input, options)?;

    let model = document
        .operating_models
        .iter()
        .find(|m| m.id() == implementation.operating_model());
    let outcomes = evaluation
        .outcomes
        .iter()
        .map(|o| {
            let name = definitions
                .iter()
                .find(|d| d.id == o.instrument)
                .map_or_else(
                    || o.instrument.to_string(),
                    |d| d.name.get(lang).text().to_owned(),
                );
            OutcomeView {
                instrument: o.instrument.to_string(),
                name,
                higher_is_better: o.direction == Direction::HigherIsBetter,
                invalid_scores: o.invalid_scores,
                total: outcome_row(format_total(lang), &o.table.grand_total),
                by_quarter: rows_by_period(&o.table, lang, outcome_row),
            }
        })
        .collect();
    Ok(ImplementationEvaluation {
        id: id.to_string(),
        model: model.map_or_else(
            || implementation.operating_model().to_string(),
            |m| m.name().get(lang).text().to_owned(),
        ),
        theme: model.map(|m| CodeLabel::of(m.theme(), lang)),
        area: CodeLabel {
            code: implementation.area().to_string(),
            label: implementation.area().area().name(lang).text().to_owned(),
        },
        municipalities: implementation
            .municipalities()
            .iter()
            .map(|m| m.municipality().name(lang).text().to_owned())
            .collect(),
        period: format::period(&implementation.period(), lang),
        description: model.and_then(OperatingModel::description).map(screened),
        program_theory: model.map(program_theory).unwrap_or_default(),
        reach: evaluation.reach.as_ref().map(|t| reach(&t.grand_total)),
        outcomes,
        goal_attainment: evaluation
            .goal_attainment
            .as_ref()
            .map(|t| gas(&t.grand_total)),
        experience: evaluation.experience.iter().map(question).collect(),
    })
}

fn question(q: &rakenne_metrics::QuestionResult) -> QuestionView {
    let summary = q.summary.value();
    QuestionView {
        question: q.question.to_string(),
        suppressed: q.summary.is_suppressed(),
        ratings: summary.map(|s| s.ratings.n),
        scale: summary.map(|s| format!("{}–{}", s.scale.min(), s.scale.max())),
        mean: summary.and_then(|s| s.ratings.mean.and_then(|m| m.to_f64())),
        top_two_box: summary.map(|s| Share::from(&s.top_two_box)),
    }
}

/// The label of a whole implementation's row.
fn format_total(lang: Lang) -> String {
    match lang {
        Lang::Fi => "Yhteensä",
        Lang::Sv => "Totalt",
        _ => "Total",
    }
    .to_owned()
}

/// One row per period of `table` (its row totals), labelled in words.
fn rows_by_period<T, R>(
    table: &ResultTable<T>,
    lang: Lang,
    row: impl Fn(String, &Published<T>) -> R,
) -> Vec<R> {
    table
        .row_keys
        .iter()
        .zip(&table.row_totals)
        .map(|(key, cell)| {
            let label = match key {
                rakenne_metrics::GroupKey::Period(p) => format::period(p, lang),
                other => other.label(),
            };
            row(label, cell)
        })
        .collect()
}

fn outcome_row(label: String, cell: &Published<OutcomeSummary>) -> OutcomeRow {
    let s = cell.value();
    let paired = s.and_then(|s| s.paired.as_ref());
    let change = s.and_then(|s| s.reliable_change.as_ref());
    OutcomeRow {
        label,
        suppressed: cell.is_suppressed(),
        clients_with_baseline: s.map(|s| s.clients_with_baseline),
        clients_paired: s.map(|s| s.clients_paired),
        dropout_share: s.and_then(|s| s.dropout.as_ref()).map(|d| d.share),
        mean_baseline: paired.map(|p| p.mean_baseline),
        mean_follow_up: paired.map(|p| p.mean_follow_up),
        mean_difference: paired.map(|p| Interval::from(&p.mean_difference)),
        p_t_test: paired.and_then(|p| p.t_test.as_ref()).map(|t| t.p),
        p_wilcoxon: paired.and_then(|p| p.wilcoxon.as_ref()).map(|w| w.p),
        cohens_d_z: paired
            .and_then(|p| p.cohens_d_z.as_ref())
            .map(Interval::from),
        hedges_g_av: paired
            .and_then(|p| p.hedges_g_av.as_ref())
            .map(Interval::from),
        improved: change.map(|c| Share::from(&c.improved)),
        unchanged: change.map(|c| Share::from(&c.unchanged)),
        deteriorated: change.map(|c| Share::from(&c.deteriorated)),
    }
}

fn reach(cell: &Published<ReachSummary>) -> ReachView {
    let s = cell.value();
    ReachView {
        suppressed: cell.is_suppressed(),
        episodes: s.map(|s| s.episodes),
        clients: s.map(|s| s.clients_reached),
        new_clients_share: s.and_then(|s| s.new_clients.as_ref()).map(|p| p.share),
        median_days_to_start: s
            .and_then(|s| s.days_to_start.median)
            .and_then(|m| m.to_f64()),
        contacts_per_client: s
            .and_then(|s| s.contacts_per_client)
            .and_then(|c| c.to_f64()),
        ended_before_start_share: s
            .and_then(|s| s.ended_before_start.as_ref())
            .map(|p| p.share),
    }
}

fn gas(cell: &Published<GasSummary>) -> GasView {
    let s = cell.value();
    GasView {
        suppressed: cell.is_suppressed(),
        clients: s.map(|s| s.clients),
        mean_t: s.and_then(|s| s.mean_t),
        at_least_50: s.and_then(|s| s.t_at_least_50.as_ref()).map(Share::from),
    }
}

fn program_theory(model: &OperatingModel) -> ProgramTheoryView {
    let theory = model.program_theory();
    let texts = |elements: &[LogicElement]| {
        elements
            .iter()
            .map(|e| screened(e.text()))
            .collect::<Vec<_>>()
    };
    ProgramTheoryView {
        needs: texts(theory.needs()),
        resources: texts(theory.resources()),
        activities: texts(theory.activities()),
        outputs: texts(theory.outputs()),
        short_term_outcomes: texts(theory.short_term_outcomes()),
        long_term_outcomes: texts(theory.long_term_outcomes()),
    }
}
