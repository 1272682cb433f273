"""`okrsite serve`'s rebuilds render only the pages an edit changed, and the site they leave
is exactly what a clean build of the edited repository gives.

`Serve` does in this process what MkDocs' serve does with okrsite's build type: one
`on_startup(command="serve", dirty=True)`, the first build with that config, then for each
rebuild a fresh `load_config` (which hands back the same plugin objects: MkDocs keeps one
object per plugin that defines on_startup, for the whole process) and `build(...,
dirty=True)`, site_url set to the server's address. The reference is a clean build of the
same repository in another process, as `okrsite serve --full-rebuilds` builds.

A page counts as rendered when the rebuild wrote its file: every HTML file's mtime is set
far in the past before the rebuild.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from okrsite_gen.cli import site_cmds
from okrsite_gen.cli.main import main
from okrsite_gen.cli.site_cmds import SERVE_BUILD_TYPE, default_config
from okrsite_gen.mkdocs_plugin.rebuild import DIRTY_WARNING
from tests.conftest import VALID_REPO, write_files
from tests.site.conftest import SAMPLE_TODAY, TinyRepo, _tree

URL = "http://127.0.0.1:8000/"  # serve sets site_url to its own address
LONG_AGO = 1_000_000_000  # 2001: an mtime no build writes
INDEX = "search/search_index.json"
LOAD_TEST = "content/okrs/2026-Q3/platform/load-test.md"  # nothing aligns to it
LOAD_TEST_PAGE = "objectives/2026-Q3/platform/load-test/index.html"
GUIDE = "docs/guide.md"

# A clean build in a process of its own, as `okrsite serve --full-rebuilds` builds.
CLEAN_BUILD = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, url = sys.argv[1:4]
config = load_config(config_file=config_file, site_dir=site_dir)
config.site_url = url
config.plugins.on_startup(command="serve", dirty=False)
try:
    build(config, serve_url=url, dirty=False)
finally:
    config.plugins.on_shutdown()
"""


class Serve:
    """MkDocs' serve (build_type="dirty") without its server, in this process."""

    def __init__(self, config_file: Path, site_dir: Path) -> None:
        assert SERVE_BUILD_TYPE == "dirty"
        self.config_file = config_file
        self.site_dir = site_dir
        self._first: MkDocsConfig | None = self._config()
        self._first.plugins.on_startup(command="serve", dirty=True)
        self._startup = self._first

    def _config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = URL
        return config

    def build(self) -> set[str]:
        """One (re)build; the HTML files it wrote, 404.html aside (written every time)."""
        pages = list(self.site_dir.rglob("*.html"))
        for page in pages:
            os.utime(page, (LONG_AGO, LONG_AGO))
        config, self._first = self._first or self._config(), None
        build(config, serve_url=URL, dirty=True)
        return {
            p.relative_to(self.site_dir).as_posix()
            for p in self.site_dir.rglob("*.html")
            if p.stat().st_mtime != LONG_AGO and p.name != "404.html"
        }

    def close(self) -> None:
        self._startup.plugins.on_shutdown()


@pytest.fixture
def company(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TinyRepo:
    """The tiny company with a mkdocs.yml (okrsite's defaults) and one hand-written page."""
    monkeypatch.setenv("OKRSITE_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # the sitemap's date: fixed
    root = tmp_path / "acme"
    write_files(root, VALID_REPO)
    repo = TinyRepo(root)
    config = default_config(root, root / "docs")
    repo.write(
        {
            "mkdocs.yml": yaml.safe_dump(config, sort_keys=False),
            GUIDE: "# How Acme does OKRs\n\nRead [the health report](health.md).\n",
        }
    )
    return repo


@pytest.fixture
def served(company: TinyRepo, tmp_path: Path):
    serve = Serve(company.root / "mkdocs.yml", tmp_path / "served")
    yield serve
    serve.close()


def clean_build(config_file: Path, site_dir: Path) -> dict[str, bytes]:
    result = subprocess.run(
        [sys.executable, "-c", CLEAN_BUILD, str(config_file), str(site_dir), URL],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return _tree(site_dir)


def assert_same_site(served: Serve, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The served site_dir is the clean build's, file for file and byte for byte.

    search_index.json is compared as its config and its entries as a sorted list (what
    search needs), then byte for byte too: the merge puts entries in page order, as a
    clean build writes them. The sitemap needs no exception: both builds date it by
    SOURCE_DATE_EPOCH and list the same pages under the same site_url.
    """
    clean = clean_build(served.config_file, tmp_path / name)
    dirty = _tree(served.site_dir)
    assert sorted(dirty) == sorted(clean)
    mine, theirs = json.loads(dirty[INDEX]), json.loads(clean[INDEX])
    assert mine["config"] == theirs["config"]
    key = lambda entry: json.dumps(entry, sort_keys=True)  # noqa: E731
    assert sorted(mine["docs"], key=key) == sorted(theirs["docs"], key=key)
    differ = sorted(path for path in clean if dirty[path] != clean[path])
    assert differ == []
    return clean


def entries_of(site: Path, page_url: str) -> list[str]:
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    return [e["location"] for e in index["docs"] if e["location"].partition("#")[0] == page_url]


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}


def retitle(company: TinyRepo, rel: str, title: str) -> None:
    path = company.root / rel
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(line, f"title: {title}", 1), encoding="utf-8")


# --- the build type -----------------------------------------------------------------------


@pytest.mark.parametrize(("options", "build_type"), [((), "dirty"), (("--full-rebuilds",), None)])
def test_okrsite_serve_builds_dirty_unless_told_otherwise(
    company: TinyRepo,
    monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
    build_type: str | None,
) -> None:
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(site_cmds, "serve", lambda **kwargs: calls.append(kwargs))
    assert main(["serve", "--root", str(company.root), "--today", SAMPLE_TODAY, *options]) == 0
    assert [call["build_type"] for call in calls] == [build_type]


# --- rebuilds -----------------------------------------------------------------------------


def test_the_first_build_renders_every_page_and_equals_a_clean_build(
    served: Serve, tmp_path: Path
) -> None:
    rendered = served.build()
    assert rendered == html_pages(served.site_dir)
    assert_same_site(served, tmp_path, "clean")


def test_a_rebuild_without_changes_renders_only_the_hand_written_page(
    served: Serve, tmp_path: Path
) -> None:
    served.build()
    assert served.build() == {"guide/index.html"}
    assert_same_site(served, tmp_path, "clean")


def test_a_title_edit_renders_the_pages_that_show_it_and_equals_a_clean_build(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    served.build()
    total = len(html_pages(served.site_dir))
    retitle(company, LOAD_TEST, "Survive Black Friday traffic ×4")
    rendered = served.build()
    assert LOAD_TEST_PAGE in rendered
    assert "guide/index.html" in rendered  # hand-written pages: every time
    # The objective, its parent, unit, owner, cycle, lists and maps; not the other pages.
    assert len(rendered) <= total // 2, sorted(rendered)
    assert "objectives/2026-Q4/platform/pci/index.html" not in rendered
    page = (served.site_dir / LOAD_TEST_PAGE).read_text(encoding="utf-8")
    assert "Survive Black Friday traffic ×4" in page
    clean = assert_same_site(served, tmp_path, "clean")
    assert any("traffic ×4" in entry["title"] for entry in json.loads(clean[INDEX])["docs"])


def test_a_deleted_objective_leaves_no_page_and_no_search_entry(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    served.build()
    page_url = "objectives/2026-Q3/platform/load-test/"
    assert entries_of(served.site_dir, page_url)
    company.write({LOAD_TEST: None})
    rendered = served.build()
    assert not (served.site_dir / page_url).exists()  # the file and its folder
    assert entries_of(served.site_dir, page_url) == []
    assert len(rendered) < len(html_pages(served.site_dir))
    assert_same_site(served, tmp_path, "clean")


def test_an_added_objective_gets_its_page_and_search_entries(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    served.build()
    company.write(
        {
            "content/okrs/2026-Q4/platform/uptime.md": """\
                ---
                title: Keep checkout up through the holidays
                owner: platform
                aligns_to: [2026-Q4/acme/delight]
                key_results:
                  - title: 99.99% checkout availability
                    done: false
                ---
                """
        }
    )
    rendered = served.build()
    assert "objectives/2026-Q4/platform/uptime/index.html" in rendered
    assert entries_of(served.site_dir, "objectives/2026-Q4/platform/uptime/")
    assert_same_site(served, tmp_path, "clean")


def test_a_change_to_mkdocs_yml_renders_every_page(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    served.build()
    config = yaml.safe_load((company.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["copyright"] = "© Acme 2026"
    company.write({"mkdocs.yml": yaml.safe_dump(config, sort_keys=False)})
    assert served.build() == html_pages(served.site_dir)
    clean = assert_same_site(served, tmp_path, "clean")
    assert "© Acme 2026" in clean["objectives/2026-Q4/platform/pci/index.html"].decode()


def test_a_new_nav_title_renders_every_page(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    """The guide's title is in every page's navigation."""
    served.build()
    company.write({GUIDE: "# How Acme runs its OKRs\n\nRead [the health report](health.md).\n"})
    assert served.build() == html_pages(served.site_dir)
    clean = assert_same_site(served, tmp_path, "clean")
    assert "How Acme runs its OKRs" in clean["objectives/2026-Q4/platform/pci/index.html"].decode()


def test_tags_listings_and_the_tag_links_to_them_stay_complete(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    """Material's tags plugin: a listing shows every page's tags, and every page's tags
    link to the listings."""
    served.build()
    company.write({GUIDE: "# How Acme does OKRs\n\n<!-- material/tags -->\n"})
    served.build()
    assert_same_site(served, tmp_path, "listing")
    pci = company.root / "content/okrs/2026-Q4/platform/pci.md"
    text = pci.read_text(encoding="utf-8")
    pci.write_text(text.replace("owner: bob\n", "owner: bob\ntags: [audit]\n"), encoding="utf-8")
    rendered = served.build()
    assert {"guide/index.html", "objectives/2026-Q4/platform/pci/index.html"} <= rendered
    assert len(rendered) <= len(html_pages(served.site_dir)) // 2
    clean = assert_same_site(served, tmp_path, "tagged")
    assert 'id="tag:audit"' in clean["guide/index.html"].decode("utf-8")


def test_a_build_stopped_by_bad_okrs_leaves_the_next_rebuild_partial(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    served.build()
    path = company.root / LOAD_TEST
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("owner: platform", "owner: nobody-we-know"), encoding="utf-8")
    with pytest.raises(Abort):  # okrsite's PluginError, as MkDocs reports it
        served.build()
    path.write_text(good.replace("×3", "×5"), encoding="utf-8")
    rendered = served.build()
    assert LOAD_TEST_PAGE in rendered
    assert len(rendered) <= len(html_pages(served.site_dir)) // 2
    assert_same_site(served, tmp_path, "clean")


def test_mkdocs_own_search_plugin_means_full_rebuilds_and_a_complete_index(
    company: TinyRepo, tmp_path: Path
) -> None:
    config = yaml.safe_load((company.root / "mkdocs.yml").read_text(encoding="utf-8"))
    # "/search": MkDocs' own search plugin, even under Material (which has no dirty merge
    # of its own there: a partial rebuild would write an index of the rendered pages only).
    config["plugins"] = ["/search", *config["plugins"][1:]]
    company.write({"mkdocs.yml": yaml.safe_dump(config, sort_keys=False)})
    served = Serve(company.root / "mkdocs.yml", tmp_path / "served")
    try:
        served.build()
        retitle(company, LOAD_TEST, "Survive Black Friday traffic ×4")
        assert served.build() == html_pages(served.site_dir)
        clean = assert_same_site(served, tmp_path, "clean")
        index = json.loads(clean[INDEX])
        assert any("traffic ×4" in entry["title"] for entry in index["docs"])
    finally:
        served.close()


def test_dirty_builds_log_no_dirty_warning(
    served: Serve, company: TinyRepo, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        served.build()
        retitle(company, LOAD_TEST, "Survive Black Friday traffic ×4")
        served.build()
    assert not [r for r in caplog.records if DIRTY_WARNING in r.getMessage()]
    # Only that message: the build's other messages still show.
    other = logging.getLogger("mkdocs.commands.build")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        other.warning("Something else")
    assert "Something else" in caplog.text


def test_a_company_page_at_a_generated_pages_address_is_left_out_with_a_warning(
    served: Serve, company: TinyRepo, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # docs/cycles.md and the generated cycles/index.md both make cycles/index.html.
    company.write({"docs/cycles.md": "# How our cycles work\n\nQuarters and a year.\n"})
    with caplog.at_level("WARNING", logger="mkdocs.plugins.okrsite"):
        served.build()
    assert any("docs/cycles.md is left out" in r.getMessage() for r in caplog.records)
    clean = assert_same_site(served, tmp_path, "clean-first")
    assert "How our cycles work" not in clean["cycles/index.html"].decode("utf-8")
    assert len(entries_of(served.site_dir, "cycles/")) == len(
        set(entries_of(served.site_dir, "cycles/"))
    )
    retitle(company, LOAD_TEST, "Survive Black Friday traffic x4")  # any edit
    served.build()
    assert_same_site(served, tmp_path, "clean-rebuilt")


def test_snippets_files_edited_reach_every_page(company: TinyRepo, tmp_path: Path) -> None:
    # pymdownx.snippets' auto_append adds a file to every page: a page's HTML is no longer
    # a function of its text, so a rebuild must convert and render every page again.
    config = yaml.safe_load((company.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = [
        *config["markdown_extensions"],
        {
            "pymdownx.snippets": {
                "auto_append": ["footer.txt"],
                "base_path": [str(company.root / "snippets")],
                "check_paths": True,
            }
        },
    ]
    company.write(
        {
            "mkdocs.yml": yaml.safe_dump(config, sort_keys=False),
            "snippets/footer.txt": "Owned by the OKR guild.\n",
        }
    )
    served = Serve(company.root / "mkdocs.yml", tmp_path / "served")
    try:
        served.build()
        company.write({"snippets/footer.txt": "Owned by the strategy team.\n"})
        assert served.build() == html_pages(served.site_dir)
        clean = assert_same_site(served, tmp_path, "clean")
        assert "strategy team" in clean[LOAD_TEST_PAGE].decode("utf-8")
    finally:
        served.close()


def test_a_company_file_replaced_by_an_older_one_is_copied_again(
    served: Serve, company: TinyRepo, tmp_path: Path
) -> None:
    company.write({"docs/logo.svg": "<svg>new</svg>"})
    served.build()
    logo = company.root / "docs/logo.svg"
    logo.write_text("<svg>old</svg>", encoding="utf-8")
    os.utime(logo, (1_000_000_000, 1_000_000_000))  # `cp -p` of an older file
    served.build()
    assert (served.site_dir / "logo.svg").read_text(encoding="utf-8") == "<svg>old</svg>"
    assert_same_site(served, tmp_path, "clean")
