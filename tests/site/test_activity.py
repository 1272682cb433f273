"""Check-ins, activity and reviews on the built site (issue 7): each KR's check-in chart,
the latest check-in notes, a cycle's activity page and Atom feed, a finished cycle's
review page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from okrsite_gen.site import SiteOptions, build_site
from tests.gitrepo import GitCompany
from tests.site.conftest import SAMPLE_TODAY_DATE, BuiltSite, Element, TinyRepo, parse_html
from tests.site.test_pages import facts, link_to

ATOM = "{http://www.w3.org/2005/Atom}"
EDGE = "2026-Q4/platform/edge-cache"


def in_process(root: Path, **options) -> dict[str, str]:
    built = build_site(root, SAMPLE_TODAY_DATE, SiteOptions(**options))
    assert not built.errors, built.errors
    return {f.path: f.content for f in built.files}


# --- check-in charts and the latest notes ---------------------------------------------------


def _number(element: Element, name: str) -> float:
    return float(element.get(name))


def test_each_kr_with_check_ins_has_a_chart_of_value_against_target(sample_site: BuiltSite) -> None:
    # KR p95 of edge-cache: 710 ms -> 350 ms (stretch 220 ms), four check-ins at 60%.
    kr = sample_site.article(f"objectives/{EDGE}/").find("section", id="kr-p95")
    svg = kr.find("figure", cls="okr-chart-wrap").find("svg", cls="okr-chart")
    assert not svg.find_all("script") and not svg.find_all("a")
    frame = svg.find("rect", cls="okr-chart__frame")
    left, width = _number(frame, "x"), _number(frame, "width")
    top, height = _number(frame, "y"), _number(frame, "height")
    lines = {
        name: _number(svg.find("line", cls=f"okr-chart__{name}"), "y1")
        for name in ("baseline", "target", "stretch")
    }
    # Lower is better: the target sits below the baseline, the stretch below the target.
    assert top <= lines["baseline"] < lines["target"] < lines["stretch"] <= top + height
    labels = [t.text for t in svg.find_all("text", cls="okr-chart__label")]
    assert labels == ["baseline 710 ms", "target 350 ms", "stretch 220 ms"]
    points = svg.find_all("circle", cls="okr-chart__point")
    assert [p.get("data-date") for p in points] == [
        "2026-10-05",
        "2026-10-19",
        "2026-11-02",
        "2026-11-16",
    ]
    xs = [_number(p, "cx") for p in points]
    ys = [_number(p, "cy") for p in points]
    assert xs == sorted(xs) and all(left <= x <= left + width for x in xs)
    # x is the date within the cycle (2026-10-01 .. 2026-12-31).
    share = (date(2026, 11, 16) - date(2026, 10, 1)).days / (
        date(2026, 12, 31) - date(2026, 10, 1)
    ).days
    assert xs[-1] == pytest.approx(left + share * width, abs=0.2)
    # 700 -> 455 ms: each point lower (further from the baseline) than the one before.
    assert ys == sorted(ys) and lines["baseline"] < ys[0] < lines["target"]
    assert [c.text for c in svg.find_all("text", cls="okr-chart__confidence")] == ["60%"] * 4
    assert "455 ms · confidence 60% · Remaining gap is the fraud-score call" in points[-1].text
    axis = [t.text for t in svg.find_all("text", cls="okr-chart__axis")]
    assert axis == ["2026-10-01", "2026-12-31"]


def test_chart_points_grow_with_confidence(sample_site: BuiltSite) -> None:
    # kr2 of edge-cache was checked in at 60% and then 70% confidence.
    svg = sample_site.article(f"objectives/{EDGE}/").find("section", id="kr-kr2").find("svg")
    radii = [_number(p, "r") for p in svg.find_all("circle", cls="okr-chart__point")]
    assert len(radii) == 2 and radii[0] < radii[1]


def test_a_milestone_charts_its_progress_and_a_kr_without_check_ins_has_no_chart(
    tiny_repo: TinyRepo,
) -> None:
    text = (tiny_repo.root / "content/okrs/2026-Q4/platform/pci.md").read_text(encoding="utf-8")
    tiny_repo.write(
        {
            "content/okrs/2026-Q4/platform/pci.md": text.replace(
                "    due: 2026-12-01\n",
                "    due: 2026-12-01\n"
                "    checkins:\n"
                "      - {date: 2026-10-10, progress: 0.4, confidence: 0.5}\n"
                "      - {date: 2026-11-10, done: true, confidence: 1.0}\n",
            )
        }
    )
    page = parse_html(in_process(tiny_repo.root)["objectives/2026-Q4/platform/pci.md"])
    svg = page.find("section", id="kr-kr1").find("svg", cls="okr-chart")
    labels = [t.text for t in svg.find_all("text", cls="okr-chart__label")]
    assert labels == ["baseline 0%", "target 100%"]
    titles = [p.text for p in svg.find_all("circle", cls="okr-chart__point")]
    assert titles == ["2026-10-10: 40% · confidence 50%", "2026-11-10: 100% · confidence 100%"]
    delight = parse_html(in_process(tiny_repo.root)["objectives/2026-Q4/acme/delight.md"])
    assert not delight.find_all("svg", cls="okr-chart")


def test_objective_page_opens_with_the_latest_check_in_of_each_kr(
    sample_site: BuiltSite, sample_repo
) -> None:
    page = sample_site.article(f"objectives/{EDGE}/")
    table = Element("div", children=page.section("Latest check-ins")).find(
        "table", cls="okr-latest"
    )
    rows = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    objective = next(o for o in sample_repo.objectives if o.id == EDGE)
    with_checkins = [kr for kr in objective.key_results if kr.checkins]
    assert len(rows) == len(with_checkins)
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)
    p95 = next(r for r in rows if r[1].startswith("p95 "))
    assert p95 == [
        "2026-11-16",
        "p95 Cut checkout API p95 from 710 ms to 350 ms.",
        "455 ms",
        "60%",
        "Remaining gap is the fraud-score call",
        "Ben Okafor",
    ]
    assert link_to(table, f"objectives/{EDGE}/#kr-p95")


# --- the activity page and its Atom feed ------------------------------------------------------


def test_every_cycle_has_an_activity_page_and_feed_linked_from_it(sample_site: BuiltSite) -> None:
    for cycle in ("2026", "2026-Q3", "2026-Q4", "2027-Q1"):
        about = facts(sample_site.article(f"cycles/{cycle}/").find("dl", cls="okr-facts"))
        assert link_to(about["Activity"], f"activity/{cycle}/")
        assert link_to(about["Activity"], f"activity/{cycle}.xml").get("type") == (
            "application/atom+xml"
        )
        assert (sample_site.root / "activity" / f"{cycle}.xml").is_file()
    home = sample_site.article("")
    assert link_to(home, "activity/2026-Q4/").text == "All activity in 2026-Q4"


def test_activity_page_lists_check_ins_and_comments_newest_first(
    sample_site: BuiltSite, sample_repo
) -> None:
    page = sample_site.article("activity/2026-Q4/")
    assert page.find("h1").text.rstrip("¶") == "Activity in 2026-Q4"
    rows = page.find("table", cls="okr-activity").find("tbody").find_all("tr")
    dates = [r.find("td").text for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(d <= SAMPLE_TODAY_DATE.isoformat() for d in dates)
    q4 = {o.id for o in sample_repo.objectives if o.cycle == "2026-Q4"}
    comments = [c for c in sample_repo.comments if c.objective.partition("#")[0] in q4]
    checkins = [
        c
        for o in sample_repo.objectives
        if o.id in q4 and o.visibility == "public"
        for kr in o.key_results
        for c in kr.checkins
        if c.date <= SAMPLE_TODAY_DATE
    ]
    kinds = [next(c for c in r.classes if c.startswith("okr-event--")) for r in rows]
    assert kinds.count("okr-event--checkin") == len(checkins)
    assert len(rows) - kinds.count("okr-event--checkin") - kinds.count("okr-event--status") == len(
        comments
    )
    # Lukas's question on kr2 links to the comment on the objective's page.
    row = next(r for r in rows if "2026-10-21" in r.text and "Lukas" in r.text)
    assert link_to(row, f"objectives/{EDGE}/#comment-2026-10-21-lukas-hit-ratio")
    assert link_to(row, "people/lukas/")


@pytest.fixture(scope="module")
def feed(sample_site: BuiltSite) -> ET.Element:
    return ET.parse(sample_site.root / "activity" / "2026-Q4.xml").getroot()


def _updated(element: ET.Element) -> datetime:
    return datetime.fromisoformat(element.findtext(f"{ATOM}updated").replace("Z", "+00:00"))


def test_the_feed_is_atom(feed: ET.Element) -> None:
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287's required elements, on the feed and on every entry.
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{name}"), name
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Brightloom"
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert rels == {"self": "2026-Q4.xml", "alternate": "2026-Q4/"}
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) > 20
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.findtext(f"{ATOM}author/{ATOM}name")
        assert entry.find(f"{ATOM}link").get("rel") == "alternate"
        assert re.fullmatch(r"urn:okrsite:brightloom:[^#\s]+", entry.findtext(f"{ATOM}id"))


def test_feed_entries_are_newest_first_and_none_after_today(feed: ET.Element) -> None:
    entries = feed.findall(f"{ATOM}entry")
    times = [_updated(e) for e in entries]
    assert times == sorted(times, reverse=True)
    assert _updated(feed) == times[0]  # no build time: the newest entry's
    assert all(t.date() <= SAMPLE_TODAY_DATE for t in times)
    terms = {c.get("term") for e in entries for c in e.findall(f"{ATOM}category")}
    assert {"checkin", "kudos", "question"} <= terms
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == (
        "Kudos from Lukas Becker on “Pass the PCI DSS 4.0 audit with zero open findings”"
    )
    # The comment's text goes as escaped HTML, its first words as the summary.
    assert first.find(f"{ATOM}content").get("type") == "html"
    assert first.findtext(f"{ATOM}content").startswith("<p>From 14 open findings to 4")


def test_feed_links_are_relative_to_the_feed_and_resolve(
    sample_site: BuiltSite, feed: ET.Element
) -> None:
    base = "http://site.invalid/activity/2026-Q4.xml"
    for link in feed.iter(f"{ATOM}link"):
        href = link.get("href")
        assert not re.match(r"[a-z]+:", href), href
        path, _, anchor = urljoin(base, href).removeprefix("http://site.invalid/").partition("#")
        target = sample_site.file_of(unquote(path))
        assert target.is_file(), href
        if anchor:
            assert anchor in sample_site.page(sample_site.url_of(target)).ids, href


def test_feed_links_are_absolute_with_a_site_url(tiny_repo: TinyRepo) -> None:
    files = in_process(tiny_repo.root, site_url="https://okrs.acme.example/")
    feed = ET.fromstring(files["activity/2026-Q4.xml"])
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert hrefs[:2] == [
        "https://okrs.acme.example/activity/2026-Q4.xml",
        "https://okrs.acme.example/activity/2026-Q4/",
    ]
    assert "https://okrs.acme.example/objectives/platform-instant-checkout/#kr-p95" in hrefs
    assert (
        "https://okrs.acme.example/objectives/2026-Q4/acme/delight/#comment-2026-10-20-alice-why-nps"
        in hrefs
    )
    assert all(h.startswith("https://okrs.acme.example/") for h in hrefs)


def test_the_feed_is_the_same_whenever_it_is_built(tiny_repo: TinyRepo) -> None:
    first = in_process(tiny_repo.root)["activity/2026-Q4.xml"]
    assert in_process(tiny_repo.root)["activity/2026-Q4.xml"] == first
    # A quiet cycle: a valid feed without entries, dated "today".
    empty = ET.fromstring(in_process(tiny_repo.root)["activity/2027-Q1.xml"])
    assert empty.findall(f"{ATOM}entry") == []
    assert empty.findtext(f"{ATOM}updated") == "2026-11-23T00:00:00Z"


def test_status_changes_come_from_git_history(tmp_path: Path) -> None:
    repo = GitCompany(tmp_path / "acme")
    repo.replace(
        "content/okrs/2026-Q4/platform/pci.md", "owner: bob\n", "owner: bob\nstatus: dropped\n"
    )
    repo.commit("Drop the PCI audit", author="Bob Builder", date="2026-11-20T16:30:00+01:00")
    files = in_process(repo.root)
    page = parse_html(files["activity/2026-Q4.md"])
    row = page.find("tr", cls="okr-event--status")
    cells = [td.text for td in row.find_all("td")]
    assert cells == [
        "2026-11-20",
        "Status",
        "Pass the PCI DSS 4.0 audit",
        "active → dropped",
        "Bob Builder",
    ]
    feed = ET.fromstring(files["activity/2026-Q4.xml"])
    entry = next(
        e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}category").get("term") == "status"
    )
    assert entry.findtext(f"{ATOM}updated") == "2026-11-20T16:30:00+01:00"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Bob Builder"


# --- the review of a finished cycle -----------------------------------------------------------


def test_a_finished_cycle_has_a_review_linked_from_its_page(sample_site: BuiltSite) -> None:
    q3 = facts(sample_site.article("cycles/2026-Q3/").find("dl", cls="okr-facts"))
    assert link_to(q3["Review"], "review/2026-Q3/")
    # 2026-Q4 runs until 2026-12-31: no review yet.
    assert "Review" not in facts(sample_site.article("cycles/2026-Q4/").find("dl", cls="okr-facts"))
    assert not sample_site.file_of("review/2026-Q4/").exists()


def _review_rows(page: Element, heading: str) -> dict[str, list[str]]:
    table = Element("div", children=page.section(heading)).find("table", cls="okr-review")
    return {
        tr.find("a").text: [td.text for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    }


def test_review_reads_committed_and_aspirational_scores_apart(
    sample_site: BuiltSite, sample_repo
) -> None:
    page = sample_site.article("review/2026-Q3/")
    committed = _review_rows(page, "Committed objectives")
    aspirational = _review_rows(page, "Aspirational objectives")
    q3 = [o for o in sample_repo.objectives if o.cycle == "2026-Q3" and o.status != "dropped"]
    assert len(committed) == sum(1 for o in q3 if o.kind == "committed")
    assert len(aspirational) == sum(1 for o in q3 if o.kind == "aspirational")
    # 0.7 is a success for the aspirational 3-D Secure objective...
    frictionless = aspirational["Make 3-D Secure frictionless for 80% of EU cards"]
    assert frictionless[2].endswith("0.70 scored")
    assert frictionless[3].startswith("success 0.7: a success for an aspirational objective")
    # ...while 0.9 is short for a committed one.
    load_test = committed["Prove we can take 5x last year's Black Friday traffic"]
    assert load_test[3].startswith("short 0.9: short of the 1.0")
    assert committed["Ship the mobile checkout SDK v3"][3].startswith("met")
    scores = [float(row[2].split()[0]) for row in committed.values()]
    assert scores == sorted(scores, reverse=True)


def test_review_lists_what_was_dropped_and_the_reflections(sample_site: BuiltSite) -> None:
    page = sample_site.article("review/2026-Q3/")
    dropped = Element("div", children=page.section("Dropped"))
    assert link_to(dropped, "objectives/2026-Q3/platform/db-migration/")
    reflections = page.find_all("div", cls="okr-reflection")
    titles = [r.find("h3").text for r in reflections]
    assert titles == [
        "Make 3-D Secure frictionless for 80% of EU cards",
        "Move the orders database to PostgreSQL 16",
        "Prove we can take 5x last year's Black Friday traffic",
    ]
    # Markdown, rendered: the bold words of the 3-D Secure reflection.
    assert reflections[0].find("strong").text == "issuer-level numbers"
    # The objective's own page shows it too.
    own = sample_site.article("objectives/2026-Q3/platform/load-test/")
    assert "The weekly load test stays as a habit." in own.section_text("Reflection")


def test_multi_line_notes_and_comments_stay_text_on_every_page(tiny_repo: TinyRepo) -> None:
    """A blank line in text inside a page's raw HTML would end the HTML block, and MkDocs
    would read the rest as Markdown (with attr_list: `{: onclick=...}` becomes markup)."""
    evil = 'first\n\n{: onclick="alert(1)" }\n\n```{.py onclick="alert(2)"}\nx = 1\n\ny = 2\n```\n'
    text = (tiny_repo.root / "content/okrs/2026-Q4/platform/pci.md").read_text(encoding="utf-8")
    note = "\n".join(f"          {line}" for line in evil.splitlines())
    tiny_repo.write(
        {
            "content/okrs/2026-Q4/platform/pci.md": text.replace(
                "    due: 2026-12-01\n",
                "    due: 2026-12-01\n"
                "    checkins:\n"
                "      - date: 2026-11-10\n"
                "        done: false\n"
                f"        note: |\n{note}\n",
            ),
            "content/comments/2026-Q4/platform/pci/2026-11-11-jane-evil.md": (
                "---\nobjective: 2026-Q4/platform/pci#kr1\nauthor: jane\ndate: 2026-11-11\n"
                f"kind: kudos\n---\n{evil}"
            ),
            "mkdocs.yml": "site_name: Acme\ntheme: {name: material}\n"
            "plugins: [search, okrsite]\nmarkdown_extensions: [attr_list, tables]\n",
            "docs/about.md": "# About\n",
        }
    )
    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    for url in (
        "",
        "objectives/2026-Q4/platform/pci/",
        "activity/2026-Q4/",
        "kudos/",
        "people/jane/",
        "people/bob/",
    ):
        page = site.page(url)
        handlers = [(e.tag, name) for e in page.iter() for name in e.attrs if name.startswith("on")]
        assert handlers == [], url
