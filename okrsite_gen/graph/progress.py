"""Progress of key results and objectives, each number carrying how it was computed.

The rules (documented for users in docs/scoring.md):

- metric KR: ``(current - baseline) / (target - baseline)``, so 0 at the baseline and 1 at
  the target in either direction (lower is better when target < baseline). The raw ratio
  is kept; the value used for bars and means is clamped to [0, 1]. Reaching the stretch
  value is reported as ``stretch_reached``. No current value yet: 0, "no value yet".
  ``current`` wins when written, otherwise the latest check-in that has a value.
- milestone KR: ``done: true`` is 1; otherwise its ``progress`` (0-1), otherwise 0. The
  KR's own fields win, otherwise the latest check-in that has ``done``/``progress``.
- ``measured_by`` KR: the progress of that objective (score included), computed first.
- objective: the weighted mean of its KRs' values; an explicit ``score`` replaces it
  ("set by hand"), the computed mean is kept beside it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import KeyResult, Objective

ProgressSource = Literal["metric", "milestone", "measured_by", "key_results", "score", "none"]
Verdict = Literal["met", "short", "success", "progress", "failed"]

# Google's reading of aspirational goals, which the company guidance follows.
ASPIRATIONAL_SUCCESS = 0.7
ASPIRATIONAL_PROGRESS = 0.4


@dataclass(frozen=True, slots=True)
class Part:
    """One key result's share of an objective's weighted mean."""

    ref: str
    weight: float
    progress: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a number was computed, for a page to show and a reader to check by hand.

    `formula` is the rule in words and symbols, `computation` the same with the numbers,
    `inputs` the named values it used (in a fixed order), `parts` the KRs of a weighted
    mean, `source` the ``measured_by`` objective id, `by_hand` True for an explicit score.
    """

    formula: str
    computation: str
    inputs: tuple[tuple[str, Any], ...] = ()
    parts: tuple[Part, ...] = ()
    source: str | None = None
    by_hand: bool = False
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "formula": self.formula,
            "computation": self.computation,
            "inputs": {name: _plain(value) for name, value in self.inputs},
            "parts": [
                {"ref": part.ref, "weight": part.weight, "progress": part.progress}
                for part in self.parts
            ],
            "source": self.source,
            "by_hand": self.by_hand,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress figure: `value` in [0, 1] for bars and means, and how it came about.

    `raw` is the unclamped ratio of a metric (may be below 0 or above 1). `computed` is,
    for an objective with an explicit score, the weighted mean the score replaced.
    """

    value: float
    source: ProgressSource
    explanation: Explanation
    raw: float | None = None
    stretch_reached: bool = False
    computed: float | None = None

    @property
    def target_reached(self) -> bool:
        return self.value >= 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "raw": self.raw,
            "source": self.source,
            "target_reached": self.target_reached,
            "stretch_reached": self.stretch_reached,
            "computed": self.computed,
            "explanation": self.explanation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read an objective's progress or score given its kind (committed/aspirational)."""

    verdict: Verdict
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"verdict": self.verdict, "text": self.text}


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def fmt(number: float) -> str:
    """A number as people write it: 1200, 0.5, 64.1 (no trailing .0, no float noise)."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.6g}"


_RAW_LIMIT = 1e9


def clamp(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


# Resolved KR inputs: the KR's own fields win, otherwise the latest check-in with a value.


def current_value(kr: KeyResult) -> tuple[float | None, str]:
    """The metric's latest value and where it came from (``current`` or a check-in date)."""
    if kr.current is not None:
        return kr.current, "current"
    for checkin in reversed(kr.checkins):
        if checkin.value is not None:
            return checkin.value, f"check-in {_plain(checkin.date)}"
    return None, ""


def confidence_of(kr: KeyResult) -> float | None:
    """The KR's confidence, or the latest check-in's."""
    if kr.confidence is not None:
        return kr.confidence
    return next((c.confidence for c in reversed(kr.checkins) if c.confidence is not None), None)


def milestone_state(kr: KeyResult) -> tuple[bool | None, float | None]:
    """(done, progress) of a milestone, from the KR or its latest check-in that has either."""
    if kr.done is not None or kr.progress is not None:
        return kr.done, kr.progress
    for checkin in reversed(kr.checkins):
        if checkin.done is not None or checkin.progress is not None:
            return checkin.done, checkin.progress
    return None, None


def kr_kind(kr: KeyResult) -> Literal["measured_by", "metric", "milestone", "none"]:
    """Which rule measures the KR; an ambiguous KR (a validator error) takes the first."""
    if kr.measured_by:
        return "measured_by"
    if kr.baseline is not None or kr.target is not None:
        return "metric"
    if milestone_state(kr) != (None, None):
        return "milestone"
    return "none"


# Key results


def metric_progress(kr: KeyResult) -> Progress:
    formula = "(current - baseline) / (target - baseline)"
    current, current_from = current_value(kr)
    inputs: tuple[tuple[str, Any], ...] = (
        ("baseline", kr.baseline),
        ("target", kr.target),
        ("stretch", kr.stretch),
        ("current", current),
    )
    if current_from.startswith("check-in"):
        inputs += (("current_from", current_from),)
    if kr.baseline is None or kr.target is None:
        return _zero("metric", formula, inputs, "needs both baseline and target")
    if kr.baseline == kr.target:
        return _zero("metric", formula, inputs, "baseline equals target")
    if current is None:
        return _zero("metric", formula, inputs, "no value yet")
    span, offset = kr.target - kr.baseline, current - kr.baseline
    if not (math.isfinite(span) and math.isfinite(offset)):  # values near the float limit
        span, offset = kr.target / 2 - kr.baseline / 2, current / 2 - kr.baseline / 2
    # A ratio of a huge offset to a tiny span is bounded: "a billion times the target".
    raw = max(-_RAW_LIMIT, min(_RAW_LIMIT, offset / span))
    value = clamp(raw)
    # Stretch lies beyond the target in the target's direction (span carries the sign).
    stretch_reached = kr.stretch is not None and (current - kr.stretch) * span >= 0
    notes: list[str] = []
    if stretch_reached:
        notes.append("stretch reached")
    elif value >= 1.0:
        notes.append("target reached")
    if raw != value:
        notes.append(f"clamped to {fmt(value)} from {fmt(round(raw, 4))}")
    computation = (
        f"({fmt(current)} - {fmt(kr.baseline)}) / ({fmt(kr.target)} - {fmt(kr.baseline)})"
        f" = {fmt(round(raw, 4))}"
    )
    return Progress(
        value,
        "metric",
        Explanation(formula, computation, inputs, notes=tuple(notes)),
        raw=raw,
        stretch_reached=stretch_reached,
    )


def milestone_progress(kr: KeyResult) -> Progress:
    done, given = milestone_state(kr)
    inputs = (("done", done), ("progress", given))
    if done:
        return Progress(1.0, "milestone", Explanation("done: 1, else progress", "done = 1", inputs))
    if given is not None:
        value = clamp(given)
        return Progress(
            value,
            "milestone",
            Explanation("done: 1, else progress", f"progress = {fmt(value)}", inputs),
        )
    return Progress(0.0, "milestone", Explanation("done: 1, else progress", "not done = 0", inputs))


def measured_progress(kr: KeyResult, measuring: Progress | None, reason: str = "") -> Progress:
    """A ``measured_by`` KR: the progress of the objective measuring it.

    `measuring` is None when that objective is missing or its progress depends on this KR
    (a loop); `reason` then says which, and the KR counts 0.
    """
    source = kr.measured_by
    formula = "progress of the measured_by objective"
    if measuring is None:
        explanation = Explanation(formula, "0", source=source, notes=(reason,))
        return Progress(0.0, "measured_by", explanation)
    explanation = Explanation(
        formula,
        f"progress of {source} = {fmt(round(measuring.value, 4))}",
        source=source,
        notes=("set by hand on that objective",) if measuring.source == "score" else (),
    )
    return Progress(
        measuring.value, "measured_by", explanation, stretch_reached=measuring.stretch_reached
    )


def _zero(source: ProgressSource, formula: str, inputs: tuple, note: str) -> Progress:
    return Progress(0.0, source, Explanation(formula, "0", inputs, notes=(note,)))


def kr_progress(kr: KeyResult, measuring: Progress | None = None, reason: str = "") -> Progress:
    """Progress of one KR; `measuring` is the progress of its ``measured_by`` objective."""
    kind = kr_kind(kr)
    if kind == "measured_by":
        return measured_progress(kr, measuring, reason)
    if kind == "metric":
        return metric_progress(kr)
    if kind == "milestone":
        return milestone_progress(kr)
    return _zero("none", "no metric, milestone or measured_by", (), "not measurable")


# Objectives


def objective_progress(objective: Objective, krs: Mapping[str, Progress]) -> Progress:
    """Weighted mean of the KRs' progress (`krs` by KR ref), or the explicit score."""
    parts = tuple(
        Part(kr.ref, float(kr.weight), krs[kr.ref].value)
        for kr in _unique_krs(objective)
        if kr.ref in krs
    )
    formula = "sum(weight x progress) / sum(weight)"
    total = sum(part.weight for part in parts)
    if not parts or total <= 0:
        mean = 0.0
        explanation = Explanation(formula, "0", parts=parts, notes=("no key results",))
    else:
        biggest = max(part.weight for part in parts)  # weights of 1e308 must not overflow
        mean = sum(p.weight / biggest * p.progress for p in parts) / sum(
            p.weight / biggest for p in parts
        )
        terms = " + ".join(f"{fmt(p.weight)} x {fmt(round(p.progress, 4))}" for p in parts)
        explanation = Explanation(
            formula, f"({terms}) / {fmt(total)} = {fmt(round(mean, 4))}", parts=parts
        )
    if objective.score is None:
        return Progress(mean, "key_results" if parts else "none", explanation)
    score = clamp(objective.score)
    by_hand = Explanation(
        "score set by hand",
        f"score = {fmt(score)} (key results say {fmt(round(mean, 4))})",
        inputs=(("score", objective.score),),
        parts=parts,
        by_hand=True,
        notes=("set by hand",),
    )
    return Progress(score, "score", by_hand, computed=mean)


def _unique_krs(objective: Objective) -> Iterator[KeyResult]:
    """The objective's KRs, first of each id (duplicates are a validator error)."""
    seen: set[str] = set()
    for kr in objective.key_results:
        if kr.id not in seen:
            seen.add(kr.id)
            yield kr


def reading(objective: Objective, progress: Progress) -> Reading:
    """Committed objectives must reach 1.0; for aspirational ones 0.7 is a success."""
    value = progress.value
    if objective.kind == "aspirational":
        if value >= ASPIRATIONAL_SUCCESS:
            return Reading(
                "success",
                f"{fmt(round(value, 2))}: a success for an aspirational objective (0.7 or more)",
            )
        if value >= ASPIRATIONAL_PROGRESS:
            return Reading(
                "progress",
                f"{fmt(round(value, 2))}: progress made, short of the 0.7 an aspirational objective aims for",
            )
        return Reading(
            "failed", f"{fmt(round(value, 2))}: an aspirational objective well short of 0.7"
        )
    if value >= 1.0:
        return Reading("met", "committed objective met (1.0)")
    return Reading(
        "short", f"{fmt(round(value, 2))}: short of the 1.0 a committed objective must reach"
    )


# Every objective and KR of a repository, in dependency order


@dataclass(slots=True)
class ProgressTable:
    """Progress of every objective (by id) and KR (by ref), each computed exactly once."""

    objectives: dict[str, Progress] = field(default_factory=dict)
    key_results: dict[str, Progress] = field(default_factory=dict)


def compute_progress(objectives: Mapping[str, Objective]) -> ProgressTable:
    """Progress of every objective, ``measured_by`` objectives before the KRs they measure.

    Iterative depth-first order (no recursion limit at any depth). A ``measured_by`` loop —
    an error the validator reports — does not hang or crash: the KR closing the loop
    counts 0 with the note "measured_by loop".
    """
    table = ProgressTable()
    visiting: set[str] = set()
    for root in sorted(objectives):
        if root in table.objectives:
            continue
        visiting.add(root)
        stack = [(root, _measuring_ids(objectives[root]))]
        while stack:
            objective_id, pending = stack[-1]
            for dep in pending:
                if dep in objectives and dep not in table.objectives and dep not in visiting:
                    visiting.add(dep)
                    stack.append((dep, _measuring_ids(objectives[dep])))
                    break
            else:
                stack.pop()
                visiting.discard(objective_id)
                _settle(objectives[objective_id], objectives, table)
    return table


def _measuring_ids(objective: Objective) -> Iterator[str]:
    return iter([kr.measured_by for kr in objective.key_results if kr.measured_by])


def _settle(
    objective: Objective, objectives: Mapping[str, Objective], table: ProgressTable
) -> None:
    for kr in _unique_krs(objective):
        measuring: Progress | None = None
        reason = ""
        if kr.measured_by:
            measuring = table.objectives.get(kr.measured_by)
            if kr.measured_by not in objectives:
                reason = f"measured_by objective {kr.measured_by} not found"
            elif measuring is None:
                reason = "measured_by loop"
        table.key_results[kr.ref] = kr_progress(kr, measuring, reason)
    table.objectives[objective.id] = objective_progress(objective, table.key_results)
