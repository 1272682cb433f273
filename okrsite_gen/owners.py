"""Who answers for an objective, from the org chart: unit leads, managers, forge handles.

`okrsite codeowners` asks these people to review a file; `okrsite diff` lists them to
notify. Units and people share one id namespace, so an owner id names either.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Org, Person, Unit

__all__ = ["OrgChart", "mention"]


def mention(person: Person) -> str:
    """``@handle`` when the person has a forge handle, else their name (nobody is pinged)."""
    handle = (person.handle or "").strip().lstrip("@")
    return f"@{handle}" if handle else person.name


@dataclass(frozen=True, slots=True)
class OrgChart:
    """The units and people of org.yaml by id (the first of a duplicated id wins)."""

    units: dict[str, Unit]
    people: dict[str, Person]

    @classmethod
    def of(cls, org: Org | None) -> OrgChart:
        units: dict[str, Unit] = {}
        people: dict[str, Person] = {}
        for unit in org.units if org else []:
            units.setdefault(unit.id, unit)
        for person in org.people if org else []:
            people.setdefault(person.id, person)
        return cls(units, people)

    def name_of(self, owner: str | None) -> str:
        """Display name of a unit or person id; the id itself when it names nobody."""
        if owner in self.units:
            return self.units[owner].name
        if owner in self.people:
            return self.people[owner].name
        return owner or "nobody"

    def lead_of(self, unit_id: str | None) -> Person | None:
        """The unit's lead; for a unit without one, the nearest lead above it."""
        seen: set[str] = set()
        while unit_id in self.units and unit_id not in seen:
            seen.add(unit_id)  # org.yaml may loop (a validator error): stop, never hang
            unit = self.units[unit_id]
            if unit.lead in self.people:
                return self.people[unit.lead]
            unit_id = unit.parent
        return None

    def manager_of(self, person_id: str) -> Person | None:
        """The lead of the person's unit; for that unit's own lead, the lead above."""
        person = self.people.get(person_id)
        if person is None or person.unit not in self.units:
            return None
        lead = self.lead_of(person.unit)
        if lead is not None and lead.id == person.id:
            lead = self.lead_of(self.units[person.unit].parent)
        return lead

    def accountable(self, owner: str | None) -> list[Person]:
        """Who answers for what `owner` owns: a unit's lead, or the person."""
        if owner in self.units:
            return _present([self.lead_of(owner)])
        if owner in self.people:
            return [self.people[owner]]
        return []

    def reviewers(self, owner: str | None) -> list[Person]:
        """Who reviews a change to what `owner` owns: the unit's lead; for a person's
        objective, that person and their unit lead (their manager)."""
        if owner in self.people:
            return _present([self.people[owner], self.manager_of(owner)])
        return self.accountable(owner)


def _present(people: list[Person | None]) -> list[Person]:
    """The people given, without None and repeats, in order."""
    found: dict[str, Person] = {}
    for person in people:
        if person is not None:
            found.setdefault(person.id, person)
    return list(found.values())
