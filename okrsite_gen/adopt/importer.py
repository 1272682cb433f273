"""Spreadsheet rows -> objective files (and, on request, new units and people in org.yaml).

Rows group into objectives (`rows`); each objective gets a cycle, an owner, a path and an
id, then its document (`documents`): every value read leniently ("45%", "1,200", "yes"),
every name resolved against org.yaml (`names`). What cannot be read or resolved becomes a
problem at `file:line:col` of the sheet. Names nobody knows are never invented: they are
listed, and added to org.yaml only with `create_missing` (`newcomers`).

Nothing here writes: `plan_import` returns the files it would write, and the command
checks them (`edit.changes.new_errors`) before writing any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..edit.cells import (
    CellError,
    parse_bool,
    parse_date,
    parse_fraction,
    parse_number,
    split_list,
)
from ..edit.changes import read_exactly
from ..edit.table import Row, Table
from ..edit.yaml_text import EditError, YamlText
from ..load.files import CONTENT_DIR, OBJECTIVE_SUFFIXES, OKRS_DIR, ORG_FILE
from ..load.records import default_objective_id
from ..model import Loc, Objective, Problem, Repo
from ..scaffold import slugify
from ..schema.fields import KEY_RESULT, OBJECTIVE, OBJECTIVE_ID, SLUG
from .documents import (
    Document,
    cycle_from_path,
    default_origin,
    document_of,
    keep_unsaid,
    render_objective,
    spreadsheet_view,
)
from .names import Directory, unique_id
from .newcomers import Newcomers
from .rows import ObjectiveRows, group_rows

OKRS = f"{CONTENT_DIR}/{OKRS_DIR}"
ORG_PATH = f"{OKRS}/{ORG_FILE}"


@dataclass(frozen=True, slots=True)
class ImportOptions:
    update: bool = False  # replace the fields of objectives that exist already
    create_missing: bool = False  # add unknown owners to org.yaml
    cycle: str | None = None  # the cycle of rows that name none


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: str  # from the repository root
    text: str
    action: Literal["create", "update"]
    objective_id: str


@dataclass(slots=True)
class ImportPlan:
    files: list[PlannedFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (objective id, why)
    created: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, name)
    org_text: str | None = None  # org.yaml with the created units and people
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def changes(self) -> dict[str, str]:
        """Every file the import would write, by path from the repository root."""
        changes = {planned.path: planned.text for planned in self.files}
        if self.org_text is not None:
            changes[ORG_PATH] = self.org_text
        return changes


@dataclass(slots=True)
class _Draft:
    """One objective of the sheet and where it goes: filled in by `_Importer.place`."""

    rows: ObjectiveRows
    cycle: str | None = None
    owner: str | None = None
    path: str = ""  # under content/okrs
    id: str = ""
    existing: Objective | None = None

    @property
    def cells(self) -> dict[str, str]:
        return self.rows.cells

    @property
    def first(self) -> Row:
        return self.rows.first


class _Importer:
    def __init__(self, table: Table, root: Path, repo: Repo, options: ImportOptions) -> None:
        self.table = table
        self.root = root
        self.repo = repo
        self.options = options
        self.names = Directory(repo)
        self.problems: list[Problem] = list(table.problems)
        self.newcomers = Newcomers(self.names, options.create_missing)
        self.by_id = {objective.id: objective for objective in repo.objectives}

    # Problems

    def error(self, where: Loc, rule: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(rule, "error", where, message, hint))

    def warn(self, where: Loc, rule: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(rule, "warning", where, message, hint))

    # First pass: cycle, owner, path and id of each objective

    def place(self, draft: _Draft, taken_paths: set[str]) -> None:
        cells, where = draft.cells, draft.first
        path_cell = cells.get("path", "")
        draft.cycle = self._cycle(draft, path_cell)
        owner_text = cells.get("owner", "")
        if owner_text:
            draft.owner = self.owner(owner_text, where.at("owner"), "unit")
        else:
            self.error(
                where.at(),
                "import-missing",
                "the objective has no owner",
                "Fill in the Owner (or Team) column with a unit or person.",
            )
        if path_cell:
            path = self._path(path_cell, where)
        else:
            folder = draft.owner or slugify(owner_text)
            slug = slugify(cells.get("objective_title", ""))
            stem = f"{draft.cycle or 'no-cycle'}/{folder}/{slug}"
            # Unique within this import; a file of that name is the same objective again.
            path = f"{unique_id(stem, (p.removesuffix('.md') for p in taken_paths))}.md"
        draft.id = cells.get("objective_id") or default_objective_id(path)
        if not re.match(OBJECTIVE_ID, draft.id):
            self.error(
                where.at("objective_id"),
                "import-value",
                f"`{draft.id}` is not an objective id",
                "Use path-like ids such as 2026-Q4/platform/edge-cache.",
            )
        draft.existing = self.by_id.get(draft.id) or self._by_title(draft)
        if draft.existing is not None:
            path = draft.existing.path  # the file that holds it, wherever that is
        draft.path = path
        taken_paths.add(path)
        if cells.get("objective_title"):
            self.names.objectives.add(draft.id, cells["objective_title"])

    def _by_title(self, draft: _Draft) -> Objective | None:
        """A sheet without ids or paths: an objective of the same title and cycle is the one
        it means (so importing the same sheet twice does not duplicate anything)."""
        if draft.cells.get("objective_id") or draft.cells.get("path"):
            return None
        title = draft.cells.get("objective_title", "").lower()
        same = [
            o for o in self.repo.objectives if o.title.lower() == title and o.cycle == draft.cycle
        ]
        if len(same) == 1:
            draft.id = same[0].id
            return same[0]
        return None

    def _cycle(self, draft: _Draft, path_cell: str) -> str | None:
        text = draft.cells.get("cycle", "")
        if text:
            cycle = self.names.cycle(text)
            if cycle is None:
                known = ", ".join(self.names.cycle_ids) or "none yet"
                self.error(
                    draft.first.at("cycle"),
                    "import-unknown-cycle",
                    f"cycle `{text}` is not in org.yaml",
                    f"Known cycles: {known}. Add it under `cycles:` in org.yaml.",
                )
            return cycle
        for candidate in (
            self.options.cycle,
            cycle_from_path(path_cell),
            cycle_from_path(draft.cells.get("objective_id", "")),
        ):
            if candidate and candidate in self.names.cycle_ids:
                return candidate
        self.error(
            draft.first.at(),
            "import-unknown-cycle",
            "the objective has no cycle",
            "Add a Cycle (or Quarter) column, or import with --cycle CYCLE.",
        )
        return None

    def _path(self, text: str, row: Row) -> str:
        path = text.strip().lstrip("./")
        if (
            not path.endswith(OBJECTIVE_SUFFIXES)
            or ".." in path.split("/")
            or text.startswith("/")
            or "\\" in path
        ):
            self.error(
                row.at("path"),
                "import-value",
                f"`{text}` is not a file path under content/okrs/",
                "Write it like 2026-Q4/platform/edge-cache.md, or leave it blank.",
            )
            return "invalid.md"
        return path

    # Names

    def owner(
        self, text: str, where: Loc, kind: Literal["unit", "person"], near: str | None = None
    ) -> str | None:
        """The id of an owner: an objective's (`unit`: a unit, else a person), a KR's or a
        contributor (`person`: a person, else a unit). `near`: the objective's owner."""
        found = self.names.owner(text) if kind == "unit" else self.names.person(text)
        if found is None and kind == "person":
            found = self.names.owner(text)  # a KR may be owned by a unit too
        if found is not None:
            return found
        return self.newcomers.id_for(text, where, kind, near)

    def references(self, row: Row, name: str) -> list[str]:
        text = row.get(name)
        items = split_list(text)
        found = [self.names.reference(item) for item in items]
        if None in found and (whole := self.names.reference(text)):
            return [whole]  # one title that holds a "," or ";" itself
        for item, reference in zip(items, found, strict=True):
            if reference is None:
                self.error(
                    row.at(name),
                    "import-unresolved",
                    f"`{item}` in {name} names no objective",
                    "Write an objective id (or objective-id#kr-id), or an objective's exact title.",
                )
        return [reference for reference in found if reference]

    # Second pass: the document of each objective

    def document(self, draft: _Draft) -> Document:
        cells, row = draft.cells, draft.first
        merged_row = draft.rows.merged_row()
        values: dict[str, Any] = {
            "title": cells.get("objective_title"),
            "owner": draft.owner,
            "cycle": draft.cycle if draft.cycle != cycle_from_path(draft.path) else None,
            "id": draft.id if draft.id != default_objective_id(draft.path) else None,
            "aligns_to": self.references(merged_row, "aligns_to"),
            "themes": self._themes(merged_row),
            "contributors": self._people(merged_row, "contributors", draft.owner),
            "depends_on": self.references(merged_row, "depends_on"),
            "tags": split_list(cells.get("tags", "")),
        }
        if not values["title"]:
            self.error(
                row.at(),
                "import-missing",
                "the objective has no title",
                "Fill in the Objective (title) column.",
            )
        for name, default in (
            ("kind", "committed"),
            ("status", "active"),
            ("visibility", "public"),
            ("origin", default_origin(values["aligns_to"])),
        ):
            values[name] = self._choice(merged_row, name, default)
        values["score"] = self._read(merged_row, "score", parse_fraction)
        values["key_results"] = [
            kr
            for position, kr_row in enumerate(draft.rows.kr_rows)
            if (kr := self._key_result(kr_row, position, draft.owner)) is not None
        ]
        order = OBJECTIVE.names
        return {k: values[k] for k in order if values.get(k) not in (None, "", [])}

    def _choice(self, row: Row, name: str, default: str) -> str | None:
        text = row.get(name).lower()
        if not text or text == default:
            return None
        spec = OBJECTIVE.field(name)
        choices = spec.choices if spec else ()
        if text not in choices:
            self.error(
                row.at(name),
                "import-value",
                f"`{row.get(name)}` is not a {name}",
                f"Use one of: {', '.join(choices)}.",
            )
            return None
        return text

    def _themes(self, row: Row) -> list[str]:
        result = []
        for item in split_list(row.get("themes")):
            theme = self.names.theme(item)
            if theme is None:
                self.error(
                    row.at("themes"),
                    "import-unresolved",
                    f"theme `{item}` is not in org.yaml",
                    "Use a theme id or title from org.yaml `themes:`.",
                )
            else:
                result.append(theme)
        return result

    def _people(self, row: Row, name: str, near: str | None) -> list[str]:
        people = [
            self.owner(item, row.at(name), "person", near) for item in split_list(row.get(name))
        ]
        return [person for person in people if person]

    def _read(self, row: Row, name: str, reader: Any) -> Any:
        """A cell through a parser; a fraction typed as a bare percentage is noted."""
        text = row.get(name)
        if not text:
            return None
        try:
            value = reader(text)
        except CellError as error:
            self.error(row.at(name), "import-value", error.message, error.hint)
            return None
        if reader is parse_fraction:
            value, rescaled = value
            if rescaled:
                self.warn(
                    row.at(name),
                    "import-value",
                    f"`{text}` in {name} read as {text}%",
                    "Write 0.7 or 70% to say it plainly.",
                )
        return value

    def _key_result(self, row: Row, position: int, near: str | None) -> Document | None:
        title = row.get("kr_title")
        if not title:
            self.error(
                row.at(),
                "import-missing",
                "a key result without a title",
                "Fill in the Key result (title) column, or clear the row's KR cells.",
            )
            return None
        values: dict[str, Any] = {"title": title, "unit": row.get("kr_unit") or None}
        kr_id = row.get("kr_id")
        if kr_id and not re.match(SLUG, kr_id):
            kr_id = slugify(kr_id)
        values["id"] = kr_id if kr_id and kr_id != f"kr{position + 1}" else None
        for name in ("baseline", "target", "stretch", "current", "weight"):
            text = row.get(name)
            if not text:
                continue
            try:
                number, percent = parse_number(text)
            except CellError as error:
                self.error(row.at(name), "import-value", error.message, error.hint)
                continue
            values[name] = number
            if percent and name != "weight" and not values["unit"]:
                values["unit"] = "%"
        if values.get("weight") == 1:
            values["weight"] = None
        values["confidence"] = self._read(row, "confidence", parse_fraction)
        values["due"] = self._read(row, "due", parse_date)
        owner = row.get("kr_owner")
        values["owner"] = self.owner(owner, row.at("kr_owner"), "person", near) if owner else None
        values["done"] = self._read(row, "done", parse_bool)
        progress = self._read(row, "progress", parse_fraction)
        if progress is not None and ("baseline" in values or "target" in values):
            self.warn(
                row.at("progress"),
                "import-value",
                "progress of a metric key result is ignored: it follows from `current`",
                "Leave Progress blank for metrics, or give no baseline/target.",
            )
        else:
            values["progress"] = progress
        measured_by = row.get("measured_by")
        if measured_by:
            found = self.names.objective(measured_by)
            if found is None:
                self.error(
                    row.at("measured_by"),
                    "import-unresolved",
                    f"`{measured_by}` in measured_by names no objective",
                    "Write an objective id, or an objective's exact title.",
                )
            values["measured_by"] = found
        return {k: values[k] for k in KEY_RESULT.names if values.get(k) not in (None, "", [])}

    # Files

    def plan(self) -> ImportPlan:
        plan = ImportPlan()
        if self.repo.org is None:
            self.error(
                Loc(ORG_PATH),
                "import-missing",
                "the repository has no org.yaml",
                "Start one with `okrsite init`, then import.",
            )
            plan.problems = self.problems
            return plan
        groups, problems = group_rows(self.table.rows)
        self.problems += problems
        drafts = [_Draft(rows) for rows in groups]
        taken: set[str] = set()
        for draft in drafts:
            self.place(draft, taken)
        for draft in drafts:
            self._file(draft, self.document(draft), plan)
        self.problems += self.newcomers.problems()
        if self.options.create_missing and self.newcomers.found:
            plan.org_text = self._org_with_newcomers(plan)
        plan.problems = sorted(self.problems, key=Problem.sort_key)
        return plan

    def _file(self, draft: _Draft, document: Document, plan: ImportPlan) -> None:
        rel = f"{OKRS}/{draft.path}"
        suffix = Path(draft.path).suffix
        suffix = ".yaml" if suffix == ".yml" else suffix
        existing = draft.existing
        if existing is None and not (self.root / rel).exists():
            plan.files.append(
                PlannedFile(rel, render_objective(document, "", suffix), "create", draft.id)
            )
            return
        if not self.options.update:
            plan.skipped.append((draft.id, f"{rel} exists (--update replaces its fields)"))
            return
        if existing is None:
            self.error(
                draft.first.at(),
                "import-exists",
                f"{rel} exists and holds another objective",
                "Give this objective another path, or its file's objective_id.",
            )
            return
        old = document_of(existing)
        if spreadsheet_view(old) == document:
            plan.skipped.append((draft.id, "unchanged"))
            return
        text = render_objective(keep_unsaid(document, old), existing.body, suffix)
        plan.files.append(PlannedFile(existing.loc.file, text, "update", draft.id))

    def _org_with_newcomers(self, plan: ImportPlan) -> str | None:
        text = read_exactly(self.root / ORG_PATH)
        try:
            org = YamlText.parse(text, ORG_PATH)
            plan.created = self.newcomers.add_to_org(org)
        except EditError as error:
            self.error(
                Loc(ORG_PATH),
                "import-org",
                f"cannot add to org.yaml in place: {error}",
                "Add the units and people listed by hand, then import again.",
            )
            return None
        return org.text


def plan_import(table: Table, root: Path, repo: Repo, options: ImportOptions) -> ImportPlan:
    """The files an import of `table` would write into the repository at `root`."""
    return _Importer(table, root, repo, options).plan()
