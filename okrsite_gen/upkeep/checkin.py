"""Check-ins as in-place edits of objective files.

A check-in appends `{date, value, confidence, note, by}` (or `done`/`progress` for a
milestone) to the key result's `checkins` and moves its `current` (or `done`/`progress`)
to the new value. When the KR states its own `confidence`, that is updated too, since the
KR's own confidence wins over its check-ins' in the health figures. Every other byte of
the file stays as it was (see `edit.yaml_text`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..edit.cells import CellError, Number, parse_bool, parse_date, parse_fraction, parse_number
from ..edit.changes import read_exactly
from ..edit.table import Row, Table
from ..edit.yaml_text import EditError, YamlText, scalar
from ..model import KeyResult, Loc, Objective, Problem, Repo
from ..schema.fields import CHECKIN, KEY_RESULT

# Where a check-in typed as command-line arguments "is", for its problems.
ARGUMENTS = "command line"
ON_COMMAND_LINE = Loc(ARGUMENTS)

# Header spellings of `okrsite checkin --from FILE.csv`, normalised (see edit.cells).
CHECKIN_COLUMNS: dict[str, str] = {
    "kr": "ref",
    "ref": "ref",
    "key result": "ref",
    "objective#kr": "ref",
    "kr ref": "ref",
    "objective": "objective",
    "objective id": "objective",
    "kr id": "kr_id",
    "key result id": "kr_id",
    "value": "value",
    "current": "value",
    "actual": "value",
    "date": "date",
    "day": "date",
    "as of": "date",
    "confidence": "confidence",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "by": "by",
    "who": "by",
    "done": "done",
    "completed": "done",
    "progress": "progress",
    "% complete": "progress",
}


@dataclass(frozen=True, slots=True)
class CheckinRequest:
    """One check-in to record: on the KR `ref` (objective-id#kr-id), on `date`."""

    ref: str
    date: date
    value: Number | None = None
    done: bool | None = None
    progress: float | None = None
    confidence: float | None = None
    note: str = ""
    by: str | None = None
    where: Loc = ON_COMMAND_LINE


@dataclass(slots=True)
class CheckinPlan:
    """The new text of each file touched, and the problems that stop a check-in."""

    changes: dict[str, str] = field(default_factory=dict)
    applied: list[CheckinRequest] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _error(where: Loc, rule: str, message: str, hint: str = "") -> Problem:
    return Problem(rule, "error", where, message, hint)


def plan_checkins(
    root: Path, repo: Repo, requests: Sequence[CheckinRequest], today: date
) -> CheckinPlan:
    """Edit the files of the KRs checked in; nothing is written here. A check-in dated
    after `today` is refused: a value cannot be known before its day."""
    plan = CheckinPlan()
    objectives = {objective.id: objective for objective in repo.objectives}
    by_file: dict[str, list[tuple[CheckinRequest, Objective, KeyResult]]] = defaultdict(list)
    for request in requests:
        if request.date > today:
            plan.problems.append(
                _error(
                    request.where,
                    "checkin-date",
                    f"check-in dated {request.date}, after today ({today})",
                    "Give the day the value was measured (--date, or the `date` column).",
                )
            )
            continue
        found = _resolve(request, objectives, plan.problems)
        if found:
            by_file[found[0].loc.file].append((request, *found))
    for rel, items in sorted(by_file.items()):
        text = read_exactly(root / rel)
        try:
            document = YamlText.parse(text, rel)
            for _, _, kr in items:  # before any edit moves the lines
                if document.line_of(document.mapping_at(("key_results", kr.index))) != kr.loc.line:
                    # The loader read this KR elsewhere (a `<<:` merge, say): do not guess.
                    raise EditError(f"key result `{kr.id}` is not where the loader read it")
            # Oldest first, as the file lists them; the latest check-in sets `current`.
            ordered = sorted(items, key=lambda item: item[0].date)
            for request, _objective, kr in ordered:
                _apply(document, kr, request)
        except EditError as error:
            plan.problems.append(
                _error(Loc(rel), "checkin-edit", f"cannot edit this file in place: {error}")
            )
            continue
        plan.changes[rel] = document.text
        plan.applied += [request for request, _, _ in ordered]
    return plan


def _resolve(
    request: CheckinRequest, objectives: dict[str, Objective], problems: list[Problem]
) -> tuple[Objective, KeyResult] | None:
    objective_id, _, kr_id = request.ref.partition("#")
    objective = objectives.get(objective_id)
    if objective is None or not kr_id:
        problems.append(
            _error(
                request.where,
                "checkin-unknown-kr",
                f"`{request.ref}` names no key result",
                "Write objective-id#kr-id, e.g. 2026-Q4/platform/edge-cache#p95 "
                "(the ids are on each objective's page and in `okrsite export`).",
            )
        )
        return None
    kr = objective.key_result(kr_id)
    if kr is None:
        known = ", ".join(k.id for k in objective.key_results) or "none"
        problems.append(
            _error(
                request.where,
                "checkin-unknown-kr",
                f"objective `{objective_id}` has no key result `{kr_id}`",
                f"Its key results: {known}.",
            )
        )
        return None
    problem = _kind_problem(request, kr)
    if problem:
        problems.append(problem)
        return None
    return objective, kr


def _kind_problem(request: CheckinRequest, kr: KeyResult) -> Problem | None:
    """A check-in must fit its KR: a value for a metric, done/progress for a milestone."""
    milestone_given = request.done is not None or request.progress is not None
    if kr.measured_by is not None:
        message = f"`{kr.ref}` takes its progress from `{kr.measured_by}`"
        hint = "Check in on that objective's key results instead."
    elif kr.is_metric:
        if request.value is not None and not milestone_given:
            return None
        message = f"`{kr.ref}` is a metric: it needs a value, and no --done or --progress"
        hint = f"e.g. okrsite checkin {kr.ref} 455"
    elif kr.is_milestone:
        if milestone_given and request.value is None:
            return None
        message = f"`{kr.ref}` is a milestone: it takes --done or --progress, not a value"
        hint = f"e.g. okrsite checkin {kr.ref} --progress 0.5"
    else:
        message = f"`{kr.ref}` has neither baseline/target nor done/progress"
        hint = "Make it measurable in its file first (docs/format.md, Key results)."
    return _error(request.where, "checkin-kind", message, hint)


def _apply(document: YamlText, kr: KeyResult, request: CheckinRequest) -> None:
    path = ("key_results", kr.index)
    order = KEY_RESULT.names
    if request.value is not None:
        document.set_value(path, "current", scalar(request.value), order)
    if request.done is not None:
        document.set_value(path, "done", scalar(request.done), order)
        if request.done and kr.progress is not None:
            document.set_value(path, "progress", scalar(1.0), order)
    if request.progress is not None:
        document.set_value(path, "progress", scalar(request.progress), order)
        if kr.done and request.progress < 1:  # reopened: `done: true` would win
            document.set_value(path, "done", scalar(False), order)
    if request.confidence is not None and kr.confidence is not None:
        document.set_value(path, "confidence", scalar(request.confidence), order)
    given = {
        "date": request.date,
        "value": request.value,
        "confidence": request.confidence,
        "note": request.note or None,
        "by": request.by,
        "done": request.done,
        "progress": request.progress,
    }
    # In the documented field order, as people write them: {date, value, confidence, ...}.
    entry = [(name, given[name]) for name in CHECKIN.names if given.get(name) is not None]
    document.append_item(path, "checkins", entry, order)
    _verify(document, kr, dict(entry))


def _verify(document: YamlText, kr: KeyResult, entry: dict[str, object]) -> None:
    """Read the edited YAML back: the new check-in must be the KR's last, as meant."""
    data = yaml.safe_load(document.text[document.start : document.end])
    written = data["key_results"][kr.index]
    if written.get("checkins", [])[-1] != entry:  # pragma: no cover - a bug, not bad input
        raise EditError("the check-in did not read back as written")


# Check-ins from a CSV file


def requests_from_table(
    table: Table, default_date: date, default_by: str | None = None
) -> tuple[list[CheckinRequest], list[Problem]]:
    """One request per row: `kr` (objective-id#kr-id) or `objective` + `kr id` columns,
    `value` or `done`/`progress`, and optional `date`, `confidence`, `note`, `by`."""
    problems = list(table.problems)
    if "ref" not in table.fields and not {"objective", "kr_id"} <= set(table.fields):
        problems.append(
            _error(
                Loc(table.file),
                "import-column",
                "no `kr` column (objective-id#kr-id), nor `objective` and `kr id` columns",
                "Name a column `kr` and fill it with ids such as 2026-Q4/platform/edge-cache#p95.",
            )
        )
        return [], problems
    requests = []
    for row in table.rows:
        request = _request_from_row(row, default_date, default_by, problems)
        if request is not None:
            requests.append(request)
    return requests, problems


def _request_from_row(
    row: Row, default_date: date, default_by: str | None, problems: list[Problem]
) -> CheckinRequest | None:
    ref = row.get("ref")
    if "#" not in ref and row.get("objective"):
        ref = f"{row.get('objective')}#{ref or row.get('kr_id')}"
    values: dict[str, object] = {}
    readers = {
        "value": lambda text: parse_number(text)[0],
        "date": parse_date,
        "confidence": lambda text: parse_fraction(text)[0],
        "done": parse_bool,
        "progress": lambda text: parse_fraction(text)[0],
    }
    for name, reader in readers.items():
        text = row.get(name)
        if not text:
            continue
        try:
            values[name] = reader(text)
        except CellError as error:
            problems.append(_error(row.at(name), "import-value", error.message, error.hint))
            return None
    return CheckinRequest(
        ref=ref,
        date=values.pop("date", default_date),  # type: ignore[arg-type]
        note=row.get("note"),
        by=row.get("by") or default_by,
        where=row.at(),
        **values,  # type: ignore[arg-type]
    )
