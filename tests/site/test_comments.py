"""Conversation on the built site (issue 7): comments on objective pages and KR cards,
kudos on people's pages and the recognition page, recent conversation on the home page,
"Add a comment" links into GitHub and GitLab, optional giscus, git history.

Expectations come from the sample's comment files (read through the loader), or from a
tiny company built in-process with `build_site` when a test needs another forge or file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from okrsite_gen.forge import Forge
from okrsite_gen.site import SiteOptions, build_site
from tests.gitrepo import GitCompany
from tests.site.conftest import (
    REPO_ROOT,
    SAMPLE_TODAY_DATE,
    BuiltSite,
    Element,
    TinyRepo,
    parse_html,
)
from tests.site.test_pages import facts, link_to

EDGE = "2026-Q4/platform/edge-cache"
REPO_URL = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"]

# The front matter an "Add a comment" link fills in, percent-encoded as the forge gets it.
EDGE_TEMPLATE = (
    "---%0A"
    "objective%3A%20%222026-Q4%2Fplatform%2Fedge-cache{kr}%22%0A"
    "author%3A%20%20%23%20your%20person%20id%20%28see%20the%20People%20pages%29%3B"
    "%20in%20the%20file%20name%20too%0A"
    "date%3A%202026-11-23%0A"
    "kind%3A%20feedback%20%20%23%20question%20%7C%20feedback%20%7C%20kudos%0A"
    "---%0A"
)
GITHUB_EDGE = (
    "https://github.com/brightloom/okrs/new/main/content/comments/2026-Q4/platform/edge-cache"
    "?filename=2026-11-23-your-id-comment.md&value=" + EDGE_TEMPLATE.format(kr="")
)
GITHUB_EDGE_KR2 = (
    "https://github.com/brightloom/okrs/new/main/content/comments/2026-Q4/platform/edge-cache"
    "?filename=2026-11-23-your-id-kr2.md&value=" + EDGE_TEMPLATE.format(kr="%23kr2")
)


def comment_files(repo, target: str) -> list:
    """The sample's comments on an objective and its KRs, oldest first (date, file)."""
    found = [c for c in repo.comments if c.objective.partition("#")[0] == target]
    return sorted(found, key=lambda c: (c.date, c.loc.file))


def cards(element: Element) -> list[Element]:
    return element.find_all("div", cls="okr-comment")


def in_process(root: Path, **options) -> dict[str, str]:
    """Every generated file of a company built in-process with `build_site`, by path."""
    built = build_site(root, SAMPLE_TODAY_DATE, SiteOptions(**options))
    assert not built.errors, built.errors
    return {f.path: f.content for f in built.files}


# --- the objective page ------------------------------------------------------------------


def test_objective_page_lists_comments_oldest_first(sample_site: BuiltSite, sample_repo) -> None:
    page = sample_site.article(f"objectives/{EDGE}/")
    section = page.find("div", id="okr-comments")
    expected = comment_files(sample_repo, EDGE)
    assert [(c.date.isoformat(), c.author, c.kind) for c in expected] == [
        ("2026-10-21", "lukas", "question"),
        ("2026-11-17", "tomas", "kudos"),
    ]
    shown = cards(section)
    assert len(shown) == len(expected)
    for card, comment in zip(shown, expected, strict=True):
        meta = card.find("p", cls="okr-comment__meta")
        assert meta.find("time").get("datetime") == comment.date.isoformat()
        badge = meta.find("span", cls="okr-kind")
        assert f"okr-kind--{comment.kind}" in badge.classes
        assert badge.text == comment.kind.capitalize()
        # The author is linked to their person page.
        assert link_to(meta, f"people/{comment.author}/")
        first_line = comment.body.strip().splitlines()[0]
        assert first_line.split("**")[0] in card.find("div", cls="okr-comment__body").text
    # Lukas asked about key result kr2: the card says which, and links to it.
    kr = link_to(shown[0], f"objectives/{EDGE}/#kr-kr2")
    assert kr.text == "kr2 Raise the edge cache hit ratio from 40% to 85%"
    assert not shown[1].find_all("a", cls="okr-comment__kr")


def test_every_objective_shows_exactly_its_comments(sample_site: BuiltSite, sample_repo) -> None:
    commented = {c.objective.partition("#")[0] for c in sample_repo.comments}
    assert len(commented) >= 12
    for objective_id in commented:
        page = sample_site.article(f"objectives/{objective_id}/")
        shown = cards(page.find("div", id="okr-comments"))
        expected = comment_files(sample_repo, objective_id)
        assert [c.find("time").text for c in shown] == [c.date.isoformat() for c in expected]


def test_a_kr_comment_lands_on_its_kr_card(sample_site: BuiltSite) -> None:
    page = sample_site.article(f"objectives/{EDGE}/")
    on_kr2 = page.find("section", id="kr-kr2").find("div", cls="okr-kr__comments")
    assert [c.find("time").text for c in cards(on_kr2)] == ["2026-10-21"]
    assert "FX rates change every 60 seconds" in on_kr2.text
    assert link_to(cards(on_kr2)[0], "people/lukas/")
    for other in ("kr-p95", "kr-kr3", "kr-kr4"):
        assert not cards(page.find("section", id=other)), other
    # The objective-level kudos is on the page's list only, not on a KR card.
    assert "Dublin went live" not in " ".join(s.text for s in page.find_all("section"))
    # Henrik's feedback names 3ds2-frictionless#kr1: it lands on kr1 of that page.
    other = sample_site.article("objectives/2026-Q3/payments/3ds2-frictionless/")
    assert "Sparkasse" in other.find("section", id="kr-kr1").text
    assert "Sparkasse" not in other.find("section", id="kr-kr2").text


def test_the_summary_counts_the_comments(sample_site: BuiltSite) -> None:
    summary = sample_site.article(f"objectives/{EDGE}/").find("div", cls="okr-summary")
    count = facts(summary.find("dl", cls="okr-facts"))["Comments"]
    assert count.text == "2 comments (1 question, 1 kudos)"
    assert count.find("a").get("href") == "#okr-comments"
    quiet = sample_site.article("objectives/2026-Q4/platform/black-friday/")
    assert facts(quiet.find("dl", cls="okr-facts"))["Comments"].text == "0 comments"


# --- "Add a comment": the forge's new-file page ----------------------------------------------


def test_add_a_comment_links_open_githubs_new_file_page(sample_site: BuiltSite) -> None:
    assert REPO_URL.rstrip("/") == "https://github.com/brightloom/okrs"
    page = sample_site.article(f"objectives/{EDGE}/")
    button = page.find("div", id="okr-comments").find("a", cls="okr-add-comment")
    assert button.text == "Add a comment"
    assert button.get("href") == GITHUB_EDGE
    kr_link = page.find("section", id="kr-kr2").find("a", cls="okr-add-comment")
    assert kr_link.text == "Add a comment on this key result"
    assert kr_link.get("href") == GITHUB_EDGE_KR2
    # Every objective and every KR has one.
    links = page.find_all("a", cls="okr-add-comment")
    assert len(links) == 1 + len(page.find_all("section", cls="okr-kr"))


def test_add_a_comment_links_open_gitlabs_new_file_page(tiny_repo: TinyRepo) -> None:
    forge = Forge.from_url("https://gitlab.example.com/acme/okrs", branch="trunk")
    files = in_process(tiny_repo.root, forge=forge)
    page = parse_html(files["objectives/2026-Q4/acme/delight.md"])
    button = page.find("div", id="okr-comments").find("a", cls="okr-add-comment")
    template = (
        "---%0Aobjective%3A%20%222026-Q4%2Facme%2Fdelight{kr}%22%0A"
        "author%3A%20%20%23%20your%20person%20id%20%28see%20the%20People%20pages%29%3B"
        "%20in%20the%20file%20name%20too%0Adate%3A%202026-11-23%0A"
        "kind%3A%20feedback%20%20%23%20question%20%7C%20feedback%20%7C%20kudos%0A---%0A"
    )
    assert button.get("href") == (
        "https://gitlab.example.com/acme/okrs/-/new/trunk/content/comments/2026-Q4/acme/delight"
        "?file_name=2026-11-23-your-id-comment.md&content=" + template.format(kr="")
    )
    kr_link = page.find("section", id="kr-nps").find("a", cls="okr-add-comment")
    assert kr_link.get("href") == (
        "https://gitlab.example.com/acme/okrs/-/new/trunk/content/comments/2026-Q4/acme/delight"
        "?file_name=2026-11-23-your-id-nps.md&content=" + template.format(kr="%23nps")
    )


def test_the_filled_in_file_passes_check_once_signed(tiny_repo: TinyRepo) -> None:
    from okrsite_gen.pipeline import check_repo

    forge = Forge.from_url("https://github.com/acme/okrs")
    page = parse_html(in_process(tiny_repo.root, forge=forge)["objectives/2026-Q4/acme/delight.md"])
    url = urlsplit(page.find("section", id="kr-nps").find("a", cls="okr-add-comment").get("href"))
    query = parse_qs(url.query)
    folder = url.path.removeprefix("/acme/okrs/new/main/")
    rel = f"{folder}/{query['filename'][0]}"
    assert rel == "content/comments/2026-Q4/acme/delight/2026-11-23-your-id-nps.md"
    template = query["value"][0]
    # As opened: unsigned, so `okrsite check` refuses it (a comment cannot merge anonymous).
    tiny_repo.write({rel: template + "Why a stretch of 50?\n"})
    problems = check_repo(tiny_repo.root, SAMPLE_TODAY_DATE).problems
    assert [(p.rule, p.file) for p in problems] == [("missing-field", rel)]
    assert "author" in problems[0].message
    # Signed: clean, and on the KR's card.
    tiny_repo.write({rel: template.replace("author: ", "author: bob") + "Why 50?\n"})
    assert check_repo(tiny_repo.root, SAMPLE_TODAY_DATE).problems == []
    page = parse_html(in_process(tiny_repo.root)["objectives/2026-Q4/acme/delight.md"])
    assert "Why 50?" in page.find("section", id="kr-nps").text


def test_without_a_forge_the_page_says_how_to_comment_from_the_command_line(
    tiny_repo: TinyRepo,
) -> None:
    page = parse_html(in_process(tiny_repo.root)["objectives/2026-Q4/acme/delight.md"])
    assert not page.find_all("a", cls="okr-add-comment")
    assert "okrsite comment 2026-Q4/acme/delight --kind" in page.find("div", id="okr-comments").text


# --- people, recognition, home ----------------------------------------------------------------


def test_person_pages_show_kudos_received_and_comments_given(sample_site: BuiltSite) -> None:
    alice = sample_site.article("people/alice/")
    received = Element("div", children=alice.section("Kudos received"))
    # Ben's on the objective she owns; Tomás's and Maya's on objectives she contributes to.
    assert [(c.find("time").text, c.find("a").text) for c in cards(received)] == [
        ("2026-11-18", "Ben Okafor"),
        ("2026-11-17", "Tomás Herrera"),
        ("2026-09-24", "Maya Lindqvist"),
    ]
    assert link_to(
        received, "objectives/2026-Q4/alice/cache-invalidation/#comment-2026-11-18-ben-canary"
    )
    # Omar contributes to pci-4: Lukas's kudos reached him.
    omar = Element("div", children=sample_site.article("people/omar/").section("Kudos received"))
    assert "cleanest pre-audit" in omar.text
    # Comments given: Lukas wrote three, newest first, each linked to where it is.
    lukas = sample_site.article("people/lukas/")
    rows = Element("div", children=lukas.section("Comments given")).find("tbody").find_all("tr")
    assert [r.find("td").text for r in rows] == ["2026-11-21", "2026-10-21", "2026-08-05"]
    assert link_to(rows[1], f"objectives/{EDGE}/#comment-2026-10-21-lukas-hit-ratio")
    assert link_to(rows[1], f"objectives/{EDGE}/#kr-kr2")


def test_recognition_page_lists_the_kudos_newest_first(sample_site: BuiltSite, sample_repo) -> None:
    tabs = {a.text: a.resolve(a.href) for a in sample_site.page("").find_all(cls="md-tabs__link")}
    assert tabs["Recognition"] == "kudos/"
    page = sample_site.article("kudos/")
    assert page.find("h1").text.rstrip("¶") == "Recognition"
    kudos = sorted(
        (c for c in sample_repo.comments if c.kind == "kudos"),
        key=lambda c: (c.date, c.loc.file),
        reverse=True,
    )
    shown = cards(page)
    assert [c.find("time").text for c in shown] == [k.date.isoformat() for k in kudos]
    assert all("okr-comment--kudos" in c.classes for c in shown)
    # Each says whose work it recognises, and links to the comment on its objective.
    first = shown[0]
    assert link_to(first, "objectives/pci-4/#comment-2026-11-21-lukas-findings").text == (
        "Pass the PCI DSS 4.0 audit with zero open findings"
    )


def test_home_shows_the_recent_conversation(sample_site: BuiltSite, sample_repo) -> None:
    home = sample_site.article("")
    table = home.find("table", cls="okr-conversation")
    rows = table.find("tbody").find_all("tr")
    newest = sorted(sample_repo.comments, key=lambda c: (c.date, c.loc.file), reverse=True)
    assert [r.find("td").text for r in rows] == [c.date.isoformat() for c in newest[: len(rows)]]
    assert 5 <= len(rows) <= 10
    assert link_to(rows[0], "people/lukas/")
    assert "From 14 open findings to 4" in rows[0].text
    assert link_to(home, "kudos/")


# --- privacy and escaping --------------------------------------------------------------------

SECRET_OBJECTIVE = """\
    ---
    title: Acquire Initech quietly
    owner: platform
    visibility: private
    contributors: [bob]
    key_results:
      - id: loi
        title: Initech signs the letter of intent
        done: false
        owner: bob
    ---
    """


def _secret_comment(name: str, target: str, kind: str, text: str) -> dict[str, str]:
    return {
        f"content/comments/2026-Q4/platform/initech/{name}.md": f"""\
            ---
            objective: "{target}"
            author: jane
            date: 2026-11-20
            kind: {kind}
            ---
            {text}
            """
    }


def test_comments_on_a_private_objective_appear_nowhere(tiny_repo: TinyRepo) -> None:
    tiny_repo.write(
        {
            "content/okrs/2026-Q4/platform/initech.md": SECRET_OBJECTIVE,
            **_secret_comment("a", "2026-Q4/platform/initech", "kudos", "Zebra-kudos for Bob"),
            **_secret_comment("b", "2026-Q4/platform/initech#loi", "question", "Zebra-price?"),
        }
    )
    files = in_process(tiny_repo.root, forge=Forge.from_url("https://github.com/acme/okrs"))
    leaks = [
        path for path, text in files.items() if "zebra" in text.lower() or "initech" in text.lower()
    ]
    assert leaks == []
    # The public comments are still there (the filter is not "no comments at all").
    assert "1.2 s → 800 ms already" in files["kudos.md"]
    internal = in_process(tiny_repo.root, include_private=True)
    assert "Zebra-kudos for Bob" in internal["kudos.md"]
    assert "Zebra-kudos for Bob" in internal["people/bob.md"]
    assert "Zebra-price?" in internal["objectives/2026-Q4/platform/initech.md"]


def test_comment_text_is_escaped_everywhere(tiny_repo: TinyRepo) -> None:
    payload = "<script>alert(1)</script> [x](javascript:alert(2)) **bold**"
    tiny_repo.write(
        {
            "content/comments/2026-Q4/acme/delight/2026-11-21-bob-payload.md": f"""\
                ---
                objective: 2026-Q4/acme/delight
                author: bob
                date: 2026-11-21
                kind: kudos
                ---
                {payload}
                """
        }
    )
    files = in_process(tiny_repo.root)
    for path in ("objectives/2026-Q4/acme/delight.md", "kudos.md", "people/bob.md", "index.md"):
        assert "<script>alert(1)" not in files[path], path
        assert "javascript:" not in files[path], path
    page = parse_html(files["objectives/2026-Q4/acme/delight.md"])
    body = page.find("div", id="okr-comments").find_all("div", cls="okr-comment__body")[-1]
    assert "<script>alert(1)</script>" in body.text  # shown as text
    assert body.find("strong").text == "bold"  # Markdown still works


# --- giscus: off by default, Material's comments partial when configured ----------------------


def _giscus_scripts(page: Element) -> list[Element]:
    return [s for s in page.find_all("script") if "giscus" in (s.get("src") or "")]


def test_giscus_is_off_by_default(sample_site: BuiltSite) -> None:
    for file in sample_site.html_files():
        page = sample_site.page(sample_site.url_of(file))
        assert not _giscus_scripts(page), file
        assert "__okrsiteGiscusPalette" not in " ".join(s.text for s in page.find_all("script"))
        assert "__comments" not in page.ids
    for file in sample_site.files():
        assert b"giscus.app/client.js" not in file.read_bytes(), file


GISCUS = {
    "repo": "acme/okrs",
    "repo_id": "R_kgDOabc",
    "category": "OKR <comments>",
    "category_id": "DIC_kwDOxyz",
}


def _mkdocs_yml(repo: TinyRepo, giscus: dict[str, str]) -> None:
    config = {
        "site_name": "Acme OKRs",
        "theme": {"name": "material"},
        "plugins": ["search", {"okrsite": {"giscus": giscus}}],
    }
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo.root / "docs").mkdir(exist_ok=True)


def test_giscus_when_configured_follows_materials_comments_partial(tiny_repo: TinyRepo) -> None:
    _mkdocs_yml(tiny_repo, GISCUS)
    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    page = site.page("objectives/2026-Q4/acme/delight/")
    [script] = _giscus_scripts(page)
    assert script.get("src") == "https://giscus.app/client.js"
    assert {k: script.get(f"data-{k.replace('_', '-')}") for k in GISCUS} == GISCUS
    assert script.get("data-mapping") == "pathname"
    assert script.get("data-theme") == "light"
    assert "__comments" in page.ids  # Material's comments heading
    palette = " ".join(s.text for s in page.find_all("script"))
    assert "transparent_dark" in palette and "__md_get" in palette
    # The raw file escapes what the configuration says.
    raw = site.file_of("objectives/2026-Q4/acme/delight/").read_text(encoding="utf-8")
    assert 'data-category="OKR &lt;comments&gt;"' in raw
    # Objective pages only.
    for other in ("", "units/platform/", "kudos/"):
        assert not _giscus_scripts(site.page(other)), other


def test_half_a_giscus_configuration_stops_the_build(tiny_repo: TinyRepo) -> None:
    _mkdocs_yml(tiny_repo, {"repo": "acme/okrs"})
    result, _ = tiny_repo.build()
    assert result.returncode != 0
    assert "giscus needs repo, repo_id, category and category_id" in result.stderr
    assert "missing: repo_id, category, category_id" in result.stderr


# --- git history on objective pages ---------------------------------------------------------


def _git_log(path: str) -> list[list[str]]:
    try:
        output = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "log", "--format=%aI%x1f%aN%x1f%s", "-M", "--", path],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [line.split("\x1f") for line in output.splitlines()]


def test_objective_page_says_who_changed_it_last(sample_site: BuiltSite) -> None:
    source = f"content/okrs/{EDGE}.md"
    log = _git_log(source)
    if not log:
        pytest.skip("the sample is not in a git checkout here")
    page = sample_site.article(f"objectives/{EDGE}/")
    last = facts(page.find("dl", cls="okr-facts"))["Last changed"]
    assert last.text == f"on {log[0][0][:10]} by {log[0][1]}"
    rows = Element("div", children=page.section("History")).find("tbody").find_all("tr")
    assert [[td.text for td in r.find_all("td")][:2] for r in rows] == [
        [day[:10], author] for day, author, _ in log[:15]
    ]
    # Each commit links to its page on the forge.
    assert rows[0].find("a").get("href").startswith(f"{REPO_URL.rstrip('/')}/commit/")


def test_history_hides_subjects_of_commits_that_touched_a_private_objective(
    tmp_path: Path,
) -> None:
    repo = GitCompany(tmp_path / "acme")
    repo.write({"content/okrs/2026-Q4/platform/initech.md": SECRET_OBJECTIVE})
    repo.replace("content/okrs/2026-Q4/platform/pci.md", "done: false", "done: true")
    repo.commit("Initech deal: PCI first", author="Bob Builder", date="2026-11-20T10:00:00+00:00")
    public = in_process(repo.root)
    page = parse_html(public["objectives/2026-Q4/platform/pci.md"])
    history = page.find("table", cls="okr-history").text
    assert "Initech" not in history
    assert "(a change that also touched a private objective)" in history and "base" in history
    assert "on 2026-11-20 by Bob Builder" in page.find("dl", cls="okr-facts").text
    internal = in_process(repo.root, include_private=True)
    assert "Initech deal: PCI first" in internal["objectives/2026-Q4/platform/pci.md"]


def test_outside_git_there_is_no_history_section(tiny_repo: TinyRepo) -> None:
    page = parse_html(in_process(tiny_repo.root)["objectives/2026-Q4/acme/delight.md"])
    assert not page.find_all("table", cls="okr-history")
    assert "Last changed" not in page.find("dl", cls="okr-facts").text
