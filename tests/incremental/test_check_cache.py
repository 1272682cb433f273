"""`okrsite check` reuses each file's verdict while the file, org.yaml, okrsite.toml and
okrsite itself are unchanged, and never reports other problems than a fresh check."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from okrsite_gen.incremental import run
from okrsite_gen.incremental.run import check_folder
from okrsite_gen.pipeline import check_repo
from tests.conftest import ORG, TODAY, Company, problems_of, where

EDITED = "content/okrs/2026-Q4/acme/delight.md"
DELIGHT_REF = "2026-Q4/acme/delight"


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _quick(company: Company, cache_dir: Path, today: date = TODAY) -> run.CheckReport:
    report = check_folder(company.root, today, cache_dir, jobs=1)
    assert report.problems == check_repo(company.root, today).problems
    return report


def _age(path: Path, seconds: int = 60) -> None:
    """Date a file's mtime back, as for a file edited a while before the check."""
    stamp = path.stat().st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _age_all(root: Path) -> None:
    for path in (root / "content").rglob("*"):
        if path.is_file():
            _age(path)


def test_a_second_run_reads_nothing_again(company: Company, cache_dir: Path) -> None:
    company.write({})
    _age_all(company.root)
    first = _quick(company, cache_dir)
    assert first.judged == first.objective_count + first.comment_count > 0
    second = _quick(company, cache_dir)
    assert (second.judged, second.reused) == (0, first.judged)


def test_an_edited_file_is_judged_again(company: Company, cache_dir: Path) -> None:
    company.write({})
    _age_all(company.root)
    _quick(company, cache_dir)
    company.replace(EDITED, "baseline: 31", "baseline: thirty")
    report = _quick(company, cache_dir)
    assert report.judged == 1
    assert [p.file for p in report.errors] == [EDITED]
    company.replace(EDITED, "baseline: thirty", "baseline: 31")
    assert _quick(company, cache_dir).errors == []


def test_cross_file_problems_follow_an_edit_to_another_file(
    company: Company, cache_dir: Path
) -> None:
    """A cached file whose parent disappears gets the unresolved-alignment error."""
    company.write({})
    before = _quick(company, cache_dir)
    assert not problems_of(before, "unresolved-alignment")  # type: ignore[arg-type]
    (company.root / EDITED).unlink()
    after = _quick(company, cache_dir)
    assert after.judged == 0
    broken = problems_of(after, "unresolved-alignment")  # type: ignore[arg-type]
    assert {p.file for p in broken} == {
        "content/okrs/2026-Q4/platform/instant-checkout.yaml",
        "content/okrs/2026-Q4/platform/pci.md",
    }
    assert all(DELIGHT_REF in p.message for p in broken)


def test_org_and_settings_edits_judge_every_file_again(company: Company, cache_dir: Path) -> None:
    company.write({})
    first = _quick(company, cache_dir)
    company.replace(ORG, "name: Platform", "name: Platform team")
    assert _quick(company, cache_dir).judged == first.judged
    assert _quick(company, cache_dir).judged == 0
    company.write({"okrsite.toml": "[guidance]\nmax_key_results = 1\n"})
    settled = _quick(company, cache_dir)
    assert settled.judged == first.judged
    assert problems_of(settled, "max-key-results")  # type: ignore[arg-type]


def test_another_day_reuses_verdicts_but_judges_tracking_again(
    company: Company, cache_dir: Path
) -> None:
    untracked = (
        "---\ntitle: Untracked\nowner: platform\nthemes: [trust]\nkey_results:\n"
        "  - title: Cut tickets from 50 to 20\n    baseline: 50\n    target: 20\n---\n"
    )
    company.write({"content/okrs/2026-Q4/platform/untracked.md": untracked})
    early = _quick(company, cache_dir, date(2026, 10, 5))
    late = _quick(company, cache_dir, TODAY)
    assert late.judged == 0
    assert not problems_of(early, "metric-untracked")  # type: ignore[arg-type]
    assert problems_of(late, "metric-untracked")  # type: ignore[arg-type]


def test_new_and_deleted_files(company: Company, cache_dir: Path) -> None:
    company.write({})
    first = _quick(company, cache_dir)
    extra = "content/okrs/2026-Q4/platform/extra.md"
    company.write({extra: "---\ntitle: Extra\nowner: platform\nthemes: [bogus]\n---\n"})
    added = _quick(company, cache_dir)
    assert (added.judged, added.objective_count) == (1, first.objective_count + 1)
    assert ("unknown-theme", extra) in [(p.rule, p.file) for p in added.problems]
    (company.root / extra).unlink()
    gone = _quick(company, cache_dir)
    assert gone.objective_count == first.objective_count
    assert extra not in {p.file for p in gone.problems}


def test_a_same_size_rewrite_in_the_same_instant_is_still_noticed(
    company: Company, cache_dir: Path
) -> None:
    """A file written just before a run is hashed again next time, even if a second write
    kept its size and mtime (the "racy" case git guards against too)."""
    company.write({})
    path = company.root / EDITED
    _quick(company, cache_dir)  # written moments ago: its stamp is not trusted
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("baseline: 31", "baseline: 3x"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    report = _quick(company, cache_dir)
    assert report.judged == 1 and [p.file for p in report.errors] == [EDITED]


def _files_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths this process opens from now on, by either door."""
    opened: list[str] = []
    real_open, real_os_open = open, os.open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    def spy_os_open(path: object, *args: object, **kwargs: object) -> int:
        opened.append(str(path))
        return real_os_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("builtins.open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    return opened


def _objective_files(opened: list[str]) -> list[str]:
    # org.yaml is read on every run: the cache is keyed on its bytes.
    return [name for name in opened if "/content/" in name and not name.endswith("org.yaml")]


def test_unchanged_old_files_are_not_read(
    company: Company, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    company.write({})
    _age_all(company.root)
    _quick(company, cache_dir)
    opened = _files_opened(monkeypatch)
    check_folder(company.root, TODAY, cache_dir, jobs=1)
    assert _objective_files(opened) == []
    assert any(name.endswith("org.yaml") for name in opened)  # the spy sees reads


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b"[]",
        b'{"format": 1}',
        b'{"format": 1, "key": "x", "files": 3}',
        None,  # filled in below: the right key, entries of the wrong shapes
    ],
)
def test_a_damaged_cache_is_a_miss(company: Company, cache_dir: Path, damage: bytes | None) -> None:
    company.write({EDITED: "---\ntitle: Broken\nowner: nobody\n---\n"})
    _quick(company, cache_dir)
    (cache_file,) = cache_dir.glob("check-" + "?" * 24 + ".json")
    if damage is None:
        stored = json.loads(cache_file.read_text(encoding="utf-8"))
        for rel in stored["files"]:
            stored["files"][rel] = [1, 2, "x", [["bad"]], {"a": 1}, 5]
        stored["org"]["cycles"] = "nonsense"
        damage = json.dumps(stored).encode()
    cache_file.write_bytes(damage)
    report = _quick(company, cache_dir)  # problems as a fresh check: asserted inside
    assert report.reused == 0
    assert ("unknown-owner", EDITED) in [(p.rule, p.file) for p in report.problems]


def test_no_cache_dir_writes_nothing_and_the_repository_is_untouched(
    company: Company, cache_dir: Path
) -> None:
    company.write({})
    before = sorted(p.relative_to(company.root) for p in company.root.rglob("*"))
    check_folder(company.root, TODAY, None, jobs=1)
    check_folder(company.root, TODAY, cache_dir, jobs=1)
    after = sorted(p.relative_to(company.root) for p in company.root.rglob("*"))
    assert before == after
    assert len(list(cache_dir.glob("check-" + "?" * 24 + ".json"))) == 1


def test_parallel_judging_gives_the_serial_problems(
    company: Company, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {
        f"content/okrs/2026-Q4/platform/generated-{n}.md": (
            f"---\ntitle: Generated {n}\nowner: {'platform' if n % 3 else 'nobody'}\n"
            f"aligns_to: [2026-Q4/engineering/reliable{'' if n % 4 else '-typo'}]\n"
            "key_results:\n  - title: Ship it\n    done: false\n---\n"
        )
        for n in range(40)
    }
    company.write(many)
    monkeypatch.setattr(run, "PARALLEL_FROM", 2)
    parallel = check_folder(company.root, TODAY, None, jobs=2)
    serial = check_folder(company.root, TODAY, None, jobs=1)
    assert parallel.problems == serial.problems == check_repo(company.root, TODAY).problems
    assert where(problems_of(parallel, "unknown-owner"))  # type: ignore[arg-type]


def test_a_cross_file_problem_goes_when_another_file_fixes_it(
    company: Company, cache_dir: Path
) -> None:
    company.write({})
    pci = company.root / "content/okrs/2026-Q4/platform/pci.md"
    text = pci.read_text(encoding="utf-8")
    pci.unlink()
    broken = _quick(company, cache_dir)
    assert problems_of(broken, "unresolved-dependency")  # type: ignore[arg-type]
    pci.write_text(text, encoding="utf-8")
    fixed = _quick(company, cache_dir)
    assert fixed.judged == 1
    assert not problems_of(fixed, "unresolved-dependency")  # type: ignore[arg-type]
    assert _quick(company, cache_dir, date(2026, 10, 5)).judged == 0


def test_a_lost_outlines_file_means_judging_again(company: Company, cache_dir: Path) -> None:
    company.write({})
    first = _quick(company, cache_dir)
    (outlines,) = cache_dir.glob("check-*-outlines-*.json")
    outlines.unlink()
    # Another day: the cross-file rules run again and need every outline.
    again = _quick(company, cache_dir, date(2026, 12, 1))
    assert again.judged == first.judged
    assert len(list(cache_dir.glob("check-*-outlines-*.json"))) == 1


def test_old_outlines_files_are_removed(company: Company, cache_dir: Path) -> None:
    company.write({})
    _quick(company, cache_dir)
    company.replace(EDITED, "aligns_to: [2026/acme/grow#kr1]", "aligns_to: [2026/acme/grow]")
    _quick(company, cache_dir)
    assert len(list(cache_dir.glob("check-*-outlines-*.json"))) == 1
    assert len(list(cache_dir.iterdir())) == 2


def test_the_code_fingerprint_follows_the_source_not_its_mtime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another okrsite (an edited rule) judges afresh; the same code installed again on a
    fresh CI runner (new mtimes) keeps the cache."""
    from types import SimpleNamespace

    from okrsite_gen.incremental.cache import code_fingerprint

    source = tmp_path / "fake_rules.py"
    source.write_text("RULE = 1\n", encoding="utf-8")
    monkeypatch.setitem(
        sys.modules, "okrsite_gen.fake_rules", SimpleNamespace(__file__=str(source))
    )
    before = code_fingerprint()
    _age(source, 3600)
    assert code_fingerprint() == before
    source.write_text("RULE = 2\n", encoding="utf-8")
    changed = code_fingerprint()
    assert changed != before
    # Command-line modules judge nothing; which are loaded depends on how okrsite started.
    monkeypatch.setitem(sys.modules, "okrsite_gen.cli.other", SimpleNamespace(__file__=str(source)))
    assert code_fingerprint() == changed


def test_a_cache_that_cannot_be_written_is_no_error(company: Company, tmp_path: Path) -> None:
    company.write({EDITED: "---\ntitle: Broken\nowner: nobody\n---\n"})
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("occupied", encoding="utf-8")
    for _ in range(2):
        report = _quick(company, not_a_folder)  # problems as a fresh check: asserted inside
        assert report.reused == 0
    assert not_a_folder.read_text(encoding="utf-8") == "occupied"


# --- Files that change kind, damaged caches, the cache's own upkeep -----------------------


def test_a_cached_file_replaced_by_a_pipe_is_judged_not_waited_on(
    company: Company, cache_dir: Path
) -> None:
    empty = "content/okrs/2026-Q4/acme/empty.yaml"
    company.write({empty: b""})
    _age_all(company.root)
    _quick(company, cache_dir)
    (company.root / empty).unlink()
    os.mkfifo(company.root / empty)
    signal.alarm(20)  # a regression would wait for a writer for ever
    try:
        report = _quick(company, cache_dir)
    finally:
        signal.alarm(0)
    assert ("file-unreadable", empty) in [(p.rule, p.file) for p in report.problems]


@pytest.mark.parametrize("rel", [EDITED, ORG])
def test_a_file_replaced_by_a_link_outside_with_the_same_bytes_is_refused(
    company: Company, cache_dir: Path, rel: str
) -> None:
    company.write({})
    _age_all(company.root)
    _quick(company, cache_dir)
    path = company.root / rel
    outside = company.root.parent / f"{company.root.name}-outside-{path.name}"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    report = _quick(company, cache_dir)  # problems as a fresh check: asserted inside
    assert ("file-outside-content", rel) in [(p.rule, p.file) for p in report.problems]


@pytest.mark.parametrize(
    "damage",
    [
        # A problem row's line number that JSON reads but no int() takes.
        lambda text: re.sub(r'("error","content/[^"]+",)\d+', r"\1Infinity", text, count=1),
        lambda text: "[" * 100_000 + "]" * 100_000,
    ],
    ids=["infinity", "deep-nesting"],
)
def test_a_cache_damaged_beyond_its_shape_is_a_miss(
    company: Company, cache_dir: Path, damage: Callable[[str], str]
) -> None:
    company.write({EDITED: "---\ntitle: Broken\nowner: nobody\n---\n"})
    _quick(company, cache_dir)
    (verdicts_file,) = cache_dir.glob("check-" + "?" * 24 + ".json")
    original = verdicts_file.read_text(encoding="utf-8")
    damaged = damage(original)
    assert damaged != original  # the damage took
    verdicts_file.write_text(damaged, encoding="utf-8")
    report = _quick(company, cache_dir, date(2026, 12, 1))  # problems as fresh: inside
    assert report.judged >= 1


def test_a_lost_outline_keeps_the_files_order(company: Company, cache_dir: Path) -> None:
    """Which of two files with one id is "first" follows the files' order, also when one
    outline had to be judged again."""
    twin = "---\nid: twin\ntitle: Twin {n}\nowner: acme\ncycle: 2026-Q4\nthemes: [growth]\n---\n"
    company.write(
        {
            "content/okrs/2026-Q4/a-first.md": twin.format(n=1),
            "content/okrs/2026-Q4/b-second.md": twin.format(n=2),
        }
    )
    _quick(company, cache_dir)
    (outlines_file,) = cache_dir.glob("check-*-outlines-*.json")
    outlines = json.loads(outlines_file.read_text(encoding="utf-8"))
    del outlines["content/okrs/2026-Q4/a-first.md"]
    outlines_file.write_text(json.dumps(outlines), encoding="utf-8")
    report = _quick(company, cache_dir, date(2026, 12, 1))
    duplicate = problems_of(report, "duplicate-id")  # type: ignore[arg-type]
    assert [p.file for p in duplicate] == ["content/okrs/2026-Q4/b-second.md"]


def test_files_read_again_for_a_new_stat_are_not_read_a_third_time(
    company: Company, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout or a touch gives every file a new stat, not new content: the next run
    hashes them and keeps their new stat, the one after reads nothing."""
    company.write({})
    _quick(company, cache_dir)  # right after writing: every stamp is "racy"
    _age_all(company.root)
    assert _quick(company, cache_dir).judged == 0  # re-hashed, same content
    opened = _files_opened(monkeypatch)
    check_folder(company.root, TODAY, cache_dir, jobs=1)
    assert _objective_files(opened) == []


def test_only_the_current_outlines_file_is_kept(company: Company, cache_dir: Path) -> None:
    company.write({})
    _quick(company, cache_dir)
    company.replace(ORG, "name: Platform", "name: Platform team")  # a new cache key
    company.replace(EDITED, "aligns_to: [2026/acme/grow#kr1]", "aligns_to: [2026/acme/grow]")
    _quick(company, cache_dir)
    assert len(list(cache_dir.glob("check-*-outlines-*.json"))) == 1


def test_a_cache_folder_inside_the_repository_is_not_used(company: Company) -> None:
    company.write({})
    inside = company.root / ".okrsite-cache"
    check_folder(company.root, TODAY, inside, jobs=1)
    assert not inside.exists()
