"""docs/upkeep.md documents every import column, its spellings, and every problem rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrsite_gen.adopt.columns import IMPORT_COLUMNS, SYNONYMS
from okrsite_gen.export.okrs_csv import KR_COLUMNS, OBJECTIVE_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "upkeep.md"


@pytest.fixture(scope="module")
def rows() -> dict[str, str]:
    """Column name -> the "also recognised" cell of its row in the column table."""
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([a-z_]+)` \|([^|]*)\|", text, flags=re.MULTILINE))


def test_every_column_has_a_row_with_its_spellings(rows: dict[str, str]) -> None:
    for column in (*OBJECTIVE_COLUMNS, *KR_COLUMNS):
        assert column in rows, column
        documented = {s.strip().lower() for s in rows[column].split(",") if s.strip()}
        assert documented == set(SYNONYMS.get(column, ())), column


def test_spellings_name_one_column_each() -> None:
    spellings = [s for synonyms in SYNONYMS.values() for s in synonyms]
    assert len(spellings) == len(set(spellings))
    assert all(IMPORT_COLUMNS[s] == c for c, synonyms in SYNONYMS.items() for s in synonyms)


def test_every_rule_is_documented() -> None:
    code = "".join(
        path.read_text(encoding="utf-8")
        for folder in ("adopt", "edit", "upkeep")
        for path in (ROOT / "okrsite_gen" / folder).glob("*.py")
    )
    used = set(re.findall(r'"((?:import|checkin)-[a-z-]+)"', code))
    table = set(re.findall(r"^\| `((?:import|checkin)-[a-z-]+)` \|", DOC.read_text(), re.M))
    assert used == table
