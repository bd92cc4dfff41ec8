"""Schema-valid answers that are wrong in content: for the fault matrix, one generator for every prompt.

The loopback server sees the JSON schema the client sent (``response_format`` or a tool's parameters);
``schema_answer`` fills it with the given text in every string, so the answer passes the schema and
must be refused by what the step checks (ids that exist, quotes that were said, the language asked for).
"""

from __future__ import annotations

from typing import Any


def request_schema(request: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema the answer must follow, from a chat completions request."""
    response_format = request.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return dict(response_format["json_schema"]["schema"])
    tools = request.get("tools") or []
    if tools:
        return dict(tools[0]["function"]["parameters"])
    raise ValueError("the request asks for no structured answer")


def schema_answer(schema: dict[str, Any], text: str) -> Any:
    """An instance of ``schema`` with ``text`` in every required free string (enums take their first
    value, optional fields stay null)."""
    return _instance(schema, schema.get("$defs", {}), text)


def _instance(node: dict[str, Any], defs: dict[str, Any], text: str) -> Any:  # noqa: C901 - one case per keyword
    if "$ref" in node:
        return _instance(defs[node["$ref"].rsplit("/", 1)[-1]], defs, text)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:  # an optional field stays empty (a model that says it cannot answer is another case)
            if any(o.get("type") == "null" for o in node[key]):
                return None
            return _instance(node[key][0], defs, text)
    if "enum" in node:
        return node["enum"][0]
    if "const" in node:
        return node["const"]
    kind = node.get("type")
    if isinstance(kind, list):
        if "null" in kind:
            return None
        kind = kind[0]
    if kind == "object" or "properties" in node:
        return {name: _instance(sub, defs, text) for name, sub in node.get("properties", {}).items()}
    if kind == "array":
        return [_instance(node.get("items", {}), defs, text) for _ in range(max(1, node.get("minItems", 1)))]
    if kind == "string":
        return text
    if kind == "integer":
        return int(node.get("minimum", 1))
    if kind == "number":
        return float(node.get("minimum", 0.5))
    if kind == "boolean":
        return True
    return None
