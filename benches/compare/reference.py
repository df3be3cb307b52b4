#!/usr/bin/env python3
"""Independent reference values for the statistics of the `rakenne-metrics` crate.

Purpose
-------
The Rust crate `rakenne-metrics` (toolkit for evaluating social-work operating
models in Finland) implements paired and independent-group statistics, effect
sizes, Wilson intervals, Goal Attainment Scaling (GAS) T-scores and the
Reliable Change Index.  This script computes the same quantities *independently
of the Rust code*, with Python/numpy/scipy/statsmodels, and writes them to

    crates/rakenne-metrics/tests/data/reference.json

so that the Rust tests can compare against them.  Every statistic is computed
from an explicit formula (functions below, one per statistic) and, wherever
scipy or statsmodels has an equivalent routine, the script *asserts* that the
formula and the library agree to 1e-12 (|a - b| <= 1e-12 * max(1, |a|, |b|)),
so the JSON is cross-checked by two implementations.

How to run
----------
From the workspace root (/work/main):

    python3 benches/compare/reference.py

The output is deterministic (fixed data or numpy.random.default_rng(seed),
json.dump with sort_keys=True, indent=2, Python float repr), so re-running with
the same library versions regenerates the JSON byte-for-byte.  The script
prints the library versions and a summary of the checks.

Versions used to generate the committed JSON
--------------------------------------------
    Python 3.11.7, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0
(also recorded under "versions" in the JSON; pandas 3.1.1 is used only as an
extra cross-check of R type-7 quantiles).

Methods (exact definitions of every value in the JSON)
------------------------------------------------------
Descriptives ("n","mean","sd","median","q1","q3","min","max"):
    mean = math.fsum(x)/n (correctly rounded sum); sd = sample SD, ddof = 1,
    two-pass sqrt(fsum((x-mean)^2)/(n-1)); sd is null when n < 2.
    median/q1/q3 = numpy.quantile(x, p, method="linear") for p = .5/.25/.75,
    i.e. Hyndman & Fan (1996) type 7 = R's default quantile():
    h = (n-1)p, Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
    on the sorted data.  Checked against numpy.mean/std, a hand-written type-7
    interpolation and pandas.Series.quantile.

Paired samples (diff = post - pre):
    mean_diff, sd_diff (ddof 1), df = n - 1, t = mean_diff/(sd_diff/sqrt(n)),
    p_t = 2*t.sf(|t|, df)  (two-sided; checked vs scipy.stats.ttest_rel(post, pre)),
    ci_mean_diff = mean_diff -/+ t.ppf(0.975, df)*sd_diff/sqrt(n)
    (checked vs ttest_rel(...).confidence_interval(0.95)).

Wilcoxon signed-rank test (Wilcoxon's zero handling, normal approximation,
tie-corrected variance, no continuity correction) -- as R's
wilcox.test(post, pre, paired=TRUE, exact=FALSE, correct=FALSE):
    drop zero differences; n' = number of non-zero d; ranks = average ranks of
    |d| among the non-zero d; v = sum of ranks of positive d (R's V);
    E = n'(n'+1)/4; Var = n'(n'+1)(2n'+1)/24 - sum(t^3 - t)/48 over groups of
    tied |d|; z = (v - E)/sqrt(Var); p = 2(1 - Phi(|z|)), evaluated as
    2*norm.sf(|z|) (mathematically identical, no cancellation for small p).
    Checked vs scipy.stats.wilcoxon(post, pre, zero_method="wilcox",
    correction=False, method="approx"): pvalue, |zstatistic|, and v vs the
    statistic of the alternative="greater" call (= R+).  "wilcoxon" is null when
    every difference is zero.

Cohen's d_z = mean_diff/sd_diff; 95% CI by inverting the noncentral t
(Steiger & Fouladi 1997; as R package effectsize does for paired d):
    t_obs = t above, df = n-1; ncp_lo solves nct.cdf(t_obs, df, ncp) = 0.975,
    ncp_hi solves nct.cdf(t_obs, df, ncp) = 0.025 (scipy.stats.nct,
    scipy.optimize.brentq, xtol = rtol = 1e-14; bracket found by moving each
    end away from t_obs in steps 1, 2, 4, ... until the sign changes -- a fixed
    very wide bracket is not usable because scipy's nct.cdf returns NaN far in
    its upper tail, see ncp_solve);
    CI = (ncp_lo/sqrt(n), ncp_hi/sqrt(n)).  The script asserts that the cdf at
    the roots equals the target probabilities to 1e-10, and (independently of
    scipy's nct code) that E_V[Phi(t_obs*sqrt(V/df) - ncp)], V ~ chi2(df),
    integrated with scipy.integrate.quad over the chi2 quantiles 1e-17 .. 1-1e-17,
    equals them to 1e-9.

Hedges' small-sample correction (Hedges 1981), exact gamma form:
    J(df) = exp(lgamma(df/2) - ln(sqrt(df/2)) - lgamma((df-1)/2)), math.lgamma.
    Checked vs the gamma-function form via scipy.special.gamma (df <= 300).

d_av (Cumming 2012; Lakens 2013) = mean_diff/((sd_pre + sd_post)/2);
    CI = d_z CI * sd_diff/((sd_pre + sd_post)/2).
g_av = d_av * J(n-1); CI = d_av CI * J(n-1).

Independent groups (a = pilot, b = comparison, difference a - b):
    Welch: mean_diff = ma - mb, se = sqrt(sa^2/na + sb^2/nb), t = mean_diff/se,
    df = (sa^2/na + sb^2/nb)^2 / ((sa^2/na)^2/(na-1) + (sb^2/nb)^2/(nb-1))
    (Welch-Satterthwaite), p = 2*t.sf(|t|, df), ci = mean_diff -/+
    t.ppf(0.975, df)*se.  Checked vs scipy.stats.ttest_ind(a, b,
    equal_var=False): statistic, df, pvalue, confidence_interval(0.95).
    Cohen's d: s_p = sqrt(((na-1)sa^2 + (nb-1)sb^2)/(na+nb-2)), d = (ma-mb)/s_p;
    CI: noncentral-t pivot (as above) on t_p = d/sqrt(1/na + 1/nb) with
    df = na+nb-2, d bounds = ncp bounds * sqrt(1/na + 1/nb).  t_p is checked vs
    scipy.stats.ttest_ind(a, b, equal_var=True).statistic.
    Hedges' g = d * J(na+nb-2), CI * J.

Wilson score interval (Wilson 1927), 95%, no continuity correction:
    z = norm.ppf(0.975); p^ = x/n;
    centre = (x + z^2/2)/(n + z^2); half = z/(n + z^2) * sqrt(x(n-x)/n + z^2/4);
    [centre - half, centre + half], clipped to [0, 1] (as statsmodels does; the
    raw formula gives e.g. -2.8e-17 instead of 0 for x = 0).  Checked vs
    statsmodels.stats.proportion.proportion_confint(x, n, alpha=0.05,
    method="wilson").

GAS T-score (Kiresuk & Sherman 1968):
    T = 50 + 10 * sum(w_i x_i) / sqrt((1-rho) sum(w_i^2) + rho (sum w_i)^2),
    x_i in {-2..2}; "weights": null means w_i = 1; weights are whole numbers
    (1..100), as in rakenne's GasWeight.  Cross-checked against a
    second (numpy-vectorised) implementation.

Reliable Change Index (Jacobson & Truax 1991):
    SE = sd0*sqrt(1-r), S_diff = sqrt(2)*SE, RCI = (post - pre)/S_diff.
    Clinical-significance cut-offs, "in the direction of functionality" (the
    sign s = +1 when the functional mean is above the dysfunctional one, else -1):
    a = m_dys + 2 s s_dys (two SDs beyond the dysfunctional mean),
    b = m_fun - 2 s s_fun (within two SDs of the functional mean),
    c = (s_dys m_fun + s_fun m_dys)/(s_dys + s_fun).

JSON number conventions: all statistics and data values are Python floats
(serialised with repr precision); counts ("n", "n_nonzero", proportion "x"
and "n") and GAS "levels" are integers.  No NaN/Infinity is ever written
(json.dump(allow_nan=False)); undefined values are null.
"""

from __future__ import annotations

import json
import math
import os
import platform
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.special
import statsmodels
from scipy import integrate, optimize, stats
from statsmodels.stats.proportion import proportion_confint

TOL = 1e-12
OUT_PATH = os.path.join("crates", "rakenne-metrics", "tests", "data", "reference.json")

VERSIONS = {
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
}

# Book-keeping of cross-checks: name -> [number of checks, max scaled difference]
CHECKS: dict[str, list] = {}


def check(name: str, ours: float, lib: float, tol: float = TOL) -> None:
    """Assert |ours - lib| <= tol * max(1, |ours|, |lib|) and record it."""
    ours, lib = float(ours), float(lib)
    scale = max(1.0, abs(ours), abs(lib))
    diff = abs(ours - lib) / scale
    entry = CHECKS.setdefault(name, [0, 0.0])
    entry[0] += 1
    entry[1] = max(entry[1], diff)
    assert diff <= tol, f"{name}: ours={ours!r} library={lib!r} (scaled diff {diff:.3e})"


# --------------------------------------------------------------------------
# Descriptives
# --------------------------------------------------------------------------

def mean(x) -> float:
    return math.fsum(x) / len(x)


def sd(x) -> float | None:
    """Sample SD, ddof = 1 (two-pass with fsum); None when n < 2."""
    n = len(x)
    if n < 2:
        return None
    m = mean(x)
    return math.sqrt(math.fsum((v - m) ** 2 for v in x) / (n - 1))


def quantile_type7(x, p: float) -> float:
    """Hyndman & Fan type 7 (R default): linear interpolation at h = (n-1)p."""
    s = sorted(x)
    h = (len(s) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - lo) * (s[hi] - s[lo])


def descriptives(x) -> dict:
    x = [float(v) for v in x]
    arr = np.asarray(x)
    out = {
        "n": len(x),
        "mean": mean(x),
        "sd": sd(x),
        "median": float(np.quantile(arr, 0.5, method="linear")),
        "q1": float(np.quantile(arr, 0.25, method="linear")),
        "q3": float(np.quantile(arr, 0.75, method="linear")),
        "min": float(min(x)),
        "max": float(max(x)),
    }
    # Cross-checks
    check("descriptives.mean vs numpy.mean", out["mean"], np.mean(arr))
    if out["sd"] is not None:
        check("descriptives.sd vs numpy.std(ddof=1)", out["sd"], np.std(arr, ddof=1))
    check("descriptives.median vs numpy.median", out["median"], np.median(arr))
    ser = pd.Series(x)
    for key, p in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
        check("descriptives.quantile vs hand type-7", out[key], quantile_type7(x, p))
        check("descriptives.quantile vs pandas", out[key], ser.quantile(p))
    return out


# --------------------------------------------------------------------------
# Noncentral-t pivot and Hedges' J
# --------------------------------------------------------------------------

def ncp_solve(t_obs: float, df: float, target: float) -> float:
    """ncp such that nct.cdf(t_obs, df, ncp) = target (cdf is decreasing in ncp).

    Bracketing: scipy 1.17's nct.cdf returns NaN far out in the upper tail of
    the cdf (e.g. nct.cdf(4.426, 24, -5.134) is nan), so a fixed wide bracket
    such as t_obs -/+ 50 can make brentq fail.  Instead each end is moved away
    from t_obs in steps 1, 2, 4, ... (up to 2^12) until f changes sign; since f
    is monotone the bracket then contains the unique root and all evaluations
    stay close to it.
    """

    def f(ncp: float) -> float:
        v = stats.nct.cdf(t_obs, df, ncp) - target
        if not math.isfinite(v):
            raise RuntimeError(f"nct.cdf({t_obs}, {df}, {ncp}) is not finite")
        return v

    def expand(sign: float, want_positive: bool) -> float:
        step = 1.0
        while step <= 4096.0:
            x = t_obs + sign * step
            if (f(x) > 0) == want_positive:
                return x
            step *= 2.0
        raise RuntimeError("no bracket for noncentral t pivot")

    lo = t_obs if f(t_obs) > 0 else expand(-1.0, True)   # f(lo) > 0
    hi = t_obs if f(t_obs) < 0 else expand(+1.0, False)  # f(hi) < 0
    root = optimize.brentq(f, lo, hi, xtol=1e-14, rtol=1e-14, maxiter=500)
    check("nct pivot: cdf at root == target", stats.nct.cdf(t_obs, df, root), target, tol=1e-10)
    # Independent of scipy's nct code: P(T <= t) for T = (Z + ncp)/sqrt(V/df),
    # V ~ chi2(df), equals E_V[Phi(t*sqrt(V/df) - ncp)]; integrate numerically.
    integral, _ = integrate.quad(
        lambda v: stats.norm.cdf(t_obs * math.sqrt(v / df) - root) * stats.chi2.pdf(v, df),
        stats.chi2.ppf(1e-17, df), stats.chi2.isf(1e-17, df), points=[max(df - 2.0, 0.0)],
        epsabs=1e-13, epsrel=1e-12, limit=500)
    check("nct pivot: quadrature cdf at root == target", integral, target, tol=1e-9)
    return float(root)


def ncp_ci(t_obs: float, df: float, level: float = 0.95) -> tuple[float, float]:
    alpha = 1.0 - level
    return ncp_solve(t_obs, df, 1.0 - alpha / 2), ncp_solve(t_obs, df, alpha / 2)


def hedges_j(df: float) -> float:
    """Hedges (1981) exact correction J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))."""
    j = math.exp(math.lgamma(df / 2) - math.log(math.sqrt(df / 2)) - math.lgamma((df - 1) / 2))
    if df <= 300:  # gamma() overflows for large arguments
        alt = scipy.special.gamma(df / 2) / (math.sqrt(df / 2) * scipy.special.gamma((df - 1) / 2))
        check("hedges_j vs scipy.special.gamma form", j, alt)
    return j


# --------------------------------------------------------------------------
# Paired statistics
# --------------------------------------------------------------------------

def paired_t(pre, post) -> dict:
    d = [b - a for a, b in zip(pre, post)]
    n = len(d)
    md, sdd = mean(d), sd(d)
    df = n - 1
    se = sdd / math.sqrt(n)
    t = md / se
    p = 2.0 * stats.t.sf(abs(t), df)
    q = stats.t.ppf(0.975, df)
    ci = [md - q * se, md + q * se]
    res = stats.ttest_rel(post, pre)
    check("paired t vs ttest_rel.statistic", t, res.statistic)
    check("paired p vs ttest_rel.pvalue", p, res.pvalue)
    check("paired df vs ttest_rel.df", df, res.df)
    lib_ci = res.confidence_interval(0.95)
    check("paired ci vs ttest_rel.confidence_interval", ci[0], lib_ci.low)
    check("paired ci vs ttest_rel.confidence_interval", ci[1], lib_ci.high)
    return {"mean_diff": md, "sd_diff": sdd, "df": float(df), "t": t, "p_t": p, "ci_mean_diff": ci}


def average_ranks(values) -> list[float]:
    """Average (mid-)ranks, 1-based, ties get the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        r = (i + 1 + j + 1) / 2.0
        for k in range(i, j + 1):
            ranks[order[k]] = r
        i = j + 1
    return ranks


def exact_differences(pre, post) -> list[float]:
    """post - pre rounded to 10 decimals: the data have at most one decimal, and plain
    float subtraction would split ties (3.3 vs 3.3000000000000007) that are ties in the
    decimal data; the Rust side computes exact decimal differences."""
    return [round(b - a, 10) for a, b in zip(pre, post)]


def wilcoxon_signed_rank(pre, post) -> dict | None:
    d = exact_differences(pre, post)
    nz = [v for v in d if v != 0.0]
    n = len(nz)
    if n == 0:
        return None
    absd = [abs(v) for v in nz]
    ranks = average_ranks(absd)
    v = math.fsum(r for r, x in zip(ranks, nz) if x > 0)
    e = n * (n + 1) / 4.0
    # tie correction: sum over groups of tied |d| of (t^3 - t)/48
    counts: dict[float, int] = {}
    for a in absd:
        counts[a] = counts.get(a, 0) + 1
    tie = sum(t**3 - t for t in counts.values()) / 48.0
    var = n * (n + 1) * (2 * n + 1) / 24.0 - tie
    z = (v - e) / math.sqrt(var)
    p = 2.0 * stats.norm.sf(abs(z))  # == 2(1 - Phi(|z|))
    # Cross-checks
    check("wilcoxon ranks vs scipy.stats.rankdata", 0.0,
          max(abs(a - b) for a, b in zip(ranks, stats.rankdata(absd, method="average"))))
    res = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
    check("wilcoxon p vs scipy.stats.wilcoxon", p, res.pvalue)
    if hasattr(res, "zstatistic"):
        check("wilcoxon |z| vs scipy zstatistic", abs(z), abs(res.zstatistic))
    res_g = stats.wilcoxon(d, zero_method="wilcox", correction=False,
                           method="approx", alternative="greater")
    check("wilcoxon v vs scipy R+ (alternative=greater)", v, res_g.statistic)
    if hasattr(res_g, "zstatistic"):
        check("wilcoxon z (signed) vs scipy zstatistic (greater)", z, res_g.zstatistic)
    return {"n_nonzero": n, "v": v, "z": z, "p": p}


def paired_case(name: str, pre, post) -> dict:
    pre = [float(v) for v in pre]
    post = [float(v) for v in post]
    assert len(pre) == len(post) >= 3
    diff = [b - a for a, b in zip(pre, post)]
    n = len(pre)
    tt = paired_t(pre, post)
    # Cohen's d_z and its noncentral-t CI
    dz = tt["mean_diff"] / tt["sd_diff"]
    lo, hi = ncp_ci(tt["t"], n - 1)
    dz_ci = [lo / math.sqrt(n), hi / math.sqrt(n)]
    j = hedges_j(n - 1)
    # d_av (average of the two SDs as standardiser)
    sd_pre, sd_post = sd(pre), sd(post)
    s_av = (sd_pre + sd_post) / 2.0
    d_av = tt["mean_diff"] / s_av
    k = tt["sd_diff"] / s_av
    d_av_ci = [dz_ci[0] * k, dz_ci[1] * k]
    check("d_av vs d_z * sd_diff / s_av", d_av, dz * k)
    expected = {
        "descriptives_pre": descriptives(pre),
        "descriptives_post": descriptives(post),
        "descriptives_diff": descriptives(diff),
        **tt,
        "wilcoxon": wilcoxon_signed_rank(pre, post),
        "d_z": {"value": dz, "ci": dz_ci},
        "j": j,
        "d_av": {"value": d_av, "ci": d_av_ci},
        "g_av": {"value": d_av * j, "ci": [d_av_ci[0] * j, d_av_ci[1] * j]},
    }
    return {"name": name, "pre": pre, "post": post, "expected": expected}


# --------------------------------------------------------------------------
# Independent groups
# --------------------------------------------------------------------------

def independent_case(name: str, a, b) -> dict:
    a = [float(v) for v in a]
    b = [float(v) for v in b]
    na, nb = len(a), len(b)
    ma, mb = mean(a), mean(b)
    sa, sb = sd(a), sd(b)
    va, vb = sa**2 / na, sb**2 / nb
    md = ma - mb
    se = math.sqrt(va + vb)
    t = md / se
    df = (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1))  # Welch-Satterthwaite
    p = 2.0 * stats.t.sf(abs(t), df)
    q = stats.t.ppf(0.975, df)
    ci = [md - q * se, md + q * se]
    res = stats.ttest_ind(a, b, equal_var=False)
    check("welch t vs ttest_ind", t, res.statistic)
    check("welch df vs ttest_ind", df, res.df)
    check("welch p vs ttest_ind", p, res.pvalue)
    lib_ci = res.confidence_interval(0.95)
    check("welch ci vs ttest_ind.confidence_interval", ci[0], lib_ci.low)
    check("welch ci vs ttest_ind.confidence_interval", ci[1], lib_ci.high)
    # Cohen's d (pooled SD) and noncentral-t CI
    dfp = na + nb - 2
    sp = math.sqrt(((na - 1) * sa**2 + (nb - 1) * sb**2) / dfp)
    d = md / sp
    f = math.sqrt(1.0 / na + 1.0 / nb)
    t_p = d / f
    check("pooled t_p vs ttest_ind(equal_var=True)", t_p, stats.ttest_ind(a, b, equal_var=True).statistic)
    lo, hi = ncp_ci(t_p, dfp)
    d_ci = [lo * f, hi * f]
    j = hedges_j(dfp)
    return {
        "name": name, "a": a, "b": b,
        "expected": {
            "welch": {"mean_diff": md, "t": t, "df": df, "p": p, "ci": ci},
            "d": {"value": d, "ci": d_ci},
            "j": j,
            "hedges_g": {"value": d * j, "ci": [d_ci[0] * j, d_ci[1] * j]},
        },
    }


# --------------------------------------------------------------------------
# Wilson, GAS, RCI
# --------------------------------------------------------------------------

def wilson(x: int, n: int) -> list[float]:
    z = stats.norm.ppf(0.975)
    centre = (x + z * z / 2.0) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(x * (n - x) / n + z * z / 4.0)
    lo = min(max(centre - half, 0.0), 1.0)
    hi = min(max(centre + half, 0.0), 1.0)
    lib = proportion_confint(x, n, alpha=0.05, method="wilson")
    check("wilson vs statsmodels proportion_confint", lo, lib[0])
    check("wilson vs statsmodels proportion_confint", hi, lib[1])
    return [float(lo), float(hi)]


def gas_t(levels, weights, rho: float) -> float:
    w = [1.0] * len(levels) if weights is None else [float(v) for v in weights]
    assert len(w) == len(levels) and all(-2 <= x <= 2 for x in levels)
    num = math.fsum(wi * xi for wi, xi in zip(w, levels))
    den = math.sqrt((1 - rho) * math.fsum(wi * wi for wi in w) + rho * math.fsum(w) ** 2)
    t = 50.0 + 10.0 * num / den
    # second implementation (vectorised) as a sanity cross-check
    wv, xv = np.asarray(w), np.asarray(levels, dtype=float)
    alt = 50 + 10 * (wv @ xv) / np.sqrt((1 - rho) * (wv @ wv) + rho * wv.sum() ** 2)
    check("gas T vs numpy implementation", t, alt)
    return t


def rci(pre: float, post: float, sd0: float, r: float) -> dict:
    se = sd0 * math.sqrt(1.0 - r)
    s_diff = math.sqrt(2.0) * se
    return {"pre": pre, "post": post, "sd0": sd0, "r": r, "se": se, "s_diff": s_diff,
            "rci": (post - pre) / s_diff}


def cutoffs(m_dys: float, s_dys: float, m_fun: float, s_fun: float) -> dict:
    toward_functional = 1.0 if m_fun > m_dys else -1.0
    return {"m_dys": m_dys, "s_dys": s_dys, "m_fun": m_fun, "s_fun": s_fun,
            "a": m_dys + 2.0 * toward_functional * s_dys,
            "b": m_fun - 2.0 * toward_functional * s_fun,
            "c": (s_dys * m_fun + s_fun * m_dys) / (s_dys + s_fun)}


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------

def paired_datasets() -> list[tuple[str, list, list]]:
    out = []
    # (a) worked example, n = 10.  d = 3,-1,3,6,0,2,4,-2,5,5: one zero, ties at
    # |d| = 2, 3, 5.  Non-zero ranks: 1->1, 2->2.5, 3->4.5, 4->6, 5->7.5, 6->9;
    # V = 4.5+4.5+9+2.5+6+7.5+7.5 = 41.5, R- = 1+2.5 = 3.5, n' = 9.
    out.append(("worked_n10_ties_zero",
                [12, 15, 9, 20, 17, 11, 14, 18, 10, 16],
                [15, 14, 12, 26, 17, 13, 18, 16, 15, 21]))
    # (b) minimum size, n = 3
    out.append(("minimum_n3", [20, 25, 30], [24, 27, 35]))
    # (c) n = 25 integer scores 0..40 with improvement
    rng = np.random.default_rng(20250101)
    pre = rng.integers(8, 31, size=25)
    post = np.clip(pre + np.round(rng.normal(4.0, 5.0, size=25)), 0, 40)
    out.append(("seeded_n25_int_0_40", pre.tolist(), post.tolist()))
    # (d) n = 200 one-decimal scores on 0..40 (Outcome Rating Scale-like)
    rng = np.random.default_rng(20250202)
    pre = np.clip(np.round(rng.normal(21.0, 7.0, size=200), 1), 0.0, 40.0)
    post = np.clip(np.round(pre + rng.normal(3.0, 6.0, size=200), 1), 0.0, 40.0)
    out.append(("seeded_n200_ors_1dp", pre.tolist(), post.tolist()))
    # (e) deterioration: post < pre on average
    out.append(("deterioration_n12",
                [28.4, 31.0, 25.2, 33.5, 29.9, 27.1, 35.0, 30.2, 26.8, 32.4, 24.5, 29.0],
                [25.1, 29.6, 26.0, 28.7, 27.3, 22.9, 33.8, 27.5, 27.4, 28.0, 21.9, 26.2]))
    # (f) n = 30 on a 1..5 integer scale (many ties, several zero differences)
    rng = np.random.default_rng(20250303)
    pre = rng.integers(1, 6, size=30)
    post = np.clip(pre + rng.choice([-1, 0, 0, 1, 1, 2], size=30), 1, 5)
    out.append(("seeded_n30_likert_1_5", pre.tolist(), post.tolist()))
    return out


def independent_datasets() -> list[tuple[str, list, list]]:
    out = []
    rng = np.random.default_rng(20250404)
    out.append(("equal_n20_similar_sd",
                np.round(rng.normal(24.0, 6.0, size=20), 1).tolist(),
                np.round(rng.normal(21.0, 6.5, size=20), 1).tolist()))
    rng = np.random.default_rng(20250505)
    out.append(("unequal_n12_n30_unequal_sd",
                np.round(rng.normal(30.0, 3.0, size=12), 1).tolist(),
                np.round(rng.normal(26.0, 9.0, size=30), 1).tolist()))
    out.append(("pilot_n2", [14.0, 17.0], [10.0, 12.0, 9.0, 15.0, 11.0]))
    rng = np.random.default_rng(20250606)
    out.append(("unequal_n150_n90_unequal_sd_negative_effect",
                np.round(rng.normal(19.5, 5.0, size=150), 1).tolist(),
                np.round(rng.normal(21.0, 8.0, size=90), 1).tolist()))
    return out


PROPORTIONS = [(0, 10), (1, 10), (5, 10), (10, 10), (37, 120), (1, 1), (0, 1), (999, 1000)]

QUANTILE_DATA = [
    [7.0],
    [3.0, 8.0],
    [4.0, 1.0, 3.0, 2.0],                          # unsorted, n = 4
    [2.5, 9.0, 4.0, 6.5, 1.0],                     # unsorted, n = 5
    [5.0, 3.0, 3.0, 8.0, 1.0, 5.0, 3.0],           # unsorted, n = 7 with ties
    [-1.5, 0.0, 0.0, 2.25, 10.0, 3.5, -4.0, 7.75, 0.0, 1.0],  # n = 10, negatives
    [12.0, 12.0, 12.0, 12.0],                      # all equal
]

GAS_CASES = [
    ([0, 1, -1, 2, 0], None),
    ([0, 1, -1, 2, 0], [3.0, 1.0, 2.0, 1.0, 1.0]),
    ([1], None),
    ([0, 0, 0], None),
    ([-2, -2, -1], None),
    ([2, 2, 2, 2], [1.0, 2.0, 3.0, 4.0]),
    ([-1, 0, 1, 1, 2, -2], [1.0, 3.0, 2.0, 4.0, 2.0, 6.0]),  # whole weights, as GAS forms use
]

RCI_CASES = [
    (30.0, 20.0, 7.5, 0.85),
    (12.0, 22.5, 8.2, 0.90),
    (25.0, 27.0, 6.0, 0.70),
    (18.4, 15.1, 5.3, 0.93),
    (19.6, 30.0, 7.0, 0.0),
]

CUTOFF_CASES = [
    (19.6, 8.7, 30.0, 6.7),
    (15.0, 5.0, 25.0, 5.0),
    (58.2, 12.4, 34.1, 9.8),
]


# --------------------------------------------------------------------------

def plain(obj):
    """Recursively convert numpy scalars to Python int/float; reject NaN/inf."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, (bool, np.bool_)):
        raise TypeError("unexpected boolean in output")
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    value = float(obj)
    assert math.isfinite(value), "non-finite value in output"
    return value


def main() -> None:
    print("reference.py versions: " + ", ".join(f"{k} {v}" for k, v in VERSIONS.items())
          + f", pandas {pd.__version__}")
    paired = [paired_case(*ds) for ds in paired_datasets()]
    assert paired[4]["expected"]["mean_diff"] < 0, "deterioration dataset must have mean_diff < 0"
    independent = [independent_case(*ds) for ds in independent_datasets()]
    proportions = [{"x": x, "n": n, "wilson": wilson(x, n)} for x, n in PROPORTIONS]
    quantiles = [{"data": list(d), "descriptives": descriptives(d)} for d in QUANTILE_DATA]
    gas = [{"levels": list(lv), "weights": None if w is None else list(w), "rho": rho,
            "t": gas_t(lv, w, rho)} for lv, w in GAS_CASES for rho in (0.3, 0.5)]
    rcis = [rci(*c) for c in RCI_CASES]
    cuts = [cutoffs(*c) for c in CUTOFF_CASES]

    doc = plain({
        "generated_by": "benches/compare/reference.py",
        "versions": VERSIONS,
        "paired": paired,
        "independent": independent,
        "proportions": proportions,
        "quantiles": quantiles,
        "gas": gas,
        "rci": rcis,
        "clinical_cutoffs": cuts,
    })
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=2, sort_keys=True, allow_nan=False)
        fh.write("\n")

    print(f"wrote {OUT_PATH}: {len(paired)} paired, {len(independent)} independent, "
          f"{len(proportions)} proportions, {len(quantiles)} quantile lists, {len(gas)} GAS, "
          f"{len(rcis)} RCI, {len(cuts)} clinical cut-off cases")
    print("cross-checks (count, max |a-b|/max(1,|a|,|b|)):")
    for name, (cnt, worst) in sorted(CHECKS.items()):
        print(f"  {name:55s} {cnt:4d}  {worst:.2e}")


if __name__ == "__main__":
    if not os.path.isdir(os.path.join("crates", "rakenne-metrics")):
        sys.exit("run from the workspace root: python3 benches/compare/reference.py")
    main()
