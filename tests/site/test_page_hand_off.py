"""Generated pages reach MkDocs as finished HTML: the site is byte for byte the one MkDocs'
own conversion makes, and a rebuild in the same process (as `okrsite serve` rebuilds),
reusing the pages an edit left unchanged, is byte for byte a cold build."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from okrsite_gen.cli.main import main
from okrsite_gen.cli.site_cmds import _config_file
from okrsite_gen.mkdocs_plugin.plugin import OkrsitePlugin
from okrsite_gen.site import SiteMemo
from tests.render.test_page_html import count_conversions
from tests.site.conftest import REPO_ROOT, SAMPLE_TODAY, _tree, build

EDITED = "content/okrs/2026-Q4/platform/edge-cache.md"


@pytest.fixture
def company(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "company"
    shutil.copytree(REPO_ROOT / "content", root / "content")  # no mkdocs.yml: defaults
    # What `okrsite build` sets in its own process; monkeypatch restores it afterwards.
    monkeypatch.setenv("OKRSITE_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23, as build sets it
    monkeypatch.setenv("OKRSITE_JOBS", "1")  # conversions counted here, not in a child
    return root


def build_here(root: Path, site: Path) -> dict[str, bytes]:
    """`okrsite build` in this process, as serve's rebuilds run."""
    assert main(["build", "--root", str(root), "-q", "-d", str(site)]) == 0
    return _tree(site)


def serve_build(root: Path, site: Path) -> dict[str, bytes]:
    """A build as `okrsite serve`'s builder runs one: a fresh config, MkDocs' build, in
    this process (which keeps converted pages for the next build)."""
    with tempfile.TemporaryDirectory() as scratch:
        config = load_config(
            config_file=_config_file(root, None, Path(scratch)), site_dir=str(site)
        )
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config)
    return _tree(site)


def cold_build(root: Path, site: Path) -> dict[str, bytes]:
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    return _tree(site)


def test_the_site_is_what_mkdocs_own_conversion_makes(
    company: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = cold_build(company, tmp_path / "ours")
    monkeypatch.setattr(OkrsitePlugin, "on_page_markdown", lambda self, md, **_: md)
    by_mkdocs = build_here(company, tmp_path / "by-mkdocs")
    assert sorted(ours) == sorted(by_mkdocs)
    assert [p for p in ours if ours[p] != by_mkdocs[p]] == []


def test_a_rebuild_after_an_edit_is_a_cold_build(
    company: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = serve_build(company, tmp_path / "first")
    objective = company / EDITED
    objective.write_text(
        objective.read_text(encoding="utf-8").replace("## Why", "## Why we do it", 1),
        encoding="utf-8",
    )
    converted = count_conversions(monkeypatch)
    rebuilt = serve_build(company, tmp_path / "rebuilt")
    pages = sum(1 for path in rebuilt if path.endswith("index.html"))
    assert 0 < len(converted) < pages / 4  # only pages the edit changed were converted
    assert rebuilt != first
    cold = cold_build(company, tmp_path / "cold")
    assert sorted(rebuilt) == sorted(cold)
    assert [p for p in cold if cold[p] != rebuilt[p]] == []


def test_only_serve_keeps_pages_between_builds() -> None:
    plugin = OkrsitePlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin._memo is None  # a one-off build holds nothing for a next one
    plugin.on_startup(command="serve", dirty=True)
    assert isinstance(plugin._memo, SiteMemo)


def test_a_written_page_lets_go_of_its_html_and_a_company_page_keeps_it() -> None:
    plugin = OkrsitePlugin()
    plugin._generated = {"objectives/x.md"}
    ours = SimpleNamespace(file=SimpleNamespace(src_uri="objectives/x.md"), content="<p>x</p>")
    theirs = SimpleNamespace(file=SimpleNamespace(src_uri="guide.md"), content="<p>y</p>")
    for page in (ours, theirs):
        assert plugin.on_post_page("output", page=page, config=None) == "output"  # type: ignore[arg-type]
    assert ours.content is None
    assert theirs.content == "<p>y</p>"
