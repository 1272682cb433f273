"""`okrsite check` on a folder: reuse cached verdicts, judge the rest on every core.

The problems are those of `pipeline.check_repo` (a test holds the two to it); only the
route differs: no records are kept, each file is judged on its own, and only outlines
come together for the cross-file rules.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..allocation import paused_gc
from ..config import CONFIG_FILE, Settings, parse_settings
from ..load import FolderSource, LoadOptions, load_org, org_from_text, too_many_files
from ..load.files import Found, decode_text
from ..model import HasProblems, Problem
from ..parallel import chunks, fork_map, job_count
from ..validate import FileContext, OrgIndex, Outlines, validate_cross_file, validate_org
from ..validate.outline import (
    CommentOutline,
    ObjectiveOutline,
    comment_from_json,
    objective_from_json,
)
from .cache import CachedOrg, CheckCache, cache_key
from .judge import Judge, ProblemRow, Verdict, from_row, read_plain_file, to_row

Outline = ObjectiveOutline | CommentOutline

# Below this many files to judge, forking workers costs more than it saves.
PARALLEL_FROM = 200


@dataclass(slots=True)
class CheckReport(HasProblems):
    """Every problem of a repository (company severities applied), and what was read."""

    problems: list[Problem]
    objective_count: int
    comment_count: int
    reused: int = 0  # verdicts taken from the cache
    judged: int = 0  # files read and judged in this run


def check_folder(
    root: Path, today: date, cache_dir: Path | None = None, jobs: int | None = None
) -> CheckReport:
    """Check the repository at `root`; with `cache_dir`, reuse and keep verdicts there."""
    started_ns = time.time_ns()
    source = FolderSource(root)
    config_bytes = source.read_bytes(CONFIG_FILE)
    settings, problems = (
        parse_settings(config_bytes) if config_bytes is not None else (Settings(), [])
    )
    limits = settings.limits
    options = LoadOptions(limits.max_file_bytes, limits.max_files, limits.yaml)
    found = source.discover()
    problems += found.problems
    if too_many := too_many_files(found, options):
        return _report([*problems, too_many], settings, 0, 0, 0, 0)
    # org.yaml is read once: the bytes the cache is keyed on are the bytes judged. One that
    # is no plain file (a link, unreadable) is judged through the source, uncached.
    org_plain = read_plain_file(root, found.org, options.max_file_bytes) if found.org else None
    org_bytes = org_plain[0] if org_plain else None
    if found.org is not None and org_plain is None:
        cache_dir = None
    key = cache_key(org_bytes, config_bytes)
    cache = CheckCache.open(cache_dir, root, key, started_ns, options.max_file_bytes)
    with paused_gc():  # many small tuples, no garbage cycles: see allocation.py
        org = cache.org or _judge_org(source, found.org, org_bytes, options, settings)
        comment_files = set(found.comments)
        judge = Judge(
            root, source, options, set(org.index.cycles), FileContext(org.index, settings.guidance)
        )

        def judge_files(rels: list[str]) -> list[Verdict]:
            todo = [(rel, rel in comment_files) for rel in rels]
            return _judge_all(judge, todo, job_count(jobs)) if todo else []

        verdicts = _verdicts([*found.objectives, *found.comments], cache, judge_files)
        cross = _cross_file(verdicts, cache, today, judge_files, org, settings, comment_files)
    if verdicts.judged or cache.refreshed or cache.org is None or cross.key != cache.cross_key:
        outlines = (cross.outlines_key, cross.new_outlines)
        cache.save(found.org or "", org, cross.verdicts, (cross.key, cross.rows), outlines)
    problems += map(from_row, org.problems)
    problems += (from_row(row) for v in cross.verdicts for row in v.problems)
    problems += map(from_row, cross.rows)
    counted = [v.rel in comment_files for v in cross.verdicts if v.outline_digest]
    judged = verdicts.judged + cross.judged
    reused = len(cross.verdicts) - judged
    return _report(problems, settings, counted.count(False), counted.count(True), reused, judged)


@dataclass(slots=True)
class _Verdicts:
    items: list[Verdict]
    judged: int  # of them, judged in this run (the others from the cache)


def _verdicts(
    rels: list[str], cache: CheckCache, judge_files: Callable[[list[str]], list[Verdict]]
) -> _Verdicts:
    """Each file's verdict, in order: from the cache while the file is unchanged."""
    found = {rel: cache.lookup(rel) for rel in rels}
    todo = [rel for rel, verdict in found.items() if verdict is None]
    found.update((v.rel, v) for v in judge_files(todo))
    return _Verdicts(list(found.values()), len(todo))  # type: ignore[arg-type]


@dataclass(slots=True)
class _CrossFile:
    key: str  # what the cross-file rules ran on: outlines, org, settings, today
    rows: tuple[ProblemRow, ...]
    verdicts: list[Verdict]  # as given, or judged again if their outline was lost
    judged: int  # files judged again for a lost outline
    outlines_key: str
    new_outlines: dict[str, Outline] | None  # for the cache, when they changed


def _cross_file(
    verdicts: _Verdicts,
    cache: CheckCache,
    today: date,
    judge_files: Callable[[list[str]], list[Verdict]],
    org: CachedOrg,
    settings: Settings,
    comment_files: set[str],
) -> _CrossFile:
    """The cross-file rules' problems. They see outlines only: when no outline changed
    (an edited text, a check-in) on the same day, they are those of the last run."""
    done = verdicts.items
    outlines_key = _digest(f"{v.rel}:{v.outline_digest}" for v in done)
    key = _digest([cache.key, today.isoformat(), outlines_key])
    if key == cache.cross_key:
        return _CrossFile(key, cache.cross_problems, done, 0, outlines_key, None)
    outlines, done, judged_again = _all_outlines(done, cache, judge_files, comment_files)
    fresh = judged_again or not cache.has_outlines(outlines_key)
    found = validate_cross_file(_index(outlines), org.index, settings.guidance, today)
    rows = tuple(map(to_row, found))
    return _CrossFile(key, rows, done, judged_again, outlines_key, outlines if fresh else None)


def _digest(parts: Iterable[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _all_outlines(
    verdicts: list[Verdict],
    cache: CheckCache,
    judge_again: Callable[[list[str]], list[Verdict]],
    comment_files: set[str],
) -> tuple[dict[str, Outline], list[Verdict], int]:
    """Every file's outline, in the files' order (which of two files with one id comes
    first depends on it): judged in this run, or from the cache's outlines file. A file
    whose outline is missing there (a damaged cache) is judged again."""
    stored = cache.stored_outlines() if any(v.outline is None for v in verdicts) else {}
    from_cache: dict[str, Outline] = {}
    missing: list[str] = []
    for verdict in verdicts:
        if verdict.outline is None and verdict.outline_digest:
            outline = _from_json(stored.get(verdict.rel), verdict.rel in comment_files)
            if outline is None:
                missing.append(verdict.rel)
            else:
                from_cache[verdict.rel] = outline
    if missing:
        again = {v.rel: v for v in judge_again(missing)}
        verdicts = [again.get(v.rel, v) for v in verdicts]
    outlines: dict[str, Outline] = {}
    for verdict in verdicts:
        outline = verdict.outline or from_cache.get(verdict.rel)
        if outline is not None:
            outlines[verdict.rel] = outline
    return outlines, verdicts, len(missing)


def _from_json(data: Any, is_comment: bool) -> Outline | None:
    """An outline from the cache's outlines file; None when it is missing or damaged."""
    try:
        return comment_from_json(data) if is_comment else objective_from_json(data)
    except Exception:  # a damaged entry, whatever its damage: the file is judged again
        return None


def _index(outlines: dict[str, Outline]) -> Outlines:
    objectives = [o for o in outlines.values() if isinstance(o, ObjectiveOutline)]
    comments = [o for o in outlines.values() if isinstance(o, CommentOutline)]
    return Outlines.of(objectives, comments)


def _judge_org(
    source: FolderSource,
    rel: str | None,
    data: bytes | None,
    options: LoadOptions,
    settings: Settings,
) -> CachedOrg:
    """org.yaml's look-ups and problems: from `data` when it was read as a plain file,
    else through the source (which says why it is missing or cannot be read)."""
    problems: list[Problem] = []
    if rel is not None and data is not None:
        text = decode_text(data, rel, problems)
        org = org_from_text(rel, text, options, problems) if text is not None else None
    else:
        org = load_org(source, Found(rel, [], []), options, problems)
    index = OrgIndex.of(org)
    if org is not None:
        problems += validate_org(org, FileContext(index, settings.guidance))
    return CachedOrg(index, tuple(map(to_row, problems)))


def _judge_all(judge: Judge, todo: list[tuple[str, bool]], jobs: int) -> list[Verdict]:
    def judge_run(run: list[tuple[str, bool]]) -> list[Verdict]:
        return [
            judge.comment(rel) if is_comment else judge.objective(rel) for rel, is_comment in run
        ]

    if len(todo) < PARALLEL_FROM:
        jobs = 1
    return [v for run in fork_map(judge_run, chunks(todo, jobs), jobs) for v in run]


def _report(
    problems: list[Problem],
    settings: Settings,
    objective_count: int,
    comment_count: int,
    reused: int,
    judged: int,
) -> CheckReport:
    ordered = sorted(settings.apply(problems), key=Problem.sort_key)
    return CheckReport(ordered, objective_count, comment_count, reused, judged)
