"""An Atom 1.0 feed (RFC 4287) written with xml.etree: every text escaped by the library.

Deterministic: the caller gives every timestamp (the newest entry's date, or "today"),
never the clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

__all__ = ["ATOM_NS", "FeedEntry", "atom_feed"]

ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot hold at all, escaped or not: a file with one would otherwise
# make the whole feed unreadable to every reader.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str  # a permanent IRI
    title: str  # plain text
    updated: str  # RFC 3339: 2026-11-20T00:00:00Z
    link: str  # the entry's page, absolute or relative to the feed
    author: str
    summary: str  # plain text
    content_html: str = ""  # safe HTML, sent as escaped text (type="html")
    categories: tuple[str, ...] = field(default_factory=tuple)


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("", text)
    return element


def atom_feed(
    *,
    feed_id: str,
    title: str,
    updated: str,
    author: str,
    self_link: str,
    page_link: str,
    entries: list[FeedEntry],
    subtitle: str = "",
) -> str:
    """The feed document as text, entries in the order given (newest first)."""
    # The namespace as a plain attribute: no prefix registered in ElementTree's global map.
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _text(feed, "updated", updated)
    _text(ET.SubElement(feed, "author"), "name", author)
    for rel, kind, href in (
        ("self", "application/atom+xml", self_link),
        ("alternate", "text/html", page_link),
    ):
        ET.SubElement(feed, "link", {"rel": rel, "type": kind, "href": _NOT_XML.sub("", href)})
    _text(feed, "generator", "okrsite")
    for item in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", item.updated)
        _text(ET.SubElement(entry, "author"), "name", item.author)
        link = {"rel": "alternate", "type": "text/html", "href": _NOT_XML.sub("", item.link)}
        ET.SubElement(entry, "link", link)
        for category in item.categories:
            ET.SubElement(entry, "category", {"term": _NOT_XML.sub("", category)})
        _text(entry, "summary", item.summary, type="text")
        if item.content_html:
            _text(entry, "content", item.content_html, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"
