"""Checked YAML values -> typed model records, with the defaults the design names."""

from __future__ import annotations

from ..model import (
    Checkin,
    Comment,
    Cycle,
    KeyResult,
    Loc,
    Objective,
    Org,
    Person,
    Theme,
    Unit,
)
from ..schema.check import Checked


def build_org(checked: Checked) -> Org:
    return Org(
        checked.loc,
        locs=checked.locs,
        name=checked.get("name", ""),
        mission=checked.get("mission", ""),
        vision=checked.get("vision", ""),
        themes=[
            Theme(
                c.loc,
                locs=c.locs,
                id=c.get("id", ""),
                title=c.get("title", ""),
                description=c.get("description", ""),
            )
            for c in checked.items.get("themes", [])
            if "id" in c.values
        ],
        cycles=[
            Cycle(
                c.loc,
                locs=c.locs,
                id=c.get("id"),
                start=c.get("start"),
                end=c.get("end"),
                title=c.get("title", ""),
            )
            for c in checked.items.get("cycles", [])
            if "id" in c.values
        ],
        units=[
            Unit(
                c.loc,
                locs=c.locs,
                id=c.get("id"),
                name=c.get("name", c.get("id")),
                parent=c.get("parent"),
                lead=c.get("lead"),
                description=c.get("description", ""),
            )
            for c in checked.items.get("units", [])
            if "id" in c.values
        ],
        people=[
            Person(
                c.loc,
                locs=c.locs,
                id=c.get("id"),
                name=c.get("name", c.get("id")),
                unit=c.get("unit"),
                handle=c.get("handle"),
                title=c.get("title", ""),
                email=c.get("email", ""),
            )
            for c in checked.items.get("people", [])
            if "id" in c.values
        ],
    )


def default_objective_id(okrs_relative_path: str) -> str:
    """`2026-Q4/platform/instant-checkout.md` -> `2026-Q4/platform/instant-checkout`."""
    stem, _, _ = okrs_relative_path.rpartition(".")
    return stem


def _checkin(c: Checked) -> Checkin:
    get = c.values.get  # a million look-ups in a large company: no method call each
    return Checkin(
        c.loc,
        locs=c.locs,
        date=get("date"),
        value=get("value"),
        confidence=get("confidence"),
        note=get("note", ""),
        by=get("by"),
        done=get("done"),
        progress=get("progress"),
    )


def _key_result(objective_id: str, index: int, c: Checked) -> KeyResult:
    get = c.values.get
    return KeyResult(
        c.loc,
        locs=c.locs,
        objective_id=objective_id,
        id=get("id") or f"kr{index + 1}",
        title=get("title", ""),
        index=index,
        unit=get("unit", ""),
        baseline=get("baseline"),
        target=get("target"),
        stretch=get("stretch"),
        current=get("current"),
        weight=get("weight", 1),
        confidence=get("confidence"),
        due=get("due"),
        owner=get("owner"),
        done=get("done"),
        progress=get("progress"),
        measured_by=get("measured_by"),
        checkins=[_checkin(item) for item in c.items.get("checkins", [])],
    )


def build_objective(
    checked: Checked, okrs_path: str, cycle_ids: set[str], body: str, body_line: int
) -> Objective:
    objective_id = checked.get("id") or default_objective_id(okrs_path)
    cycle = checked.get("cycle")
    if cycle is None:
        first_folder = okrs_path.split("/", 1)[0] if "/" in okrs_path else None
        if first_folder in cycle_ids:
            cycle = first_folder
    aligns_to = checked.get("aligns_to", [])
    origin = checked.get("origin") or ("cascaded" if aligns_to else "self-driven")
    return Objective(
        checked.loc,
        locs=checked.locs,
        id=objective_id,
        title=checked.get("title", ""),
        owner=checked.get("owner"),
        cycle=cycle,
        path=okrs_path,
        aligns_to=aligns_to,
        themes=checked.get("themes", []),
        kind=checked.get("kind", "committed"),
        origin=origin,
        status=checked.get("status", "active"),
        visibility=checked.get("visibility", "public"),
        contributors=checked.get("contributors", []),
        depends_on=checked.get("depends_on", []),
        tags=checked.get("tags", []),
        score=checked.get("score"),
        reflection=checked.get("reflection", ""),
        key_results=[
            _key_result(objective_id, index, item)
            for index, item in enumerate(checked.items.get("key_results", []))
        ],
        body=body or checked.get("description", ""),
        body_line=body_line if body else checked.locs.get("description", checked.loc).line,
    )


def build_comment(checked: Checked, body: str, body_line: int, where: Loc) -> Comment:
    return Comment(
        checked.loc if checked.loc.file else where,
        locs=checked.locs,
        objective=checked.get("objective", ""),
        author=checked.get("author", ""),
        date=checked.get("date"),
        kind=checked.get("kind", "feedback"),
        body=body,
        body_line=body_line,
    )
