"""Every page type of the built sample site has the parts issue 5 promises.

Expectations come from the sample company's own files (content/okrs/...): a KR's baseline,
a check-in note, who is in which unit. Where a whole class of things must appear (every
public objective has a page with every KR anchor), the test reads the sample through the
loader and checks each one.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml

from tests.site.conftest import (
    PRIVATE_ID,
    REPO_ROOT,
    SAMPLE_TODAY_DATE,
    BuiltSite,
    Element,
    parse_html,
)

MKDOCS = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO_URL = MKDOCS["repo_url"].rstrip("/")
ORG = yaml.safe_load((REPO_ROOT / "content/okrs/org.yaml").read_text(encoding="utf-8"))


def plain(title: str) -> str:
    """A title as pages show it: Markdown links reduced to their words."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)


def public(repo) -> list:
    return [o for o in repo.objectives if o.visibility != "private"]


def href_targets(element: Element) -> set[str]:
    """The pages (`objectives/x/`) that the links under `element` point to, from the site root."""
    return {link.partition("#")[0] for link in element.links()}


def link_to(element: Element, target: str) -> Element:
    """The link under `element` to `target` (a path from the site root, maybe with #anchor)."""
    for a in element.find_all("a"):
        if a.href and a.resolve(a.href) == target:
            return a
    raise AssertionError(f"no link to {target} in {element.text[:200]!r}: {element.links()}")


def facts(element: Element) -> dict[str, Element]:
    """A `<dl class="okr-facts">` as {dt text: dd element}."""
    result: dict[str, Element] = {}
    term = None
    for child in element.children:
        if isinstance(child, Element) and child.tag == "dt":
            term = child.text
        elif isinstance(child, Element) and child.tag == "dd" and term:
            result[term] = child
    return result


# --- home -------------------------------------------------------------------------------


def test_home_shows_mission_vision_and_every_theme(sample_site: BuiltSite) -> None:
    home = sample_site.article("")
    text = home.text
    assert ORG["mission"] in text
    assert ORG["vision"] in text
    cards = home.find_all("a", cls="okr-card")
    assert [(c.find("strong").text, c.resolve(c.href)) for c in cards] == [
        (theme["title"], f"themes/{theme['id']}/") for theme in ORG["themes"]
    ]


def test_home_dashboard_is_the_current_cycle(sample_site: BuiltSite, sample_repo) -> None:
    dashboard = sample_site.article("").find("div", cls="okr-dashboard")
    q4 = [o for o in public(sample_repo) if o.cycle == "2026-Q4"]
    stats = dashboard.find_all(cls="okr-stat")
    count_stat = next(s for s in stats if "objectives in" in s.text)
    assert count_stat.find("span", cls="okr-big").text == str(len(q4))
    assert link_to(count_stat, "cycles/2026-Q4/").text == "2026-Q4"

    # Average progress and alignment coverage agree with the export of the same build.
    export = json.loads((sample_site.root / "okrs.json").read_text(encoding="utf-8"))
    rollup = next(c for c in export["cycles"] if c["id"] == "2026-Q4")["rollup"]
    progress = next(s for s in stats if "average progress" in s.text)
    assert (
        progress.find("span", cls="okr-big").text == f"{round(rollup['average_progress'] * 100)}%"
    )
    assert progress.find_all(cls="okr-bar"), "the average has a progress bar"
    coverage = next(s for s in stats if "aligned to a company objective" in s.text)
    assert coverage.find("span", cls="okr-big").text == (
        f"{round(rollup['alignment_coverage'] * 100)}%"
    )

    # Health counts: one badge per state, adding up to the cycle's objectives.
    health = next(s for s in stats if s.find_all(cls="okr-counts"))
    badges = {
        b.text.split(" ", 1)[1]: int(b.text.split(" ", 1)[0])
        for b in health.find_all("span", cls="okr-badge")
    }
    assert sum(badges.values()) == len(q4)
    assert badges == {
        state.replace("-", " "): count for state, count in rollup["health"].items() if count
    }


def objective_health(site: BuiltSite, objective_id: str) -> str:
    """The health state an objective's own page shows in its summary."""
    summary = site.article(f"objectives/{objective_id}/").find("div", cls="okr-summary")
    badge = summary.find("span", cls="okr-badge")
    return next(c for c in badge.classes if c.startswith("okr-health--")).removeprefix(
        "okr-health--"
    )


def test_home_needs_attention_lists_exactly_the_at_risk_objectives(
    sample_site: BuiltSite, sample_repo
) -> None:
    home = sample_site.article("")
    listed = href_targets(
        next(e for e in home.find_all("div", cls="okr-list") if e.find_all("table"))
    )
    listed = {u for u in listed if u.startswith("objectives/")}
    expected = {
        f"objectives/{o.id}/"
        for o in public(sample_repo)
        if o.cycle == "2026-Q4" and objective_health(sample_site, o.id) in ("at-risk", "off-track")
    }
    assert expected, "the sample has objectives at risk in 2026-Q4"
    assert listed == expected


def test_home_lists_the_latest_check_ins_newest_first(sample_site: BuiltSite, sample_repo) -> None:
    home = sample_site.article("")
    table = next(t for t in home.find_all("table") if "Key result" in t.find("thead").text)
    rows = table.find("tbody").find_all("tr")
    dates = [r.find("td").text for r in rows]
    assert dates == sorted(dates, reverse=True)
    newest = max(
        c.date
        for o in public(sample_repo)
        if o.cycle == "2026-Q4"
        for kr in o.key_results
        for c in kr.checkins
        if c.date <= SAMPLE_TODAY_DATE
    )
    assert dates[0] == newest.isoformat()
    # Each row links to its KR's anchor on the objective page, and shows its value and note.
    first = rows[0]
    kr_link = first.find("a")
    objective_id, _, anchor = kr_link.get("href").partition("#")
    objective_id = objective_id.removeprefix("objectives/").rstrip("/")
    objective = next(o for o in sample_repo.objectives if o.id == objective_id)
    kr = next(k for k in objective.key_results if anchor == f"kr-{k.id}")
    assert kr_link.text == kr.title
    checkin = next(c for c in kr.checkins if c.date == newest)
    if checkin.note:
        assert checkin.note in first.text


# --- objective ---------------------------------------------------------------------------

EDGE = "2026-Q4/platform/edge-cache"


@pytest.fixture(scope="module")
def edge(sample_site: BuiltSite) -> Element:
    return sample_site.article(f"objectives/{EDGE}/")


def test_objective_header_says_what_who_when_and_how_far(edge: Element) -> None:
    assert edge.find("h1").text.rstrip("¶") == "Serve checkout from the edge in every EU region"
    summary = edge.find("div", cls="okr-summary")
    about = facts(summary.find("dl", cls="okr-facts"))
    assert about["Owner"].text == "Platform"
    assert link_to(about["Owner"], "units/platform/")
    assert link_to(about["Cycle"], "cycles/2026-Q4/").text == "2026-Q4"
    assert about["Kind"].text == "committed · cascaded"
    assert about["Status"].text == "active"
    assert about["Contributors"].text == "Alice Novak, Ben Okafor"
    assert link_to(about["Aligns to"], "objectives/2026-Q4/product-eng/fast-checkout-path/")
    # Progress and health: a percentage, a bar, and a health badge with its reason.
    assert re.fullmatch(r"\d+%", summary.find("span", cls="okr-big").text)
    assert summary.find_all(cls="okr-bar")
    badge = summary.find("span", cls="okr-badge")
    assert any(c.startswith("okr-health--") for c in badge.classes) and badge.text
    assert summary.find("p", cls="okr-health-reason").text


def test_metric_kr_shows_baseline_target_stretch_current_confidence_due(edge: Element) -> None:
    # content/okrs/2026-Q4/platform/edge-cache.md, KR p95.
    kr = edge.find("section", id="kr-p95")
    assert "Cut checkout API p95 from 710 ms to 350 ms." in kr.find("h3").text
    scale = kr.find("div", cls="okr-scale")
    marks = {
        next(c for c in m.classes if c.startswith("okr-scale__mark--")).split("--")[1]: m
        for m in scale.find_all(cls="okr-scale__mark")
    }
    assert set(marks) == {"baseline", "target", "stretch"}
    assert marks["baseline"].get("title") == "baseline 710 ms"
    assert marks["target"].get("title") == "target 350 ms"
    assert marks["stretch"].get("title") == "stretch 220 ms"

    def left(mark: Element) -> float:
        return float(re.search(r"left:\s*([\d.]+)%", mark.get("style")).group(1))

    assert left(marks["baseline"]) < left(marks["target"]) < left(marks["stretch"])
    fill = float(
        re.search(r"width:\s*([\d.]+)%", scale.find(cls="okr-scale__fill").get("style"))[1]
    )
    # 455 ms is (710-455)/(710-220) = 52% of the way from baseline to stretch.
    assert fill == pytest.approx(52.0, abs=0.5)
    legend = kr.find("p", cls="okr-scale__legend").text
    assert legend == "baseline 710 ms target 350 ms stretch 220 ms"
    about = facts(kr.find("dl"))
    assert about["Current"].text == "455 ms"
    assert about["Confidence"].text == "60%"
    assert about["Due"].text == "2026-11-25"
    assert link_to(about["Owner"], "people/ben/").text == "Ben Okafor"
    assert re.match(r"\d+%", about["Progress"].text)


def test_kr_check_in_history_newest_first(edge: Element) -> None:
    table = edge.find("section", id="kr-p95").find("table", cls="okr-checkins")
    rows = [[td.text for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert rows == [
        ["2026-11-16", "455 ms", "60%", "Remaining gap is the fraud-score call", "Ben Okafor"],
        ["2026-11-02", "505 ms", "60%", "", "Ben Okafor"],
        ["2026-10-19", "610 ms", "60%", "", "Ben Okafor"],
        ["2026-10-05", "700 ms", "60%", "", "Ben Okafor"],
    ]


def test_milestone_and_measured_by_krs(sample_site: BuiltSite, edge: Element) -> None:
    kr4 = facts(edge.find("section", id="kr-kr4").find("dl"))
    measured = link_to(kr4["Measured by"], "objectives/2026-Q4/alice/cache-invalidation/")
    assert measured.text == "Make cache invalidation boring"
    kr3 = facts(edge.find("section", id="kr-kr3").find("dl"))
    assert kr3["Milestone"].text == "not done yet"
    assert kr3["Progress"].text.startswith("67%")
    # pci-4's first KR is a milestone that is done.
    pci = sample_site.article("objectives/pci-4/")
    assert facts(pci.find("section", id="kr-kr1").find("dl"))["Milestone"].text == "done"


def test_objective_explains_how_its_progress_is_computed(edge: Element) -> None:
    text = edge.section_text("How progress is computed")
    assert "sum(weight x progress) / sum(weight)" in text
    # One term per KR, with the measured_by KR's progress taken from its objective.
    for term in ("1 x 0.7083", "1 x 0.6889", "1 x 0.67", "1 x 0.88"):
        assert term in text
    assert ") / 4 = " in text
    per_kr = edge.find("section", id="kr-p95").find("details", cls="okr-explain").text
    assert "(455 - 710) / (350 - 710)" in per_kr


def test_objective_narrative_is_rendered_markdown(edge: Element) -> None:
    narrative = edge.find("div", cls="okr-narrative")
    assert narrative.find("h2").text == "Why"
    assert "Sixty percent of checkout latency" in narrative.text
    steps = [li.text for li in narrative.find("ol").find_all("li")]
    assert steps[0] == "Move merchant config and session reads to the edge key-value store."


def test_objective_cascade_aligned_from_and_dependencies(
    sample_site: BuiltSite, edge: Element
) -> None:
    svg = edge.find("div", cls="okr-diagram-wrap").find("svg")
    keys = {g.get("data-key") for g in svg.find_all("g", cls="okr-node")}
    assert {
        f"objective:{EDGE}",
        "objective:2026-Q4/product-eng/fast-checkout-path",  # parent
        "objective:2026-Q4/alice/cache-invalidation",  # child
        "mission",
        "vision",
    } <= keys
    aligned_from = href_targets(Element("div", children=edge.section("Aligned from")))
    assert aligned_from == {
        "objectives/2026-Q4/alice/cache-invalidation/",
        "people/alice/",
    }
    # Dependencies both ways: one-click depends on edge-cache, so each page names the other.
    needed_by = edge.section_text("Dependencies")
    assert needed_by.startswith("Needed by")
    assert "One-click pay for returning shoppers" in needed_by
    one_click = sample_site.article("objectives/2026-Q4/payments/one-click/")
    depends = Element("div", children=one_click.section("Dependencies"))
    assert depends.text.startswith("Depends on")
    assert {
        "objectives/pci-4/",
        "objectives/2026-Q4/payments/tokenization/",
        f"objectives/{EDGE}/",
    } <= href_targets(depends)


def test_kr_lists_what_aligns_to_it(sample_site: BuiltSite) -> None:
    # 2026-Q4/brightloom/instant-checkout aligns to "2026/brightloom/checkout-instant#p95".
    page = sample_site.article("objectives/2026/brightloom/checkout-instant/")
    aligned = page.find("section", id="kr-p95").find("p", cls="okr-aligned-from")
    assert link_to(aligned, "objectives/2026-Q4/brightloom/instant-checkout/").text == (
        "Make checkout feel instant"
    )
    child = sample_site.article("objectives/2026-Q4/brightloom/instant-checkout/")
    aligns = facts(child.find("dl", cls="okr-facts"))["Aligns to"]
    assert link_to(aligns, "objectives/2026/brightloom/checkout-instant/#kr-p95")


def test_objective_themes_tags_and_forge_links(sample_site: BuiltSite) -> None:
    page = sample_site.page("objectives/2026-Q4/brightloom/instant-checkout/")
    article = page.find("article")
    themes = facts(article.find("dl", cls="okr-facts"))["Themes"]
    assert link_to(themes, "themes/instant-commerce/").text == "Instant, effortless checkout"
    tags = [t.text for t in article.find("p", cls="okr-tags").find_all("span", cls="okr-tag")]
    assert tags == ["performance", "conversion"]
    # Material's tags plugin shows them too (and indexes them for search).
    assert {t.text for t in article.find_all(cls="md-tag")} == {"performance", "conversion"}
    source = "content/okrs/2026-Q4/brightloom/instant-checkout.md"
    actions = article.find("div", cls="okr-actions")
    hrefs = [a.get("href") for a in actions.find_all("a")]
    assert f"{REPO_URL}/edit/main/{source}" in hrefs
    assert f"{REPO_URL}/commits/main/{source}" in hrefs
    assert source in actions.text


def test_every_public_objective_has_a_complete_page(sample_site: BuiltSite, sample_repo) -> None:
    for objective in public(sample_repo):
        article = sample_site.article(f"objectives/{objective.id}/")
        assert article.find("h1").text.rstrip("¶") == plain(objective.title), objective.id
        ids = article.ids
        for kr in objective.key_results:
            assert f"kr-{kr.id}" in ids, f"{objective.id}#{kr.id}"
            section = article.find("section", id=f"kr-{kr.id}")
            if kr.baseline is not None:
                assert section.find_all(cls="okr-scale__mark--baseline"), objective.id
                legend = section.find("p", cls="okr-scale__legend").text
                assert legend.startswith("baseline "), objective.id
            if kr.checkins:
                rows = section.find("table", cls="okr-checkins").find("tbody").find_all("tr")
                assert len(rows) == len(kr.checkins), f"{objective.id}#{kr.id}"
        about = facts(article.find("dl", cls="okr-facts"))
        assert about["Cycle"].text == objective.cycle
        for person in objective.contributors:
            assert link_to(about["Contributors"], f"people/{person}/")
        edit = f"{REPO_URL}/edit/main/content/okrs/{objective.path}"
        assert edit in [a.get("href") for a in article.find_all("a")], objective.id
        assert article.find("div", cls="okr-diagram-wrap").find_all("svg")


# --- unit, person ------------------------------------------------------------------------


def test_unit_page_lead_parent_members_sub_units(sample_site: BuiltSite) -> None:
    platform = facts(sample_site.article("units/platform/").find("dl", cls="okr-facts"))
    assert link_to(platform["Lead"], "people/priya/").text == "Priya Raman"
    assert link_to(platform["Part of"], "units/product-eng/").text == "Product & Engineering"
    members = sorted(p["name"] for p in ORG["people"] if p.get("unit") == "platform")
    assert sorted(a.text for a in platform["Members"].find_all("a")) == members
    product = facts(sample_site.article("units/product-eng/").find("dl", cls="okr-facts"))
    subs = sorted(u["name"] for u in ORG["units"] if u.get("parent") == "product-eng")
    assert sorted(a.text for a in product["Sub-units"].find_all("a")) == subs


def _subtree(unit: str) -> set[str]:
    found, stack = set(), [unit]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(u["id"] for u in ORG["units"] if u.get("parent") == current)
    return found


def test_unit_page_objectives_per_cycle_and_subtree_rollup(
    sample_site: BuiltSite, sample_repo
) -> None:
    article = sample_site.article("units/product-eng/")
    own = Element("div", children=article.section("Objectives"))
    expected = {f"objectives/{o.id}/" for o in public(sample_repo) if o.owner == "product-eng"}
    assert {u for u in href_targets(own) if u.startswith("objectives/")} == expected
    # One heading per cycle, newest first.
    cycles = [h.text.rstrip("¶") for h in own.find_all("h3")]
    assert cycles == ["2026-Q4", "2026-Q3"]

    units = _subtree("product-eng")
    people = {p["id"] for p in ORG["people"] if p.get("unit") in units}
    tree = [o for o in public(sample_repo) if o.owner in units | people]
    rollup = facts(article.find("dl", cls="okr-facts"))["Whole sub-tree"].text
    assert rollup.startswith(f"{len(tree)} objectives")
    # One line per sub-unit with the count of its own sub-tree.
    table = Element("div", children=article.section("Sub-units")).find("tbody")
    counts = {
        tr.find("a").resolve(tr.find("a").href): int(tr.find_all("td")[1].text)
        for tr in table.find_all("tr")
    }
    expected_counts = {}
    for sub in (u["id"] for u in ORG["units"] if u.get("parent") == "product-eng"):
        units = _subtree(sub)
        people = {p["id"] for p in ORG["people"] if p.get("unit") in units}
        expected_counts[f"units/{sub}/"] = sum(
            1 for o in public(sample_repo) if o.owner in units | people
        )
    assert counts == expected_counts


def test_unit_page_has_an_alignment_diagram(sample_site: BuiltSite) -> None:
    """Issue 5: a diagram of how the unit's objectives align upward and what aligns to them."""
    article = sample_site.article("units/platform/")
    svg = article.find("div", cls="okr-diagram-wrap").find("svg")
    keys = {g.get("data-key") for g in svg.find_all("g", cls="okr-node")}
    # Platform's current objectives, the objective edge-cache aligns to, and its child.
    assert {
        "objective:2026-Q4/platform/edge-cache",
        "objective:2026-Q4/platform/black-friday",
        "objective:2026-Q4/product-eng/fast-checkout-path",
        "objective:2026-Q4/alice/cache-invalidation",
    } <= keys


def test_person_page_unit_objectives_krs_and_contributions(
    sample_site: BuiltSite, sample_repo
) -> None:
    article = sample_site.article("people/ben/")
    about = facts(article.find("dl", cls="okr-facts"))
    assert link_to(about["Unit"], "units/platform/").text == "Platform"
    assert about["Handle"].find("a").get("href") == "https://github.com/benokafor"
    owned_krs = {
        f"objectives/{o.id}/#kr-{kr.id}"
        for o in public(sample_repo)
        for kr in o.key_results
        if kr.owner == "ben"
    }
    krs = Element("div", children=article.section("Key results owned"))
    assert {link for link in krs.links() if "#kr-" in link} == owned_krs
    contributions = Element("div", children=article.section("Contributes to"))
    assert {u for u in href_targets(contributions) if u.startswith("objectives/")} == {
        f"objectives/{o.id}/" for o in public(sample_repo) if "ben" in o.contributors
    }
    alice = Element("div", children=sample_site.article("people/alice/").section("Objectives"))
    assert {u for u in href_targets(alice) if u.startswith("objectives/")} == {
        f"objectives/{o.id}/" for o in public(sample_repo) if o.owner == "alice"
    }


# --- cycle, theme, map, health, indexes -----------------------------------------------------


def test_finished_cycle_shows_its_tree_and_scores(sample_site: BuiltSite, sample_repo) -> None:
    article = sample_site.article("cycles/2026-Q3/")
    q3 = [o for o in public(sample_repo) if o.cycle == "2026-Q3"]
    about = facts(article.find("dl", cls="okr-facts"))
    assert "(finished)" in about["Dates"].text
    assert about["Objectives"].text.startswith(f"{len(q3)} ")
    tree = article.find("ul", cls="okr-tree")
    # Every objective is in the tree; each one aligned to another of Q3 sits inside its
    # parent's list item.
    assert {u for u in href_targets(tree)} >= {f"objectives/{o.id}/" for o in q3}
    ids = {o.id for o in q3}
    nested = 0
    for objective in q3:
        for parent in {ref.partition("#")[0] for ref in objective.aligns_to} & ids:
            nested += 1
            parent_items = [
                a.parent for a in tree.find_all("a") if a.resolve(a.href) == f"objectives/{parent}/"
            ]
            assert any(f"objectives/{objective.id}/" in href_targets(li) for li in parent_items), (
                f"{objective.id} not under {parent}"
            )
    assert nested >= 5
    # ...and appears once per parent (or once, as a root): no sub-tree is spelled out twice.
    shown = Counter(link.partition("#")[0] for link in tree.links())
    for objective in q3:
        parents = {ref.partition("#")[0] for ref in objective.aligns_to} & ids
        assert shown[f"objectives/{objective.id}/"] == max(1, len(parents)), objective.id
    scores = Element("div", children=article.section("End-of-cycle scores"))
    rows = scores.find("tbody").find_all("tr")
    assert len(rows) == len(q3)
    # load-test was scored 0.9 by hand.
    load_test = next(r for r in rows if "objectives/2026-Q3/platform/load-test/" in href_targets(r))
    assert "90%" in load_test.text and "scored" in load_test.text


def test_running_cycle_has_no_scores_yet(sample_site: BuiltSite) -> None:
    article = sample_site.article("cycles/2026-Q4/")
    assert "End-of-cycle scores" not in article.text
    assert "(finished)" not in article.text
    assert link_to(article, "map/2026-Q4/")


def test_theme_page_lists_objectives_down_the_cascade(sample_site: BuiltSite, sample_repo) -> None:
    article = sample_site.article("themes/trust/")
    assert ORG["themes"][2]["description"] in article.text
    direct = Element("div", children=article.section("Objectives serving this theme"))
    assert {u for u in href_targets(direct) if u.startswith("objectives/")} == {
        f"objectives/{o.id}/" for o in public(sample_repo) if "trust" in o.themes
    }
    below = Element("div", children=article.section("Down the cascade"))
    # pci-4 aligns to 2026-Q4/brightloom/trust, which serves the theme.
    assert "objectives/pci-4/" in href_targets(below)


def test_alignment_map_pages(sample_site: BuiltSite, sample_repo) -> None:
    index = sample_site.article("map/")
    for cycle in ORG["cycles"]:
        assert link_to(index, f"map/{cycle['id']}/")
        page = sample_site.article(f"map/{cycle['id']}/")
        if any(o.cycle == str(cycle["id"]) for o in public(sample_repo)):
            wrap = page.find("div", cls="okr-diagram-wrap--map")
            assert wrap.get("data-okr-zoom") is not None  # zoom buttons for a big map
            assert wrap.find_all("svg")
        else:  # 2027-Q1: planned, nothing in it yet; no empty box
            assert not page.find_all("svg")
            assert f"No objectives in {cycle['id']} yet." in page.text


def test_index_pages_list_everything(sample_site: BuiltSite) -> None:
    for folder, entries in (
        ("units", ORG["units"]),
        ("people", ORG["people"]),
        ("themes", ORG["themes"]),
        ("cycles", ORG["cycles"]),
    ):
        listed = href_targets(sample_site.article(f"{folder}/").find("ul", cls="okr-index"))
        assert listed == {f"{folder}/{e['id']}/" for e in entries}, folder


def test_health_page_of_the_sample_matches_check(sample_site: BuiltSite) -> None:
    from okrsite_gen.pipeline import check_repo

    warnings = check_repo(REPO_ROOT, SAMPLE_TODAY_DATE).warnings
    text = sample_site.article("health/").text
    assert f"{len(warnings)} warning{'' if len(warnings) == 1 else 's'}" in text
    if not warnings:  # the sample follows its own guidance today
        assert "No warnings" in text


def test_health_page_groups_warnings_by_rule_and_unit(tiny_repo) -> None:
    tiny_repo.write(
        {
            # No KRs, in Sales.
            "content/okrs/2026-Q4/sales/loved.md": """\
                ---
                title: Be loved in EMEA
                owner: sales
                themes: [growth]
                ---
                """,
            # Cascaded by name, aligned to nothing: an orphan.
            "content/okrs/2026-Q4/platform/orphan.md": """\
                ---
                title: Orphaned platform work
                owner: platform
                origin: cascaded
                key_results:
                  - {title: Done it, done: false}
                ---
                """,
        }
    )
    # Bob owns pci.md already; five more make six in one cycle, over the focus limit of five.
    for n in range(5):
        tiny_repo.write(
            {
                f"content/okrs/2026-Q4/bob/focus-{n}.md": f"""\
                    ---
                    title: Bob's side quest {n}
                    owner: bob
                    themes: [growth]
                    key_results:
                      - {{title: Finish it, done: false}}
                    ---
                    """
            }
        )
    result, site = tiny_repo.build()
    assert result.returncode == 0, result.stderr
    article = site.article("health/")
    headings = [h.text.rstrip("¶") for h in article.find_all("h2")]
    assert headings == [
        "By unit",
        "An owner has too many objectives in a cycle",
        "An objective has no KRs",
        "A cascaded objective aligns to nothing",
    ]
    rule_ids = {c.text for c in article.find_all("code")}
    assert {"no-key-results", "max-objectives", "orphan-cascaded"} <= rule_ids
    assert "3 warnings" in article.text
    no_krs = Element("div", children=article.section("An objective has no KRs"))
    assert href_targets(no_krs) >= {"objectives/2026-Q4/sales/loved/"}
    orphans = Element("div", children=article.section("A cascaded objective aligns to nothing"))
    assert "objectives/2026-Q4/platform/orphan/" in href_targets(orphans)
    focus = Element("div", children=article.section("An owner has too many objectives"))
    assert "owns 6 objectives in 2026-Q4" in focus.text
    by_unit = Element("div", children=article.section("By unit"))
    counts = {
        tr.find_all("td")[0].text: int(tr.find_all("td")[1].text)
        for tr in by_unit.find("tbody").find_all("tr")
    }
    assert counts["Sales <EMEA>"] == 1
    assert counts["Platform"] >= 1


def test_okrs_json_is_the_public_export(sample_site: BuiltSite, sample_repo) -> None:
    export = json.loads((sample_site.root / "okrs.json").read_text(encoding="utf-8"))
    assert export["public"] is True
    assert export["today"] == "2026-11-23"
    by_id = {o["id"]: o for o in export["objectives"]}
    assert set(by_id) == {o.id for o in public(sample_repo)}
    assert PRIVATE_ID not in by_id
    for objective in public(sample_repo):
        assert by_id[objective.id]["title"] == objective.title
        assert [kr["id"] for kr in by_id[objective.id]["key_results"]] == [
            kr.id for kr in objective.key_results
        ]
    p95 = by_id[EDGE]["key_results"][0]
    assert (p95["baseline"], p95["target"], p95["stretch"], p95["current"]) == (710, 350, 220, 455)
    assert Counter(u["id"] for u in export["units"]) == Counter(u["id"] for u in ORG["units"])


def test_hand_written_page_of_the_sample_is_in_the_site(sample_site: BuiltSite) -> None:
    page = sample_site.article("how-we-do-okrs/")
    assert page.find("h1").text.rstrip("¶") == "How we do OKRs"
    tabs = {
        a.text.strip(): a.resolve(a.href)
        for a in sample_site.page("").find_all(cls="md-tabs__link")
    }
    assert "Guide" in tabs  # hand-written pages share one tab
    nav = {
        a.text.strip(): a.resolve(a.href)
        for a in sample_site.page("").find_all(cls="md-nav__link")
        if a.href
    }
    assert nav["How we do OKRs"] == "how-we-do-okrs/"
    # The navigation lists index pages, never every objective (it is in every page).
    assert not [url for url in tabs.values() if url.startswith("objectives/")]
    page = sample_site.page(f"objectives/{EDGE}/")
    nav_links = [link for nav in page.find_all("nav", cls="md-nav") for link in nav.links()]
    assert len(nav_links) < 40
    # Only its own table of contents: no other objective is in the navigation.
    assert {u.partition("#")[0] for u in nav_links if u.startswith("objectives/")} <= {
        f"objectives/{EDGE}/"
    }


def test_raw_html_in_a_narrative_is_text_unless_the_company_allows_it(tiny_repo) -> None:
    from okrsite_gen.site import SiteOptions, build_site

    tiny_repo.write(
        {
            "content/okrs/2026-Q4/platform/raw.md": """\
                ---
                title: Raw HTML in the narrative
                owner: platform
                aligns_to: [2026-Q4/acme/delight]
                key_results:
                  - {title: Ship it, done: false}
                ---
                <div class="callout">Boxed</div>

                Inline <b>bold</b> and a [bad link](javascript:alert(1)).
                """
        }
    )
    path = "objectives/2026-Q4/platform/raw.md"

    def narrative(allow_html: bool) -> Element:
        built = build_site(tiny_repo.root, SAMPLE_TODAY_DATE, SiteOptions(allow_html=allow_html))
        page = next(f.content for f in built.files if f.path == path)
        return parse_html(page).find("div", cls="okr-narrative")

    escaped = narrative(False)
    assert not escaped.find_all("div", cls="callout") and not escaped.find_all("b")
    assert '<div class="callout">Boxed</div>' in escaped.text and "<b>bold</b>" in escaped.text
    allowed = narrative(True)
    assert allowed.find("div", cls="callout").text == "Boxed"
    assert allowed.find("b").text == "bold"
    # Either way a javascript: link loses its href.
    for element in (escaped, allowed):
        assert [a.href for a in element.find_all("a")] == [None]
