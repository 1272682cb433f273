"""Names in a spreadsheet -> ids in the repository.

Sheets say "Priya Raman", "@priyaraman", "Platform", "Q4 2026" or an objective's title
where files say `priya`, `platform`, `2026-Q4` or an objective id. `Directory` looks each
up in org.yaml and the objectives (id first, then case-insensitively by id, name, title or
handle) and answers None when nothing, or more than one thing, matches: the importer
reports those instead of guessing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..model import Repo


def _key(text: str) -> str:
    return " ".join(text.strip().lstrip("@").lower().split())


class _Lookup:
    """Exact ids first; then one case-insensitive table of ids and names."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.names: dict[str, set[str]] = defaultdict(set)

    def add(self, id_: str, *names: str | None) -> None:
        self.ids.add(id_)
        for name in (id_, *names):
            if name:
                self.names[_key(name)].add(id_)

    def find(self, text: str) -> str | None:
        if text in self.ids:
            return text
        found = self.names.get(_key(text), set())
        return next(iter(found)) if len(found) == 1 else None


class Directory:
    """Lookups over one repository, plus the objectives an import adds to it."""

    def __init__(self, repo: Repo) -> None:
        org = repo.org
        self.units = _Lookup()
        self.people = _Lookup()
        self.themes = _Lookup()
        self.objectives = _Lookup()
        self.cycle_ids: list[str] = [c.id for c in org.cycles] if org else []
        self.root_unit = next((u.id for u in org.units if not u.parent), None) if org else None
        self.unit_of_person: dict[str, str | None] = {}
        for unit in org.units if org else []:
            self.units.add(unit.id, unit.name)
        for person in org.people if org else []:
            self.people.add(person.id, person.name, person.handle)
            self.unit_of_person[person.id] = person.unit
        for theme in org.themes if org else []:
            self.themes.add(theme.id, theme.title)
        for objective in repo.objectives:
            self.objectives.add(objective.id, objective.title)

    @property
    def taken_ids(self) -> set[str]:
        """Unit and person ids share one namespace."""
        return self.units.ids | self.people.ids

    def owner(self, text: str) -> str | None:
        """A unit or person id; a unit wins when a name is both a unit's and a person's."""
        return self.units.find(text) or self.people.find(text)

    def person(self, text: str) -> str | None:
        return self.people.find(text)

    def theme(self, text: str) -> str | None:
        return self.themes.find(text)

    def objective(self, text: str) -> str | None:
        return self.objectives.find(text)

    def reference(self, text: str) -> str | None:
        """An objective id, or `objective#kr`, from an id or a unique title."""
        head, hash_, kr = text.partition("#")
        objective = self.objective(head.strip())
        if objective is None:
            return None
        return f"{objective}#{kr.strip()}" if hash_ else objective

    def cycle(self, text: str) -> str | None:
        """A cycle id from "2026-Q4", "2026-q4", "Q4 2026", "Q4/2026" or "2026 Q4"."""
        if text in self.cycle_ids:
            return text
        lowered = {c.lower(): c for c in self.cycle_ids}
        if text.strip().lower() in lowered:
            return lowered[text.strip().lower()]
        wanted = sorted(re.findall(r"[a-z]*\d+", text.lower()))
        matches = [
            c for c in self.cycle_ids if sorted(re.findall(r"[a-z]*\d+", c.lower())) == wanted
        ]
        return matches[0] if len(matches) == 1 else None


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"
