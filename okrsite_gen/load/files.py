"""Find a repository's OKR files and read them as text, front matter split from body."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..model import Loc, Problem

CONTENT_DIR = "content"
OKRS_DIR = "okrs"
COMMENTS_DIR = "comments"
ORG_FILE = "org.yaml"
OBJECTIVE_SUFFIXES = (".md", ".yaml", ".yml")
COMMENT_SUFFIXES = (".md",)


@dataclass(frozen=True, slots=True)
class Found:
    """The files of one repository, as paths relative to the root (posix), sorted."""

    org: str | None
    objectives: list[str]
    comments: list[str]


def _walk(base: Path, root: Path, suffixes: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for folder, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in filenames:
            if name.startswith((".", "_")) or not name.endswith(suffixes):
                continue
            found.append(Path(folder, name).relative_to(root).as_posix())
    found.sort()
    return found


def discover(root: Path) -> Found:
    okrs = root / CONTENT_DIR / OKRS_DIR
    org = okrs / ORG_FILE
    objectives = [
        path
        for path in (_walk(okrs, root, OBJECTIVE_SUFFIXES) if okrs.is_dir() else [])
        if path != f"{CONTENT_DIR}/{OKRS_DIR}/{ORG_FILE}"
    ]
    comments_dir = root / CONTENT_DIR / COMMENTS_DIR
    comments = _walk(comments_dir, root, COMMENT_SUFFIXES) if comments_dir.is_dir() else []
    return Found(
        org=org.relative_to(root).as_posix() if org.is_file() else None,
        objectives=objectives,
        comments=comments,
    )


def read_text(root: Path, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
    """The file's text, or None (with a problem) when it cannot be read as UTF-8 text."""
    path = root / rel
    where = Loc(rel, 1, 1)
    if path.is_symlink():
        content = (root / CONTENT_DIR).resolve()
        if not path.resolve().is_relative_to(content):
            problems.append(
                Problem(
                    "file-outside-content",
                    "error",
                    where,
                    "this symbolic link points outside the content folder",
                    "Copy the file into content/ instead of linking to it.",
                )
            )
            return None
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.append(
                Problem(
                    "file-too-large",
                    "error",
                    where,
                    f"file is {size:,} bytes; the limit is {max_bytes:,}",
                    "Split it, or raise [limits] max_file_bytes in okrsite.toml.",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(
            Problem("file-unreadable", "error", where, f"cannot read file: {error.strerror}", "")
        )
        return None
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
