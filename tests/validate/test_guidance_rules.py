"""Warnings from the company's OKR guidance: focus, measurability, alignment, tracking."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Company, problems_of, where

Q3 = "content/okrs/2026-Q3"
Q4 = "content/okrs/2026-Q4"
LOAD_TEST = f"{Q3}/platform/load-test.md"
GROW = "content/okrs/2026/acme/grow.md"


def objective(title: str, owner: str = "bob", extra: str = "themes: [trust]") -> str:
    return (
        f"---\ntitle: {title}\nowner: {owner}\n{extra}\n"
        "key_results:\n  - {title: Done, done: false}\n---\n"
    )


def test_six_objectives_for_one_owner_in_one_cycle(company: Company) -> None:
    # bob already owns 2026-Q4/platform/pci.md; five more make six.
    result = company.check({f"{Q4}/bob/o{n}.md": objective(f"Goal {n}") for n in range(1, 6)})
    assert where(result.problems) == [("max-objectives", f"{Q4}/platform/pci.md", 3, 8)]
    assert result.problems[0].message == "`bob` owns 6 objectives in 2026-Q4 (guidance: at most 5)"


def test_five_objectives_are_fine_and_dropped_ones_do_not_count(company: Company) -> None:
    files = {f"{Q4}/bob/o{n}.md": objective(f"Goal {n}") for n in range(1, 5)}
    files[f"{Q4}/bob/o5.md"] = objective("Goal 5", extra="themes: [trust]\nstatus: dropped")
    assert company.check(files).problems == []


def test_objectives_in_other_cycles_do_not_count(company: Company) -> None:
    files = {f"{Q4}/bob/o{n}.md": objective(f"Goal {n}") for n in range(1, 5)}
    files[f"{Q3}/bob/o5.md"] = objective("Goal 5", extra="themes: [trust]\nstatus: done")
    assert company.check(files).problems == []


def test_focus_limits_come_from_okrsite_toml(company: Company) -> None:
    result = company.check(
        {"okrsite.toml": "[guidance]\nmax_objectives_per_owner = 1\nmax_key_results = 1\n"}
    )
    # Every owner has one objective per cycle; two objectives have more than one KR.
    assert where(result.problems) == [
        ("max-key-results", f"{Q4}/platform/instant-checkout.yaml", 29, 5),
        ("max-key-results", GROW, 10, 5),
    ]


def test_six_key_results(company: Company) -> None:
    krs = "".join(f"  - {{title: Step {n}, done: false}}\n" for n in range(1, 7))
    rel = f"{Q4}/platform/refunds.md"
    result = company.check(
        {rel: f"---\ntitle: Refunds\nowner: bob\nthemes: [trust]\nkey_results:\n{krs}---\n"}
    )
    assert where(result.problems) == [("max-key-results", rel, 11, 5)]


def test_no_key_results(company: Company) -> None:
    rel = f"{Q4}/platform/refunds.yaml"
    result = company.check({rel: "title: Refunds\nowner: bob\nthemes: [trust]\nkey_results: []\n"})
    assert where(result.problems) == [("no-key-results", rel, 4, 14)]


def test_draft_without_key_results_still_warns_but_dropped_does_not(company: Company) -> None:
    draft = f"{Q4}/platform/draft.yaml"
    dropped = f"{Q4}/platform/dropped.yaml"
    result = company.check(
        {
            draft: "title: Refunds\nowner: bob\nthemes: [trust]\nstatus: draft\n",
            dropped: "title: Old idea\nowner: bob\nstatus: dropped\n",
        }
    )
    assert where(result.problems) == [("no-key-results", draft, 1, 1)]


def test_key_result_that_measures_nothing(company: Company) -> None:
    rel = f"{Q4}/platform/refunds.md"
    result = company.check(
        {
            rel: "---\ntitle: Refunds\nowner: bob\nthemes: [trust]\nkey_results:\n"
            "  - title: Improve refunds\n    unit: hours\n    owner: bob\n---\n"
        }
    )
    assert where(result.problems) == [("kr-not-measurable", rel, 6, 5)]
    assert result.problems[0].severity == "warning"


def test_cascaded_objective_needs_a_parent(company: Company) -> None:
    rel = f"{Q4}/platform/refunds.md"
    result = company.check({rel: objective("Refunds", extra="origin: cascaded")})
    assert where(result.problems) == [("orphan-cascaded", rel, 4, 9)]


def test_self_driven_objective_still_needs_a_theme(company: Company) -> None:
    rel = f"{Q4}/platform/refunds.md"
    result = company.check({rel: objective("Refunds", extra="origin: self-driven")})
    assert where(result.problems) == [("no-line-to-vision", rel, 2, 1)]


@pytest.mark.parametrize(
    ("folder", "parent", "warns"),
    [
        ("2026-Q4", "2026/acme/grow", False),  # a quarter to its year: the normal cascade
        ("2026-Q3", "2026/acme/grow", False),
        ("2026-Q4", "2026-Q4/acme/delight", False),
        ("2026-Q3", "2026-Q4/acme/delight", True),  # last quarter to this one
        ("2026", "2026-Q4/acme/delight", True),  # a year to one of its quarters
        ("2027-Q1", "2026/acme/grow", True),  # next year's quarter to this year
        ("2026-Q4", "2026-Q3/platform/load-test", True),
    ],
)
def test_cross_cycle_alignment(company: Company, folder: str, parent: str, warns: bool) -> None:
    rel = f"content/okrs/{folder}/platform/refunds.md"
    result = company.check({rel: objective("Refunds", extra=f"aligns_to: [{parent}]")})
    expected = [("cross-cycle-alignment", rel, 4, 13)] if warns else []
    assert where(result.problems) == expected


def test_cross_cycle_message(company: Company) -> None:
    rel = f"{Q3}/platform/refunds.md"
    result = company.check(
        {rel: objective("Refunds", extra="aligns_to: [2026-Q4/acme/delight#nps]")}
    )
    (problem,) = problems_of(result, "cross-cycle-alignment")
    assert problem.message == (
        "aligns to `2026-Q4/acme/delight` of cycle 2026-Q4, but this objective is in 2026-Q3"
    )


def _untracked(rel: str = f"{Q4}/platform/refunds.md", status: str = "active") -> dict[str, str]:
    return {
        rel: "---\ntitle: Refunds\nowner: bob\nthemes: [trust]\n"
        f"status: {status}\nkey_results:\n"
        "  - {title: Hours to refund, baseline: 72, target: 24}\n---\n"
    }


@pytest.mark.parametrize(
    ("today", "warns"),
    [
        (date(2026, 10, 31), False),  # 30 days in: still the first month
        (date(2026, 11, 1), True),
        (date(2026, 9, 15), False),  # before the cycle
    ],
)
def test_metric_without_current_after_the_first_month(
    company: Company, today: date, warns: bool
) -> None:
    rel = f"{Q4}/platform/refunds.md"
    result = company.check(_untracked(rel), today=today)
    assert where(problems_of(result, "metric-untracked")) == (
        [("metric-untracked", rel, 7, 5)] if warns else []
    )


@pytest.mark.parametrize("status", ["draft", "done", "dropped"])
def test_only_active_objectives_need_tracking(company: Company, status: str) -> None:
    assert company.check(_untracked(status=status)).problems == []


def test_tracking_grace_comes_from_okrsite_toml(company: Company) -> None:
    files = _untracked() | {"okrsite.toml": "[guidance]\nuntracked_after_days = 60\n"}
    assert company.check(files).problems == []
