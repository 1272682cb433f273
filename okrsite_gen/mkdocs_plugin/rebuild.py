"""`okrsite serve`'s partial rebuilds: after an edit, only the pages whose HTML changes go
through Material's theme and into the search index, and the served site stays exactly what
a clean build of the new state would give.

Serve builds with MkDocs' `dirty` build type: site_dir is not emptied, and MkDocs skips a
page or a static file when `File.is_modified()` says no. Taken alone that is not enough:
every generated file says "modified" (its content is in memory), a page that is no longer
generated stays in site_dir, and Material's search plugin merges a dirty build's index by
assuming one page changed. Here, when MkDocs says `serve` and `dirty` at startup:

- Every page is still read and converted (MkDocs' first pass; ~0.3 ms a generated page,
  its HTML being converted by the core already), so whatever a page gives the whole site
  (nav titles, the tags plugin's listings, anchors) is what a clean build collects.
- Before anything is written (`on_env`, last), the build decides which generated files
  stand as the last build wrote them: those whose content digest is the last build's and
  whose output is still there, provided the site-wide fingerprint (see `site_fingerprint`:
  mkdocs.yml, the config, theme and custom_dir, the nav with its titles, the tags
  listings) is the last build's too. `GeneratedFile.is_modified()` says so to MkDocs from
  then on; the company's hand-written pages are always rendered.
- At the end (`on_post_build`, before Material's search plugin): the output of every file
  the last build wrote and this one does not is deleted, and the search index is merged:
  the last build's entries of the pages this build did not render and still has, plus
  this build's entries, in page order (so search_index.json is what a clean build writes).
- Anything this module does not know to be safe (MkDocs' own search, any other plugin, a
  first build, a failed build, a lost search index) makes the build render every page:
  slow, never wrong.

Serve keeps one plugin object over its rebuilds (the plugin defines on_startup), which is
where the last build's state lives.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date

from ..incremental.folder_stamp import folder_stamp
from ..render.packed import unpack
from ..render.page_html import READS_OTHER_FILES

log = logging.getLogger("mkdocs.plugins.okrsite")

# The warning MkDocs logs on every dirty build (mkdocs/commands/build.py): it is about
# stale navigation and files, which this module keeps exact.
DIRTY_WARNING = "A 'dirty' build is being performed"
_BUILD_LOGGER = "mkdocs.commands.build"


class GeneratedFile(File):
    """A page or asset of the okrsite plugin (in memory, as `File.generated` makes it).

    `is_modified()` tells MkDocs whether this build must write it. MkDocs asks first while
    reading pages (yes: every page is read), then while copying and rendering (the
    decision of `Rebuilds.on_env`). Outside serve's partial rebuilds: always yes.
    """

    digest: str = ""
    _rebuild_pass: _Pass | None = None
    # A page's Markdown, compressed (render/packed.py), unpacked only when MkDocs reads
    # it: thousands of pages wait in Files at once. None: the content is in `_content`.
    _packed: bytes | None = None

    @classmethod
    def packed_page(
        cls, config: MkDocsConfig, src_uri: str, packed: bytes, inclusion: InclusionLevel
    ) -> GeneratedFile:
        """A generated Markdown page whose text stays compressed until it is read."""
        file = cls.generated(config, src_uri, content="", inclusion=inclusion)
        file._content, file._packed = None, packed
        return file

    @property  # type: ignore[override]
    def content_string(self) -> str:
        if self._content is None and self._packed is not None:
            return unpack(self._packed)
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._packed = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        if self._content is None and self._packed is not None:
            return unpack(self._packed).encode("utf-8")
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._packed = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def content_digest(self) -> str:
        """A digest of the content (of its packed form when packed: no need to unpack)."""
        if self._content is None and self._packed is not None:
            return content_digest(self._packed)
        return content_digest(self.content_bytes)

    def is_modified(self) -> bool:
        build = self._rebuild_pass
        return build is None or not build.decided or self.src_uri not in build.keep


def _always_modified() -> bool:
    return True


class _DirtyWarningFilter(logging.Filter):
    """Drops MkDocs' dirty-build warning, and nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and str(record.msg).startswith(DIRTY_WARNING))


_DIRTY_FILTER = _DirtyWarningFilter()


@dataclass
class _Previous:
    """What the last build left in site_dir."""

    site_dir: str
    fingerprint: str | None  # None: unknown, the next build renders every page
    digests: dict[str, str]  # generated file src_uri -> content digest, as written
    outputs: set[str]  # dest_uri of every file of Files the build wrote
    index: object | None  # the SearchIndex Material wrote (its search_index_prev now)


@dataclass
class _Pass:
    """One build."""

    site_dir: str
    docs_dir: str
    generated: list[GeneratedFile] = field(default_factory=list)
    decided: bool = False  # on_env ran: files may be written from now on
    keep: set[str] = field(default_factory=set)  # src_uris whose last output stands
    rendered: set[str] = field(default_factory=set)  # src_uris of the pages rendered
    files: Files | None = None
    nav: Navigation | None = None
    fingerprint: str | None = None
    committed: bool = False  # on_post_build: site_dir and the state agree


class Rebuilds:
    """The okrsite plugin's partial rebuilds (one per plugin object, kept over serve's
    rebuilds). The plugin calls one method per MkDocs event."""

    def __init__(self, owner: BasePlugin) -> None:
        self._owner = owner
        self.managed = False  # serve, dirty: this object decides what a build renders
        self._previous: _Previous | None = None
        self._pass: _Pass | None = None
        self._search: Any = None  # Material's search plugin, when the site has it
        self._told = False  # that a plugin makes every rebuild render every page

    # --- events, in MkDocs' order -------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.managed = command == "serve" and dirty
        self._previous = None
        self._pass = None
        self._told = False
        build_log = logging.getLogger(_BUILD_LOGGER)
        if self.managed:
            build_log.addFilter(_DIRTY_FILTER)  # once: filters are a set-like list
        else:
            build_log.removeFilter(_DIRTY_FILTER)

    def on_files(self, files: Files, config: MkDocsConfig) -> None:
        """After the plugin added its `GeneratedFile`s: a new build starts."""
        build = self._pass = _Pass(config.site_dir, config.docs_dir)
        if not self.managed:
            return
        for file in files:
            if isinstance(file, GeneratedFile):
                file.digest = file.content_digest()
                file._rebuild_pass = build
                build.generated.append(file)

    def on_nav(self, nav: Navigation, files: Files) -> None:
        """Every plugin has added its files; no page is read yet."""
        if self._pass is None or not self.managed:
            return
        self._pass.nav = nav
        for file in files:
            if isinstance(file, GeneratedFile):
                continue
            if file.is_documentation_page() or file.src_dir == self._pass.docs_dir:
                # The company's own pages (or another plugin's): a title in every page's
                # nav, and MkDocs' mtime test would skip them. Its other files (images):
                # a file replaced by an older one (`cp -p`) passes that test. There are
                # few: always.
                file.is_modified = _always_modified  # type: ignore[method-assign]

    def on_env(self, config: MkDocsConfig, files: Files) -> None:
        """Every page is read; nothing is written yet: decide what stands."""
        build = self._pass
        if build is None or not self.managed:
            return
        build.files = files
        build.fingerprint = site_fingerprint(config, build.nav)
        self._search = _material_search(config)
        reason = self._why_render_everything(config, build)
        if reason.startswith("plugin") and not self._told:
            log.info("okrsite: serve renders every page on each rebuild: %s", reason)
            self._told = True
        elif reason:
            log.debug("okrsite: rendering every page: %s", reason)
        else:
            previous = self._previous
            assert previous is not None
            # A tags listing (a directive in an objective's text) lists other pages.
            listings = {listing.page.file.src_uri for listing in _listings(config)}
            build.keep = {
                file.src_uri
                for file in build.generated
                if previous.digests.get(file.src_uri) == file.digest
                and file.src_uri not in listings
                and os.path.isfile(file.abs_dest_path)
            }
            log.debug(
                "okrsite: %d of %d generated files unchanged",
                len(build.keep),
                len(build.generated),
            )
        build.decided = True
        for file in build.generated:
            if file.src_uri in build.keep and file.page is not None:
                file.page.content = None  # not rendered: nothing reads it any more

    def on_page_rendered(self, page: Page) -> None:
        if self._pass is not None:
            self._pass.rendered.add(page.file.src_uri)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: delete what is no longer in the
        site, merge the search index, keep the state for the next build."""
        build, self._pass = self._pass, None
        if not self.managed:
            _drop_stale_search_index(config)
            return
        if build is None or build.files is None:
            return
        files = build.files
        outputs = {f.dest_uri for f in files if f.inclusion.is_in_serve()}
        previous = self._previous
        if previous is not None and previous.site_dir == config.site_dir:
            self._delete(config, previous.outputs - outputs)
        index = self._merge_search_index(files, build)
        rendered_or_kept = build.rendered | build.keep
        self._previous = _Previous(
            site_dir=config.site_dir,
            fingerprint=build.fingerprint,
            digests={
                f.src_uri: f.digest
                for f in build.generated
                if f.inclusion.is_in_serve()
                and (not f.is_documentation_page() or f.src_uri in rendered_or_kept)
            },
            outputs=outputs,
            index=index,
        )
        build.committed = True

    def on_build_error(self) -> None:
        build, self._pass = self._pass, None
        if build is None or not self.managed or build.committed or not build.decided:
            return  # nothing written yet (bad OKRs stop the build in on_config), or done
        # Some files may be written: the next build renders everything, and still knows
        # every file that may be in site_dir.
        previous = self._previous
        outputs = set(previous.outputs) if previous is not None else set()
        if build.files is not None:
            outputs |= {f.dest_uri for f in build.files if f.inclusion.is_in_serve()}
        self._previous = _Previous(
            site_dir=build.site_dir,
            fingerprint=None,
            digests={},
            outputs=outputs,
            index=previous.index if previous is not None else None,
        )

    def on_shutdown(self) -> None:
        self._previous = self._pass = self._search = None
        if self.managed:
            logging.getLogger(_BUILD_LOGGER).removeFilter(_DIRTY_FILTER)
        self.managed = False

    # --- the parts ----------------------------------------------------------------------

    def _why_render_everything(self, config: MkDocsConfig, build: _Pass) -> str:
        """Why this build cannot keep any page of the last one ("" when it can)."""
        for name, plugin in config.plugins.items():
            if plugin is self._owner or plugin is self._search:
                continue
            if not _is_material(plugin, "tags", "TagsPlugin"):
                return f"plugin {name!r} may not support partial rebuilds"
        for extension in config.markdown_extensions:
            if not isinstance(extension, str) or extension in READS_OTHER_FILES:
                return f"the Markdown extension {extension!r} may read other files"
        previous = self._previous
        if previous is None or previous.site_dir != config.site_dir:
            return "first build"
        if previous.fingerprint is None:
            return "the last build failed"
        if previous.fingerprint != build.fingerprint:
            return "the configuration, navigation or theme changed"
        search = self._search
        if search is not None and search.config.enabled:
            if not hasattr(search, "search_index"):
                return "Material's search plugin is not as expected"
            if previous.index is None or search.search_index_prev is not previous.index:
                return "the last search index is not at hand"
        return ""

    def _merge_search_index(self, files: Files, build: _Pass) -> object | None:
        """Material's index of the whole site; Material writes it as it is and keeps it as
        `search_index_prev` for the next build."""
        search = self._search
        if search is None or not search.config.enabled:
            return None
        index = search.search_index
        previous = search.search_index_prev
        pages = [
            f.page
            for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            if f.page is not None
        ]
        rendered = {p.url for p in pages if p.file.src_uri in build.rendered}
        by_page: dict[str, list[dict[str, Any]]] = {}
        if previous is not None:
            kept = {p.url for p in pages} - rendered
            for entry in previous.entries:
                url = _page_of(entry)
                if url in kept:
                    by_page.setdefault(url, []).append(entry)
        strays = []
        for entry in index.entries:
            url = _page_of(entry)
            if url in rendered:
                by_page.setdefault(url, []).append(entry)
            else:
                strays.append(entry)  # not a page's section: kept, as a clean build does
        in_order = dict.fromkeys(p.url for p in pages)  # each address once
        index.entries = [e for url in in_order for e in by_page.get(url, ())] + strays
        search.search_index_prev = None  # Material's own merge assumes one changed page
        return index

    @staticmethod
    def _delete(config: MkDocsConfig, stale: set[str]) -> None:
        """Delete the outputs of files that are gone (and the folders they leave empty)."""
        site = os.path.realpath(config.site_dir)
        # Written every build, whatever the files: never stale.
        written = {*config.theme.static_templates, "sitemap.xml.gz", *config.extra_templates}
        for dest in sorted(stale - written):
            path = os.path.realpath(os.path.join(site, dest))
            if os.path.commonpath([site, path]) != site or not os.path.isfile(path):
                continue
            os.remove(path)
            folder = os.path.dirname(path)
            while folder != site:
                try:
                    os.rmdir(folder)
                except OSError:
                    break  # not empty
                folder = os.path.dirname(folder)


def _material_search(config: MkDocsConfig) -> Any:
    """Material's search plugin, when the site has one (and only one)."""
    found = [p for p in config.plugins.values() if _is_material(p, "search", "SearchPlugin")]
    return found[0] if len(found) == 1 else None


def _drop_stale_search_index(config: MkDocsConfig) -> None:
    """A build that is not dirty, after a dirty session in the same process (tests,
    benchmarks): MkDocs keeps plugin objects per process, and Material's search plugin would
    merge the index it kept from that session into this build's."""
    for plugin in config.plugins.values():
        if _is_material(plugin, "search", "SearchPlugin") and not getattr(plugin, "is_dirty", True):
            plugin.search_index_prev = None


def _page_of(entry: Mapping[str, Any]) -> str:
    """The page URL of a search entry (its location up to '#')."""
    return str(entry.get("location", "")).partition("#")[0]


def _is_material(plugin: object, package: str, name: str) -> bool:
    cls = type(plugin)
    return cls.__module__ == f"material.plugins.{package}.plugin" and cls.__name__ == name


def content_digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=20).hexdigest()


# --- the site-wide fingerprint ------------------------------------------------------------


def site_fingerprint(config: MkDocsConfig, nav: Navigation | None) -> str:
    """A digest of everything besides its own content that a page's HTML depends on: the
    mkdocs.yml text, every config value (site_name, theme with its features and palette,
    extra, extra_css/js, markdown_extensions and mdx_configs, repo_url, copyright...), each
    plugin's options, custom_dir's files (names, mtimes, sizes), the nav with its titles
    (read from the pages by now), the tags plugin's listings and the build date."""
    digest = hashlib.blake2b(digest_size=20)

    def add(label: str, value: object) -> None:
        text = json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, default=str)
        digest.update(f"\0{label}\0{text}".encode())

    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    add("config", {k: v for k, v in config.items() if k not in ("plugins", "theme")})
    theme = config.theme
    add(
        "theme",
        {
            "vars": dict(theme),
            "dirs": theme.dirs,
            "custom_dir": theme.custom_dir,
            "static_templates": sorted(theme.static_templates),
        },
    )
    add("custom_dir", folder_stamp(theme.custom_dir))
    add(
        "plugins",
        {name: [_plain(type(p)), dict(p.config)] for name, p in config.plugins.items()},
    )
    add("nav", _nav_items(nav.items) if nav is not None else None)
    add("tags", _tag_listings(config))
    add("date", get_build_date())
    return digest.hexdigest()


def _nav_items(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        kind = "section" if item.is_section else "page" if item.is_page else "link"
        entry = [kind, None if item.title is None else str(item.title)]
        if item.is_section:
            entry.append(_nav_items(item.children or []))
        else:
            entry.append(item.url)
        result.append(entry)
    return result


def _listings(config: MkDocsConfig) -> list[Any]:
    """The tags plugin's listings (each on a page, filled with every page's tags)."""
    found = []
    for plugin in config.plugins.values():
        if _is_material(plugin, "tags", "TagsPlugin") and plugin.config.enabled:
            found += list(getattr(plugin, "listings", ()))
    return found


def _tag_listings(config: MkDocsConfig) -> list[Any]:
    """Where the tags plugin lists each tag: every page's tag links point there."""
    found = [
        [listing.page.url, str(listing.page.title), str(listing.id), _plain(listing.config)]
        for listing in _listings(config)
    ]
    return sorted(found, key=repr)


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _plain(value: object, depth: int = 0) -> Any:
    """`value` as JSON-able data that is equal for equal configs (no memory addresses)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if depth > 12:
        return _ADDRESS.sub("", repr(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v, depth + 1) for v in value), key=repr)
    if isinstance(value, functools.partial):
        return [
            "partial",
            _plain(value.func, depth + 1),
            _plain(value.args, depth + 1),
            _plain(value.keywords, depth + 1),
        ]
    if isinstance(value, type) or callable(value):
        name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
        if name:
            return f"{getattr(value, '__module__', '')}.{name}"
    return _ADDRESS.sub("", repr(value))
