"""The check cache: each file's verdict, kept between runs and keyed by its content.

One JSON file per repository, outside it: `$OKRSITE_CACHE_DIR`, else
`$XDG_CACHE_HOME/okrsite`, else `~/.cache/okrsite`. Outside, because a cache inside the
repository could be committed by a pull request to vouch for files it never checked.
JSON, never pickle, so reading a damaged or hostile cache can only miss.

A verdict is reused when the cache's key (okrsite's own code, org.yaml, okrsite.toml)
is unchanged and the file's digest matches. A file whose size and mtime match what was
recorded is not even read, as git does; except when it was written so recently before
being recorded that a second write could have kept both (a "racy" stamp).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Cycle, Loc
from ..validate import OrgIndex
from .judge import ProblemRow, Stamp, Verdict, digest

CACHE_ENV = "OKRSITE_CACHE_DIR"
FORMAT = 1
RACY_NS = 2_000_000_000  # a stamp this close to the run's start is hashed again next time


def default_cache_dir() -> Path:
    if configured := os.environ.get(CACHE_ENV):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "okrsite")


def code_fingerprint() -> str:
    """okrsite's own source files (names, sizes, mtimes): another version, or an edit to
    a rule while developing okrsite, must not reuse verdicts of the old code."""
    package = Path(__file__).resolve().parent.parent
    parts = []
    for folder, _dirs, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def cache_key(org_bytes: bytes | None, config_bytes: bytes | None) -> str:
    """What every verdict depends on besides its own file."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{FORMAT}:{code_fingerprint()}".encode())
    for data in (org_bytes, config_bytes):
        hasher.update(b"\x00-" if data is None else b"\x00+" + hashlib.sha256(data).digest())
    return hasher.hexdigest()


@dataclass(slots=True)
class CachedOrg:
    """What the per-file and cross-file rules need of org.yaml, and its own problems."""

    index: OrgIndex
    problems: tuple[ProblemRow, ...]

    def to_json(self, org_file: str) -> dict[str, Any]:
        index = self.index
        return {
            "file": org_file,
            "readable": index.readable,
            "units": list(index.units),
            "people": list(index.people),
            "themes": list(index.themes),
            "cycles": [
                [c.id, c.start and c.start.isoformat(), c.end and c.end.isoformat(), c.title]
                for c in index.cycles.values()
            ],
            "problems": self.problems,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CachedOrg:
        where = Loc(str(data["file"]))
        cycles = [
            Cycle(where, id=str(cid), start=_day(start), end=_day(end), title=str(title))
            for cid, start, end, title in data["cycles"]
        ]
        if not data["readable"]:
            index = OrgIndex(readable=False)
        else:
            index = OrgIndex.from_ids(
                [str(u) for u in data["units"]],
                [str(p) for p in data["people"]],
                [str(t) for t in data["themes"]],
                cycles,
            )
        return cls(index, tuple(_row(row) for row in data["problems"]))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _row(row: list[Any]) -> ProblemRow:
    rule, severity, file, line, col, message, hint = row
    return (str(rule), str(severity), str(file), int(line), int(col), str(message), str(hint))


@dataclass(slots=True)
class CheckCache:
    """The verdicts of one repository's previous run, if they still apply."""

    path: Path | None  # None: caching is off
    root: Path
    key: str
    org: CachedOrg | None = None
    entries: dict[str, list[Any]] = field(default_factory=dict)  # rel -> stored verdict
    started_ns: int = 0
    # The cross-file rules' problems, and the digest of the outlines they came from.
    cross_key: str = ""
    cross_problems: tuple[ProblemRow, ...] = ()

    @classmethod
    def open(cls, cache_dir: Path | None, root: Path, key: str, started_ns: int) -> CheckCache:
        if cache_dir is None:
            return cls(None, root, key, started_ns=started_ns)
        name = hashlib.blake2b(str(root).encode(), digest_size=12).hexdigest()
        cache = cls(cache_dir / f"check-{name}.json", root, key, started_ns=started_ns)
        try:
            with open(cache.path, "rb") as file:  # type: ignore[arg-type]
                stored = json.load(file)
            if stored.get("key") == key and stored.get("format") == FORMAT:
                cache.org = CachedOrg.from_json(stored["org"])
                cache.entries = dict(stored["files"])
                cache.cross_key = str(stored["cross"]["key"])
                cache.cross_problems = tuple(_row(row) for row in stored["cross"]["problems"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            cache.org, cache.entries = None, {}  # missing or damaged: start afresh
            cache.cross_key, cache.cross_problems = "", ()
        return cache

    def lookup(self, rel: str) -> Verdict | None:
        """The stored verdict for `rel` if the file is still what it was, else None."""
        entry = self.entries.get(rel)
        if entry is None:
            return None
        try:
            size, mtime_ns, known_digest, rows, outline, known_outline = entry
            status = os.lstat(self.path_of(rel))
            if status.st_size != size:
                return None
            if status.st_mtime_ns != mtime_ns or mtime_ns == 0:
                with open(self.path_of(rel), "rb") as file:
                    data = file.read()
                if digest(data) != known_digest:
                    return None
                mtime_ns = status.st_mtime_ns
            if not (isinstance(outline, list) or outline is None):
                return None
            problems = tuple(_row(row) for row in rows)
            stamp = Stamp(str(known_digest), size, mtime_ns)
            return Verdict(rel, problems, outline, str(known_outline), stamp)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def path_of(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def save(
        self,
        org_file: str,
        org: CachedOrg,
        verdicts: Iterable[Verdict],
        cross_key: str,
        cross_problems: Iterable[ProblemRow],
    ) -> None:
        """Write this run's verdicts (atomically; a cache that cannot be written is no
        error, only a slower next run)."""
        if self.path is None:
            return
        files = {}
        for verdict in verdicts:
            stamp = verdict.stamp
            if stamp is None:
                continue
            racy = stamp.mtime_ns >= self.started_ns - RACY_NS
            files[verdict.rel] = [
                stamp.size,
                0 if racy else stamp.mtime_ns,
                stamp.digest,
                verdict.problems,
                verdict.outline,
                verdict.outline_digest,
            ]
        document = {
            "format": FORMAT,
            "key": self.key,
            "org": org.to_json(org_file),
            "files": files,
            "cross": {"key": cross_key, "problems": list(cross_problems)},
        }
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=self.path.parent, prefix=".check-", suffix=".tmp", delete=False
            ) as file:
                temporary = file.name
                # dumps, then one write: json.dump writes piece by piece, several times slower.
                file.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, self.path)
        except OSError:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
