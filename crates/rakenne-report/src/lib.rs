//! Report templating for structural social work (raportit päätöksentekoon).
//!
//! Structural social work exists to bring what is seen in client work to the people who
//! decide. This crate turns an exchange document ([`rakenne_schema::Document`]) into
//! reports that a welfare area board, a THL analyst or a municipal council reads:
//! self-contained HTML with charts, or Markdown, in Finnish, Swedish and English.
//!
//! # Example
//! ```
//! use rakenne_metrics::EvaluationOptions;
//! use rakenne_model::Lang;
//! use rakenne_report::{OutputFormat, Reports};
//! use rakenne_schema::Sample;
//!
//! let document = Sample::new(3).clients(120).document();
//! let reports = Reports::new();
//! let markdown = reports.render_document(
//!     "effectiveness_evaluation", OutputFormat::Markdown, Lang::Sv, &document,
//!     &EvaluationOptions::default(),
//! )?;
//! assert!(markdown.starts_with("# Utvärdering av verksamhetsmodellernas effekter"));
//! # Ok::<(), rakenne_report::Error>(())
//! ```
//!
//! # Map of the crate
//! | concept | items |
//! |---|---|
//! | templates and rendering | [`Reports`], [`OutputFormat`], [`TemplateInfo`], [`ReportData`] |
//! | report data | [`Digest`], [`Effectiveness`], [`WelfareSection`], [`StructuralPlan`], [`NationalComparison`], [`view`] |
//! | presentation | [`format`](mod@format): numbers, shares, dates and periods per language; [`chart`]: inline SVG |
//!
//! # Templates
//! Built-in reports, each as `.html` and `.md`:
//!
//! | name | what it is | data |
//! |---|---|---|
//! | `social_reporting_digest` | social reporting for decision-makers: themes, areas, trend, descriptions, proposed actions, follow-up | `digest` |
//! | `effectiveness_evaluation` | each operating-model pilot: program theory, reach, outcomes with CIs and effect sizes, reliable change, GAS, client experience | `effectiveness` |
//! | `welfare_report_section` | a welfare report's section: indicators over time beside the social reports, theme by theme | `welfare` |
//! | `structural_plan` | a skeleton of the next period's structural social work plan, pre-filled from the data | `digest`, `effectiveness`, `plan` |
//! | `national_comparison` | a combined national document: social reports by area (tile map), each operating model's pilots by area and pooled (forest plot), reach and goals by area | `national` |
//!
//! Templates are Jinja ([`minijinja`]) with strict undefined values and
//! HTML or Markdown autoescaping by file extension. They get the [`ReportData`] fields as
//! variables and these helpers:
//!
//! | helper | what it does |
//! |---|---|
//! | `t("key", name=value)` | a text of `messages.csv` in the report language, `{name}` filled; `key.one` when `n` or `count` is 1 |
//! | `x\|number(d)`, `x\|percent(d)`, `x\|signed(d)` | numbers in the report language's style, `.` for none |
//! | `ci\|interval(d)`, `p\|p_value` | `value (lower … upper)`; `< 0,001` |
//! | `bar_chart`, `interval_chart`, `share_chart`, `forest_plot`, `tile_map` | inline SVG charts (HTML only) |
//! | `SUPPRESSED`, `NOT_AVAILABLE` | the symbols `..` and `.` |
//!
//! User templates come from a directory ([`Reports::with_user_templates`]): a file with a
//! built-in's name replaces it, others add reports. Templates cannot read files or run
//! commands, and all free text in the data is screened for personal data beforehand.
#![deny(missing_docs)]

mod catalogue;
pub mod chart;
mod charts;
mod digest;
mod effectiveness;
mod engine;
mod error;
pub mod format;
mod national;
mod plan;
pub mod view;
mod welfare;

pub use chart::{BarChart, ForestPlot, IntervalChart, ShareChart, TileMap};
pub use digest::{
    AddresseeActions, Count, Description, Digest, ThemeCount, ThemeDescriptions, TrendRow,
    TrendTable,
};
pub use effectiveness::{
    Effectiveness, GasView, ImplementationEvaluation, Interval, OutcomeRow, OutcomeView,
    ProgramTheoryView, QuestionView, ReachView, Share,
};
pub use engine::{OutputFormat, ReportData, Reports, TemplateInfo};
pub use error::Error;
pub use national::{AreaFigures, AreaReports, NationalComparison, PilotArea, Pooled, PooledPilot};
pub use plan::{FollowedIndicator, LatestValue, SourceCount, StructuralPlan};
pub use welfare::{IndicatorSeries, SeriesRow, WelfareSection, WelfareTheme};
