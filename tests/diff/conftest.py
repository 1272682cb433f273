"""Diff tests run on a real git repository: the tiny company, committed as "base"."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.diff import OkrDiff, diff_states, read_state, render
from tests.conftest import TODAY
from tests.gitrepo import GitCompany


@pytest.fixture
def repo(tmp_path: Path) -> GitCompany:
    return GitCompany(tmp_path)


def diff_of(
    repo: GitCompany, base: str = "HEAD", head: str | None = None, include_private: bool = False
) -> OkrDiff:
    """The diff from `base` to `head` (the working tree when None)."""
    return diff_states(
        read_state(repo.root, base, TODAY),
        read_state(repo.root, head, TODAY),
        include_private=include_private,
    )


def markdown_of(repo: GitCompany, **options) -> str:
    return render(diff_of(repo, **options), "markdown")
