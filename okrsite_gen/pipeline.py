"""The stages run in order: load -> validate (-> graph -> pages, in their packages).

Commands and the MkDocs plugin call these functions rather than the stages one by one,
so every entry point reads the same files the same way and reports the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .allocation import paused_gc
from .config import CONFIG_FILE, Settings, parse_settings
from .load import FolderSource, LoadMemo, LoadOptions, Source, load_source
from .model import HasProblems, Problem, Repo
from .validate import validate


@dataclass(slots=True)
class Checked(HasProblems):
    """A loaded repository with every problem found in it (company severities applied)."""

    root: Path
    repo: Repo
    problems: list[Problem]
    settings: Settings

    @property
    def objective_count(self) -> int:
        return len(self.repo.objectives)

    @property
    def comment_count(self) -> int:
        return len(self.repo.comments)


def check_repo(root: Path, today: date, memo: LoadMemo | None = None) -> Checked:
    """Load and validate the repository at `root`. Never raises for bad input. With
    `memo` (`okrsite serve`), files unchanged since the last call are not parsed again."""
    return check_source(FolderSource(root), today, root, memo)


def check_source(source: Source, today: date, root: Path, memo: LoadMemo | None = None) -> Checked:
    """Load and validate one state of a repository (a folder, or a git revision's files)
    with that state's own okrsite.toml. `root` is the repository the state belongs to."""
    raw = source.read_bytes(CONFIG_FILE)
    settings, problems = parse_settings(raw) if raw is not None else (Settings(), [])
    limits = settings.limits
    options = LoadOptions(limits.max_file_bytes, limits.max_files, limits.yaml)
    with paused_gc():  # millions of small records, no garbage cycles: see allocation.py
        loaded = load_source(source, options, memo)
        problems = problems + loaded.problems + validate(loaded.repo, today, settings.guidance)
    problems = sorted(settings.apply(problems), key=Problem.sort_key)
    return Checked(root, loaded.repo, problems, settings)
