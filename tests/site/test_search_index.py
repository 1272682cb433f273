"""The site's search index: each page is found by what it says, not by the titles its
cascade diagram repeats (every objective's diagram shows each objective above it)."""

from __future__ import annotations

import json

from .conftest import BuiltSite

LEAF = "objectives/2026-Q4/alice/cache-invalidation/"
# Two steps above the leaf: shown in the leaf's cascade diagram and nowhere else on it.
GRANDPARENT = "objectives/2026-Q4/product-eng/fast-checkout-path/"
GRANDPARENT_TITLE = "Rebuild the checkout critical path for speed"


def _text_by_page(site: BuiltSite) -> dict[str, str]:
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    pages: dict[str, str] = {}
    for entry in index["docs"]:
        page = entry["location"].partition("#")[0]
        pages[page] = pages.get(page, "") + " " + entry["title"] + " " + entry["text"]
    return pages


def test_diagrams_are_left_out_of_the_search_index(sample_site: BuiltSite) -> None:
    pages = _text_by_page(sample_site)
    assert GRANDPARENT_TITLE in pages[GRANDPARENT]  # found on its own page
    leaf_html = sample_site.file_of(LEAF).read_text("utf-8")
    assert GRANDPARENT_TITLE in leaf_html  # the leaf's diagram shows it...
    assert GRANDPARENT_TITLE not in pages[LEAF]  # ...and search does not find the leaf by it
    assert "Make cache invalidation boring" in pages[LEAF]
