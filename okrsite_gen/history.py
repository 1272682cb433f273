"""Each OKR file's git history (commit, date, author, subject), for the objective pages.

One ``git log`` call for the whole repository, not one per page: cheap with thousands of
files. Renames are followed, so a moved objective keeps the history of its old path.
Outside a git checkout, or without git, there is simply no history: never an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .git import GitError, run_git
from .load.files import CONTENT_DIR, OKRS_DIR

__all__ = ["Commit", "file_histories"]

# Fields of one commit, between ASCII record/unit separators that no subject contains.
_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%s"


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that changed a file: full sha, author date (ISO 8601), author, subject."""

    sha: str
    date: str
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:10]

    @property
    def day(self) -> str:
        """The author date as YYYY-MM-DD."""
        return self.date[:10]

    def to_dict(self) -> dict[str, str]:
        """For page contexts and JSON."""
        return {
            "sha": self.sha,
            "short": self.short,
            "date": self.date,
            "day": self.day,
            "author": self.author,
            "subject": self.subject,
        }


def file_histories(root: Path, paths: Iterable[str] | None = None) -> dict[str, list[Commit]]:
    """Commits that changed each file under content/okrs, newest first, by path relative
    to `root` (``content/okrs/2026-Q4/platform/fast.md``); only `paths` when given.

    Empty outside a git checkout, without git, or before the first commit.
    """
    try:
        output = run_git(
            root,
            "log",
            "-z",
            "--relative",  # paths relative to `root`, which may be a sub-folder
            "--name-status",
            "-M",  # follow renames: a moved objective keeps its history
            f"--format={_FORMAT}",
            "--",
            f"{CONTENT_DIR}/{OKRS_DIR}",
        )
    except GitError:
        return {}
    histories = _parse(output.decode("utf-8", "replace"))
    if paths is None:
        return histories
    wanted = set(paths)
    return {path: commits for path, commits in histories.items() if path in wanted}


def _parse(output: str) -> dict[str, list[Commit]]:
    histories: dict[str, list[Commit]] = {}
    # What a path in older history is called today; None: a file that no longer exists
    # under that name's history (deleted, or the name was reused by a newer file).
    today_name: dict[str, str | None] = {}
    for record in output.split("\x1e")[1:]:  # newest first
        header, _, changes = record.partition("\0")
        fields = header.split("\x1f")
        if len(fields) != 4:
            continue
        commit = Commit(*fields)
        tokens = changes.lstrip("\n").split("\0")
        index = 0
        while index < len(tokens) and tokens[index]:
            status = tokens[index]
            if status[0] in "RC":
                old, new = tokens[index + 1], tokens[index + 2]
                index += 3
            else:
                old = new = tokens[index + 1]
                index += 2
            current = today_name.get(new, new)
            if current is not None and status[0] != "D":  # a deleted file has no page
                histories.setdefault(current, []).append(commit)
            if status[0] == "R":
                today_name[old] = current  # older commits name it by its old path
            if status[0] in "ADR":
                # Before this commit, a file of that name (if any) was another file.
                today_name[new] = None
    return histories
