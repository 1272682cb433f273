"""No script from content: a company whose every text carries `<script>`, `onerror=`,
`javascript:` links (in every spelling), an SVG payload, a `</textarea>`, attribute
breakouts and template syntax builds — and the built site holds all of it as text only.

Pages, the search index, okrs.json and feeds are read as a browser (or a script) would
read them; tests/browser/test_site_browser.py opens every page of the same site in
Chromium and watches for dialogs and `window.__pwned`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import VALID_REPO, write_files
from tests.site.conftest import BuiltSite, build, parse_html
from tests.site.payloads import (
    EVIL,
    JINJA_RESULT,
    PAYLOADS,
    build_payload_site,
    feed_problems,
    script_problems,
    search_index_problems,
)

EVIL_OBJECTIVE = "objectives/2026-Q4/acme/evil/"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_payload_site(tmp_path_factory.mktemp("hostile"))


def test_no_page_carries_script_from_content(payload_site: BuiltSite) -> None:
    pages = payload_site.html_files()
    assert len(pages) > 15  # home, objectives, units, people, themes, cycles, maps...
    found = []
    for page in pages:
        found += script_problems(payload_site.page(payload_site.url_of(page)), page.name)
    assert found == []


def test_the_payloads_are_shown_as_written(payload_site: BuiltSite) -> None:
    article = payload_site.article(EVIL_OBJECTIVE)
    assert article.find("h1").text.rstrip("¶").strip() == f"Zanzibar company goal {EVIL}"
    kr = article.find("section", id="kr-evil")
    assert f"Metric {EVIL}" in kr.find("h3").text
    notes = [row.find_all("td")[3].text for row in kr.find("tbody").find_all("tr")]
    assert EVIL in notes  # the plain note, shown as written
    narrative = article.find("div", cls="okr-narrative").text
    assert all(payload in narrative for payload in PAYLOADS)
    home = payload_site.article("")
    assert home.find("h1").text.rstrip("¶").strip() == f"Acme {EVIL}"
    assert f"Alice {EVIL}" in payload_site.article("people/alice/").text
    assert f"Growth {EVIL}" in payload_site.article("themes/growth/").text
    # The site name comes from org.yaml here: Material prints it in <title> and the header.
    title = payload_site.page(EVIL_OBJECTIVE).find("title").text
    assert f"Acme {EVIL}" in title


def test_template_syntax_in_content_is_never_evaluated(payload_site: BuiltSite) -> None:
    for path in payload_site.files():
        if path.suffix not in (".html", ".json", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert JINJA_RESULT not in text, path
        # "JINJA-RAN" only ever appears inside its own, unevaluated `{% if %}...{% endif %}`.
        assert text.count("JINJA-RAN") == len(re.findall(r"JINJA-RAN\{% endif", text)), path
    assert "{{ 7*191 }}" in payload_site.article(EVIL_OBJECTIVE).text


def test_javascript_links_in_every_spelling_lose_their_target(payload_site: BuiltSite) -> None:
    narrative = payload_site.article(EVIL_OBJECTIVE).find("div", cls="okr-narrative")
    links = {a.text: a.href for a in narrative.find_all("a")}
    for text in ("plain", "cased", "spaced", "entity", "named", "tab", "data"):
        assert links[text] is None, (text, links[text])
    # Attribute lists set no handler and no style; a fenced block keeps only its language.
    paragraph = next(p for p in narrative.find_all("p") if "A paragraph" in p.text)
    assert set(paragraph.attrs) == set()
    assert narrative.find("code", cls="language-python").attrs == {"class": "language-python"}
    assert "__config" not in narrative.ids


def test_search_index_and_feeds_hold_payloads_as_text(payload_site: BuiltSite) -> None:
    found, text = search_index_problems(payload_site.root)
    assert found == []
    assert f"<script>{PAYLOADS[0][8:]}" in text  # searchable, shown as the characters written
    assert feed_problems(payload_site.root) == []


def test_okrs_json_holds_payloads_as_data(payload_site: BuiltSite) -> None:
    export = json.loads((payload_site.root / "okrs.json").read_text(encoding="utf-8"))
    titles = {o["id"]: o["title"] for o in export["objectives"]}
    assert titles["2026-Q4/acme/evil"] == f"Zanzibar company goal {EVIL}"
    assert export["org"]["name"] == f"Acme {EVIL}"


# --- allow_html: the company's switch for raw HTML in Markdown bodies -------------------------

RAW = '<div class="callout">Boxed</div>\n\nInline <b>bold</b>.\n'


@pytest.mark.parametrize("allow_html", [False, True])
def test_raw_html_in_bodies_only_when_the_company_allows_it(
    tmp_path: Path, allow_html: bool
) -> None:
    root = tmp_path / "acme"
    write_files(root, VALID_REPO)
    write_files(
        root,
        {
            "docs/about.md": "# About\n",
            "mkdocs.yml": f"""\
                site_name: Acme OKRs
                theme:
                  name: material
                plugins:
                  - search
                  - okrsite:
                      allow_html: {str(allow_html).lower()}
                """,
            "content/okrs/2026-Q4/platform/raw.md": f"---\n"
            f"title: {json.dumps(EVIL)}\n"
            "owner: platform\n"
            "aligns_to: [2026-Q4/acme/delight]\n"
            "key_results:\n"
            "  - {title: Ship it, done: false}\n"
            f"---\n{RAW}",
        },
    )
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "site")
    article = site.article("objectives/2026-Q4/platform/raw/")
    narrative = article.find("div", cls="okr-narrative")
    assert bool(narrative.find_all("div", cls="callout")) is allow_html
    assert bool(narrative.find_all("b")) is allow_html
    if not allow_html:
        assert '<div class="callout">Boxed</div>' in narrative.text
    # Either way the title (not a Markdown body) stays text, and no page runs its payload.
    assert article.find("h1").text.rstrip("¶").strip() == EVIL
    found = []
    for page in site.html_files():
        found += script_problems(parse_html(page.read_text(encoding="utf-8")), page.name)
    assert found == []
