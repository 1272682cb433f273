"""`okrsite serve` rebuilds with a `SiteMemo`: files whose text is unchanged are not parsed
again, and a node's page is made again only if it read something the edit changed. Each
edit below is followed by a build with the memo and one without: their files must be the
same, byte for byte. One memo lives through every edit, as in one serve session."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from okrsite_gen.site import SiteBuild, SiteMemo, SiteOptions, build_site

from .conftest import REPO_ROOT, SAMPLE_TODAY_DATE

LEAF = "content/okrs/2026-Q4/alice/cache-invalidation.md"  # aligns up, nothing aligns to it
TOP = "content/okrs/2026-Q4/brightloom/trust.md"  # a company objective
EDGE = "content/okrs/2026-Q4/platform/edge-cache.md"


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _write(rel: str, text: str | None) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    return edit


NEW_OBJECTIVE = """---
title: Teach every engineer the cache's rules
owner: ben
aligns_to: [2026-Q4/alice/cache-invalidation]
key_results:
  - title: 30 engineers through the cache workshop
    unit: engineers
    baseline: 0
    target: 30
    current: 12
---
A new leaf with 😀 “curly quotes” and <b>HTML</b>.
"""

KUDOS = """---
objective: 2026-Q4/platform/edge-cache
author: alice
date: 2026-11-20
kind: kudos
---
Hit ratio at 71% — great work.
"""

EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a leaf's narrative", _replace(LEAF, "a canary that changes", "a canary that moves")),
    ("a leaf's title", _replace(LEAF, "Make cache invalidation boring", "Invalidation, boring")),
    ("a company objective's title", _replace(TOP, "Pass PCI DSS 4.0", "Pass PCI DSS 4.0.1")),
    ("a KR's current value", _replace(EDGE, "current: 71", "current: 74")),
    (
        "a new check-in",
        _replace(
            EDGE,
            "      - {date: 2026-11-16, value: 71, confidence: 0.7, by: alice}\n",
            "      - {date: 2026-11-16, value: 71, confidence: 0.7, by: alice}\n"
            "      - {date: 2026-11-20, value: 74, confidence: 0.7, by: alice}\n",
        ),
    ),
    ("a new objective", _write("content/okrs/2026-Q4/ben/cache-school.md", NEW_OBJECTIVE)),
    ("a new kudos", _write("content/comments/2026-Q4/platform/2026-11-20-alice.md", KUDOS)),
    (
        "a comment removed",
        _write("content/comments/2026-Q4/alice/cache-invalidation/2026-11-18-ben-canary.md", None),
    ),
    ("another owner", _replace(LEAF, "owner: alice", "owner: ben")),
    (
        "an alignment moved",
        _replace(
            LEAF,
            "2026-Q4/platform/edge-cache",
            TOP.removeprefix("content/okrs/").removesuffix(".md"),
        ),
    ),
    ("made private", _replace(EDGE, "owner: platform\n", "owner: platform\nvisibility: private\n")),
    ("an objective others align to removed (errors)", _write(EDGE, None)),
    ("it is back", _write(EDGE, (REPO_ROOT / EDGE).read_text(encoding="utf-8"))),
    ("the new objective removed", _write("content/okrs/2026-Q4/ben/cache-school.md", None)),
    (
        "a person renamed in org.yaml",
        _replace("content/okrs/org.yaml", "name: Ben Okafor", "name: Ben O. Okafor"),
    ),
]


def _files(built: SiteBuild) -> dict[str, str]:
    return {f.path: f.content for f in built.files}


@pytest.mark.parametrize("include_private", [False, True], ids=["public", "internal"])
def test_every_rebuild_with_the_memo_equals_a_fresh_build(
    tmp_path: Path, include_private: bool
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "content", root / "content")
    options = SiteOptions(include_private=include_private)
    memo = SiteMemo()
    first = build_site(root, SAMPLE_TODAY_DATE, options, memo)
    assert first.files and not first.errors
    assert memo.pages.reused == 0
    pages = memo.pages.made
    for what, edit in EDITS:
        edit(root)
        with_memo = build_site(root, SAMPLE_TODAY_DATE, options, memo)
        fresh = build_site(root, SAMPLE_TODAY_DATE, options)
        assert with_memo.problems == fresh.problems, what
        assert bool(fresh.errors) == ("errors" in what), (what, fresh.errors)
        assert _files(with_memo) == _files(fresh), what
        if what == "a leaf's narrative":
            # Its page and the few that read its node (owner, people, the objective it
            # aligns to); every other node page is the last build's.
            assert 1 <= memo.pages.made <= 10, memo.pages.made
            assert memo.pages.reused == pages - memo.pages.made
            assert memo.files.parsed == 1  # the one edited file
    # org.yaml is every page's business: nothing reused after it changed.
    assert memo.pages.reused == 0 and memo.pages.made == pages


def test_a_build_that_fails_leaves_the_memo_as_the_last_finished_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "content", root / "content")
    memo = SiteMemo()
    build_site(root, SAMPLE_TODAY_DATE, SiteOptions(), memo)
    _replace(LEAF, "Make cache invalidation boring", "Invalidation, boring")(root)

    def broken(ctx: object) -> None:  # a page builder that breaks after the node pages
        raise RuntimeError("interrupted")

    with monkeypatch.context() as patch:
        patch.setattr("okrsite_gen.site.kudos_page", broken)
        with pytest.raises(RuntimeError):
            build_site(root, SAMPLE_TODAY_DATE, SiteOptions(), memo)
    again = build_site(root, SAMPLE_TODAY_DATE, SiteOptions(), memo)
    assert _files(again) == _files(build_site(root, SAMPLE_TODAY_DATE, SiteOptions()))


def test_a_changed_template_override_makes_every_node_page_again(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO_ROOT / "content", root / "content")
    template = REPO_ROOT / "okrsite_gen/render/templates/objective.md.j2"
    override = root / "theme/okrsite/objective.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    memo = SiteMemo()
    build_site(root, SAMPLE_TODAY_DATE, SiteOptions(), memo)
    override.write_text(
        template.read_text(encoding="utf-8") + "\nReviewed by the OKR guild.\n", encoding="utf-8"
    )
    with_memo = build_site(root, SAMPLE_TODAY_DATE, SiteOptions(), memo)
    assert memo.pages.reused == 0
    assert _files(with_memo) == _files(build_site(root, SAMPLE_TODAY_DATE, SiteOptions()))
    assert (
        "Reviewed by the OKR guild."
        in _files(with_memo)["objectives/2026-Q4/platform/edge-cache.md"]
    )
