#!/usr/bin/python3
"""Validates cronc manifests against the JSON Schema in schema/ (Debian's python3-jsonschema).

usage: validate_manifest.py SCHEMA MANIFEST...
Exit status 0 when every manifest is valid; 1 with one line per problem otherwise; 2 when the tool cannot run.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_manifest.py: the jsonschema module is missing (Debian: python3-jsonschema)", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    # Anything but a validation error (an unreadable file, a schema this jsonschema cannot resolve) is exit 2, so a
    # test that expects a manifest to be rejected (exit 1) cannot pass because the tool broke.
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = validator_class(schema)
        problems = 0
        for path in argv[2:]:
            with open(path, encoding="utf-8") as f:
                manifest = json.load(f)
            for error in sorted(validator.iter_errors(manifest), key=lambda e: list(e.absolute_path)):
                location = "/".join(str(part) for part in error.absolute_path) or "(root)"
                print(f"{path}: {location}: {error.message}")
                problems += 1
    except Exception as failure:  # noqa: BLE001 - every failure of the tool itself is reported the same way
        print(f"validate_manifest.py: {type(failure).__name__}: {failure}", file=sys.stderr)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
