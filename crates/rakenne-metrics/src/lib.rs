//! Effectiveness-evaluation metrics for operating models in social work
//! (vaikuttavuuden arviointi).
//!
//! **Status: not yet implemented.** This crate is reserved in the workspace so that the
//! dependency graph is fixed from the start (`rakenne-model` ← `rakenne-metrics`); it has
//! no public items yet. It will own, as pure computation over `rakenne-model` types:
//!
//! - instrument definitions and scoring (sum, mean, prorated; missing-data rules);
//! - individual change: direction-aware differences, the Reliable Change Index (Jacobson &
//!   Truax 1991), clinically significant change, Goal Attainment Scaling T-scores
//!   (Kiresuk & Sherman 1968);
//! - group results: descriptives, paired pre–post statistics, effect sizes with confidence
//!   intervals, proportions with Wilson intervals, reach and process figures;
//! - aggregation by area, period and model with disclosure control (primary and
//!   secondary suppression of small cells).
#![deny(missing_docs)]
