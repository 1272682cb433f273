"""Generated pages' Markdown -> HTML, done here once per page instead of inside MkDocs.

Our pages are HTML with a few Markdown headings. Converted by MkDocs, every page's HTML is
read tag by tag by Python-Markdown's HTML-block parser and again by MkDocs' anchor scan,
one page after the other. Here each page is converted once, with the site's own Markdown
extensions (so the HTML and table of contents are what MkDocs would make), spread over the
cores, and kept between `okrsite serve` rebuilds while its text is unchanged.

No MkDocs import: the caller says which extensions the site uses.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown

from ..parallel import chunks, fork_map
from .packed import pack, unpack
from .raw_blocks import set_aside, sets_aside_exactly

# MkDocs' own front-matter rule (mkdocs.utils.meta.YAML_RE): the body is what follows.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True, slots=True)
class PageHtml:
    digest: str  # of the Markdown body converted (body_digest): not the text, to save memory
    packed_html: bytes  # compressed (render/packed.py): every page's HTML is held at once
    toc: list[dict[str, Any]]  # Python-Markdown's toc_tokens

    @classmethod
    def of(cls, digest: str, html: str, toc: list[dict[str, Any]]) -> PageHtml:
        return cls(digest, pack(html), toc)

    @property
    def html(self) -> str:
        return unpack(self.packed_html)


# Markdown extensions whose output depends on files besides the page (snippets includes
# them, auto_append adds them to every page): a page's HTML is not a function of its text.
READS_OTHER_FILES = frozenset({"pymdownx.snippets"})


@dataclass(frozen=True)
class MarkdownSetup:
    """The Markdown extensions a site converts its pages with, as its config lists them."""

    extensions: tuple[Any, ...] = ()
    configs: dict[str, Any] = field(default_factory=dict)

    def cache_key(self) -> str | None:
        """A text naming this setup, or None when a page's HTML may depend on more than
        its text: an extension that reads other files, or an extension object we cannot
        name (its repr holds an address). Such a setup is never cached."""
        if not all(isinstance(name, str) for name in self.extensions):
            return None
        if any(name in READS_OTHER_FILES for name in self.extensions):
            return None
        return repr((self.extensions, sorted(self.configs.items())))


def page_body(text: str) -> str:
    """A page's Markdown without its front matter, as MkDocs reads it."""
    if match := _FRONT_MATTER.match(text):
        return text[match.end() :].lstrip("\n")
    return text


def body_digest(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=20).hexdigest()


class _Converter:
    """One Markdown instance for many pages: creating one per page is slow."""

    def __init__(self, setup: MarkdownSetup) -> None:
        self._md = markdown.Markdown(
            extensions=list(setup.extensions), extension_configs=setup.configs
        )
        self._set_aside = sets_aside_exactly(self._md)

    def convert(self, body: str) -> PageHtml:
        blocks = set_aside(body, self._md) if self._set_aside else None
        html = self._convert(blocks.text if blocks else body)
        if blocks is not None:
            restored = blocks.restore(html)
            html = restored if restored is not None else self._convert(body)
        toc = list(getattr(self._md, "toc_tokens", []))
        return PageHtml.of(body_digest(body), html, toc)

    def _convert(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


@dataclass(slots=True)
class HtmlMemo:
    """The last build's converted pages, by their texts' keys, kept by `okrsite serve`: an
    edit to one objective leaves most pages' text unchanged. Only the last build's pages
    are kept, so memory does not grow over a session."""

    setup_key: str | None = None
    pages: dict[str, PageHtml] = field(default_factory=dict)


def convert_pages(
    texts: Sequence[str],
    setup: MarkdownSetup,
    jobs: int,
    memo: HtmlMemo | None = None,
    keys: Sequence[str] | None = None,
) -> list[PageHtml]:
    """Each page (with its front matter) converted, in order. `keys` name the texts (equal
    keys, equal texts; by default the digest of each body): a text is converted once, and
    with `memo`, a text the memo's last build converted with the same setup is taken from
    it, and the memo then keeps this build's pages."""
    key = setup.cache_key()
    known = memo.pages if memo is not None and key is not None and key == memo.setup_key else {}
    if keys is None:
        keys = [body_digest(page_body(text)) for text in texts]
    first: dict[str, int] = {}  # one page for each text not converted yet
    for index, text_key in enumerate(keys):
        if text_key not in known:
            first.setdefault(text_key, index)
    converter = _Converter(setup)

    def convert_chunk(chunk: Sequence[int]) -> list[tuple[int, PageHtml]]:
        # Indices cross to the workers, not texts (forked, they hold `texts` already), and
        # each body is cut from its page only while converted: no second copy of the site.
        return [(index, converter.convert(page_body(texts[index]))) for index in chunk]

    todo = sorted(first.values())

    converted = dict(known)
    for part in fork_map(convert_chunk, chunks(todo, jobs), jobs):
        converted.update((keys[index], page) for index, page in part)
    pages = [converted[text_key] for text_key in keys]
    if memo is not None:
        memo.setup_key = key
        memo.pages = dict(zip(keys, pages, strict=True)) if key is not None else {}
    return pages


__all__ = ["HtmlMemo", "MarkdownSetup", "PageHtml", "body_digest", "convert_pages", "page_body"]
