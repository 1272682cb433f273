"""Find a repository's OKR files and read them as text, front matter split from body."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Loc, Problem

CONTENT_DIR = "content"
OKRS_DIR = "okrs"
COMMENTS_DIR = "comments"
ORG_FILE = "org.yaml"
OBJECTIVE_SUFFIXES = (".md", ".yaml", ".yml")
COMMENT_SUFFIXES = (".md",)
README = "readme.md"  # in any case: forges show it in the folder's listing


@dataclass(frozen=True, slots=True)
class Found:
    """The files of one repository, as paths relative to the root (posix), sorted."""

    org: str | None
    objectives: list[str]
    comments: list[str]
    # What discovery refused, each with a problem: folder links, undecodable names.
    problems: tuple[Problem, ...] = ()


def _hidden(name: str) -> bool:
    return name.startswith((".", "_"))


def _undecodable(name: str) -> bool:
    """A name whose bytes are not UTF-8 (Python hands them over as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _walk(base: Path, root: Path) -> tuple[list[str], list[Problem]]:
    """Every file below `base` outside hidden folders, relative to `root` (posix), and a
    problem for each folder it will not enter: a symbolic link, or a name not in UTF-8.

    Paths are joined as strings, not Path objects: a warm `check` of 10,000 files spends
    most of its time here otherwise."""
    content = base.resolve()
    found: list[str] = []
    refused: list[Problem] = []
    folders = [(str(base), base.relative_to(root).as_posix())]
    while folders:
        folder, rel_folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # vanished or unreadable: os.walk skipped these too
        for entry in entries:
            name = entry.name
            rel = f"{rel_folder}/{name}"
            if entry.is_dir():  # follows links, as os.walk lists linked folders
                if _hidden(name):
                    continue
                if _undecodable(name):
                    refused.append(_undecodable_name(rel))
                elif entry.is_symlink():
                    inside = Path(entry.path).resolve().is_relative_to(content)
                    refused.append(_folder_link(rel, inside))
                else:
                    folders.append((entry.path, rel))
            elif not _undecodable(name):
                found.append(rel)
            elif _okr_file_name(rel):
                refused.append(_undecodable_name(rel))
    return found, refused


def _okr_file_name(rel: str) -> bool:
    """Whether `rel` is named like an OKR file (and not hidden)."""
    return _kind(rel) is not None


def _undecodable_name(rel: str) -> Problem:
    try:  # the name's own bytes, as a folder walk or git hands them over (surrogateescape)
        shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate of no byte: shown as its code point
        shown = rel.encode("utf-8", "backslashreplace").decode("utf-8")
    return Problem(
        "file-encoding",
        "error",
        Loc(shown, 1, 1),
        "the name of this file or folder is not UTF-8: it is not read",
        "Rename it with letters, digits and `-` (the name becomes the objective's id).",
    )


def _folder_link(rel: str, inside: bool) -> Problem:
    if not inside:
        return Problem(
            "file-outside-content",
            "error",
            Loc(rel, 1, 1),
            "this symbolic link to a folder points outside the content folder: not read",
            "Move the files into content/ instead of linking to them.",
        )
    return Problem(
        "folder-link",
        "warning",
        Loc(rel, 1, 1),
        "this symbolic link to a folder is not followed: its files are read where they are",
        "Remove the link; an objective has one place (and one id).",
    )


def classify(paths: Iterable[str], problems: Iterable[Problem] = ()) -> Found:
    """Sort a repository's files (posix paths relative to its root) into OKR file kinds.

    The one rule for every source (a folder, a git revision): hidden files and folders
    (``.x``, ``_x``), READMEs (notes for people browsing the repository) and other
    suffixes are not OKR files.
    """
    org: str | None = None
    objectives: list[str] = []
    found_comments: list[str] = []
    refused = list(problems)
    for rel in sorted(paths):
        kind = _kind(rel)
        if kind is None:
            continue
        if _undecodable(rel):  # a git revision's names are not checked by a folder walk
            refused.append(_undecodable_name(rel))
        elif kind == "org":
            org = rel
        elif kind == "objective":
            objectives.append(rel)
        else:
            found_comments.append(rel)
    return Found(org, objectives, found_comments, tuple(refused))


def _kind(rel: str) -> str | None:
    """ "org", "objective" or "comment" for a path named like one, else None."""
    if rel.startswith((".", "_")) or "/." in rel or "/_" in rel:
        return None  # a hidden file, or one in a hidden folder (see _hidden)
    if rel.rpartition("/")[2].lower() == README:
        return None
    if rel == f"{CONTENT_DIR}/{OKRS_DIR}/{ORG_FILE}":
        return "org"
    if rel.startswith(f"{CONTENT_DIR}/{OKRS_DIR}/") and rel.endswith(OBJECTIVE_SUFFIXES):
        return "objective"
    if rel.startswith(f"{CONTENT_DIR}/{COMMENTS_DIR}/") and rel.endswith(COMMENT_SUFFIXES):
        return "comment"
    return None


def discover(root: Path) -> Found:
    """The OKR files in the folder `root`, and what was refused on the way."""
    content = root / CONTENT_DIR
    found = classify(*_walk(content, root)) if content.is_dir() else classify([])
    if found.org is not None and not (root / found.org).is_file():
        found = replace(found, org=None)  # a dangling link is no org.yaml
    return found


def outside_content(rel: str) -> Problem:
    return Problem(
        "file-outside-content",
        "error",
        Loc(rel, 1, 1),
        "this symbolic link points outside the content folder",
        "Copy the file into content/ instead of linking to it.",
    )


def within_size(rel: str, size: int, max_bytes: int, problems: list[Problem]) -> bool:
    """False (with a problem) when a file of `size` bytes is over the limit."""
    if size <= max_bytes:
        return True
    problems.append(
        Problem(
            "file-too-large",
            "error",
            Loc(rel, 1, 1),
            f"file is {size:,} bytes; the limit is {max_bytes:,}",
            "Split it, or raise [limits] max_file_bytes in okrsite.toml.",
        )
    )
    return False


def read_text(root: Path, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
    """The file's text, or None (with a problem) when it cannot be read as UTF-8 text."""
    path = root / rel
    if path.is_symlink():
        content = (root / CONTENT_DIR).resolve()
        if not path.resolve().is_relative_to(content):
            problems.append(outside_content(rel))
            return None
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # reading a pipe would wait forever
            problems.append(
                Problem(
                    "file-unreadable",
                    "error",
                    Loc(rel, 1, 1),
                    "not a regular file (a pipe, socket or device)",
                    "Only text files belong under content/.",
                )
            )
            return None
        if not within_size(rel, status.st_size, max_bytes, problems):
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(
            Problem(
                "file-unreadable",
                "error",
                Loc(rel, 1, 1),
                f"cannot read file: {error.strerror}",
                "",
            )
        )
        return None
    return decode_text(data, rel, problems)


def decode_text(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    """A file's bytes as text, or None (with a problem): UTF-8, no NULs, not empty.

    Shared by every source, so a file in a git revision is judged as one on disk.
    """
    where = Loc(rel, 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            Problem(
                "file-encoding",
                "error",
                Loc(rel, line, col),
                f"file is not UTF-8 text (byte 0x{data[error.start]:02x})",
                "Save the file as UTF-8 (most editors: 'Save with encoding').",
            )
        )
        return None
    if text.startswith("\ufeff"):
        problems.append(
            Problem(
                "file-bom",
                "error",
                where,
                "file starts with a byte-order mark (BOM)",
                "Save the file as UTF-8 without BOM.",
            )
        )
        text = text[1:]  # read on, so every other problem in the file is reported too
    if "\x00" in text:
        problems.append(
            Problem(
                "file-encoding",
                "error",
                where,
                "file contains NUL bytes: it looks binary",
                "Only text files belong under content/.",
            )
        )
        return None
    if not text.strip():
        problems.append(
            Problem(
                "file-empty", "error", where, "file is empty", "Write the fields, or delete it."
            )
        )
        return None
    return text


@dataclass(frozen=True, slots=True)
class Split:
    yaml_text: str
    yaml_line_offset: int  # lines above the YAML text in the file
    body: str
    body_line: int


def split_front_matter(text: str, rel: str, problems: list[Problem]) -> Split | None:
    """Split a Markdown file into its YAML front matter and body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        problems.append(
            Problem(
                "front-matter-missing",
                "error",
                Loc(rel, 1, 1),
                "Markdown file does not start with YAML front matter",
                "Start the file with a `---` line, the fields, and another `---` line.",
            )
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return Split(
                yaml_text="".join(lines[1:index]),
                yaml_line_offset=1,
                body="".join(lines[index + 1 :]).strip("\n"),
                body_line=index + 2,
            )
    problems.append(
        Problem(
            "front-matter-unclosed",
            "error",
            Loc(rel, 1, 1),
            "front matter is opened with `---` but never closed",
            "Add a `---` line after the last field, before the text.",
        )
    )
    return None
