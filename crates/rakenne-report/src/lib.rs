//! Report templating for structural social work (raportit päätöksentekoon).
//!
//! **Status: in progress.** This crate is reserved in the workspace so that the
//! dependency graph is fixed from the start (`rakenne-model`, `rakenne-metrics`,
//! `rakenne-schema` ← `rakenne-report`); so far it has the inline SVG charts of reports
//! ([`BarChart`], [`IntervalChart`], [`ShareChart`]). It will own:
//!
//! - built-in templates (social-reporting digest, effectiveness evaluation, welfare report
//!   section, regional plan) and user templates, rendered with `minijinja`;
//! - self-contained HTML with charts and Markdown output, in Finnish, Swedish and English;
//! - the presentation rules: number and date formats per language, code labels, and
//!   suppressed cells shown with the Statistics Finland symbols.
#![deny(missing_docs)]

mod chart;

pub use chart::{BarChart, IntervalChart, ShareChart};
