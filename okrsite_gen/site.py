"""The whole pipeline for a site: load -> validate -> graph -> pages -> files in memory.

`build_site` is what the MkDocs plugin calls; it has no MkDocs import, so the same files
could be written to disk for another generator.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape

from .allocation import paused_gc
from .export.okrs_json import dump_json, to_json
from .forge import Forge
from .graph.build import build_graph
from .graph.okr_graph import OkrGraph
from .graph.queries import parent_objectives
from .graph.view import public_view
from .history import RepoHistory, repo_history
from .incremental.folder_stamp import folder_stamp
from .incremental.page_memo import PageMemo
from .load import LoadMemo
from .load.files import CONTENT_DIR, OKRS_DIR
from .model import HasProblems, Problem
from .pages.activity import activity_feed, activity_page, cycle_events, feed_path
from .pages.cascade import alignment_map
from .pages.common import PageContext
from .pages.conversation import gather, kudos_page
from .pages.health_report import health_report
from .pages.home import home_page
from .pages.listings import cycle_page, person_page, theme_page, unit_page
from .pages.objective import objective_page
from .pages.read_tracking import track_reads
from .pages.review import is_finished, review_page
from .pages.urls import Urls, page_path, safe_site_path
from .parallel import job_count
from .pipeline import Checked, check_repo
from .render.environment import OVERRIDE_DIR, asset, make_environment
from .render.packed import pack, unpack
from .render.page_html import HtmlMemo, MarkdownSetup, PageHtml, convert_pages
from .render.text import MarkdownRenderer

# The navigation lists index pages only: MkDocs embeds the nav in every page, so listing
# thousands of objectives there would make the output grow with the square of their count.
NAV_PAGES = [
    ("Home", "index.md"),
    ("Cycles", "cycles/index.md"),
    ("Units", "units/index.md"),
    ("People", "people/index.md"),
    ("Themes", "themes/index.md"),
    ("Alignment map", "map/index.md"),
    ("Alignment health", "health.md"),
    ("Recognition", "kudos.md"),
]
_NAV_PATHS = {path for _, path in NAV_PAGES}


@dataclass(frozen=True, slots=True)
class SiteOptions:
    include_private: bool = False
    allow_html: bool = False
    forge: Forge | None = None
    use_directory_urls: bool = True
    # The site's public address (MkDocs's site_url): the Atom feeds' links are absolute
    # when it is known, else relative to the feed.
    site_url: str = ""
    # giscus is configured: objective pages ask the theme for its live comments.
    live_comments: bool = False
    # The site's Markdown extensions: when given, every page is also converted to HTML
    # here (SiteFile.html), so the site generator need not parse our HTML again.
    markdown: MarkdownSetup | None = None


@dataclass(frozen=True, slots=True)
class SiteFile:
    path: str  # under the docs folder: "objectives/2026-Q4/x.md", "okrs.json"
    packed: bytes  # the content, compressed (render/packed.py): the site is held at once
    html: PageHtml | None = None  # a page's body as HTML, when SiteOptions.markdown is set

    @classmethod
    def of(cls, path: str, content: str) -> SiteFile:
        return cls(path, pack(content))

    @property
    def content(self) -> str:
        return unpack(self.packed)

    @property
    def in_nav(self) -> bool:
        return self.path in _NAV_PATHS


@dataclass(slots=True)
class SiteBuild(HasProblems):
    """The site's files, and the OKRs' problems (no files when there are errors)."""

    problems: list[Problem]
    site_name: str
    files: list[SiteFile] = field(default_factory=list)


@dataclass(slots=True)
class SiteMemo:
    """What `okrsite serve` keeps between rebuilds, so that one edit costs about what it
    changed: each file's record (parsed again only when its text changed), each node's
    page (made again only when it read something that changed) and each page's HTML
    (converted again only when its text changed)."""

    files: LoadMemo = field(default_factory=LoadMemo)
    pages: PageMemo[SiteFile] = field(default_factory=PageMemo)
    html: HtmlMemo = field(default_factory=HtmlMemo)  # pages converted, by their text


def build_site(
    root: Path, today: date, options: SiteOptions, memo: SiteMemo | None = None
) -> SiteBuild:
    """Every generated page and asset of the site, or none when the OKRs have errors."""
    # The whole pipeline allocates millions of objects and (almost) no garbage cycles: the
    # collector's full passes over a big heap (serve's memo above all) find nothing.
    with paused_gc():
        return _build_site(root, today, options, memo)


def _build_site(root: Path, today: date, options: SiteOptions, memo: SiteMemo | None) -> SiteBuild:
    checked = check_repo(root, today, memo.files if memo is not None else None)
    site_name = checked.repo.org.name if checked.repo.org else "OKRs"
    if checked.errors:
        return SiteBuild(checked.problems, site_name)
    graph = build_graph(checked.repo, today, checked.settings.health)
    shown = graph if options.include_private else public_view(graph)
    history = repo_history(root)  # one pass over git for every page and feed
    if shown is not graph:
        history = history.without(
            {_source(graph, k) for k in graph.objective_keys() if k not in shown},
            "(a change that also touched a private objective)",
        )
    files = render_pages(
        root,
        checked,
        shown,
        options,
        _private_parents(graph, shown),
        history,
        memo.pages if memo is not None else None,
    )
    for site_file in files:  # ids are validated; this makes sure no path leaves docs/
        safe_site_path(site_file.path)
    problems = checked.problems
    # The records and the graph (a third of a GB at 10,000 objectives) are done with:
    # let them go before the pages' HTML joins their Markdown at the build's peak.
    del checked, graph, shown, history
    if options.markdown is not None:
        files = with_html(files, options.markdown, memo.html if memo is not None else None)
    return SiteBuild(problems, site_name, files)


def with_html(
    files: list[SiteFile], setup: MarkdownSetup, memo: HtmlMemo | None = None
) -> list[SiteFile]:
    """The files, each Markdown page with its HTML (converted over the cores)."""
    pages = [f for f in files if f.path.endswith(".md")]
    # Keyed by the packed text: serve need not unpack every page to know it is unchanged.
    keys = [hashlib.blake2b(f.packed, digest_size=20).hexdigest() for f in pages]
    html = convert_pages(_Texts(pages), setup, job_count(), memo, keys)
    converted = {f.path: page for f, page in zip(pages, html, strict=True)}
    return [replace(f, html=converted[f.path]) if f.path in converted else f for f in files]


class _Texts(Sequence[str]):
    """The pages' texts, each unpacked only while it is read: never all at once."""

    def __init__(self, files: list[SiteFile]) -> None:
        self._files = files

    def __len__(self) -> int:
        return len(self._files)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return self._files[index].content


def _source(graph: OkrGraph, key: str) -> str:
    """An objective's file, relative to the repository root."""
    return f"{CONTENT_DIR}/{OKRS_DIR}/{graph.objective(key).path}"


def _private_parents(graph: OkrGraph, shown: OkrGraph) -> dict[str, int]:
    """How many objectives left out of `shown` each shown objective aligns to.

    The public view scrubs them from the records; a page may still say "aligns to 1 private
    objective", never which.
    """
    if shown is graph:
        return {}
    counts = {}
    for key in shown.objective_keys():
        hidden = sum(1 for parent in parent_objectives(graph, key) if parent not in shown)
        if hidden:
            counts[key] = hidden
    return counts


# A line that starts with ``` or ~~~ is a code fence to MkDocs, wherever it is: its
# fenced_code step runs before raw HTML is set aside, and with attr_list it copies
# `{: onclick=...}` onto the block. Content (a code block's text, a multi-line name) must
# never start one, so the first mark of such a line is written as a character reference.
_FENCE = re.compile(r"^([ \t]*)([`~])(?=\2\2)", re.MULTILINE)


def inert_fences(page: str) -> str:
    """A generated Markdown page in which no line opens a code fence."""
    return _FENCE.sub(lambda m: f"{m[1]}&#{ord(m[2])};", page)


def _front_matter(title: str, **extra: Any) -> Markup:
    """The page's YAML front matter for MkDocs, marked safe for the template.

    Material prints `title` and `tags` into HTML unescaped, so each text is HTML-escaped
    here, once, before YAML is written: escaping the YAML afterwards would break it (an
    `&lt;` where a value starts reads as a YAML anchor) and MkDocs would show it as text.
    """
    data = {"title": title, **{k: v for k, v in extra.items() if v}}
    return Markup(yaml.safe_dump(_escaped(data), allow_unicode=True, sort_keys=False).strip())


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def render_pages(
    root: Path,
    checked: Checked,
    graph: OkrGraph,
    options: SiteOptions,
    private_parents: dict[str, int] | None = None,
    history: RepoHistory | None = None,
    memo: PageMemo[SiteFile] | None = None,
) -> list[SiteFile]:
    """The site's files from a graph (and git history) that already hold only what may
    be shown. With `memo` (`okrsite serve`), a node's page is made again only when it
    read something that changed since the memo's last build."""
    history = history or RepoHistory({}, [])
    ctx = PageContext(
        graph=graph,
        urls=Urls(options.use_directory_urls),
        markdown=MarkdownRenderer(options.allow_html),
        forge=options.forge,
        history={path: [c.to_dict() for c in commits] for path, commits in history.files.items()},
        private_parents=private_parents or {},
    )
    ctx.conversation = gather(graph)
    env = make_environment(root)
    files: list[SiteFile] = []
    if memo is not None:
        scope = (root, options, dict(graph.graph), folder_stamp(root / OVERRIDE_DIR))
        memo.begin(scope, track_reads(ctx, memo.log))

    def made(template: str, context: dict[str, Any], **front: Any) -> SiteFile:
        context["front_matter"] = _front_matter(context["title"], **front)
        text = env.get_template(template).render(**context)
        return SiteFile.of(context["path"], inert_fences(text))

    def page(template: str, context: dict[str, Any], **front: Any) -> None:
        files.append(made(template, context, **front))

    def node_page(key: str, make: Callable[[], SiteFile]) -> None:
        """A page of one node (objective, unit, person, theme): under serve, the last
        build's unless it read something an edit changed."""
        files.append(memo.page(page_path(key), make) if memo is not None else make())

    def objective_file(key: str) -> SiteFile:
        context = objective_page(ctx, key)
        return made(
            "objective.md.j2", context, tags=context["tags"], comments=options.live_comments
        )

    def index(path: str, title: str, items: list[dict[str, str]], intro: str = "") -> None:
        page("index.md.j2", {"path": path, "title": title, "items": items, "intro": intro})

    objectives = graph.objective_keys()
    by_cycle: dict[str, list[str]] = defaultdict(list)
    for key in objectives:
        by_cycle[graph.objective(key).cycle or ""].append(key)

    page("home.md.j2", home_page(ctx, by_cycle))
    for key in objectives:
        node_page(key, lambda key=key: objective_file(key))  # type: ignore[misc]
    page("kudos.md.j2", kudos_page(ctx))

    for node_type, folder, title, builder in (
        ("unit", "units", "Units", unit_page),
        ("person", "people", "People", person_page),
        ("theme", "themes", "Themes", theme_page),
    ):
        keys = graph.keys_of_type(node_type)
        for key in keys:
            node_page(
                key,
                lambda key=key, node_type=node_type, builder=builder: made(  # type: ignore[misc]
                    f"{node_type}.md.j2", builder(ctx, key)
                ),
            )
        index(
            f"{folder}/index.md",
            title,
            [
                {
                    "title": ctx.display_name(k),
                    "url": ctx.urls.link(f"{folder}/index.md", page_path(k)),
                }
                for k in keys
            ],
        )

    objective_by_file = {_source(graph, k): k for k in objectives}
    cycles = graph.org.cycles if graph.org else []
    for cycle in cycles:
        key = f"cycle:{cycle.id}"
        members = by_cycle.get(cycle.id, [])
        page("cycle.md.j2", cycle_page(ctx, key, members))
        events = cycle_events(ctx, members, history.status_changes, objective_by_file)
        page("activity.md.j2", activity_page(ctx, cycle, events))
        files.append(
            SiteFile.of(feed_path(cycle.id), activity_feed(ctx, cycle, events, options.site_url))
        )
        if is_finished(cycle, ctx):
            page("review.md.j2", review_page(ctx, cycle, members))
        map_path = f"map/{cycle.id}.md"
        page(
            "map.md.j2",
            {
                "path": map_path,
                "title": f"Alignment map {cycle.id}",
                "cycle_id": cycle.id,
                "diagram": alignment_map(ctx, map_path, cycle.id, members) if members else "",
            },
            hide=["navigation", "toc"],  # Material: the map gets the page's full width
        )
    index(
        "cycles/index.md",
        "Cycles",
        [
            {
                "title": c.title or c.id,
                "url": ctx.urls.link("cycles/index.md", f"cycles/{c.id}.md"),
                "detail": f"{c.start} – {c.end} · {len(by_cycle.get(c.id, []))} objectives",
            }
            for c in cycles
        ],
    )
    index(
        "map/index.md",
        "Alignment map",
        [
            {
                "title": c.title or c.id,
                "url": ctx.urls.link("map/index.md", f"map/{c.id}.md"),
                "detail": f"{len(by_cycle.get(c.id, []))} objectives",
            }
            for c in cycles
        ],
        intro="The whole company's cascade for one cycle in one diagram.",
    )

    page("health.md.j2", health_report(ctx, checked.warnings, objective_by_file))

    files.append(SiteFile.of("okrs.json", dump_json(to_json(graph, options.include_private))))
    files.append(SiteFile.of("assets/okrsite/okrsite.css", asset("okrsite.css")))
    files.append(SiteFile.of("assets/okrsite/okrsite.js", asset("okrsite.js")))
    if memo is not None:
        memo.commit()
    return files


__all__ = [
    "NAV_PAGES",
    "MarkdownSetup",
    "SiteBuild",
    "SiteFile",
    "SiteMemo",
    "SiteOptions",
    "build_site",
]
