"""Health from progress against the share of the cycle gone on "today", and confidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.config import HealthThresholds
from okrsite_gen.graph import assess, elapsed_share

from .acme import company_graph, load_graph, write_company

START, END = date(2026, 1, 1), date(2026, 4, 11)  # 100 days


def state(progress: float, today: date, **kwargs: object) -> str:
    return assess(progress, today=today, start=START, end=END, **kwargs).state  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "share"),
    [
        (date(2025, 12, 1), 0.0),
        (date(2026, 1, 1), 0.0),
        (date(2026, 1, 11), 0.1),
        (date(2026, 2, 20), 0.5),
        (date(2026, 4, 11), 1.0),
        (date(2026, 6, 1), 1.0),
    ],
)
def test_elapsed_share(today: date, share: float) -> None:
    assert elapsed_share(START, END, today) == pytest.approx(share)


def test_no_dates_no_share() -> None:
    assert elapsed_share(None, END, START) is None


@pytest.mark.parametrize(
    ("progress", "today", "expected"),
    [
        (0.0, date(2025, 12, 20), "not-started"),  # before the cycle
        (0.0, date(2026, 1, 11), "not-started"),  # 10% in, nothing yet: gap under 0.15
        (0.05, date(2026, 1, 11), "on-track"),
        (0.0, date(2026, 1, 21), "at-risk"),  # 20% in, still nothing
        (0.5, date(2026, 2, 20), "on-track"),
        (0.4, date(2026, 2, 20), "on-track"),  # 0.1 behind
        (0.25, date(2026, 2, 20), "at-risk"),  # 0.25 behind
        (0.1, date(2026, 2, 20), "off-track"),  # 0.4 behind
        (0.8, date(2026, 4, 1), "on-track"),  # 0.1 behind 0.9
        (0.6, date(2026, 4, 1), "at-risk"),  # 0.3 behind 0.9
        (0.5, date(2026, 4, 11), "off-track"),  # cycle over, 0.5 behind
        (1.0, date(2026, 2, 20), "done"),
    ],
)
def test_committed_objective_against_the_calendar(
    progress: float, today: date, expected: str
) -> None:
    assert state(progress, today) == expected


def test_aspirational_objectives_aim_for_seventy_percent() -> None:
    midway = date(2026, 2, 20)
    # Expected at half-time: 0.35 for aspirational, 0.5 for committed.
    assert state(0.3, midway, kind="aspirational") == "on-track"
    assert state(0.3, midway, kind="committed") == "at-risk"
    end = date(2026, 4, 11)
    assert state(0.7, end, kind="aspirational") == "on-track"
    assert state(0.7, end, kind="committed") == "at-risk"


def test_confidence_only_makes_health_worse() -> None:
    midway = date(2026, 2, 20)
    assert state(0.6, midway, confidence=0.9) == "on-track"
    assert state(0.6, midway, confidence=0.4) == "at-risk"
    assert state(0.6, midway, confidence=0.2) == "off-track"
    assert state(0.1, midway, confidence=0.9) == "off-track"  # confident, but far behind
    health = assess(0.6, today=midway, start=START, end=END, confidence=0.4)
    assert health.reason.endswith("confidence 0.4")


def test_status_decides_first() -> None:
    midway = date(2026, 2, 20)
    assert state(0.1, midway, status="done") == "done"
    assert state(0.9, midway, status="dropped") == "dropped"
    assert state(0.1, midway, status="draft") == "not-started"


def test_a_pending_milestone_is_judged_by_confidence_until_due() -> None:
    midway = date(2026, 2, 20)
    assert state(0.0, midway, pending_milestone=True) == "on-track"
    assert state(0.0, midway, pending_milestone=True, confidence=0.4) == "at-risk"
    assert state(0.0, date(2026, 4, 12), pending_milestone=True) == "off-track"


def test_thresholds_are_configurable() -> None:
    strict = HealthThresholds(at_risk_gap=0.05, off_track_gap=0.1, low_confidence=0.8)
    midway = date(2026, 2, 20)
    assert state(0.44, midway, thresholds=strict) == "at-risk"
    assert state(0.39, midway, thresholds=strict) == "off-track"
    assert state(0.5, midway, thresholds=strict, confidence=0.7) == "at-risk"


def test_health_carries_its_figures() -> None:
    health = assess(0.25, today=date(2026, 2, 20), start=START, end=END)
    assert (health.state, health.label) == ("at-risk", "at risk")
    assert (health.elapsed, health.expected, health.gap) == (0.5, 0.5, 0.25)
    assert health.reason == "progress 0.25 against 0.5 expected: 0.25 behind"


@pytest.mark.parametrize(
    ("today", "scale", "dach", "grow"),
    [
        (date(2025, 12, 1), "not-started", "not-started", "not-started"),
        (date(2026, 1, 11), "on-track", "not-started", "on-track"),
        (date(2026, 2, 20), "on-track", "off-track", "on-track"),  # dach: 0 vs 0.35
        (date(2026, 4, 1), "at-risk", "off-track", "off-track"),  # 0.625 / 0.5 vs 0.9
        (date(2026, 4, 11), "off-track", "off-track", "off-track"),  # scale: 0.625 vs 1
    ],
)
def test_objective_health_in_the_graph_on_several_days(
    tmp_path: Path, today: date, scale: str, dach: str, grow: str
) -> None:
    graph = company_graph(tmp_path, today)
    assert graph.health("objective:T1/eng/scale").state == scale
    assert graph.health("objective:T1/sales/dach").state == dach  # aspirational, no value
    assert graph.health("objective:T1/acme/grow").state == grow  # 0.5
    assert graph.health("objective:T1/alice/runbooks").state == "done"


def test_objective_confidence_is_the_weighted_mean_of_its_krs(tmp_path: Path) -> None:
    objectives = {
        "T1/acme/o.md": "---\ntitle: O\nowner: acme\nkey_results:\n"
        "  - {id: a, title: A, progress: 0.5, confidence: 0.2}\n"
        "  - {id: b, title: B, progress: 0.5, confidence: 0.8, weight: 3}\n"
        "  - {id: c, title: C, progress: 0.5}\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    health = graph.health("objective:T1/acme/o")
    assert health.confidence == pytest.approx((0.2 + 3 * 0.8) / 4)  # 0.65: no downgrade
    assert health.state == "on-track"
    assert graph.health("kr:T1/acme/o#a").state == "off-track"  # its own confidence 0.2


def test_kr_health_runs_to_its_due_date(tmp_path: Path) -> None:
    objectives = {
        "T1/acme/o.md": "---\ntitle: O\nowner: acme\nkey_results:\n"
        "  - {id: early, title: E, baseline: 0, target: 10, current: 3, due: 2026-01-21}\n"
        "  - {id: late, title: L, baseline: 0, target: 10, current: 3}\n"
        "  - {id: ship, title: S, done: false, due: 2026-01-21}\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives), date(2026, 1, 11))
    early = graph.health("kr:T1/acme/o#early")
    assert (early.elapsed, early.state) == (0.5, "at-risk")  # 0.3 against 0.5 by the due date
    assert graph.health("kr:T1/acme/o#late").state == "on-track"  # 0.3 against 0.1
    assert graph.health("kr:T1/acme/o#ship").state == "on-track"  # milestone not yet due
    overdue = load_graph(tmp_path, date(2026, 1, 22))
    assert overdue.health("kr:T1/acme/o#ship").state == "off-track"
