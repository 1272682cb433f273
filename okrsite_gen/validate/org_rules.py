"""Rules on org.yaml: ids, the unit tree, people, cycles."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Located, Org, Problem, Unit
from ..schema.check import did_you_mean
from .context import FileContext, org_check, problem


def _duplicates(records: list[Located], what: str) -> Iterator[Problem]:
    seen: dict[str, Located] = {}
    for record in records:
        record_id = record.id  # type: ignore[attr-defined]
        first = seen.setdefault(record_id, record)
        if first is not record:
            yield problem(
                "duplicate-id",
                record.at("id"),
                f"{what} id `{record_id}` is already used at {first.at('id')}",
                "Ids must be unique: rename one of them.",
            )


@org_check
def duplicate_org_ids(org: Org, ctx: FileContext) -> Iterator[Problem]:
    # Units and people share one namespace: an owner id must name exactly one thing.
    yield from _duplicates([*org.units, *org.people], "unit or person")
    yield from _duplicates(list(org.themes), "theme")
    yield from _duplicates(list(org.cycles), "cycle")


@org_check
def one_root_unit(org: Org, ctx: FileContext) -> Iterator[Problem]:
    if not org.units:
        return
    roots = [unit for unit in org.units if not unit.parent]
    if not roots:
        yield problem(
            "root-unit",
            org.at("units"),
            "no unit is the root: every unit has a parent",
            "Remove `parent` from the unit at the top of the org (the company).",
        )
    for extra in roots[1:]:
        yield problem(
            "root-unit",
            extra.loc,
            f"unit `{extra.id}` has no parent, but `{roots[0].id}` is already the root",
            f"Give it a parent, e.g. `parent: {roots[0].id}`.",
        )


@org_check
def unit_and_person_references(org: Org, ctx: FileContext) -> Iterator[Problem]:
    index = ctx.org
    for unit in org.units:
        if unit.parent and unit.parent not in index.units:
            yield problem(
                "unknown-unit",
                unit.at("parent"),
                f"unit `{unit.id}` has parent `{unit.parent}`, which is not a unit",
                did_you_mean(unit.parent, list(index.units)),
            )
        if unit.lead and unit.lead not in index.people:
            yield problem(
                "unknown-person",
                unit.at("lead"),
                f"lead `{unit.lead}` of unit `{unit.id}` is not a person in org.yaml",
                did_you_mean(unit.lead, list(index.people)),
            )
    for person in org.people:
        if person.unit and person.unit not in index.units:
            yield problem(
                "unknown-unit",
                person.at("unit"),
                f"person `{person.id}` is in unit `{person.unit}`, which does not exist",
                did_you_mean(person.unit, list(index.units)),
            )


@org_check
def units_form_a_tree(org: Org, ctx: FileContext) -> Iterator[Problem]:
    units: dict[str, Unit] = {}
    for unit in org.units:
        units.setdefault(unit.id, unit)  # the first of an id, as everywhere
    reported: set[str] = set()
    for start in units:
        seen: list[str] = []
        current: str | None = start
        while current in units and current not in seen:
            seen.append(current)
            current = units[current].parent
        if current in seen and current not in reported:
            loop = seen[seen.index(current) :]
            reported.update(loop)
            yield problem(
                "unit-cycle",
                units[current].at("parent"),
                f"units are their own ancestors: {' → '.join([*loop, current])}",
                "Fix one `parent` so the org is a tree.",
            )


@org_check
def cycle_dates(org: Org, ctx: FileContext) -> Iterator[Problem]:
    # ctx.org.cycles: the first cycle of each id (the records themselves, with positions).
    for cycle in ctx.org.cycles.values():
        if cycle.start and cycle.end and cycle.end < cycle.start:
            yield problem(
                "cycle-dates",
                cycle.at("end"),
                f"cycle `{cycle.id}` ends ({cycle.end}) before it starts ({cycle.start})",
                "Swap the dates or fix the typo.",
            )
