"""Our pages' raw HTML blocks set aside before Markdown, so it never parses them.

A generated page is mostly raw HTML blocks around a few Markdown headings. Python-Markdown
finds where each raw block ends with html.parser, one Python call per tag, and keeps the
block as it is. Here one regular-expression pass finds the same blocks, each is replaced
by a one-tag stand-in (`<div>okrsite-raw-7</div>`) that Markdown treats exactly as the
block it replaces, and the blocks go back into the HTML afterwards.

Exact by construction, and otherwise not used: the scan follows Python-Markdown's own rule
(a block-level tag at the start of a line opens a block; end tags pop the open tags down
to their match; the block ends when none is open), and gives up on the page, which is
then converted as written, at anything it does not follow exactly: comments, `<!`/`<?`,
script and style, a tag it cannot read, a tag outside a block, text after a block on its
line. It is used only when the Markdown setup has no preprocessor or postprocessor but
Python-Markdown's own, which would otherwise see the stand-ins instead of the HTML.
fenced_code (MkDocs always adds it) runs before raw blocks are found and would see code
fences inside them: a page with a line it reads as a fence is converted as written. Our
pages have none (site.inert_fences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
from markdown import util
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.postprocessors import (
    AndSubstitutePostprocessor,
    RawHtmlPostprocessor,
    UnescapePostprocessor,
)
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace

_FENCED_CODE = "fenced_code_block"
_KNOWN_STEPS = {
    "normalize_whitespace": NormalizeWhitespace,
    "html_block": HtmlBlockPreprocessor,
    _FENCED_CODE: FencedBlockPreprocessor,  # a no-op on a page without fences: see set_aside
    "raw_html": RawHtmlPostprocessor,
    "amp_substitute": AndSubstitutePostprocessor,
    "unescape": UnescapePostprocessor,
}
# Every `<` html.parser may read as markup: a start tag, an end tag, text (`</>`), or
# anything else (`<!`, `<?`, a tag written in a way this scan does not read).
_ATTRIBUTES = r"""(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))?)*"""
_TOKEN = re.compile(
    rf"""<(?:
        (?P<name>[a-zA-Z][-a-zA-Z0-9]*){_ATTRIBUTES}\s*(?P<closed>/?)>
      | /(?P<end>[a-zA-Z][-a-zA-Z0-9]*)\s*>
      | (?P<text>/(?![a-zA-Z]))
      | (?P<other>[a-zA-Z/!?])
    )""",
    re.VERBOSE,
)
# html.parser reads these elements' content as text, not tags. (`title`, which newer
# Pythons read so too, holds escaped text in our pages: no tag either way.)
_UNFOLLOWED = frozenset({"script", "style", "textarea"})
_STAND_IN = re.compile(r"<([a-z][-a-z0-9]*)>okrsite-raw-(\d+)</\1>")
_BLANK_LINES = re.compile(r"(?<=\n) +\n")


def sets_aside_exactly(md: markdown.Markdown) -> bool:
    """Only Python-Markdown's own text steps: none would read the stand-ins."""
    steps = [*md.preprocessors._data.items(), *md.postprocessors._data.items()]
    return all(type(step) is _KNOWN_STEPS.get(name) for name, step in steps)


def normalized(text: str, md: markdown.Markdown) -> str:
    """Python-Markdown's NormalizeWhitespace, but for the two newlines it appends (it runs
    again on the text we hand it, and changes nothing then)."""
    text = text.replace(util.STX, "").replace(util.ETX, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(md.tab_length)
    return _BLANK_LINES.sub("\n", text)


@dataclass(frozen=True, slots=True)
class SetAside:
    text: str  # the page with each raw block replaced by its stand-in
    blocks: list[str]

    def restore(self, html: str) -> str | None:
        """The HTML with each block back in place of its stand-in; None if a stand-in is
        not there exactly once (then the page is converted as written)."""
        seen: list[int] = []

        def block(match: re.Match[str]) -> str:
            seen.append(int(match[2]))
            return self.blocks[int(match[2])]

        restored = _STAND_IN.sub(block, html)
        return restored if sorted(seen) == list(range(len(self.blocks))) else None


def set_aside(body: str, md: markdown.Markdown) -> SetAside | None:
    """The page's raw blocks set aside, or None when the scan cannot follow the page."""
    text = normalized(body, md)
    if "okrsite-raw-" in text:  # a stand-in must mean one thing only
        return None
    if _FENCED_CODE in md.preprocessors and FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text):
        return None  # fenced_code would act on the page before its raw blocks are found
    pieces: list[str] = []
    blocks: list[str] = []
    done = 0  # text before this is in pieces
    opened: list[str] = []
    opener = ""
    start = 0
    for token in _TOKEN.finditer(text):
        name = token["name"]
        if name is not None:  # a start tag
            name = name.lower()
            if name in _UNFOLLOWED:
                return None
            closed = token["closed"] or name == "hr"  # html.parser: these open nothing
            if not opened:  # a block must open here, as Markdown would open it
                at = token.start()
                if closed or (at and text[at - 1] != "\n") or not md.is_block_level(name):
                    return None
                opener, start = name, at
            if not closed:
                opened.append(name)
            continue
        name = token["end"]
        if name is None:
            if token["text"] is not None:
                continue  # `</>`, `</ `: text to html.parser
            return None  # `<!`, `<?`, or a tag this scan cannot read
        name = name.lower()
        if name not in opened:
            return None  # an end tag outside a block, or one that closes nothing
        while opened.pop() != name:
            pass
        if not opened:  # the block ends here, and so must its line
            end = token.end()
            if end < len(text) and text[end] != "\n":
                return None
            pieces.append(text[done:start])
            pieces.append(f"<{opener}>okrsite-raw-{len(blocks)}</{opener}>")
            blocks.append(text[start:end])
            done = end
    if opened:
        return None
    pieces.append(text[done:])
    return SetAside("".join(pieces), blocks) if blocks else None


__all__ = ["SetAside", "normalized", "set_aside", "sets_aside_exactly"]
