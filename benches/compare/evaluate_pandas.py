#!/usr/bin/env python3
"""The Python baseline of `benches/evaluate.rs`: a full PHQ-9 + GAS evaluation in pandas/scipy.

Purpose
-------
`benches/evaluate.rs` times rakenne's whole effectiveness evaluation of one synthetic
national year (scoring, pairing, paired statistics with effect sizes and their
noncentral-t intervals, reliable-change classes, GAS T-scores, all tabulated by welfare
area x quarter with disclosure control).  This script does the same computation with
pandas/numpy/scipy on the same data, so that (a) the Rust timings have a baseline that
an analyst would otherwise write, and (b) the grand-total results can be compared with
the Rust results number by number.

How to run
----------
From the workspace root (/work/main), write the data (the generator is the one the
Rust bench uses, `benches/support/evaluation_data.rs`; seed 2025):

    cargo run --release --example evaluation_bench_data -- /tmp/benchdata 10000
    cargo run --release --example evaluation_bench_data -- /tmp/benchdata-1m 1000000

then

    python3 benches/compare/evaluate_pandas.py /tmp/benchdata-1m [--repeat 3] [--json OUT]

The CSVs are read first and not timed (dates parsed to datetime64, item scores to
float64 with NaN for missing, client/implementation/area/occasion to pandas
categoricals).  Steps 1-6 below are then timed end to end with time.perf_counter,
`--repeat` times (default 3); the best and the median are reported.  Everything runs
single-threaded (OMP/MKL/OPENBLAS/... threads are set to 1 before numpy is imported).
The script prints the library versions, the data counts, the timings, the disclosure
outcome and the grand-total results; `--json OUT` writes them as JSON together with
every published position of both tables.

Input
-----
administrations.csv: measurement_id,client,implementation,area,administered_on
    (YYYY-MM-DD),occasion (baseline|interim|follow_up),q1..q9 (PHQ-9 items 0-3,
    empty = missing)
goals.csv: goal_id,client,implementation,area,set_on,weight (1..100),
    follow_up_level (-2..2, empty if not evaluated),evaluated_on

Semantics (those of rakenne-metrics: outcome.rs, paired.rs, change.rs, gas.rs,
proportion.rs, distributions.rs, publication.rs)
-------------------------------------------------------------------------------
1. Scoring.  PHQ-9 total = q1 + ... + q9; valid only when no item is missing
   (max_missing = 0).  Interim administrations are skipped before scoring (they are
   not counted as invalid either); other non-baseline occasions count as follow-ups.
2. Pairing per (client, implementation): the earliest valid baseline (on a date tie
   the first in file order); among the valid follow-ups dated on or after that
   baseline date, the latest (on a date tie the LAST in file order, as Rust's
   Iterator::max_by_key).  With such a follow-up -> a pair; without -> a dropout.
   Keys without a valid baseline produce nothing; invalid totals are counted and
   not used.
3. Grouping.  Rows = area (the CSV column `area`; ordered numerically like
   WelfareAreaCode(u8)), columns = quarter of the BASELINE date ("2025-Q1" ...).
   Only row/column keys that occur are in the table.  A record with an empty area
   is "unplaced": in no cell and no total.  Positions: every area x quarter cell,
   every row total, every column total and the grand total; each position's result
   is computed over its own records (not aggregated from cells).  The records of the
   outcome table are the pairs followed by the dropouts.
4. Disclosure control on persons = records with a valid baseline (pairs + dropouts)
   in the position; the table with margins is an (R+1) x (C+1) grid (row R = column
   totals, column C = row totals).  Primary: suppress 1..4 persons (k = 5; 0 is
   published).  Secondary: scan the lines (grid rows 0..R, then grid columns 0..C);
   the first line with exactly one suppressed cell gets its published cell with the
   fewest persons suppressed too (cells with > 0 persons preferred over 0; ties ->
   first in line order); rescan from the start until no line has exactly one
   suppressed cell.  Results of suppressed positions are not computed.
   (rakenne's own `metrics::disclosure` puts every suppressed cell on a cycle --
   Gusfield's bridge criterion, cheapest cycle by Dijkstra, then a pass that
   publishes unneeded complementary cells -- so on tables with small cells it can
   choose other complementary cells than this simple rule; primary suppression and
   the results of the positions both publish are the same.)
5. Outcomes of each published position: clients_with_baseline, clients_paired,
   dropout share = dropouts / with baseline with a Wilson 95 % interval (z =
   norm.ppf(0.975), no continuity correction; bounds clipped to [0, 1] and made to
   contain the share).  With >= 2 pairs: means and SDs (ddof 1) of baseline and
   follow-up; d = follow-up - baseline; mean d with the CI mean_d -/+ t.ppf(0.975,
   n-1) * sd_d/sqrt(n) (always); when sd_d > 0: paired t = mean_d/(sd_d/sqrt n),
   df = n-1, p = 2 t.sf(|t|); Cohen's d_z = mean_d/sd_d with CI (ncp_lo, ncp_hi)/sqrt n,
   ncp_lo solving nct.cdf(t, n-1, ncp) = 0.975 and ncp_hi = 0.025 (brentq; the bracket
   is found by stepping from t outward by 1, 2, 4, ...; NaN from nct.cdf means keep
   stepping); and when sd_av = (sd_pre + sd_post)/2 > 0: d_av = mean_d/sd_av with CI =
   d_z CI * sd_d/sd_av, g_av = d_av * J(n-1) with CI * J, J(df) = exp(lgamma(df/2) -
   ln sqrt(df/2) - lgamma((df-1)/2)) (scipy.special.gammaln, so J(1) = 0 as in Rust's
   statrs rather than a math.lgamma(0) error).  Wilcoxon signed-rank unless every d
   is 0: scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False,
   method="approx") for p, plus n' (non-zero d), V = sum of the average ranks of |d|
   of the positive d, z = (V - n'(n'+1)/4)/sqrt(n'(n'+1)(2n'+1)/24 - sum(t^3-t)/48).
   Reliable change (Jacobson & Truax 1991) with at least one pair: SD0 = SD (ddof 1)
   of ALL valid baseline totals of the whole data set (pairs and dropouts, placed or
   not, computed once; needs >= 2), r = 0.89, S_diff = sqrt(2) * (SD0 * sqrt(1 - r)),
   RCI = (post - pre)/S_diff, improvement = -RCI (PHQ-9: lower is better); improved
   if > 1.96, deteriorated if < -1.96, else unchanged; shares of the pairs with Wilson
   CIs.  Clinical (cut-off 10, functional = score < 10): recovered = improved and
   baseline >= 10 and follow-up < 10; improved = the other improved; unchanged;
   deteriorated; shares with Wilson CIs.
6. GAS per (client, implementation): T = 50 + 10 * sum(w x) / sqrt(0.7 sum(w^2) +
   0.3 (sum w)^2) over the goals with a follow_up_level; the cohort date is the
   earliest set_on of all the key's goals (evaluated or not); keys without an
   evaluated goal are left out.  Table: rows = area, columns = quarter of the cohort
   date, margins and disclosure as in 3-4 with persons = clients; per published
   position: clients, mean T, share with T >= 50 with a Wilson CI.  (A published
   position with 0 clients -- possible only for an empty interior cell -- is an
   error in Rust, GasSummary::of; here it is reported with mean_t = null.)

Versions used
-------------
    Python 3.11.7, numpy 2.4.6, pandas 3.1.1, scipy 1.17.1, statsmodels 0.15.0
(printed at every run; statsmodels is used only for an untimed cross-check of the
Wilson intervals).
"""

from __future__ import annotations

import os

# Single-threaded: must be set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import statsmodels  # noqa: E402
from scipy import optimize, special, stats  # noqa: E402
from statsmodels.stats.proportion import proportion_confint  # noqa: E402

VERSIONS = {
    "python": platform.python_version(),
    "numpy": np.__version__,
    "pandas": pd.__version__,
    "scipy": scipy.__version__,
    "statsmodels": statsmodels.__version__,
}

ITEMS = [f"q{i}" for i in range(1, 10)]
K_ANONYMITY = 5                    # disclosure: suppress 1..K-1 persons
RELIABILITY = 0.89                 # PHQ-9 Cronbach's alpha (Kroenke et al. 2001)
CRITICAL_RCI = 1.96                # Jacobson & Truax (1991)
CLINICAL_CUTOFF = 10.0             # PHQ-9 "moderate" band
GAS_RHO = 0.3                      # Kiresuk & Sherman (1968)
CONFIDENCE = 0.95
Z = float(stats.norm.ppf(0.5 + CONFIDENCE / 2))


# --------------------------------------------------------------------------
# Loading (not timed)
# --------------------------------------------------------------------------

def load(directory: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both CSVs with dates and dtypes parsed.  Keys are read as strings and then made
    categorical (read_csv's own "category" dtype would turn area "01" into 1)."""
    keys = ("client", "implementation", "area")
    admin = pd.read_csv(
        directory / "administrations.csv",
        dtype={"measurement_id": str, "occasion": str, **{k: str for k in keys},
               **{q: "float64" for q in ITEMS}},
        parse_dates=["administered_on"], date_format="%Y-%m-%d",
    )
    goals = pd.read_csv(
        directory / "goals.csv",
        dtype={"goal_id": str, **{k: str for k in keys}, "weight": "float64",
               "follow_up_level": "float64"},
        parse_dates=["set_on", "evaluated_on"], date_format="%Y-%m-%d",
    )
    for frame, categorical in ((admin, keys + ("occasion",)), (goals, keys)):
        for column in categorical:
            frame[column] = frame[column].astype("category")
    return admin, goals


# --------------------------------------------------------------------------
# Small statistics
# --------------------------------------------------------------------------

def wilson(count, n):
    """Wilson (1927) 95 % score interval, vectorised; as rakenne's Proportion::wilson."""
    x = np.asarray(count, dtype=np.float64)
    nf = np.asarray(n, dtype=np.float64)
    z2 = Z * Z
    centre = (x + z2 / 2) / (nf + z2)
    half = Z / (nf + z2) * np.sqrt(x * (nf - x) / nf + z2 / 4)
    share = x / nf
    lower = np.minimum(np.clip(centre - half, 0.0, 1.0), share)
    upper = np.maximum(np.clip(centre + half, 0.0, 1.0), share)
    return share, lower, upper


def proportion(count: int, n: int) -> dict:
    share, lower, upper = wilson(count, n)
    return {"count": int(count), "n": int(n), "share": float(share),
            "ci": [float(lower), float(upper)]}


def ncp_for_probability(t_obs: float, df: float, target: float) -> float:
    """The ncp with nct.cdf(t_obs, df, ncp) = target (the cdf falls as ncp grows)."""
    def f(ncp: float) -> float:
        return float(stats.nct.cdf(t_obs, df, ncp)) - target

    f0 = f(t_obs)
    if f0 == 0.0:
        return t_obs
    direction = 1.0 if f0 > 0 else -1.0          # towards the root
    inner, step = t_obs, 1.0
    for _ in range(64):
        outer = t_obs + direction * step
        value = f(outer)
        if math.isnan(value):                    # scipy's nct.cdf far in a tail
            step *= 2.0
            continue
        if value == 0.0:
            return outer
        if (value > 0) != (f0 > 0):
            lo, hi = sorted((inner, outer))
            return float(optimize.brentq(f, lo, hi, xtol=1e-13, maxiter=500))
        inner = outer
        step *= 2.0
    raise RuntimeError(f"no bracket for the noncentral t pivot (t={t_obs}, df={df})")


def hedges_j(df: float) -> float:
    """Hedges (1981) exact small-sample correction."""
    return float(np.exp(special.gammaln(df / 2) - math.log(math.sqrt(df / 2))
                        - special.gammaln((df - 1) / 2)))


def estimate(value: float, lower: float, upper: float) -> dict:
    return {"value": float(value), "ci": [float(lower), float(upper)]}


def wilcoxon_signed_rank(d: np.ndarray) -> dict | None:
    nonzero = d[d != 0]
    if nonzero.size == 0:
        return None
    res = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
    magnitudes, inverse, counts = np.unique(np.abs(nonzero), return_inverse=True,
                                            return_counts=True)
    before = np.cumsum(counts) - counts
    average_rank = before + (counts + 1) / 2.0
    positives = np.bincount(inverse[nonzero > 0], minlength=magnitudes.size)
    v = float(np.dot(average_rank, positives))
    n = float(nonzero.size)
    tie_term = float(np.sum(counts.astype(np.float64) ** 3 - counts))
    variance = n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48
    z = (v - n * (n + 1) / 4) / math.sqrt(variance)
    return {"n_nonzero": int(nonzero.size), "v": v, "z": z, "p": float(res.pvalue)}


def paired_comparison(pre: np.ndarray, post: np.ndarray) -> dict:
    """As rakenne's PairedComparison::compute (n >= 2)."""
    n = pre.size
    d = post - pre
    mean_pre, sd_pre = pre.mean(), pre.std(ddof=1)
    mean_post, sd_post = post.mean(), post.std(ddof=1)
    mean_d, sd_d = d.mean(), d.std(ddof=1)
    df = n - 1.0
    se = sd_d / math.sqrt(n)
    half = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df)) * se
    out = {
        "n": int(n), "mean_baseline": float(mean_pre), "sd_baseline": float(sd_pre),
        "mean_follow_up": float(mean_post), "sd_follow_up": float(sd_post),
        "mean_difference": estimate(mean_d, mean_d - half, mean_d + half),
        "sd_difference": float(sd_d),
        "t_test": None, "wilcoxon": None, "cohens_d_z": None, "cohens_d_av": None,
        "hedges_g_av": None,
    }
    if sd_d > 0:
        t = float(mean_d / se)
        out["t_test"] = {"t": t, "df": df, "p": float(2.0 * stats.t.sf(abs(t), df))}
        root_n = math.sqrt(n)
        lo = ncp_for_probability(t, df, 0.5 + CONFIDENCE / 2) / root_n
        hi = ncp_for_probability(t, df, (1 - CONFIDENCE) / 2) / root_n
        out["cohens_d_z"] = estimate(mean_d / sd_d, lo, hi)
        sd_av = (sd_pre + sd_post) / 2
        if sd_av > 0:
            scale = sd_d / sd_av
            d_av = mean_d / sd_av
            out["cohens_d_av"] = estimate(d_av, lo * scale, hi * scale)
            j = hedges_j(df)
            out["hedges_g_av"] = estimate(d_av * j, lo * scale * j, hi * scale * j)
    out["wilcoxon"] = wilcoxon_signed_rank(d)
    return out


# --------------------------------------------------------------------------
# Steps 1-2: scoring and pairing
# --------------------------------------------------------------------------

def key_codes(frame: pd.DataFrame) -> np.ndarray:
    """One int64 per (client, implementation); a missing implementation is its own key."""
    client = frame["client"].cat.codes.to_numpy().astype(np.int64)
    implementation = frame["implementation"].cat.codes.to_numpy().astype(np.int64) + 1
    return client * (len(frame["implementation"].cat.categories) + 1) + implementation


def pair_administrations(admin: pd.DataFrame) -> dict:
    admin = admin[admin["occasion"] != "interim"]
    items = admin[ITEMS].to_numpy()
    valid = ~np.isnan(items).any(axis=1)
    invalid_scores = int((~valid).sum())
    total = items.sum(axis=1)

    key = key_codes(admin)[valid]
    total = total[valid]
    day = admin["administered_on"].to_numpy().astype("datetime64[D]").astype(np.int64)[valid]
    area = admin["area"].cat.codes.to_numpy()[valid]
    is_baseline = (admin["occasion"] == "baseline").to_numpy()[valid]
    order = np.arange(key.size)

    # Earliest baseline per key; ties -> first in file order.
    b = np.flatnonzero(is_baseline)
    b = b[np.lexsort((order[b], day[b], key[b]))]
    first = np.ones(b.size, dtype=bool)
    first[1:] = key[b][1:] != key[b][:-1]
    b = b[first]
    base_key, base_day = key[b], day[b]

    # Follow-ups on or after their key's baseline; latest per key, ties -> last in order.
    f = np.flatnonzero(~is_baseline)
    slot = np.searchsorted(base_key, key[f])
    slot_ok = slot < base_key.size
    has_base = np.zeros(f.size, dtype=bool)
    has_base[slot_ok] = base_key[slot[slot_ok]] == key[f][slot_ok]
    f, slot = f[has_base], slot[has_base]
    after = day[f] >= base_day[slot]
    f, slot = f[after], slot[after]
    by = np.lexsort((order[f], day[f], slot))
    f, slot = f[by], slot[by]
    last = np.ones(f.size, dtype=bool)
    last[:-1] = slot[1:] != slot[:-1]
    f, slot = f[last], slot[last]

    follow_up = np.full(b.size, np.nan)
    follow_up[slot] = total[f]
    is_pair = np.zeros(b.size, dtype=bool)
    is_pair[slot] = True
    # Records: the pairs, then the dropouts (both in key order), as in Rust.
    records = np.concatenate([np.flatnonzero(is_pair), np.flatnonzero(~is_pair)])
    return {
        "baseline": total[b][records],
        "follow_up": follow_up[records],
        "is_pair": is_pair[records],
        "baseline_day": base_day[records],
        "area": area[b][records],
        "invalid_scores": invalid_scores,
    }


# --------------------------------------------------------------------------
# Step 3-4: grouping and disclosure control
# --------------------------------------------------------------------------

def area_sort_key(label: str):
    return (0, int(label), label) if label.isdigit() else (1, 0, label)


class Layout:
    """Records placed in an area x quarter table, with the records of every position."""

    def __init__(self, area_codes: np.ndarray, area_categories, day: np.ndarray):
        quarter = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) // 3
        placed = area_codes >= 0
        self.unplaced = int((~placed).sum())
        idx = np.flatnonzero(placed)
        present_areas = np.unique(area_codes[idx])
        labels = [str(area_categories[c]) for c in present_areas]
        perm = sorted(range(len(labels)), key=lambda i: area_sort_key(labels[i]))
        self.row_labels = [labels[i] for i in perm]
        row_of_code = np.full(len(area_categories), -1, dtype=np.int64)
        row_of_code[present_areas[perm]] = np.arange(len(perm))
        present_quarters = np.unique(quarter[idx])
        self.column_labels = [f"{1970 + q // 4}-Q{q % 4 + 1}" for q in present_quarters]
        row = row_of_code[area_codes[idx]]
        column = np.searchsorted(present_quarters, quarter[idx])
        R, C = len(self.row_labels), len(self.column_labels)
        self.shape = (R, C)

        cell = row * C + column
        by_cell = np.argsort(cell, kind="stable")
        self.by_row = idx[by_cell]
        self.row_bounds = np.searchsorted(cell[by_cell], np.arange(R * C + 1))
        transposed = column * R + row
        by_column = np.argsort(transposed, kind="stable")
        self.by_column = idx[by_column]
        self.column_bounds = np.searchsorted(transposed[by_column], np.arange(R * C + 1))
        self.cell_counts = np.diff(self.row_bounds).reshape(R, C)

    def positions(self):
        """(grid row, grid column, record indices) of every position; grid row R is the
        column totals, grid column C the row totals."""
        R, C = self.shape
        rb, cb = self.row_bounds, self.column_bounds
        for r in range(R):
            for c in range(C):
                yield r, c, self.by_row[rb[r * C + c]:rb[r * C + c + 1]]
        for r in range(R):
            yield r, C, self.by_row[rb[r * C]:rb[(r + 1) * C]]
        for c in range(C):
            yield R, c, self.by_column[cb[c * R]:cb[(c + 1) * R]]
        yield R, C, self.by_row


def suppress(counts: np.ndarray, k: int = K_ANONYMITY):
    """Primary and simple secondary suppression on the table with margins.

    Returns (persons grid, suppressed grid, primary grid), all (R+1) x (C+1)."""
    R, C = counts.shape
    grid = np.zeros((R + 1, C + 1), dtype=np.int64)
    grid[:R, :C] = counts
    grid[:R, C] = counts.sum(axis=1)
    grid[R, :C] = counts.sum(axis=0)
    grid[R, C] = counts.sum()
    primary = (grid >= 1) & (grid < k)
    suppressed = primary.copy()
    lines = [("row", i) for i in range(R + 1)] + [("column", j) for j in range(C + 1)]
    while True:
        for kind, i in lines:
            mask = suppressed[i, :] if kind == "row" else suppressed[:, i]
            if mask.sum() == 1:
                persons = grid[i, :] if kind == "row" else grid[:, i]
                candidates = np.flatnonzero(~mask)
                best = min(candidates, key=lambda j: (persons[j] == 0, persons[j], j))
                if kind == "row":
                    suppressed[i, best] = True
                else:
                    suppressed[best, i] = True
                break
        else:
            return grid, suppressed, primary


def publish(layout: Layout, compute) -> dict:
    """The result table: disclosure control on the cell counts, then `compute` on the
    records of each published position."""
    grid, suppressed, primary = suppress(layout.cell_counts)
    results = {}
    for r, c, records in layout.positions():
        results[(r, c)] = None if suppressed[r, c] else compute(records)
    return {"layout": layout, "persons": grid, "suppressed": suppressed,
            "primary": primary, "results": results}


# --------------------------------------------------------------------------
# Steps 5-6: outcome and GAS summaries
# --------------------------------------------------------------------------

def outcome_table(pairing: dict, area_categories) -> dict:
    baseline, follow_up, is_pair = pairing["baseline"], pairing["follow_up"], pairing["is_pair"]
    # SD0 over all valid baselines (pairs and dropouts), once for the whole analysis.
    s_diff = None
    if baseline.size >= 2:
        sd0 = float(baseline.std(ddof=1))
        if sd0 > 0 and math.isfinite(sd0):
            s_diff = math.sqrt(2.0) * (sd0 * math.sqrt(1.0 - RELIABILITY))
    # Each pair's class, by the same yardstick for every position.
    if s_diff is not None:
        improvement = -((follow_up - baseline) / s_diff)
        improved = is_pair & (improvement > CRITICAL_RCI)
        deteriorated = is_pair & (improvement < -CRITICAL_RCI)
        unchanged = is_pair & ~improved & ~deteriorated
        recovered = improved & (baseline >= CLINICAL_CUTOFF) & (follow_up < CLINICAL_CUTOFF)
        improved_only = improved & ~recovered

    def compute(records: np.ndarray) -> dict:
        pair_mask = is_pair[records]
        pairs = records[pair_mask]
        with_baseline, paired = int(records.size), int(pairs.size)
        out = {
            "clients_with_baseline": with_baseline,
            "clients_paired": paired,
            "dropout": proportion(with_baseline - paired, with_baseline) if with_baseline else None,
            "paired": None, "reliable_change": None, "clinical": None,
        }
        if paired >= 2:
            out["paired"] = paired_comparison(baseline[pairs], follow_up[pairs])
        if s_diff is not None and paired > 0:
            count = lambda m: int(np.count_nonzero(m[pairs]))  # noqa: E731
            out["reliable_change"] = {
                "improved": proportion(count(improved), paired),
                "unchanged": proportion(count(unchanged), paired),
                "deteriorated": proportion(count(deteriorated), paired),
            }
            out["clinical"] = {
                "recovered": proportion(count(recovered), paired),
                "improved": proportion(count(improved_only), paired),
                "unchanged": proportion(count(unchanged), paired),
                "deteriorated": proportion(count(deteriorated), paired),
            }
        return out

    layout = Layout(pairing["area"], area_categories, pairing["baseline_day"])
    table = publish(layout, compute)
    table["s_diff"] = s_diff
    return table


def gas_client_scores(goals: pd.DataFrame) -> dict:
    key = key_codes(goals)
    group, keys = pd.factorize(key)
    n = keys.size
    set_day = goals["set_on"].to_numpy().astype("datetime64[D]").astype(np.int64)
    cohort = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(cohort, group, set_day)
    level = goals["follow_up_level"].to_numpy()
    weight = goals["weight"].to_numpy()
    evaluated = ~np.isnan(level)
    g, w, x = group[evaluated], weight[evaluated], level[evaluated]
    weighted = np.bincount(g, weights=w * x, minlength=n)
    sum_w = np.bincount(g, weights=w, minlength=n)
    sum_w2 = np.bincount(g, weights=w * w, minlength=n)
    has_goal = np.bincount(g, minlength=n) > 0
    weighted, sum_w, sum_w2 = weighted[has_goal], sum_w[has_goal], sum_w2[has_goal]
    t = 50.0 + 10.0 * weighted / np.sqrt((1.0 - GAS_RHO) * sum_w2 + GAS_RHO * sum_w * sum_w)
    area = np.empty(n, dtype=np.int64)
    area[group] = goals["area"].cat.codes.to_numpy()
    return {"t": t, "cohort_day": cohort[has_goal], "area": area[has_goal]}


def gas_table(scores: dict, area_categories) -> dict:
    t = scores["t"]
    met = t >= 50.0

    def compute(records: np.ndarray) -> dict:
        n = int(records.size)
        if n == 0:
            return {"clients": 0, "mean_t": None, "t_at_least_50": None}
        return {"clients": n, "mean_t": float(t[records].mean()),
                "t_at_least_50": proportion(int(np.count_nonzero(met[records])), n)}

    layout = Layout(scores["area"], area_categories, scores["cohort_day"])
    return publish(layout, compute)


def evaluate(admin: pd.DataFrame, goals: pd.DataFrame) -> dict:
    """Steps 1-6, the timed computation."""
    pairing = pair_administrations(admin)
    outcomes = outcome_table(pairing, admin["area"].cat.categories)
    scores = gas_client_scores(goals)
    gas = gas_table(scores, goals["area"].cat.categories)
    return {"pairing": pairing, "outcomes": outcomes, "gas": gas}


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

def table_json(table: dict) -> dict:
    layout = table["layout"]
    R, C = layout.shape
    value = lambda r, c: (table["results"][(r, c)]  # noqa: E731
                          if not table["suppressed"][r, c] else {"suppressed": True})
    return {
        "row_keys": layout.row_labels,
        "column_keys": layout.column_labels,
        "cells": [[value(r, c) for c in range(C)] for r in range(R)],
        "row_totals": [value(r, C) for r in range(R)],
        "column_totals": [value(R, c) for c in range(C)],
        "grand_total": value(R, C),
        "unplaced": layout.unplaced,
        "persons_with_margins": table["persons"].tolist(),
        "suppressed_with_margins": table["suppressed"].astype(int).tolist(),
    }


def disclosure_counts(table: dict) -> dict:
    s, p = table["suppressed"], table["primary"]
    return {"positions": int(s.size), "published": int((~s).sum()),
            "suppressed": int(s.sum()), "primary": int(p.sum()),
            "secondary": int((s & ~p).sum())}


def plain(obj):
    """numpy scalars to Python numbers; NaN/inf to None (for JSON)."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    value = float(obj)
    return value if math.isfinite(value) else None


def cross_check(result: dict) -> list[str]:
    """Untimed sanity checks of the grand totals against independent routes."""
    notes = []
    R, C = result["outcomes"]["layout"].shape
    grand = result["outcomes"]["results"][(R, C)]
    if grand is None:
        return ["grand total suppressed: nothing to check"]
    props = [grand["dropout"]] + list((grand["reliable_change"] or {}).values())
    worst = 0.0
    for prop in props:
        lo, hi = proportion_confint(prop["count"], prop["n"], alpha=1 - CONFIDENCE,
                                    method="wilson")
        worst = max(worst, abs(lo - prop["ci"][0]), abs(hi - prop["ci"][1]))
    notes.append(f"Wilson CIs vs statsmodels proportion_confint: max |diff| {worst:.1e}")
    paired = grand["paired"]
    if paired and paired["wilcoxon"]:
        w = paired["wilcoxon"]
        p_from_v = float(special.erfc(abs(w["z"]) / math.sqrt(2)))
        notes.append(f"Wilcoxon p (scipy) {w['p']:.6e} vs erfc(|z(V)|/sqrt 2) {p_from_v:.6e}")
    if paired and paired["cohens_d_z"]:
        n, t = paired["n"], paired["t_test"]["t"]
        lo, hi = (v * math.sqrt(n) for v in paired["cohens_d_z"]["ci"])
        notes.append("nct.cdf at the d_z limits: "
                     f"{stats.nct.cdf(t, n - 1, lo):.12f} (0.975), "
                     f"{stats.nct.cdf(t, n - 1, hi):.12f} (0.025)")
    return notes


def fmt_ci(est: dict | None, digits: int = 4) -> str:
    if not est:
        return "n/a"
    return (f"{est['value']:.{digits}f} [{est['ci'][0]:.{digits}f}, "
            f"{est['ci'][1]:.{digits}f}]")


def fmt_share(prop: dict | None) -> str:
    if not prop:
        return "n/a"
    return (f"{prop['share']:.4f} ({prop['count']}/{prop['n']}) "
            f"[{prop['ci'][0]:.4f}, {prop['ci'][1]:.4f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path, help="directory with administrations.csv and goals.csv")
    parser.add_argument("--repeat", type=int, default=3, help="timed repetitions (default 3)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON")
    args = parser.parse_args()
    if args.repeat < 1:
        sys.exit("--repeat must be at least 1")

    print("evaluate_pandas.py: " + ", ".join(f"{k} {v}" for k, v in VERSIONS.items()))
    start = time.perf_counter()
    admin, goals = load(args.dir)
    load_seconds = time.perf_counter() - start
    print(f"read {len(admin)} administrations and {len(goals)} goals from {args.dir} "
          f"in {load_seconds:.2f} s (not timed)")

    timings, result = [], None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = evaluate(admin, goals)
        timings.append(time.perf_counter() - start)
    best, median = min(timings), statistics.median(timings)

    pairing, outcomes, gas = result["pairing"], result["outcomes"], result["gas"]
    n_pairs = int(pairing["is_pair"].sum())
    n_dropouts = int((~pairing["is_pair"]).sum())
    R, C = outcomes["layout"].shape
    grand = outcomes["results"][(R, C)]
    gR, gC = gas["layout"].shape
    gas_grand = gas["results"][(gR, gC)]
    counts = {
        "administrations": len(admin),
        "goals": len(goals),
        "invalid_scores": pairing["invalid_scores"],
        "pairs": n_pairs,
        "dropouts": n_dropouts,
        "gas_clients": int(gas["layout"].cell_counts.sum()) + gas["layout"].unplaced,
        "outcome_table": {"rows": R, "columns": C, "unplaced": outcomes["layout"].unplaced,
                          **disclosure_counts(outcomes)},
        "gas_table": {"rows": gR, "columns": gC, "unplaced": gas["layout"].unplaced,
                      **disclosure_counts(gas)},
    }

    print(f"timing of steps 1-6 over {args.repeat} runs: best {best:.3f} s, "
          f"median {median:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in timings)})")
    print(f"administrations {counts['administrations']}, invalid scores "
          f"{counts['invalid_scores']}, pairs {n_pairs}, dropouts {n_dropouts}, "
          f"GAS clients {counts['gas_clients']}")
    for name in ("outcome_table", "gas_table"):
        c = counts[name]
        print(f"{name}: {c['rows']} x {c['columns']} + margins = {c['positions']} positions, "
              f"published {c['published']}, suppressed {c['suppressed']} "
              f"(primary {c['primary']}, secondary {c['secondary']}), unplaced {c['unplaced']}")

    print("grand total, PHQ-9 outcomes:")
    print(f"  clients with baseline {grand['clients_with_baseline'] if grand else 'suppressed'}, "
          f"paired {grand['clients_paired'] if grand else ''}, "
          f"dropout {fmt_share(grand and grand['dropout'])}")
    paired = grand and grand["paired"]
    if paired:
        t_test, w = paired["t_test"], paired["wilcoxon"]
        print(f"  n pairs {paired['n']}: baseline {paired['mean_baseline']:.4f} "
              f"(SD {paired['sd_baseline']:.4f}), follow-up {paired['mean_follow_up']:.4f} "
              f"(SD {paired['sd_follow_up']:.4f})")
        print(f"  mean difference {fmt_ci(paired['mean_difference'])}, "
              f"SD {paired['sd_difference']:.4f}")
        if t_test:
            print(f"  paired t {t_test['t']:.4f} (df {t_test['df']:.0f}), p {t_test['p']:.6g}")
        if w:
            print(f"  Wilcoxon n' {w['n_nonzero']}, V {w['v']:.1f}, z {w['z']:.4f}, "
                  f"p {w['p']:.6g}")
        print(f"  d_z  {fmt_ci(paired['cohens_d_z'], 6)}")
        print(f"  d_av {fmt_ci(paired['cohens_d_av'], 6)}")
        print(f"  g_av {fmt_ci(paired['hedges_g_av'], 6)}")
    if grand and grand["reliable_change"]:
        rc, cl = grand["reliable_change"], grand["clinical"]
        print(f"  reliable change (S_diff {outcomes['s_diff']:.6f}): "
              f"improved {fmt_share(rc['improved'])}")
        print(f"    unchanged {fmt_share(rc['unchanged'])}")
        print(f"    deteriorated {fmt_share(rc['deteriorated'])}")
        print(f"  clinical: recovered {fmt_share(cl['recovered'])}, "
              f"improved {fmt_share(cl['improved'])}")
    print("grand total, GAS:")
    if gas_grand:
        print(f"  clients {gas_grand['clients']}, mean T {gas_grand['mean_t']:.6f}, "
              f"T >= 50 {fmt_share(gas_grand['t_at_least_50'])}")
    else:
        print("  suppressed")
    notes = cross_check(result)
    print("cross-checks (untimed):")
    for note in notes:
        print(f"  {note}")

    if args.json:
        doc = plain({
            "generated_by": "benches/compare/evaluate_pandas.py",
            "versions": VERSIONS,
            "data": str(args.dir),
            "repeat": args.repeat,
            "timing_seconds": {"best": best, "median": median, "runs": timings,
                               "load_untimed": load_seconds},
            "counts": counts,
            "grand_total": {"outcomes": grand, "gas": gas_grand,
                            "s_diff": outcomes["s_diff"]},
            "tables": {"outcomes": table_json(outcomes), "gas": table_json(gas)},
        })
        args.json.parent.mkdir(parents=True, exist_ok=True)
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, allow_nan=False)
            fh.write("\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
