"""A company repository under git, for tests of diff, history and the PR flow.

Commits are made with a fixed identity and date through environment variables, and git
reads no user or system configuration: the tests never touch the global git config and
do not depend on it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import Company

BASE_DATE = "2026-11-02T10:00:00+00:00"


def git_environment(author: str = "Alice Tester", date: str = BASE_DATE) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=author,
        GIT_AUTHOR_EMAIL=f"{author.split()[0].lower()}@example.com",
        GIT_COMMITTER_NAME=author,
        GIT_COMMITTER_EMAIL=f"{author.split()[0].lower()}@example.com",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
    )
    return environment


def git(root: Path, *args: str, author: str = "Alice Tester", date: str = BASE_DATE) -> str:
    completed = subprocess.run(
        ["git", "-C", str(root), *args],
        env=git_environment(author, date),
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.strip()


class GitCompany(Company):
    """The tiny valid company of tests/conftest.py, committed once as "base"."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        git(root, "init", "--quiet", "--initial-branch=main")
        self.base = self.commit("base")

    def git(self, *args: str, author: str = "Alice Tester", date: str = BASE_DATE) -> str:
        return git(self.root, *args, author=author, date=date)

    def commit(self, message: str, author: str = "Alice Tester", date: str = BASE_DATE) -> str:
        """Commit everything in the working tree; the new commit's sha."""
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message, author=author, date=date)
        return self.git("rev-parse", "HEAD")
