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
from ..load import FolderSource, LoadOptions, load_org, too_many_files
from ..load.files import Found
from ..model import Problem
from ..parallel import chunks, fork_map, job_count
from ..validate import FileContext, OrgIndex, Outlines, validate_cross_file, validate_org
from ..validate.outline import (
    CommentOutline,
    ObjectiveOutline,
    comment_from_json,
    objective_from_json,
)
from .cache import CachedOrg, CheckCache, cache_key
from .judge import Judge, Verdict, from_row, to_row

# Below this many files to judge, forking workers costs more than it saves.
PARALLEL_FROM = 200


@dataclass(slots=True)
class CheckReport:
    """Every problem of a repository (company severities applied), and what was read."""

    problems: list[Problem]
    settings: Settings
    objective_count: int
    comment_count: int
    reused: int = 0  # verdicts taken from the cache
    judged: int = 0  # files read and judged in this run

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


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
    org_bytes = source.read_bytes(found.org) if found.org else None
    cache = CheckCache.open(cache_dir, root, cache_key(org_bytes, config_bytes), started_ns)
    with paused_gc():  # many small tuples, no garbage cycles: see allocation.py
        org = cache.org or _judge_org(source, found.org, options, settings)
        verdicts = {rel: cache.lookup(rel) for rel in [*found.objectives, *found.comments]}
        comment_files = set(found.comments)
        judge = Judge(
            root, source, options, set(org.index.cycles), FileContext(org.index, settings.guidance)
        )

        def judge_again(rels: list[str]) -> list[Verdict]:
            return _judge_all(judge, [(rel, rel in comment_files) for rel in rels], job_count(jobs))

        todo = [rel for rel, v in verdicts.items() if v is None]
        for verdict in judge_again(todo) if todo else ():
            verdicts[verdict.rel] = verdict
        done: list[Verdict] = list(verdicts.values())  # type: ignore[arg-type]
        problems += map(from_row, org.problems)
        problems += (from_row(row) for v in done for row in v.problems)
        # The cross-file rules see outlines only: when no outline changed (an edited text,
        # a check-in) on the same day, their problems are those of the last run.
        outlines_key = _digest(f"{v.rel}:{v.outline_digest}" for v in done)
        cross_key = _digest([cache.key, today.isoformat(), outlines_key])
        new_outlines, judged_again = None, 0
        if cross_key == cache.cross_key:
            cross_rows = cache.cross_problems
        else:
            outlines, done, judged_again = _all_outlines(done, cache, judge_again)
            if judged_again or not cache.has_outlines(outlines_key):
                new_outlines = outlines
            cross_rows = tuple(
                map(
                    to_row,
                    validate_cross_file(_index(outlines), org.index, settings.guidance, today),
                )
            )
        problems += map(from_row, cross_rows)
    if todo or cache.org is None or cross_key != cache.cross_key:
        cache.save(
            found.org or "", org, done, (cross_key, cross_rows), (outlines_key, new_outlines)
        )
    objective_count = sum(1 for v in done if v.outline_digest and v.rel not in comment_files)
    comment_count = sum(1 for v in done if v.outline_digest and v.rel in comment_files)
    judged = len(todo) + judged_again
    return _report(problems, settings, objective_count, comment_count, len(done) - judged, judged)


def _digest(parts: Iterable[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


Outline = ObjectiveOutline | CommentOutline


def _all_outlines(
    verdicts: list[Verdict], cache: CheckCache, judge_again: Callable[[list[str]], list[Verdict]]
) -> tuple[dict[str, Outline], list[Verdict], int]:
    """Every file's outline: judged in this run, or from the cache's outlines file. A
    file whose outline is missing there (a damaged cache) is judged again."""
    stored = cache.stored_outlines() if any(v.outline is None for v in verdicts) else {}
    outlines: dict[str, Outline] = {}
    missing: list[str] = []
    for verdict in verdicts:
        if verdict.outline is not None:
            outlines[verdict.rel] = verdict.outline
        elif verdict.outline_digest:
            try:
                outlines[verdict.rel] = _from_json(stored[verdict.rel])
            except (KeyError, ValueError, TypeError):
                missing.append(verdict.rel)
    if missing:
        again = {v.rel: v for v in judge_again(missing)}
        verdicts = [again.get(v.rel, v) for v in verdicts]
        outlines.update((rel, v.outline) for rel, v in again.items() if v.outline is not None)
    return outlines, verdicts, len(missing)


def _from_json(data: Any) -> Outline:
    # Objectives' outlines have 12 fields, comments' 4.
    return objective_from_json(data) if len(data) > 4 else comment_from_json(data)


def _index(outlines: dict[str, Outline]) -> Outlines:
    objectives = [o for o in outlines.values() if isinstance(o, ObjectiveOutline)]
    comments = [o for o in outlines.values() if isinstance(o, CommentOutline)]
    return Outlines.of(objectives, comments)


def _judge_org(
    source: FolderSource, rel: str | None, options: LoadOptions, settings: Settings
) -> CachedOrg:
    problems: list[Problem] = []
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
    return CheckReport(ordered, settings, objective_count, comment_count, reused, judged)
