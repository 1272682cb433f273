"""A company whose every text field carries script payloads, and checks that a built site
(HTML, search index, okrs.json, feeds) holds them only as text.

Shared by the built-site tests (tests/site/test_hostile_content.py) and the browser test
(tests/browser/test_site_browser.py), which opens every page of the same site.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from tests.conftest import write_files
from tests.site.conftest import BuiltSite, Element, build, parse_html

# Each payload runs script if it ever reaches a page as markup: it opens a dialog and sets
# `window.__pwned`, so the browser test sees it either way.
RUN = "window.__pwned=1;alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f"<img src=x onerror={RUN}>",
    f"<svg onload={RUN}>",
    f"</textarea><script>{RUN}</script>",
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror='{RUN}'>",
    f"javascript:{RUN}",
    "{{ 7*191 }} {% if true %}JINJA-RAN{% endif %}",
]
EVIL = " ".join(PAYLOADS)
JINJA_RESULT = "1337"  # what {{ 7*191 }} would print if a template ever evaluated content

# Markdown bodies: links with every spelling of javascript:, attribute lists, raw HTML.
EVIL_MARKDOWN = f"""\
{EVIL}

[plain](javascript:{RUN}) [cased](JaVaScRiPt:{RUN}) [spaced](  javascript:{RUN})
[entity](&#106;avascript:{RUN}) [named](javascript&colon;{RUN}) [tab](java&#x09;script:{RUN})
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:{RUN}>

A paragraph with handlers.
{{: onclick="{RUN}" onmouseover="{RUN}" style="position:fixed;inset:0" }}

![image](pic.png){{: onerror="{RUN}" }}

```{{.python onclick="{RUN}" #__config}}
print("fenced")
```

<a href="javascript:{RUN}">raw link</a> <iframe src="javascript:{RUN}"></iframe>
<div onmouseover="{RUN}">raw div</div>
"""


def payload_company() -> dict[str, str]:
    """The files of a valid company with `EVIL` in every field that holds text."""
    org = {
        "name": f"Acme {EVIL}",
        "mission": f"Mission {EVIL_MARKDOWN}",
        "vision": f"Vision {EVIL_MARKDOWN}",
        "themes": [{"id": "growth", "title": f"Growth {EVIL}", "description": EVIL_MARKDOWN}],
        "cycles": [
            {"id": "2026-Q4", "title": f"Q4 {EVIL}", "start": "2026-10-01", "end": "2026-12-31"}
        ],
        "units": [
            {"id": "acme", "name": f"Acme {EVIL}", "lead": "jane", "description": EVIL_MARKDOWN},
            {"id": "platform", "name": f"Platform {EVIL}", "parent": "acme", "lead": "alice"},
        ],
        "people": [
            {"id": "jane", "name": f"Jane {EVIL}", "unit": "acme", "handle": f"jane{EVIL}"},
            {
                "id": "alice",
                "name": f"Alice {EVIL}",
                "unit": "platform",
                "title": EVIL,
                "email": f"alice@example.com{EVIL}",
            },
        ],
    }
    company = {
        "title": f"Zanzibar company goal {EVIL}",
        "owner": "acme",
        "themes": ["growth"],
        "tags": [EVIL, "javascript:alert(1)"],
        "key_results": [
            {
                "id": "evil",
                "title": f"Metric {EVIL}",
                "unit": EVIL,
                "baseline": 0,
                "target": 10,
                "current": 3,
                "checkins": [
                    {"date": "2026-10-15", "value": 2, "note": EVIL, "by": "alice"},
                    {"date": "2026-11-02", "value": 3, "note": EVIL_MARKDOWN, "by": "jane"},
                ],
            },
            {"title": f"Milestone {EVIL}", "done": False},
        ],
        "reflection": EVIL_MARKDOWN,
    }
    team = {
        "title": f"Team goal {EVIL}",
        "owner": "platform",
        "aligns_to": ["2026-Q4/acme/evil#evil"],
        "contributors": ["alice"],
        "key_results": [{"title": f"Measured {EVIL}", "measured_by": "2026-Q4/acme/evil"}],
    }
    comment = {
        "objective": "2026-Q4/acme/evil#evil",
        "author": "alice",
        "date": "2026-11-03",
        "kind": "question",
    }

    def markdown(front: dict, body: str) -> str:
        return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n{body}"

    return {
        "content/okrs/org.yaml": yaml.safe_dump(org, allow_unicode=True, sort_keys=False),
        "content/okrs/2026-Q4/acme/evil.md": markdown(company, EVIL_MARKDOWN),
        "content/okrs/2026-Q4/platform/team.yaml": yaml.safe_dump(
            {**team, "description": EVIL_MARKDOWN}, allow_unicode=True, sort_keys=False
        ),
        "content/comments/2026-Q4/acme/evil/2026-11-03-alice-evil.md": markdown(
            comment, EVIL_MARKDOWN
        ),
    }


def build_payload_site(base: Path) -> BuiltSite:
    """`okrsite build` of the payload company (content/ only: the site name comes from
    org.yaml) into `base/payloads-site`."""
    root = base / "payloads"
    write_files(root, payload_company())
    site = base / "payloads-site"
    result = build(root, site)
    assert result.returncode == 0, result.stderr
    return BuiltSite(site, result.stdout, result.stderr)


# --- what "only as text" means in a built file ----------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcdoc", "data"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_FOREIGN = {"iframe", "object", "embed", "frame", "textarea", "base"}


def _scheme_of(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", url).lower()  # entities are decoded by the parser


def script_problems(document: Element, where: str, allow: set[str] = frozenset()) -> list[str]:
    """Everything in a parsed page that runs script content could have put there: `on*`
    attributes, inline scripts mentioning the payload, javascript: URLs, foreign elements
    (an `<iframe>`, a `<textarea>`...) and the payload's own `<img src=x>`."""
    found = []
    for element in document.iter():
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: <{element.tag} {name}={value!r}>")
            if name.lower() in _URL_ATTRIBUTES and _scheme_of(value).startswith(_BAD_SCHEMES):
                found.append(f"{where}: <{element.tag} {name}={value!r}>")
        if element.tag == "script" and "src" not in element.attrs:
            code = "".join(c for c in element.children if isinstance(c, str))
            if "__pwned" in code or "alert(" in code:
                found.append(f"{where}: inline <script> {code[:80]!r}")
        if element.tag in _FOREIGN - allow:
            found.append(f"{where}: <{element.tag}> element")
        if element.tag == "img" and element.attrs.get("src") == "x":
            found.append(f"{where}: the payload's <img src=x>")
    return found


def search_index_problems(site: Path) -> tuple[list[str], str]:
    """(problems, all the index's text): each document's title and text are HTML fragments
    Material's search shows; the payloads must be escaped text in them."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found, texts = [], []
    for number, doc in enumerate(index["docs"]):
        for key in ("title", "text"):
            fragment = parse_html(doc[key])
            found += script_problems(fragment, f"search doc {number} {key}")
            texts.append(fragment.text)
    return found, " ".join(texts)


def feed_problems(site: Path) -> list[str]:
    """Feeds (Atom/RSS, if the site has any) are well-formed XML, and the HTML they carry as
    escaped text holds no script either."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".xml", ".atom", ".rss") or path.name.startswith("sitemap"):
            continue
        tree = ET.parse(path)  # raises on markup that broke out of its element
        for element in tree.iter():
            if element.get("type") in ("html", "xhtml") and element.text:
                found += script_problems(parse_html(element.text), f"{path.name} <{element.tag}>")
    return found
