"""The stages run in order: load -> validate (-> graph -> pages, in their packages).

Commands and the MkDocs plugin call these functions rather than the stages one by one,
so every entry point reads the same files the same way and reports the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .config import Settings, load_settings
from .load import LoadOptions, load_repo
from .model import Problem, Repo
from .validate import validate


@dataclass(slots=True)
class Checked:
    """A loaded repository with every problem found in it (company severities applied)."""

    root: Path
    repo: Repo
    problems: list[Problem]
    settings: Settings

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_repo(root: Path, today: date) -> Checked:
    """Load and validate the repository at `root`. Never raises for bad input."""
    settings, problems = load_settings(root)
    limits = settings.limits
    options = LoadOptions(limits.max_file_bytes, limits.max_files, limits.yaml)
    loaded = load_repo(root, options)
    problems = problems + loaded.problems + validate(loaded.repo, today, settings.guidance)
    problems = sorted(settings.apply(problems), key=Problem.sort_key)
    return Checked(root, loaded.repo, problems, settings)
