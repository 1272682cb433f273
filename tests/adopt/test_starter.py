"""The starter repository of `okrsite init`: clean under `check`, whatever the answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.adopt.starter import (
    cycle_span,
    quarter_of,
    starter,
    starter_files,
    write_new_files,
)
from okrsite_gen.pipeline import check_repo


@pytest.mark.parametrize(
    ("cycle", "span"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026-H2", (date(2026, 7, 1), date(2026, 12, 31))),
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2028-q1", (date(2028, 1, 1), date(2028, 3, 31))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_cycle_spans(cycle: str, span: tuple[date, date]) -> None:
    assert cycle_span(cycle) == span


@pytest.mark.parametrize("cycle", ["Q4", "2026-Q5", "2026-H3", "FY26", "2026-10"])
def test_other_cycles_are_refused_with_the_forms_accepted(cycle: str) -> None:
    with pytest.raises(ValueError, match="2026-H1 or 2026-Q4"):
        cycle_span(cycle)


def test_the_default_cycle_is_the_quarter_of_today() -> None:
    assert quarter_of(date(2026, 11, 23)) == "2026-Q4"
    assert quarter_of(date(2027, 1, 1)) == "2027-Q1"


@pytest.mark.parametrize(
    ("name", "mission", "cycle", "today"),
    [
        (None, None, "2026-Q4", date(2026, 11, 23)),
        ("Acme: Sons & Daughters", "Make #1 'everything'", "2026", date(2026, 2, 1)),
        ("株式会社", "yes", "2027-h1", date(2027, 6, 30)),
    ],
)
def test_the_starter_passes_check_without_a_warning(
    tmp_path: Path, name: str | None, mission: str | None, cycle: str, today: date
) -> None:
    answers = starter(name, mission, cycle)
    _, kept = write_new_files(tmp_path, starter_files(answers))
    assert kept == []
    result = check_repo(tmp_path, today)
    assert result.problems == []
    assert result.repo.org is not None
    assert result.repo.org.name == (name or "Example Co")
    assert result.repo.org.mission == (mission or "TODO: why the company exists, in one sentence.")
    assert [c.id for c in result.repo.org.cycles] == [answers.cycle]
    assert len(result.repo.objectives) == 1


def test_existing_files_are_kept(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n", encoding="utf-8")
    written, kept = write_new_files(tmp_path, starter_files(starter(None, None, "2026-Q4")))
    assert kept == [".gitignore"]
    assert ".gitignore" not in written
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n"
