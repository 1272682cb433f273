"""`okrsite schema`: JSON Schema for editors, from the same field definitions the loader uses."""

from __future__ import annotations

import contextlib
import io
import json
import textwrap
from datetime import date
from typing import Any

import pytest
import yaml

from okrsite_gen.cli.main import main
from okrsite_gen.schema.fields import TOP_LEVEL_SPECS, Spec
from tests.cli.conftest import REPO_ROOT, okrsite
from tests.conftest import VALID_REPO, Company

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    """Each kind's schema, as `okrsite schema KIND` prints it."""
    run = okrsite("schema")  # once as a user would: objective is the default
    assert (run.returncode, run.stderr) == (0, "")
    printed = {"objective": json.loads(run.stdout)}
    for kind in ("org", "comment"):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            assert main(["schema", kind]) == 0
        printed[kind] = json.loads(output.getvalue())
    return printed


def _fields(spec: Spec, schema: dict[str, Any], path: str = "") -> list[tuple[str, dict]]:
    """(dotted field name, its schema) for every field of `spec`, nested items included."""
    found = []
    for field in spec.fields:
        assert field.name in schema["properties"], f"{path}{field.name} missing from the schema"
        property_schema = schema["properties"][field.name]
        found.append((f"{path}{field.name}", property_schema))
        if field.item is not None:
            found += _fields(field.item, property_schema["items"], f"{path}{field.name}[].")
    return found


@pytest.mark.parametrize("kind", sorted(TOP_LEVEL_SPECS))
def test_every_field_is_in_the_schema(schemas: dict[str, dict[str, Any]], kind: str) -> None:
    schema = schemas[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    fields = _fields(TOP_LEVEL_SPECS[kind], schema)
    assert all(property_schema.get("description") for _, property_schema in fields)
    assert schema["additionalProperties"] is False
    required = [f.name for f in TOP_LEVEL_SPECS[kind].fields if f.required]
    assert schema["required"] == required


def test_choices_ranges_and_patterns_come_through(schemas: dict[str, dict[str, Any]]) -> None:
    objective = schemas["objective"]["properties"]
    assert objective["kind"]["enum"] == ["committed", "aspirational"]
    assert (objective["score"]["minimum"], objective["score"]["maximum"]) == (0.0, 1.0)
    kr = objective["key_results"]["items"]["properties"]
    assert kr["weight"]["exclusiveMinimum"] == 0.0
    assert kr["id"]["pattern"] == "^[a-z0-9][a-z0-9_.-]*$"
    assert kr["due"]["format"] == "date"


def _plain(value: Any) -> Any:
    """What an editor's YAML server sees: dates are strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _front_matter(text: str) -> Any:
    return yaml.safe_load(text.split("---\n")[1] if text.startswith("---") else text)


def _documents(files: dict[str, str]) -> list[tuple[str, str, Any]]:
    """(kind, path, parsed YAML) of every OKR file among `files`."""
    documents = []
    for rel, text in sorted(files.items()):
        if rel.endswith("org.yaml"):
            kind = "org"
        elif rel.startswith("content/comments/"):
            kind = "comment"
        else:
            kind = "objective"
        documents.append((kind, rel, _plain(_front_matter(text))))
    return documents


def _validate(schemas: dict[str, dict[str, Any]], documents: list[tuple[str, str, Any]]) -> None:
    validators = {kind: jsonschema.Draft202012Validator(s) for kind, s in schemas.items()}
    failures = [
        f"{rel}: {error.json_path}: {error.message}"
        for kind, rel, document in documents
        for error in validators[kind].iter_errors(document)
    ]
    assert failures == []


def test_the_sample_company_validates_against_the_schema(
    schemas: dict[str, dict[str, Any]],
) -> None:
    content = REPO_ROOT / "content"
    files = {
        path.relative_to(REPO_ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(content.rglob("*"))
        if path.suffix in (".md", ".yaml", ".yml") and path.is_file()
    }
    documents = _documents(files)
    assert {kind for kind, _, _ in documents} == {"org", "objective", "comment"}
    _validate(schemas, documents)


def test_the_messy_test_company_validates_against_the_schema(
    schemas: dict[str, dict[str, Any]],
) -> None:
    _validate(schemas, _documents({k: textwrap.dedent(v) for k, v in VALID_REPO.items()}))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("title: x\nowner: y\nkind: aspirationl\n", "is not one of"),
        ("title: x\nowner: y\nalign_to: [z]\n", "Additional properties are not allowed"),
        ("title: x\n", "'owner' is a required property"),
        ("title: x\nowner: y\nkey_results:\n  - {title: k, confidence: 70}\n", "greater than"),
    ],
)
def test_the_schema_underlines_what_check_refuses(
    schemas: dict[str, dict[str, Any]], text: str, error: str
) -> None:
    validator = jsonschema.Draft202012Validator(schemas["objective"])
    messages = [e.message for e in validator.iter_errors(_plain(yaml.safe_load(text)))]
    assert any(error in message for message in messages), messages


def test_yaml_language_server_line_in_an_objective(company: Company) -> None:
    # What docs/format.md tells editors to write: a YAML comment, so check ignores it.
    result = company.check(
        {
            "content/okrs/2026-Q4/platform/refunds.yaml": (
                "# yaml-language-server: $schema=../../../../.okrsite/objective.schema.json\n"
                "title: Refunds\nowner: bob\nthemes: [trust]\n"
                "key_results:\n  - {title: Bot live, done: false}\n"
            )
        }
    )
    assert result.problems == []
