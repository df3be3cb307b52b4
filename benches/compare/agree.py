#!/usr/bin/env python3
"""Check that rakenne's evaluation results agree with the pandas pipeline's, position by position.

Purpose
-------
`benches/evaluate.rs` and `benches/compare/evaluate_pandas.py` compute the same evaluation
on the same data.  This script compares their result tables: every published position of
the PHQ-9 outcome table and of the GAS table, every count exactly, every statistic to a
relative tolerance (the two sides sum in different orders, so the last few bits differ).
With `--baseline`, it also checks that the Rust results are *bit for bit* those of an
earlier run of the bench (e.g. before an optimisation).

How to run
----------
From the workspace root:

    cargo run --release --example evaluation_bench_data -- /tmp/benchdata-1m
    python3 benches/compare/evaluate_pandas.py /tmp/benchdata-1m --json /tmp/pandas.json
    RAKENNE_BENCH_RESULTS=/tmp/rust.json cargo bench --bench evaluate
    python3 benches/compare/agree.py /tmp/rust.json /tmp/pandas.json [--baseline /tmp/rust-before.json]

Exit status 0 when everything agrees, 1 otherwise (the first 20 differences are printed).

What is compared
----------------
Row and column labels, `unplaced`, which positions are suppressed, and for every position
both publish: the counts (`clients_with_baseline`, `clients_paired`, `n`, `n_nonzero`,
every proportion's `count` and `n`) exactly, and every other number with
|a - b| <= 1e-9 * max(1, |a|, |b|).  A p-value that underflows to 0 on one side may be a
tiny positive number on the other; both are below 1e-300 and compare equal under this
rule.  The pandas script's simpler secondary suppression (see its docstring) can choose
other complementary cells than rakenne on tables with small cells; such a difference is
reported, not hidden.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

RELATIVE_TOLERANCE = 1e-9
EXACT_FIELDS = {"clients_with_baseline", "clients_paired", "n", "n_nonzero", "count", "clients"}


def normalise(value):
    """Rust intervals {lower, upper} and pandas intervals [lower, upper] to one form;
    absent optional fields (Rust omits them) as None."""
    if isinstance(value, dict):
        if set(value) == {"lower", "upper"}:
            return [value["lower"], value["upper"]]
        return {k: normalise(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def compare(path: str, rust, pandas, differences: list[str]) -> None:
    if isinstance(rust, dict) and isinstance(pandas, dict):
        # The instrument id is a Rust-only field.
        keys = (set(rust) | set(pandas)) - {"instrument"}
        for key in sorted(keys):
            if key not in rust or key not in pandas:
                differences.append(f"{path}/{key}: only in {'rust' if key in rust else 'pandas'}")
            else:
                compare(f"{path}/{key}", rust[key], pandas[key], differences)
    elif isinstance(rust, list) and isinstance(pandas, list):
        if len(rust) != len(pandas):
            differences.append(f"{path}: {len(rust)} items in rust, {len(pandas)} in pandas")
        for i, (a, b) in enumerate(zip(rust, pandas)):
            compare(f"{path}/{i}", a, b, differences)
    elif isinstance(rust, (int, float)) and isinstance(pandas, (int, float)):
        field = path.rsplit("/", 1)[-1]
        if field in EXACT_FIELDS:
            if rust != pandas:
                differences.append(f"{path}: rust {rust}, pandas {pandas}")
        elif abs(rust - pandas) > RELATIVE_TOLERANCE * max(1.0, abs(rust), abs(pandas)):
            differences.append(f"{path}: rust {rust!r}, pandas {pandas!r}")
    elif rust != pandas:
        differences.append(f"{path}: rust {rust!r}, pandas {pandas!r}")


def compare_table(name: str, rust: dict, pandas: dict, differences: list[str]) -> int:
    """Compares one table; returns the number of positions compared."""
    labels = lambda keys: [k["value"] for k in keys]  # noqa: E731
    if labels(rust["row_keys"]) != pandas["row_keys"]:
        differences.append(f"{name}: row keys differ")
    if labels(rust["column_keys"]) != pandas["column_keys"]:
        differences.append(f"{name}: column keys differ")
    if rust["unplaced"] != pandas["unplaced"]:
        differences.append(f"{name}: unplaced rust {rust['unplaced']}, pandas {pandas['unplaced']}")
    positions = []
    for r, (rust_row, pandas_row) in enumerate(zip(rust["cells"], pandas["cells"])):
        positions += [(f"cells/{r}/{c}", a, b) for c, (a, b) in enumerate(zip(rust_row, pandas_row))]
    for margin in ("row_totals", "column_totals"):
        positions += [(f"{margin}/{i}", a, b)
                      for i, (a, b) in enumerate(zip(rust[margin], pandas[margin]))]
    positions.append(("grand_total", rust["grand_total"], pandas["grand_total"]))
    compared = 0
    for where, a, b in positions:
        a_suppressed, b_suppressed = a.get("suppressed") is True, b.get("suppressed") is True
        if a_suppressed != b_suppressed:
            differences.append(f"{name}/{where}: suppressed in {'rust' if a_suppressed else 'pandas'} only")
        elif not a_suppressed:
            compare(f"{name}/{where}", normalise(a), normalise(b), differences)
            compared += 1
    return compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rust", type=Path, help="results of the bench (RAKENNE_BENCH_RESULTS)")
    parser.add_argument("pandas", type=Path, help="results of evaluate_pandas.py --json")
    parser.add_argument("--baseline", type=Path,
                        help="an earlier RAKENNE_BENCH_RESULTS file the rust results must equal exactly")
    args = parser.parse_args()

    rust = json.loads(args.rust.read_text(encoding="utf-8"))
    pandas = json.loads(args.pandas.read_text(encoding="utf-8"))["tables"]
    differences: list[str] = []
    compared = {name: compare_table(name, rust[name], pandas[name], differences)
                for name in ("outcomes", "gas")}
    print(f"rust vs pandas: compared {compared['outcomes']} outcome and {compared['gas']} GAS "
          f"positions, {len(differences)} differences (relative tolerance {RELATIVE_TOLERANCE:g})")
    ok = not differences
    for line in differences[:20]:
        print(f"  {line}")

    if args.baseline:
        # json.loads keeps every double exactly and json.dumps writes the shortest text
        # that reads back as the same double (−0.0 included), so equal text is bit-for-bit
        # equality.
        canonical = lambda value: json.dumps(value, sort_keys=True)  # noqa: E731
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        same = canonical(baseline) == canonical(rust)
        print(f"rust vs baseline {args.baseline}: {'identical' if same else 'DIFFERENT'}")
        ok = ok and same
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
