"""`okrsite build` as a company uses it: a repository of content/ alone builds with
defaults; errors stop the build with `okrsite check`'s own lines; warnings fail --strict;
hand-written pages and template overrides work; docs_dir is never written to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main
from tests.site.conftest import (
    REPO_ROOT,
    SAMPLE_TODAY,
    BuiltSite,
    TinyRepo,
    make_tiny_repo,
    parse_html,
    run_okrsite,
)

PACKAGE_TEMPLATES = REPO_ROOT / "okrsite_gen" / "render" / "templates"
PROBLEM_LINE = re.compile(r"^(\S+:\d+:\d+): (error|warning) ([a-z0-9-]+): .*$", re.MULTILINE)


def _check(repo: TinyRepo, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`okrsite check` on the repository, in this process: (exit status, what it printed)."""
    capsys.readouterr()
    status = main(["check", "--root", str(repo.root), "--today", SAMPLE_TODAY])
    return status, capsys.readouterr().out


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory):
    """The tiny company (content/ only) built once with `okrsite build` and no options."""
    repo = make_tiny_repo(tmp_path_factory.mktemp("defaults"))
    result, site = repo.build()
    return repo, result, site


@pytest.fixture(scope="module")
def docs_build(tmp_path_factory: pytest.TempPathFactory):
    """The tiny company with one hand-written page in docs/, and docs/ before the build."""
    repo = make_tiny_repo(tmp_path_factory.mktemp("docs"))
    repo.write(
        {"docs/how-we-do-okrs.md": "# How Acme does OKRs\n\nRead the [health](health.md) report.\n"}
    )
    before = {p: p.read_bytes() for p in (repo.root / "docs").rglob("*")}
    result, site = repo.build()
    assert result.returncode == 0, result.stderr
    return repo, before, site


def test_a_repository_of_content_alone_builds_with_defaults(default_build) -> None:
    tiny_repo, result, site = default_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Material, search, the okrsite pages and assets: all there without any config.
    assert list((site.root / "assets" / "stylesheets").glob("main.*.css"))
    assert (site.root / "search" / "search_index.json").is_file()
    assert (site.root / "okrs.json").is_file()
    assert site.file_of("objectives/platform-instant-checkout/").is_file()
    assert site.article("map/2026-Q4/").find_all("svg")
    # Nothing was added to the company's repository.
    assert sorted(p.name for p in tiny_repo.root.iterdir()) == ["content"]


def test_the_default_site_name_comes_from_org_yaml_as_text(default_build) -> None:
    """org.yaml says `name: Acme & Sons <Europe>`: the name is shown, never parsed as HTML."""
    _, _, site = default_build
    home = site.page("")
    assert home.find("title").text == "Acme & Sons <Europe> - Acme & Sons <Europe> OKRs"
    header = home.find(cls="md-header__topic")
    assert header.text == "Acme & Sons <Europe> OKRs"
    # `<Europe>` stayed text: the page has no such element.
    assert not home.find_all("europe")
    for element in home.find_all(cls="md-logo"):
        assert element.get("aria-label") == "Acme & Sons <Europe> OKRs"


def test_a_hostile_org_name_cannot_inject_markup(tiny_repo: TinyRepo) -> None:
    tiny_repo.write(
        {
            "content/okrs/org.yaml": (tiny_repo.root / "content/okrs/org.yaml")
            .read_text(encoding="utf-8")
            .replace(
                "name: Acme & Sons <Europe>",
                "name: '</title><script>alert(1)</script>\"><img src=x onerror=alert(2)>'",
            )
        }
    )
    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    for url in ("", "objectives/platform-instant-checkout/", "404.html"):
        page = site.page(url)
        scripts = [s for s in page.find_all("script") if "alert" in s.text]
        assert not scripts, url
        assert not page.find_all("img", onerror=True), url


def test_validation_errors_stop_the_build_with_the_lines_check_prints(
    tiny_repo: TinyRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_repo.write(
        {
            "content/okrs/2026-Q4/platform/pci.md": """\
                ---
                title: Pass the PCI DSS 4.0 audit
                owner: nobody
                aligns_to: [2026-Q4/acme/nowhere]
                key_results:
                  - title: Auditor signs off
                    done: maybe
                ---
                """
        }
    )
    status, printed = _check(tiny_repo, capsys)
    assert status == 1
    expected = PROBLEM_LINE.findall(printed)
    assert len(expected) >= 3
    assert {rule for _, _, rule in expected} >= {"unknown-owner", "unresolved-alignment"}

    result, site = tiny_repo.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert PROBLEM_LINE.findall(output) == expected
    # The full lines, with message and hint, are the same too.
    check_lines = [m.group(0) for m in PROBLEM_LINE.finditer(printed)]
    for line in check_lines:
        assert line in output
    assert not (site.root / "index.html").exists()


def test_warnings_show_as_mkdocs_warnings_and_fail_strict(
    tiny_repo: TinyRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_repo.write(
        {
            "content/okrs/2026-Q4/sales/loved.md": """\
                ---
                title: Be loved in EMEA
                owner: sales
                themes: [growth]
                ---
                """
        }
    )
    status, printed = _check(tiny_repo, capsys)
    assert status == 0
    (warning,) = [m.group(0) for m in PROBLEM_LINE.finditer(printed)]
    assert "no-key-results" in warning

    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    assert f"WARNING -  {warning}" in result.stderr
    assert site.file_of("objectives/2026-Q4/sales/loved/").is_file()

    strict, _ = tiny_repo.build("--strict", site_dir=tiny_repo.root.parent / "strict-site")
    assert strict.returncode != 0
    assert "Traceback" not in strict.stdout + strict.stderr
    assert warning in strict.stderr
    assert "strict" in strict.stderr


def test_hand_written_pages_sit_beside_generated_ones(docs_build) -> None:
    _, _, site = docs_build
    page = site.page("how-we-do-okrs/")
    article = page.find("article")
    assert article.find("h1").text.rstrip("¶") == "How Acme does OKRs"
    # MkDocs rewrote the Markdown link to the generated page, and that page exists.
    link = article.find("a", href="../health/")
    assert site.file_of(link.resolve(link.href)).is_file()
    # The hand-written pages are in the navigation under one "Guide" tab, after the
    # generated index pages (tabs do not wrap, so one per page would overflow).
    tabs = [a.text.strip() for a in site.page("").find_all("a", cls="md-tabs__link")]
    assert tabs[:2] == ["Home", "Cycles"]
    assert tabs[-1] == "Guide"
    nav = " ".join(a.text for a in site.page("").find_all("a", cls="md-nav__link"))
    assert "How Acme does OKRs" in nav
    assert site.file_of("objectives/2026-Q4/acme/delight/").is_file()


def test_generated_pages_are_never_written_into_docs_dir(docs_build) -> None:
    repo, before, _ = docs_build
    assert {p: p.read_bytes() for p in (repo.root / "docs").rglob("*")} == before


@pytest.fixture(scope="module")
def customised_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tiny company with its own home page and its own objective template."""
    repo = make_tiny_repo(tmp_path_factory.mktemp("custom"))
    template = (PACKAGE_TEMPLATES / "objective.md.j2").read_text(encoding="utf-8")
    assert template.count("## Key results") == 1
    repo.write(
        {
            "docs/index.md": "# Welcome to Acme\n\nOur own front page.\n",
            "theme/okrsite/objective.md.j2": template.replace("## Key results", "## Our bets"),
        }
    )
    result, site = repo.build()
    assert result.returncode == 0, result.stderr
    return site


def test_a_company_home_page_wins_over_the_generated_one(customised_build: BuiltSite) -> None:
    assert customised_build.article("").find("h1").text.rstrip("¶") == "Welcome to Acme"


def test_templates_can_be_overridden_from_theme_okrsite(customised_build: BuiltSite) -> None:
    objective = customised_build.article("objectives/2026-Q4/acme/delight/")
    headings = [h.text.rstrip("¶") for h in objective.find_all("h2")]
    assert "Our bets" in headings and "Key results" not in headings
    assert objective.find_all("section", cls="okr-kr")  # the rest of the template as before
    # Only that template changed: other pages still come from the package.
    assert customised_build.article("units/platform/").find_all("dl", cls="okr-facts")


def test_the_sample_build_leaves_its_docs_folder_untouched(sample_site: BuiltSite) -> None:
    assert sample_site.docs_before, "the sample has hand-written pages in docs/"
    assert sample_site.docs_after == sample_site.docs_before
    assert sample_site.file_of("how-we-do-okrs/").is_file()


def test_build_accepts_a_config_file_outside_the_repository(
    tiny_repo: TinyRepo, tmp_path: Path
) -> None:
    config = tmp_path / "elsewhere" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text(
        "site_name: Acme internal\n"
        f"docs_dir: {tmp_path / 'no-docs'}\n"
        "theme: {name: material}\n"
        f"plugins: [search, {{okrsite: {{root: '{tiny_repo.root}'}}}}]\n",
        encoding="utf-8",
    )
    (tmp_path / "no-docs").mkdir()
    result = run_okrsite(
        "build", "-f", str(config), "--today", SAMPLE_TODAY, "-d", str(tmp_path / "out"),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    home = parse_html((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    assert home.find("title").text.endswith("Acme internal")
