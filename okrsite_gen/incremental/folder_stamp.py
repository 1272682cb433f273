"""A folder's files by name, size and modification time: whether templates a build used
(the company's theme overrides) changed since the last build of a serve session."""

from __future__ import annotations

import os
from pathlib import Path


def folder_stamp(folder: str | Path | None) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folder` as (relative path, size, mtime in ns), sorted; () when
    there is no such folder. A file that vanishes while walked is left out."""
    if not folder or not os.path.isdir(folder):
        return ()
    stamp = []
    for base, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(base, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            relative = Path(os.path.relpath(path, folder)).as_posix()
            stamp.append((relative, info.st_size, info.st_mtime_ns))
    return tuple(sorted(stamp))
