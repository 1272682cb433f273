"""The built sample site in a real browser: Debian's Chromium driven by Playwright, the site
served from a local HTTP server on 127.0.0.1, every request outside that origin blocked and
recorded.

Screenshots of the home page, an objective and the 2026-Q4 map (light and dark) are saved
to test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.site.conftest import (
    PRIVATE_ID,
    REPO_ROOT,
    SAMPLE_TODAY_DATE,
    build_sample_site,
)
from tests.site.payloads import build_payload_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = REPO_ROOT / "test-output" / "screenshots"
EDGE = "2026-Q4/platform/edge-cache"
CHILD = "2026-Q4/alice/cache-invalidation"


# --- serving and browsing -----------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output for failures


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1 and a free port, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_sample_site(tmp_path_factory.getbasetemp())
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: scripts/ensure-browser installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page with everything it did recorded: console errors, uncaught errors, dialogs,
    and requests that left the local origin (blocked)."""

    page: object
    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path, wait_until="networkidle")

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests outside {self.origin}: {self.outside}"
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs


def open_tab(browser, origin: str, color_scheme: str = "light") -> Tab:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=color_scheme
    )
    page = context.new_page()
    tab = Tab(page, origin)

    def route(route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            tab.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    page.on("pageerror", lambda e: tab.page_errors.append(str(e)))

    def dialog(d) -> None:
        tab.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return tab


@pytest.fixture
def tab(browser, sample_url: str) -> Iterator[Tab]:
    tab = open_tab(browser, sample_url)
    yield tab
    tab.page.context.close()


def contrast(tab: Tab, selector: str, own_background: bool = False) -> float:
    """WCAG contrast ratio of the first `selector`'s text against the page background, or
    its own (Material's greys are semi-transparent: they are blended over it first)."""
    text, background = tab.page.locator(selector).first.evaluate(
        "(e, own) => [getComputedStyle(e).color,"
        " getComputedStyle(own ? e : document.body).backgroundColor]",
        own_background,
    )

    def channels(css: str) -> list[float]:
        values = [float(n) for n in re.findall(r"[\d.]+", css)]
        return values if len(values) == 4 else [*values, 1.0]

    def luminance(rgb: list[float]) -> float:
        linear = [
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c / 255 for c in rgb)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    *back, _ = channels(background)
    *fore, alpha = channels(text)
    blended = [f * alpha + b * (1 - alpha) for f, b in zip(fore, back, strict=True)]
    lighter, darker = sorted((luminance(blended), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def public_objectives(cycle: str) -> list[str]:
    from okrsite_gen.pipeline import check_repo

    repo = check_repo(REPO_ROOT, SAMPLE_TODAY_DATE).repo
    return [o.id for o in repo.objectives if o.cycle == cycle and o.visibility != "private"]


# --- the tests --------------------------------------------------------------------------------


def test_home_loads_cleanly_and_stays_on_its_origin(tab: Tab) -> None:
    tab.open("")
    assert tab.page.locator("article h1").inner_text().rstrip("¶") == "Brightloom"
    assert tab.page.locator(".okr-dashboard .okr-stat").count() == 4
    # Our stylesheet applied (the dashboard is a grid), Material's JavaScript ran (search).
    display = tab.page.locator(".okr-dashboard").evaluate("e => getComputedStyle(e).display")
    assert display == "grid"
    assert tab.page.locator(".md-search__input").count() == 1
    tab.assert_clean()


def test_clicking_a_child_node_opens_the_childs_page(tab: Tab) -> None:
    tab.open(f"objectives/{EDGE}/")
    node = tab.page.locator(f'svg.okr-diagram g.okr-node[data-key="objective:{CHILD}"]')
    assert node.count() == 1
    node.click()
    tab.page.wait_for_url(re.compile(rf"/objectives/{re.escape(CHILD)}/$"))
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator("article h1").inner_text().rstrip("¶") == (
        "Make cache invalidation boring"
    )
    # ...and the parent is a node of the child's diagram, one click back up.
    assert tab.page.locator(f'g.okr-node[data-key="objective:{EDGE}"]').count() == 1
    tab.assert_clean()


def test_search_finds_an_objective_by_a_word_of_one_of_its_krs(tab: Tab) -> None:
    # "chargeback" is only in a KR title of 2026/brightloom/trusted-by-default: not in its
    # title, its narrative, or any other file of the sample.
    word, objective = "chargeback", "2026/brightloom/trusted-by-default"
    content = [p for p in (REPO_ROOT / "content").rglob("*") if p.is_file()]
    holders = [p for p in content if word in p.read_text(encoding="utf-8").lower()]
    assert [p.relative_to(REPO_ROOT).as_posix() for p in holders] == [
        f"content/okrs/{objective}.md"
    ]
    text = holders[0].read_text(encoding="utf-8").lower()
    assert text.count(word) == 1 and re.search(rf"- title: .*{word}", text)

    tab.open("")
    tab.page.locator(".md-search__input").click()
    tab.page.keyboard.type(word, delay=20)  # Material searches on key events, not on fill()
    results = tab.page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15_000)
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert any(f"objectives/{objective}/" in (href or "") for href in hrefs), hrefs
    tab.assert_clean()


def test_the_alignment_map_renders_all_its_nodes(tab: Tab) -> None:
    tab.open("map/2026-Q4/")
    expected = public_objectives("2026-Q4")
    assert PRIVATE_ID not in expected
    nodes = tab.page.locator("svg.okr-diagram g.okr-node")
    assert nodes.count() == len(expected)
    keys = nodes.evaluate_all("ns => ns.map(n => n.dataset.key)")
    assert sorted(keys) == sorted(f"objective:{i}" for i in expected)
    # Drawn, not just present: every node has a box with a size in the rendered SVG.
    sizes = nodes.evaluate_all(
        "ns => ns.map(n => { const b = n.getBoundingClientRect(); return [b.width, b.height]; })"
    )
    # At their own size (250 x 66), not shrunk to the column: the titles stay readable.
    assert all(w >= 249 and h >= 65 for w, h in sizes), sizes
    # The zoom buttons are there and work.
    svg = tab.page.locator("svg.okr-diagram")
    width = float(svg.get_attribute("width"))
    tab.page.locator(".okr-zoom button", has_text="+").click()
    assert float(svg.get_attribute("width")) == pytest.approx(width * 1.25, abs=1)
    tab.assert_clean()


def test_an_objective_kr_link_lands_on_the_kr(tab: Tab) -> None:
    tab.open("")
    link = tab.page.locator(".okr-table a[href*='#kr-']").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    tab.page.wait_for_url(re.compile(rf"#{re.escape(anchor)}$"))
    tab.page.wait_for_load_state("networkidle")
    target = tab.page.locator(f"section#{anchor}")
    assert target.count() == 1
    target.wait_for()
    # The KR is scrolled into view, below the sticky header.
    top = target.evaluate("e => e.getBoundingClientRect().top")
    header = tab.page.locator(".md-header").evaluate("e => e.getBoundingClientRect().bottom")
    assert header - 1 <= top < tab.page.viewport_size["height"] / 2, (top, header)
    tab.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_for_a_person_to_look_at(browser, sample_url: str, scheme: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = open_tab(browser, sample_url, color_scheme=scheme)
    try:
        for name, path in (
            ("home", ""),
            ("objective", f"objectives/{EDGE}/"),
            ("map-2026-Q4", "map/2026-Q4/"),
        ):
            tab.open(path)
            file = SCREENSHOTS / f"{name}-{scheme}.png"
            tab.page.screenshot(path=str(file), full_page=True)
            assert file.stat().st_size > 10_000
        palette = tab.page.locator("body").get_attribute("data-md-color-scheme")
        assert palette == ("slate" if scheme == "dark" else "default")
        # Secondary text (labels, descriptions, KR notes) stays readable in both schemes.
        tab.open("")
        for selector in (".okr-label", ".okr-card span", ".okr-stat > span:not(.okr-big)"):
            ratio = contrast(tab, selector)
            assert ratio >= 3, f"{selector}: contrast {ratio:.1f} in the {scheme} scheme"
        for state in ("at-risk", "on-track"):
            ratio = contrast(tab, f".okr-badge.okr-health--{state}", own_background=True)
            assert ratio >= 3, f"{state} badge: contrast {ratio:.1f} in the {scheme} scheme"
        tab.assert_clean()
    finally:
        tab.page.context.close()


# --- issue 9: a repository full of payloads runs no script ----------------------------------------


def test_a_repo_full_of_payloads_runs_no_script_on_any_page(browser, tmp_path: Path) -> None:
    """tests/site/payloads.py puts `<script>`, `onerror=`, `<svg onload>`, `javascript:`
    links in every spelling, attribute lists and template syntax in every text field; each
    payload would open a dialog and set `window.__pwned`. Every page of the site is opened."""
    site = build_payload_site(tmp_path)
    pages = sorted(
        "" if url == "index.html" else url.removesuffix("index.html")
        for url in (site.url_of(path) for path in site.html_files())
        if url != "404.html"
    )
    assert len(pages) > 15
    with serve(site.root) as url:
        tab = open_tab(browser, url)
        try:
            for path in pages:
                tab.open(path)
                # Mouse over whatever content could have put a handler on.
                for selector in (".okr-narrative p", ".okr-narrative code", "h1", ".md-tag"):
                    for element in tab.page.locator(selector).all()[:5]:
                        element.dispatch_event("mouseover")
                assert tab.page.evaluate("() => window.__pwned") is None, path
                assert not tab.page.locator("a[href^='javascript:' i]").count(), path
                injected = tab.page.evaluate(
                    "() => [...document.querySelectorAll('script')]"
                    ".filter(s => s.textContent.includes('__pwned')).length"
                )
                assert injected == 0, path
                assert tab.dialogs == [], (path, tab.dialogs)
            tab.open("objectives/2026-Q4/acme/evil/")
            # Shown as text, where a reader can see what the file says.
            assert "<script>window.__pwned=1;alert(1)</script>" in (
                tab.page.locator("article h1").inner_text()
            )
            # The search index holds the payloads as text; the results show them, run nothing.
            tab.page.locator(".md-search__input").click()
            tab.page.keyboard.type("zanzibar", delay=20)
            tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
            tab.page.wait_for_timeout(500)
            assert tab.page.evaluate("() => window.__pwned") is None
            assert tab.dialogs == []
            assert tab.page_errors == []
            # `<img src=x>` was text, so nothing asked for /x (nor anything else outside).
            assert tab.outside == []
        finally:
            tab.page.context.close()
