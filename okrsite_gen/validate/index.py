"""Look-ups every rule needs, built once per run from the loaded repository."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Cycle, KeyResult, Objective, Person, Repo, Theme, Unit


@dataclass(slots=True)
class Index:
    repo: Repo
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    cycles: dict[str, Cycle] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    key_results: dict[str, KeyResult] = field(default_factory=dict)  # by "objective#kr"
    owners: set[str] = field(default_factory=set)  # unit and person ids: one namespace

    @classmethod
    def of(cls, repo: Repo) -> Index:
        index = cls(repo)
        org = repo.org
        if org is not None:
            # First one wins: duplicates are reported by their own rule.
            for unit in org.units:
                index.units.setdefault(unit.id, unit)
            for person in org.people:
                index.people.setdefault(person.id, person)
            for theme in org.themes:
                index.themes.setdefault(theme.id, theme)
            for cycle in org.cycles:
                index.cycles.setdefault(cycle.id, cycle)
        for objective in repo.objectives:
            index.objectives.setdefault(objective.id, objective)
            # Every file's KRs, not only the first's of a duplicated id: a reference to
            # one of them is not "unresolved" (the duplicate id is reported on its own).
            for kr in objective.key_results:
                index.key_results.setdefault(kr.ref, kr)
        index.owners = index.units.keys() | index.people.keys()
        return index

    def key_result(self, ref: str) -> KeyResult | None:
        return self.key_results.get(ref)

    def resolves(self, ref: str) -> bool:
        """True when `ref` is an objective id, or `objective-id#kr-id` of an existing KR."""
        if "#" in ref:
            return self.key_result(ref) is not None
        return ref in self.objectives

    def all_refs(self) -> list[str]:
        refs = list(self.objectives)
        for objective in self.repo.objectives:
            refs.extend(kr.ref for kr in objective.key_results)
        return refs
