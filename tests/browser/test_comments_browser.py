"""Comments in a real browser (issue 7): the "Add a comment" links are there and open the
forge's new-file page with the comment's path and template; a kudos on the recognition
page leads to the comment on its objective; the check-in charts are drawn.

Uses the Chromium, local server and request recording of test_site_browser.py.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_site_browser import (  # noqa: F401 (fixtures)
    SCREENSHOTS,
    Tab,
    browser,
    open_tab,
    sample_url,
    tab,
)
from tests.site.test_comments import EDGE, GITHUB_EDGE, GITHUB_EDGE_KR2

pytestmark = pytest.mark.browser


def _same_link(got: str, expected: str) -> bool:
    """Two URLs with the same address and the same decoded query (a browser may re-encode)."""
    a, b = urlsplit(got), urlsplit(expected)
    return (a.scheme, a.netloc, a.path) == (b.scheme, b.netloc, b.path) and parse_qs(
        a.query
    ) == parse_qs(b.query)


def test_add_a_comment_opens_the_forges_new_file_page(tab: Tab) -> None:  # noqa: F811
    tab.open(f"objectives/{EDGE}/")
    button = tab.page.locator("#okr-comments a.okr-add-comment")
    assert button.count() == 1 and button.is_visible()
    assert button.inner_text() == "Add a comment"
    assert button.get_attribute("href") == GITHUB_EDGE
    kr_link = tab.page.locator("section#kr-kr2 a.okr-add-comment")
    assert kr_link.get_attribute("href") == GITHUB_EDGE_KR2
    # Every KR card has its own link.
    assert tab.page.locator("section.okr-kr a.okr-add-comment").count() == (
        tab.page.locator("section.okr-kr").count()
    )
    tab.assert_clean()
    # Clicking asks for exactly that page of the forge (blocked here: no network in tests).
    with tab.page.expect_request(re.compile(r"^https://github\.com/")) as request:
        button.click()
    assert _same_link(request.value.url, GITHUB_EDGE)
    assert tab.outside and _same_link(tab.outside[0], GITHUB_EDGE)


def test_a_kudos_on_the_recognition_page_leads_to_the_comment(tab: Tab) -> None:  # noqa: F811
    tab.open("kudos/")
    link = tab.page.locator(".okr-comment a[href*='#comment-2026-11-17-tomas-dublin-pop']")
    link.click()
    tab.page.wait_for_url(re.compile(r"#comment-2026-11-17-tomas-dublin-pop$"))
    tab.page.wait_for_load_state("networkidle")
    card = tab.page.locator("#comment-2026-11-17-tomas-dublin-pop")
    card.wait_for()
    assert "Dublin went live" in card.inner_text()
    assert card.locator(".okr-kind--kudos").inner_text() == "Kudos"
    top = card.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < tab.page.viewport_size["height"]
    tab.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_check_in_charts_are_drawn(browser, sample_url: str, scheme: str) -> None:  # noqa: F811
    view = open_tab(browser, sample_url, color_scheme=scheme)
    try:
        view.open(f"objectives/{EDGE}/")
        chart = view.page.locator("section#kr-p95 svg.okr-chart")
        width, height = chart.evaluate(
            "e => { const b = e.getBoundingClientRect(); return [b.width, b.height]; }"
        )
        assert width > 250 and height > 100
        points = chart.locator("circle.okr-chart__point")
        assert points.count() == 4
        # Our stylesheet coloured the line (not the SVG default black fill).
        fill = chart.locator(".okr-chart__line").evaluate("e => getComputedStyle(e).fill")
        assert fill == "none"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        view.page.locator("section#kr-kr2").screenshot(
            path=str(SCREENSHOTS / f"kr-card-{scheme}.png")
        )
        view.page.locator("#okr-comments").screenshot(
            path=str(SCREENSHOTS / f"comments-{scheme}.png")
        )
        view.assert_clean()
    finally:
        view.page.context.close()
