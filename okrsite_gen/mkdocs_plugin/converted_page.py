"""The MkDocs page object of a generated page whose HTML the core converted already."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_MKDOCS_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


class ConvertedPage(Page):
    """Adds no state to `Page`, so the plugin can turn MkDocs' page objects into these.

    The plugin hands MkDocs an empty Markdown text for such a page (and its HTML in
    on_page_content). MkDocs' `render` would still set up a whole Markdown converter to
    convert that empty text: about 0.3 ms a page, on every page of every build. Here an
    empty text leaves the page exactly as rendering it would (nothing converted, nothing
    found); any other text is rendered by MkDocs as usual."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown != "":
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        if _MKDOCS_PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as MkDocs' render
            self.links_to_anchors = {}
