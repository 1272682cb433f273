"""A git revision's files as a `MemorySource`, read from git itself in two calls.

``git ls-tree -r`` lists the revision's files under content/ (and okrsite.toml), and one
``git cat-file --batch`` streams all their contents: fast with thousands of files, and
the user never has to check the revision out.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..config import CONFIG_FILE
from ..git import GitError, run_git
from .files import CONTENT_DIR
from .source import MemorySource

__all__ = ["GitError", "revision_source"]

_LINK_MODE = "120000"
_MAX_LINK_HOPS = 40  # like the kernel's limit on nested symbolic links


def revision_source(root: Path, revision: str) -> MemorySource:
    """The files of `revision` (a commit, branch, tag...) of the repository at `root`.

    Paths are relative to `root`, which may be a sub-folder of the git repository.
    Raises `GitError` when `revision` does not name a commit or `root` is not in git.
    """
    if not revision or revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision")  # never let it pass as an option
    try:
        listing = run_git(root, "ls-tree", "-r", "-z", revision, "--", CONTENT_DIR, CONFIG_FILE)
    except GitError as error:
        raise GitError(f"cannot read revision {revision!r}: {error}") from error
    blobs: dict[str, str] = {}  # path -> object id
    links: dict[str, str] = {}  # path -> object id of the link's target text
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, object_id = meta.split(" ")
        if kind != "blob":
            continue  # a submodule: no OKR files in it
        (links if mode == _LINK_MODE else blobs)[path] = object_id
    contents = _cat_files(root, sorted({*blobs.values(), *links.values()}))
    files: dict[str, bytes | None] = {path: contents[oid] for path, oid in blobs.items()}
    outside: set[str] = set()
    for path, oid in links.items():
        target = _resolve_link(path, contents[oid], blobs, links, contents)
        if target is _OUTSIDE:
            outside.add(path)
        elif target is None:
            files[path] = None  # dangling, like a broken link on disk
        else:
            files[path] = contents[blobs[target]]
    return MemorySource(files, frozenset(outside))


_OUTSIDE = "\0outside"


def _resolve_link(
    path: str,
    text: bytes,
    blobs: dict[str, str],
    links: dict[str, str],
    contents: dict[str, bytes],
) -> str | None:
    """The file a link ends at; `_OUTSIDE` when it leaves content/; None when dangling."""
    for _ in range(_MAX_LINK_HOPS):
        target = text.decode("utf-8", "surrogateescape")
        if target.startswith("/"):
            return _OUTSIDE
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if not path.startswith(f"{CONTENT_DIR}/"):
            return _OUTSIDE
        if path in blobs:
            return path
        if path not in links:
            return None
        text = contents[links[path]]
    return None


def _cat_files(root: Path, object_ids: list[str]) -> dict[str, bytes]:
    """Contents of many blobs from one ``git cat-file --batch``."""
    if not object_ids:
        return {}
    output = run_git(
        root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in object_ids).encode()
    )
    contents: dict[str, bytes] = {}
    position = 0
    for object_id in object_ids:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split(b" ")
        if len(header) != 3:  # "<oid> missing": a broken repository
            raise GitError(f"git object {object_id} is missing")
        size = int(header[2])
        start = header_end + 1
        contents[object_id] = output[start : start + size]
        position = start + size + 1  # each object's content is followed by a newline
    return contents
