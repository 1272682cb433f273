"""Key result rules: a metric needs baseline and target, a stretch goes beyond the target,
a KR is one kind only — and one mistake is reported once."""

from __future__ import annotations

import pytest

from tests.conftest import Company, where

NEW = "content/okrs/2026-Q4/platform/refunds.md"


def refunds(*kr_lines: str) -> str:
    """An objective file with one KR made of `kr_lines` (written under `- title: ...`)."""
    fields = "".join(f"    {line}\n" for line in kr_lines)
    return (
        "---\ntitle: Refund shoppers within a day\nowner: bob\nthemes: [trust]\n"
        f"key_results:\n  - title: Hours to refund, from 72 to 24\n{fields}---\n"
    )


@pytest.mark.parametrize(
    ("kr_lines", "problem"),
    [
        (["target: 24", "current: 30"], ("metric-incomplete", 7, 13)),
        (["baseline: 72"], ("metric-incomplete", 7, 15)),
        (["current: 30"], ("metric-incomplete", 7, 14)),
        (["stretch: 12", "current: 30"], ("metric-incomplete", 7, 14)),
    ],
    ids=["no-baseline", "no-target", "current-only", "stretch-only"],
)
def test_metric_incomplete_points_at_the_first_metric_value(
    company: Company, kr_lines: list[str], problem: tuple[str, int, int]
) -> None:
    result = company.check({NEW: refunds(*kr_lines)})
    assert where(result.problems) == [(problem[0], NEW, problem[1], problem[2])]


def test_metric_incomplete_names_what_is_missing(company: Company) -> None:
    result = company.check({NEW: refunds("current: 30")})
    assert result.problems[0].message == "metric KR `kr1` has no baseline and no target"


@pytest.mark.parametrize(
    ("kr_lines", "ok"),
    [
        (["baseline: 72", "target: 24", "stretch: 12", "current: 50"], True),  # lower is better
        (["baseline: 10", "target: 40", "stretch: 60", "current: 20"], True),  # higher is better
        (["baseline: 72", "target: 24", "stretch: 24", "current: 50"], False),  # at the target
        (["baseline: 10", "target: 40", "stretch: 35", "current: 20"], False),
        (["baseline: -5", "target: 0", "stretch: 2", "current: -1"], True),
    ],
    ids=["lower-better", "higher-better", "equal", "short-of-target", "negative"],
)
def test_stretch_goes_beyond_the_target(company: Company, kr_lines: list[str], ok: bool) -> None:
    result = company.check({NEW: refunds(*kr_lines)})
    assert where(result.problems) == ([] if ok else [("stretch-wrong-side", NEW, 9, 14)])


def test_stretch_message_says_which_way(company: Company) -> None:
    result = company.check(
        {NEW: refunds("baseline: 10", "target: 40", "stretch: 35", "current: 20")}
    )
    assert result.problems[0].message == "KR `kr1`: stretch 35 is not above target 40"


def test_flat_metric_is_not_also_a_stretch_problem(company: Company) -> None:
    result = company.check(
        {NEW: refunds("baseline: 24", "target: 24", "stretch: 12", "current: 30")}
    )
    assert where(result.problems) == [("metric-flat", NEW, 8, 13)]


@pytest.mark.parametrize(
    ("kr_lines", "kinds"),
    [
        (["done: false", "measured_by: 2026-Q4/platform/pci"], "a milestone and a measured_by"),
        (["progress: 0.4", "current: 3"], "a metric and a milestone"),
        (
            [
                "baseline: 1",
                "target: 2",
                "current: 1",
                "done: true",
                "measured_by: 2026-Q4/platform/pci",
            ],
            "a metric and a milestone and a measured_by",
        ),
    ],
)
def test_a_key_result_is_one_kind(company: Company, kr_lines: list[str], kinds: str) -> None:
    result = company.check({NEW: refunds(*kr_lines)})
    ambiguous = [p for p in result.problems if p.rule == "kr-ambiguous"]
    assert where(ambiguous) == [("kr-ambiguous", NEW, 6, 5)]
    assert f"is both {kinds}:" in ambiguous[0].message


@pytest.mark.parametrize(
    ("line", "rule", "col"),
    [
        ("target: 45%", "wrong-type", 13),
        ("target: 24 h", "wrong-type", 13),
        ("target: .nan", "out-of-range", 13),
        ("target: [24]", "wrong-type", 13),
    ],
)
def test_a_refused_target_is_reported_once(
    company: Company, line: str, rule: str, col: int
) -> None:
    # Not "metric KR has no target" on top: the user did write one.
    result = company.check({NEW: refunds("baseline: 72", line, "current: 48")})
    assert where(result.problems) == [(rule, NEW, 8, col)]


def test_a_refused_current_is_not_also_untracked(company: Company) -> None:
    result = company.check({NEW: refunds("baseline: 72", "target: 24", "current: about 48")})
    assert where(result.problems) == [("wrong-type", NEW, 9, 14)]


def test_a_refused_milestone_is_not_also_unmeasurable(company: Company) -> None:
    result = company.check({NEW: refunds("progress: 40%")})
    assert where(result.problems) == [("wrong-type", NEW, 7, 15)]
    assert result.problems[0].hint == "Write a plain number: `progress: 0.4`."
