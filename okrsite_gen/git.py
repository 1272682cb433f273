"""Running git: the one place okrsite starts a git process.

`okrsite diff` reads revisions and the site reads file histories straight from git, so a
user never has to prepare a checkout. Failures come back as `GitError` with git's own
message (a bad revision, no repository, git not installed), never as a traceback.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

__all__ = ["GitError", "run_git"]


class GitError(Exception):
    """git is missing, the folder is not in a repository, or git refused the request."""


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    # Never wait for a password prompt or a pager; messages in one language for matching.
    environment.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C", LANGUAGE="C")
    return environment


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The standard output of ``git -C root ARGS``; `GitError` when git fails or is missing."""
    command = ["git", "-C", str(root), "-c", "core.quotePath=false", *args]
    try:
        completed = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            env=_environment(),
            check=False,
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed (or not on PATH)") from error
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from error
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip()
        raise GitError(message.removeprefix("fatal: ") or f"git {args[0]} failed")
    return completed.stdout
