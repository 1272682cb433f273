"""Where a repository's files come from: a folder on disk, or file texts held in memory.

The loader asks a `Source` which OKR files there are and for each one's text; everything
after that (front matter, YAML, schema, records) is the same code path whatever the
source, so a git revision (`okrsite diff`) is read exactly as a checkout would be.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..model import Loc, Problem
from .files import Found, classify, decode_text, discover, outside_content, read_text, within_size

__all__ = ["FolderSource", "MemorySource", "Source"]


class Source(Protocol):
    """The files of one repository state, by posix path relative to the repository root."""

    def discover(self) -> Found:
        """The OKR files (org.yaml, objectives, comments), sorted."""
        ...

    def read_text(self, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
        """A file's text, or None with a problem saying why it cannot be read."""
        ...

    def read_bytes(self, rel: str) -> bytes | None:
        """An optional file's bytes (okrsite.toml), or None when there is no such file."""
        ...


@dataclass(frozen=True, slots=True)
class FolderSource:
    """The files of a folder: a checkout's working tree."""

    root: Path

    def discover(self) -> Found:
        return discover(self.root)

    def read_text(self, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
        return read_text(self.root, rel, max_bytes, problems)

    def read_bytes(self, rel: str) -> bytes | None:
        path = self.root / rel
        return path.read_bytes() if path.is_file() else None


@dataclass(frozen=True, slots=True)
class MemorySource:
    """File contents held in memory, e.g. a git revision read with `revision_source`.

    A None content is a dangling symbolic link; `links_outside` are links that leave the
    content folder. Both are listed like files and refused as the folder source does.
    """

    files: Mapping[str, bytes | None]
    links_outside: frozenset[str] = field(default_factory=frozenset)

    def discover(self) -> Found:
        return classify([*self.files, *self.links_outside])

    def read_text(self, rel: str, max_bytes: int, problems: list[Problem]) -> str | None:
        if rel in self.links_outside:
            problems.append(outside_content(rel))
            return None
        data = self.files.get(rel)
        if data is None:
            # The message the folder source gets from the OS, so both sources report alike.
            problems.append(
                Problem(
                    "file-unreadable",
                    "error",
                    Loc(rel, 1, 1),
                    f"cannot read file: {os.strerror(errno.ENOENT)}",
                    "",
                )
            )
            return None
        if not within_size(rel, len(data), max_bytes, problems):
            return None
        return decode_text(data, rel, problems)

    def read_bytes(self, rel: str) -> bytes | None:
        return self.files.get(rel)
