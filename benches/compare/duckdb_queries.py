"""Runs the DuckDB queries of the README ("Querying with DuckDB") on a folder of Parquet
files written by rakenne and checks every row against rakenne's own figures.

The queries are taken from README.md, between `<!-- duckdb-query: NAME -->` and the end of
the SQL block that follows, so the README cannot drift from what is tested. The figures
come from `cargo run --example duckdb_figures -- DOCUMENT.json`, computed from the same
document with the libraries (the social-reporting digest, rakenne-metrics' pairing and GAS
T-scores): one array of rows per query name.

Rows are matched by their text columns; counts must be equal, other numbers within half a
unit of the second decimal (the queries round to two decimals; rakenne's figures are
exact).

Usage: python3 benches/compare/duckdb_queries.py PARQUET_DIR FIGURES.json [README.md]
Needs: python3 -m pip install duckdb
"""

import decimal
import json
import os
import re
import sys
from pathlib import Path

import duckdb

ROUNDING = decimal.Decimal("0.005") + decimal.Decimal("1e-9")
QUERY = re.compile(r"<!-- duckdb-query: ([a-z_]+) -->\s*```sql\n(.*?)```", re.DOTALL)


def readme_queries(readme: Path) -> dict[str, str]:
    found = QUERY.findall(readme.read_text(encoding="utf-8"))
    queries = dict(found)
    if len(queries) != len(found):
        sys.exit(f"{readme}: a query name is used twice")
    return queries


def number(value) -> decimal.Decimal:
    return decimal.Decimal(str(value))


def agree(name: str, sql_rows: list[dict], figures: list[dict]) -> list[str]:
    problems = []
    if len(sql_rows) != len(figures):
        problems.append(f"{name}: DuckDB gives {len(sql_rows)} rows, rakenne {len(figures)}")
    key_columns = [c for c, v in (sql_rows[0].items() if sql_rows else []) if isinstance(v, str)]

    def key(row):
        return tuple(row.get(c) for c in key_columns)

    expected = {key(row): row for row in figures}
    for row in sql_rows:
        figure = expected.get(key(row))
        if figure is None:
            problems.append(f"{name}: rakenne has no row {key(row)}")
            continue
        if set(row) != set(figure):
            problems.append(f"{name} {key(row)}: columns {sorted(row)} vs {sorted(figure)}")
            continue
        for column, value in row.items():
            theirs = figure[column]
            if column in key_columns:
                continue
            if value is None or theirs is None:
                ok = value is None and theirs is None
            elif isinstance(value, int):
                ok = value == theirs
            else:
                ok = abs(number(value) - number(theirs)) <= ROUNDING
            if not ok:
                problems.append(f"{name} {key(row)}.{column}: DuckDB {value}, rakenne {theirs}")
    return problems


def main() -> None:
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    parquet_dir = Path(sys.argv[1]).resolve()
    figures = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    readme = Path(sys.argv[3]) if len(sys.argv) == 4 else Path(__file__).parents[2] / "README.md"
    queries = readme_queries(readme.resolve())
    if set(queries) != set(figures):
        sys.exit(
            f"the README's queries {sorted(queries)} and rakenne's figures {sorted(figures)} "
            "differ: give every query its figures in examples/duckdb_figures.rs"
        )
    # The queries name the files relative to the folder, as a user in it would.
    os.chdir(parquet_dir)
    connection = duckdb.connect()
    problems = []
    for name, sql in queries.items():
        result = connection.sql(sql)
        columns = [c for c in result.columns]
        rows = [dict(zip(columns, values)) for values in result.fetchall()]
        if not rows:
            problems.append(f"{name}: the query gives no rows")
        found = agree(name, rows, figures[name])
        problems.extend(found)
        if not found:
            print(f"{name}: {len(rows)} rows agree with rakenne")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"all {len(queries)} README queries agree (DuckDB {duckdb.__version__})")


if __name__ == "__main__":
    main()
