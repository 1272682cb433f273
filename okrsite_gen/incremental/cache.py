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
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..model import Cycle, Loc
from ..validate import OrgIndex
from .judge import ProblemRow, Stamp, Verdict, digest, read_plain_file, status_of

CACHE_ENV = "OKRSITE_CACHE_DIR"
FORMAT = 2
RACY_NS = 2_000_000_000  # a stamp this close to the run's start is hashed again next time


def default_cache_dir() -> Path:
    if configured := os.environ.get(CACHE_ENV):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "okrsite")


def code_fingerprint() -> str:
    """The source of okrsite's modules that `check` has loaded: another version, or an
    edit to a rule while developing okrsite, must not reuse the old code's verdicts; an
    edit to the site's templates need not. Contents, not mtimes: installing the same
    version again (a fresh CI runner) keeps the cache."""
    hasher = hashlib.blake2b(digest_size=16)
    # The parser's messages differ between PyYAML's C and Python loaders and versions.
    versions = (sys.version, yaml.__version__, getattr(yaml, "__with_libyaml__", False))
    hasher.update(repr(versions).encode())
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None)
        # Not the command line's modules: which of them are loaded depends on how okrsite
        # was started (`okrsite`, `python -m`), and they judge nothing.
        if name.startswith("okrsite_gen") and not name.startswith("okrsite_gen.cli") and path:
            with open(path, "rb") as file:
                hasher.update(f"{name}\0".encode() + file.read() + b"\0")
    return hasher.hexdigest()


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
    """The verdicts of one repository's previous run, if they still apply.

    Two files: the verdicts (problems, stamps, outline digests), read on every run; and
    the outlines themselves, read only when the cross-file rules must run again, named
    after the outlines they hold so the verdicts always point at matching ones."""

    path: Path | None  # None: caching is off
    root: Path
    key: str
    org: CachedOrg | None = None
    entries: dict[str, list[Any]] = field(default_factory=dict)  # rel -> stored verdict
    started_ns: int = 0
    # The cross-file rules' problems, and the digest of what they were run on.
    cross_key: str = ""
    cross_problems: tuple[ProblemRow, ...] = ()
    outlines_name: str = ""  # the file of outlines that goes with the verdicts
    max_bytes: int = 1_000_000  # [limits] max_file_bytes: a larger file is never read here
    refreshed: int = 0  # verdicts whose file was re-read (new stat, same content)

    @classmethod
    def open(
        cls, cache_dir: Path | None, root: Path, key: str, started_ns: int, max_bytes: int
    ) -> CheckCache:
        if cache_dir is None or _inside(cache_dir, root):
            # Inside the repository, the cache could be committed with the files it vouches
            # for ($OKRSITE_CACHE_DIR pointed there, say for a CI cache): not used.
            return cls(None, root, key, started_ns=started_ns, max_bytes=max_bytes)
        name = hashlib.blake2b(str(root).encode(), digest_size=12).hexdigest()
        path = cache_dir / f"check-{name}.json"
        cache = cls(path, root, key, started_ns=started_ns, max_bytes=max_bytes)
        try:
            with open(path, "rb") as file:
                stored = json.loads(file.read())
            if stored.get("key") == key and stored.get("format") == FORMAT:
                cache.org = CachedOrg.from_json(stored["org"])
                cache.entries = dict(stored["files"])
                cache.cross_key = str(stored["cross"]["key"])
                cache.cross_problems = tuple(_row(row) for row in stored["cross"]["problems"])
                cache.outlines_name = str(stored["outlines"])
        except Exception:  # missing or damaged, however (even Infinity, deep nesting): start afresh
            cache.org, cache.entries = None, {}
            cache.cross_key, cache.cross_problems, cache.outlines_name = "", (), ""
        return cache

    def lookup(self, rel: str) -> Verdict | None:
        """The stored verdict for `rel` if the file is still what it was, else None.
        Its outline stays in the outlines file (see `stored_outlines`)."""
        entry = self.entries.get(rel)
        if entry is None:
            return None
        try:
            known_status, known_digest, rows, known_outline = entry
            status = os.lstat(self.path_of(rel))
            if not stat.S_ISREG(status.st_mode):
                return None  # now a link, a pipe...: judged afresh, and refused there
            current = status_of(status)
            if known_status is None or list(current) != known_status:
                plain = read_plain_file(self.root, rel, self.max_bytes)
                if plain is None or digest(plain[0]) != known_digest:
                    return None
                current = status_of(plain[1])
                self.refreshed += 1  # the same content: keep its new stat for next time
            problems = tuple(_row(row) for row in rows)
            return Verdict(rel, problems, None, str(known_outline), Stamp(known_digest, current))
        except Exception:  # a damaged entry is a miss, whatever its damage
            return None

    def stored_outlines(self) -> dict[str, Any]:
        """Each file's outline in JSON form, by path; empty when there is none to read."""
        if self.path is None or not self.outlines_name:
            return {}
        try:
            with open(self.path.parent / self.outlines_name, "rb") as file:
                stored = json.loads(file.read())
            return stored if isinstance(stored, dict) else {}
        except Exception:  # missing or damaged: every outline is judged again
            return {}

    def has_outlines(self, outlines_key: str) -> bool:
        """Whether the outlines file of the last run holds the outlines `outlines_key` names."""
        return self.path is not None and self.outlines_name == self._outlines_name(outlines_key)

    def _outlines_name(self, outlines_key: str) -> str:
        assert self.path is not None
        return f"{self.path.stem}-outlines-{outlines_key[:16]}.json"

    def path_of(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def save(
        self,
        org_file: str,
        org: CachedOrg,
        verdicts: Iterable[Verdict],
        cross: tuple[str, Iterable[ProblemRow]],
        outlines: tuple[str, dict[str, Any] | None],  # their digest; themselves if new
    ) -> None:
        """Write this run's verdicts, and its outlines when they changed (`outlines` is
        their digest and, if changed, themselves). Atomically; a cache that cannot be
        written is no error, only a slower next run."""
        if self.path is None:
            return
        files = {}
        for verdict in verdicts:
            stamp = verdict.stamp
            if stamp is None:
                continue
            mtime_ns = stamp.status[1]
            racy = mtime_ns >= self.started_ns - RACY_NS
            files[verdict.rel] = [
                None if racy else stamp.status,  # None: hash it next time, whatever its stat
                stamp.digest,
                verdict.problems,
                verdict.outline_digest,
            ]
        outlines_key, changed = outlines
        outlines_name = self._outlines_name(outlines_key)
        document = {
            "format": FORMAT,
            "key": self.key,
            "org": org.to_json(org_file),
            "files": files,
            "cross": {"key": cross[0], "problems": list(cross[1])},
            "outlines": outlines_name,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if changed is not None:
                _write_json(self.path.parent / outlines_name, changed)
            _write_json(self.path, document)  # after its outlines
        except OSError:
            return
        # Outlines files of earlier runs (or of another check running at the same time,
        # whose next run then judges every file again: slower, never wrong).
        for stale in self.path.parent.glob(f"{self.path.stem}-outlines-*.json"):
            if stale.name != outlines_name:
                stale.unlink(missing_ok=True)


def _write_json(path: Path, document: object) -> None:
    """Write `document` to `path` atomically (a reader sees the old file or the new)."""
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, prefix=".check-", suffix=".tmp", delete=False, encoding="utf-8"
    ) as file:
        temporary = file.name
        try:
            # dumps, then one write: json.dump writes piece by piece, several times slower.
            file.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    try:
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def _inside(folder: Path, root: Path) -> bool:
    return folder.resolve().is_relative_to(root.resolve())
