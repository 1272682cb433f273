"""The `okrsite` MkDocs plugin: runs the core pipeline and adds its pages as in-memory files.

Events, in the order MkDocs calls them:
- on_startup: note whether this is `serve`. (Defining it also makes MkDocs keep this one
  plugin object over serve's rebuilds.) Serve builds "dirty": rebuild.py then decides
  which pages a rebuild renders (on_files, on_nav, on_env, on_post_page, on_post_build).
- on_config: read the OKRs, stop on errors, log warnings, generate every page (once).
- on_files: add the generated pages and assets beside the company's own docs/.
- on_page_markdown / on_page_content: hand MkDocs each generated page's HTML and table of
  contents, converted by the core already (with the site's own Markdown extensions), so
  MkDocs does not parse our HTML-heavy pages again.
- on_page_context: hand the giscus settings to the comments partial (when configured).
- on_serve: rebuild when anything under content/ or okrsite.toml changes.
- on_post_build / on_build_error / on_shutdown: partial rebuilds' bookkeeping; converted
  pages MkDocs did not read are dropped.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..cli.common import TODAY_ENV
from ..forge import Forge
from ..load.files import CONTENT_DIR
from ..render.page_html import PageHtml, body_digest
from ..report import as_text
from ..site import NAV_PAGES, MarkdownSetup, SiteFile, SiteMemo, SiteOptions, build_site
from .config import OkrsiteConfig
from .converted_page import ConvertedPage
from .rebuild import GeneratedFile, Rebuilds

log = logging.getLogger("mkdocs.plugins.okrsite")
OVERRIDES = Path(__file__).resolve().parent.parent / "render" / "overrides"


class OkrsitePlugin(BasePlugin[OkrsiteConfig]):
    def __init__(self) -> None:
        self._files: list[SiteFile] = []
        self._root = Path(".")
        # Converted pages by source path, until MkDocs renders them; then by page.
        self._html: dict[str, PageHtml] = {}
        self._converted: dict[str, PageHtml] = {}
        self._generated: set[str] = set()
        self._rebuilds = Rebuilds(self)
        # serve's rebuilds reuse the records and pages an edit left unchanged (site.py).
        self._memo: SiteMemo | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps this object for the process: a later serve session may reuse the
        # memo (it checks everything it reuses), a one-off build holds none.
        self._memo = (self._memo or SiteMemo()) if command == "serve" else None
        self._rebuilds.on_startup(command=command, dirty=dirty)

    def on_shutdown(self) -> None:
        self._rebuilds.on_shutdown()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = self.config.root or os.path.dirname(config.config_file_path or "") or "."
        self._root = Path(root).resolve()
        self._configure_theme(config)
        if problem := self.config.giscus.problem():
            raise PluginError(problem)
        result = build_site(self._root, self._today(), self._options(config), self._memo)
        for problem in result.warnings:
            log.warning(as_text(problem))
        if result.errors:
            details = "\n".join(as_text(p) for p in result.errors)
            raise PluginError(
                f"okrsite: {len(result.errors)} error(s) in the OKR files:\n{details}"
            )
        self._files = result.files
        self._html = {f.path: f.html for f in result.files if f.html is not None}
        self._converted = {}
        if config.nav is None:  # list the index pages, never thousands of objectives
            config.nav = [{title: path} for title, path in NAV_PAGES] + self._docs_nav(config)
        if not config.site_name or config.site_name == "My Docs":
            config.site_name = result.site_name
        # Material prints site_name into HTML unescaped in places (<title>, the header), and
        # without mkdocs.yml it comes from org.yaml, a file anyone may edit in a pull request.
        # As Markup it is escaped once, also where a template adds `| e`.
        config.site_name = Markup.escape(config.site_name)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        company_home = files.get_file_from_path("index.md") is not None
        ours = [
            _generated_file(config, site_file)
            for site_file in self._files
            if not (company_home and site_file.path == "index.md")  # the company's home wins
        ]
        _drop_hidden_company_files(files, ours)
        for file in ours:
            files.append(file)
        self._generated = {f.src_uri for f in ours}
        self._files = []  # MkDocs holds the pages now: keep no second reference
        self._rebuilds.on_files(files, config)
        return files

    @event_priority(-100)  # last: the nav other plugins leave
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        for file in files.documentation_pages():
            # MkDocs made every page object with the nav (titles from it); ours become
            # ConvertedPages, which only render differently (see converted_page.py).
            if file.src_uri in self._generated and type(file.page) is Page:
                file.page.__class__ = ConvertedPage
        self._rebuilds.on_nav(nav, files)
        return nav

    @event_priority(-100)  # last: after every page is read, before anything is written
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self._rebuilds.on_env(config, files)
        return env

    @event_priority(-100)  # last: the Markdown other plugins' changes leave
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        converted = self._html.pop(page.file.src_uri, None)
        if converted is None or converted.digest != body_digest(markdown):
            return markdown  # not ours, or changed by another plugin: MkDocs converts it
        self._converted[page.file.src_uri] = converted
        # Read once: keeping every page's Markdown beside its HTML costs ~16 KB a page.
        page.file.content_string = ""
        return ""  # nothing left for MkDocs to parse; on_page_content puts the HTML back

    @event_priority(100)  # first: other plugins see the page's HTML, never the blank
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        converted = self._converted.pop(page.file.src_uri, None)
        if converted is None:
            return html
        page.toc = get_toc(converted.toc)  # type: ignore[arg-type]
        # Anchors in our pages are unknown to MkDocs now: None skips checking links to
        # them (our link test checks every anchor in the built site instead).
        page.present_anchor_ids = None
        return converted.html

    @event_priority(-100)  # last: every plugin has had the page
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self._rebuilds.on_page_rendered(page)
        if page.file.src_uri in self._generated:
            # Written once this returns, and read by nothing after (search has indexed it):
            # MkDocs would otherwise hold every page's HTML until the build ends.
            page.content = None
        return output

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        # Read by render/overrides/partials/comments.html; absent, the partial is empty.
        giscus = self.config.giscus
        if giscus.enabled:
            context["okrsite_giscus"] = {
                name: giscus[name]
                for name in (*giscus.REQUIRED, "mapping", "input_position", "lang")
            } | {
                "strict": "1" if giscus.strict else "0",
                "reactions": "1" if giscus.reactions else "0",
                "theme_light": giscus.theme_light,
                "theme_dark": giscus.theme_dark,
            }
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._forget_conversions()
        self._rebuilds.on_post_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        self._forget_conversions()
        self._rebuilds.on_build_error()

    def _forget_conversions(self) -> None:
        """Pages MkDocs never read (a generated page the company's own replaced) leave
        their HTML here: not kept until the next build."""
        self._html = {}
        self._converted = {}

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        server.watch(str(self._root / CONTENT_DIR))
        if (self._root / "okrsite.toml").exists():
            server.watch(str(self._root / "okrsite.toml"))
        return server

    def _today(self) -> date:
        text = self.config.today or os.environ.get(TODAY_ENV)
        if not text:
            return date.today()
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise PluginError(f"okrsite: today must be YYYY-MM-DD, not {text!r}") from error

    def _options(self, config: MkDocsConfig) -> SiteOptions:
        forge = (
            Forge.from_url(config.repo_url, self.config.branch, self.config.forge)
            if config.repo_url
            else None
        )
        return SiteOptions(
            include_private=self.config.include_private,
            allow_html=self.config.allow_html,
            forge=forge,
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url or "",
            live_comments=self.config.giscus.enabled,
            markdown=MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
        )

    def _configure_theme(self, config: MkDocsConfig) -> None:
        theme = config.theme
        # Our partials (a repository link that fetches nothing) sit below the company's
        # custom_dir, so a company can still override them, and above the theme's own.
        position = 1 if theme.custom_dir else 0
        if str(OVERRIDES) not in theme.dirs:
            theme.dirs.insert(position, str(OVERRIDES))
        if not self.config.remote_fonts:
            theme["font"] = False
        config.extra_css.append("assets/okrsite/okrsite.css")
        config.extra_javascript.append("assets/okrsite/okrsite.js")

    @staticmethod
    def _docs_nav(config: MkDocsConfig) -> list[dict[str, list[str]]]:
        """The company's hand-written pages, under one "Guide" tab (tabs do not wrap)."""
        docs = Path(config.docs_dir)
        pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        pages = [p for p in pages if p != "index.md"]
        return [{"Guide": pages}] if pages else []


def _generated_file(config: MkDocsConfig, site_file: SiteFile) -> GeneratedFile:
    inclusion = InclusionLevel.INCLUDED if site_file.in_nav else InclusionLevel.NOT_IN_NAV
    if site_file.path.endswith(".md"):  # a page: unpacked once, when MkDocs reads it
        return GeneratedFile.packed_page(config, site_file.path, site_file.packed, inclusion)
    # MkDocs copies these from the content it holds
    return GeneratedFile.generated(
        config, site_file.path, content=site_file.content, inclusion=inclusion
    )


def _drop_hidden_company_files(files: Files, ours: list[GeneratedFile]) -> None:
    """A company file at a generated file's path or address (`docs/cycles.md` and our
    `cycles/index.md` both make `cycles/index.html`) is left out, with a warning: a site
    has one page per address, and which one won was the order of writing."""
    paths = {f.src_uri for f in ours}
    addresses = {f.dest_uri for f in ours}
    for file in [f for f in files if f.src_uri in paths or f.dest_uri in addresses]:
        log.warning(
            "okrsite: docs/%s is left out: okrsite's own page is at its address (%s); "
            "rename it to publish it",
            file.src_uri,
            file.dest_uri,
        )
        files.remove(file)
