"""One file's verdict: its problems from loading and per-file rules, and its outline.

A verdict depends on the file's bytes, org.yaml and okrsite.toml only (never "today",
never another objective), which is what makes it safe to cache and to compute in a
worker process. Everything travels as plain tuples: cheap to pickle and to store as JSON.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..load import LoadOptions, Source, comment_from_text, objective_from_text
from ..load.files import decode_text
from ..model import Loc, Problem
from ..validate import FileContext, validate_comment, validate_objective
from ..validate.outline import (
    CommentOutline,
    ObjectiveOutline,
    outline_comment,
    outline_objective,
)

# (rule, severity, file, line, col, message, hint): a Problem as stored and sent.
ProblemRow = tuple[str, str, str, int, int, str, str]


def to_row(problem: Problem) -> ProblemRow:
    loc = problem.loc
    return (
        problem.rule,
        problem.severity,
        loc.file,
        loc.line,
        loc.col,
        problem.message,
        problem.hint,
    )


def from_row(row: ProblemRow) -> Problem:
    rule, severity, file, line, col, message, hint = row
    return Problem(rule, severity, Loc(file, line, col), message, hint)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies a file's content: its digest, and the stat that vouches for it
    (as git's index does: a chmod, a replaced file or a new inode is a change)."""

    digest: str
    status: tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, mode


def status_of(status: os.stat_result) -> tuple[int, int, int, int, int]:
    return (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_mode,
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    rel: str
    problems: tuple[ProblemRow, ...]
    # None: nothing usable in the file, or (with a digest) taken from the cache, whose
    # outlines file is read only when the cross-file rules have to run again.
    outline: ObjectiveOutline | CommentOutline | None
    outline_digest: str  # what the cross-file rules see of this file; "" if nothing
    stamp: Stamp | None  # None: not cached (a link, an unreadable or oversized file)


def outline_digest(outline: ObjectiveOutline | CommentOutline | None) -> str:
    return digest(repr(outline).encode()) if outline is not None else ""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_plain_file(root: Path, rel: str, max_bytes: int) -> tuple[bytes, os.stat_result] | None:
    """The bytes of a regular file (not a link, a pipe, a device) within the size limit,
    with the status of what was read. None for anything else: the source's own reading
    then reports what is wrong with it.

    Opened without following a link and without waiting (a pipe's reader would wait for
    ever), and judged by the status of the open file, so a file swapped between a look
    and the read cannot pass for the one looked at."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(os.path.join(root, rel), flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
                return None
            return file.read(), status
        except OSError:
            return None


@dataclass(frozen=True, slots=True)
class Judge:
    """Judges objective and comment files of one repository state."""

    root: Path
    source: Source
    options: LoadOptions
    cycle_ids: set[str]
    context: FileContext

    def objective(self, rel: str) -> Verdict:
        return self._judge(rel, is_comment=False)

    def comment(self, rel: str) -> Verdict:
        return self._judge(rel, is_comment=True)

    def _judge(self, rel: str, is_comment: bool) -> Verdict:
        problems: list[Problem] = []
        plain = read_plain_file(self.root, rel, self.options.max_file_bytes)
        if plain is None:
            text = self.source.read_text(rel, self.options.max_file_bytes, problems)
            stamp = None
        else:
            data, status = plain
            text = decode_text(data, rel, problems)
            stamp = Stamp(digest(data), status_of(status))
        outline: ObjectiveOutline | CommentOutline | None = None
        if text is not None and is_comment:
            comment = comment_from_text(rel, text, self.options, problems)
            if comment is not None:
                problems += validate_comment(comment, self.context)
                outline = outline_comment(comment)
        elif text is not None:
            objective = objective_from_text(rel, text, self.cycle_ids, self.options, problems)
            if objective is not None:
                problems += validate_objective(objective, self.context)
                outline = outline_objective(objective)
        return Verdict(rel, tuple(map(to_row, problems)), outline, outline_digest(outline), stamp)
