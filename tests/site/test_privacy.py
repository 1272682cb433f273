"""Private objectives never reach a public build: no page, title, id, KR, search entry,
diagram node, backlink, comment, sitemap URL or export row — in any byte of any file.
With `include_private: true` they are all there."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest
import yaml

from okrsite_gen.site import SiteOptions, build_site
from tests.site.conftest import (
    PRIVATE_ID,
    REPO_ROOT,
    SAMPLE_TODAY,
    SAMPLE_TODAY_DATE,
    BuiltSite,
    TinyRepo,
    run_okrsite,
)

PRIVATE_FILE = REPO_ROOT / "content" / "okrs" / f"{PRIVATE_ID}.md"


def _private_strings() -> list[str]:
    """The private objective's id, title, KR titles and tags, read from its file."""
    text = PRIVATE_FILE.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["visibility"] == "private"
    strings = [PRIVATE_ID, front["title"], "project-heron", "Project Heron"]
    strings += [kr["title"] for kr in front["key_results"]]
    strings += [t for t in front["tags"]]  # m-and-a, confidential: used nowhere else
    strings += ["Nordic PSP", "Confidential — board and leadership team only"]
    return strings


PRIVATE_STRINGS = _private_strings()


def _forms(text: str) -> set[str]:
    """The ways a string can be written into HTML, JSON or a URL."""
    return {
        text,
        html.escape(text),
        html.escape(text, quote=False),
        text.replace("'", "&#39;"),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
        text.replace(" ", "%20"),
    }


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, gzip files unpacked (sitemap.xml.gz)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            result[path.relative_to(folder).as_posix()] = data
    return result


def _leaks(files: dict[str, bytes], strings: list[str]) -> list[str]:
    found = []
    for name, data in files.items():
        lowered = data.lower()
        for text in strings:
            for form in _forms(text):
                if form.lower().encode("utf-8") in lowered:
                    found.append(f"{name}: {form!r}")
                    break
    return found


def test_the_sample_has_a_private_objective_with_a_rich_trace() -> None:
    # A guard: if the sample lost its private objective, the tests below would prove nothing.
    assert len(PRIVATE_STRINGS) >= 8
    public = b"".join(
        p.read_bytes()
        for p in (REPO_ROOT / "content").rglob("*")
        if p.is_file() and p != PRIVATE_FILE
    ).lower()
    # Every string we grep for is unique to the private file.
    assert not [s for s in PRIVATE_STRINGS if s.lower().encode() in public]


def test_no_byte_of_the_public_build_mentions_the_private_objective(
    sample_site: BuiltSite,
) -> None:
    files = _contents(sample_site.root)
    # The places a leak would hide are part of the build.
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "okrs.json"} <= set(files)
    assert not _leaks(files, PRIVATE_STRINGS)


def test_public_pages_around_the_private_objective_leave_it_out(sample_site: BuiltSite) -> None:
    assert not sample_site.file_of(f"objectives/{PRIVATE_ID}/").exists()
    # Its owner, contributors, theme and cycle are public; their pages do not list it.
    maya = sample_site.article("people/maya/").text
    assert "Heron" not in maya
    export = json.loads((sample_site.root / "okrs.json").read_text(encoding="utf-8"))
    assert PRIVATE_ID not in {o["id"] for o in export["objectives"]}
    q4 = next(c for c in export["cycles"] if c["id"] == "2026-Q4")
    q4_files = [p for p in (REPO_ROOT / "content/okrs/2026-Q4").rglob("*") if p.is_file()]
    assert q4["rollup"]["objectives"] == len(q4_files) - 1


def _build_with_site_url(folder: Path, include_private: bool) -> BuiltSite:
    """The sample built from a copy of its mkdocs.yml with a site_url (so the sitemap lists
    every page) and `include_private` set as given."""
    config = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for index, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "okrsite" in plugin:
            options = {**plugin["okrsite"], "include_private": include_private}
            config["plugins"][index] = {"okrsite": {**options, "root": str(REPO_ROOT)}}
    config["docs_dir"] = str(REPO_ROOT / config.get("docs_dir", "docs"))
    config["site_url"] = "https://okrs.brightloom.example/"
    config["theme"]["custom_dir"] = str(REPO_ROOT / config["theme"]["custom_dir"])
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = folder / "site"
    result = run_okrsite(
        "build",
        "--root",
        str(REPO_ROOT),
        "-f",
        str(config_file),
        "--today",
        SAMPLE_TODAY,
        "-d",
        str(site),
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return BuiltSite(site, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _build_with_site_url(tmp_path_factory.mktemp("internal"), include_private=True)


def test_a_public_build_with_a_sitemap_leaves_it_out(tmp_path: Path) -> None:
    site = _build_with_site_url(tmp_path, include_private=False)
    files = _contents(site.root)
    assert files["sitemap.xml"].count(b"<loc>") > 100
    assert b"objectives/2026-Q4/platform/edge-cache/" in files["sitemap.xml"]
    assert not _leaks(files, PRIVATE_STRINGS)


def test_an_internal_build_includes_the_private_objective_everywhere(
    internal_site: BuiltSite,
) -> None:
    files = _contents(internal_site.root)
    page = f"objectives/{PRIVATE_ID}/index.html"
    assert page in files
    article = internal_site.article(f"objectives/{PRIVATE_ID}/")
    assert "private" in article.find("dl", cls="okr-facts").text
    for text in PRIVATE_STRINGS[1:2] + PRIVATE_STRINGS[4:7]:  # the title and the KR titles
        for name in (page, "search/search_index.json", "okrs.json"):
            assert _leaks({name: files[name]}, [text]), f"{text!r} missing from {name}"
    assert _leaks({"sitemap.xml": files["sitemap.xml"]}, [PRIVATE_ID])
    assert _leaks({"map": files["map/2026-Q4/index.html"]}, [f"objective:{PRIVATE_ID}"])
    assert _leaks({"maya": files["people/maya/index.html"]}, [PRIVATE_STRINGS[1]])
    export = json.loads(files["okrs.json"])
    assert export["public"] is False
    assert PRIVATE_ID in {o["id"] for o in export["objectives"]}


# --- private objectives linked from public ones (a tiny company, the pure pipeline) ---------

SECRET = "Buy Globex quietly"


PRIVATE_FILES = {
    "content/okrs/2026-Q4/acme/globex.md": f"""\
        ---
        title: {SECRET}
        owner: acme
        visibility: private
        themes: [growth]
        tags: [globex-deal]
        key_results:
          - id: signed
            title: Globex signs the letter of intent
            done: false
            checkins:
              - {{date: 2026-11-01, done: false, note: "Globex lawyers stalling", by: jane}}
        ---
        The Globex narrative.
        """,
    "content/okrs/2026-Q4/platform/globex-integration.md": """\
        ---
        title: Integrate the new payment rails
        owner: platform
        aligns_to: ["2026-Q4/acme/globex#signed"]
        depends_on: [2026-Q4/acme/globex]
        key_results:
          - title: Rails are ready
            measured_by: 2026-Q4/acme/globex
        ---
        """,
    "content/comments/2026-Q4/acme/globex/2026-11-03-bob-globex-price.md": """\
        ---
        objective: 2026-Q4/acme/globex
        author: bob
        date: 2026-11-03
        kind: question
        ---
        Is Globex worth 40 M?
        """,
    "content/comments/2026-Q4/acme/globex/2026-11-04-jane-kudos.md": """\
        ---
        objective: 2026-Q4/acme/globex#signed
        author: jane
        date: 2026-11-04
        kind: kudos
        ---
        Brilliant Globex negotiation, Bob.
        """,
}
GLOBEX_SECRETS = [
    SECRET,
    "2026-Q4/acme/globex",
    "acme/globex",
    "globex-deal",
    "Globex signs",
    "Globex lawyers",
    "Globex narrative",
    "Globex worth",
    "Globex negotiation",
    "globex-price",
]


def test_links_to_a_private_objective_say_only_that_it_is_private(tiny_repo: TinyRepo) -> None:
    tiny_repo.write(PRIVATE_FILES)

    public = build_site(tiny_repo.root, SAMPLE_TODAY_DATE, SiteOptions())
    assert not public.errors, public.errors
    files = {f.path: f.content.encode("utf-8") for f in public.files}
    assert not _leaks(files, GLOBEX_SECRETS)
    page = files["objectives/2026-Q4/platform/globex-integration.md"].decode("utf-8")
    assert "1 private objective" in page

    internal = build_site(tiny_repo.root, SAMPLE_TODAY_DATE, SiteOptions(include_private=True))
    files = {f.path: f.content.encode("utf-8") for f in internal.files}
    assert _leaks({"page": files["objectives/2026-Q4/acme/globex.md"]}, [SECRET, "Globex signs"])
    page = files["objectives/2026-Q4/platform/globex-integration.md"]
    assert _leaks({"backlink": page}, [SECRET])


# --- a real public build of a company with a commented private goal -------------------------


def test_every_byte_of_a_public_build_leaves_a_commented_private_goal_out(
    tiny_repo: TinyRepo, tmp_path: Path
) -> None:
    tiny_repo.write(
        {
            **PRIVATE_FILES,
            "docs/about.md": "# About\n",
            "mkdocs.yml": """\
                site_name: Acme OKRs
                site_url: https://okrs.acme.example/
                theme:
                  name: material
                plugins:
                  - search
                  - tags
                  - okrsite
                """,
        }
    )
    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    files = _contents(site.root)
    assert {"sitemap.xml", "search/search_index.json", "okrs.json"} <= set(files)
    assert files["sitemap.xml"].count(b"<loc>") > 20  # the sitemap lists pages (site_url)
    assert not _leaks(files, GLOBEX_SECRETS)
    # Feeds, activity and tags pages, if the site has them, are part of `files` above.
    aligned = site.article("objectives/2026-Q4/platform/globex-integration/")
    facts = aligned.find("dl", cls="okr-facts").text
    assert "1 private objective" in facts
    # And the same company built for the inside has it all.
    config = (tiny_repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    (tiny_repo.root / "mkdocs.yml").write_text(
        config.replace("  - okrsite\n", "  - okrsite:\n      include_private: true\n"),
        encoding="utf-8",
    )
    internal, inside = tiny_repo.build(site_dir=tmp_path / "internal")
    assert internal.returncode == 0, internal.stderr
    everything = _contents(inside.root)
    assert _leaks(everything, [SECRET]) and _leaks(everything, ["Globex worth"])


@pytest.mark.parametrize("output_format", ["json", "csv", "graphml"])
def test_okrsite_export_leaves_private_goals_out_unless_asked(
    tiny_repo: TinyRepo, output_format: str
) -> None:
    tiny_repo.write(PRIVATE_FILES)
    common = ["export", "--root", str(tiny_repo.root), "--today", SAMPLE_TODAY]
    public = run_okrsite(*common, "--format", output_format, cwd=tiny_repo.root)
    assert public.returncode == 0, public.stderr
    assert "globex-integration" in public.stdout
    assert not _leaks({"export": public.stdout.encode()}, GLOBEX_SECRETS)
    internal = run_okrsite(
        *common, "--format", output_format, "--include-private", cwd=tiny_repo.root
    )
    assert _leaks({"export": internal.stdout.encode()}, [SECRET])
