//! Every statistic against values computed independently with numpy/scipy/statsmodels by
//! `benches/compare/reference.py` (versions recorded in `tests/data/reference.json`).
//!
//! Agreement is required to 1e-9 relative for closed forms (means, SDs, t, p, Wilson,
//! GAS, RCI, quantiles, t-based intervals) and to 1e-6 relative for the iterative ones
//! (confidence intervals of standardized effect sizes, which invert the noncentral t).

use std::str::FromStr;

use rakenne_metrics::{
    ClinicalCutoffs, Descriptives, Direction, Estimate, GasScoring, IndependentComparison,
    Interval, Norms, PairedComparison, Proportion, ReliableChange,
};
use rakenne_model::{GasLevel, GasWeight};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;

const CLOSED: f64 = 1e-9;
const ITERATIVE: f64 = 1e-6;

fn reference() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference.json is committed"))
        .expect("reference.json is JSON")
}

/// Asserts |actual − expected| ≤ tol·max(|expected|, 1e-12) (relative, absolute near 0).
#[track_caller]
fn assert_close(actual: f64, expected: &Value, tol: f64, what: &str) {
    let expected = expected
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: reference value missing"));
    let scale = expected.abs().max(1e-12);
    assert!(
        (actual - expected).abs() <= tol * scale,
        "{what}: got {actual}, expected {expected} (relative error {:e})",
        (actual - expected).abs() / scale
    );
}

#[track_caller]
fn assert_interval(actual: Interval, expected: &Value, tol: f64, what: &str) {
    assert_close(actual.lower, &expected[0], tol, &format!("{what} lower"));
    assert_close(actual.upper, &expected[1], tol, &format!("{what} upper"));
}

#[track_caller]
fn assert_estimate(actual: Option<Estimate>, expected: &Value, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what} was not computed"));
    assert_close(actual.value, &expected["value"], CLOSED, what);
    assert_interval(actual.ci, &expected["ci"], ITERATIVE, &format!("{what} CI"));
}

/// The data as exact decimals: the shortest decimal form of each double, which is how the
/// script wrote them (scores with at most a few decimals).
fn decimals(values: &Value) -> Vec<Decimal> {
    values
        .as_array()
        .expect("data is an array")
        .iter()
        .map(|v| {
            Decimal::from_str(&v.as_f64().expect("data are numbers").to_string()).expect("decimal")
        })
        .collect()
}

#[track_caller]
fn assert_descriptives(actual: &Descriptives, expected: &Value, what: &str) {
    assert_eq!(
        actual.n,
        expected["n"].as_u64().expect("n is a count"),
        "{what} n"
    );
    let exact = |d: Option<Decimal>| d.and_then(|d| d.to_f64()).expect("computed");
    assert_close(
        exact(actual.mean),
        &expected["mean"],
        CLOSED,
        &format!("{what} mean"),
    );
    assert_close(
        exact(actual.median),
        &expected["median"],
        CLOSED,
        &format!("{what} median"),
    );
    assert_close(
        exact(actual.q1),
        &expected["q1"],
        CLOSED,
        &format!("{what} q1"),
    );
    assert_close(
        exact(actual.q3),
        &expected["q3"],
        CLOSED,
        &format!("{what} q3"),
    );
    assert_close(
        exact(actual.min),
        &expected["min"],
        CLOSED,
        &format!("{what} min"),
    );
    assert_close(
        exact(actual.max),
        &expected["max"],
        CLOSED,
        &format!("{what} max"),
    );
    match (actual.sd, expected["sd"].as_f64()) {
        (Some(sd), Some(_)) => assert_close(sd, &expected["sd"], CLOSED, &format!("{what} sd")),
        (None, None) => {}
        (sd, _) => panic!("{what} sd: got {sd:?}, expected {}", expected["sd"]),
    }
}

#[test]
fn paired_comparisons_match_scipy() {
    let reference = reference();
    let cases = reference["paired"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let e = &case["expected"];
        let (pre, post) = (decimals(&case["pre"]), decimals(&case["post"]));
        let diff: Vec<Decimal> = post.iter().zip(&pre).map(|(b, a)| b - a).collect();
        assert_descriptives(
            &Descriptives::of(&pre),
            &e["descriptives_pre"],
            &format!("{name} pre"),
        );
        assert_descriptives(
            &Descriptives::of(&post),
            &e["descriptives_post"],
            &format!("{name} post"),
        );
        assert_descriptives(
            &Descriptives::of(&diff),
            &e["descriptives_diff"],
            &format!("{name} diff"),
        );

        let r = PairedComparison::compute(&pre, &post).unwrap();
        assert_close(
            r.mean_difference.value,
            &e["mean_diff"],
            CLOSED,
            &format!("{name} mean diff"),
        );
        assert_interval(
            r.mean_difference.ci,
            &e["ci_mean_diff"],
            CLOSED,
            &format!("{name} mean diff CI"),
        );
        assert_close(
            r.sd_difference,
            &e["sd_diff"],
            CLOSED,
            &format!("{name} sd diff"),
        );
        let t = r.t_test.expect("t-test computed");
        assert_close(t.t, &e["t"], CLOSED, &format!("{name} t"));
        assert_close(t.df, &e["df"], CLOSED, &format!("{name} df"));
        assert_close(t.p, &e["p_t"], CLOSED, &format!("{name} p"));
        match (&r.wilcoxon, &e["wilcoxon"]) {
            (Some(w), ew) if !ew.is_null() => {
                assert_eq!(w.n_nonzero, ew["n_nonzero"].as_u64().unwrap(), "{name} n′");
                assert_close(w.v, &ew["v"], CLOSED, &format!("{name} V"));
                assert_close(w.z, &ew["z"], CLOSED, &format!("{name} z"));
                assert_close(w.p, &ew["p"], CLOSED, &format!("{name} Wilcoxon p"));
            }
            (None, ew) if ew.is_null() => {}
            (w, ew) => panic!("{name}: Wilcoxon {w:?} vs reference {ew}"),
        }
        assert_estimate(r.cohens_d_z, &e["d_z"], &format!("{name} d_z"));
        assert_estimate(r.cohens_d_av, &e["d_av"], &format!("{name} d_av"));
        assert_estimate(r.hedges_g_av, &e["g_av"], &format!("{name} g_av"));
    }
}

#[test]
fn independent_comparisons_match_scipy() {
    let reference = reference();
    let cases = reference["independent"].as_array().unwrap();
    assert!(cases.len() >= 4);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let e = &case["expected"];
        let r =
            IndependentComparison::compute(&decimals(&case["a"]), &decimals(&case["b"])).unwrap();
        let w = r.welch.expect("Welch computed");
        assert_close(
            r.mean_difference,
            &e["welch"]["mean_diff"],
            CLOSED,
            &format!("{name} diff"),
        );
        assert_close(w.t, &e["welch"]["t"], CLOSED, &format!("{name} Welch t"));
        assert_close(w.df, &e["welch"]["df"], CLOSED, &format!("{name} Welch df"));
        assert_close(w.p, &e["welch"]["p"], CLOSED, &format!("{name} Welch p"));
        assert_interval(
            r.mean_difference_ci.unwrap(),
            &e["welch"]["ci"],
            CLOSED,
            &format!("{name} CI"),
        );
        assert_estimate(r.cohens_d, &e["d"], &format!("{name} d"));
        assert_estimate(r.hedges_g, &e["hedges_g"], &format!("{name} g"));
    }
}

#[test]
fn wilson_intervals_match_statsmodels() {
    let reference = reference();
    for case in reference["proportions"].as_array().unwrap() {
        let (x, n) = (case["x"].as_u64().unwrap(), case["n"].as_u64().unwrap());
        let p = Proportion::wilson(x, n).unwrap();
        // Absolute near 0 and 1: the interval limits are clipped there.
        let e = &case["wilson"];
        for (actual, expected, what) in [(p.ci.lower, &e[0], "lower"), (p.ci.upper, &e[1], "upper")]
        {
            let expected = expected.as_f64().unwrap();
            assert!(
                (actual - expected).abs() <= CLOSED * expected.abs().max(1e-9),
                "{x}/{n} {what}: {actual} vs {expected}"
            );
        }
    }
}

#[test]
fn quantiles_match_numpy_linear() {
    let reference = reference();
    for case in reference["quantiles"].as_array().unwrap() {
        let data = decimals(&case["data"]);
        assert_descriptives(
            &Descriptives::of(&data),
            &case["descriptives"],
            &format!("{data:?}"),
        );
    }
}

#[test]
fn gas_t_scores_match_the_formula() {
    let reference = reference();
    let cases = reference["gas"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let levels: Vec<i8> = case["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                i8::try_from(l.as_i64().expect("levels are integers")).expect("levels are -2..2")
            })
            .collect();
        let weights: Vec<u8> = match case["weights"].as_array() {
            Some(w) => w
                .iter()
                .map(|w| {
                    // Whole weights (the script writes them as floats, e.g. 3.0).
                    let w = w.as_f64().expect("weights are numbers").to_string();
                    w.parse::<u8>().expect("whole weights 1..100")
                })
                .collect(),
            None => vec![1; levels.len()],
        };
        let goals: Vec<(GasLevel, GasWeight)> = levels
            .iter()
            .zip(&weights)
            .map(|(&l, &w)| (GasLevel::new(l).unwrap(), GasWeight::new(w).unwrap()))
            .collect();
        let t = GasScoring::new(case["rho"].as_f64().unwrap())
            .unwrap()
            .t_score(&goals)
            .unwrap();
        assert_close(
            t,
            &case["t"],
            CLOSED,
            &format!("GAS {levels:?} {weights:?}"),
        );
    }
}

#[test]
fn reliable_change_matches_jacobson_truax_formulas() {
    let reference = reference();
    for case in reference["rci"].as_array().unwrap() {
        let f = |k: &str| case[k].as_f64().unwrap();
        let c = ReliableChange::new(f("sd0"), f("r")).unwrap();
        assert_close(c.standard_error(), &case["se"], CLOSED, "SE");
        assert_close(c.s_diff(), &case["s_diff"], CLOSED, "S_diff");
        assert_close(c.index(f("pre"), f("post")), &case["rci"], CLOSED, "RCI");
    }
    for case in reference["clinical_cutoffs"].as_array().unwrap() {
        let f = |k: &str| case[k].as_f64().unwrap();
        let norms: Norms = serde_json::from_value(serde_json::json!({
            "dysfunctional": {"mean": f("m_dys"), "sd": f("s_dys")},
            "functional": {"mean": f("m_fun"), "sd": f("s_fun")},
            "source": "reference.py"
        }))
        .unwrap();
        let direction = if f("m_fun") > f("m_dys") {
            Direction::HigherIsBetter
        } else {
            Direction::LowerIsBetter
        };
        let cut = ClinicalCutoffs::from_norms(&norms, direction);
        assert_close(cut.a, &case["a"], CLOSED, "a");
        assert_close(cut.b.unwrap(), &case["b"], CLOSED, "b");
        assert_close(cut.c.unwrap(), &case["c"], CLOSED, "c");
    }
}
