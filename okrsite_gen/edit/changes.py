"""New file texts for a repository: checked as a whole before any is written.

`okrsite import` and `okrsite checkin` compute the files they would write, then call
`new_errors`: it runs the very same check as `okrsite check` on the repository as it is
and as it would be (the folder seen through the changes, nothing written), and returns
the errors the changes would bring. Nothing is written unless that list is empty; then
`write_changes` replaces each file atomically, so a crash never leaves half a file.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..load import FolderSource
from ..load.files import Found, classify
from ..model import Problem
from ..pipeline import Checked, check_repo, check_source

# Relative posix path -> the file's complete new text.
Changes = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class OverlaySource:
    """A folder as it would be with `changes` written: new texts win, new files appear."""

    folder: FolderSource
    changes: Changes

    def discover(self) -> Found:
        found = self.folder.discover()
        paths = {*found.objectives, *found.comments, *self.changes}
        return classify(paths | ({found.org} if found.org else set()))

    def read_text(self, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
        if rel in self.changes:
            return self.changes[rel]
        return self.folder.read_text(rel, max_bytes, problems)

    def read_bytes(self, rel: str) -> bytes | None:
        if rel in self.changes:
            return self.changes[rel].encode("utf-8")
        return self.folder.read_bytes(rel)


def _error_key(problem: Problem) -> tuple[str, str, str]:
    # Lines move when a file is edited; the rule, file and message say what is wrong.
    return (problem.rule, problem.file, problem.message)


def new_errors(
    root: Path, today: date, changes: Changes, before: Checked | None = None
) -> list[Problem]:
    """Errors `check` would report after the changes that it does not report before
    (`before`: the check of the repository as it is, when the caller has it already)."""
    before = before or check_repo(root, today)
    known = {_error_key(p) for p in before.errors}
    after = check_source(OverlaySource(FolderSource(root), changes), today, root).errors
    return [problem for problem in after if _error_key(problem) not in known]


def read_exactly(path: Path) -> str:
    """A file's text with its line ends as they are (`read_text` would turn \\r\\n into
    \\n, and an in-place edit would then rewrite every line of a Windows file)."""
    return path.read_bytes().decode("utf-8")


def write_changes(root: Path, changes: Changes) -> None:
    """Write every file (creating folders), each replaced atomically."""
    for rel, text in sorted(changes.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            # newline="": the text carries its own line ends, kept byte for byte.
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            if path.exists():
                shutil.copymode(path, temporary)
            else:  # mkstemp makes 0600 files; a new OKR file is as readable as any other
                os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def unified_diff(root: Path, rel: str, new_text: str) -> str:
    """The change to one file as a unified diff (a new file diffs against nothing)."""
    path = root / rel
    old = read_exactly(path) if path.is_file() else ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"a/{rel}" if old else "/dev/null",
        tofile=f"b/{rel}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
