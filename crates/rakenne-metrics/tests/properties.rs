//! Invariances of the statistics, as properties over random data:
//! shifting every score moves means but not spreads or standardized effects; rescaling
//! keeps standardized effects; swapping baseline and follow-up negates change; nothing
//! ever produces a NaN or infinity in the JSON that services exchange.

use proptest::prelude::*;
use rakenne_metrics::{
    Descriptives, Estimate, GasScoring, IndependentComparison, PairedComparison, Proportion,
};
use rakenne_model::{GasLevel, GasWeight};
use rust_decimal::Decimal;
use serde_json::Value;

/// Scores with at most one decimal on a 0–40 scale, as instruments produce.
fn score() -> impl Strategy<Value = Decimal> {
    (0i64..=400).prop_map(|tenths| Decimal::new(tenths, 1))
}

/// Paired samples of 2 to 60 clients.
fn paired_samples() -> impl Strategy<Value = (Vec<Decimal>, Vec<Decimal>)> {
    (2usize..60).prop_flat_map(|n| {
        (
            prop::collection::vec(score(), n),
            prop::collection::vec(score(), n),
        )
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn estimates_close(a: Option<Estimate>, b: Option<Estimate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            close(a.value, b.value)
                && close(a.ci.lower, b.ci.lower)
                && close(a.ci.upper, b.ci.upper)
        }
        (None, None) => true,
        _ => false,
    }
}

fn negated(e: Option<Estimate>) -> Option<Estimate> {
    e.map(|e| Estimate {
        value: -e.value,
        ci: rakenne_metrics::Interval {
            lower: -e.ci.upper,
            upper: -e.ci.lower,
        },
    })
}

/// Every number in `json` is finite and no statistic is `null`.
fn all_finite(json: &Value) -> bool {
    match json {
        Value::Null => false,
        Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        Value::Array(items) => items.iter().all(all_finite),
        Value::Object(fields) => fields.values().all(all_finite),
        Value::Bool(_) | Value::String(_) => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shifting_scores_shifts_means_not_sds_or_d((pre, post) in paired_samples(), shift in -100i32..100) {
        let c = Decimal::from(shift);
        let shifted = |v: &[Decimal]| v.iter().map(|x| x + c).collect::<Vec<_>>();
        let a = PairedComparison::compute(&pre, &post).unwrap();
        let b = PairedComparison::compute(&shifted(&pre), &shifted(&post)).unwrap();
        prop_assert!(close(b.mean_baseline, a.mean_baseline + f64::from(shift)));
        prop_assert!(close(b.mean_follow_up, a.mean_follow_up + f64::from(shift)));
        prop_assert!(close(b.sd_baseline, a.sd_baseline));
        prop_assert!(close(b.sd_difference, a.sd_difference));
        prop_assert!(estimates_close(Some(b.mean_difference), Some(a.mean_difference)));
        prop_assert!(estimates_close(b.cohens_d_z, a.cohens_d_z));
        prop_assert!(estimates_close(b.cohens_d_av, a.cohens_d_av));
        prop_assert_eq!(b.wilcoxon, a.wilcoxon);
    }

    #[test]
    fn rescaling_scores_keeps_standardized_effects((pre, post) in paired_samples(), factor in 1i32..10) {
        let k = Decimal::from(factor);
        let scaled = |v: &[Decimal]| v.iter().map(|x| x * k).collect::<Vec<_>>();
        let a = PairedComparison::compute(&pre, &post).unwrap();
        let b = PairedComparison::compute(&scaled(&pre), &scaled(&post)).unwrap();
        prop_assert!(estimates_close(b.cohens_d_z, a.cohens_d_z));
        prop_assert!(estimates_close(b.hedges_g_av, a.hedges_g_av));
        prop_assert!(close(b.sd_difference, a.sd_difference * f64::from(factor)));
    }

    #[test]
    fn swapping_baseline_and_follow_up_negates_change((pre, post) in paired_samples()) {
        let a = PairedComparison::compute(&pre, &post).unwrap();
        let b = PairedComparison::compute(&post, &pre).unwrap();
        prop_assert!(estimates_close(Some(b.mean_difference), negated(Some(a.mean_difference))));
        prop_assert!(estimates_close(b.cohens_d_z, negated(a.cohens_d_z)));
        prop_assert!(estimates_close(b.cohens_d_av, negated(a.cohens_d_av)));
        prop_assert!(estimates_close(b.hedges_g_av, negated(a.hedges_g_av)));
        match (a.t_test, b.t_test) {
            (Some(x), Some(y)) => prop_assert!(close(x.t, -y.t) && close(x.p, y.p)),
            (None, None) => {}
            other => prop_assert!(false, "t-test computed on one side only: {other:?}"),
        }
        match (a.wilcoxon, b.wilcoxon) {
            (Some(x), Some(y)) => prop_assert!(close(x.z, -y.z) && close(x.p, y.p)),
            (None, None) => {}
            other => prop_assert!(false, "Wilcoxon on one side only: {other:?}"),
        }
    }

    #[test]
    fn swapping_groups_negates_the_difference(a in prop::collection::vec(score(), 2..40), b in prop::collection::vec(score(), 2..40)) {
        let x = IndependentComparison::compute(&a, &b).unwrap();
        let y = IndependentComparison::compute(&b, &a).unwrap();
        prop_assert!(close(x.mean_difference, -y.mean_difference));
        prop_assert!(estimates_close(x.hedges_g, negated(y.hedges_g)));
    }

    #[test]
    fn no_nan_escapes_into_json((pre, post) in paired_samples(), constant in any::<bool>()) {
        // Constant data (no variance) is the usual source of NaN.
        let post = if constant { pre.clone() } else { post };
        let paired = serde_json::to_value(PairedComparison::compute(&pre, &post).unwrap()).unwrap();
        prop_assert!(all_finite(&paired), "{paired}");
        let independent = serde_json::to_value(IndependentComparison::compute(&pre, &post).unwrap()).unwrap();
        prop_assert!(all_finite(&independent), "{independent}");
        let descriptives = serde_json::to_value(Descriptives::of(&pre)).unwrap();
        prop_assert!(all_finite(&descriptives), "{descriptives}");
    }

    #[test]
    fn wilson_interval_contains_the_share_and_stays_in_0_1(n in 1u64..5000, count in 0u64..5000) {
        let count = count % (n + 1);
        let p = Proportion::wilson(count, n).unwrap();
        prop_assert!(0.0 <= p.ci.lower && p.ci.lower <= p.share && p.share <= p.ci.upper && p.ci.upper <= 1.0);
    }

    #[test]
    fn gas_t_is_50_when_every_goal_is_met(levels in prop::collection::vec(1u8..=100, 1..10), rho in 0.0f64..0.99) {
        let goals: Vec<(GasLevel, GasWeight)> = levels
            .iter()
            .map(|&w| (GasLevel::EXPECTED, GasWeight::new(w).unwrap()))
            .collect();
        let t = GasScoring::new(rho).unwrap().t_score(&goals).unwrap();
        prop_assert!(close(t, 50.0));
    }
}

/// Two to twelve areas' effect sizes with their sampling variances.
fn study_effects() -> impl Strategy<Value = Vec<rakenne_metrics::StudyEffect>> {
    prop::collection::vec((-2.0f64..2.0, 0.001f64..0.5), 2..12).prop_map(|studies| {
        studies
            .into_iter()
            .enumerate()
            .map(|(i, (y, v))| {
                rakenne_metrics::StudyEffect::new(i.to_string(), y, v)
                    .expect("finite, positive variance")
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The order of the areas does not matter; shifting every effect shifts both pooled
    /// effects and nothing else; τ², I² and the weights stay in range; no NaN escapes.
    #[test]
    fn meta_analysis_is_order_free_and_shift_equivariant(studies in study_effects(), shift in -1.0f64..1.0) {
        use rakenne_metrics::MetaAnalysis;
        let m = MetaAnalysis::dersimonian_laird(&studies).expect("two or more studies");
        let mut reversed = studies.clone();
        reversed.reverse();
        let r = MetaAnalysis::dersimonian_laird(&reversed).expect("two or more studies");
        prop_assert!(close(m.random.estimate, r.random.estimate) && close(m.tau2, r.tau2) && close(m.q, r.q));
        let shifted: Vec<_> = studies
            .iter()
            .map(|s| rakenne_metrics::StudyEffect::new(s.label.clone(), s.estimate + shift, s.variance).expect("finite"))
            .collect();
        let s = MetaAnalysis::dersimonian_laird(&shifted).expect("two or more studies");
        prop_assert!(close(s.fixed.estimate, m.fixed.estimate + shift));
        prop_assert!(close(s.random.estimate, m.random.estimate + shift));
        prop_assert!(close(s.tau2, m.tau2) && close(s.random.se, m.random.se));
        prop_assert!(m.tau2 >= 0.0 && (0.0..=1.0).contains(&m.i2) && (0.0..=1.0).contains(&m.q_p));
        prop_assert!(m.random.se >= m.fixed.se * (1.0 - 1e-12));
        prop_assert!(close(m.random.weights.iter().sum::<f64>(), 1.0));
        prop_assert!(all_finite(&serde_json::to_value(&m).expect("serializes")));
    }
}
