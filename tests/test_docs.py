"""docs/format.md documents every field, every rule and every setting: it cannot drift."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from okrsite_gen.config import FileLimits, Guidance, HealthThresholds, StaleSettings
from okrsite_gen.schema.fields import TOP_LEVEL_SPECS, Spec
from okrsite_gen.validate.registry import RULES

FORMAT_DOC = Path(__file__).resolve().parents[1] / "docs" / "format.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return FORMAT_DOC.read_text(encoding="utf-8")


def _all_specs() -> list[Spec]:
    found: list[Spec] = []
    pending = list(TOP_LEVEL_SPECS.values())
    while pending:
        spec = pending.pop(0)
        if spec not in found:
            found.append(spec)
            pending += [f.item for f in spec.fields if f.item is not None]
    return found


@pytest.mark.parametrize("spec", _all_specs(), ids=lambda spec: spec.name)
def test_every_field_is_documented(doc: str, spec: Spec) -> None:
    missing = [f.name for f in spec.fields if f"`{f.name}`" not in doc]
    assert missing == []


def test_every_field_of_objectives_and_key_results_has_a_table_row(doc: str) -> None:
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", doc, flags=re.MULTILINE))
    for spec in _all_specs():
        if spec.name in ("objective", "key_result", "checkin", "comment", "org"):
            assert {f.name for f in spec.fields} <= rows, spec.name


def test_every_rule_is_documented_with_its_default_severity(doc: str) -> None:
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", doc, flags=re.MULTILINE))
    assert {rule: rows.get(rule) for rule in RULES} == {
        rule: spec.severity for rule, spec in RULES.items()
    }
    assert set(rows) == set(RULES), "documented rules the registry does not know"


def test_every_setting_is_documented(doc: str) -> None:
    for section in (Guidance, HealthThresholds, FileLimits, StaleSettings):
        for setting in fields(section):
            assert f"{setting.name} = " in doc, setting.name


def test_the_editor_schema_line_is_documented(doc: str) -> None:
    assert "# yaml-language-server: $schema=" in doc
    assert "okrsite schema objective > .okrsite/objective.schema.json" in doc
