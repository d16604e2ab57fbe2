#!/usr/bin/env python3
"""Validates plugin ABI documents against their JSON Schemas (draft 2020-12) with the `jsonschema`
package, for the tests that hold the schemas and the host's decoding to the same verdicts.

Input (stdin): {"schema": "manifest.schema.json", "documents": [document, ...]}
Output (stdout): one entry per document, in order: null when it is valid, else the first error
as "path: message". The schemas are read from Sources/CFineTuningPlugin/schemas, each registered
under its $id so references between files resolve."""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

folder = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "CFineTuningPlugin" / "schemas"
schemas = {path.name: json.loads(path.read_text()) for path in folder.glob("*.schema.json")}
registry = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values())

request = json.load(sys.stdin)
schema = schemas[request["schema"]]
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, registry=registry)


def verdict(document):
    error = next(iter(sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return None
    return "/".join(str(part) for part in error.absolute_path) + ": " + error.message


json.dump([verdict(document) for document in request["documents"]], sys.stdout)
