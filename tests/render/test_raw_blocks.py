"""Raw HTML blocks set aside before Markdown: the HTML is what Python-Markdown makes of the
page as written, and the scan gives up on anything it does not follow exactly."""

from __future__ import annotations

import markdown
import pytest

from okrsite_gen.render.page_html import MarkdownSetup, _Converter
from okrsite_gen.render.raw_blocks import set_aside, sets_aside_exactly

# MkDocs' own extensions (toc, tables, fenced_code) and our default mkdocs.yml's.
SETUP = MarkdownSetup(("toc", "tables", "fenced_code", "attr_list"), {"toc": {"permalink": True}})

FOLLOWED = {
    "blocks and headings": '# Title\n\n<div class="a">\n<p>x</p>\n</div>\n\n## Next\n',
    "blank lines inside a block": "<div>\n<pre><code>a\n\n\nb</code></pre>\n\n</div>\n\n# H\n",
    "blocks on consecutive lines": "<div>a</div>\n<p>b</p>\n<table><tr><td>1</td></tr></table>\n",
    "same tag nested": "<div><div><div>x</div></div>\n</div>\n\n## After\n",
    "end tag closing what is open inside": "<section><p>unclosed<span>x</section>\n\n# H\n",
    "void and self-closed tags": '<div><br><img src="x.png" alt="y"><hr><x-y/></div>\n',
    "quoted > in no attribute, tabs": '<div title="a b">\tindented\ttabs</div>\n\n# H\t1\n',
    "whitespace-only lines": "<div>\n   \n<p>x</p>\n</div>\n   \n# H\n",
    "text and entities": "Some *text* &amp; more\n\n<div>&lt;b&gt;</div>\n\n# A &amp; B\n",
    "a block at the very end": "# H\n\n<div>end</div>",
    "markdown right after a block": "<div>a</div>\n## H\ntext\n",
    "upper-case tags": "<DIV><P>x</P></DIV>\n",
    "svg": '<figure><svg viewBox="0 0 1 1"><g><title>t</title><rect x="0"/></g></svg></figure>\n',
}
NOT_FOLLOWED = {
    "a comment": "<div><!-- </div> --></div>\n",
    "script": "<div><script>if (a </div>) {}</script></div>\n",
    "style": "<div><style>p{}</style></div>\n",
    "an inline tag opening a line": "<span>x</span>\n\n<div>y</div>\n",
    "text after a block on its line": "<div>a</div> and text\n",
    "an indented block": "  <div>a</div>\n",
    "an unclosed block": "<div>\n<p>x</p>\n\n# H\n",
    "an end tag outside a block": "x</div>\n",
    "a tag outside a block": "Some <b>bold</b> text\n",
    "an unquoted attribute": "<div class=a>x</div>\n",
    "a > in an attribute": '<div title="a>b">x</div>\n',
    "a namespaced tag": "<div><svg:rect/></div>\n",
    "an hr alone": "<hr>\n\n# H\n",
    "svg opening a line (not block-level)": "<svg><g></g></svg>\n",
    "a processing instruction": "<?php x ?>\n",
    "a stand-in's own words": "<div>okrsite-raw-0</div>\n",
    "a code fence inside a block": "<div>\n```\n<b>x</b>\n```\n</div>\n",
    "a code fence outside blocks": "<div>a</div>\n\n~~~\ncode\n~~~\n",
}


def as_written(text: str) -> tuple[str, object]:
    md = markdown.Markdown(extensions=list(SETUP.extensions), extension_configs=SETUP.configs)
    return md.convert(text), md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", FOLLOWED.values(), ids=FOLLOWED.keys())
def test_followed_pages_convert_as_written(text: str) -> None:
    converter = _Converter(SETUP)
    assert set_aside(text, converter._md) is not None
    page = converter.convert(text)
    assert (page.html, page.toc) == as_written(text)


@pytest.mark.parametrize("text", NOT_FOLLOWED.values(), ids=NOT_FOLLOWED.keys())
def test_the_scan_gives_up_and_the_page_converts_as_written(text: str) -> None:
    converter = _Converter(SETUP)
    assert set_aside(text, converter._md) is None
    page = converter.convert(text)
    assert (page.html, page.toc) == as_written(text)


def test_only_python_markdowns_own_text_steps() -> None:
    assert sets_aside_exactly(markdown.Markdown(extensions=["toc", "tables", "admonition"]))
    # fenced_code's preprocessor does nothing on a page without fences (checked per page)
    assert sets_aside_exactly(markdown.Markdown(extensions=["fenced_code"]))
    # footnotes add a postprocessor, md_in_html a preprocessor: they might read the HTML
    assert not sets_aside_exactly(markdown.Markdown(extensions=["footnotes"]))
    assert not sets_aside_exactly(markdown.Markdown(extensions=["md_in_html"]))
