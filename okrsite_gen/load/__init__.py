"""Stage 1: files -> typed model. Reports what cannot be read; judges nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from ..model import Comment, Loc, Objective, Org, Problem, Repo
from ..schema.check import bad_id, check_mapping, shorten
from ..schema.fields import COMMENT, OBJECTIVE, ORG
from .files import CONTENT_DIR, OKRS_DIR, Found, split_front_matter
from .memo import LoadMemo
from .records import build_comment, build_objective, build_org
from .source import FolderSource, MemorySource, Source
from .yaml_reader import Limits, parse_yaml

__all__ = [
    "FolderSource",
    "LoadMemo",
    "LoadOptions",
    "LoadResult",
    "MemorySource",
    "Source",
    "load_repo",
    "load_source",
]

Loaded = TypeVar("Loaded")
_OKRS_PREFIX = f"{CONTENT_DIR}/{OKRS_DIR}/"
OBJECTIVE_ID_FIELD = OBJECTIVE.field("id")


@dataclass(slots=True)
class LoadResult:
    repo: Repo
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class LoadOptions:
    max_file_bytes: int = 1_000_000
    max_files: int = 50_000
    yaml_limits: Limits = field(default_factory=Limits)


def load_repo(root: Path, options: LoadOptions | None = None) -> LoadResult:
    """Read every OKR file under `root/content`. Never raises for bad input."""
    return load_source(FolderSource(root), options)


def load_source(
    source: Source, options: LoadOptions | None = None, memo: LoadMemo | None = None
) -> LoadResult:
    """Read every OKR file of `source`: a folder, or a git revision's files in memory.
    With `memo` (`okrsite serve`), files whose text is unchanged since the last call are
    not parsed again."""
    options = options or LoadOptions()
    found = source.discover()
    problems: list[Problem] = list(found.problems)
    if too_many := too_many_files(found, options):
        return LoadResult(Repo(org=None), [*problems, too_many])
    org = load_org(source, found, options, problems)
    cycle_ids = {cycle.id for cycle in org.cycles} if org else set()
    if memo is not None:
        memo.begin((frozenset(cycle_ids), options))
    objectives = _load_files(
        source,
        found.objectives,
        options,
        problems,
        memo,
        lambda rel, text, sink: objective_from_text(rel, text, cycle_ids, options, sink),
    )
    comments = _load_files(
        source,
        found.comments,
        options,
        problems,
        memo,
        lambda rel, text, sink: comment_from_text(rel, text, options, sink),
    )
    if memo is not None:
        memo.commit()
    return LoadResult(Repo(org=org, objectives=objectives, comments=comments), problems)


def _load_files(
    source: Source,
    paths: list[str],
    options: LoadOptions,
    problems: list[Problem],
    memo: LoadMemo | None,
    parse: Callable[[str, str, list[Problem]], Loaded | None],
) -> list[Loaded]:
    """Each file read and parsed (by `memo`, which parses only changed text, if given)."""
    loaded = []
    for rel in paths:
        text = source.read_text(rel, options.max_file_bytes, problems)
        if text is None:
            continue
        record = (
            parse(rel, text, problems) if memo is None else memo.load(rel, text, problems, parse)
        )
        if record is not None:
            loaded.append(record)
    return loaded


def too_many_files(found: Found, options: LoadOptions) -> Problem | None:
    """The problem when there are more OKR files than [limits] max_files: nothing is read."""
    total = len(found.objectives) + len(found.comments)
    if total <= options.max_files:
        return None
    return Problem(
        "too-many-files",
        "error",
        Loc(f"{CONTENT_DIR}/", 1, 1),
        f"{total:,} files under content/; the limit is {options.max_files:,}",
        "Raise [limits] max_files in okrsite.toml if this is intended.",
    )


def load_org(
    source: Source, found: Found, options: LoadOptions, problems: list[Problem]
) -> Org | None:
    if found.org is None:
        problems.append(
            Problem(
                "org-missing",
                "error",
                Loc(f"{_OKRS_PREFIX}org.yaml", 1, 1),
                "content/okrs/org.yaml is missing",
                "Create it with the company name, cycles, units and people (`okrsite init`).",
            )
        )
        return None
    text = source.read_text(found.org, options.max_file_bytes, problems)
    if text is None:
        return None
    return org_from_text(found.org, text, options, problems)


def org_from_text(rel: str, text: str, options: LoadOptions, problems: list[Problem]) -> Org | None:
    """The org in file `rel` whose text is `text`, or None (with problems)."""
    data, yaml_problems = parse_yaml(text, rel, 0, options.yaml_limits)
    problems.extend(yaml_problems)
    if data is None and yaml_problems:
        return None
    checked = check_mapping(data, ORG, Loc(rel), problems, "org.yaml")
    return build_org(checked) if checked else None


def _read_document(
    rel: str, text: str, options: LoadOptions, problems: list[Problem]
) -> tuple[object, Loc, str, int] | None:
    """(YAML data, where the YAML starts, Markdown body, body line), or None if unreadable."""
    if rel.endswith(".md"):
        split = split_front_matter(text, rel, problems)
        if split is None:
            return None
        yaml_text, offset, body, body_line = (
            split.yaml_text,
            split.yaml_line_offset,
            split.body,
            split.body_line,
        )
    else:
        yaml_text, offset, body, body_line = text, 0, "", 1
    data, yaml_problems = parse_yaml(yaml_text, rel, offset, options.yaml_limits)
    problems.extend(yaml_problems)
    if data is None and yaml_problems:
        return None
    return data, Loc(rel, offset + 1), body, body_line


def objective_from_text(
    rel: str, text: str, cycle_ids: set[str], options: LoadOptions, problems: list[Problem]
) -> Objective | None:
    """The objective in file `rel` whose text is `text`, or None (with problems)."""
    document = _read_document(rel, text, options, problems)
    if document is None:
        return None
    data, start, body, body_line = document
    checked = check_mapping(data, OBJECTIVE, start, problems)
    if checked is None:
        return None
    objective = build_objective(checked, rel.removeprefix(_OKRS_PREFIX), cycle_ids, body, body_line)
    if checked.get("id") is None and not _path_id_is_valid(objective.id, rel, problems):
        return None  # its id would name its page: nothing else may come of the file
    return objective


def _path_id_is_valid(objective_id: str, rel: str, problems: list[Problem]) -> bool:
    """An id taken from the file's path passes the same check as an `id:` written in it."""
    subject = f"the id {shorten(objective_id)} made from the file's path"
    problem = bad_id("id", objective_id, OBJECTIVE_ID_FIELD, Loc(rel, 1, 1), subject)
    if problem is None:
        return True
    hint = "Rename the file or its folders (letters, digits, `-`, `_`, `.`), or write an `id:`."
    problems.append(replace(problem, hint=hint))
    return False


def comment_from_text(
    rel: str, text: str, options: LoadOptions, problems: list[Problem]
) -> Comment | None:
    document = _read_document(rel, text, options, problems)
    if document is None:
        return None
    data, start, body, body_line = document
    checked = check_mapping(data, COMMENT, start, problems)
    if checked is None:
        return None
    return build_comment(checked, body, body_line, Loc(rel))
