"""Due dates and check-ins fall inside the objective's own cycle, oldest first."""

from __future__ import annotations

import pytest

from tests.conftest import Company, where

NEW = "content/okrs/2026-Q4/platform/refunds.md"
ANNUAL = "content/okrs/2026/platform/refunds.md"


def milestone(*kr_lines: str) -> str:
    fields = "".join(f"    {line}\n" for line in kr_lines)
    return (
        "---\ntitle: Refund shoppers within a day\nowner: bob\nthemes: [trust]\n"
        f"key_results:\n  - title: Refund bot live\n    done: false\n{fields}---\n"
    )


@pytest.mark.parametrize(
    ("due", "ok"),
    [
        ("2026-10-01", True),  # first day of 2026-Q4
        ("2026-12-31", True),  # last day
        ("2026-09-30", False),
        ("2027-01-01", False),
        ("'2027-01-01'", False),  # quoted dates are dates too
    ],
)
def test_due_date_inside_the_cycle(company: Company, due: str, ok: bool) -> None:
    result = company.check({NEW: milestone(f"due: {due}")})
    assert where(result.problems) == ([] if ok else [("due-outside-cycle", NEW, 8, 10)])


def test_annual_objective_may_be_due_any_day_of_the_year(company: Company) -> None:
    result = company.check({ANNUAL: milestone("due: 2026-03-15")})
    assert result.problems == []
    result = company.check({ANNUAL: milestone("due: 2027-03-15")})
    assert where(result.problems) == [("due-outside-cycle", ANNUAL, 8, 10)]
    assert (
        result.problems[0].hint
        == "2026 runs 2026-01-01 to 2026-12-31: move the due date inside it."
    )


def test_check_ins_outside_the_cycle_and_out_of_order(company: Company) -> None:
    result = company.check(
        {
            NEW: milestone(
                "checkins:",
                "  - {date: 2026-09-30, progress: 0.1}",
                "  - {date: 2026-10-20, progress: 0.3}",
                "  - {date: 2026-10-20, progress: 0.4, note: same day is fine}",
                "  - {date: 2026-10-05, progress: 0.2}",
            )
        }
    )
    assert where(result.problems) == [
        ("checkin-outside-cycle", NEW, 9, 16),
        ("checkin-order", NEW, 12, 16),
    ]


def test_check_in_with_a_bad_date_is_reported_once(company: Company) -> None:
    result = company.check(
        {NEW: milestone("checkins:", "  - {date: 2026-10-12}", "  - {date: 2026-31-10}")}
    )
    assert where(result.problems) == [("wrong-type", NEW, 10, 16)]


def test_dates_of_an_unknown_cycle_are_not_judged(company: Company) -> None:
    result = company.check(
        {NEW: milestone("due: 2031-01-01").replace("owner: bob", "owner: bob\ncycle: 2031")}
    )
    assert [p.rule for p in result.problems] == ["unknown-cycle"]
