"""`okrsite check` on a folder: reuse cached verdicts, judge the rest on every core.

The problems are those of `pipeline.check_repo` (a test holds the two to it); only the
route differs: no records are kept, each file is judged on its own, and only outlines
come together for the cross-file rules.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
        todo = [(rel, rel in comment_files) for rel, v in verdicts.items() if v is None]
        if todo:
            context = FileContext(org.index, settings.guidance)
            judge = Judge(root, source, options, set(org.index.cycles), context)
            for verdict in _judge_all(judge, todo, job_count(jobs)):
                verdicts[verdict.rel] = verdict
        done: list[Verdict] = list(verdicts.values())  # type: ignore[arg-type]
        problems += map(from_row, org.problems)
        problems += (from_row(row) for v in done for row in v.problems)
        # The cross-file rules see outlines only: when no outline changed (an edited text,
        # a check-in), their problems are those of the last run.
        cross_key = _cross_key(cache.key, today, done)
        if cross_key == cache.cross_key:
            cross_rows = cache.cross_problems
        else:
            outlines = _outlines(done, comment_files)
            found_across = validate_cross_file(outlines, org.index, settings.guidance, today)
            cross_rows = tuple(map(to_row, found_across))
        problems += map(from_row, cross_rows)
    if todo or cache.org is None or cross_key != cache.cross_key:
        cache.save(found.org or "", org, done, cross_key, cross_rows)
    objective_count = sum(1 for v in done if v.outline is not None and v.rel not in comment_files)
    comment_count = sum(1 for v in done if v.outline is not None and v.rel in comment_files)
    return _report(
        problems, settings, objective_count, comment_count, len(done) - len(todo), len(todo)
    )


def _cross_key(key: str, today: date, verdicts: list[Verdict]) -> str:
    hasher = hashlib.blake2b(f"{key}:{today.isoformat()}".encode(), digest_size=16)
    hasher.update("\n".join(f"{v.rel}:{v.outline_digest}" for v in verdicts).encode())
    return hasher.hexdigest()


def _outlines(verdicts: list[Verdict], comment_files: set[str]) -> Outlines:
    objectives: list[ObjectiveOutline] = []
    comments: list[CommentOutline] = []
    for verdict in verdicts:
        outline = verdict.outline
        if outline is None:
            continue
        if verdict.rel in comment_files:
            comments.append(
                outline if isinstance(outline, CommentOutline) else comment_from_json(outline)
            )
        else:
            objectives.append(
                outline if isinstance(outline, ObjectiveOutline) else objective_from_json(outline)
            )
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
