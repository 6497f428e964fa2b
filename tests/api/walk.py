"""Walking the OpenAPI document: every operation, called with ids that exist in one
organisation (path parameters, id-like query parameters and body fields)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tests.api.conftest import API, last_week


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as in the document, with {placeholders}
    spec: dict[str, Any]

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            yield Operation(method, path, spec)


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def example(
    document: dict[str, Any], schema: dict[str, Any], name: str, ids: dict[str, int]
) -> Any:
    """A valid value for `schema`; integers named like an id get the organisation's id."""
    schema = _resolve(document, schema)
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return example(document, option, name, ids)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            key: example(document, properties[key], key, ids) for key in schema.get("required", [])
        }
    if kind == "integer":
        return ids.get(name, schema.get("minimum", 1))
    if kind == "string" and schema.get("format") == "date":
        return last_week().isoformat()
    if kind == "string":
        return "Some text"
    if kind == "array":
        # One item where the operation needs at least one (an id-like item gets an id).
        wanted = schema.get("minItems", 0)
        return [example(document, schema["items"], name, ids)] * wanted
    return None


def request_for(
    document: dict[str, Any], operation: Operation, ids: dict[str, int]
) -> tuple[str, dict[str, Any], Any, bool]:
    """(url, query, body, names_an_id): `names_an_id` is False for operations that take no id
    at all (who am I, findings of one's own scope, issuing a token)."""
    path = operation.path
    query: dict[str, Any] = {}
    names_an_id = False
    for parameter in operation.spec.get("parameters", []):
        name = parameter["name"]
        if parameter["in"] == "path":
            path = path.replace("{" + name + "}", str(ids[name]))
            names_an_id = True
        elif parameter["in"] == "query" and name in ids:
            query[name] = ids[name]
            names_an_id = True
    body = None
    content = operation.spec.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = example(document, content["application/json"]["schema"], "", ids)
        names_an_id = names_an_id or any(key in ids for key in body)
    assert path.startswith(API)
    return path[len(API) :], query, body, names_an_id
