//! The national comparison: each area's figure in the national table is the one the area's
//! own file gives, the pooled estimate is the meta-analysis of those figures, and national
//! disclosure control never leaves a suppressed cell recoverable — nor shows it in the
//! report's data.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rakenne_metrics::disclosure::{Cell, Table};
use rakenne_metrics::{
    Dimension, Evaluation, EvaluationOptions, GroupKey, MetaAnalysis, Published, ResultTable,
    StudyEffect,
};
use rakenne_model::{Labels, Lang};
use rakenne_report::NationalComparison;
use rakenne_schema::{CombineInput, Document, Sample, combine};

/// Area documents of `(seed, area, clients)`, and them combined.
fn areas_and_national(specs: &[(u64, &str, usize)]) -> (Vec<Document>, Document) {
    let documents: Vec<Document> = specs
        .iter()
        .map(|&(seed, area, clients)| {
            Sample::new(seed)
                .area(area.parse().unwrap())
                .clients(clients)
                .document()
        })
        .collect();
    let files: Vec<(String, Vec<u8>)> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("{i}.json"), serde_json::to_vec(d).unwrap()))
        .collect();
    let inputs: Vec<CombineInput<'_>> =
        files.iter().map(|(n, b)| CombineInput::new(n, b)).collect();
    let thl = Labels::new("THL").unwrap();
    let national = combine(&inputs, &thl, Lang::En).document.unwrap();
    (documents, national)
}

#[test]
fn pooled_estimates_are_the_meta_analysis_of_the_areas_own_figures() {
    let (areas, national) =
        areas_and_national(&[(21, "06", 150), (22, "13", 150), (23, "19", 150)]);
    let options = EvaluationOptions::default();
    let comparison = NationalComparison::of(&national, &options, Lang::En).unwrap();
    assert_eq!(comparison.sources, 3);
    assert!(!comparison.pilots.is_empty());
    for pilot in &comparison.pilots {
        // Each area's own evaluation of the model, from its own file.
        let mut studies = Vec::new();
        for (document, view) in areas.iter().zip(&pilot.areas) {
            let evaluation = Evaluation::of(
                &document.evaluation_input(),
                &EvaluationOptions::by(Dimension::OperatingModel, Dimension::Year),
            )
            .unwrap();
            let outcome = evaluation
                .outcomes
                .iter()
                .find(|o| o.instrument.as_str() == pilot.instrument_id)
                .unwrap();
            let row = outcome
                .table
                .row_keys
                .iter()
                .position(
                    |k| matches!(k, GroupKey::OperatingModel(m) if m.as_str() == pilot.model_id),
                )
                .unwrap();
            let paired = outcome.table.row_totals[row]
                .value()
                .and_then(|s| s.paired.clone())
                .unwrap();
            let change = view.change.unwrap();
            assert!((change.value - paired.mean_difference.value).abs() < 1e-12);
            assert_eq!(view.clients, Some(paired.n));
            #[allow(clippy::cast_precision_loss)]
            let variance = paired.sd_difference.powi(2) / paired.n as f64;
            studies.push(
                StudyEffect::new(&view.area.code, paired.mean_difference.value, variance).unwrap(),
            );
        }
        let pooled = pilot.pooled.as_ref().unwrap();
        let expected = MetaAnalysis::dersimonian_laird(&studies).unwrap();
        assert!((pooled.random.value - expected.random.estimate).abs() < 1e-12);
        assert!((pooled.fixed.lower - expected.fixed.ci.lower).abs() < 1e-12);
        assert!((pooled.tau2 - expected.tau2).abs() < 1e-12);
        let weights: f64 = pilot.areas.iter().filter_map(|a| a.weight).sum();
        assert!((weights - 1.0).abs() < 1e-12);
    }
}

/// The suppression pattern of a result table as a disclosure table, for the audit.
fn pattern<T>(table: &ResultTable<T>) -> Table<Cell> {
    let cell = |p: &Published<T>| {
        if p.is_suppressed() {
            Cell::Suppressed
        } else {
            Cell::Published(rakenne_metrics::disclosure::Observation::count(1))
        }
    };
    Table::with_margins(
        table.row_keys.iter().map(GroupKey::label).collect(),
        table.column_keys.iter().map(GroupKey::label).collect(),
        table
            .cells
            .iter()
            .map(|r| r.iter().map(cell).collect())
            .collect(),
        table.row_totals.iter().map(cell).collect(),
        table.column_totals.iter().map(cell).collect(),
        cell(&table.grand_total),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Small pilots in some areas: whatever is suppressed in the national model × area
    /// table cannot be recovered from its totals, and the report's data holds no figure of
    /// a suppressed area and pools none.
    #[test]
    fn national_suppression_never_reveals_a_cell(
        clients in prop::collection::vec(4usize..40, 3),
        seed in 0u64..1000,
    ) {
        let specs = [(seed, "02", clients[0]), (seed + 1, "14", clients[1]), (seed + 2, "20", clients[2])];
        let (_, national) = areas_and_national(&specs);
        let options = EvaluationOptions::by(Dimension::OperatingModel, Dimension::Area);
        let evaluation = Evaluation::of(&national.evaluation_input(), &options).unwrap();
        for outcome in &evaluation.outcomes {
            prop_assert!(pattern(&outcome.table).audit().is_safe());
        }
        let comparison = NationalComparison::of(&national, &EvaluationOptions::default(), Lang::En).unwrap();
        for pilot in &comparison.pilots {
            for area in &pilot.areas {
                if area.suppressed {
                    prop_assert!(area.clients.is_none() && area.change.is_none() && area.weight.is_none());
                }
            }
            if let Some(pooled) = &pilot.pooled {
                let published = pilot.areas.iter().filter(|a| a.weight.is_some()).count() as u64;
                prop_assert_eq!(pooled.areas, published);
            }
        }
        let json = serde_json::to_string(&comparison).unwrap();
        prop_assert!(!json.contains("NaN"));
    }
}
