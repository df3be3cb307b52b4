#!/usr/bin/env python3
"""Independent reference values for the meta-analysis of `rakenne-metrics`.

The national step of rakenne pools the pilots of one operating model in several welfare
areas: each area's effect size y_i with its sampling variance v_i goes into an
inverse-variance meta-analysis, fixed-effect and random-effects with the
DerSimonian-Laird (1986) estimate of the between-area variance tau^2.

This script computes the same quantities *independently of the Rust code* and writes

    crates/rakenne-metrics/tests/data/meta_analysis.json

for the Rust tests, which compare to 1e-9 (relative, or absolute near zero). Every
value is computed twice: from the explicit formulas below (numpy, math.fsum, scipy's
normal and chi-square distributions) and with statsmodels'
`statsmodels.stats.meta_analysis.combine_effects(method_re="dl")`; the script asserts
that the two agree to 1e-12 before writing anything. (statsmodels does not truncate a
negative DL estimate of tau^2 at zero; where it is negative, the script checks instead
that tau^2 = 0 and the random-effects result equals the fixed-effect one.)

Run from the workspace root:

    python3 benches/compare/meta_analysis.py

Versions used for the committed JSON: Python 3.11, numpy 2.4, scipy 1.17,
statsmodels 0.15 (recorded under "versions" in the JSON).

Formulas (k studies, w_i = 1 / v_i, z = the 0.975 quantile of the standard normal)
------------------------------------------------------------------------------------
fixed effect:   theta_FE = sum(w y) / sum(w), se = 1 / sqrt(sum(w))
heterogeneity:  Q = sum(w (y - theta_FE)^2), df = k - 1, p = P(chi2_df > Q)
DL tau^2:       tau2 = max(0, (Q - df) / (sum(w) - sum(w^2) / sum(w)))
random effects: w*_i = 1 / (v_i + tau2), theta_RE = sum(w* y) / sum(w*),
                se = 1 / sqrt(sum(w*))
both:           CI = theta -+ z se, z-statistic theta / se, p = 2 (1 - Phi(|z|))
I^2 = max(0, (Q - df) / Q) (0 when Q = 0), H^2 = Q / df; relative weights w / sum(w).

Data sets
---------
- "bcg": the 13 BCG vaccine trials of Colditz et al. (1994), as in R's metafor
  (`dat.bcg`), log risk ratios y = log((tpos / (tpos + tneg)) / (cpos / (cpos + cneg)))
  with v = 1/tpos - 1/(tpos + tneg) + 1/cpos - 1/(cpos + cneg). metafor's
  `rma(yi, vi, method = "DL")` reports tau^2 = 0.3088, I^2 = 92.12 %, Q(12) = 152.2330,
  estimate -0.7141 (se 0.1787, CI -1.0644 ... -0.3638); the Rust tests also check
  these published four-decimal figures.
- "homogeneous": four areas whose Q is below its df, so tau^2 is truncated at 0 and the
  random-effects result equals the fixed-effect one.
- "two_areas": the smallest meta-analysis, k = 2.
- "areas": six areas' standardized mean changes (Hedges' g) with their variances, of the
  kind the national comparison pools.
"""

import json
import math
import pathlib
import platform

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

OUT = pathlib.Path("crates/rakenne-metrics/tests/data/meta_analysis.json")

BCG = [  # tpos, tneg, cpos, cneg
    (4, 119, 11, 128),
    (6, 300, 29, 274),
    (3, 228, 11, 209),
    (62, 13536, 248, 12619),
    (33, 5036, 47, 5761),
    (180, 1361, 372, 1079),
    (8, 2537, 10, 619),
    (505, 87886, 499, 87892),
    (29, 7470, 45, 7232),
    (17, 1699, 65, 1600),
    (186, 50448, 141, 27197),
    (5, 2493, 3, 2338),
    (27, 16886, 29, 17825),
]


def bcg():
    y, v = [], []
    for tpos, tneg, cpos, cneg in BCG:
        y.append(math.log((tpos / (tpos + tneg)) / (cpos / (cpos + cneg))))
        v.append(1 / tpos - 1 / (tpos + tneg) + 1 / cpos - 1 / (cpos + cneg))
    return y, v


DATA = {
    "bcg": bcg(),
    "homogeneous": ([0.31, 0.29, 0.35, 0.27], [0.010, 0.020, 0.015, 0.030]),
    "two_areas": ([-0.42, -0.18], [0.021, 0.034]),
    "areas": (
        [0.52, 0.31, 0.78, 0.12, 0.45, 0.60],
        [0.018, 0.025, 0.040, 0.022, 0.015, 0.050],
    ),
}

Z = stats.norm.ppf(0.975)


def pooled(y, w):
    sw = math.fsum(w)
    est = math.fsum(wi * yi for wi, yi in zip(w, y)) / sw
    se = 1 / math.sqrt(sw)
    z = est / se
    return {
        "estimate": est,
        "se": se,
        "ci_lower": est - Z * se,
        "ci_upper": est + Z * se,
        "z": z,
        "p": 2 * stats.norm.sf(abs(z)),
    }


def formulas(y, v):
    k = len(y)
    w = [1 / vi for vi in v]
    fixed = pooled(y, w)
    q = math.fsum(wi * (yi - fixed["estimate"]) ** 2 for wi, yi in zip(w, y))
    df = k - 1
    sw = math.fsum(w)
    c = sw - math.fsum(wi * wi for wi in w) / sw
    tau2 = max(0.0, (q - df) / c)
    w_re = [1 / (vi + tau2) for vi in v]
    return {
        "k": k,
        "fixed": fixed,
        "random": pooled(y, w_re),
        "tau2": tau2,
        "q": q,
        "df": df,
        "q_p": stats.chi2.sf(q, df),
        "i2": max(0.0, (q - df) / q) if q > 0 else 0.0,
        "h2": q / df,
        "weights_fixed": [wi / sw for wi in w],
        "weights_random": [wi / math.fsum(w_re) for wi in w_re],
    }


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def cross_check(name, y, v, r):
    with np.errstate(invalid="ignore"):  # its untruncated negative tau^2 (see above)
        sm = combine_effects(np.array(y), np.array(v), method_re="dl")
        frame = sm.summary_frame()
    checks = [
        (r["fixed"]["estimate"], sm.mean_effect_fe),
        (r["fixed"]["se"], sm.sd_eff_w_fe),
        (r["q"], sm.q),
        (r["h2"], sm.h2),
        (r["fixed"]["ci_lower"], frame.loc["fixed effect", "ci_low"]),
        (r["fixed"]["ci_upper"], frame.loc["fixed effect", "ci_upp"]),
    ]
    checks += list(zip(r["weights_fixed"], sm.weights_rel_fe))
    stat, p = sm.test_homogeneity()[:2]
    checks += [(r["q"], stat), (r["q_p"], p)]
    if sm.tau2 < 0:
        # statsmodels leaves the DL moment estimate untruncated; DerSimonian and Laird
        # (and metafor) truncate it at zero, where the random-effects model is the
        # fixed-effect one.
        assert r["tau2"] == 0.0 and r["i2"] == 0.0
        checks += [(r["random"][key], r["fixed"][key]) for key in r["fixed"]]
        checks += list(zip(r["weights_random"], r["weights_fixed"]))
    else:
        checks += [
            (r["random"]["estimate"], sm.mean_effect_re),
            (r["random"]["se"], sm.sd_eff_w_re),
            (r["tau2"], sm.tau2),
            (r["i2"], sm.i2),
            (r["random"]["ci_lower"], frame.loc["random effect", "ci_low"]),
            (r["random"]["ci_upper"], frame.loc["random effect", "ci_upp"]),
        ]
        checks += list(zip(r["weights_random"], sm.weights_rel_re))
    for i, (a, b) in enumerate(checks):
        assert close(a, float(b)), f"{name}: check {i}: {a} != {b}"
    return len(checks)


def main():
    out = {
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "data": {},
    }
    checked = 0
    for name, (y, v) in DATA.items():
        r = formulas(y, v)
        checked += cross_check(name, y, v, r)
        out["data"][name] = {"y": y, "v": v, "result": r}
    OUT.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
    print(f"{OUT}: {len(DATA)} data sets, {checked} values agree with statsmodels to 1e-12")
    bcg_r = out["data"]["bcg"]["result"]
    print(
        "bcg (metafor: tau2 0.3088, Q 152.2330, I2 92.12 %, est -0.7141, CI -1.0644 -0.3638):",
        f"tau2 {bcg_r['tau2']:.4f}, Q {bcg_r['q']:.4f}, I2 {100 * bcg_r['i2']:.2f} %,",
        f"est {bcg_r['random']['estimate']:.4f},",
        f"CI {bcg_r['random']['ci_lower']:.4f} {bcg_r['random']['ci_upper']:.4f}",
    )


if __name__ == "__main__":
    main()
