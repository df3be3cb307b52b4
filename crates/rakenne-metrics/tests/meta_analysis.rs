//! The meta-analysis against values computed independently: `benches/compare/
//! meta_analysis.py` (explicit formulas with numpy/scipy, cross-checked with statsmodels'
//! `combine_effects`), committed as `tests/data/meta_analysis.json`, and the figures R's
//! metafor publishes for the BCG vaccine trials.
#![allow(clippy::unwrap_used)]
// Truncation gives exactly zero, and the random-effects result is then the fixed one.
#![allow(clippy::float_cmp)]

use rakenne_metrics::{MetaAnalysis, PooledEffect, StudyEffect};
use serde_json::Value;

fn reference() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/meta_analysis.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Asserts |actual − expected| ≤ 1e-9·max(|expected|, 1e-300): relative, and exact at 0.
#[track_caller]
fn assert_close(actual: f64, expected: &Value, what: &str) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: missing"));
    let scale = expected.abs().max(1e-300);
    assert!(
        (actual - expected).abs() <= 1e-9 * scale,
        "{what}: got {actual}, expected {expected} (relative error {:e})",
        (actual - expected).abs() / scale
    );
}

fn studies(data: &Value) -> Vec<StudyEffect> {
    let y = data["y"].as_array().unwrap();
    let v = data["v"].as_array().unwrap();
    y.iter()
        .zip(v)
        .enumerate()
        .map(|(i, (y, v))| {
            StudyEffect::new(i.to_string(), y.as_f64().unwrap(), v.as_f64().unwrap()).unwrap()
        })
        .collect()
}

fn check_pooled(actual: &PooledEffect, expected: &Value, what: &str) {
    assert_close(
        actual.estimate,
        &expected["estimate"],
        &format!("{what} estimate"),
    );
    assert_close(actual.se, &expected["se"], &format!("{what} se"));
    assert_close(
        actual.ci.lower,
        &expected["ci_lower"],
        &format!("{what} ci lower"),
    );
    assert_close(
        actual.ci.upper,
        &expected["ci_upper"],
        &format!("{what} ci upper"),
    );
    assert_close(actual.z, &expected["z"], &format!("{what} z"));
    assert_close(actual.p, &expected["p"], &format!("{what} p"));
}

#[test]
fn every_data_set_agrees_with_the_independent_computation() {
    let reference = reference();
    let sets = reference["data"].as_object().unwrap();
    assert_eq!(sets.len(), 4);
    for (name, data) in sets {
        let m = MetaAnalysis::dersimonian_laird(&studies(data)).unwrap();
        let r = &data["result"];
        assert_eq!(m.studies, r["k"].as_u64().unwrap(), "{name}");
        assert_eq!(m.q_df, r["df"].as_u64().unwrap(), "{name}");
        check_pooled(&m.fixed, &r["fixed"], &format!("{name} fixed"));
        check_pooled(&m.random, &r["random"], &format!("{name} random"));
        for key in ["tau2", "q", "q_p", "i2", "h2"] {
            let actual = match key {
                "tau2" => m.tau2,
                "q" => m.q,
                "q_p" => m.q_p,
                "i2" => m.i2,
                _ => m.h2,
            };
            assert_close(actual, &r[key], &format!("{name} {key}"));
        }
        for (weights, key) in [
            (&m.fixed.weights, "weights_fixed"),
            (&m.random.weights, "weights_random"),
        ] {
            let expected = r[key].as_array().unwrap();
            assert_eq!(weights.len(), expected.len());
            for (i, (w, e)) in weights.iter().zip(expected).enumerate() {
                assert_close(*w, e, &format!("{name} {key}[{i}]"));
            }
        }
    }
}

#[test]
fn the_bcg_trials_give_metafor_s_published_figures() {
    // metafor: rma(yi, vi, data = escalc("RR", ai = tpos, bi = tneg, ci = cpos,
    // di = cneg, data = dat.bcg), method = "DL"), printed to four decimals.
    let m = MetaAnalysis::dersimonian_laird(&studies(&reference()["data"]["bcg"])).unwrap();
    // Printed to four decimals: equal after rounding, i.e. within half a unit.
    let within = |actual: f64, printed: f64, half_unit: f64, what: &str| {
        assert!(
            (actual - printed).abs() <= half_unit,
            "{what}: {actual} is not {printed}"
        );
    };
    let four = |actual: f64, printed: f64, what: &str| within(actual, printed, 0.5e-4, what);
    four(m.tau2, 0.3088, "tau2");
    four(m.q, 152.2330, "Q");
    assert_eq!(m.q_df, 12);
    within(m.i2 * 100.0, 92.12, 0.5e-2, "I2 (%)"); // two decimals of a percent
    four(m.random.estimate, -0.7141, "estimate");
    four(m.random.se, 0.1787, "se");
    four(m.random.ci.lower, -1.0644, "ci lower");
    four(m.random.ci.upper, -0.3638, "ci upper");
    assert!(m.q_p < 1e-4);
}

#[test]
fn a_negative_moment_estimate_is_truncated_at_zero() {
    let m = MetaAnalysis::dersimonian_laird(&studies(&reference()["data"]["homogeneous"])).unwrap();
    assert!(m.h2 < 1.0); // Q below its degrees of freedom
    assert_eq!((m.tau2, m.tau, m.i2), (0.0, 0.0, 0.0));
    assert_eq!(m.random, m.fixed);
}
