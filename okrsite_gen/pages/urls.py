"""Stable page paths, and links between pages relative to the page they appear on.

Generated pages sit in raw HTML, which MkDocs does not rewrite, so we compute the final
relative URLs ourselves, for both `use_directory_urls` settings.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..graph.keys import split_key

# A generated file's path under docs/: plain names joined by `/`. Nothing absolute, no `..`,
# no backslash or drive letter, no `%` escapes, no name a file system would refuse.
_SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")
_MAX_NAME_BYTES = 255


class UnsafePath(ValueError):
    """A generated path that could write outside the docs folder: a bug, never written."""


def safe_site_path(path: str) -> str:
    """`path` when it is a relative, normalised path inside the docs folder; else raises
    `UnsafePath`. Every file the site generates passes through here."""
    names = path.split("/")
    if (
        _SAFE_PATH.fullmatch(path) is None
        or posixpath.normpath(path) != path
        or any(len(name) > _MAX_NAME_BYTES for name in names)
    ):
        raise UnsafePath(f"refusing to write the generated file {path!r}: not a safe path")
    return path


def objective_path(objective_id: str) -> str:
    return f"objectives/{objective_id}.md"


def page_path(key: str) -> str:
    """The Markdown path (under docs/) of a node's page: `unit:platform` -> units/platform.md."""
    node_type, ident = split_key(key)
    folder = {
        "objective": "objectives",
        "unit": "units",
        "person": "people",
        "theme": "themes",
        "cycle": "cycles",
    }[node_type]
    return f"{folder}/{ident}.md"


def _relative(target: str, base: str) -> str:
    """posixpath.relpath for site paths (no `..`), without its per-call os.getcwd():
    pages make tens of thousands of links."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


@dataclass(frozen=True, slots=True)
class Urls:
    use_directory_urls: bool = True

    def url_of(self, path: str) -> str:
        """Site URL (relative to the site root) of the page written at `path`."""
        stem = path[: -len(".md")] if path.endswith(".md") else path
        if not path.endswith(".md"):
            return path
        if not self.use_directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/"

    def link(self, from_path: str, to_path: str, anchor: str = "") -> str:
        """A relative URL from the page at `from_path` to the page or file at `to_path`."""
        here = self.url_of(from_path)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        if not here.endswith("/") and "/" not in here:
            base = ""
        target = self.url_of(to_path)
        relative = _relative(target, base)
        if target.endswith("/") or target == "":
            relative = "./" if relative == "." else relative + "/"
        return quote(relative, safe="/.-_~!$&'()*+,;=:@") + (f"#{anchor}" if anchor else "")
