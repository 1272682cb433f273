"""Pages converted by okrsite: the HTML and table of contents MkDocs would make, the same
over one or two processes, and taken from the previous conversion only while unchanged."""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions.toc import TocExtension

from okrsite_gen.render import page_html
from okrsite_gen.render.page_html import (
    HtmlMemo,
    MarkdownSetup,
    body_digest,
    convert_pages,
    page_body,
)

SETUP = MarkdownSetup(("attr_list", "tables", "toc"), {"toc": {"permalink": True}})

PAGES = [
    '---\ntitle: One\ntags:\n- a\n---\n\n# One\n\n<div class="x">\n<p>raw</p>\n\n'
    "<pre><code>a\n\nb</code></pre>\n</div>\n\n## Key results\n\n## Key results\n",
    "---\ntitle: Two\n---\n# Two &amp; more\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### Deep\n",
    "no front matter\n\n## Heading {: #custom }\n",
] + [f"---\ntitle: P{n}\n---\n\n# Page {n}\n\n<section>{n}</section>\n" for n in range(20)]


def count_conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bodies converted from now on, in order (the list fills as pages convert)."""
    converted: list[str] = []
    original = page_html._Converter.convert
    monkeypatch.setattr(
        page_html._Converter,
        "convert",
        lambda self, body: converted.append(body) or original(self, body),
    )
    return converted


def mkdocs_way(text: str) -> tuple[str, list[dict[str, object]]]:
    """What MkDocs does with a page: a fresh Markdown instance, the body after the meta."""
    md = markdown.Markdown(extensions=list(SETUP.extensions), extension_configs=SETUP.configs)
    html = md.convert(page_body(text))
    return html, md.toc_tokens  # type: ignore[attr-defined]


def test_html_and_toc_are_what_a_fresh_converter_makes() -> None:
    for text, page in zip(PAGES, convert_pages(PAGES, SETUP, 1), strict=True):
        assert (page.html, page.toc) == mkdocs_way(text)
    assert 'id="key-results_1"' in convert_pages(PAGES, SETUP, 1)[0].html


def test_the_body_is_what_follows_the_front_matter() -> None:
    assert page_body("---\ntitle: x\n---\n\n# X\n") == "# X\n"
    assert page_body("# X\n") == "# X\n"


def test_two_processes_give_what_one_gives() -> None:
    assert convert_pages(PAGES, SETUP, 2) == convert_pages(PAGES, SETUP, 1)


def test_only_changed_pages_are_converted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = HtmlMemo()
    convert_pages(PAGES, SETUP, 1, memo)
    converted = count_conversions(monkeypatch)
    edited = [*PAGES[:3], PAGES[3].replace("<section>0", "<section>zero"), *PAGES[4:]]
    warm = convert_pages(edited, SETUP, 1, memo)
    assert converted == [page_body(edited[3])]
    assert warm[3].digest == body_digest(page_body(edited[3]))
    assert warm == convert_pages(edited, SETUP, 1)  # the same as a cold conversion


def test_the_memo_keeps_only_the_last_builds_pages() -> None:
    memo = HtmlMemo()
    convert_pages(PAGES, SETUP, 1, memo)
    assert len(memo.pages) == len(PAGES)
    convert_pages(PAGES[:2], SETUP, 1, memo)  # pages gone from the site are let go
    assert sorted(memo.pages) == sorted(body_digest(page_body(p)) for p in PAGES[:2])


def test_another_setup_converts_everything_again() -> None:
    memo = HtmlMemo()
    convert_pages(PAGES, SETUP, 1, memo)
    plain = MarkdownSetup(("toc",))
    assert convert_pages(PAGES[:1], plain, 1, memo)[0].html == markdown.markdown(
        page_body(PAGES[0]), extensions=["toc"]
    )


def test_a_setup_with_an_extension_object_is_never_cached() -> None:
    setup = MarkdownSetup((TocExtension(permalink=True),))
    assert setup.cache_key() is None
    memo = HtmlMemo()
    convert_pages(PAGES, setup, 1, memo)
    assert memo.pages == {}


def test_a_setup_that_reads_other_files_is_never_cached() -> None:
    setup = MarkdownSetup(("toc", "pymdownx.snippets"))
    assert setup.cache_key() is None


def test_texts_named_by_keys_are_converted_once_and_remembered_by_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memo = HtmlMemo()
    keys = [f"page-{n}" for n in range(len(PAGES))]
    first = convert_pages(PAGES, SETUP, 1, memo, keys)
    assert sorted(memo.pages) == sorted(keys)
    converted = count_conversions(monkeypatch)
    edited = [*PAGES[:3], PAGES[3].replace("<section>0", "<section>zero"), *PAGES[4:]]
    again = convert_pages(edited, SETUP, 1, memo, [*keys[:3], "page-3-edited", *keys[4:]])
    assert converted == [page_body(edited[3])]
    assert again[:3] == first[:3] and again[4:] == first[4:]
    assert again[3] == convert_pages(edited[3:4], SETUP, 1)[0]
