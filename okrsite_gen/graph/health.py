"""Health: is an objective or KR where it should be on `today`, given its cycle?

The rules (documented for users in docs/scoring.md), first match wins:

1. status ``dropped`` -> dropped; status ``done`` or progress 1.0 -> done;
   status ``draft`` -> not started.
2. The cycle has not begun on `today` -> not started.
3. ``expected = elapsed x goal``: `elapsed` is the share of the period gone
   (``(today - start) / (end - start)``, 0-1; a KR's period ends on its ``due`` date when
   it has one), `goal` is 1.0 for committed and 0.7 for aspirational objectives.
   ``gap = expected - progress``.
4. From the calendar: progress 0 while the gap is under ``at_risk_gap`` -> not started;
   gap >= ``off_track_gap`` -> off track; gap >= ``at_risk_gap`` -> at risk; else on
   track. A yes/no milestone before its due date is judged by confidence alone (it cannot
   be half done), and a period without dates too.
5. Confidence, when given, can only make it worse: below ``very_low_confidence`` -> off
   track; below ``low_confidence`` -> at risk at best.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ..config import HealthThresholds
from ..model import Kind, Status
from .progress import ASPIRATIONAL_SUCCESS, fmt

HealthState = Literal["on-track", "at-risk", "off-track", "done", "not-started", "dropped"]

HEALTH_STATES: tuple[HealthState, ...] = (
    "on-track",
    "at-risk",
    "off-track",
    "not-started",
    "done",
    "dropped",
)
HEALTH_LABELS: dict[HealthState, str] = {
    "on-track": "on track",
    "at-risk": "at risk",
    "off-track": "off track",
    "not-started": "not started",
    "done": "done",
    "dropped": "dropped",
}
# Module-level so function defaults share one immutable instance.
DEFAULT_THRESHOLDS = HealthThresholds()

# Worse states come later; confidence may only move a state towards the end of this list.
_SEVERITY = {"not-started": 0, "on-track": 1, "at-risk": 2, "off-track": 3}


@dataclass(frozen=True, slots=True)
class Health:
    """A health state with the figures behind it and a sentence saying why."""

    state: HealthState
    reason: str
    elapsed: float | None = None
    expected: float | None = None
    gap: float | None = None
    confidence: float | None = None

    @property
    def label(self) -> str:
        return HEALTH_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "label": self.label,
            "reason": self.reason,
            "elapsed": self.elapsed,
            "expected": self.expected,
            "gap": self.gap,
            "confidence": self.confidence,
        }


def elapsed_share(start: date | None, end: date | None, today: date) -> float | None:
    """Share of the period from `start` to `end` gone on `today`, 0-1; None without dates."""
    if start is None or end is None:
        return None
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days


def assess(
    progress: float,
    *,
    today: date,
    start: date | None,
    end: date | None,
    status: Status = "active",
    kind: Kind = "committed",
    confidence: float | None = None,
    pending_milestone: bool = False,
    thresholds: HealthThresholds = DEFAULT_THRESHOLDS,
) -> Health:
    """The health of one objective or KR. `today` is an input: never the clock."""
    if status == "dropped":
        return Health("dropped", "dropped", confidence=confidence)
    if status == "done" or progress >= 1.0:
        return Health(
            "done", "done" if status == "done" else "target reached", confidence=confidence
        )
    if status == "draft":
        return Health("not-started", "still a draft", confidence=confidence)
    if start is not None and today < start:
        return Health(
            "not-started", f"the cycle starts on {start.isoformat()}", confidence=confidence
        )
    elapsed = elapsed_share(start, end, today)
    if elapsed is None or (pending_milestone and elapsed < 1.0):
        state: HealthState = "on-track" if progress > 0 or pending_milestone else "not-started"
        why = "a milestone not yet due" if pending_milestone else "the cycle has no dates"
        return _with_confidence(Health(state, why, elapsed, confidence=confidence), thresholds)
    goal = ASPIRATIONAL_SUCCESS if kind == "aspirational" else 1.0
    expected = elapsed * goal
    gap = expected - progress
    behind = f"progress {fmt(round(progress, 2))} against {fmt(round(expected, 2))} expected"
    if progress <= 0 and gap < thresholds.at_risk_gap:
        state, why = "not-started", f"no progress yet, {fmt(round(elapsed * 100))}% of the way in"
    elif gap >= thresholds.off_track_gap:
        state, why = "off-track", f"{behind}: {fmt(round(gap, 2))} behind"
    elif gap >= thresholds.at_risk_gap:
        state, why = "at-risk", f"{behind}: {fmt(round(gap, 2))} behind"
    else:
        state, why = "on-track", behind
    return _with_confidence(Health(state, why, elapsed, expected, gap, confidence), thresholds)


def _with_confidence(health: Health, thresholds: HealthThresholds) -> Health:
    confidence = health.confidence
    if confidence is None:
        return health
    if confidence < thresholds.very_low_confidence:
        floor: HealthState = "off-track"
    elif confidence < thresholds.low_confidence:
        floor = "at-risk"
    else:
        return health
    if _SEVERITY[health.state] >= _SEVERITY[floor]:
        return health
    reason = f"{health.reason}; confidence {fmt(confidence)}"
    return Health(floor, reason, health.elapsed, health.expected, health.gap, confidence)
