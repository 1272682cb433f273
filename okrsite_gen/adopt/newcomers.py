"""Names a spreadsheet uses that org.yaml does not know: listed, or added on request.

An import never invents a unit or a person silently. Each unknown name is collected with
the rows that use it; without `create` it is an error naming those rows. With `create`
it gets an id and is appended to org.yaml, in place (comments and order kept): an
objective's owner as a unit under the root unit, anyone else (a key result's owner, a
contributor) as a person in the unit of the objective that first names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..edit.yaml_text import YamlText
from ..model import Loc, Problem
from ..scaffold import slugify
from ..schema.fields import ORG
from .names import Directory, unique_id

Kind = Literal["unit", "person"]


@dataclass(slots=True)
class Newcomer:
    text: str  # the name as the sheet writes it
    kind: Kind
    where: list[Loc] = field(default_factory=list)
    id: str = ""
    near: str | None = None  # the owner of the objective that first names them


class Newcomers:
    def __init__(self, names: Directory, create: bool) -> None:
        self.names = names
        self.create = create
        self.found: dict[str, Newcomer] = {}

    def id_for(self, text: str, where: Loc, kind: Kind, near: str | None) -> str | None:
        """The id an unknown name gets (None unless `create`), noting where it is used."""
        newcomer = self.found.setdefault(" ".join(text.lower().split()), Newcomer(text, kind))
        newcomer.where.append(where)
        newcomer.near = newcomer.near or near
        if kind == "unit":
            newcomer.kind = "unit"  # owns an objective somewhere: a unit, not a person
        if not self.create:
            return None
        if not newcomer.id:
            # Ids are ASCII slugs; a name without a Latin letter or digit gets a neutral one.
            base = slugify(text) if re.search(r"[A-Za-z0-9]", text) else kind
            taken = self.names.taken_ids | {n.id for n in self.found.values() if n.id}
            newcomer.id = unique_id(base, taken)
        return newcomer.id

    def problems(self) -> list[Problem]:
        """An error per unknown name, or (with `create`) a warning per name added."""
        result = []
        for newcomer in self.found.values():
            numbers = sorted({loc.line for loc in newcomer.where})
            lines = ("line " if len(numbers) == 1 else "lines ") + ", ".join(map(str, numbers))
            if self.create:
                result.append(
                    Problem(
                        "import-new-name",
                        "warning",
                        newcomer.where[0],
                        f"`{newcomer.text}` is not in org.yaml: added as {newcomer.kind} "
                        f"`{newcomer.id}` ({lines})",
                        "Check the new entry in org.yaml: fill in handle, lead or parent.",
                    )
                )
            else:
                result.append(
                    Problem(
                        "import-unknown-name",
                        "error",
                        newcomer.where[0],
                        f"`{newcomer.text}` is not a unit or person in org.yaml ({lines})",
                        "Add them to org.yaml, or import with --create-missing to add them "
                        f"as a {newcomer.kind}.",
                    )
                )
        return result

    def add_to_org(self, org: YamlText) -> list[tuple[str, str, str]]:
        """Append the newcomers to org.yaml's units and people; (kind, id, name) of each.
        Raises `EditError` when org.yaml cannot be edited in place."""
        added = []
        units = sorted((n for n in self.found.values() if n.kind == "unit"), key=_by_id)
        people = sorted((n for n in self.found.values() if n.kind == "person"), key=_by_id)
        for unit in units:
            item = [("id", unit.id), ("name", unit.text), ("parent", self.names.root_unit)]
            org.append_item((), "units", [(k, v) for k, v in item if v], ORG.names)
            added.append(("unit", unit.id, unit.text))
        new_units = {unit.id for unit in units}
        for person in people:
            item = [
                ("id", person.id),
                ("name", person.text),
                ("unit", self._unit_for(person, new_units)),
            ]
            org.append_item((), "people", [(k, v) for k, v in item if v], ORG.names)
            added.append(("person", person.id, person.text))
        return added

    def _unit_for(self, person: Newcomer, new_units: set[str]) -> str | None:
        """The unit owning the objective that first names them (or its owner's unit)."""
        if person.near in self.names.units.ids | new_units:
            return person.near
        return self.names.unit_of_person.get(person.near or "") or self.names.root_unit


def _by_id(newcomer: Newcomer) -> str:
    return newcomer.id
