"""Content text -> HTML: links keep only safe schemes however they are spelled, Markdown's
attribute lists set no handler, and plain text stays as written."""

from __future__ import annotations

import pytest

from okrsite_gen.render.text import MarkdownRenderer, is_safe_url, plain_text
from okrsite_gen.site import inert_fences
from tests.site.conftest import parse_html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x00javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "java&#x09;script:alert(1)",
        "&amp;#106;avascript:alert(1)",  # decoded twice: still refused
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "a:b/c",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a:b?c=d:e#f:g",
        "http://example.com",
        "mailto:jane@example.com",
        "../objectives/x/#kr-p95",
        "#kr-p95",
        "?q=a:b",
        "//cdn.example.com/x.png",
        "pic.png",
    ],
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


@pytest.fixture(scope="module")
def markdown() -> MarkdownRenderer:
    return MarkdownRenderer(allow_html=False)


def test_attribute_lists_set_no_handlers_styles_or_reserved_ids(markdown) -> None:
    html = markdown.block(
        'Para\n{: onclick="alert(1)" style="position:fixed" .note #__config lang=fr }\n\n'
        "# Heading {: onmouseover=alert(1) #why }\n\n"
        '![pic](pic.png){: onerror="alert(1)" width=9 }\n'
    )
    document = parse_html(html)
    assert document.find("p").attrs == {"class": "note", "lang": "fr"}
    assert document.find("h1").attrs == {"id": "why"}
    assert document.find("img").attrs == {"alt": "pic", "src": "pic.png"}


def test_code_fences_keep_only_their_language(markdown) -> None:
    html = markdown.block('```{.python onclick="alert(1)" #__search}\nprint(1)\n```\n')
    assert parse_html(html).find("code").attrs == {"class": "language-python"}


def test_table_alignment_is_the_only_style(markdown) -> None:
    html = markdown.block('a | b\n:-|--\n1 {: style="x" } | 2\n')
    cells = parse_html(html).find_all("th") + parse_html(html).find_all("td")
    assert [c.attrs for c in cells] == [{"style": "text-align: left;"}, {}, {}, {}]


def test_links_with_unsafe_schemes_lose_their_target(markdown) -> None:
    html = markdown.block(
        "[a](javascript:alert(1)) [b](&#106;avascript:alert(1)) [c](javascript&colon;x) "
        "[d](https://example.com) [e](../x/)"
    )
    links = {a.text: a.href for a in parse_html(html).find_all("a")}
    assert links == {"a": None, "b": None, "c": None, "d": "https://example.com", "e": "../x/"}


def test_raw_html_is_text_unless_allowed(markdown) -> None:
    raw = '<img src=x onerror="alert(1)"> <b>bold</b>'
    assert parse_html(markdown.block(raw)).find_all("img") == []
    assert "<img src=x" in parse_html(markdown.block(raw)).text
    allowed = parse_html(MarkdownRenderer(allow_html=True).block(raw))
    assert allowed.find("b").text == "bold"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("**Grow** _fast_ and `safely`", "Grow fast and safely"),
        ("[Europe](https://example.com) — the “mid-market”", "Europe — the “mid-market”"),
        (
            "snake_case_name and 7*191 and window.__pwned",
            "snake_case_name and 7*191 and window.__pwned",
        ),
        ("two\n\nparagraphs\n```\ncode", "two paragraphs ``` code"),
    ],
)
def test_plain_text_is_one_line_as_written(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_no_line_of_a_generated_page_opens_a_code_fence() -> None:
    page = "<div>\n```{.py onclick=alert(1)}\nx\n  ~~~\n```\n</div>\n"
    assert inert_fences(page) == (
        "<div>\n&#96;``{.py onclick=alert(1)}\nx\n  &#126;~~\n&#96;``\n</div>\n"
    )
