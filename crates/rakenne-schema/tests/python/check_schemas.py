"""Checks the committed JSON Schemas with Python's jsonschema (Draft202012Validator):
every document in examples/documents/ is valid, every file in
crates/rakenne-schema/tests/data/bad-documents/ is rejected, and every committed schema is
itself a valid draft 2020-12 schema. Run from the repository root:

    python3 crates/rakenne-schema/tests/python/check_schemas.py

Needs `pip install jsonschema`. Exits 1 on any failure.
"""

import json
import pathlib
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parents[4]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    failures = []
    schemas = sorted((ROOT / "schemas").rglob("*.schema.json"))
    for path in schemas:
        Draft202012Validator.check_schema(load(path))
    document_schema = load(ROOT / "schemas" / "document-1.0.schema.json")
    validator = Draft202012Validator(
        document_schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    examples = sorted((ROOT / "examples" / "documents").glob("*.json"))
    for path in examples:
        errors = [f"{e.message} at /{'/'.join(map(str, e.absolute_path))}" for e in validator.iter_errors(load(path))]
        if errors:
            failures.append(f"{path.relative_to(ROOT)} is invalid: {errors[:3]}")
    bad = sorted((ROOT / "crates" / "rakenne-schema" / "tests" / "data" / "bad-documents").glob("*.json"))
    for path in bad:
        if validator.is_valid(load(path)):
            failures.append(f"{path.relative_to(ROOT)} was accepted")
    print(f"{len(schemas)} schemas are valid draft 2020-12; {len(examples)} examples valid, "
          f"{len(bad)} bad documents checked")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
