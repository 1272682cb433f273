"""Each OKR file's git history (commit, date, author, subject), for the objective pages,
and the status changes it holds, for the activity feeds.

One ``git log`` call for the whole repository, not one per page: cheap with thousands of
files. Renames are followed, so a moved objective keeps the history of its old path.
`repo_history` adds a second call that reads only the commits changing a top-level
``status:`` line. Outside a git checkout, or without git, there is simply no history:
never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .git import GitError, run_git
from .load.files import CONTENT_DIR, OKRS_DIR

__all__ = ["Commit", "RepoHistory", "StatusChange", "file_histories", "repo_history"]

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


@dataclass(frozen=True, slots=True)
class StatusChange:
    """An objective file's ``status`` changed in a commit (``active`` -> ``done``)."""

    path: str  # the file's path today, relative to the root
    commit: Commit
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class RepoHistory:
    """What the site reads from git, once per build."""

    files: dict[str, list[Commit]]
    status_changes: list[StatusChange]

    def without(self, paths: set[str], withheld: str) -> RepoHistory:
        """The history with `paths` left out, and the subject of every commit that also
        changed one of them replaced by `withheld` (it may name what it changed)."""
        if not paths:
            return self
        hidden = {c.sha for path in paths for c in self.files.get(path, [])}

        def shown(commit: Commit) -> Commit:
            return replace(commit, subject=withheld) if commit.sha in hidden else commit

        return RepoHistory(
            {p: [shown(c) for c in cs] for p, cs in self.files.items() if p not in paths},
            [
                replace(change, commit=shown(change.commit))
                for change in self.status_changes
                if change.path not in paths
            ],
        )


# What a file was called in a commit -> what it is called today: (sha, path then) -> path.
_Names = dict[tuple[str, str], str]


def file_histories(root: Path, paths: Iterable[str] | None = None) -> dict[str, list[Commit]]:
    """Commits that changed each file under content/okrs, newest first, by path relative
    to `root` (``content/okrs/2026-Q4/platform/fast.md``); only `paths` when given.

    Empty outside a git checkout, without git, or before the first commit.
    """
    histories, _ = _log_files(root)
    if paths is None:
        return histories
    wanted = set(paths)
    return {path: commits for path, commits in histories.items() if path in wanted}


def repo_history(root: Path) -> RepoHistory:
    """Every file's history and every status change; empty outside git."""
    histories, names = _log_files(root)
    if not histories:
        return RepoHistory({}, [])
    return RepoHistory(histories, _status_changes(root, names))


def _log_files(root: Path) -> tuple[dict[str, list[Commit]], _Names]:
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
        return {}, {}
    return _parse(output.decode("utf-8", "replace"))


def _parse(output: str) -> tuple[dict[str, list[Commit]], _Names]:
    histories: dict[str, list[Commit]] = {}
    names: _Names = {}
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
                names[(commit.sha, new)] = current
            if status[0] == "R":
                today_name[old] = current  # older commits name it by its old path
            if status[0] in "ADR":
                # Before this commit, a file of that name (if any) was another file.
                today_name[new] = None
    return histories, names


_STATUS = re.compile(r"""^([+-])status:\s*["']?([a-z]+)["']?\s*(#.*)?$""")


def _status_changes(root: Path, names: _Names) -> list[StatusChange]:
    """Status changes, newest first, from the commits whose diff touches a ``status:`` line.

    A new file is not a change (it starts with its status); a line added or removed
    stands for the default, ``active``.
    """
    try:
        output = run_git(
            root,
            "log",
            "--relative",
            "-M",
            "--no-color",
            "--patch",
            "--unified=0",
            "-G^status:",  # only commits that add or remove a top-level status line
            f"--format={_FORMAT}",
            "--",
            f"{CONTENT_DIR}/{OKRS_DIR}",
        )
    except GitError:
        return []
    changes: list[StatusChange] = []
    for record in output.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, patch = record.partition("\n")
        fields = header.split("\x1f")
        if len(fields) != 4:
            continue
        commit = Commit(*fields)
        for path, new_file, before, after in _status_lines(patch):
            today = names.get((commit.sha, path))
            if today is None or new_file or (before or "active") == (after or "active"):
                continue
            changes.append(StatusChange(today, commit, before or "active", after or "active"))
    return changes


def _status_lines(patch: str) -> list[tuple[str, bool, str | None, str | None]]:
    """(path, is a new file, status removed, status added) for each file of a patch."""
    files: list[tuple[str, bool, str | None, str | None]] = []
    path, new_file, before, after = "", False, None, None
    in_hunk = False  # past the file's header: "+++ x" is then an added line "++ x"
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            if path:
                files.append((path, new_file, before, after))
            path, new_file, before, after, in_hunk = "", False, None, None, False
        elif line.startswith("@@"):
            in_hunk = True
        elif not in_hunk and line.startswith("new file mode"):
            new_file = True
        elif not in_hunk and line.startswith("+++ "):
            # "+++ b/path" (a tab follows names with spaces); "/dev/null" for a deletion.
            name = line[4:].rstrip("\t")
            path = name[2:] if name.startswith("b/") else ""
        elif in_hunk and (match := _STATUS.match(line)):
            if match[1] == "-":
                before = match[2]
            else:
                after = match[2]
    if path:
        files.append((path, new_file, before, after))
    return files
