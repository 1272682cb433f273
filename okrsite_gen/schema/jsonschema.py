"""`Spec` -> JSON Schema (draft 2020-12), for editors' autocompletion and underlining."""

from __future__ import annotations

from typing import Any

from .fields import TOP_LEVEL_SPECS, Field, Spec

SCHEMA_ID = "urn:okrsite:schema"


def _field_schema(spec_field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": spec_field.description}
    kind = spec_field.type
    if kind in ("text", "markdown", "id", "ref"):
        # YAML reads `title: 2026` as a number; the loader keeps the text, so allow it.
        schema["type"] = (
            ["string", "number", "boolean"] if kind in ("text", "markdown") else "string"
        )
        if spec_field.pattern:
            schema["pattern"] = spec_field.pattern
        if spec_field.max_length is not None:
            schema["maxLength"] = spec_field.max_length
        if spec_field.choices:
            schema = {"description": spec_field.description, "enum": list(spec_field.choices)}
    elif kind == "number":
        schema["type"] = "number"
    elif kind == "boolean":
        schema["type"] = "boolean"
    elif kind == "date":
        schema["type"] = "string"
        schema["format"] = "date"
    elif kind in ("ref-list", "text-list"):
        schema["anyOf"] = [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    elif kind == "object-list":
        assert spec_field.item is not None
        schema["type"] = "array"
        schema["items"] = spec_schema(spec_field.item)
    if spec_field.minimum is not None:
        key = "exclusiveMinimum" if spec_field.exclusive_minimum else "minimum"
        schema[key] = spec_field.minimum
    if spec_field.maximum is not None:
        schema["maximum"] = spec_field.maximum
    if spec_field.default is not None:
        schema["default"] = spec_field.default
    return schema


def spec_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema of one kind of mapping (no `$schema` header)."""
    return {
        "type": "object",
        "description": spec.description,
        "properties": {f.name: _field_schema(f) for f in spec.fields},
        "required": [f.name for f in spec.fields if f.required],
        "additionalProperties": False,
    }


def json_schema(kind: str = "objective") -> dict[str, Any]:
    """The whole schema document for an objective, org or comment file."""
    spec = TOP_LEVEL_SPECS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID}:{kind}",
        "title": f"okrsite {kind}",
        **spec_schema(spec),
    }
