"""Every response the official SDK receives from `finetune serve`, checked against the gateway's one
written schema, Sources/FineTuningGateway/openapi.json: the path, method, status and content type must
be documented, a JSON body must validate against the operation's schema for that status, and each
server-sent event of a stream against the stream's schema. Installed as an httpx response hook on the
SDK's client, so a response that drifts from the schema fails the test that received it."""

import collections
import json
import os
import re

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCUMENT = os.path.join(ROOT, "Sources", "FineTuningGateway", "openapi.json")


class OpenAPICheck:
    def __init__(self, path=DOCUMENT):
        with open(path) as document:
            self.document = json.load(document)
        self.components = self.document["components"]
        for schema in self.components["schemas"].values():
            jsonschema.Draft202012Validator.check_schema(schema)
        self.routes = [
            (re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"), template)
            for template in self.document["paths"]
        ]
        # (METHOD, path template, status) of every response checked, for the tests' own coverage checks.
        self.checked = collections.Counter()

    def __call__(self, response):
        response.read()
        method, path = response.request.method, response.request.url.path
        where = f"{method} {path} -> {response.status_code}"
        template = next((template for pattern, template in self.routes if pattern.match(path)), None)
        if template is None:
            raise AssertionError(f"{where}: the path is not in openapi.json")
        operation = self.document["paths"][template].get(method.lower())
        if operation is None:
            raise AssertionError(f"{where}: {method} {template} is not in openapi.json")
        responses = operation["responses"]
        status = str(response.status_code)
        documented = responses.get(status) or responses.get(status[0] + "XX") or responses.get("default")
        if documented is None:
            raise AssertionError(f"{where}: status {status} is not documented for {method} {template}")
        documented = self.resolve(documented)
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        content = documented.get("content", {})
        if content_type not in content:
            raise AssertionError(f"{where}: content type {content_type!r} is not documented (documented: {sorted(content)})")
        schema = content[content_type].get("schema")
        if content_type == "application/json":
            self.validate(schema, response.json(), where)
        elif content_type == "text/event-stream":
            for line in response.text.splitlines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    self.validate(schema, json.loads(line[len("data: "):]), where + " (event)")
        self.checked[(method, template, response.status_code)] += 1

    def resolve(self, value):
        while "$ref" in value:
            node = self.document
            for part in value["$ref"].lstrip("#/").split("/"):
                node = node[part]
            value = node
        return value

    def validate(self, schema, instance, where):
        validator = jsonschema.Draft202012Validator({**schema, "components": self.components})
        problems = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
        if problems:
            details = "; ".join(f"{'/'.join(map(str, problem.absolute_path)) or '(body)'}: {problem.message}" for problem in problems[:5])
            raise AssertionError(f"{where}: the body does not match openapi.json: {details}")
