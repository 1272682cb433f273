"""Content text -> safe HTML or Markdown. Nothing a file says can run script in a browser.

Titles, owners, notes and narratives come from many hands through pull requests. Raw
HTML is escaped (unless the company turns it on), links keep only safe schemes, and
everything we place in HTML ourselves goes through Jinja's autoescape or `escape()`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!]|^\s*([#>+-]|\d+\.)\s|\n")
_BODY_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr", "attr_list"]


def is_safe_url(url: str) -> bool:
    """Relative links, anchors and http(s)/mailto: anything else (javascript:...) is dropped."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # no scheme: a relative link or an anchor
    return cleaned.startswith(_SAFE_SCHEMES)


def plain_text(text: str) -> str:
    """Inline Markdown reduced to its words: `[docs](url)` -> `docs`. Not escaped."""
    text = _LINK.sub(r"\1", text)
    return re.sub(r"[*_`]{1,3}(\S[^*_`]*?)[*_`]{1,3}", r"\1", text).strip()


def markdown_escape(text: str) -> str:
    """Text to place inside Markdown (a heading, a list) that reads exactly as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape(text, quote=False))


class _SafeLinks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                element.set("rel", "noopener")


class _NoRawHtml(Extension):
    """Escape raw HTML instead of passing it through, and drop unsafe link schemes."""

    def __init__(self, allow_html: bool) -> None:
        super().__init__()
        self.allow_html = allow_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "okrsite_safe_links", 0)


class MarkdownRenderer:
    """One Markdown converter reused for every text of a build (creating one is slow)."""

    def __init__(self, allow_html: bool = False) -> None:
        self._md = markdown.Markdown(
            extensions=[*_BODY_EXTENSIONS, _NoRawHtml(allow_html)], output_format="html"
        )

    def block(self, text: str) -> Markup:
        """A narrative, comment or reflection as HTML."""
        self._md.reset()
        return Markup(self._md.convert(text or ""))

    def inline(self, text: str) -> Markup:
        """One line (a KR title, a check-in note) as HTML without the wrapping paragraph."""
        if not _INLINE_SYNTAX.search(text):
            return Markup(escape(text.strip(), quote=False))  # most titles: no Markdown at all
        html = self.block(text).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)
