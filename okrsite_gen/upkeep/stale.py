"""Key results nobody has checked in for a while, grouped by who should.

A key result is tracked while its objective is `active` and its cycle is running on
"today" (finished and future cycles, drafts, done and dropped objectives are left alone).
Only metrics and milestones not yet done take check-ins (`measured_by` KRs follow their
objective). One is stale when its last check-in — or, with none, the start of its cycle —
is `days` or more days before today. It is listed under its own `owner`, else its
objective's owner; a unit's reminder goes to the unit's lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..graph.progress import kr_kind, milestone_state
from ..model import KeyResult, Objective, Org, Person, Repo, Unit
from ..render.text import forge_text

FORMATS = ("text", "markdown")


@dataclass(frozen=True, slots=True)
class StaleKr:
    objective: Objective
    kr: KeyResult
    last_checkin: date | None  # None: never checked in
    since: date  # the last check-in, or the cycle's start
    days: int  # since `since`, as of today


@dataclass(frozen=True, slots=True)
class Owner:
    """Who a reminder is for: the owner id, a display name and the handle to mention."""

    id: str
    name: str
    kind: str  # "person", "unit" or "unknown"
    handle: str | None = None  # the person's forge handle, or the unit lead's
    lead: str | None = None  # a unit's lead (a person's name)


@dataclass(slots=True)
class StaleReport:
    today: date
    days: int
    groups: list[tuple[Owner, list[StaleKr]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(krs) for _, krs in self.groups)


def stale_key_results(
    repo: Repo, today: date, days: int, include_private: bool = False
) -> StaleReport:
    """Every tracked KR with no check-in for `days` days as of `today`, by owner."""
    org = repo.org
    cycles = {cycle.id: cycle for cycle in org.cycles} if org else {}
    by_owner: dict[str, list[StaleKr]] = {}
    for objective in repo.objectives:
        cycle = cycles.get(objective.cycle or "")
        if (
            objective.status != "active"
            or (objective.visibility == "private" and not include_private)
            or cycle is None
            or cycle.start is None
            or cycle.end is None
            or not cycle.start <= today <= cycle.end
        ):
            continue
        for kr in objective.key_results:
            if not _takes_checkins(kr):
                continue
            # As of today: a check-in dated later did not exist yet on that day.
            dates = [c.date for c in kr.checkins if c.date is not None and c.date <= today]
            last = max(dates) if dates else None
            since = last or cycle.start
            waited = (today - since).days
            if waited >= days:
                owner = kr.owner or objective.owner or ""
                by_owner.setdefault(owner, []).append(StaleKr(objective, kr, last, since, waited))
    report = StaleReport(today, days)
    for owner_id in sorted(by_owner):
        krs = sorted(by_owner[owner_id], key=lambda s: (s.since, s.kr.ref))
        report.groups.append((_owner(org, owner_id), krs))
    return report


def _takes_checkins(kr: KeyResult) -> bool:
    kind = kr_kind(kr)
    if kind == "milestone":
        done, progress = milestone_state(kr)
        return not done and (progress is None or progress < 1)
    return kind == "metric"


def _owner(org: Org | None, owner_id: str) -> Owner:
    people: dict[str, Person] = {p.id: p for p in org.people} if org else {}
    units: dict[str, Unit] = {u.id: u for u in org.units} if org else {}
    if owner_id in people:
        person = people[owner_id]
        return Owner(owner_id, person.name, "person", person.handle)
    if owner_id in units:
        unit = units[owner_id]
        lead = people.get(unit.lead or "")
        return Owner(
            owner_id,
            unit.name,
            "unit",
            lead.handle if lead else None,
            lead.name if lead else None,
        )
    return Owner(owner_id, owner_id or "(no owner)", "unknown")


def _ago(item: StaleKr) -> str:
    if item.last_checkin is None:
        return f"no check-in yet; the cycle started {item.since} ({item.days} days ago)"
    return f"last check-in {item.last_checkin} ({item.days} days ago)"


def _who(owner: Owner, mention: bool) -> str:
    """`@handle (Name)` in Markdown, so the forge notifies them; `Name (@handle)` in text."""

    def person(name: str, handle: str | None) -> str:
        if not handle:
            return f"{name} (no forge handle)"
        return f"@{handle} ({name})" if mention else f"{name} (@{handle})"

    if owner.kind == "person":
        return person(owner.name, owner.handle)
    if owner.kind == "unit":
        if owner.lead is None:
            return f"{owner.name} (unit without a lead)"
        return f"{owner.name} (unit; lead {person(owner.lead, owner.handle)})"
    return f"{owner.name} (not in org.yaml)"


def _headline(report: StaleReport) -> str:
    if not report.groups:
        return (
            f"No key result has gone {report.days} days without a check-in (as of {report.today})."
        )
    krs = "key result" if report.count == 1 else "key results"
    owners = "owner" if len(report.groups) == 1 else "owners"
    return (
        f"{report.count} {krs} of {len(report.groups)} {owners} with no check-in for "
        f"{report.days} days or more (as of {report.today})."
    )


def as_text(report: StaleReport) -> str:
    """Plain text for a terminal or a chat message."""
    lines = [_headline(report)]
    for owner, krs in report.groups:
        lines += ["", f"{owner.id}: {_who(owner, mention=False)}"]
        lines += [f"  {item.kr.ref}  {item.kr.title}\n    {_ago(item)}" for item in krs]
    return "\n".join(lines) + "\n"


def as_markdown(report: StaleReport) -> str:
    """Markdown for an issue or a pull-request comment; handles are @-mentions."""
    lines = ["## Key results waiting for a check-in", "", _headline(report)]
    if report.groups:
        lines += [
            "",
            "Record a value with `okrsite checkin OBJECTIVE#KR VALUE` "
            "(or `--done` / `--progress P` for a milestone).",
        ]
    for owner, krs in report.groups:
        lines += ["", f"### {_who(owner, mention=True)}", ""]
        lines += [
            f"- [ ] `{item.kr.ref}` {forge_text(item.kr.title)} — {_ago(item)}" for item in krs
        ]
    return "\n".join(lines) + "\n"
