"""Content text -> safe HTML or Markdown. Nothing a file says can run script in a browser.

Titles, owners, notes and narratives come from many hands through pull requests. Raw
HTML is escaped (unless the company turns it on), links keep only safe schemes, and
everything we place in HTML ourselves goes through Jinja's autoescape or `escape()`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape, unescape
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..graph.progress import fmt

_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Attributes Markdown (with attr_list) may leave on an element. Anything else (onclick=,
# formaction=, srcdoc=...) is dropped: `{: onclick="..."}` must not become script.
_SAFE_ATTRIBUTES = {"id", "class", "href", "src", "alt", "title", "rel", "start", "lang"}
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);?")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")
_EMPHASIS = re.compile(r"(?<![\w*`])(\*{1,3}|_{1,3}|`)(?=[^\s*_`])(.+?)(?<=[^\s*_`])\1(?![\w*`])")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!]|^\s*([#>+-]|\d+\.)\s|\n")
_BODY_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr", "attr_list"]


def is_safe_url(url: str) -> bool:
    """Relative links, anchors and http(s)/mailto: anything else (javascript:...) is dropped.

    The URL is judged as a browser reads the attribute: character references decoded
    (`&#106;avascript:`, `javascript&colon;`), tabs, newlines and controls ignored,
    letters in any case (`JaVaScRiPt:`).
    """
    decoded = url
    for _ in range(5):  # decoding more often than a browser only ever drops more links
        once = unescape(decoded)
        if once == decoded:
            break
        decoded = once
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", decoded).lower()
    scheme = _SCHEME.match(cleaned)
    if scheme:
        return scheme[1] in _SAFE_SCHEMES
    # No scheme: a relative link or an anchor, unless a colon still comes before the path.
    return ":" not in re.split(r"[/?#\\]", cleaned, maxsplit=1)[0]


def plain_text(text: str) -> str:
    """Inline Markdown reduced to its words: `[docs](url)` -> `docs`. Not escaped.

    Emphasis is a pair of the same marks around words (`**bold**`, `_word_`); marks inside
    a word (`snake_case`, `7*191`) stay as written. Line breaks become spaces.
    """
    text = _LINK.sub(r"\1", text)
    return " ".join(_EMPHASIS.sub(r"\2", text).split())  # one line, wherever it is shown


def markdown_escape(text: str) -> str:
    """Text to place inside Markdown (a heading, a list) that reads exactly as written."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape(text, quote=False))


def _safe_attribute(tag: str, name: str, value: str) -> bool:
    if name in ("href", "src"):
        return is_safe_url(value)
    if name == "style":  # the tables extension aligns columns; no other style from content
        return tag in ("th", "td") and _TABLE_ALIGN.fullmatch(value) is not None
    if name == "id":  # Material's own elements (__config, __search...) cannot be shadowed
        return not value.startswith("_")
    return name in _SAFE_ATTRIBUTES


class _SafeAttributes(Treeprocessor):
    """Drop attributes content may not set: unsafe link schemes, on* handlers, styles."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                if not _safe_attribute(str(element.tag), name.lower(), value):
                    del element.attrib[name]
            if element.tag == "a" and element.get("href", "").startswith(("http:", "https:")):
                element.set("rel", "noopener")


class _NoRawHtml(Extension):
    """Escape raw HTML instead of passing it through; drop unsafe links and attributes."""

    def __init__(self, allow_html: bool) -> None:
        super().__init__()
        self.allow_html = allow_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeAttributes(md), "okrsite_safe_attributes", 0)
        if "fenced_code_block" in md.preprocessors:
            _plain_fences(md.preprocessors["fenced_code_block"])


def _plain_fences(fenced: Any) -> None:
    """Code fences keep their language class; `{: onclick=...}` sets no attribute on them.

    fenced_code writes its HTML straight into the stash, past our tree processor, and
    copies every attr_list key onto the `<code>` element.
    """
    original = fenced.handle_attrs

    def handle_attrs(attrs: Any) -> tuple[str, list[str], dict[str, Any]]:
        ident, classes, _options = original(attrs)
        return ("" if ident.startswith("_") else ident), classes, {}

    fenced.handle_attrs = handle_attrs


class MarkdownRenderer:
    """One Markdown converter reused for every text of a build (creating one is slow)."""

    def __init__(self, allow_html: bool = False) -> None:
        self._md = markdown.Markdown(
            extensions=[*_BODY_EXTENSIONS, _NoRawHtml(allow_html)], output_format="html"
        )
        # A comment or check-in note appears on several pages (objective, person, activity,
        # kudos, home): convert each text once per build.
        self._blocks: dict[str, Markup] = {}

    def block(self, text: str) -> Markup:
        """A narrative, comment or reflection as HTML."""
        text = text or ""
        html = self._blocks.get(text)
        if html is None:
            self._md.reset()
            html = self._blocks[text] = Markup(self._md.convert(text))
        return html

    def inline(self, text: str) -> Markup:
        """One line (a KR title, a check-in note) as HTML without the wrapping paragraph."""
        if not _INLINE_SYNTAX.search(text):
            return Markup(escape(text.strip(), quote=False))  # most titles: no Markdown at all
        html = self.block(text).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)


def number(value: float | None, unit: str = "") -> str:
    """A value as pages show it: `1200 ms`, `45%`, `—` when there is none."""
    if value is None:
        return "—"
    text = fmt(value)
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit}"


def forge_text(text: str) -> str:
    """Text users wrote, placed in Markdown a forge renders (a PR comment, an issue):
    one line, no raw HTML, and no `@` that would notify someone."""
    return " ".join(text.split()).replace("<", "&lt;").replace("@", "@\u200b")
